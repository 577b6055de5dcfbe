//! Reading and writing catalog CSV files (docs/reference/catalog.md columns), with row/column error messages.
use super::{Catalog, PriceRow};
use crate::error::{Error, Result};
use crate::text::Text;
use rust_decimal::Decimal;
use std::str::FromStr;

pub const COLUMNS: [&str; 9] = [
    "key",
    "region",
    "unit",
    "tier_begin",
    "tier_end",
    "usd",
    "sku",
    "effective",
    "source",
];

/// Parse catalog CSV text; `name` is used in error messages (a path or "bundled").
pub fn parse(name: &str, text: &str) -> Result<Vec<PriceRow>> {
    parse_reader(name, text.as_bytes())
}

/// Parse a catalog CSV stream (a file is never held whole beside its rows). An `InvalidData`
/// read error (the input is over its bound, see `pricing::load`) is the user's input, exit 2.
pub fn parse_reader<R: std::io::Read>(name: &str, input: R) -> Result<Vec<PriceRow>> {
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    read_rows(name, input, u64::MAX, |row, line| {
        rows.push(row);
        lines.push(line);
    })?;
    check_tiers(name, &rows, &lines)?;
    Ok(rows)
}

/// `parse_reader`, the rows grouped by region as they are read (what `Catalog::from_regions`
/// takes), so a large catalog is never held twice while it is split. `budget`: the most the
/// loaded rows may take in memory (estimated, see `Footprint`); past it the catalog is
/// refused (exit 2) instead of loaded.
pub fn parse_regions<R: std::io::Read>(
    name: &str,
    input: R,
    budget: u64,
) -> Result<std::collections::BTreeMap<String, Vec<PriceRow>>> {
    // Line numbers as u32: a catalog is at most `load::MAX_CATALOG_BYTES` (256 MiB).
    let mut by_region: std::collections::BTreeMap<String, (Vec<PriceRow>, Vec<u32>)> =
        std::collections::BTreeMap::new();
    let mut last_region: Option<super::Text> = None;
    read_rows(name, input, budget, |row, line| {
        // Rows come grouped by region (archcost writes them so): a region's vector is
        // trimmed to its length when the next region starts, so the doubling slack of every
        // finished region is given back while the file is read.
        if last_region.as_ref().is_some_and(|r| *r != row.region) {
            if let Some((rows, lines)) = last_region
                .as_ref()
                .and_then(|r| by_region.get_mut(r.as_str()))
            {
                rows.shrink_to_fit();
                lines.shrink_to_fit();
            }
        }
        if last_region.as_ref() != Some(&row.region) {
            last_region = Some(row.region.clone());
        }
        let (rows, lines) = match by_region.get_mut(row.region.as_str()) {
            Some(group) => group,
            None => by_region.entry(row.region.to_string()).or_default(),
        };
        rows.push(row);
        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
    })?;
    let mut out = std::collections::BTreeMap::new();
    for (region, (mut rows, lines)) in by_region {
        rows.shrink_to_fit();
        check_tiers(name, &rows, &lines)?;
        out.insert(region, rows);
    }
    Ok(out)
}

