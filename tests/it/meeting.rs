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

// ---------- decision cards ----------

fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

/// The exact `field` of architecture `name` in `compare --format json`.
fn json_usd(json: &serde_json::Value, name: &str, field: &str) -> rust_decimal::Decimal {
    let a = json["architectures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap();
    dec(a.pointer(field).unwrap().as_str().unwrap())
}

/// `v` rounded to `dp` places (half away from zero), the integer part grouped by thousands.
fn grouped(v: rust_decimal::Decimal, dp: u32) -> String {
    let r = v.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{r:.*}", dp as usize);
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{out}.{f}"),
        None => out,
    }
}

/// "¥23,016" from a yen amount.
fn yen(v: rust_decimal::Decimal) -> String {
    format!("¥{}", grouped(v, 0))
}

/// The card of `name` in a page (its `<div class="card...">` up to the next card or section end).
fn card_of<'a>(html: &'a str, name: &str) -> &'a str {
    let at = html
        .find(&format!("<div class=\"name\">{name}<"))
        .unwrap_or_else(|| panic!("no card for {name}"));
    let end = html[at..].find("</div>\n").map_or(html.len(), |e| at + e);
    &html[at..end]
}

#[test]
fn cards_show_the_tax_inclusive_total_styled_as_information() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap();
    let taxed = text.replacen("[assumptions]\n", "[assumptions]\ntax_rate = 0.10\n", 1);
    let file = tmp.path().join("taxed.toml");
    std::fs::write(&file, taxed).unwrap();
    let f = file.display().to_string();
    let json: serde_json::Value =
        serde_json::from_str(&run(&["compare", &f, "--format", "json"])).unwrap();
    let dir = tmp.path().join("r");
    let d = dir.display().to_string();
    run(&[
        "report",
        &f,
        "--lang",
        "ja",
        "--currency",
        "JPY",
        "--out",
        &d,
    ]);
    let html = read(&dir, "report.html");
    let md = read(&dir, "summary.md");
    let table = run(&["compare", &f, "--lang", "ja", "--currency", "JPY"]);
    for name in ["serverless", "containers", "traditional"] {
        let monthly = json_usd(&json, name, "/monthly_usd");
        // Tax-inclusive yen = monthly USD × 1.10 × 150 JPY/USD, rounded to the yen.
        let with_tax = yen(monthly * dec("1.10") * dec("150"));
        let pre_tax = yen(monthly * dec("150"));
        let card = card_of(&html, name);
        assert!(
            card.contains(&format!("<span>税込</span> <b>{with_tax}</b>")),
            "{card}"
        );
        assert!(card.contains(&pre_tax), "{card}");
        assert!(card.contains("実行可能"), "{card}");
        assert!(
            md.contains(&format!("| {pre_tax} | {with_tax} | 可 |")),
            "{md}"
        );
        assert!(table.contains(&format!("税込 {with_tax} ／月")), "{table}");
    }
    // Tax lines are information, not problems.
    assert!(
        html.contains("<li class=\"info\">serverless: 消費税 10%"),
        "{html}"
    );
    assert!(!html.contains("<li class=\"bad\">serverless: 消費税"));
}

