//! The command layer: the only code that knows flags, files and standard output. One module per
//! subcommand; each loads its inputs, runs the engine and hands the results to `report/`, whose
//! formatters return bytes. Shared here: loading a scenario with its catalog, and the one set of
//! output options (`--format`, `--out`, `--lang`, `--currency`, `--bom`) every command honours.
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

use crate::cli::{Cli, Command, CurrencyArg, Format, LangArg, OutputArgs, ScenarioArgs};
use crate::error::{Error, Result};
use crate::pricing::Catalog;
use crate::report::display::Display;
use crate::report::i18n::Lang;
use crate::scenario::{self, Currency, Scenario};
use rust_decimal::Decimal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Run a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
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

/// A catalog borrowed from the binary (bundled) or built for this run (a directory).
pub type CatalogRef = std::borrow::Cow<'static, Catalog>;

/// The catalog a scenario asks for: bundled (not copied), or a directory overlaid on the
/// bundled rows.
pub fn catalog_for(dir: Option<&Path>) -> Result<CatalogRef> {
    match dir {
        None => Ok(CatalogRef::Borrowed(crate::pricing::bundled::catalog())),
        Some(dir) => {
            let local = crate::pricing::load_dir(dir)?;
            Ok(CatalogRef::Owned(
                crate::pricing::bundled::catalog().overlaid(&local),
            ))
        }
    }
}

/// Load a scenario and the catalog it prices against (`--pricing` beats `assumptions.pricing`).
pub fn load(args: &ScenarioArgs) -> Result<(Scenario, CatalogRef)> {
    load_with_text(args).map(|(s, catalog, _)| (s, catalog))
}

/// `load`, also returning the scenario file's text as read (the report stamp hashes it).
pub fn load_with_text(args: &ScenarioArgs) -> Result<(Scenario, CatalogRef, String)> {
    // Parse once, load the catalog the scenario names (`--pricing` wins), then validate against it.
    let text = scenario::read_text(&args.scenario)?;
    let name = args.scenario.display().to_string();
    let s = scenario::parse_unchecked(&name, &text)?;
    let dir = catalog_dir(&args.scenario, &s, args.pricing.as_deref());
    let catalog = catalog_at(dir.as_deref(), args.pricing.is_some(), &name, &text)?;
    scenario::check(&name, &text, &s, &catalog)?;
    Ok((s, catalog, text))
}

/// The catalog directory a scenario prices against: `--pricing` wins over
/// `assumptions.pricing` (relative to the scenario's folder); None = bundled.
pub fn catalog_dir(file: &Path, s: &Scenario, cli_pricing: Option<&Path>) -> Option<PathBuf> {
    match cli_pricing {
        Some(p) => Some(p.to_path_buf()),
        None => Some(s.assumptions.pricing.as_str())
            .filter(|p| *p != "bundled")
            .map(|p| resolve_relative(file, p)),
    }
}

/// `catalog_for(dir)`, with a failure located at the scenario's `assumptions.pricing` line when
/// the directory came from the scenario (`from_cli` false) rather than `--pricing`.
pub fn catalog_at(
    dir: Option<&Path>,
    from_cli: bool,
    name: &str,
    text: &str,
) -> Result<CatalogRef> {
    catalog_for(dir).map_err(|e| {
        if from_cli {
            return e;
        }
        let at = scenario::key_location(name, text, "assumptions.pricing");
        let msg = format!("{at}: `assumptions.pricing`: {e}");
        if e.exit_code() == 2 {
            Error::Input(msg)
        } else {
            Error::Io {
                path: at.into(),
                source: std::io::Error::other(msg),
            }
        }
    })
}

