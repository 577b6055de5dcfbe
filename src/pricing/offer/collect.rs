//! Collecting one offer file's mapped dimensions into catalog rows and commitment rates, and
//! what an import produced.
use super::mapping::{self, Target};
use super::rates::ImportedRates;
use super::reserved;
use super::text_table::TextTable;
use super::types::{Dim, OfferMeta, RegionFilter, Skipped};
use crate::error::{Error, Result};
use crate::pricing::catalog_csv;
use crate::pricing::PriceRow;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Collects the mapped dimensions of ONE offer file; bounded by the catalog's size, not the
/// file's (only SKUs that map to a key are kept, one group per (key, region, SKU) with its
/// distinct dimensions). Adding a dimension allocates nothing: the texts of targets and SKUs
/// are kept once, in `TextTable`s.
#[derive(Debug, Default)]
pub struct Collector {
    /// The targets of the groups (key, catalog unit, region), each once.
    targets: TextTable<3>,
    /// One per (key, region, SKU) (region "" = global allowance), numbered as `tiers`.
    groups: TextTable<3>,
    /// Per group: the target of its first dimension and its distinct dimensions in the order
    /// they came.
    tiers: Vec<(u32, Tiers)>,
    /// The units of the dimensions (a handful per file), named by index in `Tier::unit`.
    units: Vec<String>,
    /// Dimensions skipped because their unit does not fit the key (warnings).
    pub skipped_units: BTreeSet<String>,
    /// Rows that could not be read (bad quoting, invalid UTF-8, unknown term type): counted,
    /// the first few kept as `line N: reason` for the report.
    pub skipped_rows: Skipped,
    /// Reserved terms of mapped SKUs (EC2 / RDS Standard RIs).
    pub reserved: reserved::ReservedCollector,
}

/// The dimensions of one group: nearly always one, kept in place; more (price tiers) in a
/// list of their own.
#[derive(Debug)]
struct Tiers {
    first: Tier,
    more: Vec<Tier>,
}

impl Tiers {
    fn iter(&self) -> impl Iterator<Item = &Tier> {
        std::iter::once(&self.first).chain(&self.more)
    }
}

/// One price dimension of a group, its unit by index in `Collector::units`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Tier {
    pub begin: Decimal,
    pub end: Option<Decimal>,
    pub usd: Decimal,
    pub unit: u32,
}

impl Collector {
    pub fn add(&mut self, target: &Target, sku: &str, dim: Dim<'_>) {
        if !mapping::unit_fits(target.unit, dim.unit) {
            self.skipped_units
                .insert(format!("{} SKU {sku} unit `{}`", target.key, dim.unit));
            return;
        }
        let unit = match self.units.iter().position(|u| u == dim.unit) {
            Some(i) => i as u32,
            None => {
                self.units.push(dim.unit.to_string());
                self.units.len() as u32 - 1
            }
        };
        let tier = Tier {
            begin: dim.begin,
            end: dim.end,
            usd: dim.usd,
            unit,
        };
        let (g, added) = self.groups.insert([&target.key, &target.region, sku]);
        if added {
            let (t, _) = self
                .targets
                .insert([&target.key, target.unit, &target.region]);
            let more = Vec::new();
            self.tiers.push((t, Tiers { first: tier, more }));
            return;
        }
        let tiers = &mut self.tiers[g as usize].1;
        // De-duplicate as rows arrive: a file of one repeated row stays one dimension.
        if !tiers.iter().any(|t| *t == tier) {
            tiers.more.push(tier);
        }
    }

