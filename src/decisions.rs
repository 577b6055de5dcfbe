//! The decision commands `diff` and `sensitivity` (sweep and breakeven live in
//! `report::sweep`), and the low / expected / high section `compare` prints for ranged inputs.
use crate::app::{self, emit};
use crate::cli::{Format, ScenarioArgs, ScenarioDiffArgs, SensitivityArgs};
use crate::compare;
use crate::diff;
use crate::error::{Error, Result};
use crate::sensitivity;
use rust_decimal::Decimal;

pub fn diff_cmd(args: ScenarioDiffArgs) -> Result<u8> {
    let load = |path: &std::path::Path, pricing: Option<&std::path::PathBuf>| {
        app::load(&ScenarioArgs {
            scenario: path.to_path_buf(),
            pricing: pricing.cloned(),
        })
    };
    let (sa, ca) = load(&args.a, args.pricing.as_ref())?;
    let (sb, cb) = load(&args.b, args.pricing_b.as_ref().or(args.pricing.as_ref()))?;
    let ra = compare::evaluate(&sa, &ca)?;
    let rb = compare::evaluate(&sb, &cb)?;
    let d = diff::diff(
        &ra,
        &args.a.display().to_string(),
        &rb,
        &args.b.display().to_string(),
    );
    let bytes = match args.format {
        Format::Table => diff::render_table(&d).into_bytes(),
        Format::Markdown => diff::render_markdown(&d).into_bytes(),
        Format::Json => diff::render_json(&d),
        other => {
            return Err(Error::Input(
                format!("diff --format {other:?}: use table, markdown or json").to_lowercase(),
            ))
        }
    };
    emit(args.out.as_deref(), &bytes)?;
    Ok(0)
}

pub fn sensitivity_cmd(args: SensitivityArgs) -> Result<u8> {
    let (s, catalog) = app::load(&args.input)?;
    let percent = crate::report::sweep::parse_decimal("--percent", &args.percent)?;
    if percent <= Decimal::ZERO || percent >= Decimal::ONE_HUNDRED {
        return Err(Error::Input(format!(
            "--percent {}: expected more than 0 and less than 100",
            percent
        )));
    }
    let r = sensitivity::sensitivity(&s, &catalog, percent)?;
    let bytes = match args.format {
        Format::Json => sensitivity::render_json(&r),
        _ => sensitivity::render_table(&r).into_bytes(),
    };
    emit(None, &bytes)?;
    Ok(0)
}

/// Ranged workload inputs of a report's scenario, as "key low / expected / high".
fn range_rows(rep: &compare::Report) -> Vec<(String, Decimal, Decimal, Decimal)> {
    rep.architectures
        .iter()
        .filter_map(|a| {
            a.range
                .as_ref()
                .map(|r| (a.name.clone(), r.low_usd, r.expected_usd, r.high_usd))
        })
        .collect()
}

/// Terminal section of `compare`: low / expected / high totals (empty without ranges).
pub fn range_table(rep: &compare::Report) -> String {
    use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
    let rows = range_rows(rep);
    if rows.is_empty() {
        return String::new();
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec!["Architecture", "Low", "Expected", "High"]);
    for (n, l, e, h) in rows {
        t.add_row(vec![
            n,
            crate::report::money(rep, l),
            crate::report::money(rep, e),
            crate::report::money(rep, h),
        ]);
    }
    format!(
        "\nUncertainty: monthly total with every ranged workload input at its low / expected / high value\n{t}\n"
    )
}

/// Markdown section of `compare`: low / expected / high totals (empty without ranges).
pub fn range_markdown(rep: &compare::Report) -> String {
    let rows = range_rows(rep);
    if rows.is_empty() {
        return String::new();
    }
    let mut o = String::from("\n## Uncertainty (ranged inputs all low / expected / high)\n\n| Architecture | Low | Expected | High |\n|---|---:|---:|---:|\n");
    for (n, l, e, h) in rows {
        o.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            crate::report::markdown::cell(&n),
            crate::report::money(rep, l),
            crate::report::money(rep, e),
            crate::report::money(rep, h)
        ));
    }
    o
}
