//! Routes: the page, its script, and the JSON API. Every answer prices the last good version
//! of the file with the request's what-if edits through the engine (`compare::evaluate`,
//! `sweep::sweep`, `breakeven::breakeven`) and renders it with the CLI's own renderers, so
//! `/api/compare` is byte for byte `compare --format json` of the edited file. Invalid input is a
//! 400 whose body is the CLI's message.
use super::edit::Edits;
use super::guard;
use super::page;
use super::query::{self, Query};
use super::save;
use super::state::{Live, Snapshot};
use crate::breakeven;
use crate::compare;
use crate::error::{Error, Result};
use crate::inputs::parse_decimal;
use crate::lang::Lang;
use crate::report;
use crate::sweep;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::sync::Arc;

/// A sweep from the page is for looking at, not for bulk work: `archcost sweep` has no cap.
pub const MAX_SWEEP_STEPS: usize = 2000;

/// A search from the page (and the optimize files of its report zip) is bounded so a request
/// cannot hold a pricing thread for long; `archcost optimize` has no bound. 20,000 engine
/// evaluations is about half a second on one core at the measured rate (BENCHMARKS.md).
pub const OPTIMIZE_BOUNDS: crate::optimize::Bounds = crate::optimize::Bounds {
    max_evaluations: 20_000,
    max_combined: 100_000,
};

/// What every handler can read.
pub struct Ctx {
    pub live: Arc<Live>,
    pub bound: guard::Bound,
    pub default_lang: Lang,
    /// Where the server reports what happens (the command layer prints it).
    pub events: super::events::Events,
}

/// A request, reduced to what the handlers read.
pub struct Req<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    /// The Host header (already checked against the bound address).
    pub host: &'a str,
    pub origin: Option<&'a str>,
    pub fetch_site: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

/// A response before it goes on the wire.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

const TEXT: &str = "text/plain; charset=utf-8";
const JSON: &str = "application/json";
const HTML: &str = "text/html; charset=utf-8";

impl Reply {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    pub fn text(status: u16, message: impl Into<String>) -> Reply {
        let mut body: String = message.into();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Reply::new(status, TEXT, body)
    }

