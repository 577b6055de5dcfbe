//! The report folder as a ZIP archive built in memory with the `zip` crate (every OS opens a ZIP
//! without extra tools, which a tarball is not on Windows). Entries are deflated, named in UTF-8,
//! stamped with one UTC time and given the mode of a plain rw-r--r-- file.
use crate::error::{Error, Result};
use std::io::Write;
use zip::write::SimpleFileOptions;

/// Archive `files` (path inside the archive, bytes), all stamped with `unix_seconds`.
pub fn build(files: &[(String, Vec<u8>)], unix_seconds: u64) -> Result<Vec<u8>> {
    let failed =
        |e: &dyn std::fmt::Display| Error::Said(crate::said!("error.serve.zip", e.to_string()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(dos_time(unix_seconds))
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in files {
        zip.start_file(name.as_str(), options)
            .map_err(|e| failed(&e))?;
        zip.write_all(data).map_err(|e| failed(&e))?;
    }
    let out = zip.finish().map_err(|e| failed(&e))?;
    Ok(out.into_inner())
}

/// The archive time for a Unix time (UTC), clamped to what ZIP can hold (1980–2107).
fn dos_time(unix_seconds: u64) -> zip::DateTime {
    let secs = i64::try_from(unix_seconds).unwrap_or(i64::MAX);
    let Some((y, m, d, h, mi, s)) = crate::date::civil_of_epoch(secs) else {
        return latest_dos_time();
    };
    if y < 1980 {
        return zip::DateTime::default();
    }
    let fits = u16::try_from(y).ok().filter(|y| *y <= 2107).and_then(|y| {
        zip::DateTime::from_date_and_time(y, m as u8, d as u8, h as u8, mi as u8, s as u8).ok()
    });
    fits.unwrap_or_else(latest_dos_time)
}

/// The last time a ZIP entry can hold.
fn latest_dos_time() -> zip::DateTime {
    zip::DateTime::from_date_and_time(2107, 12, 31, 23, 59, 58).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn dates() {
        // 1,795,178,096 s = 20,777 days (2026-11-20) + 45,296 s (12:34:56).
        let t = dos_time(1_795_178_096);
        assert_eq!(
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2026, 11, 20, 12, 34, 56)
        );
        assert_eq!(dos_time(0), zip::DateTime::default());
        assert_eq!(dos_time(u64::MAX).year(), 2107);
    }

    #[test]
    fn entries_names_and_bytes() {
        let files = vec![
            ("r/a.txt".to_string(), b"hello".to_vec()),
            ("r/東京.json".to_string(), b"{}\n".repeat(1000)),
        ];
        let zip = build(&files, 1_795_178_096).unwrap();
        assert_eq!(&zip[..4], b"PK\x03\x04");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        assert_eq!(archive.len(), 2);
        for (name, data) in &files {
            let mut entry = archive.by_name(name).unwrap();
            assert_eq!(entry.unix_mode(), Some(0o100644));
            assert_eq!(entry.last_modified().map(|t| t.hour()), Some(12));
            let mut got = Vec::new();
            entry.read_to_end(&mut got).unwrap();
            assert_eq!(&got, data);
        }
    }
}
