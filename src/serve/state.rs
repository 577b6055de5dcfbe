//! The scenario being served: the last version of the file that validated (text, scenario,
//! catalog, priced report), the current file error if the file stopped validating, and a version
//! number the page polls to notice changes.
use super::edit::{self, Edits};
use crate::compare::{self, Report};
use crate::error::{Error, Result};
use crate::inputs::{catalog_at, catalog_dir, CatalogRef};
use crate::scenario::{self, Scenario};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// One version of the file that validated.
pub struct Snapshot {
    pub text: String,
    pub scenario: Scenario,
    pub catalog: Arc<CatalogRef>,
    /// The file's own prices (what-if deltas are shown against these).
    pub report: Report,
}

/// What the page and API read: the last good snapshot and the file's state now.
pub struct Live {
    loader: Loader,
    state: RwLock<State>,
}

/// Loads versions of one file.
struct Loader {
    path: PathBuf,
    name: String,
    pricing: Option<PathBuf>,
    /// The catalog of the last load and the directory it came from (None: bundled).
    catalogs: Mutex<Option<(Option<PathBuf>, Arc<CatalogRef>)>>,
}

#[derive(Clone)]
struct State {
    good: Arc<Snapshot>,
    error: Option<Arc<Error>>,
    version: u64,
    /// The text last read from disk (good or not), to ignore saves that change nothing.
    seen: String,
}

/// What a reload found.
pub enum Reload {
    /// Same text as before, or the same error as before: nothing to report.
    Unchanged,
    /// A new version validated.
    Loaded,
    /// The file no longer validates (the last good version stays).
    Failed(Arc<Error>),
}

/// The file's state for `/api/status`.
pub struct Status {
    pub version: u64,
    /// Why the file on disk does not validate (shown in the page's language).
    pub error: Option<Arc<Error>>,
}

impl Live {
    /// Load the file once; an invalid file is an error (there is no last good version yet).
    pub fn open(path: &Path, pricing: Option<PathBuf>) -> Result<Live> {
        let loader = Loader {
            path: path.to_path_buf(),
            name: path.display().to_string(),
            pricing,
            catalogs: Mutex::new(None),
        };
        let text = scenario::read_text(path)?;
        let good = Arc::new(loader.load(&text)?);
        Ok(Live {
            loader,
            state: RwLock::new(State {
                good,
                error: None,
                version: 1,
                seen: text,
            }),
        })
    }

    /// The scenario path as given on the command line.
    pub fn path(&self) -> &Path {
        &self.loader.path
    }

    /// The name messages use for the file (as `compare` writes it).
    pub fn name(&self) -> &str {
        &self.loader.name
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The last good snapshot (cheap: shared).
    pub fn good(&self) -> Arc<Snapshot> {
        self.read().good.clone()
    }

    /// True while the file on disk does not validate (answers come from the last good one).
    pub fn stale(&self) -> bool {
        self.read().error.is_some()
    }

    pub fn status(&self) -> Status {
        let st = self.read();
        Status {
            version: st.version,
            error: st.error.clone(),
        }
    }

    /// Re-read the file (the watcher calls this when it changed on disk).
    pub fn reload(&self) -> Reload {
        let text = match scenario::read_text(&self.loader.path) {
            Ok(t) => t,
            Err(e) => return self.fail(e, None),
        };
        {
            let st = self.read();
            if st.seen == text && st.error.is_none() {
                return Reload::Unchanged;
            }
        }
        match self.loader.load(&text) {
            Ok(snap) => {
                let mut st = self.write();
                st.good = Arc::new(snap);
                st.error = None;
                st.seen = text;
                st.version += 1;
                Reload::Loaded
            }
            Err(e) => self.fail(e, Some(text)),
        }
    }

    fn fail(&self, error: Error, text: Option<String>) -> Reload {
        let message = error.to_string();
        let mut st = self.write();
        if st.error.as_ref().map(|e| e.to_string()).as_deref() == Some(message.as_str()) {
            return Reload::Unchanged;
        }
        let error = Arc::new(error);
        st.error = Some(error.clone());
        if let Some(t) = text {
            st.seen = t;
        }
        st.version += 1;
        Reload::Failed(error)
    }
}

impl Loader {
    /// Parse, load the catalog and validate `text` the way `compare` loads a file, then price it.
    fn load(&self, text: &str) -> Result<Snapshot> {
        let s = scenario::parse_unchecked(&self.name, text)?;
        let catalog = self.catalog(&s, text)?;
        scenario::check(&self.name, text, &s, &catalog)?;
        let report = compare::evaluate(&s, &catalog)?;
        Ok(Snapshot {
            text: text.to_string(),
            scenario: s,
            catalog,
            report,
        })
    }

    /// The catalog the scenario asks for (`--pricing` wins), reused while the directory is the
    /// same. Errors name the `assumptions.pricing` line, as `compare` does.
    fn catalog(&self, s: &Scenario, text: &str) -> Result<Arc<CatalogRef>> {
        let dir = catalog_dir(&self.path, s, self.pricing.as_deref());
        let mut cache = self.catalogs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((d, c)) = cache.as_ref() {
            if *d == dir {
                return Ok(c.clone());
            }
        }
        let catalog = catalog_at(dir.as_deref(), self.pricing.is_some(), &self.name, text)?;
        let catalog = Arc::new(catalog);
        *cache = Some((dir, catalog.clone()));
        Ok(catalog)
    }
}

/// A what-if: the snapshot's scenario with `edits` applied, validated like a file.
pub struct WhatIf {
    pub text: String,
    pub scenario: Scenario,
}

impl Snapshot {
    /// The scenario with `edits` applied and validated (errors are the CLI's messages for the
    /// edited file).
    pub fn what_if(&self, name: &str, edits: &Edits) -> Result<WhatIf> {
        if edits.is_empty() {
            return Ok(WhatIf {
                text: self.text.clone(),
                scenario: self.scenario.clone(),
            });
        }
        let text = edit::apply(&self.text, edits)?;
        let scenario = scenario::parse_unchecked(name, &text)?;
        scenario::check(name, &text, &scenario, &self.catalog)?;
        Ok(WhatIf { text, scenario })
    }
}
