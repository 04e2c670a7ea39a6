//! Lint and diff for CORS configurations: findings beyond validity, and rule-by-rule diffs.
//!
//! Owns: the lint checks ([`lint`], each finding with a stable [`LintId`], the rule number,
//! a message and a fix), the analysis of AllowedOrigin patterns against what browsers send
//! ([`origin`]), pattern coverage ([`pattern`]), and the configuration diff ([`diff`]) that
//! `cors diff` prints and `cors put` shows before it writes.
//!
//! Pure: no I/O. Depends only on `rules` (the model) and on `preflight`'s public wildcard
//! matcher, which is the one truth for what a pattern matches; nothing here re-implements
//! matching. Input is expected to be valid (callers validate first).

pub mod diff;
pub mod origin;
pub mod pattern;

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::rules::{CorsConfiguration, CorsRule};

use self::origin::{Takeover, WildcardKind};

/// The stable identifier of a kind of finding (usable with `--allow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintId {
    /// An AllowedOrigin that never equals an Origin a browser sends.
    DeadOrigin,
    /// A rule every request of which is matched first by earlier rules.
    ShadowedRule,
    /// `https://*example.com`: a `*` before the registrable name.
    WildcardSuffixTakeover,
    /// `https://example.com*`: a `*` after the host.
    WildcardPrefixTakeover,
    /// `null` allowed as an origin.
    NullOrigin,
    /// `http://` and `https://` origins for the same host.
    HttpAndHttps,
    /// Any origin allowed together with PUT, POST or DELETE.
    WildcardWrite,
    /// MaxAgeSeconds above what browsers honour.
    MaxAgeAboveCap,
    /// A rule that answers preflights without MaxAgeSeconds, or with 0: browsers keep its
    /// preflight for 5 s at most, so a page preflights before almost every request.
    PreflightNotCached,
    /// Several origins or wildcards without ResponseVary.
    MissingResponseVary,
    /// The same value twice in a field, or the same rule twice.
    Duplicate,
    /// A value already covered by a wildcard in the same field.
    RedundantValue,
    /// PUT/POST allowed without the headers browser uploads ask for.
    MissingUploadHeaders,
    /// PUT/POST allowed without exposing ETag.
    EtagNotExposed,
    /// A rule answers preflights, but an earlier rule with other ExposeHeaders answers the
    /// actual requests (OSS re-matches them without the header list).
    ActualRequestOtherRule,
}

impl LintId {
    /// Every id, in the order of the documentation.
    pub const ALL: [LintId; 15] = [
        LintId::DeadOrigin,
        LintId::ShadowedRule,
        LintId::WildcardSuffixTakeover,
        LintId::WildcardPrefixTakeover,
        LintId::NullOrigin,
        LintId::HttpAndHttps,
        LintId::WildcardWrite,
        LintId::MaxAgeAboveCap,
        LintId::PreflightNotCached,
        LintId::MissingResponseVary,
        LintId::Duplicate,
        LintId::RedundantValue,
        LintId::MissingUploadHeaders,
        LintId::EtagNotExposed,
        LintId::ActualRequestOtherRule,
    ];

    /// The id as written in output and in `--allow`.
    pub fn as_str(self) -> &'static str {
        match self {
            LintId::DeadOrigin => "dead-origin",
            LintId::ShadowedRule => "shadowed-rule",
            LintId::WildcardSuffixTakeover => "wildcard-suffix-takeover",
            LintId::WildcardPrefixTakeover => "wildcard-prefix-takeover",
            LintId::NullOrigin => "null-origin",
            LintId::HttpAndHttps => "http-and-https",
            LintId::WildcardWrite => "wildcard-write",
            LintId::MaxAgeAboveCap => "max-age-above-cap",
            LintId::PreflightNotCached => "preflight-not-cached",
            LintId::MissingResponseVary => "missing-response-vary",
            LintId::Duplicate => "duplicate",
            LintId::RedundantValue => "redundant-value",
            LintId::MissingUploadHeaders => "missing-upload-headers",
            LintId::EtagNotExposed => "etag-not-exposed",
            LintId::ActualRequestOtherRule => "actual-request-other-rule",
        }
    }

    /// How serious findings of this kind are.
    pub fn severity(self) -> Severity {
        match self {
            LintId::RedundantValue
            | LintId::MissingUploadHeaders
            | LintId::EtagNotExposed
            | LintId::PreflightNotCached => Severity::Note,
            _ => Severity::Warning,
        }
    }
}

