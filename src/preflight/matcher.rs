//! The wildcard matcher OSS applies to AllowedOrigin and AllowedHeader values, and the
//! `Access-Control-Request-Headers` splitter. Allocation-free: this is the hot path.
//!
//! A pattern without `*` matches only the identical string. A `*` matches any run of
//! characters (dots, colons and slashes included); the literal parts around it must appear in
//! order, the first at the start and the last at the end, without overlapping. Validation
//! allows at most one `*` per value; several are handled the same way (each one a run).
//! Whether `*` may match the empty string is [`choices::WILDCARD_MATCHES_EMPTY`].

use super::choices;

/// Case-sensitive wildcard match (AllowedOrigin against the request's Origin).
pub fn wildcard_match(pattern: &str, value: &str) -> bool {
    glob(pattern, value, false)
}

/// ASCII-case-insensitive wildcard match (AllowedHeader against a requested header name).
pub fn wildcard_match_ignore_case(pattern: &str, value: &str) -> bool {
    glob(pattern, value, true)
}

/// Whether `origin` matches the AllowedOrigin `pattern` (see [`choices::ORIGIN_CASE_SENSITIVE`]).
pub fn origin_matches(pattern: &str, origin: &str) -> bool {
    glob(pattern, origin, !choices::ORIGIN_CASE_SENSITIVE)
}

/// Whether the requested header `name` matches the AllowedHeader `pattern` (case-insensitive).
pub fn header_matches(pattern: &str, name: &str) -> bool {
    wildcard_match_ignore_case(pattern, name)
}

/// The names of an `Access-Control-Request-Headers` value: split on `,`, HTTP whitespace
/// trimmed, empty items dropped ([`choices::ACRH_DROP_EMPTY_ITEMS`]).
pub fn split_header_list(value: &str) -> HeaderList<'_> {
    HeaderList { rest: Some(value) }
}

/// The items of a comma-separated header value (see [`split_header_list`]).
#[derive(Debug, Clone)]
pub struct HeaderList<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for HeaderList<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let rest = self.rest?;
            let item = match rest.bytes().position(|b| b == b',') {
                Some(at) => {
                    self.rest = Some(&rest[at + 1..]);
                    &rest[..at]
                }
                None => {
                    self.rest = None;
                    rest
                }
            };
            let item = trim_http_ws(item);
            if !(choices::ACRH_DROP_EMPTY_ITEMS && item.is_empty()) {
                return Some(item);
            }
        }
    }
}

fn is_http_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Trims HTTP whitespace (space, tab, CR, LF) at both ends.
pub fn trim_http_ws(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) if !is_http_ws(first) && !is_http_ws(last) => return s,
        _ => {}
    }
    let start = b.iter().position(|&c| !is_http_ws(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| !is_http_ws(c))
        .map_or(start, |i| i + 1);
    // Both ends are ASCII boundaries.
    &s[start..end.max(start)]
}

fn eq_bytes(a: &[u8], b: &[u8], ignore_case: bool) -> bool {
    if ignore_case {
        a.eq_ignore_ascii_case(b)
    } else {
        eq_exact(a, b)
    }
}

/// `a == b`, compared eight bytes at a time in place (the patterns and origins compared here
/// are a few dozen bytes: a call to `memcmp` would cost more than the comparison).
#[inline]
fn eq_exact(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        if n < 4 {
            return a.iter().zip(b).all(|(x, y)| x == y);
        }
        // Two four-byte words, overlapping when `n` < 8.
        let half = |s: &[u8], at: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&s[at..at + 4]);
            u32::from_ne_bytes(w)
        };
        return half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4);
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_ne_bytes(w)
    };
    let mut at = 0;
    while at + 8 < n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last eight bytes (overlapping the previous word when `n` is no multiple of 8).
    word(a, n - 8) == word(b, n - 8)
}

/// Position of the first occurrence of `needle` in `hay` at or after byte 0.
fn find(hay: &[u8], needle: &[u8], ignore_case: bool) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .find(|&i| eq_bytes(&hay[i..i + needle.len()], needle, ignore_case))
}

fn glob(pattern: &str, value: &str, ignore_case: bool) -> bool {
    Glob::new(pattern).matches(value.as_bytes(), ignore_case)
}

/// A wildcard pattern split once at its stars (the compiled form of an AllowedOrigin or
/// AllowedHeader value): matching it is a length check and one or two byte compares.
/// [`wildcard_match`] and friends parse on the fly; `CompiledRules` parses once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glob<'p> {
    pattern: &'p str,
    /// Index of the first `*` (the prefix is `pattern[..first_star]`); `usize::MAX` without one.
    first_star: usize,
    /// Index of the last `*`.
    last_star: usize,
    /// How many `*` the pattern holds.
    stars: usize,
}

