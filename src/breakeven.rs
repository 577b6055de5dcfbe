//! Exact break-even: where two architectures' monthly costs cross as one input varies,
//! solved on the piecewise-linear cost (bisection down to one linear piece, then the line).
use crate::compare;
use crate::error::{Error, Result};
use crate::pricing::Catalog;
use crate::scenario::Scenario;
use crate::sweep;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub const BREAKEVEN_SCHEMA: &str = "archcost/breakeven/1";

/// Points scanned to bracket crossings before refining them exactly.
pub const SCAN_POINTS: usize = 2000;

/// One crossing of two architectures' monthly costs.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossing {
    /// (cheaper below `value`, cheaper above `value`)
    pub between: (String, String),
    pub value: Decimal,
    /// The first architecture's monthly cost at `value`.
    pub monthly_usd: Decimal,
    /// True when the order flips at a jump of one cost (a step: one more task/instance),
    /// false when two linear pieces cross (or become equal) at `value`.
    pub step: bool,
}

/// Evaluates architecture totals at a value of the varied key.
struct Curve<'a> {
    work: Scenario,
    catalog: &'a Catalog,
    key: &'a str,
}

impl Curve<'_> {
    fn totals(&mut self, x: Decimal) -> Result<Vec<Decimal>> {
        sweep::set_key_unchecked(&mut self.work, self.key, x)?;
        Ok(compare::totals(&self.work, self.catalog)?
            .into_iter()
            .map(|(_, v)| v)
            .collect())
    }

    /// f(x) = cost of a - cost of b.
    fn diff(&mut self, x: Decimal, a: usize, b: usize) -> Result<Decimal> {
        let t = self.totals(x)?;
        Ok(t.get(a).copied().unwrap_or_default() - t.get(b).copied().unwrap_or_default())
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

/// The default search range for a key: /1000 to x1000 of the scenario's request volume.
pub fn default_range(s: &Scenario, key: &str) -> Result<(Decimal, Decimal)> {
    let v = match key {
        "workload.requests_per_month" => s
            .workload
            .requests_per_month
            .unwrap_or_else(|| s.workload.monthly_requests(s.assumptions.hours_per_month)),
        "workload.requests_per_second" => s.workload.requests_per_second.unwrap_or_else(|| {
            s.workload.monthly_requests(s.assumptions.hours_per_month)
                / (s.assumptions.hours_per_month * dec!(3600))
        }),
        _ => {
            return Err(Error::Input(format!(
                "breakeven --vary {key}: give the searched range with --from and --to\n  hint: only request volumes have a default range (the scenario's value /1000 to x1000)"
            )))
        }
    };
    if v <= Decimal::ZERO {
        return Err(Error::Input(format!(
            "breakeven --vary {key}: the scenario's value is 0, so there is no default range\n  hint: give --from and --to"
        )));
    }
    Ok((v / dec!(1000), v * dec!(1000)))
}

/// Every crossing of every pair of architectures (or only `between`) for `key` in [from, to].
pub fn breakeven(
    s: &Scenario,
    catalog: &Catalog,
    key: &str,
    from: Decimal,
    to: Decimal,
    between: Option<(String, String)>,
) -> Result<Vec<Crossing>> {
    if from >= to {
        return Err(Error::Input(format!(
            "breakeven: --from {from} must be less than --to {to}\n  hint: swap them"
        )));
    }
    let names: Vec<String> = s.architectures.iter().map(|a| a.name.clone()).collect();
    let index = |n: &str| -> Result<usize> {
        names.iter().position(|x| x == n).ok_or_else(|| {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = match crate::scenario::closest(n, &refs) {
                Some(b) => format!("did you mean `{b}`?"),
                None => format!("architectures: {}", names.join(", ")),
            };
            Error::Input(format!(
                "--between: no architecture named `{n}`\n  hint: {hint}"
            ))
        })
    };
    let pairs: Vec<(usize, usize)> = match &between {
        Some((a, b)) => {
            let (ia, ib) = (index(a)?, index(b)?);
            if ia == ib {
                return Err(Error::Input(format!(
                    "--between {a},{a}: name two different architectures"
                )));
            }
            vec![(ia, ib)]
        }
        None => (0..names.len())
            .flat_map(|i| (i + 1..names.len()).map(move |j| (i, j)))
            .collect(),
    };
    // Both ends must be valid values of the key (validation is by range, so the inside is too).
    let mut probe = s.clone();
    sweep::set_key_in(&mut probe, catalog, key, from)?;
    sweep::set_key_in(&mut probe, catalog, key, to)?;
    let log = from > Decimal::ZERO && to >= from * dec!(10);
    let xs = sweep::steps(from, to, SCAN_POINTS, log)?;
    let mut curve = Curve {
        work: s.clone(),
        catalog,
        key,
    };
    curve.work.workload_ranges.clear();
    let mut scan = Vec::with_capacity(xs.len());
    for &x in &xs {
        scan.push(curve.totals(x)?);
    }
    let mut out = Vec::new();
    for (a, b) in pairs {
        let f: Vec<Decimal> = scan.iter().map(|t| t[a] - t[b]).collect();
        // Walk the scan: a crossing lies between the last point with a strict order and the
        // next point whose order differs (equal points in between = an interval of equality).
        let mut last: Option<(usize, i8)> = None;
        for i in 0..xs.len() {
            let sg = sign(f[i]);
            if sg == 0 {
                continue;
            }
            if let Some((j, sj)) = last {
                if sj != sg {
                    // Where the order stops being `sj`: between xs[j] and the first point after
                    // it that is not strictly `sj`.
                    let k = (j + 1..=i).find(|&k| sign(f[k]) != sj).unwrap_or(i);
                    let (value, step) = refine(&mut curve, a, b, xs[j], xs[k], sj)?;
                    let totals = curve.totals(value)?;
                    let (lo_name, hi_name) = if sj < 0 {
                        (names[a].clone(), names[b].clone())
                    } else {
                        (names[b].clone(), names[a].clone())
                    };
                    out.push(Crossing {
                        between: (lo_name, hi_name),
                        value,
                        monthly_usd: totals[a],
                        step,
                    });
                }
            }
            last = Some((i, sg));
        }
    }
    out.sort_by(|x, y| x.value.cmp(&y.value).then(x.between.cmp(&y.between)));
    Ok(out)
}

/// Relative tolerance of the linearity test (Decimal division in the load model is exact to
/// ~28 digits, so a linear piece agrees with its chord far below this).
const LINEAR_TOLERANCE: Decimal = dec!(0.000000000001);

fn close(a: Decimal, b: Decimal, scale: Decimal) -> bool {
    (a - b).abs() <= LINEAR_TOLERANCE * scale.max(Decimal::ONE)
}

/// Find inf{x > lo : sign f(x) != s_lo} in (lo, hi], where sign f(lo) = s_lo != 0 and
/// sign f(hi) != s_lo. Returns (value, is_step).
fn refine(
    curve: &mut Curve,
    a: usize,
    b: usize,
    mut lo: Decimal,
    mut hi: Decimal,
    s_lo: i8,
) -> Result<(Decimal, bool)> {
    let mut f_lo = curve.diff(lo, a, b)?;
    let mut f_hi = curve.diff(hi, a, b)?;
    for _ in 0..400 {
        let mid = (lo + hi) / dec!(2);
        if mid <= lo || mid >= hi {
            break;
        }
        let f_mid = curve.diff(mid, a, b)?;
        let scale = f_lo.abs().max(f_hi.abs());
        // One linear piece on [lo, hi]: the midpoint and both quarter points lie on the chord.
        if close(f_mid, (f_lo + f_hi) / dec!(2), scale) {
            let q1 = (lo + mid) / dec!(2);
            let q3 = (mid + hi) / dec!(2);
            let f_q1 = curve.diff(q1, a, b)?;
            let f_q3 = curve.diff(q3, a, b)?;
            if close(f_q1, (f_lo + f_mid) / dec!(2), scale)
                && close(f_q3, (f_mid + f_hi) / dec!(2), scale)
                && f_hi != f_lo
            {
                let x = if f_hi.is_zero() {
                    hi
                } else {
                    lo - f_lo * (hi - lo) / (f_hi - f_lo)
                };
                if let Some(v) = verified(curve, a, b, x, s_lo)? {
                    return Ok((v, false));
                }
            }
        }
        if sign(f_mid) == s_lo {
            lo = mid;
            f_lo = f_mid;
        } else {
            hi = mid;
            f_hi = f_mid;
        }
        // A bracket this narrow that is still not linear holds a jump (a step).
        if hi - lo <= (hi.abs() * dec!(0.000000000000000000001)).max(dec!(0.000000000000000001)) {
            break;
        }
    }
    Ok((shortest_between(lo, hi), true))
}

/// The solved line point, nudged onto the exact boundary: the order is `s_lo` just below the
/// returned value and not `s_lo` at it. None when the solution is not confirmed.
fn verified(
    curve: &mut Curve,
    a: usize,
    b: usize,
    x: Decimal,
    s_lo: i8,
) -> Result<Option<Decimal>> {
    let x = x.normalize();
    let eps = (x.abs() * dec!(0.000000001)).max(dec!(0.000000001));
    let below = sign(curve.diff(x - eps, a, b)?);
    let above = sign(curve.diff(x + eps, a, b)?);
    if below == s_lo && above != s_lo {
        return Ok(Some(x));
    }
    Ok(None)
}

/// The decimal with the fewest digits in (lo, hi] (a step's location, e.g. exactly 50000).
fn shortest_between(lo: Decimal, hi: Decimal) -> Decimal {
    for dp in 0..=28u32 {
        let c = hi.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToZero);
        if c > lo && c <= hi {
            return c.normalize();
        }
        let c = hi.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::AwayFromZero);
        if c > lo && c <= hi {
            return c.normalize();
        }
    }
    hi
}

