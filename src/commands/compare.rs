//! `archcost compare`: price every architecture; table, CSV, JSON, Markdown or HTML.
use super::{limit_exceeded, load, Output};
use crate::cli::{CompareArgs, Format};
use crate::error::Result;
use crate::report;

pub fn run(args: CompareArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "compare",
        &[
            Format::Table,
            Format::Csv,
            Format::Json,
            Format::Markdown,
            Format::Html,
        ],
    )?;
    let (mut s, catalog) = load(&args.input)?;
    out.display(&mut s, &args.input.scenario)?;
    let rep = crate::compare::evaluate(&s, &catalog)?;
    let lang = out.lang;
    let bytes = match out.format {
        Format::Table => report::table::render_in(&rep, lang).into_bytes(),
        Format::Csv => report::csv::render_in(&rep, lang, out.bom),
        Format::Json => report::json::render(&rep),
        Format::Markdown => report::markdown::render_in(&rep, lang).into_bytes(),
        Format::Html => report::folder::standalone_html(&s, &catalog, lang)?.into_bytes(),
    };
    out.emit(&bytes)?;
    // `--strict`: any exceeded hard limit or quota is exit 3.
    Ok(if args.strict && limit_exceeded(&rep, true) {
        3
    } else {
        0
    })
}
