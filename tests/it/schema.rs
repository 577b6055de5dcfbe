//! `archcost schema`: the generated JSON Schemas accept every shipped scenario, template,
//! committed report and `optimize --format json` answer (found, infeasible), reject a typo'd key
//! and a wrong type, and match the committed copies in docs/reference/.
use crate::util::*;
use archcost::templates;
use serde_json::{json, Value};

fn stdout(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "archcost {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn validator(kind: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&stdout(&["schema", kind])).unwrap();
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{kind}: draft 2020-12"
    );
    jsonschema::validator_for(&schema).unwrap()
}

/// A TOML scenario as the JSON document its schema describes.
fn toml_to_json(text: &str) -> Value {
    serde_json::to_value(toml::from_str::<toml::Value>(text).unwrap()).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc).map(|e| e.to_string()).collect()
}

#[test]
fn every_shipped_scenario_and_template_validates() {
    let v = validator("scenario");
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let doc = toml_to_json(&std::fs::read_to_string(&path).unwrap());
            assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{path:?}");
            checked += 1;
        }
    }
    assert!(checked >= 7, "scenarios/ has 7 files, checked {checked}");
    for name in templates::names() {
        for lang in ["en", "ja"] {
            let doc = toml_to_json(&stdout(&["init", "--template", name, "--lang", lang]));
            assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{name} {lang}");
        }
    }
}

#[test]
fn every_committed_report_validates() {
    let v = validator("report");
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("reports")).unwrap() {
        let path = entry.unwrap().path().join("report.json");
        if path.exists() {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{path:?}");
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "reports/ has 2 report.json, checked {checked}"
    );
}

#[test]
fn a_typo_or_a_wrong_type_fails_the_scenario_schema() {
    let v = validator("scenario");
    let text = std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap();
    let good = toml_to_json(&text);
    assert!(v.is_valid(&good));

    let mut typo = good.clone();
    typo["workload"]["requests_per_mnth"] = json!(1000);
    assert!(!v.is_valid(&typo), "typo'd workload key");
    let mut typo = good.clone();
    typo["architecture"][0]["app"]["memroy_mb"] = json!(512);
    assert!(!v.is_valid(&typo), "typo'd key inside a tier");
    let mut typo = good.clone();
    typo["regoin"] = json!("us-east-1");
    assert!(!v.is_valid(&typo), "typo'd top-level key");

    let mut wrong = good.clone();
    wrong["workload"]["duration_ms"] = json!("fast");
    assert!(!v.is_valid(&wrong), "a string where a number goes");
    let mut wrong = good.clone();
    wrong["workload"]["duration_ms"] = json!({ "low": 1, "high": 3 });
    assert!(!v.is_valid(&wrong), "a range without `expected`");
    let mut wrong = good.clone();
    wrong["assumptions"]["free_tier"] = json!("yes");
    assert!(!v.is_valid(&wrong), "a string where a boolean goes");
    let mut wrong = good;
    wrong["architecture"][0]["app"]["service"] = json!("lamda");
    assert!(!v.is_valid(&wrong), "an unknown service");
}

#[test]
fn a_wrong_type_fails_the_report_schema() {
    let v = validator("report");
    let text = std::fs::read_to_string(repo().join("reports/three-tier/report.json")).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["architectures"][0]["monthly_usd"] = json!(12.5);
    assert!(!v.is_valid(&doc), "money is an exact decimal string");
}

#[test]
fn the_committed_scenario_schema_is_the_commands_output() {
    let committed =
        std::fs::read_to_string(repo().join("docs/reference/scenario.schema.json")).unwrap();
    assert_eq!(committed, stdout(&["schema", "scenario"]));
    let committed =
        std::fs::read_to_string(repo().join("docs/reference/report.schema.json")).unwrap();
    assert_eq!(committed, stdout(&["schema", "report"]));
    let committed =
        std::fs::read_to_string(repo().join("docs/reference/optimize.schema.json")).unwrap();
    assert_eq!(committed, stdout(&["schema", "optimize"]));
}

