//! The session against the real IndexedDB: imports are all or nothing per file and survive a
//! reload, and an edit merges with what another tab wrote meanwhile instead of overwriting it.

use leptos::prelude::Owner;
use phuong_kieu_mau::platform::device::DeviceInfo;
use phuong_kieu_mau::state::logs::{ImportLogEntry, ImportOutcome};
use phuong_kieu_mau::state::session::{AuditNote, ImportResult, Session, load_store};
use phuong_kieu_mau::storage::{Db, StoreName};
use pkm_core::fixtures::nghe_an_2024;
use pkm_core::{
    AssessmentDoc, BundleKind, CriterionEntry, CriterionId, CriterionStatus, DeviceId, EditContext,
    HlcClock,
};
use wasm_bindgen_test::wasm_bindgen_test;

#[allow(clippy::disallowed_methods)] // A random name per test keeps tests apart.
fn db_name(test: &str) -> String {
    format!("pkm-test-{test}-{}", js_sys::Math::random().to_bits())
}

async fn open_session(name: &str, device: &str) -> Session {
    let db = Db::open(name).await.expect("opens");
    Session::open(
        db,
        DeviceInfo {
            device_id: device.into(),
            created_ms: 0,
        },
    )
    .await
    .expect("session opens")
}

#[wasm_bindgen_test]
async fn imports_survive_a_reload_and_a_second_import_changes_nothing() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("import");
    let fixture = nghe_an_2024(11).expect("fixture");
    let trust = pkm_core::fixtures::trust(&fixture);
    let session = open_session(&name, "dev-province").await;
    let any = [BundleKind::Config, BundleKind::Ward, BundleKind::Province];
    let result = session
        .import_file(
            "config.json",
            fixture.config_bundle.as_bytes(),
            &any,
            &trust,
        )
        .await;
    assert!(
        matches!(result, ImportResult::Imported(ref r) if !r.already_imported),
        "{result:?}"
    );
    for ward in fixture.ward_bundles.iter().take(3) {
        let result = session
            .import_file(
                &format!("{}.json", ward.ward),
                ward.json.as_bytes(),
                &any,
                &trust,
            )
            .await;
        match result {
            ImportResult::Imported(report) => {
                assert!(!report.already_imported);
                assert_eq!(report.merge.assessments_added, 1);
            }
            other => panic!("{other:?}"),
        }
    }
    let again = session
        .import_file(
            "again.json",
            fixture.ward_bundles[0].json.as_bytes(),
            &any,
            &trust,
        )
        .await;
    assert!(
        matches!(again, ImportResult::Imported(ref r) if r.already_imported),
        "{again:?}"
    );
    assert_eq!(session.read_untracked(|s| s.assessments().len()), 3);

    // A new page load reads the same store back from the records.
    let reloaded = load_store(session.db()).await.expect("loads");
    assert!(session.read_untracked(|s| s.same_content(&reloaded)));
    assert_eq!(
        session.read_untracked(|s| s.imported().clone()),
        reloaded.imported().clone()
    );
    let log: Vec<(String, ImportLogEntry)> =
        session.db().all(StoreName::ImportLog).await.expect("log");
    assert_eq!(log.len(), 5);
    assert_eq!(log[4].1.outcome, ImportOutcome::AlreadyImported);
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn a_refused_file_changes_no_record() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("refused");
    let fixture = nghe_an_2024(12).expect("fixture");
    let trust = pkm_core::fixtures::trust(&fixture);
    let session = open_session(&name, "dev-province").await;
    let any = [BundleKind::Config, BundleKind::Ward];
    session
        .import_file(
            "config.json",
            fixture.config_bundle.as_bytes(),
            &any,
            &trust,
        )
        .await;
    let before = dump(session.db()).await;
    let tampered = fixture.ward_bundles[0]
        .json
        .replacen("Đạt", "Dat", 1)
        .replacen("\"met\"", "\"not_met\"", 1);
    assert_ne!(
        tampered, fixture.ward_bundles[0].json,
        "the file was changed"
    );
    let result = session
        .import_file("tampered.json", tampered.as_bytes(), &any, &trust)
        .await;
    match result {
        ImportResult::Rejected(problems) => {
            assert!(
                problems.iter().any(|p| p.code() == "wrong-digest"),
                "{problems:?}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let not_json = session
        .import_file("notes.txt", b"hello", &any, &trust)
        .await;
    assert!(matches!(not_json, ImportResult::Rejected(_)));
    let after = dump(session.db()).await;
    assert_eq!(before, after, "no record changed");
    let log: Vec<(String, ImportLogEntry)> =
        session.db().all(StoreName::ImportLog).await.expect("log");
    assert!(matches!(
        log.last().map(|(_, e)| &e.outcome),
        Some(ImportOutcome::Rejected { .. })
    ));
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn an_edit_merges_with_what_another_tab_wrote_meanwhile() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("two-tabs");
    let fixture = nghe_an_2024(13).expect("fixture");
    let trust = pkm_core::fixtures::trust(&fixture);
    let session = open_session(&name, "dev-tab-one").await;
    let any = [BundleKind::Config, BundleKind::Ward];
    session
        .import_file(
            "config.json",
            fixture.config_bundle.as_bytes(),
            &any,
            &trust,
        )
        .await;
    let ward = &fixture.ward_bundles[0];
    session
        .import_file("ward.json", ward.json.as_bytes(), &any, &trust)
        .await;
    let key = session
        .read_untracked(|s| s.assessments().keys().next().cloned())
        .expect("a key");
    let catalogue = session
        .read_untracked(|s| s.catalogue_of(&key).cloned())
        .expect("catalogue");
    let c01 = CriterionId::new("C01").expect("id");
    let c02 = CriterionId::new("C02").expect("id");

    // Another tab (another clock) writes C02 straight into the record.
    let mut other_doc = session
        .read_untracked(|s| s.assessment(&key).cloned())
        .expect("doc");
    let mut other_clock = HlcClock::new(DeviceId::new("dev-tab-two").expect("id"));
    other_clock.observe(&session.now());
    let other = EditContext::new(other_clock.tick(9_999_999_999_999), "Tab hai");
    let other_entry = CriterionEntry {
        status: CriterionStatus::NotMet,
        figure: None,
        evidence: Vec::new(),
        note: "ghi từ tab khác".into(),
    };
    other_doc
        .set_criterion(&other, &catalogue, &c02, other_entry.clone())
        .expect("edits");
    session
        .db()
        .put(
            StoreName::Assessments,
            &phuong_kieu_mau::state::logs::assessment_record_key(&key),
            &other_doc,
        )
        .await
        .expect("writes");

    // This tab, unaware, edits C01.
    let mine = CriterionEntry {
        status: CriterionStatus::Met,
        figure: None,
        evidence: Vec::new(),
        note: "ghi từ tab này".into(),
    };
    let entry = mine.clone();
    session
        .edit_assessment(
            &key,
            AuditNote {
                target: "C01".into(),
                summary_vi: "Đạt".into(),
                summary_en: "Met".into(),
            },
            move |doc, catalogue, context| doc.set_criterion(context, catalogue, &c01, entry),
        )
        .await
        .expect("saves");
    let stored: AssessmentDoc = session
        .db()
        .get(
            StoreName::Assessments,
            &phuong_kieu_mau::state::logs::assessment_record_key(&key),
        )
        .await
        .expect("reads")
        .expect("present");
    let c01 = CriterionId::new("C01").expect("id");
    assert_eq!(stored.entry(&c01), Some(&mine), "this tab's edit is stored");
    assert_eq!(
        stored.entry(&c02),
        Some(&other_entry),
        "the other tab's edit is kept"
    );
    // Memory holds this tab's own edit at once, and the other tab's once it catches up (the
    // propagation does that when nothing typed here waits to be saved).
    assert_eq!(
        session.read_untracked(|s| s.assessment(&key).and_then(|d| d.entry(&c01).cloned())),
        Some(mine.clone())
    );
    let committed = phuong_kieu_mau::state::session::Committed {
        assessments: vec![phuong_kieu_mau::state::logs::assessment_record_key(&key)],
        registry: false,
    };
    let fragment = session.read_committed(&committed).await.expect("reads");
    session.absorb(&fragment);
    assert_eq!(
        session.read_untracked(|s| s.assessment(&key).cloned()),
        Some(stored)
    );
    let audit: Vec<(String, phuong_kieu_mau::state::logs::AuditEntry)> =
        session.db().all(StoreName::AuditLog).await.expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].1.target, "C01");
    Db::delete_database(&name).await.ok();
}

async fn dump(db: &Db) -> Vec<Vec<(String, serde_json::Value)>> {
    let mut all = Vec::new();
    for store in [
        StoreName::Meta,
        StoreName::Units,
        StoreName::Assessments,
        StoreName::Catalogues,
    ] {
        all.push(db.all::<serde_json::Value>(store).await.expect("reads"));
    }
    all
}
