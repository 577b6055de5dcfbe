//! Charts drawn with plotters, as PNG and SVG: cost vs load (log-log lines with the scenario's
//! point and crossings marked) and the stacked per-tier cost of each architecture.
//!
//! PNG text is rasterised with an embedded font (a subset of Noto Sans CJK JP, SIL OFL 1.1; see
//! `assets/fonts/`), so charts render on a machine without system fonts. Characters the subset
//! lacks are replaced by `?` in PNG only (never a missing-glyph box); SVG keeps the original text
//! and names a font-family list. f64 appears here for pixel coordinates only.
use crate::error::{Error, Result};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;
use std::sync::OnceLock;

/// The subset CJK font (see assets/fonts/README.md): PNG text, and the HTML report's `@font-face`.
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/archcost-sans-jp.otf");
const RANGES: &str = include_str!("../../assets/fonts/archcost-sans-jp.ranges");
/// The name the embedded font is registered under in plotters.
const FAMILY: &str = "archcost-sans";
/// What SVG text asks the viewer for instead of the plotters family name.
pub const SVG_FONTS: &str = "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 720;

/// Architecture colours (Tableau 10: distinct, colour-blind friendly order).
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// Tier colours of the breakdown chart, in `markup::TIERS` order.
const TIER_COLOURS: [RGBColor; 5] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(89, 161, 79),
    RGBColor(176, 122, 161),
    RGBColor(186, 176, 172),
];

/// Everything a chart shows, already in the display currency and language.
#[derive(Debug, Clone)]
pub struct ChartData {
    pub load_title: String,
    pub breakdown_title: String,
    pub x_label: String,
    /// Log axes (the report's cost-vs-load, `sweep --log`) or linear ones.
    pub log_axes: bool,
    /// Y axis of the cost-vs-load chart (log scale).
    pub load_y_label: String,
    /// Y axis of the breakdown chart.
    pub y_label: String,
    pub this_scenario: String,
    /// Heading of the crossings key.
    pub crossings_key: String,
    /// Yen display (axis ticks as ¥) instead of dollars.
    pub jpy: bool,
    /// Language of counts on ticks, markers and legends (30M or 3,000万).
    pub lang: super::i18n::Lang,
    /// (architecture, [(requests per month, monthly cost)]).
    pub series: Vec<(String, Vec<(f64, f64)>)>,
    /// Whether each architecture can run the workload at each point of its series (`series`
    /// order; an empty list means everywhere). Stretches where it cannot are dashed and greyed.
    pub feasible: Vec<Vec<bool>>,
    /// Legend entry of the dashed stretches (shown only when there is one).
    pub infeasible_label: String,
    /// The scenario's own volume and each architecture's cost there.
    pub scenario_x: f64,
    pub scenario_costs: Vec<f64>,
    /// (label, requests per month, monthly cost) of each crossing.
    pub crossings: Vec<(String, f64, f64)>,
    /// Uncertainty band of each architecture, in `series` order: (requests per month, cost with
    /// the ranged inputs low, cost with them high). Empty when the scenario has no such ranges.
    pub bands: Vec<Vec<(f64, f64, f64)>>,
    /// Legend entry of the band.
    pub band_label: String,
    /// The request volume's own range (low, high) and its label, shaded across the chart.
    pub volume_range: Option<(f64, f64, String)>,
    /// Tier labels of the breakdown legend, in stacking order (bottom first).
    pub tiers: Vec<String>,
    /// (architecture, cost of each tier in `tiers` order).
    pub bars: Vec<(String, Vec<f64>)>,
    /// A second line under each bar's name ("cheapest feasible", "not feasible" or empty).
    pub bar_marks: Vec<String>,
}

impl ChartData {
    /// A copy whose every string the embedded font can draw; the count of replaced characters.
    pub fn for_png(&self) -> (ChartData, usize) {
        let mut n = 0;
        let mut f = |s: &str| {
            let (t, k) = png_text(s);
            n += k;
            t
        };
        let d = ChartData {
            load_title: f(&self.load_title),
            breakdown_title: f(&self.breakdown_title),
            x_label: f(&self.x_label),
            log_axes: self.log_axes,
            load_y_label: f(&self.load_y_label),
            y_label: f(&self.y_label),
            this_scenario: f(&self.this_scenario),
            crossings_key: f(&self.crossings_key),
            jpy: self.jpy,
            lang: self.lang,
            series: self
                .series
                .iter()
                .map(|(name, p)| (f(name), p.clone()))
                .collect(),
            feasible: self.feasible.clone(),
            infeasible_label: f(&self.infeasible_label),
            scenario_x: self.scenario_x,
            scenario_costs: self.scenario_costs.clone(),
            crossings: self
                .crossings
                .iter()
                .map(|(l, x, y)| (f(l), *x, *y))
                .collect(),
            bands: self.bands.clone(),
            band_label: f(&self.band_label),
            volume_range: self
                .volume_range
                .as_ref()
                .map(|(lo, hi, l)| (*lo, *hi, f(l))),
            tiers: self.tiers.iter().map(|t| f(t)).collect(),
            bars: self
                .bars
                .iter()
                .map(|(name, v)| (f(name), v.clone()))
                .collect(),
            bar_marks: self.bar_marks.iter().map(|m| f(m)).collect(),
        };
        (d, n)
    }
}

