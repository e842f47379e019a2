//! The ward workspace's own state: which ward this laptop works for and who enters the data
//! (the profile), creating the ward's units on first run, exporting its bundle, and how much has
//! changed since the last export.

use pkm_core::bundle::ExportedAt;
use pkm_core::{
    AssessmentKey, BundleId, CatalogueId, CriterionEntry, Date, HeaderInput, Hlc, Selection, Track,
    Unit, UnitId, UnitKind,
};
use serde::{Deserialize, Serialize};

use super::logs::{AuditEntry, assessment_record_key};
use super::session::{AuditNote, Session, SessionError};
use crate::i18n::{Lang, Missing, audit};
use crate::platform::clock;
use crate::storage::{Db, StorageError, StoreName};

mod slug;
pub use crate::i18n::ward::FirstRunProblem;
pub use slug::slug;

/// The `meta` key of the ward profile.
pub const PROFILE_KEY: &str = "ward_profile";
/// The `meta` key of the last export.
pub const LAST_EXPORT_KEY: &str = "ward_last_export";
/// Unexported changes older than this many days bring up the reminder.
pub const REMINDER_DAYS: u64 = 3;

/// Who uses this laptop, for which ward.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardProfile {
    /// The ward (a unit of the registry); `None` until the first run is done.
    pub unit: Option<UnitId>,
    /// The officer who enters the data (recorded in the audit log).
    pub officer: String,
    /// The year being worked on.
    pub year: Option<u16>,
}

/// Reads the profile, empty on first run.
pub async fn load_profile(db: &Db) -> Result<WardProfile, StorageError> {
    Ok(db
        .get::<WardProfile>(StoreName::Meta, PROFILE_KEY)
        .await?
        .unwrap_or_default())
}

/// Stores the profile; returns after commit.
pub async fn save_profile(db: &Db, profile: &WardProfile) -> Result<(), StorageError> {
    db.put(StoreName::Meta, PROFILE_KEY, profile).await
}

/// A unit typed in by hand on first run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitInput {
    /// The official code, if known (mã đơn vị hành chính); becomes the id.
    pub code: String,
    /// The Vietnamese name.
    pub name: String,
}

impl UnitInput {
    /// The unit id: the code when given, else an ASCII slug of the name with `prefix`.
    pub fn id(&self, prefix: &str) -> Option<UnitId> {
        let code = self.code.trim();
        let text = if code.is_empty() {
            let slug = slug(&self.name);
            if slug.is_empty() {
                return None;
            }
            format!("{prefix}-{slug}")
        } else {
            code.to_owned()
        };
        UnitId::new(text).ok()
    }
}

/// What the first-run form asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstRun {
    /// The province police.
    pub province: UnitInput,
    /// The middle level (until 2025), if any.
    pub middle: UnitInput,
    /// The ward police.
    pub ward: UnitInput,
    /// The officer's name.
    pub officer: String,
}

/// The units the first-run form describes, parent first.
pub fn first_run_units(input: &FirstRun) -> Result<Vec<Unit>, FirstRunProblem> {
    if input.province.name.trim().is_empty() {
        return Err(FirstRunProblem::ProvinceMissing);
    }
    if input.ward.name.trim().is_empty() {
        return Err(FirstRunProblem::WardMissing);
    }
    if input.officer.trim().is_empty() {
        return Err(FirstRunProblem::OfficerMissing);
    }
    let unit = |input: &UnitInput, prefix: &str, kind: UnitKind, parent: Option<UnitId>| {
        let id = input.id(prefix).ok_or(FirstRunProblem::BadCode)?;
        let code = input.code.trim();
        Ok(Unit {
            id,
            code: (!code.is_empty()).then(|| code.to_owned()),
            name_vi: input.name.trim().to_owned(),
            kind,
            parent,
            attachment_limits: None,
        })
    };
    let province = unit(&input.province, "tinh", UnitKind::Province, None)?;
    let mut units = vec![province.clone()];
    let mut parent = province.id;
    if !input.middle.name.trim().is_empty() || !input.middle.code.trim().is_empty() {
        let middle = unit(&input.middle, "cap-huyen", UnitKind::Middle, Some(parent))?;
        parent = middle.id.clone();
        units.push(middle);
    }
    units.push(unit(&input.ward, "phuong", UnitKind::Ward, Some(parent))?);
    Ok(units)
}

