//! The server model: what OSS answers to a request, given the bucket's CORS configuration.
//!
//! [`oss_answer`] is the fast path used by `ossctl serve` for every request; [`explain`] gives
//! the same answer plus, per rule, whether it matched and which parts failed (for `cors test`).
//! Both run the same matching code, so they cannot disagree.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use super::choices::{self, AllowMethods};
use super::matcher::{
    Glob, header_matches, origin_matches, split_header_list, wildcard_match_ignore_case,
};
use crate::rules::{CorsConfiguration, CorsRule};

/// The methods OSS accepts in AllowedMethod.
pub const OSS_METHODS: [&str; 5] = ["GET", "PUT", "POST", "DELETE", "HEAD"];

/// Response header names, spelled as OSS sends them.
pub mod names {
    /// `Access-Control-Allow-Origin`
    pub const ALLOW_ORIGIN: &str = "Access-Control-Allow-Origin";
    /// `Access-Control-Allow-Credentials`
    pub const ALLOW_CREDENTIALS: &str = "Access-Control-Allow-Credentials";
    /// `Access-Control-Allow-Methods`
    pub const ALLOW_METHODS: &str = "Access-Control-Allow-Methods";
    /// `Access-Control-Allow-Headers`
    pub const ALLOW_HEADERS: &str = "Access-Control-Allow-Headers";
    /// `Access-Control-Expose-Headers`
    pub const EXPOSE_HEADERS: &str = "Access-Control-Expose-Headers";
    /// `Access-Control-Max-Age`
    pub const MAX_AGE: &str = "Access-Control-Max-Age";
    /// `Vary`
    pub const VARY: &str = "Vary";
}

/// The CORS-relevant parts of a request as OSS receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IncomingRequest<'a> {
    /// The HTTP method (`OPTIONS` for a preflight), case-sensitive as on the wire.
    pub method: &'a str,
    /// The `Origin` header, if any.
    pub origin: Option<&'a str>,
    /// `Access-Control-Request-Method` (used on OPTIONS only).
    pub access_control_request_method: Option<&'a str>,
    /// `Access-Control-Request-Headers` (used on OPTIONS only).
    pub access_control_request_headers: Option<&'a str>,
}

impl<'a> IncomingRequest<'a> {
    /// Whether OSS answers this request itself as the OPTIONS API (a preflight).
    pub fn is_options(&self) -> bool {
        self.method == "OPTIONS"
    }

    /// The method rules are matched against: ACRM on OPTIONS, the method otherwise.
    pub fn match_method(&self) -> Option<&'a str> {
        if self.is_options() {
            self.access_control_request_method
        } else {
            Some(self.method)
        }
    }

    /// The header list rules are matched against (OPTIONS only; see
    /// [`choices::ACTUAL_REQUEST_IGNORES_ACRM`]).
    pub fn match_headers(&self) -> Option<&'a str> {
        if self.is_options() || !choices::ACTUAL_REQUEST_IGNORES_ACRM {
            self.access_control_request_headers
        } else {
            None
        }
    }
}

/// An error OSS answers an OPTIONS request with (the server renders it as OSS error XML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Forbidden {
    /// `AccessForbidden` (refused preflight) or `BadRequest` (Origin or ACRM missing).
    pub code: &'static str,
    /// The `<Message>` text (see [`choices`]).
    pub message: &'static str,
}

/// What OSS answers, CORS-wise. Header values borrow from the compiled rules and the
/// request (`'a`); [`OssAnswer::into_owned`] detaches them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OssAnswer<'a> {
    /// The request is an OPTIONS request, answered by OSS itself (no operation runs).
    pub is_preflight: bool,
    /// `Some(200 | 403 | 400)` for OPTIONS; `None` for actual requests, whose operation decides.
    pub status: Option<u16>,
    /// 0-based index of the rule that answered, if any.
    pub matched_rule: Option<usize>,
    /// CORS headers and `Vary`, in the order to send them. Attach them to every response of
    /// an actual request, errors included ([`choices::CORS_HEADERS_ON_ERROR_RESPONSES`]).
    pub headers: Vec<(&'static str, Cow<'a, str>)>,
    /// The error body of a refused OPTIONS request.
    pub forbidden: Option<Forbidden>,
}

impl OssAnswer<'_> {
    /// The value of the first header called `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }

    /// The same answer with every header value owned (no borrow of rules or request).
    pub fn into_owned(self) -> OssAnswer<'static> {
        OssAnswer {
            is_preflight: self.is_preflight,
            status: self.status,
            matched_rule: self.matched_rule,
            headers: self
                .headers
                .into_iter()
                .map(|(n, v)| (n, Cow::Owned(v.into_owned())))
                .collect(),
            forbidden: self.forbidden,
        }
    }
}

/// How one rule fared against a request. Plain data; render it with [`RuleEvaluation::reasons`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleEvaluation {
    /// 0-based position of the rule.
    pub index: usize,
    /// Origin, method and every requested header match.
    pub matches: bool,
    /// This rule is the one that answers (the first full match).
    pub selected: bool,
    /// The Origin matches one of the rule's AllowedOrigin values.
    pub origin_ok: bool,
    /// The method (ACRM on OPTIONS) is one of the rule's AllowedMethod values.
    pub method_ok: bool,
    /// Every requested header name matches an AllowedHeader.
    pub headers_ok: bool,
}

/// Which part of a rule matched: the three bit sets of [`RuleOutcomes`].
const ORIGIN: usize = 0;
const METHOD: usize = 1;
const HEADERS: usize = 2;

/// Rules 64·w to 64·w+63: bit `i % 64` of `[ORIGIN]`, `[METHOD]` and `[HEADERS]` is set when
/// rule `i`'s origin, method and headers match.
type OutcomeWord = [u64; 3];

/// One [`OutcomeWord`] inline for up to 64 rules (every valid configuration has at most
/// 10), more on the heap beyond.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OutcomeWords {
    One(OutcomeWord),
    Many(Box<[OutcomeWord]>),
}

/// Every rule's outcome against one request: which rules' origins, methods and header lists
/// matched, and which rule answers. Plain data (bit sets, no allocation for a valid
/// configuration); [`RuleOutcomes::iter`] gives one [`RuleEvaluation`] per rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOutcomes {
    len: usize,
    words: OutcomeWords,
    /// The answering rule: the first whose origin, method and headers all match.
    selected: Option<usize>,
}

impl RuleOutcomes {
    /// No part of any of `len` rules matched (yet).
    fn none(len: usize) -> Self {
        let words = if len <= 64 {
            OutcomeWords::One([0; 3])
        } else {
            OutcomeWords::Many(vec![[0; 3]; len.div_ceil(64)].into())
        };
        Self {
            len,
            words,
            selected: None,
        }
    }

    #[inline]
    fn words(&self) -> &[OutcomeWord] {
        match &self.words {
            OutcomeWords::One(w) => std::slice::from_ref(w),
            OutcomeWords::Many(ws) => ws,
        }
    }

