//! The HTTP/1.1 server under `serve` (hyper on a one-thread tokio runtime): every part of a
//! request a client controls is bounded before it is buffered — request line and headers in bytes
//! and in count (431), the body (413), how long the head may take and how long a kept-alive
//! connection may sit idle (closed), how long a body upload or a stalled reader may take, and
//! how many connections are open at once (503 beyond the cap). Pricing runs on a fixed pool of
//! blocking threads, so a slow report never stalls the connections.
use super::api;
use super::guard;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::sync::{Notify, Semaphore};

/// What the server allows each client (README, "Live review", lists the defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Request line plus headers, in bytes (more: 431).
    pub max_head_bytes: usize,
    /// Header lines (more: 431).
    pub max_headers: usize,
    /// A request head must arrive whole within this time after the connection opens or the
    /// previous answer went out (so it is also the idle keep-alive timeout); else closed.
    pub head_timeout: Duration,
    /// A request body must arrive whole within this time after its head (else 408), and an
    /// answer must not sit unread by the client longer than this (else closed).
    pub body_timeout: Duration,
    /// Connections open at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// Threads that price requests (the async side is one more thread).
    pub workers: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_head_bytes: 16 * 1024,
            max_headers: 100,
            head_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_connections: 64,
            workers: 4,
        }
    }
}

/// The environment variable that overrides [`Limits`] (for tests that need short timeouts or a
/// small cap): `head_timeout_ms=300,max_connections=2` (keys are the field names; times in ms).
pub const LIMITS_ENV: &str = "ARCHCOST_SERVE_LIMITS";

impl Limits {
    /// The defaults with the overrides in `spec` (see [`LIMITS_ENV`]).
    pub fn parse(spec: &str) -> Result<Limits, String> {
        let mut l = Limits::default();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (key, value) = item
                .split_once('=')
                .ok_or_else(|| format!("`{item}`: expected KEY=NUMBER"))?;
            let n: u64 = value
                .trim()
                .parse()
                .map_err(|_| format!("`{item}`: expected a whole number"))?;
            let size = || usize::try_from(n).map_err(|_| format!("`{item}`: too large"));
            match key.trim() {
                "max_head_bytes" => l.max_head_bytes = size()?,
                "max_headers" => l.max_headers = size()?,
                "head_timeout_ms" => l.head_timeout = Duration::from_millis(n),
                "body_timeout_ms" => l.body_timeout = Duration::from_millis(n),
                "max_connections" => l.max_connections = size()?,
                "workers" => l.workers = size()?,
                other => return Err(format!("unknown key `{other}`")),
            }
        }
        if l.max_connections == 0 || l.workers == 0 || l.max_headers == 0 {
            return Err("max_connections, workers and max_headers must be at least 1".into());
        }
        if l.head_timeout.is_zero() || l.body_timeout.is_zero() {
            return Err("timeouts must be longer than 0 ms".into());
        }
        Ok(l)
    }

    /// hyper's read buffer: room for a whole head (at least its 8 KiB minimum).
    fn read_buffer_bytes(&self) -> usize {
        self.max_head_bytes.saturating_add(1024).max(8 * 1024)
    }
}

/// Connections being turned away at once (each gets its 503 and a short drain); beyond this a
/// refused connection is simply closed.
const MAX_REFUSING: usize = 16;

/// Serve `listener` until `stop` is notified; then close idle connections, let answers in
/// flight finish (for up to `head_timeout`), and return.
pub fn serve(
    listener: std::net::TcpListener,
    ctx: Arc<api::Ctx>,
    limits: Limits,
    stop: Arc<Notify>,
) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(limits.workers)
        .thread_name("archcost-http")
        .build()?;
    listener.set_nonblocking(true)?;
    let result = rt.block_on(accept_loop(listener, ctx, limits.clone(), stop));
    rt.shutdown_timeout(limits.head_timeout);
    result
}

