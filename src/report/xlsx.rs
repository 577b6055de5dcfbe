//! `report.xlsx`: an Excel workbook a reviewer can edit. The first sheet holds the assumptions,
//! the stamp and one row per architecture whose monthly total is a live formula on that
//! architecture's sheet; each architecture's sheet lists its line items with `=quantity*unit
//! price` per line and `SUM` subtotals and total, so changing a quantity moves every total. Yen
//! columns multiply by one exchange-rate cell (the defined name `USD_JPY`); with `tax_rate` the
//! consumption tax and the tax-inclusive total are formulas on one tax-rate cell (`TAX_RATE`),
//! apart from the pre-tax totals; upfront commitment money has its own column, apart from the
//! monthly amounts (which include it amortised, as everywhere else).
//!
//! Money stays `Decimal` until a cell is written: values become `f64` only as Excel numbers, and
//! every formula carries its exact decimal result as the cached value (what viewers that do not
//! recalculate show).
use super::i18n::Lang;
use super::i18n_lines;
use super::stamp::{self, Stamp};
use crate::compare::{ArchReport, Report, TierReport};
use crate::error::{Error, Result};
use crate::money::exact;
use crate::services::Line;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};

/// Excel's limit on a sheet name's length, in UTF-16 code units (an emoji outside the Basic
/// Multilingual Plane takes two).
const SHEET_NAME_MAX: usize = 31;

/// The longest prefix of `text` within `max` UTF-16 code units (never half a character).
fn cut_utf16(text: &str, max: usize) -> String {
    let mut units = 0;
    text.chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= max
        })
        .collect()
}
/// The defined name of the exchange-rate cell (yen per USD).
pub const RATE_NAME: &str = "USD_JPY";
/// The defined name of the consumption-tax rate cell.
pub const TAX_NAME: &str = "TAX_RATE";

pub const USD_FORMAT: &str = "$#,##0.00";
pub const JPY_FORMAT: &str = "¥#,##0";
const UNIT_PRICE_FORMAT: &str = "$#,##0.00########";

/// Columns of an architecture sheet (0-based): tier, line item, id, quantity, unit, unit price,
/// monthly USD, monthly JPY.
pub const COL_QUANTITY: u16 = 3;
pub const COL_UNIT_PRICE: u16 = 5;
pub const COL_MONTHLY_USD: u16 = 6;
pub const COL_MONTHLY_JPY: u16 = 7;
/// The header row of an architecture sheet (0-based); line items start below it.
pub const HEADER_ROW: u32 = 3;

/// The workbook's own labels (the rest come from `i18n`).
struct Labels {
    summary_sheet: &'static str,
    oldest_price: &'static str,
    newest_price: &'static str,
    rate_cell: &'static str,
    rate_date: &'static str,
    id: &'static str,
    unit_price_usd: &'static str,
    monthly_usd: &'static str,
    monthly_jpy: &'static str,
    subtotal: &'static str,
    recommendation: &'static str,
    edit_hint: &'static str,
    tax_rate: &'static str,
    tax_usd: &'static str,
    tax_jpy: &'static str,
    cheapest: &'static str,
    with_tax_usd: &'static str,
    with_tax_jpy: &'static str,
    upfront_usd: &'static str,
}

