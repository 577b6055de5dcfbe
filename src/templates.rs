//! Scenario templates printed by `archcost init`: commented starting scenarios in English and
//! Japanese, compiled in from `templates/en/` and `templates/ja/`. The English `three-tier`
//! template is the example `scenarios/three-tier.toml` itself, so the two never drift apart.
//! Templates only describe workloads; every price comes from the catalog.
use crate::error::{Error, Result};
use crate::lang::Lang;

/// The text of `id` in `lang` (the id itself when the tables lack it; a test keeps them
/// complete).
fn word(lang: Lang, id: &'static str) -> &'static str {
    crate::messages::text(lang, id).unwrap_or(id)
}

/// One template: a name, the message id of its one-line summary (`ui.init.*`) and the
/// scenario text per language.
#[derive(Debug)]
pub struct Template {
    pub name: &'static str,
    summary: &'static str,
    en: &'static str,
    ja: &'static str,
}

impl Template {
    /// The scenario text, commented in `lang` (Japanese: Tokyo region, yen).
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }

    /// The text `archcost init` prints: the repository's `#:schema` line (a path inside this
    /// repository) becomes one naming `scenario.schema.json` beside the user's file, with a
    /// comment saying how to write it there (`archcost schema scenario`). See
    /// docs/reference/README.md ("Editor checking").
    pub fn for_init(&self, lang: Lang) -> String {
        let text = self.text(lang);
        let body = match text.split_once('\n') {
            Some((first, rest)) if first.starts_with("#:schema ") => rest,
            _ => text,
        };
        let how = word(lang, "ui.init.schema_comment");
        format!("{INIT_SCHEMA_LINE}\n{how}\n{body}")
    }

    /// What the template models, in one line.
    pub fn summary(&self, lang: Lang) -> &'static str {
        word(lang, self.summary)
    }
}

/// First line of what `init` prints: Taplo / Even Better TOML read a `#:schema` comment on
/// the first line and resolve a relative path against the TOML file's folder.
pub const INIT_SCHEMA_LINE: &str = "#:schema ./scenario.schema.json";

/// The template `archcost init` prints without `--template`.
pub const DEFAULT: &str = "three-tier";

/// Every template, in the order `init --list` shows them.
pub const ALL: &[Template] = &[
    Template {
        name: "three-tier",
        summary: "ui.init.three_tier",
        en: include_str!("../scenarios/three-tier.toml"),
        ja: include_str!("../templates/ja/three-tier.toml"),
    },
    Template {
        name: "serverless-api",
        summary: "ui.init.serverless_api",
        en: include_str!("../templates/en/serverless-api.toml"),
        ja: include_str!("../templates/ja/serverless-api.toml"),
    },
    Template {
        name: "container-web",
        summary: "ui.init.container_web",
        en: include_str!("../templates/en/container-web.toml"),
        ja: include_str!("../templates/ja/container-web.toml"),
    },
    Template {
        name: "internal-tool",
        summary: "ui.init.internal_tool",
        en: include_str!("../templates/en/internal-tool.toml"),
        ja: include_str!("../templates/ja/internal-tool.toml"),
    },
    Template {
        name: "batch-async",
        summary: "ui.init.batch_async",
        en: include_str!("../templates/en/batch-async.toml"),
        ja: include_str!("../templates/ja/batch-async.toml"),
    },
];

/// Template names, in list order.
pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|t| t.name).collect()
}

/// The template called `name`; an unknown name is an input error (exit 2) that lists every
/// template and suggests the closest name.
pub fn find(name: &str) -> Result<&'static Template> {
    if let Some(t) = ALL.iter().find(|t| t.name == name) {
        return Ok(t);
    }
    let names = names();
    let suggestion = crate::scenario::closest(name, &names)
        .or_else(|| crate::scenario::closest_name(name, &names));
    let did_you_mean = match suggestion {
        Some(best) => crate::said!("error.template.did_you_mean", best),
        None => crate::text::Text::from(""),
    };
    // The list in the message's language (each template's summary).
    let list = crate::text::Text::Foreign {
        en: list_lines(Lang::En, "    "),
        other: Box::new(crate::text::Text::Plain(list_lines(Lang::Ja, "    "))),
    };
    Err(Error::Said(crate::said!(
        "error.template.unknown",
        name,
        did_you_mean,
        list,
        suggestion.unwrap_or(DEFAULT)
    )))
}

/// The English text of the template called `name` (see [`find`] for unknown names).
pub fn scenario(name: &str) -> Result<&'static str> {
    find(name).map(|t| t.text(Lang::En))
}

/// `init --list`: one line per template, name then summary, with a how-to line at the end.
pub fn list(lang: Lang) -> String {
    let mut out = list_lines(lang, "");
    out.push('\n');
    out.push_str(word(lang, "ui.init.list_footer"));
    out
}

fn list_lines(lang: Lang, indent: &str) -> String {
    let width = ALL.iter().map(|t| t.name.len()).max().unwrap_or(0);
    ALL.iter()
        .map(|t| format!("{indent}{:<width$}  {}\n", t.name, t.summary(lang)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_the_default_exists() {
        let mut names = names();
        assert!(names.contains(&DEFAULT));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }

    #[test]
    fn unknown_name_suggests_the_closest_and_lists_all() {
        let msg = find("serverles-api").unwrap_err().to_string();
        assert!(msg.contains("did you mean `serverless-api`?"), "{msg}");
        for name in names() {
            assert!(msg.contains(name), "{msg}");
        }
    }

    #[test]
    fn japanese_templates_are_commented_in_japanese_and_priced_in_tokyo() {
        for t in ALL {
            let ja = t.text(Lang::Ja);
            assert!(ja.contains("region = \"ap-northeast-1\""), "{}", t.name);
            assert!(ja.contains("currency = \"JPY\""), "{}", t.name);
            assert!(
                ja.lines().any(|l| l.starts_with('#') && !l.is_ascii()),
                "{}",
                t.name
            );
        }
    }
}
