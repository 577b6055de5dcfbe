//! Rendering sensitivity results: a tornado-style table per architecture (bars of █
//! proportional to the swing, on one scale across all architectures) and JSON
//! `archcost/sensitivity/1`.
use super::display::{fill, Display};
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

pub fn table(r: &Sensitivity, d: &Display) -> String {
    let max = max_swing(r);
    let w = d.words();
    let p = crate::money::exact(r.pct);
    let mut o = format!(
        "{}\n{}\n",
        r.scenario,
        fill(w.sensitivity_intro, &[("p", &p)])
    );
    for a in &r.architectures {
        let money = d.money(a.expected_usd);
        o.push_str(&format!(
            "\n{}\n",
            fill(w.at_expected, &[("name", &a.name), ("money", &money)])
        ));
        let mut t = super::markup::new_table();
        t.set_header(vec![w.input, w.low_cost, w.high_cost, w.swing, ""]);
        for i in &a.inputs {
            let tag = match i.basis {
                Basis::Range => w.range_tag,
                Basis::Pct => "",
            };
            t.add_row(vec![
                Cell::new(format!("{}{tag}", label(d, &i.input))),
                right(format!("{} → {}", d.count(i.low_value), d.money(i.low_usd))),
                right(format!(
                    "{} → {}",
                    d.count(i.high_value),
                    d.money(i.high_usd)
                )),
                right(d.money(i.swing_usd)),
                Cell::new(bar(i.swing_usd, max)),
            ]);
        }
        if a.inputs.is_empty() {
            o.push_str(&format!("{}\n", w.no_input));
        } else {
            o.push_str(&format!("{t}\n"));
        }
    }
    for s in &r.skipped {
        let note = super::display::word(d.lang, "ui.sensitivity.note");
        o.push_str(&format!(
            "{note}{} {} — {}\n",
            label(d, &s.input),
            w.not_varied,
            super::i18n_lines::skipped(d.lang, s)
        ));
    }
    if let Some(note) = d.rate_note() {
        o.push_str(&format!("{note}\n"));
    }
    o
}

/// The human name of an input (its dot path when it has none).
fn label(d: &Display, input: &str) -> String {
    super::key_names::label(d.lang, input)
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
pub fn markdown(r: &Sensitivity, d: &Display) -> String {
    use super::markup::cell;
    let max = max_swing(r);
    let w = d.words();
    let p = crate::money::exact(r.pct);
    let title = super::display::word(d.lang, "ui.sensitivity.title");
    let mut o = format!(
        "# {title}: {}\n\n{}\n",
        cell(&r.scenario),
        fill(w.sensitivity_intro, &[("p", &p)])
    );
    for a in &r.architectures {
        let money = d.money(a.expected_usd);
        o.push_str(&format!(
            "\n## {}\n\n",
            cell(&fill(
                w.at_expected,
                &[("name", &a.name), ("money", &money)]
            ))
        ));
        if a.inputs.is_empty() {
            o.push_str(&format!("{}\n", w.no_input));
            continue;
        }
        o.push_str(&format!(
            "| {} | {} | {} | {} | |\n|---|---:|---:|---:|---|\n",
            w.input, w.low_cost, w.high_cost, w.swing
        ));
        for i in &a.inputs {
            let tag = match i.basis {
                Basis::Range => w.range_tag,
                Basis::Pct => "",
            };
            o.push_str(&format!(
                "| {}{tag} | {} → {} | {} → {} | {} | {} |\n",
                cell(&label(d, &i.input)),
                d.count(i.low_value),
                d.money(i.low_usd),
                d.count(i.high_value),
                d.money(i.high_usd),
                d.money(i.swing_usd),
                bar(i.swing_usd, max)
            ));
        }
    }
    for s in &r.skipped {
        o.push_str(&format!(
            "\n> {} {} — {}\n",
            label(d, &s.input),
            w.not_varied,
            cell(&super::i18n_lines::skipped(d.lang, s))
        ));
    }
    if let Some(note) = d.rate_note() {
        o.push_str(&format!("\n{note}\n"));
    }
    o
}

pub fn json(r: &Sensitivity) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(r).unwrap_or_default();
    out.push(b'\n');
    out
}