impl fmt::Display for LintId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown lint id, with the closest known one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown lint id {given:?}{}", suggestion.map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
pub struct UnknownLintId {
    /// What was given.
    pub given: String,
    /// The closest known id, if any is close.
    pub suggestion: Option<&'static str>,
}

impl FromStr for LintId {
    type Err = UnknownLintId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        if let Some(id) = LintId::ALL.iter().find(|id| id.as_str() == wanted) {
            return Ok(*id);
        }
        let suggestion = LintId::ALL
            .iter()
            .map(|id| (strsim::jaro_winkler(&wanted, id.as_str()), id.as_str()))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(score, _)| *score > 0.8)
            .map(|(_, id)| id);
        Err(UnknownLintId {
            given: s.to_string(),
            suggestion,
        })
    }
}

/// How serious a finding is. `--strict` fails on warnings; notes are advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Probably wrong or unsafe.
    Warning,
    /// Worth a look; often intended.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What kind of finding.
    pub id: LintId,
    /// Warning or note (from the id).
    pub severity: Severity,
    /// The 1-based rule number, or `None` for the configuration as a whole.
    pub rule: Option<usize>,
    /// The OSS XML field name (`AllowedOrigin`, `MaxAgeSeconds`, ...), when about one field.
    pub field: Option<&'static str>,
    /// The value concerned, as written.
    pub value: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// Other rules involved (1-based), e.g. the earlier rules that shadow this one.
    pub related_rules: Vec<usize>,
}

impl Finding {
    fn new(id: LintId, rule: Option<usize>, message: String, fix: String) -> Self {
        Finding {
            id,
            severity: id.severity(),
            rule,
            field: None,
            value: None,
            message,
            fix,
            related_rules: Vec::new(),
        }
    }

    fn on(mut self, field: &'static str, value: &str) -> Self {
        self.field = Some(field);
        self.value = Some(value.to_string());
        self
    }
}

impl fmt::Display for Finding {
    /// `rule 2: warning[shadowed-rule]: message` and an indented `fix:` line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.rule {
            Some(n) => write!(f, "rule {n}: ")?,
            None => f.write_str("configuration: ")?,
        }
        write!(f, "{}[{}]: {}", self.severity, self.id, self.message)?;
        write!(f, "\n  fix: {}", self.fix)
    }
}

/// Chromium's cap on Access-Control-Max-Age, in seconds.
pub const CHROMIUM_MAX_AGE: u64 = 7200;
/// Firefox's cap on Access-Control-Max-Age, in seconds.
pub const FIREFOX_MAX_AGE: u64 = 86400;

/// Methods that change data.
const WRITE_METHODS: [&str; 3] = ["PUT", "POST", "DELETE"];

/// Headers browser uploads through an OSS SDK ask for in the preflight (V4 signing;
/// content-type with a non-safelisted value).
const UPLOAD_HEADERS: [&str; 4] = [
    "content-type",
    "authorization",
    "x-oss-date",
    "x-oss-content-sha256",
];

/// Every finding for a (valid) configuration, ordered by rule number (configuration-wide
/// findings last), then by id.
pub fn lint(config: &CorsConfiguration) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, rule) in config.rules.iter().enumerate() {
        check_rule(i + 1, rule, &mut out);
    }
    check_http_and_https(config, &mut out);
    check_shadowing(config, &mut out);
    check_response_vary(config, &mut out);
    out.sort_by_key(|f| (f.rule.is_none(), f.rule, f.id));
    out
}

/// Findings about one origin as typed (dead, null, takeover), for the wizard's as-you-type
/// checks; `rule` is the rule number to put in them.
pub fn check_origin(rule: usize, origin: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    origin_findings(rule, origin, &mut out);
    out
}

