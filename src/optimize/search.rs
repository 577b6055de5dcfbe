//! The exact search. Tiers are priced independently: each tier's candidates are priced once,
//! in the architecture as written with only that tier changed, through the same engine
//! `compare` uses (`compare::probe`), so each candidate's cost is a difference against the
//! architecture as written. A configuration's total is the written total plus the differences
//! of its tiers (tiers interact only through shared lines that depend on the services present,
//! not on the choices within a tier; the property test in `tests/it/optimize.rs` checks the sum
//! against a brute force). Configurations are then enumerated cheapest first (a best-first walk
//! over the tiers' sorted lists, the k-smallest-sums method) until `top + 1` meet the
//! architecture-wide constraints, so nothing costlier than the answer is ever combined.
use super::space::Candidate;
use crate::capacity::Load;
use crate::compare::{probe, Probe};
use crate::pricing::Catalog;
use crate::scenario::{Architecture, Scenario, Service};
use rust_decimal::Decimal;
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

/// A tier's candidates and what pricing each one found.
pub struct TierSpace {
    pub tier: &'static str,
    pub candidates: Vec<Candidate>,
    /// Per candidate: its difference against the written architecture, or why it is out.
    pub outcomes: Vec<Priced>,
    /// Per candidate: requests in flight at the busiest second with it in place (None when
    /// it was not priced). Only the app tier's choice changes it (a Lambda duration).
    pub in_flight: Vec<Option<Decimal>>,
}

/// One priced candidate of one tier.
#[derive(Debug, Clone)]
pub enum Priced {
    /// Feasible: monthly and upfront difference against the written architecture.
    Ok {
        monthly_usd: Decimal,
        upfront_usd: Decimal,
    },
    /// Ruled out by these constraint / limit ids; `monthly_usd` when it could be priced.
    Out {
        reasons: Vec<String>,
        monthly_usd: Option<Decimal>,
    },
}

impl Priced {
    pub fn monthly(&self) -> Option<Decimal> {
        match self {
            Priced::Ok { monthly_usd, .. } => Some(*monthly_usd),
            Priced::Out { monthly_usd, .. } => *monthly_usd,
        }
    }
}

/// Put `svc` into `tier` of `arch`.
pub fn with_tier(arch: &Architecture, tier: &str, svc: &Service) -> Architecture {
    let mut a = arch.clone();
    let slot = match tier {
        "web" => &mut a.web,
        "app" => &mut a.app,
        _ => &mut a.db,
    };
    *slot = Some(svc.clone());
    a
}

/// Price every candidate of `tier` against `written` (whose probe is `base`). `tick` is called
/// once per candidate (progress).
#[allow(clippy::too_many_arguments)]
pub fn price_tier(
    s: &Scenario,
    catalog: &Catalog,
    load: &Load,
    written: &Architecture,
    base: &Probe,
    tier: &'static str,
    candidates: Vec<Candidate>,
    tick: &mut dyn FnMut(),
) -> TierSpace {
    let mut outcomes = Vec::with_capacity(candidates.len());
    let mut in_flight = Vec::with_capacity(candidates.len());
    for c in &candidates {
        tick();
        if let Some(reason) = &c.excluded {
            outcomes.push(Priced::Out {
                reasons: vec![reason.clone()],
                monthly_usd: None,
            });
            in_flight.push(None);
            continue;
        }
        let arch = with_tier(written, tier, &c.svc);
        match probe(s, &arch, catalog, load) {
            Ok(p) => {
                outcomes.push(judge(&p, base, tier));
                in_flight.push(Some(p.plan.in_flight));
            }
            // No sourced rate for this option (and no discount_pct): not a candidate.
            Err(_) => {
                outcomes.push(Priced::Out {
                    reasons: vec!["unpriced".to_string()],
                    monthly_usd: None,
                });
                in_flight.push(None);
            }
        }
    }
    TierSpace {
        tier,
        candidates,
        outcomes,
        in_flight,
    }
}

fn judge(p: &Probe, base: &Probe, tier: &str) -> Priced {
    let monthly_usd = p.monthly_usd - base.monthly_usd;
    let upfront_usd = p.upfront_usd - base.upfront_usd;
    let reasons: BTreeSet<String> = p
        .ruled_out_by
        .iter()
        .filter(|(t, _)| t == tier)
        .map(|(_, id)| id.clone())
        .collect();
    if reasons.is_empty() {
        Priced::Ok {
            monthly_usd,
            upfront_usd,
        }
    } else {
        Priced::Out {
            reasons: reasons.into_iter().collect(),
            monthly_usd: Some(monthly_usd),
        }
    }
}

