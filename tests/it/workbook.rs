//! `report.xlsx`: opened with calamine. Sheets and their names, the formulas themselves (every
//! line `=quantity*unit price`, `SUM` subtotals and totals, summary totals that point at each
//! architecture's total, yen through the `USD_JPY` rate cell), the cached values against
//! report.json, the number formats, and a small formula evaluator that shows an edited quantity
//! moving every total.
use crate::util::{bin, repo};
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const SCENARIO: &str = "scenarios/three-tier.toml";
const EPOCH: &str = "1764288000";

/// Write a report folder for `scenario` into `dir` with `extra` args; returns the folder.
fn report(scenario: &Path, dir: &Path, extra: &[&str]) -> PathBuf {
    let out = bin()
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("report")
        .arg(scenario)
        .arg("--out")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.to_path_buf()
}

/// Every sheet of a workbook: values, formulas, number formats, and the defined names.
struct Book {
    names: Vec<String>,
    values: HashMap<String, calamine::Range<Data>>,
    formulas: HashMap<String, calamine::Range<String>>,
    formats: HashMap<String, calamine::StyleRange>,
    defined: Vec<(String, String)>,
}

impl Book {
    fn open(path: &Path) -> Book {
        let mut wb: Xlsx<_> = open_workbook(path).unwrap();
        let names = wb.sheet_names();
        let mut values = HashMap::new();
        let mut formulas = HashMap::new();
        let mut formats = HashMap::new();
        for n in &names {
            values.insert(n.clone(), wb.worksheet_range(n).unwrap());
            formulas.insert(n.clone(), wb.worksheet_formula(n).unwrap());
            formats.insert(n.clone(), wb.worksheet_style(n).unwrap());
        }
        Book {
            names,
            values,
            formulas,
            formats,
            defined: wb.defined_names().to_vec(),
        }
    }

    fn value(&self, sheet: &str, row: u32, col: u32) -> Data {
        self.values[sheet]
            .get_value((row, col))
            .cloned()
            .unwrap_or(Data::Empty)
    }

    fn text(&self, sheet: &str, row: u32, col: u32) -> String {
        match self.value(sheet, row, col) {
            Data::String(s) => s,
            _ => String::new(),
        }
    }

    fn number(&self, sheet: &str, row: u32, col: u32) -> f64 {
        match self.value(sheet, row, col) {
            Data::Float(f) => f,
            Data::Int(i) => i as f64,
            other => panic!("{sheet}!{row},{col}: not a number: {other:?}"),
        }
    }

    fn formula(&self, sheet: &str, row: u32, col: u32) -> String {
        self.formulas[sheet]
            .get_value((row, col))
            .cloned()
            .unwrap_or_default()
    }

    fn num_format(&self, sheet: &str, row: u32, col: u32) -> String {
        self.formats[sheet]
            .get((row, col))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
            .unwrap_or_default()
    }

    /// Rows (0-based) of `sheet` whose column A reads `label`.
    fn rows_labelled(&self, sheet: &str, label: &str) -> Vec<u32> {
        let r = &self.values[sheet];
        let (end, _) = r.end().unwrap();
        (0..=end)
            .filter(|row| self.text(sheet, *row, 0) == label)
            .collect()
    }
}

/// "$G$12" / "G12" -> (row, col), 0-based.
fn parse_ref(r: &str) -> (u32, u32) {
    let r = r.replace('$', "");
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &r[letters.len()..];
    let col = letters
        .chars()
        .fold(0u32, |acc, c| acc * 26 + (c as u32 - 'A' as u32 + 1))
        - 1;
    (digits.parse::<u32>().unwrap() - 1, col)
}

/// A tiny evaluator for the formulas the workbook uses: `SUM(A1:A9)`, `SUM(A1,A5)`, `A1*B1`,
/// `A1+B1`, `MIN(A1,A5)`, `'sheet'!$G$9`, `G5*USD_JPY`, `0`. `edits` overrides input cells, as a reviewer's change would.
struct Eval<'a> {
    book: &'a Book,
    edits: HashMap<(String, u32, u32), f64>,
}

