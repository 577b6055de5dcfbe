//! Review notes: what a reviewer should read beside the numbers. A priced alternative (the
//! other DynamoDB capacity mode), and comparisons that are not like for like: a database on one
//! EC2 instance against RDS Multi-AZ, burstable web servers against their CPU-credit baseline,
//! Fargate's per-second billing minimum when tasks start and stop, and a VPC Lambda reaching
//! DynamoDB through a NAT gateway, and a fleet on Spot. Notes read the capacity plan; they never
//! change a total.
use crate::capacity::plan::{tier_plan, ArchPlan};
use crate::error::Result;
use crate::limits::ec2::baseline_row;
use crate::messages::Msg;
use crate::money;
use crate::msg;
use crate::scenario::{Architecture, Capacity, Os, Scenario, Service};
use crate::services::{Ctx, ServiceModel};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::collections::BTreeMap;

/// The notes of one architecture. `db_usd` is its db tier's monthly cost and `free_before_db`
/// the free-tier allowance its other tiers had used before the db tier was priced.
pub fn for_arch(
    arch: &Architecture,
    plan: &ArchPlan,
    ctx: &Ctx,
    db_usd: Decimal,
    free_before_db: &BTreeMap<String, Decimal>,
    usd_jpy: Option<Decimal>,
) -> Result<Vec<Msg>> {
    // Amounts in notes are in the report's display currency, like every other figure.
    let shown = |usd: Decimal| match usd_jpy {
        Some(rate) => money::jpy(usd, rate),
        None => money::usd(usd),
    };
    let mut out = Vec::new();
    if let Some(Service::Dynamodb(d)) = &arch.db {
        let mut other = d.clone();
        other.capacity = match d.capacity {
            Capacity::OnDemand => Capacity::Provisioned,
            Capacity::Provisioned => Capacity::OnDemand,
        };
        other.rcu = None;
        other.wcu = None;
        let svc = Service::Dynamodb(other.clone());
        let other_plan = tier_plan(
            arch,
            "db",
            &svc,
            ctx.workload,
            ctx.load,
            ctx.hours_per_month,
        );
        // Priced with the allowance as the db tier found it (shared with the other tiers).
        let alt_ctx = Ctx::new(
            ctx.catalog,
            ctx.region,
            ctx.hours_per_month,
            ctx.free_tier,
            ctx.workload,
            ctx.load,
            true,
        );
        alt_ctx.free_used.replace(free_before_db.clone());
        let alt = money::sum(
            other
                .lines(&alt_ctx, &other_plan)?
                .iter()
                .map(|l| l.monthly_usd),
            &arch.name,
        )?;
        let id = match d.capacity {
            Capacity::OnDemand => "note.dynamodb_demand_month_provisioned_sized_peak",
            Capacity::Provisioned => "note.dynamodb_provisioned_month_demand_would_be",
        };
        out.push(msg!(id, shown(db_usd), shown(alt)));
    }
    if let Some(Service::Dynamodb(_)) = &arch.db {
        let egress = arch.egress();
        if egress == crate::scenario::Egress::Nat
            && !arch.private_tiers().is_empty()
            && !arch.has_endpoint("dynamodb")
        {
            // "Gateway endpoints ... come at no additional charge" (AWS Prescriptive Guidance,
            // startup security baseline WKLD.12); DynamoDB is reached through a gateway endpoint.
            let w = ctx.workload;
            let gb = ctx.load.monthly_requests
                * (w.db_reads_per_request + w.db_writes_per_request)
                * w.item_kb
                / crate::services::KB_PER_GB;
            out.push(msg!(
                "note.private_compute_dynamodb_through_nat",
                crate::money::quantity(gb)
            ));
        }
    }
    if let (Some(Service::Ec2(e)), Some(tp)) = (&arch.web, &plan.web) {
        burstable_web(e, tp, plan, &mut out);
    }
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        if let Some(note) = svc.as_ref().and_then(|svc| spot(tier, svc)) {
            out.push(note);
        }
    }
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        if let (Some(Service::Fargate(f)), Some(tp)) = (svc, plan.tier(tier)) {
            let Some(fleet) = &tp.fleet else { continue };
            if fleet.starts_per_day > Decimal::ZERO {
                // Fargate pricing page: "per second with a 1-minute minimum" (Windows: 5 minutes).
                let id = match f.os {
                    Os::Linux => "note.fargate_tier_bills_each_task_second",
                    Os::Windows => "note.fargate_tier_bills_each_task_second_2",
                };
                out.push(msg!(id, tier, crate::limits::fmt(fleet.starts_per_day)));
            }
        }
    }
    Ok(out)
}

/// A tier on Spot: the capacity can be taken back, so it does not belong under the baseline.
fn spot(tier: &str, svc: &Service) -> Option<Msg> {
    let t = svc.terms();
    if t.purchase != crate::scenario::Purchase::Spot || t.spot_share.is_zero() {
        return None;
    }
    // "Spot Instance interruption notices: a warning that is issued two minutes before Amazon
    // EC2 stops or terminates your Spot Instance" (EC2 User Guide); Fargate Spot tasks get the
    // same two-minute warning (ECS Developer Guide, "Fargate Spot").
    Some(msg!(
        "note.tier_spot_hours_spot_capacity_can",
        svc.name(),
        tier,
        crate::limits::fmt(t.spot_share * dec!(100))
    ))
}

/// A T3/T3a/T4g web tier: how much CPU per request its baseline sustains at the busiest hour.
fn burstable_web(
    e: &crate::scenario::Ec2,
    tp: &crate::capacity::plan::TierPlan,
    plan: &ArchPlan,
    out: &mut Vec<Msg>,
) {
    let (Some(row), Some(fleet)) = (baseline_row(&e.instance), &tp.fleet) else {
        return;
    };
    let (Some(vcpu), Some(total)) = (fleet.vcpu_per_unit, fleet.peak_vcpu()) else {
        return;
    };
    let baseline_vcpu = total * row.value / dec!(100);
    let fmt = crate::limits::fmt;
    let rps = plan.peak.rps;
    let mut values = vec![
        fmt(fleet.peak_units),
        e.instance.clone(),
        fmt(row.value),
        fmt(vcpu),
        fmt(baseline_vcpu),
    ];
    let id = if rps > Decimal::ZERO {
        values.push(fmt(baseline_vcpu * dec!(1000) / rps));
        values.push(fmt(rps));
        "note.web_tier_x_burstable_cpu_credit"
    } else {
        "note.web_tier_x_burstable_cpu_credit_2"
    };
    out.push(Msg::new(id, values));
}

/// Notes that compare architectures with each other: a database on a single EC2 instance is
/// not as available as RDS Multi-AZ elsewhere in the scenario. (architecture index, note).
pub fn across(s: &Scenario) -> Vec<(usize, Msg)> {
    let multi_az: Vec<&str> = s
        .architectures
        .iter()
        .filter(|a| matches!(&a.db, Some(Service::Rds(r)) if r.multi_az))
        .map(|a| a.name.as_str())
        .collect();
    if multi_az.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, a) in s.architectures.iter().enumerate() {
        let Some(Service::Ec2(e)) = &a.db else {
            continue;
        };
        let single = match (e.count, e.max) {
            (Some(n), _) => n <= Decimal::ONE,
            (None, Some(max)) => max <= Decimal::ONE,
            (None, None) => false,
        };
        if single {
            out.push((
                i,
                msg!(
                    "note.db_tier_single_ec2_instance_while",
                    e.instance,
                    multi_az.join(", ")
                ),
            ));
        }
    }
    out
}
