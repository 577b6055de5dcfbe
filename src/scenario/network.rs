//! The per-architecture `network` table: how many Availability Zones the compute spans, how
//! private compute reaches AWS APIs and the internet (`egress`), and the VPC endpoints that take
//! traffic off that path (docs/reference/logs-and-network.md).
use super::num::opt_decimal;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Deserialize;

/// How private compute reaches AWS APIs and the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Egress {
    /// Through NAT gateways (one, or one per AZ with `nat_per_az`).
    Nat,
    /// Through a public IPv4 address on every task or instance.
    PublicIp,
    /// Not at all (VPC endpoints only).
    None,
}

impl Egress {
    pub fn key(self) -> &'static str {
        match self {
            Egress::Nat => "nat",
            Egress::PublicIp => "public-ip",
            Egress::None => "none",
        }
    }
}

/// Interface VPC endpoints archcost knows (each billed per AZ-hour plus data processed). `ecr`
/// is the pair ECR needs (`ecr.api` and `ecr.dkr`), so it counts as two endpoints.
pub const INTERFACE_ENDPOINTS: [&str; 6] = ["ecr", "logs", "sts", "secretsmanager", "ssm", "kms"];
/// Gateway VPC endpoints (free): S3 (where ECR keeps image layers) and DynamoDB.
pub const GATEWAY_ENDPOINTS: [&str; 2] = ["s3", "dynamodb"];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Availability Zones the compute spans (default 2).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub azs: Option<Decimal>,
    /// Default: `nat` when the architecture has private compute, otherwise `none`.
    #[serde(default)]
    pub egress: Option<Egress>,
    /// One NAT gateway in each AZ instead of one in total.
    #[serde(default)]
    pub nat_per_az: bool,
    #[serde(default)]
    pub vpc_endpoints: Vec<String>,
}

/// AZs when `network.azs` is not given.
pub const DEFAULT_AZS: Decimal = dec!(2);