    fn with(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    /// The same answer, and the connection closes after it (the rest of the request is unread).
    pub fn closing(self) -> Reply {
        self.with("Connection", "close".into())
    }
}

/// How the API names a range's inputs: by query field.
const FIELDS: crate::range::Words = crate::range::FIELDS;

/// The language a request asks for (`?lang=`), for wording its errors. When the query does
/// not parse (its error is what is being worded), the last plain `lang=en` / `lang=ja` pair
/// of the raw query still counts; else the default.
fn request_lang(ctx: &Ctx, req: &Req) -> Lang {
    let own = [
        "lang", "vary", "from", "to", "steps", "log", "format", "between",
    ];
    match Query::parse(req.query, &own) {
        Ok(q) => lang_of(ctx, &q).unwrap_or(ctx.default_lang),
        Err(_) => match req
            .query
            .split('&')
            .rev()
            .find_map(|p| p.strip_prefix("lang="))
        {
            Some("en") => Lang::En,
            Some("ja") => Lang::Ja,
            _ => ctx.default_lang,
        },
    }
}

/// An engine or input error as a response: the CLI's message in the request's language
/// (`?lang=`), 400 for what the user can fix.
fn failure(e: &Error, lang: Lang) -> Reply {
    let status = if e.exit_code() == 2 { 400 } else { 500 };
    Reply::text(status, e.render(lang))
}

/// The answer, or its error worded for the request.
fn reply_in(ctx: &Ctx, req: &Req, r: Result<Reply>) -> Reply {
    r.unwrap_or_else(|e| failure(&e, request_lang(ctx, req)))
}

/// Dispatch a request whose Host header has been checked.
pub fn route(ctx: &Ctx, req: &Req) -> Reply {
    let get = req.method == "GET" || req.method == "HEAD";
    match (req.path, get) {
        ("/", true) => reply_in(ctx, req, page_reply(ctx, req)),
        ("/app.js", true) => Reply::new(200, "text/javascript; charset=utf-8", page::APP_JS),
        ("/favicon.ico", true) => Reply::new(204, TEXT, Vec::new()),
        ("/api/status", true) => status(ctx),
        ("/api/compare", true) => reply_in(ctx, req, compare_reply(ctx, req)),
        ("/api/sweep", true) => reply_in(
            ctx,
            req,
            sweep_reply(ctx, req).map_err(|e| e.name_range_in(&FIELDS, request_lang(ctx, req))),
        ),
        ("/api/breakeven", true) => reply_in(
            ctx,
            req,
            breakeven_reply(ctx, req).map_err(|e| e.name_range_in(&FIELDS, request_lang(ctx, req))),
        ),
        ("/api/view", true) => reply_in(ctx, req, view_reply(ctx, req)),
        ("/api/panel", true) => reply_in(ctx, req, panel_reply(ctx, req)),
        ("/api/scenario.toml", true) => reply_in(ctx, req, toml_reply(ctx, req)),
        ("/api/report.zip", true) => reply_in(ctx, req, zip_reply(ctx, req)),
        ("/api/optimize", true) => reply_in(ctx, req, optimize_reply(ctx, req)),
        ("/api/save", false) if req.method == "POST" => reply_in(ctx, req, save_reply(ctx, req)),
        ("/api/save", _) => Reply::text(
            405,
            crate::said!("error.serve.save_method").render(request_lang(ctx, req)),
        )
        .with("Allow", "POST".into()),
        (
            "/" | "/app.js" | "/api/status" | "/api/compare" | "/api/sweep" | "/api/breakeven"
            | "/api/view" | "/api/panel" | "/api/scenario.toml" | "/api/report.zip"
            | "/api/optimize",
            false,
        ) => Reply::text(
            405,
            crate::said!("error.serve.only_get", req.path).render(request_lang(ctx, req)),
        )
        .with("Allow", "GET".into()),
        _ => Reply::text(
            404,
            crate::said!("error.serve.not_found", req.path).render(request_lang(ctx, req)),
        ),
    }
}

fn lang_of(ctx: &Ctx, q: &Query) -> Result<Lang> {
    match q.get("lang") {
        None => Ok(ctx.default_lang),
        Some("en") => Ok(Lang::En),
        Some("ja") => Ok(Lang::Ja),
        Some(other) => Err(Error::Said(crate::said!("error.serve.lang", other))),
    }
}

/// The snapshot and the what-if scenario for the request's edits.
fn what_if(ctx: &Ctx, edits: &Edits) -> Result<(Arc<Snapshot>, super::state::WhatIf)> {
    let snap = ctx.live.good();
    let wi = snap.what_if(ctx.live.name(), edits)?;
    Ok((snap, wi))
}

fn page_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    // Only `lang` counts here: the what-if lives in the fragment, which the browser keeps.
    // `optimize=1` opens the page with the search of the link's what-if shown.
    let (lang, optimize) = match Query::parse(req.query, &["lang", "optimize"]) {
        Ok(q) => (lang_of(ctx, &q)?, flag("optimize", q.get("optimize"))?),
        Err(_) => (ctx.default_lang, false),
    };
    let snap = ctx.live.good();
    let st = ctx.live.status();
    let html = page::shell(
        &snap,
        &page::Shell {
            file: ctx.live.name(),
            lang,
            version: st.version,
            file_error: st.error.as_ref().map(|e| e.render(lang)).as_deref(),
            optimize,
        },
    )?;
    Ok(Reply::new(200, HTML, html))
}

fn status(ctx: &Ctx) -> Reply {
    let st = ctx.live.status();
    let doc = serde_json::json!({
        "schema": "archcost/serve-status/1",
        "file": ctx.live.name(),
        "version": st.version,
        "ok": st.error.is_none(),
        "error": st.error.as_ref().map(|e| e.to_string()),
    });
    Reply::new(200, JSON, format!("{doc}\n"))
}

fn compare_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    let q = Query::parse(req.query, &["lang"])?;
    lang_of(ctx, &q)?;
    let (snap, wi) = what_if(ctx, &q.edits)?;
    let rep = compare::evaluate(&wi.scenario, &snap.catalog)?;
    Ok(Reply::new(200, JSON, report::json::render(&rep)))
}

