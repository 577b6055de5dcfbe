//! Limit checks: each architecture against the services' hard limits and quotas, driven by the
//! sourced table `limits/limits.csv` (value, unit, kind, source, remedy) and `[quotas]` overrides.
use crate::capacity::Load;
use crate::money;
use crate::scenario::{ApiKind, Architecture, Endpoint, Engine, Invocation, Scenario, Service};
use crate::services::Ctx;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

const LIMITS_CSV: &str = include_str!("../limits/limits.csv");
const RDS_MEMORY_CSV: &str = include_str!("../limits/rds-instance-memory.csv");
const EC2_CSV: &str = include_str!("../limits/ec2-instances.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warning,
    Exceeded,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Exceeded => "exceeded",
        }
    }
}

/// One checked limit for one tier of one architecture (DESIGN §3 `limits`).
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub tier: String,
    pub id: String,
    pub status: Status,
    pub value: String,
    pub limit: String,
    pub unit: String,
    /// `hard`, `quota` (default, can be raised), `behaviour` or `setting` (your own configuration).
    pub kind: String,
    pub message: String,
    pub remedy: String,
    pub source: String,
}

/// A row of `limits/limits.csv`.
#[derive(Debug, Clone)]
pub struct LimitRow {
    pub id: String,
    pub name: String,
    pub value: Decimal,
    pub unit: String,
    pub kind: String,
    pub source: String,
    pub remedy: String,
}

/// The limits table and RDS instance memory sizes, parsed once.
pub struct Limits {
    pub rows: BTreeMap<String, LimitRow>,
    pub rds_memory_gib: BTreeMap<String, (Decimal, String)>,
    /// EC2 instance type -> (vCPUs, source).
    pub ec2_vcpu: BTreeMap<String, (Decimal, String)>,
}

fn parse_csv(text: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records().filter_map(Result::ok).collect()
}

/// The compiled-in limits table (checked by tests; a bad row is skipped, never a panic).
pub fn table() -> &'static Limits {
    static T: OnceLock<Limits> = OnceLock::new();
    T.get_or_init(|| {
        let mut rows = BTreeMap::new();
        // id,service,name,value,unit,kind,applies_to,source,remedy
        for r in parse_csv(LIMITS_CSV) {
            let get = |i: usize| r.get(i).unwrap_or("").to_string();
            if let Ok(value) = Decimal::from_str(&get(3)) {
                rows.insert(
                    get(0),
                    LimitRow {
                        id: get(0),
                        name: get(2),
                        value,
                        unit: get(4),
                        kind: get(5),
                        source: get(7),
                        remedy: get(8),
                    },
                );
            }
        }
        let mut rds_memory_gib = BTreeMap::new();
        // instance,memory_gib,vcpu,source
        for r in parse_csv(RDS_MEMORY_CSV) {
            if let (Some(i), Some(Ok(m)), Some(src)) =
                (r.get(0), r.get(1).map(Decimal::from_str), r.get(3))
            {
                rds_memory_gib.insert(i.to_string(), (m, src.to_string()));
            }
        }
        let mut ec2_vcpu = BTreeMap::new();
        // instance,vcpu,memory_gib,arch,source
        for r in parse_csv(EC2_CSV) {
            if let (Some(i), Some(Ok(v)), Some(src)) =
                (r.get(0), r.get(1).map(Decimal::from_str), r.get(4))
            {
                ec2_vcpu.insert(i.to_string(), (v, src.to_string()));
            }
        }
        Limits {
            rows,
            rds_memory_gib,
            ec2_vcpu,
        }
    })
}

/// Ids of quotas a scenario may override in `[quotas]`.
pub fn quota_ids() -> Vec<&'static str> {
    table()
        .rows
        .values()
        .filter(|r| r.kind == "quota")
        .map(|r| r.id.as_str())
        .collect()
}

struct Checker<'a> {
    quotas: &'a BTreeMap<String, toml::Value>,
    out: Vec<Finding>,
}

fn fmt(v: Decimal) -> String {
    money::group(&money::round(v, 3).normalize().to_string())
}

