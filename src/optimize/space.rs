//! The search space of one architecture: for each tier, every configuration its
//! `[architecture.search]` table allows (EC2 types, RDS classes and Multi-AZ, Lambda memory and
//! architecture, Fargate task sizes, DynamoDB capacity mode, purchase options), each as the
//! tier's service with the choice applied. Counts are never searched: scaled fleets keep
//! scaling hour by hour from the load (`rps_per_vcpu` x vCPUs at `max_utilization`).
use super::power_tuning::{self, Measured};
use crate::error::{Error, Result};
use crate::pricing::Catalog;
use crate::said;
use crate::scenario::search::{family, InstanceSpace, Search, TierSearch};
use crate::scenario::{Capacity, CpuArch, Payment, Purchase, Rds, Service, FARGATE_SIZES};
use crate::text::Text;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// A value written into the scenario for a chosen configuration.
#[derive(Debug, Clone, PartialEq)]
pub enum Setting {
    Str(String),
    Num(Decimal),
    Bool(bool),
    /// The key is removed (e.g. `term_years` when the choice is on-demand).
    Remove,
}

impl Setting {
    /// The value as text (JSON `config`, tables); empty for `Remove`.
    pub fn text(&self) -> String {
        match self {
            Setting::Str(s) => s.clone(),
            Setting::Num(n) => n.normalize().to_string(),
            Setting::Bool(b) => b.to_string(),
            Setting::Remove => String::new(),
        }
    }
}

/// One configuration of one tier.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The tier's service with this configuration applied.
    pub svc: Service,
    /// The tier keys this configuration sets (in a stable order).
    pub settings: Vec<(&'static str, Setting)>,
    /// How candidates are grouped when explaining infeasibility (`m7g`, `db.r6g`,
    /// `lambda arm64`, `fargate 0.5 vCPU`, ...).
    pub group: String,
    /// The search constraint that rules it out before pricing (`architectures`, `burstable`,
    /// `max_duration_ms`), if any.
    pub excluded: Option<String>,
    /// Compute time per request at this configuration, when it changes with the choice.
    pub duration_ms: Option<Decimal>,
    /// The duration was interpolated between measured Power Tuning sizes.
    pub interpolated: bool,
}

/// Inputs a space needs beyond the search table.
pub struct SpaceCtx<'a> {
    pub catalog: &'a Catalog,
    pub region: &'a str,
    /// The workload's `duration_ms`.
    pub duration_ms: Decimal,
    /// `architecture[i] (name).search` (key path for messages).
    pub path: String,
    /// The scenario file's name (messages).
    pub file: &'a str,
    /// Power Tuning data already read for this architecture's app tier.
    pub measured: Option<&'a Measured>,
}

impl SpaceCtx<'_> {
    /// An error at `path.key` of the scenario file (located by `scenario::with_location`):
    /// `problem` and `hint` are `error.optimize.*` messages.
    fn fail(&self, key: &str, problem: Text, hint: Text) -> Error {
        Error::Said(said!(
            "error.scenario.at",
            self.file,
            format!("{}.{key}", self.path),
            problem,
            hint
        ))
    }
}

