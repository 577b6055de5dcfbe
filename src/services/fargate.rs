//! AWS Fargate (ECS or EKS): vCPU-hours and GB-hours of task runtime — on-demand, covered by a
//! Compute Savings Plan (the rest on-demand), or partly or wholly on Fargate Spot — storage
//! above 20 GB, Windows licence, and the EKS cluster fee.
use super::purchase;
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::{FleetPlan, TierPlan};
use crate::error::Result;
use crate::messages::{Msg, Value};
use crate::msg;
use crate::scenario::{
    fargate_size_ok, CpuArch, Fargate, FixedHours, FleetIds, FleetSize, Os, Platform, Purchase,
    SettingsCheck, Terms, ValidateSettings,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl ServiceModel for Fargate {
    fn lines(&self, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>> {
        let task_hours = plan.fleet.as_ref().map_or(Decimal::ZERO, |f| f.unit_hours);
        let mut out = match &plan.fleet {
            Some(fleet) => self.task_lines(ctx, fleet)?,
            None => Vec::new(),
        };
        if self.os == Os::Windows {
            out.extend(ctx.priced(
                "fargate.windows_license",
                "fargate.windows_license",
                msg!("line.fargate.windows_server_licence_vcpu"),
                task_hours * self.vcpu,
            )?);
        }
        if self.ephemeral_storage_gb > dec!(20) {
            let extra = self.ephemeral_storage_gb - dec!(20);
            out.extend(ctx.priced(
                "fargate.ephemeral_storage",
                "fargate.ephemeral_storage",
                msg!(
                    "line.fargate.ephemeral_storage_above_20_gb_gb",
                    self.ephemeral_storage_gb.normalize()
                ),
                task_hours * extra,
            )?);
        }
        if self.platform == Platform::Eks {
            out.extend(ctx.priced(
                "eks.cluster",
                "eks.cluster",
                msg!("line.fargate.eks_cluster_standard_support"),
                ctx.hours_per_month,
            )?);
        }
        Ok(out)
    }
}

impl Fargate {
    fn size(&self) -> String {
        format!(
            "{} vCPU / {} GB",
            self.vcpu.normalize(),
            self.memory_gb.normalize()
        )
    }

    fn key(&self, what: &str) -> String {
        format!("fargate.{what}.{}.{}", self.os_key(), self.arch.key())
    }

    /// On-demand vCPU and memory lines for `task_hours`; `why` (e.g. ", above the Savings
    /// Plan commitment") goes after the size.
    /// On-demand task-hours; `above` when they are the hours above a Savings Plan commitment.
    fn on_demand(&self, ctx: &Ctx, task_hours: Decimal, above: bool) -> Result<Vec<Line>> {
        let (os, arch, size) = (self.os_key(), self.arch.key(), self.size());
        let text = |id: &'static str| msg!(id, size, format!("{os}/{arch}"));
        let (vcpu_id, memory_id) = if above {
            (
                "line.purchase.fargate_vcpu_above_savings_plan_commitment",
                "line.purchase.fargate_memory_above_savings_plan_commitment",
            )
        } else {
            ("line.fargate.fargate_vcpu", "line.fargate.fargate_memory")
        };
        let mut out = ctx.priced(
            "fargate.vcpu",
            &self.key("vcpu"),
            text(vcpu_id),
            task_hours * self.vcpu,
        )?;
        out.extend(ctx.priced(
            "fargate.memory",
            &self.key("memory"),
            text(memory_id),
            task_hours * self.memory_gb,
        )?);
        Ok(out)
    }

    /// The task-hours of the fleet, priced by the tier's purchase option.
    fn task_lines(&self, ctx: &Ctx, fleet: &FleetPlan) -> Result<Vec<Line>> {
        let t = self.terms();
        let task_hours = fleet.unit_hours;
        match t.purchase {
            Purchase::ComputeSavingsPlan => self.savings_plan_lines(ctx, &t, fleet),
            Purchase::Spot => {
                let spot_hours = task_hours * t.spot_share;
                let od_hours = task_hours - spot_hours;
                let mut out = if od_hours > Decimal::ZERO {
                    self.on_demand(ctx, od_hours, false)?
                } else {
                    Vec::new()
                };
                if spot_hours > Decimal::ZERO {
                    let size = self.size();
                    for (id, what, per_task, text_id) in [
                        (
                            "fargate.spot_vcpu",
                            "vcpu",
                            self.vcpu,
                            "line.fargate.fargate_spot_vcpu",
                        ),
                        (
                            "fargate.spot_memory",
                            "memory",
                            self.memory_gb,
                            "line.fargate.fargate_spot_memory",
                        ),
                    ] {
                        let key = self.key(&format!("spot_{what}"));
                        let rate = purchase::spot_price(ctx, &t, &key, &self.key(what))?;
                        let unit = if what == "vcpu" {
                            "vCPU-hour"
                        } else {
                            "GB-hour"
                        };
                        out.push(purchase::line(
                            ctx,
                            id,
                            || Msg::of(text_id, vec![Value::Plain(size.clone())]),
                            spot_hours * per_task,
                            unit,
                            rate.usd,
                            &rate.trace,
                        )?);
                    }
                }
                Ok(out)
            }
            // Validation refuses the options Fargate lacks; price anything else on-demand.
            _ => self.on_demand(ctx, task_hours, false),
        }
    }

    /// A Compute Savings Plan: the commitment (by default the baseline tasks at the plan rate
    /// of a task-hour) and the task-hours above what it covers at on-demand.
    fn savings_plan_lines(&self, ctx: &Ctx, t: &Terms, fleet: &FleetPlan) -> Result<Vec<Line>> {
        let (os, arch) = (self.os_key(), self.arch.key());
        let vcpu_key = format!("savings_plan.compute.fargate.vcpu.{os}.{arch}");
        let memory_key = format!("savings_plan.compute.fargate.memory.{os}.{arch}");
        let vcpu = purchase::plan_rate(ctx, t, &vcpu_key, &self.key("vcpu"))?;
        let memory = purchase::plan_rate(ctx, t, &memory_key, &self.key("memory"))?;
        // The plan rate of one task-hour.
        let task_rate = crate::money::sum(
            [
                crate::money::mul(self.vcpu, vcpu.usd, &vcpu_key)?,
                crate::money::mul(self.memory_gb, memory.usd, &memory_key)?,
            ],
            &vcpu_key,
        )?;
        let commitment = match t.commitment_usd_per_hour {
            Some(c) => c,
            None => crate::money::mul(fleet.baseline_units, task_rate, &vcpu_key)?,
        };
        let covered = if task_rate.is_zero() {
            Decimal::ZERO
        } else {
            commitment / task_rate
        };
        let covers = purchase::Covers {
            id: "line.purchase.commitment_usd_h_covers_tasks_usd",
            id_half: "line.purchase.commitment_usd_h_half_up_front_2",
            values: if ctx.lean {
                Vec::new()
            } else {
                vec![
                    Value::Plain(crate::money::quantity(covered)),
                    Value::Plain(self.size()),
                    Value::Plain(crate::money::exact(vcpu.usd)),
                    Value::Plain(crate::money::exact(memory.usd)),
                ]
            },
        };
        // One trace for the plan: the vCPU rate's, with the memory rate's source added.
        let mut trace = vcpu.trace.clone();
        if !ctx.lean && memory.trace.source != vcpu.trace.source {
            trace.source = format!(
                "{}; memory: {} {}",
                vcpu.trace.source, memory.trace.price_key, memory.trace.source
            );
        }
        let mut out = purchase::commitment_lines(
            ctx,
            "savings_plan.compute",
            "Compute Savings Plan",
            commitment,
            covers,
            t,
            &trace,
        )?;
        let above = fleet.unit_hours_above(covered);
        if above > Decimal::ZERO {
            out.extend(self.on_demand(ctx, above, true)?);
        }
        Ok(out)
    }
}

impl ValidateSettings for Fargate {
    /// A Fargate service's keys: the task size, storage, OS/architecture/platform, fixed tasks or scaling.
    fn validate_settings(&self, at: &SettingsCheck) -> Result<()> {
        let c = at.check;
        let f = self;
        let p = |k: &str| at.key(k);
        let base = at.base;
        if !fargate_size_ok(f.vcpu, f.memory_gb) {
            return Err(c.fail(
                base,
                crate::said!(
                    "error.svc.fargate.not_size",
                    f.vcpu.normalize(),
                    f.memory_gb.normalize()
                ),
                crate::said!(
                    "error.svc.fargate.not_size_hint",
                    crate::said!("error.svc.fargate.sizes")
                ),
            ));
        }
        c.range(
            &p("ephemeral_storage_gb"),
            f.ephemeral_storage_gb,
            dec!(20),
            dec!(200),
            "GB",
        )?;
        if f.os == Os::Windows && f.arch == CpuArch::Arm64 {
            return Err(c.fail(
                &p("arch"),
                crate::said!("error.svc.fargate.windows_arm"),
                crate::said!("error.svc.fargate.windows_arm_hint"),
            ));
        }
        if f.platform == Platform::Eks && (f.os == Os::Windows || f.arch == CpuArch::Arm64) {
            return Err(c.fail(
                &p("platform"),
                crate::said!("error.svc.fargate.eks_windows_arm"),
                crate::said!("error.svc.fargate.eks_windows_arm_hint"),
            ));
        }
        if f.os == Os::Windows && f.terms().purchase == Purchase::Spot {
            return Err(c.fail(
                &p("spot_share"),
                crate::said!("error.svc.fargate.spot_windows"),
                crate::said!("error.svc.fargate.spot_windows_hint"),
            ));
        }
        if f.rps_per_task.is_some() && f.rps_per_vcpu.is_some() {
            return Err(c.fail(
                &p("rps_per_vcpu"),
                crate::said!("error.svc.fargate.both_rps"),
                crate::said!("error.svc.fargate.both_rps_hint"),
            ));
        }
        if let Some(u) = f.max_utilization {
            c.range(
                &p("max_utilization"),
                u,
                dec!(0.01),
                dec!(1),
                "(a share of capacity)",
            )?;
        }
        // Fixed `tasks` (with `running_hours`) or scaling from `rps_per_task` / `rps_per_vcpu`
        // (with `min_tasks`/`max_tasks`): exactly one, with only its own keys.
        at.fixed_or_scaling(&FleetSize {
            keys: ["tasks", "rps_per_task", "min_tasks", "max_tasks"],
            count: f.tasks,
            rps: f.rps_per_unit(),
            min_max: (f.min_tasks, f.max_tasks),
            hours: Some(FixedHours {
                key: "running_hours",
                hours: f.running_hours,
                scaled_ids: [
                    "error.svc.fargate.running_hours_scaled",
                    "error.svc.fargate.running_hours_scaled_hint",
                ],
            }),
            ids: FleetIds {
                count_and_rps: [
                    "error.svc.fargate.tasks_and_rps",
                    "error.svc.fargate.tasks_and_rps_hint",
                ],
                no_count: [
                    "error.svc.fargate.no_tasks",
                    "error.svc.fargate.no_tasks_hint",
                ],
                min_max_fixed: [
                    "error.svc.fargate.min_max_fixed",
                    "error.svc.fargate.min_max_fixed_hint",
                ],
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::scenario::FARGATE_SIZES;
    use rust_decimal::Decimal;
    use std::collections::BTreeSet;
    use std::str::FromStr;

    /// Every (vCPU, GB) size the hint's table (`error.svc.fargate.sizes`) lists: entries
    /// `V[ vCPU]: A/B/C GB` or `V: LO-HI GB[ (S GB steps)]` separated by `; `.
    fn listed(table: &str) -> BTreeSet<(Decimal, Decimal)> {
        let d = |s: &str| Decimal::from_str(s.trim()).expect(s);
        let mut out = BTreeSet::new();
        for entry in table.split("; ") {
            let (vcpu, sizes) = entry.split_once(": ").expect(entry);
            let vcpu = d(vcpu.trim_end_matches(" vCPU"));
            let (sizes, step) = match sizes.split_once(" GB (") {
                Some((s, step)) => (s, d(step.trim_end_matches(" GB steps)"))),
                None => (sizes.trim_end_matches(" GB"), Decimal::ONE),
            };
            match sizes.split_once('-') {
                Some((lo, hi)) => {
                    let (mut m, hi) = (d(lo), d(hi));
                    while m <= hi {
                        out.insert((vcpu, m.normalize()));
                        m += step;
                    }
                }
                None => out.extend(sizes.split('/').map(|m| (vcpu, d(m).normalize()))),
            }
        }
        out
    }

    #[test]
    fn the_hint_lists_the_sizes_validation_accepts() {
        let mut accepted = BTreeSet::new();
        for (vcpu, ranges) in FARGATE_SIZES {
            for (lo, hi, step) in ranges.iter() {
                let mut m = *lo;
                while m <= *hi {
                    accepted.insert((vcpu, m.normalize()));
                    m += step;
                }
            }
        }
        let table = crate::messages::text(Lang::En, "error.svc.fargate.sizes").expect("text");
        assert_eq!(listed(table), accepted);
        assert!(listed("1: 2-4 GB").len() == 3 && listed("2: 4-16 GB (4 GB steps)").len() == 4);
    }
}
