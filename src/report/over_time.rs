//! The "Money over time" section of compare outputs, shown when any architecture has a purchase
//! option: on-demand and committed architectures side by side with the cash paid up front, the
//! recurring monthly cost, the first 12 months and the whole term.
use super::i18n::Lang;
use super::money;
use crate::compare::{ArchReport, OverTime, Report};

struct Words {
    heading: &'static str,
    purchase: &'static str,
    on_demand: &'static str,
    upfront: &'static str,
    monthly: &'static str,
    recurring: &'static str,
    first_12: &'static str,
    note: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            heading: "Money over time",
            purchase: "Purchase",
            on_demand: "on-demand",
            upfront: "Upfront (one-off)",
            monthly: "Per month (upfront amortised)",
            recurring: "Billed monthly",
            first_12: "First 12 months",
            note: "Upfront money is paid once at purchase and amortised over its term into the monthly figures; the first 12 months include it whole. A shorter commitment is assumed renewed on the same terms over the longer period. A partial-upfront split or a rate marked \"user assumption\" is not a published price.",
        },
        Lang::Ja => Words {
            heading: "期間ごとの費用",
            purchase: "購入オプション",
            on_demand: "オンデマンド",
            upfront: "前払い（一括）",
            monthly: "月額（前払いを按分）",
            recurring: "毎月の請求",
            first_12: "最初の 12 か月",
            note: "前払い金は購入時に一度だけ支払い、月額には期間で按分して含めています。最初の 12 か月には全額を含みます。期間の短い契約は、長い期間では同じ条件で更新するものとしています。一部前払いの内訳や「ユーザーの想定」（user assumption）と記した料率は公表価格ではありません。",
        },
    }
}

fn over_time(rep: &Report) -> Option<u32> {
    rep.architectures
        .iter()
        .find_map(|a| a.over_time.as_ref().map(|o| o.months))
}

fn term_label(lang: Lang, months: u32) -> String {
    match lang {
        Lang::En => format!("Over {months} months"),
        Lang::Ja => format!("{months} か月の合計"),
    }
}

/// The row cells of one architecture: name, purchase, upfront, monthly, recurring, 12 months,
/// term total.
fn cells(rep: &Report, a: &ArchReport, o: &OverTime, w: &Words, lang: Lang) -> [String; 7] {
    let purchase = if o.purchase.is_empty() {
        w.on_demand.to_string()
    } else {
        let each: Vec<String> = o.purchase.iter().map(|p| purchase_in(lang, p)).collect();
        each.join("; ")
    };
    [
        a.name.clone(),
        purchase,
        money(rep, a.upfront_usd),
        money(rep, a.monthly_usd),
        money(rep, o.recurring_monthly_usd),
        money(rep, o.first_12_months_usd),
        money(rep, o.total_usd),
    ]
}

/// The engine's purchase summary ("app ec2: reserved, 1-year no upfront (user assumption: 30 %
/// off on-demand)") in `lang`: its fixed words replaced, values kept.
fn purchase_in(lang: Lang, text: &str) -> String {
    const JA: [(&str, &str); 10] = [
        (": reserved, ", ": リザーブド、"),
        (": compute-savings-plan, ", ": Compute Savings Plan、"),
        (": instance-savings-plan, ", ": EC2 Instance Savings Plan、"),
        (": spot, ", ": Spot、"),
        (" % of the hours", " % の時間"),
        ("-year no upfront", " 年・前払いなし"),
        ("-year partial upfront", " 年・一部前払い"),
        ("-year all upfront", " 年・全額前払い"),
        (" (user assumption: ", "（ユーザーの想定: オンデマンドから "),
        (" % off on-demand)", " % 割引）"),
    ];
    match lang {
        Lang::En => text.to_string(),
        Lang::Ja => JA
            .iter()
            .fold(text.to_string(), |t, (en, ja)| t.replace(en, ja)),
    }
}

fn header(lang: Lang, months: u32) -> [String; 7] {
    let w = words(lang);
    [
        lang.labels().architecture.to_string(),
        w.purchase.to_string(),
        w.upfront.to_string(),
        w.monthly.to_string(),
        w.recurring.to_string(),
        w.first_12.to_string(),
        term_label(lang, months),
    ]
}

/// Terminal section (empty when no architecture has a purchase option).
pub fn table_section(rep: &Report, lang: Lang) -> String {
    let Some(months) = over_time(rep) else {
        return String::new();
    };
    let w = words(lang);
    let mut t = super::markup::new_table();
    t.set_header(header(lang, months).to_vec());
    for a in &rep.architectures {
        if let Some(o) = &a.over_time {
            let c = cells(rep, a, o, &w, lang);
            let mut row = vec![comfy_table::Cell::new(&c[0]), comfy_table::Cell::new(&c[1])];
            row.extend(c[2..].iter().map(|v| {
                comfy_table::Cell::new(v).set_alignment(comfy_table::CellAlignment::Right)
            }));
            t.add_row(row);
        }
    }
    format!("\n{}\n{t}\n{}\n", w.heading, w.note)
}

/// Markdown section (empty when no architecture has a purchase option).
pub fn markdown_section(rep: &Report, lang: Lang) -> String {
    let Some(months) = over_time(rep) else {
        return String::new();
    };
    let w = words(lang);
    let cell = super::markup::cell;
    let h = header(lang, months);
    let mut o = format!(
        "\n## {}\n\n| {} |\n|---|---|---:|---:|---:|---:|---:|\n",
        w.heading,
        h.join(" | ")
    );
    for a in &rep.architectures {
        if let Some(ot) = &a.over_time {
            let c = cells(rep, a, ot, &w, lang);
            let row: Vec<String> = c.iter().map(|v| cell(v)).collect();
            o.push_str(&format!("| {} |\n", row.join(" | ")));
        }
    }
    o.push_str(&format!("\n{}\n", w.note));
    o
}

/// HTML section (empty when no architecture has a purchase option).
pub fn html_section(rep: &Report, lang: Lang) -> String {
    let Some(months) = over_time(rep) else {
        return String::new();
    };
    let w = words(lang);
    let esc = super::markup::esc;
    let h = header(lang, months);
    let mut o = format!(
        "<section id=\"over-time\">\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th>",
        esc(w.heading),
        esc(&h[0]),
        esc(&h[1])
    );
    for label in &h[2..] {
        o.push_str(&format!("<th class=\"num\">{}</th>", esc(label)));
    }
    o.push_str("</tr>\n");
    for a in &rep.architectures {
        if let Some(ot) = &a.over_time {
            let c = cells(rep, a, ot, &w, lang);
            o.push_str(&format!(
                "<tr><td>{}</td><td>{}</td>",
                esc(&c[0]),
                esc(&c[1])
            ));
            for v in &c[2..] {
                o.push_str(&format!("<td class=\"num\">{}</td>", esc(v)));
            }
            o.push_str("</tr>\n");
        }
    }
    o.push_str(&format!(
        "</table>\n<p class=\"note\">{}</p>\n</section>\n",
        esc(w.note)
    ));
    o
}