impl Eval<'_> {
    fn cell(&self, sheet: &str, row: u32, col: u32) -> f64 {
        if let Some(v) = self.edits.get(&(sheet.to_string(), row, col)) {
            return *v;
        }
        let f = self.book.formula(sheet, row, col);
        if f.is_empty() {
            // An empty cell counts as 0, as in Excel.
            if self.book.value(sheet, row, col) == Data::Empty {
                return 0.0;
            }
            return self.book.number(sheet, row, col);
        }
        self.expr(sheet, f.trim_start_matches('='))
    }

    fn term(&self, sheet: &str, t: &str) -> f64 {
        if let Ok(v) = t.parse::<f64>() {
            return v;
        }
        if let Some((other, r)) = t.rsplit_once('!') {
            let other = other.trim_matches('\'').replace("''", "'");
            let (row, col) = parse_ref(r);
            return self.cell(&other, row, col);
        }
        if let Some((_, target)) = self.book.defined.iter().find(|(n, _)| n == t) {
            return self.term(sheet, target.trim_start_matches('='));
        }
        let (row, col) = parse_ref(t);
        self.cell(sheet, row, col)
    }

    fn expr(&self, sheet: &str, f: &str) -> f64 {
        if let Some(args) = f.strip_prefix("MIN(").and_then(|a| a.strip_suffix(')')) {
            return args
                .split(',')
                .map(|a| self.term(sheet, a))
                .fold(f64::INFINITY, f64::min);
        }
        if let Some(args) = f.strip_prefix("SUM(").and_then(|a| a.strip_suffix(')')) {
            return args
                .split(',')
                .map(|a| match a.split_once(':') {
                    Some((from, to)) => {
                        let ((r0, c0), (r1, c1)) = (parse_ref(from), parse_ref(to));
                        let mut s = 0.0;
                        for r in r0..=r1 {
                            for c in c0..=c1 {
                                s += self.cell(sheet, r, c);
                            }
                        }
                        s
                    }
                    None => self.term(sheet, a),
                })
                .sum();
        }
        f.split('+')
            .map(|sum| sum.split('*').map(|t| self.term(sheet, t)).product::<f64>())
            .sum()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn dec(v: &serde_json::Value) -> f64 {
    v.as_str().unwrap().parse().unwrap()
}

fn json(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap()
}

/// Check one architecture sheet against its JSON: every line's formula and value, the tier
/// subtotals and the total; returns the total's (row, col).
fn check_arch_sheet(book: &Book, sheet: &str, arch: &serde_json::Value, total_label: &str) -> u32 {
    let eval = Eval {
        book,
        edits: HashMap::new(),
    };
    let mut row = 4; // header on row 4 (index 3)
    let mut subtotal_rows = Vec::new();
    for tier in arch["tiers"].as_array().unwrap() {
        let first = row;
        for line in tier["lines"].as_array().unwrap() {
            assert_eq!(book.text(sheet, row, 2), line["id"].as_str().unwrap());
            let (q, p) = (dec(&line["quantity"]), dec(&line["unit_price_usd"]));
            assert!(close(book.number(sheet, row, 3), q), "{sheet} row {row}");
            assert!(close(book.number(sheet, row, 5), p), "{sheet} row {row}");
            assert_eq!(
                book.formula(sheet, row, 6),
                format!("D{0}*F{0}", row + 1),
                "{sheet} row {row}"
            );
            let monthly = dec(&line["monthly_usd"]);
            assert!(
                close(eval.cell(sheet, row, 6), monthly),
                "{sheet} row {row}"
            );
            // The cached value is the exact result (what a viewer shows before recalculating).
            assert!(
                close(book.number(sheet, row, 6), monthly),
                "{sheet} row {row}"
            );
            assert_eq!(book.num_format(sheet, row, 6), "$#,##0.00");
            row += 1;
        }
        assert_eq!(
            book.formula(sheet, row, 6),
            format!("SUM(G{}:G{})", first + 1, row),
            "{sheet} subtotal"
        );
        let sub = dec(&tier["monthly_usd"]);
        assert!(close(eval.cell(sheet, row, 6), sub), "{sheet} subtotal");
        assert!(close(book.number(sheet, row, 6), sub), "{sheet} subtotal");
        subtotal_rows.push(row);
        row += 1;
    }
    assert_eq!(book.text(sheet, row, 0), total_label, "{sheet} total row");
    let cells: Vec<String> = subtotal_rows
        .iter()
        .map(|r| format!("G{}", r + 1))
        .collect();
    assert_eq!(
        book.formula(sheet, row, 6),
        format!("SUM({})", cells.join(","))
    );
    let total = dec(&arch["monthly_usd"]);
    assert!(close(eval.cell(sheet, row, 6), total), "{sheet} total");
    assert!(close(book.number(sheet, row, 6), total), "{sheet} total");
    row
}

#[test]
fn workbook_has_a_summary_and_one_sheet_of_live_formulas_per_architecture() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = report(Path::new(SCENARIO), &tmp.path().join("r"), &[]);
    let rep = json(&dir);
    let book = Book::open(&dir.join("report.xlsx"));
    assert_eq!(
        book.names,
        ["Summary", "serverless", "containers", "traditional"]
    );
    // Assumptions first, with the catalog's oldest and newest dates and the stamp.
    let s = "Summary";
    assert_eq!(book.text(s, 0, 0), "Order API");
    let assumption = |label: &str| {
        let rows = book.rows_labelled(s, label);
        assert_eq!(rows.len(), 1, "{label}");
        book.value(s, rows[0], 1)
    };
    assert_eq!(
        assumption("Region"),
        Data::String("ap-northeast-1 (Asia Pacific (Tokyo))".into())
    );
    assert_eq!(assumption("Hours per month"), Data::Float(730.0));
    assert_eq!(assumption("Free tier"), Data::String("off".into()));
    let pricing = &rep["assumptions"]["pricing"];
    assert_eq!(
        assumption("Oldest price date"),
        Data::String(pricing["effective_oldest"].as_str().unwrap().into())
    );
    assert_eq!(
        assumption("Newest price date"),
        Data::String(pricing["effective"].as_str().unwrap().into())
    );
    assert_eq!(assumption("Currency"), Data::String("USD".into()));
    assert_eq!(
        assumption("Generated at (UTC)"),
        Data::String("2025-11-28T00:00:00Z".into())
    );
    assert_eq!(
        assumption("Scenario SHA-256"),
        Data::String(rep["scenario_sha256"].as_str().unwrap().into())
    );
    // No yen: no rate cell, no yen column.
    assert!(book.defined.iter().all(|(n, _)| n != "USD_JPY"));

    let eval = Eval {
        book: &book,
        edits: HashMap::new(),
    };
    for arch in rep["architectures"].as_array().unwrap() {
        let name = arch["name"].as_str().unwrap();
        let total_row = check_arch_sheet(&book, name, arch, "Total / month");
        assert_eq!(book.text(name, 0, 0), name);
        // The summary row points at that total.
        let row = book.rows_labelled(s, name)[0];
        assert_eq!(
            book.formula(s, row, 3),
            format!("'{name}'!$G${}", total_row + 1)
        );
        let total = dec(&arch["monthly_usd"]);
        assert!(close(book.number(s, row, 3), total), "{name}");
        assert!(close(eval.cell(s, row, 3), total), "{name}");
        assert_eq!(book.num_format(s, row, 3), "$#,##0.00");
    }
    let cheapest = rep["cheapest_feasible"].as_str().unwrap();
    let row = book.rows_labelled(s, cheapest)[0];
    assert_eq!(book.text(s, row, 4), "cheapest feasible");
}

