//! Private, durable files for the store: every write goes to a temporary file in the target
//! directory (`.tmp-*`), is fsynced, renamed over the target, and the directory is fsynced
//! before it counts as done; directories are 0700 and files 0600 whatever the umask; what a
//! crash leaves behind is swept at start.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Prefix of every temporary file or directory; anything with it is garbage after a crash.
pub(super) const TMP_PREFIX: &str = ".tmp-";

/// Writes `bytes` to `path` atomically and durably: temp file in the same directory, fsync,
/// rename, directory fsync.
pub fn write_file_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("path without a parent directory"))?;
    let tmp = dir.join(format!("{TMP_PREFIX}{}", random_suffix()));
    let result = (|| {
        let mut f = open_private(OpenOptions::new().write(true).create_new(true), &tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Creates one directory with mode 0700 exactly (whatever the umask); `AlreadyExists` if
/// something is there.
pub(super) fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(path)?;
    // The umask may have taken bits away (0o277 would leave 0500, unusable): set them.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// [`create_private_dir`], leaving an existing directory as it is.
pub(super) fn create_private_dir_if_missing(path: &Path) -> io::Result<()> {
    match create_private_dir(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        other => other,
    }
}

/// Opens with `options` (which create a new file), giving the file mode 0600 exactly: it is
/// set again on the open file (fchmod) because the umask may have narrowed the creation mode.
pub(super) fn open_private(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// The permission bits of `dir` when group or others have any access to it.
pub(super) fn group_or_world_mode(dir: &Path) -> io::Result<Option<u32>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(dir)?.permissions().mode() & 0o7777;
        Ok((mode & 0o077 != 0).then_some(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(None)
    }
}

/// fsync a directory so renames and removals in it are durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

pub(super) fn sweep_tmp(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
            remove_any(&entry.path())?;
            removed += 1;
        }
    }
    if removed > 0 {
        sync_dir(dir)?;
    }
    Ok(removed)
}

pub(super) fn remove_any(path: &Path) -> io::Result<()> {
    if path.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

pub(super) fn random_suffix() -> String {
    format!("{:016x}{:08x}", fastrand::u64(..), std::process::id())
}
