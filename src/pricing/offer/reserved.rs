//! Reserved terms of offer files (EC2 and RDS Standard Reserved Instances): the `Hrs` fee and
//! the `Quantity` "Upfront Fee" of each (SKU, term, payment) combined into one row of the
//! commitments CSV layout (`pricing/commitments/README.md`, basis `upfront+hourly`).
//!
//! Only SKUs whose on-demand product maps to a catalog key are kept (the same filter as the
//! on-demand mapping), so memory is bounded by the catalog, not by the file.
use super::{OfferMeta, RegionFilter};
use crate::error::{Error, Result};
use crate::pricing::commitments::{Basis, Payment, RateRow};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Hours of one year of a term, as AWS amortises (365 days).
const HOURS_PER_YEAR: Decimal = dec!(8760);

/// Which dimension of a Reserved term a price is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `Hrs`: the fee per instance-hour, every hour of the term.
    Hourly,
    /// `Quantity`, "Upfront Fee": the one-off fee per instance.
    Upfront,
}

/// The term attributes of one Reserved price row, as the file writes them.
#[derive(Debug, Clone, Copy)]
pub struct TermAttrs<'a> {
    pub lease: &'a str,
    pub purchase_option: &'a str,
    pub offering_class: &'a str,
}

impl TermAttrs<'_> {
    /// (term years, payment) of a Standard term archcost models; None for convertible terms
    /// and unknown spellings (counted as not mapped, not as errors).
    pub fn parse(&self) -> Option<(u32, Payment)> {
        if !self.offering_class.eq_ignore_ascii_case("standard") {
            return None;
        }
        let years = match self.lease {
            "1yr" | "1 yr" | "1" => 1,
            "3yr" | "3 yr" | "3" => 3,
            _ => return None,
        };
        Some((years, payment_of(self.purchase_option)?))
    }
}

/// "No Upfront" / "Partial Upfront" / "All Upfront" (any case, with or without the space).
pub fn payment_of(text: &str) -> Option<Payment> {
    let t: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    match t.as_str() {
        "noupfront" => Some(Payment::NoUpfront),
        "partialupfront" => Some(Payment::PartialUpfront),
        "allupfront" => Some(Payment::AllUpfront),
        _ => None,
    }
}

#[derive(Debug, Default)]
struct Parts {
    od_key: String,
    unit: &'static str,
    hourly: Option<Decimal>,
    upfront: Option<Decimal>,
    /// Where the first price of this term was read ("line 12" / "SKU X"), for messages.
    at: String,
}

type ReservedKey = (String, String, String, u32, Payment);

/// The Reserved prices of one offer file, per (key, region, `SKU.OfferTermCode`, term, payment).
#[derive(Debug, Default)]
pub struct ReservedCollector {
    /// The terms in the order first seen; sorted by key when finished.
    terms: Vec<(ReservedKey, Parts)>,
    /// `key \x1f region \x1f sku_term \x1f years \x1f payment` -> index in `terms`, so adding
    /// a price to a known term allocates nothing.
    index: std::collections::HashMap<String, usize>,
    scratch: String,
    /// The last on-demand key and its Reserved key (a SKU's terms come one after another).
    last: Option<(String, Option<String>)>,
}

