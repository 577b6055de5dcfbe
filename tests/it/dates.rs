//! Dates in inputs are real calendar dates: an impossible `fx_date` or a catalog `effective`
//! date that is not a date is an input error (exit 2) naming where it is.
use crate::util::bin;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn fx_date_that_is_not_on_the_calendar_is_exit_2() {
    let text = std::fs::read_to_string(root().join("scenarios/three-tier.toml")).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("fx_date = \"2026-11-20\""))
        .unwrap();
    for bad in ["2025-13-45", "2025-02-29", "2025-00-01"] {
        let changed = text.replace("fx_date = \"2026-11-20\"", &format!("fx_date = \"{bad}\""));
        assert_ne!(changed, text, "the scenario sets fx_date");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        std::fs::write(&file, changed).unwrap();
        let out = bin().arg("validate").arg(&file).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(err.contains("fx_date") && err.contains(bad), "{err}");
        assert!(
            err.contains(&format!("s.toml:{line}:")),
            "the line of the key: {err}"
        );
    }
    // A real leap day is fine.
    let leap = text.replace("fx_date = \"2026-11-20\"", "fx_date = \"2024-02-29\"");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(&file, leap).unwrap();
    let out = bin().arg("validate").arg(&file).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn catalog_effective_date_that_is_not_a_date_is_exit_2() {
    const HEADER: &str = "key,region,unit,tier_begin,tier_end,usd,sku,effective,source\n";
    for bad in ["2025-02-30", "June 2025", "2025-6-18"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("catalog.csv"),
            format!("{HEADER}ec2.linux.m5.large,ap-northeast-1,hour,0,,0.124,S,{bad},test\n"),
        )
        .unwrap();
        let out = bin()
            .current_dir(root())
            .args(["compare", "scenarios/three-tier.toml", "--pricing"])
            .arg(dir.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(
            err.contains("catalog.csv: line 2")
                && err.contains("is not a date")
                && err.contains(bad),
            "{err}"
        );
    }
}
