//! Money: overflow-checked arithmetic, the only place that rounds (half away from zero), and
//! number formatting.
use crate::error::{Error, Overflow, Result};
use rust_decimal::{Decimal, RoundingStrategy};

/// `quantity × unit price`, or an input error naming what overflowed (a catalog price or a
/// scenario value far beyond anything AWS bills) instead of a panic.
pub fn mul(quantity: Decimal, unit_usd: Decimal, what: &str) -> Result<Decimal> {
    quantity
        .checked_mul(unit_usd)
        .ok_or_else(|| overflow(what, quantity, unit_usd))
}

/// Sum of amounts, checked; `what` names the total for the message.
pub fn sum<I: IntoIterator<Item = Decimal>>(amounts: I, what: &str) -> Result<Decimal> {
    let mut total = Decimal::ZERO;
    for a in amounts {
        total = total.checked_add(a).ok_or_else(|| {
            Error::Overflow(Overflow::Total {
                what: what.to_string(),
            })
        })?;
    }
    Ok(total)
}

fn overflow(what: &str, quantity: Decimal, unit_usd: Decimal) -> Error {
    Error::Overflow(Overflow::Product {
        what: what.to_string(),
        quantity,
        unit_usd,
    })
}

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

/// A unit price for humans: exact up to 12 decimals (catalog prices have at most 10), longer
/// fractions (an upfront fee divided by a term's months) rounded there.
pub fn unit_price(value: Decimal) -> String {
    round(value, 12).normalize().to_string()
}

/// Exact decimal as a string without trailing zeros (JSON/CSV machine output).
pub fn exact(value: Decimal) -> String {
    let mut out = String::new();
    write_exact(&mut out, value);
    out
}

/// Append `exact(value)` to `out`: the text `value.normalize()` displays, made from the
/// mantissa's digits with the point placed by the scale and trailing fractional zeros
/// dropped, instead of dividing the 96-bit mantissa by ten per zero as `normalize` does (an
/// offer import writes hundreds of thousands of prices).
pub fn write_exact(out: &mut String, value: Decimal) {
    let mantissa = value.mantissa();
    if mantissa == 0 {
        out.push('0');
        return;
    }
    // At most 29 digits (a 96-bit mantissa), written from the right.
    let mut buf = [0u8; 40];
    let mut start = buf.len();
    let magnitude = mantissa.unsigned_abs();
    match u64::try_from(magnitude) {
        Ok(mut m) => loop {
            start -= 1;
            buf[start] = b'0' + (m % 10) as u8;
            m /= 10;
            if m == 0 {
                break;
            }
        },
        Err(_) => {
            let text = magnitude.to_string();
            start -= text.len();
            buf[start..].copy_from_slice(text.as_bytes());
        }
    }
    let mut digits = &buf[start..];
    let mut scale = value.scale() as usize;
    while scale > 0 && digits.last() == Some(&b'0') {
        digits = &digits[..digits.len() - 1];
        scale -= 1;
    }
    // Digits only: ASCII.
    let digits = std::str::from_utf8(digits).unwrap_or_default();
    if mantissa < 0 {
        out.push('-');
    }
    if scale == 0 {
        out.push_str(digits);
    } else if digits.len() > scale {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - digits.len()));
        out.push_str(digits);
    }
}

/// Serialize a Decimal as an exact string without trailing zeros: `#[serde(with = "exact")]`.
pub mod exact {
    use rust_decimal::Decimal;
    pub fn serialize<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::exact(*d))
    }
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
    fn overflow_is_an_input_error() {
        let err = mul(dec!(1e20), dec!(1e20), "ec2.linux.m5.large").unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("ec2.linux.m5.large"), "{err}");
        assert_eq!(mul(dec!(3), dec!(0.5), "x").unwrap(), dec!(1.5));
        assert!(sum([Decimal::MAX, Decimal::ONE], "total").is_err());
        assert_eq!(sum([dec!(1), dec!(2)], "total").unwrap(), dec!(3));
    }

    #[test]
    fn exact_text_is_what_normalize_displays() {
        for (value, want) in [
            (dec!(0.0430000000), "0.043"),
            (dec!(87.6000), "87.6"),
            (dec!(100), "100"),
            (dec!(100.00), "100"),
            (dec!(-0.50), "-0.5"),
            (dec!(0.0000000001), "0.0000000001"),
            (dec!(0.000), "0"),
            (Decimal::MAX, "79228162514264337593543950335"),
            (Decimal::MIN, "-79228162514264337593543950335"),
        ] {
            assert_eq!(exact(value), want);
        }
        // Negative zero, at any scale, as `normalize` shows it.
        let negative_zero = Decimal::from_parts(0, 0, 0, true, 7);
        assert_eq!(exact(negative_zero), "0");
        assert_eq!(negative_zero.normalize().to_string(), "0");
    }

    proptest::proptest! {
        #[test]
        fn exact_text_matches_normalize_for_any_decimal(
            lo: u32,
            mid: u32,
            hi: u32,
            negative: bool,
            scale in 0u32..=28,
            small: bool,
        ) {
            // Half the cases with mantissas that fit 64 bits (the usual prices).
            let (mid, hi) = if small { (mid, 0) } else { (mid, hi) };
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            let mut text = String::from("x");
            write_exact(&mut text, d);
            proptest::prop_assert_eq!(&text[1..], d.normalize().to_string());
        }
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