    #[inline]
    fn words_mut(&mut self) -> &mut [OutcomeWord] {
        match &mut self.words {
            OutcomeWords::One(w) => std::slice::from_mut(w),
            OutcomeWords::Many(ws) => ws,
        }
    }

    /// Records that `part` of rule `index` matched.
    #[cfg(test)]
    fn set(&mut self, index: usize, part: usize) {
        self.words_mut()[index / 64][part] |= 1 << (index % 64);
    }

    /// How many rules were evaluated.
    pub fn len(&self) -> usize {
        self.len
    }

    /// No rule was evaluated (no configuration, or no rule in it).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// 0-based index of the answering rule.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Rule `index`'s evaluation.
    pub fn get(&self, index: usize) -> Option<RuleEvaluation> {
        (index < self.len).then(|| self.evaluation(index))
    }

    /// Every rule's evaluation, in rule order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = RuleEvaluation> + Clone + '_ {
        (0..self.len).map(|i| self.evaluation(i))
    }

    fn evaluation(&self, index: usize) -> RuleEvaluation {
        let word = self.words()[index / 64];
        let bit = |part: usize| (word[part] >> (index % 64)) & 1 != 0;
        let (origin_ok, method_ok, headers_ok) = (bit(ORIGIN), bit(METHOD), bit(HEADERS));
        RuleEvaluation {
            index,
            matches: origin_ok && method_ok && headers_ok,
            selected: self.selected == Some(index),
            origin_ok,
            method_ok,
            headers_ok,
        }
    }

    /// The first rule in the set that `select` makes of each word (rules past `len` never
    /// are, as no bit is set for them).
    #[inline]
    fn first_where(&self, select: impl Fn(&OutcomeWord) -> u64) -> Option<usize> {
        self.words().iter().enumerate().find_map(|(w, word)| {
            let set = select(word);
            (set != 0).then(|| w * 64 + set.trailing_zeros() as usize)
        })
    }

    /// The first rule whose origin and method match, its headers too when `with_headers`.
    #[inline]
    fn first(&self, with_headers: bool) -> Option<usize> {
        self.first_where(|w| {
            w[ORIGIN] & w[METHOD] & if with_headers { w[HEADERS] } else { u64::MAX }
        })
    }

    /// Some rule's AllowedOrigin matches the Origin.
    pub fn any_origin_matches(&self) -> bool {
        self.first_where(|w| w[ORIGIN]).is_some()
    }

    /// Of the rules whose origin matches, the first that fails the fewest other parts
    /// (method, headers).
    pub fn closest_origin_match(&self) -> Option<RuleEvaluation> {
        self.first_where(|w| w[ORIGIN] & w[METHOD] & w[HEADERS])
            .or_else(|| self.first_where(|w| w[ORIGIN] & (w[METHOD] | w[HEADERS])))
            .or_else(|| self.first_where(|w| w[ORIGIN]))
            .map(|i| self.evaluation(i))
    }
}

impl RuleEvaluation {
    /// 1-based rule number, as people count.
    pub fn number(&self) -> usize {
        self.index + 1
    }

    /// Why the rule did (not) answer, with the values compared. Empty for the answering rule.
    ///
    /// `config` and `req` must be the ones the evaluation was made with.
    pub fn reasons(&self, config: &CorsConfiguration, req: &IncomingRequest) -> Vec<String> {
        self.reason_items(config, req, || {
            let rules = CompiledRules::new(Some(config));
            rules
                .first_match(&rules.prepare(req))
                .map_or(0, |(i, _)| i + 1)
        })
        .map(|r| r.to_string())
        .collect()
    }

    /// [`Self::reasons`] as data, rendered only when displayed. `first_match` gives the
    /// 1-based number of the answering rule (asked only for a shadowed rule).
    pub fn reason_items<'a>(
        &self,
        config: &'a CorsConfiguration,
        req: &IncomingRequest<'a>,
        first_match: impl FnOnce() -> usize,
    ) -> RuleReasons<'a> {
        let mut out: [Option<RuleReason<'a>>; 3] = [None; 3];
        if let Some(rule) = config.rules.get(self.index) {
            if self.matches {
                if !self.selected {
                    out[0] = Some(RuleReason::Shadowed {
                        first: first_match(),
                    });
                }
            } else {
                if !self.origin_ok {
                    out[0] = Some(match req.origin {
                        None => RuleReason::NoOrigin,
                        Some(origin) => RuleReason::Origin { origin, rule },
                    });
                }
                if !self.method_ok {
                    out[1] = Some(match req.match_method() {
                        None => RuleReason::NoMethod,
                        Some(method) => RuleReason::Method {
                            method,
                            preflight: req.is_options(),
                            rule,
                        },
                    });
                }
                if !self.headers_ok {
                    out[2] = Some(RuleReason::Headers {
                        requested: req.match_headers().unwrap_or(""),
                        rule,
                    });
                }
            }
        }
        out.into_iter().flatten()
    }
}

/// The reasons of one rule (at most three: origin, method, headers).
pub type RuleReasons<'a> = std::iter::Flatten<std::array::IntoIter<Option<RuleReason<'a>>, 3>>;

/// Why a rule did not answer a request (plain data borrowing the rule and the request;
/// `Display` gives the sentence with the values compared).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleReason<'a> {
    /// It matches too, but the rule numbered `first` answers.
    Shadowed {
        /// 1-based number of the answering rule.
        first: usize,
    },
    /// The request has no Origin.
    NoOrigin,
    /// The Origin matches none of the rule's AllowedOrigin values.
    Origin {
        /// The request's Origin.
        origin: &'a str,
        /// The rule.
        rule: &'a CorsRule,
    },
    /// The preflight has no ACRM.
    NoMethod,
    /// The method is not one of the rule's.
    Method {
        /// The method matched (ACRM on OPTIONS).
        method: &'a str,
        /// It came from a preflight's ACRM.
        preflight: bool,
        /// The rule.
        rule: &'a CorsRule,
    },
    /// Some requested header names match no AllowedHeader.
    Headers {
        /// The requested header list (ACRH).
        requested: &'a str,
        /// The rule.
        rule: &'a CorsRule,
    },
}

