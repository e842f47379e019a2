//! The release build is cut into modules (src/ui/lazy.rs, scripts/build-wasm.sh): the start
//! page fetches the shell and the session's module only, each workspace fetches its own module
//! the first time it opens and never the other's, and a module that cannot be fetched is said in
//! Vietnamese, with a reload that brings the app back, instead of a crash.

use pkm_e2e::app::{self, PAGE_TITLE};
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;

const HOME_VI: &str = "Chọn nơi làm việc";
const NOT_LOADED: &str = "[data-testid=part-not-loaded]";
/// The ward workspace once its module runs: the first run's first field.
const WARD_FIRST_RUN: &str = "#first-province-name";

/// The wasm modules the page fetched so far.
fn fetched_modules(s: &Session) -> Vec<String> {
    let mut files = app::fetched_files(s).unwrap();
    files.retain(|name| name.ends_with(".wasm"));
    files
}

/// A copy of the build without the module `module` (as when the network drops before it is
/// fetched, or the server was updated in between).
fn build_without(module: &str) -> std::path::PathBuf {
    let copy = app::temp_folder("split");
    app::copy_dir(&dist_dir(), &copy);
    let pkg = std::fs::read_dir(copy.join("pkg"))
        .unwrap()
        .next()
        .expect("one build folder in pkg/")
        .unwrap()
        .path();
    std::fs::remove_file(pkg.join(module)).expect("the build has the module");
    copy
}

#[test]
fn each_page_fetches_only_the_modules_it_needs() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/")).unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
    s.wait_for("[data-testid=status-device] code").unwrap();
    let home = fetched_modules(s);
    assert!(
        home.contains(&"phuong-kieu-mau_bg.wasm".to_owned()),
        "{home:?}"
    );
    assert!(home.contains(&"split_session.wasm".to_owned()), "{home:?}");
    assert!(
        !home
            .iter()
            .any(|m| m == "split_ward.wasm" || m == "split_province.wasm"),
        "the start page fetches no workspace: {home:?}"
    );

    app::click(s, "a.pkm-card[href='/phuong']").unwrap();
    s.wait_for(WARD_FIRST_RUN).unwrap();
    let ward = fetched_modules(s);
    assert!(ward.contains(&"split_ward.wasm".to_owned()), "{ward:?}");
    assert!(
        !ward.contains(&"split_province.wasm".to_owned()),
        "the ward never fetches the province's screens: {ward:?}"
    );

    // Straight into the province's workspace in a fresh profile: its module, not the ward's.
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh")).unwrap();
    s.wait_for("[data-testid=province-nav]").unwrap();
    let province = fetched_modules(s);
    assert!(
        province.contains(&"split_province.wasm".to_owned()),
        "{province:?}"
    );
    assert!(
        !province.contains(&"split_ward.wasm".to_owned()),
        "{province:?}"
    );
}

#[test]
fn a_workspace_module_that_cannot_be_fetched_is_said_and_a_reload_brings_it() {
    let server = StaticServer::start(build_without("split_ward.wasm"));
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/")).unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
    app::click(s, "a.pkm-card[href='/phuong']").unwrap();
    let alert = s.wait_for(NOT_LOADED).unwrap();
    let text = s.text(&alert).unwrap();
    assert!(
        text.contains("Không tải được phần này của ứng dụng")
            && text.contains("không bị ảnh hưởng"),
        "{text:?}"
    );
    assert_eq!(
        s.attribute(&alert, "role").unwrap().as_deref(),
        Some("alert")
    );
    // The rest of the app still works: the header's links lead back to the start page.
    app::click(s, ".pkm-nav a[href='/']").unwrap();
    s.wait_for_text(PAGE_TITLE, HOME_VI).unwrap();
    app::click(s, "a.pkm-card[href='/phuong']").unwrap();
    s.wait_for(NOT_LOADED).unwrap();
    app::screenshot(s, "part-not-loaded").unwrap();

    // The module is back (the network returned): the reload brings the workspace.
    server.set_root(dist_dir());
    app::click(s, &format!("{NOT_LOADED} button")).unwrap();
    s.wait_for(WARD_FIRST_RUN).unwrap();
}

#[test]
fn the_session_module_that_cannot_be_fetched_is_said_and_a_reload_brings_it() {
    let server = StaticServer::start(build_without("split_session.wasm"));
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    let alert = s.wait_for(NOT_LOADED).unwrap();
    assert!(
        s.text(&alert)
            .unwrap()
            .contains("Không tải được phần này của ứng dụng")
    );
    server.set_root(dist_dir());
    app::click(s, &format!("{NOT_LOADED} button")).unwrap();
    s.wait_for(WARD_FIRST_RUN).unwrap();
}
