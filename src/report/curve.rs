//! Cost-vs-load samples for the report chart: every architecture's monthly cost at log-spaced
//! request volumes around the scenario's own, and where their costs cross in that range (solved
//! exactly by `breakeven.rs`, not read off the samples), where each architecture can run the
//! workload, and the uncertainty band when workload inputs are given as ranges.
use super::i18n::Lang;
use crate::breakeven::Crossing;
use crate::compare;
use crate::error::Result;
use crate::pricing::Catalog;
use crate::scenario::{RangeEnd, Scenario};
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
    /// Whether each architecture can run the workload at each point (`points` order, then
    /// `names` order).
    pub feasible: Vec<Vec<bool>>,
    /// The scenario's own volume and totals (the marked point).
    pub scenario: (Decimal, Vec<Decimal>),
    /// Exact crossings within the charted volumes (`breakeven`), ordered by volume.
    pub crossings: Vec<Crossing>,
    /// The uncertainty band (`None` when the scenario has no ranges).
    pub band: Option<Band>,
}

/// What the scenario's ranges do to the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Monthly USD of each architecture (in `Curve::names` order) at every volume of
    /// `Curve::points` with every ranged input other than the request volume at its low end, and
    /// at its high end. Empty when only the request volume is ranged.
    pub low: Vec<Vec<Decimal>>,
    pub high: Vec<Vec<Decimal>>,
    /// The request volume's own range (low, high) in requests per month, when it has one.
    pub volume: Option<(Decimal, Decimal)>,
}

/// Ranged inputs that set the request volume (the chart's x axis) rather than the band.
const VOLUME_KEYS: [&str; 2] = ["requests_per_month", "requests_per_second"];

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
    let mut feasible = Vec::with_capacity(volumes.len());
    for v in volumes {
        let mut at = s.clone();
        crate::sweep::set_key(&mut at, "workload.requests_per_month", *v)?;
        let outcomes = compare::outcomes(&at, catalog)?;
        feasible.push(outcomes.iter().map(|o| o.feasible).collect());
        points.push((*v, outcomes.into_iter().map(|o| o.monthly_usd).collect()));
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
        }
        _ => Vec::new(),
    };
    Ok(Curve {
        names,
        points,
        feasible,
        scenario,
        crossings,
        band: band(s, catalog, volumes)?,
    })
}

/// The band of a scenario with ranges: its curve with every ranged input (other than the request
/// volume) at the low end and at the high end, sampled at `volumes` like the main curve.
pub fn band(s: &Scenario, catalog: &Catalog, volumes: &[Decimal]) -> Result<Option<Band>> {
    let ranges = &s.workload.ranges;
    if !s.has_ranges() {
        return Ok(None);
    }
    let hours = s.assumptions.hours_per_month;
    let volume = VOLUME_KEYS
        .iter()
        .any(|k| ranges.contains_key(*k))
        .then(|| {
            (
                s.at_range_end(RangeEnd::Low)
                    .workload
                    .monthly_requests(hours),
                s.at_range_end(RangeEnd::High)
                    .workload
                    .monthly_requests(hours),
            )
        });
    let (mut low, mut high) = (Vec::new(), Vec::new());
    if ranges.keys().any(|k| !VOLUME_KEYS.contains(&k.as_str())) || !s.discount_ranges.is_empty() {
        let (at_low, at_high) = (
            s.at_range_end(RangeEnd::Low),
            s.at_range_end(RangeEnd::High),
        );
        for v in volumes {
            low.push(totals_at(&at_low, catalog, *v)?);
            high.push(totals_at(&at_high, catalog, *v)?);
        }
    }
    Ok(Some(Band { low, high, volume }))
}

/// The chart of a scenario: `POINTS` samples from 1/100 to 100 times its volume.
pub fn for_scenario(s: &Scenario, catalog: &Catalog) -> Result<Curve> {
    let own = s.workload.monthly_requests(s.assumptions.hours_per_month);
    sample(s, catalog, &volumes(own, POINTS))
}

/// " (containers cannot run here)" for a crossing where a side cannot run the workload.
pub fn crossing_marks(c: &Crossing, lang: Lang) -> String {
    c.infeasible()
        .map(|n| format!(" ({})", lang.cannot_run_here(n)))
        .collect()
}

fn totals_at(s: &Scenario, catalog: &Catalog, requests_per_month: Decimal) -> Result<Vec<Decimal>> {
    let mut at = s.clone();
    crate::sweep::set_key(&mut at, "workload.requests_per_month", requests_per_month)?;
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
