//! The report stamp and the self-contained page: report.json, report.html and summary.md carry
//! the archcost version, `generated_at` (fixed by `SOURCE_DATE_EPOCH`, so two runs are
//! byte-identical), the catalog dates and the scenario file's SHA-256, while `compare` output
//! carries none of it; the HTML embeds the CJK font as a `data:` URL and loads nothing, and (when
//! Chromium is installed) renders Japanese with it on a machine without CJK fonts.
use crate::util::{bin, repo};
use archcost::report::folder::FILES;
use base64::Engine as _;
use std::path::{Path, PathBuf};

const SCENARIO: &str = "scenarios/three-tier.toml";
const EPOCH: &str = "1764288000";
const STAMP_TIME: &str = "2025-11-28T00:00:00Z";

/// `archcost report SCENARIO --out DIR EXTRA...` with `SOURCE_DATE_EPOCH` = `epoch` (unset when
/// None); returns the process output.
fn report_with(epoch: Option<&str>, dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut cmd = bin();
    cmd.current_dir(repo()).env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    cmd.args(["report", SCENARIO, "--out"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap()
}

fn report(dir: &Path, extra: &[&str]) -> PathBuf {
    let out = report_with(Some(EPOCH), dir, extra);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.to_path_buf()
}

fn read_text(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

fn scenario_sha256() -> String {
    archcost::report::stamp::sha256_hex(&std::fs::read(repo().join(SCENARIO)).unwrap())
}

#[test]
fn source_date_epoch_makes_report_folders_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--lang", "ja", "--currency", "JPY"][..]] {
        let a = report(&tmp.path().join("a"), extra);
        let b = report(&tmp.path().join("b"), extra);
        for f in FILES {
            assert!(
                std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(),
                "{f} differs between two runs ({extra:?})"
            );
        }
        std::fs::remove_dir_all(&a).unwrap();
        std::fs::remove_dir_all(&b).unwrap();
    }
}

#[test]
fn report_json_html_and_markdown_carry_the_stamp() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = report(&tmp.path().join("r"), &[]);
    let sha = scenario_sha256();
    let version = env!("CARGO_PKG_VERSION");

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["schema"], "archcost/report/1");
    assert_eq!(json["archcost_version"], version);
    assert_eq!(json["generated_at"], STAMP_TIME);
    assert_eq!(json["scenario_file"], "three-tier.toml");
    assert_eq!(json["scenario_sha256"], sha.as_str());
    let pricing = &json["assumptions"]["pricing"];
    let (oldest, newest) = (
        pricing["effective_oldest"].as_str().unwrap(),
        pricing["effective"].as_str().unwrap(),
    );

    let html = read_text(&dir, "report.html");
    let md = read_text(&dir, "summary.md");
    for (what, text) in [("report.html", &html), ("summary.md", &md)] {
        for needle in [version, STAMP_TIME, &sha, "three-tier.toml", oldest, newest] {
            assert!(text.contains(needle), "{what}: {needle} missing");
        }
    }
    assert!(html.contains("<section id=\"stamp\">"));
    assert!(md.contains("## Report stamp"));
    assert!(md.contains(&format!("| Generated at (UTC) | {STAMP_TIME} |")));
    assert!(md.contains(&format!("| archcost version | {version} |")));

    // Japanese labels for the same stamp.
    let ja = report(&tmp.path().join("ja"), &["--lang", "ja"]);
    let md = read_text(&ja, "summary.md");
    assert!(md.contains("## レポート情報"));
    assert!(md.contains(&format!("| 生成日時（UTC） | {STAMP_TIME} |")));
    assert!(md.contains(&format!("| シナリオの SHA-256 | `{sha}` |")));
    assert!(read_text(&ja, "report.html").contains("archcost のバージョン"));
}

#[test]
fn without_source_date_epoch_the_stamp_is_the_current_time() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    let before = archcost::pricing::fetch::now_rfc3339();
    let out = report_with(None, &dir, &[]);
    let after = archcost::pricing::fetch::now_rfc3339();
    assert!(out.status.success());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    let at = json["generated_at"].as_str().unwrap();
    // RFC 3339 UTC with whole seconds sorts as text.
    assert_eq!(at.len(), 20, "{at}");
    assert!(at.ends_with('Z'));
    assert!(
        before.as_str() <= at && at <= after.as_str(),
        "{before} {at} {after}"
    );
}

#[test]
fn a_malformed_source_date_epoch_is_exit_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    let out = report_with(Some("yesterday"), &dir, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
    assert!(!dir.exists());
}

