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
//!   decoded from the bytes; any disagreement panics;
//! * [`target_behaviour`]: behaviour files (`preflight::parse_behaviour`, YAML and JSON) and
//!   `--assume NAME=VALUE` (`Behaviour::assume`): no panic, every problem positioned or naming
//!   the argument, and an accepted behaviour written as JSON and as YAML reads back equal;
//! * [`target_requests`]: `--requests` JSON lines through the real line parser
//!   (`app::test::RequestSpec`), then `preflight::simulate` and `preflight::assumptions` under
//!   the default behaviour and the text / JSON renderers: no panic, one line per request;
//! * [`target_terraform`]: `terraform show -json` documents through `app::pipelines::
//!   load_terraform` (what `-f plan.json` uses): no panic, a precise error or rules that
//!   validate and round-trip through XML/YAML/JSON, and whose HCL (`convert --to terraform`)
//!   reads back (string literals and braces; a full HCL parse needs python-hcl2, not here);
//! * [`target_writers`]: the CI writers (`render::{sarif,github,junit}`,
//!   `app::pipelines::document_annotations`) on finding texts and file names decoded from the
//!   bytes (quotes, newlines, `::`, `%`, `]]>`, bytes that are not UTF-8): SARIF parses as
//!   JSON with the expected structure and the file name percent-decodes back; each GitHub
//!   annotation is one line that reads back to what was given; JUnit is well-formed XML whose
//!   attributes and text read back.
//!
//! Because the fuzz package compiles this file too, it may use only `ossctl`, `jiff`,
//! `percent-encoding`, `serde_json`, `quick-xml` (the fuzz package's dependencies, all
//! dependencies of `ossctl` too) and std: nothing from the test binary (`crate::util`), no I/O.

