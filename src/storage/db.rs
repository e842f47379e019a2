//! The typed async API over one IndexedDB connection.
//!
//! Reads return decoded values; writes return only after their transaction committed (with
//! strict durability), so a caller may say "Đã lưu" when `put`/`write` returns `Ok`. Several
//! writes that belong together go through one [`WriteBatch`]: all of them or none.
//!
//! The `keys` store is the exception to "JSON text": it holds structured-clone values (objects
//! holding WebCrypto `CryptoKey`s), through [`Db::get_key_object`], [`Db::put_key_object`] and
//! [`Db::put_key_object_if_absent`] only.

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;

use futures::TryFutureExt;
use futures::channel::oneshot;
use futures::future::{Either, select};
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{
    DomException, Error as IdbError, OpenDbError, UnexpectedDataError,
};
use indexed_db_futures::future::BasicRequest;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{
    Transaction, TransactionDurability, TransactionMode, TransactionOptions,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::error::StorageError;
use super::schema::{self, SCHEMA_VERSION, StoreName};
use crate::platform::perf;

/// An open connection to the app's database.
#[derive(Clone, Debug)]
pub struct Db {
    inner: Database,
}

/// One write of a [`WriteBatch`].
#[derive(Clone, Debug, PartialEq)]
enum WriteOp {
    Put {
        store: StoreName,
        key: String,
        json: String,
    },
    Insert {
        store: StoreName,
        key: String,
        json: String,
    },
    Delete {
        store: StoreName,
        key: String,
    },
    /// A structured-clone value (an evidence file's record, whose `Blob` is not JSON).
    PutObject {
        store: StoreName,
        key: String,
        value: JsValue,
    },
}

/// Writes to several stores that commit together or not at all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WriteBatch {
    ops: Vec<WriteOp>,
}

impl WriteBatch {
    /// An empty batch.
    pub fn new() -> WriteBatch {
        WriteBatch::default()
    }

    /// Stores `value` under `key`, replacing what was there.
    pub fn put<T: Serialize>(
        &mut self,
        store: StoreName,
        key: &str,
        value: &T,
    ) -> Result<&mut Self, StorageError> {
        let json = encode(value)?;
        self.ops.push(WriteOp::Put {
            store,
            key: key.to_owned(),
            json,
        });
        Ok(self)
    }

    /// Stores `value` under `key`; the whole batch fails if the key already exists (for logs,
    /// whose entries must never be overwritten).
    pub fn insert<T: Serialize>(
        &mut self,
        store: StoreName,
        key: &str,
        value: &T,
    ) -> Result<&mut Self, StorageError> {
        let json = encode(value)?;
        self.ops.push(WriteOp::Insert {
            store,
            key: key.to_owned(),
            json,
        });
        Ok(self)
    }

    /// Removes the record under `key` (nothing happens if there is none).
    pub fn delete(&mut self, store: StoreName, key: &str) -> &mut Self {
        self.ops.push(WriteOp::Delete {
            store,
            key: key.to_owned(),
        });
        self
    }

    /// Stores the structured-clone `value` under `key`, replacing what was there (an evidence
    /// file's record in the attachments store, written with the bundle that refers to it).
    pub fn put_object(&mut self, store: StoreName, key: &str, value: JsValue) -> &mut Self {
        self.ops.push(WriteOp::PutObject {
            store,
            key: key.to_owned(),
            value,
        });
        self
    }

    /// How many writes the batch holds.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// Whether the batch holds no write.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Adds every write of `other` after this batch's own.
    pub fn append(&mut self, other: WriteBatch) -> &mut Self {
        self.ops.extend(other.ops);
        self
    }

    fn stores(&self) -> Vec<&'static str> {
        let mut names: Vec<StoreName> = self
            .ops
            .iter()
            .map(|op| match op {
                WriteOp::Put { store, .. }
                | WriteOp::Insert { store, .. }
                | WriteOp::Delete { store, .. }
                | WriteOp::PutObject { store, .. } => *store,
            })
            .collect();
        names.sort();
        names.dedup();
        names.into_iter().map(StoreName::as_str).collect()
    }
}

