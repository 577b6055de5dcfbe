//! `archcost report`: every format, the Excel workbook and both charts written into one folder,
//! built in a temporary directory beside the target and renamed into place, so a failure never
//! destroys an old report. The folder's JSON, HTML, Markdown and workbook carry the report stamp.
use super::chart::{self, ChartData, Kind};
use super::curve::{self, Curve};
use super::diagram;
use super::i18n::Lang;
use super::markup::TIERS;
use super::stamp::{self, Stamp};
use super::{csv, html, markdown, money, xlsx};
use crate::compare::{self, Report};
use crate::error::{Error, Result};
use crate::optimize::OptimizeReport;
use crate::pricing::Catalog;
use crate::scenario::Scenario;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// The files of a report folder, in the order they are listed.
pub const FILES: [&str; 11] = [
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

/// The files added when an architecture has an `[architecture.search]` table (docs/reports.md).
pub const OPTIMIZE_FILES: [&str; 2] = ["optimize.json", "optimize.md"];

/// How to write a report folder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    pub lang: Lang,
    /// Start breakdown.csv with a UTF-8 byte order mark (Excel).
    pub bom: bool,
    /// The optimize answer (`optimize::for_scenario`): adds optimize.json, optimize.md and the
    /// page's optimize section; `None` when no architecture has a search table.
    pub optimize: Option<&'a OptimizeReport>,
}

impl Options<'_> {
    /// The files this folder holds, in the order they are listed.
    pub fn files(&self) -> Vec<&'static str> {
        let mut out = FILES.to_vec();
        if self.optimize.is_some() {
            out.extend(OPTIMIZE_FILES);
        }
        out
    }
}

/// What was written.
#[derive(Debug)]
pub struct Written {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// Characters replaced by `?` in PNG text (not in the embedded font).
    pub png_replaced: usize,
}

/// `reports/<scenario file stem>/`.
pub fn default_dir(scenario: &Path) -> PathBuf {
    let stem = scenario
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "report".to_string());
    Path::new("reports").join(stem)
}

