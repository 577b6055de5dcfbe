//! Architecture-level lines (tier `network`): data transfer out to the internet, the egress
//! path of private compute (NAT gateways with their public IPv4 addresses and data processed, or
//! a public IPv4 address per task/instance), interface VPC endpoints, and traffic between
//! Availability Zones; plus the `extras` (ECR storage, EKS clusters).
//! Model and sources: docs/reference/logs-and-network.md.
use super::{logs, Ctx, Line, KB_PER_GB};
use crate::capacity::plan::ArchPlan;
use crate::error::Result;
use crate::msg;
use crate::scenario::{Architecture, Egress, Endpoint, Extras, Scheme, Service};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// GB sent to the internet per month: responses (unless the entry is a private API or an
/// internal ALB, whose clients are inside the network) + extras.
pub fn data_out_gb(arch: &Architecture, ctx: &Ctx) -> Decimal {
    let private = match &arch.web {
        Some(Service::ApiGateway(g)) => g.endpoint == Endpoint::Private,
        Some(Service::Alb(a)) => a.scheme == Scheme::Internal,
        _ => false,
    };
    let responses = if private {
        Decimal::ZERO
    } else {
        ctx.load.monthly_requests * ctx.workload.response_kb / KB_PER_GB
    };
    responses + arch.extras.data_transfer_out_gb
}

/// What private compute sends to AWS APIs and the internet per month (binary GB), split by
/// where it goes: the egress path (NAT or public IPv4), an interface endpoint, or nowhere paid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traffic {
    /// GB through the egress path.
    pub egress_gb: Decimal,
    /// GB through interface VPC endpoints (billed as endpoint data processed).
    pub endpoint_gb: Decimal,
    /// Task starts per month (image pulls).
    pub task_starts: Decimal,
}

/// Task starts per month of a fleet: the scale-outs of each day (`starts_per_day` x days) plus
/// the baseline once (one deployment a month).
fn task_starts(plan: &ArchPlan, tier: &str, ctx: &Ctx) -> Decimal {
    match plan.tier(tier).and_then(|t| t.fleet.as_ref()) {
        Some(f) => f.starts_per_day * ctx.load.days + f.baseline_units,
        None => Decimal::ZERO,
    }
}

/// The month's traffic of the architecture's private compute, by path.
pub fn traffic(arch: &Architecture, ctx: &Ctx, plan: &ArchPlan) -> Traffic {
    let mut t = Traffic::default();
    let requests = ctx.load.monthly_requests;
    for (tier, svc) in arch.private_tiers() {
        let own_kb = match svc {
            Service::Lambda(l) => l.nat_kb_per_request,
            Service::Fargate(f) => f.nat_kb_per_request,
            Service::Ec2(e) => e.nat_kb_per_request,
            _ => None,
        };
        t.egress_gb += requests * own_kb.unwrap_or(Decimal::ZERO) / KB_PER_GB;
        // Log shipping from inside the VPC (Lambda's own log delivery never uses the VPC).
        if matches!(svc, Service::Fargate(_) | Service::Ec2(_)) {
            let gb = logs::ingest_gb(svc, ctx);
            if arch.has_endpoint("logs") {
                t.endpoint_gb += gb;
            } else {
                t.egress_gb += gb;
            }
        }
        if let Service::Fargate(f) = svc {
            let starts = task_starts(plan, tier, ctx);
            t.task_starts += starts;
            // ECR keeps image layers in S3: an S3 gateway endpoint (free) takes them off the path.
            if !arch.has_endpoint("s3") {
                t.egress_gb += starts * f.image_mb.unwrap_or(Decimal::ZERO) / dec!(1024);
            }
        }
    }
    // DynamoDB calls from private compute, unless a DynamoDB gateway endpoint (free) serves them.
    if let (Some(Service::Dynamodb(_)), false) = (&arch.db, arch.private_tiers().is_empty()) {
        if !arch.has_endpoint("dynamodb") {
            t.egress_gb += db_gb(ctx);
        }
    }
    t
}

/// GB per month between the app and its database: items read plus items written.
fn db_gb(ctx: &Ctx) -> Decimal {
    let w = ctx.workload;
    ctx.load.monthly_requests * (w.db_reads_per_request + w.db_writes_per_request) * w.item_kb
        / KB_PER_GB
}

/// Interface endpoints listed, counted as AWS bills them (ECR needs two: ecr.api and ecr.dkr).
pub fn interface_endpoints(arch: &Architecture) -> Decimal {
    let Some(net) = &arch.network else {
        return Decimal::ZERO;
    };
    net.vpc_endpoints
        .iter()
        .map(|e| match e.as_str() {
            "ecr" => dec!(2),
            e if crate::scenario::INTERFACE_ENDPOINTS.contains(&e) => Decimal::ONE,
            _ => Decimal::ZERO,
        })
        .sum()
}

