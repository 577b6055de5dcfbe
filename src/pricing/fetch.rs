//! `pricing fetch`: service index → offer region index → regional `index.csv`, streamed over
//! HTTPS into the offer importer, with timeouts, bounded retries, a size cap and a progress
//! bar; the catalog directory is replaced only when every offer was read completely. Its
//! errors and warnings are typed (`problem::Problem`, [`Event`]): the command words and prints
//! them; only the progress bar is drawn here, on standard error when it is a terminal.
use super::offer::{self, mapping, Imported, Metadata, RegionFilter};
use super::problem::{HostRefused, Problem, Why};
use crate::error::{Error, Result};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;
// Time formatting is a leaf reports share; named here for existing callers.
pub use crate::date::{now_rfc3339, rfc3339_from_epoch};

pub const DEFAULT_BASE_URL: &str = "https://pricing.us-east-1.amazonaws.com";
const INDEX_PATH: &str = "/offers/v1.0/aws/index.json";
/// Index files are small (the service index is ~90 KB); anything far larger is not one.
const MAX_INDEX_BYTES: u64 = 64 << 20;

/// What to fetch and where to put it.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub regions: Vec<String>,
    /// Offer codes or short names; `None` = every offer the catalog uses.
    pub services: Option<Vec<String>>,
    pub base_url: Option<String>,
    pub out: Option<PathBuf>,
    /// Total deadline for the whole fetch.
    pub timeout: Duration,
    /// Hosts besides the base URL's that index files may point to.
    pub allow_hosts: Vec<String>,
}

/// Default total deadline of a fetch (`--timeout`).
pub const DEFAULT_TIMEOUT_S: u64 = 15 * 60;

/// Network settings, from the environment so tests can make them small.
#[derive(Debug, Clone)]
struct Settings {
    retries: u32,
    backoff: Duration,
    connect_timeout: Duration,
    read_timeout: Duration,
    max_bytes: u64,
    /// Slowest acceptable transfer: below `min_rate` bytes/s over a `rate_window`, give up.
    min_rate: u64,
    rate_window: Duration,
}

fn env_u64(name: &str, default: u64) -> Result<u64> {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().map_err(|_| {
            Error::Input(format!(
                "environment variable {name}=`{v}`: expected a whole number"
            ))
        }),
        Err(_) => Ok(default),
    }
}

impl Settings {
    fn from_env() -> Result<Settings> {
        Ok(Settings {
            retries: env_u64("ARCHCOST_FETCH_RETRIES", 3)?.min(20) as u32,
            backoff: Duration::from_millis(env_u64("ARCHCOST_FETCH_BACKOFF_MS", 1000)?),
            connect_timeout: Duration::from_millis(env_u64(
                "ARCHCOST_FETCH_CONNECT_TIMEOUT_MS",
                10_000,
            )?),
            read_timeout: Duration::from_millis(env_u64("ARCHCOST_FETCH_TIMEOUT_MS", 60_000)?),
            max_bytes: env_u64("ARCHCOST_FETCH_MAX_BYTES", 16 << 30)?,
            min_rate: env_u64("ARCHCOST_FETCH_MIN_RATE", 1024)?,
            rate_window: Duration::from_millis(env_u64("ARCHCOST_FETCH_RATE_WINDOW_MS", 30_000)?),
        })
    }
}

/// The user's cache directory for fetched catalogs.
pub fn default_out_dir() -> Result<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(x).join("archcost").join("pricing"));
    }
    if let Some(h) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(h)
            .join(".cache")
            .join("archcost")
            .join("pricing"));
    }
    Err(Problem::NoCacheDir.into())
}

/// The Savings Plan offer fetched beside the service offers (`--services savingsplan`): its
/// rates for EC2, Fargate and Lambda go to `commitments.csv`.
pub const COMPUTE_SAVINGS_PLAN: &str = "AWSComputeSavingsPlan";
/// Its region index when the service index does not name one.
const COMPUTE_SP_REGION_INDEX: &str =
    "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json";

