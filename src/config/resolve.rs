//! [`resolve`]: every setting from its layers, flags > environment > ossutil config file >
//! default, as a sequence of named steps over one [`Layers`] value (the flags, the
//! environment, the parsed file and its selected profile).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::oss::endpoint::AddressingStyle;
use crate::oss::{Secret, SignatureVersion};

use super::ini::{self, Ini};
use super::profile::{Profile, file_source, keys, select_profile};
use super::{
    BucketSettings, ConfigError, ConfigFile, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RETRIES,
    DEFAULT_TIMEOUT, Env, Flags, Resolved, Setting, Source, config_file_path, env_names, from_env,
};

/// Resolves every setting: flags > environment > config file > default.
pub fn resolve(
    flags: &Flags,
    env: &Env,
    file: Option<&ConfigFile>,
) -> Result<Resolved, ConfigError> {
    let parsed = parse_file(file)?;
    let layers = Layers::open(flags, env, parsed.as_ref().map(|(f, ini)| (*f, ini)))?;
    let access_key_secret = layers.pick_secret(
        flags.access_key_secret.as_ref(),
        "--access-key-secret",
        env_names::ACCESS_KEY_SECRET,
        keys::ACCESS_KEY_SECRET,
    );
    let sts_token = layers.sts_token(access_key_secret.as_ref());
    let endpoint = layers.pick(
        flags.endpoint.as_ref(),
        "--endpoint",
        env_names::ENDPOINT,
        keys::ENDPOINT,
    );
    let mut notes = layers.credential_mode_notes();
    let buckets = layers.bucket_settings(endpoint.as_ref(), &mut notes);
    Ok(Resolved {
        config_file: layers.config_file(),
        profile: layers.profile_setting(),
        region: layers.pick(
            flags.region.as_ref(),
            "--region",
            env_names::REGION,
            keys::REGION,
        ),
        access_key_id: layers.pick(
            flags.access_key_id.as_ref(),
            "--access-key-id",
            env_names::ACCESS_KEY_ID,
            keys::ACCESS_KEY_ID,
        ),
        endpoint,
        access_key_secret,
        sts_token,
        sign_version: layers.sign_version()?,
        addressing_style: layers.addressing_style()?,
        retries: layers.retries()?,
        connect_timeout: layers.duration(
            flags.connect_timeout,
            "--connect-timeout",
            "connect timeout",
            keys::CONNECT_TIMEOUT,
            DEFAULT_CONNECT_TIMEOUT,
        )?,
        timeout: layers.duration(
            flags.timeout,
            "--timeout",
            "timeout",
            keys::TIMEOUT,
            DEFAULT_TIMEOUT,
        )?,
        ca_bundle: flags
            .ca_bundle
            .clone()
            .map(|p| Setting::new(p, Source::Flag("--ca-bundle"))),
        buckets,
        notes,
    })
}

/// The layers a setting can come from.
struct Layers<'a> {
    flags: &'a Flags,
    env: &'a Env,
    /// The config file as read, and parsed.
    file: Option<(&'a ConfigFile, &'a Ini)>,
    /// The profile of the file the settings come from.
    profile: Option<Profile<'a>>,
    /// The profile asked for (flag or environment), with its source.
    profile_wanted: Option<(String, Source)>,
}

/// The config file parsed as INI.
fn parse_file(file: Option<&ConfigFile>) -> Result<Option<(&ConfigFile, Ini)>, ConfigError> {
    let Some(f) = file else {
        return Ok(None);
    };
    let ini = ini::parse(&f.text).map_err(|error| ConfigError::Syntax {
        path: f.path.clone(),
        error,
    })?;
    Ok(Some((f, ini)))
}

