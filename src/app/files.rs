//! Local files the commands write, each appearing whole or not at all: results and rule
//! documents (`cors get -o`, `cors convert -o`, the wizard's `-o`) and backups that never
//! replace an existing file (`--backup`). Every write goes through a temporary file in the
//! same directory, fsync and a rename (or a link, for backups).

use std::io;
use std::path::{Path, PathBuf};

use crate::exit::{ExitStatus, Failure};

/// A local file that cannot be read or written (exit 2). `name` is the file as the user
/// named it (`-` for stdin).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum FileError {
    /// Reading failed.
    #[error("cannot read {name}: {error}")]
    Read {
        /// The file.
        name: String,
        /// Why.
        error: io::Error,
    },
    /// A directory where a rule file was expected.
    #[error("cannot read {name}: it is a directory, not a rule file")]
    Directory {
        /// The path.
        name: String,
    },
    /// The text is not UTF-8.
    #[error("{name}: not UTF-8 (at byte {at})")]
    NotUtf8 {
        /// The file.
        name: String,
        /// The first byte that is not UTF-8.
        at: usize,
    },
    /// Writing failed.
    #[error("cannot write {path}: {error}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        error: io::Error,
    },
    /// Writing a backup failed.
    #[error("cannot write the backup {path}: {error}")]
    Backup {
        /// The file.
        path: PathBuf,
        /// Why.
        error: io::Error,
    },
    /// No temporary file could be created.
    #[error("cannot create a temporary file: {0}")]
    Temporary(io::Error),
}

impl FileError {
    /// [`FileError::Read`] of `name`.
    pub fn read(name: impl Into<String>) -> impl FnOnce(io::Error) -> FileError {
        let name = name.into();
        move |error| FileError::Read { name, error }
    }
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        Failure::new(ExitStatus::Usage, e)
    }
}

/// Who may read a file written here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The process's default (umask).
    Default,
    /// 0600 on Unix: the file holds bucket configuration.
    Private,
}

/// The directory `path` is written in (`.` for a bare file name).
fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file in `dir` holding `bytes`, fsynced, with `mode`.
fn staged(dir: &Path, bytes: &[u8], mode: Mode) -> io::Result<tempfile::NamedTempFile> {
    use std::io::Write as _;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    #[cfg(unix)]
    if mode == Mode::Private {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Writes `bytes` to `path` with `mode`, replacing it whole or leaving it as it was.
fn replace(path: &Path, bytes: &[u8], mode: Mode) -> Result<(), Failure> {
    let fail = |error: io::Error| FileError::Write {
        path: path.to_path_buf(),
        error,
    };
    let tmp = staged(&directory_of(path), bytes, mode).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
/// so an existing file is either replaced whole or left as it was.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    replace(path, bytes, Mode::Default)
}

/// [`write_file`], mode 0600 on Unix (the file holds bucket configuration).
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    replace(path, bytes, Mode::Private)
}

/// `path` with `tag` inserted before its extension: `bk.xml` + `20261207T101500Z` ->
/// `bk.20261207T101500Z.xml`.
pub fn tagged_path(path: &Path, tag: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}.{tag}.{}", ext.to_string_lossy()),
        None => format!("{stem}.{tag}"),
    };
    path.with_file_name(name)
}

/// Writes a backup (mode 0600, fsynced) without ever replacing an existing file: when `path`
/// exists, the backup goes to `path` with the UTC time inserted (`bk.20261207T101500Z.xml`,
/// then `.1`, `.2`, ... within the same second). The file appears whole or not at all (a
/// temporary file is linked into place only if the name is free). Returns the path written.
pub fn write_backup(path: &Path, bytes: &[u8]) -> Result<PathBuf, FileError> {
    let fail = |p: &Path, error: io::Error| FileError::Backup {
        path: p.to_path_buf(),
        error,
    };
    let dir = directory_of(path);
    let mut tmp = staged(&dir, bytes, Mode::Private).map_err(|e| fail(path, e))?;
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut candidates = std::iter::once(path.to_path_buf())
        .chain(std::iter::once(tagged_path(path, &stamp)))
        .chain((1..1000).map(|n| tagged_path(path, &format!("{stamp}.{n}"))));
    loop {
        let Some(candidate) = candidates.next() else {
            return Err(fail(
                path,
                io::Error::other("every timestamped name is taken"),
            ));
        };
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => {
                if let Ok(d) = std::fs::File::open(&dir) {
                    let _ = d.sync_all();
                }
                return Ok(candidate);
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(fail(&candidate, e.error)),
        }
    }
}

/// The note for a backup written by [`write_backup`] (`asked` is the `--backup` path).
pub fn backup_note(asked: &Path, written: &Path) -> String {
    if asked == written {
        format!("backup in {}", written.display())
    } else {
        format!(
            "backup in {} ({} exists and was kept)",
            written.display(),
            asked.display()
        )
    }
}
