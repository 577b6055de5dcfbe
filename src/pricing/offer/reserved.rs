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
    // Compared letter by letter, without allocating: one call per Reserved row.
    let letters = || {
        text.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
    };
    let is = |word: &str| letters().eq(word.bytes());
    if is("noupfront") {
        Some(Payment::NoUpfront)
    } else if is("partialupfront") {
        Some(Payment::PartialUpfront)
    } else if is("allupfront") {
        Some(Payment::AllUpfront)
    } else {
        None
    }
}

/// Where a price of a Reserved term was read, for messages: a line of a CSV file or the SKU
/// of a JSON file.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    Line(u64),
    Sku(&'a str),
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Line(n) => write!(f, "line {n}"),
            At::Sku(s) => write!(f, "SKU {s}"),
        }
    }
}

/// `At`, kept with a term (a line number, or the SKU text of a JSON file).
#[derive(Debug)]
enum StoredAt {
    Line(u64),
    Sku(Box<str>),
}

impl StoredAt {
    fn at(&self) -> At<'_> {
        match self {
            StoredAt::Line(n) => At::Line(*n),
            StoredAt::Sku(s) => At::Sku(s),
        }
    }
}

/// One mapped product a term belongs to: its Reserved key and region, and the on-demand key
/// of the first price seen for it.
#[derive(Debug)]
struct Product {
    key: String,
    region: String,
    od_key: String,
}

/// One (product, `SKU.OfferTermCode`, term, payment) and its two prices, compact: the texts
/// live once in `ReservedCollector` (products, term names), so adding a price allocates
/// nothing and a term costs a few dozen bytes until its row is written.
#[derive(Debug)]
struct Term {
    product: u32,
    sku_term: u32,
    years: u32,
    payment: Payment,
    hourly: Option<Decimal>,
    upfront: Option<Decimal>,
    at: StoredAt,
}

/// A hash map with a fast, fixed hasher (keys are this file's own texts and indices; the
/// order of the map is never used).
type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// The Reserved prices of one offer file, per (key, region, `SKU.OfferTermCode`, term, payment).
#[derive(Debug, Default)]
pub struct ReservedCollector {
    products: Vec<Product>,
    /// (key, region) -> index in `products`.
    product_index: FastMap<(String, String), u32>,
    /// The last on-demand key and region seen and their product (`None`: no Reserved key),
    /// since a SKU's terms come one after another.
    last_product: Option<(String, String, Option<u32>)>,
    /// `SKU.OfferTermCode` texts, one per term (`Term::sku_term`).
    sku_terms: Vec<Box<str>>,
    terms: Vec<Term>,
    /// (product, hash of the `SKU.OfferTermCode` text, years, payment) -> index in `terms`.
    /// Keyed by the text's hash, not the text, so a term costs no hashed string key; a hit is
    /// confirmed against the text, and terms whose key was taken by another text (a hash
    /// collision) are in `collided`.
    index: FastMap<(u32, u64, u32, Payment), u32>,
    collided: Vec<u32>,
}

