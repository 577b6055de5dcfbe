//! `archcost man`: one roff manual page generated from the clap definition — the top-level
//! synopsis and options, then every subcommand (nested ones too) with its synopsis and options,
//! and the exit codes. Deterministic: no date in the `.TH` line.
use crate::cli::Cli;
use crate::error::{Error, Result};
use clap::CommandFactory;
use clap_mangen::Man;

/// Exit codes (docs/reference/exit-codes.md), as a roff section.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
success
.TP
\fB1\fR
runtime failure (I/O, network)
.TP
\fB2\fR
usage error or invalid input (scenario, offer or catalog file); the message names the file, line and column or the key path, and how to fix it
.TP
\fB3\fR
\fBlimits\fR (or any command given \fB\-\-strict\fR) found a hard limit exceeded
"#;

/// The whole manual page, as roff.
pub fn page() -> Result<Vec<u8>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let man = Man::new(cmd.clone()).manual("archcost manual");
    let mut out = Vec::new();
    man.render_title(&mut out).map_err(fail)?;
    man.render_name_section(&mut out).map_err(fail)?;
    man.render_synopsis_section(&mut out).map_err(fail)?;
    man.render_description_section(&mut out).map_err(fail)?;
    man.render_options_section(&mut out).map_err(fail)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands() {
        command_section(&mut out, sub)?;
    }
    out.extend_from_slice(EXIT_STATUS.as_bytes());
    man.render_version_section(&mut out).map_err(fail)?;
    Ok(title_first(&String::from_utf8_lossy(&out)).into_bytes())
}

/// Every part clap_mangen renders starts with the same two-line string definition (`Aq`, the
/// apostrophe); keep one copy, right after the `.TH` line, so the page starts with its header.
fn title_first(page: &str) -> String {
    let is_preamble = |l: &str| l.starts_with(".ie \\n(.g .ds Aq") || l.starts_with(".el .ds Aq");
    let preamble: Vec<&str> = page.lines().filter(|l| is_preamble(l)).take(2).collect();
    let mut out = String::with_capacity(page.len());
    for line in page.lines().filter(|l| !is_preamble(l)) {
        out.push_str(line);
        out.push('\n');
        if line.starts_with(".TH ") {
            for p in &preamble {
                out.push_str(p);
                out.push('\n');
            }
        }
    }
    out
}

/// Print the page to standard output.
pub fn run() -> Result<u8> {
    super::emit(None, &page()?)?;
    Ok(0)
}

/// One subcommand as a `.SS` subsection: its description, synopsis, options and extra help
/// (each rendered by clap_mangen, their `.SH` headings dropped), then its own subcommands.
fn command_section(out: &mut Vec<u8>, cmd: &clap::Command) -> Result<()> {
    if cmd.is_hide_set() {
        return Ok(());
    }
    let name = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
    out.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
    let man = Man::new(cmd.clone());
    let mut part = Vec::new();
    man.render_description_section(&mut part).map_err(fail)?;
    man.render_synopsis_section(&mut part).map_err(fail)?;
    man.render_options_section(&mut part).map_err(fail)?;
    if cmd.get_after_help().is_some() || cmd.get_after_long_help().is_some() {
        man.render_extra_section(&mut part).map_err(fail)?;
    }
    for line in String::from_utf8_lossy(&part).lines() {
        // A heading inside a subsection becomes a paragraph break.
        let line = if line.starts_with(".SH") { ".PP" } else { line };
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    for sub in cmd.get_subcommands() {
        command_section(out, sub)?;
    }
    Ok(())
}

fn fail(e: std::io::Error) -> Error {
    Error::io("manual page", e)
}