#[test]
fn compare_output_carries_no_stamp() {
    for format in ["json", "markdown", "html"] {
        let out = bin()
            .current_dir(repo())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .args(["compare", SCENARIO, "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for stamp in [
            "generated_at",
            "archcost_version",
            STAMP_TIME,
            "Report stamp",
        ] {
            assert!(!text.contains(stamp), "compare --format {format}: {stamp}");
        }
    }
}

/// Lines of `html` that load or link anything outside the page.
fn external_loads(html: &str) -> Vec<String> {
    let mut hits = Vec::new();
    for line in html.lines() {
        let line = line.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for bad in [
            "http://", "https://", "@import", "<link", "<script", "src=\"",
        ] {
            if line.contains(bad) {
                hits.push(format!("{bad}: {:.120}", line));
            }
        }
        // Every url(...) is a data: URL.
        for (i, _) in line.match_indices("url(") {
            if !line[i..].starts_with("url(data:") {
                hits.push(format!("url: {:.120}", &line[i..]));
            }
        }
    }
    hits
}

#[test]
fn japanese_html_embeds_the_chart_font_as_a_data_url_and_loads_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = report(
        &tmp.path().join("ja"),
        &["--lang", "ja", "--currency", "JPY"],
    );
    let html = read_text(&dir, "report.html");
    assert!(
        html.contains("font-src data:"),
        "the CSP allows data: fonts"
    );
    let start = html
        .find("@font-face{font-family:\"archcost Sans JP\";src:url(data:font/otf;base64,")
        .expect("@font-face with a data: URL");
    let b64_start = html[start..].find("base64,").unwrap() + start + "base64,".len();
    let b64_end = html[b64_start..].find(')').unwrap() + b64_start;
    let font = base64::engine::general_purpose::STANDARD
        .decode(&html[b64_start..b64_end])
        .unwrap();
    assert!(
        font == std::fs::read(repo().join("assets/fonts/archcost-sans-jp.otf")).unwrap(),
        "the embedded font is the PNG charts' font"
    );
    assert_eq!(html.matches("@font-face").count(), 1);
    // The embedded family comes first, system fonts after it.
    assert!(html.contains("font:15px/1.5 \"archcost Sans JP\",\"Noto Sans CJK JP\""));
    let hits = external_loads(&html);
    assert!(hits.is_empty(), "{hits:?}");
}

#[test]
fn english_html_embeds_the_font_only_when_it_has_cjk_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = report(&tmp.path().join("en"), &[]);
    let html = read_text(&dir, "report.html");
    assert!(!html.contains("@font-face"));
    assert!(external_loads(&html).is_empty());

    let text = std::fs::read_to_string(repo().join(SCENARIO))
        .unwrap()
        .replacen("name = \"serverless\"", "name = \"サーバーレス\"", 1);
    let scenario = tmp.path().join("named.toml");
    std::fs::write(&scenario, text).unwrap();
    let out = bin()
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("report")
        .arg(&scenario)
        .arg("--out")
        .arg(tmp.path().join("named"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = read_text(&tmp.path().join("named"), "report.html");
    assert!(html.contains("src:url(data:font/otf;base64,"));
    assert!(external_loads(&html).is_empty());
}

/// Headless Chromium screenshot of `page` (1200 × 900).
fn screenshot(browser: &Path, profile: &Path, page: &Path, shot: &Path) {
    let status = crate::util::chromium_command(browser, profile)
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1200,900")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(shot.is_file(), "no screenshot: {status:?}");
}

/// Whether fontconfig knows no Japanese font (so only the embedded one can draw kana).
fn no_system_japanese_font() -> bool {
    std::process::Command::new("fc-list")
        .arg(":lang=ja")
        .output()
        .map(|o| o.status.success() && o.stdout.iter().all(|b| b.is_ascii_whitespace()))
        .unwrap_or(false)
}

#[test]
fn japanese_html_renders_with_the_embedded_font_in_headless_chromium() {
    let Some(browser) = crate::util::chromium("japanese_html_renders_with_the_embedded_font")
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = report(
        &tmp.path().join("ja"),
        &["--lang", "ja", "--currency", "JPY"],
    );
    let page = dir.join("report.html");
    let shot = tmp.path().join("ja.png");
    screenshot(&browser, &tmp.path().join("profile"), &page, &shot);
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(
        png.len() > 20_000,
        "screenshot looks blank ({} bytes)",
        png.len()
    );

    // Without CJK system fonts the page differs from a copy without the embedded font: the
    // kana and kanji are drawn by it, not as empty boxes.
    if no_system_japanese_font() {
        let html = read_text(&dir, "report.html");
        let bare: String = html
            .lines()
            .filter(|l| !l.starts_with("@font-face"))
            .map(|l| format!("{l}\n"))
            .collect();
        let bare_page = tmp.path().join("bare.html");
        std::fs::write(&bare_page, bare).unwrap();
        let bare_shot = tmp.path().join("bare.png");
        screenshot(
            &browser,
            &tmp.path().join("profile-bare"),
            &bare_page,
            &bare_shot,
        );
        assert!(
            std::fs::read(&bare_shot).unwrap() != png,
            "the embedded font changed nothing"
        );
    } else {
        eprintln!("note: a system Japanese font is installed; the font comparison is skipped");
    }
}
