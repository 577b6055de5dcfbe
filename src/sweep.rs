//! Varying one numeric scenario key: set it by dot path, and price every architecture at a
//! series of values (linear or log-spaced).
use crate::compare;
use crate::error::{Error, Result, Text};
use crate::pricing::Catalog;
use crate::range::{self, End, KeyProblem, RangeError};
use crate::scenario::{self, NumSlot, Scenario, Service, WORKLOAD_INPUTS};
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

/// The numeric fields of one settings struct, listed once for reading and writing.
macro_rules! slot {
    ($obj:expr, $key:expr, plain: [$($p:ident),*], opt: [$($o:ident),*]) => {{
        match $key {
            $(stringify!($p) => Ok(NumSlot::Plain(&mut $obj.$p)),)*
            $(stringify!($o) => Ok(NumSlot::Opt(&mut $obj.$o)),)*
            _ => Err(vec![$(stringify!($p),)* $(stringify!($o),)*]),
        }
    }};
}

fn service_slot<'a>(
    svc: &'a mut Service,
    key: &str,
) -> std::result::Result<NumSlot<'a>, Vec<&'static str>> {
    match svc {
        Service::ApiGateway(g) => {
            slot!(g, key, plain: [], opt: [private_endpoint_azs, cache_gb, connection_minutes_per_month, average_connections, connection_duration_s, timeout_s, waf_rules, throttle_rps, access_log_kb])
        }
        Service::Alb(a) => {
            slot!(a, key, plain: [count, rules, requests_per_connection, connection_duration_s], opt: [azs, waf_rules])
        }
        Service::Ec2(e) => {
            slot!(e, key, plain: [], opt: [ebs_gb, count, rps_per_instance, min, max, discount_pct, commitment_usd_per_hour, spot_share, nat_kb_per_request])
        }
        Service::Lambda(l) => {
            slot!(l, key, plain: [memory_mb, ephemeral_storage_mb, provisioned_concurrency, provisioned_requests_share, nat_gateways], opt: [duration_ms, timeout_s, provisioned_hours, nat_kb_per_request, discount_pct, commitment_usd_per_hour])
        }
        Service::Fargate(f) => {
            slot!(f, key, plain: [vcpu, memory_gb, ephemeral_storage_gb], opt: [tasks, running_hours, rps_per_task, min_tasks, max_tasks, spot_share, discount_pct, commitment_usd_per_hour, image_mb, nat_kb_per_request])
        }
        Service::Dynamodb(d) => {
            slot!(d, key, plain: [target_utilization], opt: [rcu, wcu, discount_pct])
        }
        Service::Rds(r) => slot!(r, key, plain: [], opt: [storage_gb, discount_pct]),
    }
}

/// A validation error of a varied scenario without its file slot ([`scenario::VARIED`]; the
/// range error names the key and value instead); errors that are not input errors unchanged.
fn without_file(e: Error) -> std::result::Result<Text, Error> {
    match e {
        Error::Input(reason) => Ok(Text::Plain(
            reason
                .strip_prefix(&format!("{}: ", scenario::VARIED))
                .unwrap_or(&reason)
                .to_string(),
        )),
        Error::Said(Text::Msg("error.scenario.at", values))
            if values.first() == Some(&crate::said!("error.scenario.varied")) =>
        {
            Ok(Text::Msg("error.scenario.at_key", values[1..].to_vec()))
        }
        Error::Said(t) => Ok(t),
        Error::Overflow(o) => Ok(o.text()),
        other => Err(other),
    }
}

fn unknown(key: &str, group: &'static str, known: &[&str]) -> Error {
    let closest = scenario::closest(key.rsplit('.').next().unwrap_or(key), known);
    key_error(
        key,
        KeyProblem::NotNumeric {
            group,
            closest: closest.map(str::to_string),
            known: known.iter().map(|k| k.to_string()).collect(),
        },
    )
}

fn key_error(key: &str, problem: KeyProblem) -> Error {
    Error::Range(RangeError::Key {
        key: key.to_string(),
        problem,
    })
}

