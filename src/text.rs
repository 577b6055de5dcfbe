//! Words for people that can be shown in any language: plain text (file names, keys, values,
//! shown as written) or a message id with its values (messages/*.toml), nested as deep as a
//! message needs. Errors carry them (`Error::Said`); a leaf beside `messages`.
use crate::lang::Lang;

/// Words for people: plain text (file names, keys, values, anything shown as written) or a
/// message id with its values, put into words in a language when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    Msg(&'static str, Vec<Text>),
    /// A library's English message (shown as is in English) and its translation for other
    /// languages.
    Foreign {
        en: String,
        other: Box<Text>,
    },
}

impl Text {
    /// The text in `lang` (values rendered first, then put into the id's text).
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Msg(id, values) => {
                let values: Vec<String> = values.iter().map(|v| v.render(lang)).collect();
                let refs: Vec<&str> = values.iter().map(String::as_str).collect();
                crate::messages::render(lang, id, &refs)
            }
            Text::Foreign { en, .. } if lang == Lang::En => en.clone(),
            Text::Foreign { other, .. } => other.render(lang),
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::Plain(s.clone())
    }
}

impl From<rust_decimal::Decimal> for Text {
    fn from(d: rust_decimal::Decimal) -> Text {
        Text::Plain(d.to_string())
    }
}

impl From<usize> for Text {
    fn from(n: usize) -> Text {
        Text::Plain(n.to_string())
    }
}

/// `said!("error.scenario.at", file, path, problem, hint)`: a [`Text`] of a message id whose
/// values are anything convertible to `Text` (strings stay as written, `Text`s nest).
#[macro_export]
macro_rules! said {
    ($id:expr $(, $v:expr)* $(,)?) => {
        $crate::text::Text::Msg($id, vec![$($crate::text::Text::from($v)),*])
    };
}

impl std::fmt::Display for Text {
    /// The English text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}
