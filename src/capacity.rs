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
    /// Per hour of the day: its group (index into `groups`).
    group_of_hour: Vec<usize>,
    /// The busiest hour (index into `hours`, the first one on ties).
    peak_hour: usize,
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

/// Everything of a month's load but its request count: the day's shape (the profile's weights,
/// hours with equal weights grouped), the peak-to-average ratio and the month's hours. A sweep
/// or break-even over the request volume makes it once and each value's `Load` from it.
#[derive(Debug, Clone)]
pub struct LoadShape {
    profile: Profile,
    peak_to_average: Decimal,
    hours_per_month: Decimal,
    /// Per distinct weight, in order of first hour: (weight, first hour, hours with it).
    groups: Vec<(Decimal, usize, Decimal)>,
    /// Per hour of the day: its group.
    group_of_hour: Vec<usize>,
    total_weight: Decimal,
    days: Decimal,
    /// total weight x hours per month x 3600.
    denominator: Decimal,
}

impl LoadShape {
    pub fn new(w: &Workload, hours_per_month: Decimal) -> LoadShape {
        let mut weights = weights(&w.profile);
        let mut total: Decimal = weights.iter().sum();
        if total.is_zero() {
            weights = vec![Decimal::ONE; 24];
            total = dec!(24);
        }
        // Hours with the same weight carry the same load: each distinct weight is priced once.
        let mut groups: Vec<(Decimal, usize, Decimal)> = Vec::with_capacity(24);
        let group_of_hour = weights
            .iter()
            .enumerate()
            .map(
                |(hour, wt)| match groups.iter().position(|(x, _, _)| x == wt) {
                    Some(k) => {
                        groups[k].2 += Decimal::ONE;
                        k
                    }
                    None => {
                        groups.push((*wt, hour, Decimal::ONE));
                        groups.len() - 1
                    }
                },
            )
            .collect();
        LoadShape {
            profile: w.profile.clone(),
            peak_to_average: w.peak_to_average,
            hours_per_month,
            groups,
            group_of_hour,
            total_weight: total,
            days: hours_per_month / dec!(24),
            denominator: total * hours_per_month * dec!(3600),
        }
    }

