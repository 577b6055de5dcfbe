//! Every text archcost shows people, keyed by message id, in one table per language:
//! `messages/en.toml` and `messages/ja.toml`, compiled in. An id is `group.[subgroup.]name`
//! (`line.lambda.lambda_requests`, `note.…`, `finding.…`, `remedy.…`); `{0}`, `{1}`… in a text
//! are the values in the order the English gives them. Code names an id and its values
//! ([`Msg`]); the language is chosen when the text is shown. A test checks that both tables
//! hold the same ids with the same values (docs/reference/messages.md).
use crate::lang::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

const EN_TOML: &str = include_str!("../messages/en.toml");
const JA_TOML: &str = include_str!("../messages/ja.toml");

/// One language's table: ids in file order, and id → text.
pub struct Table {
    pub ids: Vec<&'static str>,
    pub texts: HashMap<&'static str, &'static str>,
}

/// Parse a table: nested TOML tables of strings, in document order (the order matters where
/// texts are matched, most specific first). A value that is not a string is skipped.
fn parse(text: &'static str) -> Table {
    let mut table = Table {
        ids: Vec::new(),
        texts: HashMap::new(),
    };
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else {
        return table;
    };
    fn walk(prefix: &str, t: &dyn toml_edit::TableLike, out: &mut Vec<(String, String)>) {
        for (key, item) in t.iter() {
            let id = if prefix.is_empty() {
                key.to_string()
            } else {
                format!("{prefix}.{key}")
            };
            if let Some(sub) = item.as_table_like() {
                walk(&id, sub, out);
            } else if let Some(s) = item.as_str() {
                out.push((id, s.to_string()));
            }
        }
    }
    let mut pairs = Vec::new();
    walk("", doc.as_table(), &mut pairs);
    for (id, text) in pairs {
        // Leaked once per process: the tables live as long as the program.
        let id: &'static str = Box::leak(id.into_boxed_str());
        let text: &'static str = Box::leak(text.into_boxed_str());
        table.ids.push(id);
        table.texts.insert(id, text);
    }
    table
}

/// The table of `lang`, parsed once.
pub fn table(lang: Lang) -> &'static Table {
    static EN: OnceLock<Table> = OnceLock::new();
    static JA: OnceLock<Table> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| parse(EN_TOML)),
        Lang::Ja => JA.get_or_init(|| parse(JA_TOML)),
    }
}

/// The text of `id` in `lang` (None when the table lacks it).
pub fn text(lang: Lang, id: &str) -> Option<&'static str> {
    table(lang).texts.get(id).copied()
}

/// `(id, English, Japanese)` of every id under `group` (`"line"`, `"note"`…), in the English
/// table's order.
pub fn group(group: &str) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> + '_ {
    let en = table(Lang::En);
    en.ids.iter().filter_map(move |id| {
        let rest = id.strip_prefix(group)?;
        if !rest.starts_with('.') {
            return None;
        }
        Some((*id, en.texts[id], text(Lang::Ja, id)?))
    })
}

/// Put `values` into the `{0}`, `{1}`… slots of `template`.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let slot = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match slot.and_then(|(i, close)| Some((values.get(i)?, close))) {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of `id` in `lang` with its values; English when `lang` lacks it, the id itself
/// when neither table has it (a test keeps both complete).
pub fn render(lang: Lang, id: &str, values: &[&str]) -> String {
    match text(lang, id).or_else(|| text(Lang::En, id)) {
        Some(t) => fill(t, values),
        None => id.to_string(),
    }
}

/// A message: its id and its values, rendered in a language when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub values: Vec<String>,
}

impl Msg {
    pub fn new(id: &'static str, values: Vec<String>) -> Msg {
        Msg { id, values }
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let values: Vec<&str> = self.values.iter().map(String::as_str).collect();
        render(lang, self.id, &values)
    }

    /// The English text (what JSON and CSV carry).
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }
}

/// `msg!("note.fargate.per_second", tier, starts)`: a [`Msg`] with its values as text.
#[macro_export]
macro_rules! msg {
    ($id:expr $(, $v:expr)* $(,)?) => {
        $crate::messages::Msg::new($id, vec![$($v.to_string()),*])
    };
}

/// The values a text uses (`{0}`, `{3}`…), sorted.
pub fn slots(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}')?.0.parse().ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_values_in_any_order() {
        assert_eq!(
            fill("{1} × {0} 台", &["2", "t4g.small"]),
            "t4g.small × 2 台"
        );
        assert_eq!(fill("a {x} {2}", &["1"]), "a {x} {2}");
    }

    /// Every id has an English and a Japanese text that use the same values.
    #[test]
    fn every_id_has_both_texts_with_the_same_values() {
        let (en, ja) = (table(Lang::En), table(Lang::Ja));
        let mut problems = Vec::new();
        for id in &en.ids {
            match ja.texts.get(id) {
                None => problems.push(format!("{id}: no Japanese text in messages/ja.toml")),
                Some(j) if slots(j) != slots(en.texts[id]) => problems.push(format!(
                    "{id}: English uses values {:?}, Japanese {:?}",
                    slots(en.texts[id]),
                    slots(j)
                )),
                Some(_) => {}
            }
        }
        for id in &ja.ids {
            if !en.texts.contains_key(id) {
                problems.push(format!("{id}: in messages/ja.toml but not in en.toml"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_missing_japanese_text_is_caught() {
        let ja = parse("[note]\nother = \"x\"\n");
        assert!(!ja.texts.contains_key("note.spot"));
        let en = parse("[note]\nspot = \"{0} on Spot\"\n");
        assert_eq!(en.ids, ["note.spot"]);
        assert_eq!(slots(en.texts["note.spot"]), [0]);
    }

    #[test]
    fn tables_load_in_file_order() {
        let en = table(Lang::En);
        assert!(en.ids.len() > 200, "{}", en.ids.len());
        assert_eq!(
            render(Lang::Ja, "tier.first", &["3億 リクエスト"]),
            "（最初の 3億 リクエスト）"
        );
    }
}
