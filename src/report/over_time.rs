//! The "Money over time" section of compare outputs, shown when any architecture has a purchase
//! option: on-demand and committed architectures side by side with the cash paid up front, the
//! recurring monthly cost, the first 12 months and the whole term.
use super::i18n::Lang;
use super::money;
use crate::compare::{ArchReport, OverTime, Report};

struct Words {
    heading: &'static str,
    purchase: &'static str,
    on_demand: &'static str,
    upfront: &'static str,
    monthly: &'static str,
    recurring: &'static str,
    first_12: &'static str,
    note: &'static str,
}

/// The section's words in `lang` (`ui.over_time.*`).
fn words(lang: Lang) -> Words {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Words {
        heading: t("ui.over_time.heading"),
        purchase: t("ui.over_time.purchase"),
        on_demand: t("ui.over_time.on_demand"),
        upfront: t("ui.over_time.upfront"),
        monthly: t("ui.over_time.monthly"),
        recurring: t("ui.over_time.recurring"),
        first_12: t("ui.over_time.first_12"),
        note: t("ui.over_time.note"),
    }
}

fn over_time(rep: &Report) -> Option<u32> {
    rep.architectures
        .iter()
        .find_map(|a| a.over_time.as_ref().map(|o| o.months))
}

fn term_label(lang: Lang, months: u32) -> String {
    crate::messages::render(lang, "ui.over_time.term", &[&months.to_string()])
}

/// The row cells of one architecture: name, purchase, upfront, monthly, recurring, 12 months,
/// term total.
fn cells(rep: &Report, a: &ArchReport, o: &OverTime, w: &Words, lang: Lang) -> [String; 7] {
    let purchase = if o.purchase.is_empty() {
        w.on_demand.to_string()
    } else {
        let each: Vec<String> = if o.purchase_texts.len() == o.purchase.len() {
            o.purchase_texts.iter().map(|m| m.render(lang)).collect()
        } else {
            o.purchase.clone()
        };
        each.join("; ")
    };
    [
        a.name.clone(),
        purchase,
        money(rep, a.upfront_usd),
        money(rep, a.monthly_usd),
        money(rep, o.recurring_monthly_usd),
        money(rep, o.first_12_months_usd),
        money(rep, o.total_usd),
    ]
}

fn header(lang: Lang, months: u32) -> [String; 7] {
    let w = words(lang);
    [
        lang.labels().architecture.to_string(),
        w.purchase.to_string(),
        w.upfront.to_string(),
        w.monthly.to_string(),
        w.recurring.to_string(),
        w.first_12.to_string(),
        term_label(lang, months),
    ]
}

/// Terminal section (empty when no architecture has a purchase option).
pub fn table_section(rep: &Report, lang: Lang) -> String {
    let Some(months) = over_time(rep) else {
        return String::new();
    };
    let w = words(lang);
    let mut t = super::markup::new_table();
    t.set_header(header(lang, months).to_vec());
    for a in &rep.architectures {
        if let Some(o) = &a.over_time {
            let c = cells(rep, a, o, &w, lang);
            let mut row = vec![comfy_table::Cell::new(&c[0]), comfy_table::Cell::new(&c[1])];
            row.extend(c[2..].iter().map(|v| {
                comfy_table::Cell::new(v).set_alignment(comfy_table::CellAlignment::Right)
            }));
            t.add_row(row);
        }
    }
    format!("\n{}\n{t}\n{}\n", w.heading, w.note)
}

/// Markdown section (empty when no architecture has a purchase option).
pub fn markdown_section(rep: &Report, lang: Lang) -> String {
    let Some(months) = over_time(rep) else {
        return String::new();
    };
    let w = words(lang);
    let cell = super::markup::cell;
    let h = header(lang, months);
    let mut o = format!(
        "\n## {}\n\n| {} |\n|---|---|---:|---:|---:|---:|---:|\n",
        w.heading,
        h.join(" | ")
    );
    for a in &rep.architectures {
        if let Some(ot) = &a.over_time {
            let c = cells(rep, a, ot, &w, lang);
            let row: Vec<String> = c.iter().map(|v| cell(v)).collect();
            o.push_str(&format!("| {} |\n", row.join(" | ")));
        }
    }
    o.push_str(&format!("\n{}\n", w.note));
    o
}

/// HTML section (empty when no architecture has a purchase option).
pub fn html_section(rep: &Report, lang: Lang) -> String {
    let Some(months) = over_time(rep) else {
        return String::new();
    };
    let w = words(lang);
    let esc = super::markup::esc;
    let h = header(lang, months);
    let mut o = format!(
        "<section id=\"over-time\">\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th>",
        esc(w.heading),
        esc(&h[0]),
        esc(&h[1])
    );
    for label in &h[2..] {
        o.push_str(&format!("<th class=\"num\">{}</th>", esc(label)));
    }
    o.push_str("</tr>\n");
    for a in &rep.architectures {
        if let Some(ot) = &a.over_time {
            let c = cells(rep, a, ot, &w, lang);
            o.push_str(&format!(
                "<tr><td>{}</td><td>{}</td>",
                esc(&c[0]),
                esc(&c[1])
            ));
            for v in &c[2..] {
                o.push_str(&format!("<td class=\"num\">{}</td>", esc(v)));
            }
            o.push_str("</tr>\n");
        }
    }
    o.push_str(&format!(
        "</table>\n<p class=\"note\">{}</p>\n</section>\n",
        esc(w.note)
    ));
    o
}
