//! A `Read` adapter in front of the CSV parser that drops offer-file lines which certainly
//! do not matter (Reserved-term rows archcost cannot use, blank lines) before they are parsed,
//! and remembers the original line number of every line it passes on, so error messages keep
//! real line numbers. Input that cannot be an offer file (a record over 64 MiB, a file that
//! ends inside a quoted field) is an `InvalidData` error naming the line.
//!
//! A line is dropped only when its leading fields are plain (no quotes inside), the fourth
//! (TermType, checked in the header) is `Reserved`, and the line cannot hold a term the
//! importer keeps, judged from the fixed leading columns before anything else is read: the
//! OfferingClass column must say `standard`, and the product (the same on every line of a
//! SKU, so searched once per SKU) must be one that maps: EC2 needs the exact fields
//! `"RunInstances"` (Linux) and `"Shared"`, RDS a MySQL or PostgreSQL engine; other offers'
//! Reserved rows are all dropped. Records spanning several lines (an odd number of quotes)
//! and anything unusual are passed through to the real CSV parser.
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// Original line numbers of the logical lines passed on, in order (one per CSV record).
pub type LineQueue = Rc<RefCell<VecDeque<u64>>>;

/// Output chunk handed to the CSV parser.
const BLOCK: usize = 1 << 20;
/// Input block: larger than the caller's `BufReader` so its reads bypass that buffer.
const INPUT_BLOCK: usize = 512 << 10;
/// A single record longer than this is not an offer-file row.
const MAX_LINE: usize = 64 << 20;

#[derive(PartialEq)]
enum State {
    BeforeHeader,
    Active,
    PassAll,
}

/// Which Reserved lines may hold a term the importer keeps, by the offer of the file.
struct Keep {
    /// From the `"OfferCode","..."` metadata line.
    offer: Offer,
    /// Position of `OfferingClass` among the leading (term) columns, from the header; `None`
    /// when the header puts it elsewhere (then the line is searched for `"standard"`).
    offering_class: Option<usize>,
    standard: memchr::memmem::Finder<'static>,
    run_instances: memchr::memmem::Finder<'static>,
    shared: memchr::memmem::Finder<'static>,
    engines: [memchr::memmem::Finder<'static>; 2],
    /// The SKU of the last Reserved line whose product was judged, and the verdict: the
    /// product attributes are the same on every line of a SKU (the file is products x terms,
    /// a SKU's lines next to each other), so they are searched once per SKU, not per line.
    last_sku: Vec<u8>,
    last_product: bool,
}

#[derive(PartialEq)]
enum Offer {
    Other,
    Ec2,
    Rds,
}

/// The leading columns an offer file's Reserved lines are judged by: the term columns come
/// first in every AWS CSV offer file (SKU, OfferTermCode, RateCode, TermType, ...,
/// LeaseContractLength, PurchaseOption, OfferingClass), before the product attributes.
const LEADING: usize = 16;

impl Keep {
    fn new() -> Keep {
        Keep {
            offer: Offer::Other,
            offering_class: None,
            standard: memchr::memmem::Finder::new(b"\"standard\""),
            run_instances: memchr::memmem::Finder::new(b"\"RunInstances\""),
            shared: memchr::memmem::Finder::new(b"\"Shared\""),
            // MariaDB has no catalog key (offer::mapping), so its terms never map.
            engines: [
                memchr::memmem::Finder::new(b"\"MySQL\""),
                memchr::memmem::Finder::new(b"\"PostgreSQL\""),
            ],
            last_sku: Vec::new(),
            last_product: false,
        }
    }

    /// Note where the header puts `OfferingClass` (within the leading columns).
    fn header(&mut self, header: &[u8]) {
        let mut fields = [&b""[..]; LEADING];
        let n = leading_fields(header, &mut fields);
        self.offering_class = fields[..n].iter().position(|f| *f == b"OfferingClass");
    }

