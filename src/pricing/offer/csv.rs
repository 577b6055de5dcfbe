//! Streaming reader of CSV offer files (`index.csv`): metadata lines, the header, then one
//! row per price dimension, read record by record into one reused buffer.
use super::mapping::{self, Attr};
use super::prefilter::{LineQueue, Prefilter};
use super::{parse_decimal, parse_range, Collector, Dim, Imported, OfferMeta, RegionFilter};
use crate::error::{Error, Result};
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

/// Import a CSV offer file from a (buffered) reader.
pub fn import<R: std::io::Read>(name: &str, reader: R, regions: &RegionFilter) -> Result<Imported> {
    let lines: LineQueue = LineQueue::default();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(Prefilter::new(reader, lines.clone()));
    // The original line of the record just read (the prefilter drops lines before parsing).
    let line_of = |record: &csv::ByteRecord| -> u64 {
        lines
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| record.position().map(|p| p.line()).unwrap_or(0))
    };
    let malformed = |e: csv::Error| super::prefilter::csv_error(name, e);
    let mut meta = OfferMeta {
        file: name.to_string(),
        ..OfferMeta::default()
    };
    let mut record = csv::ByteRecord::new();
    // Metadata lines ("FormatVersion","v1.0" ... "OfferCode","AWSLambda"), then the header.
    let mut cols = None;
    for _ in 0..20 {
        if !rdr.read_byte_record(&mut record).map_err(malformed)? {
            break;
        }
        let line = line_of(&record);
        let first = text(&record, 0);
        if first == "SKU" {
            if meta.offer_code.contains("SavingsPlan") {
                let header = record.clone();
                return super::savings_plan::import_csv(
                    name, meta, &mut rdr, &header, line, line_of, regions,
                );
            }
            cols = Some(Columns::from_header(name, line, &record)?);
            break;
        }
        let value = text(&record, 1).to_string();
        match first {
            "Version" => meta.version = value,
            "Publication Date" => meta.publication_date = value,
            "OfferCode" => meta.offer_code = value,
            _ => {}
        }
    }
    let cols = cols.ok_or_else(|| {
        Error::Input(format!(
            "{name}: no header row starting with \"SKU\" in the first lines; expected an AWS Price List CSV offer file (metadata lines, then the header)"
        ))
    })?;
    for (what, v) in [
        ("OfferCode", &meta.offer_code),
        ("Version", &meta.version),
        ("Publication Date", &meta.publication_date),
    ] {
        if v.is_empty() {
            return Err(Error::Input(format!(
                "{name}: the metadata line \"{what}\" is missing before the header; expected an AWS Price List CSV offer file"
            )));
        }
    }
    let offer = meta.offer_code.clone();
    if !mapping::OFFERS.contains(&offer.as_str()) {
        return Err(Error::Input(format!(
            "{name}: offer `{offer}` has no prices archcost uses; supported offers: {}",
            mapping::OFFERS.join(", ")
        )));
    }
    let mut collector = Collector::default();
    let mut product = LastProduct::default();
    while rdr.read_byte_record(&mut record).map_err(malformed)? {
        let line = line_of(&record);
        if record.len() != cols.width {
            return Err(width_error(name, line, &record, cols.width));
        }
        // Reserved rows sit in the same file as OnDemand rows (most of an EC2 file; the
        // prefilter already dropped the plainly quoted ones). Anything else is a damaged
        // row: counted and reported, never dropped silently.
        let reserved = match record.get(cols.term_type) {
            Some(b"OnDemand") => false,
            Some(b"Reserved") => true,
            other => {
                let shown = String::from_utf8_lossy(other.unwrap_or_default()).into_owned();
                collector.skipped_rows.add(
                    line,
                    format!("TermType `{shown}` is neither OnDemand nor Reserved (bad quoting?)"),
                );
                continue;
            }
        };
        if let Err(e) = std::str::from_utf8(record.as_slice()) {
            collector.skipped_rows.add(
                line,
                format!("invalid UTF-8 (byte {} of the row)", e.valid_up_to()),
            );
            continue;
        }
        // A SKU's rows (its on-demand price and Reserved terms) repeat the same product
        // attributes: map the product once per run of equal attributes.
        if !product.same(&cols, &record) {
            let get = |a: Attr| match cols.attrs[a.index()] {
                Some(ix) => text(&record, ix),
                None => "",
            };
            product.target = mapping::map_product(&offer, &get);
        }
        let Some(target) = &product.target else {
            continue;
        };
        if text(&record, cols.currency) != "USD" {
            continue;
        }
        let bad = |col: &str, v: &str| {
            Error::Input(format!(
                "{name}: line {line}, column {col}: expected a decimal number, found `{v}`"
            ))
        };
        let price_text = text(&record, cols.price);
        let usd = parse_decimal(price_text).ok_or_else(|| bad("PricePerUnit", price_text))?;
        if reserved {
            if usd < Decimal::ZERO {
                return Err(bad("PricePerUnit", price_text));
            }
            add_reserved(name, line, &cols, &record, target, usd, &mut collector)?;
            continue;
        }
        let begin_text = text(&record, cols.begin);
        let begin = match parse_range(begin_text) {
            None => Decimal::ZERO,
            Some(Some(b)) => b,
            Some(None) => return Err(bad("StartingRange", begin_text)),
        };
        let end_text = text(&record, cols.end);
        let end = parse_range(end_text).unwrap_or_default();
        if !end_text.is_empty() && !end_text.eq_ignore_ascii_case("inf") && end.is_none() {
            return Err(bad("EndingRange", end_text));
        }
        if usd < Decimal::ZERO {
            return Err(bad("PricePerUnit", price_text));
        }
        collector.add(
            target,
            text(&record, cols.sku),
            Dim {
                begin,
                end,
                usd,
                unit: text(&record, cols.unit).to_string(),
            },
        );
    }
    let commitments = collector.take_commitments(&meta, regions)?;
    let skipped_units = std::mem::take(&mut collector.skipped_units);
    let skipped_rows = std::mem::take(&mut collector.skipped_rows);
    let rows = collector.finish(&meta, regions)?;
    meta.rows = rows.len();
    Ok(Imported {
        meta,
        rows,
        commitments,
        skipped_units,
        skipped_rows,
    })
}

