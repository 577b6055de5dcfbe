//! Purchase options of a tier (docs/decisions.md, "Commitments and purchase options"): which options each service has, the terms a tier
//! asks for, the commitment-rate keys they need, and the checks that refuse an option the
//! service lacks or a rate that is not sourced when no `discount_pct` is given.
use super::types::*;
use crate::pricing::Catalog;
use crate::said;
use crate::terms::Payment;
use crate::text::Text;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// How a tier's capacity is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Purchase {
    OnDemand,
    /// Reserved Instances (EC2, RDS) or DynamoDB reserved capacity.
    Reserved,
    ComputeSavingsPlan,
    InstanceSavingsPlan,
    Spot,
}

impl Purchase {
    /// The spelling of the scenario.
    pub fn key(self) -> &'static str {
        match self {
            Purchase::OnDemand => "on-demand",
            Purchase::Reserved => "reserved",
            Purchase::ComputeSavingsPlan => "compute-savings-plan",
            Purchase::InstanceSavingsPlan => "instance-savings-plan",
            Purchase::Spot => "spot",
        }
    }

    /// Reserved capacity or a Savings Plan: a term, a payment option, maybe money up front.
    pub fn is_commitment(self) -> bool {
        matches!(
            self,
            Purchase::Reserved | Purchase::ComputeSavingsPlan | Purchase::InstanceSavingsPlan
        )
    }
}

/// A tier's purchase option with its defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Terms {
    pub purchase: Purchase,
    /// 1 or 3 (validated).
    pub term_years: u32,
    pub payment: Payment,
    /// The user's rate, percent off on-demand (the `expected` value of a range).
    pub discount_pct: Option<Decimal>,
    pub commitment_usd_per_hour: Option<Decimal>,
    /// Share of the fleet's hours on Spot (0 unless `purchase` is spot).
    pub spot_share: Decimal,
}

impl Terms {
    /// Months in the term (12 or 36).
    pub fn term_months(&self) -> u32 {
        self.term_years * 12
    }

    /// The term as a message ("1-year no upfront", `term.*`).
    pub fn term(&self) -> Text {
        let id = match self.payment {
            Payment::NoUpfront => "term.year_no_upfront",
            Payment::PartialUpfront => "term.year_partial_upfront",
            Payment::AllUpfront => "term.year_all_upfront",
        };
        said!(id, self.term_years.to_string())
    }
}

/// The purchase keys as written on one tier (whatever the service).
struct Written {
    purchase: Option<Purchase>,
    term_years: Option<Decimal>,
    payment: Option<Payment>,
    discount_pct: Option<Decimal>,
    commitment_usd_per_hour: Option<Decimal>,
    spot_share: Option<Decimal>,
}

/// The purchase keys of the services that have them, and their terms with defaults filled in.
macro_rules! purchase_keys {
    ($($ty:ident { commitment: $c:tt, spot: $s:tt }),*) => {
        $(impl $ty {
            fn written(&self) -> Written {
                Written {
                    purchase: self.purchase,
                    term_years: self.term_years,
                    payment: self.payment,
                    discount_pct: self.discount_pct,
                    commitment_usd_per_hour: purchase_keys!(@opt self, commitment_usd_per_hour, $c),
                    spot_share: purchase_keys!(@opt self, spot_share, $s),
                }
            }

            /// The tier's purchase option with its defaults filled in.
            pub fn terms(&self) -> Terms {
                terms_of(Some(self.written()))
            }
        })*
    };
    (@opt $self:ident, $field:ident, yes) => { $self.$field };
    (@opt $self:ident, $field:ident, no) => { None };
}

purchase_keys!(
    Ec2 {
        commitment: yes,
        spot: yes
    },
    Fargate {
        commitment: yes,
        spot: yes
    },
    Lambda {
        commitment: yes,
        spot: no
    },
    Rds {
        commitment: no,
        spot: no
    },
    DynamoDb {
        commitment: no,
        spot: no
    }
);