fn coverage() -> &'static [(u32, u32)] {
    static RUNS: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    RUNS.get_or_init(|| {
        RANGES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (a, b) = l.trim().split_once('-')?;
                Some((
                    u32::from_str_radix(a, 16).ok()?,
                    u32::from_str_radix(b, 16).ok()?,
                ))
            })
            .collect()
    })
}

/// True when the embedded font has a glyph for `c`.
pub fn has_glyph(c: char) -> bool {
    let cp = c as u32;
    let runs = coverage();
    let i = runs.partition_point(|(lo, _)| *lo <= cp);
    i > 0 && runs.get(i - 1).is_some_and(|(_, hi)| cp <= *hi)
}

/// `text` with every character the embedded font lacks replaced by `?`, and how many were.
pub fn png_text(text: &str) -> (String, usize) {
    let mut n = 0;
    let out = text
        .chars()
        .map(|c| {
            if has_glyph(c) {
                c
            } else {
                n += 1;
                '?'
            }
        })
        .collect();
    (out, n)
}

pub(crate) fn init_font() -> Result<()> {
    static OK: OnceLock<bool> = OnceLock::new();
    if *OK.get_or_init(|| plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok()) {
        Ok(())
    } else {
        Err(Error::io(
            "embedded font",
            std::io::Error::other("the embedded chart font could not be loaded"),
        ))
    }
}

pub(crate) fn draw_error(what: &Path, e: impl std::fmt::Display) -> Error {
    Error::io(what, std::io::Error::other(format!("drawing chart: {e}")))
}

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    CostVsLoad,
    Breakdown,
}

/// Draw a chart as SVG text (with the font-family list of `SVG_FONTS`).
/// The most crossings numbered on the cost-vs-load chart.
pub const MAX_CROSSINGS_DRAWN: usize = 12;

/// A chart as SVG text (see [`svg_with`]).
pub fn svg(kind: Kind, d: &ChartData) -> Result<String> {
    svg_with((WIDTH, HEIGHT), |root| draw(kind, root, d))
}

/// plotters writes SVG `font-size` as size / 1.24, but lays text out (and rasterises PNG text)
/// with ab_glyph, where size is the font's ascent-to-descent height. Rescale so SVG text has the
/// same width as the layout assumed.
fn rescale_font_sizes(svg: &str) -> String {
    use ab_glyph::Font;
    let factor = match ab_glyph::FontRef::try_from_slice(FONT) {
        Ok(f) => match f.units_per_em() {
            Some(upem) if f.height_unscaled() > 0.0 => 1.24 * upem / f.height_unscaled(),
            _ => 1.0,
        },
        Err(_) => 1.0,
    };
    let key = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(key) {
        let (head, tail) = rest.split_at(i + key.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let (num, after) = tail.split_at(end);
        match num.parse::<f32>() {
            Ok(v) => out.push_str(&format!("{:.2}", v * factor)),
            Err(_) => out.push_str(num),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Any drawing (the architecture diagram) as SVG text, `size` pixels, with the chart fonts.
pub(crate) fn svg_with(
    size: (u32, u32),
    f: impl for<'b> FnOnce(&DrawingArea<SVGBackend<'b>, Shift>) -> DrawResult<SVGBackend<'b>>,
) -> Result<String> {
    init_font()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        f(&root).map_err(|e| draw_error(Path::new("svg"), e))?;
        root.present()
            .map_err(|e| draw_error(Path::new("svg"), e))?;
    }
    let out = out.replace(
        &format!("font-family=\"{FAMILY}\""),
        &format!("font-family=\"{SVG_FONTS}\""),
    );
    Ok(rescale_font_sizes(&out))
}

/// Any drawing as a PNG file at `path` (text through the embedded font).
pub(crate) fn png_with(
    path: &Path,
    size: (u32, u32),
    f: impl for<'b> FnOnce(
        &DrawingArea<super::glyphs::PngBackend<'b>, Shift>,
    ) -> DrawResult<super::glyphs::PngBackend<'b>>,
) -> Result<()> {
    init_font()?;
    let font = ab_glyph::FontRef::try_from_slice(FONT).map_err(|e| draw_error(path, e))?;
    let backend = BitMapBackend::new(path, size);
    let root = super::glyphs::PngBackend::new(backend, font).into_drawing_area();
    f(&root).map_err(|e| draw_error(path, e))?;
    root.present().map_err(|e| draw_error(path, e))?;
    Ok(())
}

/// Draw a chart as a PNG file at `path` (text through the embedded font; see `ChartData::for_png`
/// and [`png_with`]).
pub fn png(kind: Kind, d: &ChartData, path: &Path) -> Result<()> {
    png_with(path, (WIDTH, HEIGHT), |root| draw(kind, root, d))
}

pub(crate) type DrawResult<DB> =
    std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw<DB: DrawingBackend>(
    kind: Kind,
    root: &DrawingArea<DB, Shift>,
    d: &ChartData,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    match kind {
        Kind::CostVsLoad => cost_vs_load(root, d),
        Kind::Breakdown => breakdown(root, d),
    }
}

pub(crate) fn font(size: u32) -> TextStyle<'static> {
    TextStyle::from((FAMILY, size).into_font()).color(&RGBColor(30, 30, 30))
}

// Volume words are number formatting every format shares; named here for callers.
pub use super::numbers::volume_label;

