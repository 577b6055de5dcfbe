//! Traffic profile -> hourly load (24 hour-of-day slots over the month) -> units needed per hour;
//! `plan` turns that into one capacity plan per tier.
pub mod plan;
pub mod units;

use crate::scenario::{Profile, Workload};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::sync::OnceLock;

/// Load in one hour of the day, aggregated over every day of the month.
#[derive(Debug, Clone, PartialEq)]
pub struct HourLoad {
    /// 0..=23, local time of the scenario's region.
    pub hour: usize,
    /// The profile's weight of this hour (its share of the day is `Load::share`).
    pub weight: Decimal,
    /// Average requests per second during this hour.
    pub rps: Decimal,
    /// Busiest second within the hour (rps x peak_to_average): what capacity must carry.
    pub peak_rps: Decimal,
}

/// The month's load, hour by hour.
#[derive(Debug, Clone)]
pub struct Load {
    pub monthly_requests: Decimal,
    /// hours_per_month / 24: how many times each hour of the day occurs in the month.
    pub days: Decimal,
    pub hours_per_month: Decimal,
    pub hours: Vec<HourLoad>,
    /// (index into `hours` of the first hour with a given weight, how many hours share it).
    groups: Vec<(usize, Decimal)>,
    /// Per hour of the day: the first group whose busiest second equals this hour's (its own
    /// group unless two weights give the same load), so per-hour units are looked up, not searched.
    peak_group: Vec<usize>,
    total_weight: Decimal,
    /// The first ALB plan made under this load (its peak LCUs and LCU-hours), with what it was
    /// made from: architectures that share a load usually share ALB settings (a sweep or
    /// break-even prices many at one load). Made and read by `plan`.
    pub(crate) alb_memo: OnceLock<(AlbInputs, AlbLcus)>,
}

/// An ALB plan's LCUs: (peak LCUs, LCU-hours per month).
pub(crate) type AlbLcus = (Decimal, Decimal);

/// What an ALB plan depends on besides the load (settings, KB per request, GB per LCU-hour of
/// its target), each Decimal as its exact bytes (value and scale), so a memoized plan is only
/// reused when it would be computed bit for bit the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AlbInputs(pub [[u8; 16]; 5]);

impl Load {
    pub fn new(w: &Workload, monthly_requests: Decimal, hours_per_month: Decimal) -> Load {
        let mut weights = weights(&w.profile);
        let mut total: Decimal = weights.iter().sum();
        if total.is_zero() {
            weights = vec![Decimal::ONE; 24];
            total = dec!(24);
        }
        let days = hours_per_month / dec!(24);
        let denominator = total * hours_per_month * dec!(3600);
        // Hours with the same weight carry the same load: compute each distinct weight once.
        let mut seen: Vec<(Decimal, HourLoad)> = Vec::with_capacity(24);
        let mut groups: Vec<(usize, Decimal)> = Vec::with_capacity(24);
        let mut group_of_hour: Vec<usize> = Vec::with_capacity(24);
        let hours = weights
            .iter()
            .enumerate()
            .map(|(hour, wt)| {
                if let Some(k) = seen.iter().position(|(x, _)| x == wt) {
                    groups[k].1 += Decimal::ONE;
                    group_of_hour.push(k);
                    return HourLoad {
                        hour,
                        ..seen[k].1.clone()
                    };
                }
                group_of_hour.push(groups.len());
                groups.push((hour, Decimal::ONE));
                // Multiply before dividing so flat and round-number profiles stay exact.
                let rps = if hours_per_month.is_zero() {
                    Decimal::ZERO
                } else {
                    monthly_requests * wt * dec!(24) / denominator
                };
                let h = HourLoad {
                    hour,
                    weight: *wt,
                    rps,
                    peak_rps: rps * w.peak_to_average,
                };
                seen.push((*wt, h.clone()));
                h
            })
            .collect::<Vec<HourLoad>>();
        // The first group with an equal busiest second (equal loads from unequal weights are
        // possible in 28-digit arithmetic, e.g. when there are no requests at all).
        let first_equal: Vec<usize> = seen
            .iter()
            .enumerate()
            .map(|(g, (_, h))| {
                (0..g)
                    .find(|e| seen[*e].1.peak_rps == h.peak_rps)
                    .unwrap_or(g)
            })
            .collect();
        let peak_group = group_of_hour.iter().map(|g| first_equal[*g]).collect();
        Load {
            monthly_requests,
            days,
            hours_per_month,
            hours,
            groups,
            peak_group,
            total_weight: total,
            alb_memo: OnceLock::new(),
        }
    }

    /// Share of the month's requests that fall in hour `h` of the day (weights normalised).
    pub fn share(&self, h: &HourLoad) -> Decimal {
        h.weight / self.total_weight
    }

