//! Commitment rates compiled into the binary: Reserved Instances, Savings Plans and Fargate Spot
//! prices (`pricing/commitments/rates.csv`) and EC2 Spot discounts (`spot.csv`), parsed once on
//! first use. The files' columns, bases and sources are described in
//! `pricing/commitments/README.md`; a rate that could not be sourced is absent, and the engine
//! then needs the user's `discount_pct`. `RatesWriter` writes the same layout row by row (a
//! catalog folder's `commitments.csv`).
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;

const RATES_CSV: &str = include_str!("../../pricing/commitments/rates.csv");
const SPOT_CSV: &str = include_str!("../../pricing/commitments/spot.csv");

/// Where the rates come from, for line sources.
pub const RATES_FILE: &str = "pricing/commitments/rates.csv";
pub const SPOT_FILE: &str = "pricing/commitments/spot.csv";

// The payment vocabulary is a leaf the scenario shares; named here for existing callers.
pub use crate::terms::Payment;

/// What a row's numbers are (the `basis` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The exact split: `usd_upfront` per unit plus `usd_hourly` per unit-hour.
    UpfrontHourly,
    /// Only the amortised rate is known (`effective_hourly`, 6 significant digits).
    EffectiveOnly,
    /// A Savings Plan rate per unit-hour of covered usage.
    SavingsPlanRate,
    /// A Spot price per unit-hour (a dated snapshot; Spot prices float).
    SpotPrice,
}

impl Basis {
    fn parse(text: &str) -> Option<Basis> {
        match text {
            "upfront+hourly" => Some(Basis::UpfrontHourly),
            "effective-only" => Some(Basis::EffectiveOnly),
            "savings-plan-rate" => Some(Basis::SavingsPlanRate),
            "spot-price" => Some(Basis::SpotPrice),
            _ => None,
        }
    }
}

/// One row of `rates.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct RateRow {
    pub key: String,
    pub region: String,
    pub unit: String,
    /// 1 or 3; None for Spot prices.
    pub term_years: Option<u32>,
    /// None for Spot prices.
    pub payment: Option<Payment>,
    /// One-off fee per unit for the whole term (None when not published or not applicable).
    pub usd_upfront: Option<Decimal>,
    /// Recurring fee per unit-hour, or the plan / Spot rate (None when not published).
    pub usd_hourly: Option<Decimal>,
    /// Upfront amortised over the term plus the hourly fee, per unit-hour.
    pub effective_hourly: Decimal,
    /// The On-Demand rate of the same source snapshot (for checks; the engine prices On-Demand
    /// from the catalog). None when the source has none (Savings Plan offer files).
    pub on_demand_hourly: Option<Decimal>,
    pub basis: Basis,
    pub sku: String,
    pub effective: String,
    pub source: String,
    /// The file the row was read from (`pricing/commitments/rates.csv`, or a catalog folder's
    /// `commitments.csv`), for line sources; not a column.
    pub file: String,
}

/// One row of `spot.csv`: the average EC2 Spot saving versus On-Demand.
#[derive(Debug, Clone, PartialEq)]
pub struct SpotRow {
    pub key: String,
    pub region: String,
    /// Percent saved versus On-Demand (0–100).
    pub discount_pct: Decimal,
    /// AWS's interruption-frequency band (`<5%`, `5-10%`, ..., `>20%`).
    pub interruption_band: String,
    pub effective: String,
    pub source: String,
}

type RateKey = (String, String, Option<u32>, Option<Payment>);

/// Every commitment row, indexed (bundled, or bundled overlaid with a catalog folder's
/// `commitments.csv`).
#[derive(Debug, Default, Clone)]
pub struct Rates {
    rates: HashMap<RateKey, RateRow>,
    spot: HashMap<(String, String), SpotRow>,
}

static BUNDLED: OnceLock<std::result::Result<Rates, String>> = OnceLock::new();

/// The bundled rates, parsed on first use. A malformed bundled file is an input error that
/// names the file and line (the build script's checks keep it from happening).
pub fn bundled() -> Result<&'static Rates> {
    BUNDLED
        .get_or_init(|| Rates::parse(RATES_CSV, SPOT_CSV))
        .as_ref()
        .map_err(|e| Error::Input(e.clone()))
}

