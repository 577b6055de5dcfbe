//! Scenario diff, uncertainty ranges and sensitivity: hand-computed numbers from catalog prices.
use crate::util::{bin, d, eval, eval_err, repo, scenario};
use archcost::compare::{evaluate, evaluate_range, totals, RangeInfo};
use archcost::diff::{diff, Status};
use archcost::pricing::bundled;
use archcost::scenario::{self, Range, Scenario, WORKLOAD_INPUTS};
use archcost::sensitivity::{analyse, Basis};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

fn three_tier() -> PathBuf {
    repo().join("scenarios/three-tier.toml")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

fn parse(text: &str) -> Scenario {
    scenario::parse("test.toml", text, bundled::catalog()).unwrap_or_else(|e| panic!("{e}"))
}

/// three-tier with the serverless Lambda at 2048 MB instead of 1024 MB.
fn three_tier_2048() -> String {
    let text = read(&three_tier());
    let b = text.replace(
        "memory_mb = 1024, arch = \"arm64\"",
        "memory_mb = 2048, arch = \"arm64\"",
    );
    assert_ne!(text, b, "the example changed; update this test");
    b
}

fn json_of(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_lambda_memory_doubles_only_the_duration_line() {
    let a = eval(&read(&three_tier()));
    let b = eval(&three_tier_2048());
    let dd = diff(&a, "a.toml", &b, "b.toml");
    assert_eq!(dd.schema, "archcost/diff/1");
    let names: Vec<_> = dd.architectures.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["serverless", "containers", "traditional"]);
    let s = &dd.architectures[0];
    assert_eq!(s.status, Status::Changed);
    let changed: Vec<_> = s.changed_lines().collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    let l = changed[0];
    // Tokyo lambda.duration.arm64, first tier (0–7.5B GB-s): 0.0000133334 USD per GB-second.
    // 30,000,000 requests x 120 ms = 3,600,000 s.
    // 1024 MB = 1 GB -> 3,600,000 GB-s x 0.0000133334 = 48.00024 USD
    // 2048 MB = 2 GB -> 7,200,000 GB-s x 0.0000133334 = 96.00048 USD; delta +48.00024
    assert_eq!(l.id, "lambda.duration");
    assert_eq!(l.tier, "app");
    assert_eq!(l.price_key, "lambda.duration.arm64");
    let (la, lb) = (l.a.as_ref().unwrap(), l.b.as_ref().unwrap());
    assert_eq!(la.quantity, d("3600000"));
    assert_eq!(lb.quantity, d("7200000"));
    assert_eq!(la.unit_price_usd, d("0.0000133334"));
    assert_eq!(lb.unit_price_usd, d("0.0000133334"));
    assert_eq!(la.monthly_usd, d("48.00024"));
    assert_eq!(lb.monthly_usd, d("96.00048"));
    assert_eq!(l.delta_usd, d("48.00024"));
    // The description names the memory, so the line is matched by (tier, id, price_key).
    assert!(l.description.contains("2048 MB"), "{}", l.description);
    assert!(l.description_a.as_deref().unwrap().contains("1024 MB"));
    // Totals: exactly the line's delta; percent against A's total.
    assert_eq!(s.delta_usd, d("48.00024"));
    let a_total = s.a_monthly_usd.unwrap();
    assert_eq!(s.b_monthly_usd.unwrap() - a_total, d("48.00024"));
    let pct = (d("48.00024") / a_total * d("100")).round_dp(2);
    assert_eq!(s.delta_pct, Some(pct));
    assert!(s.unchanged_count() > 0);
    for other in &dd.architectures[1..] {
        assert_eq!(other.status, Status::Unchanged, "{}", other.name);
        assert_eq!(other.delta_usd, Decimal::ZERO);
        assert_eq!(other.changed_lines().count(), 0);
    }
}

#[test]
fn diff_cli_formats() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.toml");
    std::fs::write(&b, three_tier_2048()).unwrap();

    let table = bin()
        .args(["diff"])
        .arg(three_tier())
        .arg(&b)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(table).unwrap();
    assert!(table.contains("+$48.00"), "{table}");
    assert!(table.contains("$48.00 → $96.00"), "{table}");
    assert!(table.contains("unchanged lines not shown"), "{table}");

    let md_path = dir.path().join("diff.md");
    bin()
        .args(["diff", "--format", "markdown", "--out"])
        .arg(&md_path)
        .arg(three_tier())
        .arg(&b)
        .assert()
        .success();
    let md = read(&md_path);
    assert!(md.starts_with("# Cost diff: Order API → Order API"), "{md}");
    assert!(md.contains("| serverless | changed |"), "{md}");
    assert!(md.contains("| containers | unchanged |"), "{md}");
    assert!(md.contains("`lambda.duration`"), "{md}");
    assert!(md.contains("**+$48.00**"), "{md}");

    let j = json_of(
        bin()
            .args(["diff", "--format", "json"])
            .arg(three_tier())
            .arg(&b),
    );
    assert_eq!(j["schema"], "archcost/diff/1");
    let s = &j["architectures"][0];
    assert_eq!(s["delta_usd"], "48.00024");
    // JSON keeps unchanged lines, with status "unchanged".
    let lines = s["lines"].as_array().unwrap();
    assert!(lines.iter().any(|l| l["status"] == "unchanged"));
    let changed: Vec<_> = lines.iter().filter(|l| l["status"] == "changed").collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["a"]["monthly_usd"], "48.00024");
    assert_eq!(changed[0]["b"]["monthly_usd"], "96.00048");
}

