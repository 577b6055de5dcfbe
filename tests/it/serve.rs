//! `archcost serve`: the binary started on a free loopback port, driven over HTTP and raw TCP
//! (for the server's bounds), and the page in headless Chromium (skipped without one unless
//! `CI` is set, see `util::chromium`). Answers are compared with what
//! the CLI prints for the same edited scenario file.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A scenario with every value the tests change on a line of its own or in an inline table,
/// written by `fill` from (key, TOML text) pairs.
const KEYS: [(&str, &str); 15] = [
    ("workload.requests_per_month", "30000000"),
    ("workload.duration_ms", "120"),
    ("workload.response_kb", "8.0"),
    ("workload.peak_to_average", "1.5"),
    ("workload.profile", "\"business-hours\""),
    ("assumptions.free_tier", "false"),
    ("architecture.serverless.app.memory_mb", "1024"),
    ("architecture.serverless.app.arch", "\"arm64\""),
    ("architecture.serverless.db.capacity", "\"on-demand\""),
    ("architecture.containers.app.vcpu", "0.5"),
    ("architecture.containers.app.memory_gb", "1.0"),
    ("architecture.containers.db.instance", "\"db.t4g.medium\""),
    ("architecture.containers.db.multi_az", "true"),
    ("architecture.traditional.app.count", "2"),
    ("architecture.traditional.app.purchase", "\"on-demand\""),
];

fn fill(values: &[(&str, String)]) -> String {
    let v = |key: &str| -> String {
        values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| {
                KEYS.iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
                    .expect("a known key")
            })
    };
    format!(
        r#"# serve test scenario
name = "Order API"
region = "ap-northeast-1"

[assumptions]
free_tier = {free}
currency = "USD"
usd_jpy = 150.0
fx_date = "2026-11-20"

[workload]
requests_per_month = {rpm}      # volume
duration_ms = {dur}
request_kb = 2.0
response_kb = {resp}
peak_to_average = {peak}
profile = {profile}
db_reads_per_request = 2.0
db_writes_per_request = 0.5
item_kb = 1.0
storage_gb = 20.0

[[architecture]]
name = "serverless"
web = {{ service = "api-gateway", api = "http" }}
app = {{ service = "lambda", memory_mb = {mem}, arch = {arch} }}
db  = {{ service = "dynamodb", capacity = {cap} }}

[[architecture]]
name = "containers"
web = {{ service = "alb" }}
app = {{ service = "fargate", vcpu = {vcpu}, memory_gb = {fmem}, rps_per_task = 50, min_tasks = 2, max_tasks = 20 }}
db  = {{ service = "rds", engine = "mysql", instance = {rds}, multi_az = {maz} }}

[[architecture]]
name = "traditional"
web = {{ service = "ec2", instance = "t3.small", count = 2 }}
app = {{ service = "ec2", instance = "m5.large", count = {count}, purchase = {purchase} }}
db  = {{ service = "ec2", instance = "r5.large", count = 1, ebs_gb = 100 }}
"#,
        free = v("assumptions.free_tier"),
        rpm = v("workload.requests_per_month"),
        dur = v("workload.duration_ms"),
        resp = v("workload.response_kb"),
        peak = v("workload.peak_to_average"),
        profile = v("workload.profile"),
        mem = v("architecture.serverless.app.memory_mb"),
        arch = v("architecture.serverless.app.arch"),
        cap = v("architecture.serverless.db.capacity"),
        vcpu = v("architecture.containers.app.vcpu"),
        fmem = v("architecture.containers.app.memory_gb"),
        rds = v("architecture.containers.db.instance"),
        maz = v("architecture.containers.db.multi_az"),
        count = v("architecture.traditional.app.count"),
        purchase = v("architecture.traditional.app.purchase"),
    )
}

/// The URL `archcost serve` prints on start (None: it ended first).
fn read_url(stdout: &mut impl BufRead) -> Option<String> {
    let mut line = String::new();
    loop {
        line.clear();
        if stdout.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if let Some(at) = line.find("http://") {
            return line[at..].split_whitespace().next().map(str::to_string);
        }
    }
}

/// A running `archcost serve` (killed when dropped).
struct Server {
    child: Child,
    url: String,
    /// `127.0.0.1:PORT`, the Host header the server answers to.
    host: String,
    stdout: BufReader<std::process::ChildStdout>,
}

impl Server {
    /// Start `archcost serve FILE --port 0 ARGS` in `dir` and read its URL from stdout.
    fn start(dir: &Path, file: &str, args: &[&str]) -> Server {
        Server::start_with(dir, file, args, "")
    }

