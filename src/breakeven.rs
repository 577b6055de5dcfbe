//! Exact break-even: where two architectures' monthly costs are equal as one key varies.
//!
//! Every cost in the engine is piecewise linear in each numeric input: straight between tier
//! edges and free-tier allowances (kinks), and with jumps where a count steps (ceil of tasks,
//! instances, capacity units, metered requests). So: scan the range to bracket sign changes of
//! the difference, bisect until the bracket holds a single straight piece (the midpoint and the
//! quarter points lie exactly on the chord), then solve that line exactly in decimal arithmetic.
//! When the sign change is a jump, the bracket shrinks around the jump until the reported
//! value (the simplest decimal within 1e-15, relative, of the jump) can no longer change (see
//! `settled`), at most to the jump itself (1e-20 relative), and the crossing is reported as a step.
use crate::capacity::{Load, LoadShape};
use crate::compare;
use crate::error::{Error, Result};
use crate::pricing::Catalog;
use crate::range::RangeError;
use crate::scenario::Scenario;
use crate::sweep;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Samples used to bracket crossings before refining.
pub const SCAN_POINTS: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CrossingKind {
    /// The costs meet on a straight piece: `value` solves it exactly.
    Linear,
    /// One cost jumps past the other (a task/instance count steps): `value` is the jump.
    Step,
}

#[derive(Debug, Clone, Serialize)]
pub struct Crossing {
    pub between: (String, String),
    #[serde(with = "crate::money::exact")]
    pub value: Decimal,
    /// The first architecture's monthly USD at `value` (both are equal at a linear crossing).
    #[serde(with = "crate::money::exact")]
    pub monthly_usd: Decimal,
    pub kind: CrossingKind,
    /// The architecture that is cheaper just below `value`.
    pub cheaper_below: String,
    /// The architecture that is cheaper just above `value`.
    pub cheaper_above: String,
    /// Whether each of the two can run the workload at `value` (a crossing where one cannot is
    /// still reported, marked).
    pub feasible: BTreeMap<String, bool>,
    /// The limit ids that rule a side out at `value` (absent when both can run).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ruled_out_by: BTreeMap<String, Vec<String>>,
}

impl Crossing {
    /// The sides that cannot run the workload at the crossing.
    pub fn infeasible(&self) -> impl Iterator<Item = &str> {
        self.feasible
            .iter()
            .filter(|(_, ok)| !**ok)
            .map(|(n, _)| n.as_str())
    }
}

/// Costs of architectures with `key` set to `x`, each computed once per (architecture, x) and
/// shared between identical architectures, so all-pairs break-even grows with the pairs that
/// cross, not with pairs × architectures.
struct Probe<'a> {
    base: Scenario,
    catalog: &'a Catalog,
    key: &'a str,
    /// Architecture index -> class of identical architectures (same tiers, region, extras).
    class_of: Vec<usize>,
    /// Per class: x -> monthly USD.
    cache: Vec<foldhash::HashMap<Decimal, Decimal>>,
    /// The load at the value last set (it depends only on the workload).
    load_at: Option<(Decimal, Load)>,
    /// The shape of that load, reused while the key leaves it alone (it does unless the key is
    /// the profile, the peak-to-average ratio or the month's hours).
    shape: Option<LoadShape>,
}

