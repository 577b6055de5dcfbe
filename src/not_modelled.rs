//! What a real bill for the scenario's architectures may contain that the estimate leaves out,
//! specific to the services each architecture uses: a list of `{ id, description }` in every JSON
//! report and a short section in every human output, so a reviewer sees the boundary instead of
//! guessing it (docs/reference/logs-and-network.md). Texts are keyed by id, in English and
//! Japanese.
use crate::lang::Lang;
use crate::pricing::Catalog;
use crate::scenario::{Architecture, Endpoint, Scenario, Scheme, Service};
use serde::Serialize;

/// One thing the estimate leaves out, and the architectures it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Item {
    pub id: String,
    pub description: String,
    pub architectures: Vec<String>,
    /// The region code(s) the text names, for the translation.
    #[serde(skip)]
    pub regions: String,
}

/// item id -> message id (`not_modelled.*` of messages/en.toml and ja.toml). `{region}` in a
/// text is replaced by the region code.
const TEXTS: &[(&str, &str)] = &[
    (
        "data_transfer.cross_az.unpriced",
        "not_modelled.data_transfer_cross_az_unpriced",
    ),
    (
        "cross_az.between_tiers",
        "not_modelled.cross_az_between_tiers",
    ),
    ("route53", "not_modelled.route53"),
    ("waf.managed_rules", "not_modelled.waf_managed_rules"),
    ("cloudwatch.metrics", "not_modelled.cloudwatch_metrics"),
    (
        "cloudwatch.logs_extras",
        "not_modelled.cloudwatch_logs_extras",
    ),
    ("xray", "not_modelled.xray"),
    ("backups", "not_modelled.backups"),
    ("secrets_manager", "not_modelled.secrets_manager"),
    ("kms", "not_modelled.kms"),
    ("ecr", "not_modelled.ecr"),
    ("support", "not_modelled.support"),
];

/// The Japanese (or English) text of an item id, with `{region}` filled in; None for an id
/// this table does not know.
pub fn text(id: &str, japanese: bool, region: &str) -> Option<String> {
    let lang = if japanese { Lang::Ja } else { Lang::En };
    let (_, msg) = TEXTS.iter().find(|(i, _)| *i == id)?;
    Some(crate::messages::text(lang, msg)?.replace("{region}", region))
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
    for (id, _) in TEXTS {
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
