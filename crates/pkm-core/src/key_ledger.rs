//! The province's view of its units' signing keys (sổ khóa ký số): for each unit and key, whether
//! it is pinned or revoked (from the store, which travels) and what this device saw of it (from
//! its own log of key events, which does not): first seen, last used, who confirmed or revoked it
//! and when. The app keeps the events; this module folds them into the rows of the keys screen.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bundle::KeyFingerprint;
use crate::ids::UnitId;
use crate::store::Store;

/// What happened to a key on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum KeyEventKind {
    /// A file signed by it was shown (in an import preview), not yet trusted.
    Seen,
    /// A file signed by it was imported.
    Used,
    /// A person confirmed it for the unit (after a phone call).
    Confirmed {
        /// Who confirmed it.
        by: String,
    },
    /// A person revoked it for the unit.
    Revoked {
        /// Who revoked it.
        by: String,
    },
}

/// One event of the device's key log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEvent {
    /// The unit the key speaks for.
    pub unit: UnitId,
    /// The key.
    pub fingerprint: KeyFingerprint,
    /// When (ms since 1970, this device's clock).
    pub at_ms: u64,
    /// What happened.
    pub kind: KeyEventKind,
}

/// Where a key stands for a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyState {
    /// Pinned: its files are accepted.
    Pinned,
    /// Revoked: its files are refused (a revocation beats a pin).
    Revoked,
    /// Seen only: its files wait for a person's confirmation.
    Unconfirmed,
}

/// One row of the keys screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRow {
    /// The unit.
    pub unit: UnitId,
    /// The key.
    pub fingerprint: KeyFingerprint,
    /// Where it stands.
    pub state: KeyState,
    /// When this device first saw it (none: it came pinned in a config or province file).
    pub first_seen_ms: Option<u64>,
    /// When a file signed by it was last imported here.
    pub last_used_ms: Option<u64>,
    /// Who confirmed it here, and when.
    pub confirmed: Option<(String, u64)>,
    /// Who revoked it here, and when.
    pub revoked: Option<(String, u64)>,
}

/// The row of a unit's key, made when missing.
fn row<'r>(
    rows: &'r mut BTreeMap<(UnitId, KeyFingerprint), KeyRow>,
    unit: &UnitId,
    fingerprint: &KeyFingerprint,
) -> &'r mut KeyRow {
    rows.entry((unit.clone(), fingerprint.clone()))
        .or_insert_with(|| KeyRow {
            unit: unit.clone(),
            fingerprint: fingerprint.clone(),
            state: KeyState::Unconfirmed,
            first_seen_ms: None,
            last_used_ms: None,
            confirmed: None,
            revoked: None,
        })
}

/// The rows of the keys screen: every key pinned or revoked in `store`, and every key `events`
/// saw, by unit then fingerprint.
pub fn key_rows(store: &Store, events: &[KeyEvent]) -> Vec<KeyRow> {
    let mut rows: BTreeMap<(UnitId, KeyFingerprint), KeyRow> = BTreeMap::new();
    for (unit, keys) in store.key_pins() {
        for key in keys {
            row(&mut rows, unit, key).state = KeyState::Pinned;
        }
    }
    for event in events {
        let found = row(&mut rows, &event.unit, &event.fingerprint);
        let at = event.at_ms;
        found.first_seen_ms = Some(found.first_seen_ms.map_or(at, |seen| seen.min(at)));
        match &event.kind {
            KeyEventKind::Seen => {}
            KeyEventKind::Used => {
                found.last_used_ms = Some(found.last_used_ms.map_or(at, |used| used.max(at)));
            }
            KeyEventKind::Confirmed { by } => {
                if found.confirmed.as_ref().is_none_or(|(_, when)| at < *when) {
                    found.confirmed = Some((by.clone(), at));
                }
            }
            KeyEventKind::Revoked { by } => {
                if found.revoked.as_ref().is_none_or(|(_, when)| at < *when) {
                    found.revoked = Some((by.clone(), at));
                }
            }
        }
    }
    // A key revoked for the unit or a unit above it is revoked, whatever else.
    let mut rows: Vec<KeyRow> = rows.into_values().collect();
    for found in &mut rows {
        if store.is_revoked(&found.unit, &found.fingerprint) {
            found.state = KeyState::Revoked;
        }
    }
    for (unit, keys) in store.key_revocations() {
        for key in keys {
            if !rows
                .iter()
                .any(|found| &found.unit == unit && &found.fingerprint == key)
            {
                rows.push(KeyRow {
                    unit: unit.clone(),
                    fingerprint: key.clone(),
                    state: KeyState::Revoked,
                    first_seen_ms: None,
                    last_used_ms: None,
                    confirmed: None,
                    revoked: None,
                });
            }
        }
    }
    rows.sort_by(|a, b| (&a.unit, &a.fingerprint).cmp(&(&b.unit, &b.fingerprint)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::SecretKey;

    fn key(name: &str) -> KeyFingerprint {
        SecretKey::for_tests(name).public_key().fingerprint()
    }

    fn id(text: &str) -> UnitId {
        UnitId::new(text).unwrap()
    }

    fn event(unit: &str, name: &str, at_ms: u64, kind: KeyEventKind) -> KeyEvent {
        KeyEvent {
            unit: id(unit),
            fingerprint: key(name),
            at_ms,
            kind,
        }
    }

    #[test]
    fn rows_join_the_store_and_the_device_log() {
        let mut store = Store::new();
        store.pin_key(&id("w"), key("old"));
        store.pin_key(&id("w"), key("new"));
        store.revoke_key(&id("w"), key("old"));
        store.revoke_key(&id("x"), key("lost"));
        let events = [
            event("w", "new", 30, KeyEventKind::Seen),
            event(
                "w",
                "new",
                40,
                KeyEventKind::Confirmed {
                    by: "Đ/c Bình".into(),
                },
            ),
            event("w", "new", 50, KeyEventKind::Used),
            event("w", "new", 90, KeyEventKind::Used),
            event("w", "forged", 60, KeyEventKind::Seen),
            event(
                "w",
                "old",
                70,
                KeyEventKind::Revoked {
                    by: "Đ/c Bình".into(),
                },
            ),
        ];
        let rows = key_rows(&store, &events);
        let find = |name: &str, unit: &str| {
            rows.iter()
                .find(|row| row.fingerprint == key(name) && row.unit == id(unit))
                .unwrap()
        };
        assert_eq!(rows.len(), 4);
        let new = find("new", "w");
        assert_eq!(new.state, KeyState::Pinned);
        assert_eq!(new.first_seen_ms, Some(30));
        assert_eq!(new.last_used_ms, Some(90));
        assert_eq!(new.confirmed, Some(("Đ/c Bình".to_string(), 40)));
        let old = find("old", "w");
        assert_eq!(old.state, KeyState::Revoked, "a revocation beats a pin");
        assert_eq!(old.revoked, Some(("Đ/c Bình".to_string(), 70)));
        assert_eq!(find("forged", "w").state, KeyState::Unconfirmed);
        let lost = find("lost", "x");
        assert_eq!((lost.state, lost.first_seen_ms), (KeyState::Revoked, None));
    }
}
