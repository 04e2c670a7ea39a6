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
//! Depends only on `oss` (for [`Secret`]); must not depend on `server`, `transport`, `app`
//! or `cli`.

pub mod ini;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::oss::Secret;

use ini::{Ini, IniError, Section};

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
    /// `--sign-version` (`v1`/`v4`).
    pub sign_version: Option<String>,
    /// `--addressing-style` (`virtual`/`path`/`cname`).
    pub addressing_style: Option<String>,
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
    /// `v1` / `v4` (validated by the caller through `oss::SignatureVersion`).
    pub sign_version: Setting<String>,
    /// `virtual` / `path` / `cname`, if chosen anywhere.
    pub addressing_style: Option<Setting<String>>,
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

    /// The addressing style for `bucket`, if one was chosen.
    pub fn addressing_style_for(&self, bucket: &str) -> Option<Setting<String>> {
        if let Some(style) = self.addressing_style.as_ref().filter(|s| s.is_flag()) {
            return Some(style.clone());
        }
        if let Some(b) = self.bucket(bucket) {
            if let Some(c) = &b.cname {
                return Some(Setting::new("cname".into(), c.source.clone()));
            }
            if let Some(s) = &b.addressing_style {
                return Some(s.clone());
            }
        }
        self.addressing_style.clone()
    }
}

/// Why settings could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file is not valid INI.
    #[error("cannot read config file {path}: {source}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The error with its line.
        source: IniError,
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
    /// `source_profile` chains loop.
    #[error("source_profile chain loops through profile {0:?}")]
    ProfileLoop(String),
}

/// The first non-empty environment variable among `names`.
fn from_env(env: &Env, names: &[&str]) -> Option<(String, Source)> {
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

/// Normalised key aliases (see [`ini::normalize_key`]), as ossutil 1.x and 2.x accept them.
mod keys {
    pub const ACCESS_KEY_ID: &[&str] = &["accesskeyid", "accessid", "akid"];
    pub const ACCESS_KEY_SECRET: &[&str] = &[
        "accesskeysecret",
        "accesskey",
        "accesssecret",
        "secretaccesskey",
    ];
    pub const STS_TOKEN: &[&str] = &["ststoken", "securitytoken", "sessiontoken"];
    pub const ENDPOINT: &[&str] = &["endpoint", "host"];
    pub const REGION: &[&str] = &["region"];
    pub const SIGN_VERSION: &[&str] = &["signversion", "signatureversion"];
    pub const ADDRESSING_STYLE: &[&str] = &["addressingstyle"];
    pub const RETRIES: &[&str] = &["retrytimes", "retries", "maxretries"];
    pub const CONNECT_TIMEOUT: &[&str] = &["connecttimeout"];
    pub const TIMEOUT: &[&str] = &["readtimeout", "timeout"];
    pub const MODE: &[&str] = &["mode"];
    pub const SOURCE_PROFILE: &[&str] = &["sourceprofile"];
    pub const BUCKETS: &[&str] = &["buckets"];
    pub const FORCE_PATH_STYLE: &[&str] = &["forcepathstyle"];
}

/// The chain of sections a profile reads from, highest priority first.
struct Profile<'a> {
    /// Display name for `config show`.
    name: String,
    sections: Vec<&'a Section>,
    /// 1.x layout: `[Default]` holds transport settings and bucket maps apply.
    legacy: bool,
}

