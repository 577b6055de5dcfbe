//! Purchase options priced: the committed, Savings Plan and Spot rates a tier's terms read
//! (sourced rows from `pricing/commitments/`, or the user's `discount_pct` off the catalog's
//! on-demand price, labelled "user assumption"), and the lines they make — reserved hours plus
//! the upfront fee amortised over the term, a Savings Plan's hourly commitment, Spot hours.
//!
//! Money over time: a recurring fee is charged per hour of the scenario's month
//! (`hours_per_month`); an upfront fee is one-off, shown apart (`Line::upfront_usd`) and
//! amortised into `monthly_usd` over the term's months (12 × `term_years`). Upfront amounts
//! derived from an hourly rate use AWS's term hours, 8,760 per year (365 days).
use super::{Ctx, Line};
use crate::error::{Error, Result};
use crate::messages::{Msg, Value};
use crate::pricing::commitments::{self, Basis, Payment, SPOT_FILE};
use crate::pricing::PriceRow;
use crate::scenario::Terms;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Hours in a year of a commitment's term, as AWS amortises (365 days).
pub const TERM_HOURS_PER_YEAR: Decimal = dec!(8760);

/// Where a rate came from: the line's trace, and what the description must say about it.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    pub price_key: String,
    pub sku: String,
    pub effective: String,
    pub source: String,
    /// Appended to descriptions (`label.*`): none for a sourced exact rate, else e.g.
    /// " — user assumption: 30 % off on-demand".
    pub labels: Vec<Msg>,
}

/// A committed price per unit: the one-off fee for the whole term and the fee per unit-hour.
#[derive(Debug, Clone)]
pub struct Committed {
    pub upfront_usd: Decimal,
    pub hourly_usd: Decimal,
    pub trace: Trace,
}

/// A price per unit-hour (a Savings Plan rate or a Spot price).
#[derive(Debug, Clone)]
pub struct Rate {
    pub usd: Decimal,
    pub trace: Trace,
    /// For EC2 Spot: the average discount applied, percent.
    pub discount_pct: Option<Decimal>,
}

fn term_hours(t: &Terms) -> Decimal {
    TERM_HOURS_PER_YEAR * Decimal::from(t.term_years)
}

/// The on-demand price a discount applies to: the key's first tier (Lambda duration is tiered;
/// the discount is taken off the first tier's price).
fn on_demand<'c>(ctx: &'c Ctx, key: &str) -> Result<&'c PriceRow> {
    let tiers = ctx.catalog.tiers(key, ctx.region)?;
    tiers.first().copied().ok_or_else(|| Error::MissingPrice {
        key: key.to_string(),
        region: ctx.region.to_string(),
        catalog: ctx.catalog.origin.clone(),
        hint: crate::said!("error.price.show_hint"),
    })
}

/// `od × (1 − pct / 100)`.
fn off(od: Decimal, pct: Decimal, what: &str) -> Result<Decimal> {
    crate::money::mul(od, Decimal::ONE - pct / dec!(100), what)
}

/// The trace of a rate the user gave as `discount_pct` off `od`.
fn user_trace(ctx: &Ctx, key: &str, od: &PriceRow, pct: Decimal) -> Trace {
    if ctx.lean {
        return Trace::default();
    }
    let pct = pct.normalize();
    Trace {
        price_key: key.to_string(),
        sku: od.sku.clone(),
        effective: od.effective.to_string(),
        source: format!(
            "user assumption: discount_pct {pct} % off the on-demand price {} = {} USD per {} ({}, {})",
            od.key,
            od.usd.normalize(),
            od.unit,
            od.effective,
            od.source
        ),
        labels: vec![crate::msg!("label.user_assumption_off_demand", pct)],
    }
}

/// " — rate of 2025-06-28 is older than the on-demand price of 2025-11-03" when a sourced rate's
/// date is before that of the on-demand price it is paired with (none otherwise).
fn older_than_on_demand(ctx: &Ctx, rate_effective: &str, od_key: &str) -> Option<Msg> {
    if ctx.lean {
        return None;
    }
    match on_demand(ctx, od_key) {
        Ok(od) if !rate_effective.is_empty() && rate_effective < od.effective.as_str() => {
            Some(crate::msg!(
                "label.rate_older_than_on_demand_price",
                rate_effective,
                od.effective
            ))
        }
        _ => None,
    }
}

fn sourced_trace(ctx: &Ctx, row: &commitments::RateRow, labels: Vec<Msg>) -> Trace {
    if ctx.lean {
        return Trace::default();
    }
    Trace {
        price_key: row.key.clone(),
        sku: row.sku.clone(),
        effective: row.effective.clone(),
        source: format!("{}: {}", row.file, row.source),
        labels,
    }
}

