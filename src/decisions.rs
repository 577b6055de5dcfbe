//! The decision commands (sweep, breakeven, diff, sensitivity): load inputs, call the engine
//! modules, render table / CSV / JSON / Markdown and the sweep chart.
use crate::app::{self, emit};
use crate::breakeven;
use crate::cli::{
    BreakevenArgs, BreakevenFormat, DiffArgs, DiffFormat, ScenarioArgs, SensitivityArgs, SweepArgs,
    SweepFormat,
};
use crate::compare;
use crate::diff;
use crate::error::{Error, Result};
use crate::money::{exact, usd};
use crate::sensitivity;
use crate::sweep::{self, SweepRow};
use rust_decimal::Decimal;

pub const SWEEP_SCHEMA: &str = "archcost/sweep/1";

pub fn sweep_cmd(args: SweepArgs) -> Result<u8> {
    let (s, catalog) = app::load(&args.input)?;
    if let Some(chart) = &args.chart {
        chart_kind(chart)?;
    }
    let values = sweep::steps(args.from, args.to, args.steps, args.log)?;
    let rows = sweep::sweep(&s, &catalog, &args.vary, &values)?;
    let bytes = match args.format {
        SweepFormat::Table => sweep_table(&args.vary, &rows).into_bytes(),
        SweepFormat::Csv => sweep_csv(&args.vary, &rows),
        SweepFormat::Json => sweep_json(&args.vary, &rows),
    };
    if let Some(chart) = &args.chart {
        let svg = sweep_svg(&s.name, &args.vary, &rows, args.log);
        app::write_atomic(chart, svg.as_bytes())?;
    }
    emit(args.out.as_deref(), &bytes)?;
    Ok(0)
}

fn chart_kind(path: &std::path::Path) -> Result<()> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
        Some("svg") => Ok(()),
        Some("png") => Err(Error::Input(format!(
            "--chart {}: PNG charts need the embedded report font, which this build does not have yet\n  hint: write an SVG chart (--chart {}), or use `archcost report` for PNG charts",
            path.display(),
            path.with_extension("svg").display()
        ))),
        _ => Err(Error::Input(format!(
            "--chart {}: unknown chart type\n  hint: name the file .svg",
            path.display()
        ))),
    }
}

fn names(rows: &[SweepRow]) -> Vec<String> {
    rows.first()
        .map(|r| r.monthly_usd.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default()
}

/// DESIGN §3: header row, then the varied value and one monthly-USD column per architecture.
pub fn sweep_csv(key: &str, rows: &[SweepRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![key.to_string()];
    header.extend(names(rows).into_iter().map(|n| format!("{n}_monthly_usd")));
    let _ = w.write_record(&header);
    for r in rows {
        let mut rec = vec![exact(r.value)];
        rec.extend(r.monthly_usd.iter().map(|(_, v)| exact(*v)));
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}

/// Architecture -> exact monthly USD, in the scenario's architecture order.
struct Totals<'a>(&'a [(String, Decimal)]);

impl serde::Serialize for Totals<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (n, v) in self.0 {
            m.serialize_entry(n, &exact(*v))?;
        }
        m.end()
    }
}

#[derive(serde::Serialize)]
struct SweepJsonRow<'a> {
    value: String,
    monthly_usd: Totals<'a>,
}

#[derive(serde::Serialize)]
struct SweepJson<'a> {
    schema: &'static str,
    vary: &'a str,
    rows: Vec<SweepJsonRow<'a>>,
}

