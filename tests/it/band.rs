//! The uncertainty band of the cost-vs-load chart: its edges hand-checked against catalog prices
//! and against `evaluate_range`, the SVG shapes and PNG pixels it adds, and the committed
//! `reports/uncertain-launch/` folder.
use crate::util::*;
use archcost::compare::evaluate_range;
use archcost::pricing::bundled;
use archcost::report::curve;
use archcost::report::folder::{self, chart_data};
use archcost::scenario::{self, Scenario};
use std::path::Path;

const LAMBDA: &str = "app = { service = \"lambda\", memory_mb = 1024, logs = false }";
const LAUNCH: &str = "scenarios/uncertain-launch.toml";
const FILES: [&str; 11] = folder::FILES;

fn parse(text: &str) -> Scenario {
    scenario::parse("test.toml", text, bundled::catalog()).unwrap_or_else(|e| panic!("{e}"))
}

/// us-east-1 Lambda x86_64, 1024 MB = 1 GB, no free tier: only requests and compute.
/// lambda.requests.x86_64 = 0.0000002 USD/request, lambda.duration.x86_64 = 0.0000166667 USD/GB-s.
fn lambda_only(workload: &str) -> Scenario {
    parse(&scenario(
        "us-east-1",
        "free_tier = false",
        workload,
        LAMBDA,
    ))
}

#[test]
fn band_edges_at_the_scenario_volume_are_the_range_totals() {
    // 2,000,000 requests; duration 50 / 100 / 200 ms:
    // low:  2M x 0.05 s = 100,000 GB-s -> 0.4 + 1.66667 = 2.06667
    // high: 2M x 0.2 s  = 400,000 GB-s -> 0.4 + 6.66668 = 7.06668
    let s = lambda_only(
        "requests_per_month = 2_000_000\nduration_ms = { low = 50, expected = 100, high = 200 }",
    );
    let cat = bundled::catalog();
    let c = curve::for_scenario(&s, cat).unwrap();
    let band = c.band.clone().expect("a band");
    assert_eq!(band.volume, None);
    assert_eq!(band.low.len(), c.points.len());
    assert_eq!(band.high.len(), c.points.len());
    let own = c
        .points
        .iter()
        .position(|(x, _)| *x == d("2000000"))
        .expect("the scenario's own volume is sampled");
    assert_eq!(band.low[own], vec![d("2.06667")]);
    assert_eq!(band.high[own], vec![d("7.06668")]);
    // The same numbers as the range section.
    let r = evaluate_range(&s, cat).unwrap().unwrap();
    assert_eq!(r.architectures[0].1.low_usd, d("2.06667"));
    assert_eq!(r.architectures[0].1.high_usd, d("7.06668"));
    // The main curve at the same volume is the expected value (100 ms: 0.4 + 3.33334).
    assert_eq!(c.points[own].1, vec![d("3.73334")]);
    // Low edge below the curve below the high edge everywhere.
    for ((lo, hi), (_, mid)) in band.low.iter().zip(&band.high).zip(&c.points) {
        assert!(lo[0] <= mid[0] && mid[0] <= hi[0]);
    }
    // Chart data: one band of (x, low, high) per architecture.
    let rep = archcost::compare::evaluate(&s, cat).unwrap();
    let data = chart_data(&rep, &c, Default::default());
    assert_eq!(data.bands.len(), 1);
    let (x, lo, hi) = data.bands[0][own];
    assert_eq!(x, 2e6);
    assert!((lo - 2.06667).abs() < 1e-9 && (hi - 7.06668).abs() < 1e-9);
    assert_eq!(data.volume_range, None);
}

#[test]
fn with_a_volume_range_the_band_reaches_the_range_totals_at_its_ends() {
    // requests 1M / 2M / 4M and duration 50 / 100 / 200 ms (hand-checked in diffs.rs):
    // low = 1M x 50 ms = 1.033335, high = 4M x 200 ms = 14.13336.
    let s = lambda_only(
        "requests_per_month = { low = 1_000_000, expected = 2_000_000, high = 4_000_000 }\nduration_ms = { low = 50, expected = 100, high = 200 }",
    );
    let cat = bundled::catalog();
    let b = curve::band(&s, cat, &[d("1000000"), d("4000000")])
        .unwrap()
        .unwrap();
    let r = evaluate_range(&s, cat).unwrap().unwrap();
    assert_eq!(b.low[0], vec![r.architectures[0].1.low_usd]);
    assert_eq!(b.low[0], vec![d("1.033335")]);
    assert_eq!(b.high[1], vec![r.architectures[0].1.high_usd]);
    assert_eq!(b.high[1], vec![d("14.13336")]);
    assert_eq!(b.volume, Some((d("1000000"), d("4000000"))));

    // A request rate range is a volume range too: 1 rps x 730 h x 3600 s = 2,628,000.
    let s =
        lambda_only("requests_per_second = { low = 1, expected = 2, high = 3 }\nduration_ms = 100");
    let b = curve::band(&s, cat, &[d("1000")]).unwrap().unwrap();
    assert_eq!(b.volume, Some((d("2628000"), d("7884000"))));
    // Only the volume is ranged: no band, just the shaded interval.
    assert!(b.low.is_empty() && b.high.is_empty());
    let c = curve::for_scenario(&s, cat).unwrap();
    let rep = archcost::compare::evaluate(&s, cat).unwrap();
    let data = chart_data(&rep, &c, Default::default());
    assert!(data.bands.is_empty());
    let (lo, hi, label) = data.volume_range.expect("volume range");
    assert_eq!((lo, hi), (2_628_000.0, 7_884_000.0));
    assert_eq!(label, "expected range of volume (2.6M–7.9M)");

    // No ranges: no band at all.
    let plain = lambda_only("requests_per_month = 2_000_000\nduration_ms = 100");
    assert!(curve::band(&plain, cat, &[d("1")]).unwrap().is_none());
    assert!(curve::for_scenario(&plain, cat).unwrap().band.is_none());
}