use ossctl::oss::Secret;
use ossctl::oss::sign::{self, ReceivedRequest};
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
fn incoming(data: &[u8]) -> ReceivedRequest {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    let (method, target) = first.split_once(' ').unwrap_or((first, "/"));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    ReceivedRequest {
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
            sign::verify(&req, bucket.as_deref(), key.as_deref(), &sign::Verifier::new(REGION, now(), lookup)),
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

// ------------------------------------------------------------------------------ behaviour

/// Behaviour files and `--assume`: the bytes as a YAML file, as a JSON file, and each of
/// their lines as an `--assume` argument.
pub fn target_behaviour(data: &[u8]) {
    use ossctl::behaviour_file::parse_behaviour;
    use ossctl::preflight::{Behaviour, Choices, Field, Status};
    if let Ok(text) = std::str::from_utf8(data) {
        for format in [Format::Yaml, Format::Json] {
            match parse_behaviour(text, format, "fuzz.behaviour") {
                Ok(b) => behaviour_round_trip(&b, &format!("{format:?} input")),
                Err(e) => {
                    assert!(
                        !e.diagnostics.is_empty(),
                        "{format:?}: an error without a problem"
                    );
                    for d in &e.diagnostics {
                        assert!(!d.message.is_empty(), "{format:?}: an empty message: {d:?}");
                        // "Every problem is reported with its line and column" (its module
                        // doc); the one exception is a file over the size limit.
                        assert!(
                            d.line.is_some() || text.len() > rules::MAX_DOCUMENT_BYTES,
                            "{format:?}: a problem without a position: {d:?}"
                        );
                    }
                    let _ = e.to_string();
                }
            }
        }
    }
    for arg in String::from_utf8_lossy(data).lines().take(16) {
        let mut b = Behaviour::default();
        match b.assume(arg) {
            Ok(()) => {
                let (name, value) = arg.split_once('=').expect("accepted without a `=`");
                let field = Field::from_name(name.trim()).expect("accepted an unknown name");
                assert_eq!(b.source(field).status, Status::Assumed, "--assume {arg:?}");
                let now = b.choices.value(field);
                assert!(
                    Choices::values(field).contains(&now),
                    "--assume {arg:?}: {now}"
                );
                // The value read is the one its written name gives back.
                let mut again = Choices::default();
                again.set(field, now).unwrap();
                assert_eq!(again.value(field), now, "--assume {arg:?}");
                let evidence = &b.source(field).evidence;
                assert!(evidence.contains(value.trim()), "{evidence}");
                behaviour_round_trip(&b, &format!("--assume {arg:?}"));
            }
            Err(e) => {
                // Precise: the error quotes the argument, and says what was expected.
                let e = e.to_string();
                assert!(e.starts_with(&format!("--assume `{arg}`: ")), "{e}");
                let rest = &e[format!("--assume `{arg}`: ").len()..];
                assert!(!rest.trim().is_empty(), "{e}");
                if !arg.contains('=') {
                    assert!(rest.contains("NAME=VALUE"), "{e}");
                }
            }
        }
    }
}

/// A behaviour written as `cors behaviour --output json|yaml` writes it reads back equal.
fn behaviour_round_trip(b: &ossctl::preflight::Behaviour, what: &str) {
    use ossctl::behaviour_file::parse_behaviour;
    let json = ossctl::render::json(b).unwrap_or_else(|e| panic!("{what}: JSON: {e}"));
    let back = parse_behaviour(&json, Format::Json, "written.json")
        .unwrap_or_else(|e| panic!("{what}: its JSON is refused: {e}\n{json}"));
    assert_eq!(&back, b, "{what}: JSON round trip\n{json}");
    let yaml = ossctl::render::yaml(b).unwrap_or_else(|e| panic!("{what}: YAML: {e}"));
    let back = parse_behaviour(&yaml, Format::Yaml, "written.yaml")
        .unwrap_or_else(|e| panic!("{what}: its YAML is refused: {e}\n{yaml}"));
    assert_eq!(&back, b, "{what}: YAML round trip\n{yaml}");
}

// ------------------------------------------------------------------------------ requests

/// The rule sets `target_requests` simulates against (picked by the first byte).
const REQUEST_RULES: [&str; 4] = [
    "",
    "rules:\n- allowed_origins: ['*']\n  allowed_methods: [GET, HEAD]\n",
    "response_vary: true\nrules:\n- allowed_origins: [https://app.example.com, 'https://*.example.com']\n  allowed_methods: [GET, PUT, POST, DELETE]\n  allowed_headers: [content-type, 'x-oss-*']\n  expose_headers: [ETag, x-oss-request-id]\n  max_age_seconds: 600\n",
    "rules:\n- allowed_origins: [http://localhost:3000]\n  allowed_methods: [PUT]\n  allowed_headers: ['*']\n- allowed_origins: ['*']\n  allowed_methods: [GET, POST]\n  max_age_seconds: 0\n",
];

/// `--requests` lines: the first byte picks the rule set and the actual request's outcome,
/// each further line is one line of the file.
pub fn target_requests(data: &[u8]) {
    use ossctl::app::test::RequestSpec;
    use ossctl::preflight::{self, Behaviour, CompiledRules, Outcome};
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = REQUEST_RULES[pick as usize % REQUEST_RULES.len()];
    let config = (!text.is_empty()).then(|| rules::parse(text, Format::Yaml, "rules").unwrap());
    let compiled = CompiledRules::from_config(config.as_ref());
    let outcome = [Outcome::Success, Outcome::Refused, Outcome::Error][(pick / 4 % 3) as usize];
    let behaviour = Behaviour::default();
    for (i, line) in rest.split(|b| *b == b'\n').enumerate().take(8) {
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        let request = match RequestSpec::from_json_line(line) {
            Ok(spec) => match spec.to_browser_request() {
                Ok((request, _notes)) => request,
                Err(e) => {
                    assert!(
                        !e.to_string().trim().is_empty(),
                        "an empty error for {spec:?}"
                    );
                    continue;
                }
            },
            Err(e) => {
                assert!(!e.to_string().trim().is_empty(), "an empty error");
                continue;
            }
        };
        let sim = preflight::simulate(&compiled, &request, behaviour.choices, outcome);
        let assumptions = preflight::assumptions(&compiled, &sim, &behaviour);
        let line_text = ossctl::render::simulation_line(i + 1, &sim, &assumptions);
        // One request, one line (what `--requests` promises its readers).
        assert_eq!(
            line_text.trim_end_matches('\n').lines().count(),
            1,
            "text output is not one line: {line_text:?}\n{request:?}"
        );
        let views = ossctl::render::engine_views(&sim, &[ossctl::preflight::Engine::Chromium], 200);
        let _ = ossctl::render::simulation_text(&sim, &assumptions, &behaviour, &views);
        let json = serde_json::json!({ "line": i + 1, "sim": &sim, "assumptions": &assumptions });
        let compact = ossctl::render::json_line(&json).unwrap();
        assert_eq!(compact.matches('\n').count(), 1, "{compact}");
        let value: serde_json::Value = serde_json::from_str(&compact).unwrap();
        assert!(value["sim"]["verdict"].is_string(), "{compact}");
    }
}

// ------------------------------------------------------------------------------ terraform

/// `terraform show -json` documents, as `-f plan.json` loads them.
pub fn target_terraform(data: &[u8]) {
    use ossctl::app::pipelines::load_terraform;
    use ossctl::rules::terraform;
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = terraform::looks_like_terraform(text);
    }
    let resources = match load_terraform(data, "plan.json", None) {
        Ok(r) => r,
        Err(failure) => {
            let message = failure.report.to_string();
            assert!(!message.trim().is_empty(), "an empty error");
            return;
        }
    };
    assert!(!resources.is_empty(), "accepted, and no resource");
    for r in &resources {
        assert!(
            matches!(
                r.resource_type.as_str(),
                terraform::BUCKET | terraform::BUCKET_CORS
            ),
            "{}",
            r.resource_type
        );
        if let Err(e) = rules::validate(&r.config) {
            panic!("{}: loaded rules do not validate: {e}", r.address);
        }
        // The one named by its address loads alone and the same.
        let one = load_terraform(data, "plan.json", Some(&r.address))
            .unwrap_or_else(|e| panic!("{}: not loadable by address: {}", r.address, e.report));
        assert_eq!(one.len(), 1, "{}", r.address);
        assert_eq!(one[0].config, r.config, "{}", r.address);
        for out in [Format::Xml, Format::Yaml, Format::Json] {
            let text = rules::render(&r.config, out);
            let back = rules::parse(&text, out, "rendered")
                .unwrap_or_else(|e| panic!("{}: its {out:?} rendering refused: {e}", r.address));
            assert_eq!(back, r.config, "{}: {out:?} round trip", r.address);
        }
        let bucket = r.bucket.clone().unwrap_or_else(|_| "bucket".to_string());
        let name = terraform::resource_name(&bucket);
        let hcl = terraform::to_hcl(&r.config, &name, &bucket);
        let mut want = vec![terraform::BUCKET_CORS.to_string(), name, bucket];
        for rule in &r.config.rules {
            want.extend(rule.allowed_origins.iter().cloned());
            want.extend(rule.allowed_methods.iter().cloned());
            want.extend(rule.allowed_headers.iter().cloned());
            want.extend(rule.expose_headers.iter().cloned());
        }
        assert_eq!(hcl_strings(&hcl), want, "HCL round trip\n{hcl}");
    }
}

/// The string literals of HCL written by `terraform::to_hcl`, decoded as HCL decodes them
/// (escapes `\\ \" \n \r \t \uNNNN \UNNNNNNNN`, `$${` and `%%{` for literal `${` and `%{`),
/// checking that no template sequence is left open and braces and brackets balance.
fn hcl_strings(hcl: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth: Vec<char> = Vec::new();
    for line in hcl.lines() {
        let mut chars = line.chars().peekable();
        if line.trim_start().starts_with('#') {
            continue;
        }
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    let mut s = String::new();
                    loop {
                        let c = chars
                            .next()
                            .unwrap_or_else(|| panic!("open string: {line}"));
                        match c {
                            '"' => break,
                            '\\' => match chars.next() {
                                Some('\\') => s.push('\\'),
                                Some('"') => s.push('"'),
                                Some('n') => s.push('\n'),
                                Some('r') => s.push('\r'),
                                Some('t') => s.push('\t'),
                                Some(u @ ('u' | 'U')) => {
                                    let n = if u == 'u' { 4 } else { 8 };
                                    let hex: String = (0..n).filter_map(|_| chars.next()).collect();
                                    let code = u32::from_str_radix(&hex, 16)
                                        .unwrap_or_else(|_| panic!("bad \\{u}{hex}: {line}"));
                                    s.push(char::from_u32(code).expect("a char"));
                                }
                                other => panic!("bad escape \\{other:?}: {line}"),
                            },
                            // HCL's scanner takes the longest match: `%%{` is a literal
                            // `%{` (so `%%%{` is `%%{`); `%{` opens a template sequence.
                            '$' | '%' => {
                                let mut ahead = chars.clone();
                                if ahead.next() == Some(c) && ahead.next() == Some('{') {
                                    chars.next();
                                    chars.next();
                                    s.push(c);
                                    s.push('{');
                                } else if chars.peek() == Some(&'{') {
                                    panic!("a template sequence {c}{{ in a literal: {line}")
                                } else {
                                    s.push(c);
                                }
                            }
                            c if c.is_control() => {
                                panic!("raw control {c:?} in a literal: {line:?}")
                            }
                            c => s.push(c),
                        }
                    }
                    out.push(s);
                }
                '{' | '[' => depth.push(c),
                '}' => assert_eq!(depth.pop(), Some('{'), "unbalanced: {hcl}"),
                ']' => assert_eq!(depth.pop(), Some('['), "unbalanced: {hcl}"),
                _ => {}
            }
        }
    }
    assert!(depth.is_empty(), "unclosed {depth:?}:\n{hcl}");
    out
}

