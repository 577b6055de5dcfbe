//! `archcost sweep`: price every architecture while one key varies; table, CSV, JSON or
//! Markdown, and optionally a PNG/SVG chart.
use super::{load, parse_decimal, Output};
use crate::cli::{Format, SweepArgs};
use crate::error::{Error, Result};
use crate::report::chart::{self, Kind};
use crate::report::display::Display;
use crate::report::sweep as render;
use crate::scenario::Scenario;
use crate::sweep::{self, SweepRow};
use rust_decimal::Decimal;
use std::path::Path;

pub fn run(args: SweepArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "sweep",
        &[Format::Table, Format::Csv, Format::Json, Format::Markdown],
    )?;
    let (mut s, catalog) = load(&args.input)?;
    let display = out.display(&mut s, &args.input.scenario)?;
    let from = parse_decimal("--from", &args.from)?;
    let to = parse_decimal("--to", &args.to)?;
    if let Some(path) = &args.chart {
        check_chart_path(path, from, args.log)?;
    }
    let values = sweep::steps(from, to, args.steps, args.log)?;
    let rows = sweep::sweep(&s, &catalog, &args.vary, &values)?;
    let bytes = match out.format {
        Format::Csv => out.csv(render::csv(&args.vary, &rows)),
        Format::Json => render::json(&args.vary, &rows),
        Format::Markdown => render::markdown(&args.vary, &rows, &display).into_bytes(),
        _ => render::table(&args.vary, &rows, &display).into_bytes(),
    };
    if let Some(path) = &args.chart {
        let crossings = crate::breakeven::breakeven(&s, &catalog, &args.vary, from, to, None)?;
        draw(
            &s, &catalog, &args.vary, args.log, &rows, &crossings, &display, path,
        )?;
    }
    out.emit(&bytes)?;
    Ok(0)
}

/// The chart's file: PNG or SVG by extension; with `--log` (log axes) the values must be above 0.
fn check_chart_path(path: &Path, from: Decimal, log: bool) -> Result<()> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext != "png" && ext != "svg" {
        return Err(Error::Said(crate::said!(
            "error.cli.chart_ext",
            path.display().to_string(),
            ext
        )));
    }
    if log && from <= Decimal::ZERO {
        return Err(Error::Said(crate::said!(
            "error.cli.chart_log",
            path.display().to_string()
        )));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn draw(
    s: &Scenario,
    catalog: &crate::pricing::Catalog,
    key: &str,
    log: bool,
    rows: &[SweepRow],
    crossings: &[crate::breakeven::Crossing],
    display: &Display,
    path: &Path,
) -> Result<()> {
    // The scenario's own value (or the first step) is marked with each architecture's outcome.
    let scenario_x = sweep::current_value(s, key)
        .filter(|c| *c > Decimal::ZERO)
        .or_else(|| rows.first().map(|r| r.value))
        .unwrap_or(Decimal::ONE);
    let mut at = s.clone();
    sweep::set_key(&mut at, key, scenario_x)?;
    let own = crate::compare::outcomes(&at, catalog)?;
    let data = render::chart_data(
        &s.name, key, log, rows, crossings, scenario_x, &own, display,
    );
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
        crate::fsio::write_atomic(path, chart::svg(Kind::CostVsLoad, &data)?.as_bytes())
    }
}