/// The numeric setting at dot path `key`: `workload.<key>`, `assumptions.hours_per_month`,
/// `assumptions.usd_jpy`, `architecture.<name>.<web|app|db>.<key>`, `architecture.<name>.extras.<key>`.
fn find_slot<'a>(s: &'a mut Scenario, key: &str) -> Result<NumSlot<'a>> {
    let parts: Vec<&str> = key.split('.').collect();
    match parts.as_slice() {
        ["workload", k] => s
            .workload
            .slot(k)
            .ok_or_else(|| unknown(key, "workload", &WORKLOAD_INPUTS)),
        ["assumptions", k] => {
            let a = &mut s.assumptions;
            slot!(a, *k, plain: [hours_per_month, log_stored_ratio], opt: [usd_jpy])
                .map_err(|known| unknown(key, "assumptions", &known))
        }
        ["architecture", name, tier, k] => {
            let Some(at) = s.architectures.iter().position(|a| a.name == *name) else {
                let known = s.architectures.iter().map(|a| a.name.clone()).collect();
                let name = name.to_string();
                return Err(key_error(key, KeyProblem::NoArchitecture { name, known }));
            };
            let arch = &mut s.architectures[at];
            let found = match *tier {
                "extras" => {
                    let e = &mut arch.extras;
                    slot!(e, *k, plain: [nat_gateways, ecr_gb, eks_clusters, data_transfer_out_gb], opt: [])
                }
                "network" => {
                    let n = arch.network.get_or_insert_with(Default::default);
                    slot!(n, *k, plain: [], opt: [azs])
                }
                "web" | "app" | "db" => {
                    let svc = match *tier {
                        "web" => &mut arch.web,
                        "app" => &mut arch.app,
                        _ => &mut arch.db,
                    };
                    match svc {
                        Some(svc) => service_slot(svc, k),
                        None => {
                            let (name, tier) = (name.to_string(), tier.to_string());
                            return Err(key_error(key, KeyProblem::NoTier { name, tier }));
                        }
                    }
                }
                other => {
                    let tier = other.to_string();
                    return Err(key_error(key, KeyProblem::NotATier { tier }));
                }
            };
            found.map_err(|known| unknown(key, "service", &known))
        }
        _ => Err(key_error(key, KeyProblem::BadPath)),
    }
}

/// Set the numeric scenario key `key` (dot path, see `find_slot`) to `value`. Setting one
/// request volume clears the other.
pub fn set_key(s: &mut Scenario, key: &str, value: Decimal) -> Result<()> {
    find_slot(s, key)?.set(value);
    match key {
        "workload.requests_per_month" => s.workload.requests_per_second = None,
        "workload.requests_per_second" => s.workload.requests_per_month = None,
        _ => {}
    }
    Ok(())
}

/// The scenario's current value of `key` (for default ranges and marking the scenario's point).
pub fn current_value(s: &Scenario, key: &str) -> Option<Decimal> {
    let hours = s.assumptions.hours_per_month;
    match key {
        // Either volume is derived from whichever of the two the scenario gives.
        "workload.requests_per_month" => return Some(s.workload.monthly_requests(hours)),
        "workload.requests_per_second" => {
            return Some(s.workload.monthly_requests(hours) / (hours * Decimal::from(3600)))
        }
        _ => {}
    }
    let mut copy = s.clone();
    find_slot(&mut copy, key).ok()?.get()
}

/// The ends against the scenario: `key` set to each end must validate (workload and
/// assumption checks are intervals, so the values between are valid too). Unknown keys are
/// `Error::Input` (they are not the range's fault).
pub fn check_ends(
    s: &Scenario,
    catalog: &Catalog,
    key: &str,
    from: Decimal,
    to: Decimal,
) -> Result<()> {
    let mut varied = s.clone();
    for (end, value) in [(End::From, from), (End::To, to)] {
        set_key(&mut varied, key, value)?;
        if let Err(e) = scenario::revalidate(&varied, catalog) {
            return Err(match without_file(e) {
                Ok(reason) => Error::Range(RangeError::EndInvalid {
                    end,
                    key: key.to_string(),
                    value: value.normalize(),
                    reason,
                }),
                Err(other) => other,
            });
        }
    }
    Ok(())
}

/// Both checks: bounds first (cheap, and no huge value reaches the engine), then the ends.
pub fn check_range(
    s: &Scenario,
    catalog: &Catalog,
    key: &str,
    from: Decimal,
    to: Decimal,
) -> Result<()> {
    range::check_bounds(from, to)?;
    check_ends(s, catalog, key, from, to)
}

/// `n` values from `from` to `to` inclusive, evenly or (with `log`) geometrically spaced.
/// The range is checked first (`range::check_bounds`, the step count, `log` above 0), so the
/// arithmetic below cannot overflow; it is checked all the same.
pub fn steps(from: Decimal, to: Decimal, n: usize, log: bool) -> Result<Vec<Decimal>> {
    if n < 2 {
        return Err(RangeError::TooFewSteps { steps: n }.into());
    }
    if n > range::MAX_STEPS {
        return Err(RangeError::TooManySteps {
            steps: n,
            max: range::MAX_STEPS,
        }
        .into());
    }
    range::check_bounds(from, to)?;
    let last = Decimal::from(n - 1);
    let overflow = || RangeError::TooLarge {
        end: End::To,
        value: to,
        max: range::MAX_MAGNITUDE,
    };
    if !log {
        let width = to.checked_sub(from).ok_or_else(overflow)?;
        // The ends exactly as given; steps between rounded (28 digits) but never outside.
        return (0..n)
            .map(|i| match i {
                0 => Ok(from),
                i if i == n - 1 => Ok(to),
                _ => width
                    .checked_mul(Decimal::from(i))
                    .and_then(|d| d.checked_div(last))
                    .and_then(|d| from.checked_add(d))
                    .map(|v| v.clamp(from, to))
                    .ok_or_else(|| overflow().into()),
            })
            .collect();
    }
    if from <= Decimal::ZERO {
        return Err(RangeError::LogNeedsPositiveFrom { from }.into());
    }
    let (Some(a), Some(b)) = (from.to_f64(), to.to_f64()) else {
        return Err(overflow().into());
    };
    let (la, lb) = (a.ln(), b.ln());
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let x = if i == 0 {
            from
        } else if i == n - 1 {
            to
        } else {
            let v = (la + (lb - la) * i as f64 / (n - 1) as f64).exp();
            // Keep 6 significant digits: readable values, still exact decimals from here on.
            let digits = 5 - v.log10().floor() as i32;
            let rounded = if digits >= 0 {
                Decimal::from_f64(v).map(|d| d.round_dp(digits as u32))
            } else {
                let p = 10f64.powi(-digits);
                Decimal::from_f64((v / p).round() * p)
            };
            rounded.ok_or_else(overflow)?
        };
        out.push(x.clamp(from, to));
    }
    Ok(out)
}

