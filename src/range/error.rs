//! What can be wrong with a sweep, break-even or sensitivity range, with the values, and how a
//! caller words it (flags or query fields). Depends on nothing of the crate, so `error` can
//! carry it.
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Which end of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    From,
    To,
}

/// What is wrong with a range, with the values involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("from {from} to {to}: expected from < to")]
    FromNotBelowTo { from: Decimal, to: Decimal },
    #[error("{end:?} {value}: beyond ±{max}")]
    TooLarge {
        end: End,
        value: Decimal,
        max: Decimal,
    },
    #[error("steps {steps}: expected at least 2")]
    TooFewSteps { steps: usize },
    #[error("steps {steps}: at most {max}")]
    TooManySteps { steps: usize, max: usize },
    #[error("log spacing needs from above 0 (got {from})")]
    LogNeedsPositiveFrom { from: Decimal },
    /// The scenario with the varied key set to this end does not validate.
    #[error("{end:?} {value}: {reason}")]
    EndInvalid {
        end: End,
        key: String,
        value: Decimal,
        reason: String,
    },
    #[error("pct {pct}: expected a percentage above 0 and below 100")]
    PctOutOfRange { pct: Decimal },
}

/// How a caller names the range's inputs (flags on the command line, fields in a query).
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub from: &'static str,
    pub to: &'static str,
    pub steps: &'static str,
    pub log: &'static str,
    pub pct: &'static str,
}

/// The command line's names.
pub const FLAGS: Words = Words {
    from: "--from",
    to: "--to",
    steps: "--steps",
    log: "--log",
    pct: "--pct",
};

impl RangeError {
    /// The message, naming the inputs with `w`.
    pub fn describe(&self, w: &Words) -> String {
        let end = |e: &End| match e {
            End::From => w.from,
            End::To => w.to,
        };
        match self {
            RangeError::FromNotBelowTo { from, to } => format!(
                "{} {from} {} {to}: expected {} below {}\n  hint: swap them, or widen the range",
                w.from, w.to, w.from, w.to
            ),
            RangeError::TooLarge { end: e, value, max } => format!(
                "{} {}: beyond the largest range end archcost accepts (±{})\n  hint: every modelled key is far smaller (monthly requests at most 1e15); check the units",
                end(e),
                show(*value),
                show(*max)
            ),
            RangeError::TooFewSteps { steps } => {
                format!("{} {steps}: expected at least 2 steps", w.steps)
            }
            RangeError::TooManySteps { steps, max } => {
                format!("{} {steps}: at most {max} steps", w.steps)
            }
            RangeError::LogNeedsPositiveFrom { from } => {
                format!("{} needs {} above 0 (got {from})", w.log, w.from)
            }
            RangeError::EndInvalid {
                end: e,
                value,
                reason,
                ..
            } => format!("{} {}: {reason}", end(e), show(*value)),
            RangeError::PctOutOfRange { pct } => format!(
                "{} {pct}: expected a percentage above 0 and below 100 (e.g. {} 20)",
                w.pct, w.pct
            ),
        }
    }
}

/// A range end as typed: large whole values in exponent form (`7.9e28`, not 29 digits).
fn show(v: Decimal) -> String {
    let text = v.normalize().to_string();
    if v.abs() < dec!(1_000_000) || text.contains('.') {
        return text;
    }
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text.as_str()),
    };
    let significant = digits.trim_end_matches('0');
    let (first, rest) = significant.split_at(1);
    let dot = if rest.is_empty() { "" } else { "." };
    format!("{sign}{first}{dot}{rest}e{}", digits.len() - 1)
}