/// `archcost optimize ARGS --format json` (exit 0 or 3: an infeasible search still answers).
fn optimize_json(args: &[&str]) -> Value {
    let out = bin()
        .arg("optimize")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn optimize_answers_validate_against_the_optimize_schema() {
    let v = validator("optimize");
    // Found: bests, alternatives, binding reasons and notes of several kinds, in yen.
    let tokyo = repo().join("scenarios/optimize-tokyo.toml");
    let doc = optimize_json(&[tokyo.to_str().unwrap(), "--currency", "JPY"]);
    assert_eq!(doc["schema"], "archcost/optimize/1");
    assert!(doc["architectures"][0]["best"].is_object());
    assert_eq!(errors(&v, &doc), Vec::<String>::new());
    // Infeasible everywhere: `best` null and `ruled_out` per family.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(
        &path,
        r#"name = "t"
region = "us-east-1"
[workload]
requests_per_month = 200_000_000
duration_ms = 40
[[architecture]]
name = "a"
app = { service = "ec2", instance = "m5.large", rps_per_vcpu = 0.01, min = 2, max = 2 }
[architecture.search]
app.instance = { families = ["c7g"] }
"#,
    )
    .unwrap();
    let doc = optimize_json(&[path.to_str().unwrap()]);
    assert!(doc["architectures"][0]["best"].is_null());
    assert!(doc["architectures"][0]["ruled_out"].is_array());
    assert_eq!(errors(&v, &doc), Vec::<String>::new());
    // A wrong type or an unknown sentence kind fails.
    let mut wrong = optimize_json(&[tokyo.to_str().unwrap()]);
    wrong["architectures"][0]["best"]["monthly_usd"] = json!(12.5);
    assert!(!v.is_valid(&wrong), "money is an exact decimal string");
    let mut wrong = optimize_json(&[tokyo.to_str().unwrap()]);
    wrong["architectures"][0]["best"]["reasons"][0]["kind"] = json!("guess");
    assert!(!v.is_valid(&wrong), "an unknown reason kind");
}

/// The `#:schema` path on the first line of `text`, if it has one.
fn schema_line(text: &str) -> Option<&str> {
    text.lines().next()?.strip_prefix("#:schema ")
}

#[test]
fn every_scenario_and_template_file_names_the_schema_on_its_first_line() {
    let reference = repo()
        .join("docs/reference/scenario.schema.json")
        .canonicalize()
        .unwrap();
    let mut checked = 0;
    for dir in ["scenarios", "templates/en", "templates/ja"] {
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let rel = schema_line(&text).unwrap_or_else(|| panic!("{path:?}: no #:schema line"));
            // Taplo resolves a relative path against the TOML file's folder.
            let target = path.parent().unwrap().join(rel).canonicalize().unwrap();
            assert_eq!(target, reference, "{path:?}");
            checked += 1;
        }
    }
    assert!(checked >= 7 + 4 + 5, "checked {checked}");
}

#[test]
fn what_init_writes_names_a_schema_that_archcost_schema_writes_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    for name in templates::names() {
        for lang in ["en", "ja"] {
            let text = stdout(&["init", "--template", name, "--lang", lang]);
            let rel = schema_line(&text).unwrap_or_else(|| panic!("{name} {lang}: no #:schema"));
            assert_eq!(rel, "./scenario.schema.json", "{name} {lang}");
            let how = text.lines().nth(1).unwrap();
            assert!(
                how.starts_with("# ")
                    && how.ends_with("archcost schema scenario > scenario.schema.json"),
                "{name} {lang}: {how}"
            );
            // Follow the instruction: the schema written beside the file accepts the file.
            std::fs::write(
                dir.path().join("scenario.schema.json"),
                stdout(&["schema", "scenario"]),
            )
            .unwrap();
            let schema: Value =
                serde_json::from_str(&std::fs::read_to_string(dir.path().join(rel)).unwrap())
                    .unwrap();
            let v = jsonschema::validator_for(&schema).unwrap();
            assert_eq!(errors(&v, &toml_to_json(&text)), Vec::<String>::new());
        }
    }
}
