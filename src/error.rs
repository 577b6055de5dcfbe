//! The crate's error type and its mapping to the exit codes of docs/reference/exit-codes.md.
use std::path::PathBuf;

/// Every failure archcost can report. `Input` and `MissingPrice` are the user's to fix (exit 2);
/// `Io` and `Network` are runtime failures (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid scenario, catalog or offer file, or bad command-line values.
    #[error("{0}")]
    Input(String),
    /// A price the model needs is not in the catalog.
    #[error("no price for `{key}` in region {region} in the {catalog} catalog.\n  hint: {hint}")]
    MissingPrice {
        key: String,
        region: String,
        catalog: String,
        hint: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Fetching prices failed.
    #[error("{0}")]
    Network(String),
    /// A sweep, break-even or sensitivity range is unusable (named by the caller, see
    /// `range::Words`).
    #[error("{0}")]
    Range(#[from] crate::range::error::RangeError),
}

impl Error {
    /// Exit code (docs/reference/exit-codes.md): 2 for input errors, 1 for runtime failures.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::MissingPrice { .. } | Error::Range(_) => 2,
            Error::Io { .. } | Error::Network(_) => 1,
        }
    }

    /// The message in `lang` (English: the `Display` text, byte for byte).
    pub fn render(&self, lang: crate::lang::Lang) -> String {
        match self {
            Error::Range(e) => e.describe_in(&crate::range::FLAGS, lang),
            other => other.to_string(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
