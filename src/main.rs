//! The `ossctl` binary: parse, run, map to an exit code. No other logic.
fn main() {}
