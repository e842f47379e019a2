//! What a bundle carries of the cycle's records: a ward's file its own conclusions (as
//! references: they are the province's), a province's file and its config file its decisions,
//! and the feedback file (kind `feedback`) the province's verdicts and conclusions for one ward
//! or all of them.

use crate::bundle::{Source, WriteError};
use crate::ids::UnitId;
use crate::store::Store;
use crate::unit::UnitKind;

/// Copies the conclusions on the units `wanted` accepts.
pub(crate) fn copy_conclusions(
    store: &Store,
    content: &mut Store,
    wanted: impl Fn(&UnitId) -> bool,
) {
    for (key, register) in &store.conclusions {
        if wanted(&key.unit) {
            content.conclusions.insert(key.clone(), register.clone());
        }
    }
}

/// Copies a province's decisions.
pub(crate) fn copy_decisions(store: &Store, content: &mut Store, province: &UnitId) {
    for (key, register) in &store.decisions {
        if &key.0 == province {
            content.decisions.insert(key.clone(), register.clone());
        }
    }
}

/// The feedback's content for `year`: each ward's chain, its assessment reduced to the review
/// verdicts (when it has any) and the province's conclusion on it.
pub(crate) fn feedback(
    from: &Source<'_>,
    content: &mut Store,
    province: &UnitId,
    ward: Option<&UnitId>,
    year: u16,
) -> Result<(), WriteError> {
    let wards: Vec<UnitId> = match ward {
        Some(ward) => {
            let found = from
                .registry
                .get(ward)
                .ok_or_else(|| WriteError::UnknownUnit(ward.clone()))?;
            if found.kind == UnitKind::Province || !from.registry.is_within(ward, province) {
                return Err(WriteError::UnknownUnit(ward.clone()));
            }
            vec![ward.clone()]
        }
        None => from
            .registry
            .wards_under(province)
            .into_iter()
            .map(|unit| unit.id.clone())
            .collect(),
    };
    // The sender's own record, even in a file with nothing to say: a bundle carries its
    // exporting unit (a fresh store takes it as its first file).
    from.copy_chain(content, province);
    for ward in &wards {
        let key = crate::assessment::AssessmentKey::new(ward.clone(), year);
        let doc = from.store.assessments.get(&key);
        let conclusion = from.store.conclusions.get(&key);
        if doc.is_none_or(|doc| doc.reviews().is_empty()) && conclusion.is_none() {
            continue;
        }
        from.copy_chain(content, ward);
        if let Some(doc) = doc.filter(|doc| !doc.reviews().is_empty()) {
            content.assessments.insert(key.clone(), doc.reviews_only());
            // The catalogues the verdicts refer to travel as the assessment's would.
            if let Some(ids) = doc.catalogue().value()
                && let Some(catalogue) = from.store.catalogues.get(ids)
            {
                content.catalogues.insert(ids.clone(), catalogue.clone());
            }
        }
        if let Some(register) = conclusion {
            content.conclusions.insert(key, register.clone());
        }
    }
    Ok(())
}