/// A rate validation should have refused: the tier's `purchase` names a rate that is absent.
fn missing(ctx: &Ctx, key: &str, t: &Terms) -> Error {
    Error::MissingPrice {
        key: key.to_string(),
        region: ctx.region.to_string(),
        catalog: "bundled commitment".to_string(),
        hint: crate::said!(
            "error.svc.purchase.no_sourced_rate",
            t.purchase.key(),
            crate::scenario::purchase::rate_hint(ctx.region, key)
        ),
    }
}

/// A Reserved Instance / reserved capacity rate of `key` for the tier's term and payment, or
/// the user's `discount_pct` off the on-demand price `od_key`.
pub fn reserved(ctx: &Ctx, t: &Terms, key: &str, od_key: &str) -> Result<Committed> {
    if let Some(pct) = t.discount_pct {
        let od = on_demand(ctx, od_key)?;
        let effective = off(od.usd, pct, key)?;
        let mut trace = user_trace(ctx, key, od, pct);
        let (upfront_usd, hourly_usd) = split(effective, t, &mut trace, ctx.lean)?;
        return Ok(Committed {
            upfront_usd,
            hourly_usd,
            trace,
        });
    }
    let rows = ctx.catalog.commitments()?;
    let row = rows
        .rate(key, ctx.region, t.term_years, t.payment)
        .ok_or_else(|| missing(ctx, key, t))?;
    let older = older_than_on_demand(ctx, &row.effective, od_key);
    match (row.basis, row.usd_upfront, row.usd_hourly) {
        (Basis::UpfrontHourly, Some(upfront_usd), Some(hourly_usd)) => Ok(Committed {
            upfront_usd,
            hourly_usd,
            trace: sourced_trace(ctx, row, older.into_iter().collect()),
        }),
        _ => {
            // Only the amortised rate is published: derive the split (labelled).
            let mut trace = sourced_trace(ctx, row, Vec::new());
            let (upfront_usd, hourly_usd) = split(row.effective_hourly, t, &mut trace, ctx.lean)?;
            if !ctx.lean && t.payment == Payment::AllUpfront {
                trace.labels = vec![crate::msg!(
                    "label.upfront_derived_effective_rate_term_hours"
                )];
            }
            trace.labels.extend(older);
            Ok(Committed {
                upfront_usd,
                hourly_usd,
                trace,
            })
        }
    }
}

/// Split an effective hourly rate into (upfront fee, hourly fee) for the payment option: no
/// upfront pays it all hourly, all upfront pays the term's hours at purchase, partial upfront
/// is assumed to pay half up front (AWS's minimum for Savings Plans; Standard RIs split about
/// evenly, m5.large 1-year 49.8 %) — labelled on the line.
fn split(
    effective: Decimal,
    t: &Terms,
    trace: &mut Trace,
    lean: bool,
) -> Result<(Decimal, Decimal)> {
    let term_usd = crate::money::mul(effective, term_hours(t), &trace.price_key)?;
    Ok(match t.payment {
        Payment::NoUpfront => (Decimal::ZERO, effective),
        Payment::AllUpfront => (term_usd, Decimal::ZERO),
        Payment::PartialUpfront => {
            if !lean {
                trace
                    .labels
                    .push(crate::msg!("label.split_assumed_half_up_front"));
            }
            (term_usd / dec!(2), effective / dec!(2))
        }
    })
}

/// A Savings Plan rate per unit-hour of `key` (sourced) or `discount_pct` off `od_key`.
pub fn plan_rate(ctx: &Ctx, t: &Terms, key: &str, od_key: &str) -> Result<Rate> {
    if let Some(pct) = t.discount_pct {
        let od = on_demand(ctx, od_key)?;
        return Ok(Rate {
            usd: off(od.usd, pct, key)?,
            trace: user_trace(ctx, key, od, pct),
            discount_pct: None,
        });
    }
    let rows = ctx.catalog.commitments()?;
    let row = rows
        .rate(key, ctx.region, t.term_years, t.payment)
        .ok_or_else(|| missing(ctx, key, t))?;
    let usd = row.usd_hourly.unwrap_or(row.effective_hourly);
    let older = older_than_on_demand(ctx, &row.effective, od_key);
    Ok(Rate {
        usd,
        trace: sourced_trace(ctx, row, older.into_iter().collect()),
        discount_pct: None,
    })
}