/// Offer code for a service name given to `--services`.
pub fn offer_code(name: &str) -> Result<&'static str> {
    let n = name.trim().to_ascii_lowercase();
    if let Some(code) = mapping::OFFERS.iter().find(|c| c.to_ascii_lowercase() == n) {
        return Ok(code);
    }
    let code = match n.as_str() {
        "savingsplan"
        | "savingsplans"
        | "savings-plan"
        | "savings-plans"
        | "sp"
        | "compute-savings-plan"
        | "awscomputesavingsplan" => COMPUTE_SAVINGS_PLAN,
        "lambda" => "AWSLambda",
        "ecs" | "fargate" => "AmazonECS",
        "apigw" | "apigateway" | "api-gateway" => "AmazonApiGateway",
        "dynamodb" => "AmazonDynamoDB",
        "ec2" | "ebs" | "nat" => "AmazonEC2",
        "rds" => "AmazonRDS",
        "elb" | "alb" => "AWSELB",
        "ecr" => "AmazonECR",
        "eks" => "AmazonEKS",
        "datatransfer" | "data-transfer" | "data_transfer" => "AWSDataTransfer",
        "vpc" | "vpce" => "AmazonVPC",
        "waf" => "awswaf",
        _ => {
            return Err(Problem::UnknownService {
                name: name.to_string(),
            }
            .into())
        }
    };
    Ok(code)
}

/// The base URL, checked: https, or plain http only to a loopback host (tests).
#[derive(Debug, Clone)]
struct Base {
    /// Without a trailing slash; may hold credentials (used for requests only).
    url: String,
    /// The same with any `user:password@` removed: the only form shown or written.
    shown: String,
    host: String,
    loopback: bool,
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or("");
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A URL with its `user:password@` part removed, for messages and metadata. Text that does not
/// parse as a URL with a host loses everything between `scheme://` (or its start) and its last `@`, so a
/// password in a malformed URL is never shown either.
pub fn redact(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) if u.has_host() && (!u.username().is_empty() || u.password().is_some()) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string().trim_end_matches('/').to_string()
        }
        Ok(u) if u.has_host() => url.to_string(),
        // Not a URL, or one without a host (`alice:secret@host` parses as scheme `alice`).
        _ => {
            let (scheme, rest) = match url.find("://") {
                Some(at) => url.split_at(at + 3),
                None => ("", url),
            };
            match rest.rfind('@') {
                Some(at) => format!("{scheme}{}", &rest[at + 1..]),
                None => url.to_string(),
            }
        }
    }
}

fn check_base(base: &str) -> Result<Base> {
    let url = reqwest::Url::parse(base).map_err(|e| {
        Error::Input(format!(
            "pricing base URL `{}` is not a URL: {e}\n  hint: e.g. {DEFAULT_BASE_URL}",
            redact(base)
        ))
    })?;
    check_scheme(&url, is_loopback(&url)).map_err(Error::Input)?;
    let trimmed = base.trim_end_matches('/').to_string();
    Ok(Base {
        shown: redact(&trimmed),
        url: trimmed,
        host: url.host_str().unwrap_or("").to_ascii_lowercase(),
        loopback: is_loopback(&url),
    })
}

/// https anywhere; plain http only to loopback, and only when the base itself is loopback.
fn check_scheme(url: &reqwest::Url, base_loopback: bool) -> std::result::Result<(), String> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if base_loopback && is_loopback(url) => Ok(()),
        s => Err(format!(
            "pricing URL `{}`: scheme `{s}` is not allowed; prices are fetched over https (plain http only between loopback addresses, for tests)",
            redact(url.as_str())
        )),
    }
}

/// The host rule: a URL may name the base URL's host or one of the allowed hosts; Err is why
/// not. Loopback names are not interchangeable (`localhost` is not `127.0.0.1`, nor is
/// `127.0.0.2`): each is a host of its own.
fn check_host(
    url: &reqwest::Url,
    base_host: &str,
    allow_hosts: &[String],
) -> std::result::Result<(), HostRefused> {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    if host == base_host || allow_hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) {
        return Ok(());
    }
    Err(HostRefused {
        url: redact(url.as_str()),
        host,
        base_host: base_host.to_string(),
    })
}

