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
//! needs nothing else) are served from memory after the first one: entries are tagged with a
//! generation number that every bucket-level change bumps once it is durable, and an entry
//! is used only while the generation is the one it was read under. So a reader never sees
//! a configuration older than the last acknowledged write, and the cached path needs no
//! system call. This relies on the data-directory lock: no one else writes the directory
//! while the server runs. [`Store::cached_bucket`] and [`Store::cached_cors`] look only at
//! memory, for async callers that want to skip a blocking thread when the answer is there.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Prefix of every temporary file or directory; anything with it is garbage after a crash.
const TMP_PREFIX: &str = ".tmp-";
/// First bytes of an object file.
const OBJECT_MAGIC: &[u8; 8] = b"OSSCOBJ1";

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
    /// Bumped after every change to a bucket's existence, metadata or CORS document.
    generation: AtomicU64,
    /// Bucket metadata and parsed CORS configurations, with the generation they were read
    /// under (see the module docs).
    cache: Mutex<HashMap<String, CachedBucket>>,
    /// The mode of a pre-existing data directory open to group or others.
    exposed_mode: Option<u32>,
    _lock: File,
}

/// Most buckets the read cache holds before it starts over (it only holds buckets that
/// exist, so this bounds memory, not correctness).
const CACHE_LIMIT: usize = 4096;

/// A bucket as read from disk under `generation`.
#[derive(Debug, Clone)]
struct CachedBucket {
    generation: u64,
    meta: BucketMeta,
    /// `None` until the CORS document was read; then the parsed configuration, if any.
    cors: Option<Option<Arc<crate::preflight::CompiledRules>>>,
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
            generation: AtomicU64::new(0),
            cache: Mutex::new(HashMap::new()),
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

    /// Marks every cached read as stale; called after each bucket-level change, success or
    /// not (a failed change may still have touched the disk), before it is acknowledged.
    fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The cached entry for `name`, if it was read under the current generation.
    fn cached<T>(&self, name: &str, pick: impl FnOnce(&CachedBucket) -> Option<T>) -> Option<T> {
        let generation = self.generation.load(Ordering::SeqCst);
        let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .get(name)
            .filter(|c| c.generation == generation)
            .and_then(pick)
    }