impl<'a> Probe<'a> {
    fn new(s: &Scenario, catalog: &'a Catalog, key: &'a str) -> Self {
        // Architectures that differ only in name cost the same at every x, unless the key
        // varies one architecture's own setting.
        let varies_one = key.starts_with("architecture.");
        let mut seen: HashMap<String, usize> = HashMap::new();
        let class_of: Vec<usize> = s
            .architectures
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if varies_one {
                    return i;
                }
                let mut unnamed = a.clone();
                unnamed.name.clear();
                let next = seen.len();
                *seen.entry(format!("{unnamed:?}")).or_insert(next)
            })
            .collect();
        let classes = class_of.iter().copied().max().map_or(0, |m| m + 1);
        Probe {
            base: s.clone(),
            catalog,
            key,
            class_of,
            cache: vec![foldhash::HashMap::default(); classes],
            load_at: None,
            shape: None,
        }
    }

    fn cost(&mut self, arch: usize, x: Decimal) -> Result<Decimal> {
        let class = self.class_of[arch];
        if let Some(v) = self.cache[class].get(&x) {
            return Ok(*v);
        }
        if self.load_at.as_ref().is_none_or(|(at, _)| *at != x) {
            sweep::set_key(&mut self.base, self.key, x)?;
            let hours = self.base.assumptions.hours_per_month;
            let w = &self.base.workload;
            // The same as Load::new(w, requests, hours), digit for digit.
            let shape = match self.shape.take() {
                Some(shape) if shape.fits(w, hours) => shape,
                _ => LoadShape::new(w, hours),
            };
            let load = shape.load(w.monthly_requests(hours));
            self.shape = Some(shape);
            self.load_at = Some((x, load));
        }
        let load = &self.load_at.as_ref().expect("set above").1;
        let v = compare::arch_total(
            &self.base,
            &self.base.architectures[arch],
            self.catalog,
            load,
        )?;
        self.cache[class].insert(x, v);
        Ok(v)
    }

    fn costs(&mut self, x: Decimal) -> Result<Vec<Decimal>> {
        (0..self.class_of.len()).map(|a| self.cost(a, x)).collect()
    }

    fn diff(&mut self, i: usize, j: usize, x: Decimal) -> Result<Decimal> {
        Ok(self.cost(i, x)? - self.cost(j, x)?)
    }
}

fn sign(d: Decimal) -> i8 {
    if d.is_zero() {
        0
    } else if d.is_sign_negative() {
        -1
    } else {
        1
    }
}

/// Every crossing of the architectures' monthly costs while `key` goes from `from` to `to`.
pub fn breakeven(
    s: &Scenario,
    catalog: &Catalog,
    key: &str,
    from: Decimal,
    to: Decimal,
    between: Option<(String, String)>,
) -> Result<Vec<Crossing>> {
    crossings(s, catalog, key, from, to, between, Depth::Settled)
}

/// How far `refine` narrows a bracket that holds a jump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Depth {
    /// Until the reported value and kind can no longer change (`settled`): what `breakeven` does.
    Settled,
    /// Always down to 1e-20 (relative): the reference `Settled` is tested against.
    #[cfg_attr(not(test), allow(dead_code))]
    Full,
}

fn crossings(
    s: &Scenario,
    catalog: &Catalog,
    key: &str,
    from: Decimal,
    to: Decimal,
    between: Option<(String, String)>,
    depth: Depth,
) -> Result<Vec<Crossing>> {
    let names: Vec<String> = s.architectures.iter().map(|a| a.name.clone()).collect();
    let index = |n: &str| {
        names.iter().position(|x| x == n).ok_or_else(|| {
            Error::Range(RangeError::BetweenUnknown {
                name: n.to_string(),
                known: names.clone(),
            })
        })
    };
    let pairs: Vec<(usize, usize)> = match &between {
        Some((a, b)) => {
            let (i, j) = (index(a)?, index(b)?);
            if i == j {
                return Err(Error::Range(RangeError::BetweenSame {
                    a: a.clone(),
                    b: b.clone(),
                }));
            }
            vec![(i, j)]
        }
        None => (0..names.len())
            .flat_map(|i| (i + 1..names.len()).map(move |j| (i, j)))
            .collect(),
    };
    // Both ends must be valid scenarios (ranges are intervals, so the points between are too).
    sweep::check_range(s, catalog, key, from, to)?;
    let log = from > Decimal::ZERO && to >= from * dec!(10);
    let xs = sweep::steps(from, to, SCAN_POINTS, log)?;
    // Every architecture at every scan point, the points split across the cores.
    let samples: Vec<Vec<Decimal>> = on_cores(&xs, 64, |chunk| {
        let mut probe = Probe::new(s, catalog, key);
        chunk.iter().map(|x| probe.costs(*x)).collect()
    })?;
    let jobs = brackets(&pairs, &samples);
    // Each bracket is refined probing only its pair; the brackets are split across the cores
    // (costs are a pure function of the architecture and the value, so the result is the same
    // in any order, and the crossings are sorted below).
    let mut out: Vec<Crossing> = on_cores(&jobs, 16, |chunk| {
        let mut probe = Probe::new(s, catalog, key);
        chunk
            .iter()
            .map(|job| {
                let Job { i, j, p, k, fp, fk } = *job;
                let (value, kind) = if k > p + 1 {
                    // Equal on samples between: the crossing starts at the first of them.
                    (xs[p + 1], CrossingKind::Linear)
                } else {
                    refine(&mut probe, i, j, (xs[p], xs[k]), (fp, fk), depth)?
                };
                let monthly_usd = probe.cost(i, value)?;
                let (below, above) = if sign(fp) < 0 { (i, j) } else { (j, i) };
                Ok(Crossing {
                    between: (names[i].clone(), names[j].clone()),
                    value,
                    monthly_usd,
                    kind,
                    cheaper_below: names[below].clone(),
                    cheaper_above: names[above].clone(),
                    feasible: BTreeMap::new(),
                    ruled_out_by: BTreeMap::new(),
                })
            })
            .collect()
    })?;
    out.sort_by(|a, b| {
        a.value
            .cmp(&b.value)
            .then_with(|| a.between.cmp(&b.between))
    });
    let mut base = s.clone();
    mark_feasibility(&mut base, catalog, key, &mut out)?;
    Ok(out)
}

