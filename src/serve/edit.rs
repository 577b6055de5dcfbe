//! What-if edits: `KEY=VALUE` pairs, keys as dot paths the way the page's controls and its
//! address write them (`workload.requests_per_month`, `architecture.serverless.app.memory_mb`), applied to the
//! scenario's TOML text. Pricing, saving and `compare` all read the same edited text, so the
//! page, the saved file and the CLI agree exactly; everything not edited keeps its formatting
//! and comments.
//!
//! Accepted keys: `region`, `name`, `description`, `workload.KEY`, `assumptions.KEY` (not
//! `pricing`: it names files on the server), `quotas.ID`, `architecture.NAME.region` and
//! `architecture.NAME.<web|app|db|extras>.KEY`. A value is read as a TOML value when it is one
//! (`60000000`, `0.5`, `1e9`, `true`, `[1, 2]`, `{ low = 1, expected = 2, high = 3 }`), else as a
//! string (`m5.large`); a key that holds a string in the file always gets a string. Whether the
//! result is a valid scenario is then decided by the scenario validation, with its messages.
use crate::error::{Error, Result};
use toml_edit::{DocumentMut, Item, TableLike, Value};

/// At most this many keys per request.
pub const MAX_EDITS: usize = 64;
/// Longest accepted key, in bytes.
pub const MAX_KEY_BYTES: usize = 200;
/// Longest accepted value, in bytes.
pub const MAX_VALUE_BYTES: usize = 1024;

/// Ordered what-if edits; setting a key twice keeps the last value (at the first position).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edits(Vec<(String, String)>);

impl Edits {
    /// Add or replace `key` (bounds checked: count, key and value length).
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        if key.len() > MAX_KEY_BYTES {
            return Err(Error::Said(crate::said!(
                "error.serve.key_too_long",
                truncate(key, 40),
                MAX_KEY_BYTES
            )));
        }
        if value.len() > MAX_VALUE_BYTES {
            return Err(Error::Said(crate::said!(
                "error.serve.value_too_long",
                key,
                MAX_VALUE_BYTES
            )));
        }
        if key.chars().chain(value.chars()).any(char::is_control) {
            return Err(Error::Said(crate::said!(
                "error.serve.control_chars",
                key.escape_default().to_string()
            )));
        }
        if let Some(slot) = self.0.iter_mut().find(|(k, _)| k == key) {
            slot.1 = value.to_string();
            return Ok(());
        }
        if self.0.len() >= MAX_EDITS {
            return Err(Error::Said(crate::said!(
                "error.serve.too_many_edits",
                MAX_EDITS
            )));
        }
        self.0.push((key.to_string(), value.to_string()));
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `k=v, k=v` for messages and the saved file's header comment.
    pub fn describe(&self) -> String {
        self.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}

/// The scenario text with every edit applied (the text itself when there are none).
pub fn apply(text: &str, edits: &Edits) -> Result<String> {
    if edits.is_empty() {
        return Ok(text.to_string());
    }
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        // The file validated, so this is only reachable for text that is not TOML.
        Error::Said(crate::said!("error.serve.not_toml", e.to_string()))
    })?;
    for (key, value) in edits.iter() {
        set(&mut doc, key, value)?;
    }
    Ok(doc.to_string())
}

/// The forms a key may take, for messages.
const FORMS: &str = "workload.KEY, assumptions.KEY, quotas.ID, region, architecture.NAME.region or architecture.NAME.<web|app|db|extras|network>.KEY";

/// A key the page cannot set: `why` is an `error.serve.*` id.
fn bad_key(key: &str, why: &'static str) -> Error {
    Error::Said(crate::said!(
        "error.serve.bad_key",
        key,
        crate::said!(why),
        FORMS
    ))
}

/// A plain key name: letters, digits, `_` and `-`.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn set(doc: &mut DocumentMut, key: &str, value: &str) -> Result<()> {
    let (section, rest) = key.split_once('.').unwrap_or((key, ""));
    match (section, rest) {
        ("region" | "name" | "description", "") => put(doc.as_table_mut(), section, value),
        ("workload", k) if plain(k) => {
            let Some(table) = doc.get_mut("workload").and_then(Item::as_table_like_mut) else {
                return Err(bad_key(key, "error.serve.no_workload"));
            };
            put(table, k, value)?;
            // Exactly one request volume: setting one removes the other (as `sweep` does).
            let other = match k {
                "requests_per_month" => Some("requests_per_second"),
                "requests_per_second" => Some("requests_per_month"),
                _ => None,
            };
            if let Some(other) = other {
                table.remove(other);
            }
            Ok(())
        }
        ("assumptions", "pricing") => Err(Error::Said(crate::said!("error.serve.pricing", key))),
        ("assumptions", k) if plain(k) => put(table_or_new(doc, "assumptions"), k, value),
        ("quotas", id) if !id.is_empty() && id.split('.').all(plain) => {
            put(table_or_new(doc, "quotas"), id, value)
        }
        ("architecture", rest) if !rest.is_empty() => set_in_architecture(doc, key, rest, value),
        _ => Err(bad_key(key, "error.serve.not_a_key")),
    }
}

