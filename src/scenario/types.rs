//! The typed scenario (schema 1, docs/reference/scenario-keys.md): what a TOML scenario file deserializes into.
use super::num::{self, decimal, opt_decimal};
// Ranges are parsed in `num`; named here with the other scenario types.
pub use super::num::{Range, RangeEnd};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Deserialize;
use std::collections::BTreeMap;

pub use super::network::{Egress, Network, GATEWAY_ENDPOINTS, INTERFACE_ENDPOINTS};
pub use super::purchase::{Purchase, Terms};
pub use crate::terms::Payment;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub schema: Option<u32>,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Region code (normalised from whatever the file wrote: "tokyo", "東京", ...).
    pub region: String,
    /// The region as the file wrote it, when that was not the code.
    #[serde(skip)]
    pub region_written: Option<String>,
    #[serde(default)]
    pub assumptions: Assumptions,
    pub workload: Workload,
    #[serde(default, rename = "architecture")]
    pub architectures: Vec<Architecture>,
    /// Applied account quotas that override the default quota values (limit id -> value).
    #[serde(default)]
    pub quotas: BTreeMap<String, toml::Value>,
    /// Tier `discount_pct` values given as `{ low, expected, high }`, keyed by dot path
    /// (`architecture.<name>.<tier>.discount_pct`); the field itself holds `expected`. Filled
    /// after parsing (`scenario::parse`).
    #[serde(skip)]
    pub discount_ranges: BTreeMap<String, Range>,
}

impl Scenario {
    /// Every region the scenario prices (top level and per architecture), sorted, no repeats.
    pub fn regions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .architectures
            .iter()
            .map(|a| a.region.as_deref().unwrap_or(&self.region))
            .chain([self.region.as_str()])
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Currency {
    USD,
    JPY,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    #[serde(default = "default_hours", deserialize_with = "decimal")]
    pub hours_per_month: Decimal,
    #[serde(default)]
    pub free_tier: bool,
    #[serde(default = "default_currency")]
    pub currency: Currency,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub usd_jpy: Option<Decimal>,
    #[serde(default)]
    pub fx_date: Option<String>,
    #[serde(default = "default_pricing")]
    pub pricing: String,
    /// Consumption tax (Japan: 0.10), shown apart from the pre-tax totals.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub tax_rate: Option<Decimal>,
    /// Stored (compressed) size of CloudWatch Logs data as a share of the ingested size; AWS
    /// bills storage on the compressed size but publishes no ratio, so the default is 1 (an
    /// upper bound). Measure it as a log group's `storedBytes` / `IncomingBytes`.
    #[serde(default = "one", deserialize_with = "decimal")]
    pub log_stored_ratio: Decimal,
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            hours_per_month: default_hours(),
            free_tier: false,
            currency: default_currency(),
            usd_jpy: None,
            fx_date: None,
            pricing: default_pricing(),
            tax_rate: None,
            log_stored_ratio: one(),
        }
    }
}

fn default_hours() -> Decimal {
    dec!(730)
}
fn default_currency() -> Currency {
    Currency::USD
}
fn default_pricing() -> String {
    "bundled".to_string()
}

/// The traffic shape over a day: flat, a named preset, or 24 hourly weights.
#[derive(Debug, Clone, PartialEq)]
pub enum Profile {
    Flat,
    Preset(String),
    Weights(Vec<Decimal>),
}

impl<'de> Deserialize<'de> for Profile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Name(String),
            Weights(Vec<f64>),
        }
        match Raw::deserialize(d).map_err(|_| {
            serde::de::Error::custom(
                "expected \"flat\", a preset name, or an array of 24 hourly weights",
            )
        })? {
            Raw::Name(n) if n == "flat" => Ok(Profile::Flat),
            Raw::Name(n) => Ok(Profile::Preset(n)),
            Raw::Weights(w) => w
                .into_iter()
                .map(|x| {
                    super::num::from_f64(x)
                        .ok_or_else(|| serde::de::Error::custom("profile weight out of range"))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Profile::Weights),
        }
    }
}

