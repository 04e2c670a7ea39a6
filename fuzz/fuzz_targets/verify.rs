//! libFuzzer target `verify`: the Authorization-header and presigned-URL parsers
//! (`oss::sign::verify`): no panic.
//! The body is shared with `cargo test`'s corpus replay: tests/it/fuzz_targets.rs.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/fuzz_targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = targets::target_verify(data);
});
