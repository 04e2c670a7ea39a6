//! libFuzzer target `requests`: `--requests` JSON lines through the real line parser, the
//! simulation and assumptions under the default behaviour, the text and JSON renderers: no
//! panic, one line per request.
//! The body is shared with `cargo test`'s corpus replay: tests/it/fuzz_targets.rs.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/fuzz_targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::target_requests(data));
