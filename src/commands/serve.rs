//! `archcost serve`: the live what-if page (the server itself lives in `crate::serve`).
use crate::cli::ServeArgs;
use crate::error::Result;

/// Serve the scenario until Ctrl-C (or SIGTERM); exit code 0 after a clean stop.
pub fn run(args: ServeArgs) -> Result<u8> {
    crate::serve::run(crate::serve::Options {
        scenario: args.input.scenario,
        pricing: args.input.pricing,
        host: args.host,
        port: args.port,
        open: args.open,
        lang: super::lang(args.lang),
    })
}