/// Read and check every row (everything but the tiers of a key, see `check_tiers`), handing
/// each to `push` with its line; repeated text is shared (`Interner`).
fn read_rows<R: std::io::Read>(
    name: &str,
    input: R,
    budget: u64,
    mut push: impl FnMut(PriceRow, usize),
) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| {
            Error::Said(crate::said!(
                "error.catalog.header_unreadable",
                name,
                e.to_string()
            ))
        })?
        .clone();
    let col = |want: &str| -> Result<usize> {
        headers.iter().position(|h| h == want).ok_or_else(|| {
            Error::Said(crate::said!(
                "error.catalog.no_column",
                name,
                want,
                COLUMNS.join(",")
            ))
        })
    };
    let ix: Vec<usize> = COLUMNS.iter().map(|c| col(c)).collect::<Result<_>>()?;
    let mut texts = super::text::Interner::default();
    let mut sources = super::text::Recent::default();
    let mut held = 0u64;
    let mut record = csv::StringRecord::new();
    let mut n = 0usize;
    loop {
        let line = n + 2;
        let more = reader
            .read_record(&mut record)
            .map_err(|e| match e.kind() {
                csv::ErrorKind::Io(io) if io.kind() != std::io::ErrorKind::InvalidData => {
                    Error::io(name, std::io::Error::other(e.to_string()))
                }
                _ => Error::Said(crate::said!(
                    "error.catalog.malformed",
                    name,
                    line,
                    e.to_string()
                )),
            })?;
        if !more {
            break;
        }
        n += 1;
        let row = row_of(name, line, &record, &ix, &mut texts, &mut sources)?;
        let bytes = Footprint::row(&row) + texts.allocated + sources.allocated;
        held = held.saturating_add(bytes as u64);
        texts.allocated = 0;
        sources.allocated = 0;
        if held > budget {
            return Err(over_budget(name, line, held, budget));
        }
        push(row, line);
    }
    Ok(())
}

/// One checked row of a record (`ix`: the record's column of each of `COLUMNS`), its texts
/// shared through `texts` and `sources`.
fn row_of(
    name: &str,
    line: usize,
    record: &csv::StringRecord,
    ix: &[usize],
    texts: &mut super::text::Interner,
    sources: &mut super::text::Recent,
) -> Result<PriceRow> {
    let get = |i: usize| crate::csv_safe::unescape(record.get(ix[i]).unwrap_or("").trim());
    // `what`: the message id of what the column holds (tier start, tier end, price).
    let num = |i: usize, what: &'static str| -> Result<Decimal> {
        let text = get(i);
        Decimal::from_str(text)
            .or_else(|_| Decimal::from_scientific(text))
            .map_err(|_| {
                Error::Said(crate::said!(
                    "error.catalog.not_decimal",
                    name,
                    line,
                    COLUMNS[i],
                    crate::said!(what),
                    text
                ))
            })
    };
    let tier_begin = if get(3).is_empty() {
        Decimal::ZERO
    } else {
        num(3, "error.catalog.tier_start")?
    };
    let tier_end = if get(4).is_empty() || get(4).eq_ignore_ascii_case("inf") {
        None
    } else {
        Some(num(4, "error.catalog.tier_end")?)
    };
    let usd = num(5, "error.catalog.price")?;
    if usd < Decimal::ZERO {
        return Err(Error::Said(crate::said!(
            "error.catalog.negative",
            name,
            line,
            usd
        )));
    }
    for (i, what) in [
        (0, "key"),
        (1, "region"),
        (2, "unit"),
        (7, "effective date"),
    ] {
        if get(i).is_empty() {
            return Err(Error::Said(crate::said!(
                "error.catalog.empty_field",
                name,
                line,
                what
            )));
        }
    }
    if !crate::date::is_date(get(7)) {
        return Err(Error::Said(crate::said!(
            "error.catalog.not_a_date",
            name,
            line,
            get(7)
        )));
    }
    let key = get(0);
    let unit = get(2);
    check_row(name, line, key, unit, usd, tier_begin, tier_end)?;
    Ok(PriceRow {
        key: texts.text(key),
        region: texts.text(get(1)),
        unit: texts.text(unit),
        tier_begin,
        tier_end,
        usd,
        sku: get(6).to_string(),
        effective: texts.text(get(7)),
        // Sources are often one per row (a URL naming the SKU): shared only with the
        // rows just before, so no table of every distinct source is built.
        source: sources.text(get(8)),
    })
}

/// What loaded rows take in memory, estimated as they are read: the row itself, its SKU,
/// its share of the key index (`pricing::RegionRows`), and each distinct text once (counted
/// by `text::Interner` / `text::Recent` as they allocate it).
struct Footprint;

