//! Live file: poll the scenario's metadata (modification time, size, inode) every 250 ms and
//! reload when it changes, so an edit saved in any editor (in place or by rename) shows within
//! a second. Polling needs no platform watcher and no extra dependency.
use super::events::{Event, Events};
use super::state::{Live, Reload};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How often the file's metadata is read.
pub const POLL: Duration = Duration::from_millis(250);

/// What identifies one version of the file on disk (None: it cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode,
    })
}

/// Start the polling thread; it ends when `stop` is set. Each reload that changes what the
/// page shows is reported to `events`.
pub fn spawn(
    live: Arc<Live>,
    stop: Arc<AtomicBool>,
    events: Events,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("archcost-watch".into())
        .spawn(move || {
            // No stamp yet: the first poll re-reads the file (a reload of the same text changes
            // nothing), so an edit made before this thread first ran is never missed.
            let mut last: Option<Stamp> = None;
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(POLL);
                let now = stamp(live.path());
                if now != last {
                    last = now;
                    let file = live.name().to_string();
                    match live.reload() {
                        Reload::Unchanged => {}
                        Reload::Loaded => events(Event::Reloaded { file }),
                        Reload::Failed(error) => events(Event::Invalid { file, error }),
                    }
                }
            }
        })
}
