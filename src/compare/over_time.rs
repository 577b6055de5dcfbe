//! Money over time (issue 10): per architecture the cash paid up front, the recurring monthly
//! cost, the first 12 months and the total over the scenario's longest commitment term, so an
//! on-demand architecture and a committed one can be read side by side.
use super::ArchReport;
use crate::error::Result;
use crate::money;
use crate::scenario::{Purchase, Scenario, Service};
use crate::services::exact;
use rust_decimal::Decimal;
use serde::Serialize;

/// One architecture's money over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverTime {
    /// The purchase option of each tier that has one ("app ec2: reserved, 1-year partial
    /// upfront"); empty for an all on-demand architecture.
    pub purchase: Vec<String>,
    /// `monthly_usd` without the amortised upfront fees: what is billed every month.
    #[serde(with = "exact")]
    pub recurring_monthly_usd: Decimal,
    /// Cash over the first 12 months: every upfront fee (paid at purchase) + 12 recurring months.
    #[serde(with = "exact")]
    pub first_12_months_usd: Decimal,
    /// The months compared: the longest commitment term in the scenario (12 or 36).
    pub months: u32,
    /// Cash over `months`: recurring × months + each upfront fee once per term it spans (a
    /// shorter commitment is assumed renewed on the same terms).
    #[serde(with = "exact")]
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

/// Set `over_time` on every architecture when the scenario has any purchase option.
pub fn fill(s: &Scenario, archs: &mut [ArchReport]) -> Result<()> {
    if !any_purchase_option(s) {
        return Ok(());
    }
    let months = tiers(s)
        .map(|(_, _, svc)| svc.terms())
        .filter(|t| t.purchase.is_commitment())
        .map(|t| t.term_months())
        .max()
        .unwrap_or(12);
    for (i, a) in archs.iter_mut().enumerate() {
        let purchase = tiers(s)
            .filter(|(at, _, _)| *at == i)
            .filter_map(|(_, tier, svc)| describe(tier, svc))
            .collect();
        let lines: Vec<_> = a.tiers.iter().flat_map(|t| &t.lines).collect();
        let amortised = money::sum(
            lines
                .iter()
                .filter(|l| l.upfront_usd.is_some())
                .map(|l| l.monthly_usd),
            &a.name,
        )?;
        let recurring = a.monthly_usd - amortised;
        let m = Decimal::from(months);
        let mut total = money::mul(recurring, m, &a.name)?;
        for l in &lines {
            if let (Some(up), Some(term)) = (l.upfront_usd, l.term_months) {
                let terms_spanned = (m / Decimal::from(term.max(1))).ceil();
                total = money::sum([total, money::mul(up, terms_spanned, &a.name)?], &a.name)?;
            }
        }
        a.over_time = Some(OverTime {
            purchase,
            recurring_monthly_usd: recurring,
            first_12_months_usd: money::sum(
                [
                    a.upfront_usd,
                    money::mul(recurring, Decimal::from(12), &a.name)?,
                ],
                &a.name,
            )?,
            months,
            total_usd: total,
        });
    }
    Ok(())
}

/// "app ec2: reserved, 3-year all upfront (user assumption: 30 % off on-demand)".
fn describe(tier: &str, svc: &Service) -> Option<String> {
    let t = svc.terms();
    let what = match t.purchase {
        Purchase::OnDemand => return None,
        Purchase::Spot => format!(
            "spot, {} % of the hours",
            (t.spot_share * Decimal::ONE_HUNDRED).normalize()
        ),
        p => format!("{}, {}", p.key(), t.text()),
    };
    let rate = match t.discount_pct {
        Some(d) => format!(" (user assumption: {} % off on-demand)", d.normalize()),
        None => String::new(),
    };
    Some(format!("{tier} {}: {what}{rate}", svc.name()))
}