impl Footprint {
    /// Bytes of one row beside the shared text: the struct, its SKU's allocation (rounded to
    /// the allocator's 16 bytes) and an index entry (key and range, with the table's slack).
    fn row(row: &PriceRow) -> usize {
        const INDEX_ENTRY: usize = 48;
        let sku = match row.sku.len() {
            0 => 0,
            n => (n + 8).div_ceil(16) * 16,
        };
        std::mem::size_of::<PriceRow>() + sku + INDEX_ENTRY
    }
}

fn over_budget(name: &str, line: usize, held: u64, budget: u64) -> Error {
    let mib = |b: u64| b.div_ceil(1 << 20);
    Error::Input(format!(
        "{name}: line {line}: the rows read so far take about {} MiB in memory, over the {} MiB this catalog may use (1.5 times its size, at least 64 MiB), so it is not loaded: its rows are very short or each carries its own long text (a different `source` on every row)\n  hint: give the rows of one offer file the same `source` text, or split the catalog into smaller folders",
        mib(held),
        mib(budget)
    ))
}

/// The most a catalog may charge for one unit: far above any AWS list price (the dearest EC2
/// instance is a few hundred USD an hour), low enough that no bill can overflow a Decimal.
fn max_usd_per_unit(unit: &str) -> Decimal {
    use rust_decimal_macros::dec;
    match unit {
        "request" | "message" | "connection-minute" | "read request unit"
        | "write request unit" | "GB-second" | "I/O request" => dec!(0.01),
        "vCPU-hour" | "GB-hour" | "LCU-hour" | "RCU-hour" | "WCU-hour" | "endpoint-AZ-hour"
        | "GB" | "GB-month" | "IOPS-month" => dec!(100),
        "hour" => dec!(5000),
        "month" => dec!(10000),
        _ => dec!(100000),
    }
}

/// One row on its own, in file `name` at `line`: see [`row_problem`].
pub(crate) fn check_row(
    name: &str,
    line: usize,
    key: &str,
    unit: &str,
    usd: Decimal,
    begin: Decimal,
    end: Option<Decimal>,
) -> Result<()> {
    match row_problem(key, unit, usd, begin, end) {
        None => Ok(()),
        Some((what, fix)) => Err(Error::Said(crate::said!(
            "error.catalog.row",
            name,
            line,
            key,
            what,
            fix
        ))),
    }
}

/// What is wrong with one price row, if anything (and how to fix it), as `error.catalog.row_*`
/// messages (their `Display` is the English): the unit must be the key's, the price within the
/// bound for its unit, tier bounds non-negative and ordered. Used when a catalog is loaded and
/// when offer files are imported.
pub fn row_problem(
    key: &str,
    unit: &str,
    usd: Decimal,
    begin: Decimal,
    end: Option<Decimal>,
) -> Option<(Text, Text)> {
    if let Some(want) = super::offer::mapping::unit_of(key) {
        if unit != want {
            return Some((
                crate::said!("error.catalog.row_unit", unit, key, want),
                crate::said!("error.catalog.row_unit_hint"),
            ));
        }
    }
    let max = max_usd_per_unit(unit);
    if usd < Decimal::ZERO || usd > max {
        return Some((
            crate::said!("error.catalog.row_price", usd, unit, max),
            crate::said!("error.catalog.row_price_hint"),
        ));
    }
    if begin < Decimal::ZERO {
        return Some((
            crate::said!("error.catalog.row_begin", begin),
            crate::said!("error.catalog.row_begin_hint"),
        ));
    }
    if let Some(end) = end {
        if end <= begin {
            return Some((
                crate::said!("error.catalog.row_end", end, begin),
                crate::said!("error.catalog.row_end_hint"),
            ));
        }
    }
    None
}

