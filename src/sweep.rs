//! Sweeps: set any numeric scenario key by dot path, generate step values, and price every
//! architecture at each value.
use crate::compare;
use crate::error::{Error, Result};
use crate::pricing::Catalog;
use crate::scenario::{self, Scenario, Service};
use rust_decimal::Decimal;

/// One step of a sweep: the varied value and each architecture's monthly total (USD, exact).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepRow {
    pub value: Decimal,
    pub monthly_usd: Vec<(String, Decimal)>,
}

enum Slot<'a> {
    Plain(&'a mut Decimal),
    Opt(&'a mut Option<Decimal>),
}

impl Slot<'_> {
    fn set(self, v: Decimal) {
        match self {
            Slot::Plain(d) => *d = v,
            Slot::Opt(d) => *d = Some(v),
        }
    }
}

/// Numeric workload keys (without the `workload.` prefix).
pub const WORKLOAD_KEYS: [&str; 10] = [
    "requests_per_month",
    "requests_per_second",
    "peak_to_average",
    "duration_ms",
    "request_kb",
    "response_kb",
    "db_reads_per_request",
    "db_writes_per_request",
    "item_kb",
    "storage_gb",
];

fn workload_slot<'a>(w: &'a mut scenario::Workload, key: &str) -> Option<Slot<'a>> {
    Some(match key {
        "requests_per_month" => Slot::Opt(&mut w.requests_per_month),
        "requests_per_second" => Slot::Opt(&mut w.requests_per_second),
        "peak_to_average" => Slot::Plain(&mut w.peak_to_average),
        "duration_ms" => Slot::Plain(&mut w.duration_ms),
        "request_kb" => Slot::Plain(&mut w.request_kb),
        "response_kb" => Slot::Plain(&mut w.response_kb),
        "db_reads_per_request" => Slot::Plain(&mut w.db_reads_per_request),
        "db_writes_per_request" => Slot::Plain(&mut w.db_writes_per_request),
        "item_kb" => Slot::Plain(&mut w.item_kb),
        "storage_gb" => Slot::Plain(&mut w.storage_gb),
        _ => return None,
    })
}

/// Numeric keys of one service, each with a mutable slot.
fn service_slots(svc: &mut Service) -> Vec<(&'static str, Slot<'_>)> {
    use Slot::{Opt, Plain};
    match svc {
        Service::ApiGateway(g) => vec![
            ("private_endpoint_azs", Opt(&mut g.private_endpoint_azs)),
            ("cache_gb", Opt(&mut g.cache_gb)),
            (
                "connection_minutes_per_month",
                Opt(&mut g.connection_minutes_per_month),
            ),
            ("average_connections", Opt(&mut g.average_connections)),
            ("timeout_s", Opt(&mut g.timeout_s)),
            ("waf_rules", Opt(&mut g.waf_rules)),
            ("throttle_rps", Opt(&mut g.throttle_rps)),
        ],
        Service::Alb(a) => vec![
            ("count", Plain(&mut a.count)),
            ("rules", Plain(&mut a.rules)),
            ("waf_rules", Opt(&mut a.waf_rules)),
            (
                "requests_per_connection",
                Plain(&mut a.requests_per_connection),
            ),
            ("connection_duration_s", Plain(&mut a.connection_duration_s)),
        ],
        Service::Ec2(e) => vec![
            ("count", Opt(&mut e.count)),
            ("rps_per_instance", Opt(&mut e.rps_per_instance)),
            ("min", Opt(&mut e.min)),
            ("max", Opt(&mut e.max)),
            ("ebs_gb", Plain(&mut e.ebs_gb)),
        ],
        Service::Lambda(l) => vec![
            ("memory_mb", Plain(&mut l.memory_mb)),
            ("ephemeral_storage_mb", Plain(&mut l.ephemeral_storage_mb)),
            ("duration_ms", Opt(&mut l.duration_ms)),
            ("timeout_s", Opt(&mut l.timeout_s)),
            (
                "provisioned_concurrency",
                Plain(&mut l.provisioned_concurrency),
            ),
            ("provisioned_hours", Opt(&mut l.provisioned_hours)),
            (
                "provisioned_requests_share",
                Plain(&mut l.provisioned_requests_share),
            ),
            ("nat_gateways", Plain(&mut l.nat_gateways)),
            ("nat_kb_per_request", Opt(&mut l.nat_kb_per_request)),
        ],
        Service::Fargate(f) => vec![
            ("vcpu", Plain(&mut f.vcpu)),
            ("memory_gb", Plain(&mut f.memory_gb)),
            ("ephemeral_storage_gb", Plain(&mut f.ephemeral_storage_gb)),
            ("tasks", Opt(&mut f.tasks)),
            ("running_hours", Opt(&mut f.running_hours)),
            ("rps_per_task", Opt(&mut f.rps_per_task)),
            ("min_tasks", Opt(&mut f.min_tasks)),
            ("max_tasks", Opt(&mut f.max_tasks)),
            ("spot_share", Plain(&mut f.spot_share)),
        ],
        Service::Dynamodb(d) => vec![
            ("rcu", Opt(&mut d.rcu)),
            ("wcu", Opt(&mut d.wcu)),
            ("target_utilization", Plain(&mut d.target_utilization)),
        ],
        Service::Rds(r) => vec![("storage_gb", Opt(&mut r.storage_gb))],
    }
}

