//! Reserved terms of offer files (EC2 and RDS Standard Reserved Instances): the `Hrs` fee and
//! the `Quantity` "Upfront Fee" of each (SKU, term, payment) combined into one row of the
//! commitments CSV layout (`pricing/commitments/README.md`, basis `upfront+hourly`).
//!
//! Only SKUs whose on-demand product maps to a catalog key are kept (the same filter as the
//! on-demand mapping), so memory is bounded by the catalog, not by the file. The finished
//! terms stay compact (`ReservedTerms`: texts once, numbers per term) until each row is
//! written to `commitments.csv`.
use super::text_table::TextTable;
use super::{OfferMeta, RegionFilter};
use crate::error::{Error, Result};
use crate::pricing::commitments::{Basis, Payment, RateFields, RateRow};
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

/// The mapped products terms belong to, each once: its Reserved key and region, and the
/// on-demand key of the first price seen for it (texts in one buffer each, not allocated
/// per product).
#[derive(Debug, Default)]
struct Products {
    /// (Reserved key, region), numbered as the products.
    names: TextTable<2>,
    od_keys: Names,
}

impl Products {
    fn len(&self) -> usize {
        self.names.len()
    }

    /// The Reserved key and region of product `p`.
    fn key_region(&self, p: u32) -> (&str, &str) {
        let [key, region] = self.names.get(p);
        (key, region)
    }

    fn od_key(&self, p: u32) -> &str {
        &self.od_keys[p as usize]
    }
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

/// Texts kept one after another in one buffer (a `SKU.OfferTermCode` per term, hundreds of
/// thousands in a large file: one allocation, not one each), read back by index.
#[derive(Debug, Default)]
struct Names {
    text: String,
    ends: Vec<usize>,
}

impl Names {
    fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.ends.push(self.text.len());
    }
}

impl std::ops::Index<usize> for Names {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1],
        };
        &self.text[start..self.ends[i]]
    }
}

/// The Reserved prices of one offer file, per (key, region, `SKU.OfferTermCode`, term, payment).
#[derive(Debug, Default)]
pub struct ReservedCollector {
    products: Products,
    /// The last on-demand key and region seen and their product (`None`: no Reserved key),
    /// since a SKU's terms come one after another.
    last_product: Option<(String, String, Option<u32>)>,
    /// `SKU.OfferTermCode` texts, one per term (`Term::sku_term`).
    sku_terms: Names,
    terms: Vec<Term>,
    /// Indices in `terms`, hashed from (product, `SKU.OfferTermCode`, years, payment) and
    /// compared against the terms themselves (no key is stored beside them). Built only once a
    /// product's prices come in a second run (`Run`) or a run grows long; until then no table
    /// is kept at all.
    index: hashbrown::HashTable<u32>,
    indexed: bool,
    run: Run,
}

/// The current run of prices of one product (a SKU's rows are next to each other in AWS
/// files). While the product had no terms before the run began (`fresh`), a term can only
/// match one of the run's own, so the run is searched instead of an index of every term.
#[derive(Debug)]
struct Run {
    product: u32,
    start: usize,
    fresh: bool,
}

impl Default for Run {
    fn default() -> Self {
        Run {
            product: u32::MAX,
            start: 0,
            fresh: false,
        }
    }
}

/// Terms of a fresh run searched one by one before the index takes over.
const RUN_SCAN: usize = 32;

/// The hash of a term's identity in `ReservedCollector::index`.
fn term_hash(product: u32, sku_term: &str, years: u32, payment: Payment) -> u64 {
    let identity = (product, sku_term, years, payment);
    std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::default(), identity)
}

/// `term_hash` of a stored term.
fn stored_hash(t: &Term, sku_terms: &Names) -> u64 {
    term_hash(
        t.product,
        &sku_terms[t.sku_term as usize],
        t.years,
        t.payment,
    )
}