/// Every configuration of `tier` (`svc` as written) under `search`; a tier without a search
/// table has one configuration (as written, with the search's `max_utilization` applied to a
/// scaled fleet).
pub fn tier_space(
    cx: &SpaceCtx,
    tier: &str,
    svc: &Service,
    search: &Search,
) -> Result<Vec<Candidate>> {
    let empty = TierSearch::default();
    let ts = search.tier(tier).unwrap_or(&empty);
    check_keys(cx, tier, svc, ts)?;
    let base: Vec<Candidate> = match svc {
        Service::Ec2(_) => ec2(cx, tier, svc, ts, search)?,
        Service::Lambda(_) => lambda(cx, tier, svc, ts, search)?,
        Service::Fargate(_) => fargate(cx, tier, svc, ts, search)?,
        Service::Rds(r) => rds(cx, tier, r, ts)?,
        Service::Dynamodb(d) => {
            let modes = ts.capacity.clone().unwrap_or_else(|| vec![d.capacity]);
            if modes.is_empty() {
                return Err(empty_list(cx, tier, "capacity"));
            }
            modes
                .into_iter()
                .map(|mode| {
                    let mut d2 = d.clone();
                    let mut settings = vec![(
                        "capacity",
                        Setting::Str(
                            match mode {
                                Capacity::OnDemand => "on-demand",
                                Capacity::Provisioned => "provisioned",
                            }
                            .into(),
                        ),
                    )];
                    if mode != d.capacity {
                        d2.capacity = mode;
                        d2.rcu = None;
                        d2.wcu = None;
                        settings.push(("rcu", Setting::Remove));
                        settings.push(("wcu", Setting::Remove));
                    }
                    plain(Service::Dynamodb(d2), settings, "dynamodb")
                })
                .collect()
        }
        Service::ApiGateway(_) | Service::Alb(_) => vec![plain(svc.clone(), vec![], svc.name())],
    };
    with_purchases(cx, tier, ts, base)
}

fn plain(svc: Service, settings: Vec<(&'static str, Setting)>, group: &str) -> Candidate {
    Candidate {
        svc,
        settings,
        group: group.to_string(),
        excluded: None,
        duration_ms: None,
        interpolated: false,
    }
}

fn empty_list(cx: &SpaceCtx, tier: &str, key: &str) -> Error {
    cx.fail(
        &format!("{tier}.{key}"),
        said!("error.optimize.empty_list"),
        said!("error.optimize.empty_list_hint", format!("{tier}.{key}")),
    )
}

/// Search keys that apply to each service.
fn check_keys(cx: &SpaceCtx, tier: &str, svc: &Service, ts: &TierSearch) -> Result<()> {
    let given: [(&str, bool); 12] = [
        ("instance", ts.instance.is_some()),
        ("purchase", ts.purchase.is_some()),
        ("term_years", ts.term_years.is_some()),
        ("payment", ts.payment.is_some()),
        ("multi_az", ts.multi_az.is_some()),
        ("memory_mb", ts.memory_mb.is_some()),
        ("arch", ts.arch.is_some()),
        ("vcpu", ts.vcpu.is_some()),
        ("memory_gb", ts.memory_gb.is_some()),
        ("spot_share", ts.spot_share.is_some()),
        ("capacity", ts.capacity.is_some()),
        (
            "power_tuning",
            ts.power_tuning.is_some() || ts.cpu_share.is_some(),
        ),
    ];
    let allowed: &[&str] = match svc {
        Service::Ec2(_) => &[
            "instance",
            "purchase",
            "term_years",
            "payment",
            "spot_share",
        ],
        Service::Rds(_) => &["instance", "multi_az", "purchase", "term_years", "payment"],
        Service::Lambda(_) => &[
            "memory_mb",
            "arch",
            "purchase",
            "term_years",
            "payment",
            "power_tuning",
        ],
        Service::Fargate(_) => &[
            "vcpu",
            "memory_gb",
            "arch",
            "spot_share",
            "purchase",
            "term_years",
            "payment",
            "power_tuning",
        ],
        Service::Dynamodb(_) => &["capacity", "purchase", "term_years", "payment"],
        Service::ApiGateway(_) | Service::Alb(_) => &[],
    };
    for (key, set) in given {
        if set && !allowed.contains(&key) {
            let key = if key == "power_tuning" && ts.power_tuning.is_none() {
                "cpu_share"
            } else {
                key
            };
            return Err(cx.fail(
                &format!("{tier}.{key}"),
                said!("error.optimize.not_a_choice", key, svc.name()),
                if allowed.is_empty() {
                    said!("error.optimize.nothing_to_search", svc.name(), tier)
                } else {
                    said!("error.optimize.searchable", allowed.join(", "))
                },
            ));
        }
    }
    if matches!(svc, Service::Fargate(_)) && ts.power_tuning.is_some() {
        return Err(cx.fail(
            &format!("{tier}.power_tuning"),
            said!("error.optimize.power_tuning_lambda"),
            said!("error.optimize.power_tuning_lambda_hint"),
        ));
    }
    Ok(())
}

/// Instance types or classes of `prefix` (`ec2.linux.`, `rds.mysql.single_az.`) in the region's
/// catalog chosen by `space`; errors name the type or family that is not there.
fn instances(
    cx: &SpaceCtx,
    key: &str,
    prefix: &str,
    space: &InstanceSpace,
    what: Text,
) -> Result<Vec<String>> {
    let all: Vec<String> = cx
        .catalog
        .keys_with_prefix(cx.region, prefix)
        .into_iter()
        .filter_map(|k| k.strip_prefix(prefix).map(str::to_string))
        .collect();
    // `kind`: error.optimize.type_missing or family_missing.
    let missing = |name: &str, kind: &'static str| {
        cx.fail(
            key,
            said!(kind, name, cx.region, cx.catalog.effective().to_string()),
            said!("error.optimize.missing_hint", cx.region, what.clone()),
        )
    };
    let out: Vec<String> = match space {
        InstanceSpace::Types(list) if list.is_empty() => all,
        InstanceSpace::Types(list) => {
            for t in list {
                if !all.contains(t) {
                    return Err(missing(t, "error.optimize.type_missing"));
                }
            }
            list.clone()
        }
        InstanceSpace::Families(fams) => {
            if fams.is_empty() {
                return Err(cx.fail(
                    key,
                    said!("error.optimize.families_empty"),
                    said!("error.optimize.families_empty_hint"),
                ));
            }
            let mut out = Vec::new();
            for f in fams {
                let of: Vec<String> = all.iter().filter(|t| family(t) == f).cloned().collect();
                if of.is_empty() {
                    return Err(missing(f, "error.optimize.family_missing"));
                }
                out.extend(of);
            }
            out
        }
    };
    let mut out = out;
    out.sort();
    out.dedup();
    if out.is_empty() {
        return Err(cx.fail(
            key,
            said!("error.optimize.none_in_catalog", what, cx.region),
            said!("error.optimize.none_in_catalog_hint"),
        ));
    }
    Ok(out)
}

