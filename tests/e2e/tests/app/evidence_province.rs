//! Evidence files travel to the province (issue 23), as people do it: the ward officer attaches
//! a 12-megapixel photo and a PDF, reloads, goes offline and exports a `.pkmz`; a provincial
//! office on another laptop imports it, and the review screen shows the evidence with a
//! thumbnail of the photo, the photo in the viewer (arrow keys, Esc, the focus back on its
//! button) and the PDF in a frame from a `blob:` URL, offline too. A bad container is refused
//! with its message and writes nothing. Every new state passes axe.

use std::time::Duration;

use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::{Session, keys};
use pkm_e2e::{app, axe, store_dump, ward};
use pkm_e2e::{dist_dir, workspace_root};
use serde_json::{Value, json};

const ITEM: &str = "[data-testid=criterion-C06] [data-testid=evidence]";
const ROW: &str = "tr[data-criterion=C06]";

fn file(name: &str) -> std::path::PathBuf {
    workspace_root().join("tests/bundles/files").join(name)
}

/// Saves a screenshot under `docs/screenshots/<name>.png`, where it is looked at.
fn shoot(s: &Session, name: &str) {
    let shot = app::screenshot(s, name).unwrap();
    let docs = workspace_root().join(format!("docs/screenshots/{name}.png"));
    std::fs::copy(shot, docs).unwrap();
}

fn audit(s: &Session, screen: &str) {
    axe::assert_clean(s, screen);
}

/// The ward laptop: a photo and a PDF attached to C06's evidence, kept over a reload, exported
/// offline as a container.
fn ward_exports_a_container(server: &StaticServer, browser: &Browser) -> std::path::PathBuf {
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, true).unwrap();
    ward::set_status(s, "C06", "met").unwrap();
    ward::add_evidence(
        s,
        "C06",
        "12/BB-CAP",
        "12/03/2026",
        "Công an phường",
        "Biên bản kiểm tra trụ sở",
    )
    .unwrap();
    app::upload(
        s,
        &format!("{ITEM} [data-testid=attach-files]"),
        &[file("premises-12mp.jpg"), file("minutes.pdf")],
    )
    .unwrap();
    let stored = |s: &Session| {
        s.wait_until(Duration::from_secs(30), "both files stored", || {
            Ok((s
                .find_all(&format!("{ITEM} [data-testid=attachment-sizes]"))?
                .len()
                == 2)
                .then_some(()))
        })
        .unwrap();
    };
    stored(s);
    ward::wait_all_saved(s).unwrap();
    s.refresh().unwrap();
    stored(s);
    app::wait_until_offline_ready(s).unwrap();
    server.set_unplugged(true);
    s.set_offline(true).unwrap();
    s.refresh().unwrap();
    stored(s);
    let path = ward::export_bundle(browser, s, ward::HUNG_DUNG.ward_code).unwrap();
    assert!(
        path.to_string_lossy().ends_with(".pkmz"),
        "{}",
        path.display()
    );
    server.set_unplugged(false);
    path
}

/// Chooses `files` at the province, says yes to every question, imports, and returns the lines.
fn import(s: &Session, files: &[std::path::PathBuf]) -> Vec<app::ImportLine> {
    app::upload(s, app::PROVINCE_IMPORT_INPUT, files).unwrap();
    app::confirm_every_question(s).unwrap();
    let confirm = s.wait_for("[data-testid=import-confirm]").unwrap();
    s.click(&confirm).unwrap();
    app::wait_until_imported(s, files.len(), Duration::from_secs(60)).unwrap();
    app::file_lines(s, app::IMPORT_RESULTS).unwrap()
}

