//! Limits: each checked limit at, just below and just above its value; quota overrides;
//! exit code 3 end to end. Limit values are the sourced ones in limits/limits.csv.
use crate::util::*;
use archcost::limits::Status;

/// Status of finding `id` for a one-architecture scenario.
fn status(assumptions_and_quotas: &str, workload: &str, tiers: &str, id: &str) -> Status {
    let rep = eval(&scenario(
        "us-east-1",
        assumptions_and_quotas,
        workload,
        tiers,
    ));
    let a = only(&rep);
    a.limits
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no finding {id} in {:#?}", a.limits))
        .status
}

fn around(
    workload_of: impl Fn(&str) -> String,
    tiers: &str,
    id: &str,
    below: &str,
    at: &str,
    above: &str,
) {
    assert_eq!(
        status("", &workload_of(below), tiers, id),
        Status::Warning,
        "{id} just below"
    );
    assert_eq!(
        status("", &workload_of(at), tiers, id),
        Status::Warning,
        "{id} at the limit"
    );
    assert_eq!(
        status("", &workload_of(above), tiers, id),
        Status::Exceeded,
        "{id} just above"
    );
}

const LAMBDA: &str = "app = { service = \"lambda\", memory_mb = 1024 }";

#[test]
fn lambda_timeout_900_s() {
    around(
        |ms| format!("requests_per_month = 10\nduration_ms = {ms}"),
        LAMBDA,
        "lambda.timeout_s.max",
        "899999",
        "900000",
        "900001",
    );
    assert_eq!(
        status(
            "",
            "requests_per_month = 10\nduration_ms = 1000",
            LAMBDA,
            "lambda.timeout_s.max"
        ),
        Status::Ok
    );
}

#[test]
fn lambda_payload_6_mb_sync_1_mb_async() {
    around(
        |kb| format!("requests_per_month = 10\nrequest_kb = {kb}"),
        LAMBDA,
        "lambda.payload_mb.sync_request",
        "6143",
        "6144",
        "6145",
    );
    around(
        |kb| format!("requests_per_month = 10\nresponse_kb = {kb}"),
        LAMBDA,
        "lambda.payload_mb.sync_response",
        "6143",
        "6144",
        "6145",
    );
    around(
        |kb| format!("requests_per_month = 10\nrequest_kb = {kb}"),
        "app = { service = \"lambda\", invocation = \"async\" }",
        "lambda.payload_mb.async",
        "1023",
        "1024",
        "1025",
    );
}

#[test]
fn lambda_concurrency_1000_and_quota_override() {
    // Flat rps x 10 s: 99.9 -> 999, 100 -> 1000, 100.1 -> 1001 concurrent executions.
    around(
        |rps| format!("requests_per_second = {rps}\nduration_ms = 10000"),
        LAMBDA,
        "lambda.concurrent_executions",
        "99.9",
        "100",
        "100.1",
    );
    // The account's applied quota of 3,000 turns `exceeded` into `ok`.
    let text = scenario(
        "us-east-1",
        "",
        "requests_per_second = 200\nduration_ms = 10000",
        LAMBDA,
    );
    let exceeded = eval(&text);
    assert_eq!(
        exceeded.architectures[0]
            .limits
            .iter()
            .find(|f| f.id == "lambda.concurrent_executions")
            .unwrap()
            .status,
        Status::Exceeded
    );
    let raised = eval(&format!(
        "{text}[quotas]\n\"lambda.concurrent_executions\" = 3000\n"
    ));
    let f = raised.architectures[0]
        .limits
        .iter()
        .find(|f| f.id == "lambda.concurrent_executions")
        .unwrap();
    assert_eq!(f.status, Status::Ok);
    assert_eq!(f.limit, "3,000");
    assert!(f.source.contains("[quotas]"));
}

#[test]
fn api_gateway_timeouts_29_and_30_s() {
    let http = "web = { service = \"api-gateway\", api = \"http\" }";
    around(
        |ms| format!("requests_per_month = 10\nduration_ms = {ms}"),
        http,
        "apigw.http.integration_timeout_s",
        "29999",
        "30000",
        "30001",
    );
    let edge = "web = { service = \"api-gateway\", endpoint = \"edge\" }";
    around(
        |ms| format!("requests_per_month = 10\nduration_ms = {ms}"),
        edge,
        "apigw.rest.integration_timeout_s.edge",
        "28999",
        "29000",
        "29001",
    );
    // Regional REST: a quota; raising it makes a 40 s integration ok.
    let regional = "web = { service = \"api-gateway\" }";
    assert_eq!(
        status(
            "",
            "requests_per_month = 10\nduration_ms = 40000",
            regional,
            "apigw.rest.integration_timeout_s.regional"
        ),
        Status::Exceeded
    );
    let rep = eval(&format!(
        "{}[quotas]\n\"apigw.rest.integration_timeout_s.regional\" = 60\n",
        scenario(
            "us-east-1",
            "",
            "requests_per_month = 10\nduration_ms = 40000",
            regional
        )
    ));
    assert_eq!(
        rep.architectures[0]
            .limits
            .iter()
            .find(|f| f.id == "apigw.rest.integration_timeout_s.regional")
            .unwrap()
            .status,
        Status::Ok
    );
}

#[test]
fn api_gateway_payload_throttle_and_websocket_message() {
    let http = "web = { service = \"api-gateway\", api = \"http\" }";
    around(
        |kb| format!("requests_per_month = 10\nresponse_kb = {kb}"),
        http,
        "apigw.http.payload_mb",
        "10239",
        "10240",
        "10241",
    );
    around(
        |rps| format!("requests_per_second = {rps}"),
        http,
        "apigw.account.throttle_rps",
        "9999",
        "10000",
        "10001",
    );
    let ws = "web = { service = \"api-gateway\", api = \"websocket\" }";
    around(
        |kb| format!("requests_per_month = 10\nrequest_kb = {kb}"),
        ws,
        "apigw.websocket.message_kb",
        "127",
        "128",
        "129",
    );
}

#[test]
fn dynamodb_item_size_and_table_throughput() {
    let db = "db = { service = \"dynamodb\", consistency = \"strong\" }";
    around(
        |kb| format!("requests_per_month = 10\nitem_kb = {kb}"),
        db,
        "dynamodb.item_size_kb",
        "399",
        "400",
        "401",
    );
    // Strong reads of 4 KB: 1 unit each; 40,000 reads/s is the table default.
    around(
        |rps| format!("requests_per_second = {rps}\ndb_reads_per_request = 1\nitem_kb = 4"),
        db,
        "dynamodb.table.read_units_per_s",
        "39999",
        "40000",
        "40001",
    );
    around(
        |rps| format!("requests_per_second = {rps}\ndb_writes_per_request = 1"),
        db,
        "dynamodb.partition.write_units_per_s",
        "999",
        "1000",
        "1001",
    );
}

#[test]
fn fargate_vcpu_quota_and_max_tasks() {
    let tasks = |n: &str| {
        format!("app = {{ service = \"fargate\", vcpu = 1, memory_gb = 2, tasks = {n} }}")
    };
    assert_eq!(
        status(
            "",
            "requests_per_month = 0",
            &tasks("5"),
            "fargate.on_demand_vcpu_quota"
        ),
        Status::Warning
    );
    assert_eq!(
        status(
            "",
            "requests_per_month = 0",
            &tasks("6"),
            "fargate.on_demand_vcpu_quota"
        ),
        Status::Warning
    );
    assert_eq!(
        status(
            "",
            "requests_per_month = 0",
            &tasks("7"),
            "fargate.on_demand_vcpu_quota"
        ),
        Status::Exceeded
    );
    // 500 rps at 100 rps per task needs 5 tasks; max_tasks 4 leaves 100 rps unserved.
    let rep = eval(&scenario("us-east-1", "", "requests_per_second = 500", "app = { service = \"fargate\", vcpu = 0.25, memory_gb = 0.5, rps_per_task = 100, max_tasks = 4 }"));
    let f = rep.architectures[0]
        .limits
        .iter()
        .find(|f| f.id == "fargate.max_tasks")
        .unwrap();
    assert_eq!(f.status, Status::Exceeded);
    assert!(
        f.message.contains("100 requests/s unserved"),
        "{}",
        f.message
    );
}

#[test]
fn rds_connections_from_instance_memory() {
    // db.t4g.micro MySQL: 1 GiB / 12,582,880 = 85.3 -> 85 connections.
    // Flat 85 rps x 1 s = 85 in flight (warning), 86 -> exceeded (RDS Proxy suggested).
    let tiers = "app = { service = \"lambda\" }\ndb = { service = \"rds\", engine = \"mysql\", instance = \"db.t4g.micro\" }";
    let find = |rps: &str| {
        let rep = eval(&scenario(
            "us-east-1",
            "",
            &format!("requests_per_second = {rps}\nduration_ms = 1000"),
            tiers,
        ));
        rep.architectures[0]
            .limits
            .iter()
            .find(|f| f.id == "rds.max_connections")
            .cloned()
            .unwrap()
    };
    let at = find("85");
    assert_eq!((at.status, at.limit.as_str()), (Status::Warning, "85"));
    let above = find("86");
    assert_eq!(above.status, Status::Exceeded);
    assert!(above.remedy.contains("RDS Proxy"));
    // PostgreSQL: 1 GiB / 9,531,392 = 112.6 -> 112.
    let pg = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_second = 1",
        "db = { service = \"rds\", engine = \"postgresql\", instance = \"db.t4g.micro\" }",
    ));
    assert_eq!(pg.architectures[0].limits[0].limit, "112");
}

