//! Decisions that respect limits (issue 11): an architecture that exceeds a hard limit or whose
//! fleet cannot carry the load is never recommended — in compare (every format), sweep,
//! break-even and the report — and the lean path of sweeps agrees with the full evaluation.
use crate::util::{bin, d, eval, repo, scenario};
use archcost::compare::{self, Report};
use archcost::pricing::bundled;
use archcost::{breakeven, scenario as sc, sweep};

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = bin().current_dir(repo()).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn blockers(rep: &Report, name: &str) -> Vec<String> {
    let a = rep.arch(name).unwrap_or_else(|| panic!("{name}"));
    a.ruled_out_by.iter().map(|b| b.id.clone()).collect()
}

/// The shipped example: the $73.41 synchronous HTTP API breaks the 30 s hard limit and the
/// nightly Lambda batch the 15-minute one, so the recommendation is the containers architecture.
#[test]
fn slow_endpoints_recommends_the_cheapest_architecture_that_can_run() {
    let text = std::fs::read_to_string(repo().join("scenarios/slow-endpoints.toml")).unwrap();
    let rep = eval(&text);
    let cheapest = rep.architectures.iter().map(|a| a.monthly_usd).min();
    assert_eq!(
        cheapest,
        rep.arch("sync-http-api").map(|a| a.monthly_usd),
        "the infeasible one is the cheapest"
    );
    assert_eq!(rep.cheapest_feasible.as_deref(), Some("containers"));
    assert_eq!(
        blockers(&rep, "sync-http-api"),
        ["apigw.http.integration_timeout_s"]
    );
    assert_eq!(
        blockers(&rep, "nightly-lambda-batch"),
        ["lambda.timeout_s.max"]
    );
    assert!(rep.arch("containers").unwrap().feasible);

    let file = "scenarios/slow-endpoints.toml";
    let (code, table) = run(&["compare", file]);
    assert_eq!(code, Some(0));
    assert!(
        table.contains("Cheapest feasible: containers — $244.89 per month"),
        "{table}"
    );
    assert!(table.contains("sync-http-api is ruled out: HTTP API integration time per request (40 s): 40 is above the hard limit of 30 seconds (web, apigw.http.integration_timeout_s)"), "{table}");
    let (_, md) = run(&["compare", file, "--format", "markdown"]);
    assert!(
        md.contains("**Cheapest feasible: containers — $244.89 per month**"),
        "{md}"
    );
    assert!(
        md.contains("| no — apigw.http.integration_timeout_s |"),
        "{md}"
    );
    let (_, json) = run(&["compare", file, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["cheapest_feasible"], "containers");
    assert_eq!(v["architectures"][0]["feasible"], false);
    assert_eq!(
        v["architectures"][0]["ruled_out_by"][0]["id"],
        "apigw.http.integration_timeout_s"
    );
    assert_eq!(v["architectures"][2]["feasible"], true);
    assert!(v["architectures"][2].get("ruled_out_by").is_none());
    let (_, html) = run(&["compare", file, "--format", "html"]);
    assert!(html.contains("<div class=\"card infeasible\""));
    assert!(html.contains("containers<span class=\"badge\">cheapest feasible</span>"));
    assert!(html.contains("sync-http-api<span class=\"badge bad\">not feasible</span>"));
    let (_, ja) = run(&["compare", file, "--lang", "ja"]);
    assert!(
        ja.contains("実行可能で最安: containers（月額 $244.89）"),
        "{ja}"
    );
    // --strict keeps exit 3 (a hard limit is exceeded); `limits` exits 3 too.
    assert_eq!(run(&["compare", file, "--strict"]).0, Some(3));
    let (code, limits) = run(&["limits", file]);
    assert_eq!(code, Some(3));
    assert!(limits.contains("Cheapest feasible: containers"), "{limits}");
}

/// A fleet that cannot carry the load rules its architecture out: a capped scaled fleet with
/// unserved requests, a fixed fleet whose busy vCPUs exceed its vCPUs, provisioned DynamoDB
/// below the busiest second. A raisable quota exceeded, or a hypothetical hot key, does not.
#[test]
fn fleets_that_cannot_carry_the_load_are_infeasible() {
    // 100 rps flat, 1 s per request: 100 busy vCPUs at the busiest second.
    let workload = "requests_per_second = 100\nduration_ms = 1000\ndb_reads_per_request = 1";
    let check = |tiers: &str| {
        let rep = eval(&scenario("us-east-1", "", workload, tiers));
        let a = rep.architectures[0].clone();
        (
            a.feasible,
            a.ruled_out_by
                .iter()
                .map(|b| b.id.clone())
                .collect::<Vec<_>>(),
        )
    };
    // Capped Fargate: 10 rps per task needs 10 tasks, max 4: 60 requests/s unserved.
    let (ok, ids) = check("app = { service = \"fargate\", vcpu = 1, memory_gb = 2, rps_per_task = 10, max_tasks = 4 }");
    assert!(!ok);
    assert_eq!(ids, ["fargate.max_tasks"]);
    // Fixed EC2: 2 x m5.large = 4 vCPU against 100 busy.
    let (ok, ids) = check("app = { service = \"ec2\", instance = \"m5.large\", count = 2 }");
    assert_eq!((ok, ids), (false, vec!["ec2.cpu".to_string()]));
    // Fixed Fargate: 4 tasks x 1 vCPU.
    let (ok, ids) = check("app = { service = \"fargate\", vcpu = 1, memory_gb = 2, tasks = 4 }");
    assert_eq!((ok, ids), (false, vec!["fargate.cpu".to_string()]));
    // Provisioned 10 RCU against 50 eventual reads/s.
    let (ok, ids) =
        check("db = { service = \"dynamodb\", capacity = \"provisioned\", rcu = 10, wcu = 1 }");
    assert_eq!((ok, ids), (false, vec!["dynamodb.rcu".to_string()]));
    // Lambda: 100 concurrent executions is fine; 2,000 rps x 1 s passes the 1,000 quota, which
    // can be raised: exceeded but still feasible.
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_second = 2000\nduration_ms = 1000",
        "app = { service = \"lambda\" }",
    ));
    let a = &rep.architectures[0];
    assert!(a
        .limits
        .iter()
        .any(|f| f.id == "lambda.concurrent_executions"
            && f.status == archcost::limits::Status::Exceeded));
    assert!(a.feasible);
    // 2,000 writes/s would exceed one partition only if one key took them all: a reminder.
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_second = 2000\ndb_writes_per_request = 1",
        "db = { service = \"dynamodb\" }",
    ));
    assert!(rep.architectures[0].feasible);
}

