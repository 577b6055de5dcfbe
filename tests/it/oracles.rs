//! AWS's own published worked examples (the service pricing pages' "Pricing examples"), reproduced
//! to the cent through scenario files. Each test names the example and its printed total. AWS's
//! examples price the compute alone, so these scenarios turn off what the examples leave out
//! (CloudWatch Logs: `logs = false`; the egress path: `network = { egress = "none" }`).
use crate::util::*;

/// Lambda pricing page, "Example 1: Mobile application backend" (us-east-1, free tier applied):
/// 3M requests, 120 ms, 1536 MB -> compute $2.33 + requests $0.40 = $2.73.
#[test]
fn lambda_mobile_backend_2_73() {
    let rep = eval(&scenario(
        "us-east-1",
        "free_tier = true",
        "requests_per_month = 3_000_000\nduration_ms = 120",
        "app = { service = \"lambda\", memory_mb = 1536, logs = false }",
    ));
    let a = only(&rep);
    // 540,000 GB-s - 400,000 free = 140,000 x 0.0000166667 = 2.333338
    assert_eq!(line_sum(a, "lambda.duration"), d("2.333338"));
    assert_eq!(to_cents(line_sum(a, "lambda.duration")), d("2.33"));
    assert_eq!(line_sum(a, "lambda.requests"), d("0.4"));
    assert_eq!(to_cents(a.monthly_usd), d("2.73"));
}

/// Lambda pricing page, "Example 2: Enriching streaming telemetry": 10,000 x 24 x 31 = 7.44M
/// requests, 2 s, 1024 MB, no free tier -> $1.49 + $248.00 = $249.49.
#[test]
fn lambda_telemetry_249_49() {
    let rep = eval(&scenario(
        "us-east-1",
        "free_tier = false",
        "requests_per_month = 7_440_000\nduration_ms = 2000",
        "app = { service = \"lambda\", memory_mb = 1024, logs = false }",
    ));
    let a = only(&rep);
    assert_eq!(line_sum(a, "lambda.requests"), d("1.488"));
    assert_eq!(line_sum(a, "lambda.duration"), d("248.000496"));
    assert_eq!(to_cents(a.monthly_usd), d("249.49"));
}

/// Fargate pricing page, Example 1 (Linux/x86, ECS): 5 tasks x 10 min a day x 30 days = 5 hours
/// each, 1 vCPU, 2 GB, 30 GB ephemeral storage -> $1.01 + $0.22 + $0.03 = $1.26.
#[test]
fn fargate_linux_example_1_26() {
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_month = 0",
        "app = { service = \"fargate\", vcpu = 1, memory_gb = 2, ephemeral_storage_gb = 30, tasks = 5, running_hours = 5 }\nnetwork = { egress = \"none\" }",
    ));
    let a = only(&rep);
    assert_eq!(to_cents(line_sum(a, "fargate.vcpu")), d("1.01"));
    assert_eq!(to_cents(line_sum(a, "fargate.memory")), d("0.22"));
    assert_eq!(
        to_cents(line_sum(a, "fargate.ephemeral_storage")),
        d("0.03")
    );
    assert_eq!(to_cents(a.monthly_usd), d("1.26"));
}

/// API Gateway pricing page, HTTP APIs Example 1: 10,000 page loads a minute for 30 days =
/// 432M requests of 12 KB + 46 KB -> 300M x $1.00 + 132M x $0.90 = $418.80.
#[test]
fn http_api_example_1_418_80() {
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_month = 432_000_000\nrequest_kb = 12\nresponse_kb = 46",
        "web = { service = \"api-gateway\", api = \"http\" }",
    ));
    let a = only(&rep);
    assert_eq!(tier_usd(a, "web"), d("418.8"));
    // Two tier lines with the same id.
    assert_eq!(
        a.lines()
            .filter(|(_, l)| l.id == "apigw.http.requests")
            .count(),
        2
    );
}

/// API Gateway pricing page, HTTP APIs Example 2: 25 uploads a minute for 30 days of 4.5 MB,
/// metered in 512 KB increments = 9,720,000 requests -> $9.72.
#[test]
fn http_api_example_2_9_72() {
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_month = 1_080_000\nrequest_kb = 4608",
        "web = { service = \"api-gateway\", api = \"http\" }",
    ));
    let a = only(&rep);
    assert_eq!(quantity_sum(a, "apigw.http.requests"), d("9720000"));
    assert_eq!(tier_usd(a, "web"), d("9.72"));
}

/// API Gateway pricing page, REST example: 5M calls with 3 KB responses, no caching ->
/// $17.50 requests + 14.3 GB x $0.09 = $1.29 data transfer -> $18.79.
#[test]
fn rest_api_example_18_79() {
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_month = 5_000_000\nresponse_kb = 3",
        "web = { service = \"api-gateway\", api = \"rest\" }",
    ));
    let a = only(&rep);
    assert_eq!(tier_usd(a, "web"), d("17.5"));
    assert_eq!(to_cents(line_sum(a, "data_transfer.out")), d("1.29"));
    assert_eq!(to_cents(a.monthly_usd), d("18.79"));
}

/// ELB pricing page's ALB example (us-east-1), as quoted: 1 new connection/s lasting 2 minutes,
/// 5 requests/s, 300 KB/s processed, 60 rules -> max(0.04, 0.04, 1.08, 0.25) = 1.08 LCU ->
/// $0.00864 per hour. Processed bytes use the example's 1 GB = 1,000,000 KB.
#[test]
fn alb_lcu_example_1_08() {
    let rep = eval(&scenario(
        "us-east-1",
        "hours_per_month = 730",
        "requests_per_second = 5\nrequest_kb = 10\nresponse_kb = 50",
        "web = { service = \"alb\", rules = 60, requests_per_connection = 5, connection_duration_s = 120 }",
    ));
    let a = only(&rep);
    assert_eq!(quantity_sum(a, "alb.lcu"), d("1.08") * d("730"));
    assert_eq!(line_sum(a, "alb.lcu"), d("0.00864") * d("730"));
    assert_eq!(line_sum(a, "alb.hours"), d("0.0225") * d("730"));
}
