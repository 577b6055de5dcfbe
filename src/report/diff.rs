//! Rendering a scenario diff (`crate::diff::Diff`): terminal table, Markdown for reviews, JSON
//! (`archcost/diff/1`). Money is USD; table and Markdown round to cents, JSON stays exact.
use crate::diff::{ArchDiff, Diff, LineDiff, LineSide, Status};
use crate::money::{exact, quantity, usd};
use comfy_table::{Cell, CellAlignment};
use rust_decimal::Decimal;

/// "+$1.23", "-$1.23" or "$0.00".
pub fn signed_usd(v: Decimal) -> String {
    let text = usd(v);
    if crate::money::cents(v) > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

/// "+12.5%", "-3%", "n/a" (no A total to compare with).
pub fn signed_pct(p: Option<Decimal>) -> String {
    match p {
        Some(p) if p > Decimal::ZERO => format!("+{}%", exact(p)),
        Some(p) => format!("{}%", exact(p)),
        None => "n/a".to_string(),
    }
}

fn opt_money(v: Option<Decimal>) -> String {
    v.map(usd).unwrap_or_else(|| "—".to_string())
}

/// "a → b", or just one value when both sides are equal or only one side exists.
fn arrow(a: Option<String>, b: Option<String>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => "—".to_string(),
    }
}

fn field(l: &LineDiff, f: impl Fn(&LineSide) -> String) -> (Option<String>, Option<String>) {
    (l.a.as_ref().map(&f), l.b.as_ref().map(&f))
}

fn quantity_cell(l: &LineDiff) -> String {
    let (a, b) = field(l, |s| format!("{} {}", quantity(s.quantity), s.unit));
    arrow(a, b)
}

fn price_cell(l: &LineDiff) -> String {
    let (a, b) = field(l, |s| exact(s.unit_price_usd));
    arrow(a, b)
}

fn monthly_cell(l: &LineDiff) -> String {
    let (a, b) = field(l, |s| usd(s.monthly_usd));
    match (a, b) {
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (a, b) => arrow(a, b),
    }
}

fn description(l: &LineDiff) -> String {
    match &l.description_a {
        Some(a) => format!("{a} → {}", l.description),
        None => l.description.clone(),
    }
}

fn heading(a: &ArchDiff) -> String {
    match a.status {
        Status::Added => format!("{} — added in B: {}", a.name, opt_money(a.b_monthly_usd)),
        Status::Removed => format!(
            "{} — removed in B (was {})",
            a.name,
            opt_money(a.a_monthly_usd)
        ),
        _ => format!(
            "{} — {} → {} ({}, {})",
            a.name,
            opt_money(a.a_monthly_usd),
            opt_money(a.b_monthly_usd),
            signed_usd(a.delta_usd),
            signed_pct(a.delta_pct)
        ),
    }
}

fn side_text(s: &crate::diff::Side) -> String {
    format!(
        "{} ({}; catalog {}, {} to {})",
        s.file, s.scenario, s.pricing.source, s.pricing.effective_oldest, s.pricing.effective
    )
}

fn unchanged_note(a: &ArchDiff) -> Option<String> {
    match a.unchanged_count() {
        0 => None,
        1 => Some("1 unchanged line not shown".to_string()),
        n => Some(format!("{n} unchanged lines not shown")),
    }
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// Terminal tables: the totals, then each architecture's added, removed and changed lines.
pub fn table(d: &Diff) -> String {
    let mut o = format!("A: {}\nB: {}\n\n", side_text(&d.a), side_text(&d.b));
    let mut t = super::table::new_table();
    t.set_header(vec![
        "Architecture",
        "Status",
        "A / month",
        "B / month",
        "Δ / month",
        "Δ %",
    ]);
    for a in &d.architectures {
        t.add_row(vec![
            Cell::new(&a.name),
            Cell::new(a.status.label()),
            right(opt_money(a.a_monthly_usd)),
            right(opt_money(a.b_monthly_usd)),
            right(signed_usd(a.delta_usd)),
            right(signed_pct(a.delta_pct)),
        ]);
    }
    o.push_str(&format!("{t}\n"));
    for a in &d.architectures {
        o.push_str(&format!("\n{}\n", heading(a)));
        if a.changed_lines().next().is_some() {
            let mut t = super::table::new_table();
            t.set_header(vec![
                "Status",
                "Tier",
                "Line item",
                "Quantity",
                "USD per unit",
                "Monthly",
                "Δ",
            ]);
            for l in a.changed_lines() {
                t.add_row(vec![
                    Cell::new(l.status.label()),
                    Cell::new(&l.tier),
                    Cell::new(format!("{}\n{}", description(l), l.id)),
                    right(quantity_cell(l)),
                    right(price_cell(l)),
                    right(monthly_cell(l)),
                    right(signed_usd(l.delta_usd)),
                ]);
            }
            o.push_str(&format!("{t}\n"));
        } else {
            o.push_str("no line changed\n");
        }
        if let Some(n) = unchanged_note(a) {
            o.push_str(&format!("({n})\n"));
        }
    }
    o
}

/// Markdown, ready to paste into a review.
pub fn markdown(d: &Diff) -> String {
    use super::markdown::cell;
    let mut o = format!(
        "# Cost diff: {} → {}\n\n- **A:** {}\n- **B:** {}\n\n",
        cell(&d.a.scenario),
        cell(&d.b.scenario),
        cell(&side_text(&d.a)),
        cell(&side_text(&d.b))
    );
    o.push_str("| Architecture | Status | A / month | B / month | Δ / month | Δ % |\n|---|---|---:|---:|---:|---:|\n");
    for a in &d.architectures {
        o.push_str(&format!(
            "| {} | {} | {} | {} | **{}** | {} |\n",
            cell(&a.name),
            a.status.label(),
            opt_money(a.a_monthly_usd),
            opt_money(a.b_monthly_usd),
            signed_usd(a.delta_usd),
            signed_pct(a.delta_pct)
        ));
    }
    for a in &d.architectures {
        o.push_str(&format!("\n## {}\n\n", cell(&heading(a))));
        if a.changed_lines().next().is_some() {
            o.push_str("| Status | Tier | Line item | id | Quantity | USD per unit | Monthly | Δ |\n|---|---|---|---|---:|---:|---:|---:|\n");
            for l in a.changed_lines() {
                o.push_str(&format!(
                    "| {} | {} | {} | `{}` | {} | {} | {} | {} |\n",
                    l.status.label(),
                    cell(&l.tier),
                    cell(&description(l)),
                    cell(&l.id),
                    cell(&quantity_cell(l)),
                    cell(&price_cell(l)),
                    cell(&monthly_cell(l)),
                    signed_usd(l.delta_usd)
                ));
            }
        } else {
            o.push_str("No line changed.\n");
        }
        if let Some(n) = unchanged_note(a) {
            o.push_str(&format!("\n_{n}._\n"));
        }
    }
    o
}

/// JSON `archcost/diff/1`: exact decimal strings; unchanged lines included.
pub fn json(d: &Diff) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(d).unwrap_or_default();
    out.push(b'\n');
    out
}
