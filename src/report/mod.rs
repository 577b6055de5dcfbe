//! Output formats: each module turns a `compare::Report` into bytes or text.
pub mod csv;
pub mod json;
pub mod limits;
pub mod markdown;
pub mod table;
pub mod templates;

use crate::compare::Report;
use crate::money;
use rust_decimal::Decimal;

/// A money amount in the report's display currency ("$1,234.57" or "¥185,186").
pub fn money(rep: &Report, usd: Decimal) -> String {
    match rep.jpy_rate() {
        Some(rate) => money::jpy(usd, rate),
        None => money::usd(usd),
    }
}

/// The assumptions printed with every set of numbers.
pub fn assumption_lines(rep: &Report) -> Vec<(String, String)> {
    let a = &rep.assumptions;
    let mut out = vec![
        ("Scenario".to_string(), rep.scenario.name.clone()),
        ("Region".to_string(), rep.scenario.region.clone()),
        (
            "Requests per month".to_string(),
            money::quantity(rep.scenario.requests_per_month),
        ),
        (
            "Hours per month".to_string(),
            money::exact(a.hours_per_month),
        ),
        (
            "Free tier".to_string(),
            if a.free_tier {
                "on (always-free allowances applied per architecture)".into()
            } else {
                "off".into()
            },
        ),
        (
            "Price catalog".to_string(),
            format!(
                "{} (prices effective up to {})",
                a.pricing.source, a.pricing.effective
            ),
        ),
    ];
    match (rep.jpy_rate(), &a.fx_date) {
        (Some(rate), date) => out.push((
            "Exchange rate".to_string(),
            format!(
                "{} JPY per USD ({})",
                money::exact(rate),
                date.as_deref().unwrap_or("date not given")
            ),
        )),
        (None, _) => out.push(("Currency".to_string(), "USD".to_string())),
    }
    out
}
