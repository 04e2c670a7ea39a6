//! The retry policy: what is retried, how long to wait, and `Retry-After`.
//!
//! Retried: connection errors (refused, reset, closed before a response), timeouts, HTTP 5xx
//! and 429. Never retried: every other status (a 4xx is the service's answer). Every request
//! ossctl sends is idempotent (PutBucketCors replaces the whole configuration, GET, DELETE,
//! OPTIONS), so a request that may have reached the server can be sent again safely; its
//! signature is recomputed for each attempt by the caller's callback.
//!
//! Waits: exponential backoff with full jitter, `uniform(0, min(max, base * 2^n))` (the AWS
//! architecture blog's "full jitter"), or the server's `Retry-After` when it sends one (seconds
//! or an HTTP date), up to [`RetryPolicy::max_retry_after`]; a longer demand ends the retries.

use std::time::Duration;

/// How often and how patiently to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (`--retries`, default 3).
    pub retries: u32,
    /// First backoff ceiling.
    pub base: Duration,
    /// Largest backoff ceiling.
    pub max_backoff: Duration,
    /// Longest `Retry-After` honoured; a longer one stops retrying.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The ceiling of the jittered wait before retry number `retry` (0-based).
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.min(30));
        self.base.saturating_mul(factor).min(self.max_backoff)
    }

    /// A jittered wait before retry number `retry`: uniform in `[0, ceiling]`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self.ceiling(retry).as_millis() as u64;
        Duration::from_millis(fastrand::u64(0..=ceiling))
    }
}

/// Whether a response with this status is worth another attempt.
pub fn retryable_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
}

/// Parses `Retry-After`: delta-seconds, or an HTTP date (IMF-fixdate / RFC 2822) relative to
/// `now`. A date in the past means "now".
pub fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = value.parse::<f64>()
        && secs.is_finite()
        && secs >= 0.0
    {
        return Some(Duration::from_secs_f64(secs));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let delta = when.as_millisecond() - now.as_millisecond();
    Some(Duration::from_millis(delta.max(0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        for s in [429, 500, 502, 503, 504, 599] {
            assert!(retryable_status(s), "{s}");
        }
        for s in [200, 204, 301, 400, 401, 403, 404, 408, 409] {
            assert!(!retryable_status(s), "{s}");
        }
    }

    #[test]
    fn backoff_is_exponential_capped_and_jittered() {
        let p = RetryPolicy {
            retries: 10,
            base: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(5),
        };
        assert_eq!(p.ceiling(0), Duration::from_millis(100));
        assert_eq!(p.ceiling(1), Duration::from_millis(200));
        assert_eq!(p.ceiling(3), Duration::from_millis(800));
        assert_eq!(p.ceiling(4), Duration::from_millis(1000));
        assert_eq!(p.ceiling(40), Duration::from_millis(1000));
        let waits: Vec<Duration> = (0..200).map(|_| p.backoff(2)).collect();
        assert!(waits.iter().all(|w| *w <= Duration::from_millis(400)));
        // Full jitter: not all equal, and some below half the ceiling.
        assert!(waits.iter().any(|w| *w != waits[0]));
        assert!(waits.iter().any(|w| *w < Duration::from_millis(200)));
    }

    #[test]
    fn retry_after_forms() {
        let now: jiff::Timestamp = "2015-10-21T07:28:00Z".parse().unwrap();
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-4", now), None);
    }
}
