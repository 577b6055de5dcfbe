//! What the engine writes, shown in a language, from its message ids (the engine, JSON, ids
//! and keys stay English): line-item descriptions (`Line::text`) and catalog units; limit
//! findings' messages, units, remedies and sources (`Finding::text`); why an architecture is
//! ruled out (`Blocker::text`) or an input was not varied. Remedies of limits.csv rows come
//! from `limits/remedies-ja.csv` by the row's id. English is always the engine's own text,
//! byte for byte; nothing here reads English to find a translation.
use super::i18n::Lang;
use crate::feasibility::Blocker;
use crate::limits::{Finding, Remedy};
use crate::messages::{self, Msg};
use crate::sensitivity::Skipped;
use crate::services::Line;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// `english` in English (or when there is no message); else `text` rendered in `lang`.
fn said<'a>(lang: Lang, english: &'a str, text: Option<&Msg>) -> Cow<'a, str> {
    match (lang, text) {
        (Lang::En, _) | (_, None) => Cow::Borrowed(english),
        (_, Some(m)) => Cow::Owned(m.render(lang)),
    }
}

/// Why an architecture is ruled out (capacity, or a hard limit: src/feasibility.rs), in `lang`.
pub fn reason(lang: Lang, b: &Blocker) -> Cow<'_, str> {
    said(lang, &b.reason, b.text.as_ref())
}

/// Why a sensitivity input was not varied, in `lang` (the first line: the validation error
/// inside, without its hint).
pub fn skipped(lang: Lang, s: &Skipped) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(&s.reason);
    }
    Cow::Owned(
        s.text
            .render(lang)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
    )
}

/// A limit finding's message in `lang`.
pub fn finding_message(lang: Lang, f: &Finding) -> Cow<'_, str> {
    said(lang, &f.message, f.text.message.as_ref())
}

/// The unit of a finding's value and limit in `lang`.
pub fn limit_unit(lang: Lang, f: &Finding) -> Cow<'_, str> {
    match (lang, &f.text.unit) {
        (Lang::En, _) | (_, None) => Cow::Borrowed(&f.unit),
        (_, Some(v)) => Cow::Owned(v.render(lang)),
    }
}

/// `limits/remedies-ja.csv` (`id,remedy_ja`): the Japanese of each limits.csv row's `remedy`.
const REMEDIES_JA_CSV: &str = include_str!("../../limits/remedies-ja.csv");

/// Limit id → Japanese remedy, parsed once on first need (a bad row is skipped, never a panic).
pub fn remedies_ja() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut r = ::csv::Reader::from_reader(REMEDIES_JA_CSV.as_bytes());
        r.records()
            .filter_map(Result::ok)
            .filter_map(|rec| Some((rec.get(0)?.to_string(), rec.get(1)?.to_string())))
            .filter(|(id, ja)| !id.is_empty() && !ja.is_empty())
            .collect()
    })
}

/// A remedy in `lang`: a limits.csv row's by its id (English in the row, Japanese in
/// limits/remedies-ja.csv), a check's own by its message id; English when a language lacks it.
pub fn remedy_text(lang: Lang, remedy: Remedy) -> Cow<'static, str> {
    match remedy {
        Remedy::Row(row) => match lang {
            Lang::En => Cow::Borrowed(row.remedy),
            Lang::Ja => Cow::Borrowed(
                remedies_ja()
                    .get(&row.id)
                    .map_or(row.remedy, String::as_str),
            ),
        },
        Remedy::Check(id) => Cow::Borrowed(
            messages::text(lang, id)
                .or_else(|| messages::text(Lang::En, id))
                .unwrap_or_default(),
        ),
    }
}

/// A finding's remedy in `lang` (empty for a finding within its limit, as in JSON).
pub fn remedy(lang: Lang, f: &Finding) -> Cow<'_, str> {
    if f.remedy.is_empty() || lang == Lang::En {
        return Cow::Borrowed(&f.remedy);
    }
    what_to_do(lang, f)
}

/// What to do about a finding in `lang`, also for one within its limit (the remedy to keep in
/// mind if it gets close).
pub fn what_to_do(lang: Lang, f: &Finding) -> Cow<'_, str> {
    match f.text.remedy {
        Some(r) => remedy_text(lang, r),
        None => Cow::Borrowed(&f.remedy),
    }
}

/// A finding's source as shown to people in `lang`: the public source only (URLs, keys and the
/// words around them, in `lang`); the notes in parentheses after a URL that say how the text
/// was read (`(copy)`, `(June 2023 text, awsdocs GitHub)`) are left out. JSON keeps the
/// source as written.
pub fn source(lang: Lang, f: &Finding) -> Cow<'_, str> {
    match (lang, &f.text.source) {
        (Lang::En, _) | (_, None) => public_source(&f.source),
        (_, Some(m)) => Cow::Owned(public_source(&m.render(lang)).into_owned()),
    }
}

