//! Key lifecycle end to end (issue 22): the province's keys screen lists each unit's keys with
//! their state and what this laptop saw of them; a revoked key's later file is refused, and a
//! replacement key typed in after a phone call is taken without a question; a ward's second
//! laptop is confirmed beside the first and both import; a forged province bundle (an unknown
//! sender) changes nothing at the province, and a config signed by another key changes nothing at
//! the ward; a ward restores its work on a fresh browser from its own exported file. Screenshots of
//! the keys screen and of the ward's new-laptop guide go to `docs/screenshots/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use pkm_core::fixtures::{self, ProvinceFixture};
use pkm_core::{
    BundleId, CriterionEntry, CriterionId, CriterionStatus, DeviceId, EditContext, ExportedAt,
    HeaderInput, Hlc, KeyFingerprint, Limits, SecretKey, Selection, read_bundle, write_bundle,
};
use pkm_e2e::app::{self, ImportLine, PAGE_TITLE};
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;
use pkm_e2e::ward;
use pkm_e2e::webdriver::Session;

const SEED: u64 = 2024;
const PROVINCE_VI: &str = "Không gian làm việc của Công an tỉnh";
const REVIEWER: &str = "Đ/c Trần Khóa Số";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("a generated file can be written");
    path
}

fn copy_to_docs(from: &Path, name: &str) {
    let target = pkm_e2e::workspace_root()
        .join("docs/screenshots")
        .join(name);
    std::fs::copy(from, &target).expect("the screenshot is copied to docs/");
}

/// The fingerprint of the test key named `name`.
fn test_key(name: &str) -> KeyFingerprint {
    SecretKey::for_tests(name).public_key().fingerprint()
}

/// The ward bundle `base` with criterion `criterion` set to `status` on top (a later export of
/// the same ward), written by `device` and signed by the test key named `key`.
fn ward_edit(
    base: &str,
    criterion: &str,
    status: CriterionStatus,
    device: &str,
    key: &str,
) -> String {
    let bundle = read_bundle(base.as_bytes(), &Limits::default()).expect("the bundle reads");
    let mut store = bundle.content.clone();
    let unit = bundle.header.unit_id.clone();
    let latest = store.latest_timestamp().expect("a timestamp");
    let at = Hlc {
        wall_ms: latest.wall_ms + 60_000,
        logical: 0,
        device: DeviceId::new(device).expect("a device id"),
    };
    let assessment = store
        .assessments()
        .keys()
        .find(|key| key.unit == unit)
        .cloned()
        .expect("the ward's assessment");
    store
        .set_criterion(
            &EditContext::new(at.clone(), format!("Cán bộ máy {device}")),
            &assessment,
            &CriterionId::new(criterion).expect("a criterion id"),
            CriterionEntry::with_status(status),
        )
        .expect("the edit applies");
    let header = HeaderInput {
        app_version: "e2e".into(),
        bundle_id: BundleId::new(format!("e2e-{device}-{criterion}")).expect("a bundle id"),
        exported_at: ExportedAt {
            hlc: at.clone(),
            text: "2024-12-10T09:00:00+07:00".into(),
        },
        device_id: at.device.clone(),
        unit_id: unit.clone(),
    };
    let json = write_bundle(&store, &Selection::Ward(unit), &header).expect("the bundle writes");
    let mut bundle = read_bundle(json.as_bytes(), &Limits::default()).expect("reads");
    bundle.sign_with(&SecretKey::for_tests(key)).expect("signs");
    bundle.to_json().expect("writes")
}

fn open(s: &Session, server: &StaticServer, path: &str) {
    s.goto(&server.url(path)).expect("the page opens");
    s.wait_for_text(PAGE_TITLE, PROVINCE_VI)
        .expect("the province workspace opens");
}

fn line<'a>(lines: &'a [ImportLine], file: &str) -> &'a ImportLine {
    lines
        .iter()
        .find(|line| line.file == file)
        .unwrap_or_else(|| panic!("no line for {file} in {lines:#?}"))
}

