//! `archcost limits`: every limit check; exit 3 when a hard limit is exceeded or an
//! architecture cannot carry the load (any exceeded quota too with `--strict`).
use super::{limit_exceeded, load, Output};
use crate::cli::{Format, LimitsArgs};
use crate::error::Result;
use crate::report;

pub fn run(args: LimitsArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "limits",
        &[Format::Table, Format::Json, Format::Csv, Format::Markdown],
    )?;
    let (mut s, catalog) = load(&args.input)?;
    out.display(&mut s, &args.input.scenario)?;
    let rep = crate::compare::evaluate(&s, &catalog)?;
    let bytes = match out.format {
        Format::Json => report::limits::json(&rep),
        Format::Csv => out.csv(report::limits::csv(&rep, out.lang)),
        Format::Markdown => report::limits::markdown(&rep, out.lang).into_bytes(),
        _ => report::limits::table_in(&rep, out.lang).into_bytes(),
    };
    out.emit(&bytes)?;
    let infeasible = rep.architectures.iter().any(|a| !a.feasible);
    Ok(if infeasible || limit_exceeded(&rep, args.strict) {
        3
    } else {
        0
    })
}
