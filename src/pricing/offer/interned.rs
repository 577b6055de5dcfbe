//! Texts kept once each in one buffer and numbered in order of arrival (`Texts`), found by
//! content (`Interner`): hundreds of thousands of short names (a large offer file's
//! `SKU.OfferTermCode`s) cost no allocation each and are freed at once.
use std::hash::BuildHasher;

/// Texts numbered 0, 1, 2, ..., stored end to end.
#[derive(Debug, Default)]
pub struct Texts {
    buffer: String,
    /// (start, end) of each text in `buffer`.
    spans: Vec<(usize, usize)>,
}

impl Texts {
    /// Text number `id` ("" for a number never given out).
    pub fn get(&self, id: u32) -> &str {
        self.spans
            .get(id as usize)
            .and_then(|&(start, end)| self.buffer.get(start..end))
            .unwrap_or("")
    }

    fn push(&mut self, text: &str) -> u32 {
        let start = self.buffer.len();
        self.buffer.push_str(text);
        self.spans.push((start, self.buffer.len()));
        (self.spans.len() - 1) as u32
    }
}

/// `Texts` with a table that finds a text's number from its content.
#[derive(Default)]
pub struct Interner {
    texts: Texts,
    /// (hash of the text, its number); the hash is kept so growing the table never rereads
    /// the texts.
    table: hashbrown::HashTable<(u64, u32)>,
    hasher: foldhash::fast::FixedState,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interner")
            .field("texts", &self.texts)
            .finish_non_exhaustive()
    }
}

impl Interner {
    /// The number of `text`, given the next number when it is new.
    pub fn id(&mut self, text: &str) -> u32 {
        let hash = self.hasher.hash_one(text);
        let texts = &self.texts;
        if let Some(&(_, id)) = self
            .table
            .find(hash, |&(h, id)| h == hash && texts.get(id) == text)
        {
            return id;
        }
        let id = self.texts.push(text);
        self.table.insert_unique(hash, (hash, id), |&(h, _)| h);
        id
    }

    /// Text number `id`.
    pub fn get(&self, id: u32) -> &str {
        self.texts.get(id)
    }

    /// The texts, without the table.
    pub fn into_texts(self) -> Texts {
        self.texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_get_one_number_and_read_back() {
        let mut i = Interner::default();
        let names = ["A.1", "B.2", "A.1", "", "B.2", "C.3"];
        let ids: Vec<u32> = names.iter().map(|n| i.id(n)).collect();
        assert_eq!(ids, [0, 1, 0, 2, 1, 3]);
        assert_eq!(i.get(1), "B.2");
        let texts = i.into_texts();
        assert_eq!(texts.get(3), "C.3");
        assert_eq!(texts.get(2), "");
        assert_eq!(texts.get(9), "");
        // Many texts: the table grows and still finds each one.
        let mut big = Interner::default();
        for n in 0..10_000u32 {
            assert_eq!(big.id(&format!("SKU{n}.TERM")), n);
        }
        assert_eq!(big.id("SKU4321.TERM"), 4321);
    }
}