#[test]
fn diff_same_scenario_under_two_catalogs_changes_exactly_that_line() {
    let dir = tempfile::tempdir().unwrap();
    let header = read(&repo().join("pricing/regions/ap-northeast-1.csv"))
        .lines()
        .next()
        .unwrap()
        .to_string();
    std::fs::write(
        dir.path().join("catalog.csv"),
        format!(
            "{header}\nlambda.requests.arm64,ap-northeast-1,request,0,,0.0000003,TESTSKU,2026-11-01,test catalog\n"
        ),
    )
    .unwrap();
    let j = json_of(
        bin()
            .args(["diff", "--format", "json"])
            .arg(three_tier())
            .arg(three_tier())
            .arg("--pricing-b")
            .arg(dir.path()),
    );
    assert_eq!(j["a"]["pricing"]["source"], "bundled");
    assert_eq!(
        j["b"]["pricing"]["source"],
        dir.path().display().to_string()
    );
    let archs = j["architectures"].as_array().unwrap();
    let mut changed = Vec::new();
    for a in archs {
        for l in a["lines"].as_array().unwrap() {
            if l["status"] != "unchanged" {
                changed.push((a["name"].clone(), l.clone()));
            }
        }
    }
    assert_eq!(changed.len(), 1, "{changed:#?}");
    let (arch, l) = &changed[0];
    assert_eq!(arch, "serverless");
    assert_eq!(l["status"], "changed");
    assert_eq!(l["id"], "lambda.requests");
    // 30,000,000 requests: 0.0000002 -> 6.00 USD; 0.0000003 -> 9.00 USD; delta 3.
    assert_eq!(l["a"]["quantity"], "30000000");
    assert_eq!(l["b"]["quantity"], "30000000");
    assert_eq!(l["a"]["unit_price_usd"], "0.0000002");
    assert_eq!(l["b"]["unit_price_usd"], "0.0000003");
    assert_eq!(l["a"]["monthly_usd"], "6");
    assert_eq!(l["b"]["monthly_usd"], "9");
    assert_eq!(l["delta_usd"], "3");
    assert_eq!(archs[0]["delta_usd"], "3");
    assert_eq!(archs[1]["status"], "unchanged");
    assert_eq!(archs[2]["status"], "unchanged");

    // --pricing alone applies to both sides: nothing changes.
    let j = json_of(
        bin()
            .args(["diff", "--format", "json"])
            .arg(three_tier())
            .arg(three_tier())
            .arg("--pricing")
            .arg(dir.path()),
    );
    for a in j["architectures"].as_array().unwrap() {
        assert_eq!(a["status"], "unchanged");
    }
}

