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
fn parse_ec2(csv_text: &str) -> Ec2Maps {
    let mut vcpu = BTreeMap::new();
    let mut arch = BTreeMap::new();
    for r in parse_csv(csv_text) {
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

/// The whole-catalog EC2 table (`limits/ec2-vcpus.csv`), parsed once on first need; it fills
/// the types the hand-checked table does not list.
fn whole_catalog() -> &'static Ec2Maps {
    static T: OnceLock<Ec2Maps> = OnceLock::new();
    T.get_or_init(|| parse_ec2(EC2_VCPUS_CSV))
}

/// The CPU architecture of an EC2 type (`x86_64` or `arm64`): the hand-checked table first,
/// then the whole-catalog table.
pub fn arch_of(instance: &str) -> Option<String> {
    table()
        .ec2_arch
        .get(instance)
        .or_else(|| whole_catalog().1.get(instance))
        .cloned()
}

fn parse_csv(text: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records().filter_map(Result::ok).collect()
}

/// The compiled-in limits table (checked by tests; a bad row is skipped, never a panic).
pub fn table() -> &'static Limits {
    static T: OnceLock<Limits> = OnceLock::new();
    T.get_or_init(|| {
        let mut rows = BTreeMap::new();
        // id,service,name,value,unit,kind,applies_to,source,remedy
        for r in parse_csv(LIMITS_CSV) {
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
        for r in parse_csv(RDS_MEMORY_CSV) {
            if let (Some(i), Some(Ok(m)), Some(src)) =
                (r.get(0), r.get(1).map(Decimal::from_str), r.get(3))
            {
                rds_memory_gib.insert(i.to_string(), (m, src.to_string()));
            }
        }
        // The hand-checked table only; the whole-catalog table is parsed on first need
        // (`whole_catalog`), since compare looks up a type or two and should not pay for 839 rows.
        let (ec2_vcpu, ec2_arch) = parse_ec2(EC2_CSV);
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
    let get = |t: &str| hand.get(t).or_else(|| whole_catalog().0.get(t));
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
