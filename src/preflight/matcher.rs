//! Wildcard patterns (AllowedOrigin, AllowedHeader) and header lists.
//!
//! OSS allows one `*` in each AllowedOrigin and AllowedHeader value ("each rule can contain
//! up to one asterisk"); it matches any run of characters, dots, colons and slashes
//! included, so `https://*.example.com` matches `https://a.b.example.com`. A pattern is split
//! at its stars once ([`Pattern::new`]) and then matched many times. Patterns with several
//! stars (which OSS refuses, but a hand-made configuration may hold) match the same way.
//!
//! Two questions OSS's documentation leaves open are answered through the [`Model`]: whether
//! a `*` may match the empty string, and whether origins compare ignoring case. Each is asked
//! only when the answer decides the match.

use super::behaviour::{Model, OriginCase, WildcardEmpty};

/// An AllowedOrigin or AllowedHeader value, split at its `*`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The value as written.
    text: String,
    /// The literal pieces between the stars: one more than there are stars.
    pieces: Vec<String>,
}

/// How a value fits a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// It matches, every `*` taking at least one character.
    Yes,
    /// It matches only if a `*` may match the empty string.
    IfStarMatchesEmpty,
    /// It does not match.
    No,
}

impl Pattern {
    /// Splits `text` at its stars.
    pub fn new(text: &str) -> Self {
        Pattern {
            text: text.to_owned(),
            pieces: text.split('*').map(str::to_owned).collect(),
        }
    }

    /// The pattern is `*` alone.
    pub fn is_any(&self) -> bool {
        self.text == "*"
    }

    /// Whether the Origin matches this AllowedOrigin: byte for byte (scheme, host and port
    /// as the browser serialised them), `*` matching any run of characters.
    pub fn matches_origin(&self, origin: &str, model: &Model) -> bool {
        let exact = self.fit(origin, false);
        if exact == Fit::Yes
            || (exact == Fit::IfStarMatchesEmpty
                && model.wildcard_empty() == WildcardEmpty::Matches)
        {
            return true;
        }
        // Ignoring letter case can only change the result when a letter is upper case.
        let has_upper = |s: &str| s.bytes().any(|b| b.is_ascii_uppercase());
        if !has_upper(&self.text) && !has_upper(origin) {
            return false;
        }
        // It fits better ignoring letter case: whether case matters is not documented.
        match self.fit(origin, true) {
            Fit::No => false,
            fit if fit == exact => false,
            fit => {
                model.origin_case() == OriginCase::Insensitive
                    && (fit == Fit::Yes || model.wildcard_empty() == WildcardEmpty::Matches)
            }
        }
    }

    /// Whether a requested header name matches this AllowedHeader: ASCII case-insensitively
    /// (documented), `*` matching any run of characters.
    pub fn matches_header(&self, name: &str, model: &Model) -> bool {
        match self.fit(name, true) {
            Fit::Yes => true,
            Fit::IfStarMatchesEmpty => model.wildcard_empty() == WildcardEmpty::Matches,
            Fit::No => false,
        }
    }

    /// Whether the value matches when every `*` takes at least one character, or only when
    /// a `*` may take none.
    fn fit(&self, value: &str, ignore_case: bool) -> Fit {
        // Runs of at least nothing first: a value that fails them fails every stricter run.
        if !self.pieces_match(value.as_bytes(), 0, ignore_case) {
            Fit::No
        } else if self.pieces.len() == 1 || self.pieces_match(value.as_bytes(), 1, ignore_case) {
            Fit::Yes
        } else {
            Fit::IfStarMatchesEmpty
        }
    }

