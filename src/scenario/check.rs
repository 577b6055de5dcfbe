//! The semantic checks' reporter: the first problem found, phrased as `file: key.path: problem`
//! plus a hint (the key path is turned into file:line:col by `scenario::locate`), and the
//! range helpers every check uses.
use super::types::Scenario;
use crate::error::{Error, Result};
use crate::pricing::Catalog;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Collects the first problem found, phrased as `file: key.path: problem` plus a hint.
pub struct Check<'a> {
    pub file: &'a str,
}

impl Check<'_> {
    pub fn fail(&self, path: &str, problem: impl AsRef<str>, hint: impl AsRef<str>) -> Error {
        Error::Input(format!(
            "{}: `{path}`: {}\n  hint: {}",
            self.file,
            problem.as_ref(),
            hint.as_ref()
        ))
    }

    pub fn range(
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

    pub fn non_negative(&self, path: &str, v: Decimal, max: Decimal) -> Result<()> {
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

    pub fn whole(&self, path: &str, v: Decimal) -> Result<()> {
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

pub const BIG: Decimal = dec!(1_000_000_000_000_000); // 1e15: beyond any real monthly volume

/// The checks on one service's own keys (ranges, combinations, instance names). Each is
/// implemented beside the service's cost model (services/lambda.rs checks Lambda's keys, and so
/// on): the scenario owns this interface and calls it for every tier, so the source
/// dependency points one way (services -> scenario).
pub trait ValidateSettings {
    /// The first problem with the settings at `at`, as a located error with a hint.
    fn validate_settings(&self, at: &SettingsCheck) -> Result<()>;
}

/// Where one tier's settings sit and what they are checked against.
pub struct SettingsCheck<'a> {
    pub check: &'a Check<'a>,
    /// Key path of the tier, e.g. `architecture[0] (serverless).app`.
    pub base: &'a str,
    /// "web", "app" or "db".
    pub tier: &'a str,
    pub scenario: &'a Scenario,
    /// The architecture's region (its own or the scenario's).
    pub region: &'a str,
    pub catalog: &'a Catalog,
}

impl SettingsCheck<'_> {
    /// The key path of `key` on this tier.
    pub fn key(&self, key: &str) -> String {
        format!("{}.{key}", self.base)
    }

    /// Hour-by-hour scaling keys: requests per second per unit, and min/max units.
    pub fn scaling(
        &self,
        rps: Decimal,
        (min, max): (Option<Decimal>, Option<Decimal>),
        [rps_key, min_key, max_key]: [&str; 3],
    ) -> Result<()> {
        let (c, p) = (self.check, |k: &str| self.key(k));
        if rps < dec!(0.001) || rps > dec!(10_000_000) {
            return Err(c.fail(
                &p(rps_key),
                format!(
                    "{rps} is out of range; expected 0.001 to 10,000,000 requests per second per unit"
                ),
                format!("set {rps_key} to what one unit serves at its target load"),
            ));
        }
        let lo = min.unwrap_or(Decimal::ONE);
        c.non_negative(&p(min_key), lo, dec!(100000))?;
        c.whole(&p(min_key), lo)?;
        if let Some(hi) = max {
            c.non_negative(&p(max_key), hi, dec!(100000))?;
            c.whole(&p(max_key), hi)?;
            if hi < lo {
                return Err(c.fail(
                    &p(max_key),
                    format!("{max_key} ({hi}) is below {min_key} ({lo})"),
                    format!("make {max_key} at least {min_key}"),
                ));
            }
        }
        Ok(())
    }
}
