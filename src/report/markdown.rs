//! Markdown output, ready to paste into a design review.
use super::{assumption_lines, money};
use crate::compare::Report;
use crate::money::{exact, quantity};

/// Escape text for a Markdown table cell.
pub fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn render(rep: &Report) -> String {
    let mut o = String::new();
    o.push_str(&format!("# {}\n\n", cell(&rep.scenario.name)));
    if let Some(d) = &rep.scenario.description {
        o.push_str(&format!("{}\n\n", cell(d)));
    }
    o.push_str("| Assumption | Value |\n|---|---|\n");
    for (k, v) in assumption_lines(rep) {
        o.push_str(&format!("| {} | {} |\n", k, cell(&v)));
    }
    let tiers: Vec<&str> = super::table::TIERS
        .iter()
        .copied()
        .filter(|t| rep.architectures.iter().any(|a| a.tier(t).is_some()))
        .collect();
    o.push_str("\n## Monthly cost by tier\n\n| Architecture |");
    for t in &tiers {
        o.push_str(&format!(" {t} |"));
    }
    o.push_str(" Total / month |\n|---|");
    for _ in &tiers {
        o.push_str("---:|");
    }
    o.push_str("---:|\n");
    for a in &rep.architectures {
        o.push_str(&format!("| {} |", cell(&a.name)));
        for t in &tiers {
            match a.tier(t) {
                Some(tier) => o.push_str(&format!(
                    " {} {} |",
                    tier.service,
                    money(rep, tier.monthly_usd)
                )),
                None => o.push_str(" — |"),
            }
        }
        o.push_str(&format!(" **{}** |\n", money(rep, a.monthly_usd)));
    }
    o.push_str(&crate::decisions::range_markdown(rep));
    for a in &rep.architectures {
        o.push_str(&format!(
            "\n## {} ({}) — {} per month\n\n",
            cell(&a.name),
            a.region,
            money(rep, a.monthly_usd)
        ));
        o.push_str("| Tier | Line item | id | Quantity | Unit | USD per unit | Monthly |\n|---|---|---|---:|---|---:|---:|\n");
        for (t, l) in a.lines() {
            o.push_str(&format!(
                "| {} | {} | `{}` | {} | {} | {} | {} |\n",
                t.tier,
                cell(&l.description),
                l.id,
                quantity(l.quantity),
                cell(&l.unit),
                exact(l.unit_price_usd),
                money(rep, l.monthly_usd)
            ));
        }
        if !a.limits.is_empty() {
            o.push_str("\n| Status | Tier | Limit | Value | Limit value | Kind | What to do |\n|---|---|---|---:|---:|---|---|\n");
            for f in &a.limits {
                o.push_str(&format!(
                    "| {} | {} | {} (`{}`) | {} | {} {} | {} | {} |\n",
                    format!("{:?}", f.status).to_lowercase(),
                    f.tier,
                    cell(&f.message),
                    f.id,
                    f.value,
                    f.limit,
                    cell(&f.unit),
                    f.kind,
                    cell(&f.remedy)
                ));
            }
        }
    }
    o
}
