//! Scenario files: read TOML, turn parse errors into helpful messages, validate every key.
mod check;
mod egress;
pub mod json_schema;
mod locate;
mod network;
mod num;
pub mod purchase;
pub mod search;
mod suggest;
pub mod text_limits;
mod toml_words;
mod types;
mod validate;
mod validate_net;

pub use check::{Check, FixedHours, FleetIds, FleetSize, SettingsCheck, ValidateSettings, BIG};
pub use num::from_f64;
pub use suggest::{closest, closest_name, instance as suggest_instance};
pub use types::*;
pub use validate::{fargate_size_ok, FARGATE_SIZES};

use crate::error::{Error, Result, Text};
use crate::pricing::Catalog;
use crate::said;
use std::path::Path;
use toml_words::{between, toml_problem};

/// A scenario is a few KB; anything past 16 MiB is not one.
const MAX_SCENARIO_BYTES: u64 = 16 * 1024 * 1024;

/// Read a user-supplied scenario file (bounded; devices and pipes refused, see `fsio`).
pub fn read_text(path: &Path) -> Result<String> {
    crate::fsio::read_input_text(
        path,
        crate::fsio::Input {
            what: "scenario (TOML)",
            max_bytes: MAX_SCENARIO_BYTES,
        },
    )
    .map_err(|e| {
        let missing = matches!(&e, Error::Said(Text::Msg("error.file.input", v))
            if v.get(1) == Some(&said!("error.file.no_such_file")));
        if missing {
            Error::Said(said!("error.file.init_hint", e.into_text()))
        } else {
            e
        }
    })
}

/// Parse and validate scenario text; `name` is the file name used in messages.
pub fn parse(name: &str, text: &str, catalog: &Catalog) -> Result<Scenario> {
    let scenario = parse_unchecked(name, text)?;
    check(name, text, &scenario, catalog)?;
    Ok(scenario)
}

/// Parse scenario text into its types without the checks that need a catalog (so the catalog
/// the scenario names in `assumptions.pricing` can be loaded first; then call `check`).
pub fn parse_unchecked(name: &str, text: &str) -> Result<Scenario> {
    if text.trim().is_empty() {
        return Err(Error::Said(said!("error.scenario.empty", name)));
    }
    let mut scenario: Scenario = toml::from_str(text).map_err(|e| toml_error(name, text, &e))?;
    normalise_regions(&mut scenario);
    for arch in &mut scenario.architectures {
        arch.inherit_azs();
    }
    // A range table always has an `expected` key: without the word there is nothing to collect.
    if text.contains("expected") {
        scenario.workload.ranges = num::ranges_of(text);
        scenario.discount_ranges = num::discount_ranges_of(text);
    }
    Ok(scenario)
}

/// Replace region names and aliases ("tokyo", "東京", "Asia Pacific (Tokyo)") by their codes,
/// remembering how the top-level region was written. Text that names no region is left as it
/// is for validation to report.
fn normalise_regions(s: &mut Scenario) {
    if let Some(r) = crate::pricing::regions::resolve(&s.region) {
        if r.code != s.region {
            s.region_written = Some(std::mem::replace(&mut s.region, r.code.to_string()));
        }
    }
    for arch in &mut s.architectures {
        if let Some(region) = &mut arch.region {
            if let Some(r) = crate::pricing::regions::resolve(region) {
                *region = r.code.to_string();
            }
        }
    }
}

/// Validate a parsed scenario against `catalog` (ranges, names, regions, instances), errors
/// located in `text`; every end of the declared ranges must be a valid scenario too.
pub fn check(name: &str, text: &str, scenario: &Scenario, catalog: &Catalog) -> Result<()> {
    validate::validate(name, scenario, catalog).map_err(|e| with_location(name, text, e))?;
    for (i, arch) in scenario.architectures.iter().enumerate() {
        search::of(name, i, &arch.name, arch.search.as_ref())
            .map_err(|e| with_location(name, text, e))?;
    }
    if scenario.has_ranges() {
        for (end, label) in [(RangeEnd::Low, "low"), (RangeEnd::High, "high")] {
            validate::validate(name, &scenario.at_range_end(end), catalog).map_err(|e| {
                let end = match label {
                    "low" => said!("error.scenario.range_end_low", e.into_text()),
                    _ => said!("error.scenario.range_end_high", e.into_text()),
                };
                Error::Said(end)
            })?;
        }
    }
    Ok(())
}

/// Turn `file: `key.path`: ...` into `file:line:col: `key.path`: ...` when the key (or its
/// closest parent) can be found in the text: a worded error `error.scenario.at` or
/// `error.optimize.*` whose first values are the file and the key path, or such a text.
pub fn with_location(name: &str, text: &str, err: Error) -> Error {
    let located = |id: &str| id == "error.scenario.at" || id.starts_with("error.optimize.");
    if let Error::Said(Text::Msg(id, mut values)) = err {
        if !located(id) {
            return Error::Said(Text::Msg(id, values));
        }
        if let (Some(Text::Plain(file)), Some(Text::Plain(path))) = (values.first(), values.get(1))
        {
            if file == name {
                if let Some(off) = locate::offset(text, path) {
                    let (line, col) = line_col(text, off);
                    values[0] = Text::Plain(format!("{name}:{line}:{col}"));
                }
            }
        }
        return Error::Said(Text::Msg(id, values));
    }
    let Error::Input(msg) = err else { return err };
    let prefix = format!("{name}: `");
    let Some(rest) = msg.strip_prefix(&prefix) else {
        return Error::Input(msg);
    };
    let Some(end) = rest.find('`') else {
        return Error::Input(msg);
    };
    match locate::offset(text, &rest[..end]) {
        Some(off) => {
            let (line, col) = line_col(text, off);
            Error::Input(format!("{name}:{line}:{col}: `{rest}"))
        }
        None => Error::Input(msg),
    }
}