fn origin_findings(n: usize, o: &str, out: &mut Vec<Finding>) {
    if o == "null" {
        out.push(
            Finding::new(
                LintId::NullOrigin,
                Some(n),
                "`null` is allowed as an origin: sandboxed iframes, data: URLs, file: pages \
                 and some redirects send `Origin: null`, and any site can create one"
                    .into(),
                "remove `null`; list the real origins that need access".into(),
            )
            .on("AllowedOrigin", o),
        );
        return;
    }
    if let Some(dead) = origin::dead_origin(o) {
        let fix = match &dead.suggestion {
            Some(s) => format!("write it as {s:?}, the form browsers send"),
            None => "write it as scheme://host[:port], lower case, with no path, no \
                     trailing slash and no default port"
                .into(),
        };
        out.push(
            Finding::new(
                LintId::DeadOrigin,
                Some(n),
                format!(
                    "{o:?} never matches ({}): browsers send the Origin as lower-case \
                     `scheme://host[:port]`, with no path and no default port",
                    dead.reasons.join(", ")
                ),
                fix,
            )
            .on("AllowedOrigin", o),
        );
    }
    if let WildcardKind::Takeover(side, example) = origin::wildcard_kind(o)
        && pattern::origin_matches(o, &example)
    {
        let (id, fix) = match side {
            Takeover::Suffix => (
                LintId::WildcardSuffixTakeover,
                "put a dot right after the `*` (`https://*.example.com`) so it matches only \
                 subdomains you control, or list the origins",
            ),
            Takeover::Prefix => (
                LintId::WildcardPrefixTakeover,
                "end the pattern with the full host (`https://app*.example.com`, \
                 `https://example.com:*`), or list the origins",
            ),
        };
        out.push(
            Finding::new(
                id,
                Some(n),
                format!(
                    "{o:?} also matches {example:?}, a host anyone can register, so an \
                     attacker's page can read responses"
                ),
                fix.into(),
            )
            .on("AllowedOrigin", o),
        );
    }
}

