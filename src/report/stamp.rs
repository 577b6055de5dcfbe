//! The stamp of a report folder: which archcost wrote it, when (RFC 3339 UTC; `SOURCE_DATE_EPOCH`
//! fixes the time so a report reproduces byte for byte), from which scenario file (its SHA-256) and
//! against which price dates. `report.json`, `report.html`, `summary.md` and `report.xlsx` carry it;
//! `compare` output never does, so it stays free of timestamps.
use super::i18n::Lang;
use crate::compare::Report;
use crate::error::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The environment variable of the reproducible-builds convention: seconds since the Unix epoch.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The latest time an xlsx creation date can hold (9999-12-31T23:59:59Z).
const MAX_EPOCH: i64 = 253_402_300_799;

/// What a report folder is stamped with (serialised into `report.json` beside the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stamp {
    /// `CARGO_PKG_VERSION` of the binary that wrote the report.
    pub archcost_version: &'static str,
    /// RFC 3339, UTC, whole seconds.
    pub generated_at: String,
    /// The same time in seconds since 1970-01-01T00:00:00Z (the workbook's creation date).
    #[serde(skip)]
    pub generated_epoch: i64,
    /// The scenario's file name (no folders, so the stamp does not depend on where it was run).
    pub scenario_file: String,
    /// SHA-256 of the scenario file's bytes, lower-case hex.
    pub scenario_sha256: String,
}

impl Stamp {
    /// Stamp a report of the scenario file `file_name` (its bytes `scenario`) generated at `epoch`.
    pub fn new(file_name: &str, scenario: &[u8], epoch: i64) -> Stamp {
        Stamp {
            archcost_version: env!("CARGO_PKG_VERSION"),
            generated_at: crate::date::rfc3339_from_epoch(epoch),
            generated_epoch: epoch,
            scenario_file: file_name.to_string(),
            scenario_sha256: sha256_hex(scenario),
        }
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The generation time `SOURCE_DATE_EPOCH` asks for: `None` when unset or empty, an input error
/// (exit 2) when it is not a whole number of seconds between 1970 and 9999.
pub fn source_date_epoch(value: Option<&std::ffi::OsStr>) -> Result<Option<i64>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(secs) if (0..=MAX_EPOCH).contains(&secs) => Ok(Some(secs)),
        _ => Err(Error::Said(crate::said!(
            "error.stamp.source_date_epoch",
            SOURCE_DATE_EPOCH,
            format!("{text:?}"),
            MAX_EPOCH.to_string()
        ))),
    }
}

/// The stamp's labels in one language.
pub struct Labels {
    pub heading: &'static str,
    pub item: &'static str,
    pub version: &'static str,
    pub generated_at: &'static str,
    pub scenario_file: &'static str,
    pub scenario_sha256: &'static str,
}

/// The labels of `lang` from the message tables (`ui.stamp.*`).
fn load_labels(lang: Lang) -> Labels {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Labels {
        heading: t("ui.stamp.heading"),
        item: t("ui.stamp.item"),
        version: t("ui.stamp.version"),
        generated_at: t("ui.stamp.generated_at"),
        scenario_file: t("ui.stamp.scenario_file"),
        scenario_sha256: t("ui.stamp.scenario_sha256"),
    }
}

pub fn labels(lang: Lang) -> &'static Labels {
    static BY_LANG: crate::lang::PerLang<Labels> = crate::lang::PerLang::new();
    BY_LANG.get(lang, load_labels)
}

/// The stamp as (label, value) rows in `lang`, the price catalog and its dates included.
pub fn rows(stamp: &Stamp, rep: &Report, lang: Lang) -> Vec<(String, String)> {
    let l = labels(lang);
    let p = &rep.assumptions.pricing;
    vec![
        (l.version.to_string(), stamp.archcost_version.to_string()),
        (l.generated_at.to_string(), stamp.generated_at.clone()),
        (l.scenario_file.to_string(), stamp.scenario_file.clone()),
        (l.scenario_sha256.to_string(), stamp.scenario_sha256.clone()),
        (
            lang.labels().price_catalog.to_string(),
            lang.catalog(
                &p.source,
                &p.effective_oldest,
                &p.effective,
                p.refresh.as_deref(),
            ),
        ),
    ]
}

/// The report's JSON (docs/reference/json.md) followed by the stamp's fields, at the top level.
pub fn json(rep: &Report, stamp: Option<&Stamp>) -> Vec<u8> {
    #[derive(Serialize)]
    struct Stamped<'a> {
        #[serde(flatten)]
        report: &'a Report,
        #[serde(flatten)]
        stamp: &'a Stamp,
    }
    let Some(stamp) = stamp else {
        return super::json::render(rep);
    };
    let mut out = serde_json::to_vec_pretty(&Stamped { report: rep, stamp }).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn source_date_epoch_parses_whole_seconds_only() {
        assert_eq!(source_date_epoch(None).unwrap(), None);
        assert_eq!(source_date_epoch(Some(OsStr::new(""))).unwrap(), None);
        assert_eq!(
            source_date_epoch(Some(OsStr::new("1764288000"))).unwrap(),
            Some(1_764_288_000)
        );
        for bad in ["-1", "1.5", "soon", "253402300800"] {
            let e = source_date_epoch(Some(OsStr::new(bad))).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
            assert!(e.to_string().contains("SOURCE_DATE_EPOCH"), "{e}");
        }
    }

    #[test]
    fn stamp_time_is_rfc3339_utc() {
        let s = Stamp::new("x.toml", b"", 1_764_288_000);
        assert_eq!(s.generated_at, "2025-11-28T00:00:00Z");
        assert_eq!(
            Stamp::new("x.toml", b"", 0).generated_at,
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            Stamp::new("x.toml", b"", MAX_EPOCH).generated_at,
            "9999-12-31T23:59:59Z"
        );
    }
}
