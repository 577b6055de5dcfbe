//! Every bundled price and commitment row names a source a stranger can check: a public URL,
//! `owner/repo@commit:path`, or an AWS Price List offer version, with a date; never a path on
//! the machine the catalog was built on, nor how a source was found.
use archcost::pricing::{bundled, commitments};

/// Words that give a machine path or the way a source was found, in any shipped document.
const MACHINE_PATHS: [&str; 5] = [
    "/work/",
    concat!("..", "/shared"),
    "shared/reference",
    "code index",
    "code-index",
];

/// Further words a price row's source must not hold (documents may mention them, e.g. `/tmp/`
/// in a README example).
const FORBIDDEN_IN_SOURCES: [&str; 3] = ["not exposed", "/home/", "/tmp/"];

/// `https://host.tld/...`
fn has_url(text: &str) -> bool {
    text.match_indices("https://").any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let host: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
            .collect();
        host.contains('.') && !host.ends_with('.')
    })
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// `owner/repo@0123abc:path` (commit of 7 to 40 hex digits, a non-empty path).
fn has_repo_commit_path(text: &str) -> bool {
    text.match_indices('@').any(|(i, _)| {
        let before = &text[..i];
        let start = before
            .rfind(|c: char| !(name_char(c) || c == '/'))
            .map_or(0, |p| p + 1);
        let repo = &before[start..];
        let mut parts = repo.split('/');
        let (Some(owner), Some(name), None) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        if owner.is_empty() || name.is_empty() {
            return false;
        }
        let after = &text[i + 1..];
        let hex = after.chars().take_while(char::is_ascii_hexdigit).count();
        if !(7..=40).contains(&hex) || !after[hex..].starts_with(':') {
            return false;
        }
        after[hex + 1..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace())
    })
}

/// "AWS Price List <Offer> ... <14-digit version>" (the version is the publication time).
fn has_offer_version(text: &str) -> bool {
    text.match_indices("AWS Price List ").any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let mut run = 0;
        rest.chars().take(120).any(|c| {
            run = if c.is_ascii_digit() { run + 1 } else { 0 };
            run == 14
        })
    })
}

fn has_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
    })
}

/// Why `text` is not a checkable source (None when it is). `effective` is the row's own date
/// column (its date when the text gives none); None for a text without a row.
fn problem(text: &str, effective: Option<&str>) -> Option<String> {
    if let Some(word) = MACHINE_PATHS
        .iter()
        .chain(FORBIDDEN_IN_SOURCES.iter())
        .find(|w| text.contains(*w))
    {
        return Some(format!("contains `{word}`"));
    }
    if !(has_url(text) || has_repo_commit_path(text) || has_offer_version(text)) {
        return Some(
            "names no public URL, owner/repo@commit:path or AWS Price List offer version".into(),
        );
    }
    if let Some(date) = effective {
        if !has_date(date) {
            return Some(format!("row date `{date}` is not YYYY-MM-DD"));
        }
    } else if !(has_date(text) || has_offer_version(text)) {
        return Some("gives no date".into());
    }
    None
}

#[test]
fn the_checker_accepts_the_three_forms_and_refuses_the_rest() {
    for good in [
        "lamngockhuong/aws-price@508fb45296c8:lib/data/pricing/ec2-transformed.json (fetched 2025-11-04)",
        "AWS Price List AmazonRDS 20260904172716 SKU 3CGDWX8M4ZQMD2FD",
        "https://aws.amazon.com/fargate/pricing/ (read 2026-09-28)",
    ] {
        assert_eq!(problem(good, None), None, "{good}");
    }
    for bad in [
        "third-party cost code in a public repo (repository not exposed by the code index) 2026-09-10",
        "/work/shared/reference/aws-prices.csv 2026-09-10",
        "QuinnyPig/aws-price-watcher processed/ec2.json @ a6645eb2e53e, 2025-06-18",
        "lamngockhuong/aws-price@508fb45296c8:lib/data/pricing/ec2-transformed.json",
        "earlier project note (pricing-examples.md) 2026-09-25",
    ] {
        assert!(problem(bad, None).is_some(), "accepted: {bad}");
    }
}

