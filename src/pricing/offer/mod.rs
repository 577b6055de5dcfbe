//! Importing AWS Price List offer files (CSV and JSON, streamed) into catalog rows, and
//! writing a catalog directory (`catalog.csv` + `metadata.json`) atomically.
mod collect;
pub mod csv;
pub mod guard;
pub mod json;
pub mod mapping;
mod pipe;
pub mod prefilter;
mod rates;
pub mod reserved;
pub mod savings_plan;
mod split;
mod text_table;
mod types;
mod unique;

pub use collect::{Collector, Imported};
pub use rates::{CombinedRates, ImportedRates};
pub use types::{parse_decimal, parse_range, Dim, OfferMeta, RegionFilter, Skipped};

use super::{catalog_csv, Catalog, PriceRow};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Parse one offer file from a reader: CSV when the first byte is `"`/a letter, JSON when `{`.
pub fn import_reader<R: std::io::Read + Send>(
    name: &str,
    reader: R,
    regions: &RegionFilter,
) -> Result<Imported> {
    let mut buf = std::io::BufReader::with_capacity(64 << 10, reader);
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
pub fn combine(imports: &mut [Imported], origin: &str) -> (Catalog, Vec<String>) {
    combine_rows(take_rows(imports), origin)
}

/// The rows of every import, moved out in import order (imports keep their metadata and
/// warnings).
pub fn take_rows(imports: &mut [Imported]) -> Vec<PriceRow> {
    imports
        .iter_mut()
        .flat_map(|i| std::mem::take(&mut i.rows))
        .collect()
}

/// `combine` on rows already taken out of their imports (`take_rows`).
pub fn combine_rows(mut all: Vec<PriceRow>, origin: &str) -> (Catalog, Vec<String>) {
    // One stable sort brings each (key, region) together, rows in import order.
    all.sort_by(|a, b| (&a.key, &a.region).cmp(&(&b.key, &b.region)));
    let mut warnings = Vec::new();
    let mut keep = vec![false; all.len()];
    let mut start = 0;
    while start < all.len() {
        let first = &all[start];
        let len = all[start..]
            .iter()
            .position(|r| r.key != first.key || r.region != first.region)
            .unwrap_or(all.len() - start);
        let group = &all[start..start + len];
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
                first.key,
                first.region,
                skus.len(),
                skus.iter().map(|s| s.1).collect::<Vec<_>>().join(", "),
                winner.1,
                winner.2
            ));
        }
        for (k, r) in keep[start..start + len].iter_mut().zip(group) {
            *k = (r.effective.as_str(), r.sku.as_str(), r.source.as_str()) == winner;
        }
        start += len;
    }
    let rows = all
        .into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect();
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
    pub fn new(imports: &[Imported], catalog: &Catalog, commitments: &CombinedRates) -> Metadata {
        let mut offers: Vec<OfferMeta> = imports.iter().map(|i| i.meta.clone()).collect();
        offers.sort_by(|a, b| (&a.offer_code, &a.file).cmp(&(&b.offer_code, &b.file)));
        let mut regions: std::collections::BTreeSet<&str> =
            catalog.regions().iter().map(String::as_str).collect();
        regions.extend(commitments.regions());
        let regions: Vec<String> = regions.into_iter().map(str::to_string).collect();
        Metadata {
            schema: "archcost/pricing-catalog/1",
            offers,
            regions,
            rows: catalog.each_row().count(),
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

/// The commitment rates of several imports, one per (key, region, term, payment), with
/// warnings for keys claimed twice (borrowed from the imports until written).
pub fn combine_commitments(imports: &[Imported]) -> (CombinedRates<'_>, Vec<String>) {
    rates::combine(imports.iter().map(|i| &i.commitments))
}

/// Write `catalog.csv` and `metadata.json` (and `commitments.csv`) as one new directory
/// beside `dir`, then put it in place in one atomic step (`StagedCatalog`).
pub fn write_catalog_dir(
    dir: &Path,
    catalog: &Catalog,
    commitments: &CombinedRates,
    metadata: &Metadata,
) -> Result<()> {
    let staged = StagedCatalog::begin(dir)?;
    staged.write_catalog(catalog, metadata)?;
    staged.write_commitments(commitments)?;
    staged.finish()
}

/// A catalog directory being written as a new directory beside its target, then put in place
/// in one atomic step (`fsio::replace_dir`) by `finish`: a failure or a kill at any moment
/// leaves either the previous catalog whole or the new one whole, never a new
/// `metadata.json` with an old `catalog.csv`. A folder holding other files is refused, never
/// replaced. Dropped unfinished, the staged directory is removed.
///
/// `commitments.csv` can be written (`write_commitments`, from another thread) while the
/// catalog rows are still being combined: a large file's rendering and flushing to disk then
/// overlap that work.
pub struct StagedCatalog {
    dir: PathBuf,
    staged: PathBuf,
    finished: bool,
}

impl StagedCatalog {
    /// Check that `dir` can take a catalog and create the staged directory beside it.
    pub fn begin(dir: &Path) -> Result<StagedCatalog> {
        check_catalog_target(dir)?;
        let staged = crate::fsio::staging_dir(dir)?;
        Ok(StagedCatalog {
            dir: dir.to_path_buf(),
            staged,
            finished: false,
        })
    }

    /// Stream the commitment rates (Reserved terms, Savings Plan rates) row by row into the
    /// staged `commitments.csv`, when there are any.
    pub fn write_commitments(&self, commitments: &CombinedRates) -> Result<()> {
        if commitments.is_empty() {
            return Ok(());
        }
        write_staged(&self.staged.join(COMMITMENTS_FILE), |f| {
            commitments
                .write_csv(crate::fsio::EarlyWriteback::new(f))
                .map(drop)
        })
    }

    /// Write `catalog.csv` and `metadata.json` into the staged directory (while
    /// `write_commitments` may still be running on another thread).
    pub fn write_catalog(&self, catalog: &Catalog, metadata: &Metadata) -> Result<()> {
        let csv_bytes = catalog_csv::write(catalog);
        let mut json_bytes = serde_json::to_vec_pretty(metadata).unwrap_or_default();
        json_bytes.push(b'\n');
        write_staged(&self.staged.join("metadata.json"), |f| {
            f.write_all(&json_bytes)
        })?;
        write_staged(&self.staged.join("catalog.csv"), |f| {
            f.write_all(&csv_bytes)
        })
    }

    /// Put the directory, written in full, in place.
    pub fn finish(mut self) -> Result<()> {
        crate::fsio::replace_dir(&self.staged, &self.dir)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for StagedCatalog {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.staged);
        }
    }
}

/// Create the file `path` of a staged catalog folder, `fill` it and flush it to disk.
fn write_staged(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    let mut f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    fill(&mut f).map_err(|e| Error::io(path, e))?;
    f.sync_all().map_err(|e| Error::io(path, e))
}

/// Whether `dir` can take a catalog: absent, or a folder holding only files archcost writes.
pub fn check_catalog_target(dir: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !meta.is_dir() {
        return Err(crate::pricing::problem::Problem::OutNotAFolder {
            dir: dir.to_path_buf(),
        }
        .into());
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
    Err(crate::pricing::problem::Problem::OutHoldsOtherFiles {
        dir: dir.to_path_buf(),
        files: foreign,
    }
    .into())
}

/// When strictness is asked for, any row an import could not read is an error naming the
/// first ones.
pub fn check_strict(imports: &[Imported]) -> Result<()> {
    for imp in imports {
        let s = &imp.skipped_rows;
        if s.count > 0 {
            return Err(crate::pricing::problem::Problem::UnreadableRows {
                file: imp.meta.file.clone(),
                count: s.count,
                first: s.first.clone(),
            }
            .into());
        }
    }
    Ok(())
}

/// The warnings about skipped rows, skipped dimensions and ambiguous keys, one line each, for
/// the command to print on standard error.
pub fn warning_lines(imports: &[Imported], warnings: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for imp in imports {
        let s = &imp.skipped_rows;
        if s.count > 0 {
            lines.push(format!(
                "warning: {}: skipped {} row(s) that could not be read{}:",
                imp.meta.file,
                s.count,
                if s.count > s.first.len() {
                    ", the first shown"
                } else {
                    ""
                }
            ));
            for f in &s.first {
                lines.push(format!("  {}: {f}", imp.meta.file));
            }
        }
        for s in &imp.skipped_units {
            lines.push(format!(
                "warning: {}: skipped {s} (unit does not fit the key)",
                imp.meta.file
            ));
        }
    }
    for w in warnings {
        lines.push(format!("warning: {w}"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::collect::{sorted_tiers, Tier};
    use super::*;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn dim(b: Decimal, e: Option<Decimal>, usd: Decimal) -> Tier {
        Tier {
            begin: b,
            end: e,
            usd,
            unit: 0,
        }
    }

    #[test]
    fn unordered_tiers_are_sorted_and_gaps_rejected() {
        let dims = [
            dim(dec!(25), None, dec!(0.25)),
            dim(dec!(0), Some(dec!(25)), dec!(0)),
        ];
        let mut tiers = Vec::new();
        sorted_tiers("f", "S", &dims, &mut tiers).unwrap();
        assert_eq!(tiers.len(), 2);
        assert_eq!((tiers[0].begin, tiers[1].begin), (dec!(0), dec!(25)));
        let gap = [
            dim(dec!(30), None, dec!(0.25)),
            dim(dec!(0), Some(dec!(25)), dec!(0)),
        ];
        let err = sorted_tiers("f", "S", &gap, &mut tiers).unwrap_err();
        assert!(err.to_string().contains("starts at 30 where 25"), "{err}");
    }

    #[test]
    fn long_binary_expansions_parse() {
        let d = parse_decimal("0.299999999999999988897769753748434595763683319091796875");
        assert!(d.is_some());
        assert_eq!(parse_range("Inf"), Some(None));
        assert_eq!(parse_range(""), None);
    }
}
