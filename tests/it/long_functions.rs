//! No function in src/ is longer than `MAX_BODY_LINES` unless its doc comment says why: a
//! line starting "Long because". Functions are found with `syn` (free functions, methods and
//! trait methods with a default body, nested ones too); a body's length is counted from the
//! line of its opening brace to the line of its closing brace. `#[cfg(test)]` modules are
//! skipped: a test's length is its table of cases.
use crate::util::rust_files;
use std::path::Path;
use syn::visit::Visit;

const MAX_BODY_LINES: usize = 100;

/// Long functions owned by another change in flight, split next: (file under src/, fn name).
/// Keep this short; every entry is a function this change may not edit right now (a test
/// below fails once an entry is no longer long, so the list only shrinks).
const IN_FLIGHT: &[(&str, &str)] = &[];

/// One function: where, its name, the lines of its body, and whether its doc gives a reason.
struct Found {
    file: String,
    line: usize,
    name: String,
    body_lines: usize,
    reason: bool,
}

struct Walker<'a> {
    file: &'a str,
    found: Vec<Found>,
}

fn has_reason(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let syn::Meta::NameValue(nv) = &a.meta else {
            return false;
        };
        if !a.path().is_ident("doc") {
            return false;
        }
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) = &nv.value
        else {
            return false;
        };
        s.value().trim_start().starts_with("Long because")
    })
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
    })
}

impl Walker<'_> {
    fn record(&mut self, attrs: &[syn::Attribute], ident: &syn::Ident, block: &syn::Block) {
        let open = block.brace_token.span.open().start().line;
        let close = block.brace_token.span.close().end().line;
        self.found.push(Found {
            file: self.file.to_string(),
            line: ident.span().start().line,
            name: ident.to_string(),
            body_lines: close - open + 1,
            reason: has_reason(attrs),
        });
    }
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_cfg_test(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if is_cfg_test(&f.attrs) {
            return;
        }
        self.record(&f.attrs, &f.sig.ident, &f.block);
        syn::visit::visit_item_fn(self, f);
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.record(&f.attrs, &f.sig.ident, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
    }
    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.record(&f.attrs, &f.sig.ident, block);
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

/// Every function of the .rs files under `src`, in file order.
fn functions(src: &Path) -> Vec<Found> {
    let mut paths = Vec::new();
    rust_files(src, &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let tree = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{}: does not parse: {e}", path.display()));
        let rel = path.strip_prefix(src).unwrap().display().to_string();
        let mut walker = Walker {
            file: &rel,
            found: Vec::new(),
        };
        walker.visit_file(&tree);
        found.extend(walker.found);
    }
    found
}

/// The long functions of `src` whose doc gives no reason and that are not in `allowed`.
fn too_long(src: &Path, allowed: &[(&str, &str)]) -> Vec<String> {
    functions(src)
        .into_iter()
        .filter(|f| f.body_lines > MAX_BODY_LINES && !f.reason)
        .filter(|f| !allowed.contains(&(f.file.as_str(), f.name.as_str())))
        .map(|f| {
            format!(
                "src/{}:{} fn {}: {} lines",
                f.file, f.line, f.name, f.body_lines
            )
        })
        .collect()
}

#[test]
fn no_function_in_src_is_over_100_lines_without_a_reason() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long = too_long(&src, IN_FLIGHT);
    assert!(
        long.is_empty(),
        "functions over {MAX_BODY_LINES} lines whose doc has no line starting \"Long because\" \
         (split them, or say why they are long):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_allow_list_names_functions_that_exist_and_are_long() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = functions(&src);
    for (file, name) in IN_FLIGHT {
        assert!(
            all.iter()
                .any(|f| f.file == *file && f.name == *name && f.body_lines > MAX_BODY_LINES),
            "{file} fn {name} is in the allow-list but is not a long function there: remove it"
        );
    }
}

#[test]
fn the_length_check_can_fail_and_accepts_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let body = "    let x = 1;\n".repeat(MAX_BODY_LINES);
    let text = format!(
        "/// Short.\nfn short() {{}}\n\
         /// Does much.\nfn long() {{\n{body}}}\n\
         /// Does much.\n///\n/// Long because it is one table of cases.\nfn explained() {{\n{body}}}\n\
         struct S;\nimpl S {{\n    fn method(&self) {{\n{body}    }}\n}}\n\
         #[cfg(test)]\nmod tests {{\n    fn long_test() {{\n{body}    }}\n}}\n"
    );
    std::fs::write(dir.path().join("lib.rs"), text).unwrap();
    let long = too_long(dir.path(), &[]);
    assert_eq!(long.len(), 2, "{long:?}");
    assert!(
        long[0].starts_with("src/lib.rs:4 fn long: 102 lines"),
        "{long:?}"
    );
    assert!(long[1].contains("fn method: 102 lines"), "{long:?}");
    assert!(too_long(dir.path(), &[("lib.rs", "long"), ("lib.rs", "method")]).is_empty());
}
