//! Every text archcost shows people, keyed by message id, in one table per language:
//! `messages/en.toml` and `messages/ja.toml`, compiled in by build.rs (no parsing at run
//! time). An id is `group.[subgroup.]name` (`line.lambda.requests`, `note.…`, `ui.…`); `{0}`,
//! `{1}`… in a text are the values in the order the English gives them. Code names an id and
//! its values ([`Msg`]); the language is chosen when the text is shown. Tests check that both
//! tables hold the same ids with the same values, and that every id the code names is in
//! them and every id in them is named by the code (docs/reference/messages.md).
use crate::lang::Lang;
use rust_decimal::Decimal;

/// The tables as build.rs wrote them: `EN`/`JA` the (id start, text start, text end) byte
/// offsets into `EN_TEXT`/`JA_TEXT` in file order, `*_SORTED` the positions sorted by id.
mod compiled {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

/// One language's compiled table.
struct Table {
    text: &'static str,
    spans: &'static [(u32, u32, u32)],
    sorted: &'static [u16],
}

fn table(lang: Lang) -> Table {
    match lang {
        Lang::En => Table {
            text: compiled::EN_TEXT,
            spans: compiled::EN,
            sorted: compiled::EN_SORTED,
        },
        Lang::Ja => Table {
            text: compiled::JA_TEXT,
            spans: compiled::JA,
            sorted: compiled::JA_SORTED,
        },
    }
}

impl Table {
    /// Entry `i`: (id, text). The offsets are char boundaries by construction (build.rs); a
    /// wrong one reads as empty rather than panicking.
    fn entry(&self, i: usize) -> (&'static str, &'static str) {
        let text = self.text;
        let Some(&(id_at, text_at, end)) = self.spans.get(i) else {
            return ("", "");
        };
        let (id_at, text_at, end) = (id_at as usize, text_at as usize, end as usize);
        (
            text.get(id_at..text_at).unwrap_or_default(),
            text.get(text_at..end).unwrap_or_default(),
        )
    }
}

/// Every (id, text) of `lang`'s table, in file order.
pub fn entries(lang: Lang) -> impl ExactSizeIterator<Item = (&'static str, &'static str)> {
    let t = table(lang);
    (0..t.spans.len()).map(move |i| t.entry(i))
}

/// The text of `id` in `lang` (None when the table lacks it): a binary search on the ids'
/// bytes (ids are ASCII; byte order is their order).
pub fn text(lang: Lang, id: &str) -> Option<&'static str> {
    let t = table(lang);
    let bytes = t.text.as_bytes();
    let id_of = |i: u16| {
        let (start, end, _) = t.spans.get(usize::from(i)).copied().unwrap_or_default();
        bytes.get(start as usize..end as usize).unwrap_or_default()
    };
    let at = t
        .sorted
        .binary_search_by(|&i| id_of(i).cmp(id.as_bytes()))
        .ok()?;
    Some(t.entry(usize::from(t.sorted[at])).1)
}

/// Put `values` into the `{0}`, `{1}`… slots of `template`.
pub fn fill(template: &str, values: &[&str]) -> String {
    fill_slots(template, |slot| {
        values.get(slot.parse::<usize>().ok()?).copied()
    })
}

/// Fill the `{slot}` placeholders of `template` in one pass with `value(slot)`: a value is
/// never read again (a `{…}` inside a value stays as written), and a `{` whose slot has no
/// value is kept as written.
pub fn fill_slots<'v>(template: &str, value: impl Fn(&str) -> Option<&'v str>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let slot = after
            .find('}')
            .and_then(|close| Some((value(&after[..close])?, close)));
        match slot {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of `id` in `lang` with its values; English when `lang` lacks it, the id itself
/// when neither table has it (a test keeps both complete).
pub fn render(lang: Lang, id: &str, values: &[&str]) -> String {
    match text(lang, id).or_else(|| text(Lang::En, id)) {
        Some(t) => fill(t, values),
        None => id.to_string(),
    }
}

/// One value of a message, shown per language when the message is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Shown as written in every language: a name, an instance type, an amount.
    Plain(String),
    /// A count with a number word: `300M` / `7.5B` / `10,240` in English, `3億` / `75億` /
    /// `10,240` in Japanese (number words from one million up).
    Count(Decimal),
    /// A catalog unit (`GB-second`): its `unit.*` text; as written when the table lacks it.
    Unit(String),
    /// The unit of a limit value (`requests per second`, limits/limits.csv or a check's own):
    /// its `limit_unit.*` text; as written when the table lacks it.
    LimitUnit(String),
    /// Another message inside this one (a commitment term inside a description).
    Msg(Msg),
}

impl Value {
    /// The value as shown in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Value::Plain(s) => s.clone(),
            Value::Count(v) => count(lang, *v),
            Value::Unit(u) => unit(lang, u).to_string(),
            Value::LimitUnit(u) => limit_unit(lang, u).to_string(),
            Value::Msg(m) => m.render(lang),
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Plain(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Plain(s.to_string())
    }
}