/// The keys of the attachments store.
fn held(s: &Session) -> Vec<String> {
    let dump = store_dump::dump(s).unwrap();
    dump["attachments"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|pair| pair[0].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the element is the page's focused element.
fn focused(s: &Session, selector: &str) -> bool {
    s.execute(
        "return document.activeElement === document.querySelector(arguments[0]);",
        vec![json!(selector)],
    )
    .unwrap()
        == Value::Bool(true)
}

#[test]
fn the_province_imports_a_wards_files_and_views_them_in_the_review() {
    let server = StaticServer::start(dist_dir());
    let ward_browser = Browser::launch();
    let container = ward_exports_a_container(&server, &ward_browser);

    // The province, on its own laptop: a bad container first, refused, nothing written.
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/thiet-lap")).unwrap();
    app::fill(s, "office-reviewer", "Đ/c Lê Thẩm Định").unwrap();
    app::wait_saved(s).unwrap();
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").unwrap();
    s.wait_for(app::PROVINCE_IMPORT_INPUT).unwrap();
    let before = store_dump::without(store_dump::dump(s).unwrap(), "import_log");
    let bad = workspace_root().join("tests/bundles/bad/hash-mismatch.pkmz");
    let lines = app::province_import(s, &[bad]).unwrap().1;
    assert_eq!(lines[0].state, "rejected", "{lines:#?}");
    assert!(lines[0].text.contains("không khớp"), "{}", lines[0].text);
    let after = store_dump::without(store_dump::dump(s).unwrap(), "import_log");
    assert_eq!(before, after, "a refused container writes nothing");
    assert!(held(s).is_empty());
    app::click(s, "[data-testid=import-again]").unwrap();

    // The ward's bundle alone (its .json, as a v1 app would send it): imported, and its
    // evidence shows both files as not received yet.
    let bytes = std::fs::read(&container).unwrap();
    let read = pkm_core::container::read_container(
        &bytes,
        &pkm_core::bundle::ReadOptions::default(),
        &pkm_core::Store::new(),
    )
    .unwrap();
    let json_only = app::temp_folder("evidence-json-only").join("phuong-16678.json");
    std::fs::write(&json_only, read.bundle.to_json().unwrap()).unwrap();
    let lines = import(s, &[json_only]);
    assert_eq!(lines[0].state, "imported", "{lines:#?}");
    app::click(s, "[data-testid=province-nav] a[href='/tinh/xet-duyet']").unwrap();
    s.wait_until(Duration::from_secs(20), "the files not received", || {
        let missing = s.find_all(&format!("{ROW} [data-testid=attachment-missing]"))?;
        Ok((missing.len() == 2).then_some(()))
    })
    .unwrap();
    let text = app::text_of(s, &format!("{ROW} [data-testid=review-files]")).unwrap();
    assert!(text.contains("tệp đính kèm chưa nhận"), "{text}");
    audit(s, "the review with files not received");
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").unwrap();

    // Then the container: the bundle is in already, its two files go in, each stored once by
    // its hash.
    let lines = import(s, &[container]);
    assert_eq!(lines[0].state, "already", "{lines:#?}");
    let hashes = held(s);
    assert_eq!(hashes.len(), 2, "{hashes:?}");
    let minutes = std::fs::read(file("minutes.pdf")).unwrap();
    assert!(hashes.contains(&pkm_core::attachment::sha256_hex(&minutes)));

    // Offline from here: the review reads everything from this laptop.
    app::wait_until_offline_ready(s).unwrap();
    server.set_unplugged(true);
    s.set_offline(true).unwrap();
    s.refresh().unwrap();
    app::click(s, "[data-testid=province-nav] a[href='/tinh/xet-duyet']").unwrap();
    let thumb = format!("{ROW} [data-testid=review-thumb]");
    s.wait_for(&thumb).unwrap();
    let loaded = s
        .wait_until(Duration::from_secs(20), "the thumbnail", || {
            let size = s.execute(
                "const img = document.querySelector(arguments[0] + ' img');
                 return img && img.complete ? [img.naturalWidth, img.src] : null;",
                vec![json!(thumb)],
            )?;
            Ok((!size.is_null()).then_some(size))
        })
        .unwrap();
    assert!(loaded[0].as_u64().unwrap() > 0, "{loaded}");
    assert!(loaded[1].as_str().unwrap().starts_with("blob:"), "{loaded}");
    s.execute(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
        vec![json!(ROW)],
    )
    .unwrap();
    shoot(s, "province-review-files");
    audit(s, "the review with files");

    // The photo in the viewer; the arrow moves to the PDF, in its frame; Esc closes; the focus
    // returns to the thumbnail.
    app::click(s, &thumb).unwrap();
    let image = s.wait_for("[data-testid=viewer-image]").unwrap();
    s.wait_until(Duration::from_secs(20), "the photo in the viewer", || {
        let width = s.property(&image, "naturalWidth")?;
        Ok((width.as_u64().unwrap_or(0) > 0).then_some(()))
    })
    .unwrap();
    assert!(
        s.attribute(&image, "src")
            .unwrap()
            .unwrap()
            .starts_with("blob:")
    );
    shoot(s, "province-review-viewer");
    audit(s, "the viewer with the photo");
    s.press(&[keys::RIGHT]).unwrap();
    let frame = s.wait_for("[data-testid=viewer-pdf]").unwrap();
    let src = s.attribute(&frame, "src").unwrap().unwrap_or_default();
    assert!(src.starts_with("blob:"), "{src}");
    // The frame's document is the PDF the blob holds (the browser's own viewer shows it).
    let loaded = s
        .wait_until(Duration::from_secs(20), "the PDF in its frame", || {
            let found = s.execute(
                "const d = document.querySelector('[data-testid=viewer-pdf]').contentDocument;
                 return d && d.readyState === 'complete' ? [d.contentType, d.URL] : null;",
                vec![],
            )?;
            Ok((!found.is_null()).then_some(found))
        })
        .unwrap();
    assert_eq!(loaded[0], json!("application/pdf"), "{loaded}");
    assert_eq!(loaded[1], json!(src), "{loaded}");
    std::thread::sleep(Duration::from_secs(2));
    shoot(s, "province-review-pdf");
    audit(s, "the viewer with the PDF");
    s.press(&[keys::ESCAPE]).unwrap();
    s.wait_until(Duration::from_secs(10), "the viewer closed", || {
        let open = s.execute(
            "return document.querySelector('[data-testid=viewer][open]') !== null;",
            vec![],
        )?;
        Ok((open == Value::Bool(false)).then_some(()))
    })
    .unwrap();
    assert!(focused(s, &thumb), "the focus returns to the thumbnail");

    // The province sets its limits (offline still); the config file carries them to its wards.
    app::click(s, "[data-testid=province-nav] a[href='/tinh/thiet-lap']").unwrap();
    s.wait_for("[data-testid=evidence-limits-form]").unwrap();
    let shown = app::text_of(s, "[data-testid=evidence-limits]").unwrap();
    assert!(
        shown.contains("20 MB mỗi tệp, 300 MB mỗi phường"),
        "{shown}"
    );
    app::fill(s, "evidence-per-file", "150").unwrap();
    app::click(s, "[data-testid=evidence-limits-form] button[type=submit]").unwrap();
    let refused = app::text_of(s, "[data-testid=evidence-limits-form] [role=status]").unwrap();
    assert!(refused.contains("Giới hạn phải là số dương"), "{refused}");
    app::fill(s, "evidence-per-file", "5").unwrap();
    app::fill(s, "evidence-per-ward", "50").unwrap();
    app::fill(s, "evidence-longest-side", "1600").unwrap();
    app::click(s, "[data-testid=evidence-limits-form] button[type=submit]").unwrap();
    s.wait_for_text(
        "[data-testid=evidence-limits]",
        "Giới hạn tệp đính kèm: 5 MB mỗi tệp, 50 MB mỗi phường, ảnh thu nhỏ về 1600 điểm ảnh.",
    )
    .unwrap();
    s.wait_for_text(
        "[data-testid=evidence-limits-form] [role=status]",
        "Đã lưu giới hạn mới.",
    )
    .unwrap();
    audit(s, "the setup with the limits");
    let form = s.wait_for("[data-testid=evidence-limits-form]").unwrap();
    s.execute(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![form.as_arg()],
    )
    .unwrap();
    shoot(s, "province-evidence-limits");
    #[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
    let clicked = std::time::SystemTime::now();
    app::click(s, "[data-testid=download-config]").unwrap();
    let config_path =
        browser.wait_for_download_since(clicked, |name| name.starts_with("pkm-cau-hinh-"));
    let config: Value = serde_json::from_slice(&std::fs::read(&config_path).unwrap()).unwrap();
    assert_eq!(config["format_version"], json!(2));
    let province = &config["content"]["units"]["40"][0]["value"];
    assert_eq!(
        province["attachment_limits"],
        json!({"per_file": 5_000_000, "per_ward": 50_000_000, "longest_side": 1600}),
        "{province}"
    );

    // The merged bundle for the Ministry carries the files this laptop holds: a .pkmz.
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").unwrap();
    #[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
    let clicked = std::time::SystemTime::now();
    app::click(s, "[data-testid=download-bundle]").unwrap();
    let merged = browser.wait_for_download_since(clicked, |name| name.ends_with(".pkmz"));
    let bytes = std::fs::read(&merged).unwrap();
    let read = pkm_core::container::read_container(
        &bytes,
        &pkm_core::bundle::ReadOptions::default(),
        &pkm_core::Store::new(),
    )
    .unwrap_or_else(|problems| panic!("the merged container is refused: {problems:?}"));
    assert_eq!(read.bundle.kind, pkm_core::BundleKind::Province);
    assert_eq!(read.files.len(), 2);
    assert!(read.missing.is_empty());
    assert_eq!(
        read.files[&pkm_core::attachment::sha256_hex(&minutes)],
        minutes
    );

    a_ward_attaches_within_the_carried_limits(&server, &config_path);
}

/// A new ward laptop set up from the province's config file attaches under the limits it
/// carries (5 MB per file, 50 MB per ward): ten PDFs of 4.9 MB are stored, the eleventh would
/// take the ward past 50 MB and is refused with the per-ward message, and nothing is added.
fn a_ward_attaches_within_the_carried_limits(server: &StaticServer, config: &std::path::Path) {
    // The province worked offline; the new laptop's first visit needs the server.
    server.set_unplugged(false);
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    app::upload(s, "#config-file", &[config.to_path_buf()]).unwrap();
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
        "Biên bản kiểm tra trụ sở",
    )
    .unwrap();
    let folder = app::temp_folder("evidence-per-ward");
    let pdf = |index: usize| {
        let path = folder.join(format!("bien-ban-{index:02}.pdf"));
        let mut bytes = format!("%PDF-1.4\n% {index}\n").into_bytes();
        bytes.resize(4_900_000, b' ');
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let count = |s: &Session| {
        s.find_all(&format!("{ITEM} [data-testid=attachment]"))
            .map(|rows| rows.len())
    };
    let ten: Vec<_> = (1..=10).map(pdf).collect();
    app::upload(s, &format!("{ITEM} [data-testid=attach-files]"), &ten).unwrap();
    s.wait_until(Duration::from_secs(60), "ten files stored", || {
        Ok((count(s)? == 10).then_some(()))
    })
    .unwrap();
    ward::wait_all_saved(s).unwrap();
    app::upload(s, &format!("{ITEM} [data-testid=attach-files]"), &[pdf(11)]).unwrap();
    let message = s
        .text(
            &s.wait_for(&format!("{ITEM} [data-testid=attach-error]"))
                .unwrap(),
        )
        .unwrap();
    assert!(
        message.contains("vượt giới hạn 50 MB cho mỗi phường"),
        "{message}"
    );
    // The ward is named as people know it, not by its code.
    assert!(
        message.contains(&format!("“{}”", ward::HUNG_DUNG.ward)),
        "{message}"
    );
    ward::wait_all_saved(s).unwrap();
    assert_eq!(count(s).unwrap(), 10, "the refused file adds nothing");
}
