//! `archcost pricing import` on every offer-file fixture, with prices asserted from the files
//! themselves (tests/fixtures/aws-offers, copied with provenance), plus `pricing diff` and `compare --pricing DIR`.
use archcost::pricing::{self, Catalog, PriceRow};
use assert_cmd::Command;
use predicates::str::contains;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/aws-offers")
        .join(rel)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn archcost() -> Command {
    Command::cargo_bin("archcost").unwrap()
}

/// Import `files` into a fresh directory and load the result.
fn import(files: &[&str], extra: &[&str]) -> (tempfile::TempDir, Catalog) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cat");
    let mut cmd = archcost();
    cmd.args(["pricing", "import"]);
    for f in files {
        cmd.arg(fixture(f));
    }
    cmd.arg("--out").arg(&out).args(extra).assert().success();
    let cat = pricing::load_dir(&out).unwrap();
    (dir, cat)
}

/// (tier_begin, tier_end, usd) of every row of key/region.
fn tiers(c: &Catalog, key: &str, region: &str) -> Vec<(Decimal, Option<Decimal>, Decimal)> {
    c.tiers(key, region)
        .unwrap_or_else(|e| panic!("{key}/{region}: {e}"))
        .iter()
        .map(|r| (r.tier_begin, r.tier_end, r.usd))
        .collect()
}

fn flat(c: &Catalog, key: &str, region: &str) -> Decimal {
    let t = tiers(c, key, region);
    assert_eq!(t.len(), 1, "{key} should have one tier: {t:?}");
    assert_eq!(t[0].0, Decimal::ZERO);
    assert_eq!(t[0].1, None);
    t[0].2
}

fn row<'a>(c: &'a Catalog, key: &str, region: &str) -> &'a PriceRow {
    c.tiers(key, region).unwrap()[0]
}

fn keys(c: &Catalog) -> Vec<String> {
    let mut k: Vec<String> = c.rows().iter().map(|r| r.key.to_string()).collect();
    k.dedup();
    k
}

const LAMBDA: &str = "csv/AWSLambda-eu-west-2-20260831092318-excerpt.csv";
const ECS: &str = "csv/AmazonECS-eu-west-2-20260831092155-excerpt.csv";
const APIGW: &str = "csv/AmazonApiGateway-eu-west-2-20260831092134.csv";
const ELB_USE1: &str = "csv/AWSELB-us-east-1-20260831092255-excerpt.csv";
const ELB_EUW2: &str = "csv/AWSELB-eu-west-2-20260831092255-excerpt.csv";
const DT: &str = "csv/AWSDataTransfer-eu-west-2-20260831121448-excerpt.csv";
const RDS: &str = "csv/AmazonRDS-eu-west-2-20260904172716-excerpt.csv";
const DDB_2016: &str = "json/AmazonDynamoDB-global-20160107013501.json";
const LAMBDA_SLICE: &str = "json-reshaped/AWSLambda-us-east-1-20260521184754-reshaped-slice.json";
const DDB_SLICE: &str = "json-reshaped/AmazonDynamoDB-us-east-1-20260608234428-reshaped-slice.json";
const EC2_ITEM: &str =
    "pricing-api-getproducts/AmazonEC2-us-east-1-m5.large-20210205204500-getproducts-item.json";

