//! `archcost serve`: the live what-if page (the server itself lives in `crate::serve`). The
//! server reports what happens as events; this module words them in `--lang` and prints them
//! (the start banner and stop on standard output, warnings and file errors on standard error).
use crate::cli::ServeArgs;
use crate::error::Result;
use crate::lang::Lang;
use crate::messages::render;
use crate::serve::Event;
use std::io::Write;
use std::sync::Arc;

/// Serve the scenario until Ctrl-C (or SIGTERM); exit code 0 after a clean stop.
pub fn run(args: ServeArgs) -> Result<u8> {
    let lang = super::lang(args.lang);
    crate::serve::run(crate::serve::Options {
        scenario: args.input.scenario,
        pricing: args.input.pricing,
        host: args.host,
        port: args.port,
        open: args.open,
        lang,
        events: Arc::new(move |e| print(lang, &e)),
    })
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