impl ReservedCollector {
    /// Add one price of a Reserved term. `od_key` is the on-demand key of the product, `at`
    /// says where the price was read (built only when needed). A second, different price for
    /// the same part is a damaged file.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        file: &str,
        at: &dyn Fn() -> String,
        od_key: &str,
        region: &str,
        sku_term: &str,
        (years, payment): (u32, Payment),
        part: Part,
        usd: Decimal,
    ) -> Result<()> {
        if self.last.as_ref().is_none_or(|(od, _)| od != od_key) {
            self.last = Some((od_key.to_string(), super::mapping::reserved_key(od_key)));
        }
        let Some(key) = self.last.as_ref().and_then(|(_, k)| k.as_deref()) else {
            return Ok(());
        };
        use std::fmt::Write;
        self.scratch.clear();
        let _ = write!(
            self.scratch,
            "{key}\x1f{region}\x1f{sku_term}\x1f{years}\x1f{}",
            payment.key()
        );
        let i = match self.index.get(self.scratch.as_str()) {
            Some(&i) => i,
            None => {
                let i = self.terms.len();
                self.terms.push((
                    (
                        key.to_string(),
                        region.to_string(),
                        sku_term.to_string(),
                        years,
                        payment,
                    ),
                    Parts {
                        od_key: od_key.to_string(),
                        unit: "hour",
                        at: at(),
                        ..Parts::default()
                    },
                ));
                self.index.insert(self.scratch.clone(), i);
                i
            }
        };
        let entry = &mut self.terms[i].1;
        let slot = match part {
            Part::Hourly => &mut entry.hourly,
            Part::Upfront => &mut entry.upfront,
        };
        match slot {
            Some(old) if *old != usd => Err(Error::Input(format!(
                "{file}: {}: Reserved term {sku_term} has two {} prices ({old} and {usd})\n  hint: the offer file looks damaged; download it again",
                at(),
                match part {
                    Part::Hourly => "hourly (Hrs)",
                    Part::Upfront => "upfront fee",
                }
            ))),
            _ => {
                *slot = Some(usd);
                Ok(())
            }
        }
    }

    /// The rows of the commitments CSV. `on_demand(od_key, region, sku)` gives the on-demand
    /// hourly price of the same SKU in the same file, when it has one. A term missing a part
    /// it must have (the hourly fee; the upfront fee of partial / all upfront) is reported in
    /// `incomplete` and left out, never guessed.
    pub fn finish(
        self,
        meta: &OfferMeta,
        regions: &RegionFilter,
        on_demand: &dyn Fn(&str, &str, &str) -> Option<Decimal>,
        incomplete: &mut Vec<String>,
    ) -> Result<Vec<RateRow>> {
        let effective = meta.effective()?;
        let mut out = Vec::new();
        let mut terms = self.terms;
        // The keys are unique (see `index`), so this is the order of a map by key.
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for ((key, region, sku_term, years, payment), p) in terms {
            if !regions.keeps(&region) {
                continue;
            }
            let upfront = match (payment, p.upfront) {
                (_, Some(u)) => u,
                (Payment::NoUpfront, None) => Decimal::ZERO,
                (_, None) => {
                    incomplete.push(format!(
                        "{}: Reserved term {sku_term} ({key}, {years} yr {}) has no upfront fee",
                        p.at,
                        payment.key()
                    ));
                    continue;
                }
            };
            let Some(hourly) = p.hourly else {
                incomplete.push(format!(
                    "{}: Reserved term {sku_term} ({key}, {years} yr {}) has no hourly (Hrs) price",
                    p.at,
                    payment.key()
                ));
                continue;
            };
            let term_hours = HOURS_PER_YEAR * Decimal::from(years);
            let effective_hourly = (upfront / term_hours + hourly).round_dp(10);
            let sku = sku_term.split('.').next().unwrap_or(&sku_term);
            let od = on_demand(&p.od_key, &region, sku);
            out.push(RateRow {
                key,
                region,
                unit: p.unit.to_string(),
                term_years: Some(years),
                payment: Some(payment),
                usd_upfront: Some(upfront.normalize()),
                usd_hourly: Some(hourly.normalize()),
                effective_hourly,
                on_demand_hourly: od.map(|d| d.normalize()),
                basis: Basis::UpfrontHourly,
                sku: sku_term.clone(),
                effective: effective.clone(),
                source: format!(
                    "{}, Reserved term {sku_term} (Standard, {years} yr, {}): upfront fee + hourly fee [grade A]",
                    meta.source(),
                    payment.key()
                ),
                file: String::new(),
            });
        }
        Ok(out)
    }
}