/// Everything of the folder except the PNGs, in memory.
pub struct Contents {
    pub report: Report,
    pub curve: Curve,
    pub charts: ChartData,
    /// The architecture diagram's data (drawn as diagram.svg and diagram.png).
    pub diagram: diagram::Diagram,
    /// (file name, bytes) of every file but the PNGs (text files and the workbook).
    pub texts: Vec<(&'static str, Vec<u8>)>,
}

/// Evaluate the scenario and render every file but the PNGs, without a stamp.
pub fn render(s: &Scenario, catalog: &Catalog, opts: Options) -> Result<Contents> {
    render_stamped(s, catalog, opts, None)
}

/// Evaluate the scenario and render every file but the PNGs; with a stamp, report.json,
/// report.html, summary.md and report.xlsx carry it.
pub fn render_stamped(
    s: &Scenario,
    catalog: &Catalog,
    opts: Options,
    stamp: Option<&Stamp>,
) -> Result<Contents> {
    let report = compare::evaluate(s, catalog)?;
    let curve = curve::for_scenario(s, catalog)?;
    let charts = chart_data(&report, &curve, opts.lang);
    let svg_load = chart::svg(Kind::CostVsLoad, &charts)?;
    let svg_breakdown = chart::svg(Kind::Breakdown, &charts)?;
    let diagram = diagram::data(&report, opts.lang);
    let display = super::display::Display::for_scenario(s, opts.lang);
    let optimize_html = opts
        .optimize
        .map(|r| super::optimize::html_section(r, &display))
        .unwrap_or_default();
    let page = html::render_stamped(
        &report,
        opts.lang,
        &curve,
        (&svg_load, &svg_breakdown),
        &opts.files(),
        stamp,
        &optimize_html,
    );
    let mut md = summary(&report, &curve, opts.lang);
    if let Some(st) = stamp {
        md.push_str(&stamp_markdown(st, &report, opts.lang));
    }
    let mut texts = vec![
        ("summary.md", md.into_bytes()),
        ("report.html", page.into_bytes()),
        ("report.json", stamp::json(&report, stamp)),
        (
            "breakdown.csv",
            csv::render_in(&report, opts.lang, opts.bom),
        ),
        ("report.xlsx", xlsx::render(&report, opts.lang, stamp)?),
        ("cost-vs-load.svg", svg_load.into_bytes()),
        ("breakdown.svg", svg_breakdown.into_bytes()),
        ("diagram.svg", diagram::svg(&diagram)?.into_bytes()),
    ];
    if let Some(r) = opts.optimize {
        texts.push(("optimize.json", super::optimize::json(r)));
        texts.push((
            "optimize.md",
            super::optimize::markdown(r, &display).into_bytes(),
        ));
    }
    Ok(Contents {
        report,
        curve,
        charts,
        diagram,
        texts,
    })
}

/// One self-contained HTML page (`compare --format html`): the report folder's page without the
/// list of sibling files.
pub fn standalone_html(s: &Scenario, catalog: &Catalog, lang: Lang) -> Result<String> {
    let report = compare::evaluate(s, catalog)?;
    let curve = curve::for_scenario(s, catalog)?;
    let charts = chart_data(&report, &curve, lang);
    let svg_load = chart::svg(Kind::CostVsLoad, &charts)?;
    let svg_breakdown = chart::svg(Kind::Breakdown, &charts)?;
    Ok(html::render(
        &report,
        lang,
        &curve,
        &svg_load,
        &svg_breakdown,
        &[],
    ))
}

/// Write the report folder at `target` (replacing an earlier report there, atomically), stamped
/// with `stamp` when given.
pub fn write(
    s: &Scenario,
    catalog: &Catalog,
    target: &Path,
    opts: Options,
    stamp: Option<&Stamp>,
) -> Result<Written> {
    check_target(target)?;
    let contents = render_stamped(s, catalog, opts, stamp)?;
    // Build everything in a staging folder beside the target, then swap it in atomically.
    let staged = crate::fsio::staging_dir(target)?;
    let built = (|| -> Result<usize> {
        for (file, bytes) in &contents.texts {
            let path = staged.join(file);
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        }
        let (png_data, png_replaced) = contents.charts.for_png();
        chart::png(
            Kind::CostVsLoad,
            &png_data,
            &staged.join("cost-vs-load.png"),
        )?;
        chart::png(Kind::Breakdown, &png_data, &staged.join("breakdown.png"))?;
        diagram::png(&contents.diagram, &staged.join("diagram.png"))?;
        crate::fsio::replace_dir(&staged, target)?;
        Ok(png_replaced)
    })();
    let png_replaced = match built {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staged);
            return Err(e);
        }
    };
    Ok(Written {
        dir: target.to_path_buf(),
        files: opts.files().iter().map(|f| target.join(f)).collect(),
        png_replaced,
    })
}

/// Refuse to replace anything but an earlier report folder (or an empty one). The error names
/// the folder, not the flag or field that gave it (commands/ and serve/ know those).
fn check_target(target: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(target, e)),
    };
    if !meta.is_dir() {
        return Err(Error::Said(crate::said!(
            "error.folder.not_a_folder",
            target.display().to_string()
        )));
    }
    let entries = std::fs::read_dir(target).map_err(|e| Error::io(target, e))?;
    let mut foreign = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(target, e))?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if !FILES.contains(&file.as_str()) && !OPTIMIZE_FILES.contains(&file.as_str()) {
            foreign.push(file);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    Err(Error::Said(crate::said!(
        "error.folder.foreign_files",
        target.display().to_string(),
        foreign.join(", ")
    )))
}

