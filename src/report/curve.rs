//! Cost-vs-load samples for the report chart: every architecture's monthly cost at log-spaced
//! request volumes around the scenario's own, and where their costs cross in that range (solved
//! exactly by `breakeven.rs`, not read off the samples).
use crate::compare;
use crate::error::Result;
use crate::pricing::Catalog;
use crate::scenario::Scenario;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

/// How many times smaller/larger than the scenario's volume the chart reaches.
pub const SPAN: f64 = 100.0;
/// Samples across the whole range (log-spaced).
pub const POINTS: usize = 61;
/// Volume used to centre the chart when the scenario has no traffic.
const FALLBACK_CENTRE: f64 = 1_000_000.0;

/// Sampled monthly costs of every architecture.
#[derive(Debug, Clone)]
pub struct Curve {
    /// Architecture names, in scenario order.
    pub names: Vec<String>,
    /// (requests per month, monthly USD of each architecture in `names` order).
    pub points: Vec<(Decimal, Vec<Decimal>)>,
    /// The scenario's own volume and totals (the marked point).
    pub scenario: (Decimal, Vec<Decimal>),
    /// Approximate crossings, ordered by volume.
    pub crossings: Vec<ChartCrossing>,
}

/// Where two architectures' costs cross (exact break-even from `breakeven.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartCrossing {
    pub between: (String, String),
    /// Requests per month at the crossing.
    pub value: Decimal,
    /// Monthly USD of the first architecture at that volume.
    pub monthly_usd: Decimal,
}

/// `count` log-spaced volumes from `centre / SPAN` to `centre * SPAN`, rounded to whole requests.
pub fn volumes(centre: Decimal, count: usize) -> Vec<Decimal> {
    let c = centre
        .to_f64()
        .filter(|c| *c >= 1.0)
        .unwrap_or(FALLBACK_CENTRE);
    let (lo, hi) = ((c / SPAN).log10(), (c * SPAN).log10());
    let steps = count.max(2) - 1;
    let mut out: Vec<Decimal> = (0..=steps)
        .filter_map(|i| {
            let x = 10f64.powf(lo + (hi - lo) * i as f64 / steps as f64);
            Decimal::from_f64(x.round().max(1.0))
        })
        .collect();
    out.dedup();
    out
}

/// Evaluate the scenario at each volume (a clone with `requests_per_month` set) and find crossings.
pub fn sample(s: &Scenario, catalog: &Catalog, volumes: &[Decimal]) -> Result<Curve> {
    let names: Vec<String> = s.architectures.iter().map(|a| a.name.clone()).collect();
    let mut points = Vec::with_capacity(volumes.len());
    for v in volumes {
        points.push((*v, totals_at(s, catalog, *v)?));
    }
    let own = s.workload.monthly_requests(s.assumptions.hours_per_month);
    let scenario = (
        own,
        compare::totals(s, catalog)?
            .into_iter()
            .map(|t| t.1)
            .collect(),
    );
    let crossings = match (volumes.first(), volumes.last()) {
        (Some(lo), Some(hi)) if lo < hi => {
            crate::breakeven::breakeven(s, catalog, "workload.requests_per_month", *lo, *hi, None)?
                .into_iter()
                .map(|c| ChartCrossing {
                    between: c.between,
                    value: c.value,
                    monthly_usd: c.monthly_usd,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(Curve {
        names,
        points,
        scenario,
        crossings,
    })
}

/// The chart of a scenario: `POINTS` samples from 1/100 to 100 times its volume.
pub fn for_scenario(s: &Scenario, catalog: &Catalog) -> Result<Curve> {
    let own = s.workload.monthly_requests(s.assumptions.hours_per_month);
    sample(s, catalog, &volumes(own, POINTS))
}

fn totals_at(s: &Scenario, catalog: &Catalog, requests_per_month: Decimal) -> Result<Vec<Decimal>> {
    let mut at = s.clone();
    at.workload.requests_per_month = Some(requests_per_month);
    at.workload.requests_per_second = None;
    Ok(compare::totals(&at, catalog)?
        .into_iter()
        .map(|t| t.1)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn volumes_span_two_decades_each_way() {
        let v = volumes(dec!(30000000), 5);
        assert_eq!(
            v,
            vec![
                dec!(300000),
                dec!(3000000),
                dec!(30000000),
                dec!(300000000),
                dec!(3000000000)
            ]
        );
    }
}
