//! Bad input: every validation rule gives exit 2 with a message naming where and what to do.
use crate::util::*;

const OK_WORKLOAD: &str = "requests_per_month = 1000";

fn lambda(extra: &str) -> String {
    scenario(
        "us-east-1",
        "",
        OK_WORKLOAD,
        &format!("app = {{ service = \"lambda\"{extra} }}"),
    )
}

fn fargate(extra: &str) -> String {
    scenario(
        "us-east-1",
        "",
        OK_WORKLOAD,
        &format!("app = {{ service = \"fargate\", {extra} }}"),
    )
}

/// (case, scenario text, substrings the message must contain)
fn cases() -> Vec<(&'static str, String, Vec<&'static str>)> {
    vec![
        ("empty file", String::new(), vec!["empty", "archcost init"]),
        ("broken TOML", "name = \"x\nregion = 1".into(), vec!["test.toml:1:"]),
        ("unknown top-level key", format!("nmae = \"x\"\n{}", lambda("")), vec!["unknown field `nmae`", "did you mean `name`?"]),
        ("unknown workload key", scenario("us-east-1", "", "requests_per_month = 1\nreqest_kb = 2", "app = { service = \"lambda\" }"), vec!["test.toml:7:1", "did you mean `request_kb`?"]),
        ("unknown service", scenario("us-east-1", "", OK_WORKLOAD, "app = { service = \"lamda\" }"), vec!["unknown variant `lamda`", "did you mean `lambda`?"]),
        ("unknown service key", lambda(", memory = 512"), vec!["unknown field `memory`", "memory_mb"]),
        ("unknown region", scenario("us-east-9", "", OK_WORKLOAD, "app = { service = \"lambda\" }"), vec!["`region`", "us-east-9", "did you mean `us-east-1` (US East (N. Virginia))?"]),
        ("region without prices", scenario("us-gov-west-1", "", OK_WORKLOAD, "app = { service = \"lambda\" }"), vec!["us-gov-west-1", "GovCloud", "pricing fetch"]),
        ("region named but not priced", scenario("Beijing", "", OK_WORKLOAD, "app = { service = \"lambda\" }"), vec!["`cn-north-1` (China (Beijing))", "pricing fetch --region cn-north-1"]),
        ("lambda memory too small", lambda(", memory_mb = 64"), vec!["app.memory_mb", "128 to 10240"]),
        ("lambda memory too large", lambda(", memory_mb = 10241"), vec!["app.memory_mb", "128 to 10240"]),
        ("lambda /tmp too small", lambda(", ephemeral_storage_mb = 100"), vec!["ephemeral_storage_mb", "512 to 10240"]),
        ("lambda share above 1", lambda(", provisioned_concurrency = 1, provisioned_requests_share = 1.5"), vec!["provisioned_requests_share", "0 to 1"]),
        ("fargate invalid combination", fargate("vcpu = 0.25, memory_gb = 4, tasks = 1"), vec!["0.25 vCPU with 4 GB", "valid sizes"]),
        ("fargate storage above 200", fargate("vcpu = 1, memory_gb = 2, tasks = 1, ephemeral_storage_gb = 300"), vec!["ephemeral_storage_gb", "20 to 200"]),
        ("fargate spot share above 1", fargate("vcpu = 1, memory_gb = 2, tasks = 1, spot_share = 1.5"), vec!["spot_share", "0 to 1"]),
        ("fargate windows on arm", fargate("vcpu = 1, memory_gb = 2, tasks = 1, os = \"windows\", arch = \"arm64\""), vec!["x86_64 only"]),
        ("fargate without tasks", fargate("vcpu = 1, memory_gb = 2"), vec!["task count is missing"]),
        ("negative requests", scenario("us-east-1", "", "requests_per_month = -5", "app = { service = \"lambda\" }"), vec!["workload.requests_per_month", "negative"]),
        ("both volumes", scenario("us-east-1", "", "requests_per_month = 5\nrequests_per_second = 1", "app = { service = \"lambda\" }"), vec!["keep exactly one"]),
        ("no volume", scenario("us-east-1", "", "duration_ms = 5", "app = { service = \"lambda\" }"), vec!["requests_per_month", "missing"]),
        ("unknown EC2 instance", scenario("us-east-1", "", OK_WORKLOAD, "web = { service = \"ec2\", instance = \"t3.smal\", count = 1 }"), vec!["t3.smal", "did you mean `t3.small`?"]),
        ("unknown RDS instance", scenario("us-east-1", "", OK_WORKLOAD, "db = { service = \"rds\", engine = \"mysql\", instance = \"db.m6g.lage\" }"), vec!["db.m6g.lage", "never guessed", "did you mean `db.m6g.large`?"]),
        ("RDS class not sold in the region", scenario("af-south-1", "", OK_WORKLOAD, "db = { service = \"rds\", engine = \"mysql\", instance = \"db.m7g.large\" }"), vec!["not in the bundled catalog (snapshot", "db.m7g.large", "af-south-1 (Africa (Cape Town))", "priced in", "pricing fetch --region af-south-1 --services rds"]),
        ("io1 without iops", scenario("us-east-1", "", OK_WORKLOAD, "db = { service = \"rds\", engine = \"postgresql\", instance = \"db.m6g.large\", storage_type = \"io1\" }"), vec!["db.iops", "add iops"]),
        ("storage type on Aurora", scenario("us-east-1", "", OK_WORKLOAD, "db = { service = \"rds\", engine = \"aurora-mysql\", instance = \"db.r6g.large\", storage_type = \"gp3\" }"), vec!["db.storage_type", "Aurora"]),
        ("JPY without rate", scenario("us-east-1", "currency = \"JPY\"", OK_WORKLOAD, "app = { service = \"lambda\" }"), vec!["assumptions.usd_jpy", "usd_jpy = 150.0"]),
        ("unknown profile", scenario("us-east-1", "", "requests_per_month = 1\nprofile = \"busines-hours\"", "app = { service = \"lambda\" }"), vec!["did you mean `business-hours`?"]),
        ("23 profile weights", scenario("us-east-1", "", &format!("requests_per_month = 1\nprofile = [{}]", vec!["1"; 23].join(",")), "app = { service = \"lambda\" }"), vec!["23 hourly weights", "expected 24"]),
        ("invalid cache size", scenario("us-east-1", "", OK_WORKLOAD, "web = { service = \"api-gateway\", cache_gb = 2 }"), vec!["cache_gb", "0.5, 1.6"]),
        ("WAF on an HTTP API", scenario("us-east-1", "", OK_WORKLOAD, "web = { service = \"api-gateway\", api = \"http\", waf_rules = 2 }"), vec!["WAF", "REST"]),
        ("edge HTTP API", scenario("us-east-1", "", OK_WORKLOAD, "web = { service = \"api-gateway\", api = \"http\", endpoint = \"edge\" }"), vec!["only REST APIs"]),
        ("hours per month above 744", scenario("us-east-1", "hours_per_month = 800", OK_WORKLOAD, "app = { service = \"lambda\" }"), vec!["hours_per_month", "1 to 744"]),
        ("string where a number goes", lambda(", memory_mb = \"big\""), vec!["memory_mb", "a number"]),
        ("architecture without tiers", scenario("us-east-1", "", OK_WORKLOAD, ""), vec!["has no tier"]),
        ("duplicate architecture names", format!("{}[[architecture]]\nname = \"a\"\napp = {{ service = \"lambda\" }}\n", lambda("")), vec!["used twice"]),
        ("max below min", scenario("us-east-1", "", OK_WORKLOAD, "web = { service = \"ec2\", instance = \"t3.small\", rps_per_instance = 10, min = 3, max = 2 }"), vec!["max (2) is below min (3)"]),
        ("rcu with on-demand", scenario("us-east-1", "", OK_WORKLOAD, "db = { service = \"dynamodb\", rcu = 5 }"), vec!["provisioned capacity"]),
        ("missing name", "region = \"us-east-1\"\n[workload]\nrequests_per_month = 1\n".into(), vec!["missing field `name`", "add `name = ...`"]),
    ]
}