fn resolve_relative(scenario: &Path, p: &str) -> PathBuf {
    let path = Path::new(p);
    if path.is_absolute() || path.exists() {
        return path.to_path_buf();
    }
    scenario
        .parent()
        .map(|d| d.join(path))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Apply `--currency` to a loaded scenario (JPY needs an exchange rate in the file).
pub fn apply_currency(s: &mut Scenario, currency: Option<CurrencyArg>, file: &Path) -> Result<()> {
    if let Some(c) = currency {
        s.assumptions.currency = match c {
            CurrencyArg::Usd => Currency::USD,
            CurrencyArg::Jpy => Currency::JPY,
        };
        if s.assumptions.currency == Currency::JPY && s.assumptions.usd_jpy.is_none() {
            return Err(Error::Input(format!(
                "--currency JPY: {} has no exchange rate\n  hint: add usd_jpy = 150.0 and fx_date = \"YYYY-MM-DD\" under [assumptions]",
                file.display()
            )));
        }
    }
    Ok(())
}

pub fn lang(l: LangArg) -> Lang {
    match l {
        LangArg::En => Lang::En,
        LangArg::Ja => Lang::Ja,
    }
}

/// The output options of one run, checked against what the command can write.
pub struct Output {
    pub format: Format,
    pub out: Option<PathBuf>,
    pub lang: Lang,
    pub currency: Option<CurrencyArg>,
    pub bom: bool,
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Table => "table",
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

impl Output {
    /// `supported` lists the formats the command writes; the first is its default.
    pub fn new(args: &OutputArgs, command: &str, supported: &[Format]) -> Result<Output> {
        let format = args.format.unwrap_or(supported[0]);
        if !supported.contains(&format) {
            let names: Vec<&str> = supported.iter().map(|f| format_name(*f)).collect();
            return Err(Error::Input(format!(
                "{command} --format {}: this command writes {}\n  hint: choose one of those formats",
                format_name(format),
                names.join(", ")
            )));
        }
        Ok(Output {
            format,
            out: args.out.clone(),
            lang: lang(args.locale.lang),
            currency: args.locale.currency,
            bom: args.locale.bom,
        })
    }

    /// Apply `--currency` to the scenario and return how to show its numbers.
    pub fn display(&self, s: &mut Scenario, file: &Path) -> Result<Display> {
        apply_currency(s, self.currency, file)?;
        Ok(Display::for_scenario(s, self.lang))
    }

    /// Display for outputs that have no scenario (price catalogs are in USD).
    pub fn display_usd(&self, command: &str) -> Result<Display> {
        if self.currency == Some(CurrencyArg::Jpy) {
            return Err(Error::Input(format!(
                "{command} --currency JPY: catalogs list AWS's USD prices and there is no scenario with an exchange rate here\n  hint: drop --currency, or use a scenario command with usd_jpy and fx_date"
            )));
        }
        Ok(Display::usd(self.lang))
    }

    /// CSV bytes with the byte order mark when `--bom` asks for it.
    pub fn csv(&self, bytes: Vec<u8>) -> Vec<u8> {
        if self.bom && !bytes.starts_with(crate::report::csv::BOM) {
            let mut out = crate::report::csv::BOM.to_vec();
            out.extend(bytes);
            out
        } else {
            bytes
        }
    }

    pub fn emit(&self, bytes: &[u8]) -> Result<()> {
        emit(self.out.as_deref(), bytes)
    }
}

/// Write to a file atomically (temp file + rename) or to standard output.
pub fn emit(out: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match out {
        Some(path) => crate::fsio::write_atomic(path, bytes),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Error::io("standard output", e)),
            }
        }
    }
}

/// Parse a command-line number: "1e9", "30_000_000", "0.5".
pub fn parse_decimal(flag: &str, text: &str) -> Result<Decimal> {
    let t = text.trim().replace('_', "");
    Decimal::from_str(&t)
        .or_else(|_| Decimal::from_scientific(&t))
        .map_err(|_| {
            Error::Input(format!(
                "{flag} `{text}`: expected a number such as 1e6 or 0.5"
            ))
        })
}

/// True when a hard limit is exceeded (or any quota too, with `count_quotas`).
pub fn limit_exceeded(rep: &crate::compare::Report, count_quotas: bool) -> bool {
    rep.architectures
        .iter()
        .flat_map(|a| &a.limits)
        .any(|f| f.status == crate::limits::Status::Exceeded && (count_quotas || f.kind == "hard"))
}
