//! `archcost init`: print a commented starting scenario, or list the templates (`--list`).
use crate::cli::{InitArgs, LangArg};
use crate::error::Result;
use crate::lang::Lang;
use crate::templates;

/// Print the template (or the list) to standard output; an unknown template is exit 2.
pub fn run(args: InitArgs) -> Result<u8> {
    let lang = match args.lang {
        LangArg::En => Lang::En,
        LangArg::Ja => Lang::Ja,
    };
    let text = if args.list {
        templates::list(lang)
    } else {
        templates::find(&args.template)?.for_init(lang)
    };
    super::emit(None, text.as_bytes())?;
    Ok(0)
}
