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

criterion_group!(benches, engine);
criterion_main!(benches);
