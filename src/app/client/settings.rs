//! Settings for the client commands: [`ConnectionArgs`] plus the process environment plus the
//! ossutil config file, resolved by [`crate::config::resolve`] (flags > environment > file >
//! defaults). Owns the reading of the config file (size limit, UTF-8, a missing default file
//! is fine) and the warning about a config file other users can read.

use std::io;
use std::path::{Path, PathBuf};

use crate::cli::client::ConnectionArgs;
use crate::cli::client::{AddressingStyleArg, SignVersionArg};
use crate::config::{self, ConfigFile, Flags, Resolved, Setting, Source};
use crate::exit::Failure;
use crate::oss::endpoint::{AddressingStyle, Endpoint};
use crate::oss::{Secret, SignatureVersion};

use super::warn;

/// `--sign-version` is the signer's [`SignatureVersion`] (clap's copy only lists the values).
impl From<SignVersionArg> for SignatureVersion {
    fn from(v: SignVersionArg) -> Self {
        match v {
            SignVersionArg::V4 => SignatureVersion::V4,
            SignVersionArg::V1 => SignatureVersion::V1,
        }
    }
}

/// `--addressing-style` is the endpoint's [`AddressingStyle`].
impl From<AddressingStyleArg> for AddressingStyle {
    fn from(s: AddressingStyleArg) -> Self {
        match s {
            AddressingStyleArg::Virtual => AddressingStyle::Virtual,
            AddressingStyleArg::Path => AddressingStyle::Path,
            AddressingStyleArg::Cname => AddressingStyle::Cname,
        }
    }
}

/// The connection flags as `config` takes them.
pub(crate) fn flags_from(conn: &ConnectionArgs) -> Flags {
    Flags {
        endpoint: conn.endpoint.clone(),
        region: conn.region.clone(),
        access_key_id: conn.access_key_id.clone(),
        access_key_secret: conn.access_key_secret.clone().map(Secret::new),
        sts_token: conn.sts_token.clone().map(Secret::new),
        config_file: conn.config_file.clone(),
        profile: conn.profile.clone(),
        sign_version: conn.sign_version.map(SignatureVersion::from),
        addressing_style: conn.addressing_style.map(AddressingStyle::from),
        retries: conn.retries,
        connect_timeout: conn.connect_timeout,
        timeout: conn.timeout,
        ca_bundle: conn.ca_bundle.clone(),
    }
}

pub(crate) fn process_env() -> config::Env {
    std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect()
}

/// The largest ossutil config file read (a real one is a few hundred bytes).
const MAX_CONFIG_FILE_BYTES: u64 = 1024 * 1024;

/// Reads at most `limit` bytes of `path`; `Ok(None)` when there is more (so `/dev/zero` or a
/// huge file is refused without being held in memory).
pub(crate) fn read_limited(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut buf = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}

/// Why the ossutil config file cannot be used (exit 2).
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
pub enum ConfigFileError {
    /// Over [`MAX_CONFIG_FILE_BYTES`].
    #[error(
        "config file {path} ({origin}) is larger than {MAX_CONFIG_FILE_BYTES} bytes; an ossutil \
         config file is a few lines: is this the right file?"
    )]
    TooBig {
        /// The file.
        path: PathBuf,
        /// Where its path came from.
        origin: Source,
    },
    /// Not UTF-8 (the byte where it stops being).
    #[error("config file {path} is not UTF-8 (byte {at})")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The first byte that is not UTF-8.
        at: usize,
    },
    /// Missing (when asked for) or unreadable.
    #[error("cannot read config file {path} ({origin}): {error}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Where its path came from.
        origin: Source,
        /// The I/O error.
        error: String,
    },
}

impl From<ConfigFileError> for Failure {
    fn from(e: ConfigFileError) -> Self {
        Failure::new(crate::exit::ExitStatus::Usage, e)
    }
}

/// Reads the config file the settings point at. A missing default file is not an error; a
/// missing file that was asked for (flag or environment) is.
fn read_config_file(path: &Setting<PathBuf>) -> Result<Option<ConfigFile>, ConfigFileError> {
    match read_limited(&path.value, MAX_CONFIG_FILE_BYTES) {
        Ok(None) => Err(ConfigFileError::TooBig {
            path: path.value.clone(),
            origin: path.source.clone(),
        }),
        Ok(Some(bytes)) => {
            let text = String::from_utf8(bytes).map_err(|e| ConfigFileError::NotUtf8 {
                path: path.value.clone(),
                at: e.utf8_error().valid_up_to(),
            })?;
            Ok(Some(ConfigFile {
                path: path.value.clone(),
                text,
            }))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound && path.source == Source::Default => Ok(None),
        Err(e) => Err(ConfigFileError::Unreadable {
            path: path.value.clone(),
            origin: path.source.clone(),
            error: e.to_string(),
        }),
    }
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o044 != 0 {
            warn(format!(
                "config file {} supplies the secret credentials and is readable by other users \
                 (mode {mode:o}); run: chmod 600 {}",
                path.display(),
                path.display()
            ));
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}

/// Resolves the settings (flags > environment > config file > defaults), without building
/// a client. Used by `config show` and by [`Session::open`](super::Session::open).
pub fn resolve(conn: &ConnectionArgs) -> Result<Resolved, Failure> {
    let flags = flags_from(conn);
    let env = process_env();
    let file = match config::config_file_path(&flags, &env) {
        Some(path) => read_config_file(&path)?,
        None => None,
    };
    let mut resolved = config::resolve(&flags, &env, file.as_ref())?;
    // The mode warning matters only when the file is where a secret actually comes from (a
    // file that only names endpoints, or whose keys are overridden, exposes nothing).
    if let Some(file) = &file {
        let from_file =
            |s: Option<&Source>| matches!(s, Some(Source::File { path, .. }) if path == &file.path);
        if from_file(resolved.access_key_secret.as_ref().map(|s| &s.source))
            || from_file(resolved.sts_token.as_ref().map(|s| &s.source))
        {
            warn_if_readable_by_others(&file.path);
        }
    }
    // ossutil 1.x signs V1 unless told otherwise, and its `[Credentials]` layout has no
    // region. A user who only has such a file (and a non-OSS endpoint, from which no region
    // can be derived) gets what ossutil 1.x would do instead of a V4 region error.
    let legacy = resolved
        .profile
        .as_ref()
        .is_some_and(|p| p.value.eq_ignore_ascii_case("credentials"));
    let region_known = resolved.region.is_some()
        || resolved
            .endpoint
            .as_ref()
            .and_then(|e| Endpoint::parse(&e.value).ok())
            .and_then(|e| e.region_from_host())
            .is_some();
    if legacy && resolved.sign_version.source == Source::Default && !region_known {
        resolved.sign_version = Setting::new(
            SignatureVersion::V1,
            Source::Derived(
                "the ossutil 1.x [Credentials] layout without a region (ossutil 1.x signs V1)"
                    .to_string(),
            ),
        );
    }
    Ok(resolved)
}
