//! Storage pressure on the release build: past 80 % of the quota the status area warns; when the
//! disk is full the app says so in Vietnamese, keeps what was typed on screen, offers "export
//! now" whose file holds the unsaved change, and saves again once there is room.
//!
//! What is simulated, and how: a real full disk cannot be made here (Chromium gives a site a
//! share of the whole disk, and `Storage.overrideQuotaForOrigin` did not change what the app
//! saw), so the test replaces two browser functions inside the page. `navigator.storage.estimate`
//! reports 85 % of a 1 GB quota; `IDBObjectStore.prototype.put` throws the `DOMException` named
//! `QuotaExceededError` that a full disk produces. Everything from there on (the error mapping,
//! the session, the banner, the signed export) is the app's real code.

use std::time::Duration;

use pkm_core::{CriterionId, Limits, read_bundle};
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;
use pkm_e2e::{app, dist_dir, store_dump, ward};

/// The note of `criterion` in every assessment record on disk.
fn notes_on_disk(s: &Session, criterion: &str) -> Vec<String> {
    let dump = store_dump::dump(s).unwrap();
    let mut notes = Vec::new();
    for record in dump["assessments"].as_array().into_iter().flatten() {
        let text = record[1].as_str().unwrap_or_default();
        let doc: pkm_core::AssessmentDoc = serde_json::from_str(text).unwrap();
        let id = CriterionId::new(criterion).unwrap();
        if let Some(entry) = doc.entry(&id) {
            notes.push(entry.note.clone());
        }
    }
    notes
}

#[test]
#[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
fn a_full_disk_is_said_in_vietnamese_keeps_the_screen_and_exports_from_memory() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, false).unwrap();
    assert!(s.find("[data-testid=storage-warning]").unwrap().is_none());

    // 85 % of the quota used: the next commit reads the estimate again, and the warning shows.
    s.execute(
        "StorageManager.prototype.estimate = function () {
           return Promise.resolve({ usage: 850 * 1024 * 1024, quota: 1000 * 1024 * 1024 });
         };",
        vec![],
    )
    .unwrap();
    ward::set_status(s, "C01", "met").unwrap();
    ward::wait_criterion_saved(s, "C01").unwrap();
    let warning = app::text_of(s, "[data-testid=storage-warning]").unwrap();
    assert!(
        warning.contains("Bộ nhớ dành cho ứng dụng sắp đầy") && warning.contains("85 %"),
        "{warning}"
    );

    // The disk is full: the change is not saved, the app says why, the text stays.
    s.execute(
        "const proto = IDBObjectStore.prototype;
         proto.__pkmRealPut = proto.put;
         proto.put = function () {
           throw new DOMException('simulated: the disk is full', 'QuotaExceededError');
         };",
        vec![],
    )
    .unwrap();
    ward::type_note(s, "C05", "Ghi khi ổ đĩa đầy").unwrap();
    s.wait_for_attribute(
        "[data-testid=criterion-C05] [data-testid=save-status]",
        "data-state",
        "failed",
    )
    .unwrap();
    let said = app::text_of(s, "[data-testid=criterion-C05] [data-testid=save-status]").unwrap();
    assert!(said.contains("Bộ nhớ của máy đã đầy"), "{said}");
    let banner = app::text_of(s, "[data-testid=storage-full]").unwrap();
    assert!(
        banner.contains("Bộ nhớ của máy đã đầy nên thay đổi mới chưa được lưu"),
        "{banner}"
    );
    assert_eq!(
        app::input_value(s, "note-C05").unwrap(),
        "Ghi khi ổ đĩa đầy"
    );
    assert!(notes_on_disk(s, "C05").iter().all(|note| note.is_empty()));
    app::screenshot(s, "storage-full").unwrap();

    // "Export now": the file holds the unsaved note, and is signed like every export.
    let clicked = std::time::SystemTime::now();
    app::click(
        s,
        "[data-testid=storage-full] [data-testid=export-from-memory]",
    )
    .unwrap();
    let exported = app::text_of(
        s,
        "[data-testid=storage-full] [data-testid=exported-from-memory]",
    )
    .unwrap();
    assert!(
        exported.starts_with("Đã xuất tệp: pkm-16678-"),
        "{exported}"
    );
    let file = browser.wait_for_download_since(clicked, |name| name.starts_with("pkm-16678-"));
    let bytes = std::fs::read(&file).unwrap();
    let bundle = read_bundle(&bytes, &Limits::default()).expect("a valid bundle");
    assert!(bundle.signature().is_some());
    let c05 = CriterionId::new("C05").unwrap();
    let notes: Vec<String> = bundle
        .content
        .assessments()
        .values()
        .filter_map(|doc| doc.entry(&c05).map(|entry| entry.note.clone()))
        .collect();
    assert_eq!(notes, ["Ghi khi ổ đĩa đầy"]);
    assert!(
        notes_on_disk(s, "C05").iter().all(|note| note.is_empty()),
        "exporting wrote nothing"
    );

    // Room again: the next change is saved, the banner goes, and nothing typed was lost.
    s.execute(
        "const proto = IDBObjectStore.prototype; proto.put = proto.__pkmRealPut;",
        vec![],
    )
    .unwrap();
    ward::type_note(s, "C05", "Ghi khi ổ đĩa đầy, nay đã lưu").unwrap();
    ward::wait_criterion_saved(s, "C05").unwrap();
    s.wait_until(Duration::from_secs(10), "the banner to go", || {
        Ok(s.find("[data-testid=storage-full]")?
            .is_none()
            .then_some(()))
    })
    .unwrap();
    s.refresh().unwrap();
    s.wait_for_attribute("[data-testid=criterion-C01]", "data-status", "met")
        .unwrap();
    assert_eq!(
        app::input_value(s, "note-C05").unwrap(),
        "Ghi khi ổ đĩa đầy, nay đã lưu"
    );
}