/// A Spot price per unit-hour: `discount_pct` off `od_key`, else the catalog's row of `key`
/// (a fetched catalog may carry it), else the bundled dated snapshot.
pub fn spot_price(ctx: &Ctx, t: &Terms, key: &str, od_key: &str) -> Result<Rate> {
    if let Some(pct) = t.discount_pct {
        let od = on_demand(ctx, od_key)?;
        return Ok(Rate {
            usd: off(od.usd, pct, key)?,
            trace: user_trace(ctx, key, od, pct),
            discount_pct: Some(pct),
        });
    }
    if ctx.catalog.has(key, ctx.region) {
        let row = ctx.catalog.flat(key, ctx.region)?;
        let trace = if ctx.lean {
            Trace::default()
        } else {
            Trace {
                price_key: row.key.to_string(),
                sku: row.sku.clone(),
                effective: row.effective.to_string(),
                source: row.source.to_string(),
                labels: Vec::new(),
            }
        };
        return Ok(Rate {
            usd: row.usd,
            trace,
            discount_pct: None,
        });
    }
    let rows = ctx.catalog.commitments()?;
    let row = rows
        .spot_price(key, ctx.region)
        .ok_or_else(|| missing(ctx, key, t))?;
    let labels = if ctx.lean {
        Vec::new()
    } else {
        let mut labels = vec![crate::msg!(
            "label.spot_prices_move_price_observed",
            row.effective
        )];
        labels.extend(older_than_on_demand(ctx, &row.effective, od_key));
        labels
    };
    Ok(Rate {
        usd: row.usd_hourly.unwrap_or(row.effective_hourly),
        trace: sourced_trace(ctx, row, labels),
        discount_pct: None,
    })
}

/// An EC2 Spot price: the on-demand price of `od_key` less `discount_pct`, or less the
/// average Spot saving of `key` in the region (AWS Spot Instance Advisor, dated).
pub fn spot_discounted(ctx: &Ctx, t: &Terms, key: &str, od_key: &str) -> Result<Rate> {
    let od = on_demand(ctx, od_key)?;
    if let Some(pct) = t.discount_pct {
        return Ok(Rate {
            usd: off(od.usd, pct, key)?,
            trace: user_trace(ctx, key, od, pct),
            discount_pct: Some(pct),
        });
    }
    let rows = ctx.catalog.commitments()?;
    let row = rows
        .spot_discount(key, ctx.region)
        .ok_or_else(|| missing(ctx, key, t))?;
    let trace = if ctx.lean {
        Trace::default()
    } else {
        Trace {
            price_key: row.key.clone(),
            sku: od.sku.clone(),
            effective: row.effective.clone(),
            source: format!(
                "{SPOT_FILE}: average saving {} % (interruption band {}) applied to the on-demand price {} = {} USD per {} ({}); {}",
                row.discount_pct.normalize(),
                row.interruption_band,
                od.key,
                od.usd.normalize(),
                od.unit,
                od.effective,
                row.source
            ),
            labels: {
                let mut labels = vec![crate::msg!(
                    "label.spot_prices_move_average_saving_observed",
                    row.effective,
                    row.interruption_band
                )];
                labels.extend(older_than_on_demand(ctx, &row.effective, od_key));
                labels
            },
        }
    };
    Ok(Rate {
        usd: off(od.usd, row.discount_pct, key)?,
        trace,
        discount_pct: Some(row.discount_pct),
    })
}

/// One line priced at `unit_price_usd` with a commitment trace (no catalog row behind it).
pub fn line(
    ctx: &Ctx,
    id: &str,
    description: impl FnOnce() -> Msg,
    quantity: Decimal,
    unit: &str,
    unit_price_usd: Decimal,
    trace: &Trace,
) -> Result<Line> {
    let monthly_usd = crate::money::mul(quantity, unit_price_usd, id)?;
    if ctx.lean {
        return Ok(Line::lean(quantity, unit_price_usd, monthly_usd));
    }
    let mut text = vec![description()];
    text.extend(trace.labels.iter().cloned());
    Ok(Line {
        id: id.to_string(),
        description: crate::messages::render_all(&text, crate::lang::Lang::En),
        quantity,
        unit: unit.to_string(),
        unit_price_usd,
        monthly_usd,
        price_key: trace.price_key.clone(),
        sku: trace.sku.clone(),
        effective: trace.effective.clone(),
        source: trace.source.clone(),
        upfront_usd: None,
        term_months: None,
        text,
    })
}

