//! libFuzzer target `terraform`: `terraform show -json` documents as `-f plan.json` loads them: no
//! panic, a precise error or rules that validate, round-trip through XML/YAML/JSON, and whose
//! HCL (`convert --to terraform`) reads back.
//! The body is shared with `cargo test`'s corpus replay: tests/it/fuzz_targets.rs.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/fuzz_targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::target_terraform(data));
