//! `archcost validate`: parse and check a scenario against its catalog without pricing it.
use super::load;
use crate::cli::ScenarioArgs;
use crate::error::Result;

pub fn run(args: ScenarioArgs) -> Result<u8> {
    let (s, catalog) = load(&args)?;
    let (oldest, newest) = catalog.effective_range(&s.regions()).unwrap_or_default();
    println!(
        "{}: ok — {} architectures, region {}, catalog {} (prices effective {oldest} to {newest})",
        args.scenario.display(),
        s.architectures.len(),
        crate::pricing::regions::describe(&s.region),
        catalog.origin,
    );
    Ok(0)
}
