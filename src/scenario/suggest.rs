//! What to tell a user whose region, EC2 instance or RDS class has no price: that it is not in
//! the catalog (with the catalog's snapshot date for the region and the `pricing fetch` command
//! that gets today's list — never a claim about what AWS sells), where else it is priced, and
//! "did you mean" candidates that stay within the instance family and generation
//! (`t4g.meduim` -> `t4g.medium`, never `t3.medium`).
use crate::error::Text;
use crate::pricing::{regions, Catalog};
use crate::said;

/// Most regions listed in one message.
const MAX_LISTED: usize = 12;

/// Why `region` cannot be priced, and what to write instead: (message, hint).
pub fn region(region: &str, catalog: &Catalog) -> (Text, Text) {
    let bundled = catalog.regions().len();
    match regions::by_code(region) {
        Some(r) => (
            said!(
                "error.suggest.region_no_prices",
                r.code,
                r.name,
                &catalog.origin
            ),
            said!(
                "error.suggest.region_fetch",
                &catalog.origin,
                bundled,
                r.code
            ),
        ),
        None => {
            let hint = match regions::suggest(region) {
                Some(r) => said!("error.suggest.region_did_you_mean", r.code, r.name),
                None => said!("error.suggest.region_write", catalog.regions().join(", ")),
            };
            (said!("error.suggest.region_unknown", region), hint)
        }
    }
}

/// The product an instance name belongs to, as words (`EC2 instance`, `RDS mysql multi-az class`).
fn product(what: &str) -> Text {
    if what == "EC2 instance" {
        return said!("error.suggest.ec2_instance");
    }
    match what
        .strip_prefix("RDS ")
        .and_then(|w| w.strip_suffix(" class"))
    {
        Some(engine_az) => said!("error.suggest.rds_class", engine_az),
        None => Text::from(what),
    }
}

/// The family part of an instance name: `t4g.medium` -> `t4g`, `db.r6g.large` -> `db.r6g`.
fn family(instance: &str) -> &str {
    instance.rsplit_once('.').map_or(instance, |(f, _)| f)
}

/// The size part: `t4g.medium` -> `medium`.
fn size(instance: &str) -> &str {
    instance.rsplit_once('.').map_or("", |(_, s)| s)
}

/// Why `instance` (a key suffix after `prefix`, e.g. `ec2.linux.`) has no price in `region`, and
/// what to do: (message, hint). `what` names the product ("EC2 instance", "RDS mysql class").
pub fn instance(
    catalog: &Catalog,
    region: &str,
    prefix: &str,
    instance: &str,
    what: &str,
) -> (Text, Text) {
    let place = regions::describe(region);
    let here: Vec<String> = catalog
        .keys_with_prefix(region, prefix)
        .into_iter()
        .map(|k| k[prefix.len()..].to_string())
        .collect();
    let same_family: Vec<&str> = here
        .iter()
        .map(String::as_str)
        .filter(|c| family(c) == family(instance))
        .collect();
    let sold_in = catalog.regions_with(&format!("{prefix}{instance}"));
    let fetch = fetch_hint(region, prefix);
    let what_text = product(what);
    if !sold_in.is_empty() {
        let ctx = Elsewhere {
            catalog,
            region,
            prefix,
            instance,
            place: &place,
        };
        return priced_elsewhere(&ctx, what_text, &sold_in, &same_family, fetch);
    }
    let message = said!(
        "error.suggest.not_in_catalog_anywhere",
        what_text.clone(),
        instance,
        &catalog.origin,
        snapshot(catalog, region, prefix),
        place
    );
    // A typo in the size: suggest within the same family and generation only.
    if let Some(best) = closest_name(instance, &same_family) {
        return (message, said!("error.toml.did_you_mean", best));
    }
    // The family exists elsewhere: suggest among its sizes in any region.
    let everywhere = all_keys_in_family(catalog, prefix, family(instance));
    let names: Vec<&str> = everywhere.iter().map(String::as_str).collect();
    if let Some(best) = closest_name(instance, &names) {
        let regions = catalog.regions_with(&format!("{prefix}{best}"));
        let listed: Vec<&str> = regions.iter().take(MAX_LISTED).copied().collect();
        return (
            message,
            said!(
                "error.suggest.did_you_mean_elsewhere",
                best,
                region,
                listed.join(", ")
            ),
        );
    }
    // A typo in the family: the same size in a family one letter away, when only one fits.
    let near: Vec<&str> = here
        .iter()
        .map(String::as_str)
        .filter(|c| {
            size(c) == size(instance) && strsim::levenshtein(family(c), family(instance)) == 1
        })
        .collect();
    if near.len() == 1 {
        return (message, said!("error.toml.did_you_mean", near[0]));
    }
    let mut families: Vec<&str> = here.iter().map(|c| family(c)).collect();
    families.dedup();
    let hint = if families.is_empty() {
        said!("error.suggest.none_here", what_text, region, fetch)
    } else {
        said!(
            "error.suggest.families_here",
            what_text,
            region,
            families.join(", "),
            fetch
        )
    };
    (message, hint)
}

