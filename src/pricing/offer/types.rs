//! The plain values every offer parser shares: the offer's description of itself, one price
//! dimension, number and range parsing, the region filter and the skipped-rows tally.
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::collections::BTreeSet;
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

#[cfg(test)]
impl OfferMeta {
    /// The metadata of an RDS offer `file` published on `date` (YYYY-MM-DD), for tests.
    pub(super) fn rds(file: &str, date: &str) -> OfferMeta {
        OfferMeta {
            offer_code: "AmazonRDS".into(),
            version: "1".into(),
            publication_date: format!("{date}T00:00:00Z"),
            file: file.into(),
            rows: 0,
        }
    }
}

impl OfferMeta {
    /// The metadata lines every offer file has before its header (OfferCode, Version,
    /// Publication Date); `expected` says what kind of file was expected.
    pub fn require_lines(&self, name: &str, expected: &str) -> Result<()> {
        for (what, v) in [
            ("OfferCode", &self.offer_code),
            ("Version", &self.version),
            ("Publication Date", &self.publication_date),
        ] {
            if v.is_empty() {
                return Err(Error::Input(format!(
                    "{name}: the metadata line \"{what}\" is missing before the header; expected {expected}"
                )));
            }
        }
        Ok(())
    }

    /// `effective` of every row: the publication date as YYYY-MM-DD.
    pub fn effective(&self) -> Result<String> {
        let d = self.publication_date.get(..10).unwrap_or("");
        let ok = crate::date::is_date(d);
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
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dim<'a> {
    pub begin: Decimal,
    pub end: Option<Decimal>,
    pub usd: Decimal,
    pub unit: &'a str,
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
