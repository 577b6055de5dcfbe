//! Decision commands: scenario diff, workload ranges, sensitivity, and break-even without a
//! crossing (sweep and break-even exactness are in `sweeps.rs`).
use archcost::compare;
use archcost::pricing::bundled;
use archcost::scenario::{self, Scenario};
use assert_cmd::Command;
use rust_decimal_macros::dec;

const THREE_TIER: &str = "scenarios/three-tier.toml";

fn archcost() -> Command {
    Command::cargo_bin("archcost").unwrap()
}

fn parse(text: &str) -> Scenario {
    scenario::parse("test.toml", text, bundled::catalog()).unwrap()
}

/// Lambda only (x86, 1024 MB, 100 ms, no response bytes) against one m5.large, us-east-1:
/// Lambda per request = $0.0000002 + 0.1 s x 1 GB x $0.0000166667 = $0.00000186667;
/// EC2 = 730 h x $0.096 = $70.08 a month. Equal at N = 70.08 / 0.00000186667
/// = 37,542,790.1021605318561931139... requests (3.75M GB-s: inside the first duration tier).
const HAND: &str = r#"
name = "hand"
region = "us-east-1"
[workload]
requests_per_month = 1_000_000
duration_ms = 100
[[architecture]]
name = "lambda"
app = { service = "lambda", memory_mb = 1024 }
[[architecture]]
name = "ec2"
app = { service = "ec2", instance = "m5.large", count = 1 }
"#;

// ---------------------------------------------------------------- break-even