#[test]
fn diff_lists_added_and_removed_architectures() {
    let a_text = read(&three_tier());
    // B drops "traditional" and adds "containers-arm".
    let cut = a_text.find("name = \"traditional\"").unwrap();
    let head = &a_text[..cut];
    let head = &head[..head.rfind("[[architecture]]").unwrap()];
    let b_text = format!(
        "{head}[[architecture]]\nname = \"containers-arm\"\nweb = {{ service = \"alb\" }}\napp = {{ service = \"fargate\", vcpu = 0.5, memory_gb = 1.0, arch = \"arm64\", tasks = 2 }}\n"
    );
    let dd = diff(&eval(&a_text), "a", &eval(&b_text), "b");
    let st: Vec<_> = dd
        .architectures
        .iter()
        .map(|x| (x.name.as_str(), x.status))
        .collect();
    assert_eq!(
        st,
        [
            ("serverless", Status::Unchanged),
            ("containers", Status::Unchanged),
            ("traditional", Status::Removed),
            ("containers-arm", Status::Added)
        ]
    );
    let removed = &dd.architectures[2];
    assert!(removed.b_monthly_usd.is_none());
    assert_eq!(removed.delta_usd, -removed.a_monthly_usd.unwrap());
    assert!(removed.delta_pct.is_none());
    assert!(removed
        .lines
        .iter()
        .all(|l| l.status == Status::Removed && l.b.is_none()));
    let added = &dd.architectures[3];
    assert!(added.a_monthly_usd.is_none());
    assert_eq!(added.delta_usd, added.b_monthly_usd.unwrap());
    assert!(added
        .lines
        .iter()
        .all(|l| l.status == Status::Added && l.a.is_none()));
    let md = archcost::report::diff::markdown(
        &dd,
        &archcost::report::display::Display::usd(archcost::report::i18n::Lang::En),
    );
    assert!(md.contains("| traditional | removed |"), "{md}");
    assert!(md.contains("| containers-arm | added |"), "{md}");
}

#[test]
fn diff_escapes_markdown() {
    let a_text = read(&three_tier()).replace("name = \"serverless\"", "name = \"a|b<x>\"");
    let dd = diff(&eval(&a_text), "a", &eval(&read(&three_tier())), "b");
    let md = archcost::report::diff::markdown(
        &dd,
        &archcost::report::display::Display::usd(archcost::report::i18n::Lang::En),
    );
    assert!(md.contains("a\\|b&lt;x&gt;"), "{md}");
    assert!(!md.contains("a|b<x>"));
}

#[test]
fn diff_cli_errors_exit_2() {
    bin()
        .args(["diff", "no-such-a.toml"])
        .arg(three_tier())
        .assert()
        .code(2);
    bin()
        .args(["diff"])
        .arg(three_tier())
        .arg(three_tier())
        .args(["--pricing-b", "/no/such/catalog/dir"])
        .assert()
        .code(2);
    bin().args(["diff"]).arg(three_tier()).assert().code(2);
    bin()
        .args(["diff", "--format", "csv"])
        .arg(three_tier())
        .arg(three_tier())
        .assert()
        .code(2);
}

// ---------------------------------------------------------------- ranges

const LAMBDA: &str = "app = { service = \"lambda\", memory_mb = 1024, logs = false }";

