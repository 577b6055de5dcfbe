//! Japanese under `--lang ja` wherever a person reads: `validate --lang`, errors (keys, values
//! and file:line stay as written), key names. English stays as it was (other tests pin it).
use crate::util::{bin, repo};

/// (exit code, stdout, stderr) of `archcost ARGS` run in the repository.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().current_dir(repo()).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn validate_answers_in_japanese_with_lang_ja() {
    let (code, out, _) = run(&["validate", "scenarios/three-tier.toml", "--lang", "ja"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("scenarios/three-tier.toml: OK — アーキテクチャ 3 件、リージョン ap-northeast-1 (アジアパシフィック (東京))、カタログ 同梱（価格の適用日 "),
        "{out}"
    );
    let (code, out, _) = run(&["validate", "scenarios/three-tier.toml", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("scenarios/three-tier.toml: ok — 3 architectures, region ap-northeast-1 (Asia Pacific (Tokyo)), catalog bundled (prices effective "),
        "{out}"
    );
}