/// When nothing can run, nothing is recommended.
#[test]
fn no_feasible_architecture_means_no_recommendation() {
    let text = scenario(
        "us-east-1",
        "",
        "requests_per_month = 1000\nduration_ms = 1_000_000",
        "app = { service = \"lambda\" }",
    );
    let rep = eval(&text);
    assert_eq!(rep.cheapest_feasible, None);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("s.toml");
    std::fs::write(&path, &text).unwrap();
    let out = bin()
        .arg("compare")
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["cheapest_feasible"].is_null());
    let out = bin().arg("compare").arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("No architecture can run this workload"),
        "{text}"
    );
}

/// Sweeps mark where each architecture cannot run and never star one that cannot: at 1B
/// requests a month the three-tier "traditional" fleet (2 x m5.large, 4 vCPU) is the cheapest
/// but needs far more vCPUs, so "containers" is starred.
#[test]
fn sweep_marks_infeasible_steps_in_every_format() {
    let file = "scenarios/three-tier.toml";
    let args = |format: &str| {
        vec![
            "sweep",
            file,
            "--vary",
            "workload.requests_per_month",
            "--from",
            "30000000",
            "--to",
            "1000000000",
            "--steps",
            "2",
            "--format",
            format,
        ]
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>()
    };
    let run_owned = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        run(&refs)
    };
    let (_, table) = run_owned(args("table"));
    let last = table.lines().find(|l| l.contains("1,000,000,000")).unwrap();
    assert!(
        last.contains("$1,396.84 *") && last.contains("$1,294.19 ✗"),
        "{last}"
    );
    let (_, csv) = run_owned(args("csv"));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with("serverless feasible,containers feasible,traditional feasible"));
    assert!(lines[1].ends_with("true,true,true"), "{}", lines[1]);
    assert!(lines[2].ends_with("true,true,false"), "{}", lines[2]);
    let (_, json) = run_owned(args("json"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["rows"][1]["feasible"]["traditional"], false);
    assert_eq!(v["rows"][1]["feasible"]["containers"], true);
    // The chart dashes the stretch and says so in its legend.
    let tmp = tempfile::tempdir().unwrap();
    let svg = tmp.path().join("sweep.svg");
    let mut chart = args("table");
    chart.extend(["--chart".to_string(), svg.display().to_string()]);
    chart[9] = "8".to_string();
    assert_eq!(run_owned(chart).0, Some(0));
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.contains("dashed: cannot run there"), "legend");
    assert!(
        svg.contains("(traditional cannot run here)"),
        "crossing key"
    );
}

