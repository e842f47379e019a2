//! The reader's checks of evidence files' references (docs/bundle-format.md, section 13): each
//! reference's hash, name, type and size against the per-file limit, and each ward's distinct
//! files against the per-ward limit. The files themselves are checked by the container reader.

use super::Decoder;
use crate::attachment::problems::AttachmentProblem;
use crate::attachment::{AttachmentCensus, AttachmentRef, ward_totals};
use crate::bundle::ProblemKind;
use crate::bundle::json::index;
use crate::store::Store;

impl Decoder<'_> {
    /// Checks the references of one evidence item at `path`; whether all are fine.
    pub(super) fn attachment_refs(&mut self, refs: &[AttachmentRef], path: &str) -> bool {
        let mut fine = true;
        let list_path = format!("{path}.attachments");
        fine &= self.count(
            "attachments",
            refs.len(),
            self.limits.max_evidence_per_entry,
            &list_path,
        );
        for (position, file) in refs.iter().enumerate() {
            let file_path = index(&list_path, position);
            for (problem, member) in crate::attachment::check_ref(file, &self.limits.attachments) {
                self.push(
                    ProblemKind::Attachment(problem),
                    format!("{file_path}.{member}"),
                );
                fine = false;
            }
        }
        fine
    }

    /// Checks each ward's distinct files against the per-ward limit.
    pub(super) fn attachment_totals(&mut self, store: &Store) {
        let census = AttachmentCensus::of(store);
        let max = self.limits.attachments.per_ward;
        for (unit, bytes) in ward_totals(&census) {
            if bytes > max {
                self.push(
                    ProblemKind::Attachment(AttachmentProblem::WardTooLarge {
                        unit: crate::attachment::enforce::ward_name(store, &unit),
                        bytes,
                        max,
                    }),
                    "$.content.assessments",
                );
            }
        }
    }
}
