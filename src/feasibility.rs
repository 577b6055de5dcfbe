//! Whether an architecture can run the workload at all. It cannot when a hard limit is exceeded
//! or one of its fleets cannot carry the load: a capped fleet leaves requests unserved, a fixed
//! fleet's busy vCPU exceeds its vCPUs, or fixed provisioned DynamoDB capacity is below the
//! busiest second. Judged from the capacity plan (the same one the costs were priced from) and
//! the limit findings; every recommendation names the cheapest architecture with no blocker.
use crate::capacity::plan::{ArchPlan, TierPlan};
use crate::limits::{Finding, Status};
use crate::messages::{Msg, Value};
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
    /// The reason as a message id and values (`reason.*`), shown in other languages; `None` in
    /// lean evaluations. `reason` is its English.
    #[serde(skip)]
    #[schemars(skip)]
    pub text: Option<Msg>,
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
            let text = hard_reason(f);
            out.push(Blocker {
                tier: tier.to_string(),
                id: f.id.clone(),
                reason: text.as_ref().map(Msg::en).unwrap_or_default(),
                text,
            });
        }
        if let Some(tp) = plan.tier(tier) {
            capacity_blockers(tier, svc, tp, lean, &mut out);
        }
    }
    out
}

/// "<message>: <value> is above the hard limit of <limit> <unit>" (none for a lean finding,
/// which has no message).
fn hard_reason(f: &Finding) -> Option<Msg> {
    let message = f.text.message.clone()?;
    Some(Msg::of(
        "reason.hard_limit",
        vec![
            Value::Msg(message),
            Value::Plain(f.value.clone()),
            Value::Plain(f.limit.clone()),
            Value::LimitUnit(f.unit.clone()),
        ],
    ))
}

/// Fleets and provisioned tables that cannot carry the busiest second.
fn capacity_blockers(tier: &str, svc: &Service, tp: &TierPlan, lean: bool, out: &mut Vec<Blocker>) {
    let mut add = |id: &str, reason: &dyn Fn() -> Msg| {
        let text = (!lean).then(reason);
        out.push(Blocker {
            tier: tier.to_string(),
            id: id.to_string(),
            reason: text.as_ref().map(Msg::en).unwrap_or_default(),
            text,
        })
    };
    let v = |d: Decimal| money::group(&money::round(d, 3).normalize().to_string());
    if let Some(fleet) = &tp.fleet {
        let (max_id, cpu_id, capped, short) = match svc {
            Service::Fargate(_) => (
                "fargate.max_tasks",
                "fargate.cpu",
                "reason.capped_tasks_requests_s_go_unserved",
                "reason.vcpus_busy_busiest_second_fixed_vcpus",
            ),
            _ => (
                "ec2.max",
                "ec2.cpu",
                "reason.capped_instances_requests_s_go_unserved",
                "reason.vcpus_busy_busiest_second_fixed_vcpus_2",
            ),
        };
        if fleet.unserved_rps > Decimal::ZERO {
            add(max_id, &|| {
                crate::msg!(
                    capped,
                    v(fleet.max.unwrap_or_default()),
                    v(fleet.unserved_rps),
                    v(fleet.needed_at_peak)
                )
            });
        }
        if fleet.cpu_short() {
            add(cpu_id, &|| {
                crate::msg!(
                    short,
                    v(fleet.busy_vcpu.unwrap_or_default()),
                    v(fleet.peak_vcpu().unwrap_or_default()),
                    v(fleet.peak_units)
                )
            });
        }
    }
    if let (Service::Dynamodb(d), Some(dp)) = (svc, &tp.dynamodb) {
        if d.capacity == Capacity::Provisioned {
            for (id, set, needed, said) in [
                (
                    "dynamodb.rcu",
                    d.rcu,
                    dp.read_units_per_s,
                    "reason.rcu_provisioned_needed_busiest_second",
                ),
                (
                    "dynamodb.wcu",
                    d.wcu,
                    dp.write_units_per_s,
                    "reason.wcu_provisioned_needed_busiest_second",
                ),
            ] {
                if let Some(set) = set.filter(|s| needed > *s) {
                    add(id, &|| crate::msg!(said, v(set), v(needed)));
                }
            }
        }
    }
}
