//! The multi-value register (thanh ghi đa giá trị) that wraps every separately editable value.
//!
//! A register is an antichain of [`Versioned`] entries: no entry's version vector is strictly
//! dominated by another's. One entry is a settled value; two or more entries holding different
//! values are a conflict (xung đột) shown to a person. A value of `None` is a tombstone: the value
//! was deleted, and the deletion travels and wins like any other write.
//!
//! - [`MvReg::write`] makes an entry whose vector is the join of every current entry's vector with
//!   the writing device's counter incremented, so it dominates all of them: an ordinary edit
//!   replaces what the device has seen, and picking or rewriting a value resolves a conflict.
//! - [`MvReg::merge`] is a lattice join: the union of both entry sets minus the dominated entries,
//!   with exact duplicates removed. It is idempotent, commutative and associative.
//! - [`MvReg::winner`] is the provisional value used by figures while a conflict is open: the entry
//!   with the latest HLC (which ends in the device id, so ties are impossible between devices).
//!
//! Entries are kept sorted by (HLC, vector, author, value) so equal registers compare and
//! serialise equally whatever order their entries arrived in.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::ids::DeviceId;
use crate::version::{Causality, Hlc, VersionVector};

/// Who edits, when, on which device. The caller builds it from its clock (see
/// [`crate::version::HlcClock::tick`]); `at.device` must equal `device`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditContext {
    /// The editing device.
    pub device: DeviceId,
    /// The timestamp of the edit.
    pub at: Hlc,
    /// The person's display name (người sửa).
    pub author: String,
}

impl EditContext {
    /// Makes a context for the device of `at`.
    pub fn new(at: Hlc, author: impl Into<String>) -> EditContext {
        EditContext {
            device: at.device.clone(),
            at,
            author: author.into(),
        }
    }
}

/// One written version of a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Versioned<T> {
    /// What the writer had seen, plus its own new counter.
    pub vv: VersionVector,
    /// When it was written.
    pub at: Hlc,
    /// Who wrote it.
    pub author: String,
    /// The value, or `None` for a deletion (tombstone).
    pub value: Option<T>,
}

/// How a merge changed a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterChange {
    /// Nothing changed.
    Unchanged,
    /// The register was empty and now holds entries.
    Added,
    /// Entries changed.
    Updated,
}

/// A multi-value register. Serialised as the JSON array of its entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MvReg<T> {
    entries: Vec<Versioned<T>>,
}

impl<T> Default for MvReg<T> {
    fn default() -> MvReg<T> {
        MvReg {
            entries: Vec::new(),
        }
    }
}

impl<T: Clone + PartialEq + Serialize> MvReg<T> {
    /// An empty register (never written).
    pub fn new() -> MvReg<T> {
        MvReg::default()
    }

    /// A register holding exactly these entries, normalised (dominated and duplicate entries
    /// dropped, sorted).
    pub fn from_entries(entries: Vec<Versioned<T>>) -> MvReg<T> {
        let mut register = MvReg { entries };
        register.normalise();
        register
    }

    /// Writes a value (or `None` to delete). The new entry dominates every current entry.
    pub fn write(&mut self, context: &EditContext, value: Option<T>) {
        let mut vv = self
            .entries
            .iter()
            .fold(VersionVector::new(), |joined, entry| joined.join(&entry.vv));
        vv.increment(&context.device);
        self.entries = vec![Versioned {
            vv,
            at: context.at.clone(),
            author: context.author.clone(),
            value,
        }];
    }

    /// Joins another register into this one and says how this one changed.
    pub fn merge(&mut self, other: &MvReg<T>) -> RegisterChange {
        if other.entries.is_empty() || self.entries == other.entries {
            return RegisterChange::Unchanged;
        }
        let was_empty = self.entries.is_empty();
        let before = std::mem::take(&mut self.entries);
        let mut entries = before.clone();
        entries.extend(other.entries.iter().cloned());
        self.entries = entries;
        self.normalise();
        if was_empty {
            RegisterChange::Added
        } else if self.entries == before {
            RegisterChange::Unchanged
        } else {
            RegisterChange::Updated
        }
    }

    /// The current entries (one when settled, several when concurrent), sorted by time.
    pub fn siblings(&self) -> &[Versioned<T>] {
        &self.entries
    }