impl ReservedCollector {
    /// Whether no Reserved price was added.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

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
        let known = self.products.len();
        let Some(product) = self.product(od_key, region) else {
            return Ok(());
        };
        let created = self.products.len() > known;
        let i = self.term(product, sku_term, years, payment, at, created);
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
            let (p, added) = self.products.names.insert([&key, region]);
            if added {
                self.products.od_keys.push(od_key);
            }
            p
        });
        // The texts of the last product are reused, not allocated again.
        let (mut od, mut r) = self
            .last_product
            .take()
            .map_or_else(|| (String::new(), String::new()), |(od, r, _)| (od, r));
        od.clear();
        od.push_str(od_key);
        r.clear();
        r.push_str(region);
        self.last_product = Some((od, r, found));
        found
    }

    /// The index in `terms` of (product, `SKU.OfferTermCode`, years, payment), added when new.
    /// A term's prices are next to each other in AWS files, so the last term is tried first,
    /// then the product's run (`Run`), then the index. `created`: the product is new.
    fn term(
        &mut self,
        product: u32,
        sku_term: &str,
        years: u32,
        payment: Payment,
        at: At<'_>,
        created: bool,
    ) -> u32 {
        let is = |t: &Term, names: &Names| {
            (t.product, t.years, t.payment) == (product, years, payment)
                && &names[t.sku_term as usize] == sku_term
        };
        if let Some(last) = self.terms.last() {
            if is(last, &self.sku_terms) {
                return self.terms.len() as u32 - 1;
            }
        }
        if self.run.product != product {
            self.run = Run {
                product,
                start: self.terms.len(),
                fresh: created,
            };
        }
        let next = self.terms.len() as u32;
        let run = &self.terms[self.run.start..];
        if self.run.fresh && run.len() <= RUN_SCAN {
            if let Some(k) = run.iter().position(|t| is(t, &self.sku_terms)) {
                return (self.run.start + k) as u32;
            }
        } else if !self.indexed {
            self.build_index();
        }
        let hash = self
            .indexed
            .then(|| term_hash(product, sku_term, years, payment));
        if let Some(hash) = hash {
            let (terms, names) = (&self.terms, &self.sku_terms);
            if let Some(&i) = self.index.find(hash, |&i| is(&terms[i as usize], names)) {
                return i;
            }
        }
        self.sku_terms.push(sku_term);
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
        if let Some(hash) = hash {
            let (terms, names) = (&self.terms, &self.sku_terms);
            let rehash = |&i: &u32| stored_hash(&terms[i as usize], names);
            self.index.insert_unique(hash, next, rehash);
        }
        next
    }

    /// Index every term so far; from now on every new term is indexed as it is added.
    fn build_index(&mut self) {
        let (terms, names) = (&self.terms, &self.sku_terms);
        let rehash = |&i: &u32| stored_hash(&terms[i as usize], names);
        self.index.reserve(terms.len(), rehash);
        for (i, t) in terms.iter().enumerate() {
            // Terms are distinct: each goes in as it is.
            self.index
                .insert_unique(stored_hash(t, names), i as u32, rehash);
        }
        self.indexed = true;
    }

    /// The rows of the commitments CSV, in the order `combine` sorts them (key, region, term,
    /// payment, then `SKU.OfferTermCode`), as `RateRow`s (see `finish_terms`).
    pub fn finish(
        self,
        meta: &OfferMeta,
        regions: &RegionFilter,
        on_demand: &dyn Fn(&str, &str, &str) -> Option<Decimal>,
        incomplete: &mut Vec<String>,
    ) -> Result<Vec<RateRow>> {
        let terms = self.finish_terms(meta, regions, on_demand, incomplete)?;
        Ok((0..terms.len()).map(|i| terms.rate_row(i)).collect())
    }

    /// The complete terms, compact, in the order `combine` sorts them (key, region, term,
    /// payment, then `SKU.OfferTermCode`). `on_demand(od_key, region, sku)` gives the
    /// on-demand hourly price of the same SKU in the same file, when it has one. A term missing
    /// a part it must have (the hourly fee; the upfront fee of partial / all upfront) is
    /// reported in `incomplete` (ordered by key, region and `SKU.OfferTermCode`) and left out,
    /// never guessed.
    pub fn finish_terms(
        self,
        meta: &OfferMeta,
        regions: &RegionFilter,
        on_demand: &dyn Fn(&str, &str, &str) -> Option<Decimal>,
        incomplete: &mut Vec<String>,
    ) -> Result<ReservedTerms> {
        let effective = meta.effective()?;
        let source = meta.source();
        let ReservedCollector {
            products,
            sku_terms,
            terms,
            ..
        } = self;
        let rank = ranks(&products);
        let od_prices = on_demand_prices(&products, &sku_terms, &terms, on_demand);
        let kept: Vec<bool> = (0..products.len() as u32)
            .map(|p| regions.keeps(products.key_region(p).1))
            .collect();
        let order = term_order(&rank, &kept, &terms, &sku_terms);
        let term_rows = |order: &[u32]| {
            term_rows(order, &terms, &rank, &od_prices, |t, upfront, hourly| {
                out_of_range(meta, t, &sku_terms, upfront, hourly)
            })
        };
        // A large file's terms in two halves on two threads (the first half's error first).
        let (rows, missing) = if order.len() >= PARALLEL_TERMS {
            let (first, second) = order.split_at(order.len() / 2);
            let (a, b) = std::thread::scope(|scope| {
                let b = scope.spawn(|| term_rows(second));
                let a = term_rows(first);
                (a, b.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            });
            let ((mut rows, mut missing), (more_rows, more_missing)) = (a?, b?);
            rows.extend(more_rows);
            missing.extend(more_missing);
            (rows, missing)
        } else {
            term_rows(&order)?
        };
        incomplete.extend(incomplete_terms(&products, &sku_terms, &terms, missing));
        Ok(ReservedTerms {
            products,
            sku_terms,
            rows,
            effective,
            source,
        })
    }
}

