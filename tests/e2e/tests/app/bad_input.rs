//! Bad input end to end: every file of the bad-input corpus (one per problem code, plus the
//! generated hostile ones up to 129 MiB) is refused by the ward workspace's import with its own
//! Vietnamese message, and the stored data is byte for byte what it was (IndexedDB read through
//! the page, and the ward's exported bundle before and after); a valid file with HTML and script
//! in every text field is taken, and shown as text everywhere, never as markup.

use std::time::Duration;

use pkm_core::fixtures::hostile::{self, HtmlBundleSpec};
use pkm_core::{
    BundleId, ExportedAt, HeaderInput, Limits, SecretKey, Selection, UnitId, read_bundle,
    write_bundle,
};
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;
use pkm_e2e::{app, corpus, dist_dir, store_dump, ward};
use serde_json::Value;

/// The refusal's opening words on the ward page.
const REFUSED_VI: &str = "bị từ chối, không có gì thay đổi.";

/// The ward bundle's text without the parts that say when it was exported.
fn content_of(path: &std::path::Path) -> (String, Value) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let header = value["header"].clone();
    let object = value.as_object_mut().unwrap();
    object.remove("header");
    object.remove("integrity");
    let mut header = header;
    let header_object = header.as_object_mut().unwrap();
    header_object.remove("exported_at");
    header_object.remove("bundle_id");
    (serde_json::to_string(&value).unwrap(), header)
}

fn fill_some_data(s: &Session) {
    ward::set_status(s, "C01", "met").unwrap();
    ward::type_note(s, "C01", "Nghị quyết 12-NQ/ĐU ngày 05/01").unwrap();
    ward::add_evidence(
        s,
        "C02",
        "15/KH-CAP",
        "10/02/2026",
        "Công an phường",
        "Kế hoạch tuần tra",
    )
    .unwrap();
    app::fill(s, "figure-C04", "96,5").unwrap();
    ward::wait_all_saved(s).unwrap();
}

#[test]
fn every_bad_file_is_refused_with_its_own_message_and_changes_nothing() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, false).unwrap();
    fill_some_data(s);

    let dir = browser.profile().join("bad-corpus");
    let files = corpus::ward_page_corpus(&dir);
    let codes: std::collections::BTreeSet<&str> = files.iter().map(|f| f.code.as_str()).collect();
    assert!(
        files.len() >= 50 && codes.len() >= 40,
        "{} files, {} codes",
        files.len(),
        codes.len()
    );

    let exported_before = ward::export_bundle(&browser, s, "16678").unwrap();
    let before = store_dump::dump(s).unwrap();
    let mut logged = store_dump::count(&before, "import_log");
    let data_before = store_dump::without(before, "import_log");
    let started = std::time::Instant::now();
    for file in &files {
        let name = file.name();
        let line = ward::import_file(s, &file.path).unwrap();
        assert!(
            line.contains(&file.expected_vi),
            "{name} ({}): the page says {line:?}, expected {:?}",
            file.code,
            file.expected_vi
        );
        if file.code != "too-large" {
            assert!(line.contains(REFUSED_VI), "{name}: {line}");
        }
        let bad = s
            .find("[data-testid=import-file-results] li.pkm-results--bad")
            .unwrap();
        assert!(bad.is_some(), "{name}: the line is not marked as a refusal");
        let after = store_dump::dump(s).unwrap();
        // Only the import log changes: one "refused" entry per file read (a file over the size
        // limit is not even read).
        let expected_log = logged + usize::from(file.code != "too-large");
        assert_eq!(
            store_dump::count(&after, "import_log"),
            expected_log,
            "{name}: the import log"
        );
        logged = expected_log;
        assert!(
            store_dump::without(after, "import_log") == data_before,
            "{name}: the stored data changed"
        );
        if file.code == "wrong-digest" {
            app::screenshot(s, "bad-input-wrong-digest").unwrap();
        }
    }
    eprintln!(
        "{} bad files ({} codes) imported and refused in {:?}",
        files.len(),
        codes.len(),
        started.elapsed()
    );

    // The in-memory store the export is written from is unchanged too.
    let exported_after = ward::export_bundle(&browser, s, "16678").unwrap();
    assert_ne!(exported_before, exported_after, "two exports, two files");
    let (content_before, header_before) = content_of(&exported_before);
    let (content_after, header_after) = content_of(&exported_after);
    assert_eq!(content_before, content_after, "the exported content");
    assert_eq!(
        header_before, header_after,
        "the export header, but for its time"
    );

    // And the page still works.
    s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
    ward::type_note(s, "C03", "Sau khi thử các tệp hỏng").unwrap();
    ward::wait_criterion_saved(s, "C03").unwrap();
}