#[test]
fn every_bad_input_is_a_clear_error() {
    let all = cases();
    assert!(all.len() >= 15);
    for (case, text, needles) in all {
        let msg = eval_err(&text);
        for n in needles {
            assert!(msg.contains(n), "case `{case}`: expected `{n}` in:\n{msg}");
        }
        assert!(
            !msg.contains("panicked") && !msg.contains("Error {"),
            "case `{case}`: debug dump in {msg}"
        );
    }
}

#[test]
fn bad_inputs_exit_2_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (case, text, _)) in cases().into_iter().enumerate() {
        let path = dir.path().join(format!("case{i}.toml"));
        std::fs::write(&path, text).unwrap();
        let out = bin().arg("compare").arg(&path).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "case `{case}`: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: "), "case `{case}`: {err}");
        assert!(
            err.contains(&format!("case{i}.toml")),
            "case `{case}` must name the file: {err}"
        );
    }
}

#[test]
fn binary_garbage_and_missing_file_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.toml");
    std::fs::write(&garbage, [0xff_u8, 0xfe, 0x00, 0x81, 0x9f, 0x12, 0x00]).unwrap();
    let out = bin().arg("compare").arg(&garbage).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    let out = bin()
        .arg("validate")
        .arg(dir.path().join("nope.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
    let out = bin().arg("compare").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Arbitrary text never panics the parser: it is either a scenario or an error.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = archcost::scenario::parse("fuzz.toml", &text, archcost::pricing::bundled::catalog());
    }

    /// Any in-range workload prices without error and totals stay non-negative.
    #[test]
    fn any_valid_workload_prices(requests in 0u64..10_000_000_000_000, kb in 0u32..100_000, ms in 0u32..900_000) {
        let text = format!(
            "name = \"p\"\nregion = \"ap-northeast-1\"\n[workload]\nrequests_per_month = {requests}\nresponse_kb = {kb}\nrequest_kb = {kb}\nduration_ms = {ms}\ndb_reads_per_request = 3\nitem_kb = 7\n[[architecture]]\nname = \"s\"\nweb = {{ service = \"api-gateway\", api = \"http\" }}\napp = {{ service = \"lambda\", memory_mb = 10240 }}\ndb = {{ service = \"dynamodb\" }}\n[[architecture]]\nname = \"c\"\nweb = {{ service = \"alb\" }}\napp = {{ service = \"fargate\", vcpu = 16, memory_gb = 120, rps_per_task = 1 }}\n"
        );
        let s = archcost::scenario::parse("p.toml", &text, archcost::pricing::bundled::catalog()).unwrap();
        let rep = archcost::compare::evaluate(&s, archcost::pricing::bundled::catalog()).unwrap();
        for a in rep.architectures {
            proptest::prop_assert!(a.monthly_usd >= rust_decimal::Decimal::ZERO);
        }
    }
}

