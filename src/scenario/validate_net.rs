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
                            "access_logs = true needs the size of one access log line",
                            "add access_log_kb = 0.3 (your log format's line size in KB), or remove access_logs",
                        ))
                    }
                    (_, Some(kb)) => {
                        if kb <= Decimal::ZERO {
                            return Err(c.fail(
                                &p("access_log_kb"),
                                format!("{kb} is not a size; expected more than 0 KB"),
                                "set access_log_kb to one access log line's size, e.g. 0.3",
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
                format!(
                    "egress = \"{}\" but nothing in this architecture runs in private subnets (Fargate, EC2 without a public IP, Lambda with vpc = true)",
                    egress.key()
                ),
                "remove `egress` (or set it to \"none\"), or add the private compute it is for",
            ));
        }
        if egress == Egress::PublicIp {
            if let Some((tier, _)) = private
                .iter()
                .find(|(_, s)| matches!(s, Service::Lambda(_)))
            {
                return Err(c.fail(
                    &p("egress"),
                    format!("the {tier} tier is a Lambda function in a VPC, which cannot have a public IPv4 address"),
                    "use egress = \"nat\", or take the function out of the VPC (vpc = false)",
                ));
            }
        }
    }
    if net.nat_per_az && arch.egress() != Egress::Nat {
        return Err(c.fail(
            &p("nat_per_az"),
            format!(
                "nat_per_az = true but egress = \"{}\" has no NAT gateways",
                arch.egress().key()
            ),
            "remove nat_per_az, or set egress = \"nat\"",
        ));
    }
    if net.nat_per_az && arch.extras.nat_gateways > Decimal::ZERO {
        return Err(c.fail(
            &p("nat_per_az"),
            "nat_per_az and extras.nat_gateways both set the number of NAT gateways",
            "keep one: nat_per_az = true (one per AZ) or extras.nat_gateways = N",
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
                Some(b) => format!(
                    "did you mean \"{b}\"? known endpoints: {}",
                    known.join(", ")
                ),
                None => format!("known endpoints: {}", known.join(", ")),
            };
            return Err(c.fail(
                &format!("{}[{i}]", p("vpc_endpoints")),
                format!("`{name}` is not a VPC endpoint archcost knows"),
                hint,
            ));
        }
        if net.vpc_endpoints[..i].contains(name) {
            return Err(c.fail(
                &format!("{}[{i}]", p("vpc_endpoints")),
                format!("`{name}` is listed twice"),
                "list each endpoint once",
            ));
        }
    }
    Ok(())
}
