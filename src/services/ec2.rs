//! Amazon EC2 (any tier): Linux on-demand instance-hours, fixed or scaled hour by hour, and gp3 EBS.
use super::{Ctx, Line, ServiceModel};
use crate::capacity::Fleet;
use crate::error::Result;
use crate::scenario::Ec2;
use rust_decimal::Decimal;

impl Ec2 {
    /// How the fleet is sized (None when neither `count` nor `rps_per_instance` is set).
    pub fn fleet(&self, hours_per_month: Decimal) -> Option<Fleet> {
        match (self.count, self.rps_per_instance) {
            (Some(units), _) => Some(Fleet::Fixed {
                units,
                hours: hours_per_month,
            }),
            (None, Some(rps_per_unit)) => Some(Fleet::Scaled {
                rps_per_unit,
                min: self.min.unwrap_or(Decimal::ONE),
                max: self.max,
            }),
            (None, None) => None,
        }
    }

    /// Instance-hours per month.
    pub fn instance_hours(&self, ctx: &Ctx) -> Decimal {
        self.fleet(ctx.hours_per_month)
            .map_or(Decimal::ZERO, |f| ctx.load.fleet_hours(f))
    }
}

impl ServiceModel for Ec2 {
    fn lines(&self, ctx: &Ctx) -> Result<Vec<Line>> {
        let hours = self.instance_hours(ctx);
        let fleet = match self.count {
            Some(n) => format!("{n} x {}", self.instance),
            None => format!("{} scaled hour by hour", self.instance),
        };
        let mut out = ctx.priced(
            "ec2.instances",
            &format!("ec2.linux.{}", self.instance),
            &format!("EC2 {fleet}, Linux on-demand"),
            hours,
        )?;
        if self.ebs_gb > Decimal::ZERO && !ctx.hours_per_month.is_zero() {
            // GB-months: every running instance carries its volume.
            let gb_months = self.ebs_gb * hours / ctx.hours_per_month;
            out.extend(ctx.priced(
                "ec2.ebs",
                "ebs.gp3",
                &format!("EBS gp3, {} GB per instance", self.ebs_gb.normalize()),
                gb_months,
            )?);
        }
        Ok(out)
    }
}
