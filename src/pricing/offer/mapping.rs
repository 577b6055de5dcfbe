//! Which offer-file products become which catalog keys (pricing/KEYS.md): region and
//! usage-type prefix rules, per-offer filters, and the unit spellings each key accepts.
//!
//! Products are matched on attributes only (never on SKUs or description texts): the
//! usage type with its billing-region prefix removed, plus product family, operation,
//! location type and the other attributes that separate look-alike products.

/// The product attributes the mapping looks at. CSV display names ("Product Family") and
/// JSON keys (`productFamily`) both normalise to the same canonical name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    ProductFamily,
    ServiceCode,
    Location,
    LocationType,
    RegionCode,
    FromRegionCode,
    FromLocation,
    ToLocation,
    TransferType,
    Group,
    UsageType,
    Operation,
    InstanceType,
    OperatingSystem,
    Tenancy,
    PreInstalledSw,
    CapacityStatus,
    LicenseModel,
    DatabaseEngine,
    DeploymentOption,
    DeploymentModel,
    VolumeType,
    VolumeApiName,
    MarketOption,
}

impl Attr {
    pub const ALL: [Attr; 24] = [
        Attr::ProductFamily,
        Attr::ServiceCode,
        Attr::Location,
        Attr::LocationType,
        Attr::RegionCode,
        Attr::FromRegionCode,
        Attr::FromLocation,
        Attr::ToLocation,
        Attr::TransferType,
        Attr::Group,
        Attr::UsageType,
        Attr::Operation,
        Attr::InstanceType,
        Attr::OperatingSystem,
        Attr::Tenancy,
        Attr::PreInstalledSw,
        Attr::CapacityStatus,
        Attr::LicenseModel,
        Attr::DatabaseEngine,
        Attr::DeploymentOption,
        Attr::DeploymentModel,
        Attr::VolumeType,
        Attr::VolumeApiName,
        Attr::MarketOption,
    ];

    /// Canonical name: lower-case ASCII letters and digits of the CSV header / JSON key.
    pub fn canonical(self) -> &'static str {
        match self {
            Attr::ProductFamily => "productfamily",
            Attr::ServiceCode => "servicecode",
            Attr::Location => "location",
            Attr::LocationType => "locationtype",
            Attr::RegionCode => "regioncode",
            Attr::FromRegionCode => "fromregioncode",
            Attr::FromLocation => "fromlocation",
            Attr::ToLocation => "tolocation",
            Attr::TransferType => "transfertype",
            Attr::Group => "group",
            Attr::UsageType => "usagetype",
            Attr::Operation => "operation",
            Attr::InstanceType => "instancetype",
            Attr::OperatingSystem => "operatingsystem",
            Attr::Tenancy => "tenancy",
            Attr::PreInstalledSw => "preinstalledsw",
            Attr::CapacityStatus => "capacitystatus",
            Attr::LicenseModel => "licensemodel",
            Attr::DatabaseEngine => "databaseengine",
            Attr::DeploymentOption => "deploymentoption",
            Attr::DeploymentModel => "deploymentmodel",
            Attr::VolumeType => "volumetype",
            Attr::VolumeApiName => "volumeapiname",
            Attr::MarketOption => "marketoption",
        }
    }

    pub fn index(self) -> usize {
        Attr::ALL.iter().position(|a| *a == self).unwrap_or(0)
    }
}

/// Normalise a CSV header or JSON attribute name ("Product Family", "productFamily",
/// "Pre Installed S/W") to the canonical form.
pub fn canonical_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Attribute lookup: the value of an attribute, "" when the product does not have it.
pub type Get<'a> = dyn Fn(Attr) -> &'a str + 'a;

/// Offers the catalog draws from (offer codes as in the service index).
pub const OFFERS: [&str; 12] = [
    "AWSLambda",
    "AmazonECS",
    "AmazonApiGateway",
    "AmazonDynamoDB",
    "AmazonEC2",
    "AmazonRDS",
    "AWSELB",
    "AmazonECR",
    "AmazonEKS",
    "AWSDataTransfer",
    "AmazonVPC",
    "awswaf",
];

/// Where a product's prices go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub key: String,
    /// Catalog unit (KEYS.md spelling).
    pub unit: &'static str,
    /// Region code; empty for a global allowance (free tier "Any"/"Global" rows), which is
    /// copied to every region the same offer file has rows for.
    pub region: String,
}