impl<'a> Layers<'a> {
    /// Selects the profile: the one asked for (an error when the file or the profile is
    /// missing, or its `source_profile` chain loops), else the file's default.
    fn open(
        flags: &'a Flags,
        env: &'a Env,
        file: Option<(&'a ConfigFile, &'a Ini)>,
    ) -> Result<Self, ConfigError> {
        let profile_wanted = flags
            .profile
            .clone()
            .map(|p| (p, Source::Flag("--profile")))
            .or_else(|| from_env(env, env_names::PROFILE));
        let profile = match (file, &profile_wanted) {
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
        Ok(Layers {
            flags,
            env,
            file,
            profile,
            profile_wanted,
        })
    }

    /// The config file's path (empty without one).
    fn path(&self) -> PathBuf {
        self.file
            .as_ref()
            .map(|(f, _)| f.path.clone())
            .unwrap_or_default()
    }

    /// A key of the profile, with its file position.
    fn file_key(&self, aliases: &[&str]) -> Option<(String, Source)> {
        self.profile.as_ref()?.get(aliases, &self.path())
    }

    /// A text setting: flag, then environment, then profile.
    fn pick(
        &self,
        flag: Option<&String>,
        flag_name: &'static str,
        envs: &[&str],
        aliases: &[&str],
    ) -> Option<Setting<String>> {
        flag.filter(|v| !v.trim().is_empty())
            .map(|v| Setting::new(v.trim().to_string(), Source::Flag(flag_name)))
            .or_else(|| from_env(self.env, envs).map(|(v, s)| Setting::new(v, s)))
            .or_else(|| self.file_key(aliases).map(|(v, s)| Setting::new(v, s)))
    }

    /// A secret setting, in the same order as [`Layers::pick`].
    fn pick_secret(
        &self,
        flag: Option<&Secret>,
        flag_name: &'static str,
        envs: &[&str],
        aliases: &[&str],
    ) -> Option<Setting<Secret>> {
        flag.filter(|v| !v.is_empty())
            .map(|v| Setting::new(v.clone(), Source::Flag(flag_name)))
            .or_else(|| from_env(self.env, envs).map(|(v, s)| Setting::new(Secret::new(v), s)))
            .or_else(|| {
                self.file_key(aliases)
                    .map(|(v, s)| Setting::new(Secret::new(v), s))
            })
    }

    /// The STS token. It belongs to the key pair: when the secret came from a higher layer
    /// than the file, a token in the file is stale and never pairs with it.
    fn sts_token(&self, secret: Option<&Setting<Secret>>) -> Option<Setting<Secret>> {
        let token = self.pick_secret(
            self.flags.sts_token.as_ref(),
            "--sts-token",
            env_names::STS_TOKEN,
            keys::STS_TOKEN,
        );
        match (&token, secret) {
            (Some(t), Some(s))
                if matches!(t.source, Source::File { .. })
                    && !matches!(s.source, Source::File { .. }) =>
            {
                None
            }
            _ => token,
        }
    }

    /// The signature version: `v1` or `v4` (any letter case), V4 by default.
    fn sign_version(&self) -> Result<Setting<SignatureVersion>, ConfigError> {
        if let Some(v) = self.flags.sign_version {
            return Ok(Setting::new(v, Source::Flag("--sign-version")));
        }
        let Some(given) = self.pick(
            None,
            "--sign-version",
            env_names::SIGN_VERSION,
            keys::SIGN_VERSION,
        ) else {
            return Ok(Setting::new(SignatureVersion::V4, Source::Default));
        };
        let value = match given.value.to_ascii_lowercase().as_str() {
            "v1" => SignatureVersion::V1,
            "v4" => SignatureVersion::V4,
            _ => {
                return Err(ConfigError::BadValue {
                    what: "signature version",
                    value: given.value.to_ascii_lowercase(),
                    origin: given.source,
                    expected: "v1 or v4",
                });
            }
        };
        Ok(Setting::new(value, given.source))
    }

    /// The global addressing style: `virtual`, `path` or `cname` (any letter case), or the
    /// file's `force-path-style = true`; none when not chosen anywhere.
    fn addressing_style(&self) -> Result<Option<Setting<AddressingStyle>>, ConfigError> {
        if let Some(style) = self.flags.addressing_style {
            return Ok(Some(Setting::new(
                style,
                Source::Flag("--addressing-style"),
            )));
        }
        let given = self.pick(
            None,
            "--addressing-style",
            env_names::ADDRESSING_STYLE,
            keys::ADDRESSING_STYLE,
        );
        let Some(given) = given else {
            return Ok(self
                .file_key(keys::FORCE_PATH_STYLE)
                .filter(|(v, _)| v.eq_ignore_ascii_case("true"))
                .map(|(_, s)| Setting::new(AddressingStyle::Path, s)));
        };
        let value = match given.value.to_ascii_lowercase().as_str() {
            "virtual" => AddressingStyle::Virtual,
            "path" => AddressingStyle::Path,
            "cname" => AddressingStyle::Cname,
            _ => {
                return Err(ConfigError::BadValue {
                    what: "addressing style",
                    value: given.value.to_ascii_lowercase(),
                    origin: given.source,
                    expected: "virtual, path or cname",
                });
            }
        };
        Ok(Some(Setting::new(value, given.source)))
    }

    /// A transport setting from the file: 1.x keeps them in `[Default]`, 2.x in the profile.
    fn transport_key(&self, aliases: &[&str]) -> Option<(String, Source)> {
        self.file_key(aliases).or_else(|| {
            let (f, ini) = self.file?;
            if !self.profile.as_ref()?.legacy {
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
    }

    /// Retries after the first attempt.
    fn retries(&self) -> Result<Setting<u32>, ConfigError> {
        Ok(match self.flags.retries {
            Some(n) => Setting::new(n, Source::Flag("--retries")),
            None => match self.transport_key(keys::RETRIES) {
                Some((v, s)) => {
                    let n = parse_number::<u32>("retries", &v, &s, "a whole number")?;
                    Setting::new(n, s)
                }
                None => Setting::new(DEFAULT_RETRIES, Source::Default),
            },
        })
    }

    /// A timeout in seconds (flag, then file, then `default`).
    fn duration(
        &self,
        flag: Option<f64>,
        flag_name: &'static str,
        what: &'static str,
        aliases: &[&str],
        default: Duration,
    ) -> Result<Setting<Duration>, ConfigError> {
        match flag {
            Some(secs) => {
                let source = Source::Flag(flag_name);
                Ok(Setting::new(seconds(what, secs, &source)?, source))
            }
            None => match self.transport_key(aliases) {
                Some((v, s)) => {
                    let secs = parse_number::<f64>(what, &v, &s, "a number of seconds")?;
                    Ok(Setting::new(seconds(what, secs, &s)?, s))
                }
                None => Ok(Setting::new(default, Source::Default)),
            },
        }
    }

    /// A note for a credential mode ossctl does not support (e.g. `EcsRamRole`).
    fn credential_mode_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some((mode, source)) = self.file_key(keys::MODE) {
            let m = mode.to_ascii_lowercase();
            if !matches!(m.as_str(), "ak" | "ststoken" | "") {
                notes.push(format!(
                    "credential mode {mode:?} ({source}) is not supported by ossctl; only \
                     AccessKey and STS token credentials are used"
                ));
            }
        }
        notes
    }

    /// Per-bucket settings from the file (1.x `[Bucket-Endpoint]` / `[Bucket-Cname]`, 2.x
    /// `[buckets NAME]`), only when the endpoint was not set explicitly (as ossutil 1.x).
    /// Unknown keys in a bucket block become notes.
    fn bucket_settings(
        &self,
        endpoint: Option<&Setting<String>>,
        notes: &mut Vec<String>,
    ) -> BTreeMap<String, BucketSettings> {
        let mut buckets: BTreeMap<String, BucketSettings> = BTreeMap::new();
        let explicit_endpoint =
            endpoint.is_some_and(|e| matches!(e.source, Source::Flag(_) | Source::Env(_)));
        let (Some((f, ini)), Some(p), false) = (self.file, &self.profile, explicit_endpoint) else {
            return buckets;
        };
        // 1.x: one section per setting, one `bucket = value` line per bucket.
        type Field = fn(&mut BucketSettings) -> &mut Option<Setting<String>>;
        let maps: [(&str, Field); 2] = [
            ("bucket-endpoint", |b| &mut b.endpoint),
            ("bucket-cname", |b| &mut b.cname),
        ];
        for (name, field) in maps {
            for section in ini.sections_named(name) {
                for e in &section.entries {
                    *field(buckets.entry(e.key.clone()).or_default()) = Some(Setting::new(
                        e.value.clone(),
                        file_source(&f.path, section, e.line),
                    ));
                }
            }
        }
        // 2.x: the profile's `buckets = NAME` names a `[buckets NAME]` section.
        let Some((set, _)) = p.get(keys::BUCKETS, &f.path) else {
            return buckets;
        };
        for section in ini.sections_named(&format!("buckets {set}")) {
            for e in &section.entries {
                let b = buckets.entry(e.key.clone()).or_default();
                for n in &e.nested {
                    let s = Setting::new(n.value.clone(), file_source(&f.path, section, n.line));
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
        buckets
    }

    /// The config file read, with the source of its path.
    fn config_file(&self) -> Option<Setting<PathBuf>> {
        let (f, _) = self.file?;
        let source = config_file_path(self.flags, self.env)
            .filter(|s| s.value == f.path)
            .map(|s| s.source)
            .unwrap_or(Source::Default);
        Some(Setting::new(f.path.clone(), source))
    }

    /// The profile used, with where it was asked for (default when it was not).
    fn profile_setting(&self) -> Option<Setting<String>> {
        self.profile.as_ref().map(|p| {
            Setting::new(
                p.name.clone(),
                self.profile_wanted
                    .as_ref()
                    .map(|(_, s)| s.clone())
                    .unwrap_or(Source::Default),
            )
        })
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
