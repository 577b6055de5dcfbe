//! Evaluate every architecture of a scenario: plan each tier's capacity once, price the plan, add
//! network and extras lines, check limits against the same plan, judge feasibility, and assemble
//! the report of docs/reference/json.md with its recommendation (the cheapest feasible architecture).
use crate::capacity::plan;
use crate::capacity::Load;
use crate::error::Result;
use crate::feasibility::{self, Blocker};
use crate::limits::{self, Finding};
use crate::money;
use crate::pricing::Catalog;
use crate::scenario::{Architecture, Currency, Range, RangeEnd, Scenario};
use crate::services::{self, exact, Ctx, Line};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

mod lean;
mod over_time;
pub use lean::{arch_total, outcome, outcomes, probe, totals, Outcome, Probe};
pub use over_time::OverTime;

pub const REPORT_SCHEMA: &str = "archcost/report/1";

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema: &'static str,
    pub scenario: ScenarioInfo,
    pub assumptions: AssumptionsInfo,
    /// The cheapest architecture that can run the workload (`feasible`), or null: the
    /// recommendation every output makes.
    pub cheapest_feasible: Option<String>,
    pub architectures: Vec<ArchReport>,
    /// What a real bill for these architectures may add that this estimate leaves out.
    pub not_modelled: Vec<crate::not_modelled::Item>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ScenarioInfo {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub region: String,
    /// The region's location name (e.g. "Asia Pacific (Tokyo)"); empty when not known.
    pub region_name: String,
    /// The region as the scenario wrote it, when that was not the code (e.g. "東京").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_written: Option<String>,
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub requests_per_month: Decimal,
    /// Workload inputs given as ranges (`workload.KEY` -> low/expected/high); absent when none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ranges: BTreeMap<String, Range>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AssumptionsInfo {
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub hours_per_month: Decimal,
    pub free_tier: bool,
    pub currency: Currency,
    #[serde(serialize_with = "opt_exact")]
    pub usd_jpy: Option<Decimal>,
    pub fx_date: Option<String>,
    pub pricing: PricingInfo,
    /// Consumption tax rate when the scenario sets one.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_exact")]
    pub tax_rate: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PricingInfo {
    pub source: String,
    /// The newest `effective` date of the prices this report uses.
    pub effective: String,
    /// The oldest `effective` date of the prices this report uses (a catalog mixes snapshots).
    pub effective_oldest: String,
    /// When a price used is more than 12 months older than today: the `archcost pricing fetch`
    /// command that gets today's list of those services (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh: Option<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ArchReport {
    pub name: String,
    pub region: String,
    /// Recurring monthly cost plus every upfront fee amortised over its term.
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub monthly_usd: Decimal,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_exact")]
    pub monthly_jpy: Option<Decimal>,
    /// One-off commitment payments (the lines' `upfront_usd`); 0 when none.
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub upfront_usd: Decimal,
    /// Money over time, when any architecture of the scenario has a purchase option.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over_time: Option<OverTime>,
    /// Consumption tax on `monthly_usd` (which stays pre-tax), when `tax_rate` is set.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_exact")]
    pub tax_usd: Option<Decimal>,
    /// False when a hard limit is exceeded or a fleet cannot carry the load (`ruled_out_by`).
    pub feasible: bool,
    /// What rules the architecture out (absent when it is feasible).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ruled_out_by: Vec<Blocker>,
    pub tiers: Vec<TierReport>,
    pub limits: Vec<Finding>,
    /// Priced alternatives worth knowing in a review (e.g. DynamoDB on-demand vs provisioned).
    // In English (JSON); `note_texts` holds the same notes as messages, in the same order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The notes as messages (`note.*`), shown in any language (`ArchReport::notes_in`).
    #[serde(skip)]
    #[schemars(skip)]
    pub note_texts: Vec<crate::messages::Msg>,
    /// Low / expected / high monthly totals when the workload has ranges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<RangeInfo>,
}

/// One architecture's monthly total with every ranged input at its low end, at expected, and at
/// its high end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RangeInfo {
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub low_usd: Decimal,
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub expected_usd: Decimal,
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub high_usd: Decimal,
}

