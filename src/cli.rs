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
    /// Write every format and both charts into one report folder
    Report(ReportArgs),
    /// Check a scenario file without pricing it
    Validate(ValidateArgs),
    /// Check every architecture against hard limits and quotas (exit 3 when a hard limit is exceeded)
    Limits(LimitsArgs),
    /// Price every architecture while one numeric key varies
    Sweep(SweepArgs),
    /// Where two architectures cost the same as one key varies (solved exactly)
    Breakeven(BreakevenArgs),
    /// Print a commented starting scenario
    Init(InitArgs),
    /// Compare two scenarios (or one scenario under two catalogs) line by line
    Diff(ScenarioDiffArgs),
    /// Rank workload inputs by how much they move each architecture's cost (tornado table)
    Sensitivity(SensitivityArgs),
    /// Live what-if page and JSON API for a review meeting (loopback only by default)
    Serve(ServeArgs),
    /// The cheapest configuration of each architecture that carries the workload
    /// (choices from its [architecture.search] table)
    Optimize(OptimizeArgs),
    /// Inspect and manage price catalogs
    Pricing {
        #[command(subcommand)]
        command: PricingCommand,
    },
    /// Print the JSON Schema (draft 2020-12) of a scenario file, the JSON report or the optimize answer
    Schema(SchemaArgs),
    /// Print a shell completion script to standard output
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to standard output
    #[command(after_help = MAN_HELP)]
    Man,
}

const COMPLETIONS_HELP: &str = "Install (then start a new shell):
  bash        archcost completions bash > ~/.local/share/bash-completion/completions/archcost
  zsh         archcost completions zsh > ~/.zfunc/_archcost
              (with fpath+=~/.zfunc before compinit in ~/.zshrc)
  fish        archcost completions fish > ~/.config/fish/completions/archcost.fish
  powershell  archcost completions powershell >> $PROFILE
  elvish      archcost completions elvish > ~/.config/elvish/lib/archcost.elv
              (with `use archcost` in ~/.config/elvish/rc.elv)";

const MAN_HELP: &str =
    "Install: archcost man > ~/.local/share/man/man1/archcost.1   (then: man archcost)";

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which document: a scenario file (TOML, as JSON), the JSON report (compare --format json) or
    /// the optimize answer (optimize --format json)
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Scenario,
    Report,
    Optimize,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate the completion script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
    /// Self-contained HTML page with inline SVG charts
    Html,
}

/// Output options shared by every command that prints results (defined once, flattened into
/// each). A format a command cannot produce is refused with exit 2.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format (default: a table for the terminal; each command lists what it can write)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output (atomically)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub locale: LocaleArgs,
}

/// Language, display currency and CSV byte order mark: part of `OutputArgs`, and taken alone by
/// `report` (whose `--out` is a folder of every format).
#[derive(Debug, Clone, Args)]
pub struct LocaleArgs {
    /// Language of labels, notes and messages (machine fields never change)
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// Display currency (overrides assumptions.currency; JPY needs assumptions.usd_jpy)
    #[arg(long, value_enum)]
    pub currency: Option<CurrencyArg>,
    /// Start CSV output with a UTF-8 byte order mark (so Excel reads Japanese text correctly)
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CurrencyArg {
    #[value(name = "USD")]
    Usd,
    #[value(name = "JPY")]
    Jpy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Ja,
}

/// `archcost validate`: the scenario, and the language of its answer (and errors).
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Language of the answer and of error messages (keys, values and file:line stay as written)
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
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
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit 3 when any limit or quota is exceeded
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Report folder (default: reports/<scenario file stem>/); replaced atomically.
    /// The folder holds every format, so --format is not taken here
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub locale: LocaleArgs,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Key to vary, by dot path: workload.requests_per_month, architecture.serverless.app.memory_mb, architecture.containers.network.azs, ...
    #[arg(long, value_name = "KEY")]
    pub vary: String,
    /// First value (e.g. 1e5)
    #[arg(long, value_name = "A", allow_hyphen_values = true)]
    pub from: String,
    /// Last value (e.g. 1e9)
    #[arg(long, value_name = "B", allow_hyphen_values = true)]
    pub to: String,
    /// Number of values, ends included
    #[arg(long, default_value_t = 60)]
    pub steps: usize,
    /// Space the values geometrically instead of evenly
    #[arg(long)]
    pub log: bool,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Also draw the sweep as a chart (FILE.png or FILE.svg)
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BreakevenArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Key to vary, by dot path
    #[arg(long, value_name = "KEY")]
    pub vary: String,
    /// Start of the searched range (default for request volumes: the scenario's value / 1000)
    #[arg(long, value_name = "A", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// End of the searched range (default for request volumes: the scenario's value x 1000)
    #[arg(long, value_name = "B", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Only this pair of architectures: A,B
    #[arg(long, value_name = "A,B")]
    pub between: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct LimitsArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Also exit 3 when a quota (a default that can be raised) is exceeded
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Template to print (`--list` describes them)
    #[arg(long, default_value = crate::templates::DEFAULT, value_name = "NAME", value_parser = TemplateName)]
    pub template: String,
    /// List the templates, one line each, instead of printing one
    #[arg(long, conflicts_with = "template")]
    pub list: bool,
    /// Language of the template's comments (ja: Japanese comments, Tokyo region, yen)
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
}