/// Break-even entries carry `feasible`; a crossing where one side cannot run is still reported,
/// marked, in JSON and in words.
#[test]
fn breakeven_marks_crossings_where_a_side_cannot_run() {
    let file = "scenarios/three-tier.toml";
    let (_, json) = run(&[
        "breakeven",
        file,
        "--vary",
        "workload.requests_per_month",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let all = v["breakeven"].as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["feasible"]["serverless"], true);
    assert_eq!(all[0]["feasible"]["containers"], true);
    assert!(all[0].get("ruled_out_by").is_none());
    assert_eq!(all[1]["feasible"]["traditional"], false);
    assert_eq!(all[1]["ruled_out_by"]["traditional"][0], "ec2.cpu");
    let (_, text) = run(&["breakeven", file, "--vary", "workload.requests_per_month"]);
    assert!(
        text.contains("; traditional cannot run the workload there (ec2.cpu)"),
        "{text}"
    );
    assert!(text.contains("not traditional"), "{text}");
}

/// The report's cost-vs-load chart and crossings table show the same.
#[test]
fn report_marks_infeasible_stretches_and_crossings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    let status = bin()
        .current_dir(repo())
        .args(["report", "scenarios/slow-endpoints.toml", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success());
    let svg = std::fs::read_to_string(out.join("cost-vs-load.svg")).unwrap();
    assert!(svg.contains("sync-http-api: $73.41 — not feasible (apigw.http.integration_timeout_s)"));
    assert!(svg.contains("containers: $244.89 — cheapest feasible"));
    assert!(svg.contains("dashed: cannot run there"));
    let bars = std::fs::read_to_string(out.join("breakdown.svg")).unwrap();
    assert!(bars.contains("cheapest feasible") && bars.contains("not feasible"));
    let summary = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(summary.contains("**Cheapest feasible: containers — $244.89 per month**"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["cheapest_feasible"], "containers");
}

/// The lean evaluation of sweeps, break-even and charts judges feasibility and totals exactly as
/// the full one (same capacity plan): checked on every example scenario at five volumes.
#[test]
fn lean_and_full_evaluations_agree() {
    let catalog = bundled::catalog();
    let mut files: Vec<_> = std::fs::read_dir(repo().join("scenarios"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let s = sc::parse("s.toml", &text, catalog)
            .unwrap()
            .without_ranges();
        for volume in ["1000", "1000000", "30000000", "1000000000", "30000000000"] {
            let mut at = s.clone();
            sweep::set_key(&mut at, "workload.requests_per_month", d(volume)).unwrap();
            let full = compare::evaluate(&at, catalog).unwrap();
            let lean = compare::outcomes(&at, catalog).unwrap();
            for (f, l) in full.architectures.iter().zip(&lean) {
                let what = format!("{} {} at {volume}", path.display(), f.name);
                assert_eq!(f.monthly_usd, l.monthly_usd, "{what}");
                assert_eq!(f.feasible, l.feasible, "{what}");
                let ids: Vec<&str> = f.ruled_out_by.iter().map(|b| b.id.as_str()).collect();
                assert_eq!(ids, l.ruled_out_by, "{what}");
            }
        }
    }
}

/// Break-even through the library: the crossing's sides carry feasibility at its value.
#[test]
fn breakeven_library_fills_feasibility() {
    let text = std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap();
    let s = sc::parse("t.toml", &text, bundled::catalog()).unwrap();
    let found = breakeven::breakeven(
        &s,
        bundled::catalog(),
        "workload.requests_per_month",
        d("1000000"),
        d("80000000"),
        Some(("serverless".into(), "containers".into())),
    )
    .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].feasible.len(), 2);
    assert!(found[0].infeasible().next().is_none());
}