fn profile_names(ini: &Ini) -> String {
    let mut names: Vec<String> = Vec::new();
    for s in &ini.sections {
        let n = s.norm_name();
        let name = if n == "default" || n == "credentials" {
            Some(s.name.clone())
        } else {
            n.strip_prefix("profile ").map(|p| p.to_string())
        };
        if let Some(name) = name
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

fn select_profile<'a>(
    ini: &'a Ini,
    wanted: Option<&str>,
    path: &Path,
) -> Result<Option<Profile<'a>>, ConfigError> {
    let sections_for = |name: &str| -> Vec<&'a Section> {
        let n = ini::normalize_section(name);
        let mut found: Vec<&Section> = Vec::new();
        let candidates: Vec<String> = if n == "default" {
            vec!["default".into(), "profile default".into()]
        } else {
            vec![format!("profile {n}"), n.clone()]
        };
        for c in candidates {
            // Later sections with the same name override earlier ones.
            let mut same: Vec<&Section> = ini.sections_named(&c).collect();
            same.reverse();
            found.extend(same);
        }
        found
    };
    let (name, mut sections, legacy) = match wanted {
        Some(name) => {
            let sections = sections_for(name);
            if sections.is_empty() {
                return Err(ConfigError::NoSuchProfile {
                    profile: name.to_string(),
                    path: path.to_path_buf(),
                    available: profile_names(ini),
                });
            }
            let legacy = ini::normalize_section(name) == "credentials";
            (name.to_string(), sections, legacy)
        }
        None => {
            let default = sections_for("default");
            // ossutil 1.x's [Default] holds only transport settings; it is a 2.x profile only
            // when it has credentials or an endpoint/region, or there is no [Credentials].
            let has_creds = ini.has_section("credentials");
            let default_is_profile = !default.is_empty()
                && (!has_creds
                    || default.iter().any(|s| {
                        s.get(keys::ACCESS_KEY_ID).is_some()
                            || s.get(keys::ENDPOINT).is_some()
                            || s.get(keys::REGION).is_some()
                    }));
            if default_is_profile {
                ("default".to_string(), default, false)
            } else if has_creds {
                let mut creds: Vec<&Section> = ini.sections_named("credentials").collect();
                creds.reverse();
                ("Credentials".to_string(), creds, true)
            } else {
                return Ok(None);
            }
        }
    };
    // source_profile: missing keys come from the named profile (chains allowed, loops not).
    let mut seen = vec![ini::normalize_section(&name)];
    let mut next = sections
        .iter()
        .find_map(|s| s.get(keys::SOURCE_PROFILE))
        .map(|e| e.value.clone());
    while let Some(source) = next {
        let n = ini::normalize_section(&source);
        if seen.contains(&n) {
            return Err(ConfigError::ProfileLoop(source));
        }
        seen.push(n);
        let more = sections_for(&source);
        if more.is_empty() {
            return Err(ConfigError::NoSuchProfile {
                profile: source,
                path: path.to_path_buf(),
                available: profile_names(ini),
            });
        }
        next = more
            .iter()
            .find_map(|s| s.get(keys::SOURCE_PROFILE))
            .map(|e| e.value.clone());
        sections.extend(more);
    }
    Ok(Some(Profile {
        name,
        sections,
        legacy,
    }))
}

impl Profile<'_> {
    fn get(&self, aliases: &[&str], path: &Path) -> Option<(String, Source)> {
        self.sections.iter().find_map(|s| {
            s.get(aliases)
                .filter(|e| !e.value.is_empty())
                .map(|e| (e.value.clone(), file_source(path, s, e.line)))
        })
    }
}

fn file_source(path: &Path, section: &Section, line: usize) -> Source {
    Source::File {
        path: path.to_path_buf(),
        section: section.name.clone(),
        line,
    }
}

fn parse_number<T: std::str::FromStr>(
    what: &'static str,
    value: &str,
    source: &Source,
    expected: &'static str,
) -> Result<T, ConfigError> {
    value
        .trim()
        .parse::<T>()
        .map_err(|_| ConfigError::BadValue {
            what,
            value: value.to_string(),
            origin: source.clone(),
            expected,
        })
}