fn ec2(
    cx: &SpaceCtx,
    tier: &str,
    svc: &Service,
    ts: &TierSearch,
    search: &Search,
) -> Result<Vec<Candidate>> {
    let Service::Ec2(e) = svc else {
        return Ok(vec![]);
    };
    let key = format!("{tier}.instance");
    let types = match &ts.instance {
        Some(space) => {
            if e.count.is_some() || e.rps_per_instance.is_some() {
                return Err(cx.fail(
                    &key,
                    said!("error.optimize.fleet_needed"),
                    said!(
                        "error.optimize.fleet_needed_hint",
                        tier,
                        if e.count.is_some() {
                            "count"
                        } else {
                            "rps_per_instance"
                        }
                    ),
                ));
            }
            instances(
                cx,
                &key,
                "ec2.linux.",
                space,
                said!("error.optimize.ec2_types"),
            )?
        }
        None => vec![e.instance.clone()],
    };
    let scaled = e.count.is_none();
    let mut out = Vec::with_capacity(types.len());
    for t in types {
        let mut e2 = e.clone();
        e2.instance = t.clone();
        let mut excluded = None;
        let arch = crate::limit_tables::arch_of(&t);
        if let (Some(allowed), Some(a)) = (&search.architectures, &arch) {
            if !allowed.iter().any(|x| x.key() == a) {
                excluded = Some("architectures".to_string());
            }
        }
        if scaled
            && excluded.is_none()
            && e.rps_per_instance.is_none()
            && crate::limits::ec2::vcpu_of(&t).is_none()
        {
            // Capacity is rps_per_vcpu x vCPUs: a type without sourced vCPUs cannot be sized.
            excluded = Some("vcpus_unknown".to_string());
        }
        let mut util = search.max_utilization.or(e.max_utilization);
        if t.starts_with('t') && excluded.is_none() {
            if search.burstable == Some(false) {
                excluded = Some("burstable".to_string());
            } else {
                // Sized by its CPU-credit baseline: sustained load at most the baseline share.
                match crate::limits::ec2::baseline_row(&t) {
                    Some(row) => {
                        let share = row.value / dec!(100);
                        util = Some(util.map_or(share, |u| u.min(share)));
                    }
                    None => excluded = Some("burstable.baseline".to_string()),
                }
            }
        }
        let mut settings = vec![("instance", Setting::Str(t.clone()))];
        if scaled {
            e2.max_utilization = util;
            if let Some(u) = util {
                settings.push(("max_utilization", Setting::Num(u)));
            }
        }
        out.push(Candidate {
            svc: Service::Ec2(e2),
            settings,
            group: family(&t).to_string(),
            excluded,
            duration_ms: None,
            interpolated: false,
        });
    }
    Ok(out)
}

