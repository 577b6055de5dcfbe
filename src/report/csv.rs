//! CSV output: one row per line item, exact decimals, with its catalog trace.
use super::i18n::Lang;
// The English header row lives with the other labels (the Japanese one is beside it there).
pub use super::i18n::CSV_HEADER as HEADER;
use super::i18n_lines;
use crate::compare::Report;
use crate::money::exact;

/// The UTF-8 byte order mark that makes Excel read a CSV file as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn render(rep: &Report) -> Vec<u8> {
    render_in(rep, Lang::En, false)
}

/// CSV with the header in `lang`; `bom` starts the file with a UTF-8 byte order mark (for Excel).
pub fn render_in(rep: &Report, lang: Lang, bom: bool) -> Vec<u8> {
    let start = if bom { BOM.to_vec() } else { Vec::new() };
    let mut w = csv::Writer::from_writer(start);
    crate::csv_safe::record(&mut w, lang.labels().csv_header);
    let rate = rep.jpy_rate();
    for arch in &rep.architectures {
        for (tier, l) in arch.lines() {
            crate::csv_safe::record(
                &mut w,
                [
                    arch.name.as_str(),
                    arch.region.as_str(),
                    tier.tier.as_str(),
                    tier.service.as_str(),
                    l.id.as_str(),
                    &i18n_lines::description(lang, l),
                    &exact(l.quantity),
                    l.unit.as_str(),
                    &exact(l.unit_price_usd),
                    &exact(l.monthly_usd),
                    &rate.map(|r| exact(l.monthly_usd * r)).unwrap_or_default(),
                    l.price_key.as_str(),
                    l.sku.as_str(),
                    l.effective.as_str(),
                    l.source.as_str(),
                ],
            );
        }
        // Consumption tax, apart from the pre-tax lines (tier `tax`, id `tax.consumption`).
        if let (Some(tax), Some(t)) = (arch.tax_usd, rep.assumptions.tax_rate) {
            crate::csv_safe::record(
                &mut w,
                [
                    arch.name.as_str(),
                    arch.region.as_str(),
                    "tax",
                    "tax",
                    "tax.consumption",
                    lang.tax_label(),
                    &exact(arch.monthly_usd),
                    "USD pre-tax",
                    &exact(t),
                    &exact(tax),
                    &rate.map(|r| exact(tax * r)).unwrap_or_default(),
                    "assumptions.tax_rate",
                    "",
                    "",
                    "scenario assumption",
                ],
            );
        }
    }
    w.into_inner().unwrap_or_default()
}
