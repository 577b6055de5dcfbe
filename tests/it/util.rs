//! Shared helpers: evaluate inline scenarios against the bundled catalog, run the binary.
#![allow(dead_code)]
use archcost::compare::{evaluate, ArchReport, Report};
use archcost::money::cents;
use archcost::pricing::bundled;
use archcost::scenario;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test decimal")
}

/// Parse + validate + evaluate a scenario text with the bundled catalog.
/// The day tests evaluate on (what is "more than 12 months old" is measured from it): the day
/// the bundled catalog was last refreshed.
pub const TODAY: &str = "2026-12-06";

pub fn eval(toml: &str) -> Report {
    let s =
        scenario::parse("test.toml", toml, bundled::catalog()).unwrap_or_else(|e| panic!("{e}"));
    archcost::pricing::freshness::with_today(TODAY, || evaluate(&s, bundled::catalog()))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The error message a scenario text produces.
pub fn eval_err(toml: &str) -> String {
    match scenario::parse("test.toml", toml, bundled::catalog()) {
        Err(e) => e.to_string(),
        Ok(s) => match evaluate(&s, bundled::catalog()) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("expected an error for:\n{toml}"),
        },
    }
}

pub fn only(rep: &Report) -> &ArchReport {
    assert_eq!(rep.architectures.len(), 1);
    &rep.architectures[0]
}

/// Exact monthly USD of all lines with this id.
pub fn line_sum(a: &ArchReport, id: &str) -> Decimal {
    a.lines()
        .filter(|(_, l)| l.id == id)
        .map(|(_, l)| l.monthly_usd)
        .sum()
}

pub fn quantity_sum(a: &ArchReport, id: &str) -> Decimal {
    a.lines()
        .filter(|(_, l)| l.id == id)
        .map(|(_, l)| l.quantity)
        .sum()
}

pub fn tier_usd(a: &ArchReport, tier: &str) -> Decimal {
    a.tier(tier).map(|t| t.monthly_usd).unwrap_or_default()
}

pub fn to_cents(v: Decimal) -> Decimal {
    cents(v)
}

/// A one-architecture scenario in `region` with workload lines and tier lines.
pub fn scenario(region: &str, assumptions: &str, workload: &str, tiers: &str) -> String {
    format!(
        "name = \"t\"\nregion = \"{region}\"\n[assumptions]\n{assumptions}\n[workload]\n{workload}\n[[architecture]]\nname = \"a\"\n{tiers}\n"
    )
}

pub fn bin() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("archcost").expect("binary built")
}

pub fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The headless Chromium the browser tests drive. Without one the test is skipped with a note —
/// unless the environment variable `CI` is set (`.ci/run` sets it and installs Debian's
/// `chromium`): then a missing browser fails the test instead of letting it pass untested.
/// `CHROMIUM=/path/to/chromium` names another browser binary.
pub fn chromium(test: &str) -> Option<std::path::PathBuf> {
    let candidates: Vec<std::path::PathBuf> = match std::env::var_os("CHROMIUM") {
        Some(p) if !p.is_empty() => vec![p.into()],
        _ => vec![
            "/usr/bin/chromium".into(),
            "/usr/bin/chromium-browser".into(),
        ],
    };
    let found = candidates.into_iter().find(|p| p.is_file());
    if found.is_none() {
        let ci = std::env::var("CI")
            .is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"));
        assert!(
            !ci,
            "{test}: CI is set but Chromium is not installed (/usr/bin/chromium, or $CHROMIUM); a browser test must not pass without a browser\n  hint: apt-get install chromium (.ci/run does)"
        );
        eprintln!(
            "SKIPPED {test}: /usr/bin/chromium not installed (apt-get install chromium; .ci/run installs it)"
        );
    }
    found
}

/// Headless Chromium with the flags every browser test uses — no sandbox or GPU (containers),
/// and nothing that reaches the network on its own (background networking, QUIC, component
/// updates, sync; the test machine's network is closed) — a fresh profile in `profile`, and a
/// 120 s `timeout` so a stuck browser fails the test instead of hanging it.
pub fn chromium_command(
    browser: &std::path::Path,
    profile: &std::path::Path,
) -> std::process::Command {
    let mut cmd = std::process::Command::new("timeout");
    cmd.arg("120").arg(browser).args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// Not a test of archcost: the browser lookup alone, run in a child process (with its own
/// environment) by `browser_tests_fail_without_a_browser_when_ci_is_set`.
#[test]
#[ignore = "run in a child process by browser_tests_fail_without_a_browser_when_ci_is_set"]
fn chromium_lookup_alone() {
    let _ = chromium("chromium_lookup_alone");
}

/// Issue 21: with `CI` set and no Chromium, a browser test fails instead of passing untested;
/// without `CI` it is skipped with a note. The lookup runs in a child of this test binary whose
/// `CHROMIUM` names a file that does not exist.
#[test]
fn browser_tests_fail_without_a_browser_when_ci_is_set() {
    let missing = tempfile::tempdir().unwrap();
    let run = |ci: Option<&str>| {
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args([
            "util::chromium_lookup_alone",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("CHROMIUM", missing.path().join("chromium"));
        match ci {
            Some(v) => cmd.env("CI", v),
            None => cmd.env_remove("CI"),
        };
        let out = cmd.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    };
    let (passed, text) = run(Some("1"));
    assert!(!passed, "CI=1 without a browser must fail: {text}");
    assert!(
        text.contains("chromium_lookup_alone: CI is set but Chromium is not installed"),
        "{text}"
    );
    assert!(text.contains("1 failed"), "{text}");
    for ci in [None, Some("0"), Some("false")] {
        let (passed, text) = run(ci);
        assert!(passed, "CI={ci:?}: skipped, not failed: {text}");
        assert!(
            text.contains("SKIPPED chromium_lookup_alone") && text.contains("1 passed"),
            "{text}"
        );
    }
}

/// Every `.rs` file under `dir`, in sorted path order (the source-walking tests).
pub fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
