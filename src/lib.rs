//! ossctl: manage and explain Alibaba Cloud OSS bucket CORS rules.
//!
//! Layers (data flows one way): `cli` → `app` → `rules` → `oss` → `transport` → `render`.
//! `rules`, `preflight`, `probe` and `oss` are pure (no tokio, reqwest, fs, env or clock).
//! `transport` is the only reqwest user; `server` the only axum/hyper user; `app` the only
//! layer that touches env, files, the TTY and the clock.

pub mod app;
pub mod behaviour_file;
pub mod cli;
pub mod config;
pub mod exit;
pub mod lint;
pub mod oss;
pub mod preflight;
pub mod probe;
pub mod render;
pub mod rules;
pub mod server;
pub mod transport;
