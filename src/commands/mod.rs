//! The command layer: the only code that knows flags, files and standard output. One module per
//! subcommand; each loads its inputs, runs the engine and hands the results to `report/`, whose
//! formatters return bytes. What they share is in `common` (re-exported here).
pub mod breakeven;
pub mod compare;
pub mod completions;
pub mod diff;
pub mod init;
pub mod limits;
pub mod man;
pub mod optimize;
pub mod pricing;
pub mod report;
pub mod sensitivity;
pub mod serve;
pub mod sweep;
pub mod validate;

mod common;

pub use common::*;
// Loading scenarios and catalogs lives below both commands/ and serve/; re-exported for callers
// that name it through `commands`.
pub use crate::inputs::{catalog_at, catalog_dir, catalog_for, parse_decimal, CatalogRef};

use crate::cli::{Cli, Command};
use crate::error::Result;

/// Run a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let lang = match &cli.command {
        Command::Sweep(a) => lang(a.output.locale.lang),
        Command::Breakeven(a) => lang(a.output.locale.lang),
        Command::Sensitivity(a) => lang(a.output.locale.lang),
        _ => crate::lang::Lang::En,
    };
    dispatch(cli).map_err(|e| e.name_range_in(&crate::range::FLAGS, lang))
}

fn dispatch(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Compare(args) => compare::run(args),
        Command::Report(args) => report::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Limits(args) => limits::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Sensitivity(args) => sensitivity::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Breakeven(args) => breakeven::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man => man::run(),
        Command::Serve(args) => serve::run(args),
        Command::Optimize(args) => optimize::run(args),
        Command::Pricing { command } => pricing::run(command),
    }
}