/// Terms from the keys as written: on-demand unless the tier says otherwise (a `spot_share`
/// above 0 alone puts that share on Spot).
fn terms_of(w: Option<Written>) -> Terms {
    let Some(w) = w else {
        return Terms {
            purchase: Purchase::OnDemand,
            term_years: 1,
            payment: Payment::NoUpfront,
            discount_pct: None,
            commitment_usd_per_hour: None,
            spot_share: Decimal::ZERO,
        };
    };
    let share = w.spot_share.unwrap_or(Decimal::ZERO);
    let purchase = match w.purchase {
        Some(p) => p,
        None if share > Decimal::ZERO => Purchase::Spot,
        None => Purchase::OnDemand,
    };
    Terms {
        purchase,
        term_years: if w.term_years == Some(dec!(3)) { 3 } else { 1 },
        payment: w.payment.unwrap_or(Payment::NoUpfront),
        discount_pct: w.discount_pct,
        commitment_usd_per_hour: w.commitment_usd_per_hour,
        spot_share: match purchase {
            Purchase::Spot => w.spot_share.unwrap_or(Decimal::ONE),
            _ => Decimal::ZERO,
        },
    }
}

impl Service {
    fn written(&self) -> Option<Written> {
        match self {
            Service::Ec2(e) => Some(e.written()),
            Service::Fargate(f) => Some(f.written()),
            Service::Lambda(l) => Some(l.written()),
            Service::Rds(r) => Some(r.written()),
            Service::Dynamodb(d) => Some(d.written()),
            Service::ApiGateway(_) | Service::Alb(_) => None,
        }
    }

    /// The tier's purchase option, defaults filled in (on-demand for services without options).
    pub fn terms(&self) -> Terms {
        terms_of(self.written())
    }

    /// The tier's `discount_pct`, to read or write (None for services without purchase options).
    pub fn discount_pct_mut(&mut self) -> Option<&mut Option<Decimal>> {
        match self {
            Service::Ec2(e) => Some(&mut e.discount_pct),
            Service::Fargate(f) => Some(&mut f.discount_pct),
            Service::Lambda(l) => Some(&mut l.discount_pct),
            Service::Rds(r) => Some(&mut r.discount_pct),
            Service::Dynamodb(d) => Some(&mut d.discount_pct),
            Service::ApiGateway(_) | Service::Alb(_) => None,
        }
    }

