//! The cost lines a reviewer expects (issue 11), each hand-computed from the bundled catalog:
//! the ALB's Lambda-target LCU dimension, always-free allowances spent once per architecture,
//! DynamoDB's 25 free RCU/WCU, public IPv4 addresses, EC2 root volumes, EC2 web servers behind
//! an ALB, internal ALBs, and the review notes that keep comparisons fair.
use crate::util::{d, eval, eval_err, line_sum, only, quantity_sum, scenario, tier_usd};
use archcost::compare::ArchReport;

fn one(region: &str, assumptions: &str, workload: &str, tiers: &str) -> ArchReport {
    only(&eval(&scenario(region, assumptions, workload, tiers))).clone()
}

fn has(a: &ArchReport, id: &str) -> bool {
    a.lines().any(|(_, l)| l.id == id)
}

/// ELB pricing page: an LCU is 1 GB processed per hour for EC2/IP targets but 0.4 GB for Lambda
/// targets. 100 rps x 100 KB = 36,000,000 KB/h = 36 GB/h (1 GB = 1,000,000 KB, as the page's
/// example) -> 90 LCU (Lambda) vs 36 LCU (Fargate); new connections 100/25 = 4 LCU are smaller.
/// us-east-1, 730 h: 65,700 LCU-h x $0.008 = $525.60 vs 26,280 LCU-h = $210.24.
#[test]
fn alb_lambda_target_processes_0_4_gb_per_lcu_hour() {
    let workload = "requests_per_second = 100\nrequest_kb = 0\nresponse_kb = 100";
    let lambda = one(
        "us-east-1",
        "",
        workload,
        "web = { service = \"alb\" }\napp = { service = \"lambda\" }",
    );
    assert_eq!(quantity_sum(&lambda, "alb.lcu"), d("65700"));
    assert_eq!(line_sum(&lambda, "alb.lcu"), d("525.6"));
    let fargate = one(
        "us-east-1",
        "",
        workload,
        "web = { service = \"alb\" }\napp = { service = \"fargate\", vcpu = 1, memory_gb = 2, tasks = 4 }",
    );
    assert_eq!(quantity_sum(&fargate, "alb.lcu"), d("26280"));
    assert_eq!(line_sum(&fargate, "alb.lcu"), d("210.24"));
}

/// DynamoDB always-free provisioned capacity: 25 RCU + 25 WCU in every hour. 100 RCU / 50 WCU
/// in us-east-1 with the free tier: (100 - 25) x 730 x $0.00013 = $7.1175 and
/// (50 - 25) x 730 x $0.00065 = $11.8625; 20 GB of storage is inside the free 25 GB: $18.98.
#[test]
fn dynamodb_provisioned_gets_25_rcu_and_25_wcu_free() {
    let a = one(
        "us-east-1",
        "free_tier = true",
        "requests_per_month = 1000\nstorage_gb = 20",
        "db = { service = \"dynamodb\", capacity = \"provisioned\", rcu = 100, wcu = 50 }",
    );
    assert_eq!(line_sum(&a, "dynamodb.rcu"), d("7.1175"));
    assert_eq!(line_sum(&a, "dynamodb.wcu"), d("11.8625"));
    assert_eq!(tier_usd(&a, "db"), d("18.98"));
    // The free lines are in RCU-hours, like the paid ones: 25 x 730 = 18,250.
    let free: Vec<_> = a
        .lines()
        .filter(|(_, l)| l.id == "dynamodb.rcu" && l.monthly_usd.is_zero())
        .map(|(_, l)| l.clone())
        .collect();
    assert_eq!(free.len(), 1);
    assert_eq!(free[0].quantity, d("18250"));
    assert_eq!(free[0].unit, "RCU-hour");
    assert!(free[0].description.ends_with("(free tier, 25 RCU)"));
    // Without the free tier: 100 x 730 x 0.00013 + 50 x 730 x 0.00065 = 9.49 + 23.725.
    let paid = one(
        "us-east-1",
        "",
        "requests_per_month = 1000\nstorage_gb = 20",
        "db = { service = \"dynamodb\", capacity = \"provisioned\", rcu = 100, wcu = 50 }",
    );
    assert_eq!(
        line_sum(&paid, "dynamodb.rcu") + line_sum(&paid, "dynamodb.wcu"),
        d("33.215")
    );
}

