//! The bundled catalog (issue 9): every region prices the three-tier example, every row is
//! sourced and dated, sampled prices equal the source files (excerpts in
//! tests/fixtures/pricing-sources), and regions / instances as people write them.
use crate::util::*;
use archcost::pricing::{bundled, regions, Catalog};
use archcost::scenario;
use serde_json::Value;
use std::collections::BTreeSet;

/// The 21 regions issue 9 requires.
const REQUIRED: [&str; 21] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "sa-east-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "eu-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-south-1",
    "ap-east-1",
    "me-south-1",
    "af-south-1",
];

/// Bundled regions where an architecture of the three-tier example cannot be priced, and why
/// (pricing/COVERAGE.md): the price is absent from the snapshots the catalog is built from.
const PARTIAL: [(&str, &str, &str); 8] = [
    ("ap-east-2", "serverless", "apigw.http.requests"),
    ("ap-east-2", "traditional", "m5.large"),
    ("ap-southeast-5", "serverless", "apigw.http.requests"),
    ("ap-southeast-5", "traditional", "m5.large"),
    ("ap-southeast-7", "traditional", "m5.large"),
    ("mx-central-1", "serverless", "apigw.http.requests"),
    ("mx-central-1", "traditional", "m5.large"),
    ("ca-west-1", "containers", "db.t4g.medium"),
];

fn three_tier_in(region: &str) -> String {
    let text = std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap();
    assert!(text.contains("\nregion = \"ap-northeast-1\""));
    text.replacen(
        "\nregion = \"ap-northeast-1\"",
        &format!("\nregion = \"{region}\""),
        1,
    )
}

/// The scenario text with only the architecture named `keep`.
fn only_architecture(text: &str, keep: &str) -> String {
    let mut parts = text.split("[[architecture]]");
    let head = parts.next().unwrap().to_string();
    let arch = parts
        .find(|p| p.contains(&format!("name = \"{keep}\"")))
        .unwrap_or_else(|| panic!("no architecture {keep}"));
    format!("{head}[[architecture]]{arch}")
}

fn price(text: &str) -> Result<archcost::compare::Report, String> {
    let cat = bundled::catalog();
    let s = scenario::parse("three-tier.toml", text, cat).map_err(|e| e.to_string())?;
    archcost::compare::evaluate(&s, cat).map_err(|e| e.to_string())
}

#[test]
fn the_issue_regions_are_bundled_and_price_the_whole_example() {
    let cat = bundled::catalog();
    for region in REQUIRED {
        assert!(
            cat.regions().iter().any(|r| r == region),
            "{region} not bundled"
        );
        let rep = price(&three_tier_in(region)).unwrap_or_else(|e| panic!("{region}: {e}"));
        assert_eq!(rep.architectures.len(), 3);
        for a in &rep.architectures {
            assert!(a.monthly_usd > d("0"), "{region} {}", a.name);
            assert_eq!(a.region, region);
        }
    }
}

#[test]
fn every_bundled_region_prices_each_architecture_of_the_example() {
    let cat = bundled::catalog();
    assert!(cat.regions().len() >= 30, "{} regions", cat.regions().len());
    for region in cat.regions() {
        let full = three_tier_in(region);
        for arch in ["serverless", "containers", "traditional"] {
            let known: Vec<&str> = PARTIAL
                .iter()
                .filter(|(r, a, _)| r == region && *a == arch)
                .map(|(_, _, why)| *why)
                .collect();
            match price(&only_architecture(&full, arch)) {
                Ok(rep) => {
                    assert!(
                        known.is_empty(),
                        "{region} {arch} prices now: update PARTIAL"
                    );
                    assert!(rep.architectures[0].monthly_usd > d("0"), "{region} {arch}");
                }
                Err(e) => assert!(
                    known.iter().any(|why| e.contains(why)),
                    "{region} {arch}: {e}"
                ),
            }
        }
    }
}

