//! CSV cells safe to open in a spreadsheet: a text cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return is prefixed with `'` so Excel and LibreOffice show it as text
//! instead of running it as a formula (OWASP, "CSV Injection"). Numbers stay as they are.
use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as written: neutralised when it is text starting with a formula trigger.
pub fn cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(c) if TRIGGERS.contains(&c) && !is_number(text) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// Undo [`cell`] when reading back a CSV archcost wrote (the price catalog).
pub fn unescape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => text,
    }
}

fn is_number(text: &str) -> bool {
    use std::str::FromStr;
    rust_decimal::Decimal::from_str(text).is_ok()
        || rust_decimal::Decimal::from_scientific(text).is_ok()
}

/// Write one record with every cell passed through [`cell`]. Writing to memory cannot fail.
pub fn record<W, I, S>(w: &mut csv::Writer<W>, cells: I)
where
    W: std::io::Write,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let safe: Vec<String> = cells
        .into_iter()
        .map(|c| cell(c.as_ref()).into_owned())
        .collect();
    let _ = w.write_record(&safe);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+cmd"), "'+cmd");
        assert_eq!(cell("-x"), "'-x");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "'\rx");
        assert_eq!(cell("-12.5"), "-12.5");
        assert_eq!(cell("serverless"), "serverless");
        assert_eq!(unescape("'=x"), "=x");
        assert_eq!(unescape("'plain"), "'plain");
    }
}
