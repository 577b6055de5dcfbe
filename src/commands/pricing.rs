//! `archcost pricing show|import|fetch|diff`: the catalog commands around `pricing::{offer,
//! fetch, diff}`; the typed problems and warnings of `import` and `fetch` are worded here, with
//! the flags that chose them.
use super::{catalog_for, Output};
use crate::cli::{DiffArgs, FetchArgs, Format, ImportArgs, PricingCommand, ShowArgs};
use crate::error::{Error, Result};
use crate::pricing::problem::{HostRefused, Problem, Why};
use crate::pricing::{diff as pdiff, fetch, offer, regions, Catalog, PriceRow};

pub fn run(command: PricingCommand) -> Result<u8> {
    match command {
        PricingCommand::Show(args) => show(args),
        PricingCommand::Import(args) => import(args),
        PricingCommand::Fetch(args) => fetch(args),
        PricingCommand::Diff(args) => diff(args),
    }
    .map_err(|e| match e {
        Error::Catalog(p) if p.is_network() => Error::Network(words(&p)),
        Error::Catalog(p) => Error::Input(words(&p)),
        other => other,
    })
}

/// A problem of `pricing fetch` / `pricing import` in words, naming the flag that chose it.
fn words(p: &Problem) -> String {
    match p {
        Problem::NoCacheDir => {
            "no cache directory: neither XDG_CACHE_HOME nor HOME is set\n  hint: pass --out DIR".into()
        }
        Problem::UnknownService { name } => format!(
            "--services: unknown service `{name}`; use offer codes ({}) or lambda, fargate, apigw, dynamodb, ec2, rds, alb, ecr, eks, data-transfer, vpc, waf, savingsplan",
            offer::mapping::OFFERS.join(", ")
        ),
        Problem::NoRegion => {
            "--region: give at least one region code, e.g. --region ap-northeast-1".into()
        }
        Problem::OutNotAFolder { dir } => format!(
            "--out {}: exists and is not a folder\n  hint: give a catalog folder path, e.g. --out prices/",
            dir.display()
        ),
        Problem::OutHoldsOtherFiles { dir, files } => format!(
            "--out {}: the folder holds files archcost did not write ({}); refusing to replace it\n  hint: choose a new folder for the catalog",
            dir.display(),
            files.join(", ")
        ),
        Problem::UnreadableRows { file, count, first } => format!(
            "{file}: {count} row(s) could not be read (--strict): {}\n  hint: the file is damaged; download it again, or drop --strict to import the readable rows",
            first.join("; ")
        ),
        Problem::Deadline { timeout_s, dir } => format!(
            "pricing fetch: the whole fetch took longer than its deadline of {timeout_s} s (--timeout); the catalog in {} was not changed\n  hint: raise --timeout, or fetch fewer services/regions at a time",
            dir.display()
        ),
        Problem::IndexPointsElsewhere(refused) => {
            format!("the index points to {}", refused_words(refused))
        }
        Problem::Unreachable { url, why, dir } => {
            let why = match why {
                Why::Said(text) => text.clone(),
                Why::DeadlineInFile { timeout_s, bytes } => format!(
                    "the fetch passed its deadline of {timeout_s} s (--timeout) after {bytes} bytes of this file"
                ),
                Why::Redirect { before, refused } => {
                    format!("{before}: redirect refused: {}", refused_words(refused))
                }
            };
            format!(
                "cannot fetch {url}: {why}\n  hint: check the network connection or --base-url / ARCHCOST_PRICING_URL; the catalog in {} was not changed",
                dir.display()
            )
        }
    }
}

fn refused_words(r: &HostRefused) -> String {
    format!(
        "{r}\n  hint: if that host is trusted, pass --allow-hosts {}",
        r.host
    )
}

/// The first line of an error as the command words it.
fn first_line(e: &Error) -> String {
    let text = match e {
        Error::Catalog(p) => words(p),
        other => other.to_string(),
    };
    text.lines().next().unwrap_or("").to_string()
}

