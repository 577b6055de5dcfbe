//! `archcost limits` output: every finding of every architecture, with its source, and whether
//! each architecture can run the workload at all.
use super::i18n::Lang;
use super::markup::new_table;
use crate::compare::Report;
use crate::feasibility::Blocker;
use crate::limits::{Finding, Status};
use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

/// One finding as table cells (status, tier, message + id, value, limit, kind), then `last`.
pub fn finding_cells(f: &crate::limits::Finding, lang: Lang, last: String) -> Vec<Cell> {
    vec![
        Cell::new(lang.status(f.status.label())),
        Cell::new(lang.tier(&f.tier)),
        Cell::new(format!(
            "{}\n{}",
            super::i18n_lines::finding_message(lang, f),
            f.id
        )),
        Cell::new(f.value.clone()).set_alignment(CellAlignment::Right),
        Cell::new(format!(
            "{} {}",
            f.limit,
            super::i18n_lines::limit_unit(lang, f)
        ))
        .set_alignment(CellAlignment::Right),
        Cell::new(lang.kind(&f.kind)),
        Cell::new(last),
    ]
}

pub fn table(rep: &Report) -> String {
    table_in(rep, Lang::En)
}

/// Every finding of every architecture, labelled in `lang`.
pub fn table_in(rep: &Report, lang: Lang) -> String {
    let lb = lang.labels();
    let mut out = format!(
        "{} — {} ({})\n",
        rep.scenario.name, lb.limits_title, rep.scenario.region
    );
    for a in &rep.architectures {
        let count = |s: Status| a.limits.iter().filter(|f| f.status == s).count();
        let summary = lang.checks_summary(
            a.limits.len(),
            count(Status::Exceeded),
            count(Status::Warning),
        );
        out.push_str(&format!("\n{}: {summary}\n", a.name));
        let mut t = new_table();
        t.set_header(vec![
            lb.status,
            lb.tier,
            lb.check,
            lb.value,
            lb.limit,
            lb.kind,
            lb.what_to_do_source,
        ]);
        for f in &a.limits {
            let source = super::i18n_lines::source(lang, f);
            let what = if f.remedy.is_empty() {
                source.into_owned()
            } else {
                format!(
                    "{}\n{}: {}",
                    super::i18n_lines::remedy(lang, f),
                    lb.source,
                    source
                )
            };
            t.add_row(finding_cells(f, lang, what));
        }
        out.push_str(&format!("{t}\n"));
        for b in &a.ruled_out_by {
            let line = super::blocker_text(a, b, lang);
            out.push_str(&format!("{}\n", lang.ruled_out(&a.name, &line)));
        }
    }
    out.push('\n');
    for line in super::decision_lines(rep, lang).into_iter().take(1) {
        out.push_str(&format!("{line}\n"));
    }
    out.push_str(&format!("{}\n", lb.kinds_footer));
    out
}

#[derive(Serialize)]
struct LimitsJson<'a> {
    schema: &'static str,
    scenario: &'a str,
    cheapest_feasible: Option<&'a str>,
    architectures: Vec<ArchLimits<'a>>,
}

#[derive(Serialize)]
struct ArchLimits<'a> {
    name: &'a str,
    feasible: bool,
    #[serde(skip_serializing_if = "<[Blocker]>::is_empty")]
    ruled_out_by: &'a [Blocker],
    limits: &'a [Finding],
}

pub fn json(rep: &Report) -> Vec<u8> {
    let doc = LimitsJson {
        schema: "archcost/limits/1",
        scenario: &rep.scenario.name,
        cheapest_feasible: rep.cheapest_feasible.as_deref(),
        architectures: rep
            .architectures
            .iter()
            .map(|a| ArchLimits {
                name: &a.name,
                feasible: a.feasible,
                ruled_out_by: &a.ruled_out_by,
                limits: &a.limits,
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

/// CSV: one row per finding (architecture, tier, id, status, value, limit, unit, kind, message,
/// remedy, source); messages, remedies and sources in `lang`, ids and statuses as in JSON.
pub fn csv(rep: &Report, lang: Lang) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    crate::csv_safe::record(
        &mut w,
        [
            "architecture",
            "tier",
            "id",
            "status",
            "value",
            "limit",
            "unit",
            "kind",
            "message",
            "remedy",
            "source",
            "feasible",
        ],
    );
    for a in &rep.architectures {
        for f in &a.limits {
            crate::csv_safe::record(
                &mut w,
                [
                    a.name.clone(),
                    f.tier.clone(),
                    f.id.clone(),
                    f.status.label().to_string(),
                    f.value.clone(),
                    f.limit.clone(),
                    f.unit.clone(),
                    f.kind.clone(),
                    super::i18n_lines::finding_message(lang, f).into_owned(),
                    super::i18n_lines::remedy(lang, f).into_owned(),
                    super::i18n_lines::source(lang, f).into_owned(),
                    a.feasible.to_string(),
                ],
            );
        }
    }
    w.into_inner().unwrap_or_default()
}

/// Markdown for a review: one table of findings per architecture, then the decision.
pub fn markdown(rep: &Report, lang: Lang) -> String {
    use super::markup::cell;
    let lb = lang.labels();
    let mut out = format!("# {} — {}\n", cell(&rep.scenario.name), lb.limits_title);
    for a in &rep.architectures {
        out.push_str(&format!(
            "\n## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---|---|---:|---:|---|\n",
            cell(&a.name),
            lb.status,
            lb.tier,
            lb.check,
            lb.value,
            lb.limit,
            lb.kind
        ));
        for f in &a.limits {
            out.push_str(&format!(
                "| {} | {} | {} `{}` | {} | {} {} | {} |\n",
                lang.status(f.status.label()),
                lang.tier(&f.tier),
                cell(&super::i18n_lines::finding_message(lang, f)),
                f.id,
                cell(&f.value),
                cell(&f.limit),
                cell(&super::i18n_lines::limit_unit(lang, f)),
                lang.kind(&f.kind)
            ));
        }
        for b in &a.ruled_out_by {
            let line = super::blocker_text(a, b, lang);
            out.push_str(&format!("\n{}\n", cell(&lang.ruled_out(&a.name, &line))));
        }
    }
    out.push('\n');
    for line in super::decision_lines(rep, lang).into_iter().take(1) {
        out.push_str(&format!("{}\n", cell(&line)));
    }
    out
}
