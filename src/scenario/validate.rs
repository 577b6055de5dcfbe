//! Semantic checks on a parsed scenario: ranges, combinations and names, reported by key path.
use super::types::*;
use crate::error::Result;
use crate::pricing::Catalog;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::check::{Check, BIG};

/// Named traffic-profile presets (see `capacity::preset_weights`).
pub const PRESETS: [&str; 4] = ["business-hours", "evening-peak", "night-batch", "spiky"];

pub fn validate(file: &str, s: &Scenario, catalog: &Catalog) -> Result<()> {
    let c = Check { file };
    if let Some(v) = s.schema {
        if v != 1 {
            return Err(c.fail(
                "schema",
                format!("schema {v} is not supported; this archcost reads schema 1"),
                "remove the `schema` key or set it to 1",
            ));
        }
    }
    super::text_limits::check(file, s)?;
    if s.name.trim().is_empty() {
        return Err(c.fail(
            "name",
            "the name is empty",
            "give the scenario a name, e.g. name = \"Order API\"",
        ));
    }
    check_region(&c, "region", &s.region, catalog)?;
    let a = &s.assumptions;
    c.range(
        "assumptions.hours_per_month",
        a.hours_per_month,
        dec!(1),
        dec!(744),
        "hours",
    )?;
    if a.currency == Currency::JPY && a.usd_jpy.is_none() {
        return Err(c.fail(
            "assumptions.usd_jpy",
            "currency = \"JPY\" needs an exchange rate",
            "add usd_jpy = 150.0 (yen per dollar) and fx_date = \"YYYY-MM-DD\" (the rate's date)",
        ));
    }
    if let Some(tax) = a.tax_rate {
        c.range(
            "assumptions.tax_rate",
            tax,
            dec!(0),
            dec!(0.99),
            "as a fraction (0.10 = 10 %)",
        )?;
    }
    if let Some(rate) = a.usd_jpy {
        c.range(
            "assumptions.usd_jpy",
            rate,
            dec!(0.0001),
            dec!(100000),
            "yen per USD",
        )?;
    }
    if let Some(d) = &a.fx_date {
        if !is_date(d) {
            return Err(c.fail(
                "assumptions.fx_date",
                format!("`{d}` is not a date"),
                "write it as YYYY-MM-DD",
            ));
        }
    }
    validate_workload(&c, &s.workload)?;
    super::validate_net::check_logs(&c, s)?;
    if s.architectures.is_empty() {
        return Err(c.fail(
            "architecture",
            "no [[architecture]] is defined",
            "add at least one [[architecture]] with a name and web/app/db tiers",
        ));
    }
    for (i, arch) in s.architectures.iter().enumerate() {
        let base = format!("architecture[{i}]");
        if arch.name.trim().is_empty() {
            return Err(c.fail(
                &format!("{base}.name"),
                "the name is empty",
                "name every architecture",
            ));
        }
        if s.architectures[..i].iter().any(|o| o.name == arch.name) {
            return Err(c.fail(
                &format!("{base}.name"),
                format!("the name `{}` is used twice", arch.name),
                "give every architecture its own name",
            ));
        }
        let base = format!("architecture[{i}] ({})", arch.name);
        let region = arch.region.as_deref().unwrap_or(&s.region);
        if let Some(r) = &arch.region {
            check_region(&c, &format!("{base}.region"), r, catalog)?;
        }
        if arch.web.is_none() && arch.app.is_none() && arch.db.is_none() {
            return Err(c.fail(
                &base,
                "the architecture has no tier",
                "add at least one of web = {...}, app = {...}, db = {...}",
            ));
        }
        for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
            if let Some(svc) = svc {
                validate_service(&c, &format!("{base}.{tier}"), tier, svc, s, region, catalog)?;
            }
        }
        let e = &arch.extras;
        for (k, v) in [
            ("nat_gateways", e.nat_gateways),
            ("ecr_gb", e.ecr_gb),
            ("eks_clusters", e.eks_clusters),
            ("data_transfer_out_gb", e.data_transfer_out_gb),
        ] {
            c.non_negative(&format!("{base}.extras.{k}"), v, BIG)?;
        }
        c.whole(&format!("{base}.extras.nat_gateways"), e.nat_gateways)?;
        super::validate_net::check_arch(&c, &base, arch)?;
        c.whole(&format!("{base}.extras.eks_clusters"), e.eks_clusters)?;
    }
    for (key, value) in &s.quotas {
        let raisable = crate::limit_tables::table()
            .rows
            .get(key)
            .is_some_and(|r| r.kind == "quota");
        if !raisable {
            let hint = match super::suggest::closest(key, &crate::limit_tables::quota_ids()) {
                Some(b) => format!("did you mean \"{b}\"?"),
                None => "`archcost limits SCENARIO` lists every limit id; hard limits cannot be overridden".to_string(),
            };
            return Err(c.fail(
                &format!("quotas.\"{key}\""),
                format!("`{key}` is not a raisable quota"),
                hint,
            ));
        }
        let ok = match value {
            toml::Value::Integer(i) => *i >= 0,
            toml::Value::Float(f) => f.is_finite() && *f >= 0.0,
            _ => false,
        };
        if !ok {
            return Err(c.fail(
                &format!("quotas.{key}"),
                "expected a non-negative number (the quota value applied to your account)",
                "write e.g. \"lambda.concurrency\" = 3000",
            ));
        }
    }
    Ok(())
}

