//! Fuzzing kept in the project: property tests over the scenario parser, the catalog loader
//! and the CSV/JSON offer parsers, each input either accepted or refused with a clean error,
//! never a panic. The case count comes from `ARCHCOST_FUZZ_CASES` (default 256 per target), so
//! the long run is one documented command (README, "Fuzzing"):
//!
//! ```sh
//! ARCHCOST_FUZZ_CASES=250000 cargo test --release --locked fuzz::   # 4 targets = 1,000,000 cases
//! ARCHCOST_FUZZ_CASES=1000000 cargo test --release --locked fuzz::fuzz_range_  # 3 range targets
//! ```
use archcost::pricing::{bundled, catalog_csv, offer, Catalog};
use archcost::{breakeven, compare, scenario, sensitivity, sweep};
use proptest::prelude::*;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use std::path::PathBuf;

fn config() -> ProptestConfig {
    let cases = std::env::var("ARCHCOST_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn three_tier() -> String {
    std::fs::read_to_string(root().join("scenarios/three-tier.toml")).unwrap()
}

/// Values that stress parsing and arithmetic: huge, tiny, negative, odd types and strings.
fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| format!("{v:?}")),
        Just("1e308".to_string()),
        Just("-0.0".to_string()),
        Just("nan".to_string()),
        Just("inf".to_string()),
        Just("79228162514264337593543950335".to_string()),
        Just("\"\"".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("true".to_string()),
        "\"[a-z0-9.\\-]{0,12}\"",
        "[0-9]{1,30}(\\.[0-9]{1,30})?",
    ]
}

/// Run a scenario text through parse + evaluate: an error is fine, a panic is not.
fn run_scenario(text: &str, catalog: &Catalog) {
    if let Ok(s) = scenario::parse("fuzz.toml", text, catalog) {
        let _ = compare::evaluate(&s, catalog);
        let _ = compare::totals(&s, catalog);
    }
}

/// Catalog rows over real keys and units with arbitrary numbers, tiers and units.
fn catalog_row() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(vec![
        "lambda.requests",
        "lambda.duration.arm64",
        "apigw.http.requests",
        "dynamodb.reads",
        "ec2.linux.m5.large",
        "rds.mysql.multi_az.db.t4g.medium",
        "data_transfer.out",
        "alb.lcu",
    ]);
    let units = prop::sample::select(vec![
        "request",
        "GB-second",
        "hour",
        "GB",
        "LCU-hour",
        "read request unit",
        "",
    ]);
    let number = prop_oneof![
        "[0-9]{1,3}(\\.[0-9]{1,12})?",
        hostile_value(),
        Just(String::new()),
        Just("Inf".to_string()),
    ];
    (
        keys,
        units,
        number.clone(),
        number.clone(),
        number,
        prop::sample::select(vec!["ap-northeast-1", "us-east-1", ""]),
    )
        .prop_map(|(k, u, b, e, p, r)| format!("{k},{r},{u},{b},{e},{p},SKU,2025-06-18,fuzz\n"))
}

fn import_bytes(bytes: &[u8]) {
    let regions = offer::RegionFilter::default();
    let _ = offer::import_reader("fuzz", bytes, &regions);
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/aws-offers").join(rel)).unwrap()
}

/// One mutation of a byte string: replace, insert or delete a byte, or cut the tail.
fn mutate(mut data: Vec<u8>, ops: &[(u8, usize, u8)]) -> Vec<u8> {
    for &(op, pos, byte) in ops {
        if data.is_empty() {
            break;
        }
        let p = pos % data.len();
        match op % 4 {
            0 => data[p] = byte,
            1 => data.insert(p, byte),
            2 => {
                data.remove(p);
            }
            _ => data.truncate(p.max(1)),
        }
    }
    data
}

