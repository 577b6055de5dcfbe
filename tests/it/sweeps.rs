//! Sweeps and exact break-even: sweep values equal `compare`, crossings verified on both sides,
//! a hand-solved crossing, a step, no crossing, and bad input.
use crate::util::*;
use archcost::breakeven::{breakeven, CrossingKind};
use archcost::pricing::bundled;
use archcost::scenario;
use archcost::sweep;
use rust_decimal::Decimal;

fn three_tier() -> archcost::scenario::Scenario {
    let text = std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap();
    scenario::parse("three-tier.toml", &text, bundled::catalog()).unwrap()
}

fn costs_at(s: &archcost::scenario::Scenario, key: &str, x: Decimal) -> Vec<Decimal> {
    let mut v = s.clone();
    sweep::set_key(&mut v, key, x).unwrap();
    archcost::compare::evaluate(&v, bundled::catalog())
        .unwrap()
        .architectures
        .iter()
        .map(|a| a.monthly_usd)
        .collect()
}

#[test]
fn sweep_values_equal_compare_at_the_same_points() {
    let s = three_tier();
    let key = "workload.requests_per_month";
    let values = sweep::steps(d("1e6"), d("1e9"), 7, true).unwrap();
    let rows = sweep::sweep(&s, bundled::catalog(), key, &values).unwrap();
    assert_eq!(rows.len(), 7);
    for r in &rows {
        let full = costs_at(&s, key, r.value);
        let swept: Vec<Decimal> = r.monthly_usd.iter().map(|(_, v)| *v).collect();
        assert_eq!(swept, full, "at {}", r.value);
    }
    // The scenario's own point: 30M requests is the three-tier total from `compare`.
    let own = sweep::sweep(&s, bundled::catalog(), key, &[d("30000000")]).unwrap();
    let rep = eval(&std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap());
    assert_eq!(own[0].monthly_usd[0].1, rep.architectures[0].monthly_usd);
}

#[test]
fn sweep_csv_has_the_design_shape() {
    let out = bin()
        .args([
            "sweep",
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
            "csv",
        ])
        .arg(repo().join("scenarios/three-tier.toml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "workload.requests_per_month,serverless,containers,traditional,serverless feasible,containers feasible,traditional feasible"
    );
    assert_eq!(lines.len(), 6);
    assert!(lines[1].starts_with("100000,"));
    assert!(lines[5].starts_with("1000000000,"));
    // Linear steps are exact: 0, 250, 500, 750, 1000.
    let s = sweep::steps(d("0"), d("1000"), 5, false).unwrap();
    assert_eq!(s, vec![d("0"), d("250"), d("500"), d("750"), d("1000")]);
}

#[test]
fn every_breakeven_flips_the_order_on_either_side() {
    let s = three_tier();
    for key in ["workload.requests_per_month", "workload.duration_ms"] {
        let (from, to) = if key.ends_with("month") {
            (d("1e5"), d("1e10"))
        } else {
            (d("1"), d("10000"))
        };
        let crossings = breakeven(&s, bundled::catalog(), key, from, to, None).unwrap();
        assert!(!crossings.is_empty(), "{key}");
        let names: Vec<String> = s.architectures.iter().map(|a| a.name.clone()).collect();
        for c in &crossings {
            let (i, j) = (
                names.iter().position(|n| *n == c.between.0).unwrap(),
                names.iter().position(|n| *n == c.between.1).unwrap(),
            );
            let eps = c.value * d("0.000001");
            let below = costs_at(&s, key, c.value - eps);
            let above = costs_at(&s, key, c.value + eps);
            let (lo_cheaper, hi_cheaper) = (below[i] < below[j], above[i] < above[j]);
            assert_ne!(
                lo_cheaper, hi_cheaper,
                "{key}: {:?} does not flip the order",
                c
            );
            let cheaper_below = if lo_cheaper { &names[i] } else { &names[j] };
            assert_eq!(&c.cheaper_below, cheaper_below);
        }
    }
}

#[test]
fn hand_solved_crossing_lambda_vs_one_ec2() {
    // us-east-1, no free tier, no data out. Lambda x86 128 MB, 100 ms: per request
    // 0.0000002 + 0.1 s x 0.125 GB x 0.0000166667 = 0.00000040833375 USD.
    // One t3.micro: 730 h x 0.0104 = 7.592 USD, plus its 8 GB gp3 root volume (8 x 0.08 = 0.64):
    // 8.232 USD. Lambda: 0.0000002 + 0.125 GB x 0.1 s x 0.0000166667 = 0.00000040833375 per
    // request. Equal at 8.232 / 0.00000040833375 requests.
    let text = "name = \"h\"\nregion = \"us-east-1\"\n[workload]\nrequests_per_month = 1_000_000\nduration_ms = 100\n\
        [[architecture]]\nname = \"lambda\"\napp = { service = \"lambda\", memory_mb = 128, logs = false }\n\
        [[architecture]]\nname = \"ec2\"\napp = { service = \"ec2\", instance = \"t3.micro\", count = 1 }\nnetwork = { egress = \"none\" }\n";
    let s = scenario::parse("h.toml", text, bundled::catalog()).unwrap();
    let c = breakeven(
        &s,
        bundled::catalog(),
        "workload.requests_per_month",
        d("1000"),
        d("1e10"),
        None,
    )
    .unwrap();
    assert_eq!(c.len(), 1);
    let expected = d("8.232") / d("0.00000040833375");
    assert!(
        (c[0].value - expected).abs() < d("0.000000001"),
        "{} vs {expected}",
        c[0].value
    );
    assert_eq!(c[0].kind, CrossingKind::Linear);
    assert_eq!(c[0].cheaper_below, "lambda");
    assert!((c[0].monthly_usd - d("8.232")).abs() < d("0.000000001"));
    // No crossing below 1M requests: empty list (and exit 0 with an empty JSON list).
    assert!(breakeven(
        &s,
        bundled::catalog(),
        "workload.requests_per_month",
        d("1"),
        d("1000000"),
        None
    )
    .unwrap()
    .is_empty());
}

#[test]
fn step_crossing_when_a_task_is_added() {
    // Flat load; Fargate 0.25 vCPU / 0.5 GB at 10 rps per task: one task costs
    // 730 x (0.25 x 0.04048 + 0.5 x 0.004445) = 9.010025, two cost 18.02005; one t3.small costs
    // 730 x 0.0208 = 15.184. The second task starts above 10 rps = 26,280,000 requests a month.
    let text = "name = \"st\"\nregion = \"us-east-1\"\n[workload]\nrequests_per_month = 1_000_000\n\
        [[architecture]]\nname = \"fargate\"\napp = { service = \"fargate\", vcpu = 0.25, memory_gb = 0.5, rps_per_task = 10 }\n\
        [[architecture]]\nname = \"ec2\"\napp = { service = \"ec2\", instance = \"t3.small\", count = 1 }\n";
    let s = scenario::parse("st.toml", text, bundled::catalog()).unwrap();
    let c = breakeven(
        &s,
        bundled::catalog(),
        "workload.requests_per_month",
        d("1e6"),
        d("5e7"),
        None,
    )
    .unwrap();
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].kind, CrossingKind::Step);
    assert_eq!(c[0].value, d("26280000"));
    assert_eq!(c[0].cheaper_below, "fargate");
    assert_eq!(c[0].cheaper_above, "ec2");
}

