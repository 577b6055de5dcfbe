//! Output formats: each module turns a `compare::Report` into bytes or text.
pub mod cards;
pub mod chart;
pub mod csv;
pub mod curve;
pub mod diagram;
pub mod diff;
pub mod display;
pub mod folder;
pub mod glyphs;
pub mod html;
pub mod i18n;
pub mod i18n_lines;
pub mod json;
pub mod key_names;
pub mod limits;
pub mod markdown;
pub mod markup;
pub mod not_modelled;
pub mod numbers;
pub mod optimize;
pub mod over_time;
pub mod range;
pub mod sensitivity;
pub mod stamp;
pub mod sweep;
pub mod table;
pub mod xlsx;

use crate::compare::{ArchReport, Report};
use crate::feasibility::Blocker;
use crate::money;
use i18n::Lang;
use rust_decimal::Decimal;

/// A money amount in the report's display currency ("$1,234.57" or "¥185,186").
pub fn money(rep: &Report, usd: Decimal) -> String {
    match rep.jpy_rate() {
        Some(rate) => money::jpy(usd, rate),
        None => money::usd(usd),
    }
}

/// "ap-northeast-1 (Asia Pacific (Tokyo))", in `lang`, with the scenario's own spelling when it
/// was not the code.
fn region_text(rep: &Report, lang: Lang) -> String {
    let s = &rep.scenario;
    let name = crate::pricing::regions::by_code(&s.region).map(|r| match lang {
        Lang::En => r.name,
        Lang::Ja => r.name_ja,
    });
    lang.region(&s.region, name, s.region_written.as_deref())
}

/// The assumptions printed with every set of numbers, labelled in `lang`.
pub fn assumption_lines_in(rep: &Report, lang: Lang) -> Vec<(String, String)> {
    let a = &rep.assumptions;
    let l = lang.labels();
    let mut out = vec![
        (l.scenario.to_string(), rep.scenario.name.clone()),
        (l.region.to_string(), region_text(rep, lang)),
        (
            l.requests_per_month.to_string(),
            display::Display::usd(lang).count(rep.scenario.requests_per_month),
        ),
        (
            l.hours_per_month.to_string(),
            money::exact(a.hours_per_month),
        ),
        (
            l.free_tier.to_string(),
            if a.free_tier {
                l.free_tier_on.into()
            } else {
                l.free_tier_off.into()
            },
        ),
        (
            l.price_catalog.to_string(),
            lang.catalog(
                &a.pricing.source,
                &a.pricing.effective_oldest,
                &a.pricing.effective,
                a.pricing.refresh.as_deref(),
            ),
        ),
    ];
    match (rep.jpy_rate(), &a.fx_date) {
        (Some(rate), date) => out.push((
            l.exchange_rate.to_string(),
            lang.rate(
                &money::exact(rate),
                date.as_deref().unwrap_or(l.date_not_given),
            ),
        )),
        (None, _) => out.push((l.currency.to_string(), "USD".to_string())),
    }
    if let Some(rate) = a.tax_rate {
        out.push((
            lang.tax_label().to_string(),
            format!("{} %", money::exact(rate * Decimal::ONE_HUNDRED)),
        ));
    }
    out
}

/// Why an architecture is ruled out, in `lang`: the limit finding's own words where there is one
/// (translated like the limits table), else the capacity reason. The id always follows.
pub fn blocker_text(arch: &ArchReport, b: &Blocker, lang: Lang) -> String {
    let finding = arch
        .limits
        .iter()
        .find(|f| f.tier == b.tier && f.id == b.id && f.kind == "hard");
    let text = match (lang, finding) {
        (Lang::Ja, Some(f)) => format!(
            "{}: {} > {} {}",
            i18n_lines::finding_message(lang, f),
            f.value,
            f.limit,
            i18n_lines::limit_unit(lang, f)
        ),
        _ => i18n_lines::reason(lang, b).into_owned(),
    };
    format!("{} ({}, {})", text, lang.tier(&b.tier), b.id)
}

/// The "Can run" cell: "yes", or "no — <limit ids>".
pub fn feasible_cell(arch: &ArchReport, lang: Lang) -> String {
    if arch.feasible {
        return lang.labels().yes.to_string();
    }
    let ids: Vec<&str> = arch.ruled_out_by.iter().map(|b| b.id.as_str()).collect();
    lang.cannot_run(&ids.join(", "))
}

/// One line per architecture that cannot run, naming what rules it out.
pub fn ruled_out_lines(rep: &Report, lang: Lang) -> Vec<String> {
    rep.architectures
        .iter()
        .filter(|a| !a.feasible)
        .map(|a| {
            let reasons: Vec<String> = a
                .ruled_out_by
                .iter()
                .map(|b| blocker_text(a, b, lang))
                .collect();
            lang.ruled_out(&a.name, &reasons.join("; "))
        })
        .collect()
}

/// The recommendation (the cheapest feasible architecture, or that none can run), then one line
/// per architecture ruled out, with every limit that rules it out, then one tax line per
/// architecture when `tax_rate` is set.
pub fn decision_lines(rep: &Report, lang: Lang) -> Vec<String> {
    let mut out = vec![match rep.recommended() {
        Some(a) => lang.recommendation(&a.name, &money(rep, a.monthly_usd)),
        None => lang.labels().none_feasible.to_string(),
    }];
    out.extend(ruled_out_lines(rep, lang));
    if let Some(rate) = rep.assumptions.tax_rate {
        let pct = money::exact(rate * Decimal::ONE_HUNDRED);
        for a in &rep.architectures {
            let tax = a.tax_usd.unwrap_or_default();
            out.push(lang.tax_line(
                &a.name,
                &pct,
                &money(rep, tax),
                &money(rep, a.monthly_usd + tax),
                &money(rep, a.monthly_usd),
            ));
        }
    }
    out
}