/// A fetch's warnings on standard error, as they happen.
fn print_event(event: fetch::Event<'_>) {
    match event {
        fetch::Event::Retry {
            error,
            retry,
            delay,
        } => eprintln!(
            "warning: {} (retry {retry} in {delay:?})",
            first_line(error)
        ),
        fetch::Event::Skipped(what) => eprintln!("warning: {what}; skipped"),
        fetch::Event::SavingsPlanSkipped(error) => eprintln!(
            "warning: Savings Plan rates not fetched: {}; skipped",
            first_line(error)
        ),
        fetch::Event::Warning(line) => eprintln!("{line}"),
    }
}

/// `pricing show`: catalog rows filtered by region, service (key prefix) and instance family.
pub fn show(args: ShowArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "pricing show",
        &[Format::Table, Format::Csv, Format::Json],
    )?;
    out.display_usd("pricing show")?;
    let catalog = catalog_for(args.pricing.as_deref())?;
    let region = match args.region.as_deref() {
        None => None,
        Some(text) => Some(show_region(text, &catalog)?),
    };
    let pool: &[PriceRow] = match region {
        Some(code) => catalog.region(code),
        None => catalog.rows(),
    };
    let rows: Vec<&PriceRow> = pool
        .iter()
        .filter(|r| {
            args.service
                .as_deref()
                .is_none_or(|svc| r.key == svc || r.key.starts_with(&format!("{svc}.")))
        })
        .filter(|r| args.family.as_deref().is_none_or(|f| in_family(&r.key, f)))
        .collect();
    if rows.is_empty() {
        if let Some(svc) = args.service.as_deref() {
            let mut prefixes: Vec<&str> = pool
                .iter()
                .filter_map(|r| r.key.split('.').next())
                .collect();
            prefixes.sort_unstable();
            prefixes.dedup();
            if !prefixes.contains(&svc.split('.').next().unwrap_or(svc)) {
                let hint = crate::scenario::closest(svc, &prefixes)
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                return Err(Error::Input(format!(
                    "pricing show --service {svc}: no such service in the catalog\n  hint: {hint}services: {}",
                    prefixes.join(", ")
                )));
            }
        }
        return Err(Error::Input(format!(
            "pricing show: no catalog rows match (region {}, service {}, family {})\n  hint: regions: {}; services are key prefixes such as lambda, ec2, rds; families look like t4g or db.r6g",
            region.unwrap_or("any"),
            args.service.as_deref().unwrap_or("any"),
            args.family.as_deref().unwrap_or("any"),
            catalog.regions().join(", ")
        )));
    }
    let bytes = match out.format {
        Format::Csv => {
            let sub = Catalog::new(catalog.origin.clone(), rows.into_iter().cloned().collect());
            out.csv(crate::pricing::catalog_csv::write(&sub))
        }
        Format::Json => {
            let doc = PriceRows {
                schema: "archcost/prices/1",
                catalog: &catalog.origin,
                rows: &rows,
            };
            let mut out = serde_json::to_vec_pretty(&doc)
                .map_err(|e| Error::Input(format!("pricing show: {e}")))?;
            out.push(b'\n');
            out
        }
        _ => crate::report::table::price_rows(&rows).into_bytes(),
    };
    out.emit(&bytes)?;
    Ok(0)
}

/// `pricing show --format json`: the rows in docs/reference/catalog.md column order, money as exact strings.
#[derive(serde::Serialize)]
struct PriceRows<'a> {
    schema: &'static str,
    catalog: &'a str,
    rows: &'a [&'a PriceRow],
}

/// The catalog region `text` names (code, location name, Japanese name or alias).
fn show_region<'a>(text: &str, catalog: &'a Catalog) -> Result<&'a str> {
    let code = regions::resolve(text).map_or(text, |r| r.code);
    if let Some(found) = catalog.regions().iter().find(|r| *r == code) {
        return Ok(found);
    }
    let hint = match regions::resolve(text).or_else(|| regions::suggest(text)) {
        Some(r) if catalog.regions().iter().any(|c| c == r.code) => {
            format!("did you mean `{}` ({})?", r.code, r.name)
        }
        Some(r) => format!(
            "{} ({}) has no prices in the {} catalog; `archcost pricing fetch --region {}` builds them",
            r.code, r.name, catalog.origin, r.code
        ),
        None => format!("regions with prices: {}", catalog.regions().join(", ")),
    };
    Err(Error::Input(format!(
        "pricing show: --region `{text}` is not a region of the {} catalog\n  hint: {hint}",
        catalog.origin
    )))
}

