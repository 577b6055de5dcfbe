//! The architecture diagram — the picture on the review slide: per architecture, client → web →
//! app → db boxes, and under them a box per other priced part (data transfer, NAT gateways,
//! endpoints, logs, …), each with its service, what is bought (the tier's largest line), the
//! monthly cost and the limit status. Drawn with plotters as SVG and PNG (embedded font).
//!
//! The grouping is data-driven: the web, app and db tiers are one box each on the request path;
//! every other tier's lines are grouped by the first segment of their line id (`nat.hours` →
//! `nat`), so a new kind of line gets its own box without a code change. Box amounts are
//! apportioned (cents, or whole yen) so the printed boxes add up to the printed total.
use super::chart::{self, DrawResult};
use super::i18n::Lang;
use super::i18n_lines;
use crate::compare::{ArchReport, Report};
use crate::error::Result;
use crate::limits::Status;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::{Decimal, RoundingStrategy};
use std::path::Path;

/// Tiers on the request path, left to right after the client.
pub const FLOW: [&str; 3] = ["web", "app", "db"];

/// One box.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The tier ("web") this box belongs to.
    pub tier: String,
    /// "Web層" / "web": the tier in the display language.
    pub group: String,
    /// The service ("lambda") or, off the request path, the line-id prefix ("data_transfer").
    pub title: String,
    /// What is bought: the box's largest line, in the display language, shortened.
    pub detail: String,
    /// Exact monthly USD of the box's lines.
    pub monthly_usd: Decimal,
    /// The printed amount (apportioned so the boxes add up to the printed total).
    pub monthly: String,
    /// The worst limit status of the tier's checks (None: no check applies).
    pub status: Option<Status>,
    pub status_text: String,
    /// On the request path (web, app, db) or beside it.
    pub on_path: bool,
    /// Line ids in the box.
    pub line_ids: Vec<String>,
}

/// One architecture's diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchDiagram {
    pub name: String,
    /// "serverless — ¥20,924 / month — can run".
    pub heading: String,
    pub feasible: bool,
    pub blocks: Vec<Block>,
}

/// Everything drawn, already in the display currency and language.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub title: String,
    pub client: String,
    pub archs: Vec<ArchDiagram>,
}

struct Words {
    title: &'static str,
    client: &'static str,
    ok: &'static str,
    warning: &'static str,
    exceeded: &'static str,
    unchecked: &'static str,
    per_month: &'static str,
    can_run: &'static str,
    cannot_run: &'static str,
}

/// The diagram's words in `lang` (`ui.diagram.*`).
fn load_words(lang: Lang) -> Words {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Words {
        title: t("ui.diagram.title"),
        client: t("ui.diagram.client"),
        ok: t("ui.diagram.ok"),
        warning: t("ui.diagram.warning"),
        exceeded: t("ui.diagram.exceeded"),
        unchecked: t("ui.diagram.unchecked"),
        per_month: t("ui.diagram.per_month"),
        can_run: t("ui.diagram.can_run"),
        cannot_run: t("ui.diagram.cannot_run"),
    }
}

/// The words of `lang`, read from the tables once.
fn words(lang: Lang) -> &'static Words {
    static BY_LANG: crate::lang::PerLang<Words> = crate::lang::PerLang::new();
    BY_LANG.get(lang, load_words)
}

/// The diagram's heading: "Architecture diagram" / "構成図".
pub fn title(lang: Lang) -> &'static str {
    words(lang).title
}

