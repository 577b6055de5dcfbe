//! Japanese line-item descriptions: every line the engine can produce gets one, English stays as is.
use crate::util::{bin, eval, repo};
use archcost::compare::Report;
use archcost::limits::Remedy;
use archcost::messages::{self, limit_unit_id, Msg, Value};
use archcost::report::i18n::Lang;
use archcost::report::i18n_lines::{
    description, finding_message, limit_unit, reason, remedies_ja, remedy, remedy_text, source,
    unit,
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
                // The English of the line's messages is its description, byte for byte.
                assert_eq!(
                    archcost::messages::render_all(&l.text, Lang::En),
                    l.description,
                    "{name}: {}",
                    l.id
                );
                let ja = description(Lang::Ja, l);
                let left: Vec<_> = english_words(&ja);
                assert!(
                    left.is_empty(),
                    "{name}: {ja:?} keeps English words {left:?}"
                );
                let unit_id = archcost::messages::unit_id(&l.unit);
                assert!(
                    archcost::messages::text(Lang::Ja, &unit_id).is_some(),
                    "{name}: unit {}",
                    l.unit
                );
            }
            assert_eq!(a.notes_in(Lang::En), a.notes, "{name}");
            for (n, ja) in a.notes.iter().zip(a.notes_in(Lang::Ja)) {
                assert_ne!(&ja, n, "{name}: note {n}");
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
                    let ja = finding_message(Lang::Ja, f);
                    assert_ne!(ja, f.message.as_str(), "{name}: {} not translated", f.id);
                    let left = english_words(&ja.replace("max_connections", ""));
                    assert!(left.is_empty(), "{name}: {ja} keeps {left:?}");
                    assert_eq!(finding_message(Lang::En, f), f.message.as_str());
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

/// A scenario that runs every limit check the engine has (settings included), except the Spot
/// notice (the bundled catalog has no Fargate Spot price; its message has a unit test).
const EVERY_CHECK: &str = r#"
name = "every check"
region = "ap-northeast-1"
[assumptions]
hours_per_month = 730
[workload]
requests_per_month = 30_000_000_000
peak_to_average = 3
duration_ms = 2000
request_kb = 2000.0
response_kb = 2000.0
item_kb = 500.0
db_reads_per_request = 1
db_writes_per_request = 1
[quotas]
"lambda.concurrent_executions" = 2000
[[architecture]]
name = "rest"
web = { service = "api-gateway", api = "rest", endpoint = "edge", timeout_s = 1, throttle_rps = 100 }
app = { service = "lambda", timeout_s = 1 }
db  = { service = "dynamodb", capacity = "provisioned", rcu = 10, wcu = 10 }
[[architecture]]
name = "ws"
web = { service = "api-gateway", api = "websocket", average_connections = 100000, connection_duration_s = 10000 }
app = { service = "lambda", invocation = "async" }
db  = { service = "dynamodb" }
[[architecture]]
name = "private"
web = { service = "api-gateway", api = "rest", endpoint = "private" }
app = { service = "lambda" }
[[architecture]]
name = "regional"
web = { service = "api-gateway", api = "rest", endpoint = "regional" }
app = { service = "lambda" }
[[architecture]]
name = "alb-lambda"
web = { service = "alb" }
app = { service = "lambda" }
[[architecture]]
name = "fargate"
web = { service = "alb" }
app = { service = "fargate", vcpu = 1, memory_gb = 2, rps_per_task = 100, max_tasks = 5 }
db  = { service = "rds", engine = "postgresql", instance = "db.t4g.micro", multi_az = false }
[[architecture]]
name = "fargate-fixed"
app = { service = "fargate", vcpu = 1, memory_gb = 2, tasks = 2 }
db  = { service = "rds", engine = "mysql", instance = "db.t4g.micro", multi_az = false }
[[architecture]]
name = "ec2"
web = { service = "ec2", instance = "t3.small", rps_per_instance = 100, min = 2, max = 10, load_balancer = "alb" }
app = { service = "ec2", instance = "t4g.small", count = 2 }
"#;

/// Runs of `at_least` or more lower-case English words in `text`, outside URLs, ids and keys.
///
/// Words are split on white space; any character outside ASCII (Japanese, table borders) ends a
/// run. A token with `/`, `.`, `_`, `=`, `@`, a backtick or a digit (URLs, dotted ids, snake_case
/// keys, `ids`, numbers) is not a word and ends a run too; capitalised words (service names)
/// end a run. Each name in `names` (scenario and architecture names, written by the user) is
/// blanked out first.
fn english_runs(text: &str, names: &[String], at_least: usize) -> Vec<String> {
    let mut text = text.to_string();
    let mut names: Vec<&String> = names.iter().filter(|n| !n.is_empty()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names {
        text = text.replace(n.as_str(), "\u{3000}");
    }
    let is_word = |t: &str| {
        let t = t.trim_matches(|c: char| "()[]{},;:!?\"'".contains(c));
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '\'')
            && t.chars().any(|c| c.is_ascii_lowercase())
    };
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut flush = |run: &mut Vec<String>| {
        if run.len() >= at_least {
            out.push(run.join(" "));
        }
        run.clear();
    };
    for piece in text.split(|c: char| !c.is_ascii()) {
        for token in piece.split_ascii_whitespace() {
            if is_word(token) {
                run.push(token.to_string());
            } else {
                flush(&mut run);
            }
        }
        flush(&mut run);
    }
    out
}

#[test]
fn english_run_checker() {
    let none: &[String] = &[];
    assert_eq!(
        english_runs("│ Use async invocation with polling or a ┆", none, 4),
        ["async invocation with polling or a"]
    );
    assert!(english_runs(
        "出典: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html（転載）",
        none,
        4
    )
    .is_empty());
    assert!(english_runs(
        "`lambda.concurrent_executions` max_connections of the ids",
        none,
        4
    )
    .is_empty());
    assert!(english_runs("Web層 リクエスト Step Functions でジョブ", none, 4).is_empty());
    assert_eq!(
        english_runs("（read units per second at the busiest）", none, 4).len(),
        1
    );
    let names = ["launch volume uncertain by".to_string()];
    assert!(english_runs("New API; launch volume uncertain by 2x", &names, 4).is_empty());
}

/// Every Japanese remedy, checked as text: Japanese sentences, no English prose left.
fn assert_japanese_sentence(what: &str, ja: &str) {
    assert!(
        ja.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "{what}: {ja:?} has no kana"
    );
    assert!(ja.ends_with('。'), "{what}: {ja:?} is not a sentence");
    let left = english_runs(ja, &[], 3);
    assert!(left.is_empty(), "{what}: {ja:?} keeps English {left:?}");
}

#[test]
fn every_limit_id_has_a_japanese_remedy() {
    let read = |f: &str| {
        let text = std::fs::read_to_string(repo().join("limits").join(f)).expect(f);
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.expect("row").iter().map(str::to_string).collect())
            .collect();
        (header, rows)
    };
    let (_, limits) = read("limits.csv");
    let (header, remedies) = read("remedies-ja.csv");
    assert_eq!(header, ["id", "remedy_ja"]);
    let ids: Vec<&str> = limits.iter().map(|r| r[0].as_str()).collect();
    let ja_ids: Vec<&str> = remedies.iter().map(|r| r[0].as_str()).collect();
    // One row per limit id, in the same order, no orphan and no duplicate.
    assert_eq!(ja_ids, ids, "remedies-ja.csv ids differ from limits.csv");
    assert_eq!(remedies_ja().len(), ids.len(), "a row failed to load");
    for row in &limits {
        let (id, english) = (&row[0], &row[8]);
        let ja = remedies_ja()
            .get(id)
            .unwrap_or_else(|| panic!("{id}: no remedy"));
        assert_japanese_sentence(id, ja);
        let row = Remedy::Row(archcost::limits::row(id).expect("row"));
        assert_eq!(remedy_text(Lang::Ja, row), ja.as_str(), "{id}");
        assert_eq!(remedy_text(Lang::En, row), english.as_str(), "{id}");
        // Numbers and quota codes of the English remedy are carried over.
        for n in english
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
            .map(|t| t.trim_end_matches('.'))
            .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        {
            assert!(ja.contains(n), "{id}: {ja:?} lacks {n} of {english:?}");
        }
    }
    // Every unit of the table reads in Japanese (or is a unit symbol kept as is).
    const SYMBOLS: &[&str] = &["GB", "GiB", "MB", "KB", "Gbps", "LCU", "vCPU"];
    for row in &limits {
        let u = &row[4];
        assert!(
            SYMBOLS.contains(&u.as_str()) || messages::limit_unit(Lang::Ja, u) != u.as_str(),
            "unit {u}"
        );
    }
}

