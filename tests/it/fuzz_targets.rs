//! The three fuzz targets, shared by the corpus replay and mutation driver in
//! `reliability_fuzz.rs` (`cargo test`) and by the coverage-guided libFuzzer targets in
//! `fuzz/fuzz_targets/*.rs` (`scripts/fuzz`), which include this file with
//! `#[path = "../../tests/it/fuzz_targets.rs"]`. One body per target, so what libFuzzer finds
//! is exactly what `cargo test` replays.
//!
//! * [`target_rules`]: the XML, YAML and JSON readers (`rules::parse_bytes`); no panic, and
//!   anything accepted survives render → parse unchanged in all three formats;
//! * [`target_verify`]: the Authorization-header and presigned-URL parsers
//!   (`oss::sign::verify`) on a request decoded from the bytes; no panic;
//! * [`target_simulator`]: `preflight::server::oss_answer` against a slow reference written
//!   here (backtracking glob, naive first-match rule scan) on a configuration and request
//!   decoded from the bytes; any disagreement panics.
//!
//! Because the fuzz package compiles this file too, it may use only `ossctl`, `jiff`,
//! `percent-encoding` and std: nothing from the test binary (`crate::util`), no I/O.

use ossctl::oss::Secret;
use ossctl::oss::sign::{self, IncomingRequest};
use ossctl::preflight::behaviour::{
    ActualAcrm, Choices, EmptyAcrhItems, OriginCase, UnknownAcrm, WildcardEmpty,
};
use ossctl::preflight::server as pf;
use ossctl::rules::{self, CorsConfiguration, CorsRule, Format};

/// The only access key `target_verify` knows (its signed seeds use it).
pub const KEY_ID: &str = "LTAIfuzzKeyId";
/// The secret of [`KEY_ID`].
pub const KEY_SECRET: &str = "fuzz-secret-value";
/// The region V4 signatures are checked against.
pub const REGION: &str = "cn-hangzhou";

/// The verifier's clock: fixed, so a corpus of signed requests stays valid forever.
pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_767_225_600).unwrap() // 2026-01-01T00:00:00Z
}

// ------------------------------------------------------------------------------ targets

/// The rule-document readers.
pub fn target_rules(data: &[u8]) {
    for format in [Format::Xml, Format::Yaml, Format::Json] {
        if let Ok(config) = rules::parse_bytes(data, format, "fuzz") {
            for out in [Format::Xml, Format::Yaml, Format::Json] {
                let text = rules::render(&config, out);
                let back = rules::parse(&text, out, "rendered").unwrap_or_else(|e| {
                    panic!("{format:?} input accepted, its {out:?} rendering refused: {e}\n{text}")
                });
                assert_eq!(back, config, "{format:?} -> {out:?} round trip");
            }
        }
    }
}

/// Decodes `METHOD PATH?QUERY\nName: value\n...` (lossy UTF-8) into a request.
fn incoming(data: &[u8]) -> IncomingRequest {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    let (method, target) = first.split_once(' ').unwrap_or((first, "/"));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    IncomingRequest {
        method: method.to_string(),
        raw_path: path.to_string(),
        raw_query: query.to_string(),
        headers: lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect(),
    }
}

fn lookup(id: &str) -> Option<Secret> {
    (id == KEY_ID).then(|| Secret::new(KEY_SECRET))
}