impl std::fmt::Display for RuleReason<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            RuleReason::Shadowed { first } => write!(
                f,
                "matches too, but rule {first} comes first and answers (first match wins)"
            ),
            RuleReason::NoOrigin => f.write_str("the request has no Origin header"),
            RuleReason::Origin { origin, rule } => {
                write!(
                    f,
                    "origin `{origin}` matches no AllowedOrigin {}",
                    List(&rule.allowed_origins)
                )?;
                if let Some(hint) = rule
                    .allowed_origins
                    .iter()
                    .find_map(|p| near_miss(p, origin))
                {
                    write!(f, " ({hint})")?;
                }
                Ok(())
            }
            RuleReason::NoMethod => {
                f.write_str("the preflight has no Access-Control-Request-Method")
            }
            RuleReason::Method {
                method,
                preflight,
                rule,
            } => {
                let what = if preflight {
                    "requested method (Access-Control-Request-Method)"
                } else {
                    "method"
                };
                write!(
                    f,
                    "{what} `{method}` is not in AllowedMethod {}",
                    List(&rule.allowed_methods)
                )?;
                if !OSS_METHODS.contains(&method) {
                    if OSS_METHODS.iter().any(|o| o.eq_ignore_ascii_case(method)) {
                        f.write_str(" (methods are case-sensitive)")?;
                    } else {
                        f.write_str(" (OSS only allows GET, PUT, POST, DELETE and HEAD)")?;
                    }
                }
                Ok(())
            }
            RuleReason::Headers { requested, rule } => {
                let count = missing_header_names(rule, requested).count();
                write!(f, "requested header{} ", plural(count))?;
                for (i, name) in missing_header_names(rule, requested).enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{name}`")?;
                }
                if rule.allowed_headers.is_empty() {
                    f.write_str(" but the rule has no AllowedHeader")
                } else {
                    write!(
                        f,
                        " match{} no AllowedHeader {}",
                        if count == 1 { "es" } else { "" },
                        List(&rule.allowed_headers)
                    )
                }
            }
        }
    }
}

impl Serialize for RuleReason<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `[`a`, `b`]` rendering of a rule's list.
struct List<'a>(&'a [String]);

impl std::fmt::Display for List<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[")?;
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{item}`")?;
        }
        f.write_str("]")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The requested header names (as sent) that match none of the rule's AllowedHeader values.
pub fn missing_headers<'r>(rule: &CorsRule, acrh: &'r str) -> Vec<&'r str> {
    missing_header_names(rule, acrh).collect()
}

/// [`missing_headers`], lazily.
pub(crate) fn missing_header_names<'r>(
    rule: &CorsRule,
    acrh: &'r str,
) -> impl Iterator<Item = &'r str> {
    split_header_list(acrh)
        .filter(move |name| !rule.allowed_headers.iter().any(|p| header_matches(p, name)))
}

/// Why an AllowedOrigin that looks meant for an origin does not match it (plain data;
/// `Display` gives the sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearMiss<'a> {
    pattern: &'a str,
    kind: NearMissKind<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NearMissKind<'a> {
    LetterCase,
    TrailingSlash,
    DefaultPort,
    Scheme { pattern: &'a str, origin: &'a str },
    NoScheme,
}

impl std::fmt::Display for NearMiss<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pattern = self.pattern;
        match self.kind {
            NearMissKind::LetterCase => write!(
                f,
                "`{pattern}` differs only in letter case; browsers send lower-case hosts and origins compare case-sensitively"
            ),
            NearMissKind::TrailingSlash => {
                write!(f, "`{pattern}` has a trailing `/`; browsers never send one")
            }
            NearMissKind::DefaultPort => {
                write!(f, "`{pattern}` names the default port; browsers omit it")
            }
            NearMissKind::Scheme {
                pattern: ps,
                origin: os,
            } => write!(
                f,
                "`{pattern}` has a different scheme (`{ps}` instead of `{os}`)"
            ),
            NearMissKind::NoScheme => write!(f, "`{pattern}` lacks the scheme (`https://`)"),
        }
    }
}

/// Why the AllowedOrigin `pattern`, which looks meant for `origin`, does not match it.
pub fn near_miss<'a>(pattern: &'a str, origin: &'a str) -> Option<NearMiss<'a>> {
    let kind = |kind| Some(NearMiss { pattern, kind });
    if wildcard_match_ignore_case(pattern, origin) {
        return kind(NearMissKind::LetterCase);
    }
    let trimmed = pattern.trim_end_matches('/');
    if trimmed.len() != pattern.len() && origin_matches(trimmed, origin) {
        return kind(NearMissKind::TrailingSlash);
    }
    for default_port in [":443", ":80"] {
        if let Some(stripped) = pattern.strip_suffix(default_port)
            && origin_matches(stripped, origin)
        {
            return kind(NearMissKind::DefaultPort);
        }
    }
    match (split_scheme(pattern), split_scheme(origin)) {
        (Some((ps, prest)), Some((os, orest))) if ps != os && origin_matches(prest, orest) => {
            kind(NearMissKind::Scheme {
                pattern: ps,
                origin: os,
            })
        }
        (None, Some((_, host))) if origin_matches(pattern, host) => kind(NearMissKind::NoScheme),
        _ => None,
    }
}

/// `s.split_once("://")`, found by looking at each `:` (a generic substring search costs
/// more than the rest of [`near_miss`], which runs for every AllowedOrigin when shown).
fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .find(|&(i, &c)| c == b':' && b.get(i + 1..i + 3) == Some(b"//"))
        .map(|(i, _)| (&s[..i], &s[i + 3..]))
}

/// Explains why an AllowedOrigin that looks meant for `origin` does not match it
/// ([`near_miss`], as text).
pub fn origin_near_miss(pattern: &str, origin: &str) -> Option<String> {
    near_miss(pattern, origin).map(|n| n.to_string())
}

/// A method's bit in a rule's method set (byte-exact; only OSS's five methods have one).
#[inline]
fn method_bit(method: &str) -> Option<u8> {
    Some(match method {
        "GET" => 1,
        "PUT" => 2,
        "POST" => 4,
        "DELETE" => 8,
        "HEAD" => 16,
        _ => return None,
    })
}

/// A value length's bit in [`CompiledRule::origin_lengths`].
#[inline]
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The [`length_bit`]s of every value the pattern may match: its own length without `*`,
/// that length and every longer one with `*` (a star matches runs of any length).
fn possible_lengths(glob: &Glob) -> u64 {
    let stars = glob.stars();
    let literal = length_bit(glob.pattern().len() - stars);
    if stars == 0 {
        literal
    } else {
        // `literal` and every higher bit.
        !(literal - 1)
    }
}

/// A non-negative integer rendered once, kept inline.
#[derive(Debug, Clone, Copy)]
struct Decimal {
    buf: [u8; 20],
    start: u8,
}

impl Decimal {
    fn new(mut n: u64) -> Self {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Self {
            buf,
            start: i as u8,
        }
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits were written.
        std::str::from_utf8(&self.buf[usize::from(self.start)..]).unwrap_or("0")
    }
}

/// One rule prepared for matching.
#[derive(Debug)]
struct CompiledRule<'c> {
    rule: &'c CorsRule,
    /// Range of its AllowedOrigin globs in [`CompiledRules::globs`].
    origins: (u32, u32),
    /// Bit `n` (n < 64) is set when an Origin `n` bytes long may match one of its
    /// AllowedOrigin values; bit 63 stands for every length from 63 up. A cheap test that
    /// passes over most rules without comparing a byte.
    origin_lengths: u64,
    /// Range of its AllowedHeader globs.
    headers: (u32, u32),
    /// Its methods as a set of [`method_bit`]s.
    methods: u8,
    /// `Access-Control-Allow-Methods` (joined on first use).
    allow_methods: OnceLock<Cow<'c, str>>,
    /// `Access-Control-Expose-Headers` (joined on first use).
    expose_headers: OnceLock<Cow<'c, str>>,
    /// `Access-Control-Max-Age`, when sent.
    max_age: Option<Decimal>,
}