fn quota_override(v: &toml::Value) -> Option<Decimal> {
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => crate::scenario::from_f64(*f),
        _ => None,
    }
}

impl Checker<'_> {
    /// Compare `value` with the table's limit `id`: above -> exceeded, above 80 % -> warning.
    fn check(&mut self, tier: &str, id: &str, value: Decimal, message: String) {
        let Some(row) = table().rows.get(id) else {
            return;
        };
        let mut limit = row.value;
        let mut source = row.source.clone();
        if row.kind == "quota" {
            if let Some(v) = self.quotas.get(id).and_then(quota_override) {
                limit = v;
                source = format!(
                    "your applied quota ([quotas] \"{id}\"); default {} per {}",
                    fmt(row.value),
                    row.source
                );
            }
        }
        self.push(
            tier,
            id,
            value,
            limit,
            &row.unit,
            &row.kind,
            message,
            &row.remedy,
            &source,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        tier: &str,
        id: &str,
        value: Decimal,
        limit: Decimal,
        unit: &str,
        kind: &str,
        message: String,
        remedy: &str,
        source: &str,
    ) {
        let status = if value > limit {
            Status::Exceeded
        } else if value > limit * dec!(0.8) {
            Status::Warning
        } else {
            Status::Ok
        };
        self.out.push(Finding {
            tier: tier.to_string(),
            id: id.to_string(),
            status,
            value: fmt(value),
            limit: fmt(limit),
            unit: unit.to_string(),
            kind: kind.to_string(),
            message,
            remedy: if status == Status::Ok {
                String::new()
            } else {
                remedy.to_string()
            },
            source: source.to_string(),
        });
    }

    /// A check against the scenario's own setting (e.g. a configured timeout or max_tasks).
    #[allow(clippy::too_many_arguments)]
    fn setting(
        &mut self,
        tier: &str,
        id: &str,
        value: Decimal,
        limit: Decimal,
        unit: &str,
        message: String,
        remedy: &str,
        key: &str,
    ) {
        self.push(
            tier,
            id,
            value,
            limit,
            unit,
            "setting",
            message,
            remedy,
            &format!("your scenario: {key}"),
        );
    }
}

/// Concurrent requests in flight at the busiest second: peak rps x seconds per request.
pub fn peak_in_flight(load: &Load, duration_ms: Decimal) -> Decimal {
    load.peak().peak_rps * duration_ms / dec!(1000)
}