/// The boxes of one architecture (exact amounts; printed amounts filled by `data`).
pub fn blocks(a: &ArchReport, lang: Lang) -> Vec<Block> {
    let w = words(lang);
    let mut tiers: Vec<&crate::compare::TierReport> = a.tiers.iter().collect();
    // Request path first (web, app, db), then the other tiers in the report's order.
    tiers.sort_by_key(|t| FLOW.iter().position(|f| *f == t.tier).unwrap_or(FLOW.len()));
    let mut out: Vec<Block> = Vec::new();
    for t in tiers {
        let on_path = FLOW.contains(&t.tier.as_str());
        // Groups of lines: the whole tier, or one per line-id prefix.
        let mut groups: Vec<(String, Vec<&crate::services::Line>)> = Vec::new();
        for l in &t.lines {
            let key = if on_path {
                t.service.clone()
            } else {
                l.id.split('.').next().unwrap_or(&l.id).to_string()
            };
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.1.push(l),
                None => groups.push((key, vec![l])),
            }
        }
        let findings: Vec<_> = a.limits.iter().filter(|f| f.tier == t.tier).collect();
        let status = findings.iter().map(|f| f.status).max_by_key(|s| rank(*s));
        let status_text = match status {
            None => w.unchecked.to_string(),
            Some(Status::Ok) => w.ok.to_string(),
            Some(Status::Warning) => w.warning.to_string(),
            Some(Status::Exceeded) => {
                let ids: Vec<&str> = findings
                    .iter()
                    .filter(|f| f.status == Status::Exceeded)
                    .map(|f| f.id.as_str())
                    .collect();
                format!("{}: {}", w.exceeded, ids.join(", "))
            }
        };
        for (title, lines) in groups {
            let monthly_usd: Decimal = lines.iter().map(|l| l.monthly_usd).sum();
            let biggest = lines
                .iter()
                .max_by(|x, y| x.monthly_usd.cmp(&y.monthly_usd));
            let detail = biggest
                .map(|l| shorten(&i18n_lines::description(lang, l)))
                .unwrap_or_default();
            out.push(Block {
                tier: t.tier.clone(),
                group: lang.tier(&t.tier),
                title: group_title(lang, &title),
                detail,
                monthly_usd,
                monthly: String::new(),
                status,
                status_text: status_text.clone(),
                on_path,
                line_ids: lines.iter().map(|l| l.id.clone()).collect(),
            });
        }
    }
    out
}

/// The title of a box grouped by line-id prefix (`nat.hours` → `nat`): the prefix as words in
/// English (as the line ids read), the service's Japanese name under `--lang ja` for the
/// prefixes the services write (`ui.diagram.group.*`); an unknown prefix is shown as written.
fn group_title(lang: Lang, prefix: &str) -> String {
    match crate::messages::text(lang, &format!("ui.diagram.group.{prefix}")) {
        Some(text) => text.to_string(),
        None => prefix.replace('_', " "),
    }
}

fn rank(s: Status) -> u8 {
    match s {
        Status::Ok => 0,
        Status::Warning => 1,
        Status::Exceeded => 2,
    }
}

/// A line description without its tier-bound tail (`ui.diagram.tail_*` of either language:
/// " (first …)"), shortened to what fits a box.
fn shorten(text: &str) -> String {
    let cut = [Lang::Ja, Lang::En]
        .into_iter()
        .flat_map(|lang| {
            [
                "ui.diagram.tail_first",
                "ui.diagram.tail_next",
                "ui.diagram.tail_over",
            ]
            .map(|id| crate::messages::text(lang, id).unwrap_or(id))
        })
        .filter_map(|m| text.find(m))
        .filter(|i| *i > 0)
        .min()
        .unwrap_or(text.len());
    let t = text[..cut].trim();
    // Width in half-width units: wide (CJK) characters count 2; at most 38 fit a box.
    let units = |c: char| if c.is_ascii() { 1 } else { 2 };
    if t.chars().map(units).sum::<usize>() <= 38 {
        return t.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in t.chars() {
        if used + units(c) > 36 {
            break;
        }
        used += units(c);
        out.push(c);
    }
    out.push('…');
    out
}

/// Amounts in display units (cents, or whole yen) that add up to the rounded total: each is
/// rounded down, the units lost go to the largest remainders (ties: first box).
pub fn apportion(values: &[Decimal], scale: Decimal) -> Vec<Decimal> {
    let scaled: Vec<Decimal> = values.iter().map(|v| *v * scale).collect();
    let mut units: Vec<Decimal> = scaled.iter().map(|v| v.floor()).collect();
    let total: Decimal = scaled.iter().copied().sum();
    let target = total.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let mut order: Vec<usize> = (0..scaled.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (scaled[a] - units[a], scaled[b] - units[b]);
        rb.cmp(&ra).then(a.cmp(&b))
    });
    let mut missing = target - units.iter().copied().sum::<Decimal>();
    let mut k = 0;
    while missing > Decimal::ZERO && !order.is_empty() {
        units[order[k % order.len()]] += Decimal::ONE;
        missing -= Decimal::ONE;
        k += 1;
    }
    units.into_iter().map(|u| u / scale).collect()
}

