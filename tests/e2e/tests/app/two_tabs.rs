//! Two tabs of the app in one Chromium profile, as an officer who opened the app twice has: edits
//! of different criteria and of the same criterion in turn both stay and show in the other tab
//! without a reload; edits of one criterion made at the same time (neither tab having heard of
//! the other's) become one visible conflict holding both texts, never a silent overwrite; and a
//! tab that opens a newer database version closes the others' connections, which say so.

use std::time::Duration;

use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::{Session, WdResult};
use pkm_e2e::{app, dist_dir, ward};

/// Waits until the note field of `criterion` reads `expected` (brought in from the other tab).
fn wait_note(s: &Session, criterion: &str, expected: &str) -> WdResult<()> {
    let mut last = String::new();
    s.wait_until(
        Duration::from_secs(20),
        &format!("note-{criterion} to read {expected:?}"),
        || {
            last = app::input_value(s, &format!("note-{criterion}"))?;
            Ok((last == expected).then_some(()))
        },
    )
    .map_err(|error| pkm_e2e::webdriver::WebDriverError(format!("{error} (last: {last:?})")))
}

/// The texts the exchange page offers for the conflict of `criterion`.
fn conflict_values(s: &Session, criterion: &str) -> Vec<String> {
    s.click(&s.wait_for("a[href='/phuong/trao-doi']").unwrap())
        .unwrap();
    s.wait_for("[data-testid=conflicts]").unwrap();
    let mut values = Vec::new();
    for conflict in s.find_all("[data-testid=conflict]").unwrap() {
        let title = s
            .execute(
                "return arguments[0].querySelector('h3').textContent;",
                vec![conflict.as_arg()],
            )
            .unwrap();
        if !title.as_str().unwrap_or_default().contains(criterion) {
            continue;
        }
        let texts = s
            .execute(
                "return Array.from(arguments[0].querySelectorAll('.pkm-conflicts__value')).map(v => v.textContent);",
                vec![conflict.as_arg()],
            )
            .unwrap();
        values.extend(
            texts
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|text| text.as_str().map(str::to_owned)),
        );
    }
    s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
    s.wait_for("[data-testid=criterion-C20]").unwrap();
    values
}

#[test]
fn two_tabs_of_one_profile_never_overwrite_each_others_edits() {
    let server = StaticServer::start(dist_dir());
    let browser = pkm_e2e::browser::Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, false).unwrap();
    let tab_a = s.window_handle().unwrap();
    let tab_b = s.new_tab().unwrap();
    s.switch_to(&tab_b).unwrap();
    s.goto(&server.url("/phuong")).unwrap();
    s.wait_for("[data-testid=criterion-C20]").unwrap();

    // Different criteria: each tab's edit stays, and shows in the other without a reload.
    s.switch_to(&tab_a).unwrap();
    ward::set_status(s, "C01", "met").unwrap();
    ward::wait_criterion_saved(s, "C01").unwrap();
    s.switch_to(&tab_b).unwrap();
    s.wait_for_attribute("[data-testid=criterion-C01]", "data-status", "met")
        .unwrap();
    ward::set_status(s, "C02", "not-met").unwrap();
    ward::wait_criterion_saved(s, "C02").unwrap();
    s.switch_to(&tab_a).unwrap();
    s.wait_for_attribute("[data-testid=criterion-C02]", "data-status", "not-met")
        .unwrap();

    // The same criterion in turn: B sees A's note and changes it; A then shows B's text, and
    // there is no conflict (B wrote over what it had seen).
    ward::type_note(s, "C05", "Tab A ghi trước").unwrap();
    ward::wait_criterion_saved(s, "C05").unwrap();
    s.switch_to(&tab_b).unwrap();
    wait_note(s, "C05", "Tab A ghi trước").unwrap();
    ward::type_note(s, "C05", "Tab B sửa lại").unwrap();
    ward::wait_criterion_saved(s, "C05").unwrap();
    s.switch_to(&tab_a).unwrap();
    wait_note(s, "C05", "Tab B sửa lại").unwrap();

    // The same criterion at the same time: tab A's notices are held back (as when B has not
    // heard of A's write yet), so B edits C07 over the value it had. B's write reads what A
    // stored in the same transaction: both texts stay, as a conflict both tabs show.
    s.execute(
        "BroadcastChannel.prototype.postMessage = function () {};",
        vec![],
    )
    .unwrap();
    ward::type_note(s, "C07", "Tab A: thiếu 2 cán bộ").unwrap();
    ward::wait_criterion_saved(s, "C07").unwrap();
    s.switch_to(&tab_b).unwrap();
    assert_eq!(
        app::input_value(s, "note-C07").unwrap(),
        "",
        "B has not heard of A's note"
    );
    ward::type_note(s, "C07", "Tab B: thiếu 3 cán bộ").unwrap();
    ward::wait_criterion_saved(s, "C07").unwrap();
    // A hears of B's write (B's notices still go out) and shows the conflict without a reload.
    s.switch_to(&tab_a).unwrap();
    s.wait_for("[data-testid=criterion-C07] [data-testid=conflict-badge]")
        .unwrap();
    app::screenshot(s, "two-tabs-conflict").unwrap();
    for tab in [&tab_a, &tab_b] {
        s.switch_to(tab).unwrap();
        s.refresh().unwrap();
        s.wait_for("[data-testid=criterion-C07] [data-testid=conflict-badge]")
            .unwrap();
        s.wait_for_attribute("[data-testid=criterion-C01]", "data-status", "met")
            .unwrap();
        s.wait_for_attribute("[data-testid=criterion-C02]", "data-status", "not-met")
            .unwrap();
        assert!(
            s.find("[data-testid=criterion-C05] [data-testid=conflict-badge]")
                .unwrap()
                .is_none(),
            "no conflict where the edits came in turn"
        );
        let mut values = conflict_values(s, "C07");
        values.sort();
        assert_eq!(values.len(), 2, "{values:?}");
        assert!(values[0].contains("Tab A: thiếu 2 cán bộ"), "{values:?}");
        assert!(values[1].contains("Tab B: thiếu 3 cán bộ"), "{values:?}");
    }

    // A newer app in tab B upgrades the database: tab A's connection is closed rather than
    // blocking it, and tab A says so; a change typed there stays on screen, unsaved.
    s.switch_to(&tab_b).unwrap();
    let upgraded = s
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const first = indexedDB.open('phuong-kieu-mau');
             first.onsuccess = () => {
               const version = first.result.version;
               first.result.close();
               const newer = indexedDB.open('phuong-kieu-mau', version + 1);
               newer.onblocked = () => done('blocked');
               newer.onsuccess = () => { newer.result.close(); done('upgraded'); };
               newer.onerror = () => done('error: ' + newer.error);
             };
             first.onerror = () => done('error: ' + first.error);",
            vec![],
        )
        .unwrap();
    assert_eq!(upgraded.as_str(), Some("upgraded"), "{upgraded}");
    s.switch_to(&tab_a).unwrap();
    let notice = app::text_of(s, "[data-testid=db-closed]").unwrap();
    assert!(
        notice.contains("Kết nối dữ liệu đã đóng"),
        "tab A says its connection was closed: {notice}"
    );
    ward::type_note(s, "C09", "Gõ sau khi đóng").unwrap();
    s.wait_for_attribute(
        "[data-testid=criterion-C09] [data-testid=save-status]",
        "data-state",
        "failed",
    )
    .unwrap();
    assert_eq!(app::input_value(s, "note-C09").unwrap(), "Gõ sau khi đóng");
}
