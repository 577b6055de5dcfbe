//! Binary entry point: parse arguments and run; the command layer prints errors and picks the
//! exit code.
use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = archcost::cli::Cli::parse();
    std::process::ExitCode::from(archcost::commands::main(cli))
}