fn rds(cx: &SpaceCtx, tier: &str, r: &Rds, ts: &TierSearch) -> Result<Vec<Candidate>> {
    let multi = ts.multi_az.clone().unwrap_or_else(|| vec![r.multi_az]);
    if multi.is_empty() {
        return Err(empty_list(cx, tier, "multi_az"));
    }
    let az = if r.multi_az { "multi_az" } else { "single_az" };
    let prefix = format!("rds.{}.{az}.", r.engine.key());
    let classes = match &ts.instance {
        Some(space) => instances(
            cx,
            &format!("{tier}.instance"),
            &prefix,
            space,
            said!("error.optimize.rds_classes"),
        )?,
        None => vec![r.instance.clone()],
    };
    let mut out = Vec::new();
    for class in classes {
        for &m in &multi {
            let mut r2 = r.clone();
            r2.instance = class.clone();
            r2.multi_az = m;
            out.push(plain(
                Service::Rds(r2),
                vec![
                    ("instance", Setting::Str(class.clone())),
                    ("multi_az", Setting::Bool(m)),
                ],
                family(&class),
            ));
        }
    }
    Ok(out)
}

/// The memory sizes of a searched `memory_mb` range (whole MB), checked against Lambda's
/// sizes and what the duration at other sizes can be known from.
fn memory_sizes(
    cx: &SpaceCtx,
    tier: &str,
    ts: &TierSearch,
    r: crate::scenario::search::MemoryRange,
) -> Result<Vec<Decimal>> {
    let key = format!("{tier}.memory_mb");
    if r.from > r.to {
        return Err(cx.fail(
            &key,
            said!(
                "error.optimize.from_above_to",
                r.from.to_string(),
                r.to.to_string()
            ),
            said!("error.optimize.from_above_to_hint"),
        ));
    }
    if r.from < 128 || r.to > 10240 {
        return Err(cx.fail(
            &key,
            said!(
                "error.optimize.memory_outside",
                r.from.to_string(),
                r.to.to_string()
            ),
            said!("error.optimize.memory_outside_hint"),
        ));
    }
    if let Some(m) = cx.measured {
        let (lo, hi) = m.span();
        if Decimal::from(r.from) < lo || Decimal::from(r.to) > hi {
            return Err(cx.fail(
                &key,
                said!(
                    "error.optimize.beyond_measured",
                    r.from.to_string(),
                    r.to.to_string(),
                    m.file.as_str(),
                    lo,
                    hi
                ),
                said!("error.optimize.beyond_measured_hint", lo, hi),
            ));
        }
    } else if ts.cpu_share.is_none() {
        return Err(cx.fail(
            &key,
            said!("error.optimize.duration_unknown"),
            said!("error.optimize.duration_unknown_hint"),
        ));
    }
    Ok((r.from..=r.to).map(Decimal::from).collect())
}

