//! What an AllowedOrigin pattern can match, judged against what browsers send.
//!
//! Browsers serialise `Origin` as `scheme://host[:port]`: lower-case scheme and host,
//! punycode for international hosts, no default port, no trailing slash, no path (WHATWG
//! URL "ASCII serialization of an origin"), or the literal `null` for opaque origins. A
//! pattern whose literal parts contradict that can never match (it is *dead*). A pattern
//! whose `*` sits where an attacker chooses the host (`https://*example.com`,
//! `https://example.com*`) matches hosts anyone can register (*takeover*).
//!
//! Pure string analysis: no matching semantics here (those are `preflight`'s); the example
//! attacker origins given in messages are confirmed with `preflight`'s matcher by the caller.

/// Why an origin pattern can never match what a browser sends, with a corrected value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadOrigin {
    /// Each reason, e.g. "upper-case host", "trailing slash".
    pub reasons: Vec<&'static str>,
    /// The value a browser would send for the origin that was probably meant.
    pub suggestion: Option<String>,
}

/// Which side of the host a takeover-prone `*` sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takeover {
    /// `*` before the registrable name: `https://*example.com`, `https://*.com`,
    /// `https://*.github.io`.
    Suffix,
    /// `*` after a literal host start: `https://example.com*`, `https://example.*`.
    Prefix,
}

/// Where the `*` of a pattern sits, for the security checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WildcardKind {
    /// No `*`.
    None,
    /// The pattern matches any host (`*`, `https://*`, `http*`).
    AnyHost,
    /// The `*` lets an attacker pick a host they can register; with an example origin.
    Takeover(Takeover, String),
    /// The `*` is confined (subdomains of a registrable domain, the port, the scheme).
    Confined,
}

/// Public suffixes with more than one label that people commonly use (a fragment of the
/// Public Suffix List; single-label suffixes such as `com` are recognised by shape).
const MULTI_LABEL_SUFFIXES: &[&str] = &[
    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "com.cn", "net.cn", "org.cn", "gov.cn",
    "edu.cn", "com.hk", "com.tw", "com.au", "net.au", "org.au", "co.jp", "ne.jp", "or.jp", "co.kr",
    "com.br", "com.sg", "co.nz", "co.in", "com.mx", "co.za", "com.tr",
];

/// Shared hosting domains where anyone can get a subdomain (the PSL's private section,
/// abridged; plus OSS and S3 bucket domains, where anyone can create a bucket).
const SHARED_HOSTING: &[&str] = &[
    "aliyuncs.com",
    "amazonaws.com",
    "s3.amazonaws.com",
    "cloudfront.net",
    "github.io",
    "gitlab.io",
    "netlify.app",
    "vercel.app",
    "pages.dev",
    "workers.dev",
    "herokuapp.com",
    "appspot.com",
    "web.app",
    "firebaseapp.com",
    "azurewebsites.net",
    "blob.core.windows.net",
    "ngrok.io",
    "ngrok-free.app",
];

/// Whether anyone can register names directly under `domain`.
fn is_open_for_registration(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.');
    if domain.is_empty() || !domain.contains('.') {
        return true;
    }
    if MULTI_LABEL_SUFFIXES.contains(&domain) || SHARED_HOSTING.contains(&domain) {
        return true;
    }
    // OSS bucket domains: BUCKET.oss-REGION[-internal].aliyuncs.com
    if let Some(region) = domain.strip_suffix(".aliyuncs.com") {
        return region.starts_with("oss-") && !region.contains('.');
    }
    // S3 bucket domains: BUCKET.s3.REGION.amazonaws.com, BUCKET.s3-REGION.amazonaws.com
    if let Some(region) = domain.strip_suffix(".amazonaws.com") {
        return region.starts_with("s3") && region.split('.').count() <= 2;
    }
    false
}