/// The brackets where a pair's difference changes sign between scan points (`samples`: every
/// architecture's cost at each point). Brackets between the same scan points come next to each
/// other: pairs that cross at the same jump halve through the same values, so a worker prices
/// the jumping architecture there once for all of them (its cost cache is per worker).
fn brackets(pairs: &[(usize, usize)], samples: &[Vec<Decimal>]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for &(i, j) in pairs {
        let f: Vec<Decimal> = samples.iter().map(|c| c[i] - c[j]).collect();
        let mut last: Option<usize> = None; // last sample with a non-zero difference
        for k in 0..f.len() {
            if f[k].is_zero() {
                continue;
            }
            if let Some(p) = last {
                if sign(f[p]) != sign(f[k]) {
                    jobs.push(Job {
                        i,
                        j,
                        p,
                        k,
                        fp: f[p],
                        fk: f[k],
                    });
                }
            }
            last = Some(k);
        }
    }
    jobs.sort_by_key(|job| (job.p, job.i, job.j));
    jobs
}

/// A scan bracket `[xs[p], xs[k]]` where the difference of architectures `i` and `j` changes
/// sign (`fp`, `fk`: the differences at its ends).
#[derive(Clone, Copy)]
struct Job {
    i: usize,
    j: usize,
    p: usize,
    k: usize,
    fp: Decimal,
    fk: Decimal,
}

/// `work` over `items` in order, the items split across the cores in chunks of at least
/// `min_chunk` (one thread when there are few); the results keep the items' order.
fn on_cores<T: Sync, R: Send>(
    items: &[T],
    min_chunk: usize,
    work: impl Fn(&[T]) -> Result<Vec<R>> + Sync,
) -> Result<Vec<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || items.len() < 2 * min_chunk {
        return work(items);
    }
    // Several chunks per thread, taken in turn, so uneven chunks even out.
    let size = items.len().div_ceil(threads * 8).max(min_chunk);
    let chunks: Vec<&[T]> = items.chunks(size).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Vec<R>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (work, next, chunks) = (&work, &next, &chunks);
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(n) else {
                            return mine;
                        };
                        mine.push((n, work(chunk)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![(0, Err(Error::Input("a break-even worker failed".into())))]
                })
            })
            .collect()
    });
    done.sort_by_key(|(n, _)| *n);
    let mut out = Vec::with_capacity(items.len());
    for (_, r) in done {
        out.extend(r?);
    }
    Ok(out)
}

