//! Rendering a scenario diff (`crate::diff::Diff`): terminal table, Markdown for reviews, JSON
//! (`archcost/diff/1`). Table and Markdown show money in the display currency (cents or whole
//! yen) and labels in the display language; JSON stays exact USD.
use super::display::{fill, word, Display, Words};
use crate::diff::{ArchDiff, Diff, LineDiff, LineSide, Status};
use crate::money::exact;
use comfy_table::{Cell, CellAlignment};
use rust_decimal::Decimal;

/// "+12.5%", "-3%", "n/a" (no A total to compare with).
pub fn signed_pct(p: Option<Decimal>) -> String {
    match p {
        Some(p) if p > Decimal::ZERO => format!("+{}%", exact(p)),
        Some(p) => format!("{}%", exact(p)),
        None => "n/a".to_string(),
    }
}

fn opt_money(v: Option<Decimal>, d: &Display) -> String {
    v.map(|v| d.money(v)).unwrap_or_else(|| "—".to_string())
}

fn status_word(s: Status, w: &Words) -> &'static str {
    match s {
        Status::Added => w.added,
        Status::Removed => w.removed,
        Status::Changed => w.changed,
        Status::Unchanged => w.unchanged,
    }
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

fn quantity_cell(l: &LineDiff, d: &Display) -> String {
    let (a, b) = field(l, |s| {
        format!(
            "{} {}",
            super::display::line_quantity(s.quantity),
            super::i18n_lines::unit(d.lang, &s.unit)
        )
    });
    arrow(a, b)
}

fn price_cell(l: &LineDiff) -> String {
    let (a, b) = field(l, |s| exact(s.unit_price_usd));
    arrow(a, b)
}

fn monthly_cell(l: &LineDiff, d: &Display) -> String {
    let (a, b) = field(l, |s| d.money(s.monthly_usd));
    match (a, b) {
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (a, b) => arrow(a, b),
    }
}

/// The line's description in the display language ("A's → B's" when it changed).
fn description(l: &LineDiff, d: &Display) -> String {
    let text = |en: &str, msgs: &[crate::messages::Msg]| {
        super::i18n_lines::description_of(d.lang, en, msgs).into_owned()
    };
    let b = text(&l.description, &l.text);
    match (&l.description_a, &l.text_a) {
        (Some(a), msgs) => format!("{} → {b}", text(a, msgs.as_deref().unwrap_or_default())),
        (None, _) => b,
    }
}

fn heading(a: &ArchDiff, d: &Display) -> String {
    let w = d.words();
    match a.status {
        Status::Added => format!(
            "{} — {}: {}",
            a.name,
            w.added_in_b,
            opt_money(a.b_monthly_usd, d)
        ),
        Status::Removed => format!(
            "{} — {}",
            a.name,
            fill(w.removed_in_b, &[("money", &opt_money(a.a_monthly_usd, d))])
        ),
        _ => format!(
            "{} — {} → {} ({}, {})",
            a.name,
            opt_money(a.a_monthly_usd, d),
            opt_money(a.b_monthly_usd, d),
            d.signed_between(a.a_monthly_usd, a.b_monthly_usd),
            signed_pct(a.delta_pct)
        ),
    }
}

fn side_text(s: &crate::diff::Side, d: &Display) -> String {
    let p = &s.pricing;
    let stale = match &p.refresh {
        Some(cmd) => fill(
            word(d.lang, "ui.diff.stale"),
            &[("advice", &d.lang.stale(&p.effective_oldest, cmd))],
        ),
        None => String::new(),
    };
    fill(
        word(d.lang, "ui.diff.side"),
        &[
            ("file", &s.file),
            ("scenario", &s.scenario),
            ("source", &p.source),
            ("oldest", &p.effective_oldest),
            ("newest", &p.effective),
            ("stale", &stale),
        ],
    )
}

fn unchanged_note(a: &ArchDiff, w: &Words) -> Option<String> {
    match a.unchanged_count() {
        0 => None,
        1 => Some(w.unchanged_one.to_string()),
        n => Some(fill(w.unchanged_many, &[("n", &n.to_string())])),
    }
}

struct InputWords {
    heading: &'static str,
    key: &'static str,
}

