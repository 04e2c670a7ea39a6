//! libFuzzer target `simulator`: the CORS simulator (`preflight::server::oss_answer`)
//! against the slow reference written in the test; any disagreement panics.
//! The body is shared with `cargo test`'s corpus replay: tests/it/fuzz_targets.rs.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/fuzz_targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::target_simulator(data));
