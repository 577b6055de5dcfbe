//! AWS Lambda: requests, GB-seconds (1 ms rounding, tiers), ephemeral storage, provisioned
//! concurrency (a VPC function's NAT gateway is priced with the architecture's network).
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::messages::Value;
use crate::msg;
use crate::scenario::{Invocation, Lambda, Purchase, SettingsCheck, Terms, ValidateSettings};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl Lambda {
    /// Billed duration of one invocation: the workload's (or this function's) time, rounded up to 1 ms.
    pub fn billed_duration_ms(&self, ctx: &Ctx) -> Decimal {
        self.duration_ms.unwrap_or(ctx.workload.duration_ms).ceil()
    }

    /// A Compute Savings Plan on the function's duration (requests are never discounted):
    /// the commitment lines and the GB-seconds of `gb_s` (the month's on-demand duration) it
    /// leaves to on-demand. The default commitment covers the quietest hour's GB-seconds at
    /// the plan rate (the baseline); the free tier applies to what the plan does not cover.
    fn savings_plan(&self, ctx: &Ctx, t: &Terms, gb_s: Decimal) -> Result<(Vec<Line>, Decimal)> {
        let arch = self.arch.key();
        let key = format!("savings_plan.compute.lambda.duration.{arch}");
        let rate = super::purchase::plan_rate(ctx, t, &key, &format!("lambda.duration.{arch}"))?;
        let monthly = ctx.load.monthly_requests;
        // GB-seconds in one clock hour of each distinct hourly load (share of the month's).
        let mut per_hour: Vec<(Decimal, Decimal)> = Vec::new();
        for (h, count) in ctx.load.groups() {
            // A clock hour of this load serves rps x 3,600 of the month's requests.
            let requests = h.rps * dec!(3600);
            let u = if monthly.is_zero() {
                Decimal::ZERO
            } else {
                // Multiply first (exact for round numbers); past Decimal's range, divide first.
                match gb_s.checked_mul(requests) {
                    Some(x) => x / monthly,
                    None => crate::money::mul(gb_s, requests / monthly, &key)?,
                }
            };
            per_hour.push((u, count));
        }
        let baseline = per_hour.iter().map(|(u, _)| *u).min().unwrap_or_default();
        let commitment = match t.commitment_usd_per_hour {
            Some(c) => c,
            None => crate::money::mul(baseline, rate.usd, &key)?,
        };
        let covered_per_hour = if rate.usd.is_zero() {
            Decimal::ZERO
        } else {
            commitment / rate.usd
        };
        let above: Decimal = per_hour
            .iter()
            .map(|(u, count)| (*u - covered_per_hour).max(Decimal::ZERO) * count)
            .sum();
        let uncovered = (above * ctx.load.days).min(gb_s);
        let covers = super::purchase::Covers {
            id: "line.purchase.commitment_usd_h_covers_gb_seconds",
            id_half: "line.purchase.commitment_usd_h_half_up_front_3",
            values: if ctx.lean {
                Vec::new()
            } else {
                vec![
                    Value::Plain(crate::money::quantity(covered_per_hour)),
                    Value::Plain(crate::money::exact(rate.usd)),
                ]
            },
        };
        let lines = super::purchase::commitment_lines(
            ctx,
            "savings_plan.compute",
            "Compute Savings Plan",
            commitment,
            covers,
            t,
            &rate.trace,
        )?;
        Ok((lines, uncovered))
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
            msg!("line.lambda.lambda_requests"),
            invocations * self.requests_per_invocation(ctx),
        )?;
        let seconds = invocations * self.billed_duration_ms(ctx) / dec!(1000);
        let memory_gb = self.memory_mb / dec!(1024);
        let gb_seconds = seconds * memory_gb;
        let on_provisioned = gb_seconds * self.provisioned_requests_share;
        let mut on_demand_gb_s = gb_seconds - on_provisioned;
        let t = self.terms();
        if t.purchase == Purchase::ComputeSavingsPlan {
            let (plan_lines, uncovered) = self.savings_plan(ctx, &t, on_demand_gb_s)?;
            out.extend(plan_lines);
            on_demand_gb_s = uncovered;
        }
        out.extend(ctx.priced_after_free(
            "lambda.duration",
            &format!("lambda.duration.{arch}"),
            free("lambda.duration.free_tier"),
            msg!("line.lambda.lambda_compute_mb", self.memory_mb, arch),
            on_demand_gb_s,
        )?);
        if provisioned {
            let hours = self.provisioned_hours.unwrap_or(ctx.hours_per_month);
            let pc_gb_s = self.provisioned_concurrency * memory_gb * hours * dec!(3600);
            out.extend(ctx.priced(
                "lambda.provisioned_concurrency",
                &format!("lambda.provisioned_concurrency.{arch}"),
                msg!(
                    "line.lambda.provisioned_concurrency_environments_x_h",
                    self.provisioned_concurrency,
                    hours
                ),
                pc_gb_s,
            )?);
            out.extend(ctx.priced(
                "lambda.provisioned_duration",
                &format!("lambda.provisioned_duration.{arch}"),
                msg!("line.lambda.compute_provisioned_environments"),
                on_provisioned,
            )?);
        }
        if self.ephemeral_storage_mb > dec!(512) {
            let extra_gb = (self.ephemeral_storage_mb - dec!(512)) / dec!(1024);
            out.extend(ctx.priced(
                "lambda.ephemeral_storage",
                &format!("lambda.ephemeral_storage.{arch}"),
                msg!(
                    "line.lambda.ephemeral_storage_above_512_mb_mb",
                    self.ephemeral_storage_mb
                ),
                seconds * extra_gb,
            )?);
        }
        Ok(out)
    }
}