/// Turn a path from an index file into a full URL: resolved against the base, and refused
/// when it leaves the base's host (unless the host is allowed) or its scheme rules.
fn resolve(base: &Base, allow_hosts: &[String], path: &str) -> Result<String> {
    let root = reqwest::Url::parse(&format!("{}/", base.url))
        .map_err(|e| Error::Network(format!("the base URL is not a URL: {e}")))?;
    let url = root.join(path).map_err(|e| {
        Error::Network(format!(
            "the index names `{}`, not a URL: {e}",
            redact(path)
        ))
    })?;
    check_host(&url, &base.host, allow_hosts).map_err(Problem::IndexPointsElsewhere)?;
    check_scheme(&url, base.loopback).map_err(Error::Network)?;
    Ok(url.to_string())
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        let t = s.to_string();
        if !msg.contains(&t) {
            msg.push_str(": ");
            msg.push_str(&t);
        }
        src = s.source();
    }
    msg
}

/// A redirect to a refused host, found in the HTTP client's error: the client's words before
/// the refusal, and the refusal.
fn refused_redirect(e: &reqwest::Error) -> Option<(String, HostRefused)> {
    let mut before = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        if let Some(refused) = s.downcast_ref::<HostRefused>() {
            return Some((before, refused.clone()));
        }
        let t = s.to_string();
        if !before.contains(&t) {
            before.push_str(": ");
            before.push_str(&t);
        }
        src = s.source();
    }
    None
}

/// What a fetch reports while it runs, for the command to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// An attempt failed; it is tried again (the `retry`th time) after `delay`.
    Retry {
        error: &'a Error,
        retry: u32,
        delay: Duration,
    },
    /// Part of the default set was not found and is skipped (`what` names it).
    Skipped(String),
    /// The Savings Plan rates (part of the default set) could not be fetched and are skipped.
    SavingsPlanSkipped(&'a Error),
    /// One line of the import's warnings (`offer::warning_lines`).
    Warning(&'a str),
}

/// One attempt's failure: whether trying again could help.
struct Failure {
    retry: bool,
    error: Error,
}

struct Fetcher<'r> {
    client: reqwest::blocking::Client,
    /// Where the fetch's warnings go (the command prints them).
    report: &'r dyn Fn(Event<'_>),
    settings: Settings,
    out_dir: PathBuf,
    /// The whole fetch ends by this instant (`FetchOptions::timeout`).
    deadline: std::time::Instant,
    timeout: Duration,
    /// Credentials in the base URL (`user:password@`), scrubbed from every message.
    secret: Option<String>,
    /// The password as written in the URL and decoded (only those of 4 characters or more:
    /// replacing a shorter one everywhere would garble messages, and the URL form is removed
    /// whole above).
    passwords: Vec<String>,
}