mod attachments;

impl Db {
    /// Opens (creating or upgrading as needed) the database `name` at the current schema version.
    pub async fn open(name: &str) -> Result<Db, StorageError> {
        Db::open_at_version(name, SCHEMA_VERSION).await
    }

    /// Opens `name` at an explicit schema `version`, running the upgrade steps up to it.
    ///
    /// The app always uses [`Db::open`]; tests use this to create databases of earlier versions.
    pub async fn open_at_version(name: &str, version: u32) -> Result<Db, StorageError> {
        let (blocked_tx, blocked_rx) = oneshot::channel::<()>();
        let request = Database::open(name)
            .with_version(version)
            .with_on_blocked(move |_event| {
                let _ = blocked_tx.send(());
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| {
                // Versions are small integers; the float comes from the DOM API.
                let old_version = event.old_version() as u32;
                let new_version = event.new_version().map_or(old_version, |v| v as u32);
                schema::upgrade(&db, old_version, new_version)
            })
            .build()
            .map_err(open_error)?;
        let inner = match select(request, blocked_rx).await {
            Either::Left((opened, _)) => opened.map_err(open_error)?,
            Either::Right((Ok(()), request)) => {
                // The request stays queued in the browser and completes (upgrade included)
                // once the other tab lets go. Keep it alive so the upgrade step still runs,
                // then close the connection nobody holds, so it blocks nothing later.
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(abandoned) = request.await {
                        abandoned.close();
                    }
                });
                return Err(StorageError::Blocked);
            }
            // The blocked callback was dropped without firing: the request finished first.
            Either::Right((Err(_), request)) => request.await.map_err(open_error)?,
        };
        let db = Db { inner };
        db.close_on_version_change();
        Ok(db)
    }

    /// Deletes the database `name` (tests, and "erase everything" in settings).
    pub async fn delete_database(name: &str) -> Result<(), StorageError> {
        Database::delete_by_name(name)
            .map_err(open_error)?
            .await
            .map_err(idb_error)
    }

    /// The schema version of the open database.
    pub fn version(&self) -> u32 {
        self.inner.version() as u32
    }

    /// The names of the object stores present.
    pub fn store_names(&self) -> Vec<String> {
        self.inner.object_store_names().collect()
    }

    /// Closes the connection.
    pub fn close(self) {
        self.inner.close();
    }

    /// Reads the record under `key`, if any.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: StoreName,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let tx = self
            .inner
            .transaction(store.as_str())
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(idb_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(idb_error)?;
        let json: Option<String> = object_store
            .get(key.to_owned())
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        json.map(|json| decode(store, key, &json)).transpose()
    }

    /// Reads every record of `store`, in key order.
    pub async fn all<T: DeserializeOwned>(
        &self,
        store: StoreName,
    ) -> Result<Vec<(String, T)>, StorageError> {
        self.read_range(store, None).await
    }

    /// Reads the records whose key starts with `prefix`, in key order.
    pub async fn with_prefix<T: DeserializeOwned>(
        &self,
        store: StoreName,
        prefix: &str,
    ) -> Result<Vec<(String, T)>, StorageError> {
        self.read_range(store, Some(prefix)).await
    }

    /// Counts the records of `store`.
    pub async fn count(&self, store: StoreName) -> Result<u32, StorageError> {
        let tx = self
            .inner
            .transaction(store.as_str())
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(idb_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(idb_error)?;
        object_store.count().await.map_err(idb_error)
    }

    /// Stores `value` under `key` and returns once the transaction committed.
    pub async fn put<T: Serialize>(
        &self,
        store: StoreName,
        key: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        let mut batch = WriteBatch::new();
        batch.put(store, key, value)?;
        self.write(batch).await
    }

    /// Commits every write of `batch` in one transaction, or none of them.
    pub async fn write(&self, batch: WriteBatch) -> Result<(), StorageError> {
        if batch.is_empty() {
            return Ok(());
        }
        let (tx, raw_tx) = self.begin_write(batch.stores())?;
        let outcome = apply_ops(&tx, batch).await;
        finish(tx, &raw_tx, outcome).await
    }

    /// Reads the record under `key` of `store`, lets `update` compute its new value, and writes
    /// that value together with `batch`, all in one transaction: a write made meanwhile by
    /// another tab is seen by `update` (which merges it), never overwritten.
    pub async fn update<T, F>(
        &self,
        store: StoreName,
        key: &str,
        update: F,
        batch: WriteBatch,
    ) -> Result<T, StorageError>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce(Option<T>) -> T,
    {
        let mut names = batch.stores();
        names.push(store.as_str());
        names.sort_unstable();
        names.dedup();
        let (tx, raw_tx) = self.begin_write(names)?;
        let object_store = tx.object_store(store.as_str()).map_err(idb_error)?;
        let current: Option<String> = object_store
            .get(key.to_owned())
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(|error| transaction_error(&raw_tx, error))?;
        let current = current.map(|json| decode(store, key, &json)).transpose()?;
        let value = update(current);
        let mut all = WriteBatch::new();
        all.ops.push(WriteOp::Put {
            store,
            key: key.to_owned(),
            json: encode(&value)?,
        });
        all.ops.extend(batch.ops);
        let outcome = apply_ops(&tx, all).await;
        finish(tx, &raw_tx, outcome).await.map(|()| value)
    }

    /// Reads the structured-clone value under `key` of the `keys` store, if any.
    pub async fn get_key_object(&self, key: &str) -> Result<Option<JsValue>, StorageError> {
        let store = StoreName::Keys.as_str();
        let tx = self
            .inner
            .transaction(store)
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(idb_error)?;
        let object_store = tx.object_store(store).map_err(idb_error)?;
        let value: Option<JsValue> = object_store
            .get(key.to_owned())
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        Ok(value.filter(|value| !value.is_undefined() && !value.is_null()))
    }

    /// Stores a structured-clone value (for example an object holding `CryptoKey`s) under `key`
    /// of the `keys` store, replacing what was there; returns once the transaction committed.
    pub async fn put_key_object(&self, key: &str, value: &JsValue) -> Result<(), StorageError> {
        let (tx, raw_tx) = self.begin_write(vec![StoreName::Keys.as_str()])?;
        let outcome = async {
            tx.object_store(StoreName::Keys.as_str())?
                .put(value.clone())
                .with_key(key.to_owned())
                .primitive()?
                .await
        }
        .await;
        finish(tx, &raw_tx, outcome.map(drop)).await
    }

    /// Stores `value` under `key` of the `keys` store unless a record is there already, in one
    /// transaction (so two tabs creating a key at once keep the same one); returns the record
    /// stored after the commit: the one found, or `value`.
    pub async fn put_key_object_if_absent(
        &self,
        key: &str,
        value: &JsValue,
    ) -> Result<JsValue, StorageError> {
        let (tx, raw_tx) = self.begin_write(vec![StoreName::Keys.as_str()])?;
        let object_store = tx
            .object_store(StoreName::Keys.as_str())
            .map_err(idb_error)?;
        let found: Option<JsValue> = object_store
            .get(key.to_owned())
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(|error| transaction_error(&raw_tx, error))?;
        if let Some(found) = found.filter(|found| !found.is_undefined() && !found.is_null()) {
            finish(tx, &raw_tx, Ok(())).await?;
            return Ok(found);
        }
        let outcome = async {
            object_store
                .add(value.clone())
                .with_key(key.to_owned())
                .primitive()?
                .await
        }
        .await;
        finish(tx, &raw_tx, outcome.map(drop)).await?;
        Ok(value.clone())
    }

    /// Reads the records `reads` and lets `build` turn each (its position in `reads` and what is
    /// stored: JSON text, `None` where there is no record) into the writes to make, then writes
    /// `extra`, all in one transaction over `scope` (which must name every store read or
    /// written): records written meanwhile by another tab are seen by `build`, which merges
    /// them, never overwritten. Every read is issued at once, and each record's writes are
    /// issued as soon as it is built, a slice at a time ([`Issuer`]): a province's bundle of
    /// 700 wards builds its records between paints, not in one task.
    pub async fn read_modify_write<F>(
        &self,
        scope: &[StoreName],
        reads: &[(StoreName, String)],
        mut build: F,
        extra: WriteBatch,
    ) -> Result<(), StorageError>
    where
        F: FnMut(usize, Option<String>) -> Result<WriteBatch, StorageError>,
    {
        let mut names: Vec<&'static str> = scope.iter().map(|store| store.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let (tx, raw_tx) = self.begin_write(names)?;
        let mut pending: Vec<BasicRequest<Option<String>>> = Vec::with_capacity(reads.len());
        for (store, key) in reads {
            let object_store = tx.object_store(store.as_str()).map_err(idb_error)?;
            pending.push(
                object_store
                    .get(key.clone())
                    .primitive()
                    .map_err(idb_error)?,
            );
        }
        let mut issuer = Issuer::new(&tx);
        for (index, read) in pending.into_iter().enumerate() {
            let current = read
                .await
                .map_err(|error| transaction_error(&raw_tx, error))?;
            let writes = build(index, current)?;
            if let Err(error) = issuer.issue(writes).await {
                return finish(tx, &raw_tx, Err(error)).await;
            }
        }
        let outcome = match issuer.issue(extra).await {
            Ok(()) => issuer.settle().await,
            Err(error) => Err(error),
        };
        finish(tx, &raw_tx, outcome).await
    }

    /// Starts a read-write transaction with strict durability over `names`; also returns the
    /// browser's transaction object, to ask it why, should the commit fail.
    fn begin_write(
        &self,
        names: Vec<&'static str>,
    ) -> Result<(Transaction<'_>, web_sys::IdbTransaction), StorageError> {
        let mut options = TransactionOptions::new();
        options.set_durability(TransactionDurability::Strict);
        let tx = self
            .inner
            .transaction(names)
            .with_mode(TransactionMode::Readwrite)
            .with_options(options)
            .build()
            .map_err(idb_error)?;
        let raw_tx = tx.as_sys().clone().unchecked_into();
        Ok((tx, raw_tx))
    }

    /// Calls `on_change` when another tab opens a newer schema version; the connection is
    /// closed first so that the other tab's upgrade is not blocked.
    pub fn on_version_change(&self, on_change: impl Fn() + 'static) {
        let raw: web_sys::IdbDatabase = self.inner.as_sys().clone().unchecked_into();
        let to_close = raw.clone();
        let handler = Closure::<dyn Fn()>::new(move || {
            to_close.close();
            on_change();
        });
        raw.set_onversionchange(Some(handler.as_ref().unchecked_ref()));
        HANDLERS.with(|handlers| handlers.borrow_mut().push(handler));
    }

    fn close_on_version_change(&self) {
        self.on_version_change(|| {});
    }

    async fn read_range<T: DeserializeOwned>(
        &self,
        store: StoreName,
        prefix: Option<&str>,
    ) -> Result<Vec<(String, T)>, StorageError> {
        let tx = self
            .inner
            .transaction(store.as_str())
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(idb_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(idb_error)?;
        let (keys, values): (Vec<String>, Vec<String>) = match prefix {
            None => (
                collect(object_store.get_all_keys::<String>().primitive(), store)?.await?,
                collect(object_store.get_all::<String>().primitive(), store)?.await?,
            ),
            Some(prefix) => {
                let range = prefix_range(prefix);
                (
                    collect(
                        object_store
                            .get_all_keys::<String>()
                            .with_query(range.clone())
                            .primitive(),
                        store,
                    )?
                    .await?,
                    collect(
                        object_store
                            .get_all::<String>()
                            .with_query(range)
                            .primitive(),
                        store,
                    )?
                    .await?,
                )
            }
        };
        keys.into_iter()
            .zip(values)
            .map(|(key, json)| {
                let value = decode(store, &key, &json)?;
                Ok((key, value))
            })
            .collect()
    }
}

thread_local! {
    /// Closures registered with the DOM live as long as the page.
    static HANDLERS: RefCell<Vec<Closure<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
}

/// Commits `tx` when its writes succeeded; otherwise drops it, which aborts it, so nothing of
/// it is written. Either way the error is the browser's most precise reason.
async fn finish(
    tx: Transaction<'_>,
    raw_tx: &web_sys::IdbTransaction,
    outcome: Result<(), IdbError>,
) -> Result<(), StorageError> {
    match outcome {
        Ok(()) => tx
            .commit()
            .await
            .map_err(|error| transaction_error(raw_tx, error)),
        Err(error) => {
            drop(tx);
            Err(transaction_error(raw_tx, error))
        }
    }
}

/// A write request issued, to wait for.
type Pending = Pin<Box<dyn Future<Output = Result<(), IdbError>>>>;

/// How long issuing a transaction's requests may hold the page's thread before it waits for the
/// last one issued (and so lets the page paint), in ms.
const ISSUE_SLICE_MS: f64 = 25.0;

/// Issues the writes of one transaction without waiting for each: the database runs a
/// transaction's requests in the order they were made and reports them in that order, so once
/// the last one issued has succeeded every earlier one has; one that fails aborts the
/// transaction, and every later request, the last one waited for included, fails with it. Each
/// request was one round trip to the database when every write waited for the one before
/// (docs/benchmarks.md). After each [`ISSUE_SLICE_MS`] of issuing, it waits for the last
/// request: the transaction stays alive while a request is pending, and the page gets its turn.
struct Issuer<'t, 'db> {
    tx: &'t Transaction<'db>,
    last: Option<Pending>,
    since: f64,
}

impl<'t, 'db> Issuer<'t, 'db> {
    fn new(tx: &'t Transaction<'db>) -> Issuer<'t, 'db> {
        Issuer {
            tx,
            last: None,
            since: perf::now(),
        }
    }

    /// Issues every write of `batch`, in order.
    async fn issue(&mut self, batch: WriteBatch) -> Result<(), IdbError> {
        for op in batch.ops {
            let request: Pending = match op {
                WriteOp::Put { store, key, json } => {
                    let request = self
                        .tx
                        .object_store(store.as_str())?
                        .put(json)
                        .with_key(key)
                        .primitive()?;
                    Box::pin(request.map_ok(drop))
                }
                WriteOp::Insert { store, key, json } => {
                    let request = self
                        .tx
                        .object_store(store.as_str())?
                        .add(json)
                        .with_key(key)
                        .primitive()?;
                    Box::pin(request.map_ok(drop))
                }
                WriteOp::PutObject { store, key, value } => {
                    let request = self
                        .tx
                        .object_store(store.as_str())?
                        .put(value)
                        .with_key(key)
                        .primitive()?;
                    Box::pin(request.map_ok(drop))
                }
                WriteOp::Delete { store, key } => Box::pin(
                    self.tx
                        .object_store(store.as_str())?
                        .delete(key)
                        .primitive()?,
                ),
            };
            self.last = Some(request);
            if perf::now() - self.since >= ISSUE_SLICE_MS {
                self.settle().await?;
            }
        }
        Ok(())
    }

    /// Waits for the last request issued, and with it for every request before it.
    async fn settle(&mut self) -> Result<(), IdbError> {
        if let Some(last) = self.last.take() {
            last.await?;
        }
        self.since = perf::now();
        Ok(())
    }
}

/// Issues every write of `batch` in `tx`, in order, and waits until they are done; fails with
/// the first failure.
async fn apply_ops(tx: &Transaction<'_>, batch: WriteBatch) -> Result<(), IdbError> {
    let mut issuer = Issuer::new(tx);
    issuer.issue(batch).await?;
    issuer.settle().await
}

/// The key range of every string that starts with `prefix`.
fn prefix_range(prefix: &str) -> std::ops::RangeInclusive<String> {
    prefix.to_owned()..=format!("{prefix}\u{FFFF}")
}

/// Turns a built get-all request into a future of a `Vec`, mapping errors on the way.
fn collect<F, I, T>(
    request: Result<F, IdbError>,
    store: StoreName,
) -> Result<impl Future<Output = Result<Vec<T>, StorageError>>, StorageError>
where
    F: Future<Output = Result<I, IdbError>>,
    I: Iterator<Item = Result<T, IdbError>>,
{
    let request = request.map_err(idb_error)?;
    let shared_store = Rc::new(store);
    Ok(async move {
        let items = request.await.map_err(idb_error)?;
        items
            .map(|item| {
                item.map_err(|error| StorageError::Corrupt {
                    store: shared_store.as_str().to_owned(),
                    key: String::new(),
                    detail: error.to_string(),
                })
            })
            .collect()
    })
}

fn encode<T: Serialize>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|error| StorageError::Other {
        detail: format!("JSON: {error}"),
    })
}

