//! `archcost breakeven`: every point where two architectures cost the same as one key varies.
use super::{load, parse_decimal, Output};
use crate::cli::{BreakevenArgs, Format};
use crate::error::{Error, Result};
use crate::report::sweep as render;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub fn run(args: BreakevenArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "breakeven",
        &[Format::Table, Format::Json, Format::Csv, Format::Markdown],
    )?;
    let (mut s, catalog) = load(&args.input)?;
    let display = out.display(&mut s, &args.input.scenario)?;
    let (from, to) = match (&args.from, &args.to) {
        (Some(a), Some(b)) => (parse_decimal("--from", a)?, parse_decimal("--to", b)?),
        (None, None) if args.vary.starts_with("workload.requests_per_") => {
            let v = crate::sweep::current_value(&s, &args.vary).unwrap_or_default();
            if v <= Decimal::ZERO {
                (dec!(1), dec!(1_000_000_000_000))
            } else {
                ((v / dec!(1000)).max(dec!(0.001)), v * dec!(1000))
            }
        }
        _ => {
            return Err(Error::Said(crate::said!(
                "error.cli.breakeven_range",
                args.vary.as_str()
            )))
        }
    };
    let between = match &args.between {
        Some(text) => match text.split_once(',') {
            Some((a, b)) => Some((a.trim().to_string(), b.trim().to_string())),
            None => {
                return Err(Error::Said(crate::said!(
                    "error.cli.between",
                    text.as_str()
                )))
            }
        },
        None => None,
    };
    let crossings = crate::breakeven::breakeven(&s, &catalog, &args.vary, from, to, between)?;
    let bytes = match out.format {
        Format::Json => render::breakeven_json(&args.vary, from, to, &crossings),
        Format::Csv => out.csv(render::breakeven_csv(&crossings)),
        Format::Markdown => {
            render::breakeven_text(&args.vary, from, to, &crossings, &display, true).into_bytes()
        }
        _ => render::breakeven_text(&args.vary, from, to, &crossings, &display, false).into_bytes(),
    };
    out.emit(&bytes)?;
    Ok(0)
}
