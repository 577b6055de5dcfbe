//! The binary end to end: exit codes, --out, formats, init, pricing show.
use crate::util::*;

fn three_tier() -> std::path::PathBuf {
    repo().join("scenarios/three-tier.toml")
}

#[test]
fn compare_prints_matrix_line_items_and_assumptions() {
    let out = bin().arg("compare").arg(three_tier()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Monthly cost by tier",
        "serverless",
        "containers",
        "traditional",
        "Hours per month",
        "730",
        "Free tier",
        "Price catalog",
        "apigw.http.requests",
        "ap-northeast-1",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
}

#[test]
fn every_format_and_out_file() {
    let dir = tempfile::tempdir().unwrap();
    for (fmt, check) in [
        ("csv", "architecture,region,tier"),
        ("json", "\"schema\": \"archcost/report/1\""),
        ("markdown", "## Monthly cost by tier"),
        ("table", "Monthly cost by tier"),
    ] {
        let path = dir.path().join(format!("out.{fmt}"));
        bin()
            .args(["compare", "--format", fmt, "--out"])
            .arg(&path)
            .arg(three_tier())
            .assert()
            .success();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(check), "{fmt}: {text}");
    }
}

#[test]
fn json_money_is_exact_strings() {
    let out = bin()
        .args(["compare", "--format", "json"])
        .arg(three_tier())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arch = &v["architectures"][0];
    assert!(arch["monthly_usd"].is_string());
    let line = &arch["tiers"][0]["lines"][0];
    for k in [
        "id",
        "description",
        "quantity",
        "unit",
        "unit_price_usd",
        "monthly_usd",
        "price_key",
        "sku",
        "effective",
        "source",
    ] {
        assert!(line.get(k).is_some(), "line lacks {k}");
    }
    assert_eq!(v["assumptions"]["hours_per_month"], "730");
    assert_eq!(v["assumptions"]["pricing"]["source"], "bundled");
}

#[test]
fn currency_jpy_shows_rate_and_date() {
    let out = bin()
        .args(["compare", "--currency", "JPY"])
        .arg(three_tier())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("150 JPY per USD (2026-11-20)"), "{text}");
    assert!(text.contains('¥'));
}

#[test]
fn unwritable_out_is_exit_1_and_keeps_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "keep").unwrap();
    let out = bin()
        .args(["compare", "--out"])
        .arg(blocker.join("x.txt"))
        .arg(three_tier())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "keep");
}

#[test]
fn out_replaces_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.csv");
    std::fs::write(&path, "old").unwrap();
    bin()
        .args(["compare", "--format", "csv", "--out"])
        .arg(&path)
        .arg(three_tier())
        .assert()
        .success();
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("architecture,"));
    // Only the target file is left: no temp files.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn usage_errors_exit_2() {
    bin().args(["compare"]).assert().code(2);
    bin()
        .args(["compare", "--format", "pdf"])
        .arg(three_tier())
        .assert()
        .code(2);
    bin().args(["frobnicate"]).assert().code(2);
    bin().args(["init", "--template", "nope"]).assert().code(2);
}

#[test]
fn init_writes_a_scenario_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin().arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let path = dir.path().join("new.toml");
    std::fs::write(&path, &out.stdout).unwrap();
    bin().arg("validate").arg(&path).assert().success();
}

#[test]
fn every_example_scenario_validates_and_compares() {
    for entry in std::fs::read_dir(repo().join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            bin().arg("validate").arg(&path).assert().success();
            let out = bin().arg("compare").arg(&path).output().unwrap();
            assert!(
                matches!(out.status.code(), Some(0)),
                "{}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn pricing_show_filters_rows() {
    let out = bin()
        .args([
            "pricing",
            "show",
            "--region",
            "ap-northeast-1",
            "--service",
            "lambda",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("key,region,unit,tier_begin,tier_end,usd,sku,effective,source"));
    assert!(text
        .lines()
        .skip(1)
        .all(|l| l.starts_with("lambda.") && l.contains(",ap-northeast-1,")));
    // Tokyo x86 duration tier 1, straight from the catalog.
    assert!(
        text.contains("lambda.duration.x86_64,ap-northeast-1,GB-second,0,6000000000,0.0000166667")
    );
    bin()
        .args(["pricing", "show", "--service", "nosuch"])
        .assert()
        .code(2);
}

#[test]
fn bundled_catalog_is_well_formed() {
    let catalog = archcost::pricing::bundled::catalog();
    // Every key exists in both first bundled regions and tiers are contiguous from 0.
    for region in ["us-east-1", "ap-northeast-1"] {
        for key in [
            "lambda.duration.x86_64",
            "apigw.rest.requests",
            "data_transfer.out",
            "vpce.data",
        ] {
            let tiers = catalog.tiers(key, region).unwrap();
            assert_eq!(tiers[0].tier_begin, d("0"));
            for w in tiers.windows(2) {
                assert_eq!(w[0].tier_end, Some(w[1].tier_begin), "{key} {region}");
            }
            assert!(tiers.last().unwrap().tier_end.is_none());
        }
    }
}
