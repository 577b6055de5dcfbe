//! Streaming reader of CSV offer files (`index.csv`): metadata lines, the header, then one
//! row per price dimension, read record by record into one reused buffer.
use super::mapping::{self, Attr};
use super::pipe::Lines;
use super::prefilter::LineQueue;
use super::reserved::Part;
use super::{parse_decimal, parse_range, Collector, Dim, Imported, OfferMeta, RegionFilter};
use crate::error::{Error, Result};
use crate::pricing::commitments::Payment;
use rust_decimal::Decimal;

/// Column positions of the fields the importer reads, found by header name.
struct Columns {
    sku: usize,
    term_type: usize,
    begin: usize,
    end: usize,
    unit: usize,
    price: usize,
    currency: usize,
    /// Reserved-term columns (absent from files without Reserved terms).
    term_code: Option<usize>,
    description: Option<usize>,
    lease: Option<usize>,
    purchase_option: Option<usize>,
    offering_class: Option<usize>,
    attrs: [Option<usize>; Attr::ALL.len()],
    width: usize,
}

impl Columns {
    fn from_header(name: &str, line: u64, header: &csv::ByteRecord) -> Result<Columns> {
        let names: Vec<String> = header
            .iter()
            .map(|h| mapping::canonical_name(&String::from_utf8_lossy(h)))
            .collect();
        let find = |want: &str| names.iter().position(|n| n == want);
        let need = |want: &str, shown: &str| {
            find(want).ok_or_else(|| {
                Error::Input(format!(
                    "{name}: line {line}: the header has no `{shown}` column\n  hint: expected an AWS Price List CSV offer file (index.csv) with columns SKU, TermType, StartingRange, EndingRange, Unit, PricePerUnit, Currency and the product attributes"
                ))
            })
        };
        let mut attrs = [None; Attr::ALL.len()];
        for a in Attr::ALL {
            attrs[a.index()] = find(a.canonical());
        }
        if attrs[Attr::UsageType.index()].is_none() {
            return Err(Error::Input(format!(
                "{name}: line {line}: the header has no `usageType` column; this is not a regional offer file archcost can map (Savings Plan files are not supported)"
            )));
        }
        Ok(Columns {
            sku: need("sku", "SKU")?,
            term_type: need("termtype", "TermType")?,
            begin: need("startingrange", "StartingRange")?,
            end: need("endingrange", "EndingRange")?,
            unit: need("unit", "Unit")?,
            price: need("priceperunit", "PricePerUnit")?,
            currency: need("currency", "Currency")?,
            term_code: find("offertermcode"),
            description: find("pricedescription"),
            lease: find("leasecontractlength"),
            purchase_option: find("purchaseoption"),
            offering_class: find("offeringclass"),
            attrs,
            width: header.len(),
        })
    }
}

/// The product attributes of the last row mapped, and what they mapped to.
#[derive(Default)]
struct LastProduct {
    /// The attribute fields, each followed by 0xFF (a byte UTF-8 text never holds).
    attrs: Vec<u8>,
    scratch: Vec<u8>,
    seen: bool,
    target: Option<mapping::Target>,
}

impl LastProduct {
    /// Whether `record` has the same product attributes as the last row (then `target`
    /// holds; otherwise the caller maps it and stores the result in `target`).
    fn same(&mut self, cols: &Columns, record: &csv::ByteRecord) -> bool {
        self.scratch.clear();
        for ix in cols.attrs.iter().flatten() {
            self.scratch
                .extend_from_slice(record.get(*ix).unwrap_or_default());
            self.scratch.push(0xFF);
        }
        if self.seen && self.scratch == self.attrs {
            return true;
        }
        std::mem::swap(&mut self.scratch, &mut self.attrs);
        self.seen = true;
        false
    }
}

fn text(record: &csv::ByteRecord, ix: usize) -> &str {
    record
        .get(ix)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

/// A row's fields, read from a whole record or from the leading fields of a line whose
/// product attributes are those of the row before (`Leading`).
trait Fields {
    fn field(&self, ix: usize) -> &[u8];
    fn text(&self, ix: usize) -> &str {
        std::str::from_utf8(self.field(ix)).unwrap_or("")
    }
}

impl Fields for csv::ByteRecord {
    fn field(&self, ix: usize) -> &[u8] {
        self.get(ix).unwrap_or_default()
    }
}

/// The most leading (term) columns a line is split into on the fast path.
const MAX_LEADING: usize = 24;

/// The term columns of a line, before its product attributes, as text (the leading part of
/// the line is checked to be UTF-8 once, not field by field).
struct Leading<'a>([&'a str; MAX_LEADING]);

