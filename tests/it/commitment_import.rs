//! `pricing import` of Reserved terms and Savings Plan files into a catalog folder's
//! `commitments.csv`, and `--pricing DIR` pricing a purchase option with the imported rate
//! (issue 10 §2). Numbers are those of the fixtures (tests/fixtures/aws-offers/SOURCES.md).
use crate::util::{bin, d, repo};
use predicates::str::contains;
use std::path::{Path, PathBuf};

const RDS: &str = "tests/fixtures/aws-offers/csv/AmazonRDS-eu-west-2-20260904172716-excerpt.csv";
const DB_SP: &str =
    "tests/fixtures/aws-offers/csv/savingsPlan-AWSDatabaseSavingsPlans-ap-south-2-20260422194203.csv";

fn import(files: &[PathBuf], out: &Path) -> assert_cmd::assert::Assert {
    bin()
        .args(["pricing", "import"])
        .args(files)
        .arg("--out")
        .arg(out)
        .assert()
}

fn rows(dir: &Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(dir.join("commitments.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        archcost::pricing::commitments::HEADER
    );
    r.records().map(|r| r.unwrap()).collect()
}

#[test]
fn rds_reserved_term_is_imported_with_its_upfront_and_hourly_fee() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    import(&[repo().join(RDS)], &out)
        .success()
        .stderr(contains("1 commitment rates"));
    let rows = rows(&out);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    // Lines 23-24 of the fixture: "Hrs" 0.0043 and "Upfront Fee" 112, 3yr Partial Upfront,
    // standard, PostgreSQL Single-AZ db.t4g.micro; the same SKU's on-demand rate is 0.018.
    assert_eq!(&r[0], "rds.reserved.postgresql.single_az.db.t4g.micro");
    assert_eq!(&r[1], "eu-west-2");
    assert_eq!(&r[2], "hour");
    assert_eq!(&r[3], "standard");
    assert_eq!(&r[4], "3");
    assert_eq!(&r[5], "partial-upfront");
    assert_eq!(d(&r[6]), d("112"));
    assert_eq!(d(&r[7]), d("0.0043"));
    // 112 / 26280 + 0.0043, to 10 places.
    assert_eq!(d(&r[8]), d("0.0085617960"));
    assert_eq!(d(&r[9]), d("0.018"));
    assert_eq!(&r[10], "upfront+hourly");
    assert_eq!(&r[11], "ATYF9R3XTURNBSMZ.38NPMPTW36");
    assert_eq!(&r[12], "2026-09-04");
    assert!(r[13].contains("AmazonRDS 20260904172716"), "{}", &r[13]);
    // It matches the bundled row from the same file.
    let bundled = archcost::pricing::commitments::bundled().unwrap();
    let b = bundled
        .rate(
            "rds.reserved.postgresql.single_az.db.t4g.micro",
            "eu-west-2",
            3,
            archcost::pricing::commitments::Payment::PartialUpfront,
        )
        .unwrap();
    assert_eq!(b.usd_upfront, Some(d(&r[6])));
    assert_eq!(b.usd_hourly, Some(d(&r[7])));
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("metadata.json")).unwrap()).unwrap();
    assert_eq!(meta["commitment_rows"], 1);
}

#[test]
fn compare_with_the_folder_prices_the_reservation_from_its_commitments_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    import(&[repo().join(RDS)], &out).success();
    let scenario = dir.path().join("s.toml");
    std::fs::write(
        &scenario,
        "name = \"t\"\nregion = \"eu-west-2\"\n[workload]\nrequests_per_month = 0\nstorage_gb = 20\n[[architecture]]\nname = \"a\"\ndb = { service = \"rds\", engine = \"postgresql\", instance = \"db.t4g.micro\", purchase = \"reserved\", term_years = 3, payment = \"partial-upfront\" }\n",
    )
    .unwrap();
    let json = bin()
        .arg("compare")
        .arg(&scenario)
        .arg("--pricing")
        .arg(&out)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let mut found = Vec::new();
    collect(&v["architectures"][0], &mut found);
    let line = |id: &str| {
        found
            .iter()
            .find(|l| l["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {found:?}"))
    };
    let hours = line("rds.reserved.hours");
    let upfront = line("rds.reserved.upfront");
    // monthly = 0.0043 x 730 + 112 / (12 x 3) = 3.139 + 3.1111… = 6.2501…
    assert_eq!(d(hours["monthly_usd"].as_str().unwrap()), d("3.139"));
    assert_eq!(
        d(upfront["monthly_usd"].as_str().unwrap()).round_dp(10),
        (d("112") / d("36")).round_dp(10)
    );
    assert_eq!(d(upfront["upfront_usd"].as_str().unwrap()), d("112"));
    let source = hours["source"].as_str().unwrap();
    assert!(
        source.contains("commitments.csv") && source.contains("ATYF9R3XTURNBSMZ.38NPMPTW36"),
        "{source}"
    );
}

