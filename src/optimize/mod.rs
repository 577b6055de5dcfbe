//! `archcost optimize`: for each architecture with an `[architecture.search]` table, the cheapest
//! configuration that is feasible (no hard limit exceeded, every hour's load carried at
//! `max_utilization`) and meets the search's constraints, priced by the same engine as
//! `compare`. Modules: `space` (the choices), `power_tuning` (Lambda duration across memory),
//! `search` (exact pricing and the best-first walk), `sizing` (RDS classes against the
//! connections the workload holds open), `constraints` (the written baseline and the binding
//! constraints in words).
pub mod constraints;
pub mod power_tuning;
pub mod search;
pub mod sizing;
pub mod space;

pub use constraints::{CapMiss, RuledOut, Said};

use crate::capacity::Load;
use crate::compare::{self, probe, AssumptionsInfo};
use crate::error::Result;
use crate::pricing::Catalog;
use crate::scenario::{Architecture, Scenario, Service};
use rust_decimal::Decimal;
use serde::Serialize;
use space::{Setting, SpaceCtx};
use std::collections::BTreeMap;

pub const OPTIMIZE_SCHEMA: &str = "archcost/optimize/1";

/// Bounds on one search (the serve page's: a request must not hold a thread for long).
/// Exceeding one is an input error naming the bound; the CLI searches without bounds.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Tier configurations priced through the engine, over every architecture.
    pub max_evaluations: u64,
    /// Configurations the best-first walk may combine, per architecture.
    pub max_combined: u64,
}

/// What `optimize` needs beyond the scenario.
#[derive(Default)]
pub struct Options<'a> {
    /// Only this architecture (`--arch`).
    pub arch: Option<&'a str>,
    /// Alternatives to report after the best (`--top`).
    pub top: usize,
    /// The scenario file's name (messages).
    pub file: &'a str,
    /// Power Tuning data per architecture name (read by the command from `power_tuning`).
    pub measured: BTreeMap<String, power_tuning::Measured>,
    /// Refuse searches larger than these (`None`: unbounded, as `archcost optimize`).
    pub bounds: Option<Bounds>,
}

/// The whole answer (JSON schema `archcost/optimize/1`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OptimizeReport {
    pub schema: &'static str,
    pub scenario: ScenarioRef,
    pub assumptions: AssumptionsInfo,
    pub architectures: Vec<ArchResult>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ScenarioRef {
    pub name: String,
    pub region: String,
}

/// The tier keys of a configuration: tier -> key -> value (exact text).
pub type Config = BTreeMap<String, BTreeMap<String, String>>;

/// One architecture's answer.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ArchResult {
    pub name: String,
    /// False when the architecture has no `[architecture.search]` table (baseline only).
    pub searched: bool,
    pub baseline: Baseline,
    /// The cheapest feasible configuration (null when none meets every constraint).
    pub best: Option<Choice>,
    /// The next cheapest configurations (`--top`).
    pub alternatives: Vec<Choice>,
    /// Tier configurations priced through the engine.
    pub evaluated: u64,
    /// Configurations the search covers (the product of the tiers' choices).
    pub space: String,
    /// Configurations combined by the best-first walk.
    pub combined: u64,
    /// When nothing is feasible: what rules out each group (family, size) of each tier.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ruled_out: Vec<RuledOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Said>,
}

/// The architecture as written, priced exactly as `compare` prices it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Baseline {
    pub config: Config,
    #[serde(with = "crate::services::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub monthly_usd: Decimal,
    #[serde(with = "crate::services::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub upfront_usd: Decimal,
    pub feasible: bool,
    /// False when it breaks a search constraint (`broken`).
    pub meets_constraints: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub broken: Vec<String>,
}