#[test]
fn every_limit_finding_reads_in_japanese() {
    let mut all = reports();
    all.push(("every-check".to_string(), eval(EVERY_CHECK)));
    let mut ids = std::collections::BTreeSet::new();
    let mut with_remedy = std::collections::BTreeSet::new();
    for (name, rep) in &all {
        for a in &rep.architectures {
            for f in &a.limits {
                ids.insert(f.id.clone());
                let what = format!("{name}/{}: {}", a.name, f.id);
                let ja = finding_message(Lang::Ja, f);
                assert_ne!(ja, f.message.as_str(), "{what}: message not translated");
                let left = english_runs(&ja, &[], 2);
                assert!(left.is_empty(), "{what}: {ja} keeps {left:?}");
                assert!(
                    f.unit == "vCPU"
                        || ["MB", "KB", "GB", "RCU", "WCU"].contains(&f.unit.as_str())
                        || limit_unit(Lang::Ja, f) != f.unit.as_str(),
                    "{what}: unit {}",
                    f.unit
                );
                if !f.remedy.is_empty() {
                    with_remedy.insert(f.id.clone());
                    let ja = remedy(Lang::Ja, f);
                    assert_ne!(ja, f.remedy.as_str(), "{what}: remedy not translated");
                    assert_japanese_sentence(&what, &ja);
                }
                // Sources list scenario keys ("tasks, vcpu"): no three English words in a row.
                let src = source(Lang::Ja, f);
                let left = english_runs(&src, &[], 3);
                assert!(left.is_empty(), "{what}: source {src} keeps {left:?}");
            }
            for b in &a.ruled_out_by {
                let ja = reason(Lang::Ja, b);
                let left = english_runs(&ja, &[], 2);
                assert!(left.is_empty(), "{name}/{}: {ja} keeps {left:?}", a.name);
            }
        }
    }
    // The checks the scenarios reach: every message template of src/limits/ but the Spot notice.
    for id in [
        "alb.lambda.request_body_mb",
        "alb.lambda.response_mb",
        "alb.targets_per_target_group",
        "apigw.account.throttle_rps",
        "apigw.http.integration_timeout_s",
        "apigw.http.payload_mb",
        "apigw.rest.integration_timeout_s.edge",
        "apigw.rest.integration_timeout_s.private",
        "apigw.rest.integration_timeout_s.regional",
        "apigw.rest.payload_mb",
        "apigw.throttle_rps",
        "apigw.timeout_s",
        "apigw.websocket.connection_duration_s",
        "apigw.websocket.frame_kb",
        "apigw.websocket.integration_timeout_s",
        "apigw.websocket.message_kb",
        "apigw.websocket.new_connections_per_s",
        "dynamodb.item_size_kb",
        "dynamodb.partition.read_units_per_s",
        "dynamodb.partition.write_units_per_s",
        "dynamodb.rcu",
        "dynamodb.table.read_units_per_s",
        "dynamodb.table.write_units_per_s",
        "dynamodb.wcu",
        "ec2.cpu",
        "ec2.max",
        "ec2.t3.small.baseline_cpu_pct",
        "fargate.cpu",
        "fargate.max_tasks",
        "fargate.on_demand_vcpu_quota",
        "lambda.concurrent_executions",
        "lambda.payload_mb.async",
        "lambda.payload_mb.sync_request",
        "lambda.payload_mb.sync_response",
        "lambda.scaling.envs_per_10s",
        "lambda.timeout_s",
        "lambda.timeout_s.max",
        "rds.max_connections",
    ] {
        assert!(ids.contains(id), "no scenario checks {id}: {ids:?}");
    }
    // Remedies of the checks' own settings (not from limits.csv) are reached too.
    for id in [
        "apigw.throttle_rps",
        "apigw.timeout_s",
        "apigw.websocket.frame_kb",
        "ec2.cpu",
        "ec2.max",
        "fargate.cpu",
        "fargate.max_tasks",
        "lambda.timeout_s",
        "rds.max_connections",
    ] {
        assert!(with_remedy.contains(id), "no remedy shown for {id}");
    }
}