// ------------------------------------------------------------------------------ writers

/// The CI writers on texts decoded from the bytes: pieces separated by 0xFE (never in
/// UTF-8): a file name (raw bytes), then texts (lossy UTF-8) used as finding messages,
/// fixes, values, titles, logical locations and test names.
pub fn target_writers(data: &[u8]) {
    use ossctl::lint::{Finding, LintId};
    use ossctl::rules::Position;
    let mut pieces = data.split(|b| *b == 0xFE);
    let file: &[u8] = pieces.next().unwrap_or_default();
    let texts: Vec<String> = pieces
        .take(12)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let text = |i: usize| texts.get(i).map(String::as_str).unwrap_or("");
    let file_name = String::from_utf8_lossy(file).into_owned();
    let seed = data
        .iter()
        .fold(0usize, |a, b| a.wrapping_mul(31).wrapping_add(*b as usize));
    let findings: Vec<Finding> = (0..texts.len().div_ceil(2).max(1))
        .map(|i| {
            let id = LintId::ALL[(seed >> i) % LintId::ALL.len()];
            Finding {
                id,
                severity: id.severity(),
                rule: ((seed >> (i + 3)) % 3 != 0).then_some(i + 1),
                field: Some("AllowedOrigin"),
                value: Some(text(2 * i + 1).to_string()),
                message: text(2 * i).to_string(),
                fix: text(2 * i + 1).to_string(),
                related_rules: vec![i],
            }
        })
        .collect();
    let position = |i: usize| {
        (seed >> i).is_multiple_of(2).then_some(Position {
            line: i + 1,
            column: 2 * i + 1,
        })
    };
    writers_sarif(file, text(0), &findings, &position);
    writers_github(&file_name, &texts, &findings);
    writers_junit(&file_name, &texts);
}

