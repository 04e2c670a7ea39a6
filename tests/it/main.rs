//! The one integration-test binary. Each area is a module.

mod behaviour;
mod browser;
mod cli;
mod client;
mod client_live;
mod fuzz_targets;
mod oss;
mod perf;
mod pipelines;
mod probe;
mod put_tty;
mod reliability;
mod reliability_crash;
mod reliability_faults;
mod reliability_fuzz;
mod reliability_memory;
mod reliability_requests;
mod sdk;
mod serve_security;
mod server;
mod tools;
mod util;
mod ux;
mod wizard;
