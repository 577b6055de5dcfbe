//! Engine benchmarks: `compare` of the three-tier example, a 10,000-step sweep, and break-even.
use archcost::pricing::bundled;
use archcost::{breakeven, compare, scenario, sweep};
use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal_macros::dec;
use std::hint::black_box;

fn three_tier() -> scenario::Scenario {
    let text = std::fs::read_to_string("scenarios/three-tier.toml").expect("three-tier example");
    scenario::parse("three-tier.toml", &text, bundled::catalog()).expect("valid example")
}

fn engine(c: &mut Criterion) {
    let s = three_tier();
    let catalog = bundled::catalog();
    c.bench_function("compare three-tier", |b| {
        b.iter(|| compare::evaluate(black_box(&s), catalog).expect("priced"))
    });
    let values = sweep::steps(dec!(100000), dec!(1000000000), 10_000, true).expect("steps");
    let mut g = c.benchmark_group("decisions");
    g.sample_size(10);
    g.bench_function("sweep 10,000 steps requests_per_month", |b| {
        b.iter(|| {
            sweep::sweep(
                black_box(&s),
                catalog,
                "workload.requests_per_month",
                &values,
            )
            .expect("sweep")
        })
    });
    g.bench_function("breakeven three-tier all pairs", |b| {
        b.iter(|| {
            breakeven::breakeven(
                black_box(&s),
                catalog,
                "workload.requests_per_month",
                dec!(30000),
                dec!(30000000000),
                None,
            )
            .expect("breakeven")
        })
    });
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
