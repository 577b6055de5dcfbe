//! Amazon DynamoDB: on-demand request units (4 KB reads, eventual = half, 1 KB writes) or
//! provisioned RCU/WCU-hours (from the capacity plan), plus storage by table class. With the free
//! tier, the always-free 25 GB of storage and 25 provisioned RCU + 25 WCU (Standard class) come
//! first.
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::msg;
use crate::scenario::{Capacity, DynamoDb, Purchase, SettingsCheck, TableClass, ValidateSettings};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl DynamoDb {
    /// With `purchase = "reserved"`, turn the paid provisioned-capacity lines of `lines`
    /// (RCU-hours or WCU-hours beyond the free allowance) into reserved capacity
    /// (`dynamodb.reserved.<rcu|wcu>.hours` / `.upfront`); other lines pass unchanged.
    fn reserve(&self, ctx: &Ctx, lines: Vec<Line>, what: &str, unit: &str) -> Result<Vec<Line>> {
        let t = self.terms();
        if t.purchase != Purchase::Reserved || ctx.hours_per_month.is_zero() {
            return Ok(lines);
        }
        let class = self.table_class.key();
        let key = format!("dynamodb.reserved.{what}.{class}");
        let od_key = format!("dynamodb.{what}.{class}");
        let rate = super::purchase::reserved(ctx, &t, &key, &od_key)?;
        let mut out = Vec::new();
        for l in lines {
            if l.unit_price_usd.is_zero() {
                out.push(l); // the free allowance
                continue;
            }
            let units = l.quantity / ctx.hours_per_month;
            out.extend(super::purchase::reserved_lines(
                ctx,
                &super::purchase::Reservation {
                    prefix: &format!("dynamodb.reserved.{what}"),
                    kind: super::purchase::Reserved::Capacity,
                    what: unit.into(),
                    units,
                    unit,
                },
                &rate,
                &t,
            )?);
        }
        Ok(out)
    }
}

impl ServiceModel for DynamoDb {
    fn lines(&self, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>> {
        let w = ctx.workload;
        let class = self.table_class.key();
        let requests = ctx.load.monthly_requests;
        // The always-free allowances cover the Standard table class only.
        let standard = self.table_class == TableClass::Standard;
        let free = |key: &'static str| standard.then_some(key);
        let mut out = Vec::new();
        match self.capacity {
            Capacity::OnDemand => {
                let reads = requests * w.db_reads_per_request * self.units_per_read(w.item_kb);
                let writes = requests * w.db_writes_per_request * self.units_per_write(w.item_kb);
                out.extend(ctx.priced(
                    "dynamodb.reads",
                    &format!("dynamodb.reads.{class}"),
                    msg!("line.dynamodb.dynamodb_read_request_units_demand"),
                    reads,
                )?);
                out.extend(ctx.priced(
                    "dynamodb.writes",
                    &format!("dynamodb.writes.{class}"),
                    msg!("line.dynamodb.dynamodb_write_request_units_demand"),
                    writes,
                )?);
            }
            Capacity::Provisioned => {
                let (rcu, wcu) = plan
                    .dynamodb
                    .as_ref()
                    .map_or((Decimal::ZERO, Decimal::ZERO), |d| (d.rcu, d.wcu));
                let hours = ctx.hours_per_month;
                // 25 RCU and 25 WCU in every hour of the month: the allowance is per hour.
                let reads = ctx.priced_after_allowance(
                    "dynamodb.rcu",
                    &format!("dynamodb.rcu.{class}"),
                    free("dynamodb.rcu.free_tier"),
                    hours,
                    msg!("line.dynamodb.dynamodb_provisioned_reads_rcu", rcu),
                    rcu * hours,
                )?;
                out.extend(self.reserve(ctx, reads, "rcu", "RCU")?);
                let writes = ctx.priced_after_allowance(
                    "dynamodb.wcu",
                    &format!("dynamodb.wcu.{class}"),
                    free("dynamodb.wcu.free_tier"),
                    hours,
                    msg!("line.dynamodb.dynamodb_provisioned_writes_wcu", wcu),
                    wcu * hours,
                )?;
                out.extend(self.reserve(ctx, writes, "wcu", "WCU")?);
            }
        }
        out.extend(ctx.priced_after_free(
            "dynamodb.storage",
            &format!("dynamodb.storage.{class}"),
            free("dynamodb.storage.free_tier"),
            msg!("line.dynamodb.dynamodb_storage"),
            w.storage_gb,
        )?);
        Ok(out)
    }
}

impl ValidateSettings for DynamoDb {
    /// A DynamoDB table's keys: provisioned capacity units and the auto-scaling target.
    fn validate_settings(&self, at: &SettingsCheck) -> Result<()> {
        let c = at.check;
        let d = self;
        let p = |k: &str| at.key(k);
        if d.capacity == Capacity::OnDemand && (d.rcu.is_some() || d.wcu.is_some()) {
            return Err(c.fail(
                &p("rcu"),
                crate::said!("error.svc.dynamodb.rcu_provisioned_only"),
                crate::said!("error.svc.dynamodb.rcu_provisioned_only_hint"),
            ));
        }
        for (k, v) in [("rcu", d.rcu), ("wcu", d.wcu)] {
            if let Some(v) = v {
                c.non_negative(&p(k), v, dec!(100_000_000))?;
                c.whole(&p(k), v)?;
            }
        }
        c.range(
            &p("target_utilization"),
            d.target_utilization,
            dec!(0.2),
            dec!(0.9),
            "(DynamoDB auto scaling accepts 20 % to 90 %)",
        )?;
        Ok(())
    }
}