#[test]
fn lambda_london_tiers_free_tier_and_decoys() {
    let (_t, c) = import(&[LAMBDA], &[]);
    let r = "eu-west-2";
    // RP9RSZYUC96SQ4G2: 0–6e9 0.0000166667, 6e9–15e9 0.0000150000, 15e9–Inf 0.0000133334.
    assert_eq!(
        tiers(&c, "lambda.duration.x86_64", r),
        vec![
            (d("0"), Some(d("6000000000")), d("0.0000166667")),
            (d("6000000000"), Some(d("15000000000")), d("0.000015")),
            (d("15000000000"), None, d("0.0000133334")),
        ]
    );
    // VGMFG9KJ58Z2FK83 (ARM): 0–7.5e9, 7.5e9–18.75e9, 18.75e9–Inf.
    assert_eq!(
        tiers(&c, "lambda.duration.arm64", r),
        vec![
            (d("0"), Some(d("7500000000")), d("0.0000133334")),
            (d("7500000000"), Some(d("18750000000")), d("0.0000120001")),
            (d("18750000000"), None, d("0.0000106667")),
        ]
    );
    // Unit "Request" (x86) vs "Requests" (ARM): both accepted.
    assert_eq!(flat(&c, "lambda.requests.x86_64", r), d("0.0000002"));
    assert_eq!(flat(&c, "lambda.requests.arm64", r), d("0.0000002"));
    assert_eq!(
        flat(&c, "lambda.provisioned_concurrency.x86_64", r),
        d("0.0000048304")
    );
    // Unit "GB-Seconds" for storage.
    assert_eq!(
        flat(&c, "lambda.ephemeral_storage.x86_64", r),
        d("0.0000000358")
    );
    // Global free-tier SKUs (location "Any", regionCode "") become this region's allowances.
    assert_eq!(
        tiers(&c, "lambda.requests.free_tier", r),
        vec![(d("0"), Some(d("1000000")), d("0"))]
    );
    assert_eq!(
        tiers(&c, "lambda.duration.free_tier", r),
        vec![(d("0"), Some(d("400000")), d("0"))]
    );
    assert_eq!(
        row(&c, "lambda.requests.free_tier", r).sku,
        "ZQVCC2M69R4S79XS"
    );
    // Lambda@Edge (0.0000006 / 0.00005001) and Managed Instances rows are not imported.
    assert_eq!(keys(&c).len(), 8, "{:?}", keys(&c));
    assert!(c.rows().iter().all(|r| r.usd != d("0.0000006")));
    let duration = row(&c, "lambda.duration.x86_64", r);
    assert_eq!(duration.sku, "RP9RSZYUC96SQ4G2");
    assert_eq!(duration.effective, "2026-08-31");
    assert_eq!(
        duration.source,
        "AWS Price List AWSLambda 20260831092318 (AWSLambda-eu-west-2-20260831092318-excerpt.csv)"
    );
    assert_eq!(c.regions(), vec!["eu-west-2"]);
}

#[test]
fn api_gateway_london_tiers_and_cache_sizes() {
    let (_t, c) = import(&[APIGW], &[]);
    let r = "eu-west-2";
    assert_eq!(
        tiers(&c, "apigw.rest.requests", r),
        vec![
            (d("0"), Some(d("333000000")), d("0.0000035")),
            (d("333000000"), Some(d("1000000000")), d("0.00000333")),
            (d("1000000000"), Some(d("20000000000")), d("0.00000283")),
            (d("20000000000"), None, d("0.0000018")),
        ]
    );
    assert_eq!(
        tiers(&c, "apigw.http.requests", r),
        vec![
            (d("0"), Some(d("300000000")), d("0.00000116")),
            (d("300000000"), None, d("0.00000104")),
        ]
    );
    assert_eq!(
        tiers(&c, "apigw.websocket.messages", r),
        vec![
            (d("0"), Some(d("1000000000")), d("0.00000119")),
            (d("1000000000"), None, d("0.00000099")),
        ]
    );
    assert_eq!(
        flat(&c, "apigw.websocket.connection_minutes", r),
        d("0.000000297")
    );
    // Usage type `:1.55GB` is the catalog's 1.6 GB size; `:6.05GB` is 6.1.
    assert_eq!(flat(&c, "apigw.cache.0.5", r), d("0.02"));
    assert_eq!(flat(&c, "apigw.cache.1.6", r), d("0.038"));
    assert_eq!(flat(&c, "apigw.cache.6.1", r), d("0.2"));
    assert_eq!(flat(&c, "apigw.cache.237", r), d("3.8"));
    // 4 request keys + 8 cache sizes; the two portal SKUs are not imported.
    assert_eq!(keys(&c).len(), 12);
}

