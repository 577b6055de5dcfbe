//! Importing AWS Price List offer files (CSV and JSON, streamed) into catalog rows, and
//! writing a catalog directory (`catalog.csv` + `metadata.json`) atomically.
pub mod csv;
pub mod guard;
pub mod json;
pub mod mapping;
pub mod prefilter;
pub mod reserved;
pub mod savings_plan;

use super::commitments::RateRow;
use super::{catalog_csv, Catalog, PriceRow};
use crate::error::{Error, Result};
use mapping::Target;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The offer file's own description of itself.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct OfferMeta {
    pub offer_code: String,
    pub version: String,
    /// As written in the file (`2026-08-31T09:23:18Z`).
    pub publication_date: String,
    /// File name (or URL) the offer was read from.
    pub file: String,
    /// Catalog rows this offer produced.
    pub rows: usize,
}

impl OfferMeta {
    /// `effective` of every row: the publication date as YYYY-MM-DD.
    pub fn effective(&self) -> Result<String> {
        let d = self.publication_date.get(..10).unwrap_or("");
        let b = d.as_bytes();
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if ok {
            Ok(d.to_string())
        } else {
            Err(Error::Input(format!(
                "{}: the publication date `{}` is not a date (expected YYYY-MM-DDThh:mm:ssZ)",
                self.file, self.publication_date
            )))
        }
    }

    pub fn source(&self) -> String {
        format!(
            "AWS Price List {} {} ({})",
            self.offer_code, self.version, self.file
        )
    }
}

/// One price dimension (one tier of one term of one SKU).
#[derive(Debug, Clone, PartialEq)]
pub struct Dim {
    pub begin: Decimal,
    pub end: Option<Decimal>,
    pub usd: Decimal,
    pub unit: String,
}

/// Parse a price or range string of an offer file ("0.0000166667", "6000000000", "Inf").
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    Decimal::from_str(t)
        .ok()
        .or_else(|| Decimal::from_scientific(t).ok())
}

/// A range bound: empty = `default`, "Inf" = unbounded.
pub fn parse_range(text: &str) -> Option<Option<Decimal>> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if t.eq_ignore_ascii_case("inf") {
        return Some(None);
    }
    parse_decimal(t).map(Some)
}

/// Collects the mapped dimensions of ONE offer file; bounded by the catalog's size, not the
/// file's (only SKUs that map to a key are kept).
#[derive(Debug, Default)]
pub struct Collector {
    /// (key, region, sku) → dimensions (region "" = global allowance).
    groups: BTreeMap<(String, String, String), (Target, Vec<Dim>)>,
    /// Regions that have at least one regional row (global allowances are copied to each).
    regions: BTreeSet<String>,
    /// Dimensions skipped because their unit does not fit the key (warnings).
    pub skipped_units: BTreeSet<String>,
    /// Rows that could not be read (bad quoting, invalid UTF-8, unknown term type): counted,
    /// the first few kept as `line N: reason` for the report.
    pub skipped_rows: Skipped,
    /// Reserved terms of mapped SKUs (EC2 / RDS Standard RIs).
    pub reserved: reserved::ReservedCollector,
}

/// Rows an import could not read, never dropped silently.
#[derive(Debug, Default, Clone)]
pub struct Skipped {
    pub count: usize,
    /// The first [`Skipped::SHOWN`] as "line N: reason".
    pub first: Vec<String>,
}

impl Skipped {
    pub const SHOWN: usize = 5;

    pub fn add(&mut self, line: u64, reason: String) {
        self.count += 1;
        if self.first.len() < Self::SHOWN {
            self.first.push(format!("line {line}: {reason}"));
        }
    }
}

