//! Reading a catalog directory (or CSV file) written by `pricing fetch` / `pricing import`,
//! with the commitment rates stored beside it.
use super::{catalog_csv, commitments, offer, Catalog};
use crate::error::{Error, Result};

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
    let catalog = Catalog::new(dir.display().to_string(), rows);
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
        .map_err(|e| {
            Error::Input(format!(
                "{e}\n  hint: the file is written by `archcost pricing fetch` / `pricing import`; fetch it again, or delete it to use the bundled commitment rates"
            ))
        })?;
    Ok(catalog.with_commitments(commitments::bundled()?.overlaid(&local)))
}
