//! AWS Lambda: requests, GB-seconds (1 ms rounding, tiers), ephemeral storage, provisioned
//! concurrency, and the NAT gateway a VPC-attached function needs.
use super::{Ctx, Line, ServiceModel, KB_PER_GB};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::scenario::{Invocation, Lambda};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl Lambda {
    /// Billed duration of one invocation: the workload's (or this function's) time, rounded up to 1 ms.
    pub fn billed_duration_ms(&self, ctx: &Ctx) -> Decimal {
        self.duration_ms.unwrap_or(ctx.workload.duration_ms).ceil()
    }

    /// Requests billed per invocation: async events above 256 KB pay one more request per 64 KB
    /// chunk, up to 1 MB (AWS Lambda pricing page).
    pub fn requests_per_invocation(&self, ctx: &Ctx) -> Decimal {
        let kb = ctx.workload.request_kb;
        if self.invocation == Invocation::Async && kb > dec!(256) {
            Decimal::ONE + ((kb.min(dec!(1024)) - dec!(256)) / dec!(64)).ceil()
        } else {
            Decimal::ONE
        }
    }
}

impl ServiceModel for Lambda {
    fn lines(&self, ctx: &Ctx, _plan: &TierPlan) -> Result<Vec<Line>> {
        let arch = self.arch.key();
        let invocations = ctx.load.monthly_requests;
        let provisioned = self.provisioned_concurrency > Decimal::ZERO;
        // "The Lambda free tier does not apply to functions enabling Provisioned Concurrency."
        let free = |k: &'static str| if provisioned { None } else { Some(k) };
        let mut out = ctx.priced_after_free(
            "lambda.requests",
            &format!("lambda.requests.{arch}"),
            free("lambda.requests.free_tier"),
            "Lambda requests",
            invocations * self.requests_per_invocation(ctx),
        )?;
        let seconds = invocations * self.billed_duration_ms(ctx) / dec!(1000);
        let memory_gb = self.memory_mb / dec!(1024);
        let gb_seconds = seconds * memory_gb;
        let on_provisioned = gb_seconds * self.provisioned_requests_share;
        out.extend(ctx.priced_after_free(
            "lambda.duration",
            &format!("lambda.duration.{arch}"),
            free("lambda.duration.free_tier"),
            &format!("Lambda compute, {} MB {arch}", self.memory_mb),
            gb_seconds - on_provisioned,
        )?);
        if provisioned {
            let hours = self.provisioned_hours.unwrap_or(ctx.hours_per_month);
            let pc_gb_s = self.provisioned_concurrency * memory_gb * hours * dec!(3600);
            out.extend(ctx.priced(
                "lambda.provisioned_concurrency",
                &format!("lambda.provisioned_concurrency.{arch}"),
                &format!(
                    "Provisioned concurrency, {} environments x {hours} h",
                    self.provisioned_concurrency
                ),
                pc_gb_s,
            )?);
            out.extend(ctx.priced(
                "lambda.provisioned_duration",
                &format!("lambda.provisioned_duration.{arch}"),
                "Compute on provisioned environments",
                on_provisioned,
            )?);
        }
        if self.ephemeral_storage_mb > dec!(512) {
            let extra_gb = (self.ephemeral_storage_mb - dec!(512)) / dec!(1024);
            out.extend(ctx.priced(
                "lambda.ephemeral_storage",
                &format!("lambda.ephemeral_storage.{arch}"),
                &format!(
                    "Ephemeral storage above 512 MB ({} MB configured)",
                    self.ephemeral_storage_mb
                ),
                seconds * extra_gb,
            )?);
        }
        if self.vpc {
            out.extend(ctx.priced(
                "nat.hours",
                "nat.hours",
                &format!(
                    "NAT gateway for the VPC function ({} gateways)",
                    self.nat_gateways
                ),
                self.nat_gateways * ctx.hours_per_month,
            )?);
            // Only the function's own outbound calls pass the NAT gateway: client requests and
            // responses travel between the caller and Lambda's service endpoint, not the VPC.
            let kb = self.nat_kb_per_request.unwrap_or(Decimal::ZERO);
            out.extend(ctx.priced(
                "nat.data",
                "nat.data",
                "NAT gateway data processed",
                invocations * kb / KB_PER_GB,
            )?);
        }
        Ok(out)
    }
}
