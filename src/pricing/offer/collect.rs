//! Collecting one offer file's mapped dimensions into catalog rows and commitment rates, and
//! what an import produced.
use super::mapping::{self, Target};
use super::rates::ImportedRates;
use super::reserved;
use super::types::{Dim, OfferMeta, RegionFilter, Skipped};
use crate::error::{Error, Result};
use crate::pricing::catalog_csv;
use crate::pricing::PriceRow;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

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

impl Collector {
    pub fn add(&mut self, target: &Target, sku: &str, dim: Dim) {
        if !mapping::unit_fits(target.unit, &dim.unit) {
            self.skipped_units
                .insert(format!("{} SKU {sku} unit `{}`", target.key, dim.unit));
            return;
        }
        if !target.region.is_empty() && !self.regions.contains(&target.region) {
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

    /// The commitment rates of the Reserved terms collected, compact (on-demand rates of the
    /// same SKUs from this file); terms missing a part are counted as skipped rows.
    pub fn take_commitments(
        &mut self,
        meta: &OfferMeta,
        regions: &RegionFilter,
    ) -> Result<ImportedRates> {
        let reserved = std::mem::take(&mut self.reserved);
        let groups = &self.groups;
        // The lookup key, refilled per lookup (one per SKU run) instead of allocated.
        let wanted = std::cell::RefCell::new((String::new(), String::new(), String::new()));
        let on_demand = |key: &str, region: &str, sku: &str| -> Option<Decimal> {
            let mut k = wanted.borrow_mut();
            let (k_key, k_region, k_sku) = &mut *k;
            for (to, from) in [(k_key, key), (k_region, region), (k_sku, sku)] {
                to.clear();
                to.push_str(from);
            }
            let (_, dims) = groups.get(&*k)?;
            // A single-tier hourly price only (instances are not tiered).
            match dims.as_slice() {
                [one] => Some(one.usd),
                _ => None,
            }
        };
        let mut incomplete = Vec::new();
        let terms = reserved.finish_terms(meta, regions, &on_demand, &mut incomplete)?;
        for text in incomplete {
            self.skipped_rows.count += 1;
            if self.skipped_rows.first.len() < Skipped::SHOWN {
                self.skipped_rows.first.push(text);
            }
        }
        Ok(terms.into())
    }

    /// Turn the collected dimensions into catalog rows (tiers sorted and checked, folded
    /// free allowances split off, global allowances copied to every region of the file).
    pub fn finish(self, meta: &OfferMeta, regions: &RegionFilter) -> Result<Vec<PriceRow>> {
        let effective: crate::pricing::Text = meta.effective()?.into();
        let source: crate::pricing::Text = meta.source().into();
        // At least one row per group: one allocation instead of a doubling series.
        let mut rows = Vec::with_capacity(self.groups.len());
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
                        key: key.into(),
                        region: region.as_str().into(),
                        unit: unit.into(),
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
pub(super) fn sorted_tiers(file: &str, sku: &str, mut dims: Vec<Dim>) -> Result<Vec<Dim>> {
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

/// What one offer file produced.
#[derive(Debug)]
pub struct Imported {
    pub meta: OfferMeta,
    pub rows: Vec<PriceRow>,
    /// Commitment rates (Reserved terms, Savings Plan rates) for `commitments.csv`.
    pub commitments: ImportedRates,
    pub skipped_units: BTreeSet<String>,
    pub skipped_rows: Skipped,
}
