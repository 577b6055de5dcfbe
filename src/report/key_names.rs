//! Human names for scenario keys, in English and Japanese (message ids `key.name.*` and
//! `key.path.*`), for every place a dot path is shown to people: sensitivity rows, sweep and
//! break-even tables and chart axes, the live page's controls. Machine outputs (JSON, CSV
//! headers) keep the dot path.
use super::i18n::Lang;
use crate::messages;

/// Every key with a human name (ids listed literally so a search finds each use).
const NAMED: [&str; 70] = [
    "key.name.requests_per_month",
    "key.name.requests_per_second",
    "key.name.profile",
    "key.name.peak_to_average",
    "key.name.duration_ms",
    "key.name.request_kb",
    "key.name.response_kb",
    "key.name.db_reads_per_request",
    "key.name.db_writes_per_request",
    "key.name.item_kb",
    "key.name.storage_gb",
    "key.name.log_kb_per_request",
    "key.name.log_retention_months",
    "key.name.log_stored_ratio",
    "key.name.hours_per_month",
    "key.name.free_tier",
    "key.name.currency",
    "key.name.usd_jpy",
    "key.name.azs",
    "key.name.egress",
    "key.name.nat_per_az",
    "key.name.image_mb",
    "key.name.memory_mb",
    "key.name.arch",
    "key.name.provisioned_concurrency",
    "key.name.provisioned_hours",
    "key.name.provisioned_requests_share",
    "key.name.ephemeral_storage_mb",
    "key.name.ephemeral_storage_gb",
    "key.name.timeout_s",
    "key.name.nat_gateways",
    "key.name.nat_kb_per_request",
    "key.name.vcpu",
    "key.name.memory_gb",
    "key.name.tasks",
    "key.name.running_hours",
    "key.name.rps_per_task",
    "key.name.min_tasks",
    "key.name.max_tasks",
    "key.name.spot_share",
    "key.name.instance",
    "key.name.count",
    "key.name.rps_per_instance",
    "key.name.min",
    "key.name.max",
    "key.name.ebs_gb",
    "key.name.multi_az",
    "key.name.capacity",
    "key.name.target_utilization",
    "key.name.rcu",
    "key.name.wcu",
    "key.name.api",
    "key.name.private_endpoint_azs",
    "key.name.cache_gb",
    "key.name.connection_minutes_per_month",
    "key.name.average_connections",
    "key.name.connection_duration_s",
    "key.name.waf_rules",
    "key.name.throttle_rps",
    "key.name.access_log_kb",
    "key.name.rules",
    "key.name.requests_per_connection",
    "key.name.ecr_gb",
    "key.name.eks_clusters",
    "key.name.data_transfer_out_gb",
    "key.name.purchase",
    "key.name.term_years",
    "key.name.payment",
    "key.name.discount_pct",
    "key.name.commitment_usd_per_hour",
];

/// The human name of a key's last part (`memory_mb`), None when it has none.
pub fn name(lang: Lang, key: &str) -> Option<&'static str> {
    let id = NAMED
        .iter()
        .find(|id| id.strip_prefix("key.name.") == Some(key))?;
    messages::text(lang, id).or_else(|| messages::text(Lang::En, id))
}

/// The human name of a control for `key` (the last part of a dot path); the key itself when it
/// has none.
pub fn control(lang: Lang, key: &str) -> String {
    name(lang, key).map_or_else(|| key.to_string(), str::to_string)
}

/// The human name of a dot path: `workload.requests_per_month` → "Requests per month",
/// `architecture.serverless.app.memory_mb` → "serverless app: Memory (MB)"; the path itself
/// when its last part has no name.
pub fn label(lang: Lang, path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["workload" | "assumptions", k] => name(lang, k).map(str::to_string),
        ["architecture", arch, tier, k] => name(lang, k)
            .map(|n| messages::render(lang, "key.path.in_tier", &[arch, &lang.tier(tier), n])),
        _ => None,
    }
    .unwrap_or_else(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_get_human_names_in_both_languages() {
        assert_eq!(
            label(Lang::En, "workload.requests_per_month"),
            "Requests per month"
        );
        assert_eq!(
            label(Lang::Ja, "workload.requests_per_month"),
            "月間リクエスト数"
        );
        assert_eq!(
            label(Lang::En, "architecture.serverless.app.memory_mb"),
            "serverless app: Memory (MB)"
        );
        assert_eq!(
            label(Lang::Ja, "architecture.serverless.app.memory_mb"),
            "serverless アプリ層: メモリ（MB）"
        );
        assert_eq!(
            label(Lang::Ja, "assumptions.usd_jpy"),
            "為替レート（円／ドル）"
        );
        // Unknown keys and odd paths are shown as written.
        assert_eq!(label(Lang::Ja, "workload.nope"), "workload.nope");
        assert_eq!(label(Lang::En, "a.b.c.d.e"), "a.b.c.d.e");
    }

    #[test]
    fn every_named_id_is_in_both_tables() {
        for id in NAMED {
            assert!(messages::text(Lang::En, id).is_some(), "{id}");
            assert!(messages::text(Lang::Ja, id).is_some(), "{id}");
        }
    }
}
