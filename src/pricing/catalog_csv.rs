//! Reading and writing catalog CSV files (DESIGN §4 columns), with row/column error messages.
use super::{Catalog, PriceRow};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::str::FromStr;

pub const COLUMNS: [&str; 9] = [
    "key",
    "region",
    "unit",
    "tier_begin",
    "tier_end",
    "usd",
    "sku",
    "effective",
    "source",
];

/// Parse catalog CSV text; `name` is used in error messages (a path or "bundled").
pub fn parse(name: &str, text: &str) -> Result<Vec<PriceRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::Input(format!("{name}: cannot read the header row: {e}")))?
        .clone();
    let col = |want: &str| -> Result<usize> {
        headers.iter().position(|h| h == want).ok_or_else(|| {
            Error::Input(format!(
                "{name}: line 1: the header has no `{want}` column; expected at least: {}",
                COLUMNS.join(",")
            ))
        })
    };
    let ix: Vec<usize> = COLUMNS.iter().map(|c| col(c)).collect::<Result<_>>()?;
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record =
            record.map_err(|e| Error::Input(format!("{name}: line {line}: malformed CSV: {e}")))?;
        let get = |i: usize| record.get(ix[i]).unwrap_or("").trim();
        let num = |i: usize, what: &str| -> Result<Decimal> {
            let text = get(i);
            Decimal::from_str(text)
                .or_else(|_| Decimal::from_scientific(text))
                .map_err(|_| {
                    Error::Input(format!(
                        "{name}: line {line}, column `{}`: expected a decimal {what}, found `{text}`",
                        COLUMNS[i]
                    ))
                })
        };
        let tier_begin = if get(3).is_empty() {
            Decimal::ZERO
        } else {
            num(3, "tier start")?
        };
        let tier_end = if get(4).is_empty() || get(4).eq_ignore_ascii_case("inf") {
            None
        } else {
            Some(num(4, "tier end")?)
        };
        let usd = num(5, "price")?;
        if usd < Decimal::ZERO {
            return Err(Error::Input(format!(
                "{name}: line {line}: negative price `{usd}`"
            )));
        }
        for (i, what) in [
            (0, "key"),
            (1, "region"),
            (2, "unit"),
            (7, "effective date"),
        ] {
            if get(i).is_empty() {
                return Err(Error::Input(format!(
                    "{name}: line {line}: the {what} is empty; every row needs key, region, unit, usd, effective and source"
                )));
            }
        }
        rows.push(PriceRow {
            key: get(0).to_string(),
            region: get(1).to_string(),
            unit: get(2).to_string(),
            tier_begin,
            tier_end,
            usd,
            sku: get(6).to_string(),
            effective: get(7).to_string(),
            source: get(8).to_string(),
        });
    }
    Ok(rows)
}

/// Serialize rows to catalog CSV (sorted as the catalog sorts them).
pub fn write(catalog: &Catalog) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(COLUMNS);
    for r in catalog.rows() {
        let _ = w.write_record([
            r.key.as_str(),
            r.region.as_str(),
            r.unit.as_str(),
            &r.tier_begin.normalize().to_string(),
            &r.tier_end
                .map(|e| e.normalize().to_string())
                .unwrap_or_default(),
            &r.usd.normalize().to_string(),
            r.sku.as_str(),
            r.effective.as_str(),
            r.source.as_str(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}