    /// The groups in (key, region, SKU) order: (key, catalog unit, region), SKU, dimensions.
    fn sorted_groups(&self) -> Vec<([&str; 3], &str, &Tiers)> {
        let mut out: Vec<([&str; 3], &str, &Tiers)> = self
            .tiers
            .iter()
            .enumerate()
            .map(|(g, (t, tiers))| {
                let [_, _, sku] = self.groups.get(g as u32);
                (self.targets.get(*t), sku, tiers)
            })
            .collect();
        out.sort_unstable_by(|(a, a_sku, _), (b, b_sku, _)| {
            (a[0], a[2], a_sku).cmp(&(b[0], b[2], b_sku))
        });
        out
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
                let on_demand =
                    |key: &str, region: &str, sku: &str| this.on_demand(key, region, sku);
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
    fn on_demand(&self, key: &str, region: &str, sku: &str) -> Option<Decimal> {
        let g = self.groups.find([key, region, sku])?;
        match &self.tiers[g as usize].1 {
            Tiers { first, more } if more.is_empty() => Some(first.usd),
            _ => None,
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
        // Regions that have at least one regional row (global allowances are copied to each).
        let file_regions: BTreeSet<&str> = (0..self.targets.len() as u32)
            .map(|t| self.targets.get(t)[2])
            .filter(|r| !r.is_empty())
            .collect();
        let file_regions: Vec<&str> = file_regions.into_iter().collect();
        for ([key, unit, region], sku, group) in self.sorted_groups() {
            sorted_tiers(&meta.file, sku, group.iter(), &mut tiers)?;
            let targets: &[&str] = if region.is_empty() {
                &file_regions
            } else {
                std::slice::from_ref(&region)
            };
            // A price no AWS service charges (1e20 per request) is a damaged file, not a row.
            for t in &tiers {
                if let Some((what, _)) =
                    catalog_csv::row_problem(key, unit, t.usd, Decimal::ZERO, None)
                {
                    return Err(Error::Input(format!(
                        "{}: SKU {sku}: `{key}`: {what}\n  hint: the offer file looks damaged; download it again",
                        meta.file
                    )));
                }
            }
            for &region in targets.iter().filter(|r| regions.keeps(r)) {
                let mut push = |key: &str, unit: &str, begin, end, usd| {
                    rows.push(PriceRow {
                        key: key.into(),
                        region: region.into(),
                        unit: unit.into(),
                        tier_begin: begin,
                        tier_end: end,
                        usd,
                        sku: sku.to_string(),
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
                                unit,
                                Decimal::ZERO,
                                Some(allowance),
                                Decimal::ZERO,
                            );
                        }
                        // The engine applies allowances itself: the paid tiers are rebased to 0.
                        for t in tiers.iter().skip(1) {
                            push(
                                key,
                                unit,
                                t.begin - allowance,
                                t.end.map(|e| e - allowance),
                                t.usd,
                            );
                        }
                    }
                    None => {
                        for t in &tiers {
                            push(key, unit, t.begin, t.end, t.usd);
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
    dims: impl IntoIterator<Item = &'a Tier>,
    tiers: &mut Vec<&'a Tier>,
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

#[cfg(test)]
mod tests {
    use super::reserved::{At, Part};
    use super::*;
    use crate::pricing::commitments::Payment;
    use rust_decimal_macros::dec;

    const OD: &str = "rds.postgresql.single_az.db.t4g.micro";

    fn meta() -> OfferMeta {
        OfferMeta::rds("f.csv", "2026-09-04")
    }

    /// One on-demand SKU and one of its Reserved terms; with `gap` the SKU's price tiers leave
    /// a gap (its catalog rows fail), with `huge` the term's fees overflow (its rates fail).
    fn collector(gap: bool, huge: bool) -> Collector {
        let mut c = Collector::default();
        let target = Target {
            key: OD.into(),
            unit: "hour",
            region: "eu-west-2".into(),
        };
        let dim = |begin, end| Dim {
            begin,
            end,
            usd: dec!(0.018),
            unit: "Hrs",
        };
        match gap {
            true => {
                c.add(&target, "S", dim(dec!(0), Some(dec!(10))));
                c.add(&target, "S", dim(dec!(20), None));
            }
            false => c.add(&target, "S", dim(dec!(0), None)),
        }
        let fee = if huge { Decimal::MAX } else { dec!(0.01) };
        for part in [Part::Hourly, Part::Upfront] {
            let term = (1, Payment::PartialUpfront);
            let at = At::Line(9);
            let added = c
                .reserved
                .add("f.csv", at, OD, "eu-west-2", "S.T", term, part, fee);
            added.unwrap();
        }
        c
    }

    #[test]
    fn rows_and_rates_finished_side_by_side_fail_as_one_after_the_other() {
        let all = RegionFilter::default();
        let imported = collector(false, false).into_imported(meta(), &all).unwrap();
        assert_eq!((imported.rows.len(), imported.commitments.len()), (1, 1));
        assert_eq!(imported.meta.rows, 1);
        let rates = imported.commitments.rate_rows();
        assert_eq!(rates[0].on_demand_hourly, Some(dec!(0.018)));
        let error = |gap, huge| {
            let result = collector(gap, huge).into_imported(meta(), &all);
            result.map(drop).unwrap_err().to_string()
        };
        let tiers = "a tier starts at 20 where 10 was expected";
        let fees = "Reserved term S.T: the upfront fee";
        assert!(error(true, false).contains(tiers), "{}", error(true, false));
        assert!(error(false, true).contains(fees), "{}", error(false, true));
        // Both fail: the rates' error, as when they were finished first.
        let both = error(true, true);
        assert!(both.contains(fees) && !both.contains(tiers), "{both}");
    }
}
