//! Hand-computed cases for every service and billing rule (prices from pricing/catalog.csv,
//! arithmetic done by hand in the comments).
use crate::util::*;
use archcost::money;

fn one(
    region: &str,
    assumptions: &str,
    workload: &str,
    tiers: &str,
) -> archcost::compare::ArchReport {
    let rep = eval(&scenario(region, assumptions, workload, tiers));
    rep.architectures
        .into_iter()
        .next()
        .expect("one architecture")
}

const HTTP: &str = "web = { service = \"api-gateway\", api = \"http\" }";

#[test]
fn tier_edge_exactly_at_boundary_uses_one_tier() {
    // us-east-1 HTTP API: first 300M at $1.00/M. Exactly 300M -> one line, $300.
    let a = one("us-east-1", "", "requests_per_month = 300_000_000", HTTP);
    let lines: Vec<_> = a
        .lines()
        .filter(|(_, l)| l.id == "apigw.http.requests")
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(line_sum(&a, "apigw.http.requests"), d("300"));
}

#[test]
fn tier_edge_one_past_boundary_splits() {
    // 300,000,001 -> $300 + 1 x $0.0000009.
    let a = one("us-east-1", "", "requests_per_month = 300_000_001", HTTP);
    let lines: Vec<_> = a
        .lines()
        .filter(|(_, l)| l.id == "apigw.http.requests")
        .map(|(_, l)| l.clone())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1].quantity, d("1"));
    assert_eq!(line_sum(&a, "apigw.http.requests"), d("300.0000009"));
}

#[test]
fn tokyo_rest_tiers_across_two_edges() {
    // ap-northeast-1 REST: 333M x 4.25/M + 667M x 3.53/M + 100M x 3.00/M
    // = 1415.25 + 2354.51 + 300 = 4069.76
    let a = one(
        "ap-northeast-1",
        "",
        "requests_per_month = 1_100_000_000",
        "web = { service = \"api-gateway\" }",
    );
    assert_eq!(line_sum(&a, "apigw.rest.requests"), d("4069.76"));
}

#[test]
fn lambda_duration_tier_edge_6_billion_gb_s() {
    // x86 us-east-1: 6e9 GB-s exactly = 6e9 x 0.0000166667 = 100000.2; one more GB-s at 0.000015.
    // 6e9 GB-s = 6e9 requests x 1000 ms x 1 GB.
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 6_000_000_000\nduration_ms = 1000",
        "app = { service = \"lambda\", memory_mb = 1024 }",
    );
    assert_eq!(line_sum(&a, "lambda.duration"), d("100000.2"));
    // 2 ms more per request on a 500M-request month crosses nothing; instead add 1 GB-s:
    // 6e9 + 1 GB-s is reached by 6,000,000,001 requests of 1 s.
    let b = one(
        "us-east-1",
        "",
        "requests_per_month = 6_000_000_001\nduration_ms = 1000",
        "app = { service = \"lambda\", memory_mb = 1024 }",
    );
    assert_eq!(line_sum(&b, "lambda.duration"), d("100000.200015"));
}

#[test]
fn lambda_free_tier_on_and_off() {
    let w = "requests_per_month = 1_000_001\nduration_ms = 100";
    let app = "app = { service = \"lambda\", memory_mb = 128 }";
    // Off: 1,000,001 x 0.0000002 = 0.2000002; 100,000.1 s x 0.125 GB = 12,500.0125 GB-s x 0.0000166667
    let off = one("us-east-1", "free_tier = false", w, app);
    assert_eq!(line_sum(&off, "lambda.requests"), d("0.2000002"));
    assert_eq!(
        line_sum(&off, "lambda.duration"),
        d("12500.0125") * d("0.0000166667")
    );
    // On: 1 request billed; 12,500 GB-s is inside the 400,000 GB-s allowance -> 0.
    let on = one("us-east-1", "free_tier = true", w, app);
    assert_eq!(line_sum(&on, "lambda.requests"), d("0.0000002"));
    assert_eq!(line_sum(&on, "lambda.duration"), d("0"));
    // The allowance is shown as a zero-priced line.
    assert!(on.lines().any(|(_, l)| l.id == "lambda.requests"
        && l.price_key == "lambda.requests.free_tier"
        && l.quantity == d("1000000")));
}

