//! Application Load Balancer: hours plus LCU-hours, each hour billed on the largest of its four
//! dimensions (new connections, active connections, processed bytes, rule evaluations).
use super::{Ctx, Line, ServiceModel};
use crate::capacity::HourLoad;
use crate::error::Result;
use crate::scenario::Alb;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// LCU dimensions for EC2/IP/container targets (Elastic Load Balancing pricing page):
/// 25 new connections/s, 3,000 active connections, 1 GB processed per hour, 1,000 rule
/// evaluations/s (the first 10 rules are free).
pub const NEW_CONN_PER_LCU: Decimal = dec!(25);
pub const ACTIVE_CONN_PER_LCU: Decimal = dec!(3000);
pub const GB_PER_HOUR_PER_LCU: Decimal = dec!(1);
pub const RULE_EVALS_PER_LCU: Decimal = dec!(1000);
pub const FREE_RULES: Decimal = dec!(10);
/// The ELB pricing page's LCU example turns 300 KB/s into 1.08 GB/h: 1 GB = 1,000,000 KB here.
pub const KB_PER_LCU_GB: Decimal = dec!(1000000);

impl Alb {
    /// LCUs used during one hour with the given load.
    pub fn lcu(&self, hour: &HourLoad, request_kb: Decimal, response_kb: Decimal) -> Decimal {
        let new_conn_s = if self.requests_per_connection == Decimal::ONE {
            hour.rps
        } else {
            hour.rps / self.requests_per_connection
        };
        let active = new_conn_s * self.connection_duration_s;
        // Exact reciprocals (1/25, 1/1,000, 1/1,000,000) instead of divisions: same values, faster.
        let by_new = new_conn_s * dec!(0.04);
        let by_bytes = hour.rps * dec!(3600) * (request_kb + response_kb) * dec!(0.000001)
            / GB_PER_HOUR_PER_LCU;
        let by_rules = hour.rps * (self.rules - FREE_RULES).max(Decimal::ZERO) * dec!(0.001);
        let best = by_new.max(by_bytes).max(by_rules);
        // 1/3,000 has no exact decimal: divide only when active connections decide.
        if active > best * ACTIVE_CONN_PER_LCU {
            active / ACTIVE_CONN_PER_LCU
        } else {
            best
        }
    }

    /// LCU-hours over the month, hour by hour.
    pub fn lcu_hours(&self, ctx: &Ctx) -> Decimal {
        let w = ctx.workload;
        let lcu_slots: Decimal = ctx
            .load
            .groups()
            .map(|(h, count)| self.lcu(h, w.request_kb, w.response_kb) * count)
            .sum();
        lcu_slots * ctx.load.hours_per_month / dec!(24)
    }
}

impl ServiceModel for Alb {
    fn lines(&self, ctx: &Ctx) -> Result<Vec<Line>> {
        let mut out = ctx.priced(
            "alb.hours",
            "alb.hours",
            &format!("Application Load Balancer ({})", self.count),
            self.count * ctx.hours_per_month,
        )?;
        out.extend(ctx.priced(
            "alb.lcu",
            "alb.lcu",
            "ALB capacity units (largest dimension, hour by hour)",
            self.lcu_hours(ctx),
        )?);
        if let Some(rules) = self.waf_rules {
            out.extend(super::waf::lines(ctx, rules, ctx.load.monthly_requests)?);
        }
        Ok(out)
    }
}