    /// As `start`, with the server's bounds overridden (`ARCHCOST_SERVE_LIMITS`, e.g.
    /// `head_timeout_ms=300`), so a test of a timeout need not wait the default 10 s.
    fn start_with(dir: &Path, file: &str, args: &[&str], limits: &str) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("archcost"))
            .env("ARCHCOST_SERVE_LIMITS", limits)
            .current_dir(dir)
            .args(["serve", file, "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("archcost starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        match read_url(&mut stdout) {
            Some(url) => {
                let host = url
                    .trim_start_matches("http://")
                    .trim_end_matches('/')
                    .to_string();
                Server {
                    child,
                    url,
                    host,
                    stdout,
                }
            }
            None => {
                let _ = child.kill();
                let _ = child.wait();
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                panic!("archcost serve ended before printing its URL: {err}");
            }
        }
    }

    fn get(&self, target: &str) -> Resp {
        http(&self.host, "GET", target, &[("Host", &self.host)], b"")
    }

    fn post_save(&self, body: &str) -> Resp {
        let origin = format!("http://{}", self.host);
        http(
            &self.host,
            "POST",
            "/api/save",
            &[
                ("Host", &self.host),
                ("Origin", &origin),
                ("Content-Type", "application/json"),
            ],
            body.as_bytes(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request with exactly the given headers (so tests can send a foreign Host).
fn http(addr: &str, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut req = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Resp {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

fn enc(text: &str) -> String {
    archcost::serve::query::encode(text)
}

fn query(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A folder holding `s.toml` (the template with `values`).
fn scenario_dir(values: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), fill(values)).unwrap();
    dir
}

/// `archcost ARGS` in `dir`: (exit code, stdout, stderr).
fn cli(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(assert_cmd::cargo::cargo_bin("archcost"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The CLI's message without its `error: ` prefix.
fn cli_message(stderr: &str) -> String {
    stderr.strip_prefix("error: ").unwrap_or(stderr).to_string()
}

/// Query text (what a control sends) and TOML text (what the file says) for one value.
fn as_toml(key: &str, text: &str) -> String {
    let quoted = [
        "workload.profile",
        "architecture.serverless.app.arch",
        "architecture.serverless.db.capacity",
        "architecture.containers.db.instance",
        "architecture.traditional.app.purchase",
    ];
    if quoted.contains(&key) {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

fn value_strategy(key: &'static str) -> proptest::strategy::BoxedStrategy<String> {
    use proptest::prelude::*;
    let pick = |xs: &'static [&'static str]| {
        proptest::sample::select(xs)
            .prop_map(str::to_string)
            .boxed()
    };
    match key {
        "workload.requests_per_month" => prop_oneof![
            (0u64..20_000_000_000).prop_map(|n| n.to_string()),
            pick(&["1e9", "6e7", "-1", "0"]),
        ]
        .boxed(),
        "workload.duration_ms" => prop_oneof![
            (0u32..60_000).prop_map(|n| n.to_string()),
            (0u32..100_000).prop_map(|n| format!("{}.{}", n / 10, n % 10)),
            pick(&["-5", "1e6"]),
        ]
        .boxed(),
        "workload.response_kb" => (0u32..100_000)
            .prop_map(|n| format!("{}.{}", n / 100, n % 100))
            .boxed(),
        "workload.peak_to_average" => pick(&["1", "1.5", "3", "10", "0.5"]),
        "workload.profile" => pick(&[
            "flat",
            "business-hours",
            "evening-peak",
            "night-batch",
            "spiky",
            "weekly",
        ]),
        "assumptions.free_tier" => pick(&["true", "false"]),
        "architecture.serverless.app.memory_mb" => prop_oneof![
            (128u32..10_241).prop_map(|n| n.to_string()),
            pick(&["64", "20000"]),
        ]
        .boxed(),
        "architecture.serverless.app.arch" => pick(&["x86_64", "arm64"]),
        "architecture.serverless.db.capacity" => pick(&["on-demand", "provisioned"]),
        "architecture.containers.app.vcpu" => pick(&["0.25", "0.5", "1", "2", "4", "3"]),
        "architecture.containers.app.memory_gb" => pick(&["0.5", "1", "2", "4", "8", "30", "3"]),
        "architecture.containers.db.instance" => pick(&[
            "db.t4g.micro",
            "db.t4g.medium",
            "db.r6g.large",
            "db.m5.xlarge",
            "db.t4g.mediun",
        ]),
        "architecture.containers.db.multi_az" => pick(&["true", "false"]),
        "architecture.traditional.app.purchase" => pick(&[
            "on-demand",
            "reserved",
            "compute-savings-plan",
            "instance-savings-plan",
            "spot",
            "lease",
        ]),
        _ => (0u32..12).prop_map(|n| n.to_string()).boxed(),
    }
}

/// Random changes to a random subset of keys: the API's answer is the CLI's for the edited file
/// (200 with `compare --format json`'s bytes, or 400 with its error message).
#[test]
fn serve_api_equals_compare_json_for_random_changes() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let served = scenario_dir(&[]);
    let server = Server::start(served.path(), "s.toml", &[]);
    let strategy = proptest::collection::vec(
        (0..KEYS.len()).prop_flat_map(|i| {
            let key = KEYS[i].0;
            value_strategy(key).prop_map(move |v| (key, v))
        }),
        1..5,
    );
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |changes| {
            // The last value of a key wins, on both sides.
            let mut values: Vec<(&str, String)> = Vec::new();
            for (k, v) in &changes {
                values.retain(|(x, _)| x != k);
                values.push((k, v.clone()));
            }
            let resp = server.get(&format!("/api/compare?{}", query(&changes)));
            let toml: Vec<(&str, String)> =
                values.iter().map(|(k, v)| (*k, as_toml(k, v))).collect();
            let other = scenario_dir(&toml);
            let (code, stdout, stderr) =
                cli(other.path(), &["compare", "--format", "json", "s.toml"]);
            if code == 0 {
                prop_assert_eq!(resp.status, 200, "{:?}: {}", changes, resp.text());
                prop_assert_eq!(&resp.body, &stdout, "{:?}", changes);
            } else {
                prop_assert_eq!(code, 2);
                prop_assert_eq!(resp.status, 400, "{:?}", changes);
                prop_assert_eq!(resp.text(), cli_message(&stderr), "{:?}", changes);
            }
            Ok(())
        })
        .unwrap();
    // The server is still there after every refusal.
    assert_eq!(server.get("/api/compare").status, 200);
}

#[test]
fn serve_answers_400_with_the_cli_message_and_keeps_serving() {
    let dir = scenario_dir(&[]);
    let server = Server::start(dir.path(), "s.toml", &[]);
    for (target, want) in [
        (
            "/api/compare?workload.duration_ms=-5".to_string(),
            "`workload.duration_ms`: -5 is negative",
        ),
        (
            "/api/compare?workload.durration_ms=1".to_string(),
            "did you mean `duration_ms`?",
        ),
        (
            "/api/compare?architecture.nope.app.memory_mb=1".to_string(),
            "no architecture with that name",
        ),
        (
            "/api/compare?assumptions.pricing=/etc".to_string(),
            "cannot be changed",
        ),
        ("/api/compare?x=%ZZ".to_string(), "percent escape"),
        ("/api/view?lang=fr".to_string(), "expected en or ja"),
        (
            "/api/sweep?vary=workload.requests_per_month&from=1e5&to=x".to_string(),
            "to `x`: expected a number",
        ),
        (
            "/api/sweep?vary=workload.requests_per_month&from=1&to=2&steps=100000".to_string(),
            "at most 2000",
        ),
        (
            "/api/breakeven?vary=workload.duration_ms".to_string(),
            "give the searched range",
        ),
        // Issue 21: a range end beyond Decimal was a 500 (overflow); now a 400 naming the field.
        (
            "/api/sweep?vary=workload.requests_per_month&from=1&to=7.9e28&steps=10".to_string(),
            "to 7.9e28: beyond the largest range end archcost accepts (±1e18)",
        ),
        (
            "/api/breakeven?vary=workload.requests_per_month&from=-7.9e28&to=1".to_string(),
            "from -7.9e28: beyond",
        ),
        (
            format!(
                "/api/compare?{}",
                (0..70)
                    .map(|i| format!("workload.k{i}=1&"))
                    .collect::<String>()
            ),
            "at most 64",
        ),
    ] {
        let r = server.get(&target);
        assert_eq!(r.status, 400, "{target}: {}", r.text());
        assert!(r.text().contains(want), "{target}: {}", r.text());
    }
    let long = format!("/api/compare?workload.duration_ms={}", "1".repeat(9000));
    assert_eq!(server.get(&long).status, 414);
    assert_eq!(server.get("/nope").status, 404);
    assert_eq!(server.get("/api/save").status, 405);
    // Still serving, and the what-if error text is the CLI's (file:line:col, hint).
    let (_, json, _) = cli(dir.path(), &["compare", "--format", "json", "s.toml"]);
    let r = server.get("/api/compare");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, json);
    assert_eq!(r.header("X-Archcost-Stale"), Some("0"));
}

#[test]
fn serve_refuses_foreign_hosts_and_cross_origin_saves() {
    let dir = scenario_dir(&[]);
    let server = Server::start(dir.path(), "s.toml", &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let port = server.host.rsplit(':').next().unwrap().to_string();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "127.0.0.1:1".to_string(),
    ] {
        let r = http(&server.host, "GET", "/api/compare", &[("Host", &host)], b"");
        assert_eq!(r.status, 403, "{host}");
        assert!(r.text().contains("DNS rebinding"), "{}", r.text());
    }
    let r = http(&server.host, "GET", "/api/compare", &[], b"");
    assert_eq!(r.status, 403, "no Host header");
    let local = format!("localhost:{port}");
    let r = http(&server.host, "GET", "/", &[("Host", &local)], b"");
    assert_eq!(r.status, 200);
    assert!(r
        .header("Content-Security-Policy")
        .is_some_and(|c| c.contains("script-src 'self'")));
    // Saving needs the page's own origin and JSON.
    let body = br#"{"name": "x"}"#;
    for headers in [
        vec![
            ("Origin", "http://evil.example"),
            ("Content-Type", "application/json"),
        ],
        vec![("Content-Type", "application/json")],
        vec![("Origin", "null"), ("Content-Type", "application/json")],
    ] {
        let mut h = vec![("Host", server.host.as_str())];
        h.extend(headers);
        let r = http(&server.host, "POST", "/api/save", &h, body);
        assert_eq!(r.status, 403, "{h:?}");
    }
    let origin = format!("http://{}", server.host);
    let r = http(
        &server.host,
        "POST",
        "/api/save",
        &[
            ("Host", &server.host),
            ("Origin", &origin),
            ("Content-Type", "text/plain"),
        ],
        body,
    );
    assert_eq!(r.status, 415);
    let big = vec![b' '; 70 * 1024];
    let r = http(
        &server.host,
        "POST",
        "/api/save",
        &[
            ("Host", &server.host),
            ("Origin", &origin),
            ("Content-Type", "application/json"),
        ],
        &big,
    );
    assert_eq!(r.status, 413);
    assert!(!dir.path().join("x.toml").exists());
}

#[test]
fn serve_refuses_names_it_cannot_bind_and_warns_off_loopback() {
    let dir = scenario_dir(&[]);
    let (code, _, stderr) = cli(dir.path(), &["serve", "s.toml", "--host", "example.com"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("expected an IP address"), "{stderr}");
    let (code, _, stderr) = cli(dir.path(), &["serve", "missing.toml", "--port", "0"]);
    assert_eq!(code, 2, "{stderr}");
    let mut server = Server::start(dir.path(), "s.toml", &["--host", "0.0.0.0"]);
    let _ = server.child.kill();
    let mut err = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("warning: listening on 0.0.0.0"), "{err}");
}

/// Poll `/api/status` until its version is past `after` (bounded so a broken watcher fails the
/// test instead of hanging it; the bound is not a latency assertion).
fn wait_version(server: &Server, after: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let st: serde_json::Value =
            serde_json::from_slice(&server.get("/api/status").body).unwrap();
        if st["version"].as_u64().unwrap() > after {
            return st;
        }
        assert!(
            Instant::now() < deadline,
            "the file change was not picked up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_picks_up_file_changes_and_keeps_the_last_good_version() {
    let dir = scenario_dir(&[]);
    let path = dir.path().join("s.toml");
    let server = Server::start(dir.path(), "s.toml", &[]);
    let st: serde_json::Value = serde_json::from_slice(&server.get("/api/status").body).unwrap();
    let v1 = st["version"].as_u64().unwrap();
    assert_eq!(st["ok"], true);

    // An edit on disk: the API answers for the new file.
    std::fs::write(
        &path,
        fill(&[("workload.requests_per_month", "90000000".into())]),
    )
    .unwrap();
    let st = wait_version(&server, v1);
    assert_eq!(st["ok"], true, "{st}");
    let (_, json, _) = cli(dir.path(), &["compare", "--format", "json", "s.toml"]);
    let r = server.get("/api/compare");
    assert_eq!(r.body, json);
    let good = r.body;

    // A file that stops validating: its error is reported, answers come from the last good one.
    let broken = fill(&[("architecture.serverless.app.memory_mb", "64".into())]);
    std::fs::write(&path, &broken).unwrap();
    let st = wait_version(&server, st["version"].as_u64().unwrap());
    assert_eq!(st["ok"], false);
    let (code, _, stderr) = cli(dir.path(), &["compare", "--format", "json", "s.toml"]);
    assert_eq!(code, 2);
    assert_eq!(
        st["error"].as_str().unwrap(),
        cli_message(&stderr).trim_end()
    );
    let r = server.get("/api/compare");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, good);
    assert_eq!(r.header("X-Archcost-Stale"), Some("1"));
    let page = server.get("/").text();
    assert!(
        page.contains("id=\"file-error\" class=\"banner\"><strong>"),
        "the page shows the error"
    );

    // Fixed again (an editor that saves by rename).
    let tmp = dir.path().join("s.toml.swp");
    std::fs::write(&tmp, fill(&[])).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    let st = wait_version(&server, st["version"].as_u64().unwrap());
    assert_eq!(st["ok"], true, "{st}");
    assert_eq!(
        server.get("/api/compare").header("X-Archcost-Stale"),
        Some("0")
    );
}

#[test]
fn serve_saves_a_new_file_beside_the_original_and_refuses_escapes() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("meeting");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("s.toml"), fill(&[])).unwrap();
    let server = Server::start(&dir, "s.toml", &[]);
    let edits = [
        ("workload.requests_per_month", "60000000".to_string()),
        ("architecture.containers.db.multi_az", "false".to_string()),
    ];
    let r = server.post_save(
        r#"{"name": "peak", "values": {"workload.requests_per_month": "60000000", "architecture.containers.db.multi_az": false}}"#,
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let saved = dir.join("peak.toml");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.starts_with("# What-if of s.toml saved by `archcost serve`"),
        "{text}"
    );
    // The saved file prices exactly as the API did.
    let (code, json, err) = cli(&dir, &["compare", "--format", "json", "peak.toml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        server.get(&format!("/api/compare?{}", query(&edits))).body,
        json
    );
    // Never overwritten.
    let r = server.post_save(r#"{"name": "peak.toml", "values": {}}"#);
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), text);
    let r = server.post_save(r#"{"name": "s", "values": {}}"#);
    assert_eq!(r.status, 409, "the original is never replaced");
    // Names that would leave the folder, or hide a file.
    for name in [
        "../escape",
        "sub/x",
        "..",
        ".hidden",
        "/tmp/abs",
        "a\\\\b",
        "",
        "nul",
    ] {
        let r = server.post_save(&format!(r#"{{"name": "{name}", "values": {{}}}}"#));
        assert_eq!(r.status, 400, "{name}: {}", r.text());
    }
    // An invalid what-if is not saved.
    let r = server.post_save(r#"{"name": "bad", "values": {"workload.duration_ms": "-1"}}"#);
    assert_eq!(r.status, 400);
    let mut names: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["meeting".to_string()]);
    names = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["peak.toml".to_string(), "s.toml".to_string()]);
}

#[test]
fn serve_sweep_breakeven_and_downloads_match_the_cli() {
    let dir = scenario_dir(&[]);
    let server = Server::start(dir.path(), "s.toml", &[]);
    let (_, want, _) = cli(
        dir.path(),
        &[
            "sweep",
            "s.toml",
            "--vary",
            "workload.requests_per_month",
            "--from",
            "1e5",
            "--to",
            "1e9",
            "--steps",
            "7",
            "--log",
            "--format",
            "json",
        ],
    );
    let r =
        server.get("/api/sweep?vary=workload.requests_per_month&from=1e5&to=1e9&steps=7&log=true");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.body, want);
    let (_, want, _) = cli(
        dir.path(),
        &[
            "breakeven",
            "s.toml",
            "--vary",
            "workload.requests_per_month",
            "--format",
            "json",
        ],
    );
    let r = server.get("/api/breakeven?vary=workload.requests_per_month");
    assert_eq!(r.body, want);
    // With what-if edits: the same as the CLI on the edited file.
    let edits = [("architecture.serverless.app.memory_mb", "2048".to_string())];
    let other = scenario_dir(&edits);
    let (_, want, _) = cli(
        other.path(),
        &[
            "breakeven",
            "s.toml",
            "--vary",
            "workload.requests_per_month",
            "--between",
            "serverless,containers",
            "--format",
            "json",
        ],
    );
    let r = server.get(&format!(
        "/api/breakeven?vary=workload.requests_per_month&between=serverless,containers&{}",
        query(&edits)
    ));
    assert_eq!(r.body, want);

    // The what-if as a file, and the report folder as a zip.
    let r = server.get(&format!("/api/scenario.toml?{}", query(&edits)));
    assert_eq!(r.status, 200);
    assert!(r
        .header("Content-Disposition")
        .is_some_and(|d| d.contains("s-what-if.toml")));
    std::fs::write(other.path().join("dl.toml"), &r.body).unwrap();
    let (_, a, _) = cli(other.path(), &["compare", "--format", "json", "dl.toml"]);
    let (_, b, _) = cli(other.path(), &["compare", "--format", "json", "s.toml"]);
    assert_eq!(a, b);
    let r = server.get(&format!("/api/report.zip?lang=ja&{}", query(&edits)));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("application/zip"));
    assert_eq!(&r.body[..4], b"PK\x03\x04");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(r.body)).expect("a readable zip");
    let mut names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a UTF-8 name").into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = archcost::report::folder::FILES
        .iter()
        .map(|f| format!("s-what-if/{f}"))
        .chain(["s-what-if/s-what-if.toml".to_string()])
        .collect();
    want.sort();
    assert_eq!(names, want);
    // The archived what-if file is the download's text.
    let mut toml = String::new();
    zip.by_name("s-what-if/s-what-if.toml")
        .unwrap()
        .read_to_string(&mut toml)
        .unwrap();
    let download = server.get(&format!("/api/scenario.toml?{}", query(&edits)));
    assert_eq!(toml.as_bytes(), download.body);
}

#[cfg(unix)]
#[test]
fn serve_stops_cleanly_on_sigterm() {
    let dir = scenario_dir(&[]);
    let mut server = Server::start(dir.path(), "s.toml", &[]);
    assert_eq!(server.get("/api/status").status, 200);
    let pid = server.child.id() as libc::pid_t;
    // SAFETY: signalling our own child process by its id.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let mut rest = String::new();
    server.stdout.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("stopped"), "{rest}");
    assert!(
        TcpStream::connect(&server.host).is_err(),
        "the port is closed"
    );
}

/// `data-arch` / `data-total-usd` pairs in a dumped DOM.
fn totals(dom: &str) -> Vec<(String, String)> {
    dom.split("data-arch=\"")
        .skip(1)
        .filter_map(|rest| {
            let (name, after) = rest.split_once('"')?;
            let (_, total) = after.split_once("data-total-usd=\"")?;
            Some((name.to_string(), total.split_once('"')?.0.to_string()))
        })
        .collect()
}

/// Serves `s.toml` of `dir` and opens the page with `query_fragment` (`?...#...`) in headless
/// Chromium (10 s of virtual time for the scripts): the server, still running for the API
/// calls to compare with, and the page's DOM with `&amp;` unescaped.
fn page_in_chromium(browser: &Path, dir: &Path, query_fragment: &str) -> (Server, String) {
    let server = Server::start(dir, "s.toml", &[]);
    let profile = tempfile::tempdir().unwrap();
    let out = crate::util::chromium_command(browser, profile.path())
        .arg("--virtual-time-budget=10000")
        .arg("--dump-dom")
        .arg(format!("{}{query_fragment}", server.url))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout).replace("&amp;", "&");
    (server, dom)
}

#[test]
fn serve_page_in_headless_chromium_follows_the_link_and_matches_the_api() {
    let Some(browser) = crate::util::chromium("serve_page_in_headless_chromium") else {
        return;
    };
    let dir = scenario_dir(&[]);
    let fragment = "workload.requests_per_month=60000000&workload.duration_ms=200&architecture.containers.db.multi_az=false";
    let (server, dom) = page_in_chromium(&browser, dir.path(), &format!("?lang=ja#{fragment}"));
    assert!(dom.contains("<html lang=\"ja\""), "{dom}");
    // The controls took the link's values ...
    assert!(
        dom.contains(
            "data-key=\"workload.requests_per_month\" data-base=\"30000000\" value=\"60000000\""
        ),
        "the volume control shows the link's value"
    );
    let shown = dom
        .split("id=\"report\"")
        .nth(1)
        .and_then(|r| r.split("data-query=\"").nth(1))
        .and_then(|r| r.split('"').next())
        .expect("the report's data-query");
    let mut got: Vec<&str> = shown.split('&').collect();
    let mut want: Vec<&str> = fragment.split('&').collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "the page priced the link's what-if");
    // ... and the totals on the page are the API's.
    let api: serde_json::Value =
        serde_json::from_slice(&server.get(&format!("/api/compare?{fragment}")).body).unwrap();
    let page = totals(&dom);
    let archs = api["architectures"].as_array().unwrap();
    assert_eq!(page.len(), archs.len(), "{page:?}");
    for a in archs {
        let name = a["name"].as_str().unwrap();
        let usd = a["monthly_usd"].as_str().unwrap();
        assert!(
            page.iter().any(|(n, t)| n == name && t == usd),
            "{name}: page {page:?}, API {usd}"
        );
    }
    // The file's own total differs (the what-if changed something).
    let file: serde_json::Value = serde_json::from_slice(&server.get("/api/compare").body).unwrap();
    assert_ne!(file["architectures"], api["architectures"]);
}

