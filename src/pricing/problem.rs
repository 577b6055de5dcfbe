//! What can go wrong in `pricing fetch` / `pricing import` because of a choice the caller made
//! (catalog folder, regions, services, deadline, hosts, strictness), with the values. The
//! pricing code names no flag: commands/pricing.rs words each problem with its flag (`--out`,
//! `--timeout`, ...); `Display` here names the setting plainly. Depends on nothing in the crate,
//! so `error` can carry it.
use std::path::PathBuf;

/// A URL outside the hosts a fetch may read (the base URL's host and the allowed ones).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{url}`: host `{host}` is not the base URL's host `{base_host}`; refused")]
pub struct HostRefused {
    /// The refused URL, credentials removed.
    pub url: String,
    pub host: String,
    pub base_host: String,
}

/// Why one URL could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Said as it happened (transport, HTTP status, file content); names no setting.
    Said(String),
    /// The whole fetch's deadline passed in the middle of a file.
    DeadlineInFile { timeout_s: u64, bytes: u64 },
    /// A redirect led to a refused host; `before` is the HTTP client's words for the hop.
    Redirect {
        before: String,
        refused: HostRefused,
    },
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Said(text) => f.write_str(text),
            Why::DeadlineInFile { timeout_s, bytes } => write!(
                f,
                "the fetch passed its deadline of {timeout_s} s (timeout) after {bytes} bytes of this file"
            ),
            Why::Redirect { before, refused } => write!(f, "{before}: redirect refused: {refused}"),
        }
    }
}

/// A `pricing fetch` / `pricing import` run that cannot go on, with the values involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// No catalog folder was given and neither XDG_CACHE_HOME nor HOME is set.
    #[error("no cache directory: neither XDG_CACHE_HOME nor HOME is set")]
    NoCacheDir,
    /// A service name that is no offer code and no short name.
    #[error("services: unknown service `{name}`")]
    UnknownService { name: String },
    /// No region was given.
    #[error("region: give at least one region code")]
    NoRegion,
    /// The catalog folder is a file.
    #[error("out {}: exists and is not a folder", dir.display())]
    OutNotAFolder { dir: PathBuf },
    /// The catalog folder holds files archcost did not write (sorted).
    #[error("out {}: the folder holds files archcost did not write ({})", dir.display(), files.join(", "))]
    OutHoldsOtherFiles { dir: PathBuf, files: Vec<String> },
    /// Rows of an offer file could not be read and strictness was asked for.
    #[error("{file}: {count} row(s) could not be read (strict): {}", first.join("; "))]
    UnreadableRows {
        file: String,
        count: usize,
        first: Vec<String>,
    },
    /// The whole fetch took longer than its deadline.
    #[error("pricing fetch: the whole fetch took longer than its deadline of {timeout_s} s; the catalog in {} was not changed", dir.display())]
    Deadline { timeout_s: u64, dir: PathBuf },
    /// An index file names a URL on a host the fetch may not read.
    #[error("the index points to {0}")]
    IndexPointsElsewhere(HostRefused),
    /// A URL could not be read; the catalog in `dir` was not changed.
    #[error("cannot fetch {url}: {why}; the catalog in {} was not changed", dir.display())]
    Unreachable { url: String, why: Why, dir: PathBuf },
}

impl Problem {
    /// Whether the problem is the network's or the server's (exit 1) rather than the caller's
    /// input (exit 2).
    pub fn is_network(&self) -> bool {
        matches!(
            self,
            Problem::Deadline { .. }
                | Problem::IndexPointsElsewhere(_)
                | Problem::Unreachable { .. }
        )
    }
}