/// "$1,234" / "$0.50" / "¥185,000" for axis ticks.
pub fn money_label(v: f64, jpy: bool) -> String {
    let digits = if jpy || v.abs() >= 10.0 || v.fract() == 0.0 {
        0
    } else {
        2
    };
    let text = format!("{:.*}", digits, v.abs());
    let grouped = crate::money::group(&text);
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}{}{grouped}", if jpy { "¥" } else { "$" })
}

/// "$139.49" / "¥20,924": a total as the tables print it (cents, or whole yen).
pub fn money_total(v: f64, jpy: bool) -> String {
    let text = format!("{:.*}", if jpy { 0 } else { 2 }, v.abs());
    let sign = if v < 0.0 { "-" } else { "" };
    format!(
        "{sign}{}{}",
        if jpy { "¥" } else { "$" },
        crate::money::group(&text)
    )
}

/// Amounts as labels (cents, or whole yen) that add up to the label of their sum: each is
/// rounded down, and the units the rounding lost go to the largest remainders.
pub fn apportion(values: &[f64], jpy: bool) -> Vec<String> {
    let scale = if jpy { 1.0 } else { 100.0 };
    let scaled: Vec<f64> = values.iter().map(|v| v * scale).collect();
    let mut units: Vec<i64> = scaled.iter().map(|v| v.floor() as i64).collect();
    let target = (scaled.iter().sum::<f64>()).round() as i64;
    let mut order: Vec<usize> = (0..scaled.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (scaled[a] - scaled[a].floor(), scaled[b] - scaled[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    let missing = target - units.iter().sum::<i64>();
    for &i in order.iter().cycle().take(missing.max(0) as usize) {
        units[i] += 1;
    }
    units
        .iter()
        .map(|u| money_total(*u as f64 / scale, jpy))
        .collect()
}

/// Opacity of the uncertainty band fill (and of the request-volume range shading, halved).
pub const BAND_OPACITY: f64 = 0.22;

fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

fn cost_vs_load<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    d: &ChartData,
) -> DrawResult<DB> {
    let band_ys = d
        .bands
        .iter()
        .flat_map(|b| b.iter().flat_map(|p| [p.1, p.2]));
    let xs = d.series.iter().flat_map(|s| s.1.iter().map(|p| p.0));
    let ys = d
        .series
        .iter()
        .flat_map(|s| s.1.iter().map(|p| p.1))
        .chain(band_ys);
    let (x_lo, x_hi) = bounds(xs.chain([d.scenario_x]), 1.0);
    let (y_lo, y_hi) = bounds(ys.chain(d.scenario_costs.iter().copied()), 0.01);
    // Log axes leave room by factors; linear axes start at 0.
    let (y_lo, y_hi) = if d.log_axes {
        (y_lo / 1.6, y_hi * 1.6)
    } else {
        (0.0, y_hi * 1.1)
    };
    let jpy = d.jpy;

    let e = Extent {
        x_lo,
        x_hi,
        y_lo,
        y_hi,
    };

    // The same drawing on log axes (the report, `sweep --log`) or linear ones (`sweep`).
    macro_rules! draw_on {
        ($x:expr, $y:expr) => {{
            let mut chart = ChartBuilder::on(root)
                .caption(&d.load_title, font(34))
                .margin(24)
                .x_label_area_size(70)
                .y_label_area_size(120)
                .build_cartesian_2d($x, $y)?;
            chart
                .configure_mesh()
                .x_desc(d.x_label.as_str())
                .y_desc(d.load_y_label.as_str())
                .axis_desc_style(font(22))
                .label_style(font(19))
                .x_label_formatter(&|v| super::display::compact(d.lang, *v))
                .y_label_formatter(&|v| money_label(*v, jpy))
                // Log axes: no minor lines (they pile into a grey band near each decade's top).
                .max_light_lines(if d.log_axes { 0 } else { 10 })
                .light_line_style(RGBColor(238, 238, 238))
                .bold_line_style(if d.log_axes {
                    RGBColor(225, 225, 225)
                } else {
                    RGBColor(205, 205, 205)
                })
                .draw()?;

            LoadChart {
                root,
                chart: &mut chart,
                d,
                e,
            }
            .finish()
        }};
    }
    if d.log_axes {
        draw_on!((x_lo..x_hi).log_scale(), (y_lo..y_hi).log_scale())
    } else {
        draw_on!(x_lo..x_hi, y_lo..y_hi)
    }
}

/// The cost-vs-load chart's extent in data units.
#[derive(Clone, Copy)]
struct Extent {
    x_lo: f64,
    x_hi: f64,
    y_lo: f64,
    y_hi: f64,
}

impl Extent {
    /// (x low, x high, y low, y high).
    fn edges(self) -> (f64, f64, f64, f64) {
        (self.x_lo, self.x_hi, self.y_lo, self.y_hi)
    }
}

/// Where the legend goes, and the boxes (plotting-area pixels) the crossings key must leave
/// free: the curves, the labels at the top of the chart and the legend.
struct Placement {
    obstacles: Vec<(i32, i32)>,
    labels: Vec<(i32, i32, i32, i32)>,
    legend_at: (i32, i32),
    legend_box: (i32, i32, i32, i32),
    scenario_label: String,
}

const GREY: RGBColor = RGBColor(110, 110, 110);

/// The cost-vs-load chart once its axes are drawn, on log or linear axes (`X`, `Y`): each
/// method draws one layer, `finish` all of them in order.
struct LoadChart<'c, 'a, DB: DrawingBackend, X: Ranged<ValueType = f64>, Y: Ranged<ValueType = f64>>
{
    root: &'c DrawingArea<DB, Shift>,
    chart: &'c mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    d: &'c ChartData,
    e: Extent,
}

impl<'a, DB: DrawingBackend + 'a, X: Ranged<ValueType = f64>, Y: Ranged<ValueType = f64>>
    LoadChart<'_, 'a, DB, X, Y>
{
    /// Everything on the cost-vs-load chart after its axes, in drawing order.
    fn finish(&mut self) -> DrawResult<DB> {
        let has_band = self.backdrop()?;
        let has_infeasible = self.curves(has_band)?;
        let place = self.place_legend(has_band, has_infeasible);
        self.scenario(&place.scenario_label)?;
        self.crossing_markers()?;
        if !self.d.crossings.is_empty() {
            self.crossings_key(&place)?;
        }
        self.chart
            .configure_series_labels()
            .position(SeriesLabelPosition::Coordinate(
                place.legend_at.0,
                place.legend_at.1,
            ))
            .label_font(font(20))
            .margin(14)
            .background_style(WHITE.mix(0.92))
            .border_style(RGBColor(160, 160, 160))
            .draw()?;
        Ok(())
    }

    /// The request volume's range strip and the uncertainty bands under the curves; whether
    /// there is a band.
    fn backdrop(&mut self) -> std::result::Result<bool, DrawingAreaErrorKind<DB::ErrorType>> {
        let (chart, d) = (&mut *self.chart, self.d);
        let (x_lo, x_hi, y_lo, y_hi) = self.e.edges();
        // The request volume's range: a light vertical strip (labelled after the curves are drawn).
        let grey = GREY;
        if let Some((lo, hi, _)) = &d.volume_range {
            let (lo, hi) = (lo.clamp(x_lo, x_hi), hi.clamp(x_lo, x_hi));
            chart.draw_series(std::iter::once(Rectangle::new(
                [(lo, y_lo), (hi, y_hi)],
                grey.mix(BAND_OPACITY / 2.0).filled(),
            )))?;
        }
        // Uncertainty bands under the curves: low edge forward, high edge back.
        for (i, band) in d.bands.iter().enumerate() {
            if band.is_empty() {
                continue;
            }
            let outline: Vec<(f64, f64)> = band
                .iter()
                .map(|(x, lo, _)| (*x, lo.max(y_lo)))
                .chain(band.iter().rev().map(|(x, _, hi)| (*x, hi.max(y_lo))))
                .collect();
            chart.draw_series(std::iter::once(Polygon::new(
                outline,
                colour(i).mix(BAND_OPACITY).filled(),
            )))?;
        }
        let has_band = d.bands.iter().any(|b| !b.is_empty());

        Ok(has_band)
    }

    /// Each architecture's curve (dashed where it cannot run) with its legend entry, and the
    /// legend entries of the dashed stretches and the band; whether any stretch is dashed.
    fn curves(
        &mut self,
        has_band: bool,
    ) -> std::result::Result<bool, DrawingAreaErrorKind<DB::ErrorType>> {
        let (chart, d) = (&mut *self.chart, self.d);
        let grey = GREY;
        for (i, (name, pts)) in d.series.iter().enumerate() {
            let c = colour(i);
            chart
                .draw_series(LineSeries::new(std::iter::empty(), c.stroke_width(3)))?
                .label(name.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 28, y)], c.stroke_width(4))
                });
            // Solid where the architecture can run the workload, dashed and greyed where it cannot.
            let ok = d.feasible.get(i);
            for (run, can_run) in runs(pts, ok) {
                if can_run {
                    chart.draw_series(LineSeries::new(run, c.stroke_width(3)))?;
                } else {
                    chart.draw_series(DashedLineSeries::new(
                        run,
                        10,
                        7,
                        c.mix(0.45).stroke_width(3),
                    ))?;
                }
            }
        }
        let has_infeasible = d.feasible.iter().any(|f| f.contains(&false));
        if has_infeasible {
            let style = grey.stroke_width(3);
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
                .label(d.infeasible_label.as_str())
                .legend(move |(x, y)| {
                    EmptyElement::at((x, y))
                        + PathElement::new(vec![(0, 0), (8, 0)], style)
                        + PathElement::new(vec![(13, 0), (21, 0)], style)
                        + PathElement::new(vec![(26, 0), (28, 0)], style)
                });
        }
        if has_band {
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
                .label(d.band_label.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new(
                        [(x, y - 8), (x + 28, y + 8)],
                        grey.mix(BAND_OPACITY * 2.0).filled(),
                    )
                });
        }

        Ok(has_infeasible)
    }

    /// Where the legend goes: the corner the curves and the top labels leave free.
    fn place_legend(&self, has_band: bool, has_infeasible: bool) -> Placement {
        let (root, chart, d) = (self.root, &*self.chart, self.d);
        let (x_lo, x_hi, y_lo, y_hi) = self.e.edges();
        // Where the legend and the crossings key go: the corners the curves leave free.
        let (px_range, py_range) = chart.plotting_area().get_pixel_range();
        let plot_dim = (px_range.end - px_range.start, py_range.end - py_range.start);
        let obstacles = curve_pixels(
            d,
            |x, y| {
                let (bx, by) = chart.backend_coord(&(x, y));
                (bx - px_range.start, by - py_range.start)
            },
            y_lo,
        );
        let legend_dim = {
            let band_row = has_band.then_some(d.band_label.as_str());
            let dashed_row = has_infeasible.then_some(d.infeasible_label.as_str());
            let w = d
                .series
                .iter()
                .map(|(n, _)| n.as_str())
                .chain(band_row)
                .chain(dashed_row)
                .map(|n| {
                    root.estimate_text_size(n, &font(20))
                        .map_or(0, |s| s.0 as i32)
                })
                .max()
                .unwrap_or(0);
            let rows = d.series.len() + usize::from(has_band) + usize::from(has_infeasible);
            (w + 30 + 28, rows as i32 * 25 + 28)
        };
        // The labels at the top of the scenario's line and of the volume strip (placed below):
        // boxes in plotting-area pixels that neither the legend nor the crossings key may cover.
        let scenario_label = format!(
            "{} ({})",
            d.this_scenario,
            super::display::compact(d.lang, d.scenario_x)
        );
        let to_plot = |x: f64, y: f64| {
            let (bx, by) = chart.backend_coord(&(x, y));
            (bx - px_range.start, by - py_range.start)
        };
        let text_dim = |text: &str, size: u32| {
            root.estimate_text_size(text, &font(size))
                .map_or((0, 0), |s| (s.0 as i32, s.1 as i32))
        };
        let mut labels = Vec::new();
        {
            let (x, y) = to_plot(d.scenario_x, y_hi);
            let (w, h) = text_dim(&scenario_label, 18);
            labels.push((x + 8, y + 6, w, h));
        }
        if let Some((lo, _, label)) = &d.volume_range {
            let (x, y) = to_plot(lo.clamp(x_lo, x_hi), y_hi);
            let (w, h) = text_dim(label, 17);
            labels.push((x + 4, y + 28, w + 8, h + 6));
        }
        let legend_at = free_corner(legend_dim, plot_dim, &obstacles, &labels);
        let legend_box = (legend_at.0, legend_at.1, legend_dim.0, legend_dim.1);

        Placement {
            obstacles,
            labels,
            legend_at,
            legend_box,
            scenario_label,
        }
    }

    /// The scenario's own volume (a dashed line, a dot on every curve, its label) and the
    /// volume strip's label.
    fn scenario(&mut self, scenario_label: &str) -> DrawResult<DB> {
        let (root, chart, d) = (self.root, &mut *self.chart, self.d);
        let (x_lo, x_hi, y_lo, y_hi) = self.e.edges();
        let grey = GREY;
        // The scenario's own volume: a dashed vertical line and a dot on every curve.
        chart.draw_series(DashedLineSeries::new(
            [(d.scenario_x, y_lo), (d.scenario_x, y_hi)],
            8,
            6,
            grey.stroke_width(2),
        ))?;
        chart.draw_series(
            d.scenario_costs
                .iter()
                .enumerate()
                .map(|(i, y)| Circle::new((d.scenario_x, y.max(y_lo)), 7, colour(i).filled())),
        )?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((d.scenario_x, y_hi))
                + Text::new(scenario_label.to_string(), (8, 6), font(18).color(&grey)),
        ))?;

        // The strip's label: under the scenario's label, on a pale box so the dashed line stays off it.
        if let Some((lo, _, label)) = &d.volume_range {
            let style = font(17).color(&grey);
            let (w, h) = root.estimate_text_size(label, &style).unwrap_or((0, 0));
            let (w, h) = (w as i32, h as i32);
            let at = (lo.clamp(x_lo, x_hi), y_hi);
            chart.draw_series(std::iter::once(
                EmptyElement::at(at)
                    + Rectangle::new([(4, 28), (12 + w, 34 + h)], WHITE.mix(0.85).filled())
                    + Text::new(label.clone(), (8, 31), style),
            ))?;
        }

        Ok(())
    }

    /// The crossings drawn on the curves: numbered diamonds, set side by side on one spot and
    /// their badges moved up while they would cover another.
    fn crossing_markers(&mut self) -> DrawResult<DB> {
        let (chart, d, y_lo) = (&mut *self.chart, self.d, self.e.y_lo);
        // Crossings: a numbered black diamond on the curve, explained in a key at the lower right.
        // Only the first MAX_CROSSINGS_DRAWN (by volume) fit a readable chart; the key counts the
        // rest (every crossing is in the text outputs and `archcost breakeven`).
        let shown = &d.crossings[..d.crossings.len().min(MAX_CROSSINGS_DRAWN)];
        let mut badges: Vec<(i32, i32)> = Vec::new();
        // Markers on the same spot (three curves crossing at one volume) are set side by side.
        let marker_px: Vec<(i32, i32)> = shown
            .iter()
            .map(|(_, x, y)| chart.backend_coord(&(*x, y.max(y_lo))))
            .collect();
        let offsets = spread_markers(&marker_px, 26);
        for (k, (_, x, y)) in shown.iter().enumerate() {
            // Numbered badge above the point, moved further up while it would cover another.
            let dx = offsets.get(k).copied().unwrap_or(0);
            let p = chart.backend_coord(&(*x, y.max(y_lo)));
            let p = (p.0 + dx, p.1);
            let mut dy = -24;
            while badges
                .iter()
                .any(|b| (b.0 - p.0).abs() < 26 && (b.1 - (p.1 + dy)).abs() < 26)
            {
                dy -= 26;
            }
            badges.push((p.0, p.1 + dy));
            chart.draw_series(std::iter::once(
                EmptyElement::at((*x, y.max(y_lo)))
                    + Polygon::new(
                        vec![(dx, -8), (dx + 8, 0), (dx, 8), (dx - 8, 0)],
                        BLACK.filled(),
                    )
                    + PathElement::new(vec![(dx, 0), (dx, dy)], BLACK.stroke_width(2))
                    + Circle::new((dx, dy), 12, BLACK.filled())
                    + Text::new(
                        format!("{}", k + 1),
                        (dx, dy),
                        font(18)
                            .color(&WHITE)
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    ),
            ))?;
        }
        Ok(())
    }

    /// The key of the numbered crossings, in the corner the curves, labels and legend leave free;
    /// it counts the crossings not drawn.
    fn crossings_key(&mut self, place: &Placement) -> DrawResult<DB> {
        let (chart, d) = (&mut *self.chart, self.d);
        let grey = GREY;
        let shown = &d.crossings[..d.crossings.len().min(MAX_CROSSINGS_DRAWN)];
        let hidden = d.crossings.len() - shown.len();
        let area = chart.plotting_area().strip_coord_spec();
        let (pw, ph) = area.dim_in_pixel();
        let style = font(18).pos(Pos::new(HPos::Left, VPos::Center));
        let title_style = font(18)
            .color(&grey)
            .pos(Pos::new(HPos::Left, VPos::Center));
        let more = (hidden > 0).then(|| format!("… +{hidden}"));
        let text_w = shown
            .iter()
            .map(|c| c.0.as_str())
            .chain([d.crossings_key.as_str()])
            .chain(more.as_deref())
            .map(|t| area.estimate_text_size(t, &style).map_or(0, |s| s.0 as i32))
            .max()
            .unwrap_or(0);
        let (line_h, pad) = (28, 12);
        let rows = shown.len() as i32 + 1 + i32::from(more.is_some());
        let (bw, bh) = (text_w + 2 * pad + 32, rows * line_h + 2 * pad);
        let (x0, y0) = free_corner(
            (bw, bh),
            (pw as i32, ph as i32),
            &place.obstacles,
            &[place.labels.as_slice(), &[place.legend_box][..]].concat(),
        );
        area.draw(&Rectangle::new(
            [(x0, y0), (x0 + bw, y0 + bh)],
            WHITE.mix(0.94).filled(),
        ))?;
        area.draw(&Rectangle::new(
            [(x0, y0), (x0 + bw, y0 + bh)],
            RGBColor(160, 160, 160).stroke_width(1),
        ))?;
        let mid = |row: i32| y0 + pad + row * line_h + line_h / 2;
        area.draw(&Text::new(
            d.crossings_key.clone(),
            (x0 + pad, mid(0)),
            title_style,
        ))?;
        if let Some(more) = more {
            let y = mid(shown.len() as i32 + 1);
            area.draw(&Text::new(more, (x0 + pad + 32, y), style.clone()))?;
        }
        for (k, (label, _, _)) in shown.iter().enumerate() {
            let y = mid(k as i32 + 1);
            area.draw(&Circle::new((x0 + pad + 11, y), 11, BLACK.filled()))?;
            area.draw(&Text::new(
                format!("{}", k + 1),
                (x0 + pad + 11, y),
                font(16)
                    .color(&WHITE)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
            area.draw(&Text::new(label.clone(), (x0 + pad + 32, y), style.clone()))?;
        }
        Ok(())
    }
}

/// A series cut into runs of consecutive points: a segment is feasible when both its ends are
/// (`ok` = per-point feasibility; None or short = feasible everywhere). Runs share end points.
fn runs(pts: &[(f64, f64)], ok: Option<&Vec<bool>>) -> Vec<(Vec<(f64, f64)>, bool)> {
    let at = |k: usize| ok.and_then(|o| o.get(k)).copied().unwrap_or(true);
    let mut out: Vec<(Vec<(f64, f64)>, bool)> = Vec::new();
    for k in 1..pts.len() {
        let seg_ok = at(k - 1) && at(k);
        match out.last_mut() {
            Some((run, state)) if *state == seg_ok => run.push(pts[k]),
            _ => out.push((vec![pts[k - 1], pts[k]], seg_ok)),
        }
    }
    if pts.len() == 1 {
        out.push((pts.to_vec(), at(0)));
    }
    out
}

/// Points along every curve and band edge in plotting-area pixels (the obstacles boxes should
/// avoid).
fn curve_pixels(
    d: &ChartData,
    to_px: impl Fn(f64, f64) -> (i32, i32),
    y_lo: f64,
) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    // The band edges count as curves (none without ranges).
    let edges: Vec<Vec<(f64, f64)>> = d
        .bands
        .iter()
        .flat_map(|b| {
            [
                b.iter().map(|p| (p.0, p.1)).collect(),
                b.iter().map(|p| (p.0, p.2)).collect(),
            ]
        })
        .collect();
    for pts in d.series.iter().map(|s| &s.1).chain(&edges) {
        let px: Vec<(i32, i32)> = pts.iter().map(|(x, y)| to_px(*x, y.max(y_lo))).collect();
        for w in px.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            for k in 0..8 {
                out.push((x0 + (x1 - x0) * k / 8, y0 + (y1 - y0) * k / 8));
            }
        }
        out.extend(px.last().copied());
    }
    out
}

