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
