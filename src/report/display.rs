//! How numbers are shown to a person: the language, the display currency (USD, or yen at a
//! dated rate), Japanese number words (3,000万, 1.2億) and the labels of the analysis outputs
//! (sweep, break-even, sensitivity, diff). Machine outputs (JSON, CSV values) never use it.
use super::i18n::Lang;
// Number words are a leaf the line texts use too; named here for existing callers.
pub use super::numbers::{compact, ja_count, line_quantity};
use crate::money;
use crate::scenario::{Currency, Scenario};
use rust_decimal::Decimal;

/// Yen at a rate and the rate's date.
#[derive(Debug, Clone, PartialEq)]
pub struct Yen {
    pub usd_jpy: Decimal,
    pub fx_date: Option<String>,
}

/// Language and currency of one human output.
#[derive(Debug, Clone, PartialEq)]
pub struct Display {
    pub lang: Lang,
    pub yen: Option<Yen>,
}

impl Display {
    /// US dollars in `lang`.
    pub fn usd(lang: Lang) -> Display {
        Display { lang, yen: None }
    }

    /// The scenario's display currency (after `--currency`), in `lang`.
    pub fn for_scenario(s: &Scenario, lang: Lang) -> Display {
        let yen = match (s.assumptions.currency, s.assumptions.usd_jpy) {
            (Currency::JPY, Some(rate)) => Some(Yen {
                usd_jpy: rate,
                fx_date: s.assumptions.fx_date.clone(),
            }),
            _ => None,
        };
        Display { lang, yen }
    }

    /// "$1,234.57" or "¥185,186" (yen without decimals).
    pub fn money(&self, usd: Decimal) -> String {
        match &self.yen {
            Some(y) => money::jpy(usd, y.usd_jpy),
            None => money::usd(usd),
        }
    }

    /// A difference with its sign: "+$1.00", "-¥150", "$0.00".
    pub fn signed(&self, usd: Decimal) -> String {
        let shown = match &self.yen {
            Some(y) => money::round(usd * y.usd_jpy, 0),
            None => money::cents(usd),
        };
        let text = self.money(usd);
        if shown > Decimal::ZERO {
            format!("+{text}")
        } else {
            text
        }
    }

    /// The difference of the printed amounts, with its sign: each side is rounded as printed
    /// (cents, or whole yen) first, so ¥110,876 → ¥129,848 shows +¥18,972 — what a reader
    /// gets by subtracting. A missing side counts as 0.
    pub fn signed_between(&self, a_usd: Option<Decimal>, b_usd: Option<Decimal>) -> String {
        let shown = |v: Option<Decimal>| {
            let v = v.unwrap_or_default();
            match &self.yen {
                Some(y) => money::round(v * y.usd_jpy, 0),
                None => money::cents(v),
            }
        };
        let delta = shown(b_usd) - shown(a_usd);
        let text = match &self.yen {
            Some(_) => money::jpy(delta, Decimal::ONE),
            None => money::usd(delta),
        };
        if delta > Decimal::ZERO {
            format!("+{text}")
        } else {
            text
        }
    }

    /// The exchange-rate line printed beside yen figures, or None for dollars.
    pub fn rate_note(&self) -> Option<String> {
        self.yen.as_ref().map(|y| {
            let l = self.lang.labels();
            format!(
                "{}: {}",
                l.exchange_rate,
                self.lang.rate(
                    &money::exact(y.usd_jpy),
                    y.fx_date.as_deref().unwrap_or(l.date_not_given)
                )
            )
        })
    }

    /// A large count for people: "30,000,000" in English, "3,000万" / "1.2億" in Japanese.
    pub fn count(&self, v: Decimal) -> String {
        match self.lang {
            Lang::En => money::quantity(v),
            Lang::Ja => ja_count(v),
        }
    }

