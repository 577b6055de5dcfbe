//! The decision card of each architecture — the facts a review needs at a glance, in the display
//! currency: the monthly total, the total with consumption tax (when `tax_rate` is set), the cash
//! paid up front and the whole term's total (when a commitment has them) and whether it can run
//! (or what rules it out). One source for report.html, the serve page, the Markdown summary and
//! the terminal table's summary, so they always agree.
use super::i18n::Lang;
use super::markup::{cell, esc};
use super::money;
use crate::compare::{ArchReport, Report};
use rust_decimal::Decimal;

/// Where an architecture stands in the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The cheapest feasible one (only said when there is a choice).
    Recommended,
    Feasible,
    RuledOut,
}

/// One card, every amount already formatted.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub name: String,
    pub region: String,
    pub standing: Standing,
    /// "¥20,924": the monthly total before tax (upfront fees amortised into it).
    pub monthly: String,
    /// "¥23,016": with consumption tax, when the scenario sets `tax_rate`.
    pub tax_inclusive: Option<String>,
    /// "¥1,309,978": cash paid up front, when a commitment has an upfront fee.
    pub upfront: Option<String>,
    /// (months, "¥2,714,868"): the commitment's whole term, upfront included.
    pub term_total: Option<(u32, String)>,
    /// Why it cannot run (empty when it can).
    pub why: Vec<String>,
}

/// The cards' words in one language.
pub struct Words {
    pub per_month: &'static str,
    pub tax_inclusive: &'static str,
    pub upfront: &'static str,
    pub can_run: &'static str,
    pub runs: &'static str,
    pub cannot_run: &'static str,
    pub recommended: &'static str,
    pub architecture: &'static str,
    pub monthly: &'static str,
    pub term_total: &'static str,
    pub feasibility: &'static str,
    pub heading: &'static str,
}

/// The cards' words of `lang` from the message tables (`ui.cards.*`).
fn load_words(lang: Lang) -> Words {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Words {
        per_month: t("ui.cards.per_month"),
        tax_inclusive: t("ui.cards.tax_inclusive"),
        upfront: t("ui.cards.upfront"),
        can_run: t("ui.cards.can_run"),
        runs: t("ui.cards.runs"),
        cannot_run: t("ui.cards.cannot_run"),
        recommended: t("ui.cards.recommended"),
        architecture: t("ui.cards.architecture"),
        monthly: t("ui.cards.monthly"),
        term_total: t("ui.cards.term_total"),
        feasibility: t("ui.cards.feasibility"),
        heading: t("ui.cards.heading"),
    }
}

/// The cards' words of `lang`, read from the tables once.
pub fn words(lang: Lang) -> &'static Words {
    static BY_LANG: crate::lang::PerLang<Words> = crate::lang::PerLang::new();
    BY_LANG.get(lang, load_words)
}

/// "over 36 months" (`ui.cards.term`).
pub fn term_label(lang: Lang, months: u32) -> String {
    super::display::fill(
        super::display::word(lang, "ui.cards.term"),
        &[("months", &months.to_string())],
    )
}

/// The card of one architecture.
pub fn card(rep: &Report, a: &ArchReport, lang: Lang) -> Card {
    let standing = if !a.feasible {
        Standing::RuledOut
    } else if rep.cheapest_feasible.as_deref() == Some(a.name.as_str())
        && rep.architectures.len() > 1
    {
        Standing::Recommended
    } else {
        Standing::Feasible
    };
    let tax_inclusive = match (rep.assumptions.tax_rate, a.tax_usd) {
        (Some(_), Some(tax)) => Some(money(rep, a.monthly_usd + tax)),
        _ => None,
    };
    // A commitment with a term (Reserved, Savings Plan: "1-year ..."); Spot has none.
    let committed = a
        .over_time
        .as_ref()
        .filter(|o| o.purchase.iter().any(|p| p.contains("-year")));
    let upfront =
        (committed.is_some() && a.upfront_usd > Decimal::ZERO).then(|| money(rep, a.upfront_usd));
    let term_total = committed.map(|o| (o.months, money(rep, o.total_usd)));
    Card {
        name: a.name.clone(),
        region: a.region.clone(),
        standing,
        monthly: money(rep, a.monthly_usd),
        tax_inclusive,
        upfront,
        term_total,
        why: a
            .ruled_out_by
            .iter()
            .map(|b| super::blocker_text(a, b, lang))
            .collect(),
    }
}

/// Every architecture's card, in scenario order.
pub fn cards(rep: &Report, lang: Lang) -> Vec<Card> {
    rep.architectures
        .iter()
        .map(|a| card(rep, a, lang))
        .collect()
}

