//! Shared helpers: evaluate inline scenarios against the bundled catalog, run the binary.
#![allow(dead_code)]
use archcost::compare::{evaluate, ArchReport, Report};
use archcost::money::cents;
use archcost::pricing::bundled;
use archcost::scenario;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test decimal")
}

/// Parse + validate + evaluate a scenario text with the bundled catalog.
/// The day tests evaluate on (what is "more than 12 months old" is measured from it): the day
/// the bundled catalog was last refreshed.
pub const TODAY: &str = "2026-12-06";

pub fn eval(toml: &str) -> Report {
    let s =
        scenario::parse("test.toml", toml, bundled::catalog()).unwrap_or_else(|e| panic!("{e}"));
    archcost::pricing::freshness::with_today(TODAY, || evaluate(&s, bundled::catalog()))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The error message a scenario text produces.
pub fn eval_err(toml: &str) -> String {
    match scenario::parse("test.toml", toml, bundled::catalog()) {
        Err(e) => e.to_string(),
        Ok(s) => match evaluate(&s, bundled::catalog()) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("expected an error for:\n{toml}"),
        },
    }
}

pub fn only(rep: &Report) -> &ArchReport {
    assert_eq!(rep.architectures.len(), 1);
    &rep.architectures[0]
}

/// Exact monthly USD of all lines with this id.
pub fn line_sum(a: &ArchReport, id: &str) -> Decimal {
    a.lines()
        .filter(|(_, l)| l.id == id)
        .map(|(_, l)| l.monthly_usd)
        .sum()
}

pub fn quantity_sum(a: &ArchReport, id: &str) -> Decimal {
    a.lines()
        .filter(|(_, l)| l.id == id)
        .map(|(_, l)| l.quantity)
        .sum()
}

pub fn tier_usd(a: &ArchReport, tier: &str) -> Decimal {
    a.tier(tier).map(|t| t.monthly_usd).unwrap_or_default()
}

pub fn to_cents(v: Decimal) -> Decimal {
    cents(v)
}

/// A one-architecture scenario in `region` with workload lines and tier lines.
pub fn scenario(region: &str, assumptions: &str, workload: &str, tiers: &str) -> String {
    format!(
        "name = \"t\"\nregion = \"{region}\"\n[assumptions]\n{assumptions}\n[workload]\n{workload}\n[[architecture]]\nname = \"a\"\n{tiers}\n"
    )
}

pub fn bin() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("archcost").expect("binary built")
}

pub fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
