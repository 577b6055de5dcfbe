//! Self-contained HTML report: inline CSS and inline SVG charts, no scripts and no external
//! requests (a Content-Security-Policy forbids both); every user-supplied string is escaped. A page
//! with Japanese (or any CJK) text embeds the subset font the PNG charts use as a `data:` URL, so
//! it renders on a machine without CJK fonts; the report folder's page ends with its stamp.
use super::curve::Curve;
use super::i18n::Lang;
use super::i18n_lines;
use super::markup::TIERS;
use super::stamp::{self, Stamp};
// HTML escaping is shared with the other formats and the live page; named here for callers.
use super::markup::esc;
use super::{assumption_lines_in, money};
use crate::compare::{ArchReport, Report};
use crate::money::unit_price;
use rust_decimal::prelude::ToPrimitive;

/// Escape text, turning `backtick` spans into <code> elements.
fn esc_code(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(part))
            } else {
                esc(part)
            }
        })
        .collect()
}

const CSS_BASE: &str = r#"
:root{--ink:#1e1e1e;--mute:#5f6368;--line:#dadce0;--bg:#f6f7f9;--accent:#1f77b4;--ok:#188038;--warn:#b06000;--bad:#c5221f}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "archcost Sans JP","Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",Meiryo,"Segoe UI","Helvetica Neue",Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:28px 24px 48px}
header h1{margin:0 0 4px;font-size:28px}
header p{margin:0;color:var(--mute)}
h2{font-size:20px;margin:32px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:17px;margin:22px 0 8px}
section{margin-top:8px}
.cards{display:flex;flex-wrap:wrap;gap:14px;margin-top:20px}
.card{flex:1 1 220px;background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 18px;border-top:5px solid var(--c,#888)}
.card .name{font-weight:600}
.card .total{font-size:26px;font-weight:700;margin-top:2px}
.card .total small{font-size:13px;font-weight:400;color:var(--mute)}
.badge{display:inline-block;margin-left:8px;padding:1px 8px;border-radius:10px;background:#e6f4ea;color:var(--ok);font-size:12px;font-weight:600;vertical-align:2px}
.badge.bad{background:#fce8e6;color:var(--bad)}
.card.infeasible{opacity:.8;border-top-style:dashed;background:#fafafa}
.card .why{color:var(--bad);font-size:12px;margin-top:4px}
.decision{margin:16px 0 0;font-size:16px}
.decision li.bad{color:var(--bad)}
.decision li.info{color:var(--mute)}
table{border-collapse:collapse;background:#fff;width:100%;border:1px solid var(--line);font-size:14px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f1f3f4;font-weight:600;white-space:nowrap}
table.limits td.remedy{min-width:16em}
td.remedy.ok-hint{color:var(--mute)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td code{font-size:12px;color:var(--mute)}
tr.total td{font-weight:700}
.svc{color:var(--mute);font-size:12px;display:block}
figure{margin:0 0 18px;background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px}
figure svg{display:block;width:100%;height:auto}
figcaption{color:var(--mute);font-size:13px;margin-top:4px}
.note{color:var(--mute);font-size:13px}
.ok{color:var(--ok)}.warning{color:var(--warn)}.exceeded{color:var(--bad);font-weight:700}
footer{margin-top:36px;color:var(--mute);font-size:13px}
footer ul{padding-left:18px}
footer table{width:auto;font-size:13px}
footer td code{font-size:12px;word-break:break-all}
figure svg text{font-family:"archcost Sans JP","Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",Meiryo,"DejaVu Sans","Helvetica Neue",Arial,sans-serif}
"#;

/// The family name of the embedded font (the first of the CSS font-family lists).
pub const FONT_FAMILY: &str = "archcost Sans JP";

/// Whether `text` has characters that need a CJK font (radicals, kana, kanji, full-width forms).
fn needs_cjk_font(text: &str) -> bool {
    text.chars().any(|c| c >= '\u{2E80}')
}

/// The `@font-face` rule of the embedded font, as a `data:font/otf;base64,` URL.
fn font_face() -> String {
    use base64::Engine as _;
    format!(
        "@font-face{{font-family:\"{FONT_FAMILY}\";src:url(data:font/otf;base64,{}) format(\"opentype\");font-display:block}}",
        base64::engine::general_purpose::STANDARD.encode(super::chart::FONT)
    )
}

const CARD_COLOURS: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

/// The whole page without a stamp. `svg_load` and `svg_breakdown` are the charts' SVG text
/// (plotters escapes their text content).
pub fn render(
    rep: &Report,
    lang: Lang,
    curve: &Curve,
    svg_load: &str,
    svg_breakdown: &str,
    files: &[&str],
) -> String {
    render_stamped(rep, lang, curve, (svg_load, svg_breakdown), files, None, "")
}

/// One decision card: name and badge, the monthly total, the facts under it. `extra` is more
/// markup after the total (the serve page's change against the file); `attrs` go on the card.
pub fn card_html(c: &super::cards::Card, lang: Lang, i: usize, extra: &str) -> String {
    card_html_with(c, lang, i, extra, "")
}

/// `card_html` with extra attributes on the card's element (the serve page's data-*).
pub fn card_html_with(
    c: &super::cards::Card,
    lang: Lang,
    i: usize,
    extra: &str,
    attrs: &str,
) -> String {
    use super::cards::Standing;
    let l = lang.labels();
    let (class, badge) = match c.standing {
        Standing::RuledOut => (
            "card infeasible",
            format!("<span class=\"badge bad\">{}</span>", esc(l.not_feasible)),
        ),
        Standing::Recommended => (
            "card cheapest",
            format!("<span class=\"badge\">{}</span>", esc(l.cheapest_feasible)),
        ),
        Standing::Feasible => ("card", String::new()),
    };
    format!(
        "<div class=\"{class}\"{attrs} style=\"--c:{}\"><div class=\"name\">{}{badge}</div><div class=\"total\">{} <small>{}</small></div>{extra}{}<div class=\"note\">{}</div></div>\n",
        CARD_COLOURS[i % CARD_COLOURS.len()],
        esc(&c.name),
        esc(&c.monthly),
        esc(l.per_month),
        super::cards::facts_html(c, lang),
        esc(&c.region)
    )
}

/// The whole page; the footer lists `files` and, when given, the report stamp. `optimize` is
/// the optimize section's markup (empty when no architecture has a search table).
pub fn render_stamped(
    rep: &Report,
    lang: Lang,
    curve: &Curve,
    (svg_load, svg_breakdown): (&str, &str),
    files: &[&str],
    stamp: Option<&Stamp>,
    optimize: &str,
) -> String {
    let mut o = String::new();
    head_and_cards(&mut o, rep, lang);
    assumptions_section(&mut o, rep, lang);
    tier_matrix(&mut o, rep, lang);
    o.push_str(&super::range::html_section(rep, lang));
    o.push_str(&super::over_time::html_section(rep, lang));
    o.push_str(optimize);
    figures(&mut o, rep, lang, (svg_load, svg_breakdown));
    crossings_section(&mut o, rep, curve, lang);
    line_items_section(&mut o, rep, lang);
    o.push_str(&super::not_modelled::html_section(rep, lang));
    footer(&mut o, rep, lang, files, stamp);
    if needs_cjk_font(&o) {
        // The first <style> is the head's (user text is escaped, so it cannot spell one).
        o = o.replacen("<style>", &format!("<style>\n{}", font_face()), 1);
    }
    o
}

/// The document head, the title and one card per architecture, then the decision lines.
fn head_and_cards(o: &mut String, rep: &Report, lang: Lang) {
    let l = lang.labels();
    o.push_str("<!DOCTYPE html>\n");
    o.push_str(&format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        lang.code()
    ));
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str(&format!(
        "<title>{} — {}</title>\n<style>{CSS_BASE}{}</style>\n</head>\n<body>\n<main>\n",
        esc(&rep.scenario.name),
        esc(l.report_title),
        super::cards::CSS
    ));

    // Title and one card per architecture.
    o.push_str(&format!("<header>\n<h1>{}</h1>\n", esc(&rep.scenario.name)));
    if let Some(d) = &rep.scenario.description {
        o.push_str(&format!("<p>{}</p>\n", esc(d)));
    }
    o.push_str(&format!("<p>{}</p>\n</header>\n", esc(l.report_title)));
    // One card per architecture: the recommendation is badged, the facts of the decision under
    // the total (tax, upfront cash, term total, whether it can run).
    o.push_str("<section class=\"cards\">\n");
    for (i, c) in super::cards::cards(rep, lang).iter().enumerate() {
        o.push_str(&card_html(c, lang, i, ""));
    }
    o.push_str("</section>\n");
    let mut decision = super::decision_lines(rep, lang).into_iter();
    if let Some(first) = decision.next() {
        o.push_str(&format!(
            "<div class=\"decision\"><p><strong>{}</strong></p>\n",
            esc(&first)
        ));
        let rest: Vec<String> = decision.collect();
        if !rest.is_empty() {
            // The ruled-out lines come first (problems), then the tax lines (information).
            let ruled_out = rep.architectures.iter().filter(|a| !a.feasible).count();
            o.push_str("<ul>\n");
            for (k, line) in rest.iter().enumerate() {
                let class = if k < ruled_out { "bad" } else { "info" };
                o.push_str(&format!("<li class=\"{class}\">{}</li>\n", esc(line)));
            }
            o.push_str("</ul>\n");
        }
        o.push_str("</div>\n");
    }
}

/// The assumptions table.
fn assumptions_section(o: &mut String, rep: &Report, lang: Lang) {
    let l = lang.labels();
    // Assumptions.
    o.push_str(&format!(
        "<section id=\"assumptions\">\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th></tr>\n",
        esc(l.assumptions),
        esc(l.assumption),
        esc(l.value)
    ));
    for (k, v) in assumption_lines_in(rep, lang) {
        o.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>\n",
            esc(&k),
            esc(&v)
        ));
    }
    o.push_str("</table>\n</section>\n");
}

/// Architecture x tier matrix of monthly costs, with the total and whether it can run.
fn tier_matrix(o: &mut String, rep: &Report, lang: Lang) {
    let l = lang.labels();
    // Architecture x tier matrix.
    let tiers: Vec<&str> = TIERS
        .iter()
        .copied()
        .filter(|t| rep.architectures.iter().any(|a| a.tier(t).is_some()))
        .collect();
    o.push_str(&format!(
        "<section id=\"by-tier\">\n<h2>{}</h2>\n<table>\n<tr><th>{}</th>",
        esc(l.monthly_cost_by_tier),
        esc(l.architecture)
    ));
    for t in &tiers {
        o.push_str(&format!("<th class=\"num\">{}</th>", esc(&lang.tier(t))));
    }
    o.push_str(&format!(
        "<th class=\"num\">{}</th><th>{}</th></tr>\n",
        esc(l.total_per_month),
        esc(l.feasible)
    ));
    for a in &rep.architectures {
        o.push_str(&format!("<tr><td>{}</td>", esc(&a.name)));
        for t in &tiers {
            match a.tier(t) {
                Some(tier) => o.push_str(&format!(
                    "<td class=\"num\">{}<span class=\"svc\">{}</span></td>",
                    esc(&money(rep, tier.monthly_usd)),
                    esc(&lang.service(&tier.service))
                )),
                None => o.push_str("<td class=\"num\">—</td>"),
            }
        }
        o.push_str(&format!(
            "<td class=\"num\"><strong>{}</strong></td><td>{}</td></tr>\n",
            esc(&money(rep, a.monthly_usd)),
            esc(&super::feasible_cell(a, lang))
        ));
    }
    o.push_str("</table>\n</section>\n");
}

/// The architecture diagram and both charts, inline SVG.
fn figures(o: &mut String, rep: &Report, lang: Lang, (svg_load, svg_breakdown): (&str, &str)) {
    let l = lang.labels();
    // The architecture diagram (inline SVG, drawn from the report itself).
    if let Ok(svg) = super::diagram::svg(&super::diagram::data(rep, lang)) {
        o.push_str(&format!(
            "<section id=\"diagram\">\n<h2>{}</h2>\n<figure>\n{}</figure>\n</section>\n",
            esc(super::diagram::title(lang)),
            strip_xml_declaration(&svg)
        ));
    }

    // Charts (inline SVG).
    o.push_str(&format!(
        "<section id=\"charts\">\n<h2>{}</h2>\n",
        esc(l.charts)
    ));
    o.push_str(&format!(
        "<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n",
        strip_xml_declaration(svg_load),
        esc(l.cost_vs_load)
    ));
    o.push_str(&format!(
        "<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n</section>\n",
        strip_xml_declaration(svg_breakdown),
        esc(l.breakdown)
    ));
}

/// Crossings: exact break-even volumes within the charted range.
fn crossings_section(o: &mut String, rep: &Report, curve: &Curve, lang: Lang) {
    let l = lang.labels();
    // Crossings (exact break-even within the charted range).
    o.push_str(&format!(
        "<section id=\"crossings\">\n<h2>{}</h2>\n",
        esc(l.crossings)
    ));
    if curve.crossings.is_empty() {
        o.push_str(&format!("<p>{}</p>\n", esc(l.no_crossings)));
    } else {
        o.push_str(&format!(
            "<table>\n<tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr>\n",
            esc(l.between),
            esc(l.requests_per_month),
            esc(l.monthly)
        ));
        for c in &curve.crossings {
            o.push_str(&format!(
                "<tr><td>{} = {}{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                esc(&c.between.0),
                esc(&c.between.1),
                esc(&super::curve::crossing_marks(c, lang)),
                esc(&super::display::compact(
                    lang,
                    c.value.to_f64().unwrap_or(0.0)
                )),
                esc(&money(rep, c.monthly_usd))
            ));
        }
        o.push_str("</table>\n");
    }
    o.push_str(&format!(
        "<p class=\"note\">{}</p>\n</section>\n",
        esc_code(l.crossings_note)
    ));
}

/// One architecture's limit findings (the remedy muted when the finding is within its limit).
fn limits_table(o: &mut String, a: &ArchReport, lang: Lang) {
    let l = lang.labels();
    if !a.limits.is_empty() {
        o.push_str(&format!(
            "<h3>{} — {}</h3>\n<table class=\"limits\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th></tr>\n",
            esc(l.limits),
            esc(&a.name),
            esc(l.status),
            esc(l.tier),
            esc(l.limit),
            esc(l.value),
            esc(l.limit_value),
            esc(l.kind),
            esc(l.what_to_do)
        ));
        for f in &a.limits {
            let status = f.status.label().to_string();
            // A finding within its limit carries no remedy; the limit table's remedy is
            // still what to do if it gets close, so it is shown muted rather than left blank.
            let remedy_class = if f.remedy.is_empty() {
                "remedy ok-hint"
            } else {
                "remedy"
            };
            o.push_str(&format!(
                "<tr><td class=\"{}\">{}</td><td>{}</td><td>{}<br><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{} {}</td><td>{}</td><td class=\"{}\">{}</td></tr>\n",
                esc(&status),
                esc(&lang.status(&status)),
                esc(&lang.tier(&f.tier)),
                esc(&i18n_lines::finding_message(lang, f)),
                esc(&f.id),
                esc(&f.value),
                esc(&f.limit),
                esc(&i18n_lines::limit_unit(lang, f)),
                esc(&lang.kind(&f.kind)),
                remedy_class,
                esc(&i18n_lines::what_to_do(lang, f))
            ));
        }
        o.push_str("</table>\n");
    }
}

/// Line items, notes and limit findings per architecture.
fn line_items_section(o: &mut String, rep: &Report, lang: Lang) {
    let l = lang.labels();
    // Line items and limits per architecture.
    o.push_str(&format!(
        "<section id=\"line-items\">\n<h2>{}</h2>\n",
        esc(l.line_items)
    ));
    for a in &rep.architectures {
        o.push_str(&format!(
            "<h3>{}</h3>\n<table>\n<tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr>\n",
            esc(&lang.arch_heading(&a.name, &a.region, &money(rep, a.monthly_usd))),
            esc(l.tier),
            esc(l.line_item),
            esc(l.quantity),
            esc(l.unit),
            esc(l.usd_per_unit),
            esc(l.monthly)
        ));
        for (t, line) in a.lines() {
            o.push_str(&format!(
                "<tr><td>{}</td><td>{}<br><code>{}</code></td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                esc(&lang.tier(&t.tier)),
                esc(&i18n_lines::description(lang, line)),
                esc(&line.id),
                esc(&super::display::line_quantity(line.quantity)),
                esc(&i18n_lines::unit(lang, &line.unit)),
                esc(&unit_price(line.unit_price_usd)),
                esc(&money(rep, line.monthly_usd))
            ));
        }
        o.push_str(&format!(
            "<tr class=\"total\"><td colspan=\"5\">{}</td><td class=\"num\">{}</td></tr>\n</table>\n",
            esc(l.total_per_month),
            esc(&money(rep, a.monthly_usd))
        ));
        for note in a.notes_in(lang) {
            o.push_str(&format!(
                "<p class=\"note\">{}{}</p>\n",
                esc(l.note),
                esc(&note)
            ));
        }
        limits_table(o, a, lang);
    }
    o.push_str("</section>\n");
}

/// The footer: the files of the report folder and the stamp.
fn footer(o: &mut String, rep: &Report, lang: Lang, files: &[&str], stamp: Option<&Stamp>) {
    let l = lang.labels();
    o.push_str("<footer>\n");
    if !files.is_empty() {
        o.push_str(&format!("<p>{}</p>\n<ul>\n", esc(l.files)));
        for f in files {
            o.push_str(&format!("<li><a href=\"{0}\">{0}</a></li>\n", esc(f)));
        }
        o.push_str("</ul>\n");
    }
    match stamp {
        Some(st) => {
            let sl = stamp::labels(lang);
            o.push_str(&format!(
                "<section id=\"stamp\">\n<p>{}</p>\n<table>\n<tr><th>{}</th><th>{}</th></tr>\n",
                esc(sl.heading),
                esc(sl.item),
                esc(l.value)
            ));
            for (k, v) in stamp::rows(st, rep, lang) {
                let v = if k == sl.scenario_sha256 {
                    format!("<code>{}</code>", esc(&v))
                } else {
                    esc(&v)
                };
                o.push_str(&format!("<tr><td>{}</td><td>{v}</td></tr>\n", esc(&k)));
            }
            o.push_str("</table>\n</section>\n");
        }
        None => o.push_str("<p>archcost</p>\n"),
    }
    o.push_str("</footer>\n</main>\n</body>\n</html>\n");
}

fn strip_xml_declaration(svg: &str) -> &str {
    match svg.strip_prefix("<?xml") {
        Some(rest) => rest
            .split_once("?>")
            .map(|(_, r)| r.trim_start())
            .unwrap_or(svg),
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