/// The labels of `lang` from the message tables (`ui.xlsx.*`).
fn load_labels(lang: Lang) -> Labels {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Labels {
        summary_sheet: t("ui.xlsx.summary_sheet"),
        oldest_price: t("ui.xlsx.oldest_price"),
        newest_price: t("ui.xlsx.newest_price"),
        rate_cell: t("ui.xlsx.rate_cell"),
        rate_date: t("ui.xlsx.rate_date"),
        id: t("ui.xlsx.id"),
        unit_price_usd: t("ui.xlsx.unit_price_usd"),
        monthly_usd: t("ui.xlsx.monthly_usd"),
        monthly_jpy: t("ui.xlsx.monthly_jpy"),
        subtotal: t("ui.xlsx.subtotal"),
        recommendation: t("ui.xlsx.recommendation"),
        edit_hint: t("ui.xlsx.edit_hint"),
        tax_rate: t("ui.xlsx.tax_rate"),
        tax_usd: t("ui.xlsx.tax_usd"),
        tax_jpy: t("ui.xlsx.tax_jpy"),
        cheapest: t("ui.xlsx.cheapest"),
        with_tax_usd: t("ui.xlsx.with_tax_usd"),
        with_tax_jpy: t("ui.xlsx.with_tax_jpy"),
        upfront_usd: t("ui.xlsx.upfront_usd"),
    }
}

fn labels(lang: Lang) -> &'static Labels {
    static BY_LANG: crate::lang::PerLang<Labels> = crate::lang::PerLang::new();
    BY_LANG.get(lang, load_labels)
}

/// The cell formats of the workbook.
struct Formats {
    title: Format,
    bold: Format,
    header: Format,
    usd: Format,
    usd_bold: Format,
    jpy: Format,
    jpy_bold: Format,
    unit_price: Format,
    integer: Format,
    fraction: Format,
    rate: Format,
    percent: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xF1F3F4))
            .set_border_bottom(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            header,
            usd: Format::new().set_num_format(USD_FORMAT),
            usd_bold: Format::new().set_num_format(USD_FORMAT).set_bold(),
            jpy: Format::new().set_num_format(JPY_FORMAT),
            jpy_bold: Format::new().set_num_format(JPY_FORMAT).set_bold(),
            unit_price: Format::new().set_num_format(UNIT_PRICE_FORMAT),
            integer: Format::new().set_num_format("#,##0"),
            fraction: Format::new().set_num_format("#,##0.0#########"),
            rate: Format::new().set_num_format("#,##0.0###"),
            percent: Format::new().set_num_format("0.0#%"),
            wrap: Format::new().set_text_wrap(),
        }
    }

    /// Whole numbers without a decimal point, fractions with their digits.
    fn number(&self, d: Decimal) -> &Format {
        if d.fract().is_zero() {
            &self.integer
        } else {
            &self.fraction
        }
    }
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::Io {
        path: "report.xlsx".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A formula with its exact cached result.
fn formula(text: String, result: Decimal) -> Formula {
    Formula::new(text).set_result(exact(result))
}

/// A yen formula: cached `usd × rate` (left for Excel to compute in the absurd case where the
/// product overflows a decimal).
fn yen(text: String, usd: Decimal, rate: Decimal) -> Formula {
    match usd.checked_mul(rate) {
        Some(v) => formula(text, v),
        None => Formula::new(text),
    }
}

/// Excel column letter of a 0-based column (the workbook uses A–H only).
fn col(c: u16) -> char {
    char::from(b'A' + (c as u8).min(25))
}

/// `text` without apostrophes or white space at either end (Excel refuses a sheet name that
/// starts or ends with an apostrophe).
fn trim_edges(text: &str) -> &str {
    text.trim_matches(|c: char| c == '\'' || c.is_whitespace())
}

/// A1 reference of a 0-based (row, column).
fn cell(row: u32, c: u16) -> String {
    format!("{}{}", col(c), row + 1)
}

/// `'name'!` with apostrophes doubled: the prefix of a reference to another sheet.
fn sheet_ref(name: &str) -> String {
    format!("'{}'!", name.replace('\'', "''"))
}

/// Valid, unique Excel sheet names: the summary's, then one per architecture. Characters Excel
/// forbids (`[ ] : * ? / \`) become `_`, names are cut to 31 UTF-16 units, blank or reserved names
/// get a stand-in, and duplicates (compared without case, as Excel does) get " (2)", " (3)", ...
pub fn sheet_names(summary: &str, architectures: &[&str]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for raw in std::iter::once(summary).chain(architectures.iter().copied()) {
        let cleaned: String = raw
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        // Apostrophes and white space are trimmed together (a name like `' 'x` must not leave
        // a leading apostrophe), and again after the cut; blank or reserved is judged last.
        let mut base = trim_edges(&cut_utf16(trim_edges(&cleaned), SHEET_NAME_MAX)).to_string();
        if base.is_empty() || base.eq_ignore_ascii_case("history") {
            base = format!("{base} sheet").trim().to_string();
        }
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let head = cut_utf16(&base, SHEET_NAME_MAX - suffix.len());
            name = format!(
                "{}{suffix}",
                head.trim_end_matches(|c: char| c == '\'' || c.is_whitespace())
            );
            n += 1;
        }
        taken.push(name.to_lowercase());
        out.push(name);
    }
    out
}

