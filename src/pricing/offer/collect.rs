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

    /// What the file produced: its catalog rows and its commitment rates (terms missing a
    /// part counted as skipped rows). A file's Reserved terms are finished on a second thread
    /// while its catalog rows are made (both only read the on-demand groups), so the two long
    /// final steps of a large file overlap. When both fail, the commitment rates' error is
    /// the one returned (as when they were finished first).
    pub fn into_imported(
        mut self,
        mut meta: OfferMeta,
        regions: &RegionFilter,
    ) -> Result<Imported> {
        let reserved = std::mem::take(&mut self.reserved);
        let (terms, rows) = {
            let (this, meta) = (&self, &meta);
            let threaded = !reserved.is_empty();
            let finish_terms = move || {
                let mut incomplete = Vec::new();
                let on_demand = this.on_demand_lookup();
                let terms = reserved.finish_terms(meta, regions, &on_demand, &mut incomplete);
                terms.map(|t| (t, incomplete))
            };
            if !threaded {
                (finish_terms(), this.rows(meta, regions))
            } else {
                std::thread::scope(|scope| {
                    let terms = scope.spawn(finish_terms);
                    let rows = this.rows(meta, regions);
                    let terms = terms.join();
                    (terms.unwrap_or_else(|p| std::panic::resume_unwind(p)), rows)
                })
            }
        };
        let (terms, incomplete) = terms?;
        let rows = rows?;
        for text in incomplete {
            self.skipped_rows.count += 1;
            if self.skipped_rows.first.len() < Skipped::SHOWN {
                self.skipped_rows.first.push(text);
            }
        }
        meta.rows = rows.len();
        Ok(Imported {
            meta,
            rows,
            commitments: terms.into(),
            skipped_units: self.skipped_units,
            skipped_rows: self.skipped_rows,
        })
    }

    /// The on-demand hourly price of (key, region, SKU) in this file: a single-tier price only
    /// (instances are not tiered).
    fn on_demand_lookup(&self) -> impl Fn(&str, &str, &str) -> Option<Decimal> + '_ {
        // The lookup key, refilled per lookup (one per SKU run) instead of allocated.
        let wanted = std::cell::RefCell::new((String::new(), String::new(), String::new()));
        move |key, region, sku| {
            let mut k = wanted.borrow_mut();
            let (k_key, k_region, k_sku) = &mut *k;
            for (to, from) in [(k_key, key), (k_region, region), (k_sku, sku)] {
                to.clear();
                to.push_str(from);
            }
            let (_, dims) = self.groups.get(&*k)?;
            match dims.as_slice() {
                [one] => Some(one.usd),
                _ => None,
            }
        }
    }

    /// The catalog rows of the collected dimensions (tiers sorted and checked, folded free
    /// allowances split off, global allowances copied to every region of the file).
    fn rows(&self, meta: &OfferMeta, regions: &RegionFilter) -> Result<Vec<PriceRow>> {
        let effective: crate::pricing::Text = meta.effective()?.into();
        let source: crate::pricing::Text = meta.source().into();
        // At least one row per group: one allocation instead of a doubling series.
        let mut rows = Vec::with_capacity(self.groups.len());
        let mut tiers = Vec::new();
        for ((key, region, sku), (target, dims)) in &self.groups {
            sorted_tiers(&meta.file, sku, dims, &mut tiers)?;
            let targets: Vec<&str> = if region.is_empty() {
                self.regions.iter().map(String::as_str).collect()
            } else {
                vec![region.as_str()]
            };
            // A price no AWS service charges (1e20 per request) is a damaged file, not a row.
            for t in &tiers {
                if let Some((what, _)) =
                    catalog_csv::row_problem(key, target.unit, t.usd, Decimal::ZERO, None)
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
                        region: region.into(),
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
                        if let Some(free_key) = mapping::folded_free_key(key) {
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
                                key,
                                target.unit,
                                t.begin - allowance,
                                t.end.map(|e| e - allowance),
                                t.usd,
                            );
                        }
                    }
                    None => {
                        for t in &tiers {
                            push(key, target.unit, t.begin, t.end, t.usd);
                        }
                    }
                }
            }
        }
        Ok(rows)
    }
}

/// A SKU's dimensions sorted by range start (JSON objects are unordered) into `tiers`, after
/// checking that they form contiguous tiers starting at 0.
pub(super) fn sorted_tiers<'a>(
    file: &str,
    sku: &str,
    dims: &'a [Dim],
    tiers: &mut Vec<&'a Dim>,
) -> Result<()> {
    tiers.clear();
    tiers.extend(dims);
    tiers.sort_by_key(|a| a.begin);
    tiers.dedup();
    let dims = &*tiers;
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
    Ok(())
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