async fn accept_loop(
    listener: std::net::TcpListener,
    ctx: Arc<api::Ctx>,
    limits: Limits,
    stop: Arc<Notify>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let refusing = Arc::new(Semaphore::new(MAX_REFUSING));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head_timeout)
        .max_headers(limits.max_headers)
        .max_header_size(limits.max_head_bytes)
        .max_buf_size(limits.read_buffer_bytes());
    let limits = Arc::new(limits);
    let stopped = stop.notified();
    tokio::pin!(stopped);
    loop {
        // Whichever comes first: a stop request or a connection.
        let accepted = std::future::poll_fn(|cx| {
            if stopped.as_mut().poll(cx).is_ready() {
                return Poll::Ready(None);
            }
            listener.poll_accept(cx).map(Some)
        })
        .await;
        let stream = match accepted {
            None => break,
            Some(Ok((stream, _))) => stream,
            Some(Err(e)) => {
                // Out of file descriptors and the like: wait instead of spinning.
                (ctx.events)(super::events::Event::AcceptFailed {
                    error: e.to_string(),
                });
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Answers go out as headers then body; without TCP_NODELAY a keep-alive connection
        // waits ~40 ms per request for the client's delayed ACK.
        let _ = stream.set_nodelay(true);
        let Ok(slot) = open.clone().try_acquire_owned() else {
            if let Ok(turn) = refusing.clone().try_acquire_owned() {
                let max = limits.max_connections;
                tokio::spawn(async move {
                    refuse(stream, max).await;
                    drop(turn);
                });
            }
            continue;
        };
        let io = TokioIo::new(Stalls::new(stream, limits.body_timeout));
        let (ctx, lim) = (ctx.clone(), limits.clone());
        let service = hyper::service::service_fn(move |rq| answer(ctx.clone(), lim.clone(), rq));
        let conn = graceful.watch(builder.serve_connection(io, service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(limits.head_timeout, graceful.shutdown()).await;
    Ok(())
}

/// The answer to a connection over the cap: 503 with the reason, then a short drain of what the
/// client already sent (closing with unread bytes would reset the connection and could lose
/// the answer).
async fn refuse(mut stream: tokio::net::TcpStream, max_connections: usize) {
    let body = format!(
        "refused: {max_connections} connections are already open to archcost serve\n  hint: close other tabs or clients, then retry\n"
    );
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\nRetry-After: 1\r\nCache-Control: no-store\r\n\r\n",
        body.len()
    );
    let wait = Duration::from_secs(1);
    let sent = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await
    };
    if !matches!(tokio::time::timeout(wait, sent).await, Ok(Ok(()))) {
        return;
    }
    let drain = async {
        let mut buf = [0u8; 4096];
        let mut total = 0usize;
        while total < 64 * 1024 {
            match tokio::io::AsyncReadExt::read(&mut stream, &mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => total += n,
            }
        }
    };
    let _ = tokio::time::timeout(wait, drain).await;
}

fn header<'r>(rq: &'r Request<Incoming>, name: &str) -> Option<&'r str> {
    rq.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Check, read, route and answer one request; nothing a client sends can panic the server
/// (a handler that fails anyway answers 500 and the server keeps serving).
async fn answer(
    ctx: Arc<api::Ctx>,
    limits: Arc<Limits>,
    rq: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let reply = match read(&ctx, &limits, rq).await {
        Err(early) => early,
        Ok(parts) => {
            let ctx2 = ctx.clone();
            let routed = tokio::task::spawn_blocking(move || {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| route(&ctx2, &parts))).ok()
            })
            .await;
            match routed {
                Ok(Some(reply)) => reply,
                _ => api::Reply::text(
                    500,
                    "internal error while answering this request (the server keeps serving); please report it with the URL",
                ),
            }
        }
    };
    Ok(to_response(&ctx, reply))
}

