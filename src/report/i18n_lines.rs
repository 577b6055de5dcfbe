//! Japanese text for what the engine writes in English: line-item descriptions, units and review
//! notes, translated at presentation time (the engine, JSON, ids and keys stay English).
//!
//! Descriptions are built in `src/services/*.rs` from fixed templates plus values (memory size,
//! instance type, counts) and, for tiered prices, a suffix from `services::tier_label` /
//! `priced_after_free`: " (first N unit)", " (next N unit)", " (over N unit)",
//! " (free tier, N unit)". A description is split into base + suffix, the base is matched against
//! the templates below (values are carried over as they are), the suffix is rebuilt in Japanese.
//! Limit findings: messages, units and sources by template here; remedies of limits.csv rows
//! from `limits/remedies-ja.csv` (by id), the checks' own remedies by template.
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

/// A catalog unit (column `unit` of the price files) in Japanese; unknown units unchanged.
pub fn unit_ja(unit: &str) -> Option<&'static str> {
    lookup("unit", unit)
}

/// A unit as shown in `lang` (English: unchanged).
pub fn unit(lang: Lang, unit: &str) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(unit);
    }
    match (lang, unit_ja(unit)) {
        (Lang::Ja, Some(ja)) => Cow::Borrowed(ja),
        _ => Cow::Borrowed(unit),
    }
}

/// A line's description as shown in `lang` (English: the engine's text, byte for byte).
pub fn description(lang: Lang, line: &Line) -> Cow<'_, str> {
    description_text(lang, &line.description)
}

/// A description text as shown in `lang` (for lines known only by their text, as in a diff).
pub fn description_text(lang: Lang, english: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(english),
        Lang::Ja => match description_ja(english) {
            Some(ja) => Cow::Owned(ja),
            None => Cow::Borrowed(english),
        },
    }
}

/// A review note as shown in `lang` (unknown notes unchanged).
pub fn note(lang: Lang, note: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(note),
        Lang::Ja => match translate(pairs("note"), note) {
            Some(ja) => Cow::Owned(ja),
            None => Cow::Borrowed(note),
        },
    }
}

/// The Japanese description, or None when the base or the tier suffix is not recognised.
pub fn description_ja(english: &str) -> Option<String> {
    // A commitment's term ("1-year partial upfront") is a value inside a template: put it in
    // Japanese first, so the templates carry it over already translated.
    let mut english = english.to_string();
    for (en, ja) in pairs("term") {
        english = english.replace(en.as_str(), ja);
    }
    let mut parts = english.split(" — ");
    let main = parts.next().unwrap_or_default();
    let mut out = description_base_ja(main)?;
    for label in parts {
        out.push_str(&translate(pairs("label"), label)?);
    }
    Some(out)
}

/// A description without its " — " labels.
fn description_base_ja(english: &str) -> Option<String> {
    let (base, suffix) = split_tier(english);
    let base_ja = translate(pairs("line"), base)?;
    match suffix {
        None => Some(base_ja),
        Some(s) => Some(format!("{base_ja}{}", tier_ja(s)?)),
    }
}

/// Split " (first 300M request)"-style suffixes off: (base, inner text of the suffix).
fn split_tier(english: &str) -> (&str, Option<&str>) {
    let Some(body) = english.strip_suffix(')') else {
        return (english, None);
    };
    let Some(open) = body.rfind(" (") else {
        return (english, None);
    };
    let (base, inner) = (&body[..open], &body[open + 2..]);
    let tiered = ["first ", "next ", "over ", "free tier, "]
        .iter()
        .any(|k| inner.starts_with(k));
    if tiered {
        (base, Some(inner))
    } else {
        (english, None)
    }
}

/// "300M" → "3億", "7.5B" → "75億", "10,240" → "10,240": 万/億 number words for Japanese.
fn ja_amount(n: &str) -> String {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    let (digits, scale) = match n.chars().last() {
        Some('M') => (&n[..n.len() - 1], Decimal::from(1_000_000)),
        Some('B') => (&n[..n.len() - 1], Decimal::from(1_000_000_000)),
        _ => return n.to_string(),
    };
    match Decimal::from_str(&digits.replace(',', "")) {
        Ok(v) => super::numbers::ja_count(v * scale),
        Err(_) => n.to_string(),
    }
}

