//! The per-request log lines of `ossctl serve` (stderr), written by one thread in batches.
//!
//! A request appends its line to a shared buffer and wakes the writer thread only when it is
//! asleep waiting for lines; the writer then lets lines gather for [`GATHER`] and writes
//! everything buffered with one call. So a line reaches stderr at most a few milliseconds
//! late, and under load a request pays neither a write nor a wake-up system call (the
//! benchmark's "access log on" row, see BENCHMARKS.md). When stderr cannot keep up and
//! [`MAX_BUFFERED`] bytes are waiting, requests wait for it, as a direct write would.
//! [`AccessLog::close`] (also on drop) writes what is left and stops the thread.
//!
//! What a line may hold: the method, the path, bucket, key (quoted), operation, status and
//! time, and with `-v` the query string through [`query_field`], which replaces the value of
//! every signature and security-token parameter with `<redacted>`. Header values (so the
//! `Authorization` header and `x-oss-security-token`) are never logged.

use std::io::Write as _;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// Bytes buffered before a request waits for the writer.
const MAX_BUFFERED: usize = 1 << 20;
/// How long the writer lets lines gather after the first one arrives.
const GATHER: std::time::Duration = std::time::Duration::from_millis(2);

#[derive(Default)]
struct Pending {
    bytes: Vec<u8>,
    closed: bool,
    /// The writer is blocked on `filled` (only then does a new line need to wake it).
    writer_waiting: bool,
}

#[derive(Default)]
struct Shared {
    pending: Mutex<Pending>,
    /// Signalled when the buffer goes from empty to non-empty, and on close.
    filled: Condvar,
    /// Signalled after each write.
    drained: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The writer thread and its buffer.
pub(crate) struct AccessLog {
    shared: Arc<Shared>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for AccessLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessLog").finish_non_exhaustive()
    }
}

impl AccessLog {
    /// Starts the writer thread, writing to stderr.
    pub(crate) fn start() -> std::io::Result<AccessLog> {
        Self::start_with(|bytes| {
            // Nowhere to report a failed write of the log itself.
            let _ = std::io::stderr().lock().write_all(bytes);
        })
    }