/// The result of `evaluate_range`: the declared ranges and each architecture's three totals
/// (in the scenario's architecture order).
#[derive(Debug, Clone, PartialEq)]
pub struct RangeTotals {
    pub ranges: BTreeMap<String, Range>,
    pub architectures: Vec<(String, RangeInfo)>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TierReport {
    pub tier: String,
    pub service: String,
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub monthly_usd: Decimal,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_exact")]
    pub monthly_jpy: Option<Decimal>,
    pub lines: Vec<Line>,
}

fn opt_exact<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&crate::money::exact(*d)),
        None => s.serialize_none(),
    }
}

impl Report {
    /// Yen per USD when the scenario asks for yen.
    pub fn jpy_rate(&self) -> Option<Decimal> {
        match self.assumptions.currency {
            Currency::JPY => self.assumptions.usd_jpy,
            Currency::USD => None,
        }
    }

    pub fn arch(&self, name: &str) -> Option<&ArchReport> {
        self.architectures.iter().find(|a| a.name == name)
    }

    /// The recommended architecture (`cheapest_feasible`).
    pub fn recommended(&self) -> Option<&ArchReport> {
        self.cheapest_feasible.as_deref().and_then(|n| self.arch(n))
    }
}

/// The cheapest of `(name, monthly USD, feasible)` that is feasible (the first on ties).
pub fn cheapest_feasible<'n>(
    archs: impl IntoIterator<Item = (&'n str, Decimal, bool)>,
) -> Option<&'n str> {
    let mut best: Option<(&str, Decimal)> = None;
    for (name, usd, feasible) in archs {
        if feasible && best.is_none_or(|(_, b)| usd < b) {
            best = Some((name, usd));
        }
    }
    best.map(|(n, _)| n)
}

impl ArchReport {
    /// The review notes as shown in `lang` (the English of `notes` for any note without its
    /// message).
    pub fn notes_in(&self, lang: crate::lang::Lang) -> Vec<String> {
        self.notes
            .iter()
            .enumerate()
            .map(|(i, en)| match self.note_texts.get(i) {
                Some(m) => m.render(lang),
                None => en.clone(),
            })
            .collect()
    }

    /// Every line of the architecture with its tier name.
    pub fn lines(&self) -> impl Iterator<Item = (&TierReport, &Line)> {
        self.tiers
            .iter()
            .flat_map(|t| t.lines.iter().map(move |l| (t, l)))
    }

    pub fn tier(&self, name: &str) -> Option<&TierReport> {
        self.tiers.iter().find(|t| t.tier == name)
    }
}

/// Price every architecture of the scenario (with low/high totals when inputs have ranges).
pub fn evaluate(s: &Scenario, catalog: &Catalog) -> Result<Report> {
    let mut report = evaluate_point(s, catalog)?;
    if s.has_ranges() {
        let expected = arch_totals(&report);
        let range = range_totals(s, catalog, expected)?;
        for (arch, (_, info)) in report.architectures.iter_mut().zip(range.architectures) {
            arch.range = Some(info);
        }
        report.scenario.ranges = range.ranges;
    }
    Ok(report)
}

/// Low / expected / high monthly totals of every architecture, or `None` when no workload input
/// has a range.
///
/// "Low" puts *every* ranged input at its low end at once, "high" every one at its high end.
/// These are the true bounds of the cost over the whole box of inputs because every cost in this
/// engine is non-decreasing in every workload input (more requests, longer duration, bigger
/// payloads, more reads/writes, larger items, more storage, a higher peak: never cheaper; tiered
/// prices fall per unit but the total still grows; task/instance counts are step functions that
/// only go up). A `discount_pct` range works the other way — a larger discount never costs
/// more — so "low" puts discounts at their high end (`Scenario::at_range_end`).
/// `tests/it/diffs.rs` checks this monotonicity on the example scenarios.
pub fn evaluate_range(s: &Scenario, catalog: &Catalog) -> Result<Option<RangeTotals>> {
    if !s.has_ranges() {
        return Ok(None);
    }
    let expected = totals(&s.without_ranges(), catalog)?;
    range_totals(s, catalog, expected).map(Some)
}

