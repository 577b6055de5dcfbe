//! API Gateway limits: integration timeout (29 s REST, 30 s HTTP), payload sizes, WebSocket
//! messages, frames and connections, the account throttle and the stage throttle.
use super::{fmt, hour, table, Checker, Measure, Remedy, Status};
use crate::capacity::plan::ArchPlan;
use crate::scenario::{ApiGateway, ApiKind, Endpoint, Workload};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub(super) fn check(c: &mut Checker, tier: &str, g: &ApiGateway, w: &Workload, plan: &ArchPlan) {
    let peak = &plan.peak;
    let (id, what) = match (g.api, g.endpoint) {
        (ApiKind::Http, _) => ("apigw.http.integration_timeout_s", "HTTP API"),
        (ApiKind::Websocket, _) => ("apigw.websocket.integration_timeout_s", "WebSocket API"),
        (ApiKind::Rest, Endpoint::Edge) => (
            "apigw.rest.integration_timeout_s.edge",
            "edge-optimized REST API",
        ),
        (ApiKind::Rest, Endpoint::Regional) => (
            "apigw.rest.integration_timeout_s.regional",
            "regional REST API",
        ),
        (ApiKind::Rest, Endpoint::Private) => (
            "apigw.rest.integration_timeout_s.private",
            "private REST API",
        ),
    };
    let work_s = plan.app_duration_ms / dec!(1000);
    let needed_s = g.timeout_s.unwrap_or(work_s);
    c.check(tier, id, needed_s, || {
        format!("{what} integration time per request ({} s)", fmt(needed_s))
    });
    if let Some(t) = g.timeout_s {
        c.setting(
            tier,
            "apigw.timeout_s",
            work_s,
            t,
            "seconds",
            Remedy::Check("remedy.check.apigw.timeout_s"),
            "timeout_s",
            || {
                format!(
                    "backend time {} s vs the configured integration timeout",
                    fmt(work_s)
                )
            },
        );
    }
    let biggest_kb = w.request_kb.max(w.response_kb);
    match g.api {
        ApiKind::Websocket => {
            c.check(tier, "apigw.websocket.message_kb", biggest_kb, || {
                format!("largest WebSocket message ({} KB)", fmt(biggest_kb))
            });
            websocket(c, tier, g, biggest_kb);
        }
        api => {
            let id = if api == ApiKind::Rest {
                "apigw.rest.payload_mb"
            } else {
                "apigw.http.payload_mb"
            };
            let mb = biggest_kb / dec!(1024);
            c.check(tier, id, mb, || {
                format!("largest request/response payload ({} MB)", fmt(mb))
            });
        }
    }
    c.check(tier, "apigw.account.throttle_rps", peak.peak_rps, || {
        format!(
            "busiest second at {} ({} requests/s) vs the account-level throttle",
            hour(peak.hour),
            fmt(peak.peak_rps)
        )
    });
    if let Some(t) = g.throttle_rps {
        c.setting(
            tier,
            "apigw.throttle_rps",
            peak.peak_rps,
            t,
            "requests per second",
            Remedy::Check("remedy.check.apigw.throttle_rps"),
            "throttle_rps",
            || {
                format!(
                    "busiest second ({} requests/s) vs the stage throttle",
                    fmt(peak.peak_rps)
                )
            },
        );
    }
}

/// WebSocket frames (messages above 32 KB travel in several frames), connection length (2 h
/// maximum) and new connections per second (500 by default) when the scenario says how long
/// clients stay connected.
fn websocket(c: &mut Checker, tier: &str, g: &ApiGateway, biggest_kb: Decimal) {
    if let Some(row) = table().rows.get("apigw.websocket.frame_kb") {
        if biggest_kb > row.value {
            let frames = (biggest_kb / row.value).ceil();
            // Fragmenting is allowed: a reminder, not a failure.
            c.push_at_most(
                Measure {
                    tier,
                    id: &row.id,
                    value: biggest_kb,
                    limit: row.value,
                    unit: &row.unit,
                    kind: "behaviour",
                    remedy: Remedy::Check("remedy.check.apigw.websocket.frame_kb"),
                    source: &row.source,
                },
                Status::Warning,
                || {
                    format!(
                        "largest message ({} KB) is sent as {} frames of at most 32 KB",
                        fmt(biggest_kb),
                        fmt(frames)
                    )
                },
            );
        }
    }
    let Some(duration) = g.connection_duration_s else {
        return;
    };
    c.check(
        tier,
        "apigw.websocket.connection_duration_s",
        duration,
        || format!("how long a client stays connected ({} s)", fmt(duration)),
    );
    if let Some(avg) = g.average_connections {
        if duration > Decimal::ZERO {
            let per_s = avg / duration;
            c.check(tier, "apigw.websocket.new_connections_per_s", per_s, || {
                format!(
                    "new connections per second ({} connections / {} s each)",
                    fmt(avg),
                    fmt(duration)
                )
            });
        }
    }
}