/// A rule set prepared for matching, like a compiled regex: origin and header patterns split
/// at their `*`, methods as a bit set, the header values each rule answers with rendered
/// once. Both the server ([`CompiledRules::answer`], what [`oss_answer`] runs) and the
/// simulator (`simulate`) match through it, so there is one matcher.
///
/// Cheap to build (two allocations for any rule set); keep it for as long as the rules
/// live to match many requests.
#[derive(Debug)]
pub struct CompiledRules<'c> {
    config: Option<&'c CorsConfiguration>,
    rules: Vec<CompiledRule<'c>>,
    globs: Vec<Glob<'c>>,
    /// The distinct AllowedHeader patterns (ASCII case-insensitively), each with the set of
    /// rules listing it (bit `i`: rule `i`), so that a request's header names are matched
    /// against each distinct pattern once rather than once per rule listing it. Built for the
    /// second request with a header list: rules compiled for one request (`serve` compiles
    /// them per request) match that request rule by rule, which costs less than the table.
    header_patterns: OnceLock<Vec<HeaderPattern<'c>>>,
    /// A request with a header list was matched (rule by rule).
    header_lists_seen: AtomicBool,
    /// More than 64 rules (never a valid configuration): each rule matches its AllowedHeader
    /// values on its own instead.
    per_rule_headers: bool,
}

/// A distinct AllowedHeader pattern and the rules listing it.
#[derive(Debug)]
struct HeaderPattern<'c> {
    glob: Glob<'c>,
    /// The pattern has no upper-case letter: a lower-case name is compared byte for byte.
    lower_case: bool,
    /// Bit `i`: rule `i` lists it.
    rules: u64,
}

/// A request's matching inputs, parsed once for all rules.
struct Prepared<'r> {
    origin: Option<&'r str>,
    method: Option<&'r str>,
    method_bit: Option<u8>,
    /// The header list to match (`None`: no header list to match).
    header_list: Option<&'r str>,
    /// Each rule matches the header list on its own (see [`CompiledRules::header_lists_seen`]).
    headers_per_rule: bool,
    /// Otherwise, through [`CompiledRules::header_patterns`]: bit `i` is set when rule `i`'s
    /// AllowedHeader values cover every requested name (all bits without a header list).
    headers_ok: u64,
}