#[test]
fn every_bundled_price_row_names_a_checkable_source() {
    let mut bad = Vec::new();
    let mut rows = 0;
    for (region, text) in bundled::region_files() {
        for row in bundled::parse_region(region, text).expect("bundled region parses") {
            rows += 1;
            if let Some(why) = problem(&row.source, Some(&row.effective)) {
                bad.push(format!("{} {}: {why}: {}", row.key, row.region, row.source));
            }
        }
    }
    for (id, text) in bundled::sources() {
        if let Some(why) = problem(&text, Some("2000-01-01")) {
            bad.push(format!("pricing/sources.csv {id}: {why}"));
        }
    }
    assert!(rows > 10_000, "only {rows} rows walked");
    assert!(
        bad.is_empty(),
        "{} unsourced row(s), e.g.:\n{}",
        bad.len(),
        bad.iter().take(15).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_commitment_row_names_a_checkable_source() {
    let rates = commitments::bundled().expect("bundled commitments parse");
    let mut bad = Vec::new();
    for r in rates.rate_rows() {
        if let Some(why) = problem(&r.source, Some(&r.effective)) {
            bad.push(format!("{} {}: {why}: {}", r.key, r.region, r.source));
        }
    }
    for r in rates.spot_rows() {
        if let Some(why) = problem(&r.source, Some(&r.effective)) {
            bad.push(format!("{} {}: {why}: {}", r.key, r.region, r.source));
        }
    }
    assert!(rates.len() > 100);
    assert!(
        bad.is_empty(),
        "{} unsourced commitment row(s), e.g.:\n{}",
        bad.len(),
        bad.iter().take(15).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn shipped_documents_carry_no_machine_path() {
    let root = env!("CARGO_MANIFEST_DIR");
    for file in [
        "pricing/sources.csv",
        "pricing/curated.csv",
        "pricing/SOURCES.md",
        "pricing/COVERAGE.md",
        "pricing/commitments/README.md",
        "pricing/commitments/rates.csv",
        "pricing/commitments/spot.csv",
        "limits/README.md",
        "README.md",
    ] {
        let text = std::fs::read_to_string(format!("{root}/{file}")).expect(file);
        for word in MACHINE_PATHS {
            assert!(!text.contains(word), "{file} contains `{word}`");
        }
    }
}

/// Words that cite a document kept outside the repository (spelled in pieces so this file does
/// not match itself). Code comments cite docs/ or public AWS pages instead.
fn outside_citations() -> [String; 3] {
    [
        ["DESIGN", ".md"].concat(),
        ["DESIGN", " §"].concat(),
        ["..", "/shared"].concat(),
    ]
}

/// Text files under `dir` (recursively; target/ and dot-directories skipped) that contain one
/// of `words`, as "path: word".
fn citing(dir: &std::path::Path, words: &[String], out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                citing(&path, words, out);
            }
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            if let Some(w) = words.iter().find(|w| text.contains(w.as_str())) {
                out.push(format!("{}: {w}", path.display()));
            }
        }
    }
}

#[test]
fn the_repository_cites_no_document_outside_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    citing(root, &outside_citations(), &mut found);
    assert!(found.is_empty(), "cite docs/ or a public page: {found:#?}");
}

#[test]
fn the_citation_check_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::create_dir_all(dir.path().join("target")).unwrap();
    let cite = format!("// see {} §6\n", ["DESIGN", ".md"].concat());
    std::fs::write(dir.path().join("src/a.rs"), &cite).unwrap();
    std::fs::write(dir.path().join("target/b.rs"), &cite).unwrap();
    std::fs::write(dir.path().join("src/c.rs"), "// see docs/reference\n").unwrap();
    let mut found = Vec::new();
    citing(dir.path(), &outside_citations(), &mut found);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].ends_with(&format!("a.rs: {}", outside_citations()[0])),
        "{found:?}"
    );
}