fn flag(name: &str, v: Option<&str>) -> Result<bool> {
    match v {
        None | Some("false") | Some("0") => Ok(false),
        Some("") | Some("true") | Some("1") => Ok(true),
        Some(other) => Err(Error::Said(crate::said!("error.serve.flag", name, other))),
    }
}

/// Field `name` of the query, or an error naming it with `hint` (an `error.serve.*_fields`
/// id: what the page's request takes).
fn required<'q>(q: &'q Query, name: &str, hint: &'static str) -> Result<&'q str> {
    q.get(name).ok_or_else(|| {
        Error::Said(crate::said!(
            "error.serve.missing",
            name,
            crate::said!(hint)
        ))
    })
}

fn sweep_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    let own = ["lang", "vary", "from", "to", "steps", "log", "format"];
    let q = Query::parse(req.query, &own)?;
    let vary = required(&q, "vary", "error.serve.sweep_fields")?;
    let from = parse_decimal("from", required(&q, "from", "error.serve.sweep_fields")?)?;
    let to = parse_decimal("to", required(&q, "to", "error.serve.sweep_fields")?)?;
    let steps = match q.get("steps") {
        None => 60,
        Some(t) => t
            .trim()
            .parse::<usize>()
            .map_err(|_| Error::Said(crate::said!("error.serve.steps_not_whole", t)))?,
    };
    if steps > MAX_SWEEP_STEPS {
        return Err(Error::Said(crate::said!(
            "error.serve.steps_too_many",
            steps,
            MAX_SWEEP_STEPS
        )));
    }
    let log = flag("log", q.get("log"))?;
    let csv = match q.get("format") {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => return Err(Error::Said(crate::said!("error.serve.sweep_format", other))),
    };
    let values = sweep::steps(from, to, steps, log)?;
    let (snap, wi) = what_if(ctx, &q.edits)?;
    let rows = sweep::sweep(&wi.scenario, &snap.catalog, vary, &values)?;
    Ok(if csv {
        Reply::new(
            200,
            "text/csv; charset=utf-8",
            report::sweep::csv(vary, &rows),
        )
    } else {
        Reply::new(200, JSON, report::sweep::json(vary, &rows))
    })
}

fn breakeven_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    let own = ["lang", "vary", "from", "to", "between"];
    let q = Query::parse(req.query, &own)?;
    let vary = required(&q, "vary", "error.serve.breakeven_fields")?;
    let (snap, wi) = what_if(ctx, &q.edits)?;
    let s = &wi.scenario;
    // The same range rules as `archcost breakeven`.
    let (from, to) = match (q.get("from"), q.get("to")) {
        (Some(a), Some(b)) => (parse_decimal("from", a)?, parse_decimal("to", b)?),
        (None, None) if vary.starts_with("workload.requests_per_") => {
            let v = sweep::current_value(s, vary).unwrap_or_default();
            if v <= Decimal::ZERO {
                (dec!(1), dec!(1_000_000_000_000))
            } else {
                ((v / dec!(1000)).max(dec!(0.001)), v * dec!(1000))
            }
        }
        _ => return Err(Error::Said(crate::said!("error.serve.no_range", vary))),
    };
    if from >= to {
        return Err(Error::Range(crate::range::RangeError::FromNotBelowTo {
            from,
            to,
        }));
    }
    let between = match q.get("between") {
        Some(text) => match text.split_once(',') {
            Some((a, b)) => Some((a.trim().to_string(), b.trim().to_string())),
            None => return Err(Error::Said(crate::said!("error.serve.between", text))),
        },
        None => None,
    };
    let crossings = breakeven::breakeven(s, &snap.catalog, vary, from, to, between)?;
    Ok(Reply::new(
        200,
        JSON,
        report::sweep::breakeven_json(vary, from, to, &crossings),
    ))
}