/// The diagram of every architecture of a report, in the display currency and `lang`.
pub fn data(rep: &Report, lang: Lang) -> Diagram {
    let w = words(lang);
    let rate = rep.jpy_rate();
    let archs = rep
        .architectures
        .iter()
        .map(|a| {
            let mut blocks = blocks(a, lang);
            let shown: Vec<Decimal> = blocks
                .iter()
                .map(|b| rate.map_or(b.monthly_usd, |r| b.monthly_usd * r))
                .collect();
            let scale = if rate.is_some() {
                Decimal::ONE
            } else {
                Decimal::ONE_HUNDRED
            };
            for (b, v) in blocks.iter_mut().zip(apportion(&shown, scale)) {
                b.monthly = match rate {
                    Some(_) => crate::money::jpy(v, Decimal::ONE),
                    None => crate::money::usd(v),
                };
            }
            let run = if a.feasible { w.can_run } else { w.cannot_run };
            ArchDiagram {
                name: a.name.clone(),
                heading: format!(
                    "{} — {} {} — {run}",
                    a.name,
                    super::money(rep, a.monthly_usd),
                    w.per_month
                ),
                feasible: a.feasible,
                blocks,
            }
        })
        .collect();
    Diagram {
        title: format!("{}: {}", rep.scenario.name, w.title),
        client: w.client.to_string(),
        archs,
    }
}