#[test]
fn cards_show_upfront_cash_and_the_term_total_of_a_commitment() {
    let tmp = tempfile::tempdir().unwrap();
    let f = "scenarios/commitments.toml";
    let json: serde_json::Value =
        serde_json::from_str(&run(&["compare", f, "--format", "json"])).unwrap();
    let dir = tmp.path().join("r");
    let d = dir.display().to_string();
    run(&["report", f, "--out", &d]);
    let html = read(&dir, "report.html");
    // ec2-reserved: 2 m5.large Standard RIs, 1-year partial upfront, 252 USD each up front.
    let upfront = dec("2") * dec("252");
    assert_eq!(json_usd(&json, "ec2-reserved", "/upfront_usd"), upfront);
    let card = card_of(&html, "ec2-reserved");
    assert!(
        card.contains("<span>paid up front</span> <b>$504.00</b>"),
        "{card}"
    );
    // Over the scenario's longest term (36 months, the 3-year plan): the recurring monthly cost
    // (monthly total minus 504 / 12 = 42 USD amortised) × 36, plus the 1-year upfront paid 3 times.
    let monthly = json_usd(&json, "ec2-reserved", "/monthly_usd");
    let total = (monthly - dec("42")) * dec("36") + dec("3") * upfront;
    let shown = format!("${}", grouped(total, 2));
    assert!(
        card.contains(&format!("<span>over 36 months</span> <b>{shown}</b>")),
        "{card} {shown}"
    );
    // On-demand and Spot have no term: neither fact.
    for name in ["ec2-on-demand", "ec2-spot-burst"] {
        let card = card_of(&html, name);
        assert!(
            !card.contains("up front") && !card.contains("months"),
            "{card}"
        );
    }
    let md = read(&dir, "summary.md");
    let row = format!(
        "| ec2-reserved | ${} | $504.00 | {shown} | yes |",
        grouped(monthly, 2)
    );
    assert!(md.contains(&row), "{row}\n{md}");
}

// ---------- architecture diagram ----------

/// "¥3,914" / "$26.09" -> the number.
fn amount(text: &str) -> rust_decimal::Decimal {
    dec(&text
        .trim_start_matches('-')
        .trim_start_matches(['$', '¥'])
        .replace(',', ""))
}

#[test]
fn diagrams_show_every_architecture_and_priced_line_with_costs_adding_up() {
    use archcost::report::diagram;
    use archcost::report::i18n::Lang;
    let mut seen = 0;
    for entry in std::fs::read_dir(repo().join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let catalog = archcost::pricing::bundled::catalog();
        let s = archcost::scenario::parse(&path.display().to_string(), &text, catalog).unwrap();
        let rep = archcost::compare::evaluate(&s, catalog).unwrap();
        for lang in [Lang::En, Lang::Ja] {
            let d = diagram::data(&rep, lang);
            let svg = diagram::svg(&d).unwrap();
            assert_eq!(d.archs.len(), rep.architectures.len(), "{}", path.display());
            for (a, da) in rep.architectures.iter().zip(&d.archs) {
                assert_eq!(a.name, da.name);
                assert!(svg.contains(&a.name), "{}: {}", path.display(), a.name);
                // Every priced line is in exactly one box.
                let mut ids: Vec<&str> = a.lines().map(|(_, l)| l.id.as_str()).collect();
                let mut boxed: Vec<&str> = da
                    .blocks
                    .iter()
                    .flat_map(|b| b.line_ids.iter().map(String::as_str))
                    .collect();
                ids.sort_unstable();
                boxed.sort_unstable();
                assert_eq!(ids, boxed, "{} {}", path.display(), a.name);
                // Every tier's service on the request path is a box, drawn.
                for t in a
                    .tiers
                    .iter()
                    .filter(|t| diagram::FLOW.contains(&t.tier.as_str()))
                {
                    assert!(
                        da.blocks.iter().any(|b| b.on_path && b.title == t.service),
                        "{} {} {}",
                        path.display(),
                        a.name,
                        t.service
                    );
                    assert!(svg.contains(&t.service));
                }
                // Exact box amounts add up to the total; so do the printed ones.
                let exact: rust_decimal::Decimal = da.blocks.iter().map(|b| b.monthly_usd).sum();
                assert_eq!(exact, a.monthly_usd, "{} {}", path.display(), a.name);
                let printed: rust_decimal::Decimal =
                    da.blocks.iter().map(|b| amount(&b.monthly)).sum();
                let total = archcost::report::money(&rep, a.monthly_usd);
                assert_eq!(printed, amount(&total), "{} {}", path.display(), a.name);
                for b in &da.blocks {
                    assert!(svg.contains(&b.monthly), "{}", b.monthly);
                }
            }
        }
        seen += 1;
    }
    assert!(seen >= 5, "{seen} scenarios");
}

