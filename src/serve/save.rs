//! Saving a what-if as a new scenario file beside the original. The name is one plain file
//! name (letters of any script, digits, `-`, `_`, `.`, spaces; no separators, no leading dot), so
//! it cannot leave the folder; the file is written to a temporary file and linked into place only
//! if nothing has that name yet, so nothing is ever overwritten.
use crate::error::{Error, Result, Text};
use crate::said;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Longest accepted name, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// Names Windows reserves for devices (refused so a saved folder can be copied anywhere).
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// `NAME.toml` for the name the user typed (`.toml` is added unless given), or what is wrong.
pub fn file_name(name: &str) -> Result<String> {
    let trimmed = name.trim();
    let stem = match trimmed.len().checked_sub(5) {
        Some(at) if trimmed.is_char_boundary(at) && trimmed[at..].eq_ignore_ascii_case(".toml") => {
            &trimmed[..at]
        }
        _ => trimmed,
    };
    let refuse = |why: Text| Err(Error::Said(said!("error.serve.save_name", name, why)));
    if stem.is_empty() {
        return refuse(said!("error.serve.save_empty"));
    }
    if stem.chars().count() > MAX_NAME_CHARS {
        return refuse(said!("error.serve.save_too_long", MAX_NAME_CHARS));
    }
    if let Some(c) = stem
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ')))
    {
        return refuse(said!(
            "error.serve.save_char",
            c.escape_default().to_string()
        ));
    }
    if stem.starts_with('.') || stem.contains("..") {
        return refuse(said!("error.serve.save_dot"));
    }
    let base = stem.split('.').next().unwrap_or(stem).trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(base)) {
        return refuse(said!("error.serve.save_device"));
    }
    Ok(format!("{stem}.toml"))
}

/// The outcome of a save.
#[derive(Debug)]
pub enum Saved {
    Written(PathBuf),
    /// Something already has that name; nothing was written.
    Exists(PathBuf),
}

/// Write `text` as `dir/file` if (and only if) nothing exists there.
pub fn write_new(dir: &Path, file: &str, text: &str) -> Result<Saved> {
    let target = dir.join(file);
    // `file` is one plain name (see `file_name`); check anyway that the path stays in `dir`.
    if target.parent() != Some(dir) || target.file_name().and_then(|f| f.to_str()) != Some(file) {
        return Err(Error::Said(crate::said!("error.serve.save_outside", file)));
    }
    if std::fs::symlink_metadata(&target).is_ok() {
        return Ok(Saved::Exists(target));
    }
    let mut tmp = crate::fsio::temp_file_beside(&target, ".toml")?;
    tmp.write_all(text.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io(&target, e))?;
    match tmp.persist_noclobber(&target) {
        Ok(_) => Ok(Saved::Written(target)),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(Saved::Exists(target)),
        Err(e) => Err(Error::io(&target, e.error)),
    }
}

/// The saved file's first line: where it came from and what changed (control characters
/// dropped, so the comment stays one line).
pub fn header(original: &str, changes: &str) -> String {
    let clean: String = format!("# What-if of {original} saved by `archcost serve`: {changes}")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("{clean}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(file_name("peak").unwrap(), "peak.toml");
        assert_eq!(file_name(" peak x3.TOML ").unwrap(), "peak x3.toml");
        assert_eq!(file_name("繁忙期-3倍").unwrap(), "繁忙期-3倍.toml");
        assert_eq!(file_name("v1.2_b").unwrap(), "v1.2_b.toml");
        for bad in [
            "",
            ".toml",
            "../x",
            "a/b",
            "a\\b",
            ".hidden",
            "a..b",
            "c:x",
            "nul",
            "COM1.x",
            "a\nb",
            "a\u{0}b",
            &"x".repeat(81),
        ] {
            assert!(file_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_refused_name_says_why_in_the_page_language() {
        let e = file_name("a/b").unwrap_err();
        assert_eq!(
            e.to_string(),
            "save: name `a/b`: `/` is not allowed in a file name here (the file is always written beside the scenario)\n  hint: use letters, digits, `-`, `_`, `.` and spaces, e.g. three-tier-peak or 繁忙期-3倍"
        );
        let e = file_name(&"x".repeat(81)).unwrap_err();
        assert!(
            e.to_string().contains(": longer than 80 characters\n"),
            "{e}"
        );
        assert!(
            e.render(crate::lang::Lang::Ja)
                .contains(": 80 文字を超えています\n  ヒント: 文字、数字"),
            "{}",
            e.render(crate::lang::Lang::Ja)
        );
    }

    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), "a.toml", "one").unwrap();
        assert!(matches!(first, Saved::Written(_)));
        let again = write_new(dir.path(), "a.toml", "two").unwrap();
        assert!(matches!(again, Saved::Exists(_)));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.toml")).unwrap(),
            "one"
        );
        assert!(write_new(dir.path(), "../a.toml", "x").is_err());
    }

    #[test]
    fn header_is_one_line() {
        let h = header("s.toml", "description=a\nb = 1\r");
        assert_eq!(h.lines().count(), 1);
        assert!(h.starts_with("# What-if of s.toml"));
    }
}
