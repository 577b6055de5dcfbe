//! `archcost report` and the presentation options: snapshots of every format in English and
//! Japanese, the report folder (contents, determinism, atomic replacement), HTML escaping, the
//! page in headless Chromium, PNG checks, yen rounding and the UTF-8 BOM.
use assert_cmd::Command;
use std::path::{Path, PathBuf};

const SCENARIO: &str = "scenarios/three-tier.toml";
const FILES: [&str; 11] = [
    "summary.md",
    "report.html",
    "report.json",
    "breakdown.csv",
    "report.xlsx",
    "cost-vs-load.png",
    "cost-vs-load.svg",
    "breakdown.png",
    "breakdown.svg",
    "diagram.png",
    "diagram.svg",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the repository with the report stamp's time fixed (`SOURCE_DATE_EPOCH`,
/// as the committed reports were generated), so report folders reproduce byte for byte.
fn archcost() -> Command {
    let mut c = Command::cargo_bin("archcost").unwrap();
    c.current_dir(repo()).env("SOURCE_DATE_EPOCH", "1764288000");
    c
}

/// Run `archcost ARGS` and return standard output (asserting success).
fn run(args: &[&str]) -> Vec<u8> {
    let out = archcost().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "archcost {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

/// Write a report folder for `scenario` at `dir` with extra args.
fn report(scenario: &Path, dir: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "report".to_string(),
        scenario.display().to_string(),
        "--out".to_string(),
        dir.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    text(run(&refs))
}

fn read(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
}

fn read_text(dir: &Path, file: &str) -> String {
    text(read(dir, file))
}

/// A copy of the three-tier scenario with `from` replaced by `to` (first occurrence each).
fn scenario_variant(dir: &Path, edits: &[(&str, &str)]) -> PathBuf {
    let mut s = std::fs::read_to_string(repo().join(SCENARIO)).unwrap();
    for (from, to) in edits {
        assert!(s.contains(from), "{from} not in scenario");
        s = s.replacen(from, to, 1);
    }
    let path = dir.join("variant.toml");
    std::fs::write(&path, s).unwrap();
    path
}

// ---------- snapshots of every format, English and Japanese ----------

#[test]
fn compare_formats_en_snapshots() {
    for format in ["table", "csv", "markdown", "json"] {
        let out = text(run(&["compare", SCENARIO, "--format", format]));
        insta::assert_snapshot!(format!("compare_en_{format}"), out);
    }
}

#[test]
fn compare_formats_ja_snapshots() {
    for format in ["table", "csv", "markdown"] {
        let out = text(run(&[
            "compare",
            SCENARIO,
            "--format",
            format,
            "--lang",
            "ja",
            "--currency",
            "JPY",
        ]));
        insta::assert_snapshot!(format!("compare_ja_jpy_{format}"), out);
    }
}

#[test]
fn english_labels_are_unchanged_by_the_lang_option() {
    for format in ["table", "csv", "markdown"] {
        let default = run(&["compare", SCENARIO, "--format", format]);
        let en = run(&["compare", SCENARIO, "--format", format, "--lang", "en"]);
        assert_eq!(default, en, "{format}");
    }
}

#[test]
fn japanese_labels_appear_in_every_text_format() {
    let table = text(run(&["compare", SCENARIO, "--lang", "ja"]));
    assert!(table.contains("層別の月額費用"), "{table}");
    assert!(table.contains("アーキテクチャ"));
    let csv = text(run(&[
        "compare", SCENARIO, "--format", "csv", "--lang", "ja",
    ]));
    assert!(
        csv.starts_with("アーキテクチャ,リージョン,層,サービス,ID,明細,"),
        "{csv}"
    );
    let md = text(run(&[
        "compare", SCENARIO, "--format", "markdown", "--lang", "ja",
    ]));
    assert!(md.contains("| 前提条件 | 値 |"), "{md}");
    assert!(md.contains("## 層別の月額費用"));
}

#[test]
fn report_folder_snapshots_en_and_ja() {
    let tmp = tempfile::tempdir().unwrap();
    let en = tmp.path().join("en");
    let ja = tmp.path().join("ja");
    report(Path::new(SCENARIO), &en, &[]);
    report(
        Path::new(SCENARIO),
        &ja,
        &["--lang", "ja", "--currency", "JPY"],
    );
    for (tag, dir) in [("en", &en), ("ja", &ja)] {
        for file in FILES
            .iter()
            .filter(|f| !f.ends_with(".png") && !f.ends_with(".xlsx"))
        {
            insta::assert_snapshot!(
                format!("report_{tag}_{file}"),
                without_font_data(&read_text(dir, file))
            );
        }
    }
}

/// The page with the embedded font's base64 replaced by a marker (it is checked byte for byte
/// in `stamps`; a megabyte of base64 has no place in a snapshot).
fn without_font_data(text: &str) -> String {
    const DATA: &str = "data:font/otf;base64,";
    match text.find(DATA) {
        Some(i) => {
            let start = i + DATA.len();
            let end = text[start..].find(')').map_or(text.len(), |e| start + e);
            format!("{}<font data>{}", &text[..start], &text[end..])
        }
        None => text.to_string(),
    }
}

// ---------- the report folder ----------

#[test]
fn report_writes_every_file_and_prints_the_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let stdout = report(Path::new(SCENARIO), &dir, &[]);
    let printed: Vec<&str> = stdout.lines().collect();
    let expected: Vec<String> = FILES
        .iter()
        .map(|f| dir.join(f).display().to_string())
        .collect();
    assert_eq!(printed, expected);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = FILES.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(names, want);
    // Nothing left behind beside the folder.
    let siblings: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(siblings.len(), 1);
    // Every part carries the numbers: the JSON is docs/reference/json.md, the summary has the totals.
    let json: serde_json::Value = serde_json::from_slice(&read(&dir, "report.json")).unwrap();
    assert_eq!(json["schema"], "archcost/report/1");
    let summary = read_text(&dir, "summary.md");
    assert!(summary.contains("**$145.39**"), "{summary}");
    assert!(summary.contains("![Monthly cost vs request volume](cost-vs-load.png)"));
}

#[test]
fn default_folder_is_reports_slash_scenario_stem() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = tmp.path().join("my-api.toml");
    std::fs::copy(repo().join(SCENARIO), &scenario).unwrap();
    let out = Command::cargo_bin("archcost")
        .unwrap()
        .current_dir(tmp.path())
        .args(["report", "my-api.toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tmp.path().join("reports/my-api/report.html").is_file());
    assert!(String::from_utf8_lossy(&out.stdout).contains("reports/my-api/summary.md"));
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--lang", "ja", "--currency", "JPY", "--bom"][..]] {
        let a = tmp.path().join("a");
        let b = tmp.path().join("b");
        report(Path::new(SCENARIO), &a, extra);
        report(Path::new(SCENARIO), &b, extra);
        for f in FILES {
            assert!(read(&a, f) == read(&b, f), "{f} differs ({extra:?})");
        }
        std::fs::remove_dir_all(&a).unwrap();
        std::fs::remove_dir_all(&b).unwrap();
    }
}

#[test]
fn committed_three_tier_report_is_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let fresh = tmp.path().join("three-tier");
    report(Path::new(SCENARIO), &fresh, &[]);
    let committed = repo().join("reports/three-tier");
    for f in FILES {
        assert!(
            read(&committed, f) == read(&fresh, f),
            "reports/three-tier/{f} is stale: run `archcost report scenarios/three-tier.toml`"
        );
    }
}

