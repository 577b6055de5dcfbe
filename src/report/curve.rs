//! Cost-vs-load samples for the report chart: every architecture's monthly cost at log-spaced
//! request volumes around the scenario's own, and the approximate crossings between samples.
//!
//! Chart-only: crossings here are read off the samples by linear interpolation between
//! neighbouring points. The exact break-even (solved on the piecewise-linear cost) lives in
//! `breakeven.rs`; swap it in here when it lands on main.
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

/// Where two architectures' sampled costs cross (approximate; chart-only).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartCrossing {
    pub between: (String, String),
    /// Requests per month at the crossing.
    pub value: Decimal,
    /// Monthly USD of both at that volume (interpolated).
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
    let crossings = crossings(&names, &points);
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

/// Sign changes of the cost difference of every pair between neighbouring samples, located by
/// linear interpolation (chart-only; exact break-even lives in breakeven.rs).
pub fn crossings(names: &[String], points: &[(Decimal, Vec<Decimal>)]) -> Vec<ChartCrossing> {
    let mut out = Vec::new();
    for i in 0..names.len() {
        for j in (i + 1)..names.len() {
            // The last sample where the difference was non-zero.
            let mut last: Option<(Decimal, Decimal, Decimal)> = None; // (x, diff, cost_i)
            for (x, costs) in points {
                let (Some(ci), Some(cj)) = (costs.get(i), costs.get(j)) else {
                    continue;
                };
                let d = *ci - *cj;
                if d.is_zero() {
                    continue;
                }
                if let Some((x0, d0, c0)) = last {
                    if d0.is_sign_negative() != d.is_sign_negative() {
                        if let Some(c) = interpolate((x0, d0, c0), (*x, d, *ci)) {
                            out.push(ChartCrossing {
                                between: (names[i].clone(), names[j].clone()),
                                value: c.0,
                                monthly_usd: c.1,
                            });
                        }
                    }
                }
                last = Some((*x, d, *ci));
            }
        }
    }
    out.sort_by(|a, b| a.value.cmp(&b.value).then(a.between.cmp(&b.between)));
    out
}

/// Where the difference reaches zero on the segment, and cost_i there (checked arithmetic).
fn interpolate(
    a: (Decimal, Decimal, Decimal),
    b: (Decimal, Decimal, Decimal),
) -> Option<(Decimal, Decimal)> {
    let (x0, d0, c0) = a;
    let (x1, d1, c1) = b;
    // Multiply before dividing so exact cases stay exact.
    let span = d0.checked_sub(d1)?;
    let x = x0.checked_add(x1.checked_sub(x0)?.checked_mul(d0)?.checked_div(span)?)?;
    let c = c0.checked_add(c1.checked_sub(c0)?.checked_mul(d0)?.checked_div(span)?)?;
    Some((x.round_dp(0), c))
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

    #[test]
    fn crossing_by_interpolation() {
        // a = x/1000, b = 50 flat: they cross at x = 50,000 where both cost 50.
        let names = vec!["a".to_string(), "b".to_string()];
        let pts = vec![
            (dec!(10000), vec![dec!(10), dec!(50)]),
            (dec!(100000), vec![dec!(100), dec!(50)]),
        ];
        let c = crossings(&names, &pts);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].value, dec!(50000));
        assert_eq!(c[0].monthly_usd, dec!(50));
        assert_eq!(c[0].between, ("a".to_string(), "b".to_string()));
    }

    #[test]
    fn touching_without_crossing_is_not_a_crossing() {
        let names = vec!["a".to_string(), "b".to_string()];
        let pts = vec![
            (dec!(1), vec![dec!(10), dec!(20)]),
            (dec!(2), vec![dec!(20), dec!(20)]),
            (dec!(3), vec![dec!(10), dec!(20)]),
        ];
        assert!(crossings(&names, &pts).is_empty());
    }
}
