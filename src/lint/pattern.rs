//! Reasoning about wildcard patterns as sets: does one AllowedOrigin (or AllowedHeader)
//! pattern match every string another one matches?
//!
//! The matching itself is `preflight`'s (the one truth for what OSS matches); this module
//! only asks it the right question. A pattern has at most one `*` (validation guarantees
//! it). `p` covers `q` when every value `q` matches is matched by `p`:
//!
//! * `q` without `*` matches exactly one value, so `p` covers `q` iff `p` matches `q`.
//! * `q = b1*b2` matches `b1 X b2` for every run `X`. Probe `p` with `b1 Z b2`, where `Z` is
//!   a character that appears in no pattern (a control character, which validation forbids):
//!   since `Z` is not in `p`, `p`'s literal prefix must then be a prefix of `b1` and its literal
//!   suffix a suffix of `b2`, which is exactly the condition for `p` to match `b1 X b2` for
//!   every `X`; and a literal `p` never matches the probe. This holds whether or not `*` may
//!   match the empty string (one probe character is a non-empty run).
//!
//! A set of single-`*` patterns covers a pattern only if one of them does (each probe
//! `b1 Z…Z b2` must be matched by some pattern, and a pattern matching it covers all of `q`),
//! so coverage by a list is "any element covers".

use crate::preflight::matcher;

/// A character no valid pattern contains (validation rejects control characters).
const PROBE: char = '\u{1}';

/// Whether the AllowedOrigin pattern `p` matches every origin that `q` matches.
pub fn origin_covers(p: &str, q: &str) -> bool {
    covers(p, q, matcher::origin_matches)
}

/// Whether the AllowedHeader pattern `p` matches every header name that `q` matches
/// (header matching is case-insensitive).
pub fn header_covers(p: &str, q: &str) -> bool {
    covers(p, q, matcher::header_matches)
}

/// Whether `value` (an origin a browser sends) matches the AllowedOrigin pattern.
pub fn origin_matches(pattern: &str, origin: &str) -> bool {
    matcher::origin_matches(pattern, origin)
}

/// Whether the header `name` matches the AllowedHeader pattern.
pub fn header_matches(pattern: &str, name: &str) -> bool {
    matcher::header_matches(pattern, name)
}

fn covers(p: &str, q: &str, matches: fn(&str, &str) -> bool) -> bool {
    if p.contains(PROBE) || q.contains(PROBE) {
        // Not a valid pattern; only identity is certain.
        return p == q;
    }
    match q.split_once('*') {
        None => matches(p, q),
        Some((before, after)) => {
            let probe = format!("{before}{PROBE}{after}");
            matches(p, &probe)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_patterns() {
        assert!(origin_covers("https://a.com", "https://a.com"));
        assert!(!origin_covers("https://a.com", "https://b.com"));
        assert!(origin_covers("*", "https://a.com"));
        assert!(origin_covers("https://*.a.com", "https://x.a.com"));
        assert!(!origin_covers("https://*.a.com", "https://a.com"));
    }

    #[test]
    fn wildcard_patterns() {
        assert!(origin_covers("*", "https://*.a.com"));
        assert!(origin_covers("https://*", "https://*.a.com"));
        assert!(origin_covers("https://*.com", "https://*.a.com"));
        assert!(origin_covers("https://*.a.com", "https://*.x.a.com"));
        assert!(origin_covers("https://*.a.com", "https://*.a.com"));
        assert!(!origin_covers("https://*.x.a.com", "https://*.a.com"));
        assert!(!origin_covers("https://x.a.com", "https://*.a.com"));
        assert!(!origin_covers("http://*", "https://*.a.com"));
        assert!(!origin_covers("https://a*", "https://*.a.com"));
        assert!(origin_covers("https://a*", "https://ab*"));
        assert!(!origin_covers("https://ab*", "https://a*"));
        // The probe cannot be bridged by a literal that happens to line up.
        assert!(!origin_covers("https://ab.com", "https://a*.com"));
    }

    #[test]
    fn headers_ignore_case() {
        assert!(header_covers("X-OSS-*", "x-oss-meta-*"));
        assert!(header_covers("*", "x-oss-*"));
        assert!(header_covers("content-type", "Content-Type"));
        assert!(!header_covers("x-oss-meta-*", "x-oss-*"));
        assert!(!header_covers("content-type", "*"));
    }
}
