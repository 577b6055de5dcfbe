//! Shared, immutable text of price rows: a loaded catalog repeats each region, unit, date and
//! source (and each key, across regions) on thousands of rows, so rows share one copy of
//! each distinct string (`Interner`) instead of holding their own.
use std::sync::Arc;

/// A string shared between rows (cloning it copies a pointer).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Arc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Arc::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(Arc::from(s.as_str()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0.to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == &*other.0
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Bytes a new `Text` of `s` takes: the shared allocation (two counters and the text,
/// rounded to the allocator's 16 bytes).
fn heap_bytes(s: &str) -> usize {
    (s.len() + 16 + 8).div_ceil(16) * 16
}

/// Hands out one `Text` per distinct string seen.
#[derive(Debug, Default)]
pub struct Interner {
    /// foldhash: a bundled price lookup interns a few short strings per row, where SipHash's
    /// set-up and rounds cost more than the rest of the row (start-up time, BENCHMARKS.md).
    texts: foldhash::HashSet<Text>,
    /// Bytes of the texts allocated since the caller last reset this (memory estimates).
    pub allocated: usize,
}

impl Interner {
    pub fn text(&mut self, s: &str) -> Text {
        if let Some(t) = self.texts.get(s) {
            return t.clone();
        }
        let t = Text::from(s);
        self.allocated += heap_bytes(s);
        self.texts.insert(t.clone());
        t
    }
}

/// Shares a string with the few most recently seen ones only (bounded memory, no table of
/// every distinct string): for text that repeats in runs, such as the source of a catalog's
/// rows (one per offer file, rows grouped by region) or a source per row.
#[derive(Debug, Default)]
pub struct Recent {
    texts: std::collections::VecDeque<Text>,
    /// Bytes of the texts allocated since the caller last reset this (memory estimates).
    pub allocated: usize,
}

impl Recent {
    /// How many strings are remembered.
    const KEPT: usize = 16;

    pub fn text(&mut self, s: &str) -> Text {
        if let Some(i) = self.texts.iter().position(|t| t.as_str() == s) {
            let t = self.texts[i].clone();
            if i > 0 {
                self.texts.remove(i);
                self.texts.push_front(t.clone());
            }
            return t;
        }
        let t = Text::from(s);
        self.allocated += heap_bytes(s);
        if self.texts.len() == Self::KEPT {
            self.texts.pop_back();
        }
        self.texts.push_front(t.clone());
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_allocation() {
        let mut i = Interner::default();
        let (a, b) = (i.text("us-east-1"), i.text(&String::from("us-east-1")));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "us-east-1");
        assert_eq!(format!("{a} {a:?}"), "us-east-1 \"us-east-1\"");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"us-east-1\"");
    }

    #[test]
    fn recent_strings_are_shared_and_old_ones_forgotten() {
        let mut r = Recent::default();
        let a = r.text("a");
        assert!(Arc::ptr_eq(&a.0, &r.text("a").0));
        for n in 0..Recent::KEPT {
            r.text(&n.to_string());
        }
        // "a" was pushed out by 16 others: a new copy, equal but not shared.
        let again = r.text("a");
        assert_eq!(again, a);
        assert!(!Arc::ptr_eq(&a.0, &again.0));
    }
}