#[test]
fn an_existing_report_is_replaced_and_foreign_folders_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    report(Path::new(SCENARIO), &dir, &[]);
    std::fs::write(dir.join("summary.md"), "stale").unwrap();
    std::fs::remove_file(dir.join("breakdown.png")).unwrap();
    report(Path::new(SCENARIO), &dir, &[]);
    assert!(read_text(&dir, "summary.md").starts_with("# Order API"));
    assert!(dir.join("breakdown.png").is_file());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);

    // A folder with files archcost did not write is left alone (exit 2).
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep me").unwrap();
    let out = archcost()
        .args(["report", SCENARIO, "--out"])
        .arg(&mine)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.txt"), "{err}");
    // Named by its path (the folder's words come from the message table, not from a flag).
    assert!(
        err.contains(&format!(
            "{}: the folder holds files archcost did not write (notes.txt)",
            mine.display()
        )),
        "{err}"
    );
    let ja = archcost()
        .args(["report", SCENARIO, "--lang", "ja", "--out"])
        .arg(&mine)
        .output()
        .unwrap();
    assert_eq!(ja.status.code(), Some(2));
    let ja_err = String::from_utf8_lossy(&ja.stderr);
    assert!(
        ja_err.contains("archcost が書いていないファイルがフォルダーにあります（notes.txt）"),
        "{ja_err}"
    );
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep me"
    );

    // A file in the way: exit 2, file untouched.
    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let out = archcost()
        .args(["report", SCENARIO, "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists and is not a folder"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn a_failing_report_leaves_the_old_folder_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    report(Path::new(SCENARIO), &dir, &[]);
    let before: Vec<Vec<u8>> = FILES.iter().map(|f| read(&dir, f)).collect();
    let bad = scenario_variant(tmp.path(), &[("duration_ms = 120", "duration_ms = -5")]);
    let out = archcost()
        .args(["report"])
        .arg(&bad)
        .arg("--out")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let after: Vec<Vec<u8>> = FILES.iter().map(|f| read(&dir, f)).collect();
    assert!(before == after);
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// ---------- HTML ----------

#[test]
fn user_strings_are_escaped_in_html_svg_and_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "<script>alert(1)</script>";
    let scenario = scenario_variant(
        tmp.path(),
        &[
            ("name = \"Order API\"", &format!("name = \"{evil}\"")),
            ("name = \"serverless\"", &format!("name = \"{evil}\"")),
            (
                "description = \"Checkout backend",
                "description = \"<img src=x onerror=alert(2)> & Checkout backend",
            ),
        ],
    );
    let dir = tmp.path().join("r");
    report(&scenario, &dir, &[]);
    let html = read_text(&dir, "report.html");
    assert!(
        !html.to_lowercase().contains("<script"),
        "unescaped script tag"
    );
    assert!(!html.contains("<img"), "unescaped img tag");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; &amp; Checkout"));
    // The architecture name is escaped in the cards, the tables and the inline SVG legend.
    assert!(
        html.matches("&lt;script&gt;alert(1)&lt;/script&gt;")
            .count()
            >= 5
    );
    for svg in ["cost-vs-load.svg", "breakdown.svg"] {
        let s = read_text(&dir, svg);
        assert!(!s.contains("<script"), "{svg}");
        assert!(s.contains("&lt;script&gt;"), "{svg}");
    }
    let md = read_text(&dir, "summary.md");
    assert!(!md.contains("<script"));
}

#[test]
fn compare_format_html_is_the_report_page_without_the_file_list() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    report(Path::new(SCENARIO), &dir, &[]);
    let page = text(run(&["compare", SCENARIO, "--format", "html"]));
    let folder = read_text(&dir, "report.html");
    assert!(page.contains("<h1>Order API</h1>"));
    assert!(!page.contains("summary.md"));
    let cut = |s: &str| s[..s.find("<footer>").unwrap()].to_string();
    assert_eq!(cut(&page), cut(&folder));
}

