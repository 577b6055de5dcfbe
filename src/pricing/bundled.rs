//! The catalog compiled into the binary: one CSV per region (`pricing/regions/`), each parsed
//! the first time a region is used, with `@id` sources expanded from `pricing/sources.csv`.
use super::{catalog_csv, Catalog, PriceRow};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/bundled_files.rs"));

/// The bundled catalog. Every region file is checked by the test suite, so parsing cannot fail
/// at run time; if it ever did, that region would be empty and every lookup would report the
/// missing price.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::lazy("bundled", REGION_FILES, parse_or_empty))
}

fn parse_or_empty(region: &str, text: &'static str) -> Vec<PriceRow> {
    parse_region(region, text).unwrap_or_default()
}

/// The compiled-in region files: (region code, CSV text), sorted by code.
pub fn region_files() -> &'static [(&'static str, &'static str)] {
    REGION_FILES
}

/// Parse one bundled region file: DESIGN §4 columns, `source` either text or `@id` of
/// `pricing/sources.csv`. Errors name the file, the line and what was wrong.
pub fn parse_region(region: &str, text: &str) -> Result<Vec<PriceRow>> {
    let name = format!("bundled pricing/regions/{region}.csv");
    let mut rows = catalog_csv::parse(&name, text)?;
    let sources = sources()?;
    for (i, row) in rows.iter_mut().enumerate() {
        if row.region != region {
            return Err(Error::Input(format!(
                "{name}: line {}: row for region `{}` in the file of {region}",
                i + 2,
                row.region
            )));
        }
        if let Some(id) = row.source.strip_prefix('@') {
            let text = sources.get(id).ok_or_else(|| {
                Error::Input(format!(
                    "{name}: line {}: source `@{id}` is not in pricing/sources.csv",
                    i + 2
                ))
            })?;
            row.source = text.clone();
        }
    }
    Ok(rows)
}

/// The source texts (`id` -> text), parsed once.
pub fn sources() -> Result<&'static HashMap<String, String>> {
    static SOURCES: OnceLock<std::result::Result<HashMap<String, String>, String>> =
        OnceLock::new();
    SOURCES
        .get_or_init(|| parse_sources(SOURCES_CSV))
        .as_ref()
        .map_err(|e| Error::Input(e.clone()))
}

fn parse_sources(text: &str) -> std::result::Result<HashMap<String, String>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = HashMap::new();
    for (n, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| format!("bundled pricing/sources.csv: line {}: {e}", n + 2))?;
        match (record.get(0), record.get(1)) {
            (Some(id), Some(text)) if !id.is_empty() && !text.is_empty() => {
                out.insert(id.to_string(), text.to_string());
            }
            _ => {
                return Err(format!(
                    "bundled pricing/sources.csv: line {}: expected `id,text`",
                    n + 2
                ))
            }
        }
    }
    Ok(out)
}
