//! Scenario diff: two evaluated reports (two scenarios, or one scenario under two catalogs)
//! compared architecture by architecture and line by line.
//!
//! Architectures match by name. Lines match by (tier, id, price_key, description); lines left
//! over on both sides then match by (tier, id, price_key) alone, so a line whose description
//! changed with a setting ("Lambda compute, 1024 MB" -> "2048 MB") shows as *changed*, not as
//! removed + added. Repeated keys within one architecture pair up in order.
use crate::compare::{ArchReport, PricingInfo, Report};
use crate::services::{exact, Line};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

pub const DIFF_SCHEMA: &str = "archcost/diff/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
    Unchanged,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Unchanged => "unchanged",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub schema: &'static str,
    pub a: Side,
    pub b: Side,
    /// The scenario inputs that differ between A and B (empty for one scenario under two
    /// catalogs); filled by the caller from the two files (`input_changes`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputChange>,
    pub architectures: Vec<ArchDiff>,
}

/// One scenario input that differs: its dot path (`workload.requests_per_month`,
/// `architecture.serverless.app.memory_mb`) and its value on each side (None: not set there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputChange {
    pub key: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

/// The inputs that differ between two scenario files' TOML texts, by dot path, sorted.
/// Architectures (`[[architecture]]`) are keyed by their name, as `sweep --vary` spells them;
/// other arrays compare as a whole. A text that does not parse gives no changes (both files
/// were validated before this is called).
pub fn input_changes(a_toml: &str, b_toml: &str) -> Vec<InputChange> {
    let flat = |text: &str| {
        let mut out = std::collections::BTreeMap::new();
        if let Ok(t) = toml::from_str::<toml::Table>(text) {
            flatten("", &toml::Value::Table(t), &mut out);
        }
        out
    };
    let (a, b) = (flat(a_toml), flat(b_toml));
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| InputChange {
            key: k.clone(),
            a: a.get(k).cloned(),
            b: b.get(k).cloned(),
        })
        .collect()
}

fn flatten(prefix: &str, v: &toml::Value, out: &mut std::collections::BTreeMap<String, String>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                flatten(&join(k), v, out);
            }
        }
        toml::Value::Array(items)
            if !items.is_empty()
                && items
                    .iter()
                    .all(|i| i.get("name").and_then(|n| n.as_str()).is_some()) =>
        {
            for item in items {
                let name = item
                    .get("name")
                    .and_then(|n| n.as_str())
                    .unwrap_or_default();
                if let toml::Value::Table(t) = item {
                    for (k, v) in t.iter().filter(|(k, _)| k.as_str() != "name") {
                        flatten(&format!("{}.{k}", join(name)), v, out);
                    }
                }
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

/// What one side of the diff was: the scenario file, its name and the catalog it was priced with.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub file: String,
    pub scenario: String,
    pub pricing: PricingInfo,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArchDiff {
    pub name: String,
    pub status: Status,
    #[serde(serialize_with = "opt_exact")]
    pub a_monthly_usd: Option<Decimal>,
    #[serde(serialize_with = "opt_exact")]
    pub b_monthly_usd: Option<Decimal>,
    /// b − a (a missing side counts as 0).
    #[serde(with = "exact")]
    pub delta_usd: Decimal,
    /// 100 × delta / a, rounded to 2 decimals; null when a is missing or 0.
    #[serde(serialize_with = "opt_exact")]
    pub delta_pct: Option<Decimal>,
    /// Every line, unchanged ones included (table and Markdown show only the others).
    pub lines: Vec<LineDiff>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineDiff {
    pub status: Status,
    pub tier: String,
    pub id: String,
    pub price_key: String,
    /// B's description (A's for a removed line).
    pub description: String,
    /// A's description when it differs from B's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_a: Option<String>,
    /// `description` as messages (`Line::text`), shown in any language.
    #[serde(skip)]
    pub text: Vec<crate::messages::Msg>,
    /// `description_a` as messages.
    #[serde(skip)]
    pub text_a: Option<Vec<crate::messages::Msg>>,
    pub a: Option<LineSide>,
    pub b: Option<LineSide>,
    #[serde(with = "exact")]
    pub delta_usd: Decimal,
}

/// The numbers of one side of a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineSide {
    #[serde(with = "exact")]
    pub quantity: Decimal,
    pub unit: String,
    #[serde(with = "exact")]
    pub unit_price_usd: Decimal,
    #[serde(with = "exact")]
    pub monthly_usd: Decimal,
}

fn opt_exact<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&crate::money::exact(*d)),
        None => s.serialize_none(),
    }
}

impl ArchDiff {
    /// Lines that are not unchanged (what table and Markdown show).
    pub fn changed_lines(&self) -> impl Iterator<Item = &LineDiff> {
        self.lines.iter().filter(|l| l.status != Status::Unchanged)
    }

    pub fn unchanged_count(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| l.status == Status::Unchanged)
            .count()
    }
}

/// Percentage change from `a` to `b`, rounded to 2 decimals (None when `a` is 0).
pub fn pct(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() {
        return None;
    }
    let delta = b.checked_sub(a)?;
    let ratio = delta.checked_div(a)?;
    Some(crate::money::round(ratio.checked_mul(dec!(100))?, 2))
}