/// Markdown summary: the compare Markdown plus the charts and the crossings.
pub fn summary(rep: &Report, curve: &Curve, lang: Lang) -> String {
    let l = lang.labels();
    let mut o = markdown::render_in(rep, lang);
    o.push_str(&format!(
        "\n## {}\n\n![{}](diagram.png)\n\nSVG: [diagram.svg](diagram.svg)\n",
        diagram::title(lang),
        diagram::title(lang)
    ));
    o.push_str(&format!(
        "\n## {}\n\n![{}](cost-vs-load.png)\n\n![{}](breakdown.png)\n\nSVG: [cost-vs-load.svg](cost-vs-load.svg), [breakdown.svg](breakdown.svg)\n",
        l.charts, l.cost_vs_load, l.breakdown
    ));
    o.push_str(&format!("\n## {}\n\n", l.crossings));
    if curve.crossings.is_empty() {
        o.push_str(&format!("{}\n", l.no_crossings));
    } else {
        o.push_str(&format!(
            "| {} | {} | {} |\n|---|---:|---:|\n",
            l.between, l.requests_per_month, l.monthly
        ));
        for c in &curve.crossings {
            o.push_str(&format!(
                "| {} = {}{} | {} | {} |\n",
                super::markup::cell(&c.between.0),
                super::markup::cell(&c.between.1),
                super::markup::cell(&super::curve::crossing_marks(c, lang)),
                super::display::compact(lang, f(c.value)),
                money(rep, c.monthly_usd)
            ));
        }
    }
    o.push_str(&format!("\n{}\n", l.crossings_note));
    o
}

/// The stamp section at the end of summary.md.
fn stamp_markdown(st: &Stamp, rep: &Report, lang: Lang) -> String {
    let sl = stamp::labels(lang);
    let mut o = format!(
        "\n## {}\n\n| {} | {} |\n|---|---|\n",
        sl.heading,
        sl.item,
        lang.labels().value
    );
    for (k, v) in stamp::rows(st, rep, lang) {
        let v = if k == sl.scenario_sha256 {
            format!("`{v}`")
        } else {
            super::markup::cell(&v)
        };
        o.push_str(&format!("| {k} | {v} |\n"));
    }
    o
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The charts' data in the display currency and language (f64 for pixels only).
pub fn chart_data(rep: &Report, curve: &Curve, lang: Lang) -> ChartData {
    let l = lang.labels();
    let rate = rep.jpy_rate();
    let shown = |usd: Decimal| f(rate.map_or(usd, |r| usd * r));
    let currency = if rate.is_some() { "JPY" } else { "USD" };
    let (series, feasible, bands) = curves(rep, curve, lang, &shown);
    let volume_range = curve.band.as_ref().and_then(|b| b.volume).map(|(lo, hi)| {
        let (lo, hi) = (f(lo), f(hi));
        let text = format!(
            "{} ({}–{})",
            l.volume_range,
            super::display::compact(lang, lo),
            super::display::compact(lang, hi)
        );
        (lo, hi, text)
    });
    let (tiers, bars, bar_marks) = bar_data(rep, lang, &shown);
    let fx = match (rate, &rep.assumptions.fx_date) {
        (Some(r), d) => format!(
            " — {}",
            lang.rate(
                &crate::money::exact(r),
                d.as_deref().unwrap_or(l.date_not_given)
            )
        ),
        (None, _) => String::new(),
    };
    ChartData {
        load_title: format!("{}: {}{fx}", rep.scenario.name, l.cost_vs_load),
        breakdown_title: format!("{}: {}{fx}", rep.scenario.name, l.breakdown),
        x_label: l.axis_requests.to_string(),
        log_axes: true,
        load_y_label: lang.money_axis_log(currency),
        y_label: lang.money_axis(currency),
        this_scenario: l.this_scenario.to_string(),
        crossings_key: l.crossings_key.to_string(),
        jpy: rate.is_some(),
        lang,
        series,
        feasible,
        infeasible_label: l.infeasible_stretch.to_string(),
        scenario_x: f(curve.scenario.0),
        scenario_costs: curve.scenario.1.iter().map(|c| shown(*c)).collect(),
        crossings: curve
            .crossings
            .iter()
            .map(|c| {
                (
                    lang.crossing(
                        &c.between.0,
                        &c.between.1,
                        &super::display::compact(lang, f(c.value)),
                        &money(rep, c.monthly_usd),
                    ) + &curve::crossing_marks(c, lang),
                    f(c.value),
                    shown(c.monthly_usd),
                )
            })
            .collect(),
        bands,
        band_label: l.band.to_string(),
        volume_range,
        tiers,
        bars,
        bar_marks,
    }
}

/// (architecture, [(requests per month, cost)]), as in `ChartData::series`.
type Series = Vec<(String, Vec<(f64, f64)>)>;
/// [(requests per month, low cost, high cost)], as in `ChartData::bands`.
type Band = Vec<(f64, f64, f64)>;
/// (architecture, cost per tier), as in `ChartData::bars`.
type Bars = Vec<(String, Vec<f64>)>;

/// Each architecture's cost-vs-load series (legend name with its cost here), where it can run,
/// and its uncertainty band (none without ranges); `shown` converts USD to the display currency.
fn curves(
    rep: &Report,
    curve: &Curve,
    lang: Lang,
    shown: &dyn Fn(Decimal) -> f64,
) -> (Series, Vec<Vec<bool>>, Vec<Band>) {
    let series = curve
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let pts = curve
                .points
                .iter()
                .filter_map(|(x, costs)| Some((f(*x), shown(*costs.get(i)?))))
                .collect();
            let at = curve.scenario.1.get(i).map(|c| money(rep, *c));
            (
                format!(
                    "{name}: {}{}",
                    at.unwrap_or_default(),
                    mark(rep, name, lang)
                ),
                pts,
            )
        })
        .collect();
    let feasible = (0..curve.names.len())
        .map(|i| {
            curve
                .feasible
                .iter()
                .map(|f| f.get(i).copied().unwrap_or(true))
                .collect()
        })
        .collect();
    // The uncertainty band of each architecture (none without ranges).
    let bands = match &curve.band {
        Some(b) if !b.low.is_empty() => (0..curve.names.len())
            .map(|i| {
                curve
                    .points
                    .iter()
                    .zip(b.low.iter().zip(&b.high))
                    .filter_map(|((x, _), (lo, hi))| {
                        Some((f(*x), shown(*lo.get(i)?), shown(*hi.get(i)?)))
                    })
                    .collect()
            })
            .collect(),
        _ => Vec::new(),
    };
    (series, feasible, bands)
}