/// A raw connection for the bounds tests; a read that hangs 60 s fails the test (a guard against
/// a server that never answers, not a latency assertion).
fn raw(host: &str) -> TcpStream {
    let s = TcpStream::connect(host).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s
}

/// Everything the server sends until it closes the connection (a reset ends it too).
fn read_all(s: &mut TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                assert!(
                    !matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ),
                    "the server neither answered nor closed the connection in 60 s"
                );
                return got;
            }
        }
    }
}

/// One answer on a kept-alive connection (read by its Content-Length).
fn read_one(s: &mut TcpStream) -> (u16, Vec<u8>) {
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        assert_eq!(s.read(&mut byte).expect("an answer"), 1, "closed early");
        raw.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&raw).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let len: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .expect("a Content-Length");
    let mut body = vec![0u8; len];
    s.read_exact(&mut body).unwrap();
    (status, body)
}

/// Send `head` and then `chunk` repeatedly until `total` bytes went out or the server stopped
/// taking them, while another thread reads what the server answers. (bytes written, answer)
fn flood(host: &str, head: &[u8], chunk: &[u8], total: usize) -> (usize, String) {
    let mut s = raw(host);
    let mut reader = s.try_clone().unwrap();
    let answer = std::thread::spawn(move || read_all(&mut reader));
    let mut sent = 0;
    if s.write_all(head).is_ok() {
        sent += head.len();
        while sent < total {
            match s.write(chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => sent += n,
            }
        }
    }
    let _ = s.shutdown(std::net::Shutdown::Write);
    let got = answer.join().unwrap();
    (sent, String::from_utf8_lossy(&got).into_owned())
}

