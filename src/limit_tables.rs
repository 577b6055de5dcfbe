//! The sourced tables compiled in from limits/: limit rows (`limits.csv`: value, unit, kind,
//! source, remedy), RDS instance memory and EC2 vCPUs. A leaf: the limit checks, capacity
//! planning and scenario validation all read it.
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

const LIMITS_CSV: &str = include_str!("../limits/limits.csv");
const RDS_MEMORY_CSV: &str = include_str!("../limits/rds-instance-memory.csv");
const EC2_CSV: &str = include_str!("../limits/ec2-instances.csv");
const EC2_VCPUS_CSV: &str = include_str!("../limits/ec2-vcpus.csv");

/// A row of `limits/limits.csv`.
#[derive(Debug, Clone)]
pub struct LimitRow {
    pub id: String,
    pub name: String,
    pub value: Decimal,
    pub unit: String,
    pub kind: String,
    pub source: String,
    pub remedy: String,
}

/// The limits table and RDS instance memory sizes, parsed once.
pub struct Limits {
    pub rows: BTreeMap<String, LimitRow>,
    pub rds_memory_gib: BTreeMap<String, (Decimal, String)>,
    /// EC2 instance type -> (vCPUs, source), from the hand-checked `limits/ec2-instances.csv`.
    pub ec2_vcpu: BTreeMap<String, (Decimal, String)>,
    /// EC2 instance type -> CPU architecture (`x86_64` or `arm64`), same table.
    pub ec2_arch: BTreeMap<String, String>,
}

/// EC2 vCPU and architecture maps, both keyed by instance type.
type Ec2Maps = (
    BTreeMap<String, (Decimal, String)>,
    BTreeMap<String, String>,
);

/// Parse an EC2 table: instance,vcpu,memory_gib,arch,source.
fn parse_ec2(records: Vec<csv::StringRecord>) -> Ec2Maps {
    let mut vcpu = BTreeMap::new();
    let mut arch = BTreeMap::new();
    for r in records {
        if let (Some(i), Some(Ok(v)), Some(a), Some(src)) = (
            r.get(0),
            r.get(1).map(Decimal::from_str),
            r.get(3),
            r.get(4),
        ) {
            vcpu.insert(i.to_string(), (v, src.to_string()));
            arch.insert(i.to_string(), a.to_string());
        }
    }
    (vcpu, arch)
}

/// A type's row of the whole-catalog EC2 table (`limits/ec2-vcpus.csv`): (vCPUs, source) and
/// the CPU architecture.
struct WholeRow {
    vcpu: (Decimal, String),
    arch: String,
}

/// The whole-catalog EC2 table (`limits/ec2-vcpus.csv`, 839 rows), which fills the types the
/// hand-checked table does not list. Only the rows asked for are read: an index of line starts
/// by type is made once (a scan of the text), and a row is parsed the first time its type is
/// looked up and kept for the run (so `compare` on two or three types pays neither the csv
/// reader's set-up nor 839 rows of parsing: start-up time, BENCHMARKS.md).
fn whole_catalog(instance: &str) -> Option<&'static WholeRow> {
    type Index = std::collections::HashMap<&'static str, &'static str>;
    static LINES: OnceLock<Index> = OnceLock::new();
    static ROWS: OnceLock<std::sync::Mutex<BTreeMap<&'static str, &'static WholeRow>>> =
        OnceLock::new();
    let lines = LINES.get_or_init(|| {
        EC2_VCPUS_CSV
            .lines()
            .skip(1)
            .filter_map(|line| Some((line.split_once(',')?.0, line)))
            .collect()
    });
    let (&key, &line) = lines.get_key_value(instance)?;
    let rows = ROWS.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; the map is still usable.
    let mut rows = rows.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(row) = rows.get(key) {
        return Some(row);
    }
    let row: &'static WholeRow = Box::leak(Box::new(whole_row(line)?));
    rows.insert(key, row);
    Some(row)
}

/// One line of `limits/ec2-vcpus.csv` (`instance,vcpu,memory_gib,arch,source`): the first four
/// fields hold no comma or quote (a test checks every row against the csv crate's reading);
/// the source is quoted RFC 4180 style when it holds a comma.
fn whole_row(line: &str) -> Option<WholeRow> {
    let mut fields = line.splitn(5, ',');
    let (_instance, vcpu, _memory) = (fields.next()?, fields.next()?, fields.next()?);
    let arch = fields.next()?;
    let source = fields.next()?;
    let source = match source.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(quoted) => quoted.replace("\"\"", "\""),
        None => source.to_string(),
    };
    Some(WholeRow {
        vcpu: (Decimal::from_str(vcpu).ok()?, source),
        arch: arch.to_string(),
    })
}

