//! The "Range (low / expected / high)" section of compare outputs, shown when workload inputs
//! are given as ranges.
use super::i18n::Lang;
use super::money;
use crate::compare::Report;
use crate::money::quantity;

struct Words {
    heading: &'static str,
    low: &'static str,
    expected: &'static str,
    high: &'static str,
    inputs: &'static str,
    triple: &'static str,
    note: &'static str,
    discount_note: &'static str,
}

/// The section's words in `lang` (`ui.range.*`).
fn words(lang: Lang) -> Words {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Words {
        heading: t("ui.range.heading"),
        low: t("ui.range.low"),
        expected: t("ui.range.expected"),
        high: t("ui.range.high"),
        inputs: t("ui.range.inputs"),
        triple: t("ui.range.triple"),
        note: t("ui.range.note"),
        discount_note: t("ui.range.discount_note"),
    }
}

/// `requests_per_month 1,000,000 / 3,000,000 / 10,000,000` for each ranged input.
fn input_lines(rep: &Report) -> Vec<(String, String)> {
    rep.scenario
        .ranges
        .iter()
        .map(|(k, r)| {
            (
                // Workload inputs by name; tier discounts by their whole dot path.
                if k.contains('.') {
                    k.clone()
                } else {
                    format!("workload.{k}")
                },
                format!(
                    "{} / {} / {}",
                    quantity(r.low),
                    quantity(r.expected),
                    quantity(r.high)
                ),
            )
        })
        .collect()
}

/// The note under the range tables (with the discount sentence when a discount has a range).
fn note(rep: &Report, w: &Words) -> String {
    if rep
        .scenario
        .ranges
        .keys()
        .any(|k| k.ends_with(".discount_pct"))
    {
        format!("{}{}", w.note, w.discount_note)
    } else {
        w.note.to_string()
    }
}

fn has_range(rep: &Report) -> bool {
    rep.architectures.iter().any(|a| a.range.is_some())
}

/// Terminal section (empty when there are no ranges).
pub fn table_section(rep: &Report, lang: Lang) -> String {
    if !has_range(rep) {
        return String::new();
    }
    let w = words(lang);
    let lb = lang.labels();
    let mut t = super::markup::new_table();
    t.set_header(vec![lb.architecture, w.low, w.expected, w.high]);
    for a in &rep.architectures {
        if let Some(r) = a.range {
            t.add_row(vec![
                comfy_table::Cell::new(&a.name),
                right(money(rep, r.low_usd)),
                right(money(rep, r.expected_usd)),
                right(money(rep, r.high_usd)),
            ]);
        }
    }
    let mut i = super::markup::new_table();
    i.set_header(vec![w.inputs, w.triple]);
    for (k, v) in input_lines(rep) {
        i.add_row(vec![comfy_table::Cell::new(k), right(v)]);
    }
    format!("\n{}\n{t}\n{i}\n{}\n", w.heading, note(rep, &w))
}

fn right(text: String) -> comfy_table::Cell {
    comfy_table::Cell::new(text).set_alignment(comfy_table::CellAlignment::Right)
}

/// Markdown section (empty when there are no ranges).
pub fn markdown_section(rep: &Report, lang: Lang) -> String {
    if !has_range(rep) {
        return String::new();
    }
    let w = words(lang);
    let lb = lang.labels();
    let cell = super::markup::cell;
    let mut o = format!(
        "\n## {}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---:|\n",
        w.heading, lb.architecture, w.low, w.expected, w.high
    );
    for a in &rep.architectures {
        if let Some(r) = a.range {
            o.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(&a.name),
                money(rep, r.low_usd),
                money(rep, r.expected_usd),
                money(rep, r.high_usd)
            ));
        }
    }
    o.push_str(&format!("\n| {} | {} |\n|---|---:|\n", w.inputs, w.triple));
    for (k, v) in input_lines(rep) {
        o.push_str(&format!("| `{k}` | {v} |\n"));
    }
    o.push_str(&format!("\n{}\n", note(rep, &w)));
    o
}

/// HTML section (empty when there are no ranges).
pub fn html_section(rep: &Report, lang: Lang) -> String {
    if !has_range(rep) {
        return String::new();
    }
    let w = words(lang);
    let lb = lang.labels();
    let esc = super::markup::esc;
    let mut o = format!(
        "<section id=\"range\">\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr>\n",
        esc(w.heading),
        esc(lb.architecture),
        esc(w.low),
        esc(w.expected),
        esc(w.high)
    );
    for a in &rep.architectures {
        if let Some(r) = a.range {
            o.push_str(&format!(
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                esc(&a.name),
                esc(&money(rep, r.low_usd)),
                esc(&money(rep, r.expected_usd)),
                esc(&money(rep, r.high_usd))
            ));
        }
    }
    o.push_str(&format!(
        "</table>\n<table>\n<tr><th>{}</th><th class=\"num\">{}</th></tr>\n",
        esc(w.inputs),
        esc(w.triple)
    ));
    for (k, v) in input_lines(rep) {
        o.push_str(&format!(
            "<tr><td><code>{}</code></td><td class=\"num\">{}</td></tr>\n",
            esc(&k),
            esc(&v)
        ));
    }
    o.push_str(&format!(
        "</table>\n<p>{}</p>\n</section>\n",
        esc(&note(rep, &w))
    ));
    o
}
