//! The province's edits of the year's cycle (issue 24), each through the session so the core
//! validates it and it is written in one transaction with an audit entry before it shows: the
//! conclusion on a ward's year and the Minister's decision.

use pkm_core::cycle::{Conclusion, Decision};
use pkm_core::{AssessmentKey, UnitId};

use crate::i18n::cycle;
use crate::state::Session;
use crate::state::SessionError;
use crate::state::session::AuditNote;

/// Records (or with `None` withdraws) the conclusion on a ward's year.
pub async fn set_conclusion(
    session: &Session,
    key: &AssessmentKey,
    conclusion: Option<Conclusion>,
) -> Result<(), SessionError> {
    let proposed = conclusion.as_ref().map(|conclusion| conclusion.proposed);
    let (ward, year) = (key.unit.to_string(), key.year);
    let audit = AuditNote::says(format!("conclusion:{ward}:{year}"), |lang| {
        cycle::conclusion_set(&ward, year, proposed, lang)
    });
    let key = key.clone();
    session
        .edit_registry(audit, move |store, context| {
            store.set_conclusion(context, &key, conclusion)
        })
        .await
}

/// Records the Minister's decision for a province's year.
pub async fn record_decision(
    session: &Session,
    province: &UnitId,
    year: u16,
    decision: Decision,
) -> Result<(), SessionError> {
    let audit = AuditNote::says(format!("decision:{province}:{year}"), |lang| {
        cycle::decision_set(&decision.number, year, decision.wards.len(), lang)
    });
    let province = province.clone();
    session
        .edit_registry(audit, move |store, context| {
            store.record_decision(context, &province, year, decision)
        })
        .await
}