fn default_profile() -> Profile {
    Profile::Flat
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    #[serde(default, deserialize_with = "num::ranged_opt::requests_per_month")]
    pub requests_per_month: Option<Decimal>,
    #[serde(default, deserialize_with = "num::ranged_opt::requests_per_second")]
    pub requests_per_second: Option<Decimal>,
    #[serde(default = "default_profile")]
    pub profile: Profile,
    /// Ratio of the busiest second to the hour's average (bursts within the hour); 1 = smooth.
    #[serde(default = "one", deserialize_with = "num::ranged::peak_to_average")]
    pub peak_to_average: Decimal,
    #[serde(default, deserialize_with = "num::ranged::duration_ms")]
    pub duration_ms: Decimal,
    #[serde(default, deserialize_with = "num::ranged::request_kb")]
    pub request_kb: Decimal,
    #[serde(default, deserialize_with = "num::ranged::response_kb")]
    pub response_kb: Decimal,
    #[serde(default, deserialize_with = "num::ranged::db_reads_per_request")]
    pub db_reads_per_request: Decimal,
    #[serde(default, deserialize_with = "num::ranged::db_writes_per_request")]
    pub db_writes_per_request: Decimal,
    #[serde(default = "one", deserialize_with = "num::ranged::item_kb")]
    pub item_kb: Decimal,
    #[serde(default, deserialize_with = "num::ranged::storage_gb")]
    pub storage_gb: Decimal,
    /// Application log bytes written per request (KB, binary) by every tier that ships logs to
    /// CloudWatch Logs (docs/reference/logs-and-network.md); default 0.
    #[serde(default, deserialize_with = "num::ranged::log_kb_per_request")]
    pub log_kb_per_request: Decimal,
    /// Months a log group keeps its data (CloudWatch Logs retention); default 1.
    #[serde(
        default = "one",
        deserialize_with = "num::ranged::log_retention_months"
    )]
    pub log_retention_months: Decimal,
    /// Inputs given as `{ low, expected, high }` (key name -> range); the field itself holds
    /// `expected`. Filled after parsing (`scenario::parse`), never read from the file directly.
    #[serde(skip)]
    pub ranges: BTreeMap<String, Range>,
}

fn one() -> Decimal {
    Decimal::ONE
}

fn yes() -> bool {
    true
}

/// The numeric `[workload]` keys that may be given as a range (and that sensitivity varies).
pub const WORKLOAD_INPUTS: [&str; 12] = [
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
    "log_kb_per_request",
    "log_retention_months",
];

/// A numeric setting reached by name: always set, or optional.
pub enum NumSlot<'a> {
    Plain(&'a mut Decimal),
    Opt(&'a mut Option<Decimal>),
}

impl NumSlot<'_> {
    pub fn get(&self) -> Option<Decimal> {
        match self {
            NumSlot::Plain(p) => Some(**p),
            NumSlot::Opt(o) => **o,
        }
    }

    pub fn set(self, v: Decimal) {
        match self {
            NumSlot::Plain(p) => *p = v,
            NumSlot::Opt(o) => *o = Some(v),
        }
    }
}

impl Workload {
    /// The numeric workload input `key` (one of `WORKLOAD_INPUTS`), to read or write.
    pub fn slot(&mut self, key: &str) -> Option<NumSlot<'_>> {
        Some(match key {
            "requests_per_month" => NumSlot::Opt(&mut self.requests_per_month),
            "requests_per_second" => NumSlot::Opt(&mut self.requests_per_second),
            "peak_to_average" => NumSlot::Plain(&mut self.peak_to_average),
            "duration_ms" => NumSlot::Plain(&mut self.duration_ms),
            "request_kb" => NumSlot::Plain(&mut self.request_kb),
            "response_kb" => NumSlot::Plain(&mut self.response_kb),
            "db_reads_per_request" => NumSlot::Plain(&mut self.db_reads_per_request),
            "db_writes_per_request" => NumSlot::Plain(&mut self.db_writes_per_request),
            "item_kb" => NumSlot::Plain(&mut self.item_kb),
            "storage_gb" => NumSlot::Plain(&mut self.storage_gb),
            "log_kb_per_request" => NumSlot::Plain(&mut self.log_kb_per_request),
            "log_retention_months" => NumSlot::Plain(&mut self.log_retention_months),
            _ => return None,
        })
    }

    /// The value of a numeric workload input by key name (`None`: unset or not a numeric input).
    pub fn input(&self, key: &str) -> Option<Decimal> {
        self.clone().slot(key)?.get()
    }

    /// Set a numeric workload input by key name; false when `key` is not one.
    pub fn set_input(&mut self, key: &str, v: Decimal) -> bool {
        match self.slot(key) {
            Some(slot) => {
                slot.set(v);
                true
            }
            None => false,
        }
    }
}