#[test]
fn html_is_self_contained() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    report(Path::new(SCENARIO), &dir, &["--lang", "ja"]);
    let html = read_text(&dir, "report.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(html.contains("Content-Security-Policy"));
    for external in [
        "http://", "https://", "src=", "@import", "url(", "<link", "<script",
    ] {
        let hits: Vec<&str> = html
            .lines()
            .filter(|l| l.contains(external))
            .filter(|l| !l.contains("xmlns=\"http://www.w3.org/2000/svg\""))
            // The embedded font: its one url() is a data: URL.
            .filter(|l| {
                !(l.starts_with("@font-face{")
                    && l.matches("url(").count() == 1
                    && l.contains("src:url(data:font/otf;base64,"))
            })
            .collect();
        assert!(hits.is_empty(), "{external}: {hits:?}");
    }
    // The architecture diagram and the two charts.
    assert_eq!(html.matches("<svg ").count(), 3);
    assert!(html.contains("リクエスト数と月額費用"));
}

/// Run headless Chromium on `url` with `extra` flags; (stdout, stderr).
fn chromium_run(browser: &Path, profile: &Path, extra: &[String], url: &str) -> (String, String) {
    let mut cmd = crate::util::chromium_command(browser, profile);
    cmd.args(["--enable-logging=stderr", "--v=0"]);
    cmd.args(extra).arg(url);
    let out = cmd.output().expect("run chromium");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn html_renders_in_headless_chromium_without_console_errors() {
    let Some(browser) = crate::util::chromium("html_renders_in_headless_chromium") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    for (tag, extra) in [
        ("en", &[][..]),
        ("ja", &["--lang", "ja", "--currency", "JPY"][..]),
    ] {
        let dir = tmp.path().join(tag);
        report(Path::new(SCENARIO), &dir, extra);
        let url = format!("file://{}", dir.join("report.html").display());

        let shot = tmp.path().join(format!("{tag}.png"));
        let (_, stderr) = chromium_run(
            &browser,
            &tmp.path().join(format!("profile-{tag}")),
            &[
                format!("--screenshot={}", shot.display()),
                "--window-size=1280,2000".to_string(),
            ],
            &url,
        );
        let bad: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
            .collect();
        assert!(bad.is_empty(), "console errors: {bad:?}");
        let png = decode_png(&shot);
        assert_eq!((png.width, png.height), (1280, 2000));
        assert!(png.distinct_colours() > 100, "screenshot looks blank");

        let (dom, _) = chromium_run(
            &browser,
            &tmp.path().join(format!("profile-dom-{tag}")),
            &["--dump-dom".to_string()],
            &url,
        );
        assert!(
            dom.contains("<h1>Order API</h1>"),
            "page did not parse: {dom:.300}"
        );
        assert_eq!(dom.matches("<svg ").count(), 3);
        assert!(dom.trim_end().ends_with("</html>"));
    }
}

// ---------- PNG ----------

struct Png {
    width: u32,
    height: u32,
    rgba: Vec<[u8; 4]>,
}

impl Png {
    fn distinct_colours(&self) -> usize {
        let mut seen = std::collections::BTreeSet::new();
        for p in &self.rgba {
            seen.insert(*p);
        }
        seen.len()
    }
}

fn decode_png(path: &Path) -> Png {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{}: not a PNG",
        path.display()
    );
    // IHDR: width and height as big-endian u32 after the chunk length and type.
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (width, height));
    let channels = info.color_type.samples();
    let rgba = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|c| match c {
            [r, g, b, a] => [*r, *g, *b, *a],
            [r, g, b] => [*r, *g, *b, 255],
            [v, a] => [*v, *v, *v, *a],
            [v] => [*v, *v, *v, 255],
            _ => [0, 0, 0, 0],
        })
        .collect();
    Png {
        width,
        height,
        rgba,
    }
}

