//! Checks on the whole-bill keys: CloudWatch Logs sizes and retention, the per-tier log
//! switches, and each architecture's `network` table (AZs, egress path, VPC endpoints).
use super::check::Check;
use super::types::*;
use crate::error::Result;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// One request writing more than 1 MB of logs is not a plausible workload (a PutLogEvents
/// batch is at most 1 MB): almost surely a unit slip.
const MAX_LOG_KB: Decimal = dec!(1024);

pub(super) fn check_logs(c: &Check, s: &Scenario) -> Result<()> {
    let w = &s.workload;
    c.non_negative(
        "workload.log_kb_per_request",
        w.log_kb_per_request,
        MAX_LOG_KB,
    )?;
    // CloudWatch Logs retention runs from 1 day to 10 years.
    c.range(
        "workload.log_retention_months",
        w.log_retention_months,
        dec!(0.03),
        dec!(120),
        "months (1 day to 10 years, CloudWatch Logs retention)",
    )?;
    c.range(
        "assumptions.log_stored_ratio",
        s.assumptions.log_stored_ratio,
        dec!(0.01),
        dec!(1),
        "(stored bytes / ingested bytes)",
    )?;
    for (i, arch) in s.architectures.iter().enumerate() {
        let base = format!("architecture[{i}] ({})", arch.name);
        for (tier, svc) in [("web", &arch.web), ("app", &arch.app), ("db", &arch.db)] {
            let p = |k: &str| format!("{base}.{tier}.{k}");
            match svc {
                Some(Service::ApiGateway(g)) => match (g.access_logs, g.access_log_kb) {
                    (true, None) => {
                        return Err(c.fail(
                            &p("access_logs"),
                            crate::said!("error.svc.net.access_logs_size"),
                            crate::said!("error.svc.net.access_logs_size_hint"),
                        ))
                    }
                    (_, Some(kb)) => {
                        if kb <= Decimal::ZERO {
                            return Err(c.fail(
                                &p("access_log_kb"),
                                crate::said!("error.svc.net.not_log_size", kb),
                                crate::said!("error.svc.net.not_log_size_hint"),
                            ));
                        }
                        c.non_negative(&p("access_log_kb"), kb, MAX_LOG_KB)?;
                    }
                    _ => {}
                },
                Some(Service::Fargate(f)) => {
                    if let Some(mb) = f.image_mb {
                        c.non_negative(&p("image_mb"), mb, dec!(102400))?;
                    }
                    if let Some(kb) = f.nat_kb_per_request {
                        c.non_negative(&p("nat_kb_per_request"), kb, dec!(10_485_760))?;
                    }
                }
                Some(Service::Ec2(e)) => {
                    if let Some(kb) = e.nat_kb_per_request {
                        c.non_negative(&p("nat_kb_per_request"), kb, dec!(10_485_760))?;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

pub(super) fn check_arch(c: &Check, base: &str, arch: &Architecture) -> Result<()> {
    let Some(net) = &arch.network else {
        return Ok(());
    };
    let p = |k: &str| format!("{base}.network.{k}");
    if let Some(azs) = net.azs {
        c.range(&p("azs"), azs, Decimal::ONE, dec!(6), "Availability Zones")?;
        c.whole(&p("azs"), azs)?;
    }
    let private = arch.private_tiers();
    if let Some(egress) = net.egress {
        if egress != Egress::None && private.is_empty() {
            return Err(c.fail(
                &p("egress"),
                crate::said!("error.svc.net.egress_unused", egress.key()),
                crate::said!("error.svc.net.egress_unused_hint"),
            ));
        }
        if egress == Egress::PublicIp {
            if let Some((tier, _)) = private
                .iter()
                .find(|(_, s)| matches!(s, Service::Lambda(_)))
            {
                return Err(c.fail(
                    &p("egress"),
                    crate::said!("error.svc.net.lambda_public_ip", *tier),
                    crate::said!("error.svc.net.lambda_public_ip_hint"),
                ));
            }
        }
    }
    if net.nat_per_az && arch.egress() != Egress::Nat {
        return Err(c.fail(
            &p("nat_per_az"),
            crate::said!("error.svc.net.nat_per_az_no_nat", arch.egress().key()),
            crate::said!("error.svc.net.nat_per_az_no_nat_hint"),
        ));
    }
    if net.nat_per_az && arch.extras.nat_gateways > Decimal::ZERO {
        return Err(c.fail(
            &p("nat_per_az"),
            crate::said!("error.svc.net.nat_per_az_twice"),
            crate::said!("error.svc.net.nat_per_az_twice_hint"),
        ));
    }
    let known: Vec<&str> = INTERFACE_ENDPOINTS
        .iter()
        .chain(GATEWAY_ENDPOINTS.iter())
        .copied()
        .collect();
    for (i, name) in net.vpc_endpoints.iter().enumerate() {
        if !known.contains(&name.as_str()) {
            let hint = match super::closest(name, &known) {
                Some(b) => crate::said!("error.svc.net.endpoint_did_you_mean", b, known.join(", ")),
                None => crate::said!("error.svc.net.known_endpoints", known.join(", ")),
            };
            return Err(c.fail(
                &format!("{}[{i}]", p("vpc_endpoints")),
                crate::said!("error.svc.net.unknown_endpoint", name),
                hint,
            ));
        }
        if net.vpc_endpoints[..i].contains(name) {
            return Err(c.fail(
                &format!("{}[{i}]", p("vpc_endpoints")),
                crate::said!("error.svc.net.endpoint_twice", name),
                crate::said!("error.svc.net.endpoint_twice_hint"),
            ));
        }
    }
    Ok(())
}
