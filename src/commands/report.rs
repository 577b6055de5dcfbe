//! `archcost report`: every format, the workbook and both charts in one folder, replaced
//! atomically, stamped with the version, the time (`SOURCE_DATE_EPOCH` when set) and the
//! scenario file's hash.
use super::{apply_currency, lang, load_with_text};
use crate::cli::ReportArgs;
use crate::error::Result;
use crate::report::folder;
use crate::report::stamp::{self, Stamp};

pub fn run(args: ReportArgs) -> Result<u8> {
    let epoch =
        match stamp::source_date_epoch(std::env::var_os(stamp::SOURCE_DATE_EPOCH).as_deref())? {
            Some(secs) => secs,
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0),
        };
    let (mut s, catalog, text) = load_with_text(&args.input)?;
    let file_name = args
        .input
        .scenario
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = Stamp::new(&file_name, text.as_bytes(), epoch);
    apply_currency(&mut s, args.locale.currency, &args.input.scenario)?;
    // Searched when an architecture has a search table; an infeasible search is shown, not fatal.
    let optimized = crate::optimize::for_scenario(&s, &catalog, &args.input.scenario, &text, None)?;
    let opts = folder::Options {
        lang: lang(args.locale.lang),
        bom: args.locale.bom,
        optimize: optimized.as_ref(),
    };
    let target = args
        .out
        .clone()
        .unwrap_or_else(|| folder::default_dir(&args.input.scenario));
    let written = folder::write(&s, &catalog, &target, opts, Some(&stamp))?;
    // The paths written, then the PNG font note (if any) on standard error.
    for f in &written.files {
        println!("{}", f.display());
    }
    if written.png_replaced > 0 {
        eprintln!("{}", opts.lang.png_replaced(written.png_replaced));
    }
    Ok(0)
}
