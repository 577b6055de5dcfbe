//! RDS limits: the default `max_connections` (from the instance class memory) vs one connection
//! per request in flight at the busiest second.
use super::{fmt, table, Checker, Measure, Remedy, Source};
use crate::capacity::plan::ArchPlan;
use crate::scenario::{Engine, Rds};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The default `max_connections` of a class and engine, and what it is computed from.
pub struct MaxConnections {
    pub connections: Decimal,
    /// The limits.csv row of the formula.
    pub id: &'static str,
    pub memory_gib: Decimal,
    pub memory_source: &'static str,
}

/// The default `max_connections` of `r` (the engine's formula in limits/limits.csv over the
/// class memory in limits/rds-instance-memory.csv); None where either is not sourced.
pub fn default_max_connections(r: &Rds) -> Option<MaxConnections> {
    let limits = table();
    let (gib, mem_source) = limits.rds_memory_gib.get(r.instance.as_str())?;
    let bytes = *gib * dec!(1073741824);
    let (id, max) = match r.engine {
        Engine::Mysql => {
            let id = "rds.max_connections.mysql.divisor_bytes";
            (id, (bytes / limits.rows.get(id)?.value).floor())
        }
        Engine::Postgresql => {
            let id = "rds.max_connections.postgresql.divisor_bytes";
            let div = limits.rows.get(id)?;
            let cap = limits.rows.get("rds.max_connections.postgresql.cap")?;
            (id, (bytes / div.value).floor().min(cap.value))
        }
        // No sourced default max_connections formula for these engines in limits/.
        Engine::Mariadb | Engine::AuroraMysql | Engine::AuroraPostgresql => return None,
    };
    Some(MaxConnections {
        connections: max,
        id,
        memory_gib: *gib,
        memory_source: mem_source,
    })
}

/// Connections the busiest second holds open: one per request in flight, rounded up.
pub fn connections_needed(in_flight: Decimal) -> Decimal {
    in_flight.ceil()
}

pub(super) fn check(c: &mut Checker, tier: &str, r: &Rds, plan: &ArchPlan) {
    let Some(m) = default_max_connections(r) else {
        return;
    };
    let Some(row) = table().rows.get(m.id) else {
        return;
    };
    let needed = connections_needed(plan.in_flight);
    let source = crate::msg!("source.row_memory", row.source, m.memory_source);
    c.push(
        Measure {
            tier,
            id: "rds.max_connections",
            value: needed,
            limit: m.connections,
            unit: "connections",
            kind: "quota",
            remedy: Remedy::Check("remedy.check.rds.max_connections"),
            source: Source::Said(source),
        },
        || {
            crate::msg!(
                "finding.rds.connections_needed_peak_one_request_flight",
                fmt(needed),
                r.instance,
                fmt(m.memory_gib)
            )
        },
    );
}