#[test]
#[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
fn the_province_workspace_offers_its_merged_file_when_the_disk_is_full() {
    let fixture = pkm_core::fixtures::nghe_an_2024(2024).unwrap();
    let dir = app::temp_folder("province-full-disk");
    let file = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let first = vec![
        file("cau-hinh.json", &fixture.config_bundle),
        file("phuong-1.json", &fixture.ward_bundles[0].json),
    ];
    // Two files, imported together in one transaction: the failed write refuses both.
    let late = vec![
        file("phuong-2.json", &fixture.ward_bundles[1].json),
        file("phuong-3.json", &fixture.ward_bundles[2].json),
    ];
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/nhap")).unwrap();
    let province = fixture.province.to_string();
    let (_, lines) = app::province_import_confirming(s, &first, &[&province]).unwrap();
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );
    let before = store_dump::count(&store_dump::dump(s).unwrap(), "assessments");

    s.execute(
        "IDBObjectStore.prototype.put = function () {
           throw new DOMException('simulated: the disk is full', 'QuotaExceededError');
         };",
        vec![],
    )
    .unwrap();
    app::click(s, "[data-testid=import-again]").unwrap();
    let (_, lines) = app::province_import(s, &late).unwrap();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    for line in &lines {
        assert_eq!(line.state, "rejected", "{line:?}");
        assert!(
            line.text.contains("đầy"),
            "the full disk is named: {line:?}"
        );
    }
    let banner = app::text_of(s, "[data-testid=storage-full]").unwrap();
    assert!(banner.contains("Bộ nhớ của máy đã đầy"), "{banner}");
    let clicked = std::time::SystemTime::now();
    app::click(
        s,
        "[data-testid=storage-full] [data-testid=export-from-memory]",
    )
    .unwrap();
    let exported = app::text_of(
        s,
        "[data-testid=storage-full] [data-testid=exported-from-memory]",
    )
    .unwrap();
    assert!(
        exported.starts_with("Đã xuất tệp: pkm-tong-hop-"),
        "{exported}"
    );
    let merged = browser.wait_for_download_since(clicked, |name| name.starts_with("pkm-tong-hop-"));
    let bundle =
        read_bundle(&std::fs::read(&merged).unwrap(), &Limits::default()).expect("a valid bundle");
    assert_eq!(
        bundle.content.assessments().len(),
        before,
        "what was imported before the disk filled"
    );
    assert_eq!(
        store_dump::count(&store_dump::dump(s).unwrap(), "assessments"),
        before,
        "the failed import wrote nothing"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
