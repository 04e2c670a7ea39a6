//! Secrets that never print themselves, and the credentials that hold them.

use std::fmt;

/// A secret string (an AccessKeySecret or an STS token).
///
/// `Debug` and `Display` print `******`; read the value with [`Secret::expose`], only where it
/// is used (HMAC keys, the token header).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself. Never print it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******")
    }
}

/// An AccessKey pair, optionally with an STS security token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// The AccessKeyId (not secret; it is sent in every signed request).
    pub access_key_id: String,
    /// The AccessKeySecret.
    pub access_key_secret: Secret,
    /// The STS security token for temporary credentials.
    pub security_token: Option<Secret>,
}

impl Credentials {
    /// Long-term credentials (no token).
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<Secret>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// Adds an STS token.
    pub fn with_security_token(mut self, token: impl Into<Secret>) -> Self {
        self.security_token = Some(token.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_format() {
        let c = Credentials::new("AKID", "s3cr3t-value").with_security_token("tok-123");
        let shown = format!("{c:?} {} {:?}", c.access_key_secret, c.security_token);
        assert!(!shown.contains("s3cr3t-value"), "{shown}");
        assert!(!shown.contains("tok-123"), "{shown}");
        assert!(shown.contains("AKID"));
        assert!(shown.contains("******"));
        assert_eq!(c.access_key_secret.expose(), "s3cr3t-value");
    }
}
