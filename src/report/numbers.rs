//! How counts are written in each language: 万/億 in Japanese, 30M / 1.5k on English charts,
//! line quantities rounded for reading. Every format uses these; JSON and CSV keep exact values.
use crate::lang::Lang;
use crate::money;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Japanese number words: 万 (10^4) and 億 (10^8). Below 100万 the 万 figure keeps up to two
/// decimals (1.23万); from 100万 it is whole (3,000万, 6,211万); 億 keep up to two decimals
/// (2.1億). Below 1万 the digits are grouped (9,999).
pub fn ja_count(v: Decimal) -> String {
    let (sign, a) = if v.is_sign_negative() {
        ("-", -v)
    } else {
        ("", v)
    };
    let words = |n: Decimal, dp: u32, word: &str| {
        format!(
            "{}{word}",
            money::group(&money::round(n, dp).normalize().to_string())
        )
    };
    let text = if a >= dec!(100_000_000) {
        words(a / dec!(100_000_000), 2, "億")
    } else if a >= dec!(10_000) {
        let man = a / dec!(10_000);
        // 9,999.6万 rounds to 1億, not "10,000万".
        if money::round(man, 0) >= dec!(10_000) {
            "1億".to_string()
        } else {
            words(man, if man >= dec!(100) { 0 } else { 2 }, "万")
        }
    } else {
        money::quantity(a)
    };
    format!("{sign}{text}")
}

/// A count on a chart (ticks, markers, legends, crossing tables): "30M" / "1.5k" in English,
/// "3,000万" / "2.1億" in Japanese. f64 because chart coordinates are pixels.
pub fn compact(lang: Lang, v: f64) -> String {
    match lang {
        Lang::En => volume_label(v),
        Lang::Ja => match Decimal::from_f64_retain(v) {
            Some(d) => ja_count(money::round(d, 2)),
            None => volume_label(v),
        },
    }
}

/// A line item's quantity: the exact digits grouped (never 万/億, so it can be checked against
/// the unit price), rounded for reading: two decimals from 1 up ("858.31"), four significant
/// digits below 1 ("0.001234"). JSON and CSV keep the exact value.
pub fn line_quantity(v: Decimal) -> String {
    let a = v.abs();
    if a >= Decimal::ONE || a.is_zero() {
        return money::group(&money::round(v, 2).normalize().to_string());
    }
    // Leading zeros after the point, then four significant digits.
    let mut dp = 0u32;
    let mut probe = a;
    while probe < Decimal::ONE && dp < 24 {
        probe *= Decimal::TEN;
        dp += 1;
    }
    money::round(v, dp + 3).normalize().to_string()
}

/// "300k", "30M", "3B".
pub fn volume_label(v: f64) -> String {
    let (scaled, suffix) = if v >= 1e9 {
        (v / 1e9, "B")
    } else if v >= 1e6 {
        (v / 1e6, "M")
    } else if v >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let text = if scaled >= 100.0 || (scaled - scaled.round()).abs() < 0.05 {
        format!("{scaled:.0}")
    } else {
        format!("{scaled:.1}")
    };
    format!("{text}{suffix}")
}
