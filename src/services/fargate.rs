//! AWS Fargate (ECS or EKS): vCPU-hours and GB-hours of task runtime, storage above 20 GB,
//! Windows licence, Spot share, and the EKS cluster fee.
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::scenario::{Fargate, Os, Platform};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl ServiceModel for Fargate {
    fn lines(&self, ctx: &Ctx, plan: &TierPlan) -> Result<Vec<Line>> {
        let task_hours = plan.fleet.as_ref().map_or(Decimal::ZERO, |f| f.unit_hours);
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