impl Collector {
    pub fn add(&mut self, target: &Target, sku: &str, dim: Dim) {
        if !mapping::unit_fits(target.unit, &dim.unit) {
            self.skipped_units
                .insert(format!("{} SKU {sku} unit `{}`", target.key, dim.unit));
            return;
        }
        if !target.region.is_empty() {
            self.regions.insert(target.region.clone());
        }
        let dims = &mut self
            .groups
            .entry((target.key.clone(), target.region.clone(), sku.to_string()))
            .or_insert_with(|| (target.clone(), Vec::new()))
            .1;
        // De-duplicate as rows arrive: a file of one repeated row stays one dimension.
        if !dims.contains(&dim) {
            dims.push(dim);
        }
    }

    /// The commitment rows of the Reserved terms collected (on-demand rates of the same SKUs
    /// from this file); terms missing a part are counted as skipped rows.
    pub fn take_commitments(
        &mut self,
        meta: &OfferMeta,
        regions: &RegionFilter,
    ) -> Result<Vec<RateRow>> {
        let reserved = std::mem::take(&mut self.reserved);
        let groups = &self.groups;
        let on_demand = |key: &str, region: &str, sku: &str| -> Option<Decimal> {
            let (_, dims) = groups.get(&(key.to_string(), region.to_string(), sku.to_string()))?;
            // A single-tier hourly price only (instances are not tiered).
            match dims.as_slice() {
                [one] => Some(one.usd),
                _ => None,
            }
        };
        let mut incomplete = Vec::new();
        let rows = reserved.finish(meta, regions, &on_demand, &mut incomplete)?;
        for text in incomplete {
            self.skipped_rows.count += 1;
            if self.skipped_rows.first.len() < Skipped::SHOWN {
                self.skipped_rows.first.push(text);
            }
        }
        Ok(rows)
    }

    /// Turn the collected dimensions into catalog rows (tiers sorted and checked, folded
    /// free allowances split off, global allowances copied to every region of the file).
    pub fn finish(self, meta: &OfferMeta, regions: &RegionFilter) -> Result<Vec<PriceRow>> {
        let effective = meta.effective()?;
        let source = meta.source();
        let mut rows = Vec::new();
        for ((key, region, sku), (target, dims)) in self.groups {
            let tiers = sorted_tiers(&meta.file, &sku, dims)?;
            let targets: Vec<String> = if region.is_empty() {
                self.regions.iter().cloned().collect()
            } else {
                vec![region.clone()]
            };
            // A price no AWS service charges (1e20 per request) is a damaged file, not a row.
            for t in &tiers {
                if let Some((what, _)) =
                    catalog_csv::row_problem(&key, target.unit, t.usd, Decimal::ZERO, None)
                {
                    return Err(Error::Input(format!(
                        "{}: SKU {sku}: `{key}`: {what}\n  hint: the offer file looks damaged; download it again",
                        meta.file
                    )));
                }
            }
            for region in targets.into_iter().filter(|r| regions.keeps(r)) {
                let mut push = |key: &str, unit: &str, begin, end, usd| {
                    rows.push(PriceRow {
                        key: key.to_string(),
                        region: region.clone(),
                        unit: unit.to_string(),
                        tier_begin: begin,
                        tier_end: end,
                        usd,
                        sku: sku.clone(),
                        effective: effective.clone(),
                        source: source.clone(),
                    })
                };
                // A zero-priced first tier followed by paid tiers is a free allowance folded
                // into the paid SKU (DynamoDB storage 0–25 GB, provisioned 0–18,600 h).
                let folded = match (tiers.first(), tiers.len() > 1) {
                    (Some(first), true) if first.usd.is_zero() => first.end,
                    _ => None,
                };
                match folded {
                    Some(allowance) => {
                        if let Some(free_key) = mapping::folded_free_key(&key) {
                            push(
                                free_key,
                                target.unit,
                                Decimal::ZERO,
                                Some(allowance),
                                Decimal::ZERO,
                            );
                        }
                        // The engine applies allowances itself: the paid tiers are rebased to 0.
                        for t in tiers.iter().skip(1) {
                            push(
                                &key,
                                target.unit,
                                t.begin - allowance,
                                t.end.map(|e| e - allowance),
                                t.usd,
                            );
                        }
                    }
                    None => {
                        for t in &tiers {
                            push(&key, target.unit, t.begin, t.end, t.usd);
                        }
                    }
                }
            }
        }
        Ok(rows)
    }
}