/// Rows of complete terms, and (product rank, term index) of incomplete ones.
type TermRows = (Vec<TermRow>, Vec<(u32, u32)>);

/// Terms from which `finish_terms` makes their rows on two threads.
const PARALLEL_TERMS: usize = 1 << 14;

/// The rows of the complete terms among `order` (indices in `terms`), and (product rank, term
/// index) of the others; `out_of_range` words the error of a term whose amortised upfront fee
/// plus its hourly fee is past what a decimal holds.
fn term_rows(
    order: &[u32],
    terms: &[Term],
    rank: &[u32],
    od_prices: &[Option<Decimal>],
    out_of_range: impl Fn(&Term, Decimal, Decimal) -> Error,
) -> Result<TermRows> {
    let mut rows = Vec::with_capacity(order.len());
    let mut missing: Vec<(u32, u32)> = Vec::new();
    for &i in order {
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
        let effective_hourly = HOURS_PER_YEAR
            .checked_mul(Decimal::from(t.years))
            .and_then(|hours| upfront.checked_div(hours))
            .and_then(|amortised| amortised.checked_add(hourly))
            .ok_or_else(|| out_of_range(t, upfront, hourly))?
            .round_dp(10);
        rows.push(TermRow {
            product: t.product,
            sku_term: t.sku_term,
            years: t.years,
            payment: t.payment,
            upfront,
            hourly,
            effective_hourly,
            on_demand: od_prices[i as usize],
        });
    }
    Ok((rows, missing))
}

/// Each product's rank by (key, region): terms then sort on numbers and one short text.
fn ranks(products: &Products) -> Vec<u32> {
    let mut by_name: Vec<u32> = (0..products.len() as u32).collect();
    by_name.sort_unstable_by(|&a, &b| products.key_region(a).cmp(&products.key_region(b)));
    let mut rank = vec![0u32; products.len()];
    for (r, &p) in by_name.iter().enumerate() {
        rank[p as usize] = r as u32;
    }
    rank
}

/// The terms of the `kept` products in (product rank, years, payment, `SKU.OfferTermCode`)
/// order: grouped by rank in one counting pass, then each product's few terms sorted.
fn term_order(rank: &[u32], kept: &[bool], terms: &[Term], sku_terms: &Names) -> Vec<u32> {
    let keeps = |t: &Term| kept.get(t.product as usize).copied().unwrap_or(false);
    let rank_of = |t: &Term| rank.get(t.product as usize).map_or(0, |&r| r as usize);
    // start[r]..start[r + 1]: where the terms of the product ranked r go.
    let mut start = vec![0usize; rank.len() + 1];
    for t in terms.iter().filter(|t| keeps(t)) {
        start[rank_of(t) + 1] += 1;
    }
    for r in 0..rank.len() {
        start[r + 1] += start[r];
    }
    let mut order = vec![0u32; start[rank.len()]];
    let mut next = start.clone();
    for (i, t) in terms.iter().enumerate().filter(|(_, t)| keeps(t)) {
        let r = rank_of(t);
        order[next[r]] = i as u32;
        next[r] += 1;
    }
    for r in 0..rank.len() {
        order[start[r]..start[r + 1]].sort_unstable_by(|&a, &b| {
            let (x, y) = (&terms[a as usize], &terms[b as usize]);
            (x.years, x.payment)
                .cmp(&(y.years, y.payment))
                .then_with(|| sku_terms[x.sku_term as usize].cmp(&sku_terms[y.sku_term as usize]))
        });
    }
    order
}