/// A range end as a user could type one: ordinary, huge, negative, tiny, and Decimal's edges.
fn range_end() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0.0f64..1e10).prop_map(|v| Decimal::from_f64(v).unwrap_or_default()),
        any::<i64>().prop_map(Decimal::from),
        (any::<i128>(), 0u32..=28).prop_map(|(m, scale)| {
            Decimal::try_from_i128_with_scale(m % (1i128 << 96), scale).unwrap_or_default()
        }),
        prop::sample::select(vec![
            Decimal::MAX,
            Decimal::MIN,
            Decimal::ZERO,
            Decimal::from_scientific("7.9e28").unwrap(),
            Decimal::from_scientific("-7.9e28").unwrap(),
            Decimal::from_scientific("5e27").unwrap(),
            Decimal::from_scientific("1e28").unwrap(),
            Decimal::from_scientific("1e18").unwrap(),
            Decimal::from_scientific("1e15").unwrap(),
            Decimal::from_scientific("1e-28").unwrap(),
        ]),
    ]
}

/// Keys a sweep or break-even search can vary in the three-tier example.
fn vary_key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "workload.requests_per_month",
        "workload.requests_per_second",
        "workload.duration_ms",
        "workload.response_kb",
        "workload.peak_to_average",
        "assumptions.hours_per_month",
        "assumptions.usd_jpy",
        "architecture.serverless.app.memory_mb",
        "architecture.containers.app.rps_per_task",
        "architecture.traditional.db.ebs_gb",
    ])
}

fn three_tier_scenario() -> scenario::Scenario {
    scenario::parse("three-tier.toml", &three_tier(), bundled::catalog()).unwrap()
}

/// An engine error must be the user's to fix (exit 2), never a runtime failure or a panic.
#[track_caller]
fn assert_input_error(e: &archcost::error::Error) {
    assert_eq!(e.exit_code(), 2, "{e}");
}

proptest! {
    #![proptest_config(config())]

    /// Issue 21: sweep ranges (ends, step count, log spacing) are checked before any pricing;
    /// every accepted range prices without overflow, with steps inside the range.
    #[test]
    fn fuzz_range_sweep(key in vary_key(), from in range_end(), to in range_end(),
                         steps in 0usize..8, log in any::<bool>()) {
        let s = three_tier_scenario();
        match sweep::steps(from, to, steps, log) {
            Err(e) => assert_input_error(&e),
            Ok(values) => {
                prop_assert_eq!(values.len(), steps);
                prop_assert!(values.iter().all(|v| *v >= from && *v <= to));
                match sweep::sweep(&s, bundled::catalog(), key, &values) {
                    Err(e) => assert_input_error(&e),
                    Ok(rows) => prop_assert!(rows.len() <= steps),
                }
            }
        }
    }

    /// Issue 21: break-even ranges, checked up front; a found crossing lies inside the range.
    #[test]
    fn fuzz_range_breakeven(key in vary_key(), from in range_end(), to in range_end()) {
        let s = three_tier_scenario();
        match breakeven::breakeven(&s, bundled::catalog(), key, from, to, None) {
            Err(e) => assert_input_error(&e),
            Ok(crossings) => prop_assert!(crossings.iter().all(|c| c.value >= from && c.value <= to)),
        }
    }

    /// Issue 21: sensitivity's ± pct and the scenario's declared low/expected/high ranges.
    #[test]
    fn fuzz_range_sensitivity(pct in range_end(), low in hostile_value(), high in hostile_value()) {
        let text = three_tier().replace(
            "duration_ms = 120 ",
            &format!("duration_ms = {{ low = {low}, expected = 120, high = {high} }} "),
        );
        let catalog = bundled::catalog();
        if let Ok(s) = scenario::parse("fuzz.toml", &text, catalog) {
            if let Err(e) = sensitivity::analyse(&s, catalog, pct) {
                assert_input_error(&e);
            }
        }
    }

    /// The shipped scenario with any one value replaced by a hostile one.
    #[test]
    fn fuzz_scenario_values(line in 0usize..60, value in hostile_value()) {
        let text = three_tier();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let n = line % lines.len();
        if let Some((key, _)) = lines[n].split_once(" = ") {
            lines[n] = format!("{key} = {value}");
        }
        run_scenario(&lines.join("\n"), bundled::catalog());
    }

    /// Catalog CSV text of arbitrary rows: loaded or refused; when loaded, the three-tier
    /// example prices against it (overlaid on the bundled rows) without a panic.
    #[test]
    fn fuzz_catalog_rows(rows in prop::collection::vec(catalog_row(), 0..6)) {
        let text = format!("{}\n{}", catalog_csv::COLUMNS.join(","), rows.concat());
        if let Ok(rows) = catalog_csv::parse("fuzz.csv", &text) {
            let local = Catalog::new("fuzz", rows);
            let catalog = bundled::catalog().overlaid(local);
            run_scenario(&three_tier(), &catalog);
        }
    }

    /// A real CSV offer file with a few random byte edits.
    #[test]
    fn fuzz_csv_offer(ops in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..6)) {
        let data = fixture("csv/AWSLambda-eu-west-2-20260831092318-excerpt.csv");
        import_bytes(&mutate(data, &ops));
    }

    /// A real JSON offer file with a few random byte edits.
    #[test]
    fn fuzz_json_offer(ops in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..6)) {
        let data = fixture("json-reshaped/AmazonDynamoDB-us-east-1-20260608234428-reshaped-slice.json");
        import_bytes(&mutate(data, &ops));
    }
}

