//! Two tabs of one profile against the real IndexedDB: two sessions on one database, as two tabs
//! have. Each edits as its own replica, so concurrent edits of one value become a conflict that
//! keeps both; every write joins what the other tab stored meanwhile (edits, imports and registry
//! changes alike); the propagation over the broadcast channel brings one tab's commits into the
//! other's memory, but only once nothing typed there waits to be saved; and a tab opening a
//! newer schema closes the others' connections instead of being blocked.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use indexed_db_futures::database::Database;
use leptos::prelude::{Owner, RwSignal};
use phuong_kieu_mau::platform::device::{DeviceInfo, ensure_device};
use phuong_kieu_mau::state::Autosave;
use phuong_kieu_mau::state::logs::assessment_record_key;
use phuong_kieu_mau::state::session::{
    AuditNote, Committed, ImportResult, Session, SessionError, replica_id,
};
use phuong_kieu_mau::state::tabs::TabSync;
use phuong_kieu_mau::storage::{Db, SCHEMA_VERSION, StoreName};
use pkm_core::fixtures::nghe_an_2024;
use pkm_core::{
    AssessmentDoc, AssessmentKey, BundleId, BundleKind, CriterionEntry, CriterionId,
    CriterionStatus, DeviceId, EditContext, ExportedAt, HeaderInput, HlcClock, Limits, Selection,
    Store, read_bundle, write_bundle,
};
use wasm_bindgen_test::wasm_bindgen_test;

#[allow(clippy::disallowed_methods)] // A random name per test keeps tests apart.
fn db_name(test: &str) -> String {
    format!("pkm-test-{test}-{}", js_sys::Math::random().to_bits())
}

const DEVICE: &str = "dev-0a1b2c3d4e5f";
const ANY: [BundleKind; 3] = [BundleKind::Config, BundleKind::Ward, BundleKind::Province];

/// A tab: its own connection and session, editing as slot `slot`.
async fn tab(name: &str, slot: u32) -> Session {
    let db = Db::open(name).await.expect("opens");
    Session::open_as(
        db,
        DeviceInfo {
            device_id: DEVICE.into(),
            created_ms: 0,
        },
        slot,
    )
    .await
    .expect("session opens")
}

/// The first tab after importing a province's config and one ward's bundle; returns it with the
/// ward's assessment key and the fixture.
async fn first_tab(
    name: &str,
    seed: u64,
) -> (Session, AssessmentKey, pkm_core::fixtures::ProvinceFixture) {
    let fixture = nghe_an_2024(seed).expect("fixture");
    let a = tab(name, 0).await;
    for (file, json) in [
        ("config.json", &fixture.config_bundle),
        ("ward.json", &fixture.ward_bundles[0].json),
    ] {
        let result = a
            .import_file(
                file,
                json.as_bytes(),
                &ANY,
                &pkm_core::fixtures::trust(&fixture),
            )
            .await;
        assert!(matches!(result, ImportResult::Imported(_)), "{result:?}");
    }
    let key = a
        .read_untracked(|store| store.assessments().keys().next().cloned())
        .expect("an assessment");
    (a, key, fixture)
}

fn note(text: &str) -> CriterionEntry {
    CriterionEntry {
        note: text.into(),
        ..CriterionEntry::with_status(CriterionStatus::Expected)
    }
}

async fn set(session: &Session, key: &AssessmentKey, criterion: &str, entry: CriterionEntry) {
    let id = CriterionId::new(criterion).expect("id");
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
        .expect("saves");
}

/// Reads what `writer` committed and joins it into `reader`, as the propagation does.
async fn catch_up(reader: &Session, committed: &Committed) {
    let fragment = reader.read_committed(committed).await.expect("reads");
    reader.absorb(&fragment);
}

fn assessment(key: &AssessmentKey) -> Committed {
    Committed {
        assessments: vec![assessment_record_key(key)],
        registry: false,
    }
}

async fn stored(session: &Session, key: &AssessmentKey) -> AssessmentDoc {
    session
        .db()
        .get(StoreName::Assessments, &assessment_record_key(key))
        .await
        .expect("reads")
        .expect("present")
}

/// The values a criterion holds: one, or the siblings of a conflict.
fn values(doc: &AssessmentDoc, criterion: &str) -> Vec<String> {
    let id = CriterionId::new(criterion).expect("id");
    let mut notes: Vec<String> = doc
        .criteria()
        .get(&id)
        .map(|register| {
            register
                .siblings()
                .iter()
                .filter_map(|sibling| sibling.value.as_ref().map(|entry| entry.note.clone()))
                .collect()
        })
        .unwrap_or_default();
    notes.sort();
    notes
}

#[wasm_bindgen_test]
fn each_tab_edits_as_a_replica_of_its_own() {
    assert_eq!(replica_id(DEVICE, 0).expect("id").as_str(), DEVICE);
    assert_eq!(
        replica_id(DEVICE, 2).expect("id").as_str(),
        "dev-0a1b2c3d4e5f:2"
    );
}

