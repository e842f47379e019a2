//! The foundation: the app loads in Vietnamese, switches language and remembers it, keeps what
//! was written across reloads, works offline after one visit (also after a browser restart), and
//! offers a new version without reloading by itself.

use std::time::Duration;

use pkm_e2e::app::{self, LANG_SWITCH, PAGE_TITLE, STATUS_ONLINE, UPDATE_BANNER};
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::{dist_dir, ward};

const HOME_VI: &str = "Chọn nơi làm việc";
const HOME_EN: &str = "Choose your workspace";

#[test]
fn the_app_loads_in_vietnamese_with_its_status_area() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/")).unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
    assert_eq!(app::document_lang(s).unwrap(), "vi");
    s.wait_for_text(STATUS_ONLINE, "Có mạng").unwrap();
    let usage = s.wait_for("[data-testid=status-usage]").unwrap();
    s.wait_until(
        std::time::Duration::from_secs(10),
        "a storage estimate",
        || {
            let text = s.text(&usage)?;
            Ok((text.starts_with("Dung lượng") && text.contains(" trên ")).then_some(text))
        },
    )
    .unwrap();
    let persistence = s.wait_for("[data-testid=status-persistence]").unwrap();
    assert!(!s.text(&persistence).unwrap().is_empty());
    let device = s.wait_for("[data-testid=status-device] code").unwrap();
    let id = s.text(&device).unwrap();
    assert!(
        id.len() == 16 && id.starts_with("dev-"),
        "a device id: {id:?}"
    );
    let label = s
        .text(&s.wait_for("[data-testid=status-device]").unwrap())
        .unwrap();
    // The item is a flex row, so WebDriver reports its parts on separate lines.
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(label, format!("Mã thiết bị: {id}"));
    app::screenshot(s, "home-vi").unwrap();
}

#[test]
fn the_language_switch_works_and_is_remembered_after_reload() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/")).unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
    s.wait_for_text(LANG_SWITCH, "English").unwrap();

    s.click(&s.wait_for(LANG_SWITCH).unwrap()).unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_EN).unwrap();
    assert_eq!(app::document_lang(s).unwrap(), "en");
    s.wait_for_text(LANG_SWITCH, "Tiếng Việt").unwrap();

    s.refresh().unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_EN).unwrap();
    assert_eq!(app::document_lang(s).unwrap(), "en");

    s.click(&s.wait_for(LANG_SWITCH).unwrap()).unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
    s.refresh().unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
}

#[test]
fn a_value_written_survives_a_reload() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, false).unwrap();
    ward::type_note(s, "C01", "Nghị quyết số 12-NQ/ĐU đã ban hành").unwrap();
    ward::wait_criterion_saved(s, "C01").unwrap();
    s.wait_for_text(
        "[data-testid=criterion-C01] [data-testid=save-status]",
        "Đã lưu",
    )
    .unwrap();

    s.refresh().unwrap();
    s.wait_until(Duration::from_secs(10), "the stored note", || {
        Ok(
            (app::input_value(s, "note-C01")? == "Nghị quyết số 12-NQ/ĐU đã ban hành")
                .then_some(()),
        )
    })
    .unwrap();
    let unit = s
        .text(&s.wait_for("[data-testid=ward-unit]").unwrap())
        .unwrap();
    assert_eq!(unit, "Công an phường Hưng Dũng · Công an tỉnh Nghệ An");
}

