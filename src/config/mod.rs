//! Settings resolution for the commands that talk to OSS: credentials, endpoint, region,
//! profile, signature version, addressing style, retries and timeouts.
//!
//! Owns: the precedence rule **flags > environment > ossutil config file > default**, the
//! reading of ossutil's config file ([`ini`]: 1.x `[Credentials]` / `[Bucket-Endpoint]` /
//! `[Bucket-Cname]` / `[Default]`, 2.x `[default]` / `[profile NAME]` with `source_profile` and
//! `[buckets NAME]`), and the [`Source`] every resolved [`Setting`] remembers, which
//! `ossctl config show` prints.
//!
//! Pure: the environment is passed in as a map and the file as text, so every rule here is
//! unit-tested without touching the process. The caller (`app`) reads the file, checks its
//! permissions and prints warnings. Secrets are [`Secret`]s and never print themselves.
//! Depends only on `oss` (for [`Secret`], `SignatureVersion` and `AddressingStyle`, which it
//! validates once so nothing downstream parses them again); must not depend on `server`,
//! `transport`, `app` or `cli`.
//!
//! Rooms: this file (the types and the file's location), [`resolve()`] in `resolve.rs` (the
//! precedence as named steps), `profile.rs` (which sections a profile reads), [`ini`].

pub mod ini;
mod profile;
mod resolve;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::oss::endpoint::{AddressingStyle, UnknownAddressingStyle};
use crate::oss::{Secret, SignatureVersion};

use ini::IniError;
pub use resolve::resolve;

/// The environment as a map (name → value). `app` builds it from `std::env::vars()`.
pub type Env = BTreeMap<String, String>;

