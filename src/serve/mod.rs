//! `archcost serve`: a small bounded HTTP server (hyper, see `http`) for a review meeting — one page
//! of what-if controls beside the report, and a JSON API that prices the scenario with the
//! request's edits through the same engine and renderers as the CLI. Loopback only unless
//! asked otherwise; the scenario file is watched and reloaded; Ctrl-C (or SIGTERM) stops
//! it cleanly.
mod api;
mod controls;
pub mod edit;
mod events;
pub mod guard;
mod http;
mod page;
pub mod query;
pub mod save;
mod state;
mod texts;
mod watch;
mod zip;

pub use events::{Event, Events};

use crate::error::{Error, Result};
use crate::lang::Lang;
use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What to serve and where: plain values (the command layer maps its flags onto them).
pub struct Options {
    /// The scenario file (watched and reloaded).
    pub scenario: PathBuf,
    /// A catalog directory that beats the scenario's `assumptions.pricing`.
    pub pricing: Option<PathBuf>,
    /// The address to listen on.
    pub ip: IpAddr,
    /// The address as the user wrote it (for messages).
    pub host: String,
    /// TCP port; 0 picks a free one.
    pub port: u16,
    /// Open the page in the default browser once listening.
    pub open: bool,
    /// Language of the page when the URL does not say.
    pub lang: Lang,
    /// Receives what happens (start, file reloads, stop); the command layer prints it.
    pub events: Events,
}

/// Serve until Ctrl-C / SIGTERM, telling `args.events` what happens; 0 after a clean stop.
pub fn run(args: Options) -> Result<u8> {
    let tell = args.events.clone();
    let ip = args.ip;
    let limits = match std::env::var(http::LIMITS_ENV) {
        Ok(spec) => http::Limits::parse(&spec)
            .map_err(|e| Error::Input(format!("{}: {e}", http::LIMITS_ENV)))?,
        Err(_) => http::Limits::default(),
    };
    let live = Arc::new(state::Live::open(&args.scenario, args.pricing.clone())?);
    let listener = TcpListener::bind((ip, args.port)).map_err(|e| {
        Error::io(
            format!("{}:{}", args.host, args.port),
            std::io::Error::new(e.kind(), format!("cannot listen: {e}")),
        )
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io(args.host.clone(), e))?;
    let bound = guard::Bound(addr);

    // The handler runs on its own thread: it wakes the server, which stops the watcher.
    let stop = Arc::new(AtomicBool::new(false));
    let wake = Arc::new(tokio::sync::Notify::new());
    {
        let wake = wake.clone();
        ctrlc::set_handler(move || wake.notify_one())
            .map_err(|e| Error::io("signal handler", std::io::Error::other(e.to_string())))?;
    }
    let watcher = watch::spawn(live.clone(), stop.clone(), tell.clone())
        .map_err(|e| Error::io("watcher thread", e))?;

    let url = bound.url();
    tell(Event::Listening {
        scenario: live.good().scenario.name.clone(),
        file: live.name().to_string(),
        url: url.clone(),
        exposed: (!ip.is_loopback()).then_some(addr),
    });
    if args.open {
        if let Err(e) = open_browser(&url) {
            tell(Event::BrowserFailed {
                url: url.clone(),
                error: e.to_string(),
            });
        }
    }

    let ctx = Arc::new(api::Ctx {
        live,
        bound,
        default_lang: args.lang,
        events: tell.clone(),
    });
    let served = http::serve(listener, ctx, limits, wake);
    stop.store(true, Ordering::SeqCst);
    let _ = watcher.join();
    served.map_err(|e| Error::io(addr.to_string(), e))?;
    tell(Event::Stopped);
    Ok(0)
}

/// Open `url` in the default browser (best effort; the URL is shown either way).
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd.spawn().map(drop)
}
