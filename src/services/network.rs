//! Architecture-level lines: data transfer out to the internet (tier `network`) and the
//! `extras` (NAT gateways, ECR storage, EKS clusters).
use super::{Ctx, Line, KB_PER_GB};
use crate::error::Result;
use crate::scenario::{Architecture, Endpoint, Extras, Scheme, Service};
use rust_decimal::Decimal;

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

pub fn network_lines(arch: &Architecture, ctx: &Ctx) -> Result<Vec<Line>> {
    ctx.priced_after_free(
        "data_transfer.out",
        "data_transfer.out",
        Some("data_transfer.out.free_tier"),
        "Data transfer out to the internet",
        data_out_gb(arch, ctx),
    )
}

pub fn extras_lines(extras: &Extras, ctx: &Ctx) -> Result<Vec<Line>> {
    let mut out = Vec::new();
    if extras.nat_gateways > Decimal::ZERO {
        out.extend(ctx.priced(
            "nat.hours",
            "nat.hours",
            &format!("NAT gateways ({})", extras.nat_gateways),
            extras.nat_gateways * ctx.hours_per_month,
        )?);
    }
    if extras.ecr_gb > Decimal::ZERO {
        out.extend(ctx.priced(
            "ecr.storage",
            "ecr.storage",
            "ECR image storage",
            extras.ecr_gb,
        )?);
    }
    if extras.eks_clusters > Decimal::ZERO {
        out.extend(ctx.priced(
            "eks.cluster",
            "eks.cluster",
            &format!("EKS clusters ({})", extras.eks_clusters),
            extras.eks_clusters * ctx.hours_per_month,
        )?);
    }
    Ok(out)
}
