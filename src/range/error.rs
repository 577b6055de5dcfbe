//! What can be wrong with a sweep, break-even or sensitivity range or the key it varies, with
//! the values, and how a caller words it (flags or query fields, English or Japanese: the texts
//! are `error.range.*` in messages/*.toml). Depends only on the leaves `lang`, `messages` and
//! `text`, so `error` can carry it.
use crate::lang::Lang;
use crate::messages;
use crate::text::Text;
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
        reason: Text,
    },
    #[error("pct {pct}: expected a percentage above 0 and below 100")]
    PctOutOfRange { pct: Decimal },
    /// The varied key names no numeric setting of the scenario.
    #[error("vary `{key}`: {problem:?}")]
    Key { key: String, problem: KeyProblem },
    /// The scenario with the varied key set to `value` does not validate (a sweep's step).
    #[error("vary {key} = {value}: {reason}")]
    VariedInvalid {
        key: String,
        value: Decimal,
        reason: Text,
    },
    /// `between` names an architecture the scenario does not have.
    #[error("between: no architecture named `{name}`")]
    BetweenUnknown { name: String, known: Vec<String> },
    /// `between` names one architecture twice.
    #[error("between {a},{b}: name two different architectures")]
    BetweenSame { a: String, b: String },
}

/// Why a dot path names no numeric setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblem {
    /// `workload.KEY`, `assumptions.KEY` or a service key that is not numeric (`group` is
    /// `workload`, `assumptions` or `service`); `closest` is a likely typo's fix.
    NotNumeric {
        group: &'static str,
        closest: Option<String>,
        known: Vec<String>,
    },
    NoArchitecture {
        name: String,
        known: Vec<String>,
    },
    NoTier {
        name: String,
        tier: String,
    },
    NotATier {
        tier: String,
    },
    /// Not `workload.K`, `assumptions.K` or `architecture.NAME.TIER.K`.
    BadPath,
}

/// How a caller names the range's inputs (flags on the command line, fields in a query).
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub from: &'static str,
    pub to: &'static str,
    pub steps: &'static str,
    pub log: &'static str,
    pub pct: &'static str,
    pub vary: &'static str,
    pub between: &'static str,
}

/// The inputs by their plain names: the live page's query fields, and how an error is worded
/// before a caller names it (the command line's flags are `commands/`'s own).
pub const FIELDS: Words = Words {
    from: "from",
    to: "to",
    steps: "steps",
    log: "log",
    pct: "pct",
    vary: "vary",
    between: "between",
};

impl RangeError {
    /// The message in English, naming the inputs with `w`.
    pub fn describe(&self, w: &Words) -> String {
        self.describe_in(w, Lang::En)
    }

    /// The message in `lang`, naming the inputs with `w` (keys and values stay as written).
    pub fn describe_in(&self, w: &Words, lang: Lang) -> String {
        let end = |e: &End| match e {
            End::From => w.from,
            End::To => w.to,
        };
        let say = |id: &str, values: &[&str]| messages::render(lang, id, values);
        match self {
            RangeError::FromNotBelowTo { from, to } => say(
                "error.range.from_not_below_to",
                &[w.from, &from.to_string(), w.to, &to.to_string()],
            ),
            RangeError::TooLarge { end: e, value, max } => say(
                "error.range.too_large",
                &[end(e), &show(*value), &show(*max)],
            ),
            RangeError::TooFewSteps { steps } => {
                say("error.range.too_few_steps", &[w.steps, &steps.to_string()])
            }
            RangeError::TooManySteps { steps, max } => say(
                "error.range.too_many_steps",
                &[w.steps, &steps.to_string(), &max.to_string()],
            ),
            RangeError::LogNeedsPositiveFrom { from } => say(
                "error.range.log_needs_positive_from",
                &[w.log, w.from, &from.to_string()],
            ),
            RangeError::EndInvalid {
                end: e,
                value,
                reason,
                ..
            } => say(
                "error.range.end_invalid",
                &[end(e), &show(*value), &reason.render(lang)],
            ),
            RangeError::PctOutOfRange { pct } => {
                say("error.range.pct_out_of_range", &[w.pct, &pct.to_string()])
            }
            RangeError::Key { key, problem } => {
                let (id, values): (&str, Vec<String>) = match problem {
                    KeyProblem::NotNumeric {
                        group,
                        closest,
                        known,
                    } => {
                        let hint = match closest {
                            Some(best) => say("error.range.hint_did_you_mean", &[best]),
                            None => say("error.range.hint_numeric_keys", &[&known.join(", ")]),
                        };
                        let what = say(&format!("error.range.not_numeric_{group}"), &[]);
                        ("error.range.key_not_numeric", vec![what, hint])
                    }
                    KeyProblem::NoArchitecture { name, known } => (
                        "error.range.no_architecture",
                        vec![name.clone(), known.join(", ")],
                    ),
                    KeyProblem::NoTier { name, tier } => {
                        ("error.range.no_tier", vec![name.clone(), tier.clone()])
                    }
                    KeyProblem::NotATier { tier } => ("error.range.not_a_tier", vec![tier.clone()]),
                    KeyProblem::BadPath => ("error.range.bad_path", Vec::new()),
                };
                let mut all: Vec<&str> = vec![w.vary, key];
                all.extend(values.iter().map(String::as_str));
                say(id, &all)
            }
            RangeError::VariedInvalid { key, value, reason } => say(
                "error.range.varied_invalid",
                &[
                    w.vary,
                    key,
                    &value.normalize().to_string(),
                    &reason.render(lang),
                ],
            ),
            RangeError::BetweenUnknown { name, known } => say(
                "error.range.between_unknown",
                &[w.between, name, &known.join(", ")],
            ),
            RangeError::BetweenSame { a, b } => say("error.range.between_same", &[w.between, a, b]),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn unnamed_range_errors_use_plain_names_not_flags() {
        // Before a caller names the inputs (commands/ with its flags, the page with its
        // fields), an error reads with the plain names, in English and in Japanese.
        let e = Error::Range(RangeError::FromNotBelowTo {
            from: dec!(5),
            to: dec!(1),
        });
        let ja = e.render(Lang::Ja);
        assert!(
            ja.starts_with("from 5 to 1: from は to より小さくしてください"),
            "{ja}"
        );
        let words = Words {
            from: "--from",
            ..FIELDS
        };
        let named = e.name_range(&words).to_string();
        assert!(named.starts_with("--from 5 to 1:"), "{named}");
    }
}