/// Fill each crossing's `feasible` / `ruled_out_by` from a lean evaluation (price and limit
/// checks) of the crossing's two architectures at its value: only the pair, so the cost grows
/// with the crossings, not with crossings x architectures.
pub fn mark_feasibility(
    s: &mut Scenario,
    catalog: &Catalog,
    key: &str,
    crossings: &mut [Crossing],
) -> Result<()> {
    for c in crossings {
        sweep::set_key(s, key, c.value)?;
        let hours = s.assumptions.hours_per_month;
        let load = Load::new(&s.workload, s.workload.monthly_requests(hours), hours);
        for name in [&c.between.0, &c.between.1] {
            let Some(arch) = s.architectures.iter().find(|a| &a.name == name) else {
                continue;
            };
            let o = compare::outcome(s, arch, catalog, &load)?;
            c.feasible.insert(o.name.clone(), o.feasible);
            if !o.feasible {
                c.ruled_out_by.insert(o.name, o.ruled_out_by);
            }
        }
    }
    Ok(())
}

/// Narrow [a, b] (difference changes sign from `fa` to `fb`) to the exact crossing.
fn refine(
    probe: &mut Probe,
    i: usize,
    j: usize,
    (mut a, mut b): (Decimal, Decimal),
    (mut fa, mut fb): (Decimal, Decimal),
    depth: Depth,
) -> Result<(Decimal, CrossingKind)> {
    for _ in 0..400 {
        if depth == Depth::Settled {
            if let Some(value) = settled(probe, i, j, (a, b), (fa, fb))? {
                return Ok((value, CrossingKind::Step));
            }
        }
        let width = b - a;
        // A straight piece: the chord predicts the midpoint and quarter points exactly.
        let m = a + width / dec!(2);
        let fm = probe.diff(i, j, m)?;
        if fm.is_zero() {
            return Ok((m, CrossingKind::Linear));
        }
        let on_chord = |x: Decimal, fx: Decimal| {
            let predicted = fa + (fb - fa) * (x - a) / width;
            (fx - predicted).abs() <= (fa.abs() + fb.abs()) * dec!(0.000000000001)
        };
        if on_chord(m, fm) {
            let q1 = a + width / dec!(4);
            let q3 = a + width * dec!(3) / dec!(4);
            let (f1, f3) = (probe.diff(i, j, q1)?, probe.diff(i, j, q3)?);
            if on_chord(q1, f1) && on_chord(q3, f3) {
                // A staircase can look straight at five points; the root must check out.
                let root = a - fa * width / (fb - fa);
                let f_root = probe.diff(i, j, root)?;
                if f_root.abs() <= (fa.abs() + fb.abs()) * dec!(0.000000001) {
                    return Ok((root.normalize(), CrossingKind::Linear));
                }
            }
        }
        if sign(fm) == sign(fa) {
            a = m;
            fa = fm;
        } else {
            b = m;
            fb = fm;
        }
        if b - a <= b.abs().max(Decimal::ONE) * dec!(0.00000000000000000001) {
            break;
        }
    }
    // Converged on a point: a crossing at a kink if the difference vanishes there, else a jump.
    let kind = if fa.abs() < dec!(0.000001) && fb.abs() < dec!(0.000001) {
        CrossingKind::Linear
    } else {
        CrossingKind::Step
    };
    Ok((simplest_in(a, b), kind))
}

