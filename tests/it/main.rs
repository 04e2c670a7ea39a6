//! The one integration-test binary. Each area is a module.
