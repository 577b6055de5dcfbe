//! Safe by default: the Host header must name this server (DNS-rebinding protection),
//! state-changing requests must come from the page itself (same origin), and requests are
//! bounded in size.
use std::net::{IpAddr, SocketAddr};

/// Longest accepted request target (path and query string), in bytes.
pub const MAX_URL_BYTES: usize = 8 * 1024;
/// Largest accepted request body, in bytes (a save request is a few hundred).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The address the server listens on.
#[derive(Debug, Clone, Copy)]
pub struct Bound(pub SocketAddr);

impl Bound {
    /// The URL to print and open: `http://127.0.0.1:8080/` (`localhost` never needs DNS).
    pub fn url(&self) -> String {
        let ip = self.0.ip();
        let shown = if ip.is_unspecified() {
            // Listening everywhere: loopback reaches it from this machine.
            match ip {
                IpAddr::V4(_) => "127.0.0.1".to_string(),
                IpAddr::V6(_) => "[::1]".to_string(),
            }
        } else {
            match ip {
                IpAddr::V4(v4) => v4.to_string(),
                IpAddr::V6(v6) => format!("[{v6}]"),
            }
        };
        format!("http://{shown}:{}/", self.0.port())
    }

    /// Whether the Host header `host` names this server: `localhost` or the bound address (any
    /// IP address when listening on all of them), with the bound port. A host name other than
    /// `localhost` is what a DNS-rebinding page sends, so it is refused.
    pub fn host_ok(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        let port_ok = match port {
            Some(p) => p == self.0.port(),
            None => self.0.port() == 80,
        };
        if !port_ok {
            return false;
        }
        let ip = self.0.ip();
        if name.eq_ignore_ascii_case("localhost") {
            return ip.is_loopback() || ip.is_unspecified();
        }
        match name.parse::<IpAddr>() {
            Ok(given) => given == ip || ip.is_unspecified(),
            Err(_) => false,
        }
    }
}

/// `name[:port]` or `[v6][:port]` → (name without brackets, port).
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        return match after {
            "" => Some((name, None)),
            p => Some((name, Some(p.strip_prefix(':')?.parse().ok()?))),
        };
    }
    match host.split_once(':') {
        None if !host.is_empty() => Some((host, None)),
        Some((name, port)) if !name.is_empty() => Some((name, Some(port.parse().ok()?))),
        _ => None,
    }
}

/// Whether a state-changing request comes from the page: its `Origin` is this server as the
/// browser addressed it (`http://` + the already checked Host header), or, without an Origin,
/// the browser says the request is same-origin (`Sec-Fetch-Site`).
pub fn same_origin(host: &str, origin: Option<&str>, fetch_site: Option<&str>) -> bool {
    match origin {
        Some(o) => o.eq_ignore_ascii_case(&format!("http://{}", host.trim())),
        None => fetch_site.is_some_and(|s| s.eq_ignore_ascii_case("same-origin")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(addr: &str) -> Bound {
        Bound(addr.parse().unwrap())
    }

    #[test]
    fn loopback_answers_to_itself_and_localhost_only() {
        let b = bound("127.0.0.1:8080");
        for ok in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080"] {
            assert!(b.host_ok(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.1:8081",
            "127.0.0.1",
            "localhost.evil.example:8080",
            "10.0.0.1:8080",
            "[::1]:8080",
            "",
            ":8080",
            "127.0.0.1:80:80",
            "127.0.0.1:notaport",
        ] {
            assert!(!b.host_ok(bad), "{bad}");
        }
        assert_eq!(b.url(), "http://127.0.0.1:8080/");
    }

    #[test]
    fn ipv6_and_all_interfaces() {
        let b = bound("[::1]:9000");
        assert!(b.host_ok("[::1]:9000"));
        assert!(b.host_ok("localhost:9000"));
        assert!(!b.host_ok("[::2]:9000"));
        assert_eq!(b.url(), "http://[::1]:9000/");
        let all = bound("0.0.0.0:9000");
        assert!(all.host_ok("192.168.1.20:9000"));
        assert!(all.host_ok("localhost:9000"));
        assert!(!all.host_ok("meeting-room.example:9000"));
        assert_eq!(all.url(), "http://127.0.0.1:9000/");
        assert!(bound("127.0.0.1:80").host_ok("localhost"));
    }

    #[test]
    fn origin_must_match_the_host() {
        assert!(same_origin(
            "127.0.0.1:8080",
            Some("http://127.0.0.1:8080"),
            None
        ));
        assert!(!same_origin(
            "127.0.0.1:8080",
            Some("http://evil.example"),
            None
        ));
        assert!(!same_origin("127.0.0.1:8080", Some("null"), None));
        assert!(same_origin("127.0.0.1:8080", None, Some("same-origin")));
        assert!(!same_origin("127.0.0.1:8080", None, Some("cross-site")));
        assert!(!same_origin("127.0.0.1:8080", None, None));
    }
}
