//! Message ids and the code agree (docs/reference/messages.md): every id the code names (a
//! string literal such as `"line.lambda.lambda_requests"`) has an English and a Japanese text,
//! and every id of the tables is named by the code — so a text cannot go missing, and a line
//! reworded in code cannot leave a stale text behind.
//!
//! An id built at run time from a literal prefix (`format!("axis.{k}")`,
//! `format!("error.range.not_numeric_{group}")`) counts every id starting with that prefix as
//! named. `unit.*` ids are keyed by catalog units (`messages::unit_id`) and are checked against
//! the units of the bundled price files and those the services name; `limit_unit.*` ids
//! likewise (`messages::limit_unit_id`) against the units of limits/limits.csv and those the
//! limit checks name. Comments and `#[cfg(test)]` modules (which may name made-up ids) are not
//! read.
use crate::util::repo;
use crate::util::rust_files;
use archcost::lang::Lang;
use archcost::messages::{entries, limit_unit_id, text, unit_id};
use std::collections::BTreeSet;

/// Units the limit checks write themselves (a setting's or a derived capacity's, not a
/// limits.csv row's): src/limits/*.rs.
const CHECK_UNITS: [&str; 8] = [
    "seconds",
    "requests per second",
    "connections",
    "RCU",
    "WCU",
    "vCPU",
    "tasks",
    "instances",
];

/// Units the services write on lines themselves (not from a price row): src/services/purchase.rs
/// (`<unit>-hour`, `<unit>-month` of a reservation; `hour`, `plan-month` of a commitment),
/// src/services/fargate.rs (Spot).
const SERVICE_UNITS: [&str; 9] = [
    "hour",
    "plan-month",
    "instance-hour",
    "instance-month",
    "RCU-hour",
    "RCU-month",
    "WCU-hour",
    "WCU-month",
    "vCPU-hour",
];

/// The top-level groups of the English table (`line`, `note`, `ui`…).
fn groups() -> BTreeSet<String> {
    entries(Lang::En)
        .filter_map(|(id, _)| id.split('.').next().map(str::to_string))
        .collect()
}

/// Every string literal of `code` that looks like an id of one of `groups`; an id built from
/// a prefix (`"axis.{k}"`) as the prefix followed by `*`. Comments and everything from
/// `#[cfg(test)]` on are skipped.
fn ids_in(code: &str, groups: &BTreeSet<String>) -> BTreeSet<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    for piece in code.split('"').skip(1).step_by(2) {
        let (id, built) = match piece.split_once('{') {
            Some((prefix, _)) => (prefix, true),
            None => (piece, false),
        };
        let ok = id.contains('.')
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
            && (built || !id.ends_with('.'))
            && groups.contains(id.split('.').next().unwrap_or_default());
        if ok {
            out.insert(if built {
                format!("{id}*")
            } else {
                id.to_string()
            });
        }
    }
    out
}

/// Whether `used` names `id`, itself or by a prefix.
fn named(used: &BTreeSet<String>, id: &str) -> bool {
    used.contains(id)
        || used
            .iter()
            .any(|u| u.strip_suffix('*').is_some_and(|p| id.starts_with(p)))
}

/// Ids named in src/ (test modules included: a test naming an id keeps it honest too).
fn ids_in_src() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&repo().join("src"), &mut files);
    let groups = groups();
    files
        .iter()
        .flat_map(|f| ids_in(&std::fs::read_to_string(f).unwrap(), &groups))
        .collect()
}

/// What is wrong between the ids the code names and the tables' ids.
fn problems(
    used: &BTreeSet<String>,
    en: &BTreeSet<String>,
    ja: &BTreeSet<String>,
    unit_ids: &BTreeSet<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for id in used.iter().filter(|id| !id.ends_with('*')) {
        if !en.contains(id) {
            out.push(format!("{id}: named in src/ but not in messages/en.toml"));
        }
        if !ja.contains(id) {
            out.push(format!("{id}: named in src/ but not in messages/ja.toml"));
        }
    }
    for id in en.union(ja) {
        if id.starts_with("unit.") || id.starts_with("limit_unit.") {
            if !unit_ids.contains(id) {
                out.push(format!(
                    "{id}: no catalog, service or limit unit has this id"
                ));
            }
        } else if !named(used, id) {
            out.push(format!("{id}: in the tables but no code names it"));
        }
    }
    out
}