impl Diagram {
    /// A copy whose every string the embedded font can draw.
    pub fn for_png(&self) -> Diagram {
        let f = |s: &str| chart::png_text(s).0;
        Diagram {
            title: f(&self.title),
            client: f(&self.client),
            archs: self
                .archs
                .iter()
                .map(|a| ArchDiagram {
                    name: f(&a.name),
                    heading: f(&a.heading),
                    feasible: a.feasible,
                    blocks: a
                        .blocks
                        .iter()
                        .map(|b| Block {
                            group: f(&b.group),
                            title: f(&b.title),
                            detail: f(&b.detail),
                            monthly: f(&b.monthly),
                            status_text: f(&b.status_text),
                            ..b.clone()
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

pub const WIDTH: u32 = 1200;
const TOP: i32 = 64;
const PATH_H: i32 = 112;
const SIDE_H: i32 = 84;
const SIDE_PER_ROW: usize = 4;

fn arch_height(a: &ArchDiagram) -> i32 {
    let side = a.blocks.iter().filter(|b| !b.on_path).count();
    let side_rows = side.div_ceil(SIDE_PER_ROW) as i32;
    40 + PATH_H + side_rows * (SIDE_H + 14) + 28
}

/// The drawing's height for this many boxes.
pub fn height(d: &Diagram) -> u32 {
    (TOP + d.archs.iter().map(arch_height).sum::<i32>() + 8).max(200) as u32
}

/// The diagram as SVG text.
pub fn svg(d: &Diagram) -> Result<String> {
    chart::svg_with((WIDTH, height(d)), |root| draw(root, d))
}

/// The diagram as a PNG file at `path`.
pub fn png(d: &Diagram, path: &Path) -> Result<()> {
    let d = d.for_png();
    chart::png_with(path, (WIDTH, height(&d)), |root| draw(root, &d))
}

fn status_colour(s: Option<Status>) -> RGBColor {
    match s {
        Some(Status::Ok) => RGBColor(24, 128, 56),
        Some(Status::Warning) => RGBColor(176, 96, 0),
        Some(Status::Exceeded) => RGBColor(197, 34, 31),
        None => RGBColor(120, 120, 120),
    }
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Diagram) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let ink = RGBColor(30, 30, 30);
    let mute = RGBColor(95, 99, 104);
    root.draw(&Text::new(d.title.clone(), (24, 20), chart::font(26)))?;
    let mut y = TOP;
    for a in &d.archs {
        let heading_colour = if a.feasible {
            ink
        } else {
            status_colour(Some(Status::Exceeded))
        };
        root.draw(&Text::new(
            a.heading.clone(),
            (24, y + 6),
            chart::font(20).color(&heading_colour),
        ))?;
        let top = y + 40;
        // Client, then the request path with arrows.
        let client = (24, top + 24, 124, top + PATH_H - 24);
        root.draw(&Rectangle::new(
            [(client.0, client.1), (client.2, client.3)],
            RGBColor(241, 243, 244).filled(),
        ))?;
        root.draw(&Rectangle::new(
            [(client.0, client.1), (client.2, client.3)],
            mute.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            d.client.clone(),
            ((client.0 + client.2) / 2, (client.1 + client.3) / 2),
            chart::font(16).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
        let path: Vec<&Block> = a.blocks.iter().filter(|b| b.on_path).collect();
        let (bw, gap) = (300, 44);
        let mut x = client.2 + gap;
        let mut prev_right = client.2;
        for b in &path {
            arrow(root, prev_right, x, top + PATH_H / 2, mute)?;
            block(root, b, (x, top, x + bw, top + PATH_H), ink, mute)?;
            prev_right = x + bw;
            x += bw + gap;
        }
        // Beside the path: one smaller box per other priced part.
        let side: Vec<&Block> = a.blocks.iter().filter(|b| !b.on_path).collect();
        let sw = 270;
        for (k, b) in side.iter().enumerate() {
            let row = (k / SIDE_PER_ROW) as i32;
            let col = (k % SIDE_PER_ROW) as i32;
            let x0 = 168 + col * (sw + 16);
            let y0 = top + PATH_H + 14 + row * (SIDE_H + 14);
            block(root, b, (x0, y0, x0 + sw, y0 + SIDE_H), ink, mute)?;
        }
        y += arch_height(a);
        root.draw(&PathElement::new(
            vec![(24, y - 12), (WIDTH as i32 - 24, y - 12)],
            RGBColor(218, 220, 224).stroke_width(1),
        ))?;
    }
    Ok(())
}

fn arrow<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    from: i32,
    to: i32,
    y: i32,
    c: RGBColor,
) -> DrawResult<DB> {
    root.draw(&PathElement::new(
        vec![(from + 4, y), (to - 6, y)],
        c.stroke_width(2),
    ))?;
    root.draw(&Polygon::new(
        vec![(to - 2, y), (to - 12, y - 6), (to - 12, y + 6)],
        c.filled(),
    ))?;
    Ok(())
}

/// One box: status-coloured border, group and service, what is bought, the cost, the status.
fn block<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Block,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    ink: RGBColor,
    mute: RGBColor,
) -> DrawResult<DB> {
    let sc = status_colour(b.status);
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], WHITE.filled()))?;
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], sc.stroke_width(2)))?;
    root.draw(&Rectangle::new([(x0, y0), (x0 + 6, y1)], sc.filled()))?;
    let left = x0 + 16;
    root.draw(&Text::new(
        format!("{} · {}", b.group, b.title),
        (left, y0 + 8),
        chart::font(17).color(&ink),
    ))?;
    root.draw(&Text::new(
        b.monthly.clone(),
        (x1 - 10, y0 + 8),
        chart::font(17)
            .color(&ink)
            .pos(Pos::new(HPos::Right, VPos::Top)),
    ))?;
    root.draw(&Text::new(
        b.detail.clone(),
        (left, y0 + 34),
        chart::font(14).color(&mute),
    ))?;
    let status_y = if y1 - y0 > 90 { y1 - 28 } else { y0 + 58 };
    root.draw(&Text::new(
        b.status_text.clone(),
        (left, status_y),
        chart::font(14).color(&sc),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn apportioned_amounts_add_up_to_the_rounded_total() {
        // 1.004 + 1.004 + 1.004 = 3.012 -> 301 cents; floors 100 + 100 + 100 = 300, one cent to
        // the first of the equal remainders.
        let v = apportion(&[dec!(1.004), dec!(1.004), dec!(1.004)], dec!(100));
        assert_eq!(v, [dec!(1.01), dec!(1.00), dec!(1.00)]);
        // Yen: 10.6 + 20.6 = 31.2 -> 31; floors 10 + 20 = 30, +1 to the first (equal remainder).
        let v = apportion(&[dec!(10.6), dec!(20.6)], dec!(1));
        assert_eq!(v, [dec!(11), dec!(20)]);
    }

    #[test]
    fn descriptions_lose_their_tier_bounds() {
        assert_eq!(
            shorten("Lambda 実行時間 1024 MB arm64（最初の 75億 GB-秒）"),
            "Lambda 実行時間 1024 MB arm64"
        );
        assert_eq!(
            shorten("Data transfer out to the internet (first 10,240 GB)"),
            "Data transfer out to the internet"
        );
        // Either language's tail is cut, and only at a tail: "（" alone is kept.
        assert_eq!(
            shorten("NAT ゲートウェイ（1 台）（超 10 GB）"),
            "NAT ゲートウェイ（1 台）"
        );
        assert_eq!(shorten("Logs ingested (over 10 TB)"), "Logs ingested");
    }

    #[test]
    fn group_titles_read_as_the_line_ids_in_english() {
        // English: the prefix with `_` as a space, known or not; Japanese: the service's name
        // for the prefixes the services write, the prefix as words otherwise.
        for prefix in [
            "data_transfer",
            "nat",
            "vpc_endpoint",
            "vpc",
            "logs",
            "waf",
            "ecr",
        ] {
            assert_eq!(group_title(Lang::En, prefix), prefix.replace('_', " "));
        }
        assert_eq!(group_title(Lang::En, "some_new"), "some new");
        assert_eq!(group_title(Lang::Ja, "vpc"), "VPC（パブリック IPv4）");
        assert_eq!(group_title(Lang::Ja, "data_transfer"), "データ転送");
        assert_eq!(group_title(Lang::Ja, "some_new"), "some new");
    }
}
