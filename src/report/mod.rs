//! Output formats: each module turns a `compare::Report` into bytes or text.
pub mod chart;
pub mod csv;
pub mod curve;
pub mod diff;
pub mod folder;
pub mod glyphs;
pub mod html;
pub mod i18n;
pub mod i18n_lines;
pub mod json;
pub mod limits;
pub mod markdown;
pub mod range;
pub mod sensitivity;
pub mod sweep;
pub mod table;

use crate::compare::Report;
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

/// The assumptions printed with every set of numbers, labelled in `lang`.
pub fn assumption_lines_in(rep: &Report, lang: Lang) -> Vec<(String, String)> {
    let a = &rep.assumptions;
    let l = lang.labels();
    let mut out = vec![
        (l.scenario.to_string(), rep.scenario.name.clone()),
        (l.region.to_string(), rep.scenario.region.clone()),
        (
            l.requests_per_month.to_string(),
            money::quantity(rep.scenario.requests_per_month),
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
            lang.catalog(&a.pricing.source, &a.pricing.effective),
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
    out
}
