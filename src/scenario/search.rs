//! `[architecture.search]`: the choices `archcost optimize` may change in one architecture and
//! the constraints its answer must meet (docs/reference/optimize.md). Parsed with the scenario;
//! checked against the catalog by `check` (bad tables are exit 2 with file:line).
use super::num::opt_decimal;
use super::types::{Capacity, CpuArch, Payment, Purchase};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

/// One architecture's search table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    #[serde(default)]
    pub web: Option<TierSearch>,
    #[serde(default)]
    pub app: Option<TierSearch>,
    #[serde(default)]
    pub db: Option<TierSearch>,
    /// Headroom: scaled fleets are sized so each hour's load is at most this share of their
    /// capacity (0–1, default 1).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max_utilization: Option<Decimal>,
    /// The answer's monthly total (recurring + amortised upfront) may not exceed this.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max_monthly_usd: Option<Decimal>,
    /// The answer's one-off commitment payments may not exceed this.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max_upfront_usd: Option<Decimal>,
    /// Latency budget of the app tier's compute per request (Lambda / Fargate duration).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max_duration_ms: Option<Decimal>,
    /// CPU architectures allowed for EC2 types, Lambda and Fargate (default: both).
    #[serde(default)]
    pub architectures: Option<Vec<CpuArch>>,
    /// Whether burstable (`t*`) EC2 types may be chosen (default true; they are sized by their
    /// CPU-credit baseline).
    #[serde(default)]
    pub burstable: Option<bool>,
}

/// The open choices of one tier. Keys that do not apply to the tier's service are refused by
/// `check`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierSearch {
    /// EC2 types or RDS classes: a list, `{ families = [...] }`, or `[]` (every type).
    #[serde(default)]
    pub instance: Option<InstanceSpace>,
    #[serde(default)]
    pub purchase: Option<Vec<Purchase>>,
    #[serde(default, deserialize_with = "opt_decimals")]
    pub term_years: Option<Vec<Decimal>>,
    #[serde(default)]
    pub payment: Option<Vec<Payment>>,
    /// RDS: single-AZ and/or Multi-AZ.
    #[serde(default)]
    pub multi_az: Option<Vec<bool>>,
    /// Lambda memory, every 1 MB from `from` to `to`.
    #[serde(default)]
    pub memory_mb: Option<MemoryRange>,
    /// Lambda / Fargate CPU architecture.
    #[serde(default)]
    pub arch: Option<Vec<CpuArch>>,
    /// Fargate task vCPU values (each paired with every valid `memory_gb`).
    #[serde(default, deserialize_with = "opt_decimals")]
    pub vcpu: Option<Vec<Decimal>>,
    /// Fargate task memory values (default: every valid memory of each `vcpu`).
    #[serde(default, deserialize_with = "opt_decimals")]
    pub memory_gb: Option<Vec<Decimal>>,
    /// Fargate / EC2 share of unit-hours on Spot.
    #[serde(default, deserialize_with = "opt_decimals")]
    pub spot_share: Option<Vec<Decimal>>,
    /// DynamoDB on-demand and/or provisioned.
    #[serde(default)]
    pub capacity: Option<Vec<Capacity>>,
    /// Lambda: AWS Lambda Power Tuning output (path relative to the scenario file).
    #[serde(default)]
    pub power_tuning: Option<String>,
    /// Lambda / Fargate: the share (0–1) of `duration_ms` that scales with CPU.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub cpu_share: Option<Decimal>,
}

/// EC2 types or RDS classes to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstanceSpace {
    /// These types (empty = every current type in the region's catalog).
    Types(Vec<String>),
    /// Every type whose family (the part before the last dot) is one of these.
    Families(Vec<String>),
}

impl<'de> Deserialize<'de> for InstanceSpace {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Families {
            families: Vec<String>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Types(Vec<String>),
            Families(Families),
        }
        match Raw::deserialize(d).map_err(|_| {
            serde::de::Error::custom(
                "expected a list of types, [] for every type, or { families = [\"m7g\", ...] }",
            )
        })? {
            Raw::Types(t) => Ok(InstanceSpace::Types(t)),
            Raw::Families(f) => Ok(InstanceSpace::Families(f.families)),
        }
    }
}

/// Lambda memory sizes from `from` to `to` MB inclusive, every MB: `{ from = 128, to = 1024 }`
/// or `[128, 1024]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryRange {
    pub from: u32,
    pub to: u32,
}

