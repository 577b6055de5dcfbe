//! Sweep and break-even results as text: a table, CSV (docs/reference/json.md), JSON, Markdown, a
//! sentence per crossing, and the data of the sweep chart. Pure formatting: the commands run the
//! engine and write the bytes.
use super::chart::ChartData;
use super::display::{fill, word, Display};
use super::markup::new_table;
use crate::breakeven::{Crossing, CrossingKind};
use crate::compare::Outcome;
use crate::money;
use crate::sweep::SweepRow;
use comfy_table::{Cell, CellAlignment};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Header row (the varied key, one monthly-USD column per architecture, then one
/// `<name> feasible` column per architecture), then one row per step.
pub fn csv(key: &str, rows: &[SweepRow]) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec![key.to_string()];
    if let Some(first) = rows.first() {
        header.extend(first.monthly_usd.iter().map(|(n, _)| n.clone()));
        header.extend(
            first
                .monthly_usd
                .iter()
                .map(|(n, _)| format!("{n} feasible")),
        );
    }
    crate::csv_safe::record(&mut w, &header);
    for r in rows {
        let mut rec = vec![money::exact(r.value)];
        rec.extend(r.monthly_usd.iter().map(|(_, v)| money::exact(*v)));
        rec.extend(r.feasible.iter().map(|ok| ok.to_string()));
        crate::csv_safe::record(&mut w, &rec);
    }
    w.into_inner().unwrap_or_default()
}

#[derive(Serialize)]
struct SweepJson<'a> {
    schema: &'static str,
    vary: &'a str,
    rows: Vec<SweepJsonRow>,
}

#[derive(Serialize)]
struct SweepJsonRow {
    value: String,
    monthly_usd: BTreeMap<String, String>,
    /// Whether each architecture can run the workload at this step.
    feasible: BTreeMap<String, bool>,
}

