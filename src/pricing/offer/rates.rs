//! The commitment rates of imported offer files (`commitments.csv`): Savings Plan rates as
//! owned `RateRow`s, Reserved terms in the compact `ReservedTerms`; combined across imports as
//! borrowed views (one row per key, region, term and payment) and streamed to the file.
use super::reserved::ReservedTerms;
use crate::pricing::commitments::{Payment, RateFields, RateRow, RatesWriter};

/// The commitment rates of one import.
#[derive(Debug, Default)]
pub struct ImportedRates {
    /// Savings Plan rates (small files: an owned row each).
    rows: Vec<RateRow>,
    /// The Reserved terms of a regional offer file, compact.
    reserved: ReservedTerms,
}

impl From<Vec<RateRow>> for ImportedRates {
    fn from(rows: Vec<RateRow>) -> Self {
        ImportedRates {
            rows,
            reserved: ReservedTerms::default(),
        }
    }
}

impl From<ReservedTerms> for ImportedRates {
    fn from(reserved: ReservedTerms) -> Self {
        ImportedRates {
            rows: Vec::new(),
            reserved,
        }
    }
}

impl ImportedRates {
    /// Number of rates.
    pub fn len(&self) -> usize {
        self.rows.len() + self.reserved.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every rate as an owned `RateRow`, in import order (for tests and listings).
    pub fn rate_rows(&self) -> Vec<RateRow> {
        self.refs().map(RateRef::rate_row).collect()
    }

    fn refs(&self) -> impl Iterator<Item = RateRef<'_>> {
        self.rows
            .iter()
            .map(RateRef::Row)
            .chain((0..self.reserved.len()).map(|i| RateRef::Term(&self.reserved, i)))
    }
}

/// One rate of an import, borrowed: an owned row, or term `i` of the compact Reserved terms.
#[derive(Debug, Clone, Copy)]
enum RateRef<'a> {
    Row(&'a RateRow),
    Term(&'a ReservedTerms, usize),
}

impl<'a> RateRef<'a> {
    /// (key, region, term years, payment): one `commitments.csv` row per value.
    fn group(self) -> (&'a str, &'a str, Option<u32>, Option<Payment>) {
        match self {
            RateRef::Row(r) => (&r.key, &r.region, r.term_years, r.payment),
            RateRef::Term(t, i) => {
                let (key, region) = t.key_region(i);
                let (years, payment) = t.term(i);
                (key, region, Some(years), Some(payment))
            }
        }
    }

    /// Whether `self` and `next` are rows of the same compact terms in their order there,
    /// which is `combine`'s order already (`ReservedCollector::finish_terms` sorts them so).
    fn in_term_order(self, next: RateRef<'_>) -> bool {
        matches!((self, next), (RateRef::Term(t, i), RateRef::Term(u, j)) if std::ptr::eq(t, u) && i < j)
    }

    /// Whether `self` and `other` are one `commitments.csv` group (`group`), by number when
    /// both are terms of the same import.
    fn same_group(self, other: RateRef<'_>) -> bool {
        match (self, other) {
            (RateRef::Term(t, i), RateRef::Term(u, j)) if std::ptr::eq(t, u) => t.same_group(i, j),
            _ => self.group() == other.group(),
        }
    }

    fn sku(self) -> &'a str {
        match self {
            RateRef::Row(r) => &r.sku,
            RateRef::Term(t, i) => t.sku(i),
        }
    }

    fn effective(self) -> &'a str {
        match self {
            RateRef::Row(r) => &r.effective,
            RateRef::Term(t, _) => t.effective(),
        }
    }

    fn rate_row(self) -> RateRow {
        match self {
            RateRef::Row(r) => r.clone(),
            RateRef::Term(t, i) => t.rate_row(i),
        }
    }

    /// The row's columns; a Reserved term's `source` text is made in `source`.
    fn fields<'b>(&'b self, source: &'b mut String) -> RateFields<'b> {
        match *self {
            RateRef::Row(r) => r.fields(),
            RateRef::Term(t, i) => t.fields(i, source),
        }
    }
}

/// The rates of several imports combined: one per (key, region, term, payment), in
/// `commitments.csv` order, borrowed from the imports.
#[derive(Debug, Default)]
pub struct CombinedRates<'a> {
    kept: Vec<RateRef<'a>>,
}