impl Scenario {
    /// The scenario with every ranged input at its `end`, and no ranges left (a plain point).
    /// Costs grow with workload inputs and fall with a discount, so the `Low` end (the cheap
    /// one) puts every workload input at its low end and every `discount_pct` at its high end.
    pub fn at_range_end(&self, end: RangeEnd) -> Scenario {
        let mut s = self.clone();
        let ranges = std::mem::take(&mut s.workload.ranges);
        for (key, r) in &ranges {
            s.workload.set_input(key, r.at(end));
        }
        let discounts = std::mem::take(&mut s.discount_ranges);
        let opposite = match end {
            RangeEnd::Low => RangeEnd::High,
            RangeEnd::High => RangeEnd::Low,
        };
        for (path, r) in &discounts {
            if let Some(slot) = s.discount_slot(path) {
                *slot = Some(r.at(opposite));
            }
        }
        s
    }

    /// The scenario with its ranges forgotten (every input at `expected`).
    pub fn without_ranges(&self) -> Scenario {
        let mut s = self.clone();
        s.workload.ranges.clear();
        s.discount_ranges.clear();
        s
    }

    /// Whether any input (workload or `discount_pct`) is given as a range.
    pub fn has_ranges(&self) -> bool {
        !self.workload.ranges.is_empty() || !self.discount_ranges.is_empty()
    }

    /// Every declared range: workload inputs by key name, discounts by dot path.
    pub fn all_ranges(&self) -> BTreeMap<String, Range> {
        let mut out = self.workload.ranges.clone();
        out.extend(self.discount_ranges.clone());
        out
    }

    /// The `discount_pct` of `architecture.<name>.<tier>.discount_pct`.
    pub fn discount_slot(&mut self, path: &str) -> Option<&mut Option<Decimal>> {
        let rest = path
            .strip_prefix("architecture.")?
            .strip_suffix(".discount_pct")?;
        let (name, tier) = rest.rsplit_once('.')?;
        let arch = self.architectures.iter_mut().find(|a| a.name == name)?;
        let svc = match tier {
            "web" => arch.web.as_mut(),
            "app" => arch.app.as_mut(),
            "db" => arch.db.as_mut(),
            _ => None,
        }?;
        svc.discount_pct_mut()
    }
}

