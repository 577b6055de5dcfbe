//! What the server reports while it runs (start, file reloads, stop): events the command layer
//! words and prints, so the server itself writes nothing to the terminal.
use crate::error::Error;
use std::net::SocketAddr;
use std::sync::Arc;

/// What the server tells the person who started it. The server prints nothing itself: the
/// command layer (commands/serve.rs) words these in the chosen language.
#[derive(Debug)]
pub enum Event {
    /// Listening: the scenario's name, its file as given, the page's URL, and the address when
    /// it is reachable from other machines (not loopback).
    Listening {
        scenario: String,
        file: String,
        url: String,
        exposed: Option<SocketAddr>,
    },
    /// The file changed on disk and the new version validated (the page shows it).
    Reloaded { file: String },
    /// The file changed on disk and does not validate (the page keeps the last good version).
    Invalid { file: String, error: Arc<Error> },
    /// The browser could not be opened (`--open`).
    BrowserFailed { url: String, error: String },
    /// Accepting a connection failed (out of file descriptors and the like); the server waits.
    AcceptFailed { error: String },
    /// Stopped after Ctrl-C / SIGTERM.
    Stopped,
}

/// Where events go (called from the server's threads).
pub type Events = Arc<dyn Fn(Event) + Send + Sync>;