impl Fetcher<'_> {
    fn net(&self, url: &str, what: String) -> Error {
        self.unreachable(url, Why::Said(what))
    }

    /// `url` could not be read, for `why`; credentials scrubbed from every part.
    fn unreachable(&self, url: &str, why: Why) -> Error {
        let why = match why {
            Why::Said(text) => Why::Said(self.scrub(&text)),
            Why::Redirect { before, refused } => Why::Redirect {
                before: self.scrub(&before),
                refused: HostRefused {
                    url: self.scrub(&refused.url),
                    ..refused
                },
            },
            deadline => deadline,
        };
        Problem::Unreachable {
            url: self.scrub(&redact(url)),
            why,
            dir: self.out_dir.clone(),
        }
        .into()
    }

    /// Remove the base URL's credentials from a message (reqwest errors quote the URL): the
    /// `user:password@` part, and the password alone wherever else it appears.
    fn scrub(&self, msg: &str) -> String {
        let mut out = msg.to_string();
        if let Some(secret) = &self.secret {
            out = out.replace(secret.as_str(), "");
        }
        for password in &self.passwords {
            out = out.replace(password.as_str(), "***");
        }
        out
    }

    fn remaining(&self) -> std::result::Result<Duration, Failure> {
        let left = self
            .deadline
            .saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(Failure {
                retry: false,
                error: Problem::Deadline {
                    timeout_s: self.timeout.as_secs(),
                    dir: self.out_dir.clone(),
                }
                .into(),
            });
        }
        Ok(left)
    }

    fn send(&self, url: &str) -> std::result::Result<reqwest::blocking::Response, Failure> {
        let left = self.remaining()?;
        let resp = self
            .client
            .get(url)
            .timeout(left.min(self.settings.read_timeout))
            .send()
            .map_err(|e| match self.remaining() {
                Err(past) if e.is_timeout() => past,
                _ => Failure {
                    retry: true,
                    error: match refused_redirect(&e) {
                        Some((before, refused)) => {
                            self.unreachable(url, Why::Redirect { before, refused })
                        }
                        None if e.is_timeout() => {
                            self.net(url, format!("timed out ({})", chain(&e)))
                        }
                        None => self.net(url, chain(&e)),
                    },
                },
            })?;
        let status = resp.status();
        if !status.is_success() {
            return Err(Failure {
                retry: status.is_server_error() || status.as_u16() == 429,
                error: self.net(url, format!("HTTP {status}")),
            });
        }
        Ok(resp)
    }

    /// Run `attempt` up to 1 + retries times with doubling backoff.
    fn with_retries<T>(
        &self,
        mut attempt: impl FnMut() -> std::result::Result<T, Failure>,
    ) -> Result<T> {
        let mut delay = self.settings.backoff;
        let mut tries = 0;
        loop {
            match attempt() {
                Ok(v) => return Ok(v),
                Err(f) if f.retry && tries < self.settings.retries && self.remaining().is_ok() => {
                    tries += 1;
                    (self.report)(Event::Retry {
                        error: &f.error,
                        retry: tries,
                        delay,
                    });
                    std::thread::sleep(delay);
                    delay = delay.saturating_mul(2);
                }
                Err(f) => return Err(f.error),
            }
        }
    }

    /// A small JSON index file.
    fn get_json(&self, url: &str) -> Result<serde_json::Value> {
        let bytes = self.with_retries(|| {
            let resp = self.send(url)?;
            let mut body = Vec::new();
            let mut limited = self
                .paced(resp, None, indicatif::ProgressBar::hidden())
                .take(MAX_INDEX_BYTES + 1);
            limited
                .read_to_end(&mut body)
                .map_err(|e| match limited.get_mut().failed.take() {
                    // The whole fetch's deadline passed: trying again cannot help.
                    Some(why @ Why::DeadlineInFile { .. }) => Failure {
                        retry: false,
                        error: self.unreachable(url, why),
                    },
                    _ => Failure {
                        retry: true,
                        error: self.net(url, format!("reading the response failed: {}", chain(&e))),
                    },
                })?;
            if body.len() as u64 > MAX_INDEX_BYTES {
                return Err(Failure {
                    retry: false,
                    error: self.net(
                        url,
                        format!("the index is larger than {MAX_INDEX_BYTES} bytes"),
                    ),
                });
            }
            Ok(body)
        })?;
        serde_json::from_slice(&bytes).map_err(|e| {
            self.net(
                url,
                format!("the response is not a Price List index (malformed JSON: {e})"),
            )
        })
    }

    /// Stream one regional CSV offer file into the importer.
    fn get_offer(&self, url: &str, name: &str, region: &str) -> Result<Imported> {
        let filter = RegionFilter(std::iter::once(region.to_string()).collect());
        self.with_retries(|| {
            let resp = self.send(url)?;
            let total = resp.content_length();
            if let Some(len) = total.filter(|l| *l > self.settings.max_bytes) {
                return Err(Failure {
                    retry: false,
                    error: self.net(
                        url,
                        format!(
                            "the file is {len} bytes, above the {} byte cap (ARCHCOST_FETCH_MAX_BYTES)",
                            self.settings.max_bytes
                        ),
                    ),
                });
            }
            let bar = progress_bar(total, name);
            let mut reader = self.paced(resp, total, bar.clone());
            let result = offer::import_reader(name, &mut reader, &filter);
            bar.finish_and_clear();
            match (result, reader.failed.take()) {
                (Ok(imp), None) => Ok(imp),
                (_, Some(why)) => Err(Failure {
                    retry: match &why {
                        Why::Said(msg) => !(msg.contains("byte cap") || msg.contains("too slow")),
                        Why::DeadlineInFile { .. } => false,
                        Why::Redirect { .. } => true,
                    },
                    error: self.unreachable(url, why),
                }),
                (Err(Error::Io { source, .. }), None) => Err(Failure {
                    retry: true,
                    error: self.net(url, format!("reading the response failed: {source}")),
                }),
                (Err(e), None) => Err(Failure {
                    retry: false,
                    error: self.net(url, format!("the offer file is not usable: {e}")),
                }),
            }
        })
    }
}

