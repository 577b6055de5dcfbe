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
pub mod schema;
pub mod sensitivity;
pub mod serve;
pub mod sweep;
pub mod validate;

mod common;

pub use common::*;
// Loading scenarios and catalogs lives below both commands/ and serve/; re-exported for callers
// that name it through `commands`.
pub use crate::inputs::{catalog_at, catalog_dir, catalog_for, parse_decimal, CatalogRef};

use crate::cli::{Cli, Command, LangArg};
use crate::error::Result;
use crate::lang::Lang;
use std::io::Write;

/// Run a parsed command line and print its error, if any, on standard error in the command's
/// `--lang`; returns the process exit code.
pub fn main(cli: Cli) -> u8 {
    let lang = lang_of(&cli);
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let text = crate::messages::render(lang, "error.cli.line", &[&err.render(lang)]);
            let _ = writeln!(std::io::stderr().lock(), "{text}");
            err.exit_code()
        }
    }
}

/// The language a command line asks for (`--lang`; English for commands without one). The
/// scenario has no language key: the flag alone decides, for output and errors alike.
pub fn lang_of(cli: &Cli) -> Lang {
    let arg = match &cli.command {
        Command::Compare(a) => a.output.locale.lang,
        Command::Report(a) => a.locale.lang,
        Command::Validate(a) => a.lang,
        Command::Limits(a) => a.output.locale.lang,
        Command::Diff(a) => a.output.locale.lang,
        Command::Sensitivity(a) => a.output.locale.lang,
        Command::Sweep(a) => a.output.locale.lang,
        Command::Breakeven(a) => a.output.locale.lang,
        Command::Init(a) => a.lang,
        Command::Serve(a) => a.lang,
        Command::Optimize(a) => a.output.locale.lang,
        Command::Completions(_) | Command::Man | Command::Schema(_) | Command::Pricing { .. } => {
            LangArg::En
        }
    };
    lang(arg)
}

/// How the command line names a range's inputs: by flag.
const FLAGS: crate::range::Words = crate::range::Words {
    from: "--from",
    to: "--to",
    steps: "--steps",
    log: "--log",
    pct: "--pct",
    vary: "--vary",
    between: "--between",
};

/// Run a parsed command line; returns the process exit code. Range errors are worded with the
/// flags (`--from`, `--to`) in the command's language.
pub fn run(cli: Cli) -> Result<u8> {
    let lang = lang_of(&cli);
    dispatch(cli).map_err(|e| e.name_range_in(&FLAGS, lang))
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
        Command::Schema(args) => schema::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Optimize(args) => optimize::run(args),
        Command::Pricing { command } => pricing::run(command),
    }
}