/// Under `--lang ja` the boxes off the request path are named in Japanese, not by their
/// line-id prefix (`data_transfer`, `nat`).
#[test]
fn diagram_boxes_off_the_request_path_are_named_in_japanese() {
    use archcost::report::diagram;
    use archcost::report::i18n::Lang;
    let path = repo().join("scenarios/three-tier.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let catalog = archcost::pricing::bundled::catalog();
    let s = archcost::scenario::parse(&path.display().to_string(), &text, catalog).unwrap();
    let rep = archcost::compare::evaluate(&s, catalog).unwrap();
    let svg = diagram::svg(&diagram::data(&rep, Lang::Ja)).unwrap();
    assert!(svg.contains("データ転送"), "no データ転送 box");
    assert!(svg.contains("NAT ゲートウェイ"), "no NAT ゲートウェイ box");
    assert!(!svg.contains("data transfer"), "English box title in ja");
    let en = diagram::svg(&diagram::data(&rep, Lang::En)).unwrap();
    assert!(en.contains("data transfer"));
}

#[test]
fn the_report_folder_holds_the_diagram_as_svg_and_png_and_shows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    let d = dir.display().to_string();
    run(&[
        "report",
        "scenarios/three-tier.toml",
        "--lang",
        "ja",
        "--out",
        &d,
    ]);
    let svg = read(&dir, "diagram.svg");
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    assert!(svg.contains("クライアント") && svg.contains("lambda") && svg.contains("rds"));
    let png = std::fs::read(dir.join("diagram.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    assert!(read(&dir, "summary.md").contains("![構成図](diagram.png)"));
    let html = read(&dir, "report.html");
    assert!(html.contains("<section id=\"diagram\">"));
    assert!(html[html.find("<section id=\"diagram\">").unwrap()..].contains("<svg"));
}

// ---------- diff ----------

#[test]
fn diff_deltas_are_the_difference_of_the_printed_amounts_and_inputs_are_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap();
    let b_text = text
        .replacen(
            "requests_per_month = 30_000_000",
            "requests_per_month = 37_123_457",
            1,
        )
        .replacen("memory_mb = 1024", "memory_mb = 1536", 1);
    assert_ne!(text, b_text);
    let b = tmp.path().join("b.toml");
    std::fs::write(&b, b_text).unwrap();
    let b = b.display().to_string();
    let a = "scenarios/three-tier.toml";
    let json: serde_json::Value =
        serde_json::from_str(&run(&["diff", a, &b, "--format", "json"])).unwrap();
    let md = run(&["diff", a, &b, "--format", "markdown", "--currency", "JPY"]);
    let table = run(&["diff", a, &b, "--currency", "JPY"]);
    for arch in json["architectures"].as_array().unwrap() {
        let side = |k: &str| dec(arch[k].as_str().unwrap());
        // Each side as printed (whole yen at 150 JPY/USD), then their difference.
        let a_yen = (side("a_monthly_usd") * dec("150"))
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let b_yen = (side("b_monthly_usd") * dec("150"))
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let delta = b_yen - a_yen;
        assert!(delta > dec("0"), "more requests cost more");
        let row = format!("| {} | {} | **+{}** |", yen(a_yen), yen(b_yen), yen(delta));
        assert!(md.contains(&row), "{row}\n{md}");
        assert!(table.contains(&format!("+{}", yen(delta))), "{table}");
    }
    // The inputs that changed, above the line items, with both values.
    assert_eq!(
        json["inputs"][0],
        serde_json::json!({"key": "architecture.serverless.app.memory_mb", "a": "1024", "b": "1536"})
    );
    assert!(
        md.contains("| `workload.requests_per_month` | `30000000` | `37123457` |"),
        "{md}"
    );
    let inputs_at = md.find("| `workload.requests_per_month`").unwrap();
    let first_lines = md.find("\n## serverless").unwrap();
    assert!(inputs_at < first_lines);
    assert!(table.contains("workload.requests_per_month"));
}