#[test]
fn every_bundled_row_has_a_source_a_date_and_contiguous_tiers() {
    let mut total = 0;
    for (region, text) in bundled::region_files() {
        assert!(
            regions::by_code(region).is_some(),
            "{region} not in the region table"
        );
        let rows = bundled::parse_region(region, text).unwrap_or_else(|e| panic!("{e}"));
        assert!(rows.len() > 300, "{region}: {} rows", rows.len());
        total += rows.len();
        for r in &rows {
            assert!(
                !r.source.is_empty() && !r.source.starts_with("ref:"),
                "{} {region}",
                r.key
            );
            let b = r.effective.as_bytes();
            assert!(
                b.len() == 10 && b[4] == b'-' && b[7] == b'-' && r.effective.starts_with("20"),
                "{} {region}: effective `{}`",
                r.key,
                r.effective
            );
            assert!(!r.unit.is_empty() && r.usd >= d("0"), "{} {region}", r.key);
        }
        let cat = Catalog::new("check", rows.clone());
        let keys: BTreeSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        for key in keys {
            let tiers = cat.tiers(key, region).unwrap();
            assert_eq!(tiers[0].tier_begin, d("0"), "{key} {region}");
            for w in tiers.windows(2) {
                assert_eq!(w[0].tier_end, Some(w[1].tier_begin), "{key} {region}");
            }
            assert!(tiers.last().unwrap().tier_end.is_none() || key.ends_with(".free_tier"));
        }
        // The key-by-key lookups of the lazy catalog give the same rows as a whole parse.
        for r in rows.iter().step_by(97) {
            let lazy = bundled::catalog().tiers(&r.key, region).unwrap();
            assert!(lazy.contains(&r), "{} {region}", r.key);
        }
    }
    assert!(total > 40_000, "{total} rows");
}

#[test]
fn source_texts_parse_the_same_as_with_a_csv_reader() {
    let text = std::fs::read_to_string(repo().join("pricing/sources.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut n = 0;
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(
            bundled::source_text(&record[0]).as_deref(),
            Some(&record[1]),
            "{}",
            &record[0]
        );
        n += 1;
    }
    assert_eq!(n, bundled::sources().len());
}

#[test]
fn a_scenario_parses_only_its_own_region() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static PARSED_LINES: AtomicUsize = AtomicUsize::new(0);
    fn counting(region: &str, text: &str) -> Vec<archcost::pricing::PriceRow> {
        PARSED_LINES.fetch_add(text.lines().count() - 1, Ordering::SeqCst);
        bundled::parse_region(region, text).unwrap()
    }
    let cat = Catalog::lazy("counted", bundled::region_files(), counting);
    let s = scenario::parse("three-tier.toml", &three_tier_in("ap-northeast-1"), &cat).unwrap();
    archcost::compare::evaluate(&s, &cat).unwrap();
    let tokyo_lines = bundled::region_files()
        .iter()
        .find(|(r, _)| *r == "ap-northeast-1")
        .map(|(_, t)| t.lines().count())
        .unwrap();
    let parsed = PARSED_LINES.load(Ordering::SeqCst);
    assert!(
        parsed > 0 && parsed < 60,
        "{parsed} of {tokyo_lines} Tokyo lines parsed"
    );
}

// --- sampled prices against the source files ------------------------------------------------

fn fixture(name: &str) -> Value {
    let path = repo().join("tests/fixtures/pricing-sources").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn code_of(location: &str) -> &'static str {
    regions::resolve(location)
        .unwrap_or_else(|| panic!("location {location}"))
        .code
}

/// The bundled price of `key` in the region of `location`, tier starting at `begin`.
fn bundled_usd(key: &str, location: &str, begin: &str) -> rust_decimal::Decimal {
    let region = code_of(location);
    let tiers = bundled::catalog()
        .tiers(key, region)
        .unwrap_or_else(|e| panic!("{e}"));
    tiers
        .iter()
        .find(|r| r.tier_begin == d(begin))
        .unwrap_or_else(|| panic!("{key} {region}: no tier at {begin}"))
        .usd
}

/// (metric, catalog key, tier begin) checked in every location of a raw meteredUnitMap excerpt.
fn check_raw(file: &str, metrics: &[(&str, &str, &str)]) -> usize {
    let doc = fixture(file);
    let mut n = 0;
    for (location, prices) in doc["regions"].as_object().unwrap() {
        for (metric, key, begin) in metrics {
            let Some(p) = prices.get(*metric) else {
                continue;
            };
            let want = d(p["price"].as_str().unwrap());
            assert_eq!(
                bundled_usd(key, location, begin),
                want,
                "{file} {location} {metric}"
            );
            n += 1;
        }
    }
    n
}

