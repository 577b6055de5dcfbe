//! Amazon EC2 (any tier): Linux instance-hours of the planned fleet — on-demand, Reserved
//! Instances or a Savings Plan covering the baseline (the rest on-demand), or Spot — a gp3 root
//! volume per instance, public IPv4 addresses, and the ALB in front of a web tier
//! (`load_balancer`).
use super::purchase::{self, Reservation};
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::{FleetPlan, TierPlan};
use crate::error::Result;
use crate::messages::{Msg, Value};
use crate::msg;
use crate::scenario::{
    Alb, Ec2, FleetIds, FleetSize, LoadBalancer, Os, Purchase, SettingsCheck, Terms,
    ValidateSettings,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl ServiceModel for Ec2 {
    fn lines(&self, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>> {
        let hours = plan.fleet.as_ref().map_or(Decimal::ZERO, |f| f.unit_hours);
        let mut out = match &plan.fleet {
            Some(fleet) => self.instance_lines(ctx, fleet)?,
            None => Vec::new(),
        };
        let volume_gb = self.volume_gb();
        if volume_gb > Decimal::ZERO && !ctx.hours_per_month.is_zero() {
            // GB-months: every running instance carries its volume.
            let gb_months = volume_gb * hours / ctx.hours_per_month;
            out.extend(ctx.priced(
                "ec2.ebs",
                "ebs.gp3",
                msg!("line.ec2.ebs_gp3_gb_instance", volume_gb.normalize()),
                gb_months,
            )?);
        }
        if self.has_public_ip(plan.tier) {
            // AWS charges for every public IPv4 address, including those of running instances
            // (Amazon VPC pricing, "Public IPv4 Address"): one address per instance-hour.
            out.extend(ctx.priced(
                "vpc.public_ipv4",
                "vpc.public_ipv4",
                msg!("line.ec2.public_ipv4_address_instance"),
                hours,
            )?);
        }
        if self.load_balancer == Some(LoadBalancer::Alb) {
            out.extend(super::alb::lines(&Alb::default(), ctx, plan.alb.as_ref())?);
        }
        Ok(out)
    }
}

impl Ec2 {
    fn od_key(&self) -> String {
        format!("ec2.linux.{}", self.instance)
    }

    /// On-demand instance-hours (`ec2.instances`), `why` saying which part of the fleet.
    /// On-demand hours beyond what a purchase option covers; `why` is the `line.purchase.*`
    /// id saying so, `values` its values after the instance type.
    fn on_demand(
        &self,
        ctx: &Ctx,
        hours: Decimal,
        why: &'static str,
        values: Vec<Value>,
    ) -> Result<Vec<Line>> {
        let mut all = vec![Value::Plain(self.instance.clone())];
        all.extend(values);
        ctx.priced("ec2.instances", &self.od_key(), Msg::of(why, all), hours)
    }

    /// The instance-hours of the fleet, priced by the tier's purchase option.
    fn instance_lines(&self, ctx: &Ctx, fleet: &FleetPlan) -> Result<Vec<Line>> {
        let t = self.terms();
        let baseline = fleet.baseline_units;
        let inst = &self.instance;
        match t.purchase {
            Purchase::OnDemand => {
                let text = match self.count {
                    Some(n) => msg!("line.ec2.ec2_x_linux_demand", n, inst),
                    None => msg!("line.ec2.ec2_scaled_hour_hour_linux_demand", inst),
                };
                ctx.priced("ec2.instances", &self.od_key(), text, fleet.unit_hours)
            }
            Purchase::Reserved => {
                let key = format!("ec2.reserved.linux.{inst}");
                let rate = purchase::reserved(ctx, &t, &key, &self.od_key())?;
                let mut out = purchase::reserved_lines(
                    ctx,
                    &Reservation {
                        prefix: "ec2.reserved",
                        kind: purchase::Reserved::Instances,
                        what: Value::Plain(format!("EC2 {inst}")),
                        units: baseline,
                        unit: "instance",
                    },
                    &rate,
                    &t,
                )?;
                let above = fleet.unit_hours_above(baseline);
                if above > Decimal::ZERO {
                    out.extend(self.on_demand(
                        ctx,
                        above,
                        "line.purchase.ec2_above_reserved_linux_demand",
                        vec![Value::Plain(baseline.normalize().to_string())],
                    )?);
                }
                Ok(out)
            }
            Purchase::ComputeSavingsPlan | Purchase::InstanceSavingsPlan => {
                self.savings_plan_lines(ctx, &t, fleet)
            }
            Purchase::Spot => self.spot_lines(ctx, &t, fleet),
        }
    }

    /// A Compute or EC2 Instance Savings Plan: the commitment (by default the baseline fleet
    /// at the plan rate) and the instance-hours above what it covers at on-demand.
    fn savings_plan_lines(&self, ctx: &Ctx, t: &Terms, fleet: &FleetPlan) -> Result<Vec<Line>> {
        let baseline = fleet.baseline_units;
        let inst = &self.instance;
        let key = match t.purchase {
            Purchase::InstanceSavingsPlan => {
                format!("savings_plan.instance.ec2.linux.{inst}")
            }
            _ => format!("savings_plan.compute.ec2.linux.{inst}"),
        };
        let rate = purchase::plan_rate(ctx, t, &key, &self.od_key())?;
        let commitment = match t.commitment_usd_per_hour {
            Some(c) => c,
            None => crate::money::mul(baseline, rate.usd, &key)?,
        };
        // The commitment covers this many instances in every hour at the plan rate.
        let covered = if rate.usd.is_zero() {
            Decimal::ZERO
        } else {
            commitment / rate.usd
        };
        let covers = purchase::Covers {
            id: "line.purchase.commitment_usd_h_covers_x_usd",
            id_half: "line.purchase.commitment_usd_h_half_up_front",
            values: if ctx.lean {
                Vec::new()
            } else {
                vec![
                    Value::Plain(crate::money::quantity(covered)),
                    Value::Plain(inst.clone()),
                    Value::Plain(crate::money::exact(rate.usd)),
                ]
            },
        };
        let mut out = purchase::commitment_lines(
            ctx,
            purchase::plan_id(t),
            purchase::plan_name(t),
            commitment,
            covers,
            t,
            &rate.trace,
        )?;
        let above = fleet.unit_hours_above(covered);
        if above > Decimal::ZERO {
            out.extend(self.on_demand(
                ctx,
                above,
                "line.purchase.ec2_above_savings_plan_commitment_linux",
                Vec::new(),
            )?);
        }
        Ok(out)
    }

    /// Spot for `spot_share` of the instance-hours, the rest on-demand.
    fn spot_lines(&self, ctx: &Ctx, t: &Terms, fleet: &FleetPlan) -> Result<Vec<Line>> {
        let inst = &self.instance;
        let key = format!("ec2.spot.discount.linux.{inst}");
        let rate = purchase::spot_discounted(ctx, t, &key, &self.od_key())?;
        let spot_hours = crate::money::mul(fleet.unit_hours, t.spot_share, &key)?;
        let share = t.spot_share;
        let pct = rate.discount_pct.unwrap_or_default().normalize();
        let mut out = Vec::new();
        if spot_hours > Decimal::ZERO {
            out.push(purchase::line(
                ctx,
                "ec2.spot.hours",
                || {
                    msg!(
                        "line.purchase.ec2_spot_instance_hours_below_demand",
                        inst,
                        (share * Decimal::ONE_HUNDRED).normalize(),
                        pct
                    )
                },
                spot_hours,
                "hour",
                rate.usd,
                &rate.trace,
            )?);
        }
        let rest = fleet.unit_hours - spot_hours;
        if rest > Decimal::ZERO {
            out.extend(self.on_demand(
                ctx,
                rest,
                "line.purchase.ec2_not_spot_linux_demand",
                Vec::new(),
            )?);
        }
        Ok(out)
    }
}

impl ValidateSettings for Ec2 {
    /// An EC2 fleet's keys: the instance type in the catalog, a fixed count or scaling, EBS, the load balancer.
    fn validate_settings(&self, at: &SettingsCheck) -> Result<()> {
        let c = at.check;
        let e = self;
        let p = |k: &str| at.key(k);
        let tier = at.tier;
        let region = at.region;
        let catalog = at.catalog;
        let key = format!("ec2.linux.{}", e.instance);
        if e.os != Os::Linux {
            return Err(c.fail(
                &p("os"),
                crate::said!("error.svc.ec2.not_linux"),
                crate::said!("error.svc.ec2.not_linux_hint"),
            ));
        }
        if !catalog.has(&key, region) {
            let (message, hint) = crate::scenario::suggest_instance(
                catalog,
                region,
                "ec2.linux.",
                &e.instance,
                "EC2 instance",
            );
            return Err(c.fail(&p("instance"), message, hint));
        }
        if e.rps_per_instance.is_some() && e.rps_per_vcpu.is_some() {
            return Err(c.fail(
                &p("rps_per_vcpu"),
                crate::said!("error.svc.ec2.both_rps"),
                crate::said!("error.svc.ec2.both_rps_hint"),
            ));
        }
        if e.rps_per_vcpu.is_some() && crate::limit_tables::vcpu_of(&e.instance).is_none() {
            return Err(c.fail(
                &p("rps_per_vcpu"),
                crate::said!("error.svc.ec2.no_vcpus", &e.instance),
                crate::said!("error.svc.ec2.no_vcpus_hint"),
            ));
        }
        if let Some(u) = e.max_utilization {
            c.range(
                &p("max_utilization"),
                u,
                dec!(0.01),
                dec!(1),
                "(a share of capacity)",
            )?;
        }
        at.fixed_or_scaling(&FleetSize {
            keys: ["count", "rps_per_instance", "min", "max"],
            count: e.count,
            rps: e.rps_per_unit(),
            min_max: (e.min, e.max),
            hours: None,
            ids: FleetIds {
                count_and_rps: [
                    "error.svc.ec2.count_and_rps",
                    "error.svc.ec2.count_and_rps_hint",
                ],
                no_count: ["error.svc.ec2.no_count", "error.svc.ec2.no_count_hint"],
                min_max_fixed: [
                    "error.svc.ec2.min_max_fixed",
                    "error.svc.ec2.min_max_fixed_hint",
                ],
            },
        })?;
        if let Some(gb) = e.ebs_gb {
            c.non_negative(&p("ebs_gb"), gb, dec!(1_000_000))?;
        }
        if e.load_balancer.is_some() && tier != "web" {
            return Err(c.fail(
                &p("load_balancer"),
                crate::said!("error.svc.ec2.lb_not_web", tier),
                crate::said!("error.svc.ec2.lb_not_web_hint"),
            ));
        }
        Ok(())
    }
}
