//! The finding type every limit check produces, and the checker the per-service modules fill:
//! one measured value against a row of the limits table (or a `[quotas]` override).
use crate::limit_tables::{row, LimitRow};
use crate::messages::{Msg, Value};
use crate::money;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warning,
    Exceeded,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Exceeded => "exceeded",
        }
    }
}

/// One checked limit for one tier of one architecture (docs/reference/json.md, `limits`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Finding {
    pub tier: String,
    pub id: String,
    pub status: Status,
    pub value: String,
    pub limit: String,
    pub unit: String,
    /// `hard`, `quota` (default, can be raised), `behaviour` or `setting` (your own configuration).
    pub kind: String,
    pub message: String,
    pub remedy: String,
    pub source: String,
    /// The texts above as message ids and values, shown in other languages (not in JSON,
    /// which carries the English; empty in lean findings).
    #[serde(skip)]
    #[schemars(skip)]
    pub text: FindingText,
}

/// What a finding says, as message ids (docs/reference/messages.md): its message, the unit of
/// its value and limit, what to do and its source. The English fields of [`Finding`] are
/// these rendered in English.
#[derive(Debug, Clone, Default)]
pub struct FindingText {
    /// `finding.<service>.*` and its values.
    pub message: Option<Msg>,
    /// The unit (a [`Value::LimitUnit`]).
    pub unit: Option<Value>,
    /// What to do, also for a finding within its limit (where [`Finding::remedy`] is empty).
    pub remedy: Option<Remedy>,
    /// `source.*` and its values; `None`: the limits table row's source, shown as written.
    pub source: Option<Msg>,
}

/// Collects findings. In `lean` mode (sweeps, break-even) it keeps only exceeded limits and
/// builds no message text: enough to judge feasibility, at the cost of a comparison per check.
pub(crate) struct Checker<'a> {
    quotas: &'a BTreeMap<String, toml::Value>,
    lean: bool,
    out: Vec<Finding>,
}

/// Where a finding's remedy comes from: a limits table row (its English in limits/limits.csv,
/// its Japanese in limits/remedies-ja.csv, both keyed by the row's id) or a check's own.
#[derive(Debug, Clone, Copy)]
pub enum Remedy {
    /// The remedy of this limits table row (limits/limits.csv).
    Row(&'static LimitRow),
    /// A check's own remedy: message id `remedy.check.<finding id>` (messages/*.toml).
    Check(&'static str),
}

impl Remedy {
    /// The English text (what JSON and CSV carry).
    pub fn en(self) -> String {
        match self {
            Remedy::Row(r) => r.remedy.to_string(),
            Remedy::Check(id) => crate::messages::text(crate::lang::Lang::En, id)
                .unwrap_or_default()
                .to_string(),
        }
    }
}

/// Where a finding's source comes from.
pub(crate) enum Source<'m> {
    /// Shown as written: a limits table row's source (URLs and notes).
    Written(&'m str),
    /// A `source.*` message (the scenario's own setting, an applied quota).
    Said(Msg),
}

/// The remedy of a check whose limit is not a table row (`remedy.check.<id>`), in English.
pub fn check_remedy(id: &str) -> Option<&'static str> {
    crate::messages::text(crate::lang::Lang::En, &format!("remedy.check.{id}"))
}

/// One measured value against its limit.
pub(crate) struct Measure<'m> {
    pub tier: &'m str,
    pub id: &'m str,
    pub value: Decimal,
    pub limit: Decimal,
    pub unit: &'m str,
    /// `hard`, `quota`, `behaviour` or `setting`.
    pub kind: &'m str,
    pub remedy: Remedy,
    pub source: Source<'m>,
}

pub(crate) fn fmt(v: Decimal) -> String {
    money::group(&money::round(v, 3).normalize().to_string())
}

/// "09:00" for hour 9.
pub(crate) fn hour(h: usize) -> String {
    format!("{h:02}:00")
}

