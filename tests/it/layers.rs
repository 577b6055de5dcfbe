//! Dependencies between the files of src/ point one way: this test reads every `crate::`,
//! `super::`, `self::` and child-module path (and the names a `use` brings in), resolves each
//! to the file that *defines* the item (following `pub use` re-exports, so a module may keep
//! a facade of re-exports without creating a circle), and fails on any cycle, naming it.
//!
//! Test modules (`#[cfg(test)]`) are not part of the layering and are skipped. The layering
//! itself is described in the README's "Layout" section.
use crate::util::rust_files;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type ModPath = Vec<String>;

/// One file of src/: its module path, the names it defines, its `use` leaves and its code.
struct File {
    /// Names of items defined anywhere in the file (fn, struct, enum, trait, type, const,
    /// static, mod, union, macro_rules!).
    defines: BTreeSet<String>,
    /// Every `use` leaf: (alias, absolute path, is `pub use`). Glob leaves have alias "*".
    uses: Vec<(String, ModPath, bool)>,
    /// Identifier tokens and `::` of the code outside `use` statements.
    tokens: Vec<String>,
}

fn module_path(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: ModPath = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().map(String::as_str) == Some("mod") {
        parts.pop();
    }
    if parts == ["lib"] {
        parts.clear();
    }
    parts
}