/// Billing-region prefixes of usage types (`EUW2-LoadBalancerUsage`). Note eu-west-1 is `EU`.
const PREFIXES: [(&str, &str); 30] = [
    ("us-east-1", "USE1"),
    ("us-east-2", "USE2"),
    ("us-west-1", "USW1"),
    ("us-west-2", "USW2"),
    ("ca-central-1", "CAN1"),
    ("eu-west-1", "EU"),
    ("eu-west-2", "EUW2"),
    ("eu-west-3", "EUW3"),
    ("eu-central-1", "EUC1"),
    ("eu-central-2", "EUC2"),
    ("eu-north-1", "EUN1"),
    ("eu-south-1", "EUS1"),
    ("eu-south-2", "EUS2"),
    ("ap-northeast-1", "APN1"),
    ("ap-northeast-2", "APN2"),
    ("ap-northeast-3", "APN3"),
    ("ap-southeast-1", "APS1"),
    ("ap-southeast-2", "APS2"),
    ("ap-south-1", "APS3"),
    ("ap-southeast-3", "APS4"),
    ("ap-south-2", "APS5"),
    ("ap-east-1", "APE1"),
    ("sa-east-1", "SAE1"),
    ("me-south-1", "MES1"),
    ("me-central-1", "MEC1"),
    ("af-south-1", "AFS1"),
    ("il-central-1", "ILC1"),
    ("us-gov-west-1", "UGW1"),
    ("us-gov-east-1", "UGE1"),
    ("ca-west-1", "CAN2"),
];

/// Location display names of older files that have no `regionCode` attribute.
const LOCATIONS: [(&str, &str); 22] = [
    ("US East (N. Virginia)", "us-east-1"),
    ("US East (Ohio)", "us-east-2"),
    ("US West (N. California)", "us-west-1"),
    ("US West (Oregon)", "us-west-2"),
    ("Canada (Central)", "ca-central-1"),
    ("EU (Ireland)", "eu-west-1"),
    ("EU (London)", "eu-west-2"),
    ("EU (Paris)", "eu-west-3"),
    ("EU (Frankfurt)", "eu-central-1"),
    ("EU (Stockholm)", "eu-north-1"),
    ("EU (Milan)", "eu-south-1"),
    ("Asia Pacific (Tokyo)", "ap-northeast-1"),
    ("Asia Pacific (Seoul)", "ap-northeast-2"),
    ("Asia Pacific (Osaka)", "ap-northeast-3"),
    ("Asia Pacific (Singapore)", "ap-southeast-1"),
    ("Asia Pacific (Sydney)", "ap-southeast-2"),
    ("Asia Pacific (Mumbai)", "ap-south-1"),
    ("Asia Pacific (Hong Kong)", "ap-east-1"),
    ("South America (Sao Paulo)", "sa-east-1"),
    ("AWS GovCloud (US)", "us-gov-west-1"),
    ("AWS GovCloud (US-West)", "us-gov-west-1"),
    ("AWS GovCloud (US-East)", "us-gov-east-1"),
];

pub fn billing_prefix(region: &str) -> Option<&'static str> {
    PREFIXES.iter().find(|(r, _)| *r == region).map(|(_, p)| *p)
}

/// True for a generic billing prefix token: upper-case letters then digits (`MXC1`).
fn looks_like_prefix(token: &str) -> bool {
    let letters = token.bytes().take_while(|b| b.is_ascii_uppercase()).count();
    let digits = token.len() - letters;
    (2..=4).contains(&letters)
        && digits >= 1
        && token.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

/// The usage type without its region prefix: `EUW2-Request` → `Request`; us-east-1 types
/// come both with and without `USE1-`. A prefix of another region is kept (no match later).
pub fn strip_prefix<'a>(usagetype: &'a str, region: &str) -> &'a str {
    if let Some(p) = billing_prefix(region) {
        if let Some(rest) = usagetype.strip_prefix(p).and_then(|r| r.strip_prefix('-')) {
            return rest;
        }
        return usagetype;
    }
    match usagetype.split_once('-') {
        Some((token, rest)) if looks_like_prefix(token) => rest,
        _ => usagetype,
    }
}

