//! What a real bill for the scenario's architectures may contain that the estimate leaves out,
//! specific to the services each architecture uses: a list of `{ id, description }` in every JSON
//! report and a short section in every human output, so a reviewer sees the boundary instead of
//! guessing it (docs/reference/logs-and-network.md). Texts are keyed by id, in English and
//! Japanese.
use crate::pricing::Catalog;
use crate::scenario::{Architecture, Endpoint, Scenario, Scheme, Service};
use serde::Serialize;

/// One thing the estimate leaves out, and the architectures it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: String,
    pub description: String,
    pub architectures: Vec<String>,
    /// The region code(s) the text names, for the translation.
    #[serde(skip)]
    pub regions: String,
}

/// id -> (English, Japanese). `{region}` is replaced by the region code.
const TEXTS: &[(&str, &str, &str)] = &[
    (
        "data_transfer.cross_az.unpriced",
        "App <-> database traffic between AZs: no sourced price for {region} in the bundled catalog, so it is not priced (the catalog has one for us-east-1 and ap-northeast-1)",
        "AZ をまたぐアプリとデータベースの通信: 同梱の価格表に {region} の出典付きの価格がないため計上していません（us-east-1 と ap-northeast-1 にはあります）",
    ),
    (
        "cross_az.between_tiers",
        "Traffic between AZs other than app <-> database (e.g. web servers to app servers in another AZ); ALB to its targets is free",
        "アプリとデータベース以外の AZ 間通信（別 AZ の Web サーバーからアプリサーバーへ など）。ALB からターゲットへの通信は無料です",
    ),
    (
        "route53",
        "Route 53 hosted zone and DNS queries for the public endpoint",
        "公開エンドポイントの Route 53 ホストゾーンと DNS クエリ",
    ),
    (
        "waf.managed_rules",
        "AWS WAF managed rule groups, Bot Control, and Shield Advanced",
        "AWS WAF のマネージドルールグループ、Bot Control、Shield Advanced",
    ),
    (
        "cloudwatch.metrics",
        "CloudWatch custom metrics, alarms and dashboards beyond the free allowance",
        "無料枠を超える CloudWatch のカスタムメトリクス、アラーム、ダッシュボード",
    ),
    (
        "cloudwatch.logs_extras",
        "CloudWatch Logs Insights queries, vended logs (VPC Flow Logs, ALB access logs) and the always-free 5 GB of logs",
        "CloudWatch Logs Insights のクエリ、Vended Logs（VPC フローログ、ALB アクセスログ）、常時無料の 5 GB のログ",
    ),
    (
        "xray",
        "AWS X-Ray traces",
        "AWS X-Ray のトレース",
    ),
    (
        "backups",
        "Backups beyond the free allowance: RDS snapshots and backup storage above the database size, DynamoDB point-in-time recovery and on-demand backups, EBS snapshots",
        "無料枠を超えるバックアップ: データベースのサイズを超える RDS のスナップショットとバックアップストレージ、DynamoDB のポイントインタイムリカバリとオンデマンドバックアップ、EBS スナップショット",
    ),
    (
        "secrets_manager",
        "Secrets Manager secrets for database credentials",
        "データベースの認証情報を置く Secrets Manager のシークレット",
    ),
    (
        "kms",
        "KMS customer managed keys and their requests (encryption at rest)",
        "KMS のカスタマーマネージドキーとそのリクエスト（保存時の暗号化）",
    ),
    (
        "ecr",
        "ECR image storage (set extras.ecr_gb) and enhanced image scanning",
        "ECR のイメージストレージ（extras.ecr_gb で指定）と拡張スキャン",
    ),
    (
        "support",
        "AWS Support plan (Business and above: a share of the monthly bill)",
        "AWS サポートプラン（ビジネス以上は月額利用料の一定割合）",
    ),
];

/// The Japanese (or English) text of an item id, with `{region}` filled in; None for an id
/// this table does not know.
pub fn text(id: &str, japanese: bool, region: &str) -> Option<String> {
    TEXTS
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, en, ja)| if japanese { ja } else { en }.replace("{region}", region))
}

