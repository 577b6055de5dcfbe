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
use std::collections::{BTreeMap, HashMap};

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
    terms: BTreeMap<ReservedKey, Parts>,
}

impl ReservedCollector {
    /// Add one price of a Reserved term. `od_key` is the on-demand key of the product, `at`
    /// says where the price was read. A second, different price for the same part is a
    /// damaged file.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        file: &str,
        at: &str,
        od_key: &str,
        region: &str,
        sku_term: &str,
        (years, payment): (u32, Payment),
        part: Part,
        usd: Decimal,
    ) -> Result<()> {
        let Some(key) = super::mapping::reserved_key(od_key) else {
            return Ok(());
        };
        let entry = self
            .terms
            .entry((
                key,
                region.to_string(),
                sku_term.to_string(),
                years,
                payment,
            ))
            .or_insert_with(|| Parts {
                od_key: od_key.to_string(),
                unit: "hour",
                at: at.to_string(),
                ..Parts::default()
            });
        let slot = match part {
            Part::Hourly => &mut entry.hourly,
            Part::Upfront => &mut entry.upfront,
        };
        match slot {
            Some(old) if *old != usd => Err(Error::Input(format!(
                "{file}: {at}: Reserved term {sku_term} has two {} prices ({old} and {usd})\n  hint: the offer file looks damaged; download it again",
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
        for ((key, region, sku_term, years, payment), p) in self.terms {
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
    type K = (String, String, Option<u32>, Option<Payment>);
    let mut by_key: HashMap<K, Vec<RateRow>> = HashMap::new();
    for r in rows {
        by_key
            .entry((r.key.clone(), r.region.clone(), r.term_years, r.payment))
            .or_default()
            .push(r);
    }
    let mut keys: Vec<K> = by_key.keys().cloned().collect();
    keys.sort();
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for k in keys {
        let Some(mut group) = by_key.remove(&k) else {
            continue;
        };
        group.sort_by(|a, b| b.effective.cmp(&a.effective).then(a.sku.cmp(&b.sku)));
        group.dedup_by(|a, b| a.sku == b.sku && a.effective == b.effective);
        if group.len() > 1 {
            warnings.push(format!(
                "{} / {} / {} yr {}: {} candidate rates ({}); kept {}",
                k.0,
                k.1,
                k.2.map(|y| y.to_string()).unwrap_or_default(),
                k.3.map(Payment::key).unwrap_or(""),
                group.len(),
                group
                    .iter()
                    .map(|r| r.sku.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                group[0].sku
            ));
        }
        group.truncate(1);
        out.extend(group);
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
            "line 23",
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
            "line 24",
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
                "line 25",
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
            "line 26",
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
