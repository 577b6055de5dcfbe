//! `archcost limits` output: every finding of every architecture, with its source.
use super::i18n::Lang;
use super::i18n_lines;
use super::table::new_table;
use crate::compare::Report;
use crate::limits::{Finding, Status};
use comfy_table::Cell;
use serde::Serialize;

pub fn table(rep: &Report) -> String {
    table_in(rep, Lang::En)
}

/// The table's own words in each language (statuses, kinds, messages and units come from
/// `i18n` / `i18n_lines`).
struct Words {
    title: &'static str,
    summary: fn(usize, usize, usize) -> String,
    header: [&'static str; 7],
    source: &'static str,
    footer: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "limits and quotas",
            summary: |n, e, w| format!("{n} checks, {e} exceeded, {w} warnings"),
            header: ["Status", "Tier", "Check", "Value", "Limit", "Kind", "What to do / source"],
            source: "source",
            footer: "Kinds: hard = cannot be raised; quota = an account default you can raise (override it under [quotas]); setting = your own configuration.",
        },
        Lang::Ja => Words {
            title: "上限とクォータ",
            summary: |n, e, w| format!("{n} 件のチェック、超過 {e} 件、警告 {w} 件"),
            header: ["状態", "層", "チェック", "値", "上限", "種別", "対処 / 出典"],
            source: "出典",
            footer: "種別: ハード = 引き上げ不可、クォータ = 引き上げ可能なアカウントの既定値（[quotas] で上書き可能）、設定 = シナリオ自身の設定。",
        },
    }
}

/// Every finding of every architecture, labelled in `lang`.
pub fn table_in(rep: &Report, lang: Lang) -> String {
    let w = words(lang);
    let mut out = format!(
        "{} — {} ({})\n",
        rep.scenario.name, w.title, rep.scenario.region
    );
    for a in &rep.architectures {
        let count = |s: Status| a.limits.iter().filter(|f| f.status == s).count();
        out.push_str(&format!(
            "\n{}: {}\n",
            a.name,
            (w.summary)(
                a.limits.len(),
                count(Status::Exceeded),
                count(Status::Warning)
            )
        ));
        let mut t = new_table();
        t.set_header(w.header.to_vec());
        for f in &a.limits {
            let what = if f.remedy.is_empty() {
                f.source.clone()
            } else {
                format!("{}\n{}: {}", f.remedy, w.source, f.source)
            };
            t.add_row(vec![
                Cell::new(lang.status(f.status.label())),
                Cell::new(lang.tier(&f.tier)),
                Cell::new(format!(
                    "{}\n{}",
                    i18n_lines::finding_message(lang, &f.message),
                    f.id
                )),
                Cell::new(&f.value),
                Cell::new(format!(
                    "{} {}",
                    f.limit,
                    i18n_lines::limit_unit(lang, &f.unit)
                )),
                Cell::new(lang.kind(&f.kind)),
                Cell::new(what),
            ]);
        }
        out.push_str(&format!("{t}\n"));
    }
    out.push_str(&format!("\n{}\n", w.footer));
    out
}

#[derive(Serialize)]
struct LimitsJson<'a> {
    schema: &'static str,
    scenario: &'a str,
    architectures: Vec<ArchLimits<'a>>,
}

#[derive(Serialize)]
struct ArchLimits<'a> {
    name: &'a str,
    limits: &'a [Finding],
}

pub fn json(rep: &Report) -> Vec<u8> {
    let doc = LimitsJson {
        schema: "archcost/limits/1",
        scenario: &rep.scenario.name,
        architectures: rep
            .architectures
            .iter()
            .map(|a| ArchLimits {
                name: &a.name,
                limits: &a.limits,
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