fn lambda(
    cx: &SpaceCtx,
    tier: &str,
    svc: &Service,
    ts: &TierSearch,
    search: &Search,
) -> Result<Vec<Candidate>> {
    let Service::Lambda(l) = svc else {
        return Ok(vec![]);
    };
    let base_ms = l.duration_ms.unwrap_or(cx.duration_ms);
    let archs = ts.arch.clone().unwrap_or_else(|| vec![l.arch]);
    if archs.is_empty() {
        return Err(empty_list(cx, tier, "arch"));
    }
    let memories: Vec<Decimal> = match ts.memory_mb {
        Some(r) => memory_sizes(cx, tier, ts, r)?,
        None => vec![l.memory_mb],
    };
    if let Some(s) = ts.cpu_share {
        if s < Decimal::ZERO || s > Decimal::ONE {
            return Err(cx.fail(
                &format!("{tier}.cpu_share"),
                said!("error.optimize.not_a_share", s),
                said!("error.optimize.cpu_share_hint"),
            ));
        }
    }
    let mut out = Vec::with_capacity(memories.len() * archs.len());
    for &arch in &archs {
        for &m in &memories {
            let (duration, interpolated) = match (cx.measured, ts.cpu_share) {
                (Some(meas), _) => (meas.duration_ms(m), !meas.is_measured(m)),
                (None, Some(share)) => (
                    power_tuning::scaled_duration_ms(base_ms, l.memory_mb, m, share),
                    false,
                ),
                (None, None) => (Some(base_ms), false),
            };
            let Some(duration) = duration else { continue };
            // Microsecond precision, so the written scenario prices the same.
            let duration = crate::money::round(duration, 3).normalize();
            let mut l2 = l.clone();
            l2.memory_mb = m;
            l2.arch = arch;
            let mut settings = vec![
                ("memory_mb", Setting::Num(m)),
                ("arch", Setting::Str(arch.key().to_string())),
            ];
            if duration != base_ms || l.duration_ms.is_some() {
                l2.duration_ms = Some(duration);
                settings.push(("duration_ms", Setting::Num(duration)));
            }
            out.push(Candidate {
                svc: Service::Lambda(l2),
                settings,
                group: format!("lambda {}", arch.key()),
                excluded: arch_excluded(search, arch).or_else(|| over_budget(search, duration)),
                duration_ms: Some(duration),
                interpolated,
            });
        }
    }
    Ok(out)
}

fn arch_excluded(search: &Search, arch: CpuArch) -> Option<String> {
    let allowed = search.architectures.as_ref()?;
    (!allowed.contains(&arch)).then(|| "architectures".to_string())
}

fn over_budget(search: &Search, duration_ms: Decimal) -> Option<String> {
    let max = search.max_duration_ms?;
    (duration_ms > max).then(|| "max_duration_ms".to_string())
}