pub fn json(key: &str, rows: &[SweepRow]) -> Vec<u8> {
    let doc = SweepJson {
        schema: "archcost/sweep/1",
        vary: key,
        rows: rows
            .iter()
            .map(|r| SweepJsonRow {
                value: money::exact(r.value),
                monthly_usd: r
                    .monthly_usd
                    .iter()
                    .map(|(n, v)| (n.clone(), money::exact(*v)))
                    .collect(),
                feasible: r
                    .monthly_usd
                    .iter()
                    .zip(&r.feasible)
                    .map(|((n, _), ok)| (n.clone(), *ok))
                    .collect(),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

pub fn table(key: &str, rows: &[SweepRow], d: &Display) -> String {
    let mut t = new_table();
    let mut header = vec![Cell::new(super::key_names::label(d.lang, key))];
    if let Some(first) = rows.first() {
        header.extend(first.monthly_usd.iter().map(|(n, _)| Cell::new(n)));
    }
    t.set_header(header);
    for r in rows {
        let cheapest = r.cheapest_feasible();
        let mut row = vec![Cell::new(d.count(r.value)).set_alignment(CellAlignment::Right)];
        for (i, (_, v)) in r.monthly_usd.iter().enumerate() {
            let mark = if !r.feasible.get(i).copied().unwrap_or(true) {
                " ✗"
            } else if cheapest == Some(i) {
                " *"
            } else {
                ""
            };
            row.push(
                Cell::new(format!("{}{mark}", d.money(*v))).set_alignment(CellAlignment::Right),
            );
        }
        t.add_row(row);
    }
    let w = d.words();
    let mut out = format!(
        "{}\n{t}\n{}; {}\n",
        w.sweep_footer, w.cheapest_mark, w.cannot_run_mark
    );
    if let Some(note) = d.rate_note() {
        out.push_str(&format!("{note}\n"));
    }
    out
}

/// Markdown: the same table for a review document.
pub fn markdown(key: &str, rows: &[SweepRow], d: &Display) -> String {
    use super::markup::cell;
    let names: Vec<&str> = rows
        .first()
        .map(|r| r.monthly_usd.iter().map(|(n, _)| n.as_str()).collect())
        .unwrap_or_default();
    let mut o = format!("| {} |", cell(&super::key_names::label(d.lang, key)));
    for n in &names {
        o.push_str(&format!(" {} |", cell(n)));
    }
    o.push_str("\n|---:|");
    o.push_str(&"---:|".repeat(names.len()));
    o.push('\n');
    for r in rows {
        let cheapest = r.cheapest_feasible();
        o.push_str(&format!("| {} |", d.count(r.value)));
        for (i, (_, v)) in r.monthly_usd.iter().enumerate() {
            let mark = if !r.feasible.get(i).copied().unwrap_or(true) {
                " ✗"
            } else if cheapest == Some(i) {
                " **\\***"
            } else {
                ""
            };
            o.push_str(&format!(" {}{mark} |", d.money(*v)));
        }
        o.push('\n');
    }
    let w = d.words();
    o.push_str(&format!("\n{}; {}\n", w.cheapest_mark, w.cannot_run_mark));
    if let Some(note) = d.rate_note() {
        o.push_str(&format!("\n{note}\n"));
    }
    o
}

/// The sweep chart's data: each architecture's curve, dashed where it cannot run, the scenario's
/// own value marked (`own`: the outcomes there) and the crossings numbered.
#[allow(clippy::too_many_arguments)]
pub fn chart_data(
    title: &str,
    key: &str,
    log_axes: bool,
    rows: &[SweepRow],
    crossings: &[Crossing],
    scenario_x: Decimal,
    own: &[Outcome],
    d: &Display,
) -> ChartData {
    let f = |v: Decimal| v.to_f64().unwrap_or(0.0);
    let shown = |usd: Decimal| match &d.yen {
        Some(y) => f(usd * y.usd_jpy),
        None => f(usd),
    };
    let l = d.lang.labels();
    let names: Vec<String> = rows
        .first()
        .map(|r| r.monthly_usd.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    let series = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let pts = rows
                .iter()
                .filter_map(|r| Some((f(r.value), shown(r.monthly_usd.get(i)?.1))))
                .collect();
            let mark = match own.get(i) {
                Some(o) if !o.feasible => {
                    format!(" ({})", d.lang.cannot_run(&o.ruled_out_by.join(", ")))
                }
                _ => String::new(),
            };
            (format!("{n}{mark}"), pts)
        })
        .collect();
    let feasible = (0..names.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.feasible.get(i).copied().unwrap_or(true))
                .collect()
        })
        .collect();
    let currency = if d.yen.is_some() { "JPY" } else { "USD" };
    let fx = d.rate_note().map(|n| format!(" — {n}")).unwrap_or_default();
    ChartData {
        load_title: format!("{title}: {}{fx}", d.lang.money_axis(currency)),
        breakdown_title: String::new(),
        x_label: axis_title(d.lang, key, log_axes),
        log_axes,
        load_y_label: if log_axes {
            d.lang.money_axis_log(currency)
        } else {
            d.lang.money_axis(currency)
        },
        y_label: String::new(),
        // The chart adds the value itself beside this label.
        this_scenario: l.this_scenario.to_string(),
        crossings_key: l.crossings_key.to_string(),
        jpy: d.yen.is_some(),
        lang: d.lang,
        series,
        feasible,
        infeasible_label: l.infeasible_stretch.to_string(),
        scenario_x: f(scenario_x),
        scenario_costs: own.iter().map(|o| shown(o.monthly_usd)).collect(),
        crossings: crossings
            .iter()
            .map(|c| {
                (
                    format!(
                        "{}{}",
                        d.lang.crossing(
                            &c.between.0,
                            &c.between.1,
                            &d.volume(c.value),
                            &d.money(c.monthly_usd)
                        ),
                        super::curve::crossing_marks(c, d.lang)
                    ),
                    f(c.value),
                    shown(c.monthly_usd),
                )
            })
            .collect(),
        bands: Vec::new(),
        band_label: String::new(),
        volume_range: None,
        tiers: Vec::new(),
        bars: Vec::new(),
        bar_marks: Vec::new(),
    }
}

#[derive(Serialize)]
struct BreakevenJson<'a> {
    schema: &'static str,
    vary: &'a str,
    from: String,
    to: String,
    breakeven: &'a [Crossing],
}

pub fn breakeven_json(key: &str, from: Decimal, to: Decimal, crossings: &[Crossing]) -> Vec<u8> {
    let doc = BreakevenJson {
        schema: "archcost/breakeven/1",
        vary: key,
        from: money::exact(from),
        to: money::exact(to),
        breakeven: crossings,
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

/// CSV: one row per crossing (exact values; feasibility per side).
pub fn breakeven_csv(crossings: &[Crossing]) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    crate::csv_safe::record(
        &mut w,
        [
            "a",
            "b",
            "value",
            "monthly_usd",
            "kind",
            "cheaper_below",
            "cheaper_above",
            "a_feasible",
            "b_feasible",
        ],
    );
    for c in crossings {
        let cannot: Vec<&str> = c.infeasible().collect();
        crate::csv_safe::record(
            &mut w,
            [
                c.between.0.clone(),
                c.between.1.clone(),
                money::exact(c.value),
                money::exact(c.monthly_usd),
                kind_word(c.kind, super::display::words(super::i18n::Lang::En)).to_string(),
                c.cheaper_below.clone(),
                c.cheaper_above.clone(),
                (!cannot.contains(&c.between.0.as_str())).to_string(),
                (!cannot.contains(&c.between.1.as_str())).to_string(),
            ],
        );
    }
    w.into_inner().unwrap_or_default()
}

fn kind_word(k: CrossingKind, w: &super::display::Words) -> &'static str {
    match k {
        CrossingKind::Linear => w.linear,
        CrossingKind::Step => w.step,
    }
}