/// Defined names to create: (name, row, column) of a cell on the summary sheet.
type DefinedCells = Vec<(&'static str, u32, u16)>;

/// Where an architecture sheet's totals sit.
struct Built {
    sheet: Worksheet,
    total_row: u32,
    /// The column of the upfront money (when any architecture has some).
    upfront_col: Option<u16>,
}

/// Whether any architecture has upfront commitment money (then every sheet gets its column).
fn has_upfront(rep: &Report) -> bool {
    rep.architectures
        .iter()
        .any(|a| !a.upfront_usd.is_zero() || a.lines().any(|(_, l)| l.upfront_usd.is_some()))
}

/// The workbook's bytes.
pub fn render(rep: &Report, lang: Lang, stamp: Option<&Stamp>) -> Result<Vec<u8>> {
    let x = labels(lang);
    let fmt = Formats::new();
    let arch_names: Vec<&str> = rep.architectures.iter().map(|a| a.name.as_str()).collect();
    let names = sheet_names(x.summary_sheet, &arch_names);

    let mut built = Vec::new();
    for (a, name) in rep.architectures.iter().zip(&names[1..]) {
        built.push(arch_sheet(rep, a, name, lang, &fmt).map_err(xlsx_err)?);
    }
    let (summary, defined) =
        summary_sheet(rep, lang, stamp, &names, &built, &fmt).map_err(xlsx_err)?;

    let mut wb = Workbook::new();
    let epoch = stamp.map_or(0, |s| s.generated_epoch);
    let created = ExcelDateTime::from_timestamp(epoch).map_err(xlsx_err)?;
    let props = DocProperties::new()
        .set_title(format!(
            "{} — {}",
            rep.scenario.name,
            lang.labels().report_title
        ))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    wb.push_worksheet(summary);
    for b in built {
        wb.push_worksheet(b.sheet);
    }
    for (name, row, c) in defined {
        let target = format!("={}${}${}", sheet_ref(&names[0]), col(c), row + 1);
        wb.define_name(name, &target).map_err(xlsx_err)?;
    }
    wb.save_to_buffer().map_err(xlsx_err)
}

/// The first sheet: title, assumptions, stamp, and one live total per architecture. Returns the
/// sheet and the defined names to create: (name, row, column) of the exchange-rate cell when the
/// report is in yen and of the tax-rate cell when there is one.
fn summary_sheet(
    rep: &Report,
    lang: Lang,
    stamp: Option<&Stamp>,
    names: &[String],
    built: &[Built],
    fmt: &Formats,
) -> Result<(Worksheet, DefinedCells), XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(&names[0])?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 26)?;
    ws.set_column_width(2, 22)?;
    ws.set_column_width(3, 18)?;
    ws.set_column_width(4, 18)?;
    ws.set_column_width(5, 40)?;

    let (row, defined) = assumptions_block(&mut ws, rep, lang, stamp, fmt)?;
    let row = totals_table(&mut ws, row, rep, lang, names, built, fmt)?;
    closing_lines(&mut ws, row, rep, lang, fmt)?;
    Ok((ws, defined))
}