#[test]
fn fargate_london_prices_without_ecs_anywhere() {
    let (_t, c) = import(&[ECS], &[]);
    let r = "eu-west-2";
    assert_eq!(flat(&c, "fargate.vcpu.linux.x86_64", r), d("0.04656"));
    assert_eq!(flat(&c, "fargate.memory.linux.x86_64", r), d("0.00511"));
    assert_eq!(flat(&c, "fargate.vcpu.linux.arm64", r), d("0.03725"));
    assert_eq!(flat(&c, "fargate.memory.linux.arm64", r), d("0.00409"));
    assert_eq!(flat(&c, "fargate.vcpu.windows.x86_64", r), d("0.053544"));
    assert_eq!(flat(&c, "fargate.memory.windows.x86_64", r), d("0.0058765"));
    assert_eq!(flat(&c, "fargate.windows_license", r), d("0.046"));
    assert_eq!(flat(&c, "fargate.ephemeral_storage", r), d("0.000129"));
    assert_eq!(
        row(&c, "fargate.vcpu.linux.x86_64", r).sku,
        "G265XVYY5YDS48U6"
    );
    // ECS Anywhere (0.01025/h after 2200 free hours) is not Fargate.
    assert_eq!(c.rows().len(), 8);
    assert!(c.rows().iter().all(|r| r.usd != d("0.01025")));
}

#[test]
fn rds_london_on_demand_only_and_decoys_skipped() {
    let (_t, c) = import(&[RDS], &[]);
    let r = "eu-west-2";
    assert_eq!(
        flat(&c, "rds.postgresql.single_az.db.t4g.micro", r),
        d("0.018")
    );
    assert_eq!(
        row(&c, "rds.postgresql.single_az.db.t4g.micro", r).sku,
        "ATYF9R3XTURNBSMZ"
    );
    assert_eq!(
        flat(&c, "rds.postgresql.multi_az.db.t4g.micro", r),
        d("0.036")
    );
    assert_eq!(flat(&c, "rds.mysql.multi_az.db.t4g.medium", r), d("0.145"));
    assert_eq!(flat(&c, "rds.mysql.single_az.db.r6g.large", r), d("0.251"));
    assert_eq!(
        flat(&c, "rds.postgresql.multi_az.db.r6g.large", r),
        d("0.529")
    );
    assert_eq!(flat(&c, "rds.storage.mysql.gp2.single_az", r), d("0.133"));
    assert_eq!(flat(&c, "rds.storage.mysql.gp2.multi_az", r), d("0.266"));
    assert_eq!(
        flat(&c, "rds.storage.postgresql.gp3.single_az", r),
        d("0.133")
    );
    // The Reserved row of the same SKU (0.0043/h + 112 upfront) is not the on-demand price;
    // MariaDB, SQL Server, RDS Custom storage, magnetic storage, Proxy, Extended Support and
    // Aurora backtrack rows are not catalog keys.
    assert!(c
        .rows()
        .iter()
        .all(|r| r.usd != d("0.0043") && r.usd != d("112")));
    assert!(c
        .rows()
        .iter()
        .all(|r| r.usd != d("0.116") && r.usd != d("0.017")));
    assert!(c.rows().iter().all(|r| !r.key.contains("mariadb")));
    assert_eq!(c.rows().len(), 18);
}

#[test]
fn elb_us_east_1_alb_hour_and_lcu_only() {
    let (_t, c) = import(&[ELB_USE1], &[]);
    let r = "us-east-1";
    // us-east-1 usage types have no prefix (`LoadBalancerUsage`); NLB, GWLB and Classic share
    // it, Outposts rows share the location: only the ALB rows are taken.
    assert_eq!(flat(&c, "alb.hours", r), d("0.0225"));
    assert_eq!(row(&c, "alb.hours", r).sku, "37CUWUT8GSNQEPUV");
    assert_eq!(flat(&c, "alb.lcu", r), d("0.008"));
    assert_eq!(row(&c, "alb.lcu", r).sku, "P2XGEJ8N3KU52WA8");
    assert_eq!(row(&c, "alb.lcu", r).unit, "LCU-hour");
    assert_eq!(c.rows().len(), 2);
}

#[test]
fn elb_london() {
    let (_t, c) = import(&[ELB_EUW2], &[]);
    assert_eq!(flat(&c, "alb.hours", "eu-west-2"), d("0.02646"));
    assert_eq!(flat(&c, "alb.lcu", "eu-west-2"), d("0.0084"));
    assert_eq!(c.rows().len(), 2);
}

