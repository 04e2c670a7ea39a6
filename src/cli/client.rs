//! Flags of the commands that talk to an endpoint (`cors put|get|delete`, `config show`) and
//! the connection/credential options they share. Owned by the client work (issue 4).
//! PLACEHOLDER until it lands.

/// Connection, credential and retry options shared by every command that talks to OSS.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConnectionArgs {}
