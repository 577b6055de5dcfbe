//! AWS Fargate (ECS or EKS): vCPU-hours and GB-hours of task runtime, storage above 20 GB,
//! Windows licence, Spot share, and the EKS cluster fee.
use super::{Ctx, Line, ServiceModel};
use crate::capacity::Fleet;
use crate::error::Result;
use crate::scenario::{Fargate, Os, Platform};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl Fargate {
    /// How the service is sized (None when neither `tasks` nor `rps_per_task` is set).
    pub fn fleet(&self, hours_per_month: Decimal) -> Option<Fleet> {
        match (self.tasks, self.rps_per_task) {
            (Some(units), _) => Some(Fleet::Fixed {
                units,
                hours: self.running_hours.unwrap_or(hours_per_month),
            }),
            (None, Some(rps_per_unit)) => Some(Fleet::Scaled {
                rps_per_unit,
                min: self.min_tasks.unwrap_or(Decimal::ONE),
                max: self.max_tasks,
            }),
            (None, None) => None,
        }
    }

    /// Task-hours per month: fixed tasks x running hours, or scaled hour by hour from the load.
    pub fn task_hours(&self, ctx: &Ctx) -> Decimal {
        self.fleet(ctx.hours_per_month)
            .map_or(Decimal::ZERO, |f| ctx.load.fleet_hours(f))
    }
}

impl ServiceModel for Fargate {
    fn lines(&self, ctx: &Ctx) -> Result<Vec<Line>> {
        let task_hours = self.task_hours(ctx);
        let spot_hours = task_hours * self.spot_share;
        let od_hours = task_hours - spot_hours;
        let os = match self.os {
            Os::Linux => "linux",
            Os::Windows => "windows",
        };
        let arch = self.arch.key();
        let size = format!(
            "{} vCPU / {} GB",
            self.vcpu.normalize(),
            self.memory_gb.normalize()
        );
        let mut out = Vec::new();
        out.extend(ctx.priced(
            "fargate.vcpu",
            &format!("fargate.vcpu.{os}.{arch}"),
            &format!("Fargate vCPU ({size}, {os}/{arch})"),
            od_hours * self.vcpu,
        )?);
        out.extend(ctx.priced(
            "fargate.memory",
            &format!("fargate.memory.{os}.{arch}"),
            &format!("Fargate memory ({size}, {os}/{arch})"),
            od_hours * self.memory_gb,
        )?);
        if self.os == Os::Windows {
            out.extend(ctx.priced(
                "fargate.windows_license",
                "fargate.windows_license",
                "Windows Server licence per vCPU",
                task_hours * self.vcpu,
            )?);
        }
        if spot_hours > Decimal::ZERO {
            out.extend(ctx.priced(
                "fargate.spot_vcpu",
                &format!("fargate.spot_vcpu.{os}.{arch}"),
                &format!("Fargate Spot vCPU ({size})"),
                spot_hours * self.vcpu,
            )?);
            out.extend(ctx.priced(
                "fargate.spot_memory",
                &format!("fargate.spot_memory.{os}.{arch}"),
                &format!("Fargate Spot memory ({size})"),
                spot_hours * self.memory_gb,
            )?);
        }
        if self.ephemeral_storage_gb > dec!(20) {
            let extra = self.ephemeral_storage_gb - dec!(20);
            out.extend(ctx.priced(
                "fargate.ephemeral_storage",
                "fargate.ephemeral_storage",
                &format!(
                    "Ephemeral storage above 20 GB ({} GB configured)",
                    self.ephemeral_storage_gb.normalize()
                ),
                task_hours * extra,
            )?);
        }
        if self.platform == Platform::Eks {
            out.extend(ctx.priced(
                "eks.cluster",
                "eks.cluster",
                "EKS cluster (standard support)",
                ctx.hours_per_month,
            )?);
        }
        Ok(out)
    }
}