/// An upfront fee: `quantity` units of `upfront_per_unit_usd`, paid once, amortised over the
/// term's months into `monthly_usd`.
#[allow(clippy::too_many_arguments)]
fn upfront_line(
    ctx: &Ctx,
    id: &str,
    description: impl FnOnce() -> Msg,
    quantity: Decimal,
    unit: &str,
    upfront_per_unit_usd: Decimal,
    t: &Terms,
    trace: &Trace,
) -> Result<Line> {
    let months = Decimal::from(t.term_months());
    let mut l = line(
        ctx,
        id,
        description,
        quantity,
        unit,
        upfront_per_unit_usd / months,
        trace,
    )?;
    l.upfront_usd = Some(crate::money::mul(quantity, upfront_per_unit_usd, id)?);
    l.term_months = Some(t.term_months());
    Ok(l)
}

/// "1-year partial upfront" (`term.*`), inside descriptions and purchase summaries.
pub fn term(t: &Terms) -> Value {
    let id = match t.payment {
        Payment::NoUpfront => "term.year_no_upfront",
        Payment::PartialUpfront => "term.year_partial_upfront",
        Payment::AllUpfront => "term.year_all_upfront",
    };
    Value::Msg(crate::msg!(id, t.term_years))
}

/// What is reserved: instances (EC2, RDS) or table capacity (DynamoDB RCU/WCU); the two
/// speak of it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    Instances,
    Capacity,
}

/// What a reservation covers, for its two lines.
pub struct Reservation<'a> {
    /// Line ids: `<prefix>.hours` and `<prefix>.upfront` (e.g. `ec2.reserved`).
    pub prefix: &'a str,
    /// Instances or capacity (which descriptions the lines take).
    pub kind: Reserved,
    /// What the descriptions name: "EC2 m5.large" (instances), "RCU" (capacity).
    pub what: Value,
    /// Units reserved (instances, RCUs).
    pub units: Decimal,
    /// "instance", "RCU" (unit names: `<unit>-hour`, `<unit>-month`).
    pub unit: &'a str,
}

/// The lines of a reservation of `r.units` for the whole month: the hourly fee for every hour
/// (charged whether used or not) and the upfront fee amortised over the term.
pub fn reserved_lines(
    ctx: &Ctx,
    r: &Reservation,
    rate: &Committed,
    t: &Terms,
) -> Result<Vec<Line>> {
    let mut out = Vec::new();
    if r.units <= Decimal::ZERO {
        return Ok(out);
    }
    let n = Value::Plain(r.units.normalize().to_string());
    let (hours_id, upfront_id) = match r.kind {
        Reserved::Instances => (
            "line.purchase.reserved_instances_reserved_hourly_fee",
            "line.purchase.reserved_instances_x_usd_upfront_amortised",
        ),
        Reserved::Capacity => (
            "line.purchase.dynamodb_reserved_reserved_hourly_fee",
            "line.purchase.dynamodb_reserved_x_usd_upfront_amortised",
        ),
    };
    if rate.hourly_usd > Decimal::ZERO {
        let hours = crate::money::mul(r.units, ctx.hours_per_month, r.prefix)?;
        out.push(line(
            ctx,
            &format!("{}.hours", r.prefix),
            || Msg::of(hours_id, vec![r.what.clone(), term(t), n.clone()]),
            hours,
            &format!("{}-hour", r.unit),
            rate.hourly_usd,
            &rate.trace,
        )?);
    }
    if rate.upfront_usd > Decimal::ZERO {
        out.push(upfront_line(
            ctx,
            &format!("{}.upfront", r.prefix),
            || {
                Msg::of(
                    upfront_id,
                    vec![
                        r.what.clone(),
                        term(t),
                        n.clone(),
                        Value::Plain(crate::money::group(
                            &crate::money::cents(rate.upfront_usd).to_string(),
                        )),
                        Value::Plain(t.term_months().to_string()),
                    ],
                )
            },
            r.units,
            &format!("{}-month", r.unit),
            rate.upfront_usd,
            t,
            &rate.trace,
        )?);
    }
    Ok(out)
}

/// What a Savings Plan commitment covers, as its hourly line says it: the ids without and
/// with the partial-upfront note, and the values after the commitment's own.
pub struct Covers {
    pub id: &'static str,
    pub id_half: &'static str,
    pub values: Vec<Value>,
}