/// Every `network` line: data transfer out, the egress path, endpoints, traffic between AZs.
pub fn network_lines(arch: &Architecture, ctx: &Ctx, plan: &ArchPlan) -> Result<Vec<Line>> {
    let mut out = ctx.priced_after_free(
        "data_transfer.out",
        "data_transfer.out",
        Some("data_transfer.out.free_tier"),
        msg!("line.network.data_transfer_out_internet"),
        data_out_gb(arch, ctx),
    )?;
    let traffic = traffic(arch, ctx, plan);
    let hours = ctx.hours_per_month;
    match arch.egress() {
        Egress::Nat => {
            let nats = arch.nat_gateways();
            let how = match (arch.net().nat_per_az, arch.egress_assumed()) {
                (true, true) => "line.network.nat_per_az_assumed",
                (true, false) => "line.network.nat_per_az",
                (false, true) => "line.network.nat_shared_assumed",
                (false, false) => "line.network.nat_shared",
            };
            out.extend(ctx.priced("nat.hours", "nat.hours", msg!(how, nats), nats * hours)?);
            out.extend(ctx.priced(
                "nat.public_ipv4",
                "vpc.public_ipv4",
                msg!("line.network.nat_public_ipv4", nats),
                nats * hours,
            )?);
            out.extend(ctx.priced(
                "nat.data",
                "nat.data",
                msg!("line.network.nat_data"),
                traffic.egress_gb,
            )?);
        }
        Egress::PublicIp => {
            let mut unit_hours = Decimal::ZERO;
            for (tier, svc) in arch.private_tiers() {
                if matches!(svc, Service::Fargate(_) | Service::Ec2(_)) {
                    if let Some(f) = plan.tier(tier).and_then(|t| t.fleet.as_ref()) {
                        unit_hours += f.unit_hours;
                    }
                }
            }
            out.extend(ctx.priced(
                "vpc.public_ipv4",
                "vpc.public_ipv4",
                msg!("line.network.public_ipv4_per_task"),
                unit_hours,
            )?);
        }
        Egress::None => {}
    }
    let endpoints = interface_endpoints(arch);
    if endpoints > Decimal::ZERO {
        let azs = arch.azs();
        out.extend(ctx.priced(
            "vpc_endpoint.hours",
            "vpce.hours",
            msg!("line.network.interface_endpoints", endpoints, azs),
            endpoints * azs * hours,
        )?);
        out.extend(ctx.priced(
            "vpc_endpoint.data",
            "vpce.data",
            msg!("line.network.interface_endpoint_data"),
            traffic.endpoint_gb,
        )?);
    }
    if let Some(gb) = cross_az_gb(arch, ctx) {
        if ctx
            .catalog
            .tiers("data_transfer.cross_az", ctx.region)
            .is_ok()
        {
            out.extend(ctx.priced(
                "data_transfer.cross_az",
                "data_transfer.cross_az",
                msg!(
                    "line.network.cross_az",
                    arch.azs() - Decimal::ONE,
                    arch.azs()
                ),
                gb,
            )?);
        }
    }
    Ok(out)
}

/// GB billed per month for app <-> database traffic between AZs (both directions), when the
/// database has one primary in one AZ (RDS, a database on EC2) and the app runs in the VPC
/// across `azs` AZs: `(azs - 1) / azs` of the items read and written cross, each GB billed out
/// of one AZ and into the other. None when nothing crosses.
pub fn cross_az_gb(arch: &Architecture, ctx: &Ctx) -> Option<Decimal> {
    if !cross_az_applies(arch, ctx.workload) {
        return None;
    }
    let azs = arch.azs();
    let gb = db_gb(ctx) * (azs - Decimal::ONE) / azs * dec!(2);
    (gb > Decimal::ZERO).then_some(gb)
}

/// Whether app <-> database traffic crosses AZs: more than one AZ, a database with one primary
/// in one AZ (RDS, a database on EC2), an app tier in the VPC, and database reads or writes.
pub fn cross_az_applies(arch: &Architecture, w: &crate::scenario::Workload) -> bool {
    let db_in_one_az = matches!(&arch.db, Some(Service::Rds(_)) | Some(Service::Ec2(_)));
    let app_in_vpc = match &arch.app {
        Some(Service::Fargate(_)) | Some(Service::Ec2(_)) => true,
        Some(Service::Lambda(l)) => l.vpc,
        _ => false,
    };
    arch.azs() > Decimal::ONE
        && db_in_one_az
        && app_in_vpc
        && w.db_reads_per_request + w.db_writes_per_request > Decimal::ZERO
}

pub fn extras_lines(extras: &Extras, ctx: &Ctx) -> Result<Vec<Line>> {
    let mut out = Vec::new();
    if extras.ecr_gb > Decimal::ZERO {
        out.extend(ctx.priced(
            "ecr.storage",
            "ecr.storage",
            msg!("line.network.ecr_image_storage"),
            extras.ecr_gb,
        )?);
    }
    if extras.eks_clusters > Decimal::ZERO {
        out.extend(ctx.priced(
            "eks.cluster",
            "eks.cluster",
            msg!("line.network.eks_clusters", extras.eks_clusters),
            extras.eks_clusters * ctx.hours_per_month,
        )?);
    }
    Ok(out)
}