/// The title, the assumptions (with the exchange-rate and tax-rate cells the formulas name)
/// and the stamp; the next free row and the defined names to create.
fn assumptions_block(
    ws: &mut Worksheet,
    rep: &Report,
    lang: Lang,
    stamp: Option<&Stamp>,
    fmt: &Formats,
) -> Result<(u32, DefinedCells), XlsxError> {
    let l = lang.labels();
    let x = labels(lang);
    let a = &rep.assumptions;
    let rate = rep.jpy_rate();
    ws.write_string_with_format(0, 0, &rep.scenario.name, &fmt.title)?;
    ws.write_string(1, 0, l.report_title)?;
    let mut row = 3;
    ws.write_string_with_format(row, 0, l.assumption, &fmt.header)?;
    ws.write_string_with_format(row, 1, l.value, &fmt.header)?;
    row += 1;
    let text = |ws: &mut Worksheet, row: &mut u32, k: &str, v: &str| -> Result<(), XlsxError> {
        ws.write_string(*row, 0, k)?;
        ws.write_string(*row, 1, v)?;
        *row += 1;
        Ok(())
    };
    text(ws, &mut row, l.scenario, &rep.scenario.name)?;
    text(ws, &mut row, l.region, &super::region_text(rep, lang))?;
    ws.write_string(row, 0, l.requests_per_month)?;
    let requests = rep.scenario.requests_per_month;
    ws.write_number_with_format(row, 1, f(requests), fmt.number(requests))?;
    row += 1;
    ws.write_string(row, 0, l.hours_per_month)?;
    ws.write_number_with_format(row, 1, f(a.hours_per_month), fmt.number(a.hours_per_month))?;
    row += 1;
    let free = if a.free_tier {
        l.free_tier_on
    } else {
        l.free_tier_off
    };
    text(ws, &mut row, l.free_tier, free)?;
    let catalog = lang.catalog(
        &a.pricing.source,
        &a.pricing.effective_oldest,
        &a.pricing.effective,
        a.pricing.refresh.as_deref(),
    );
    text(ws, &mut row, l.price_catalog, &catalog)?;
    text(ws, &mut row, x.oldest_price, &a.pricing.effective_oldest)?;
    text(ws, &mut row, x.newest_price, &a.pricing.effective)?;
    let currency = if rate.is_some() { "JPY" } else { "USD" };
    text(ws, &mut row, l.currency, currency)?;
    let mut defined = Vec::new();
    if let Some(r) = rate {
        ws.write_string(row, 0, x.rate_cell)?;
        ws.write_number_with_format(row, 1, f(r), &fmt.rate)?;
        defined.push((RATE_NAME, row, 1));
        row += 1;
        let date = a.fx_date.as_deref().unwrap_or(l.date_not_given);
        text(ws, &mut row, x.rate_date, date)?;
    }
    let tax = a.tax_rate;
    if let Some(t) = tax {
        ws.write_string(row, 0, x.tax_rate)?;
        ws.write_number_with_format(row, 1, f(t), &fmt.percent)?;
        defined.push((TAX_NAME, row, 1));
        row += 1;
    }
    if let Some(s) = stamp {
        let st = stamp::labels(lang);
        text(ws, &mut row, st.version, s.archcost_version)?;
        text(ws, &mut row, st.generated_at, &s.generated_at)?;
        text(ws, &mut row, st.scenario_file, &s.scenario_file)?;
        text(ws, &mut row, st.scenario_sha256, &s.scenario_sha256)?;
    }

    Ok((row, defined))
}