/// Sort a SKU's dimensions by range start (JSON objects are unordered) and check that they
/// form contiguous tiers starting at 0.
fn sorted_tiers(file: &str, sku: &str, mut dims: Vec<Dim>) -> Result<Vec<Dim>> {
    dims.sort_by_key(|a| a.begin);
    dims.dedup();
    let bad = |what: String| {
        Error::Input(format!(
            "{file}: SKU {sku}: {what}\n  hint: the offer file looks damaged; download it again"
        ))
    };
    let mut expected = Decimal::ZERO;
    for (i, d) in dims.iter().enumerate() {
        if d.begin != expected {
            return Err(bad(format!(
                "price tiers are not contiguous (a tier starts at {} where {} was expected)",
                d.begin, expected
            )));
        }
        match d.end {
            Some(end) if end > d.begin => expected = end,
            Some(end) => {
                return Err(bad(format!(
                    "a tier ends at {end}, not after its start {}",
                    d.begin
                )))
            }
            None if i + 1 == dims.len() => {}
            None => {
                return Err(bad(format!(
                    "an unbounded tier starting at {} is followed by another tier",
                    d.begin
                )))
            }
        }
    }
    Ok(dims)
}

/// Which regions to keep (`--region`); empty = all.
#[derive(Debug, Clone, Default)]
pub struct RegionFilter(pub BTreeSet<String>);

impl RegionFilter {
    pub fn parse(list: Option<&str>) -> RegionFilter {
        RegionFilter(
            list.unwrap_or("")
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        )
    }

    pub fn keeps(&self, region: &str) -> bool {
        self.0.is_empty() || self.0.contains(region)
    }
}

/// What one offer file produced.
#[derive(Debug)]
pub struct Imported {
    pub meta: OfferMeta,
    pub rows: Vec<PriceRow>,
    /// Commitment rates (Reserved terms, Savings Plan rates) for `commitments.csv`.
    pub commitments: Vec<RateRow>,
    pub skipped_units: BTreeSet<String>,
    pub skipped_rows: Skipped,
}

/// Parse one offer file from a reader: CSV when the first byte is `"`/a letter, JSON when `{`.
pub fn import_reader<R: std::io::Read>(
    name: &str,
    reader: R,
    regions: &RegionFilter,
) -> Result<Imported> {
    let mut buf = std::io::BufReader::with_capacity(1 << 20, reader);
    let first = {
        use std::io::BufRead;
        let data = buf
            .fill_buf()
            .map_err(|e| Error::io(PathBuf::from(name), e))?;
        data.iter()
            .copied()
            .find(|b| !(b.is_ascii_whitespace() || *b == 0xEF || *b == 0xBB || *b == 0xBF))
    };
    match first {
        Some(b'{') => json::import(name, buf, regions),
        Some(_) => csv::import(name, buf, regions),
        None => Err(Error::Input(format!(
            "{name}: the file is empty; expected an AWS Price List offer file (CSV or JSON)"
        ))),
    }
}

/// Import offer files from disk (regular files only; no size bound, the parsers stream).
pub fn import_files(files: &[PathBuf], regions: &RegionFilter) -> Result<Vec<Imported>> {
    let mut out = Vec::new();
    for path in files {
        let file = crate::fsio::open_input(
            path,
            crate::fsio::Input {
                what: "AWS Price List offer (CSV or JSON)",
                max_bytes: u64::MAX,
            },
        )?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| path.display().to_string());
        let imported = import_reader(&name, file, regions)?;
        out.push(imported);
    }
    Ok(out)
}

