//! The main workflows in Debian's Firefox ESR (through geckodriver), with the same page helpers
//! and checks as the Chromium tests of `ward.rs` and `province.rs`: the ward's first run, a
//! whole year filled in, reloads, a reload with the server gone (the service worker opens the
//! app, IndexedDB holds the data), an edit made then, Firefox closed and opened again still with
//! no server, and the export read back by the core, signed with the non-extractable WebCrypto
//! key Firefox kept in IndexedDB since the first run; the province's import of the generated
//! wards' files, its dashboard and its report.
//!
//! Firefox has no DevTools network switch: "offline" here is the static server stopped, so every
//! request the page makes, and would need the network for, fails. Reloads go through the page
//! (`Session::reload`, as F5 does): WebDriver's own refresh in Firefox skips the service worker,
//! as Ctrl+Shift+R does.

use std::time::Duration;

use pkm_core::{
    AssessmentKey, CriterionId, KeyFingerprint, Limits, PublicKey, UnitId, read_bundle,
};
use pkm_e2e::browser::{Browser, BrowserKind};
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;
use pkm_e2e::{app, dist_dir, ward};

use super::province::{
    assert_dashboard, assert_report, expected_figures, generate, import_all, open,
};
use super::ward::{
    add_action_and_requests, assert_export_holds_what_was_entered, check_everything_is_there,
    check_gaps_page, fill_all_criteria,
};

/// The note typed into C01 with the server gone.
const OFFLINE_NOTE: &str = "Ghi khi không có mạng";

/// What the page says of its context: whether it is a secure context, and whether a service
/// worker controls it.
fn page_context(s: &Session) -> serde_json::Value {
    s.execute(
        "return { secure: window.isSecureContext,
                  controlled: !!(navigator.serviceWorker && navigator.serviceWorker.controller) };",
        vec![],
    )
    .expect("the page answers")
}

/// The device's signing key as Firefox keeps it in IndexedDB (the `keys` store's `device`
/// record): the private key must be a WebCrypto key that cannot be read out, of ECDSA on P-256.
/// Returns the fingerprint of the public key stored beside it.
fn stored_device_key(s: &Session) -> KeyFingerprint {
    let record = s
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const open = indexedDB.open('phuong-kieu-mau');
             open.onerror = () => done({ error: String(open.error) });
             open.onsuccess = () => {
               const get = open.result.transaction('keys').objectStore('keys').get('device');
               get.onerror = () => done({ error: String(get.error) });
               get.onsuccess = () => {
                 const key = get.result.privateKey;
                 open.result.close();
                 done({ cryptoKey: key instanceof CryptoKey, extractable: key.extractable,
                        type: key.type, name: key.algorithm.name, curve: key.algorithm.namedCurve,
                        publicRaw: Array.from(get.result.publicRaw) });
               };
             };",
            vec![],
        )
        .expect("the key record is read");
    assert_eq!(record["cryptoKey"], true, "{record}");
    assert_eq!(record["extractable"], false, "{record}");
    assert_eq!(record["type"], "private", "{record}");
    assert_eq!(record["name"], "ECDSA", "{record}");
    assert_eq!(record["curve"], "P-256", "{record}");
    let raw: Vec<u8> = serde_json::from_value(record["publicRaw"].clone()).expect("bytes");
    PublicKey::from_raw(&raw)
        .expect("a P-256 public key")
        .fingerprint()
}

#[test]
fn a_ward_fills_the_year_reloads_works_offline_across_a_restart_and_exports_a_signed_file() {
    let server = StaticServer::start(dist_dir());
    let url = server.url("/phuong");
    let mut browser = Browser::launch_firefox();
    assert_eq!(browser.kind(), BrowserKind::Firefox);
    let s = browser.session();
    s.goto(&url).unwrap();
    // The first run: the units typed in by hand.
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, true).unwrap();
    fill_all_criteria(s);
    add_action_and_requests(s);
    ward::wait_all_saved(s).unwrap();

    // A reload reads everything back from IndexedDB.
    s.reload().unwrap();
    check_gaps_page(s);
    s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
    check_everything_is_there(s);

    // The service worker needs a secure context: Firefox counts http://127.0.0.1 as one.
    app::wait_until_offline_ready(s).unwrap();
    let context = page_context(s);
    assert_eq!(context["secure"], true, "{context}");
    assert_eq!(context["controlled"], true, "{context}");

    // The server gone: the app opens from its service worker with the data there, and an edit
    // is saved.
    drop(server);
    s.reload().unwrap();
    check_everything_is_there(s);
    // Nothing listens on the server's port any more: the page came from the worker.
    let context = page_context(s);
    assert_eq!(context["controlled"], true, "{context}");
    ward::type_note(s, "C01", OFFLINE_NOTE).unwrap();
    ward::wait_criterion_saved(s, "C01").unwrap();

    // Firefox closed and opened again, still with no server: the app, the year and the note.
    browser.restart();
    let s = browser.session();
    s.goto(&url).unwrap();
    s.wait_until(
        Duration::from_secs(20),
        "the offline note after a restart",
        || Ok((app::input_value(s, "note-C01")? == OFFLINE_NOTE).then_some(())),
    )
    .unwrap();
    check_everything_is_there(s);

    // The export, still offline: a file Firefox saves, signed with the key WebCrypto made and
    // IndexedDB kept, read back by the core.
    let path = ward::export_bundle(&browser, s, ward::HUNG_DUNG.ward_code).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_export_holds_what_was_entered(&bytes);
    let bundle = read_bundle(&bytes, &Limits::default()).unwrap();
    let key = AssessmentKey::new(UnitId::new(ward::HUNG_DUNG.ward_code).unwrap(), 2026);
    let note = &bundle
        .content
        .assessment(&key)
        .unwrap()
        .entry(&CriterionId::new("C01").unwrap());
    assert_eq!(note.unwrap().note, OFFLINE_NOTE);
    // Signed with the key made on the first run and kept in IndexedDB across reloads and the
    // restart.
    assert_eq!(
        bundle.signature().expect("signed").fingerprint(),
        stored_device_key(s)
    );
    s.wait_for_text("[data-testid=unexported-count]", "0 thay đổi chưa xuất.")
        .unwrap();
}

#[test]
fn the_province_imports_the_wards_and_sees_the_meetings_figures() {
    let files = generate("firefox-province");
    let expected = expected_figures(&files.fixture);
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch_firefox();
    let s = browser.session();
    open(s, &server, "/tinh/nhap");
    import_all(s, &files);
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    assert_dashboard(s, &expected);
    assert_report(s, &expected);
    // And after a reload, from IndexedDB.
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    s.reload().expect("reload");
    assert_dashboard(s, &expected);
}