impl ValidateSettings for Lambda {
    /// A Lambda function's keys: memory and ephemeral storage, timeouts, provisioned concurrency, NAT.
    fn validate_settings(&self, at: &SettingsCheck) -> Result<()> {
        let c = at.check;
        let l = self;
        let p = |k: &str| at.key(k);
        let hours = at.scenario.assumptions.hours_per_month;
        c.range(&p("memory_mb"), l.memory_mb, dec!(128), dec!(10240), "MB")?;
        c.whole(&p("memory_mb"), l.memory_mb)?;
        c.range(
            &p("ephemeral_storage_mb"),
            l.ephemeral_storage_mb,
            dec!(512),
            dec!(10240),
            "MB",
        )?;
        c.whole(&p("ephemeral_storage_mb"), l.ephemeral_storage_mb)?;
        if let Some(d) = l.duration_ms {
            c.non_negative(&p("duration_ms"), d, dec!(86_400_000))?;
        }
        if let Some(t) = l.timeout_s {
            c.range(&p("timeout_s"), t, dec!(1), dec!(86400), "seconds")?;
        }
        c.non_negative(
            &p("provisioned_concurrency"),
            l.provisioned_concurrency,
            dec!(1_000_000),
        )?;
        c.whole(&p("provisioned_concurrency"), l.provisioned_concurrency)?;
        if let Some(h) = l.provisioned_hours {
            c.range(
                &p("provisioned_hours"),
                h,
                dec!(0),
                hours,
                "hours (assumptions.hours_per_month)",
            )?;
        }
        c.range(
            &p("provisioned_requests_share"),
            l.provisioned_requests_share,
            dec!(0),
            dec!(1),
            "(a share)",
        )?;
        if l.provisioned_requests_share > Decimal::ZERO && l.provisioned_concurrency.is_zero() {
            return Err(c.fail(
                &p("provisioned_requests_share"),
                crate::said!("error.svc.lambda.share_without_pc"),
                crate::said!("error.svc.lambda.share_without_pc_hint"),
            ));
        }
        c.range(
            &p("nat_gateways"),
            l.nat_gateways,
            dec!(1),
            dec!(100),
            "NAT gateways",
        )?;
        c.whole(&p("nat_gateways"), l.nat_gateways)?;
        if let Some(kb) = l.nat_kb_per_request {
            if !l.vpc {
                return Err(c.fail(
                    &p("nat_kb_per_request"),
                    crate::said!("error.svc.lambda.nat_kb_vpc_only"),
                    crate::said!("error.svc.lambda.nat_kb_vpc_only_hint"),
                ));
            }
            c.non_negative(&p("nat_kb_per_request"), kb, dec!(10_485_760))?;
        }
        Ok(())
    }
}
