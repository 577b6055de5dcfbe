//! JSON output, schema `archcost/report/1` (docs/reference/json.md): exact decimal strings, USD (+ yen).
use crate::compare::Report;

pub fn render(rep: &Report) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(rep).unwrap_or_default();
    out.push(b'\n');
    out
}