/// Bit `i` set for each of the first `n` rules (`n` ≤ 64).
fn all_rules(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

impl<'c> CompiledRules<'c> {
    /// Prepares `config` (None: the bucket has no CORS configuration) for matching.
    pub fn new(config: Option<&'c CorsConfiguration>) -> Self {
        let rules_in = config.map_or(&[][..], |c| &c.rules[..]);
        let mut globs = Vec::with_capacity(
            rules_in
                .iter()
                .map(|r| r.allowed_origins.len() + r.allowed_headers.len())
                .sum(),
        );
        let mut rules = Vec::with_capacity(rules_in.len());
        for rule in rules_in {
            let mut range = |patterns: &'c [String]| {
                let start = globs.len() as u32;
                globs.extend(patterns.iter().map(|p| Glob::new(p)));
                (start, globs.len() as u32)
            };
            let origins = range(&rule.allowed_origins);
            let headers = range(&rule.allowed_headers);
            rules.push(CompiledRule {
                rule,
                origins,
                origin_lengths: globs[origins.0 as usize..origins.1 as usize]
                    .iter()
                    .fold(0, |set, g| set | possible_lengths(g)),
                headers,
                methods: rule
                    .allowed_methods
                    .iter()
                    .filter_map(|m| method_bit(m))
                    .fold(0, |a, b| a | b),
                allow_methods: OnceLock::new(),
                expose_headers: OnceLock::new(),
                max_age: rule
                    .max_age_seconds
                    .filter(|&age| age > 0 || choices::SEND_MAX_AGE_ZERO)
                    .map(Decimal::new),
            });
        }
        Self {
            config,
            per_rule_headers: rules.len() > 64,
            rules,
            globs,
            header_patterns: OnceLock::new(),
            header_lists_seen: AtomicBool::new(false),
        }
    }

    /// See [`Self::header_patterns`] (field).
    fn header_patterns(&self) -> &[HeaderPattern<'c>] {
        self.header_patterns.get_or_init(|| {
            let mut distinct: Vec<HeaderPattern<'c>> = Vec::new();
            for (i, rule) in self.rules.iter().enumerate() {
                for g in self.globs(rule.headers) {
                    match distinct
                        .iter_mut()
                        .find(|d| d.glob.pattern().eq_ignore_ascii_case(g.pattern()))
                    {
                        Some(d) => d.rules |= 1 << i,
                        None => distinct.push(HeaderPattern {
                            glob: *g,
                            lower_case: !g.pattern().bytes().any(|b| b.is_ascii_uppercase()),
                            rules: 1 << i,
                        }),
                    }
                }
            }
            distinct
        })
    }

    /// The requested header names (from the list `acrh`) that match none of rule `index`'s
    /// AllowedHeader values ([`missing_headers`] with the compiled patterns).
    pub(crate) fn missing_headers<'r>(
        &self,
        index: usize,
        acrh: &'r str,
    ) -> impl Iterator<Item = &'r str> + use<'r, '_, 'c> {
        let patterns = self
            .rules
            .get(index)
            .map_or(&[][..], |r| self.globs(r.headers));
        split_header_list(acrh).filter(move |name| !patterns.iter().any(|g| g.matches_header(name)))
    }

    /// Parses `req`'s matching inputs once for all rules.
    fn prepare<'r>(&self, req: &IncomingRequest<'r>) -> Prepared<'r> {
        let method = req.match_method();
        let header_list = req.match_headers();
        let mut headers_ok = all_rules(self.rules.len());
        let headers_per_rule = self.per_rule_headers
            || (header_list.is_some()
                && self.header_patterns.get().is_none()
                && !self.header_lists_seen.swap(true, Ordering::Relaxed));
        if let Some(list) = header_list.filter(|_| !headers_per_rule) {
            let patterns = self.header_patterns();
            let mut buf = [0u8; 64];
            for name in split_header_list(list) {
                // The name in lower case, when short enough to lower on the stack (browsers
                // send lower-case names already), so that most patterns compare byte for byte.
                let lower: Option<&[u8]> = if !name.bytes().any(|b| b.is_ascii_uppercase()) {
                    Some(name.as_bytes())
                } else {
                    buf.get_mut(..name.len()).map(|b| {
                        b.copy_from_slice(name.as_bytes());
                        b.make_ascii_lowercase();
                        &*b
                    })
                };
                // The rules some AllowedHeader of which matches this name.
                let mut covering = 0;
                for p in patterns {
                    let matches = match lower {
                        Some(lower) if p.lower_case => p.glob.matches(lower, false),
                        _ => p.glob.matches_header(name),
                    };
                    if matches {
                        covering |= p.rules;
                    }
                }
                headers_ok &= covering;
                if headers_ok == 0 {
                    break;
                }
            }
        }
        Prepared {
            origin: req.origin,
            method,
            method_bit: method.and_then(method_bit),
            header_list,
            headers_per_rule,
            headers_ok,
        }
    }

    /// The configuration these rules were compiled from.
    pub fn config(&self) -> Option<&'c CorsConfiguration> {
        self.config
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// The configuration has no rule (or there is no configuration).
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    fn response_vary(&self) -> bool {
        self.config.is_some_and(CorsConfiguration::response_vary)
    }

    fn globs(&self, range: (u32, u32)) -> &[Glob<'c>] {
        &self.globs[range.0 as usize..range.1 as usize]
    }

    /// Index of the rule's first AllowedOrigin matching `origin`.
    #[inline(always)]
    fn origin_index(&self, rule: &CompiledRule, origin: &str) -> Option<usize> {
        if rule.origin_lengths & length_bit(origin.len()) == 0 {
            return None;
        }
        self.globs(rule.origins)
            .iter()
            .position(|g| g.matches_origin(origin))
    }

    #[inline]
    fn method_ok(rule: &CompiledRule, req: &Prepared) -> bool {
        match req.method_bit {
            Some(bit) => rule.methods & bit != 0,
            None if choices::UNKNOWN_ACRM_IS_NO_MATCH => false,
            None => req
                .method
                .is_some_and(|m| rule.rule.allowed_methods.iter().any(|a| a == m)),
        }
    }

    #[inline]
    fn headers_ok(&self, index: usize, req: &Prepared) -> bool {
        if !req.headers_per_rule {
            req.headers_ok & (1 << index) != 0
        } else {
            // Rule by rule: no requested name is missing from this rule's patterns.
            req.header_list
                .is_none_or(|list| self.missing_headers(index, list).next().is_none())
        }
    }

    /// The matched AllowedOrigin index when rule `rule` fully matches.
    #[inline]
    fn rule_match(&self, index: usize, rule: &CompiledRule, req: &Prepared) -> Option<usize> {
        let origin = req.origin?;
        req.method?;
        if !Self::method_ok(rule, req) || !self.headers_ok(index, req) {
            return None;
        }
        self.origin_index(rule, origin)
    }

    fn first_match(&self, req: &Prepared) -> Option<(usize, usize)> {
        self.rules
            .iter()
            .enumerate()
            .find_map(|(i, rule)| self.rule_match(i, rule, req).map(|o| (i, o)))
    }

    /// Every rule's outcome against `req` (`malformed`: OSS refuses it before any rule).
    fn outcomes(&self, req: &Prepared, malformed: bool) -> RuleOutcomes {
        let mut outcomes = RuleOutcomes::none(self.rules.len());
        for ((w, rules), word) in self.rules.chunks(64).enumerate().zip(outcomes.words_mut()) {
            // Built in registers, one word (up to 64 rules) at a time.
            let [mut origin, mut method, mut headers] = [0u64; 3];
            for (bit, rule) in rules.iter().enumerate() {
                let index = w * 64 + bit;
                if req
                    .origin
                    .is_some_and(|o| self.origin_index(rule, o).is_some())
                {
                    origin |= 1 << bit;
                }
                if req.method.is_some() && Self::method_ok(rule, req) {
                    method |= 1 << bit;
                }
                if self.headers_ok(index, req) {
                    headers |= 1 << bit;
                }
            }
            *word = [origin, method, headers];
        }
        if !malformed {
            outcomes.selected = outcomes.first(true);
        }
        outcomes
    }

    /// `(rule index, index of its first AllowedOrigin matching the request's Origin)`.
    fn with_origin_index(&self, index: usize, origin: Option<&str>) -> (usize, usize) {
        let origin_idx = origin.and_then(|o| self.origin_index(&self.rules[index], o));
        (index, origin_idx.unwrap_or(0))
    }

    /// What OSS answers to `req` (fast path, no explanations, no allocation while matching).
    pub fn answer<'a>(&'a self, req: &IncomingRequest<'a>) -> OssAnswer<'a> {
        let matched = if is_malformed(req) {
            None
        } else {
            self.first_match(&self.prepare(req))
        };
        self.build_answer(req, req.origin, matched)
    }

    /// What OSS answers to `req`, plus every rule's outcome.
    pub fn explain<'a>(&'a self, req: &IncomingRequest<'a>) -> (OssAnswer<'a>, RuleOutcomes) {
        self.explain_echoing(req, req.origin)
    }

    /// [`Self::explain`], where the answer borrows only `origin` (the request's Origin) of
    /// the request, so `req` itself may be short-lived.
    pub(crate) fn explain_echoing<'a>(
        &'a self,
        req: &IncomingRequest<'_>,
        origin: Option<&'a str>,
    ) -> (OssAnswer<'a>, RuleOutcomes) {
        debug_assert_eq!(origin, req.origin);
        let outcomes = self.outcomes(&self.prepare(req), is_malformed(req));
        let matched = outcomes.selected.map(|i| self.with_origin_index(i, origin));
        (self.build_answer(req, origin, matched), outcomes)
    }

    /// What OSS answers to the actual request `actual` (no header list) whose method and
    /// Origin are the ACRM and Origin of a preflight whose rule outcomes are `outcomes`:
    /// the first rule whose origin and method matched answers, so no rule is matched again.
    pub(crate) fn answer_actual_from<'a>(
        &'a self,
        actual: &IncomingRequest<'a>,
        outcomes: &RuleOutcomes,
    ) -> OssAnswer<'a> {
        let matched = outcomes
            .first(false)
            .map(|i| self.with_origin_index(i, actual.origin));
        debug_assert_eq!(
            matched,
            self.first_match(&self.prepare(actual)),
            "the preflight's outcomes decide the actual request"
        );
        self.build_answer(actual, actual.origin, matched)
    }

    /// The answer once the matching rule is known. Header values borrow the compiled rules
    /// and `origin` (the request's Origin, echoed), nothing else of `req`.
    fn build_answer<'a>(
        &'a self,
        req: &IncomingRequest<'_>,
        origin: Option<&'a str>,
        matched: Option<(usize, usize)>,
    ) -> OssAnswer<'a> {
        let is_preflight = req.is_options();
        let mut headers = Vec::with_capacity(7);
        let mut status = None;
        let mut forbidden = None;
        let rule = matched.map(|(i, o)| (&self.rules[i], o));
        if is_preflight {
            let refusal = if req.origin.is_none() {
                Some((
                    choices::OPTIONS_MALFORMED_STATUS,
                    choices::OPTIONS_MALFORMED_CODE,
                    choices::OPTIONS_MISSING_ORIGIN_MESSAGE,
                ))
            } else if req.access_control_request_method.is_none() {
                Some((
                    choices::OPTIONS_MALFORMED_STATUS,
                    choices::OPTIONS_MALFORMED_CODE,
                    choices::OPTIONS_MISSING_METHOD_MESSAGE,
                ))
            } else if self.rules.is_empty() {
                Some((
                    403,
                    choices::PREFLIGHT_DENIED_CODE,
                    choices::PREFLIGHT_NOT_ENABLED_MESSAGE,
                ))
            } else if rule.is_none() {
                Some((
                    403,
                    choices::PREFLIGHT_DENIED_CODE,
                    choices::PREFLIGHT_NOT_ALLOWED_MESSAGE,
                ))
            } else {
                None
            };
            match refusal {
                Some((s, code, message)) => {
                    status = Some(s);
                    forbidden = Some(Forbidden { code, message });
                }
                None => status = Some(200),
            }
        }
        if let (Some((rule, origin_idx)), Some(origin)) = (rule, origin) {
            self.cors_headers(rule, origin_idx, origin, req, &mut headers);
        }
        if self.response_vary() {
            headers.push((names::VARY, Cow::Borrowed("Origin")));
        }
        OssAnswer {
            is_preflight,
            status,
            matched_rule: matched.map(|(i, _)| i),
            headers,
            forbidden,
        }
    }

    fn cors_headers<'a>(
        &'a self,
        rule: &'a CompiledRule<'c>,
        origin_idx: usize,
        origin: &'a str,
        req: &IncomingRequest<'_>,
        headers: &mut Vec<(&'static str, Cow<'a, str>)>,
    ) {
        let star = choices::STAR_RULE_ANSWERS_STAR
            && self
                .globs(rule.origins)
                .get(origin_idx)
                .is_some_and(Glob::is_any);
        if star {
            headers.push((names::ALLOW_ORIGIN, Cow::Borrowed("*")));
        } else {
            headers.push((names::ALLOW_ORIGIN, Cow::Borrowed(origin)));
            if choices::ALLOW_CREDENTIALS_WHEN_ECHOING {
                headers.push((names::ALLOW_CREDENTIALS, Cow::Borrowed("true")));
            }
        }
        let preflight = req.is_options();
        if preflight || choices::ACTUAL_RESPONSE_HAS_METHODS_AND_MAX_AGE {
            let methods: Cow<'a, str> = match choices::ALLOW_METHODS {
                AllowMethods::RuleList => Cow::Borrowed(
                    rule.allow_methods
                        .get_or_init(|| joined(&rule.rule.allowed_methods)),
                ),
                AllowMethods::Requested => {
                    Cow::Owned(req.match_method().unwrap_or_default().to_owned())
                }
            };
            headers.push((names::ALLOW_METHODS, methods));
        }
        if preflight
            && let Some(acrh) = req.access_control_request_headers
            && let Some(value) = allow_headers_value(acrh)
        {
            headers.push((names::ALLOW_HEADERS, Cow::Owned(value)));
        }
        if !rule.rule.expose_headers.is_empty() {
            headers.push((
                names::EXPOSE_HEADERS,
                Cow::Borrowed(
                    rule.expose_headers
                        .get_or_init(|| joined(&rule.rule.expose_headers)),
                ),
            ));
        }
        if (preflight || choices::ACTUAL_RESPONSE_HAS_METHODS_AND_MAX_AGE)
            && let Some(age) = &rule.max_age
        {
            headers.push((names::MAX_AGE, Cow::Borrowed(age.as_str())));
        }
    }
}

