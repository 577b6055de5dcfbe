//! CloudWatch Logs written by a tier (docs/reference/logs-and-network.md): ingestion per GB
//! (Standard log class) and storage per GB-month for `log_retention_months`, on the stored
//! (compressed) size. Lines `logs.ingest` and `logs.storage` join the tier that writes them.
use super::{Ctx, Line, KB_PER_GB};
use crate::error::Result;
use crate::msg;
use crate::scenario::Service;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Bytes of the platform lines Lambda writes for every invocation, from the example in "Log and
/// monitor Node.js Lambda functions" (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html):
/// `START RequestId: <36-character id> Version: $LATEST` (71 bytes with its newline),
/// `END RequestId: <id>` (52) and `REPORT RequestId: <id>` followed by tab-separated
/// `Duration: 170.19 ms`, `Billed Duration: 171 ms`, `Memory Size: 128 MB` and
/// `Max Memory Used: 73 MB` (143): 266 bytes. Cold starts add ` Init Duration: ...` (not counted).
pub const LAMBDA_PLATFORM_BYTES: Decimal = dec!(266);

/// KB written to CloudWatch Logs per request by a tier's service, with the id of its ingestion
/// line (`line.logs.*`, which names what writes them); None
/// when the tier writes no logs.
pub fn kb_per_request(svc: &Service, ctx: &Ctx) -> Option<(Decimal, &'static str)> {
    let app_kb = ctx.workload.log_kb_per_request;
    match svc {
        Service::Lambda(l) if l.logs => Some((
            LAMBDA_PLATFORM_BYTES / dec!(1024) + app_kb,
            if app_kb > Decimal::ZERO {
                "line.logs.ingest_lambda_platform_app"
            } else {
                "line.logs.ingest_lambda_platform"
            },
        )),
        Service::Fargate(f) if f.logs && app_kb > Decimal::ZERO => {
            Some((app_kb, "line.logs.ingest_awslogs"))
        }
        Service::Ec2(e) if e.logs && app_kb > Decimal::ZERO => {
            Some((app_kb, "line.logs.ingest_agent"))
        }
        Service::ApiGateway(g) if g.access_logs => g
            .access_log_kb
            .map(|kb| (kb, "line.logs.ingest_access_logs")),
        _ => None,
    }
}

/// GB ingested per month by the tier (binary GB, as every other byte meter here).
pub fn ingest_gb(svc: &Service, ctx: &Ctx) -> Decimal {
    match kb_per_request(svc, ctx) {
        Some((kb, _)) => ctx.load.monthly_requests * kb / KB_PER_GB,
        None => Decimal::ZERO,
    }
}

/// The tier's CloudWatch Logs lines: ingestion, and storage of `log_retention_months` months of
/// ingested data (the steady state once the retention window has filled) at the stored ratio.
pub fn lines(svc: &Service, ctx: &Ctx) -> Result<Vec<Line>> {
    let Some((kb, what)) = kb_per_request(svc, ctx) else {
        return Ok(Vec::new());
    };
    let gb = ctx.load.monthly_requests * kb / KB_PER_GB;
    if gb <= Decimal::ZERO {
        return Ok(Vec::new());
    }
    let mut out = ctx.priced("logs.ingest", "logs.ingest", msg!(what), gb)?;
    let months = ctx.workload.log_retention_months;
    let stored = crate::money::mul(gb * months, ctx.log_stored_ratio, "logs.storage")?;
    let text = if ctx.log_stored_ratio == Decimal::ONE {
        msg!("line.logs.storage", months.normalize())
    } else {
        msg!(
            "line.logs.storage_ratio",
            months.normalize(),
            ctx.log_stored_ratio.normalize()
        )
    };
    out.extend(ctx.priced("logs.storage", "logs.storage", text, stored)?);
    Ok(out)
}