/// The region a product is for: `regionCode`, else `fromRegionCode` (data transfer), else the
/// location name, else the usage-type prefix. `None` when nothing says.
pub fn product_region(get: &Get<'_>) -> Option<String> {
    for attr in [Attr::RegionCode, Attr::FromRegionCode] {
        let v = get(attr);
        if !v.is_empty() {
            return Some(v.to_string());
        }
    }
    let loc = get(Attr::Location);
    if let Some((_, r)) = LOCATIONS.iter().find(|(l, _)| *l == loc) {
        return Some((*r).to_string());
    }
    let ut = get(Attr::UsageType);
    let token = ut.split_once('-').map(|(t, _)| t).unwrap_or("");
    PREFIXES
        .iter()
        .find(|(_, p)| *p == token)
        .map(|(r, _)| (*r).to_string())
}

fn is_global(get: &Get<'_>) -> bool {
    get(Attr::UsageType).starts_with("Global-")
        || matches!(get(Attr::Location), "Any" | "Global")
        || get(Attr::FromLocation) == "Global"
}

/// Map one product of offer `offer_code` to a catalog key, or `None` when the catalog does not
/// need it. `get` returns an attribute value ("" when absent).
pub fn map_product(offer_code: &str, get: &Get<'_>) -> Option<Target> {
    // Older whole-service files embed other services' products (DynamoDB 2016 carries
    // AWSDataTransfer products): only the offer's own products count.
    let service = get(Attr::ServiceCode);
    if !service.is_empty() && service != offer_code {
        return None;
    }
    // Outposts / edge rows share location names and usage types with the region's rows.
    let lt = get(Attr::LocationType);
    if !lt.is_empty() && lt != "AWS Region" {
        return None;
    }
    if is_global(get) {
        let key = global_key(offer_code, get)?;
        return Some(Target {
            key: key.to_string(),
            unit: unit_of(key)?,
            region: String::new(),
        });
    }
    let region = product_region(get)?;
    let suffix = strip_prefix(get(Attr::UsageType), &region);
    let key = regional_key(offer_code, suffix, get)?;
    let unit = unit_of(&key)?;
    Some(Target { key, unit, region })
}