#[test]
fn serve_refuses_a_100_mb_header_and_500000_headers_before_reading_them() {
    let dir = scenario_dir(&[]);
    let server = Server::start(dir.path(), "s.toml", &[]);
    let total = 100 * 1024 * 1024;
    let head = format!(
        "GET /api/status HTTP/1.1\r\nHost: {}\r\nX-Big: ",
        server.host
    );
    let (sent, answer) = flood(&server.host, head.as_bytes(), &[b'a'; 64 * 1024], total);
    assert!(
        answer.starts_with("HTTP/1.1 431"),
        "a head over 16 KiB is 431: {answer}"
    );
    // The server closed the connection after its 16 KiB: the rest of the 100 MB had nowhere to
    // go (what was sent sits in the two sockets' kernel buffers, a few MB on loopback).
    assert!(sent < total, "all {sent} bytes were read");

    // 500,000 header lines (4 MB): refused at the byte bound after the first 16 KiB. (All 4 MB
    // may fit in the kernel's socket buffers, so how much was sent proves nothing here.)
    let lines = "X-N: 1\r\n".repeat(8 * 1024);
    let (_, answer) = flood(&server.host, head.as_bytes(), lines.as_bytes(), 500_000 * 8);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");

    // A chunked body (no Content-Length to refuse up front) is cut off at 64 KiB: 413.
    let origin = format!("http://{}", server.host);
    let head = format!(
        "POST /api/save HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        server.host
    );
    let chunk = format!("1000\r\n{}\r\n", " ".repeat(0x1000));
    let (_, answer) = flood(&server.host, head.as_bytes(), chunk.as_bytes(), 1 << 20);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    // 101 short headers (1.2 KB in all): refused by the count.
    let mut s = raw(&server.host);
    let many = format!(
        "GET /api/status HTTP/1.1\r\nHost: {}\r\n{}\r\n",
        server.host,
        "X-N: 1\r\n".repeat(100)
    );
    s.write_all(many.as_bytes()).unwrap();
    let answer = String::from_utf8_lossy(&read_all(&mut s)).into_owned();
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    // 99 of them are fine, and the server kept serving.
    let fine = format!(
        "GET /api/status HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n{}\r\n",
        server.host,
        "X-N: 1\r\n".repeat(97)
    );
    let mut s = raw(&server.host);
    s.write_all(fine.as_bytes()).unwrap();
    let answer = String::from_utf8_lossy(&read_all(&mut s)).into_owned();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn serve_closes_slow_heads_idle_connections_and_times_out_slow_bodies() {
    let dir = scenario_dir(&[]);
    let server = Server::start_with(
        dir.path(),
        "s.toml",
        &[],
        "head_timeout_ms=300,body_timeout_ms=300",
    );
    // A head that never finishes: the connection is closed without an answer.
    let mut s = raw(&server.host);
    write!(
        s,
        "GET /api/status HTTP/1.1\r\nHost: {}\r\nX-Slow: ",
        server.host
    )
    .unwrap();
    let answer = read_all(&mut s);
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
    // A connection that never sends anything is closed too.
    let mut s = raw(&server.host);
    assert!(read_all(&mut s).is_empty());
    // An idle kept-alive connection: answered, then closed when it stays idle.
    let mut s = raw(&server.host);
    write!(
        s,
        "GET /api/status HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host
    )
    .unwrap();
    let (status, _) = read_one(&mut s);
    assert_eq!(status, 200);
    write!(
        s,
        "GET /api/status HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host
    )
    .unwrap();
    assert_eq!(read_one(&mut s).0, 200, "kept alive while in use");
    assert!(read_all(&mut s).is_empty(), "closed once idle");
    // A body that stops half way: 408.
    let mut s = raw(&server.host);
    write!(
        s,
        "POST /api/save HTTP/1.1\r\nHost: {h}\r\nOrigin: http://{h}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"name\":",
        h = server.host
    )
    .unwrap();
    let answer = String::from_utf8_lossy(&read_all(&mut s)).into_owned();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_eq!(server.get("/api/status").status, 200);
}

#[test]
fn serve_refuses_connections_over_its_cap_with_503() {
    let dir = scenario_dir(&[]);
    // A long head timeout: the two open connections must stay open while the third is tried.
    let server = Server::start_with(
        dir.path(),
        "s.toml",
        &[],
        "max_connections=2,head_timeout_ms=600000",
    );
    let mut open: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut s = raw(&server.host);
            write!(
                s,
                "GET /api/status HTTP/1.1\r\nHost: {}\r\n\r\n",
                server.host
            )
            .unwrap();
            assert_eq!(read_one(&mut s).0, 200);
            s
        })
        .collect();
    let mut s = raw(&server.host);
    write!(
        s,
        "GET /api/status HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.host
    )
    .unwrap();
    let answer = String::from_utf8_lossy(&read_all(&mut s)).into_owned();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.contains("2 connections are already open"),
        "{answer}"
    );
    // The open ones still work; once one closes, a new connection is served.
    write!(
        open[0],
        "GET /api/status HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host
    )
    .unwrap();
    assert_eq!(read_one(&mut open[0]).0, 200);
    drop(open.pop());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let r = server.get("/api/status");
        if r.status == 200 {
            break;
        }
        assert_eq!(r.status, 503);
        assert!(
            Instant::now() < deadline,
            "the closed slot was never reused"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Issue 20: the live page names its query fields, not the command line's flags, and answers
/// in Japanese under `?lang=ja` (keys and values stay as written).
#[test]
fn serve_range_and_key_errors_name_fields_and_speak_japanese() {
    let dir = scenario_dir(&[]);
    let server = Server::start(dir.path(), "s.toml", &[]);
    for (target, want) in [
        (
            "/api/sweep?vary=workload.nope&from=1&to=2",
            "vary `workload.nope`: not a numeric workload key",
        ),
        (
            "/api/sweep?vary=workload.nope&from=1&to=2&lang=ja",
            "vary `workload.nope`: 数値の workload キーではありません",
        ),
        (
            "/api/breakeven?vary=workload.requests_per_month&from=5&to=1",
            "from 5 to 1: expected from below to",
        ),
        (
            "/api/breakeven?vary=workload.requests_per_month&from=5&to=1&lang=ja",
            "from 5 to 1: from は to より小さくしてください",
        ),
        (
            "/api/breakeven?vary=workload.requests_per_month&between=serverless,nope&lang=ja",
            "between: `nope` という名前のアーキテクチャはありません",
        ),
        // The page's own hints speak of its fields and what to do on the page (issue 20:
        // only commands/ knows flags), in English and under lang=ja.
        (
            "/api/sweep?from=1&to=2",
            "missing `vary`\n  hint: a sweep from the page takes vary (the key, a dot path), from and to, e.g. ?vary=workload.requests_per_month&from=1e5&to=1e9",
        ),
        (
            "/api/sweep?vary=workload.requests_per_month&from=1&lang=ja",
            "`to` がありません\n  ヒント: ページからのスイープには vary",
        ),
        (
            "/api/breakeven?lang=ja",
            "`vary` がありません\n  ヒント: ページからの損益分岐には vary",
        ),
        (
            "/api/compare?assumptions.pricing=/etc",
            "hint: edit assumptions.pricing in the scenario file; the page follows the file",
        ),
        (
            "/api/compare?assumptions.pricing=/etc&lang=ja",
            "価格表はページから変更できません",
        ),
        (
            "/api/compare?nope.key=1",
            "`nope.key`: not a scenario key the page can set\n  hint: keys are dot paths, as the page's controls and its address write them: workload.KEY",
        ),
        (
            "/api/compare?nope.key=1&lang=ja",
            "`nope.key`: ページから設定できるシナリオのキーではありません\n  ヒント: キーはページの入力欄",
        ),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 400, "{target}: {}", r.text());
        assert!(r.text().contains(want), "{target}: {}", r.text());
        assert!(
            !r.text().contains("--"),
            "{target}: a flag on the page: {}",
            r.text()
        );
    }
}