/// Tokens of Rust source: identifiers, `::`, and single punctuation characters. Comments are
/// dropped; a string literal is dropped unless it spells a `crate::`/`super::` path (as in
/// `#[serde(with = "crate::money::exact")]`), which is kept as tokens.
fn lex(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' || ((c == 'r' || c == 'b') && matches!(next, Some('"') | Some('#'))) {
            // String, raw string or byte string.
            let mut j = i;
            if chars[j] == 'b' {
                j += 1;
            }
            let raw = chars.get(j) == Some(&'r');
            if raw {
                j += 1;
            }
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                // `r#ident` or similar: treat as identifier start.
                out.push(c.to_string());
                i += 1;
                continue;
            }
            j += 1;
            let start = j;
            loop {
                if j >= chars.len() {
                    break;
                }
                if !raw && chars[j] == '\\' {
                    j += 2;
                    continue;
                }
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    break;
                }
                j += 1;
            }
            let body: String = chars[start..j.min(chars.len())].iter().collect();
            if body.starts_with("crate::") || body.starts_with("super::") {
                out.extend(lex(&body));
            }
            i = j + 1 + hashes;
        } else if c == '\'' {
            // Char literal or lifetime.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && next == Some(':') {
            out.push("::".into());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// Drops every item marked `#[cfg(test)]`.
fn drop_test_items(tokens: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    let is = |t: &[String], at: usize, s: &[&str]| {
        s.iter()
            .enumerate()
            .all(|(k, w)| t.get(at + k).map(String::as_str) == Some(*w))
    };
    while i < tokens.len() {
        if is(&tokens, i, &["#", "[", "cfg", "(", "test", ")", "]"]) {
            i += 7;
            let mut depth = 0usize;
            while i < tokens.len() {
                match tokens[i].as_str() {
                    "{" => depth += 1,
                    "}" => {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    ";" if depth == 0 => {
                        i += 1;
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
        } else {
            out.push(tokens[i].clone());
            i += 1;
        }
    }
    out
}

fn is_ident(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Expands one use tree (tokens between `use` and `;`) into (alias, path) leaves.
fn expand_use(tokens: &[String], prefix: &ModPath, out: &mut Vec<(String, ModPath)>) {
    let mut path = prefix.clone();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        match t {
            "::" => {}
            "{" => {
                // Split the group at top-level commas.
                let mut depth = 0;
                let mut start = i + 1;
                let mut j = i;
                while j < tokens.len() {
                    match tokens[j].as_str() {
                        "{" => depth += 1,
                        "}" => {
                            depth -= 1;
                            if depth == 0 {
                                expand_use(&tokens[start..j], &path, out);
                                break;
                            }
                        }
                        "," if depth == 1 => {
                            expand_use(&tokens[start..j], &path, out);
                            start = j + 1;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                return;
            }
            "*" => {
                out.push(("*".into(), path));
                return;
            }
            "as" => {
                if let Some(alias) = tokens.get(i + 1) {
                    out.push((alias.clone(), path));
                }
                return;
            }
            _ if is_ident(t) => path.push(t.to_string()),
            _ => {}
        }
        i += 1;
    }
    if let Some(last) = path.last() {
        if path.len() > prefix.len() {
            let alias = if last == "self" {
                path.pop();
                path.last().cloned().unwrap_or_default()
            } else {
                last.clone()
            };
            out.push((alias, path));
        }
    }
}

fn parse(text: &str) -> File {
    let tokens = drop_test_items(lex(text));
    let mut defines = BTreeSet::new();
    let mut uses = Vec::new();
    let mut body = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        if t == "use" && (i == 0 || tokens[i - 1] != "::") {
            let public = (i >= 1 && tokens[i - 1] == "pub")
                || (i >= 4 && tokens[i - 4] == "pub" && tokens[i - 1] == ")");
            let end = tokens[i..]
                .iter()
                .position(|t| t == ";")
                .map_or(tokens.len(), |p| i + p);
            let mut leaves = Vec::new();
            expand_use(&tokens[i + 1..end], &Vec::new(), &mut leaves);
            uses.extend(leaves.into_iter().map(|(a, p)| (a, p, public)));
            i = end + 1;
            continue;
        }
        if matches!(
            t,
            "fn" | "struct" | "enum" | "trait" | "type" | "const" | "static" | "mod" | "union"
        ) {
            if let Some(name) = tokens.get(i + 1).filter(|n| is_ident(n)) {
                defines.insert(name.clone());
            }
        }
        if t == "macro_rules" {
            if let Some(name) = tokens.get(i + 2) {
                defines.insert(name.clone());
            }
        }
        body.push(tokens[i].clone());
        i += 1;
    }
    File {
        defines,
        uses,
        tokens: body,
    }
}

struct Graph {
    files: BTreeMap<ModPath, File>,
}

impl Graph {
    fn load(src: &Path) -> Graph {
        let mut paths = Vec::new();
        rust_files(src, &mut paths);
        let mut files = BTreeMap::new();
        for path in paths {
            let module = module_path(src, &path);
            if module == ["main"] {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            files.insert(module, parse(&text));
        }
        Graph { files }
    }

    /// Makes a path found in `module` absolute, or None when it names another crate.
    fn absolute(&self, module: &ModPath, path: &[String]) -> Option<ModPath> {
        let first = path.first()?.as_str();
        match first {
            "crate" => Some(path[1..].to_vec()),
            "self" => Some(module.iter().chain(&path[1..]).cloned().collect()),
            "super" => {
                let mut base = module.clone();
                let mut rest = path;
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop();
                    rest = &rest[1..];
                }
                Some(base.into_iter().chain(rest.iter().cloned()).collect())
            }
            _ => {
                let child: ModPath = module.iter().cloned().chain([first.to_string()]).collect();
                self.files
                    .contains_key(&child)
                    .then(|| module.iter().chain(path).cloned().collect())
            }
        }
    }

    /// The file that defines what `path` (absolute) names, following re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> Option<ModPath> {
        let split = (0..=path.len())
            .rev()
            .find(|&i| self.files.contains_key(&path[..i]))?;
        let module = path[..split].to_vec();
        let rest = &path[split..];
        let Some(name) = rest.first() else {
            return Some(module);
        };
        let file = &self.files[&module];
        if file.defines.contains(name) || depth > 8 {
            return Some(module);
        }
        for (alias, target, _) in &file.uses {
            if alias == name {
                if let Some(abs) = self.absolute(&module, target) {
                    let full: ModPath = abs.into_iter().chain(rest[1..].iter().cloned()).collect();
                    return self.resolve(&full, depth + 1).or(Some(module));
                }
            }
        }
        for (alias, target, _) in &file.uses {
            if alias == "*" {
                if let Some(abs) = self.absolute(&module, target) {
                    if let Some(found) = self.resolve(&abs, depth + 1) {
                        if self.files[&found].defines.contains(name) {
                            let full: ModPath =
                                abs.into_iter().chain(rest.iter().cloned()).collect();
                            return self.resolve(&full, depth + 1);
                        }
                    }
                }
            }
        }
        Some(module)
    }

    /// The files `module` depends on.
    fn edges(&self, module: &ModPath) -> BTreeSet<ModPath> {
        let file = &self.files[module];
        let mut out = BTreeSet::new();
        let mut aliases: BTreeMap<&str, ModPath> = BTreeMap::new();
        let words: BTreeSet<&str> = file.tokens.iter().map(String::as_str).collect();
        for (alias, target, public) in &file.uses {
            let Some(abs) = self.absolute(module, target) else {
                continue;
            };
            if self.files.contains_key(&abs) {
                // A module import: its uses in the body (`alias::item`) are the edges.
                aliases.insert(alias, abs);
                continue;
            }
            // A `pub use` that the file itself never names is only a facade.
            if *public && !words.contains(alias.as_str()) {
                continue;
            }
            if alias == "*" && *public {
                continue;
            }
            if let Some(found) = self.resolve(&abs, 0) {
                out.insert(found);
            }
        }
        let tokens = &file.tokens;
        let mut i = 0;
        while i < tokens.len() {
            let start_ok = i == 0 || tokens[i - 1] != "::";
            if start_ok
                && is_ident(&tokens[i])
                && tokens.get(i + 1).map(String::as_str) == Some("::")
            {
                let mut path = vec![tokens[i].clone()];
                let mut j = i + 1;
                while tokens.get(j).map(String::as_str) == Some("::")
                    && tokens.get(j + 1).is_some_and(|t| is_ident(t))
                {
                    path.push(tokens[j + 1].clone());
                    j += 2;
                }
                let abs = match aliases.get(path[0].as_str()) {
                    Some(base) => Some(base.iter().chain(&path[1..]).cloned().collect()),
                    None => self.absolute(module, &path),
                };
                if let Some(found) = abs.and_then(|abs| self.resolve(&abs, 0)) {
                    out.insert(found);
                }
                i = j;
                continue;
            }
            i += 1;
        }
        out.remove(module);
        out
    }
}

fn name(module: &ModPath) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

/// Which files each file of `src` depends on.
fn dependencies(src: &Path) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let graph = Graph::load(src);
    graph
        .files
        .keys()
        .map(|m| (m.clone(), graph.edges(m)))
        .collect()
}

/// Every cycle among the files of `src`, each as "a -> b -> a" followed by what each file of
/// the knot uses inside it.
pub fn cycles(src: &Path) -> Vec<String> {
    let edges = dependencies(src);
    // Tarjan's strongly connected components; one cycle printed per component.
    struct State<'a> {
        edges: &'a BTreeMap<ModPath, BTreeSet<ModPath>>,
        index: BTreeMap<ModPath, usize>,
        low: BTreeMap<ModPath, usize>,
        stack: Vec<ModPath>,
        components: Vec<Vec<ModPath>>,
    }
    fn visit(s: &mut State, v: &ModPath) {
        let n = s.index.len();
        s.index.insert(v.clone(), n);
        s.low.insert(v.clone(), n);
        s.stack.push(v.clone());
        for w in &s.edges[v] {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                let done = &w == v;
                comp.push(w);
                if done {
                    break;
                }
            }
            if comp.len() > 1 {
                s.components.push(comp);
            }
        }
    }
    let mut state = State {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        components: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state
        .components
        .iter()
        .map(|comp| {
            // Shortest cycle through the component's first member (breadth-first).
            let members: BTreeSet<&ModPath> = comp.iter().collect();
            let start = comp.iter().min().unwrap();
            let mut prev: BTreeMap<&ModPath, &ModPath> = BTreeMap::new();
            let mut queue = std::collections::VecDeque::from([start]);
            let mut end = None;
            while let Some(v) = queue.pop_front() {
                for w in &edges[v] {
                    if !members.contains(w) {
                        continue;
                    }
                    if w == start {
                        end = Some(v);
                        break;
                    }
                    if !prev.contains_key(w) {
                        prev.insert(w, v);
                        queue.push_back(w);
                    }
                }
                if end.is_some() {
                    break;
                }
            }
            let mut chain = vec![start];
            let mut at = end.unwrap();
            while at != start {
                chain.push(at);
                at = prev[at];
            }
            chain.push(start);
            chain.reverse();
            let mut text = chain
                .iter()
                .map(|m| name(m))
                .collect::<Vec<_>>()
                .join(" -> ");
            let mut sorted: Vec<&ModPath> = comp.iter().collect();
            sorted.sort();
            for m in sorted {
                let inside: Vec<String> = edges[m]
                    .iter()
                    .filter(|w| members.contains(w))
                    .map(name)
                    .collect();
                text.push_str(&format!("\n    {} uses {}", name(m), inside.join(", ")));
            }
            text
        })
        .collect()
}

#[test]
fn no_import_cycle_between_files_of_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = cycles(&src);
    assert!(
        found.is_empty(),
        "import cycles between files of src/ (make the dependency point one way):\n{}",
        found.join("\n")
    );
}

/// Layers that must not be imported from below (README "Layout"): (who, must not use).
const RULES: &[(&str, &str)] = &[
    // Only the command layer knows flags, files and standard output.
    ("*", "cli"),
    ("*", "commands"),
    // The scenario is below services, limits and the commitment tables.
    ("scenario", "limits"),
    ("scenario", "services"),
    ("scenario", "capacity"),
    ("scenario", "pricing::commitments"),
    ("pricing", "scenario"),
    // Reports format results; they never fetch.
    ("report", "pricing::fetch"),
    // Leaves.
    ("lang", "*"),
    ("date", "*"),
    ("terms", "*"),
    ("limit_tables", "*"),
    ("money", "*"),
];

fn within(module: &ModPath, layer: &str) -> bool {
    layer == "*" || {
        let l: Vec<&str> = layer.split("::").collect();
        module.len() >= l.len() && module.iter().zip(&l).all(|(a, b)| a == b)
    }
}

#[test]
fn lower_layers_never_import_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    for (from, to) in dependencies(&src) {
        for dep in to {
            for (who, not) in RULES {
                let exempt = ["cli", "commands"].iter().any(|top| within(&from, top));
                let leaf_ok = *not == "*" && ["error"].contains(&name(&dep).as_str());
                if within(&from, who) && within(&dep, not) && !within(&from, not) && !leaf_ok {
                    if *who == "*" && exempt {
                        continue;
                    }
                    broken.push(format!(
                        "{} uses {} ({who} must not use {not})",
                        name(&from),
                        name(&dep)
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn the_cycle_check_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("a")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\n").unwrap();
    std::fs::write(
        src.join("a/mod.rs"),
        "pub mod inner;\npub use inner::Thing;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("a/inner.rs"),
        "pub struct Thing(crate::b::Other);\n",
    )
    .unwrap();
    std::fs::write(
        src.join("b.rs"),
        "use crate::a::Thing;\npub struct Other;\npub fn f(_: Thing) {}\n",
    )
    .unwrap();
    let found = cycles(src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("a::inner -> b -> a::inner"),
        "{found:?}"
    );
}

/// Files of `src` (outside commands/ and main.rs) whose code, tests aside, writes to standard
/// output: `print!`, `println!` or `stdout()`.
fn stdout_writers(src: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    rust_files(src, &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let module = module_path(src, &path);
        if module.first().map(String::as_str) == Some("commands") || module == ["main"] {
            continue;
        }
        let tokens = drop_test_items(lex(&std::fs::read_to_string(&path).unwrap()));
        // `std::io::stdout()` but not a builder's `.stdout(...)` (a child process's stdout).
        let writes = tokens.windows(3).any(|w| {
            matches!(
                (w[0].as_str(), w[1].as_str(), w[2].as_str()),
                (_, "print" | "println", "!") | ("::", "stdout", "(")
            )
        });
        if writes {
            found.push(name(&module));
        }
    }
    found
}

#[test]
fn only_the_command_layer_writes_to_standard_output() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = stdout_writers(&src);
    assert!(
        found.is_empty(),
        "only commands/ writes to stdout (return the text, or report an event the command prints): {found:?}"
    );
}

#[test]
fn the_stdout_check_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("commands")).unwrap();
    std::fs::write(
        src.join("commands/run.rs"),
        "fn f() { println!(\"ok\"); }\n",
    )
    .unwrap();
    std::fs::write(
        src.join("engine.rs"),
        "// println!(\"in a comment\")\nfn f() { eprintln!(\"stderr is fine\"); let _ = \"print!\"; c.stdout(x); }\n#[cfg(test)]\nmod tests { fn t() { println!(\"test\"); } }\n",
    )
    .unwrap();
    std::fs::write(
        src.join("server.rs"),
        "fn f() { let _ = std::io::stdout(); }\nfn g(c: &mut Cmd) { c.stdout(Stdio::null()); }\n",
    )
    .unwrap();
    assert_eq!(stdout_writers(src), ["server"]);
}

/// The names of the README's "Layout" block ending in `.rs` or `/` (a path's last part).
fn layout_names(readme: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let section = readme
        .split("\n## Layout\n")
        .nth(1)
        .expect("README has a Layout section");
    let block = section
        .split("```")
        .nth(1)
        .expect("the Layout section has a code block");
    let (mut files, mut dirs) = (BTreeSet::new(), BTreeSet::new());
    for word in block.split(|c: char| c.is_whitespace() || "(),;:`".contains(c)) {
        let name = word.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if word.ends_with(".rs") {
            files.insert(name.to_string());
        } else if word.ends_with('/') {
            dirs.insert(name.to_string());
        }
    }
    (files, dirs)
}

/// The files and folders of src/ (top level; not main.rs, lib.rs) the Layout does not name.
fn unnamed_in_src(src: &Path, files: &BTreeSet<String>, dirs: &BTreeSet<String>) -> Vec<String> {
    let mut unnamed = Vec::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let named = if path.is_dir() {
            dirs.contains(&name)
        } else {
            !name.ends_with(".rs") || name == "main.rs" || name == "lib.rs" || files.contains(&name)
        };
        if !named {
            unnamed.push(name);
        }
    }
    unnamed.sort();
    unnamed
}

/// Issue 20: the README's Layout names every file and folder of src/ (a new module is placed
/// in the layering when it is added), and every `.rs` file it names exists in src/, tests/it/ or the top folder.
#[test]
fn readme_layout_names_every_file_of_src() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let (files, dirs) = layout_names(&readme);
    let unnamed = unnamed_in_src(&src, &files, &dirs);
    assert!(
        unnamed.is_empty(),
        "src/ entries the README Layout does not name: {unnamed:?}"
    );
    // build.rs is at the top of the repository.
    let mut existing: BTreeSet<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut stack = vec![src.clone(), root.join("tests/it")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                existing.insert(path.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let stale: Vec<&String> = files.difference(&existing).collect();
    assert!(
        stale.is_empty(),
        "the README Layout names files that do not exist: {stale:?}"
    );
    // The check can fail: a Layout without text.rs and range/ misses them.
    let (files, dirs) = layout_names(&readme.replace("text.rs", "text").replace("range/", "range"));
    assert_eq!(unnamed_in_src(&src, &files, &dirs), ["range", "text.rs"]);
}

/// The range flags (`--from`, `--to`, ...) a line of code names outside comments.
fn range_flags_in(code: &str) -> Vec<String> {
    const FLAGS: [&str; 7] = [
        "--from",
        "--to",
        "--steps",
        "--log",
        "--pct",
        "--vary",
        "--between",
    ];
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for flag in FLAGS {
            let named = code.match_indices(flag).any(|(at, _)| {
                !code[at + flag.len()..]
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
            if named {
                found.push(format!("{}: {flag}", n + 1));
            }
        }
    }
    found
}

/// Issue 20: the engine's range errors are typed; only the command layer (commands/, cli.rs)
/// words them as flags — the live page names its query fields instead. Test modules are skipped.
#[test]
fn only_the_command_layer_names_the_range_flags() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                if rel != "commands" {
                    stack.push(path);
                }
            } else if rel.ends_with(".rs") && rel != "cli.rs" && rel != "main.rs" {
                let text = std::fs::read_to_string(&path).unwrap();
                // A file's trailing test module may word an error the way a caller would.
                let code = text.split("\n#[cfg(test)]\nmod ").next().unwrap_or("");
                found.extend(
                    range_flags_in(code)
                        .into_iter()
                        .map(|f| format!("{rel}:{f}")),
                );
            }
        }
    }
    found.sort();
    assert!(found.is_empty(), "range flags outside commands/: {found:?}");
    // The check can fail, and does not trip on other flags or on comments.
    assert_eq!(
        range_flags_in(
            "let w = \"--to\";\n// --from in a comment\nx(\"--top 3 --total\");\nf(\"--from {}\")"
        ),
        ["1: --to", "4: --from"]
    );
}

/// The long flags of the command line (`--out`, `--timeout`, ...), from its clap definition.
fn long_flags() -> BTreeSet<String> {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, out: &mut BTreeSet<String>) {
        for arg in cmd.get_arguments() {
            out.extend(arg.get_long().map(str::to_string));
        }
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut out = BTreeSet::new();
    walk(&archcost::cli::Cli::command(), &mut out);
    out
}

/// The flags of `flags` a line of code names outside comments, except after `archcost ` or
/// `git ` on the same line (advice that quotes a whole command line).
fn flags_named_in(code: &str, flags: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        // An end-of-line comment: `//` not part of a URL's `://`.
        let cut = line
            .match_indices("//")
            .find(|(at, _)| !line[..*at].ends_with(':'))
            .map_or(line.len(), |(at, _)| at);
        let code = &line[..cut];
        for (at, _) in code.match_indices("--") {
            let name: String = code[at + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            let quoted = ["archcost ", "git "]
                .iter()
                .any(|cmd| code[..at].contains(cmd));
            if flags.contains(&name) && !quoted {
                found.push(format!("{}: --{name}", n + 1));
            }
        }
    }
    found
}

/// Issue 20: commands/ (and cli.rs) are the only code that knows the command line's flags: the
/// engine, pricing fetch/import, report/ and serve/ return typed problems and name no flag,
/// except in advice that quotes a whole `archcost ...` command. Test modules are skipped.
#[test]
fn only_the_command_layer_names_the_command_lines_flags() {
    let flags = long_flags();
    for known in [
        "out",
        "timeout",
        "allow-hosts",
        "base-url",
        "strict",
        "region",
        "from",
    ] {
        assert!(flags.contains(known), "{known} is a flag: {flags:?}");
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let module = module_path(&src, &path);
        if matches!(
            module.first().map(String::as_str),
            Some("commands" | "cli" | "main")
        ) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("\n#[cfg(test)]\nmod ").next().unwrap_or("");
        found.extend(
            flags_named_in(code, &flags)
                .into_iter()
                .map(|f| format!("{}:{f}", name(&module))),
        );
    }
    assert!(
        found.is_empty(),
        "flags named outside commands/ (return a typed error the command words): {found:?}"
    );
    // The check can fail, and passes comments, URLs, quoted commands and CSS variables.
    assert_eq!(
        flags_named_in(
            "Err(\"--out {}: not a folder\")\n// --out in a comment\nlet u = \"https://x\"; // --strict\nf(\"run `archcost pricing fetch --region x`\")\nlet css = \"var(--ink)\";\nhint(\"raise --timeout\")",
            &flags
        ),
        ["1: --out", "6: --timeout"]
    );
}

/// Issue 20: warnings and progress lines are printed by commands/ too (`eprint!`/`eprintln!`);
/// lower layers return them (`pricing::fetch::Event`, `offer::warning_lines`). The fetch's
/// progress bar, drawn by indicatif on a terminal's standard error, is the one exception.
#[test]
fn only_the_command_layer_prints_to_standard_error() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let module = module_path(&src, &path);
        if module.first().map(String::as_str) == Some("commands") || module == ["main"] {
            continue;
        }
        let tokens = drop_test_items(lex(&std::fs::read_to_string(&path).unwrap()));
        if tokens
            .windows(2)
            .any(|w| matches!(w[0].as_str(), "eprint" | "eprintln") && w[1] == "!")
        {
            found.push(name(&module));
        }
    }
    assert!(
        found.is_empty(),
        "stderr printed outside commands/: {found:?}"
    );
    let sample = lex("fn f() { eprintln!(\"x\"); }");
    assert!(sample.windows(2).any(|w| w[0] == "eprintln" && w[1] == "!"));
}

/// Issue 20: the report formats share report/markup.rs (escaping, the table builder, tier
/// order) instead of importing each other's helpers: no module of report/ imports a format
/// module, except folder.rs (it writes every format) and stamp.rs (it stamps the JSON report).
#[test]
fn report_formats_do_not_import_each_other() {
    const FORMATS: [&str; 6] = ["csv", "json", "markdown", "html", "table", "xlsx"];
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (from, to) in dependencies(&src) {
        if from.first().map(String::as_str) != Some("report") {
            continue;
        }
        let who = from.get(1).map(String::as_str).unwrap_or("");
        if who == "folder" || who == "stamp" {
            continue;
        }
        for dep in to {
            let is_format = dep.len() == 2
                && dep[0] == "report"
                && FORMATS.contains(&dep[1].as_str())
                && dep[1] != who;
            if is_format {
                found.push(format!("{} uses {}", name(&from), name(&dep)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "report modules importing a format's helpers: {found:?}"
    );
}
