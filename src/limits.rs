//! Limit checks: each architecture's tiers against the services' hard limits and quotas.
use crate::scenario::{Architecture, Scenario};
use crate::services::Ctx;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warning,
    Exceeded,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub tier: String,
    pub id: String,
    pub status: Status,
    pub value: String,
    pub limit: String,
    pub unit: String,
    pub kind: String,
    pub message: String,
    pub remedy: String,
    pub source: String,
}

pub fn check(_s: &Scenario, _arch: &Architecture, _ctx: &Ctx) -> Vec<Finding> {
    Vec::new()
}
