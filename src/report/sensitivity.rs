//! Rendering sensitivity results: a tornado-style table per architecture (bars of █
//! proportional to the swing, on one scale across all architectures) and JSON
//! `archcost/sensitivity/1`.
use crate::money::{quantity, usd};
use crate::sensitivity::{Basis, Sensitivity};
use comfy_table::{Cell, CellAlignment};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Width of the longest bar, in characters.
pub const BAR_WIDTH: u32 = 30;

/// `swing / max × BAR_WIDTH` full blocks, rounded; at least one block for any non-zero swing.
pub fn bar(swing: Decimal, max: Decimal) -> String {
    if max <= Decimal::ZERO || swing.is_zero() {
        return String::new();
    }
    let n = (swing.abs() / max * Decimal::from(BAR_WIDTH))
        .round()
        .to_u32()
        .unwrap_or(0)
        .clamp(1, BAR_WIDTH);
    "█".repeat(n as usize)
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

pub fn table(r: &Sensitivity) -> String {
    let max = max_swing(r);
    let mut o = format!(
        "{}\nEach input at −{p}% and +{p}% of its value (or its declared range's low and high), everything else unchanged.\n",
        r.scenario,
        p = crate::money::exact(r.pct)
    );
    for a in &r.architectures {
        o.push_str(&format!(
            "\n{} — {} per month at the expected inputs\n",
            a.name,
            usd(a.expected_usd)
        ));
        let mut t = super::table::new_table();
        t.set_header(vec!["Input", "Low → cost", "High → cost", "Swing", ""]);
        for i in &a.inputs {
            let tag = match i.basis {
                Basis::Range => " (range)",
                Basis::Pct => "",
            };
            t.add_row(vec![
                Cell::new(format!("{}{tag}", i.input)),
                right(format!("{} → {}", quantity(i.low_value), usd(i.low_usd))),
                right(format!("{} → {}", quantity(i.high_value), usd(i.high_usd))),
                right(usd(i.swing_usd)),
                Cell::new(bar(i.swing_usd, max)),
            ]);
        }
        if a.inputs.is_empty() {
            o.push_str("no input to vary\n");
        } else {
            o.push_str(&format!("{t}\n"));
        }
    }
    for s in &r.skipped {
        o.push_str(&format!("note: {} not varied — {}\n", s.input, s.reason));
    }
    o
}

/// Largest swing of the whole run (bars share one scale across architectures).
fn max_swing(r: &Sensitivity) -> Decimal {
    r.architectures
        .iter()
        .flat_map(|a| &a.inputs)
        .map(|i| i.swing_usd.abs())
        .max()
        .unwrap_or_default()
}

/// Markdown for a review: one tornado table per architecture.
pub fn markdown(r: &Sensitivity) -> String {
    use super::markdown::cell;
    let max = max_swing(r);
    let mut o = format!(
        "# Sensitivity: {}\n\nEach input at −{p}% and +{p}% of its value (or its declared range's low and high), everything else unchanged.\n",
        cell(&r.scenario),
        p = crate::money::exact(r.pct)
    );
    for a in &r.architectures {
        o.push_str(&format!(
            "\n## {} — {} per month at the expected inputs\n\n",
            cell(&a.name),
            usd(a.expected_usd)
        ));
        if a.inputs.is_empty() {
            o.push_str("No input to vary.\n");
            continue;
        }
        o.push_str("| Input | Low → cost | High → cost | Swing | |\n|---|---:|---:|---:|---|\n");
        for i in &a.inputs {
            let tag = match i.basis {
                Basis::Range => " (range)",
                Basis::Pct => "",
            };
            o.push_str(&format!(
                "| `{}`{tag} | {} → {} | {} → {} | {} | {} |\n",
                i.input,
                quantity(i.low_value),
                usd(i.low_usd),
                quantity(i.high_value),
                usd(i.high_usd),
                usd(i.swing_usd),
                bar(i.swing_usd, max)
            ));
        }
    }
    for s in &r.skipped {
        o.push_str(&format!(
            "\n> {} not varied — {}\n",
            s.input,
            cell(&s.reason)
        ));
    }
    o
}

pub fn json(r: &Sensitivity) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(r).unwrap_or_default();
    out.push(b'\n');
    out
}
