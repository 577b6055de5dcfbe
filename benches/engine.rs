//! Engine benchmarks (criterion): parsing, pricing, a 10,000-step sweep and a break-even search
//! on the three-tier example. Run with `cargo bench`; results are summarised in BENCHMARKS.md.
use archcost::pricing::bundled;
use archcost::{breakeven, compare, scenario, sweep};
use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal::Decimal;
use std::hint::black_box;
use std::str::FromStr;

fn three_tier() -> (String, scenario::Scenario) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/three-tier.toml"
    ))
    .expect("scenarios/three-tier.toml");
    let s = scenario::parse("three-tier.toml", &text, bundled::catalog()).expect("valid scenario");
    (text, s)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn engine(c: &mut Criterion) {
    let catalog = bundled::catalog();
    let (text, s) = three_tier();
    c.bench_function("parse + validate three-tier", |b| {
        b.iter(|| scenario::parse("three-tier.toml", black_box(&text), catalog))
    });
    c.bench_function("compare three-tier (full report)", |b| {
        b.iter(|| compare::evaluate(black_box(&s), catalog))
    });
    c.bench_function("totals three-tier (lean)", |b| {
        b.iter(|| compare::totals(black_box(&s), catalog))
    });
    let key = "workload.requests_per_month";
    let values = sweep::steps(d("1e5"), d("1e9"), 10_000, true).expect("steps");
    let mut slow = c.benchmark_group("long");
    slow.sample_size(10);
    slow.bench_function("sweep 10,000 steps", |b| {
        b.iter(|| sweep::sweep(black_box(&s), catalog, key, &values))
    });
    slow.bench_function("breakeven requests 30k..30B", |b| {
        b.iter(|| {
            breakeven::breakeven(
                black_box(&s),
                catalog,
                key,
                d("30000"),
                d("30000000000"),
                None,
            )
        })
    });
    slow.finish();
}

/// The whole-catalog space of issue 19: every EC2 type in us-east-1 x 3 purchase options for
/// the app tier, and 30 RDS classes x Multi-AZ or not for the database.
pub const WHOLE_CATALOG: &str = r#"name = "whole catalog"
region = "us-east-1"
[workload]
requests_per_month = 300_000_000
profile = "business-hours"
duration_ms = 50
[[architecture]]
name = "traditional"
web = { service = "alb" }
app = { service = "ec2", instance = "m5.large", rps_per_vcpu = 40, min = 2, max = 400 }
db = { service = "rds", engine = "postgresql", instance = "db.m6g.large", multi_az = true }
[architecture.search]
app.instance = []
app.purchase = ["on-demand", "compute-savings-plan", "reserved"]
db.instance = { families = ["db.t4g", "db.m6g", "db.m7g", "db.r6g", "db.r7g"] }
db.multi_az = [true, false]
max_utilization = 0.7
"#;

fn optimize(c: &mut Criterion) {
    let catalog = bundled::catalog();
    let s = scenario::parse("whole.toml", WHOLE_CATALOG, catalog).expect("valid scenario");
    let opts = archcost::optimize::Options {
        arch: None,
        top: 3,
        file: "whole.toml",
        measured: Default::default(),
        bounds: None,
    };
    let mut g = c.benchmark_group("optimize");
    g.sample_size(10);
    g.bench_function(
        "whole catalog (every EC2 type x 3 purchases x RDS classes)",
        |b| b.iter(|| archcost::optimize::run(black_box(&s), catalog, &opts, &mut |_, _| {})),
    );
    g.finish();
}

criterion_group!(benches, engine, optimize);
criterion_main!(benches);