/// Architectures past hard limits and past their fleets' capacity, so that every kind of
/// reason an architecture is ruled out is produced.
const OVER_LIMITS: &str = r#"
name = "over limits"
region = "ap-northeast-1"
[workload]
requests_per_month = 30_000_000_000
peak_to_average = 3
duration_ms = 1_000_000
request_kb = 8000.0
response_kb = 8000.0
item_kb = 500.0
db_reads_per_request = 1
db_writes_per_request = 1
[[architecture]]
name = "lambda"
web = { service = "api-gateway", api = "http" }
app = { service = "lambda" }
db = { service = "dynamodb", capacity = "provisioned", rcu = 10, wcu = 10 }
[[architecture]]
name = "fargate"
web = { service = "alb" }
app = { service = "fargate", vcpu = 1, memory_gb = 2, rps_per_task = 100, max_tasks = 5 }
[[architecture]]
name = "fargate-fixed"
app = { service = "fargate", vcpu = 1, memory_gb = 2, tasks = 2 }
[[architecture]]
name = "ec2"
app = { service = "ec2", instance = "m5.large", rps_per_instance = 100, max = 2 }
[[architecture]]
name = "ec2-fixed"
app = { service = "ec2", instance = "m5.large", count = 2 }
"#;

/// Every id inside `m` (nested messages and limit units included) has both texts.
fn assert_ids_have_texts(what: &str, m: &Msg) {
    for lang in [Lang::En, Lang::Ja] {
        assert!(
            messages::text(lang, m.id).is_some(),
            "{what}: {} has no {lang:?}",
            m.id
        );
    }
    for v in &m.values {
        match v {
            Value::Msg(inner) => assert_ids_have_texts(what, inner),
            Value::LimitUnit(u) => {
                let id = limit_unit_id(u);
                assert_eq!(
                    messages::text(Lang::En, &id),
                    Some(u.as_str()),
                    "{what}: {id}"
                );
                assert!(messages::text(Lang::Ja, &id).is_some(), "{what}: {id}");
            }
            _ => {}
        }
    }
}

