//! The commands layer: every printing command takes the same output options, refuses a format
//! it cannot write (exit 2, never a substitute), and honours --lang and --currency.
use crate::util::bin;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = bin().current_dir(root()).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const S: &str = "scenarios/three-tier.toml";
const SWEEP: [&str; 9] = [
    "sweep",
    S,
    "--vary",
    "workload.requests_per_month",
    "--from",
    "1e6",
    "--to",
    "1e8",
    "--log",
];

#[test]
fn every_unsupported_format_is_exit_2_naming_what_the_command_writes() {
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            [&SWEEP[..], &["--format", "html"]].concat(),
            "sweep --format html",
        ),
        (
            vec![
                "breakeven",
                S,
                "--vary",
                "workload.requests_per_month",
                "--format",
                "html",
            ],
            "breakeven --format html",
        ),
        (
            vec!["limits", S, "--format", "html"],
            "limits --format html",
        ),
        (
            vec!["sensitivity", S, "--format", "csv"],
            "sensitivity --format csv",
        ),
        (vec!["diff", S, S, "--format", "csv"], "diff --format csv"),
        (
            vec![
                "pricing", "show", "--region", "tokyo", "--format", "markdown",
            ],
            "pricing show --format markdown",
        ),
        (
            vec!["pricing", "diff", "bundled", "bundled", "--format", "html"],
            "pricing diff --format html",
        ),
    ];
    for (args, want) in cases {
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?} printed a substitute: {stdout}");
    }
}

#[test]
fn formats_each_command_advertises_are_written() {
    let cases: Vec<Vec<&str>> = vec![
        [&SWEEP[..], &["--format", "markdown"]].concat(),
        vec![
            "breakeven",
            S,
            "--vary",
            "workload.requests_per_month",
            "--format",
            "csv",
        ],
        vec![
            "breakeven",
            S,
            "--vary",
            "workload.requests_per_month",
            "--format",
            "markdown",
        ],
        vec!["limits", S, "--format", "csv"],
        vec!["limits", S, "--format", "markdown"],
        vec![
            "pricing",
            "show",
            "--region",
            "tokyo",
            "--service",
            "lambda",
            "--format",
            "json",
        ],
    ];
    for args in cases {
        let (code, stdout, stderr) = run(&args);
        // limits exits 3 when an architecture cannot run; the output is still written.
        assert!(matches!(code, Some(0) | Some(3)), "{args:?}: {stderr}");
        assert!(!stdout.trim().is_empty(), "{args:?}");
    }
    let (_, csv, _) = run(&[
        "breakeven",
        S,
        "--vary",
        "workload.requests_per_month",
        "--format",
        "csv",
    ]);
    assert!(csv.starts_with("a,b,value,monthly_usd,kind"), "{csv}");
    assert!(csv.contains("serverless,containers,"), "{csv}");
}

#[test]
fn analysis_commands_speak_japanese_and_yen_with_the_rate_beside() {
    let yen = ["--lang", "ja", "--currency", "JPY"];
    let cases: Vec<Vec<&str>> = vec![
        [&SWEEP[..], &yen[..]].concat(),
        [
            &["breakeven", S, "--vary", "workload.requests_per_month"][..],
            &yen[..],
        ]
        .concat(),
        [&["sensitivity", S][..], &yen[..]].concat(),
        [&["diff", S, "scenarios/internal-tool.toml"][..], &yen[..]].concat(),
    ];
    for args in cases {
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(stdout.contains('¥'), "{args:?}: {stdout}");
        assert!(!stdout.contains('$'), "{args:?} shows dollars: {stdout}");
        assert!(
            stdout.contains("為替レート") && stdout.contains("2026-11-20"),
            "{args:?}: {stdout}"
        );
    }
    // 万/億 number words: the three-tier crossings lie near 6,200万 and 5.96億 requests.
    let (_, text, _) = run(&[
        &["breakeven", S, "--vary", "workload.requests_per_month"][..],
        &yen[..],
    ]
    .concat());
    assert!(
        text.contains("万 リクエスト/月") && text.contains("億"),
        "{text}"
    );
    assert!(!text.contains("M requests"), "{text}");
}

#[test]
fn currency_jpy_without_a_rate_and_for_catalogs_is_refused() {
    let (code, _, stderr) = run(&["pricing", "show", "--region", "tokyo", "--currency", "JPY"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("USD prices"), "{stderr}");
}

#[test]
fn bom_applies_to_every_csv() {
    for args in [
        [&SWEEP[..], &["--format", "csv", "--bom"]].concat(),
        vec!["limits", S, "--format", "csv", "--bom"],
        vec!["compare", S, "--format", "csv", "--bom"],
    ] {
        let out = bin().current_dir(root()).args(&args).output().unwrap();
        assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "{args:?}");
    }
}