/// A province with the reviewer's name set, the fixture's config imported (the province's key
/// confirmed by phone) and `files` with it; returns the result lines.
fn province_with(
    s: &Session,
    server: &StaticServer,
    fixture: &ProvinceFixture,
    dir: &Path,
    files: &[PathBuf],
) -> Vec<ImportLine> {
    open(s, server, "/tinh/thiet-lap");
    app::fill(s, "office-reviewer", REVIEWER).expect("the reviewer's name");
    app::wait_saved(s).expect("the profile is saved");
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").expect("to the import");
    let mut all = vec![write(dir, "cau-hinh.json", &fixture.config_bundle)];
    all.extend_from_slice(files);
    let province = fixture.province.to_string();
    let (_, lines) =
        app::province_import_confirming(s, &all, &[&province]).expect("the import runs");
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );
    lines
}

/// Opens the keys screen from the sub-navigation and waits for its rows.
fn open_keys(s: &Session) {
    app::click(s, "[data-testid=province-nav] a[href='/tinh/khoa-ky-so']").expect("to the keys");
    s.wait_for("[data-testid=key-row]")
        .expect("the keys are listed");
}

/// Imports `files` on the import screen (after "import more" when a result is shown).
fn import_more(s: &Session, files: &[PathBuf]) -> (String, Vec<ImportLine>) {
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").expect("to the import");
    if s.find("[data-testid=import-again]")
        .expect("a look")
        .is_some()
    {
        app::click(s, "[data-testid=import-again]").expect("import more");
    }
    app::province_import(s, files).expect("the import runs")
}

/// The selector of the keys screen's row of `unit`'s key `fingerprint`.
fn row(unit: &str, fingerprint: &KeyFingerprint) -> String {
    format!(
        "[data-testid=key-row][data-unit='{unit}'][data-fingerprint='{}']",
        fingerprint.as_str()
    )
}

/// The text of cell `cell` of the row `row`.
fn cell(s: &Session, row: &str, cell: &str) -> String {
    app::text_of(s, &format!("{row} [data-testid={cell}]")).expect("the cell")
}

