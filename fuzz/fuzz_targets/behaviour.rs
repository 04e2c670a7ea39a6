//! libFuzzer target `behaviour`: behaviour files (YAML, JSON) and `--assume NAME=VALUE`: no panic,
//! precise errors; an accepted behaviour written as JSON and YAML reads back equal.
//! The body is shared with `cargo test`'s corpus replay: tests/it/fuzz_targets.rs.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/fuzz_targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::target_behaviour(data));
