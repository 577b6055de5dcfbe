//! Amazon RDS for MySQL / PostgreSQL: one instance (Single- or Multi-AZ) plus gp2/gp3 storage.
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::scenario::{Rds, StorageType};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// RDS gp2/gp3 volumes for MySQL and PostgreSQL start at 20 GB.
pub const MIN_STORAGE_GB: Decimal = dec!(20);

impl Rds {
    pub fn az_key(&self) -> &'static str {
        if self.multi_az {
            "multi_az"
        } else {
            "single_az"
        }
    }

    /// Allocated storage: `storage_gb`, else the workload's data size, never below 20 GB.
    pub fn storage_gb(&self, ctx: &Ctx) -> Decimal {
        self.storage_gb
            .unwrap_or(ctx.workload.storage_gb)
            .max(MIN_STORAGE_GB)
    }
}

impl ServiceModel for Rds {
    fn lines(&self, ctx: &Ctx, _plan: &TierPlan) -> Result<Vec<Line>> {
        let engine = self.engine.key();
        let az = self.az_key();
        let az_label = if self.multi_az {
            "Multi-AZ"
        } else {
            "Single-AZ"
        };
        let mut out = ctx.priced(
            "rds.instance",
            &format!("rds.{engine}.{az}.{}", self.instance),
            &format!("RDS {engine} {} {az_label}", self.instance),
            ctx.hours_per_month,
        )?;
        let st = match self.storage_type {
            StorageType::Gp2 => "gp2",
            StorageType::Gp3 => "gp3",
        };
        let gb = self.storage_gb(ctx);
        out.extend(ctx.priced(
            "rds.storage",
            &format!("rds.storage.{engine}.{st}.{az}"),
            &format!("RDS {st} storage {} GB {az_label}", gb.normalize()),
            gb,
        )?);
        Ok(out)
    }
}