#[test]
fn breakeven_cli_json_and_sentence() {
    let path = repo().join("scenarios/three-tier.toml");
    let out = bin()
        .args([
            "breakeven",
            "--vary",
            "workload.requests_per_month",
            "--between",
            "serverless,containers",
            "--format",
            "json",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "archcost/breakeven/1");
    assert_eq!(v["vary"], "workload.requests_per_month");
    assert_eq!(v["breakeven"].as_array().unwrap().len(), 1);
    assert_eq!(v["breakeven"][0]["between"][0], "serverless");
    assert!(v["breakeven"][0]["value"].is_string());
    let out = bin()
        .args(["breakeven", "--vary", "workload.requests_per_month"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("serverless is cheaper below 72.464M requests/month; containers above"),
        "{text}"
    );
}

#[test]
fn sweep_chart_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["png", "svg"] {
        let chart = dir.path().join(format!("sweep.{ext}"));
        bin()
            .args([
                "sweep",
                "--vary",
                "architecture.serverless.app.memory_mb",
                "--from",
                "128",
                "--to",
                "4096",
                "--steps",
                "20",
                "--chart",
            ])
            .arg(&chart)
            .arg(repo().join("scenarios/three-tier.toml"))
            .assert()
            .success();
        let bytes = std::fs::read(&chart).unwrap();
        assert!(bytes.len() > 1000, "{ext} chart too small");
    }
}

#[test]
fn sweep_and_breakeven_bad_input_exit_2() {
    let path = repo().join("scenarios/three-tier.toml");
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "sweep",
                "--vary",
                "workload.reqests_per_month",
                "--from",
                "1",
                "--to",
                "2",
            ],
            "did you mean `requests_per_month`?",
        ),
        (
            &[
                "sweep",
                "--vary",
                "workload.requests_per_month",
                "--from",
                "9",
                "--to",
                "2",
            ],
            "expected --from below --to",
        ),
        (
            &[
                "sweep",
                "--vary",
                "workload.requests_per_month",
                "--from",
                "1",
                "--to",
                "2",
                "--steps",
                "1",
            ],
            "at least 2 steps",
        ),
        (
            &[
                "sweep",
                "--vary",
                "workload.requests_per_month",
                "--from",
                "abc",
                "--to",
                "2",
            ],
            "expected a number",
        ),
        (
            &[
                "sweep",
                "--vary",
                "architecture.nope.app.memory_mb",
                "--from",
                "128",
                "--to",
                "256",
            ],
            "no architecture named `nope`",
        ),
        (
            &[
                "sweep",
                "--vary",
                "architecture.serverless.app.memory_mb",
                "--from",
                "64",
                "--to",
                "256",
            ],
            "128 to 10240",
        ),
        (
            &["breakeven", "--vary", "workload.duration_ms"],
            "--from A --to B",
        ),
        (
            &[
                "breakeven",
                "--vary",
                "workload.requests_per_month",
                "--between",
                "serverless,nosuch",
            ],
            "no architecture named `nosuch`",
        ),
    ];
    for (args, needle) in cases {
        let out = bin().args(args).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn sensitivity_markdown_for_reviews() {
    let out = bin()
        .args(["sensitivity", "--format", "markdown"])
        .arg(repo().join("scenarios/three-tier.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# Sensitivity: Order API"));
    assert!(text.contains("## serverless — $145.39 per month at the expected inputs"));
    // The volume moves serverless most: ±20 % of 30M is 24M and 36M (first row of its table).
    let first_row = text
        .lines()
        .find(|l| l.starts_with("| Requests per month"))
        .unwrap();
    assert!(
        first_row.starts_with("| Requests per month | 24,000,000 → "),
        "{first_row}"
    );
    assert!(first_row.contains("| 36,000,000 → "), "{first_row}");
}

/// Chart axis titles are human words in both languages, never the scenario key
/// (`sweep --chart` on linear and log axes, and the report's cost-vs-load chart).
#[test]
fn chart_axis_titles_are_human_in_en_and_ja() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = repo().join("scenarios/three-tier.toml");
    let cases: [(&str, &[&str], &str); 4] = [
        ("en", &[], "Requests per month"),
        ("ja", &[], "月間リクエスト数"),
        ("en", &["--log"], "Requests per month (log scale)"),
        ("ja", &["--log"], "月間リクエスト数（対数目盛）"),
    ];
    for (lang, extra, title) in cases {
        let chart = dir.path().join(format!("sweep-{lang}-{}.svg", extra.len()));
        bin()
            .args(["sweep", "--vary", "workload.requests_per_month"])
            .args(["--from", "1000000", "--to", "100000000", "--steps", "5"])
            .args(["--lang", lang])
            .args(extra)
            .arg("--chart")
            .arg(&chart)
            .arg(&scenario)
            .assert()
            .success();
        let svg = std::fs::read_to_string(&chart).unwrap();
        assert!(svg.contains(title), "{lang} {extra:?}: no {title}");
        let log_note = svg.contains("(log scale)") || svg.contains("（対数目盛）");
        assert_eq!(log_note, !extra.is_empty(), "{lang} {extra:?}");
        assert!(!svg.contains("workload.requests_per_month"), "{lang}");
    }
    for (lang, title) in [
        ("en", "Requests per month (log scale)"),
        ("ja", "月間リクエスト数（対数目盛）"),
    ] {
        let out = dir.path().join(format!("report-{lang}"));
        bin()
            .arg("report")
            .arg(&scenario)
            .arg("--out")
            .arg(&out)
            .args(["--lang", lang])
            .assert()
            .success();
        let svg = std::fs::read_to_string(out.join("cost-vs-load.svg")).unwrap();
        assert!(svg.contains(title), "report {lang}: no {title}");
        assert!(
            !svg.contains("workload.requests_per_month"),
            "report {lang}"
        );
    }
}

