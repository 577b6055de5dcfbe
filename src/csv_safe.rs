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
    // Field by field, so a cell needing no guard is written without a copy (catalogs run to
    // hundreds of thousands of rows).
    for c in cells {
        let _ = w.write_field(cell(c.as_ref()).as_bytes());
    }
    let _ = w.write_record(None::<&[u8]>);
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

    #[test]
    fn records_are_written_guarded_and_quoted_as_the_csv_writer_quotes() {
        let mut w = csv::Writer::from_writer(Vec::new());
        record(&mut w, ["a", "=1+2", "x, y", "say \"hi\"", "", "-3"]);
        record(&mut w, ["b", "c", "d", "e", "f", "+g"].map(String::from));
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(
            text,
            "a,'=1+2,\"x, y\",\"say \"\"hi\"\"\",,-3\nb,c,d,e,f,'+g\n"
        );
    }
}
