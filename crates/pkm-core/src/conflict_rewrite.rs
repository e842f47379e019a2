//! Resolving a conflict with a rewritten value (viết lại giá trị): the person starts from one of
//! the siblings, changes it, and the result is written through the ordinary, validating edit
//! methods so it dominates every sibling. Picking a sibling unchanged is
//! [`Store::resolve_conflict`].
//!
//! The sibling the person started from is first picked (so items whose provisional winner is a
//! deletion can still be edited), then the new value is written over it; both writes happen on a
//! copy and only a fully valid rewrite is kept.

use crate::assessment::{ActionItem, CriterionEntry, Request, ReviewVerdict, Track};
use crate::catalogue::Catalogue;
use crate::register::EditContext;
use crate::store::{AssessmentDoc, ConflictTarget, EditError, Store};
use crate::unit::Unit;

/// The new value of a value in conflict. Catalogue choices are resolved by picking only.
#[derive(Debug, Clone, PartialEq)]
pub enum Rewrite {
    /// A unit's details.
    Unit(Unit),
    /// A quota.
    Quota(u32),
    /// An assessment's track.
    Track(Track),
    /// A criterion entry.
    Criterion(CriterionEntry),
    /// An action item (same id).
    Action(ActionItem),
    /// A request (same id).
    Request(Request),
    /// A review verdict (`None` withdraws it).
    Review(Option<ReviewVerdict>),
}

/// Rewrites a value of an assessment (`target` must belong to `doc`, and `value` must be of the
/// target's kind; otherwise [`EditError::NoConflict`]). `base` is the sibling the person started
/// from. `doc` changes only when everything succeeds.
pub fn rewrite_in_doc(
    doc: &mut AssessmentDoc,
    catalogue: &Catalogue,
    context: &EditContext,
    target: &ConflictTarget,
    base: usize,
    value: Rewrite,
) -> Result<(), EditError> {
    let key = doc.key();
    if target.assessment() != Some(&key) {
        return Err(EditError::NoConflict);
    }
    let mut single = Store::new();
    single.merge_assessment_doc(doc);
    single.resolve_conflict(context, target, base)?;
    let mut edited = single
        .assessment(&key)
        .cloned()
        .ok_or(EditError::NoConflict)?;
    match (target, value) {
        (ConflictTarget::Track { .. }, Rewrite::Track(track)) => {
            edited.set_track(context, track)?;
        }
        (ConflictTarget::Criterion { criterion, .. }, Rewrite::Criterion(entry)) => {
            edited.set_criterion(context, catalogue, criterion, entry)?;
        }
        (ConflictTarget::Action { item, .. }, Rewrite::Action(action)) if &action.id == item => {
            edited.edit_item(context, catalogue, action)?;
        }
        (ConflictTarget::Request { item, .. }, Rewrite::Request(request))
            if &request.id == item =>
        {
            edited.edit_item(context, catalogue, request)?;
        }
        (ConflictTarget::Review { criterion, .. }, Rewrite::Review(verdict)) => {
            edited.set_review(context, catalogue, criterion, verdict)?;
        }
        _ => return Err(EditError::NoConflict),
    }
    *doc = edited;
    Ok(())
}