impl Fields for Leading<'_> {
    fn field(&self, ix: usize) -> &[u8] {
        self.text(ix).as_bytes()
    }

    fn text(&self, ix: usize) -> &str {
        self.0.get(ix).copied().unwrap_or_default()
    }
}

/// The fast path: lines of one SKU repeat the product attribute columns byte for byte, and
/// those come after every term column the importer reads (AWS's layout), so when a line's
/// bytes from the first attribute column on equal the last mapped line's, only its leading
/// fields are split and the product's mapping is reused.
struct Repeat {
    /// Index of the first product attribute column.
    leading: usize,
    /// The attribute part (from the first attribute column) of the last line whose product
    /// was mapped (`LastProduct`); empty when unknown.
    tail: Vec<u8>,
}

impl Repeat {
    fn new(cols: &Columns) -> Option<Repeat> {
        let leading = cols.attrs.iter().flatten().copied().min()?;
        let terms = [
            Some(cols.sku),
            Some(cols.term_type),
            Some(cols.begin),
            Some(cols.end),
            Some(cols.unit),
            Some(cols.price),
            Some(cols.currency),
            cols.term_code,
            cols.description,
            cols.lease,
            cols.purchase_option,
            cols.offering_class,
        ];
        let fits = leading <= MAX_LEADING && terms.iter().flatten().all(|&c| c < leading);
        fits.then(|| Repeat {
            leading,
            tail: Vec::new(),
        })
    }

    /// The leading fields of `line` when its attribute part is the last mapped line's.
    fn split<'a>(&self, line: &'a [u8]) -> Option<Leading<'a>> {
        if self.tail.is_empty() {
            return None;
        }
        let mut fields = [&b""[..]; MAX_LEADING];
        let mut n = 0;
        let split = super::split::plain(line, self.leading, |f| {
            fields[n] = f;
            n += 1;
        })?;
        let super::split::Split::Rest(at) = split else {
            return None;
        };
        if line[at..] != self.tail[..] {
            return None;
        }
        let lead = std::str::from_utf8(&line[..at]).ok()?;
        // Each field as the text at its place in `lead` (fields start and end at ASCII
        // delimiters, so these are character boundaries).
        let mut texts = [""; MAX_LEADING];
        for (text, field) in texts.iter_mut().zip(&fields[..n]) {
            let start = field.as_ptr() as usize - line.as_ptr() as usize;
            *text = lead.get(start..start + field.len())?;
        }
        Some(Leading(texts))
    }

    /// Remember the attribute part of `line`, whose product was just mapped.
    fn remember(&mut self, line: &[u8]) {
        self.tail.clear();
        if let Some(super::split::Split::Rest(at)) = super::split::plain(line, self.leading, |_| {})
        {
            self.tail.extend_from_slice(&line[at..]);
        }
    }
}

/// Import a CSV offer file from a (buffered) reader.
/// The file is read and prefiltered on a second thread (`pipe`).
pub fn import<R: std::io::Read + Send>(
    name: &str,
    reader: R,
    regions: &RegionFilter,
) -> Result<Imported> {
    std::thread::scope(|scope| {
        let lines: LineQueue = LineQueue::default();
        let src = Lines::spawn(scope, reader, lines.clone());
        import_lines(name, src, lines, regions)
    })
}

