//! The capacity plan: what each tier of an architecture needs to carry the month's load, built
//! once before pricing — units per hour, busy vCPU, concurrency, requests in flight, unserved
//! load, ALB capacity units and DynamoDB capacity units. Services price the plan, `limits`
//! checks it and `feasibility` judges it: a fleet is sized in one place, so the costs, the limit
//! findings and the recommendation cannot disagree.
use super::units::{lcu, GB_PER_LCU_HOUR_INSTANCE, GB_PER_LCU_HOUR_LAMBDA};
use super::{AlbInputs, AlbLcus, Fleet, HourLoad, Load};
use crate::scenario::{Alb, Architecture, DynamoDb, LoadBalancer, Service, Workload};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Every tier's plan plus what the tiers share: the busiest second and the requests in flight.
#[derive(Debug, Clone)]
pub struct ArchPlan {
    /// The busiest hour of the day (its `peak_rps` is the busiest second).
    pub peak: HourLoad,
    /// Compute time per request of the app tier (a Lambda's own `duration_ms`, else the workload's).
    pub app_duration_ms: Decimal,
    /// Requests in flight at the busiest second: peak rps x seconds per request.
    pub in_flight: Decimal,
    pub web: Option<TierPlan>,
    pub app: Option<TierPlan>,
    pub db: Option<TierPlan>,
}

impl ArchPlan {
    /// The plan of tier `web`, `app` or `db`.
    pub fn tier(&self, tier: &str) -> Option<&TierPlan> {
        match tier {
            "web" => self.web.as_ref(),
            "app" => self.app.as_ref(),
            "db" => self.db.as_ref(),
            _ => None,
        }
    }

    /// The plans of the tiers present, in web, app, db order.
    pub fn tiers(&self) -> impl Iterator<Item = &TierPlan> {
        [&self.web, &self.app, &self.db].into_iter().flatten()
    }
}

/// What one tier needs. Only the parts that apply to its service are set.
#[derive(Debug, Clone, Default)]
pub struct TierPlan {
    /// `web`, `app` or `db`.
    pub tier: &'static str,
    /// EC2 instances or Fargate tasks.
    pub fleet: Option<FleetPlan>,
    /// An ALB (the `alb` service, or an `ec2` web tier with `load_balancer = "alb"`).
    pub alb: Option<AlbPlan>,
    pub lambda: Option<LambdaPlan>,
    pub dynamodb: Option<DynamoPlan>,
}

/// A fleet of instances or tasks, hour by hour.
#[derive(Debug, Clone, PartialEq)]
pub struct FleetPlan {
    /// A fixed count (`count` / `tasks`) rather than scaled from the load.
    pub fixed: bool,
    /// Units running in each hour of the day (0..=23).
    pub per_hour: Vec<Decimal>,
    /// Unit-hours per month (what the fleet is billed for).
    pub unit_hours: Decimal,
    /// The baseline a commitment covers: `count` / `tasks` of a fixed fleet, `min` /
    /// `min_tasks` of a scaled one (units that run in every hour).
    pub baseline_units: Decimal,
    /// Units running in the busiest hour.
    pub peak_units: Decimal,
    /// Scaled fleets: units the busiest second needs before `max` caps them.
    pub needed_at_peak: Decimal,
    /// Scaled fleets: the cap (`max` / `max_tasks`).
    pub max: Option<Decimal>,
    /// Requests per second above what the capped fleet can serve at its worst hour.
    pub unserved_rps: Decimal,
    /// vCPUs of one instance or task (None for an EC2 type missing from limits/ec2-instances.csv).
    pub vcpu_per_unit: Option<Decimal>,
    /// vCPUs busy at the busiest second when this fleet runs the requests' compute (requests in
    /// flight, each assumed to keep one vCPU busy: an upper bound); None for other fleets.
    pub busy_vcpu: Option<Decimal>,
    /// The same averaged over the busiest hour (what a CPU-credit baseline is compared with).
    pub hour_busy_vcpu: Option<Decimal>,
    /// Units started per day as the fleet scales up hour by hour (0 for a fixed fleet).
    pub starts_per_day: Decimal,
}

impl FleetPlan {
    /// vCPUs of the fleet in its busiest hour.
    pub fn peak_vcpu(&self) -> Option<Decimal> {
        self.vcpu_per_unit.map(|v| v * self.peak_units)
    }

    /// Unit-hours per month above `units` in each hour (0 when the fleet never exceeds them):
    /// what a commitment covering `units` leaves to on-demand. `units` may be fractional (a
    /// Savings Plan commitment covers a share of a unit).
    pub fn unit_hours_above(&self, units: Decimal) -> Decimal {
        let running: Decimal = self.per_hour.iter().sum();
        if running.is_zero() {
            return Decimal::ZERO;
        }
        let above: Decimal = self
            .per_hour
            .iter()
            .map(|u| (*u - units).max(Decimal::ZERO))
            .sum();
        if above.is_zero() {
            return Decimal::ZERO;
        }
        // Each hour's units run unit_hours / running times a month; multiply first to stay exact.
        above * self.unit_hours / running
    }