/// Creates (or updates) the units of the first run and returns the ward's id.
pub async fn create_units(session: &Session, units: Vec<Unit>) -> Result<UnitId, SessionError> {
    let ward = units
        .last()
        .map(|unit| unit.id.clone())
        .ok_or_else(|| SessionError::Missing(Missing::Unit, String::new()))?;
    let names: Vec<String> = units.iter().map(|unit| unit.name_vi.clone()).collect();
    session
        .edit_registry(
            AuditNote::says(format!("unit:{ward}"), |lang| {
                audit::units_set_up(&names.join(" › "), lang)
            }),
            move |store, context| {
                for unit in units {
                    store.upsert_unit(context, unit)?;
                }
                Ok(())
            },
        )
        .await?;
    Ok(ward)
}

/// The catalogue a ward's assessment of `year` should use: the province's choice from its
/// config bundle when there is one, else the built-in draft.
pub fn catalogue_for(session: &Session, ward: &UnitId, year: u16) -> Option<CatalogueId> {
    session
        .read_untracked(|store| {
            let registry = store.registry();
            registry
                .province_of(ward)
                .and_then(|province| store.year_catalogue(&province.id, year).cloned())
        })
        .or_else(super::session::builtin_catalogue_id)
}

/// Starts the assessment of `year` for `ward` on `track`; with `copy_forward`, last year's
/// evidence and notes are copied into it in the same edit (statuses are not).
pub async fn start_assessment(
    session: &Session,
    ward: &UnitId,
    year: u16,
    track: Track,
    copy_forward: bool,
) -> Result<AssessmentKey, SessionError> {
    let catalogue = catalogue_for(session, ward, year)
        .ok_or_else(|| SessionError::Missing(Missing::Catalogue, String::new()))?;
    let ward = ward.clone();
    session
        .edit_registry(
            AuditNote::says(format!("start:{ward}|{year}"), |lang| {
                audit::assessment_started(year, lang)
            }),
            move |store, context| {
                let key = store.start_assessment(context, &ward, year, &catalogue, track)?;
                if copy_forward {
                    store.copy_forward(context, &key)?;
                }
                Ok(key)
            },
        )
        .await
}

/// The last export of this laptop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LastExport {
    /// When (ms since the epoch).
    pub at_ms: u64,
    /// The clock reading written into the bundle.
    pub at: Hlc,
    /// The file name offered.
    pub file_name: String,
}

/// Reads the last export, if any.
pub async fn load_last_export(db: &Db) -> Result<Option<LastExport>, StorageError> {
    db.get(StoreName::Meta, LAST_EXPORT_KEY).await
}

/// The bundle file of `ward`, signed with this device's key: its name, its text and the clock
/// reading written into it.
pub async fn export_bundle(
    session: &Session,
    ward: &UnitId,
    year: u16,
) -> Result<(String, String, Hlc), SessionError> {
    export_bundle_with(session, ward, year, false).await
}

/// As [`export_bundle`], with the changes whose write failed joined in: what is on screen when
/// the disk is full.
pub async fn export_bundle_from_memory(
    session: &Session,
    ward: &UnitId,
    year: u16,
) -> Result<(String, String, Hlc), SessionError> {
    export_bundle_with(session, ward, year, true).await
}