#[test]
fn diff_reports_a_multi_az_switch_as_one_changed_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read_to_string(root().join(S)).unwrap();
    let b = a.replacen("multi_az = true", "multi_az = false", 1);
    assert_ne!(a, b);
    let (pa, pb) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    std::fs::write(&pa, &a).unwrap();
    std::fs::write(&pb, &b).unwrap();
    let out = bin()
        .args(["diff", "--format", "json"])
        .arg(&pa)
        .arg(&pb)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let containers = v["architectures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "containers")
        .unwrap();
    let rds: Vec<&serde_json::Value> = containers["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["id"] == "rds.instance")
        .collect();
    assert_eq!(rds.len(), 1, "{rds:?}");
    assert_eq!(rds[0]["status"], "changed");
}

/// Consumption tax: pre-tax totals unchanged, tax apart in JSON and every human output.
/// Hand-computed: 1M HTTP API requests × $1.29/M + 1M Lambda requests × $0.20/M + 50,000 GB-s
/// × $0.0000166667 = $2.323335 pre-tax; 10 % = $0.2323335; at 150 JPY/USD ¥348.50 → ¥349,
/// tax ¥34.85 → ¥35, incl. tax ¥383.
#[test]
fn consumption_tax_is_shown_apart_from_pre_tax_totals() {
    let f = "tests/fixtures/tax-tokyo.toml";
    let (code, json, err) = run(&["compare", f, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["assumptions"]["tax_rate"], "0.1");
    assert_eq!(v["architectures"][0]["monthly_usd"], "2.323335");
    assert_eq!(v["architectures"][0]["tax_usd"], "0.2323335");
    let (_, table, _) = run(&["compare", f, "--lang", "ja"]);
    assert!(
        table.contains("消費税 10% ¥35 — 税込 月額 ¥383（税抜 ¥349）"),
        "{table}"
    );
    let (_, md, _) = run(&["compare", f, "--format", "markdown", "--currency", "USD"]);
    assert!(
        md.contains("consumption tax 10 % $0.23 — $2.56 per month incl. tax (pre-tax $2.32)"),
        "{md}"
    );
    let (_, csv, _) = run(&["compare", f, "--format", "csv"]);
    assert!(csv.contains(",tax,tax,tax.consumption,"), "{csv}");
    let (code, _, err) = run(&["validate", "tests/fixtures/tax-bad.toml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("assumptions.tax_rate"), "{err}");
}

#[test]
fn narrow_terminals_get_a_compact_layout_without_mid_word_wraps() {
    let out = bin()
        .current_dir(root())
        .env("COLUMNS", "80")
        .args(["compare", S])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Table rows fit (prose lines such as notes wrap in the terminal itself).
    for line in text
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞', '├']))
    {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(
        !text.contains("data-transf\n") && !text.contains("transf er"),
        "{text}"
    );
    assert!(
        !text.contains("USD per unit"),
        "unit price column kept at 80 columns"
    );
    let wide = bin()
        .current_dir(root())
        .env("COLUMNS", "160")
        .args(["compare", S])
        .output()
        .unwrap();
    assert!(String::from_utf8(wide.stdout)
        .unwrap()
        .contains("USD per unit"));
}

#[test]
fn a_string_where_a_number_belongs_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/tax-tokyo.toml"))
        .unwrap()
        .replace("memory_mb = 512", "memory_mb = \"512\"");
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let out = bin().arg("validate").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("`app.memory_mb`: invalid type: string \"512\""),
        "{err}"
    );
}

#[test]
fn pricing_show_suggests_a_misspelt_service() {
    let (code, _, err) = run(&["pricing", "show", "--region", "tokyo", "--service", "lamda"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean `lambda`?"), "{err}");
}

#[test]
fn sweep_charts_are_linear_unless_log_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("c.svg");
    let chart = chart.to_str().unwrap();
    let base = [
        "sweep",
        S,
        "--vary",
        "workload.requests_per_month",
        "--from",
        "0",
        "--to",
        "2e8",
        "--steps",
        "21",
    ];
    // Linear axes start at 0: a sweep from 0 draws; its ticks are evenly spaced (20M, 40M, ...).
    let (code, _, err) = run(&[&base[..], &["--chart", chart]].concat());
    assert_eq!(code, Some(0), "{err}");
    let svg = std::fs::read_to_string(chart).unwrap();
    assert!(
        svg.contains("40M") && svg.contains("60M"),
        "no linear ticks"
    );
    assert!(!svg.contains("log scale"));
    // Log axes cannot start at 0.
    let (code, _, err) = run(&[&base[..], &["--log", "--chart", chart]].concat());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("log axes need --from above 0"), "{err}");
}
