//! The replay of the committed fuzz corpus (`fuzz/corpus/<target>/`) and a short
//! mutation-fuzzing pass, for the seven targets in `fuzz_targets.rs` (the XML/YAML/JSON
//! readers, the Authorization / presigned-URL parsers, the simulator against a slow
//! reference, behaviour files and `--assume`, `--requests` lines, Terraform `show -json`
//! documents, the SARIF / GitHub / JUnit writers).
//!
//! Coverage-guided fuzzing is done by libFuzzer (`scripts/fuzz TARGET SECONDS`, the
//! `fuzz/` cargo-fuzz package), which calls the very same target functions and writes what it
//! finds to the same `fuzz/corpus/<target>/` directories; `cargo test` (so CI) replays that
//! corpus here. The driver below is the fallback for machines without cargo-fuzz: a mutation
//! fuzzer (flip, insert, delete, splice over the corpus) without coverage feedback, a fixed
//! number of executions in `cargo test`, longer with `RELIABILITY_FUZZ_SECS=600 cargo test
//! --test it reliability_fuzz -- --nocapture`. Plus, for `verify`, every single-byte mutant of
//! valid V1/V4 header and presigned requests must fail verification. See docs/reliability.md.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ossctl::oss::endpoint::{AddressingStyle, Endpoint};
use ossctl::oss::request;
use ossctl::oss::sign;
use ossctl::oss::{Credentials, SignatureVersion};

use crate::fuzz_targets::{
    KEY_ID, KEY_SECRET, REGION, now, target_behaviour, target_requests, target_rules,
    target_simulator, target_terraform, target_verify, target_writers,
};
use crate::util::repo_root;

// ------------------------------------------------------------------------------ corpus

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = repo_root().join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn replay(target: &str, f: impl Fn(&[u8])) -> usize {
    let files = corpus(target);
    for (path, bytes) in &files {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(bytes)));
        assert!(r.is_ok(), "{target}: corpus file {} fails", path.display());
    }
    files.len()
}

#[test]
fn fuzz_corpus_replays_clean() {
    let rules_n = replay("rules", target_rules);
    // The hostile rule-file corpus is part of the readers' corpus too.
    let hostile = std::fs::read_dir(repo_root().join("tests/hostile/rules"))
        .unwrap()
        .count();
    for e in std::fs::read_dir(repo_root().join("tests/hostile/rules")).unwrap() {
        target_rules(&std::fs::read(e.unwrap().path()).unwrap());
    }
    let verify_n = replay("verify", |b| {
        target_verify(b);
    });
    let sim_n = replay("simulator", target_simulator);
    assert!(rules_n >= 10 && verify_n >= 5 && sim_n >= 10);
    println!(
        "fuzz corpus replayed: rules {rules_n} (+{hostile} hostile), verify {verify_n}, simulator {sim_n}"
    );
}

/// The corpora of the targets added with issue #21 (behaviour files and `--assume`,
/// `--requests` lines, Terraform documents, the CI writers).
#[test]
fn fuzz_corpus_replays_clean_new_inputs() {
    let mut counts = Vec::new();
    for (target, f) in [
        ("behaviour", target_behaviour as fn(&[u8])),
        ("requests", target_requests),
        ("terraform", target_terraform),
        ("writers", target_writers),
    ] {
        let n = replay(target, f);
        assert!(n >= 5, "{target}: {n} files");
        counts.push(format!("{target} {n}"));
    }
    println!("fuzz corpus replayed: {}", counts.join(", "));
}

// ------------------------------------------------------------------------------ driver

/// How long each target runs: `RELIABILITY_FUZZ_SECS`, else a fixed number of executions.
fn budget() -> (Option<Duration>, u64) {
    match std::env::var("RELIABILITY_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        Some(secs) => (Some(Duration::from_secs(secs)), u64::MAX),
        None => (None, 3_000),
    }
}

fn mutate(rng: &mut fastrand::Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..1 + rng.usize(..4) {
        match rng.u8(..6) {
            0 if !input.is_empty() => {
                let i = rng.usize(..input.len());
                input[i] ^= 1 << rng.u8(..8);
            }
            1 => {
                let i = rng.usize(..=input.len());
                let b = *rng.choice(b"<>/&;*:,-\"'[]{}\n\r\t \x00\xff0aZ").unwrap();
                input.insert(i, b);
            }
            2 if !input.is_empty() => {
                let i = rng.usize(..input.len());
                let n = rng.usize(1..=(input.len() - i).min(16));
                input.drain(i..i + n);
            }
            3 if !seeds.is_empty() => {
                let other = rng.choice(seeds).unwrap();
                if !other.is_empty() {
                    let a = rng.usize(..other.len());
                    let b = rng.usize(a..=other.len());
                    let at = rng.usize(..=input.len());
                    input.splice(at..at, other[a..b].iter().copied());
                }
            }
            4 if !input.is_empty() => {
                let i = rng.usize(..input.len());
                let n = rng.usize(1..=(input.len() - i).min(32));
                let chunk: Vec<u8> = input[i..i + n].to_vec();
                input.splice(i..i, chunk);
            }
            _ => {
                let i = rng.usize(..=input.len());
                input.insert(i, rng.u8(..));
            }
        }
    }
}

