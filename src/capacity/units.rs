//! Units of capacity per service: the ALB's capacity-unit dimensions, DynamoDB read and write
//! units per request, and how an EC2 or Fargate fleet is sized (fixed or scaled). `plan` turns
//! them into each tier's capacity plan.
use super::{Fleet, HourLoad};
use crate::scenario::{Alb, Consistency, DynamoDb, Ec2, Fargate};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// ALB capacity-unit dimensions (Elastic Load Balancing pricing page,
/// https://aws.amazon.com/elasticloadbalancing/pricing/; rows `alb.lcu.*` of limits/limits.csv):
/// 25 new connections/s, 3,000 active connections, 1 GB processed per hour for EC2 instance,
/// container and IP targets or 0.4 GB per hour for Lambda targets, 1,000 rule evaluations/s with
/// the first 10 rules free.
pub const NEW_CONN_PER_LCU: Decimal = dec!(25);
pub const ACTIVE_CONN_PER_LCU: Decimal = dec!(3000);
pub const GB_PER_LCU_HOUR_INSTANCE: Decimal = dec!(1);
pub const GB_PER_LCU_HOUR_LAMBDA: Decimal = dec!(0.4);
pub const RULE_EVALS_PER_LCU: Decimal = dec!(1000);
pub const FREE_RULES: Decimal = dec!(10);
/// The ELB pricing page's LCU example turns 300 KB/s into 1.08 GB/h: 1 GB = 1,000,000 KB here.
pub const KB_PER_LCU_GB: Decimal = dec!(1000000);

impl DynamoDb {
    /// Read units for one read of an item of `item_kb`: ceil(kb / 4), halved when eventual.
    pub fn units_per_read(&self, item_kb: Decimal) -> Decimal {
        let units = (item_kb / dec!(4)).ceil().max(Decimal::ONE);
        match self.consistency {
            Consistency::Strong => units,
            Consistency::Eventual => units / dec!(2),
        }
    }

    /// Write units for one standard write: ceil(kb / 1).
    pub fn units_per_write(&self, item_kb: Decimal) -> Decimal {
        item_kb.ceil().max(Decimal::ONE)
    }
}

impl Ec2 {
    /// Requests per second one instance serves: `rps_per_instance`, or `rps_per_vcpu` x the
    /// type's vCPUs (limits/ec2-vcpus.csv); None when neither is set or the vCPUs are unknown.
    pub fn rps_per_unit(&self) -> Option<Decimal> {
        self.rps_per_instance.or_else(|| {
            let vcpu = crate::limits::ec2::vcpu_of(&self.instance)?.0;
            self.rps_per_vcpu?.checked_mul(vcpu)
        })
    }

    /// How the fleet is sized (None when neither `count` nor `rps_per_instance` /
    /// `rps_per_vcpu` is set). A scaled fleet's capacity is derated by `max_utilization`.
    pub fn fleet(&self, hours_per_month: Decimal) -> Option<Fleet> {
        let rps = self.rps_per_unit().map(|r| derate(r, self.max_utilization));
        match (self.count, rps) {
            (Some(units), _) => Some(Fleet::Fixed {
                units,
                hours: hours_per_month,
            }),
            (None, Some(rps_per_unit)) => Some(Fleet::Scaled {
                rps_per_unit,
                min: self.min.unwrap_or(Decimal::ONE),
                max: self.max,
            }),
            (None, None) => None,
        }
    }
}

/// Capacity per unit at a utilization cap (0–1; none = 1).
fn derate(rps_per_unit: Decimal, max_utilization: Option<Decimal>) -> Decimal {
    match max_utilization {
        Some(u) => rps_per_unit.checked_mul(u).unwrap_or(rps_per_unit),
        None => rps_per_unit,
    }
}

impl Fargate {
    /// Requests per second one task serves: `rps_per_task`, or `rps_per_vcpu` x `vcpu`.
    pub fn rps_per_unit(&self) -> Option<Decimal> {
        self.rps_per_task
            .or_else(|| self.rps_per_vcpu?.checked_mul(self.vcpu))
    }

    /// How the service is sized (None when neither `tasks` nor `rps_per_task` / `rps_per_vcpu`
    /// is set). A scaled service's capacity is derated by `max_utilization`.
    pub fn fleet(&self, hours_per_month: Decimal) -> Option<Fleet> {
        let rps = self.rps_per_unit().map(|r| derate(r, self.max_utilization));
        match (self.tasks, rps) {
            (Some(units), _) => Some(Fleet::Fixed {
                units,
                hours: self.running_hours.unwrap_or(hours_per_month),
            }),
            (None, Some(rps_per_unit)) => Some(Fleet::Scaled {
                rps_per_unit,
                min: self.min_tasks.unwrap_or(Decimal::ONE),
                max: self.max_tasks,
            }),
            (None, None) => None,
        }
    }
}

/// LCUs an ALB uses during one hour: the largest of its four dimensions.
pub fn lcu(
    alb: &Alb,
    hour: &HourLoad,
    kb_per_request: Decimal,
    gb_per_lcu_hour: Decimal,
) -> Decimal {
    let new_conn_s = if alb.requests_per_connection == Decimal::ONE {
        hour.rps
    } else {
        hour.rps / alb.requests_per_connection
    };
    let active = new_conn_s * alb.connection_duration_s;
    // Exact reciprocals (1/25, 1/1,000, 1/1,000,000) instead of divisions: same values, faster.
    let by_new = new_conn_s * dec!(0.04);
    let gb_per_hour = hour.rps * dec!(3600) * kb_per_request * dec!(0.000001);
    let by_bytes = if gb_per_lcu_hour == Decimal::ONE {
        gb_per_hour
    } else {
        gb_per_hour / gb_per_lcu_hour
    };
    let paid_rules = (alb.rules - FREE_RULES).max(Decimal::ZERO);
    let by_new_or_bytes = by_new.max(by_bytes);
    // With no paid rules the rules dimension is 0: it cannot exceed a non-negative other.
    let best = if paid_rules.is_zero() && by_new_or_bytes >= Decimal::ZERO {
        by_new_or_bytes
    } else {
        by_new_or_bytes.max(hour.rps * paid_rules * dec!(0.001))
    };
    // 1/3,000 has no exact decimal: divide only when active connections decide.
    if active > best * ACTIVE_CONN_PER_LCU {
        active / ACTIVE_CONN_PER_LCU
    } else {
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The LCU dimensions here are the ones the sourced limits table records.
    #[test]
    fn lcu_dimensions_match_the_limits_table() {
        let rows = &crate::limit_tables::table().rows;
        let value = |id: &str| rows.get(id).map(|r| r.value);
        assert_eq!(
            value("alb.lcu.new_connections_per_s"),
            Some(NEW_CONN_PER_LCU)
        );
        assert_eq!(
            value("alb.lcu.active_connections_per_min"),
            Some(ACTIVE_CONN_PER_LCU)
        );
        assert_eq!(
            value("alb.lcu.processed_gb_per_h.ec2"),
            Some(GB_PER_LCU_HOUR_INSTANCE)
        );
        assert_eq!(
            value("alb.lcu.processed_gb_per_h.lambda"),
            Some(GB_PER_LCU_HOUR_LAMBDA)
        );
        assert_eq!(
            value("alb.lcu.rule_evaluations_per_s"),
            Some(RULE_EVALS_PER_LCU)
        );
        assert_eq!(value("alb.lcu.free_rules"), Some(FREE_RULES));
    }
}