/// Issue 20: a bad varied key or range under `--lang ja` is said in Japanese; the flag, the
/// key and the values stay as written.
#[test]
fn sweep_and_breakeven_errors_under_lang_ja_are_japanese() {
    let run = |args: &[&str]| {
        let out = bin()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let sweep = [
        "sweep",
        "scenarios/three-tier.toml",
        "--vary",
        "workload.nope",
    ];
    let err = run(&[&sweep[..], &["--from", "1", "--to", "2", "--lang", "ja"]].concat());
    assert!(
        err.contains("--vary `workload.nope`: 数値の workload キーではありません"),
        "{err}"
    );
    assert!(
        err.contains("ヒント: ここで使える数値キー: requests_per_month"),
        "{err}"
    );
    let err = run(&[&sweep[..], &["--from", "1", "--to", "2"]].concat());
    assert!(
        err.contains("--vary `workload.nope`: not a numeric workload key"),
        "{err}"
    );
    let err = run(&[
        "breakeven",
        "scenarios/three-tier.toml",
        "--vary",
        "workload.requests_per_month",
        "--from",
        "5",
        "--to",
        "1",
        "--lang",
        "ja",
    ]);
    assert!(
        err.contains("--from 5 --to 1: --from は --to より小さくしてください"),
        "{err}"
    );
}