/// Environment variables read for each setting, in priority order.
pub mod env_names {
    /// AccessKeyId.
    pub const ACCESS_KEY_ID: &[&str] = &["OSS_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID"];
    /// AccessKeySecret.
    pub const ACCESS_KEY_SECRET: &[&str] =
        &["OSS_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"];
    /// STS security token.
    pub const STS_TOKEN: &[&str] = &[
        "OSS_SESSION_TOKEN",
        "OSS_SECURITY_TOKEN",
        "ALIBABA_CLOUD_SECURITY_TOKEN",
    ];
    /// Endpoint.
    pub const ENDPOINT: &[&str] = &["OSS_ENDPOINT"];
    /// Region.
    pub const REGION: &[&str] = &["OSS_REGION"];
    /// Config file path.
    pub const CONFIG_FILE: &[&str] = &["OSSUTIL_CONFIG_FILE", "OSS_CONFIG_FILE"];
    /// Profile name.
    pub const PROFILE: &[&str] = &["OSSUTIL_PROFILE", "OSS_PROFILE"];
    /// Signature version.
    pub const SIGN_VERSION: &[&str] = &["OSS_SIGN_VERSION"];
    /// Addressing style.
    pub const ADDRESSING_STYLE: &[&str] = &["OSS_ADDRESSING_STYLE"];
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag, e.g. `--endpoint`.
    Flag(&'static str),
    /// An environment variable.
    Env(String),
    /// The ossutil config file: path, section as written, 1-based line.
    File {
        /// The file.
        path: PathBuf,
        /// The section, as written between the brackets.
        section: String,
        /// The line of the key.
        line: usize,
    },
    /// Derived from another setting (e.g. the region from the endpoint host).
    Derived(String),
    /// ossctl's built-in default.
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(name) => write!(f, "environment {name}"),
            Source::File {
                path,
                section,
                line,
            } => write!(f, "{} [{section}] line {line}", path.display()),
            Source::Derived(from) => write!(f, "derived from {from}"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// A resolved value and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
}

impl<T> Setting<T> {
    /// A value with its source.
    pub fn new(value: T, source: Source) -> Self {
        Setting { value, source }
    }

    /// Whether it came from a command-line flag.
    pub fn is_flag(&self) -> bool {
        matches!(self.source, Source::Flag(_))
    }
}

/// The values given on the command line (already split out of clap by `app`). `None` means
/// "not given".
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--endpoint`.
    pub endpoint: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    /// `--access-key-id`.
    pub access_key_id: Option<String>,
    /// `--access-key-secret`.
    pub access_key_secret: Option<Secret>,
    /// `--sts-token`.
    pub sts_token: Option<Secret>,
    /// `--config-file`.
    pub config_file: Option<PathBuf>,
    /// `--profile`.
    pub profile: Option<String>,
    /// `--sign-version`.
    pub sign_version: Option<SignatureVersion>,
    /// `--addressing-style`.
    pub addressing_style: Option<AddressingStyle>,
    /// `--retries`.
    pub retries: Option<u32>,
    /// `--connect-timeout` in seconds.
    pub connect_timeout: Option<f64>,
    /// `--timeout` in seconds.
    pub timeout: Option<f64>,
    /// `--ca-bundle`.
    pub ca_bundle: Option<PathBuf>,
}

/// The ossutil config file the caller read.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Default number of retries after the first attempt.
pub const DEFAULT_RETRIES: u32 = 3;
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout of one attempt (connect + request + response).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Per-bucket settings from the config file (1.x `[Bucket-Endpoint]`/`[Bucket-Cname]`, 2.x
/// `[buckets NAME]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BucketSettings {
    /// The bucket's endpoint.
    pub endpoint: Option<Setting<String>>,
    /// The bucket's region.
    pub region: Option<Setting<String>>,
    /// The bucket's addressing style.
    pub addressing_style: Option<Setting<String>>,
    /// A CNAME domain for the bucket (1.x `[Bucket-Cname]`): implies cname addressing.
    pub cname: Option<Setting<String>>,
}

/// Everything resolved, each with its source.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The config file consulted, if any.
    pub config_file: Option<Setting<PathBuf>>,
    /// The profile (section) used from it.
    pub profile: Option<Setting<String>>,
    /// Endpoint (global; see [`Resolved::bucket`] for per-bucket overrides).
    pub endpoint: Option<Setting<String>>,
    /// Region as given (derivation from the endpoint happens where the endpoint is parsed).
    pub region: Option<Setting<String>>,
    /// AccessKeyId.
    pub access_key_id: Option<Setting<String>>,
    /// AccessKeySecret.
    pub access_key_secret: Option<Setting<Secret>>,
    /// STS token.
    pub sts_token: Option<Setting<Secret>>,
    /// The signature version.
    pub sign_version: Setting<SignatureVersion>,
    /// The addressing style, if chosen anywhere.
    pub addressing_style: Option<Setting<AddressingStyle>>,
    /// Retries after the first attempt.
    pub retries: Setting<u32>,
    /// Connect timeout.
    pub connect_timeout: Setting<Duration>,
    /// Per-attempt timeout.
    pub timeout: Setting<Duration>,
    /// Extra CA certificates.
    pub ca_bundle: Option<Setting<PathBuf>>,
    /// Per-bucket settings (disabled when the endpoint comes from a flag or the environment).
    pub buckets: BTreeMap<String, BucketSettings>,
    /// Things worth telling the user (unsupported credential modes, ignored keys).
    pub notes: Vec<String>,
}

impl Resolved {
    /// Per-bucket settings for `bucket`, if the config file has any and the endpoint was not
    /// set explicitly.
    pub fn bucket(&self, bucket: &str) -> Option<&BucketSettings> {
        self.buckets.get(bucket)
    }

    /// The endpoint to use for `bucket`: the bucket's own endpoint from the file (unless the
    /// endpoint came from a flag or the environment), else the global one.
    pub fn endpoint_for(&self, bucket: &str) -> Option<&Setting<String>> {
        self.bucket(bucket)
            .and_then(|b| b.endpoint.as_ref().or(b.cname.as_ref()))
            .or(self.endpoint.as_ref())
    }

    /// The region to use for `bucket` (as given; may still need deriving from the endpoint).
    pub fn region_for(&self, bucket: &str) -> Option<&Setting<String>> {
        match self.bucket(bucket).and_then(|b| b.region.as_ref()) {
            Some(r) => Some(r),
            None => {
                // A per-bucket endpoint with a different host makes the global region
                // suspect; the caller derives from the endpoint in that case.
                if self.bucket(bucket).is_some_and(|b| b.endpoint.is_some())
                    && self.region.as_ref().is_some_and(|r| !r.is_flag())
                {
                    None
                } else {
                    self.region.as_ref()
                }
            }
        }
    }