/// The optimize answer for a what-if (bounded by [`OPTIMIZE_BOUNDS`]); `None` without a search
/// table. Power Tuning files are read beside the served file.
fn optimize_of(
    ctx: &Ctx,
    wi: &super::state::WhatIf,
    catalog: &crate::pricing::Catalog,
) -> Result<Option<crate::optimize::OptimizeReport>> {
    crate::optimize::for_scenario(
        &wi.scenario,
        catalog,
        ctx.live.path(),
        &wi.text,
        Some(OPTIMIZE_BOUNDS),
    )
}

/// `GET /api/optimize`: `archcost optimize --format json` of the edited file (every
/// architecture, the default three alternatives), or with `format=html` the report's optimize
/// section in the request's language and the scenario's currency, for the page. Bounded by
/// [`OPTIMIZE_BOUNDS`]; an infeasible search is a 200 whose answer names what rules it out.
fn optimize_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    let q = Query::parse(req.query, &["lang", "format"])?;
    let lang = lang_of(ctx, &q)?;
    let html = match q.get("format") {
        None | Some("json") => false,
        Some("html") => true,
        Some(other) => {
            return Err(Error::Said(crate::said!(
                "error.serve.optimize_format",
                other
            )))
        }
    };
    let (snap, wi) = what_if(ctx, &q.edits)?;
    let r = crate::optimize::search_scenario(
        &wi.scenario,
        &snap.catalog,
        ctx.live.path(),
        &wi.text,
        Some(OPTIMIZE_BOUNDS),
    )?;
    Ok(if html {
        let d = report::display::Display::for_scenario(&wi.scenario, lang);
        Reply::new(200, HTML, report::optimize::html_section(&r, &d))
    } else {
        Reply::new(200, JSON, report::optimize::json(&r))
    })
}

fn view_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    let q = Query::parse(req.query, &["lang"])?;
    let lang = lang_of(ctx, &q)?;
    let (snap, wi) = what_if(ctx, &q.edits)?;
    let html = page::view(&snap, &wi.scenario, lang, !q.edits.is_empty())?;
    Ok(Reply::new(200, HTML, html))
}

fn panel_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    let q = Query::parse(req.query, &["lang"])?;
    let lang = lang_of(ctx, &q)?;
    let snap = ctx.live.good();
    Ok(Reply::new(
        200,
        HTML,
        super::controls::render(&snap.scenario, &snap.catalog, lang),
    ))
}

/// The scenario file's name (for downloads and the saved file's header).
fn file_name(ctx: &Ctx) -> String {
    ctx.live
        .path()
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario.toml".into())
}

fn stem(ctx: &Ctx) -> String {
    ctx.live
        .path()
        .file_stem()
        .map(|f| f.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "scenario".into())
}

/// The what-if as a scenario file: a header comment naming the changes, then the edited text.
fn what_if_file(ctx: &Ctx, edits: &Edits, text: &str) -> String {
    if edits.is_empty() {
        return text.to_string();
    }
    format!("{}{text}", save::header(&file_name(ctx), &edits.describe()))
}

/// `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266).
fn attachment(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        query::encode(name)
    )
}

fn toml_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    let q = Query::parse(req.query, &["lang"])?;
    let (_, wi) = what_if(ctx, &q.edits)?;
    let name = if q.edits.is_empty() {
        file_name(ctx)
    } else {
        format!("{}-what-if.toml", stem(ctx))
    };
    Ok(Reply::new(
        200,
        "application/toml; charset=utf-8",
        what_if_file(ctx, &q.edits, &wi.text),
    )
    .with("Content-Disposition", attachment(&name)))
}

/// Seconds since 1970 for the report stamp and the archive's times (`SOURCE_DATE_EPOCH` wins,
/// as for `archcost report`).
fn now_unix() -> Result<i64> {
    use crate::report::stamp;
    Ok(
        match stamp::source_date_epoch(std::env::var_os(stamp::SOURCE_DATE_EPOCH).as_deref())? {
            Some(secs) => secs,
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
        },
    )
}