/// The step `refine` would report for the bracket [a, b] (differences `fa`, `fb` of opposite
/// signs) if it went on halving it down to 1e-20, when that can be told already; None to go on.
///
/// Why the answer cannot change. Halving keeps a nested bracket: wherever the bisection ends,
/// its final bracket [a', b'] lies within [a, b]. (1) The value: `simplest_in(a', b')` tries
/// r = round(b', dp) for dp = 0, 1, ... and takes the first r within tol' = max(|b'|, 1) x 1e-15
/// of [a', b']. `settled_value` proves, from [a, b] alone, that every such [a', b'] takes the
/// same r (see there). (2) The kind: the bisection ends as a step unless both ends' differences
/// are below 1e-6 USD. Here both are at least 1e-3 USD and at least 1e-6 of the two
/// architectures' costs, while the bracket is within 2e-15 (relative) of one point; the costs
/// are piecewise linear in the key with jumps (module doc), so the sides of a jump keep their
/// difference's sign and size over the rest of the bisection unless a cost moved by 1e-6 of its
/// size over 2e-15 of the key (a slope of 5e8 x cost / key, far beyond any price's). So the
/// bisection follows this jump to its end: no midpoint difference is zero or on the chord (it
/// is near `fa` or `fb`, half a jump from the chord), and it ends as a step.
/// `tests::settled_matches_full_bisection` checks this against the full bisection.
fn settled(
    probe: &mut Probe,
    i: usize,
    j: usize,
    (a, b): (Decimal, Decimal),
    (fa, fb): (Decimal, Decimal),
) -> Result<Option<Decimal>> {
    let Some(value) = settled_value(a, b) else {
        return Ok(None);
    };
    let floor = dec!(0.001);
    if fa.abs() < floor || fb.abs() < floor {
        return Ok(None);
    }
    let level = probe.cost(i, a)?.abs()
        + probe.cost(j, a)?.abs()
        + probe.cost(i, b)?.abs()
        + probe.cost(j, b)?.abs();
    let jump = level * dec!(0.000001);
    if fa.abs() < jump || fb.abs() < jump {
        return Ok(None);
    }
    Ok(Some(value))
}

/// `simplest_in(a', b')` for every bracket a <= a' < b' <= b, when it is the same for all of
/// them (None otherwise). With tol' = max(|b'|, 1) x 1e-15 bounded by `tol_lo` <= tol' <=
/// `tol_hi` (from the ends of [a, b]): round(x, dp) is monotone in x, so when round(a, dp) =
/// round(b, dp) = r, every b' rounds to r. Then r is taken for every [a', b'] when
/// b - tol_lo <= r <= a + tol_lo (as a' - tol' <= b - tol_lo and b' + tol' >= a + tol_lo), and
/// refused for every one when r < a - tol_hi or r > b + tol_hi. Each dp, from 0, must be one
/// of the two (taken: the answer; refused: the next dp); anything else leaves it open. The
/// bounds are narrowed by 1e-6 of themselves so that the 28-digit rounding of tol', a' - tol'
/// and b' + tol' (relative 1e-28 of the values) cannot matter.
fn settled_value(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a >= b {
        return None;
    }
    // The smallest and largest |b'| for b' in (a, b].
    let smallest = if a >= Decimal::ZERO {
        a
    } else if b <= Decimal::ZERO {
        b.abs()
    } else {
        Decimal::ZERO
    };
    let largest = a.abs().max(b.abs());
    let tol_lo = smallest.max(Decimal::ONE) * SIMPLEST_TOL * dec!(0.999999);
    let tol_hi = largest.max(Decimal::ONE) * SIMPLEST_TOL * dec!(1.000001);
    // Taking any r needs b - a <= 2 tol_lo: wider brackets are not settled yet.
    if b - a > tol_lo * dec!(2) {
        return None;
    }
    for dp in 0..=28 {
        let r = a.round_dp(dp);
        if r != b.round_dp(dp) {
            return None;
        }
        if b - r <= tol_lo && r - a <= tol_lo {
            return Some(r.normalize());
        }
        if !(r < a - tol_hi || r > b + tol_hi) {
            return None;
        }
    }
    None
}

/// How close (relative) the reported value of a jump is to the bracket found by bisection.
const SIMPLEST_TOL: Decimal = dec!(0.000000000000001);

/// The decimal with the fewest places within 1e-15 (relative) of the bracket: a jump found by
/// bisection is reported as 596227500, not 596227500.0000000000038849132 (the 28-digit
/// arithmetic of the hourly rates puts the computed jump a few 1e-20 away from the exact one).
fn simplest_in(a: Decimal, b: Decimal) -> Decimal {
    let tol = b.abs().max(Decimal::ONE) * SIMPLEST_TOL;
    for dp in 0..=28 {
        let r = b.round_dp(dp);
        if r >= a - tol && r <= b + tol {
            return r.normalize();
        }
    }
    b.normalize()
}

