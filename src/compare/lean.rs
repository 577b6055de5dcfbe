//! The lean evaluation behind sweeps, break-even and the report's chart: monthly totals (and,
//! with `outcomes`, feasibility) from the same capacity plan and prices as `evaluate`, without
//! catalog trace strings, notes or limit-message text.
use crate::capacity::plan::{self, ArchPlan};
use crate::capacity::Load;
use crate::error::Result;
use crate::feasibility;
use crate::limits;
use crate::money;
use crate::pricing::Catalog;
use crate::scenario::{Architecture, Scenario};
use crate::services::{self, Ctx};
use rust_decimal::Decimal;

/// Monthly totals only, for sweeps and break-even: the same pricing as `evaluate`, without
/// limit checks, notes or catalog trace strings (ranges ignored: every input at `expected`).
pub fn totals(s: &Scenario, catalog: &Catalog) -> Result<Vec<(String, Decimal)>> {
    let hours = s.assumptions.hours_per_month;
    let load = Load::new(&s.workload, s.workload.monthly_requests(hours), hours);
    let mut out = Vec::with_capacity(s.architectures.len());
    for arch in &s.architectures {
        out.push((arch.name.clone(), arch_total(s, arch, catalog, &load)?));
    }
    Ok(out)
}

/// One architecture's monthly total and whether it can run the workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub name: String,
    pub monthly_usd: Decimal,
    pub feasible: bool,
    /// Ids of the limits that rule it out (empty when feasible).
    pub ruled_out_by: Vec<String>,
}

/// Monthly totals with feasibility, for sweeps, break-even and the report's chart: `totals` plus
/// the lean limit checks (exceeded limits only, no text).
pub fn outcomes(s: &Scenario, catalog: &Catalog) -> Result<Vec<Outcome>> {
    let hours = s.assumptions.hours_per_month;
    let load = Load::new(&s.workload, s.workload.monthly_requests(hours), hours);
    s.architectures
        .iter()
        .map(|arch| outcome(s, arch, catalog, &load))
        .collect()
}

/// One architecture's `Outcome` under `load` (the scenario's workload at its hours), so a
/// caller that needs only some architectures (break-even's pair) evaluates only those.
pub fn outcome(
    s: &Scenario,
    arch: &Architecture,
    catalog: &Catalog,
    load: &Load,
) -> Result<Outcome> {
    let hours = s.assumptions.hours_per_month;
    let plan = plan::plan(arch, &s.workload, load, hours);
    let monthly_usd = planned_total(s, arch, catalog, load, &plan)?;
    let findings = limits::check(s, arch, &plan, true);
    let ruled_out_by: Vec<String> = feasibility::blockers(arch, &plan, &findings, true)
        .into_iter()
        .map(|b| b.id)
        .collect();
    Ok(Outcome {
        name: arch.name.clone(),
        monthly_usd,
        feasible: ruled_out_by.is_empty(),
        ruled_out_by,
    })
}

/// One architecture's monthly USD (lean pricing of its capacity plan, planned here).
pub fn arch_total(
    s: &Scenario,
    arch: &Architecture,
    catalog: &Catalog,
    load: &Load,
) -> Result<Decimal> {
    let plan = plan::plan(arch, &s.workload, load, s.assumptions.hours_per_month);
    planned_total(s, arch, catalog, load, &plan)
}

/// One architecture's monthly USD, priced from a capacity plan already made.
fn planned_total(
    s: &Scenario,
    arch: &Architecture,
    catalog: &Catalog,
    load: &Load,
    plan: &ArchPlan,
) -> Result<Decimal> {
    let mut ctx = Ctx::new(
        catalog,
        arch.region.as_deref().unwrap_or(&s.region),
        s.assumptions.hours_per_month,
        s.assumptions.free_tier,
        &s.workload,
        load,
        true,
    );
    ctx.log_stored_ratio = s.assumptions.log_stored_ratio;
    let lines: Vec<_> = services::bill::arch_tiers(arch, &ctx, plan)?
        .into_iter()
        .flat_map(|(_, _, lines)| lines)
        .collect();
    money::sum(lines.iter().map(|l| l.monthly_usd), &arch.name)
}

/// One architecture priced and judged the lean way, with what `optimize` needs to compare
/// candidates: the monthly total, the upfront payments, what rules it out, and the plan.
#[derive(Debug, Clone)]
pub struct Probe {
    pub monthly_usd: Decimal,
    pub upfront_usd: Decimal,
    /// (tier, limit id) of every blocker (empty when feasible).
    pub ruled_out_by: Vec<(String, String)>,
    pub plan: ArchPlan,
}

/// Price and judge one architecture as `evaluate` does (same plan, services, network and
/// extras lines, limit checks), without trace strings or texts.
pub fn probe(s: &Scenario, arch: &Architecture, catalog: &Catalog, load: &Load) -> Result<Probe> {
    let hours = s.assumptions.hours_per_month;
    let plan = plan::plan(arch, &s.workload, load, hours);
    let mut ctx = Ctx::new(
        catalog,
        arch.region.as_deref().unwrap_or(&s.region),
        hours,
        s.assumptions.free_tier,
        &s.workload,
        load,
        true,
    );
    ctx.log_stored_ratio = s.assumptions.log_stored_ratio;
    let lines: Vec<_> = services::bill::arch_tiers(arch, &ctx, &plan)?
        .into_iter()
        .flat_map(|(_, _, lines)| lines)
        .collect();
    let monthly_usd = money::sum(lines.iter().map(|l| l.monthly_usd), &arch.name)?;
    let upfront_usd = money::sum(lines.iter().filter_map(|l| l.upfront_usd), &arch.name)?;
    let findings = limits::check(s, arch, &plan, true);
    let ruled_out_by = feasibility::blockers(arch, &plan, &findings, true)
        .into_iter()
        .map(|b| (b.tier, b.id))
        .collect();
    Ok(Probe {
        monthly_usd,
        upfront_usd,
        ruled_out_by,
        plan,
    })
}
