//! Application Load Balancer: hours, LCU-hours from the capacity plan (each hour billed on the
//! largest of its four dimensions; see `capacity::plan::lcu`), the public IPv4 addresses of an
//! internet-facing load balancer, and an optional AWS WAF web ACL.
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::{AlbPlan, TierPlan};
use crate::error::Result;
use crate::msg;
use crate::scenario::{Alb, Scheme, SettingsCheck, ValidateSettings};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl ServiceModel for Alb {
    fn lines(&self, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>> {
        lines(self, ctx, plan.alb.as_ref())
    }
}

/// The lines of one ALB setup (the `alb` service, or the ALB in front of an `ec2` web tier).
pub fn lines(alb: &Alb, ctx: &Ctx, plan: Option<&AlbPlan>) -> Result<Vec<Line>> {
    let mut out = ctx.priced(
        "alb.hours",
        "alb.hours",
        msg!("line.alb.application_load_balancer", alb.count),
        alb.count * ctx.hours_per_month,
    )?;
    out.extend(ctx.priced(
        "alb.lcu",
        "alb.lcu",
        msg!("line.alb.alb_capacity_units_largest_dimension_hour"),
        plan.map_or(Decimal::ZERO, |p| p.lcu_hours),
    )?);
    if alb.scheme == Scheme::InternetFacing {
        // An internet-facing ALB has a node with a public IPv4 address in every enabled AZ, and
        // AWS charges for every public IPv4 address (Amazon VPC pricing, "Public IPv4 Address").
        let addresses = alb.count * alb.azs();
        out.extend(ctx.priced(
            "vpc.public_ipv4",
            "vpc.public_ipv4",
            msg!(
                "line.alb.public_ipv4_addresses_internet_facing_alb",
                addresses,
                alb.azs()
            ),
            addresses * ctx.hours_per_month,
        )?);
    }
    if let Some(rules) = alb.waf_rules {
        out.extend(super::waf::lines(ctx, rules, ctx.load.monthly_requests)?);
    }
    Ok(out)
}

impl ValidateSettings for Alb {
    /// An Application Load Balancer's keys: count, rules, WAF, connections, Availability Zones.
    fn validate_settings(&self, at: &SettingsCheck) -> Result<()> {
        let c = at.check;
        let a = self;
        let p = |k: &str| at.key(k);
        c.range(&p("count"), a.count, dec!(1), dec!(1000), "load balancers")?;
        c.whole(&p("count"), a.count)?;
        c.non_negative(&p("rules"), a.rules, dec!(10000))?;
        if let Some(r) = a.waf_rules {
            c.non_negative(&p("waf_rules"), r, dec!(1000))?;
            c.whole(&p("waf_rules"), r)?;
        }
        c.range(
            &p("requests_per_connection"),
            a.requests_per_connection,
            dec!(1),
            dec!(1_000_000),
            "requests",
        )?;
        c.range(
            &p("connection_duration_s"),
            a.connection_duration_s,
            dec!(0.001),
            dec!(4000),
            "seconds",
        )?;
        // "[Application Load Balancers] You must specify subnets from at least two
        // Availability Zones" (ELBv2 CreateLoadBalancer API reference).
        c.range(&p("azs"), a.azs(), dec!(2), dec!(6), "Availability Zones")?;
        c.whole(&p("azs"), a.azs())?;
        Ok(())
    }
}
