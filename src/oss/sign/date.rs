//! The two time formats signing uses, printed and parsed with `jiff`: the HTTP `Date` header
//! (RFC 9110 / RFC 1123, V1 and every request) and ISO 8601 basic (`20240601T123456Z`, V4's
//! `x-oss-date` and the first 8 characters of its scope).

use jiff::Timestamp;
use jiff::fmt::rfc2822::{DateTimeParser, DateTimePrinter};

/// The ISO 8601 basic format V4 uses, in UTC.
const ISO8601_BASIC: &str = "%Y%m%dT%H%M%SZ";

/// `20240601T123456Z`: the V4 request time format.
pub fn iso8601_basic(ts: Timestamp) -> String {
    ts.strftime(ISO8601_BASIC).to_string()
}

/// `Sat, 01 Jun 2024 12:34:56 GMT`: the `Date` header format (RFC 9110's IMF-fixdate).
/// The one HTTP-date printer of the crate: `serve` writes its `Date` and `Last-Modified`
/// headers with it too.
pub fn http_date(ts: Timestamp) -> String {
    static PRINTER: DateTimePrinter = DateTimePrinter::new();
    PRINTER
        .timestamp_to_rfc9110_string(&ts)
        .unwrap_or_else(|_| {
            // Only years before 1 or after 9999 cannot be printed as an HTTP date; a `Timestamp`
            // holds years -9999..=9999.
            ts.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
        })
}

/// Parses exactly `YYYYMMDDTHHMMSSZ` (16 ASCII characters; every other form is `None`).
pub fn parse_iso8601_basic(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 16
        && b.iter().enumerate().all(|(i, c)| match i {
            8 => *c == b'T',
            15 => *c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let dt = jiff::civil::DateTime::strptime(ISO8601_BASIC, s).ok()?;
    // jiff accepts a leap second (`60`) and clamps it; an `x-oss-date` never carries one.
    (dt.second() == s.get(13..15)?.parse::<i8>().ok()?)
        .then(|| jiff::tz::Offset::UTC.to_timestamp(dt).ok())
        .flatten()
}

/// Parses an HTTP date (`Sat, 01 Jun 2024 12:34:56 GMT`, any RFC 2822 form).
pub fn parse_http_date(s: &str) -> Option<Timestamp> {
    static PARSER: DateTimeParser = DateTimeParser::new();
    PARSER.parse_timestamp(s.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// jiff's RFC 9110 printer writes what the `strftime` pattern OSS documents writes, and
        /// both formats read back what they wrote (years 1 to 9999).
        #[test]
        fn formats_round_trip(second in -62_135_596_800_i64..=253_402_300_799) {
            let ts = Timestamp::from_second(second).unwrap();
            let http = http_date(ts);
            proptest::prop_assert_eq!(&http, &ts.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string());
            proptest::prop_assert_eq!(parse_http_date(&http), Some(ts));
            let iso = iso8601_basic(ts);
            proptest::prop_assert_eq!(parse_iso8601_basic(&iso), Some(ts));
        }
    }
}
