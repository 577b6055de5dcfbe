//! The "Not in this estimate" section of every human output: what a real bill for these
//! architectures may add (the report's `not_modelled` list), in the output's language.
use super::i18n::Lang;
use crate::compare::Report;
use crate::not_modelled::{describe, Item};

/// "Not in this estimate" (`ui.not_modelled.heading`).
pub fn heading(lang: Lang) -> &'static str {
    super::display::word(lang, "ui.not_modelled.heading")
}

fn line(item: &Item, lang: Lang, all: usize) -> String {
    let text = describe(item, lang == Lang::Ja);
    if item.architectures.len() == all {
        text
    } else {
        format!("{text} ({})", item.architectures.join(", "))
    }
}

/// Plain-text section for the terminal tables.
pub fn table_section(rep: &Report, lang: Lang) -> String {
    if rep.not_modelled.is_empty() {
        return String::new();
    }
    let all = rep.architectures.len();
    let mut o = format!("\n{}\n", heading(lang));
    for item in &rep.not_modelled {
        o.push_str(&format!("- {}\n", line(item, lang, all)));
    }
    o
}

/// Markdown section.
pub fn markdown_section(rep: &Report, lang: Lang) -> String {
    if rep.not_modelled.is_empty() {
        return String::new();
    }
    let all = rep.architectures.len();
    let mut o = format!("\n## {}\n\n", heading(lang));
    for item in &rep.not_modelled {
        o.push_str(&format!(
            "- {} (`{}`)\n",
            super::markup::cell(&line(item, lang, all)),
            item.id
        ));
    }
    o
}

/// HTML section.
pub fn html_section(rep: &Report, lang: Lang) -> String {
    if rep.not_modelled.is_empty() {
        return String::new();
    }
    let esc = super::markup::esc;
    let all = rep.architectures.len();
    let mut o = format!(
        "<section id=\"not-modelled\">\n<h2>{}</h2>\n<ul>\n",
        esc(heading(lang))
    );
    for item in &rep.not_modelled {
        o.push_str(&format!(
            "<li>{} <code>{}</code></li>\n",
            esc(&line(item, lang, all)),
            esc(&item.id)
        ));
    }
    o.push_str("</ul>\n</section>\n");
    o
}
