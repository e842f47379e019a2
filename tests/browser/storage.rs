//! The storage layer in a real browser: open, upgrade with data, write then read back, and each
//! failure kind mapped to its `StorageError`.

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
