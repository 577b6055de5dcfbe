//! `archcost pricing fetch` against a loopback HTTP server started by the test, serving the
//! fixtures in the real Price List URL layout; then a fault matrix in which every failure is
//! exit 1 with a clear message and the previous catalog is left byte-for-byte unchanged.
use assert_cmd::Command;
use predicates::str::contains;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/aws-offers")
        .join(rel)
}

/// What the server answers for a path.
#[derive(Clone)]
enum Reply {
    Ok(Vec<u8>),
    Status(u16),
    /// Announce `claimed` bytes of Content-Length, send `body`, close.
    Truncated {
        body: Vec<u8>,
        claimed: usize,
    },
    /// Accept, read the request, never answer (until the server stops).
    Hang,
    /// Announce the whole body, then send it one byte every `every`.
    Drip {
        body: Vec<u8>,
        every: Duration,
    },
    /// 302 to `location`.
    Redirect(String),
}

/// A tiny HTTP/1.1 server on 127.0.0.1:0. It stops by itself: after `stop()` or after a
/// hard deadline, whichever comes first; the accept loop polls a non-blocking listener.
struct Server {
    base: String,
    stop: Arc<AtomicBool>,
    hits: Arc<AtomicUsize>,
    handle: Option<JoinHandle<()>>,
}

impl Server {
    fn start(routes: HashMap<String, Reply>) -> Server {
        Server::start_on(TcpListener::bind("127.0.0.1:0").unwrap(), routes)
    }

