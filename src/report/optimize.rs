//! Rendering `optimize` results: per architecture the written baseline, the best configuration,
//! the saving, why it cannot get cheaper, and the next alternatives — as a terminal table,
//! Markdown, HTML, CSV (exact USD) and JSON `archcost/optimize/1`. Labels in English or Japanese.
use super::display::{fill, Display};
use super::i18n::Lang;
use crate::messages;
use crate::money;
use crate::optimize::{ArchResult, CapMiss, Choice, Config, OptimizeReport, RuledOut, Said};
use comfy_table::{Cell, CellAlignment};
use rust_decimal::Decimal;

/// Labels of the optimize outputs.
struct Words {
    section: &'static str,
    title: &'static str,
    written: &'static str,
    best: &'static str,
    alternative: &'static str,
    monthly: &'static str,
    upfront: &'static str,
    saving: &'static str,
    configuration: &'static str,
    binding: &'static str,
    not_searched: &'static str,
    infeasible: &'static str,
    ruled_out_by: &'static str,
    evaluated: &'static str,
    breaks: &'static str,
    notes: &'static str,
}

/// The labels of `lang` from the message tables (`ui.optimize.words.*`).
fn load_words(lang: Lang) -> Words {
    let t = |id: &'static str| messages::text(lang, id).unwrap_or(id);
    Words {
        section: t("ui.optimize.words.section"),
        title: t("ui.optimize.words.title"),
        written: t("ui.optimize.words.written"),
        best: t("ui.optimize.words.best"),
        alternative: t("ui.optimize.words.alternative"),
        monthly: t("ui.optimize.words.monthly"),
        upfront: t("ui.optimize.words.upfront"),
        saving: t("ui.optimize.words.saving"),
        configuration: t("ui.optimize.words.configuration"),
        binding: t("ui.optimize.words.binding"),
        not_searched: t("ui.optimize.words.not_searched"),
        infeasible: t("ui.optimize.words.infeasible"),
        ruled_out_by: t("ui.optimize.words.ruled_out_by"),
        evaluated: t("ui.optimize.words.evaluated"),
        breaks: t("ui.optimize.words.breaks"),
        notes: t("ui.optimize.words.notes"),
    }
}

/// The labels of `lang`, read from the tables once.
fn words(lang: Lang) -> &'static Words {
    static BY_LANG: crate::lang::PerLang<Words> = crate::lang::PerLang::new();
    BY_LANG.get(lang, load_words)
}

/// One sentence of the optimize output in `lang` (`ui.optimize.say.*`).
pub fn say(s: &Said, lang: Lang) -> String {
    let text = |id: &'static str, pairs: &[(&str, &str)]| {
        fill(messages::text(lang, id).unwrap_or(id), pairs)
    };
    match s {
        Said::Fleet {
            tier,
            units,
            unit,
            utilization_pct,
        } => text(
            "ui.optimize.say.fleet",
            &[
                ("tier", tier),
                ("units", units),
                ("unit", unit),
                ("utilization_pct", utilization_pct),
            ],
        ),
        Said::Cheaper {
            tier,
            id,
            count,
            example,
        } => text(
            "ui.optimize.say.cheaper",
            &[
                ("tier", tier),
                ("count", &count.to_string()),
                ("id", id),
                ("example", example),
            ],
        ),
        Said::Interpolated { tier, duration_ms } => text(
            "ui.optimize.say.interpolated",
            &[("tier", tier), ("duration_ms", duration_ms)],
        ),
        Said::Cap { id } => text("ui.optimize.say.cap", &[("id", id)]),
        Said::Utilization {
            tier,
            written_pct,
            search_pct,
        } => text(
            "ui.optimize.say.utilization",
            &[
                ("tier", tier),
                ("written_pct", written_pct),
                ("search_pct", search_pct),
            ],
        ),
        Said::Unpriced { tier, count } => text(
            "ui.optimize.say.unpriced",
            &[("tier", tier), ("count", &count.to_string())],
        ),
        Said::UnpricedSpot { tier, count } => text(
            "ui.optimize.say.unpriced_spot",
            &[("tier", tier), ("count", &count.to_string())],
        ),
        Said::NoConnectionCheck { tier, count } => text(
            "ui.optimize.say.no_connection_check",
            &[("tier", tier), ("count", &count.to_string())],
        ),
        Said::NoVcpus { tier, count } => text(
            "ui.optimize.say.no_vcpus",
            &[("tier", tier), ("count", &count.to_string())],
        ),
        Said::InterpolatedBetweenMeasured => {
            text("ui.optimize.say.interpolated_between_measured", &[])
        }
    }
}

