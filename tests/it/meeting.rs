//! Meeting-readiness: one Japanese number style in every human output, the decision cards, the
//! diff arithmetic and the architecture diagrams (issue 22).
use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn archcost() -> Command {
    let mut c = Command::cargo_bin("archcost").unwrap();
    c.current_dir(repo()).env("SOURCE_DATE_EPOCH", "1764288000");
    c
}

#[track_caller]
fn run(args: &[&str]) -> String {
    let out = archcost().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "archcost {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every "30M" / "2.1B" style count in `text`: a digit, then M or B, then no letter or digit.
fn western_counts(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in 1..b.len() {
        let unit = b[i] == b'M' || b[i] == b'B';
        let after_ok = b.get(i + 1).is_none_or(|c| !c.is_ascii_alphanumeric());
        if !(unit && b[i - 1].is_ascii_digit() && after_ok) {
            continue;
        }
        // Colours (#F28E2B) are not counts.
        let word = text[..i].rfind(|c: char| !c.is_ascii_alphanumeric());
        if word.is_none_or(|w| b[w] != b'#') {
            let from = text[..i].rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','));
            let start = from.map_or(0, |f| f + 1);
            out.push(text[start..=i].to_string());
        }
    }
    out
}

/// The page without the embedded font (base64 can spell anything).
fn without_font(html: &str) -> String {
    const DATA: &str = "data:font/otf;base64,";
    match html.find(DATA) {
        Some(i) => {
            let end = html[i..].find(')').map_or(html.len(), |e| i + e);
            format!("{}{}", &html[..i], &html[end..])
        }
        None => html.to_string(),
    }
}

#[test]
fn the_detector_finds_western_counts() {
    assert_eq!(western_counts("x 62.1M y (30M) 1B"), ["62.1M", "30M", "1B"]);
    assert!(western_counts("1024 MB, 8 KB, m5.large, 3,000万, #F28E2B").is_empty());
}

#[test]
fn japanese_outputs_write_counts_in_man_and_oku() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ja");
    let d = dir.display().to_string();
    run(&[
        "report",
        "scenarios/three-tier.toml",
        "--lang",
        "ja",
        "--currency",
        "JPY",
        "--out",
        &d,
    ]);
    let mut texts = vec![
        ("summary.md".to_string(), read(&dir, "summary.md")),
        (
            "report.html".to_string(),
            without_font(&read(&dir, "report.html")),
        ),
        (
            "cost-vs-load.svg".to_string(),
            read(&dir, "cost-vs-load.svg"),
        ),
        ("breakdown.svg".to_string(), read(&dir, "breakdown.svg")),
    ];
    let sweep_svg = tmp.path().join("sweep.svg");
    let sweep_chart = sweep_svg.display().to_string();
    for args in [
        vec!["compare", "scenarios/three-tier.toml", "--lang", "ja"],
        vec![
            "compare",
            "scenarios/three-tier.toml",
            "--lang",
            "ja",
            "--format",
            "markdown",
        ],
        vec![
            "breakeven",
            "scenarios/three-tier.toml",
            "--vary",
            "workload.requests_per_month",
            "--lang",
            "ja",
        ],
        vec![
            "sweep",
            "scenarios/three-tier.toml",
            "--vary",
            "workload.requests_per_month",
            "--from",
            "1000000",
            "--to",
            "1000000000",
            "--steps",
            "8",
            "--log",
            "--lang",
            "ja",
            "--chart",
            &sweep_chart,
        ],
        vec!["sensitivity", "scenarios/three-tier.toml", "--lang", "ja"],
    ] {
        texts.push((args.join(" "), run(&args)));
    }
    texts.push(("sweep.svg".into(), read(tmp.path(), "sweep.svg")));
    for (what, text) in &texts {
        let found = western_counts(text);
        assert!(found.is_empty(), "{what}: {found:?}");
    }
    // The scenario's 30,000,000 requests a month are 3,000万 in the assumptions and on the chart.
    assert!(
        texts[0].1.contains("| 月間リクエスト数 | 3,000万 |"),
        "{}",
        texts[0].1
    );
    assert!(texts[2].1.contains("このシナリオ (3,000万)"));
    // The line-item quantity column keeps the digits (30,000,000 requests), rounded for reading:
    // data transfer 30,000,000 × 8 KB = 240,000,000 KB / 1,048,576 = 228.881836 GB -> 228.88.
    assert!(texts[0].1.contains("| 30,000,000 | リクエスト |"));
    assert!(texts[0].1.contains("| 228.88 | GB |"));
    assert!(!texts[0].1.contains("228.881836"));
    // JSON keeps the exact quantity.
    assert!(read(&dir, "report.json").contains("228.8818359375"));
}
