//! The sourced tables compiled in from limits/: limit rows (`limits.csv`: value, unit, kind,
//! source, remedy), RDS instance memory and EC2 vCPUs. build.rs reads and checks the CSV files
//! (limit_tables/compile.rs) and compiles their rows in, so nothing is parsed at run time. A
//! leaf: the limit checks, capacity planning and scenario validation all read it.
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[cfg(test)]
mod compile;

/// The tables build.rs compiled in from limits/*.csv (checked there: a bad row stops the build
/// with its file and line): per row, (start, end) of each kept field in `TEXT` and the
/// decimal's `Decimal::serialize` bytes, rows sorted by key.
mod compiled {
    use super::CompiledRow;
    include!(concat!(env!("OUT_DIR"), "/limit_tables.rs"));
}

/// A compiled-in row: (start, end) in `compiled::TEXT` of each of its `N` text fields, and its
/// decimal as `Decimal::serialize` gives it.
type CompiledRow<const N: usize> = ([(u32, u32); N], [u8; 16]);

/// A row of `limits/limits.csv`.
#[derive(Debug, Clone)]
pub struct LimitRow {
    /// Owned (the one field that is): callers key maps of `String` by it.
    pub id: String,
    pub name: &'static str,
    pub value: Decimal,
    pub unit: &'static str,
    pub kind: &'static str,
    pub source: &'static str,
    pub remedy: &'static str,
}

/// The limits table and RDS instance memory sizes, keyed by id and instance class.
pub struct Limits {
    pub rows: BTreeMap<&'static str, LimitRow>,
    /// RDS instance class -> (memory in GiB, source).
    pub rds_memory_gib: BTreeMap<&'static str, (Decimal, &'static str)>,
}

/// A compiled-in field.
fn text((start, end): (u32, u32)) -> &'static str {
    compiled::TEXT
        .get(start as usize..end as usize)
        .unwrap_or_default()
}

/// An EC2 type's row, (vCPUs, source) and architecture: the hand-checked table
/// (`limits/ec2-instances.csv`) first, then the whole-catalog one (`limits/ec2-vcpus.csv`),
/// each a binary search of its compiled-in rows.
fn ec2_row(instance: &str) -> Option<((Decimal, &'static str), &'static str)> {
    [compiled::EC2, compiled::EC2_WHOLE]
        .iter()
        .find_map(|rows| {
            let i = rows
                .binary_search_by(|(f, _)| text(f[0]).cmp(instance))
                .ok()?;
            let ([_, arch, source], value) = rows[i];
            Some(((Decimal::deserialize(value), text(source)), text(arch)))
        })
}

/// The CPU architecture of an EC2 type (`x86_64` or `arm64`): the hand-checked table first,
/// then the whole-catalog table.
pub fn arch_of(instance: &str) -> Option<String> {
    ec2_row(instance).map(|(_, arch)| arch.to_string())
}

/// The compiled-in limits and RDS memory tables, as maps made on first use (no text is
/// parsed: build.rs did that).
pub fn table() -> &'static Limits {
    static T: OnceLock<Limits> = OnceLock::new();
    T.get_or_init(|| {
        let rows = compiled::LIMITS
            .iter()
            .map(|&([id, name, unit, kind, source, remedy], value)| {
                let row = LimitRow {
                    id: text(id).to_string(),
                    name: text(name),
                    value: Decimal::deserialize(value),
                    unit: text(unit),
                    kind: text(kind),
                    source: text(source),
                    remedy: text(remedy),
                };
                (text(id), row)
            })
            .collect();
        let rds_memory_gib = compiled::RDS_MEMORY
            .iter()
            .map(|&([instance, source], gib)| {
                (text(instance), (Decimal::deserialize(gib), text(source)))
            })
            .collect();
        Limits {
            rows,
            rds_memory_gib,
        }
    })
}

/// The row `id` of the limits table, through a hash index (the checks look rows up on every
/// step of a sweep).
pub fn row(id: &str) -> Option<&'static LimitRow> {
    static INDEX: OnceLock<foldhash::HashMap<&'static str, &'static LimitRow>> = OnceLock::new();
    INDEX
        .get_or_init(|| table().rows.iter().map(|(k, r)| (*k, r)).collect())
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

