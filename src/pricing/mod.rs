//! Price catalog: rows keyed by (key, region), tier lookup, and where the catalog came from.
pub mod bundled;
pub mod catalog_csv;
pub mod commitments;
pub mod diff;
pub mod fetch;
pub mod freshness;
mod key_index;
mod load;
pub mod offer;
pub mod problem;
pub mod regions;
pub mod text;

use crate::error::{Error, Result};
use rust_decimal::Decimal;
// Lookups hash short price keys on every priced line (a break-even prices ~10^6 architectures):
// foldhash is several times faster than SipHash there and still seeded per process.
use foldhash::HashMap;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use load::{load_dir, MAX_CATALOG_BYTES};
pub use text::Text;

/// One price row (docs/reference/catalog.md): the price of one `unit` of `key` in `region`, within a tier.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
/// The text fields repeat across rows and are shared (`Text`); the SKU is the row's own.
pub struct PriceRow {
    pub key: Text,
    pub region: Text,
    pub unit: Text,
    pub tier_begin: Decimal,
    /// `None` = unbounded.
    pub tier_end: Option<Decimal>,
    pub usd: Decimal,
    pub sku: String,
    pub effective: Text,
    pub source: Text,
}

/// The rows of one region, sorted by (key, tier_begin), with an index key -> row range.
#[derive(Debug, Clone, Default)]
struct RegionRows {
    rows: Vec<PriceRow>,
    index: HashMap<Text, std::ops::Range<usize>>,
}

impl RegionRows {
    fn new(mut rows: Vec<PriceRow>) -> Self {
        let order =
            |a: &PriceRow, b: &PriceRow| (&a.key, a.tier_begin).cmp(&(&b.key, b.tier_begin));
        // Catalogs written by archcost are in this order already (no sort buffer needed).
        if !rows.is_sorted_by(|a, b| order(a, b).is_le()) {
            rows.sort_by(order);
        }
        rows.shrink_to_fit();
        let mut index: HashMap<Text, std::ops::Range<usize>> = HashMap::default();
        for (i, row) in rows.iter().enumerate() {
            index
                .entry(row.key.clone())
                .and_modify(|r| r.end = i + 1)
                .or_insert(i..i + 1);
        }
        RegionRows { rows, index }
    }
}

/// Turns (a part of) a compiled-in region file -- header line included -- into rows.
pub type RegionParser = fn(&str, &str) -> Vec<PriceRow>;

/// Where each key's lines are in a compiled-in region file (sorted by key), so a lookup parses
/// only the lines of that key.
#[derive(Debug)]
struct TextIndex {
    header: &'static str,
    text: &'static str,
    /// (start, key end, end) of each key's lines in `text`, sorted by key: made by build.rs
    /// for the bundled files, from the text for any other.
    keys: std::borrow::Cow<'static, [key_index::KeySpan]>,
    /// Key -> its place in `keys`, made once `HASHED_AFTER` lookups have been answered by
    /// binary search (a run that prices a few dozen keys never pays for the map; a sweep
    /// hashes: a binary search compared ~10 keys per call).
    by_key: OnceLock<HashMap<&'static str, usize>>,
    lookups: std::sync::atomic::AtomicUsize,
    rows: Vec<OnceLock<Vec<PriceRow>>>,
}

impl Clone for TextIndex {
    fn clone(&self) -> Self {
        TextIndex {
            header: self.header,
            text: self.text,
            keys: self.keys.clone(),
            by_key: self.by_key.clone(),
            lookups: std::sync::atomic::AtomicUsize::new(self.lookups()),
            rows: self.rows.clone(),
        }
    }
}

/// Lookups answered by binary search before `TextIndex` makes its hash map.
const HASHED_AFTER: usize = 256;

impl TextIndex {
    /// None when the text is not a plain generated file (quoted fields, keys out of order):
    /// such a file is parsed whole instead.
    fn build(text: &'static str) -> Option<TextIndex> {
        let (header_end, keys) = key_index::key_spans(text)?;
        TextIndex::new(text, header_end, std::borrow::Cow::Owned(keys))
    }

