//! Decision commands: sweep, exact break-even, diff, workload ranges and sensitivity.
use archcost::breakeven::{self, Crossing};
use archcost::compare;
use archcost::pricing::bundled;
use archcost::scenario::{self, Scenario};
use archcost::sweep;
use assert_cmd::Command;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::str::FromStr;

const THREE_TIER: &str = "scenarios/three-tier.toml";

fn archcost() -> Command {
    Command::cargo_bin("archcost").unwrap()
}

fn parse(text: &str) -> Scenario {
    scenario::parse("test.toml", text, bundled::catalog()).unwrap()
}

fn three_tier() -> Scenario {
    parse(&std::fs::read_to_string(THREE_TIER).unwrap())
}

fn total_at(s: &Scenario, key: &str, x: Decimal, arch: &str) -> Decimal {
    let mut w = s.clone();
    sweep::set_key_in(&mut w, bundled::catalog(), key, x).unwrap();
    compare::totals(&w, bundled::catalog())
        .unwrap()
        .into_iter()
        .find(|(n, _)| n == arch)
        .unwrap()
        .1
}

/// The order of the two architectures flips at the crossing: `between.0` is strictly cheaper
/// just below the value and not cheaper just above it.
fn assert_flips(s: &Scenario, key: &str, c: &Crossing) {
    let eps = (c.value.abs() * dec!(0.000000001)).max(dec!(0.000001));
    let (a, b) = (&c.between.0, &c.between.1);
    let below = total_at(s, key, c.value - eps, a) - total_at(s, key, c.value - eps, b);
    let above = total_at(s, key, c.value + eps, a) - total_at(s, key, c.value + eps, b);
    assert!(
        below < Decimal::ZERO,
        "{a} not cheaper just below {}: {below}",
        c.value
    );
    assert!(
        above > Decimal::ZERO,
        "{a} not dearer just above {}: {above}",
        c.value
    );
}

// ---------------------------------------------------------------- sweep

#[test]
fn sweep_values_match_compare_at_the_same_points() {
    let out = archcost()
        .args([
            "sweep",
            THREE_TIER,
            "--vary",
            "workload.duration_ms",
            "--from",
            "50",
            "--to",
            "250",
            "--steps",
            "3",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "workload.duration_ms,serverless_monthly_usd,containers_monthly_usd,traditional_monthly_usd"
    );
    assert_eq!(lines.len(), 4, "header + one row per step");
    let original = std::fs::read_to_string(THREE_TIER).unwrap();
    for (row, ms) in lines[1..].iter().zip(["50", "150", "250"]) {
        let cols: Vec<&str> = row.split(',').collect();
        assert_eq!(cols.len(), 4);
        assert_eq!(cols[0], ms);
        // The same point priced by `compare` from an edited scenario file.
        let edited = original.replace("duration_ms = 120 ", &format!("duration_ms = {ms} "));
        assert_ne!(edited, original);
        let rep = compare::evaluate(&parse(&edited), bundled::catalog()).unwrap();
        for (i, arch) in rep.architectures.iter().enumerate() {
            assert_eq!(Decimal::from_str(cols[i + 1]).unwrap(), arch.monthly_usd);
        }
    }
}

#[test]
fn sweep_json_shape_and_log_steps() {
    let out = archcost()
        .args([
            "sweep",
            THREE_TIER,
            "--vary",
            "workload.requests_per_month",
            "--from",
            "1e5",
            "--to",
            "1e9",
            "--steps",
            "5",
            "--log",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "archcost/sweep/1");
    assert_eq!(v["vary"], "workload.requests_per_month");
    let values: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        values,
        ["100000", "1000000", "10000000", "100000000", "1000000000"]
    );
    // 1e6 requests, serverless: checked against a direct evaluation.
    let s = three_tier();
    let want = total_at(
        &s,
        "workload.requests_per_month",
        dec!(1000000),
        "serverless",
    );
    assert_eq!(
        v["rows"][1]["monthly_usd"]["serverless"],
        archcost::money::exact(want)
    );
}

#[test]
fn sweep_writes_an_svg_chart_and_refuses_png() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("c.svg");
    archcost()
        .args([
            "sweep",
            THREE_TIER,
            "--vary",
            "workload.requests_per_month",
            "--from",
            "1e5",
        ])
        .args(["--to", "1e9", "--log", "--chart"])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains("serverless") && text.contains("polyline"));
    archcost()
        .args([
            "sweep",
            THREE_TIER,
            "--vary",
            "workload.requests_per_month",
            "--from",
            "1",
        ])
        .args(["--to", "2", "--chart"])
        .arg(dir.path().join("c.png"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("PNG"));
}

