//! AWS WAF in front of a REST API or an ALB: web ACL-month, rule-months and requests.
use super::{Ctx, Line};
use crate::error::Result;
use crate::msg;
use rust_decimal::Decimal;

pub fn lines(ctx: &Ctx, rules: Decimal, requests: Decimal) -> Result<Vec<Line>> {
    let mut out = ctx.priced(
        "waf.web_acl",
        "waf.web_acl",
        msg!("line.waf.aws_waf_web_acl"),
        Decimal::ONE,
    )?;
    out.extend(ctx.priced(
        "waf.rules",
        "waf.rule",
        msg!("line.waf.aws_waf_rules", rules),
        rules,
    )?);
    out.extend(ctx.priced(
        "waf.requests",
        "waf.requests",
        msg!("line.waf.aws_waf_requests_inspected"),
        requests,
    )?);
    Ok(out)
}