#[test]
fn the_keys_screen_revokes_a_key_and_pins_a_replacement_typed_in() {
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let first = &fixture.ward_bundles[0];
    let ward = first.ward.to_string();
    let ward_key = test_key(first.ward.as_str());
    let dir = app::temp_folder("keys-screen");
    let ward_file = write(&dir, "phuong-1.json", &first.json);
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    province_with(s, &server, &fixture, &dir, &[ward_file]);

    // The ward's key came pinned in the config; its file was imported here.
    open_keys(s);
    assert!(
        app::unlabelled_controls(s)
            .expect("the controls")
            .is_empty(),
        "every control has a label"
    );
    let ward_row = row(&ward, &ward_key);
    s.wait_for_attribute(&ward_row, "data-state", "pinned")
        .expect("the ward's key is pinned");
    assert_eq!(cell(s, &ward_row, "key-state"), "Đã ghi nhận");
    let last_used = cell(s, &ward_row, "key-last-used");
    assert!(
        last_used.contains('/') && last_used.contains(':'),
        "{last_used}"
    );
    assert!(
        app::text_of(s, &format!("{ward_row} th code")).expect("the short fingerprint")
            == ward_key.short()
    );
    let section = app::text_of(s, &format!("[data-testid='keys-unit-{ward}'] h3")).expect("h3");
    assert!(
        section.contains(&first.name_vi) && section.contains(&ward),
        "{section}"
    );
    // The province's key: confirmed by the reviewer on the import screen.
    let province_row = row(fixture.province.as_str(), &fixture.province_key);
    s.wait_for_attribute(&province_row, "data-state", "pinned")
        .expect("the province's key is pinned");
    let confirmed = cell(s, &province_row, "key-confirmed");
    assert!(confirmed.starts_with(REVIEWER), "{confirmed}");

    // Revoke the ward's key: a confirmation first (focus on it), Escape cancels, then revoke.
    app::click(s, &format!("{ward_row} [data-testid=key-revoke]")).expect("revoke");
    s.wait_for("[data-testid=key-revoke-dialog]")
        .expect("the confirmation");
    let focused_testid = s
        .execute(
            "return document.activeElement.getAttribute('data-testid');",
            vec![],
        )
        .expect("the focus");
    assert_eq!(focused_testid, "key-revoke-confirm");
    s.press(&[pkm_e2e::webdriver::keys::ESCAPE])
        .expect("Escape");
    s.wait_until(Duration::from_secs(10), "the confirmation closed", || {
        Ok(s.find("[data-testid=key-revoke-dialog]")?
            .is_none()
            .then_some(()))
    })
    .expect("Escape cancels");
    assert_eq!(
        s.find(&ward_row)
            .expect("a look")
            .and_then(|found| s.attribute(&found, "data-state").ok().flatten())
            .as_deref(),
        Some("pinned")
    );
    app::click(s, &format!("{ward_row} [data-testid=key-revoke]")).expect("revoke");
    app::click(s, "[data-testid=key-revoke-confirm]").expect("confirm the revocation");
    s.wait_for_attribute(&ward_row, "data-state", "revoked")
        .expect("the key is revoked");
    assert_eq!(cell(s, &ward_row, "key-state"), "Đã thu hồi");
    assert!(
        cell(s, &ward_row, "key-revoked").starts_with(REVIEWER),
        "who revoked it"
    );
    assert!(
        app::text_of(s, "[data-testid=keys-outcome]")
            .expect("the outcome")
            .starts_with("Đã thu hồi khóa."),
    );

    // A later file signed by the revoked key is refused with the core's words.
    let later = write(
        &dir,
        "phuong-1-sau-thu-hoi.json",
        &ward_edit(
            &first.json,
            "C03",
            CriterionStatus::NotMet,
            "may-cu",
            first.ward.as_str(),
        ),
    );
    let (_, lines) = import_more(s, &[later]);
    let refused = line(&lines, "phuong-1-sau-thu-hoi.json");
    assert_eq!(refused.state, "rejected", "{refused:?}");
    assert!(
        refused.text.contains(&format!(
            "được ký bằng khóa {} đã bị thu hồi",
            ward_key.short()
        )),
        "{refused:?}"
    );

    // The ward's new laptop: its full fingerprint read out by phone, typed in upper case with
    // spaces. A short one is refused first, with the reason.
    let new_key = test_key("may-thay-the");
    open_keys(s);
    let select = s.wait_for("#keys-pin-unit").expect("the unit list");
    s.execute(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![select.as_arg(), serde_json::Value::String(ward.clone())],
    )
    .expect("the unit chosen");
    app::fill(s, "keys-pin-fingerprint", &new_key.short()).expect("typed");
    app::click(s, "[data-testid=keys-pin-submit]").expect("pin");
    s.wait_for_text(
        "[data-testid=keys-pin-problem]",
        "Mã nhận dạng khóa đầy đủ có 64 ký tự, mã vừa nhập có 16; hãy đề nghị phường đọc lại toàn bộ.",
    )
    .expect("a short fingerprint is refused");
    let spoken: String = new_key
        .as_str()
        .to_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|group| std::str::from_utf8(group).expect("hex"))
        .collect::<Vec<_>>()
        .join(" ");
    app::fill(s, "keys-pin-fingerprint", &spoken).expect("typed");
    app::click(s, "[data-testid=keys-pin-submit]").expect("pin");
    let new_row = row(&ward, &new_key);
    s.wait_for_attribute(&new_row, "data-state", "pinned")
        .expect("the replacement is pinned");
    assert!(cell(s, &new_row, "key-confirmed").starts_with(REVIEWER));
    assert_eq!(
        app::input_value(s, "keys-pin-fingerprint").expect("the input"),
        ""
    );

    // A file signed by the replacement key goes in without a question.
    let replaced = write(
        &dir,
        "phuong-1-may-moi.json",
        &ward_edit(
            &first.json,
            "C04",
            CriterionStatus::NotMet,
            "may-moi",
            "may-thay-the",
        ),
    );
    let (summary, lines) = import_more(s, &[replaced]);
    assert!(
        summary.starts_with("1 tệp: 1 tệp sẽ được nhập"),
        "{summary}"
    );
    assert_eq!(line(&lines, "phuong-1-may-moi.json").state, "imported");
    open_keys(s);
    s.wait_until(Duration::from_secs(20), "the replacement used", || {
        let used = cell(s, &new_row, "key-last-used");
        Ok(used.contains(':').then_some(()))
    })
    .expect("the replacement's last use is shown");
    let shot = app::page_screenshot(s, "province-keys", false).expect("a shot");
    copy_to_docs(&shot, "province-keys.png");
}

