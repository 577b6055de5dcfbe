//! The search constraints in words: which ones the written architecture breaks, which ones stop
//! the answer getting cheaper (`binding`: cheaper candidates ruled out, the fleet the peak hour
//! needs at `max_utilization`), and, when nothing is feasible, what rules out each family.
use super::search::{Caps, Priced, TierSpace, Walk};
use crate::compare::{ArchReport, Probe};
use crate::scenario::search::Search;
use crate::scenario::{Architecture, Scenario, Service};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// What rules out one group of one tier's candidates.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct RuledOut {
    pub tier: String,
    pub group: String,
    pub reasons: Vec<String>,
    /// When the architecture-wide caps rule the group out (its candidates are otherwise
    /// feasible): each cap, its limit and the lowest total the search can reach.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caps: Vec<CapMiss>,
}

/// A cap (`max_monthly_usd` / `max_upfront_usd`) against the lowest total of the space.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct CapMiss {
    pub id: String,
    /// The cap as the search table writes it.
    #[serde(with = "crate::services::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub limit_usd: Decimal,
    /// The lowest monthly (or upfront) total over every feasible configuration.
    #[serde(with = "crate::services::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub lowest_usd: Decimal,
}

/// A sentence of the optimize output, as data: `report::optimize` says it in English or
/// Japanese; JSON carries it as is (`kind` + fields).
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Said {
    /// The fleet the busiest hour needs at the utilization cap.
    Fleet {
        tier: String,
        units: String,
        unit: String,
        utilization_pct: String,
    },
    /// `count` cheaper candidates of a tier are ruled out by constraint `id`.
    Cheaper {
        tier: String,
        id: String,
        count: usize,
        example: String,
    },
    /// The chosen duration lies between two measured Power Tuning sizes.
    Interpolated { tier: String, duration_ms: String },
    /// Cheaper configurations break an architecture-wide cap.
    Cap { id: String },
    /// The written fleet runs at a higher utilization than the search allows.
    Utilization {
        tier: String,
        written_pct: String,
        search_pct: String,
    },
    /// Configurations without a sourced rate (and no discount_pct) were skipped.
    Unpriced { tier: String, count: usize },
    /// Spot configurations without a sourced Spot price or discount for the type and region
    /// (and no discount_pct) were skipped.
    UnpricedSpot { tier: String, count: usize },
    /// RDS configurations not checked against the default max_connections (no sourced class
    /// memory or engine formula).
    NoConnectionCheck { tier: String, count: usize },
    /// EC2 types left out because their vCPUs are not in limits/ec2-vcpus.csv.
    NoVcpus { tier: String, count: usize },
    /// Durations between measured sizes are interpolated, none extrapolated.
    InterpolatedBetweenMeasured,
}

fn pct(d: Decimal) -> String {
    crate::money::round(d * Decimal::ONE_HUNDRED, 1)
        .normalize()
        .to_string()
}

/// The search constraints the written architecture breaks (ids), and notes.
pub fn baseline(
    s: &Scenario,
    arch: &Architecture,
    search: &Search,
    p: &Probe,
    written: &ArchReport,
) -> (Vec<String>, Vec<Said>) {
    let mut broken = Vec::new();
    let mut notes = Vec::new();
    if !written.feasible {
        broken.push("feasible".to_string());
    }
    if search
        .max_monthly_usd
        .is_some_and(|m| written.monthly_usd > m)
    {
        broken.push("max_monthly_usd".into());
    }
    if search
        .max_upfront_usd
        .is_some_and(|m| written.upfront_usd > m)
    {
        broken.push("max_upfront_usd".into());
    }
    if let (Some(max), Some(Service::Lambda(_))) = (search.max_duration_ms, &arch.app) {
        if p.plan.app_duration_ms > max {
            broken.push("max_duration_ms".into());
        }
    }
    if let Some(max) = search.max_duration_ms {
        if matches!(arch.app, Some(Service::Fargate(_))) && s.workload.duration_ms > max {
            broken.push("max_duration_ms".into());
        }
    }
    if let Some(allowed) = &search.architectures {
        let archs: Vec<String> = [&arch.web, &arch.app, &arch.db]
            .into_iter()
            .flatten()
            .filter_map(|svc| match svc {
                Service::Ec2(e) => crate::limit_tables::arch_of(&e.instance),
                Service::Lambda(l) => Some(l.arch.key().to_string()),
                Service::Fargate(f) => Some(f.arch.key().to_string()),
                _ => None,
            })
            .collect();
        if archs
            .iter()
            .any(|a| !allowed.iter().any(|x| x.key() == a.as_str()))
        {
            broken.push("architectures".into());
        }
    }
    if let Some(max) = search.max_utilization {
        for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
            let written_util = match svc {
                Some(Service::Ec2(e)) if e.count.is_none() => e.max_utilization,
                Some(Service::Fargate(f)) if f.tasks.is_none() => f.max_utilization,
                _ => continue,
            };
            if written_util.unwrap_or(Decimal::ONE) > max {
                broken.push(format!("{tier}.max_utilization"));
                notes.push(Said::Utilization {
                    tier: tier.to_string(),
                    written_pct: pct(written_util.unwrap_or(Decimal::ONE)),
                    search_pct: pct(max),
                });
            }
        }
    }
    (broken, notes)
}