/// The corner of a `w`×`h` box inside an `area`-sized plot that covers the fewest `obstacles`
/// and overlaps the fewest `taken` boxes (x, y, w, h); ties go to the earlier corner.
fn free_corner(
    (w, h): (i32, i32),
    area: (i32, i32),
    obstacles: &[(i32, i32)],
    taken: &[(i32, i32, i32, i32)],
) -> (i32, i32) {
    let inset = 10;
    let corners = [
        (inset, inset),
        (area.0 - w - inset, area.1 - h - inset),
        (area.0 - w - inset, inset),
        (inset, area.1 - h - inset),
    ];
    let score = |(x, y): (i32, i32)| {
        let covered = obstacles
            .iter()
            .filter(|(px, py)| *px >= x && *px <= x + w && *py >= y && *py <= y + h)
            .count();
        let clashes = taken.iter().filter(|b| overlaps((x, y, w, h), **b)).count();
        covered + clashes * 1_000_000
    };
    corners
        .iter()
        .copied()
        .min_by_key(|c| score(*c))
        .unwrap_or((inset, inset))
}

/// Whether two (x, y, w, h) boxes share any pixel area.
fn overlaps(a: (i32, i32, i32, i32), b: (i32, i32, i32, i32)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// Horizontal offsets (pixels) that set crossing markers at `points` at least `gap` apart:
/// a marker that would sit on an earlier one moves right until it is clear.
fn spread_markers(points: &[(i32, i32)], gap: i32) -> Vec<i32> {
    let mut placed: Vec<(i32, i32)> = Vec::new();
    let mut offsets = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let mut dx = 0;
        while placed
            .iter()
            .any(|p| (p.0 - (x + dx)).abs() < gap && (p.1 - y).abs() < gap)
        {
            dx += gap;
        }
        placed.push((x + dx, y));
        offsets.push(dx);
    }
    offsets
}

