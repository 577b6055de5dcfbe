//! The whole bill (issue 17), hand-computed to the cent in us-east-1 and Tokyo: CloudWatch Logs
//! of Lambda (platform lines with and without application logs) and Fargate, the egress path of
//! private compute (NAT gateways with their public IPv4 addresses, image pulls and log shipping,
//! one NAT per AZ, a public IPv4 per task, VPC endpoints taking traffic off the NAT), and
//! traffic between AZs to a database primary.
//!
//! Prices (bundled catalog): us-east-1 logs.ingest $0.50/GB, logs.storage $0.03/GB-month,
//! nat.hours $0.045/h, nat.data $0.045/GB, vpc.public_ipv4 $0.005/h, vpce.hours $0.01/h,
//! vpce.data $0.01/GB, data_transfer.cross_az $0.01/GB; Tokyo logs.ingest $0.76, logs.storage
//! $0.033, nat.hours $0.062, nat.data $0.062, vpc.public_ipv4 $0.005, vpce.hours $0.014,
//! vpce.data $0.01, cross_az $0.01. 10,485,760 requests = 10 x 2^20, so 1 KB per request is
//! exactly 10 GB (binary GB, docs/reference/logs-and-network.md).
use crate::util::{bin, d, eval, eval_err, line_sum, only, quantity_sum, scenario, to_cents};
use archcost::compare::ArchReport;

const TEN_GB_OF_KB: &str = "requests_per_month = 10_485_760";

fn one(region: &str, assumptions: &str, workload: &str, tiers: &str) -> ArchReport {
    only(&eval(&scenario(region, assumptions, workload, tiers))).clone()
}

fn cents(a: &ArchReport, id: &str) -> String {
    format!("{:.2}", to_cents(line_sum(a, id)))
}

fn has(a: &ArchReport, id: &str) -> bool {
    a.lines().any(|(_, l)| l.id == id)
}

fn tier_of<'a>(a: &'a ArchReport, id: &str) -> &'a str {
    a.lines()
        .find(|(_, l)| l.id == id)
        .map(|(t, _)| t.tier.as_str())
        .unwrap_or("")
}

/// Lambda writes START/END/REPORT on every invocation: 266 bytes (the AWS docs example lines,
/// services::logs::LAMBDA_PLATFORM_BYTES). 10,485,760 x 266 B = 10 x 266 / 1024 GB =
/// 2.59765625 GB. us-east-1: x $0.50 = $1.298828125 -> $1.30; stored 1 month x $0.03 =
/// $0.0779296875 -> $0.08. Tokyo: x $0.76 = $1.9742 -> $1.97; x $0.033 = $0.08572 -> $0.09.
#[test]
fn lambda_platform_lines_without_application_logs() {
    let tiers = "app = { service = \"lambda\" }";
    for (region, ingest, storage) in [
        ("us-east-1", "1.30", "0.08"),
        ("ap-northeast-1", "1.97", "0.09"),
    ] {
        let a = one(region, "", TEN_GB_OF_KB, tiers);
        assert_eq!(quantity_sum(&a, "logs.ingest"), d("2.59765625"), "{region}");
        assert_eq!(cents(&a, "logs.ingest"), ingest, "{region}");
        assert_eq!(cents(&a, "logs.storage"), storage, "{region}");
        assert_eq!(tier_of(&a, "logs.ingest"), "app");
    }
    // logs = false: the function writes nothing.
    let off = one(
        "us-east-1",
        "",
        TEN_GB_OF_KB,
        "app = { service = \"lambda\", logs = false }",
    );
    assert!(!has(&off, "logs.ingest") && !has(&off, "logs.storage"));
}

/// With 1 KB of application logs per request: (1024 + 266) B x 10 x 2^20 = 12.59765625 GB.
/// Kept 3 months at a stored ratio of 0.5: 12.59765625 x 3 x 0.5 = 18.896484375 GB-month.
/// us-east-1: ingest x $0.50 = $6.298828125 -> $6.30; storage x $0.03 = $0.56689 -> $0.57.
/// Tokyo: ingest x $0.76 = $9.57421875 -> $9.57; storage x $0.033 = $0.62358 -> $0.62.
#[test]
fn lambda_logs_with_application_logs() {
    let workload = format!("{TEN_GB_OF_KB}\nlog_kb_per_request = 1\nlog_retention_months = 3");
    for (region, ingest, storage) in [
        ("us-east-1", "6.30", "0.57"),
        ("ap-northeast-1", "9.57", "0.62"),
    ] {
        let a = one(
            region,
            "log_stored_ratio = 0.5",
            &workload,
            "app = { service = \"lambda\" }",
        );
        assert_eq!(quantity_sum(&a, "logs.ingest"), d("12.59765625"));
        assert_eq!(quantity_sum(&a, "logs.storage"), d("18.896484375"));
        assert_eq!(cents(&a, "logs.ingest"), ingest, "{region}");
        assert_eq!(cents(&a, "logs.storage"), storage, "{region}");
    }
}

const FARGATE_ALB: &str = "web = { service = \"alb\" }\napp = { service = \"fargate\", vcpu = 0.5, memory_gb = 1, tasks = 2, image_mb = 512 }";