fn writers_sarif(
    file: &[u8],
    logical: &str,
    findings: &[ossctl::lint::Finding],
    position: &dyn Fn(usize) -> Option<ossctl::rules::Position>,
) {
    use ossctl::render::sarif;
    let uri = sarif::uri_reference(file);
    // A URI reference: unreserved characters, `/` and `%XX`, decoding to the name's bytes.
    let path = uri.strip_prefix("file://").unwrap_or(&uri);
    assert!(
        path.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)),
        "{uri}"
    );
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(path).collect();
    assert_eq!(decoded, file, "{uri}");
    assert_eq!(
        uri.starts_with("file://"),
        file.first() == Some(&b'/'),
        "{uri}"
    );
    let sources = [
        sarif::Source {
            uri: Some(uri.clone()),
            logical: (!logical.is_empty()).then(|| logical.to_string()),
            findings: findings
                .iter()
                .enumerate()
                .map(|(i, f)| (f, position(i)))
                .collect(),
            invalid: vec![(logical.to_string(), position(7))],
        },
        sarif::Source {
            uri: None,
            logical: Some(logical.to_string()),
            findings: findings.iter().map(|f| (f, None)).collect(),
            invalid: findings.iter().map(|f| (f.message.clone(), None)).collect(),
        },
    ];
    let log = sarif::log(&sources, "0.0.0-fuzz");
    let v: serde_json::Value =
        serde_json::from_str(&log).unwrap_or_else(|e| panic!("SARIF is not JSON: {e}\n{log}"));
    assert_eq!(v["version"], sarif::VERSION);
    assert_eq!(v["$schema"], sarif::SCHEMA_URI);
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let rules = runs[0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let results = runs[0]["results"].as_array().expect("results");
    let want = sources
        .iter()
        .map(|s| s.findings.len() + s.invalid.len())
        .sum::<usize>();
    assert_eq!(results.len(), want, "{log}");
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"], "{r}");
        assert!(r["message"]["text"].is_string(), "{r}");
        assert!(
            matches!(r["level"].as_str(), Some("warning" | "note" | "error")),
            "{r}"
        );
        for loc in r["locations"].as_array().into_iter().flatten() {
            if let Some(u) = loc["physicalLocation"]["artifactLocation"]["uri"].as_str() {
                assert_eq!(u, uri);
                assert!(loc["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1));
            }
        }
    }
    // Each finding's message and fix are there as given.
    for (r, f) in results.iter().zip(findings) {
        let text = r["message"]["text"].as_str().unwrap();
        assert!(
            text.contains(f.message.trim_end()),
            "{text:?} lacks {:?}",
            f.message
        );
        assert_eq!(r["properties"]["fix"], f.fix.as_str());
    }
}

/// Reads a workflow command line back, independently of `render::github`: `::LEVEL`,
/// optional ` k=v,k=v` properties, `::`, the message; one line.
fn read_annotation(line: &str) -> (String, Vec<(String, String)>, String) {
    fn unescape(s: &str, property: bool) -> String {
        let mut out = String::new();
        let mut it = s.char_indices();
        while let Some((i, c)) = it.next() {
            if c != '%' {
                assert!(
                    !(property && (c == ':' || c == ',')),
                    "raw {c:?} in property {s:?}"
                );
                out.push(c);
                continue;
            }
            let code = s
                .get(i + 1..i + 3)
                .unwrap_or_else(|| panic!("cut escape in {s:?}"));
            out.push(match code {
                "25" => '%',
                "0D" => '\r',
                "0A" => '\n',
                "3A" if property => ':',
                "2C" if property => ',',
                _ => panic!("unknown escape %{code} in {s:?}"),
            });
            it.next();
            it.next();
        }
        out
    }
    assert!(!line.contains(['\n', '\r']), "{line:?}");
    let rest = line
        .strip_prefix("::")
        .unwrap_or_else(|| panic!("{line:?}"));
    let (head, message) = rest.split_once("::").unwrap_or_else(|| panic!("{line:?}"));
    let (level, props) = head.split_once(' ').unwrap_or((head, ""));
    assert!(matches!(level, "error" | "warning" | "notice"), "{line:?}");
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("{p:?} in {line:?}"));
            assert!(
                matches!(k, "file" | "line" | "col" | "title"),
                "{k:?} in {line:?}"
            );
            (k.to_string(), unescape(v, true))
        })
        .collect();
    (level.to_string(), props, unescape(message, false))
}

