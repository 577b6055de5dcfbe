//! Splitting one logical line of an offer file into fields with `memchr` when every field is
//! plain — `"text"` without quotes inside, or unquoted text without quotes or line breaks —
//! which is what AWS writes on nearly every line. Plain fields read the same as through the
//! `csv` parser; a line with any other field is left to the `csv` parser (`parse_line`).

/// The line without its terminator (`\n` or `\r\n`).
fn body(line: &[u8]) -> &[u8] {
    match line.strip_suffix(b"\n") {
        Some(l) => l.strip_suffix(b"\r").unwrap_or(l),
        None => line,
    }
}

/// Where a split stopped.
#[derive(Debug, PartialEq)]
pub enum Split {
    /// Every field of the line was read.
    Whole,
    /// `max` fields were read; the next field starts at this offset of the line.
    Rest(usize),
}

/// Hand the first `max` fields of `line` to `push`, in order; `None` when one of them (or the
/// separator after it) is not plain, and then the line is for the `csv` parser.
pub fn plain<'a>(line: &'a [u8], max: usize, mut push: impl FnMut(&'a [u8])) -> Option<Split> {
    let body = body(line);
    let mut p = 0;
    let mut n = 0;
    loop {
        if n == max {
            return Some(Split::Rest(p));
        }
        let (field, next) = if body.get(p) == Some(&b'"') {
            let close = p + 1 + memchr::memchr(b'"', &body[p + 1..])?;
            (&body[p + 1..close], close + 1)
        } else {
            let end = memchr::memchr(b',', &body[p..]).map_or(body.len(), |c| p + c);
            let field = &body[p..end];
            if memchr::memchr3(b'"', b'\r', b'\n', field).is_some() {
                return None;
            }
            (field, end)
        };
        push(field);
        n += 1;
        match body.get(next) {
            None => return Some(Split::Whole),
            Some(b',') => p = next + 1,
            Some(_) => return None,
        }
    }
}

/// The records of one logical line as the `csv` parser reads them (usually one; a line the
/// parser sees differently than its quotes suggest may hold more), for lines that are not
/// plain. `out` is refilled; its records are reused.
pub fn parse_line(line: &[u8], out: &mut Vec<csv::ByteRecord>) -> Result<usize, csv::Error> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(line.len().clamp(64, 1 << 16))
        .from_reader(line);
    let mut n = 0;
    loop {
        if out.len() == n {
            out.push(csv::ByteRecord::new());
        }
        if !rdr.read_byte_record(&mut out[n])? {
            return Ok(n);
        }
        n += 1;
    }
}

/// Fill `record` with the fields of `line`: split when plain, else read by the `csv` parser
/// (the first of the records it finds; `more` receives the others).
pub fn record(
    line: &[u8],
    record: &mut csv::ByteRecord,
    more: &mut Vec<csv::ByteRecord>,
) -> Result<usize, csv::Error> {
    record.clear();
    record.set_position(None);
    if plain(line, usize::MAX, |f| record.push_field(f)) == Some(Split::Whole) {
        return Ok(1);
    }
    let n = parse_line(line, more)?;
    if n > 0 {
        std::mem::swap(record, &mut more[0]);
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the `csv` crate reads from `line`.
    fn by_csv(line: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let n = parse_line(line.as_bytes(), &mut out).unwrap();
        out[..n]
            .iter()
            .map(|r| {
                r.iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn plain_lines_split_as_the_csv_parser_reads_them() {
        for line in [
            "\"A\",\"b, c\",,x,\"\"\n",
            "\"A\",\"multi\nline\",\"z\"\r\n",
            "a,b,\n",
            "\"last line\"",
            " ,\"\"",
        ] {
            let mut fields = Vec::new();
            let split = plain(line.as_bytes(), usize::MAX, |f| {
                fields.push(String::from_utf8_lossy(f).into_owned())
            });
            assert_eq!(split, Some(Split::Whole), "{line:?}");
            assert_eq!(vec![fields], by_csv(line), "{line:?}");
        }
    }

    #[test]
    fn other_lines_are_left_to_the_csv_parser() {
        for line in [
            "\"say \"\"hi\"\"\",b\n",
            "ab\"c,d\n",
            "\"a\"x,b\n",
            "a\rb,c\n",
            "\"a\"\r\r\n",
        ] {
            assert_eq!(plain(line.as_bytes(), usize::MAX, |_| {}), None, "{line:?}");
            let mut record = csv::ByteRecord::new();
            let mut more = Vec::new();
            let n = super::record(line.as_bytes(), &mut record, &mut more).unwrap();
            let want = by_csv(line);
            assert_eq!(n, want.len(), "{line:?}");
            let got: Vec<String> = record
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            assert_eq!(got, want[0], "{line:?}");
        }
        // `a\rb` is two records to the csv parser (a lone CR ends a record).
        assert_eq!(by_csv("a\rb,c\n").len(), 2);
    }

    #[test]
    fn leading_fields_stop_before_the_rest() {
        let line = b"\"A\",\"B\",\"C\",\"D\"\n";
        let mut fields = Vec::new();
        assert_eq!(plain(line, 2, |f| fields.push(f)), Some(Split::Rest(8)));
        assert_eq!(fields, [&b"A"[..], b"B"]);
        assert_eq!(&line[8..], b"\"C\",\"D\"\n");
        assert_eq!(plain(b"\"A\"", 2, |_| {}), Some(Split::Whole));
    }
}