/// A configuration the search found.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Choice {
    pub config: Config,
    #[serde(with = "crate::services::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub monthly_usd: Decimal,
    #[serde(with = "crate::services::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub upfront_usd: Decimal,
    /// Baseline monthly minus this one's (negative when it costs more).
    #[serde(with = "crate::services::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub saving_usd: Decimal,
    /// Ids of the constraints that stop it getting cheaper.
    pub binding: Vec<String>,
    /// The same as sentences (`kind` + fields: "peak hour needs 7 x c7g.xlarge at 70 %").
    pub reasons: Vec<Said>,
    /// The tier keys to write into the scenario (`--write`).
    #[serde(skip)]
    pub settings: Vec<(String, Vec<(&'static str, Setting)>)>,
}

/// Search every architecture (or `opts.arch`). `progress(done, total)` is called as tier
/// candidates are priced.
pub fn run(
    s: &Scenario,
    catalog: &Catalog,
    opts: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<OptimizeReport> {
    let report = compare::evaluate(&s.without_ranges(), catalog)?;
    let hours = s.assumptions.hours_per_month;
    let load = Load::new(&s.workload, s.workload.monthly_requests(hours), hours);
    let mut out = Vec::new();
    let mut spent = 0u64;
    for (i, arch) in s.architectures.iter().enumerate() {
        if opts.arch.is_some_and(|n| n != arch.name) {
            continue;
        }
        let Some(written) = report.arch(&arch.name) else {
            continue;
        };
        out.push(arch_result(
            s, catalog, opts, &load, i, arch, written, progress, &mut spent,
        )?);
    }
    Ok(OptimizeReport {
        schema: OPTIMIZE_SCHEMA,
        scenario: ScenarioRef {
            name: s.name.clone(),
            region: s.region.clone(),
        },
        assumptions: report.assumptions,
        architectures: out,
    })
}

/// Alternatives listed after the best where no `--top` is given (the report folder, the serve
/// page): the `optimize` command's default.
pub const DEFAULT_TOP: usize = 3;

/// True when any architecture has an `[architecture.search]` table.
pub fn has_search(s: &Scenario) -> bool {
    s.architectures.iter().any(|a| a.search.is_some())
}

/// The optimize answer for the report folder: `None` when no architecture has a search table;
/// otherwise [`search_scenario`]. An infeasible search is an answer (its `ruled_out` says
/// why), not an error.
pub fn for_scenario(
    s: &Scenario,
    catalog: &Catalog,
    scenario_path: &std::path::Path,
    text: &str,
    bounds: Option<Bounds>,
) -> Result<Option<OptimizeReport>> {
    if !has_search(s) {
        return Ok(None);
    }
    search_scenario(s, catalog, scenario_path, text, bounds).map(Some)
}

/// Every architecture searched as `archcost optimize` does with its default `--top`
/// ([`DEFAULT_TOP`]), Power Tuning files read beside `scenario_path` (`text`: the scenario's
/// text, for error locations). `bounds`: see [`Bounds`].
pub fn search_scenario(
    s: &Scenario,
    catalog: &Catalog,
    scenario_path: &std::path::Path,
    text: &str,
    bounds: Option<Bounds>,
) -> Result<OptimizeReport> {
    let file = scenario_path.display().to_string();
    let measured = power_tuning::read_files(s, scenario_path, &file, text)?;
    let opts = Options {
        arch: None,
        top: DEFAULT_TOP,
        file: &file,
        measured,
        bounds,
    };
    run(s, catalog, &opts, &mut |_, _| {})
        .map_err(|e| crate::scenario::with_location(&file, text, e))
}

/// One architecture's answer: its baseline, and with a search table the cheapest
/// configurations found, or what rules every one out. `spent` counts the tier configurations
/// priced so far over every architecture (against `opts.bounds`).
#[allow(clippy::too_many_arguments)]
fn arch_result(
    s: &Scenario,
    catalog: &Catalog,
    opts: &Options,
    load: &Load,
    index: usize,
    arch: &Architecture,
    written: &compare::ArchReport,
    progress: &mut dyn FnMut(u64, u64),
    spent: &mut u64,
) -> Result<ArchResult> {
    let base_probe = probe(s, arch, catalog, load)?;
    let parsed = crate::scenario::search::of(opts.file, index, &arch.name, arch.search.as_ref())?;
    let search = parsed.unwrap_or_default();
    let mut baseline = Baseline {
        config: describe_arch(arch),
        monthly_usd: written.monthly_usd,
        upfront_usd: written.upfront_usd,
        feasible: written.feasible,
        meets_constraints: true,
        broken: Vec::new(),
    };
    let mut result = ArchResult {
        name: arch.name.clone(),
        searched: arch.search.is_some(),
        baseline: baseline.clone(),
        best: None,
        alternatives: Vec::new(),
        evaluated: 0,
        space: "1".into(),
        combined: 0,
        ruled_out: Vec::new(),
        notes: Vec::new(),
    };
    if arch.search.is_none() {
        return Ok(result);
    }
    let region = arch.region.as_deref().unwrap_or(&s.region);
    let cx = SpaceCtx {
        catalog,
        region,
        duration_ms: s.workload.duration_ms,
        path: format!("architecture[{index}] ({}).search", arch.name),
        file: opts.file,
        measured: opts.measured.get(&arch.name),
    };
    let tiers = tier_spaces(&cx, arch, &search)?;
    let total: u64 = tiers.iter().map(|(_, c)| c.len() as u64).sum();
    *spent = spent.saturating_add(total);
    if let Some(b) = opts.bounds.filter(|b| *spent > b.max_evaluations) {
        return Err(crate::error::Error::Said(crate::said!(
            "error.optimize.over_bound",
            opts.file,
            cx.path.as_str(),
            spent.to_string(),
            b.max_evaluations.to_string()
        )));
    }
    let space_size = tiers
        .iter()
        .try_fold(1u128, |acc, (_, c)| acc.checked_mul(c.len() as u128));
    result.space = space_size.map_or("more than 10^38".into(), |n| n.to_string());
    let at = ArchSearch {
        s,
        catalog,
        load,
        arch,
        base: &base_probe,
    };
    let mut spaces = at.tiers(tiers, total, progress);
    result.evaluated = evaluated(&spaces);
    let caps = search::Caps {
        max_monthly_usd: search.max_monthly_usd,
        max_upfront_usd: search.max_upfront_usd,
    };
    let connections = sizing::Connections::new(&spaces, &base_probe);
    connections.rule_out(&mut spaces);
    let walk = search::cheapest(
        &spaces,
        &base_probe,
        caps,
        opts.top + 1,
        opts.bounds.map(|b| b.max_combined),
        &|picks| connections.fits(&spaces, picks),
    );
    if let (true, Some(b)) = (walk.truncated, opts.bounds) {
        return Err(crate::error::Error::Said(crate::said!(
            "error.optimize.over_combined",
            opts.file,
            cx.path.as_str(),
            b.max_combined.to_string(),
            (opts.top + 1).to_string()
        )));
    }
    result.combined = walk.combined;
    let (broken, notes) = at.baseline_broken(&search, written);
    baseline.meets_constraints = broken.is_empty();
    baseline.broken = broken;
    result.baseline = baseline;
    result.notes = notes;
    result.notes.extend(space_notes(&spaces, &connections));
    let choices = at.choices(written, &spaces, &walk)?;
    if choices.is_empty() {
        result.ruled_out = constraints::ruled_out(&spaces, &walk, &base_probe, caps, &search);
    }
    let mut it = choices.into_iter();
    result.best = it.next();
    result.alternatives = it.collect();
    Ok(result)
}

/// The choices of each tier the architecture has; a tier searched but absent is an input
/// error.
fn tier_spaces(
    cx: &SpaceCtx,
    arch: &Architecture,
    search: &crate::scenario::search::Search,
) -> Result<Vec<(&'static str, Vec<space::Candidate>)>> {
    let mut tiers = Vec::new();
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        if let Some(svc) = svc {
            tiers.push((tier, space::tier_space(cx, tier, svc, search)?));
        }
    }
    for (tier, _) in [
        ("web", &search.web),
        ("app", &search.app),
        ("db", &search.db),
    ]
    .into_iter()
    .filter(|(_, t)| t.is_some())
    {
        if !tiers.iter().any(|(t, _)| *t == tier) {
            return Err(crate::error::Error::Said(crate::said!(
                "error.optimize.no_tier",
                cx.file,
                format!("{}.{tier}", cx.path),
                tier
            )));
        }
    }
    Ok(tiers)
}

/// Tier configurations priced through the engine: every outcome but those ruled out before
/// pricing for a reason other than a missing price.
fn evaluated(spaces: &[search::TierSpace]) -> u64 {
    spaces
        .iter()
        .flat_map(|sp| &sp.outcomes)
        .filter(|o| !matches!(o, search::Priced::Out { reasons, monthly_usd: None } if reasons.iter().any(|r| r != "unpriced")))
        .count() as u64
}

/// The notes on the search's choices: interpolated Power Tuning durations, and per tier the
/// candidates without vCPUs, without a price, without a Spot price, and RDS classes whose
/// connections could not be checked.
fn space_notes(spaces: &[search::TierSpace], connections: &sizing::Connections) -> Vec<Said> {
    let mut notes = Vec::new();
    if spaces
        .iter()
        .flat_map(|sp| &sp.candidates)
        .any(|c| c.interpolated)
    {
        notes.push(Said::InterpolatedBetweenMeasured);
    }
    for sp in spaces {
        // Unpriced Spot options are said apart: Spot prices are sourced for fewer types and
        // regions (EC2 Spot Instance Advisor averages; no Fargate Spot rows in the bundled catalog).
        let (mut unpriced, mut unpriced_spot) = (0, 0);
        for (c, o) in sp.candidates.iter().zip(&sp.outcomes) {
            if matches!(o, search::Priced::Out { reasons, .. } if reasons.iter().any(|r| r == "unpriced"))
            {
                if c.svc.terms().purchase == crate::scenario::Purchase::Spot {
                    unpriced_spot += 1;
                } else {
                    unpriced += 1;
                }
            }
        }
        let no_vcpus = sp
            .candidates
            .iter()
            .filter(|c| c.excluded.as_deref() == Some("vcpus_unknown"))
            .count();
        let tier = || sp.tier.to_string();
        if no_vcpus > 0 {
            notes.push(Said::NoVcpus {
                tier: tier(),
                count: no_vcpus,
            });
        }
        if unpriced > 0 {
            notes.push(Said::Unpriced {
                tier: tier(),
                count: unpriced,
            });
        }
        if unpriced_spot > 0 {
            notes.push(Said::UnpricedSpot {
                tier: tier(),
                count: unpriced_spot,
            });
        }
    }
    if connections.unchecked > 0 {
        notes.push(Said::NoConnectionCheck {
            tier: "db".into(),
            count: connections.unchecked,
        });
    }
    notes
}

/// What one architecture's search prices against: the scenario, catalog and load, the
/// architecture as written and its probe.
struct ArchSearch<'a> {
    s: &'a Scenario,
    catalog: &'a Catalog,
    load: &'a Load,
    arch: &'a Architecture,
    base: &'a compare::Probe,
}

