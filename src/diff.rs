//! Diff of two priced reports (two scenarios, or one scenario under two catalogs): per
//! architecture, the line items added, removed or changed, and the totals' delta.
use crate::compare::Report;
use crate::money::{exact, quantity, round, usd};
use crate::report::markdown::cell;
use crate::services::Line;
use rust_decimal::Decimal;
use serde::Serialize;

pub const DIFF_SCHEMA: &str = "archcost/diff/1";

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub schema: &'static str,
    pub a: Side,
    pub b: Side,
    pub architectures: Vec<ArchDiff>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub file: String,
    pub scenario: String,
    pub pricing: String,
    pub effective: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArchDiff {
    pub name: String,
    /// "changed" | "unchanged" | "added" | "removed"
    pub status: &'static str,
    #[serde(with = "crate::services::exact")]
    pub monthly_usd_a: Decimal,
    #[serde(with = "crate::services::exact")]
    pub monthly_usd_b: Decimal,
    #[serde(with = "crate::services::exact")]
    pub delta_usd: Decimal,
    /// Percent change of the total (6 decimals); null when A's total is 0.
    pub delta_pct: Option<String>,
    pub lines: Vec<LineDiff>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineDiff {
    /// "added" | "removed" | "changed"
    pub change: &'static str,
    pub tier: String,
    pub id: String,
    pub price_key: String,
    pub description: String,
    pub quantity_a: Option<String>,
    pub quantity_b: Option<String>,
    pub unit: String,
    pub unit_price_usd_a: Option<String>,
    pub unit_price_usd_b: Option<String>,
    #[serde(with = "crate::services::exact")]
    pub monthly_usd_a: Decimal,
    #[serde(with = "crate::services::exact")]
    pub monthly_usd_b: Decimal,
    #[serde(with = "crate::services::exact")]
    pub delta_usd: Decimal,
}

/// The tier part of a line's description: "(first 300M requests)", "(free tier, ...)" or "".
fn price_tier(description: &str) -> &str {
    for marker in [" (first ", " (next ", " (over ", " (free tier"] {
        if let Some(i) = description.rfind(marker) {
            return &description[i..];
        }
    }
    ""
}

/// A line's identity: tier + id + price key + price tier (+ occurrence for duplicates).
type LineKey = (String, String, String, String, usize);

fn keyed(rep: Option<&crate::compare::ArchReport>) -> Vec<(LineKey, &Line)> {
    let mut out: Vec<(LineKey, &Line)> = Vec::new();
    if let Some(a) = rep {
        for (t, l) in a.lines() {
            let base = (
                t.tier.clone(),
                l.id.clone(),
                l.price_key.clone(),
                price_tier(&l.description).to_string(),
            );
            let n = out
                .iter()
                .filter(|((t2, i2, p2, d2, _), _)| {
                    (t2, i2, p2, d2) == (&base.0, &base.1, &base.2, &base.3)
                })
                .count();
            out.push(((base.0, base.1, base.2, base.3, n), l));
        }
    }
    out
}

fn pct(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() {
        None
    } else {
        Some((b - a) * Decimal::ONE_HUNDRED / a)
    }
}

/// Compare report `a` with report `b`.
pub fn diff(a: &Report, a_file: &str, b: &Report, b_file: &str) -> Diff {
    let mut names: Vec<String> = a.architectures.iter().map(|x| x.name.clone()).collect();
    for x in &b.architectures {
        if !names.contains(&x.name) {
            names.push(x.name.clone());
        }
    }
    let architectures = names
        .into_iter()
        .map(|name| {
            let (ra, rb) = (a.arch(&name), b.arch(&name));
            let (la, lb) = (keyed(ra), keyed(rb));
            let mut lines = Vec::new();
            for (k, l) in &la {
                match lb.iter().find(|(k2, _)| k2 == k) {
                    None => lines.push(line_diff("removed", &k.0, Some(l), None)),
                    Some((_, m)) => {
                        if l.quantity != m.quantity
                            || l.unit_price_usd != m.unit_price_usd
                            || l.monthly_usd != m.monthly_usd
                        {
                            lines.push(line_diff("changed", &k.0, Some(l), Some(m)));
                        }
                    }
                }
            }
            for (k, m) in &lb {
                if !la.iter().any(|(k2, _)| k2 == k) {
                    lines.push(line_diff("added", &k.0, None, Some(m)));
                }
            }
            let ta = ra.map(|r| r.monthly_usd).unwrap_or_default();
            let tb = rb.map(|r| r.monthly_usd).unwrap_or_default();
            let status = match (ra, rb) {
                (None, _) => "added",
                (_, None) => "removed",
                _ if lines.is_empty() && ta == tb => "unchanged",
                _ => "changed",
            };
            ArchDiff {
                name,
                status,
                monthly_usd_a: ta,
                monthly_usd_b: tb,
                delta_usd: tb - ta,
                delta_pct: pct(ta, tb).map(|p| exact(round(p, 6))),
                lines,
            }
        })
        .collect();
    let side = |r: &Report, f: &str| Side {
        file: f.to_string(),
        scenario: r.scenario.name.clone(),
        pricing: r.assumptions.pricing.source.clone(),
        effective: r.assumptions.pricing.effective.clone(),
    };
    Diff {
        schema: DIFF_SCHEMA,
        a: side(a, a_file),
        b: side(b, b_file),
        architectures,
    }
}

fn line_diff(change: &'static str, tier: &str, a: Option<&Line>, b: Option<&Line>) -> LineDiff {
    let any = b.or(a);
    let ma = a.map(|l| l.monthly_usd).unwrap_or_default();
    let mb = b.map(|l| l.monthly_usd).unwrap_or_default();
    LineDiff {
        change,
        tier: tier.to_string(),
        id: any.map(|l| l.id.clone()).unwrap_or_default(),
        price_key: any.map(|l| l.price_key.clone()).unwrap_or_default(),
        description: any.map(|l| l.description.clone()).unwrap_or_default(),
        quantity_a: a.map(|l| exact(l.quantity)),
        quantity_b: b.map(|l| exact(l.quantity)),
        unit: any.map(|l| l.unit.clone()).unwrap_or_default(),
        unit_price_usd_a: a.map(|l| exact(l.unit_price_usd)),
        unit_price_usd_b: b.map(|l| exact(l.unit_price_usd)),
        monthly_usd_a: ma,
        monthly_usd_b: mb,
        delta_usd: mb - ma,
    }
}

fn signed_usd(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", usd(d))
    } else {
        usd(d)
    }
}