#[test]
fn charts_are_real_pngs_with_content() {
    let tmp = tempfile::tempdir().unwrap();
    for (tag, extra) in [("en", &[][..]), ("ja", &["--lang", "ja"][..])] {
        let dir = tmp.path().join(tag);
        report(Path::new(SCENARIO), &dir, extra);
        for f in ["cost-vs-load.png", "breakdown.png"] {
            let png = decode_png(&dir.join(f));
            assert_eq!((png.width, png.height), (1200, 720), "{f}");
            assert!(png.distinct_colours() > 50, "{tag} {f}: too few colours");
            // The three architecture colours of the cost-vs-load chart are all there.
            if f == "cost-vs-load.png" {
                for c in [[31, 119, 180, 255], [255, 127, 14, 255], [44, 160, 44, 255]] {
                    assert!(png.rgba.contains(&c), "{tag}: colour {c:?} missing");
                }
            }
            // Text is drawn: dark anti-aliased pixels exist outside the lines' colours.
            let dark = png
                .rgba
                .iter()
                .filter(|p| p[0] < 80 && p[1] < 80 && p[2] < 80)
                .count();
            assert!(dark > 2000, "{tag} {f}: no text drawn ({dark} dark pixels)");
        }
    }
}

#[test]
fn png_text_replaces_characters_the_font_lacks_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = scenario_variant(
        tmp.path(),
        &[("name = \"serverless\"", "name = \"🚀 serverless\"")],
    );
    let dir = tmp.path().join("r");
    let out = archcost()
        .args(["report"])
        .arg(&scenario)
        .arg("--out")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("character(s) not in the embedded chart font"),
        "{stderr}"
    );
    // SVG keeps the original text.
    assert!(read_text(&dir, "cost-vs-load.svg").contains("🚀 serverless"));
}