impl ArchSearch<'_> {
    /// Every tier's candidates priced, `progress(done, total)` after each.
    fn tiers(
        &self,
        tiers: Vec<(&'static str, Vec<space::Candidate>)>,
        total: u64,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Vec<search::TierSpace> {
        let mut done = 0u64;
        let mut spaces = Vec::new();
        for (tier, cands) in tiers {
            let mut tick = || {
                done += 1;
                progress(done, total);
            };
            spaces.push(search::price_tier(
                self.s,
                self.catalog,
                self.load,
                self.arch,
                self.base,
                tier,
                cands,
                &mut tick,
            ));
        }
        spaces
    }

    /// The search constraints the architecture as written breaks (ids; an RDS class whose
    /// default max_connections is below the connections the load holds open breaks the
    /// sizing one) and the notes on them.
    fn baseline_broken(
        &self,
        search: &crate::scenario::search::Search,
        written: &compare::ArchReport,
    ) -> (Vec<String>, Vec<Said>) {
        let (arch, base) = (self.arch, self.base);
        let (mut broken, notes) = constraints::baseline(self.s, arch, search, base, written);
        if let Some(Service::Rds(r)) = &arch.db {
            let needed = crate::limits::rds::connections_needed(base.plan.in_flight);
            if crate::limits::rds::default_max_connections(r)
                .is_some_and(|m| needed > m.connections)
            {
                broken.push(format!("db.{}", sizing::ID));
            }
        }
        (broken, notes)
    }

    /// The walk's configurations as answers, each priced by the engine on the whole
    /// configuration, with what binds it.
    fn choices(
        &self,
        written: &compare::ArchReport,
        spaces: &[search::TierSpace],
        walk: &search::Walk,
    ) -> Result<Vec<Choice>> {
        let mut choices = Vec::new();
        for combo in &walk.combos {
            let mut a = self.arch.clone();
            let mut settings = Vec::new();
            for (sp, &pick) in spaces.iter().zip(&combo.picks) {
                let c = &sp.candidates[pick];
                a = search::with_tier(&a, sp.tier, &c.svc);
                settings.push((sp.tier.to_string(), c.settings.clone()));
            }
            // The answer's own figures, from the engine on the whole configuration.
            let p = probe(self.s, &a, self.catalog, self.load)?;
            let (binding, reasons) = constraints::binding(spaces, &combo.picks, &a, &p, walk);
            choices.push(Choice {
                config: describe_arch(&a),
                monthly_usd: p.monthly_usd,
                upfront_usd: p.upfront_usd,
                saving_usd: written.monthly_usd - p.monthly_usd,
                binding,
                reasons,
                settings,
            });
        }
        Ok(choices)
    }
}

/// The keys of every tier that a search may change, as written (tables and JSON `config`).
pub fn describe_arch(arch: &Architecture) -> Config {
    let mut out = Config::new();
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        if let Some(svc) = svc {
            out.insert(tier.to_string(), describe(svc));
        }
    }
    out
}

