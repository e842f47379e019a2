//! A province's smaller longest side reaches its wards (issue 23), as people do it: a ward sends
//! its first file (no evidence files yet); the provincial office imports it, sets photos to be
//! kept at 800 px and downloads its config; a new ward laptop is set up from that config and
//! attaches a 12-megapixel photo. The photo stored in IndexedDB is 800 px on its longest side
//! (decoded back in the browser), and the screen shows the original and the stored size.

use std::time::Duration;

use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;
use pkm_e2e::{app, axe, ward};
use pkm_e2e::{dist_dir, workspace_root};
use serde_json::{Value, json};

const ITEM: &str = "[data-testid=criterion-C06] [data-testid=evidence]";

/// The province's config file, with photos kept at 800 px.
fn province_config(server: &StaticServer) -> std::path::PathBuf {
    let ward_browser = Browser::launch();
    let s = ward_browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, true).unwrap();
    let first = ward::export_bundle(&ward_browser, s, ward::HUNG_DUNG.ward_code).unwrap();

    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/thiet-lap")).unwrap();
    app::fill(s, "office-reviewer", "Đ/c Lê Thẩm Định").unwrap();
    app::wait_saved(s).unwrap();
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").unwrap();
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &[first]).unwrap();
    app::confirm_every_question(s).unwrap();
    let confirm = s.wait_for("[data-testid=import-confirm]").unwrap();
    s.click(&confirm).unwrap();
    app::wait_until_imported(s, 1, Duration::from_secs(60)).unwrap();
    app::click(s, "[data-testid=province-nav] a[href='/tinh/thiet-lap']").unwrap();
    s.wait_for("[data-testid=evidence-limits-form]").unwrap();
    app::fill(s, "evidence-longest-side", "800").unwrap();
    app::click(s, "[data-testid=evidence-limits-form] button[type=submit]").unwrap();
    s.wait_for_text(
        "[data-testid=evidence-limits]",
        "Giới hạn tệp đính kèm: 20 MB mỗi tệp, 300 MB mỗi phường, ảnh thu nhỏ về 800 điểm ảnh.",
    )
    .unwrap();
    #[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
    let clicked = std::time::SystemTime::now();
    app::click(s, "[data-testid=download-config]").unwrap();
    let config = browser.wait_for_download_since(clicked, |name| name.starts_with("pkm-cau-hinh-"));
    let value: Value = serde_json::from_slice(&std::fs::read(&config).unwrap()).unwrap();
    assert_eq!(
        value["content"]["units"]["40"][0]["value"]["attachment_limits"]["longest_side"],
        json!(800)
    );
    // The province's browser (and its downloads folder) goes away: keep the file, as a USB
    // stick would.
    let kept = app::temp_folder("evidence-800px").join("pkm-cau-hinh-40.json");
    std::fs::copy(&config, &kept).unwrap();
    kept
}

/// The stored photos' records read back in the page: `[name, width, height, size,
/// original_size]`, each decoded from its Blob by the browser.
fn stored_photos(s: &Session) -> Value {
    s.execute_async(
        r#"const done = arguments[arguments.length - 1];
           const open = indexedDB.open('phuong-kieu-mau');
           open.onerror = () => done(String(open.error));
           open.onsuccess = () => {
             const all = open.result.transaction('attachments').objectStore('attachments').getAll();
             all.onerror = () => done(String(all.error));
             all.onsuccess = async () => {
               const photos = [];
               for (const record of all.result) {
                 if (!record.type.startsWith('image/')) continue;
                 const bitmap = await createImageBitmap(record.blob);
                 photos.push([record.name, bitmap.width, bitmap.height, record.size,
                              record.original_size, record.blob.size]);
                 bitmap.close();
               }
               open.result.close();
               done(photos);
             };
           };"#,
        vec![],
    )
    .unwrap()
}

#[test]
fn a_provinces_smaller_longest_side_is_applied_on_a_ward_laptop_set_up_from_its_config() {
    let server = StaticServer::start(dist_dir());
    let config = province_config(&server);

    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    app::upload(s, "#config-file", &[config]).unwrap();
    ward::confirm_question(s, "40").unwrap();
    app::click(
        s,
        &format!("#config-ward option[value='{}']", ward::HUNG_DUNG.ward_code),
    )
    .unwrap();
    app::fill(s, "config-officer", ward::HUNG_DUNG.officer).unwrap();
    app::click(s, "#from-config-title ~ form button[type=submit]").unwrap();
    s.wait_for("[data-testid=ward-unit]").unwrap();
    ward::start_assessment(s, true).unwrap();
    ward::add_evidence(
        s,
        "C06",
        "12/BB-CAP",
        "12/03/2026",
        "Công an phường",
        "Ảnh trụ sở",
    )
    .unwrap();
    let photo = workspace_root().join("tests/bundles/files/premises-12mp.jpg");
    let original = std::fs::metadata(&photo).unwrap().len();
    app::upload(s, &format!("{ITEM} [data-testid=attach-files]"), &[photo]).unwrap();
    let sizes = s
        .wait_for(&format!("{ITEM} [data-testid=attachment-sizes]"))
        .unwrap();
    let shown = s.text(&sizes).unwrap();
    ward::wait_all_saved(s).unwrap();

    let photos = stored_photos(s);
    let photos = photos.as_array().unwrap_or_else(|| panic!("{photos}"));
    assert_eq!(photos.len(), 1, "{photos:?}");
    let [name, width, height, size, original_size, blob_size] =
        photos[0].as_array().unwrap().as_slice()
    else {
        panic!("{photos:?}")
    };
    assert_eq!(name, "premises-12mp.jpg");
    // 4,000 × 3,000 kept at 800 on its longest side: 800 × 600.
    assert_eq!((width.as_u64(), height.as_u64()), (Some(800), Some(600)));
    assert_eq!(original_size.as_u64(), Some(original));
    assert_eq!(size, blob_size);
    let stored = size.as_u64().unwrap();
    assert!(stored < original, "{stored} < {original}");
    // The screen shows both sizes: the original's and the stored one's (whole KB, rounded up).
    assert!(shown.contains("gốc 158 KB"), "{shown}");
    let stored_kb = format!("đã lưu {} KB", (stored as f64 / 1000.0).ceil());
    assert!(
        shown.contains(&stored_kb),
        "{shown} (stored {stored} bytes)"
    );
    assert!(shown.contains("đã thu nhỏ"), "{shown}");

    axe::assert_clean(s, "the ward's photo kept at the province's 800 px");
    let files = s
        .wait_for(&format!("{ITEM} [data-testid=attachments]"))
        .unwrap();
    s.execute(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![files.as_arg()],
    )
    .unwrap();
    let shot = app::screenshot(s, "ward-evidence-800px").unwrap();
    std::fs::copy(
        shot,
        workspace_root().join("docs/screenshots/ward-evidence-800px.png"),
    )
    .unwrap();
}