fn writers_github(file: &str, texts: &[String], findings: &[ossctl::lint::Finding]) {
    use ossctl::render::github::{Annotation, Level, annotation};
    let mut out = String::new();
    let mut want = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let title = format!("ossctl {}", f.id);
        let message = format!("rule {}: {}\nfix: {}", i + 1, f.message, f.fix);
        let a = Annotation {
            level: [Level::Error, Level::Warning, Level::Notice][i % 3],
            file: (i % 2 == 0).then_some(file),
            line: (i % 3 != 1).then_some(i + 1),
            col: (i % 3 == 0).then_some(i + 2),
            title: Some(if i % 2 == 1 {
                f.value.as_deref().unwrap_or("")
            } else {
                &title
            }),
            message: &message,
        };
        out.push_str(&annotation(&a));
        want.push(a.message.to_string());
    }
    let lines: Vec<&str> = out.split_terminator('\n').collect();
    assert!(out.ends_with('\n'));
    assert_eq!(lines.len(), findings.len(), "{out:?}");
    for (i, (line, message)) in lines.iter().zip(&want).enumerate() {
        let (_, props, back) = read_annotation(line);
        assert_eq!(&back, message, "{line:?}");
        if i % 2 == 0 {
            assert_eq!(props[0], ("file".to_string(), file.to_string()), "{line:?}");
        }
    }
    // The annotations of an invalid rule document, named by a hostile file name: a real
    // reader's error, its problems given the texts.
    let mut e = rules::parse("rules: [", Format::Yaml, file).expect_err("an invalid document");
    let template = e.diagnostics[0].clone();
    e.diagnostics = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = template.clone();
            d.message = t.clone();
            d.line = (i % 2 == 0).then_some(i + 1);
            d.column = (i % 3 == 0).then_some(i + 1);
            d.rule = (i % 4 == 1).then_some(i);
            d.help = (i % 2 == 1).then(|| texts[0].clone());
            d
        })
        .collect();
    let n = e.diagnostics.len();
    let out = ossctl::app::pipelines::document_annotations(&e);
    assert_eq!(out.split_terminator('\n').count(), n, "{out:?}");
    for (line, t) in out.split_terminator('\n').zip(texts) {
        let (level, _, message) = read_annotation(line);
        assert_eq!(level, "error");
        assert!(message.contains(t.as_str()), "{message:?} lacks {t:?}");
    }
}

