//! Amazon EC2 (any tier): Linux on-demand instance-hours of the planned fleet, a gp3 root volume
//! per instance, public IPv4 addresses, and the ALB in front of a web tier (`load_balancer`).
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::scenario::{Alb, Ec2, LoadBalancer};
use rust_decimal::Decimal;

impl ServiceModel for Ec2 {
    fn lines(&self, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>> {
        let hours = plan.fleet.as_ref().map_or(Decimal::ZERO, |f| f.unit_hours);
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
        let volume_gb = self.volume_gb();
        if volume_gb > Decimal::ZERO && !ctx.hours_per_month.is_zero() {
            // GB-months: every running instance carries its volume.
            let gb_months = volume_gb * hours / ctx.hours_per_month;
            out.extend(ctx.priced(
                "ec2.ebs",
                "ebs.gp3",
                &format!("EBS gp3, {} GB per instance", volume_gb.normalize()),
                gb_months,
            )?);
        }
        if self.has_public_ip(plan.tier) {
            // AWS charges for every public IPv4 address, including those of running instances
            // (Amazon VPC pricing, "Public IPv4 Address"): one address per instance-hour.
            out.extend(ctx.priced(
                "vpc.public_ipv4",
                "vpc.public_ipv4",
                "Public IPv4 address per instance",
                hours,
            )?);
        }
        if self.load_balancer == Some(LoadBalancer::Alb) {
            out.extend(super::alb::lines(&Alb::default(), ctx, plan.alb.as_ref())?);
        }
        Ok(out)
    }
}
