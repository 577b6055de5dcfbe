//! The live page: a shell (controls beside the report) and the report view the page swaps in
//! after every change. The view is the report HTML of `report::html` (same cards, matrix,
//! charts, crossings, line items and limits) with its summary cards replaced by live ones that
//! carry `data-arch` / `data-total-usd` (exact USD) and the change against the file.
use super::controls;
use super::state::Snapshot;
use super::texts::texts;
use crate::compare::{self, Report};
use crate::error::Result;
use crate::lang::Lang;
use crate::money;
use crate::pricing::Catalog;
use crate::report::chart::{self, Kind};
use crate::report::markup::esc;
use crate::report::{self as rep_mod, curve, folder, html};
use crate::scenario::Scenario;
use rust_decimal::Decimal;

/// The page's script (served at `/app.js`; the Content-Security-Policy allows only it).
pub const APP_JS: &str = include_str!("app.js");
const APP_CSS: &str = include_str!("app.css");

/// The report page for `s` split into its stylesheet and the content of its `<main>`.
struct ReportParts {
    css: String,
    main: String,
}

fn report_parts(s: &Scenario, catalog: &Catalog, rep: &Report, lang: Lang) -> Result<ReportParts> {
    // The pieces `report::folder::standalone_html` puts together, with the report priced once.
    let curve = curve::for_scenario(s, catalog)?;
    let charts = folder::chart_data(rep, &curve, lang);
    let svg_load = chart::svg(Kind::CostVsLoad, &charts)?;
    let svg_breakdown = chart::svg(Kind::Breakdown, &charts)?;
    let page = html::render(rep, lang, &curve, &svg_load, &svg_breakdown, &[]);
    let css = between(&page, "<style>", "</style>").unwrap_or_default();
    let main = between(&page, "<main>\n", "</main>").unwrap_or(&page);
    Ok(ReportParts {
        css: css.to_string(),
        main: main.to_string(),
    })
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text.rfind(end)?;
    (to >= from).then(|| &text[from..to])
}

/// The report's card section replaced by `cards` (or `cards` first, should the report's markup
/// ever change).
fn with_cards(main: &str, cards: &str) -> String {
    const OPEN: &str = "<section class=\"cards\">\n";
    if let Some(at) = main.find(OPEN) {
        if let Some(len) = main[at..].find("</section>\n") {
            let end = at + len + "</section>\n".len();
            return format!("{}{cards}{}", &main[..at], &main[end..]);
        }
    }
    format!("{cards}{main}")
}

/// One card per architecture (the report's decision card: total, tax, upfront, term total, can
/// it run), with the exact USD in `data-total-usd` and the change against the file.
fn cards(rep: &Report, file: &Report, lang: Lang, edited: bool) -> String {
    let t = texts(lang);
    let mut o = String::from("<section class=\"cards\" id=\"totals\">\n");
    for (i, (a, c)) in rep
        .architectures
        .iter()
        .zip(crate::report::cards::cards(rep, lang))
        .enumerate()
    {
        let delta = match file.arch(&a.name) {
            Some(before) if edited => delta_html(rep, a.monthly_usd, before.monthly_usd, t),
            _ => String::new(),
        };
        let attrs = format!(
            " data-arch=\"{}\" data-total-usd=\"{}\" data-feasible=\"{}\"",
            esc(&a.name),
            esc(&money::exact(a.monthly_usd)),
            a.feasible
        );
        o.push_str(&crate::report::html::card_html_with(
            &c, lang, i, &delta, &attrs,
        ));
    }
    o.push_str("</section>\n");
    o
}

fn delta_html(rep: &Report, now: Decimal, before: Decimal, t: &super::texts::Texts) -> String {
    let diff = now - before;
    if diff.is_zero() {
        return format!("<div class=\"delta same\">{}</div>", esc(t.same_as_file));
    }
    let (class, sign) = if diff > Decimal::ZERO {
        ("up", "+")
    } else {
        ("down", "−")
    };
    let pct = if before.is_zero() {
        String::new()
    } else {
        let p = money::round(diff.abs() * Decimal::ONE_HUNDRED / before, 1);
        format!(" ({sign}{p} %)")
    };
    format!(
        "<div class=\"delta {class}\">{sign}{}{pct} {}</div>",
        esc(&rep_mod::money(rep, diff.abs())),
        esc(t.vs_file)
    )
}

/// The report view for a what-if scenario `s` (already validated) of `snap`.
pub fn view(snap: &Snapshot, s: &Scenario, lang: Lang, edited: bool) -> Result<String> {
    let rep = compare::evaluate(s, &snap.catalog)?;
    let parts = report_parts(s, &snap.catalog, &rep, lang)?;
    Ok(with_cards(
        &parts.main,
        &cards(&rep, &snap.report, lang, edited),
    ))
}

