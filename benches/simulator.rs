//! Simulator throughput: 10 rules, 100k mixed requests (run: `cargo bench --bench simulator`).
//!
//! * `oss_answer`: the server's fast path (`CompiledRules::answer`, the rules compiled once
//!   before the loop), one call per request (half preflights with ACRM and ACRH, half actual
//!   requests).
//! * `oss_answer_compiling_each`: the same through `preflight::oss_answer`, which compiles the
//!   rules for every request and returns owned header values (`ossctl serve` compiles once per
//!   bucket configuration instead).
//! * `simulate`: the whole two-leg simulation `cors test` runs (preflight needed, with its
//!   reasons → OSS answer with every rule's outcome → browser preflight check → OSS answer to
//!   the actual request → browser response check and visible headers), rules compiled once;
//!   nothing is kept from one request to the next.
//! * `simulate_explained`: `simulate` plus working out the suggestions and each rule's
//!   reasons (without formatting their sentences), as `cors test` shows them.
//! * `simulate_with_assumptions`: `simulate` plus [`assumptions`], the runs under the
//!   alternatives of every assumed behaviour field the answers read (what `cors test` and
//!   each `--requests` line do).
//!
//! Criterion reports `thrpt` in elements per second: one element is one full evaluation.
//! Two groups run: `wall_*` (wall-clock time, which on a shared machine includes time spent
//! waiting for a CPU) and `cpu_*` (this thread's on-CPU time from `/proc/thread-self/schedstat`,
//! i.e. the throughput of one core; falls back to wall-clock time where that file is missing).

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ossctl::preflight::{
    Behaviour, BrowserRequest, Choices, CompiledRules, IncomingRequest, Model, Outcome,
    assumptions, oss_answer, preflight_needed, simulate,
};
use ossctl::rules::{CorsConfiguration, CorsRule};

const REQUESTS: usize = 100_000;

fn rule(origins: &[&str], methods: &[&str], headers: &[&str], expose: &[&str]) -> CorsRule {
    let v = |xs: &[&str]| xs.iter().map(|s| (*s).to_owned()).collect();
    CorsRule {
        allowed_origins: v(origins),
        allowed_methods: v(methods),
        allowed_headers: v(headers),
        expose_headers: v(expose),
        max_age_seconds: Some(600),
    }
}

/// Ten rules in the shapes real buckets have: exact origins, wildcard subdomains, ports,
/// header lists with `x-oss-*`, and a trailing `*` GET rule.
fn config() -> CorsConfiguration {
    CorsConfiguration {
        rules: vec![
            rule(
                &["https://app.example.com"],
                &["GET", "HEAD"],
                &[],
                &["ETag"],
            ),
            rule(
                &["https://admin.example.com", "https://ops.example.com"],
                &["GET", "PUT", "DELETE"],
                &["authorization", "content-type", "x-oss-*"],
                &["ETag", "x-oss-request-id"],
            ),
            rule(
                &["https://*.example.com"],
                &["PUT", "POST"],
                &["content-type", "content-md5", "x-oss-meta-*"],
                &["ETag"],
            ),
            rule(
                &["http://localhost:3000", "http://localhost:5173"],
                &["GET", "PUT", "POST", "DELETE", "HEAD"],
                &["*"],
                &[],
            ),
            rule(
                &["https://*.shop.test"],
                &["GET"],
                &["range"],
                &["Content-Range"],
            ),
            rule(&["https://static.cdn.test"], &["GET", "HEAD"], &[], &[]),
            rule(
                &["https://*.partner.test"],
                &["GET", "POST"],
                &["x-requested-with", "content-type"],
                &[],
            ),
            rule(
                &["https://upload.example.org"],
                &["PUT", "POST"],
                &["authorization", "x-oss-*", "content-*"],
                &["ETag"],
            ),
            rule(
                &["https://*.example.net"],
                &["GET"],
                &["accept", "x-trace-id"],
                &["x-oss-request-id"],
            ),
            rule(&["*"], &["GET"], &[], &[]),
        ],
        response_vary: Some(true),
    }
}