/// Fargate behind an ALB, no `network` table: egress defaults to one NAT gateway. 730 NAT hours
/// and 730 hours of its public IPv4 address. Data processed: two tasks start once (one
/// deployment a month) x 512 MB = 1 GB of image pulls + 10 GB of application logs shipped by
/// awslogs = 11 GB. us-east-1: 730 x $0.045 = $32.85; 730 x $0.005 = $3.65; 11 x $0.045 =
/// $0.495 -> $0.50; logs ingest 10 x $0.50 = $5.00, storage 10 x $0.03 = $0.30.
/// Tokyo: 730 x $0.062 = $45.26; $3.65; 11 x $0.062 = $0.682 -> $0.68; ingest $7.60, storage $0.33.
#[test]
fn fargate_behind_an_alb_with_default_egress() {
    let workload = format!("{TEN_GB_OF_KB}\nlog_kb_per_request = 1");
    for (region, hours, data, ingest, storage) in [
        ("us-east-1", "32.85", "0.50", "5.00", "0.30"),
        ("ap-northeast-1", "45.26", "0.68", "7.60", "0.33"),
    ] {
        let a = one(region, "", &workload, FARGATE_ALB);
        assert_eq!(quantity_sum(&a, "nat.hours"), d("730"));
        assert_eq!(cents(&a, "nat.hours"), hours, "{region}");
        assert_eq!(cents(&a, "nat.public_ipv4"), "3.65", "{region}");
        assert_eq!(quantity_sum(&a, "nat.data"), d("11"));
        assert_eq!(cents(&a, "nat.data"), data, "{region}");
        assert_eq!(cents(&a, "logs.ingest"), ingest, "{region}");
        assert_eq!(cents(&a, "logs.storage"), storage, "{region}");
        assert_eq!(tier_of(&a, "nat.hours"), "network");
        assert_eq!(tier_of(&a, "logs.ingest"), "app");
        let text = &a.lines().find(|(_, l)| l.id == "nat.hours").unwrap().1;
        assert!(text.description.contains("assumed"), "{}", text.description);
    }
}

/// One NAT gateway in each of 3 AZs: 3 x 730 = 2,190 NAT hours and 2,190 hours of public IPv4.
/// us-east-1: 2,190 x $0.045 = $98.55, 2,190 x $0.005 = $10.95. Tokyo: 2,190 x $0.062 =
/// $135.78, $10.95. The ALB follows network.azs: 3 public IPv4 addresses, 2,190 h = $10.95.
#[test]
fn nat_per_az_over_three_azs() {
    let tiers = format!("{FARGATE_ALB}\nnetwork = {{ azs = 3, nat_per_az = true }}");
    for (region, hours) in [("us-east-1", "98.55"), ("ap-northeast-1", "135.78")] {
        let a = one(region, "", TEN_GB_OF_KB, &tiers);
        assert_eq!(quantity_sum(&a, "nat.hours"), d("2190"));
        assert_eq!(cents(&a, "nat.hours"), hours, "{region}");
        assert_eq!(cents(&a, "nat.public_ipv4"), "10.95", "{region}");
        assert_eq!(cents(&a, "vpc.public_ipv4"), "10.95", "{region}");
    }
}

/// egress = "public-ip": no NAT; one public IPv4 address per task-hour. 3 tasks x 730 h =
/// 2,190 h x $0.005 = $10.95 in both regions (same rate).
#[test]
fn egress_public_ip() {
    let tiers = "app = { service = \"fargate\", vcpu = 0.5, memory_gb = 1, tasks = 3, image_mb = 512 }\nnetwork = { egress = \"public-ip\" }";
    for region in ["us-east-1", "ap-northeast-1"] {
        let a = one(region, "", TEN_GB_OF_KB, tiers);
        assert!(!has(&a, "nat.hours") && !has(&a, "nat.data") && !has(&a, "nat.public_ipv4"));
        assert_eq!(quantity_sum(&a, "vpc.public_ipv4"), d("2190"));
        assert_eq!(cents(&a, "vpc.public_ipv4"), "10.95", "{region}");
    }
}

/// VPC endpoints ["ecr", "logs", "s3"] over 2 AZs: image layers come from S3 through the free
/// gateway endpoint and the 10 GB of logs through the logs interface endpoint, so the NAT
/// processes nothing (no nat.data line). Interface endpoints: ecr (ecr.api + ecr.dkr = 2) + logs
/// = 3 x 2 AZs x 730 h = 4,380 endpoint-AZ-hours: us-east-1 x $0.01 = $43.80, Tokyo x $0.014 =
/// $61.32; endpoint data 10 GB x $0.01 = $0.10 in both.
#[test]
fn vpc_endpoints_take_traffic_off_the_nat() {
    let workload = format!("{TEN_GB_OF_KB}\nlog_kb_per_request = 1");
    let tiers =
        format!("{FARGATE_ALB}\nnetwork = {{ vpc_endpoints = [\"ecr\", \"logs\", \"s3\"] }}");
    for (region, hours) in [("us-east-1", "43.80"), ("ap-northeast-1", "61.32")] {
        let a = one(region, "", &workload, &tiers);
        assert!(!has(&a, "nat.data"), "{region}: NAT data should be gone");
        assert_eq!(quantity_sum(&a, "vpc_endpoint.hours"), d("4380"));
        assert_eq!(cents(&a, "vpc_endpoint.hours"), hours, "{region}");
        assert_eq!(quantity_sum(&a, "vpc_endpoint.data"), d("10"));
        assert_eq!(cents(&a, "vpc_endpoint.data"), "0.10", "{region}");
    }
}