async fn export_bundle_with(
    session: &Session,
    ward: &UnitId,
    year: u16,
    with_unsaved: bool,
) -> Result<(String, String, Hlc), SessionError> {
    let at = session.now();
    let stamp = clock::local_stamp();
    let code = session
        .read_untracked(|store| store.unit(ward).and_then(|unit| unit.code.clone()))
        .unwrap_or_else(|| ward.as_str().to_owned());
    let file_name = format!(
        "pkm-{}-{year}-{}.json",
        ascii_file_part(&code),
        stamp.file_part
    );
    let header = HeaderInput {
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        bundle_id: BundleId::new(format!(
            "{}-{}-{}",
            session.device().device_id,
            at.wall_ms,
            at.logical
        ))
        .map_err(|error| SessionError::Missing(Missing::BundleId, error.message_en()))?,
        exported_at: ExportedAt {
            hlc: at.clone(),
            text: stamp.iso,
        },
        device_id: at.device.clone(),
        unit_id: ward.clone(),
    };
    let json = session
        .signed_bundle_json(&Selection::Ward(ward.clone()), &header, with_unsaved)
        .await?;
    Ok((file_name, json, at))
}

/// Records an export (after the download was offered).
pub async fn record_export(db: &Db, export: &LastExport) -> Result<(), StorageError> {
    db.put(StoreName::Meta, LAST_EXPORT_KEY, export).await
}

/// Keeps `[A-Za-z0-9-]` of `text` (a file name part that survives every channel).
pub fn ascii_file_part(text: &str) -> String {
    let slugged = slug(text);
    if slugged.is_empty() {
        "don-vi".into()
    } else {
        slugged
    }
}

/// The changes of `ward`'s assessments made after `since` (every change when `None`), oldest
/// first, from the audit log.
pub async fn changes_since(
    db: &Db,
    ward: &UnitId,
    since: Option<&Hlc>,
) -> Result<Vec<AuditEntry>, StorageError> {
    let prefix = format!("{ward}|");
    let mut entries: Vec<AuditEntry> = db
        .with_prefix::<AuditEntry>(StoreName::AuditLog, &prefix)
        .await?
        .into_iter()
        .map(|(_, entry)| entry)
        .filter(|entry| since.is_none_or(|since| &entry.at > since))
        .collect();
    entries.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(entries)
}

/// Whether the reminder to export is due: some change is older than [`REMINDER_DAYS`] days.
pub fn export_reminder_due(unexported: &[AuditEntry], now_ms: u64) -> bool {
    unexported
        .first()
        .is_some_and(|oldest| now_ms.saturating_sub(oldest.at.wall_ms) > REMINDER_DAYS * 86_400_000)
}

/// What changed between two versions of a criterion entry, for the audit log:
/// `(Vietnamese, English)`, such as "Tình trạng: Chưa đánh giá → Đạt; thêm 1 minh chứng".
pub fn describe_change(before: &CriterionEntry, after: &CriterionEntry) -> (String, String) {
    (
        audit::criterion_changed(before, after, Lang::Vi),
        audit::criterion_changed(before, after, Lang::En),
    )
}

/// The record key of the assessment of `ward` in `year`.
pub fn assessment_key(ward: &UnitId, year: u16) -> AssessmentKey {
    AssessmentKey::new(ward.clone(), year)
}

/// The record key text of the assessment of `ward` in `year`.
pub fn record_key(ward: &UnitId, year: u16) -> String {
    assessment_record_key(&assessment_key(ward, year))
}

/// The year worked on: the one chosen in the profile, else this year by the clock (asked only
/// when needed).
pub fn working_year(chosen: Option<u16>, this_year: impl FnOnce() -> u16) -> u16 {
    chosen.unwrap_or_else(this_year)
}

