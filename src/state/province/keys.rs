//! The keys screen's state: the rows of the province's key book (the store's pins and
//! revocations joined with this device's key log), and the two acts of a person on it, revoking
//! a unit's key and pinning a replacement key typed in after a phone call. The only module of the
//! app that calls the core's `pin_key` or `revoke_key` (checked by `tests/tidy.rs`): every other
//! key is pinned by an import a person confirmed. Each act is written with its audit entry and its
//! key log entry in one transaction, then travels in the province's next config or province file.

use pkm_core::key_ledger::{KeyEvent, KeyEventKind, KeyRow, key_rows};
use pkm_core::{KeyFingerprint, UnitId};

use crate::i18n::audit;
use crate::i18n::keys::FingerprintProblem;
use crate::platform::clock;
use crate::state::session::AuditNote;
use crate::state::{Session, SessionError};
use crate::storage::StorageError;

/// The keys screen's rows: every key pinned or revoked in the store and every key this device's
/// log saw, by unit then fingerprint.
pub async fn rows(session: &Session) -> Result<Vec<KeyRow>, StorageError> {
    let events = session.key_events().await?;
    Ok(session.read_untracked(|store| key_rows(store, &events)))
}

/// Reads a fingerprint as a person types it from a phone call: spaces anywhere, upper or lower
/// case, 64 hex digits.
pub fn parse_fingerprint(typed: &str) -> Result<KeyFingerprint, FingerprintProblem> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if digits.is_empty() {
        return Err(FingerprintProblem::Empty);
    }
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(FingerprintProblem::NotHex);
    }
    if digits.len() != 64 {
        return Err(FingerprintProblem::Length(digits.len()));
    }
    KeyFingerprint::new(digits).map_err(|_| FingerprintProblem::NotHex)
}

/// The key log entry of an act by the person working here, now.
fn event(session: &Session, unit: &UnitId, fingerprint: &KeyFingerprint, revoke: bool) -> KeyEvent {
    let by = session.author_name();
    KeyEvent {
        unit: unit.clone(),
        fingerprint: fingerprint.clone(),
        at_ms: clock::now_ms(),
        kind: if revoke {
            KeyEventKind::Revoked { by }
        } else {
            KeyEventKind::Confirmed { by }
        },
    }
}

/// Revokes `fingerprint` for `unit`: its files are refused from then on, even where it is pinned.
/// Returns whether the revocation is new.
pub async fn revoke(
    session: &Session,
    unit: &UnitId,
    fingerprint: &KeyFingerprint,
) -> Result<bool, SessionError> {
    let note = AuditNote::says(format!("key:{unit}"), |lang| {
        audit::key_revoked(&fingerprint.short(), unit.as_str(), lang)
    });
    let log = Session::key_events_batch(&[event(session, unit, fingerprint, true)])?;
    let (unit, fingerprint) = (unit.clone(), fingerprint.clone());
    session
        .edit_registry_with(note, log, move |store, _| {
            Ok(store.revoke_key(&unit, fingerprint))
        })
        .await
}

/// Why a replacement key was not pinned.
#[derive(Debug)]
pub enum PinProblem {
    /// The key is revoked for the unit (or a unit above it).
    Revoked,
    /// The write failed.
    Session(SessionError),
}

/// Pins `fingerprint` for `unit`, typed in after a phone call with the unit: its files are taken
/// without a question from then on. Returns whether the key is new for the unit.
pub async fn pin_replacement(
    session: &Session,
    unit: &UnitId,
    fingerprint: &KeyFingerprint,
) -> Result<bool, PinProblem> {
    if session.read_untracked(|store| store.is_revoked(unit, fingerprint)) {
        return Err(PinProblem::Revoked);
    }
    let note = AuditNote::says(format!("key:{unit}"), |lang| {
        audit::key_pinned(&fingerprint.short(), unit.as_str(), lang)
    });
    let log = Session::key_events_batch(&[event(session, unit, fingerprint, false)])
        .map_err(|error| PinProblem::Session(error.into()))?;
    let (unit, fingerprint) = (unit.clone(), fingerprint.clone());
    session
        .edit_registry_with(note, log, move |store, _| {
            Ok(store.pin_key(&unit, fingerprint))
        })
        .await
        .map_err(PinProblem::Session)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_read_out_by_phone_is_taken_with_spaces_and_capitals() {
        let full = "3f9a0c1277be4d01".repeat(4);
        let spoken = "3F9A 0C12 77BE 4D01 ".repeat(4);
        assert_eq!(parse_fingerprint(&spoken).unwrap().as_str(), full);
        assert_eq!(parse_fingerprint(&full).unwrap().as_str(), full);
        assert_eq!(parse_fingerprint("  "), Err(FingerprintProblem::Empty));
        assert_eq!(
            parse_fingerprint("3F9A 0C12 77BE 4D01"),
            Err(FingerprintProblem::Length(16))
        );
        assert_eq!(
            parse_fingerprint(&format!("{}G", &full[..63])),
            Err(FingerprintProblem::NotHex)
        );
    }
}
