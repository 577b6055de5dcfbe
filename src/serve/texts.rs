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

/// The label of a control for `key` (the last part of a dot path).
pub fn key_label(lang: Lang, key: &str) -> String {
    let (en, ja) = match key {
        "requests_per_month" => ("Requests per month", "月間リクエスト数"),
        "requests_per_second" => ("Requests per second (average)", "平均リクエスト数（毎秒）"),
        "profile" => ("Traffic profile over the day", "1 日のトラフィックの形"),
        "peak_to_average" => (
            "Peak to average (within the hour)",
            "ピーク倍率（1 時間内）",
        ),
        "duration_ms" => (
            "Compute time per request (ms)",
            "リクエストあたりの処理時間（ms）",
        ),
        "request_kb" => ("Request size (KB)", "リクエストサイズ（KB）"),
        "response_kb" => ("Response size (KB)", "レスポンスサイズ（KB）"),
        "db_reads_per_request" => ("DB reads per request", "リクエストあたりの DB 読み取り"),
        "db_writes_per_request" => ("DB writes per request", "リクエストあたりの DB 書き込み"),
        "item_kb" => ("Item size (KB)", "アイテムサイズ（KB）"),
        "storage_gb" => ("Database storage (GB)", "DB ストレージ（GB）"),
        "log_kb_per_request" => (
            "Application logs per request (KB)",
            "リクエストあたりのアプリケーションログ（KB）",
        ),
        "log_retention_months" => ("Log retention (months)", "ログの保持期間（月）"),
        "log_stored_ratio" => (
            "Stored / ingested log size",
            "ログの保存サイズ／取り込みサイズ",
        ),
        "azs" => ("Availability Zones", "アベイラビリティーゾーン数"),
        "egress" => ("Egress path", "外向きの経路"),
        "nat_per_az" => ("One NAT gateway per AZ", "AZ ごとに NAT ゲートウェイ"),
        "image_mb" => ("Image size (MB)", "イメージサイズ（MB）"),
        "hours_per_month" => ("Hours per month", "月間時間数"),
        "free_tier" => ("Free tier", "無料利用枠"),
        "currency" => ("Currency", "通貨"),
        "usd_jpy" => ("Yen per dollar", "為替レート（円／ドル）"),
        "memory_mb" => ("Memory (MB)", "メモリ（MB）"),
        "arch" => ("CPU architecture", "CPU アーキテクチャ"),
        "provisioned_concurrency" => ("Provisioned concurrency", "プロビジョンド同時実行数"),
        "vcpu" => ("vCPU per task", "タスクあたりの vCPU"),
        "memory_gb" => ("Memory per task (GB)", "タスクあたりのメモリ（GB）"),
        "tasks" => ("Tasks", "タスク数"),
        "rps_per_task" => ("Requests/s per task", "タスクあたりの毎秒リクエスト数"),
        "min_tasks" => ("Minimum tasks", "最小タスク数"),
        "max_tasks" => ("Maximum tasks", "最大タスク数"),
        "spot_share" => ("Spot share (0–1)", "Spot の割合（0〜1）"),
        "instance" => ("Instance", "インスタンス"),
        "count" => ("Count", "台数"),
        "rps_per_instance" => (
            "Requests/s per instance",
            "インスタンスあたりの毎秒リクエスト数",
        ),
        "min" => ("Minimum instances", "最小台数"),
        "max" => ("Maximum instances", "最大台数"),
        "multi_az" => ("Multi-AZ", "マルチ AZ"),
        "capacity" => ("Capacity mode", "キャパシティモード"),
        "api" => ("API type", "API の種類"),
        "purchase" => ("Purchase option", "購入オプション"),
        "term_years" => ("Term (years)", "期間（年）"),
        "payment" => ("Payment", "支払い方法"),
        other => (other, other),
    };
    match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    }
}