/// One row per architecture: the total is the architecture sheet's total cell; yen, tax and
/// the tax-inclusive total are formulas on it. Then the live recommendation; the next row.
fn totals_table(
    ws: &mut Worksheet,
    mut row: u32,
    rep: &Report,
    lang: Lang,
    names: &[String],
    built: &[Built],
    fmt: &Formats,
) -> Result<u32, XlsxError> {
    let l = lang.labels();
    let x = labels(lang);
    let rate = rep.jpy_rate();
    let tax = rep.assumptions.tax_rate;
    row += 1;
    let upfront = built.iter().any(|b| b.upfront_col.is_some());
    let mut head = vec![l.architecture, l.region, l.feasible, x.monthly_usd];
    if rate.is_some() {
        head.push(x.monthly_jpy);
    }
    if tax.is_some() {
        head.push(x.tax_usd);
        if rate.is_some() {
            head.push(x.tax_jpy);
        }
        head.push(x.with_tax_usd);
        if rate.is_some() {
            head.push(x.with_tax_jpy);
        }
    }
    if upfront {
        head.push(x.upfront_usd);
    }
    head.push(x.recommendation);
    for (c, h) in head.into_iter().enumerate() {
        ws.write_string_with_format(row, c as u16, h, &fmt.header)?;
    }
    row += 1;
    // The live recommendation row below the table: the cheapest feasible architecture's name
    // (column B) and monthly USD (column C, a MIN over the feasible rows' totals), so it follows
    // an edited quantity like every total. Feasibility itself is not recomputed by Excel.
    let first_row = row;
    let rec_row = first_row + rep.architectures.len() as u32 + 1;
    let feasible_rows: Vec<u32> = (first_row..)
        .zip(&rep.architectures)
        .filter(|(_, a)| a.feasible)
        .map(|(r, _)| r)
        .collect();
    let min_cell = format!("$C${}", rec_row + 1);
    for ((arch, name), b) in rep.architectures.iter().zip(&names[1..]).zip(built) {
        total_row(ws, row, rep, lang, (arch, name, b), &min_cell, fmt)?;
        row += 1;
    }
    row += 1;
    match rep.recommended() {
        Some(best) => {
            ws.write_string(row, 0, x.cheapest)?;
            // The first feasible row whose total is the minimum (ties go to the first, as in
            // the report).
            let name = feasible_rows
                .iter()
                .rev()
                .fold("\"\"".to_string(), |rest, r| {
                    format!("IF($D${0}={min_cell},$A${0},{rest})", r + 1)
                });
            let name = Formula::new(format!("={name}")).set_result(&best.name);
            ws.write_formula_with_format(row, 1, name, &fmt.bold)?;
            let totals: Vec<String> = feasible_rows.iter().map(|r| cell(*r, 3)).collect();
            let min = formula(format!("=MIN({})", totals.join(",")), best.monthly_usd);
            ws.write_formula_with_format(row, 2, min, &fmt.usd_bold)?;
            if let Some(r) = rate {
                let jpy = format!("={min_cell}*{RATE_NAME}");
                ws.write_formula_with_format(row, 3, yen(jpy, best.monthly_usd, r), &fmt.jpy_bold)?;
            }
        }
        None => ws.write_string(row, 0, l.none_feasible).map(|_| ())?,
    }
    Ok(row)
}

