//! The refreshed bundled catalog (issue 18): spot checks against the named public snapshots,
//! Osaka and the 8th-generation families priced, the wording when a price is missing or old, and
//! Tokyo commitments either sourced or refused with a hint a binary user can follow.
use crate::util::{d, eval, eval_err, line_sum, only, scenario};
use archcost::pricing::{self, bundled};
use archcost::report::i18n::Lang;

/// lamngockhuong/aws-price, commit 508fb45296c89efe38772babd7ec766644629267, file
/// lib/data/pricing/ec2-transformed.json (the AWS pricing-page EC2 Linux on-demand map; the file
/// last changed 2025-11-03): (region code, instance type, `pricePerUnit` as written there).
const AWS_PRICE_2025_11: [(&str, &str, &str); 20] = [
    ("ap-northeast-3", "c7i.large", "0.1123500000"),
    ("ap-northeast-3", "m7i.xlarge", "0.2604000000"),
    ("ap-northeast-3", "r7g.large", "0.1292000000"),
    ("ap-northeast-3", "t3.medium", "0.0544000000"),
    ("ap-northeast-1", "m8g.large", "0.1159400000"),
    ("ap-northeast-1", "c8g.xlarge", "0.2001200000"),
    ("ap-northeast-1", "r8g.2xlarge", "0.5684800000"),
    ("ap-northeast-1", "m7i.large", "0.1302000000"),
    ("ap-northeast-1", "t4g.small", "0.0216000000"),
    ("ap-northeast-1", "c7g.4xlarge", "0.7277000000"),
    ("us-east-1", "m8g.large", "0.0897600000"),
    ("us-east-1", "c8g.large", "0.0797600000"),
    ("us-east-1", "r8g.xlarge", "0.2356400000"),
    ("us-east-1", "t3.micro", "0.0104000000"),
    ("us-east-1", "c7i.large", "0.0892500000"),
    ("eu-south-2", "c7i.large", "0.0957500000"),
    ("eu-central-1", "m6i.large", "0.1150000000"),
    ("ap-northeast-2", "c7i.2xlarge", "0.4032000000"),
    ("sa-east-1", "r6g.large", "0.1608000000"),
    ("us-west-2", "m7g.medium", "0.0408000000"),
];

/// addisonj/pricesim, commit cbdb505146ff2c34ea44b6b5deaf6083643d5b5f, file
/// src/catalog/aws/ec2.gen.ts (us-east-1, "retrieved 2026-09-24"): field `od`.
const PRICESIM_2026_09: [(&str, &str); 3] = [
    ("m8i.large", "0.10584"),
    ("c8i.large", "0.09371"),
    ("r8i.2xlarge", "0.55568"),
];

fn bundled_row(region: &str, key: &str) -> pricing::PriceRow {
    let text = bundled::region_files()
        .iter()
        .find(|(r, _)| *r == region)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no bundled file for {region}"));
    bundled::parse_region(region, text)
        .unwrap()
        .into_iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("{key} not bundled for {region}"))
}

#[test]
fn twenty_ec2_prices_match_the_november_2025_snapshot() {
    for (region, itype, quoted) in AWS_PRICE_2025_11 {
        let row = bundled_row(region, &format!("ec2.linux.{itype}"));
        assert_eq!(row.usd, d(quoted), "{itype} in {region}");
        assert_eq!(row.effective, "2025-11-03", "{itype} in {region}");
        assert!(
            row.source.contains(
                "lamngockhuong/aws-price@508fb45296c8:lib/data/pricing/ec2-transformed.json"
            ),
            "{}",
            row.source
        );
    }
}

#[test]
fn intel_8th_generation_is_priced_in_us_east_1_from_the_2026_snapshot() {
    for (itype, quoted) in PRICESIM_2026_09 {
        let row = bundled_row("us-east-1", &format!("ec2.linux.{itype}"));
        assert_eq!(row.usd, d(quoted), "{itype}");
        assert_eq!(row.effective, "2026-09-24", "{itype}");
        assert!(row
            .source
            .contains("addisonj/pricesim@cbdb505146ff:src/catalog/aws/ec2.gen.ts"));
    }
}

