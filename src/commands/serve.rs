//! `archcost serve`: the live what-if page (the server itself lives in `crate::serve`); this
//! module prints what the server reports.
use crate::cli::ServeArgs;
use crate::error::Result;
use crate::serve::Event;
use std::io::Write;

/// Serve the scenario until Ctrl-C (or SIGTERM); exit code 0 after a clean stop.
pub fn run(args: ServeArgs) -> Result<u8> {
    crate::serve::run(
        crate::serve::Options {
            scenario: args.input.scenario,
            pricing: args.input.pricing,
            host: args.host,
            port: args.port,
            open: args.open,
            lang: super::lang(args.lang),
        },
        &mut print,
    )
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
