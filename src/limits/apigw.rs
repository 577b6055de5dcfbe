//! API Gateway limits: integration timeout (29 s REST, 30 s HTTP), payload sizes, WebSocket
//! messages, frames and connections, the account throttle and the stage throttle.
use super::{fmt, hour, table, Checker, Measure, Remedy, Source, Status};
use crate::capacity::plan::ArchPlan;
use crate::scenario::{ApiGateway, ApiKind, Endpoint, Workload};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub(super) fn check(c: &mut Checker, tier: &str, g: &ApiGateway, w: &Workload, plan: &ArchPlan) {
    let peak = &plan.peak;
    let (id, what) = match (g.api, g.endpoint) {
        (ApiKind::Http, _) => (
            "apigw.http.integration_timeout_s",
            "finding.apigw.http_api_integration_time_request_s",
        ),
        (ApiKind::Websocket, _) => (
            "apigw.websocket.integration_timeout_s",
            "finding.apigw.websocket_api_integration_time_request_s",
        ),
        (ApiKind::Rest, Endpoint::Edge) => (
            "apigw.rest.integration_timeout_s.edge",
            "finding.apigw.edge_optimized_rest_api_integration_time",
        ),
        (ApiKind::Rest, Endpoint::Regional) => (
            "apigw.rest.integration_timeout_s.regional",
            "finding.apigw.regional_rest_api_integration_time_request",
        ),
        (ApiKind::Rest, Endpoint::Private) => (
            "apigw.rest.integration_timeout_s.private",
            "finding.apigw.private_rest_api_integration_time_request",
        ),
    };
    let work_s = plan.app_duration_ms / dec!(1000);
    let needed_s = g.timeout_s.unwrap_or(work_s);
    c.check(tier, id, needed_s, || crate::msg!(what, fmt(needed_s)));
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
                crate::msg!(
                    "finding.apigw.backend_time_s_vs_configured_integration",
                    fmt(work_s)
                )
            },
        );
    }
    let biggest_kb = w.request_kb.max(w.response_kb);
    match g.api {
        ApiKind::Websocket => {
            c.check(tier, "apigw.websocket.message_kb", biggest_kb, || {
                crate::msg!(
                    "finding.apigw.largest_websocket_message_kb",
                    fmt(biggest_kb)
                )
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
                crate::msg!("finding.apigw.largest_request_response_payload_mb", fmt(mb))
            });
        }
    }
    c.check(tier, "apigw.account.throttle_rps", peak.peak_rps, || {
        crate::msg!(
            "finding.apigw.busiest_second_requests_s_vs_account",
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
                crate::msg!(
                    "finding.apigw.busiest_second_requests_s_vs_stage",
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
                    unit: row.unit,
                    kind: "behaviour",
                    remedy: Remedy::Check("remedy.check.apigw.websocket.frame_kb"),
                    source: Source::Written(row.source),
                },
                Status::Warning,
                || {
                    crate::msg!(
                        "finding.apigw.largest_message_kb_sent_as_frames",
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
        || {
            crate::msg!(
                "finding.apigw.how_long_client_stays_connected_s",
                fmt(duration)
            )
        },
    );
    if let Some(avg) = g.average_connections {
        if duration > Decimal::ZERO {
            let per_s = avg / duration;
            c.check(tier, "apigw.websocket.new_connections_per_s", per_s, || {
                crate::msg!(
                    "finding.apigw.new_connections_second_connections_s_each",
                    fmt(avg),
                    fmt(duration)
                )
            });
        }
    }
}
