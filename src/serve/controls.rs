//! The what-if controls: one per workload input, assumption and tuned per-tier setting, built
//! from the loaded scenario (its values are the controls' base values; only changed values become
//! edits). Instance fields offer the instance names the catalog prices in the tier's region.
use super::texts::{key_label, texts};
use crate::lang::Lang;
use crate::money::exact;
use crate::pricing::Catalog;
use crate::report::markup::esc;
use crate::scenario::{
    ApiKind, Capacity, Ec2, Fargate, Profile, Scenario, Service, WORKLOAD_INPUTS,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The named traffic profiles (`capacity::preset_weights` knows each; a test checks).
const PRESETS: [&str; 4] = ["business-hours", "evening-peak", "night-batch", "spiky"];

/// How a control is drawn.
enum Kind {
    /// A number field, with a slider from `min` to `max` (`log`: geometric) when given.
    Number {
        slider: Option<(f64, f64, bool)>,
        whole: bool,
    },
    /// A choice among (value, label).
    Select(Vec<(String, String)>),
    Check,
    /// Free text offered a list (the datalist id).
    Text(Option<String>),
}

struct Control {
    key: String,
    label: String,
    value: String,
    kind: Kind,
}

fn number(key: String, label: String, v: Decimal, slider: Option<(f64, f64, bool)>) -> Control {
    Control {
        key,
        label,
        value: exact(v),
        kind: Kind::Number {
            slider,
            whole: false,
        },
    }
}

fn whole(key: String, label: String, v: Decimal, slider: Option<(f64, f64, bool)>) -> Control {
    Control {
        key,
        label,
        value: exact(v),
        kind: Kind::Number {
            slider,
            whole: true,
        },
    }
}

fn select(key: String, label: String, value: &str, options: &[&str]) -> Control {
    let mut opts: Vec<(String, String)> = options
        .iter()
        .map(|o| (o.to_string(), o.to_string()))
        .collect();
    if !options.contains(&value) {
        opts.insert(0, (value.to_string(), value.to_string()));
    }
    Control {
        key,
        label,
        value: value.to_string(),
        kind: Kind::Select(opts),
    }
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A linear slider from 0 to a few times the value (at least `floor`).
fn lin(v: Decimal, floor: f64) -> Option<(f64, f64, bool)> {
    Some((0.0, (f(v) * 4.0).max(floor), false))
}

/// A log slider two decades either side of the value.
fn log(v: Decimal) -> Option<(f64, f64, bool)> {
    let v = f(v);
    if v > 0.0 {
        Some(((v / 100.0).max(0.001), v * 100.0, true))
    } else {
        Some((1.0, 1e10, true))
    }
}

/// One group of controls under a heading.
struct Group {
    title: String,
    /// (sub-heading, controls)
    parts: Vec<(String, Vec<Control>)>,
}

fn workload(s: &Scenario, lang: Lang) -> Group {
    let w = &s.workload;
    let mut c = Vec::new();
    for key in WORKLOAD_INPUTS {
        let path = format!("workload.{key}");
        let label = key_label(lang, key);
        let Some(v) = w.input(key) else { continue };
        c.push(match key {
            "requests_per_month" | "requests_per_second" => number(path, label, v, log(v)),
            "peak_to_average" => number(path, label, v, Some((1.0, (f(v) * 2.0).max(10.0), false))),
            "duration_ms" => number(path, label, v, lin(v, 2000.0)),
            "request_kb" | "response_kb" => number(path, label, v, lin(v, 64.0)),
            "db_reads_per_request" | "db_writes_per_request" => {
                number(path, label, v, lin(v, 10.0))
            }
            "item_kb" => number(path, label, v, lin(v, 16.0)),
            "log_kb_per_request" => number(path, label, v, lin(v, 16.0)),
            "log_retention_months" => number(path, label, v, Some((0.03, 120.0, false))),
            _ => number(path, label, v, lin(v, 1000.0)),
        });
        if key == "requests_per_second" {
            continue;
        }
        if key == "peak_to_average" {
            // The daily shape sits next to the in-hour peak.
            let mut options: Vec<(String, String)> = Vec::new();
            let value = match &w.profile {
                Profile::Flat => "flat".to_string(),
                Profile::Preset(p) => p.clone(),
                Profile::Weights(ws) => {
                    let text = format!(
                        "[{}]",
                        ws.iter().map(|x| exact(*x)).collect::<Vec<_>>().join(", ")
                    );
                    options.push((text.clone(), texts(lang).profile_weights.to_string()));
                    text
                }
            };
            for p in std::iter::once("flat").chain(PRESETS) {
                options.push((p.to_string(), p.to_string()));
            }
            c.push(Control {
                key: "workload.profile".into(),
                label: key_label(lang, "profile"),
                value,
                kind: Kind::Select(options),
            });
        }
    }
    Group {
        title: texts(lang).workload.to_string(),
        parts: vec![(String::new(), c)],
    }
}

fn assumptions(s: &Scenario, lang: Lang) -> Group {
    let a = &s.assumptions;
    let mut c = vec![
        select(
            "assumptions.hours_per_month".into(),
            key_label(lang, "hours_per_month"),
            &exact(a.hours_per_month),
            &["720", "730", "744"],
        ),
        Control {
            key: "assumptions.free_tier".into(),
            label: key_label(lang, "free_tier"),
            value: a.free_tier.to_string(),
            kind: Kind::Check,
        },
    ];
    if let Some(rate) = a.usd_jpy {
        let currency = match a.currency {
            crate::scenario::Currency::USD => "USD",
            crate::scenario::Currency::JPY => "JPY",
        };
        c.push(select(
            "assumptions.currency".into(),
            key_label(lang, "currency"),
            currency,
            &["USD", "JPY"],
        ));
        c.push(number(
            "assumptions.usd_jpy".into(),
            key_label(lang, "usd_jpy"),
            rate,
            Some((f(rate) * 0.7, f(rate) * 1.3, false)),
        ));
    }
    Group {
        title: texts(lang).assumptions.to_string(),
        parts: vec![(String::new(), c)],
    }
}

/// Instance names the catalog prices under `prefix` in `region`, as a datalist id (shared).
struct Lists<'c> {
    catalog: &'c Catalog,
    lists: BTreeMap<String, Vec<String>>,
}

impl Lists<'_> {
    fn id(&mut self, region: &str, prefix: &str) -> String {
        let id = format!("dl-{}", prefix_id(&format!("{region}-{prefix}")));
        if !self.lists.contains_key(&id) {
            let mut names: Vec<String> = self
                .catalog
                .keys_with_prefix(region, prefix)
                .into_iter()
                .map(|k| k[prefix.len()..].to_string())
                .collect();
            names.sort();
            names.dedup();
            self.lists.insert(id.clone(), names);
        }
        id
    }
}