fn breakdown<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &ChartData) -> DrawResult<DB> {
    let n = d.bars.len().max(1);
    let max_total = d
        .bars
        .iter()
        .map(|(_, v)| v.iter().sum::<f64>())
        .fold(0.0_f64, f64::max);
    let y_hi = if max_total > 0.0 {
        max_total * 1.12
    } else {
        1.0
    };
    let jpy = d.jpy;

    // Title on top, the legend in a column at the right, the bars in between.
    let body = root
        .margin(14, 0, 0, 0)
        .titled(&d.breakdown_title, font(34))?;
    let legend_w = d
        .tiers
        .iter()
        .map(|t| body.estimate_text_size(t, &font(20)).map_or(0, |s| s.0))
        .max()
        .unwrap_or(0)
        + 70;
    let (plot, side) = body.split_horizontally(body.dim_in_pixel().0.saturating_sub(legend_w));

    let mut chart = ChartBuilder::on(&plot)
        .margin(24)
        .margin_top(10)
        .x_label_area_size(60)
        .y_label_area_size(120)
        .build_cartesian_2d(0f64..n as f64, 0f64..y_hi)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(d.y_label.as_str())
        .axis_desc_style(font(22))
        .label_style(font(19))
        .y_label_formatter(&|v| money_label(*v, jpy))
        .max_light_lines(1)
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(205, 205, 205))
        .draw()?;

    draw_segments(&mut chart, d, y_hi)?;
    // Totals above the bars, names under them.
    let total_style = font(21).pos(Pos::new(HPos::Center, VPos::Bottom));
    let name_style = font(20).pos(Pos::new(HPos::Center, VPos::Top));
    for (i, (name, v)) in d.bars.iter().enumerate() {
        let total: f64 = v.iter().sum();
        let x = i as f64 + 0.5;
        chart.draw_series(std::iter::once(Text::new(
            money_total(total, jpy),
            (x, total + y_hi * 0.01),
            total_style.clone(),
        )))?;
        let (bx, by) = chart.backend_coord(&(x, 0.0));
        root.draw(&Text::new(name.clone(), (bx, by + 12), name_style.clone()))?;
        if let Some(mark) = d.bar_marks.get(i).filter(|m| !m.is_empty()) {
            let style = font(17)
                .color(&RGBColor(95, 99, 104))
                .pos(Pos::new(HPos::Center, VPos::Top));
            root.draw(&Text::new(mark.clone(), (bx, by + 36), style))?;
        }
    }

    tier_legend(&side, d)
}

