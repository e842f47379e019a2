//! The province's settings for evidence files, enforced at an import: which limits a reader
//! applies before it knows the file's ward (the largest any province of the store sets, or the
//! defaults), then each reference and each ward's files against the settings of that ward's own
//! province in the importing store.

use super::census::{AttachmentCensus, ward_totals};
use super::limits::{AttachmentLimits, EvidenceSettings};
use super::problems::AttachmentProblem;
use crate::bundle::{Problem, ProblemKind};
use crate::store::Store;

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
                    unit: unit.to_string(),
                    bytes,
                    max,
                }),
                "$.content.assessments",
            ));
        }
    }
    problems
}