impl ReservedCollector {
    /// Add one price of a Reserved term. `od_key` is the on-demand key of the product, `at`
    /// says where the price was read. A second, different price for the same part is a
    /// damaged file.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        file: &str,
        at: At<'_>,
        od_key: &str,
        region: &str,
        sku_term: &str,
        (years, payment): (u32, Payment),
        part: Part,
        usd: Decimal,
    ) -> Result<()> {
        let Some(product) = self.product(od_key, region) else {
            return Ok(());
        };
        let i = self.term(product, sku_term, years, payment, at);
        let entry = &mut self.terms[i as usize];
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

    /// The product of an on-demand key in a region (`None` when the key has no Reserved key).
    fn product(&mut self, od_key: &str, region: &str) -> Option<u32> {
        if let Some((od, r, p)) = &self.last_product {
            if od == od_key && r == region {
                return *p;
            }
        }
        let found = super::mapping::reserved_key(od_key).map(|key| {
            let next = self.products.len() as u32;
            let p = *self
                .product_index
                .entry((key.clone(), region.to_string()))
                .or_insert(next);
            if p == next {
                self.products.push(Product {
                    key,
                    region: region.to_string(),
                    od_key: od_key.to_string(),
                });
            }
            p
        });
        self.last_product = Some((od_key.to_string(), region.to_string(), found));
        found
    }

    /// The index in `terms` of (product, `SKU.OfferTermCode`, years, payment), added when new.
    /// A term's prices are next to each other in AWS files, so the last term is tried first.
    fn term(
        &mut self,
        product: u32,
        sku_term: &str,
        years: u32,
        payment: Payment,
        at: At<'_>,
    ) -> u32 {
        let is = |t: &Term, names: &[Box<str>]| {
            (t.product, t.years, t.payment) == (product, years, payment)
                && &*names[t.sku_term as usize] == sku_term
        };
        if let Some(last) = self.terms.last() {
            if is(last, &self.sku_terms) {
                return self.terms.len() as u32 - 1;
            }
        }
        let hash =
            std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::default(), sku_term);
        let next = self.terms.len() as u32;
        let slot = *self
            .index
            .entry((product, hash, years, payment))
            .or_insert(next);
        if slot != next {
            if is(&self.terms[slot as usize], &self.sku_terms) {
                return slot;
            }
            let (terms, names) = (&self.terms, &self.sku_terms);
            if let Some(&i) = self
                .collided
                .iter()
                .find(|&&i| is(&terms[i as usize], names))
            {
                return i;
            }
            self.collided.push(next);
        }
        self.sku_terms.push(sku_term.into());
        self.terms.push(Term {
            product,
            sku_term: next,
            years,
            payment,
            hourly: None,
            upfront: None,
            at: match at {
                At::Line(n) => StoredAt::Line(n),
                At::Sku(s) => StoredAt::Sku(s.into()),
            },
        });
        next
    }

    /// The rows of the commitments CSV, in the order `combine` sorts them (key, region, term,
    /// payment, then `SKU.OfferTermCode`). `on_demand(od_key, region, sku)` gives the on-demand
    /// hourly price of the same SKU in the same file, when it has one. A term missing a part
    /// it must have (the hourly fee; the upfront fee of partial / all upfront) is reported in
    /// `incomplete` (ordered by key, region and `SKU.OfferTermCode`) and left out, never
    /// guessed.
    pub fn finish(
        self,
        meta: &OfferMeta,
        regions: &RegionFilter,
        on_demand: &dyn Fn(&str, &str, &str) -> Option<Decimal>,
        incomplete: &mut Vec<String>,
    ) -> Result<Vec<RateRow>> {
        let effective = meta.effective()?;
        let source = meta.source();
        let ReservedCollector {
            products,
            sku_terms,
            terms,
            ..
        } = self;
        // Products ranked by (key, region): terms then sort on numbers and one short text.
        let mut by_name: Vec<u32> = (0..products.len() as u32).collect();
        by_name.sort_unstable_by(|&a, &b| {
            let (a, b) = (&products[a as usize], &products[b as usize]);
            (&a.key, &a.region).cmp(&(&b.key, &b.region))
        });
        let mut rank = vec![0u32; products.len()];
        for (r, &p) in by_name.iter().enumerate() {
            rank[p as usize] = r as u32;
        }
        // The on-demand price of each (product, SKU), looked up once per SKU run.
        let mut od_prices: Vec<Option<Decimal>> = Vec::with_capacity(terms.len());
        let mut last: Option<(u32, &str, Option<Decimal>)> = None;
        for t in &terms {
            let name = &sku_terms[t.sku_term as usize];
            let sku = name.split('.').next().unwrap_or(name);
            let price = match last {
                Some((p, s, price)) if p == t.product && s == sku => price,
                _ => {
                    let p = &products[t.product as usize];
                    on_demand(&p.od_key, &p.region, sku)
                }
            };
            last = Some((t.product, sku, price));
            od_prices.push(price);
        }
        let mut order: Vec<u32> = (0..terms.len() as u32)
            .filter(|&i| regions.keeps(&products[terms[i as usize].product as usize].region))
            .collect();
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (&terms[a as usize], &terms[b as usize]);
            (rank[x.product as usize], x.years, x.payment)
                .cmp(&(rank[y.product as usize], y.years, y.payment))
                .then_with(|| sku_terms[x.sku_term as usize].cmp(&sku_terms[y.sku_term as usize]))
        });
        let mut out = Vec::with_capacity(order.len());
        let mut missing: Vec<(u32, u32)> = Vec::new();
        for &i in &order {
            let t = &terms[i as usize];
            let (Some(upfront), Some(hourly)) = (
                match (t.payment, t.upfront) {
                    (_, Some(u)) => Some(u),
                    (Payment::NoUpfront, None) => Some(Decimal::ZERO),
                    (_, None) => None,
                },
                t.hourly,
            ) else {
                missing.push((rank[t.product as usize], i));
                continue;
            };
            let p = &products[t.product as usize];
            let sku_term = &sku_terms[t.sku_term as usize];
            let term_hours = HOURS_PER_YEAR * Decimal::from(t.years);
            let effective_hourly = (upfront / term_hours + hourly).round_dp(10);
            out.push(RateRow {
                key: p.key.clone(),
                region: p.region.clone(),
                unit: "hour".to_string(),
                term_years: Some(t.years),
                payment: Some(t.payment),
                usd_upfront: Some(upfront.normalize()),
                usd_hourly: Some(hourly.normalize()),
                effective_hourly,
                on_demand_hourly: od_prices[i as usize].map(|d| d.normalize()),
                basis: Basis::UpfrontHourly,
                sku: sku_term.to_string(),
                effective: effective.clone(),
                source: term_source(&source, sku_term, t.years, t.payment),
                file: String::new(),
            });
        }
        incomplete.extend(incomplete_terms(&products, &sku_terms, &terms, missing));
        Ok(out)
    }
}