#[test]
fn every_finding_has_a_source_and_flagged_ones_a_remedy() {
    for file in [
        "three-tier.toml",
        "high-traffic.toml",
        "slow-endpoints.toml",
        "internal-tool.toml",
    ] {
        let rep = eval(&std::fs::read_to_string(repo().join("scenarios").join(file)).unwrap());
        for a in &rep.architectures {
            assert!(!a.limits.is_empty(), "{file} {}", a.name);
            for f in &a.limits {
                assert!(!f.source.is_empty(), "{file}: {} has no source", f.id);
                if f.status != Status::Ok {
                    assert!(!f.remedy.is_empty(), "{file}: {} has no remedy", f.id);
                }
            }
        }
    }
}

#[test]
fn quotas_table_rejects_unknown_ids_and_hard_limits() {
    let base = scenario("us-east-1", "", "requests_per_month = 1", LAMBDA);
    let msg = eval_err(&format!(
        "{base}[quotas]\n\"lambda.concurent_executions\" = 5\n"
    ));
    assert!(
        msg.contains("did you mean \"lambda.concurrent_executions\"?"),
        "{msg}"
    );
    let msg = eval_err(&format!(
        "{base}[quotas]\n\"lambda.timeout_s.max\" = 2000\n"
    ));
    assert!(msg.contains("not a raisable quota"), "{msg}");
}

