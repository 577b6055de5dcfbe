//! Reading a catalog directory (or CSV file) written by `pricing fetch` / `pricing import`,
//! with the commitment rates stored beside it.
use super::{catalog_csv, commitments, offer, Catalog};
use crate::error::{Error, Result};

/// The most archcost reads of one catalog CSV: 60 times the bundled 33-region catalog (4.5 MB).
/// Loading holds every row once, its repeated text shared (`pricing::text`), at most about 2
/// times the file's size at the peak (the rows' estimate is bounded, see `load_dir`;
/// BENCHMARKS.md, "Catalog loading memory"), so this bound keeps the peak near 500 MB; larger
/// files are refused (exit 2) before they are read.
pub const MAX_CATALOG_BYTES: u64 = 256 * 1024 * 1024;

/// The memory any catalog may take to load, however small its file (see `load_dir`).
const MIN_BUDGET_BYTES: u64 = 64 * 1024 * 1024;

/// Read a catalog directory written by `pricing fetch` / `pricing import` (its `catalog.csv`),
/// or a catalog CSV file; bounded, validated row by row (see `catalog_csv::parse`).
pub fn load_dir(dir: &std::path::Path) -> Result<Catalog> {
    let path = if dir.is_dir() {
        dir.join("catalog.csv")
    } else {
        dir.to_path_buf()
    };
    let input = crate::fsio::Input {
        what: "price catalog (CSV)",
        max_bytes: MAX_CATALOG_BYTES,
    };
    let hint = |e: Error| match e {
        Error::Input(msg) => Error::Said(crate::said!("error.catalog.create_hint", msg)),
        other => other,
    };
    let file = crate::fsio::open_input(&path, input).map_err(hint)?;
    // Loading may hold up to 1.5 times the file in rows (estimated as they are read; the
    // process itself and the allocator's slack come on top, about 2 times in all), at least
    // 64 MiB; a catalog whose rows would take more is refused (BENCHMARKS.md, "Catalog
    // loading memory"). A pipe has no size: the bound on what is read counts instead.
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map_or(MAX_CATALOG_BYTES, |m| m.len());
    let budget = (size.saturating_mul(3) / 2).max(MIN_BUDGET_BYTES);
    // Streamed: the rows are built as the file is read, so loading peaks near the rows' size
    // instead of the text plus the rows (BENCHMARKS.md, "Catalog loading memory").
    let bounded = Bounded {
        inner: std::io::BufReader::with_capacity(1 << 16, file),
        left: MAX_CATALOG_BYTES,
    };
    let name = path.display().to_string();
    let rows = catalog_csv::parse_regions(&name, bounded, budget)?;
    if rows.is_empty() {
        return Err(Error::Said(crate::said!("error.catalog.no_rows", name)));
    }
    if dir.is_dir() {
        check_metadata(dir)?;
    }
    let catalog = Catalog::from_regions(dir.display().to_string(), rows);
    // A fetched/imported folder may carry current commitment rates beside its prices.
    let rates_path = dir.join(offer::COMMITMENTS_FILE);
    if !dir.is_dir() || !rates_path.is_file() {
        return Ok(catalog);
    }
    let text = crate::fsio::read_input_text(
        &rates_path,
        crate::fsio::Input {
            what: "commitment rates (CSV)",
            max_bytes: MAX_CATALOG_BYTES,
        },
    )?;
    let local = commitments::Rates::parse_rates(&rates_path.display().to_string(), &text)
        .map_err(|e| Error::Said(crate::said!("error.catalog.commitments", e)))?;
    Ok(catalog.with_commitments(commitments::bundled()?.overlaid(&local)))
}

/// A reader that fails with `InvalidData` past `left` bytes (a pipe has no size to check up
/// front; a regular file over the bound is refused before reading).
struct Bounded<R> {
    inner: R,
    left: u64,
}

impl<R: std::io::Read> std::io::Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("more than {MAX_CATALOG_BYTES} bytes; a price catalog is far smaller"),
            )
        })?;
        Ok(n)
    }
}

/// The schema `pricing fetch` / `pricing import` write into `metadata.json`.
const METADATA_SCHEMA: &str = "archcost/pricing-catalog/1";

/// A catalog directory's `metadata.json`, when present, must be the JSON object archcost
/// wrote (its `schema` names it): garbage there means the folder is not what it claims.
fn check_metadata(dir: &std::path::Path) -> Result<()> {
    let path = dir.join("metadata.json");
    if !path.is_file() {
        return Ok(());
    }
    let text = crate::fsio::read_input_text(
        &path,
        crate::fsio::Input {
            what: "catalog metadata (JSON)",
            max_bytes: 16 * 1024 * 1024,
        },
    )?;
    let shown = path.display();
    let hint = || crate::said!("error.catalog.metadata_hint");
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::Said(crate::said!(
            "error.catalog.metadata_not_json",
            format!("{shown}:{}:{}", e.line(), e.column()),
            e.to_string(),
            hint()
        ))
    })?;
    match value.get("schema").and_then(|s| s.as_str()) {
        Some(METADATA_SCHEMA) => Ok(()),
        Some(other) => Err(Error::Said(crate::said!(
            "error.catalog.metadata_schema",
            shown.to_string(),
            format!("\"{other}\""),
            METADATA_SCHEMA,
            hint()
        ))),
        None => Err(Error::Said(crate::said!(
            "error.catalog.metadata_no_schema",
            shown.to_string(),
            METADATA_SCHEMA,
            hint()
        ))),
    }
}
