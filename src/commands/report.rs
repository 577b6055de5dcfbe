//! `archcost report`: every format and both charts in one folder, replaced atomically.
use super::{apply_currency, lang, load};
use crate::cli::ReportArgs;
use crate::error::Result;
use crate::report::folder;

pub fn run(args: ReportArgs) -> Result<u8> {
    let (mut s, catalog) = load(&args.input)?;
    apply_currency(&mut s, args.locale.currency, &args.input.scenario)?;
    let opts = folder::Options {
        lang: lang(args.locale.lang),
        bom: args.locale.bom,
    };
    let target = args
        .out
        .clone()
        .unwrap_or_else(|| folder::default_dir(&args.input.scenario));
    let written = folder::write(&s, &catalog, &target, opts)?;
    folder::print_written(&written, opts.lang);
    Ok(0)
}