#[test]
fn sampled_prices_equal_the_raw_pricing_maps() {
    let mut n = 0;
    n += check_raw(
        "price-watcher-raw-lambda-excerpt.json",
        &[
            ("Lambda Requests", "lambda.requests.x86_64", "0"),
            ("Lambda Requests-ARM", "lambda.requests.arm64", "0"),
            ("Lambda Duration", "lambda.duration.x86_64", "0"),
            (
                "Lambda Duration Tier2",
                "lambda.duration.x86_64",
                "6000000000",
            ),
            (
                "Lambda Duration Tier3",
                "lambda.duration.x86_64",
                "15000000000",
            ),
            ("Lambda Duration-ARM", "lambda.duration.arm64", "0"),
            (
                "Lambda Duration-ARM Tier2",
                "lambda.duration.arm64",
                "7500000000",
            ),
            (
                "Lambda Duration-ARM Tier3",
                "lambda.duration.arm64",
                "18750000000",
            ),
        ],
    );
    n += check_raw(
        "price-watcher-raw-apigateway-excerpt.json",
        &[
            (
                "ApiGatewayHttpApi First 300 million",
                "apigw.http.requests",
                "0",
            ),
            (
                "ApiGatewayHttpApi more than 300 million",
                "apigw.http.requests",
                "300000000",
            ),
            (
                "API Calls Number of up to 333 million",
                "apigw.rest.requests",
                "0",
            ),
            (
                "API Calls Number of Request Next 667 million",
                "apigw.rest.requests",
                "333000000",
            ),
        ],
    );
    n += check_raw(
        "price-watcher-raw-dynamodb-excerpt.json",
        &[
            (
                "PayPerRequest Read Request Units",
                "dynamodb.reads.standard",
                "0",
            ),
            (
                "PayPerRequest Write Request Units",
                "dynamodb.writes.standard",
                "0",
            ),
            (
                "Data Storage Indexed GB-Mo",
                "dynamodb.storage.standard",
                "0",
            ),
        ],
    );
    n += check_raw(
        "price-watcher-raw-elb-excerpt.json",
        &[
            ("Application Load Balancer Hours", "alb.hours", "0"),
            ("Application Load Balancer LCU Hours", "alb.lcu", "0"),
        ],
    );
    n += check_raw(
        "price-watcher-raw-ecs-excerpt.json",
        &[
            ("perCPU per hour", "fargate.vcpu.linux.x86_64", "0"),
            ("perGB per hour", "fargate.memory.linux.x86_64", "0"),
            ("ARM perCPU per hour", "fargate.vcpu.linux.arm64", "0"),
            ("ARM perGB per hour", "fargate.memory.linux.arm64", "0"),
        ],
    );
    n += check_raw(
        "price-watcher-raw-vpc-excerpt.json",
        &[(
            "Hourly charge for In use Public IPv4 Addresses per Hrs",
            "vpc.public_ipv4",
            "0",
        )],
    );
    n += check_raw(
        "aws-price-natgateway-excerpt.json",
        &[
            ("Hourly charge for NAT Gateways", "nat.hours", "0"),
            (
                "Charge for per GB data processed by NatGateways",
                "nat.data",
                "0",
            ),
        ],
    );
    n += check_raw(
        "ec2-shop-ebs-excerpt.json",
        &[
            ("Storage General Purpose gp3 GB Mo", "ebs.gp3", "0"),
            ("Storage General Purpose gp2 GB Mo", "ebs.gp2", "0"),
        ],
    );
    assert!(n >= 100, "{n} prices checked");
}