    /// A compact volume: "41.3M" in English, "4,130万" in Japanese.
    pub fn volume(&self, v: Decimal) -> String {
        match self.lang {
            Lang::En => crate::breakeven::human(v),
            Lang::Ja => ja_count(v),
        }
    }

    pub fn words(&self) -> &'static Words {
        words(self.lang)
    }
}

/// Labels of the analysis outputs in one language (`ui.display.*` of messages/en.toml and
/// messages/ja.toml).
#[derive(Debug)]
pub struct Words {
    pub cheapest_mark: &'static str,
    pub cannot_run_mark: &'static str,
    pub sweep_footer: &'static str,
    pub breakeven_title: &'static str,
    pub never_cross: &'static str,
    pub between: &'static str,
    pub value_exact: &'static str,
    pub monthly_there: &'static str,
    pub kind: &'static str,
    pub can_run_there: &'static str,
    pub both: &'static str,
    pub not_prefix: &'static str,
    pub linear: &'static str,
    pub step: &'static str,
    pub cheaper_linear: &'static str,
    pub cheaper_step: &'static str,
    pub sensitivity_intro: &'static str,
    pub at_expected: &'static str,
    pub input: &'static str,
    pub low_cost: &'static str,
    pub high_cost: &'static str,
    pub swing: &'static str,
    pub range_tag: &'static str,
    pub no_input: &'static str,
    pub not_varied: &'static str,
    pub diff_title: &'static str,
    pub architecture: &'static str,
    pub status: &'static str,
    pub a_month: &'static str,
    pub b_month: &'static str,
    pub delta_month: &'static str,
    pub delta_pct: &'static str,
    pub tier: &'static str,
    pub line_item: &'static str,
    pub quantity: &'static str,
    pub usd_per_unit: &'static str,
    pub monthly: &'static str,
    pub delta: &'static str,
    pub no_line_changed: &'static str,
    pub unchanged_one: &'static str,
    pub unchanged_many: &'static str,
    pub added_in_b: &'static str,
    pub removed_in_b: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub changed: &'static str,
    pub unchanged: &'static str,
}

/// The labels of `lang` from the message tables (`ui.display.*`).
fn load_words(lang: Lang) -> Words {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Words {
        cheapest_mark: t("ui.display.cheapest_mark"),
        cannot_run_mark: t("ui.display.cannot_run_mark"),
        sweep_footer: t("ui.display.sweep_footer"),
        breakeven_title: t("ui.display.breakeven_title"),
        never_cross: t("ui.display.never_cross"),
        between: t("ui.display.between"),
        value_exact: t("ui.display.value_exact"),
        monthly_there: t("ui.display.monthly_there"),
        kind: t("ui.display.kind"),
        can_run_there: t("ui.display.can_run_there"),
        both: t("ui.display.both"),
        not_prefix: t("ui.display.not_prefix"),
        linear: t("ui.display.linear"),
        step: t("ui.display.step"),
        cheaper_linear: t("ui.display.cheaper_linear"),
        cheaper_step: t("ui.display.cheaper_step"),
        sensitivity_intro: t("ui.display.sensitivity_intro"),
        at_expected: t("ui.display.at_expected"),
        input: t("ui.display.input"),
        low_cost: t("ui.display.low_cost"),
        high_cost: t("ui.display.high_cost"),
        swing: t("ui.display.swing"),
        range_tag: t("ui.display.range_tag"),
        no_input: t("ui.display.no_input"),
        not_varied: t("ui.display.not_varied"),
        diff_title: t("ui.display.diff_title"),
        architecture: t("ui.display.architecture"),
        status: t("ui.display.status"),
        a_month: t("ui.display.a_month"),
        b_month: t("ui.display.b_month"),
        delta_month: t("ui.display.delta_month"),
        delta_pct: t("ui.display.delta_pct"),
        tier: t("ui.display.tier"),
        line_item: t("ui.display.line_item"),
        quantity: t("ui.display.quantity"),
        usd_per_unit: t("ui.display.usd_per_unit"),
        monthly: t("ui.display.monthly"),
        delta: t("ui.display.delta"),
        no_line_changed: t("ui.display.no_line_changed"),
        unchanged_one: t("ui.display.unchanged_one"),
        unchanged_many: t("ui.display.unchanged_many"),
        added_in_b: t("ui.display.added_in_b"),
        removed_in_b: t("ui.display.removed_in_b"),
        added: t("ui.display.added"),
        removed: t("ui.display.removed"),
        changed: t("ui.display.changed"),
        unchanged: t("ui.display.unchanged"),
    }
}

