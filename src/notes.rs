//! Review notes: what a reviewer should read beside the numbers. A priced alternative (the
//! other DynamoDB capacity mode), and comparisons that are not like for like: a database on one
//! EC2 instance against RDS Multi-AZ, burstable web servers against their CPU-credit baseline,
//! Fargate's per-second billing minimum when tasks start and stop, and a VPC Lambda reaching
//! DynamoDB through a NAT gateway, and a fleet on Spot. Notes read the capacity plan; they never
//! change a total.
use crate::capacity::plan::{tier_plan, ArchPlan};
use crate::error::Result;
use crate::limits::ec2::baseline_row;
use crate::money;
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
) -> Result<Vec<String>> {
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
        let (now, then) = match d.capacity {
            Capacity::OnDemand => ("on-demand", "provisioned (sized from the peak hour)"),
            Capacity::Provisioned => ("provisioned", "on-demand"),
        };
        out.push(format!(
            "DynamoDB {now}: {} per month; {then} would be {} for the same load",
            shown(db_usd),
            shown(alt)
        ));
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
            out.push(format!("Private compute with DynamoDB: its DynamoDB calls ({} GB a month) go through the NAT gateway and are priced as NAT data; add \"dynamodb\" to network.vpc_endpoints (a gateway endpoint, no hourly or data charge) to take them off it", crate::money::quantity(gb)));
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
                let minimum = match f.os {
                    Os::Linux => "a one-minute minimum",
                    Os::Windows => "a five-minute minimum (Windows)",
                };
                out.push(format!(
                    "Fargate ({tier} tier) bills each task per second with {minimum}; this estimate adds and removes whole tasks hour by hour ({} task starts a day), so tasks that start and stop within minutes cost more than shown",
                    crate::limits::fmt(fleet.starts_per_day)
                ));
            }
        }
    }
    Ok(out)
}

/// A tier on Spot: the capacity can be taken back, so it does not belong under the baseline.
fn spot(tier: &str, svc: &Service) -> Option<String> {
    let t = svc.terms();
    if t.purchase != crate::scenario::Purchase::Spot || t.spot_share.is_zero() {
        return None;
    }
    // "Spot Instance interruption notices: a warning that is issued two minutes before Amazon
    // EC2 stops or terminates your Spot Instance" (EC2 User Guide); Fargate Spot tasks get the
    // same two-minute warning (ECS Developer Guide, "Fargate Spot").
    Some(format!(
        "{} ({tier} tier) on Spot for {} % of its hours: Spot capacity can be reclaimed with two minutes' notice and is unsuited to a fleet's baseline; keep the baseline on-demand or committed and put only the hours above it on Spot",
        svc.name(),
        crate::limits::fmt(t.spot_share * dec!(100))
    ))
}

/// A T3/T3a/T4g web tier: how much CPU per request its baseline sustains at the busiest hour.
fn burstable_web(
    e: &crate::scenario::Ec2,
    tp: &crate::capacity::plan::TierPlan,
    plan: &ArchPlan,
    out: &mut Vec<String>,
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
    let budget = if rps > Decimal::ZERO {
        format!(
            "sustains {} ms of CPU per request at the busiest hour's {} requests/s",
            fmt(baseline_vcpu * dec!(1000) / rps),
            fmt(rps)
        )
    } else {
        "is what the instances may use on average".to_string()
    };
    out.push(format!(
        "web tier {} x {}: burstable; its CPU-credit baseline ({} % of {} vCPU each = {} vCPU) {budget}. Above it the instances spend CPU credits (T3/T4g start in unlimited mode, where surplus credits are billed): check the measured CPU per request",
        fmt(fleet.peak_units),
        e.instance,
        fmt(row.value),
        fmt(vcpu),
        fmt(baseline_vcpu)
    ));
}

/// Notes that compare architectures with each other: a database on a single EC2 instance is
/// not as available as RDS Multi-AZ elsewhere in the scenario. (architecture index, note).
pub fn across(s: &Scenario) -> Vec<(usize, String)> {
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
            out.push((i, format!(
                "db tier on a single EC2 instance ({}) while {} uses RDS Multi-AZ: availability differs (Multi-AZ keeps a synchronous standby in a second Availability Zone and fails over automatically); for a like-for-like price add a standby instance with replication, or compare with RDS Single-AZ",
                e.instance,
                multi_az.join(", ")
            )));
        }
    }
    out
}