/// Combine the rows of several offers into one catalog. When two SKUs claim the same key in
/// the same region, the newer publication wins, then the smaller SKU (deterministic); the
/// loser is reported as a warning.
pub fn combine(imports: &[Imported], origin: &str) -> (Catalog, Vec<String>) {
    let mut by_key: HashMap<(String, String), Vec<&PriceRow>> = HashMap::new();
    for imp in imports {
        for r in &imp.rows {
            by_key
                .entry((r.key.clone(), r.region.clone()))
                .or_default()
                .push(r);
        }
    }
    let mut warnings = Vec::new();
    let mut rows = Vec::new();
    let mut keys: Vec<_> = by_key.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let group = &by_key[&k];
        let mut skus: Vec<(&str, &str, &str)> = group
            .iter()
            .map(|r| (r.effective.as_str(), r.sku.as_str(), r.source.as_str()))
            .collect();
        skus.sort_by(|a, b| b.0.cmp(a.0).then(a.1.cmp(b.1)).then(a.2.cmp(b.2)));
        skus.dedup();
        let winner = skus[0];
        if skus.len() > 1 {
            warnings.push(format!(
                "{} / {}: {} candidate SKUs ({}); kept {} from {}",
                k.0,
                k.1,
                skus.len(),
                skus.iter().map(|s| s.1).collect::<Vec<_>>().join(", "),
                winner.1,
                winner.2
            ));
        }
        rows.extend(
            group
                .iter()
                .filter(|r| (r.effective.as_str(), r.sku.as_str(), r.source.as_str()) == winner)
                .map(|r| (*r).clone()),
        );
    }
    (Catalog::new(origin, rows), warnings)
}

