//! Terminal tables (comfy-table): assumptions, the architecture x tier matrix, line items, limits.
use super::i18n::Lang;
use super::i18n_lines;
use super::limits::finding_cells;
use super::{assumption_lines_in, money};
use crate::compare::{ArchReport, Report};
use crate::money::{exact, quantity, unit_price};
use crate::pricing::PriceRow;
// The table builder, width and tier order are shared with the other formats (report/markup.rs).
use super::markup::new_table as table;
use super::markup::{width, TIERS};
use comfy_table::{Cell, CellAlignment};

/// Below this many columns the compare tables switch to a compact layout (money only in the
/// matrix; quantity and unit together, no unit price, in the line items) instead of wrapping
/// words mid-way.
pub const COMPACT_BELOW: u16 = 100;

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

pub fn render(rep: &Report) -> String {
    render_in(rep, Lang::En)
}

/// The terminal tables with labels in `lang`.
pub fn render_in(rep: &Report, lang: Lang) -> String {
    let lb = lang.labels();
    let mut out = String::new();
    out.push_str(&format!("{}\n", rep.scenario.name));
    if let Some(d) = &rep.scenario.description {
        out.push_str(&format!("{d}\n"));
    }
    out.push('\n');
    let mut a = table();
    a.set_header(vec![lb.assumption, lb.value]);
    for (k, v) in assumption_lines_in(rep, lang) {
        a.add_row(vec![k, v]);
    }
    out.push_str(&format!("{a}\n\n"));

    out.push_str(&format!("{}\n", lb.monthly_cost_by_tier));
    let mut m = table();
    let mut header = vec![Cell::new(lb.architecture)];
    let used: Vec<&str> = TIERS
        .iter()
        .copied()
        .filter(|t| rep.architectures.iter().any(|a| a.tier(t).is_some()))
        .collect();
    header.extend(used.iter().map(|t| Cell::new(lang.tier(t))));
    header.push(Cell::new(lb.total_per_month));
    header.push(Cell::new(lb.feasible));
    m.set_header(header);
    let compact = width() < COMPACT_BELOW;
    for arch in &rep.architectures {
        let mut row = vec![Cell::new(&arch.name)];
        for t in &used {
            row.push(match arch.tier(t) {
                Some(tier) if compact => right(money(rep, tier.monthly_usd)),
                Some(tier) => right(format!(
                    "{} {}",
                    lang.service(&tier.service),
                    money(rep, tier.monthly_usd)
                )),
                None => right("—".to_string()),
            });
        }
        row.push(right(money(rep, arch.monthly_usd)));
        // The limits that rule an architecture out are listed under the table (width).
        row.push(Cell::new(if arch.feasible { lb.yes } else { lb.no }));
        m.add_row(row);
    }
    out.push_str(&format!("{m}\n"));
    for line in super::decision_lines(rep, lang) {
        out.push_str(&format!("{line}\n"));
    }
    // The decision cards' facts: tax-inclusive total, upfront cash, term total, can it run.
    out.push('\n');
    for line in super::cards::text_lines(rep, lang) {
        out.push_str(&format!("{line}\n"));
    }
    out.push_str(&super::range::table_section(rep, lang));
    out.push_str(&super::over_time::table_section(rep, lang));

    for arch in &rep.architectures {
        arch_section(&mut out, rep, arch, lang, compact);
    }
    out.push_str(&super::not_modelled::table_section(rep, lang));
    out
}

/// One architecture: its priced lines (fewer columns when `compact`), the limits it breaks,
/// its notes and how many limit checks passed.
fn arch_section(out: &mut String, rep: &Report, arch: &ArchReport, lang: Lang, compact: bool) {
    let lb = lang.labels();
    out.push_str(&format!(
        "\n{}\n",
        lang.arch_heading(&arch.name, &arch.region, &money(rep, arch.monthly_usd))
    ));
    let mut t = table();
    if compact {
        t.set_header(vec![lb.tier, lb.line_item, lb.quantity, lb.monthly]);
    } else {
        t.set_header(vec![
            lb.tier,
            lb.line_item,
            lb.quantity,
            lb.unit,
            lb.usd_per_unit,
            lb.monthly,
        ]);
    }
    for (tier, l) in arch.lines() {
        let mut row = vec![
            Cell::new(lang.tier(&tier.tier)),
            Cell::new(format!("{}\n{}", i18n_lines::description(lang, l), l.id)),
        ];
        if compact {
            row.push(right(format!(
                "{}\n{}",
                super::display::line_quantity(l.quantity),
                i18n_lines::unit(lang, &l.unit)
            )));
        } else {
            row.push(right(super::display::line_quantity(l.quantity)));
            row.push(Cell::new(i18n_lines::unit(lang, &l.unit)));
            row.push(right(unit_price(l.unit_price_usd)));
        }
        row.push(right(money(rep, l.monthly_usd)));
        t.add_row(row);
    }
    out.push_str(&format!("{t}\n"));
    let flagged: Vec<_> = arch
        .limits
        .iter()
        .filter(|f| f.status != crate::limits::Status::Ok)
        .cloned()
        .collect();
    if !flagged.is_empty() {
        out.push_str(&limits_table_in(&arch.name, &flagged, lang));
    }
    for note in arch.notes_in(lang) {
        out.push_str(&format!("{}{note}\n", lb.note));
    }
    if !arch.limits.is_empty() {
        out.push_str(&lang.checks_ok(arch.limits.len() - flagged.len(), arch.limits.len()));
    }
}

/// Limit findings of one architecture as a table, labelled in `lang`.
pub fn limits_table_in(name: &str, findings: &[crate::limits::Finding], lang: Lang) -> String {
    let lb = lang.labels();
    let mut t = table();
    t.set_header(vec![
        lb.status,
        lb.tier,
        lb.limit,
        lb.value,
        lb.limit_value,
        lb.kind,
        lb.what_to_do,
    ]);
    for f in findings {
        t.add_row(finding_cells(
            f,
            lang,
            i18n_lines::remedy(lang, f).into_owned(),
        ));
    }
    let heading = super::display::fill(
        super::display::word(lang, "ui.table.limits_heading"),
        &[("label", lb.limits_for), ("name", name)],
    );
    format!("{heading}\n{t}\n")
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