/// The tiers of each (key, region) must start at 0, follow each other without gap or overlap,
/// share one unit, and only the last may be unbounded.
pub(crate) fn check_tiers<L: std::fmt::Display>(
    name: &str,
    rows: &[PriceRow],
    lines: &[L],
) -> Result<()> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&rows[a], &rows[b]);
        (&x.region, &x.key, x.tier_begin).cmp(&(&y.region, &y.key, y.tier_begin))
    });
    let mut prev: Option<usize> = None;
    for &i in &order {
        let row = &rows[i];
        let same = prev.filter(|&p| rows[p].key == row.key && rows[p].region == row.region);
        let expected = match same {
            None => Decimal::ZERO,
            Some(p) => match rows[p].tier_end {
                Some(end) => end,
                None => {
                    return Err(Error::Said(crate::said!(
                        "error.catalog.after_unbounded",
                        name,
                        lines[i].to_string(),
                        row.key.as_ref(),
                        row.region.as_ref(),
                        lines[p].to_string()
                    )))
                }
            },
        };
        if row.tier_begin != expected {
            let what = if same.is_some() && row.tier_begin < expected {
                crate::said!("error.catalog.overlaps")
            } else {
                crate::said!("error.catalog.gap")
            };
            return Err(Error::Said(crate::said!(
                "error.catalog.tier_misplaced",
                name,
                lines[i].to_string(),
                row.key.as_ref(),
                row.region.as_ref(),
                row.tier_begin,
                expected,
                what
            )));
        }
        if let Some(p) = same {
            if rows[p].unit != row.unit {
                return Err(Error::Said(crate::said!(
                    "error.catalog.tier_unit",
                    name,
                    lines[i].to_string(),
                    row.key.as_ref(),
                    row.region.as_ref(),
                    row.unit.as_ref(),
                    rows[p].unit.as_ref(),
                    lines[p].to_string()
                )));
            }
        }
        prev = Some(i);
    }
    Ok(())
}

/// Serialize rows to catalog CSV (sorted as the catalog sorts them).
pub fn write(catalog: &Catalog) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    crate::csv_safe::record(&mut w, COLUMNS);
    // The three numbers of a row, formatted into buffers reused row after row.
    let (mut begin, mut end, mut usd) = (String::new(), String::new(), String::new());
    for r in catalog.each_row() {
        begin.clear();
        end.clear();
        usd.clear();
        crate::money::write_exact(&mut begin, r.tier_begin);
        if let Some(e) = r.tier_end {
            crate::money::write_exact(&mut end, e);
        }
        crate::money::write_exact(&mut usd, r.usd);
        crate::csv_safe::record(
            &mut w,
            [
                r.key.as_str(),
                r.region.as_str(),
                r.unit.as_str(),
                &begin,
                &end,
                &usd,
                r.sku.as_str(),
                r.effective.as_str(),
                r.source.as_str(),
            ],
        );
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` rows of `ec2.linux.t3.micro`-like keys in one region, each with its own source
    /// when `unique`.
    fn catalog(n: usize, unique: bool) -> String {
        let mut text = COLUMNS.join(",");
        for i in 0..n {
            let source = if unique {
                format!("https://example.com/offers/index.csv#row-{i:06}")
            } else {
                "https://example.com/offers/index.csv".to_string()
            };
            text.push_str(&format!(
                "\nec2.linux.x{i}.large,eu-west-2,hour,0,,0.01,SKU{i:06},2026-09-10,{source}"
            ));
        }
        text
    }

    #[test]
    fn rows_over_the_memory_budget_are_refused_with_the_limit() {
        // Per row: the struct, a 9-byte SKU (32 bytes allocated), an index entry (48).
        let row = std::mem::size_of::<PriceRow>() + 32 + 48;
        // Shared source: 100 rows, plus the few distinct texts (key per row: 48 bytes each).
        let shared = catalog(100, false);
        let fits = (100 * (row + 48) + 4 * 64) as u64;
        assert!(parse_regions("c.csv", shared.as_bytes(), fits).is_ok());
        // A 49-byte source per row adds 80 bytes a row: the same budget is exceeded.
        let unique = catalog(100, true);
        let err = parse_regions("c.csv", unique.as_bytes(), fits).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("over the 1 MiB this catalog may use"), "{msg}");
        assert!(msg.contains("a different `source` on every row"), "{msg}");
        assert!(msg.starts_with("c.csv: line "), "{msg}");
        assert!(matches!(err, Error::Input(_)));
    }
}