/// The inputs section's words (`ui.diff.*`).
fn input_words(d: &Display) -> InputWords {
    InputWords {
        heading: word(d.lang, "ui.diff.inputs_heading"),
        key: word(d.lang, "ui.diff.key"),
    }
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// Terminal tables: the totals, then each architecture's added, removed and changed lines.
pub fn table(diff: &Diff, d: &Display) -> String {
    let w = d.words();
    let mut o = format!(
        "A: {}\nB: {}\n\n",
        side_text(&diff.a, d),
        side_text(&diff.b, d)
    );
    let mut t = super::markup::new_table();
    t.set_header(vec![
        w.architecture,
        w.status,
        w.a_month,
        w.b_month,
        w.delta_month,
        w.delta_pct,
    ]);
    for a in &diff.architectures {
        t.add_row(vec![
            Cell::new(&a.name),
            Cell::new(status_word(a.status, w)),
            right(opt_money(a.a_monthly_usd, d)),
            right(opt_money(a.b_monthly_usd, d)),
            right(d.signed_between(a.a_monthly_usd, a.b_monthly_usd)),
            right(signed_pct(a.delta_pct)),
        ]);
    }
    o.push_str(&format!("{t}\n"));
    if !diff.inputs.is_empty() {
        let mut t = super::markup::new_table();
        t.set_header(vec![input_words(d).key, "A", "B"]);
        for i in &diff.inputs {
            t.add_row(vec![
                i.key.clone(),
                i.a.clone().unwrap_or_else(|| "—".into()),
                i.b.clone().unwrap_or_else(|| "—".into()),
            ]);
        }
        o.push_str(&format!("\n{}\n{t}\n", input_words(d).heading));
    }
    for a in &diff.architectures {
        o.push_str(&format!("\n{}\n", heading(a, d)));
        if a.changed_lines().next().is_some() {
            let mut t = super::markup::new_table();
            t.set_header(vec![
                w.status,
                w.tier,
                w.line_item,
                w.quantity,
                w.usd_per_unit,
                w.monthly,
                w.delta,
            ]);
            for l in a.changed_lines() {
                t.add_row(vec![
                    Cell::new(status_word(l.status, w)),
                    Cell::new(d.lang.tier(&l.tier)),
                    Cell::new(format!("{}\n{}", description(l, d), l.id)),
                    right(quantity_cell(l, d)),
                    right(price_cell(l)),
                    right(monthly_cell(l, d)),
                    right(d.signed_between(
                        l.a.as_ref().map(|s| s.monthly_usd),
                        l.b.as_ref().map(|s| s.monthly_usd),
                    )),
                ]);
            }
            o.push_str(&format!("{t}\n"));
        } else {
            o.push_str(&format!("{}\n", w.no_line_changed));
        }
        if let Some(n) = unchanged_note(a, w) {
            o.push_str(&format!("({n})\n"));
        }
    }
    if let Some(note) = d.rate_note() {
        o.push_str(&format!("\n{note}\n"));
    }
    o
}

/// Markdown, ready to paste into a review.
pub fn markdown(diff: &Diff, d: &Display) -> String {
    use super::markup::cell;
    let w = d.words();
    let mut o = format!(
        "# {}: {} → {}\n\n- **A:** {}\n- **B:** {}\n\n",
        w.diff_title,
        cell(&diff.a.scenario),
        cell(&diff.b.scenario),
        cell(&side_text(&diff.a, d)),
        cell(&side_text(&diff.b, d))
    );
    o.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|\n",
        w.architecture, w.status, w.a_month, w.b_month, w.delta_month, w.delta_pct
    ));
    for a in &diff.architectures {
        o.push_str(&format!(
            "| {} | {} | {} | {} | **{}** | {} |\n",
            cell(&a.name),
            status_word(a.status, w),
            opt_money(a.a_monthly_usd, d),
            opt_money(a.b_monthly_usd, d),
            d.signed_between(a.a_monthly_usd, a.b_monthly_usd),
            signed_pct(a.delta_pct)
        ));
    }
    if !diff.inputs.is_empty() {
        let iw = input_words(d);
        o.push_str(&format!(
            "\n## {}\n\n| {} | A | B |\n|---|---|---|\n",
            iw.heading, iw.key
        ));
        for i in &diff.inputs {
            let side = |v: &Option<String>| {
                v.as_deref()
                    .map_or("—".to_string(), |v| format!("`{}`", cell(v)))
            };
            o.push_str(&format!(
                "| `{}` | {} | {} |\n",
                cell(&i.key),
                side(&i.a),
                side(&i.b)
            ));
        }
    }
    for a in &diff.architectures {
        o.push_str(&format!("\n## {}\n\n", cell(&heading(a, d))));
        if a.changed_lines().next().is_some() {
            o.push_str(&format!(
                "| {} | {} | {} | id | {} | {} | {} | {} |\n|---|---|---|---|---:|---:|---:|---:|\n",
                w.status, w.tier, w.line_item, w.quantity, w.usd_per_unit, w.monthly, w.delta
            ));
            for l in a.changed_lines() {
                o.push_str(&format!(
                    "| {} | {} | {} | `{}` | {} | {} | {} | {} |\n",
                    status_word(l.status, w),
                    cell(&d.lang.tier(&l.tier)),
                    cell(&description(l, d)),
                    cell(&l.id),
                    cell(&quantity_cell(l, d)),
                    cell(&price_cell(l)),
                    cell(&monthly_cell(l, d)),
                    d.signed_between(
                        l.a.as_ref().map(|s| s.monthly_usd),
                        l.b.as_ref().map(|s| s.monthly_usd)
                    )
                ));
            }
        } else {
            o.push_str(&format!("{}\n", w.no_line_changed));
        }
        if let Some(n) = unchanged_note(a, w) {
            o.push_str(&format!("\n_{n}._\n"));
        }
    }
    if let Some(note) = d.rate_note() {
        o.push_str(&format!("\n{note}\n"));
    }
    o
}

/// JSON `archcost/diff/1`: exact decimal strings; unchanged lines included.
pub fn json(d: &Diff) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(d).unwrap_or_default();
    out.push(b'\n');
    out
}