/// Rewrites a registry value (a unit or a quota) in `store` (the value must be of the target's
/// kind; otherwise [`EditError::NoConflict`]). `store` changes only when everything succeeds.
pub fn rewrite_in_store(
    store: &mut Store,
    context: &EditContext,
    target: &ConflictTarget,
    base: usize,
    value: Rewrite,
) -> Result<(), EditError> {
    let mut edited = store.clone();
    edited.resolve_conflict(context, target, base)?;
    match (target, value) {
        (ConflictTarget::Unit { unit }, Rewrite::Unit(details)) if &details.id == unit => {
            edited.upsert_unit(context, details)?;
        }
        (ConflictTarget::Quota { province, year }, Rewrite::Quota(new_wards)) => {
            edited.set_quota(context, province, *year, new_wards)?;
        }
        _ => return Err(EditError::NoConflict),
    }
    *store = edited;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{AssessmentKey, CriterionStatus, Verdict};
    use crate::fixtures;
    use crate::ids::{CriterionId, DeviceId, UnitId};
    use crate::store::ConflictValue;
    use crate::version::Hlc;

    fn context(device: &str, wall_ms: u64) -> EditContext {
        EditContext::new(
            Hlc {
                wall_ms,
                logical: 0,
                device: DeviceId::new(device).unwrap(),
            },
            "Người sửa",
        )
    }

    /// The fixture merged, then two devices set the same criterion and the quota concurrently.
    fn with_conflicts() -> (Store, AssessmentKey, CriterionId, UnitId) {
        let fixture = fixtures::nghe_an_2024(9).unwrap();
        let base = fixtures::merged_store(&fixture).unwrap();
        let key = AssessmentKey::new(UnitId::new("na-vinh-le-mao").unwrap(), 2024);
        let criterion = CriterionId::new("C02").unwrap();
        let (mut left, mut right) = (base.clone(), base);
        left.set_criterion(
            &context("dev-a", 1_800_000_000_000),
            &key,
            &criterion,
            CriterionEntry::with_status(CriterionStatus::NotMet),
        )
        .unwrap();
        right
            .set_criterion(
                &context("dev-b", 1_800_000_000_500),
                &key,
                &criterion,
                CriterionEntry::with_status(CriterionStatus::Expected),
            )
            .unwrap();
        left.set_quota(
            &context("dev-a", 1_800_000_000_000),
            &fixture.province,
            2024,
            5,
        )
        .unwrap();
        right
            .set_quota(
                &context("dev-b", 1_800_000_000_500),
                &fixture.province,
                2024,
                6,
            )
            .unwrap();
        left.merge(&right);
        (left, key, criterion, fixture.province)
    }

    #[test]
    fn rewriting_a_criterion_clears_its_conflict_with_the_new_value() {
        let (mut store, key, criterion, _) = with_conflicts();
        assert_eq!(store.conflicts_in(&key).len(), 1);
        let target = ConflictTarget::Criterion {
            key: key.clone(),
            criterion: criterion.clone(),
        };
        let mut doc = store.assessment(&key).cloned().unwrap();
        let catalogue = store.catalogue_of(&key).cloned().unwrap();
        let mut entry = CriterionEntry::with_status(CriterionStatus::Met);
        entry.note = "Đã thống nhất tại họp xét".into();
        rewrite_in_doc(
            &mut doc,
            &catalogue,
            &context("tinh-na", 1_800_000_001_000),
            &target,
            0,
            Rewrite::Criterion(entry.clone()),
        )
        .unwrap();
        store.merge_assessment_doc(&doc);
        assert!(store.conflicts_in(&key).is_empty());
        assert_eq!(
            store.assessment(&key).unwrap().entry(&criterion),
            Some(&entry)
        );
    }

    #[test]
    fn an_invalid_rewrite_changes_nothing() {
        let (store, key, criterion, _) = with_conflicts();
        let target = ConflictTarget::Criterion {
            key: key.clone(),
            criterion: criterion.clone(),
        };
        let mut doc = store.assessment(&key).cloned().unwrap();
        let before = doc.clone();
        let catalogue = store.catalogue_of(&key).cloned().unwrap();
        let mut entry = CriterionEntry::with_status(CriterionStatus::Met);
        entry.figure = Some(50.0); // C02 is a yes/no criterion.
        let refused = rewrite_in_doc(
            &mut doc,
            &catalogue,
            &context("tinh-na", 1_800_000_001_000),
            &target,
            1,
            Rewrite::Criterion(entry),
        );
        assert_eq!(refused, Err(EditError::FigureNotAllowed(criterion.clone())));
        assert_eq!(doc, before);
        // A value of the wrong kind is refused too.
        let wrong = rewrite_in_doc(
            &mut doc,
            &catalogue,
            &context("tinh-na", 1_800_000_001_000),
            &target,
            0,
            Rewrite::Review(Some(ReviewVerdict {
                verdict: Verdict::Agree,
                comment: String::new(),
                reviewer: String::new(),
            })),
        );
        assert_eq!(wrong, Err(EditError::NoConflict));
        assert_eq!(doc, before);
    }

    #[test]
    fn rewriting_a_quota_goes_through_the_store() {
        let (mut store, _, _, province) = with_conflicts();
        let target = ConflictTarget::Quota {
            province: province.clone(),
            year: 2024,
        };
        let conflict = store
            .conflicts()
            .into_iter()
            .find(|conflict| conflict.target == target)
            .unwrap();
        assert_eq!(conflict.siblings.len(), 2);
        assert_eq!(conflict.siblings[0].value, ConflictValue::Quota(Some(5)));
        rewrite_in_store(
            &mut store,
            &context("tinh-na", 1_800_000_001_000),
            &target,
            0,
            Rewrite::Quota(4),
        )
        .unwrap();
        assert_eq!(store.quota(&province, 2024), Some(4));
        assert!(
            store
                .conflicts()
                .iter()
                .all(|conflict| conflict.target != target)
        );
        let before = store.clone();
        assert_eq!(
            rewrite_in_store(
                &mut store,
                &context("tinh-na", 1_800_000_002_000),
                &target,
                0,
                Rewrite::Quota(3),
            ),
            Err(EditError::NoConflict),
            "no conflict is left to rewrite"
        );
        assert_eq!(store, before);
    }
}
