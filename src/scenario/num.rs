//! Deserializing TOML numbers (integer or float) into exact `Decimal`s.
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
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

/// A number, or a range table `{ low, expected, high }` of numbers for the workload input `key`:
/// the value is `expected` (the range itself is collected after parsing, see `ranges_of`).
struct RangeVisitor {
    /// The key as written (`requests_per_month`, `discount_pct`).
    key: &'static str,
    /// Its table in messages (`workload.`, or empty for a tier's `discount_pct`).
    table: &'static str,
}

/// A plain number inside a range table.
struct Num(Decimal);

impl<'de> serde::Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DecimalVisitor).map(Num)
    }
}

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a range table { low = .., expected = .., high = .. }")
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

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        let (key, table) = (self.key, self.table);
        let (mut low, mut expected, mut high) = (None, None, None);
        while let Some(name) = map.next_key::<String>()? {
            let slot = match name.as_str() {
                "low" => &mut low,
                "expected" => &mut expected,
                "high" => &mut high,
                other => {
                    return Err(de::Error::custom(format!(
                        "`{table}{key}`: unknown key `{other}` in the range table; a range has exactly `low`, `expected` and `high`"
                    )))
                }
            };
            let Num(v) = map.next_value::<Num>().map_err(|e| {
                de::Error::custom(format!("`{table}{key}.{name}`: {e}; expected a number"))
            })?;
            *slot = Some(v);
        }
        let need = |v: Option<Decimal>, which: &str| {
            v.ok_or_else(|| {
                de::Error::custom(format!(
                    "`{table}{key}`: the range table has no `{which}`; write {key} = {{ low = .., expected = .., high = .. }}, or a plain number"
                ))
            })
        };
        let (low, expected, high) = (
            need(low, "low")?,
            need(expected, "expected")?,
            need(high, "high")?,
        );
        if low > expected || expected > high {
            return Err(de::Error::custom(format!(
                "`{table}{key}`: the range is out of order (low {low}, expected {expected}, high {high}); expected low ≤ expected ≤ high"
            )));
        }
        Ok(expected)
    }
}

fn range_or_number<'de, D: Deserializer<'de>>(
    d: D,
    key: &'static str,
) -> Result<Decimal, D::Error> {
    d.deserialize_any(RangeVisitor {
        key,
        table: "workload.",
    })
}

/// A tier's `discount_pct`: a number or a range table (the value is `expected`; the range is
/// collected after parsing, see `discount_ranges_of`).
pub fn discount_pct<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_any(RangeVisitor {
        key: "discount_pct",
        table: "",
    })
    .map(Some)
}

/// An uncertain workload input: `{ low = .., expected = .., high = .. }` with low ≤ expected ≤ high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Range {
    #[serde(with = "crate::money::exact")]
    pub low: Decimal,
    #[serde(with = "crate::money::exact")]
    pub expected: Decimal,
    #[serde(with = "crate::money::exact")]
    pub high: Decimal,
}

/// Which end of every declared range to put a scenario at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    Low,
    High,
}

impl Range {
    pub fn at(&self, end: RangeEnd) -> Decimal {
        match end {
            RangeEnd::Low => self.low,
            RangeEnd::High => self.high,
        }
    }
}

macro_rules! ranged_fields {
    ($($key:ident),*) => {
        /// Field deserializers for workload inputs that accept a number or a range table.
        pub mod ranged {
            use super::*;
            $(#[allow(dead_code)]
            pub fn $key<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
                range_or_number(d, stringify!($key))
            })*
        }
        /// Like `ranged`, for optional inputs.
        pub mod ranged_opt {
            use super::*;
            $(#[allow(dead_code)]
            pub fn $key<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
                range_or_number(d, stringify!($key)).map(Some)
            })*
        }
    };
}

ranged_fields!(
    requests_per_month,
    requests_per_second,
    peak_to_average,
    duration_ms,
    request_kb,
    response_kb,
    db_reads_per_request,
    db_writes_per_request,
    item_kb,
    storage_gb,
    log_kb_per_request,
    log_retention_months
);

/// The range tables of `[workload]` in a scenario text that already deserialized (so every
/// range is well-formed and ordered): key name -> (low, expected, high).
pub fn ranges_of(text: &str) -> std::collections::BTreeMap<String, Range> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return out;
    };
    let Some(workload) = table.get("workload").and_then(|w| w.as_table()) else {
        return out;
    };
    let number = |v: Option<&toml::Value>| match v? {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => from_f64(*f),
        _ => None,
    };
    for (key, value) in workload {
        if let Some(t) = value.as_table() {
            if let (Some(low), Some(expected), Some(high)) = (
                number(t.get("low")),
                number(t.get("expected")),
                number(t.get("high")),
            ) {
                out.insert(
                    key.clone(),
                    Range {
                        low,
                        expected,
                        high,
                    },
                );
            }
        }
    }
    out
}

/// The `discount_pct` range tables of every architecture tier in a scenario text that already
/// deserialized: `architecture.<name>.<tier>.discount_pct` -> (low, expected, high).
pub fn discount_ranges_of(text: &str) -> std::collections::BTreeMap<String, Range> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return out;
    };
    let Some(archs) = table.get("architecture").and_then(|a| a.as_array()) else {
        return out;
    };
    let number = |v: Option<&toml::Value>| match v? {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => from_f64(*f),
        _ => None,
    };
    for arch in archs {
        let Some(name) = arch.get("name").and_then(|n| n.as_str()) else {
            continue;
        };
        for tier in ["web", "app", "db"] {
            let Some(t) = arch
                .get(tier)
                .and_then(|t| t.get("discount_pct"))
                .and_then(|d| d.as_table())
            else {
                continue;
            };
            if let (Some(low), Some(expected), Some(high)) = (
                number(t.get("low")),
                number(t.get("expected")),
                number(t.get("high")),
            ) {
                out.insert(
                    format!("architecture.{name}.{tier}.discount_pct"),
                    Range {
                        low,
                        expected,
                        high,
                    },
                );
            }
        }
    }
    out
}
