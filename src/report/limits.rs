//! `archcost limits` output: every finding of every architecture, with its source.
use super::table::new_table;
use crate::compare::Report;
use crate::limits::{Finding, Status};
use comfy_table::Cell;
use serde::Serialize;

pub fn table(rep: &Report) -> String {
    let mut out = format!(
        "{} — limits and quotas ({})\n",
        rep.scenario.name, rep.scenario.region
    );
    for a in &rep.architectures {
        let exceeded = a
            .limits
            .iter()
            .filter(|f| f.status == Status::Exceeded)
            .count();
        let warnings = a
            .limits
            .iter()
            .filter(|f| f.status == Status::Warning)
            .count();
        out.push_str(&format!(
            "\n{}: {} checks, {exceeded} exceeded, {warnings} warnings\n",
            a.name,
            a.limits.len()
        ));
        let mut t = new_table();
        t.set_header(vec![
            "Status",
            "Tier",
            "Check",
            "Value",
            "Limit",
            "Kind",
            "What to do / source",
        ]);
        for f in &a.limits {
            let what = if f.remedy.is_empty() {
                f.source.clone()
            } else {
                format!("{}\nsource: {}", f.remedy, f.source)
            };
            t.add_row(vec![
                Cell::new(f.status.label()),
                Cell::new(&f.tier),
                Cell::new(format!("{}\n{}", f.message, f.id)),
                Cell::new(&f.value),
                Cell::new(format!("{} {}", f.limit, f.unit)),
                Cell::new(&f.kind),
                Cell::new(what),
            ]);
        }
        out.push_str(&format!("{t}\n"));
    }
    out.push_str("\nKinds: hard = cannot be raised; quota = an account default you can raise (override it under [quotas]); setting = your own configuration.\n");
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
