//! Scenario files: read TOML, turn parse errors into helpful messages, validate every key.
mod num;
mod types;
mod validate;

pub use num::from_f64;
pub use types::*;

use crate::error::{Error, Result};
use crate::pricing::Catalog;
use rust_decimal::Decimal;
use std::path::Path;

/// Read, parse and validate a scenario file. `catalog` decides which regions and instances exist.
pub fn load(path: &Path, catalog: &Catalog) -> Result<Scenario> {
    let text = read_text(path)?;
    parse(&path.display().to_string(), &text, catalog)
}

/// Read a user-supplied text file; a missing or unreadable file is the user's input error.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::IsADirectory => "is a directory, expected a file".to_string(),
            _ => e.to_string(),
        };
        Error::Input(format!(
            "{}: {what}\n  hint: check the path; `archcost init > scenarios/new.toml` writes a starting scenario",
            path.display()
        ))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        Error::Input(format!(
            "{}: not UTF-8 text (invalid byte at offset {}); a scenario is a TOML text file",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Parse scenario text; `name` is the file name used in messages.
pub fn parse(name: &str, text: &str, catalog: &Catalog) -> Result<Scenario> {
    if text.trim().is_empty() {
        return Err(Error::Input(format!(
            "{name}: the file is empty; expected a scenario with `name`, `region`, [workload] and at least one [[architecture]]\n  hint: `archcost init` prints a commented example"
        )));
    }
    let mut scenario: Scenario = toml::from_str(text).map_err(|e| toml_error(name, text, &e))?;
    validate::validate(name, &scenario, catalog)?;
    scenario.workload_ranges = workload_ranges(text);
    validate_range_ends(name, &scenario, catalog)?;
    Ok(scenario)
}

/// The `{ low, expected, high }` values of [workload] (already checked by the deserializer).
fn workload_ranges(text: &str) -> std::collections::BTreeMap<String, Range> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return out;
    };
    let Some(w) = table.get("workload").and_then(|w| w.as_table()) else {
        return out;
    };
    for (k, v) in w {
        if let Some(t) = v.as_table() {
            let get = |n: &str| t.get(n).and_then(num::toml_decimal);
            if let (Some(low), Some(expected), Some(high)) =
                (get("low"), get("expected"), get("high"))
            {
                out.insert(
                    format!("workload.{k}"),
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

/// The low and high ends of every range must be valid values too.
fn validate_range_ends(name: &str, s: &Scenario, catalog: &Catalog) -> Result<()> {
    if s.workload_ranges.is_empty() {
        return Ok(());
    }
    for end in [RangeEnd::Low, RangeEnd::High] {
        let at = at_range_end(s, end);
        validate::validate(
            &format!("{name} ({} end of the ranges)", end.name()),
            &at,
            catalog,
        )?;
    }
    Ok(())
}

/// Which end of the declared ranges to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    Low,
    Expected,
    High,
}

impl RangeEnd {
    pub fn name(self) -> &'static str {
        match self {
            RangeEnd::Low => "low",
            RangeEnd::Expected => "expected",
            RangeEnd::High => "high",
        }
    }
}

/// The scenario with every ranged workload value at one end (no ranges left).
pub fn at_range_end(s: &Scenario, end: RangeEnd) -> Scenario {
    let mut out = s.clone();
    out.workload_ranges.clear();
    for (key, r) in &s.workload_ranges {
        let v = match end {
            RangeEnd::Low => r.low,
            RangeEnd::Expected => r.expected,
            RangeEnd::High => r.high,
        };
        let w = &mut out.workload;
        let slot: Option<&mut Decimal> = match key.strip_prefix("workload.").unwrap_or("") {
            "requests_per_month" => w.requests_per_month.as_mut(),
            "requests_per_second" => w.requests_per_second.as_mut(),
            "peak_to_average" => Some(&mut w.peak_to_average),
            "duration_ms" => Some(&mut w.duration_ms),
            "request_kb" => Some(&mut w.request_kb),
            "response_kb" => Some(&mut w.response_kb),
            "db_reads_per_request" => Some(&mut w.db_reads_per_request),
            "db_writes_per_request" => Some(&mut w.db_writes_per_request),
            "item_kb" => Some(&mut w.item_kb),
            "storage_gb" => Some(&mut w.storage_gb),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = v;
        }
    }
    out
}

/// Validate a scenario changed in memory (sweeps, sensitivity): same rules as `parse`.
pub fn revalidate(s: &Scenario, catalog: &Catalog) -> Result<()> {
    validate::validate("varied scenario", s, catalog)
}

/// Build the message for a TOML/serde error: file:line:col, the problem, and a "did you mean".
fn toml_error(name: &str, text: &str, err: &toml::de::Error) -> Error {
    let message = err.message().trim().to_string();
    let location = err
        .span()
        .map(|span| {
            let (line, col) = line_col(text, span.start);
            format!("{name}:{line}:{col}")
        })
        .unwrap_or_else(|| name.to_string());
    let mut out = format!("{location}: {message}");
    if let Some(span) = err.span() {
        let (line, _) = line_col(text, span.start);
        if let Some(src) = text.lines().nth(line - 1) {
            out.push_str(&format!("\n  {line} | {}", src.trim_end()));
        }
    }
    if let Some(hint) = did_you_mean(&message) {
        out.push_str(&format!("\n  hint: {hint}"));
    } else if let Some(field) = between(&message, "missing field `", "`") {
        out.push_str(&format!(
            "\n  hint: add `{field} = ...` (see `archcost init` for an example of every key)"
        ));
    }
    Error::Input(out)
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary_compat(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// For "unknown field `x`, expected one of `a`, `b`" (or variant), suggest the closest name.
fn did_you_mean(message: &str) -> Option<String> {
    let (kind, got) = if let Some(f) = between(message, "unknown field `", "`") {
        ("key", f)
    } else if let Some(v) = between(message, "unknown variant `", "`") {
        ("value", v)
    } else {
        return None;
    };
    let expected: Vec<&str> = message
        .split("expected")
        .nth(1)?
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    match closest(got, &expected) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!(
            "`{got}` is not a known {kind} here; use one of: {}",
            expected.join(", ")
        )),
    }
}

/// The candidate within two edits of `got` (for instance names, where similar-looking names
/// are different products).
pub fn closest_name<'a>(got: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(got, c), *c))
        .filter(|(edits, _)| *edits <= 2)
        .min_by_key(|(edits, _)| *edits)
        .map(|(_, c)| c)
}

/// The candidate closest to `got` when it is close enough to be a typo.
pub fn closest<'a>(got: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(got, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `assumptions.pricing` of a scenario text, if it parses (used to pick the catalog before
/// the full validation, which needs the catalog).
pub fn pricing_setting(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table
        .get("assumptions")?
        .get("pricing")?
        .as_str()
        .map(str::to_string)
}
