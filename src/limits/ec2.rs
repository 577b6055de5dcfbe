//! EC2 limits, read from the fleet plan: vCPUs busy at the busiest second vs the fleet's vCPUs,
//! the burstable (T3/T3a/T4g) CPU-credit baseline, `max` vs the instances the peak needs, and
//! the ALB target-group size when the web tier has a load balancer.
use super::{fmt, hour, Checker, Measure, Remedy, Source};
// The vCPU and baseline tables are data capacity planning reads too; named here for callers.
use crate::capacity::plan::{ArchPlan, FleetPlan, TierPlan};
pub use crate::limit_tables::{baseline_row, vcpu_of};
use crate::scenario::{Ec2, LoadBalancer};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub(super) fn check(c: &mut Checker, tier: &str, e: &Ec2, plan: &ArchPlan, tp: &TierPlan) {
    let Some(fleet) = &tp.fleet else { return };
    if let Some(busy) = fleet.busy_vcpu {
        cpu(c, tier, e, fleet, busy);
    }
    if let (false, Some(max)) = (fleet.fixed, fleet.max) {
        let needed = fleet.needed_at_peak;
        c.setting(
            tier,
            "ec2.max",
            needed,
            max,
            "instances",
            Remedy::Check("remedy.check.ec2.max"),
            "max",
            || {
                crate::msg!(
                    "finding.ec2.instances_needed_vs_max_requests_s",
                    hour(plan.peak.hour),
                    fmt(needed),
                    fmt(fleet.unserved_rps)
                )
            },
        );
    }
    if e.load_balancer == Some(LoadBalancer::Alb) {
        let n = fleet.peak_units;
        c.check(tier, "alb.targets_per_target_group", n, || {
            crate::msg!("finding.ec2.instances_registered_as_targets_peak", fmt(n))
        });
    }
}

/// CPU demand at the peak (requests in flight, each assumed to keep one vCPU busy: an upper
/// bound) vs the fleet's vCPUs, and the busiest hour's average vs the burstable baseline.
fn cpu(c: &mut Checker, tier: &str, e: &Ec2, fleet: &FleetPlan, busy: Decimal) {
    let (Some(vcpu), Some(capacity)) = (fleet.vcpu_per_unit, fleet.peak_vcpu()) else {
        return;
    };
    let src = vcpu_of(&e.instance).map_or("", |(_, s)| s);
    let instances = fleet.peak_units;
    let source = crate::msg!("source.scenario_vcpus", "count/rps_per_instance", src);
    c.push(
        Measure {
            tier,
            id: "ec2.cpu",
            value: busy,
            limit: capacity,
            unit: "vCPU",
            kind: "setting",
            remedy: Remedy::Check("remedy.check.ec2.cpu"),
            source: Source::Said(source),
        },
        || {
            crate::msg!(
                "finding.ec2.vcpus_busy_busiest_second_vs_x",
                fmt(busy),
                fmt(instances),
                e.instance,
                fmt(vcpu)
            )
        },
    );
    let (Some(row), Some(hour_busy)) = (baseline_row(&e.instance), fleet.hour_busy_vcpu) else {
        return;
    };
    // Average CPU over the busiest hour vs the burstable baseline (credits drain above it).
    let baseline = capacity * row.value / dec!(100);
    c.push(
        Measure {
            tier,
            id: &row.id,
            value: hour_busy,
            limit: baseline,
            unit: "vCPU",
            kind: "behaviour",
            remedy: Remedy::Row(row),
            source: Source::Written(row.source),
        },
        || {
            crate::msg!(
                "finding.ec2.average_vcpus_busy_peak_hour_vs",
                fmt(hour_busy),
                e.instance,
                fmt(row.value)
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t4g_and_t3a_read_the_t3_rows() {
        for t in ["t3.small", "t3a.small", "t4g.small"] {
            assert_eq!(baseline_row(t).map(|r| r.value), Some(dec!(20)), "{t}");
            assert_eq!(vcpu_of(t).map(|v| v.0), Some(dec!(2)), "{t}");
        }
        assert!(baseline_row("m5.large").is_none());
        assert!(baseline_row("t4g").is_none());
        assert!(vcpu_of("zz9.small").is_none());
    }
}
