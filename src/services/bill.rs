//! A whole architecture's bill, tier by tier: each tier's service usage with the CloudWatch
//! Logs it writes, then the `network` tier (data transfer, the egress path, VPC endpoints,
//! traffic between AZs) and `extras`.
use super::{Ctx, Line};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::scenario::Service;

/// Price any tier's service from its capacity plan, with the CloudWatch Logs it writes.
pub fn price_service(service: &Service, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>> {
    let mut out = super::price_usage(service, ctx, plan)?;
    out.extend(super::logs::lines(service, ctx)?);
    Ok(out)
}

/// Every priced tier of an architecture, in order: web, app, db, then `network` (data transfer,
/// egress path, endpoints, traffic between AZs) and `extras`, as (tier, service, lines); tiers
/// without lines are left out except the three compute tiers.
pub fn arch_tiers(
    arch: &crate::scenario::Architecture,
    ctx: &Ctx,
    plan: &crate::capacity::plan::ArchPlan,
) -> Result<Vec<(&'static str, &'static str, Vec<Line>)>> {
    let mut out = Vec::with_capacity(5);
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        if let (Some(svc), Some(tp)) = (svc, plan.tier(tier)) {
            out.push((tier, svc.name(), price_service(svc, ctx, tp)?));
        }
    }
    let network = super::network::network_lines(arch, ctx, plan)?;
    if !network.is_empty() {
        out.push(("network", "data-transfer", network));
    }
    let extras = super::network::extras_lines(&arch.extras, ctx)?;
    if !extras.is_empty() {
        out.push(("extras", "extras", extras));
    }
    Ok(out)
}
