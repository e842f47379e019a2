//! The provincial office's edits, each through the session so it is validated by the core, written
//! in one transaction with an audit entry, and only then shown: units (one, or a whole list),
//! quotas, catalogues and the catalogue a year uses, review verdicts, and conflict resolutions
//! (picking a value or rewriting it).

use pkm_core::conflict_rewrite::{Rewrite, rewrite_in_doc, rewrite_in_store};
use pkm_core::{
    AssessmentKey, Catalogue, CatalogueId, ConflictTarget, CriterionId, ReviewVerdict, Unit, UnitId,
};

use crate::i18n::{Lang, audit};
use crate::state::Session;
use crate::state::SessionError;
use crate::state::session::AuditNote;

/// Creates or edits one unit.
pub async fn save_unit(session: &Session, unit: Unit) -> Result<(), SessionError> {
    let audit = AuditNote::says(format!("unit:{}", unit.id), |lang| {
        audit::unit_saved(&unit.name_vi, unit.id.as_str(), lang)
    });
    session
        .edit_registry(audit, move |store, context| {
            store.upsert_unit(context, keeping_settings(store, unit))
        })
        .await
}

/// `unit` with the settings for evidence files its stored record carries, when it sets none:
/// the units form and a registry list do not show them, and must not drop them (issue 23).
fn keeping_settings(store: &pkm_core::Store, mut unit: Unit) -> Unit {
    if unit.attachment_limits.is_none() {
        unit.attachment_limits = store
            .unit(&unit.id)
            .and_then(|stored| stored.attachment_limits);
    }
    unit
}

/// Sets the province's settings for evidence files (limits per file and per ward, longest side
/// of a stored photo) on its own unit record, which the config file carries to its wards.
pub async fn set_evidence_settings(
    session: &Session,
    province: &UnitId,
    settings: pkm_core::attachment::EvidenceSettings,
) -> Result<(), SessionError> {
    let province = province.clone();
    let audit = AuditNote::says(format!("unit:{province}"), move |lang| {
        crate::i18n::attachments::settings_saved(&settings, lang)
    });
    session
        .edit_registry(audit, move |store, context| {
            let Some(mut unit) = store.unit(&province).cloned() else {
                return Err(pkm_core::EditError::UnknownUnit(province.clone()));
            };
            unit.attachment_limits = Some(settings);
            store.upsert_unit(context, unit)
        })
        .await
}

/// Adds a checked list of units (parents first), all in one transaction: all or nothing.
pub async fn save_units(session: &Session, units: Vec<Unit>) -> Result<usize, SessionError> {
    let count = units.len();
    let audit = AuditNote::says("units", |lang| audit::units_imported(count, lang));
    session
        .edit_registry(audit, move |store, context| {
            for unit in units {
                let unit = keeping_settings(store, unit);
                store.upsert_unit(context, unit)?;
            }
            Ok(count)
        })
        .await
}

/// Sets the Ministry's quota of new wards for a year.
pub async fn set_quota(
    session: &Session,
    province: &UnitId,
    year: u16,
    new_wards: u32,
) -> Result<(), SessionError> {
    let province = province.clone();
    let audit = AuditNote::says(format!("quota:{province}:{year}"), |lang| {
        audit::quota_set(year, new_wards, lang)
    });
    session
        .edit_registry(audit, move |store, context| {
            store.set_quota(context, &province, year, new_wards)
        })
        .await
}

/// Adds a catalogue (the official one loaded from a file). `Ok(false)`: it was already there.
pub async fn add_catalogue(session: &Session, catalogue: Catalogue) -> Result<bool, SessionError> {
    let audit = AuditNote::says(format!("catalogue:{}", catalogue.id), |lang| {
        audit::catalogue_added(&catalogue.title_vi, catalogue.id.as_str(), lang)
    });
    session
        .edit_registry(audit, move |store, _context| store.add_catalogue(catalogue))
        .await
}

/// Chooses the catalogue a year uses.
pub async fn choose_catalogue(
    session: &Session,
    province: &UnitId,
    year: u16,
    catalogue: &CatalogueId,
) -> Result<(), SessionError> {
    let (province, catalogue) = (province.clone(), catalogue.clone());
    let audit = AuditNote::says(format!("year_catalogue:{province}:{year}"), |lang| {
        audit::catalogue_chosen(year, catalogue.as_str(), lang)
    });
    session
        .edit_registry(audit, move |store, context| {
            store.set_year_catalogue(context, &province, year, &catalogue)
        })
        .await
}

/// Sets (or with `None` withdraws) the verdict on one criterion of one ward's assessment.
pub async fn set_review(
    session: &Session,
    key: &AssessmentKey,
    criterion: &CriterionId,
    verdict: Option<ReviewVerdict>,
) -> Result<(), SessionError> {
    let audit = AuditNote::says(format!("review:{criterion}"), |lang| {
        audit::review_set(criterion.as_str(), verdict.as_ref(), lang)
    });
    let criterion = criterion.clone();
    session
        .edit_assessment(key, audit, move |doc, catalogue, context| {
            doc.set_review(context, catalogue, &criterion, verdict)
        })
        .await
}

fn conflict_note(target: &ConflictTarget, how: impl Fn(&str, Lang) -> String) -> AuditNote {
    AuditNote::says(format!("conflict:{}", target.describe_en()), |lang| {
        how(&lang.pick(target.describe_vi(), target.describe_en()), lang)
    })
}

/// Resolves a conflict by keeping sibling `pick` (0-based, oldest first).
pub async fn pick(
    session: &Session,
    target: &ConflictTarget,
    pick: usize,
) -> Result<(), SessionError> {
    let audit = conflict_note(target, |what, lang| {
        audit::conflict_value_kept(what, pick + 1, lang)
    });
    session.resolve_conflict(target, pick, audit).await
}

/// Resolves a conflict with a rewritten value, starting from sibling `base`.
pub async fn rewrite(
    session: &Session,
    target: &ConflictTarget,
    base: usize,
    value: Rewrite,
) -> Result<(), SessionError> {
    let audit = conflict_note(target, audit::conflict_rewritten);
    let target = target.clone();
    match target.assessment().cloned() {
        Some(key) => {
            session
                .edit_assessment(&key, audit, move |doc, catalogue, context| {
                    rewrite_in_doc(doc, catalogue, context, &target, base, value)
                })
                .await
        }
        None => {
            session
                .edit_registry(audit, move |store, context| {
                    rewrite_in_store(store, context, &target, base, value)
                })
                .await
        }
    }
}