fn arch_totals(rep: &Report) -> Vec<(String, Decimal)> {
    rep.architectures
        .iter()
        .map(|a| (a.name.clone(), a.monthly_usd))
        .collect()
}

fn range_totals(
    s: &Scenario,
    catalog: &Catalog,
    expected: Vec<(String, Decimal)>,
) -> Result<RangeTotals> {
    let low = totals(&s.at_range_end(RangeEnd::Low), catalog)?;
    let high = totals(&s.at_range_end(RangeEnd::High), catalog)?;
    let architectures = expected
        .into_iter()
        .zip(low.into_iter().zip(high))
        .map(|((name, expected_usd), ((_, low_usd), (_, high_usd)))| {
            (
                name,
                RangeInfo {
                    low_usd,
                    expected_usd,
                    high_usd,
                },
            )
        })
        .collect();
    Ok(RangeTotals {
        ranges: s.all_ranges(),
        architectures,
    })
}

/// Price every architecture at the scenario's point values (ranges ignored).
fn evaluate_point(s: &Scenario, catalog: &Catalog) -> Result<Report> {
    let hours = s.assumptions.hours_per_month;
    let monthly = s.workload.monthly_requests(hours);
    let load = Load::new(&s.workload, monthly, hours);
    let rate = match s.assumptions.currency {
        Currency::JPY => s.assumptions.usd_jpy,
        Currency::USD => None,
    };
    let mut architectures = Vec::with_capacity(s.architectures.len());
    for arch in &s.architectures {
        architectures.push(evaluate_arch(s, arch, catalog, &load, rate)?);
    }
    for (i, note) in crate::notes::across(s) {
        if let Some(a) = architectures.get_mut(i) {
            a.notes.push(note.en());
            a.note_texts.push(note);
        }
    }
    if let Some(months) = over_time::months(s) {
        for (i, a) in architectures.iter_mut().enumerate() {
            let lines: Vec<&Line> = a.tiers.iter().flat_map(|t| &t.lines).collect();
            let totals = (a.monthly_usd, a.upfront_usd);
            a.over_time = Some(over_time::of(s, i, &a.name, totals, &lines, months)?);
        }
    }
    let cheapest_feasible = cheapest_feasible(
        architectures
            .iter()
            .map(|a| (a.name.as_str(), a.monthly_usd, a.feasible)),
    )
    .map(str::to_string);
    let (effective_oldest, effective) = price_dates(s, catalog, &architectures);
    let refresh = refresh_command(&architectures, &crate::pricing::freshness::today());
    Ok(Report {
        schema: REPORT_SCHEMA,
        scenario: ScenarioInfo {
            name: s.name.clone(),
            description: s.description.clone(),
            region: s.region.clone(),
            region_name: crate::pricing::regions::by_code(&s.region)
                .map(|r| r.name.to_string())
                .unwrap_or_default(),
            region_written: s.region_written.clone(),
            requests_per_month: monthly,
            ranges: BTreeMap::new(),
        },
        assumptions: AssumptionsInfo {
            hours_per_month: hours,
            free_tier: s.assumptions.free_tier,
            currency: s.assumptions.currency,
            usd_jpy: s.assumptions.usd_jpy,
            fx_date: s.assumptions.fx_date.clone(),
            pricing: PricingInfo {
                source: catalog.origin.clone(),
                effective,
                effective_oldest,
                refresh,
            },
            tax_rate: s.assumptions.tax_rate,
        },
        cheapest_feasible,
        not_modelled: crate::not_modelled::for_scenario(s, catalog),
        architectures,
    })
}

/// Oldest and newest `effective` dates of the prices the report's lines use; when no line is
/// priced, those of the catalog rows of the scenario's regions.
fn price_dates(s: &Scenario, catalog: &Catalog, archs: &[ArchReport]) -> (String, String) {
    let lines = archs
        .iter()
        .flat_map(|a| &a.tiers)
        .flat_map(|t| &t.lines)
        .map(|l| l.effective.as_str());
    crate::pricing::date_range(lines)
        .or_else(|| catalog.effective_range(&s.regions()))
        .unwrap_or_default()
}