/// Import the kept lines of a CSV offer file (`lines` receives the line numbers of lines
/// read through `Read`).
fn import_lines(
    name: &str,
    mut src: Lines,
    lines: LineQueue,
    regions: &RegionFilter,
) -> Result<Imported> {
    let malformed = |e: csv::Error| super::prefilter::csv_error(name, e);
    let read_error = |e: std::io::Error| malformed(csv::Error::from(e));
    let mut meta = OfferMeta {
        file: name.to_string(),
        ..OfferMeta::default()
    };
    let mut record = csv::ByteRecord::new();
    let mut more = Vec::new();
    let header = preamble(name, &mut src, &mut meta)?;
    let Some((line, header)) = header else {
        return Err(Error::Input(format!(
            "{name}: no header row starting with \"SKU\" in the first lines; expected an AWS Price List CSV offer file (metadata lines, then the header)"
        )));
    };
    if meta.offer_code.contains("SavingsPlan") {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(src);
        let line_of = |record: &csv::ByteRecord| -> u64 {
            lines
                .borrow_mut()
                .pop_front()
                .unwrap_or_else(|| record.position().map(|p| p.line()).unwrap_or(0))
        };
        return super::savings_plan::import_csv(
            name, meta, &mut rdr, &header, line, line_of, regions,
        );
    }
    let cols = Columns::from_header(name, line, &header)?;
    check_meta(name, &meta)?;
    let mut rows = Rows {
        name,
        offer: meta.offer_code.clone(),
        cols: &cols,
        collector: Collector::default(),
        product: LastProduct::default(),
        sku_term: String::new(),
    };
    let mut repeat = Repeat::new(&cols);
    while let Some((range, line)) = src.next_line().map_err(read_error)? {
        let text = src.line(range);
        if let Some(leading) = repeat.as_ref().and_then(|r| r.split(text)) {
            rows.row(line, &leading, cols.width, None)?;
            continue;
        }
        let n = super::split::record(text, &mut record, &mut more).map_err(malformed)?;
        let recs = std::iter::once(&record).chain(more.iter().skip(1)).take(n);
        for rec in recs {
            // A line the csv parser reads as several records: each at its own line.
            let at = line + rec.position().map_or(1, |p| p.line()).max(1) - 1;
            let mapped = rows.row(at, rec, rec.len(), Some(rec))?;
            if let Some(r) = repeat.as_mut() {
                match mapped {
                    true if n == 1 => r.remember(text),
                    true => r.tail.clear(),
                    false => {}
                }
            }
        }
    }
    rows.collector.into_imported(meta, regions)
}

/// Read the metadata lines ("FormatVersion","v1.0" ... "OfferCode","AWSLambda") into `meta`
/// up to the header (within the first 20 records); the header and its line, if found.
fn preamble(
    name: &str,
    src: &mut Lines,
    meta: &mut OfferMeta,
) -> Result<Option<(u64, csv::ByteRecord)>> {
    let malformed = |e: csv::Error| super::prefilter::csv_error(name, e);
    let mut record = csv::ByteRecord::new();
    let mut more = Vec::new();
    let mut seen = 0;
    while seen < 20 {
        let Some((range, line)) = src.next_line().map_err(|e| malformed(e.into()))? else {
            break;
        };
        let n = super::split::record(src.line(range), &mut record, &mut more).map_err(malformed)?;
        let recs = std::iter::once(&record).chain(more.iter().skip(1)).take(n);
        for rec in recs.take(20 - seen) {
            seen += 1;
            let first = rec.text(0);
            if first == "SKU" {
                return Ok(Some((line, rec.clone())));
            }
            let value = rec.text(1).to_string();
            match first {
                "Version" => meta.version = value,
                "Publication Date" => meta.publication_date = value,
                "OfferCode" => meta.offer_code = value,
                _ => {}
            }
        }
    }
    Ok(None)
}

/// The metadata lines a CSV offer file must have, and an offer archcost maps.
fn check_meta(name: &str, meta: &OfferMeta) -> Result<()> {
    meta.require_lines(name, "an AWS Price List CSV offer file")?;
    let offer = &meta.offer_code;
    if !mapping::OFFERS.contains(&offer.as_str()) {
        return Err(Error::Input(format!(
            "{name}: offer `{offer}` has no prices archcost uses; supported offers: {}",
            mapping::OFFERS.join(", ")
        )));
    }
    Ok(())
}

/// The data rows of one file, read into a collector.
struct Rows<'a> {
    name: &'a str,
    offer: String,
    cols: &'a Columns,
    collector: Collector,
    product: LastProduct,
    /// Scratch for a Reserved row's `SKU.OfferTermCode`.
    sku_term: String,
}