    fn start_on(listener: TcpListener, routes: HashMap<String, Reply>) -> Server {
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let hits = Arc::new(AtomicUsize::new(0));
        let (stop2, hits2) = (stop.clone(), hits.clone());
        let handle = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stop2.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        hits2.fetch_add(1, Ordering::SeqCst);
                        serve(stream, &routes, &stop2, deadline);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            base,
            stop,
            hits,
            handle: Some(handle),
        }
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve(mut s: TcpStream, routes: &HashMap<String, Reply>, stop: &AtomicBool, deadline: Instant) {
    s.set_nonblocking(false).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut req = Vec::new();
    let mut buf = [0u8; 1024];
    while !req.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => req.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&req);
    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
    let reply = routes.get(&path).cloned().unwrap_or(Reply::Status(404));
    let head = |code: u16, len: usize| {
        format!("HTTP/1.1 {code} X\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")
    };
    match reply {
        Reply::Ok(body) => {
            let _ = s.write_all(head(200, body.len()).as_bytes());
            let _ = s.write_all(&body);
        }
        Reply::Status(code) => {
            let _ = s.write_all(head(code, 0).as_bytes());
        }
        Reply::Truncated { body, claimed } => {
            let _ = s.write_all(head(200, claimed).as_bytes());
            let _ = s.write_all(&body);
        }
        Reply::Hang => {
            while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        Reply::Drip { body, every } => {
            let _ = s.write_all(head(200, body.len()).as_bytes());
            for b in body {
                if stop.load(Ordering::SeqCst) || Instant::now() >= deadline {
                    break;
                }
                if s.write_all(&[b]).and_then(|_| s.flush()).is_err() {
                    break;
                }
                std::thread::sleep(every);
            }
        }
        Reply::Redirect(location) => {
            let _ = s.write_all(
                format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
    }
    let _ = s.flush();
}

/// (offer, version, region, fixture) served by the layout below.
const OFFERS: [(&str, &str, &str, &str); 6] = [
    (
        "AWSLambda",
        "20260831092318",
        "eu-west-2",
        "csv/AWSLambda-eu-west-2-20260831092318-excerpt.csv",
    ),
    (
        "AmazonECS",
        "20260831092155",
        "eu-west-2",
        "csv/AmazonECS-eu-west-2-20260831092155-excerpt.csv",
    ),
    (
        "AmazonApiGateway",
        "20260831092134",
        "eu-west-2",
        "csv/AmazonApiGateway-eu-west-2-20260831092134.csv",
    ),
    (
        "AWSELB",
        "20260831092255",
        "eu-west-2",
        "csv/AWSELB-eu-west-2-20260831092255-excerpt.csv",
    ),
    (
        "AWSDataTransfer",
        "20260831121448",
        "eu-west-2",
        "csv/AWSDataTransfer-eu-west-2-20260831121448-excerpt.csv",
    ),
    (
        "AmazonRDS",
        "20260904172716",
        "eu-west-2",
        "csv/AmazonRDS-eu-west-2-20260904172716-excerpt.csv",
    ),
];

fn csv_path(offer: &str, version: &str, region: &str) -> String {
    format!("/offers/v1.0/aws/{offer}/{version}/{region}/index.csv")
}

/// The real layout: service index → region index → regional index.csv (the region index
/// names index.json; fetch derives index.csv from it).
fn layout() -> HashMap<String, Reply> {
    let mut routes = HashMap::new();
    let mut offers = serde_json::Map::new();
    for (offer, version, region, file) in OFFERS {
        offers.insert(
            offer.to_string(),
            serde_json::json!({
                "offerCode": offer,
                "versionIndexUrl": format!("/offers/v1.0/aws/{offer}/index.json"),
                "currentVersionUrl": format!("/offers/v1.0/aws/{offer}/current/index.json"),
                "currentRegionIndexUrl": format!("/offers/v1.0/aws/{offer}/current/region_index.json"),
            }),
        );
        let region_index = serde_json::json!({
            "formatVersion": "v1.0",
            "disclaimer": "test",
            "publicationDate": "2026-08-31T09:23:18Z",
            "regions": { region: {
                "regionCode": region,
                "currentVersionUrl": format!("/offers/v1.0/aws/{offer}/{version}/{region}/index.json"),
            }},
        });
        routes.insert(
            format!("/offers/v1.0/aws/{offer}/current/region_index.json"),
            Reply::Ok(serde_json::to_vec(&region_index).unwrap()),
        );
        routes.insert(
            csv_path(offer, version, region),
            Reply::Ok(std::fs::read(fixture(file)).unwrap()),
        );
    }
    let index = serde_json::json!({
        "formatVersion": "v1.0",
        "disclaimer": "test",
        "publicationDate": "2026-04-27T07:13:25Z",
        "offers": offers,
    });
    routes.insert(
        "/offers/v1.0/aws/index.json".into(),
        Reply::Ok(serde_json::to_vec(&index).unwrap()),
    );
    routes
}

fn fetch(base: &str, out: &Path, services: &str) -> Command {
    let mut cmd = Command::cargo_bin("archcost").unwrap();
    cmd.args([
        "pricing",
        "fetch",
        "--region",
        "eu-west-2",
        "--services",
        services,
    ])
    .arg("--base-url")
    .arg(base)
    .arg("--out")
    .arg(out)
    .env("ARCHCOST_FETCH_RETRIES", "1")
    .env("ARCHCOST_FETCH_BACKOFF_MS", "1")
    .env("ARCHCOST_FETCH_CONNECT_TIMEOUT_MS", "2000")
    .env("ARCHCOST_FETCH_TIMEOUT_MS", "5000")
    .env_remove("ARCHCOST_PRICING_URL");
    cmd
}

const ALL: &str = "AWSLambda,AmazonECS,AmazonApiGateway,AWSELB,AWSDataTransfer,AmazonRDS";

#[test]
fn fetch_the_whole_path_then_compare_with_it() {
    let server = Server::start(layout());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    fetch(&server.base, &out, ALL)
        .assert()
        .success()
        .stderr(contains("rows for eu-west-2 from 6 offer file(s)"));
    let c = archcost::pricing::load_dir(&out).unwrap();
    let price = |k: &str| c.tiers(k, "eu-west-2").unwrap()[0].usd.to_string();
    assert_eq!(price("lambda.duration.x86_64"), "0.0000166667");
    assert_eq!(price("fargate.vcpu.linux.x86_64"), "0.04656");
    assert_eq!(price("apigw.http.requests"), "0.00000116");
    assert_eq!(price("alb.hours"), "0.02646");
    assert_eq!(price("data_transfer.out"), "0.09");
    assert_eq!(price("rds.mysql.multi_az.db.t4g.medium"), "0.145");
    let row = c.tiers("alb.lcu", "eu-west-2").unwrap()[0];
    assert_eq!(
        row.source,
        "AWS Price List AWSELB 20260831092255 (AWSELB/20260831092255/eu-west-2/index.csv)"
    );
    assert_eq!(row.effective, "2026-08-31");
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("metadata.json")).unwrap()).unwrap();
    assert_eq!(meta["offers"].as_array().unwrap().len(), 6);
    assert_eq!(meta["regions"], serde_json::json!(["eu-west-2"]));
    assert!(meta["fetched_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(meta["base_url"], server.base.as_str());
    // 1 service index + 6 region indexes + 6 CSV files.
    assert_eq!(server.hits(), 13);
    drop(server);

    let scenario = dir.path().join("london.toml");
    std::fs::write(&scenario, LONDON).unwrap();
    let json = Command::cargo_bin("archcost")
        .unwrap()
        .arg("compare")
        .arg(&scenario)
        .arg("--pricing")
        .arg(&out)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let total = v["architectures"][0]["monthly_usd"].as_str().unwrap();
    // 34.80 (HTTP API) + 6.00 + 48.00024 (Lambda ARM) + 228.881836 GB × 0.09:
    // 240,000,000 KB / 1024² = 228.8818359375 GB → 20.599365234375.
    assert_eq!(total, "109.399605234375");
    assert!(v["assumptions"]["pricing"]["source"]
        .as_str()
        .unwrap()
        .contains("prices"));
}

const LONDON: &str = r#"
name = "London"
region = "eu-west-2"
[workload]
requests_per_month = 30_000_000
duration_ms = 120
request_kb = 2.0
response_kb = 8.0
[[architecture]]
name = "serverless"
web = { service = "api-gateway", api = "http" }
app = { service = "lambda", memory_mb = 1024, arch = "arm64", logs = false }
"#;

const PREVIOUS: &[u8] = b"key,region,unit,tier_begin,tier_end,usd,sku,effective,source\nalb.hours,eu-west-2,hour,0,,0.1,X,2020-01-01,previous\n";

/// Run a fetch that must fail with exit 1 and `message`, and check the previous catalog.
fn must_fail(base: &str, services: &str, message: &str, env: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("catalog.csv"), PREVIOUS).unwrap();
    let mut cmd = fetch(base, &out, services);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.assert().code(1).stderr(contains(message));
    assert_eq!(std::fs::read(out.join("catalog.csv")).unwrap(), PREVIOUS);
    assert!(!out.join("metadata.json").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "temporary files left behind");
}

#[test]
fn fault_404() {
    let mut routes = layout();
    routes.remove("/offers/v1.0/aws/index.json");
    let s = Server::start(routes);
    must_fail(&s.base, ALL, "HTTP 404", &[]);
    // 404 is not retried.
    assert_eq!(s.hits(), 1);
}

#[test]
fn fault_500_is_retried_a_bounded_number_of_times() {
    let mut routes = layout();
    routes.insert("/offers/v1.0/aws/index.json".into(), Reply::Status(500));
    let s = Server::start(routes);
    must_fail(&s.base, ALL, "HTTP 500", &[("ARCHCOST_FETCH_RETRIES", "2")]);
    assert_eq!(s.hits(), 3);
}

#[test]
fn fault_connection_refused() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    must_fail(
        &format!("http://127.0.0.1:{port}"),
        ALL,
        "cannot fetch",
        &[],
    );
}

#[test]
fn fault_timeout() {
    let mut routes = layout();
    routes.insert("/offers/v1.0/aws/index.json".into(), Reply::Hang);
    let s = Server::start(routes);
    must_fail(
        &s.base,
        ALL,
        "timed out",
        &[
            ("ARCHCOST_FETCH_TIMEOUT_MS", "300"),
            ("ARCHCOST_FETCH_RETRIES", "0"),
        ],
    );
}

#[test]
fn fault_truncated_body() {
    let mut routes = layout();
    let body = std::fs::read(fixture(OFFERS[3].3)).unwrap();
    let half = body[..body.len() / 2].to_vec();
    routes.insert(
        csv_path("AWSELB", "20260831092255", "eu-west-2"),
        Reply::Truncated {
            body: half,
            claimed: body.len(),
        },
    );
    let s = Server::start(routes);
    must_fail(&s.base, "AWSELB", "the download broke off after", &[]);
}

#[test]
fn fault_malformed_json_index() {
    let mut routes = layout();
    routes.insert(
        "/offers/v1.0/aws/index.json".into(),
        Reply::Ok(b"{\"offers\": {\"AWSELB\": ".to_vec()),
    );
    let s = Server::start(routes);
    must_fail(&s.base, ALL, "malformed JSON", &[]);
}

#[test]
fn fault_malformed_csv() {
    let mut routes = layout();
    let mut body = std::fs::read(fixture(OFFERS[3].3)).unwrap();
    body.extend_from_slice(b"\"BROKEN\",\"JRTCKXETXF\"\n");
    routes.insert(
        csv_path("AWSELB", "20260831092255", "eu-west-2"),
        Reply::Ok(body),
    );
    let s = Server::start(routes);
    must_fail(&s.base, "AWSELB", "malformed CSV", &[]);
}

#[test]
fn fault_offer_without_rows_for_the_region() {
    let mut routes = layout();
    // The us-east-1 file served as eu-west-2's: nothing in it is for eu-west-2.
    routes.insert(
        csv_path("AWSELB", "20260831092255", "eu-west-2"),
        Reply::Ok(
            std::fs::read(fixture("csv/AWSELB-us-east-1-20260831092255-excerpt.csv")).unwrap(),
        ),
    );
    let s = Server::start(routes);
    must_fail(
        &s.base,
        "AWSELB",
        "no rows archcost can use for region eu-west-2",
        &[],
    );
}

#[test]
fn fault_region_missing_from_the_region_index() {
    let s = Server::start(layout());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("catalog.csv"), PREVIOUS).unwrap();
    fetch(&s.base, &out, "AWSELB")
        .args(["--region", "ap-northeast-1"])
        .assert()
        .code(1)
        .stderr(contains("has no file for region ap-northeast-1"));
    assert_eq!(std::fs::read(out.join("catalog.csv")).unwrap(), PREVIOUS);
}