/// The CPU architecture of an EC2 type (`x86_64` or `arm64`): the hand-checked table first,
/// then the whole-catalog table.
pub fn arch_of(instance: &str) -> Option<String> {
    table()
        .ec2_arch
        .get(instance)
        .cloned()
        .or_else(|| whole_catalog(instance).map(|r| r.arch.clone()))
}

/// The rows of each compiled-in CSV text (its header row left out; a row whose field count
/// differs from its header's is skipped, as a strict csv reader would). The texts are read with
/// ONE csv reader over their concatenation: setting up a reader costs about as many
/// instructions as reading these tables' rows (start-up time, BENCHMARKS.md). A record belongs
/// to the text its first byte lies in.
fn parse_csvs<const N: usize>(texts: [&str; N]) -> [Vec<csv::StringRecord>; N] {
    let mut joined = String::with_capacity(texts.iter().map(|t| t.len() + 1).sum());
    let mut ends = [0usize; N];
    for (i, t) in texts.iter().enumerate() {
        joined.push_str(t);
        // A text without a final newline must not run into the next one. (No blank line
        // between texts: the reader would count a skipped blank line into the next record's
        // position, putting the next header in this text.)
        if !t.ends_with('\n') {
            joined.push('\n');
        }
        ends[i] = joined.len();
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(joined.as_bytes());
    let mut out: [Vec<csv::StringRecord>; N] = std::array::from_fn(|_| Vec::new());
    let mut header_len: [Option<usize>; N] = [None; N];
    for record in reader.records().filter_map(Result::ok) {
        let at = record.position().map_or(0, |p| p.byte()) as usize;
        let Some(i) = ends.iter().position(|&end| at < end) else {
            continue;
        };
        match header_len[i] {
            None => header_len[i] = Some(record.len()),
            Some(n) if n == record.len() => out[i].push(record),
            Some(_) => {}
        }
    }
    out
}

/// The compiled-in limits table (checked by tests; a bad row is skipped, never a panic).
pub fn table() -> &'static Limits {
    static T: OnceLock<Limits> = OnceLock::new();
    T.get_or_init(|| {
        let [limit_rows, rds_rows, ec2_rows] = parse_csvs([LIMITS_CSV, RDS_MEMORY_CSV, EC2_CSV]);
        let mut rows = BTreeMap::new();
        // id,service,name,value,unit,kind,applies_to,source,remedy
        for r in limit_rows {
            let get = |i: usize| r.get(i).unwrap_or("").to_string();
            if let Ok(value) = Decimal::from_str(&get(3)) {
                rows.insert(
                    get(0),
                    LimitRow {
                        id: get(0),
                        name: get(2),
                        value,
                        unit: get(4),
                        kind: get(5),
                        source: get(7),
                        remedy: get(8),
                    },
                );
            }
        }
        let mut rds_memory_gib = BTreeMap::new();
        // instance,memory_gib,vcpu,source
        for r in rds_rows {
            if let (Some(i), Some(Ok(m)), Some(src)) =
                (r.get(0), r.get(1).map(Decimal::from_str), r.get(3))
            {
                rds_memory_gib.insert(i.to_string(), (m, src.to_string()));
            }
        }
        // The hand-checked table only; a whole-catalog row is read when its type is first
        // looked up (`whole_catalog`), since compare looks up a type or two and should not pay
        // for 839 rows.
        let (ec2_vcpu, ec2_arch) = parse_ec2(ec2_rows);
        Limits {
            rows,
            rds_memory_gib,
            ec2_vcpu,
            ec2_arch,
        }
    })
}

/// The row `id` of the limits table, through a hash index (the checks look rows up on every
/// step of a sweep).
pub fn row(id: &str) -> Option<&'static LimitRow> {
    static INDEX: OnceLock<std::collections::HashMap<&'static str, &'static LimitRow>> =
        OnceLock::new();
    INDEX
        .get_or_init(|| table().rows.iter().map(|(k, r)| (k.as_str(), r)).collect())
        .get(id)
        .copied()
}

/// Ids of quotas a scenario may override in `[quotas]`.
pub fn quota_ids() -> Vec<&'static str> {
    table()
        .rows
        .values()
        .filter(|r| r.kind == "quota")
        .map(|r| r.id.as_str())
        .collect()
}