/// One architecture's row of the totals table (its sheet's name and where its totals sit).
fn total_row(
    ws: &mut Worksheet,
    row: u32,
    rep: &Report,
    lang: Lang,
    (arch, name, b): (&ArchReport, &String, &Built),
    min_cell: &str,
    fmt: &Formats,
) -> Result<(), XlsxError> {
    let l = lang.labels();
    let rate = rep.jpy_rate();
    let tax = rep.assumptions.tax_rate;
    ws.write_string(row, 0, &arch.name)?;
    ws.write_string(row, 1, &arch.region)?;
    ws.write_string(row, 2, super::feasible_cell(arch, lang))?;
    let total = format!(
        "={}${}${}",
        sheet_ref(name),
        col(COL_MONTHLY_USD),
        b.total_row + 1
    );
    ws.write_formula_with_format(row, 3, formula(total, arch.monthly_usd), &fmt.usd_bold)?;
    let usd = cell(row, 3);
    let mut c = 4;
    if let Some(r) = rate {
        let jpy = format!("={usd}*{RATE_NAME}");
        ws.write_formula_with_format(row, c, yen(jpy, arch.monthly_usd, r), &fmt.jpy_bold)?;
        c += 1;
    }
    if let Some(t) = tax {
        let tax_usd = arch.tax_usd.unwrap_or(arch.monthly_usd * t);
        let tax_cell = cell(row, c);
        let f_tax = formula(format!("={usd}*{TAX_NAME}"), tax_usd);
        ws.write_formula_with_format(row, c, f_tax, &fmt.usd)?;
        c += 1;
        if let Some(r) = rate {
            let jpy = format!("={usd}*{TAX_NAME}*{RATE_NAME}");
            ws.write_formula_with_format(row, c, yen(jpy, tax_usd, r), &fmt.jpy)?;
            c += 1;
        }
        let with_cell = cell(row, c);
        let with_tax = arch.monthly_usd + tax_usd;
        let f_with = formula(format!("={usd}+{tax_cell}"), with_tax);
        ws.write_formula_with_format(row, c, f_with, &fmt.usd_bold)?;
        c += 1;
        if let Some(r) = rate {
            let jpy = format!("={with_cell}*{RATE_NAME}");
            ws.write_formula_with_format(row, c, yen(jpy, with_tax, r), &fmt.jpy_bold)?;
            c += 1;
        }
    }
    if let Some(uc) = b.upfront_col {
        let up = format!("={}${}${}", sheet_ref(name), col(uc), b.total_row + 1);
        ws.write_formula_with_format(row, c, formula(up, arch.upfront_usd), &fmt.usd)?;
        c += 1;
    }
    if arch.feasible {
        // Marked while its total is the minimum of the feasible totals.
        let cached = if rep.cheapest_feasible.as_deref() == Some(arch.name.as_str()) {
            l.cheapest_feasible
        } else {
            ""
        };
        let text = format!(
            "=IF({usd}={min_cell},\"{}\",\"\")",
            l.cheapest_feasible.replace('"', "\"\"")
        );
        ws.write_formula(row, c, Formula::new(text).set_result(cached))?;
    } else {
        ws.write_string(row, c, l.not_feasible)?;
    }
    Ok(())
}

/// Why an architecture cannot run, the editing hint and what the estimate leaves out.
fn closing_lines(
    ws: &mut Worksheet,
    mut row: u32,
    rep: &Report,
    lang: Lang,
    fmt: &Formats,
) -> Result<(), XlsxError> {
    let x = labels(lang);
    row += 1;
    // The tax lines of the other formats are the tax columns above; only the reasons an
    // architecture cannot run stay as text.
    for line in super::ruled_out_lines(rep, lang) {
        ws.write_string(row, 0, line)?;
        row += 1;
    }
    ws.write_string_with_format(row + 1, 0, x.edit_hint, &fmt.bold)?;
    row += 3;
    if !rep.not_modelled.is_empty() {
        let heading = super::not_modelled::heading(lang);
        ws.write_string_with_format(row, 0, heading, &fmt.header)?;
        row += 1;
        for item in &rep.not_modelled {
            let text = crate::not_modelled::describe(item, lang == Lang::Ja);
            ws.write_string(row, 0, &item.id)?;
            ws.write_string(row, 1, text)?;
            row += 1;
        }
    }
    Ok(())
}

