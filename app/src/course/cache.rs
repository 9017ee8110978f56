//! Published content held in memory: the catalogue, course outlines and module pages, read from
//! the database once per content version instead of at every page view.
//!
//! The database keeps one counter, `content_version`, that triggers bump at every change to the
//! published content (courses, versions, modules, files, atelier scenarios: migration 0017), so
//! no write path can forget it. Each instance reads it (`AppState::refresh_versions`) every second
//! in the background, after each request that may have changed something, and — when the
//! configured interval is zero (the tests) — before every request; a new value empties the cache.
//! Another instance's publication is thus seen within a second, this instance's at once.
//!
//! The anonymous page cache of the server (`server::page_cache`) keys its entries on the same
//! version.
//!
//! Written here rather than with a caching crate: the entries are few (one per published module)
//! and all invalidated together by one number, which is what a map behind a mutex does; the
//! crates' per-entry expiry and eviction policies would go unused.

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicI64, Ordering},
        Arc, Mutex, MutexGuard, PoisonError,
    },
};

use super::model::{CourseInfo, CourseOutline, ModulePage};
use crate::db::{Database, DbError};

/// Module pages kept at most; past this (a platform with thousands of modules) the cache starts
/// again empty rather than grow.
const MAX_ENTRIES: usize = 4_096;

/// The published content of the current version, shared by every request of this instance.
#[derive(Clone, Debug, Default)]
pub struct ContentCache(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    /// The last `content_version` read from the database (0 before the first read).
    version: AtomicI64,
    entries: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    /// The version these entries were read under.
    version: i64,
    catalogue: Option<Arc<Vec<CourseInfo>>>,
    outlines: HashMap<String, Arc<CourseOutline>>,
    modules: HashMap<(String, String), Arc<ModulePage>>,
}

impl ContentCache {
    /// The content version this instance last read from the database.
    pub fn version(&self) -> i64 {
        self.0.version.load(Ordering::Acquire)
    }

    /// Takes the content version read from the database ([`crate::state::AppState::refresh_versions`]);
    /// returns whether it changed since the last read (the cached entries are then dropped at
    /// their next use).
    pub fn set_version(&self, version: i64) -> bool {
        self.0.version.swap(version, Ordering::AcqRel) != version
    }

    /// The catalogue (every published course).
    pub async fn catalogue(&self, db: &Database) -> Result<Arc<Vec<CourseInfo>>, DbError> {
        let version = self.version();
        if let Some(catalogue) = self.entries(version).catalogue.clone() {
            return Ok(catalogue);
        }
        let catalogue = Arc::new(super::repository::catalogue(db).await?);
        let mut entries = self.entries(version);
        if entries.version == version {
            entries.catalogue = Some(catalogue.clone());
        }
        Ok(catalogue)
    }

    /// The outline of the current version of course `slug`, if it is published.
    pub async fn outline(&self, db: &Database, slug: &str) -> Result<Option<Arc<CourseOutline>>, DbError> {
        let version = self.version();
        if let Some(outline) = self.entries(version).outlines.get(slug).cloned() {
            return Ok(Some(outline));
        }
        let Some(outline) = super::repository::outline(db, slug).await?.map(Arc::new) else {
            return Ok(None);
        };
        let mut entries = self.entries(version);
        if entries.version == version && entries.outlines.len() < MAX_ENTRIES {
            entries.outlines.insert(slug.to_owned(), outline.clone());
        }
        Ok(Some(outline))
    }

    /// Module `module` of the current version of course `course`, with its keys (server only).
    /// Unknown slugs are not remembered: anyone can ask for any address.
    pub async fn module_page(&self, db: &Database, course: &str, module: &str) -> Result<Option<Arc<ModulePage>>, DbError> {
        let version = self.version();
        let key = (course.to_owned(), module.to_owned());
        if let Some(page) = self.entries(version).modules.get(&key).cloned() {
            return Ok(Some(page));
        }
        let Some(page) = super::repository::module_page(db, course, module).await?.map(Arc::new) else {
            return Ok(None);
        };
        let mut entries = self.entries(version);
        // Not kept if the content changed while it was read: it may be of the older version.
        if entries.version == version {
            if entries.modules.len() >= MAX_ENTRIES {
                entries.modules.clear();
            }
            entries.modules.insert(key, page.clone());
        }
        Ok(Some(page))
    }

    /// The entries, emptied first if they were read under an older version than `version`.
    /// (A request that started before a refresh keeps the newer entries: it only inserts into
    /// entries of its own version.)
    fn entries(&self, version: i64) -> MutexGuard<'_, Entries> {
        // The entries are only ever replaced whole: a panic while the lock was held leaves
        // nothing half-written worth refusing.
        let mut entries = self.0.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.version < version {
            *entries = Entries { version, ..Entries::default() };
        }
        entries
    }
}
