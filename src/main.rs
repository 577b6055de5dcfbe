//! Binary entry point: parse arguments, run, map errors to exit codes.
use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = archcost::cli::Cli::parse();
    match archcost::commands::run(cli) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err}");
            std::process::ExitCode::from(err.exit_code())
        }
    }
}