/// One price of a Reserved term (EC2 / RDS Standard RI): the `Hrs` fee or the "Upfront Fee".
fn add_reserved(
    name: &str,
    line: u64,
    cols: &Columns,
    record: &csv::ByteRecord,
    target: &mapping::Target,
    usd: Decimal,
    collector: &mut Collector,
) -> Result<()> {
    let col = |c: Option<usize>| c.map(|ix| text(record, ix)).unwrap_or("");
    let attrs = super::reserved::TermAttrs {
        lease: col(cols.lease),
        purchase_option: col(cols.purchase_option),
        offering_class: col(cols.offering_class),
    };
    let Some(term) = attrs.parse() else {
        return Ok(());
    };
    let part = match text(record, cols.unit) {
        "Hrs" => super::reserved::Part::Hourly,
        "Quantity" if col(cols.description).eq_ignore_ascii_case("Upfront Fee") => {
            super::reserved::Part::Upfront
        }
        _ => return Ok(()),
    };
    let sku = text(record, cols.sku);
    let sku_term = match col(cols.term_code) {
        "" => sku.to_string(),
        code => format!("{sku}.{code}"),
    };
    collector.reserved.add(
        name,
        &|| format!("line {line}"),
        &target.key,
        &target.region,
        &sku_term,
        term,
        part,
        usd,
    )
}

fn width_error(name: &str, line: u64, record: &csv::ByteRecord, width: usize) -> Error {
    Error::Input(format!(
        "{name}: line {line}: malformed CSV: {} fields where the header has {width}\n  hint: the file is damaged or truncated; download it again",
        record.len()
    ))
}
