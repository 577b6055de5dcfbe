//! Markdown output, ready to paste into a design review.
use super::i18n::Lang;
use super::i18n_lines;
// Cell escaping is shared with the sections other modules write; named here for callers.
use super::markup::cell;
use super::{assumption_lines_in, money};
use crate::compare::{ArchReport, Report};
use crate::money::unit_price;

pub fn render(rep: &Report) -> String {
    render_in(rep, Lang::En)
}

/// The Markdown report with labels in `lang`.
pub fn render_in(rep: &Report, lang: Lang) -> String {
    let lb = lang.labels();
    let mut o = String::new();
    o.push_str(&format!("# {}\n\n", cell(&rep.scenario.name)));
    if let Some(d) = &rep.scenario.description {
        o.push_str(&format!("{}\n\n", cell(d)));
    }
    // The decision cards first: what a reader of the summary needs before any detail.
    o.push_str(&format!(
        "## {}\n\n{}\n",
        super::cards::words(lang).heading,
        super::cards::markdown(rep, lang)
    ));
    o.push_str(&format!(
        "| {} | {} |\n|---|---|\n",
        lb.assumption, lb.value
    ));
    for (k, v) in assumption_lines_in(rep, lang) {
        o.push_str(&format!("| {} | {} |\n", k, cell(&v)));
    }
    tier_table(&mut o, rep, lang);
    let mut decision = super::decision_lines(rep, lang).into_iter();
    if let Some(first) = decision.next() {
        o.push_str(&format!("\n**{}**\n", cell(&first)));
    }
    let rest: Vec<String> = decision.collect();
    if !rest.is_empty() {
        o.push('\n');
        for line in rest {
            o.push_str(&format!("- {}\n", cell(&line)));
        }
    }
    o.push_str(&super::range::markdown_section(rep, lang));
    o.push_str(&super::over_time::markdown_section(rep, lang));
    for a in &rep.architectures {
        arch_section(&mut o, rep, a, lang);
    }
    o.push_str(&super::not_modelled::markdown_section(rep, lang));
    o
}

/// The monthly cost of every architecture by tier, with the total and whether it is feasible.
fn tier_table(o: &mut String, rep: &Report, lang: Lang) {
    let lb = lang.labels();
    let tiers: Vec<&str> = super::markup::TIERS
        .iter()
        .copied()
        .filter(|t| rep.architectures.iter().any(|a| a.tier(t).is_some()))
        .collect();
    o.push_str(&format!(
        "\n## {}\n\n| {} |",
        lb.monthly_cost_by_tier, lb.architecture
    ));
    for t in &tiers {
        o.push_str(&format!(" {} |", lang.tier(t)));
    }
    o.push_str(&format!(
        " {} | {} |\n|---|",
        lb.total_per_month, lb.feasible
    ));
    for _ in &tiers {
        o.push_str("---:|");
    }
    o.push_str("---:|---|\n");
    for a in &rep.architectures {
        o.push_str(&format!("| {} |", cell(&a.name)));
        for t in &tiers {
            match a.tier(t) {
                Some(tier) => o.push_str(&format!(
                    " {} {} |",
                    lang.service(&tier.service),
                    money(rep, tier.monthly_usd)
                )),
                None => o.push_str(" — |"),
            }
        }
        o.push_str(&format!(
            " **{}** | {} |\n",
            money(rep, a.monthly_usd),
            cell(&super::feasible_cell(a, lang))
        ));
    }
}

/// One architecture: its priced lines, notes and limit findings.
fn arch_section(o: &mut String, rep: &Report, a: &ArchReport, lang: Lang) {
    let lb = lang.labels();
    o.push_str(&format!(
        "\n## {}\n\n",
        lang.arch_heading(&cell(&a.name), &a.region, &money(rep, a.monthly_usd))
    ));
    o.push_str(&format!(
        "| {} | {} | id | {} | {} | {} | {} |\n|---|---|---|---:|---|---:|---:|\n",
        lb.tier, lb.line_item, lb.quantity, lb.unit, lb.usd_per_unit, lb.monthly
    ));
    for (t, l) in a.lines() {
        o.push_str(&format!(
            "| {} | {} | `{}` | {} | {} | {} | {} |\n",
            lang.tier(&t.tier),
            cell(&i18n_lines::description(lang, l)),
            l.id,
            super::display::line_quantity(l.quantity),
            cell(&i18n_lines::unit(lang, &l.unit)),
            unit_price(l.unit_price_usd),
            money(rep, l.monthly_usd)
        ));
    }
    for note in a.notes_in(lang) {
        o.push_str(&format!("\n> {}\n", cell(&note)));
    }
    if !a.limits.is_empty() {
        o.push_str(&format!(
            "\n| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---:|---:|---|---|\n",
            lb.status, lb.tier, lb.limit, lb.value, lb.limit_value, lb.kind, lb.what_to_do
        ));
        for f in &a.limits {
            o.push_str(&format!(
                "| {} | {} | {} (`{}`) | {} | {} {} | {} | {} |\n",
                lang.status(&format!("{:?}", f.status).to_lowercase()),
                lang.tier(&f.tier),
                cell(&i18n_lines::finding_message(lang, f)),
                f.id,
                f.value,
                f.limit,
                cell(&i18n_lines::limit_unit(lang, f)),
                lang.kind(&f.kind),
                cell(&i18n_lines::remedy(lang, f))
            ));
        }
    }
}