/// The signature verifier on arbitrary requests: never panics; returns whether it accepted a
/// signature (an anonymous request is not a signature). Oracle: a request it accepts is
/// refused when the same key id maps to another secret (no parse path skips the HMAC).
pub fn target_verify(data: &[u8]) -> bool {
    let req = incoming(data);
    let (bucket, key) = {
        let mut parts = req.raw_path.trim_start_matches('/').splitn(2, '/');
        (
            parts.next().filter(|b| !b.is_empty()).map(str::to_string),
            parts.next().filter(|k| !k.is_empty()).map(|k| {
                percent_encoding::percent_decode_str(k)
                    .decode_utf8_lossy()
                    .into_owned()
            }),
        )
    };
    let verify = |lookup: &dyn Fn(&str) -> Option<Secret>| {
        matches!(
            sign::verify(&req, bucket.as_deref(), key.as_deref(), REGION, now(), lookup),
            Ok(auth) if auth != sign::Authentication::Anonymous
        )
    };
    let accepted = verify(&lookup);
    if accepted {
        let other = |id: &str| (id == KEY_ID).then(|| Secret::new("another-secret"));
        assert!(
            !verify(&other),
            "accepted with the wrong secret too:\n{}",
            String::from_utf8_lossy(data)
        );
    }
    accepted
}

/// A configuration and a request decoded from bytes, for the simulator.
struct Case {
    config: Option<CorsConfiguration>,
    method: String,
    origin: Option<String>,
    acrm: Option<String>,
    acrh: Option<String>,
}

struct Bytes<'a>(&'a [u8], usize);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        let b = self.0.get(self.1).copied().unwrap_or(0);
        self.1 += 1;
        b
    }
    fn pick<'s>(&mut self, from: &[&'s str]) -> &'s str {
        from[self.next() as usize % from.len()]
    }
    /// A short string over an alphabet that exercises the glob.
    fn word(&mut self, alphabet: &[u8]) -> String {
        let n = self.next() % 9;
        (0..n)
            .map(|_| alphabet[self.next() as usize % alphabet.len()] as char)
            .collect()
    }
    fn origin(&mut self) -> String {
        if self.next().is_multiple_of(3) {
            self.word(b"ab*.:/Ahtps")
        } else {
            self.pick(&[
                "https://a.com",
                "https://*.a.com",
                "*",
                "https://b.a.com",
                "https://A.com",
                "http://a.com:8080",
                "https://*",
                "*.com",
                "https://a.b.a.com",
                "",
            ])
            .to_string()
        }
    }
    fn header(&mut self) -> String {
        if self.next().is_multiple_of(2) {
            self.word(b"xa-*Bo")
        } else {
            self.pick(&["x-oss-*", "*", "content-type", "X-Amz-*", "x-a", "x-*-b"])
                .to_string()
        }
    }
}

const METHODS: [&str; 8] = [
    "GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "get", "PATCH",
];

fn case(data: &[u8]) -> Case {
    let mut b = Bytes(data, 0);
    let config = (b.next() % 8 != 0).then(|| {
        let n = 1 + b.next() as usize % 4;
        CorsConfiguration {
            rules: (0..n)
                .map(|_| CorsRule {
                    allowed_origins: (0..1 + b.next() % 3).map(|_| b.origin()).collect(),
                    allowed_methods: (0..1 + b.next() % 3)
                        .map(|_| b.pick(&METHODS[..5]).to_string())
                        .collect(),
                    allowed_headers: (0..b.next() % 3).map(|_| b.header()).collect(),
                    expose_headers: Vec::new(),
                    max_age_seconds: (b.next() % 2 == 0).then_some(u64::from(b.next())),
                })
                .collect(),
            response_vary: Some(b.next() % 2 == 0),
        }
    });
    let method = b.pick(&METHODS).to_string();
    let origin = (b.next() % 6 != 0).then(|| b.origin());
    let acrm = (b.next() % 5 != 0).then(|| b.pick(&METHODS).to_string());
    let acrh = (b.next() % 2 == 0).then(|| {
        (0..b.next() % 4)
            .map(|_| b.header())
            .collect::<Vec<_>>()
            .join(b.pick(&[",", ", ", " ,\t", ",,"]))
    });
    Case {
        config,
        method,
        origin,
        acrm,
        acrh,
    }
}

