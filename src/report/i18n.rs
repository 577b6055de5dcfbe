//! Output language: every human label of tables, CSV headers, Markdown, HTML and charts, in
//! English (the default, byte-identical to the original output) or Japanese.
//!
//! Line-item descriptions, units, notes and limit messages come from the engine in English and are
//! translated at presentation time by `i18n_lines`. Machine output (JSON, CSV values other than the
//! description, line ids) never changes with the language.

// The language itself is a leaf everything may name; its labels are here.
pub use crate::lang::Lang;

/// The CSV header row in English (machine-readable column names; `Labels::csv_header` per language).
pub const CSV_HEADER: [&str; 15] = [
    "architecture",
    "region",
    "tier",
    "service",
    "id",
    "description",
    "quantity",
    "unit",
    "unit_price_usd",
    "monthly_usd",
    "monthly_jpy",
    "price_key",
    "sku",
    "effective",
    "source",
];

/// Every label string of one language.
#[derive(Debug)]
pub struct Labels {
    // assumptions
    pub assumption: &'static str,
    pub assumptions: &'static str,
    pub value: &'static str,
    pub scenario: &'static str,
    pub region: &'static str,
    pub requests_per_month: &'static str,
    pub hours_per_month: &'static str,
    pub free_tier: &'static str,
    pub free_tier_on: &'static str,
    pub free_tier_off: &'static str,
    pub price_catalog: &'static str,
    pub exchange_rate: &'static str,
    pub currency: &'static str,
    pub date_not_given: &'static str,
    // matrix and line items
    pub monthly_cost_by_tier: &'static str,
    pub architecture: &'static str,
    pub total_per_month: &'static str,
    pub per_month: &'static str,
    pub tier: &'static str,
    pub line_item: &'static str,
    pub quantity: &'static str,
    pub unit: &'static str,
    pub usd_per_unit: &'static str,
    pub monthly: &'static str,
    // limits
    pub status: &'static str,
    pub limit: &'static str,
    pub limit_value: &'static str,
    pub kind: &'static str,
    pub what_to_do: &'static str,
    pub limits_for: &'static str,
    /// `archcost limits`: title, check column, last column, source prefix, kinds footer.
    pub limits_title: &'static str,
    pub check: &'static str,
    pub what_to_do_source: &'static str,
    pub source: &'static str,
    pub kinds_footer: &'static str,
    pub note: &'static str,
    // CSV header (same order as report::csv::HEADER)
    pub csv_header: [&'static str; 15],
    // report folder, HTML and charts
    pub report_title: &'static str,
    pub charts: &'static str,
    pub cost_vs_load: &'static str,
    pub breakdown: &'static str,
    pub line_items: &'static str,
    pub limits: &'static str,
    pub crossings: &'static str,
    pub crossings_note: &'static str,
    pub no_crossings: &'static str,
    pub between: &'static str,
    pub at_requests: &'static str,
    pub this_scenario: &'static str,
    pub crossings_key: &'static str,
    /// Legend entry of the uncertainty band of the cost-vs-load chart.
    pub band: &'static str,
    /// Label of the shaded request-volume range (followed by " (low–high)").
    pub volume_range: &'static str,
    pub axis_requests: &'static str,
    pub files: &'static str,
    // feasibility
    /// Column header: can the architecture run the workload.
    pub feasible: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    /// Badge / legend mark of the recommended architecture.
    pub cheapest_feasible: &'static str,
    /// Badge / legend mark of an architecture that cannot run the workload.
    pub not_feasible: &'static str,
    /// Sentence when no architecture can run the workload.
    pub none_feasible: &'static str,
    /// Legend entry of the dashed stretch of a cost curve.
    pub infeasible_stretch: &'static str,
}

const EN: Labels = Labels {
    assumption: "Assumption",
    assumptions: "Assumptions",
    value: "Value",
    scenario: "Scenario",
    region: "Region",
    requests_per_month: "Requests per month",
    hours_per_month: "Hours per month",
    free_tier: "Free tier",
    free_tier_on: "on (always-free allowances applied per architecture)",
    free_tier_off: "off",
    price_catalog: "Price catalog",
    exchange_rate: "Exchange rate",
    currency: "Currency",
    date_not_given: "date not given",
    monthly_cost_by_tier: "Monthly cost by tier",
    architecture: "Architecture",
    total_per_month: "Total / month",
    per_month: "per month",
    tier: "Tier",
    line_item: "Line item",
    quantity: "Quantity",
    unit: "Unit",
    usd_per_unit: "USD per unit",
    monthly: "Monthly",
    status: "Status",
    limit: "Limit",
    limit_value: "Limit value",
    kind: "Kind",
    what_to_do: "What to do",
    limits_for: "Limits for",
    limits_title: "limits and quotas",
    check: "Check",
    what_to_do_source: "What to do / source",
    source: "source",
    kinds_footer: "Kinds: hard = cannot be raised; quota = an account default you can raise (override it under [quotas]); setting = your own configuration.",
    note: "Note: ",
    csv_header: CSV_HEADER,
    report_title: "Monthly AWS cost comparison",
    charts: "Charts",
    cost_vs_load: "Monthly cost vs request volume",
    breakdown: "Monthly cost by tier",
    line_items: "Line items",
    limits: "Limits",
    crossings: "Where two architectures cost the same",
    crossings_note: "Solved exactly on the piecewise-linear cost (as `archcost breakeven` does), within the charted range.",
    no_crossings: "No two architectures cross in the charted range.",
    between: "Between",
    at_requests: "requests per month",
    this_scenario: "this scenario",
    crossings_key: "Costs cross (exact break-even)",
    band: "band: low–high inputs",
    volume_range: "expected range of volume",
    axis_requests: "Requests per month (log scale)",
    files: "Files",
    feasible: "Can run",
    yes: "yes",
    no: "no",
    cheapest_feasible: "cheapest feasible",
    not_feasible: "not feasible",
    none_feasible: "No architecture can run this workload: each one exceeds a hard limit or lacks capacity.",
    infeasible_stretch: "dashed: cannot run there (hard limit or capacity)",
};

const JA: Labels = Labels {
    assumption: "前提条件",
    assumptions: "前提条件",
    value: "値",
    scenario: "シナリオ",
    region: "リージョン",
    requests_per_month: "月間リクエスト数",
    hours_per_month: "月間稼働時間",
    free_tier: "無料利用枠",
    free_tier_on: "適用（常時無料枠をアーキテクチャごとに適用）",
    free_tier_off: "適用しない",
    price_catalog: "価格カタログ",
    exchange_rate: "為替レート",
    currency: "通貨",
    date_not_given: "日付未指定",
    monthly_cost_by_tier: "層別の月額費用",
    architecture: "アーキテクチャ",
    total_per_month: "月額合計",
    per_month: "／月",
    tier: "層",
    line_item: "明細",
    quantity: "数量",
    unit: "単位",
    usd_per_unit: "単価（USD）",
    monthly: "月額",
    status: "状態",
    limit: "上限",
    limit_value: "上限値",
    kind: "種別",
    what_to_do: "対処",
    limits_for: "上限チェック：",
    limits_title: "上限とクォータ",
    check: "チェック",
    what_to_do_source: "対処 / 出典",
    source: "出典",
    kinds_footer: "種別: ハード = 引き上げ不可、クォータ = 引き上げ可能なアカウントの既定値（[quotas] で上書き可能）、設定 = シナリオ自身の設定。",
    note: "注記：",
    csv_header: [
        "アーキテクチャ",
        "リージョン",
        "層",
        "サービス",
        "ID",
        "明細",
        "数量",
        "単位",
        "単価（USD）",
        "月額（USD）",
        "月額（円）",
        "価格キー",
        "SKU",
        "適用日",
        "出典",
    ],
    report_title: "AWS 月額費用の比較",
    charts: "グラフ",
    cost_vs_load: "リクエスト数と月額費用",
    breakdown: "層別の月額費用",
    line_items: "明細",
    limits: "上限チェック",
    crossings: "2つのアーキテクチャの費用が等しくなる点",
    crossings_note: "区分線形の費用関数上で厳密に求めた損益分岐点です（`archcost breakeven` と同じ計算、グラフの範囲内）。",
    no_crossings: "グラフの範囲では、アーキテクチャ間の費用は交差しません。",
    between: "対象",
    at_requests: "リクエスト／月",
    this_scenario: "このシナリオ",
    crossings_key: "費用の交差点（損益分岐点）",
    band: "帯: 不確かな入力の低〜高",
    volume_range: "想定されるリクエスト量の範囲",
    axis_requests: "月間リクエスト数（対数目盛）",
    files: "ファイル",
    feasible: "実行可否",
    yes: "可",
    no: "不可",
    cheapest_feasible: "実行可能で最安",
    not_feasible: "実行不可",
    none_feasible: "このワークロードを実行できるアーキテクチャはありません（すべてハード上限の超過または容量不足）。",
    infeasible_stretch: "破線: 実行不可の範囲（ハード上限または容量不足）",
};

impl Lang {
    /// The label set of this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }

    /// The HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// A tier name (`web`, `app`, `db`, `network`, `extras`) as shown to people.
    pub fn tier(self, tier: &str) -> String {
        match self {
            Lang::En => tier.to_string(),
            Lang::Ja => match tier {
                "web" => "Web層".to_string(),
                "app" => "アプリ層".to_string(),
                "db" => "DB層".to_string(),
                "network" => "ネットワーク".to_string(),
                "extras" => "その他".to_string(),
                other => other.to_string(),
            },
        }
    }

    /// A limit status (`ok`, `warning`, `exceeded`) as shown to people.
    pub fn status(self, status: &str) -> String {
        match (self, status) {
            (Lang::Ja, "ok") => "OK".to_string(),
            (Lang::Ja, "warning") => "警告".to_string(),
            (Lang::Ja, "exceeded") => "超過".to_string(),
            _ => status.to_string(),
        }
    }

    /// A limit kind (`hard`, `quota`) as shown to people.
    pub fn kind(self, kind: &str) -> String {
        match (self, kind) {
            (Lang::Ja, "hard") => "ハード上限".to_string(),
            (Lang::Ja, "quota") => "クォータ（引き上げ可）".to_string(),
            (Lang::Ja, "behaviour") => "動作仕様".to_string(),
            (Lang::Ja, "setting") => "設定".to_string(),
            _ => kind.to_string(),
        }
    }