#[test]
fn range_and_plain_forms_parse() {
    let s = parse(&scenario(
        "us-east-1",
        "",
        "requests_per_month = { low = 1e6, expected = 2_000_000, high = 4e6 }\nduration_ms = 100\n",
        LAMBDA,
    ));
    assert_eq!(s.workload.requests_per_month, Some(d("2000000")));
    assert_eq!(s.workload.duration_ms, d("100"));
    assert_eq!(s.workload.ranges.len(), 1);
    assert_eq!(
        s.workload.ranges["requests_per_month"],
        Range {
            low: d("1000000"),
            expected: d("2000000"),
            high: d("4000000")
        }
    );
    // The section form of a range works too.
    let s = parse(
        "name = \"t\"\nregion = \"us-east-1\"\n[workload]\nrequests_per_month = 5\n[workload.duration_ms]\nlow = 10\nexpected = 20.5\nhigh = 30\n[[architecture]]\nname = \"a\"\napp = { service = \"lambda\" }\n",
    );
    assert_eq!(s.workload.duration_ms, d("20.5"));
    assert_eq!(s.workload.ranges["duration_ms"].high, d("30"));
    // Plain numbers: no ranges, no range in any output.
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_month = 1000\n",
        LAMBDA,
    ));
    assert!(rep.architectures[0].range.is_none());
    assert!(rep.scenario.ranges.is_empty());
    let j = String::from_utf8(archcost::report::json::render(&rep)).unwrap();
    assert!(!j.contains("\"range"), "{j}");
}

#[test]
fn bad_ranges_name_the_key() {
    let bad = |workload: &str| eval_err(&scenario("us-east-1", "", workload, LAMBDA));
    let e = bad("requests_per_month = { low = 5e6, expected = 3e6, high = 1e7 }");
    assert!(
        e.contains("workload.requests_per_month") && e.contains("out of order"),
        "{e}"
    );
    assert!(e.contains("test.toml:"), "{e}");
    let e = bad("requests_per_month = 1\nduration_ms = { low = 1, expected = 2, high = 1.5 }");
    assert!(
        e.contains("workload.duration_ms") && e.contains("out of order"),
        "{e}"
    );
    let e = bad("requests_per_month = { low = 1, high = 3 }");
    assert!(
        e.contains("workload.requests_per_month") && e.contains("no `expected`"),
        "{e}"
    );
    let e = bad("requests_per_month = { low = 1, expected = 2, high = 3, mid = 2 }");
    assert!(
        e.contains("workload.requests_per_month") && e.contains("unknown key `mid`"),
        "{e}"
    );
    let e = bad("requests_per_month = { low = 1, expected = \"2\", high = 3 }");
    assert!(e.contains("workload.requests_per_month.expected"), "{e}");
    // Each end must itself be valid.
    let e = bad("requests_per_month = 1\nduration_ms = { low = -5, expected = 2, high = 3 }");
    assert!(
        e.contains("workload.duration_ms") && e.contains("low end"),
        "{e}"
    );
    let e = bad("requests_per_month = 1\npeak_to_average = { low = 0.5, expected = 2, high = 3 }");
    assert!(
        e.contains("workload.peak_to_average") && e.contains("low end"),
        "{e}"
    );

    // Through the CLI: exit 2, the key named on stderr.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.toml");
    std::fs::write(
        &f,
        scenario(
            "us-east-1",
            "",
            "requests_per_month = { low = 9, expected = 3, high = 10 }",
            LAMBDA,
        ),
    )
    .unwrap();
    let out = bin()
        .arg("compare")
        .arg(&f)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("workload.requests_per_month"), "{err}");
    assert!(err.contains("bad.toml:"), "{err}");
}

/// us-east-1 Lambda x86_64, 1024 MB, no payloads: only requests and compute.
fn lambda_only(workload: &str) -> String {
    scenario("us-east-1", "free_tier = false", workload, LAMBDA)
}