fn fargate(
    cx: &SpaceCtx,
    tier: &str,
    svc: &Service,
    ts: &TierSearch,
    search: &Search,
) -> Result<Vec<Candidate>> {
    let Service::Fargate(f) = svc else {
        return Ok(vec![]);
    };
    let vcpus = ts.vcpu.clone().unwrap_or_else(|| vec![f.vcpu]);
    if vcpus.is_empty() {
        return Err(empty_list(cx, tier, "vcpu"));
    }
    if ts.vcpu.is_some() && f.rps_per_vcpu.is_none() && f.tasks.is_none() {
        return Err(cx.fail(
            &format!("{tier}.vcpu"),
            said!("error.optimize.vcpu_capacity"),
            said!("error.optimize.vcpu_capacity_hint", tier),
        ));
    }
    for v in &vcpus {
        if !FARGATE_SIZES.iter().any(|(s, _)| s == v) {
            return Err(cx.fail(
                &format!("{tier}.vcpu"),
                said!("error.optimize.not_task_size", *v),
                said!("error.optimize.not_task_size_hint"),
            ));
        }
    }
    let archs = ts.arch.clone().unwrap_or_else(|| vec![f.arch]);
    if archs.is_empty() {
        return Err(empty_list(cx, tier, "arch"));
    }
    let base_ms = cx.duration_ms;
    let mut out = Vec::new();
    for &v in &vcpus {
        let memories: Vec<Decimal> = match &ts.memory_gb {
            Some(list) => list
                .iter()
                .copied()
                .filter(|m| crate::scenario::fargate_size_ok(v, *m))
                .collect(),
            None if ts.vcpu.is_some() => valid_memories(v),
            None => vec![f.memory_gb],
        };
        for m in memories {
            for &arch in &archs {
                let mut f2 = f.clone();
                f2.vcpu = v;
                f2.memory_gb = m;
                f2.arch = arch;
                let mut settings = vec![
                    ("vcpu", Setting::Num(v)),
                    ("memory_gb", Setting::Num(m)),
                    ("arch", Setting::Str(arch.key().to_string())),
                ];
                if f.tasks.is_none() {
                    let util = search.max_utilization.or(f.max_utilization);
                    f2.max_utilization = util;
                    if let Some(u) = util {
                        settings.push(("max_utilization", Setting::Num(u)));
                    }
                }
                // A request uses at most one vCPU: its CPU part scales with min(vCPU, 1).
                let duration = match ts.cpu_share {
                    Some(s) => {
                        let one = |x: Decimal| x.min(Decimal::ONE);
                        one(f.vcpu)
                            .checked_div(one(v))
                            .and_then(|r| power_tuning::vcpu_scaled(base_ms, s, r))
                            .map(|d| crate::money::round(d, 3).normalize())
                    }
                    None => Some(base_ms),
                };
                let Some(duration) = duration else { continue };
                out.push(Candidate {
                    svc: Service::Fargate(f2),
                    settings,
                    group: format!("fargate {} vCPU", v.normalize()),
                    excluded: arch_excluded(search, arch).or_else(|| over_budget(search, duration)),
                    duration_ms: Some(duration),
                    interpolated: false,
                });
            }
        }
    }
    if out.is_empty() {
        return Err(cx.fail(
            &format!("{tier}.memory_gb"),
            said!("error.optimize.no_fargate_pair"),
            said!("error.optimize.no_fargate_pair_hint"),
        ));
    }
    Ok(out)
}

/// Every valid memory size of a Fargate vCPU size.
fn valid_memories(vcpu: Decimal) -> Vec<Decimal> {
    let mut out = Vec::new();
    for (v, ranges) in FARGATE_SIZES.iter() {
        if *v != vcpu {
            continue;
        }
        for (lo, hi, step) in ranges.iter() {
            let mut m = *lo;
            while m <= *hi {
                out.push(m);
                m += *step;
            }
        }
    }
    out
}

/// One purchase choice of a tier.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Option_ {
    /// The tier's own purchase keys, unchanged.
    Own,
    /// A purchase option with its term and payment (none for on-demand and Spot).
    Set(Purchase, Option<Decimal>, Option<Payment>),
    /// Spot for this share of the unit-hours (the rest on-demand).
    Spot(Decimal),
}