#[test]
fn an_edited_quantity_moves_the_tier_subtotal_the_total_and_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = report(
        Path::new(SCENARIO),
        &tmp.path().join("r"),
        &["--currency", "JPY"],
    );
    let rep = json(&dir);
    let book = Book::open(&dir.join("report.xlsx"));
    let arch = &rep["architectures"][0];
    let name = arch["name"].as_str().unwrap();
    let line = &arch["tiers"][0]["lines"][0];
    // Double the first line's quantity, as a reviewer would in Excel.
    let (q, p) = (dec(&line["quantity"]), dec(&line["unit_price_usd"]));
    let mut eval = Eval {
        book: &book,
        edits: HashMap::new(),
    };
    let summary_row = book.rows_labelled("Summary", name)[0];
    let before_usd = eval.cell("Summary", summary_row, 3);
    let before_jpy = eval.cell("Summary", summary_row, 4);
    eval.edits.insert((name.to_string(), 4, 3), 2.0 * q);
    let after_usd = eval.cell("Summary", summary_row, 3);
    assert!(
        close(after_usd - before_usd, q * p),
        "{after_usd} - {before_usd}"
    );
    assert!(close(after_usd, dec(&arch["monthly_usd"]) + q * p));
    // Yen follows the USD total through the rate cell; so does a changed rate.
    let after_jpy = eval.cell("Summary", summary_row, 4);
    assert!(close(after_jpy - before_jpy, q * p * 150.0));
    let (_, target) = book.defined.iter().find(|(n, _)| n == "USD_JPY").unwrap();
    let (rate_row, rate_col) = parse_ref(target.rsplit_once('!').unwrap().1);
    eval.edits
        .insert(("Summary".to_string(), rate_row, rate_col), 100.0);
    assert!(close(
        eval.cell("Summary", summary_row, 4),
        after_usd * 100.0
    ));
}

