//! `archcost completions SHELL`: a completion script generated from the clap definition.
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;
use clap::CommandFactory;

/// The completion script for `shell`, as bytes.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let name = cmd.get_name().to_string();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut out);
    out
}

/// Print the script to standard output.
pub fn run(args: CompletionsArgs) -> Result<u8> {
    super::emit(None, &script(args.shell))?;
    Ok(0)
}