/// Every candidate once per purchase option of the search (`purchase` x `term_years` x
/// `payment`, and Spot x `spot_share` for EC2 and Fargate); without a `purchase` list the tier
/// keeps its own option (plus Spot at each share when `spot_share` is listed). A share of 0 is
/// on-demand.
fn with_purchases(
    cx: &SpaceCtx,
    tier: &str,
    ts: &TierSearch,
    base: Vec<Candidate>,
) -> Result<Vec<Candidate>> {
    let Some(options) = purchase_options(cx, tier, ts, &base)? else {
        return Ok(base);
    };
    let mut out = Vec::with_capacity(base.len() * options.len());
    for c in base {
        for &o in &options {
            let mut c2 = c.clone();
            match o {
                Option_::Own => {}
                Option_::Set(p, term, pay) => {
                    set_terms(&mut c2.svc, p, term, pay);
                    if p != Purchase::Spot {
                        set_spot_share(&mut c2, None);
                    }
                    if p == Purchase::OnDemand {
                        // A discount applies to a purchase option, never to on-demand
                        // (`compare` refuses it there).
                        if let Some(d) = c2.svc.discount_pct_mut() {
                            if d.take().is_some() {
                                c2.settings.push(("discount_pct", Setting::Remove));
                            }
                        }
                    }
                    c2.settings
                        .push(("purchase", Setting::Str(p.key().to_string())));
                    c2.settings
                        .push(("term_years", term.map_or(Setting::Remove, Setting::Num)));
                    c2.settings.push((
                        "payment",
                        pay.map_or(Setting::Remove, |x| Setting::Str(x.key().to_string())),
                    ));
                    c2.settings
                        .push(("commitment_usd_per_hour", Setting::Remove));
                }
                Option_::Spot(share) => {
                    set_terms(&mut c2.svc, Purchase::Spot, None, None);
                    c2.settings
                        .push(("purchase", Setting::Str(Purchase::Spot.key().to_string())));
                    c2.settings.push(("term_years", Setting::Remove));
                    c2.settings.push(("payment", Setting::Remove));
                    c2.settings
                        .push(("commitment_usd_per_hour", Setting::Remove));
                    set_spot_share(&mut c2, Some(share));
                }
            }
            out.push(c2);
        }
    }
    Ok(out)
}

/// The purchase choices of a tier, or None when the search leaves the tier's own.
fn purchase_options(
    cx: &SpaceCtx,
    tier: &str,
    ts: &TierSearch,
    base: &[Candidate],
) -> Result<Option<Vec<Option_>>> {
    check_spot_shares(cx, tier, ts)?;
    let purchases: Vec<Purchase> = match &ts.purchase {
        Some(p) => p.clone(),
        None if ts.spot_share.is_some() => vec![Purchase::Spot],
        None => {
            if ts.term_years.is_some() || ts.payment.is_some() {
                return Err(cx.fail(
                    &format!("{tier}.purchase"),
                    said!("error.optimize.purchase_missing"),
                    said!("error.optimize.purchase_missing_hint"),
                ));
            }
            return Ok(None);
        }
    };
    if purchases.is_empty() {
        return Err(empty_list(cx, tier, "purchase"));
    }
    let (terms, payments) = terms_and_payments(cx, tier, ts)?;
    let mut options = Vec::new();
    if ts.purchase.is_none() {
        // Only `spot_share` is searched: the tier's own option stays a choice (unless it is Spot).
        let own = base.first().map(|c| c.svc.terms().purchase);
        if own != Some(Purchase::Spot) {
            options.push(Option_::Own);
        }
    }
    for &p in &purchases {
        match p {
            Purchase::Reserved | Purchase::ComputeSavingsPlan | Purchase::InstanceSavingsPlan => {
                for t in &terms {
                    for pay in &payments {
                        options.push(Option_::Set(p, Some(*t), Some(*pay)));
                    }
                }
            }
            Purchase::Spot => match &ts.spot_share {
                Some(shares) => options.extend(shares.iter().map(|s| Option_::Spot(*s))),
                None => options.push(Option_::Set(p, None, None)),
            },
            Purchase::OnDemand => options.push(Option_::Set(p, None, None)),
        }
    }
    Ok(Some(one_on_demand(options, base)))
}

/// The searched Spot shares: a non-empty list of shares from 0 to 1, with "spot" among the
/// searched purchases when those are listed.
fn check_spot_shares(cx: &SpaceCtx, tier: &str, ts: &TierSearch) -> Result<()> {
    if let Some(shares) = &ts.spot_share {
        if shares.is_empty() {
            return Err(empty_list(cx, tier, "spot_share"));
        }
        if let Some(s) = shares
            .iter()
            .find(|s| **s < Decimal::ZERO || **s > Decimal::ONE)
        {
            return Err(cx.fail(
                &format!("{tier}.spot_share"),
                said!("error.optimize.not_a_share", *s),
                said!("error.optimize.spot_share_hint"),
            ));
        }
        if ts
            .purchase
            .as_ref()
            .is_some_and(|p| !p.contains(&Purchase::Spot))
        {
            return Err(cx.fail(
                &format!("{tier}.spot_share"),
                said!("error.optimize.spot_not_purchased"),
                said!("error.optimize.spot_not_purchased_hint", tier),
            ));
        }
    }
    Ok(())
}