#[test]
fn workbook_in_yen_and_japanese_has_a_rate_cell_yen_columns_and_japanese_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = report(
        Path::new(SCENARIO),
        &tmp.path().join("r"),
        &["--lang", "ja", "--currency", "JPY"],
    );
    let rep = json(&dir);
    let book = Book::open(&dir.join("report.xlsx"));
    assert_eq!(
        book.names,
        ["概要", "serverless", "containers", "traditional"]
    );
    let s = "概要";
    // The rate cell holds 150, is named USD_JPY, and sits beside its date.
    let (_, target) = book.defined.iter().find(|(n, _)| n == "USD_JPY").unwrap();
    let (rate_sheet, rate_ref) = target.trim_start_matches('=').rsplit_once('!').unwrap();
    assert_eq!(rate_sheet.trim_matches('\''), s);
    let (rr, rc) = parse_ref(rate_ref);
    assert_eq!(book.number(s, rr, rc), 150.0);
    assert_eq!(book.text(s, rr, 0), "為替レート（1 USD あたりの円）");
    assert_eq!(book.text(s, rr + 1, 1), "2026-11-20");
    assert_eq!(book.rows_labelled(s, "月間稼働時間").len(), 1);
    assert_eq!(book.rows_labelled(s, "最も古い価格の日付").len(), 1);

    let eval = Eval {
        book: &book,
        edits: HashMap::new(),
    };
    for arch in rep["architectures"].as_array().unwrap() {
        let name = arch["name"].as_str().unwrap();
        // Japanese headers, tier names and descriptions.
        assert_eq!(book.text(name, 3, 1), "明細");
        assert_eq!(book.text(name, 3, 3), "数量");
        assert_eq!(book.text(name, 3, 5), "単価（USD）");
        assert_eq!(book.text(name, 3, 7), "月額（円）");
        assert_eq!(book.text(name, 4, 0), "Web層");
        let total_row = check_arch_sheet(&book, name, arch, "月額合計");
        // Yen per line is USD × the rate cell; the yen total is a SUM too.
        assert_eq!(book.formula(name, 4, 7), "G5*USD_JPY");
        assert_eq!(book.num_format(name, 4, 7), "¥#,##0");
        assert!(book.formula(name, total_row, 7).starts_with("SUM("));
        let yen = dec(&arch["monthly_usd"]) * 150.0;
        assert!(close(eval.cell(name, total_row, 7), yen));
        assert!(close(book.number(name, total_row, 7), yen));
        let row = book.rows_labelled(s, name)[0];
        assert_eq!(book.formula(s, row, 4), format!("D{}*USD_JPY", row + 1));
        assert_eq!(book.num_format(s, row, 4), "¥#,##0");
        assert!(close(book.number(s, row, 4), yen));
    }
}

