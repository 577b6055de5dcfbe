//! Deserializing TOML numbers (integer or float) into exact `Decimal`s.
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::str::FromStr;

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        from_f64(v).ok_or_else(|| E::custom(format!("the number {v} is out of range")))
    }
}

/// A float converted through its shortest decimal text, so 0.1 stays 0.1 exactly.
pub fn from_f64(v: f64) -> Option<Decimal> {
    if !v.is_finite() || v.abs() > 1e20 {
        return None;
    }
    let text = format!("{v}");
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .ok()
}

pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

pub fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_any(DecimalVisitor).map(Some)
}

/// A number, or an uncertain value `{ low = .., expected = .., high = .. }` (its `expected`
/// is returned; `scenario::parse` records the whole range).
struct RangeVisitor;

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a range { low = .., expected = .., high = .. }")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        DecimalVisitor.visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        DecimalVisitor.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        DecimalVisitor.visit_f64(v)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        let (mut low, mut expected, mut high) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let v = map.next_value_seed(DecimalSeed)?;
            match key.as_str() {
                "low" => low = Some(v),
                "expected" => expected = Some(v),
                "high" => high = Some(v),
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown range key `{other}`; a range is {{ low = .., expected = .., high = .. }}"
                    )))
                }
            }
        }
        let (Some(low), Some(expected), Some(high)) = (low, expected, high) else {
            return Err(de::Error::custom(
                "a range needs all of low, expected and high, e.g. { low = 1e6, expected = 3e6, high = 1e7 }",
            ));
        };
        check_range(low, expected, high).map_err(de::Error::custom)?;
        Ok(expected)
    }
}

/// low <= expected <= high, or a message saying what to fix.
pub fn check_range(low: Decimal, expected: Decimal, high: Decimal) -> Result<(), String> {
    if low > expected || expected > high {
        return Err(format!(
            "range low = {low}, expected = {expected}, high = {high} is out of order; expected low <= expected <= high"
        ));
    }
    Ok(())
}

struct DecimalSeed;

impl<'de> de::DeserializeSeed<'de> for DecimalSeed {
    type Value = Decimal;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(DecimalVisitor)
    }
}

pub fn decimal_or_range<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(RangeVisitor)
}

pub fn opt_decimal_or_range<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_any(RangeVisitor).map(Some)
}

/// A TOML value as a Decimal (integer or float).
pub fn toml_decimal(v: &toml::Value) -> Option<Decimal> {
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => from_f64(*f),
        _ => None,
    }
}
