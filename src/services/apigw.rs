//! Amazon API Gateway: REST / HTTP (512 KB metering) / WebSocket (32 KB messages, connection
//! minutes), REST cache by size-hour, private endpoints (VPC endpoint hours + data), WAF.
use super::{Ctx, Line, ServiceModel, KB_PER_GB};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::msg;
use crate::scenario::{ApiGateway, ApiKind, Endpoint};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Metered units for a payload: ceil(kb / increment), at least 1.
pub fn metered(kb: Decimal, increment_kb: Decimal) -> Decimal {
    (kb / increment_kb).ceil().max(Decimal::ONE)
}

impl ApiGateway {
    /// Private endpoints default to 2 AZs (the minimum for a highly available VPC endpoint).
    pub fn endpoint_azs(&self) -> Decimal {
        self.private_endpoint_azs.unwrap_or(dec!(2))
    }
}

impl ServiceModel for ApiGateway {
    fn lines(&self, ctx: &Ctx, _plan: &TierPlan) -> Result<Vec<Line>> {
        let w = ctx.workload;
        let requests = ctx.load.monthly_requests;
        let mut out = Vec::new();
        match self.api {
            ApiKind::Rest => {
                out.extend(ctx.priced(
                    "apigw.rest.requests",
                    "apigw.rest.requests",
                    msg!("line.apigw.rest_api_requests"),
                    requests,
                )?);
                if let Some(gb) = self.cache_gb {
                    let key = format!("apigw.cache.{}", gb.normalize());
                    out.extend(ctx.priced(
                        "apigw.cache",
                        &key,
                        msg!("line.apigw.rest_api_cache_gb", gb.normalize()),
                        ctx.hours_per_month,
                    )?);
                }
            }
            ApiKind::Http => {
                // "Requests are metered in 512 KB increments" of request + response.
                let per_request = metered(w.request_kb + w.response_kb, dec!(512));
                out.extend(ctx.priced(
                    "apigw.http.requests",
                    "apigw.http.requests",
                    msg!("line.apigw.http_api_requests_512_kb_metering"),
                    requests * per_request,
                )?);
            }
            ApiKind::Websocket => {
                // One inbound message per request, plus one outbound when there is a response;
                // each metered in 32 KB increments.
                let mut per_request = metered(w.request_kb, dec!(32));
                if w.response_kb > Decimal::ZERO {
                    per_request += metered(w.response_kb, dec!(32));
                }
                out.extend(ctx.priced(
                    "apigw.websocket.messages",
                    "apigw.websocket.messages",
                    msg!("line.apigw.websocket_messages_32_kb_metering"),
                    requests * per_request,
                )?);
                let minutes = match (self.connection_minutes_per_month, self.average_connections) {
                    (Some(m), _) => m,
                    (None, Some(c)) => c * ctx.hours_per_month * dec!(60),
                    (None, None) => Decimal::ZERO,
                };
                out.extend(ctx.priced(
                    "apigw.websocket.connection_minutes",
                    "apigw.websocket.connection_minutes",
                    msg!("line.apigw.websocket_connection_minutes"),
                    minutes,
                )?);
            }
        }
        if self.endpoint == Endpoint::Private {
            let azs = self.endpoint_azs();
            out.extend(ctx.priced(
                "apigw.private_endpoint.hours",
                "vpce.hours",
                msg!("line.apigw.interface_vpc_endpoint_azs", azs),
                azs * ctx.hours_per_month,
            )?);
            let gb = requests * (w.request_kb + w.response_kb) / KB_PER_GB;
            out.extend(ctx.priced(
                "apigw.private_endpoint.data",
                "vpce.data",
                msg!("line.apigw.vpc_endpoint_data_processed"),
                gb,
            )?);
        }
        if let Some(rules) = self.waf_rules {
            out.extend(super::waf::lines(ctx, rules, requests)?);
        }
        Ok(out)
    }
}