/// The page's own request errors (what-if keys, query strings, sweep/break-even/optimize
/// fields, the save body) have message ids: under `lang=ja` they are Japanese with keys and
/// values as written, and the English is the text these requests answered before, byte for
/// byte. A query that does not parse still answers in the language its `lang=` asks for.
#[test]
fn page_request_errors_speak_japanese_under_lang_ja() {
    let dir = scenario_dir(&[]);
    let server = Server::start(dir.path(), "s.toml", &[]);
    let sweep = "/api/sweep?vary=workload.requests_per_month&from=1&to=2";
    let long_key = "k".repeat(201);
    for (target, en, ja) in [
        (
            format!("/api/compare?{long_key}=1"),
            format!("`{}…`: key longer than 200 bytes\n  hint: keys are dot paths such as workload.requests_per_month", "k".repeat(40)),
            format!("`{}…`: キーが 200 バイトを超えています", "k".repeat(40)),
        ),
        (
            format!("/api/compare?workload.duration_ms={}", "9".repeat(1025)),
            "`workload.duration_ms`: value longer than 1024 bytes\n  hint: give one number, word or short TOML value".to_string(),
            "`workload.duration_ms`: 値が 1024 バイトを超えています".to_string(),
        ),
        (
            "/api/compare?workload.duration_ms=1%0A2".to_string(),
            "`workload.duration_ms`: control characters (line breaks, tabs, ...) are not accepted in keys or values\n  hint: give one number, word or short TOML value on one line".to_string(),
            "`workload.duration_ms`: キーや値に制御文字（改行、タブなど）は使えません".to_string(),
        ),
        (
            format!(
                "/api/compare?{}",
                (0..65).map(|i| format!("quotas.q{i}=1")).collect::<Vec<_>>().join("&")
            ),
            "at most 64 what-if keys per request\n  hint: save the what-if as a scenario file and edit that".to_string(),
            "what-if のキーは 1 リクエストに 64 個までです".to_string(),
        ),
        (
            "/api/compare?workload.duration_ms=%zz".to_string(),
            "query string: `%zz` is not a valid percent escape\n  hint: encode values with encodeURIComponent (a `%` is `%25`)".to_string(),
            "クエリ文字列: `%zz` は正しいパーセントエスケープではありません".to_string(),
        ),
        (
            "/api/compare?workload.duration_ms=%FF".to_string(),
            "query string: not UTF-8 text\n  hint: percent-encode UTF-8 bytes".to_string(),
            "クエリ文字列: UTF-8 のテキストではありません".to_string(),
        ),
        (
            "/api/compare?architecture.nope.app.memory_mb=1".to_string(),
            "`architecture.nope.app.memory_mb`: no architecture with that name\n  hint: architectures: serverless, containers, traditional".to_string(),
            "`architecture.nope.app.memory_mb`: その名前のアーキテクチャはありません\n  ヒント: アーキテクチャ: serverless, containers, traditional".to_string(),
        ),
        (
            "/api/compare?architecture.serverless.bogus=1".to_string(),
            "`architecture.serverless.bogus`: `bogus` is not a tier of architecture `serverless`\n  hint: use web, app, db, extras, network (or region)".to_string(),
            "`architecture.serverless.bogus`: `bogus` はアーキテクチャ `serverless` のティアではありません".to_string(),
        ),
        (
            format!("{sweep}&log=maybe"),
            "log `maybe`: expected true or false".to_string(),
            "log `maybe`: true か false を指定してください".to_string(),
        ),
        (
            format!("{sweep}&steps=many"),
            "steps `many`: expected a whole number such as 60".to_string(),
            "steps `many`: 60 のような整数を指定してください".to_string(),
        ),
        (
            format!("{sweep}&steps=2001"),
            "steps 2001: at most 2000 from the page\n  hint: `archcost sweep` takes more".to_string(),
            "steps 2001: ページからは 2000 までです".to_string(),
        ),
        (
            format!("{sweep}&format=xml"),
            "format `xml`: /api/sweep answers json or csv".to_string(),
            "format `xml`: /api/sweep が返すのは json か csv です".to_string(),
        ),
        (
            "/api/optimize?format=xml".to_string(),
            "format `xml`: /api/optimize answers json or html".to_string(),
            "format `xml`: /api/optimize が返すのは json か html です".to_string(),
        ),
        (
            "/api/breakeven?vary=workload.duration_ms".to_string(),
            "vary workload.duration_ms: give the searched range with from and to (only request volumes have a default range)".to_string(),
            "vary workload.duration_ms: 探す範囲を from と to で指定してください".to_string(),
        ),
        (
            "/api/breakeven?vary=workload.requests_per_month&between=serverless".to_string(),
            "between `serverless`: expected two architecture names, A,B".to_string(),
            "between `serverless`: アーキテクチャ名を 2 つ、A,B の形で指定してください".to_string(),
        ),
    ] {
        let r = server.get(&target);
        assert_eq!(r.status, 400, "{target}: {}", r.text());
        assert!(r.text().starts_with(&en), "{target}: {}", r.text());
        let sep = if target.contains('?') { '&' } else { '?' };
        let target_ja = format!("{target}{sep}lang=ja");
        let r = server.get(&target_ja);
        assert_eq!(r.status, 400, "{target_ja}: {}", r.text());
        assert!(r.text().starts_with(&ja), "{target_ja}: {}", r.text());
    }
    let origin = format!("http://{}", server.host);
    let headers = [
        ("Host", server.host.as_str()),
        ("Origin", origin.as_str()),
        ("Content-Type", "application/json"),
    ];
    for (body, en, ja) in [
        (
            "{",
            "/api/save: the body is not JSON (",
            "/api/save: 本文が JSON ではありません（",
        ),
        (
            "{}",
            "/api/save: `name` (a string) is missing\n  hint: the new file's name, e.g. \"peak\"",
            "/api/save: `name`（文字列）がありません\n  ヒント: 新しいファイルの名前です。例: \"peak\"",
        ),
        (
            r#"{"name": "x", "values": {"workload.duration_ms": [1]}}"#,
            "/api/save: `values.workload.duration_ms`: expected a string, number or boolean",
            "/api/save: `values.workload.duration_ms`: 文字列、数値、真偽値のどれかを指定してください",
        ),
        (
            r#"{"name": "x", "values": 1}"#,
            "/api/save: `values` must be an object of KEY: VALUE",
            "/api/save: `values` は KEY: VALUE のオブジェクトにしてください",
        ),
    ] {
        let r = http(&server.host, "POST", "/api/save", &headers, body.as_bytes());
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        assert!(r.text().starts_with(en), "{body}: {}", r.text());
        let r = http(&server.host, "POST", "/api/save?lang=ja", &headers, body.as_bytes());
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        assert!(r.text().starts_with(ja), "{body}: {}", r.text());
    }
    let r = server.get("/api/compare?lang=xx");
    assert_eq!(r.status, 400);
    assert!(
        r.text().starts_with("lang `xx`: expected en or ja"),
        "{}",
        r.text()
    );
}