#[test]
fn lambda_free_tier_does_not_apply_with_provisioned_concurrency() {
    let a = one("us-east-1", "free_tier = true", "requests_per_month = 1000\nduration_ms = 100", "app = { service = \"lambda\", memory_mb = 1024, provisioned_concurrency = 1, provisioned_hours = 1 }");
    assert_eq!(line_sum(&a, "lambda.requests"), d("0.0002"));
    // PC: 1 env x 1 GB x 3600 s = 3600 GB-s x 0.0000041667 = 0.01500012
    assert_eq!(
        line_sum(&a, "lambda.provisioned_concurrency"),
        d("0.01500012")
    );
}

#[test]
fn lambda_duration_rounds_up_to_1_ms() {
    // 120.2 ms bills 121 ms: 1M x 0.121 s x 1 GB = 121,000 GB-s.
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 1_000_000\nduration_ms = 120.2",
        "app = { service = \"lambda\", memory_mb = 1024 }",
    );
    assert_eq!(quantity_sum(&a, "lambda.duration"), d("121000"));
}

#[test]
fn lambda_arm_ephemeral_storage_and_provisioned_share() {
    // Tokyo arm64, 2048 MB, 1,536 MB /tmp (1 GB billed above 512 MB), 10M x 200 ms.
    // seconds = 2,000,000; GB-s = 4,000,000; half on provisioned environments.
    let a = one(
        "ap-northeast-1",
        "",
        "requests_per_month = 10_000_000\nduration_ms = 200",
        "app = { service = \"lambda\", memory_mb = 2048, arch = \"arm64\", ephemeral_storage_mb = 1536, provisioned_concurrency = 5, provisioned_requests_share = 0.5 }",
    );
    // on-demand 2,000,000 GB-s x 0.0000133334 = 26.6668
    assert_eq!(line_sum(&a, "lambda.duration"), d("26.6668"));
    // on provisioned 2,000,000 GB-s x 0.0000100492 = 20.0984
    assert_eq!(line_sum(&a, "lambda.provisioned_duration"), d("20.0984"));
    // PC: 5 x 2 GB x 730 h x 3600 s = 26,280,000 GB-s x 0.0000043068 = 113.182704
    assert_eq!(
        line_sum(&a, "lambda.provisioned_concurrency"),
        d("113.182704")
    );
    // /tmp: 2,000,000 s x 1 GB x 0.000000037 = 0.074
    assert_eq!(line_sum(&a, "lambda.ephemeral_storage"), d("0.074"));
}

#[test]
fn lambda_async_large_events_bill_extra_requests() {
    // 512 KB async event: 1 + ceil((512 - 256) / 64) = 5 requests each.
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 1000\nrequest_kb = 512",
        "app = { service = \"lambda\", invocation = \"async\" }",
    );
    assert_eq!(quantity_sum(&a, "lambda.requests"), d("5000"));
}

#[test]
fn lambda_in_vpc_adds_nat_gateway() {
    // 730 h x 0.045 = 32.85. Client requests and responses never pass the NAT gateway: no data
    // line by default. The function's own outbound calls, 1,048,576 x 10 KB = 10 GB x 0.045 = 0.45.
    let workload = "requests_per_month = 1_048_576\nrequest_kb = 2\nresponse_kb = 8";
    let a = one(
        "us-east-1",
        "",
        workload,
        "app = { service = \"lambda\", vpc = true }",
    );
    assert_eq!(line_sum(&a, "nat.hours"), d("32.85"));
    assert!(a.lines().all(|(_, l)| l.id != "nat.data"));
    let b = one(
        "us-east-1",
        "",
        workload,
        "app = { service = \"lambda\", vpc = true, nat_kb_per_request = 10 }",
    );
    assert_eq!(line_sum(&b, "nat.data"), d("0.45"));
}

#[test]
fn http_api_meters_512_kb_increments() {
    // 513 KB of request + response is two metered requests.
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 1000\nrequest_kb = 500\nresponse_kb = 13",
        HTTP,
    );
    assert_eq!(quantity_sum(&a, "apigw.http.requests"), d("2000"));
}