fn collect<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            if m.get("id").and_then(|i| i.as_str()).is_some() && m.contains_key("monthly_usd") {
                out.push(v);
            }
            m.values().for_each(|x| collect(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

#[test]
fn a_damaged_reserved_price_is_exit_2_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join(RDS)).unwrap();
    let bad = text.replacen("\"Hrs\",\"0.0043000000\"", "\"Hrs\",\"0.00x3\"", 1);
    assert_ne!(bad, text);
    let file = dir.path().join("AmazonRDS-bad.csv");
    std::fs::write(&file, bad).unwrap();
    import(&[file], &dir.path().join("out"))
        .code(2)
        .stderr(contains("line 23, column PricePerUnit"));
}

#[test]
fn a_bad_commitments_csv_in_the_folder_is_exit_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    import(&[repo().join(RDS)], &out).success();
    let path = out.join("commitments.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(",3,partial-upfront,", ",2,partial-upfront,", 1),
    )
    .unwrap();
    bin()
        .args(["pricing", "show", "--pricing"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("commitments.csv:2").and(contains("not 1 or 3")));
}

#[test]
fn a_savings_plan_file_without_compute_rates_writes_nothing() {
    // The Database Savings Plans file has no EC2 / Fargate / Lambda rates archcost prices.
    let dir = tempfile::tempdir().unwrap();
    import(&[repo().join(DB_SP)], &dir.path().join("out"))
        .code(2)
        .stderr(contains("no catalog rows or commitment rates"));
    assert!(!dir.path().join("out").join("catalog.csv").exists());
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn ec2_reserved_terms_of_a_json_item_all_six_standard_options() {
    // AWS Pricing API GetProducts item, AmazonEC2 version 20210205204500, SKU 6C86BEPQVG73ZGGR
    // (m5.large Linux shared, us-east-1; SOURCES.md): its Standard terms, convertible ones left out.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    import(
        &[repo().join("tests/fixtures/aws-offers/pricing-api-getproducts/AmazonEC2-us-east-1-m5.large-20210205204500-getproducts-item.json")],
        &out,
    )
    .success();
    let got: Vec<(String, String, String, String, String)> = rows(&out)
        .iter()
        .map(|r| {
            assert_eq!(&r[0], "ec2.reserved.linux.m5.large");
            assert_eq!(&r[1], "us-east-1");
            assert_eq!(&r[3], "standard");
            assert_eq!(&r[9], "0.096");
            assert_eq!(&r[12], "2021-02-05");
            (
                r[4].into(),
                r[5].into(),
                r[6].into(),
                r[7].into(),
                r[8].into(),
            )
        })
        .collect();
    let want = [
        ("1", "no-upfront", "0", "0.06", "0.06"),
        ("1", "partial-upfront", "252", "0.029", "0.0577671233"),
        ("1", "all-upfront", "494", "0", "0.0563926941"),
        ("3", "no-upfront", "0", "0.041", "0.041"),
        ("3", "partial-upfront", "505", "0.019", "0.0382161339"),
        ("3", "all-upfront", "949", "0", "0.0361111111"),
    ];
    let want: Vec<(String, String, String, String, String)> = want
        .iter()
        .map(|w| (w.0.into(), w.1.into(), w.2.into(), w.3.into(), w.4.into()))
        .collect();
    assert_eq!(got, want);
}

