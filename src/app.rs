//! Command dispatch: load inputs, run the engine, write outputs, decide the exit code.
use crate::cli::{
    Cli, Command, CompareArgs, CurrencyArg, Format, LangArg, LimitsArgs, PricingCommand,
    ReportArgs, ScenarioArgs,
};
use crate::compare;
use crate::error::{Error, Result};
use crate::limits::Status;
use crate::pricing::{self, Catalog};
use crate::report;
use crate::scenario::{self, Currency, Scenario};
use std::io::Write;
use std::path::Path;

/// Run a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Compare(args) => compare_cmd(args),
        Command::Report(args) => report_cmd(args),
        Command::Validate(args) => {
            let (s, catalog) = load(&args)?;
            let (oldest, newest) = catalog.effective_range(&s.regions()).unwrap_or_default();
            println!(
                "{}: ok — {} architectures, region {}, catalog {} (prices effective {oldest} to {newest})",
                args.scenario.display(),
                s.architectures.len(),
                pricing::regions::describe(&s.region),
                catalog.origin,
            );
            Ok(0)
        }
        Command::Limits(args) => limits_cmd(args),
        Command::Diff(args) => crate::diff::command(args),
        Command::Sensitivity(args) => crate::sensitivity::command(args),
        Command::Sweep(args) => report::sweep::sweep_cmd(args),
        Command::Breakeven(args) => report::sweep::breakeven_cmd(args),
        Command::Serve(args) => crate::commands::serve::run(args),
        Command::Init(args) => {
            let text = report::templates::scenario(&args.template)?;
            print!("{text}");
            Ok(0)
        }
        Command::Pricing { command } => match command {
            PricingCommand::Show(args) => pricing::commands::show(args),
            PricingCommand::Import(args) => pricing::commands::import(args),
            PricingCommand::Fetch(args) => pricing::commands::fetch(args),
            PricingCommand::Diff(args) => pricing::commands::diff(args),
        },
    }
}

/// A catalog borrowed from the binary (bundled) or built for this run (a directory).
pub type CatalogRef = std::borrow::Cow<'static, Catalog>;

/// The catalog a scenario asks for: bundled (not copied), or a directory overlaid on the
/// bundled rows.
pub fn catalog_for(dir: Option<&Path>) -> Result<CatalogRef> {
    match dir {
        None => Ok(CatalogRef::Borrowed(pricing::bundled::catalog())),
        Some(dir) => {
            let local = pricing::load_dir(dir)?;
            Ok(CatalogRef::Owned(
                pricing::bundled::catalog().overlaid(&local),
            ))
        }
    }
}

/// Load a scenario and the catalog it prices against (`--pricing` beats `assumptions.pricing`).
pub fn load(args: &ScenarioArgs) -> Result<(Scenario, CatalogRef)> {
    // Parse once, load the catalog the scenario names (`--pricing` wins), then validate against it.
    let text = scenario::read_text(&args.scenario)?;
    let name = args.scenario.display().to_string();
    let s = scenario::parse_unchecked(&name, &text)?;
    let pricing_dir = match &args.pricing {
        Some(p) => Some(p.clone()),
        None => Some(s.assumptions.pricing.as_str())
            .filter(|p| *p != "bundled")
            .map(|p| resolve_relative(&args.scenario, p)),
    };
    let catalog = catalog_for(pricing_dir.as_deref()).map_err(|e| {
        if args.pricing.is_some() {
            return e;
        }
        // The path came from the scenario: say where it is written.
        let at = scenario::key_location(&name, &text, "assumptions.pricing");
        let msg = e.to_string();
        let code = e.exit_code();
        let msg = format!("{at}: `assumptions.pricing`: {msg}");
        if code == 2 {
            Error::Input(msg)
        } else {
            Error::Io {
                path: at.into(),
                source: std::io::Error::other(msg),
            }
        }
    })?;
    scenario::check(&name, &text, &s, &catalog)?;
    Ok((s, catalog))
}

fn resolve_relative(scenario: &Path, p: &str) -> std::path::PathBuf {
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

fn lang(l: LangArg) -> report::i18n::Lang {
    match l {
        LangArg::En => report::i18n::Lang::En,
        LangArg::Ja => report::i18n::Lang::Ja,
    }
}

fn compare_cmd(args: CompareArgs) -> Result<u8> {
    let (mut s, catalog) = load(&args.input)?;
    apply_currency(&mut s, args.currency, &args.input.scenario)?;
    let rep = compare::evaluate(&s, &catalog)?;
    let lang = lang(args.lang);
    let bytes = match args.format {
        Format::Table => report::table::render_in(&rep, lang).into_bytes(),
        Format::Csv => report::csv::render_in(&rep, lang, args.bom),
        Format::Json => report::json::render(&rep),
        Format::Markdown => report::markdown::render_in(&rep, lang).into_bytes(),
        Format::Html => report::folder::standalone_html(&s, &catalog, lang)?.into_bytes(),
    };
    emit(args.out.as_deref(), &bytes)?;
    // `--strict`: any exceeded hard limit or quota is exit 3.
    Ok(if args.strict && limit_exceeded(&rep, true) {
        3
    } else {
        0
    })
}

fn report_cmd(args: ReportArgs) -> Result<u8> {
    let (mut s, catalog) = load(&args.input)?;
    apply_currency(&mut s, args.currency, &args.input.scenario)?;
    let opts = report::folder::Options {
        lang: lang(args.lang),
        bom: args.bom,
    };
    let target = args
        .out
        .clone()
        .unwrap_or_else(|| report::folder::default_dir(&args.input.scenario));
    let written = report::folder::write(&s, &catalog, &target, opts)?;
    report::folder::print_written(&written, opts.lang);
    Ok(0)
}

/// True when a hard limit is exceeded (or any quota too, with `count_quotas`).
pub fn limit_exceeded(rep: &compare::Report, count_quotas: bool) -> bool {
    rep.architectures
        .iter()
        .flat_map(|a| &a.limits)
        .any(|f| f.status == Status::Exceeded && (count_quotas || f.kind == "hard"))
}

/// Write to a file atomically (temp file + rename) or to standard output.
pub fn emit(out: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match out {
        Some(path) => write_atomic(path, bytes),
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

/// Write `bytes` to `path` atomically with the umask's mode (see `fsio::write_atomic`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::fsio::write_atomic(path, bytes)
}

fn limits_cmd(args: LimitsArgs) -> Result<u8> {
    let (s, catalog) = load(&args.input)?;
    let rep = compare::evaluate(&s, &catalog)?;
    let bytes = match args.format {
        Format::Json => report::limits::json(&rep),
        _ => report::limits::table_in(&rep, lang(args.lang)).into_bytes(),
    };
    emit(None, &bytes)?;
    // Exit 3 when a hard limit is exceeded or an architecture cannot carry the load (with
    // `--strict`, also for any exceeded quota or setting).
    let infeasible = rep.architectures.iter().any(|a| !a.feasible);
    Ok(if infeasible || limit_exceeded(&rep, args.strict) {
        3
    } else {
        0
    })
}