fn seconds(what: &'static str, secs: f64, source: &Source) -> Result<Duration, ConfigError> {
    if !(secs.is_finite() && secs > 0.0 && secs <= 86_400.0) {
        return Err(ConfigError::BadValue {
            what,
            value: secs.to_string(),
            origin: source.clone(),
            expected: "a number of seconds greater than 0 (at most 86400)",
        });
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Resolves every setting: flags > environment > config file > default.
pub fn resolve(
    flags: &Flags,
    env: &Env,
    file: Option<&ConfigFile>,
) -> Result<Resolved, ConfigError> {
    let profile_wanted: Option<(String, Source)> = flags
        .profile
        .clone()
        .map(|p| (p, Source::Flag("--profile")))
        .or_else(|| from_env(env, env_names::PROFILE));

    let parsed = match file {
        Some(f) => Some((
            f,
            ini::parse(&f.text).map_err(|source| ConfigError::Syntax {
                path: f.path.clone(),
                source,
            })?,
        )),
        None => None,
    };
    let profile = match (&parsed, &profile_wanted) {
        (Some((f, ini)), wanted) => {
            select_profile(ini, wanted.as_ref().map(|(p, _)| p.as_str()), &f.path)?
        }
        (None, Some((p, _))) => {
            let path = config_file_path(flags, env)
                .map(|s| s.value.display().to_string())
                .unwrap_or_else(|| "~/.ossutilconfig".into());
            return Err(ConfigError::ProfileWithoutFile {
                profile: p.clone(),
                path,
            });
        }
        (None, None) => None,
    };
    let path: PathBuf = file.map(|f| f.path.clone()).unwrap_or_default();
    let from_file = |aliases: &[&str]| profile.as_ref().and_then(|p| p.get(aliases, &path));

    let pick = |flag: Option<&String>, flag_name: &'static str, envs: &[&str], aliases: &[&str]| {
        flag.filter(|v| !v.trim().is_empty())
            .map(|v| Setting::new(v.trim().to_string(), Source::Flag(flag_name)))
            .or_else(|| from_env(env, envs).map(|(v, s)| Setting::new(v, s)))
            .or_else(|| from_file(aliases).map(|(v, s)| Setting::new(v, s)))
    };
    let pick_secret =
        |flag: Option<&Secret>, flag_name: &'static str, envs: &[&str], aliases: &[&str]| {
            flag.filter(|v| !v.is_empty())
                .map(|v| Setting::new(v.clone(), Source::Flag(flag_name)))
                .or_else(|| from_env(env, envs).map(|(v, s)| Setting::new(Secret::new(v), s)))
                .or_else(|| from_file(aliases).map(|(v, s)| Setting::new(Secret::new(v), s)))
        };

    let endpoint = pick(
        flags.endpoint.as_ref(),
        "--endpoint",
        env_names::ENDPOINT,
        keys::ENDPOINT,
    );
    let region = pick(
        flags.region.as_ref(),
        "--region",
        env_names::REGION,
        keys::REGION,
    );
    let access_key_id = pick(
        flags.access_key_id.as_ref(),
        "--access-key-id",
        env_names::ACCESS_KEY_ID,
        keys::ACCESS_KEY_ID,
    );
    let access_key_secret = pick_secret(
        flags.access_key_secret.as_ref(),
        "--access-key-secret",
        env_names::ACCESS_KEY_SECRET,
        keys::ACCESS_KEY_SECRET,
    );
    // The token belongs to the key pair: take it from the same place the secret came from
    // when the secret came from a higher layer, so a stale token in the file never pairs
    // with a flag/env key.
    let sts_token = {
        let token = pick_secret(
            flags.sts_token.as_ref(),
            "--sts-token",
            env_names::STS_TOKEN,
            keys::STS_TOKEN,
        );
        match (&token, &access_key_secret) {
            (Some(t), Some(s))
                if matches!(t.source, Source::File { .. })
                    && !matches!(s.source, Source::File { .. }) =>
            {
                None
            }
            _ => token,
        }
    };
    let sign_version = pick(
        flags.sign_version.as_ref(),
        "--sign-version",
        env_names::SIGN_VERSION,
        keys::SIGN_VERSION,
    )
    .map(|s| Setting::new(s.value.to_ascii_lowercase(), s.source))
    .unwrap_or_else(|| Setting::new("v4".into(), Source::Default));
    if !matches!(sign_version.value.as_str(), "v1" | "v4") {
        return Err(ConfigError::BadValue {
            what: "signature version",
            value: sign_version.value,
            origin: sign_version.source,
            expected: "v1 or v4",
        });
    }
    let mut addressing_style = pick(
        flags.addressing_style.as_ref(),
        "--addressing-style",
        env_names::ADDRESSING_STYLE,
        keys::ADDRESSING_STYLE,
    )
    .map(|s| Setting::new(s.value.to_ascii_lowercase(), s.source));
    if addressing_style.is_none()
        && let Some((v, s)) = from_file(keys::FORCE_PATH_STYLE)
        && v.eq_ignore_ascii_case("true")
    {
        addressing_style = Some(Setting::new("path".into(), s));
    }
    if let Some(style) = &addressing_style
        && !matches!(style.value.as_str(), "virtual" | "path" | "cname")
    {
        return Err(ConfigError::BadValue {
            what: "addressing style",
            value: style.value.clone(),
            origin: style.source.clone(),
            expected: "virtual, path or cname",
        });
    }

    // Transport settings: 1.x keeps them in [Default], 2.x in the profile.
    let transport_file = |aliases: &[&str]| -> Option<(String, Source)> {
        from_file(aliases).or_else(|| {
            let (f, ini) = parsed.as_ref()?;
            if !profile.as_ref()?.legacy {
                return None;
            }
            ini.sections_named("default")
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .find_map(|s| {
                    s.get(aliases)
                        .filter(|e| !e.value.is_empty())
                        .map(|e| (e.value.clone(), file_source(&f.path, s, e.line)))
                })
        })
    };
    let retries = match flags.retries {
        Some(n) => Setting::new(n, Source::Flag("--retries")),
        None => match transport_file(keys::RETRIES) {
            Some((v, s)) => {
                let n = parse_number::<u32>("retries", &v, &s, "a whole number")?;
                Setting::new(n, s)
            }
            None => Setting::new(DEFAULT_RETRIES, Source::Default),
        },
    };
    let duration = |flag: Option<f64>,
                    flag_name: &'static str,
                    what: &'static str,
                    aliases: &[&str],
                    default: Duration|
     -> Result<Setting<Duration>, ConfigError> {
        match flag {
            Some(secs) => {
                let source = Source::Flag(flag_name);
                Ok(Setting::new(seconds(what, secs, &source)?, source))
            }
            None => match transport_file(aliases) {
                Some((v, s)) => {
                    let secs = parse_number::<f64>(what, &v, &s, "a number of seconds")?;
                    Ok(Setting::new(seconds(what, secs, &s)?, s))
                }
                None => Ok(Setting::new(default, Source::Default)),
            },
        }
    };
    let connect_timeout = duration(
        flags.connect_timeout,
        "--connect-timeout",
        "connect timeout",
        keys::CONNECT_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT,
    )?;
    let timeout = duration(
        flags.timeout,
        "--timeout",
        "timeout",
        keys::TIMEOUT,
        DEFAULT_TIMEOUT,
    )?;

    let mut notes = Vec::new();
    if let Some((mode, source)) = from_file(keys::MODE) {
        let m = mode.to_ascii_lowercase();
        if !matches!(m.as_str(), "ak" | "ststoken" | "") {
            notes.push(format!(
                "credential mode {mode:?} ({source}) is not supported by ossctl; only AccessKey \
                 and STS token credentials are used"
            ));
        }
    }

    // Per-bucket settings, only when the endpoint was not set explicitly (as ossutil 1.x).
    let mut buckets: BTreeMap<String, BucketSettings> = BTreeMap::new();
    let explicit_endpoint = endpoint
        .as_ref()
        .is_some_and(|e| matches!(e.source, Source::Flag(_) | Source::Env(_)));
    if let (Some((f, ini)), Some(p), false) = (&parsed, &profile, explicit_endpoint) {
        for section in ini.sections_named("bucket-endpoint") {
            for e in &section.entries {
                buckets.entry(e.key.clone()).or_default().endpoint = Some(Setting::new(
                    e.value.clone(),
                    file_source(&f.path, section, e.line),
                ));
            }
        }
        for section in ini.sections_named("bucket-cname") {
            for e in &section.entries {
                buckets.entry(e.key.clone()).or_default().cname = Some(Setting::new(
                    e.value.clone(),
                    file_source(&f.path, section, e.line),
                ));
            }
        }
        // 2.x: the profile's `buckets = NAME` names a `[buckets NAME]` section.
        if let Some((set, _)) = p.get(keys::BUCKETS, &f.path) {
            for section in ini.sections_named(&format!("buckets {set}")) {
                for e in &section.entries {
                    let b = buckets.entry(e.key.clone()).or_default();
                    for n in &e.nested {
                        let s =
                            Setting::new(n.value.clone(), file_source(&f.path, section, n.line));
                        match n.norm.as_str() {
                            "endpoint" => b.endpoint = Some(s),
                            "region" => b.region = Some(s),
                            "addressingstyle" => {
                                b.addressing_style =
                                    Some(Setting::new(s.value.to_ascii_lowercase(), s.source))
                            }
                            _ => notes.push(format!(
                                "ignored key {} for bucket {} ({})",
                                n.key,
                                e.key,
                                file_source(&f.path, section, n.line)
                            )),
                        }
                    }
                }
            }
        }
    }

    Ok(Resolved {
        config_file: file.map(|f| {
            let source = config_file_path(flags, env)
                .filter(|s| s.value == f.path)
                .map(|s| s.source)
                .unwrap_or(Source::Default);
            Setting::new(f.path.clone(), source)
        }),
        profile: profile.as_ref().map(|p| {
            Setting::new(
                p.name.clone(),
                profile_wanted
                    .as_ref()
                    .map(|(_, s)| s.clone())
                    .unwrap_or(Source::Default),
            )
        }),
        endpoint,
        region,
        access_key_id,
        access_key_secret,
        sts_token,
        sign_version,
        addressing_style,
        retries,
        connect_timeout,
        timeout,
        ca_bundle: flags
            .ca_bundle
            .clone()
            .map(|p| Setting::new(p, Source::Flag("--ca-bundle"))),
        buckets,
        notes,
    })
}

#[cfg(test)]
mod tests;