impl Rows<'_> {
    /// Read one row of `width` fields at `line`. `record` is the whole row when it was
    /// parsed (then its product is mapped, or found equal to the last row's); without it the
    /// row is the last row's product (`Repeat`). True when the row's product was mapped.
    fn row(
        &mut self,
        line: u64,
        fields: &impl Fields,
        width: usize,
        record: Option<&csv::ByteRecord>,
    ) -> Result<bool> {
        let (name, cols) = (self.name, self.cols);
        if width != cols.width {
            return Err(width_error(name, line, width, cols.width));
        }
        let collector = &mut self.collector;
        // Reserved rows sit in the same file as OnDemand rows (most of an EC2 file; the
        // prefilter already dropped the plainly quoted ones). Anything else is a damaged
        // row: counted and reported, never dropped silently.
        let reserved = match fields.field(cols.term_type) {
            b"OnDemand" => false,
            b"Reserved" => true,
            other => {
                let shown = String::from_utf8_lossy(other).into_owned();
                collector.skipped_rows.add(
                    line,
                    format!("TermType `{shown}` is neither OnDemand nor Reserved (bad quoting?)"),
                );
                return Ok(false);
            }
        };
        if let Some(record) = record {
            if let Err(e) = std::str::from_utf8(record.as_slice()) {
                collector.skipped_rows.add(
                    line,
                    format!("invalid UTF-8 (byte {} of the row)", e.valid_up_to()),
                );
                return Ok(false);
            }
            // A SKU's rows (its on-demand price and Reserved terms) repeat the same product
            // attributes: map the product once per run of equal attributes.
            if !self.product.same(cols, record) {
                let get = |a: Attr| match cols.attrs[a.index()] {
                    Some(ix) => text(record, ix),
                    None => "",
                };
                self.product.target = mapping::map_product(&self.offer, &get);
            }
        }
        let Some(target) = &self.product.target else {
            return Ok(true);
        };
        if fields.text(cols.currency) != "USD" {
            return Ok(true);
        }
        let bad = |col: &str, v: &str| {
            Error::Input(format!(
                "{name}: line {line}, column {col}: expected a decimal number, found `{v}`"
            ))
        };
        let price_text = fields.text(cols.price);
        let usd = parse_decimal(price_text).ok_or_else(|| bad("PricePerUnit", price_text))?;
        if reserved {
            if usd < Decimal::ZERO {
                return Err(bad("PricePerUnit", price_text));
            }
            if let Some((sku_term, term, part)) = reserved_term(cols, fields, &mut self.sku_term) {
                collector.reserved.add(
                    name,
                    super::reserved::At::Line(line),
                    &target.key,
                    &target.region,
                    sku_term,
                    term,
                    part,
                    usd,
                )?;
            }
            return Ok(true);
        }
        let begin_text = fields.text(cols.begin);
        let begin = match parse_range(begin_text) {
            None => Decimal::ZERO,
            Some(Some(b)) => b,
            Some(None) => return Err(bad("StartingRange", begin_text)),
        };
        let end_text = fields.text(cols.end);
        let end = parse_range(end_text).unwrap_or_default();
        if !end_text.is_empty() && !end_text.eq_ignore_ascii_case("inf") && end.is_none() {
            return Err(bad("EndingRange", end_text));
        }
        if usd < Decimal::ZERO {
            return Err(bad("PricePerUnit", price_text));
        }
        collector.add(
            target,
            fields.text(cols.sku),
            Dim {
                begin,
                end,
                usd,
                unit: fields.text(cols.unit),
            },
        );
        Ok(true)
    }
}

/// Which Reserved term (EC2 / RDS Standard RI) a row prices, and which of its two prices it
/// is (the `Hrs` fee or the "Upfront Fee"): (`SKU.OfferTermCode`, (years, payment), part);
/// `None` for terms archcost does not model. `scratch` holds the joined `SKU.OfferTermCode`.
fn reserved_term<'a>(
    cols: &Columns,
    record: &'a impl Fields,
    scratch: &'a mut String,
) -> Option<(&'a str, (u32, Payment), Part)> {
    let col = |c: Option<usize>| c.map(|ix| record.text(ix)).unwrap_or("");
    let attrs = super::reserved::TermAttrs {
        lease: col(cols.lease),
        purchase_option: col(cols.purchase_option),
        offering_class: col(cols.offering_class),
    };
    let term = attrs.parse()?;
    let part = match record.text(cols.unit) {
        "Hrs" => Part::Hourly,
        "Quantity" if col(cols.description).eq_ignore_ascii_case("Upfront Fee") => Part::Upfront,
        _ => return None,
    };
    let sku = record.text(cols.sku);
    let code = col(cols.term_code);
    if code.is_empty() {
        return Some((sku, term, part));
    }
    // Joined in a buffer reused row after row (no allocation per row).
    scratch.clear();
    scratch.push_str(sku);
    scratch.push('.');
    scratch.push_str(code);
    Some((scratch.as_str(), term, part))
}

fn width_error(name: &str, line: u64, fields: usize, width: usize) -> Error {
    Error::Input(format!(
        "{name}: line {line}: malformed CSV: {fields} fields where the header has {width}\n  hint: the file is damaged or truncated; download it again"
    ))
}