/// 41_300_000 -> "41.3M"; 1234.5678 -> "1,234.57"; 0.25 -> "0.25".
pub fn human(v: Decimal) -> String {
    for (div, suffix) in [(dec!(1_000_000_000), "B"), (dec!(1_000_000), "M")] {
        if v.abs() >= div {
            return format!("{}{suffix}", crate::money::round(v / div, 3).normalize());
        }
    }
    crate::money::group(&crate::money::round(v, 2).normalize().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::bundled;
    use proptest::prelude::*;

    /// Seven autoscaling architectures (Fargate and EC2 fleets scaled by the hour, each behind
    /// an ALB, some with a database) whose staircases cross each other many times.
    const SEVEN: &str = r#"
name = "seven"
region = "us-east-1"
[assumptions]
hours_per_month = 730
[workload]
requests_per_month = 30_000_000
profile = "business-hours"
duration_ms = 120
[[architecture]]
name = "fargate-a"
web = { service = "alb" }
app = { service = "fargate", vcpu = 0.5, memory_gb = 1.0, rps_per_task = 20, min_tasks = 1, max_tasks = 400 }
[[architecture]]
name = "fargate-b"
web = { service = "alb" }
app = { service = "fargate", vcpu = 0.25, memory_gb = 0.5, rps_per_task = 9, min_tasks = 2, max_tasks = 900 }
[[architecture]]
name = "fargate-c"
web = { service = "alb" }
app = { service = "fargate", vcpu = 1.0, memory_gb = 2.0, rps_per_task = 47, min_tasks = 3, max_tasks = 250 }
db = { service = "rds", engine = "mysql", instance = "db.t4g.medium", multi_az = true }
[[architecture]]
name = "ec2-a"
web = { service = "alb" }
app = { service = "ec2", instance = "m5.large", rps_per_instance = 40, min = 1, max = 300 }
[[architecture]]
name = "ec2-b"
web = { service = "alb" }
app = { service = "ec2", instance = "t3.small", rps_per_instance = 12, min = 2, max = 900 }
[[architecture]]
name = "ec2-c"
web = { service = "alb" }
app = { service = "ec2", instance = "m5.large", rps_per_instance = 33, min = 2, max = 301 }
db = { service = "rds", engine = "mysql", instance = "db.t4g.medium", multi_az = true }
[[architecture]]
name = "fixed"
web = { service = "alb" }
app = { service = "ec2", instance = "m5.large", count = 3 }
"#;

    /// The early stop reports exactly what halving down to 1e-20 reports, crossing by crossing
    /// (value, cost, kind, sides, feasibility), and it does stop early on the steps.
    #[test]
    fn settled_matches_full_bisection() {
        let catalog = bundled::catalog();
        let s = crate::scenario::parse("seven.toml", SEVEN, catalog).unwrap();
        let key = "workload.requests_per_month";
        let (from, to) = (dec!(30000), dec!(30000000000));
        let settled = crossings(&s, catalog, key, from, to, None, Depth::Settled).unwrap();
        let full = crossings(&s, catalog, key, from, to, None, Depth::Full).unwrap();
        let steps = full.iter().filter(|c| c.kind == CrossingKind::Step).count();
        assert!(steps >= 20, "the scenario should step often: {steps} steps");
        assert_eq!(
            serde_json::to_string_pretty(&settled).unwrap(),
            serde_json::to_string_pretty(&full).unwrap()
        );

        // Each step's bracket: the early stop prices fewer points than the full bisection.
        let xs = sweep::steps(from, to, SCAN_POINTS, true).unwrap();
        let (mut fewer, mut tried) = (0, 0);
        for c in full
            .iter()
            .filter(|c| c.kind == CrossingKind::Step)
            .take(10)
        {
            let i = s.architectures.iter().position(|a| a.name == c.between.0);
            let j = s.architectures.iter().position(|a| a.name == c.between.1);
            let (i, j) = (i.unwrap(), j.unwrap());
            let k = xs.iter().position(|x| *x >= c.value).unwrap();
            let evaluated = |depth| {
                let mut probe = Probe::new(&s, catalog, key);
                let (fa, fb) = (
                    probe.diff(i, j, xs[k - 1]).unwrap(),
                    probe.diff(i, j, xs[k]).unwrap(),
                );
                let got = refine(&mut probe, i, j, (xs[k - 1], xs[k]), (fa, fb), depth);
                let count: usize = probe.cache.iter().map(|c| c.len()).sum();
                (got.unwrap(), count)
            };
            let ((v1, k1), n1) = evaluated(Depth::Settled);
            let ((v2, k2), n2) = evaluated(Depth::Full);
            assert_eq!((v1, k1), (v2, k2), "{c:?}");
            assert_eq!(v1, c.value);
            tried += 1;
            fewer += usize::from(n1 < n2);
        }
        assert!(
            tried > 0 && fewer == tried,
            "{fewer} of {tried} stopped early"
        );
    }

    #[test]
    fn settled_value_takes_the_simplest_decimal_once_every_sub_bracket_agrees() {
        // 1e-15 x 59,622,750 = 5.96e-8: within that of both ends, 59622750 is taken (dp 0).
        let (a, b) = (dec!(59622749.99999999), dec!(59622750.00000001));
        assert_eq!(settled_value(a, b), Some(dec!(59622750)));
        assert_eq!(simplest_in(a, b), dec!(59622750));
        // 2e-4 wide: a sub-bracket near an end may still pick another value.
        assert_eq!(
            settled_value(dec!(59622749.9999), dec!(59622750.0001)),
            None
        );
        // Below 1 the tolerance is 1e-15: 1, 1.2 and 1.23 are refused, 1.234 is taken (dp 3).
        let (a, b) = (dec!(1.23400000000000001), dec!(1.23400000000000009));
        assert_eq!(settled_value(a, b), Some(dec!(1.234)));
        assert_eq!(simplest_in(a, b), dec!(1.234));
        assert_eq!(settled_value(-b, -a), Some(dec!(-1.234)));
        // 0.5 +- 1e-16: round(a, 0) = 0 but round(b, 0) = 1, so it is left open.
        assert_eq!(
            settled_value(dec!(0.4999999999999999), dec!(0.5000000000000001)),
            None
        );
        // An empty or reversed bracket is never settled.
        assert_eq!(settled_value(dec!(2), dec!(2)), None);
        assert_eq!(settled_value(dec!(3), dec!(2)), None);
    }

    proptest! {
        /// Whatever bracket within [a, b] the bisection would end in, `simplest_in` gives what
        /// `settled_value(a, b)` announced.
        #[test]
        fn settled_value_holds_for_every_sub_bracket(
            mantissa in 1i64..1_000_000_000_000,
            scale in 0u32..12,
            negative in any::<bool>(),
            start in -1500i64..500,
            width in 1i64..2000,
            cut in 0u32..1000,
            keep in 1u32..=1000,
        ) {
            let mut centre = Decimal::new(mantissa, scale);
            if negative {
                centre = -centre;
            }
            // Offsets in units of 1e-18 of the value: brackets around 1e-15 (relative) wide.
            let unit = centre.abs().max(Decimal::ONE) * dec!(0.000000000000000001);
            let a = centre + unit * Decimal::from(start);
            let b = a + unit * Decimal::from(width);
            if let Some(v) = settled_value(a, b) {
                let a2 = a + (b - a) * Decimal::from(cut) / dec!(1000);
                let b2 = a2 + (b - a2) * Decimal::from(keep) / dec!(1000);
                prop_assume!(a2 < b2);
                prop_assert_eq!(simplest_in(a2, b2), v, "[{}, {}] in [{}, {}]", a2, b2, a, b);
                prop_assert_eq!(simplest_in(a, b), v);
            }
        }
    }
}