impl CombinedRates<'_> {
    /// Number of rows `commitments.csv` gets.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The regions of the rows, in row order, each run of equal regions once.
    pub fn regions(&self) -> impl Iterator<Item = &str> {
        let mut last: Option<&str> = None;
        self.kept.iter().filter_map(move |r| {
            let region = r.group().1;
            (last != Some(region)).then(|| {
                last = Some(region);
                region
            })
        })
    }

    /// Every row as an owned `RateRow`, in file order.
    pub fn rate_rows(&self) -> Vec<RateRow> {
        self.kept.iter().map(|r| r.rate_row()).collect()
    }

    /// Write `commitments.csv` (the `rates.csv` layout, header first) to `out`. Large files
    /// are rendered in chunks of rows by one thread per core (at most 4) and written in order
    /// as they come: the same bytes as one writer's, in a fraction of the time (hundreds of
    /// thousands of rows from one offer file).
    pub fn write_csv<W: std::io::Write>(&self, out: W) -> std::io::Result<W> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        self.write_csv_with(out, threads, CHUNK_ROWS)
    }

    fn write_csv_with<W: std::io::Write>(
        &self,
        out: W,
        threads: usize,
        chunk_rows: usize,
    ) -> std::io::Result<W> {
        let mut out = RatesWriter::new(out)?.finish()?;
        if threads < 2 || self.kept.len() <= chunk_rows {
            out.write_all(&render(&self.kept, Vec::new())?)?;
            return Ok(out);
        }
        std::thread::scope(|scope| {
            // Per renderer: rendered chunks out (a few in flight), spent buffers back.
            let mut lanes = Vec::with_capacity(threads);
            for first in 0..threads {
                let (chunk_tx, chunks) = std::sync::mpsc::sync_channel(2);
                let (spent, spent_rx) = std::sync::mpsc::channel();
                let mine = self.kept.chunks(chunk_rows).skip(first).step_by(threads);
                scope.spawn(move || {
                    for rows in mine {
                        let buf = render(rows, spent_rx.try_recv().unwrap_or_default());
                        if chunk_tx.send(buf).is_err() {
                            return; // the writer stopped (a write failed)
                        }
                    }
                });
                lanes.push((chunks, spent));
            }
            for k in 0..self.kept.len().div_ceil(chunk_rows) {
                let (chunks, spent) = &lanes[k % threads];
                let buf = chunks
                    .recv()
                    .map_err(|_| std::io::Error::other("a row-rendering thread stopped"))??;
                out.write_all(&buf)?;
                let _ = spent.send(buf);
            }
            Ok(out)
        })
    }
}

/// Rows per chunk a rendering thread makes at a time (~1 MiB of text).
const CHUNK_ROWS: usize = 4096;

/// The CSV text of `rows` (no header), in `buf` (cleared first).
fn render(rows: &[RateRef<'_>], mut buf: Vec<u8>) -> std::io::Result<Vec<u8>> {
    buf.clear();
    let mut w = RatesWriter::rows_only(buf);
    let mut source = String::new();
    for r in rows {
        w.write(&r.fields(&mut source))?;
    }
    w.finish()
}

/// `combine`'s order: by group, newest first, then by SKU.
fn rate_order(a: &RateRef<'_>, b: &RateRef<'_>) -> std::cmp::Ordering {
    a.group()
        .cmp(&b.group())
        .then_with(|| b.effective().cmp(a.effective()))
        .then_with(|| a.sku().cmp(b.sku()))
}

/// Combine the commitment rates of several imports (in import order): one row per (key,
/// region, term, payment); the newer publication wins, then the smaller SKU; losers are
/// reported as warnings.
pub fn combine<'a>(
    imports: impl IntoIterator<Item = &'a ImportedRates>,
) -> (CombinedRates<'a>, Vec<String>) {
    // One stable sort puts each (key, region, term, payment) group together, newest first
    // and then by SKU (equal rows keep their input order), instead of a map of groups.
    let mut refs: Vec<RateRef<'a>> = imports.into_iter().flat_map(|i| i.refs()).collect();
    // One import's rates come in this order already (`ReservedCollector::finish_terms`).
    if !refs.is_sorted_by(|a, b| a.in_term_order(*b) || rate_order(a, b).is_le()) {
        refs.sort_by(rate_order);
    }
    let mut kept = Vec::with_capacity(refs.len());
    let mut warnings = Vec::new();
    let mut refs = refs.into_iter().peekable();
    while let Some(first) = refs.next() {
        // The other candidates of this group, the same (SKU, effective) counted once.
        let mut others: Vec<RateRef<'_>> = Vec::new();
        while let Some(next) = refs.next_if(|r| r.same_group(first)) {
            let last = others.last().unwrap_or(&first);
            if !(next.sku() == last.sku() && next.effective() == last.effective()) {
                others.push(next);
            }
        }
        if !others.is_empty() {
            warnings.push(candidates(first, &others));
        }
        kept.push(first);
    }
    (CombinedRates { kept }, warnings)
}