/// Every finding and every reason an architecture is ruled out carries message ids whose
/// English is, byte for byte, the text JSON carries, and whose Japanese exists: Japanese
/// output comes from the ids, so rewording an English text cannot leave it behind.
#[test]
fn every_finding_and_reason_carries_its_ids() {
    let mut all = reports();
    all.push(("every-check".to_string(), eval(EVERY_CHECK)));
    all.push(("over-limits".to_string(), eval(OVER_LIMITS)));
    let mut kinds = std::collections::BTreeSet::new();
    let mut blockers = std::collections::BTreeSet::new();
    for (name, rep) in &all {
        for a in &rep.architectures {
            for f in &a.limits {
                let what = format!("{name}/{}: {}", a.name, f.id);
                let m = f.text.message.as_ref().expect("a message id");
                assert_eq!(m.render(Lang::En), f.message, "{what}");
                assert_ids_have_texts(&what, m);
                assert_eq!(
                    f.text.unit,
                    Some(Value::LimitUnit(f.unit.clone())),
                    "{what}"
                );
                let id = limit_unit_id(&f.unit);
                assert_eq!(
                    messages::text(Lang::En, &id),
                    Some(f.unit.as_str()),
                    "{what}"
                );
                assert!(messages::text(Lang::Ja, &id).is_some(), "{what}: {id}");
                let r = f.text.remedy.expect("a remedy");
                if !f.remedy.is_empty() {
                    assert_eq!(remedy_text(Lang::En, r), f.remedy, "{what}");
                }
                match r {
                    Remedy::Row(row) => {
                        kinds.insert("row remedy");
                        assert!(remedies_ja().contains_key(&row.id), "{what}: {}", row.id);
                    }
                    Remedy::Check(id) => {
                        kinds.insert("check remedy");
                        assert!(messages::text(Lang::Ja, id).is_some(), "{what}: {id}");
                    }
                }
                match &f.text.source {
                    Some(s) => {
                        kinds.insert(s.id);
                        assert_eq!(s.render(Lang::En), f.source, "{what}");
                        assert_ids_have_texts(&what, s);
                    }
                    // Shown as written: a limits table row's own source.
                    None => assert!(
                        archcost::limits::table()
                            .rows
                            .values()
                            .any(|row| row.source == f.source),
                        "{what}: {}",
                        f.source
                    ),
                }
            }
            for b in &a.ruled_out_by {
                let what = format!("{name}/{}: {}", a.name, b.id);
                let m = b.text.as_ref().expect("a reason id");
                assert_eq!(m.render(Lang::En), b.reason, "{what}");
                assert_ids_have_texts(&what, m);
                assert_eq!(reason(Lang::Ja, b), m.render(Lang::Ja), "{what}");
                blockers.insert(m.id);
            }
        }
    }
    for kind in [
        "row remedy",
        "check remedy",
        "source.scenario",
        "source.scenario_vcpus",
        "source.row_memory",
        "source.applied_quota_quotas_default",
    ] {
        assert!(kinds.contains(kind), "{kind}: {kinds:?}");
    }
    // Every kind of reason: a hard limit, and each fleet or table that cannot carry the load.
    for id in [
        "reason.hard_limit",
        "reason.capped_tasks_requests_s_go_unserved",
        "reason.capped_instances_requests_s_go_unserved",
        "reason.vcpus_busy_busiest_second_fixed_vcpus",
        "reason.vcpus_busy_busiest_second_fixed_vcpus_2",
        "reason.rcu_provisioned_needed_busiest_second",
        "reason.wcu_provisioned_needed_busiest_second",
    ] {
        assert!(blockers.contains(id), "{id}: {blockers:?}");
    }
}

