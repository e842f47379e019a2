//! The storage layer in a real browser: open, upgrade from every earlier schema version holding
//! data in every store it had, write then read back (JSON records and the structured clones of the
//! `keys` store), and each failure kind mapped to its `StorageError`.

use indexed_db_futures::database::Database;
use phuong_kieu_mau::storage::{Db, SCHEMA_VERSION, StorageError, StoreName, WriteBatch};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Record {
    name: String,
    year: u16,
}

#[allow(clippy::disallowed_methods)] // A random name per test keeps tests apart.
fn db_name(test: &str) -> String {
    format!("pkm-test-{test}-{}", js_sys::Math::random().to_bits())
}

fn record(name: &str) -> Record {
    Record {
        name: name.to_owned(),
        year: 2024,
    }
}

#[wasm_bindgen_test]
async fn open_creates_the_current_schema_with_every_store() {
    let name = db_name("open");
    let db = Db::open(&name).await.expect("opens");
    assert_eq!(db.version(), SCHEMA_VERSION);
    let mut stores = db.store_names();
    stores.sort();
    let mut expected: Vec<String> = StoreName::ALL
        .iter()
        .map(|s| s.as_str().to_owned())
        .collect();
    expected.sort();
    assert_eq!(stores, expected);
    db.close();
    Db::delete_database(&name).await.expect("deletes");
}

#[wasm_bindgen_test]
async fn a_write_reads_back_after_commit_and_after_reopening() {
    let name = db_name("rw");
    let db = Db::open(&name).await.expect("opens");
    db.put(
        StoreName::Units,
        "ward-1",
        &record("Công an phường Hưng Dũng"),
    )
    .await
    .expect("put commits");
    assert_eq!(
        db.get::<Record>(StoreName::Units, "ward-1")
            .await
            .expect("get"),
        Some(record("Công an phường Hưng Dũng"))
    );
    assert_eq!(
        db.get::<Record>(StoreName::Units, "nothing")
            .await
            .expect("get"),
        None
    );

    let mut batch = WriteBatch::new();
    batch
        .put(StoreName::AuditLog, "a|2024|C01|1", &record("one"))
        .expect("encodes");
    batch
        .put(StoreName::AuditLog, "a|2024|C01|2", &record("two"))
        .expect("encodes");
    batch
        .put(StoreName::AuditLog, "a|2024|C02|1", &record("other"))
        .expect("encodes");
    batch.put(StoreName::Meta, "x", &1).expect("encodes");
    db.write(batch).await.expect("batch commits");
    let c01: Vec<(String, Record)> = db
        .with_prefix(StoreName::AuditLog, "a|2024|C01|")
        .await
        .expect("range");
    assert_eq!(
        c01,
        vec![
            ("a|2024|C01|1".to_owned(), record("one")),
            ("a|2024|C01|2".to_owned(), record("two")),
        ]
    );
    assert_eq!(db.count(StoreName::AuditLog).await.expect("count"), 3);

    let mut removal = WriteBatch::new();
    removal.delete(StoreName::Meta, "x");
    db.write(removal).await.expect("delete commits");
    assert_eq!(
        db.get::<u32>(StoreName::Meta, "x").await.expect("get"),
        None
    );
    db.close();

    let reopened = Db::open(&name).await.expect("reopens");
    let all: Vec<(String, Record)> = reopened.all(StoreName::Units).await.expect("all");
    assert_eq!(
        all,
        vec![("ward-1".to_owned(), record("Công an phường Hưng Dũng"))]
    );
    reopened.close();
    Db::delete_database(&name).await.expect("deletes");
}

