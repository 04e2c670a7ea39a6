//! The one integration-test binary. Each area is a module.

mod cli;
mod server;
mod util;
