//! What an architecture's `network` table means once defaults apply: its AZs, the tiers in
//! private subnets, the egress path in force, the NAT gateway count and the VPC endpoints
//! (docs/reference/logs-and-network.md).
use super::network::{Egress, DEFAULT_AZS};
use super::types::{Architecture, Network, Service};
use rust_decimal::Decimal;

impl Architecture {
    /// The `network` table, or its defaults.
    pub fn net(&self) -> Network {
        self.network.clone().unwrap_or_default()
    }

    /// AZs the compute spans (`network.azs`, default 2).
    pub fn azs(&self) -> Decimal {
        self.network
            .as_ref()
            .and_then(|n| n.azs)
            .unwrap_or(DEFAULT_AZS)
    }

    /// The tiers whose compute sits in private subnets: Fargate, EC2 without a public IPv4
    /// address, Lambda with `vpc = true`.
    pub fn private_tiers(&self) -> Vec<(&'static str, &Service)> {
        let mut out = Vec::new();
        for (tier, svc) in [("web", &self.web), ("app", &self.app), ("db", &self.db)] {
            let private = match svc {
                Some(Service::Fargate(_)) => true,
                Some(Service::Ec2(e)) => !e.has_public_ip(tier),
                Some(Service::Lambda(l)) => l.vpc,
                _ => false,
            };
            if let (true, Some(svc)) = (private, svc) {
                out.push((tier, svc));
            }
        }
        out
    }

    /// The egress path in force: the one written, else `nat` when any compute is private (or
    /// `extras.nat_gateways` is set), else `none`.
    pub fn egress(&self) -> Egress {
        match self.network.as_ref().and_then(|n| n.egress) {
            Some(e) => e,
            // `extras.nat_gateways` (older scenarios) says there is a NAT path.
            None if self.extras.nat_gateways > Decimal::ZERO => Egress::Nat,
            None if self.private_tiers().is_empty() => Egress::None,
            None => Egress::Nat,
        }
    }

    /// Whether the egress path was assumed (no `network.egress` written).
    pub fn egress_assumed(&self) -> bool {
        self.network.as_ref().and_then(|n| n.egress).is_none()
    }

    /// NAT gateways on the NAT path: `extras.nat_gateways` when set (older scenarios), else a
    /// VPC Lambda's `nat_gateways` when it is the only private compute, else one per AZ with
    /// `nat_per_az`, else one.
    pub fn nat_gateways(&self) -> Decimal {
        if self.egress() != Egress::Nat {
            return Decimal::ZERO;
        }
        if self.extras.nat_gateways > Decimal::ZERO {
            return self.extras.nat_gateways;
        }
        let net = self.net();
        if net.nat_per_az {
            return self.azs();
        }
        let lambda_nats = self
            .private_tiers()
            .iter()
            .filter_map(|(_, s)| match s {
                Service::Lambda(l) => Some(l.nat_gateways),
                _ => None,
            })
            .max();
        lambda_nats.unwrap_or(Decimal::ONE).max(Decimal::ONE)
    }

    /// An ALB without its own `azs` spans the architecture's `network.azs` (at least 2).
    pub fn inherit_azs(&mut self) {
        let Some(azs) = self.network.as_ref().and_then(|n| n.azs) else {
            return;
        };
        for svc in [&mut self.web, &mut self.app].into_iter().flatten() {
            if let Service::Alb(a) = svc {
                if a.azs.is_none() {
                    a.azs = Some(azs.max(DEFAULT_AZS));
                }
            }
        }
    }

    /// Whether VPC endpoint `name` is listed.
    pub fn has_endpoint(&self, name: &str) -> bool {
        self.network
            .as_ref()
            .is_some_and(|n| n.vpc_endpoints.iter().any(|e| e == name))
    }
}
