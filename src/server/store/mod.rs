//! Durable storage for `ossctl serve`: buckets, their ACL and CORS configuration, and objects,
//! as plain files under the data directory.
//!
//! Layout (all names are produced here; no request data is ever used as a path):
//! ```text
//! <data-dir>/LOCK                              held with File::try_lock while a server runs
//! <data-dir>/buckets/<bucket>/bucket.json      name, creation time, ACL
//! <data-dir>/buckets/<bucket>/cors.xml         canonical CORSConfiguration XML (rules::to_xml)
//! <data-dir>/buckets/<bucket>/objects/<sha256(key)>.obj   header (JSON metadata incl. key) + body
//! <data-dir>/trash/                            buckets being deleted (swept at start)
//! ```
//! Bucket names are validated before they reach this module (`[a-z0-9-]{3,63}`), so they are
//! safe as directory names; object keys are never file names: the file is named by the
//! SHA-256 of the key and the key itself is stored inside the file.
//!
//! Private on disk: every directory created here is 0700 and every file 0600, set explicitly
//! after creation so the umask cannot widen or narrow them. A data directory that already
//! existed is left as it is; [`Store::exposed_mode`] reports it when it is group- or
//! world-accessible, so the app can warn.
//!
//! Every write goes to a temporary file in the target directory (`.tmp-*`), is fsynced,
//! renamed over the target, and the directory is fsynced before the write is acknowledged,
//! so a crash leaves either the old or the new version. Temporary files left by a crash are
//! swept at start. Blocking `std::fs` only: callers run it on a blocking thread.
//!
//! Reads of bucket metadata and CORS configurations (every request needs them; a preflight
//! needs nothing else) are served from memory after the first one ([`cache`]), never older
//! than the last acknowledged write. [`Store::cached_bucket`] and [`Store::cached_cors`] look
//! only at memory, for async callers that want to skip a blocking thread when the answer is
//! there.
//!
//! Rooms: this file (the directory, buckets, CORS documents), `objects` (object files and
//! uploads), `files` (durable, private file writes and the crash sweep), `cache` (the read
//! cache).

mod cache;
mod files;
mod objects;

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use cache::ReadCache;
use files::{
    TMP_PREFIX, create_private_dir, create_private_dir_if_missing, group_or_world_mode,
    random_suffix, remove_any, sweep_tmp,
};
pub use files::{sync_dir, write_file_durably};
pub use objects::ObjectWriter;

/// A bucket's canned ACL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Acl {
    /// Only signed requests with the configured credentials.
    #[default]
    #[serde(rename = "private")]
    Private,
    /// Anyone may read objects (GetObject, HeadObject).
    #[serde(rename = "public-read")]
    PublicRead,
    /// Anyone may read and write objects.
    #[serde(rename = "public-read-write")]
    PublicReadWrite,
}

impl Acl {
    /// The OSS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Acl::Private => "private",
            Acl::PublicRead => "public-read",
            Acl::PublicReadWrite => "public-read-write",
        }
    }

    /// Parses the OSS spelling (`x-oss-acl` header, `<Grant>`).
    pub fn parse(s: &str) -> Option<Acl> {
        match s.trim() {
            "private" => Some(Acl::Private),
            "public-read" => Some(Acl::PublicRead),
            "public-read-write" => Some(Acl::PublicReadWrite),
            _ => None,
        }
    }
}

/// What `bucket.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketMeta {
    /// The bucket name.
    pub name: String,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// The canned ACL.
    pub acl: Acl,
}

/// Metadata stored in front of an object's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectMeta {
    /// The object key (UTF-8, 1..=1023 bytes).
    pub key: String,
    /// Body length in bytes.
    pub size: u64,
    /// Lower-case hex MD5 of the body (the ETag without quotes).
    pub md5_hex: String,
    /// CRC-64/XZ of the body (`x-oss-hash-crc64ecma`).
    #[serde(default)]
    pub crc64: u64,
    /// Last modification, Unix seconds.
    pub modified: i64,
    /// Headers returned with the object (`Content-Type`, `Cache-Control`, `x-oss-meta-*`...),
    /// lower-case names.
    pub headers: Vec<(String, String)>,
}