    /// A fixed fleet whose busy vCPU at the busiest second exceeds its vCPUs.
    pub fn cpu_short(&self) -> bool {
        match (self.fixed, self.busy_vcpu, self.peak_vcpu()) {
            (true, Some(busy), Some(vcpu)) => busy > vcpu,
            _ => false,
        }
    }
}

/// Which kind of target an ALB forwards to (it sets the processed-bytes LCU dimension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// EC2 instances, containers or IP addresses: 1 GB per LCU-hour.
    Instance,
    /// Lambda functions: 0.4 GB per LCU-hour.
    Lambda,
}

/// An ALB's capacity units over the month.
#[derive(Debug, Clone, PartialEq)]
pub struct AlbPlan {
    pub target: Target,
    /// GB processed per LCU-hour for that target.
    pub gb_per_lcu_hour: Decimal,
    /// LCUs in the busiest hour (the largest of the four dimensions).
    pub peak_lcu: Decimal,
    /// LCU-hours per month.
    pub lcu_hours: Decimal,
}

/// A Lambda function at the busiest second.
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaPlan {
    /// Run time per invocation, seconds.
    pub seconds: Decimal,
    /// Concurrent executions at the busiest second (rounded up).
    pub concurrency: Decimal,
    /// Concurrent executions averaged over the busiest hour (rounded up).
    pub hour_concurrency: Decimal,
    /// New environments a burst above the hour's average needs (rounded up).
    pub burst_environments: Decimal,
}

/// A DynamoDB table at the busiest second, and the provisioned capacity it gets.
#[derive(Debug, Clone, PartialEq)]
pub struct DynamoPlan {
    pub read_units_per_s: Decimal,
    pub write_units_per_s: Decimal,
    /// Provisioned capacity: `rcu` / `wcu`, or the busiest second's need at the target
    /// utilization (rounded up). Priced only with `capacity = "provisioned"`.
    pub rcu: Decimal,
    pub wcu: Decimal,
}

/// The plan of every tier of `arch` under `load`.
pub fn plan(arch: &Architecture, w: &Workload, load: &Load, hours_per_month: Decimal) -> ArchPlan {
    let peak = load.peak().clone();
    let app_duration_ms = match &arch.app {
        Some(Service::Lambda(l)) => l.duration_ms.unwrap_or(w.duration_ms),
        _ => w.duration_ms,
    };
    let in_flight = peak.peak_rps * app_duration_ms / dec!(1000);
    let hour_in_flight = peak.rps * app_duration_ms / dec!(1000);
    // The fleet that runs each request's compute: the app tier, or the web tier when there is none.
    let compute_tier = if arch.app.is_some() { "app" } else { "web" };
    let target = match &arch.app {
        Some(Service::Lambda(_)) => Target::Lambda,
        _ => Target::Instance,
    };
    let ctx = PlanCtx {
        w,
        load,
        hours_per_month,
        busy: (in_flight, hour_in_flight),
        compute_tier,
        target,
    };
    ArchPlan {
        web: arch.web.as_ref().map(|s| ctx.tier("web", s)),
        app: arch.app.as_ref().map(|s| ctx.tier("app", s)),
        db: arch.db.as_ref().map(|s| ctx.tier("db", s)),
        peak,
        app_duration_ms,
        in_flight,
    }
}

/// The plan of one tier's service on its own (e.g. an alternative priced for a review note).
pub fn tier_plan(
    arch: &Architecture,
    tier: &'static str,
    svc: &Service,
    w: &Workload,
    load: &Load,
    hours_per_month: Decimal,
) -> TierPlan {
    let mut probe = arch.clone();
    let slot = match tier {
        "web" => &mut probe.web,
        "app" => &mut probe.app,
        _ => &mut probe.db,
    };
    *slot = Some(svc.clone());
    let p = plan(&probe, w, load, hours_per_month);
    match tier {
        "web" => p.web,
        "app" => p.app,
        _ => p.db,
    }
    .unwrap_or_default()
}

struct PlanCtx<'a> {
    w: &'a Workload,
    load: &'a Load,
    hours_per_month: Decimal,
    /// (requests in flight at the busiest second, averaged over the busiest hour).
    busy: (Decimal, Decimal),
    compute_tier: &'static str,
    target: Target,
}

