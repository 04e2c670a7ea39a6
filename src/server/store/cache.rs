//! The store's read cache: bucket metadata and compiled CORS rules, kept in memory so the
//! requests that only need them (every preflight) touch no file and make no system call.
//!
//! Entries are tagged with a generation number that every bucket-level change bumps once it
//! is durable ([`ReadCache::changed`]), and an entry is used only while the generation is the
//! one it was read under. So a reader never sees a configuration older than the last
//! acknowledged write. This relies on the data-directory lock: no one else writes the
//! directory while the server runs.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::BucketMeta;
use crate::preflight::CompiledRules;

/// Most buckets the cache holds before it starts over (it only holds buckets that exist, so
/// this bounds memory, not correctness).
const CACHE_LIMIT: usize = 4096;

/// A bucket's CORS rules as read: `None` when the bucket has no configuration.
pub(super) type Cors = Option<Arc<CompiledRules>>;

/// A bucket as read from disk under `generation`.
#[derive(Debug, Clone)]
struct Entry {
    generation: u64,
    meta: BucketMeta,
    /// `None` until the CORS document was read.
    cors: Option<Cors>,
}

/// Bucket metadata and compiled CORS rules by bucket name (see the module docs).
#[derive(Debug, Default)]
pub(super) struct ReadCache {
    /// Bumped after every change to a bucket's existence, metadata or CORS document.
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

impl ReadCache {
    /// The current generation: read it before reading the disk, and pass it to
    /// [`ReadCache::remember`] with what was read.
    pub(super) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Marks every entry stale; called after each bucket-level change, success or not (a
    /// failed change may still have touched the disk), before it is acknowledged.
    pub(super) fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The bucket's metadata, if it is cached and current.
    pub(super) fn meta(&self, name: &str) -> Option<BucketMeta> {
        self.current(name, |e| Some(e.meta.clone()))
    }

    /// The bucket's compiled CORS rules, if they are cached and current.
    pub(super) fn cors(&self, name: &str) -> Option<Cors> {
        self.current(name, |e| e.cors.clone())
    }

    fn current<T>(&self, name: &str, pick: impl FnOnce(&Entry) -> Option<T>) -> Option<T> {
        let generation = self.generation();
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(name)
            .filter(|e| e.generation == generation)
            .and_then(pick)
    }

    /// Remembers what was read from disk under `generation`, unless something changed since.
    /// `cors` is `None` when the CORS document was not read.
    pub(super) fn remember(
        &self,
        name: &str,
        generation: u64,
        meta: &BucketMeta,
        cors: Option<Cors>,
    ) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if self.generation() != generation {
            return;
        }
        match entries.get_mut(name) {
            Some(entry) if entry.generation == generation => {
                entry.meta = meta.clone();
                if cors.is_some() {
                    entry.cors = cors;
                }
            }
            _ => {
                if entries.len() >= CACHE_LIMIT {
                    entries.clear();
                }
                entries.insert(
                    name.to_string(),
                    Entry {
                        generation,
                        meta: meta.clone(),
                        cors,
                    },
                );
            }
        }
    }
}