#[test]
fn websocket_messages_in_32_kb_increments_and_connection_minutes() {
    // 33 KB inbound = 2 messages, 1 KB outbound = 1 message -> 3 per request.
    // 100 average connections x 730 h x 60 = 4,380,000 minutes x 0.00000025 = 1.095
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 1_000_000\nrequest_kb = 33\nresponse_kb = 1",
        "web = { service = \"api-gateway\", api = \"websocket\", average_connections = 100 }",
    );
    assert_eq!(quantity_sum(&a, "apigw.websocket.messages"), d("3000000"));
    assert_eq!(line_sum(&a, "apigw.websocket.messages"), d("3"));
    assert_eq!(
        line_sum(&a, "apigw.websocket.connection_minutes"),
        d("1.095")
    );
}

#[test]
fn rest_cache_waf_and_private_endpoint() {
    // 1.6 GB cache: 730 x 0.038 = 27.74. WAF: 5 + 3 x 1 + 1M x 0.0000006 = 8.6.
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 1_000_000\nresponse_kb = 8",
        "web = { service = \"api-gateway\", cache_gb = 1.6, waf_rules = 3 }",
    );
    assert_eq!(line_sum(&a, "apigw.cache"), d("27.74"));
    assert_eq!(
        line_sum(&a, "waf.web_acl") + line_sum(&a, "waf.rules") + line_sum(&a, "waf.requests"),
        d("8.6")
    );
    // Private: 3 AZ x 730 x 0.01 = 21.9; data 1,048,576 x (0 + 8) KB = 8 GB x 0.01 = 0.08; no data out.
    let p = one(
        "us-east-1",
        "",
        "requests_per_month = 1_048_576\nresponse_kb = 8",
        "web = { service = \"api-gateway\", endpoint = \"private\", private_endpoint_azs = 3 }",
    );
    assert_eq!(line_sum(&p, "apigw.private_endpoint.hours"), d("21.9"));
    assert_eq!(line_sum(&p, "apigw.private_endpoint.data"), d("0.08"));
    assert!(p.tier("network").is_none());
}

#[test]
fn dynamodb_request_units_by_item_size() {
    // 8 KB items: strong read = 2 RRU, eventual = 1 RRU; 1.5 KB write = 2 WRU.
    let w = "requests_per_month = 1_000_000\ndb_reads_per_request = 1\ndb_writes_per_request = 1\nitem_kb = 8";
    let strong = one(
        "us-east-1",
        "",
        w,
        "db = { service = \"dynamodb\", consistency = \"strong\" }",
    );
    assert_eq!(quantity_sum(&strong, "dynamodb.reads"), d("2000000"));
    let eventual = one("us-east-1", "", w, "db = { service = \"dynamodb\" }");
    assert_eq!(quantity_sum(&eventual, "dynamodb.reads"), d("1000000"));
    assert_eq!(line_sum(&eventual, "dynamodb.reads"), d("0.125"));
    let small = one(
        "us-east-1",
        "",
        "requests_per_month = 1_000_000\ndb_writes_per_request = 1\nitem_kb = 1.5",
        "db = { service = \"dynamodb\" }",
    );
    assert_eq!(quantity_sum(&small, "dynamodb.writes"), d("2000000"));
    assert_eq!(line_sum(&small, "dynamodb.writes"), d("1.25"));
}

#[test]
fn dynamodb_provisioned_sized_from_peak_and_storage_free_tier() {
    // Flat 2,628,000 requests over 730 h = 1 rps. 10 eventual reads of 4 KB = 5 RCU/s -> /0.7 = 7.14 -> 8 RCU.
    // 2 writes of 4 KB = 8 WCU/s -> /0.7 = 11.43 -> 12 WCU.
    // Tokyo: 8 x 730 x 0.0001484 = 0.866656; 12 x 730 x 0.000742 = 6.49992.
    let workload = "requests_per_month = 2_628_000\ndb_reads_per_request = 10\ndb_writes_per_request = 2\nitem_kb = 4\nstorage_gb = 30";
    let db = "db = { service = \"dynamodb\", capacity = \"provisioned\" }";
    let a = one("ap-northeast-1", "", workload, db);
    assert_eq!(quantity_sum(&a, "dynamodb.rcu"), d("5840"));
    assert_eq!(line_sum(&a, "dynamodb.rcu"), d("0.866656"));
    assert_eq!(line_sum(&a, "dynamodb.wcu"), d("6.49992"));
    assert_eq!(line_sum(&a, "dynamodb.storage"), d("30") * d("0.285"));
    // With the free tier, 8 RCU and 12 WCU fit in the always-free 25 RCU + 25 WCU, and
    // 30 GB - 25 GB free = 5 GB x 0.285 = 1.425.
    let free = one("ap-northeast-1", "free_tier = true", workload, db);
    assert_eq!(quantity_sum(&free, "dynamodb.rcu"), d("5840"));
    assert_eq!(line_sum(&free, "dynamodb.rcu"), d("0"));
    assert_eq!(line_sum(&free, "dynamodb.wcu"), d("0"));
    assert_eq!(line_sum(&free, "dynamodb.storage"), d("1.425"));
}