impl PlanCtx<'_> {
    fn tier(&self, tier: &'static str, svc: &Service) -> TierPlan {
        let mut p = TierPlan {
            tier,
            ..TierPlan::default()
        };
        let busy = (tier == self.compute_tier).then_some(self.busy);
        match svc {
            Service::Ec2(e) => {
                let vcpu = crate::limit_tables::vcpu_of(&e.instance).map(|(v, _)| v);
                p.fleet = e
                    .fleet(self.hours_per_month)
                    .map(|f| self.fleet(f, vcpu, busy));
                if e.load_balancer == Some(LoadBalancer::Alb) {
                    p.alb = Some(self.alb(&Alb::default(), Target::Instance));
                }
            }
            Service::Fargate(f) => {
                p.fleet = f
                    .fleet(self.hours_per_month)
                    .map(|fl| self.fleet(fl, Some(f.vcpu), busy));
            }
            Service::Alb(a) => p.alb = Some(self.alb(a, self.target)),
            Service::Lambda(l) => {
                let seconds = l.duration_ms.unwrap_or(self.w.duration_ms) / dec!(1000);
                let peak = self.load.peak();
                p.lambda = Some(LambdaPlan {
                    seconds,
                    concurrency: (peak.peak_rps * seconds).ceil(),
                    hour_concurrency: (peak.rps * seconds).ceil(),
                    burst_environments: ((peak.peak_rps - peak.rps) * seconds).ceil(),
                });
            }
            Service::Dynamodb(d) => p.dynamodb = Some(self.dynamodb(d)),
            Service::ApiGateway(_) | Service::Rds(_) => {}
        }
        p
    }

    fn fleet(
        &self,
        fleet: Fleet,
        vcpu_per_unit: Option<Decimal>,
        busy: Option<(Decimal, Decimal)>,
    ) -> FleetPlan {
        let peak_rps = self.load.peak().peak_rps;
        let baseline_units = match fleet {
            Fleet::Fixed { units, .. } => units,
            Fleet::Scaled { min, .. } => min,
        };
        let (fixed, per_hour, unit_hours, needed_at_peak, max, unserved_rps) = match fleet {
            Fleet::Fixed { units, hours } => (
                true,
                vec![units; 24],
                units * hours,
                units,
                None,
                Decimal::ZERO,
            ),
            Fleet::Scaled {
                rps_per_unit,
                min,
                max,
            } => {
                let s = self.load.scaled_units(rps_per_unit, min, max);
                let needed = if rps_per_unit.is_zero() {
                    Decimal::ZERO
                } else {
                    (peak_rps / rps_per_unit).ceil()
                };
                (false, s.per_hour, s.unit_hours, needed, max, s.unserved_rps)
            }
        };
        let peak_units = per_hour.iter().copied().max().unwrap_or_default();
        // Starts per day: every rise from one hour to the next, the day wrapping around.
        let starts_per_day = (0..per_hour.len())
            .map(|h| per_hour[h] - per_hour[(h + per_hour.len() - 1) % per_hour.len()])
            .filter(|d| *d > Decimal::ZERO)
            .sum();
        FleetPlan {
            fixed,
            per_hour,
            unit_hours,
            baseline_units,
            peak_units,
            needed_at_peak,
            max,
            unserved_rps,
            vcpu_per_unit,
            busy_vcpu: busy.map(|b| b.0),
            hour_busy_vcpu: busy.map(|b| b.1),
            starts_per_day,
        }
    }

    fn alb(&self, alb: &Alb, target: Target) -> AlbPlan {
        let gb_per_lcu_hour = match target {
            Target::Instance => GB_PER_LCU_HOUR_INSTANCE,
            Target::Lambda => GB_PER_LCU_HOUR_LAMBDA,
        };
        let kb = self.w.request_kb + self.w.response_kb;
        // Everything `lcu` reads besides the load's hours (the target decides the GB rate).
        let inputs = AlbInputs(
            [
                alb.requests_per_connection,
                alb.connection_duration_s,
                alb.rules,
                kb,
                gb_per_lcu_hour,
            ]
            .map(|d| d.serialize()),
        );
        let (peak_lcu, lcu_hours) = match self.load.alb_memo.get() {
            Some((made_from, lcus)) if *made_from == inputs => *lcus,
            _ => {
                let lcus = self.alb_lcus(alb, gb_per_lcu_hour, kb);
                let _ = self.load.alb_memo.set((inputs, lcus));
                lcus
            }
        };
        AlbPlan {
            target,
            gb_per_lcu_hour,
            peak_lcu,
            lcu_hours,
        }
    }

    /// (peak LCUs, LCU-hours per month) of an ALB under this load.
    fn alb_lcus(&self, alb: &Alb, gb_per_lcu_hour: Decimal, kb: Decimal) -> AlbLcus {
        let mut lcu_slots = Decimal::ZERO;
        let mut peak_lcu = Decimal::ZERO;
        for (h, count) in self.load.groups() {
            let lcu = lcu(alb, h, kb, gb_per_lcu_hour);
            lcu_slots += lcu * count;
            peak_lcu = peak_lcu.max(lcu);
        }
        (peak_lcu, lcu_slots * self.load.hours_per_month / dec!(24))
    }

    fn dynamodb(&self, d: &DynamoDb) -> DynamoPlan {
        let w = self.w;
        let peak = self.load.peak().peak_rps;
        let read_units_per_s = peak * w.db_reads_per_request * d.units_per_read(w.item_kb);
        let write_units_per_s = peak * w.db_writes_per_request * d.units_per_write(w.item_kb);
        DynamoPlan {
            rcu: d
                .rcu
                .unwrap_or_else(|| (read_units_per_s / d.target_utilization).ceil()),
            wcu: d
                .wcu
                .unwrap_or_else(|| (write_units_per_s / d.target_utilization).ceil()),
            read_units_per_s,
            write_units_per_s,
        }
    }
}
