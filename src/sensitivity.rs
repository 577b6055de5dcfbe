//! Sensitivity: which workload inputs move each architecture's monthly cost most. Each input
//! (> 0) is set to −pct % and +pct % of its value — or to its declared range's low and high —
//! with everything else unchanged, and the inputs are ranked by the swing (high − low cost). A
//! tier's `discount_pct` given as a range is varied over it too (a negative swing: a higher
//! discount costs less).
use crate::compare;
use crate::error::{Error, Result};
use crate::pricing::Catalog;
use crate::scenario::{self, Scenario, WORKLOAD_INPUTS};
use crate::services::exact;
use crate::text::Text;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

pub const SENSITIVITY_SCHEMA: &str = "archcost/sensitivity/1";

#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub schema: &'static str,
    pub scenario: String,
    #[serde(with = "exact")]
    pub pct: Decimal,
    pub architectures: Vec<ArchSensitivity>,
    /// Inputs not varied, with the reason (e.g. the varied value is invalid).
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArchSensitivity {
    pub name: String,
    #[serde(with = "exact")]
    pub expected_usd: Decimal,
    /// Largest swing first.
    pub inputs: Vec<Swing>,
}

/// Where the low and high values of an input came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// ± pct % of the value.
    Pct,
    /// The input's declared range.
    Range,
}

#[derive(Debug, Clone, Serialize)]
pub struct Swing {
    /// `workload.KEY`
    pub input: String,
    pub basis: Basis,
    #[serde(with = "exact")]
    pub value: Decimal,
    #[serde(with = "exact")]
    pub low_value: Decimal,
    #[serde(with = "exact")]
    pub high_value: Decimal,
    #[serde(with = "exact")]
    pub low_usd: Decimal,
    #[serde(with = "exact")]
    pub high_usd: Decimal,
    /// high_usd − low_usd.
    #[serde(with = "exact")]
    pub swing_usd: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub input: String,
    /// Why, in English (the first line of `text`).
    pub reason: String,
    /// Why, as a message id with the validation error inside (`reason.*`), shown in other
    /// languages (its first line, as `reason`).
    #[serde(skip)]
    pub text: Text,
}

/// The inputs sensitivity varies: every numeric workload input > 0 (`peak_to_average` only
/// when > 1, since 1 is its floor).
fn candidates(s: &Scenario) -> Vec<(&'static str, Decimal)> {
    WORKLOAD_INPUTS
        .iter()
        .filter_map(|k| s.workload.input(k).map(|v| (*k, v)))
        .filter(|(k, v)| {
            if *k == "peak_to_average" {
                *v > Decimal::ONE
            } else {
                *v > Decimal::ZERO
            }
        })
        .collect()
}

/// Analyse `s` (already validated) against `catalog`, varying by ± `pct` percent.
pub fn analyse(s: &Scenario, catalog: &Catalog, pct: Decimal) -> Result<Sensitivity> {
    if pct <= Decimal::ZERO || pct >= dec!(100) {
        return Err(crate::range::RangeError::PctOutOfRange { pct }.into());
    }
    let base = s.without_ranges();
    let expected = compare::totals(&base, catalog)?;
    let mut per_arch: Vec<ArchSensitivity> = expected
        .iter()
        .map(|(n, usd)| ArchSensitivity {
            name: n.clone(),
            expected_usd: *usd,
            inputs: Vec::new(),
        })
        .collect();
    let mut skipped = Vec::new();
    let share = pct / dec!(100);
    // Workload inputs (± pct or their range), then tier discounts given as ranges.
    let inputs = candidates(s)
        .into_iter()
        .map(|(key, value)| (format!("workload.{key}"), value, s.workload.ranges.get(key)))
        .chain(
            s.discount_ranges
                .iter()
                .map(|(path, r)| (path.clone(), r.expected, Some(r))),
        );
    for (input, value, range) in inputs {
        let (basis, low_value, high_value) = match range {
            Some(r) => (Basis::Range, r.low, r.high),
            None => (
                Basis::Pct,
                value * (Decimal::ONE - share),
                value * (Decimal::ONE + share),
            ),
        };
        let at = |v: Decimal| -> Result<std::result::Result<Vec<(String, Decimal)>, Text>> {
            let mut varied = base.clone();
            match input.strip_prefix("workload.") {
                Some(key) => {
                    varied.workload.set_input(key, v);
                }
                None => {
                    if let Some(slot) = varied.discount_slot(&input) {
                        *slot = Some(v);
                    }
                }
            }
            match scenario::revalidate(&varied, catalog) {
                Err(e @ (Error::Input(_) | Error::Said(_) | Error::Overflow(_))) => {
                    Ok(Err(e.into_text()))
                }
                Err(e) => Err(e),
                Ok(()) => compare::totals(&varied, catalog).map(Ok),
            }
        };
        let (low, high) = match (at(low_value)?, at(high_value)?) {
            (Ok(l), Ok(h)) => (l, h),
            (Err(why), _) | (_, Err(why)) => {
                let text = crate::said!("reason.varied_value_not_valid", why);
                let en = text.render(crate::lang::Lang::En);
                skipped.push(Skipped {
                    input,
                    reason: en.lines().next().unwrap_or_default().to_string(),
                    text,
                });
                continue;
            }
        };
        for ((arch, (_, low_usd)), (_, high_usd)) in per_arch.iter_mut().zip(low).zip(high) {
            arch.inputs.push(Swing {
                input: input.clone(),
                basis,
                value,
                low_value,
                high_value,
                low_usd,
                high_usd,
                swing_usd: high_usd - low_usd,
            });
        }
    }
    for arch in &mut per_arch {
        // Largest swing first; ties keep the input order (stable sort).
        arch.inputs
            .sort_by_key(|i| std::cmp::Reverse(i.swing_usd.abs()));
    }
    Ok(Sensitivity {
        schema: SENSITIVITY_SCHEMA,
        scenario: s.name.clone(),
        pct,
        architectures: per_arch,
        skipped,
    })
}