/// A report folder stamped at a fixed time (`SOURCE_DATE_EPOCH`), as the committed one is.
fn report(scenario: &Path, dir: &Path, extra: &[&str]) {
    bin()
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", "1764288000")
        .arg("report")
        .arg(scenario)
        .arg("--out")
        .arg(dir)
        .args(extra)
        .assert()
        .success();
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// uncertain-launch with every range replaced by its expected value.
fn launch_without_ranges(dir: &Path) -> std::path::PathBuf {
    let mut text = String::from_utf8(read(&repo().join(LAUNCH))).unwrap();
    for (from, to) in [
        (
            "{ low = 1_000_000, expected = 3_000_000, high = 30_000_000 }",
            "3_000_000",
        ),
        ("{ low = 80, expected = 120, high = 250 }", "120"),
        ("{ low = 2.0, expected = 4.0, high = 10.0 }", "4.0"),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    assert!(!text.contains("low ="));
    let path = dir.join("plain.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn ranged_chart_draws_the_band_in_svg_and_png() {
    let tmp = tempfile::tempdir().unwrap();
    let ranged = tmp.path().join("ranged");
    let plain = tmp.path().join("plain");
    report(Path::new(LAUNCH), &ranged, &[]);
    report(&launch_without_ranges(tmp.path()), &plain, &[]);
    let svg = String::from_utf8(read(&ranged.join("cost-vs-load.svg"))).unwrap();
    let band_fill = "<polygon opacity=\"0.22\"";
    // One band per architecture, in its colour.
    assert_eq!(svg.matches(band_fill).count(), 2, "{svg}");
    assert!(svg.contains("<polygon opacity=\"0.22\" fill=\"#1F77B4\""));
    assert!(svg.contains("<polygon opacity=\"0.22\" fill=\"#FF7F0E\""));
    // The volume interval (1M to 30M) is shaded once, labelled, and the legend explains the band.
    assert_eq!(svg.matches("opacity=\"0.11\"").count(), 1, "{svg}");
    assert!(svg.contains("expected range of volume (1M–30M)"));
    assert!(svg.contains("band: low–high inputs"));
    assert!(svg.contains("this scenario (3M)"));

    let plain_svg = String::from_utf8(read(&plain.join("cost-vs-load.svg"))).unwrap();
    assert_eq!(plain_svg.matches(band_fill).count(), 0);
    assert!(!plain_svg.contains("opacity=\"0.11\""));
    assert!(!plain_svg.contains("band:"));
    assert!(!plain_svg.contains("expected range"));
    assert!(read(&ranged.join("cost-vs-load.png")) != read(&plain.join("cost-vs-load.png")));
    // The expected curve itself is the same with and without ranges.
    for name in ["serverless: $12.76", "containers: $264.57"] {
        assert!(svg.contains(name) && plain_svg.contains(name), "{name}");
    }

    // Japanese labels.
    let ja = tmp.path().join("ja");
    report(Path::new(LAUNCH), &ja, &["--lang", "ja"]);
    let svg = String::from_utf8(read(&ja.join("cost-vs-load.svg"))).unwrap();
    assert!(svg.contains("帯: 不確かな入力の低〜高"));
    assert!(svg.contains("想定されるリクエスト量の範囲 (100万–3,000万)"));
}

#[test]
fn committed_uncertain_launch_report_is_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let fresh = tmp.path().join("uncertain-launch");
    report(Path::new(LAUNCH), &fresh, &[]);
    let committed = repo().join("reports/uncertain-launch");
    for f in FILES {
        assert!(
            read(&committed.join(f)) == read(&fresh.join(f)),
            "reports/uncertain-launch/{f} is stale: run `archcost report {LAUNCH}`"
        );
    }
}