/// The searched terms (default 1 year) and payments (default no upfront): non-empty lists of
/// 1 and/or 3 years and of payment options.
fn terms_and_payments(
    cx: &SpaceCtx,
    tier: &str,
    ts: &TierSearch,
) -> Result<(Vec<Decimal>, Vec<Payment>)> {
    let terms = ts.term_years.clone().unwrap_or_else(|| vec![Decimal::ONE]);
    for t in &terms {
        if *t != dec!(1) && *t != dec!(3) {
            return Err(cx.fail(
                &format!("{tier}.term_years"),
                said!("error.optimize.not_a_term", *t),
                said!("error.optimize.not_a_term_hint"),
            ));
        }
    }
    let payments = ts
        .payment
        .clone()
        .unwrap_or_else(|| vec![Payment::NoUpfront]);
    if terms.is_empty() || payments.is_empty() {
        return Err(empty_list(
            cx,
            tier,
            if terms.is_empty() {
                "term_years"
            } else {
                "payment"
            },
        ));
    }
    Ok((terms, payments))
}

/// `options` with a Spot share of 0 made on-demand, listed once whichever way it was listed
/// (as on-demand, as the tier's own on-demand purchase or as a share of 0), and repeated
/// shares dropped.
fn one_on_demand(options: Vec<Option_>, base: &[Candidate]) -> Vec<Option_> {
    // A share of 0 is on-demand: one candidate, whichever way it was listed.
    let own_on_demand = base
        .first()
        .is_some_and(|c| c.svc.terms().purchase == Purchase::OnDemand);
    let mut seen_on_demand = options.iter().any(|o| {
        matches!(o, Option_::Set(Purchase::OnDemand, ..)) || (*o == Option_::Own && own_on_demand)
    });
    let mut deduped = Vec::with_capacity(options.len());
    for o in options {
        match o {
            Option_::Spot(s) if s.is_zero() => {
                if !seen_on_demand {
                    seen_on_demand = true;
                    deduped.push(Option_::Set(Purchase::OnDemand, None, None));
                }
            }
            Option_::Spot(s) if deduped.contains(&Option_::Spot(s)) => {}
            other => deduped.push(other),
        }
    }
    deduped
}

/// Set (or clear) the Spot share of an EC2 or Fargate candidate and the key written for it.
fn set_spot_share(c: &mut Candidate, share: Option<Decimal>) {
    let slot = match &mut c.svc {
        Service::Ec2(e) => &mut e.spot_share,
        Service::Fargate(f) => &mut f.spot_share,
        _ => return,
    };
    let had = slot.is_some();
    *slot = share;
    match share {
        Some(s) => c.settings.push(("spot_share", Setting::Num(s))),
        None if had => c.settings.push(("spot_share", Setting::Remove)),
        None => {}
    }
}

/// Apply a purchase option to a tier's service (the keys every priced service shares).
fn set_terms(svc: &mut Service, p: Purchase, term: Option<Decimal>, pay: Option<Payment>) {
    macro_rules! set {
        ($x:expr) => {{
            $x.purchase = Some(p);
            $x.term_years = term;
            $x.payment = pay;
            $x.commitment_usd_per_hour = None;
        }};
    }
    match svc {
        Service::Ec2(e) => set!(e),
        Service::Lambda(l) => set!(l),
        Service::Fargate(f) => set!(f),
        Service::Rds(r) => {
            r.purchase = Some(p);
            r.term_years = term;
            r.payment = pay;
        }
        Service::Dynamodb(d) => {
            d.purchase = Some(p);
            d.term_years = term;
            d.payment = pay;
        }
        Service::ApiGateway(_) | Service::Alb(_) => {}
    }
}
