//! `archcost sweep` and `archcost breakeven`: run the engine over a range of one key and render
//! the result as a table, CSV (DESIGN §3 shape), JSON, a sentence per crossing, and a chart.
use super::chart::{self, ChartData, Kind};
use super::table::new_table;
use crate::app::{emit, load, write_atomic};
use crate::breakeven::{self, Crossing};
use crate::cli::{BreakevenArgs, Format, SweepArgs};
use crate::error::{Error, Result};
use crate::money;
use crate::scenario::Scenario;
use crate::sweep::{self, SweepRow};
use comfy_table::{Cell, CellAlignment};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

/// Parse a command-line number: "1e9", "30_000_000", "0.5".
pub fn parse_decimal(flag: &str, text: &str) -> Result<Decimal> {
    let t = text.trim().replace('_', "");
    Decimal::from_str(&t)
        .or_else(|_| Decimal::from_scientific(&t))
        .map_err(|_| {
            Error::Input(format!(
                "{flag} `{text}`: expected a number such as 1e6 or 0.5"
            ))
        })
}

pub fn sweep_cmd(args: SweepArgs) -> Result<u8> {
    let (s, catalog) = load(&args.input)?;
    let from = parse_decimal("--from", &args.from)?;
    let to = parse_decimal("--to", &args.to)?;
    let values = sweep::steps(from, to, args.steps, args.log)?;
    let rows = sweep::sweep(&s, &catalog, &args.vary, &values)?;
    let bytes = match args.format {
        Format::Csv => csv(&args.vary, &rows),
        Format::Json => json(&args.vary, &rows),
        _ => table(&args.vary, &rows).into_bytes(),
    };
    if let Some(path) = &args.chart {
        let crossings = breakeven::breakeven(&s, &catalog, &args.vary, from, to, None)?;
        draw(&s, &catalog, &args.vary, &rows, &crossings, path)?;
    }
    emit(args.out.as_deref(), &bytes)?;
    Ok(0)
}

/// Header row (the varied key, one monthly-USD column per architecture, then one
/// `<name> feasible` column per architecture), then one row per step.
pub fn csv(key: &str, rows: &[SweepRow]) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec![key.to_string()];
    if let Some(first) = rows.first() {
        header.extend(first.monthly_usd.iter().map(|(n, _)| n.clone()));
        header.extend(
            first
                .monthly_usd
                .iter()
                .map(|(n, _)| format!("{n} feasible")),
        );
    }
    crate::csv_safe::record(&mut w, &header);
    for r in rows {
        let mut rec = vec![money::exact(r.value)];
        rec.extend(r.monthly_usd.iter().map(|(_, v)| money::exact(*v)));
        rec.extend(r.feasible.iter().map(|ok| ok.to_string()));
        crate::csv_safe::record(&mut w, &rec);
    }
    w.into_inner().unwrap_or_default()
}

#[derive(Serialize)]
struct SweepJson<'a> {
    schema: &'static str,
    vary: &'a str,
    rows: Vec<SweepJsonRow>,
}

#[derive(Serialize)]
struct SweepJsonRow {
    value: String,
    monthly_usd: BTreeMap<String, String>,
    /// Whether each architecture can run the workload at this step.
    feasible: BTreeMap<String, bool>,
}

