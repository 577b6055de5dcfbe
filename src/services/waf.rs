//! AWS WAF in front of a REST API or an ALB: web ACL-month, rule-months and requests.
use super::{Ctx, Line};
use crate::error::Result;
use rust_decimal::Decimal;

pub fn lines(ctx: &Ctx, rules: Decimal, requests: Decimal) -> Result<Vec<Line>> {
    let mut out = ctx.priced(
        "waf.web_acl",
        "waf.web_acl",
        "AWS WAF web ACL",
        Decimal::ONE,
    )?;
    out.extend(ctx.priced(
        "waf.rules",
        "waf.rule",
        &format!("AWS WAF rules ({rules})"),
        rules,
    )?);
    out.extend(ctx.priced(
        "waf.requests",
        "waf.requests",
        "AWS WAF requests inspected",
        requests,
    )?);
    Ok(out)
}