fn decode<T: DeserializeOwned>(store: StoreName, key: &str, json: &str) -> Result<T, StorageError> {
    serde_json::from_str(json).map_err(|error| StorageError::Corrupt {
        store: store.as_str().to_owned(),
        key: key.to_owned(),
        detail: error.to_string(),
    })
}

/// Maps an `indexed_db_futures` error to a kind.
pub fn idb_error(error: IdbError) -> StorageError {
    match error {
        IdbError::DomException(exception) => dom_exception_error(&exception),
        IdbError::MissingData(UnexpectedDataError::TransactionAborted) => StorageError::Aborted {
            detail: "AbortError".into(),
        },
        other => StorageError::Other {
            detail: other.to_string(),
        },
    }
}

fn dom_exception_error(exception: &DomException) -> StorageError {
    let raw: &web_sys::DomException = exception.as_ref().unchecked_ref();
    StorageError::from_dom_name(&raw.name(), &raw.message())
}

fn open_error(error: OpenDbError) -> StorageError {
    match error {
        OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => {
            StorageError::Unavailable {
                detail: error.to_string(),
            }
        }
        OpenDbError::Base(IdbError::DomException(exception)) => {
            // Opening fails with InvalidStateError or UnknownError where storage is disabled;
            // both mean the same to the person: nothing can be saved here.
            match dom_exception_error(&exception) {
                StorageError::Closed | StorageError::Other { .. } => StorageError::Unavailable {
                    detail: exception.to_string(),
                },
                other => other,
            }
        }
        OpenDbError::Base(error) => idb_error(error),
        OpenDbError::VersionZero => StorageError::Other {
            detail: error.to_string(),
        },
        // The enum is not exhaustive across versions of the crate.
        #[allow(unreachable_patterns)]
        other => StorageError::Other {
            detail: other.to_string(),
        },
    }
}

/// The most precise reason for a failed transaction: the browser's own `transaction.error`
/// (for example `QuotaExceededError`) when it has one.
fn transaction_error(raw_tx: &web_sys::IdbTransaction, error: IdbError) -> StorageError {
    match raw_tx.error() {
        Some(exception) => StorageError::from_dom_name(&exception.name(), &exception.message()),
        None => idb_error(error),
    }
}