#[test]
fn set_key_reaches_architecture_keys_and_clears_the_other_volume() {
    let mut s = three_tier();
    sweep::set_key(&mut s, "architecture.serverless.app.memory_mb", dec!(2048)).unwrap();
    match &s.architectures[0].app {
        Some(scenario::Service::Lambda(l)) => assert_eq!(l.memory_mb, dec!(2048)),
        other => panic!("unexpected {other:?}"),
    }
    sweep::set_key(&mut s, "workload.requests_per_second", dec!(5)).unwrap();
    assert_eq!(s.workload.requests_per_month, None);
    assert_eq!(s.workload.requests_per_second, Some(dec!(5)));
    let err =
        sweep::set_key(&mut s, "architecture.serverless.app.memory_mb", dec!(64)).unwrap_err();
    assert!(err.to_string().contains("memory_mb"), "{err}");
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn steps_are_inclusive_and_checked() {
    assert_eq!(
        sweep::steps(dec!(0), dec!(10), 3, false).unwrap(),
        vec![dec!(0), dec!(5), dec!(10)]
    );
    assert!(sweep::steps(dec!(1), dec!(0), 3, false).is_err());
    assert!(sweep::steps(dec!(0), dec!(1), 0, false).is_err());
    assert!(sweep::steps(dec!(0), dec!(1), 3, true).is_err()); // log needs from > 0
}

#[test]
fn bad_sweep_input_exits_2_with_a_hint() {
    archcost()
        .args([
            "sweep",
            THREE_TIER,
            "--vary",
            "workload.request_per_month",
            "--from",
            "1",
            "--to",
            "2",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "did you mean `workload.requests_per_month`",
        ));
    archcost()
        .args([
            "sweep",
            THREE_TIER,
            "--vary",
            "workload.duration_ms",
            "--from",
            "10",
            "--to",
            "1",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("greater than --to"));
    archcost()
        .args([
            "sweep",
            THREE_TIER,
            "--vary",
            "workload.duration_ms",
            "--from",
            "1",
            "--to",
            "2",
        ])
        .args(["--steps", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("at least 1 step"));
    archcost()
        .args([
            "sweep",
            THREE_TIER,
            "--vary",
            "workload.duration_ms",
            "--from",
            "-5",
            "--to",
            "2",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("negative"));
}

// ---------------------------------------------------------------- break-even

#[test]
fn breakeven_three_tier_serverless_containers_flips() {
    let s = three_tier();
    let key = "workload.requests_per_month";
    let (from, to) = breakeven::default_range(&s, key).unwrap();
    assert_eq!((from, to), (dec!(30000), dec!(30000000000)));
    let found = breakeven::breakeven(
        &s,
        bundled::catalog(),
        key,
        from,
        to,
        Some(("serverless".into(), "containers".into())),
    )
    .unwrap();
    assert!(!found.is_empty());
    for c in &found {
        assert_flips(&s, key, c);
    }
    assert_eq!(found[0].between, ("serverless".into(), "containers".into()));
    // Every pair, each crossing verified.
    let all = breakeven::breakeven(&s, bundled::catalog(), key, from, to, None).unwrap();
    assert!(all.len() >= 2);
    for c in &all {
        assert_flips(&s, key, c);
    }
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

#[test]
fn breakeven_hand_computed_lambda_vs_fixed_ec2() {
    let s = parse(HAND);
    let key = "workload.requests_per_month";
    let found = breakeven::breakeven(
        &s,
        bundled::catalog(),
        key,
        dec!(1000),
        dec!(1000000000),
        None,
    )
    .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let c = &found[0];
    assert_eq!(c.between, ("lambda".into(), "ec2".into()));
    assert!(!c.step);
    let want = dec!(37542790.102160531856193113940);
    assert!(
        (c.value - want).abs() < dec!(0.0000000001),
        "{} vs {want}",
        c.value
    );
    assert!((c.monthly_usd - dec!(70.08)).abs() < dec!(0.0000000001));
    assert_flips(&s, key, c);
    // The CLI says it in words and in the JSON of DESIGN §3.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.toml");
    std::fs::write(&path, HAND).unwrap();
    let out = archcost()
        .arg("breakeven")
        .arg(&path)
        .args(["--vary", key, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "archcost/breakeven/1");
    assert_eq!(
        v["breakeven"][0]["between"],
        serde_json::json!(["lambda", "ec2"])
    );
    assert!(v["breakeven"][0]["value"]
        .as_str()
        .unwrap()
        .starts_with("37542790.1021605318"));
    archcost()
        .arg("breakeven")
        .arg(&path)
        .args(["--vary", key])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "lambda is cheaper below 37.54M requests/month; ec2 above",
        ));
}

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

/// Fargate 0.25 vCPU / 0.5 GB scaled at 10 rps per task (flat profile, 720 h) against one
/// t3.small, us-east-1. A task-month = 720 x (0.25 x 0.04048 + 0.5 x 0.004445) = $8.8866;
/// the t3.small = 720 x 0.0208 = $14.976. One task is cheaper, two are dearer: the order
/// flips where the second task starts, just above 10 rps = 10 x 720 x 3600 = 25,920,000
/// requests/month (at exactly 10 rps ceil(10/10) = 1 task).
const STEP: &str = r#"
name = "step"
region = "us-east-1"
[assumptions]
hours_per_month = 720
[workload]
requests_per_month = 1_000_000
[[architecture]]
name = "fargate"
app = { service = "fargate", vcpu = 0.25, memory_gb = 0.5, rps_per_task = 10, min_tasks = 1 }
[[architecture]]
name = "ec2"
app = { service = "ec2", instance = "t3.small", count = 1 }
"#;

#[test]
fn breakeven_at_a_fargate_task_step() {
    let s = parse(STEP);
    let key = "workload.requests_per_month";
    assert_eq!(total_at(&s, key, dec!(25920000), "fargate"), dec!(8.8866));
    assert_eq!(total_at(&s, key, dec!(25920000), "ec2"), dec!(14.976));
    let found = breakeven::breakeven(
        &s,
        bundled::catalog(),
        key,
        dec!(1000000),
        dec!(40000000),
        None,
    )
    .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let c = &found[0];
    assert!(c.step);
    assert_eq!(c.between, ("fargate".into(), "ec2".into()));
    assert_eq!(c.value, dec!(25920000));
    assert_flips(&s, key, c);
}

#[test]
fn breakeven_bad_input() {
    archcost()
        .args(["breakeven", THREE_TIER, "--vary", "workload.duration_ms"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--from and --to"));
    archcost()
        .args([
            "breakeven",
            THREE_TIER,
            "--vary",
            "workload.requests_per_month",
        ])
        .args(["--between", "serverles,containers"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `serverless`"));
    archcost()
        .args([
            "breakeven",
            THREE_TIER,
            "--vary",
            "workload.requests_per_month",
        ])
        .args(["--from", "10", "--to", "1"])
        .assert()
        .code(2);
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
