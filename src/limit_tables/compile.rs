//! Reads and checks the limit tables (limits/*.csv) once, at build time: build.rs includes this
//! file and compiles the rows into the binary (src/limit_tables.rs reads them with no parsing),
//! and the unit tests run the same checks on bad rows. It uses std, csv and rust_decimal only
//! (a build script has no crate to import from).
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// One table: its file (relative to the repository), its header and its one decimal column.
pub struct Spec {
    pub file: &'static str,
    pub header: &'static [&'static str],
    /// The column read as a `Decimal`; a row whose field there is not a number is refused.
    pub decimal: usize,
    /// The columns kept, in order (the key, column 0, first; `decimal` is kept separately).
    pub kept: &'static [usize],
}

/// `limits/limits.csv`: limit rows by id.
pub const LIMITS: Spec = Spec {
    file: "limits/limits.csv",
    header: &[
        "id",
        "service",
        "name",
        "value",
        "unit",
        "kind",
        "applies_to",
        "source",
        "remedy",
    ],
    decimal: 3,
    kept: &[0, 2, 4, 5, 7, 8],
};

/// `limits/rds-instance-memory.csv`: RDS instance class memory.
pub const RDS_MEMORY: Spec = Spec {
    file: "limits/rds-instance-memory.csv",
    header: &["instance", "memory_gib", "vcpu", "source"],
    decimal: 1,
    kept: &[0, 3],
};

/// The EC2 columns (the hand-checked `limits/ec2-instances.csv` and the whole-catalog
/// `limits/ec2-vcpus.csv` share them).
const EC2_HEADER: &[&str] = &["instance", "vcpu", "memory_gib", "arch", "source"];

/// `limits/ec2-instances.csv`: hand-checked EC2 vCPUs and architectures.
pub const EC2: Spec = Spec {
    file: "limits/ec2-instances.csv",
    header: EC2_HEADER,
    decimal: 1,
    kept: &[0, 3, 4],
};

/// `limits/ec2-vcpus.csv`: vCPUs and architectures of every type of the bundled catalog.
pub const EC2_WHOLE: Spec = Spec {
    file: "limits/ec2-vcpus.csv",
    header: EC2_HEADER,
    decimal: 1,
    kept: &[0, 3, 4],
};

/// A checked row: the kept fields (key first) and the decimal.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub fields: Vec<String>,
    pub value: Decimal,
}

/// The rows of `text` (the file `spec.file`), sorted by key. Refused, as `file:line: what is
/// wrong`: a header other than `spec.header`, a row whose field count differs from the
/// header's, a decimal column that is not a number, an empty or repeated key.
pub fn read(spec: &Spec, text: &str) -> Result<Vec<Row>, String> {
    let file = spec.file;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| format!("{file}:1: {e}"))?
        .clone();
    if header.iter().ne(spec.header.iter().copied()) {
        return Err(format!(
            "{file}:1: the header is `{}`; expected `{}`",
            header.iter().collect::<Vec<_>>().join(","),
            spec.header.join(",")
        ));
    }
    let mut rows: BTreeMap<String, (usize, Row)> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| refused(file, text, spec.header.len(), &e))?;
        let line = line_of(text, record.position());
        let field = |i: usize| record.get(i).unwrap_or("");
        let number = field(spec.decimal);
        let value = Decimal::from_str(number).map_err(|_| {
            format!(
                "{file}:{line}: `{}` is `{number}`; expected a decimal number such as 12 or 0.25",
                spec.header[spec.decimal]
            )
        })?;
        let key = field(0);
        if key.is_empty() {
            return Err(format!("{file}:{line}: `{}` is empty", spec.header[0]));
        }
        let row = Row {
            fields: spec.kept.iter().map(|&i| field(i).to_string()).collect(),
            value,
        };
        if let Some((first, _)) = rows.insert(key.to_string(), (line, row)) {
            return Err(format!(
                "{file}:{line}: `{key}` is already on line {first}; keep one row per {}",
                spec.header[0]
            ));
        }
    }
    Ok(rows.into_values().map(|(_, row)| row).collect())
}

/// The line a record starts on. (The csv reader's own line counts the blank lines before the
/// record into it, so the record's first byte is found past them.)
fn line_of(text: &str, at: Option<&csv::Position>) -> usize {
    let start = at.map_or(0, |p| p.byte() as usize).min(text.len());
    let bytes = text.as_bytes();
    let first = (start..bytes.len())
        .find(|&i| !matches!(bytes[i], b'\n' | b'\r'))
        .unwrap_or(bytes.len());
    1 + bytes[..first].iter().filter(|&&b| b == b'\n').count()
}

/// `file:line: what is wrong` for a record the csv reader refused.
fn refused(file: &str, text: &str, width: usize, e: &csv::Error) -> String {
    let line = line_of(text, e.position());
    match e.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => {
            format!("{file}:{line}: {len} fields; expected {width}, as in the header")
        }
        _ => format!("{file}:{line}: {e}"),
    }
}