fn table_or_new<'d>(doc: &'d mut DocumentMut, name: &str) -> &'d mut dyn TableLike {
    let item = doc
        .as_table_mut()
        .entry(name)
        .or_insert_with(toml_edit::table);
    if item.as_table_like().is_none() {
        // Not a table (the validation reports the file's own mistake); start a fresh one.
        *item = toml_edit::table();
    }
    item.as_table_like_mut().expect("a table was just put here")
}

/// The tables of `[[architecture]]` (or `architecture = [{...}]`), in file order.
fn architectures(doc: &mut DocumentMut) -> Vec<&mut dyn TableLike> {
    match doc.get_mut("architecture") {
        Some(Item::ArrayOfTables(aot)) => aot.iter_mut().map(|t| t as &mut dyn TableLike).collect(),
        Some(Item::Value(Value::Array(arr))) => arr
            .iter_mut()
            .filter_map(Value::as_inline_table_mut)
            .map(|t| t as &mut dyn TableLike)
            .collect(),
        _ => Vec::new(),
    }
}

fn set_in_architecture(doc: &mut DocumentMut, key: &str, rest: &str, value: &str) -> Result<()> {
    let mut archs = architectures(doc);
    let names: Vec<String> = archs
        .iter()
        .map(|t| {
            t.get("name")
                .and_then(Item::as_str)
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    // Names may hold dots: the longest name that prefixes the rest wins.
    let found = names
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.is_empty() && rest.len() > n.len() + 1)
        .filter(|(_, n)| rest.starts_with(n.as_str()) && rest.as_bytes()[n.len()] == b'.')
        .max_by_key(|(_, n)| n.len());
    let Some((at, name)) = found else {
        return Err(Error::Said(crate::said!(
            "error.serve.no_architecture",
            key,
            names.join(", ")
        )));
    };
    let tail = &rest[name.len() + 1..];
    let arch = &mut *archs[at];
    let (tier, k) = tail.split_once('.').unwrap_or((tail, ""));
    match (tier, k) {
        ("region", "") => put(arch, "region", value),
        ("web" | "app" | "db", k) if plain(k) => match arch.get_mut(tier) {
            Some(item) => match item.as_table_like_mut() {
                Some(t) => put(t, k, value),
                None => Err(bad_key(key, "error.serve.tier_not_table")),
            },
            None => Err(Error::Said(crate::said!(
                "error.serve.no_tier",
                key,
                name.as_str(),
                tier
            ))),
        },
        ("extras" | "network", k) if plain(k) => {
            if arch.get(tier).and_then(Item::as_table_like).is_none() {
                arch.insert(
                    tier,
                    Item::Value(Value::InlineTable(toml_edit::InlineTable::new())),
                );
            }
            match arch.get_mut(tier).and_then(Item::as_table_like_mut) {
                Some(t) => put(t, k, value),
                None => Err(bad_key(key, "error.serve.extras_not_table")),
            }
        }
        ("web" | "app" | "db" | "extras" | "network", _) => {
            Err(bad_key(key, "error.serve.one_key_after_tier"))
        }
        (other, _) => Err(Error::Said(crate::said!(
            "error.serve.not_a_tier",
            key,
            other,
            name.as_str()
        ))),
    }
}

/// Set `key` in `table` to the value read from `text`, keeping the old value's spacing and
/// trailing comment.
fn put(table: &mut dyn TableLike, key: &str, text: &str) -> Result<()> {
    let existing = table.get(key).and_then(Item::as_value);
    let mut value = value_of(text, existing);
    match table.get_mut(key) {
        Some(item) => {
            if let Some(old) = item.as_value() {
                *value.decor_mut() = old.decor().clone();
            }
            *item = Item::Value(value);
        }
        None => {
            value.decor_mut().clear();
            table.insert(key, Item::Value(value));
        }
    }
    Ok(())
}

/// A TOML value from the text a control or URL sent: a string where the file has one, else a
/// TOML value when the text is one, else a string.
fn value_of(text: &str, existing: Option<&Value>) -> Value {
    let t = text.trim();
    if existing.is_some_and(|v| v.is_str()) {
        return Value::from(t);
    }
    match t.parse::<Value>() {
        Ok(mut v) => {
            v.decor_mut().clear();
            v
        }
        Err(_) => Value::from(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"# top comment
name = "Order API"
region = "ap-northeast-1"

[workload]
requests_per_month = 30_000_000      # volume
duration_ms = { low = 80, expected = 120, high = 300 }
profile = "flat"

[[architecture]]
name = "serverless"
app = { service = "lambda", memory_mb = 1024, arch = "arm64" }   # graviton

[[architecture]]
name = "v1.2"
web = { service = "ec2", instance = "t3.small", count = 2 }
"#;

    fn edit(pairs: &[(&str, &str)]) -> Result<String> {
        let mut e = Edits::default();
        for (k, v) in pairs {
            e.set(k, v)?;
        }
        apply(TEXT, &e)
    }

    #[test]
    fn no_edits_is_the_text() {
        assert_eq!(edit(&[]).unwrap(), TEXT);
    }

    #[test]
    fn numbers_keep_comments_and_layout() {
        let out = edit(&[("workload.requests_per_month", "60000000")]).unwrap();
        assert!(
            out.contains("requests_per_month = 60000000      # volume\n"),
            "{out}"
        );
        assert_eq!(out.lines().count(), TEXT.lines().count());
    }

    #[test]
    fn ranges_become_plain_values() {
        let out = edit(&[("workload.duration_ms", "200")]).unwrap();
        assert!(out.contains("duration_ms = 200\n"), "{out}");
    }

    #[test]
    fn volumes_replace_each_other() {
        let out = edit(&[("workload.requests_per_second", "20")]).unwrap();
        assert!(!out.contains("requests_per_month"), "{out}");
        assert!(out.contains("requests_per_second = 20"), "{out}");
    }

    #[test]
    fn strings_stay_strings_and_are_escaped() {
        let out = edit(&[("architecture.v1.2.web.instance", "m5.large\" } [evil]")]).unwrap();
        let doc: DocumentMut = out.parse().unwrap();
        assert!(doc.get("evil").is_none());
        let web = &doc["architecture"][1]["web"];
        assert_eq!(
            web["instance"].as_str(),
            Some("m5.large\" } [evil]"),
            "{out}"
        );
        assert_eq!(web["count"].as_integer(), Some(2), "{out}");
        let err = edit(&[("architecture.v1.2.web.instance", "m5.large\n[evil]")]).unwrap_err();
        assert!(err.to_string().contains("control characters"), "{err}");
    }

    #[test]
    fn tier_keys_by_architecture_name() {
        let out = edit(&[
            ("architecture.serverless.app.memory_mb", "2048"),
            ("architecture.serverless.app.timeout_s", "10"),
            ("workload.profile", "business-hours"),
        ])
        .unwrap();
        assert!(out.contains("memory_mb = 2048"), "{out}");
        assert!(out.contains("timeout_s = 10"), "{out}");
        assert!(out.contains("# graviton"), "{out}");
        assert!(out.contains("profile = \"business-hours\""), "{out}");
    }

    #[test]
    fn refusals_name_the_key() {
        for (key, want) in [
            ("architecture.nope.app.memory_mb", "no architecture"),
            ("architecture.serverless.db.capacity", "has no db tier"),
            ("architecture.serverless.cache.x", "not a tier"),
            ("assumptions.pricing", "cannot be changed"),
            ("schema", "not a scenario key"),
            ("workload.a.b", "not a scenario key"),
        ] {
            let err = edit(&[(key, "1")]).unwrap_err().to_string();
            assert!(err.contains(key) && err.contains(want), "{key}: {err}");
        }
    }

    #[test]
    fn bounds() {
        let mut e = Edits::default();
        for i in 0..MAX_EDITS {
            e.set(&format!("workload.k{i}"), "1").unwrap();
        }
        assert!(e.set("workload.one_more", "1").is_err());
        assert!(e.set("workload.k0", "2").is_ok());
        assert!(e
            .set("workload.k1", &"9".repeat(MAX_VALUE_BYTES + 1))
            .is_err());
    }
}