/// One architecture's sheet: a line per row with `=quantity*unit price`, a `SUM` subtotal per tier
/// and a `SUM` of the subtotals as the total.
fn arch_sheet(
    rep: &Report,
    a: &ArchReport,
    name: &str,
    lang: Lang,
    fmt: &Formats,
) -> Result<Built, XlsxError> {
    let l = lang.labels();
    let rate = rep.jpy_rate();
    // Upfront money after the monthly columns, when the report has any.
    let upfront_col = has_upfront(rep).then_some(if rate.is_some() {
        COL_MONTHLY_JPY + 1
    } else {
        COL_MONTHLY_JPY
    });
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    for (c, width) in [
        (0, 14),
        (1, 52),
        (2, 30),
        (3, 16),
        (4, 18),
        (5, 18),
        (6, 16),
        (7, 16),
        (8, 18),
    ] {
        ws.set_column_width(c, width)?;
    }
    ws.write_string_with_format(0, 0, &a.name, &fmt.title)?;
    ws.write_string(1, 0, format!("{}: {}", l.region, a.region))?;
    arch_header(&mut ws, lang, rate.is_some(), upfront_col.is_some(), fmt)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;

    let mut row = HEADER_ROW + 1;
    let mut subtotals = Vec::new();
    for t in &a.tiers {
        let first = row;
        for line in &t.lines {
            line_row(&mut ws, row, &t.tier, line, lang, (rate, upfront_col), fmt)?;
            row += 1;
        }
        subtotal_row(&mut ws, (first, row), t, lang, (rate, upfront_col), fmt)?;
        subtotals.push(row);
        row += 1;
    }
    let total = |c: u16| {
        if subtotals.is_empty() {
            "=0".to_string()
        } else {
            let cells: Vec<String> = subtotals.iter().map(|r| cell(*r, c)).collect();
            format!("=SUM({})", cells.join(","))
        }
    };
    ws.write_string_with_format(row, 0, l.total_per_month, &fmt.bold)?;
    ws.write_formula_with_format(
        row,
        COL_MONTHLY_USD,
        formula(total(COL_MONTHLY_USD), a.monthly_usd),
        &fmt.usd_bold,
    )?;
    if let Some(r) = rate {
        ws.write_formula_with_format(
            row,
            COL_MONTHLY_JPY,
            yen(total(COL_MONTHLY_JPY), a.monthly_usd, r),
            &fmt.jpy_bold,
        )?;
    }
    if let Some(uc) = upfront_col {
        ws.write_formula_with_format(row, uc, formula(total(uc), a.upfront_usd), &fmt.usd_bold)?;
    }
    let total_row = row;
    row += 2;
    for note in a.notes_in(lang) {
        ws.write_string(row, 0, format!("{}{note}", l.note))?;
        row += 1;
    }
    Ok(Built {
        sheet: ws,
        total_row,
        upfront_col,
    })
}

/// The header row of an architecture sheet (yen and upfront columns when the report has them).
fn arch_header(
    ws: &mut Worksheet,
    lang: Lang,
    jpy: bool,
    upfront: bool,
    fmt: &Formats,
) -> Result<(), XlsxError> {
    let (l, x) = (lang.labels(), labels(lang));
    let mut head = vec![
        l.tier,
        l.line_item,
        x.id,
        l.quantity,
        l.unit,
        x.unit_price_usd,
        x.monthly_usd,
    ];
    if jpy {
        head.push(x.monthly_jpy);
    }
    if upfront {
        head.push(x.upfront_usd);
    }
    for (c, h) in head.into_iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, h, &fmt.header)?;
    }
    Ok(())
}

/// One priced line: quantity and unit price as numbers, the monthly cost as their product
/// (and in yen through the rate cell), the upfront money as a number.
fn line_row(
    ws: &mut Worksheet,
    row: u32,
    tier: &str,
    line: &Line,
    lang: Lang,
    (rate, upfront_col): (Option<Decimal>, Option<u16>),
    fmt: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string(row, 0, lang.tier(tier))?;
    ws.write_string_with_format(row, 1, i18n_lines::description(lang, line), &fmt.wrap)?;
    ws.write_string(row, 2, &line.id)?;
    ws.write_number_with_format(
        row,
        COL_QUANTITY,
        f(line.quantity),
        fmt.number(line.quantity),
    )?;
    ws.write_string(row, 4, i18n_lines::unit(lang, &line.unit))?;
    ws.write_number_with_format(row, COL_UNIT_PRICE, f(line.unit_price_usd), &fmt.unit_price)?;
    let monthly = format!("={}*{}", cell(row, COL_QUANTITY), cell(row, COL_UNIT_PRICE));
    ws.write_formula_with_format(
        row,
        COL_MONTHLY_USD,
        formula(monthly, line.monthly_usd),
        &fmt.usd,
    )?;
    if let Some(r) = rate {
        let jpy = format!("={}*{RATE_NAME}", cell(row, COL_MONTHLY_USD));
        ws.write_formula_with_format(
            row,
            COL_MONTHLY_JPY,
            yen(jpy, line.monthly_usd, r),
            &fmt.jpy,
        )?;
    }
    if let (Some(uc), Some(up)) = (upfront_col, line.upfront_usd) {
        ws.write_number_with_format(row, uc, f(up), &fmt.usd)?;
    }
    Ok(())
}