    /// The purchase options the service has (docs/decisions.md, "Commitments and purchase options").
    pub fn purchase_options(&self) -> &'static [Purchase] {
        use Purchase::*;
        match self {
            Service::Ec2(_) => &[
                OnDemand,
                Reserved,
                ComputeSavingsPlan,
                InstanceSavingsPlan,
                Spot,
            ],
            Service::Fargate(_) => &[OnDemand, ComputeSavingsPlan, Spot],
            Service::Lambda(_) => &[OnDemand, ComputeSavingsPlan],
            Service::Rds(_) | Service::Dynamodb(_) => &[OnDemand, Reserved],
            Service::ApiGateway(_) | Service::Alb(_) => &[OnDemand],
        }
    }

    /// The commitment-rate keys the tier's purchase option reads when no `discount_pct` is
    /// given, with what each is (for messages). Empty for on-demand.
    pub fn rate_keys(&self, t: &Terms) -> Vec<RateKey> {
        let term = |key: String, what: &'static str| RateKey {
            key,
            what: said!(what, t.term()),
            kind: RateKind::Term,
        };
        match (self, t.purchase) {
            (_, Purchase::OnDemand) => Vec::new(),
            (Service::Ec2(e), Purchase::Reserved) => vec![term(
                format!("ec2.reserved.linux.{}", e.instance),
                "error.svc.purchase.rate.ec2_reserved",
            )],
            (Service::Ec2(e), Purchase::ComputeSavingsPlan) => vec![term(
                format!("savings_plan.compute.ec2.linux.{}", e.instance),
                "error.svc.purchase.rate.compute_plan_ec2",
            )],
            (Service::Ec2(e), Purchase::InstanceSavingsPlan) => vec![term(
                format!("savings_plan.instance.ec2.linux.{}", e.instance),
                "error.svc.purchase.rate.instance_plan_ec2",
            )],
            (Service::Ec2(e), Purchase::Spot) => vec![RateKey {
                key: format!("ec2.spot.discount.linux.{}", e.instance),
                what: said!("error.svc.purchase.rate.ec2_spot_discount"),
                kind: RateKind::SpotDiscount,
            }],
            (Service::Fargate(f), Purchase::ComputeSavingsPlan) => {
                let (os, arch) = (f.os_key(), f.arch.key());
                vec![
                    term(
                        format!("savings_plan.compute.fargate.vcpu.{os}.{arch}"),
                        "error.svc.purchase.rate.compute_plan_fargate_vcpu",
                    ),
                    term(
                        format!("savings_plan.compute.fargate.memory.{os}.{arch}"),
                        "error.svc.purchase.rate.compute_plan_fargate_memory",
                    ),
                ]
            }
            (Service::Fargate(f), Purchase::Spot) => {
                let (os, arch) = (f.os_key(), f.arch.key());
                vec![
                    RateKey {
                        key: format!("fargate.spot_vcpu.{os}.{arch}"),
                        what: said!("error.svc.purchase.rate.fargate_spot_vcpu"),
                        kind: RateKind::SpotPrice,
                    },
                    RateKey {
                        key: format!("fargate.spot_memory.{os}.{arch}"),
                        what: said!("error.svc.purchase.rate.fargate_spot_memory"),
                        kind: RateKind::SpotPrice,
                    },
                ]
            }
            (Service::Lambda(l), Purchase::ComputeSavingsPlan) => vec![term(
                format!("savings_plan.compute.lambda.duration.{}", l.arch.key()),
                "error.svc.purchase.rate.compute_plan_lambda",
            )],
            (Service::Rds(r), Purchase::Reserved) => {
                vec![term(
                    r.reserved_key(),
                    "error.svc.purchase.rate.rds_reserved",
                )]
            }
            (Service::Dynamodb(d), Purchase::Reserved) => {
                let class = d.table_class.key();
                vec![
                    term(
                        format!("dynamodb.reserved.rcu.{class}"),
                        "error.svc.purchase.rate.dynamodb_reserved_read",
                    ),
                    term(
                        format!("dynamodb.reserved.wcu.{class}"),
                        "error.svc.purchase.rate.dynamodb_reserved_write",
                    ),
                ]
            }
            _ => Vec::new(),
        }
    }
}

impl Fargate {
    /// Share of the task-hours on Fargate Spot: `spot_share`, or all of them with
    /// `purchase = "spot"` alone; 0 with any other purchase option.
    pub fn spot_hours_share(&self) -> Decimal {
        self.terms().spot_share
    }

    /// `linux` or `windows`, as in price keys.
    pub fn os_key(&self) -> &'static str {
        match self.os {
            Os::Linux => "linux",
            Os::Windows => "windows",
        }
    }
}

impl Rds {
    /// The key of the tier's Reserved Instance rate (`rds.reserved.<engine>.<az>.<class>`).
    pub fn reserved_key(&self) -> String {
        let az = if self.engine.is_aurora() {
            "single_az"
        } else if self.multi_az {
            "multi_az"
        } else {
            "single_az"
        };
        format!("rds.reserved.{}.{az}.{}", self.engine.key(), self.instance)
    }
}

/// One commitment rate a tier needs.
#[derive(Debug, Clone, PartialEq)]
pub struct RateKey {
    pub key: String,
    /// What the rate is, as a message ("EC2 Reserved Instance, 1-year no upfront",
    /// `error.svc.purchase.rate.*`).
    pub what: Text,
    pub kind: RateKind,
}

