//! The output language (English or Japanese): a leaf every layer may name (command line,
//! templates, messages, reports, the live page). Texts are in messages/*.toml and report/i18n.rs;
//! how counts are written in each language is report/numbers.rs.

/// The language of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

/// One value per language, made on first use (label sets read from the message tables): English
/// never builds the Japanese one.
pub struct PerLang<T> {
    en: std::sync::OnceLock<T>,
    ja: std::sync::OnceLock<T>,
}

impl<T> PerLang<T> {
    pub const fn new() -> Self {
        PerLang {
            en: std::sync::OnceLock::new(),
            ja: std::sync::OnceLock::new(),
        }
    }

    /// The value of `lang`, made by `make(lang)` the first time.
    pub fn get(&self, lang: Lang, make: fn(Lang) -> T) -> &T {
        match lang {
            Lang::En => self.en.get_or_init(|| make(Lang::En)),
            Lang::Ja => self.ja.get_or_init(|| make(Lang::Ja)),
        }
    }
}

impl<T> Default for PerLang<T> {
    fn default() -> Self {
        Self::new()
    }
}