#[test]
fn data_transfer_london_tiers_and_global_free_tier() {
    let (_t, c) = import(&[DT], &[]);
    let r = "eu-west-2";
    assert_eq!(
        tiers(&c, "data_transfer.out", r),
        vec![
            (d("0"), Some(d("10240")), d("0.09")),
            (d("10240"), Some(d("51200")), d("0.085")),
            (d("51200"), Some(d("153600")), d("0.07")),
            (d("153600"), None, d("0.05")),
        ]
    );
    assert_eq!(
        tiers(&c, "data_transfer.out.free_tier", r),
        vec![(d("0"), Some(d("100")), d("0"))]
    );
    assert_eq!(
        row(&c, "data_transfer.out.free_tier", r).sku,
        "PB257JUQ8U6E6UPM"
    );
    // Inbound, cross-AZ, inter-region (0.02 to Ireland) and CloudFront rows are not egress.
    assert_eq!(c.rows().len(), 5);
}

#[test]
fn dynamodb_2016_global_json_streamed() {
    let (_t, c) = import(&[DDB_2016], &[]);
    // No regionCode in 2016: regions come from the location names.
    let tokyo = "ap-northeast-1";
    // QS5WYUWZHW5DU5CA: 0–18600 free, then 0.0001484; the folded allowance is dropped and the
    // paid tier rebased (the bundled catalog does the same).
    assert_eq!(flat(&c, "dynamodb.rcu.standard", tokyo), d("0.0001484"));
    // GVBT7JN4X2B6STN4 lists its tiers in the file as 18600–Inf before 0–18600.
    assert_eq!(flat(&c, "dynamodb.wcu.standard", tokyo), d("0.000742"));
    // 2HPSAWPXJ2JJJ6XY storage: 0–25 free (split into the .free_tier key), then 0.285.
    assert_eq!(flat(&c, "dynamodb.storage.standard", tokyo), d("0.285"));
    assert_eq!(
        tiers(&c, "dynamodb.storage.free_tier", tokyo),
        vec![(d("0"), Some(d("25")), d("0"))]
    );
    assert_eq!(
        row(&c, "dynamodb.storage.free_tier", tokyo).sku,
        "2HPSAWPXJ2JJJ6XY"
    );
    assert_eq!(
        row(&c, "dynamodb.storage.free_tier", tokyo).effective,
        "2016-01-07"
    );
    // us-east-1 has no prefix; eu-west-1 is `EU-`.
    assert_eq!(flat(&c, "dynamodb.rcu.standard", "us-east-1"), d("0.00013"));
    assert_eq!(
        flat(&c, "dynamodb.wcu.standard", "eu-west-1"),
        d("0.000735")
    );
    // 217 embedded AWSDataTransfer products and the Streams rows are not DynamoDB keys.
    assert!(c.rows().iter().all(|r| r.key.starts_with("dynamodb.")));
    assert_eq!(c.regions().len(), 11);
    // --region keeps one region.
    let (_t2, tokyo_only) = import(&[DDB_2016], &["--region", tokyo]);
    assert_eq!(tokyo_only.regions(), vec![tokyo]);
    assert_eq!(tokyo_only.rows().len(), 4);
}

#[test]
fn reshaped_json_slices_are_read_as_offer_files() {
    let (_t, c) = import(&[LAMBDA_SLICE, DDB_SLICE], &[]);
    let r = "us-east-1";
    assert_eq!(flat(&c, "lambda.requests.x86_64", r), d("0.0000002"));
    assert_eq!(row(&c, "lambda.requests.x86_64", r).sku, "GU2ZS9HVP6QTQ7KE");
    assert_eq!(
        tiers(&c, "lambda.duration.x86_64", r),
        vec![
            (d("0"), Some(d("6000000000")), d("0.0000166667")),
            (d("6000000000"), Some(d("15000000000")), d("0.000015")),
            (d("15000000000"), None, d("0.0000133334")),
        ]
    );
    assert_eq!(row(&c, "lambda.duration.x86_64", r).effective, "2026-05-21");
    assert_eq!(flat(&c, "dynamodb.reads.standard", r), d("0.000000125"));
    assert_eq!(flat(&c, "dynamodb.writes.standard", r), d("0.000000625"));
    assert_eq!(flat(&c, "dynamodb.reads.standard_ia", r), d("0.000000155"));
    assert_eq!(flat(&c, "dynamodb.storage.standard", r), d("0.25"));
    assert_eq!(flat(&c, "dynamodb.storage.standard_ia", r), d("0.1"));
    assert_eq!(
        tiers(&c, "dynamodb.storage.free_tier", r),
        vec![(d("0"), Some(d("25")), d("0"))]
    );
    assert_eq!(
        row(&c, "dynamodb.storage.free_tier", r).effective,
        "2026-06-08"
    );
}