/// An OPTIONS request without Origin or ACRM: OSS refuses it before looking at any rule.
fn is_malformed(req: &IncomingRequest) -> bool {
    req.is_options() && (req.origin.is_none() || req.access_control_request_method.is_none())
}

/// `items` joined by `", "`, borrowed when there is only one.
fn joined(items: &[String]) -> Cow<'_, str> {
    match items {
        [one] => Cow::Borrowed(one),
        _ => Cow::Owned(items.join(", ")),
    }
}

/// `Access-Control-Allow-Headers` for a preflight's ACRH: the requested names
/// ([`choices::ALLOW_HEADERS_LOWER_CASE`]) joined by `", "`; `None` when no name was requested.
fn allow_headers_value(acrh: &str) -> Option<String> {
    let mut names = split_header_list(acrh);
    let first = names.next()?;
    let mut s = String::with_capacity(acrh.len() + 8);
    let push = |s: &mut String, name: &str| {
        if choices::ALLOW_HEADERS_LOWER_CASE {
            super::browser::push_lower(s, name);
        } else {
            s.push_str(name);
        }
    };
    push(&mut s, first);
    for name in names {
        s.push_str(", ");
        push(&mut s, name);
    }
    Some(s)
}

/// What OSS answers to `req` (compiles `config` for this one request; keep a
/// [`CompiledRules`] to answer many).
pub fn oss_answer(config: Option<&CorsConfiguration>, req: &IncomingRequest) -> OssAnswer<'static> {
    CompiledRules::new(config).answer(req).into_owned()
}