/// "serverless is cheaper below 41.3M requests/month; containers above".
pub fn sentence(c: &Crossing, key: &str) -> String {
    let unit = match key {
        "workload.requests_per_month" => " requests/month".to_string(),
        "workload.requests_per_second" => " requests/second".to_string(),
        _ => format!(" ({key})"),
    };
    let step = if c.step {
        " (a step: one more task/instance/unit makes the jump)"
    } else {
        ""
    };
    format!(
        "{} is cheaper below {}{unit}; {} above{step}",
        c.between.0,
        human(c.value),
        c.between.1
    )
}

/// 41300000 -> "41.3M", 1234 -> "1,234", 0.5 -> "0.5".
pub fn human(v: Decimal) -> String {
    for (div, suffix) in [
        (dec!(1_000_000_000), "B"),
        (dec!(1_000_000), "M"),
        (dec!(1_000), "k"),
    ] {
        if v.abs() >= div {
            return format!("{}{suffix}", crate::money::round(v / div, 2).normalize());
        }
    }
    crate::money::quantity(v)
}

/// JSON of DESIGN §3 (`value` and `monthly_usd` exact; `step` added).
pub fn to_json(key: &str, crossings: &[Crossing]) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Item {
        between: [String; 2],
        value: String,
        monthly_usd: String,
        step: bool,
        sentence: String,
    }
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        vary: &'a str,
        breakeven: Vec<Item>,
    }
    let doc = Doc {
        schema: BREAKEVEN_SCHEMA,
        vary: key,
        breakeven: crossings
            .iter()
            .map(|c| Item {
                between: [c.between.0.clone(), c.between.1.clone()],
                value: crate::money::exact(c.value),
                monthly_usd: crate::money::exact(c.monthly_usd),
                step: c.step,
                sentence: sentence(c, key),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
