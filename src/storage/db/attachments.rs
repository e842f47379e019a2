//! The `attachments` store: evidence files by their SHA-256, each a structured clone
//! `{name, type, size, original_size, blob}` whose `blob` is the file itself (a `Blob`: the
//! browser keeps it on disk, not in the page's memory). A file attached twice is stored once.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;

use super::{Db, collect, finish, idb_error};
use crate::storage::{StorageError, StoreName};

impl Db {
    /// The record of the file with hash `hash`, if this device holds it.
    pub async fn get_attachment(&self, hash: &str) -> Result<Option<JsValue>, StorageError> {
        let store = StoreName::Attachments.as_str();
        let tx = self
            .inner
            .transaction(store)
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(idb_error)?;
        let value: Option<JsValue> = tx
            .object_store(store)
            .map_err(idb_error)?
            .get(hash.to_owned())
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        Ok(value.filter(|value| !value.is_undefined() && !value.is_null()))
    }

    /// Stores the records `(hash, record)`, replacing any under the same hashes (the same bytes),
    /// all in one transaction; returns once it committed.
    pub async fn put_attachments(&self, records: &[(String, JsValue)]) -> Result<(), StorageError> {
        if records.is_empty() {
            return Ok(());
        }
        let store = StoreName::Attachments.as_str();
        let (tx, raw_tx) = self.begin_write(vec![store])?;
        let outcome = async {
            let object_store = tx.object_store(store)?;
            for (hash, record) in records {
                object_store
                    .put(record.clone())
                    .with_key(hash.clone())
                    .primitive()?
                    .await?;
            }
            Ok(())
        }
        .await;
        finish(tx, &raw_tx, outcome).await
    }

    /// The hashes of every file this device holds, in order.
    pub async fn attachment_hashes(&self) -> Result<Vec<String>, StorageError> {
        let store = StoreName::Attachments;
        let tx = self
            .inner
            .transaction(store.as_str())
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(idb_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(idb_error)?;
        collect(object_store.get_all_keys::<String>().primitive(), store)?.await
    }
}