#[test]
fn extreme_values_are_errors_not_overflows() {
    for (case, text, needle) in [
        (
            "huge weights",
            scenario(
                "us-east-1",
                "",
                &format!(
                    "requests_per_month = 1e15\nprofile = [{}]",
                    vec!["1e19"; 24].join(",")
                ),
                "app = { service = \"lambda\" }",
            ),
            "weights must be between",
        ),
        (
            "tiny rps per task",
            scenario(
                "us-east-1",
                "",
                "requests_per_second = 1e9",
                "app = { service = \"fargate\", vcpu = 1, memory_gb = 2, rps_per_task = 1e-20 }",
            ),
            "0.001 to 10,000,000",
        ),
        (
            "huge volume",
            scenario(
                "us-east-1",
                "",
                "requests_per_month = 1e30",
                "app = { service = \"lambda\" }",
            ),
            "out of range",
        ),
        (
            "infinite",
            scenario(
                "us-east-1",
                "",
                "requests_per_month = inf",
                "app = { service = \"lambda\" }",
            ),
            "out of range",
        ),
    ] {
        let msg = eval_err(&text);
        assert!(msg.contains(needle), "{case}: {msg}");
    }
}

#[test]
fn largest_allowed_values_price_without_overflow() {
    let workload = "requests_per_month = 1e15\nprofile = \"spiky\"\npeak_to_average = 1000\nduration_ms = 86_400_000\nrequest_kb = 10_485_760\nresponse_kb = 10_485_760\ndb_reads_per_request = 10000\ndb_writes_per_request = 10000\nitem_kb = 1_048_576\nstorage_gb = 1e9";
    let archs = [
        "web = { service = \"api-gateway\", cache_gb = 237, waf_rules = 1000 }\napp = { service = \"lambda\", memory_mb = 10240, ephemeral_storage_mb = 10240, provisioned_concurrency = 1000000, provisioned_requests_share = 1, vpc = true, nat_gateways = 100 }\ndb = { service = \"dynamodb\", capacity = \"provisioned\", consistency = \"strong\" }",
        "web = { service = \"api-gateway\", api = \"websocket\", average_connections = 100000000 }\napp = { service = \"lambda\", invocation = \"async\" }\ndb = { service = \"dynamodb\", table_class = \"standard-ia\" }",
        "web = { service = \"api-gateway\", endpoint = \"private\", private_endpoint_azs = 6 }",
        "web = { service = \"alb\", count = 1000, rules = 10000, waf_rules = 1000, connection_duration_s = 4000 }\napp = { service = \"fargate\", vcpu = 16, memory_gb = 120, rps_per_task = 0.001, os = \"windows\", ephemeral_storage_gb = 200 }\ndb = { service = \"rds\", engine = \"postgresql\", instance = \"db.r6g.large\", multi_az = true, storage_gb = 65536 }",
        "web = { service = \"ec2\", instance = \"m5.xlarge\", rps_per_instance = 0.001, ebs_gb = 1000000 }\napp = { service = \"fargate\", vcpu = 0.25, memory_gb = 0.5, tasks = 100000, platform = \"eks\" }\nextras = { nat_gateways = 1e15, ecr_gb = 1e15, eks_clusters = 1e15, data_transfer_out_gb = 1e15 }",
    ];
    for tiers in archs {
        let rep = eval(&scenario(
            "ap-northeast-1",
            "hours_per_month = 744\nfree_tier = true",
            workload,
            tiers,
        ));
        assert!(rep.architectures[0].monthly_usd > d("0"));
    }
}

#[test]
fn endless_input_is_refused_not_read_forever() {
    // /dev/zero never ends: it is refused as a device before a byte is read, exit 2.
    let out = bin().arg("validate").arg("/dev/zero").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

#[test]
fn semantic_errors_carry_line_and_column() {
    // Line 9 is the tier line of `scenario()`; column 41 is where `memory_mb`'s value starts.
    let msg = eval_err(&lambda(", memory_mb = 64"));
    assert!(
        msg.starts_with("test.toml:9:41: `architecture[0] (a).app.memory_mb`"),
        "{msg}"
    );
    // A missing key points at its closest parent (the `app` inline table).
    let msg = eval_err(&fargate("vcpu = 1, memory_gb = 2"));
    assert!(
        msg.starts_with("test.toml:9:7: `architecture[0] (a).app.tasks`"),
        "{msg}"
    );
    // Workload keys in a [table] section.
    let msg = eval_err(&scenario(
        "us-east-1",
        "",
        "requests_per_month = -5",
        "app = { service = \"lambda\" }",
    ));
    assert!(
        msg.starts_with("test.toml:6:22: `workload.requests_per_month`"),
        "{msg}"
    );
}
