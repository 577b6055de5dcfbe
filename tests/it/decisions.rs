//! Independent cross-checks of break-even: a hand-computed Fargate task step, and the three-tier
//! crossings against values solved by a separate implementation (branch `decisions`).
use archcost::breakeven::{self, CrossingKind};
use archcost::pricing::bundled;
use archcost::{compare, scenario, sweep};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn parse(text: &str) -> scenario::Scenario {
    scenario::parse("test.toml", text, bundled::catalog()).unwrap_or_else(|e| panic!("{e}"))
}

fn cost(s: &scenario::Scenario, key: &str, x: Decimal, arch: &str) -> Decimal {
    let mut w = s.clone();
    sweep::set_key(&mut w, key, x).unwrap();
    compare::totals(&w, bundled::catalog())
        .unwrap()
        .into_iter()
        .find(|(n, _)| n == arch)
        .unwrap()
        .1
}

/// Fargate 0.25 vCPU / 0.5 GB scaled at 10 rps per task (flat profile, 720 h) against one
/// t3.small, us-east-1. A task-month = 720 x (0.25 x $0.04048 + 0.5 x $0.004445) = $8.8866;
/// the t3.small = 720 x $0.0208 = $14.976 plus its 8 GB gp3 root volume (8 x $0.08 = $0.64), so
/// $15.616. One task is cheaper, two ($17.7732) are dearer: the
/// order flips where the second task starts, just above 10 rps = 10 x 720 x 3600 = 25,920,000
/// requests/month (at exactly 10 rps, ceil(10 / 10) = 1 task).
const STEP: &str = r#"
name = "step"
region = "us-east-1"
[assumptions]
hours_per_month = 720
[workload]
requests_per_month = 1_000_000
[[architecture]]
name = "fargate"
app = { service = "fargate", vcpu = 0.25, memory_gb = 0.5, rps_per_task = 10, min_tasks = 1 }
network = { egress = "none" }
[[architecture]]
name = "ec2"
app = { service = "ec2", instance = "t3.small", count = 1 }
network = { egress = "none" }
"#;

#[test]
fn fargate_task_step_is_exactly_where_the_second_task_starts() {
    let s = parse(STEP);
    let key = "workload.requests_per_month";
    assert_eq!(cost(&s, key, dec!(25920000), "fargate"), dec!(8.8866));
    assert_eq!(cost(&s, key, dec!(25920001), "fargate"), dec!(17.7732));
    assert_eq!(cost(&s, key, dec!(25920000), "ec2"), dec!(15.616));
    let found = breakeven::breakeven(
        &s,
        bundled::catalog(),
        key,
        dec!(1000000),
        dec!(40000000),
        None,
    )
    .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let c = &found[0];
    assert_eq!(c.kind, CrossingKind::Step);
    assert_eq!(c.cheaper_below, "fargate");
    assert_eq!(c.cheaper_above, "ec2");
    assert_eq!(c.value, dec!(25920000));
}

/// The three-tier crossings as solved independently of the bisection: each linear crossing is the
/// intersection of the two straight pieces read off `archcost sweep` at 72.4M / 72.5M and
/// 104.9M / 105.0M requests (40-digit decimal line solve); the step is where containers' 12th
/// task starts (between 596,227,500 and 596,227,501). Values moved from 59.98M / 93.49M when the
/// ALB's public IPv4 addresses and the EC2 root volumes and web-server public IPv4 addresses were
/// priced, and from 62.07M / 96.37M when the whole bill was (Lambda's platform log lines, the
/// NAT gateway of the private Fargate and EC2 tiers, app <-> database traffic between AZs). Traditional's fixed app fleet (4 vCPU) is past its CPU at both of
/// its crossings: they are reported, marked.
#[test]
fn three_tier_crossings_agree_with_an_independent_solver() {
    let text = std::fs::read_to_string("scenarios/three-tier.toml").unwrap();
    let s = parse(&text);
    let key = "workload.requests_per_month";
    let found = breakeven::breakeven(
        &s,
        bundled::catalog(),
        key,
        dec!(30000),
        dec!(30000000000),
        None,
    )
    .unwrap();
    let want = [
        (
            "serverless",
            "containers",
            dec!(72463600.564231447597230640107),
            CrossingKind::Linear,
        ),
        (
            "serverless",
            "traditional",
            dec!(104951939.40073872525834917630),
            CrossingKind::Linear,
        ),
        (
            "containers",
            "traditional",
            dec!(596227500),
            CrossingKind::Step,
        ),
    ];
    assert_eq!(found.len(), want.len(), "{found:?}");
    for (below, above, value, kind) in want {
        let c = found
            .iter()
            .find(|c| c.cheaper_below == below && c.cheaper_above == above)
            .unwrap_or_else(|| panic!("no {below}/{above} crossing in {found:?}"));
        assert_eq!(c.kind, kind);
        assert!(
            (c.value - value).abs() < dec!(0.000000000001),
            "{below}/{above}: {} vs {value}",
            c.value
        );
        let traditional_runs = c.feasible.get("traditional").copied();
        if above == "traditional" {
            assert_eq!(traditional_runs, Some(false), "{c:?}");
            assert_eq!(c.ruled_out_by["traditional"], vec!["ec2.cpu".to_string()]);
        } else {
            assert_eq!(c.feasible.values().filter(|ok| **ok).count(), 2, "{c:?}");
        }
    }
}

