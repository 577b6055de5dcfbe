//! `pricing diff OLD NEW`: rows added, removed and changed between two catalogs.
use super::{Catalog, PriceRow};
use crate::error::Result;
use std::collections::BTreeMap;
use std::path::Path;

/// A catalog named on the command line: "bundled", a catalog directory or a catalog CSV file.
pub fn load_named(name: &str) -> Result<Catalog> {
    if name == "bundled" {
        return Ok(super::bundled::catalog().clone());
    }
    super::load_dir(Path::new(name))
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    /// "added" | "removed" | "changed".
    pub change: &'static str,
    pub region: String,
    pub key: String,
    pub tier_begin: String,
    pub unit: String,
    pub old_usd: Option<String>,
    pub new_usd: Option<String>,
    pub old_tier_end: Option<String>,
    pub new_tier_end: Option<String>,
    pub old_sku: Option<String>,
    pub new_sku: Option<String>,
}

type RowKey = (
    crate::pricing::Text,
    crate::pricing::Text,
    rust_decimal::Decimal,
);

fn index(c: &Catalog) -> BTreeMap<RowKey, &PriceRow> {
    c.rows()
        .iter()
        .map(|r| ((r.region.clone(), r.key.clone(), r.tier_begin), r))
        .collect()
}

fn end(r: &PriceRow) -> String {
    r.tier_end
        .map(|e| e.normalize().to_string())
        .unwrap_or_default()
}

/// Rows that differ, keyed by (region, key, tier start). A row "changed" when its price,
/// tier end or unit differs; SKU and date changes alone are not price changes.
pub fn diff(old: &Catalog, new: &Catalog) -> Vec<Change> {
    let (a, b) = (index(old), index(new));
    let mut keys: Vec<&RowKey> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for k in keys {
        let (o, n) = (a.get(k).copied(), b.get(k).copied());
        let change = match (o, n) {
            (Some(_), None) => "removed",
            (None, Some(_)) => "added",
            (Some(o), Some(n))
                if o.usd != n.usd || o.tier_end != n.tier_end || o.unit != n.unit =>
            {
                "changed"
            }
            _ => continue,
        };
        let any = n.or(o);
        out.push(Change {
            change,
            region: k.0.to_string(),
            key: k.1.to_string(),
            tier_begin: k.2.normalize().to_string(),
            unit: any.map(|r| r.unit.to_string()).unwrap_or_default(),
            old_usd: o.map(|r| r.usd.normalize().to_string()),
            new_usd: n.map(|r| r.usd.normalize().to_string()),
            old_tier_end: o.map(end),
            new_tier_end: n.map(end),
            old_sku: o.map(|r| r.sku.clone()),
            new_sku: n.map(|r| r.sku.clone()),
        });
    }
    out
}

const HEADER: [&str; 9] = [
    "change",
    "region",
    "key",
    "tier_begin",
    "old_tier_end",
    "new_tier_end",
    "old_usd",
    "new_usd",
    "unit",
];

fn cells(c: &Change) -> [String; 9] {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        c.change.to_string(),
        c.region.clone(),
        c.key.clone(),
        c.tier_begin.clone(),
        s(&c.old_tier_end),
        s(&c.new_tier_end),
        s(&c.old_usd),
        s(&c.new_usd),
        c.unit.clone(),
    ]
}

pub fn render_csv(changes: &[Change]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    crate::csv_safe::record(&mut w, HEADER);
    for c in changes {
        crate::csv_safe::record(&mut w, cells(c));
    }
    w.into_inner().unwrap_or_default()
}

pub fn render_json(old: &str, new: &str, changes: &[Change]) -> Vec<u8> {
    let v = serde_json::json!({
        "schema": "archcost/pricing-diff/1",
        "old": old,
        "new": new,
        "changes": changes,
    });
    let mut out = serde_json::to_vec_pretty(&v).unwrap_or_default();
    out.push(b'\n');
    out
}

pub fn render_table(old: &str, new: &str, changes: &[Change]) -> String {
    let count = |k: &str| changes.iter().filter(|c| c.change == k).count();
    let mut out = format!(
        "{old} -> {new}: {} added, {} removed, {} changed\n",
        count("added"),
        count("removed"),
        count("changed")
    );
    if changes.is_empty() {
        return out;
    }
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(HEADER);
    for c in changes {
        t.add_row(cells(c));
    }
    out.push_str(&t.to_string());
    out.push('\n');
    out
}