/// Two Lambda functions in one architecture share one 1M-request / 400,000 GB-s allowance:
/// the web function's 1M requests use it up, the app function's 1M pay 1M x $0.20/M = $0.20.
/// GB-s: 2 x 1M x 0.1 s x 0.125 GB = 25,000, inside the shared 400,000. Another architecture
/// gets its own allowance.
#[test]
fn always_free_allowances_are_spent_once_per_architecture() {
    let text = "name = \"t\"\nregion = \"us-east-1\"\n[assumptions]\nfree_tier = true\n\
        [workload]\nrequests_per_month = 1_000_000\nduration_ms = 100\n\
        [[architecture]]\nname = \"two\"\nweb = { service = \"lambda\", logs = false }\napp = { service = \"lambda\", logs = false }\n\
        [[architecture]]\nname = \"one\"\napp = { service = \"lambda\", logs = false }\n";
    let rep = eval(text);
    let two = &rep.architectures[0];
    assert_eq!(tier_usd(two, "web"), d("0"));
    assert_eq!(tier_usd(two, "app"), d("0.2"));
    assert_eq!(line_sum(two, "lambda.duration"), d("0"));
    assert_eq!(quantity_sum(two, "lambda.requests"), d("2000000"));
    assert_eq!(rep.architectures[1].monthly_usd, d("0"));
}

/// AWS charges for every public IPv4 address ($0.005/h in both bundled regions). EC2 web
/// servers without a load balancer have one each: 2 x 730 h = 1,460 address-hours = $7.30.
/// They also carry an 8 GB gp3 root volume each: 16 GB-month x $0.08 = $1.28 (us-east-1).
#[test]
fn ec2_web_servers_pay_public_ipv4_and_root_volumes() {
    let a = one(
        "us-east-1",
        "",
        "requests_per_month = 1000",
        "web = { service = \"ec2\", instance = \"t3.micro\", count = 2 }",
    );
    assert_eq!(quantity_sum(&a, "vpc.public_ipv4"), d("1460"));
    assert_eq!(line_sum(&a, "vpc.public_ipv4"), d("7.3"));
    assert_eq!(quantity_sum(&a, "ec2.ebs"), d("16"));
    assert_eq!(line_sum(&a, "ec2.ebs"), d("1.28"));
    // 2 x 730 x $0.0104 + 7.30 + 1.28.
    assert_eq!(tier_usd(&a, "web"), d("23.764"));
    // public_ip = false and ebs_gb = 0 remove both lines; app tiers have no public address.
    let private = one(
        "us-east-1",
        "",
        "requests_per_month = 1000",
        "web = { service = \"ec2\", instance = \"t3.micro\", count = 2, public_ip = false, ebs_gb = 0 }",
    );
    assert!(!has(&private, "vpc.public_ipv4") && !has(&private, "ec2.ebs"));
    let app = one(
        "us-east-1",
        "",
        "requests_per_month = 1000",
        "app = { service = \"ec2\", instance = \"t3.micro\", count = 2 }",
    );
    assert!(!has(&app, "vpc.public_ipv4"));
    let app_public = one(
        "us-east-1",
        "",
        "requests_per_month = 1000",
        "app = { service = \"ec2\", instance = \"t3.micro\", count = 2, public_ip = true }",
    );
    assert_eq!(line_sum(&app_public, "vpc.public_ipv4"), d("7.3"));
}

/// `load_balancer = "alb"` puts an internet-facing ALB in the web tier: 730 h x $0.0225 =
/// $16.425, its two AZ addresses 2 x 730 x $0.005 = $7.30, LCUs at 1 GB per LCU-hour (EC2
/// targets); the instances behind it get no public address.
#[test]
fn ec2_web_tier_behind_an_alb() {
    let a = one(
        "us-east-1",
        "",
        "requests_per_second = 100\nresponse_kb = 100",
        "web = { service = \"ec2\", instance = \"t3.micro\", count = 2, load_balancer = \"alb\" }",
    );
    let web = a.tier("web").expect("web tier");
    assert_eq!(web.service, "ec2");
    assert_eq!(line_sum(&a, "alb.hours"), d("16.425"));
    assert_eq!(quantity_sum(&a, "vpc.public_ipv4"), d("1460"));
    assert_eq!(quantity_sum(&a, "alb.lcu"), d("26280"));
    assert!(a
        .limits
        .iter()
        .any(|f| f.id == "alb.targets_per_target_group"));
    let err = eval_err(&scenario(
        "us-east-1",
        "",
        "requests_per_month = 1000",
        "app = { service = \"ec2\", instance = \"t3.micro\", count = 2, load_balancer = \"alb\" }",
    ));
    assert!(
        err.contains("load_balancer") && err.contains("web tier"),
        "{err}"
    );
}