#[test]
fn sampled_prices_equal_the_processed_pricing_maps() {
    let mut n = 0;
    for (metric, by_location) in fixture("price-watcher-processed-ec2-excerpt.json")
        .as_object()
        .unwrap()
    {
        let itype = metric.strip_prefix("OnDemand Linux-instancetype-").unwrap();
        for (location, price) in by_location.as_object().unwrap() {
            let key = format!("ec2.linux.{itype}");
            assert_eq!(bundled_usd(&key, location, "0"), d(price.as_str().unwrap()));
            n += 1;
        }
    }
    for (engine, label) in [
        ("mysql", "MySQL"),
        ("postgresql", "PostgreSQL"),
        ("mariadb", "MariaDB"),
    ] {
        let doc = fixture(&format!(
            "price-watcher-processed-rds-{engine}-ondemand-excerpt.json"
        ));
        for (metric, by_location) in doc.as_object().unwrap() {
            let key = if let Some(rest) = metric.strip_prefix(&format!(
                "Database Instance {label} No license required db "
            )) {
                let class = rest.split(' ').next().unwrap();
                let az = if metric.contains(" Multi-AZ ") {
                    "multi_az"
                } else {
                    "single_az"
                };
                format!("rds.{engine}.{az}.db.{class}")
            } else if metric == "Database Storage Single AZ General Purpose" {
                format!("rds.storage.{engine}.gp2.single_az")
            } else if metric == "Database Storage Multi AZ General Purpose-GP3" {
                format!("rds.storage.{engine}.gp3.multi_az")
            } else {
                panic!("unexpected metric {metric}")
            };
            for (location, price) in by_location.as_object().unwrap() {
                let location = location.split(" (Instance Type:").next().unwrap();
                assert_eq!(
                    bundled_usd(&key, location, "0"),
                    d(price.as_str().unwrap()),
                    "{key} {location}"
                );
                n += 1;
            }
        }
    }
    let dt = fixture("price-watcher-processed-datatransfer-excerpt.json");
    for by_location in dt.as_object().unwrap().values() {
        for (text, price) in by_location.as_object().unwrap() {
            let (location, range) = text.split_once(" (StartingRange: ").unwrap();
            let begin = range.split(',').next().unwrap();
            assert_eq!(
                bundled_usd("data_transfer.out", location, begin),
                d(price.as_str().unwrap())
            );
            n += 1;
        }
    }
    let aurora = fixture("price-watcher-raw-rds-aurora-ondemand-excerpt.json");
    for (location, prices) in aurora["regions"].as_object().unwrap() {
        for p in prices.as_object().unwrap().values() {
            let key = format!(
                "rds.aurora-postgresql.single_az.{}",
                p["Instance Type"].as_str().unwrap()
            );
            assert_eq!(
                bundled_usd(&key, location, "0"),
                d(p["price"].as_str().unwrap())
            );
            assert_eq!(
                bundled::catalog()
                    .flat(&key, code_of(location))
                    .unwrap()
                    .sku,
                p["rateCode"].as_str().unwrap()
            );
            n += 1;
        }
    }
    assert!(n >= 150, "{n} prices checked");
}

// --- regions and instances as people write them ------------------------------------------