    /// Whether concurrent entries disagree about the value (a conflict a person must resolve).
    /// Concurrent entries that hold the same value are not a conflict.
    pub fn is_conflict(&self) -> bool {
        match self.entries.split_first() {
            Some((first, rest)) => rest.iter().any(|entry| entry.value != first.value),
            None => false,
        }
    }

    /// The provisional winner: the entry with the latest HLC (then device id).
    pub fn winner(&self) -> Option<&Versioned<T>> {
        self.entries.last()
    }

    /// The provisional winner's value (`None` when never written or deleted).
    pub fn value(&self) -> Option<&T> {
        self.winner().and_then(|entry| entry.value.as_ref())
    }

    /// Whether the register was never written.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the provisional winner is a deletion.
    pub fn is_deleted(&self) -> bool {
        self.winner().is_some_and(|entry| entry.value.is_none())
    }

    /// The join of every entry's version vector.
    pub fn version(&self) -> VersionVector {
        self.entries
            .iter()
            .fold(VersionVector::new(), |joined, entry| joined.join(&entry.vv))
    }

    /// The latest timestamp in the register.
    pub fn latest(&self) -> Option<&Hlc> {
        self.entries.iter().map(|entry| &entry.at).max()
    }

    /// Whether the register is in the form a merge leaves it in: no entry dominated by another,
    /// none twice, in canonical order (then joining it into an empty register gives it back).
    pub(crate) fn is_normal(&self) -> bool {
        let entries = &self.entries;
        entries
            .windows(2)
            .all(|pair| canonical_order(&pair[0], &pair[1]) == Ordering::Less && pair[0] != pair[1])
            && entries.iter().all(|entry| {
                !entries
                    .iter()
                    .any(|other| other.vv.compare(&entry.vv) == Causality::After)
            })
    }

    fn normalise(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        let mut kept: Vec<Versioned<T>> = Vec::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            let dominated = entries
                .iter()
                .any(|other| other.vv.compare(&entry.vv) == Causality::After);
            let duplicate = entries[..index].iter().any(|earlier| earlier == entry);
            if !dominated && !duplicate {
                kept.push(entry.clone());
            }
        }
        kept.sort_by(canonical_order);
        self.entries = kept;
    }
}