/// What the shell needs to know besides the snapshot.
pub struct Shell<'a> {
    pub file: &'a str,
    pub lang: Lang,
    pub version: u64,
    pub file_error: Option<&'a str>,
    /// Run the optimize search once the page has loaded (`?optimize=1`).
    pub optimize: bool,
}

/// The whole page: controls and actions on the left, the report view on the right.
pub fn shell(snap: &Snapshot, sh: &Shell) -> Result<String> {
    let lang = sh.lang;
    let t = texts(lang);
    let rep = &snap.report;
    let parts = report_parts(&snap.scenario, &snap.catalog, rep, lang)?;
    let view = with_cards(&parts.main, &cards(rep, rep, lang, false));
    let panel = controls::render(&snap.scenario, &snap.catalog, lang);
    let stem = std::path::Path::new(sh.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    let banner = match sh.file_error {
        Some(e) => format!(
            "<div id=\"file-error\" class=\"banner\"><strong>{}</strong><pre>{}</pre></div>",
            esc(t.file_error),
            esc(e)
        ),
        None => "<div id=\"file-error\" class=\"banner\" hidden><strong></strong><pre></pre></div>"
            .to_string(),
    };
    Ok(format!(
        r#"<!DOCTYPE html>
<html lang="{code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — archcost {live}</title>
<style>{report_css}{app_css}</style>
<script src="/app.js" defer></script>
</head>
<body data-lang="{code}" data-version="{version}" data-stem="{stem}" data-file-error-label="{fe_label}" data-what-if-error-label="{wi_label}" data-saved-label="{saved_label}" data-optimize="{optimize_on_load}">
<div class="topbar"><strong>archcost</strong> {live} — <span class="file">{file}</span> <a id="lang-switch" href="?lang={other}">{other_label}</a><span id="busy" hidden>…</span></div>
<div class="layout">
<aside id="panel">
<h2>{what_if}</h2>
<form id="controls" autocomplete="off">
{panel}</form>
<div id="other-changes" hidden><h4>{other_changes}</h4><ul></ul></div>
<div class="actions">
<button type="button" id="reset">{reset}</button>
<div class="save"><input type="text" id="save-name" placeholder="{save_name}" aria-label="{save_name}" value="{stem}-what-if"><button type="button" id="save">{save}</button></div>
<p id="save-result" class="note" hidden></p>
<p><button type="button" id="optimize">{optimize}</button></p>
<p class="note">{optimize_note}</p>
<p><a id="download-zip" href="/api/report.zip?lang={code}" download>{download_zip}</a></p>
<p><a id="download-toml" href="/api/scenario.toml" download>{download_toml}</a></p>
<p class="note">{share}</p>
<p class="note">{watching}</p>
</div>
</aside>
<div id="content">
{banner}
<div id="what-if-error" class="banner" hidden><strong>{what_if_error}</strong><pre></pre></div>
<div id="optimize-error" class="banner" hidden><strong>{optimize_error}</strong><pre></pre></div>
<div id="optimize-result" data-state="idle" data-query="" hidden></div>
<main id="report" data-state="ready" data-query="">
{view}</main>
</div>
</div>
</body>
</html>
"#,
        code = lang.code(),
        title = esc(&rep.scenario.name),
        live = esc(t.live_review),
        report_css = parts.css,
        app_css = APP_CSS,
        version = sh.version,
        stem = esc(&stem),
        fe_label = esc(t.file_error),
        wi_label = esc(t.what_if_error),
        saved_label = esc(t.saved),
        file = esc(sh.file),
        other = t.switch_lang_code,
        other_label = esc(t.switch_lang),
        what_if = esc(t.what_if),
        other_changes = esc(t.other_changes),
        reset = esc(t.reset),
        save_name = esc(t.save_name),
        save = esc(t.save),
        download_zip = esc(t.download_zip),
        download_toml = esc(t.download_toml),
        share = esc(t.share),
        watching = esc(&t.watching.replace("{file}", sh.file)),
        what_if_error = esc(t.what_if_error),
        optimize = esc(t.optimize),
        optimize_on_load = u8::from(sh.optimize),
        optimize_note = esc(t.optimize_note),
        optimize_error = esc(t.optimize_error),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_replace_the_reports() {
        let main = "<header>h</header>\n<section class=\"cards\">\n<div>x</div>\n</section>\n<div class=\"decision\"></div>";
        assert_eq!(
            with_cards(main, "<C/>\n"),
            "<header>h</header>\n<C/>\n<div class=\"decision\"></div>"
        );
        assert_eq!(with_cards("<p/>", "<C/>"), "<C/><p/>");
    }
}
