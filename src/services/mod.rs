//! Service cost models: one module per AWS service turns usage into priced line items.
pub mod alb;
pub mod apigw;
pub mod bill;
pub mod dynamodb;
pub mod ec2;
pub mod fargate;
pub mod lambda;
pub mod logs;
pub mod network;
pub mod purchase;
pub mod rds;
pub mod waf;

use crate::capacity::plan::TierPlan;
use crate::capacity::Load;
use crate::error::Result;
use crate::messages::{Msg, Value};
use crate::pricing::{split_tiers, Catalog, PriceRow};
use crate::scenario::{Service, Workload};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// One priced line of a bill, traceable to its catalog row.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Line {
    pub id: String,
    pub description: String,
    #[serde(with = "crate::money::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub quantity: Decimal,
    pub unit: String,
    #[serde(with = "crate::money::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub unit_price_usd: Decimal,
    #[serde(with = "crate::money::exact")]
    #[schemars(with = "rust_decimal::Decimal")]
    pub monthly_usd: Decimal,
    pub price_key: String,
    pub sku: String,
    pub effective: String,
    pub source: String,
    /// One-off money paid at purchase for the whole term (commitment upfront lines only); the
    /// line's `monthly_usd` is this amortised over `term_months`.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "exact_opt")]
    pub upfront_usd: Option<Decimal>,
    /// The commitment's term in months (12 or 36), on upfront lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_months: Option<u32>,
    /// The description as messages (base, tier suffix, rate labels), shown in any language;
    /// `description` is their English (docs/reference/messages.md). Empty on lean lines.
    #[serde(skip)]
    #[schemars(skip)]
    pub text: Vec<Msg>,
}

impl Line {
    /// A line of figures only (quantity, unit price, monthly): what the lean engine keeps
    /// (break-even and optimize read totals, never words, ids or sources).
    pub fn lean(quantity: Decimal, unit_price_usd: Decimal, monthly_usd: Decimal) -> Line {
        Line {
            id: String::new(),
            description: String::new(),
            quantity,
            unit: String::new(),
            unit_price_usd,
            monthly_usd,
            price_key: String::new(),
            sku: String::new(),
            effective: String::new(),
            source: String::new(),
            upfront_usd: None,
            term_months: None,
            text: Vec::new(),
        }
    }
}

fn exact_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&crate::money::exact(*d)),
        None => s.serialize_none(),
    }
}

/// Serialization of a Decimal as an exact string (lives in `money`; named here for callers).
pub use crate::money::exact;

/// What every model needs to price usage: prices, region, month length and the load, and the
/// always-free allowances the architecture has used so far.
pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub region: &'a str,
    pub hours_per_month: Decimal,
    pub free_tier: bool,
    pub workload: &'a Workload,
    pub load: &'a Load,
    /// Totals only (sweeps, break-even): lines skip copying their catalog trace strings.
    pub lean: bool,
    /// Stored (compressed) share of ingested CloudWatch Logs data (`assumptions.log_stored_ratio`).
    pub log_stored_ratio: Decimal,
    /// Allowance used so far per free-tier key. One context prices one architecture, so an
    /// always-free allowance is spent once across its tiers (two Lambda functions share one
    /// 1M-request allowance), in tier order.
    pub free_used: RefCell<BTreeMap<String, Decimal>>,
}

impl<'a> Ctx<'a> {
    /// A context for one architecture, with no allowance used yet.
    pub fn new(
        catalog: &'a Catalog,
        region: &'a str,
        hours_per_month: Decimal,
        free_tier: bool,
        workload: &'a Workload,
        load: &'a Load,
        lean: bool,
    ) -> Ctx<'a> {
        Ctx {
            catalog,
            region,
            hours_per_month,
            free_tier,
            workload,
            load,
            lean,
            log_stored_ratio: Decimal::ONE,
            free_used: RefCell::new(BTreeMap::new()),
        }
    }
}