fn prefix_id(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn tier(svc: &Service, at: &str, region: &str, lang: Lang, lists: &mut Lists) -> Vec<Control> {
    let k = |key: &str| format!("{at}.{key}");
    let l = |key: &str| key_label(lang, key);
    let mut c = Vec::new();
    match svc {
        Service::ApiGateway(g) => {
            let api = match g.api {
                ApiKind::Rest => "rest",
                ApiKind::Http => "http",
                ApiKind::Websocket => return c,
            };
            c.push(select(k("api"), l("api"), api, &["rest", "http"]));
        }
        Service::Alb(a) => c.push(whole(k("count"), l("count"), a.count, None)),
        Service::Ec2(e) => c.extend(ec2(e, at, region, lang, lists)),
        Service::Lambda(f) => {
            c.push(whole(
                k("memory_mb"),
                l("memory_mb"),
                f.memory_mb,
                Some((128.0, 10240.0, true)),
            ));
            c.push(select(
                k("arch"),
                l("arch"),
                f.arch.key(),
                &["x86_64", "arm64"],
            ));
            c.push(whole(
                k("provisioned_concurrency"),
                l("provisioned_concurrency"),
                f.provisioned_concurrency,
                None,
            ));
        }
        Service::Fargate(g) => c.extend(fargate(g, at, lang)),
        Service::Dynamodb(d) => {
            let cap = match d.capacity {
                Capacity::OnDemand => "on-demand",
                Capacity::Provisioned => "provisioned",
            };
            c.push(select(
                k("capacity"),
                l("capacity"),
                cap,
                &["on-demand", "provisioned"],
            ));
        }
        Service::Rds(r) => {
            let list = lists.id(region, &format!("rds.{}.single_az.", r.engine.key()));
            c.push(Control {
                key: k("instance"),
                label: l("instance"),
                value: r.instance.clone(),
                kind: Kind::Text(Some(list)),
            });
            c.push(Control {
                key: k("multi_az"),
                label: l("multi_az"),
                value: r.multi_az.to_string(),
                kind: Kind::Check,
            });
            if let Some(v) = r.storage_gb {
                c.push(number(k("storage_gb"), l("storage_gb"), v, lin(v, 1000.0)));
            }
        }
    }
    c.extend(purchase(svc, at, lang));
    c
}

/// An EC2 fleet's controls: instance type (from the region's list), count or scaling.
fn ec2(e: &Ec2, at: &str, region: &str, lang: Lang, lists: &mut Lists) -> Vec<Control> {
    let k = |key: &str| format!("{at}.{key}");
    let l = |key: &str| key_label(lang, key);
    let mut c = Vec::new();
    let list = lists.id(region, "ec2.linux.");
    c.push(Control {
        key: k("instance"),
        label: l("instance"),
        value: e.instance.clone(),
        kind: Kind::Text(Some(list)),
    });
    if let Some(n) = e.count {
        c.push(whole(
            k("count"),
            l("count"),
            n,
            Some((1.0, (f(n) * 4.0).max(10.0), false)),
        ));
    }
    if let Some(v) = e.rps_per_instance {
        c.push(number(
            k("rps_per_instance"),
            l("rps_per_instance"),
            v,
            lin(v, 100.0),
        ));
    }
    for (key, v) in [("min", e.min), ("max", e.max)] {
        if let Some(v) = v {
            c.push(whole(k(key), l(key), v, None));
        }
    }

    c
}

/// A Fargate service's controls: task size, task count or scaling, Spot share, CPU.
fn fargate(g: &Fargate, at: &str, lang: Lang) -> Vec<Control> {
    let k = |key: &str| format!("{at}.{key}");
    let l = |key: &str| key_label(lang, key);
    let mut c = Vec::new();
    c.push(select(
        k("vcpu"),
        l("vcpu"),
        &exact(g.vcpu),
        &["0.25", "0.5", "1", "2", "4", "8", "16"],
    ));
    c.push(number(k("memory_gb"), l("memory_gb"), g.memory_gb, None));
    if let Some(n) = g.tasks {
        c.push(whole(
            k("tasks"),
            l("tasks"),
            n,
            Some((1.0, (f(n) * 4.0).max(10.0), false)),
        ));
    }
    if let Some(v) = g.rps_per_task {
        c.push(number(
            k("rps_per_task"),
            l("rps_per_task"),
            v,
            lin(v, 100.0),
        ));
    }
    for (key, v) in [("min_tasks", g.min_tasks), ("max_tasks", g.max_tasks)] {
        if let Some(v) = v {
            c.push(whole(k(key), l(key), v, None));
        }
    }
    if let Some(v) = g.spot_share {
        c.push(number(
            k("spot_share"),
            l("spot_share"),
            v,
            Some((0.0, 1.0, false)),
        ));
    }
    c.push(select(
        k("arch"),
        l("arch"),
        g.arch.key(),
        &["x86_64", "arm64"],
    ));

    c
}

/// Purchase option, term and payment, for services that can be bought more than one way.
fn purchase(svc: &Service, at: &str, lang: Lang) -> Vec<Control> {
    let options: Vec<&str> = svc.purchase_options().iter().map(|p| p.key()).collect();
    if options.len() < 2 {
        return Vec::new();
    }
    let t = svc.terms();
    let k = |key: &str| format!("{at}.{key}");
    let l = |key: &str| key_label(lang, key);
    vec![
        select(k("purchase"), l("purchase"), t.purchase.key(), &options),
        select(
            k("term_years"),
            l("term_years"),
            &t.term_years.to_string(),
            &["1", "3"],
        ),
        select(
            k("payment"),
            l("payment"),
            t.payment.key(),
            &["no-upfront", "partial-upfront", "all-upfront"],
        ),
    ]
}

/// The architecture's `network` controls: AZs, the egress path, one NAT per AZ.
fn network(a: &crate::scenario::Architecture, at: &str, lang: Lang) -> Vec<Control> {
    let k = |key: &str| format!("{at}.{key}");
    let l = |key: &str| key_label(lang, key);
    let mut c = vec![whole(k("azs"), l("azs"), a.azs(), Some((1.0, 6.0, false)))];
    if !a.private_tiers().is_empty() {
        c.push(select(
            k("egress"),
            l("egress"),
            a.egress().key(),
            &["nat", "public-ip", "none"],
        ));
    }
    c
}

fn architectures(s: &Scenario, lang: Lang, lists: &mut Lists) -> Vec<Group> {
    s.architectures
        .iter()
        .map(|a| {
            let region = a.region.as_deref().unwrap_or(&s.region);
            let mut parts = Vec::new();
            for (name, svc) in [("web", &a.web), ("app", &a.app), ("db", &a.db)] {
                let Some(svc) = svc else { continue };
                let at = format!("architecture.{}.{name}", a.name);
                let heading = format!("{} · {}", lang.tier(name), svc.name());
                parts.push((heading, tier(svc, &at, region, lang, lists)));
            }
            parts.push((
                format!("{} · network", a.name),
                network(a, &format!("architecture.{}.network", a.name), lang),
            ));
            Group {
                title: a.name.clone(),
                parts,
            }
        })
        .collect()
}

/// The controls' HTML (fieldsets, then the instance datalists).
pub fn render(s: &Scenario, catalog: &Catalog, lang: Lang) -> String {
    let mut lists = Lists {
        catalog,
        lists: BTreeMap::new(),
    };
    let mut groups = vec![workload(s, lang), assumptions(s, lang)];
    groups.extend(architectures(s, lang, &mut lists));
    let mut o = String::new();
    let mut n = 0usize;
    for g in &groups {
        o.push_str(&format!("<fieldset><legend>{}</legend>\n", esc(&g.title)));
        for (heading, controls) in &g.parts {
            if !heading.is_empty() {
                o.push_str(&format!("<h4>{}</h4>\n", esc(heading)));
            }
            if controls.is_empty() {
                o.push_str(&format!(
                    "<p class=\"note\">{}</p>\n",
                    esc(texts(lang).no_controls)
                ));
            }
            for c in controls {
                n += 1;
                o.push_str(&control_html(c, n));
            }
        }
        o.push_str("</fieldset>\n");
    }
    for (id, names) in &lists.lists {
        o.push_str(&format!("<datalist id=\"{}\">", esc(id)));
        for name in names {
            o.push_str(&format!("<option value=\"{}\">", esc(name)));
        }
        o.push_str("</datalist>\n");
    }
    o
}

fn control_html(c: &Control, n: usize) -> String {
    let id = format!("c{n}");
    let key = esc(&c.key);
    let base = esc(&c.value);
    let field = match &c.kind {
        Kind::Number { slider, whole } => {
            let step = if *whole { "1" } else { "any" };
            let range = match slider {
                Some((min, max, log)) => format!(
                    "<input type=\"range\" data-for=\"{key}\" min=\"0\" max=\"1000\" step=\"1\" data-min=\"{min}\" data-max=\"{max}\" data-scale=\"{}\"{} aria-label=\"{}\">",
                    if *log { "log" } else { "lin" },
                    if *whole { " data-whole=\"1\"" } else { "" },
                    esc(&c.label)
                ),
                None => String::new(),
            };
            format!(
                "<div class=\"row\">{range}<input id=\"{id}\" type=\"number\" step=\"{step}\" data-key=\"{key}\" data-base=\"{base}\" value=\"{base}\"></div>"
            )
        }
        Kind::Select(options) => {
            let opts: String = options
                .iter()
                .map(|(v, label)| {
                    format!(
                        "<option value=\"{}\"{}>{}</option>",
                        esc(v),
                        if *v == c.value { " selected" } else { "" },
                        esc(label)
                    )
                })
                .collect();
            format!("<select id=\"{id}\" data-key=\"{key}\" data-base=\"{base}\">{opts}</select>")
        }
        Kind::Check => format!(
            "<input id=\"{id}\" type=\"checkbox\" data-key=\"{key}\" data-base=\"{base}\"{}>",
            if c.value == "true" { " checked" } else { "" }
        ),
        Kind::Text(list) => format!(
            "<input id=\"{id}\" type=\"text\" spellcheck=\"false\" autocomplete=\"off\" data-key=\"{key}\" data-base=\"{base}\" value=\"{base}\"{}>",
            list.as_ref()
                .map(|l| format!(" list=\"{}\"", esc(l)))
                .unwrap_or_default()
        ),
    };
    format!(
        "<div class=\"ctl\" data-ctl=\"{key}\"><label for=\"{id}\">{}</label>{field}</div>\n",
        esc(&c.label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_the_engines() {
        for p in PRESETS {
            assert!(crate::capacity::preset_weights(p).is_some(), "{p}");
        }
    }
}