/// The stacked segments of every bar, each with its amount inside when it is tall enough.
fn draw_segments<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    d: &ChartData,
    y_hi: f64,
) -> DrawResult<DB> {
    let (n, jpy) = (d.bars.len().max(1), d.jpy);
    let (plot_w, plot_h) = chart.plotting_area().dim_in_pixel();
    let plot_h = f64::from(plot_h.max(1));
    // Bars fill 56 % of their slot, at most 200 px wide.
    let slot_px = f64::from(plot_w.max(1)) / n as f64;
    let inset = (0.5 - 100.0 / slot_px).max(0.22);
    let inside = font(17)
        .color(&WHITE)
        .pos(Pos::new(HPos::Center, VPos::Center));
    // Segment labels rounded so that each bar's labels add up to the total printed above it.
    let labels: Vec<Vec<String>> = d.bars.iter().map(|(_, v)| apportion(v, jpy)).collect();
    for (t, _) in d.tiers.iter().enumerate() {
        let c = TIER_COLOURS[t % TIER_COLOURS.len()];
        for (i, (_, v)) in d.bars.iter().enumerate() {
            let base: f64 = v.iter().take(t).sum();
            let h = v.get(t).copied().unwrap_or(0.0);
            if h <= 0.0 {
                continue;
            }
            let x = i as f64;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x + inset, base), (x + 1.0 - inset, base + h)],
                c.filled(),
            )))?;
            // The amount inside the segment when it is tall enough to hold it.
            if h / y_hi * plot_h >= 24.0 {
                chart.draw_series(std::iter::once(Text::new(
                    labels[i].get(t).cloned().unwrap_or_default(),
                    (x + 0.5, base + h / 2.0),
                    inside.clone(),
                )))?;
            }
        }
    }
    Ok(())
}