fn global_key(offer_code: &str, get: &Get<'_>) -> Option<&'static str> {
    match (offer_code, get(Attr::UsageType)) {
        ("AWSLambda", "Global-Request") => Some("lambda.requests.free_tier"),
        ("AWSLambda", "Global-Lambda-GB-Second") => Some("lambda.duration.free_tier"),
        ("AWSDataTransfer", "Global-DataTransfer-Out-Bytes")
            if get(Attr::ToLocation) == "External" =>
        {
            Some("data_transfer.out.free_tier")
        }
        _ => None,
    }
}

/// The catalog key of a regional usage type: the offer code and the usage type's suffix (after
/// the region prefix), with the product's attributes where a suffix alone is ambiguous.
///
/// Long because it is one table: a match arm per Price List usage type the catalog keeps, per
/// offer (Lambda, Fargate, EKS, ECR, API Gateway, DynamoDB, ELB, data transfer, WAF; EC2, VPC and
/// RDS have their own functions); splitting the rest by service would scatter the table without
/// making any arm simpler.
fn regional_key(offer_code: &str, suffix: &str, get: &Get<'_>) -> Option<String> {
    let s = |k: &str| Some(k.to_string());
    match offer_code {
        "AWSLambda" => match suffix {
            "Request" => s("lambda.requests.x86_64"),
            "Request-ARM" => s("lambda.requests.arm64"),
            "Lambda-GB-Second" => s("lambda.duration.x86_64"),
            "Lambda-GB-Second-ARM" => s("lambda.duration.arm64"),
            "Lambda-Provisioned-Concurrency" => s("lambda.provisioned_concurrency.x86_64"),
            "Lambda-Provisioned-Concurrency-ARM" => s("lambda.provisioned_concurrency.arm64"),
            "Lambda-Provisioned-GB-Second" => s("lambda.provisioned_duration.x86_64"),
            "Lambda-Provisioned-GB-Second-ARM" => s("lambda.provisioned_duration.arm64"),
            "Lambda-Storage-GB-Second" => s("lambda.ephemeral_storage.x86_64"),
            "Lambda-Storage-GB-Second-ARM" => s("lambda.ephemeral_storage.arm64"),
            _ => None,
        },
        // Fargate for ECS. (Fargate pods of EKS are priced in the AmazonEKS offer with their
        // own SKUs at the same rates; they are not mapped, so the keys have one source.)
        "AmazonECS" => match suffix {
            "Fargate-vCPU-Hours:perCPU" => s("fargate.vcpu.linux.x86_64"),
            "Fargate-GB-Hours" => s("fargate.memory.linux.x86_64"),
            "Fargate-ARM-vCPU-Hours:perCPU" => s("fargate.vcpu.linux.arm64"),
            "Fargate-ARM-GB-Hours" => s("fargate.memory.linux.arm64"),
            "Fargate-Windows-vCPU-Hours:perCPU" => s("fargate.vcpu.windows.x86_64"),
            "Fargate-Windows-GB-Hours" => s("fargate.memory.windows.x86_64"),
            "Fargate-Windows-OS-Hours:perCPU" => s("fargate.windows_license"),
            "Fargate-EphemeralStorage-GB-Hours" => s("fargate.ephemeral_storage"),
            _ => None,
        },
        "AmazonEKS" => match suffix {
            "AmazonEKS-Hours:perCluster" => s("eks.cluster"),
            _ => None,
        },
        "AmazonECR" => match suffix {
            "TimedStorage-ByteHrs" => s("ecr.storage"),
            _ => None,
        },
        "AmazonApiGateway" => match suffix {
            "ApiGatewayRequest" => s("apigw.rest.requests"),
            "ApiGatewayHttpRequest" => s("apigw.http.requests"),
            "ApiGatewayMessage" => s("apigw.websocket.messages"),
            "ApiGatewayMinute" => s("apigw.websocket.connection_minutes"),
            _ => {
                // The "Cache Memory Size (GB)" attribute is rounded; the usage type is exact.
                let size = suffix.strip_prefix("ApiGatewayCacheUsage:")?;
                let label = match size {
                    "0.5GB" => "0.5",
                    "1.55GB" | "1.6GB" => "1.6",
                    "6.05GB" | "6.1GB" => "6.1",
                    "13.5GB" => "13.5",
                    "28.4GB" => "28.4",
                    "58.2GB" => "58.2",
                    "118GB" => "118",
                    "237GB" => "237",
                    _ => return None,
                };
                Some(format!("apigw.cache.{label}"))
            }
        },
        "AmazonDynamoDB" => match suffix {
            "ReadRequestUnits" => s("dynamodb.reads.standard"),
            "IA-ReadRequestUnits" => s("dynamodb.reads.standard_ia"),
            "WriteRequestUnits" => s("dynamodb.writes.standard"),
            "IA-WriteRequestUnits" => s("dynamodb.writes.standard_ia"),
            "ReadCapacityUnit-Hrs" => s("dynamodb.rcu.standard"),
            "IA-ReadCapacityUnit-Hrs" => s("dynamodb.rcu.standard_ia"),
            "WriteCapacityUnit-Hrs" => s("dynamodb.wcu.standard"),
            "IA-WriteCapacityUnit-Hrs" => s("dynamodb.wcu.standard_ia"),
            "TimedStorage-ByteHrs" => s("dynamodb.storage.standard"),
            "IA-TimedStorage-ByteHrs" => s("dynamodb.storage.standard_ia"),
            _ => None,
        },
        "AWSELB" => {
            if get(Attr::ProductFamily) != "Load Balancer-Application" {
                return None;
            }
            match suffix {
                "LoadBalancerUsage" => s("alb.hours"),
                "LCUUsage" => s("alb.lcu"),
                _ => None,
            }
        }
        "AWSDataTransfer" => {
            let to_internet =
                get(Attr::TransferType) == "AWS Outbound" && get(Attr::ToLocation) == "External";
            match suffix {
                "DataTransfer-Out-Bytes" if to_internet => s("data_transfer.out"),
                _ => None,
            }
        }
        "AmazonEC2" => ec2_key(suffix, get),
        "AmazonVPC" => vpc_key(suffix),
        "AmazonRDS" => rds_key(suffix, get),
        "awswaf" => match suffix {
            "WebACL" => s("waf.web_acl"),
            "Rule" => s("waf.rule"),
            "Request" => s("waf.requests"),
            _ => None,
        },
        _ => None,
    }
}

fn vpc_key(suffix: &str) -> Option<String> {
    match suffix {
        "NatGateway-Hours" => Some("nat.hours".into()),
        "NatGateway-Bytes" => Some("nat.data".into()),
        "PublicIPv4:InUseAddress" => Some("vpc.public_ipv4".into()),
        "VpcEndpoint-Hours" => Some("vpce.hours".into()),
        "VpcEndpoint-Bytes" => Some("vpce.data".into()),
        _ => None,
    }
}

fn ec2_key(suffix: &str, get: &Get<'_>) -> Option<String> {
    if let Some(instance) = suffix.strip_prefix("BoxUsage:") {
        // Linux, shared tenancy, no pre-installed software, on-demand capacity actually used:
        // every other combination is a near-duplicate SKU with another price.
        let market = get(Attr::MarketOption);
        let ok = get(Attr::ProductFamily) == "Compute Instance"
            && get(Attr::OperatingSystem) == "Linux"
            && get(Attr::Tenancy) == "Shared"
            && get(Attr::PreInstalledSw) == "NA"
            && get(Attr::CapacityStatus) == "Used"
            && get(Attr::LicenseModel) == "No License required"
            && get(Attr::Operation) == "RunInstances"
            && (market.is_empty() || market == "OnDemand")
            && get(Attr::InstanceType) == instance
            && !instance.is_empty();
        return ok.then(|| format!("ec2.linux.{instance}"));
    }
    if suffix == "EBS:VolumeUsage.gp3" {
        return Some("ebs.gp3".into());
    }
    vpc_key(suffix)
}

fn rds_key(suffix: &str, get: &Get<'_>) -> Option<String> {
    // RDS Custom rows reuse the same usage types; only standard deployments count.
    if !get(Attr::DeploymentModel).is_empty() {
        return None;
    }
    let engine = match get(Attr::DatabaseEngine) {
        "MySQL" => "mysql",
        "PostgreSQL" => "postgresql",
        _ => return None,
    };
    let az = match get(Attr::DeploymentOption) {
        "Single-AZ" => "single_az",
        "Multi-AZ" => "multi_az",
        _ => return None,
    };
    match get(Attr::ProductFamily) {
        "Database Instance" => {
            let instance = get(Attr::InstanceType);
            let usage_ok = match az {
                "single_az" => suffix == format!("InstanceUsage:{instance}"),
                _ => suffix == format!("Multi-AZUsage:{instance}"),
            };
            let licence = get(Attr::LicenseModel);
            (usage_ok && !instance.is_empty() && licence == "No license required")
                .then(|| format!("rds.{engine}.{az}.{instance}"))
        }
        "Database Storage" => {
            let (volume, single, multi) = match get(Attr::VolumeType) {
                "General Purpose" => ("gp2", "RDS:GP2-Storage", "RDS:Multi-AZ-GP2-Storage"),
                "General Purpose-GP3" => ("gp3", "RDS:GP3-Storage", "RDS:Multi-AZ-GP3-Storage"),
                _ => return None,
            };
            let want = if az == "single_az" { single } else { multi };
            (suffix == want).then(|| format!("rds.storage.{engine}.{volume}.{az}"))
        }
        _ => None,
    }
}

/// The commitment key of a Reserved term on a product whose on-demand price is `od_key`
/// (pricing/commitments/README.md): `ec2.linux.<i>` → `ec2.reserved.linux.<i>`,
/// `rds.<engine>.<az>.<class>` → `rds.reserved.<engine>.<az>.<class>`; None for anything else
/// (storage, other services).
pub fn reserved_key(od_key: &str) -> Option<String> {
    if let Some(instance) = od_key.strip_prefix("ec2.linux.") {
        return Some(format!("ec2.reserved.linux.{instance}"));
    }
    let rest = od_key.strip_prefix("rds.")?;
    let (engine, rest) = rest.split_once('.')?;
    let (az, class) = rest.split_once('.')?;
    let engine_ok = matches!(engine, "mysql" | "postgresql" | "mariadb");
    let az_ok = matches!(az, "single_az" | "multi_az");
    (engine_ok && az_ok && class.starts_with("db."))
        .then(|| format!("rds.reserved.{engine}.{az}.{class}"))
}

/// The catalog unit of a key (KEYS.md).
pub fn unit_of(key: &str) -> Option<&'static str> {
    let unit = if key.starts_with("lambda.requests") {
        "request"
    } else if key.starts_with("lambda.") {
        "GB-second"
    } else if key.starts_with("fargate.vcpu") || key == "fargate.windows_license" {
        "vCPU-hour"
    } else if key.starts_with("fargate.") {
        "GB-hour"
    } else if key.starts_with("apigw.rest") || key.starts_with("apigw.http") {
        "request"
    } else if key == "apigw.websocket.messages" {
        "message"
    } else if key == "apigw.websocket.connection_minutes" {
        "connection-minute"
    } else if key.starts_with("dynamodb.reads") {
        "read request unit"
    } else if key.starts_with("dynamodb.writes") {
        "write request unit"
    } else if key == "dynamodb.rcu.free_tier" {
        // The always-free allowance is 25 RCU in every hour (spent as RCU-hours).
        "RCU"
    } else if key == "dynamodb.wcu.free_tier" {
        "WCU"
    } else if key.starts_with("dynamodb.rcu") {
        "RCU-hour"
    } else if key.starts_with("dynamodb.wcu") {
        "WCU-hour"
    } else if key.starts_with("dynamodb.storage")
        || key == "ebs.gp3"
        || key == "ebs.gp2"
        || key.starts_with("rds.storage")
        || key.starts_with("rds.aurora_storage")
        || key == "ecr.storage"
    {
        "GB-month"
    } else if key.starts_with("rds.iops") {
        "IOPS-month"
    } else if key.starts_with("rds.aurora_io") {
        "I/O request"
    } else if key == "alb.lcu" {
        "LCU-hour"
    } else if key == "vpce.hours" {
        "endpoint-AZ-hour"
    } else if key == "nat.data" || key == "vpce.data" || key.starts_with("data_transfer.") {
        "GB"
    } else if key.starts_with("waf.web_acl") || key == "waf.rule" {
        "month"
    } else if key == "waf.requests" {
        "request"
    } else if key.starts_with("apigw.cache")
        || key == "alb.hours"
        || key == "nat.hours"
        || key == "vpc.public_ipv4"
        || key.starts_with("ec2.")
        || key.starts_with("rds.")
        || key == "eks.cluster"
    {
        "hour"
    } else {
        return None;
    };
    Some(unit)
}

