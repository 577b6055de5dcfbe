//! The live page's own labels (controls, buttons, banners) in English and Japanese; the report
//! content itself uses `report::i18n`.
use crate::lang::Lang;

/// Every label of the page around the report.
pub struct Texts {
    pub live_review: &'static str,
    pub what_if: &'static str,
    pub workload: &'static str,
    pub assumptions: &'static str,
    pub reset: &'static str,
    pub save: &'static str,
    pub save_name: &'static str,
    pub download_zip: &'static str,
    pub download_toml: &'static str,
    pub share: &'static str,
    pub vs_file: &'static str,
    pub same_as_file: &'static str,
    pub file_error: &'static str,
    pub what_if_error: &'static str,
    pub watching: &'static str,
    pub saved: &'static str,
    pub other_changes: &'static str,
    pub profile_weights: &'static str,
    pub switch_lang: &'static str,
    pub switch_lang_code: &'static str,
    pub no_controls: &'static str,
    pub optimize: &'static str,
    pub optimize_note: &'static str,
    pub optimize_error: &'static str,
}

const EN: Texts = Texts {
    live_review: "live review",
    what_if: "What if",
    workload: "Workload",
    assumptions: "Assumptions",
    reset: "Reset to the file",
    save: "Save as a new scenario",
    save_name: "file name (saved beside the scenario)",
    download_zip: "Download the report (.zip)",
    download_toml: "Download this what-if (.toml)",
    share: "The address bar holds the changed values: copy it to share this what-if.",
    vs_file: "vs the file",
    same_as_file: "same as the file",
    file_error:
        "The scenario file does not validate; the page and the API show the last version that did:",
    what_if_error: "This what-if is not valid (the page shows the last valid one):",
    watching: "Watching {file}: saved edits show here within a second.",
    saved: "Saved",
    other_changes: "Other changed keys (from the link)",
    profile_weights: "24 hourly weights (as in the file)",
    switch_lang: "日本語",
    switch_lang_code: "ja",
    no_controls: "no settings to tune here",
    optimize: "Optimize: find the cheapest configuration",
    optimize_note: "Searches each architecture's [architecture.search] table for this what-if (as `archcost optimize`).",
    optimize_error: "The search could not run:",
};

const JA: Texts = Texts {
    live_review: "ライブレビュー",
    what_if: "もしも（What-if）",
    workload: "ワークロード",
    assumptions: "前提",
    reset: "ファイルの値に戻す",
    save: "新しいシナリオとして保存",
    save_name: "ファイル名（シナリオと同じフォルダに保存）",
    download_zip: "レポートをダウンロード（.zip）",
    download_toml: "この What-if をダウンロード（.toml）",
    share:
        "変更した値はアドレスバーの URL に入っています。コピーすればこの What-if を共有できます。",
    vs_file: "ファイル比",
    same_as_file: "ファイルと同じ",
    file_error:
        "シナリオファイルが検証を通りません。ページと API は最後に検証を通った版を表示しています：",
    what_if_error: "この What-if は無効です（最後に有効だった結果を表示しています）：",
    watching: "{file} を監視中：保存した変更は 1 秒以内にここへ反映されます。",
    saved: "保存しました",
    other_changes: "その他の変更（リンクから）",
    profile_weights: "24 時間の重み（ファイルのとおり）",
    switch_lang: "English",
    switch_lang_code: "en",
    no_controls: "調整できる設定はありません",
    optimize: "最適化：最安の構成を探す",
    optimize_note: "この What-if について、各アーキテクチャの [architecture.search] の選択肢を探索します（`archcost optimize` と同じ）。",
    optimize_error: "探索を実行できませんでした：",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

/// The label of a control for `key` (the last part of a dot path): the message tables'
/// `key.name.*`, the key itself when it has none.
pub fn key_label(lang: Lang, key: &str) -> String {
    crate::report::key_names::control(lang, key)
}