impl Fetcher<'_> {
    /// Wrap a response body: byte counting, size cap, total deadline and minimum rate.
    fn paced<R: Read>(
        &self,
        inner: R,
        expected: Option<u64>,
        bar: indicatif::ProgressBar,
    ) -> Counting<R> {
        let now = std::time::Instant::now();
        Counting {
            inner,
            count: 0,
            expected,
            cap: self.settings.max_bytes,
            bar,
            failed: None,
            deadline: self.deadline,
            timeout_s: self.timeout.as_secs(),
            min_rate: self.settings.min_rate,
            rate_window: self.settings.rate_window,
            window_start: (now, 0),
        }
    }
}

fn progress_bar(total: Option<u64>, name: &str) -> indicatif::ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        indicatif::ProgressDrawTarget::stderr()
    } else {
        indicatif::ProgressDrawTarget::hidden()
    };
    let bar = indicatif::ProgressBar::with_draw_target(total, target);
    let style = indicatif::ProgressStyle::with_template(
        "{msg} {bytes}/{total_bytes} {binary_bytes_per_sec} [{wide_bar}] {eta}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(name.to_string());
    bar
}

/// Counts bytes for the progress bar, enforces the size cap and notices a body shorter than
/// its Content-Length; remembers the first transport failure for the error message.
struct Counting<R> {
    inner: R,
    count: u64,
    expected: Option<u64>,
    cap: u64,
    bar: indicatif::ProgressBar,
    failed: Option<Why>,
    deadline: std::time::Instant,
    timeout_s: u64,
    min_rate: u64,
    rate_window: Duration,
    /// Start of the current rate window and the byte count then.
    window_start: (std::time::Instant, u64),
}

impl<R> Counting<R> {
    fn fail(&mut self, why: Why) -> std::io::Error {
        let msg = why.to_string();
        self.failed.get_or_insert(why);
        std::io::Error::new(std::io::ErrorKind::TimedOut, msg)
    }

    fn deadline_passed(&mut self) -> std::io::Error {
        self.fail(Why::DeadlineInFile {
            timeout_s: self.timeout_s,
            bytes: self.count,
        })
    }