/// Any string (an unknown name is reported by `init` with the list and a suggestion), with the
/// template names as possible values for `--help` and shell completions.
#[derive(Debug, Clone, Copy)]
pub struct TemplateName;

impl clap::builder::TypedValueParser for TemplateName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(crate::templates::ALL.iter().map(|t| {
            clap::builder::PossibleValue::new(t.name).help(t.summary(crate::lang::Lang::En))
        })))
    }
}

#[derive(Debug, Subcommand)]
pub enum PricingCommand {
    /// List catalog rows
    Show(ShowArgs),
    /// Build a catalog from AWS Price List offer files (CSV or JSON, streamed)
    Import(ImportArgs),
    /// Download the current offer files for regions and build a catalog
    Fetch(FetchArgs),
    /// Price rows added, removed or changed between two catalogs
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Offer files (regional index.csv / index.json as published by AWS)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Catalog directory to write (catalog.csv + metadata.json)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Keep only these regions (comma-separated region codes)
    #[arg(long, value_name = "R[,R...]")]
    pub region: Option<String>,
    /// Fail (exit 2) when any row of an offer file cannot be read, instead of skipping it
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Region codes (comma-separated or repeated)
    #[arg(long, required = true, value_name = "R[,R...]")]
    pub region: Vec<String>,
    /// Offers to fetch (offer codes or lambda, fargate, apigw, dynamodb, ec2, rds, alb, ecr, eks, data-transfer, vpc, waf); default: all the catalog uses
    #[arg(long, value_name = "S[,S...]")]
    pub services: Option<Vec<String>>,
    /// Price List endpoint (default https://pricing.us-east-1.amazonaws.com; env ARCHCOST_PRICING_URL)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Catalog directory to write (default: $XDG_CACHE_HOME/archcost/pricing or ~/.cache/archcost/pricing)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Total deadline for the whole fetch, in seconds (transfers slower than
    /// ARCHCOST_FETCH_MIN_RATE bytes/s, default 1024, also stop)
    #[arg(long, value_name = "SECONDS", default_value_t = crate::pricing::fetch::DEFAULT_TIMEOUT_S, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Other hosts that index files may point to (by default only the base URL's host)
    #[arg(long, value_name = "HOST[,HOST...]", value_delimiter = ',')]
    pub allow_hosts: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Old catalog: "bundled", a catalog directory or a catalog CSV file
    pub old: String,
    /// New catalog: "bundled", a catalog directory or a catalog CSV file
    pub new: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Only this region (code or name: ap-northeast-1, tokyo, 東京, "Asia Pacific (Tokyo)")
    #[arg(long)]
    pub region: Option<String>,
    /// Only keys of this service (key prefix, e.g. lambda, fargate, ec2, rds, rds.aurora-mysql)
    #[arg(long)]
    pub service: Option<String>,
    /// Only this instance family: EC2 (t4g, m7g, c7i) or RDS (db.r6g, or r6g for both)
    #[arg(long)]
    pub family: Option<String>,
    /// Catalog directory (default: the bundled catalog)
    #[arg(long, value_name = "DIR")]
    pub pricing: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ScenarioDiffArgs {
    /// Scenario A (the baseline)
    pub a: PathBuf,
    /// Scenario B (the proposal); may be the same file as A with --pricing-b
    pub b: PathBuf,
    /// Catalog directory for A (and for B unless --pricing-b is given)
    #[arg(long, value_name = "DIR")]
    pub pricing: Option<PathBuf>,
    /// Catalog directory for B
    #[arg(long, value_name = "DIR")]
    pub pricing_b: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Vary each input by ± this percentage (inputs with a declared range use its low/high)
    #[arg(long, default_value = "20", value_name = "PCT")]
    pub pct: rust_decimal::Decimal,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct OptimizeArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Only this architecture
    #[arg(long, value_name = "NAME")]
    pub arch: Option<String>,
    /// How many next-cheapest configurations to list after the best
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=100))]
    pub top: u16,
    /// Write the scenario with each architecture's best configuration substituted (comments kept)
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// TCP port (0 picks a free one; the URL printed on start has the real port)
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on: an IP address or localhost (anything but loopback prints a warning)
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Open the page in the default browser once the server listens
    #[arg(long)]
    pub open: bool,
    /// Language of the page when the URL does not say (?lang=ja)
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
}