#[test]
fn range_totals_hand_checked() {
    // lambda.requests.x86_64 = 0.0000002 USD/request; lambda.duration.x86_64 first tier
    // (0–6B GB-s) = 0.0000166667 USD/GB-s; 1024 MB = 1 GB.
    // low:      1,000,000 req x  50 ms =    50,000 GB-s -> 0.2 + 0.833335  =  1.033335
    // expected: 2,000,000 req x 100 ms =   200,000 GB-s -> 0.4 + 3.33334   =  3.73334
    // high:     4,000,000 req x 200 ms =   800,000 GB-s -> 0.8 + 13.33336  = 14.13336
    let text = lambda_only(
        "requests_per_month = { low = 1_000_000, expected = 2_000_000, high = 4_000_000 }\nduration_ms = { low = 50, expected = 100, high = 200 }",
    );
    let s = parse(&text);
    let want = RangeInfo {
        low_usd: d("1.033335"),
        expected_usd: d("3.73334"),
        high_usd: d("14.13336"),
    };
    let r = evaluate_range(&s, bundled::catalog()).unwrap().unwrap();
    assert_eq!(r.architectures, vec![("a".to_string(), want)]);
    assert_eq!(r.ranges.len(), 2);
    let rep = evaluate(&s, bundled::catalog()).unwrap();
    assert_eq!(rep.architectures[0].monthly_usd, d("3.73334"));
    assert_eq!(rep.architectures[0].range, Some(want));
    // No ranges: None.
    let plain = parse(&lambda_only("requests_per_month = 5"));
    assert!(evaluate_range(&plain, bundled::catalog())
        .unwrap()
        .is_none());
    // totals() (sweeps, break-even) ignores ranges: the expected point.
    assert_eq!(totals(&s, bundled::catalog()).unwrap()[0].1, d("3.73334"));

    // Every output shows the three numbers.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("u.toml");
    std::fs::write(&f, &text).unwrap();
    let j = json_of(bin().args(["compare", "--format", "json"]).arg(&f));
    let range = &j["architectures"][0]["range"];
    assert_eq!(range["low_usd"], "1.033335");
    assert_eq!(range["expected_usd"], "3.73334");
    assert_eq!(range["high_usd"], "14.13336");
    assert_eq!(j["scenario"]["ranges"]["duration_ms"]["low"], "50");
    assert_eq!(j["architectures"][0]["monthly_usd"], "3.73334");
    for format in ["table", "markdown"] {
        let out = bin()
            .args(["compare", "--format", format])
            .arg(&f)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("Range (low / expected / high)"), "{out}");
        for v in [
            "$1.03",
            "$3.73",
            "$14.13",
            "1,000,000 / 2,000,000 / 4,000,000",
        ] {
            assert!(out.contains(v), "{format}: {v} missing\n{out}");
        }
    }
    let contents =
        archcost::report::folder::render(&s, bundled::catalog(), Default::default()).unwrap();
    let file = |name: &str| {
        let (_, bytes) = contents.texts.iter().find(|(n, _)| *n == name).unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    let summary = file("summary.md");
    assert!(
        summary.contains("## Range (low / expected / high)"),
        "{summary}"
    );
    assert!(
        summary.contains("| a | $1.03 | $3.73 | $14.13 |"),
        "{summary}"
    );
    let html = file("report.html");
    assert!(html.contains("<section id=\"range\">"));
    assert!(html.contains("$14.13"));
}

#[test]
fn uncertain_launch_example_has_ranges_and_bounds() {
    let s = parse(&read(&repo().join("scenarios/uncertain-launch.toml")));
    assert!(s.workload.ranges.contains_key("requests_per_month"));
    let r = evaluate_range(&s, bundled::catalog()).unwrap().unwrap();
    assert_eq!(r.architectures.len(), 2);
    for (name, info) in &r.architectures {
        assert!(info.low_usd <= info.expected_usd, "{name}");
        assert!(info.expected_usd <= info.high_usd, "{name}");
        assert!(info.low_usd < info.high_usd, "{name}");
    }
}

