//! libFuzzer target `rules`: the XML/YAML/JSON readers: no panic; an accepted document
//! round-trips through all three formats.
//! The body is shared with `cargo test`'s corpus replay: tests/it/fuzz_targets.rs.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/fuzz_targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::target_rules(data));
