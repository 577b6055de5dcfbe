//! Fargate limits, read from the service's fleet plan: vCPUs busy vs a fixed service's vCPUs,
//! `max_tasks` vs the tasks the busiest second needs, the Region's vCPU quota, ALB targets and
//! the Spot interruption notice.
use super::{fmt, hour, Checker, Measure, Remedy};
use crate::capacity::plan::{ArchPlan, TierPlan};
use crate::scenario::Fargate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub(super) fn check(c: &mut Checker, tier: &str, f: &Fargate, plan: &ArchPlan, tp: &TierPlan) {
    let Some(fleet) = &tp.fleet else { return };
    if let (true, Some(busy)) = (fleet.fixed, fleet.busy_vcpu) {
        let n = fleet.peak_units;
        c.push(
            Measure {
                tier,
                id: "fargate.cpu",
                value: busy,
                limit: n * f.vcpu,
                unit: "vCPU",
                kind: "setting",
                remedy: Remedy::Check("remedy.check.fargate.cpu"),
                source: "your scenario: tasks, vcpu, workload.duration_ms",
            },
            || format!("vCPUs busy at the busiest second if each request in flight uses one vCPU ({}) vs {} tasks x {} vCPU", fmt(busy), fmt(n), fmt(f.vcpu)),
        );
    }
    let quota = if f.spot_hours_share() > Decimal::ZERO && !fleet.fixed {
        "fargate.spot_vcpu_quota"
    } else {
        "fargate.on_demand_vcpu_quota"
    };
    if fleet.fixed {
        let n = fleet.peak_units;
        c.check(tier, quota, n * f.vcpu, || {
            format!(
                "Fargate vCPUs running ({} tasks x {} vCPU)",
                fmt(n),
                fmt(f.vcpu)
            )
        });
    } else {
        if let Some(max) = fleet.max {
            let needed = fleet.needed_at_peak;
            c.setting(
                tier,
                "fargate.max_tasks",
                needed,
                max,
                "tasks",
                Remedy::Check("remedy.check.fargate.max_tasks"),
                "max_tasks",
                || {
                    format!(
                        "tasks needed at {} ({}) vs max_tasks; {} requests/s unserved",
                        hour(plan.peak.hour),
                        fmt(needed),
                        fmt(fleet.unserved_rps)
                    )
                },
            );
        }
        let peak_tasks = fleet.peak_units;
        c.check(tier, quota, peak_tasks * f.vcpu, || {
            format!(
                "Fargate vCPUs running at the peak ({} tasks x {} vCPU)",
                fmt(peak_tasks),
                fmt(f.vcpu)
            )
        });
        c.check(tier, "alb.targets_per_target_group", peak_tasks, || {
            format!(
                "tasks registered as targets at the peak ({})",
                fmt(peak_tasks)
            )
        });
    }
    if f.spot_hours_share() > Decimal::ZERO {
        c.check(
            tier,
            "fargate.spot.interruption_notice_s",
            dec!(120),
            || "Spot tasks can be stopped with a 120 s warning".to_string(),
        );
    }
}