/// Japanese comes from the ids, not from the English: a finding and a reason whose English
/// were reworded (as a change in src/limits/ would) still read the same in Japanese.
#[test]
fn japanese_does_not_follow_the_english_text() {
    let rep = eval(OVER_LIMITS);
    let a = rep
        .architectures
        .iter()
        .find(|a| a.name == "lambda")
        .expect("lambda");
    let f = a
        .limits
        .iter()
        .find(|f| f.id == "lambda.timeout_s.max")
        .expect("finding");
    let b = a.ruled_out_by.first().expect("a blocker");
    let (ja_message, ja_reason) = (finding_message(Lang::Ja, f), reason(Lang::Ja, b));
    assert!(
        ja_message.starts_with("呼び出し 1 回あたりの実行時間"),
        "{ja_message}"
    );
    let (mut f2, mut b2) = (f.clone(), b.clone());
    f2.message = "reworded".to_string();
    f2.unit = "reworded".to_string();
    f2.remedy = "Reworded.".to_string();
    b2.reason = "reworded".to_string();
    assert_eq!(finding_message(Lang::Ja, &f2), ja_message);
    assert_eq!(limit_unit(Lang::Ja, &f2), "秒");
    assert_eq!(remedy(Lang::Ja, &f2), remedy(Lang::Ja, f));
    assert_eq!(reason(Lang::Ja, &b2), ja_reason);
    assert_eq!(finding_message(Lang::En, &f2), "reworded");
}