fn quota_override(v: &toml::Value) -> Option<Decimal> {
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => crate::scenario::from_f64(*f),
        _ => None,
    }
}

fn status_of(value: Decimal, limit: Decimal) -> Status {
    if value > limit {
        Status::Exceeded
    } else if value > limit * dec!(0.8) {
        Status::Warning
    } else {
        Status::Ok
    }
}

impl<'a> Checker<'a> {
    /// The findings collected, in the order checked.
    pub fn into_findings(self) -> Vec<Finding> {
        self.out
    }

    pub(crate) fn new(quotas: &'a BTreeMap<String, toml::Value>, lean: bool) -> Checker<'a> {
        Checker {
            quotas,
            lean,
            out: Vec::new(),
        }
    }

    /// Compare `value` with the table's limit `id`: above -> exceeded, above 80 % -> warning.
    pub(crate) fn check(
        &mut self,
        tier: &str,
        id: &str,
        value: Decimal,
        message: impl FnOnce() -> Msg,
    ) {
        let Some(row) = row(id) else {
            return;
        };
        let mut limit = row.value;
        let overridden = if row.kind == "quota" {
            self.quotas.get(id).and_then(quota_override)
        } else {
            None
        };
        if let Some(v) = overridden {
            limit = v;
        }
        if self.lean && value <= limit {
            return;
        }
        let source = match overridden {
            Some(_) => Source::Said(crate::msg!(
                "source.applied_quota_quotas_default",
                id,
                fmt(row.value),
                row.source
            )),
            None => Source::Written(row.source),
        };
        self.push(
            Measure {
                tier,
                id,
                value,
                limit,
                unit: row.unit,
                kind: row.kind,
                remedy: Remedy::Row(row),
                source,
            },
            message,
        );
    }

    /// Record a measured value against its limit.
    pub(crate) fn push(&mut self, m: Measure, message: impl FnOnce() -> Msg) {
        self.push_at_most(m, Status::Exceeded, message);
    }

    /// `push`, with the status capped at `most` (a limit that is only a reminder when passed).
    pub(crate) fn push_at_most(&mut self, m: Measure, most: Status, message: impl FnOnce() -> Msg) {
        let status = status_of(m.value, m.limit).min(most);
        if self.lean {
            if status == Status::Exceeded {
                self.out.push(Finding {
                    tier: m.tier.to_string(),
                    id: m.id.to_string(),
                    status,
                    value: String::new(),
                    limit: String::new(),
                    unit: String::new(),
                    kind: m.kind.to_string(),
                    message: String::new(),
                    remedy: String::new(),
                    source: String::new(),
                    text: FindingText::default(),
                });
            }
            return;
        }
        let message = message();
        let (source, source_text) = match m.source {
            Source::Written(s) => (s.to_string(), None),
            Source::Said(said) => (said.en(), Some(said)),
        };
        self.out.push(Finding {
            tier: m.tier.to_string(),
            id: m.id.to_string(),
            status,
            value: fmt(m.value),
            limit: fmt(m.limit),
            unit: m.unit.to_string(),
            kind: m.kind.to_string(),
            message: message.en(),
            remedy: if status == Status::Ok {
                String::new()
            } else {
                m.remedy.en()
            },
            source,
            text: FindingText {
                message: Some(message),
                unit: Some(Value::LimitUnit(m.unit.to_string())),
                remedy: Some(m.remedy),
                source: source_text,
            },
        });
    }

    /// A check against the scenario's own setting (e.g. a configured timeout or max_tasks).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn setting(
        &mut self,
        tier: &str,
        id: &str,
        value: Decimal,
        limit: Decimal,
        unit: &str,
        remedy: Remedy,
        key: &str,
        message: impl FnOnce() -> Msg,
    ) {
        if self.lean && value <= limit {
            return;
        }
        let source = Source::Said(crate::msg!("source.scenario", key));
        self.push(
            Measure {
                tier,
                id,
                value,
                limit,
                unit,
                kind: "setting",
                remedy,
                source,
            },
            message,
        );
    }
}
