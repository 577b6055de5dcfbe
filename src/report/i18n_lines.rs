//! What the engine writes, shown in a language: line-item descriptions and catalog units from
//! their message ids (`Line::text`, `messages::unit`; the engine, JSON, ids and keys stay
//! English). Limit findings: messages, units and sources by template here; remedies of
//! limits.csv rows from `limits/remedies-ja.csv` (by id), the checks' own remedies by template.
//! Anything not recognised is shown in English, unchanged: this never panics and never guesses.
use super::i18n::Lang;
use crate::messages;
use crate::services::Line;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Why an architecture is ruled out (capacity, or a hard limit: src/feasibility.rs), as shown
/// in `lang` (unknown text unchanged).
pub fn reason(lang: Lang, reason: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(reason),
        Lang::Ja => match translate(pairs("reason"), reason).or_else(|| hard_reason_ja(reason)) {
            Some(ja) => Cow::Owned(ja),
            None => Cow::Borrowed(reason),
        },
    }
}

/// "<message>: <value> is above the hard limit of <limit> <unit>" in Japanese, when the message
/// has a template (the message may itself hold ": ", so the tail is split off from the right).
fn hard_reason_ja(reason: &str) -> Option<String> {
    let (message, tail) = reason.rsplit_once(": ")?;
    let (value, rest) = tail.split_once(" is above the hard limit of ")?;
    let (limit, unit) = rest.split_once(' ')?;
    let message = translate(pairs("finding"), message)?;
    let unit = limit_unit(Lang::Ja, unit);
    Some(format!(
        "{message}: {value} がハード上限 {limit} {unit} を超えています"
    ))
}

/// Units of limit values (limits/limits.csv and the checks' own settings) shown beside the
/// number; others stay English.
fn limit_unit_ja(unit: &str) -> Option<&'static str> {
    lookup("limit_unit", unit)
}

/// `limits/remedies-ja.csv` (`id,remedy_ja`): the Japanese of each limits.csv row's `remedy`.
const REMEDIES_JA_CSV: &str = include_str!("../../limits/remedies-ja.csv");

/// Limit id → Japanese remedy, parsed once (a bad row is skipped, never a panic).
pub fn remedies_ja() -> &'static std::collections::HashMap<String, String> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut r = ::csv::Reader::from_reader(REMEDIES_JA_CSV.as_bytes());
        r.records()
            .filter_map(Result::ok)
            .filter_map(|rec| Some((rec.get(0)?.to_string(), rec.get(1)?.to_string())))
            .filter(|(id, ja)| !id.is_empty() && !ja.is_empty())
            .collect()
    })
}

/// A finding's remedy as shown in `lang`: the limits.csv row's Japanese (limits/remedies-ja.csv)
/// when the finding carries that row's remedy, else the check's own remedy by the finding's id
/// (`remedy.check.<id>`); unknown text stays English.
pub fn remedy<'a>(lang: Lang, id: &str, english: &'a str) -> Cow<'a, str> {
    if lang == Lang::En || english.is_empty() {
        return Cow::Borrowed(english);
    }
    let check_id = format!("remedy.check.{id}");
    if messages::text(Lang::En, &check_id) == Some(english) {
        if let Some(ja) = messages::text(lang, &check_id) {
            return Cow::Borrowed(ja);
        }
    }
    let ja = remedies_ja();
    let from_row = crate::limits::row(id)
        .filter(|r| r.remedy == english)
        .and_then(|r| ja.get(&r.id));
    // A check may reuse another row's remedy (e.g. T3a/T4g read the T3 rows).
    let from_text = || {
        crate::limits::table()
            .rows
            .values()
            .find(|r| r.remedy == english)
            .and_then(|r| ja.get(&r.id))
    };
    match from_row.or_else(from_text) {
        Some(t) => Cow::Owned(t.clone()),
        None => Cow::Borrowed(english),
    }
}

/// A finding's source as shown to people in `lang`: the public source only (URLs, keys and the
/// words around them, in `lang`); the notes in parentheses after a URL that say how the text
/// was read (`(copy)`, `(June 2023 text, awsdocs GitHub)`) are left out. JSON keeps the row's
/// source as written.
pub fn source(lang: Lang, source: &str) -> Cow<'_, str> {
    let public = public_source(source);
    if lang == Lang::En {
        return public;
    }
    let templates: Vec<_> = pairs("source")
        .iter()
        .filter(|(en, _)| en.contains("{}"))
        .cloned()
        .collect();
    let mut out = translate(&templates, &public).unwrap_or_else(|| public.to_string());
    for (en, ja) in pairs("source").iter().filter(|(en, _)| !en.contains("{}")) {
        out = out.replace(en.as_str(), ja);
    }
    if out == source {
        Cow::Borrowed(source)
    } else {
        Cow::Owned(out)
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

/// A limit finding's message as shown in `lang` (messages without a template stay English).
pub fn finding_message(lang: Lang, message: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(message),
        Lang::Ja => match translate(pairs("finding"), message) {
            Some(ja) => Cow::Owned(ja),
            None => Cow::Borrowed(message),
        },
    }
}