/// Why the configuration `picks` cannot get cheaper: per tier, the ids of the constraints that
/// rule out its cheaper candidates, the fleet the busiest hour needs, and the caps that turned
/// cheaper configurations away.
pub fn binding(
    spaces: &[TierSpace],
    picks: &[usize],
    arch: &Architecture,
    p: &Probe,
    walk: &Walk,
) -> (Vec<String>, Vec<Said>) {
    let mut ids = BTreeSet::new();
    let mut words = Vec::new();
    for (sp, &pick) in spaces.iter().zip(picks) {
        let chosen = sp.outcomes[pick].monthly();
        // Reasons of every candidate that would have cost less, with one example each.
        let mut cheaper: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (i, o) in sp.outcomes.iter().enumerate() {
            if let Priced::Out {
                reasons,
                monthly_usd: Some(m),
            } = o
            {
                if chosen.is_some_and(|c| *m < c) {
                    for r in reasons {
                        let e = cheaper
                            .entry(r.clone())
                            .or_insert((0, label(&sp.candidates[i].settings)));
                        e.0 += 1;
                    }
                }
            }
            // Candidates excluded before pricing (architecture, burstable, latency budget) may
            // or may not have been cheaper: named only when the chosen one is the same group.
            if let Priced::Out {
                reasons,
                monthly_usd: None,
            } = o
            {
                if reasons.iter().any(|r| r == "max_duration_ms")
                    && sp.candidates[i].group == sp.candidates[pick].group
                {
                    let e = cheaper
                        .entry("max_duration_ms".into())
                        .or_insert((0, label(&sp.candidates[i].settings)));
                    e.0 += 1;
                }
            }
        }
        for (id, (n, example)) in cheaper {
            ids.insert(format!("{}.{id}", sp.tier));
            words.push(Said::Cheaper {
                tier: sp.tier.to_string(),
                id,
                count: n,
                example,
            });
        }
        if let Some(line) = fleet_words(sp.tier, arch, p) {
            ids.insert(format!("{}.max_utilization", sp.tier));
            words.push(line);
        }
        if let Some(d) = sp.candidates[pick].duration_ms {
            if sp.candidates[pick].interpolated {
                words.push(Said::Interpolated {
                    tier: sp.tier.to_string(),
                    duration_ms: d.normalize().to_string(),
                });
            }
        }
    }
    for cap in &walk.capped_by {
        ids.insert((*cap).to_string());
        words.push(Said::Cap {
            id: (*cap).to_string(),
        });
    }
    (ids.into_iter().collect(), words)
}

/// "app: peak hour needs 7 x c7g.xlarge at 70 %" for a scaled fleet.
fn fleet_words(tier: &str, arch: &Architecture, p: &Probe) -> Option<Said> {
    let fleet = p.plan.tier(tier)?.fleet.as_ref()?;
    if fleet.fixed {
        return None;
    }
    let (unit, util) = match [&arch.web, &arch.app, &arch.db][match tier {
        "web" => 0,
        "app" => 1,
        _ => 2,
    }] {
        Some(Service::Ec2(e)) => (e.instance.clone(), e.max_utilization),
        Some(Service::Fargate(f)) => (
            format!(
                "{} vCPU / {} GB",
                f.vcpu.normalize(),
                f.memory_gb.normalize()
            ),
            f.max_utilization,
        ),
        _ => return None,
    };
    Some(Said::Fleet {
        tier: tier.to_string(),
        units: fleet.peak_units.normalize().to_string(),
        unit,
        utilization_pct: pct(util.unwrap_or(Decimal::ONE)),
    })
}

