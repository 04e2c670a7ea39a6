//! libFuzzer target `writers`: the CI writers (SARIF, GitHub annotations, JUnit) on any finding text
//! and file name: well-formed, and what was written reads back.
//! The body is shared with `cargo test`'s corpus replay: tests/it/fuzz_targets.rs.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/fuzz_targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::target_writers(data));