/// The page's plain answers (not found, wrong method, a save name that is taken) follow the
/// request's `lang=` too; the English is as before, byte for byte.
#[test]
fn not_found_method_and_taken_name_answers_follow_lang() {
    let dir = scenario_dir(&[]);
    let server = Server::start(dir.path(), "s.toml", &[]);
    let r = server.get("/nope");
    assert_eq!(r.status, 404);
    assert_eq!(r.text().trim_end(), "/nope: not found\n  hint: the page is at /, the API at /api/compare, /api/sweep, /api/breakeven, /api/optimize");
    let r = server.get("/nope?lang=ja");
    assert_eq!(r.status, 404);
    assert!(
        r.text()
            .starts_with("/nope: 見つかりません\n  ヒント: ページは /、API は"),
        "{}",
        r.text()
    );
    let host = [("Host", server.host.as_str())];
    let r = http(&server.host, "POST", "/api/compare", &host, b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.text().trim_end(), "/api/compare: only GET");
    let r = http(&server.host, "POST", "/api/compare?lang=ja", &host, b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.text().trim_end(), "/api/compare: GET だけを受け付けます");
    let r = server.get("/api/save?lang=ja");
    assert_eq!(r.status, 405);
    assert!(
        r.text().contains("を POST で送ってください"),
        "{}",
        r.text()
    );
    let origin = format!("http://{}", server.host);
    let headers = [
        ("Host", server.host.as_str()),
        ("Origin", origin.as_str()),
        ("Content-Type", "application/json"),
    ];
    let body = br#"{"name": "peak"}"#;
    assert_eq!(server.post_save(r#"{"name": "peak"}"#).status, 201);
    let r = http(&server.host, "POST", "/api/save", &headers, body);
    assert_eq!(r.status, 409);
    // The server runs in the scenario's folder: the file is named as it sees it.
    let path = "./peak.toml";
    assert!(
        r.text().starts_with(&format!("save: {path} already exists; archcost never overwrites a file\n  hint: choose another name")),
        "{}",
        r.text()
    );
    let r = http(&server.host, "POST", "/api/save?lang=ja", &headers, body);
    assert_eq!(r.status, 409);
    assert!(
        r.text().starts_with(&format!("保存: {path} はすでにあります。archcost はファイルを上書きしません\n  ヒント: 別の名前を選んでください")),
        "{}",
        r.text()
    );
}

/// Started with `--lang ja`, the console lines are Japanese: the start banner, a file picked up,
/// a file that stops validating (on standard error, with the error in Japanese and the key as
/// written) and the stop. The file name and URL stay as written.
#[cfg(unix)]
#[test]
fn serve_console_lines_follow_lang_ja() {
    let dir = scenario_dir(&[]);
    let path = dir.path().join("s.toml");
    let mut server = Server::start(dir.path(), "s.toml", &["--lang", "ja"]);
    let mut line = String::new();
    server.stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "s.toml の変更を監視しています。Ctrl-C で停止します\n");
    let st: serde_json::Value = serde_json::from_slice(&server.get("/api/status").body).unwrap();
    std::fs::write(
        &path,
        fill(&[("workload.requests_per_month", "90000000".into())]),
    )
    .unwrap();
    let st = wait_version(&server, st["version"].as_u64().unwrap());
    line.clear();
    server.stdout.read_line(&mut line).unwrap();
    assert_eq!(
        line,
        "archcost serve: s.toml の変更を読み込みました。ページに新しい版を表示しています\n"
    );
    std::fs::write(
        &path,
        fill(&[("architecture.serverless.app.memory_mb", "64".into())]),
    )
    .unwrap();
    wait_version(&server, st["version"].as_u64().unwrap());
    let pid = server.child.id() as libc::pid_t;
    // SAFETY: signalling our own child process by its id.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    assert!(server.child.wait().unwrap().success());
    let mut rest = String::new();
    server.stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "archcost serve: 停止しました\n");
    let mut err = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(
        err.starts_with("archcost serve: s.toml が変更されましたが検証を通りません。"),
        "{err}"
    );
    assert!(
        err.contains("`architecture[0] (serverless).app.memory_mb`: 64 は範囲外です。128 〜 10240 MB にしてください"),
        "{err}"
    );
}

