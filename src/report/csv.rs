//! CSV output: one row per line item, exact decimals, with its catalog trace.
use crate::compare::Report;
use crate::money::exact;

pub const HEADER: [&str; 15] = [
    "architecture",
    "region",
    "tier",
    "service",
    "id",
    "description",
    "quantity",
    "unit",
    "unit_price_usd",
    "monthly_usd",
    "monthly_jpy",
    "price_key",
    "sku",
    "effective",
    "source",
];

pub fn render(rep: &Report) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    let rate = rep.jpy_rate();
    for arch in &rep.architectures {
        for (tier, l) in arch.lines() {
            let _ = w.write_record([
                arch.name.as_str(),
                arch.region.as_str(),
                tier.tier.as_str(),
                tier.service.as_str(),
                l.id.as_str(),
                l.description.as_str(),
                &exact(l.quantity),
                l.unit.as_str(),
                &exact(l.unit_price_usd),
                &exact(l.monthly_usd),
                &rate.map(|r| exact(l.monthly_usd * r)).unwrap_or_default(),
                l.price_key.as_str(),
                l.sku.as_str(),
                l.effective.as_str(),
                l.source.as_str(),
            ]);
        }
    }
    w.into_inner().unwrap_or_default()
}