#[test]
fn regions_are_accepted_as_people_write_them() {
    for (written, code) in [
        ("tokyo", "ap-northeast-1"),
        ("東京", "ap-northeast-1"),
        ("Asia Pacific (Tokyo)", "ap-northeast-1"),
        ("Osaka", "ap-northeast-3"),
        ("大阪", "ap-northeast-3"),
        ("Frankfurt", "eu-central-1"),
        ("Europe (Frankfurt)", "eu-central-1"),
        ("Sydney", "ap-southeast-2"),
        ("Oregon", "us-west-2"),
        ("SA-EAST-1", "sa-east-1"),
    ] {
        let text = scenario(
            written,
            "",
            "requests_per_month = 1000000",
            "app = { service = \"lambda\" }",
        );
        let s = scenario::parse("t.toml", &text, bundled::catalog())
            .unwrap_or_else(|e| panic!("{written}: {e}"));
        assert_eq!(s.region, code, "{written}");
        let rep = archcost::compare::evaluate(&s, bundled::catalog()).unwrap();
        assert_eq!(rep.architectures[0].region, code);
    }
    // Shown with both: the code, the location name and the spelling used.
    let text = scenario(
        "東京",
        "",
        "requests_per_month = 1000000",
        "app = { service = \"lambda\" }",
    );
    let path = std::env::temp_dir().join(format!("archcost-region-{}.toml", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let out = bin().arg("compare").arg(&path).output().unwrap();
    let _ = std::fs::remove_file(&path);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("ap-northeast-1 (Asia Pacific (Tokyo), written \"東京\")"),
        "{table}"
    );
}

#[test]
fn unknown_or_unpriced_regions_exit_2_naming_the_code() {
    let msg = eval_err(&scenario(
        "Tokio",
        "",
        "requests_per_month = 1",
        "app = { service = \"lambda\" }",
    ));
    assert!(
        msg.contains("did you mean `ap-northeast-1` (Asia Pacific (Tokyo))?"),
        "{msg}"
    );
    let msg = eval_err(&scenario(
        "Ningxia",
        "",
        "requests_per_month = 1",
        "app = { service = \"lambda\" }",
    ));
    assert!(
        msg.contains("`cn-northwest-1` (China (Ningxia))")
            && msg.contains("pricing fetch --region cn-northwest-1"),
        "{msg}"
    );
    let msg = eval_err(&scenario(
        "Mars",
        "",
        "requests_per_month = 1",
        "app = { service = \"lambda\" }",
    ));
    assert!(
        msg.contains("`Mars` is not an AWS region") && msg.contains("\"ap-northeast-1\""),
        "{msg}"
    );
}

fn ec2(region: &str, instance: &str) -> String {
    scenario(
        region,
        "",
        "requests_per_month = 1000000",
        &format!("web = {{ service = \"ec2\", instance = \"{instance}\", count = 1 }}"),
    )
}

#[test]
fn did_you_mean_stays_within_the_family_and_generation() {
    let msg = eval_err(&ec2("ap-northeast-1", "t4g.meduim"));
    assert!(msg.contains("did you mean `t4g.medium`?"), "{msg}");
    assert!(!msg.contains("t3.medium"), "{msg}");
    let msg = eval_err(&ec2("eu-central-1", "m7g.xlrage"));
    assert!(msg.contains("did you mean `m7g.xlarge`?"), "{msg}");
    // A typo in the family letter: the one family one letter away with that size.
    let msg = eval_err(&ec2("ap-northeast-1", "t4q.medium"));
    assert!(msg.contains("did you mean `t4g.medium`?"), "{msg}");
    // Nothing close: no guess, the families priced in the region instead.
    let msg = eval_err(&ec2("ap-northeast-1", "zz9.large"));
    assert!(
        msg.contains("not in the bundled catalog for any region") && msg.contains("t4g"),
        "{msg}"
    );
    assert!(!msg.contains("did you mean"), "{msg}");
    let rds = scenario(
        "us-east-1",
        "",
        "requests_per_month = 1000000",
        "db = { service = \"rds\", engine = \"postgresql\", instance = \"db.t4g.meduim\" }",
    );
    let msg = eval_err(&rds);
    assert!(
        msg.contains("did you mean `db.t4g.medium`?") && !msg.contains("db.t3."),
        "{msg}"
    );
}

#[test]
fn an_instance_missing_from_the_region_names_the_snapshot_the_fetch_command_and_where_it_is() {
    let msg = eval_err(&ec2("ap-east-2", "m5.large"));
    assert!(
        msg.contains(
            "EC2 instance `m5.large` is not in the bundled catalog (snapshot 2025-11-03 for ap-east-2 (Asia Pacific (Taipei)))"
        ) && msg.contains("archcost pricing fetch --region ap-east-2 --services ec2")
            && !msg.contains("does not sell"),
        "{msg}"
    );
    assert!(
        msg.contains("is priced in") && msg.contains("ap-northeast-1"),
        "{msg}"
    );
    let rds = scenario(
        "af-south-1",
        "",
        "requests_per_month = 1000000",
        "db = { service = \"rds\", engine = \"mysql\", instance = \"db.m7g.large\", multi_az = true }",
    );
    let msg = eval_err(&rds);
    assert!(
        msg.contains(
            "RDS mysql multi-az class `db.m7g.large` is not in the bundled catalog (snapshot "
        ) && msg.contains("archcost pricing fetch --region af-south-1 --services rds"),
        "{msg}"
    );
}

#[test]
fn new_engines_and_storage_price_from_the_catalog() {
    let rep = eval(&scenario(
        "eu-central-1",
        "",
        "requests_per_month = 1000000\nstorage_gb = 50\ndb_reads_per_request = 2\ndb_writes_per_request = 1",
        "db = { service = \"rds\", engine = \"aurora-postgresql\", instance = \"db.r6g.large\", multi_az = true }",
    ));
    let a = only(&rep);
    let cat = bundled::catalog();
    let hourly = cat
        .flat(
            "rds.aurora-postgresql.single_az.db.r6g.large",
            "eu-central-1",
        )
        .unwrap()
        .usd;
    assert_eq!(line_sum(a, "rds.instance"), hourly * d("730") * d("2"));
    assert_eq!(quantity_sum(a, "rds.io"), d("3000000"));
    assert_eq!(quantity_sum(a, "rds.storage"), d("50"));
    let rep = eval(&scenario(
        "ap-northeast-1",
        "",
        "requests_per_month = 1000000",
        "db = { service = \"rds\", engine = \"mariadb\", instance = \"db.m6g.large\", storage_type = \"io1\", iops = 3000, storage_gb = 200 }",
    ));
    let a = only(&rep);
    let iops = cat
        .flat("rds.iops.mariadb.io1.single_az", "ap-northeast-1")
        .unwrap()
        .usd;
    assert_eq!(line_sum(a, "rds.iops"), iops * d("3000"));
    assert_eq!(quantity_sum(a, "rds.storage"), d("200"));
}

#[test]
fn pricing_show_filters_by_region_service_and_family_as_json() {
    let out = bin()
        .args([
            "pricing", "show", "--region", "東京", "--family", "t4g", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "archcost/prices/1");
    let rows = doc["rows"].as_array().unwrap();
    assert!(rows.len() >= 7, "{} t4g rows", rows.len());
    // `t4g` names the EC2 family and the RDS `db.t4g` family.
    let keys: Vec<&str> = rows.iter().map(|r| r["key"].as_str().unwrap()).collect();
    for r in rows {
        assert_eq!(r["region"], "ap-northeast-1");
        let key = r["key"].as_str().unwrap();
        assert!(
            key.starts_with("ec2.linux.t4g.") || key.contains(".db.t4g."),
            "{key}"
        );
        assert!(r["usd"].is_string() && r["source"].as_str().unwrap().len() > 20);
    }
    assert!(
        keys.iter().any(|k| k.starts_with("ec2.")) && keys.iter().any(|k| k.starts_with("rds."))
    );
    // RDS families, with or without `db.`, and a service filter.
    for family in ["db.r6g", "r6g"] {
        let out = bin()
            .args([
                "pricing",
                "show",
                "--region",
                "osaka",
                "--service",
                "rds.postgresql",
                "--family",
                family,
                "--format",
                "csv",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.lines()
                .skip(1)
                .all(|l| l.starts_with("rds.postgresql.") && l.contains(".db.r6g.")),
            "{text}"
        );
        assert!(text.lines().count() > 5);
    }
    bin()
        .args([
            "pricing", "show", "--region", "tokyo", "--format", "markdown",
        ])
        .assert()
        .code(2);
    bin()
        .args(["pricing", "show", "--region", "Mars"])
        .assert()
        .code(2);
}

#[test]
fn the_regeneration_script_and_the_region_table_agree() {
    // pricing/build_catalog.py maps AWS location names to codes for the price data; the
    // names must be those of src/pricing/regions.rs, and every bundled region must be in both.
    let script = std::fs::read_to_string(repo().join("pricing/build_catalog.py")).unwrap();
    let mut seen = 0;
    for line in script.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("(\"") else {
            continue;
        };
        let Some((code, rest)) = rest.split_once("\", \"") else {
            continue;
        };
        let Some(name) = rest.strip_suffix("\"),") else {
            continue;
        };
        if !code.contains('-') || !name.contains('(') {
            continue;
        }
        let region = regions::by_code(code).unwrap_or_else(|| panic!("{code} not in the table"));
        assert_eq!(region.name, name, "{code}");
        seen += 1;
    }
    assert_eq!(seen, bundled::region_files().len());
}