    /// Whether the product of a Reserved line (SKU `sku`) may map: EC2 Linux `RunInstances` on
    /// `Shared` tenancy, RDS MySQL or PostgreSQL; judged once per SKU.
    fn product(&mut self, line: &[u8], sku: &[u8]) -> bool {
        if sku != self.last_sku.as_slice() || sku.is_empty() {
            self.last_product = match self.offer {
                Offer::Other => false,
                Offer::Ec2 => {
                    self.run_instances.find(line).is_some() && self.shared.find(line).is_some()
                }
                Offer::Rds => self.engines.iter().any(|f| f.find(line).is_some()),
            };
            self.last_sku.clear();
            self.last_sku.extend_from_slice(sku);
        }
        self.last_product
    }

    /// Whether a Reserved line is a Standard term, read from the OfferingClass column
    /// (`fields` being the line's leading fields) or, when the header puts it elsewhere,
    /// searched for as `"standard"`.
    fn standard_term(&self, line: &[u8], fields: &[&[u8]]) -> bool {
        match self.offering_class.and_then(|c| fields.get(c)) {
            Some(class) => class.eq_ignore_ascii_case(b"standard"),
            None => self.standard.find(line).is_some(),
        }
    }
}

pub struct Prefilter<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    out: Vec<u8>,
    out_pos: usize,
    line_no: u64,
    state: State,
    keep: Keep,
    lines: LineQueue,
}

impl<R: Read> Prefilter<R> {
    pub fn new(inner: R, lines: LineQueue) -> Self {
        Prefilter {
            inner,
            buf: vec![0; INPUT_BLOCK],
            start: 0,
            end: 0,
            eof: false,
            out: Vec::with_capacity(BLOCK),
            out_pos: 0,
            line_no: 1,
            state: State::BeforeHeader,
            keep: Keep::new(),
            lines,
        }
    }

    /// Move the unprocessed tail to the front and read more input.
    fn refill(&mut self) -> std::io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            if self.buf.len() >= MAX_LINE {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "line {}: a single CSV record is longer than 64 MiB; this is not an offer file",
                        self.line_no
                    ),
                ));
            }
            let grown = self.buf.len() * 2;
            self.buf.resize(grown, 0);
        }
        let n = self.inner.read(&mut self.buf[self.end..])?;
        if n == 0 {
            self.eof = true;
        }
        self.end += n;
        Ok(())
    }

    /// The end (exclusive, after '\n') of the logical line starting at `start`, and how
    /// many physical lines it spans; `None` when more input is needed.
    fn logical_line(&self) -> Option<(usize, u64)> {
        let data = &self.buf[self.start..self.end];
        let mut pos = 0;
        let mut quotes = 0usize;
        let mut physical = 0u64;
        while let Some(nl) = memchr::memchr(b'\n', &data[pos..]) {
            let line = &data[pos..pos + nl + 1];
            quotes += quote_parity(line);
            physical += 1;
            pos += nl + 1;
            if quotes.is_multiple_of(2) {
                return Some((self.start + pos, physical));
            }
        }
        None
    }
}

