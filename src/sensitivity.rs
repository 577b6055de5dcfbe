//! Sensitivity: which workload inputs move each architecture's monthly cost most
//! (each input alone to its low and high value, the others at expected; tornado ranking).
use crate::compare;
use crate::error::Result;
use crate::money::{exact, usd};
use crate::pricing::Catalog;
use crate::scenario::{self, RangeEnd, Scenario};
use crate::sweep;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

/// Numeric workload keys (without the `workload.` prefix).
pub const WORKLOAD_KEYS: [&str; 10] = [
    "requests_per_month",
    "requests_per_second",
    "peak_to_average",
    "duration_ms",
    "request_kb",
    "response_kb",
    "db_reads_per_request",
    "db_writes_per_request",
    "item_kb",
    "storage_gb",
];

pub const SENSITIVITY_SCHEMA: &str = "archcost/sensitivity/1";

#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub schema: &'static str,
    #[serde(with = "crate::services::exact")]
    pub percent: Decimal,
    pub architectures: Vec<ArchSensitivity>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArchSensitivity {
    pub name: String,
    #[serde(with = "crate::services::exact")]
    pub monthly_usd: Decimal,
    /// Inputs by swing, largest first.
    pub inputs: Vec<InputSwing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InputSwing {
    pub key: String,
    /// "range" (declared in the scenario) or "percent" (+/- the --percent option)
    pub source: &'static str,
    #[serde(with = "crate::services::exact")]
    pub low: Decimal,
    #[serde(with = "crate::services::exact")]
    pub high: Decimal,
    #[serde(with = "crate::services::exact")]
    pub low_usd: Decimal,
    #[serde(with = "crate::services::exact")]
    pub high_usd: Decimal,
    /// |high_usd - low_usd|
    #[serde(with = "crate::services::exact")]
    pub swing_usd: Decimal,
}

fn current(s: &Scenario, key: &str) -> Option<Decimal> {
    let w = &s.workload;
    Some(match key {
        "requests_per_month" => w.requests_per_month?,
        "requests_per_second" => w.requests_per_second?,
        "peak_to_average" => w.peak_to_average,
        "duration_ms" => w.duration_ms,
        "request_kb" => w.request_kb,
        "response_kb" => w.response_kb,
        "db_reads_per_request" => w.db_reads_per_request,
        "db_writes_per_request" => w.db_writes_per_request,
        "item_kb" => w.item_kb,
        "storage_gb" => w.storage_gb,
        _ => return None,
    })
}

/// Vary every numeric workload input by +/- `percent` % (or its declared range).
pub fn sensitivity(s: &Scenario, catalog: &Catalog, percent: Decimal) -> Result<Sensitivity> {
    let base = scenario::at_range_end(s, RangeEnd::Expected);
    let expected = compare::totals(&base, catalog)?;
    let mut per_arch: Vec<Vec<InputSwing>> = vec![Vec::new(); expected.len()];
    let factor = percent / dec!(100);
    for k in WORKLOAD_KEYS {
        let key = format!("workload.{k}");
        let Some(v) = current(&base, k) else { continue };
        let (low, high, source) = match s.workload_ranges.get(&key) {
            Some(r) => (r.low, r.high, "range"),
            None => {
                let mut low = v - v * factor;
                if k == "peak_to_average" {
                    low = low.max(Decimal::ONE);
                }
                (low.max(Decimal::ZERO), v + v * factor, "percent")
            }
        };
        if low == high {
            continue;
        }
        let at = |x: Decimal| -> Result<Vec<(String, Decimal)>> {
            let mut w = base.clone();
            sweep::set_key(&mut w, &key, x)?;
            scenario::revalidate(&w, catalog)
                .map_err(|e| crate::error::Error::Input(format!("{key} = {x}: {e}")))?;
            compare::totals(&w, catalog)
        };
        let lo = at(low)?;
        let hi = at(high)?;
        for (i, ((_, l), (_, h))) in lo.iter().zip(hi.iter()).enumerate() {
            per_arch[i].push(InputSwing {
                key: key.clone(),
                source,
                low,
                high,
                low_usd: *l,
                high_usd: *h,
                swing_usd: (*h - *l).abs(),
            });
        }
    }
    let architectures = expected
        .into_iter()
        .zip(per_arch)
        .map(|((name, monthly_usd), mut inputs)| {
            inputs.sort_by(|a, b| b.swing_usd.cmp(&a.swing_usd).then(a.key.cmp(&b.key)));
            ArchSensitivity {
                name,
                monthly_usd,
                inputs,
            }
        })
        .collect();
    Ok(Sensitivity {
        schema: SENSITIVITY_SCHEMA,
        percent,
        architectures,
    })
}

const BAR_WIDTH: usize = 30;

/// Tornado bar: `#` proportional to the swing, relative to the largest swing of the architecture.
fn bar(swing: Decimal, max: Decimal) -> String {
    if max.is_zero() {
        return String::new();
    }
    let n = (swing * Decimal::from(BAR_WIDTH) / max)
        .round()
        .to_string()
        .parse::<usize>()
        .unwrap_or(0)
        .min(BAR_WIDTH);
    "█".repeat(n)
}

pub fn render_table(r: &Sensitivity) -> String {
    use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
    let mut o = format!(
        "Sensitivity: each input alone at low and high (±{} % unless a range is declared), the others at expected\n",
        exact(r.percent)
    );
    for a in &r.architectures {
        o.push_str(&format!(
            "\n{} — {} per month at expected\n",
            a.name,
            usd(a.monthly_usd)
        ));
        let max = a.inputs.first().map(|i| i.swing_usd).unwrap_or_default();
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED);
        t.set_header(vec![
            "Input",
            "Low → high",
            "Cost at low",
            "Cost at high",
            "Swing",
            "",
        ]);
        for i in &a.inputs {
            t.add_row(vec![
                format!(
                    "{}{}",
                    i.key,
                    if i.source == "range" { " (range)" } else { "" }
                ),
                format!(
                    "{} → {}",
                    crate::money::quantity(i.low),
                    crate::money::quantity(i.high)
                ),
                usd(i.low_usd),
                usd(i.high_usd),
                usd(i.swing_usd),
                bar(i.swing_usd, max),
            ]);
        }
        o.push_str(&format!("{t}\n"));
    }
    o
}

pub fn render_json(r: &Sensitivity) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(r).unwrap_or_default();
    out.push(b'\n');
    out
}