/// The warning for a group claimed by several rates; `first` is kept.
fn candidates(first: RateRef<'_>, others: &[RateRef<'_>]) -> String {
    let (key, region, years, payment) = first.group();
    format!(
        "{key} / {region} / {} yr {}: {} candidate rates ({}); kept {}",
        years.map(|y| y.to_string()).unwrap_or_default(),
        payment.map(Payment::key).unwrap_or(""),
        others.len() + 1,
        std::iter::once(&first)
            .chain(others)
            .map(|r| r.sku())
            .collect::<Vec<_>>()
            .join(", "),
        first.sku()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::offer::reserved::{At, Part, ReservedCollector};
    use crate::pricing::offer::{OfferMeta, RegionFilter};
    use rust_decimal_macros::dec;

    const OD: &str = "rds.postgresql.single_az.db.t4g.micro";

    /// An import of `file` published on `date` holding the given Reserved prices.
    fn import(
        file: &str,
        date: &str,
        prices: &[(&str, u32, Payment, Part, &str)],
    ) -> ImportedRates {
        let meta = OfferMeta::rds(file, date);
        let mut c = ReservedCollector::default();
        for (n, &(sku_term, years, payment, part, usd)) in prices.iter().enumerate() {
            let usd = usd.parse().unwrap();
            let at = At::Line(n as u64 + 7);
            c.add(
                file,
                at,
                OD,
                "eu-west-2",
                sku_term,
                (years, payment),
                part,
                usd,
            )
            .unwrap();
        }
        let on_demand = |_: &str, _: &str, _: &str| Some(dec!(0.018));
        let terms = c
            .finish_terms(&meta, &RegionFilter::default(), &on_demand, &mut Vec::new())
            .unwrap();
        terms.into()
    }

    #[test]
    fn the_newer_import_wins_a_claimed_term_and_rows_stream_in_file_order() {
        use Part::{Hourly, Upfront};
        let older = import(
            "a.csv",
            "2026-09-04",
            &[("S.T", 1, Payment::NoUpfront, Hourly, "0.01")],
        );
        let newer = import(
            "b.csv",
            "2026-10-01",
            &[
                ("R.U", 3, Payment::AllUpfront, Upfront, "876"),
                ("R.U", 3, Payment::AllUpfront, Hourly, "0"),
                ("R.T", 1, Payment::NoUpfront, Hourly, "0.02"),
            ],
        );
        let imports = [older, newer];
        let (rates, warnings) = combine(&imports);
        assert_eq!(
            warnings,
            ["rds.reserved.postgresql.single_az.db.t4g.micro / eu-west-2 / 1 yr no-upfront: 2 candidate rates (R.T, S.T); kept R.T"]
        );
        assert_eq!(rates.len(), 2);
        assert_eq!(rates.regions().collect::<Vec<_>>(), ["eu-west-2"]);
        let text = String::from_utf8(rates.write_csv(Vec::new()).unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("key,region,unit,offering_class,term_years"));
        // 1 yr no upfront: 0 upfront, 0.02 an hour, effective 0.02.
        let key = "rds.reserved.postgresql.single_az.db.t4g.micro";
        assert_eq!(
            lines[1],
            format!("{key},eu-west-2,hour,standard,1,no-upfront,0,0.02,0.02,0.018,upfront+hourly,R.T,2026-10-01,\"AWS Price List AmazonRDS 1 (b.csv), Reserved term R.T (Standard, 1 yr, no-upfront): upfront fee + hourly fee [grade A]\"")
        );
        // 3 yr all upfront: 876 / (3 x 8,760 h) = 876 / 26,280 = 0.0333333333 (10 places).
        assert_eq!(
            lines[2],
            format!("{key},eu-west-2,hour,standard,3,all-upfront,876,0,0.0333333333,0.018,upfront+hourly,R.U,2026-10-01,\"AWS Price List AmazonRDS 1 (b.csv), Reserved term R.U (Standard, 3 yr, all-upfront): upfront fee + hourly fee [grade A]\"")
        );
        // The owned rows are the same rates.
        let rows = rates.rate_rows();
        assert_eq!(rows[1].effective_hourly, dec!(0.0333333333));
        assert_eq!(rows[0].sku, "R.T");
        assert_eq!(imports[1].rate_rows().len(), 2);
    }

    #[test]
    fn rows_rendered_in_chunks_by_several_threads_are_the_same_bytes() {
        // 64 rows: 2 engines x 2 deployments x 8 classes x 1 and 3 years.
        let meta = OfferMeta::rds("f.csv", "2026-09-04");
        let mut c = ReservedCollector::default();
        let sizes = [
            "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge",
        ];
        let mut line = 7;
        for engine in ["mysql", "postgresql"] {
            for az in ["single_az", "multi_az"] {
                for size in sizes {
                    let od = format!("rds.{engine}.{az}.db.m5.{size}");
                    for years in [1, 3] {
                        line += 1;
                        let term = (years, Payment::NoUpfront);
                        let usd = rust_decimal::Decimal::new(line as i64, 4);
                        let sku = format!("S{line}.T");
                        c.add(
                            "f.csv",
                            At::Line(line),
                            &od,
                            "eu-west-2",
                            &sku,
                            term,
                            Part::Hourly,
                            usd,
                        )
                        .unwrap();
                    }
                }
            }
        }
        let on_demand = |_: &str, _: &str, _: &str| Some(dec!(0.5));
        let terms = c
            .finish_terms(&meta, &RegionFilter::default(), &on_demand, &mut Vec::new())
            .unwrap();
        let imports = [ImportedRates::from(terms)];
        let (rates, _) = combine(&imports);
        assert_eq!(rates.len(), 64);
        let one = rates.write_csv_with(Vec::new(), 1, CHUNK_ROWS).unwrap();
        assert_eq!(String::from_utf8_lossy(&one).lines().count(), 65);
        for (threads, chunk_rows) in [(2, 1), (2, 4), (3, 5), (4, 63), (2, 64), (3, 100)] {
            let many = rates
                .write_csv_with(Vec::new(), threads, chunk_rows)
                .unwrap();
            assert_eq!(
                String::from_utf8_lossy(&many),
                String::from_utf8_lossy(&one),
                "{threads} threads, {chunk_rows} rows per chunk"
            );
        }
    }

    #[test]
    fn one_imports_terms_come_in_combine_order_and_groups_match_by_number() {
        // Prices of three products, two SKUs claiming one of them, added out of order.
        let meta = OfferMeta::rds("f.csv", "2026-09-04");
        let mut c = ReservedCollector::default();
        let adds = [
            ("rds.postgresql.single_az.db.m5.large", "Z.T", 3),
            ("rds.mysql.single_az.db.m5.large", "B.T", 1),
            ("rds.postgresql.single_az.db.m5.large", "A.T", 3),
            ("rds.mysql.multi_az.db.m5.large", "C.T", 3),
            ("rds.mysql.single_az.db.m5.large", "B.U", 3),
            ("rds.postgresql.single_az.db.m5.large", "A.T", 1),
        ];
        for (n, (od, sku, years)) in adds.into_iter().enumerate() {
            let term = (years, Payment::NoUpfront);
            let usd = rust_decimal::Decimal::new(n as i64 + 1, 3);
            c.add(
                "f.csv",
                At::Line(n as u64 + 7),
                od,
                "eu-west-2",
                sku,
                term,
                Part::Hourly,
                usd,
            )
            .unwrap();
        }
        let on_demand = |_: &str, _: &str, _: &str| None;
        let terms = c
            .finish_terms(&meta, &RegionFilter::default(), &on_demand, &mut Vec::new())
            .unwrap();
        let imported = ImportedRates::from(terms);
        let refs: Vec<RateRef<'_>> = imported.refs().collect();
        assert_eq!(refs.len(), 6);
        for w in refs.windows(2) {
            assert!(
                rate_order(&w[0], &w[1]).is_lt(),
                "{:?} then {:?}",
                w[0].group(),
                w[1].group()
            );
            assert_eq!(w[0].same_group(w[1]), w[0].group() == w[1].group());
        }
        // Z.T and A.T claim postgresql 3 yr: one group, A.T kept with a warning.
        let (rates, warnings) = combine([&imported]);
        assert_eq!(rates.len(), 5);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("(A.T, Z.T); kept A.T"), "{warnings:?}");
    }
}