    /// Whether `value` is the pieces in order with at least `min_run` characters in place of
    /// each star. The first piece is a prefix, the last a suffix, and the ones between are
    /// found leftmost (the leftmost choice leaves the most room for the rest).
    fn pieces_match(&self, value: &[u8], min_run: usize, ignore_case: bool) -> bool {
        let eq = |a: &[u8], b: &[u8]| {
            if ignore_case {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        let (first, rest) = self.pieces.split_first().expect("split gives one piece");
        let Some((last, middle)) = rest.split_last() else {
            return eq(value, first.as_bytes());
        };
        let (first, last) = (first.as_bytes(), last.as_bytes());
        let stars = rest.len();
        if value.len() < first.len() + last.len() + stars * min_run
            || !eq(&value[..first.len()], first)
            || !eq(&value[value.len() - last.len()..], last)
        {
            return false;
        }
        let between = &value[first.len()..value.len() - last.len()];
        let mut at = 0;
        for piece in middle {
            let piece = piece.as_bytes();
            let start = at + min_run;
            if piece.is_empty() {
                // `**`: two stars with nothing between them.
                at = start;
                continue;
            }
            let found = between
                .get(start..)
                .and_then(|tail| tail.windows(piece.len()).position(|w| eq(w, piece)));
            match found {
                Some(pos) => at = start + pos + piece.len(),
                None => return false,
            }
        }
        at + min_run <= between.len()
    }
}

/// Whether `origin` matches the AllowedOrigin `pattern` under the default behaviour (for
/// callers outside the simulator, such as `lint`).
pub fn origin_matches(pattern: &str, origin: &str) -> bool {
    Pattern::new(pattern).matches_origin(origin, &Model::default())
}

/// Whether the header `name` matches the AllowedHeader `pattern` (case-insensitive), under
/// the default behaviour.
pub fn header_matches(pattern: &str, name: &str) -> bool {
    Pattern::new(pattern).matches_header(name, &Model::default())
}

/// The items of a comma-separated header list (`Access-Control-Request-Headers`,
/// `Access-Control-Allow-Methods`, ...), each trimmed of HTTP whitespace; empty items are
/// kept (the caller decides what they mean).
pub fn list_items(value: &str) -> impl Iterator<Item = &str> + Clone {
    value.split(',').map(trim_http_ws)
}

/// `s` without leading and trailing HTTP whitespace (space, tab, CR, LF).
pub fn trim_http_ws(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\r', '\n'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preflight::behaviour::Choices;
    use proptest::prelude::*;

    fn origin(p: &str, o: &str) -> bool {
        origin_matches(p, o)
    }

    fn with(f: impl FnOnce(&mut Choices)) -> Model {
        let mut c = Choices::default();
        f(&mut c);
        Model::new(c)
    }

    #[test]
    fn exact_patterns_compare_whole_strings() {
        assert!(origin("https://app.example.com", "https://app.example.com"));
        assert!(!origin(
            "https://app.example.com",
            "https://app.example.com/"
        ));
        assert!(!origin(
            "https://app.example.com",
            "https://app.example.com:443"
        ));
        assert!(!origin("https://app.example.com", "http://app.example.com"));
        assert!(!origin("https", "https://app.example.com"));
        assert!(!origin("", "x"));
        assert!(origin("", ""));
    }

    #[test]
    fn star_matches_any_run_including_dots_and_ports() {
        assert!(origin("https://*.example.com", "https://a.b.example.com"));
        assert!(origin("https://*", "https://x.y:8443"));
        assert!(origin("http://localhost:*", "http://localhost:5173"));
        assert!(origin("*.example.com", "https://www.example.com"));
        assert!(!origin("https://*.example.com", "http://a.example.com"));
        assert!(!origin(
            "https://*.example.com",
            "https://a.example.com.evil.net"
        ));
        assert!(!origin("https://*.example.com", "https://a.example.org"));
        for v in ["null", "https://a.b", "http://localhost:3000", "*", ""] {
            assert!(origin("*", v), "{v}");
        }
    }

    #[test]
    fn the_empty_run_is_asked_of_the_model_only_when_it_decides() {
        let m = Model::default();
        assert!(Pattern::new("https://*.example.com").matches_origin("https://a.example.com", &m));
        assert!(
            m.consulted().is_empty(),
            "a one-character run decides nothing"
        );
        assert!(Pattern::new("https://*example.com").matches_origin("https://example.com", &m));
        assert_eq!(
            m.consulted(),
            vec![super::super::behaviour::Field::WildcardEmpty]
        );
        let strict = with(|c| c.wildcard_empty = WildcardEmpty::NoMatch);
        assert!(
            !Pattern::new("https://*example.com").matches_origin("https://example.com", &strict)
        );
        assert!(!Pattern::new("*").matches_origin("", &strict));
        assert!(!Pattern::new("x-oss-*").matches_header("x-oss-", &strict));
        assert!(Pattern::new("x-oss-*").matches_header("X-OSS-META", &strict));
    }

    #[test]
    fn origin_case_is_asked_only_for_a_case_only_difference() {
        let m = Model::default();
        assert!(
            !Pattern::new("https://App.example.com").matches_origin("https://app.example.com", &m)
        );
        assert_eq!(
            m.consulted(),
            vec![super::super::behaviour::Field::OriginCase]
        );
        let loose = with(|c| c.origin_case = OriginCase::Insensitive);
        assert!(
            Pattern::new("https://*.EXAMPLE.com").matches_origin("https://a.example.com", &loose)
        );
        let m = Model::default();
        assert!(!Pattern::new("https://a.example.org").matches_origin("https://a.example.com", &m));
        assert!(m.consulted().is_empty());
    }

    #[test]
    fn headers_match_ignoring_case() {
        assert!(header_matches("Content-Type", "content-type"));
        assert!(header_matches("x-oss-*", "X-OSS-Meta-Author"));
        assert!(!header_matches("x-oss-*", "x-amz-date"));
        assert!(header_matches("*", "anything"));
    }

    #[test]
    fn several_stars_match_in_order() {
        assert!(origin("https://*.*.example.com", "https://a.b.example.com"));
        assert!(!origin("https://*.*.example.com", "https://ab.example.com"));
        assert!(origin("a**b", "axb"));
    }

    #[test]
    fn lists_split_on_commas_and_trim() {
        let items: Vec<_> = list_items(" a ,b,, c\t").collect();
        assert_eq!(items, vec!["a", "b", "", "c"]);
        assert_eq!(trim_http_ws(" \t x \r\n"), "x");
    }

    /// The obvious model of a one-star pattern: prefix and suffix that do not overlap.
    fn reference(p: &str, v: &str, min_run: usize) -> bool {
        match p.split_once('*') {
            None => p == v,
            Some((pre, suf)) => {
                v.len() >= pre.len() + suf.len() + min_run && v.starts_with(pre) && v.ends_with(suf)
            }
        }
    }

    proptest! {
        #[test]
        fn one_star_patterns_agree_with_prefix_and_suffix(
            pre in "[a-c.:/]{0,4}", suf in "[a-c.:/]{0,4}", star in any::<bool>(), v in "[a-c.:/]{0,9}"
        ) {
            let p = if star { format!("{pre}*{suf}") } else { format!("{pre}{suf}") };
            let loose = Model::default();
            let strict = with(|c| c.wildcard_empty = WildcardEmpty::NoMatch);
            prop_assert_eq!(Pattern::new(&p).matches_origin(&v, &loose), reference(&p, &v, 0));
            prop_assert_eq!(Pattern::new(&p).matches_origin(&v, &strict), reference(&p, &v, 1));
        }
    }
}