/// Check one architecture. Findings are ordered by tier, then by check.
pub fn check(s: &Scenario, arch: &Architecture, ctx: &Ctx) -> Vec<Finding> {
    let mut c = Checker {
        quotas: &s.quotas,
        out: Vec::new(),
    };
    let w = &s.workload;
    let load = ctx.load;
    let peak = load.peak();
    let app_duration_ms = match &arch.app {
        Some(Service::Lambda(l)) => l.duration_ms.unwrap_or(w.duration_ms),
        _ => w.duration_ms,
    };
    let in_flight = peak_in_flight(load, app_duration_ms);
    let hour = |h: usize| format!("{h:02}:00");
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        let Some(svc) = svc else { continue };
        match svc {
            Service::ApiGateway(g) => {
                let (id, what) = match (g.api, g.endpoint) {
                    (ApiKind::Http, _) => ("apigw.http.integration_timeout_s", "HTTP API"),
                    (ApiKind::Websocket, _) => {
                        ("apigw.websocket.integration_timeout_s", "WebSocket API")
                    }
                    (ApiKind::Rest, Endpoint::Edge) => (
                        "apigw.rest.integration_timeout_s.edge",
                        "edge-optimized REST API",
                    ),
                    (ApiKind::Rest, Endpoint::Regional) => (
                        "apigw.rest.integration_timeout_s.regional",
                        "regional REST API",
                    ),
                    (ApiKind::Rest, Endpoint::Private) => (
                        "apigw.rest.integration_timeout_s.private",
                        "private REST API",
                    ),
                };
                let needed_s = g.timeout_s.unwrap_or(app_duration_ms / dec!(1000));
                c.check(
                    tier,
                    id,
                    needed_s,
                    format!("{what} integration time per request ({} s)", fmt(needed_s)),
                );
                if let Some(t) = g.timeout_s {
                    let work_s = app_duration_ms / dec!(1000);
                    c.setting(
                        tier,
                        "apigw.timeout_s",
                        work_s,
                        t,
                        "seconds",
                        format!(
                            "backend time {} s vs the configured integration timeout",
                            fmt(work_s)
                        ),
                        "Raise timeout_s, or make the backend faster / asynchronous",
                        "timeout_s",
                    );
                }
                match g.api {
                    ApiKind::Websocket => {
                        let biggest = w.request_kb.max(w.response_kb);
                        c.check(
                            tier,
                            "apigw.websocket.message_kb",
                            biggest,
                            format!("largest WebSocket message ({} KB)", fmt(biggest)),
                        );
                        websocket(&mut c, tier, g, biggest);
                    }
                    api => {
                        let id = if api == ApiKind::Rest {
                            "apigw.rest.payload_mb"
                        } else {
                            "apigw.http.payload_mb"
                        };
                        let mb = w.request_kb.max(w.response_kb) / dec!(1024);
                        c.check(
                            tier,
                            id,
                            mb,
                            format!("largest request/response payload ({} MB)", fmt(mb)),
                        );
                    }
                }
                c.check(
                    tier,
                    "apigw.account.throttle_rps",
                    peak.peak_rps,
                    format!(
                        "busiest second at {} ({} requests/s) vs the account-level throttle",
                        hour(peak.hour),
                        fmt(peak.peak_rps)
                    ),
                );
                if let Some(t) = g.throttle_rps {
                    c.setting(
                        tier,
                        "apigw.throttle_rps",
                        peak.peak_rps,
                        t,
                        "requests per second",
                        format!(
                            "busiest second ({} requests/s) vs the stage throttle",
                            fmt(peak.peak_rps)
                        ),
                        "Raise throttle_rps (callers above it get HTTP 429)",
                        "throttle_rps",
                    );
                }
            }
            Service::Lambda(l) => {
                let seconds = app_duration_ms / dec!(1000);
                c.check(
                    tier,
                    "lambda.timeout_s.max",
                    seconds,
                    format!(
                        "run time per invocation ({} s) vs Lambda's 15-minute maximum",
                        fmt(seconds)
                    ),
                );
                if let Some(t) = l.timeout_s {
                    c.setting(
                        tier,
                        "lambda.timeout_s",
                        seconds,
                        t,
                        "seconds",
                        format!(
                            "run time ({} s) vs the function's configured timeout",
                            fmt(seconds)
                        ),
                        "Raise timeout_s (at most 900 s) or shorten the work",
                        "timeout_s",
                    );
                }
                match l.invocation {
                    Invocation::Sync => {
                        c.check(
                            tier,
                            "lambda.payload_mb.sync_request",
                            w.request_kb / dec!(1024),
                            format!("request payload ({} KB)", fmt(w.request_kb)),
                        );
                        c.check(
                            tier,
                            "lambda.payload_mb.sync_response",
                            w.response_kb / dec!(1024),
                            format!("response payload ({} KB)", fmt(w.response_kb)),
                        );
                    }
                    Invocation::Async => {
                        c.check(
                            tier,
                            "lambda.payload_mb.async",
                            w.request_kb / dec!(1024),
                            format!("async event size ({} KB)", fmt(w.request_kb)),
                        );
                    }
                }
                let concurrency = in_flight.ceil();
                let mut msg = format!(
                    "concurrent executions at the busiest second ({} at {}: {} requests/s x {} s)",
                    fmt(concurrency),
                    hour(peak.hour),
                    fmt(peak.peak_rps),
                    fmt(seconds)
                );
                if l.provisioned_concurrency.is_zero() && concurrency > Decimal::ZERO {
                    let avg = (peak.rps * seconds).ceil();
                    msg.push_str(&format!(
                        "; provisioned concurrency of {} would keep the peak hour's average warm",
                        fmt(avg)
                    ));
                }
                c.check(tier, "lambda.concurrent_executions", concurrency, msg);
                // A burst above the hour's average must be absorbed at +1,000 environments per 10 s.
                let burst = ((peak.peak_rps - peak.rps) * seconds).ceil();
                if burst > Decimal::ZERO {
                    let secs = (burst / dec!(1000)).ceil() * dec!(10);
                    c.check(tier, "lambda.scaling.envs_per_10s", burst, format!("new environments a burst needs above the hour's average ({} -> about {} s to scale)", fmt(burst), fmt(secs)));
                }
            }
            Service::Fargate(f) => {
                if let Some(n) = f.tasks {
                    let demand = in_flight;
                    let capacity = n * f.vcpu;
                    c.push(tier, "fargate.cpu", demand, capacity, "vCPU", "setting", format!("vCPUs busy at the busiest second if each request in flight uses one vCPU ({}) vs {} tasks x {} vCPU", fmt(demand), fmt(n), fmt(f.vcpu)), "Add tasks or scale with rps_per_task; the request time is assumed to be CPU time (an upper bound)", "your scenario: tasks, vcpu, workload.duration_ms");
                }
                if let Some(rps) = f.rps_per_task {
                    let scaled =
                        load.scaled_units(rps, f.min_tasks.unwrap_or(Decimal::ONE), f.max_tasks);
                    let peak_tasks = scaled.per_hour.iter().copied().max().unwrap_or_default();
                    if let Some(max) = f.max_tasks {
                        let needed = (peak.peak_rps / rps).ceil();
                        c.setting(
                            tier,
                            "fargate.max_tasks",
                            needed,
                            max,
                            "tasks",
                            format!(
                                "tasks needed at {} ({}) vs max_tasks; {} requests/s unserved",
                                hour(peak.hour),
                                fmt(needed),
                                fmt(scaled.unserved_rps)
                            ),
                            "Raise max_tasks or rps_per_task; unserved requests queue or fail",
                            "max_tasks",
                        );
                    }
                    let vcpus = peak_tasks * f.vcpu;
                    c.check(
                        tier,
                        if f.spot_share > Decimal::ZERO {
                            "fargate.spot_vcpu_quota"
                        } else {
                            "fargate.on_demand_vcpu_quota"
                        },
                        vcpus,
                        format!(
                            "Fargate vCPUs running at the peak ({} tasks x {} vCPU)",
                            fmt(peak_tasks),
                            fmt(f.vcpu)
                        ),
                    );
                    c.check(
                        tier,
                        "alb.targets_per_target_group",
                        peak_tasks,
                        format!(
                            "tasks registered as targets at the peak ({})",
                            fmt(peak_tasks)
                        ),
                    );
                } else if let Some(n) = f.tasks {
                    c.check(
                        tier,
                        "fargate.on_demand_vcpu_quota",
                        n * f.vcpu,
                        format!(
                            "Fargate vCPUs running ({} tasks x {} vCPU)",
                            fmt(n),
                            fmt(f.vcpu)
                        ),
                    );
                    // Fixed tasks with no scaling: report throughput only when the workload has a volume.
                }
                if f.spot_share > Decimal::ZERO {
                    c.check(
                        tier,
                        "fargate.spot.interruption_notice_s",
                        dec!(120),
                        "Spot tasks can be stopped with a 120 s warning".to_string(),
                    );
                }
            }
            Service::Ec2(e) => {
                if tier == "app" {
                    ec2_cpu(&mut c, tier, e, load, app_duration_ms);
                }
                if let (Some(rps), Some(max)) = (e.rps_per_instance, e.max) {
                    let needed = (peak.peak_rps / rps).ceil();
                    let scaled = load.scaled_units(rps, e.min.unwrap_or(Decimal::ONE), Some(max));
                    c.setting(
                        tier,
                        "ec2.max",
                        needed,
                        max,
                        "instances",
                        format!(
                            "instances needed at {} ({}) vs max; {} requests/s unserved",
                            hour(peak.hour),
                            fmt(needed),
                            fmt(scaled.unserved_rps)
                        ),
                        "Raise max or use a larger instance type",
                        "max",
                    );
                }
            }
            Service::Alb(_) => {
                if let Some(Service::Lambda(_)) = &arch.app {
                    c.check(
                        tier,
                        "alb.lambda.request_body_mb",
                        w.request_kb / dec!(1024),
                        format!(
                            "request body to the Lambda target ({} KB)",
                            fmt(w.request_kb)
                        ),
                    );
                    c.check(
                        tier,
                        "alb.lambda.response_mb",
                        w.response_kb / dec!(1024),
                        format!(
                            "response from the Lambda target ({} KB)",
                            fmt(w.response_kb)
                        ),
                    );
                }
            }
            Service::Dynamodb(d) => {
                c.check(
                    tier,
                    "dynamodb.item_size_kb",
                    w.item_kb,
                    format!("average item size ({} KB)", fmt(w.item_kb)),
                );
                let reads = peak.peak_rps * w.db_reads_per_request * d.units_per_read(w.item_kb);
                let writes = peak.peak_rps * w.db_writes_per_request * d.units_per_write(w.item_kb);
                c.check(
                    tier,
                    "dynamodb.table.read_units_per_s",
                    reads,
                    format!(
                        "read units per second at the busiest second ({})",
                        fmt(reads)
                    ),
                );
                c.check(
                    tier,
                    "dynamodb.table.write_units_per_s",
                    writes,
                    format!(
                        "write units per second at the busiest second ({})",
                        fmt(writes)
                    ),
                );
                c.check(
                    tier,
                    "dynamodb.partition.read_units_per_s",
                    reads,
                    "read units/s if one partition key took all reads (hot key)".to_string(),
                );
                c.check(
                    tier,
                    "dynamodb.partition.write_units_per_s",
                    writes,
                    "write units/s if one partition key took all writes (hot key)".to_string(),
                );
                if let Some(rcu) = d.rcu {
                    c.setting(
                        tier,
                        "dynamodb.rcu",
                        reads,
                        rcu,
                        "RCU",
                        format!(
                            "read units needed at the peak ({}) vs provisioned rcu",
                            fmt(reads)
                        ),
                        "Raise rcu, enable auto scaling, or use on-demand capacity",
                        "rcu",
                    );
                }
                if let Some(wcu) = d.wcu {
                    c.setting(
                        tier,
                        "dynamodb.wcu",
                        writes,
                        wcu,
                        "WCU",
                        format!(
                            "write units needed at the peak ({}) vs provisioned wcu",
                            fmt(writes)
                        ),
                        "Raise wcu, enable auto scaling, or use on-demand capacity",
                        "wcu",
                    );
                }
            }
            Service::Rds(r) => {
                rds_connections(&mut c, tier, r, in_flight);
            }
        }
    }
    c.out
}