fn check_rule(n: usize, rule: &CorsRule, out: &mut Vec<Finding>) {
    for o in &rule.allowed_origins {
        origin_findings(n, o, out);
    }

    duplicates(n, "AllowedOrigin", &rule.allowed_origins, false, out);
    duplicates(n, "AllowedMethod", &rule.allowed_methods, true, out);
    duplicates(n, "AllowedHeader", &rule.allowed_headers, true, out);
    duplicates(n, "ExposeHeader", &rule.expose_headers, true, out);
    redundant(
        n,
        "AllowedOrigin",
        &rule.allowed_origins,
        pattern::origin_covers,
        out,
    );
    redundant(
        n,
        "AllowedHeader",
        &rule.allowed_headers,
        pattern::header_covers,
        out,
    );

    let writes: Vec<&str> = WRITE_METHODS
        .into_iter()
        .filter(|w| has_method(rule, w))
        .collect();
    if !writes.is_empty()
        && let Some(any) = rule
            .allowed_origins
            .iter()
            .find(|o| origin::wildcard_kind(o) == WildcardKind::AnyHost)
    {
        out.push(
            Finding::new(
                LintId::WildcardWrite,
                Some(n),
                format!(
                    "origin {any:?} may {}: any web page can make its visitors' browsers \
                         send write requests to the bucket and read the answers",
                    writes.join(", ")
                ),
                "allow write methods only in a rule that lists the origins that upload; \
                     keep `*` for GET/HEAD"
                    .into(),
            )
            .on("AllowedOrigin", any),
        );
    }
    // The upload notes are about uploads: PUT (PutObject, UploadPart) and POST (PostObject,
    // multipart initiate/complete). A rule that only allows DELETE uploads nothing.
    let uploads: Vec<&str> = ["PUT", "POST"]
        .into_iter()
        .filter(|w| has_method(rule, w))
        .collect();
    if !uploads.is_empty() {
        let missing: Vec<&str> = UPLOAD_HEADERS
            .into_iter()
            .filter(|h| {
                !rule
                    .allowed_headers
                    .iter()
                    .any(|p| pattern::header_matches(p, h))
            })
            .collect();
        if !missing.is_empty() {
            out.push(Finding::new(
                LintId::MissingUploadHeaders,
                Some(n),
                format!(
                    "{} allowed, but AllowedHeader does not cover {}: browser uploads with \
                     an OSS SDK ask for them in the preflight, which then fails",
                    uploads.join(", "),
                    missing.join(", ")
                ),
                "add them to AllowedHeader (e.g. `content-type`, `authorization`, \
                 `x-oss-*`), or `*`"
                    .into(),
            ));
        }
        // Multipart uploads read each part's ETag from the UploadPart (PUT) answers.
        if has_method(rule, "PUT")
            && !rule
                .expose_headers
                .iter()
                .any(|h| h.eq_ignore_ascii_case("etag"))
        {
            out.push(Finding::new(
                LintId::EtagNotExposed,
                Some(n),
                "PUT allowed but ETag is not exposed: multipart uploads from a browser read \
                 each part's ETag and fail without it"
                    .to_string(),
                "add `ETag` to ExposeHeader".into(),
            ));
        }
    }

    // A preflight this rule can answer: a method that is not safelisted, or request headers.
    let answers_preflights = rule
        .allowed_methods
        .iter()
        .any(|m| !matches!(m.as_str(), "GET" | "HEAD" | "POST"))
        || !rule.allowed_headers.is_empty();
    let uncached = match rule.max_age_seconds {
        None => Some(
            "has no MaxAgeSeconds: OSS sends no Access-Control-Max-Age, and browsers keep a \
             preflight without one for 5 s (Fetch's default, Chromium and Firefox alike)",
        ),
        Some(0) => Some(
            "has MaxAgeSeconds 0: browsers do not keep its preflight at all (assuming OSS sends \
             `Access-Control-Max-Age: 0`, see `ossctl cors behaviour`, max-age-zero)",
        ),
        Some(_) => None,
    };
    if let Some(why) = uncached.filter(|_| answers_preflights) {
        let value = rule.max_age_seconds.map(|a| a.to_string());
        let mut finding = Finding::new(
            LintId::PreflightNotCached,
            Some(n),
            format!(
                "rule {n} {why}, so a page sends a preflight before almost every request it \
                 answers: one more round trip each time"
            ),
            "set MaxAgeSeconds, e.g. 600 (Chromium honours up to 7200, Firefox up to 86400)".into(),
        );
        if let Some(v) = &value {
            finding = finding.on("MaxAgeSeconds", v);
        }
        out.push(finding);
    }

    if let Some(age) = rule.max_age_seconds
        && age > CHROMIUM_MAX_AGE
    {
        let which = if age > FIREFOX_MAX_AGE {
            format!("Chromium caps it at {CHROMIUM_MAX_AGE} s and Firefox at {FIREFOX_MAX_AGE} s")
        } else {
            format!(
                "Chromium caps it at {CHROMIUM_MAX_AGE} s (Firefox allows up to {FIREFOX_MAX_AGE} s)"
            )
        };
        out.push(
            Finding::new(
                LintId::MaxAgeAboveCap,
                Some(n),
                format!("MaxAgeSeconds {age} is above what browsers honour: {which}"),
                format!("use at most {CHROMIUM_MAX_AGE} (or {FIREFOX_MAX_AGE} for Firefox)"),
            )
            .on("MaxAgeSeconds", &age.to_string()),
        );
    }
}

