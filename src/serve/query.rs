//! Query strings: `application/x-www-form-urlencoded` pairs, split into the endpoint's own
//! parameters (`lang`, `vary`, `from`, ...) and what-if edits (every other key).
use super::edit::Edits;
use crate::error::{Error, Result};

/// Decode `%XX` escapes and `+` (a space).
pub fn decode(text: &str) -> Result<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => out.push(b),
                    None => {
                        return Err(Error::Input(format!(
                            "query string: `{}` is not a valid percent escape\n  hint: encode values with encodeURIComponent (a `%` is `%25`)",
                            String::from_utf8_lossy(&bytes[i..(i + 3).min(bytes.len())])
                        )))
                    }
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        Error::Input("query string: not UTF-8 text\n  hint: percent-encode UTF-8 bytes".into())
    })
}

/// Encode for a query string (everything but unreserved characters and `.`).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
        for bad in ["a=%", "a=%G1", "a=%FF"] {
            assert!(Query::parse(bad, &[]).is_err(), "{bad}");
        }
    }

    #[test]
    fn round_trips() {
        let text = "architecture.サーバーレス.app.memory_mb=1 & 2";
        assert_eq!(decode(&encode(text)).unwrap(), text);
    }
}