/// RDS default max_connections from instance memory vs the app tier's requests in flight.
fn rds_connections(c: &mut Checker, tier: &str, r: &crate::scenario::Rds, in_flight: Decimal) {
    let limits = table();
    let Some((gib, mem_source)) = limits.rds_memory_gib.get(&r.instance) else {
        return;
    };
    let bytes = *gib * dec!(1073741824);
    let (id, max) = match r.engine {
        Engine::Mysql => {
            let Some(div) = limits.rows.get("rds.max_connections.mysql.divisor_bytes") else {
                return;
            };
            (
                "rds.max_connections.mysql.divisor_bytes",
                (bytes / div.value).floor(),
            )
        }
        Engine::Postgresql => {
            let (Some(div), Some(cap)) = (
                limits
                    .rows
                    .get("rds.max_connections.postgresql.divisor_bytes"),
                limits.rows.get("rds.max_connections.postgresql.cap"),
            ) else {
                return;
            };
            (
                "rds.max_connections.postgresql.divisor_bytes",
                (bytes / div.value).floor().min(cap.value),
            )
        }
        // No sourced default max_connections formula for these engines in limits/.
        Engine::Mariadb | Engine::AuroraMysql | Engine::AuroraPostgresql => return,
    };
    let Some(row) = limits.rows.get(id) else {
        return;
    };
    let needed = in_flight.ceil();
    c.push(
        tier,
        "rds.max_connections",
        needed,
        max,
        "connections",
        "quota",
        format!("connections needed at the peak (one per request in flight: {}) vs the default max_connections of {} ({} GiB, approximate)", fmt(needed), r.instance, fmt(*gib)),
        "Put RDS Proxy (or a connection pool) between the app tier and the database, or use a larger instance class",
        &format!("{}; memory: {mem_source}", row.source),
    );
}

