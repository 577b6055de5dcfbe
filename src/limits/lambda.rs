//! Lambda limits: the 15-minute timeout and the configured one, payload sizes, concurrency at the
//! busiest second and the scaling rate a burst needs (all from the function's capacity plan).
use super::{fmt, hour, Checker, Remedy};
use crate::capacity::plan::{ArchPlan, TierPlan};
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
        format!(
            "run time per invocation ({} s) vs Lambda's 15-minute maximum",
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
            || {
                format!(
                    "run time ({} s) vs the function's configured timeout",
                    fmt(seconds)
                )
            },
        );
    }
    match l.invocation {
        Invocation::Sync => {
            c.check(
                tier,
                "lambda.payload_mb.sync_request",
                w.request_kb / dec!(1024),
                || format!("request payload ({} KB)", fmt(w.request_kb)),
            );
            c.check(
                tier,
                "lambda.payload_mb.sync_response",
                w.response_kb / dec!(1024),
                || format!("response payload ({} KB)", fmt(w.response_kb)),
            );
        }
        Invocation::Async => {
            c.check(
                tier,
                "lambda.payload_mb.async",
                w.request_kb / dec!(1024),
                || format!("async event size ({} KB)", fmt(w.request_kb)),
            );
        }
    }
    let concurrency = lp.concurrency;
    c.check(tier, "lambda.concurrent_executions", concurrency, || {
        let mut msg = format!(
            "concurrent executions at the busiest second ({} at {}: {} requests/s x {} s)",
            fmt(concurrency),
            hour(peak.hour),
            fmt(peak.peak_rps),
            fmt(seconds)
        );
        if l.provisioned_concurrency.is_zero() && concurrency > Decimal::ZERO {
            msg.push_str(&format!(
                "; provisioned concurrency of {} would keep the peak hour's average warm",
                fmt(lp.hour_concurrency)
            ));
        }
        msg
    });
    // A burst above the hour's average must be absorbed at +1,000 environments per 10 s.
    let burst = lp.burst_environments;
    if burst > Decimal::ZERO {
        c.check(tier, "lambda.scaling.envs_per_10s", burst, || {
            let secs = (burst / dec!(1000)).ceil() * dec!(10);
            format!(
                "new environments a burst needs above the hour's average ({} -> about {} s to scale)",
                fmt(burst),
                fmt(secs)
            )
        });
    }
}