/// Whether `key` prices an instance of `family`: `ec2.linux.<family>.<size>` or
/// `rds.<engine>.<az>.db.<family>.<size>` (`db.` optional in `family` for RDS).
fn in_family(key: &str, family: &str) -> bool {
    let instance = if let Some(rest) = key.strip_prefix("ec2.linux.") {
        rest
    } else if key.starts_with("rds.") {
        match key.find(".db.") {
            Some(i) => &key[i + 1..],
            None => return false,
        }
    } else {
        return false;
    };
    let fam = instance.rsplit_once('.').map_or(instance, |(f, _)| f);
    fam == family || fam.strip_prefix("db.") == Some(family)
}

pub fn import(args: ImportArgs) -> Result<u8> {
    let regions = offer::RegionFilter::parse(args.region.as_deref());
    let mut imports = offer::import_files(&args.files, &regions)?;
    if args.strict {
        offer::check_strict(&imports)?;
    }
    let origin = args.out.display().to_string();
    let rows = offer::take_rows(&mut imports);
    let (commitments, rate_warnings) = offer::combine_commitments(&imports);
    let print_warnings = |catalog_warnings: Vec<String>| {
        let mut warnings = catalog_warnings;
        warnings.extend(rate_warnings);
        for line in offer::warning_lines(&imports, &warnings) {
            eprintln!("{line}");
        }
    };
    if rows.is_empty() && commitments.is_empty() {
        print_warnings(offer::combine_rows(rows, &origin).1);
        return Err(Error::Input(format!(
            "no catalog rows or commitment rates in {} file(s){}; nothing was written\n  hint: give the regional offer files of the services archcost prices (pricing/KEYS.md)",
            imports.len(),
            args.region
                .as_deref()
                .map(|r| format!(" for region {r}"))
                .unwrap_or_default()
        )));
    }
    // commitments.csv (the largest file by far with Reserved terms) is rendered and flushed to
    // disk while the catalog rows are combined; errors come after the warnings, as they would
    // one step after the other.
    let staged = offer::StagedCatalog::begin(&args.out);
    let (catalog, meta, written) = std::thread::scope(|scope| {
        let writer = staged
            .as_ref()
            .ok()
            .map(|staged| scope.spawn(|| staged.write_commitments(&commitments)));
        let (catalog, warnings) = offer::combine_rows(rows, &origin);
        print_warnings(warnings);
        let meta = offer::Metadata::new(&imports, &catalog, &commitments);
        let catalog_written = match &staged {
            Ok(staged) => staged.write_catalog(&catalog, &meta),
            Err(_) => Ok(()),
        };
        let written = writer.map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (catalog, meta, (written, catalog_written))
    });
    let staged = staged?;
    // When both fail, the error of the files written first when they did not overlap
    // (metadata.json, catalog.csv, then commitments.csv).
    let (commitments_written, catalog_written) = written;
    catalog_written?;
    commitments_written.unwrap_or(Ok(()))?;
    staged.finish()?;
    eprintln!(
        "{}: {} rows ({} keys) for {} from {} offer file(s)",
        args.out.join("catalog.csv").display(),
        meta.rows,
        catalog.key_count(),
        meta.regions.join(", "),
        meta.offers.len()
    );
    if !commitments.is_empty() {
        eprintln!(
            "{}: {} commitment rates (Reserved terms, Savings Plan rates)",
            args.out.join(offer::COMMITMENTS_FILE).display(),
            meta.commitment_rows
        );
    }
    // The command ends here: the rows (hundreds of thousands from a large offer file) go back
    // to the system with the process instead of being freed one by one.
    std::mem::forget(commitments);
    std::mem::forget((imports, catalog));
    Ok(0)
}