/// A Compute Savings Plan CSV in the Price List layout (header of the Database Savings Plans
/// fixture), written here: EC2 m5.large and Fargate rates over 1/3-year terms and the three
/// payments, a 2-year lease (not a term AWS sells: skipped), a usage type without its region
/// prefix, and a second rate for a kept (key, term, payment) (the first is kept, with a warning).
#[test]
fn compute_savings_plan_rates_are_imported_per_term_and_payment() {
    let dir = tempfile::tempdir().unwrap();
    let header = "SKU,RateCode,Unit,EffectiveDate,DiscountedRate,Currency,DiscountedSKU,DiscountedServiceCode,DiscountedUsageType,DiscountedOperation,PurchaseOption,LeaseContractLength,LeaseContractLengthUnit,ServiceCode,UsageType,Operation,Description,Instance Family,Location,Location Type,Granularity,Product Family,DiscountedRegionCode,DiscountedInstanceType";
    let mut text = format!(
        "FormatVersion,v1.0\nDisclaimer,x\nPublication Date,2026-04-22T19:42:03Z\nVersion,20260422194203\nOfferCode,ComputeSavingsPlans\n{header}\n"
    );
    let row = |rc: &str,
               rate: &str,
               svc: &str,
               usage: &str,
               op: &str,
               po: &str,
               lease: &str,
               unit: &str,
               ty: &str| {
        format!("S,{rc},Hrs,2026-04-20T21:53:43Z,{rate},USD,D,{svc},{usage},{op},{po},{lease},{unit},ComputeSavingsPlans,ComputeSP:1yrNoUpfront,,d,,Any,AWS Region,hourly,ComputeSavingsPlans,us-east-1,{ty}\n")
    };
    let ec2 = (
        "AmazonEC2",
        "USE1-BoxUsage:m5.large",
        "RunInstances",
        "m5.large",
    );
    // (rate code, USD, purchase option, lease length, lease unit) of the EC2 instance rates.
    for (code, usd, option, lease, unit) in [
        ("R1", "0.061", "No Upfront", "1", "year"),
        ("R2", "0.041", "All Upfront", "3", "year"),
        ("R3", "0.050", "Partial Upfront", "1yr", ""),
        ("R4", "0.030", "No Upfront", "2", "year"),
        ("R5", "0.999", "No Upfront", "1", "year"),
    ] {
        text += &row(code, usd, ec2.0, ec2.1, ec2.2, option, lease, unit, ec2.3);
    }
    text += &row(
        "R6",
        "0.0321",
        "AmazonECS",
        "USE1-Fargate-vCPU-Hours:perCPU",
        "",
        "No Upfront",
        "1",
        "year",
        "",
    );
    let file = dir.path().join("savingsPlan-ComputeSavingsPlans-test.csv");
    std::fs::write(&file, text).unwrap();
    let out = dir.path().join("out");
    import(&[file], &out).success().stderr(contains(
        "rates 0.061 (R1) and 0.999 (R5) in one file; kept the first",
    ));
    let got: Vec<String> = rows(&out)
        .iter()
        .map(|r| format!("{} {} {} {} {}", &r[0], &r[4], &r[5], &r[7], &r[11]))
        .collect();
    assert_eq!(
        got,
        [
            "savings_plan.compute.ec2.linux.m5.large 1 no-upfront 0.061 R1",
            "savings_plan.compute.ec2.linux.m5.large 1 partial-upfront 0.05 R3",
            "savings_plan.compute.ec2.linux.m5.large 3 all-upfront 0.041 R2",
            "savings_plan.compute.fargate.vcpu.linux.x86_64 1 no-upfront 0.0321 R6",
        ]
    );
    let first = &rows(&out)[0];
    assert_eq!(
        &first[13],
        "AWS Price List ComputeSavingsPlans 20260422194203 (savingsPlan-ComputeSavingsPlans-test.csv), Compute Savings Plan rate R1 (1 yr no-upfront) on USE1-BoxUsage:m5.large / RunInstances [grade A]"
    );
}