fn describe(svc: &Service) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        m.insert(k.to_string(), v);
    };
    let n = |d: Decimal| d.normalize().to_string();
    put("service", svc.name().to_string());
    let terms = svc.terms();
    put("purchase", terms.purchase.key().to_string());
    if terms.purchase != crate::scenario::Purchase::OnDemand
        && terms.purchase != crate::scenario::Purchase::Spot
    {
        put("term_years", terms.term_years.to_string());
        put("payment", terms.payment.key().to_string());
    }
    match svc {
        Service::Ec2(e) => {
            put("instance", e.instance.clone());
            if terms.purchase == crate::scenario::Purchase::Spot {
                put("spot_share", n(terms.spot_share));
            }
            if let Some(u) = e.max_utilization {
                put("max_utilization", n(u));
            }
        }
        Service::Lambda(l) => {
            put("memory_mb", n(l.memory_mb));
            put("arch", l.arch.key().to_string());
            if let Some(d) = l.duration_ms {
                put("duration_ms", n(d));
            }
        }
        Service::Fargate(f) => {
            put("vcpu", n(f.vcpu));
            put("memory_gb", n(f.memory_gb));
            put("arch", f.arch.key().to_string());
            if terms.purchase == crate::scenario::Purchase::Spot {
                put("spot_share", n(terms.spot_share));
            }
            if let Some(u) = f.max_utilization {
                put("max_utilization", n(u));
            }
        }
        Service::Rds(r) => {
            put("instance", r.instance.clone());
            put("multi_az", r.multi_az.to_string());
        }
        Service::Dynamodb(d) => {
            put(
                "capacity",
                match d.capacity {
                    crate::scenario::Capacity::OnDemand => "on-demand",
                    crate::scenario::Capacity::Provisioned => "provisioned",
                }
                .to_string(),
            );
        }
        Service::ApiGateway(_) | Service::Alb(_) => {}
    }
    m
}
