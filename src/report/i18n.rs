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

/// The ids of the CSV header's columns (`ui.csv.*`; the English is `CSV_HEADER`).
const CSV_IDS: [&str; 15] = [
    "ui.csv.architecture",
    "ui.csv.region",
    "ui.csv.tier",
    "ui.csv.service",
    "ui.csv.id",
    "ui.csv.description",
    "ui.csv.quantity",
    "ui.csv.unit",
    "ui.csv.unit_price_usd",
    "ui.csv.monthly_usd",
    "ui.csv.monthly_jpy",
    "ui.csv.price_key",
    "ui.csv.sku",
    "ui.csv.effective",
    "ui.csv.source",
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

/// The labels of `lang` from the message tables (`ui.report.*`).
fn load_labels(lang: Lang) -> Labels {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Labels {
        assumption: t("ui.report.assumption"),
        assumptions: t("ui.report.assumptions"),
        value: t("ui.report.value"),
        scenario: t("ui.report.scenario"),
        region: t("ui.report.region"),
        requests_per_month: t("ui.report.requests_per_month"),
        hours_per_month: t("ui.report.hours_per_month"),
        free_tier: t("ui.report.free_tier"),
        free_tier_on: t("ui.report.free_tier_on"),
        free_tier_off: t("ui.report.free_tier_off"),
        price_catalog: t("ui.report.price_catalog"),
        exchange_rate: t("ui.report.exchange_rate"),
        currency: t("ui.report.currency"),
        date_not_given: t("ui.report.date_not_given"),
        monthly_cost_by_tier: t("ui.report.monthly_cost_by_tier"),
        architecture: t("ui.report.architecture"),
        total_per_month: t("ui.report.total_per_month"),
        per_month: t("ui.report.per_month"),
        tier: t("ui.report.tier"),
        line_item: t("ui.report.line_item"),
        quantity: t("ui.report.quantity"),
        unit: t("ui.report.unit"),
        usd_per_unit: t("ui.report.usd_per_unit"),
        monthly: t("ui.report.monthly"),
        status: t("ui.report.status"),
        limit: t("ui.report.limit"),
        limit_value: t("ui.report.limit_value"),
        kind: t("ui.report.kind"),
        what_to_do: t("ui.report.what_to_do"),
        limits_for: t("ui.report.limits_for"),
        limits_title: t("ui.report.limits_title"),
        check: t("ui.report.check"),
        what_to_do_source: t("ui.report.what_to_do_source"),
        source: t("ui.report.source"),
        kinds_footer: t("ui.report.kinds_footer"),
        note: t("ui.report.note"),
        csv_header: CSV_IDS.map(t),
        report_title: t("ui.report.report_title"),
        charts: t("ui.report.charts"),
        cost_vs_load: t("ui.report.cost_vs_load"),
        breakdown: t("ui.report.breakdown"),
        line_items: t("ui.report.line_items"),
        limits: t("ui.report.limits"),
        crossings: t("ui.report.crossings"),
        crossings_note: t("ui.report.crossings_note"),
        no_crossings: t("ui.report.no_crossings"),
        between: t("ui.report.between"),
        at_requests: t("ui.report.at_requests"),
        this_scenario: t("ui.report.this_scenario"),
        crossings_key: t("ui.report.crossings_key"),
        band: t("ui.report.band"),
        volume_range: t("ui.report.volume_range"),
        axis_requests: t("ui.report.axis_requests"),
        files: t("ui.report.files"),
        feasible: t("ui.report.feasible"),
        yes: t("ui.report.yes"),
        no: t("ui.report.no"),
        cheapest_feasible: t("ui.report.cheapest_feasible"),
        not_feasible: t("ui.report.not_feasible"),
        none_feasible: t("ui.report.none_feasible"),
        infeasible_stretch: t("ui.report.infeasible_stretch"),
    }
}

impl Lang {
    /// The label set of this language.
    pub fn labels(self) -> &'static Labels {
        static BY_LANG: crate::lang::PerLang<Labels> = crate::lang::PerLang::new();
        BY_LANG.get(self, load_labels)
    }

    /// The HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// A tier name (`web`, `app`, `db`, `network`, `extras`) as shown to people (`ui.tier.*`;
    /// any other name as written).
    pub fn tier(self, tier: &str) -> String {
        let id = match tier {
            "web" => "ui.tier.web",
            "app" => "ui.tier.app",
            "db" => "ui.tier.db",
            "network" => "ui.tier.network",
            "extras" => "ui.tier.extras",
            other => return other.to_string(),
        };
        self.say(id, &[])
    }

    /// A tier's service as shown to people: the network tier's (`data-transfer` in JSON and
    /// CSV, which also holds NAT gateways and endpoints) is `ui.service.network`; the others
    /// as written (service names are AWS's).
    pub fn service(self, service: &str) -> String {
        match service {
            "data-transfer" => self.say("ui.service.network", &[]),
            other => other.to_string(),
        }
    }

    /// A limit status (`ok`, `warning`, `exceeded`) as shown to people (`ui.status.*`).
    pub fn status(self, status: &str) -> String {
        let id = match status {
            "ok" => "ui.status.ok",
            "warning" => "ui.status.warning",
            "exceeded" => "ui.status.exceeded",
            other => return other.to_string(),
        };
        self.say(id, &[])
    }

    /// A limit kind (`hard`, `quota`, `behaviour`, `setting`) as shown to people (`ui.kind.*`).
    pub fn kind(self, kind: &str) -> String {
        let id = match kind {
            "hard" => "ui.kind.hard",
            "quota" => "ui.kind.quota",
            "behaviour" => "ui.kind.behaviour",
            "setting" => "ui.kind.setting",
            other => return other.to_string(),
        };
        self.say(id, &[])
    }

    /// The text of `id` in this language with `values`.
    fn say(self, id: &str, values: &[&str]) -> String {
        crate::messages::render(self, id, values)
    }

    /// "13 checks, 1 exceeded, 0 warnings" (`archcost limits`).
    pub fn checks_summary(self, total: usize, exceeded: usize, warnings: usize) -> String {
        let (t, e, w) = (
            total.to_string(),
            exceeded.to_string(),
            warnings.to_string(),
        );
        self.say("ui.report.checks_summary", &[&t, &e, &w])
    }

    /// "5 of 7 limit checks ok (`archcost limits` lists them all)\n".
    pub fn checks_ok(self, ok: usize, total: usize) -> String {
        let (o, t) = (ok.to_string(), total.to_string());
        self.say("ui.report.checks_ok", &[&o, &t])
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
        let dates = if oldest == newest || oldest.is_empty() {
            self.say("ui.catalog.dates_one", &[newest])
        } else {
            self.say("ui.catalog.dates_range", &[oldest, newest])
        };
        let first = if oldest.is_empty() { newest } else { oldest };
        match refresh {
            None => self.say("ui.catalog.source", &[source, &dates]),
            Some(cmd) => {
                let stale = self.stale(first, cmd);
                self.say("ui.catalog.source_stale", &[source, &dates, &stale])
            }
        }
    }

    /// The note on a price more than 12 months old: its date and the command for today's list.
    pub fn stale(self, oldest: &str, cmd: &str) -> String {
        self.say("ui.catalog.stale", &[oldest, cmd])
    }

    /// "ap-northeast-1 (Asia Pacific (Tokyo), written "tokyo")".
    pub fn region(self, code: &str, name: Option<&str>, written: Option<&str>) -> String {
        match (name, written) {
            (None, _) => code.to_string(),
            (Some(n), None) => self.say("ui.report.region_named", &[code, n]),
            (Some(n), Some(w)) => self.say("ui.report.region_written", &[code, n, w]),
        }
    }

    /// "150 JPY per USD (2026-11-20)".
    pub fn rate(self, usd_jpy: &str, date: &str) -> String {
        self.say("ui.report.rate", &[usd_jpy, date])
    }

    /// The heading of one architecture's line items: "serverless (ap-northeast-1) — $139.49 per month".
    pub fn arch_heading(self, name: &str, region: &str, monthly: &str) -> String {
        self.say("ui.report.arch_heading", &[name, region, monthly])
    }

    /// The y-axis unit of a chart: "USD per month" / "JPY per month".
    pub fn money_axis(self, currency: &str) -> String {
        match currency {
            "JPY" => self.say("ui.axis.jpy_per_month", &[]),
            _ => self.say("ui.axis.usd_per_month", &[]),
        }
    }

    /// The same, for a log-scale axis.
    pub fn money_axis_log(self, currency: &str) -> String {
        match currency {
            "JPY" => self.say("ui.axis.jpy_per_month_log", &[]),
            _ => self.say("ui.axis.usd_per_month_log", &[]),
        }
    }

    /// A crossing's chart label: "serverless = containers at 41.3M requests/month, $268/month".
    pub fn crossing(self, a: &str, b: &str, volume: &str, monthly: &str) -> String {
        self.say("ui.report.crossing", &[a, b, volume, monthly])
    }

    /// "Cheapest feasible: containers — $188.49 per month".
    pub fn recommendation(self, name: &str, monthly: &str) -> String {
        self.say("ui.report.recommendation", &[name, monthly])
    }

    /// "sync-http-api is ruled out: <reason>".
    pub fn ruled_out(self, name: &str, reason: &str) -> String {
        self.say("ui.report.ruled_out", &[name, reason])
    }

    /// The "Can run" cell of an architecture that cannot: "no — apigw.http.integration_timeout_s".
    pub fn cannot_run(self, ids: &str) -> String {
        self.say("ui.report.cannot_run", &[ids])
    }

    /// A crossing where one side cannot run: "containers cannot run here".
    pub fn cannot_run_here(self, name: &str) -> String {
        self.say("ui.report.cannot_run_here", &[name])
    }

    /// Label of the consumption-tax assumption.
    pub fn tax_label(self) -> &'static str {
        crate::messages::text(self, "ui.report.tax_label").unwrap_or("Consumption tax")
    }

    /// "serverless: consumption tax 10 % $13.95 — $153.44 per month incl. tax (pre-tax $139.49)".
    pub fn tax_line(self, name: &str, pct: &str, tax: &str, total: &str, pre: &str) -> String {
        self.say("ui.report.tax_line", &[name, pct, tax, total, pre])
    }

    /// The note printed when PNG text had characters the embedded font lacks.
    pub fn png_replaced(self, n: usize) -> String {
        self.say("ui.report.png_replaced", &[&n.to_string()])
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
