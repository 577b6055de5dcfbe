//! `archcost serve`: a small synchronous HTTP server (tiny_http) for a review meeting — one page
//! of what-if controls beside the report, and a JSON API that prices the scenario with the
//! request's edits through the same engine and renderers as the CLI. Loopback only unless
//! `--host` says otherwise; the scenario file is watched and reloaded; Ctrl-C (or SIGTERM) stops
//! it cleanly.
mod api;
mod controls;
pub mod edit;
pub mod guard;
mod page;
pub mod query;
pub mod save;
mod state;
mod texts;
mod watch;
mod zip;

use crate::error::{Error, Result};
use crate::lang::Lang;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Threads answering requests (one slow download never blocks the page).
const WORKERS: usize = 4;

/// The address `--host` names: an IP address or `localhost`.
fn host_ip(host: &str) -> Result<IpAddr> {
    if host.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    host.trim_matches(|c| c == '[' || c == ']')
        .parse()
        .map_err(|_| {
            Error::Input(format!(
                "--host `{host}`: expected an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost"
            ))
        })
}

/// What to serve and where: plain values (the command layer maps its flags onto them).
pub struct Options {
    /// The scenario file (watched and reloaded).
    pub scenario: PathBuf,
    /// A catalog directory that beats the scenario's `assumptions.pricing`.
    pub pricing: Option<PathBuf>,
    /// An IP address or `localhost`.
    pub host: String,
    /// TCP port; 0 picks a free one.
    pub port: u16,
    /// Open the page in the default browser once listening.
    pub open: bool,
    /// Language of the page when the URL does not say.
    pub lang: Lang,
}

/// Serve until Ctrl-C / SIGTERM; 0 after a clean stop.
pub fn run(args: Options) -> Result<u8> {
    let ip = host_ip(&args.host)?;
    let live = Arc::new(state::Live::open(&args.scenario, args.pricing.clone())?);
    let listener = TcpListener::bind((ip, args.port)).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            "\n  hint: another program uses that port; choose one with --port, or --port 0 for any free port"
        } else {
            ""
        };
        Error::io(
            format!("{}:{}", args.host, args.port),
            std::io::Error::new(e.kind(), format!("cannot listen: {e}{hint}")),
        )
    })?;
    // Answers go out as headers then body: without TCP_NODELAY a keep-alive connection (every
    // browser's) waits ~40 ms per request for the client's delayed ACK. Accepted connections
    // inherit the option from the listening socket.
    if let Err(e) = socket2::SockRef::from(&listener).set_tcp_nodelay(true) {
        eprintln!("archcost serve: could not set TCP_NODELAY ({e}); answers may be slower");
    }
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io(args.host.clone(), e))?;
    let bound = guard::Bound(addr);
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Error::io(addr.to_string(), std::io::Error::other(e.to_string())))?;
    let server = Arc::new(server);

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))
            .map_err(|e| Error::io("signal handler", std::io::Error::other(e.to_string())))?;
    }
    let watcher =
        watch::spawn(live.clone(), stop.clone()).map_err(|e| Error::io("watcher thread", e))?;

    let url = bound.url();
    if !ip.is_loopback() {
        eprintln!(
            "warning: listening on {addr}, not only on this machine: anyone who can reach it can read the scenario and save files beside it; use the default --host 127.0.0.1 unless the room needs it"
        );
    }
    let name = live.good().scenario.name.clone();
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "archcost serve: {name} ({}) at {url}\nwatching {} for changes; Ctrl-C stops",
            live.name(),
            live.name()
        );
        let _ = out.flush();
    }
    if args.open {
        open_browser(&url);
    }

    let ctx = Arc::new(api::Ctx {
        live,
        bound,
        default_lang: args.lang,
    });
    let workers: Vec<_> = (0..WORKERS)
        .filter_map(|n| {
            let (server, stop, ctx) = (server.clone(), stop.clone(), ctx.clone());
            std::thread::Builder::new()
                .name(format!("archcost-http-{n}"))
                .spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        match server.recv_timeout(Duration::from_millis(200)) {
                            Ok(Some(rq)) => handle(&ctx, rq),
                            Ok(None) => {}
                            Err(e) => {
                                eprintln!("archcost serve: {e}");
                                std::thread::sleep(Duration::from_millis(200));
                            }
                        }
                    }
                })
                .ok()
        })
        .collect();
    if workers.is_empty() {
        return Err(Error::io(
            "worker threads",
            std::io::Error::other("no thread could be started"),
        ));
    }
    for w in workers {
        let _ = w.join();
    }
    let _ = watcher.join();
    println!("archcost serve: stopped");
    Ok(0)
}