/// A service model: settings + the tier's capacity plan -> line items.
pub trait ServiceModel {
    fn lines(&self, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>>;
}

/// Price a tier's service usage from its capacity plan (its CloudWatch Logs are added by
/// `bill::price_service`).
pub fn price_usage(service: &Service, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>> {
    match service {
        Service::ApiGateway(s) => s.lines(ctx, plan),
        Service::Alb(s) => s.lines(ctx, plan),
        Service::Ec2(s) => s.lines(ctx, plan),
        Service::Lambda(s) => s.lines(ctx, plan),
        Service::Fargate(s) => s.lines(ctx, plan),
        Service::Dynamodb(s) => s.lines(ctx, plan),
        Service::Rds(s) => s.lines(ctx, plan),
    }
}

pub const KB_PER_GB: Decimal = dec!(1048576);

fn line(id: &str, text: Vec<Msg>, quantity: Decimal, row: &PriceRow, lean: bool) -> Result<Line> {
    let monthly_usd = crate::money::mul(quantity, row.usd, &row.key)?;
    if lean {
        return Ok(Line::lean(quantity, row.usd, monthly_usd));
    }
    Ok(Line {
        id: id.to_string(),
        description: crate::messages::render_all(&text, crate::lang::Lang::En),
        quantity,
        unit: row.unit.to_string(),
        unit_price_usd: row.usd,
        monthly_usd,
        price_key: row.key.to_string(),
        sku: row.sku.clone(),
        effective: row.effective.to_string(),
        source: row.source.to_string(),
        upfront_usd: None,
        term_months: None,
        text,
    })
}

/// The tier suffix of a line of a tiered price: " (first 300M request)", " (next …)",
/// " (over …)" (`tier.*`); None for an untiered price.
fn tier_label(row: &PriceRow, tiered: bool) -> Option<Msg> {
    if !tiered {
        return None;
    }
    let (id, amount) = match row.tier_end {
        Some(end) if row.tier_begin.is_zero() => ("tier.first", end),
        Some(end) => ("tier.next", end - row.tier_begin),
        None => ("tier.over", row.tier_begin),
    };
    Some(Msg::of(
        id,
        vec![Value::Count(amount), Value::Unit(row.unit.to_string())],
    ))
}

impl Ctx<'_> {
    /// Price `quantity` of `key`: one line per tier touched (all with id `id`).
    pub fn priced(
        &self,
        id: &str,
        key: &str,
        description: Msg,
        quantity: Decimal,
    ) -> Result<Vec<Line>> {
        self.priced_after_free(id, key, None, description, quantity)
    }

    /// Like `priced`, but when the free tier is on, what is left of the allowance in `free_key`
    /// is used first (shown as a zero-priced line) and the tiers start after it.
    pub fn priced_after_free(
        &self,
        id: &str,
        key: &str,
        free_key: Option<&str>,
        description: Msg,
        quantity: Decimal,
    ) -> Result<Vec<Line>> {
        self.priced_after_allowance(id, key, free_key, Decimal::ONE, description, quantity)
    }

    /// Like `priced_after_free` for an allowance given per hour: `free_key`'s `tier_end` units
    /// in every hour (DynamoDB's 25 RCU), i.e. `tier_end x per` of the line's own unit.
    pub fn priced_after_allowance(
        &self,
        id: &str,
        key: &str,
        free_key: Option<&str>,
        per: Decimal,
        description: Msg,
        quantity: Decimal,
    ) -> Result<Vec<Line>> {
        let tiers = self.catalog.tiers(key, self.region)?;
        let mut out = Vec::new();
        if quantity <= Decimal::ZERO {
            return Ok(out);
        }
        let mut billable = quantity;
        if let (true, Some(free_key)) = (self.free_tier, free_key) {
            let free_row = self.catalog.flat(free_key, self.region)?;
            let allowance = free_row.tier_end.unwrap_or(Decimal::ZERO);
            let mut spent = self.free_used.borrow_mut();
            let before = spent.get(free_key).copied().unwrap_or(Decimal::ZERO);
            let total = crate::money::mul(allowance, per, free_key)?;
            let used = (total - before).max(Decimal::ZERO).min(quantity);
            if used > Decimal::ZERO {
                let text = if self.lean {
                    Vec::new()
                } else {
                    let free = Msg::of(
                        "tier.free_tier",
                        vec![
                            Value::Count(allowance),
                            Value::Unit(free_row.unit.to_string()),
                        ],
                    );
                    vec![description.clone(), free]
                };
                let mut free = line(id, text, used, free_row, self.lean)?;
                if let (false, Some(paid)) = (self.lean, tiers.first()) {
                    // The allowance is spent in the line's own unit (RCU-hours, not RCU).
                    free.unit = paid.unit.to_string();
                }
                out.push(free);
                *spent.entry(free_key.to_string()).or_default() += used;
            }
            billable = quantity - used;
        }
        let tiered = tiers.len() > 1;
        for slice in split_tiers(&tiers, billable, Decimal::ZERO) {
            let text = if self.lean {
                Vec::new()
            } else {
                let mut text = vec![description.clone()];
                text.extend(tier_label(slice.row, tiered));
                text
            };
            out.push(line(id, text, slice.quantity, slice.row, self.lean)?);
        }
        Ok(out)
    }
}
