//! The output language (English or Japanese) and the Japanese number words: a leaf every layer
//! may name (command line, templates, reports, the live page); label texts live in `report/`.
use crate::money;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The language of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

/// Japanese number words: 万 (10^4) and 億 (10^8), up to two decimals, grouped below.
pub fn ja_count(v: Decimal) -> String {
    let (sign, a) = if v.is_sign_negative() {
        ("-", -v)
    } else {
        ("", v)
    };
    let text = if a >= dec!(100_000_000) {
        format!(
            "{}億",
            money::group(
                &money::round(a / dec!(100_000_000), 2)
                    .normalize()
                    .to_string()
            )
        )
    } else if a >= dec!(10_000) {
        format!(
            "{}万",
            money::group(&money::round(a / dec!(10_000), 2).normalize().to_string())
        )
    } else {
        money::quantity(a)
    };
    format!("{sign}{text}")
}
