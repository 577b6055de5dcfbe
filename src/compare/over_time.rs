//! Money over time (issue 10): per architecture the cash paid up front, the recurring monthly
//! cost, the first 12 months and the total over the scenario's longest commitment term, so an
//! on-demand architecture and a committed one can be read side by side.
use crate::error::Result;
use crate::messages::{Msg, Value};
use crate::money;
use crate::money::exact;
use crate::scenario::{Purchase, Scenario, Service};
use crate::services::Line;
use rust_decimal::Decimal;
use serde::Serialize;

/// One architecture's money over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OverTime {
    /// The purchase option of each tier that has one ("app ec2: reserved, 1-year partial
    /// upfront"); empty for an all on-demand architecture.
    pub purchase: Vec<String>,
    // `purchase` as messages (`purchase.*`), in the same order, shown in any language.
    #[serde(skip)]
    #[schemars(skip)]
    pub purchase_texts: Vec<Msg>,
    /// `monthly_usd` without the amortised upfront fees: what is billed every month.
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub recurring_monthly_usd: Decimal,
    /// Cash over the first 12 months: every upfront fee (paid at purchase) + 12 recurring months.
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub first_12_months_usd: Decimal,
    /// The months compared: the longest commitment term in the scenario (12 or 36).
    pub months: u32,
    /// Cash over `months`: recurring × months + each upfront fee once per term it spans (a
    /// shorter commitment is assumed renewed on the same terms).
    #[serde(with = "exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub total_usd: Decimal,
}

/// Whether any tier of the scenario is bought other than on-demand.
pub fn any_purchase_option(s: &Scenario) -> bool {
    tiers(s).any(|(_, _, svc)| svc.terms().purchase != Purchase::OnDemand)
}

fn tiers(s: &Scenario) -> impl Iterator<Item = (usize, &'static str, &Service)> {
    s.architectures.iter().enumerate().flat_map(|(i, a)| {
        [("web", &a.web), ("app", &a.app), ("db", &a.db)]
            .into_iter()
            .filter_map(move |(t, svc)| svc.as_ref().map(|svc| (i, t, svc)))
    })
}

/// The months money over time covers: the scenario's longest commitment term (12 when only spot
/// or discounts), or None when every tier is on-demand (no architecture gets `over_time`).
pub fn months(s: &Scenario) -> Option<u32> {
    if !any_purchase_option(s) {
        return None;
    }
    Some(
        tiers(s)
            .map(|(_, _, svc)| svc.terms())
            .filter(|t| t.purchase.is_commitment())
            .map(|t| t.term_months())
            .max()
            .unwrap_or(12),
    )
}

/// Money over `months` for architecture number `index` of the scenario, from its priced lines
/// and totals.
pub fn of(
    s: &Scenario,
    index: usize,
    name: &str,
    (monthly_usd, upfront_usd): (Decimal, Decimal),
    lines: &[&Line],
    months: u32,
) -> Result<OverTime> {
    let purchase_texts: Vec<Msg> = tiers(s)
        .filter(|(at, _, _)| *at == index)
        .filter_map(|(_, tier, svc)| describe(tier, svc))
        .collect();
    let purchase = purchase_texts.iter().map(Msg::en).collect();
    let amortised = money::sum(
        lines
            .iter()
            .filter(|l| l.upfront_usd.is_some())
            .map(|l| l.monthly_usd),
        name,
    )?;
    let recurring = monthly_usd - amortised;
    let m = Decimal::from(months);
    let mut total = money::mul(recurring, m, name)?;
    for l in lines {
        if let (Some(up), Some(term)) = (l.upfront_usd, l.term_months) {
            let terms_spanned = (m / Decimal::from(term.max(1))).ceil();
            total = money::sum([total, money::mul(up, terms_spanned, name)?], name)?;
        }
    }
    Ok(OverTime {
        purchase,
        purchase_texts,
        recurring_monthly_usd: recurring,
        first_12_months_usd: money::sum(
            [upfront_usd, money::mul(recurring, Decimal::from(12), name)?],
            name,
        )?,
        months,
        total_usd: total,
    })
}

/// "app ec2: reserved, 3-year all upfront (user assumption: 30 % off on-demand)".
fn describe(tier: &str, svc: &Service) -> Option<Msg> {
    let t = svc.terms();
    let term = crate::services::purchase::term(&t);
    let what = match t.purchase {
        Purchase::OnDemand => return None,
        Purchase::Spot => crate::msg!(
            "purchase.spot",
            (t.spot_share * Decimal::ONE_HUNDRED).normalize()
        ),
        Purchase::Reserved => Msg::of("purchase.reserved", vec![term]),
        Purchase::ComputeSavingsPlan => Msg::of("purchase.compute_savings_plan", vec![term]),
        Purchase::InstanceSavingsPlan => Msg::of("purchase.instance_savings_plan", vec![term]),
    };
    let rate = match t.discount_pct {
        Some(d) => Value::Msg(crate::msg!("purchase.user_assumption", d.normalize())),
        None => Value::Plain(String::new()),
    };
    Some(Msg::of(
        "purchase.tier",
        vec![tier.into(), svc.name().into(), Value::Msg(what), rate],
    ))
}