const ORIGINS: [&str; 12] = [
    "https://app.example.com",
    "https://admin.example.com",
    "https://files.example.com",
    "http://localhost:3000",
    "http://localhost:8080",
    "https://eu.shop.test",
    "https://static.cdn.test",
    "https://a.partner.test",
    "https://upload.example.org",
    "https://x.example.net",
    "https://evil.test",
    "http://app.example.com",
];
const METHODS: [&str; 6] = ["GET", "GET", "HEAD", "POST", "PUT", "DELETE"];
const HEADER_SETS: [&[(&str, &str)]; 8] = [
    &[],
    &[],
    &[("Content-Type", "application/json")],
    &[("Content-Type", "text/plain;charset=UTF-8")],
    &[
        ("Authorization", "OSS4-HMAC-SHA256 Credential=x"),
        ("x-oss-date", "20260101T000000Z"),
        ("Content-Type", "image/png"),
    ],
    &[
        ("X-Oss-Meta-Author", "me"),
        ("Content-Type", "application/octet-stream"),
    ],
    &[("Range", "bytes=0-1023")],
    &[
        ("X-Requested-With", "XMLHttpRequest"),
        ("Accept", "application/json"),
    ],
];

/// Every distinct request of the mix (origin × method × header set × credentials).
fn distinct_requests() -> Vec<BrowserRequest> {
    let mut out = Vec::new();
    for origin in ORIGINS {
        for method in METHODS {
            for set in HEADER_SETS {
                for credentials in [false, true] {
                    out.push(BrowserRequest {
                        origin: origin.to_owned(),
                        method: method.to_owned(),
                        headers: set
                            .iter()
                            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                            .collect(),
                        credentials,
                        path: "/dir/object.bin".to_owned(),
                    });
                }
            }
        }
    }
    out
}

/// The 100k-request sequence: random picks from the distinct requests (a quarter with
/// credentials), as indices, so the requests' own bytes stay in cache the way a live
/// server's freshly parsed request does (the bench measures the simulator, not DRAM).
fn sequence(pool: &[BrowserRequest]) -> Vec<usize> {
    let mut rng = fastrand::Rng::with_seed(0x0c05);
    (0..REQUESTS)
        .map(|_| {
            loop {
                let i = rng.usize(..pool.len());
                // credentials in one request out of four
                if pool[i].credentials == (rng.u8(..4) == 0) {
                    break i;
                }
            }
        })
        .collect()
}

/// This thread's on-CPU time in nanoseconds (Linux schedstat), or wall-clock nanoseconds.
fn thread_cpu_ns() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| {
            START
                .get_or_init(std::time::Instant::now)
                .elapsed()
                .as_nanos() as u64
        })
}

/// Criterion measurement of on-CPU time (nanoseconds).
struct CpuTime;

struct NanosFormatter;

impl ValueFormatter for NanosFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if typical < 1e3 {
            (1.0, "ns")
        } else if typical < 1e6 {
            (1e-3, "µs")
        } else if typical < 1e9 {
            (1e-6, "ms")
        } else {
            (1e-9, "s")
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }

    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let per = match throughput {
            Throughput::Elements(n) | Throughput::Bytes(n) | Throughput::BytesDecimal(n) => {
                *n as f64
            }
            Throughput::ElementsAndBytes { elements, .. } => *elements as f64,
            _ => 1.0,
        };
        // values are nanoseconds per iteration; report million elements per CPU-second.
        values.iter_mut().for_each(|v| *v = per * 1e9 / *v / 1e6);
        "Melem/cpu-s"
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &NanosFormatter
    }
}

fn wall(c: &mut Criterion<WallTime>) {
    bench(c, "wall");
}

fn cpu(c: &mut Criterion<CpuTime>) {
    bench(c, "cpu");
}

