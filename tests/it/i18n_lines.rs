//! Japanese line-item descriptions: every line the engine can produce gets one, English stays as is.
use crate::util::{eval, repo};
use archcost::compare::Report;
use archcost::report::i18n::Lang;
use archcost::report::i18n_lines::{
    description, description_ja, finding_message, note, unit, unit_ja,
};
use archcost::report::{csv, markdown, table};

/// A scenario that turns on every service option that adds or changes a line.
const EVERY_OPTION: &str = r#"
name = "every option"
region = "ap-northeast-1"
[assumptions]
hours_per_month = 730
free_tier = true
[workload]
requests_per_month = 900_000_000_000
duration_ms = 100
response_kb = 2000.0
storage_gb = 100.0
[[architecture]]
name = "rest"
web = { service = "api-gateway", api = "rest", cache_gb = 0.5, waf_rules = 3, endpoint = "private", private_endpoint_azs = 2 }
app = { service = "lambda", memory_mb = 2048, arch = "x86_64", ephemeral_storage_mb = 1024, provisioned_concurrency = 5, provisioned_requests_share = 0.3, vpc = true, nat_gateways = 2, nat_kb_per_request = 4 }
db  = { service = "dynamodb", capacity = "provisioned", rcu = 100, wcu = 50, table_class = "standard-ia" }
extras = { nat_gateways = 1, ecr_gb = 5, eks_clusters = 1, data_transfer_out_gb = 100 }
[[architecture]]
name = "http"
web = { service = "api-gateway", api = "http" }
app = { service = "lambda", memory_mb = 1024, arch = "arm64" }
db  = { service = "dynamodb", capacity = "on-demand" }
[[architecture]]
name = "ws"
web = { service = "api-gateway", api = "websocket", connection_minutes_per_month = 1_000_000 }
app = { service = "fargate", vcpu = 1, memory_gb = 2, os = "windows", ephemeral_storage_gb = 30, tasks = 2, spot_share = 0.0 }
db  = { service = "rds", engine = "postgresql", instance = "db.t4g.micro", multi_az = false, storage_type = "gp3" }
[[architecture]]
name = "eks"
web = { service = "alb", count = 2, waf_rules = 2 }
app = { service = "fargate", vcpu = 0.5, memory_gb = 1, tasks = 4, platform = "eks" }
db  = { service = "rds", engine = "mysql", instance = "db.t4g.medium", multi_az = true }
[[architecture]]
name = "ec2"
web = { service = "ec2", instance = "t3.small", rps_per_instance = 100, min = 2, max = 10 }
app = { service = "ec2", instance = "m5.large", count = 2, ebs_gb = 50 }
[[architecture]]
name = "ec2-alb"
web = { service = "ec2", instance = "t3.small", count = 2, load_balancer = "alb" }
app = { service = "fargate", vcpu = 0.5, memory_gb = 1, rps_per_task = 1000, min_tasks = 1, os = "linux" }
db  = { service = "dynamodb", capacity = "provisioned", rcu = 10, wcu = 10 }
[[architecture]]
name = "ec2-db"
app = { service = "fargate", vcpu = 1, memory_gb = 2, rps_per_task = 1000, min_tasks = 1, os = "windows" }
db  = { service = "ec2", instance = "r5.large", count = 1, ebs_gb = 100 }
[[architecture]]
name = "vpc-lambda"
app = { service = "lambda", vpc = true }
db  = { service = "dynamodb" }
"#;

fn reports() -> Vec<(String, Report)> {
    let mut out = vec![("every-option".to_string(), eval(EVERY_OPTION))];
    let mut files: Vec<_> = std::fs::read_dir(repo().join("scenarios"))
        .expect("scenarios/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for p in files {
        let text = std::fs::read_to_string(&p).expect("scenario");
        out.push((p.display().to_string(), eval(&text)));
    }
    out
}