fn has_method(rule: &CorsRule, method: &str) -> bool {
    rule.allowed_methods
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

fn duplicates(
    n: usize,
    field: &'static str,
    values: &[String],
    ignore_case: bool,
    out: &mut Vec<Finding>,
) {
    let mut seen = BTreeSet::new();
    let mut reported = BTreeSet::new();
    for v in values {
        let key = if ignore_case {
            v.to_ascii_lowercase()
        } else {
            v.clone()
        };
        if !seen.insert(key.clone()) && reported.insert(key) {
            out.push(
                Finding::new(
                    LintId::Duplicate,
                    Some(n),
                    format!("{field} {v:?} is listed more than once"),
                    format!("remove the repeated {v:?}"),
                )
                .on(field, v),
            );
        }
    }
}

fn redundant(
    n: usize,
    field: &'static str,
    values: &[String],
    covers: fn(&str, &str) -> bool,
    out: &mut Vec<Finding>,
) {
    for (i, v) in values.iter().enumerate() {
        let by = values
            .iter()
            .enumerate()
            .find(|(j, w)| *j != i && !w.eq_ignore_ascii_case(v) && covers(w, v));
        if let Some((_, w)) = by {
            out.push(
                Finding::new(
                    LintId::RedundantValue,
                    Some(n),
                    format!("{field} {v:?} is already matched by {w:?} in the same rule"),
                    format!("remove {v:?}, or narrow {w:?} if it is broader than meant"),
                )
                .on(field, v),
            );
        }
    }
}

fn check_http_and_https(config: &CorsConfiguration, out: &mut Vec<Finding>) {
    let https: BTreeSet<&str> = config
        .rules
        .iter()
        .flat_map(|r| &r.allowed_origins)
        .filter_map(|o| o.strip_prefix("https://"))
        .collect();
    for (i, rule) in config.rules.iter().enumerate() {
        for o in &rule.allowed_origins {
            if let Some(rest) = o.strip_prefix("http://")
                && https.contains(rest)
            {
                out.push(
                    Finding::new(
                        LintId::HttpAndHttps,
                        Some(i + 1),
                        format!(
                            "{o:?} is allowed beside \"https://{rest}\": anyone on the network \
                             path can inject script into the plain-http page and read \
                             what the https origin may read"
                        ),
                        format!("remove {o:?} and serve the site over https only"),
                    )
                    .on("AllowedOrigin", o),
                );
            }
        }
    }
}

/// Whether the rule's methods, header patterns and origins are the same sets as `other`'s
/// (order and header case aside); expose headers and max age included.
fn same_rule(a: &CorsRule, b: &CorsRule) -> bool {
    fn set(v: &[String], fold: bool) -> BTreeSet<String> {
        v.iter()
            .map(|s| {
                if fold {
                    s.to_ascii_lowercase()
                } else {
                    s.clone()
                }
            })
            .collect()
    }
    set(&a.allowed_origins, false) == set(&b.allowed_origins, false)
        && set(&a.allowed_methods, true) == set(&b.allowed_methods, true)
        && set(&a.allowed_headers, true) == set(&b.allowed_headers, true)
        && set(&a.expose_headers, true) == set(&b.expose_headers, true)
        && a.max_age_seconds == b.max_age_seconds
}

/// Which earlier rules answer every request `later` matches, or `None` if some request
/// reaches `later`.
///
/// OSS takes the first rule where origin, method and every requested header match. The
/// requests `later` matches are (origin in its origin patterns) × (method in its methods) ×
/// (header sets made of names its header patterns match). For one method and one origin
/// pattern of `later`, an earlier rule answers all of them iff it has the method, covers the
/// origin pattern, and covers every header pattern of `later` (take the request that asks
/// for one probe name per header pattern: a rule matching it matches every smaller set).
/// Different (method, origin) pairs may be answered by different earlier rules.
pub fn shadowed_by(earlier: &[CorsRule], later: &CorsRule) -> Option<Vec<usize>> {
    let mut by = BTreeSet::new();
    for m in &later.allowed_methods {
        for p in &later.allowed_origins {
            let answered = earlier.iter().position(|e| {
                has_method(e, m)
                    && e.allowed_origins
                        .iter()
                        .any(|o| pattern::origin_covers(o, p))
                    && later.allowed_headers.iter().all(|h| {
                        e.allowed_headers
                            .iter()
                            .any(|eh| pattern::header_covers(eh, h))
                    })
            })?;
            by.insert(answered + 1);
        }
    }
    Some(by.into_iter().collect())
}

fn check_shadowing(config: &CorsConfiguration, out: &mut Vec<Finding>) {
    for (j, later) in config.rules.iter().enumerate() {
        let n = j + 1;
        if let Some(i) = config.rules[..j].iter().position(|e| same_rule(e, later)) {
            let mut f = Finding::new(
                LintId::Duplicate,
                Some(n),
                format!("rule {n} repeats rule {}", i + 1),
                format!("delete rule {n}"),
            );
            f.related_rules = vec![i + 1];
            out.push(f);
            continue;
        }
        let Some(by) = shadowed_by(&config.rules[..j], later) else {
            check_actual_request(config, j, out);
            continue;
        };
        let list = join_rules(&by);
        let first = by[0];
        let mut f = Finding::new(
            LintId::ShadowedRule,
            Some(n),
            format!(
                "rule {n} never applies: every request it matches (each origin, method and \
                 header it allows) is matched first by {list}, and OSS uses the first \
                 matching rule"
            ),
            if by.len() == 1 {
                format!(
                    "delete rule {n}, or move it above rule {first} if its headers, expose \
                     headers or max age should win"
                )
            } else {
                format!("delete rule {n}, or move it above {list}")
            },
        );
        f.related_rules = by;
        out.push(f);
    }
}

/// For a rule that is not shadowed: the (method, origin) pairs whose actual requests an
/// earlier rule answers (OSS matches the actual request again, without the preflight's
/// header list), when that earlier rule exposes other headers.
fn check_actual_request(config: &CorsConfiguration, j: usize, out: &mut Vec<Finding>) {
    fn exposed(r: &CorsRule) -> BTreeSet<String> {
        r.expose_headers
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect()
    }
    let later = &config.rules[j];
    let n = j + 1;
    let mine = exposed(later);
    for m in &later.allowed_methods {
        for p in &later.allowed_origins {
            let Some(i) = config.rules[..j].iter().position(|e| {
                has_method(e, m)
                    && e.allowed_origins
                        .iter()
                        .any(|o| pattern::origin_covers(o, p))
            }) else {
                continue;
            };
            let earlier = &config.rules[i];
            if exposed(earlier) == mine {
                continue;
            }
            let list = |r: &CorsRule| {
                if r.expose_headers.is_empty() {
                    "none".to_string()
                } else {
                    r.expose_headers.join(", ")
                }
            };
            let mut f = Finding::new(
                LintId::ActualRequestOtherRule,
                Some(n),
                format!(
                    "{m} from {p:?} can pass the preflight through rule {n}, but OSS matches the \
                     actual request again without the header list and rule {} answers it, so \
                     scripts see rule {}'s ExposeHeader ({}) instead of rule {n}'s ({})",
                    i + 1,
                    i + 1,
                    list(earlier),
                    list(later),
                ),
                format!(
                    "give rules {} and {n} the same ExposeHeader, or move rule {n} above rule {}",
                    i + 1,
                    i + 1
                ),
            );
            f.related_rules = vec![i + 1];
            out.push(f);
            return;
        }
    }
}

fn join_rules(rules: &[usize]) -> String {
    match rules {
        [one] => format!("rule {one}"),
        _ => {
            let (last, rest) = rules.split_last().unwrap_or((&0, &[]));
            let rest: Vec<String> = rest.iter().map(ToString::to_string).collect();
            format!("rules {} and {last}", rest.join(", "))
        }
    }
}

fn check_response_vary(config: &CorsConfiguration, out: &mut Vec<Finding>) {
    if config.response_vary() {
        return;
    }
    let origins: BTreeSet<&str> = config
        .rules
        .iter()
        .flat_map(|r| &r.allowed_origins)
        .map(String::as_str)
        .collect();
    let wildcard = origins.iter().find(|o| o.contains('*'));
    let why = match wildcard {
        Some(w) => format!("origin pattern {w:?} matches many origins"),
        None if origins.len() > 1 => format!("{} different origins are allowed", origins.len()),
        None => return,
    };
    out.push(Finding::new(
        LintId::MissingResponseVary,
        None,
        format!(
            "{why} but ResponseVary is off: OSS then sends no `Vary: Origin`, and a CDN or \
             browser cache can serve one origin's response (or a response without CORS \
             headers) to another origin"
        ),
        "set ResponseVary to true (`response_vary: true`)".into(),
    ));
}

#[cfg(test)]
mod tests;
