//! The release build is cut into modules (src/ui/lazy.rs, scripts/build-wasm.sh): the start
//! page fetches the shell and the session's module only, each workspace fetches its own module
//! the first time it opens and never the other's (the ward's first screen, its first run, has a
//! module of its own and is usable before the ward's screens' module is here), and a module that
//! cannot be fetched is said in Vietnamese, with a reload that brings the app back, instead of a
//! crash.

use pkm_e2e::app::{self, PAGE_TITLE};
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;

const HOME_VI: &str = "Chọn nơi làm việc";
const NOT_LOADED: &str = "[data-testid=part-not-loaded]";
/// The ward's first screen once its module runs: the first run's first field.
const WARD_FIRST_RUN: &str = "#first-province-name";
/// The first run's box for the config file, from the ward's screens' module.
const WARD_CONFIG_BOX: &str = "#config-file";

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
    assert!(
        ward.contains(&"split_ward_start.wasm".to_owned()),
        "{ward:?}"
    );
    // The screens' module follows the first screen (its import boxes come from it).
    s.wait_for(WARD_CONFIG_BOX).unwrap();
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
        !province
            .iter()
            .any(|m| m == "split_ward.wasm" || m == "split_ward_start.wasm"),
        "{province:?}"
    );
}

#[test]
fn a_workspace_module_that_cannot_be_fetched_is_said_and_a_reload_brings_it() {
    let server = StaticServer::start(build_without("split_ward_start.wasm"));
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

/// Without the ward's screens' module, the first run is still usable: its import boxes say
/// they could not be loaded, typing the units in by hand says so on saving and stores nothing,
/// and once the module can be fetched the same form saves, without a reload.
#[test]
fn the_first_run_is_usable_before_the_screens_module_and_saves_once_it_comes() {
    let server = StaticServer::start(build_without("split_ward.wasm"));
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    s.wait_for(WARD_FIRST_RUN).unwrap();
    let alert = s.wait_for(NOT_LOADED).unwrap();
    assert!(
        s.text(&alert)
            .unwrap()
            .contains("Không tải được phần này của ứng dụng")
    );
    app::screenshot(s, "first-run-without-screens-module").unwrap();
    let setup = pkm_e2e::ward::HUNG_DUNG;
    app::fill(s, "first-province-name", setup.province).unwrap();
    app::fill(s, "first-province-code", setup.province_code).unwrap();
    app::fill(s, "first-ward-name", setup.ward).unwrap();
    app::fill(s, "first-ward-code", setup.ward_code).unwrap();
    app::fill(s, "first-officer", setup.officer).unwrap();
    s.click(&s.wait_for("[data-testid=first-run-save]").unwrap())
        .unwrap();
    s.wait_until(
        std::time::Duration::from_secs(20),
        "the form's alert",
        || {
            let Some(alert) = s.find("form [role=alert]")? else {
                return Ok(None);
            };
            Ok(s.text(&alert)?
                .contains("Không tải được phần này của ứng dụng")
                .then_some(()))
        },
    )
    .unwrap();
    assert!(s.find("[data-testid=ward-unit]").unwrap().is_none());

    server.set_root(dist_dir());
    s.click(&s.wait_for("[data-testid=first-run-save]").unwrap())
        .unwrap();
    s.wait_until(std::time::Duration::from_secs(20), "the ward line", || {
        let Some(line) = s.find("[data-testid=ward-unit]")? else {
            return Ok(None);
        };
        Ok(s.text(&line)?.starts_with(setup.ward).then_some(()))
    })
    .unwrap();
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
