//! Price catalog: rows keyed by (key, region), tier lookup, and where the catalog came from.
pub mod bundled;
pub mod catalog_csv;
pub mod commands;
pub mod diff;
pub mod fetch;
pub mod offer;

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// One price row (DESIGN §4): the price of one `unit` of `key` in `region`, within a tier.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PriceRow {
    pub key: String,
    pub region: String,
    pub unit: String,
    pub tier_begin: Decimal,
    /// `None` = unbounded.
    pub tier_end: Option<Decimal>,
    pub usd: Decimal,
    pub sku: String,
    pub effective: String,
    pub source: String,
}

/// A whole catalog with an index region -> key -> rows; tiers kept sorted by `tier_begin`.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// "bundled" or the directory a fetched/imported catalog was read from.
    pub origin: String,
    rows: Vec<PriceRow>,
    index: HashMap<String, HashMap<String, Vec<usize>>>,
    regions: Vec<String>,
}

impl Catalog {
    pub fn new(origin: impl Into<String>, mut rows: Vec<PriceRow>) -> Self {
        rows.sort_by(|a, b| {
            (&a.region, &a.key, a.tier_begin).cmp(&(&b.region, &b.key, b.tier_begin))
        });
        let mut index: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            index
                .entry(row.region.clone())
                .or_default()
                .entry(row.key.clone())
                .or_default()
                .push(i);
        }
        let mut regions: Vec<String> = rows.iter().map(|r| r.region.clone()).collect();
        regions.sort();
        regions.dedup();
        Catalog {
            origin: origin.into(),
            rows,
            index,
            regions,
        }
    }

    pub fn rows(&self) -> &[PriceRow] {
        &self.rows
    }

    /// Rows of the base catalog, replaced key by key (per region) by `overlay`'s rows.
    pub fn overlaid(&self, overlay: &Catalog) -> Catalog {
        let mut rows: Vec<PriceRow> = self
            .rows
            .iter()
            .filter(|r| !overlay.has(&r.key, &r.region))
            .cloned()
            .collect();
        rows.extend(overlay.rows.iter().cloned());
        Catalog::new(overlay.origin.clone(), rows)
    }

    pub fn has(&self, key: &str, region: &str) -> bool {
        self.index
            .get(region)
            .is_some_and(|keys| keys.contains_key(key))
    }

    /// Regions that have at least one row.
    pub fn regions(&self) -> &[String] {
        &self.regions
    }

    /// Every tier row of `key` in `region`, sorted by tier start; error if absent.
    pub fn tiers(&self, key: &str, region: &str) -> Result<Vec<&PriceRow>> {
        match self.index.get(region).and_then(|keys| keys.get(key)) {
            Some(ix) => Ok(ix.iter().map(|&i| &self.rows[i]).collect()),
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

    /// The newest `effective` date among the rows (the catalog's date).
    pub fn effective(&self) -> String {
        self.rows
            .iter()
            .map(|r| r.effective.as_str())
            .max()
            .unwrap_or("")
            .to_string()
    }

    /// Keys that exist for `region` and start with `prefix` (for "did you mean" hints).
    pub fn keys_with_prefix(&self, region: &str, prefix: &str) -> Vec<String> {
        let mut keys: Vec<String> = self
            .rows
            .iter()
            .filter(|r| r.region == region && r.key.starts_with(prefix))
            .map(|r| r.key.clone())
            .collect();
        keys.dedup();
        keys
    }
}

fn missing_hint(key: &str, region: &str) -> String {
    format!(
        "the price was not found in any source, so it is absent (prices are never guessed). \
         Choose another option, or add a sourced row for `{key}` / {region} to pricing/catalog.csv \
         (key,region,unit,tier_begin,tier_end,usd,sku,effective,source), or run \
         `archcost pricing fetch --region {region}` and pass --pricing DIR"
    )
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

/// The most archcost reads of one catalog CSV (a fetched catalog for every region is far less).
pub const MAX_CATALOG_BYTES: u64 = 512 * 1024 * 1024;

/// Read a catalog directory written by `pricing fetch` / `pricing import` (its `catalog.csv`),
/// or a catalog CSV file; bounded, validated row by row (see `catalog_csv::parse`).
pub fn load_dir(dir: &std::path::Path) -> Result<Catalog> {
    let path = if dir.is_dir() {
        dir.join("catalog.csv")
    } else {
        dir.to_path_buf()
    };
    let text = crate::fsio::read_input_text(
        &path,
        crate::fsio::Input {
            what: "price catalog (CSV)",
            max_bytes: MAX_CATALOG_BYTES,
        },
    )
    .map_err(|e| match e {
        Error::Input(msg) => Error::Input(format!(
            "{msg}\n  hint: create a catalog with `archcost pricing fetch --out DIR` or `archcost pricing import FILE... --out DIR`, or use pricing = \"bundled\""
        )),
        other => other,
    })?;
    let rows = catalog_csv::parse(&path.display().to_string(), &text)?;
    Ok(Catalog::new(dir.display().to_string(), rows))
}