/// The host part of `scheme://host[:port]...` (IPv6 brackets kept), and what follows it.
fn split_host(rest: &str) -> (&str, &str) {
    if rest.starts_with('[') {
        return match rest.find(']') {
            Some(i) => rest.split_at(i + 1),
            None => (rest, ""),
        };
    }
    match rest.find([':', '/', '?', '#']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    }
}

/// Why `origin` (an AllowedOrigin value) can never equal an `Origin` header a browser
/// sends, or `None` when it can. `*` and `null` are not dead (see the null-origin check).
pub fn dead_origin(origin: &str) -> Option<DeadOrigin> {
    if origin == "*" || origin == "null" {
        return None;
    }
    let mut reasons = Vec::new();
    let trimmed = origin.trim();
    if trimmed.len() != origin.len() || trimmed.contains(char::is_whitespace) {
        reasons.push("whitespace");
    }
    let value = trimmed;
    let (scheme, rest) = match value.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, value),
    };
    if scheme.is_none() {
        // A pattern starting with `*` covers the scheme; anything else is a literal start
        // that no `scheme://` origin begins with.
        if !value.starts_with('*') {
            reasons.push("no scheme");
        }
    }
    if let Some(s) = scheme
        && !s.contains('*')
        && s.chars().any(|c| c.is_ascii_uppercase())
    {
        reasons.push("upper-case scheme");
    }
    let (host, tail) = if scheme.is_some() || !value.starts_with('*') {
        split_host(rest)
    } else {
        ("", "")
    };
    if host.contains('@') {
        reasons.push("user name in the origin");
    }
    if host.chars().any(|c| c.is_ascii_uppercase()) {
        reasons.push("upper-case host");
    }
    if !value.is_ascii() {
        reasons.push("non-ASCII host (browsers send the punycode xn-- form)");
    }
    let (port, path) = match tail.strip_prefix(':') {
        Some(p) => match p.find(['/', '?', '#']) {
            Some(i) => p.split_at(i),
            None => (p, ""),
        },
        None => ("", tail),
    };
    let default_port = match scheme.map(str::to_ascii_lowercase).as_deref() {
        Some("https") | Some("wss") => port == "443",
        Some("http") | Some("ws") => port == "80",
        _ => false,
    };
    if default_port {
        reasons.push("default port");
    }
    if path == "/" {
        reasons.push("trailing slash");
    } else if !path.is_empty() {
        reasons.push("a path");
    }
    if reasons.is_empty() {
        return None;
    }
    Some(DeadOrigin {
        reasons,
        suggestion: suggest(value, scheme, host, port, default_port),
    })
}

/// The origin a browser would send for what `value` probably meant.
fn suggest(
    value: &str,
    scheme: Option<&str>,
    host: &str,
    port: &str,
    default_port: bool,
) -> Option<String> {
    let scheme = match scheme {
        Some(s) => s.to_ascii_lowercase(),
        None if value.starts_with('*') => return None,
        None => "https".to_string(),
    };
    let host = host.rsplit('@').next().unwrap_or(host).to_lowercase();
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let host = if host.is_ascii() {
        host
    } else {
        to_ascii_host(&host)?
    };
    let mut out = format!("{scheme}://{host}");
    if !port.is_empty() && !default_port {
        out.push(':');
        out.push_str(port);
    }
    (out != value).then_some(out)
}

/// The ASCII form of an (already lower-cased) international host, as browsers put it in
/// the Origin: each non-ASCII label becomes `xn--` + its Punycode (RFC 3492). Full IDNA
/// mapping (UTS #46) is beyond this; lower-casing covers the common cases.
pub fn to_ascii_host(host: &str) -> Option<String> {
    let labels: Option<Vec<String>> = host
        .split('.')
        .map(|label| {
            if label.is_ascii() {
                Some(label.to_string())
            } else {
                punycode(label).map(|p| format!("xn--{p}"))
            }
        })
        .collect();
    labels.map(|l| l.join("."))
}