pub fn fetch(args: FetchArgs) -> Result<u8> {
    let opts = fetch::FetchOptions {
        regions: args.region,
        services: args.services,
        base_url: args.base_url,
        out: args.out,
        timeout: std::time::Duration::from_secs(args.timeout),
        allow_hosts: args.allow_hosts,
    };
    let (dir, meta) = fetch::run(&opts, &print_event)?;
    eprintln!(
        "{}: {} rows for {} from {} offer file(s); use it with --pricing {}",
        dir.join("catalog.csv").display(),
        meta.rows,
        meta.regions.join(", "),
        meta.offers.len(),
        dir.display()
    );
    if meta.commitment_rows > 0 {
        eprintln!(
            "{}: {} commitment rates (Reserved terms, Savings Plan rates)",
            dir.join(offer::COMMITMENTS_FILE).display(),
            meta.commitment_rows
        );
    }
    Ok(0)
}

pub fn diff(args: DiffArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "pricing diff",
        &[Format::Table, Format::Csv, Format::Json],
    )?;
    out.display_usd("pricing diff")?;
    let old = pdiff::load_named(&args.old)?;
    let new = pdiff::load_named(&args.new)?;
    let changes = pdiff::diff(&old, &new);
    let bytes = match out.format {
        Format::Csv => out.csv(pdiff::render_csv(&changes)),
        Format::Json => pdiff::render_json(&args.old, &args.new, &changes),
        _ => pdiff::render_table(&args.old, &args.new, &changes).into_bytes(),
    };
    out.emit(&bytes)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The flags are named only when the command words a problem; the problem itself names
    /// the setting plainly.
    #[test]
    fn problems_are_worded_with_their_flags_here_only() {
        let refused = HostRefused {
            url: "https://cdn.example/x.csv".into(),
            host: "cdn.example".into(),
            base_host: "pricing.example".into(),
        };
        let cases = [
            (
                Problem::OutNotAFolder { dir: PathBuf::from("prices") },
                "--out prices: exists and is not a folder\n  hint: give a catalog folder path, e.g. --out prices/",
            ),
            (
                Problem::UnreadableRows {
                    file: "ec2.csv".into(),
                    count: 2,
                    first: vec!["line 3: bad".into(), "line 9: bad".into()],
                },
                "ec2.csv: 2 row(s) could not be read (--strict): line 3: bad; line 9: bad\n  hint: the file is damaged; download it again, or drop --strict to import the readable rows",
            ),
            (
                Problem::Deadline { timeout_s: 5, dir: PathBuf::from("p") },
                "pricing fetch: the whole fetch took longer than its deadline of 5 s (--timeout); the catalog in p was not changed\n  hint: raise --timeout, or fetch fewer services/regions at a time",
            ),
            (
                Problem::IndexPointsElsewhere(refused.clone()),
                "the index points to `https://cdn.example/x.csv`: host `cdn.example` is not the base URL's host `pricing.example`; refused\n  hint: if that host is trusted, pass --allow-hosts cdn.example",
            ),
            (
                Problem::Unreachable {
                    url: "https://pricing.example/i.json".into(),
                    why: Why::DeadlineInFile { timeout_s: 5, bytes: 10 },
                    dir: PathBuf::from("p"),
                },
                "cannot fetch https://pricing.example/i.json: the fetch passed its deadline of 5 s (--timeout) after 10 bytes of this file\n  hint: check the network connection or --base-url / ARCHCOST_PRICING_URL; the catalog in p was not changed",
            ),
        ];
        for (problem, said) in cases {
            assert_eq!(words(&problem), said);
            assert!(!problem.to_string().contains("--"), "{problem}");
        }
        // Network problems exit 1, the caller's input 2.
        assert_eq!(Error::from(Problem::NoRegion).exit_code(), 2);
        assert_eq!(
            Error::from(Problem::IndexPointsElsewhere(refused)).exit_code(),
            1
        );
    }
}