#[test]
fn fargate_windows_arm_eks_and_storage() {
    // Windows x86 Tokyo, 1 vCPU / 2 GB, 2 tasks all month: 1460 task-hours.
    let w = one(
        "ap-northeast-1",
        "",
        "requests_per_month = 0",
        "app = { service = \"fargate\", vcpu = 1, memory_gb = 2, os = \"windows\", tasks = 2 }",
    );
    assert_eq!(line_sum(&w, "fargate.vcpu"), d("1460") * d("0.058144"));
    assert_eq!(line_sum(&w, "fargate.memory"), d("2920") * d("0.0063595"));
    assert_eq!(
        line_sum(&w, "fargate.windows_license"),
        d("1460") * d("0.046")
    );
    // EKS on Fargate adds the cluster: 730 x 0.10 = 73; 50 GB storage = 30 GB billed.
    let e = one("us-east-1", "", "requests_per_month = 0", "app = { service = \"fargate\", vcpu = 0.25, memory_gb = 0.5, tasks = 1, platform = \"eks\", ephemeral_storage_gb = 50 }");
    assert_eq!(line_sum(&e, "eks.cluster"), d("73"));
    assert_eq!(
        line_sum(&e, "fargate.ephemeral_storage"),
        d("730") * d("30") * d("0.000111")
    );
    assert_eq!(line_sum(&e, "fargate.vcpu"), d("182.5") * d("0.04048"));
}

#[test]
fn fargate_spot_without_a_sourced_price_is_a_clear_error() {
    // No Fargate Spot price is bundled: no public source with a commit or offer version.
    let msg = eval_err(&scenario(
        "ap-northeast-1",
        "",
        "requests_per_month = 0",
        "app = { service = \"fargate\", vcpu = 1, memory_gb = 2, tasks = 1, spot_share = 0.5 }",
    ));
    assert!(msg.contains("fargate.spot_vcpu.linux.x86_64"), "{msg}");
    assert!(msg.contains("ap-northeast-1"), "{msg}");
    assert!(msg.contains("fargate"), "{msg}");
    assert!(msg.contains("discount_pct"), "{msg}");
    assert!(msg.contains("no region has it"), "{msg}");
}

#[test]
fn ec2_fixed_fleet_with_ebs_and_rds() {
    // 2 x t3.small us-east-1: 1460 h x 0.0208 = 30.368; EBS 2 x 50 GB x 0.08 = 8.
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 0",
        "web = { service = \"ec2\", instance = \"t3.small\", count = 2, ebs_gb = 50 }",
    );
    assert_eq!(line_sum(&a, "ec2.instances"), d("30.368"));
    assert_eq!(line_sum(&a, "ec2.ebs"), d("8"));
    // RDS PostgreSQL db.r6g.large Multi-AZ Tokyo: 730 x 0.54 = 394.2; storage below 20 GB bills 20 GB:
    // 20 x 0.276 = 5.52.
    let r = one("ap-northeast-1", "", "requests_per_month = 0\nstorage_gb = 5", "db = { service = \"rds\", engine = \"postgresql\", instance = \"db.r6g.large\", multi_az = true }");
    assert_eq!(line_sum(&r, "rds.instance"), d("394.2"));
    assert_eq!(line_sum(&r, "rds.storage"), d("5.52"));
}

#[test]
fn data_transfer_tiers_with_free_tier() {
    // Free 100 GB, then 10,240 GB at 0.09 (us-east-1), then 10 GB at 0.085.
    // 10,350 GB = 10,852,761,600 KB = 1,085,276,160 requests x 10 KB.
    let on = one(
        "us-east-1",
        "free_tier = true",
        "requests_per_month = 1_085_276_160\nresponse_kb = 10",
        "web = { service = \"alb\" }",
    );
    assert_eq!(line_sum(&on, "data_transfer.out"), d("921.6") + d("0.85"));
    let off = one(
        "us-east-1",
        "free_tier = false",
        "requests_per_month = 1_085_276_160\nresponse_kb = 10",
        "web = { service = \"alb\" }",
    );
    // 10,240 x 0.09 + 110 x 0.085 = 921.6 + 9.35
    assert_eq!(line_sum(&off, "data_transfer.out"), d("930.95"));
}