/// "first 7.5B GB-second" → "（最初の 75億 GB-秒）"; None for anything else.
fn tier_ja(inner: &str) -> Option<String> {
    let amount = |rest: &str| -> Option<String> {
        let (n, u) = rest.split_once(' ')?;
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit() || ",.MB".contains(c)) {
            return None;
        }
        Some(format!("{} {}", ja_amount(n), unit_ja(u)?))
    };
    for (id, en, _) in messages::group("tier") {
        let prefix = en.strip_suffix("{0}").unwrap_or(en);
        if let Some(rest) = inner.strip_prefix(prefix) {
            return Some(messages::render(Lang::Ja, id, &[&amount(rest)?]));
        }
    }
    None
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
const GROUPS_USED: [&str; 10] = [
    "line",
    "term",
    "label",
    "note",
    "finding",
    "reason",
    "source",
    "limit_unit",
    "unit",
    "tier",
];

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
    fn hand_checked_examples() {
        assert_eq!(
            description_ja("Lambda compute, 1024 MB arm64 (first 7.5B GB-second)").as_deref(),
            Some("Lambda 実行時間 1024 MB arm64（最初の 75億 GB-秒）")
        );
        assert_eq!(
            description_ja("HTTP API requests (512 KB metering) (first 300M request)").as_deref(),
            Some("HTTP API リクエスト（512 KB 単位で計量）（最初の 3億 リクエスト）")
        );
        assert_eq!(
            description_ja("Data transfer out to the internet (next 40,960 GB)").as_deref(),
            Some("インターネットへのデータ転送（送信）（次の 40,960 GB）")
        );
        assert_eq!(
            description_ja("Lambda requests (free tier, 1M request)").as_deref(),
            Some("Lambda リクエスト（無料枠 100万 リクエスト）")
        );
        assert_eq!(
            description_ja("REST API requests (over 20B request)").as_deref(),
            Some("REST API リクエスト（200億 リクエスト 超）")
        );
        assert_eq!(
            description_ja("EC2 2 x t4g.small, Linux on-demand").as_deref(),
            Some("EC2 t4g.small × 2 台、Linux オンデマンド")
        );
        assert_eq!(
            description_ja("RDS postgres db.t4g.micro Multi-AZ").as_deref(),
            Some("RDS postgres db.t4g.micro マルチ AZ")
        );
        assert_eq!(
            description_ja("Fargate vCPU (0.5 vCPU / 1 GB, linux/x86)").as_deref(),
            Some("Fargate vCPU（0.5 vCPU / 1 GB、linux/x86）")
        );
    }

    #[test]
    fn unknown_text_falls_back_to_none() {
        for s in [
            "",
            ")",
            " (",
            "Something new",
            "Lambda requests (first)",
            "Lambda requests (first 1M parsecs)",
            "Lambda requests (later 1M request)",
            "Lambda compute, ",
            "Lambda requests (free tier, x request)",
            "日本語 (first 1 request)",
        ] {
            assert_eq!(description_ja(s), None, "{s}");
        }
    }

    #[test]
    fn english_is_untouched() {
        assert_eq!(unit(Lang::En, "GB-second"), "GB-second");
        assert_eq!(unit(Lang::Ja, "GB-second"), "GB-秒");
        assert_eq!(unit(Lang::Ja, "furlong"), "furlong");
        assert_eq!(note(Lang::En, "anything"), "anything");
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

    #[test]
    fn notes() {
        for (en, ja) in [
            ("Fargate (app tier) bills each task per second with a one-minute minimum; this estimate adds and removes whole tasks hour by hour (14 task starts a day), so tasks that start and stop within minutes cost more than shown",
             "Fargate（app層）はタスクごとに秒単位で課金され、最低 1 分です。この見積もりは 1 時間ごとにタスク単位で増減させています（1 日 14 回のタスク起動）。数分で起動と停止を繰り返すタスクは表示より高くなります"),
            ("Fargate (app tier) bills each task per second with a five-minute minimum (Windows); this estimate adds and removes whole tasks hour by hour (3 task starts a day), so tasks that start and stop within minutes cost more than shown",
             "Fargate（app層）はタスクごとに秒単位で課金され、最低 5 分（Windows）です。この見積もりは 1 時間ごとにタスク単位で増減させています（1 日 3 回のタスク起動）。数分で起動と停止を繰り返すタスクは表示より高くなります"),
        ] {
            assert_eq!(note(Lang::Ja, en), ja);
        }
        assert_eq!(
            note(Lang::Ja, "DynamoDB on-demand: $1.00 per month; provisioned (sized from the peak hour) would be $2.00 for the same load"),
            "DynamoDB オンデマンド: 月額 $1.00。同じ負荷でプロビジョンド（ピーク時間帯から算定）なら $2.00"
        );
    }
}