#[test]
fn hand_checked_limit_texts() {
    let both = |m: &Msg, en: &str, ja: &str| {
        assert_eq!(m.render(Lang::En), en);
        assert_eq!(m.render(Lang::Ja), ja);
    };
    both(
        &archcost::msg!("finding.fargate.spot_tasks_can_be_stopped_120"),
        "Spot tasks can be stopped with a 120 s warning",
        "Spot タスクは 120 秒前の中断通知で停止されることがあります",
    );
    let row = |id: &str| Remedy::Row(archcost::limits::row(id).expect(id));
    assert_eq!(
        remedy_text(Lang::Ja, row("apigw.http.integration_timeout_s")),
        "ポーリングまたは WebSocket コールバックを組み合わせた非同期呼び出しを使うか、タイムアウトを引き上げたリージョン REST API やレスポンスストリーミングを使用してください。"
    );
    assert_eq!(
        remedy_text(Lang::En, row("apigw.http.integration_timeout_s")),
        "Use async invocation with polling or a WebSocket callback, or a Regional REST API with a raised timeout or streaming."
    );
    // T3a/T4g findings carry the T3 row's remedy under the T3 id.
    let rep = eval(EVERY_CHECK);
    let ec2 = rep
        .architectures
        .iter()
        .find(|a| a.name == "ec2")
        .expect("ec2");
    let t3 = ec2
        .limits
        .iter()
        .find(|f| f.id == "ec2.t3.small.baseline_cpu_pct")
        .expect("baseline finding");
    assert_eq!(
        archcost::report::i18n_lines::what_to_do(Lang::Ja, t3),
        "平均 CPU 使用率がベースラインを上回り続ける場合は、より大きな T サイズか、固定パフォーマンスのファミリー（m/c）を使用してください。"
    );
    // An applied quota: the words around the row's source in Japanese, its notes left out.
    let rest = rep
        .architectures
        .iter()
        .find(|a| a.name == "rest")
        .expect("rest");
    let quota = rest
        .limits
        .iter()
        .find(|f| f.id == "lambda.concurrent_executions")
        .expect("quota finding");
    assert!(
        quota.source.starts_with("your applied quota ([quotas] \"lambda.concurrent_executions\"); default 1,000 per https://"),
        "{}",
        quota.source
    );
    let ja = source(Lang::Ja, quota);
    assert!(
        ja.starts_with("適用済みのクォータ（[quotas] \"lambda.concurrent_executions\"）。既定値 1,000、出典 https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"),
        "{ja}"
    );
    assert!(!ja.contains(" ("), "{ja}");
    // Only the public source is shown: the notes on how the page text was read are left out,
    // in both languages (JSON keeps the row's source as written).
    let public = archcost::report::i18n_lines::public_source;
    let two = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html (ja-JP/zh-CN page text); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html (copy)";
    let want = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html; https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html";
    assert_eq!(public(two), want);
    assert_eq!(
        public("https://docs.aws.amazon.com/x.html (June 2023 text, awsdocs/amazon-rds-user-guide doc_source/Concepts.DBInstanceClass.md (archived))"),
        "https://docs.aws.amazon.com/x.html"
    );
    // The checks whose limit is the scenario's own setting take their remedy from the message
    // tables by the finding's id, in Japanese too.
    for (id, check, ja) in [
        (
            "fargate.max_tasks",
            "remedy.check.fargate.max_tasks",
            "max_tasks または rps_per_task を引き上げてください。",
        ),
        (
            "rds.max_connections",
            "remedy.check.rds.max_connections",
            "アプリ層とデータベースの間に RDS Proxy（または接続プール）を置く",
        ),
        (
            "ec2.cpu",
            "remedy.check.ec2.cpu",
            "インスタンスを追加するか",
        ),
    ] {
        let en = archcost::limits::check_remedy(id).unwrap();
        let check = Remedy::Check(check);
        assert!(remedy_text(Lang::Ja, check).starts_with(ja), "{id}");
        assert_eq!(remedy_text(Lang::En, check), en);
    }
    both(
        &archcost::msg!("source.scenario", "timeout_s"),
        "your scenario: timeout_s",
        "シナリオの設定: timeout_s",
    );
}

/// Scenario, description and architecture names of a scenario file: the user's own words.
fn names_of(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("scenario");
    let s = archcost::scenario::parse_unchecked(&path.display().to_string(), &text)
        .expect("scenario parses");
    let mut names = vec![s.name.clone(), s.description.clone().unwrap_or_default()];
    names.extend(s.architectures.iter().map(|a| a.name.clone()));
    names
}

