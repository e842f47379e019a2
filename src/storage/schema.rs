//! The database layout: its name, its object stores and one upgrade step per schema version.
//!
//! Every store uses out-of-line string keys and holds JSON text, except `keys`, which holds
//! structured-clone values (WebCrypto `CryptoKey` objects cannot be JSON), and `attachments`,
//! whose records hold the evidence files as `Blob`s. Steps only ever add: a step
//! never deletes a store or rewrites data that an older step wrote, so a database of any earlier
//! version upgrades with nothing lost (tested in `tests/browser/storage.rs`).

use indexed_db_futures::Build;
use indexed_db_futures::database::Database;

/// The database name in every browser profile.
pub const DB_NAME: &str = "phuong-kieu-mau";

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 5;

/// The object stores, by the version that introduced them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StoreName {
    /// Settings and facts about this installation (device id, ward profile, last export).
    /// Since version 1.
    Meta,
    /// The unit registry: one record per unit id. Since version 1.
    Units,
    /// One record per ward and year (`"{unit}|{year}"`). Since version 1.
    Assessments,
    /// Criteria catalogues by catalogue id. Since version 2.
    Catalogues,
    /// One record per imported bundle file (what it changed, or why it was refused). Since version 2.
    ImportLog,
    /// Who changed what and when; keys sort by target, then time. Since version 2.
    AuditLog,
    /// This device's signing key pair (WebCrypto `CryptoKey` objects, the private one not
    /// extractable), stored as structured clones, not JSON; read and written only through
    /// `Db::get_key_object` and friends. Since version 3.
    Keys,
    /// What this device saw of other units' signing keys (seen, used, confirmed, revoked), for
    /// the province's keys screen; stays on this device. Since version 4.
    KeyLog,
    /// Evidence files by their SHA-256: structured clones `{name, type, size, original_size,
    /// blob}` holding the file as a `Blob` (not JSON; read and written only through
    /// `Db::get_attachment` and friends), so a file attached twice is stored once. Since
    /// version 5.
    Attachments,
}

impl StoreName {
    /// Every store of the current schema.
    pub const ALL: [StoreName; 9] = [
        StoreName::Meta,
        StoreName::Units,
        StoreName::Assessments,
        StoreName::Catalogues,
        StoreName::ImportLog,
        StoreName::AuditLog,
        StoreName::Keys,
        StoreName::KeyLog,
        StoreName::Attachments,
    ];

    /// The IndexedDB name of the store.
    pub fn as_str(self) -> &'static str {
        match self {
            StoreName::Meta => "meta",
            StoreName::Units => "units",
            StoreName::Assessments => "assessments",
            StoreName::Catalogues => "catalogues",
            StoreName::ImportLog => "import_log",
            StoreName::AuditLog => "audit_log",
            StoreName::Keys => "keys",
            StoreName::KeyLog => "key_log",
            StoreName::Attachments => "attachments",
        }
    }

    /// The schema version that created this store.
    pub fn since_version(self) -> u32 {
        match self {
            StoreName::Meta | StoreName::Units | StoreName::Assessments => 1,
            StoreName::Catalogues | StoreName::ImportLog | StoreName::AuditLog => 2,
            StoreName::Keys => 3,
            StoreName::KeyLog => 4,
            StoreName::Attachments => 5,
        }
    }
}

/// Brings a database from `old_version` to `new_version`, one step per version in order.
pub(crate) fn upgrade(
    db: &Database,
    old_version: u32,
    new_version: u32,
) -> indexed_db_futures::Result<()> {
    for version in (old_version + 1)..=new_version {
        for store in StoreName::ALL
            .iter()
            .filter(|store| store.since_version() == version)
        {
            db.create_object_store(store.as_str()).build()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_store_belongs_to_a_known_version() {
        for store in StoreName::ALL {
            assert!((1..=SCHEMA_VERSION).contains(&store.since_version()));
        }
        let mut names: Vec<_> = StoreName::ALL.iter().map(|s| s.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), StoreName::ALL.len(), "store names are unique");
    }

    #[test]
    fn every_version_adds_at_least_one_store() {
        for version in 1..=SCHEMA_VERSION {
            assert!(
                StoreName::ALL
                    .iter()
                    .any(|store| store.since_version() == version),
                "version {version} adds nothing"
            );
        }
    }
}