/// Lower-case English words (3+ letters) of a description that are not names or settings
/// carried over as values (instance types, engines, CPU architectures, OS names).
fn english_words(s: &str) -> Vec<String> {
    const KEPT: &[&str] = &[
        "linux",
        "windows",
        "arm",
        "mysql",
        "postgresql",
        "small",
        "large",
        "medium",
        "micro",
        "xlarge",
    ];
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
        .filter(|w| !KEPT.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_line_has_a_japanese_description_and_unit() {
    let mut ids = std::collections::BTreeSet::new();
    for (name, rep) in reports() {
        for a in &rep.architectures {
            for (_, l) in a.lines() {
                ids.insert(l.id.clone());
                let ja = description_ja(&l.description).unwrap_or_else(|| {
                    panic!("{name}: no Japanese for {:?} ({})", l.description, l.id)
                });
                let left: Vec<_> = english_words(&ja);
                assert!(
                    left.is_empty(),
                    "{name}: {ja:?} keeps English words {left:?}"
                );
                assert!(unit_ja(&l.unit).is_some(), "{name}: unit {}", l.unit);
            }
            for n in &a.notes {
                assert_ne!(note(Lang::Ja, n), n.as_str(), "{name}: note {n}");
            }
        }
    }
    // The option scenario reaches every line id the services define.
    for id in [
        "alb.hours",
        "alb.lcu",
        "apigw.cache",
        "apigw.http.requests",
        "apigw.private_endpoint.data",
        "apigw.private_endpoint.hours",
        "apigw.rest.requests",
        "apigw.websocket.connection_minutes",
        "apigw.websocket.messages",
        "data_transfer.out",
        "dynamodb.rcu",
        "dynamodb.reads",
        "dynamodb.storage",
        "dynamodb.wcu",
        "dynamodb.writes",
        "ec2.ebs",
        "ec2.instances",
        "ecr.storage",
        "eks.cluster",
        "fargate.ephemeral_storage",
        "fargate.memory",
        "fargate.vcpu",
        "fargate.windows_license",
        "lambda.duration",
        "lambda.ephemeral_storage",
        "lambda.provisioned_concurrency",
        "lambda.provisioned_duration",
        "lambda.requests",
        "nat.data",
        "nat.hours",
        "rds.instance",
        "rds.storage",
        "vpc.public_ipv4",
        "waf.requests",
        "waf.rules",
        "waf.web_acl",
    ] {
        assert!(ids.contains(id), "no scenario produces {id}: {ids:?}");
    }
}

#[test]
fn hand_checked_three_tier_lambda_line() {
    let text =
        std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).expect("three-tier");
    let rep = eval(&text);
    let md = markdown::render_in(&rep, Lang::Ja);
    assert!(
        md.contains(
            "| アプリ層 | Lambda 実行時間 1024 MB arm64（最初の 75億 GB-秒） | `lambda.duration` |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| HTTP API リクエスト（512 KB 単位で計量）（最初の 3億 リクエスト） |"),
        "{md}"
    );
    assert!(md.contains("| GB-秒 |"), "{md}");
    let csv = String::from_utf8(csv::render_in(&rep, Lang::Ja, false)).expect("utf-8");
    // CSV: description translated, ids, units, keys and sources stay as they are.
    assert!(
        csv.contains(",lambda.duration,Lambda 実行時間 1024 MB arm64（最初の 75億 GB-秒）,"),
        "{csv}"
    );
    assert!(csv.contains(",GB-second,"), "{csv}");
}

#[test]
fn tiers_are_rebuilt_in_japanese() {
    let rep = eval(EVERY_OPTION);
    let lines: Vec<String> = rep
        .architectures
        .iter()
        .flat_map(|a| {
            a.lines()
                .map(|(_, l)| description(Lang::Ja, l).into_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    // 900B REST requests: the free 1M first, then the 333M / 667M / 19B / over-20B tiers.
    assert!(
        lines
            .iter()
            .any(|l| l == "Lambda リクエスト（無料枠 100万 リクエスト）"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("REST API リクエスト（最初の ")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("REST API リクエスト（次の ")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("REST API リクエスト（") && l.ends_with(" リクエスト 超）")),
        "{lines:?}"
    );
}

#[test]
fn english_output_does_not_change() {
    for (name, rep) in reports() {
        for a in &rep.architectures {
            for (_, l) in a.lines() {
                assert_eq!(description(Lang::En, l), l.description.as_str());
                assert_eq!(unit(Lang::En, &l.unit), l.unit.as_str());
            }
        }
        // English renderers carry no Japanese (the committed English snapshots pin the bytes).
        for text in [markdown::render(&rep), table::render(&rep)] {
            assert!(
                text.is_ascii() || !text.contains("リクエスト") && !text.contains("（"),
                "{name}"
            );
        }
    }
}

#[test]
fn common_limit_findings_are_translated() {
    const TRANSLATED: &[&str] = &[
        "lambda.timeout_s.max",
        "lambda.concurrent_executions",
        "apigw.account.throttle_rps",
        "dynamodb.item_size_kb",
        "fargate.on_demand_vcpu_quota",
        "rds.max_connections",
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (name, rep) in reports() {
        for a in &rep.architectures {
            for f in &a.limits {
                if TRANSLATED.contains(&f.id.as_str())
                    || (f.id.starts_with("apigw.") && f.id.contains(".integration_timeout_s"))
                {
                    seen.insert(f.id.clone());
                    let ja = finding_message(Lang::Ja, &f.message);
                    assert_ne!(ja, f.message.as_str(), "{name}: {} not translated", f.id);
                    let left = english_words(&ja.replace("max_connections", ""));
                    assert!(left.is_empty(), "{name}: {ja} keeps {left:?}");
                    assert_eq!(finding_message(Lang::En, &f.message), f.message.as_str());
                }
            }
        }
    }
    for id in TRANSLATED {
        assert!(seen.contains(*id), "no scenario checks {id}");
    }
    assert!(
        seen.contains("apigw.websocket.integration_timeout_s"),
        "{seen:?}"
    );
    assert!(
        seen.contains("apigw.rest.integration_timeout_s.private"),
        "{seen:?}"
    );
}