#[test]
fn sheet_names_are_sanitized_unique_and_referenced_quoted() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join(SCENARIO))
        .unwrap()
        .replacen(
            "name = \"serverless\"",
            "name = \"web/app: [v2] it's *new*?\"",
            1,
        )
        .replacen(
            "name = \"containers\"",
            "name = \"containers on Fargate with two tasks minimum\"",
            1,
        )
        .replacen("name = \"traditional\"", "name = \"SUMMARY\"", 1);
    let scenario = tmp.path().join("odd.toml");
    std::fs::write(&scenario, text).unwrap();
    let dir = report(&scenario, &tmp.path().join("r"), &[]);
    let rep = json(&dir);
    let book = Book::open(&dir.join("report.xlsx"));
    assert_eq!(
        book.names,
        [
            "Summary",
            "web_app_ _v2_ it's _new__",
            "containers on Fargate with two",
            "SUMMARY (2)"
        ]
    );
    let eval = Eval {
        book: &book,
        edits: HashMap::new(),
    };
    for (arch, sheet) in rep["architectures"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&book.names[1..])
    {
        let total_row = check_arch_sheet(&book, sheet, arch, "Total / month");
        let name = arch["name"].as_str().unwrap();
        let row = book.rows_labelled("Summary", name)[0];
        assert_eq!(
            book.formula("Summary", row, 3),
            format!("'{}'!$G${}", sheet.replace('\'', "''"), total_row + 1)
        );
        assert!(close(
            eval.cell("Summary", row, 3),
            dec(&arch["monthly_usd"])
        ));
    }
}

#[test]
fn every_template_and_example_line_is_quantity_times_unit_price() {
    // The workbook's `=quantity*unit price` per line must give the engine's exact line amount.
    let mut files: Vec<PathBuf> = ["scenarios", "templates/en", "templates/ja"]
        .iter()
        .flat_map(|d| std::fs::read_dir(repo().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let Ok(s) = archcost::scenario::parse(
            &file.display().to_string(),
            &text,
            archcost::pricing::bundled::catalog(),
        ) else {
            continue; // scenarios with their own catalog are covered by the catalog tests
        };
        let rep = archcost::compare::evaluate(&s, archcost::pricing::bundled::catalog()).unwrap();
        for a in &rep.architectures {
            for (_, l) in a.lines() {
                assert_eq!(
                    l.quantity * l.unit_price_usd,
                    l.monthly_usd,
                    "{}: {} {}",
                    file.display(),
                    a.name,
                    l.id
                );
            }
        }
    }
}

#[test]
fn tax_and_upfront_money_are_shown_apart_as_live_formulas() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("scenarios/commitments.toml"))
        .unwrap()
        .replacen(
            "hours_per_month = 730",
            "hours_per_month = 730\ntax_rate = 0.10\nusd_jpy = 150.0\nfx_date = \"2026-11-20\"",
            1,
        );
    let scenario = tmp.path().join("taxed.toml");
    std::fs::write(&scenario, text).unwrap();
    let dir = report(&scenario, &tmp.path().join("r"), &["--currency", "JPY"]);
    let rep = json(&dir);
    let book = Book::open(&dir.join("report.xlsx"));
    let s = "Summary";
    // The tax rate is one named cell.
    let (_, target) = book.defined.iter().find(|(n, _)| n == "TAX_RATE").unwrap();
    let (tr, tc) = parse_ref(target.rsplit_once('!').unwrap().1);
    assert_eq!(book.number(s, tr, tc), 0.1);
    assert_eq!(book.text(s, tr, 0), "Consumption tax rate");
    let header = book.rows_labelled(s, "Architecture")[0];
    let column = |label: &str| {
        (0..12)
            .find(|c| book.text(s, header, *c) == label)
            .unwrap_or_else(|| panic!("{label} column"))
    };
    let (tax_c, tax_jpy_c, with_c, with_jpy_c, up_c) = (
        column("Consumption tax (USD)"),
        column("Consumption tax (JPY)"),
        column("Monthly incl. tax (USD)"),
        column("Monthly incl. tax (JPY)"),
        column("Upfront, one-off (USD)"),
    );
    let mut eval = Eval {
        book: &book,
        edits: HashMap::new(),
    };
    let mut some_upfront = false;
    for arch in rep["architectures"].as_array().unwrap() {
        let name = arch["name"].as_str().unwrap();
        check_arch_sheet(&book, name, arch, "Total / month");
        let row = book.rows_labelled(s, name)[0];
        let (pre, tax) = (dec(&arch["monthly_usd"]), dec(&arch["tax_usd"]));
        assert_eq!(
            book.formula(s, row, tax_c),
            format!("D{}*TAX_RATE", row + 1)
        );
        assert!(close(eval.cell(s, row, tax_c), tax), "{name}");
        assert!(close(book.number(s, row, tax_c), tax), "{name}");
        // The yen tax is the USD tax times the rate cell (150 yen per USD above).
        assert_eq!(
            book.formula(s, row, tax_jpy_c),
            format!("D{}*TAX_RATE*USD_JPY", row + 1)
        );
        assert!(close(eval.cell(s, row, tax_jpy_c), tax * 150.0), "{name}");
        assert!(close(book.number(s, row, tax_jpy_c), tax * 150.0), "{name}");
        assert!(close(eval.cell(s, row, with_c), pre + tax), "{name}");
        assert!(close(eval.cell(s, row, with_jpy_c), (pre + tax) * 150.0));
        let upfront = dec(&arch["upfront_usd"]);
        assert!(close(eval.cell(s, row, up_c), upfront), "{name}");
        assert!(close(book.number(s, row, up_c), upfront), "{name}");
        some_upfront |= upfront > 0.0;
    }
    assert!(some_upfront, "the commitments example has upfront money");
    // A new tax rate moves every tax-inclusive total, not the pre-tax ones.
    let row = book.rows_labelled(s, "ec2-on-demand")[0];
    let pre = eval.cell(s, row, 3);
    eval.edits.insert((s.to_string(), tr, tc), 0.08);
    assert!(close(eval.cell(s, row, with_c), pre * 1.08));
    assert!(close(eval.cell(s, row, 3), pre));
}

