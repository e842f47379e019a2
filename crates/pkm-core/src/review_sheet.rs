//! The review sheet (phiếu thẩm định) of one ward's assessment: per criterion, what the ward said
//! (status, figure against target, evidence, note), the province's verdict and comment, and the
//! status that counts after review; with counts of criteria agreed, disputed and not yet reviewed.

use serde::{Deserialize, Serialize};

use crate::assessment::{CriterionStatus, Evidence, ReviewVerdict, Verdict};
use crate::catalogue::{Catalogue, CriterionKind};
use crate::ids::CriterionId;
use crate::store::AssessmentDoc;

/// One criterion on the sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRow {
    /// The criterion.
    pub criterion: CriterionId,
    /// Its 1-based number.
    pub number: usize,
    /// Its Vietnamese title.
    pub title_vi: String,
    /// Its English title (may be empty).
    pub title_en: String,
    /// How it is measured.
    pub kind: CriterionKind,
    /// The catalogue's target figure.
    pub target: Option<f64>,
    /// The ward's status (provisional winner).
    pub self_status: CriterionStatus,
    /// The ward's figure.
    pub figure: Option<f64>,
    /// The evidence items that back it (documents: number, date, issuer, description).
    pub evidence: Vec<Evidence>,
    /// The ward's note.
    pub note: String,
    /// The ward's value is in conflict.
    pub entry_conflict: bool,
    /// The province's verdict, if given (provisional winner).
    pub review: Option<ReviewVerdict>,
    /// The verdict is in conflict.
    pub review_conflict: bool,
    /// The status that counts after review (disputed counts as not met).
    pub after_review: CriterionStatus,
}

/// Counts over the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewCounts {
    /// Criteria the reviewer agreed with.
    pub agreed: usize,
    /// Criteria the reviewer disputed.
    pub disputed: usize,
    /// Criteria not reviewed yet.
    pub pending: usize,
}

impl ReviewCounts {
    /// "Nhất trí 18, không nhất trí 1, chưa thẩm định 1."
    pub fn summary_vi(&self) -> String {
        format!(
            "Nhất trí {}, không nhất trí {}, chưa thẩm định {}.",
            self.agreed, self.disputed, self.pending
        )
    }

    /// "Agreed 18, disputed 1, not reviewed 1."
    pub fn summary_en(&self) -> String {
        format!(
            "Agreed {}, disputed {}, not reviewed {}.",
            self.agreed, self.disputed, self.pending
        )
    }
}

/// The sheet of `doc` against its catalogue, in catalogue order.
pub fn review_sheet(doc: &AssessmentDoc, catalogue: &Catalogue) -> (Vec<ReviewRow>, ReviewCounts) {
    let mut counts = ReviewCounts::default();
    let rows = catalogue
        .criteria()
        .enumerate()
        .map(|(index, criterion)| {
            let entry = doc.entry(&criterion.id);
            let self_status = entry.map(|entry| entry.status).unwrap_or_default();
            let review = doc.review(&criterion.id).cloned();
            match review.as_ref().map(|review| review.verdict) {
                Some(Verdict::Agree) => counts.agreed += 1,
                Some(Verdict::Disagree) => counts.disputed += 1,
                None => counts.pending += 1,
            }
            let after_review = if review
                .as_ref()
                .is_some_and(|review| review.verdict == Verdict::Disagree)
            {
                CriterionStatus::NotMet
            } else {
                self_status
            };
            ReviewRow {
                criterion: criterion.id.clone(),
                number: index + 1,
                title_vi: criterion.title_vi.clone(),
                title_en: criterion.title_en.clone(),
                kind: criterion.kind,
                target: criterion.target,
                self_status,
                figure: entry.and_then(|entry| entry.figure),
                evidence: entry
                    .map(|entry| entry.evidence.clone())
                    .unwrap_or_default(),
                note: entry.map(|entry| entry.note.clone()).unwrap_or_default(),
                entry_conflict: doc
                    .criteria()
                    .get(&criterion.id)
                    .is_some_and(|register| register.is_conflict()),
                review,
                review_conflict: doc
                    .reviews()
                    .get(&criterion.id)
                    .is_some_and(|register| register.is_conflict()),
                after_review,
            }
        })
        .collect();
    (rows, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssessmentKey;
    use crate::figures::{AssessmentFigures, Basis};
    use crate::fixtures;
    use crate::ids::{DeviceId, UnitId};
    use crate::register::EditContext;
    use crate::version::Hlc;

    #[test]
    fn the_sheet_counts_verdicts_and_agrees_with_the_figures_after_review() {
        let fixture = fixtures::nghe_an_2024(5).unwrap();
        let mut store = fixtures::merged_store(&fixture).unwrap();
        let key = AssessmentKey::new(UnitId::new("na-vinh-le-mao").unwrap(), 2024);
        let context = EditContext::new(
            Hlc {
                wall_ms: 1_734_500_000_000,
                logical: 0,
                device: DeviceId::new("tinh-na").unwrap(),
            },
            "Tổ thẩm định",
        );
        let c06 = CriterionId::new("C06").unwrap();
        let c07 = CriterionId::new("C07").unwrap();
        store
            .set_review(
                &context,
                &key,
                &c06,
                Some(ReviewVerdict {
                    verdict: Verdict::Disagree,
                    comment: "Trụ sở chưa đủ diện tích".into(),
                    reviewer: "Đ/c Thẩm định".into(),
                }),
            )
            .unwrap();
        store
            .set_review(
                &context,
                &key,
                &c07,
                Some(ReviewVerdict {
                    verdict: Verdict::Agree,
                    comment: String::new(),
                    reviewer: "Đ/c Thẩm định".into(),
                }),
            )
            .unwrap();
        let doc = store.assessment(&key).unwrap();
        let catalogue = store.catalogue_of(&key).unwrap();
        let (rows, counts) = review_sheet(doc, catalogue);
        assert_eq!(rows.len(), 20);
        assert_eq!(
            counts,
            ReviewCounts {
                agreed: 1,
                disputed: 1,
                pending: 18
            }
        );
        assert_eq!(
            counts.summary_vi(),
            "Nhất trí 1, không nhất trí 1, chưa thẩm định 18."
        );
        let row = &rows[5];
        assert_eq!(row.number, 6);
        assert_eq!(row.self_status, CriterionStatus::Met, "Lê Mao is complete");
        assert_eq!(
            row.evidence,
            doc.entry(&c06)
                .map(|entry| entry.evidence.clone())
                .unwrap_or_default()
        );
        assert_eq!(row.after_review, CriterionStatus::NotMet);
        assert_eq!(
            row.review.as_ref().map(|review| review.comment.as_str()),
            Some("Trụ sở chưa đủ diện tích")
        );
        let after = AssessmentFigures::compute(doc, catalogue, Basis::AfterReview);
        let statuses: Vec<CriterionStatus> = rows.iter().map(|row| row.after_review).collect();
        let expected: Vec<CriterionStatus> =
            after.statuses.iter().map(|(_, status)| *status).collect();
        assert_eq!(statuses, expected);
    }
}