/// What a memory range must look like (the error of any other shape).
pub const MEMORY_RANGE_EXPECTED: &str =
    "expected a range of MB: { from = 128, to = 1024 } or [128, 1024]";

impl<'de> Deserialize<'de> for MemoryRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            from: u32,
            to: u32,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Table(Table),
            Pair(u32, u32),
        }
        match Raw::deserialize(d).map_err(|_| serde::de::Error::custom(MEMORY_RANGE_EXPECTED))? {
            Raw::Table(t) => Ok(MemoryRange {
                from: t.from,
                to: t.to,
            }),
            Raw::Pair(from, to) => Ok(MemoryRange { from, to }),
        }
    }
}

fn opt_decimals<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Decimal>>, D::Error> {
    #[derive(Deserialize)]
    struct N(#[serde(deserialize_with = "super::num::decimal")] Decimal);
    Vec::<N>::deserialize(d).map(|v| Some(v.into_iter().map(|n| n.0).collect()))
}

/// The family of an instance type or class: everything before the last dot (`m5` of
/// `m5.large`, `db.r6g` of `db.r6g.xlarge`).
pub fn family(instance: &str) -> &str {
    instance.rsplit_once('.').map_or(instance, |(f, _)| f)
}

/// The search table of architecture `index` of file `file`, in its types (None when the
/// architecture has none). Errors name the table's key path (`scenario::with_location` turns it
/// into file:line:col).
pub fn of(
    file: &str,
    index: usize,
    arch_name: &str,
    table: Option<&toml::Table>,
) -> crate::error::Result<Option<Search>> {
    let Some(t) = table else { return Ok(None) };
    Search::deserialize(toml::Value::Table(t.clone()))
        .map(Some)
        .map_err(|e| {
            let msg = e.message().trim().to_string();
            // Point at the key: "unknown field `x`" names it; any other error is the first key
            // that fails on its own.
            let key = msg
                .strip_prefix("unknown field `")
                .and_then(|r| r.split('`').next())
                .and_then(|k| find_key(t, k))
                .or_else(|| failing_key(t));
            let hint = match key.as_deref() {
                Some(k) if k.ends_with("memory_mb") => {
                    crate::said!("error.scenario.search_memory_hint", k)
                }
                _ => crate::said!("error.scenario.search_hint"),
            };
            let key = key.map(|k| format!(".{k}")).unwrap_or_default();
            crate::error::Error::Said(crate::said!(
                "error.scenario.at",
                file,
                format!("architecture[{index}] ({arch_name}).search{key}"),
                super::toml_words::toml_problem(&msg),
                hint
            ))
        })
}

/// The dotted path of the first key of a search table (tier keys one level deep) that does not
/// read on its own.
fn failing_key(t: &toml::Table) -> Option<String> {
    let fails = |one: toml::Table| Search::deserialize(toml::Value::Table(one)).is_err();
    t.iter().find_map(|(k, v)| match v.as_table() {
        Some(inner) if matches!(k.as_str(), "web" | "app" | "db") => {
            inner.iter().find_map(|(ik, iv)| {
                let mut tier = toml::Table::new();
                tier.insert(ik.clone(), iv.clone());
                let mut one = toml::Table::new();
                one.insert(k.clone(), toml::Value::Table(tier));
                fails(one).then(|| format!("{k}.{ik}"))
            })
        }
        _ => {
            let mut one = toml::Table::new();
            one.insert(k.clone(), v.clone());
            fails(one).then(|| k.clone())
        }
    })
}

/// The dotted path of the first key named `name` in a search table (one level of tiers deep).
fn find_key(t: &toml::Table, name: &str) -> Option<String> {
    if t.contains_key(name) {
        return Some(name.to_string());
    }
    t.iter().find_map(|(k, v)| {
        v.as_table()
            .filter(|inner| inner.contains_key(name))
            .map(|_| format!("{k}.{name}"))
    })
}

impl Search {
    /// The tier search of `tier` (`web`, `app`, `db`).
    pub fn tier(&self, tier: &str) -> Option<&TierSearch> {
        match tier {
            "web" => self.web.as_ref(),
            "app" => self.app.as_ref(),
            "db" => self.db.as_ref(),
            _ => None,
        }
    }
}