impl Rates {
    /// Parse the two files (header rows included).
    pub fn parse(rates_csv: &str, spot_csv: &str) -> std::result::Result<Rates, String> {
        let mut out = Rates::default();
        out.add_rates(RATES_FILE, rates_csv)?;
        for (line, rec) in records(SPOT_FILE, spot_csv, 7)? {
            let row = SpotRow {
                key: rec[0].clone(),
                region: rec[1].clone(),
                discount_pct: dec(&rec[3], "discount_pct")
                    .map_err(|e| format!("{SPOT_FILE}:{line}: {e}"))?,
                interruption_band: rec[4].clone(),
                effective: rec[5].clone(),
                source: rec[6].clone(),
            };
            if !crate::date::is_date(&row.effective) {
                return Err(format!(
                    "{SPOT_FILE}:{line}: effective `{}` is not a date (YYYY-MM-DD)",
                    row.effective
                ));
            }
            if row.discount_pct < Decimal::ZERO || row.discount_pct >= Decimal::ONE_HUNDRED {
                return Err(format!("{SPOT_FILE}:{line}: discount out of range"));
            }
            out.spot.insert((row.key.clone(), row.region.clone()), row);
        }
        Ok(out)
    }

    /// Add the rows of a rates file (`rates.csv` columns, header included) named `file`.
    fn add_rates(&mut self, file: &str, text: &str) -> std::result::Result<(), String> {
        for (line, rec) in records(file, text, 14)? {
            let mut row = rate_row(&rec).map_err(|e| format!("{file}:{line}: {e}"))?;
            row.file = file.to_string();
            let k = (
                row.key.clone(),
                row.region.clone(),
                row.term_years,
                row.payment,
            );
            if self.rates.insert(k, row).is_some() {
                return Err(format!("{file}:{line}: duplicate row"));
            }
        }
        Ok(())
    }

    /// Parse a catalog folder's `commitments.csv` (the `rates.csv` columns) named `file`.
    pub fn parse_rates(file: &str, text: &str) -> std::result::Result<Rates, String> {
        let mut out = Rates::default();
        out.add_rates(file, text)?;
        Ok(out)
    }

    /// These rates with `overlay`'s on top, key by key: every (key, region) the overlay has
    /// replaces all of this set's rows of that key and region (all terms and payments), so a
    /// fetched catalog's current rates never mix with older bundled ones for one key.
    pub fn overlaid(&self, overlay: &Rates) -> Rates {
        let replaced: std::collections::HashSet<(&str, &str)> = overlay
            .rates
            .values()
            .map(|r| (r.key.as_str(), r.region.as_str()))
            .collect();
        let mut rates: HashMap<RateKey, RateRow> = self
            .rates
            .iter()
            .filter(|(_, r)| !replaced.contains(&(r.key.as_str(), r.region.as_str())))
            .map(|(k, r)| (k.clone(), r.clone()))
            .collect();
        rates.extend(overlay.rates.iter().map(|(k, r)| (k.clone(), r.clone())));
        Rates {
            rates,
            spot: self.spot.clone(),
        }
    }

    /// Number of rate rows (not counting Spot discounts).
    pub fn len(&self) -> usize {
        self.rates.len()
    }

    /// Whether there are no rate rows.
    pub fn is_empty(&self) -> bool {
        self.rates.is_empty()
    }

    /// The Reserved Instance or Savings Plan row of `key` in `region` for a term and payment.
    pub fn rate(
        &self,
        key: &str,
        region: &str,
        term_years: u32,
        payment: Payment,
    ) -> Option<&RateRow> {
        self.rates.get(&(
            key.to_string(),
            region.to_string(),
            Some(term_years),
            Some(payment),
        ))
    }

    /// A Spot price row (`fargate.spot_vcpu...`), which has no term.
    pub fn spot_price(&self, key: &str, region: &str) -> Option<&RateRow> {
        self.rates
            .get(&(key.to_string(), region.to_string(), None, None))
    }

    /// The EC2 Spot discount row of `key` (`ec2.spot.discount.linux.<instance>`) in `region`.
    pub fn spot_discount(&self, key: &str, region: &str) -> Option<&SpotRow> {
        self.spot.get(&(key.to_string(), region.to_string()))
    }

