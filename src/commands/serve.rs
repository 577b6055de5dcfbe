//! `archcost serve`: the live what-if page (the server itself lives in `crate::serve`). The
//! server reports what happens as events; this module words them in `--lang` and prints them
//! (the start banner, file reloads and stop on standard output, warnings and file errors on
//! standard error).
use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::messages::render;
use crate::serve::Event;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

/// Serve the scenario until Ctrl-C (or SIGTERM); exit code 0 after a clean stop.
pub fn run(args: ServeArgs) -> Result<u8> {
    let ip = host_ip(&args.host)?;
    let lang = super::lang(args.lang);
    crate::serve::run(crate::serve::Options {
        scenario: args.input.scenario,
        pricing: args.input.pricing,
        ip,
        host: args.host,
        port: args.port,
        open: args.open,
        lang,
        events: Arc::new(move |e| print(lang, &e)),
    })
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
        .map_err(|_| Error::Said(crate::said!("error.cli.host", host)))
}

/// Where a line goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// The lines of one event in `lang`, each with its stream.
pub fn lines(lang: Lang, e: &Event) -> Vec<(String, Stream)> {
    use Stream::{Stderr, Stdout};
    match e {
        Event::Listening {
            scenario,
            file,
            url,
            exposed,
        } => {
            let mut out = Vec::new();
            if let Some(addr) = exposed {
                let addr = addr.to_string();
                out.push((render(lang, "console.serve.exposed", &[&addr]), Stderr));
            }
            let banner = render(lang, "console.serve.listening", &[scenario, file, url]);
            out.push((banner, Stdout));
            out
        }
        Event::Reloaded { file } => vec![(render(lang, "console.serve.reloaded", &[file]), Stdout)],
        Event::Invalid { file, error } => {
            let error = error.render(lang);
            vec![(
                render(lang, "console.serve.invalid", &[file, &error]),
                Stderr,
            )]
        }
        Event::BrowserFailed { url, error } => vec![(
            render(lang, "console.serve.browser_failed", &[error, url]),
            Stderr,
        )],
        Event::AcceptFailed { error } => {
            vec![(
                render(lang, "console.serve.accept_failed", &[error]),
                Stderr,
            )]
        }
        Event::Stopped => vec![(render(lang, "console.serve.stopped", &[]), Stdout)],
    }
}

/// Print one event (a closed stream is ignored: the server keeps serving).
fn print(lang: Lang, e: &Event) {
    for (text, stream) in lines(lang, e) {
        let text = format!("{text}\n");
        match stream {
            Stream::Stderr => {
                let _ = std::io::stderr().lock().write_all(text.as_bytes());
            }
            Stream::Stdout => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
            }
        }
    }
}
