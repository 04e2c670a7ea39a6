//! Command-line types (clap derive). Syntax only; `app` resolves them. The library never
//! sees clap types past `app`.

pub mod client;
pub mod serve;