/// The facts under a card's total as HTML rows (shared by report.html and the serve page).
pub fn facts_html(c: &Card, lang: Lang) -> String {
    let w = words(lang);
    let mut o = String::new();
    if let Some(t) = &c.tax_inclusive {
        o.push_str(&format!(
            "<div class=\"fact tax\"><span>{}</span> <b>{}</b> <small>{}</small></div>",
            esc(w.tax_inclusive),
            esc(t),
            esc(w.per_month)
        ));
    }
    if let Some(u) = &c.upfront {
        o.push_str(&format!(
            "<div class=\"fact upfront\"><span>{}</span> <b>{}</b></div>",
            esc(w.upfront),
            esc(u)
        ));
    }
    if let Some((months, total)) = &c.term_total {
        o.push_str(&format!(
            "<div class=\"fact term\"><span>{}</span> <b>{}</b></div>",
            esc(&term_label(lang, *months)),
            esc(total)
        ));
    }
    if c.why.is_empty() {
        o.push_str(&format!(
            "<div class=\"fact run ok\">✓ {}</div>",
            esc(w.can_run)
        ));
    } else {
        for why in &c.why {
            o.push_str(&format!("<div class=\"why\">✗ {}</div>", esc(why)));
        }
    }
    o
}

/// CSS of the facts (appended to the page's style).
pub const CSS: &str = ".card .fact{font-size:13px;margin-top:3px;color:var(--ink)}\n.card .fact span{color:var(--mute)}\n.card .fact small{color:var(--mute)}\n.card .fact.run{font-size:12px}\n";

/// The cards as a Markdown table (the summary's first section).
pub fn markdown(rep: &Report, lang: Lang) -> String {
    let w = words(lang);
    let cards = cards(rep, lang);
    let tax = cards.iter().any(|c| c.tax_inclusive.is_some());
    let upfront = cards.iter().any(|c| c.upfront.is_some());
    let term = cards
        .iter()
        .find_map(|c| c.term_total.as_ref().map(|t| t.0));
    let mut head = vec![w.architecture.to_string(), w.monthly.to_string()];
    let mut align = vec!["---", "---:"];
    if tax {
        head.push(format!("{} {}", w.tax_inclusive, w.monthly));
        align.push("---:");
    }
    if upfront {
        head.push(capital(w.upfront));
        align.push("---:");
    }
    if let Some(m) = term {
        head.push(capital(&term_label(lang, m)));
        align.push("---:");
    }
    head.push(w.feasibility.to_string());
    align.push("---");
    let mut o = format!("| {} |\n|{}|\n", head.join(" | "), align.join("|"));
    for c in &cards {
        let name = match c.standing {
            Standing::Recommended => format!("**{}** ({})", md(&c.name), w.recommended),
            _ => md(&c.name),
        };
        let mut row = vec![name, c.monthly.clone()];
        if tax {
            row.push(c.tax_inclusive.clone().unwrap_or_default());
        }
        if upfront {
            row.push(c.upfront.clone().unwrap_or_else(|| "—".into()));
        }
        if term.is_some() {
            row.push(
                c.term_total
                    .as_ref()
                    .map_or_else(|| "—".into(), |t| t.1.clone()),
            );
        }
        row.push(if c.why.is_empty() {
            lang.labels().yes.to_string()
        } else {
            md(&format!("{}: {}", w.cannot_run, c.why.join("; ")))
        });
        o.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    o
}

/// "paid up front" -> "Paid up front" (Japanese unchanged).
fn capital(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn md(text: &str) -> String {
    cell(text)
}

/// The cards as plain lines (the terminal table's summary): one per architecture.
pub fn text_lines(rep: &Report, lang: Lang) -> Vec<String> {
    let w = words(lang);
    cards(rep, lang)
        .iter()
        .map(|c| {
            let mut parts = vec![format!("{} {}", c.monthly, w.per_month)];
            if let Some(t) = &c.tax_inclusive {
                parts.push(format!("{} {} {}", w.tax_inclusive, t, w.per_month));
            }
            if let Some(u) = &c.upfront {
                parts.push(format!("{} {u}", w.upfront));
            }
            if let Some((m, t)) = &c.term_total {
                parts.push(format!("{} {t}", term_label(lang, *m)));
            }
            parts.push(match c.standing {
                Standing::Recommended => w.recommended.to_string(),
                Standing::Feasible => w.runs.to_string(),
                Standing::RuledOut => w.cannot_run.to_string(),
            });
            format!("{}: {}", c.name, parts.join(" · "))
        })
        .collect()
}