/// "serverless is cheaper below 41.3M requests/month; containers above — both $x there".
pub fn sentence(c: &Crossing, key: &str, d: &Display) -> String {
    let unit = match key {
        "workload.requests_per_month" => word(d.lang, "ui.sweep.unit_requests_per_month"),
        "workload.requests_per_second" => word(d.lang, "ui.sweep.unit_requests_per_second"),
        _ => "",
    };
    let w = d.words();
    let template = match c.kind {
        CrossingKind::Linear => w.cheaper_linear,
        CrossingKind::Step => w.cheaper_step,
    };
    let mut text = fill(
        template,
        &[
            ("below", &c.cheaper_below),
            ("above", &c.cheaper_above),
            ("v", &d.volume(c.value)),
            ("unit", unit),
            ("money", &d.money(c.monthly_usd)),
        ],
    );
    for name in c.infeasible() {
        let ids = c
            .ruled_out_by
            .get(name)
            .map(|v| v.join(", "))
            .unwrap_or_default();
        text.push_str(&fill(
            word(d.lang, "ui.sweep.cannot_run_there"),
            &[("name", name), ("ids", &ids)],
        ));
    }
    text
}

/// Break-even for a terminal (or Markdown with `markdown`): a table rounded for people (the
/// exact value is in JSON and CSV), then one sentence per crossing.
pub fn breakeven_text(
    key: &str,
    from: Decimal,
    to: Decimal,
    crossings: &[Crossing],
    d: &Display,
    markdown: bool,
) -> String {
    let w = d.words();
    let mut out = fill(
        w.breakeven_title,
        &[
            ("key", &super::key_names::label(d.lang, key)),
            ("from", &d.volume(from)),
            ("to", &d.volume(to)),
        ],
    );
    out.push('\n');
    if crossings.is_empty() {
        out.push_str(w.never_cross);
        out.push('\n');
        return out;
    }
    let header = [
        w.between,
        w.value_exact,
        w.monthly_there,
        w.kind,
        w.can_run_there,
    ];
    let rows: Vec<[String; 5]> = crossings
        .iter()
        .map(|c| {
            let cannot: Vec<&str> = c.infeasible().collect();
            [
                format!("{} / {}", c.between.0, c.between.1),
                d.count(money::round(c.value, 2)),
                d.money(c.monthly_usd),
                kind_word(c.kind, w).to_string(),
                if cannot.is_empty() {
                    w.both.to_string()
                } else {
                    format!("{}{}", w.not_prefix, cannot.join(", "))
                },
            ]
        })
        .collect();
    if markdown {
        use super::markup::cell;
        out.push_str(&format!(
            "\n| {} |\n|---|---:|---:|---|---|\n",
            header.join(" | ")
        ));
        for r in &rows {
            let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
    } else {
        let mut t = new_table();
        t.set_header(header.to_vec());
        for r in &rows {
            t.add_row(vec![
                Cell::new(&r[0]),
                Cell::new(&r[1]).set_alignment(CellAlignment::Right),
                Cell::new(&r[2]).set_alignment(CellAlignment::Right),
                Cell::new(&r[3]),
                Cell::new(&r[4]),
            ]);
        }
        out.push_str(&format!("{t}\n"));
    }
    for c in crossings {
        out.push_str(&format!("- {}\n", sentence(c, key, d)));
    }
    if let Some(note) = d.rate_note() {
        out.push_str(&format!("{note}\n"));
    }
    out
}

/// The x-axis title of a sweep over `key`: the key's human name (`report::key_names`), with the
/// log-scale note on log axes.
pub fn axis_title(lang: super::i18n::Lang, key: &str, log_axes: bool) -> String {
    let name = super::key_names::label(lang, key);
    if log_axes {
        crate::messages::render(lang, "axis.log_scale", &[&name])
    } else {
        name
    }
}
