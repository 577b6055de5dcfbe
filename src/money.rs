//! Money presentation: the only place that rounds (half away from zero), and number formatting.
use rust_decimal::{Decimal, RoundingStrategy};

/// Round to `dp` decimal places, half away from zero (0.005 -> 0.01, -0.005 -> -0.01).
pub fn round(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Round a USD amount to cents.
pub fn cents(value: Decimal) -> Decimal {
    round(value, 2)
}

/// Group the integer part with commas: 1234567.5 -> "1,234,567.5".
pub fn group(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// "$1,234.57": USD rounded to cents with thousands separators.
pub fn usd(value: Decimal) -> String {
    let v = cents(value);
    let text = format!("{v:.2}");
    match text.strip_prefix('-') {
        Some(r) => format!("-${}", group(r)),
        None => format!("${}", group(&text)),
    }
}

/// "¥12,346": yen rounded to whole yen.
pub fn jpy(value_usd: Decimal, usd_jpy: Decimal) -> String {
    let v = round(value_usd * usd_jpy, 0);
    let text = format!("{v:.0}");
    match text.strip_prefix('-') {
        Some(r) => format!("-¥{}", group(r)),
        None => format!("¥{}", group(&text)),
    }
}

/// A quantity for humans: trailing zeros dropped, grouped, at most 6 decimals.
pub fn quantity(value: Decimal) -> String {
    let v = round(value, 6).normalize();
    group(&v.to_string())
}

/// Exact decimal as a string without trailing zeros (JSON/CSV machine output).
pub fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(cents(dec!(0.005)), dec!(0.01));
        assert_eq!(cents(dec!(0.015)), dec!(0.02));
        assert_eq!(cents(dec!(0.025)), dec!(0.03)); // banker's would give 0.02
        assert_eq!(cents(dec!(-0.005)), dec!(-0.01));
        assert_eq!(cents(dec!(2.333338)), dec!(2.33));
        assert_eq!(cents(dec!(0.0049999)), dec!(0.00));
    }

    #[test]
    fn formats_usd_and_yen() {
        assert_eq!(usd(dec!(1234567.125)), "$1,234,567.13");
        assert_eq!(usd(dec!(0)), "$0.00");
        assert_eq!(usd(dec!(-12.345)), "-$12.35");
        assert_eq!(jpy(dec!(10.005), dec!(150)), "¥1,501");
        assert_eq!(jpy(dec!(0.01), dec!(150)), "¥2"); // 1.5 rounds away from zero
        assert_eq!(quantity(dec!(30000000)), "30,000,000");
        assert_eq!(quantity(dec!(14.30511474609375)), "14.305115");
    }
}