#[test]
fn extras_nat_ecr_eks_and_explicit_data_out() {
    let text = "name = \"t\"\nregion = \"us-east-1\"\n[workload]\nrequests_per_month = 0\n[[architecture]]\nname = \"a\"\napp = { service = \"lambda\" }\nextras = { nat_gateways = 2, ecr_gb = 10, eks_clusters = 1, data_transfer_out_gb = 100 }\n";
    let rep = eval(text);
    let a = &rep.architectures[0];
    // 2 x 730 x 0.045 = 65.7; 10 x 0.10 = 1; 730 x 0.10 = 73; 100 GB x 0.09 = 9.
    assert_eq!(line_sum(a, "nat.hours"), d("65.7"));
    assert_eq!(line_sum(a, "ecr.storage"), d("1"));
    assert_eq!(line_sum(a, "eks.cluster"), d("73"));
    assert_eq!(line_sum(a, "data_transfer.out"), d("9"));
    assert_eq!(tier_usd(a, "extras"), d("74"));
    // The NAT gateways join the network model (tier `network`), each with its public IPv4
    // address: 2 x 730 x 0.005 = 7.3; network = 9 + 65.7 + 7.3 = 82.
    assert_eq!(line_sum(a, "nat.public_ipv4"), d("7.3"));
    assert_eq!(tier_usd(a, "network"), d("82"));
}

#[test]
fn totals_are_exact_sums_of_lines() {
    let rep = eval(&std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap());
    for a in &rep.architectures {
        let tiers: rust_decimal::Decimal = a.tiers.iter().map(|t| t.monthly_usd).sum();
        assert_eq!(tiers, a.monthly_usd);
        for t in &a.tiers {
            let lines: rust_decimal::Decimal = t.lines.iter().map(|l| l.monthly_usd).sum();
            assert_eq!(lines, t.monthly_usd);
            for l in &t.lines {
                assert_eq!(l.quantity * l.unit_price_usd, l.monthly_usd);
                assert!(
                    !l.source.is_empty() && !l.effective.is_empty(),
                    "{} untraceable",
                    l.id
                );
            }
        }
    }
}

#[test]
fn half_cent_rounds_away_from_zero_in_tables() {
    // DynamoDB storage 0.02 GB x $0.25 = $0.005 exactly -> shown as $0.01 (banker's gives $0.00).
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_month = 0\nstorage_gb = 0.02",
        "db = { service = \"dynamodb\" }",
    ));
    assert_eq!(rep.architectures[0].monthly_usd, d("0.005"));
    assert_eq!(money::usd(rep.architectures[0].monthly_usd), "$0.01");
    let table = archcost::report::table::render(&rep);
    assert!(table.contains("$0.01"), "{table}");
    // 0.015 -> 0.02, and yen: $0.01 x 150 = 1.5 yen -> 2 yen.
    assert_eq!(money::usd(d("0.015")), "$0.02");
    assert_eq!(money::jpy(d("0.01"), d("150")), "¥2");
}

#[test]
fn scaled_fargate_two_level_profile() {
    // 500 rps for 4 hours and 5 rps for 20 hours (weights 100 x4, 1 x20), 720 h month.
    // rps_per_task 50 -> 10 tasks x 4 h + 1 task x 20 h = 60 task-hours a day x 30 days = 1800.
    let mut weights = vec!["1"; 24];
    for w in weights.iter_mut().skip(10).take(4) {
        *w = "100";
    }
    let workload = format!(
        "requests_per_month = 223_200_000\nprofile = [{}]",
        weights.join(", ")
    );
    let a = one("us-east-1", "hours_per_month = 720", &workload, "app = { service = \"fargate\", vcpu = 1, memory_gb = 2, rps_per_task = 50, min_tasks = 1 }");
    assert_eq!(quantity_sum(&a, "fargate.vcpu"), d("1800"));
    assert_eq!(line_sum(&a, "fargate.vcpu"), d("1800") * d("0.04048"));
}