pub fn json(key: &str, rows: &[SweepRow]) -> Vec<u8> {
    let doc = SweepJson {
        schema: "archcost/sweep/1",
        vary: key,
        rows: rows
            .iter()
            .map(|r| SweepJsonRow {
                value: money::exact(r.value),
                monthly_usd: r
                    .monthly_usd
                    .iter()
                    .map(|(n, v)| (n.clone(), money::exact(*v)))
                    .collect(),
                feasible: r
                    .monthly_usd
                    .iter()
                    .zip(&r.feasible)
                    .map(|((n, _), ok)| (n.clone(), *ok))
                    .collect(),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

pub fn table(key: &str, rows: &[SweepRow]) -> String {
    let mut t = new_table();
    let mut header = vec![Cell::new(key)];
    if let Some(first) = rows.first() {
        header.extend(first.monthly_usd.iter().map(|(n, _)| Cell::new(n)));
    }
    t.set_header(header);
    for r in rows {
        let cheapest = r.cheapest_feasible();
        let mut row = vec![Cell::new(money::quantity(r.value)).set_alignment(CellAlignment::Right)];
        for (i, (_, v)) in r.monthly_usd.iter().enumerate() {
            let mark = if !r.feasible.get(i).copied().unwrap_or(true) {
                " ✗"
            } else if cheapest == Some(i) {
                " *"
            } else {
                ""
            };
            row.push(
                Cell::new(format!("{}{mark}", money::usd(*v))).set_alignment(CellAlignment::Right),
            );
        }
        t.add_row(row);
    }
    format!(
        "Monthly cost (USD) as {key} varies; * = cheapest that can run, ✗ = cannot run (a hard limit is exceeded or a fleet cannot carry the load)\n{t}\n"
    )
}

fn draw(
    s: &Scenario,
    catalog: &crate::pricing::Catalog,
    key: &str,
    rows: &[SweepRow],
    crossings: &[Crossing],
    path: &Path,
) -> Result<()> {
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext != "png" && ext != "svg" {
        return Err(Error::Input(format!(
            "--chart {}: archcost draws PNG or SVG charts, chosen by the extension; found `{ext}`\n  hint: name the file chart.png or chart.svg",
            path.display()
        )));
    }
    if rows.iter().any(|r| r.value <= Decimal::ZERO) {
        return Err(Error::Input(format!(
            "--chart {}: the chart has log axes; use --from above 0",
            path.display()
        )));
    }
    let names: Vec<String> = rows
        .first()
        .map(|r| r.monthly_usd.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    let current = sweep::current_value(s, key);
    let scenario_x = current
        .filter(|c| *c > Decimal::ZERO)
        .or_else(|| rows.first().map(|r| r.value))
        .unwrap_or(Decimal::ONE);
    let mut at = s.clone();
    sweep::set_key(&mut at, key, scenario_x)?;
    let own = crate::compare::outcomes(&at, catalog)?;
    let series = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let pts = rows
                .iter()
                .filter_map(|r| Some((f(r.value), f(r.monthly_usd.get(i)?.1))))
                .collect();
            let mark = match own.get(i) {
                Some(o) if !o.feasible => {
                    format!(
                        " (cannot run at {}: {})",
                        breakeven::human(scenario_x),
                        o.ruled_out_by.join(", ")
                    )
                }
                _ => String::new(),
            };
            (format!("{n}{mark}"), pts)
        })
        .collect();
    let feasible = (0..names.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.feasible.get(i).copied().unwrap_or(true))
                .collect()
        })
        .collect();
    let data = ChartData {
        load_title: format!("{}: monthly cost vs {key}", s.name),
        breakdown_title: String::new(),
        x_label: format!("{key} (log scale)"),
        load_y_label: "USD per month (log scale)".to_string(),
        y_label: String::new(),
        this_scenario: format!("this scenario ({})", breakeven::human(scenario_x)),
        crossings_key: "Costs cross (exact break-even)".to_string(),
        jpy: false,
        series,
        feasible,
        infeasible_label: "dashed: cannot run there (hard limit or capacity)".to_string(),
        scenario_x: f(scenario_x),
        scenario_costs: own.iter().map(|o| f(o.monthly_usd)).collect(),
        crossings: crossings
            .iter()
            .map(|c| {
                (
                    format!(
                        "{} = {} at {}, {}{}",
                        c.between.0,
                        c.between.1,
                        breakeven::human(c.value),
                        money::usd(c.monthly_usd),
                        super::curve::crossing_marks(c, super::i18n::Lang::En)
                    ),
                    f(c.value),
                    f(c.monthly_usd),
                )
            })
            .collect(),
        bands: Vec::new(),
        band_label: String::new(),
        volume_range: None,
        tiers: Vec::new(),
        bars: Vec::new(),
        bar_marks: Vec::new(),
    };
    let is_png = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if is_png {
        let (data, _) = data.for_png();
        // Draw to a temporary file beside the target, then rename (never a half-written chart).
        let tmp = crate::fsio::temp_file_beside(path, ".png")?;
        chart::png(Kind::CostVsLoad, &data, tmp.path())?;
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    } else {
        write_atomic(path, chart::svg(Kind::CostVsLoad, &data)?.as_bytes())
    }
}

pub fn breakeven_cmd(args: BreakevenArgs) -> Result<u8> {
    let (s, catalog) = load(&args.input)?;
    let (from, to) = match (&args.from, &args.to) {
        (Some(a), Some(b)) => (parse_decimal("--from", a)?, parse_decimal("--to", b)?),
        (None, None) if args.vary.starts_with("workload.requests_per_") => {
            let v = sweep::current_value(&s, &args.vary).unwrap_or_default();
            if v <= Decimal::ZERO {
                (dec!(1), dec!(1_000_000_000_000))
            } else {
                ((v / dec!(1000)).max(dec!(0.001)), v * dec!(1000))
            }
        }
        _ => {
            return Err(Error::Input(format!(
                "breakeven --vary {}: give the searched range with --from A --to B (only request volumes have a default range)",
                args.vary
            )))
        }
    };
    if from >= to {
        return Err(Error::Input(format!(
            "--from {from} --to {to}: expected from < to"
        )));
    }
    let between = match &args.between {
        Some(text) => match text.split_once(',') {
            Some((a, b)) => Some((a.trim().to_string(), b.trim().to_string())),
            None => {
                return Err(Error::Input(format!(
                    "--between `{text}`: expected two architecture names, A,B"
                )))
            }
        },
        None => None,
    };
    let crossings = breakeven::breakeven(&s, &catalog, &args.vary, from, to, between)?;
    let bytes = match args.format {
        Format::Json => breakeven_json(&args.vary, from, to, &crossings),
        _ => breakeven_text(&args.vary, from, to, &crossings).into_bytes(),
    };
    emit(None, &bytes)?;
    Ok(0)
}

#[derive(Serialize)]
struct BreakevenJson<'a> {
    schema: &'static str,
    vary: &'a str,
    from: String,
    to: String,
    breakeven: &'a [Crossing],
}

