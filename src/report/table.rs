//! Terminal tables (comfy-table): assumptions, the architecture x tier matrix, line items, limits.
use super::{assumption_lines, money};
use crate::compare::Report;
use crate::money::{exact, quantity};
use crate::pricing::PriceRow;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, Table};

pub const TIERS: [&str; 5] = ["web", "app", "db", "network", "extras"];

fn table() -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

pub fn render(rep: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", rep.scenario.name));
    if let Some(d) = &rep.scenario.description {
        out.push_str(&format!("{d}\n"));
    }
    out.push('\n');
    let mut a = table();
    a.set_header(vec!["Assumption", "Value"]);
    for (k, v) in assumption_lines(rep) {
        a.add_row(vec![k, v]);
    }
    out.push_str(&format!("{a}\n\n"));

    out.push_str("Monthly cost by tier\n");
    let mut m = table();
    let mut header = vec![Cell::new("Architecture")];
    let used: Vec<&str> = TIERS
        .iter()
        .copied()
        .filter(|t| rep.architectures.iter().any(|a| a.tier(t).is_some()))
        .collect();
    header.extend(used.iter().map(|t| Cell::new(*t)));
    header.push(Cell::new("Total / month"));
    m.set_header(header);
    for arch in &rep.architectures {
        let mut row = vec![Cell::new(&arch.name)];
        for t in &used {
            row.push(match arch.tier(t) {
                Some(tier) => right(format!("{} {}", tier.service, money(rep, tier.monthly_usd))),
                None => right("—".to_string()),
            });
        }
        row.push(right(money(rep, arch.monthly_usd)));
        m.add_row(row);
    }
    out.push_str(&format!("{m}\n"));
    out.push_str(&crate::decisions::range_table(rep));

    for arch in &rep.architectures {
        out.push_str(&format!(
            "\n{} ({}) — {} per month\n",
            arch.name,
            arch.region,
            money(rep, arch.monthly_usd)
        ));
        let mut t = table();
        t.set_header(vec![
            "Tier",
            "Line item",
            "Quantity",
            "Unit",
            "USD per unit",
            "Monthly",
        ]);
        for (tier, l) in arch.lines() {
            t.add_row(vec![
                Cell::new(&tier.tier),
                Cell::new(format!("{}\n{}", l.description, l.id)),
                right(quantity(l.quantity)),
                Cell::new(&l.unit),
                right(exact(l.unit_price_usd)),
                right(money(rep, l.monthly_usd)),
            ]);
        }
        out.push_str(&format!("{t}\n"));
        if !arch.limits.is_empty() {
            out.push_str(&limits_table(arch));
        }
    }
    out
}

/// Limit findings of one architecture as a table.
pub fn limits_table(arch: &crate::compare::ArchReport) -> String {
    let mut t = table();
    t.set_header(vec![
        "Status",
        "Tier",
        "Limit",
        "Value",
        "Limit value",
        "Kind",
        "What to do",
    ]);
    for f in &arch.limits {
        t.add_row(vec![
            Cell::new(format!("{:?}", f.status).to_lowercase()),
            Cell::new(&f.tier),
            Cell::new(format!("{}\n{}", f.message, f.id)),
            right(f.value.clone()),
            right(format!("{} {}", f.limit, f.unit)),
            Cell::new(&f.kind),
            Cell::new(&f.remedy),
        ]);
    }
    format!("Limits for {}\n{t}\n", arch.name)
}

/// Catalog rows for `pricing show`.
pub fn price_rows(rows: &[&PriceRow]) -> String {
    let mut t = table();
    t.set_header(vec![
        "Key",
        "Region",
        "Tier",
        "USD per unit",
        "Unit",
        "Effective",
        "SKU",
    ]);
    for r in rows {
        let tier = match (r.tier_begin.is_zero(), r.tier_end) {
            (true, None) => String::new(),
            (_, Some(e)) => format!("{}–{}", quantity(r.tier_begin), quantity(e)),
            (false, None) => format!("{}+", quantity(r.tier_begin)),
        };
        t.add_row(vec![
            Cell::new(&r.key),
            Cell::new(&r.region),
            Cell::new(tier),
            right(exact(r.usd)),
            Cell::new(&r.unit),
            Cell::new(&r.effective),
            Cell::new(&r.sku),
        ]);
    }
    format!("{t}\n{} rows\n", rows.len())
}
