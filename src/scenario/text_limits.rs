//! How long the free text of a scenario may be (names, description, region). Bounded, so that
//! every table, chart and workbook renders in time linear in a small input, error messages do
//! not echo megabytes, and every text fits an Excel cell (32,767 characters).
use super::types::Scenario;
use crate::error::{Error, Result};

/// Most characters in the scenario's name and each architecture's name.
pub const NAME_MAX_CHARS: usize = 200;
/// Most characters in the scenario's description.
pub const DESCRIPTION_MAX_CHARS: usize = 2_000;
/// Most characters in a region as written (the longest region name is under 40).
pub const REGION_MAX_CHARS: usize = 200;

/// The first text of `s` over its limit, as an input error naming the key and the limit.
pub fn check(file: &str, s: &Scenario) -> Result<()> {
    let mut texts: Vec<(String, &str, usize)> = vec![
        ("name".into(), s.name.as_str(), NAME_MAX_CHARS),
        ("region".into(), s.region.as_str(), REGION_MAX_CHARS),
    ];
    if let Some(d) = &s.description {
        texts.push(("description".into(), d, DESCRIPTION_MAX_CHARS));
    }
    for (i, a) in s.architectures.iter().enumerate() {
        texts.push((format!("architecture[{i}].name"), &a.name, NAME_MAX_CHARS));
        if let Some(r) = &a.region {
            texts.push((format!("architecture[{i}].region"), r, REGION_MAX_CHARS));
        }
    }
    for (key, text, max) in texts {
        // Counting stops past the limit: a megabyte is refused as fast as 201 characters.
        if text.chars().nth(max).is_some() {
            let chars = text.chars().count();
            let hint = if key.ends_with("name") {
                crate::said!(
                    "error.scenario.shorten_name",
                    DESCRIPTION_MAX_CHARS.to_string()
                )
            } else {
                crate::said!("error.scenario.shorten")
            };
            return Err(Error::Said(crate::said!(
                "error.scenario.at",
                file,
                key,
                crate::said!(
                    "error.scenario.too_long",
                    chars.to_string(),
                    max.to_string()
                ),
                hint
            )));
        }
    }
    Ok(())
}
