//! Amazon API Gateway: REST / HTTP (512 KB metering) / WebSocket (32 KB messages, connection
//! minutes), REST cache by size-hour, private endpoints (VPC endpoint hours + data), WAF.
use super::{Ctx, Line, ServiceModel, KB_PER_GB};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::msg;
use crate::scenario::{ApiGateway, ApiKind, Endpoint, SettingsCheck, ValidateSettings, BIG};
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

impl ValidateSettings for ApiGateway {
    /// API Gateway's keys: API kind and endpoint, cache, WAF, WebSocket connections, timeouts and throttling.
    fn validate_settings(&self, at: &SettingsCheck) -> Result<()> {
        let c = at.check;
        let g = self;
        let p = |k: &str| at.key(k);
        if g.api != ApiKind::Rest && g.endpoint != Endpoint::Regional {
            return Err(c.fail(
                &p("endpoint"),
                crate::said!("error.svc.apigw.endpoint_rest_only"),
                crate::said!("error.svc.apigw.endpoint_rest_only_hint"),
            ));
        }
        if let Some(gb) = g.cache_gb {
            if g.api != ApiKind::Rest {
                return Err(c.fail(
                    &p("cache_gb"),
                    crate::said!("error.svc.apigw.cache_rest_only"),
                    crate::said!("error.svc.apigw.cache_rest_only_hint"),
                ));
            }
            let sizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];
            if !sizes.contains(&gb.normalize().to_string().as_str()) {
                return Err(c.fail(
                    &p("cache_gb"),
                    crate::said!("error.svc.apigw.not_cache_size", gb),
                    crate::said!("error.svc.apigw.not_cache_size_hint", sizes.join(", ")),
                ));
            }
        }
        if let Some(r) = g.waf_rules {
            if g.api != ApiKind::Rest {
                return Err(c.fail(
                    &p("waf_rules"),
                    crate::said!("error.svc.apigw.waf_rest_only"),
                    crate::said!("error.svc.apigw.waf_rest_only_hint"),
                ));
            }
            c.non_negative(&p("waf_rules"), r, dec!(1000))?;
            c.whole(&p("waf_rules"), r)?;
        }
        check_websocket(g, at)?;
        if let Some(azs) = g.private_endpoint_azs {
            if g.endpoint != Endpoint::Private {
                return Err(c.fail(
                    &p("private_endpoint_azs"),
                    crate::said!("error.svc.apigw.private_only"),
                    crate::said!("error.svc.apigw.private_only_hint"),
                ));
            }
            c.range(
                &p("private_endpoint_azs"),
                azs,
                dec!(1),
                dec!(6),
                "Availability Zones",
            )?;
            c.whole(&p("private_endpoint_azs"), azs)?;
        }
        if let Some(t) = g.timeout_s {
            c.range(&p("timeout_s"), t, dec!(0.05), dec!(86400), "seconds")?;
        }
        if let Some(t) = g.throttle_rps {
            c.range(
                &p("throttle_rps"),
                t,
                dec!(0),
                dec!(100_000_000),
                "requests per second",
            )?;
        }
        Ok(())
    }
}

/// The WebSocket-only keys: connection minutes (or average connections) and their duration.
fn check_websocket(g: &ApiGateway, at: &SettingsCheck) -> Result<()> {
    let (c, p) = (at.check, |k: &str| at.key(k));
    let base = at.base;
    if g.api != ApiKind::Websocket
        && (g.connection_minutes_per_month.is_some() || g.average_connections.is_some())
    {
        return Err(c.fail(
            &p("connection_minutes_per_month"),
            crate::said!("error.svc.apigw.minutes_websocket_only"),
            crate::said!("error.svc.apigw.minutes_websocket_only_hint"),
        ));
    }
    if g.connection_minutes_per_month.is_some() && g.average_connections.is_some() {
        return Err(c.fail(
            base,
            crate::said!("error.svc.apigw.both_connections"),
            crate::said!("error.svc.apigw.both_connections_hint"),
        ));
    }
    if let Some(v) = g.connection_minutes_per_month {
        c.non_negative(&p("connection_minutes_per_month"), v, BIG)?;
    }
    if let Some(v) = g.connection_duration_s {
        if g.api != ApiKind::Websocket {
            return Err(c.fail(
                &p("connection_duration_s"),
                crate::said!("error.svc.apigw.duration_websocket_only"),
                crate::said!("error.svc.apigw.duration_websocket_only_hint"),
            ));
        }
        c.range(
            &p("connection_duration_s"),
            v,
            dec!(0.001),
            dec!(1_000_000),
            "seconds",
        )?;
    }
    if let Some(v) = g.average_connections {
        c.non_negative(&p("average_connections"), v, dec!(100_000_000))?;
    }
    Ok(())
}
