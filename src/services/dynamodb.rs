//! Amazon DynamoDB: on-demand request units (4 KB reads, eventual = half, 1 KB writes) or
//! provisioned RCU/WCU-hours (sized from the peak hour), plus storage by table class.
use super::{Ctx, Line, ServiceModel};
use crate::error::Result;
use crate::scenario::{Capacity, Consistency, DynamoDb, TableClass};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl DynamoDb {
    /// Read units for one read of an item of `item_kb`: ceil(kb / 4), halved when eventual.
    pub fn units_per_read(&self, item_kb: Decimal) -> Decimal {
        let units = (item_kb / dec!(4)).ceil().max(Decimal::ONE);
        match self.consistency {
            Consistency::Strong => units,
            Consistency::Eventual => units / dec!(2),
        }
    }

    /// Write units for one standard write: ceil(kb / 1).
    pub fn units_per_write(&self, item_kb: Decimal) -> Decimal {
        item_kb.ceil().max(Decimal::ONE)
    }

    /// (RCU, WCU) to provision: given, or the peak hour's need at the target utilization.
    pub fn provisioned(&self, ctx: &Ctx) -> (Decimal, Decimal) {
        let w = ctx.workload;
        let peak = ctx.load.peak().peak_rps;
        let rcu = self.rcu.unwrap_or_else(|| {
            (peak * w.db_reads_per_request * self.units_per_read(w.item_kb)
                / self.target_utilization)
                .ceil()
        });
        let wcu = self.wcu.unwrap_or_else(|| {
            (peak * w.db_writes_per_request * self.units_per_write(w.item_kb)
                / self.target_utilization)
                .ceil()
        });
        (rcu, wcu)
    }
}

impl ServiceModel for DynamoDb {
    fn lines(&self, ctx: &Ctx) -> Result<Vec<Line>> {
        let w = ctx.workload;
        let class = self.table_class.key();
        let requests = ctx.load.monthly_requests;
        let mut out = Vec::new();
        match self.capacity {
            Capacity::OnDemand => {
                let reads = requests * w.db_reads_per_request * self.units_per_read(w.item_kb);
                let writes = requests * w.db_writes_per_request * self.units_per_write(w.item_kb);
                out.extend(ctx.priced(
                    "dynamodb.reads",
                    &format!("dynamodb.reads.{class}"),
                    "DynamoDB read request units (on-demand)",
                    reads,
                )?);
                out.extend(ctx.priced(
                    "dynamodb.writes",
                    &format!("dynamodb.writes.{class}"),
                    "DynamoDB write request units (on-demand)",
                    writes,
                )?);
            }
            Capacity::Provisioned => {
                let (rcu, wcu) = self.provisioned(ctx);
                out.extend(ctx.priced(
                    "dynamodb.rcu",
                    &format!("dynamodb.rcu.{class}"),
                    &format!("DynamoDB provisioned reads, {rcu} RCU"),
                    rcu * ctx.hours_per_month,
                )?);
                out.extend(ctx.priced(
                    "dynamodb.wcu",
                    &format!("dynamodb.wcu.{class}"),
                    &format!("DynamoDB provisioned writes, {wcu} WCU"),
                    wcu * ctx.hours_per_month,
                )?);
            }
        }
        // The always-free 25 GB covers the Standard table class only.
        let free =
            (self.table_class == TableClass::Standard).then_some("dynamodb.storage.free_tier");
        out.extend(ctx.priced_after_free(
            "dynamodb.storage",
            &format!("dynamodb.storage.{class}"),
            free,
            "DynamoDB storage",
            w.storage_gb,
        )?);
        Ok(out)
    }
}