#[test]
fn one_architecture_and_zero_cost_scenarios_chart_fine() {
    let tmp = tempfile::tempdir().unwrap();
    let full = std::fs::read_to_string(repo().join(SCENARIO)).unwrap();
    let cut = full
        .find("[[architecture]]\nname = \"containers\"")
        .unwrap();
    let one = tmp.path().join("one.toml");
    std::fs::write(&one, &full[..cut]).unwrap();
    // Free tier at 1,000 requests a month: serverless costs $0.00 (drawn on the log axis floor).
    let free = scenario_variant(
        tmp.path(),
        &[
            ("free_tier = false", "free_tier = true"),
            (
                "requests_per_month = 30_000_000",
                "requests_per_month = 1000",
            ),
        ],
    );
    for (tag, s) in [("one", &one), ("free", &free)] {
        let dir = tmp.path().join(tag);
        report(s, &dir, &[]);
        for f in ["cost-vs-load.png", "breakdown.png"] {
            let png = decode_png(&dir.join(f));
            assert!(png.distinct_colours() > 50, "{tag} {f}");
        }
    }
    assert!(read_text(&tmp.path().join("free"), "summary.md").contains("| **$0.00** |"));
}

// ---------- currency and BOM ----------

#[test]
fn yen_is_rounded_to_the_yen_half_away_from_zero() {
    // Hand-computed, three-tier at 150 JPY/USD: serverless lines (USD) 38.70 + 6.00 + 48.00024
    // + 4.275 + 10.725 + 5.70 + 26.09252929... = 139.49276929..., plus the Lambda platform log
    // lines: 30M x 266 B = 7.43195414543 GB x (0.76 ingestion + 0.033 storage) = 5.89353963...:
    // 145.38630893...; x 150 = 21,807.946 -> ¥21,808.
    let md = text(run(&[
        "compare",
        SCENARIO,
        "--format",
        "markdown",
        "--currency",
        "JPY",
    ]));
    assert!(md.contains("**¥21,808**"), "{md}");
    assert!(
        md.contains("| ¥7,200 |"),
        "lambda.duration 48.00024 x 150 = 7,200.036"
    );
    assert!(
        md.contains("| ¥1,609 |"),
        "dynamodb.writes 10.725 x 150 = 1,608.75"
    );
    assert!(
        md.contains("| ¥641 |"),
        "dynamodb.reads 4.275 x 150 = 641.25"
    );
    assert!(md.contains("150 JPY per USD (2026-11-20)"));

    // A half yen: DynamoDB storage 20 GB x $0.285 = $5.70; x 145 = 826.5 -> ¥827
    // (banker's rounding would print ¥826).
    let tmp = tempfile::tempdir().unwrap();
    let s = scenario_variant(tmp.path(), &[("usd_jpy = 150.0", "usd_jpy = 145")]);
    let md = text(run(&[
        "compare",
        s.to_str().unwrap(),
        "--format",
        "markdown",
        "--currency",
        "JPY",
    ]));
    let storage = md
        .lines()
        .find(|l| l.contains("`dynamodb.storage`"))
        .unwrap();
    assert!(storage.ends_with("| ¥827 |"), "{storage}");
    assert!(md.contains("145 JPY per USD (2026-11-20)"));
}

#[test]
fn every_report_file_shows_the_exchange_rate() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    report(Path::new(SCENARIO), &dir, &["--currency", "JPY"]);
    assert!(read_text(&dir, "summary.md").contains("150 JPY per USD (2026-11-20)"));
    assert!(read_text(&dir, "report.html").contains("150 JPY per USD (2026-11-20)"));
    assert!(read_text(&dir, "cost-vs-load.svg").contains("150 JPY per USD (2026-11-20)"));
    assert!(read_text(&dir, "breakdown.svg").contains("150 JPY per USD (2026-11-20)"));
    let json: serde_json::Value = serde_json::from_slice(&read(&dir, "report.json")).unwrap();
    assert_eq!(json["assumptions"]["usd_jpy"], "150");
    assert_eq!(json["assumptions"]["fx_date"], "2026-11-20");
    assert!(json["architectures"][0]["monthly_usd"].as_str().is_some());
    let csv = read_text(&dir, "breakdown.csv");
    assert!(csv.lines().next().unwrap().contains("monthly_jpy"));
    // JPY without a rate is an input error.
    let s = scenario_variant(tmp.path(), &[("usd_jpy = 150.0", "")]);
    let out = archcost()
        .args(["report"])
        .arg(&s)
        .args(["--currency", "JPY", "--out"])
        .arg(tmp.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!tmp.path().join("x").exists());
}