/// `source` without the parenthesised notes that follow its URLs
/// (`https://… (ja-JP/zh-CN page text); https://… (copy)` → `https://…; https://…`).
pub fn public_source(source: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    let mut changed = false;
    while let Some(at) = rest.find("http") {
        let url_len = rest[at..]
            .find(|c: char| c.is_whitespace())
            .unwrap_or(rest.len() - at);
        out.push_str(&rest[..at + url_len]);
        rest = &rest[at + url_len..];
        // A note is " (…)" right after the URL, with balanced parentheses.
        if let Some(after) = rest.strip_prefix(" (") {
            let mut depth = 1usize;
            let close = after.char_indices().find_map(|(i, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(i)
            });
            if let Some(i) = close {
                rest = &after[i + 1..];
                changed = true;
            }
        }
    }
    if !changed {
        return Cow::Borrowed(source);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A catalog unit as shown in `lang` (English: unchanged; Japanese: its `unit.*` text).
pub fn unit(lang: Lang, unit: &str) -> Cow<'_, str> {
    messages::unit(lang, unit)
}

/// A line's description as shown in `lang` (English: the engine's text, byte for byte).
pub fn description(lang: Lang, line: &Line) -> Cow<'_, str> {
    description_of(lang, &line.description, &line.text)
}