/// Combine the commitment rows of several imports: one row per (key, region, term, payment);
/// the newer publication wins, then the smaller SKU; losers are reported as warnings.
pub fn combine(rows: impl IntoIterator<Item = RateRow>) -> (Vec<RateRow>, Vec<String>) {
    // One stable sort puts each (key, region, term, payment) group together, newest first
    // and then by SKU (equal rows keep their input order), instead of a map of groups.
    let mut rows: Vec<RateRow> = rows.into_iter().collect();
    rows.sort_by(|a, b| {
        (&a.key, &a.region, a.term_years, a.payment)
            .cmp(&(&b.key, &b.region, b.term_years, b.payment))
            .then_with(|| b.effective.cmp(&a.effective))
            .then_with(|| a.sku.cmp(&b.sku))
    });
    let same_key = |a: &RateRow, b: &RateRow| {
        a.key == b.key
            && a.region == b.region
            && a.term_years == b.term_years
            && a.payment == b.payment
    };
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while let Some(first) = rows.next() {
        // The other candidates of this group, the same (SKU, effective) counted once.
        let mut others: Vec<RateRow> = Vec::new();
        while let Some(next) = rows.next_if(|r| same_key(&first, r)) {
            let last = others.last().unwrap_or(&first);
            if !(next.sku == last.sku && next.effective == last.effective) {
                others.push(next);
            }
        }
        if !others.is_empty() {
            warnings.push(format!(
                "{} / {} / {} yr {}: {} candidate rates ({}); kept {}",
                first.key,
                first.region,
                first.term_years.map(|y| y.to_string()).unwrap_or_default(),
                first.payment.map(Payment::key).unwrap_or(""),
                others.len() + 1,
                std::iter::once(&first)
                    .chain(&others)
                    .map(|r| r.sku.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                first.sku
            ));
        }
        out.push(first);
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> OfferMeta {
        OfferMeta {
            offer_code: "AmazonRDS".into(),
            version: "1".into(),
            publication_date: "2026-09-04T17:27:16Z".into(),
            file: "f.csv".into(),
            rows: 0,
        }
    }

    #[test]
    fn parts_combine_and_incomplete_terms_are_reported() {
        let mut c = ReservedCollector::default();
        let term = (3, Payment::PartialUpfront);
        let od = "rds.postgresql.single_az.db.t4g.micro";
        c.add(
            "f",
            &|| "line 23".to_string(),
            od,
            "eu-west-2",
            "S.T",
            term,
            Part::Hourly,
            dec!(0.0043),
        )
        .unwrap();
        c.add(
            "f",
            &|| "line 24".to_string(),
            od,
            "eu-west-2",
            "S.T",
            term,
            Part::Upfront,
            dec!(112),
        )
        .unwrap();
        assert!(c
            .add(
                "f",
                &|| "line 25".to_string(),
                od,
                "eu-west-2",
                "S.T",
                term,
                Part::Upfront,
                dec!(113)
            )
            .is_err());
        c.add(
            "f",
            &|| "line 26".to_string(),
            od,
            "eu-west-2",
            "S.U",
            (1, Payment::AllUpfront),
            Part::Hourly,
            dec!(0),
        )
        .unwrap();
        let mut incomplete = Vec::new();
        let rows = c
            .finish(
                &meta(),
                &RegionFilter::default(),
                &|_, _, _| Some(dec!(0.018)),
                &mut incomplete,
            )
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].key,
            "rds.reserved.postgresql.single_az.db.t4g.micro"
        );
        assert_eq!(rows[0].effective_hourly, dec!(0.008561796));
        assert_eq!(incomplete.len(), 1, "{incomplete:?}");
    }

    #[test]
    fn payments_and_classes() {
        let t = TermAttrs {
            lease: "1yr",
            purchase_option: "All Upfront",
            offering_class: "standard",
        };
        assert_eq!(t.parse(), Some((1, Payment::AllUpfront)));
        let conv = TermAttrs {
            offering_class: "convertible",
            ..t
        };
        assert_eq!(conv.parse(), None);
    }
}