/// The serve scenario with a search table on `containers` (RDS classes and Multi-AZ).
fn with_search(text: &str) -> String {
    let db = "db  = { service = \"rds\", engine = \"mysql\", instance = \"db.t4g.medium\", multi_az = true }\n";
    assert!(text.contains(db));
    text.replacen(
        db,
        &format!("{db}\n[architecture.search]\ndb.instance = {{ families = [\"db.t4g\", \"db.m6g\"] }}\ndb.multi_az = [true, false]\n"),
        1,
    )
}

#[test]
fn serve_optimize_equals_the_cli_renders_in_both_languages_and_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), with_search(&fill(&[]))).unwrap();
    let server = Server::start(dir.path(), "s.toml", &[]);
    // The JSON is `archcost optimize --format json` of the file ...
    let (code, want, err) = cli(dir.path(), &["optimize", "s.toml", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let r = server.get("/api/optimize");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    assert_eq!(r.body, want);
    // ... and of the edited file with what-if edits.
    let edits = [("workload.requests_per_month", "300000000".to_string())];
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("s.toml"), with_search(&fill(&edits))).unwrap();
    let (_, want_edited, _) = cli(other.path(), &["optimize", "s.toml", "--format", "json"]);
    let r = server.get(&format!("/api/optimize?{}", query(&edits)));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.body, want_edited);
    assert_ne!(want_edited, want, "the edit changes the answer");
    // The page's fragment: best, saving, why not cheaper, in English and Japanese.
    let v: serde_json::Value = serde_json::from_slice(&want).unwrap();
    let searched = v["architectures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "containers")
        .unwrap();
    let class = searched["best"]["config"]["db"]["instance"]
        .as_str()
        .unwrap();
    for (lang, words) in [
        ("en", ["<h2>Optimize</h2>", "<td>best</td>", "saving"]),
        ("ja", ["<h2>最適化</h2>", "<td>最安</td>", "削減額"]),
    ] {
        let r = server.get(&format!("/api/optimize?format=html&lang={lang}"));
        assert_eq!(r.status, 200, "{}", r.text());
        assert!(r
            .header("Content-Type")
            .is_some_and(|c| c.starts_with("text/html")));
        let html = r.text();
        assert!(html.starts_with("<section id=\"optimize\">"), "{html}");
        for w in words {
            assert!(html.contains(w), "{lang}: {w}\n{html}");
        }
        assert!(html.contains(&format!("instance={class}")), "{html}");
    }
    // The page has the button, in the page's language.
    assert!(server.get("/").text().contains("id=\"optimize\">Optimize"));
    assert!(server
        .get("/?lang=ja")
        .text()
        .contains("id=\"optimize\">最適化"));
    // Bad input is a 400 with the message; only GET.
    let r = server.get("/api/optimize?format=xml");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("json or html"), "{}", r.text());
    let r = http(
        &server.host,
        "POST",
        "/api/optimize",
        &[("Host", &server.host)],
        b"",
    );
    assert_eq!(r.status, 405);
    // The report zip holds the optimize files when the file has a search table.
    let r = server.get("/api/report.zip");
    assert_eq!(r.status, 200);
    let zip = zip::ZipArchive::new(std::io::Cursor::new(r.body)).expect("a readable zip");
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a UTF-8 name").into_owned())
        .collect();
    assert!(names.iter().any(|n| n == "s/optimize.json"), "{names:?}");
    assert!(names.iter().any(|n| n == "s/optimize.md"), "{names:?}");
}