/// Whether to pass `line` on (advancing the header state).
fn decide(state: &mut State, keep: &mut Keep, line: &[u8]) -> bool {
    {
        let content = line
            .strip_suffix(b"\n")
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .unwrap_or(line);
        if content.is_empty() {
            return false;
        }
        match state {
            State::PassAll => true,
            State::BeforeHeader => {
                if let Some(code) = content.strip_prefix(b"\"OfferCode\",\"") {
                    keep.offer = match code {
                        b"AmazonEC2\"" => Offer::Ec2,
                        b"AmazonRDS\"" => Offer::Rds,
                        _ => Offer::Other,
                    };
                }
                if content.starts_with(b"\"SKU\",") {
                    *state = if content
                        .starts_with(b"\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",")
                    {
                        keep.header(content);
                        State::Active
                    } else {
                        State::PassAll
                    };
                }
                true
            }
            State::Active => {
                // TermType first (most lines are not Reserved), then the other term columns.
                let mut fields = [&b""[..]; LEADING];
                let n = leading_fields(content, &mut fields[..4]);
                // Anything unusual in the leading fields (quotes inside, too few): parse it.
                if n < 4 || fields[3] != b"Reserved" {
                    return true;
                }
                if !keep.product(content, fields[0]) {
                    return false;
                }
                let n = leading_fields(content, &mut fields);
                keep.standard_term(content, &fields[..n])
            }
        }
    }
}

impl<R: Read> Prefilter<R> {
    /// The next line kept (its place in `line`'s buffer) and its original line number;
    /// `None` at the end of input.
    pub fn next_line(&mut self) -> std::io::Result<Option<(std::ops::Range<usize>, u64)>> {
        loop {
            match self.logical_line() {
                Some((end, physical)) => {
                    let (s, e) = (self.start, end);
                    let line_no = self.line_no;
                    self.line_no += physical;
                    self.start = end;
                    if decide(&mut self.state, &mut self.keep, &self.buf[s..e]) {
                        return Ok(Some((s..e, line_no)));
                    }
                }
                None if !self.eof => self.refill()?,
                None => return self.last_line(),
            }
        }
    }

    /// The bytes of a line `next_line` returned (valid until it is called again).
    pub fn line(&self, range: std::ops::Range<usize>) -> &[u8] {
        &self.buf[range]
    }

    /// The last line without a newline: passed on. When that unfinished last line holds an
    /// odd number of quotes the file ends inside a quoted field (a truncated download),
    /// which the CSV parser would accept as a short last field. (Only the last physical line
    /// counts: a stray quote earlier is the CSV parser's to judge, row by row.)
    fn last_line(&mut self) -> std::io::Result<Option<(std::ops::Range<usize>, u64)>> {
        if self.start >= self.end {
            return Ok(None);
        }
        let rest = &self.buf[self.start..self.end];
        let tail = memchr::memrchr(b'\n', rest).map_or(0, |i| i + 1);
        if quote_parity(&rest[tail..]) == 1 {
            let line = self.line_no + memchr::memchr_iter(b'\n', &rest[..tail]).count() as u64;
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("line {line}: the file ends inside a quoted field (the record is cut off)"),
            ));
        }
        let range = self.start..self.end;
        self.start = self.end;
        if rest.iter().any(|b| !b.is_ascii_whitespace()) {
            return Ok(Some((range, self.line_no)));
        }
        Ok(None)
    }

    /// Fill `out` with kept lines; false at the end of input.
    fn produce(&mut self) -> std::io::Result<bool> {
        self.out.clear();
        self.out_pos = 0;
        while self.out.len() < BLOCK {
            let Some((range, line_no)) = self.next_line()? else {
                break;
            };
            self.out.extend_from_slice(&self.buf[range]);
            self.lines.borrow_mut().push_back(line_no);
        }
        Ok(!self.out.is_empty())
    }
}

/// A CSV reading error as archcost's: the prefilter's verdict on the input (a record over
/// 64 MiB, a file ending inside a quoted field) and malformed CSV are the user's file (exit 2);
/// other I/O failures are runtime errors (exit 1).
pub fn csv_error(name: &str, e: csv::Error) -> crate::error::Error {
    match e.kind() {
        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            crate::error::Error::Input(format!(
                "{name}: {io}\n  hint: the file is damaged or truncated; download it again"
            ))
        }
        csv::ErrorKind::Io(_) => {
            crate::error::Error::io(name, std::io::Error::other(e.to_string()))
        }
        _ => {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            crate::error::Error::Input(format!("{name}: line {line}: malformed CSV: {e}"))
        }
    }
}

