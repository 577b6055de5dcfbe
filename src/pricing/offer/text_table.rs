//! Records of a few texts each (a target's key, unit and region; a SKU's), kept one after
//! another in one buffer and found by their texts through a hash table: an import holds tens
//! of thousands of them, and one allocation each (and one free each at the end) would cost
//! more than reading them.

/// Records of `N` texts, numbered in the order they were added.
pub struct TextTable<const N: usize> {
    text: String,
    /// For each record, the end in `text` of each of its texts (a record starts where the
    /// one before it ends).
    ends: Vec<[usize; N]>,
    /// Record numbers, hashed by their texts.
    index: hashbrown::HashTable<u32>,
}

impl<const N: usize> Default for TextTable<N> {
    fn default() -> Self {
        TextTable {
            text: String::new(),
            ends: Vec::new(),
            index: hashbrown::HashTable::new(),
        }
    }
}

impl<const N: usize> std::fmt::Debug for TextTable<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries((0..self.len() as u32).map(|i| self.get(i)))
            .finish()
    }
}

/// The texts of record `i` of a table's `text` and `ends`.
fn record<'a, const N: usize>(text: &'a str, ends: &[[usize; N]], i: u32) -> [&'a str; N] {
    let i = i as usize;
    let mut start = match i {
        0 => 0,
        _ => ends[i - 1][N - 1],
    };
    std::array::from_fn(|j| {
        let field = &text[start..ends[i][j]];
        start = ends[i][j];
        field
    })
}

fn hash<const N: usize>(texts: [&str; N]) -> u64 {
    std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::default(), texts)
}

impl<const N: usize> TextTable<N> {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The texts of record `i` (as added).
    pub fn get(&self, i: u32) -> [&str; N] {
        record(&self.text, &self.ends, i)
    }

    /// The number of the record holding `texts`, if there is one.
    pub fn find(&self, texts: [&str; N]) -> Option<u32> {
        self.index
            .find(hash(texts), |&i| self.get(i) == texts)
            .copied()
    }

    /// The number of the record holding `texts`, added when new, and whether it was added.
    pub fn insert(&mut self, texts: [&str; N]) -> (u32, bool) {
        if let Some(i) = self.find(texts) {
            return (i, false);
        }
        let i = self.ends.len() as u32;
        let ends = texts.map(|t| {
            self.text.push_str(t);
            self.text.len()
        });
        self.ends.push(ends);
        let (text, all_ends) = (&self.text, &self.ends);
        let rehash = |&j: &u32| hash(record(text, all_ends, j));
        self.index.insert_unique(hash(texts), i, rehash);
        (i, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_found_by_all_their_texts_and_read_back_in_order() {
        let mut t = TextTable::<3>::default();
        assert_eq!(t.insert(["rds.a", "hour", "us-east-1"]), (0, true));
        assert_eq!(t.insert(["rds.a", "hour", "eu-west-2"]), (1, true));
        // The same characters split differently are another record.
        assert_eq!(t.insert(["rds.ah", "our", "us-east-1"]), (2, true));
        assert_eq!(t.insert(["", "", ""]), (3, true));
        assert_eq!(t.insert(["rds.a", "hour", "us-east-1"]), (0, false));
        for i in 0..1000 {
            let key = format!("k{i}");
            assert_eq!(t.insert([&key, "", "r"]), (4 + i, true));
        }
        assert_eq!(t.len(), 1004);
        assert_eq!(t.get(1), ["rds.a", "hour", "eu-west-2"]);
        assert_eq!(t.get(2), ["rds.ah", "our", "us-east-1"]);
        assert_eq!(t.get(3), ["", "", ""]);
        assert_eq!(t.get(1003), ["k999", "", "r"]);
        assert_eq!(t.find(["k500", "", "r"]), Some(504));
        assert_eq!(t.find(["k500", "", "x"]), None);
        assert_eq!(t.find(["rds.a", "hou", "rus-east-1"]), None);
    }
}