/// `metadata.json` of a catalog directory.
#[derive(Debug, serde::Serialize)]
pub struct Metadata {
    pub schema: &'static str,
    pub offers: Vec<OfferMeta>,
    pub regions: Vec<String>,
    pub rows: usize,
    /// Rows of `commitments.csv` (Reserved terms and Savings Plan rates); 0 = no such file.
    #[serde(skip_serializing_if = "is_zero")]
    pub commitment_rows: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

impl Metadata {
    pub fn new(imports: &[Imported], catalog: &Catalog, commitments: &[RateRow]) -> Metadata {
        let mut offers: Vec<OfferMeta> = imports.iter().map(|i| i.meta.clone()).collect();
        offers.sort_by(|a, b| (&a.offer_code, &a.file).cmp(&(&b.offer_code, &b.file)));
        let mut regions: Vec<String> = catalog.regions().to_vec();
        regions.extend(commitments.iter().map(|r| r.region.clone()));
        regions.sort();
        regions.dedup();
        Metadata {
            schema: "archcost/pricing-catalog/1",
            offers,
            regions,
            rows: catalog.rows().len(),
            commitment_rows: commitments.len(),
            fetched_at: None,
            base_url: None,
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The commitment rates of a catalog directory (the `pricing/commitments/rates.csv` layout),
/// overlaid on the bundled ones key by key when the catalog is used.
pub const COMMITMENTS_FILE: &str = "commitments.csv";

/// The files a catalog directory holds; anything else in `--out` stops the write.
pub const CATALOG_FILES: [&str; 3] = ["catalog.csv", "metadata.json", COMMITMENTS_FILE];

/// The commitment rows of several imports, one per (key, region, term, payment), with
/// warnings for keys claimed twice.
pub fn combine_commitments(imports: &[Imported]) -> (Vec<RateRow>, Vec<String>) {
    reserved::combine(imports.iter().flat_map(|i| i.commitments.iter().cloned()))
}

/// Write `catalog.csv` and `metadata.json` as one new directory beside `dir`, then put it in
/// place in one atomic step (`fsio::replace_dir`): a failure or a kill at any moment leaves
/// either the previous catalog whole or the new one whole, never a new `metadata.json` with an
/// old `catalog.csv`. A folder holding other files is refused, never replaced.
///
/// `commitments` (Reserved terms, Savings Plan rates) go to `commitments.csv` when there are any.
pub fn write_catalog_dir(
    dir: &Path,
    catalog: &Catalog,
    commitments: &[RateRow],
    metadata: &Metadata,
) -> Result<()> {
    check_catalog_target(dir)?;
    let csv_bytes = catalog_csv::write(catalog);
    let mut json_bytes = serde_json::to_vec_pretty(metadata).unwrap_or_default();
    json_bytes.push(b'\n');
    let rates_bytes = super::commitments::write_rows(commitments);
    let mut files = vec![("metadata.json", &json_bytes), ("catalog.csv", &csv_bytes)];
    if !commitments.is_empty() {
        files.push((COMMITMENTS_FILE, &rates_bytes));
    }
    let staged = crate::fsio::staging_dir(dir)?;
    let written = (|| -> Result<()> {
        for (name, bytes) in files {
            let path = staged.join(name);
            let mut f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
            f.write_all(bytes).map_err(|e| Error::io(&path, e))?;
            f.sync_all().map_err(|e| Error::io(&path, e))?;
        }
        crate::fsio::replace_dir(&staged, dir)
    })();
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    written
}

pub fn check_catalog_target(dir: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !meta.is_dir() {
        return Err(Error::Input(format!(
            "--out {}: exists and is not a folder\n  hint: give a catalog folder path, e.g. --out prices/",
            dir.display()
        )));
    }
    let mut foreign: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| !CATALOG_FILES.contains(&f.as_str()))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    Err(Error::Input(format!(
        "--out {}: the folder holds files archcost did not write ({}); refusing to replace it\n  hint: choose a new folder for the catalog",
        dir.display(),
        foreign.join(", ")
    )))
}

/// With `--strict`, any row an import could not read is an error naming the first ones.
pub fn check_strict(imports: &[Imported]) -> Result<()> {
    for imp in imports {
        let s = &imp.skipped_rows;
        if s.count > 0 {
            return Err(Error::Input(format!(
                "{}: {} row(s) could not be read (--strict): {}\n  hint: the file is damaged; download it again, or drop --strict to import the readable rows",
                imp.meta.file,
                s.count,
                s.first.join("; ")
            )));
        }
    }
    Ok(())
}

/// Print warnings about skipped rows, skipped dimensions and ambiguous keys to standard error.
pub fn warn_all(imports: &[Imported], warnings: &[String]) {
    for imp in imports {
        let s = &imp.skipped_rows;
        if s.count > 0 {
            eprintln!(
                "warning: {}: skipped {} row(s) that could not be read{}:",
                imp.meta.file,
                s.count,
                if s.count > s.first.len() {
                    ", the first shown"
                } else {
                    ""
                }
            );
            for f in &s.first {
                eprintln!("  {}: {f}", imp.meta.file);
            }
        }
        for s in &imp.skipped_units {
            eprintln!(
                "warning: {}: skipped {s} (unit does not fit the key)",
                imp.meta.file
            );
        }
    }
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn dim(b: Decimal, e: Option<Decimal>, usd: Decimal) -> Dim {
        Dim {
            begin: b,
            end: e,
            usd,
            unit: "GB-Mo".into(),
        }
    }

    #[test]
    fn unordered_tiers_are_sorted_and_gaps_rejected() {
        let t = sorted_tiers(
            "f",
            "S",
            vec![
                dim(dec!(25), None, dec!(0.25)),
                dim(dec!(0), Some(dec!(25)), dec!(0)),
            ],
        )
        .unwrap();
        assert_eq!(t[0].begin, dec!(0));
        assert!(sorted_tiers(
            "f",
            "S",
            vec![
                dim(dec!(30), None, dec!(0.25)),
                dim(dec!(0), Some(dec!(25)), dec!(0))
            ]
        )
        .is_err());
    }

    #[test]
    fn long_binary_expansions_parse() {
        let d = parse_decimal("0.299999999999999988897769753748434595763683319091796875");
        assert!(d.is_some());
        assert_eq!(parse_range("Inf"), Some(None));
        assert_eq!(parse_range(""), None);
    }
}