/// Every numeric key of the scenario by dot path (for "did you mean" and sensitivity).
pub fn numeric_keys(s: &Scenario) -> Vec<String> {
    let mut s = s.clone();
    let mut out: Vec<String> = WORKLOAD_KEYS
        .iter()
        .map(|k| format!("workload.{k}"))
        .collect();
    out.push("assumptions.hours_per_month".into());
    out.push("assumptions.usd_jpy".into());
    for arch in &mut s.architectures {
        let name = arch.name.clone();
        for (tier, svc) in [
            ("web", &mut arch.web),
            ("app", &mut arch.app),
            ("db", &mut arch.db),
        ] {
            if let Some(svc) = svc {
                for (k, _) in service_slots(svc) {
                    out.push(format!("architecture.{name}.{tier}.{k}"));
                }
            }
        }
        for k in EXTRAS_KEYS {
            out.push(format!("architecture.{name}.extras.{k}"));
        }
    }
    out
}

const EXTRAS_KEYS: [&str; 4] = [
    "nat_gateways",
    "ecr_gb",
    "eks_clusters",
    "data_transfer_out_gb",
];

fn unknown_key(s: &Scenario, key: &str) -> Error {
    let keys = numeric_keys(s);
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let hint = match scenario::closest(key, &refs) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "numeric keys of this scenario: {}",
            keys.iter()
                .filter(|k| k.starts_with("workload."))
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
                + ", assumptions.hours_per_month, architecture.<name>.<web|app|db|extras>.<key>"
        ),
    };
    Error::Input(format!(
        "--vary `{key}`: not a numeric key of this scenario\n  hint: {hint}"
    ))
}

/// Set one numeric key without re-validating (the caller validates).
pub fn set_key_unchecked(s: &mut Scenario, key: &str, value: Decimal) -> Result<()> {
    let parts: Vec<&str> = key.split('.').collect();
    let slot = match parts.as_slice() {
        ["workload", k] => {
            match *k {
                "requests_per_month" => s.workload.requests_per_second = None,
                "requests_per_second" => s.workload.requests_per_month = None,
                _ => {}
            }
            workload_slot(&mut s.workload, k)
        }
        ["assumptions", "hours_per_month"] => Some(Slot::Plain(&mut s.assumptions.hours_per_month)),
        ["assumptions", "usd_jpy"] => Some(Slot::Opt(&mut s.assumptions.usd_jpy)),
        ["architecture", name, tier, k] => {
            let arch = s.architectures.iter_mut().find(|a| a.name == *name);
            match (arch, *tier) {
                (Some(a), "extras") => match *k {
                    "nat_gateways" => Some(Slot::Plain(&mut a.extras.nat_gateways)),
                    "ecr_gb" => Some(Slot::Plain(&mut a.extras.ecr_gb)),
                    "eks_clusters" => Some(Slot::Plain(&mut a.extras.eks_clusters)),
                    "data_transfer_out_gb" => Some(Slot::Plain(&mut a.extras.data_transfer_out_gb)),
                    _ => None,
                },
                (Some(a), t) => {
                    let svc = match t {
                        "web" => a.web.as_mut(),
                        "app" => a.app.as_mut(),
                        "db" => a.db.as_mut(),
                        _ => None,
                    };
                    svc.and_then(|svc| {
                        service_slots(svc)
                            .into_iter()
                            .find(|(name, _)| name == k)
                            .map(|(_, slot)| slot)
                    })
                }
                (None, _) => None,
            }
        }
        _ => None,
    };
    match slot {
        Some(slot) => {
            slot.set(value);
            Ok(())
        }
        None => Err(unknown_key(s, key)),
    }
}