#[test]
fn dynamodb_capacity_modes_priced_against_each_other() {
    // Flat 1 rps, 1 eventual read (0.5 RRU) + 1 write per request, us-east-1.
    // On-demand: 1,314,000 x 0.000000125 + 2,628,000 x 0.000000625 = 0.16425 + 1.6425 = 1.80675.
    // Provisioned from the peak: ceil(0.5/0.7) = 1 RCU x 730 x 0.00013 = 0.0949;
    // ceil(1/0.7) = 2 WCU x 730 x 0.00065 = 0.949 -> 1.0439.
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 2_628_000\ndb_reads_per_request = 1\ndb_writes_per_request = 1",
        "db = { service = \"dynamodb\" }",
    );
    assert_eq!(tier_usd(&a, "db"), d("1.80675"));
    assert_eq!(a.notes, vec!["DynamoDB on-demand: $1.81 per month; provisioned (sized from the peak hour) would be $1.04 for the same load".to_string()]);
}

#[test]
fn profile_changes_fargate_cost_but_not_lambda_cost() {
    // Same month (223.2M requests, 720 h): flat = 86.11 rps every hour -> 2 tasks of 50 rps all
    // month (1,440 task-hours); two-level (500 rps x 4 h, 5 rps x 20 h) -> 1,800 task-hours.
    // Lambda bills requests and GB-s, so its cost does not depend on the shape.
    let mut weights = vec!["1"; 24];
    for w in weights.iter_mut().skip(10).take(4) {
        *w = "100";
    }
    let shapes = [
        ("\"flat\"".to_string(), "1440"),
        (format!("[{}]", weights.join(", ")), "1800"),
    ];
    let mut lambda_costs = Vec::new();
    for (profile, task_hours) in shapes {
        let text = format!(
            "name = \"p\"\nregion = \"us-east-1\"\n[assumptions]\nhours_per_month = 720\n[workload]\nrequests_per_month = 223_200_000\nprofile = {profile}\nduration_ms = 100\n\
             [[architecture]]\nname = \"lambda\"\napp = {{ service = \"lambda\", memory_mb = 512, logs = false }}\n\
             [[architecture]]\nname = \"fargate\"\napp = {{ service = \"fargate\", vcpu = 1, memory_gb = 2, rps_per_task = 50 }}\n"
        );
        let rep = eval(&text);
        let fargate = rep.arch("fargate").unwrap();
        assert_eq!(
            quantity_sum(fargate, "fargate.vcpu"),
            d(task_hours),
            "{profile}"
        );
        lambda_costs.push(rep.arch("lambda").unwrap().monthly_usd);
    }
    // 223.2M x 0.0000002 + 223.2M x 0.1 s x 0.5 GB x 0.0000166667 = 44.64 + 186.0003...
    assert_eq!(lambda_costs[0], lambda_costs[1]);
    assert_eq!(
        lambda_costs[0],
        d("44.64") + d("11160000") * d("0.0000166667")
    );
}

#[test]
fn presets_put_the_peak_where_their_names_say() {
    for (preset, peak_hour) in [
        ("business-hours", 9),
        ("evening-peak", 19),
        ("night-batch", 1),
        ("spiky", 12),
    ] {
        let mut w: archcost::scenario::Workload =
            toml::from_str(&format!("requests_per_month = 1\nprofile = \"{preset}\"")).unwrap();
        w.peak_to_average = d("1");
        let load = archcost::capacity::Load::new(&w, d("2628000"), d("730"));
        assert_eq!(load.peak().hour, peak_hour, "{preset}");
        let shares: rust_decimal::Decimal = load.hours.iter().map(|h| load.share(h)).sum();
        assert!(
            (shares - d("1")).abs() < d("0.000000000001"),
            "{preset} shares sum to {shares}"
        );
    }
}

#[test]
fn peak_to_average_scales_capacity_not_volume() {
    // Flat 100 rps; bursts of 3x need 300 rps of tasks: ceil(300 / 50) = 6 tasks all month.
    let a = one(
        "us-east-1",
        "",
        "requests_per_second = 100\npeak_to_average = 3",
        "app = { service = \"fargate\", vcpu = 1, memory_gb = 2, rps_per_task = 50 }",
    );
    assert_eq!(quantity_sum(&a, "fargate.vcpu"), d("4380"));
}
