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
        match self.lang {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

/// Labels of the analysis outputs in one language.
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

pub static EN: Words = Words {
    cheapest_mark: "* cheapest feasible at that value",
    cannot_run_mark: "✗ cannot run at that value",
    sweep_footer: "Monthly cost of each architecture at each value.",
    breakeven_title: "Break-even: {key} from {from} to {to}",
    never_cross: "The costs never cross in this range: the order of the architectures does not change.",
    between: "Between",
    value_exact: "Value (exact in JSON)",
    monthly_there: "Monthly cost there",
    kind: "Kind",
    can_run_there: "Can run there",
    both: "both",
    not_prefix: "not ",
    linear: "linear",
    step: "step",
    cheaper_linear: "{below} is cheaper below {v}{unit}; {above} above — both {money} per month there",
    cheaper_step: "{below} is cheaper below {v}{unit}; {above} above (a step: a billed count jumps there — tasks, instances, capacity units or 1 ms rounding)",
    sensitivity_intro: "Each input at −{p}% and +{p}% of its value (or its declared range's low and high), everything else unchanged.",
    at_expected: "{name} — {money} per month at the expected inputs",
    input: "Input",
    low_cost: "Low → cost",
    high_cost: "High → cost",
    swing: "Swing",
    range_tag: " (range)",
    no_input: "no input to vary",
    not_varied: "not varied",
    diff_title: "Cost diff",
    architecture: "Architecture",
    status: "Status",
    a_month: "A / month",
    b_month: "B / month",
    delta_month: "Δ / month",
    delta_pct: "Δ %",
    tier: "Tier",
    line_item: "Line item",
    quantity: "Quantity",
    usd_per_unit: "USD per unit",
    monthly: "Monthly",
    delta: "Δ",
    no_line_changed: "No line changed.",
    unchanged_one: "1 unchanged line not shown",
    unchanged_many: "{n} unchanged lines not shown",
    added_in_b: "added in B",
    removed_in_b: "removed in B (was {money})",
    added: "added",
    removed: "removed",
    changed: "changed",
    unchanged: "unchanged",
};

pub static JA: Words = Words {
    cheapest_mark: "* その値で実行可能な最安構成",
    cannot_run_mark: "✗ その値では実行できない",
    sweep_footer: "各値での各構成の月額。",
    breakeven_title: "{key} を {from} から {to} まで変えたときの損益分岐",
    never_cross: "この範囲では費用は交差しません（構成の順位は変わりません）。",
    between: "構成の組",
    value_exact: "値（厳密値は JSON）",
    monthly_there: "その点の月額",
    kind: "種類",
    can_run_there: "その点で実行可能",
    both: "両方",
    not_prefix: "不可: ",
    linear: "直線",
    step: "段差",
    cheaper_linear: "{v}{unit}未満では {below} が安く、それ以上では {above} が安い（その点で両方とも月額 {money}）",
    cheaper_step: "{v}{unit}未満では {below} が安く、それ以上では {above} が安い（段差: タスク数・インスタンス数・キャパシティユニット・1 ms 丸めなど課金数量がそこで跳ね上がる）",
    sensitivity_intro: "各入力をその値の −{p}% と +{p}%（範囲指定があればその下限と上限）にし、他は変えずに計算。",
    at_expected: "{name} — 想定値での月額 {money}",
    input: "入力",
    low_cost: "下限 → 費用",
    high_cost: "上限 → 費用",
    swing: "変動幅",
    range_tag: "（範囲）",
    no_input: "変化させる入力なし",
    not_varied: "は変化させていません",
    diff_title: "費用の差分",
    architecture: "構成",
    status: "状態",
    a_month: "A / 月",
    b_month: "B / 月",
    delta_month: "差 / 月",
    delta_pct: "差 %",
    tier: "層",
    line_item: "明細",
    quantity: "数量",
    usd_per_unit: "単価（USD）",
    monthly: "月額",
    delta: "差",
    no_line_changed: "変わった明細なし",
    unchanged_one: "変わらない明細 1 件は省略",
    unchanged_many: "変わらない明細 {n} 件は省略",
    added_in_b: "B で追加",
    removed_in_b: "B で削除（以前は {money}）",
    added: "追加",
    removed: "削除",
    changed: "変更",
    unchanged: "変更なし",
};

/// Fill `{name}` placeholders of a label.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
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
}
