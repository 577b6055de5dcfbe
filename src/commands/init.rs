//! `archcost init`: print a commented starting scenario.
use crate::cli::InitArgs;
use crate::error::Result;

pub fn run(args: InitArgs) -> Result<u8> {
    let text = crate::report::templates::scenario(&args.template)?;
    print!("{text}");
    Ok(0)
}