fn bench<M: Measurement>(c: &mut Criterion<M>, kind: &str) {
    let config = config();
    // Compiled once, as a long-running `serve` or a `cors test --requests` run keeps them.
    let rules = CompiledRules::from_config(Some(&config));
    let behaviour = Behaviour::default();
    let pool = distinct_requests();
    let order = sequence(&pool);
    // What the server sees: for each distinct request its preflight and its actual request;
    // the sequence alternates between the two.
    let acrh: Vec<Option<String>> = pool
        .iter()
        .map(|r| preflight_needed(r).request_headers)
        .collect();
    let incoming_pool: Vec<[IncomingRequest; 2]> = pool
        .iter()
        .zip(&acrh)
        .map(|(r, h)| {
            [
                IncomingRequest {
                    method: "OPTIONS",
                    origin: Some(&r.origin),
                    access_control_request_method: Some(&r.method),
                    access_control_request_headers: h.as_deref(),
                    outcome: Outcome::Success,
                },
                IncomingRequest {
                    method: &r.method,
                    origin: Some(&r.origin),
                    access_control_request_method: None,
                    access_control_request_headers: None,
                    outcome: Outcome::Success,
                },
            ]
        })
        .collect();

    let mut group = c.benchmark_group(format!("{kind}_simulator_10_rules"));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Elements(REQUESTS as u64));
    group.bench_function("oss_answer_100k", |b| {
        b.iter(|| {
            let mut matched = 0usize;
            for (n, &i) in order.iter().enumerate() {
                let req = &incoming_pool[i][n % 2];
                matched += usize::from(
                    rules
                        .answer(black_box(req), &Model::default())
                        .matched_rule
                        .is_some(),
                );
            }
            matched
        })
    });
    group.bench_function("oss_answer_compiling_each_100k", |b| {
        b.iter(|| {
            let mut matched = 0usize;
            for (n, &i) in order.iter().enumerate() {
                let req = &incoming_pool[i][n % 2];
                matched += usize::from(
                    oss_answer(Some(&config), black_box(req))
                        .matched_rule
                        .is_some(),
                );
            }
            matched
        })
    });
    group.bench_function("simulate_100k", |b| {
        b.iter(|| {
            let mut allowed = 0usize;
            for &i in &order {
                let sim = simulate(
                    &rules,
                    black_box(&pool[i]),
                    Choices::default(),
                    Outcome::Success,
                );
                allowed += usize::from(sim.verdict == ossctl::preflight::Verdict::Allowed);
            }
            allowed
        })
    });
    group.bench_function("simulate_explained_100k", |b| {
        b.iter(|| {
            let mut items = 0usize;
            for &i in &order {
                let sim = simulate(
                    &rules,
                    black_box(&pool[i]),
                    Choices::default(),
                    Outcome::Success,
                );
                // The explanation's data, as `cors test` shows it: the preflight reasons, the
                // suggested fixes, each rule's reasons (their sentences are not formatted).
                items += sim.preflight.reasons.len()
                    + sim.suggestions().len()
                    + sim
                        .rule_reports()
                        .iter()
                        .map(|r| r.reasons.len())
                        .sum::<usize>();
            }
            items
        })
    });
    group.bench_function("simulate_with_assumptions_100k", |b| {
        b.iter(|| {
            let mut dependent = 0usize;
            for &i in &order {
                let sim = simulate(
                    &rules,
                    black_box(&pool[i]),
                    Choices::default(),
                    Outcome::Success,
                );
                // What every `cors test` does: simulate again under each alternative of each
                // assumed field the answers read.
                dependent += usize::from(!assumptions(&rules, &sim, &behaviour).is_empty());
            }
            dependent
        })
    });
    group.finish();
}

criterion_group!(wall_clock, wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(CpuTime);
    targets = cpu
}
criterion_main!(wall_clock, cpu_time);