/// vCPUs of an EC2 type and their source (limits/ec2-instances.csv); T3a and T4g sizes read the
/// T3 row of the same size (the EC2 User Guide's burstable table gives the three families the
/// same vCPUs and credits).
pub fn vcpu_of(instance: &str) -> Option<&'static (Decimal, String)> {
    let hand = &table().ec2_vcpu;
    let get = |t: &str| hand.get(t).or_else(|| whole_catalog(t).map(|r| &r.vcpu));
    get(instance).or_else(|| {
        let (family, size) = instance.split_once('.')?;
        matches!(family, "t3a" | "t4g")
            .then(|| get(&format!("t3.{size}")))
            .flatten()
    })
}

/// The CPU-credit baseline row of a burstable type: `ec2.<type>.baseline_cpu_pct`, with T3a and
/// T4g read from the T3 row of the same size (the EC2 User Guide's burstable baseline table gives
/// the same credits and baseline for the three families; the rows say so).
pub fn baseline_row(instance: &str) -> Option<&'static LimitRow> {
    let rows = &table().rows;
    if let Some(row) = rows.get(&format!("ec2.{instance}.baseline_cpu_pct")) {
        return Some(row);
    }
    let (family, size) = instance.split_once('.')?;
    if family == "t3a" || family == "t4g" {
        return rows.get(&format!("ec2.t3.{size}.baseline_cpu_pct"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the whole-catalog table reads the same through the line index as through
    /// the csv crate (so the plain split of the first four fields is safe for this file).
    #[test]
    fn every_whole_catalog_row_reads_as_the_csv_crate_reads_it() {
        let [whole] = parse_csvs([EC2_VCPUS_CSV]);
        let (vcpu, arch) = parse_ec2(whole);
        assert!(vcpu.len() > 800, "{}", vcpu.len());
        for (instance, (v, source)) in &vcpu {
            let row = whole_catalog(instance).expect(instance);
            assert_eq!(&row.vcpu, &(*v, source.clone()), "{instance}");
            assert_eq!(&row.arch, &arch[instance], "{instance}");
            // The second lookup is the kept row.
            assert!(std::ptr::eq(row, whole_catalog(instance).unwrap()));
        }
        assert_eq!(EC2_VCPUS_CSV.lines().count() - 1, vcpu.len());
        assert!(whole_catalog("zz9.small").is_none());
        assert!(
            whole_catalog("instance").is_none(),
            "the header is not a row"
        );
    }

    /// One reader over the three tables gives each table exactly the rows a reader of its own
    /// gives (headers left out, rows of the wrong width skipped), and a text without a final
    /// newline does not run into the next.
    #[test]
    fn one_reader_over_several_tables_reads_each_as_its_own_reader() {
        let own = |t: &str| -> Vec<csv::StringRecord> {
            csv::Reader::from_reader(t.as_bytes())
                .records()
                .filter_map(Result::ok)
                .collect()
        };
        let texts = [LIMITS_CSV, RDS_MEMORY_CSV, EC2_CSV];
        let joint = parse_csvs(texts);
        for (t, rows) in texts.iter().zip(&joint) {
            let mine: Vec<Vec<String>> = own(t)
                .iter()
                .map(|r| r.iter().map(String::from).collect())
                .collect();
            let theirs: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(String::from).collect())
                .collect();
            assert!(!mine.is_empty());
            assert_eq!(mine, theirs);
        }
        let [a, b] = parse_csvs(["h,i\n1,2\n3", "k,l\n\"x\ny\",4\n5,6,7\n"]);
        let show = |v: &[csv::StringRecord]| -> Vec<String> {
            v.iter()
                .map(|r| r.iter().collect::<Vec<_>>().join("|"))
                .collect()
        };
        assert_eq!(show(&a), ["1|2"], "a short row is skipped");
        assert_eq!(
            show(&b),
            ["x\ny|4"],
            "the header of the second text starts it"
        );
    }

    #[test]
    fn a_quoted_source_loses_its_quotes_and_doubled_quotes() {
        let row = whole_row("x1.big,4,8,arm64,\"a, \"\"b\"\"\"").unwrap();
        assert_eq!(row.vcpu, (Decimal::from(4), "a, \"b\"".to_string()));
        assert_eq!(row.arch, "arm64");
        assert!(whole_row("x1.big,four,8,arm64,s").is_none());
    }
}
