//! Limit checks: each architecture's capacity plan against the services' hard limits and quotas,
//! driven by the sourced table `limits/limits.csv` (value, unit, kind, source, remedy) and
//! `[quotas]` overrides. One module per service under `limits/`, as `services/` is split; this
//! file runs them in order; `checker` holds the finding type and checker they share, and the
//! tables are in the `limit_tables` leaf.
mod alb;
mod apigw;
mod checker;
mod dynamodb;
pub mod ec2;
mod fargate;
mod lambda;
pub mod rds;

use crate::capacity::plan::ArchPlan;
use crate::scenario::{Architecture, Scenario, Service};

// The tables live in a leaf capacity planning reads too; named here for existing callers.
pub use crate::limit_tables::{quota_ids, row, table, LimitRow, Limits};

pub use checker::{check_remedy, Finding, FindingText, Remedy, Status};
pub(crate) use checker::{fmt, hour, Checker, Measure, Source};

/// Check one architecture's capacity plan. Findings are ordered by tier, then by check. `lean`
/// keeps only exceeded limits, without message text (for feasibility in sweeps).
pub fn check(s: &Scenario, arch: &Architecture, plan: &ArchPlan, lean: bool) -> Vec<Finding> {
    let mut c = Checker::new(&s.quotas, lean);
    let w = &s.workload;
    for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
        let (Some(svc), Some(tp)) = (svc, plan.tier(tier)) else {
            continue;
        };
        match svc {
            Service::ApiGateway(g) => apigw::check(&mut c, tier, g, w, plan),
            Service::Lambda(l) => lambda::check(&mut c, tier, l, w, plan, tp),
            Service::Fargate(f) => fargate::check(&mut c, tier, f, plan, tp),
            Service::Ec2(e) => ec2::check(&mut c, tier, e, plan, tp),
            Service::Alb(_) => alb::check(&mut c, tier, w, tp),
            Service::Dynamodb(d) => dynamodb::check(&mut c, tier, d, w, tp),
            Service::Rds(r) => rds::check(&mut c, tier, r, plan),
        }
    }
    c.into_findings()
}
