//! Percent-coding as OSS signs it (shared by URL building, signing and verification).

/// RFC 3986 encoding over UTF-8 bytes: keeps `A-Z a-z 0-9 - _ . ~` (and `/` when
/// `keep_slash`); every other byte becomes `%XX` with upper-case hex. Space is `%20`, never `+`.
pub(crate) fn uri_encode(input: &str, keep_slash: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len() + input.len() / 2);
    for &b in input.as_bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The byte of the `%XX` escape starting at `bytes[i]` (which is `%`), if `XX` is two hex digits.
fn escape_at(bytes: &[u8], i: usize) -> Option<u8> {
    let hi = bytes.get(i + 1).copied().and_then(hex_val)?;
    let lo = bytes.get(i + 2).copied().and_then(hex_val)?;
    Some(hi << 4 | lo)
}

/// Percent-decodes `input` into bytes. A `%` not followed by two hex digits is kept literally.
/// With `plus_as_space`, `+` becomes a space (form decoding, used for query strings).
pub(crate) fn percent_decode(input: &str, plus_as_space: bool) -> Vec<u8> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(decoded) = escape_at(bytes, i)
        {
            out.push(decoded);
            i += 3;
            continue;
        }
        out.push(if b == b'+' && plus_as_space { b' ' } else { b });
        i += 1;
    }
    out
}

/// Percent-decodes `input` (`+` stays `+`), refusing a `%` not followed by two hex digits:
/// `Err` holds that `%`'s byte offset. For what a server receives on the wire.
pub(crate) fn percent_decode_strict(input: &str) -> Result<Vec<u8>, usize> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            out.push(escape_at(bytes, i).ok_or(i)?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    Ok(out)
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
}