#[test]
fn breakeven_without_crossing_is_an_empty_list() {
    let out = archcost()
        .args([
            "breakeven",
            THREE_TIER,
            "--vary",
            "workload.requests_per_month",
        ])
        .args([
            "--from",
            "1e5",
            "--to",
            "1e6",
            "--between",
            "serverless,traditional",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["breakeven"], serde_json::json!([]));
}

// ---------------------------------------------------------------- diff

fn diff_json(args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = archcost()
        .arg("diff")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn diff_of_a_changed_memory_size() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.toml");
    let text = std::fs::read_to_string(THREE_TIER).unwrap();
    let edited = text.replace("memory_mb = 1024", "memory_mb = 2048");
    assert_ne!(edited, text);
    std::fs::write(&b, edited).unwrap();
    let v = diff_json(&[THREE_TIER.as_ref(), b.as_os_str()]);
    assert_eq!(v["schema"], "archcost/diff/1");
    let arch = &v["architectures"][0];
    assert_eq!(arch["name"], "serverless");
    assert_eq!(arch["status"], "changed");
    // 30M requests x 0.12 s = 3.6M s; 1 GB -> 2 GB doubles 3.6M GB-s to 7.2M GB-s, all in the
    // first arm64 tier at $0.0000133334: delta = 3,600,000 x 0.0000133334 = $48.00024.
    assert_eq!(arch["delta_usd"], "48.00024");
    let lines = arch["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["change"], "changed");
    assert_eq!(lines[0]["id"], "lambda.duration");
    assert_eq!(lines[0]["quantity_a"], "3600000");
    assert_eq!(lines[0]["quantity_b"], "7200000");
    assert_eq!(lines[0]["monthly_usd_b"], "96.00048");
    assert_eq!(v["architectures"][1]["status"], "unchanged");
    // Markdown for a review.
    archcost()
        .args(["diff", THREE_TIER])
        .arg(&b)
        .args(["--format", "markdown"])
        .assert()
        .success()
        .stdout(predicates::str::contains("| serverless | changed |"))
        .stdout(predicates::str::contains("+$48.00"));
}

#[test]
fn diff_of_one_scenario_under_two_catalogs() {
    let dir = tempfile::tempdir().unwrap();
    // One changed price: Lambda arm64 requests in Tokyo from $0.0000002 to $0.0000003.
    std::fs::write(
        dir.path().join("catalog.csv"),
        "key,region,unit,tier_begin,tier_end,usd,sku,effective,source\n\
         lambda.requests.arm64,ap-northeast-1,request,0,,0.0000003,TEST,2026-12-01,test fixture\n",
    )
    .unwrap();
    let v = diff_json(&[
        THREE_TIER.as_ref(),
        THREE_TIER.as_ref(),
        "--pricing-b".as_ref(),
        dir.path().as_os_str(),
    ]);
    let arch = &v["architectures"][0];
    // 30,000,000 requests x $0.0000001 more = $3; old line $6.
    assert_eq!(arch["delta_usd"], "3");
    let lines = arch["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "lambda.requests");
    assert_eq!(lines[0]["unit_price_usd_a"], "0.0000002");
    assert_eq!(lines[0]["unit_price_usd_b"], "0.0000003");
    assert_eq!(lines[0]["monthly_usd_a"], "6");
    assert_eq!(v["b"]["effective"], "2026-12-01");
}

// ---------------------------------------------------------------- ranges and sensitivity

fn with_ranged_requests(low: &str, expected: &str, high: &str) -> String {
    HAND.replace(
        "requests_per_month = 1_000_000",
        &format!("requests_per_month = {{ low = {low}, expected = {expected}, high = {high} }}"),
    )
}

#[test]
fn ranges_give_low_expected_high_totals() {
    let s = parse(&with_ranged_requests("1e6", "3e6", "1e7"));
    assert_eq!(s.workload.requests_per_month, Some(dec!(3000000)));
    let rep = compare::evaluate(&s, bundled::catalog()).unwrap();
    // Lambda: N x $0.00000186667; EC2 is fixed at $70.08.
    let r = rep.architectures[0].range.as_ref().unwrap();
    assert_eq!(r.low_usd, dec!(1.86667));
    assert_eq!(r.expected_usd, dec!(5.60001));
    assert_eq!(r.high_usd, dec!(18.6667));
    let r = rep.architectures[1].range.as_ref().unwrap();
    assert_eq!((r.low_usd, r.high_usd), (dec!(70.08), dec!(70.08)));
    let json: serde_json::Value =
        serde_json::from_slice(&archcost::report::json::render(&rep)).unwrap();
    assert_eq!(json["architectures"][0]["range"]["high_usd"], "18.6667");
    // Without ranges there is no `range` object.
    let plain = compare::evaluate(&parse(HAND), bundled::catalog()).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&archcost::report::json::render(&plain)).unwrap();
    assert!(json["architectures"][0].get("range").is_none());
}

#[test]
fn range_out_of_order_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, with_ranged_requests("1e7", "3e6", "1e6")).unwrap();
    archcost()
        .arg("compare")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("low <= expected <= high"))
        .stderr(predicates::str::contains("bad.toml:5:"));
    std::fs::write(&path, with_ranged_requests("-1", "3e6", "1e7")).unwrap();
    archcost()
        .arg("compare")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("low end"));
}

#[test]
fn sensitivity_ranks_inputs_by_swing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.toml");
    std::fs::write(&path, HAND).unwrap();
    let out = archcost()
        .arg("sensitivity")
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "archcost/sensitivity/1");
    let lambda = &v["architectures"][0]["inputs"];
    // +/-20 % of 1M requests: 0.8M and 1.2M x $0.00000186667 -> swing $0.746668.
    assert_eq!(lambda[0]["key"], "workload.requests_per_month");
    assert_eq!(lambda[0]["swing_usd"], "0.746668");
    // +/-20 % of 100 ms: 80 and 120 ms -> 1M x 0.04 s x 1 GB x $0.0000166667 = $0.666668.
    assert_eq!(lambda[1]["key"], "workload.duration_ms");
    assert_eq!(lambda[1]["swing_usd"], "0.666668");
    // A fixed EC2 instance does not move.
    assert_eq!(v["architectures"][1]["inputs"][0]["swing_usd"], "0");
    archcost()
        .arg("sensitivity")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains("█"));
}
