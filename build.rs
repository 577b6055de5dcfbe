//! Build script: list the bundled per-region price files so `src/pricing/bundled.rs` can compile
//! each one in (`include_str!`) and parse only the regions a scenario uses.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
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
    let sources = Path::new(&root).join("pricing").join("sources.csv");
    writeln!(
        out,
        "/// The source texts the region files cite as `@id`.\npub static SOURCES_CSV: &str = include_str!({:?});",
        sources.display().to_string()
    )
    .expect("writing to a String cannot fail");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_files.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