/// Six architectures that scale by the hour (Fargate tasks, EC2 instances, Lambda) plus a fixed
/// EC2 fleet that runs out of CPU as the volume grows, so their curves cross many times and
/// some crossings have an infeasible side.
const SIX: &str = r#"
name = "six"
region = "us-east-1"
[assumptions]
hours_per_month = 730
[workload]
requests_per_month = 30_000_000
profile = "business-hours"
duration_ms = 120
[[architecture]]
name = "fargate-a"
web = { service = "alb" }
app = { service = "fargate", vcpu = 0.5, memory_gb = 1.0, rps_per_task = 20, min_tasks = 1, max_tasks = 400 }
[[architecture]]
name = "fargate-b"
web = { service = "alb" }
app = { service = "fargate", vcpu = 0.25, memory_gb = 0.5, rps_per_task = 9, min_tasks = 2, max_tasks = 900 }
[[architecture]]
name = "ec2-a"
web = { service = "alb" }
app = { service = "ec2", instance = "m5.large", rps_per_instance = 40, min = 1, max = 300 }
[[architecture]]
name = "ec2-b"
web = { service = "alb" }
app = { service = "ec2", instance = "t3.small", rps_per_instance = 12, min = 2, max = 900 }
[[architecture]]
name = "lambda"
web = { service = "api-gateway", api = "http" }
app = { service = "lambda", memory_mb = 512, arch = "arm64" }
[[architecture]]
name = "fixed"
web = { service = "alb" }
app = { service = "ec2", instance = "m5.large", count = 3 }
"#;

/// Break-even evaluates only the crossing pair (costs while bisecting, feasibility at the
/// crossing). Checked against brute force that prices every architecture at every point: the
/// same 400 scan points (`compare::totals`) bracket exactly the crossings found for each pair,
/// and at each crossing a full `compare::outcomes` of all six agrees on the pair's cost,
/// feasibility and blocking limits, on equal costs (linear) or the order flipping (step).
#[test]
fn pair_only_breakeven_matches_brute_force_over_six_architectures() {
    let s = parse(SIX);
    let catalog = bundled::catalog();
    let key = "workload.requests_per_month";
    let (from, to) = (dec!(30000), dec!(30000000000));
    let found = breakeven::breakeven(&s, catalog, key, from, to, None).unwrap();
    let names: Vec<String> = s.architectures.iter().map(|a| a.name.clone()).collect();

    // Brute-force scan: every architecture at every scan point.
    let xs = sweep::steps(from, to, breakeven::SCAN_POINTS, true).unwrap();
    let table: Vec<Vec<Decimal>> = xs
        .iter()
        .map(|x| {
            let mut w = s.clone();
            sweep::set_key(&mut w, key, *x).unwrap();
            compare::totals(&w, catalog)
                .unwrap()
                .into_iter()
                .map(|(_, usd)| usd)
                .collect()
        })
        .collect();
    let mut total = 0;
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            let signs: Vec<i32> = table
                .iter()
                .filter(|c| c[i] != c[j])
                .map(|c| if c[i] < c[j] { -1 } else { 1 })
                .collect();
            let flips = signs.windows(2).filter(|w| w[0] != w[1]).count();
            let pair = (names[i].clone(), names[j].clone());
            let got = found.iter().filter(|c| c.between == pair).count();
            assert_eq!(got, flips, "{pair:?}");
            total += flips;
        }
    }
    assert!(
        total >= 10,
        "the scenario should cross often, found {total}"
    );
    assert_eq!(found.len(), total);

    let mut infeasible_sides = 0;
    for c in &found {
        let mut w = s.clone();
        sweep::set_key(&mut w, key, c.value).unwrap();
        let all = compare::outcomes(&w, catalog).unwrap();
        let side = |n: &str| all.iter().find(|o| o.name == n).unwrap();
        let (a, b) = (side(&c.between.0), side(&c.between.1));
        assert_eq!(c.monthly_usd, a.monthly_usd, "{c:?}");
        assert_eq!(c.feasible.len(), 2, "{c:?}");
        for o in [a, b] {
            assert_eq!(c.feasible[&o.name], o.feasible, "{c:?}");
            assert_eq!(
                c.ruled_out_by.get(&o.name),
                (!o.feasible).then_some(&o.ruled_out_by)
            );
            infeasible_sides += usize::from(!o.feasible);
        }
        match c.kind {
            CrossingKind::Linear => assert!(
                (a.monthly_usd - b.monthly_usd).abs() < dec!(0.000001),
                "{c:?}: {} vs {}",
                a.monthly_usd,
                b.monthly_usd
            ),
            CrossingKind::Step => {
                // Just below the jump the cheaper one is `cheaper_below`, just above it flips.
                let eps = c.value * dec!(0.0000001);
                let below = cost(&s, key, c.value - eps, &c.cheaper_below)
                    - cost(&s, key, c.value - eps, &c.cheaper_above);
                let above = cost(&s, key, c.value + eps, &c.cheaper_above)
                    - cost(&s, key, c.value + eps, &c.cheaper_below);
                assert!(below < Decimal::ZERO && above < Decimal::ZERO, "{c:?}");
            }
        }
    }
    assert!(
        infeasible_sides > 0,
        "some crossing should have a side that cannot run"
    );
}
