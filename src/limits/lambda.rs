//! Lambda limits: the 15-minute timeout and the configured one, payload sizes, concurrency at the
//! busiest second and the scaling rate a burst needs (all from the function's capacity plan).
use super::{fmt, hour, Checker, Remedy};
use crate::capacity::plan::{ArchPlan, TierPlan};
use crate::messages::Msg;
use crate::scenario::{Invocation, Lambda, Workload};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub(super) fn check(
    c: &mut Checker,
    tier: &str,
    l: &Lambda,
    w: &Workload,
    plan: &ArchPlan,
    tp: &TierPlan,
) {
    let Some(lp) = &tp.lambda else { return };
    let peak = &plan.peak;
    let seconds = lp.seconds;
    c.check(tier, "lambda.timeout_s.max", seconds, || {
        crate::msg!(
            "finding.lambda.run_time_invocation_s_vs_lambda",
            fmt(seconds)
        )
    });
    if let Some(t) = l.timeout_s {
        c.setting(
            tier,
            "lambda.timeout_s",
            seconds,
            t,
            "seconds",
            Remedy::Check("remedy.check.lambda.timeout_s"),
            "timeout_s",
            || crate::msg!("finding.lambda.run_time_s_vs_function_s", fmt(seconds)),
        );
    }
    match l.invocation {
        Invocation::Sync => {
            c.check(
                tier,
                "lambda.payload_mb.sync_request",
                w.request_kb / dec!(1024),
                || crate::msg!("finding.lambda.request_payload_kb", fmt(w.request_kb)),
            );
            c.check(
                tier,
                "lambda.payload_mb.sync_response",
                w.response_kb / dec!(1024),
                || crate::msg!("finding.lambda.response_payload_kb", fmt(w.response_kb)),
            );
        }
        Invocation::Async => {
            c.check(
                tier,
                "lambda.payload_mb.async",
                w.request_kb / dec!(1024),
                || crate::msg!("finding.lambda.async_event_size_kb", fmt(w.request_kb)),
            );
        }
    }
    let concurrency = lp.concurrency;
    c.check(tier, "lambda.concurrent_executions", concurrency, || {
        let values = [
            fmt(concurrency),
            hour(peak.hour),
            fmt(peak.peak_rps),
            fmt(seconds),
        ];
        if l.provisioned_concurrency.is_zero() && concurrency > Decimal::ZERO {
            let mut values = values.to_vec();
            values.push(fmt(lp.hour_concurrency));
            Msg::new(
                "finding.lambda.concurrent_executions_busiest_second_requests_s",
                values,
            )
        } else {
            Msg::new(
                "finding.lambda.concurrent_executions_busiest_second_requests_s_2",
                values.to_vec(),
            )
        }
    });
    // A burst above the hour's average must be absorbed at +1,000 environments per 10 s.
    let burst = lp.burst_environments;
    if burst > Decimal::ZERO {
        c.check(tier, "lambda.scaling.envs_per_10s", burst, || {
            let secs = (burst / dec!(1000)).ceil() * dec!(10);
            crate::msg!(
                "finding.lambda.new_environments_burst_needs_above_hour",
                fmt(burst),
                fmt(secs)
            )
        });
    }
}
