//! `archcost diff A B`: load both sides (each with its own catalog), diff line by line, render.
use super::{load_with_text, Output};
use crate::cli::{Format, ScenarioArgs, ScenarioDiffArgs};
use crate::error::Result;
use crate::report::diff as render;

pub fn run(args: ScenarioDiffArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "diff",
        &[Format::Table, Format::Markdown, Format::Json],
    )?;
    let (mut sa, ca, text_a) = load_with_text(&ScenarioArgs {
        scenario: args.a.clone(),
        pricing: args.pricing.clone(),
    })?;
    let (mut sb, cb, text_b) = load_with_text(&ScenarioArgs {
        scenario: args.b.clone(),
        pricing: args.pricing_b.clone().or_else(|| args.pricing.clone()),
    })?;
    // Both sides are shown in A's display currency (B's rate, if any, is not mixed in).
    let display = out.display(&mut sa, &args.a)?;
    sb.assumptions.currency = sa.assumptions.currency;
    sb.assumptions.usd_jpy = sa.assumptions.usd_jpy;
    sb.assumptions.fx_date = sa.assumptions.fx_date.clone();
    let ra = crate::compare::evaluate(&sa, &ca)?;
    let rb = crate::compare::evaluate(&sb, &cb)?;
    let mut d = crate::diff::diff(
        &ra,
        &args.a.display().to_string(),
        &rb,
        &args.b.display().to_string(),
    );
    d.inputs = crate::diff::input_changes(&text_a, &text_b);
    let bytes = match out.format {
        Format::Markdown => render::markdown(&d, &display).into_bytes(),
        Format::Json => render::json(&d),
        _ => render::table(&d, &display).into_bytes(),
    };
    out.emit(&bytes)?;
    Ok(0)
}