fn run_ja(args: &[&str]) -> String {
    let out = bin()
        .env("COLUMNS", "1000")
        .current_dir(repo())
        .args(args)
        .args(["--lang", "ja"])
        .output()
        .expect("archcost runs");
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn japanese_command_output_has_no_english_prose() {
    let slow = repo().join("scenarios/slow-endpoints.toml");
    let names = names_of(&slow);
    for format in ["table", "csv", "markdown"] {
        let text = run_ja(&[
            "limits",
            "scenarios/slow-endpoints.toml",
            "--format",
            format,
        ]);
        // The machine columns of the CSV (unit, kind, status) stay as in JSON.
        let text = match format {
            "csv" => text
                .lines()
                .skip(1)
                .map(|l| {
                    l.split(',')
                        .filter(|c| !c.contains(' ') || !c.is_ascii())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => text,
        };
        if format != "markdown" {
            assert!(
                text.contains("してください。"),
                "{format}: no remedy\n{text}"
            );
        }
        let left = english_runs(&text, &names, 4);
        assert!(left.is_empty(), "limits {format}: {left:?}\n{text}");
    }
    let mut files: Vec<_> = std::fs::read_dir(repo().join("scenarios"))
        .expect("scenarios/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for p in files {
        let names = names_of(&p);
        let file = p.display().to_string();
        for format in ["table", "markdown"] {
            let text = run_ja(&["compare", &file, "--format", format]);
            let left = english_runs(&text, &names, 4);
            assert!(left.is_empty(), "compare {file} {format}: {left:?}\n{text}");
        }
    }
}

#[test]
fn other_japanese_commands_have_no_english_prose() {
    let a = "scenarios/three-tier.toml";
    let b = "scenarios/high-traffic.toml";
    let mut names = names_of(&repo().join(a));
    names.extend(names_of(&repo().join(b)));
    let vary = ["--vary", "workload.requests_per_month"];
    for format in ["table", "markdown"] {
        let f = ["--format", format];
        let runs: [Vec<&str>; 4] = [
            [&["diff", a, b][..], &f].concat(),
            [&["sensitivity", a][..], &f].concat(),
            [&["breakeven", a][..], &vary, &f].concat(),
            [
                &["sweep", a, "--from", "1e5", "--to", "1e9", "--steps", "5"][..],
                &vary,
                &f,
            ]
            .concat(),
        ];
        for args in runs {
            let text = run_ja(&args);
            let left = english_runs(&text, &names, 4);
            assert!(left.is_empty(), "{args:?}: {left:?}\n{text}");
        }
    }
    // diff lines read in Japanese, with their units.
    let text = run_ja(&["diff", a, b]);
    assert!(text.contains("Lambda リクエスト"), "{text}");
    assert!(
        text.contains("リクエスト → 2,000,000,000 リクエスト"),
        "{text}"
    );
    assert!(text.contains("カタログ bundled"), "{text}");
}

/// The Japanese `limits` output pinned byte for byte: messages, remedies, units and sources.
#[test]
fn limits_ja_snapshots() {
    for format in ["table", "csv"] {
        let out = bin()
            .env("COLUMNS", "140")
            .current_dir(repo())
            .args(["limits", "scenarios/slow-endpoints.toml", "--lang", "ja"])
            .args(["--format", format])
            .output()
            .expect("archcost runs");
        assert_eq!(out.status.code(), Some(3), "a hard limit is exceeded");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        insta::assert_snapshot!(format!("limits_ja_slow_endpoints_{format}"), text);
    }
}

/// An input whose varied value is invalid is skipped with the validation error's first line:
/// in English as before, in Japanese the reason and the error both in Japanese.
#[test]
fn a_skipped_input_reads_in_both_languages() {
    let text = r#"
name = "skip"
region = "ap-northeast-1"
[workload]
requests_per_month = 1_000_000
peak_to_average = 1.05
[[architecture]]
name = "fn"
app = { service = "lambda" }
"#;
    let catalog = archcost::pricing::bundled::catalog();
    let s = archcost::scenario::parse("test.toml", text, catalog).expect("scenario");
    let r = archcost::sensitivity::analyse(&s, catalog, crate::util::d("20")).expect("analysis");
    let skip = r
        .skipped
        .iter()
        .find(|k| k.input == "workload.peak_to_average")
        .expect("peak_to_average skipped");
    assert_eq!(
        archcost::report::i18n_lines::skipped(Lang::En, skip),
        skip.reason.as_str()
    );
    assert_eq!(
        skip.reason,
        "a varied value is not valid: varied scenario: `workload.peak_to_average`: 0.8400 is out of range; expected 1 to 1000 (busiest second / hour average)"
    );
    // The validation's file slot ("varied scenario", no file) is worded in Japanese too.
    assert_eq!(
        archcost::report::i18n_lines::skipped(Lang::Ja, skip),
        "変化させた値が不正です: 変化させたシナリオ: `workload.peak_to_average`: 0.8400 は範囲外です。1 〜 1000 （最も混む 1 秒 / 1 時間の平均） にしてください"
    );
}