#[test]
fn fault_output_not_writable() {
    let s = Server::start(layout());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, PREVIOUS).unwrap();
    fetch(&s.base, &file.join("prices"), ALL)
        .assert()
        .code(1)
        .stderr(contains("a-file"));
    assert_eq!(std::fs::read(&file).unwrap(), PREVIOUS);
    // Nothing was downloaded: the directory is checked first.
    assert_eq!(s.hits(), 0);
}

#[test]
fn plain_http_only_to_loopback_and_size_cap() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("archcost")
        .unwrap()
        .args([
            "pricing",
            "fetch",
            "--region",
            "eu-west-2",
            "--base-url",
            "http://example.com",
        ])
        .arg("--out")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("scheme `http` is not allowed"));
    let s = Server::start(layout());
    must_fail(
        &s.base,
        "AWSELB",
        "byte cap",
        &[("ARCHCOST_FETCH_MAX_BYTES", "1000")],
    );
}

#[test]
fn base_url_from_the_environment_and_default_cache_dir() {
    let s = Server::start(layout());
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("archcost")
        .unwrap()
        .args([
            "pricing",
            "fetch",
            "--region",
            "eu-west-2",
            "--services",
            "alb",
        ])
        .env("ARCHCOST_PRICING_URL", &s.base)
        .env("XDG_CACHE_HOME", dir.path())
        .env("ARCHCOST_FETCH_RETRIES", "0")
        .assert()
        .success();
    let c = archcost::pricing::load_dir(&dir.path().join("archcost/pricing")).unwrap();
    assert_eq!(
        c.tiers("alb.hours", "eu-west-2").unwrap()[0]
            .usd
            .to_string(),
        "0.02646"
    );
}

