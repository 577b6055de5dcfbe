//! Snapshots of every compare format for the three-tier example (reviewed by hand).
use crate::util::*;

fn rep() -> archcost::compare::Report {
    eval(&std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap())
}

#[test]
fn table_snapshot() {
    insta::assert_snapshot!(archcost::report::table::render(&rep()));
}

#[test]
fn csv_snapshot() {
    insta::assert_snapshot!(String::from_utf8(archcost::report::csv::render(&rep())).unwrap());
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(String::from_utf8(archcost::report::json::render(&rep())).unwrap());
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(archcost::report::markdown::render(&rep()));
}
