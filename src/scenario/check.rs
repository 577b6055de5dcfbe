//! The semantic checks' reporter: the first problem found, phrased as `file: key.path: problem`
//! plus a hint (the key path is turned into file:line:col by `scenario::locate`), and the
//! range helpers every check uses.
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Collects the first problem found, phrased as `file: key.path: problem` plus a hint.
pub(super) struct Check<'a> {
    pub(super) file: &'a str,
}

impl Check<'_> {
    pub(super) fn fail(
        &self,
        path: &str,
        problem: impl AsRef<str>,
        hint: impl AsRef<str>,
    ) -> Error {
        Error::Input(format!(
            "{}: `{path}`: {}\n  hint: {}",
            self.file,
            problem.as_ref(),
            hint.as_ref()
        ))
    }

    pub(super) fn range(
        &self,
        path: &str,
        v: Decimal,
        lo: Decimal,
        hi: Decimal,
        unit: &str,
    ) -> Result<()> {
        if v < lo || v > hi {
            return Err(self.fail(
                path,
                format!("{v} is out of range; expected {lo} to {hi} {unit}"),
                format!("set `{path}` to a value between {lo} and {hi}"),
            ));
        }
        Ok(())
    }

    pub(super) fn non_negative(&self, path: &str, v: Decimal, max: Decimal) -> Result<()> {
        if v < Decimal::ZERO {
            return Err(self.fail(
                path,
                format!("{v} is negative; expected a volume of 0 or more"),
                format!("set `{path}` to 0 or a positive number"),
            ));
        }
        if v > max {
            return Err(self.fail(
                path,
                format!("{v} is larger than {max}, the largest value archcost models"),
                "check the units (monthly volumes, KB, GB, ms)",
            ));
        }
        Ok(())
    }

    pub(super) fn whole(&self, path: &str, v: Decimal) -> Result<()> {
        if v.fract() != Decimal::ZERO {
            return Err(self.fail(
                path,
                format!("{v} is not a whole number"),
                format!("set `{path}` to a whole number"),
            ));
        }
        Ok(())
    }
}

pub(super) const BIG: Decimal = dec!(1_000_000_000_000_000); // 1e15: beyond any real monthly volume