#[test]
fn a_second_laptop_is_confirmed_beside_the_first_and_both_laptops_import() {
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let first = &fixture.ward_bundles[0];
    let ward = first.ward.to_string();
    let (old_key, second_key) = (test_key(first.ward.as_str()), test_key("may-thu-hai"));
    let dir = app::temp_folder("keys-second-laptop");
    let ward_file = write(&dir, "phuong-1.json", &first.json);
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    province_with(s, &server, &fixture, &dir, &[ward_file]);

    // The second laptop's first file: a new key beside the pinned one, confirmed after a call.
    let second = write(
        &dir,
        "may-hai-lan-1.json",
        &ward_edit(
            &first.json,
            "C03",
            CriterionStatus::NotMet,
            "may-hai",
            "may-thu-hai",
        ),
    );
    app::click(s, "[data-testid=import-again]").expect("import more");
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &[second]).expect("chosen");
    let questions =
        app::wait_for_question(s, &ward, Some(second_key.as_str())).expect("the question");
    assert!(
        questions[0]
            .text
            .contains(&format!("thay cho khóa {}", old_key.short())),
        "{questions:#?}"
    );
    open_keys_seen_then_back(s, &ward, &second_key);
    app::answer(s, &ward, Some(second_key.as_str()), true).expect("confirmed");
    app::click(s, "[data-testid=import-confirm]").expect("import");
    app::wait_until_imported(s, 1, Duration::from_secs(60)).expect("done");
    let lines = app::file_lines(s, app::IMPORT_RESULTS).expect("the results");
    assert_eq!(line(&lines, "may-hai-lan-1.json").state, "imported");

    // Both laptops' next files go in without a question.
    let files = [
        write(
            &dir,
            "may-cu-lan-2.json",
            &ward_edit(
                &first.json,
                "C05",
                CriterionStatus::NotMet,
                "may-cu",
                first.ward.as_str(),
            ),
        ),
        write(
            &dir,
            "may-hai-lan-2.json",
            &ward_edit(
                &first.json,
                "C06",
                CriterionStatus::NotMet,
                "may-hai",
                "may-thu-hai",
            ),
        ),
    ];
    let (summary, lines) = import_more(s, &files);
    assert!(
        summary.starts_with("2 tệp: 2 tệp sẽ được nhập"),
        "{summary}"
    );
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );

    open_keys(s);
    for key in [&old_key, &second_key] {
        s.wait_for_attribute(&row(&ward, key), "data-state", "pinned")
            .expect("both keys pinned");
    }
    let second_row = row(&ward, &second_key);
    assert!(cell(s, &second_row, "key-confirmed").starts_with(REVIEWER));
    assert!(cell(s, &second_row, "key-first-seen").contains('/'));
    assert!(cell(s, &second_row, "key-last-used").contains(':'));
}

/// While a new key waits on the import screen, the keys screen lists it as not confirmed; back
/// on the import screen, the question still waits (the import job outlives the screen).
fn open_keys_seen_then_back(s: &Session, ward: &str, key: &KeyFingerprint) {
    open_keys(s);
    let seen = row(ward, key);
    s.wait_for_attribute(&seen, "data-state", "unconfirmed")
        .expect("the key seen, not confirmed");
    assert_eq!(cell(s, &seen, "key-state"), "Chưa xác nhận");
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").expect("to the import");
}

#[test]
fn a_forged_province_bundle_is_refused_and_the_figures_do_not_move() {
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let dir = app::temp_folder("keys-forged-province");
    let wards: Vec<PathBuf> = fixture
        .ward_bundles
        .iter()
        .map(|ward| write(&dir, &format!("{}.json", ward.ward), &ward.json))
        .collect();
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    province_with(s, &server, &fixture, &dir, &wards);
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    s.wait_for_text("[data-testid=maintained-total]", "16")
        .expect("the figures");
    let before = app::text_of(s, "main").expect("the dashboard");

    let forged = pkm_e2e::workspace_root().join("tests/bundles/bad/unknown-sender.json");
    let (_, lines) = import_more(s, &[forged]);
    let refused = line(&lines, "unknown-sender.json");
    assert_eq!(refused.state, "rejected", "{refused:?}");
    assert!(
        refused
            .text
            .contains("Đơn vị xuất tệp “tinh-gia” không có trong danh sách đơn vị ở máy này"),
        "{refused:?}"
    );
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    s.wait_for_text("[data-testid=maintained-total]", "16")
        .expect("the figures");
    assert_eq!(app::text_of(s, "main").expect("the dashboard"), before);
    // Nor after a reload: nothing was written.
    s.refresh().expect("reload");
    s.wait_for_text("[data-testid=maintained-total]", "16")
        .expect("the figures");
    assert_eq!(app::text_of(s, "main").expect("the dashboard"), before);
}

