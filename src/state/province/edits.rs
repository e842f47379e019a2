//! The provincial office's edits, each through the session so it is validated by the core, written
//! in one transaction with an audit entry, and only then shown: units (one, or a whole list),
//! quotas, catalogues and the catalogue a year uses, review verdicts, and conflict resolutions
//! (picking a value or rewriting it).

use pkm_core::conflict_rewrite::{Rewrite, rewrite_in_doc, rewrite_in_store};
use pkm_core::{
    AssessmentKey, Catalogue, CatalogueId, ConflictTarget, CriterionId, ReviewVerdict, Unit,
    UnitId, Verdict,
};

use crate::state::Session;
use crate::state::SessionError;
use crate::state::session::AuditNote;

fn note(target: String, summary_vi: String, summary_en: String) -> AuditNote {
    AuditNote {
        target,
        summary_vi,
        summary_en,
    }
}

/// Creates or edits one unit.
pub async fn save_unit(session: &Session, unit: Unit) -> Result<(), SessionError> {
    let audit = note(
        format!("unit:{}", unit.id),
        format!("Cập nhật đơn vị “{}” ({})", unit.name_vi, unit.id),
        format!("Unit “{}” ({}) saved", unit.name_vi, unit.id),
    );
    session
        .edit_registry(audit, move |store, context| {
            store.upsert_unit(context, unit)
        })
        .await
}

/// Adds a checked list of units (parents first), all in one transaction: all or nothing.
pub async fn save_units(session: &Session, units: Vec<Unit>) -> Result<usize, SessionError> {
    let count = units.len();
    let audit = note(
        "units".into(),
        format!("Nhập danh sách {count} đơn vị"),
        format!("Imported a list of {count} units"),
    );
    session
        .edit_registry(audit, move |store, context| {
            for unit in units {
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
    let audit = note(
        format!("quota:{province}:{year}"),
        format!("Chỉ tiêu năm {year}: {new_wards} Công an phường xây dựng mới"),
        format!("{year} quota: {new_wards} new wards"),
    );
    session
        .edit_registry(audit, move |store, context| {
            store.set_quota(context, &province, year, new_wards)
        })
        .await
}

/// Adds a catalogue (the official one loaded from a file). `Ok(false)`: it was already there.
pub async fn add_catalogue(session: &Session, catalogue: Catalogue) -> Result<bool, SessionError> {
    let audit = note(
        format!("catalogue:{}", catalogue.id),
        format!(
            "Thêm bộ tiêu chí “{}” ({})",
            catalogue.title_vi, catalogue.id
        ),
        format!(
            "Catalogue “{}” ({}) added",
            catalogue.title_vi, catalogue.id
        ),
    );
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
    let audit = note(
        format!("year_catalogue:{province}:{year}"),
        format!("Năm {year} dùng bộ tiêu chí {catalogue}"),
        format!("{year} uses catalogue {catalogue}"),
    );
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
    let (summary_vi, summary_en) = match &verdict {
        Some(given) => (
            format!(
                "Thẩm định tiêu chí {criterion}: {}{}",
                match given.verdict {
                    Verdict::Agree => "nhất trí",
                    Verdict::Disagree => "không nhất trí",
                },
                if given.comment.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", given.comment)
                }
            ),
            format!(
                "Review of criterion {criterion}: {}",
                match given.verdict {
                    Verdict::Agree => "agree",
                    Verdict::Disagree => "disagree",
                }
            ),
        ),
        None => (
            format!("Rút ý kiến thẩm định tiêu chí {criterion}"),
            format!("Review of criterion {criterion} withdrawn"),
        ),
    };
    let audit = note(format!("review:{criterion}"), summary_vi, summary_en);
    let criterion = criterion.clone();
    session
        .edit_assessment(key, audit, move |doc, catalogue, context| {
            doc.set_review(context, catalogue, &criterion, verdict)
        })
        .await
}

fn conflict_note(target: &ConflictTarget, how_vi: &str, how_en: &str) -> AuditNote {
    note(
        format!("conflict:{}", target.describe_en()),
        format!("{}: {how_vi}", target.describe_vi()),
        format!("{}: {how_en}", target.describe_en()),
    )
}

/// Resolves a conflict by keeping sibling `pick` (0-based, oldest first).
pub async fn pick(
    session: &Session,
    target: &ConflictTarget,
    pick: usize,
) -> Result<(), SessionError> {
    let audit = conflict_note(
        target,
        &format!("xử lý xung đột, giữ giá trị thứ {}", pick + 1),
        &format!("conflict resolved, value {} kept", pick + 1),
    );
    session.resolve_conflict(target, pick, audit).await
}

/// Resolves a conflict with a rewritten value, starting from sibling `base`.
pub async fn rewrite(
    session: &Session,
    target: &ConflictTarget,
    base: usize,
    value: Rewrite,
) -> Result<(), SessionError> {
    let audit = conflict_note(
        target,
        "xử lý xung đột bằng giá trị viết lại",
        "conflict resolved with a rewritten value",
    );
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