    /// Regions with any row of `key` (any term), sorted: for "rates exist in ..." hints.
    pub fn regions_with(&self, key: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .rates
            .values()
            .filter(|r| r.key == key)
            .map(|r| r.region.as_str())
            .chain(
                self.spot
                    .values()
                    .filter(|r| r.key == key)
                    .map(|r| r.region.as_str()),
            )
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every rate row (unordered), for tests and listings.
    pub fn rate_rows(&self) -> impl Iterator<Item = &RateRow> {
        self.rates.values()
    }

    /// Every Spot discount row (unordered).
    pub fn spot_rows(&self) -> impl Iterator<Item = &SpotRow> {
        self.spot.values()
    }
}

/// The header of `rates.csv` and of a catalog folder's `commitments.csv`.
pub const HEADER: [&str; 14] = [
    "key",
    "region",
    "unit",
    "offering_class",
    "term_years",
    "payment",
    "usd_upfront",
    "usd_hourly",
    "effective_hourly",
    "on_demand_hourly",
    "basis",
    "sku",
    "effective",
    "source",
];

impl Basis {
    /// The spelling of the `basis` column.
    pub fn key(self) -> &'static str {
        match self {
            Basis::UpfrontHourly => "upfront+hourly",
            Basis::EffectiveOnly => "effective-only",
            Basis::SavingsPlanRate => "savings-plan-rate",
            Basis::SpotPrice => "spot-price",
        }
    }
}

/// The columns of one row of the `rates.csv` layout, borrowed: from a `RateRow`, or from a
/// Reserved term an import holds compactly (`offer::reserved::ReservedTerms`).
#[derive(Debug, Clone, Copy)]
pub struct RateFields<'a> {
    pub key: &'a str,
    pub region: &'a str,
    pub unit: &'a str,
    pub term_years: Option<u32>,
    pub payment: Option<Payment>,
    pub usd_upfront: Option<Decimal>,
    pub usd_hourly: Option<Decimal>,
    pub effective_hourly: Decimal,
    pub on_demand_hourly: Option<Decimal>,
    pub basis: Basis,
    pub sku: &'a str,
    pub effective: &'a str,
    pub source: &'a str,
}

impl RateRow {
    /// This row's columns, borrowed.
    pub fn fields(&self) -> RateFields<'_> {
        RateFields {
            key: &self.key,
            region: &self.region,
            unit: &self.unit,
            term_years: self.term_years,
            payment: self.payment,
            usd_upfront: self.usd_upfront,
            usd_hourly: self.usd_hourly,
            effective_hourly: self.effective_hourly,
            on_demand_hourly: self.on_demand_hourly,
            basis: self.basis,
            sku: &self.sku,
            effective: &self.effective,
            source: &self.source,
        }
    }
}

/// Writes rows in the `rates.csv` layout (header first) to `W` one at a time, decimals plain
/// (normalised, no exponent). The caller gives the rows in their file order (key, region,
/// term, payment); nothing is held but the CSV writer's buffer.
pub struct RatesWriter<W: std::io::Write> {
    csv: csv::Writer<W>,
    /// One reused buffer for the numbers (rows run to hundreds of thousands).
    num: String,
}

impl<W: std::io::Write> RatesWriter<W> {
    /// A writer that has written the header.
    pub fn new(out: W) -> std::io::Result<Self> {
        let mut w = RatesWriter::rows_only(out);
        w.csv.write_record(HEADER)?;
        Ok(w)
    }

    /// A writer of data rows only (a part of a file whose header is written elsewhere).
    pub fn rows_only(out: W) -> Self {
        let csv = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(out);
        RatesWriter {
            csv,
            num: String::new(),
        }
    }

    /// Write one row.
    pub fn write(&mut self, r: &RateFields<'_>) -> std::io::Result<()> {
        let offering_class = if r.key.contains(".reserved.") {
            "standard"
        } else {
            ""
        };
        for field in [r.key, r.region, r.unit, offering_class] {
            self.csv.write_field(field)?;
        }
        match r.term_years {
            Some(1) => self.csv.write_field("1")?,
            Some(3) => self.csv.write_field("3")?,
            Some(t) => self.csv.write_field(t.to_string())?,
            None => self.csv.write_field("")?,
        }
        self.csv
            .write_field(r.payment.map(Payment::key).unwrap_or(""))?;
        for d in [
            r.usd_upfront,
            r.usd_hourly,
            Some(r.effective_hourly),
            r.on_demand_hourly,
        ] {
            self.number(d)?;
        }
        for field in [r.basis.key(), r.sku, r.effective, r.source] {
            self.csv.write_field(field)?;
        }
        self.csv.write_record(None::<&[u8]>)?;
        Ok(())
    }

    fn number(&mut self, d: Option<Decimal>) -> std::io::Result<()> {
        self.num.clear();
        if let Some(d) = d {
            crate::money::write_exact(&mut self.num, d);
        }
        self.csv.write_field(&self.num)?;
        Ok(())
    }

