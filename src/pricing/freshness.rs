//! How fresh the prices are: today's date (pinned by tests, `SOURCE_DATE_EPOCH`, or the clock),
//! the date 12 months before it, and the `archcost pricing fetch --services` name of a price key,
//! for the notes and hints that send a user to today's list.

/// The `pricing fetch --services` name that gets the prices of keys starting with `key` (a key
/// or a key prefix such as `ec2.linux.`); None for keys no Price List offer carries.
pub fn fetch_service(key: &str) -> Option<&'static str> {
    const BY_PREFIX: [(&str, &str); 17] = [
        ("savings_plan.", "savingsplan"),
        ("lambda.", "lambda"),
        ("fargate.", "fargate"),
        ("apigw.", "apigw"),
        ("dynamodb.", "dynamodb"),
        ("ec2.", "ec2"),
        ("ebs.", "ec2"),
        ("nat.", "ec2"),
        ("rds.", "rds"),
        ("alb.", "alb"),
        ("nlb.", "alb"),
        ("ecr.", "ecr"),
        ("eks.", "eks"),
        ("data_transfer.", "data-transfer"),
        ("vpc.", "vpc"),
        ("vpce.", "vpc"),
        ("waf.", "waf"),
    ];
    BY_PREFIX
        .iter()
        .find(|(p, _)| key.starts_with(p))
        .map(|(_, s)| *s)
}

thread_local! {
    /// A fixed "today" for this thread (see `with_today`).
    static TODAY: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Run `f` with `today()` fixed to `date` on this thread (tests pin the day so that what is
/// "more than 12 months old" does not change with the clock).
pub fn with_today<T>(date: &str, f: impl FnOnce() -> T) -> T {
    let before = TODAY.with(|t| t.replace(Some(date.to_string())));
    let out = f();
    TODAY.with(|t| *t.borrow_mut() = before);
    out
}

/// Today's date (UTC, YYYY-MM-DD): the day fixed by `with_today`, else from `SOURCE_DATE_EPOCH`
/// when it is set to whole seconds (so reports can be reproduced), else from the clock.
pub fn today() -> String {
    if let Some(date) = TODAY.with(|t| t.borrow().clone()) {
        return date;
    }
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|s| *s >= 0)
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    civil_date(epoch)
}

/// The date `months` calendar months before `date` (YYYY-MM-DD), as YYYY-MM-DD text that sorts
/// with catalog dates; the day is kept (2026-03-31 minus 1 month = 2026-02-31, which still sorts
/// between 2026-02-28 and 2026-03-01). None when `date` is not YYYY-MM-DD.
pub fn months_before(date: &str, months: u32) -> Option<String> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = date[..4].parse().ok()?;
    let m: i64 = date[5..7].parse().ok()?;
    if !(1..=12).contains(&m) || !date[8..].bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let total = y * 12 + (m - 1) - i64::from(months);
    if total < 0 {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{}",
        total / 12,
        total % 12 + 1,
        &date[8..]
    ))
}

/// YYYY-MM-DD (UTC) of `secs` seconds since 1970-01-01T00:00:00Z (H. Hinnant's civil-from-days).
fn civil_date(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_the_fetch_stamp() {
        for secs in [0, 1_764_288_000, 1_796_515_200, 951_782_400] {
            assert_eq!(
                civil_date(secs),
                crate::pricing::fetch::rfc3339_from_epoch(secs)[..10]
            );
        }
    }

    #[test]
    fn every_fetch_service_name_is_one_pricing_fetch_accepts() {
        for key in [
            "savings_plan.compute.ec2.linux.m5.large",
            "lambda.duration.arm64",
            "fargate.vcpu.linux.x86_64",
            "apigw.http.requests",
            "dynamodb.reads.standard",
            "ec2.linux.m5.large",
            "ebs.gp3",
            "nat.data",
            "rds.mysql.single_az.db.t4g.micro",
            "alb.hours",
            "ecr.storage",
            "eks.cluster",
            "data_transfer.out",
            "vpc.public_ipv4",
            "vpce.hours",
            "waf.rule",
        ] {
            let name = fetch_service(key).expect(key);
            assert!(
                crate::pricing::fetch::offer_code(name).is_ok(),
                "{key}: {name}"
            );
        }
        assert_eq!(fetch_service("logs.ingest"), None);
    }
}
