//! Command-line definitions (clap only; no logic).
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "archcost", version, about = "Monthly AWS cost and hard limits of candidate architectures for one workload", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Price every architecture of a scenario and show the comparison
    Compare(CompareArgs),
    /// Check a scenario file without pricing it
    Validate(ScenarioArgs),
    /// Print a commented starting scenario
    Init(InitArgs),
    /// Price every architecture while one numeric key varies over a range
    Sweep(SweepArgs),
    /// Find where two architectures' monthly costs cross (solved exactly)
    Breakeven(BreakevenArgs),
    /// What changed between two scenarios (or one scenario under two catalogs), per line item
    Diff(DiffArgs),
    /// Which workload inputs move each architecture's cost most (tornado table)
    Sensitivity(SensitivityArgs),
    /// Inspect and manage price catalogs
    Pricing {
        #[command(subcommand)]
        command: PricingCommand,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CurrencyArg {
    #[value(name = "USD")]
    Usd,
    #[value(name = "JPY")]
    Jpy,
}

/// Options every command that reads a scenario shares.
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    /// Scenario TOML file
    pub scenario: PathBuf,
    /// Price catalog directory written by `pricing fetch`/`import` (overrides assumptions.pricing)
    #[arg(long, value_name = "DIR")]
    pub pricing: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write to FILE instead of standard output (atomically)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Display currency (overrides assumptions.currency; JPY needs assumptions.usd_jpy)
    #[arg(long, value_enum)]
    pub currency: Option<CurrencyArg>,
    /// Exit 3 when any limit or quota is exceeded
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Template to print
    #[arg(long, default_value = "three-tier")]
    pub template: String,
}

#[derive(Debug, Subcommand)]
pub enum PricingCommand {
    /// List catalog rows
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Only this region
    #[arg(long)]
    pub region: Option<String>,
    /// Only keys of this service (key prefix, e.g. lambda, fargate, rds)
    #[arg(long)]
    pub service: Option<String>,
    /// Catalog directory (default: the bundled catalog)
    #[arg(long, value_name = "DIR")]
    pub pricing: Option<PathBuf>,
    /// Output format (table or csv)
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// A decimal number from the command line: 1000, 0.5, 1e5, 2.5E6.
pub fn parse_decimal(s: &str) -> Result<rust_decimal::Decimal, String> {
    use std::str::FromStr;
    let t = s.trim().replace('_', "");
    rust_decimal::Decimal::from_str(&t)
        .or_else(|_| rust_decimal::Decimal::from_scientific(&t.to_lowercase()))
        .map_err(|_| format!("`{s}` is not a number (write e.g. 1000, 0.5 or 1e6)"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SweepFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Numeric key to vary, by dot path (workload.requests_per_month, architecture.NAME.app.memory_mb, ...)
    #[arg(long, value_name = "KEY")]
    pub vary: String,
    /// First value
    #[arg(long, value_parser = parse_decimal, allow_hyphen_values = true)]
    pub from: rust_decimal::Decimal,
    /// Last value
    #[arg(long, value_parser = parse_decimal, allow_hyphen_values = true)]
    pub to: rust_decimal::Decimal,
    /// Number of values, both ends included
    #[arg(long, default_value_t = 50)]
    pub steps: usize,
    /// Space the values logarithmically (needs --from above 0)
    #[arg(long)]
    pub log: bool,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: SweepFormat,
    /// Also draw a line chart (FILE.svg)
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// Write to FILE instead of standard output (atomically)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BreakevenFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct BreakevenArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Numeric key to vary, by dot path
    #[arg(long, value_name = "KEY")]
    pub vary: String,
    /// Start of the searched range (default for request volumes: the scenario's value / 1000)
    #[arg(long, value_parser = parse_decimal, allow_hyphen_values = true)]
    pub from: Option<rust_decimal::Decimal>,
    /// End of the searched range (default for request volumes: the scenario's value x 1000)
    #[arg(long, value_parser = parse_decimal, allow_hyphen_values = true)]
    pub to: Option<rust_decimal::Decimal>,
    /// Only this pair of architectures: A,B
    #[arg(long, value_name = "A,B")]
    pub between: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: BreakevenFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Scenario A (before)
    pub a: PathBuf,
    /// Scenario B (after); may be the same file as A with --pricing-b
    pub b: PathBuf,
    /// Catalog directory for A (and for B unless --pricing-b is given)
    #[arg(long, value_name = "DIR")]
    pub pricing: Option<PathBuf>,
    /// Catalog directory for B
    #[arg(long, value_name = "DIR")]
    pub pricing_b: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,
    /// Write to FILE instead of standard output (atomically)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Vary each input by +/- this percent (inputs with a declared range use the range)
    #[arg(long, value_parser = parse_decimal, default_value = "20")]
    pub percent: rust_decimal::Decimal,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: BreakevenFormat,
}