/// Today's date on this laptop.
pub fn today() -> Option<Date> {
    Date::parse_iso(&clock::today_iso()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_working_year_is_the_chosen_one_or_this_year_never_a_fixed_one() {
        // Regression (issue 27): an unset year fell back to 2025 whatever the date.
        assert_eq!(working_year(None, || 2031), 2031);
        assert_eq!(working_year(Some(2024), || 2031), 2024);
    }

    #[test]
    fn slugs_drop_tone_marks_and_keep_ascii() {
        assert_eq!(slug("Công an phường Hưng Dũng"), "cong-an-phuong-hung-dung");
        assert_eq!(slug("  Đội Cấn / Bến Thủy  "), "doi-can-ben-thuy");
        assert_eq!(slug("!!!"), "");
        assert_eq!(ascii_file_part("Phường 1"), "phuong-1");
    }

    #[test]
    fn first_run_builds_the_unit_chain_with_codes_as_ids() {
        let input = FirstRun {
            province: UnitInput {
                code: "40".into(),
                name: "Công an tỉnh Nghệ An".into(),
            },
            middle: UnitInput {
                code: String::new(),
                name: "Công an thành phố Vinh".into(),
            },
            ward: UnitInput {
                code: "16678".into(),
                name: "Công an phường Hưng Dũng".into(),
            },
            officer: "Nguyễn Văn An".into(),
        };
        let units = first_run_units(&input).expect("valid");
        let ids: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["40", "cap-huyen-cong-an-thanh-pho-vinh", "16678"]);
        assert_eq!(units[2].parent.as_ref().map(UnitId::as_str), Some(ids[1]));
        assert_eq!(units[2].kind, UnitKind::Ward);
        assert_eq!(units[2].code.as_deref(), Some("16678"));

        let no_middle = FirstRun {
            middle: UnitInput::default(),
            ..input.clone()
        };
        let units = first_run_units(&no_middle).expect("valid");
        assert_eq!(units.len(), 2);
        assert_eq!(units[1].parent.as_ref().map(UnitId::as_str), Some("40"));
    }

    #[test]
    fn first_run_says_what_is_missing() {
        let empty = FirstRun::default();
        assert_eq!(
            first_run_units(&empty),
            Err(FirstRunProblem::ProvinceMissing)
        );
        let bad = FirstRun {
            province: UnitInput {
                code: "mã sai".into(),
                name: "Tỉnh".into(),
            },
            ward: UnitInput {
                code: String::new(),
                name: "Phường".into(),
            },
            officer: "A".into(),
            ..FirstRun::default()
        };
        assert_eq!(first_run_units(&bad), Err(FirstRunProblem::BadCode));
        assert!(FirstRunProblem::BadCode.message_vi().contains("Mã đơn vị"));
    }

    #[test]
    fn changes_are_described_in_both_languages() {
        use pkm_core::CriterionStatus;
        let before = CriterionEntry::with_status(CriterionStatus::NotAssessed);
        let mut after = CriterionEntry::with_status(CriterionStatus::Met);
        after.figure = Some(95.5);
        after.note = "Đã kiểm tra".into();
        let (vi, en) = describe_change(&before, &after);
        assert_eq!(
            vi,
            "Tình trạng: Chưa đánh giá → Đạt; Số liệu: — → 95,5; sửa ghi chú"
        );
        assert_eq!(
            en,
            "Status: Not assessed → Met; Figure: — → 95.5; note edited"
        );
        assert_eq!(describe_change(&after, &after).0, "Không đổi");
    }

    #[test]
    fn the_reminder_comes_after_three_days() {
        let entry = |wall_ms| AuditEntry {
            scope: "w|2024".into(),
            target: "C01".into(),
            at: Hlc {
                wall_ms,
                logical: 0,
                device: pkm_core::DeviceId::new("dev-a").expect("id"),
            },
            author: "A".into(),
            summary_vi: String::new(),
            summary_en: String::new(),
        };
        let day = 86_400_000;
        assert!(!export_reminder_due(&[], 10 * day));
        assert!(!export_reminder_due(&[entry(8 * day)], 10 * day));
        assert!(export_reminder_due(
            &[entry(6 * day), entry(9 * day)],
            10 * day
        ));
    }
}