    /// Flush what is buffered and give the writer back.
    pub fn finish(self) -> std::io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// The data records of a CSV text with `width` columns, with their 1-based line numbers.
fn records(
    file: &str,
    text: &str,
    width: usize,
) -> std::result::Result<Vec<(u64, Vec<String>)>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| format!("{file}: {e}"))?;
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() != width {
            return Err(format!(
                "{file}:{line}: {} columns, expected {width}",
                rec.len()
            ));
        }
        out.push((line, rec.iter().map(str::to_string).collect()));
    }
    Ok(out)
}

fn dec(text: &str, what: &str) -> std::result::Result<Decimal, String> {
    Decimal::from_str(text).map_err(|_| format!("`{text}` is not a decimal ({what})"))
}

fn opt_dec(text: &str, what: &str) -> std::result::Result<Option<Decimal>, String> {
    if text.is_empty() {
        Ok(None)
    } else {
        dec(text, what).map(Some)
    }
}

fn rate_row(r: &[String]) -> std::result::Result<RateRow, String> {
    let term_years = match r[4].as_str() {
        "" => None,
        "1" => Some(1),
        "3" => Some(3),
        other => return Err(format!("term_years `{other}` is not 1 or 3")),
    };
    let payment = match r[5].as_str() {
        "" => None,
        p => Some(Payment::parse(p).ok_or_else(|| format!("unknown payment `{p}`"))?),
    };
    Ok(RateRow {
        key: r[0].clone(),
        region: r[1].clone(),
        unit: r[2].clone(),
        term_years,
        payment,
        usd_upfront: opt_dec(&r[6], "usd_upfront")?,
        usd_hourly: opt_dec(&r[7], "usd_hourly")?,
        effective_hourly: dec(&r[8], "effective_hourly")?,
        on_demand_hourly: opt_dec(&r[9], "on_demand_hourly")?,
        basis: Basis::parse(&r[10]).ok_or_else(|| format!("unknown basis `{}`", r[10]))?,
        sku: r[11].clone(),
        effective: if crate::date::is_date(&r[12]) {
            r[12].clone()
        } else {
            return Err(format!("effective `{}` is not a date (YYYY-MM-DD)", r[12]));
        },
        source: r[13].clone(),
        file: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn bundled_files_parse_whole() {
        let r = bundled().expect("bundled commitment rates parse");
        assert_eq!(r.rates.len(), RATES_CSV.lines().count() - 1);
        assert_eq!(r.spot.len(), SPOT_CSV.lines().count() - 1);
        let m5 = r
            .rate(
                "ec2.reserved.linux.m5.large",
                "us-east-1",
                1,
                Payment::PartialUpfront,
            )
            .expect("m5.large 1-yr partial upfront");
        assert_eq!(m5.usd_upfront, Some(dec!(252)));
        assert_eq!(m5.usd_hourly, Some(dec!(0.029)));
        assert_eq!(m5.basis, Basis::UpfrontHourly);
        let spot = r
            .spot_discount("ec2.spot.discount.linux.m5.large", "us-east-1")
            .expect("m5.large spot");
        assert_eq!(spot.discount_pct, dec!(66));
        // No Fargate Spot price is bundled (no checkable source): none in any region.
        assert!(r
            .spot_price("fargate.spot_vcpu.linux.x86_64", "us-east-1")
            .is_none());
        assert!(r.regions_with("fargate.spot_vcpu.linux.x86_64").is_empty());
    }

    #[test]
    fn malformed_rows_are_errors_with_their_line() {
        let header = "key,region,unit,offering_class,term_years,payment,usd_upfront,usd_hourly,effective_hourly,on_demand_hourly,basis,sku,effective,source\n";
        let bad = format!("{header}k,r,hour,,2,no-upfront,0,1,1,2,upfront+hourly,,2026-01-01,s\n");
        let err = Rates::parse(&bad, "a,b,c,d,e,f,g\n").unwrap_err();
        assert!(
            err.contains("rates.csv:2") && err.contains("not 1 or 3"),
            "{err}"
        );
        let dup = format!(
            "{header}k,r,hour,,1,no-upfront,0,1,1,2,upfront+hourly,,2026-01-01,s\nk,r,hour,,1,no-upfront,0,1,1,2,upfront+hourly,,2026-01-01,s\n"
        );
        assert!(Rates::parse(&dup, "a,b,c,d,e,f,g\n")
            .unwrap_err()
            .contains("duplicate"));
    }
}