    /// Remembers what was read from disk under `generation`, unless something changed since.
    fn remember(
        &self,
        name: &str,
        generation: u64,
        meta: &BucketMeta,
        cors: Option<Option<Arc<crate::preflight::CompiledRules>>>,
    ) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        match cache.get_mut(name) {
            Some(entry) if entry.generation == generation => {
                entry.meta = meta.clone();
                if cors.is_some() {
                    entry.cors = cors;
                }
            }
            _ => {
                if cache.len() >= CACHE_LIMIT {
                    cache.clear();
                }
                cache.insert(
                    name.to_string(),
                    CachedBucket {
                        generation,
                        meta: meta.clone(),
                        cors,
                    },
                );
            }
        }
    }

    /// The bucket's metadata if it is in memory and current (no I/O).
    pub fn cached_bucket(&self, name: &str) -> Option<BucketMeta> {
        self.cached(name, |c| Some(c.meta.clone()))
    }

    /// The bucket's parsed CORS configuration (`Some(None)`: the bucket has none) if it is in
    /// memory and current (no I/O).
    pub fn cached_cors(&self, name: &str) -> Option<Option<Arc<crate::preflight::CompiledRules>>> {
        self.cached(name, |c| c.cors.clone())
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
        self.changed();
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
        let generation = self.generation.load(Ordering::SeqCst);
        let meta = self.read_bucket(name)?;
        self.remember(name, generation, &meta, None);
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
        let _guard = self.namespace.read().unwrap_or_else(|e| e.into_inner());
        let mut meta = self.bucket(name)?;
        meta.acl = acl;
        let dir = self.bucket_dir(name);
        let bytes = serde_json::to_vec_pretty(&meta).map_err(io::Error::other)?;
        let result = write_file_durably(&dir.join("bucket.json"), &bytes);
        self.changed();
        result?;
        Ok(())
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
        self.changed();
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
        let generation = self.generation.load(Ordering::SeqCst);
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
        self.remember(bucket, generation, &meta, Some(parsed.clone()));
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
        let _guard = self.namespace.read().unwrap_or_else(|e| e.into_inner());
        self.bucket(bucket)?;
        let result = write_file_durably(&self.bucket_dir(bucket).join("cors.xml"), xml);
        self.changed();
        result?;
        Ok(())
    }

    /// Removes the CORS document (idempotent); durable when this returns.
    pub fn delete_cors(&self, bucket: &str) -> Result<(), StoreError> {
        let _guard = self.namespace.read().unwrap_or_else(|e| e.into_inner());
        self.bucket(bucket)?;
        let dir = self.bucket_dir(bucket);
        let result = match fs::remove_file(dir.join("cors.xml")) {
            Ok(()) => sync_dir(&dir),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        };
        self.changed();
        result?;
        Ok(())
    }

    // ------------------------------------------------------------------ objects

    /// Starts an object upload: a temporary file in the bucket's object directory with room
    /// for the header, to be filled by [`ObjectWriter::write`] and committed by
    /// [`Store::commit_object`].
    pub fn begin_object(&self, bucket: &str) -> Result<ObjectWriter, StoreError> {
        self.bucket(bucket)?;
        let path = self
            .objects_dir(bucket)
            .join(format!("{TMP_PREFIX}{}", random_suffix()));
        let file = open_private(OpenOptions::new().write(true).create_new(true), &path)?;
        Ok(ObjectWriter {
            path,
            file: Some(io::BufWriter::with_capacity(256 * 1024, file)),
            size: 0,
            committed: false,
        })
    }

    /// Appends the metadata trailer, fsyncs and renames the upload into place (replacing any
    /// previous version), then fsyncs the directory. The object is durable when this returns.
    pub fn commit_object(
        &self,
        bucket: &str,
        mut writer: ObjectWriter,
        meta: &ObjectMeta,
    ) -> Result<(), StoreError> {
        let result = (|| -> Result<(), StoreError> {
            writer.write_trailer(&encode_trailer(meta)?)?;
            let _guard = self.namespace.read().unwrap_or_else(|e| e.into_inner());
            let target = self.object_path(bucket, &meta.key);
            if let Err(e) = fs::rename(&writer.path, &target) {
                if e.kind() == io::ErrorKind::NotFound {
                    return Err(StoreError::NoSuchBucket);
                }
                return Err(e.into());
            }
            writer.committed = true;
            sync_dir(&self.objects_dir(bucket))?;
            Ok(())
        })();
        writer.discard();
        result
    }

    /// Opens an object for reading: its metadata, and the file positioned at the body.
    pub fn open_object(&self, bucket: &str, key: &str) -> Result<(ObjectMeta, File), StoreError> {
        self.bucket(bucket)?;
        let path = self.object_path(bucket, key);
        let mut file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(StoreError::NoSuchKey),
            Err(e) => return Err(e.into()),
        };
        let meta = decode_header(&mut file, &path)?;
        if meta.key != key {
            return Err(StoreError::Corrupt {
                path,
                reason: "stored key differs from the requested key".into(),
            });
        }
        Ok((meta, file))
    }

    /// Deletes an object (idempotent, as OSS: deleting a missing key succeeds).
    pub fn delete_object(&self, bucket: &str, key: &str) -> Result<(), StoreError> {
        let _guard = self.namespace.read().unwrap_or_else(|e| e.into_inner());
        self.bucket(bucket)?;
        match fs::remove_file(self.object_path(bucket, key)) {
            Ok(()) => sync_dir(&self.objects_dir(bucket))?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    /// Metadata of every object in the bucket, sorted by key.
    pub fn list_objects(&self, bucket: &str) -> Result<Vec<ObjectMeta>, StoreError> {
        self.bucket(bucket)?;
        let mut out = Vec::new();
        for entry in fs::read_dir(self.objects_dir(bucket))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(TMP_PREFIX) || !name.ends_with(".obj") {
                continue;
            }
            let path = entry.path();
            let mut file = match File::open(&path) {
                Ok(f) => f,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            };
            out.push(decode_header(&mut file, &path)?);
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }
}

/// An object upload in progress (a temporary file). Dropping it without committing removes
/// the temporary file.
#[derive(Debug)]
pub struct ObjectWriter {
    path: PathBuf,
    file: Option<io::BufWriter<File>>,
    size: u64,
    committed: bool,
}

impl ObjectWriter {
    /// Appends body bytes.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => {
                f.write_all(bytes)?;
                self.size += bytes.len() as u64;
                Ok(())
            }
            None => Err(io::Error::other("upload already finished")),
        }
    }

    /// Bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    fn write_trailer(&mut self, trailer: &[u8]) -> io::Result<()> {
        let mut f = self
            .file
            .take()
            .ok_or_else(|| io::Error::other("upload already finished"))?;
        f.write_all(trailer)?;
        let f = f.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()
    }

    fn discard(&mut self) {
        self.file = None;
        if !self.committed {
            let _ = fs::remove_file(&self.path);
        }
        self.committed = true;
    }
}