#[test]
fn osaka_c7i_large_prices_at_the_public_rate() {
    let rep = eval(&scenario(
        "ap-northeast-3",
        "",
        "requests_per_month = 0",
        "app = { service = \"ec2\", instance = \"c7i.large\", count = 1, ebs_gb = 0 }",
    ));
    // 0.11235 USD/h x 730 h.
    assert_eq!(line_sum(only(&rep), "ec2.instances"), d("82.0155"));
}

#[test]
fn graviton4_is_priced_in_tokyo() {
    let rep = eval(&scenario(
        "ap-northeast-1",
        "",
        "requests_per_month = 0",
        "app = { service = \"ec2\", instance = \"m8g.large\", count = 2, ebs_gb = 0 }",
    ));
    // 2 x 0.11594 x 730.
    assert_eq!(line_sum(only(&rep), "ec2.instances"), d("169.2724"));
}

#[test]
fn a_missing_type_names_the_snapshot_and_the_fetch_command_never_what_aws_sells() {
    // c8i is in the us-east-1 snapshot only.
    let msg = eval_err(&scenario(
        "ap-northeast-1",
        "",
        "requests_per_month = 0",
        "app = { service = \"ec2\", instance = \"c8i.large\", count = 1 }",
    ));
    assert!(
        msg.contains("EC2 instance `c8i.large` is not in the bundled catalog (snapshot 2025-11-03 for ap-northeast-1 (Asia Pacific (Tokyo)))")
            && msg.contains("`archcost pricing fetch --region ap-northeast-1 --services ec2`")
            && msg.contains("priced in 1 region(s) of this catalog: us-east-1")
            && !msg.contains("does not sell"),
        "{msg}"
    );
}

#[test]
fn tokyo_commitments_refuse_with_discount_pct_and_the_fetch_command() {
    let cases = [
        (
            "app = { service = \"ec2\", instance = \"m5.large\", count = 1, purchase = \"reserved\", term_years = 1, payment = \"no-upfront\" }",
            "--services ec2",
        ),
        (
            "app = { service = \"ec2\", instance = \"m5.large\", count = 1, purchase = \"compute-savings-plan\", term_years = 1, payment = \"no-upfront\" }",
            "--services ec2,savingsplan",
        ),
        (
            "db = { service = \"rds\", engine = \"postgresql\", instance = \"db.t4g.micro\", purchase = \"reserved\", term_years = 1, payment = \"no-upfront\" }",
            "--services rds",
        ),
        (
            "app = { service = \"fargate\", vcpu = 1, memory_gb = 2, tasks = 1, purchase = \"compute-savings-plan\", term_years = 1, payment = \"no-upfront\" }",
            "--services fargate,savingsplan",
        ),
    ];
    for (tier, services) in cases {
        let msg = eval_err(&scenario(
            "ap-northeast-1",
            "",
            "requests_per_month = 0\nstorage_gb = 20",
            tier,
        ));
        assert!(
            msg.contains("discount_pct")
                && msg.contains(&format!(
                    "archcost pricing fetch --region ap-northeast-1 {services}"
                ))
                && !msg.contains("pricing/commitments/README.md"),
            "{tier}: {msg}"
        );
        // With the user's rate the same tier prices, labelled as an assumption.
        let tier = tier.replace(
            "payment = \"no-upfront\"",
            "payment = \"no-upfront\", discount_pct = 30",
        );
        let rep = eval(&scenario(
            "ap-northeast-1",
            "",
            "requests_per_month = 0\nstorage_gb = 20",
            &tier,
        ));
        assert!(
            only(&rep).lines().any(|(_, l)| l
                .description
                .contains("user assumption: 30 % off on-demand")),
            "{tier}"
        );
    }
}

#[test]
fn spot_lines_say_prices_move_and_when_the_saving_was_observed() {
    let rep = eval(&scenario(
        "ap-northeast-1",
        "",
        "requests_per_month = 0",
        "app = { service = \"ec2\", instance = \"m5.large\", count = 1, ebs_gb = 0, purchase = \"spot\" }",
    ));
    let (_, l) = only(&rep)
        .lines()
        .find(|(_, l)| l.id == "ec2.spot.hours")
        .unwrap();
    // The 2025-06-28 saving is applied to the 2025-11-03 on-demand price: the line says so.
    assert!(
        l.description
            .contains("Spot prices move: average saving observed to 2025-06-28")
            && l.description
                .contains("rate of 2025-06-28 is older than the on-demand price of 2025-11-03"),
        "{}",
        l.description
    );
}