/// A description given as its English and its messages (`Line::text`), shown in `lang`;
/// the English when the messages are missing (a lean line).
pub fn description_of<'a>(lang: Lang, english: &'a str, text: &[messages::Msg]) -> Cow<'a, str> {
    if lang == Lang::En || text.is_empty() {
        return Cow::Borrowed(english);
    }
    Cow::Owned(messages::render_all(text, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_untouched() {
        assert_eq!(unit(Lang::En, "GB-second"), "GB-second");
        assert_eq!(unit(Lang::Ja, "GB-second"), "GB-秒");
        assert_eq!(unit(Lang::Ja, "furlong"), "furlong");
    }

    /// Finding messages, units and reasons: each id's English and Japanese, written out.
    #[test]
    fn findings_and_reasons() {
        use messages::Value;
        let timeout = crate::msg!("finding.lambda.run_time_invocation_s_vs_lambda", "0.12");
        both(
            &timeout,
            "run time per invocation (0.12 s) vs Lambda's 15-minute maximum",
            "呼び出し 1 回あたりの実行時間（0.12 秒）と Lambda の上限 15 分の比較",
        );
        both(
            &crate::msg!(
                "finding.lambda.concurrent_executions_busiest_second_requests_s",
                1,
                "19:00",
                "4.724",
                "0.12",
                1
            ),
            "concurrent executions at the busiest second (1 at 19:00: 4.724 requests/s x 0.12 s); provisioned concurrency of 1 would keep the peak hour's average warm",
            "最も混む 1 秒の同時実行数（19:00 に 1: 毎秒 4.724 リクエスト × 0.12 秒）。プロビジョニングされた同時実行 1 でピーク時間帯の平均を常時待機できます",
        );
        assert_eq!(
            messages::limit_unit(Lang::Ja, "requests per second"),
            "リクエスト/秒"
        );
        assert_eq!(messages::limit_unit(Lang::En, "seconds"), "seconds");
        assert_eq!(messages::limit_unit(Lang::Ja, "furlongs"), "furlongs");
        both(
            &Msg::of(
                "reason.hard_limit",
                vec![
                    Value::Msg(timeout),
                    Value::Plain("1,200".into()),
                    Value::Plain("900".into()),
                    Value::LimitUnit("seconds".into()),
                ],
            ),
            "run time per invocation (0.12 s) vs Lambda's 15-minute maximum: 1,200 is above the hard limit of 900 seconds",
            "呼び出し 1 回あたりの実行時間（0.12 秒）と Lambda の上限 15 分の比較: 1,200 がハード上限 900 秒 を超えています",
        );
        both(
            &crate::msg!("reason.capped_tasks_requests_s_go_unserved", 20, "1,264.236", 46),
            "capped at 20 tasks, 1,264.236 requests/s go unserved at the busiest second (46 tasks needed)",
            "上限 20 タスクのため、最も混む 1 秒に毎秒 1,264.236 リクエストを処理できません（必要 46 タスク）",
        );
        both(
            &crate::msg!(
                "reason.vcpus_busy_busiest_second_fixed_vcpus_2",
                "271.708",
                4,
                2
            ),
            "271.708 vCPUs busy at the busiest second on a fixed 4 vCPUs (2 instances)",
            "最も混む 1 秒に 271.708 vCPU が使用中ですが、固定の 4 vCPU（2 台）しかありません",
        );
    }

    /// A message and its texts in both languages, written out by hand.
    fn both(m: &messages::Msg, en: &str, ja: &str) {
        assert_eq!(m.render(Lang::En), en);
        assert_eq!(m.render(Lang::Ja), ja);
    }

    #[test]
    fn notes() {
        both(
            &crate::msg!("note.fargate_tier_bills_each_task_second", "app", 14),
            "Fargate (app tier) bills each task per second with a one-minute minimum; this estimate adds and removes whole tasks hour by hour (14 task starts a day), so tasks that start and stop within minutes cost more than shown",
            "Fargate（app層）はタスクごとに秒単位で課金され、最低 1 分です。この見積もりは 1 時間ごとにタスク単位で増減させています（1 日 14 回のタスク起動）。数分で起動と停止を繰り返すタスクは表示より高くなります",
        );
        both(
            &crate::msg!("note.fargate_tier_bills_each_task_second_2", "app", 3),
            "Fargate (app tier) bills each task per second with a five-minute minimum (Windows); this estimate adds and removes whole tasks hour by hour (3 task starts a day), so tasks that start and stop within minutes cost more than shown",
            "Fargate（app層）はタスクごとに秒単位で課金され、最低 5 分（Windows）です。この見積もりは 1 時間ごとにタスク単位で増減させています（1 日 3 回のタスク起動）。数分で起動と停止を繰り返すタスクは表示より高くなります",
        );
        both(
            &crate::msg!("note.dynamodb_demand_month_provisioned_sized_peak", "$1.00", "$2.00"),
            "DynamoDB on-demand: $1.00 per month; provisioned (sized from the peak hour) would be $2.00 for the same load",
            "DynamoDB オンデマンド: 月額 $1.00。同じ負荷でプロビジョンド（ピーク時間帯から算定）なら $2.00",
        );
    }

    /// Descriptions with tier suffixes and labels, in both languages.
    #[test]
    fn descriptions_by_id() {
        use messages::{Msg, Value};
        use rust_decimal_macros::dec;
        let tier = |id: &'static str, n, unit: &str| {
            Msg::of(id, vec![Value::Count(n), Value::Unit(unit.to_string())])
        };
        let cases = [
            (
                vec![
                    crate::msg!("line.lambda.lambda_compute_mb", 1024, "arm64"),
                    tier("tier.first", dec!(7500000000), "GB-second"),
                ],
                "Lambda compute, 1024 MB arm64 (first 7.5B GB-second)",
                "Lambda 実行時間 1024 MB arm64（最初の 75億 GB-秒）",
            ),
            (
                vec![
                    crate::msg!("line.network.data_transfer_out_internet"),
                    tier("tier.next", dec!(40960), "GB"),
                ],
                "Data transfer out to the internet (next 40,960 GB)",
                "インターネットへのデータ転送（送信）（次の 40,960 GB）",
            ),
            (
                vec![
                    crate::msg!("line.lambda.lambda_requests"),
                    tier("tier.free_tier", dec!(1000000), "request"),
                ],
                "Lambda requests (free tier, 1M request)",
                "Lambda リクエスト（無料枠 100万 リクエスト）",
            ),
            (
                vec![
                    crate::msg!("line.apigw.rest_api_requests"),
                    tier("tier.over", dec!(20000000000), "request"),
                ],
                "REST API requests (over 20B request)",
                "REST API リクエスト（200億 リクエスト 超）",
            ),
            (
                vec![crate::msg!("line.ec2.ec2_x_linux_demand", 2, "t4g.small")],
                "EC2 2 x t4g.small, Linux on-demand",
                "EC2 t4g.small × 2 台、Linux オンデマンド",
            ),
            (
                vec![
                    Msg::of(
                        "line.purchase.reserved_instances_reserved_hourly_fee",
                        vec![
                            Value::Plain("EC2 m5.large".into()),
                            Value::Msg(crate::msg!("term.year_partial_upfront", 1)),
                            Value::Plain("2".into()),
                        ],
                    ),
                    crate::msg!("label.split_assumed_half_up_front"),
                ],
                "EC2 m5.large Reserved Instances (1-year partial upfront), 2 reserved, hourly fee — split assumed: half up front",
                "EC2 m5.large リザーブドインスタンス（1 年・一部前払い）2 台分、時間料金（内訳は想定: 半額を前払い）",
            ),
        ];
        for (text, en, ja) in cases {
            assert_eq!(description_of(Lang::En, en, &text), en);
            assert_eq!(messages::render_all(&text, Lang::En), en);
            assert_eq!(description_of(Lang::Ja, en, &text), ja);
        }
        // A line without messages (lean) shows its English.
        assert_eq!(description_of(Lang::Ja, "x", &[]), "x");
    }
}