#[test]
fn bom_starts_csv_for_excel() {
    let plain = run(&["compare", SCENARIO, "--format", "csv"]);
    assert!(plain.starts_with(b"architecture,"));
    let bom = run(&[
        "compare", SCENARIO, "--format", "csv", "--bom", "--lang", "ja",
    ]);
    assert!(bom.starts_with(b"\xEF\xBB\xBF"));
    assert!(text(bom[3..].to_vec()).starts_with("アーキテクチャ,"));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    report(Path::new(SCENARIO), &dir, &["--bom"]);
    assert!(read(&dir, "breakdown.csv").starts_with(b"\xEF\xBB\xBFarchitecture,"));
}

// ---------- the chart's samples ----------

#[test]
fn curve_samples_equal_compare_at_the_same_volume() {
    use archcost::compare::totals;
    use archcost::pricing::bundled;
    use archcost::report::curve;
    let text = std::fs::read_to_string(repo().join(SCENARIO)).unwrap();
    let s = archcost::scenario::parse("three-tier.toml", &text, bundled::catalog()).unwrap();
    let c = curve::for_scenario(&s, bundled::catalog()).unwrap();
    assert_eq!(c.points.len(), curve::POINTS);
    assert_eq!(c.points.first().unwrap().0.to_string(), "300000");
    assert_eq!(c.points.last().unwrap().0.to_string(), "3000000000");
    for (v, costs) in [&c.points[0], &c.points[17], &c.points[60]] {
        let mut at = s.clone();
        at.workload.requests_per_month = Some(*v);
        let want: Vec<_> = totals(&at, bundled::catalog())
            .unwrap()
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(costs, &want);
    }
    // Each reported crossing lies between samples where the order of the pair flips.
    for x in &c.crossings {
        let i = c.names.iter().position(|n| *n == x.between.0).unwrap();
        let j = c.names.iter().position(|n| *n == x.between.1).unwrap();
        let below = c.points.iter().rev().find(|p| p.0 <= x.value).unwrap();
        let above = c.points.iter().find(|p| p.0 >= x.value).unwrap();
        let d_below = below.1[i] - below.1[j];
        let d_above = above.1[i] - above.1[j];
        assert!(
            d_below.is_sign_negative() != d_above.is_sign_negative(),
            "{x:?}"
        );
    }
}

#[test]
fn ja_html_limits_table_has_remedies_and_headers_that_do_not_wrap() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    report(Path::new(SCENARIO), &dir, &["--lang", "ja"]);
    let html = read_text(&dir, "report.html");
    // Header cells never break (no `状/態`, `対/処` one character per line at 1,280 px).
    assert!(html.contains("th{background:#f1f3f4;font-weight:600;white-space:nowrap}"));
    assert!(html.contains("table.limits td.remedy{min-width:16em}"));
    // Every limit with a Japanese remedy in limits/remedies-ja.csv shows a non-empty 対処 cell,
    // including findings within their limit.
    let ids: Vec<String> = std::fs::read_to_string(repo().join("limits/remedies-ja.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(',').map(|(id, _)| id.to_string()))
        .collect();
    let mut checked = 0;
    for row in html
        .split("<tr>")
        .filter(|r| r.contains("<td class=\"remedy"))
    {
        let id = row
            .split("<code>")
            .nth(1)
            .unwrap()
            .split("</code>")
            .next()
            .unwrap();
        if !ids.iter().any(|i| i == id) {
            continue;
        }
        let cell = row.rsplit("<td class=\"remedy").next().unwrap();
        let text = cell
            .split_once('>')
            .unwrap()
            .1
            .trim_end_matches("</td></tr>\n");
        assert!(!text.trim().is_empty(), "{id}: empty remedy in {row}");
        assert!(!text.is_ascii(), "{id}: remedy not in Japanese: {text}");
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} limit rows with a remedy");
}