/// The fixture's config renamed (the province's name changed) and signed by another key.
fn forged_config(fixture: &ProvinceFixture) -> String {
    let bundle =
        read_bundle(fixture.config_bundle.as_bytes(), &Limits::default()).expect("the config");
    let mut store = bundle.content.clone();
    let latest = store.latest_timestamp().expect("a timestamp");
    let at = Hlc {
        wall_ms: latest.wall_ms + 60_000,
        logical: 0,
        device: DeviceId::new("ke-gia-mao").expect("a device id"),
    };
    let mut province = store
        .unit(&fixture.province)
        .cloned()
        .expect("the province");
    province.name_vi = "Công an tỉnh Giả Mạo".into();
    store
        .upsert_unit(&EditContext::new(at.clone(), "Kẻ giả mạo"), province)
        .expect("renamed");
    let header = HeaderInput {
        app_version: "e2e".into(),
        bundle_id: BundleId::new("e2e-forged-config").expect("a bundle id"),
        exported_at: ExportedAt {
            hlc: at.clone(),
            text: "2024-12-10T09:00:00+07:00".into(),
        },
        device_id: at.device.clone(),
        unit_id: fixture.province.clone(),
    };
    let json = write_bundle(
        &store,
        &Selection::Config(fixture.province.clone()),
        &header,
    )
    .expect("the config writes");
    let mut bundle = read_bundle(json.as_bytes(), &Limits::default()).expect("reads");
    bundle
        .sign_with(&SecretKey::for_tests("ke-gia-mao"))
        .expect("signs");
    bundle.to_json().expect("writes")
}

fn select(s: &Session, selector: &str, value: &str) {
    let element = s.wait_for(selector).expect("the list");
    s.execute(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![element.as_arg(), serde_json::Value::String(value.into())],
    )
    .expect("chosen");
}

/// On a ward laptop's first run, chooses `ward` and the officer in the config panel.
fn choose_ward(s: &Session, ward: &str, name_vi: &str) {
    s.wait_for("#config-ward").expect("the ward list");
    select(s, "#config-ward", ward);
    app::fill(s, "config-officer", "Phan Văn Đức").expect("the officer");
    app::click(s, "#from-config-title ~ form button[type=submit]").expect("start");
    s.wait_until(Duration::from_secs(20), "the chosen ward", || {
        let Some(line) = s.find("[data-testid=ward-unit]")? else {
            return Ok(None);
        };
        Ok(s.text(&line)?.starts_with(name_vi).then_some(()))
    })
    .expect("the ward is chosen");
}

#[test]
fn a_config_signed_by_another_key_changes_nothing_at_the_ward() {
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let first = &fixture.ward_bundles[0];
    let dir = app::temp_folder("keys-forged-config");
    let genuine = write(&dir, "cau-hinh.json", &fixture.config_bundle);
    let forged = write(&dir, "cau-hinh-gia.json", &forged_config(&fixture));
    let forged_key = test_key("ke-gia-mao");
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).expect("the ward page");
    s.wait_for("#config-file").expect("the first run");
    app::upload(s, "#config-file", &[genuine]).expect("chosen");
    ward::confirm_question(s, fixture.province.as_str()).expect("the province's key confirmed");
    choose_ward(s, first.ward.as_str(), &first.name_vi);
    let unit_before = app::text_of(s, "[data-testid=ward-unit]").expect("the unit line");

    let text = ward::import_file(s, &forged).expect("the forged config's line");
    assert!(
        text.contains(&format!(
            "Tệp được ký bằng khóa {}, không phải khóa đã ghi nhận của đơn vị “{}” ({})",
            forged_key.short(),
            fixture.province,
            fixture.province_key.short()
        )),
        "{text}"
    );
    s.refresh().expect("reload");
    let unit_after = app::text_of(s, "[data-testid=ward-unit]").expect("the unit line");
    assert_eq!(unit_after, unit_before);
    let body = s
        .execute("return document.body.innerText;", vec![])
        .expect("the page");
    assert!(!body.as_str().unwrap_or_default().contains("Giả Mạo"));
}

