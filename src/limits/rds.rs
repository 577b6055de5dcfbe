//! RDS limits: the default `max_connections` (from the instance class memory) vs one connection
//! per request in flight at the busiest second.
use super::{fmt, table, Checker, Measure, Remedy};
use crate::capacity::plan::ArchPlan;
use crate::scenario::{Engine, Rds};
use rust_decimal_macros::dec;

pub(super) fn check(c: &mut Checker, tier: &str, r: &Rds, plan: &ArchPlan) {
    let limits = table();
    let Some((gib, mem_source)) = limits.rds_memory_gib.get(&r.instance) else {
        return;
    };
    let bytes = *gib * dec!(1073741824);
    let (id, max) = match r.engine {
        Engine::Mysql => {
            let Some(div) = limits.rows.get("rds.max_connections.mysql.divisor_bytes") else {
                return;
            };
            (
                "rds.max_connections.mysql.divisor_bytes",
                (bytes / div.value).floor(),
            )
        }
        Engine::Postgresql => {
            let (Some(div), Some(cap)) = (
                limits
                    .rows
                    .get("rds.max_connections.postgresql.divisor_bytes"),
                limits.rows.get("rds.max_connections.postgresql.cap"),
            ) else {
                return;
            };
            (
                "rds.max_connections.postgresql.divisor_bytes",
                (bytes / div.value).floor().min(cap.value),
            )
        }
        // No sourced default max_connections formula for these engines in limits/.
        Engine::Mariadb | Engine::AuroraMysql | Engine::AuroraPostgresql => return,
    };
    let Some(row) = limits.rows.get(id) else {
        return;
    };
    let needed = plan.in_flight.ceil();
    let source = format!("{}; memory: {mem_source}", row.source);
    c.push(
        Measure {
            tier,
            id: "rds.max_connections",
            value: needed,
            limit: max,
            unit: "connections",
            kind: "quota",
            remedy: Remedy::Check("remedy.check.rds.max_connections"),
            source: &source,
        },
        || format!("connections needed at the peak (one per request in flight: {}) vs the default max_connections of {} ({} GiB, approximate)", fmt(needed), r.instance, fmt(*gib)),
    );
}