    /// Distinct hourly loads with how many hours of the day carry each (for per-hour
    /// arithmetic that only depends on the load: a flat day is one group of 24).
    pub fn groups(&self) -> impl Iterator<Item = (&HourLoad, Decimal)> + '_ {
        self.groups.iter().map(|(i, n)| (&self.hours[*i], *n))
    }

    /// The busiest hour of the day (first one on ties).
    pub fn peak(&self) -> &HourLoad {
        let mut best = &self.hours[0];
        for h in &self.hours {
            if h.peak_rps > best.peak_rps {
                best = h;
            }
        }
        best
    }

    /// Unit-hours per month for a fleet scaled hour by hour: ceil(peak rps / rps per unit),
    /// clamped to [min, max]. Returns (unit-hours, per-hour units, unserved peak rps at worst hour).
    pub fn scaled_units(
        &self,
        rps_per_unit: Decimal,
        min: Decimal,
        max: Option<Decimal>,
    ) -> Scaled {
        let mut unit_slots = Decimal::ZERO;
        let mut unserved_rps = Decimal::ZERO;
        // Units for each distinct load, then spread back over the 24 hours.
        let mut units_for: Vec<Decimal> = Vec::with_capacity(24);
        for (h, count) in self.groups() {
            let needed = if rps_per_unit.is_zero() {
                Decimal::ZERO
            } else {
                (h.peak_rps / rps_per_unit).ceil()
            };
            let mut units = needed.max(min);
            if let Some(max) = max {
                if units > max {
                    unserved_rps = unserved_rps.max(h.peak_rps - max * rps_per_unit);
                    units = max;
                }
            }
            unit_slots += units * count;
            units_for.push(units);
        }
        // Each hour takes the units of the first group with its busiest second.
        let per_hour = self.peak_group.iter().map(|g| units_for[*g]).collect();
        // Each hour of the day occurs hours_per_month / 24 times in the month.
        let unit_hours = unit_slots * self.hours_per_month / dec!(24);
        Scaled {
            unit_hours,
            per_hour,
            unserved_rps,
        }
    }
}

/// How a fleet of tasks or instances is sized: a fixed count running some hours a month, or
/// scaled hour by hour from the load (`rps_per_unit`, clamped to `min` / `max`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fleet {
    Fixed {
        units: Decimal,
        hours: Decimal,
    },
    Scaled {
        rps_per_unit: Decimal,
        min: Decimal,
        max: Option<Decimal>,
    },
}

#[derive(Debug, Clone)]
pub struct Scaled {
    pub unit_hours: Decimal,
    pub per_hour: Vec<Decimal>,
    /// Peak requests per second above what `max` units can serve (0 when all load is served).
    pub unserved_rps: Decimal,
}

/// Relative weights of the 24 hours for a profile.
pub fn weights(p: &Profile) -> Vec<Decimal> {
    match p {
        Profile::Flat => vec![Decimal::ONE; 24],
        Profile::Weights(w) => w.clone(),
        Profile::Preset(name) => preset_weights(name).unwrap_or_else(|| vec![Decimal::ONE; 24]),
    }
}

/// Named day shapes (relative weights, hour 0..23 local time). These are modelling presets,
/// not measurements: pick the one closest to your traffic or give 24 weights of your own.
pub fn preset_weights(name: &str) -> Option<Vec<Decimal>> {
    let w: [u32; 24] = match name {
        // Office tool: quiet nights, ramp from 08:00, busy 09:00-18:00, lunch dip, quiet evening.
        "business-hours" => [
            1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 10, 7, 10, 10, 10, 10, 9, 6, 3, 2, 2, 1, 1,
        ],
        // Consumer app: moderate day, lunch bump, strong 19:00-23:00 peak.
        "evening-peak" => [
            4, 2, 1, 1, 1, 1, 2, 3, 4, 4, 4, 5, 7, 5, 4, 4, 5, 6, 8, 10, 10, 10, 9, 6,
        ],
        // Batch window: the load runs 01:00-05:00, a trickle otherwise.
        "night-batch" => [
            2, 10, 10, 10, 10, 10, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        ],
        // Spiky: flat background with one hour at 20x (a campaign, a ticket sale).
        "spiky" => [
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 20, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        ],
        _ => return None,
    };
    Some(w.iter().map(|x| Decimal::from(*x)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload(profile: Profile) -> Workload {
        let text = "requests_per_month = 1\n";
        let mut w: Workload = toml::from_str(text).unwrap();
        w.profile = profile;
        w
    }

    #[test]
    fn flat_profile_spreads_evenly() {
        let load = Load::new(&workload(Profile::Flat), dec!(2628000), dec!(730));
        // 2,628,000 requests over 730 h = 3600 per hour = 1 rps in every hour.
        assert!(load.hours.iter().all(|h| h.rps == dec!(1)));
        assert_eq!(load.peak().hour, 0);
    }

    #[test]
    fn two_level_profile_normalises_weights() {
        // 500 rps for 4 hours and 5 rps for 20 hours, as weights 100 x4 and 1 x20.
        let mut w = vec![dec!(1); 24];
        for weight in w.iter_mut().skip(10).take(4) {
            *weight = dec!(100);
        }
        let days = dec!(30);
        let monthly = (dec!(500) * dec!(4) + dec!(5) * dec!(20)) * dec!(3600) * days;
        let load = Load::new(&workload(Profile::Weights(w)), monthly, dec!(720));
        assert_eq!(load.hours[10].rps, dec!(500));
        assert_eq!(load.hours[0].rps, dec!(5));
        assert_eq!(load.peak().hour, 10);
        let s = load.scaled_units(dec!(50), dec!(1), None);
        // 10 units for 4 h, 1 unit for 20 h, 30 days.
        assert_eq!(s.unit_hours, dec!(1800));
        let capped = load.scaled_units(dec!(50), dec!(1), Some(dec!(8)));
        assert_eq!(capped.unserved_rps, dec!(100));
    }
}
