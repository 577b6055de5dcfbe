//! Semantic checks on a parsed scenario: ranges, combinations and names, reported by key path.
use super::types::*;
use crate::error::Result;
use crate::pricing::Catalog;
use crate::said;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::check::{Check, SettingsCheck, ValidateSettings, BIG};

/// Named traffic-profile presets (see `capacity::preset_weights`).
pub const PRESETS: [&str; 4] = ["business-hours", "evening-peak", "night-batch", "spiky"];

/// Every semantic check of a parsed scenario, in file order; the first problem found is the
/// error (key path, what is wrong, a hint).
pub fn validate(file: &str, s: &Scenario, catalog: &Catalog) -> Result<()> {
    let c = Check { file };
    if let Some(v) = s.schema {
        if v != 1 {
            return Err(c.fail(
                "schema",
                said!("error.check.schema", v.to_string()),
                said!("error.check.schema_hint"),
            ));
        }
    }
    super::text_limits::check(file, s)?;
    if s.name.trim().is_empty() {
        return Err(c.fail(
            "name",
            said!("error.check.name_empty"),
            said!("error.check.name_scenario_hint"),
        ));
    }
    check_region(&c, "region", &s.region, catalog)?;
    check_assumptions(&c, &s.assumptions)?;
    validate_workload(&c, &s.workload)?;
    super::validate_net::check_logs(&c, s)?;
    if s.architectures.is_empty() {
        return Err(c.fail(
            "architecture",
            said!("error.check.no_architecture"),
            said!("error.check.no_architecture_hint"),
        ));
    }
    for i in 0..s.architectures.len() {
        check_architecture(&c, s, i, catalog)?;
    }
    check_quotas(&c, s)
}

/// Assumptions: hours in a month, currency and exchange rate, tax.
fn check_assumptions(c: &Check, a: &Assumptions) -> Result<()> {
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
            said!("error.check.jpy_needs_rate"),
            said!("error.check.jpy_needs_rate_hint"),
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
                said!("error.check.not_a_date", d),
                said!("error.check.date_hint"),
            ));
        }
    }
    Ok(())
}

/// One `[[architecture]]`: its name, region, tiers (each service's keys and purchase keys),
/// extras and network keys.
fn check_architecture(c: &Check, s: &Scenario, i: usize, catalog: &Catalog) -> Result<()> {
    let arch = &s.architectures[i];
    let base = format!("architecture[{i}]");
    if arch.name.trim().is_empty() {
        return Err(c.fail(
            &format!("{base}.name"),
            said!("error.check.name_empty"),
            said!("error.check.name_architecture_hint"),
        ));
    }
    if s.architectures[..i].iter().any(|o| o.name == arch.name) {
        return Err(c.fail(
            &format!("{base}.name"),
            said!("error.check.name_twice", &arch.name),
            said!("error.check.name_twice_hint"),
        ));
    }
    let base = format!("architecture[{i}] ({})", arch.name);
    let region = arch.region.as_deref().unwrap_or(&s.region);
    if let Some(r) = &arch.region {
        check_region(c, &format!("{base}.region"), r, catalog)?;
    }
    if arch.web.is_none() && arch.app.is_none() && arch.db.is_none() {
        return Err(c.fail(
            &base,
            said!("error.check.no_tier"),
            said!("error.check.no_tier_hint"),
        ));
    }
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        if let Some(svc) = svc {
            validate_service(c, &format!("{base}.{tier}"), tier, svc, s, region, catalog)?;
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
    super::validate_net::check_arch(c, &base, arch)?;
    c.whole(&format!("{base}.extras.eks_clusters"), e.eks_clusters)?;
    Ok(())
}

/// `[quotas]`: only raisable quotas, each a non-negative number.
fn check_quotas(c: &Check, s: &Scenario) -> Result<()> {
    for (key, value) in &s.quotas {
        let raisable = crate::limit_tables::table()
            .rows
            .get(key.as_str())
            .is_some_and(|r| r.kind == "quota");
        if !raisable {
            let hint = match super::suggest::closest(key, &crate::limit_tables::quota_ids()) {
                Some(b) => said!("error.svc.scenario.quota_did_you_mean", b),
                None => said!("error.svc.scenario.quota_list_hint"),
            };
            return Err(c.fail(
                &format!("quotas.\"{key}\""),
                said!("error.svc.scenario.not_quota", key),
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
                said!("error.svc.scenario.quota_not_number"),
                said!("error.svc.scenario.quota_not_number_hint"),
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
                said!("error.check.both_volumes"),
                said!("error.check.both_volumes_hint"),
            ))
        }
        (None, None) => {
            return Err(c.fail(
                "workload.requests_per_month",
                said!("error.check.no_volume"),
                said!("error.check.no_volume_hint"),
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
            said!("error.svc.scenario.not_item_size", w.item_kb),
            said!("error.svc.scenario.not_item_size_hint"),
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
                    Some(b) => said!("error.toml.did_you_mean", b),
                    None => said!("error.check.profile_hint", PRESETS.join(", ")),
                };
                return Err(c.fail(
                    "workload.profile",
                    said!("error.check.unknown_profile", name),
                    hint,
                ));
            }
        }
        Profile::Weights(ws) => {
            if ws.len() != 24 {
                return Err(c.fail(
                    "workload.profile",
                    said!("error.check.weights_count", ws.len()),
                    said!("error.check.weights_count_hint"),
                ));
            }
            if ws
                .iter()
                .any(|w| *w < Decimal::ZERO || *w > dec!(1_000_000))
                || ws.iter().sum::<Decimal>() <= Decimal::ZERO
            {
                return Err(c.fail(
                    "workload.profile",
                    said!("error.check.weights_range"),
                    said!("error.check.weights_range_hint"),
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

/// The tier's own keys (checked beside its cost model in services/, see `ValidateSettings`),
/// then its purchase keys.
fn validate_service(
    c: &Check,
    base: &str,
    tier: &str,
    svc: &Service,
    s: &Scenario,
    region: &str,
    catalog: &Catalog,
) -> Result<()> {
    let at = SettingsCheck {
        check: c,
        base,
        tier,
        scenario: s,
        region,
        catalog,
    };
    match svc {
        Service::ApiGateway(g) => g.validate_settings(&at),
        Service::Alb(a) => a.validate_settings(&at),
        Service::Ec2(e) => e.validate_settings(&at),
        Service::Lambda(l) => l.validate_settings(&at),
        Service::Fargate(f) => f.validate_settings(&at),
        Service::Dynamodb(d) => d.validate_settings(&at),
        Service::Rds(r) => r.validate_settings(&at),
    }?;
    super::purchase::check(svc, region, catalog)
        .map_err(|(key, problem, hint)| c.fail(&format!("{base}.{key}"), problem, hint))
}
