//! Limit checks: each architecture's capacity plan against the services' hard limits and quotas,
//! driven by the sourced table `limits/limits.csv` (value, unit, kind, source, remedy) and
//! `[quotas]` overrides. One module per service under `limits/`, as `services/` is split; this
//! file holds the table, the finding type and the checker they share.
mod alb;
mod apigw;
mod dynamodb;
pub mod ec2;
mod fargate;
mod lambda;
mod rds;

use crate::capacity::plan::ArchPlan;
use crate::money;
use crate::scenario::{Architecture, Scenario, Service};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

const LIMITS_CSV: &str = include_str!("../limits/limits.csv");
const RDS_MEMORY_CSV: &str = include_str!("../limits/rds-instance-memory.csv");
const EC2_CSV: &str = include_str!("../limits/ec2-instances.csv");
const EC2_VCPUS_CSV: &str = include_str!("../limits/ec2-vcpus.csv");

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
    /// EC2 instance type -> CPU architecture (`x86_64` or `arm64`).
    pub ec2_arch: BTreeMap<String, String>,
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
        let mut ec2_arch = BTreeMap::new();
        // The whole-catalog table (limits/ec2-vcpus.csv) fills the types the hand-checked table
        // above does not list: instance,vcpu,memory_gib,arch,source.
        for csv_text in [EC2_CSV, EC2_VCPUS_CSV] {
            for r in parse_csv(csv_text) {
                if let (Some(i), Some(Ok(v)), Some(arch), Some(src)) = (
                    r.get(0),
                    r.get(1).map(Decimal::from_str),
                    r.get(3),
                    r.get(4),
                ) {
                    ec2_vcpu
                        .entry(i.to_string())
                        .or_insert_with(|| (v, src.to_string()));
                    ec2_arch
                        .entry(i.to_string())
                        .or_insert_with(|| arch.to_string());
                }
            }
        }
        Limits {
            rows,
            rds_memory_gib,
            ec2_vcpu,
            ec2_arch,
        }
    })
}

/// The row `id` of the limits table, through a hash index (the checks look rows up on every
/// step of a sweep).
pub fn row(id: &str) -> Option<&'static LimitRow> {
    static INDEX: OnceLock<std::collections::HashMap<&'static str, &'static LimitRow>> =
        OnceLock::new();
    INDEX
        .get_or_init(|| table().rows.iter().map(|(k, r)| (k.as_str(), r)).collect())
        .get(id)
        .copied()
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

/// Collects findings. In `lean` mode (sweeps, break-even) it keeps only exceeded limits and
/// builds no message text: enough to judge feasibility, at the cost of a comparison per check.
pub(crate) struct Checker<'a> {
    quotas: &'a BTreeMap<String, toml::Value>,
    lean: bool,
    out: Vec<Finding>,
}

/// One measured value against its limit.
pub(crate) struct Measure<'m> {
    pub tier: &'m str,
    pub id: &'m str,
    pub value: Decimal,
    pub limit: Decimal,
    pub unit: &'m str,
    /// `hard`, `quota`, `behaviour` or `setting`.
    pub kind: &'m str,
    pub remedy: &'m str,
    pub source: &'m str,
}

pub(crate) fn fmt(v: Decimal) -> String {
    money::group(&money::round(v, 3).normalize().to_string())
}

/// "09:00" for hour 9.
pub(crate) fn hour(h: usize) -> String {
    format!("{h:02}:00")
}

fn quota_override(v: &toml::Value) -> Option<Decimal> {
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => crate::scenario::from_f64(*f),
        _ => None,
    }
}

fn status_of(value: Decimal, limit: Decimal) -> Status {
    if value > limit {
        Status::Exceeded
    } else if value > limit * dec!(0.8) {
        Status::Warning
    } else {
        Status::Ok
    }
}