fn is_date(d: &str) -> bool {
    crate::date::is_date(d)
}

fn check_region(c: &Check, path: &str, region: &str, catalog: &Catalog) -> Result<()> {
    if catalog.regions().iter().any(|r| r == region) {
        return Ok(());
    }
    let (message, hint) = super::suggest::region(region, catalog);
    Err(c.fail(path, message, hint))
}

fn validate_workload(c: &Check, w: &Workload) -> Result<()> {
    match (w.requests_per_month, w.requests_per_second) {
        (Some(_), Some(_)) => {
            return Err(c.fail(
                "workload",
                "both requests_per_month and requests_per_second are set",
                "keep exactly one of them",
            ))
        }
        (None, None) => {
            return Err(c.fail(
                "workload.requests_per_month",
                "the request volume is missing",
                "set requests_per_month = 30_000_000 (or requests_per_second, a monthly average)",
            ))
        }
        (Some(m), None) => c.non_negative("workload.requests_per_month", m, BIG)?,
        (None, Some(r)) => {
            c.non_negative("workload.requests_per_second", r, dec!(1_000_000_000))?
        }
    }
    c.non_negative("workload.duration_ms", w.duration_ms, dec!(86_400_000))?;
    c.non_negative("workload.request_kb", w.request_kb, dec!(10_485_760))?;
    c.non_negative("workload.response_kb", w.response_kb, dec!(10_485_760))?;
    c.non_negative(
        "workload.db_reads_per_request",
        w.db_reads_per_request,
        dec!(10000),
    )?;
    c.non_negative(
        "workload.db_writes_per_request",
        w.db_writes_per_request,
        dec!(10000),
    )?;
    c.non_negative("workload.storage_gb", w.storage_gb, dec!(1_000_000_000))?;
    if w.item_kb <= Decimal::ZERO {
        return Err(c.fail(
            "workload.item_kb",
            format!("{} is not a size; expected more than 0 KB", w.item_kb),
            "set item_kb to the average item size, e.g. 1.0",
        ));
    }
    c.non_negative("workload.item_kb", w.item_kb, dec!(1_048_576))?;
    c.range(
        "workload.peak_to_average",
        w.peak_to_average,
        dec!(1),
        dec!(1000),
        "(busiest second / hour average)",
    )?;
    match &w.profile {
        Profile::Flat => {}
        Profile::Preset(name) => {
            if !PRESETS.contains(&name.as_str()) {
                let hint = match super::suggest::closest(name, &PRESETS) {
                    Some(b) => format!("did you mean `{b}`?"),
                    None => format!(
                        "use \"flat\", one of {}, or an array of 24 hourly weights",
                        PRESETS.join(", ")
                    ),
                };
                return Err(c.fail(
                    "workload.profile",
                    format!("unknown profile `{name}`"),
                    hint,
                ));
            }
        }
        Profile::Weights(ws) => {
            if ws.len() != 24 {
                return Err(c.fail(
                    "workload.profile",
                    format!(
                        "{} hourly weights given; expected 24 (hour 0 to hour 23, local time)",
                        ws.len()
                    ),
                    "give one weight per hour of the day",
                ));
            }
            if ws
                .iter()
                .any(|w| *w < Decimal::ZERO || *w > dec!(1_000_000))
                || ws.iter().sum::<Decimal>() <= Decimal::ZERO
            {
                return Err(c.fail(
                    "workload.profile",
                    "weights must be between 0 and 1,000,000 and not all 0",
                    "use relative traffic per hour, e.g. 1 at night and 10 at noon",
                ));
            }
        }
    }
    Ok(())
}

