//! Query strings: `application/x-www-form-urlencoded` pairs, split into the endpoint's own
//! parameters (`lang`, `vary`, `from`, ...) and what-if edits (every other key).
use super::edit::Edits;
use crate::error::{Error, Result};

/// Decode a form value: `+` is a space, `%XX` a byte (two hex digits, nothing else), and the
/// bytes must be UTF-8. A `%` that does not start such an escape is refused rather than kept.
pub fn decode(text: &str) -> Result<String> {
    let bytes = text.as_bytes();
    for at in memchr::memchr_iter(b'%', bytes) {
        let escape = bytes.get(at + 1..at + 3);
        if !escape.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
            let end = bytes.len().min(at + 3);
            return Err(Error::Said(crate::said!(
                "error.serve.bad_escape",
                String::from_utf8_lossy(&bytes[at..end]).into_owned()
            )));
        }
    }
    // `+` first: an escaped plus (`%2B`) stays a plus.
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map(|t| t.into_owned())
        .map_err(|_| Error::Said(crate::said!("error.serve.not_utf8")))
}

/// What [`encode`] escapes: everything but ASCII letters, digits and `-_.~` (RFC 3986's
/// unreserved characters).
const ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Encode for a query string or a URL fragment (`%XX` for every byte but the unreserved ones).
pub fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, ESCAPED).to_string()
}

/// A parsed query: the endpoint's parameters and the what-if edits.
#[derive(Debug, Default)]
pub struct Query {
    params: Vec<(String, String)>,
    pub edits: Edits,
}

impl Query {
    /// Split `raw` (without the `?`): keys in `own` are parameters, the rest edits.
    pub fn parse(raw: &str, own: &[&str]) -> Result<Query> {
        let mut q = Query::default();
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode(k)?, decode(v)?);
            if own.contains(&k.as_str()) {
                q.params.retain(|(p, _)| *p != k);
                q.params.push((k, v));
            } else {
                q.edits.set(&k, &v)?;
            }
        }
        Ok(q)
    }

    /// The endpoint parameter `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The edits as a query string (`k=v&k=v`), the form the page's URL fragment uses.
pub fn edits_query(edits: &Edits) -> String {
    edits
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_splits() {
        let q = Query::parse(
            "lang=ja&workload.requests_per_month=6e7&architecture.a%20b.app.instance=m5.large&x=%E6%9D%B1%E4%BA%AC+1",
            &["lang"],
        )
        .unwrap();
        assert_eq!(q.get("lang"), Some("ja"));
        let edits: Vec<_> = q.edits.iter().collect();
        assert_eq!(
            edits,
            vec![
                ("workload.requests_per_month", "6e7"),
                ("architecture.a b.app.instance", "m5.large"),
                ("x", "東京 1"),
            ]
        );
    }

    #[test]
    fn refuses_bad_escapes() {
        // `%+A` was once read as the hex number +A (a newline).
        for bad in ["a=%", "a=%G1", "a=%FF", "a=%+A", "a=%-1", "a=% A", "a=%A"] {
            assert!(Query::parse(bad, &[]).is_err(), "{bad}");
        }
    }

    #[test]
    fn plus_is_a_space_and_an_escaped_plus_is_a_plus() {
        assert_eq!(decode("a+b%2Bc%20d").unwrap(), "a b+c d");
        assert_eq!(decode("%0A%e6%9d%b1").unwrap(), "\n東");
        assert_eq!(encode("a b+c/東~"), "a%20b%2Bc%2F%E6%9D%B1~");
    }

    #[test]
    fn round_trips() {
        let text = "architecture.サーバーレス.app.memory_mb=1 & 2";
        assert_eq!(decode(&encode(text)).unwrap(), text);
    }
}
