//! The catalog compiled into the binary (`pricing/catalog.csv`), parsed once per process.
use super::{catalog_csv, Catalog};
use std::sync::OnceLock;

const CATALOG_CSV: &str = include_str!("../../pricing/catalog.csv");

/// The bundled catalog. It is checked by the test suite, so parsing cannot fail at run time;
/// if it ever did, the catalog would be empty and every lookup would report the missing price.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let rows =
            catalog_csv::parse("bundled pricing/catalog.csv", CATALOG_CSV).unwrap_or_default();
        Catalog::new("bundled", rows)
    })
}

/// The raw bundled CSV text (for tests and `pricing show --raw`).
pub fn csv_text() -> &'static str {
    CATALOG_CSV
}
