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

/// The labels of `lang` from the message tables (`ui.serve.*`).
fn load_texts(lang: Lang) -> Texts {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Texts {
        live_review: t("ui.serve.live_review"),
        what_if: t("ui.serve.what_if"),
        workload: t("ui.serve.workload"),
        assumptions: t("ui.serve.assumptions"),
        reset: t("ui.serve.reset"),
        save: t("ui.serve.save"),
        save_name: t("ui.serve.save_name"),
        download_zip: t("ui.serve.download_zip"),
        download_toml: t("ui.serve.download_toml"),
        share: t("ui.serve.share"),
        vs_file: t("ui.serve.vs_file"),
        same_as_file: t("ui.serve.same_as_file"),
        file_error: t("ui.serve.file_error"),
        what_if_error: t("ui.serve.what_if_error"),
        watching: t("ui.serve.watching"),
        saved: t("ui.serve.saved"),
        other_changes: t("ui.serve.other_changes"),
        profile_weights: t("ui.serve.profile_weights"),
        switch_lang: t("ui.serve.switch_lang"),
        switch_lang_code: t("ui.serve.switch_lang_code"),
        no_controls: t("ui.serve.no_controls"),
        optimize: t("ui.serve.optimize"),
        optimize_note: t("ui.serve.optimize_note"),
        optimize_error: t("ui.serve.optimize_error"),
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    static EN: std::sync::OnceLock<Texts> = std::sync::OnceLock::new();
    static JA: std::sync::OnceLock<Texts> = std::sync::OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| load_texts(Lang::En)),
        Lang::Ja => JA.get_or_init(|| load_texts(Lang::Ja)),
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