#[test]
fn the_cheapest_feasible_line_is_a_formula_that_follows_an_edited_quantity() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = report(
        Path::new(SCENARIO),
        &tmp.path().join("r"),
        &["--currency", "JPY"],
    );
    let rep = json(&dir);
    let book = Book::open(&dir.join("report.xlsx"));
    let s = "Summary";
    let best = rep["cheapest_feasible"].as_str().unwrap();
    let row = book.rows_labelled(s, "Cheapest feasible (name, monthly USD)")[0];
    // No sentence with a typed-in amount: the name and the amount are formulas.
    assert!(
        book.formula(s, row, 1).starts_with("IF("),
        "{}",
        book.formula(s, row, 1)
    );
    assert!(book.formula(s, row, 2).starts_with("MIN("));
    assert_eq!(book.text(s, row, 1), best);
    let archs = rep["architectures"].as_array().unwrap();
    let feasible: Vec<&serde_json::Value> =
        archs.iter().filter(|a| a["feasible"] == true).collect();
    let cheapest = archs.iter().find(|a| a["name"] == best).unwrap();
    let mut eval = Eval {
        book: &book,
        edits: HashMap::new(),
    };
    let before = eval.cell(s, row, 2);
    assert!(close(before, dec(&cheapest["monthly_usd"])));
    // Add 1,000,000 units to the cheapest architecture's first line, as a reviewer would.
    let line = &cheapest["tiers"][0]["lines"][0];
    let (q, p) = (dec(&line["quantity"]), dec(&line["unit_price_usd"]));
    assert!(p > 0.0, "the first line has a price");
    eval.edits.insert((best.to_string(), 4, 3), q + 1_000_000.0);
    // By hand: the minimum of the other feasible totals and the edited one.
    let expected = feasible
        .iter()
        .map(|a| {
            let usd = dec(&a["monthly_usd"]);
            if a["name"] == best {
                usd + 1_000_000.0 * p
            } else {
                usd
            }
        })
        .fold(f64::INFINITY, f64::min);
    let after = eval.cell(s, row, 2);
    assert!(close(after, expected), "{after} vs {expected}");
    assert!(!close(after, before), "the summary amount moved");
    assert!(close(eval.cell(s, row, 3), after * 150.0));
}