/// Whether an offer's unit spelling fits the catalog unit ("Request"/"Requests",
/// "Lambda-GB-Second"/"GB-Seconds", "Hrs"/"hours", "GB-Mo"/"GB-mo"...). A dimension whose
/// unit does not fit (an RI "Upfront Fee" in "Quantity", a per-IOPS row) is not the price
/// of the key and is skipped.
pub fn unit_fits(catalog_unit: &str, offer_unit: &str) -> bool {
    // Compared without case (the spellings below are lower case), without allocating.
    let u = offer_unit.trim();
    let ok: &[&str] = match catalog_unit {
        "request" => &["request", "requests"],
        "GB-second" => &[
            "lambda-gb-second",
            "lambda-gb-seconds",
            "gb-seconds",
            "gb-second",
        ],
        "vCPU-hour" => &["hours", "hrs", "hour", "vcpu-hours", "vcpu-hour"],
        "GB-hour" => &["hours", "hrs", "hour", "gb-hours", "gb-hour"],
        "message" => &["messages", "message"],
        "connection-minute" => &["minutes", "minute"],
        "read request unit" => &["readrequestunits", "readrequestunit"],
        "write request unit" => &["writerequestunits", "writerequestunit"],
        "RCU-hour" => &["readcapacityunit-hrs"],
        "WCU-hour" => &["writecapacityunit-hrs"],
        "GB-month" => &["gb-mo", "gb-month"],
        "LCU-hour" => &["lcu-hrs", "lcu-hour"],
        "endpoint-AZ-hour" => &["hrs", "hours", "hour"],
        "GB" => &["gb"],
        "month" => &["month", "months", "webacl-mo", "rule-mo"],
        "hour" => &["hrs", "hours", "hour"],
        _ => &[],
    };
    ok.iter().any(|ok| ok.eq_ignore_ascii_case(u))
}