/// A request read whole (within the bounds), owned so it can move to a pricing thread.
struct Parts {
    method: String,
    path: String,
    query: String,
    host: String,
    origin: Option<String>,
    fetch_site: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn route(ctx: &api::Ctx, p: &Parts) -> api::Reply {
    api::route(
        ctx,
        &api::Req {
            method: &p.method,
            path: &p.path,
            query: &p.query,
            host: &p.host,
            origin: p.origin.as_deref(),
            fetch_site: p.fetch_site.as_deref(),
            content_type: p.content_type.as_deref(),
            body: &p.body,
        },
    )
}

/// The request's target, Host check and body; Err is the answer when one of them is refused.
async fn read(ctx: &api::Ctx, limits: &Limits, rq: Request<Incoming>) -> Result<Parts, api::Reply> {
    let target = rq
        .uri()
        .path_and_query()
        .map_or("/", |pq| pq.as_str())
        .to_string();
    if target.len() > guard::MAX_URL_BYTES {
        return Err(api::Reply::text(
            414,
            format!(
                "the request target is longer than {} bytes",
                guard::MAX_URL_BYTES
            ),
        ));
    }
    let host = header(&rq, "Host").unwrap_or("").to_string();
    if !ctx.bound.host_ok(&host) {
        return Err(api::Reply::text(
            403,
            format!(
                "refused: Host `{host}` is not this server\n  hint: open {} (archcost serve answers only to its own address or localhost, against DNS rebinding)",
                ctx.bound.url()
            ),
        ));
    }
    let method = rq.method().as_str().to_string();
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    let origin = header(&rq, "Origin").map(str::to_string);
    let fetch_site = header(&rq, "Sec-Fetch-Site").map(str::to_string);
    let content_type = header(&rq, "Content-Type").map(str::to_string);
    let mut body = Vec::new();
    if method == "POST" {
        let declared = header(&rq, "Content-Length").and_then(|n| n.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > guard::MAX_BODY_BYTES as u64) {
            return Err(too_large());
        }
        let limited = Limited::new(rq.into_body(), guard::MAX_BODY_BYTES);
        match tokio::time::timeout(limits.body_timeout, limited.collect()).await {
            Ok(Ok(collected)) => body = collected.to_bytes().to_vec(),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => return Err(too_large()),
            Ok(Err(_)) => {
                return Err(api::Reply::text(400, "the request body could not be read"));
            }
            Err(_) => {
                return Err(api::Reply::text(
                    408,
                    format!(
                        "the request body did not arrive within {} ms",
                        limits.body_timeout.as_millis()
                    ),
                )
                .closing());
            }
        }
    }
    Ok(Parts {
        method,
        path,
        query,
        host,
        origin,
        fetch_site,
        content_type,
        body,
    })
}

fn too_large() -> api::Reply {
    api::Reply::text(
        413,
        format!(
            "the request body is larger than {} bytes",
            guard::MAX_BODY_BYTES
        ),
    )
    .closing()
}

fn to_response(ctx: &api::Ctx, reply: api::Reply) -> Response<Full<Bytes>> {
    let csp = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    let stale = if ctx.live.stale() { "1" } else { "0" };
    let version = ctx.live.status().version.to_string();
    // Bodies are built whole: hyper sends a Content-Length, never chunks.
    let mut r = Response::builder().status(reply.status);
    let fixed: [(&str, &str); 8] = [
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Content-Security-Policy", csp),
        // 1 while the file on disk does not validate: the answer comes from the last good one.
        ("X-Archcost-Stale", stale),
        ("X-Archcost-Version", &version),
    ];
    for (name, value) in fixed {
        r = r.header(name, value);
    }
    for (name, value) in &reply.headers {
        if hyper::header::HeaderValue::from_str(value).is_ok() {
            r = r.header(*name, value.as_str());
        }
    }
    r.body(Full::new(Bytes::from(reply.body)))
        .unwrap_or_else(|_| {
            let mut fallback = Response::new(Full::new(Bytes::from_static(
                b"internal error: the answer's headers were invalid\n",
            )));
            *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}

/// A connection whose writes may not stall: a client that stops reading its answer for longer
/// than `limit` gets its connection closed (reads are bounded by hyper's head timeout and the
/// body timeout above).
struct Stalls {
    inner: tokio::net::TcpStream,
    limit: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Stalls {
    fn new(inner: tokio::net::TcpStream, limit: Duration) -> Stalls {
        Stalls {
            inner,
            limit,
            stalled: None,
        }
    }

    /// After a write that could not proceed: Err once the stall has lasted `limit`.
    fn check(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let limit = self.limit;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client stopped reading its answer",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Stalls {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Stalls {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => self.check(cx).map(|r| r.and(Ok(0))),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => self.check(cx).map(|r| r.and(Ok(0))),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse_overrides_and_refuse_nonsense() {
        let l = Limits::parse("head_timeout_ms=300, max_connections=2").unwrap();
        assert_eq!(l.head_timeout, Duration::from_millis(300));
        assert_eq!(l.max_connections, 2);
        assert_eq!(l.max_head_bytes, 16 * 1024);
        assert_eq!(Limits::parse("").unwrap(), Limits::default());
        for bad in ["workers=0", "nope=1", "max_headers", "head_timeout_ms=-1"] {
            assert!(Limits::parse(bad).is_err(), "{bad}");
        }
        assert!(Limits::default().read_buffer_bytes() >= 8 * 1024);
    }
}
