//! The OSS protocol without I/O: endpoints and addressing, request building, signature V1/V4
//! (sign and verify, presigned URLs), OSS error bodies and the masking of secrets in output.
//!
//! Owns:
//! - [`secret`]: [`Secret`] (never printed) and [`Credentials`];
//! - [`endpoint`]: endpoint parsing, region derivation, addressing styles, bucket-name rules,
//!   URL building, and the percent-coding rules OSS uses;
//! - [`request`]: [`request::HttpRequest`] (plain data) and one builder per API call;
//! - [`sign`]: signing (header and presigned URL, V1 and V4) and server-side verification,
//!   one file per job (`sign/{mod,v1,v4,presign,presented,verify,date}.rs`);
//! - [`error`]: the `<Error>` body (write, parse, `x-oss-err`);
//! - [`mask`]: hiding signatures and tokens in `--debug` / `--dry-run` output;
//! - `encode`: percent-coding with OSS's encode sets (the `percent-encoding` crate).
//!
//! No advice for people lives here (which flag to try, what to compare): `serve` sends these
//! errors to SDKs. Errors carry typed reasons ([`sign::Rejection`]); the CLI's hints are in
//! `app::hints`. `sign` depends on `error`, never the other way round.
//!
//! Pure: no tokio, no reqwest, no fs, no env; the clock is a parameter (`jiff::Timestamp`).
//! Depends on nothing in the crate but `rules`. Signing lives only here, so the client and
//! `serve` can never drift apart.

pub mod endpoint;
pub mod error;
pub mod mask;
pub mod request;
pub mod secret;
pub mod sign;

mod encode;

#[cfg(test)]
mod conformance;

pub use secret::{Credentials, Secret};

use std::fmt;
use std::str::FromStr;

/// Which OSS signature algorithm to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignatureVersion {
    /// HMAC-SHA1, `Authorization: OSS <AccessKeyId>:<Signature>`.
    V1,
    /// `OSS4-HMAC-SHA256` with a date/region/oss/aliyun_v4_request scope (the default).
    #[default]
    V4,
}

impl SignatureVersion {
    /// `"v1"` or `"v4"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureVersion::V1 => "v1",
            SignatureVersion::V4 => "v4",
        }
    }
}

impl fmt::Display for SignatureVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for an unknown signature version name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown signature version {0:?}: expected \"v1\" or \"v4\"")]
pub struct UnknownSignatureVersion(pub String);

impl FromStr for SignatureVersion {
    type Err = UnknownSignatureVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "v1" | "1" => Ok(SignatureVersion::V1),
            "v4" | "4" => Ok(SignatureVersion::V4),
            _ => Err(UnknownSignatureVersion(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_version_parses() {
        assert_eq!(
            "v1".parse::<SignatureVersion>().unwrap(),
            SignatureVersion::V1
        );
        assert_eq!(
            "V4".parse::<SignatureVersion>().unwrap(),
            SignatureVersion::V4
        );
        assert!("v2".parse::<SignatureVersion>().is_err());
        assert_eq!(SignatureVersion::default(), SignatureVersion::V4);
        assert_eq!(SignatureVersion::V1.to_string(), "v1");
    }
}