/// Which file and lookup a rate key is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKind {
    /// A Reserved Instance / Savings Plan row for the tier's term and payment (`rates.csv`).
    Term,
    /// A Spot price row (`rates.csv`, or a catalog that carries the key).
    SpotPrice,
    /// An EC2 Spot average discount (`spot.csv`).
    SpotDiscount,
}

impl RateKey {
    /// Whether the rate is sourced for `region` (bundled commitment data, or for Spot prices
    /// also the price catalog).
    pub fn sourced(&self, t: &Terms, region: &str, catalog: &Catalog) -> bool {
        let Ok(rates) = catalog.commitments() else {
            return false;
        };
        match self.kind {
            RateKind::Term => rates
                .rate(&self.key, region, t.term_years, t.payment)
                .is_some(),
            RateKind::SpotPrice => {
                catalog.has(&self.key, region) || rates.spot_price(&self.key, region).is_some()
            }
            RateKind::SpotDiscount => rates.spot_discount(&self.key, region).is_some(),
        }
    }
}

/// A problem with a tier's purchase keys: (key under the tier, problem, hint), the problem and
/// hint as message ids (`error.svc.purchase.*`).
pub type Problem = (&'static str, Text, Text);

/// Check the purchase keys of one tier whose service is `svc` in `region`.
pub fn check(svc: &Service, region: &str, catalog: &Catalog) -> Result<(), Problem> {
    let Some(w) = svc.written() else {
        return Ok(());
    };
    let name = svc.name();
    let t = svc.terms();
    let options = svc.purchase_options();
    if !options.contains(&t.purchase) {
        let list: Vec<&str> = options.iter().map(|p| p.key()).collect();
        let why = match (svc, t.purchase) {
            (Service::Lambda(_), Purchase::Spot) => said!("error.svc.purchase.lambda_no_spot"),
            (Service::Lambda(_), Purchase::Reserved) => {
                said!("error.svc.purchase.lambda_no_reserved")
            }
            _ => Text::from(""),
        };
        return Err((
            "purchase",
            said!(
                "error.svc.purchase.not_option",
                t.purchase.key(),
                name,
                region,
                why
            ),
            said!("error.svc.purchase.offers", name, list.join(", ")),
        ));
    }
    check_written(&w, &t)?;
    if let Service::Dynamodb(d) = svc {
        if t.purchase == Purchase::Reserved {
            if d.capacity != Capacity::Provisioned {
                return Err((
                    "purchase",
                    said!("error.svc.purchase.ddb_reserved_on_demand"),
                    said!("error.svc.purchase.ddb_reserved_on_demand_hint"),
                ));
            }
            if d.table_class != TableClass::Standard {
                return Err((
                    "purchase",
                    said!("error.svc.purchase.ddb_reserved_ia"),
                    said!("error.svc.purchase.ddb_reserved_ia_hint"),
                ));
            }
        }
    }
    if w.discount_pct.is_none() {
        for need in svc.rate_keys(&t) {
            if !need.sourced(&t, region, catalog) {
                return Err(missing_rate(name, region, &need, catalog));
            }
        }
    }
    Ok(())
}

/// The purchase keys as written: each belongs to the purchase option chosen and is in range.
fn check_written(w: &Written, t: &Terms) -> Result<(), Problem> {
    let commitment = t.purchase.is_commitment();
    if let Some(years) = w.term_years {
        if !commitment {
            return Err(not_with("term_years", t.purchase));
        }
        if years != Decimal::ONE && years != dec!(3) {
            return Err((
                "term_years",
                said!("error.svc.purchase.not_term", years),
                said!("error.svc.purchase.not_term_hint"),
            ));
        }
    }
    if w.payment.is_some() && !commitment {
        return Err(not_with("payment", t.purchase));
    }
    if let Some(c) = w.commitment_usd_per_hour {
        if !matches!(
            t.purchase,
            Purchase::ComputeSavingsPlan | Purchase::InstanceSavingsPlan
        ) {
            return Err((
                "commitment_usd_per_hour",
                said!("error.svc.purchase.commitment_not_plan", t.purchase.key()),
                said!("error.svc.purchase.commitment_not_plan_hint"),
            ));
        }
        if c <= Decimal::ZERO || c > dec!(1_000_000) {
            return Err((
                "commitment_usd_per_hour",
                said!("error.svc.purchase.commitment_range", c),
                said!("error.svc.purchase.commitment_range_hint"),
            ));
        }
    }
    if let Some(share) = w.spot_share {
        if share < Decimal::ZERO || share > Decimal::ONE {
            return Err((
                "spot_share",
                said!("error.svc.purchase.spot_share_range", share),
                said!("error.svc.purchase.spot_share_range_hint"),
            ));
        }
        if share > Decimal::ZERO && w.purchase.is_some_and(|p| p != Purchase::Spot) {
            return Err((
                "spot_share",
                said!("error.svc.purchase.spot_share_purchase", t.purchase.key()),
                said!("error.svc.purchase.spot_share_purchase_hint"),
            ));
        }
    }
    if let Some(d) = w.discount_pct {
        if t.purchase == Purchase::OnDemand {
            return Err((
                "discount_pct",
                said!("error.svc.purchase.discount_on_demand"),
                said!("error.svc.purchase.discount_on_demand_hint"),
            ));
        }
        if d <= Decimal::ZERO || d >= dec!(100) {
            return Err((
                "discount_pct",
                said!("error.svc.purchase.discount_range", d),
                said!("error.svc.purchase.discount_range_hint"),
            ));
        }
    }
    Ok(())
}

fn not_with(key: &'static str, p: Purchase) -> Problem {
    (
        key,
        said!("error.svc.purchase.not_with", key, p.key()),
        said!("error.svc.purchase.not_with_hint", key),
    )
}

/// The refusal when a rate is not sourced and no `discount_pct` is given.
fn missing_rate(service: &str, region: &str, need: &RateKey, catalog: &Catalog) -> Problem {
    let elsewhere = catalog
        .commitments()
        .map(|r| r.regions_with(&need.key))
        .unwrap_or_default();
    let where_ = if elsewhere.is_empty() {
        said!("error.svc.purchase.no_region_has")
    } else {
        said!("error.svc.purchase.sourced_in", elsewhere.join(", "))
    };
    (
        "purchase",
        said!(
            "error.svc.purchase.no_rate",
            &need.key,
            need.what.clone(),
            service,
            region,
            where_
        ),
        rate_hint(region, &need.key),
    )
}

/// What to do about an unsourced commitment rate: the user's `discount_pct`, or the
/// `pricing fetch` command that gets the sourced rates from the AWS Price List.
pub fn rate_hint(region: &str, key: &str) -> Text {
    // Reserved terms are in the service's own offer; Savings Plan rates in the savingsPlan
    // offer, beside the on-demand prices of the service they cover.
    let services = match key.strip_prefix("savings_plan.") {
        Some(rest) => {
            let covered = rest.split('.').nth(1).unwrap_or("ec2");
            match crate::pricing::freshness::fetch_service(&format!("{covered}.")) {
                Some(s) => format!("{s},savingsplan"),
                None => "savingsplan".to_string(),
            }
        }
        None => crate::pricing::freshness::fetch_service(key)
            .unwrap_or("ec2")
            .to_string(),
    };
    let fetch = if key.starts_with("fargate.spot") || key.starts_with("ec2.spot") {
        said!("error.svc.purchase.spot_not_in_price_list")
    } else {
        said!("error.svc.purchase.fetch_hint", region, services)
    };
    said!("error.svc.purchase.rate_hint", fetch)
}