    fn start_with(mut write: impl FnMut(&[u8]) + Send + 'static) -> std::io::Result<AccessLog> {
        let shared = Arc::new(Shared::default());
        let worker = shared.clone();
        let thread = std::thread::Builder::new()
            .name("ossctl-serve-log".into())
            .spawn(move || {
                loop {
                    {
                        let mut p = worker.lock();
                        while p.bytes.is_empty() && !p.closed {
                            p.writer_waiting = true;
                            p = worker.filled.wait(p).unwrap_or_else(|e| e.into_inner());
                            p.writer_waiting = false;
                        }
                        if !p.closed {
                            drop(p);
                            std::thread::sleep(GATHER);
                        }
                    }
                    let (batch, closed) = {
                        let mut p = worker.lock();
                        (std::mem::take(&mut p.bytes), p.closed)
                    };
                    if !batch.is_empty() {
                        write(&batch);
                    }
                    worker.drained.notify_all();
                    if closed && worker.lock().bytes.is_empty() {
                        return;
                    }
                }
            })?;
        Ok(AccessLog {
            shared,
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Queues one line (with its newline). Lines after [`AccessLog::close`] are dropped.
    pub(crate) fn line(&self, line: &str) {
        let mut p = self.shared.lock();
        while p.bytes.len() >= MAX_BUFFERED && !p.closed {
            p = self
                .shared
                .drained
                .wait(p)
                .unwrap_or_else(|e| e.into_inner());
        }
        if p.closed {
            return;
        }
        p.bytes.extend_from_slice(line.as_bytes());
        let wake = p.writer_waiting;
        drop(p);
        if wake {
            self.shared.filled.notify_one();
        }
    }

    /// Writes everything queued and stops the thread (idempotent).
    pub(crate) fn close(&self) {
        self.shared.lock().closed = true;
        self.shared.filled.notify_one();
        let thread = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }
}

impl Drop for AccessLog {
    fn drop(&mut self) {
        self.close();
    }
}

/// Whether a query parameter carries a secret: a signature (V1 `Signature`, V4
/// `x-oss-signature`, S3's `X-Amz-Signature`), a security token (`security-token`,
/// `x-oss-security-token`, `X-Amz-Security-Token`) or an authorization value. Compared on the
/// percent-decoded name, ignoring case, so `Signature`, `signature` and `%53ignature` all
/// count. `x-oss-signature-version` (the algorithm's name) is not a secret.
pub(crate) fn is_secret_param(raw_name: &str) -> bool {
    let name = percent_encoding::percent_decode_str(raw_name)
        .collect::<Vec<u8>>()
        .to_ascii_lowercase();
    let has = |needle: &[u8]| name.windows(needle.len()).any(|w| w == needle);
    if name.ends_with(b"signature-version") {
        return false;
    }
    has(b"signature") || has(b"security-token") || has(b"securitytoken") || has(b"authorization")
}

/// ` query="..."` for a log line (empty for an empty query): the raw query with the value of
/// every [`is_secret_param`] parameter replaced by `<redacted>`, at most 400 characters,
/// quoted with escapes.
pub(crate) fn query_field(raw_query: &str) -> String {
    if raw_query.is_empty() {
        return String::new();
    }
    let mut shown = String::with_capacity(raw_query.len());
    for (i, pair) in raw_query.split('&').enumerate() {
        if i > 0 {
            shown.push('&');
        }
        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
        if is_secret_param(name) {
            shown.push_str(name);
            shown.push_str("=<redacted>");
        } else {
            shown.push_str(pair);
        }
    }
    let shown: String = shown.chars().take(400).collect();
    format!(" query={shown:?}")
}

/// What one log line says about a request.
pub(crate) struct Request<'a> {
    /// The method.
    pub method: &'a str,
    /// The raw path, as received.
    pub raw_path: &'a str,
    /// The raw query, when it is to be logged (`-v`); secrets are redacted ([`query_field`]).
    pub raw_query: Option<&'a str>,
    /// The bucket, if the request names one.
    pub bucket: Option<&'a str>,
    /// The decoded key, if the request names one.
    pub key: Option<&'a str>,
    /// The OSS operation name, `-` when the request could not be routed.
    pub op: &'a str,
    /// The response status.
    pub status: u16,
}

/// One log line, with its newline: time, method, path, bucket, key (quoted), operation,
/// status, milliseconds, and with `-v` the redacted query. Never a header.
pub(crate) fn request_line(
    r: &Request<'_>,
    now: jiff::Timestamp,
    elapsed: std::time::Duration,
) -> String {
    let query = r.raw_query.map(query_field).unwrap_or_default();
    format!(
        "{} INFO {} {} bucket={} key={} op={} status={} {}ms{query}\n",
        log_timestamp(now),
        r.method,
        r.raw_path,
        r.bucket.unwrap_or("-"),
        r.key.map(log_key).unwrap_or_else(|| "-".into()),
        r.op,
        r.status,
        elapsed.as_millis()
    )
}

/// `2024-06-01T12:34:56.789Z` for the log line; the part up to the seconds is formatted once
/// per second per thread.
fn log_timestamp(now: jiff::Timestamp) -> String {
    use std::cell::RefCell;
    thread_local! {
        static SECOND: RefCell<(i64, String)> = const { RefCell::new((i64::MIN, String::new())) };
    }
    let second = now.as_second();
    if second < 0 {
        return now.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    }
    SECOND.with(|cached| {
        let mut cached = cached.borrow_mut();
        if cached.0 != second {
            *cached = (second, now.strftime("%Y-%m-%dT%H:%M:%S").to_string());
        }
        format!("{}.{:03}Z", cached.1, now.subsec_millisecond())
    })
}

/// A key for the log: quoted with escapes, so control characters cannot forge log lines.
fn log_key(key: &str) -> String {
    let shown: String = key.chars().take(200).collect();
    format!("{shown:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_timestamps_match_strftime() {
        for (second, nanos) in [
            (1717245296, 789_000_000),
            (1717245296, 1_000_000),
            (1717245297, 0),
        ] {
            let ts = jiff::Timestamp::new(second, nanos).unwrap();
            assert_eq!(
                log_timestamp(ts),
                ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
            );
        }
        let ts = jiff::Timestamp::new(1717245297, 5_000_000).unwrap();
        assert_eq!(log_timestamp(ts), "2024-06-01T12:34:57.005Z");
    }

    #[test]
    fn secret_query_values_are_redacted() {
        let q = "cors&OSSAccessKeyId=AK&Expires=1700000000&Signature=c2VjcmV0U0lH%2B%3D\
                 &security-token=STS-TOKEN-1&x-oss-signature-version=OSS4-HMAC-SHA256\
                 &x-oss-credential=AK%2F20240101%2Fcn-hangzhou%2Foss%2Faliyun_v4_request\
                 &X-OSS-SIGNATURE=abcdef0123&x-oss-security-token=STS-TOKEN-2\
                 &%73ignature=encoded-name&X-Amz-Security-Token=AMZ&authorization=AUTH";
        let field = query_field(q);
        for secret in [
            "c2VjcmV0U0lH",
            "STS-TOKEN-1",
            "abcdef0123",
            "STS-TOKEN-2",
            "encoded-name",
            "AMZ",
            "AUTH",
        ] {
            assert!(!field.contains(secret), "{secret} in {field}");
        }
        // What is not secret stays, so the line still says what was asked.
        for kept in [
            "cors&",
            "OSSAccessKeyId=AK",
            "Expires=1700000000",
            "Signature=<redacted>",
            "x-oss-credential=AK%2F20240101",
            "x-oss-signature-version=OSS4-HMAC-SHA256",
        ] {
            assert!(field.contains(kept), "{kept} missing from {field}");
        }
        assert_eq!(query_field(""), "");
        assert_eq!(query_field("uploads"), " query=\"uploads\"");
        // A name without a value, and a value with '=' in it.
        assert_eq!(
            query_field("Signature&x=a=b"),
            " query=\"Signature=<redacted>&x=a=b\""
        );
    }

    fn collecting() -> (AccessLog, Arc<Mutex<Vec<u8>>>) {
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = out.clone();
        let log =
            AccessLog::start_with(move |b| sink.lock().unwrap().extend_from_slice(b)).unwrap();
        (log, out)
    }

    #[test]
    fn every_line_is_written_in_order_by_close() {
        let (log, out) = collecting();
        for i in 0..10_000 {
            log.line(&format!("line {i}\n"));
        }
        log.close();
        let text = String::from_utf8(out.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 10_000);
        assert!(
            lines
                .iter()
                .enumerate()
                .all(|(i, l)| *l == format!("line {i}"))
        );
        log.line("after close\n");
        log.close();
        assert!(!String::from_utf8_lossy(&out.lock().unwrap()).contains("after close"));
    }

    #[test]
    fn an_idle_line_is_written_without_waiting_for_more() {
        let (log, out) = collecting();
        log.line("one\n");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while out.lock().unwrap().is_empty() {
            assert!(
                std::time::Instant::now() < deadline,
                "the line was not written"
            );
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(&*out.lock().unwrap(), b"one\n");
    }

    #[test]
    fn concurrent_lines_are_never_torn() {
        let (log, out) = collecting();
        let log = Arc::new(log);
        let writers: Vec<_> = (0..4)
            .map(|t| {
                let log = log.clone();
                std::thread::spawn(move || {
                    for i in 0..2_000 {
                        log.line(&format!("t{t} {i} {}\n", "x".repeat(i % 50)));
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        log.close();
        let text = String::from_utf8(out.lock().unwrap().clone()).unwrap();
        assert_eq!(text.lines().count(), 8_000);
        for line in text.lines() {
            let mut parts = line.split(' ');
            let (t, i, xs) = (parts.next(), parts.next(), parts.next().unwrap_or(""));
            assert!(t.is_some_and(|t| t.starts_with('t')), "{line}");
            let i: usize = i.unwrap().parse().unwrap();
            assert_eq!(xs.len(), i % 50, "{line}");
        }
    }
}
