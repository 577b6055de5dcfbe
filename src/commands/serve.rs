//! `archcost serve`: the live what-if page (the server itself lives in `crate::serve`); this
//! module prints what the server reports.
use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::serve::Event;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};

/// Serve the scenario until Ctrl-C (or SIGTERM); exit code 0 after a clean stop.
pub fn run(args: ServeArgs) -> Result<u8> {
    let ip = host_ip(&args.host)?;
    crate::serve::run(
        crate::serve::Options {
            scenario: args.input.scenario,
            pricing: args.input.pricing,
            ip,
            host: args.host,
            port: args.port,
            open: args.open,
            lang: super::lang(args.lang),
        },
        &mut print,
    )
    .map_err(|e| match e {
        // The only address the server binds is the one --host/--port name.
        Error::Io { path, source } if source.kind() == std::io::ErrorKind::AddrInUse => {
            Error::io(
                path,
                std::io::Error::new(
                    source.kind(),
                    format!("{source}\n  hint: another program uses that port; choose one with --port, or --port 0 for any free port"),
                ),
            )
        }
        other => other,
    })
}

/// The address `--host` names: an IP address or `localhost`.
fn host_ip(host: &str) -> Result<IpAddr> {
    if host.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    host.trim_matches(|c| c == '[' || c == ']')
        .parse()
        .map_err(|_| {
            Error::Input(format!(
                "--host `{host}`: expected an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost"
            ))
        })
}

/// The start line (flushed at once: scripts wait for the URL), warnings and the stop line.
fn print(event: Event) {
    match event {
        Event::Exposed(addr) => eprintln!(
            "warning: listening on {addr}, not only on this machine: anyone who can reach it can read the scenario and save files beside it; use the default --host 127.0.0.1 unless the room needs it"
        ),
        Event::Listening { name, file, url } => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "archcost serve: {name} ({file}) at {url}\nwatching {file} for changes; Ctrl-C stops"
            );
            let _ = out.flush();
        }
        Event::NoBrowser { error, url } => {
            eprintln!("archcost serve: could not open a browser ({error}); open {url} yourself")
        }
        Event::Stopped => println!("archcost serve: stopped"),
    }
}