/// The unit of a limit value as shown in `lang`.
pub fn limit_unit(lang: Lang, unit: &str) -> Cow<'_, str> {
    if lang == Lang::En {
        // English needs no table: skip building the Japanese lookup (start-up time).
        return Cow::Borrowed(unit);
    }
    match (lang, limit_unit_ja(unit)) {
        (Lang::Ja, Some(ja)) => Cow::Borrowed(ja),
        _ => Cow::Borrowed(unit),
    }
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

/// The `(English pattern, Japanese)` pairs of one group of `messages/*.toml`, in table order;
/// the pattern has `{}` for each value (the English gives its values in order).
fn pairs(group: &str) -> &'static [(String, &'static str)] {
    static GROUPS: OnceLock<HashMap<&'static str, Vec<(String, &'static str)>>> = OnceLock::new();
    let groups = GROUPS.get_or_init(|| {
        let mut out: HashMap<&'static str, Vec<(String, &'static str)>> = HashMap::new();
        for g in GROUPS_USED {
            let list = messages::group(g)
                .map(|(_, en, ja)| (pattern(en), ja))
                .collect();
            out.insert(g, list);
        }
        out
    });
    groups.get(group).map_or(&[], Vec::as_slice)
}

/// The groups of the message tables this module matches English text against.
const GROUPS_USED: [&str; 4] = ["finding", "reason", "source", "limit_unit"];

/// "{0} x {1}" → "{} x {}".
fn pattern(english: &str) -> String {
    let mut out = english.to_string();
    for i in 0..messages::slots(english).len() {
        out = out.replace(&format!("{{{i}}}"), "{}");
    }
    out
}

/// The Japanese of a whole text of `group` (a unit), when the table has it.
fn lookup(group: &str, english: &str) -> Option<&'static str> {
    pairs(group)
        .iter()
        .find(|(en, _)| en == english)
        .map(|(_, ja)| *ja)
}

/// The first template of `table` that matches `text`, filled with the values it captured.
fn translate(table: &[(String, &'static str)], text: &str) -> Option<String> {
    table.iter().find_map(|(en, ja)| {
        let mut values = Vec::new();
        capture(en, text, &mut values).then(|| fill(ja, &values))
    })
}

/// Match `text` against `pattern` (`{}` = one non-empty value), collecting the values.
fn capture<'a>(pattern: &str, text: &'a str, values: &mut Vec<&'a str>) -> bool {
    let Some(at) = pattern.find("{}") else {
        return pattern == text;
    };
    let (lit, rest) = (&pattern[..at], &pattern[at + 2..]);
    let Some(text) = text.strip_prefix(lit) else {
        return false;
    };
    if text.is_empty() {
        return false;
    }
    // Try every split of the value (shortest first): backtracking over a handful of characters.
    for (end, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
        let mark = values.len();
        values.push(&text[..end]);
        if capture(rest, &text[end..], values) {
            return true;
        }
        values.truncate(mark);
    }
    false
}

/// Put `values` into the `{0}`, `{1}`… slots of `template` (a missing value leaves the slot text).
fn fill(template: &str, values: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, v) in values.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), v);
    }
    out
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

    #[test]
    fn findings() {
        assert_eq!(
            finding_message(
                Lang::Ja,
                "run time per invocation (0.12 s) vs Lambda's 15-minute maximum"
            ),
            "呼び出し 1 回あたりの実行時間（0.12 秒）と Lambda の上限 15 分の比較"
        );
        assert_eq!(
            finding_message(Lang::Ja, "concurrent executions at the busiest second (1 at 19:00: 4.724 requests/s x 0.12 s); provisioned concurrency of 1 would keep the peak hour's average warm"),
            "最も混む 1 秒の同時実行数（19:00 に 1: 毎秒 4.724 リクエスト × 0.12 秒）。プロビジョニングされた同時実行 1 でピーク時間帯の平均を常時待機できます"
        );
        assert_eq!(finding_message(Lang::Ja, "something new"), "something new");
        assert_eq!(
            finding_message(Lang::En, "average item size (1 KB)"),
            "average item size (1 KB)"
        );
        assert_eq!(limit_unit(Lang::Ja, "requests per second"), "リクエスト/秒");
        assert_eq!(limit_unit(Lang::En, "seconds"), "seconds");
    }

    #[test]
    fn capacity_reasons() {
        assert_eq!(
            reason(Lang::Ja, "capped at 20 tasks, 1,264.236 requests/s go unserved at the busiest second (46 tasks needed)"),
            "上限 20 タスクのため、最も混む 1 秒に毎秒 1,264.236 リクエストを処理できません（必要 46 タスク）"
        );
        assert_eq!(
            reason(
                Lang::Ja,
                "271.708 vCPUs busy at the busiest second on a fixed 4 vCPUs (2 instances)"
            ),
            "最も混む 1 秒に 271.708 vCPU が使用中ですが、固定の 4 vCPU（2 台）しかありません"
        );
        assert_eq!(reason(Lang::En, "anything"), "anything");
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