impl Workload {
    /// Monthly request volume, from `requests_per_month` or the average `requests_per_second`.
    pub fn monthly_requests(&self, hours_per_month: Decimal) -> Decimal {
        match (self.requests_per_month, self.requests_per_second) {
            (Some(m), _) => m,
            (None, Some(rps)) => rps * hours_per_month * dec!(3600),
            (None, None) => Decimal::ZERO,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Architecture {
    pub name: String,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub web: Option<Service>,
    #[serde(default)]
    pub app: Option<Service>,
    #[serde(default)]
    pub db: Option<Service>,
    #[serde(default)]
    pub extras: Extras,
    /// How the compute reaches AWS APIs and the internet, and across how many AZs it runs.
    #[serde(default)]
    pub network: Option<Network>,
    /// What `archcost optimize` may change (`[architecture.search]`), as written; read into its
    /// types by `scenario::search::of` (checked with the scenario, used by `optimize` only).
    #[serde(default)]
    pub search: Option<toml::Table>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extras {
    #[serde(default, deserialize_with = "decimal")]
    pub nat_gateways: Decimal,
    #[serde(default, deserialize_with = "decimal")]
    pub ecr_gb: Decimal,
    #[serde(default, deserialize_with = "decimal")]
    pub eks_clusters: Decimal,
    #[serde(default, deserialize_with = "decimal")]
    pub data_transfer_out_gb: Decimal,
}

/// One tier's service and its settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "service", rename_all = "kebab-case")]
pub enum Service {
    ApiGateway(ApiGateway),
    Alb(Alb),
    Ec2(Ec2),
    Lambda(Lambda),
    Fargate(Fargate),
    Dynamodb(DynamoDb),
    Rds(Rds),
}

impl Service {
    /// The service name as written in the scenario.
    pub fn name(&self) -> &'static str {
        match self {
            Service::ApiGateway(_) => "api-gateway",
            Service::Alb(_) => "alb",
            Service::Ec2(_) => "ec2",
            Service::Lambda(_) => "lambda",
            Service::Fargate(_) => "fargate",
            Service::Dynamodb(_) => "dynamodb",
            Service::Rds(_) => "rds",
        }
    }
}

pub const SERVICE_NAMES: [&str; 7] = [
    "api-gateway",
    "alb",
    "ec2",
    "lambda",
    "fargate",
    "dynamodb",
    "rds",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiKind {
    Rest,
    Http,
    Websocket,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Endpoint {
    Regional,
    Edge,
    Private,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiGateway {
    #[serde(default = "default_api")]
    pub api: ApiKind,
    #[serde(default = "default_endpoint")]
    pub endpoint: Endpoint,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub private_endpoint_azs: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub cache_gb: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub connection_minutes_per_month: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub average_connections: Option<Decimal>,
    /// WebSocket: how long a client stays connected, in seconds (checked against the 2-hour
    /// maximum; with average_connections it gives the new connections per second).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub connection_duration_s: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub timeout_s: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub waf_rules: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub throttle_rps: Option<Decimal>,
    /// Stage access logging to CloudWatch Logs (one line of `access_log_kb` per request).
    #[serde(default)]
    pub access_logs: bool,
    /// Size of one access log line in KB (needed with `access_logs = true`).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub access_log_kb: Option<Decimal>,
}

fn default_api() -> ApiKind {
    ApiKind::Rest
}
fn default_endpoint() -> Endpoint {
    Endpoint::Regional
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alb {
    #[serde(default = "one", deserialize_with = "decimal")]
    pub count: Decimal,
    /// `internet-facing` (default: a public IPv4 address per AZ, responses leave as data transfer
    /// out) or `internal` (private addresses, no data transfer out at the ALB).
    #[serde(default = "internet_facing")]
    pub scheme: Scheme,
    /// Availability Zones the load balancer is enabled in (one node, and for an internet-facing
    /// ALB one public IPv4 address, per AZ); default the architecture's `network.azs` (at least
    /// 2, as an ALB needs), else 2.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub azs: Option<Decimal>,
    #[serde(default = "ten", deserialize_with = "decimal")]
    pub rules: Decimal,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub waf_rules: Option<Decimal>,
    /// Requests carried by one client connection (keep-alive); 1 = a new connection per request.
    #[serde(default = "one", deserialize_with = "decimal")]
    pub requests_per_connection: Decimal,
    /// How long a client connection stays open, in seconds.
    #[serde(default = "one", deserialize_with = "decimal")]
    pub connection_duration_s: Decimal,
}

fn ten() -> Decimal {
    dec!(10)
}

fn two() -> Decimal {
    dec!(2)
}

impl Alb {
    /// AZs the load balancer is enabled in (`azs`, default 2).
    pub fn azs(&self) -> Decimal {
        self.azs.unwrap_or_else(two)
    }
}

/// Whether an ALB faces the internet or only the VPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    InternetFacing,
    Internal,
}

fn internet_facing() -> Scheme {
    Scheme::InternetFacing
}

impl Default for Alb {
    /// The ALB an `ec2` web tier gets with `load_balancer = "alb"`: every setting at its default.
    fn default() -> Self {
        Alb {
            count: Decimal::ONE,
            scheme: Scheme::InternetFacing,
            azs: None,
            rules: ten(),
            waf_rules: None,
            requests_per_connection: Decimal::ONE,
            connection_duration_s: Decimal::ONE,
        }
    }
}

/// A load balancer in front of an EC2 web tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadBalancer {
    Alb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Os {
    Linux,
    Windows,
}

fn linux() -> Os {
    Os::Linux
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ec2 {
    pub instance: String,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub count: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub rps_per_instance: Option<Decimal>,
    /// Requests per second one vCPU serves: the fleet scales with `rps_per_vcpu` x the type's
    /// vCPUs per instance (what `optimize` uses to compare types).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub rps_per_vcpu: Option<Decimal>,
    /// Headroom of a scaled fleet (0–1, default 1): each hour runs enough instances that its
    /// load is at most this share of their capacity.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max_utilization: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub min: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max: Option<Decimal>,
    /// gp3 root volume per instance, GB (default `DEFAULT_ROOT_VOLUME_GB`).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub ebs_gb: Option<Decimal>,
    #[serde(default = "linux")]
    pub os: Os,
    /// `"alb"` puts an Application Load Balancer in front of a web tier (its lines join the tier).
    #[serde(default)]
    pub load_balancer: Option<LoadBalancer>,
    /// Each instance has a public IPv4 address (default: true for a web tier without a load
    /// balancer, false otherwise).
    #[serde(default)]
    pub public_ip: Option<bool>,
    /// Purchase option (docs/decisions.md, "Commitments and purchase options"); absent = on-demand.
    #[serde(default)]
    pub purchase: Option<Purchase>,
    /// Commitment term, 1 or 3 years (reserved and savings plans; default 1).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub term_years: Option<Decimal>,
    /// How the term is paid (reserved and savings plans; default no-upfront).
    #[serde(default)]
    pub payment: Option<Payment>,
    /// The user's own rate, percent off on-demand (a number or a `{ low, expected, high }`
    /// range; the field holds `expected`): used where no sourced rate exists or to override one.
    #[serde(default, deserialize_with = "num::discount_pct")]
    pub discount_pct: Option<Decimal>,
    /// Savings Plan commitment in USD per hour (default: the baseline's hourly spend at the
    /// plan rate).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub commitment_usd_per_hour: Option<Decimal>,
    /// Share of the fleet's hours on Spot (0–1; default 1 with purchase = "spot").
    #[serde(default, deserialize_with = "opt_decimal")]
    pub spot_share: Option<Decimal>,
    /// Ship the application's log lines (`log_kb_per_request`) with the CloudWatch agent.
    #[serde(default)]
    pub logs: bool,
    /// KB per request of the instances' own outbound calls through the egress path.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub nat_kb_per_request: Option<Decimal>,
}

/// Root volume of an EC2 instance when `ebs_gb` is not given: 8 GB, the root volume of the
/// Amazon Linux 2023 AMI's block device mapping (the AMI default; other AMIs differ).
pub const DEFAULT_ROOT_VOLUME_GB: Decimal = dec!(8);

impl Ec2 {
    /// gp3 GB per instance: `ebs_gb`, else the default root volume.
    pub fn volume_gb(&self) -> Decimal {
        self.ebs_gb.unwrap_or(DEFAULT_ROOT_VOLUME_GB)
    }

    /// Whether the instances carry public IPv4 addresses in tier `tier`.
    pub fn has_public_ip(&self, tier: &str) -> bool {
        self.public_ip
            .unwrap_or(tier == "web" && self.load_balancer.is_none())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CpuArch {
    #[serde(rename = "x86_64")]
    X86_64,
    Arm64,
}

impl CpuArch {
    pub fn key(self) -> &'static str {
        match self {
            CpuArch::X86_64 => "x86_64",
            CpuArch::Arm64 => "arm64",
        }
    }
}

fn x86() -> CpuArch {
    CpuArch::X86_64
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Invocation {
    Sync,
    Async,
}

fn sync() -> Invocation {
    Invocation::Sync
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lambda {
    #[serde(default = "default_memory", deserialize_with = "decimal")]
    pub memory_mb: Decimal,
    #[serde(default = "x86")]
    pub arch: CpuArch,
    #[serde(default = "default_ephemeral", deserialize_with = "decimal")]
    pub ephemeral_storage_mb: Decimal,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub duration_ms: Option<Decimal>,
    #[serde(default = "sync")]
    pub invocation: Invocation,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub timeout_s: Option<Decimal>,
    #[serde(default, deserialize_with = "decimal")]
    pub provisioned_concurrency: Decimal,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub provisioned_hours: Option<Decimal>,
    #[serde(default, deserialize_with = "decimal")]
    pub provisioned_requests_share: Decimal,
    #[serde(default)]
    pub vpc: bool,
    /// Write logs to CloudWatch Logs (the platform's START/END/REPORT lines and the
    /// application's `log_kb_per_request`); `false` turns both off.
    #[serde(default = "yes")]
    pub logs: bool,
    /// NAT gateways the VPC function's traffic goes through (vpc = true); default 1.
    #[serde(default = "one", deserialize_with = "decimal")]
    pub nat_gateways: Decimal,
    /// KB per request of the function's own outbound calls through the NAT gateway (default 0:
    /// client requests and responses never pass the NAT gateway).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub nat_kb_per_request: Option<Decimal>,
    /// Purchase option (docs/decisions.md, "Commitments and purchase options"); absent = on-demand.
    #[serde(default)]
    pub purchase: Option<Purchase>,
    /// Commitment term, 1 or 3 years (reserved and savings plans; default 1).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub term_years: Option<Decimal>,
    /// How the term is paid (reserved and savings plans; default no-upfront).
    #[serde(default)]
    pub payment: Option<Payment>,
    /// The user's own rate, percent off on-demand (a number or a `{ low, expected, high }`
    /// range; the field holds `expected`): used where no sourced rate exists or to override one.
    #[serde(default, deserialize_with = "num::discount_pct")]
    pub discount_pct: Option<Decimal>,
    /// Savings Plan commitment in USD per hour (default: the baseline's hourly spend at the
    /// plan rate).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub commitment_usd_per_hour: Option<Decimal>,
}

fn default_memory() -> Decimal {
    dec!(128)
}
fn default_ephemeral() -> Decimal {
    dec!(512)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Ecs,
    Eks,
}

fn ecs() -> Platform {
    Platform::Ecs
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fargate {
    #[serde(deserialize_with = "decimal")]
    pub vcpu: Decimal,
    #[serde(deserialize_with = "decimal")]
    pub memory_gb: Decimal,
    #[serde(default = "x86")]
    pub arch: CpuArch,
    #[serde(default = "linux")]
    pub os: Os,
    #[serde(default = "default_fargate_storage", deserialize_with = "decimal")]
    pub ephemeral_storage_gb: Decimal,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub tasks: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub running_hours: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub rps_per_task: Option<Decimal>,
    /// Requests per second one vCPU serves: the service scales with `rps_per_vcpu` x `vcpu`
    /// per task (what `optimize` uses to compare task sizes).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub rps_per_vcpu: Option<Decimal>,
    /// Headroom of a scaled service (0–1, default 1): each hour runs enough tasks that its
    /// load is at most this share of their capacity.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max_utilization: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub min_tasks: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub max_tasks: Option<Decimal>,
    /// Share of the task-hours on Fargate Spot (0–1; default 1 with purchase = "spot").
    #[serde(default, deserialize_with = "opt_decimal")]
    pub spot_share: Option<Decimal>,
    #[serde(default = "ecs")]
    pub platform: Platform,
    /// Ship the application's log lines with the awslogs driver (default true).
    #[serde(default = "yes")]
    pub logs: bool,
    /// Container image size in MB pulled at every task start (default 0: pulls not priced).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub image_mb: Option<Decimal>,
    /// KB per request of the tasks' own outbound calls through the egress path.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub nat_kb_per_request: Option<Decimal>,
    /// Purchase option (docs/decisions.md, "Commitments and purchase options"); absent = on-demand.
    #[serde(default)]
    pub purchase: Option<Purchase>,
    /// Commitment term, 1 or 3 years (reserved and savings plans; default 1).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub term_years: Option<Decimal>,
    /// How the term is paid (reserved and savings plans; default no-upfront).
    #[serde(default)]
    pub payment: Option<Payment>,
    /// The user's own rate, percent off on-demand (a number or a `{ low, expected, high }`
    /// range; the field holds `expected`): used where no sourced rate exists or to override one.
    #[serde(default, deserialize_with = "num::discount_pct")]
    pub discount_pct: Option<Decimal>,
    /// Savings Plan commitment in USD per hour (default: the baseline's hourly spend at the
    /// plan rate).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub commitment_usd_per_hour: Option<Decimal>,
}

fn default_fargate_storage() -> Decimal {
    dec!(20)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capacity {
    OnDemand,
    Provisioned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Consistency {
    Eventual,
    Strong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableClass {
    Standard,
    StandardIa,
}

impl TableClass {
    pub fn key(self) -> &'static str {
        match self {
            TableClass::Standard => "standard",
            TableClass::StandardIa => "standard_ia",
        }
    }
}

fn on_demand() -> Capacity {
    Capacity::OnDemand
}
fn eventual() -> Consistency {
    Consistency::Eventual
}
fn standard() -> TableClass {
    TableClass::Standard
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DynamoDb {
    #[serde(default = "on_demand")]
    pub capacity: Capacity,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub rcu: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub wcu: Option<Decimal>,
    /// Target utilization when provisioned capacity is sized from the peak hour (0–1).
    #[serde(default = "default_utilization", deserialize_with = "decimal")]
    pub target_utilization: Decimal,
    #[serde(default = "eventual")]
    pub consistency: Consistency,
    #[serde(default = "standard")]
    pub table_class: TableClass,
    /// Purchase option (docs/decisions.md, "Commitments and purchase options"); absent = on-demand.
    #[serde(default)]
    pub purchase: Option<Purchase>,
    /// Commitment term, 1 or 3 years (reserved and savings plans; default 1).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub term_years: Option<Decimal>,
    /// How the term is paid (reserved and savings plans; default no-upfront).
    #[serde(default)]
    pub payment: Option<Payment>,
    /// The user's own rate, percent off on-demand (a number or a `{ low, expected, high }`
    /// range; the field holds `expected`): used where no sourced rate exists or to override one.
    #[serde(default, deserialize_with = "num::discount_pct")]
    pub discount_pct: Option<Decimal>,
}

fn default_utilization() -> Decimal {
    dec!(0.7)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    Mysql,
    Postgresql,
    Mariadb,
    /// Aurora MySQL-Compatible (provisioned instances, I/O-Standard storage).
    AuroraMysql,
    /// Aurora PostgreSQL-Compatible (provisioned instances, I/O-Standard storage).
    AuroraPostgresql,
}

impl Engine {
    /// The engine as it appears in catalog keys (`rds.<engine>.…`).
    pub fn key(self) -> &'static str {
        match self {
            Engine::Mysql => "mysql",
            Engine::Postgresql => "postgresql",
            Engine::Mariadb => "mariadb",
            Engine::AuroraMysql => "aurora-mysql",
            Engine::AuroraPostgresql => "aurora-postgresql",
        }
    }

    pub fn is_aurora(self) -> bool {
        matches!(self, Engine::AuroraMysql | Engine::AuroraPostgresql)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageType {
    Gp2,
    Gp3,
    /// Provisioned IOPS SSD: needs `iops`.
    Io1,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rds {
    pub engine: Engine,
    pub instance: String,
    #[serde(default)]
    pub multi_az: bool,
    #[serde(default, deserialize_with = "opt_decimal")]
    pub storage_gb: Option<Decimal>,
    /// gp2 (default), gp3 or io1; not for Aurora, whose cluster storage has one type.
    #[serde(default)]
    pub storage_type: Option<StorageType>,
    /// Provisioned IOPS of io1 storage.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub iops: Option<Decimal>,
    /// Aurora I/O requests per application request (default: the workload's database reads
    /// plus writes per request, each counted as one I/O).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub ios_per_request: Option<Decimal>,
    /// Purchase option (docs/decisions.md, "Commitments and purchase options"); absent = on-demand.
    #[serde(default)]
    pub purchase: Option<Purchase>,
    /// Commitment term, 1 or 3 years (reserved and savings plans; default 1).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub term_years: Option<Decimal>,
    /// How the term is paid (reserved and savings plans; default no-upfront).
    #[serde(default)]
    pub payment: Option<Payment>,
    /// The user's own rate, percent off on-demand (a number or a `{ low, expected, high }`
    /// range; the field holds `expected`): used where no sourced rate exists or to override one.
    #[serde(default, deserialize_with = "num::discount_pct")]
    pub discount_pct: Option<Decimal>,
}