/// RFC 3492 Punycode encoding of one label.
fn punycode(label: &str) -> Option<String> {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / DAMP } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            k += BASE;
        }
        k + ((BASE - TMIN + 1) * delta) / (delta + SKEW)
    }
    fn digit(d: u32) -> char {
        // d < 36 by construction.
        let d = d as u8;
        if d < 26 {
            (b'a' + d) as char
        } else {
            (b'0' + d - 26) as char
        }
    }
    let input: Vec<u32> = label.chars().map(u32::from).collect();
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    while (handled as usize) < input.len() {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        TMIN
                    } else if k >= bias + TMAX {
                        TMAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}

/// Where the `*` of an AllowedOrigin pattern sits (for takeover and wildcard-write).
pub fn wildcard_kind(origin: &str) -> WildcardKind {
    let Some((before, after)) = origin.split_once('*') else {
        return WildcardKind::None;
    };
    if after.contains("://") {
        // `*://host`: the host is literal.
        return WildcardKind::Confined;
    }
    let host_prefix = match before.split_once("://") {
        Some((_, h)) => h,
        None if before.is_empty() => "",
        // `example.com*` without a scheme: dead, not a takeover.
        None => return WildcardKind::Confined,
    };
    if host_prefix.contains([':', '/']) {
        // `https://a.com:*`: only the port (or a dead path) varies.
        return WildcardKind::Confined;
    }
    let host_suffix = split_host(after).0;
    if host_suffix.is_empty() {
        if host_prefix.is_empty() {
            return WildcardKind::AnyHost;
        }
        let dot = if before.ends_with('.') { "" } else { "." };
        let example = format!("{before}{dot}evil.net{after}");
        return WildcardKind::Takeover(Takeover::Prefix, example);
    }
    let domain = match host_suffix.strip_prefix('.') {
        Some(d) => d,
        None => host_suffix.split_once('.').map(|(_, d)| d).unwrap_or(""),
    };
    if !is_open_for_registration(domain) {
        return WildcardKind::Confined;
    }
    if host_prefix.is_empty() {
        let filler = if after.starts_with('.') {
            "evil"
        } else {
            "evil-"
        };
        WildcardKind::Takeover(Takeover::Suffix, format!("{before}{filler}{after}"))
    } else {
        let filler = if after.starts_with('.') {
            "-evil"
        } else {
            "-evil."
        };
        WildcardKind::Takeover(Takeover::Prefix, format!("{before}{filler}{after}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(o: &str) -> Vec<&'static str> {
        dead_origin(o).map(|d| d.reasons).unwrap_or_default()
    }

    fn suggestion(o: &str) -> Option<String> {
        dead_origin(o).and_then(|d| d.suggestion)
    }

    #[test]
    fn live_origins() {
        for o in [
            "*",
            "null",
            "https://app.example.com",
            "http://localhost:8080",
            "https://*.example.com",
            "https://example.com:*",
            "*.example.com",
            "http://[::1]:3000",
            "chrome-extension://abcdefghijklmnop",
            "https://xn--bcher-kva.example",
        ] {
            assert_eq!(dead_origin(o), None, "{o}");
        }
    }

    #[test]
    fn dead_origins_with_fixes() {
        assert_eq!(reasons("https://App.example.com"), ["upper-case host"]);
        assert_eq!(
            suggestion("https://App.example.com").as_deref(),
            Some("https://app.example.com")
        );
        assert_eq!(reasons("HTTPS://app.example.com"), ["upper-case scheme"]);
        assert_eq!(reasons("https://app.example.com/"), ["trailing slash"]);
        assert_eq!(
            suggestion("https://app.example.com/").as_deref(),
            Some("https://app.example.com")
        );
        assert_eq!(reasons("https://app.example.com/login"), ["a path"]);
        assert_eq!(reasons("https://app.example.com:443"), ["default port"]);
        assert_eq!(reasons("http://app.example.com:80"), ["default port"]);
        assert_eq!(reasons("https://app.example.com:80"), Vec::<&str>::new());
        assert_eq!(reasons("app.example.com"), ["no scheme"]);
        assert_eq!(
            suggestion("app.example.com").as_deref(),
            Some("https://app.example.com")
        );
        assert_eq!(
            reasons("https://bücher.example"),
            ["non-ASCII host (browsers send the punycode xn-- form)"]
        );
        assert_eq!(reasons(" https://a.com"), ["whitespace"]);
        assert_eq!(
            reasons("https://A.com:443/"),
            ["upper-case host", "default port", "trailing slash"]
        );
        assert_eq!(
            suggestion("https://A.com:443/").as_deref(),
            Some("https://a.com")
        );
        assert_eq!(reasons("https://*.Example.com"), ["upper-case host"]);
        assert_eq!(reasons("https://*.example.com/"), ["trailing slash"]);
        assert_eq!(reasons("https://user@a.com"), ["user name in the origin"]);
    }

    #[test]
    fn international_hosts_get_their_punycode_form() {
        assert_eq!(
            to_ascii_host("bücher.example").as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(
            to_ascii_host("münchen.de").as_deref(),
            Some("xn--mnchen-3ya.de")
        );
        assert_eq!(
            to_ascii_host("例え.テスト").as_deref(),
            Some("xn--r8jz45g.xn--zckzah")
        );
        assert_eq!(
            suggestion("https://Bücher.example/").as_deref(),
            Some("https://xn--bcher-kva.example")
        );
    }

    #[test]
    fn wildcard_positions() {
        use WildcardKind as W;
        assert_eq!(wildcard_kind("https://a.com"), W::None);
        assert_eq!(wildcard_kind("*"), W::AnyHost);
        assert_eq!(wildcard_kind("https://*"), W::AnyHost);
        assert_eq!(wildcard_kind("https://*:8443"), W::AnyHost);
        assert_eq!(wildcard_kind("https://*.example.com"), W::Confined);
        assert_eq!(wildcard_kind("https://*-app.example.com"), W::Confined);
        assert_eq!(wildcard_kind("https://app-*.example.com"), W::Confined);
        assert_eq!(wildcard_kind("https://example.com:*"), W::Confined);
        assert_eq!(wildcard_kind("*://example.com"), W::Confined);
        assert_eq!(wildcard_kind("*.example.com"), W::Confined);
        assert_eq!(
            wildcard_kind("https://*example.com"),
            W::Takeover(Takeover::Suffix, "https://evil-example.com".into())
        );
        assert_eq!(
            wildcard_kind("*example.com"),
            W::Takeover(Takeover::Suffix, "evil-example.com".into())
        );
        assert_eq!(
            wildcard_kind("https://*.com"),
            W::Takeover(Takeover::Suffix, "https://evil.com".into())
        );
        assert_eq!(
            wildcard_kind("https://*.co.uk"),
            W::Takeover(Takeover::Suffix, "https://evil.co.uk".into())
        );
        assert_eq!(
            wildcard_kind("https://*.github.io"),
            W::Takeover(Takeover::Suffix, "https://evil.github.io".into())
        );
        assert_eq!(
            wildcard_kind("https://*.oss-cn-hangzhou.aliyuncs.com"),
            W::Takeover(
                Takeover::Suffix,
                "https://evil.oss-cn-hangzhou.aliyuncs.com".into()
            )
        );
        assert_eq!(wildcard_kind("https://*.me.github.io"), W::Confined);
        assert_eq!(
            wildcard_kind("https://example.com*"),
            W::Takeover(Takeover::Prefix, "https://example.com.evil.net".into())
        );
        assert_eq!(
            wildcard_kind("https://example.*"),
            W::Takeover(Takeover::Prefix, "https://example.evil.net".into())
        );
        assert_eq!(
            wildcard_kind("https://example*.com"),
            W::Takeover(Takeover::Prefix, "https://example-evil.com".into())
        );
    }
}