#[test]
fn getproducts_item_is_supported_on_demand_only() {
    let (_t, c) = import(&[EC2_ITEM], &[]);
    // OnDemand 0.096; the Reserved terms (0.06, 0.034 + 294 upfront, ...) are skipped.
    assert_eq!(flat(&c, "ec2.linux.m5.large", "us-east-1"), d("0.096"));
    assert_eq!(
        row(&c, "ec2.linux.m5.large", "us-east-1").sku,
        "6C86BEPQVG73ZGGR"
    );
    assert_eq!(
        row(&c, "ec2.linux.m5.large", "us-east-1").effective,
        "2021-02-05"
    );
    assert_eq!(c.rows().len(), 1);
}

#[test]
fn offers_without_catalog_prices_are_rejected_clearly() {
    let dir = tempfile::tempdir().unwrap();
    archcost()
        .args(["pricing", "import"])
        .arg(fixture("csv/comprehend-ap-south-1-20260116160258.csv"))
        .arg("--out")
        .arg(dir.path().join("x"))
        .assert()
        .code(2)
        .stderr(contains("offer `comprehend` has no prices archcost uses"));
    archcost()
        .args(["pricing", "import"])
        .arg(fixture(
            "csv/savingsPlan-AWSDatabaseSavingsPlans-ap-south-2-20260422194203.csv",
        ))
        .arg("--out")
        .arg(dir.path().join("x"))
        .assert()
        .code(2)
        .stderr(contains("no catalog rows or commitment rates"));
    // An index file is not an offer file.
    archcost()
        .args(["pricing", "import"])
        .arg(fixture("index/offers-index-20260427.json"))
        .arg("--out")
        .arg(dir.path().join("x"))
        .assert()
        .code(2)
        .stderr(contains("no `products`"));
    assert!(!dir.path().join("x").join("catalog.csv").exists());
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const CSV_HEAD: &str = "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x\"\n\"Publication Date\",\"2026-08-31T09:22:55Z\"\n\"Version\",\"20260831092255\"\n\"OfferCode\",\"AWSELB\"\n\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"Product Family\",\"serviceCode\",\"Location\",\"Location Type\",\"usageType\",\"operation\",\"Region Code\"\n";

#[test]
fn failures_leave_the_previous_catalog_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cat");
    std::fs::create_dir(&out).unwrap();
    let previous = b"key,region,unit,tier_begin,tier_end,usd,sku,effective,source\nprevious\n";
    std::fs::write(out.join("catalog.csv"), previous).unwrap();
    let good_row = "\"S1\",\"JRTCKXETXF\",\"S1.JRTCKXETXF.6YS6EN2CT7\",\"OnDemand\",\"d\",\"2026-08-01\",\"0\",\"Inf\",\"Hrs\",\"0.0225000000\",\"USD\",\"Load Balancer-Application\",\"AWSELB\",\"US East (N. Virginia)\",\"AWS Region\",\"LoadBalancerUsage\",\"LoadBalancing:Application\",\"us-east-1\"\n";
    // A row with a missing field (malformed CSV), named by line.
    let short = write(
        dir.path(),
        "short.csv",
        &format!("{CSV_HEAD}{good_row}\"S2\",\"JRTCKXETXF\"\n"),
    );
    archcost()
        .args(["pricing", "import"])
        .arg(&short)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("short.csv: line 8: malformed CSV"));
    // A price that is not a number.
    let bad_price = write(
        dir.path(),
        "price.csv",
        &format!("{CSV_HEAD}{}", good_row.replace("0.0225000000", "abc")),
    );
    archcost()
        .args(["pricing", "import"])
        .arg(&bad_price)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("line 7, column PricePerUnit"));
    // Tiers with a gap.
    let gap = write(
        dir.path(),
        "gap.csv",
        &format!(
            "{CSV_HEAD}{}{}",
            good_row.replace("\"Inf\"", "\"10\""),
            good_row.replace("\"0\",\"Inf\"", "\"20\",\"Inf\"")
        ),
    );
    archcost()
        .args(["pricing", "import"])
        .arg(&gap)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("not contiguous"));
    // Malformed JSON, named by line and column.
    let json = write(
        dir.path(),
        "bad.json",
        "{\n  \"offerCode\": \"AWSLambda\",\n  \"products\": {,\n}",
    );
    archcost()
        .args(["pricing", "import"])
        .arg(&json)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("bad.json: line 3, column"));
    assert_eq!(std::fs::read(out.join("catalog.csv")).unwrap(), previous);
    // Output directory under a file: exit 1 (I/O), nothing written.
    let file = write(dir.path(), "plain-file", "not a directory");
    archcost()
        .args(["pricing", "import"])
        .arg(fixture(ELB_USE1))
        .arg("--out")
        .arg(file.join("sub"))
        .assert()
        .code(1);
    assert_eq!(std::fs::read(&file).unwrap(), b"not a directory");
    // And a good import replaces it.
    let ok = write(dir.path(), "ok.csv", &format!("{CSV_HEAD}{good_row}"));
    archcost()
        .args(["pricing", "import"])
        .arg(&ok)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let c = pricing::load_dir(&out).unwrap();
    assert_eq!(flat(&c, "alb.hours", "us-east-1"), d("0.0225"));
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("metadata.json")).unwrap()).unwrap();
    assert_eq!(meta["offers"][0]["version"], "20260831092255");
    assert_eq!(
        meta["offers"][0]["publication_date"],
        "2026-08-31T09:22:55Z"
    );
    assert!(meta.get("fetched_at").is_none());
}

