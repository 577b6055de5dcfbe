//! ALB limits: the request and response sizes a Lambda target accepts (1 MB each).
use super::{fmt, Checker};
use crate::capacity::plan::{Target, TierPlan};
use crate::scenario::Workload;
use rust_decimal_macros::dec;

pub(super) fn check(c: &mut Checker, tier: &str, w: &Workload, tp: &TierPlan) {
    if tp.alb.as_ref().map(|a| a.target) != Some(Target::Lambda) {
        return;
    }
    c.check(
        tier,
        "alb.lambda.request_body_mb",
        w.request_kb / dec!(1024),
        || {
            crate::msg!(
                "finding.alb.request_body_lambda_target_kb",
                fmt(w.request_kb)
            )
        },
    );
    c.check(
        tier,
        "alb.lambda.response_mb",
        w.response_kb / dec!(1024),
        || crate::msg!("finding.alb.response_lambda_target_kb", fmt(w.response_kb)),
    );
}