    /// "5 of 7 limit checks ok (`archcost limits` lists them all)\n".
    /// "13 checks, 1 exceeded, 0 warnings" (`archcost limits`).
    pub fn checks_summary(self, total: usize, exceeded: usize, warnings: usize) -> String {
        match self {
            Lang::En => format!("{total} checks, {exceeded} exceeded, {warnings} warnings"),
            Lang::Ja => format!("{total} 件のチェック、超過 {exceeded} 件、警告 {warnings} 件"),
        }
    }

    pub fn checks_ok(self, ok: usize, total: usize) -> String {
        match self {
            Lang::En => {
                format!("{ok} of {total} limit checks ok (`archcost limits` lists them all)\n")
            }
            Lang::Ja => format!(
                "上限チェック {total} 件中 {ok} 件が OK（全件は `archcost limits` で表示）\n"
            ),
        }
    }

    /// "bundled (prices effective 2024-07-18 to 2026-09-25)": the oldest and newest dates of
    /// the prices used, so a mixed catalog does not look fresher than it is; with `refresh` (the
    /// `pricing fetch` command, given when a price is more than 12 months old) a note saying so.
    pub fn catalog(
        self,
        source: &str,
        oldest: &str,
        newest: &str,
        refresh: Option<&str>,
    ) -> String {
        let dates = match (self, oldest == newest || oldest.is_empty()) {
            (Lang::En, true) => format!("prices effective {newest}"),
            (Lang::En, false) => format!("prices effective {oldest} to {newest}"),
            (Lang::Ja, true) => format!("{newest} 時点の価格"),
            (Lang::Ja, false) => format!("{oldest}〜{newest} 時点の価格"),
        };
        let first = if oldest.is_empty() { newest } else { oldest };
        match (self, refresh) {
            (Lang::En, None) => format!("{source} ({dates})"),
            (Lang::Ja, None) => format!("{source}（{dates}）"),
            (Lang::En, Some(cmd)) => format!("{source} ({dates}; {})", self.stale(first, cmd)),
            (Lang::Ja, Some(cmd)) => format!("{source}（{dates}。{}）", self.stale(first, cmd)),
        }
    }

    /// The note on a price more than 12 months old: its date and the command for today's list.
    pub fn stale(self, oldest: &str, cmd: &str) -> String {
        match self {
            Lang::En => format!(
                "the oldest, {oldest}, is more than 12 months old: `{cmd}` gets today's list, then use --pricing DIR"
            ),
            Lang::Ja => format!(
                "最も古い価格（{oldest}）は 12 か月以上前のものです。最新の価格は `{cmd}` で取得し、--pricing DIR で使えます"
            ),
        }
    }

    /// "ap-northeast-1 (Asia Pacific (Tokyo), written "tokyo")".
    pub fn region(self, code: &str, name: Option<&str>, written: Option<&str>) -> String {
        match (self, name, written) {
            (_, None, _) => code.to_string(),
            (Lang::En, Some(n), None) => format!("{code} ({n})"),
            (Lang::En, Some(n), Some(w)) => format!("{code} ({n}, written \"{w}\")"),
            (Lang::Ja, Some(n), None) => format!("{code}（{n}）"),
            (Lang::Ja, Some(n), Some(w)) => format!("{code}（{n}、記述「{w}」）"),
        }
    }

