//! DynamoDB limits, read from the table's capacity plan: item size, read and write units at the
//! busiest second per table and per partition (hot key), and provisioned `rcu` / `wcu` settings.
use super::{fmt, Checker, Remedy};
use crate::capacity::plan::TierPlan;
use crate::scenario::{DynamoDb, Workload};

pub(super) fn check(c: &mut Checker, tier: &str, d: &DynamoDb, w: &Workload, tp: &TierPlan) {
    let Some(dp) = &tp.dynamodb else { return };
    c.check(tier, "dynamodb.item_size_kb", w.item_kb, || {
        format!("average item size ({} KB)", fmt(w.item_kb))
    });
    let (reads, writes) = (dp.read_units_per_s, dp.write_units_per_s);
    c.check(tier, "dynamodb.table.read_units_per_s", reads, || {
        format!(
            "read units per second at the busiest second ({})",
            fmt(reads)
        )
    });
    c.check(tier, "dynamodb.table.write_units_per_s", writes, || {
        format!(
            "write units per second at the busiest second ({})",
            fmt(writes)
        )
    });
    c.check(tier, "dynamodb.partition.read_units_per_s", reads, || {
        "read units/s if one partition key took all reads (hot key)".to_string()
    });
    c.check(tier, "dynamodb.partition.write_units_per_s", writes, || {
        "write units/s if one partition key took all writes (hot key)".to_string()
    });
    if let Some(rcu) = d.rcu {
        c.setting(
            tier,
            "dynamodb.rcu",
            reads,
            rcu,
            "RCU",
            Remedy::Check("remedy.check.dynamodb.rcu"),
            "rcu",
            || {
                format!(
                    "read units needed at the peak ({}) vs provisioned rcu",
                    fmt(reads)
                )
            },
        );
    }
    if let Some(wcu) = d.wcu {
        c.setting(
            tier,
            "dynamodb.wcu",
            writes,
            wcu,
            "WCU",
            Remedy::Check("remedy.check.dynamodb.wcu"),
            "wcu",
            || {
                format!(
                    "write units needed at the peak ({}) vs provisioned wcu",
                    fmt(writes)
                )
            },
        );
    }
}