/// The config bundle of `province` written from the content of the ward bundle `ward_json` (its
/// units, catalogue and choices), signed by the province's test key.
fn province_config_of(ward_json: &str, province: &UnitId) -> String {
    let bundle = read_bundle(ward_json.as_bytes(), &Limits::default()).unwrap();
    let latest = bundle.content.latest_timestamp().unwrap();
    let header = HeaderInput {
        app_version: "e2e".into(),
        bundle_id: BundleId::new("e2e-html-config").unwrap(),
        exported_at: ExportedAt {
            text: bundle.header.exported_at.text.clone(),
            hlc: latest.clone(),
        },
        device_id: latest.device.clone(),
        unit_id: province.clone(),
    };
    let json = write_bundle(
        &bundle.content,
        &Selection::Config(province.clone()),
        &header,
    )
    .unwrap();
    let mut config = read_bundle(json.as_bytes(), &Limits::default()).unwrap();
    config
        .sign_with(&SecretKey::for_tests(province.as_str()))
        .unwrap();
    config.to_json().unwrap()
}

/// Fields of the HTML bundle and the page that shows each.
const SHOWN: [(&str, &str); 14] = [
    ("ward-name", "/phuong"),
    ("province-name", "/phuong"),
    ("title-C01", "/phuong"),
    ("hint-C02", "/phuong"),
    ("note-C03", "/phuong"),
    ("evidence-number-C01", "/phuong"),
    ("evidence-issuer-C02", "/phuong"),
    ("evidence-description-C03", "/phuong"),
    ("action-task", "/phuong/khac-phuc"),
    ("action-owner", "/phuong/khac-phuc"),
    ("request-description", "/phuong/khac-phuc"),
    ("request-unit", "/phuong/khac-phuc"),
    ("ward-name", "/phuong/trao-doi"),
    ("note-C03", "/phuong/in"),
];

/// Everything a person can read on the page: its text and the values of its form fields.
fn readable_text(s: &Session) -> String {
    s.execute(
        "return document.body.innerText + '\\n' + Array.from(document.querySelectorAll('input, textarea, select')).map(e => e.value).join('\\n');",
        vec![],
    )
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Nothing of the payloads became markup or ran.
fn assert_inert(s: &Session, page: &str) {
    let found = s
        .execute(
            "return { ran: window.__pkmXss || null, injected: document.querySelectorAll('[id^=\"pkm-injected-\"], img[src=\"x\"], svg[onload], body script').length };",
            vec![],
        )
        .unwrap();
    assert_eq!(found["ran"], Value::Null, "{page}: a payload ran: {found}");
    assert_eq!(
        found["injected"], 0,
        "{page}: a payload became markup: {found}"
    );
}

#[test]
#[allow(clippy::disallowed_methods)] // The bundle's clock is set just after the page's edits.
fn html_and_script_in_every_field_is_shown_as_text_and_never_runs() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    let year: u16 = app::input_value(s, "year").unwrap().parse().unwrap();
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let spec = HtmlBundleSpec {
        province: UnitId::new("40").unwrap(),
        ward: UnitId::new("16678").unwrap(),
        year,
        // Later than the first run's edits, so the bundle's unit names are the ones shown.
        start_ms: now_ms + 60_000,
    };
    let text = hostile::html_everywhere(&spec).unwrap();
    // A ward's file may not rename its units (they are the province's to name): the HTML names
    // come in the province's config, built from the same content and signed by a test key of the
    // province, whose key this laptop confirms once; then the ward's file, unsigned, is accepted
    // once.
    let config = province_config_of(&text, &spec.province);
    let config_path = browser.profile().join("pkm-40-html-config.json");
    std::fs::write(&config_path, config).unwrap();
    let line = ward::import_confirming(s, &config_path, spec.province.as_str()).unwrap();
    assert!(!line.contains("từ chối"), "{line}");
    let path = browser.profile().join("pkm-16678-html.json");
    std::fs::write(&path, text).unwrap();
    let line = ward::import_confirming(s, &path, spec.ward.as_str()).unwrap();
    assert!(!line.contains("từ chối"), "{line}");
    app::screenshot(s, "html-import").unwrap();

    let mut seen: Vec<(&str, &str)> = Vec::new();
    for page in [
        "/phuong",
        "/phuong/khac-phuc",
        "/phuong/trao-doi",
        "/phuong/in",
    ] {
        s.goto(&server.url(page)).unwrap();
        s.wait_for("[data-testid=ward-unit]").unwrap();
        if page == "/phuong" {
            s.wait_for("[data-testid=criterion-C03]").unwrap();
        }
        // Let every part of the page render.
        std::thread::sleep(Duration::from_millis(500));
        assert_inert(s, page);
        let readable = readable_text(s);
        for (field, shown_on) in SHOWN {
            if shown_on == page && readable.contains(&hostile::payload(field)) {
                seen.push((field, page));
            }
        }
        let name = format!("html{}", page.replace('/', "-"));
        app::full_page_screenshot(s, &name).unwrap();
    }
    let missing: Vec<_> = SHOWN.iter().filter(|entry| !seen.contains(entry)).collect();
    assert!(missing.is_empty(), "not shown as text: {missing:?}");
}