fn canonical_order<T: Serialize>(left: &Versioned<T>, right: &Versioned<T>) -> Ordering {
    left.at
        .cmp(&right.at)
        .then_with(|| left.vv.cmp(&right.vv))
        .then_with(|| left.author.cmp(&right.author))
        .then_with(|| {
            // Only reached for forged or corrupted data (same clock, vector and author, different
            // values); compare the values' JSON so the order stays deterministic.
            let left_json = serde_json::to_string(&left.value).unwrap_or_default();
            let right_json = serde_json::to_string(&right.value).unwrap_or_default();
            left_json.cmp(&right_json)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(device: &str, wall_ms: u64) -> EditContext {
        let device = DeviceId::new(device).unwrap();
        EditContext::new(
            Hlc {
                wall_ms,
                logical: 0,
                device,
            },
            format!("người {wall_ms}"),
        )
    }

    #[test]
    fn a_register_is_normal_as_a_merge_leaves_it_and_not_otherwise() {
        let mut base = MvReg::new();
        assert!(base.is_normal(), "empty");
        base.write(&context("a", 1), Some(1));
        assert!(base.is_normal(), "one entry");
        let mut on_b = base.clone();
        base.write(&context("a", 5), Some(2));
        on_b.write(&context("b", 6), Some(3));
        let mut merged = base.clone();
        merged.merge(&on_b);
        assert_eq!(merged.siblings().len(), 2);
        assert!(merged.is_normal(), "two concurrent entries in order");
        let mut empty = MvReg::new();
        empty.merge(&merged);
        assert_eq!(
            empty, merged,
            "joined into an empty register, it comes back"
        );

        let swapped = MvReg {
            entries: merged.entries.iter().rev().cloned().collect(),
        };
        assert!(!swapped.is_normal(), "out of order");
        let twice = MvReg {
            entries: vec![merged.entries[0].clone(), merged.entries[0].clone()],
        };
        assert!(!twice.is_normal(), "the same entry twice");
        let mut old = MvReg::new();
        old.write(&context("a", 1), Some(1));
        let dominated = MvReg {
            entries: vec![old.entries[0].clone(), base.entries[0].clone()],
        };
        assert!(!dominated.is_normal(), "an entry its successor dominates");
    }

    #[test]
    fn a_write_replaces_what_the_device_has_seen() {
        let mut register = MvReg::new();
        register.write(&context("a", 1), Some(1));
        register.write(&context("a", 2), Some(2));
        assert_eq!(register.siblings().len(), 1);
        assert_eq!(register.value(), Some(&2));
        assert_eq!(register.version().get(&DeviceId::new("a").unwrap()), 2);
    }

    #[test]
    fn concurrent_writes_conflict_and_a_resolution_dominates_both() {
        let mut base = MvReg::new();
        base.write(&context("a", 1), Some("x".to_string()));
        let mut on_a = base.clone();
        let mut on_b = base.clone();
        on_a.write(&context("a", 5), Some("from a".to_string()));
        on_b.write(&context("b", 6), Some("from b".to_string()));
        let mut merged = on_a.clone();
        assert_eq!(merged.merge(&on_b), RegisterChange::Updated);
        assert!(merged.is_conflict());
        assert_eq!(merged.siblings().len(), 2);
        assert_eq!(
            merged.value().map(String::as_str),
            Some("from b"),
            "latest HLC wins provisionally"
        );
        let mut resolved = merged.clone();
        resolved.write(&context("a", 7), Some("from a".to_string()));
        assert!(!resolved.is_conflict());
        for side in [&on_a, &on_b, &merged] {
            let mut receiver = side.clone();
            receiver.merge(&resolved);
            assert_eq!(receiver, resolved);
        }
    }

    #[test]
    fn concurrent_writes_of_the_same_value_are_not_a_conflict() {
        let mut on_a = MvReg::new();
        let mut on_b = MvReg::new();
        on_a.write(&context("a", 1), Some(3));
        on_b.write(&context("b", 2), Some(3));
        on_a.merge(&on_b);
        assert_eq!(on_a.siblings().len(), 2);
        assert!(!on_a.is_conflict());
    }

    #[test]
    fn tombstones_win_over_older_values() {
        let mut register = MvReg::new();
        register.write(&context("a", 1), Some(1));
        let old = register.clone();
        register.write(&context("a", 2), None);
        assert!(register.is_deleted());
        assert_eq!(register.merge(&old), RegisterChange::Unchanged);
        assert_eq!(register.value(), None);
        let mut from_old = old.clone();
        assert_eq!(from_old.merge(&register), RegisterChange::Updated);
        assert!(from_old.is_deleted());
    }

    #[test]
    fn merge_reports_added_unchanged_updated() {
        let mut written = MvReg::new();
        written.write(&context("a", 1), Some(1));
        let mut empty = MvReg::new();
        assert_eq!(empty.merge(&written), RegisterChange::Added);
        assert_eq!(empty.merge(&written), RegisterChange::Unchanged);
        assert_eq!(empty.merge(&MvReg::new()), RegisterChange::Unchanged);
    }

    #[test]
    fn the_counter_of_a_new_write_exceeds_every_counter_the_device_used() {
        let mut on_a = MvReg::new();
        on_a.write(&context("a", 1), Some(1));
        on_a.write(&context("a", 2), Some(2));
        let mut on_b = on_a.clone();
        on_b.write(&context("b", 3), Some(3));
        let mut back_on_a = on_b.clone();
        back_on_a.write(&context("a", 4), Some(4));
        let counter = back_on_a.siblings()[0].vv.get(&DeviceId::new("a").unwrap());
        assert_eq!(counter, 3);
    }

    #[test]
    fn entries_with_equal_vectors_but_different_content_are_kept_deterministically() {
        let at = context("a", 1);
        let mut vv = VersionVector::new();
        vv.increment(&at.device);
        let left = Versioned {
            vv: vv.clone(),
            at: at.at.clone(),
            author: "x".to_string(),
            value: Some(1),
        };
        let right = Versioned {
            vv,
            at: at.at,
            author: "x".to_string(),
            value: Some(2),
        };
        let one = MvReg::from_entries(vec![left.clone(), right.clone()]);
        let two = MvReg::from_entries(vec![right, left]);
        assert_eq!(one, two);
        assert!(one.is_conflict());
    }

    #[test]
    fn serialises_as_an_array_of_entries() {
        let mut register = MvReg::new();
        register.write(&context("a", 7), Some(4u32));
        let text = serde_json::to_string(&register).unwrap();
        assert_eq!(
            text,
            r#"[{"vv":{"a":1},"at":{"wall_ms":7,"logical":0,"device":"a"},"author":"người 7","value":4}]"#
        );
        let back: MvReg<u32> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, register);
    }
}
