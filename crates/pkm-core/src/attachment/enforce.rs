//! The province's settings for evidence files, enforced at an import: which limits a reader
//! applies before it knows the file's ward (the largest any province of the store sets, or the
//! defaults), then each reference and each ward's files against the settings of that ward's own
//! province in the importing store; and on the ward's laptop, each file before it is attached
//! ([`WardRoom`]).

use std::collections::BTreeSet;

use super::census::{AttachmentCensus, ward_totals};
use super::limits::{AttachmentLimits, EvidenceSettings};
use super::problems::AttachmentProblem;
use crate::bundle::{Problem, ProblemKind};
use crate::ids::UnitId;
use crate::store::Store;

/// How a message names the ward `unit`: its Vietnamese name in `store` (a person knows the ward
/// by it, not by its code), or its id when `store` does not know it.
pub fn ward_name(store: &Store, unit: &UnitId) -> String {
    store
        .unit(unit)
        .map(|found| found.name_vi.trim())
        .filter(|name| !name.is_empty())
        .map_or_else(|| unit.to_string(), str::to_owned)
}

/// The limits a reader applies before it knows a file's ward: the largest per-file and per-ward
/// limits any unit of `store` sets, or the defaults when none does.
pub fn widest_limits(store: &Store) -> AttachmentLimits {
    let mut widest: Option<AttachmentLimits> = None;
    for register in store.unit_registers().values() {
        for entry in register.siblings() {
            let Some(settings) = entry.value.as_ref().and_then(|unit| unit.attachment_limits)
            else {
                continue;
            };
            let limits = settings.limits();
            widest = Some(match widest {
                Some(found) => AttachmentLimits {
                    per_file: found.per_file.max(limits.per_file),
                    per_ward: found.per_ward.max(limits.per_ward),
                },
                None => limits,
            });
        }
    }
    widest.unwrap_or_default()
}

/// The problems of the references in `content` (a bundle's) under the settings of each
/// assessed unit's province in `store` (the importing store): a file above its province's
/// per-file limit, a ward whose distinct files pass its per-ward limit.
pub fn over_province_limits(content: &Store, store: &Store) -> Vec<Problem> {
    let census = AttachmentCensus::of(content);
    let mut problems = Vec::new();
    for (unit, hashes) in &census.by_unit {
        let limits = EvidenceSettings::for_unit(store, unit).limits();
        for file in hashes.iter().filter_map(|hash| census.files.get(hash)) {
            if file.size > limits.per_file {
                problems.push(Problem::new(
                    ProblemKind::Attachment(AttachmentProblem::TooLarge {
                        name: file.name.clone(),
                        bytes: file.size,
                        max: limits.per_file,
                    }),
                    "$.content.assessments",
                ));
            }
        }
    }
    for (unit, bytes) in ward_totals(&census) {
        let max = EvidenceSettings::for_unit(store, &unit).per_ward;
        if bytes > max {
            problems.push(Problem::new(
                ProblemKind::Attachment(AttachmentProblem::WardTooLarge {
                    // The importing store's name for it, else the file's own.
                    unit: match store.unit(&unit) {
                        Some(_) => ward_name(store, &unit),
                        None => ward_name(content, &unit),
                    },
                    bytes,
                    max,
                }),
                "$.content.assessments",
            ));
        }
    }
    problems
}

/// The room one ward's evidence files have left under its province's per-ward limit, as the
/// ward's laptop checks each file before storing it: a file the province's import would refuse
/// (`attachments-too-large`) is never attached. A file the ward already refers to takes no more
/// room; each file admitted counts from then on, so a batch of files is checked as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardRoom {
    /// The ward, as messages name it.
    name: String,
    held: BTreeSet<String>,
    total: u64,
    max: u64,
}

impl WardRoom {
    /// The room of `unit`'s files in `store`: the distinct files its evidence refers to (every
    /// version the store keeps, as the province's import counts them) against the per-ward limit
    /// of its province.
    pub fn of(store: &Store, unit: &UnitId) -> WardRoom {
        let census = AttachmentCensus::of(store);
        let held = census.by_unit.get(unit).cloned().unwrap_or_default();
        let total = held
            .iter()
            .filter_map(|hash| census.files.get(hash))
            .map(|file| file.size)
            .fold(0u64, u64::saturating_add);
        WardRoom {
            name: ward_name(store, unit),
            held,
            total,
            max: EvidenceSettings::for_unit(store, unit).per_ward,
        }
    }

    /// Admits the file `sha256` of `size` bytes if the ward already refers to it or it fits, and
    /// counts it from now on; the problem the province's import would give otherwise.
    pub fn admit(&mut self, sha256: &str, size: u64) -> Result<(), AttachmentProblem> {
        if self.held.contains(sha256) {
            return Ok(());
        }
        let total = self.total.saturating_add(size);
        if total > self.max {
            return Err(AttachmentProblem::WardTooLarge {
                unit: self.name.clone(),
                bytes: total,
                max: self.max,
            });
        }
        self.held.insert(sha256.to_owned());
        self.total = total;
        Ok(())
    }
}
