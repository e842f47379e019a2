//! What the meeting's outcome adds up to for a province's year: the wards concluded, proposed
//! for recognition (and of those, the new ones, which the quota counts), and recognised by the
//! Minister's decision, against the quota; and the action item a ward makes of a disputed
//! verdict.

use crate::assessment::{ActionItem, ActionStatus, AssessmentKey, ReviewVerdict, Track};
use crate::ids::{CriterionId, ItemId, UnitId};
use crate::store::Store;

/// The counts of a province's year after the meeting and the decision.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CycleCounts {
    /// Wards of the province with a conclusion for the year.
    pub concluded: usize,
    /// Wards proposed for recognition.
    pub proposed: usize,
    /// Of those, wards on the new track (what the quota asks for).
    pub proposed_new: usize,
    /// Wards the Minister's decision recognises (none without a decision).
    pub recognised: usize,
    /// The decision's number and date (dd/mm/yyyy), when there is one.
    pub decision: Option<(String, String)>,
    /// The Ministry's quota of new wards for the year.
    pub quota: Option<u32>,
}

impl CycleCounts {
    /// The counts of `province`'s `year` in `store`.
    pub fn of(store: &Store, province: &UnitId, year: u16) -> CycleCounts {
        let registry = store.registry();
        let mut counts = CycleCounts {
            quota: store.quota(province, year),
            ..CycleCounts::default()
        };
        for (key, register) in &store.conclusions {
            let Some(conclusion) = register.value() else {
                continue;
            };
            if key.year != year || !registry.is_within(&key.unit, province) {
                continue;
            }
            counts.concluded += 1;
            if conclusion.proposed {
                counts.proposed += 1;
                let track = store
                    .assessment(&AssessmentKey::new(key.unit.clone(), year))
                    .and_then(|doc| doc.track_value());
                counts.proposed_new += usize::from(track == Some(&Track::New));
            }
        }
        if let Some(decision) = store.decision(province, year) {
            counts.recognised = decision.wards.len();
            counts.decision = Some((decision.number.clone(), decision.date.to_vi()));
        }
        counts
    }

    fn quota_vi(&self) -> String {
        match self.quota {
            Some(quota) => format!("chỉ tiêu Bộ giao {quota}"),
            None => "chưa có chỉ tiêu".to_owned(),
        }
    }

    /// One line for the dashboard, in Vietnamese.
    pub fn summary_vi(&self) -> String {
        let decided = match &self.decision {
            Some((number, date)) => format!(
                "được công nhận: {} (Quyết định số {number} ngày {date})",
                self.recognised
            ),
            None => "chưa có quyết định công nhận".to_owned(),
        };
        format!(
            "Đã kết luận {} Công an phường; đề nghị công nhận: {} (xây dựng mới: {}, {}); {decided}.",
            self.concluded,
            self.proposed,
            self.proposed_new,
            self.quota_vi()
        )
    }

    /// One line for the dashboard, in English.
    pub fn summary_en(&self) -> String {
        let quota = match self.quota {
            Some(quota) => format!("quota {quota}"),
            None => "no quota yet".to_owned(),
        };
        let decided = match &self.decision {
            Some((number, date)) => format!(
                "recognised: {} (decision No. {number} of {date})",
                self.recognised
            ),
            None => "no recognition decision yet".to_owned(),
        };
        format!(
            "{} wards concluded; proposed for recognition: {} (new: {}, {quota}); {decided}.",
            self.concluded, self.proposed, self.proposed_new
        )
    }
}

/// The action item a ward makes of the province's verdict disputing a criterion: its task names
/// the verdict's comment, with no owner or deadline yet (the ward fills them in).
pub fn action_for_verdict(
    id: ItemId,
    criterion: &CriterionId,
    verdict: &ReviewVerdict,
) -> ActionItem {
    let task = if verdict.comment.trim().is_empty() {
        format!("Khắc phục tiêu chí {criterion} theo ý kiến thẩm định của Công an tỉnh")
    } else {
        format!(
            "Khắc phục tiêu chí {criterion} theo ý kiến thẩm định: {}",
            verdict.comment.trim()
        )
    };
    ActionItem {
        id,
        criterion: Some(criterion.clone()),
        task: task
            .chars()
            .take(crate::bundle::limits::MAX_TEXT_CHARS)
            .collect(),
        owner: String::new(),
        deadline: None,
        status: ActionStatus::Open,
    }
}
