//! Durable local files for the client commands: atomic writes (`cors get -o`) and backups
//! that never replace an existing file (`--backup`).

use std::io;
use std::path::{Path, PathBuf};

use crate::exit::Failure;

/// Writes `bytes` to `path` atomically (temp file in the same directory, fsync, rename),
/// mode 0600 on Unix (backups hold bucket configuration).
pub(crate) fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write as _;
    let fail = |e: io::Error| Failure::usage(format!("cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600));
    }
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// `path` with `tag` inserted before its extension: `bk.xml` + `20261207T101500Z` ->
/// `bk.20261207T101500Z.xml`.
pub(crate) fn tagged_path(path: &Path, tag: &str) -> PathBuf {
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
pub(crate) fn write_backup(path: &Path, bytes: &[u8]) -> Result<PathBuf, Failure> {
    use std::io::Write as _;
    let fail = |p: &Path, e: io::Error| {
        Failure::usage(format!("cannot write the backup {}: {e}", p.display()))
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| fail(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600));
    }
    tmp.write_all(bytes).map_err(|e| fail(path, e))?;
    tmp.as_file().sync_all().map_err(|e| fail(path, e))?;
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
pub(crate) fn backup_note(asked: &Path, written: &Path) -> String {
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