#[wasm_bindgen_test]
async fn concurrent_edits_of_one_criterion_in_two_tabs_become_a_conflict_keeping_both() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("tabs-conflict");
    let (a, key, _) = first_tab(&name, 21).await;
    let b = tab(&name, 1).await;
    assert_eq!(b.replica().as_str(), "dev-0a1b2c3d4e5f:1");
    // From the same starting point: A edits C01 twice, B once, neither seeing the other.
    set(&a, &key, "C01", note("tab A, lần 1")).await;
    set(&a, &key, "C01", note("tab A, lần 2")).await;
    set(&b, &key, "C01", note("tab B")).await;
    // Different criteria: both simply stay.
    set(&a, &key, "C02", note("chỉ tab A")).await;
    set(&b, &key, "C03", note("chỉ tab B")).await;

    let on_disk = stored(&a, &key).await;
    assert_eq!(
        values(&on_disk, "C01"),
        ["tab A, lần 2", "tab B"],
        "neither tab's latest edit is lost"
    );
    assert_eq!(values(&on_disk, "C02"), ["chỉ tab A"]);
    assert_eq!(values(&on_disk, "C03"), ["chỉ tab B"]);

    // Each tab catches up with the other and both show the same, conflict included.
    catch_up(&a, &assessment(&key)).await;
    catch_up(&b, &assessment(&key)).await;
    for tab in [&a, &b] {
        assert_eq!(
            tab.read_untracked(|s| s.assessment(&key).cloned()),
            Some(on_disk.clone())
        );
        assert_eq!(tab.read_untracked(|s| s.conflicts_in(&key).len()), 1);
    }
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn an_edit_made_after_seeing_the_other_tabs_replaces_it_without_a_conflict() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("tabs-sequential");
    let (a, key, _) = first_tab(&name, 22).await;
    let b = tab(&name, 1).await;
    set(&a, &key, "C05", note("tab A viết trước")).await;
    catch_up(&b, &assessment(&key)).await;
    let seen = b
        .read_untracked(|s| {
            s.assessment(&key)
                .and_then(|d| d.entry(&CriterionId::new("C05").expect("id")).cloned())
        })
        .expect("B sees A's note");
    assert_eq!(seen.note, "tab A viết trước");
    // B changes the status of what it sees, keeping A's note.
    set(
        &b,
        &key,
        "C05",
        CriterionEntry {
            status: CriterionStatus::Met,
            ..seen
        },
    )
    .await;
    catch_up(&a, &assessment(&key)).await;
    let c05 = CriterionId::new("C05").expect("id");
    for tab in [&a, &b] {
        let entry = tab
            .read_untracked(|s| s.assessment(&key).and_then(|d| d.entry(&c05).cloned()))
            .expect("entry");
        assert_eq!(entry.status, CriterionStatus::Met);
        assert_eq!(entry.note, "tab A viết trước");
        assert!(tab.read_untracked(|s| s.conflicts_in(&key).is_empty()));
    }
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn an_import_in_one_tab_keeps_what_the_other_tab_wrote_meanwhile() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("tabs-import");
    let (a, key, fixture) = first_tab(&name, 23).await;
    let b = tab(&name, 1).await;
    // Another laptop of the same ward edits C04 and exports.
    let mut laptop = Store::new();
    for json in [&fixture.config_bundle, &fixture.ward_bundles[0].json] {
        let bundle = read_bundle(json.as_bytes(), &Limits::default()).expect("valid");
        laptop
            .import_bundle(&bundle, &pkm_core::fixtures::trust(&fixture))
            .expect("imports");
    }
    let other = DeviceId::new("dev-laptop-hai").expect("id");
    let mut clock = HlcClock::new(other.clone());
    clock.observe(&laptop.latest_timestamp().expect("a time"));
    let context = EditContext::new(clock.tick(1_800_000_000_000), "Máy hai");
    laptop
        .set_criterion(
            &context,
            &key,
            &CriterionId::new("C04").expect("id"),
            note("từ máy hai"),
        )
        .expect("edits");
    let at = clock.tick(1_800_000_001_000);
    let header = HeaderInput {
        app_version: "0.1.0".into(),
        bundle_id: BundleId::new("laptop-two-1").expect("id"),
        exported_at: ExportedAt {
            text: "2027-01-15T08:00:00+07:00".into(),
            hlc: at,
        },
        device_id: other,
        unit_id: key.unit.clone(),
    };
    let file = write_bundle(&laptop, &Selection::Ward(key.unit.clone()), &header).expect("writes");

    // Tab A edits C03; tab B, not yet aware of it, imports the other laptop's file.
    set(&a, &key, "C03", note("tab A, trong lúc tab B nhập tệp")).await;
    // The file is unsigned and dated in 2027: the person accepts both once.
    let decided = pkm_core::TrustPolicy::new()
        .allowing_unsigned(key.unit.clone())
        .allowing_future(key.unit.clone());
    let result = b
        .import_file("may-hai.json", file.as_bytes(), &ANY, &decided)
        .await;
    assert!(matches!(result, ImportResult::Imported(_)), "{result:?}");

    let on_disk = stored(&a, &key).await;
    assert_eq!(
        values(&on_disk, "C03"),
        ["tab A, trong lúc tab B nhập tệp"],
        "A's edit survived the import"
    );
    assert_eq!(
        values(&on_disk, "C04"),
        ["từ máy hai"],
        "the import arrived"
    );
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn registry_changes_of_two_tabs_both_stay() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("tabs-registry");
    let (a, _, _) = first_tab(&name, 24).await;
    let b = tab(&name, 1).await;
    let province = a
        .read_untracked(|s| {
            s.registry()
                .iter()
                .find(|unit| unit.kind == pkm_core::UnitKind::Province)
                .map(|unit| unit.id.clone())
        })
        .expect("a province");
    for (tab, year, quota) in [(&a, 2030u16, 3u32), (&b, 2031, 5)] {
        let province = province.clone();
        tab.edit_registry(
            AuditNote {
                target: "quota".into(),
                summary_vi: "chỉ tiêu".into(),
                summary_en: "quota".into(),
            },
            move |store, context| store.set_quota(context, &province, year, quota),
        )
        .await
        .expect("saves");
    }
    // The settings record holds both quotas: B's write joined A's instead of replacing it.
    let settings: Store = a
        .db()
        .get(
            StoreName::Meta,
            phuong_kieu_mau::state::session::SETTINGS_KEY,
        )
        .await
        .expect("reads")
        .expect("present");
    assert_eq!(settings.quota(&province, 2030), Some(3));
    assert_eq!(settings.quota(&province, 2031), Some(5));
    catch_up(
        &a,
        &Committed {
            assessments: Vec::new(),
            registry: true,
        },
    )
    .await;
    assert_eq!(a.read_untracked(|s| s.quota(&province, 2031)), Some(5));
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn two_tabs_on_a_first_run_agree_on_one_device_id() {
    let name = db_name("tabs-device");
    let one = Db::open(&name).await.expect("opens");
    let two = Db::open(&name).await.expect("opens");
    let (first, second) = futures::join!(ensure_device(&one), ensure_device(&two));
    assert_eq!(first.expect("one"), second.expect("two"));
    one.close();
    two.close();
    Db::delete_database(&name).await.ok();
}