fn run(target: &str, f: impl Fn(&[u8])) -> (u64, Duration) {
    let seeds: Vec<Vec<u8>> = corpus(target).into_iter().map(|(_, b)| b).collect();
    let (time, max) = budget();
    let seed = std::env::var("RELIABILITY_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    let mut rng = fastrand::Rng::with_seed(seed);
    let start = Instant::now();
    let mut execs = 0u64;
    while execs < max && time.is_none_or(|t| start.elapsed() < t) {
        let mut input = rng.choice(&seeds).cloned().unwrap_or_default();
        mutate(&mut rng, &seeds, &mut input);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&input)));
        if r.is_err() {
            let path =
                std::env::temp_dir().join(format!("ossctl-fuzz-{target}-crash-{seed}-{execs}"));
            std::fs::write(&path, &input).unwrap();
            panic!("{target}: input saved to {} (seed {seed})", path.display());
        }
        execs += 1;
    }
    println!(
        "fuzz {target}: {execs} executions in {:.1?} (seed {seed})",
        start.elapsed()
    );
    (execs, start.elapsed())
}

#[test]
fn fuzz_rules_readers() {
    run("rules", target_rules);
}

#[test]
fn fuzz_simulator_against_reference() {
    run("simulator", target_simulator);
}

#[test]
fn fuzz_behaviour_files_and_assume() {
    run("behaviour", target_behaviour);
}

#[test]
fn fuzz_requests_lines() {
    run("requests", target_requests);
}

#[test]
fn fuzz_terraform_documents() {
    run("terraform", target_terraform);
}

#[test]
fn fuzz_ci_writers() {
    run("writers", target_writers);
}

#[test]
fn fuzz_verify_parsers() {
    run("verify", |b| {
        target_verify(b);
    });
}

/// Signed requests (V1/V4, header and presigned) as `target_verify` input.
fn signed_inputs() -> Vec<Vec<u8>> {
    let ep = Endpoint::parse("http://127.0.0.1:9000").unwrap();
    let creds = Credentials::new(KEY_ID, KEY_SECRET);
    let mut out = Vec::new();
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        for presigned in [false, true] {
            let mut req =
                request::get_object(&ep, AddressingStyle::Path, "bkt", "dir/a b.txt", None)
                    .unwrap();
            if presigned {
                sign::presign(
                    &mut req,
                    Some("bkt"),
                    Some("dir/a b.txt"),
                    &sign::Signer::new(&creds, version, REGION, now()),
                    600,
                    &Default::default(),
                )
                .unwrap();
            } else {
                sign::sign(
                    &mut req,
                    Some("bkt"),
                    Some("dir/a b.txt"),
                    &sign::Signer::new(&creds, version, REGION, now()),
                );
            }
            let target = &req.url["http://127.0.0.1:9000".len()..];
            let mut text = format!("{} {target}\nHost: 127.0.0.1:9000", req.method);
            for (n, v) in &req.headers {
                text.push_str(&format!("\n{n}: {v}"));
            }
            out.push(text.into_bytes());
        }
    }
    out
}

#[test]
fn signed_requests_verify_and_every_single_byte_mutant_fails() {
    let inputs = signed_inputs();
    if std::env::var_os("RELIABILITY_FUZZ_WRITE_SEEDS").is_some() {
        for (i, input) in inputs.iter().enumerate() {
            std::fs::write(
                repo_root().join(format!("fuzz/corpus/verify/signed-{i}")),
                input,
            )
            .unwrap();
        }
    }
    let mut mutants = 0;
    for input in &inputs {
        assert!(target_verify(input), "{}", String::from_utf8_lossy(input));
        let text = String::from_utf8_lossy(input).into_owned();
        // Mutate the request line and the signature-bearing header values (not `Host`,
        // which neither version signs here, nor `Date` under V4, where x-oss-date counts).
        let v4 = text.contains("OSS4-HMAC-SHA256");
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
        ranges.push(0..text.find('\n').unwrap());
        let mut at = 0;
        for line in text.split('\n') {
            let lower = line.to_ascii_lowercase();
            let signed = lower.starts_with("authorization:")
                || lower.starts_with("x-oss-date:")
                || lower.starts_with("x-oss-content-sha256:")
                || (!v4 && lower.starts_with("date:"));
            if signed {
                ranges.push(at..at + line.len());
            }
            at += line.len() + 1;
        }
        for r in ranges {
            for i in r {
                let mut m = input.clone();
                m[i] ^= 0x01;
                // Trailing whitespace is trimmed by the decoder, not by the server: skip
                // flips that only turn a separator into another separator.
                if m[i] == b'\n' || input[i] == b'\n' {
                    continue;
                }
                assert!(
                    !target_verify(&m),
                    "mutant accepted at byte {i} ({:?} -> {:?}):\n{}",
                    input[i] as char,
                    m[i] as char,
                    String::from_utf8_lossy(&m)
                );
                mutants += 1;
            }
        }
    }
    assert!(mutants > 500, "{mutants}");
    println!("verify: {mutants} single-byte mutants of 4 signed requests, all refused");
}
