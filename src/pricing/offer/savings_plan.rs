//! Savings Plan rate files (`savingsPlan/v1.0/aws/<plan>/.../<region>/index.csv`): one row
//! per discounted usage (`DiscountedServiceCode`, `DiscountedUsageType`,
//! `DiscountedOperation`) per term and payment, read record by record into commitment rows
//! (basis `savings-plan-rate`, `pricing/commitments/README.md`):
//!
//! - EC2 Linux shared-tenancy instances (`BoxUsage:<type>`, operation `RunInstances`) →
//!   `savings_plan.compute.ec2.linux.<type>` (Compute SP) or
//!   `savings_plan.instance.ec2.linux.<type>` (EC2 Instance SP);
//! - Fargate vCPU / GB hours (AmazonECS) → `savings_plan.compute.fargate.{vcpu,memory}.linux.<arch>`;
//! - Lambda duration → `savings_plan.compute.lambda.duration.<arch>`.
//!
//! Anything else (Database Savings Plans, Windows, dedicated tenancy, SageMaker) is not a rate
//! archcost prices and is skipped.
use super::mapping;
use super::reserved::payment_of;
use super::{parse_decimal, Imported, OfferMeta, RegionFilter, Skipped};
use crate::error::{Error, Result};
use crate::pricing::commitments::{Basis, Payment, RateRow};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// Column positions of a Savings Plan CSV, found by header name.
struct Columns {
    rate_code: usize,
    rate: usize,
    currency: usize,
    service: usize,
    usage: usize,
    operation: usize,
    purchase_option: usize,
    lease: usize,
    lease_unit: Option<usize>,
    plan_usage: Option<usize>,
    product_family: Option<usize>,
    region: Option<usize>,
    instance: Option<usize>,
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
                    "{name}: line {line}: the header has no `{shown}` column\n  hint: expected an AWS Price List Savings Plan CSV (SKU, RateCode, Unit, DiscountedRate, Currency, DiscountedServiceCode, DiscountedUsageType, DiscountedOperation, PurchaseOption, LeaseContractLength, ...)"
                ))
            })
        };
        Ok(Columns {
            rate_code: need("ratecode", "RateCode")?,
            rate: need("discountedrate", "DiscountedRate")?,
            currency: need("currency", "Currency")?,
            service: need("discountedservicecode", "DiscountedServiceCode")?,
            usage: need("discountedusagetype", "DiscountedUsageType")?,
            operation: need("discountedoperation", "DiscountedOperation")?,
            purchase_option: need("purchaseoption", "PurchaseOption")?,
            lease: need("leasecontractlength", "LeaseContractLength")?,
            lease_unit: find("leasecontractlengthunit"),
            plan_usage: find("usagetype"),
            product_family: find("productfamily"),
            region: find("discountedregioncode"),
            instance: find("discountedinstancetype"),
            width: header.len(),
        })
    }
}

fn text(record: &csv::ByteRecord, ix: usize) -> &str {
    record
        .get(ix)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

/// Which plan a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    Compute,
    Instance,
}

fn plan_of(product_family: &str, plan_usage: &str) -> Option<Plan> {
    let f = product_family.to_ascii_lowercase();
    let u = plan_usage.to_ascii_lowercase();
    // The plan usage type may carry a region prefix (`APN1-EC2SP:c5.3yrAllUpfront`).
    let u = u.rsplit_once('-').map_or(u.as_str(), |(_, rest)| rest);
    if f.contains("ec2instance") || u.starts_with("ec2sp:") {
        Some(Plan::Instance)
    } else if f.contains("compute") || u.starts_with("computesp:") {
        Some(Plan::Compute)
    } else {
        None
    }
}

