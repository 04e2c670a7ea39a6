//! The one integration-test binary. Each area is a module.

mod cli;
mod client;
mod oss;
mod sdk;
mod server;
mod tools;
mod util;
mod wizard;