/// The `source` text of a Reserved term's row (built without the formatting machinery: one
/// per row, hundreds of thousands in a large file).
fn term_source(source: &str, sku_term: &str, years: u32, payment: Payment) -> String {
    let years = match years {
        1 => "1",
        3 => "3",
        _ => return format!(
            "{source}, Reserved term {sku_term} (Standard, {years} yr, {}): upfront fee + hourly fee [grade A]",
            payment.key()
        ),
    };
    let parts = [
        source,
        ", Reserved term ",
        sku_term,
        " (Standard, ",
        years,
        " yr, ",
        payment.key(),
        "): upfront fee + hourly fee [grade A]",
    ];
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// The messages of terms missing a part (`missing`: (product rank, term index)), in
/// (key, region, `SKU.OfferTermCode`, term, payment) order.
fn incomplete_terms(
    products: &[Product],
    sku_terms: &[Box<str>],
    terms: &[Term],
    mut missing: Vec<(u32, u32)>,
) -> Vec<String> {
    missing.sort_unstable_by(|&(ra, a), &(rb, b)| {
        let (x, y) = (&terms[a as usize], &terms[b as usize]);
        ra.cmp(&rb)
            .then_with(|| sku_terms[x.sku_term as usize].cmp(&sku_terms[y.sku_term as usize]))
            .then_with(|| (x.years, x.payment).cmp(&(y.years, y.payment)))
    });
    let mut out = Vec::with_capacity(missing.len());
    for (_, i) in missing {
        let t = &terms[i as usize];
        let key = &products[t.product as usize].key;
        let sku_term = &sku_terms[t.sku_term as usize];
        // The upfront fee is checked first.
        let what = if t.upfront.is_none() && t.payment != Payment::NoUpfront {
            "no upfront fee"
        } else {
            "no hourly (Hrs) price"
        };
        out.push(format!(
            "{}: Reserved term {sku_term} ({key}, {} yr {}) has {what}",
            t.at.at(),
            t.years,
            t.payment.key()
        ));
    }
    out
}

/// Combine the commitment rows of several imports: one row per (key, region, term, payment);
/// the newer publication wins, then the smaller SKU; losers are reported as warnings.
pub fn combine(rows: impl IntoIterator<Item = RateRow>) -> (Vec<RateRow>, Vec<String>) {
    // One stable sort puts each (key, region, term, payment) group together, newest first
    // and then by SKU (equal rows keep their input order), instead of a map of groups.
    let mut rows: Vec<RateRow> = rows.into_iter().collect();
    let order = |a: &RateRow, b: &RateRow| {
        (&a.key, &a.region, a.term_years, a.payment)
            .cmp(&(&b.key, &b.region, b.term_years, b.payment))
            .then_with(|| b.effective.cmp(&a.effective))
            .then_with(|| a.sku.cmp(&b.sku))
    };
    // One import's rows come in this order already (`ReservedCollector::finish`).
    if !rows.is_sorted_by(|a, b| order(a, b).is_le()) {
        rows.sort_by(order);
    }
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
            At::Line(23),
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
            At::Line(24),
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
                At::Line(25),
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
            At::Line(26),
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
    fn terms_are_found_again_when_not_adjacent_and_past_hash_collisions() {
        fn add(
            c: &mut ReservedCollector,
            line: u64,
            sku_term: &str,
            part: Part,
            usd: Decimal,
        ) -> Result<()> {
            let od = "rds.postgresql.single_az.db.t4g.micro";
            let term = (1, Payment::PartialUpfront);
            c.add(
                "f",
                At::Line(line),
                od,
                "eu-west-2",
                sku_term,
                term,
                part,
                usd,
            )
        }
        let mut c = ReservedCollector::default();
        add(&mut c, 1, "A.T", Part::Hourly, dec!(0.01)).unwrap();
        add(&mut c, 2, "B.T", Part::Hourly, dec!(0.02)).unwrap();
        // A again after B: the same term, so a second, different hourly price is refused.
        add(&mut c, 3, "A.T", Part::Upfront, dec!(50)).unwrap();
        assert!(add(&mut c, 4, "A.T", Part::Hourly, dec!(0.03)).is_err());
        assert_eq!(c.terms.len(), 2);
        // A text whose index key A holds (a hash collision, made by hand) gets its own term,
        // found again later past the collision.
        let hash = std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::default(), "C.T");
        let product = c.terms[0].product;
        c.index
            .insert((product, hash, 1, Payment::PartialUpfront), 0);
        add(&mut c, 5, "C.T", Part::Hourly, dec!(0.05)).unwrap();
        add(&mut c, 6, "D.T", Part::Hourly, dec!(0.06)).unwrap();
        add(&mut c, 7, "C.T", Part::Upfront, dec!(70)).unwrap();
        assert!(add(&mut c, 8, "C.T", Part::Upfront, dec!(71)).is_err());
        assert_eq!(c.terms.len(), 4);
        assert_eq!(
            (c.terms[0].hourly, c.terms[0].upfront),
            (Some(dec!(0.01)), Some(dec!(50)))
        );
        assert_eq!(
            (c.terms[2].hourly, c.terms[2].upfront),
            (Some(dec!(0.05)), Some(dec!(70)))
        );
        assert_eq!(&*c.sku_terms[c.terms[2].sku_term as usize], "C.T");
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

    #[test]
    fn payment_spellings() {
        for (text, want) in [
            ("No Upfront", Some(Payment::NoUpfront)),
            ("partialupfront", Some(Payment::PartialUpfront)),
            ("ALL-UPFRONT", Some(Payment::AllUpfront)),
            ("All Upfront ", Some(Payment::AllUpfront)),
            ("All Upfrontx", None),
            ("All Upfron", None),
            ("Heavy Utilization", None),
            ("", None),
        ] {
            assert_eq!(payment_of(text), want, "{text:?}");
        }
    }
}