/// Where an instance name is looked up, for the messages about it.
struct Elsewhere<'a> {
    catalog: &'a Catalog,
    region: &'a str,
    prefix: &'a str,
    instance: &'a str,
    place: &'a str,
}

/// `instance` has no price here but has one in other regions of the catalog: say where, and
/// which sizes of its family are priced here.
fn priced_elsewhere(
    c: &Elsewhere,
    what_text: Text,
    sold_in: &[&str],
    same_family: &[&str],
    fetch: Text,
) -> (Text, Text) {
    let message = said!(
        "error.suggest.not_in_catalog",
        what_text,
        c.instance,
        &c.catalog.origin,
        snapshot(c.catalog, c.region, c.prefix),
        c.place
    );
    let listed: Vec<&str> = sold_in.iter().take(MAX_LISTED).copied().collect();
    let more = sold_in.len().saturating_sub(MAX_LISTED);
    let more = if more > 0 {
        said!("error.suggest.and_more", more)
    } else {
        Text::from("")
    };
    let hint = said!(
        "error.suggest.priced_elsewhere",
        fetch,
        c.instance,
        sold_in.len(),
        listed.join(", "),
        more
    );
    let sizes = if same_family.is_empty() {
        said!("error.suggest.no_sizes_here", family(c.instance), c.region)
    } else {
        said!(
            "error.suggest.sizes_here",
            family(c.instance),
            c.region,
            same_family.join(", ")
        )
    };
    (message, said!("error.suggest.then", hint, sizes))
}

/// "snapshot 2025-11-04": the newest date of the catalog's `prefix` rows in `region` (of all its
/// rows when it has none of them).
fn snapshot(catalog: &Catalog, region: &str, prefix: &str) -> Text {
    let newest = crate::pricing::date_range(
        catalog
            .region(region)
            .iter()
            .filter(|r| r.key.starts_with(prefix))
            .map(|r| r.effective.as_str()),
    )
    .or_else(|| catalog.effective_range(&[region]))
    .map(|(_, newest)| newest);
    match newest {
        Some(date) => said!("error.suggest.snapshot", date),
        None => said!("error.suggest.no_rows"),
    }
}

/// The command that gets today's list of the service a key prefix belongs to.
fn fetch_hint(region: &str, prefix: &str) -> Text {
    let service = crate::pricing::freshness::fetch_service(prefix).unwrap_or("ec2");
    said!("error.suggest.fetch", region, service)
}

/// Every instance name of `family` under `prefix` in any region (parses all regions; used only
/// on the error path).
fn all_keys_in_family(catalog: &Catalog, prefix: &str, family_name: &str) -> Vec<String> {
    let want = format!("{prefix}{family_name}.");
    let mut out: Vec<String> = catalog
        .regions()
        .iter()
        .flat_map(|r| catalog.keys_with_prefix(r, &want))
        .map(|k| k[prefix.len()..].to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The candidate within two edits of `got` (for instance names, where similar-looking names
/// are different products).
pub fn closest_name<'a>(got: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let got_chars = got.chars().count();
    candidates
        .iter()
        // Two edits cannot bridge a length difference of three or more.
        .filter(|c| got_chars.abs_diff(c.chars().count()) <= 2)
        .map(|c| (strsim::levenshtein(got, c), *c))
        .filter(|(edits, _)| *edits <= 2)
        .min_by_key(|(edits, _)| *edits)
        .map(|(_, c)| c)
}

/// The candidate closest to `got` when it is close enough to be a typo.
pub fn closest<'a>(got: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let got_chars = got.chars().count();
    candidates
        .iter()
        .filter(|c| !regions::too_long_to_be_close(got_chars, c))
        .map(|c| (strsim::jaro_winkler(got, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