/// The ids of every unit a limit finding can carry: limits/limits.csv's `unit` column and
/// `CHECK_UNITS`.
fn limit_unit_ids() -> BTreeSet<String> {
    let mut units: BTreeSet<String> = CHECK_UNITS.iter().map(|u| u.to_string()).collect();
    let mut r = csv::Reader::from_path(repo().join("limits/limits.csv")).unwrap();
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "unit")
        .unwrap();
    for rec in r.records() {
        units.insert(rec.unwrap()[col].to_string());
    }
    units.iter().map(|u| limit_unit_id(u)).collect()
}

/// The ids of every unit a line can carry: the bundled price files' `unit` column, the
/// commitment files' units, and `SERVICE_UNITS`; and of every limit unit.
fn unit_ids() -> BTreeSet<String> {
    let mut units: BTreeSet<String> = SERVICE_UNITS.iter().map(|u| u.to_string()).collect();
    let dir = repo().join("pricing/regions");
    for e in std::fs::read_dir(dir).unwrap() {
        let mut r = csv::Reader::from_path(e.unwrap().path()).unwrap();
        let col = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "unit")
            .unwrap();
        for rec in r.records() {
            units.insert(rec.unwrap()[col].to_string());
        }
    }
    let mut ids: BTreeSet<String> = units.iter().map(|u| unit_id(u)).collect();
    ids.extend(limit_unit_ids());
    ids
}

fn table_ids(lang: Lang) -> BTreeSet<String> {
    entries(lang).map(|(id, _)| id.to_string()).collect()
}

#[test]
fn every_id_in_code_has_both_texts_and_every_text_is_used() {
    let used = ids_in_src();
    assert!(used.len() > 200, "{}", used.len());
    let found = problems(
        &used,
        &table_ids(Lang::En),
        &table_ids(Lang::Ja),
        &unit_ids(),
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_unit_of_the_catalog_has_a_japanese_text() {
    for id in unit_ids() {
        assert!(text(Lang::Ja, &id).is_some(), "{id}");
        assert!(text(Lang::En, &id).is_some(), "{id}");
    }
}

/// A limit unit's English text is the unit as limits.csv and the checks spell it (JSON
/// carries that spelling).
#[test]
fn every_limit_unit_reads_as_spelled() {
    let mut r = csv::Reader::from_path(repo().join("limits/limits.csv")).unwrap();
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "unit")
        .unwrap();
    let mut units: BTreeSet<String> = CHECK_UNITS.iter().map(|u| u.to_string()).collect();
    for rec in r.records() {
        units.insert(rec.unwrap()[col].to_string());
    }
    for u in units {
        assert_eq!(text(Lang::En, &limit_unit_id(&u)), Some(u.as_str()), "{u}");
    }
}

#[test]
fn the_id_check_can_fail() {
    let groups: BTreeSet<String> = ["line", "note", "unit"].map(String::from).into();
    let code = concat!(
        "msg!(\"line.a.b\", x); let s = \"not.an.id\"; t(\"note.c\"); \"Line.A\";\n",
        "// msg!(\"note.in_a_comment\")\n",
        "format!(\"line.dyn_{k}\");\n",
        "#[cfg(test)]\nmod tests { fn f() { msg!(\"note.in_a_test\") } }\n",
    );
    let used = ids_in(code, &groups);
    assert_eq!(
        used,
        ["line.a.b", "line.dyn_*", "note.c"]
            .map(String::from)
            .into()
    );
    let set = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    let en = set(&["line.a.b", "line.dyn_x", "note.old", "unit.gb"]);
    let ja = set(&["line.a.b", "line.dyn_x", "note.c", "unit.gb", "unit.parsec"]);
    assert_eq!(
        problems(&used, &en, &ja, &set(&["unit.gb"])),
        [
            "note.c: named in src/ but not in messages/en.toml",
            "note.old: in the tables but no code names it",
            "unit.parsec: no catalog, service or limit unit has this id",
        ]
        .map(String::from)
    );
}