pub fn sweep_json(key: &str, rows: &[SweepRow]) -> Vec<u8> {
    let doc = SweepJson {
        schema: SWEEP_SCHEMA,
        vary: key,
        rows: rows
            .iter()
            .map(|r| SweepJsonRow {
                value: exact(r.value),
                monthly_usd: Totals(&r.monthly_usd),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

pub fn sweep_table(key: &str, rows: &[SweepRow]) -> String {
    use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, Table};
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    let mut header = vec![key.to_string()];
    header.extend(names(rows).into_iter().map(|n| format!("{n} / month")));
    header.push("cheapest".into());
    t.set_header(header);
    for r in rows {
        let mut row =
            vec![Cell::new(crate::money::quantity(r.value)).set_alignment(CellAlignment::Right)];
        row.extend(
            r.monthly_usd
                .iter()
                .map(|(_, v)| Cell::new(usd(*v)).set_alignment(CellAlignment::Right)),
        );
        let cheapest = r
            .monthly_usd
            .iter()
            .min_by(|a, b| a.1.cmp(&b.1))
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        row.push(Cell::new(cheapest));
        t.add_row(row);
    }
    format!("{t}\n")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn f(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(0.0)
}

const COLORS: [&str; 6] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
];

/// A self-contained SVG line chart: monthly cost per architecture against the varied value.
/// (f64 here is for pixel coordinates only.)
pub fn sweep_svg(title: &str, key: &str, rows: &[SweepRow], log_x: bool) -> String {
    let (w, h, left, right, top, bottom) = (800.0, 480.0, 90.0, 170.0, 50.0, 60.0);
    let xs: Vec<f64> = rows.iter().map(|r| f(r.value)).collect();
    let tx = |x: f64| if log_x && x > 0.0 { x.log10() } else { x };
    let (x0, x1) = match (xs.first(), xs.last()) {
        (Some(a), Some(b)) if tx(*b) > tx(*a) => (tx(*a), tx(*b)),
        (Some(a), _) => (tx(*a) - 1.0, tx(*a) + 1.0),
        _ => (0.0, 1.0),
    };
    let ymax = rows
        .iter()
        .flat_map(|r| r.monthly_usd.iter().map(|(_, v)| f(*v)))
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.05;
    let px = |x: f64| left + (tx(x) - x0) / (x1 - x0) * (w - left - right);
    let py = |y: f64| top + (1.0 - y / ymax) * (h - top - bottom);
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{}\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">{} — monthly cost vs {}</text>\n",
        w / 2.0,
        esc(title),
        esc(key)
    );
    o.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"black\"/>\n<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{}\" stroke=\"black\"/>\n",
        h - bottom, w - right, h - bottom, h - bottom
    ));
    for i in 0..=5 {
        let y = ymax * i as f64 / 5.0;
        o.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{py:.1}\" x2=\"{}\" y2=\"{py:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">${:.0}</text>\n",
            w - right,
            left - 6.0,
            py(y) + 4.0,
            y,
            py = py(y)
        ));
    }
    for i in 0..=5 {
        let t = x0 + (x1 - x0) * i as f64 / 5.0;
        let x = if log_x { 10f64.powf(t) } else { t };
        o.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            px(x),
            h - bottom + 18.0,
            breakeven::human(crate::scenario::from_f64(x).unwrap_or_default())
        ));
    }
    o.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}{}</text>\n",
        (left + w - right) / 2.0,
        h - 15.0,
        esc(key),
        if log_x { " (log scale)" } else { "" }
    ));
    for (i, name) in names(rows).iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let pts: Vec<String> = rows
            .iter()
            .filter_map(|r| r.monthly_usd.get(i).map(|(_, v)| (r.value, *v)))
            .map(|(x, y)| format!("{:.1},{:.1}", px(f(x)), py(f(y))))
            .collect();
        o.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>\n<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
            pts.join(" "),
            w - right + 12.0,
            top + 20.0 * i as f64,
            w - right + 30.0,
            top + 20.0 * i as f64 + 11.0,
            esc(name)
        ));
    }
    o.push_str("</svg>\n");
    o
}

pub fn breakeven_cmd(args: BreakevenArgs) -> Result<u8> {
    let (s, catalog) = app::load(&args.input)?;
    let (from, to) = match (args.from, args.to) {
        (Some(a), Some(b)) => (a, b),
        (None, None) => breakeven::default_range(&s, &args.vary)?,
        _ => {
            return Err(Error::Input(
                "breakeven: give both --from and --to, or neither (request volumes only)".into(),
            ))
        }
    };
    let between = match &args.between {
        None => None,
        Some(text) => match text.split_once(',') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                Some((a.trim().to_string(), b.trim().to_string()))
            }
            _ => {
                return Err(Error::Input(format!(
                    "--between `{text}`: expected two architecture names separated by a comma, e.g. --between serverless,containers"
                )))
            }
        },
    };
    let crossings = breakeven::breakeven(&s, &catalog, &args.vary, from, to, between)?;
    let bytes = match args.format {
        BreakevenFormat::Json => breakeven::to_json(&args.vary, &crossings),
        BreakevenFormat::Table => {
            let mut o = format!(
                "Break-even of monthly cost, {} from {} to {}\n",
                args.vary,
                crate::money::quantity(from),
                crate::money::quantity(to)
            );
            if crossings.is_empty() {
                o.push_str(
                    "No crossing in this range: the order of the architectures does not change.\n",
                );
            }
            for c in &crossings {
                o.push_str(&format!(
                    "- {} (at {} = {}: {} per month)\n",
                    breakeven::sentence(c, &args.vary),
                    args.vary,
                    exact(c.value),
                    usd(c.monthly_usd)
                ));
            }
            o.into_bytes()
        }
    };
    emit(None, &bytes)?;
    Ok(0)
}

