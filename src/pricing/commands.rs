//! The `pricing import|fetch|diff` commands: argument handling around `offer`, `fetch`, `diff`.
use super::{diff as pdiff, fetch, offer};
use crate::app::emit;
use crate::cli::{DiffArgs, DiffFormat, FetchArgs, ImportArgs};
use crate::error::{Error, Result};

pub fn import(args: ImportArgs) -> Result<u8> {
    let regions = offer::RegionFilter::parse(args.region.as_deref());
    let imports = offer::import_files(&args.files, &regions)?;
    if args.strict {
        offer::check_strict(&imports)?;
    }
    let (catalog, warnings) = offer::combine(&imports, &args.out.display().to_string());
    offer::warn_all(&imports, &warnings);
    if catalog.rows().is_empty() {
        return Err(Error::Input(format!(
            "no catalog rows in {} file(s){}; nothing was written\n  hint: give the regional offer files of the services archcost prices (pricing/KEYS.md)",
            imports.len(),
            args.region
                .as_deref()
                .map(|r| format!(" for region {r}"))
                .unwrap_or_default()
        )));
    }
    let meta = offer::Metadata::new(&imports, &catalog);
    offer::write_catalog_dir(&args.out, &catalog, &meta)?;
    eprintln!(
        "{}: {} rows ({} keys) for {} from {} offer file(s)",
        args.out.join("catalog.csv").display(),
        meta.rows,
        key_count(&catalog),
        meta.regions.join(", "),
        meta.offers.len()
    );
    Ok(0)
}

fn key_count(c: &super::Catalog) -> usize {
    let mut keys: Vec<(&str, &str)> = c
        .rows()
        .iter()
        .map(|r| (r.key.as_str(), r.region.as_str()))
        .collect();
    keys.dedup();
    keys.len()
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
    let (dir, meta) = fetch::run(&opts)?;
    eprintln!(
        "{}: {} rows for {} from {} offer file(s); use it with --pricing {}",
        dir.join("catalog.csv").display(),
        meta.rows,
        meta.regions.join(", "),
        meta.offers.len(),
        dir.display()
    );
    Ok(0)
}

pub fn diff(args: DiffArgs) -> Result<u8> {
    let old = pdiff::load_named(&args.old)?;
    let new = pdiff::load_named(&args.new)?;
    let changes = pdiff::diff(&old, &new);
    let bytes = match args.format {
        DiffFormat::Table => pdiff::render_table(&args.old, &args.new, &changes).into_bytes(),
        DiffFormat::Csv => pdiff::render_csv(&changes),
        DiffFormat::Json => pdiff::render_json(&args.old, &args.new, &changes),
    };
    emit(None, &bytes)?;
    Ok(0)
}