/// (min GB, max GB, step GB) ranges of memory for one vCPU size.
pub type MemoryRanges = &'static [(Decimal, Decimal, Decimal)];

/// Fargate's supported task sizes (AWS Fargate pricing page "Supported configurations" and the
/// ECS task definition size table): vCPU -> (min GB, max GB, step GB).
pub const FARGATE_SIZES: [(Decimal, MemoryRanges); 7] = [
    (
        dec!(0.25),
        &[(dec!(0.5), dec!(0.5), dec!(1)), (dec!(1), dec!(2), dec!(1))],
    ),
    (dec!(0.5), &[(dec!(1), dec!(4), dec!(1))]),
    (dec!(1), &[(dec!(2), dec!(8), dec!(1))]),
    (dec!(2), &[(dec!(4), dec!(16), dec!(1))]),
    (dec!(4), &[(dec!(8), dec!(30), dec!(1))]),
    (dec!(8), &[(dec!(16), dec!(60), dec!(4))]),
    (dec!(16), &[(dec!(32), dec!(120), dec!(8))]),
];

pub fn fargate_size_ok(vcpu: Decimal, memory_gb: Decimal) -> bool {
    FARGATE_SIZES.iter().any(|(v, ranges)| {
        *v == vcpu
            && ranges.iter().any(|(lo, hi, step)| {
                memory_gb >= *lo && memory_gb <= *hi && ((memory_gb - lo) % step).is_zero()
            })
    })
}

fn fargate_sizes_text() -> String {
    "0.25 vCPU: 0.5/1/2 GB; 0.5: 1-4 GB; 1: 2-8 GB; 2: 4-16 GB; 4: 8-30 GB (1 GB steps); 8: 16-60 GB (4 GB steps); 16: 32-120 GB (8 GB steps)".to_string()
}

fn validate_service(
    c: &Check,
    base: &str,
    tier: &str,
    svc: &Service,
    s: &Scenario,
    region: &str,
    catalog: &Catalog,
) -> Result<()> {
    validate_settings(c, base, tier, svc, s, region, catalog)?;
    super::purchase::check(svc, region, catalog)
        .map_err(|(key, problem, hint)| c.fail(&format!("{base}.{key}"), problem, hint))
}