/// The labels of `lang`, read from the tables once.
pub fn words(lang: Lang) -> &'static Words {
    static BY_LANG: crate::lang::PerLang<Words> = crate::lang::PerLang::new();
    BY_LANG.get(lang, load_words)
}

/// Fill the `{name}` placeholders of a label in one pass, as `format!` would: a value is
/// never read again (a `{…}` inside a value stays as written), a `{` that opens no name of
/// `pairs` is kept.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    crate::messages::fill_slots(template, |name| {
        pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    })
}

/// The text of `id` in `lang` (the id itself when the tables lack it; a test keeps them
/// complete).
pub fn word(lang: Lang, id: &'static str) -> &'static str {
    crate::messages::text(lang, id).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn japanese_number_words() {
        assert_eq!(ja_count(dec!(30_000_000)), "3,000万");
        assert_eq!(ja_count(dec!(300_000_000)), "3億");
        assert_eq!(ja_count(dec!(120_000_000)), "1.2億");
        assert_eq!(ja_count(dec!(12_345)), "1.23万");
        assert_eq!(ja_count(dec!(9_999)), "9,999");
        assert_eq!(ja_count(dec!(2_000_000_000_000)), "20,000億");
        // Whole 万 from 100万: 62,112,345 = 6,211.2345万 -> 6,211万.
        assert_eq!(ja_count(dec!(62_112_345)), "6,211万");
        // 210,000,000 / 10^8 = 2.1.
        assert_eq!(ja_count(dec!(210_000_000)), "2.1億");
        // 99,999,000 = 9,999.9万, rounds to 10,000万 = 1億.
        assert_eq!(ja_count(dec!(99_999_000)), "1億");
        assert_eq!(compact(Lang::Ja, 1e6), "100万");
        assert_eq!(compact(Lang::Ja, 1e9), "10億");
        assert_eq!(compact(Lang::En, 3e7), "30M");
    }

    #[test]
    fn line_quantities_rounded_for_reading() {
        // 858.306885 rounds half away from zero to 858.31.
        assert_eq!(line_quantity(dec!(858.306885)), "858.31");
        assert_eq!(line_quantity(dec!(30000000)), "30,000,000");
        assert_eq!(line_quantity(dec!(333.333333)), "333.33");
        // 0.00123456: two zeros after the point, then 4 significant digits -> 0.001235.
        assert_eq!(line_quantity(dec!(0.00123456)), "0.001235");
        assert_eq!(line_quantity(dec!(0)), "0");
    }

    #[test]
    fn yen_without_decimals_and_signed() {
        let d = Display {
            lang: Lang::Ja,
            yen: Some(Yen {
                usd_jpy: dec!(150),
                fx_date: Some("2026-11-20".into()),
            }),
        };
        assert_eq!(d.money(dec!(10.005)), "¥1,501");
        assert_eq!(d.signed(dec!(1)), "+¥150");
        assert!(d.rate_note().unwrap().contains("2026-11-20"));
        assert_eq!(Display::usd(Lang::En).signed(dec!(-2.5)), "-$2.50");
    }

    #[test]
    fn words_come_from_the_tables_with_their_spaces() {
        // The tables keep the space that joins a prefix or a tag to the next word.
        assert_eq!(words(Lang::En).not_prefix, "not ");
        assert_eq!(words(Lang::En).range_tag, " (range)");
        assert_eq!(words(Lang::Ja).not_prefix, "不可: ");
        assert_eq!(words(Lang::Ja).diff_title, "費用の差分");
        assert_eq!(
            fill(words(Lang::En).unchanged_many, &[("n", "3")]),
            "3 unchanged lines not shown"
        );
    }

    /// The `{name}` placeholders of a text (named ones only; `{0}` values are checked by
    /// messages::tests).
    fn names(text: &str) -> std::collections::BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n))
            .filter(|n| n.parse::<usize>().is_err() && !n.is_empty() && !n.contains(' '))
            .collect()
    }

    #[test]
    fn both_languages_use_the_same_named_values() {
        let mut wrong = Vec::new();
        for (id, en) in crate::messages::entries(Lang::En) {
            let ja = crate::messages::text(Lang::Ja, id).unwrap_or_default();
            if names(en) != names(ja) {
                wrong.push(id);
            }
        }
        assert!(wrong.is_empty(), "named values differ: {wrong:?}");
        // The check can fail.
        assert_ne!(names("{tier}: {count}"), names("{tier}: {n}"));
    }

    #[test]
    fn fill_reads_each_placeholder_once() {
        // A value that looks like a placeholder stays as written (format! semantics); an
        // unknown name and a lone brace are kept.
        assert_eq!(
            fill("{a} and {b}", &[("a", "{b}"), ("b", "x")]),
            "{b} and x"
        );
        assert_eq!(fill("{z} {a", &[("a", "1")]), "{z} {a");
        assert_eq!(fill("{a}{a}", &[("a", "1")]), "11");
    }

    #[test]
    fn report_words_keep_their_spaces_and_punctuation() {
        // Each (id, English, Japanese) as the reports print it: leading and trailing spaces
        // and the Japanese full-width punctuation join the next word without a space.
        let cases = [
            ("ui.sensitivity.note", "note: ", "注記："),
            (
                "ui.sweep.unit_requests_per_month",
                " requests/month",
                " リクエスト/月",
            ),
            (
                "ui.sweep.unit_requests_per_second",
                " requests/s",
                " リクエスト/秒",
            ),
            (
                "ui.range.discount_note",
                " A discount_pct range works the other way: low puts the discount at its high end.",
                "discount_pct の幅は逆向きで、低では割引率を上限にします。",
            ),
            ("ui.diagram.tail_first", " (first ", "（最初の"),
            ("ui.diagram.tail_over", " (over ", "（超"),
            (
                "ui.init.list_footer",
                "Print one: archcost init --template NAME [--lang ja] > scenarios/new.toml\n",
                "出力: archcost init --template 名前 --lang ja > scenarios/new.toml\n",
            ),
        ];
        for (id, en, ja) in cases {
            assert_eq!(word(Lang::En, id), en, "{id}");
            assert_eq!(word(Lang::Ja, id), ja, "{id}");
        }
        let heading = |lang| {
            fill(
                word(lang, "ui.table.limits_heading"),
                &[("label", lang.labels().limits_for), ("name", "serverless")],
            )
        };
        assert_eq!(heading(Lang::En), "Limits for serverless");
        assert_eq!(heading(Lang::Ja), "上限チェック：serverless");
        let stale = |lang| fill(word(lang, "ui.diff.stale"), &[("advice", "X")]);
        assert_eq!(stale(Lang::En), "; X");
        assert_eq!(stale(Lang::Ja), "。X");
        let cannot = |lang| {
            fill(
                word(lang, "ui.sweep.cannot_run_there"),
                &[("name", "ec2"), ("ids", "a, b")],
            )
        };
        assert_eq!(
            cannot(Lang::En),
            "; ec2 cannot run the workload there (a, b)"
        );
        assert_eq!(cannot(Lang::Ja), "。ec2 はその点では実行できません（a, b）");
    }
}
