//! Fargate limits, read from the service's fleet plan: vCPUs busy vs a fixed service's vCPUs,
//! `max_tasks` vs the tasks the busiest second needs, the Region's vCPU quota, ALB targets and
//! the Spot interruption notice.
use super::{fmt, hour, Checker, Measure, Remedy, Source};
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
                source: Source::Said(crate::msg!(
                    "source.scenario",
                    "tasks, vcpu, workload.duration_ms"
                )),
            },
            || {
                crate::msg!(
                    "finding.fargate.vcpus_busy_busiest_second_if_each",
                    fmt(busy),
                    fmt(n),
                    fmt(f.vcpu)
                )
            },
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
            crate::msg!(
                "finding.fargate.fargate_vcpus_running_tasks_x_vcpu",
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
                    crate::msg!(
                        "finding.fargate.tasks_needed_vs_max_tasks_requests",
                        hour(plan.peak.hour),
                        fmt(needed),
                        fmt(fleet.unserved_rps)
                    )
                },
            );
        }
        let peak_tasks = fleet.peak_units;
        c.check(tier, quota, peak_tasks * f.vcpu, || {
            crate::msg!(
                "finding.fargate.fargate_vcpus_running_peak_tasks_x",
                fmt(peak_tasks),
                fmt(f.vcpu)
            )
        });
        c.check(tier, "alb.targets_per_target_group", peak_tasks, || {
            crate::msg!(
                "finding.fargate.tasks_registered_as_targets_peak",
                fmt(peak_tasks)
            )
        });
    }
    if f.spot_hours_share() > Decimal::ZERO {
        c.check(
            tier,
            "fargate.spot.interruption_notice_s",
            dec!(120),
            || crate::msg!("finding.fargate.spot_tasks_can_be_stopped_120"),
        );
    }
}
