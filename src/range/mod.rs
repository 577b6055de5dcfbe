//! The range a sweep, break-even search or sensitivity run varies a key over, checked before
//! anything is priced (the ends against the scenario: `sweep::check_range`). Problems are typed (`RangeError`, in `range::error`, with the values);
//! the caller names them in its own words: `commands/` as flags (`--from`), `serve` as query
//! fields (`from`).
pub mod error;

use crate::error::Error;
pub use error::{End, KeyProblem, RangeError, Words, FIELDS};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Largest magnitude of a range end. Every modelled key has a far smaller bound (monthly
/// requests ≤ 1e15), and with ends within ±1e18 and at most `MAX_STEPS` steps every step's
/// arithmetic (`from + (to − from) × i / (n − 1)`) stays below 1e25, inside `Decimal`.
pub const MAX_MAGNITUDE: Decimal = dec!(1_000_000_000_000_000_000);

/// Most steps a sweep takes.
pub const MAX_STEPS: usize = 1_000_000;

impl Error {
    /// A range error as an input error worded with `w`; other errors unchanged.
    pub fn name_range(self, w: &Words) -> Error {
        self.name_range_in(w, crate::lang::Lang::En)
    }

    /// A range error as an input error worded with `w` in `lang`; other errors unchanged.
    pub fn name_range_in(self, w: &Words, lang: crate::lang::Lang) -> Error {
        match self {
            Error::Range(e) => Error::Input(e.describe_in(w, lang)),
            other => other,
        }
    }
}

/// The ends alone: ordered and within ±`MAX_MAGNITUDE`.
pub fn check_bounds(from: Decimal, to: Decimal) -> std::result::Result<(), RangeError> {
    for (end, value) in [(End::From, from), (End::To, to)] {
        if value.abs() > MAX_MAGNITUDE {
            return Err(RangeError::TooLarge {
                end,
                value: value.normalize(),
                max: MAX_MAGNITUDE,
            });
        }
    }
    if from >= to {
        return Err(RangeError::FromNotBelowTo { from, to });
    }
    Ok(())
}
