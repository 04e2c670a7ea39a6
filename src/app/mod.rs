//! The application layer: the only layer that touches env, files, the TTY and the clock.

pub mod client;
pub mod serve;