/// What `junit::escape` promises survives: the text, with the characters XML 1.0 cannot
/// hold written as `\u{X}`.
fn xml_visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t'
            | '\n'
            | '\r'
            | '\u{20}'..='\u{D7FF}'
            | '\u{E000}'..='\u{FFFD}'
            | '\u{10000}'.. => c.to_string(),
            c => format!("\\u{{{:X}}}", c as u32),
        })
        .collect()
}

fn writers_junit(file: &str, texts: &[String]) {
    use ossctl::render::junit::{self, Case, Counts, Outcome};
    use quick_xml::events::Event;
    let text = |i: usize| texts.get(i).map(String::as_str).unwrap_or("");
    let cases: Vec<Case> = (0..texts.len().max(1))
        .map(|i| Case {
            class: file,
            name: text(i),
            outcome: match i % 3 {
                0 => Outcome::Failed {
                    kind: "blocked_preflight",
                    message: text(i + 1),
                    details: text(i + 2),
                },
                1 => Outcome::Error {
                    message: text(i + 1),
                },
                _ => Outcome::Passed,
            },
        })
        .collect();
    let mut counts = Counts::default();
    let mut body = Vec::new();
    for c in &cases {
        counts.add(&c.outcome);
        junit::write_case(&mut body, c).unwrap();
    }
    let mut doc = Vec::new();
    junit::write_head(&mut doc, file, counts).unwrap();
    doc.extend_from_slice(&body);
    junit::write_tail(&mut doc).unwrap();
    let doc = String::from_utf8(doc).expect("JUnit is UTF-8");

    // Parse to the end: balanced, and every attribute and text as written.
    let mut reader = quick_xml::Reader::from_str(&doc);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut seen_cases = 0;
    let mut text_of_current = String::new();
    let attrs_of = |e: &quick_xml::events::BytesStart| -> Vec<(String, String)> {
        e.attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("attribute: {err}\n{doc}"));
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap_or_else(|err| panic!("attribute value: {err}\n{doc}"));
                (AsRef::<str>::as_ref(&a.key).to_string(), v.into_owned())
            })
            .collect()
    };
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("JUnit is not well-formed XML: {e}\n{doc}"));
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_string();
                let attrs = attrs_of(e);
                let attr = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                match name.as_str() {
                    "testcase" => {
                        let c = cases.get(seen_cases).unwrap_or_else(|| panic!("{doc}"));
                        assert_eq!(attr("name"), Some(xml_visible(c.name)), "{doc}");
                        assert_eq!(attr("classname"), Some(xml_visible(file)), "{doc}");
                        seen_cases += 1;
                    }
                    "testsuite" => assert_eq!(attr("name"), Some(xml_visible(file)), "{doc}"),
                    "failure" | "error" => {
                        let c = &cases[seen_cases - 1];
                        let m = match &c.outcome {
                            Outcome::Failed { message, .. } | Outcome::Error { message } => message,
                            Outcome::Passed => panic!("a {name} for a passed case\n{doc}"),
                        };
                        assert_eq!(attr("message"), Some(xml_visible(m)), "{doc}");
                    }
                    "testsuites" => {}
                    other => panic!("unexpected element {other}\n{doc}"),
                }
                text_of_current.clear();
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                }
            }
            Event::End(e) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_string();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "{doc}");
                if matches!(name.as_str(), "failure" | "error") {
                    let c = &cases[seen_cases - 1];
                    let want = match &c.outcome {
                        Outcome::Failed { details, .. } => details,
                        Outcome::Error { message } => message,
                        Outcome::Passed => unreachable!(),
                    };
                    assert_eq!(text_of_current, xml_visible(want), "{doc}");
                }
                text_of_current.clear();
            }
            Event::Text(t) => text_of_current.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => text_of_current.push(c),
                _ => text_of_current.push(match &*r.xml10_content() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unknown entity &{other};\n{doc}"),
                }),
            },
            Event::Decl(_) => {}
            other => panic!("unexpected {other:?} in JUnit\n{doc}"),
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}\n{doc}");
    assert_eq!(seen_cases, cases.len(), "{doc}");
}