#[test]
fn after_one_visit_the_app_works_with_the_network_off_across_reloads_and_restarts() {
    let server = StaticServer::start(dist_dir());
    let mut browser = Browser::launch();
    {
        let s = browser.session();
        s.goto(&server.url("/")).unwrap();
        s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
        app::wait_until_offline_ready(s).unwrap();

        // The network goes away: the server answers nothing, and Chromium is offline.
        server.set_unplugged(true);
        s.set_offline(true).unwrap();
        let served_before = server.log().len();

        s.refresh().unwrap();
        s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
        s.wait_for_attribute(STATUS_ONLINE, "data-online", "false")
            .unwrap();
        s.wait_for_text(STATUS_ONLINE, "Không có mạng — vẫn làm việc bình thường")
            .unwrap();

        // It still works: go to the ward page, set it up, write, reload.
        s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
        ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
        ward::start_assessment(s, true).unwrap();
        ward::type_note(s, "C03", "Ghi chú viết khi không có mạng").unwrap();
        ward::wait_criterion_saved(s, "C03").unwrap();
        s.refresh().unwrap();
        s.wait_until(Duration::from_secs(10), "the note written offline", || {
            Ok(
                (app::input_value(s, "note-C03")? == "Ghi chú viết khi không có mạng")
                    .then_some(()),
            )
        })
        .unwrap();
        assert_eq!(
            server.log().len(),
            served_before,
            "nothing was served while offline"
        );
        app::screenshot(s, "ward-offline").unwrap();
    }

    // The browser is closed and started again, still with no network.
    browser.restart();
    let s = browser.session();
    s.set_offline(true).unwrap();
    s.goto(&server.url("/phuong")).unwrap();
    s.wait_until(Duration::from_secs(20), "the note after a restart", || {
        Ok((app::input_value(s, "note-C03")? == "Ghi chú viết khi không có mạng").then_some(()))
    })
    .unwrap();
    // Still editable.
    ward::set_status(s, "C03", "met").unwrap();
    ward::wait_criterion_saved(s, "C03").unwrap();
}

#[test]
fn a_new_version_waits_for_consent_and_loses_no_unsaved_work() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, false).unwrap();
    app::wait_until_offline_ready(s).unwrap();
    let old_caches = app::shell_caches(s).unwrap();
    assert_eq!(old_caches.len(), 1, "one shell cache: {old_caches:?}");

    // A newer build appears on the server: same files, a different service worker.
    let newer = std::env::temp_dir().join(format!("pkm-e2e-newer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&newer);
    app::copy_dir(&dist_dir(), &newer);
    let worker = std::fs::read_to_string(newer.join("sw.js")).unwrap();
    let stamped = worker.replacen("const BUILD_ID = \"", "const BUILD_ID = \"e2e-next-", 1);
    assert_ne!(worker, stamped, "sw.js carries a build id");
    std::fs::write(newer.join("sw.js"), stamped).unwrap();
    server.set_root(newer.clone());

    // The page keeps a marker that a reload would erase.
    s.execute("window.__pkmMarker = 'still here';", vec![])
        .unwrap();
    s.execute_async(
        "const done = arguments[arguments.length - 1];
         navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => done(true), e => done(String(e)));",
        vec![],
    )
    .unwrap();
    let banner = s.wait_for(UPDATE_BANNER).unwrap();
    assert!(s.text(&banner).unwrap().contains("Đã có phiên bản mới"));
    let marker = s.execute("return window.__pkmMarker;", vec![]).unwrap();
    assert_eq!(marker, "still here", "the page did not reload by itself");

    // Typing, then agreeing at once: the change is saved before the reload.
    ward::type_note(s, "C02", "Gõ xong bấm cập nhật ngay").unwrap();
    let reload = s
        .wait_for(&format!("{UPDATE_BANNER} .pkm-button--primary"))
        .unwrap();
    s.click(&reload).unwrap();
    s.wait_until(Duration::from_secs(20), "the reload", || {
        let marker = s.execute("return window.__pkmMarker || null;", vec![])?;
        Ok(marker.is_null().then_some(()))
    })
    .unwrap();
    s.wait_until(
        Duration::from_secs(10),
        "the note typed before the update",
        || Ok((app::input_value(s, "note-C02")? == "Gõ xong bấm cập nhật ngay").then_some(())),
    )
    .unwrap();
    let new_caches = app::shell_caches(s).unwrap();
    assert!(
        new_caches
            .iter()
            .all(|name| name.starts_with("pkm-shell-e2e-next-")),
        "only the new version's cache remains: {new_caches:?}"
    );
    assert!(s.find(UPDATE_BANNER).unwrap().is_none());
    let _ = std::fs::remove_dir_all(&newer);
}