    /// "150 JPY per USD (2026-11-20)".
    pub fn rate(self, usd_jpy: &str, date: &str) -> String {
        match self {
            Lang::En => format!("{usd_jpy} JPY per USD ({date})"),
            Lang::Ja => format!("1 USD = {usd_jpy} 円（{date}）"),
        }
    }

    /// The heading of one architecture's line items: "serverless (ap-northeast-1) — $139.49 per month".
    pub fn arch_heading(self, name: &str, region: &str, monthly: &str) -> String {
        match self {
            Lang::En => format!("{name} ({region}) — {monthly} per month"),
            Lang::Ja => format!("{name}（{region}）— 月額 {monthly}"),
        }
    }

    /// The y-axis unit of a chart: "USD per month" / "JPY per month".
    pub fn money_axis(self, currency: &str) -> String {
        match self {
            Lang::En => format!("{currency} per month"),
            Lang::Ja => format!("月額（{}）", if currency == "JPY" { "円" } else { "USD" }),
        }
    }

    /// The same, for a log-scale axis.
    pub fn money_axis_log(self, currency: &str) -> String {
        match self {
            Lang::En => format!("{currency} per month (log scale)"),
            Lang::Ja => format!(
                "月額（{}、対数目盛）",
                if currency == "JPY" { "円" } else { "USD" }
            ),
        }
    }

    /// A crossing's chart label: "serverless = containers at 41.3M requests/month, $268/month".
    pub fn crossing(self, a: &str, b: &str, volume: &str, monthly: &str) -> String {
        match self {
            Lang::En => format!("{a} = {b} at {volume} requests/month, {monthly}/month"),
            Lang::Ja => format!("{a} = {b}：{volume} リクエスト／月、月額 {monthly}"),
        }
    }

    /// "Cheapest feasible: containers — $188.49 per month".
    pub fn recommendation(self, name: &str, monthly: &str) -> String {
        match self {
            Lang::En => format!("Cheapest feasible: {name} — {monthly} per month"),
            Lang::Ja => format!("実行可能で最安: {name}（月額 {monthly}）"),
        }
    }

    /// "sync-http-api is ruled out: <reason>".
    pub fn ruled_out(self, name: &str, reason: &str) -> String {
        match self {
            Lang::En => format!("{name} is ruled out: {reason}"),
            Lang::Ja => format!("{name} は実行不可: {reason}"),
        }
    }

    /// The "Can run" cell of an architecture that cannot: "no — apigw.http.integration_timeout_s".
    pub fn cannot_run(self, ids: &str) -> String {
        match self {
            Lang::En => format!("no — {ids}"),
            Lang::Ja => format!("不可 — {ids}"),
        }
    }

    /// A crossing where one side cannot run: "containers cannot run here".
    pub fn cannot_run_here(self, name: &str) -> String {
        match self {
            Lang::En => format!("{name} cannot run here"),
            Lang::Ja => format!("{name} はここでは実行不可"),
        }
    }

    /// Label of the consumption-tax assumption.
    pub fn tax_label(self) -> &'static str {
        match self {
            Lang::En => "Consumption tax",
            Lang::Ja => "消費税",
        }
    }

    /// "serverless: consumption tax 10 % $13.95 — $153.44 per month incl. tax (pre-tax $139.49)".
    pub fn tax_line(self, name: &str, pct: &str, tax: &str, total: &str, pre: &str) -> String {
        match self {
            Lang::En => format!(
                "{name}: consumption tax {pct} % {tax} — {total} per month incl. tax (pre-tax {pre})"
            ),
            Lang::Ja => format!("{name}: 消費税 {pct}% {tax} — 税込 月額 {total}（税抜 {pre}）"),
        }
    }

    /// The note printed when PNG text had characters the embedded font lacks.
    pub fn png_replaced(self, n: usize) -> String {
        match self {
            Lang::En => format!("note: {n} character(s) not in the embedded chart font are shown as `?` in the PNG charts; the SVG charts and report.html show them"),
            Lang::Ja => format!("注意: 埋め込みフォントにない {n} 文字は PNG グラフでは `?` で表示されます（SVG と report.html では正しく表示されます）"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_headers_match_in_length_and_english_is_the_machine_header() {
        assert_eq!(Lang::En.labels().csv_header, CSV_HEADER);
        assert_eq!(Lang::Ja.labels().csv_header.len(), 15);
        assert_eq!(Lang::Ja.tier("app"), "アプリ層");
        assert_eq!(Lang::En.tier("app"), "app");
    }
}
