//! `ossctl serve` flags. Owned by the server work (issue 3). PLACEHOLDER until it lands.

/// Flags of `ossctl serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {}