/// An internal ALB has private addresses only and sends nothing to the internet; `azs` sets how
/// many AZ addresses an internet-facing one pays for (at least two, as ALBs require).
#[test]
fn alb_scheme_and_azs() {
    let workload = "requests_per_month = 1_048_576\nresponse_kb = 1024";
    let facing = one(
        "us-east-1",
        "",
        workload,
        "web = { service = \"alb\", azs = 3 }",
    );
    assert_eq!(quantity_sum(&facing, "vpc.public_ipv4"), d("2190"));
    // 1,048,576 x 1 MB = 1,024 GB to the internet.
    assert_eq!(quantity_sum(&facing, "data_transfer.out"), d("1024"));
    let internal = one(
        "us-east-1",
        "",
        workload,
        "web = { service = \"alb\", scheme = \"internal\" }",
    );
    assert!(!has(&internal, "vpc.public_ipv4") && !has(&internal, "data_transfer.out"));
    let err = eval_err(&scenario(
        "us-east-1",
        "",
        workload,
        "web = { service = \"alb\", azs = 1 }",
    ));
    assert!(err.contains("azs") && err.contains("2 to 6"), "{err}");
}

/// Review notes: the free DynamoDB gateway endpoint for a VPC Lambda (its calls otherwise go
/// through the NAT gateway), a single-instance EC2
/// database next to RDS Multi-AZ, a burstable web tier's CPU budget, Fargate's per-second minimum.
#[test]
fn review_notes_keep_comparisons_fair() {
    let text = r#"
name = "notes"
region = "us-east-1"
[workload]
requests_per_month = 2_628_000
profile = "business-hours"
duration_ms = 100
[[architecture]]
name = "vpc-lambda"
app = { service = "lambda", vpc = true }
db  = { service = "dynamodb" }
[[architecture]]
name = "rds"
app = { service = "fargate", vcpu = 0.25, memory_gb = 0.5, rps_per_task = 1, min_tasks = 1 }
db  = { service = "rds", engine = "mysql", instance = "db.t4g.micro", multi_az = true }
[[architecture]]
name = "ec2"
web = { service = "ec2", instance = "t3.micro", count = 2 }
db  = { service = "ec2", instance = "r5.large", count = 1, ebs_gb = 100 }
"#;
    let rep = eval(text);
    let notes = |name: &str| rep.arch(name).expect(name).notes.join("\n");
    assert!(notes("vpc-lambda").contains("add \"dynamodb\" to network.vpc_endpoints"));
    assert!(notes("ec2")
        .contains("db tier on a single EC2 instance (r5.large) while rds uses RDS Multi-AZ"));
    // 2,628,000 requests = 1 rps on average; business-hours weights sum to 121 and peak at 10:
    // the busiest hour carries 24 x 10 / 121 = 1.983 rps. Two t3.micro at 10 % of 2 vCPU = 0.4
    // vCPU of baseline -> 0.4 / 1.983 s = 201.667 ms of CPU per request.
    assert!(
        notes("ec2").contains("baseline (10 % of 2 vCPU each = 0.4 vCPU) sustains 201.667 ms of CPU per request at the busiest hour's 1.983 requests/s"),
        "{}",
        notes("ec2")
    );
    // 1 rps per task: 1 task at night, 2 in the busiest hours (1.983 rps), so the fleet starts
    // tasks as the day ramps up.
    assert!(
        notes("rds")
            .contains("Fargate (app tier) bills each task per second with a one-minute minimum"),
        "{}",
        notes("rds")
    );
}