/// 1 when `bytes` holds an odd number of `"`, else 0. Quotes are dense in offer files (every
/// value is quoted) and every byte of the file passes here, so they are counted with
/// `bytecount` (vector instructions chosen at run time).
fn quote_parity(bytes: &[u8]) -> usize {
    bytecount::count(bytes, b'"') & 1
}

/// Split the first fields of `line` into `out` (at most `out.len()`), returning how many were
/// read. Only plain fields count: `"text"` without quotes inside (commas allowed) or
/// unquoted text without quotes; the walk stops at the first other field, so a line whose
/// leading fields are unusual comes back short and is passed on to the CSV parser.
fn leading_fields<'a>(line: &'a [u8], out: &mut [&'a [u8]]) -> usize {
    let mut p = 0;
    let mut n = 0;
    while n < out.len() {
        let (field, next) = if line.get(p) == Some(&b'"') {
            let Some(q) = memchr::memchr(b'"', &line[p + 1..]) else {
                return n;
            };
            let close = p + 1 + q;
            match line.get(close + 1) {
                Some(b',') => (&line[p + 1..close], close + 2),
                None | Some(b'\r') | Some(b'\n') => (&line[p + 1..close], line.len()),
                // `""` inside the field, or text after the closing quote.
                Some(_) => return n,
            }
        } else {
            let end = memchr::memchr(b',', &line[p..]).map_or(line.len(), |c| p + c);
            let field = &line[p..end];
            if field.contains(&b'"') {
                return n;
            }
            (field, end + 1)
        };
        out[n] = field;
        n += 1;
        if next > line.len() || next == line.len() && !line.ends_with(b",") {
            return n;
        }
        p = next;
    }
    n
}

impl<R: Read> Read for Prefilter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.out_pos == self.out.len() && !self.produce()? {
            return Ok(0);
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> (String, Vec<u64>) {
        let q: LineQueue = Rc::default();
        let mut p = Prefilter::new(input.as_bytes(), q.clone());
        let mut out = String::new();
        p.read_to_string(&mut out).unwrap();
        let lines = q.borrow().iter().copied().collect();
        (out, lines)
    }

    #[test]
    fn drops_reserved_rows_and_keeps_line_numbers() {
        let input = "\"OfferCode\",\"X\"\n\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"U\"\n\"A\",\"T\",\"R\",\"Reserved\",\"1\"\n\n\"B\",\"T\",\"R\",\"OnDemand\",\"2\"\n\"C\",\"T\",\"R\",\"Reserved\",\"multi\nline\"\n\"D\",\"T\",\"R\",\"OnDemand\",\"3\"";
        let (out, lines) = run(input);
        assert!(!out.contains("\"A\""));
        assert!(out.contains("\"B\""));
        assert!(out.contains("\"D\""));
        // C spans two lines and is dropped as a whole; D is on line 8.
        assert!(!out.contains("\"C\""));
        assert_eq!(lines, vec![1, 2, 5, 8]);
    }

    #[test]
    fn reserved_rows_that_may_map_are_kept_by_offer() {
        let head =
            "\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"c1\",\"c2\",\"c3\",\"c4\"\n";
        let ec2 = format!(
            "\"OfferCode\",\"AmazonEC2\"\n{head}\"A\",\"T\",\"R\",\"Reserved\",\"standard\",\"Linux\",\"Shared\",\"RunInstances\"\n\"B\",\"T\",\"R\",\"Reserved\",\"convertible\",\"Linux\",\"Shared\",\"RunInstances\"\n\"C\",\"T\",\"R\",\"Reserved\",\"standard\",\"Windows\",\"Shared\",\"RunInstances:0002\"\n\"D\",\"T\",\"R\",\"Reserved\",\"standard\",\"Linux\",\"Dedicated\",\"RunInstances\"\n"
        );
        let (out, _) = run(&ec2);
        assert!(out.contains("\"A\""));
        assert!(!out.contains("\"B\"") && !out.contains("\"C\"") && !out.contains("\"D\""));
        let rds = format!(
            "\"OfferCode\",\"AmazonRDS\"\n{head}\"A\",\"T\",\"R\",\"Reserved\",\"standard\",\"PostgreSQL\",\"x\",\"y\"\n\"B\",\"T\",\"R\",\"Reserved\",\"standard\",\"Oracle\",\"x\",\"y\"\n"
        );
        let (out, _) = run(&rds);
        assert!(out.contains("\"A\"") && !out.contains("\"B\""));
        let other = format!(
            "\"OfferCode\",\"AmazonDynamoDB\"\n{head}\"A\",\"T\",\"R\",\"Reserved\",\"standard\",\"Linux\",\"Shared\",\"RunInstances\"\n"
        );
        assert!(!run(&other).0.contains("\"A\""));
    }