/// The on-demand price of each term's (product, SKU), looked up once per SKU run.
fn on_demand_prices(
    products: &Products,
    sku_terms: &Names,
    terms: &[Term],
    on_demand: &dyn Fn(&str, &str, &str) -> Option<Decimal>,
) -> Vec<Option<Decimal>> {
    let mut out: Vec<Option<Decimal>> = Vec::with_capacity(terms.len());
    let mut last: Option<(u32, &str, Option<Decimal>)> = None;
    for t in terms {
        let name = &sku_terms[t.sku_term as usize];
        let sku = name.split('.').next().unwrap_or(name);
        let price = match last {
            Some((p, s, price)) if p == t.product && s == sku => price,
            _ => {
                let region = products.key_region(t.product).1;
                on_demand(products.od_key(t.product), region, sku)
            }
        };
        last = Some((t.product, sku, price));
        out.push(price);
    }
    out
}

/// A term whose upfront fee amortised plus its hourly fee is past what a decimal holds.
fn out_of_range(
    meta: &OfferMeta,
    t: &Term,
    sku_terms: &Names,
    upfront: Decimal,
    hourly: Decimal,
) -> Error {
    Error::Input(format!(
        "{}: {}: Reserved term {}: the upfront fee {upfront} over {} yr plus the hourly fee {hourly} is out of range\n  hint: the offer file looks damaged; download it again",
        meta.file,
        t.at.at(),
        &sku_terms[t.sku_term as usize],
        t.years
    ))
}

/// One complete Reserved term of `ReservedTerms`: its texts by index, its prices as read (the
/// file's trailing zeros are dropped when written: `money::write_exact`, `rate_row`).
#[derive(Debug)]
struct TermRow {
    product: u32,
    sku_term: u32,
    years: u32,
    payment: Payment,
    upfront: Decimal,
    hourly: Decimal,
    effective_hourly: Decimal,
    on_demand: Option<Decimal>,
}

/// The complete Reserved terms of one import, in `commitments.csv` order, compact: each
/// product and `SKU.OfferTermCode` text once, a row of numbers and indices per term. A row's
/// columns are made when it is written (`fields`), its `source` text in the caller's buffer.
#[derive(Debug, Default)]
pub struct ReservedTerms {
    products: Products,
    sku_terms: Names,
    rows: Vec<TermRow>,
    /// The offer's publication date (YYYY-MM-DD) and `AWS Price List ...` source text.
    effective: String,
    source: String,
}

impl ReservedTerms {
    /// Number of terms (rows of `commitments.csv`).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The Reserved key and region of term `i`.
    pub fn key_region(&self, i: usize) -> (&str, &str) {
        self.products.key_region(self.rows[i].product)
    }

    /// Whether terms `i` and `j` are one `commitments.csv` group (key, region, term,
    /// payment), compared by number: a product is one (key, region).
    pub fn same_group(&self, i: usize, j: usize) -> bool {
        let (a, b) = (&self.rows[i], &self.rows[j]);
        (a.product, a.years, a.payment) == (b.product, b.years, b.payment)
    }

    /// The term (years) and payment of term `i`.
    pub fn term(&self, i: usize) -> (u32, Payment) {
        let r = &self.rows[i];
        (r.years, r.payment)
    }

    /// The `SKU.OfferTermCode` of term `i` (the `sku` column).
    pub fn sku(&self, i: usize) -> &str {
        &self.sku_terms[self.rows[i].sku_term as usize]
    }

    /// The `effective` column of every term.
    pub fn effective(&self) -> &str {
        &self.effective
    }