/// `file:line:col` of `key_path` in the scenario text (or just `file` when it cannot be found),
/// for errors about a value the scenario names (such as the catalog path in
/// `assumptions.pricing`).
pub fn key_location(name: &str, text: &str, key_path: &str) -> String {
    match locate::offset(text, key_path) {
        Some(off) => {
            let (line, col) = line_col(text, off);
            format!("{name}:{line}:{col}")
        }
        None => name.to_string(),
    }
}

/// What a varied scenario's validation errors show in the file's place (it has no file).
pub const VARIED: &str = "varied scenario";

/// Validate a scenario changed in memory (sweeps, sensitivity): same rules as `parse`. The
/// file slot of a worded error is the message `error.scenario.varied` ([`VARIED`] in English),
/// so it reads in the command's language.
pub fn revalidate(s: &Scenario, catalog: &Catalog) -> Result<()> {
    validate::validate(VARIED, s, catalog).map_err(|e| match e {
        Error::Said(t) => Error::Said(name_varied(t)),
        other => other,
    })
}

/// `t` with every value that is the bare file slot [`VARIED`] made the message
/// `error.scenario.varied`.
fn name_varied(t: Text) -> Text {
    match t {
        Text::Plain(s) if s == VARIED => crate::said!("error.scenario.varied"),
        Text::Msg(id, values) => Text::Msg(id, values.into_iter().map(name_varied).collect()),
        Text::Foreign { en, other } => Text::Foreign {
            en,
            other: Box::new(name_varied(*other)),
        },
        plain => plain,
    }
}

/// Build the message for a TOML/serde error: file:line:col, the problem, and a "did you mean".
fn toml_error(name: &str, text: &str, err: &toml::de::Error) -> Error {
    let message = clip_quoted(err.message().trim());
    let location = err
        .span()
        .map(|span| {
            let (line, col) = line_col(text, span.start);
            format!("{name}:{line}:{col}")
        })
        .unwrap_or_else(|| name.to_string());
    // A value of the wrong type: name the key it was given to (`memory_mb = "512"`).
    let key = err
        .span()
        .filter(|_| message.starts_with("invalid type"))
        .and_then(|span| {
            let outer = key_before(text, span.start)?;
            // In an inline table the span covers the whole table: find the offending value.
            let found = between(&message, "invalid type: string ", ",")
                .or_else(|| between(&message, "invalid type: integer `", "`"))
                .or_else(|| between(&message, "invalid type: floating point `", "`"));
            let inner = found.and_then(|v| {
                let region = text.get(span.start..span.end.min(text.len()))?;
                let at = region.find(&format!("= {v}"))?;
                key_before(text, span.start + at + 2)
            });
            Some(match inner {
                Some(k) if k != outer => format!("{outer}.{k}"),
                _ => outer,
            })
        });
    let problem = toml_problem(&message);
    let mut out = match &key {
        Some(k) => said!("error.toml.at_key", location, k, problem),
        None => said!("error.toml.at", location, problem),
    };
    if let Some(span) = err.span() {
        let (line, _) = line_col(text, span.start);
        if let Some(src) = text.lines().nth(line - 1) {
            out = said!(
                "error.toml.source_line",
                out,
                line,
                clip(src.trim_end(), SHOWN_LINE_CHARS)
            );
        }
    }
    if let Some(hint) = did_you_mean(&message) {
        out = said!("error.toml.hint", out, hint);
    } else if let Some(field) = between(&message, "missing field `", "`") {
        out = said!("error.toml.hint", out, said!("error.toml.add_field", field));
    }
    Error::Said(out)
}

/// Most characters of a key or name quoted in a TOML error, and of the source line shown under it:
/// an error never echoes megabytes (a 40,000-character key was shown three times).
const SHOWN_KEY_CHARS: usize = 200;
const SHOWN_LINE_CHARS: usize = 400;

/// `text` cut to `max` characters, marked with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The reader's message with every `quoted` part cut to [`SHOWN_KEY_CHARS`] (backticks kept, so
/// the message still reads and parses the same way).
fn clip_quoted(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                clip(part, SHOWN_KEY_CHARS)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// The key whose value starts at `offset`: the last `name =` before it on the same line.
fn key_before(text: &str, offset: usize) -> Option<String> {
    let offset = text.floor_char_boundary_compat(offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..offset].trim_end();
    let before = before.strip_suffix('=')?.trim_end();
    let start = before
        .rfind(|c: char| {
            !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '"' || c == '.')
        })
        .map_or(0, |i| i + 1);
    let key = before[start..].trim_matches('"');
    (!key.is_empty()).then(|| key.to_string())
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

/// For "unknown field `x`, expected one of `a`, `b`" (or variant), suggest the closest name.
fn did_you_mean(message: &str) -> Option<Text> {
    let (key, got) = if let Some(f) = between(message, "unknown field `", "`") {
        (true, f)
    } else if let Some(v) = between(message, "unknown variant `", "`") {
        (false, v)
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
        Some(best) => Some(said!("error.toml.did_you_mean", best)),
        None if key => Some(said!("error.toml.not_a_key", got, expected.join(", "))),
        None => Some(said!("error.toml.not_a_value", got, expected.join(", "))),
    }
}