/// The item's text in Japanese (`japanese`) or English.
pub fn describe(item: &Item, japanese: bool) -> String {
    text(&item.id, japanese, &item.regions).unwrap_or_else(|| item.description.clone())
}

fn public_entry(arch: &Architecture) -> bool {
    match &arch.web {
        Some(Service::ApiGateway(g)) => g.endpoint != Endpoint::Private,
        Some(Service::Alb(a)) => a.scheme == Scheme::InternetFacing,
        Some(Service::Ec2(e)) => e.load_balancer.is_some() || e.has_public_ip("web"),
        _ => false,
    }
}

fn services(arch: &Architecture) -> impl Iterator<Item = &Service> {
    [&arch.web, &arch.app, &arch.db].into_iter().flatten()
}

/// The ids that apply to one architecture, in a fixed order.
fn ids(s: &Scenario, arch: &Architecture, catalog: &Catalog) -> Vec<(&'static str, String)> {
    let region = arch.region.as_deref().unwrap_or(&s.region).to_string();
    let has = |f: &dyn Fn(&Service) -> bool| services(arch).any(f);
    let mut out = Vec::new();
    if crate::services::network::cross_az_applies(arch, &s.workload)
        && catalog.tiers("data_transfer.cross_az", &region).is_err()
    {
        out.push(("data_transfer.cross_az.unpriced", region.clone()));
    }
    let web_fleet = matches!(&arch.web, Some(Service::Ec2(_)));
    let app_fleet = matches!(&arch.app, Some(Service::Ec2(_)) | Some(Service::Fargate(_)));
    if arch.azs() > rust_decimal::Decimal::ONE && web_fleet && app_fleet {
        out.push(("cross_az.between_tiers", region.clone()));
    }
    if public_entry(arch) {
        out.push(("route53", region.clone()));
        out.push(("waf.managed_rules", region.clone()));
    }
    out.push(("cloudwatch.metrics", region.clone()));
    if has(&|s| match s {
        Service::Lambda(l) => l.logs,
        Service::Fargate(f) => f.logs,
        Service::Ec2(e) => e.logs,
        Service::ApiGateway(g) => g.access_logs,
        _ => false,
    }) {
        out.push(("cloudwatch.logs_extras", region.clone()));
    }
    if has(&|s| matches!(s, Service::Lambda(_) | Service::ApiGateway(_))) {
        out.push(("xray", region.clone()));
    }
    if arch.db.is_some() {
        out.push(("backups", region.clone()));
        out.push(("kms", region.clone()));
    }
    if matches!(&arch.db, Some(Service::Rds(_)) | Some(Service::Ec2(_))) {
        out.push(("secrets_manager", region.clone()));
    }
    if has(&|s| matches!(s, Service::Fargate(_))) && arch.extras.ecr_gb.is_zero() {
        out.push(("ecr", region.clone()));
    }
    out.push(("support", region));
    out
}

/// Every item that applies to at least one architecture, with the architectures it concerns,
/// in the order of `TEXTS` (the most bill-relevant first).
pub fn for_scenario(s: &Scenario, catalog: &Catalog) -> Vec<Item> {
    let per_arch: Vec<(&str, Vec<(&'static str, String)>)> = s
        .architectures
        .iter()
        .map(|a| (a.name.as_str(), ids(s, a, catalog)))
        .collect();
    let mut out = Vec::new();
    for (id, _, _) in TEXTS {
        let mut archs = Vec::new();
        let mut regions: Vec<String> = Vec::new();
        for (name, ids) in &per_arch {
            for (i, region) in ids {
                if i == id {
                    archs.push(name.to_string());
                    if !regions.contains(region) {
                        regions.push(region.clone());
                    }
                }
            }
        }
        if archs.is_empty() {
            continue;
        }
        let regions = regions.join(", ");
        out.push(Item {
            id: id.to_string(),
            description: text(id, false, &regions).unwrap_or_default(),
            architectures: archs,
            regions,
        });
    }
    out
}