fn zip_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    let q = Query::parse(req.query, &["lang"])?;
    let lang = lang_of(ctx, &q)?;
    let (snap, wi) = what_if(ctx, &q.edits)?;
    let folder = if q.edits.is_empty() {
        stem(ctx)
    } else {
        format!("{}-what-if", stem(ctx))
    };
    // `archcost report` writes the folder; it is built in a temporary directory and zipped.
    // The folder is stamped with the what-if file it puts beside the report.
    let toml_name = format!("{folder}.toml");
    let toml = what_if_file(ctx, &q.edits, &wi.text);
    let epoch = now_unix()?;
    let stamp = report::stamp::Stamp::new(&toml_name, toml.as_bytes(), epoch);
    let tmp = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let target = tmp.path().join("report");
    let optimized = optimize_of(ctx, &wi, &snap.catalog)?;
    let opts = report::folder::Options {
        lang,
        bom: false,
        optimize: optimized.as_ref(),
    };
    report::folder::write(&wi.scenario, &snap.catalog, &target, opts, Some(&stamp))?;
    let mut files = Vec::new();
    for f in opts.files() {
        let path = target.join(f);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        files.push((format!("{folder}/{f}"), bytes));
    }
    files.push((format!("{folder}/{toml_name}"), toml.into_bytes()));
    let zip = super::zip::build(&files, u64::try_from(epoch).unwrap_or(0))?;
    Ok(Reply::new(200, "application/zip", zip)
        .with("Content-Disposition", attachment(&format!("{folder}.zip"))))
}

/// `POST /api/save` `{"name": "peak", "values": {"workload.requests_per_month": "6e7"}}`:
/// writes `peak.toml` beside the scenario, never over an existing file.
fn save_reply(ctx: &Ctx, req: &Req) -> Result<Reply> {
    if !guard::same_origin(req.host, req.origin, req.fetch_site) {
        return Ok(Reply::text(
            403,
            format!(
                "refused: /api/save accepts only requests from the page itself (Origin `{}`, expected http://{})\n  hint: use the page's Save button; scripts may send `Origin: http://{}`",
                req.origin.unwrap_or("none"),
                req.host,
                req.host
            ),
        ));
    }
    let json = req.content_type.is_some_and(|c| {
        c.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .eq_ignore_ascii_case(JSON)
    });
    if !json {
        return Ok(Reply::text(
            415,
            "/api/save: expected Content-Type: application/json",
        ));
    }
    let doc: serde_json::Value = serde_json::from_slice(req.body)
        .map_err(|e| Error::Said(crate::said!("error.serve.save_not_json", e.to_string())))?;
    let name = doc
        .get("name")
        .and_then(|n| n.as_str())
        .ok_or_else(|| Error::Said(crate::said!("error.serve.save_no_name")))?;
    let mut edits = Edits::default();
    match doc.get("values") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::Object(map)) => {
            for (k, v) in map {
                let text = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Number(_) | serde_json::Value::Bool(_) => v.to_string(),
                    _ => return Err(Error::Said(crate::said!("error.serve.save_value_type", k))),
                };
                edits.set(k, &text)?;
            }
        }
        Some(_) => return Err(Error::Said(crate::said!("error.serve.save_values"))),
    }
    let file = save::file_name(name)?;
    let (snap, wi) = what_if(ctx, &edits)?;
    let text = format!(
        "{}{}",
        save::header(
            &file_name(ctx),
            &if edits.is_empty() {
                "no changes".to_string()
            } else {
                edits.describe()
            }
        ),
        wi.text
    );
    // The header is a comment; check the final text all the same before it lands on disk.
    let parsed = crate::scenario::parse_unchecked(&file, &text)?;
    crate::scenario::check(&file, &text, &parsed, &snap.catalog)?;
    let dir = crate::fsio::parent_dir(ctx.live.path());
    match save::write_new(&dir, &file, &text)? {
        save::Saved::Written(path) => {
            let doc = serde_json::json!({
                "saved": path.display().to_string(),
                "file": file,
                "from_last_good": ctx.live.stale(),
            });
            Ok(Reply::new(201, JSON, format!("{doc}\n")))
        }
        save::Saved::Exists(path) => Ok(Reply::text(
            409,
            crate::said!("error.serve.save_exists", path.display().to_string())
                .render(request_lang(ctx, req)),
        )),
    }
}