/// App <-> RDS: 2 reads + 0.5 writes of 1 KB items per request = 2.5 KB x 10 x 2^20 = 25 GB a
/// month. 1 AZ: nothing crosses, no line. 2 AZs: half crosses, 12.5 GB, billed out of one AZ
/// and into the other: 25 GB x $0.01 = $0.25. 3 AZs: 25 x 2/3 x 2 = 33.33 GB -> $0.33. Same rate
/// in both regions. Lambda in a VPC pays the same to reach RDS.
#[test]
fn cross_az_with_one_and_two_azs() {
    let workload = format!(
        "{TEN_GB_OF_KB}\ndb_reads_per_request = 2\ndb_writes_per_request = 0.5\nitem_kb = 1"
    );
    let db = "db = { service = \"rds\", engine = \"mysql\", instance = \"db.t4g.medium\" }";
    for region in ["us-east-1", "ap-northeast-1"] {
        for (app, name) in [
            (
                "app = { service = \"fargate\", vcpu = 0.5, memory_gb = 1, tasks = 2 }",
                "fargate",
            ),
            ("app = { service = \"lambda\", vpc = true }", "lambda"),
        ] {
            let at = |azs: &str| {
                one(
                    region,
                    "",
                    &workload,
                    &format!("{app}\n{db}\nnetwork = {{ azs = {azs} }}"),
                )
            };
            assert!(!has(&at("1"), "data_transfer.cross_az"), "{region} {name}");
            let two = at("2");
            assert_eq!(quantity_sum(&two, "data_transfer.cross_az"), d("25"));
            assert_eq!(
                cents(&two, "data_transfer.cross_az"),
                "0.25",
                "{region} {name}"
            );
            assert_eq!(
                cents(&at("3"), "data_transfer.cross_az"),
                "0.33",
                "{region} {name}"
            );
        }
    }
}

/// Older scenarios stay valid: `extras.nat_gateways` sets the NAT count (not one more), and a
/// VPC Lambda's NAT gateway and `nat_kb_per_request` data move to the network tier.
/// us-east-1: 2 x 730 x $0.045 = $65.70. Lambda: 730 x $0.045 = $32.85; 10 GB x $0.045 = $0.45.
#[test]
fn older_nat_keys_fold_into_the_network_model() {
    let a = one(
        "us-east-1",
        "",
        TEN_GB_OF_KB,
        "app = { service = \"fargate\", vcpu = 0.5, memory_gb = 1, tasks = 2 }\nextras = { nat_gateways = 2 }",
    );
    assert_eq!(cents(&a, "nat.hours"), "65.70");
    let l = one(
        "us-east-1",
        "",
        TEN_GB_OF_KB,
        "app = { service = \"lambda\", vpc = true, nat_kb_per_request = 1 }",
    );
    assert_eq!(cents(&l, "nat.hours"), "32.85");
    assert_eq!(cents(&l, "nat.data"), "0.45");
    assert_eq!(tier_of(&l, "nat.data"), "network");
}

/// Bad input: exit 2 naming the file, line and key with a fix.
#[test]
fn bad_bill_input_is_refused_with_a_fix() {
    for (workload, tiers, needle) in [
        ("log_kb_per_request = -1", "app = { service = \"lambda\" }", "log_kb_per_request"),
        ("log_kb_per_request = 5000", "app = { service = \"lambda\" }", "largest value"),
        (
            "",
            "app = { service = \"fargate\", vcpu = 0.5, memory_gb = 1, tasks = 1 }\nnetwork = { azs = 0 }",
            "network.azs",
        ),
        (
            "",
            "app = { service = \"fargate\", vcpu = 0.5, memory_gb = 1, tasks = 1 }\nnetwork = { vpc_endpoints = [\"ecrr\"] }",
            "did you mean \"ecr\"",
        ),
        (
            "",
            "web = { service = \"api-gateway\" }\napp = { service = \"lambda\" }\nnetwork = { egress = \"nat\" }",
            "nothing in this architecture runs in private subnets",
        ),
    ] {
        let text = scenario("us-east-1", "", &format!("{TEN_GB_OF_KB}\n{workload}"), tiers);
        let msg = eval_err(&text);
        assert!(msg.contains(needle), "{msg}");
        assert!(msg.contains("hint:"), "{msg}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, &text).unwrap();
        let out = bin().arg("validate").arg(&path).assert().code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(err.contains("bad.toml:"), "{err}");
        assert!(
            err.split("bad.toml:").nth(1).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())),
            "no line number: {err}"
        );
    }
}