/// The audit's crashing and hanging inputs, kept as a corpus (tests/fixtures/fuzz-regressions):
/// every one must now end in a clean input error.
#[test]
fn fuzz_regression_corpus() {
    let dir = root().join("tests/fixtures/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        if name.starts_with("catalog-") {
            let err = catalog_csv::parse(&name, &text).expect_err(&name);
            assert_eq!(err.exit_code(), 2, "{name}: {err}");
        } else if name.starts_with("offer-") {
            let regions = offer::RegionFilter::default();
            let err = offer::import_reader(&name, text.as_bytes(), &regions).expect_err(&name);
            assert_eq!(err.exit_code(), 2, "{name}: {err}");
        } else {
            continue;
        }
        seen += 1;
    }
    assert!(seen >= 5, "corpus has {seen} files");
}

/// The reference reading of one `application/x-www-form-urlencoded` value, written apart from
/// the server's: `+` is a space, `%` must be followed by two hex digits, the bytes must be UTF-8.
fn form_decode(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                let hi = hex(*b.get(i + 1)?)?;
                let lo = hex(*b.get(i + 2)?)?;
                out.push((hi * 16 + lo) as u8);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Query-string text with many `%`, `+`, `&`, `=` and hex digits (where the parser's edge cases
/// are), plus any other characters.
fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[%+&=0-9a-fA-F ]{0,40}",
        "(%[0-9a-fA-F+\\- ]{0,2}|[a-z+&=]|%E6%9D%B1){0,20}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// The serve query parser: any text is decoded as the reference says or refused with a
    /// clean error (never a panic), and every value survives encode → parse.
    #[test]
    fn fuzz_serve_query_parser(raw in query_text(), key in "q[a-z_]{0,7}", value in any::<String>()) {
        let decoded = archcost::serve::query::decode(&raw);
        prop_assert_eq!(decoded.ok(), form_decode(&raw), "decode {:?}", raw);
        let _ = archcost::serve::query::Query::parse(&raw, &["lang", "vary", "from"]);
        let enc = archcost::serve::query::encode;
        let text = format!("{}={}&other=1", enc(&key), enc(&value));
        let q = archcost::serve::query::Query::parse(&text, &[key.as_str(), "other"]).unwrap();
        prop_assert_eq!(q.get(&key), Some(value.as_str()));
    }
}