/// A configuration: one candidate index per tier space, and its totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Combo {
    pub picks: Vec<usize>,
    pub monthly_usd: Decimal,
    pub upfront_usd: Decimal,
}

/// Architecture-wide limits on a configuration.
#[derive(Debug, Clone, Copy, Default)]
pub struct Caps {
    pub max_monthly_usd: Option<Decimal>,
    pub max_upfront_usd: Option<Decimal>,
}

/// What the walk found: the cheapest `top + 1` configurations that meet `caps` (cheapest
/// first), how many were combined, and the caps that turned cheaper ones away.
pub struct Walk {
    pub combos: Vec<Combo>,
    pub combined: u64,
    pub capped_by: BTreeSet<&'static str>,
    /// True when the walk stopped at `max_combined` before finding `want` configurations
    /// (the answer may then be incomplete; callers with a bound refuse it).
    pub truncated: bool,
}

/// The cheapest `want` configurations over `spaces` (totals = `base` + the tiers' differences)
/// that meet `caps` and `fits` (a check across tiers, given each tier's candidate index). Ties
/// are broken by upfront, then by the candidates' order. With `max_combined`, the walk stops
/// after combining that many (`truncated`).
pub fn cheapest(
    spaces: &[TierSpace],
    base: &Probe,
    caps: Caps,
    want: usize,
    max_combined: Option<u64>,
    fits: &dyn Fn(&[usize]) -> bool,
) -> Walk {
    // Each tier's feasible candidates, cheapest first.
    let sorted: Vec<Vec<(Decimal, Decimal, usize)>> = spaces
        .iter()
        .map(|sp| {
            let mut v: Vec<(Decimal, Decimal, usize)> = sp
                .outcomes
                .iter()
                .enumerate()
                .filter_map(|(i, o)| match o {
                    Priced::Ok {
                        monthly_usd,
                        upfront_usd,
                    } => Some((*monthly_usd, *upfront_usd, i)),
                    Priced::Out { .. } => None,
                })
                .collect();
            v.sort();
            v
        })
        .collect();
    let mut walk = Walk {
        combos: Vec::new(),
        combined: 0,
        capped_by: BTreeSet::new(),
        truncated: false,
    };
    if sorted.iter().any(Vec::is_empty) || want == 0 {
        return walk;
    }
    let total = |ranks: &[usize]| -> (Decimal, Decimal) {
        let mut m = base.monthly_usd;
        let mut u = base.upfront_usd;
        for (t, &r) in ranks.iter().enumerate() {
            m += sorted[t][r].0;
            u += sorted[t][r].1;
        }
        (m, u)
    };
    let start = vec![0usize; sorted.len()];
    let mut heap = BinaryHeap::new();
    let mut seen = BTreeSet::new();
    let (m0, u0) = total(&start);
    heap.push(Reverse((m0, u0, start.clone())));
    seen.insert(start);
    while let Some(Reverse((monthly_usd, upfront_usd, ranks))) = heap.pop() {
        if max_combined.is_some_and(|m| walk.combined >= m) {
            walk.truncated = true;
            break;
        }
        walk.combined += 1;
        let over_monthly = caps.max_monthly_usd.is_some_and(|c| monthly_usd > c);
        if over_monthly {
            // Everything after this is at least as expensive.
            walk.capped_by.insert("max_monthly_usd");
            break;
        }
        let picks: Vec<usize> = ranks
            .iter()
            .enumerate()
            .map(|(t, &r)| sorted[t][r].2)
            .collect();
        if caps.max_upfront_usd.is_some_and(|c| upfront_usd > c) {
            walk.capped_by.insert("max_upfront_usd");
        } else if fits(&picks) {
            walk.combos.push(Combo {
                picks,
                monthly_usd,
                upfront_usd,
            });
            if walk.combos.len() >= want {
                break;
            }
        }
        for t in 0..ranks.len() {
            if ranks[t] + 1 < sorted[t].len() {
                let mut next = ranks.clone();
                next[t] += 1;
                if seen.insert(next.clone()) {
                    let (m, u) = total(&next);
                    heap.push(Reverse((m, u, next)));
                }
            }
        }
    }
    walk
}