/// A fixed EC2 app fleet: CPU demand at the peak (requests in flight, each assumed to keep one
/// vCPU busy: an upper bound) vs the fleet's vCPUs, and vs the T3 baseline for burstable types.
fn ec2_cpu(
    c: &mut Checker,
    tier: &str,
    e: &crate::scenario::Ec2,
    load: &Load,
    duration_ms: Decimal,
) {
    let limits = table();
    let Some((vcpu, src)) = limits.ec2_vcpu.get(&e.instance) else {
        return;
    };
    let Some(fleet) = e.fleet(load.hours_per_month) else {
        return;
    };
    let instances = load.fleet_peak_units(fleet);
    let demand = peak_in_flight(load, duration_ms);
    let capacity = instances * *vcpu;
    c.push(
        tier,
        "ec2.cpu",
        demand,
        capacity,
        "vCPU",
        "setting",
        format!("vCPUs busy at the busiest second ({}) vs {} x {} ({} vCPU each); request time assumed to be CPU time", fmt(demand), fmt(instances), e.instance, fmt(*vcpu)),
        "Add instances, scale with rps_per_instance, or pick a larger type",
        &format!("your scenario: count/rps_per_instance; vCPUs: {src}"),
    );
    if let Some(row) = limits
        .rows
        .get(&format!("ec2.{}.baseline_cpu_pct", e.instance))
    {
        // Average CPU over the busiest hour vs the burstable baseline (credits drain above it).
        let hour_demand = load.peak().rps * duration_ms / dec!(1000);
        let baseline = capacity * row.value / dec!(100);
        c.push(
            tier,
            &row.id,
            hour_demand,
            baseline,
            "vCPU",
            "behaviour",
            format!(
                "average vCPUs busy in the peak hour ({}) vs the {} baseline ({} % of each vCPU)",
                fmt(hour_demand),
                e.instance,
                fmt(row.value)
            ),
            &row.remedy,
            &row.source,
        );
    }
}

