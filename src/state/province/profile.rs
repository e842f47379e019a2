//! The office profile of this installation: which provincial police it works for and the name of
//! the reviewer recorded with review verdicts and in the audit log. One record in the `meta` store.

use serde::{Deserialize, Serialize};

use crate::storage::{Db, StorageError, StoreName};

/// The `meta` key of the office profile record.
pub const OFFICE_PROFILE_KEY: &str = "province_office_profile";

/// Who uses this installation, for which province.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeProfile {
    /// The province unit's id (`None` until chosen; the only province in the registry is used
    /// meanwhile).
    #[serde(default)]
    pub province: Option<String>,
    /// The reviewer's name (người thẩm định).
    #[serde(default)]
    pub reviewer: String,
}

/// Reads the profile, empty on first run.
pub async fn load(db: &Db) -> Result<OfficeProfile, StorageError> {
    Ok(db
        .get::<OfficeProfile>(StoreName::Meta, OFFICE_PROFILE_KEY)
        .await?
        .unwrap_or_default())
}

/// Stores the profile; returns after commit.
pub async fn save(db: &Db, profile: &OfficeProfile) -> Result<(), StorageError> {
    db.put(StoreName::Meta, OFFICE_PROFILE_KEY, profile).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_record_without_fields_reads_as_empty() {
        let profile: OfficeProfile = serde_json::from_str("{}").expect("reads");
        assert_eq!(profile, OfficeProfile::default());
        let text = serde_json::to_string(&OfficeProfile {
            province: Some("na".into()),
            reviewer: "Đ/c Thẩm định".into(),
        })
        .expect("writes");
        assert_eq!(
            serde_json::from_str::<OfficeProfile>(&text)
                .expect("reads back")
                .reviewer,
            "Đ/c Thẩm định"
        );
    }
}