/// Without --services every offer the catalog uses is fetched; an offer missing for the
/// region or with no usable rows is a warning there (some mapping rules are unverified),
/// while the same offer named in --services is an error (see the fault tests).
#[test]
fn default_offer_set_skips_offers_without_rows_with_a_warning() {
    let mut routes = layout();
    let mut index: serde_json::Value = match routes.get("/offers/v1.0/aws/index.json") {
        Some(Reply::Ok(b)) => serde_json::from_slice(b).unwrap(),
        _ => unreachable!(),
    };
    for offer in [
        "AmazonDynamoDB",
        "AmazonEC2",
        "AmazonECR",
        "AmazonEKS",
        "AmazonVPC",
        "awswaf",
    ] {
        let ri = format!("/offers/v1.0/aws/{offer}/current/region_index.json");
        index["offers"][offer] = serde_json::json!({ "currentRegionIndexUrl": ri });
        routes.insert(ri, Reply::Ok(br#"{"regions": {}}"#.to_vec()));
    }
    routes.insert(
        "/offers/v1.0/aws/index.json".into(),
        Reply::Ok(serde_json::to_vec(&index).unwrap()),
    );
    routes.insert(
        csv_path("AWSELB", "20260831092255", "eu-west-2"),
        Reply::Ok(
            std::fs::read(fixture("csv/AWSELB-us-east-1-20260831092255-excerpt.csv")).unwrap(),
        ),
    );
    let s = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("archcost")
        .unwrap()
        .args([
            "pricing",
            "fetch",
            "--region",
            "eu-west-2",
            "--base-url",
            &s.base,
        ])
        .arg("--out")
        .arg(dir.path())
        .env("ARCHCOST_FETCH_RETRIES", "0")
        .assert()
        .success()
        .stderr(contains(
            "offer AmazonEC2 has no file for region eu-west-2; skipped",
        ))
        .stderr(contains(
            "offer AWSELB has no rows archcost can use for region eu-west-2",
        ))
        .stderr(contains("from 5 offer file(s)"));
    let c = archcost::pricing::load_dir(dir.path()).unwrap();
    assert!(!c.has("alb.hours", "eu-west-2"));
    assert!(c.has("lambda.requests.x86_64", "eu-west-2"));
}

fn drip_index() -> HashMap<String, Reply> {
    let mut routes = layout();
    let body = match routes.get("/offers/v1.0/aws/index.json") {
        Some(Reply::Ok(b)) => b.clone(),
        _ => unreachable!(),
    };
    routes.insert(
        "/offers/v1.0/aws/index.json".into(),
        Reply::Drip {
            body,
            every: Duration::from_millis(20),
        },
    );
    routes
}

#[test]
fn fault_body_dripped_below_the_minimum_rate() {
    let s = Server::start(drip_index());
    must_fail(
        &s.base,
        ALL,
        "too slow",
        &[
            ("ARCHCOST_FETCH_MIN_RATE", "1000"),
            ("ARCHCOST_FETCH_RATE_WINDOW_MS", "300"),
        ],
    );
}

#[test]
fn fault_whole_fetch_past_its_deadline() {
    // A steady 50 bytes/s passes the rate check (disabled) but not the 1 s total deadline.
    let s = Server::start(drip_index());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    fetch(&s.base, &out, ALL)
        .args(["--timeout", "1"])
        .env("ARCHCOST_FETCH_MIN_RATE", "0")
        .assert()
        .code(1)
        .stderr(contains("deadline of 1 s (--timeout)"));
    assert!(!out.join("catalog.csv").exists());
}

#[test]
fn redirect_from_loopback_to_plain_http_elsewhere_is_refused() {
    let mut routes = layout();
    routes.insert(
        "/offers/v1.0/aws/index.json".into(),
        Reply::Redirect("http://prices.example.invalid/offers/v1.0/aws/index.json".into()),
    );
    let s = Server::start(routes);
    must_fail(
        &s.base,
        ALL,
        "redirect refused",
        &[("ARCHCOST_FETCH_RETRIES", "0")],
    );
}

/// The layout with the Lambda region index pointing at `host` by absolute URL.
fn index_naming_host(base: &str, host: &str) -> HashMap<String, Reply> {
    let mut routes = layout();
    let port = base.rsplit(':').next().unwrap();
    let (offer, version, region, _) = OFFERS[0];
    let region_index = serde_json::json!({
        "formatVersion": "v1.0",
        "publicationDate": "2026-08-31T09:23:18Z",
        "regions": { region: {
            "regionCode": region,
            "currentVersionUrl": format!("http://{host}:{port}/offers/v1.0/aws/{offer}/{version}/{region}/index.json"),
        }},
    });
    routes.insert(
        format!("/offers/v1.0/aws/{offer}/current/region_index.json"),
        Reply::Ok(serde_json::to_vec(&region_index).unwrap()),
    );
    routes
}

#[test]
fn index_urls_leaving_the_base_host_need_allow_hosts() {
    // The base is 127.0.0.1; the index names `localhost` (same server, another host name).
    let server = ServerWith::start(|base| index_naming_host(base, "localhost"));
    must_fail(&server.0.base, "AWSLambda", "--allow-hosts localhost", &[]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    fetch(&server.0.base, &out, "AWSLambda")
        .args(["--allow-hosts", "localhost"])
        .assert()
        .success();
    assert!(out.join("catalog.csv").is_file());
}

/// A server whose routes depend on its own base URL (known only once it listens).
struct ServerWith(Server);

impl ServerWith {
    fn start(routes: impl FnOnce(&str) -> HashMap<String, Reply>) -> ServerWith {
        // Bind first, then build the routes for that address.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let table = routes(&base);
        ServerWith(Server::start_on(listener, table))
    }
}

#[test]
fn credentials_in_the_base_url_are_never_shown_or_written() {
    let server = Server::start(layout());
    let with_creds = server.base.replacen("http://", "http://alice:s3cret@", 1);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    let ok = fetch(&with_creds, &out, ALL).assert().success();
    let stderr = String::from_utf8_lossy(&ok.get_output().stderr).into_owned();
    assert!(!stderr.contains("s3cret"), "{stderr}");
    let meta = std::fs::read_to_string(out.join("metadata.json")).unwrap();
    assert!(
        !meta.contains("s3cret") && !meta.contains("alice"),
        "{meta}"
    );
    assert!(meta.contains(&server.base), "{meta}");
    // A failure quotes the URL without them too.
    let failed = fetch(&with_creds, &out, "AmazonEKS").assert().code(1);
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(
        !stderr.contains("s3cret") && !stderr.contains("alice"),
        "{stderr}"
    );
}

#[test]
fn fetch_writes_reserved_terms_to_commitments_csv() {
    let server = Server::start(layout());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    fetch(&server.base, &out, "rds")
        .assert()
        .success()
        .stderr(contains("1 commitment rates"));
    let text = std::fs::read_to_string(out.join("commitments.csv")).unwrap();
    // Lines 23-24 of the RDS fixture: 3yr Partial Upfront, 112 upfront + 0.0043 an hour.
    assert!(
        text.contains("rds.reserved.postgresql.single_az.db.t4g.micro,eu-west-2,hour,standard,3,partial-upfront,112,0.0043,0.008561796,0.018,upfront+hourly,ATYF9R3XTURNBSMZ.38NPMPTW36,2026-09-04,"),
        "{text}"
    );
    assert!(text.contains("AmazonRDS/20260904172716/eu-west-2/index.csv"));
    let c = archcost::pricing::load_dir(&out).unwrap();
    let r = c
        .commitments()
        .unwrap()
        .rate(
            "rds.reserved.postgresql.single_az.db.t4g.micro",
            "eu-west-2",
            3,
            archcost::pricing::commitments::Payment::PartialUpfront,
        )
        .unwrap();
    assert!(r.file.ends_with("commitments.csv"), "{}", r.file);
    // Bundled rows of other keys are still there.
    assert!(c
        .commitments()
        .unwrap()
        .rate(
            "ec2.reserved.linux.m5.large",
            "us-east-1",
            1,
            archcost::pricing::commitments::Payment::PartialUpfront,
        )
        .is_some());
}

#[test]
fn fetch_savings_plan_reads_the_array_region_index_then_the_regional_csv() {
    let mut routes = layout();
    // A Savings Plan region index is an array of {regionCode, versionUrl}. The only real
    // Savings Plan file on hand is the Database plan's, which has no compute rates: the
    // fetch reaches it through the array and reports it, exit 1, writing nothing.
    routes.insert(
        "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json".into(),
        Reply::Ok(
            std::fs::read(fixture(
                "index/savingsPlan-AWSDatabaseSavingsPlans-region_index-20260422194203.json",
            ))
            .unwrap(),
        ),
    );
    routes.insert(
        "/savingsPlan/v1.0/aws/AWSDatabaseSavingsPlans/20260422194203/ap-south-2/index.csv".into(),
        Reply::Ok(
            std::fs::read(fixture(
                "csv/savingsPlan-AWSDatabaseSavingsPlans-ap-south-2-20260422194203.csv",
            ))
            .unwrap(),
        ),
    );
    let server = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("archcost")
        .unwrap()
        .args([
            "pricing",
            "fetch",
            "--region",
            "ap-south-2",
            "--services",
            "savingsplan",
            "--base-url",
            &server.base,
        ])
        .arg("--out")
        .arg(dir.path().join("prices"))
        .env("ARCHCOST_FETCH_RETRIES", "0")
        .env_remove("ARCHCOST_PRICING_URL")
        .assert()
        .code(1)
        .stderr(contains(
            "offer AWSComputeSavingsPlan has no rates archcost can use for region ap-south-2",
        ));
    assert_eq!(server.hits(), 3);
    assert!(!dir.path().join("prices").join("catalog.csv").exists());
}

#[test]
fn a_password_in_a_base_url_that_does_not_parse_is_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    for base in [
        "https://alice:s3cret@exa mple.com",
        "https://alice:s3cret@pricing.example:99999/",
        "http://alice:s3cret@[::1",
        "https://alice:pa/s3cret@pricing.example",
        "alice:s3cret@pricing.example",
        "ftp://alice:s3cret@pricing.example",
        "http://alice:s3cret@pricing.example",
    ] {
        let failed = fetch(base, &out, "AWSLambda").assert().code(2);
        let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
        assert!(!stderr.contains("s3cret"), "{base}: {stderr}");
        // The same from the environment.
        let failed = fetch("", &out, "AWSLambda")
            .env("ARCHCOST_PRICING_URL", base)
            .args(["--base-url", base])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
        assert!(!stderr.contains("s3cret"), "{base}: {stderr}");
    }
    // A transport failure (nothing listens) quotes the URL without the password either.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let failed = fetch(
        &format!("http://alice:s3cret@127.0.0.1:{port}"),
        &out,
        "AWSLambda",
    )
    .env("ARCHCOST_FETCH_RETRIES", "0")
    .assert()
    .code(1);
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(
        !stderr.contains("s3cret") && stderr.contains("127.0.0.1"),
        "{stderr}"
    );
}

#[test]
fn a_redirect_to_another_loopback_host_obeys_the_host_rule() {
    // The base is 127.0.0.1; its index redirects to `localhost` or 127.0.0.2: each is another
    // host, refused at the hop unless --allow-hosts names it.
    for other in ["localhost", "127.0.0.2"] {
        let server = ServerWith::start(|base| {
            let port = base.rsplit(':').next().unwrap().to_string();
            let mut routes = layout();
            let index = routes.remove("/offers/v1.0/aws/index.json").unwrap();
            routes.insert("/moved/index.json".into(), index);
            routes.insert(
                "/offers/v1.0/aws/index.json".into(),
                Reply::Redirect(format!("http://{other}:{port}/moved/index.json")),
            );
            routes
        });
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("prices");
        let failed = fetch(&server.0.base, &out, "AWSLambda")
            .env("ARCHCOST_FETCH_RETRIES", "0")
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
        assert!(
            stderr.contains("redirect refused")
                && stderr.contains(&format!("--allow-hosts {other}")),
            "{other}: {stderr}"
        );
        assert!(!out.join("catalog.csv").exists());
    }
    // Allowed: the redirect to `localhost` (the same server) is followed.
    let server = ServerWith::start(|base| {
        let port = base.rsplit(':').next().unwrap().to_string();
        let mut routes = layout();
        let index = routes.remove("/offers/v1.0/aws/index.json").unwrap();
        routes.insert("/moved/index.json".into(), index);
        routes.insert(
            "/offers/v1.0/aws/index.json".into(),
            Reply::Redirect(format!("http://localhost:{port}/moved/index.json")),
        );
        routes
    });
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prices");
    fetch(&server.0.base, &out, "AWSLambda")
        .args(["--allow-hosts", "localhost"])
        .assert()
        .success();
    assert!(out.join("catalog.csv").is_file());
}
