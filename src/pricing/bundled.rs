//! The catalog compiled into the binary: one CSV per region (`pricing/regions/`), each parsed
//! the first time a region is used, with `ref:ID` sources expanded from `pricing/sources.csv`.
use super::{catalog_csv, Catalog, PriceRow};
use crate::error::{Error, Result};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/bundled_files.rs"));

/// How a region file's `source` cell cites a text of `pricing/sources.csv` (`ref:pw-ec2`); not
/// `@`, which spreadsheets would read as a formula.
pub const SOURCE_REF: &str = "ref:";

/// The bundled catalog. Every region file is checked by the test suite, so parsing cannot fail
/// at run time; if it ever did, that region would be empty and every lookup would report the
/// missing price.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::lazy_indexed("bundled", REGION_FILES, REGION_INDEXES, parse_or_empty)
    })
}

fn parse_or_empty(region: &str, text: &str) -> Vec<PriceRow> {
    parse_region(region, text).unwrap_or_default()
}

/// The compiled-in region files: (region code, CSV text), sorted by code.
pub fn region_files() -> &'static [(&'static str, &'static str)] {
    REGION_FILES
}

/// Parse one bundled region file (or some of its lines after the header line): docs/reference/catalog.md
/// columns, `source` either text or `ref:ID` (an id of `pricing/sources.csv`). Errors name the file, the
/// line and what was wrong.
pub fn parse_region(region: &str, text: &str) -> Result<Vec<PriceRow>> {
    let name = format!("bundled pricing/regions/{region}.csv");
    let mut rows = match parse_plain(&name, text) {
        Some(rows) => rows?,
        None => catalog_csv::parse(&name, text)?,
    };
    // Rows of a region share their expanded source texts (one copy per `ref:ID`).
    let mut texts = super::text::Interner::default();
    for (i, row) in rows.iter_mut().enumerate() {
        if row.region != region {
            return Err(Error::Said(crate::said!(
                "error.catalog.bundled_region",
                name.as_str(),
                i + 2,
                row.region.as_ref(),
                region
            )));
        }
        if let Some(id) = row.source.strip_prefix(SOURCE_REF) {
            let text = source_text(id).ok_or_else(|| {
                Error::Said(crate::said!(
                    "error.catalog.bundled_source",
                    name.as_str(),
                    i + 2,
                    format!("{SOURCE_REF}{id}")
                ))
            })?;
            row.source = texts.text(&text);
        }
    }
    Ok(rows)
}

/// The generated files have no quoted field and the docs/reference/catalog.md columns in order: split them
/// directly (a CSV reader per price lookup would cost more than the lookup), with the same row
/// and tier checks as `catalog_csv::parse`. None = not such a file; use the CSV reader.
fn parse_plain(name: &str, text: &str) -> Option<Result<Vec<PriceRow>>> {
    let (header, body) = text.split_once('\n')?;
    // '\u{22}' is a double quote (written so because the message-id check reads quotes).
    if text.contains('\u{22}') || header.trim_end() != catalog_csv::COLUMNS.join(",") {
        return None;
    }
    let mut rows = Vec::new();
    let mut texts = super::text::Interner::default();
    for (n, line) in body.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != catalog_csv::COLUMNS.len() {
            return Some(Err(Error::Said(crate::said!(
                "error.catalog.columns",
                name,
                n + 2,
                catalog_csv::COLUMNS.len(),
                f.len()
            ))));
        }
        let num = |i: usize| {
            rust_decimal::Decimal::from_str_exact(f[i]).map_err(|_| {
                Error::Said(crate::said!(
                    "error.catalog.bundled_decimal",
                    name,
                    n + 2,
                    catalog_csv::COLUMNS[i],
                    f[i]
                ))
            })
        };
        let row = (|| {
            Ok(PriceRow {
                key: texts.text(f[0]),
                region: texts.text(f[1]),
                unit: texts.text(f[2]),
                tier_begin: num(3)?,
                tier_end: if f[4].is_empty() { None } else { Some(num(4)?) },
                usd: num(5)?,
                sku: f[6].to_string(),
                effective: texts.text(f[7]),
                source: texts.text(f[8]),
            })
        })();
        let row = row.and_then(|r: PriceRow| {
            catalog_csv::check_row(
                name,
                n + 2,
                &r.key,
                &r.unit,
                r.usd,
                r.tier_begin,
                r.tier_end,
            )?;
            Ok(r)
        });
        match row {
            Ok(r) => rows.push(r),
            Err(e) => return Some(Err(e)),
        }
    }
    let lines: Vec<usize> = (2..rows.len() + 2).collect();
    if let Err(e) = catalog_csv::check_tiers(name, &rows, &lines) {
        return Some(Err(e));
    }
    Some(Ok(rows))
}

