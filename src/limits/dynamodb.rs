//! DynamoDB limits, read from the table's capacity plan: item size, read and write units at the
//! busiest second per table and per partition (hot key), and provisioned `rcu` / `wcu` settings.
use super::{fmt, Checker, Remedy};
use crate::capacity::plan::TierPlan;
use crate::scenario::{DynamoDb, Workload};

pub(super) fn check(c: &mut Checker, tier: &str, d: &DynamoDb, w: &Workload, tp: &TierPlan) {
    let Some(dp) = &tp.dynamodb else { return };
    c.check(tier, "dynamodb.item_size_kb", w.item_kb, || {
        crate::msg!("finding.dynamodb.average_item_size_kb", fmt(w.item_kb))
    });
    let (reads, writes) = (dp.read_units_per_s, dp.write_units_per_s);
    c.check(tier, "dynamodb.table.read_units_per_s", reads, || {
        crate::msg!(
            "finding.dynamodb.read_units_second_busiest_second",
            fmt(reads)
        )
    });
    c.check(tier, "dynamodb.table.write_units_per_s", writes, || {
        crate::msg!(
            "finding.dynamodb.write_units_second_busiest_second",
            fmt(writes)
        )
    });
    c.check(tier, "dynamodb.partition.read_units_per_s", reads, || {
        crate::msg!("finding.dynamodb.read_units_s_if_one_partition")
    });
    c.check(tier, "dynamodb.partition.write_units_per_s", writes, || {
        crate::msg!("finding.dynamodb.write_units_s_if_one_partition")
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
                crate::msg!(
                    "finding.dynamodb.read_units_needed_peak_vs_provisioned",
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
                crate::msg!(
                    "finding.dynamodb.write_units_needed_peak_vs_provisioned",
                    fmt(writes)
                )
            },
        );
    }
}