/// The `.free_tier` key that a zero-priced first tier of `key` is split into, if the catalog
/// has one (DynamoDB Standard storage: 0–25 GB free inside the paid SKU).
pub fn folded_free_key(key: &str) -> Option<&'static str> {
    match key {
        "dynamodb.storage.standard" => Some("dynamodb.storage.free_tier"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(strip_prefix("EUW2-Request", "eu-west-2"), "Request");
        assert_eq!(strip_prefix("Request", "us-east-1"), "Request");
        assert_eq!(
            strip_prefix("USE1-ApiGatewayRequest", "us-east-1"),
            "ApiGatewayRequest"
        );
        assert_eq!(strip_prefix("EU-Request", "eu-west-1"), "Request");
        // A prefix of another region is not removed.
        assert_eq!(strip_prefix("EUW2-Request", "eu-west-1"), "EUW2-Request");
        assert_eq!(
            strip_prefix("IA-ReadRequestUnits", "us-east-1"),
            "IA-ReadRequestUnits"
        );
        assert_eq!(
            strip_prefix("MXC1-BoxUsage:m5.large", "mx-central-1"),
            "BoxUsage:m5.large"
        );
        assert_eq!(
            strip_prefix("TS-LoadBalancerUsage", "xx-new-1"),
            "TS-LoadBalancerUsage"
        );
    }

    fn attrs<'a>(pairs: &'a [(Attr, &'a str)]) -> impl Fn(Attr) -> &'a str + 'a {
        move |a| {
            pairs
                .iter()
                .find(|(k, _)| *k == a)
                .map(|(_, v)| *v)
                .unwrap_or("")
        }
    }

    #[test]
    fn fargate_in_the_eks_offer_is_not_mapped() {
        let fargate = [
            (Attr::RegionCode, "us-east-1"),
            (Attr::UsageType, "USE1-Fargate-vCPU-Hours:perCPU"),
            (Attr::ServiceCode, "AmazonEKS"),
        ];
        assert_eq!(map_product("AmazonEKS", &attrs(&fargate)), None);
        let cluster = [
            (Attr::RegionCode, "ap-northeast-1"),
            (Attr::UsageType, "APN1-AmazonEKS-Hours:perCluster"),
        ];
        let t = map_product("AmazonEKS", &attrs(&cluster)).unwrap();
        assert_eq!((t.key.as_str(), t.unit), ("eks.cluster", "hour"));
    }

    #[test]
    fn ec2_instance_filter_is_complete() {
        let base = [
            (Attr::ProductFamily, "Compute Instance"),
            (Attr::RegionCode, "ap-northeast-1"),
            (Attr::UsageType, "APN1-BoxUsage:m5.large"),
            (Attr::InstanceType, "m5.large"),
            (Attr::OperatingSystem, "Linux"),
            (Attr::Tenancy, "Shared"),
            (Attr::PreInstalledSw, "NA"),
            (Attr::CapacityStatus, "Used"),
            (Attr::LicenseModel, "No License required"),
            (Attr::Operation, "RunInstances"),
            (Attr::LocationType, "AWS Region"),
        ];
        let t = map_product("AmazonEC2", &attrs(&base)).unwrap();
        assert_eq!(t.key, "ec2.linux.m5.large");
        assert_eq!(t.region, "ap-northeast-1");
        for (attr, other) in [
            (Attr::OperatingSystem, "Windows"),
            (Attr::Tenancy, "Dedicated"),
            (Attr::PreInstalledSw, "SQL Std"),
            (Attr::CapacityStatus, "UnusedCapacityReservation"),
            (Attr::LicenseModel, "Bring your own license"),
            (Attr::Operation, "RunInstances:0002"),
            (Attr::LocationType, "AWS Local Zone"),
        ] {
            let mut v = base.to_vec();
            for p in v.iter_mut().filter(|p| p.0 == attr) {
                p.1 = other;
            }
            assert_eq!(map_product("AmazonEC2", &attrs(&v)), None, "{other}");
        }
    }

    #[test]
    fn canonical_names() {
        assert_eq!(canonical_name("Product Family"), "productfamily");
        assert_eq!(canonical_name("usageType"), "usagetype");
        assert_eq!(canonical_name("Pre Installed S/W"), "preinstalledsw");
        assert_eq!(canonical_name("From Region Code"), "fromregioncode");
    }

    #[test]
    fn every_mapped_key_has_a_unit() {
        for key in [
            "lambda.requests.x86_64",
            "apigw.cache.1.6",
            "ec2.linux.m5.large",
            "rds.mysql.multi_az.db.t4g.medium",
            "rds.storage.mysql.gp3.multi_az",
            "data_transfer.out.free_tier",
            "waf.web_acl",
        ] {
            assert!(unit_of(key).is_some(), "{key}");
        }
    }
}