pub fn diff_cmd(args: DiffArgs) -> Result<u8> {
    let load = |path: &std::path::Path, pricing: Option<&std::path::PathBuf>| {
        app::load(&ScenarioArgs {
            scenario: path.to_path_buf(),
            pricing: pricing.cloned(),
        })
    };
    let (sa, ca) = load(&args.a, args.pricing.as_ref())?;
    let (sb, cb) = load(&args.b, args.pricing_b.as_ref().or(args.pricing.as_ref()))?;
    let ra = compare::evaluate(&sa, &ca)?;
    let rb = compare::evaluate(&sb, &cb)?;
    let d = diff::diff(
        &ra,
        &args.a.display().to_string(),
        &rb,
        &args.b.display().to_string(),
    );
    let bytes = match args.format {
        DiffFormat::Table => diff::render_table(&d).into_bytes(),
        DiffFormat::Markdown => diff::render_markdown(&d).into_bytes(),
        DiffFormat::Json => diff::render_json(&d),
    };
    emit(args.out.as_deref(), &bytes)?;
    Ok(0)
}

pub fn sensitivity_cmd(args: SensitivityArgs) -> Result<u8> {
    let (s, catalog) = app::load(&args.input)?;
    if args.percent <= Decimal::ZERO || args.percent >= Decimal::ONE_HUNDRED {
        return Err(Error::Input(format!(
            "--percent {}: expected more than 0 and less than 100",
            args.percent
        )));
    }
    let r = sensitivity::sensitivity(&s, &catalog, args.percent)?;
    let bytes = match args.format {
        BreakevenFormat::Table => sensitivity::render_table(&r).into_bytes(),
        BreakevenFormat::Json => sensitivity::render_json(&r),
    };
    emit(None, &bytes)?;
    Ok(0)
}

/// Ranged workload inputs of a report's scenario, as "key low / expected / high".
fn range_rows(rep: &compare::Report) -> Vec<(String, Decimal, Decimal, Decimal)> {
    rep.architectures
        .iter()
        .filter_map(|a| {
            a.range
                .as_ref()
                .map(|r| (a.name.clone(), r.low_usd, r.expected_usd, r.high_usd))
        })
        .collect()
}

/// Terminal section of `compare`: low / expected / high totals (empty without ranges).
pub fn range_table(rep: &compare::Report) -> String {
    use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
    let rows = range_rows(rep);
    if rows.is_empty() {
        return String::new();
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec!["Architecture", "Low", "Expected", "High"]);
    for (n, l, e, h) in rows {
        t.add_row(vec![
            n,
            crate::report::money(rep, l),
            crate::report::money(rep, e),
            crate::report::money(rep, h),
        ]);
    }
    format!(
        "\nUncertainty: monthly total with every ranged workload input at its low / expected / high value\n{t}\n"
    )
}

/// Markdown section of `compare`: low / expected / high totals (empty without ranges).
pub fn range_markdown(rep: &compare::Report) -> String {
    let rows = range_rows(rep);
    if rows.is_empty() {
        return String::new();
    }
    let mut o = String::from("\n## Uncertainty (ranged inputs all low / expected / high)\n\n| Architecture | Low | Expected | High |\n|---|---:|---:|---:|\n");
    for (n, l, e, h) in rows {
        o.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            crate::report::markdown::cell(&n),
            crate::report::money(rep, l),
            crate::report::money(rep, e),
            crate::report::money(rep, h)
        ));
    }
    o
}
