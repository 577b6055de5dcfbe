//! `archcost sensitivity`: which inputs move each architecture's cost most (tornado table).
use super::{load, Output};
use crate::cli::{Format, SensitivityArgs};
use crate::error::Result;
use crate::report::sensitivity as render;

pub fn run(args: SensitivityArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "sensitivity",
        &[Format::Table, Format::Markdown, Format::Json],
    )?;
    let (mut s, catalog) = load(&args.input)?;
    let display = out.display(&mut s, &args.input.scenario)?;
    let result = crate::sensitivity::analyse(&s, &catalog, args.pct)?;
    let bytes = match out.format {
        Format::Markdown => render::markdown(&result, &display).into_bytes(),
        Format::Json => render::json(&result),
        _ => render::table(&result, &display).into_bytes(),
    };
    out.emit(&bytes)?;
    Ok(0)
}
