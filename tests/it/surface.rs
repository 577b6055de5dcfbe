//! The command surface around the engine: `init` templates (every template × language validates
//! and prices), `init --list`, shell completions and the man page.
use crate::util::*;
use archcost::templates;

const SUBCOMMANDS: [&str; 15] = [
    "compare",
    "report",
    "validate",
    "limits",
    "sweep",
    "breakeven",
    "init",
    "diff",
    "sensitivity",
    "pricing",
    "completions",
    "man",
    "serve",
    "optimize",
    "schema",
];

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

#[test]
fn there_are_at_least_five_templates_including_the_named_ones() {
    let names = templates::names();
    for name in [
        "three-tier",
        "serverless-api",
        "container-web",
        "internal-tool",
        "batch-async",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
}

#[test]
fn every_template_in_every_language_validates_and_compares() {
    let dir = tempfile::tempdir().unwrap();
    for name in templates::names() {
        for lang in ["en", "ja"] {
            let text = stdout(&["init", "--template", name, "--lang", lang]);
            assert!(
                text.starts_with("#:schema ./scenario.schema.json\n# "),
                "{name} {lang}: starts with the schema line and a comment"
            );
            if lang == "ja" {
                assert!(
                    text.contains("region = \"ap-northeast-1\""),
                    "{name}: Tokyo"
                );
                assert!(
                    text.lines().any(|l| l.starts_with('#') && !l.is_ascii()),
                    "{name}: Japanese comments"
                );
            }
            let path = dir.path().join(format!("{name}.{lang}.toml"));
            std::fs::write(&path, &text).unwrap();
            let file = path.to_str().unwrap();
            stdout(&["validate", file]);
            let table = stdout(&["compare", file, "--lang", lang]);
            assert!(!table.is_empty(), "{name} {lang}");
            let json = stdout(&["compare", file, "--format", "json"]);
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            let archs = v["architectures"].as_array().unwrap();
            assert!(archs.len() >= 2, "{name} {lang}: compares architectures");
        }
    }
}

#[test]
fn english_three_tier_template_is_the_example_scenario() {
    // The same text but for the `#:schema` line, which `init` points beside the user's file
    // (and follows with how to write the schema there).
    let example = std::fs::read_to_string(repo().join("scenarios/three-tier.toml")).unwrap();
    let (first, body) = example.split_once('\n').unwrap();
    assert_eq!(first, "#:schema ../docs/reference/scenario.schema.json");
    for out in [
        stdout(&["init"]),
        stdout(&["init", "--template", "three-tier"]),
    ] {
        let mut lines = out.splitn(3, '\n');
        assert_eq!(lines.next(), Some("#:schema ./scenario.schema.json"));
        assert!(lines.next().unwrap().starts_with("# Schema for editors"));
        assert_eq!(lines.next(), Some(body));
    }
}

#[test]
fn batch_async_template_invokes_lambda_asynchronously_without_a_web_tier() {
    for lang in ["en", "ja"] {
        let text = stdout(&["init", "--template", "batch-async", "--lang", lang]);
        assert!(text.contains("invocation = \"async\""), "{lang}");
        assert!(
            !text.lines().any(|l| l.starts_with("web")),
            "{lang}: no web tier"
        );
    }
}

#[test]
fn init_list_names_every_template_with_a_description() {
    for lang in ["en", "ja"] {
        let list = stdout(&["init", "--list", "--lang", lang]);
        for name in templates::names() {
            let line = list
                .lines()
                .find(|l| l.split_whitespace().next() == Some(name))
                .unwrap_or_else(|| panic!("{name} not listed ({lang}):\n{list}"));
            assert!(line.len() > name.len() + 10, "{name}: no description");
        }
    }
    let ja = stdout(&["init", "--list", "--lang", "ja"]);
    assert!(ja.contains("サーバーレス"), "{ja}");
}

#[test]
fn init_list_with_a_template_is_a_usage_error() {
    bin()
        .args(["init", "--list", "--template", "batch-async"])
        .assert()
        .code(2);
}

#[test]
fn unknown_template_exits_2_with_the_list_and_a_suggestion() {
    let out = bin()
        .args(["init", "--template", "serverles-api"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did you mean `serverless-api`?"), "{err}");
    for name in templates::names() {
        assert!(err.contains(name), "{name} not listed:\n{err}");
    }
    // Nothing close: still exit 2 with the list, and no suggestion.
    let out = bin().args(["init", "--template", "zzz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("did you mean"), "{err}");
    assert!(err.contains("batch-async"), "{err}");
}

#[test]
fn completions_for_every_shell_mention_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell}: no `{sub}`");
        }
        // Template names complete too (they are the --template possible values; clap_complete
        // completes values for these three shells).
        if matches!(shell, "bash" | "zsh" | "fish") {
            assert!(
                script.contains("serverless-api"),
                "{shell}: no template names"
            );
        }
        // Deterministic.
        assert_eq!(script, stdout(&["completions", shell]), "{shell}");
    }
}

#[test]
fn completions_refuse_an_unknown_shell() {
    bin().args(["completions", "tcsh"]).assert().code(2);
    bin().args(["completions"]).assert().code(2);
}

#[test]
fn man_page_is_roff_with_every_subcommand_and_the_exit_codes() {
    let page = stdout(&["man"]);
    assert!(
        page.starts_with(".TH archcost 1"),
        "{}",
        &page[..80.min(page.len())]
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "{section}");
    }
    for sub in SUBCOMMANDS {
        assert!(page.contains(&format!(".SS \"archcost {sub}\"")), "{sub}");
    }
    assert!(page.contains(".SS \"archcost pricing fetch\""));
    // Options of subcommands are documented, not just their names.
    assert!(page.contains("\\-\\-template"), "init --template");
    // One definition of the apostrophe string, right after the header.
    assert_eq!(page.matches(".ds Aq").count(), 2);
    assert_eq!(page, stdout(&["man"]), "deterministic");
}