    /// The total deadline and the minimum transfer rate, checked between reads.
    fn check_pace(&mut self) -> std::io::Result<()> {
        let now = std::time::Instant::now();
        if now >= self.deadline {
            return Err(self.deadline_passed());
        }
        let (since, at) = self.window_start;
        let elapsed = now.duration_since(since);
        if elapsed >= self.rate_window && !self.rate_window.is_zero() {
            let got = self.count - at;
            // Integer comparison: got / elapsed < min_rate  <=>  got * 1000 < min_rate * ms.
            let ms = elapsed.as_millis();
            if u128::from(got) * 1000 < u128::from(self.min_rate) * ms {
                let msg = format!(
                    "the transfer is too slow: {got} bytes in the last {}.{} s, below the minimum of {} bytes/s (ARCHCOST_FETCH_MIN_RATE)",
                    ms / 1000,
                    ms % 1000 / 100,
                    self.min_rate
                );
                return Err(self.fail(Why::Said(msg)));
            }
            self.window_start = (now, self.count);
        }
        Ok(())
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.check_pace()?;
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            // The request's own timeout is cut to the time left: at the deadline, say so.
            Err(_) if std::time::Instant::now() + Duration::from_millis(100) >= self.deadline => {
                return Err(self.deadline_passed());
            }
            Err(e) => {
                let msg = format!(
                    "the download broke off after {} bytes: {}",
                    self.count,
                    chain(&e)
                );
                self.failed.get_or_insert(Why::Said(msg.clone()));
                return Err(std::io::Error::other(msg));
            }
        };
        if n == 0 {
            if let Some(exp) = self.expected.filter(|e| self.count < *e) {
                let msg = format!(
                    "the response is truncated: {} of {exp} bytes (Content-Length) received",
                    self.count
                );
                self.failed.get_or_insert(Why::Said(msg.clone()));
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, msg));
            }
            return Ok(0);
        }
        self.count += n as u64;
        if self.count > self.cap {
            let msg = format!(
                "the file exceeds the {} byte cap (ARCHCOST_FETCH_MAX_BYTES)",
                self.cap
            );
            self.failed.get_or_insert(Why::Said(msg.clone()));
            return Err(std::io::Error::other(msg));
        }
        self.bar.set_position(self.count);
        Ok(n)
    }
}

fn field<'v>(v: &'v serde_json::Value, path: &[&str]) -> Option<&'v str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str()
}

/// Check that `dir` can take a catalog before downloading anything.
fn check_writable(dir: &Path) -> Result<()> {
    offer::check_catalog_target(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    tempfile::Builder::new()
        .prefix(".archcost-")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|e| Error::io(dir, e))
}

/// What a user name and password in the base URL look like in text (to blank them out of
/// messages): the `user:password@` part, and the password as written and percent-decoded.
fn credentials(url: &str) -> (Option<String>, Vec<String>) {
    let secret = reqwest::Url::parse(url).ok().and_then(|u| {
        let user = u.username().to_string();
        match (user.is_empty(), u.password()) {
            (true, None) => None,
            (_, Some(p)) => Some(format!("{user}:{p}@")),
            (false, None) => Some(format!("{user}@")),
        }
    });
    let passwords: Vec<String> = reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.password().map(str::to_string))
        .map(|p| {
            let decoded = percent_encoding::percent_decode_str(&p)
                .decode_utf8_lossy()
                .into_owned();
            vec![p, decoded]
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.chars().count() >= 4)
        .collect();
    (secret, passwords)
}

/// The regions and offer codes asked for (every offer archcost
/// reads when no service is named), and whether services were named.
fn requested(opts: &FetchOptions) -> Result<(Vec<String>, Vec<&'static str>, bool)> {
    let regions: Vec<String> = opts
        .regions
        .iter()
        .flat_map(|r| r.split(','))
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if regions.is_empty() {
        return Err(Problem::NoRegion.into());
    }
    let explicit = opts.services.is_some();
    let mut services: Vec<&'static str> = match &opts.services {
        Some(list) => list
            .iter()
            .flat_map(|s| s.split(','))
            .filter(|s| !s.trim().is_empty())
            .map(offer_code)
            .collect::<Result<_>>()?,
        None => {
            let mut all = mapping::OFFERS.to_vec();
            all.push(COMPUTE_SAVINGS_PLAN);
            all
        }
    };
    let mut seen = std::collections::HashSet::new();
    services.retain(|s| seen.insert(*s));
    Ok((regions, services, explicit))
}

