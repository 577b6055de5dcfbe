//! The semantic checks' reporter: the first problem found, phrased as `file: key.path: problem`
//! plus a hint (the key path is turned into file:line:col by `scenario::locate`), and the
//! range helpers every check uses.
use super::types::Scenario;
use crate::error::{Error, Result, Text};
use crate::pricing::Catalog;
use crate::said;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Collects the first problem found, phrased as `file: key.path: problem` plus a hint.
pub struct Check<'a> {
    pub file: &'a str,
}

impl Check<'_> {
    /// `file: `path`: problem` + hint; problem and hint are message ids (`error.scenario.*`,
    /// `error.check.*`, `error.svc.*`) with their values, shown in the language of the command.
    pub fn fail(&self, path: &str, problem: impl Into<Text>, hint: impl Into<Text>) -> Error {
        Error::Said(said!(
            "error.scenario.at",
            self.file,
            path,
            problem.into(),
            hint.into()
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
                said!("error.scenario.out_of_range", v, lo, hi, unit_text(unit)),
                said!("error.scenario.set_between", path, lo, hi),
            ));
        }
        Ok(())
    }

    pub fn non_negative(&self, path: &str, v: Decimal, max: Decimal) -> Result<()> {
        if v < Decimal::ZERO {
            return Err(self.fail(
                path,
                said!("error.scenario.negative", v),
                said!("error.scenario.set_non_negative", path),
            ));
        }
        if v > max {
            return Err(self.fail(
                path,
                said!("error.scenario.too_large", v, max),
                said!("error.scenario.check_units"),
            ));
        }
        Ok(())
    }

    pub fn whole(&self, path: &str, v: Decimal) -> Result<()> {
        if v.fract() != Decimal::ZERO {
            return Err(self.fail(
                path,
                said!("error.scenario.not_whole", v),
                said!("error.scenario.set_whole", path),
            ));
        }
        Ok(())
    }
}

/// A unit of a range check as words: the common ones by message id (`error.unit.*`), the rest
/// as written.
fn unit_text(unit: &str) -> Text {
    let id = match unit {
        "seconds" => "error.unit.seconds",
        "hours" => "error.unit.hours",
        "requests" => "error.unit.requests",
        "requests per second" => "error.unit.requests_per_second",
        "MB" => "error.unit.mb",
        "GB" => "error.unit.gb",
        "NAT gateways" => "error.unit.nat_gateways",
        "Availability Zones" => "error.unit.azs",
        "yen per USD" => "error.unit.yen_per_usd",
        "provisioned IOPS" => "error.unit.provisioned_iops",
        "hours (assumptions.hours_per_month)" => "error.svc.unit.hours_of_month",
        "months (1 day to 10 years, CloudWatch Logs retention)" => "error.svc.unit.log_retention",
        "(DynamoDB auto scaling accepts 20 % to 90 %)" => "error.svc.unit.ddb_target",
        "(a share of capacity)" => "error.svc.unit.share_of_capacity",
        "(a share)" => "error.svc.unit.share",
        "(busiest second / hour average)" => "error.svc.unit.peak_ratio",
        "(stored bytes / ingested bytes)" => "error.svc.unit.stored_ratio",
        "as a fraction (0.10 = 10 %)" => "error.svc.unit.fraction",
        other => return Text::from(other),
    };
    said!(id)
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

    /// A fleet sized by exactly one of a fixed count or a scaling rule (`rps`), each with only
    /// its own keys: the count whole and at most 100,000 and no min/max beside it; `hours` (a
    /// fixed fleet's running hours) within the month and never beside a scaling rule; the
    /// scaling keys as [`Self::scaling`] checks them. EC2 and Fargate phrase the problems with
    /// their own message ids.
    pub fn fixed_or_scaling(&self, f: &FleetSize) -> Result<()> {
        let (c, p) = (self.check, |k: &str| self.key(k));
        let [count_key, rps_key, min_key, max_key] = f.keys;
        match (f.count, f.rps) {
            (Some(_), Some(_)) => Err(c.fail(
                self.base,
                said!(f.ids.count_and_rps[0]),
                said!(f.ids.count_and_rps[1]),
            )),
            (None, None) => Err(c.fail(
                &p(count_key),
                said!(f.ids.no_count[0]),
                said!(f.ids.no_count[1]),
            )),
            (Some(n), None) => {
                c.non_negative(&p(count_key), n, dec!(100000))?;
                c.whole(&p(count_key), n)?;
                if f.min_max.0.is_some() || f.min_max.1.is_some() {
                    return Err(c.fail(
                        &p(min_key),
                        said!(f.ids.min_max_fixed[0]),
                        said!(f.ids.min_max_fixed[1]),
                    ));
                }
                if let Some(FixedHours {
                    key,
                    hours: Some(h),
                    ..
                }) = f.hours
                {
                    let month = self.scenario.assumptions.hours_per_month;
                    c.range(
                        &p(key),
                        h,
                        dec!(0),
                        month,
                        "hours (assumptions.hours_per_month)",
                    )?;
                }
                Ok(())
            }
            (None, Some(r)) => {
                if let Some(FixedHours {
                    key,
                    hours: Some(_),
                    scaled_ids: [problem, hint],
                }) = f.hours
                {
                    return Err(c.fail(&p(key), said!(problem), said!(hint)));
                }
                self.scaling(r, f.min_max, [rps_key, min_key, max_key])
            }
        }
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

/// A fleet's size keys, checked by [`SettingsCheck::fixed_or_scaling`].
pub struct FleetSize<'k> {
    /// Key names: the fixed count, the requests per second per unit (named in its range error),
    /// the minimum and the maximum units.
    pub keys: [&'k str; 4],
    pub count: Option<Decimal>,
    /// Requests per second per unit (from whichever `rps_per_*` key is set).
    pub rps: Option<Decimal>,
    pub min_max: (Option<Decimal>, Option<Decimal>),
    /// Running hours of a fixed fleet, when the service has that key.
    pub hours: Option<FixedHours<'k>>,
    pub ids: FleetIds,
}

/// Running hours of a fixed fleet (Fargate's `running_hours`).
pub struct FixedHours<'k> {
    pub key: &'k str,
    pub hours: Option<Decimal>,
    /// Message ids (problem, hint) of "only with a fixed count".
    pub scaled_ids: [&'static str; 2],
}

/// Message ids (problem, hint) of a fleet's size problems.
pub struct FleetIds {
    /// Both a fixed count and a scaling rule.
    pub count_and_rps: [&'static str; 2],
    /// Neither.
    pub no_count: [&'static str; 2],
    /// min/max beside a fixed count.
    pub min_max_fixed: [&'static str; 2],
}