    #[test]
    fn parity() {
        for text in [
            "",
            "\"",
            "\"\"",
            "abc\"defgh\"ij\"",
            "\"\"\"\"\"\"\"\"\"",
            "x\"\"xxxxxxxxxxxxxxx\"",
        ] {
            let count = text.bytes().filter(|&b| b == b'"').count();
            assert_eq!(quote_parity(text.as_bytes()), count % 2, "{text}");
        }
        // Longer than the 32-byte chunks, quotes spread over chunks and the tail.
        for len in 0..200 {
            for step in [1, 3, 7, 31, 32, 33] {
                let text: Vec<u8> = (0..len)
                    .map(|i| if i % step == 0 { b'"' } else { b'x' })
                    .collect();
                let count = text.iter().filter(|&&b| b == b'"').count();
                assert_eq!(quote_parity(&text), count % 2, "{len} {step}");
            }
        }
    }

    #[test]
    fn leading_fields_stop_at_unusual_fields() {
        let mut f = [&b""[..]; LEADING];
        assert_eq!(leading_fields(b"\"A\",,\"b, c\",x", &mut f), 4);
        assert_eq!(&f[..4], &[&b"A"[..], b"", b"b, c", b"x"]);
        assert_eq!(leading_fields(b"\"A\",\"say \"\"hi\"\"\",\"C\"", &mut f), 1);
        assert_eq!(leading_fields(b"\"A\",", &mut f), 2);
        assert_eq!(leading_fields(b"\"A\"x,\"B\"", &mut f), 0);
    }

    #[test]
    fn reserved_lines_are_judged_by_offering_class_and_once_per_sku() {
        let head = "\"OfferCode\",\"AmazonRDS\"\n\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"OfferingClass\",\"Database Engine\"\n";
        // A: MySQL, Standard kept, convertible dropped by its class column; B: Oracle,
        // dropped; A again after B (the verdict is recomputed); "standard" elsewhere in the
        // line does not make a convertible term Standard.
        let rds = format!(
            "{head}\"A\",\"T1\",\"R\",\"Reserved\",\"standard\",\"MySQL\"\n\"A\",\"T2\",\"R\",\"Reserved\",\"convertible\",\"MySQL\"\n\"B\",\"T1\",\"R\",\"Reserved\",\"standard\",\"Oracle\"\n\"A\",\"T3\",\"R\",\"Reserved\",\"standard\",\"MySQL\"\n\"C\",\"T4\",\"R\",\"Reserved\",\"convertible\",\"standard\"\n"
        );
        let (out, _) = run(&rds);
        assert!(out.contains("\"T1\",\"R\",\"Reserved\",\"standard\",\"MySQL\""));
        assert!(out.contains("\"T3\""));
        assert!(!out.contains("\"T2\"") && !out.contains("Oracle") && !out.contains("\"T4\""));
    }

    #[test]
    fn unusual_headers_pass_everything() {
        let input = "\"SKU\",\"TermType\"\n\"A\",\"Reserved\"\n";
        let (out, lines) = run(input);
        assert_eq!(out, input);
        assert_eq!(lines, vec![1, 2]);
    }
}
