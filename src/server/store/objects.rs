//! Objects on disk: one file per object, named by the SHA-256 of its key, holding the body
//! followed by a JSON metadata trailer. An upload streams into a temporary file
//! ([`ObjectWriter`]) and becomes visible by one rename once it is durable.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::files::{TMP_PREFIX, open_private, random_suffix, sync_dir};
use super::{ObjectMeta, Store, StoreError};

/// First bytes of an object file.
const OBJECT_MAGIC: &[u8; 8] = b"OSSCOBJ1";

impl Store {
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