/// The bound argument of `evaluate_range`: every cost is non-decreasing in every workload input.
/// Each example scenario, each input, a ladder of values: no architecture's total ever falls.
#[test]
fn cost_is_non_decreasing_in_every_workload_input() {
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        let base = parse(&read(&path)).without_ranges();
        for key in WORKLOAD_INPUTS {
            let Some(v) = base.workload.input(key) else {
                continue;
            };
            let ladder: Vec<Decimal> = if v.is_zero() {
                ["0", "0.5", "1", "10", "100"]
                    .iter()
                    .map(|x| d(x))
                    .collect()
            } else {
                ["0.1", "0.5", "0.9", "1", "1.1", "1.5", "2", "4", "10"]
                    .iter()
                    .map(|m| v * d(m))
                    .collect()
            };
            let mut previous: Option<Vec<(String, Decimal)>> = None;
            for x in ladder {
                let mut s = base.clone();
                s.workload.set_input(key, x);
                if scenario::revalidate(&s, bundled::catalog()).is_err() {
                    continue;
                }
                let now = totals(&s, bundled::catalog()).unwrap();
                if let Some(prev) = &previous {
                    for ((name, before), (_, after)) in prev.iter().zip(&now) {
                        assert!(
                            after >= before,
                            "{}: {name} got cheaper when {key} rose to {x}: {before} -> {after}",
                            path.display()
                        );
                        checked += 1;
                    }
                }
                previous = Some(now);
            }
        }
    }
    assert!(checked > 200, "only {checked} comparisons");
}

// ---------------------------------------------------------------- sensitivity

#[test]
fn sensitivity_ranking_hand_checked() {
    // us-east-1, Lambda x86_64 1024 MB, 10M requests, 100 ms, request 2 KB, response 8 KB.
    // Prices: request 0.0000002; GB-s 0.0000166667 (first 6B); data out 0.09/GB (first 10 TB).
    // requests ±20% (8M..12M), per request 0.0000002 + 0.1 x 0.0000166667 + 8/1048576 x 0.09:
    //   high 12M: 2.4 + 20.00004 + 91.552734375 GB x 0.09 (8.23974609375) = 30.63978609375
    //   low   8M: 1.6 + 13.33336 + 61.03515625 GB x 0.09 (5.4931640625)   = 20.4265240625
    //   swing 10.21326203125
    // duration ±20% (80..120 ms): 10M x 0.04 s x 1 GB = 400,000 GB-s x 0.0000166667 = 6.66668
    // response_kb ±20% (6.4..9.6): 10M x 3.2 KB / 1048576 = 30.517578125 GB x 0.09 = 2.74658203125
    // request_kb: nothing in this architecture bills it: swing 0.
    let s = parse(&lambda_only(
        "requests_per_month = 10_000_000\nduration_ms = 100\nrequest_kb = 2\nresponse_kb = 8",
    ));
    let r = analyse(&s, bundled::catalog(), d("20")).unwrap();
    assert_eq!(r.schema, "archcost/sensitivity/1");
    assert!(r.skipped.is_empty());
    let a = &r.architectures[0];
    let order: Vec<_> = a.inputs.iter().map(|i| i.input.as_str()).collect();
    assert_eq!(
        order,
        [
            "workload.requests_per_month",
            "workload.duration_ms",
            "workload.response_kb",
            "workload.request_kb",
            // item_kb = 1 (default) is varied too; no database here: swing 0.
            "workload.item_kb",
            // log_retention_months = 1 (default) likewise; logs = false here: swing 0.
            "workload.log_retention_months"
        ]
    );
    let req = &a.inputs[0];
    assert_eq!(
        (req.low_value, req.high_value),
        (d("8000000"), d("12000000"))
    );
    assert_eq!(req.low_usd, d("20.4265240625"));
    assert_eq!(req.high_usd, d("30.63978609375"));
    assert_eq!(req.swing_usd, d("10.21326203125"));
    assert_eq!(req.basis, Basis::Pct);
    assert_eq!(a.inputs[1].swing_usd, d("6.66668"));
    assert_eq!(a.inputs[2].swing_usd, d("2.74658203125"));
    assert_eq!(a.inputs[3].swing_usd, Decimal::ZERO);
    assert_eq!(a.inputs[4].swing_usd, Decimal::ZERO);
    // Bars: the largest swing gets the full width, the others in proportion.
    let t = archcost::report::sensitivity::table(
        &r,
        &archcost::report::display::Display::usd(archcost::report::i18n::Lang::En),
    );
    assert!(t.contains(&"█".repeat(30)), "{t}");
    let blocks = |input: &str| {
        t.lines()
            .find(|l| l.contains(input))
            .map(|l| l.matches('█').count())
            .unwrap_or_else(|| panic!("{input} missing\n{t}"))
    };
    // Rows are labelled with the keys' human names (workload.requests_per_month, ...).
    assert_eq!(blocks("Requests per month"), 30);
    // duration: 6.66668 / 10.21326203125 x 30 = 19.58 -> 20 blocks
    assert_eq!(blocks("Compute time per request (ms)"), 20);
    // response: 2.74658203125 / 10.21326203125 x 30 = 8.07 -> 8 blocks
    assert_eq!(blocks("Response size (KB)"), 8);
    assert_eq!(blocks("Request size (KB)"), 0);
}

