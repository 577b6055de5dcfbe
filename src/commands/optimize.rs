//! `archcost optimize`: search each architecture's `[architecture.search]` choices for the
//! cheapest feasible configuration; every output format; `--write` writes the scenario with each
//! best configuration substituted (comments and layout kept). Exit 3 when an architecture has
//! no feasible configuration at all.
use super::{load_with_text, Output};
use crate::cli::{Format, OptimizeArgs};
use crate::error::{Error, Result};
use crate::optimize::{self, power_tuning, space::Setting, OptimizeReport};
use crate::report::optimize as render;
use crate::scenario;
use std::io::IsTerminal;
use toml_edit::{DocumentMut, Item, Value};

pub fn run(args: OptimizeArgs) -> Result<u8> {
    let out = Output::new(
        &args.output,
        "optimize",
        &[
            Format::Table,
            Format::Csv,
            Format::Json,
            Format::Markdown,
            Format::Html,
        ],
    )?;
    let (mut s, catalog, text) = load_with_text(&args.input)?;
    let display = out.display(&mut s, &args.input.scenario)?;
    let file = args.input.scenario.display().to_string();
    if let Some(name) = &args.arch {
        if !s.architectures.iter().any(|a| &a.name == name) {
            let names: Vec<&str> = s.architectures.iter().map(|a| a.name.as_str()).collect();
            return Err(Error::Said(crate::said!(
                "error.cli.no_arch",
                name,
                file.as_str(),
                names.join(", ")
            )));
        }
    }
    let measured = power_tuning::read_files(&s, &args.input.scenario, &file, &text)?;
    let opts = optimize::Options {
        arch: args.arch.as_deref(),
        top: usize::from(args.top),
        file: &file,
        measured,
        bounds: None,
    };
    let bar = progress_bar();
    let started = std::time::Instant::now();
    let mut progress = |done: u64, total: u64| {
        // Shown only on a terminal, and only once a search has run for a second.
        if started.elapsed().as_secs() >= 1 {
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let result = optimize::run(&s, &catalog, &opts, &mut progress)
        .map_err(|e| scenario::with_location(&file, &text, e))?;
    bar.finish_and_clear();
    let bytes = match out.format {
        Format::Json => render::json(&result),
        Format::Csv => out.csv(render::csv(&result, &display)),
        Format::Markdown => render::markdown(&result, &display).into_bytes(),
        Format::Html => render::html(&result, &display).into_bytes(),
        Format::Table => render::table(&result, &display).into_bytes(),
    };
    out.emit(&bytes)?;
    if let Some(path) = &args.write {
        let written = substitute(&text, &result)
            .map_err(|e| Error::Input(format!("--write {}: {e}", path.display())))?;
        crate::fsio::write_atomic(path, written.as_bytes())?;
    }
    let infeasible = result
        .architectures
        .iter()
        .any(|a| a.searched && a.best.is_none());
    Ok(if infeasible { 3 } else { 0 })
}

fn progress_bar() -> indicatif::ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        indicatif::ProgressDrawTarget::stderr()
    } else {
        indicatif::ProgressDrawTarget::hidden()
    };
    let bar = indicatif::ProgressBar::with_draw_target(None, target);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("optimize {pos}/{len} [{wide_bar}] {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// The scenario text with each architecture's best configuration written into its tiers.
pub fn substitute(text: &str, r: &OptimizeReport) -> std::result::Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let archs = doc
        .get_mut("architecture")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or("the scenario has no [[architecture]] tables")?;
    for a in &r.architectures {
        let Some(best) = &a.best else { continue };
        let Some(table) = archs
            .iter_mut()
            .find(|t| t.get("name").and_then(Item::as_str) == Some(a.name.as_str()))
        else {
            continue;
        };
        for (tier, settings) in &best.settings {
            match table.get_mut(tier) {
                Some(Item::Value(Value::InlineTable(t))) => {
                    let last_before = last_key(t);
                    let tail = last_before
                        .as_deref()
                        .and_then(|k| t.get(k))
                        .and_then(|v| v.decor().suffix())
                        .and_then(|r| r.as_str())
                        .map(str::to_string);
                    for (k, v) in settings {
                        match to_value(v) {
                            Some(val) => {
                                t.insert(*k, val);
                            }
                            None => {
                                t.remove(k);
                            }
                        }
                    }
                    keep_closing_space(t, last_before.as_deref(), tail.as_deref());
                }
                Some(Item::Table(t)) => {
                    for (k, v) in settings {
                        match to_value(v) {
                            Some(val) => {
                                t.insert(k, Item::Value(val));
                            }
                            None => {
                                t.remove(k);
                            }
                        }
                    }
                }
                _ => return Err(format!("architecture {}: tier {tier} not found", a.name)),
            }
        }
    }
    Ok(doc.to_string())
}

/// The key written last in an inline table.
fn last_key(t: &toml_edit::InlineTable) -> Option<String> {
    t.iter().last().map(|(k, _)| k.to_string())
}

/// After keys were added to or removed from the end of an inline table, the space before its
/// closing brace belongs to the new last value, not to the value that was last
/// (`max_tasks = 50, arch = "arm64" }`, not `max_tasks = 50 , arch = "arm64"}`). `tail` is what
/// followed the last value before (only blanks are moved).
fn keep_closing_space(
    t: &mut toml_edit::InlineTable,
    last_before: Option<&str>,
    tail: Option<&str>,
) {
    let Some(tail) = tail.filter(|s| s.chars().all(|c| c == ' ' || c == '\t')) else {
        return;
    };
    let last_now = last_key(t);
    if last_now.as_deref() == last_before {
        return;
    }
    if let Some(v) = last_before.and_then(|k| t.get_mut(k)) {
        v.decor_mut().set_suffix("");
    }
    if let Some(v) = last_now.and_then(|k| t.get_mut(&k)) {
        v.decor_mut().set_suffix(tail);
    }
}

fn to_value(s: &Setting) -> Option<Value> {
    Some(match s {
        Setting::Str(v) => Value::from(v.as_str()),
        Setting::Bool(b) => Value::from(*b),
        Setting::Num(n) => {
            let n = n.normalize();
            if n.fract().is_zero() {
                match i64::try_from(n) {
                    Ok(i) => Value::from(i),
                    Err(_) => Value::from(n.to_string().parse::<f64>().unwrap_or(0.0)),
                }
            } else {
                // Written as the exact decimal text (a TOML float literal).
                n.to_string().parse::<Value>().ok()?
            }
        }
        Setting::Remove => return None,
    })
}
