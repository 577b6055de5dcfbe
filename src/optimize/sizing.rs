//! RDS classes sized against the connections the workload holds open: the default
//! `max_connections` of a class (limits/limits.csv formula over limits/rds-instance-memory.csv)
//! against one connection per request in flight at the busiest second, the check `limits`
//! makes (`rds.max_connections`). Requests in flight depend on the app tier's choice (a Lambda
//! duration) and the limit on the db tier's class, so a class is ruled out up front only when
//! no app choice fits it; the walk checks each combination (`fits`), which keeps the search
//! exact.
use super::search::{Priced, TierSpace};
use crate::compare::Probe;
use crate::limits::rds::{connections_needed, default_max_connections};
use crate::scenario::Service;
use rust_decimal::Decimal;

/// The connection check across the app and db tiers of one architecture's spaces.
pub struct Connections {
    /// Index of the db tier's space, and per db candidate its class's default max_connections
    /// (None: not RDS, or not sourced for that class and engine).
    db: Option<(usize, Vec<Option<Decimal>>)>,
    /// Index of the app tier's space (its candidates' requests in flight).
    app: Option<usize>,
    /// Requests in flight as written (no app space).
    base_in_flight: Decimal,
    /// RDS candidates whose class has no sourced memory row (not checked).
    pub unchecked: usize,
}

pub const ID: &str = "rds.max_connections";

impl Connections {
    pub fn new(spaces: &[TierSpace], base: &Probe) -> Connections {
        let mut unchecked = 0;
        let db = spaces.iter().position(|s| s.tier == "db").map(|i| {
            let max = spaces[i]
                .candidates
                .iter()
                .map(|c| match &c.svc {
                    Service::Rds(r) => {
                        let m = default_max_connections(r).map(|m| m.connections);
                        if m.is_none() {
                            unchecked += 1;
                        }
                        m
                    }
                    _ => None,
                })
                .collect();
            (i, max)
        });
        Connections {
            db,
            app: spaces.iter().position(|s| s.tier == "app"),
            base_in_flight: base.plan.in_flight,
            unchecked,
        }
    }

    fn in_flight(&self, spaces: &[TierSpace], app_pick: Option<usize>) -> Option<Decimal> {
        match (self.app, app_pick) {
            (Some(a), Some(p)) => spaces[a].in_flight.get(p).copied().flatten(),
            _ => Some(self.base_in_flight),
        }
    }

    /// Rule out the db candidates no feasible app choice fits (reason `rds.max_connections`,
    /// as `limits` names it), so they show among the binding constraints and `ruled_out`.
    pub fn rule_out(&self, spaces: &mut [TierSpace]) {
        let Some((d, max)) = &self.db else { return };
        // The fewest requests in flight any feasible app choice leaves.
        let least = match self.app {
            Some(a) if a != *d => spaces[a]
                .outcomes
                .iter()
                .zip(&spaces[a].in_flight)
                .filter(|(o, _)| matches!(o, Priced::Ok { .. }))
                .filter_map(|(_, f)| *f)
                .min(),
            _ => Some(self.base_in_flight),
        };
        let Some(least) = least else { return };
        let needed = connections_needed(least);
        for (o, m) in spaces[*d].outcomes.iter_mut().zip(max) {
            let Some(m) = m else { continue };
            if needed > *m {
                *o = match o {
                    Priced::Ok { monthly_usd, .. } => Priced::Out {
                        reasons: vec![ID.to_string()],
                        monthly_usd: Some(*monthly_usd),
                    },
                    Priced::Out {
                        reasons,
                        monthly_usd,
                    } => {
                        let mut reasons = reasons.clone();
                        if !reasons.iter().any(|r| r == ID) {
                            reasons.push(ID.to_string());
                        }
                        Priced::Out {
                            reasons,
                            monthly_usd: *monthly_usd,
                        }
                    }
                };
            }
        }
    }

    /// Whether a combination (each space's candidate index) fits: the db class's default
    /// max_connections holds the connections its app choice needs.
    pub fn fits(&self, spaces: &[TierSpace], picks: &[usize]) -> bool {
        let Some((d, max)) = &self.db else {
            return true;
        };
        let Some(Some(m)) = picks.get(*d).and_then(|&p| max.get(p)) else {
            return true;
        };
        let app_pick = self.app.and_then(|a| picks.get(a).copied());
        match self.in_flight(spaces, app_pick) {
            Some(f) => connections_needed(f) <= *m,
            None => true,
        }
    }
}
