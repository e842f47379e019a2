//! This installation's device id: created once on first run and kept in the `meta` store.
//!
//! Every edit is stamped with it (version vectors and clocks of the core), so two laptops of
//! one ward, or two browser profiles, are always told apart.

use serde::{Deserialize, Serialize};

use crate::storage::{Db, StorageError, StoreName, WriteBatch};

/// The `meta` key of the device record.
pub const DEVICE_KEY: &str = "device";

/// What the app knows of this installation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    /// A random id, created on first run.
    pub device_id: String,
    /// When it was created (ms since the epoch).
    pub created_ms: u64,
}

/// Returns the stored device record, creating it on first run.
pub async fn ensure_device(db: &Db) -> Result<DeviceInfo, StorageError> {
    if let Some(info) = db.get::<DeviceInfo>(StoreName::Meta, DEVICE_KEY).await? {
        return Ok(info);
    }
    let fresh = DeviceInfo {
        device_id: new_device_id(),
        created_ms: super::clock::now_ms(),
    };
    // Two tabs opened on the very first run may both get here: the first to commit wins and
    // the other adopts its record, so one profile is always one device.
    db.update(
        StoreName::Meta,
        DEVICE_KEY,
        move |stored: Option<DeviceInfo>| stored.unwrap_or(fresh),
        WriteBatch::new(),
    )
    .await
}

/// A fresh random id from the browser's cryptographic generator (`crypto.randomUUID()`),
/// shortened to its first 12 hex digits with a readable prefix: `dev-1a2b3c4d5e6f`.
pub fn new_device_id() -> String {
    let uuid = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("{:x}", super::clock::now_ms()));
    let hex: String = uuid
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(12)
        .collect();
    format!("dev-{hex}")
}
