//! No Japanese text in the code of src/: every word people read in Japanese is in
//! messages/ja.toml, keyed by id (docs/reference/messages.md). A string or character literal
//! (also inside macros such as `format!` and attributes such as `#[error(…)]`) with Hiragana,
//! Katakana, CJK ideographs or CJK/full-width punctuation fails, outside `#[cfg(test)]` items
//! and doc comments (comments are not code; a test may hold Japanese output it expects).
//! Files found with `syn`, the same way tests/it/long_functions.rs walks src/.
use crate::util::rust_files;
use proc_macro2::{TokenStream, TokenTree};
use std::path::Path;
use syn::visit::Visit;

/// Files still holding Japanese in code, each with the reason: Japanese that is not a text to
/// translate (or, while one is in flight, a change that owns the file). Keep this short: a test below fails once a listed
/// file no longer holds Japanese, so the list only shrinks.
const IN_FLIGHT: &[(&str, &str)] = &[
    // Japanese number words (万 = 10^4, 億 = 10^8): a way of grouping digits, applied by the code
    // that formats a count (as `1,234` is), not a text; English groups by M and B instead.
    ("messages.rs", "number words"),
    ("report/numbers.rs", "number words"),
    // Region names as the Japanese AWS console writes them and the city names a scenario may
    // use in any language (`region = "東京"`): data matched against input, beside the codes.
    ("pricing/regions.rs", "region names and aliases"),
];

/// Whether `c` is Japanese script or CJK punctuation: CJK symbols and punctuation (U+3000–
/// U+303F), Hiragana, Katakana (U+3040–U+30FF), CJK ideographs (extension A and the unified
/// block), half-width and full-width forms (U+FF00–U+FFEF).
pub fn japanese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF00}'..='\u{FFEF}')
}

/// One literal with Japanese in it: line and its text.
#[derive(Debug)]
struct Hit {
    line: usize,
    text: String,
}

#[derive(Default)]
struct Walker {
    hits: Vec<Hit>,
}

impl Walker {
    fn check(&mut self, line: usize, text: String) {
        if text.chars().any(japanese) {
            self.hits.push(Hit { line, text });
        }
    }

    /// The literals of a macro's or attribute's tokens (not parsed by syn).
    fn tokens(&mut self, tokens: &TokenStream) {
        for t in tokens.clone() {
            match t {
                TokenTree::Literal(l) => self.check(l.span().start().line, l.to_string()),
                TokenTree::Group(g) => self.tokens(&g.stream()),
                _ => {}
            }
        }
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
    })
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item;
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

impl<'ast> Visit<'ast> for Walker {
    fn visit_item(&mut self, i: &'ast syn::Item) {
        if !is_cfg_test(item_attrs(i)) {
            syn::visit::visit_item(self, i);
        }
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_cfg_test(&f.attrs) {
            syn::visit::visit_impl_item_fn(self, f);
        }
    }
    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        if a.path().is_ident("doc") {
            return;
        }
        match &a.meta {
            syn::Meta::List(l) => self.tokens(&l.tokens),
            syn::Meta::NameValue(nv) => self.visit_expr(&nv.value),
            syn::Meta::Path(_) => {}
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(&m.tokens);
    }
    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.check(s.span().start().line, s.value());
    }
    fn visit_lit_char(&mut self, c: &'ast syn::LitChar) {
        self.check(c.span().start().line, c.value().to_string());
    }
}

/// The literals with Japanese in the code of one file.
fn hits(code: &str) -> Vec<Hit> {
    let file = syn::parse_file(code).expect("src/ parses");
    let mut w = Walker::default();
    w.visit_file(&file);
    w.hits
}

/// (file under src/, its hits) for every file of `src` with Japanese in code.
fn japanese_in(src: &Path) -> Vec<(String, Vec<Hit>)> {
    let mut paths = Vec::new();
    rust_files(src, &mut paths);
    paths
        .iter()
        .filter_map(|p| {
            let found = hits(&std::fs::read_to_string(p).unwrap());
            let rel = p
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (!found.is_empty()).then_some((rel, found))
        })
        .collect()
}

/// What is wrong with `src`: Japanese in a file not listed, or a listed file without any.
fn problems(src: &Path, in_flight: &[(&str, &str)]) -> Vec<String> {
    let found = japanese_in(src);
    let mut out: Vec<String> = found
        .iter()
        .filter(|(f, _)| !in_flight.iter().any(|(l, _)| l == f))
        .flat_map(|(f, hits)| {
            hits.iter().map(move |h| {
                format!(
                    "src/{f}:{}: Japanese in code: {} (move it to messages/ja.toml with an id)",
                    h.line, h.text
                )
            })
        })
        .collect();
    for (listed, _) in in_flight {
        if !found.iter().any(|(f, _)| f == listed) {
            out.push(format!(
                "src/{listed}: no Japanese left in its code: remove it from IN_FLIGHT"
            ));
        }
    }
    out
}

#[test]
fn no_japanese_in_the_code_of_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = problems(&src, IN_FLIGHT);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_japanese_check_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir(src.join("report")).unwrap();
    std::fs::write(
        src.join("report/words.rs"),
        "//! 日本語のコメントは可\n\
         /// ドキュメントも可\n\
         fn heading(ja: bool) -> String {\n\
             if ja { format!(\"{}件\", 3) } else { \"items\".into() }\n\
         }\n\
         #[derive(thiserror::Error)]\n\
         enum E { #[error(\"不正\")] Bad }\n\
         const MARK: char = '、';\n\
         #[cfg(test)]\n\
         mod tests { fn f() -> &'static str { \"テスト\" } }\n",
    )
    .unwrap();
    std::fs::write(src.join("clean.rs"), "fn f() -> &'static str { \"ok\" }\n").unwrap();
    let got = problems(src, &[("clean.rs", "listed")]);
    assert_eq!(
        got,
        [
            "src/report/words.rs:4: Japanese in code: \"{}件\" (move it to messages/ja.toml with an id)",
            "src/report/words.rs:7: Japanese in code: \"不正\" (move it to messages/ja.toml with an id)",
            "src/report/words.rs:8: Japanese in code: 、 (move it to messages/ja.toml with an id)",
            "src/clean.rs: no Japanese left in its code: remove it from IN_FLIGHT",
        ]
    );
}
