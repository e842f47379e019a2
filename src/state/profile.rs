//! The ward profile of this installation: which ward it works for and who enters the data.

use serde::{Deserialize, Serialize};

use crate::storage::{Db, StorageError, StoreName};

/// The `meta` key of the profile record.
pub const PROFILE_KEY: &str = "ward_profile";

/// Who uses this laptop, for which ward.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardProfile {
    /// The ward police's name as people write it ("Công an phường Hưng Dũng").
    pub ward_name: String,
    /// The officer who enters the data (recorded in the audit log).
    pub officer: String,
}

/// Reads the profile, empty on first run.
pub async fn load(db: &Db) -> Result<WardProfile, StorageError> {
    Ok(db
        .get::<WardProfile>(StoreName::Meta, PROFILE_KEY)
        .await?
        .unwrap_or_default())
}

/// Stores the profile; returns after commit.
pub async fn save(db: &Db, profile: &WardProfile) -> Result<(), StorageError> {
    db.put(StoreName::Meta, PROFILE_KEY, profile).await
}