fn header<'r>(rq: &'r tiny_http::Request, name: &'static str) -> Option<&'r str> {
    rq.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// Check, read, route and answer one request; nothing a client sends can panic the server
/// (a handler that fails anyway answers 500 and the server keeps serving).
fn handle(ctx: &api::Ctx, mut rq: tiny_http::Request) {
    let reply = (|| {
        let url = rq.url().to_string();
        if url.len() > guard::MAX_URL_BYTES {
            return api::Reply::text(
                414,
                format!(
                    "the request target is longer than {} bytes",
                    guard::MAX_URL_BYTES
                ),
            );
        }
        let host = header(&rq, "Host").unwrap_or("").to_string();
        if !ctx.bound.host_ok(&host) {
            return api::Reply::text(
                403,
                format!(
                    "refused: Host `{host}` is not this server\n  hint: open {} (archcost serve answers only to its own address or localhost, against DNS rebinding)",
                    ctx.bound.url()
                ),
            );
        }
        let method = rq.method().as_str().to_string();
        let mut body = Vec::new();
        if method == "POST" {
            if rq.body_length().is_some_and(|n| n > guard::MAX_BODY_BYTES) {
                return too_large();
            }
            let limit = guard::MAX_BODY_BYTES as u64 + 1;
            if rq.as_reader().take(limit).read_to_end(&mut body).is_err() {
                return api::Reply::text(400, "the request body could not be read");
            }
            if body.len() > guard::MAX_BODY_BYTES {
                return too_large();
            }
        }
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let origin = header(&rq, "Origin").map(str::to_string);
        let fetch_site = header(&rq, "Sec-Fetch-Site").map(str::to_string);
        let content_type = header(&rq, "Content-Type").map(str::to_string);
        let req = api::Req {
            method: &method,
            path,
            query,
            host: &host,
            origin: origin.as_deref(),
            fetch_site: fetch_site.as_deref(),
            content_type: content_type.as_deref(),
            body: &body,
        };
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| api::route(ctx, &req)))
            .unwrap_or_else(|_| {
                api::Reply::text(
                    500,
                    "internal error while answering this request (the server keeps serving); please report it with the URL",
                )
            })
    })();
    let _ = rq.respond(to_response(ctx, reply));
}

fn too_large() -> api::Reply {
    api::Reply::text(
        413,
        format!(
            "the request body is larger than {} bytes",
            guard::MAX_BODY_BYTES
        ),
    )
}

fn to_response(ctx: &api::Ctx, reply: api::Reply) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    // Bodies are built whole: always a Content-Length, never chunked.
    let mut r = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_chunked_threshold(usize::MAX);
    let csp = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    let stale = if ctx.live.stale() { "1" } else { "0" };
    let version = ctx.live.status().version.to_string();
    let mut headers: Vec<(&str, String)> = vec![
        ("Content-Type", reply.content_type.to_string()),
        ("Cache-Control", "no-store".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "no-referrer".into()),
        ("X-Frame-Options", "DENY".into()),
        ("Content-Security-Policy", csp.into()),
        // 1 while the file on disk does not validate: the answer comes from the last good version.
        ("X-Archcost-Stale", stale.into()),
        ("X-Archcost-Version", version),
    ];
    headers.extend(reply.headers);
    for (name, value) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            r.add_header(h);
        }
    }
    r
}

/// Open `url` in the default browser (best effort; the URL is printed either way).
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Err(e) = cmd.spawn() {
        eprintln!("archcost serve: could not open a browser ({e}); open {url} yourself");
    }
}