impl From<Msg> for Value {
    fn from(m: Msg) -> Value {
        Value::Msg(m)
    }
}

/// A count as tier bounds write it: 300000000 -> "300M", 6000000000 -> "6B", 10240 ->
/// "10,240"; in Japanese 3億, 60億, 10,240 (from one million up the number words of
/// `report::numbers::ja_count`, which a test holds this to; written here because this module
/// sits below `money`).
pub fn count(lang: Lang, v: Decimal) -> String {
    let v = v.normalize();
    let million = Decimal::from(1_000_000);
    if lang == Lang::Ja && v >= million {
        let oku = Decimal::from(100_000_000);
        let man = v / Decimal::from(10_000);
        let half_away = rust_decimal::RoundingStrategy::MidpointAwayFromZero;
        return if v >= oku {
            let n = (v / oku).round_dp_with_strategy(2, half_away).normalize();
            format!("{}億", group_digits(&n.to_string()))
        } else if man.round_dp_with_strategy(0, half_away) >= Decimal::from(10_000) {
            "1億".to_string()
        } else {
            let n = man.round_dp_with_strategy(0, half_away).normalize();
            format!("{}万", group_digits(&n.to_string()))
        };
    }
    for (div, suffix) in [(Decimal::from(1_000_000_000), "B"), (million, "M")] {
        if v >= div {
            return format!("{}{suffix}", (v / div).normalize());
        }
    }
    group_digits(&v.to_string())
}

/// "1234567.5" -> "1,234,567.5": thousands separators in the whole part.
fn group_digits(number: &str) -> String {
    let (sign, rest) = match number.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", number),
    };
    let (whole, frac) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The id of a catalog unit: `unit.` and the unit in lower case with every run of other
/// characters as `_` (`GB-second` -> `unit.gb_second`, `I/O request` -> `unit.i_o_request`).
pub fn unit_id(unit: &str) -> String {
    spelled_id("unit.", unit)
}

/// The id of a limit unit: `limit_unit.` and the unit spelled as [`unit_id`] spells catalog
/// units (`requests per second` -> `limit_unit.requests_per_second`).
pub fn limit_unit_id(unit: &str) -> String {
    spelled_id("limit_unit.", unit)
}

/// `prefix` and `unit` in lower case with every run of other characters as `_`.
fn spelled_id(prefix: &str, unit: &str) -> String {
    let mut id = String::from(prefix);
    let mut gap = false;
    for c in unit.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !id.ends_with('.') {
                id.push('_');
            }
            id.push(c.to_ascii_lowercase());
            gap = false;
        } else {
            gap = true;
        }
    }
    id
}

/// A catalog unit as shown in `lang`: English as written; Japanese from its `unit.*` id,
/// as written when the table lacks it.
pub fn unit(lang: Lang, unit: &str) -> std::borrow::Cow<'_, str> {
    match lang {
        Lang::En => std::borrow::Cow::Borrowed(unit),
        Lang::Ja => match text(Lang::Ja, &unit_id(unit)) {
            Some(t) => std::borrow::Cow::Borrowed(t),
            None => std::borrow::Cow::Borrowed(unit),
        },
    }
}

/// A limit unit as shown in `lang`: English as written; Japanese from its `limit_unit.*` id,
/// as written when the table lacks it.
pub fn limit_unit(lang: Lang, unit: &str) -> std::borrow::Cow<'_, str> {
    match lang {
        Lang::En => std::borrow::Cow::Borrowed(unit),
        Lang::Ja => match text(Lang::Ja, &limit_unit_id(unit)) {
            Some(t) => std::borrow::Cow::Borrowed(t),
            None => std::borrow::Cow::Borrowed(unit),
        },
    }
}

/// A message: its id and its values, rendered in a language when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub values: Vec<Value>,
}

impl Msg {
    /// A message whose values are shown as written.
    pub fn new(id: &'static str, values: Vec<String>) -> Msg {
        Msg {
            id,
            values: values.into_iter().map(Value::Plain).collect(),
        }
    }

    /// A message with values of any kind.
    pub fn of(id: &'static str, values: Vec<Value>) -> Msg {
        Msg { id, values }
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let shown: Vec<std::borrow::Cow<'_, str>> = self
            .values
            .iter()
            .map(|v| match v {
                Value::Plain(s) => std::borrow::Cow::Borrowed(s.as_str()),
                other => std::borrow::Cow::Owned(other.render(lang)),
            })
            .collect();
        let values: Vec<&str> = shown.iter().map(|v| v.as_ref()).collect();
        render(lang, self.id, &values)
    }

    /// The English text (what JSON and CSV carry).
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }
}

/// Messages shown one after the other (a description: its base, a tier suffix, rate labels).
pub fn render_all(parts: &[Msg], lang: Lang) -> String {
    match parts {
        [one] => one.render(lang),
        _ => parts.iter().map(|m| m.render(lang)).collect(),
    }
}

