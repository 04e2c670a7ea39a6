//! Percent-coding as OSS signs it (shared by URL building, signing and verification), with
//! the `percent-encoding` crate and OSS's two encode sets.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// What OSS percent-encodes in a query name or value (and V4 in every part it signs):
/// every byte but the RFC 3986 unreserved `A-Z a-z 0-9 - _ . ~`.
const OSS_STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// What OSS percent-encodes in a path: [`OSS_STRICT`] but `/`.
const OSS_PATH: &AsciiSet = &OSS_STRICT.remove(b'/');

/// RFC 3986 encoding over UTF-8 bytes: keeps `A-Z a-z 0-9 - _ . ~` (and `/` when
/// `keep_slash`); every other byte becomes `%XX` with upper-case hex. Space is `%20`, never `+`.
pub(crate) fn uri_encode(input: &str, keep_slash: bool) -> String {
    let set = if keep_slash { OSS_PATH } else { OSS_STRICT };
    utf8_percent_encode(input, set).to_string()
}

/// Percent-decodes `input` into bytes. A `%` not followed by two hex digits is kept literally.
/// With `plus_as_space`, `+` becomes a space (form decoding, used for query strings).
pub(crate) fn percent_decode(input: &str, plus_as_space: bool) -> Vec<u8> {
    if plus_as_space && input.contains('+') {
        // A literal `+` is a space; an encoded one (`%2B`) stays `+`, so replacing before
        // decoding is exact.
        percent_decode_str(&input.replace('+', " ")).collect()
    } else {
        percent_decode_str(input).collect()
    }
}

/// Percent-decodes `input` (`+` stays `+`), refusing a `%` not followed by two hex digits:
/// `Err` holds that `%`'s byte offset. For what a server receives on the wire.
pub(crate) fn percent_decode_strict(input: &str) -> Result<Vec<u8>, usize> {
    let bytes = input.as_bytes();
    // A `%` is never one of an escape's two hex digits, so every `%` starts an escape.
    let malformed = bytes.iter().enumerate().find(|&(i, &b)| {
        b == b'%'
            && !bytes
                .get(i + 1..i + 3)
                .is_some_and(|xx| xx.iter().all(u8::is_ascii_hexdigit))
    });
    match malformed {
        Some((i, _)) => Err(i),
        None => Ok(percent_decode_str(input).collect()),
    }
}

/// Decodes a raw query string into ordered `(name, value)` pairs: `+` is a space, `k` and `k=`
/// both give an empty value, empty segments are skipped. Invalid UTF-8 is replaced (U+FFFD).
pub(crate) fn parse_query(raw_query: &str) -> Vec<(String, String)> {
    raw_query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (
                String::from_utf8_lossy(&percent_decode(k, true)).into_owned(),
                String::from_utf8_lossy(&percent_decode(v, true)).into_owned(),
            )
        })
        .collect()
}

/// Encodes `(name, value)` pairs as a query string in the given order: `name` alone when the
/// value is `None`, `name=value` otherwise, both strictly [`uri_encode`]d.
pub(crate) fn build_query<'a>(
    pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&uri_encode(k, false));
        if let Some(v) = v {
            out.push('=');
            out.push_str(&uri_encode(v, false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_encoding_matches_oss() {
        assert_eq!(
            uri_encode("/examplebucket/dir one/sub+dir/文件 名~(1)&x=y%.txt", true),
            "/examplebucket/dir%20one/sub%2Bdir/%E6%96%87%E4%BB%B6%20%E5%90%8D~%281%29%26x%3Dy%25.txt"
        );
        assert_eq!(uri_encode("a/b c", false), "a%2Fb%20c");
    }

    #[test]
    fn strict_decoding_refuses_malformed_escapes_with_their_offset() {
        assert_eq!(
            percent_decode_strict("/a+b/%2e%2E/%E6%96%87").unwrap(),
            "/a+b/../文".as_bytes()
        );
        for (input, offset) in [
            ("ab%zz", 2),
            ("%4", 0),
            ("x%", 1),
            ("%+f", 0),
            ("%2F%-1", 3),
        ] {
            assert_eq!(percent_decode_strict(input), Err(offset), "{input}");
        }
    }

    #[test]
    fn decoding_keeps_plus_in_paths_only() {
        assert_eq!(percent_decode("a+b%2Fc%zz%4", false), b"a+b/c%zz%4");
        assert_eq!(percent_decode("a+b", true), b"a b");
        assert_eq!(
            parse_query("cors=&b=1+2&&c&d=%3D"),
            vec![
                ("cors".into(), "".into()),
                ("b".into(), "1 2".into()),
                ("c".into(), "".into()),
                ("d".into(), "=".into())
            ]
        );
        assert_eq!(
            build_query([("cors", None), ("a b", Some("x/y"))]),
            "cors&a%20b=x%2Fy"
        );
    }

    proptest::proptest! {
        /// Encoding keeps exactly the unreserved bytes (and `/` in paths), writes every other
        /// byte as upper-case `%XX`, and decodes back to the input.
        #[test]
        fn encoding_is_exact_and_reversible(input in "\\PC*", keep_slash: bool) {
            let encoded = uri_encode(&input, keep_slash);
            let mut expected = String::new();
            for b in input.bytes() {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || (keep_slash && b == b'/') {
                    expected.push(char::from(b));
                } else {
                    expected.push_str(&format!("%{b:02X}"));
                }
            }
            proptest::prop_assert_eq!(&encoded, &expected);
            proptest::prop_assert_eq!(percent_decode(&encoded, true), input.as_bytes());
            proptest::prop_assert_eq!(percent_decode_strict(&encoded), Ok(input.into_bytes()));
        }
    }
}