pub fn breakeven_json(key: &str, from: Decimal, to: Decimal, crossings: &[Crossing]) -> Vec<u8> {
    let doc = BreakevenJson {
        schema: "archcost/breakeven/1",
        vary: key,
        from: money::exact(from),
        to: money::exact(to),
        breakeven: crossings,
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

pub fn breakeven_text(key: &str, from: Decimal, to: Decimal, crossings: &[Crossing]) -> String {
    let mut out = format!(
        "Break-even as {key} goes from {} to {}\n",
        breakeven::human(from),
        breakeven::human(to)
    );
    if crossings.is_empty() {
        out.push_str("The costs never cross in this range: the order of the architectures does not change.\n");
        return out;
    }
    let mut t = new_table();
    t.set_header(vec![
        "Between",
        "Value (exact)",
        "Monthly cost there",
        "Kind",
        "Can run there",
    ]);
    for c in crossings {
        let cannot: Vec<&str> = c.infeasible().collect();
        t.add_row(vec![
            Cell::new(format!("{} / {}", c.between.0, c.between.1)),
            Cell::new(money::exact(c.value)).set_alignment(CellAlignment::Right),
            Cell::new(money::usd(c.monthly_usd)).set_alignment(CellAlignment::Right),
            Cell::new(match c.kind {
                breakeven::CrossingKind::Linear => "linear",
                breakeven::CrossingKind::Step => "step",
            }),
            Cell::new(if cannot.is_empty() {
                "both".to_string()
            } else {
                format!("not {}", cannot.join(", "))
            }),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    for c in crossings {
        out.push_str(&format!("- {}\n", breakeven::sentence(c, key)));
    }
    out
}