/// Compare report `a` with report `b`.
pub fn diff(a: &Report, a_file: &str, b: &Report, b_file: &str) -> Diff {
    let side = |r: &Report, file: &str| Side {
        file: file.to_string(),
        scenario: r.scenario.name.clone(),
        pricing: r.assumptions.pricing.clone(),
    };
    let mut architectures = Vec::new();
    for arch_a in &a.architectures {
        match b.arch(&arch_a.name) {
            Some(arch_b) => architectures.push(arch_diff(Some(arch_a), Some(arch_b))),
            None => architectures.push(arch_diff(Some(arch_a), None)),
        }
    }
    for arch_b in &b.architectures {
        if a.arch(&arch_b.name).is_none() {
            architectures.push(arch_diff(None, Some(arch_b)));
        }
    }
    Diff {
        schema: DIFF_SCHEMA,
        a: side(a, a_file),
        b: side(b, b_file),
        inputs: Vec::new(),
        architectures,
    }
}

fn line_side(l: &Line) -> LineSide {
    LineSide {
        quantity: l.quantity,
        unit: l.unit.clone(),
        unit_price_usd: l.unit_price_usd,
        monthly_usd: l.monthly_usd,
    }
}

fn arch_lines(a: Option<&ArchReport>) -> Vec<(String, &Line)> {
    a.map(|a| a.lines().map(|(t, l)| (t.tier.clone(), l)).collect())
        .unwrap_or_default()
}

fn arch_diff(a: Option<&ArchReport>, b: Option<&ArchReport>) -> ArchDiff {
    let name = a.or(b).map(|x| x.name.clone()).unwrap_or_default();
    let lines_a = arch_lines(a);
    let lines_b = arch_lines(b);
    let mut used_b = vec![false; lines_b.len()];
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut unmatched_a = Vec::new();
    // Pass 1: full key (tier, id, price_key, description), first unused match in order.
    for (i, (tier, l)) in lines_a.iter().enumerate() {
        let found = lines_b.iter().enumerate().position(|(j, (tb, lb))| {
            !used_b[j]
                && tb == tier
                && lb.id == l.id
                && lb.price_key == l.price_key
                && lb.description == l.description
        });
        match found {
            Some(j) => {
                used_b[j] = true;
                pairs.push((Some(i), Some(j)));
            }
            None => unmatched_a.push(i),
        }
    }
    // Pass 2: what is left, by (tier, id, price_key): the description changed with a setting.
    // Pass 3: then by (tier, id) alone: the price row changed with a setting (Single-AZ to
    // Multi-AZ, another instance class), which is one line changed, not one removed and one added.
    for same_price_key in [true, false] {
        let mut still = Vec::new();
        for i in unmatched_a {
            let (tier, l) = &lines_a[i];
            let found = lines_b.iter().enumerate().position(|(j, (tb, lb))| {
                !used_b[j]
                    && tb == tier
                    && lb.id == l.id
                    && (!same_price_key || lb.price_key == l.price_key)
            });
            match found {
                Some(j) => {
                    used_b[j] = true;
                    pairs.push((Some(i), Some(j)));
                }
                None => still.push(i),
            }
        }
        unmatched_a = still;
    }
    pairs.extend(unmatched_a.into_iter().map(|i| (Some(i), None)));
    // A's lines keep A's order; B's new lines go after the A line they follow in B.
    pairs.sort_by_key(|(i, _)| *i);
    for (j, used) in used_b.iter().enumerate() {
        if !used {
            let after = pairs
                .iter()
                .rposition(|(_, pj)| pj.is_some_and(|pj| pj < j))
                .map(|p| p + 1)
                .unwrap_or(0);
            pairs.insert(after, (None, Some(j)));
        }
    }
    let lines = pairs
        .into_iter()
        .filter_map(|(i, j)| {
            let la = i.and_then(|i| lines_a.get(i));
            let lb = j.and_then(|j| lines_b.get(j));
            line_diff(la, lb)
        })
        .collect();
    let a_total = a.map(|x| x.monthly_usd);
    let b_total = b.map(|x| x.monthly_usd);
    let (ta, tb) = (a_total.unwrap_or_default(), b_total.unwrap_or_default());
    let status = match (a, b) {
        (None, _) => Status::Added,
        (_, None) => Status::Removed,
        _ => Status::Unchanged,
    };
    let mut out = ArchDiff {
        name,
        status,
        a_monthly_usd: a_total,
        b_monthly_usd: b_total,
        delta_usd: tb - ta,
        delta_pct: a_total.and_then(|x| b_total.and_then(|y| pct(x, y))),
        lines,
    };
    if out.status == Status::Unchanged
        && (out.changed_lines().next().is_some() || !out.delta_usd.is_zero())
    {
        out.status = Status::Changed;
    }
    out
}

fn line_diff(a: Option<&(String, &Line)>, b: Option<&(String, &Line)>) -> Option<LineDiff> {
    let (tier, first) = a.or(b)?;
    let sa = a.map(|(_, l)| line_side(l));
    let sb = b.map(|(_, l)| line_side(l));
    let status = match (&sa, &sb) {
        (None, Some(_)) => Status::Added,
        (Some(_), None) => Status::Removed,
        (Some(x), Some(y))
            if x == y && a.map(|p| &p.1.description) == b.map(|p| &p.1.description) =>
        {
            Status::Unchanged
        }
        _ => Status::Changed,
    };
    let shown = b.map_or(first, |(_, l)| l);
    let (description, text) = (shown.description.clone(), shown.text.clone());
    let (description_a, text_a) = match (a, b) {
        (Some((_, la)), Some((_, lb))) if la.description != lb.description => {
            (Some(la.description.clone()), Some(la.text.clone()))
        }
        _ => (None, None),
    };
    let delta_usd = sb.as_ref().map(|s| s.monthly_usd).unwrap_or_default()
        - sa.as_ref().map(|s| s.monthly_usd).unwrap_or_default();
    Some(LineDiff {
        status,
        tier: tier.clone(),
        id: first.id.clone(),
        price_key: first.price_key.clone(),
        description,
        description_a,
        text,
        text_a,
        a: sa,
        b: sb,
        delta_usd,
    })
}
