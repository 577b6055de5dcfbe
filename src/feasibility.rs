//! Whether an architecture can run the workload at all. It cannot when a hard limit is exceeded
//! or one of its fleets cannot carry the load: a capped fleet leaves requests unserved, a fixed
//! fleet's busy vCPU exceeds its vCPUs, or fixed provisioned DynamoDB capacity is below the
//! busiest second. Judged from the capacity plan (the same one the costs were priced from) and
//! the limit findings; every recommendation names the cheapest architecture with no blocker.
use crate::capacity::plan::{ArchPlan, TierPlan};
use crate::limits::{Finding, Status};
use crate::money;
use crate::scenario::{Architecture, Capacity, Service};
use rust_decimal::Decimal;
use serde::Serialize;

/// What rules an architecture out: a tier, the limit id (as in `limits`) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Blocker {
    pub tier: String,
    pub id: String,
    /// The reason in words (empty in lean evaluations, which only need the ids).
    pub reason: String,
}

/// Hard limits checked under a hypothesis rather than for the workload as given: a partition's
/// throughput is exceeded only "if one partition key took all reads/writes". They stay exceeded
/// findings (a design reminder: spread the keys) but rule nothing out.
pub const HYPOTHETICAL: [&str; 2] = [
    "dynamodb.partition.read_units_per_s",
    "dynamodb.partition.write_units_per_s",
];

/// Everything that rules `arch` out (empty: it can run the workload), in tier order. `lean`
/// leaves the reasons empty (sweeps need only the ids).
pub fn blockers(
    arch: &Architecture,
    plan: &ArchPlan,
    findings: &[Finding],
    lean: bool,
) -> Vec<Blocker> {
    let mut out = Vec::new();
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        let Some(svc) = svc else { continue };
        for f in findings
            .iter()
            .filter(|f| f.tier == tier && f.status == Status::Exceeded && f.kind == "hard")
            .filter(|f| !HYPOTHETICAL.contains(&f.id.as_str()))
        {
            out.push(Blocker {
                tier: tier.to_string(),
                id: f.id.clone(),
                reason: hard_reason(f),
            });
        }
        if let Some(tp) = plan.tier(tier) {
            capacity_blockers(tier, svc, tp, lean, &mut out);
        }
    }
    out
}

fn hard_reason(f: &Finding) -> String {
    if f.message.is_empty() {
        return String::new();
    }
    format!(
        "{}: {} is above the hard limit of {} {}",
        f.message, f.value, f.limit, f.unit
    )
}

/// Fleets and provisioned tables that cannot carry the busiest second.
fn capacity_blockers(tier: &str, svc: &Service, tp: &TierPlan, lean: bool, out: &mut Vec<Blocker>) {
    let mut add = |id: &str, reason: &dyn Fn() -> String| {
        out.push(Blocker {
            tier: tier.to_string(),
            id: id.to_string(),
            reason: if lean { String::new() } else { reason() },
        })
    };
    let v = |d: Decimal| money::group(&money::round(d, 3).normalize().to_string());
    if let Some(fleet) = &tp.fleet {
        let (max_id, cpu_id, unit) = match svc {
            Service::Fargate(_) => ("fargate.max_tasks", "fargate.cpu", "tasks"),
            _ => ("ec2.max", "ec2.cpu", "instances"),
        };
        if fleet.unserved_rps > Decimal::ZERO {
            add(max_id, &|| {
                format!(
                    "capped at {} {unit}, {} requests/s go unserved at the busiest second ({} {unit} needed)",
                    v(fleet.max.unwrap_or_default()),
                    v(fleet.unserved_rps),
                    v(fleet.needed_at_peak)
                )
            });
        }
        if fleet.cpu_short() {
            add(cpu_id, &|| {
                format!(
                    "{} vCPUs busy at the busiest second on a fixed {} vCPUs ({} {unit})",
                    v(fleet.busy_vcpu.unwrap_or_default()),
                    v(fleet.peak_vcpu().unwrap_or_default()),
                    v(fleet.peak_units)
                )
            });
        }
    }
    if let (Service::Dynamodb(d), Some(dp)) = (svc, &tp.dynamodb) {
        if d.capacity == Capacity::Provisioned {
            for (id, set, needed, unit) in [
                ("dynamodb.rcu", d.rcu, dp.read_units_per_s, "RCU"),
                ("dynamodb.wcu", d.wcu, dp.write_units_per_s, "WCU"),
            ] {
                if let Some(set) = set.filter(|s| needed > *s) {
                    add(id, &|| {
                        format!(
                            "{} {unit} provisioned, {} needed at the busiest second",
                            v(set),
                            v(needed)
                        )
                    });
                }
            }
        }
    }
}