/// Set any numeric scenario key by dot path and re-validate the scenario.
pub fn set_key(s: &mut Scenario, key: &str, value: Decimal) -> Result<()> {
    set_key_unchecked(s, key, value)?;
    if let Some(r) = s.workload_ranges.get_mut(key) {
        // A point value replaces the declared range.
        *r = scenario::Range::point(value);
    }
    scenario::validate_again(
        &format!("--vary {key} = {value}"),
        s,
        catalog_for_validation(),
    )
}

fn catalog_for_validation() -> &'static Catalog {
    crate::pricing::bundled::catalog()
}

/// Set a key and validate against a given catalog (regions/instances of that catalog).
pub fn set_key_in(s: &mut Scenario, catalog: &Catalog, key: &str, value: Decimal) -> Result<()> {
    set_key_unchecked(s, key, value)?;
    s.workload_ranges.remove(key);
    scenario::validate_again(&format!("{key} = {value}"), s, catalog)
}

/// `n` values from `from` to `to` (both included), evenly or log-spaced.
pub fn steps(from: Decimal, to: Decimal, n: usize, log: bool) -> Result<Vec<Decimal>> {
    if n == 0 {
        return Err(Error::Input(
            "--steps 0: a sweep needs at least 1 step\n  hint: use --steps 50".into(),
        ));
    }
    if from > to {
        return Err(Error::Input(format!(
            "--from {from} is greater than --to {to}\n  hint: swap them"
        )));
    }
    if n > 1_000_000 {
        return Err(Error::Input(format!(
            "--steps {n}: at most 1,000,000 steps\n  hint: use fewer steps"
        )));
    }
    if n == 1 || from == to {
        return Ok(vec![from; n]);
    }
    let last = Decimal::from(n - 1);
    if !log {
        let span = to - from;
        return Ok((0..n)
            .map(|i| {
                if i == n - 1 {
                    to
                } else {
                    from + span * Decimal::from(i) / last
                }
            })
            .collect());
    }
    if from <= Decimal::ZERO {
        return Err(Error::Input(format!(
            "--log needs --from above 0 (got {from})\n  hint: start at a small positive value, e.g. --from 1"
        )));
    }
    let f = to_f64(from);
    let ratio = to_f64(to) / f;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let v = if i == 0 {
            from
        } else if i == n - 1 {
            to
        } else {
            let x = f * ratio.powf(i as f64 / (n - 1) as f64);
            significant(x).clamp(from, to)
        };
        out.push(v);
    }
    Ok(out)
}

fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(0.0)
}

/// A log-spaced point as a decimal with 10 significant digits (sweep inputs, not money).
fn significant(x: f64) -> Decimal {
    let text = format!("{x:.9e}");
    Decimal::from_scientific(&text)
        .map(|d| d.normalize())
        .unwrap_or_default()
}

/// Workload keys whose validation is an interval check only (no whole-number or discrete
/// rule), so a value between two valid values is valid too.
fn interval_checked(key: &str) -> bool {
    key.strip_prefix("workload.")
        .is_some_and(|k| WORKLOAD_KEYS.contains(&k))
}

/// Price every architecture at each value of `key`. Every value is validated; for workload
/// keys (interval checks only) validating the smallest and largest value covers the rest.
pub fn sweep(
    s: &Scenario,
    catalog: &Catalog,
    key: &str,
    values: &[Decimal],
) -> Result<Vec<SweepRow>> {
    let mut work = s.clone();
    work.workload_ranges.clear();
    let fast = interval_checked(key);
    if fast {
        let lo = values.iter().min();
        let hi = values.iter().max();
        for v in lo.into_iter().chain(hi) {
            set_key_in(&mut work, catalog, key, *v)?;
        }
    }
    let mut rows = Vec::with_capacity(values.len());
    for &value in values {
        if fast {
            set_key_unchecked(&mut work, key, value)?;
        } else {
            set_key_in(&mut work, catalog, key, value)?;
        }
        rows.push(SweepRow {
            value,
            monthly_usd: compare::totals(&work, catalog)?,
        });
    }
    Ok(rows)
}