/// Keys that only take whole numbers (sweeps round their steps to whole values).
pub const WHOLE_KEYS: [&str; 16] = [
    "memory_mb",
    "azs",
    "ephemeral_storage_mb",
    "provisioned_concurrency",
    "count",
    "tasks",
    "min",
    "max",
    "min_tasks",
    "max_tasks",
    "waf_rules",
    "private_endpoint_azs",
    "rcu",
    "wcu",
    "nat_gateways",
    "eks_clusters",
];

/// True when `key` (dot path) takes whole numbers only.
pub fn is_whole_key(key: &str) -> bool {
    key.starts_with("architecture.")
        && key
            .rsplit('.')
            .next()
            .is_some_and(|k| WHOLE_KEYS.contains(&k))
}

/// One step of a sweep: the varied value, every architecture's monthly USD and whether it can
/// run the workload there.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepRow {
    pub value: Decimal,
    pub monthly_usd: Vec<(String, Decimal)>,
    /// Feasibility of each architecture, in `monthly_usd` order.
    pub feasible: Vec<bool>,
}

impl SweepRow {
    /// The cheapest architecture that can run the workload at this step (first on ties).
    pub fn cheapest_feasible(&self) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, (_, usd)) in self.monthly_usd.iter().enumerate() {
            if self.feasible.get(i) == Some(&true)
                && best.is_none_or(|b| *usd < self.monthly_usd[b].1)
            {
                best = Some(i);
            }
        }
        best
    }
}

/// Price the scenario at each value of `key` (re-validating each varied scenario).
pub fn sweep(
    s: &Scenario,
    catalog: &Catalog,
    key: &str,
    values: &[Decimal],
) -> Result<Vec<SweepRow>> {
    let whole = is_whole_key(key);
    let mut points: Vec<Decimal> = Vec::with_capacity(values.len());
    for v in values {
        let v = if whole {
            crate::money::round(*v, 0)
        } else {
            *v
        };
        if points.last() != Some(&v) {
            points.push(v);
        }
    }
    // Workload and assumption checks are intervals: valid ends mean valid steps between, so
    // the ends are checked before anything is priced. Service settings can have holes
    // (Fargate sizes), so those are checked at every step too.
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        if first != last {
            check_range(s, catalog, key, *first, *last)?;
        }
    }
    let check_all = key.starts_with("architecture.");
    let price = |offset: usize, chunk: &[Decimal]| -> Result<Vec<SweepRow>> {
        let mut varied = s.clone();
        let mut out = Vec::with_capacity(chunk.len());
        for (k, v) in chunk.iter().enumerate() {
            set_key(&mut varied, key, *v)?;
            if check_all || offset + k == 0 {
                scenario::revalidate(&varied, catalog).map_err(|e| match e {
                    Error::Input(reason) => Error::Range(RangeError::VariedInvalid {
                        key: key.to_string(),
                        value: *v,
                        reason: Text::Plain(reason),
                    }),
                    Error::Said(reason) => Error::Range(RangeError::VariedInvalid {
                        key: key.to_string(),
                        value: *v,
                        reason,
                    }),
                    Error::Overflow(o) => Error::Range(RangeError::VariedInvalid {
                        key: key.to_string(),
                        value: *v,
                        reason: o.text(),
                    }),
                    other => other,
                })?;
            }
            let outcomes = compare::outcomes(&varied, catalog)?;
            out.push(SweepRow {
                value: *v,
                feasible: outcomes.iter().map(|o| o.feasible).collect(),
                monthly_usd: outcomes
                    .into_iter()
                    .map(|o| (o.name, o.monthly_usd))
                    .collect(),
            });
        }
        Ok(out)
    };
    // Long sweeps run on every core; chunks keep their order, so the output is the same.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || points.len() < 512 {
        return price(0, &points);
    }
    let size = points.len().div_ceil(threads);
    let results: Vec<Result<Vec<SweepRow>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = points
            .chunks(size)
            .enumerate()
            .map(|(n, chunk)| {
                let price = &price;
                scope.spawn(move || price(n * size, chunk))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::Input("a sweep worker failed".into())))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(points.len());
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}