impl<'p> Glob<'p> {
    /// Splits `pattern` at its stars (one pass, no allocation).
    pub fn new(pattern: &'p str) -> Self {
        let (mut first_star, mut last_star, mut stars) = (usize::MAX, 0, 0usize);
        for (i, &b) in pattern.as_bytes().iter().enumerate() {
            if b == b'*' {
                first_star = first_star.min(i);
                last_star = i;
                stars += 1;
            }
        }
        Self {
            pattern,
            first_star,
            last_star,
            stars,
        }
    }

    /// The pattern as written.
    pub fn pattern(&self) -> &'p str {
        self.pattern
    }

    /// How many `*` the pattern holds.
    pub fn stars(&self) -> usize {
        self.stars
    }

    /// The pattern is exactly `*` (matches everything).
    pub fn is_any(&self) -> bool {
        self.pattern == "*"
    }

    /// Case-sensitive match (AllowedOrigin against an Origin, see
    /// [`choices::ORIGIN_CASE_SENSITIVE`]).
    #[inline]
    pub fn matches_origin(&self, origin: &str) -> bool {
        self.matches(origin.as_bytes(), !choices::ORIGIN_CASE_SENSITIVE)
    }

    /// ASCII-case-insensitive match (AllowedHeader against a requested header name).
    #[inline]
    pub fn matches_header(&self, name: &str) -> bool {
        self.matches(name.as_bytes(), true)
    }

    /// Whether `value` matches, optionally ignoring ASCII case.
    #[inline(always)]
    pub fn matches(&self, value: &[u8], ignore_case: bool) -> bool {
        let pattern = self.pattern.as_bytes();
        if self.stars == 0 {
            // Most candidates differ in length: decided here, without a call.
            return pattern.len() == value.len() && eq_bytes(pattern, value, ignore_case);
        }
        if pattern.len() == 1 {
            // `*` alone
            return value.len() >= usize::from(!choices::WILDCARD_MATCHES_EMPTY);
        }
        self.matches_wildcard(value, ignore_case)
    }

    #[inline(always)]
    fn matches_wildcard(&self, value: &[u8], ignore_case: bool) -> bool {
        let pattern = self.pattern.as_bytes();
        let (first_star, last_star, stars) = (self.first_star, self.last_star, self.stars);
        let prefix = &pattern[..first_star];
        let suffix = &pattern[last_star + 1..];
        let min_run = usize::from(!choices::WILDCARD_MATCHES_EMPTY);
        if value.len() < prefix.len() + suffix.len() + stars * min_run {
            return false;
        }
        // The suffix first: it tells most candidates apart (`https://` starts them all).
        if !eq_bytes(&value[value.len() - suffix.len()..], suffix, ignore_case)
            || !eq_bytes(&value[..prefix.len()], prefix, ignore_case)
        {
            return false;
        }
        if first_star == last_star {
            return value.len() - prefix.len() - suffix.len() >= min_run;
        }
        self.matches_middle(value, ignore_case)
    }

    /// With several stars, the literal parts between the first and the last star must
    /// appear in order between the prefix and the suffix (which already matched).
    #[inline(never)]
    fn matches_middle(&self, value: &[u8], ignore_case: bool) -> bool {
        let pattern = self.pattern.as_bytes();
        let (first_star, last_star) = (self.first_star, self.last_star);
        let (prefix_len, suffix_len) = (first_star, pattern.len() - last_star - 1);
        let min_run = usize::from(!choices::WILDCARD_MATCHES_EMPTY);
        let mut rest = &value[prefix_len..value.len() - suffix_len];
        let middle = &pattern[first_star + 1..last_star];
        let mut need_run = true; // a star precedes the next literal part
        for part in middle.split(|&b| b == b'*') {
            if part.is_empty() {
                continue;
            }
            let skip = if need_run { min_run } else { 0 };
            if rest.len() < skip {
                return false;
            }
            match find(&rest[skip..], part, ignore_case) {
                Some(at) => rest = &rest[skip + at + part.len()..],
                None => return false,
            }
            need_run = true;
        }
        rest.len() >= min_run
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exact_patterns_compare_whole_strings() {
        assert!(wildcard_match(
            "https://app.example.com",
            "https://app.example.com"
        ));
        assert!(!wildcard_match(
            "https://app.example.com",
            "https://app.example.com/"
        ));
        assert!(!wildcard_match(
            "https://app.example.com",
            "https://app.example.com:443"
        ));
        assert!(!wildcard_match(
            "https://app.example.com",
            "http://app.example.com"
        ));
        assert!(!wildcard_match("https", "https://app.example.com"));
        assert!(!wildcard_match("", "x"));
        assert!(wildcard_match("", ""));
    }

    #[test]
    fn origin_compare_is_case_sensitive() {
        assert!(!origin_matches(
            "https://App.Example.com",
            "https://app.example.com"
        ));
        assert!(!origin_matches(
            "https://*.EXAMPLE.com",
            "https://a.example.com"
        ));
        assert!(origin_matches(
            "https://*.example.com",
            "https://a.example.com"
        ));
    }

    #[test]
    fn bare_star_matches_everything() {
        for v in ["", "null", "https://a.b", "http://localhost:3000", "*"] {
            assert!(wildcard_match("*", v), "{v}");
        }
    }

    #[test]
    fn star_matches_any_substring_including_dots_and_ports() {
        assert!(wildcard_match(
            "https://*.example.com",
            "https://a.b.example.com"
        ));
        assert!(wildcard_match("https://*", "https://x.y:8443"));
        assert!(wildcard_match(
            "http://localhost:*",
            "http://localhost:5173"
        ));
        assert!(wildcard_match("*.example.com", "https://www.example.com"));
        assert!(!wildcard_match(
            "https://*.example.com",
            "http://a.example.com"
        ));
        assert!(!wildcard_match(
            "https://*.example.com",
            "https://a.example.com.evil.net"
        ));
        assert!(!wildcard_match(
            "https://*.example.com",
            "https://a.example.org"
        ));
    }

    #[test]
    fn empty_run_follows_the_choice() {
        assert_eq!(
            wildcard_match("https://*example.com", "https://example.com"),
            choices::WILDCARD_MATCHES_EMPTY
        );
        assert_eq!(
            wildcard_match("x-oss-*", "x-oss-"),
            choices::WILDCARD_MATCHES_EMPTY
        );
    }

    #[test]
    fn prefix_and_suffix_never_overlap() {
        // "ab*bc" needs at least "abbc"; "abc" only matches by overlapping.
        assert!(!wildcard_match("ab*bc", "abc"));
        assert!(wildcard_match("ab*bc", "abbc") == choices::WILDCARD_MATCHES_EMPTY);
        assert!(wildcard_match("ab*bc", "abxbc"));
    }

    #[test]
    fn several_stars_match_in_order() {
        assert!(wildcard_match("a*b*c", "aXbYc"));
        assert!(wildcard_match("a*b*c", "abbc") || !choices::WILDCARD_MATCHES_EMPTY);
        assert!(!wildcard_match("a*b*c", "aXcYb"));
    }

    #[test]
    fn header_match_is_case_insensitive() {
        assert!(header_matches("x-oss-*", "X-OSS-Meta-Author"));
        assert!(header_matches("Content-Type", "content-type"));
        assert!(header_matches("*", "authorization"));
        assert!(!header_matches("x-oss-*", "x-amz-date"));
        assert!(!header_matches("content-type", "content-typ"));
    }

    #[test]
    fn acrh_split_trims_and_drops_empties() {
        let v: Vec<_> = split_header_list(" content-type ,x-oss-date,, \t,X-Foo ").collect();
        assert_eq!(v, ["content-type", "x-oss-date", "X-Foo"]);
        assert_eq!(split_header_list("").count(), 0);
        assert_eq!(split_header_list(" , ").count(), 0);
    }

    fn reference(pattern: &str, value: &str) -> bool {
        // Straightforward (allocating) model of one-star matching.
        match pattern.split_once('*') {
            None => pattern == value,
            Some((pre, suf)) => {
                value.len() >= pre.len() + suf.len() + usize::from(!choices::WILDCARD_MATCHES_EMPTY)
                    && value.starts_with(pre)
                    && value.ends_with(suf)
            }
        }
    }

    proptest! {
        #[test]
        fn word_compare_agrees_with_slice_equality(
            a in proptest::collection::vec(any::<u8>(), 0..40),
            flip in any::<prop::sample::Index>(),
            xor in 1u8..,
        ) {
            prop_assert!(eq_exact(&a, &a));
            if !a.is_empty() {
                let mut b = a.clone();
                let i = flip.index(b.len());
                b[i] ^= xor;
                prop_assert!(!eq_exact(&a, &b));
                prop_assert!(!eq_exact(&a, &b[..b.len() - 1]));
            }
        }

        #[test]
        fn one_star_agrees_with_prefix_suffix_model(
            pre in "[a-c.:/]{0,4}", suf in "[a-c.:/]{0,4}", value in "[a-c.:/]{0,10}", star in any::<bool>()
        ) {
            let pattern = if star { format!("{pre}*{suf}") } else { format!("{pre}{suf}") };
            prop_assert_eq!(wildcard_match(&pattern, &value), reference(&pattern, &value));
        }

        #[test]
        fn pattern_with_star_matches_its_own_expansions(
            pre in "[a-z.]{0,6}", mid in "[a-z.:]{1,6}", suf in "[a-z.]{0,6}"
        ) {
            let pattern = format!("{pre}*{suf}");
            let value = format!("{pre}{mid}{suf}");
            prop_assert!(wildcard_match(&pattern, &value));
            prop_assert!(wildcard_match_ignore_case(&pattern.to_uppercase(), &value));
        }

        #[test]
        fn case_insensitive_equals_lowercased_sensitive(pattern in "[a-dA-D*-]{0,6}", value in "[a-dA-D-]{0,8}") {
            prop_assume!(pattern.matches('*').count() <= 1);
            prop_assert_eq!(
                wildcard_match_ignore_case(&pattern, &value),
                wildcard_match(&pattern.to_ascii_lowercase(), &value.to_ascii_lowercase())
            );
        }
    }
}