    /// The columns of term `i`; its `source` text is written into `source` (reused per row).
    pub fn fields<'a>(&'a self, i: usize, source: &'a mut String) -> RateFields<'a> {
        let r = &self.rows[i];
        let (key, region) = self.key_region(i);
        let sku = self.sku(i);
        term_source(source, &self.source, sku, r.years, r.payment);
        RateFields {
            key,
            region,
            unit: "hour",
            term_years: Some(r.years),
            payment: Some(r.payment),
            usd_upfront: Some(r.upfront),
            usd_hourly: Some(r.hourly),
            effective_hourly: r.effective_hourly,
            on_demand_hourly: r.on_demand,
            basis: Basis::UpfrontHourly,
            sku,
            effective: &self.effective,
            source,
        }
    }

    /// Term `i` as an owned `RateRow`.
    pub fn rate_row(&self, i: usize) -> RateRow {
        let mut source = String::new();
        let f = self.fields(i, &mut source);
        RateRow {
            key: f.key.to_string(),
            region: f.region.to_string(),
            unit: f.unit.to_string(),
            term_years: f.term_years,
            payment: f.payment,
            usd_upfront: f.usd_upfront.map(|d| d.normalize()),
            usd_hourly: f.usd_hourly.map(|d| d.normalize()),
            effective_hourly: f.effective_hourly,
            on_demand_hourly: f.on_demand_hourly.map(|d| d.normalize()),
            basis: f.basis,
            sku: f.sku.to_string(),
            effective: f.effective.to_string(),
            source: f.source.to_string(),
            file: String::new(),
        }
    }
}

/// The `source` text of a Reserved term's row, written into `out` (one per row, hundreds of
/// thousands in a large file: no formatting machinery for the usual 1 and 3 years).
fn term_source(out: &mut String, source: &str, sku_term: &str, years: u32, payment: Payment) {
    out.clear();
    out.push_str(source);
    out.push_str(", Reserved term ");
    out.push_str(sku_term);
    out.push_str(" (Standard, ");
    match years {
        1 => out.push('1'),
        3 => out.push('3'),
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "{years}");
        }
    }
    out.push_str(" yr, ");
    out.push_str(payment.key());
    out.push_str("): upfront fee + hourly fee [grade A]");
}