#[test]
fn sensitivity_uses_declared_ranges_and_skips_invalid_variants() {
    // peak_to_average 1.1: -20% is 0.88, below its floor of 1 -> skipped with a note.
    let s = parse(&lambda_only(
        "requests_per_month = { low = 1_000_000, expected = 2_000_000, high = 4_000_000 }\nduration_ms = 100\npeak_to_average = 1.1",
    ));
    let r = analyse(&s, bundled::catalog(), d("20")).unwrap();
    let a = &r.architectures[0];
    let req = a
        .inputs
        .iter()
        .find(|i| i.input == "workload.requests_per_month")
        .unwrap();
    assert_eq!(req.basis, Basis::Range);
    assert_eq!(
        (req.low_value, req.high_value),
        (d("1000000"), d("4000000"))
    );
    // duration at 100 ms (its expected value) everywhere else:
    // 1M: 0.2 + 100,000 GB-s x 0.0000166667 = 1.86667; 4M: 0.8 + 6.66668 = 7.46668.
    assert_eq!(req.low_usd, d("1.86667"));
    assert_eq!(req.high_usd, d("7.46668"));
    assert_eq!(a.expected_usd, d("3.73334"));
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].input, "workload.peak_to_average");
    assert!(
        r.skipped[0].reason.contains("peak_to_average"),
        "{:?}",
        r.skipped
    );
    assert!(a
        .inputs
        .iter()
        .all(|i| i.input != "workload.peak_to_average"));
    let t = archcost::report::sensitivity::table(
        &r,
        &archcost::report::display::Display::usd(archcost::report::i18n::Lang::En),
    );
    assert!(t.contains("Requests per month (range)"), "{t}");
    assert!(
        t.contains("note: Peak to average (within the hour) not varied"),
        "{t}"
    );
}

#[test]
fn sensitivity_cli_json_and_exit_codes() {
    let j = json_of(
        bin()
            .args(["sensitivity", "--format", "json", "--pct", "10"])
            .arg(three_tier()),
    );
    assert_eq!(j["schema"], "archcost/sensitivity/1");
    assert_eq!(j["pct"], "10");
    let archs = j["architectures"].as_array().unwrap();
    assert_eq!(archs.len(), 3);
    for a in archs {
        let swings: Vec<Decimal> = a["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let (lo, hi) = (
                    d(i["low_usd"].as_str().unwrap()),
                    d(i["high_usd"].as_str().unwrap()),
                );
                let sw = d(i["swing_usd"].as_str().unwrap());
                assert_eq!(hi - lo, sw);
                assert!(sw >= Decimal::ZERO, "costs never fall as an input grows");
                sw
            })
            .collect();
        assert!(
            swings.windows(2).all(|w| w[0] >= w[1]),
            "ranked: {swings:?}"
        );
    }
    bin()
        .args(["sensitivity"])
        .arg(three_tier())
        .assert()
        .success();
    for pct in ["0", "100", "-5"] {
        bin()
            .args(["sensitivity", "--pct", pct])
            .arg(three_tier())
            .assert()
            .code(2);
    }
    bin()
        .args(["sensitivity", "--pct", "abc"])
        .arg(three_tier())
        .assert()
        .code(2);
    bin().args(["sensitivity", "nope.toml"]).assert().code(2);
}