/// The lines of a Savings Plan commitment of `usd_per_hour`: the part paid hourly (no upfront:
/// all of it; partial upfront: half, the minimum AWS allows, is assumed paid up front) and the
/// part paid at purchase (the commitment × the term's hours), amortised over the term.
pub fn commitment_lines(
    ctx: &Ctx,
    id: &str,
    what: &str,
    usd_per_hour: Decimal,
    covers: Covers,
    t: &Terms,
    trace: &Trace,
) -> Result<Vec<Line>> {
    let mut out = Vec::new();
    if usd_per_hour <= Decimal::ZERO {
        return Ok(out);
    }
    let term_usd = crate::money::mul(usd_per_hour, term_hours(t), id)?;
    let (upfront, hourly) = match t.payment {
        Payment::NoUpfront => (Decimal::ZERO, usd_per_hour),
        Payment::PartialUpfront => (term_usd / dec!(2), usd_per_hour / dec!(2)),
        Payment::AllUpfront => (term_usd, Decimal::ZERO),
    };
    let c = crate::money::unit_price(usd_per_hour);
    let half = t.payment == Payment::PartialUpfront;
    let head = || vec![Value::from(what), term(t), Value::Plain(c.clone())];
    if hourly > Decimal::ZERO {
        out.push(line(
            ctx,
            id,
            || {
                let mut values = head();
                values.extend(covers.values);
                Msg::of(if half { covers.id_half } else { covers.id }, values)
            },
            ctx.hours_per_month,
            "hour",
            hourly,
            trace,
        )?);
    }
    if upfront > Decimal::ZERO {
        out.push(upfront_line(
            ctx,
            &format!("{id}.upfront"),
            || {
                let mut values = head();
                values.push(Value::Plain(crate::money::group(
                    &crate::money::cents(upfront).to_string(),
                )));
                values.push(Value::Plain(t.term_months().to_string()));
                let id = if half {
                    "line.purchase.commitment_usd_h_half_up_front_4"
                } else {
                    "line.purchase.commitment_usd_h_usd_upfront_amortised"
                };
                Msg::of(id, values)
            },
            Decimal::ONE,
            "plan-month",
            upfront,
            t,
            trace,
        )?);
    }
    Ok(out)
}

/// The line id of a Savings Plan commitment: `savings_plan.compute` or `savings_plan.instance`.
pub fn plan_id(t: &Terms) -> &'static str {
    match t.purchase {
        crate::scenario::Purchase::InstanceSavingsPlan => "savings_plan.instance",
        _ => "savings_plan.compute",
    }
}

/// "Compute Savings Plan" / "EC2 Instance Savings Plan".
pub fn plan_name(t: &Terms) -> &'static str {
    match t.purchase {
        crate::scenario::Purchase::InstanceSavingsPlan => "EC2 Instance Savings Plan",
        _ => "Compute Savings Plan",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capacity::Load;
    use crate::lang::Lang;
    use crate::scenario::Purchase;

    /// A reserved rate no catalog row has (validation refuses such a tier first; this is the
    /// engine's own refusal): exit 2, and under --lang ja the whole hint is Japanese — the
    /// purchase option and the fetch command stay as written.
    #[test]
    fn a_missing_rate_reads_in_both_languages() {
        let catalog = crate::pricing::bundled::catalog();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/three-tier.toml"
        ))
        .unwrap();
        let s = crate::scenario::parse("three-tier.toml", &text, catalog).unwrap();
        let load = Load::new(&s.workload, dec!(1000), dec!(730));
        let ctx = Ctx::new(
            catalog,
            "ap-northeast-1",
            dec!(730),
            false,
            &s.workload,
            &load,
            false,
        );
        let t = Terms {
            purchase: Purchase::Reserved,
            term_years: 1,
            payment: Payment::NoUpfront,
            discount_pct: None,
            commitment_usd_per_hour: None,
            spot_share: Decimal::ZERO,
        };
        let key = "ec2.reserved.linux.zz9.large";
        let Err(e) = reserved(&ctx, &t, key, "ec2.linux.zz9.large") else {
            panic!("no catalog has a zz9 rate");
        };
        assert_eq!(e.exit_code(), 2);
        let en = e.to_string();
        assert!(
            en.contains("hint: no sourced reserved rate; add discount_pct = ")
                && en.contains("`archcost pricing fetch --region ap-northeast-1 --services ec2`"),
            "{en}"
        );
        let ja = e.render(Lang::Ja);
        assert!(
            ja.contains("出典付きの reserved 料率がありません。ティアに discount_pct = ")
                && ja.contains("`archcost pricing fetch --region ap-northeast-1 --services ec2`"),
            "{ja}"
        );
        assert!(
            !ja.contains("no sourced") && !ja.contains("add discount_pct"),
            "{ja}"
        );
    }
}