/// The `pricing fetch` command for the regions and services of the lines whose price is more
/// than 12 months older than `today` (YYYY-MM-DD); None when every price is younger.
fn refresh_command(archs: &[ArchReport], today: &str) -> Option<String> {
    let cutoff = crate::pricing::freshness::months_before(today, 12)?;
    let mut regions = std::collections::BTreeSet::new();
    let mut services = std::collections::BTreeSet::new();
    for a in archs {
        for l in a.tiers.iter().flat_map(|t| &t.lines) {
            if l.effective.is_empty() || l.effective.as_str() >= cutoff.as_str() {
                continue;
            }
            regions.insert(a.region.as_str());
            services
                .insert(crate::pricing::freshness::fetch_service(&l.price_key).unwrap_or("ec2"));
        }
    }
    if regions.is_empty() {
        return None;
    }
    Some(format!(
        "archcost pricing fetch --region {} --services {}",
        regions.into_iter().collect::<Vec<_>>().join(","),
        services.into_iter().collect::<Vec<_>>().join(",")
    ))
}

fn evaluate_arch(
    s: &Scenario,
    arch: &Architecture,
    catalog: &Catalog,
    load: &Load,
    rate: Option<Decimal>,
) -> Result<ArchReport> {
    let region = arch.region.as_deref().unwrap_or(&s.region);
    let hours = s.assumptions.hours_per_month;
    let plan = plan::plan(arch, &s.workload, load, hours);
    let mut ctx = Ctx::new(
        catalog,
        region,
        hours,
        s.assumptions.free_tier,
        &s.workload,
        load,
        false,
    );
    ctx.log_stored_ratio = s.assumptions.log_stored_ratio;
    let mut tiers = Vec::new();
    let mut push = |tier: &str, service: &str, lines: Vec<Line>| -> Result<()> {
        let monthly_usd = money::sum(lines.iter().map(|l| l.monthly_usd), &arch.name)?;
        tiers.push(TierReport {
            tier: tier.to_string(),
            service: service.to_string(),
            monthly_usd,
            monthly_jpy: rate.map(|r| monthly_usd * r),
            lines,
        });
        Ok(())
    };
    // The always-free allowances left before the db tier is priced (for the DynamoDB note):
    // replay the tiers before it.
    let mut free_before_db = BTreeMap::new();
    let priced = services::bill::arch_tiers(arch, &ctx, &plan)?;
    if arch.db.is_some() {
        let replay = Ctx::new(
            catalog,
            region,
            hours,
            s.assumptions.free_tier,
            &s.workload,
            load,
            true,
        );
        for (tier, svc) in [("web", &arch.web), ("app", &arch.app)] {
            if let (Some(svc), Some(tp)) = (svc, plan.tier(tier)) {
                services::bill::price_service(svc, &replay, tp)?;
            }
        }
        free_before_db = replay.free_used.borrow().clone();
    }
    for (tier, service, lines) in priced {
        push(tier, service, lines)?;
    }
    let monthly_usd = money::sum(tiers.iter().map(|t| t.monthly_usd), &arch.name)?;
    let findings = limits::check(s, arch, &plan, false);
    let ruled_out_by = feasibility::blockers(arch, &plan, &findings, false);
    let db_usd = tiers
        .iter()
        .find(|t| t.tier == "db")
        .map(|t| t.monthly_usd)
        .unwrap_or_default();
    let upfront_usd = money::sum(
        tiers
            .iter()
            .flat_map(|t| &t.lines)
            .filter_map(|l| l.upfront_usd),
        &arch.name,
    )?;
    let note_texts = crate::notes::for_arch(arch, &plan, &ctx, db_usd, &free_before_db, rate)?;
    Ok(ArchReport {
        name: arch.name.clone(),
        region: region.to_string(),
        monthly_usd,
        monthly_jpy: rate.map(|r| monthly_usd * r),
        upfront_usd,
        over_time: None,
        tax_usd: match s.assumptions.tax_rate {
            Some(t) => Some(money::mul(monthly_usd, t, "assumptions.tax_rate")?),
            None => None,
        },
        feasible: ruled_out_by.is_empty(),
        ruled_out_by,
        limits: findings,
        notes: note_texts.iter().map(crate::messages::Msg::en).collect(),
        note_texts,
        tiers,
        range: None,
    })
}