fn validate_settings(
    c: &Check,
    base: &str,
    tier: &str,
    svc: &Service,
    s: &Scenario,
    region: &str,
    catalog: &Catalog,
) -> Result<()> {
    let p = |k: &str| format!("{base}.{k}");
    let hours = s.assumptions.hours_per_month;
    match svc {
        Service::ApiGateway(g) => {
            if g.api != ApiKind::Rest && g.endpoint != Endpoint::Regional {
                return Err(c.fail(
                    &p("endpoint"),
                    "only REST APIs can be edge-optimized or private; HTTP and WebSocket APIs are regional",
                    "use api = \"rest\" or endpoint = \"regional\"",
                ));
            }
            if let Some(gb) = g.cache_gb {
                if g.api != ApiKind::Rest {
                    return Err(c.fail(
                        &p("cache_gb"),
                        "API caching exists only for REST APIs",
                        "remove cache_gb or use api = \"rest\"",
                    ));
                }
                let sizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];
                if !sizes.contains(&gb.normalize().to_string().as_str()) {
                    return Err(c.fail(
                        &p("cache_gb"),
                        format!("{gb} GB is not a cache size"),
                        format!("use one of {} (GB)", sizes.join(", ")),
                    ));
                }
            }
            if let Some(r) = g.waf_rules {
                if g.api != ApiKind::Rest {
                    return Err(c.fail(&p("waf_rules"), "AWS WAF can protect REST APIs but not HTTP or WebSocket APIs", "remove waf_rules, or use api = \"rest\" (or put an ALB/CloudFront with WAF in front)"));
                }
                c.non_negative(&p("waf_rules"), r, dec!(1000))?;
                c.whole(&p("waf_rules"), r)?;
            }
            if g.api != ApiKind::Websocket
                && (g.connection_minutes_per_month.is_some() || g.average_connections.is_some())
            {
                return Err(c.fail(
                    &p("connection_minutes_per_month"),
                    "connection minutes are billed only for WebSocket APIs",
                    "remove the key or use api = \"websocket\"",
                ));
            }
            if g.connection_minutes_per_month.is_some() && g.average_connections.is_some() {
                return Err(c.fail(
                    base,
                    "both connection_minutes_per_month and average_connections are set",
                    "keep one of them",
                ));
            }
            if let Some(v) = g.connection_minutes_per_month {
                c.non_negative(&p("connection_minutes_per_month"), v, BIG)?;
            }
            if let Some(v) = g.connection_duration_s {
                if g.api != ApiKind::Websocket {
                    return Err(c.fail(
                        &p("connection_duration_s"),
                        "connection_duration_s applies to WebSocket APIs",
                        "remove it or use api = \"websocket\"",
                    ));
                }
                c.range(
                    &p("connection_duration_s"),
                    v,
                    dec!(0.001),
                    dec!(1_000_000),
                    "seconds",
                )?;
            }
            if let Some(v) = g.average_connections {
                c.non_negative(&p("average_connections"), v, dec!(100_000_000))?;
            }
            if let Some(azs) = g.private_endpoint_azs {
                if g.endpoint != Endpoint::Private {
                    return Err(c.fail(
                        &p("private_endpoint_azs"),
                        "set only for endpoint = \"private\"",
                        "remove it or set endpoint = \"private\"",
                    ));
                }
                c.range(
                    &p("private_endpoint_azs"),
                    azs,
                    dec!(1),
                    dec!(6),
                    "Availability Zones",
                )?;
                c.whole(&p("private_endpoint_azs"), azs)?;
            }
            if let Some(t) = g.timeout_s {
                c.range(&p("timeout_s"), t, dec!(0.05), dec!(86400), "seconds")?;
            }
            if let Some(t) = g.throttle_rps {
                c.range(
                    &p("throttle_rps"),
                    t,
                    dec!(0),
                    dec!(100_000_000),
                    "requests per second",
                )?;
            }
        }
        Service::Alb(a) => {
            c.range(&p("count"), a.count, dec!(1), dec!(1000), "load balancers")?;
            c.whole(&p("count"), a.count)?;
            c.non_negative(&p("rules"), a.rules, dec!(10000))?;
            if let Some(r) = a.waf_rules {
                c.non_negative(&p("waf_rules"), r, dec!(1000))?;
                c.whole(&p("waf_rules"), r)?;
            }
            c.range(
                &p("requests_per_connection"),
                a.requests_per_connection,
                dec!(1),
                dec!(1_000_000),
                "requests",
            )?;
            c.range(
                &p("connection_duration_s"),
                a.connection_duration_s,
                dec!(0.001),
                dec!(4000),
                "seconds",
            )?;
            // "[Application Load Balancers] You must specify subnets from at least two
            // Availability Zones" (ELBv2 CreateLoadBalancer API reference).
            c.range(&p("azs"), a.azs(), dec!(2), dec!(6), "Availability Zones")?;
            c.whole(&p("azs"), a.azs())?;
        }
        Service::Ec2(e) => {
            let key = format!("ec2.linux.{}", e.instance);
            if e.os != Os::Linux {
                return Err(c.fail(
                    &p("os"),
                    "only Linux on-demand prices are in the catalog",
                    "use os = \"linux\"",
                ));
            }
            if !catalog.has(&key, region) {
                let (message, hint) = super::suggest::instance(
                    catalog,
                    region,
                    "ec2.linux.",
                    &e.instance,
                    "EC2 instance",
                );
                return Err(c.fail(&p("instance"), message, hint));
            }
            if e.rps_per_instance.is_some() && e.rps_per_vcpu.is_some() {
                return Err(c.fail(&p("rps_per_vcpu"), "both rps_per_instance and rps_per_vcpu are set", "keep one: rps_per_instance for this type, or rps_per_vcpu (scaled by the type's vCPUs)"));
            }
            if e.rps_per_vcpu.is_some() && crate::limits::ec2::vcpu_of(&e.instance).is_none() {
                return Err(c.fail(&p("rps_per_vcpu"), format!("the vCPUs of {} are not in limits/ec2-vcpus.csv", e.instance), "use rps_per_instance for this type, or add its vCPUs (with a source) to limits/ec2-vcpus.csv"));
            }
            if let Some(u) = e.max_utilization {
                c.range(
                    &p("max_utilization"),
                    u,
                    dec!(0.01),
                    dec!(1),
                    "(a share of capacity)",
                )?;
            }
            match (e.count, e.rps_per_unit()) {
                (Some(_), Some(_)) => return Err(c.fail(base, "both count and rps_per_instance (or rps_per_vcpu) are set", "use count for a fixed fleet, or rps_per_instance / rps_per_vcpu with min/max to scale hour by hour")),
                (None, None) => return Err(c.fail(&p("count"), "the fleet size is missing", "set count = 2, or rps_per_instance = 100 with min and max")),
                (Some(n), None) => {
                    c.non_negative(&p("count"), n, dec!(100000))?;
                    c.whole(&p("count"), n)?;
                    if e.min.is_some() || e.max.is_some() {
                        return Err(c.fail(&p("min"), "min/max apply only with rps_per_instance", "remove min/max or use rps_per_instance"));
                    }
                }
                (None, Some(r)) => {
                    check_scaling(c, base, r, e.min, e.max, "rps_per_instance", "min", "max")?;
                }
            }
            if let Some(gb) = e.ebs_gb {
                c.non_negative(&p("ebs_gb"), gb, dec!(1_000_000))?;
            }
            if e.load_balancer.is_some() && tier != "web" {
                return Err(c.fail(
                    &p("load_balancer"),
                    format!("a load balancer goes in front of the web tier, not the {tier} tier"),
                    "remove load_balancer here, or put the EC2 fleet in the web tier",
                ));
            }
        }
        Service::Lambda(l) => {
            c.range(&p("memory_mb"), l.memory_mb, dec!(128), dec!(10240), "MB")?;
            c.whole(&p("memory_mb"), l.memory_mb)?;
            c.range(
                &p("ephemeral_storage_mb"),
                l.ephemeral_storage_mb,
                dec!(512),
                dec!(10240),
                "MB",
            )?;
            c.whole(&p("ephemeral_storage_mb"), l.ephemeral_storage_mb)?;
            if let Some(d) = l.duration_ms {
                c.non_negative(&p("duration_ms"), d, dec!(86_400_000))?;
            }
            if let Some(t) = l.timeout_s {
                c.range(&p("timeout_s"), t, dec!(1), dec!(86400), "seconds")?;
            }
            c.non_negative(
                &p("provisioned_concurrency"),
                l.provisioned_concurrency,
                dec!(1_000_000),
            )?;
            c.whole(&p("provisioned_concurrency"), l.provisioned_concurrency)?;
            if let Some(h) = l.provisioned_hours {
                c.range(
                    &p("provisioned_hours"),
                    h,
                    dec!(0),
                    hours,
                    "hours (assumptions.hours_per_month)",
                )?;
            }
            c.range(
                &p("provisioned_requests_share"),
                l.provisioned_requests_share,
                dec!(0),
                dec!(1),
                "(a share)",
            )?;
            if l.provisioned_requests_share > Decimal::ZERO && l.provisioned_concurrency.is_zero() {
                return Err(c.fail(&p("provisioned_requests_share"), "requests are served by provisioned environments but provisioned_concurrency is 0", "set provisioned_concurrency, or remove the share"));
            }
            c.range(
                &p("nat_gateways"),
                l.nat_gateways,
                dec!(1),
                dec!(100),
                "NAT gateways",
            )?;
            c.whole(&p("nat_gateways"), l.nat_gateways)?;
            if let Some(kb) = l.nat_kb_per_request {
                if !l.vpc {
                    return Err(c.fail(
                        &p("nat_kb_per_request"),
                        "set only when vpc = true",
                        "remove it or set vpc = true",
                    ));
                }
                c.non_negative(&p("nat_kb_per_request"), kb, dec!(10_485_760))?;
            }
        }
        Service::Fargate(f) => {
            if !fargate_size_ok(f.vcpu, f.memory_gb) {
                return Err(c.fail(
                    base,
                    format!(
                        "{} vCPU with {} GB is not a Fargate task size",
                        f.vcpu.normalize(),
                        f.memory_gb.normalize()
                    ),
                    format!("valid sizes: {}", fargate_sizes_text()),
                ));
            }
            c.range(
                &p("ephemeral_storage_gb"),
                f.ephemeral_storage_gb,
                dec!(20),
                dec!(200),
                "GB",
            )?;
            if f.os == Os::Windows && f.arch == CpuArch::Arm64 {
                return Err(c.fail(
                    &p("arch"),
                    "Fargate Windows tasks run on x86_64 only",
                    "use arch = \"x86_64\" with os = \"windows\"",
                ));
            }
            if f.platform == Platform::Eks && (f.os == Os::Windows || f.arch == CpuArch::Arm64) {
                return Err(c.fail(&p("platform"), "Windows and ARM on Fargate are available only for Amazon ECS (AWS Fargate pricing page)", "use platform = \"ecs\", or Linux x86_64 on EKS"));
            }
            if f.os == Os::Windows && svc.terms().purchase == Purchase::Spot {
                return Err(c.fail(
                    &p("spot_share"),
                    "Fargate Spot does not run Windows tasks",
                    "remove spot_share / purchase = \"spot\" for Windows tasks",
                ));
            }
            if f.rps_per_task.is_some() && f.rps_per_vcpu.is_some() {
                return Err(c.fail(
                    &p("rps_per_vcpu"),
                    "both rps_per_task and rps_per_vcpu are set",
                    "keep one: rps_per_task for this task size, or rps_per_vcpu (scaled by vcpu)",
                ));
            }
            if let Some(u) = f.max_utilization {
                c.range(
                    &p("max_utilization"),
                    u,
                    dec!(0.01),
                    dec!(1),
                    "(a share of capacity)",
                )?;
            }
            match (f.tasks, f.rps_per_unit()) {
                (Some(_), Some(_)) => return Err(c.fail(base, "both tasks and rps_per_task (or rps_per_vcpu) are set", "use tasks (+ running_hours) for a fixed service, or rps_per_task / rps_per_vcpu with min_tasks/max_tasks to scale")),
                (None, None) => return Err(c.fail(&p("tasks"), "the task count is missing", "set tasks = 2, or rps_per_task = 50 with min_tasks and max_tasks")),
                (Some(n), None) => {
                    c.non_negative(&p("tasks"), n, dec!(100000))?;
                    c.whole(&p("tasks"), n)?;
                    if f.min_tasks.is_some() || f.max_tasks.is_some() {
                        return Err(c.fail(&p("min_tasks"), "min_tasks/max_tasks apply only with rps_per_task", "remove them or use rps_per_task"));
                    }
                    if let Some(h) = f.running_hours {
                        c.range(&p("running_hours"), h, dec!(0), hours, "hours (assumptions.hours_per_month)")?;
                    }
                }
                (None, Some(r)) => {
                    if f.running_hours.is_some() {
                        return Err(c.fail(&p("running_hours"), "running_hours applies only with a fixed `tasks` count", "remove running_hours when scaling with rps_per_task"));
                    }
                    check_scaling(c, base, r, f.min_tasks, f.max_tasks, "rps_per_task", "min_tasks", "max_tasks")?;
                }
            }
        }
        Service::Dynamodb(d) => {
            if d.capacity == Capacity::OnDemand && (d.rcu.is_some() || d.wcu.is_some()) {
                return Err(c.fail(
                    &p("rcu"),
                    "rcu/wcu apply only to provisioned capacity",
                    "remove them or set capacity = \"provisioned\"",
                ));
            }
            for (k, v) in [("rcu", d.rcu), ("wcu", d.wcu)] {
                if let Some(v) = v {
                    c.non_negative(&p(k), v, dec!(100_000_000))?;
                    c.whole(&p(k), v)?;
                }
            }
            c.range(
                &p("target_utilization"),
                d.target_utilization,
                dec!(0.2),
                dec!(0.9),
                "(DynamoDB auto scaling accepts 20 % to 90 %)",
            )?;
        }
        Service::Rds(r) => {
            let key = r.instance_key();
            let prefix = &key[..key.len() - r.instance.len()];
            if !catalog.has(&key, region) {
                let what = format!(
                    "RDS {} {} class",
                    r.engine.key(),
                    r.az_key().replace('_', "-")
                );
                let (message, hint) =
                    super::suggest::instance(catalog, region, prefix, &r.instance, &what);
                return Err(c.fail(&p("instance"), message, hint));
            }
            if r.engine.is_aurora() {
                if r.storage_type.is_some() {
                    return Err(c.fail(
                        &p("storage_type"),
                        "Aurora has one cluster storage type (I/O-Standard here); storage_type applies to mysql, postgresql and mariadb",
                        "remove storage_type",
                    ));
                }
                if let Some(gb) = r.storage_gb {
                    c.non_negative(&p("storage_gb"), gb, dec!(131072))?;
                }
                if let Some(n) = r.ios_per_request {
                    c.non_negative(&p("ios_per_request"), n, dec!(1_000_000))?;
                }
            } else {
                if r.ios_per_request.is_some() {
                    return Err(c.fail(
                        &p("ios_per_request"),
                        "ios_per_request applies only to Aurora (I/O-Standard bills each I/O request)",
                        "remove it, or use engine = \"aurora-mysql\" / \"aurora-postgresql\"",
                    ));
                }
                let io1 = r.storage_type == Some(StorageType::Io1);
                let (min_gb, kind) = if io1 {
                    (dec!(100), "GB (RDS io1 storage)")
                } else {
                    (dec!(20), "GB (RDS gp2/gp3 storage)")
                };
                if let Some(gb) = r.storage_gb {
                    c.range(&p("storage_gb"), gb, min_gb, dec!(65536), kind)?;
                }
                match (io1, r.iops) {
                    (true, None) => {
                        return Err(c.fail(
                            &p("iops"),
                            "io1 storage needs its provisioned IOPS",
                            "add iops = 3000 (1,000 to 256,000)",
                        ))
                    }
                    (true, Some(iops)) => {
                        c.range(
                            &p("iops"),
                            iops,
                            dec!(1000),
                            dec!(256000),
                            "provisioned IOPS",
                        )?;
                        c.whole(&p("iops"), iops)?;
                    }
                    (false, Some(_)) => {
                        return Err(c.fail(
                            &p("iops"),
                            "iops applies only to io1 storage",
                            "remove iops, or set storage_type = \"io1\"",
                        ))
                    }
                    (false, None) => {}
                }
            }
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn check_scaling(
    c: &Check,
    base: &str,
    rps: Decimal,
    min: Option<Decimal>,
    max: Option<Decimal>,
    rps_key: &str,
    min_key: &str,
    max_key: &str,
) -> Result<()> {
    let p = |k: &str| format!("{base}.{k}");
    if rps < dec!(0.001) || rps > dec!(10_000_000) {
        return Err(c.fail(
            &p(rps_key),
            format!(
                "{rps} is out of range; expected 0.001 to 10,000,000 requests per second per unit"
            ),
            format!("set {rps_key} to what one unit serves at its target load"),
        ));
    }
    let lo = min.unwrap_or(Decimal::ONE);
    c.non_negative(&p(min_key), lo, dec!(100000))?;
    c.whole(&p(min_key), lo)?;
    if let Some(hi) = max {
        c.non_negative(&p(max_key), hi, dec!(100000))?;
        c.whole(&p(max_key), hi)?;
        if hi < lo {
            return Err(c.fail(
                &p(max_key),
                format!("{max_key} ({hi}) is below {min_key} ({lo})"),
                format!("make {max_key} at least {min_key}"),
            ));
        }
    }
    Ok(())
}
