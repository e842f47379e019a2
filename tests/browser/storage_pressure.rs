//! A full disk against the real IndexedDB. The quota itself cannot be lowered from a test (the
//! browser gives a site a share of the whole disk, and ChromeDriver's quota override did not
//! change it), so the full disk is simulated at the storage layer's edge: the browser's own
//! `IDBObjectStore.prototype.put` is replaced, for the duration of a test, by one that throws the
//! `DOMException` named `QuotaExceededError` that a full disk produces. Everything above it (the
//! error mapping, the session, the export from memory) is the app's real code.

use leptos::prelude::Owner;
use phuong_kieu_mau::platform::device::DeviceInfo;
use phuong_kieu_mau::state::logs::assessment_record_key;
use phuong_kieu_mau::state::session::{AuditNote, ImportResult, Session, SessionError};
use phuong_kieu_mau::state::ward::export_bundle_from_memory;
use phuong_kieu_mau::storage::{Db, StorageError, StoreName};
use pkm_core::fixtures::nghe_an_2024;
use pkm_core::{
    AssessmentDoc, AssessmentKey, BundleKind, CriterionEntry, CriterionId, CriterionStatus, Limits,
    read_bundle,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[allow(clippy::disallowed_methods)] // A random name per test keeps tests apart.
fn db_name(test: &str) -> String {
    format!("pkm-test-{test}-{}", js_sys::Math::random().to_bits())
}

/// While alive, every `put` into IndexedDB throws `QuotaExceededError`, as on a full disk.
struct FullDisk;

impl FullDisk {
    fn start() -> FullDisk {
        run_js(
            "const proto = IDBObjectStore.prototype;
             if (!proto.__pkmRealPut) { proto.__pkmRealPut = proto.put; }
             proto.put = function () {
               throw new DOMException('simulated: the disk is full', 'QuotaExceededError');
             };",
        );
        FullDisk
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        run_js(
            "const proto = IDBObjectStore.prototype;
             if (proto.__pkmRealPut) { proto.put = proto.__pkmRealPut; delete proto.__pkmRealPut; }",
        );
    }
}

fn run_js(body: &str) {
    js_sys::Function::new_no_args(body)
        .call0(&JsValue::UNDEFINED)
        .expect("the script runs");
}

/// A ward laptop's session after importing the province's config and the ward's bundle.
async fn ward_session(name: &str) -> (Session, AssessmentKey) {
    let fixture = nghe_an_2024(31).expect("fixture");
    let trust = pkm_core::fixtures::trust(&fixture);
    let db = Db::open(name).await.expect("opens");
    let session = Session::open(
        db,
        DeviceInfo {
            device_id: "dev-day-dia".into(),
            created_ms: 0,
        },
    )
    .await
    .expect("session opens");
    let any = [BundleKind::Config, BundleKind::Ward, BundleKind::Province];
    for (file, json) in [
        ("config.json", &fixture.config_bundle),
        ("ward.json", &fixture.ward_bundles[0].json),
    ] {
        let result = session
            .import_file(file, json.as_bytes(), &any, &trust)
            .await;
        assert!(matches!(result, ImportResult::Imported(_)), "{result:?}");
    }
    let key = session
        .read_untracked(|store| store.assessments().keys().next().cloned())
        .expect("an assessment");
    (session, key)
}

async fn set_note(
    session: &Session,
    key: &AssessmentKey,
    criterion: &str,
    text: &str,
) -> Result<(), SessionError> {
    let id = CriterionId::new(criterion).expect("id");
    let entry = CriterionEntry {
        note: text.into(),
        ..CriterionEntry::with_status(CriterionStatus::Met)
    };
    session
        .edit_assessment(
            key,
            AuditNote {
                target: criterion.into(),
                summary_vi: "sửa".into(),
                summary_en: "edit".into(),
            },
            move |doc, catalogue, context| doc.set_criterion(context, catalogue, &id, entry),
        )
        .await
}

fn note_of(doc: Option<&AssessmentDoc>, criterion: &str) -> Option<String> {
    let id = CriterionId::new(criterion).expect("id");
    doc.and_then(|doc| doc.entry(&id).map(|entry| entry.note.clone()))
}

/// The notes a criterion holds: one, or several in a conflict.
fn notes_of(doc: &AssessmentDoc, criterion: &str) -> Vec<String> {
    let id = CriterionId::new(criterion).expect("id");
    doc.criteria()
        .get(&id)
        .map(|register| {
            register
                .siblings()
                .iter()
                .filter_map(|sibling| sibling.value.as_ref().map(|entry| entry.note.clone()))
                .collect()
        })
        .unwrap_or_default()
}

async fn on_disk(session: &Session, key: &AssessmentKey) -> AssessmentDoc {
    session
        .db()
        .get(StoreName::Assessments, &assessment_record_key(key))
        .await
        .expect("reads")
        .expect("present")
}

#[wasm_bindgen_test]
async fn a_full_disk_is_reported_in_vietnamese_and_the_edit_stays_exportable() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("full-disk");
    let (session, key) = ward_session(&name).await;
    let before = on_disk(&session, &key).await;

    let full = FullDisk::start();
    let error = set_note(&session, &key, "C01", "Gõ khi ổ đĩa đầy")
        .await
        .expect_err("the write fails");
    assert_eq!(error, SessionError::Storage(StorageError::QuotaExceeded));
    let message = error.message(phuong_kieu_mau::i18n::Lang::Vi);
    assert!(message.contains("Bộ nhớ của máy đã đầy"), "{message}");
    assert!(message.contains("xuất tệp"), "{message}");
    assert_eq!(
        session.write_failure(),
        Some(StorageError::QuotaExceeded),
        "the session says the disk is full"
    );
    // A second failed change of the same criterion, then one of another.
    set_note(&session, &key, "C01", "Gõ lại khi ổ đĩa đầy")
        .await
        .expect_err("fails again");
    set_note(&session, &key, "C02", "Tiêu chí khác")
        .await
        .expect_err("fails too");

    // Nothing reached the disk, and the saved state in memory is unchanged ("Đã lưu" stays
    // honest); the edits are kept aside, and an export from memory holds them.
    assert_eq!(on_disk(&session, &key).await, before);
    assert_eq!(
        note_of(
            session
                .read_untracked(|s| s.assessment(&key).cloned())
                .as_ref(),
            "C01"
        ),
        note_of(Some(&before), "C01")
    );
    let with_unsaved = session
        .read_with_unsaved(|s| s.assessment(&key).cloned())
        .expect("the assessment");
    assert_eq!(
        notes_of(&with_unsaved, "C01"),
        ["Gõ lại khi ổ đĩa đầy"],
        "the latest text, not a conflict with the earlier one"
    );
    assert_eq!(notes_of(&with_unsaved, "C02"), ["Tiêu chí khác"]);

    let year = key.year;
    let (file_name, json, _) = export_bundle_from_memory(&session, &key.unit, year)
        .await
        .expect("exports while the disk is full");
    assert!(file_name.ends_with(".json"), "{file_name}");
    let bundle = read_bundle(json.as_bytes(), &Limits::default()).expect("a valid bundle");
    assert!(bundle.signature().is_some(), "signed like every export");
    let exported = bundle.content.assessment(&key).expect("the assessment");
    assert_eq!(notes_of(exported, "C01"), ["Gõ lại khi ổ đĩa đầy"]);
    assert_eq!(notes_of(exported, "C02"), ["Tiêu chí khác"]);
    drop(full);

    // Room again: the next change is saved, and carries the ones that failed with it.
    set_note(&session, &key, "C03", "Khi đã có chỗ")
        .await
        .expect("saves");
    assert_eq!(session.write_failure(), None, "the banner goes away");
    let after = on_disk(&session, &key).await;
    assert_eq!(notes_of(&after, "C01"), ["Gõ lại khi ổ đĩa đầy"]);
    assert_eq!(notes_of(&after, "C02"), ["Tiêu chí khác"]);
    assert_eq!(notes_of(&after, "C03"), ["Khi đã có chỗ"]);
    assert!(session.read_untracked(|s| s.conflicts_in(&key).is_empty()));
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn a_full_disk_during_an_import_changes_nothing_and_is_reported() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("full-disk-import");
    let fixture = nghe_an_2024(32).expect("fixture");
    let trust = pkm_core::fixtures::trust(&fixture);
    let db = Db::open(&name).await.expect("opens");
    let session = Session::open(
        db,
        DeviceInfo {
            device_id: "dev-day-dia-2".into(),
            created_ms: 0,
        },
    )
    .await
    .expect("session opens");
    let any = [BundleKind::Config, BundleKind::Ward, BundleKind::Province];
    let before = session.read_untracked(Clone::clone);
    let full = FullDisk::start();
    let result = session
        .import_file(
            "config.json",
            fixture.config_bundle.as_bytes(),
            &any,
            &trust,
        )
        .await;
    drop(full);
    assert_eq!(result, ImportResult::Failed(StorageError::QuotaExceeded));
    assert_eq!(session.write_failure(), Some(StorageError::QuotaExceeded));
    assert_eq!(
        session.read_untracked(Clone::clone),
        before,
        "memory unchanged"
    );
    let units: Vec<(String, serde_json::Value)> =
        session.db().all(StoreName::Units).await.expect("reads");
    assert!(units.is_empty(), "nothing written");
    Db::delete_database(&name).await.ok();
}