fn pct_text(p: &Option<String>) -> String {
    match p.as_deref().and_then(|s| s.parse::<Decimal>().ok()) {
        Some(p) => {
            let r = round(p, 1);
            if r > Decimal::ZERO {
                format!("+{r:.1} %")
            } else {
                format!("{r:.1} %")
            }
        }
        None => "n/a".to_string(),
    }
}

fn q(v: &Option<String>) -> String {
    v.as_deref()
        .and_then(|s| s.parse::<Decimal>().ok())
        .map(quantity)
        .unwrap_or_else(|| "—".to_string())
}

fn p(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".to_string())
}

pub fn render_json(d: &Diff) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(d).unwrap_or_default();
    out.push(b'\n');
    out
}

pub fn render_markdown(d: &Diff) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "# Cost diff: {} → {}\n\n- A: `{}` ({}; prices {} {})\n- B: `{}` ({}; prices {} {})\n\n",
        cell(&d.a.scenario),
        cell(&d.b.scenario),
        cell(&d.a.file),
        cell(&d.a.scenario),
        cell(&d.a.pricing),
        d.a.effective,
        cell(&d.b.file),
        cell(&d.b.scenario),
        cell(&d.b.pricing),
        d.b.effective
    ));
    o.push_str("| Architecture | Status | A / month | B / month | Delta | Delta % |\n|---|---|---:|---:|---:|---:|\n");
    for a in &d.architectures {
        o.push_str(&format!(
            "| {} | {} | {} | {} | **{}** | {} |\n",
            cell(&a.name),
            a.status,
            usd(a.monthly_usd_a),
            usd(a.monthly_usd_b),
            signed_usd(a.delta_usd),
            pct_text(&a.delta_pct)
        ));
    }
    for a in d.architectures.iter().filter(|a| !a.lines.is_empty()) {
        o.push_str(&format!("\n## {}\n\n", cell(&a.name)));
        o.push_str("| Change | Tier | Line item | id | Quantity A → B | USD per unit A → B | Monthly A → B | Delta |\n|---|---|---|---|---:|---:|---:|---:|\n");
        for l in &a.lines {
            o.push_str(&format!(
                "| {} | {} | {} | `{}` | {} → {} | {} → {} | {} → {} | {} |\n",
                l.change,
                l.tier,
                cell(&l.description),
                l.id,
                q(&l.quantity_a),
                q(&l.quantity_b),
                p(&l.unit_price_usd_a),
                p(&l.unit_price_usd_b),
                usd(l.monthly_usd_a),
                usd(l.monthly_usd_b),
                signed_usd(l.delta_usd)
            ));
        }
    }
    o
}

pub fn render_table(d: &Diff) -> String {
    use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
    let mut o = format!(
        "A: {} ({}, prices {})\nB: {} ({}, prices {})\n\n",
        d.a.file, d.a.scenario, d.a.effective, d.b.file, d.b.scenario, d.b.effective
    );
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "Architecture",
        "Status",
        "A / month",
        "B / month",
        "Delta",
        "Delta %",
    ]);
    for a in &d.architectures {
        t.add_row(vec![
            a.name.clone(),
            a.status.to_string(),
            usd(a.monthly_usd_a),
            usd(a.monthly_usd_b),
            signed_usd(a.delta_usd),
            pct_text(&a.delta_pct),
        ]);
    }
    o.push_str(&format!("{t}\n"));
    for a in d.architectures.iter().filter(|a| !a.lines.is_empty()) {
        o.push_str(&format!("\n{}\n", a.name));
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED);
        t.set_header(vec![
            "Change",
            "Tier",
            "Line item",
            "Quantity A → B",
            "USD/unit A → B",
            "Monthly A → B",
            "Delta",
        ]);
        for l in &a.lines {
            t.add_row(vec![
                l.change.to_string(),
                l.tier.clone(),
                format!("{} ({})", l.description, l.id),
                format!("{} → {}", q(&l.quantity_a), q(&l.quantity_b)),
                format!("{} → {}", p(&l.unit_price_usd_a), p(&l.unit_price_usd_b)),
                format!("{} → {}", usd(l.monthly_usd_a), usd(l.monthly_usd_b)),
                signed_usd(l.delta_usd),
            ]);
        }
        o.push_str(&format!("{t}\n"));
    }
    o
}
