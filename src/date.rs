//! Dates and times, through `jiff` (proleptic Gregorian, UTC): whether a text is a real
//! calendar date written YYYY-MM-DD (`fx_date`, catalog `effective` dates, offer publication
//! dates), the civil fields of a Unix time, and RFC 3339 UTC timestamps for stamps and fetched
//! catalogs. A leaf every layer may use.
use jiff::civil::Date;

/// A date written exactly `YYYY-MM-DD` that exists on the calendar (`2025-02-29` and
/// `2025-13-45` do not); None otherwise.
pub fn parse_ymd(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let year: i16 = text[..4].parse().ok()?;
    let month: i8 = text[5..7].parse().ok()?;
    let day: i8 = text[8..].parse().ok()?;
    Date::new(year, month, day).ok()
}

/// True when `text` is a real calendar date written YYYY-MM-DD.
pub fn is_date(text: &str) -> bool {
    parse_ymd(text).is_some()
}

/// UTC (year, month, day, hour, minute, second) of `secs` seconds since
/// 1970-01-01T00:00:00Z; None outside years -9999..=9999.
pub fn civil_of_epoch(secs: i64) -> Option<(i16, i8, i8, i8, i8, i8)> {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let span = jiff::Span::new().try_days(days).ok()?;
    let date = Date::constant(1970, 1, 1).checked_add(span).ok()?;
    // rem < 86,400, so every field fits an i8.
    let (h, mi, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    Some((
        date.year(),
        date.month(),
        date.day(),
        h as i8,
        mi as i8,
        s as i8,
    ))
}

/// UTC time as RFC 3339 (`2026-11-25T21:05:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    rfc3339_from_epoch(secs)
}

/// RFC 3339 UTC time ("2025-11-28T00:00:00Z") of `secs` seconds since 1970-01-01T00:00:00Z
/// (clamped to years 0000..=9999, which RFC 3339 can write).
pub fn rfc3339_from_epoch(secs: i64) -> String {
    // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    let secs = secs.clamp(-62_167_219_200, 253_402_300_799);
    match civil_of_epoch(secs) {
        Some((y, m, d, h, mi, s)) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        None => "1970-01-01T00:00:00Z".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_calendar_dates_are_dates() {
        assert!(is_date("2025-11-28"));
        assert!(is_date("2024-02-29")); // leap year
        assert!(!is_date("2025-02-29"));
        assert!(!is_date("2025-13-45"));
        assert!(!is_date("2025-00-10"));
        assert!(!is_date("2025-1-01"));
        assert!(!is_date("2025-11-28T00:00:00Z"));
        assert!(!is_date("２０２５-11-28"));
        assert!(!is_date(""));
    }

    #[test]
    fn epoch_seconds_as_rfc3339() {
        assert_eq!(rfc3339_from_epoch(0), "1970-01-01T00:00:00Z");
        // 20,454 days = 2026-01-01; 1,795,178,096 s = 2026-11-20 + 45,296 s (12:34:56).
        assert_eq!(rfc3339_from_epoch(20_454 * 86_400), "2026-01-01T00:00:00Z");
        assert_eq!(rfc3339_from_epoch(1_795_178_096), "2026-11-20T12:34:56Z");
        assert_eq!(rfc3339_from_epoch(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339_from_epoch(i64::MAX), "9999-12-31T23:59:59Z");
    }
}