/// The bundled catalog's us-east-1 ALB rows are what import produces from the AWSELB
/// us-east-1 offer file (bundled and imported prices share one parser and one schema).
#[test]
fn bundled_us_east_1_alb_rows_equal_the_import() {
    let (_t, c) = import(&[ELB_USE1], &[]);
    let bundled = pricing::bundled::catalog();
    for key in ["alb.hours", "alb.lcu"] {
        let imported = c.tiers(key, "us-east-1").unwrap();
        let shipped = bundled.tiers(key, "us-east-1").unwrap();
        assert_eq!(imported.len(), shipped.len());
        for (i, s) in imported.iter().zip(shipped.iter()) {
            assert_eq!(
                (
                    &i.key,
                    &i.region,
                    &i.unit,
                    i.tier_begin,
                    i.tier_end,
                    i.usd,
                    &i.sku,
                    &i.effective
                ),
                (
                    &s.key,
                    &s.region,
                    &s.unit,
                    s.tier_begin,
                    s.tier_end,
                    s.usd,
                    &s.sku,
                    &s.effective
                ),
            );
            assert!(s.source.starts_with("AWS Price List AWSELB 20260831092255"));
            assert!(i.source.starts_with("AWS Price List AWSELB 20260831092255"));
        }
    }
}

#[test]
fn diff_lists_added_removed_and_changed_rows() {
    let (t, _) = import(&[ELB_USE1], &[]);
    let new_dir = t.path().join("cat");
    // Same prices as bundled for us-east-1 ALB: nothing changed there; everything else of
    // bundled is "removed" from the point of view of the small catalog.
    let out = archcost()
        .args(["pricing", "diff", "bundled"])
        .arg(&new_dir)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let changes = v["changes"].as_array().unwrap();
    assert!(changes.iter().all(|c| c["change"] == "removed"));
    assert!(!changes
        .iter()
        .any(|c| c["key"] == "alb.hours" && c["region"] == "us-east-1"));
    // A changed price and an added row.
    let edited = t.path().join("edited.csv");
    let text = std::fs::read_to_string(new_dir.join("catalog.csv"))
        .unwrap()
        .replace(",0.0225,", ",0.0250,");
    let extra = "alb.hours,eu-west-2,hour,0,,0.02646,6AP766DZF74JPTE2,2026-08-31,test\n";
    std::fs::write(&edited, format!("{text}{extra}")).unwrap();
    archcost()
        .args(["pricing", "diff"])
        .arg(new_dir.join("catalog.csv"))
        .arg(&edited)
        .args(["--format", "csv"])
        .assert()
        .success()
        .stdout(contains(
            "changed,us-east-1,alb.hours,0,,,0.0225,0.025,hour",
        ))
        .stdout(contains("added,eu-west-2,alb.hours,0,,,,0.02646,hour"));
    archcost()
        .args(["pricing", "diff"])
        .arg(&new_dir)
        .arg(&edited)
        .assert()
        .success()
        .stdout(contains("1 added, 0 removed, 1 changed"));
}