/// Failures of the store that map to OSS errors; anything else is an I/O error (500).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The bucket does not exist.
    #[error("no such bucket")]
    NoSuchBucket,
    /// The bucket exists already.
    #[error("bucket already exists")]
    BucketExists,
    /// The bucket still holds objects.
    #[error("bucket not empty")]
    BucketNotEmpty,
    /// The object does not exist.
    #[error("no such key")]
    NoSuchKey,
    /// A stored file could not be understood.
    #[error("corrupt store file {path}: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// An I/O error.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The data directory of a running server. Holds the directory lock while alive.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    /// Serialises bucket creation/deletion (write) against writes inside buckets (read),
    /// so an acknowledged write can never land in a bucket that is being deleted.
    namespace: RwLock<()>,
    /// Bucket metadata and compiled CORS rules, current as of the last acknowledged change.
    cache: ReadCache,
    /// The mode of a pre-existing data directory open to group or others.
    exposed_mode: Option<u32>,
    _lock: File,
}

impl Store {
    /// Opens (creating if needed) a data directory: takes `<dir>/LOCK`, sweeps temporary
    /// files and half-deleted buckets left by a crash.
    pub fn open(root: &Path) -> io::Result<Store> {
        if let Some(parent) = root.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        let exposed_mode = match create_private_dir(root) {
            Ok(()) => None,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && root.is_dir() => {
                group_or_world_mode(root)?
            }
            Err(e) => return Err(e),
        };
        let root = root.canonicalize()?;
        let lock_path = root.join("LOCK");
        let mut open_lock = OpenOptions::new();
        open_lock
            .create(true)
            .truncate(false)
            .read(true)
            .write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            open_lock.mode(0o600);
        }
        let lock = open_lock.open(&lock_path)?;
        #[cfg(unix)]
        {
            // Best effort: the lock file is empty, and one left by another user may not be
            // ours to change.
            use std::os::unix::fs::PermissionsExt as _;
            let _ = lock.set_permissions(fs::Permissions::from_mode(0o600));
        }
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "data directory {} is in use by another ossctl serve (lock {} is held)",
                        root.display(),
                        lock_path.display()
                    ),
                ));
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        create_private_dir_if_missing(&root.join("buckets"))?;
        create_private_dir_if_missing(&root.join("trash"))?;
        let store = Store {
            root,
            namespace: RwLock::new(()),
            cache: ReadCache::default(),
            exposed_mode,
            _lock: lock,
        };
        store.sweep()?;
        Ok(store)
    }

    /// The data directory (canonical).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The permission bits of the data directory when it existed before [`Store::open`] and
    /// grants group or others any access (e.g. `0o755`); `None` when it is private or was
    /// created by `open` (0700).
    pub fn exposed_mode(&self) -> Option<u32> {
        self.exposed_mode
    }

    /// The bucket's metadata if it is in memory and current (no I/O).
    pub fn cached_bucket(&self, name: &str) -> Option<BucketMeta> {
        self.cache.meta(name)
    }

    /// The bucket's parsed CORS configuration (`Some(None)`: the bucket has none) if it is in
    /// memory and current (no I/O).
    pub fn cached_cors(&self, name: &str) -> Option<Option<Arc<crate::preflight::CompiledRules>>> {
        self.cache.cors(name)
    }

    fn buckets_dir(&self) -> PathBuf {
        self.root.join("buckets")
    }

    fn bucket_dir(&self, bucket: &str) -> PathBuf {
        self.buckets_dir().join(bucket)
    }

    fn objects_dir(&self, bucket: &str) -> PathBuf {
        self.bucket_dir(bucket).join("objects")
    }

    /// The file that holds `key` (named by a hash; the key never becomes a path).
    fn object_path(&self, bucket: &str, key: &str) -> PathBuf {
        let digest = Sha256::digest(key.as_bytes());
        self.objects_dir(bucket)
            .join(format!("{}.obj", hex::encode(digest)))
    }

    /// Removes temporary files and the trash; returns how many entries were removed.
    fn sweep(&self) -> io::Result<usize> {
        let mut removed = 0;
        let trash = self.root.join("trash");
        for entry in fs::read_dir(&trash)? {
            let entry = entry?;
            remove_any(&entry.path())?;
            removed += 1;
        }
        removed += sweep_tmp(&self.buckets_dir())?;
        for entry in fs::read_dir(self.buckets_dir())? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                removed += sweep_tmp(&entry.path())?;
                let objects = entry.path().join("objects");
                if objects.is_dir() {
                    removed += sweep_tmp(&objects)?;
                }
            }
        }
        if removed > 0 {
            sync_dir(&self.buckets_dir())?;
        }
        Ok(removed)
    }

    // ------------------------------------------------------------------ buckets

    /// Creates a bucket. `BucketExists` if it is there already.
    pub fn create_bucket(&self, name: &str, acl: Acl, now: i64) -> Result<BucketMeta, StoreError> {
        let _guard = self.namespace.write().unwrap_or_else(|e| e.into_inner());
        let target = self.bucket_dir(name);
        if target.exists() {
            return Err(StoreError::BucketExists);
        }
        let meta = BucketMeta {
            name: name.to_string(),
            created: now,
            acl,
        };
        // Build the bucket in a temporary directory, then rename it into place.
        let tmp = self
            .buckets_dir()
            .join(format!("{TMP_PREFIX}{}", random_suffix()));
        create_private_dir(&tmp)?;
        let result = (|| -> io::Result<()> {
            create_private_dir(&tmp.join("objects"))?;
            sync_dir(&tmp.join("objects"))?;
            write_file_durably(&tmp.join("bucket.json"), &serde_json::to_vec_pretty(&meta)?)?;
            sync_dir(&tmp)?;
            fs::rename(&tmp, &target)?;
            sync_dir(&self.buckets_dir())
        })();
        self.cache.changed();
        if let Err(e) = result {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e.into());
        }
        Ok(meta)
    }

    /// The bucket's metadata (from memory when current).
    pub fn bucket(&self, name: &str) -> Result<BucketMeta, StoreError> {
        if let Some(meta) = self.cached_bucket(name) {
            return Ok(meta);
        }
        let generation = self.cache.generation();
        let meta = self.read_bucket(name)?;
        self.cache.remember(name, generation, &meta, None);
        Ok(meta)
    }

    fn read_bucket(&self, name: &str) -> Result<BucketMeta, StoreError> {
        let path = self.bucket_dir(name).join("bucket.json");
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(StoreError::NoSuchBucket),
            Err(e) => return Err(e.into()),
        };
        serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path,
            reason: e.to_string(),
        })
    }

    /// All buckets, sorted by name.
    pub fn list_buckets(&self) -> Result<Vec<BucketMeta>, StoreError> {
        let mut out = Vec::new();
        for entry in fs::read_dir(self.buckets_dir())? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(TMP_PREFIX) || !entry.file_type()?.is_dir() {
                continue;
            }
            match self.bucket(&name) {
                Ok(meta) => out.push(meta),
                Err(StoreError::NoSuchBucket) => {}
                Err(e) => return Err(e),
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Sets the bucket's ACL.
    pub fn set_acl(&self, name: &str, acl: Acl) -> Result<(), StoreError> {
        self.change_bucket(name, |mut meta, dir| {
            meta.acl = acl;
            let bytes = serde_json::to_vec_pretty(&meta).map_err(io::Error::other)?;
            write_file_durably(&dir.join("bucket.json"), &bytes)
        })
    }

    /// A change inside an existing bucket (its metadata or CORS document), made by `write`
    /// with the bucket's metadata and directory, under the namespace read lock. The cache is
    /// marked stale whatever happens; the change is durable when this returns `Ok`.
    fn change_bucket(
        &self,
        name: &str,
        write: impl FnOnce(BucketMeta, &Path) -> io::Result<()>,
    ) -> Result<(), StoreError> {
        let _guard = self.namespace.read().unwrap_or_else(|e| e.into_inner());
        let meta = self.bucket(name)?;
        let result = write(meta, &self.bucket_dir(name));
        self.cache.changed();
        Ok(result?)
    }

    /// Deletes an empty bucket (with its CORS configuration). `BucketNotEmpty` otherwise.
    pub fn delete_bucket(&self, name: &str) -> Result<(), StoreError> {
        let _guard = self.namespace.write().unwrap_or_else(|e| e.into_inner());
        self.bucket(name)?;
        for entry in fs::read_dir(self.objects_dir(name))? {
            let entry = entry?;
            if !entry.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
                return Err(StoreError::BucketNotEmpty);
            }
        }
        // Atomic: move the whole directory into the trash, make that durable, then delete.
        let trash = self
            .root
            .join("trash")
            .join(format!("{name}-{}", random_suffix()));
        let result = (|| {
            fs::rename(self.bucket_dir(name), &trash)?;
            sync_dir(&self.buckets_dir())?;
            sync_dir(&self.root.join("trash"))
        })();
        self.cache.changed();
        result?;
        let _ = fs::remove_dir_all(&trash);
        Ok(())
    }

    // ------------------------------------------------------------------ CORS

    /// The stored CORS configuration, parsed and compiled (from memory when current: rebuilt
    /// after each PutBucketCors and DeleteBucketCors). An unreadable document is
    /// [`StoreError::Corrupt`].
    pub fn cors_config(
        &self,
        bucket: &str,
    ) -> Result<Option<Arc<crate::preflight::CompiledRules>>, StoreError> {
        if let Some(cors) = self.cached_cors(bucket) {
            return Ok(cors);
        }
        let generation = self.cache.generation();
        let meta = self.read_bucket(bucket)?;
        let path = self.bucket_dir(bucket).join("cors.xml");
        let parsed = match fs::read(&path) {
            // Compiled once here, used by every request until the next write.
            Ok(bytes) => Some(Arc::new(crate::preflight::CompiledRules::new(Some(
                Arc::new(
                    crate::rules::parse_bytes(
                        &bytes,
                        crate::rules::Format::Xml,
                        "stored CORS configuration",
                    )
                    .map_err(|e| StoreError::Corrupt {
                        path,
                        reason: e.to_string(),
                    })?,
                ),
            )))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e.into()),
        };
        self.cache
            .remember(bucket, generation, &meta, Some(parsed.clone()));
        Ok(parsed)
    }

    /// The stored CORS document (canonical XML), if any.
    pub fn cors(&self, bucket: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.bucket(bucket)?;
        match fs::read(self.bucket_dir(bucket).join("cors.xml")) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Replaces the CORS document; durable when this returns.
    pub fn put_cors(&self, bucket: &str, xml: &[u8]) -> Result<(), StoreError> {
        self.change_bucket(bucket, |_, dir| {
            write_file_durably(&dir.join("cors.xml"), xml)
        })
    }

    /// Removes the CORS document (idempotent); durable when this returns.
    pub fn delete_cors(&self, bucket: &str) -> Result<(), StoreError> {
        self.change_bucket(bucket, |_, dir| {
            match fs::remove_file(dir.join("cors.xml")) {
                Ok(()) => sync_dir(dir),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(e),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;
    use std::sync::atomic::Ordering;

    use super::*;

    fn meta(key: &str, body: &[u8]) -> ObjectMeta {
        ObjectMeta {
            key: key.to_string(),
            size: body.len() as u64,
            md5_hex: "x".into(),
            crc64: 0,
            modified: 1,
            headers: vec![("content-type".into(), "text/plain".into())],
        }
    }

    #[test]
    fn buckets_cors_objects_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            s.create_bucket("b-1", Acl::PublicRead, 10).unwrap();
            assert!(matches!(
                s.create_bucket("b-1", Acl::Private, 11),
                Err(StoreError::BucketExists)
            ));
            s.put_cors("b-1", b"<CORSConfiguration/>").unwrap();
            let mut w = s.begin_object("b-1").unwrap();
            w.write(b"hello ").unwrap();
            w.write(b"world").unwrap();
            s.commit_object("b-1", w, &meta("../../etc/passwd", b"hello world"))
                .unwrap();
        }
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.bucket("b-1").unwrap().acl, Acl::PublicRead);
        assert_eq!(
            s.cors("b-1").unwrap().as_deref(),
            Some(&b"<CORSConfiguration/>"[..])
        );
        let (m, f) = s.open_object("b-1", "../../etc/passwd").unwrap();
        let mut body = String::new();
        f.take(m.size).read_to_string(&mut body).unwrap();
        assert_eq!(body, "hello world");
        assert_eq!(m.size, 11);
        assert!(matches!(
            s.delete_bucket("b-1"),
            Err(StoreError::BucketNotEmpty)
        ));
        s.delete_object("b-1", "../../etc/passwd").unwrap();
        s.delete_object("b-1", "../../etc/passwd").unwrap();
        s.delete_bucket("b-1").unwrap();
        assert!(matches!(s.bucket("b-1"), Err(StoreError::NoSuchBucket)));
        // Nothing escaped the data directory.
        assert!(!dir.path().join("etc").exists());
    }

    #[test]
    fn second_open_is_refused_while_locked() {
        let dir = tempfile::tempdir().unwrap();
        let _s = Store::open(dir.path()).unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        assert!(err.to_string().contains("in use"), "{err}");
    }

    #[test]
    fn stale_temporaries_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            s.create_bucket("abc", Acl::Private, 1).unwrap();
            let w = s.begin_object("abc").unwrap();
            std::mem::forget(w); // a crash mid-upload
            fs::write(dir.path().join("buckets/abc/.tmp-cors"), b"half").unwrap();
        }
        let s = Store::open(dir.path()).unwrap();
        let leftovers: Vec<_> = fs::read_dir(s.objects_dir("abc"))
            .unwrap()
            .chain(fs::read_dir(s.bucket_dir("abc")).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(TMP_PREFIX))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        s.delete_bucket("abc").unwrap();
    }

    fn cors_xml(max_age: u64) -> Vec<u8> {
        format!(
            "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>\
             <AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>{max_age}</MaxAgeSeconds>\
             </CORSRule></CORSConfiguration>"
        )
        .into_bytes()
    }

    fn max_age(s: &Store, bucket: &str) -> Option<u64> {
        s.cors_config(bucket)
            .unwrap()
            .map(|c| c.config().unwrap().rules[0].max_age_seconds.unwrap())
    }

    #[test]
    fn cached_reads_follow_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        assert!(matches!(s.bucket("c-1"), Err(StoreError::NoSuchBucket)));
        assert!(
            s.cached_bucket("c-1").is_none(),
            "missing buckets are not cached"
        );
        s.create_bucket("c-1", Acl::Private, 1).unwrap();
        assert_eq!(s.bucket("c-1").unwrap().acl, Acl::Private);
        assert_eq!(s.cached_bucket("c-1").unwrap().acl, Acl::Private);
        assert_eq!(max_age(&s, "c-1"), None);
        assert_eq!(s.cached_cors("c-1"), Some(None));

        s.put_cors("c-1", &cors_xml(1)).unwrap();
        assert_eq!(s.cached_cors("c-1"), None, "a write makes the cache stale");
        assert_eq!(max_age(&s, "c-1"), Some(1));
        assert!(s.cached_cors("c-1").is_some());
        s.put_cors("c-1", &cors_xml(2)).unwrap();
        assert_eq!(max_age(&s, "c-1"), Some(2));
        s.set_acl("c-1", Acl::PublicRead).unwrap();
        assert!(s.cached_bucket("c-1").is_none());
        assert_eq!(s.bucket("c-1").unwrap().acl, Acl::PublicRead);
        assert_eq!(max_age(&s, "c-1"), Some(2));
        s.delete_cors("c-1").unwrap();
        assert_eq!(max_age(&s, "c-1"), None);

        s.put_cors("c-1", &cors_xml(3)).unwrap();
        assert_eq!(max_age(&s, "c-1"), Some(3));
        s.delete_bucket("c-1").unwrap();
        assert!(s.cached_bucket("c-1").is_none());
        assert!(matches!(s.bucket("c-1"), Err(StoreError::NoSuchBucket)));
        assert!(matches!(
            s.cors_config("c-1"),
            Err(StoreError::NoSuchBucket)
        ));
        s.create_bucket("c-1", Acl::PublicReadWrite, 2).unwrap();
        assert_eq!(s.bucket("c-1").unwrap().acl, Acl::PublicReadWrite);
        assert_eq!(max_age(&s, "c-1"), None, "a new bucket has no old rules");
    }

    #[test]
    fn unreadable_stored_cors_is_corrupt_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        s.create_bucket("c-2", Acl::Private, 1).unwrap();
        s.put_cors("c-2", b"<CORSConfiguration><oops").unwrap();
        assert!(matches!(
            s.cors_config("c-2"),
            Err(StoreError::Corrupt { .. })
        ));
        assert_eq!(s.cached_cors("c-2"), None);
        s.put_cors("c-2", &cors_xml(7)).unwrap();
        assert_eq!(max_age(&s, "c-2"), Some(7));
    }

    /// Readers racing a writer never see a configuration older than the last acknowledged
    /// write (the write has returned), however the cache and the disk interleave.
    #[test]
    fn concurrent_readers_never_see_an_acknowledged_write_undone() {
        use std::sync::atomic::AtomicU64;
        let dir = tempfile::tempdir().unwrap();
        let s = Arc::new(Store::open(dir.path()).unwrap());
        s.create_bucket("c-3", Acl::Private, 1).unwrap();
        s.put_cors("c-3", &cors_xml(1)).unwrap();
        let acked = Arc::new(AtomicU64::new(1));
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let readers: Vec<_> = (0..3)
            .map(|_| {
                let (s, acked, done) = (s.clone(), acked.clone(), done.clone());
                std::thread::spawn(move || {
                    let mut reads = 0u64;
                    while !done.load(Ordering::SeqCst) {
                        let floor = acked.load(Ordering::SeqCst);
                        let seen = max_age(&s, "c-3").unwrap();
                        assert!(
                            seen >= floor,
                            "read {seen} after write {floor} was acknowledged"
                        );
                        reads += 1;
                    }
                    reads
                })
            })
            .collect();
        for v in 2..=40 {
            s.put_cors("c-3", &cors_xml(v)).unwrap();
            acked.store(v, Ordering::SeqCst);
        }
        done.store(true, Ordering::SeqCst);
        for r in readers {
            assert!(r.join().unwrap() > 0);
        }
        assert_eq!(max_age(&s, "c-3"), Some(40));
    }
}
