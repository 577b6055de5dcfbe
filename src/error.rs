//! The crate's error type and its mapping to the exit codes of docs/reference/exit-codes.md.
use crate::lang::Lang;
pub use crate::text::Text;
use std::path::PathBuf;

/// The operating system's error in `lang`: the kinds people meet (no such file, permission
/// denied…) in Japanese with the OS code kept; a message archcost wrote itself is shown as is.
fn io_words(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let id = match (e.raw_os_error(), e.kind()) {
        (None, _) => return e.to_string(),
        (Some(_), K::NotFound) => "error.io.not_found",
        (Some(_), K::PermissionDenied) => "error.io.permission_denied",
        (Some(_), K::AlreadyExists) => "error.io.already_exists",
        (Some(_), K::IsADirectory) => "error.io.is_a_directory",
        (Some(_), K::NotADirectory) => "error.io.not_a_directory",
        (Some(_), K::StorageFull) => "error.io.storage_full",
        (Some(_), K::ReadOnlyFilesystem) => "error.io.read_only",
        (Some(_), K::AddrInUse) => "error.io.addr_in_use",
        _ => return e.to_string(),
    };
    let code = e.raw_os_error().unwrap_or_default().to_string();
    crate::messages::render(lang, id, &[&code])
}

/// Every failure archcost can report. `Input` and `MissingPrice` are the user's to fix (exit 2);
/// `Io` and `Network` are runtime failures (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid scenario, catalog or offer file, or bad command-line values.
    #[error("{0}")]
    Input(String),
    /// A price the model needs is not in the catalog.
    #[error("no price for `{key}` in region {region} in the {catalog} catalog.\n  hint: {}", hint.render(Lang::En))]
    MissingPrice {
        key: String,
        region: String,
        catalog: String,
        hint: Text,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Fetching prices failed.
    #[error("{0}")]
    Network(String),
    /// A sweep, break-even or sensitivity range is unusable (named by the caller, see
    /// `range::Words`).
    #[error("{0}")]
    Range(#[from] crate::range::error::RangeError),
    /// A `pricing fetch` / `pricing import` run that cannot go on, with the values
    /// (commands/pricing.rs words it with the flags).
    #[error("{0}")]
    Catalog(Box<crate::pricing::problem::Problem>),
    /// Invalid input, worded by message ids (`error.*` in messages/*.toml) so it can be shown
    /// in Japanese; `Display` is the English text.
    #[error("{}", .0.render(Lang::En))]
    Said(Text),
    /// An amount too large for a decimal (src/money.rs, a leaf: it states what overflowed,
    /// [`Overflow::words`] puts it into words).
    #[error("{}", .0.words(Lang::En))]
    Overflow(Overflow),
}

/// What overflowed in money arithmetic, with its values (`what`: the catalog key or total
/// the amount is for, shown as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overflow {
    /// `quantity × unit_usd` does not fit.
    Product {
        what: String,
        quantity: rust_decimal::Decimal,
        unit_usd: rust_decimal::Decimal,
    },
    /// A sum does not fit.
    Total { what: String },
}

impl Overflow {
    /// The message (`error.money.*`), to be shown in any language.
    pub fn text(&self) -> Text {
        match self {
            Overflow::Product {
                what,
                quantity,
                unit_usd,
            } => crate::said!("error.money.product", what, *quantity, *unit_usd),
            Overflow::Total { what } => {
                crate::said!("error.money.total", what, rust_decimal::Decimal::MAX)
            }
        }
    }

    /// The message in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        self.text().render(lang)
    }
}

impl Error {
    /// Exit code (docs/reference/exit-codes.md): 2 for input errors, 1 for runtime failures.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_)
            | Error::MissingPrice { .. }
            | Error::Range(_)
            | Error::Said(_)
            | Error::Overflow(_) => 2,
            Error::Catalog(p) if p.is_network() => 1,
            Error::Catalog(_) => 2,
            Error::Io { .. } | Error::Network(_) => 1,
        }
    }

    /// The message in `lang` (English: the `Display` text, byte for byte). File names, keys,
    /// values and line:col stay as written; messages without an id (`Input`, `Network`) and
    /// the operating system's words for an I/O error stay English.
    pub fn render(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::Range(e) => e.describe_in(&crate::range::FIELDS, lang),
            Error::Said(t) => t.render(lang),
            Error::Overflow(o) => o.words(lang),
            Error::MissingPrice {
                key,
                region,
                catalog,
                hint,
            } => crate::messages::render(
                lang,
                "error.price.missing",
                &[key, region, catalog, &hint.render(lang)],
            ),
            Error::Io { path, source } => crate::messages::render(
                lang,
                "error.io.at",
                &[&path.display().to_string(), &io_words(lang, source)],
            ),
            other => other.to_string(),
        }
    }

    /// The hint of a price no source has: add a sourced row, or fetch the region's prices.
    pub fn absent_price_hint(key: &str, region: &str) -> Text {
        crate::said!("error.price.absent_hint", key, region)
    }

    /// The error as [`Text`], to be wrapped by a caller's message (`Display` text when it has
    /// no id).
    pub fn into_text(self) -> Text {
        match self {
            Error::Said(t) => t,
            Error::Overflow(o) => o.text(),
            other => Text::Plain(other.to_string()),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<crate::pricing::problem::Problem> for Error {
    fn from(p: crate::pricing::problem::Problem) -> Self {
        Error::Catalog(Box::new(p))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_price_in_japanese_keeps_key_region_and_catalog() {
        let e = Error::MissingPrice {
            key: "ec2.linux.m9.large".into(),
            region: "ap-northeast-1".into(),
            catalog: "bundled".into(),
            hint: crate::said!("error.price.show_hint"),
        };
        assert_eq!(
            e.to_string(),
            "no price for `ec2.linux.m9.large` in region ap-northeast-1 in the bundled catalog.\n  hint: `archcost pricing show` lists the prices of a region"
        );
        assert_eq!(
            e.render(Lang::Ja),
            "リージョン ap-northeast-1 の bundled カタログに `ec2.linux.m9.large` の価格がありません。\n  ヒント: `archcost pricing show` でリージョンの価格を一覧できます"
        );
    }

    #[test]
    fn io_errors_name_the_path_and_translate_the_os_words() {
        let e = Error::io("out/report.json", std::io::Error::from_raw_os_error(2));
        assert_eq!(e.render(Lang::En), e.to_string());
        let ja = e.render(Lang::Ja);
        if std::io::Error::from_raw_os_error(2).kind() == std::io::ErrorKind::NotFound {
            assert_eq!(
                ja,
                "out/report.json: ファイルまたはディレクトリがありません (os error 2)"
            );
        }
        // A message archcost wrote itself stays as written.
        let own = Error::io("x", std::io::Error::other("cannot listen"));
        assert_eq!(own.render(Lang::Ja), "x: cannot listen");
    }

    #[test]
    fn foreign_text_is_english_as_given_and_translated_otherwise() {
        let t = Text::Foreign {
            en: "missing field `name`".into(),
            other: Box::new(crate::said!("error.toml.missing_field", "name")),
        };
        assert_eq!(t.render(Lang::En), "missing field `name`");
        assert_eq!(t.render(Lang::Ja), "必須のキー `name` がありません");
    }
}