/// Each line of `pricing/sources.csv` as (id, text field), sorted by id (indexed by build.rs).
fn source_lines() -> impl ExactSizeIterator<Item = (&'static str, &'static str)> {
    SOURCE_INDEX.iter().map(|&span| source_line(span))
}

/// The (id, text field) of a line of `SOURCE_INDEX`.
fn source_line((start, id_end, end): super::key_index::KeySpan) -> (&'static str, &'static str) {
    let (start, id_end, end) = (start as usize, id_end as usize, end as usize);
    (
        SOURCES_CSV.get(start..id_end).unwrap_or_default(),
        SOURCES_CSV.get(id_end + 1..end).unwrap_or_default(),
    )
}

/// The text of source `id` (a CSV field: quoted when it holds commas or quotes).
pub fn source_text(id: &str) -> Option<String> {
    let i = SOURCE_INDEX
        .binary_search_by(|&span| source_line(span).0.cmp(id))
        .ok()?;
    let field = source_line(SOURCE_INDEX[i]).1;
    match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) => Some(inner.replace("\"\"", "\"")),
        None => Some(field.to_string()),
    }
}

/// Every source id and its text (for checks and listings).
pub fn sources() -> Vec<(&'static str, String)> {
    source_lines()
        .map(|(id, _)| (id, source_text(id).unwrap_or_default()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::key_index::{id_spans, key_spans};
    use super::*;

    /// The indexes build.rs compiled in are the texts' own (so a lookup finds exactly the
    /// lines a scan of the text would), and every bundled file can be indexed.
    #[test]
    fn compiled_indexes_are_those_of_the_compiled_texts() {
        assert_eq!(REGION_INDEXES.len(), REGION_FILES.len());
        for ((region, text), index) in REGION_FILES.iter().zip(REGION_INDEXES) {
            let (header_end, spans) = index.unwrap_or_else(|| panic!("{region}: no index"));
            assert_eq!(
                Some((header_end, spans.to_vec())),
                key_spans(text),
                "{region}"
            );
            assert!(spans.len() > 100, "{region}");
        }
        assert_eq!(SOURCE_INDEX, id_spans(SOURCES_CSV).as_slice());
    }

    /// Every source reads as the csv crate reads `pricing/sources.csv` (quotes and doubled
    /// quotes included), in id order.
    #[test]
    fn every_source_reads_as_the_csv_crate_reads_it() {
        let mut expected: Vec<(String, String)> = csv::Reader::from_reader(SOURCES_CSV.as_bytes())
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[1].to_string())
            })
            .collect();
        expected.sort();
        let got: Vec<(String, String)> = sources()
            .into_iter()
            .map(|(id, text)| (id.to_string(), text))
            .collect();
        assert!(got.len() > 100);
        assert_eq!(got, expected);
        assert!(got.iter().any(|(_, t)| t.contains(", ")), "a quoted text");
        assert_eq!(source_text("no-such-source"), None);
    }

    #[test]
    fn id_spans_sort_by_id_and_skip_lines_without_a_comma() {
        let text = "id,text\r\nb,two\r\nnone\na,\"o, ne\"";
        let got: Vec<(&str, &str)> = id_spans(text)
            .iter()
            .map(|&(s, c, e)| {
                (
                    &text[s as usize..c as usize],
                    &text[c as usize + 1..e as usize],
                )
            })
            .collect();
        assert_eq!(got, [("a", "\"o, ne\""), ("b", "two")]);
    }
}