/// vCPUs of an EC2 type and their source (limits/ec2-instances.csv, then
/// limits/ec2-vcpus.csv); T3a and T4g sizes read the
/// T3 row of the same size (the EC2 User Guide's burstable table gives the three families the
/// same vCPUs and credits).
pub fn vcpu_of(instance: &str) -> Option<(Decimal, &'static str)> {
    let get = |t: &str| ec2_row(t).map(|(vcpu, _)| vcpu);
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
    if let Some(row) = rows.get(format!("ec2.{instance}.baseline_cpu_pct").as_str()) {
        return Some(row);
    }
    let (family, size) = instance.split_once('.')?;
    if family == "t3a" || family == "t4g" {
        return rows.get(format!("ec2.t3.{size}.baseline_cpu_pct").as_str());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::compile::{read, Row, Spec, EC2, EC2_WHOLE, LIMITS, RDS_MEMORY};
    use super::*;
    use std::str::FromStr;

    /// The files as the csv crate reads them, row by row with the header's names: what the
    /// compiled-in tables must equal.
    fn by_csv_crate(file: &str) -> Vec<BTreeMap<String, String>> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let mut reader = csv::Reader::from_path(path).unwrap();
        let header = reader.headers().unwrap().clone();
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                header
                    .iter()
                    .map(String::from)
                    .zip(r.iter().map(String::from))
                    .collect()
            })
            .collect()
    }

    /// A decimal and its text are the same number written the same way (scale included).
    fn same(value: Decimal, written: &str) -> bool {
        Decimal::from_str(written).is_ok_and(|d| d == value && d.to_string() == value.to_string())
    }

    #[test]
    fn every_limits_row_is_compiled_in_as_the_csv_crate_reads_it() {
        let rows = by_csv_crate(LIMITS.file);
        assert!(rows.len() > 100, "{}", rows.len());
        assert_eq!(table().rows.len(), rows.len());
        for r in &rows {
            let row = row(&r["id"]).unwrap_or_else(|| panic!("{}", r["id"]));
            assert!(std::ptr::eq(row, &table().rows[r["id"].as_str()]));
            assert_eq!(
                [
                    row.id.as_str(),
                    row.name,
                    row.unit,
                    row.kind,
                    row.source,
                    row.remedy
                ],
                [
                    &r["id"],
                    &r["name"],
                    &r["unit"],
                    &r["kind"],
                    &r["source"],
                    &r["remedy"]
                ]
                .map(String::as_str)
            );
            assert!(same(row.value, &r["value"]), "{}: {}", row.id, row.value);
        }
        let ids: Vec<&str> = table().rows.keys().copied().collect();
        assert!(ids.is_sorted(), "iterated in id order");
        assert!(row("no.such.limit").is_none());
    }

    #[test]
    fn every_rds_memory_row_is_compiled_in_as_the_csv_crate_reads_it() {
        let rows = by_csv_crate(RDS_MEMORY.file);
        assert!(rows.len() > 5);
        assert_eq!(table().rds_memory_gib.len(), rows.len());
        for r in &rows {
            let (gib, source) = table().rds_memory_gib[r["instance"].as_str()];
            assert!(same(gib, &r["memory_gib"]), "{}", r["instance"]);
            assert_eq!(source, r["source"]);
        }
    }

    /// Both EC2 tables: every type reads its own row's vCPUs, source and architecture, except
    /// that a type in both reads the hand-checked row.
    #[test]
    fn every_ec2_row_is_compiled_in_as_the_csv_crate_reads_it() {
        let hand = by_csv_crate(EC2.file);
        let whole = by_csv_crate(EC2_WHOLE.file);
        assert!(whole.len() > 800, "{}", whole.len());
        let in_hand = |t: &str| hand.iter().any(|r| r["instance"] == t);
        for r in hand
            .iter()
            .chain(whole.iter().filter(|r| !in_hand(&r["instance"])))
        {
            let t = &r["instance"];
            let (vcpu, source) = vcpu_of(t).unwrap_or_else(|| panic!("{t}"));
            assert!(same(vcpu, &r["vcpu"]), "{t}");
            assert_eq!(source, r["source"], "{t}");
            assert_eq!(arch_of(t).as_deref(), Some(r["arch"].as_str()), "{t}");
        }
        // A quoted source keeps its commas (and would lose doubled quotes, as the csv crate
        // reads them).
        assert!(whole.iter().any(|r| r["source"].contains(", ")));
        for t in ["zz9.small", "instance", ""] {
            assert!(vcpu_of(t).is_none() && arch_of(t).is_none(), "{t:?}");
        }
    }

    fn spec(header: &'static [&'static str]) -> Spec {
        Spec {
            file: "limits/x.csv",
            header,
            decimal: 1,
            kept: &[0, 2],
        }
    }

    /// The checks build.rs runs on every table: a bad row stops the build naming its line.
    #[test]
    fn a_bad_row_is_refused_with_its_file_and_line() {
        let s = spec(&["id", "value", "source"]);
        let bad = [
            (
                "id,value\na,1\n",
                "limits/x.csv:1: the header is `id,value`; expected `id,value,source`",
            ),
            (
                "id,value,source\na,1,s\nb,2\n",
                "limits/x.csv:3: 2 fields; expected 3, as in the header",
            ),
            (
                "id,value,source\na,1,s\n\nb,one,s\n",
                "limits/x.csv:4: `value` is `one`; expected a decimal number such as 12 or 0.25",
            ),
            (
                "id,value,source\na,,s\n",
                "limits/x.csv:2: `value` is ``; expected a decimal number such as 12 or 0.25",
            ),
            ("id,value,source\n,1,s\n", "limits/x.csv:2: `id` is empty"),
            (
                "id,value,source\na,1,\"s,\nt\"\na,2,s\n",
                "limits/x.csv:4: `a` is already on line 2; keep one row per id",
            ),
        ];
        for (text, expected) in bad {
            assert_eq!(read(&s, text), Err(expected.to_string()), "{text:?}");
        }
    }

    #[test]
    fn good_rows_are_kept_sorted_by_key_with_quotes_read() {
        let s = spec(&["id", "value", "source"]);
        let rows = read(&s, "id,value,source\nb,0.50,\"x, \"\"y\"\"\"\na,-3,s").unwrap();
        let row = |key: &str, value: &str, source: &str| Row {
            fields: vec![key.to_string(), source.to_string()],
            value: Decimal::from_str(value).unwrap(),
        };
        assert_eq!(rows, [row("a", "-3", "s"), row("b", "0.50", "x, \"y\"")]);
        assert_eq!(rows[1].value.to_string(), "0.50");
    }
}