#[test]
#[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
fn a_ward_restores_its_work_on_a_fresh_browser_from_its_own_exported_file() {
    let server = StaticServer::start(dist_dir());
    let setup = ward::HUNG_DUNG;
    // The old laptop: set up, two criteria entered, exported.
    let (exported, old_key) = {
        let browser = Browser::launch();
        let s = browser.session();
        s.goto(&server.url("/phuong")).expect("the ward page");
        ward::set_up_by_hand(s, &setup).expect("set up");
        ward::start_assessment(s, false).expect("started");
        ward::set_status(s, "C01", "met").expect("C01");
        ward::set_status(s, "C02", "not-met").expect("C02");
        ward::wait_all_saved(s).expect("saved");
        let downloaded = ward::export_bundle(&browser, s, setup.ward_code).expect("exported");
        // The browser's download folder goes with it: the file is kept, as on a USB stick.
        let exported = app::temp_folder("keys-restore")
            .join(downloaded.file_name().expect("the downloaded file's name"));
        std::fs::copy(&downloaded, &exported).expect("the file is kept");
        // The new-laptop guide, on the setup page: this laptop's key, large, and in full.
        app::click(s, "a[href='/phuong/thiet-lap']").expect("to the setup");
        let short = app::text_of(s, "[data-testid=new-laptop-fingerprint]").expect("the key");
        assert_eq!(
            short,
            app::text_of(s, "[data-testid=own-fingerprint]").expect("the key")
        );
        let full = app::text_of(s, "[data-testid=own-fingerprint-full]").expect("in full");
        assert_eq!(full.len(), 64 + 15, "{full}");
        assert!(full.starts_with(&short), "{full} {short}");
        let guide = app::text_of(s, "[data-testid=new-laptop]").expect("the guide");
        assert!(
            guide.starts_with("Máy mới / Cài lại trình duyệt")
                && guide.contains("Khôi phục từ tệp đã xuất")
                && guide.contains("gọi điện cho Công an tỉnh"),
            "{guide}"
        );
        s.execute(
            "document.querySelector('[data-testid=new-laptop]').scrollIntoView();",
            vec![],
        )
        .expect("scrolled");
        let shot = app::screenshot(s, "ward-new-laptop").expect("a shot");
        copy_to_docs(&shot, "ward-new-laptop.png");
        (exported, short)
    };

    // The new laptop (a fresh browser profile): the ward's own file, its old key confirmed.
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).expect("the ward page");
    s.wait_for("#restore-file").expect("the restore box");
    assert!(
        app::unlabelled_controls(s)
            .expect("the controls")
            .is_empty(),
        "every control has a label"
    );
    app::upload(s, "#restore-file", std::slice::from_ref(&exported)).expect("chosen");
    let name = exported
        .file_name()
        .and_then(|name| name.to_str())
        .expect("a name")
        .to_owned();
    let ward_id = setup.ward_code;
    let question = format!("[data-testid='decision-{ward_id}']");
    let shown = app::text_of(s, &format!("{question} [data-testid=decision-fingerprint]"))
        .expect("the old laptop's key is asked about");
    assert_eq!(shown, old_key);
    ward::confirm_question(s, ward_id).expect("the old key confirmed");
    s.wait_until(Duration::from_secs(60), "the restore", || {
        let Some(line) = s.find("[data-testid=restore-file-results] li")? else {
            return Ok(None);
        };
        let text = s.text(&line)?;
        Ok(
            (text.starts_with(&format!("{name}: ")) && !text.contains("bị từ chối"))
                .then_some(text),
        )
    })
    .expect("the file is restored");
    choose_ward(s, ward_id, setup.ward);
    s.wait_for_attribute("[data-testid=criterion-C01]", "data-status", "met")
        .expect("C01 restored");
    s.wait_for_attribute("[data-testid=criterion-C02]", "data-status", "not-met")
        .expect("C02 restored");
    // The new laptop has its own key: what the province will confirm on the next file.
    app::click(s, "a[href='/phuong/thiet-lap']").expect("to the setup");
    let new_key = app::text_of(s, "[data-testid=new-laptop-fingerprint]").expect("the key");
    assert_ne!(new_key, old_key);
}