    /// The index of `text` from its header end and key spans (`key_index::key_spans`).
    fn new(
        text: &'static str,
        header_end: u32,
        keys: std::borrow::Cow<'static, [key_index::KeySpan]>,
    ) -> Option<TextIndex> {
        Some(TextIndex {
            header: text.get(..header_end as usize)?,
            text,
            rows: keys.iter().map(|_| OnceLock::new()).collect(),
            keys,
            by_key: OnceLock::new(),
            lookups: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    fn lookups(&self) -> usize {
        self.lookups.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The key of `span` and its lines.
    fn key(&self, &(start, key_end, end): &key_index::KeySpan) -> (&'static str, &'static str) {
        let (start, key_end, end) = (start as usize, key_end as usize, end as usize);
        let text = self.text;
        (
            text.get(start..key_end).unwrap_or_default(),
            text.get(start..end).unwrap_or_default(),
        )
    }

    /// The place of `key` in `keys`.
    fn position(&self, key: &str) -> Option<usize> {
        if let Some(map) = self.by_key.get() {
            return map.get(key).copied();
        }
        let n = self
            .lookups
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if n < HASHED_AFTER {
            return self
                .keys
                .binary_search_by(|span| self.key(span).0.cmp(key))
                .ok();
        }
        self.by_key
            .get_or_init(|| {
                let keys = self.keys.iter().map(|span| self.key(span).0);
                keys.enumerate().map(|(i, k)| (k, i)).collect()
            })
            .get(key)
            .copied()
    }

    fn rows(&self, key: &str, region: &str, parse: RegionParser) -> Option<&[PriceRow]> {
        let i = self.position(key)?;
        let rows = self.rows[i].get_or_init(|| {
            let lines = self.key(&self.keys[i]).1;
            let mut rows = parse(region, &format!("{}{lines}", self.header));
            rows.sort_by_key(|r| r.tier_begin);
            rows
        });
        Some(rows.as_slice())
    }

    /// Every key, in order.
    fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|span| self.key(span).0)
    }
}

/// Where a compiled-in text's key index comes from.
#[derive(Debug, Clone, Copy)]
enum Keys {
    /// Made from the text on first use.
    FromText,
    /// Made by build.rs: the header end and key spans, or None when the text cannot be
    /// indexed.
    Compiled(Option<(u32, &'static [key_index::KeySpan])>),
}

/// One region of a catalog: rows parsed now, or a compiled-in CSV parsed on first use (key by
/// key for lookups, whole for listings).
#[derive(Debug, Clone)]
struct Slot {
    text: Option<(&'static str, RegionParser)>,
    keys: Keys,
    index: OnceLock<Option<TextIndex>>,
    parsed: OnceLock<RegionRows>,
}

impl Slot {
    fn eager(rows: Vec<PriceRow>) -> Slot {
        let parsed = OnceLock::new();
        let _ = parsed.set(RegionRows::new(rows));
        Slot {
            text: None,
            keys: Keys::FromText,
            index: OnceLock::new(),
            parsed,
        }
    }

    fn whole(&self, region: &str) -> &RegionRows {
        self.parsed.get_or_init(|| match self.text {
            Some((text, parse)) => RegionRows::new(parse(region, text)),
            None => RegionRows::default(),
        })
    }

    /// The index of a compiled-in file, unless the region is already parsed whole.
    fn index(&self) -> Option<(&TextIndex, RegionParser)> {
        if self.parsed.get().is_some() {
            return None;
        }
        let (text, parse) = self.text?;
        let index = self
            .index
            .get_or_init(|| match self.keys {
                Keys::FromText => TextIndex::build(text),
                Keys::Compiled(keys) => {
                    let (header_end, keys) = keys?;
                    TextIndex::new(text, header_end, std::borrow::Cow::Borrowed(keys))
                }
            })
            .as_ref()?;
        Some((index, parse))
    }

    fn tiers(&self, key: &str, region: &str) -> Option<&[PriceRow]> {
        match self.index() {
            Some((index, parse)) => index.rows(key, region, parse),
            None => {
                let rr = self.whole(region);
                rr.index.get(key).map(|range| &rr.rows[range.clone()])
            }
        }
    }

    fn keys_with_prefix(&self, region: &str, prefix: &str) -> Vec<String> {
        match self.index() {
            Some((index, _)) => index
                .keys()
                .filter(|k| k.starts_with(prefix))
                .map(|k| k.to_string())
                .collect(),
            None => self
                .whole(region)
                .index
                .keys()
                .filter(|k| k.starts_with(prefix))
                .map(|k| k.to_string())
                .collect(),
        }
    }
}

/// A whole catalog: region -> rows, tiers sorted by `tier_begin`. Regions of the bundled
/// catalog are parsed only when first used, and a price lookup parses only that key's lines,
/// so a scenario pays only for the prices it uses.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// "bundled" or the directory a fetched/imported catalog was read from.
    pub origin: String,
    regions: Vec<String>,
    slots: HashMap<String, Slot>,
    /// Every row of every region, built on first call of `rows()`.
    all: OnceLock<Vec<PriceRow>>,
    /// Commitment rates (RIs, Savings Plans, Spot); `None` = the bundled ones.
    commitments: Option<std::sync::Arc<commitments::Rates>>,
}

impl Catalog {
    pub fn new(origin: impl Into<String>, rows: Vec<PriceRow>) -> Self {
        let mut by_region: BTreeMap<String, Vec<PriceRow>> = BTreeMap::new();
        for row in rows {
            by_region
                .entry(row.region.to_string())
                .or_default()
                .push(row);
        }
        Catalog::from_regions(origin, by_region)
    }

    /// A catalog from rows already grouped by region (no copy of the rows is made).
    pub fn from_regions(
        origin: impl Into<String>,
        by_region: BTreeMap<String, Vec<PriceRow>>,
    ) -> Self {
        let slots = by_region
            .into_iter()
            .map(|(region, rows)| (region, Slot::eager(rows)))
            .collect();
        Catalog::from_slots(origin.into(), slots)
    }

    /// A catalog whose regions are compiled-in CSV texts, parsed by `parse` when first used.
    pub fn lazy(
        origin: impl Into<String>,
        files: &[(&'static str, &'static str)],
        parse: RegionParser,
    ) -> Self {
        Catalog::lazy_with(origin, files, |_| Keys::FromText, parse)
    }

    /// `lazy` with each file's key index made at build time (`indexes[i]` of `files[i]`:
    /// the header end and `key_index::key_spans`, or None when the file cannot be indexed).
    pub fn lazy_indexed(
        origin: impl Into<String>,
        files: &[(&'static str, &'static str)],
        indexes: &[Option<(u32, &'static [key_index::KeySpan])>],
        parse: RegionParser,
    ) -> Self {
        let keys = |i: usize| {
            indexes
                .get(i)
                .map_or(Keys::FromText, |k| Keys::Compiled(*k))
        };
        Catalog::lazy_with(origin, files, keys, parse)
    }

    fn lazy_with(
        origin: impl Into<String>,
        files: &[(&'static str, &'static str)],
        keys: impl Fn(usize) -> Keys,
        parse: RegionParser,
    ) -> Self {
        let slots = files
            .iter()
            .enumerate()
            .map(|(i, (region, text))| {
                let slot = Slot {
                    text: Some((text, parse)),
                    keys: keys(i),
                    index: OnceLock::new(),
                    parsed: OnceLock::new(),
                };
                (region.to_string(), slot)
            })
            .collect();
        Catalog::from_slots(origin.into(), slots)
    }

    fn from_slots(origin: String, slots: HashMap<String, Slot>) -> Self {
        let mut regions: Vec<String> = slots.keys().cloned().collect();
        regions.sort();
        Catalog {
            origin,
            regions,
            slots,
            all: OnceLock::new(),
            commitments: None,
        }
    }

    /// The commitment rates this catalog prices purchase options with: the bundled ones, or
    /// those of a catalog folder's `commitments.csv` overlaid on them key by key.
    pub fn commitments(&self) -> Result<&commitments::Rates> {
        match &self.commitments {
            Some(rates) => Ok(rates),
            None => commitments::bundled(),
        }
    }

    /// This catalog with its own commitment rates (already overlaid on the bundled ones).
    pub fn with_commitments(mut self, rates: commitments::Rates) -> Self {
        self.commitments = Some(std::sync::Arc::new(rates));
        self
    }

    fn region_rows(&self, region: &str) -> Option<&RegionRows> {
        self.slots.get(region).map(|slot| slot.whole(region))
    }

    /// Every row, sorted by region, key and tier, without copying them (parses every region
    /// of a lazy catalog); the same order as `rows`.
    pub fn each_row(&self) -> impl Iterator<Item = &PriceRow> {
        self.regions
            .iter()
            .filter_map(|r| self.region_rows(r))
            .flat_map(|rr| rr.rows.iter())
    }

    /// Number of (key, region) pairs with rows (parses every region of a lazy catalog).
    pub fn key_count(&self) -> usize {
        self.regions
            .iter()
            .filter_map(|r| self.region_rows(r))
            .map(|rr| rr.index.len())
            .sum()
    }

    /// Every row, sorted by region, key and tier (parses every region of a lazy catalog).
    pub fn rows(&self) -> &[PriceRow] {
        self.all.get_or_init(|| {
            self.regions
                .iter()
                .filter_map(|r| self.region_rows(r))
                .flat_map(|rr| rr.rows.iter().cloned())
                .collect()
        })
    }

    /// The rows of one region (empty when the catalog has none), sorted by key and tier.
    pub fn region(&self, region: &str) -> &[PriceRow] {
        self.region_rows(region)
            .map_or(&[], |rr| rr.rows.as_slice())
    }

    /// Rows of the base catalog, replaced key by key (per region) by `overlay`'s rows. Regions
    /// the overlay does not touch stay as they are (still unparsed when the base is lazy).
    /// The overlay's rows are moved, not copied (a loaded catalog is held once).
    pub fn overlaid(&self, overlay: Catalog) -> Catalog {
        let mut slots: HashMap<String, Slot> = self
            .slots
            .iter()
            .filter(|(region, _)| !overlay.slots.contains_key(*region))
            .map(|(region, slot)| (region.clone(), slot.clone()))
            .collect();
        let Catalog {
            origin,
            slots: own_slots,
            commitments,
            ..
        } = overlay;
        for (region, slot) in own_slots {
            let own = match slot.parsed.into_inner() {
                Some(rr) => rr,
                None => match slot.text {
                    Some((text, parse)) => RegionRows::new(parse(&region, text)),
                    None => RegionRows::default(),
                },
            };
            let kept: Vec<PriceRow> = self
                .region(&region)
                .iter()
                .filter(|r| !own.index.contains_key(r.key.as_str()))
                .cloned()
                .collect();
            let mut rows = own.rows;
            rows.extend(kept);
            slots.insert(region, Slot::eager(rows));
        }
        let mut out = Catalog::from_slots(origin, slots);
        out.commitments = commitments.or_else(|| self.commitments.clone());
        out
    }

    pub fn has(&self, key: &str, region: &str) -> bool {
        self.slots
            .get(region)
            .is_some_and(|slot| slot.tiers(key, region).is_some_and(|rows| !rows.is_empty()))
    }

    /// Regions that have rows (sorted codes; known without parsing them).
    pub fn regions(&self) -> &[String] {
        &self.regions
    }

    /// Every tier row of `key` in `region`, sorted by tier start; error if absent.
    pub fn tiers(&self, key: &str, region: &str) -> Result<Vec<&PriceRow>> {
        let found = self
            .slots
            .get(region)
            .and_then(|slot| slot.tiers(key, region))
            .filter(|rows| !rows.is_empty());
        match found {
            Some(rows) => Ok(rows.iter().collect()),
            None => Err(Error::MissingPrice {
                key: key.to_string(),
                region: region.to_string(),
                catalog: self.origin.clone(),
                hint: missing_hint(key, region),
            }),
        }
    }

    /// The single (untiered) row of `key` in `region`.
    pub fn flat(&self, key: &str, region: &str) -> Result<&PriceRow> {
        let tiers = self.tiers(key, region)?;
        Ok(tiers[0])
    }

    /// The newest `effective` date among the rows of `regions` (all regions when empty).
    pub fn effective(&self) -> String {
        self.effective_range(&[])
            .map(|(_, newest)| newest)
            .unwrap_or_default()
    }

    /// The oldest and newest `effective` dates among the rows of `regions` (every region when
    /// `regions` is empty); None when there is no row.
    pub fn effective_range(&self, regions: &[&str]) -> Option<(String, String)> {
        let chosen: Vec<&str> = if regions.is_empty() {
            self.regions.iter().map(String::as_str).collect()
        } else {
            regions.to_vec()
        };
        let dates = chosen
            .iter()
            .flat_map(|r| self.region(r))
            .map(|r| r.effective.as_str());
        date_range(dates)
    }

    /// Keys that exist for `region` and start with `prefix` (sorted, for "did you mean" hints).
    pub fn keys_with_prefix(&self, region: &str, prefix: &str) -> Vec<String> {
        let mut keys = self
            .slots
            .get(region)
            .map(|slot| slot.keys_with_prefix(region, prefix))
            .unwrap_or_default();
        keys.sort();
        keys
    }

    /// Regions (sorted) that have a price for `key` (parses every region of a lazy catalog;
    /// meant for error messages).
    pub fn regions_with(&self, key: &str) -> Vec<&str> {
        self.regions
            .iter()
            .filter(|r| self.has(key, r))
            .map(String::as_str)
            .collect()
    }
}

/// Oldest and newest of some YYYY-MM-DD dates (empty strings ignored).
pub fn date_range<'a>(dates: impl Iterator<Item = &'a str>) -> Option<(String, String)> {
    let mut range: Option<(&str, &str)> = None;
    for d in dates.filter(|d| !d.is_empty()) {
        range = Some(match range {
            None => (d, d),
            Some((lo, hi)) => (lo.min(d), hi.max(d)),
        });
    }
    range.map(|(lo, hi)| (lo.to_string(), hi.to_string()))
}

fn missing_hint(key: &str, region: &str) -> crate::error::Text {
    Error::absent_price_hint(key, region)
}

/// A portion of a quantity that falls into one tier.
#[derive(Debug, Clone)]
pub struct TierSlice<'a> {
    pub row: &'a PriceRow,
    pub quantity: Decimal,
}

/// Split `quantity` across half-open tiers [begin, end), starting at `offset` (usage already
/// consumed, e.g. a free allowance). Only tiers actually touched are returned.
pub fn split_tiers<'a>(
    tiers: &[&'a PriceRow],
    quantity: Decimal,
    offset: Decimal,
) -> Vec<TierSlice<'a>> {
    let mut out = Vec::new();
    if quantity <= Decimal::ZERO {
        return out;
    }
    let start = offset;
    let end = offset + quantity;
    for row in tiers {
        let lo = row.tier_begin.max(start);
        let hi = match row.tier_end {
            Some(e) => e.min(end),
            None => end,
        };
        if hi > lo {
            out.push(TierSlice {
                row,
                quantity: hi - lo,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "key,region,unit,tier_begin,tier_end,usd,sku,effective,source\n";

    fn parse(region: &str, text: &str) -> Vec<PriceRow> {
        catalog_csv::parse(region, text).unwrap_or_default()
    }

    fn lazy(text: &'static str) -> Catalog {
        let files: &'static [(&'static str, &'static str)] =
            Box::leak(vec![("r1", text)].into_boxed_slice());
        Catalog::lazy("t", files, parse)
    }

    #[test]
    fn each_row_walks_the_rows_in_the_order_of_rows() {
        let text = format!(
            "{HEAD}b.y,r2,hour,0,,2,,2025-01-02,s\na.x,r1,hour,0,,1,,2025-01-01,s\nb.y,r1,hour,10,,1,,2025-01-02,s\nb.y,r1,hour,0,10,2,,2025-01-02,s\n"
        );
        let c = Catalog::new(
            "t",
            catalog_csv::parse_reader("t", text.as_bytes()).unwrap(),
        );
        let walked: Vec<&PriceRow> = c.each_row().collect();
        let listed: Vec<&PriceRow> = c.rows().iter().collect();
        assert_eq!(walked, listed);
        let order: Vec<(&str, &str)> = walked
            .iter()
            .map(|r| (r.region.as_str(), r.key.as_str()))
            .collect();
        assert_eq!(
            order,
            [("r1", "a.x"), ("r1", "b.y"), ("r1", "b.y"), ("r2", "b.y")]
        );
        assert_eq!(c.key_count(), 3);
    }

    #[test]
    fn lazy_lookups_use_the_index_and_fall_back_to_a_whole_parse() {
        let text: &'static str = Box::leak(
            format!("{HEAD}a.x,r1,hour,0,,1,,2025-01-01,s\nb.y,r1,hour,0,10,2,,2025-01-02,s\nb.y,r1,hour,10,,1,,2025-01-02,s\n")
                .into_boxed_str(),
        );
        assert!(TextIndex::build(text).is_some());
        let c = lazy(text);
        assert_eq!(c.tiers("b.y", "r1").unwrap().len(), 2);
        assert!(c.has("a.x", "r1") && !c.has("a.z", "r1") && !c.has("a.x", "r2"));
        assert_eq!(c.keys_with_prefix("r1", "b."), vec!["b.y".to_string()]);
        assert_eq!(
            c.effective_range(&["r1"]),
            Some(("2025-01-01".into(), "2025-01-02".into()))
        );
        // Quoted fields or keys out of order: no index, the region is parsed whole.
        let unsorted: &'static str = Box::leak(
            format!(
                "{HEAD}b.y,r1,hour,0,,2,,2025-01-02,s\na.x,r1,hour,0,,1,,2025-01-01,\"s, t\"\n"
            )
            .into_boxed_str(),
        );
        assert!(TextIndex::build(unsorted).is_none());
        let c = lazy(unsorted);
        assert_eq!(c.flat("a.x", "r1").unwrap().source, "s, t");
        assert!(c.tiers("b.y", "r1").is_ok());
    }

    /// Lookups find the same key by binary search (the first `HASHED_AFTER`) and by the hash
    /// map made after them; a compiled index reads as the text's own.
    #[test]
    fn lookups_before_and_after_the_hash_map_agree() {
        let mut text = HEAD.to_string();
        for i in 0..300 {
            text.push_str(&format!("k{i:03},r1,hour,0,10,2,,2025-01-02,s\n"));
            text.push_str(&format!("k{i:03},r1,hour,10,,{i},,2025-01-02,s\n"));
        }
        let text: &'static str = Box::leak(text.into_boxed_str());
        let (header_end, spans) = key_index::key_spans(text).unwrap();
        let spans: &'static [key_index::KeySpan] = Box::leak(spans.into_boxed_slice());
        let index = TextIndex::new(text, header_end, std::borrow::Cow::Borrowed(spans)).unwrap();
        for round in 0..3 {
            // Round 0 is answered by binary search; the map is made during round 1.
            assert_eq!(index.by_key.get().is_some(), round == 2);
            for i in 0..100 {
                assert_eq!(index.position(&format!("k{i:03}")), Some(i), "{round}");
                let rows = index.rows(&format!("k{i:03}"), "r1", parse).unwrap();
                assert_eq!(rows[1].usd, Decimal::from(i), "{round}");
            }
            for miss in ["k", "k3000", "a", "z", ""] {
                assert_eq!(index.position(miss), None, "{miss:?}");
            }
        }
        assert_eq!(index.position("k299"), Some(299));
    }

    #[test]
    fn an_overlay_replaces_keys_and_leaves_other_regions_lazy() {
        let text: &'static str = Box::leak(
            format!("{HEAD}a.x,r1,hour,0,,1,,2025-01-01,s\nb.y,r1,hour,0,,2,,2025-01-01,s\n")
                .into_boxed_str(),
        );
        let files: &'static [(&'static str, &'static str)] =
            Box::leak(vec![("r1", text), ("r2", text)].into_boxed_slice());
        let base = Catalog::lazy("bundled", files, parse);
        let overlay = Catalog::new(
            "dir",
            parse("o", &format!("{HEAD}a.x,r1,hour,0,,5,,2026-01-01,o\n")),
        );
        let c = base.overlaid(overlay);
        assert_eq!(c.flat("a.x", "r1").unwrap().usd, Decimal::from(5));
        assert_eq!(c.flat("b.y", "r1").unwrap().usd, Decimal::from(2));
        assert!(c.slots["r2"].parsed.get().is_none(), "r2 stays unparsed");
        // r2's rows are not parsed by a lookup either: only its index is built.
        assert_eq!(c.flat("a.x", "r2").unwrap().usd, Decimal::ONE);
        assert!(c.slots["r2"].parsed.get().is_none());
        assert_eq!(c.regions(), ["r1".to_string(), "r2".to_string()]);
    }
}