/// The breakdown's legend in the column at the right: top tier first, so it reads in the
/// same order as the stack.
fn tier_legend<DB: DrawingBackend>(side: &DrawingArea<DB, Shift>, d: &ChartData) -> DrawResult<DB> {
    let left = 10;
    for (row, (t, tier)) in d.tiers.iter().enumerate().rev().enumerate() {
        let y = 40 + row as i32 * 32;
        let c = TIER_COLOURS[t % TIER_COLOURS.len()];
        side.draw(&Rectangle::new(
            [(left, y - 10), (left + 22, y + 10)],
            c.filled(),
        ))?;
        side.draw(&Text::new(
            tier.clone(),
            (left + 32, y),
            font(20).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// Smallest and largest positive value (a log axis needs > 0), widened when they coincide.
fn bounds(values: impl Iterator<Item = f64>, floor: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, 0.0_f64);
    for v in values.filter(|v| v.is_finite()) {
        let v = v.max(floor);
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() || hi <= 0.0 {
        return (floor, floor * 10.0);
    }
    if hi / lo < 1.01 {
        return (lo / 2.0, hi * 2.0);
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(volume_label(300_000.0), "300k");
        assert_eq!(volume_label(30_000_000.0), "30M");
        assert_eq!(volume_label(3e9), "3B");
        assert_eq!(volume_label(1_500_000.0), "1.5M");
        assert_eq!(money_label(1234.4, false), "$1,234");
        assert_eq!(money_label(0.5, false), "$0.50");
        assert_eq!(money_label(185_000.0, true), "¥185,000");
        assert_eq!(money_total(139.49276, false), "$139.49");
        // 0.335 + 0.335 + 0.33 = 1.00: plain cents would print $0.34 + $0.34 + $0.33 = $1.01.
        assert_eq!(
            apportion(&[0.335, 0.335, 0.33], false),
            ["$0.34", "$0.33", "$0.33"]
        );
        assert_eq!(
            apportion(&[38.70, 54.0, 20.7, 26.09], false),
            ["$38.70", "$54.00", "$20.70", "$26.09"]
        );
        assert_eq!(apportion(&[10.4, 10.4, 10.4], true), ["¥11", "¥10", "¥10"]);
        assert_eq!(money_total(20923.9, true), "¥20,924");
    }

    #[test]
    fn every_label_character_has_a_glyph() {
        let text = concat!(include_str!("i18n.rs"), include_str!("i18n_lines.rs"));
        for c in text.chars().filter(|c| !c.is_ascii()) {
            assert!(
                has_glyph(c),
                "{c} (U+{:04X}) is not in the embedded font: rerun assets/fonts/make_subset.py",
                c as u32
            );
        }
    }

    /// The legend takes a corner clear of the scenario's label even when that corner has the
    /// fewest curve points (the label at the top left of a 600×400 plot, curves at the bottom).
    #[test]
    fn legend_stays_off_the_scenario_label() {
        let label = (8 + 20, 6, 180, 20);
        let curves: Vec<(i32, i32)> = (0..600).step_by(10).map(|x| (x, 380)).collect();
        let (w, h) = (200, 80);
        let at = free_corner((w, h), (600, 400), &curves, &[label]);
        assert!(!overlaps((at.0, at.1, w, h), label), "{at:?}");
        // Without the label it would have gone to the top left (10, 10).
        assert_eq!(free_corner((w, h), (600, 400), &curves, &[]), (10, 10));
        // The crossings key avoids both the label and the legend.
        let key = (150, 60);
        let legend = (at.0, at.1, w, h);
        let k = free_corner(key, (600, 400), &curves, &[label, legend]);
        assert!(!overlaps((k.0, k.1, key.0, key.1), label));
        assert!(!overlaps((k.0, k.1, key.0, key.1), legend));
    }

    /// Two or three crossings at the same pixel get markers at different places, 26 px apart.
    #[test]
    fn coinciding_crossing_markers_are_drawn_apart() {
        let dx = spread_markers(&[(300, 200), (300, 200), (301, 200), (500, 90)], 26);
        assert_eq!(dx, [0, 26, 52, 0]);
        let at: Vec<i32> = [300, 300, 301]
            .iter()
            .zip(&dx)
            .map(|(x, d)| x + d)
            .collect();
        assert_eq!(at, [300, 326, 353]);
    }

    #[test]
    fn glyph_coverage() {
        assert!(has_glyph('A'));
        assert!(has_glyph('あ'));
        assert!(has_glyph('費'));
        assert!(has_glyph('¥'));
        assert!(!has_glyph('\u{1F600}')); // emoji: not in the subset
        assert_eq!(png_text("a😀b"), ("a?b".to_string(), 1));
    }
}