#[test]
fn serve_refuses_an_optimize_search_over_its_bound_and_keeps_serving() {
    // Lambda memory 128..10,240 MB on two architectures: 2 x 10,113 = 20,226 app candidates,
    // plus the written web and db tiers (one each) = 20,228 tier configurations, over the
    // page's bound of 20,000; `archcost optimize` runs it.
    let search = "[architecture.search]\napp.memory_mb = { from = 128, to = 10240 }\napp.arch = [\"x86_64\", \"arm64\"]\napp.cpu_share = 0.5\n";
    let text = fill(&[]).replacen(
        "db  = { service = \"dynamodb\", capacity = \"on-demand\" }\n",
        &format!("db  = {{ service = \"dynamodb\", capacity = \"on-demand\" }}\n\n{search}"),
        1,
    );
    assert!(text.contains("10240"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), text).unwrap();
    let server = Server::start(dir.path(), "s.toml", &[]);
    let r = server.get("/api/optimize");
    assert_eq!(r.status, 400, "{}", r.text());
    let msg = r.text();
    assert!(msg.contains("20228 tier configurations"), "{msg}");
    assert!(msg.contains("at most 20000"), "{msg}");
    assert!(msg.contains("archcost optimize"), "{msg}");
    assert_eq!(server.get("/api/status").status, 200);
    assert_eq!(server.get("/api/compare").status, 200);
}

#[test]
fn serve_page_in_headless_chromium_shows_the_optimize_answer_of_the_link() {
    let Some(browser) = crate::util::chromium("serve_page_optimize_in_headless_chromium") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), with_search(&fill(&[]))).unwrap();
    let fragment = "workload.requests_per_month=300000000";
    let (server, dom) = page_in_chromium(
        &browser,
        dir.path(),
        &format!("?lang=ja&optimize=1#{fragment}"),
    );
    let shown = dom
        .split("id=\"optimize-result\"")
        .nth(1)
        .expect("the optimize panel");
    assert!(
        shown.contains("data-query=\"workload.requests_per_month=300000000\""),
        "{shown}"
    );
    let shown = shown.split("</section>").next().unwrap();
    assert!(shown.contains("<h2>最適化</h2>"), "{shown}");
    // The best the page shows is the API's for the same what-if.
    let api: serde_json::Value =
        serde_json::from_slice(&server.get(&format!("/api/optimize?{fragment}")).body).unwrap();
    let best = api["architectures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "containers")
        .map(|a| {
            a["best"]["config"]["db"]["instance"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .unwrap();
    let best_row = shown
        .split("<tr>")
        .find(|row| row.contains("<td>最安</td>"))
        .expect("a best row");
    assert!(best_row.contains(&format!("instance={best}")), "{best_row}");
}