/// What OSS answers to `req`, plus every rule's outcome; see [`CompiledRules::explain`].
pub fn explain(
    config: Option<&CorsConfiguration>,
    req: &IncomingRequest,
) -> (OssAnswer<'static>, RuleOutcomes) {
    let rules = CompiledRules::new(config);
    let (answer, evals) = rules.explain(req);
    (answer.into_owned(), evals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(origins: &[&str], methods: &[&str], headers: &[&str]) -> CorsRule {
        CorsRule {
            allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
            allowed_methods: methods.iter().map(|s| s.to_string()).collect(),
            allowed_headers: headers.iter().map(|s| s.to_string()).collect(),
            expose_headers: vec![],
            max_age_seconds: None,
        }
    }

    fn cfg(rules: Vec<CorsRule>, vary: bool) -> CorsConfiguration {
        CorsConfiguration {
            rules,
            response_vary: Some(vary),
        }
    }

    fn preflight<'a>(origin: &'a str, m: &'a str, h: Option<&'a str>) -> IncomingRequest<'a> {
        IncomingRequest {
            method: "OPTIONS",
            origin: Some(origin),
            access_control_request_method: Some(m),
            access_control_request_headers: h,
        }
    }

    #[test]
    fn star_rule_answers_like_ali_oss_310() {
        let mut r = rule(&["*"], &["GET", "POST", "PUT", "DELETE", "HEAD"], &["*"]);
        r.expose_headers = vec!["ETag".into()];
        r.max_age_seconds = Some(300);
        let c = cfg(vec![r], false);
        let a = oss_answer(
            Some(&c),
            &preflight(
                "http://localhost:8080",
                "PUT",
                Some(
                    "authorization,content-md5,content-type,x-oss-date,x-oss-security-token,x-oss-user-agent",
                ),
            ),
        );
        assert_eq!(a.status, Some(200));
        assert_eq!(a.matched_rule, Some(0));
        assert_eq!(
            a.headers[..],
            [
                (names::ALLOW_ORIGIN, "*".into()),
                (names::ALLOW_METHODS, "GET, POST, PUT, DELETE, HEAD".into()),
                (
                    names::ALLOW_HEADERS,
                    "authorization, content-md5, content-type, x-oss-date, x-oss-security-token, x-oss-user-agent".into()
                ),
                (names::EXPOSE_HEADERS, "ETag".into()),
                (names::MAX_AGE, "300".into()),
            ]
        );
    }

    #[test]
    fn echoed_origin_gets_credentials_and_lowercased_headers() {
        let c = cfg(
            vec![rule(
                &["https://*.example.com"],
                &["PUT"],
                &["x-oss-*", "Content-Type"],
            )],
            true,
        );
        let a = oss_answer(
            Some(&c),
            &preflight(
                "https://app.example.com",
                "PUT",
                Some("Content-Type, X-Oss-Meta-A"),
            ),
        );
        assert_eq!(
            a.header(names::ALLOW_ORIGIN),
            Some("https://app.example.com")
        );
        assert_eq!(a.header(names::ALLOW_CREDENTIALS), Some("true"));
        assert_eq!(
            a.header(names::ALLOW_HEADERS),
            Some("content-type, x-oss-meta-a")
        );
        assert_eq!(a.headers.last().unwrap(), &(names::VARY, "Origin".into()));
    }

    #[test]
    fn first_full_match_wins_and_method_mismatch_falls_through() {
        let c = cfg(
            vec![
                rule(&["https://a.com"], &["GET"], &[]),
                rule(&["https://a.com"], &["PUT"], &[]),
            ],
            false,
        );
        let a = oss_answer(Some(&c), &preflight("https://a.com", "PUT", None));
        assert_eq!(a.matched_rule, Some(1));
        let (b, outcomes) = explain(Some(&c), &preflight("https://a.com", "PUT", None));
        let evals: Vec<RuleEvaluation> = outcomes.iter().collect();
        assert_eq!(a, b);
        assert!(!evals[0].matches && evals[0].origin_ok && !evals[0].method_ok);
        assert!(evals[1].selected);
    }

    #[test]
    fn refusals_and_their_order() {
        let c = cfg(vec![rule(&["https://a.com"], &["GET"], &[])], true);
        let no_origin = IncomingRequest {
            method: "OPTIONS",
            access_control_request_method: Some("GET"),
            ..Default::default()
        };
        let a = oss_answer(None, &no_origin);
        assert_eq!(a.status, Some(400));
        assert_eq!(
            a.forbidden.unwrap().message,
            choices::OPTIONS_MISSING_ORIGIN_MESSAGE
        );
        let no_acrm = IncomingRequest {
            method: "OPTIONS",
            origin: Some("https://a.com"),
            ..Default::default()
        };
        let a = oss_answer(Some(&c), &no_acrm);
        assert_eq!(a.status, Some(400));
        assert_eq!(a.matched_rule, None);
        assert_eq!(a.headers[..], [(names::VARY, "Origin".into())]);
        let a = oss_answer(None, &preflight("https://a.com", "GET", None));
        assert_eq!(a.status, Some(403));
        assert_eq!(
            a.forbidden.unwrap().message,
            choices::PREFLIGHT_NOT_ENABLED_MESSAGE
        );
        let a = oss_answer(Some(&c), &preflight("https://b.com", "GET", None));
        assert_eq!(a.status, Some(403));
        assert_eq!(a.forbidden.as_ref().unwrap().code, "AccessForbidden");
        assert_eq!(
            a.forbidden.unwrap().message,
            choices::PREFLIGHT_NOT_ALLOWED_MESSAGE
        );
        assert_eq!(a.headers[..], [(names::VARY, "Origin".into())]);
    }

    #[test]
    fn actual_requests_ignore_headers_and_need_origin() {
        let mut r = rule(&["https://a.com"], &["GET"], &[]);
        r.expose_headers = vec!["ETag".into(), "x-oss-request-id".into()];
        r.max_age_seconds = Some(0);
        let c = cfg(vec![r], false);
        let get = IncomingRequest {
            method: "GET",
            origin: Some("https://a.com"),
            access_control_request_method: Some("PUT"),
            access_control_request_headers: Some("x-unknown"),
        };
        let a = oss_answer(Some(&c), &get);
        assert_eq!(a.status, None);
        assert!(!a.is_preflight);
        assert_eq!(a.matched_rule, Some(0));
        assert_eq!(a.header(names::ALLOW_HEADERS), None);
        assert_eq!(
            a.header(names::EXPOSE_HEADERS),
            Some("ETag, x-oss-request-id")
        );
        assert_eq!(a.header(names::MAX_AGE), Some("0"));
        let anon = IncomingRequest {
            method: "GET",
            ..Default::default()
        };
        assert!(oss_answer(Some(&c), &anon).headers.is_empty());
        let put = IncomingRequest {
            method: "PUT",
            origin: Some("https://a.com"),
            ..Default::default()
        };
        let a = oss_answer(Some(&c), &put);
        assert_eq!(a.matched_rule, None);
        assert!(a.headers.is_empty());
    }

    #[test]
    fn reasons_name_the_values_compared() {
        let c = cfg(
            vec![
                rule(&["https://App.example.com"], &["GET"], &[]),
                rule(&["https://app.example.com"], &["GET"], &["content-type"]),
                rule(&["*"], &["PUT"], &["*"]),
                rule(&["https://app.example.com"], &["PUT"], &["*"]),
            ],
            false,
        );
        let req = preflight(
            "https://app.example.com",
            "PUT",
            Some("content-type,x-oss-meta-author"),
        );
        let (a, outcomes) = explain(Some(&c), &req);
        let evals: Vec<RuleEvaluation> = outcomes.iter().collect();
        assert_eq!(a.matched_rule, Some(2));
        let r0 = evals[0].reasons(&c, &req);
        assert!(r0[0].contains("origin `https://app.example.com` matches no AllowedOrigin [`https://App.example.com`]"), "{r0:?}");
        assert!(r0[0].contains("letter case"), "{r0:?}");
        assert!(
            r0[1].contains("`PUT` is not in AllowedMethod [`GET`]"),
            "{r0:?}"
        );
        assert!(
            r0[2].contains("but the rule has no AllowedHeader"),
            "{r0:?}"
        );
        let r1 = evals[1].reasons(&c, &req);
        assert!(
            r1[1].contains(
                "requested header `x-oss-meta-author` matches no AllowedHeader [`content-type`]"
            ),
            "{r1:?}"
        );
        assert!(evals[2].reasons(&c, &req).is_empty());
        assert!(evals[3].reasons(&c, &req)[0].contains("rule 3 comes first"));
    }

    proptest::proptest! {
        /// The length filter never passes over an Origin that matches.
        #[test]
        fn length_filter_keeps_every_match(
            pattern in "[a-c*]{0,4}(x{60})?[a-c*]{0,4}",
            value in "[a-c]{0,6}(x{60})?[a-c]{0,6}",
        ) {
            if origin_matches(&pattern, &value) {
                proptest::prop_assert!(possible_lengths(&Glob::new(&pattern)) & length_bit(value.len()) != 0);
            }
        }
    }

    #[test]
    fn length_filter_examples() {
        let exact = possible_lengths(&Glob::new("https://a.test"));
        assert_eq!(exact, length_bit(14));
        let star = possible_lengths(&Glob::new("https://*.a.test"));
        // 15 literal bytes: the star's run may be empty (or not: see choices), never negative.
        assert_eq!(star & length_bit(14), 0);
        assert_ne!(star & length_bit(15), 0);
        assert_ne!(star & length_bit(500), 0);
        assert_eq!(possible_lengths(&Glob::new("*")), u64::MAX);
        assert_eq!(
            possible_lengths(&Glob::new(&"x".repeat(70))),
            length_bit(63)
        );
    }

    #[test]
    fn decimal_renders_every_magnitude() {
        for n in [0, 7, 10, 600, 86_400, u64::MAX] {
            assert_eq!(Decimal::new(n).as_str(), n.to_string());
        }
    }

    #[test]
    fn near_misses() {
        let o = "https://app.example.com";
        assert!(
            origin_near_miss("https://app.example.com/", o)
                .unwrap()
                .contains("trailing")
        );
        assert!(
            origin_near_miss("https://app.example.com:443", o)
                .unwrap()
                .contains("default port")
        );
        assert!(
            origin_near_miss("http://app.example.com", o)
                .unwrap()
                .contains("scheme")
        );
        assert!(
            origin_near_miss("app.example.com", o)
                .unwrap()
                .contains("lacks the scheme")
        );
        assert!(origin_near_miss("https://other.example.com", o).is_none());
    }

    proptest::proptest! {
        #[test]
        fn split_scheme_is_split_once(s in "[a:/b]{0,12}") {
            proptest::prop_assert_eq!(split_scheme(&s), s.split_once("://"));
        }
    }

    /// The bit-set queries of [`RuleOutcomes`] answer what a scan over its evaluations does,
    /// in one word and across several.
    mod outcome_sets {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn queries_agree_with_a_scan(
                parts in proptest::collection::vec((any::<bool>(), any::<bool>(), any::<bool>()), 0..150),
            ) {
                let mut outcomes = RuleOutcomes::none(parts.len());
                for (i, &(o, m, h)) in parts.iter().enumerate() {
                    for (on, part) in [(o, ORIGIN), (m, METHOD), (h, HEADERS)] {
                        if on {
                            outcomes.set(i, part);
                        }
                    }
                }
                let evals: Vec<RuleEvaluation> = outcomes.iter().collect();
                prop_assert_eq!(evals.len(), parts.len());
                for (e, &(o, m, h)) in evals.iter().zip(&parts) {
                    prop_assert_eq!((e.origin_ok, e.method_ok, e.headers_ok, e.matches), (o, m, h, o && m && h));
                }
                prop_assert_eq!(outcomes.first(true), evals.iter().position(|e| e.matches));
                prop_assert_eq!(outcomes.first(false), evals.iter().position(|e| e.origin_ok && e.method_ok));
                prop_assert_eq!(outcomes.any_origin_matches(), evals.iter().any(|e| e.origin_ok));
                let closest = evals
                    .iter()
                    .filter(|e| e.origin_ok)
                    .min_by_key(|e| usize::from(!e.method_ok) + usize::from(!e.headers_ok));
                prop_assert_eq!(outcomes.closest_origin_match(), closest.copied());
                prop_assert_eq!(outcomes.get(parts.len()), None);
            }
        }
    }

    /// The per-request rule sets over distinct AllowedHeader patterns decide exactly what
    /// matching each rule's patterns on its own decides (the path kept for > 64 rules).
    mod header_sets {
        use super::*;
        use proptest::prelude::*;

        const PATTERNS: [&str; 9] = [
            "a",
            "A",
            "x-*",
            "X-Oss-*",
            "*",
            "content-type",
            "b*c",
            "x-oss-meta-*",
            "range",
        ];
        const NAMES: [&str; 10] = [
            "a",
            "x-oss-date",
            "X-OSS-META-A",
            "content-type",
            "Content-Type",
            "bc",
            "b-c",
            "range",
            "x-",
            "zz",
        ];

        fn evaluated(rules: &CompiledRules, req: &IncomingRequest) -> Vec<RuleEvaluation> {
            rules.explain(req).1.iter().collect()
        }

        proptest! {
            #[test]
            fn agree_with_per_rule_matching(
                rule_headers in proptest::collection::vec(
                    proptest::collection::vec(0..PATTERNS.len(), 0..4), 1..12),
                names in proptest::collection::vec(0..NAMES.len(), 0..5),
                separator in prop_oneof![Just(","), Just(", "), Just(" ,\t")],
            ) {
                let rules_in: Vec<CorsRule> = rule_headers
                    .iter()
                    .map(|h| {
                        let headers: Vec<&str> = h.iter().map(|&i| PATTERNS[i]).collect();
                        rule(&["*"], &["PUT"], &headers)
                    })
                    .collect();
                let c = cfg(rules_in, false);
                let list: Vec<&str> = names.iter().map(|&i| NAMES[i]).collect();
                let list = list.join(separator);
                let req = preflight("https://a.test", "PUT", Some(&list));
                let sets = CompiledRules::new(Some(&c));
                // The first request with a header list is matched rule by rule; the table
                // serves every later one.
                let _ = sets.answer(&req);
                let mut per_rule = CompiledRules::new(Some(&c));
                per_rule.per_rule_headers = true;
                prop_assert_eq!(evaluated(&sets, &req), evaluated(&per_rule, &req));
                prop_assert_eq!(sets.answer(&req), per_rule.answer(&req));
                prop_assert_eq!(sets.header_patterns.get().is_some(), req.access_control_request_headers.is_some());
            }
        }

        #[test]
        fn more_than_64_rules_match_each_rule_on_its_own() {
            let mut rules_in = vec![rule(&["https://a.test"], &["GET"], &["x-a"]); 70];
            rules_in.push(rule(&["https://a.test"], &["GET"], &["x-b"]));
            let c = cfg(rules_in, false);
            let compiled = CompiledRules::new(Some(&c));
            assert!(compiled.per_rule_headers);
            let a = compiled.answer(&preflight("https://a.test", "GET", Some("X-B")));
            assert_eq!(a.matched_rule, Some(70));
            let a = compiled.answer(&preflight("https://a.test", "GET", Some("x-a")));
            assert_eq!(a.matched_rule, Some(0));
            // The outcomes span two words: rule 70 is the only one allowing `x-b`.
            let (a, outcomes) = compiled.explain(&preflight("https://a.test", "GET", Some("x-b")));
            assert_eq!(
                (a.matched_rule, outcomes.selected(), outcomes.len()),
                (Some(70), Some(70), 71)
            );
            let evals: Vec<RuleEvaluation> = outcomes.iter().collect();
            assert!(evals.iter().all(|e| e.origin_ok && e.method_ok));
            assert_eq!(
                evals
                    .iter()
                    .filter(|e| e.headers_ok)
                    .map(|e| e.index)
                    .collect::<Vec<_>>(),
                [70]
            );
            assert!(evals[70].selected && evals[70].matches && !evals[69].matches);
            assert_eq!(outcomes.get(71), None);
            // Without the header list the first rule answers the actual request.
            let actual = IncomingRequest {
                method: "GET",
                origin: Some("https://a.test"),
                access_control_request_method: None,
                access_control_request_headers: None,
            };
            assert_eq!(
                compiled.answer_actual_from(&actual, &outcomes).matched_rule,
                Some(0)
            );
        }
    }
}