/// The messages of terms missing a part (`missing`: (product rank, term index)), in
/// (key, region, `SKU.OfferTermCode`, term, payment) order.
fn incomplete_terms(
    products: &Products,
    sku_terms: &Names,
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
        let key = products.key_region(t.product).0;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> OfferMeta {
        OfferMeta::rds("f.csv", "2026-09-04")
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

    /// Add an hourly or upfront price of a 1-year partial-upfront term of `od`'s product.
    fn add_to(
        c: &mut ReservedCollector,
        od: &str,
        line: u64,
        sku_term: &str,
        part: Part,
        usd: Decimal,
    ) -> Result<()> {
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

    const P: &str = "rds.postgresql.single_az.db.t4g.micro";
    const Q: &str = "rds.mysql.single_az.db.t4g.micro";

    #[test]
    fn terms_are_found_again_when_not_adjacent() {
        let mut c = ReservedCollector::default();
        add_to(&mut c, P, 1, "A.T", Part::Hourly, dec!(0.01)).unwrap();
        add_to(&mut c, P, 2, "B.T", Part::Hourly, dec!(0.02)).unwrap();
        // A again after B, in the same run: the same term, so a second, different hourly
        // price is refused.
        add_to(&mut c, P, 3, "A.T", Part::Upfront, dec!(50)).unwrap();
        assert!(add_to(&mut c, P, 4, "A.T", Part::Hourly, dec!(0.03)).is_err());
        assert!(!c.indexed, "one run per product needs no index");
        // Q, then P again: P's second run is found through the index.
        add_to(&mut c, Q, 5, "A.T", Part::Hourly, dec!(0.04)).unwrap();
        assert!(add_to(&mut c, P, 6, "B.T", Part::Hourly, dec!(0.05)).is_err());
        assert!(c.indexed);
        assert_eq!(c.terms.len(), 3);
        // A new text in P's second run gets its own term, found again through the index after
        // another product's prices.
        add_to(&mut c, P, 7, "C.T", Part::Hourly, dec!(0.06)).unwrap();
        add_to(&mut c, Q, 8, "D.T", Part::Hourly, dec!(0.07)).unwrap();
        add_to(&mut c, P, 9, "C.T", Part::Upfront, dec!(70)).unwrap();
        assert!(add_to(&mut c, P, 10, "C.T", Part::Upfront, dec!(71)).is_err());
        assert_eq!(c.terms.len(), 5);
        let prices = |i: usize| (c.terms[i].hourly, c.terms[i].upfront);
        assert_eq!(prices(0), (Some(dec!(0.01)), Some(dec!(50))));
        assert_eq!(prices(3), (Some(dec!(0.06)), Some(dec!(70))));
        assert_eq!(&c.sku_terms[c.terms[3].sku_term as usize], "C.T");
    }

    #[test]
    fn many_terms_are_finished_on_two_threads_in_order_with_the_first_error() {
        let n = PARALLEL_TERMS + 10;
        // Every term of one product; every 1000th has no upfront fee; the terms in `huge` have
        // fees past what a decimal holds once the amortised upfront fee is added.
        let finish = |huge: &[usize]| {
            let mut c = ReservedCollector::default();
            for i in 0..n {
                let name = format!("S{i:06}.T");
                let (hourly, upfront) = match huge.contains(&i) {
                    true => (Decimal::MAX, Decimal::MAX),
                    false => (dec!(0.01), dec!(87.6)),
                };
                add_to(&mut c, P, i as u64 + 1, &name, Part::Hourly, hourly).unwrap();
                if i % 1000 != 7 {
                    add_to(&mut c, P, i as u64 + 1, &name, Part::Upfront, upfront).unwrap();
                }
            }
            let mut incomplete = Vec::new();
            let on_demand = |_: &str, _: &str, _: &str| Some(dec!(0.03));
            c.finish(
                &meta(),
                &RegionFilter::default(),
                &on_demand,
                &mut incomplete,
            )
            .map(|rows| (rows, incomplete))
        };
        let (rows, incomplete) = finish(&[]).unwrap();
        let skipped: Vec<usize> = (0..n).filter(|i| i % 1000 == 7).collect();
        assert_eq!(rows.len() + skipped.len(), n);
        assert_eq!(incomplete.len(), skipped.len());
        for (text, i) in incomplete.iter().zip(&skipped) {
            assert!(
                text.starts_with(&format!("line {}: Reserved term S{i:06}.T", i + 1)),
                "{text}"
            );
        }
        let complete = (0..n).filter(|i| i % 1000 != 7);
        for (row, i) in rows.iter().zip(complete) {
            assert_eq!(row.sku, format!("S{i:06}.T"));
            // 87.6 / 8760 h + 0.01
            assert_eq!(row.effective_hourly, dec!(0.02), "{i}");
            assert_eq!(row.on_demand_hourly, Some(dec!(0.03)));
        }
        // Of two bad terms, one in each half, the first is named.
        let error = |huge: &[usize]| match finish(huge) {
            Ok(_) => panic!("no error for {huge:?}"),
            Err(e) => e.to_string(),
        };
        let err = error(&[n - 5, 100]);
        assert!(err.contains("line 101: Reserved term S000100.T"), "{err}");
        let err = error(&[n - 5]);
        assert!(
            err.contains(&format!("Reserved term S{:06}.T", n - 5)),
            "{err}"
        );
    }

    #[test]
    fn names_read_back_by_index() {
        let mut n = Names::default();
        for name in ["S.T", "", "R.U", "é.Ü"] {
            n.push(name);
        }
        assert_eq!([&n[0], &n[1], &n[2], &n[3]], ["S.T", "", "R.U", "é.Ü"]);
    }

    #[test]
    fn a_long_run_is_indexed_and_its_first_terms_are_still_found() {
        let mut c = ReservedCollector::default();
        for n in 0..RUN_SCAN as u64 + 8 {
            let name = format!("S.T{n}");
            add_to(&mut c, P, n + 1, &name, Part::Hourly, dec!(0.01)).unwrap();
        }
        assert!(c.indexed);
        assert!(add_to(&mut c, P, 99, "S.T0", Part::Hourly, dec!(0.02)).is_err());
        add_to(&mut c, P, 100, "S.T1", Part::Upfront, dec!(9)).unwrap();
        assert_eq!(c.terms.len(), RUN_SCAN + 8);
        assert_eq!(c.terms[1].upfront, Some(dec!(9)));
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