/// London prices imported from the fixtures, used by `compare --pricing DIR`; the figures
/// are computed by hand from the offer files' prices.
#[test]
fn compare_with_an_imported_catalog() {
    let (t, _) = import(&[LAMBDA, ECS, APIGW, ELB_EUW2, DT, RDS], &[]);
    let scenario = t.path().join("london.toml");
    std::fs::write(&scenario, LONDON).unwrap();
    let out = archcost()
        .arg("compare")
        .arg(&scenario)
        .arg("--pricing")
        .arg(t.path().join("cat"))
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let arch = |name: &str| {
        v["architectures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()
            .clone()
    };
    let line = |a: &serde_json::Value, id: &str| -> Decimal {
        a["tiers"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["lines"].as_array().unwrap().clone())
            .filter(|l| l["id"] == id)
            .map(|l| d(l["monthly_usd"].as_str().unwrap()))
            .sum()
    };
    let s = arch("serverless");
    // 30M HTTP API requests × $1.16/M.
    assert_eq!(line(&s, "apigw.http.requests"), d("34.8"));
    // 30M × $0.20/M.
    assert_eq!(line(&s, "lambda.requests"), d("6"));
    // 30M × 0.120 s × 1 GB = 3,600,000 GB-s × 0.0000133334 (ARM, first tier).
    assert_eq!(line(&s, "lambda.duration"), d("48.00024"));
    let c = arch("containers");
    // 730 h × 0.02646; 2 tasks × 0.5 vCPU × 730 h × 0.04656; 2 × 1 GB × 730 × 0.00511.
    assert_eq!(line(&c, "alb.hours"), d("19.3158"));
    assert_eq!(line(&c, "fargate.vcpu"), d("33.9888"));
    assert_eq!(line(&c, "fargate.memory"), d("7.4606"));
    // db.t4g.medium Multi-AZ MySQL 730 × 0.145; 20 GB gp2 Multi-AZ × 0.266.
    assert_eq!(line(&c, "rds.instance"), d("105.85"));
    assert_eq!(line(&c, "rds.storage"), d("5.32"));
    let sku_of = |a: &serde_json::Value, id: &str| -> String {
        a["tiers"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["lines"].as_array().unwrap().clone())
            .find(|l| l["id"] == id)
            .map(|l| l["sku"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(sku_of(&c, "alb.hours"), "6AP766DZF74JPTE2");

    // The imported offers have no AmazonVPC file: an internet-facing ALB's public IPv4 price
    // comes from the bundled London rows under the overlay (2 AZ × 730 h × $0.005).
    let facing = t.path().join("london-facing.toml");
    std::fs::write(&facing, LONDON.replace(", scheme = \"internal\"", "")).unwrap();
    let out = archcost()
        .arg("compare")
        .arg(&facing)
        .arg("--pricing")
        .arg(t.path().join("cat"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = v["architectures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "containers")
        .unwrap()
        .clone();
    assert_eq!(line(&c, "vpc.public_ipv4"), d("7.3"));
}

pub const LONDON: &str = r#"
name = "London check"
region = "eu-west-2"

[workload]
requests_per_month = 30_000_000
duration_ms = 120
request_kb = 2.0
response_kb = 8.0
db_reads_per_request = 2.0
db_writes_per_request = 0.5
item_kb = 1.0
storage_gb = 20.0

[[architecture]]
name = "serverless"
web = { service = "api-gateway", api = "http" }
app = { service = "lambda", memory_mb = 1024, arch = "arm64" }

[[architecture]]
name = "containers"
web = { service = "alb", scheme = "internal" }
app = { service = "fargate", vcpu = 0.5, memory_gb = 1.0, tasks = 2 }
db  = { service = "rds", engine = "mysql", instance = "db.t4g.medium", multi_az = true }
"#;

fn import_bytes(bytes: &[u8]) {
    let regions = archcost::pricing::offer::RegionFilter::default();
    // Ok or a clean error; never a panic.
    let _ = archcost::pricing::offer::import_reader("fuzz", bytes, &regions);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Damaged CSV offer files: any byte of a real file replaced, or the file cut anywhere.
    #[test]
    fn damaged_csv_offer_files_never_panic(pos in 0usize..7000, byte in proptest::prelude::any::<u8>(), cut in 0usize..7000) {
        let mut data = std::fs::read(fixture(LAMBDA)).unwrap();
        let p = pos % data.len();
        data[p] = byte;
        data.truncate(cut.max(1));
        import_bytes(&data);
    }

    /// Damaged JSON offer files.
    #[test]
    fn damaged_json_offer_files_never_panic(pos in 0usize..6700, byte in proptest::prelude::any::<u8>(), cut in 0usize..6700) {
        let mut data = std::fs::read(fixture(DDB_SLICE)).unwrap();
        let p = pos % data.len();
        data[p] = byte;
        data.truncate(cut.max(1));
        import_bytes(&data);
    }

    /// Arbitrary bytes after a valid CSV header.
    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        let mut data = CSV_HEAD.as_bytes().to_vec();
        data.extend_from_slice(&rows);
        import_bytes(&data);
    }
}

/// Terms before products cannot be matched in one streaming pass: a clear error (AWS writes
/// products first; a file with only unmapped products is simply empty).
#[test]
fn json_terms_before_products_is_a_clear_error() {
    let text = std::fs::read_to_string(fixture(LAMBDA_SLICE)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let reordered = format!(
        "{{\"offerCode\": \"AWSLambda\", \"version\": \"1\", \"publicationDate\": \"2026-05-21T18:47:54Z\", \"terms\": {}, \"products\": {}}}",
        v["terms"], v["products"]
    );
    let regions = archcost::pricing::offer::RegionFilter::default();
    let err = archcost::pricing::offer::import_reader("r.json", reordered.as_bytes(), &regions)
        .unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(
        err.to_string().contains("`terms` come before `products`"),
        "{err}"
    );
}

/// The import decides Reserved relevance from the leading columns and maps a product once per
/// run of equal attributes; on a mixed RDS + EC2 file (13 engines, interleaved SKUs, a quoted
/// word in a description, unquoted leading fields) it must write exactly what the import wrote
/// before those shortcuts (tests/fixtures/offer-mix/README.md).
#[test]
fn mixed_offer_files_import_byte_for_byte_as_before() {
    let mix = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/offer-mix");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cat");
    archcost()
        .args(["pricing", "import"])
        .arg(mix.join("AmazonRDS-synthetic-mix.csv"))
        .arg(mix.join("AmazonEC2-synthetic-mix.csv"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    for file in ["catalog.csv", "commitments.csv"] {
        let got = std::fs::read_to_string(out.join(file)).unwrap();
        let want = std::fs::read_to_string(mix.join("expected").join(file)).unwrap();
        assert_eq!(got, want, "{file}");
    }
    // The RDS rows kept: 2 engines x 2 deployments, each with six Standard terms.
    let rates = std::fs::read_to_string(out.join("commitments.csv")).unwrap();
    assert_eq!(rates.matches("rds.reserved.").count(), 24);
}
