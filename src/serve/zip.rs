//! A ZIP archive built in memory, entries stored uncompressed (the report folder is a few
//! hundred KB; every OS opens a ZIP without extra tools, which a tarball is not on Windows).
//! Names are UTF-8 (flag bit 11); times are UTC in MS-DOS form.
use crate::error::{Error, Result};

/// Archive `files` (path inside the archive, bytes), all stamped with `unix_seconds`.
pub fn build(files: &[(String, Vec<u8>)], unix_seconds: u64) -> Result<Vec<u8>> {
    let (time, date) = dos_time(unix_seconds);
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = u32_of(out.len())?;
        let size = u32_of(data.len())?;
        let name_len = u16::try_from(name.len())
            .map_err(|_| Error::Input(format!("zip: entry name too long: {name}")))?;
        let crc = crc32fast::hash(data);
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20); // version needed: 2.0
        put16(&mut out, 0x0800); // UTF-8 names
        put16(&mut out, 0); // stored
        put16(&mut out, time);
        put16(&mut out, date);
        put32(&mut out, crc);
        put32(&mut out, size);
        put32(&mut out, size);
        put16(&mut out, name_len);
        put16(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory entry.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 0x031e); // made by: Unix, spec 3.0 (external attributes = mode)
        put16(&mut central, 20);
        put16(&mut central, 0x0800);
        put16(&mut central, 0);
        put16(&mut central, time);
        put16(&mut central, date);
        put32(&mut central, crc);
        put32(&mut central, size);
        put32(&mut central, size);
        put16(&mut central, name_len);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0o100644 << 16); // regular file, rw-r--r--
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let entries =
        u16::try_from(files.len()).map_err(|_| Error::Input("zip: too many entries".into()))?;
    let central_offset = u32_of(out.len())?;
    let central_size = u32_of(central.len())?;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries);
    put16(&mut out, entries);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    Ok(out)
}

fn u32_of(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::Input("zip: archive larger than 4 GiB".into()))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// (time, date) in MS-DOS form for a Unix time (UTC; clamped to 1980–2107).
fn dos_time(unix_seconds: u64) -> (u16, u16) {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    let (y, m, d) = civil_from_days(days);
    if y < 1980 {
        return (0, (1 << 5) | 1);
    }
    let y = y.min(2107);
    let time = ((secs / 3600) << 11) | (((secs % 3600) / 60) << 5) | ((secs % 60) / 2);
    let date = (((y - 1980) as u64) << 9) | ((m as u64) << 5) | d as u64;
    (time as u16, date as u16)
}

/// (year, month, day) of a day count since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        // 2026-11-20 12:34:56 UTC
        let (time, date) = dos_time(1_795_178_096);
        assert_eq!(date >> 9, 46);
        assert_eq!((date >> 5) & 0xf, 11);
        assert_eq!(date & 0x1f, 20);
        assert_eq!(time >> 11, 12);
        assert_eq!((time >> 5) & 0x3f, 34);
        assert_eq!(dos_time(0), (0, 33));
    }

    #[test]
    fn layout() {
        let files = vec![
            ("r/a.txt".to_string(), b"hello".to_vec()),
            ("r/b.json".to_string(), b"{}\n".to_vec()),
        ];
        let zip = build(&files, 0).unwrap();
        assert_eq!(&zip[..4], b"PK\x03\x04");
        let end = &zip[zip.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
        let cd = u32::from_le_bytes([end[16], end[17], end[18], end[19]]) as usize;
        assert_eq!(&zip[cd..cd + 4], b"PK\x01\x02");
        // The first entry's data follows its 30-byte header and name.
        assert_eq!(&zip[30 + 7..30 + 12], b"hello");
        assert_eq!(
            u32::from_le_bytes([zip[14], zip[15], zip[16], zip[17]]),
            crc32fast::hash(b"hello")
        );
    }
}
