//! Exit statuses, the convention for every ossctl command (documented in the README), and
//! the error type the binary turns into one.

use std::fmt;

/// What a command ended with. The numeric values are a stable interface for CI scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// 0: success (`cors test`: the browser allows the request).
    Success = 0,
    /// 1: a negative answer (`cors test`: blocked; `diff`: differences; `lint --strict`: findings).
    Negative = 1,
    /// 2: usage error or invalid input; nothing was sent.
    Usage = 2,
    /// 3: the service answered with an error.
    Service = 3,
    /// 4: network failure after retries.
    Network = 4,
    /// 130: interrupted (SIGINT or SIGTERM) after printing what was done.
    Interrupted = 130,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// A command failure: the exit status plus a report for a person (printed on stderr).
pub struct Failure {
    /// The exit status the process ends with.
    pub status: ExitStatus,
    /// What went wrong, with hints.
    pub report: miette::Report,
}

impl Failure {
    /// A failure with the given status and report.
    pub fn new(status: ExitStatus, report: impl Into<miette::Report>) -> Self {
        Self {
            status,
            report: report.into(),
        }
    }

    /// A usage / invalid-input failure (exit 2) from a message.
    pub fn usage(message: impl fmt::Display) -> Self {
        Self::new(ExitStatus::Usage, miette::miette!("{message}"))
    }
}

/// A result that could not be written as JSON or YAML: exit 2, the serialiser's error kept
/// as the source.
impl From<crate::render::Error> for Failure {
    fn from(e: crate::render::Error) -> Self {
        Self::new(ExitStatus::Usage, e)
    }
}

/// Settings that cannot be resolved (a bad value, a missing profile, a config file that is
/// not INI): exit 2. The message names the value and where it came from.
impl From<crate::config::ConfigError> for Failure {
    fn from(e: crate::config::ConfigError) -> Self {
        Self::new(ExitStatus::Usage, e)
    }
}

/// An endpoint, bucket name, key or URL that cannot be used: exit 2, nothing was sent.
impl From<crate::oss::endpoint::EndpointError> for Failure {
    fn from(e: crate::oss::endpoint::EndpointError) -> Self {
        Self::new(ExitStatus::Usage, miette::Report::from_err(e))
    }
}

/// No response after every attempt is exit 4; a client that cannot be set up (a bad CA
/// bundle) or a request that cannot be prepared is exit 2.
impl From<crate::transport::TransportError> for Failure {
    fn from(e: crate::transport::TransportError) -> Self {
        let status = match e {
            crate::transport::TransportError::Network { .. } => ExitStatus::Network,
            _ => ExitStatus::Usage,
        };
        Self::new(status, miette::Report::from_err(e))
    }
}

/// An S3 CORS JSON document that cannot be read (file:line:column): exit 2.
impl From<crate::rules::s3::S3JsonError> for Failure {
    fn from(e: crate::rules::s3::S3JsonError) -> Self {
        Self::new(ExitStatus::Usage, miette::Report::from_err(e))
    }
}

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Failure({:?}): {:?}", self.status, self.report)
    }
}

/// What every command returns.
pub type CommandResult = Result<ExitStatus, Failure>;