/// The commitment key and unit of one discounted usage, or None when archcost does not price it.
fn key_of(
    plan: Plan,
    service: &str,
    suffix: &str,
    operation: &str,
    instance: &str,
) -> Option<(String, &'static str)> {
    let p = match plan {
        Plan::Compute => "compute",
        Plan::Instance => "instance",
    };
    match service {
        "AmazonEC2" => {
            let ty = suffix.strip_prefix("BoxUsage:")?;
            let ok = operation == "RunInstances"
                && !ty.is_empty()
                && (instance.is_empty() || instance == ty);
            ok.then(|| (format!("savings_plan.{p}.ec2.linux.{ty}"), "hour"))
        }
        "AmazonECS" if plan == Plan::Compute => {
            let (what, arch, unit) = match suffix {
                "Fargate-vCPU-Hours:perCPU" => ("vcpu", "x86_64", "vCPU-hour"),
                "Fargate-GB-Hours" => ("memory", "x86_64", "GB-hour"),
                "Fargate-ARM-vCPU-Hours:perCPU" => ("vcpu", "arm64", "vCPU-hour"),
                "Fargate-ARM-GB-Hours" => ("memory", "arm64", "GB-hour"),
                _ => return None,
            };
            Some((
                format!("savings_plan.compute.fargate.{what}.linux.{arch}"),
                unit,
            ))
        }
        "AWSLambda" if plan == Plan::Compute => {
            let arch = match suffix {
                "Lambda-GB-Second" => "x86_64",
                "Lambda-GB-Second-ARM" => "arm64",
                _ => return None,
            };
            Some((
                format!("savings_plan.compute.lambda.duration.{arch}"),
                "GB-second",
            ))
        }
        _ => None,
    }
}

/// Import the records after the header of a Savings Plan CSV. `line_of` gives a record's
/// line in the original file.
pub fn import_csv<R: std::io::Read>(
    name: &str,
    mut meta: OfferMeta,
    rdr: &mut csv::Reader<R>,
    header: &csv::ByteRecord,
    header_line: u64,
    line_of: impl Fn(&csv::ByteRecord) -> u64,
    regions: &RegionFilter,
) -> Result<Imported> {
    meta.require_lines(name, "an AWS Price List Savings Plan CSV")?;
    let effective = meta.effective()?;
    let cols = Columns::from_header(name, header_line, header)?;
    let malformed = |e: csv::Error| super::prefilter::csv_error(name, e);
    type K = (String, String, u32, Payment);
    let mut found: BTreeMap<K, RateRow> = BTreeMap::new();
    let mut conflicts: BTreeSet<String> = BTreeSet::new();
    let mut skipped = Skipped::default();
    let mut record = csv::ByteRecord::new();
    while rdr.read_byte_record(&mut record).map_err(malformed)? {
        let line = line_of(&record);
        if record.len() != cols.width {
            return Err(Error::Input(format!(
                "{name}: line {line}: malformed CSV: {} fields where the header has {}\n  hint: the file is damaged or truncated; download it again",
                record.len(),
                cols.width
            )));
        }
        if let Err(e) = std::str::from_utf8(record.as_slice()) {
            skipped.add(
                line,
                format!("invalid UTF-8 (byte {} of the row)", e.valid_up_to()),
            );
            continue;
        }
        let opt = |c: Option<usize>| c.map(|ix| text(&record, ix)).unwrap_or("");
        let Some(plan) = plan_of(opt(cols.product_family), opt(cols.plan_usage)) else {
            continue;
        };
        let region = match opt(cols.region) {
            "" => continue,
            r => r,
        };
        if !regions.keeps(region) || text(&record, cols.currency) != "USD" {
            continue;
        }
        let usage = text(&record, cols.usage);
        let suffix = mapping::strip_prefix(usage, region);
        let Some((key, unit)) = key_of(
            plan,
            text(&record, cols.service),
            suffix,
            text(&record, cols.operation),
            opt(cols.instance),
        ) else {
            continue;
        };
        let lease = text(&record, cols.lease);
        let lease_unit = opt(cols.lease_unit);
        let Some(years) = lease_years(lease, lease_unit) else {
            continue;
        };
        let Some(payment) = payment_of(text(&record, cols.purchase_option)) else {
            continue;
        };
        let rate_text = text(&record, cols.rate);
        let rate = rate_of(name, line, rate_text)?;
        let rate_code = text(&record, cols.rate_code);
        let k = (key.clone(), region.to_string(), years, payment);
        if let Some(old) = found.get(&k) {
            if old.usd_hourly != Some(rate.normalize()) {
                conflicts.insert(format!(
                    "{key} / {region} / {years} yr {}: rates {} ({}) and {} ({rate_code}) in one file; kept the first",
                    payment.key(),
                    old.usd_hourly.unwrap_or_default(),
                    old.sku,
                    rate.normalize()
                ));
            }
            continue;
        }
        let row = Found {
            key,
            region,
            unit,
            years,
            payment,
            rate: rate.normalize(),
            rate_code,
            usage,
            operation: text(&record, cols.operation),
        };
        found.insert(k, rate_row(row, plan, &meta, &effective));
    }
    let commitments: Vec<RateRow> = found.into_values().collect();
    meta.rows = commitments.len();
    Ok(Imported {
        meta,
        rows: Vec::new(),
        commitments: commitments.into(),
        skipped_units: conflicts,
        skipped_rows: skipped,
    })
}