/// WebSocket frames (messages above 32 KB travel in several frames), connection length (2 h
/// maximum) and new connections per second (500 by default) when the scenario says how long
/// clients stay connected.
fn websocket(c: &mut Checker, tier: &str, g: &crate::scenario::ApiGateway, biggest_kb: Decimal) {
    if let Some(row) = table().rows.get("apigw.websocket.frame_kb") {
        if biggest_kb > row.value {
            let frames = (biggest_kb / row.value).ceil();
            c.push(tier, &row.id, biggest_kb, row.value, &row.unit, "behaviour", format!("largest message ({} KB) is sent as {} frames of at most 32 KB", fmt(biggest_kb), fmt(frames)), "Make sure the client library fragments messages above 32 KB (or keep messages small)", &row.source);
            if let Some(last) = c.out.last_mut() {
                // Fragmenting is allowed: a reminder, not a failure.
                last.status = Status::Warning;
            }
        }
    }
    let Some(duration) = g.connection_duration_s else {
        return;
    };
    c.check(
        tier,
        "apigw.websocket.connection_duration_s",
        duration,
        format!("how long a client stays connected ({} s)", fmt(duration)),
    );
    if let Some(avg) = g.average_connections {
        if duration > Decimal::ZERO {
            let per_s = avg / duration;
            c.check(
                tier,
                "apigw.websocket.new_connections_per_s",
                per_s,
                format!(
                    "new connections per second ({} connections / {} s each)",
                    fmt(avg),
                    fmt(duration)
                ),
            );
        }
    }
}