/// The HTTP client: timeouts, HTTPS only for an https base, and redirects held to the same
/// scheme and host rules as the URLs an index names.
fn http_client(
    settings: &Settings,
    base: &Base,
    allowed: &[String],
) -> Result<reqwest::blocking::Client> {
    let base_loopback = base.loopback;
    let (base_host, allowed) = (base.host.clone(), allowed.to_vec());
    // Every hop obeys the same rules as a URL named by an index: scheme and host.
    let redirects = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 10 {
            return attempt.error("more than 10 redirects");
        }
        if let Err(why) = check_scheme(attempt.url(), base_loopback) {
            return attempt.error(format!("redirect refused: {why}"));
        }
        match check_host(attempt.url(), &base_host, &allowed) {
            Ok(()) => attempt.follow(),
            Err(refused) => attempt.error(refused),
        }
    });
    let mut builder = reqwest::blocking::Client::builder()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.read_timeout)
        .redirect(redirects)
        .user_agent(concat!("archcost/", env!("CARGO_PKG_VERSION")));
    if base.url.starts_with("https://") {
        builder = builder.https_only(true);
    }
    builder
        .build()
        .map_err(|e| Error::Network(format!("cannot set up the HTTP client: {}", chain(&e))))
}

/// Combine the imported offer files into a catalog and write it to `out_dir` (nothing is
/// written when no file was found).
fn write_fetched(
    mut imports: Vec<offer::Imported>,
    regions: &[String],
    out_dir: PathBuf,
    base: &Base,
    report: &dyn Fn(Event<'_>),
) -> Result<(PathBuf, Metadata)> {
    if imports.is_empty() {
        return Err(Error::Network(format!(
            "no offer file was found for region(s) {}; the catalog in {} was not changed",
            regions.join(", "),
            out_dir.display()
        )));
    }
    let (catalog, mut warnings) = offer::combine(&mut imports, &out_dir.display().to_string());
    let (commitments, rate_warnings) = offer::combine_commitments(&imports);
    warnings.extend(rate_warnings);
    for line in offer::warning_lines(&imports, &warnings) {
        report(Event::Warning(&line));
    }
    let mut meta = Metadata::new(&imports, &catalog, &commitments);
    meta.fetched_at = Some(now_rfc3339());
    meta.base_url = Some(base.shown.clone());
    offer::write_catalog_dir(&out_dir, &catalog, &commitments, &meta)?;
    Ok((out_dir, meta))
}

/// Fetch, import and write the catalog; returns the directory and what was written. Retries,
/// skipped offers and the import's warnings go to `report` as they happen.
pub fn run(opts: &FetchOptions, report: &dyn Fn(Event<'_>)) -> Result<(PathBuf, Metadata)> {
    let base = match (&opts.base_url, std::env::var("ARCHCOST_PRICING_URL")) {
        (Some(b), _) => b.clone(),
        (None, Ok(b)) if !b.trim().is_empty() => b,
        _ => DEFAULT_BASE_URL.to_string(),
    };
    let base = check_base(&base)?;
    let (secret, passwords) = credentials(&base.url);
    let (regions, services, explicit) = requested(opts)?;
    let out_dir = match &opts.out {
        Some(d) => d.clone(),
        None => default_out_dir()?,
    };
    let settings = Settings::from_env()?;
    check_writable(&out_dir)?;
    let client = http_client(&settings, &base, &opts.allow_hosts)?;
    let f = Fetcher {
        client,
        report,
        settings,
        out_dir: out_dir.clone(),
        deadline: std::time::Instant::now() + opts.timeout,
        timeout: opts.timeout,
        secret,
        passwords,
    };

    let index_url = format!("{}{INDEX_PATH}", base.url);
    let index = f.get_json(&index_url)?;
    let mut imports = Vec::new();
    for code in &services {
        if *code == COMPUTE_SAVINGS_PLAN {
            match fetch_savings_plan(&f, &base, opts, &index, &regions, explicit) {
                Ok(found) => imports.extend(found),
                Err(e) if explicit => return Err(e),
                Err(e) => report(Event::SavingsPlanSkipped(&e)),
            }
            continue;
        }
        let Some(region_index_path) = field(&index, &["offers", code, "currentRegionIndexUrl"])
        else {
            let what = format!("the service index has no `offers.{code}.currentRegionIndexUrl`");
            if explicit {
                return Err(f.net(&index_url, what));
            }
            (f.report)(Event::Skipped(what));
            continue;
        };
        let region_index_url = resolve(&base, &opts.allow_hosts, region_index_path)?;
        let region_index = f.get_json(&region_index_url)?;
        for region in &regions {
            let Some(version_path) =
                field(&region_index, &["regions", region, "currentVersionUrl"])
            else {
                if explicit {
                    return Err(f.net(
                        &region_index_url,
                        format!("offer {code} has no file for region {region}"),
                    ));
                }
                report(Event::Skipped(format!(
                    "offer {code} has no file for region {region}"
                )));
                continue;
            };
            let csv_path = match version_path.strip_suffix("index.json") {
                Some(stem) => format!("{stem}index.csv"),
                None => version_path.to_string(),
            };
            let csv_url = resolve(&base, &opts.allow_hosts, &csv_path)?;
            let name = csv_path.trim_start_matches("/offers/v1.0/aws/").to_string();
            let imported = f.get_offer(&csv_url, &name, region)?;
            if imported.rows.is_empty() && imported.commitments.is_empty() {
                let what = format!(
                    "offer {code} has no rows archcost can use for region {region} (is this the right file?)"
                );
                // Asked for by name: an error. Part of the default set: some offers' usage
                // types are only known from third-party descriptions, so warn and go on.
                if explicit {
                    return Err(f.net(&csv_url, what));
                }
                (f.report)(Event::Skipped(what));
                continue;
            }
            imports.push(imported);
        }
    }
    write_fetched(imports, &regions, out_dir, &base, report)
}

/// The Compute Savings Plan rate files of `regions`: the plan's region index (named by the
/// service index as `offers.AmazonEC2.currentSavingsPlanIndexUrl`, else the fixed path), whose
/// `regions` is an array of `{regionCode, versionUrl}`, then each region's `index.csv`.
fn fetch_savings_plan(
    f: &Fetcher,
    base: &Base,
    opts: &FetchOptions,
    index: &serde_json::Value,
    regions: &[String],
    explicit: bool,
) -> Result<Vec<Imported>> {
    let path = field(
        index,
        &["offers", "AmazonEC2", "currentSavingsPlanIndexUrl"],
    )
    .unwrap_or(COMPUTE_SP_REGION_INDEX);
    let url = resolve(base, &opts.allow_hosts, path)?;
    let region_index = f.get_json(&url)?;
    let list = region_index
        .get("regions")
        .and_then(|r| r.as_array())
        .ok_or_else(|| {
            f.net(
                &url,
                "the response is not a Savings Plan region index (no `regions` array)".into(),
            )
        })?;
    let mut out = Vec::new();
    for region in regions {
        let version = list.iter().find_map(|r| {
            (r.get("regionCode")?.as_str()? == region)
                .then(|| r.get("versionUrl")?.as_str())
                .flatten()
        });
        let Some(version_path) = version else {
            let what = format!("offer {COMPUTE_SAVINGS_PLAN} has no file for region {region}");
            if explicit {
                return Err(f.net(&url, what));
            }
            (f.report)(Event::Skipped(what));
            continue;
        };
        let csv_path = match version_path.strip_suffix("index.json") {
            Some(stem) => format!("{stem}index.csv"),
            None => version_path.to_string(),
        };
        let csv_url = resolve(base, &opts.allow_hosts, &csv_path)?;
        let name = csv_path
            .trim_start_matches("/savingsPlan/v1.0/aws/")
            .to_string();
        let imported = f.get_offer(&csv_url, &name, region)?;
        if imported.commitments.is_empty() {
            let what = format!(
                "offer {COMPUTE_SAVINGS_PLAN} has no rates archcost can use for region {region} (is this the right file?)"
            );
            if explicit {
                return Err(f.net(&csv_url, what));
            }
            (f.report)(Event::Skipped(what));
            continue;
        }
        out.push(imported);
    }
    Ok(out)
}