impl<'a> Checker<'a> {
    pub(crate) fn new(quotas: &'a BTreeMap<String, toml::Value>, lean: bool) -> Checker<'a> {
        Checker {
            quotas,
            lean,
            out: Vec::new(),
        }
    }

    /// Compare `value` with the table's limit `id`: above -> exceeded, above 80 % -> warning.
    pub(crate) fn check(
        &mut self,
        tier: &str,
        id: &str,
        value: Decimal,
        message: impl FnOnce() -> String,
    ) {
        let Some(row) = row(id) else {
            return;
        };
        let mut limit = row.value;
        let overridden = if row.kind == "quota" {
            self.quotas.get(id).and_then(quota_override)
        } else {
            None
        };
        if let Some(v) = overridden {
            limit = v;
        }
        if self.lean && value <= limit {
            return;
        }
        let source = match overridden {
            Some(_) => format!(
                "your applied quota ([quotas] \"{id}\"); default {} per {}",
                fmt(row.value),
                row.source
            ),
            None => row.source.clone(),
        };
        self.push(
            Measure {
                tier,
                id,
                value,
                limit,
                unit: &row.unit,
                kind: &row.kind,
                remedy: &row.remedy,
                source: &source,
            },
            message,
        );
    }

    /// Record a measured value against its limit.
    pub(crate) fn push(&mut self, m: Measure, message: impl FnOnce() -> String) {
        self.push_at_most(m, Status::Exceeded, message);
    }

    /// `push`, with the status capped at `most` (a limit that is only a reminder when passed).
    pub(crate) fn push_at_most(
        &mut self,
        m: Measure,
        most: Status,
        message: impl FnOnce() -> String,
    ) {
        let status = status_of(m.value, m.limit).min(most);
        if self.lean {
            if status == Status::Exceeded {
                self.out.push(Finding {
                    tier: m.tier.to_string(),
                    id: m.id.to_string(),
                    status,
                    value: String::new(),
                    limit: String::new(),
                    unit: String::new(),
                    kind: m.kind.to_string(),
                    message: String::new(),
                    remedy: String::new(),
                    source: String::new(),
                });
            }
            return;
        }
        self.out.push(Finding {
            tier: m.tier.to_string(),
            id: m.id.to_string(),
            status,
            value: fmt(m.value),
            limit: fmt(m.limit),
            unit: m.unit.to_string(),
            kind: m.kind.to_string(),
            message: message(),
            remedy: if status == Status::Ok {
                String::new()
            } else {
                m.remedy.to_string()
            },
            source: m.source.to_string(),
        });
    }

    /// A check against the scenario's own setting (e.g. a configured timeout or max_tasks).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn setting(
        &mut self,
        tier: &str,
        id: &str,
        value: Decimal,
        limit: Decimal,
        unit: &str,
        remedy: &str,
        key: &str,
        message: impl FnOnce() -> String,
    ) {
        if self.lean && value <= limit {
            return;
        }
        let source = format!("your scenario: {key}");
        self.push(
            Measure {
                tier,
                id,
                value,
                limit,
                unit,
                kind: "setting",
                remedy,
                source: &source,
            },
            message,
        );
    }
}

/// Check one architecture's capacity plan. Findings are ordered by tier, then by check. `lean`
/// keeps only exceeded limits, without message text (for feasibility in sweeps).
pub fn check(s: &Scenario, arch: &Architecture, plan: &ArchPlan, lean: bool) -> Vec<Finding> {
    let mut c = Checker::new(&s.quotas, lean);
    let w = &s.workload;
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        let (Some(svc), Some(tp)) = (svc, plan.tier(tier)) else {
            continue;
        };
        match svc {
            Service::ApiGateway(g) => apigw::check(&mut c, tier, g, w, plan),
            Service::Lambda(l) => lambda::check(&mut c, tier, l, w, plan, tp),
            Service::Fargate(f) => fargate::check(&mut c, tier, f, plan, tp),
            Service::Ec2(e) => ec2::check(&mut c, tier, e, plan, tp),
            Service::Alb(_) => alb::check(&mut c, tier, w, tp),
            Service::Dynamodb(d) => dynamodb::check(&mut c, tier, d, w, tp),
            Service::Rds(r) => rds::check(&mut c, tier, r, plan),
        }
    }
    c.out
}