impl Drop for ObjectWriter {
    fn drop(&mut self) {
        self.discard();
    }
}

/// Object file = body ++ JSON metadata ++ u32 big-endian JSON length ++ `OSSCOBJ1`.
/// The trailer lets the body be streamed straight into the file before its size and MD5
/// are known.
fn encode_trailer(meta: &ObjectMeta) -> io::Result<Vec<u8>> {
    let json = serde_json::to_vec(meta).map_err(io::Error::other)?;
    let len = u32::try_from(json.len()).map_err(io::Error::other)?;
    let mut out = Vec::with_capacity(12 + json.len());
    out.extend_from_slice(&json);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(OBJECT_MAGIC);
    Ok(out)
}

/// Reads the trailer and leaves the file positioned at the first body byte.
fn decode_header(file: &mut File, path: &Path) -> Result<ObjectMeta, StoreError> {
    let corrupt = |reason: &str| StoreError::Corrupt {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let file_len = file.metadata()?.len();
    if file_len < 12 {
        return Err(corrupt("truncated trailer"));
    }
    file.seek(SeekFrom::Start(file_len - 12))?;
    let mut fixed = [0u8; 12];
    file.read_exact(&mut fixed)
        .map_err(|_| corrupt("truncated trailer"))?;
    if &fixed[4..] != OBJECT_MAGIC {
        return Err(corrupt("bad magic"));
    }
    let len = u64::from(u32::from_be_bytes([fixed[0], fixed[1], fixed[2], fixed[3]]));
    if len > 1 << 20 || len + 12 > file_len {
        return Err(corrupt("bad trailer length"));
    }
    file.seek(SeekFrom::Start(file_len - 12 - len))?;
    let mut json = vec![0u8; len as usize];
    file.read_exact(&mut json)
        .map_err(|_| corrupt("truncated trailer"))?;
    let meta: ObjectMeta =
        serde_json::from_slice(&json).map_err(|e| corrupt(&format!("bad metadata: {e}")))?;
    if file_len - 12 - len != meta.size {
        return Err(corrupt("body length differs from the metadata"));
    }
    file.seek(SeekFrom::Start(0))?;
    Ok(meta)
}

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
fn create_private_dir(path: &Path) -> io::Result<()> {
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
fn create_private_dir_if_missing(path: &Path) -> io::Result<()> {
    match create_private_dir(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        other => other,
    }
}

/// Opens with `options` (which create a new file), giving the file mode 0600 exactly: it is
/// set again on the open file (fchmod) because the umask may have narrowed the creation mode.
fn open_private(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
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
fn group_or_world_mode(dir: &Path) -> io::Result<Option<u32>> {
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

fn sweep_tmp(dir: &Path) -> io::Result<usize> {
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

fn remove_any(path: &Path) -> io::Result<()> {
    if path.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

fn random_suffix() -> String {
    format!("{:016x}{:08x}", fastrand::u64(..), std::process::id())
}

#[cfg(test)]
mod tests {
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