    /// Whether this shape is the one `LoadShape::new(w, hours_per_month)` makes (same profile,
    /// peak-to-average and hours, compared digit for digit, scale included).
    pub fn fits(&self, w: &Workload, hours_per_month: Decimal) -> bool {
        let same = |a: &Decimal, b: &Decimal| a.serialize() == b.serialize();
        let profile = match (&self.profile, &w.profile) {
            (Profile::Flat, Profile::Flat) => true,
            (Profile::Preset(a), Profile::Preset(b)) => a == b,
            (Profile::Weights(a), Profile::Weights(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
            }
            _ => false,
        };
        profile
            && same(&self.peak_to_average, &w.peak_to_average)
            && same(&self.hours_per_month, &hours_per_month)
    }

    /// The load of `monthly_requests` spread by this shape.
    pub fn load(&self, monthly_requests: Decimal) -> Load {
        // (rps, busiest second) per group. Multiply before dividing so flat and round-number
        // profiles stay exact.
        let per_group: Vec<(Decimal, Decimal)> = self
            .groups
            .iter()
            .map(|(wt, _, _)| {
                let rps = if self.hours_per_month.is_zero() {
                    Decimal::ZERO
                } else {
                    monthly_requests * wt * dec!(24) / self.denominator
                };
                (rps, rps * self.peak_to_average)
            })
            .collect();
        let hours = self
            .group_of_hour
            .iter()
            .enumerate()
            .map(|(hour, g)| HourLoad {
                hour,
                // An hour takes its group's first weight (equal in value).
                weight: self.groups[*g].0,
                rps: per_group[*g].0,
                peak_rps: per_group[*g].1,
            })
            .collect();
        // The busiest hour, first on ties: the first hour of the first group (groups are in
        // order of their first hour) with the largest busiest second.
        let mut peak = 0;
        for (g, (_, busiest)) in per_group.iter().enumerate() {
            if *busiest > per_group[peak].1 {
                peak = g;
            }
        }
        Load {
            monthly_requests,
            days: self.days,
            hours_per_month: self.hours_per_month,
            hours,
            groups: self.groups.iter().map(|(_, h, n)| (*h, *n)).collect(),
            group_of_hour: self.group_of_hour.clone(),
            peak_hour: self.groups.get(peak).map_or(0, |(_, first, _)| *first),
            total_weight: self.total_weight,
            alb_memo: OnceLock::new(),
        }
    }
}

impl Load {
    pub fn new(w: &Workload, monthly_requests: Decimal, hours_per_month: Decimal) -> Load {
        LoadShape::new(w, hours_per_month).load(monthly_requests)
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
        &self.hours[self.peak_hour]
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
        // Each hour takes its group's units. (Hours of two groups with equal busiest seconds
        // get identical units, digit for digit: ceil gives scale 0, and max/min pick the same.)
        let per_hour = self.group_of_hour.iter().map(|g| units_for[*g]).collect();
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

    #[test]
    fn the_busiest_hour_is_the_first_of_equal_peaks_and_units_follow_each_hour() {
        // Weights 1, then 3 at hours 5 and 9 with 2 between: hour 5 is the first busiest.
        let mut w = vec![dec!(1); 24];
        w[5] = dec!(3);
        w[7] = dec!(2);
        w[9] = dec!(3.0);
        // Total weight 21 + 3 + 2 + 3 = 29: rps = requests x weight x 24 / (29 x 730 x 3600),
        // so 29 x 730 x 3600 / 24 = 3,175,500 requests make 1 rps per unit of weight.
        let load = Load::new(&workload(Profile::Weights(w)), dec!(3175500), dec!(730));
        assert_eq!(load.peak().hour, 5);
        assert_eq!(load.peak().peak_rps, dec!(3));
        // 1 rps per unit: 2 units at 3 rps, 1 at 2 rps and at 1 rps (min 1).
        let s = load.scaled_units(dec!(2), dec!(1), None);
        let mut want = vec![dec!(1); 24];
        want[5] = dec!(2);
        want[9] = dec!(2);
        assert_eq!(s.per_hour, want);
    }

    /// A shape reused for another request count gives the load `Load::new` gives, digit for
    /// digit, and is only reused for the same profile, peak-to-average and hours.
    #[test]
    fn a_reused_shape_makes_the_same_load_as_new() {
        let bytes = |l: &Load| -> Vec<[u8; 16]> {
            l.hours
                .iter()
                .flat_map(|h| [h.weight, h.rps, h.peak_rps])
                .chain([
                    l.monthly_requests,
                    l.days,
                    l.hours_per_month,
                    l.total_weight,
                ])
                .map(|d| d.serialize())
                .collect()
        };
        let mut w = workload(Profile::Preset("business-hours".into()));
        w.peak_to_average = dec!(2.5);
        let shape = LoadShape::new(&w, dec!(730));
        for requests in [
            dec!(0),
            dec!(1),
            dec!(30000000),
            dec!(123456789.123),
            dec!(7e20),
        ] {
            let fresh = Load::new(&w, requests, dec!(730));
            let reused = shape.load(requests);
            assert_eq!(bytes(&reused), bytes(&fresh), "{requests}");
            assert_eq!(reused.peak().hour, fresh.peak().hour);
        }
        assert!(shape.fits(&w, dec!(730)));
        assert!(
            !shape.fits(&w, dec!(730.0)),
            "hours compared with their scale"
        );
        assert!(!shape.fits(&w, dec!(720)));
        let mut other = w.clone();
        other.peak_to_average = dec!(2.50);
        assert!(!shape.fits(&other, dec!(730)));
        other = w.clone();
        other.profile = Profile::Preset("evening-peak".into());
        assert!(!shape.fits(&other, dec!(730)));
        other.profile = Profile::Flat;
        assert!(!shape.fits(&other, dec!(730)));
    }
}