#[test]
fn limits_command_exit_codes() {
    let s = |f: &str| repo().join("scenarios").join(f);
    // Hard limits exceeded: exit 3, remedies printed.
    let out = bin()
        .arg("limits")
        .arg(s("slow-endpoints.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Step Functions"), "{text}");
    assert!(text.contains("apigw.http.integration_timeout_s"));
    // compare still prices it (exit 0) but --strict makes it 3.
    bin()
        .arg("compare")
        .arg(s("slow-endpoints.toml"))
        .assert()
        .code(0);
    bin()
        .args(["compare", "--strict"])
        .arg(s("slow-endpoints.toml"))
        .assert()
        .code(3);
    // Only a quota exceeded (Fargate vCPUs at the peak): 0, or 3 with --strict.
    bin()
        .arg("limits")
        .arg(s("high-traffic.toml"))
        .assert()
        .code(0);
    bin()
        .args(["limits", "--strict"])
        .arg(s("high-traffic.toml"))
        .assert()
        .code(3);
    bin()
        .arg("limits")
        .arg(s("three-tier.toml"))
        .assert()
        .code(0);
    // JSON shape.
    let out = bin()
        .args(["limits", "--format", "json"])
        .arg(s("three-tier.toml"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "archcost/limits/1");
    assert!(v["architectures"][0]["limits"][0]["status"].is_string());
}

#[test]
fn limits_table_is_complete() {
    let t = archcost::limits::table();
    assert!(t.rows.len() > 100);
    for id in [
        "lambda.timeout_s.max",
        "lambda.payload_mb.sync_request",
        "lambda.payload_mb.async",
        "lambda.concurrent_executions",
        "lambda.scaling.envs_per_10s",
        "apigw.account.throttle_rps",
        "apigw.rest.integration_timeout_s.edge",
        "apigw.http.integration_timeout_s",
        "apigw.websocket.message_kb",
        "dynamodb.item_size_kb",
        "dynamodb.partition.read_units_per_s",
        "dynamodb.table.read_units_per_s",
        "fargate.on_demand_vcpu_quota",
        "alb.targets_per_target_group",
        "rds.max_connections.mysql.divisor_bytes",
    ] {
        let row = t.rows.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(row.source.starts_with("https://"), "{id}: {}", row.source);
    }
    assert_eq!(t.rows["lambda.timeout_s.max"].value, d("900"));
    assert_eq!(t.rows["apigw.http.integration_timeout_s"].value, d("30"));
    assert_eq!(t.rows["dynamodb.item_size_kb"].value, d("400"));
    assert_eq!(t.rows["lambda.timeout_s.max"].kind, "hard");
    assert_eq!(t.rows["lambda.concurrent_executions"].kind, "quota");
}

#[test]
fn websocket_connection_duration_new_connections_and_frames() {
    let ws = |dur: &str, avg: &str| {
        format!("web = {{ service = \"api-gateway\", api = \"websocket\", average_connections = {avg}, connection_duration_s = {dur} }}")
    };
    // 2-hour maximum connection (hard).
    assert_eq!(
        status(
            "",
            "requests_per_month = 10",
            &ws("7199", "10"),
            "apigw.websocket.connection_duration_s"
        ),
        Status::Warning
    );
    assert_eq!(
        status(
            "",
            "requests_per_month = 10",
            &ws("7200", "10"),
            "apigw.websocket.connection_duration_s"
        ),
        Status::Warning
    );
    assert_eq!(
        status(
            "",
            "requests_per_month = 10",
            &ws("7201", "10"),
            "apigw.websocket.connection_duration_s"
        ),
        Status::Exceeded
    );
    assert_eq!(
        status(
            "",
            "requests_per_month = 10",
            &ws("60", "10"),
            "apigw.websocket.connection_duration_s"
        ),
        Status::Ok
    );
    // 500 new connections per second: 30,000 clients staying 60 s = 500/s; 30,060 -> 501/s.
    assert_eq!(
        status(
            "",
            "requests_per_month = 10",
            &ws("60", "30000"),
            "apigw.websocket.new_connections_per_s"
        ),
        Status::Warning
    );
    assert_eq!(
        status(
            "",
            "requests_per_month = 10",
            &ws("60", "30060"),
            "apigw.websocket.new_connections_per_s"
        ),
        Status::Exceeded
    );
    // Messages above 32 KB go in several frames: a warning, never `exceeded`.
    assert_eq!(
        status(
            "",
            "requests_per_month = 10\nrequest_kb = 40",
            &ws("60", "1"),
            "apigw.websocket.frame_kb"
        ),
        Status::Warning
    );
}

#[test]
fn limits_table_in_japanese() {
    let out = bin()
        .args(["limits", "--lang", "ja"])
        .arg(repo().join("scenarios/slow-endpoints.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("上限とクォータ"), "{text}");
    assert!(text.contains("超過 1 件"), "{text}");
    assert!(text.contains("30 秒"), "{text}");
    // Ids stay as they are, so a finding can be looked up in either language.
    assert!(text.contains("apigw.http.integration_timeou"), "{text}");
    let en = String::from_utf8(
        bin()
            .arg("limits")
            .arg(repo().join("scenarios/slow-endpoints.toml"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(en.contains("13 checks, 1 exceeded, 0 warnings"));
    assert!(!en.contains("上限"));
}