#[wasm_bindgen_test]
async fn upgrading_from_version_1_keeps_every_record() {
    let name = db_name("upgrade");
    let old = Db::open_at_version(&name, 1).await.expect("opens at v1");
    assert_eq!(old.version(), 1);
    let mut v1_stores = old.store_names();
    v1_stores.sort();
    assert_eq!(v1_stores, vec!["assessments", "meta", "units"]);
    let mut batch = WriteBatch::new();
    batch
        .put(StoreName::Meta, "device", &"dev-old")
        .expect("encodes");
    batch
        .put(StoreName::Units, "ward-1", &record("Phường 1"))
        .expect("encodes");
    batch
        .put(StoreName::Assessments, "ward-1|2024", &record("đánh giá"))
        .expect("encodes");
    old.write(batch).await.expect("v1 write commits");
    old.close();

    let db = Db::open(&name).await.expect("upgrades");
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert_eq!(
        db.get::<String>(StoreName::Meta, "device")
            .await
            .expect("get"),
        Some("dev-old".to_owned())
    );
    assert_eq!(
        db.get::<Record>(StoreName::Units, "ward-1")
            .await
            .expect("get"),
        Some(record("Phường 1"))
    );
    assert_eq!(
        db.get::<Record>(StoreName::Assessments, "ward-1|2024")
            .await
            .expect("get"),
        Some(record("đánh giá"))
    );
    db.put(StoreName::ImportLog, "0001", &record("new store"))
        .await
        .expect("v2 store works");
    db.close();
    Db::delete_database(&name).await.expect("deletes");
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_an_old_tab_is_reported() {
    let name = db_name("blocked");
    Db::open_at_version(&name, 1)
        .await
        .expect("v1 created")
        .close();
    // An "old tab": a connection at version 1 that does not close on version change.
    let old_tab = Database::open(name.as_str())
        .with_version(1u32)
        .await
        .expect("old connection opens");
    let result = Db::open(&name).await;
    assert_eq!(result.err(), Some(StorageError::Blocked));
    assert!(StorageError::Blocked.message_vi().contains("tab khác"));
    old_tab.close();
    let db = Db::open(&name)
        .await
        .expect("opens once the old tab closed");
    // The upgrade the blocked request queued ran in full: every store exists.
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert_eq!(db.store_names().len(), StoreName::ALL.len());
    db.close();
    Db::delete_database(&name).await.expect("deletes");
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_is_refused_and_left_alone() {
    let name = db_name("newer");
    let newer = Database::open(name.as_str())
        .with_version(SCHEMA_VERSION + 7)
        .await
        .expect("newer db opens");
    newer.close();
    let result = Db::open(&name).await;
    assert_eq!(result.err(), Some(StorageError::VersionTooNew));
    let still = Database::open(name.as_str())
        .await
        .expect("opens without version");
    assert_eq!(still.version() as u32, SCHEMA_VERSION + 7);
    still.close();
    Db::delete_database(&name).await.expect("deletes");
}

#[wasm_bindgen_test]
async fn a_failing_write_aborts_its_whole_batch() {
    let name = db_name("abort");
    let db = Db::open(&name).await.expect("opens");
    db.put(StoreName::ImportLog, "entry-1", &record("first"))
        .await
        .expect("put");
    let mut batch = WriteBatch::new();
    batch
        .put(StoreName::Units, "ward-9", &record("must not stay"))
        .expect("encodes");
    // Log entries are never overwritten: inserting an existing key fails the transaction.
    batch
        .insert(StoreName::ImportLog, "entry-1", &record("dup"))
        .expect("encodes");
    let result = db.write(batch).await;
    assert!(
        matches!(result, Err(StorageError::Aborted { .. })),
        "got {result:?}"
    );
    assert_eq!(
        db.get::<Record>(StoreName::Units, "ward-9")
            .await
            .expect("get"),
        None
    );
    assert_eq!(
        db.get::<Record>(StoreName::ImportLog, "entry-1")
            .await
            .expect("get"),
        Some(record("first"))
    );
    db.close();
    Db::delete_database(&name).await.expect("deletes");
}

/// A record of about `bytes` bytes of JSON.
fn padded(name: &str, bytes: usize) -> Record {
    Record {
        name: format!("{name}-{}", "x".repeat(bytes)),
        year: 2024,
    }
}

#[wasm_bindgen_test]
async fn a_batch_issued_in_slices_commits_whole_or_not_at_all() {
    // 3,000 records of 2 KB: issuing them takes several slices, with waits for the database
    // between them (storage/db.rs, `Issuer`).
    let name = db_name("slices");
    let db = Db::open(&name).await.expect("opens");
    let mut batch = WriteBatch::new();
    for index in 0..3000 {
        batch
            .put(
                StoreName::Units,
                &format!("unit-{index:04}"),
                &padded("u", 2048),
            )
            .expect("encodes");
    }
    db.write(batch).await.expect("the whole batch commits");
    let stored: Vec<(String, Record)> = db.all(StoreName::Units).await.expect("reads");
    assert_eq!(stored.len(), 3000);
    assert_eq!(stored[2999].0, "unit-2999");

    // A failure early in a large batch, in a request nobody waits for, fails the batch: not
    // one of the writes before it or after it stays.
    db.put(StoreName::ImportLog, "entry-1", &record("first"))
        .await
        .expect("put");
    let mut batch = WriteBatch::new();
    for index in 0..20 {
        batch
            .put(
                StoreName::Assessments,
                &format!("before-{index}"),
                &record("no"),
            )
            .expect("encodes");
    }
    batch
        .insert(StoreName::ImportLog, "entry-1", &record("dup"))
        .expect("encodes");
    for index in 0..3000 {
        batch
            .put(
                StoreName::Assessments,
                &format!("after-{index:04}"),
                &padded("a", 2048),
            )
            .expect("encodes");
    }
    let result = db.write(batch).await;
    assert!(
        matches!(result, Err(StorageError::Aborted { .. })),
        "got {result:?}"
    );
    let assessments: Vec<(String, Record)> = db.all(StoreName::Assessments).await.expect("reads");
    assert!(
        assessments.is_empty(),
        "{} records stayed",
        assessments.len()
    );
    assert_eq!(
        db.get::<Record>(StoreName::ImportLog, "entry-1")
            .await
            .expect("get"),
        Some(record("first"))
    );
    db.close();
    Db::delete_database(&name).await.expect("deletes");
}

#[wasm_bindgen_test]
async fn read_modify_write_builds_each_record_from_what_is_stored_in_order() {
    let name = db_name("rmw");
    let db = Db::open(&name).await.expect("opens");
    let mut batch = WriteBatch::new();
    for index in (0..1000).step_by(2) {
        batch
            .put(
                StoreName::Units,
                &format!("unit-{index:04}"),
                &record("stored"),
            )
            .expect("encodes");
    }
    db.write(batch).await.expect("writes");
    let reads: Vec<(StoreName, String)> = (0..1000)
        .map(|index| (StoreName::Units, format!("unit-{index:04}")))
        .collect();
    let mut seen = Vec::new();
    let mut extra = WriteBatch::new();
    extra
        .insert(StoreName::ImportLog, "entry-rmw", &record("log"))
        .expect("encodes");
    db.read_modify_write(
        &[StoreName::Units, StoreName::ImportLog],
        &reads,
        |index, current| {
            seen.push(index);
            let was: Option<Record> =
                current.map(|json| serde_json::from_str(&json).expect("JSON"));
            assert_eq!(was.is_some(), index % 2 == 0, "record {index}");
            let mut writes = WriteBatch::new();
            let now = padded(if was.is_some() { "merged" } else { "new" }, 2048);
            writes.put(StoreName::Units, &format!("unit-{index:04}"), &now)?;
            Ok(writes)
        },
        extra,
    )
    .await
    .expect("commits");
    assert_eq!(seen, (0..1000).collect::<Vec<_>>());
    let stored: Vec<(String, Record)> = db.all(StoreName::Units).await.expect("reads");
    assert_eq!(stored.len(), 1000);
    assert!(stored[0].1.name.starts_with("merged-"));
    assert!(stored[1].1.name.starts_with("new-"));
    assert_eq!(
        db.get::<Record>(StoreName::ImportLog, "entry-rmw")
            .await
            .expect("get"),
        Some(record("log"))
    );

    // A record that cannot be built (here: the 700th) leaves every record as it was.
    let result = db
        .read_modify_write(
            &[StoreName::Units],
            &reads,
            |index, _| {
                if index == 700 {
                    return Err(StorageError::Other {
                        detail: "test".into(),
                    });
                }
                let mut writes = WriteBatch::new();
                writes.put(
                    StoreName::Units,
                    &format!("unit-{index:04}"),
                    &record("lost"),
                )?;
                Ok(writes)
            },
            WriteBatch::new(),
        )
        .await;
    assert!(
        matches!(result, Err(StorageError::Other { .. })),
        "{result:?}"
    );
    let stored: Vec<(String, Record)> = db.all(StoreName::Units).await.expect("reads");
    assert!(stored.iter().all(|(_, record)| record.name != "lost"));
    db.close();
    Db::delete_database(&name).await.expect("deletes");
}

#[wasm_bindgen_test]
async fn without_indexeddb_opening_reports_unavailable() {
    let window = web_sys::window().expect("a window");
    let key = JsValue::from_str("indexedDB");
    let original = js_sys::Reflect::get_own_property_descriptor(&window, &key).expect("descriptor");
    // As in a private window of some browsers: the factory is not there.
    let hidden = js_sys::Object::new();
    js_sys::Reflect::set(&hidden, &"value".into(), &JsValue::NULL).expect("set");
    js_sys::Reflect::set(&hidden, &"configurable".into(), &JsValue::TRUE).expect("set");
    js_sys::Reflect::define_property(&window, &key, &hidden).expect("hides");
    let result = Db::open(&db_name("unavailable")).await;
    js_sys::Reflect::define_property(&window, &key, &original.into()).expect("restores");
    match result {
        Err(error @ StorageError::Unavailable { .. }) => {
            assert!(error.message_vi().contains("ẩn danh"));
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn browser_exceptions_map_to_their_kinds() {
    // The browser's own exception objects, through the same path every request error takes.
    let cases = [
        ("QuotaExceededError", StorageError::QuotaExceeded),
        ("VersionError", StorageError::VersionTooNew),
        ("InvalidStateError", StorageError::Closed),
    ];
    for (name, expected) in cases {
        let exception =
            web_sys::DomException::new_with_message_and_name("test", name).expect("a DOMException");
        let error = indexed_db_futures::error::Error::from(exception);
        assert_eq!(
            phuong_kieu_mau::storage::map_error(error),
            expected,
            "{name}"
        );
    }
}

/// The records an app of schema `version` keeps, built from a real province's data: the device,
/// the ward profile and the settings record (quotas, catalogue choices, imported digests) in
/// `meta`, one record per unit and per assessment, from version 2 on the catalogues, the import
/// log and the audit log, and from version 4 on the key log (the key pair of version 3's `keys`
/// store is made by the test itself). Returns every `(store, key, JSON)` to write, and the store
/// they hold.
fn records_of_version(
    version: u32,
) -> (Vec<(StoreName, String, serde_json::Value)>, pkm_core::Store) {
    use phuong_kieu_mau::state::logs::{AuditEntry, ImportLogEntry, ImportOutcome};
    let fixture = pkm_core::fixtures::nghe_an_2024(3).expect("fixture");
    let store = pkm_core::fixtures::merged_store(&fixture).expect("merged");
    fn json<T: Serialize>(value: &T) -> serde_json::Value {
        serde_json::to_value(value).expect("serialises")
    }
    let mut records = vec![
        (
            StoreName::Meta,
            "device".to_owned(),
            serde_json::json!({"device_id": "dev-cu-1a2b3c", "created_ms": 1_730_000_000_000u64}),
        ),
        (
            StoreName::Meta,
            "ward_profile".to_owned(),
            serde_json::json!({"unit": fixture.ward_bundles[0].ward, "officer": "Nguyễn Thị Hồng", "year": 2024}),
        ),
        (
            StoreName::Meta,
            "store_settings".to_owned(),
            json(&store.settings_part()),
        ),
    ];
    for (id, register) in store.unit_registers() {
        records.push((StoreName::Units, id.to_string(), json(register)));
    }
    for (key, doc) in store.assessments() {
        records.push((
            StoreName::Assessments,
            format!("{}|{}", key.unit, key.year),
            json(doc),
        ));
    }
    if version >= 2 {
        for (id, catalogue) in store.catalogues() {
            records.push((StoreName::Catalogues, id.to_string(), json(catalogue)));
        }
        let entry = ImportLogEntry {
            file_name: "phuong-1.json".into(),
            at_ms: 1_730_000_100_000,
            digest: Some("ab".repeat(32)),
            outcome: ImportOutcome::AlreadyImported,
        };
        records.push((StoreName::ImportLog, entry.key(1), json(&entry)));
        let audit = AuditEntry {
            scope: format!("{}|2024", fixture.ward_bundles[0].ward),
            target: "C01".into(),
            at: store.latest_timestamp().expect("a timestamp"),
            author: "Nguyễn Thị Hồng".into(),
            summary_vi: "Tình trạng: Chưa đánh giá → Đạt".into(),
            summary_en: "Status: Not assessed → Met".into(),
        };
        records.push((StoreName::AuditLog, audit.key(), json(&audit)));
    }
    if version >= 4 {
        let event = pkm_core::key_ledger::KeyEvent {
            unit: fixture.ward_bundles[0].ward.clone(),
            fingerprint: pkm_core::KeyFingerprint::new("ab".repeat(32)).expect("a fingerprint"),
            at_ms: 1_730_000_100_000,
            kind: pkm_core::key_ledger::KeyEventKind::Confirmed {
                by: "Nguyễn Thị Hồng".into(),
            },
        };
        records.push((
            StoreName::KeyLog,
            phuong_kieu_mau::state::logs::key_event_record_key(&event),
            json(&event),
        ));
    }
    for (store, _, _) in &records {
        assert!(
            store.since_version() <= version,
            "{store:?} is not in v{version}"
        );
    }
    // The `keys` store holds structured clones, not JSON: its key pair is made apart.
    let expected: Vec<StoreName> = StoreName::ALL
        .into_iter()
        .filter(|store| store.since_version() <= version && *store != StoreName::Keys)
        .collect();
    let mut found: Vec<StoreName> = records.iter().map(|(store, _, _)| *store).collect();
    found.sort();
    found.dedup();
    assert_eq!(found, expected, "every store of v{version} holds data");
    (records, store)
}

#[wasm_bindgen_test]
async fn every_earlier_schema_version_upgrades_with_nothing_lost() {
    use leptos::prelude::Owner;
    use phuong_kieu_mau::platform::device::DeviceInfo;
    use phuong_kieu_mau::state::session::{Session, load_store};
    for version in 1..SCHEMA_VERSION {
        let owner = Owner::new();
        owner.set();
        let name = db_name(&format!("upgrade-v{version}"));
        let old = Db::open_at_version(&name, version)
            .await
            .expect("opens the old version");
        assert_eq!(old.version(), version);
        let (records, before) = records_of_version(version);
        let mut batch = WriteBatch::new();
        for (store, key, value) in &records {
            batch.put(*store, key, value).expect("encodes");
        }
        old.write(batch)
            .await
            .expect("the old version's data commits");
        // From version 3 on, the old app had made its signing key pair.
        let old_key = if version >= 3 {
            let key = phuong_kieu_mau::platform::signing::ensure_device_key(&old)
                .await
                .expect("the old version's key");
            Some(key.fingerprint())
        } else {
            None
        };
        old.close();

        let db = Db::open(&name).await.expect("upgrades");
        assert_eq!(db.version(), SCHEMA_VERSION, "from v{version}");
        assert_eq!(db.store_names().len(), StoreName::ALL.len());
        for (store, key, value) in &records {
            assert_eq!(
                db.get::<serde_json::Value>(*store, key)
                    .await
                    .expect("reads"),
                Some(value.clone()),
                "v{version}: {store:?} {key}"
            );
        }
        for store in StoreName::ALL
            .into_iter()
            .filter(|store| store.since_version() <= version && *store != StoreName::Keys)
        {
            let expected = records
                .iter()
                .filter(|(found, _, _)| *found == store)
                .count();
            assert_eq!(
                db.count(store).await.expect("counts") as usize,
                expected,
                "v{version}: nothing added to or lost from {store:?}"
            );
        }
        let after = load_store(&db).await.expect("loads after the upgrade");
        assert!(after.same_content(&before), "v{version}: the same store");
        assert_eq!(after.imported(), before.imported());
        // The app starts on the upgraded database: it keeps the old device id and makes its
        // signing key in the store the upgrade added.
        let session = Session::open(
            db.clone(),
            DeviceInfo {
                device_id: "dev-cu-1a2b3c".into(),
                created_ms: 1_730_000_000_000,
            },
        )
        .await
        .expect("a session opens");
        let key = session.device_key().expect("a signing key");
        assert!(!key.private_key_extractable());
        if let Some(old_key) = &old_key {
            assert_eq!(
                &key.fingerprint(),
                old_key,
                "v{version}: the laptop keeps its key"
            );
        }
        assert!(
            db.get_key_object("device").await.expect("reads").is_some(),
            "the key pair is stored"
        );
        drop(session);
        db.close();
        Db::delete_database(&name).await.expect("deletes");
    }
}

#[wasm_bindgen_test]
async fn the_keys_store_keeps_structured_clones_and_the_first_record() {
    let name = db_name("keys");
    let db = Db::open(&name).await.expect("opens");
    assert_eq!(db.get_key_object("device").await.expect("reads"), None);
    // A value JSON cannot hold: a typed array inside an object.
    let first = js_sys::Object::new();
    let bytes = js_sys::Uint8Array::from(&[4u8, 1, 2, 3][..]);
    js_sys::Reflect::set(&first, &"raw".into(), &bytes).expect("set");
    db.put_key_object("first", &first).await.expect("commits");
    let kept = db
        .put_key_object_if_absent("first", &js_sys::Object::new().into())
        .await
        .expect("commits");
    let read_raw = |value: &JsValue| -> Vec<u8> {
        let raw = js_sys::Reflect::get(value, &"raw".into()).expect("raw");
        js_sys::Uint8Array::new(&raw).to_vec()
    };
    assert_eq!(
        read_raw(&kept),
        vec![4, 1, 2, 3],
        "the record already there wins"
    );
    let second = js_sys::Object::new();
    js_sys::Reflect::set(
        &second,
        &"raw".into(),
        &js_sys::Uint8Array::from(&[9u8][..]),
    )
    .expect("set");
    let stored = db
        .put_key_object_if_absent("second", &second.into())
        .await
        .expect("commits");
    assert_eq!(read_raw(&stored), vec![9]);
    db.close();
    let reopened = Db::open(&name).await.expect("reopens");
    let again = reopened
        .get_key_object("first")
        .await
        .expect("reads")
        .expect("still there");
    assert_eq!(read_raw(&again), vec![4, 1, 2, 3]);
    assert_eq!(reopened.count(StoreName::Keys).await.expect("counts"), 2);
    reopened.close();
    Db::delete_database(&name).await.expect("deletes");
}

/// Evidence files (issue 23): a record holding a `Blob`, stored by hash in the `attachments`
/// store, reads back byte for byte after reopening; storing the same hash again keeps one record.
#[wasm_bindgen_test]
async fn an_evidence_file_is_stored_as_a_blob_by_hash_and_reads_back_after_reopening() {
    use phuong_kieu_mau::platform::images::{blob_bytes, blob_of};
    let name = db_name("attachments");
    let bytes = b"%PDF-1.7 minutes of the inspection".to_vec();
    let hash = pkm_core::attachment::sha256_hex(&bytes);
    let record = || {
        let object = js_sys::Object::new();
        let blob = blob_of(&bytes, "application/pdf").expect("a blob");
        js_sys::Reflect::set(&object, &"name".into(), &"Biên bản.pdf".into()).unwrap();
        js_sys::Reflect::set(&object, &"blob".into(), &blob.into()).unwrap();
        JsValue::from(object)
    };
    let db = Db::open(&name).await.expect("opens");
    db.put_attachments(&[(hash.clone(), record())])
        .await
        .expect("commits");
    db.put_attachments(&[(hash.clone(), record())])
        .await
        .expect("the same file again commits");
    db.close();
    let db = Db::open(&name).await.expect("reopens");
    assert_eq!(
        db.attachment_hashes().await.expect("keys"),
        vec![hash.clone()]
    );
    let found = db
        .get_attachment(&hash)
        .await
        .expect("reads")
        .expect("held");
    let blob: web_sys::Blob =
        wasm_bindgen::JsCast::unchecked_into(js_sys::Reflect::get(&found, &"blob".into()).unwrap());
    assert_eq!(blob_bytes(&blob).await.expect("bytes"), bytes);
    assert!(
        db.get_attachment(&"0".repeat(64))
            .await
            .expect("reads")
            .is_none()
    );
    db.close();
    Db::delete_database(&name).await.expect("deletes");
}