/// A plan's term in years from its `LeaseContractLength` and its unit (`1` + `year`, `1yr`,
/// `3`, `3yr`, ...); None for any other term.
fn lease_years(lease: &str, lease_unit: &str) -> Option<u32> {
    match (
        lease.trim(),
        lease_unit.trim().to_ascii_lowercase().as_str(),
    ) {
        ("1", "" | "year" | "years") | ("1yr", _) => Some(1),
        ("3", "" | "year" | "years") | ("3yr", _) => Some(3),
        _ => None,
    }
}

/// A row's `DiscountedRate`: a decimal number, not negative.
fn rate_of(name: &str, line: u64, rate_text: &str) -> Result<Decimal> {
    parse_decimal(rate_text)
        .filter(|r| *r >= Decimal::ZERO)
        .ok_or_else(|| {
            Error::Input(format!(
                "{name}: line {line}, column DiscountedRate: expected a decimal number, found `{rate_text}`"
            ))
        })
}

/// The fields of one kept Savings Plan rate.
struct Found<'a> {
    key: String,
    region: &'a str,
    unit: &'a str,
    years: u32,
    payment: Payment,
    rate: Decimal,
    rate_code: &'a str,
    usage: &'a str,
    operation: &'a str,
}

/// The commitment row of one Savings Plan rate, with its source (file, plan, rate code, term,
/// usage type and operation).
fn rate_row(f: Found<'_>, plan: Plan, meta: &OfferMeta, effective: &str) -> RateRow {
    let plan_name = match plan {
        Plan::Compute => "Compute Savings Plan",
        Plan::Instance => "EC2 Instance Savings Plan",
    };
    RateRow {
        key: f.key,
        region: f.region.to_string(),
        unit: f.unit.to_string(),
        term_years: Some(f.years),
        payment: Some(f.payment),
        usd_upfront: None,
        usd_hourly: Some(f.rate),
        effective_hourly: f.rate,
        on_demand_hourly: None,
        basis: Basis::SavingsPlanRate,
        sku: f.rate_code.to_string(),
        effective: effective.to_string(),
        source: format!(
            "{}, {plan_name} rate {} ({} yr {}) on {} / {} [grade A]",
            meta.source(),
            f.rate_code,
            f.years,
            f.payment.key(),
            f.usage,
            f.operation
        ),
        file: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(
            key_of(
                Plan::Compute,
                "AmazonEC2",
                "BoxUsage:m5.large",
                "RunInstances",
                "m5.large"
            ),
            Some(("savings_plan.compute.ec2.linux.m5.large".into(), "hour"))
        );
        assert_eq!(
            key_of(
                Plan::Compute,
                "AmazonEC2",
                "BoxUsage:m5.large",
                "RunInstances:0002",
                ""
            ),
            None
        );
        assert_eq!(
            key_of(
                Plan::Compute,
                "AmazonEC2",
                "DedicatedUsage:m5.large",
                "RunInstances",
                ""
            ),
            None
        );
        assert_eq!(
            key_of(
                Plan::Compute,
                "AWSLambda",
                "Lambda-GB-Second-ARM",
                "Invoke",
                ""
            ),
            Some((
                "savings_plan.compute.lambda.duration.arm64".into(),
                "GB-second"
            ))
        );
        assert_eq!(plan_of("ComputeSavingsPlans", ""), Some(Plan::Compute));
        assert_eq!(plan_of("EC2InstanceSavingsPlans", ""), Some(Plan::Instance));
        assert_eq!(
            plan_of("DatabaseSavingsPlans", "DatabaseSP:1yrNoUpfront"),
            None
        );
    }
}
