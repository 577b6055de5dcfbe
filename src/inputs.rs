//! Loading what a run prices: a scenario file, validated against the catalog it names (bundled,
//! `assumptions.pricing`, or a directory given by the caller). Shared by `commands/` and `serve/`,
//! which both stand on it; it knows no flags.
use crate::error::{Error, Result};
use crate::pricing::Catalog;
use crate::scenario::{self, Scenario};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A catalog borrowed from the binary (bundled) or built for this run (a directory).
pub type CatalogRef = std::borrow::Cow<'static, Catalog>;

/// The catalog a scenario asks for: bundled (not copied), or a directory overlaid on the
/// bundled rows.
pub fn catalog_for(dir: Option<&Path>) -> Result<CatalogRef> {
    match dir {
        None => Ok(CatalogRef::Borrowed(crate::pricing::bundled::catalog())),
        Some(dir) => {
            let local = crate::pricing::load_dir(dir)?;
            Ok(CatalogRef::Owned(
                crate::pricing::bundled::catalog().overlaid(local),
            ))
        }
    }
}

/// The catalog directory a scenario prices against: the caller's directory (`--pricing`) wins
/// over `assumptions.pricing` (relative to the scenario's folder); None = bundled.
pub fn catalog_dir(file: &Path, s: &Scenario, cli_pricing: Option<&Path>) -> Option<PathBuf> {
    match cli_pricing {
        Some(p) => Some(p.to_path_buf()),
        None => Some(s.assumptions.pricing.as_str())
            .filter(|p| *p != "bundled")
            .map(|p| resolve_relative(file, p)),
    }
}

/// `catalog_for(dir)`, with a failure located at the scenario's `assumptions.pricing` line when
/// the directory came from the scenario (`from_cli` false) rather than `--pricing`.
pub fn catalog_at(
    dir: Option<&Path>,
    from_cli: bool,
    name: &str,
    text: &str,
) -> Result<CatalogRef> {
    catalog_for(dir).map_err(|e| {
        if from_cli {
            return e;
        }
        let at = scenario::key_location(name, text, "assumptions.pricing");
        if e.exit_code() == 2 {
            let key = "assumptions.pricing";
            Error::Said(crate::said!("error.toml.at_key", at, key, e.into_text()))
        } else {
            // `Error::Io` shows `path: source`: the location once, then the key and the error.
            Error::Io {
                path: at.into(),
                source: std::io::Error::other(format!("`assumptions.pricing`: {e}")),
            }
        }
    })
}

fn resolve_relative(scenario: &Path, p: &str) -> PathBuf {
    let path = Path::new(p);
    if path.is_absolute() || path.exists() {
        return path.to_path_buf();
    }
    scenario
        .parent()
        .map(|d| d.join(path))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Read, parse and validate a scenario file against its catalog; `pricing` (the caller's
/// directory) beats `assumptions.pricing`. Returns the file's text as read too (report stamps
/// hash it).
pub fn load_scenario(
    file: &Path,
    pricing: Option<&Path>,
) -> Result<(Scenario, CatalogRef, String)> {
    // Parse once, load the catalog the scenario names (`pricing` wins), then validate against it.
    let text = scenario::read_text(file)?;
    let name = file.display().to_string();
    let s = scenario::parse_unchecked(&name, &text)?;
    let dir = catalog_dir(file, &s, pricing);
    let catalog = catalog_at(dir.as_deref(), pricing.is_some(), &name, &text)?;
    scenario::check(&name, &text, &s, &catalog)?;
    Ok((s, catalog, text))
}

/// Parse a command-line number: "1e9", "30_000_000", "0.5".
pub fn parse_decimal(flag: &str, text: &str) -> Result<Decimal> {
    let t = text.trim().replace('_', "");
    Decimal::from_str(&t)
        .or_else(|_| Decimal::from_scientific(&t))
        .map_err(|_| Error::Said(crate::said!("error.input.number", flag, text)))
}