/// "app: ec2 c7g.xlarge reserved 1y no-upfront · db: rds db.t4g.medium multi_az=false".
pub fn config_text(c: &Config) -> String {
    c.iter()
        .map(|(tier, keys)| {
            let svc = keys.get("service").map(String::as_str).unwrap_or("");
            let rest: Vec<String> = keys
                .iter()
                .filter(|(k, _)| *k != "service")
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            format!("{tier}: {svc} {}", rest.join(" "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn pct(saving: Decimal, base: Decimal) -> String {
    if base.is_zero() {
        return String::new();
    }
    format!(
        " ({} %)",
        money::round(saving / base * Decimal::ONE_HUNDRED, 1).normalize()
    )
}

/// The counts line. Counts in a Japanese sentence are written as the message tables write
/// counts in prose (`messages::count`: grouped digits below 100万, 万/億 from there, as
/// "3,000万"), so the three counts of one line share one style; English groups the digits.
fn count_text(w: &Words, a: &ArchResult, d: &Display) -> String {
    let count = |v: Decimal| match d.lang {
        Lang::Ja => messages::count(Lang::Ja, v),
        Lang::En => d.count(v),
    };
    w.evaluated
        .replace("{n}", &count(Decimal::from(a.evaluated)))
        .replace(
            "{space}",
            &a.space
                .parse::<Decimal>()
                .map(count)
                .unwrap_or_else(|_| a.space.clone()),
        )
        .replace("{c}", &count(Decimal::from(a.combined)))
}

/// Rows of one architecture: (label, monthly, upfront, saving, configuration).
fn rows(a: &ArchResult, w: &Words, d: &Display) -> Vec<[String; 5]> {
    let mut out = vec![[
        w.written.to_string(),
        d.money(a.baseline.monthly_usd),
        d.money(a.baseline.upfront_usd),
        String::new(),
        config_text(&a.baseline.config),
    ]];
    let row = |label: String, c: &Choice| {
        [
            label,
            d.money(c.monthly_usd),
            d.money(c.upfront_usd),
            format!(
                "{}{}",
                d.signed(c.saving_usd),
                pct(c.saving_usd, a.baseline.monthly_usd)
            ),
            config_text(&c.config),
        ]
    };
    if let Some(b) = &a.best {
        out.push(row(w.best.to_string(), b));
    }
    for (i, c) in a.alternatives.iter().enumerate() {
        out.push(row(format!("{} {}", w.alternative, i + 1), c));
    }
    out
}

/// Lines under an architecture's rows: constraints, ruled-out families, counts, notes.
fn details(a: &ArchResult, w: &Words, d: &Display) -> Vec<String> {
    let mut out = Vec::new();
    if !a.searched {
        out.push(w.not_searched.to_string());
        return out;
    }
    if !a.baseline.broken.is_empty() {
        out.push(format!("{}: {}", w.breaks, a.baseline.broken.join(", ")));
    }
    match &a.best {
        Some(b) => {
            if !b.reasons.is_empty() {
                let said: Vec<String> = b.reasons.iter().map(|r| say(r, d.lang)).collect();
                out.push(format!("{}: {}", w.binding, said.join("; ")));
            }
        }
        None => {
            out.push(w.infeasible.to_string());
            out.extend(ruled_out_lines(&a.ruled_out, w, d).map(|l| format!("  {l}")));
        }
    }
    out.push(count_text(w, a, d));
    for n in &a.notes {
        out.push(format!("{}: {}", w.notes, say(n, d.lang)));
    }
    out
}

/// "app c7g: ruled out by ec2.max" per group; groups the caps rule out together, one line:
/// "app m7g, c7g: every configuration is above max_monthly_usd = 1 (cheapest: $245.96)".
fn ruled_out_lines<'a>(
    all: &'a [RuledOut],
    w: &'a Words,
    d: &'a Display,
) -> impl Iterator<Item = String> + 'a {
    let mut lines: Vec<(String, &'a [CapMiss])> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let r = &all[i];
        if r.caps.is_empty() {
            lines.push((
                format!(
                    "{} {}: {} {}",
                    r.tier,
                    r.group,
                    w.ruled_out_by,
                    r.reasons.join(", ")
                ),
                &[],
            ));
            i += 1;
            continue;
        }
        // Every following group under the same caps: "app m7g, c7g; db db.t4g".
        let mut tiers: Vec<(String, Vec<&str>)> = Vec::new();
        while let Some(g) = all.get(i).filter(|g| g.caps == r.caps) {
            match tiers.last_mut() {
                Some((t, groups)) if *t == g.tier => groups.push(&g.group),
                _ => tiers.push((g.tier.clone(), vec![&g.group])),
            }
            i += 1;
        }
        let named: Vec<String> = tiers
            .iter()
            .map(|(t, groups)| format!("{t} {}", groups.join(", ")))
            .collect();
        lines.push((named.join("; "), &r.caps));
    }
    lines
        .into_iter()
        .flat_map(move |(named, caps)| cap_lines(&named, caps, d).unwrap_or_else(|| vec![named]))
}

/// The sentences of the caps that rule out `named` (None for no caps: `named` is the line).
fn cap_lines(named: &str, caps: &[CapMiss], d: &Display) -> Option<Vec<String>> {
    let lowest = |c: &CapMiss| match &d.yen {
        Some(_) => format!("{} ({})", d.money(c.lowest_usd), money::usd(c.lowest_usd)),
        None => d.money(c.lowest_usd),
    };
    let limit = |c: &CapMiss| c.limit_usd.normalize().to_string();
    let over: Vec<&CapMiss> = caps.iter().filter(|c| c.lowest_usd > c.limit_usd).collect();
    if caps.is_empty() {
        return None;
    }
    if over.is_empty() {
        // Neither cap alone: the two together.
        let (m, u) = (caps.first()?, caps.get(1)?);
        return Some(vec![messages::render(
            d.lang,
            "ui.optimize.over_both",
            &[named, &limit(m), &limit(u), &lowest(m), &lowest(u)],
        )]);
    }
    Some(
        over.into_iter()
            .map(|c| {
                let id = if c.id == "max_upfront_usd" {
                    "ui.optimize.over_upfront"
                } else {
                    "ui.optimize.over_monthly"
                };
                messages::render(d.lang, id, &[named, &limit(c), &lowest(c)])
            })
            .collect(),
    )
}

fn head(r: &OptimizeReport, w: &Words, d: &Display) -> Vec<String> {
    let mut out = vec![
        format!("{} — {}", w.title, r.scenario.name),
        format!(
            "{} · {} {} .. {}",
            r.scenario.region,
            r.assumptions.pricing.source,
            r.assumptions.pricing.effective_oldest,
            r.assumptions.pricing.effective
        ),
    ];
    if let Some(cmd) = &r.assumptions.pricing.refresh {
        out.push(d.lang.stale(&r.assumptions.pricing.effective_oldest, cmd));
    }
    if let Some(rate) = d.rate_note() {
        out.push(rate);
    }
    out
}

fn headers(w: &Words) -> [&'static str; 5] {
    ["", w.monthly, w.upfront, w.saving, w.configuration]
}

/// Tables for a terminal.
pub fn table(r: &OptimizeReport, d: &Display) -> String {
    let w = words(d.lang);
    let mut o = head(r, w, d).join("\n");
    o.push('\n');
    for a in &r.architectures {
        o.push_str(&format!("\n{}\n", a.name));
        let mut t = super::markup::new_table();
        t.set_header(headers(w).to_vec());
        for row in rows(a, w, d) {
            let [label, m, u, s, c] = row;
            t.add_row(vec![
                Cell::new(label),
                Cell::new(m).set_alignment(CellAlignment::Right),
                Cell::new(u).set_alignment(CellAlignment::Right),
                Cell::new(s).set_alignment(CellAlignment::Right),
                Cell::new(c),
            ]);
        }
        o.push_str(&format!("{t}\n"));
        for line in details(a, w, d) {
            o.push_str(&format!("{line}\n"));
        }
    }
    o
}

fn md(text: &str) -> String {
    text.replace('|', "\\|")
}

pub fn markdown(r: &OptimizeReport, d: &Display) -> String {
    let w = words(d.lang);
    let mut lines = head(r, w, d);
    lines[0] = format!("# {}", lines[0]);
    let mut o = lines.join("\n\n");
    o.push('\n');
    for a in &r.architectures {
        o.push_str(&format!("\n## {}\n\n", md(&a.name)));
        let h = headers(w);
        o.push_str(&format!("| {} |\n|---|--:|--:|--:|---|\n", h.join(" | ")));
        for row in rows(a, w, d) {
            let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
            o.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        o.push('\n');
        for line in details(a, w, d) {
            o.push_str(&format!("- {}\n", md(line.trim())));
        }
    }
    o
}

/// The standalone page (`optimize --format html`).
pub fn html(r: &OptimizeReport, d: &Display) -> String {
    use super::markup::esc;
    let w = words(d.lang);
    let lang = match d.lang {
        Lang::En => "en",
        Lang::Ja => "ja",
    };
    let h = head(r, w, d);
    let mut o = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{}</title>\
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px}}td.num{{text-align:right}}</style></head><body>\n<h1>{}</h1>\n",
        esc(&h[0]),
        esc(&h[0])
    );
    for line in &h[1..] {
        o.push_str(&format!("<p>{}</p>\n", esc(line)));
    }
    o.push_str(&arch_blocks(r, w, d, "h2"));
    o.push_str("</body></html>\n");
    o
}

/// The report page's section (`report.html` of a report folder, when a scenario has a search
/// table): the heading, the pricing line, then per architecture the written baseline, the best,
/// the alternatives and why nothing cheaper qualifies (or what rules every family out).
pub fn html_section(r: &OptimizeReport, d: &Display) -> String {
    use super::markup::esc;
    let w = words(d.lang);
    let h = head(r, w, d);
    let mut o = format!(
        "<section id=\"optimize\">\n<h2>{}</h2>\n<p>{}</p>\n",
        esc(w.section),
        esc(w.title)
    );
    for line in &h[1..] {
        o.push_str(&format!("<p class=\"note\">{}</p>\n", esc(line)));
    }
    o.push_str(&arch_blocks(r, w, d, "h3"));
    o.push_str("<p class=\"note\">optimize.json · optimize.md</p>\n</section>\n");
    o
}

/// One table and its details per architecture, under `heading` (h2 or h3) elements.
fn arch_blocks(r: &OptimizeReport, w: &Words, d: &Display, heading: &str) -> String {
    use super::markup::esc;
    let mut o = String::new();
    for a in &r.architectures {
        o.push_str(&format!(
            "<{heading}>{}</{heading}>\n<table class=\"optimize\"><tr>",
            esc(&a.name)
        ));
        for (i, c) in headers(w).iter().enumerate() {
            let class = if (1..=3).contains(&i) {
                " class=\"num\""
            } else {
                ""
            };
            o.push_str(&format!("<th{class}>{}</th>", esc(c)));
        }
        o.push_str("</tr>\n");
        for row in rows(a, w, d) {
            o.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                let class = if (1..=3).contains(&i) {
                    " class=\"num\""
                } else {
                    ""
                };
                o.push_str(&format!("<td{class}>{}</td>", esc(c)));
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</table>\n<ul>\n");
        for line in details(a, w, d) {
            o.push_str(&format!("<li>{}</li>\n", esc(line.trim())));
        }
        o.push_str("</ul>\n");
    }
    o
}

/// CSV: one row per configuration; money exact in USD (plus, when the display currency is JPY,
/// monthly, upfront and saving in whole yen at the scenario's rate, appended after the USD
/// columns).
pub fn csv(r: &OptimizeReport, d: &Display) -> Vec<u8> {
    let mut wr = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "architecture",
        "rank",
        "monthly_usd",
        "upfront_usd",
        "saving_usd",
        "configuration",
        "binding",
    ];
    if d.yen.is_some() {
        header.extend(["monthly_jpy", "upfront_jpy", "saving_jpy"]);
    }
    crate::csv_safe::record(&mut wr, header);
    let jpy = |usd: Decimal| {
        d.yen
            .as_ref()
            .map(|y| money::round(usd * y.usd_jpy, 0).to_string())
    };
    for a in &r.architectures {
        let mut rec = vec![
            a.name.clone(),
            "written".into(),
            money::exact(a.baseline.monthly_usd),
            money::exact(a.baseline.upfront_usd),
            "0".into(),
            config_text(&a.baseline.config),
            String::new(),
        ];
        rec.extend(jpy(a.baseline.monthly_usd));
        rec.extend(jpy(a.baseline.upfront_usd));
        rec.extend(jpy(Decimal::ZERO));
        crate::csv_safe::record(&mut wr, rec);
        for (i, c) in a.best.iter().chain(&a.alternatives).enumerate() {
            let mut rec = vec![
                a.name.clone(),
                if i == 0 { "best".into() } else { i.to_string() },
                money::exact(c.monthly_usd),
                money::exact(c.upfront_usd),
                money::exact(c.saving_usd),
                config_text(&c.config),
                c.binding.join(" "),
            ];
            rec.extend(jpy(c.monthly_usd));
            rec.extend(jpy(c.upfront_usd));
            rec.extend(jpy(c.saving_usd));
            crate::csv_safe::record(&mut wr, rec);
        }
    }
    wr.into_inner().unwrap_or_default()
}

pub fn json(r: &OptimizeReport) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(r).unwrap_or_default();
    out.push(b'\n');
    out
}