    /// The addressing style for `bucket`, if one was chosen. A bucket's own style in the
    /// config file is read here, when that bucket is used, so a bad one fails only the
    /// commands that address it.
    pub fn addressing_style_for(
        &self,
        bucket: &str,
    ) -> Result<Option<Setting<AddressingStyle>>, ConfigError> {
        if let Some(style) = self.addressing_style.as_ref().filter(|s| s.is_flag()) {
            return Ok(Some(style.clone()));
        }
        if let Some(b) = self.bucket(bucket) {
            if let Some(c) = &b.cname {
                return Ok(Some(Setting::new(AddressingStyle::Cname, c.source.clone())));
            }
            if let Some(s) = &b.addressing_style {
                let style =
                    s.value
                        .parse()
                        .map_err(|error| ConfigError::BucketAddressingStyle {
                            error,
                            origin: s.source.clone(),
                        })?;
                return Ok(Some(Setting::new(style, s.source.clone())));
            }
        }
        Ok(self.addressing_style.clone())
    }
}

/// Why settings could not be resolved. Each message is whole on its own (it names its
/// cause), so a report shows it once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    /// The file is not valid INI.
    #[error("cannot read config file {path}: {error}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The error with its line.
        error: IniError,
    },
    /// `--profile` names a section the file does not have.
    #[error("profile {profile:?} not found in {path} (profiles there: {available})")]
    NoSuchProfile {
        /// Requested profile.
        profile: String,
        /// The file.
        path: PathBuf,
        /// Comma-separated list of profiles present.
        available: String,
    },
    /// A profile was requested but no config file exists.
    #[error("profile {profile:?} requested but no config file was found (looked for {path})")]
    ProfileWithoutFile {
        /// Requested profile.
        profile: String,
        /// Where we looked.
        path: String,
    },
    /// A value has the wrong form.
    #[error("invalid {what} {value:?} from {origin}: {expected}")]
    BadValue {
        /// Which setting.
        what: &'static str,
        /// The value.
        value: String,
        /// Where it came from.
        origin: Source,
        /// What was expected.
        expected: &'static str,
    },
    /// A bucket's own addressing style in the config file is not one.
    #[error("{error} (from {origin})")]
    BucketAddressingStyle {
        /// The value and what was expected.
        error: UnknownAddressingStyle,
        /// Where it came from.
        origin: Source,
    },
    /// `source_profile` chains loop.
    #[error("source_profile chain loops through profile {0:?}")]
    ProfileLoop(String),
}

/// The first non-empty environment variable among `names`.
pub(crate) fn from_env(env: &Env, names: &[&str]) -> Option<(String, Source)> {
    names.iter().find_map(|name| {
        env.get(*name)
            .filter(|v| !v.trim().is_empty())
            .map(|v| (v.trim().to_string(), Source::Env((*name).to_string())))
    })
}

/// Where the config file is: `--config-file` > `OSSUTIL_CONFIG_FILE` > `$HOME/.ossutilconfig`.
/// The returned source tells whether it was asked for explicitly (a missing explicit file is
/// an error; a missing default file is not).
pub fn config_file_path(flags: &Flags, env: &Env) -> Option<Setting<PathBuf>> {
    if let Some(path) = &flags.config_file {
        return Some(Setting::new(
            expand_tilde(path, env),
            Source::Flag("--config-file"),
        ));
    }
    if let Some((value, source)) = from_env(env, env_names::CONFIG_FILE) {
        return Some(Setting::new(expand_tilde(Path::new(&value), env), source));
    }
    let home = env
        .get("HOME")
        .filter(|h| !h.is_empty())
        .cloned()
        .or_else(|| {
            let drive = env.get("HOMEDRIVE")?;
            let path = env.get("HOMEPATH")?;
            Some(format!("{drive}{path}"))
        })?;
    Some(Setting::new(
        Path::new(&home).join(".ossutilconfig"),
        Source::Default,
    ))
}

fn expand_tilde(path: &Path, env: &Env) -> PathBuf {
    let Some(s) = path.to_str() else {
        return path.to_path_buf();
    };
    match (s.strip_prefix("~/"), env.get("HOME")) {
        (Some(rest), Some(home)) if !home.is_empty() => Path::new(home).join(rest),
        _ if s == "~" => env.get("HOME").map(PathBuf::from).unwrap_or_default(),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests;
