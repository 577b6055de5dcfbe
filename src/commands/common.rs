//! What every command shares: loading its scenario from the command line's arguments, and the
//! one set of output options (`--format`, `--out`, `--lang`, `--currency`, `--bom`) every
//! command honours, with the atomic write to a file or standard output.
use crate::cli::{CurrencyArg, Format, LangArg, OutputArgs, ScenarioArgs};
use crate::error::{Error, Result};
use crate::inputs::{load_scenario, CatalogRef};
use crate::lang::Lang;
use crate::report::display::Display;
use crate::scenario::{Currency, Scenario};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Load a scenario and the catalog it prices against (`--pricing` beats `assumptions.pricing`).
pub fn load(args: &ScenarioArgs) -> Result<(Scenario, CatalogRef)> {
    load_with_text(args).map(|(s, catalog, _)| (s, catalog))
}

/// `load`, also returning the scenario file's text as read (the report stamp hashes it).
pub fn load_with_text(args: &ScenarioArgs) -> Result<(Scenario, CatalogRef, String)> {
    load_scenario(&args.scenario, args.pricing.as_deref())
}

/// Apply `--currency` to a loaded scenario (JPY needs an exchange rate in the file).
pub fn apply_currency(s: &mut Scenario, currency: Option<CurrencyArg>, file: &Path) -> Result<()> {
    if let Some(c) = currency {
        s.assumptions.currency = match c {
            CurrencyArg::Usd => Currency::USD,
            CurrencyArg::Jpy => Currency::JPY,
        };
        if s.assumptions.currency == Currency::JPY && s.assumptions.usd_jpy.is_none() {
            let file = file.display().to_string();
            return Err(Error::Said(crate::said!("error.cli.jpy_no_rate", file)));
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
            return Err(Error::Said(crate::said!(
                "error.cli.format_not_written",
                command,
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
            return Err(Error::Said(crate::said!("error.cli.catalog_jpy", command)));
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

/// True when a hard limit is exceeded (or any quota too, with `count_quotas`).
pub fn limit_exceeded(rep: &crate::compare::Report, count_quotas: bool) -> bool {
    rep.architectures
        .iter()
        .flat_map(|a| &a.limits)
        .any(|f| f.status == crate::limits::Status::Exceeded && (count_quotas || f.kind == "hard"))
}
