//! Which files a store's evidence refers to: every reference in every version of every criterion
//! entry (a conflict's siblings included, since either may be picked), the bytes of distinct files
//! per ward (what the per-ward limit counts), and the references whose file has not arrived.

use std::collections::{BTreeMap, BTreeSet};

use super::AttachmentRef;
use crate::ids::UnitId;
use crate::store::Store;

/// The files a store refers to, by hash, and the wards that refer to each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttachmentCensus {
    /// Every distinct file, by hash: the first reference found (names may differ between
    /// references; the bytes, type and size may not).
    pub files: BTreeMap<String, AttachmentRef>,
    /// For each assessed unit, the hashes its evidence refers to.
    pub by_unit: BTreeMap<UnitId, BTreeSet<String>>,
}

/// Every reference in `store`, in order (assessment, criterion, sibling, evidence, attachment),
/// with the unit whose assessment holds it.
pub fn attachment_refs(store: &Store) -> Vec<(&UnitId, &AttachmentRef)> {
    let mut refs = Vec::new();
    for (key, doc) in store.assessments() {
        for register in doc.criteria().values() {
            for entry in register.siblings() {
                let Some(value) = &entry.value else { continue };
                for evidence in &value.evidence {
                    refs.extend(evidence.attachments.iter().map(|file| (&key.unit, file)));
                }
            }
        }
    }
    refs
}

impl AttachmentCensus {
    /// The census of `store`.
    pub fn of(store: &Store) -> AttachmentCensus {
        let mut census = AttachmentCensus::default();
        for (unit, file) in attachment_refs(store) {
            census
                .files
                .entry(file.sha256.clone())
                .or_insert_with(|| file.clone());
            census
                .by_unit
                .entry(unit.clone())
                .or_default()
                .insert(file.sha256.clone());
        }
        census
    }

    /// Whether the store refers to no file at all.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The bytes of distinct files each ward refers to (a file attached to two criteria counts once).
pub fn ward_totals(census: &AttachmentCensus) -> BTreeMap<UnitId, u64> {
    census
        .by_unit
        .iter()
        .map(|(unit, hashes)| {
            let total = hashes
                .iter()
                .filter_map(|hash| census.files.get(hash))
                .map(|file| file.size)
                .fold(0u64, u64::saturating_add);
            (unit.clone(), total)
        })
        .collect()
}

/// The hashes `store` refers to whose file is not among `held`: their evidence shows "tệp đính
/// kèm chưa nhận" (file not received yet) until a container brings them.
pub fn missing_files(store: &Store, held: &BTreeSet<String>) -> BTreeSet<String> {
    attachment_refs(store)
        .into_iter()
        .map(|(_, file)| &file.sha256)
        .filter(|hash| !held.contains(*hash))
        .cloned()
        .collect()
}
