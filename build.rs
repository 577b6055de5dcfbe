//! Build script: list the bundled per-region price files so `src/pricing/bundled.rs` can compile
//! each one in (`include_str!`) and parse only the regions a scenario uses; and compile the
//! message tables (messages/en.toml, messages/ja.toml) in, so that nothing is parsed at run
//! time (src/messages.rs, docs/reference/messages.md); and compile the limit tables
//! (limits/*.csv, checked by src/limit_tables/compile.rs) in, so `compare` parses no CSV to
//! check limits (src/limit_tables.rs).
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "src/pricing/key_index.rs"]
mod key_index;
#[path = "src/limit_tables/compile.rs"]
mod limit_compile;

fn main() {
    bundled_files();
    message_tables();
    limit_tables();
}

fn bundled_files() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("pricing").join("regions");
    println!("cargo:rerun-if-changed=pricing/regions");
    println!("cargo:rerun-if-changed=pricing/sources.csv");
    let mut regions: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".csv").map(str::to_string)
        })
        .collect();
    regions.sort();
    let mut out = String::from(
        "/// Bundled price files: (region code, CSV text), sorted by region code.\n\
         pub static REGION_FILES: &[(&str, &str)] = &[\n",
    );
    for region in &regions {
        let path = dir.join(format!("{region}.csv"));
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({region:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    // Each file's key index (src/pricing/key_index.rs), made here so that no run scans a
    // region file for it: integers only (no relocations when the program starts).
    out.push_str(
        "/// Per file of `REGION_FILES` (same order): the end of its header line and where each\n\
         /// key's lines are (`key_index::key_spans`); None when it cannot be indexed.\n\
         pub static REGION_INDEXES: &[Option<(u32, &[super::key_index::KeySpan])>] = &[\n",
    );
    for region in &regions {
        let path = dir.join(format!("{region}.csv"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match key_index::key_spans(&text) {
            Some((header_end, spans)) => {
                writeln!(out, "    Some(({header_end}, &{spans:?})),").unwrap()
            }
            None => out.push_str("    None,\n"),
        }
    }
    out.push_str("];\n");
    let sources = Path::new(&root).join("pricing").join("sources.csv");
    writeln!(
        out,
        "/// The source texts the region files cite as `@id`.\npub static SOURCES_CSV: &str = include_str!({:?});",
        sources.display().to_string()
    )
    .expect("writing to a String cannot fail");
    let sources_text =
        std::fs::read_to_string(&sources).unwrap_or_else(|e| panic!("{}: {e}", sources.display()));
    writeln!(
        out,
        "/// Each line of `SOURCES_CSV` as (start, id end, line end), sorted by id\n\
         /// (`key_index::id_spans`).\n\
         pub static SOURCE_INDEX: &[super::key_index::KeySpan] = &{:?};",
        key_index::id_spans(&sources_text)
    )
    .expect("writing to a String cannot fail");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_files.rs");
    write_new(&target, &out);
}

/// Write `text` to `target` as a new file (a temporary file renamed over it), never into the
/// old one in place: an OUT_DIR file may share its inode with another build's copy (a target
/// directory seeded with hard links), which an in-place write would change too.
fn write_new(target: &Path, text: &str) {
    let tmp = target.with_extension("rs.tmp");
    std::fs::write(&tmp, text).unwrap_or_else(|e| panic!("{}: {e}", tmp.display()));
    std::fs::rename(&tmp, target).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

/// Each table becomes a static list of (id, text) in file order plus the positions of its ids
/// in sorted order, so a text is found by binary search. A table that is not valid TOML, or
/// holds a value that is not a string, stops the build naming the file.
fn message_tables() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut code = String::new();
    for (name, file) in [("EN", "messages/en.toml"), ("JA", "messages/ja.toml")] {
        println!("cargo:rerun-if-changed={file}");
        let path = Path::new(&dir).join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let doc: toml_edit::DocumentMut = text
            .parse()
            .unwrap_or_else(|e| panic!("{file}: not valid TOML: {e}"));
        let mut pairs = Vec::new();
        walk(file, "", doc.as_table(), &mut pairs);
        assert!(pairs.len() <= usize::from(u16::MAX), "{file}: too many ids");
        let mut order: Vec<usize> = (0..pairs.len()).collect();
        order.sort_by(|a, b| pairs[*a].0.cmp(&pairs[*b].0));
        // One text of every id and text, and (start, end) byte offsets into it: integers only,
        // so the tables need no relocations when the program starts.
        let mut blob = String::new();
        let mut spans = Vec::new();
        for (id, text) in &pairs {
            let id_at = blob.len();
            blob.push_str(id);
            let text_at = blob.len();
            blob.push_str(text);
            spans.push((id_at, text_at, blob.len()));
        }
        assert!(u32::try_from(blob.len()).is_ok(), "{file}: too long");
        writeln!(
            code,
            "/// `{file}`: every id and text, one after the other."
        )
        .unwrap();
        writeln!(code, "pub static {name}_TEXT: &str = {blob:?};").unwrap();
        writeln!(
            code,
            "/// `{file}` in file order: (id start, text start = id end, text end) in `{name}_TEXT`."
        )
        .unwrap();
        writeln!(code, "pub static {name}: &[(u32, u32, u32)] = &{spans:?};").unwrap();
        writeln!(code, "/// Positions in `{name}`, sorted by id.").unwrap();
        writeln!(code, "pub static {name}_SORTED: &[u16] = &{order:?};").unwrap();
    }
    write_new(&Path::new(&out_dir).join("messages.rs"), &code);
}

/// Every string of `t` (nested tables give dotted ids), in document order.
fn walk(file: &str, prefix: &str, t: &dyn toml_edit::TableLike, out: &mut Vec<(String, String)>) {
    for (key, item) in t.iter() {
        let id = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        if let Some(sub) = item.as_table_like() {
            walk(file, &id, sub, out);
        } else if let Some(s) = item.as_str() {
            out.push((id, s.to_string()));
        } else {
            panic!("{file}: `{id}` is not a string");
        }
    }
}

/// The four limit tables as integers into one text (no relocations when the program starts):
/// each row is ([(start, end) of each kept field in `TEXT`], the decimal's 16 bytes as
/// `Decimal::serialize` gives them), rows sorted by key. A bad row stops the build naming its
/// file and line (the checks are in src/limit_tables/compile.rs).
fn limit_tables() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut text = String::new();
    let mut spans: HashMap<String, (usize, usize)> = HashMap::new();
    let mut code = String::new();
    for (name, spec) in [
        ("LIMITS", limit_compile::LIMITS),
        ("RDS_MEMORY", limit_compile::RDS_MEMORY),
        ("EC2", limit_compile::EC2),
        ("EC2_WHOLE", limit_compile::EC2_WHOLE),
    ] {
        println!("cargo:rerun-if-changed={}", spec.file);
        let path = Path::new(&root).join(spec.file);
        let csv =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let rows = limit_compile::read(&spec, &csv).unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(1);
        });
        let width = spec.kept.len();
        writeln!(code, "/// `{}`: {} rows.", spec.file, rows.len()).unwrap();
        writeln!(code, "pub static {name}: &[CompiledRow<{width}>] = &[").unwrap();
        for row in &rows {
            let fields: Vec<(usize, usize)> = row
                .fields
                .iter()
                .map(|f| {
                    *spans.entry(f.clone()).or_insert_with(|| {
                        let at = text.len();
                        text.push_str(f);
                        (at, text.len())
                    })
                })
                .collect();
            writeln!(code, "    ({fields:?}, {:?}),", row.value.serialize()).unwrap();
        }
        code.push_str("];\n");
    }
    assert!(u32::try_from(text.len()).is_ok(), "limit tables: too long");
    writeln!(
        code,
        "/// Every distinct field of the limit tables, one after the other."
    )
    .unwrap();
    writeln!(code, "pub static TEXT: &str = {text:?};").unwrap();
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    write_new(&Path::new(&out_dir).join("limit_tables.rs"), &code);
}