/// The breakdown chart's tier labels, each architecture's cost per tier, and the mark under
/// each bar (cheapest feasible / not feasible).
fn bar_data(
    rep: &Report,
    lang: Lang,
    shown: &dyn Fn(Decimal) -> f64,
) -> (Vec<String>, Bars, Vec<String>) {
    let l = lang.labels();
    let tiers: Vec<&str> = TIERS
        .iter()
        .copied()
        .filter(|t| rep.architectures.iter().any(|a| a.tier(t).is_some()))
        .collect();
    let bars = rep
        .architectures
        .iter()
        .map(|a| {
            let v = tiers
                .iter()
                .map(|t| a.tier(t).map_or(0.0, |t| shown(t.monthly_usd)))
                .collect();
            (a.name.clone(), v)
        })
        .collect();
    let bar_marks = rep
        .architectures
        .iter()
        .map(|a| {
            if !a.feasible {
                l.not_feasible.to_string()
            } else if rep.cheapest_feasible.as_deref() == Some(a.name.as_str())
                && rep.architectures.len() > 1
            {
                l.cheapest_feasible.to_string()
            } else {
                String::new()
            }
        })
        .collect();
    (
        tiers.iter().map(|t| lang.tier(t)).collect(),
        bars,
        bar_marks,
    )
}

/// " — cheapest feasible" / " — not feasible (ids)" after an architecture's name in a legend
/// (empty for the others, and when there is only one architecture and it can run).
fn mark(rep: &Report, name: &str, lang: Lang) -> String {
    let l = lang.labels();
    match rep.arch(name) {
        Some(a) if !a.feasible => {
            let ids: Vec<&str> = a.ruled_out_by.iter().map(|b| b.id.as_str()).collect();
            format!(" — {} ({})", l.not_feasible, ids.join(", "))
        }
        Some(_)
            if rep.cheapest_feasible.as_deref() == Some(name) && rep.architectures.len() > 1 =>
        {
            format!(" — {}", l.cheapest_feasible)
        }
        _ => String::new(),
    }
}