fn label(settings: &[(&'static str, super::space::Setting)]) -> String {
    settings
        .iter()
        .filter(|(_, v)| *v != super::space::Setting::Remove)
        .map(|(k, v)| format!("{k}={}", v.text()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// When nothing is feasible: per tier and group, the ids of what rules its candidates out
/// (every tier with no feasible candidate), or, when every tier has feasible candidates but
/// every combination breaks `caps`, each searched group of each searched tier with the caps
/// and the lowest totals of the space (`base` + each tier's lowest difference).
pub fn ruled_out(
    spaces: &[TierSpace],
    walk: &Walk,
    base: &Probe,
    caps: Caps,
    search: &Search,
) -> Vec<RuledOut> {
    let mut out = Vec::new();
    for sp in spaces {
        if sp.outcomes.iter().any(|o| matches!(o, Priced::Ok { .. })) {
            continue;
        }
        let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (c, o) in sp.candidates.iter().zip(&sp.outcomes) {
            if let Priced::Out { reasons, .. } = o {
                groups
                    .entry(c.group.clone())
                    .or_default()
                    .extend(reasons.iter().cloned());
            }
        }
        for (group, reasons) in groups {
            out.push(RuledOut {
                tier: sp.tier.to_string(),
                group,
                reasons: reasons.into_iter().collect(),
                caps: Vec::new(),
            });
        }
    }
    if out.is_empty() && !walk.capped_by.is_empty() {
        out = capped(spaces, walk, base, caps, search);
    }
    out
}

/// Every group of the searched tiers (every tier when the table searches none) under the caps
/// that turned every combination away: a group with no feasible candidate keeps its own
/// reasons; the others name the caps with the lowest totals the space reaches.
fn capped(
    spaces: &[TierSpace],
    walk: &Walk,
    base: &Probe,
    caps: Caps,
    search: &Search,
) -> Vec<RuledOut> {
    let misses = cap_misses(spaces, base, caps);
    if misses.is_empty() {
        // Neither cap explains it (cannot happen with the walk's caps); say the ids.
        return vec![RuledOut {
            tier: "all".into(),
            group: "every configuration".into(),
            reasons: walk.capped_by.iter().map(|c| (*c).to_string()).collect(),
            caps: Vec::new(),
        }];
    }
    let searched_any = spaces.iter().any(|sp| search.tier(sp.tier).is_some());
    let mut out = Vec::new();
    for sp in spaces {
        if searched_any && search.tier(sp.tier).is_none() {
            continue;
        }
        // Groups in the space's order (the order the search table lists families).
        let mut order: Vec<&str> = Vec::new();
        let mut feasible: BTreeSet<&str> = BTreeSet::new();
        let mut reasons: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (c, o) in sp.candidates.iter().zip(&sp.outcomes) {
            if !order.contains(&c.group.as_str()) {
                order.push(&c.group);
            }
            match o {
                Priced::Ok { .. } => {
                    feasible.insert(&c.group);
                }
                Priced::Out { reasons: r, .. } => {
                    reasons
                        .entry(&c.group)
                        .or_default()
                        .extend(r.iter().cloned());
                }
            }
        }
        for group in order {
            let (reasons, caps) = if feasible.contains(group) {
                (
                    misses.iter().map(|m| m.id.clone()).collect(),
                    misses.clone(),
                )
            } else {
                (
                    reasons
                        .remove(group)
                        .unwrap_or_default()
                        .into_iter()
                        .collect(),
                    Vec::new(),
                )
            };
            out.push(RuledOut {
                tier: sp.tier.to_string(),
                group: group.to_string(),
                reasons,
                caps,
            });
        }
    }
    out
}

/// The caps that rule out every configuration, each with the lowest total of the space
/// (`base` + each tier's lowest feasible difference): the caps that lowest total already
/// breaks, or else both caps together (cheap configurations pay upfront, low-upfront ones
/// cost more); empty when neither explains it.
fn cap_misses(spaces: &[TierSpace], base: &Probe, caps: Caps) -> Vec<CapMiss> {
    let (mut monthly_usd, mut upfront_usd) = (base.monthly_usd, base.upfront_usd);
    for sp in spaces {
        let ok = sp.outcomes.iter().filter_map(|o| match o {
            Priced::Ok {
                monthly_usd,
                upfront_usd,
            } => Some((*monthly_usd, *upfront_usd)),
            Priced::Out { .. } => None,
        });
        monthly_usd += ok.clone().map(|o| o.0).min().unwrap_or_default();
        upfront_usd += ok.map(|o| o.1).min().unwrap_or_default();
    }
    let all = [
        ("max_monthly_usd", caps.max_monthly_usd, monthly_usd),
        ("max_upfront_usd", caps.max_upfront_usd, upfront_usd),
    ];
    let miss = |id: &str, limit: Decimal, lowest: Decimal| CapMiss {
        id: id.to_string(),
        limit_usd: limit,
        lowest_usd: lowest,
    };
    let over: Vec<CapMiss> = all
        .iter()
        .filter_map(|(id, limit, lowest)| {
            limit.filter(|l| lowest > l).map(|l| miss(id, l, *lowest))
        })
        .collect();
    let both: Vec<CapMiss> = all
        .iter()
        .filter_map(|(id, limit, lowest)| limit.map(|l| miss(id, l, *lowest)))
        .collect();
    if !over.is_empty() {
        over
    } else if both.len() == 2 {
        both
    } else {
        Vec::new()
    }
}
