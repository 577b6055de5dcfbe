//! Finding a validation key path (`architecture[1] (containers).app.vcpu`) in the scenario text,
//! so semantic errors carry file:line:column like parse errors do.
use toml_edit::{ImDocument, Item, Value};

/// Split a key path into segments: names, and array indexes written `name[i] (label)`.
fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('"') {
            // A quoted key: quotas."lambda.concurrent_executions"
            let end = r.find('"').unwrap_or(r.len());
            out.push(Segment::Key(r[..end].to_string()));
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            if end > 0 {
                out.push(Segment::Key(rest[..end].to_string()));
            }
            rest = &rest[end..];
            if let Some(r) = rest.strip_prefix('[') {
                let close = r.find(']').unwrap_or(r.len());
                if let Ok(i) = r[..close].parse() {
                    out.push(Segment::Index(i));
                }
                rest = r.get(close + 1..).unwrap_or("");
                // Skip a " (label)" after an index: the label may contain dots.
                if let Some(r) = rest.strip_prefix(" (") {
                    let close = r.find(')').unwrap_or(r.len());
                    rest = r.get(close + 1..).unwrap_or("");
                }
            }
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    out
}

enum Segment {
    Key(String),
    Index(usize),
}

/// Byte offset of the deepest existing item on `path` (the key itself when present, else its
/// closest parent), or None when the text does not parse.
pub fn offset(text: &str, path: &str) -> Option<usize> {
    let doc = ImDocument::parse(text).ok()?;
    let mut best: Option<usize> = None;
    let mut item: Option<Either> = Some(Either::Item(doc.as_item()));
    for seg in segments(path) {
        let next = match (&item, &seg) {
            (Some(Either::Item(i)), Segment::Key(k)) => match i {
                Item::Table(t) => t.get(k).map(Either::Item),
                Item::Value(Value::InlineTable(t)) => t.get(k).map(Either::Value),
                _ => None,
            },
            (Some(Either::Value(Value::InlineTable(t))), Segment::Key(k)) => {
                t.get(k).map(Either::Value)
            }
            (Some(Either::Item(Item::ArrayOfTables(a))), Segment::Index(n)) => {
                a.get(*n).map(Either::Table)
            }
            (Some(Either::Table(t)), Segment::Key(k)) => t.get(k).map(Either::Item),
            (Some(Either::Item(Item::Value(Value::Array(a)))), Segment::Index(n)) => {
                a.get(*n).map(Either::Value)
            }
            _ => None,
        };
        match next {
            Some(n) => {
                if let Some(start) = n.start() {
                    best = Some(start);
                }
                item = Some(n);
            }
            None => break,
        }
    }
    best
}

enum Either<'a> {
    Item(&'a Item),
    Value(&'a Value),
    Table(&'a toml_edit::Table),
}

impl Either<'_> {
    fn start(&self) -> Option<usize> {
        match self {
            Either::Item(i) => i.span().map(|s| s.start),
            Either::Value(v) => v.span().map(|s| s.start),
            Either::Table(t) => t.span().map(|s| s.start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "name = \"x\"\nregion = \"us-east-1\"\n[workload]\nrequests_per_month = 5\n[[architecture]]\nname = \"a.b\"\napp = { service = \"lambda\", memory_mb = 64 }\n[quotas]\n\"lambda.x\" = 3\n";

    fn at(path: &str) -> (usize, usize) {
        let off = offset(TEXT, path).expect("found");
        super::super::line_col(TEXT, off)
    }

    #[test]
    fn finds_nested_keys_inline_tables_and_quoted_keys() {
        assert_eq!(at("workload.requests_per_month"), (4, 22));
        assert_eq!(at("architecture[0] (a.b).app.memory_mb"), (7, 41));
        // A missing key points at its closest parent.
        assert_eq!(at("architecture[0] (a.b).app.vcpu"), (7, 7));
        assert_eq!(at("quotas.\"lambda.x\""), (9, 14));
        assert_eq!(at("region"), (2, 10));
    }
}