/// A tier's subtotal row: `SUM` of its lines (rows `first` to `row - 1`) in each money column.
fn subtotal_row(
    ws: &mut Worksheet,
    (first, row): (u32, u32),
    t: &TierReport,
    lang: Lang,
    (rate, upfront_col): (Option<Decimal>, Option<u16>),
    fmt: &Formats,
) -> Result<(), XlsxError> {
    let x = labels(lang);
    ws.write_string_with_format(
        row,
        0,
        format!("{} — {}", x.subtotal, lang.tier(&t.tier)),
        &fmt.bold,
    )?;
    ws.write_string_with_format(row, 1, lang.service(&t.service), &fmt.bold)?;
    let sum = |c: u16| {
        if row > first {
            format!("=SUM({}:{})", cell(first, c), cell(row - 1, c))
        } else {
            "=0".to_string()
        }
    };
    ws.write_formula_with_format(
        row,
        COL_MONTHLY_USD,
        formula(sum(COL_MONTHLY_USD), t.monthly_usd),
        &fmt.usd_bold,
    )?;
    if let Some(r) = rate {
        ws.write_formula_with_format(
            row,
            COL_MONTHLY_JPY,
            yen(sum(COL_MONTHLY_JPY), t.monthly_usd, r),
            &fmt.jpy_bold,
        )?;
    }
    if let Some(uc) = upfront_col {
        let up: Decimal = t.lines.iter().filter_map(|l| l.upfront_usd).sum();
        ws.write_formula_with_format(row, uc, formula(sum(uc), up), &fmt.usd_bold)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "a".repeat(40);
        let names = sheet_names(
            "Summary",
            &[
                "web/app: [v2]*?",
                "summary",
                "'quoted'",
                "",
                "History",
                &long,
                &long,
                "サーバーレス構成",
                "' 'x",
                &format!("History{}x", " ".repeat(30)),
            ],
        );
        assert_eq!(names[0], "Summary");
        assert_eq!(names[1], "web_app_ _v2___");
        assert_eq!(names[2], "summary (2)");
        assert_eq!(names[3], "quoted");
        assert_eq!(names[4], "sheet");
        assert_eq!(names[5], "History sheet");
        assert_eq!(names[6], "a".repeat(31));
        assert_eq!(names[7], format!("{} (2)", "a".repeat(27)));
        assert_eq!(names[8], "サーバーレス構成");
        // Apostrophe, space, apostrophe: the old trim left `'x`, which rust_xlsxwriter refuses.
        assert_eq!(names[9], "x");
        // Cut to 31 units the name is `History` and spaces: still the reserved name (and the
        // second `History sheet`).
        assert_eq!(names[10], "History sheet (2)");
        for n in &names {
            assert!(n.chars().count() <= SHEET_NAME_MAX, "{n}");
            assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
            assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n}");
        }
    }

    #[test]
    fn references_quote_sheet_names() {
        assert_eq!(sheet_ref("it's"), "'it''s'!");
        assert_eq!(cell(0, COL_MONTHLY_USD), "G1");
    }
}