/// Slow reference glob: `*` matches any run (empty too under the default `wildcard-empty`).
fn ref_glob(p: &[u8], v: &[u8], ignore_case: bool) -> bool {
    match p.split_first() {
        None => v.is_empty(),
        Some((b'*', rest)) => {
            let min = usize::from(Choices::default().wildcard_empty != WildcardEmpty::Matches);
            (min..=v.len()).any(|k| ref_glob(rest, &v[k..], ignore_case))
        }
        Some((c, rest)) => match v.split_first() {
            Some((d, vrest)) => {
                let same = if ignore_case {
                    c.eq_ignore_ascii_case(d)
                } else {
                    c == d
                };
                same && ref_glob(rest, vrest, ignore_case)
            }
            None => false,
        },
    }
}

/// The reference: which rule OSS uses for this request (first full match), if any.
fn ref_matched_rule(c: &Case) -> Option<usize> {
    let config = c.config.as_ref()?;
    let options = c.method == "OPTIONS";
    let origin = c.origin.as_deref()?;
    if options && c.acrm.is_none() {
        return None;
    }
    let method = if options {
        c.acrm.as_deref()?
    } else {
        c.method.as_str()
    };
    let headers: Vec<&str> = match (
        &c.acrh,
        options || Choices::default().actual_acrm == ActualAcrm::Used,
    ) {
        (Some(list), true) => list
            .split(',')
            .map(|h| h.trim_matches([' ', '\t', '\r', '\n']))
            .filter(|h| {
                !(Choices::default().empty_acrh_items == EmptyAcrhItems::Ignored && h.is_empty())
            })
            .collect(),
        _ => Vec::new(),
    };
    for (i, rule) in config.rules.iter().enumerate() {
        let known = ["GET", "PUT", "POST", "DELETE", "HEAD"].contains(&method);
        let method_ok = (known || Choices::default().unknown_acrm != UnknownAcrm::NoMatch)
            && rule.allowed_methods.iter().any(|m| m == method);
        let headers_ok = headers.iter().all(|h| {
            rule.allowed_headers
                .iter()
                .any(|p| ref_glob(p.as_bytes(), h.as_bytes(), true))
        });
        let origin_ok = rule.allowed_origins.iter().any(|p| {
            ref_glob(
                p.as_bytes(),
                origin.as_bytes(),
                Choices::default().origin_case == OriginCase::Insensitive,
            )
        });
        if method_ok && headers_ok && origin_ok {
            return Some(i);
        }
    }
    None
}

/// The simulator against the reference: panics on any disagreement.
pub fn target_simulator(data: &[u8]) {
    let c = case(data);
    let req = pf::IncomingRequest {
        method: &c.method,
        origin: c.origin.as_deref(),
        access_control_request_method: c.acrm.as_deref(),
        access_control_request_headers: c.acrh.as_deref(),
        ..Default::default()
    };
    let answer = pf::oss_answer(c.config.as_ref(), &req);
    let want = ref_matched_rule(&c);
    let ctx = || {
        format!(
            "method {:?} origin {:?} acrm {:?} acrh {:?}\nconfig {:?}",
            c.method, c.origin, c.acrm, c.acrh, c.config
        )
    };
    assert_eq!(answer.matched_rule, want, "matched rule\n{}", ctx());
    if c.method == "OPTIONS" && c.config.is_some() && c.origin.is_some() && c.acrm.is_some() {
        let status = if want.is_some() { 200 } else { 403 };
        assert_eq!(answer.status, Some(status), "preflight status\n{}", ctx());
    }
    if c.method != "OPTIONS" {
        assert_eq!(answer.status, None, "{}", ctx());
    }
    // An answer that allows a request names the request's origin or `*`, nothing else.
    if let Some((_, v)) = answer
        .headers
        .iter()
        .find(|(n, _)| *n == pf::names::ALLOW_ORIGIN)
    {
        assert!(
            v == "*" || Some(v.as_ref()) == c.origin.as_deref(),
            "Allow-Origin {v:?}\n{}",
            ctx()
        );
    }
}