// ---------------------------------------------------------------- snapshots (reviewed by hand)

fn snapshot_diff() -> archcost::diff::Diff {
    let a = eval(&read(&three_tier()));
    let b_text = three_tier_2048().replace("name = \"traditional\"", "name = \"traditional-v2\"");
    diff(
        &a,
        "scenarios/three-tier.toml",
        &eval(&b_text),
        "proposal.toml",
    )
}

#[test]
fn snapshot_diff_table() {
    insta::assert_snapshot!(archcost::report::diff::table(
        &snapshot_diff(),
        &archcost::report::display::Display::usd(archcost::report::i18n::Lang::En)
    ));
}

#[test]
fn snapshot_diff_markdown() {
    insta::assert_snapshot!(archcost::report::diff::markdown(
        &snapshot_diff(),
        &archcost::report::display::Display::usd(archcost::report::i18n::Lang::En)
    ));
}

#[test]
fn snapshot_diff_json() {
    insta::assert_snapshot!(
        String::from_utf8(archcost::report::diff::json(&snapshot_diff())).unwrap()
    );
}

fn launch() -> Scenario {
    parse(&read(&repo().join("scenarios/uncertain-launch.toml")))
}

#[test]
fn snapshot_range_compare_table_markdown_json() {
    let rep = archcost::pricing::freshness::with_today(crate::util::TODAY, || {
        evaluate(&launch(), bundled::catalog())
    })
    .unwrap();
    insta::assert_snapshot!(
        "range_table",
        archcost::report::range::table_section(&rep, Default::default())
    );
    insta::assert_snapshot!("range_markdown", archcost::report::markdown::render(&rep));
    insta::assert_snapshot!(
        "range_json",
        String::from_utf8(archcost::report::json::render(&rep)).unwrap()
    );
}

#[test]
fn snapshot_sensitivity() {
    let r = analyse(&launch(), bundled::catalog(), d("20")).unwrap();
    insta::assert_snapshot!(
        "sensitivity_table",
        archcost::report::sensitivity::table(
            &r,
            &archcost::report::display::Display::usd(archcost::report::i18n::Lang::En)
        )
    );
    insta::assert_snapshot!(
        "sensitivity_json",
        String::from_utf8(archcost::report::sensitivity::json(&r)).unwrap()
    );
}

#[test]
fn diff_pairs_tier_lines_in_order() {
    // HTTP API: first 300M requests at one price, above at another. A stays in the first tier;
    // B crosses it: the first-tier line changes (quantity 200M -> 300M), the next one is added.
    let text = |m: &str| {
        scenario(
            "us-east-1",
            "",
            &format!("requests_per_month = {m}"),
            "web = { service = \"api-gateway\", api = \"http\" }",
        )
    };
    let dd = diff(
        &eval(&text("200_000_000")),
        "a",
        &eval(&text("400_000_000")),
        "b",
    );
    let lines: Vec<_> = dd.architectures[0]
        .lines
        .iter()
        .filter(|l| l.id == "apigw.http.requests")
        .collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(lines[0].status, Status::Changed);
    assert_eq!(lines[0].a.as_ref().unwrap().quantity, d("200000000"));
    assert_eq!(lines[0].b.as_ref().unwrap().quantity, d("300000000"));
    assert_eq!(lines[1].status, Status::Added);
    assert_eq!(lines[1].b.as_ref().unwrap().quantity, d("100000000"));
    assert!(lines[1].a.is_none());
}