#[test]
fn twelve_months_before_keeps_the_day_and_sorts_with_catalog_dates() {
    assert_eq!(
        pricing::freshness::months_before("2026-12-06", 12).as_deref(),
        Some("2025-12-06")
    );
    assert_eq!(
        pricing::freshness::months_before("2026-01-15", 1).as_deref(),
        Some("2025-12-15")
    );
    assert_eq!(pricing::freshness::months_before("2026-13-01", 12), None);
    assert_eq!(pricing::freshness::months_before("yesterday", 12), None);
    // 2025-06-18 is more than 12 months before 2026-12-06; 2026-09-24 is not.
    let cutoff = pricing::freshness::months_before("2026-12-06", 12).unwrap();
    assert!("2025-06-18" < cutoff.as_str() && "2026-09-24" > cutoff.as_str());
}

#[test]
fn an_old_price_is_noted_in_the_assumptions_with_the_fetch_command_in_both_languages() {
    let cmd = "archcost pricing fetch --region ap-northeast-1 --services ec2";
    let en = Lang::En.catalog("bundled", "2025-06-18", "2026-09-04", Some(cmd));
    assert_eq!(
        en,
        format!("bundled (prices effective 2025-06-18 to 2026-09-04; the oldest, 2025-06-18, is more than 12 months old: `{cmd}` gets today's list, then use --pricing DIR)")
    );
    let ja = Lang::Ja.catalog("bundled", "2025-06-18", "2026-09-04", Some(cmd));
    assert!(
        ja.contains("12 か月以上前") && ja.contains(cmd) && ja.contains("2025-06-18"),
        "{ja}"
    );
    assert_eq!(
        Lang::En.catalog("bundled", "2026-09-04", "2026-09-04", None),
        "bundled (prices effective 2026-09-04)"
    );
}

#[test]
fn a_report_whose_prices_are_over_a_year_old_carries_the_refresh_command() {
    // m5.large in Tokyo is priced from the 2025-11-03 snapshot, more than 12 months before
    // the day this test can first run (the catalog was refreshed in December 2026).
    let rep = eval(&scenario(
        "ap-northeast-1",
        "",
        "requests_per_month = 0",
        // No egress path: only the EC2 price is in question here.
        "app = { service = \"ec2\", instance = \"m5.large\", count = 1, ebs_gb = 0 }\nnetwork = { egress = \"none\" }",
    ));
    assert_eq!(
        rep.assumptions.pricing.refresh.as_deref(),
        Some("archcost pricing fetch --region ap-northeast-1 --services ec2")
    );
}

#[test]
fn m8i_large_compute_savings_plan_in_us_east_1_is_the_2026_rate() {
    // addisonj/pricesim@cbdb5051 src/catalog/aws/ec2.gen.ts, m8i.large `sp` 1y noUpfront 0.07776:
    // 0.07776 x 730 = 56.7648 a month against on-demand 0.10584 x 730 = 77.2632.
    let rep = eval(&scenario(
        "us-east-1",
        "",
        "requests_per_month = 0",
        "app = { service = \"ec2\", instance = \"m8i.large\", count = 1, ebs_gb = 0, purchase = \"compute-savings-plan\", term_years = 1, payment = \"no-upfront\" }\nnetwork = { egress = \"none\" }",
    ));
    let a = only(&rep);
    assert_eq!(a.monthly_usd, d("56.7648"));
    // Rate and on-demand price are of the same day: no "older" note.
    assert!(a
        .lines()
        .all(|(_, l)| !l.description.contains("is older than the on-demand price")));
}

#[test]
fn optimize_and_diff_outputs_carry_the_old_price_note_too() {
    let note = Lang::En.stale(
        "2025-06-18",
        "archcost pricing fetch --region ap-northeast-1 --services ec2",
    );
    assert_eq!(
        note,
        "the oldest, 2025-06-18, is more than 12 months old: `archcost pricing fetch --region ap-northeast-1 --services ec2` gets today's list, then use --pricing DIR"
    );
    assert!(Lang::Ja
        .stale(
            "2025-06-18",
            "archcost pricing fetch --region ap-northeast-1 --services ec2"
        )
        .contains("12 か月以上前"));
}