/// Waits up to `ms` for `done`.
async fn eventually(ms: u32, mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..(ms / 20) {
        if done() {
            return true;
        }
        TimeoutFuture::new(20).await;
    }
    done()
}

#[wasm_bindgen_test]
async fn the_broadcast_brings_a_commit_into_the_other_tab_once_nothing_waits_there() {
    let owner = Owner::new();
    owner.set();
    // The app's mount starts Leptos's task executor; here the test does (a second call only
    // says it already runs).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let name = db_name("tabs-broadcast");
    let (a, key, _) = first_tab(&name, 25).await;
    let b = tab(&name, 1).await;
    let sync_a = TabSync::start(RwSignal::new(None));
    let sync_b = TabSync::start(RwSignal::new(None));
    if !sync_a.is_available() {
        // A browser without BroadcastChannel: tabs see each other's changes after a reload.
        return;
    }
    sync_a.attach(&a);
    sync_b.attach(&b);
    let c06 = CriterionId::new("C06").expect("id");
    let note_in = |tab: &Session| {
        tab.read_untracked(|s| {
            s.assessment(&key)
                .and_then(|d| d.entry(&c06).map(|e| e.note.clone()))
        })
    };

    set(&a, &key, "C06", note("qua kênh phát")).await;
    assert!(
        eventually(3_000, || note_in(&b).as_deref() == Some("qua kênh phát")).await,
        "B shows A's edit without a reload"
    );
    assert!(sync_b.absorbed() >= 1);

    // While B has a change waiting to be saved, A's next edit is not joined in B's memory.
    let waited = Rc::new(Cell::new(0u32));
    let counter = waited.clone();
    let pending = Autosave::new(60_000, move |_: u32| {
        counter.set(counter.get() + 1);
        async { Ok::<(), SessionError>(()) }
    });
    pending.schedule(1);
    set(&a, &key, "C06", note("lần hai")).await;
    TimeoutFuture::new(600).await;
    assert_eq!(
        note_in(&b).as_deref(),
        Some("qua kênh phát"),
        "not while B has unsaved work"
    );
    pending.flush();
    pending.settled().await;
    assert_eq!(waited.get(), 1);
    assert!(
        eventually(3_000, || note_in(&b).as_deref() == Some("lần hai")).await,
        "joined once B's change is saved"
    );
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn a_tab_opening_a_newer_schema_closes_the_others_connection_and_they_are_told() {
    let name = db_name("tabs-version");
    let db = Db::open(&name).await.expect("opens");
    let told = Rc::new(Cell::new(false));
    let flag = told.clone();
    db.on_version_change(move || flag.set(true));
    // Another tab with a newer app: its upgrade is not blocked by this tab.
    let newer = Database::open(name.as_str())
        .with_version(SCHEMA_VERSION + 1)
        .await
        .expect("the newer tab opens");
    assert!(told.get(), "this tab was told");
    assert_eq!(newer.version() as u32, SCHEMA_VERSION + 1);
    newer.close();
    Db::delete_database(&name).await.ok();
}
