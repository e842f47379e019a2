//! The three local logs: the audit log (who changed what and when), the import log (each file
//! imported, and what it changed or why it was refused) and the key log (what this device saw of
//! other units' signing keys, [`pkm_core::key_ledger::KeyEvent`]). They stay on this device;
//! none travels in bundles.

use pkm_core::key_ledger::{KeyEvent, KeyEventKind};
use pkm_core::{AssessmentKey, Hlc};
use serde::{Deserialize, Serialize};

use crate::storage::{Db, StorageError, StoreName};

/// One change, as the audit log keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// The assessment changed, as its record key (`"{unit}|{year}"`), or `"registry"`.
    pub scope: String,
    /// What in it: a criterion id, `action:{id}`, `request:{id}`, `track`, …
    pub target: String,
    /// When, by which device's clock.
    pub at: Hlc,
    /// Who (the officer's name as entered in the profile).
    pub author: String,
    /// What changed, in Vietnamese.
    pub summary_vi: String,
    /// What changed, in English.
    pub summary_en: String,
}

impl AuditEntry {
    /// The record key: entries sort by scope, target, then time, so one criterion's history is a
    /// key range (see [`history_prefix`]).
    pub fn key(&self) -> String {
        format!(
            "{}{:015}.{:06}.{}",
            history_prefix(&self.scope, &self.target),
            self.at.wall_ms,
            self.at.logical,
            self.at.device
        )
    }
}

const SEP: char = '\u{1F}';

/// The key prefix of every entry about `target` in `scope` (and of no other target).
pub fn history_prefix(scope: &str, target: &str) -> String {
    format!("{scope}{SEP}{target}{SEP}")
}

/// Every audit entry about `target` in `scope`, newest first.
pub async fn history(db: &Db, scope: &str, target: &str) -> Result<Vec<AuditEntry>, StorageError> {
    let mut entries: Vec<AuditEntry> = db
        .with_prefix::<AuditEntry>(StoreName::AuditLog, &history_prefix(scope, target))
        .await?
        .into_iter()
        .map(|(_, entry)| entry)
        .collect();
    newest_first(&mut entries);
    Ok(entries)
}

/// Orders audit entries newest first.
fn newest_first(entries: &mut [AuditEntry]) {
    entries.sort_by(|a, b| b.at.cmp(&a.at));
}

/// The last `limit` lines of this device's import log with their record keys, newest first.
pub async fn recent_imports(
    db: &Db,
    limit: usize,
) -> Result<Vec<(String, ImportLogEntry)>, StorageError> {
    let mut entries = db.all::<ImportLogEntry>(StoreName::ImportLog).await?;
    entries.reverse();
    entries.truncate(limit);
    Ok(entries)
}

/// The record key of an assessment: `"{unit}|{year}"`.
pub fn assessment_record_key(key: &AssessmentKey) -> String {
    format!("{}|{}", key.unit, key.year)
}

/// What happened to one imported file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ImportOutcome {
    /// Merged in; the summary says what changed.
    Imported {
        /// The import report's summary, in Vietnamese.
        summary_vi: String,
        /// The same in English.
        summary_en: String,
    },
    /// The same file was imported before; nothing changed.
    AlreadyImported,
    /// Refused; nothing changed.
    Rejected {
        /// Each problem, in Vietnamese (with its JSON path where it helps).
        problems_vi: Vec<String>,
        /// The same in English.
        problems_en: Vec<String>,
    },
}

/// One line of the import log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportLogEntry {
    /// The file's name as picked.
    pub file_name: String,
    /// When it was imported (ms since the epoch, this device's clock).
    pub at_ms: u64,
    /// The bundle's digest when it could be read that far.
    pub digest: Option<String>,
    /// What happened.
    pub outcome: ImportOutcome,
}

impl ImportLogEntry {
    /// The record key: time order, then the file name to keep keys unique.
    pub fn key(&self, sequence: u32) -> String {
        format!("{:015}.{sequence:06}.{}", self.at_ms, self.file_name)
    }
}

/// The record key of a key event: time order, then the unit, the key and what happened. The same
/// event written twice (two tabs, the same millisecond) is one record, never a failed write.
pub fn key_event_record_key(event: &KeyEvent) -> String {
    let kind = match &event.kind {
        KeyEventKind::Seen => "seen".to_owned(),
        KeyEventKind::Used => "used".to_owned(),
        KeyEventKind::Confirmed { by } => format!("confirmed{SEP}{by}"),
        KeyEventKind::Revoked { by } => format!("revoked{SEP}{by}"),
    };
    format!(
        "{:015}{SEP}{}{SEP}{}{SEP}{kind}",
        event.at_ms,
        event.unit,
        event.fingerprint.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use pkm_core::{DeviceId, UnitId};

    fn entry(wall_ms: u64, target: &str) -> AuditEntry {
        AuditEntry {
            scope: "ward-1|2024".into(),
            target: target.into(),
            at: Hlc {
                wall_ms,
                logical: 0,
                device: DeviceId::new("dev-a").expect("valid id"),
            },
            author: "Nguyễn Văn A".into(),
            summary_vi: "Đạt".into(),
            summary_en: "Met".into(),
        }
    }

    #[test]
    fn audit_keys_sort_by_target_then_time() {
        let mut keys = [
            entry(2_000, "C02").key(),
            entry(1_000, "C10").key(),
            entry(1_000, "C02").key(),
        ];
        keys.sort();
        assert_eq!(keys[0], entry(1_000, "C02").key());
        assert_eq!(keys[1], entry(2_000, "C02").key());
        let prefix = history_prefix("ward-1|2024", "C02");
        assert!(keys[0].starts_with(&prefix) && keys[1].starts_with(&prefix));
        assert!(!keys[2].starts_with(&prefix));
        // "C1" must not swallow "C10"'s history: the separator ends the target.
        assert!(
            !entry(1_000, "C10")
                .key()
                .starts_with(&history_prefix("ward-1|2024", "C1"))
        );
    }

    #[test]
    fn key_event_keys_sort_by_time_and_name_the_event() {
        let fingerprint = pkm_core::KeyFingerprint::new("ab".repeat(32)).expect("a fingerprint");
        let event = |at_ms, kind| KeyEvent {
            unit: UnitId::new("p-hung-dung").expect("valid id"),
            fingerprint: fingerprint.clone(),
            at_ms,
            kind,
        };
        let seen = key_event_record_key(&event(2_000, KeyEventKind::Seen));
        let used = key_event_record_key(&event(2_000, KeyEventKind::Used));
        assert_ne!(seen, used, "two events of one moment are two records");
        assert!(key_event_record_key(&event(900, KeyEventKind::Used)) < seen);
        assert_eq!(
            seen,
            key_event_record_key(&event(2_000, KeyEventKind::Seen))
        );
    }

    #[test]
    fn assessment_record_keys_join_unit_and_year() {
        let key = AssessmentKey::new(UnitId::new("p-hung-dung").expect("valid id"), 2024);
        assert_eq!(assessment_record_key(&key), "p-hung-dung|2024");
    }
}
