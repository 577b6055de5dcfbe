//! The TOML reader's (serde's) English messages in words per language: the kinds people meet
//! (unknown key or value, missing key, wrong type) by message id (`error.toml.*`), the
//! reader's own words kept otherwise. Shared by the scenario reader and its search tables.
use crate::error::Text;
use crate::said;

/// The text between `start` and the next `end` in `text`.
pub(super) fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// serde's words for a kind of value (`string "512"`, `a number`) by message id where known,
/// the value itself kept as written.
fn serde_kind(words: &str) -> Text {
    const KINDS: [(&str, &str); 10] = [
        ("string ", "error.toml.kind_string"),
        ("integer ", "error.toml.kind_integer"),
        ("floating point ", "error.toml.kind_float"),
        ("boolean ", "error.toml.kind_boolean"),
        (
            "a number or a range table ",
            "error.toml.want_number_or_range",
        ),
        ("a number", "error.toml.want_number"),
        ("a string", "error.toml.want_string"),
        ("a boolean", "error.toml.want_boolean"),
        ("a sequence", "error.toml.want_sequence"),
        ("a decimal", "error.toml.want_number"),
    ];
    for (prefix, id) in KINDS {
        if let Some(value) = words.strip_prefix(prefix) {
            return said!(id, value);
        }
    }
    Text::from(words)
}

/// The TOML reader's English message, with a translation for the kinds people meet (unknown
/// key or value, missing key, wrong type); a TOML syntax message keeps the reader's English
/// words inside a sentence in the chosen language.
pub(super) fn toml_problem(message: &str) -> Text {
    let names = |rest: &str| -> String {
        let listed: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        listed
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let other = if let Some(f) = between(message, "unknown field `", "`") {
        let rest = message.split_once(", expected").map_or("", |(_, r)| r);
        said!("error.toml.unknown_field", f, names(rest))
    } else if let Some(v) = between(message, "unknown variant `", "`") {
        let rest = message.split_once(", expected").map_or("", |(_, r)| r);
        said!("error.toml.unknown_variant", v, names(rest))
    } else if let Some(f) = between(message, "missing field `", "`") {
        said!("error.toml.missing_field", f)
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        said!("error.toml.invalid_type", serde_kind(got), serde_kind(want))
    } else {
        // TOML syntax: the reader's own words, framed in the reader's language.
        said!("error.toml.syntax", message)
    };
    Text::Foreign {
        en: message.to_string(),
        other: Box::new(other),
    }
}