/// `msg!("note.fargate.per_second", tier, starts)`: a [`Msg`] with its values as text.
#[macro_export]
macro_rules! msg {
    ($id:expr $(, $v:expr)* $(,)?) => {
        $crate::messages::Msg::new($id, vec![$($v.to_string()),*])
    };
}

/// The values a text uses (`{0}`, `{3}`…), sorted.
pub fn slots(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}')?.0.parse().ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_values_in_any_order() {
        assert_eq!(
            fill("{1} × {0} 台", &["2", "t4g.small"]),
            "t4g.small × 2 台"
        );
        assert_eq!(fill("a {x} {2}", &["1"]), "a {x} {2}");
    }

    /// Every id has an English and a Japanese text that use the same values.
    #[test]
    fn every_id_has_both_texts_with_the_same_values() {
        let en: Vec<_> = entries(Lang::En).collect();
        let ja: Vec<_> = entries(Lang::Ja).collect();
        let problems = compare_tables(&en, &ja);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// What differs between an English and a Japanese table (ids missing on either side,
    /// values used differently).
    fn compare_tables(en: &[(&str, &str)], ja: &[(&str, &str)]) -> Vec<String> {
        fn find<'a>(t: &[(&str, &'a str)], id: &str) -> Option<&'a str> {
            t.iter().find(|(i, _)| *i == id).map(|p| p.1)
        }
        let mut problems = Vec::new();
        for (id, e) in en {
            match find(ja, id) {
                None => problems.push(format!("{id}: no Japanese text in messages/ja.toml")),
                Some(j) if slots(j) != slots(e) => problems.push(format!(
                    "{id}: English uses values {:?}, Japanese {:?}",
                    slots(e),
                    slots(j)
                )),
                Some(_) => {}
            }
        }
        for (id, _) in ja {
            if find(en, id).is_none() {
                problems.push(format!("{id}: in messages/ja.toml but not in en.toml"));
            }
        }
        problems
    }

    #[test]
    fn a_missing_japanese_text_is_caught() {
        let en = [("note.spot", "{0} on Spot"), ("note.other", "x")];
        let ja = [("note.other", "x"), ("note.extra", "y {0}")];
        assert_eq!(
            compare_tables(&en, &ja),
            [
                "note.spot: no Japanese text in messages/ja.toml",
                "note.extra: in messages/ja.toml but not in en.toml"
            ]
        );
        assert_eq!(
            compare_tables(&[("a.b", "{0} {1}")], &[("a.b", "{0}")]),
            ["a.b: English uses values [0, 1], Japanese [0]"]
        );
    }

    #[test]
    fn sorted_index_finds_every_id() {
        for lang in [Lang::En, Lang::Ja] {
            for (id, t) in entries(lang) {
                assert_eq!(text(lang, id), Some(t), "{id}");
            }
        }
        assert_eq!(text(Lang::En, "no.such.id"), None);
        assert_eq!(text(Lang::En, ""), None);
    }

    #[test]
    fn counts_and_units_per_language() {
        use rust_decimal_macros::dec;
        assert_eq!(count(Lang::En, dec!(300000000)), "300M");
        assert_eq!(count(Lang::En, dec!(6000000000)), "6B");
        assert_eq!(count(Lang::En, dec!(18750000000)), "18.75B");
        assert_eq!(count(Lang::En, dec!(10240)), "10,240");
        assert_eq!(count(Lang::Ja, dec!(300000000)), "3億");
        assert_eq!(count(Lang::Ja, dec!(7500000000)), "75億");
        assert_eq!(count(Lang::Ja, dec!(1000000)), "100万");
        assert_eq!(count(Lang::Ja, dec!(40960)), "40,960");
        for v in [
            dec!(1000000),
            dec!(1234567),
            dec!(99995000),
            dec!(99999999),
            dec!(100000000),
            dec!(123456789),
            dec!(7500000000),
            dec!(18750000000),
            dec!(1234567890123),
        ] {
            assert_eq!(
                count(Lang::Ja, v),
                crate::report::numbers::ja_count(v),
                "{v}"
            );
        }
        for v in [
            dec!(0),
            dec!(999),
            dec!(1000),
            dec!(10240),
            dec!(999999.5),
            dec!(1234567.25),
        ] {
            assert_eq!(
                group_digits(&v.to_string()),
                crate::money::group(&v.to_string()),
                "{v}"
            );
        }
        assert_eq!(unit_id("GB-second"), "unit.gb_second");
        assert_eq!(unit_id("I/O request"), "unit.i_o_request");
        assert_eq!(unit_id("endpoint-AZ-hour"), "unit.endpoint_az_hour");
        assert_eq!(unit(Lang::Ja, "GB-second"), "GB-秒");
        assert_eq!(unit(Lang::Ja, "furlong"), "furlong");
        assert_eq!(unit(Lang::En, "GB-second"), "GB-second");
    }

    #[test]
    fn tables_load_in_file_order() {
        let en = entries(Lang::En);
        assert!(en.len() > 200, "{}", en.len());
        assert_eq!(
            render(Lang::Ja, "tier.first", &["3億", "リクエスト"]),
            "（最初の 3億 リクエスト）"
        );
    }
}
