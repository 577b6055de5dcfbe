//! `archcost validate`: parse and check a scenario against its catalog without pricing it.
use super::load;
use crate::cli::ValidateArgs;
use crate::error::Result;
use crate::lang::Lang;
use crate::messages::render;
use crate::pricing::regions;

pub fn run(args: ValidateArgs) -> Result<u8> {
    let lang = super::lang(args.lang);
    let (s, catalog) = load(&args.input)?;
    let (oldest, newest) = catalog.effective_range(&s.regions()).unwrap_or_default();
    let region = match (lang, regions::by_code(&s.region)) {
        (Lang::Ja, Some(r)) => format!("{} ({})", r.code, r.name_ja),
        _ => regions::describe(&s.region),
    };
    let origin = match (lang, catalog.origin.as_str()) {
        (Lang::Ja, "bundled") => render(lang, "console.validate.bundled", &[]),
        (_, o) => o.to_string(),
    };
    println!(
        "{}",
        render(
            lang,
            "console.validate.ok",
            &[
                &args.input.scenario.display().to_string(),
                &s.architectures.len().to_string(),
                &region,
                &origin,
                &oldest,
                &newest,
            ],
        )
    );
    Ok(0)
}
