//! Accessibility, measured: axe-core finds no serious or critical violation on any screen of
//! either workspace (in Vietnamese, and the ward's main screen in English too), and the ward's
//! whole workflow (first run, the assessment, a follow-up task, the export) runs by keyboard
//! alone, each focus stop visible on screen.

use std::time::{Duration, SystemTime};

use pkm_core::{Limits, fixtures, read_bundle};
use pkm_e2e::app::{self, PAGE_TITLE};
use pkm_e2e::axe;
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::{Session, keys};
use pkm_e2e::{dist_dir, ward};

/// The ward's and the province's navigation.
const WARD_NAV: &str = "nav.pkm-subnav";
const PROVINCE_NAV: &str = "[data-testid=province-nav]";

/// Runs axe on the screen shown now and collects its serious and critical violations under
/// `screen`'s name.
fn audit(s: &Session, screen: &str, found: &mut Vec<String>) {
    for v in axe::serious_violations(s).expect("axe runs") {
        found.push(format!(
            "{screen}: {} ({}) {}: {}",
            v.rule,
            v.impact,
            v.help,
            v.targets.join(" | ")
        ));
    }
}

/// Opens `path` by the workspace's own navigation link (inside `nav`) and waits for `ready`.
fn go(s: &Session, nav: &str, path: &str, ready: &str) {
    app::click(s, &format!("{nav} a[href='{path}']")).expect("the link");
    s.wait_for(ready).expect("the screen");
}

#[test]
fn every_screen_of_both_workspaces_passes_axe() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    let mut found = Vec::new();

    s.goto(&server.url("/")).expect("the start page");
    s.wait_for("#home-title").expect("the start page");
    audit(s, "/", &mut found);

    // The ward: the first run, then each screen of a started assessment.
    s.goto(&server.url("/phuong")).expect("the ward");
    s.wait_for("#first-province-name").expect("the first run");
    audit(s, "/phuong (first run)", &mut found);
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).expect("set up");
    ward::start_assessment(s, false).expect("started");
    ward::set_status(s, "C01", "met").expect("a status");
    ward::wait_all_saved(s).expect("saved");
    audit(s, "/phuong", &mut found);
    for (path, ready) in [
        ("/phuong/khac-phuc", "#action-task"),
        ("/phuong/trao-doi", "[data-testid=export-button]"),
        ("/phuong/in", "[data-testid=print-sheet]"),
        ("/phuong/thiet-lap", "[data-testid=new-laptop]"),
    ] {
        go(s, WARD_NAV, path, ready);
        audit(s, path, &mut found);
    }
    go(s, WARD_NAV, "/phuong", "[data-testid=criterion-C01]");
    app::click(s, app::LANG_SWITCH).expect("to English");
    s.wait_for_attribute("html", "lang", "en").expect("English");
    audit(s, "/phuong (English)", &mut found);
    app::click(s, app::LANG_SWITCH).expect("back to Vietnamese");

    // The province: the import with its key question, then every screen with the files in.
    let fixture = fixtures::nghe_an_2024(2024).expect("the fixture");
    let dir = app::temp_folder("a11y-province");
    let mut files = vec![dir.join("cau-hinh.json")];
    std::fs::write(&files[0], &fixture.config_bundle).expect("written");
    // Lê Mao comes with its evidence files below, from the example container.
    let others = fixture
        .ward_bundles
        .iter()
        .filter(|bundle| bundle.ward.as_str() != "na-vinh-le-mao");
    for bundle in others.take(6) {
        let path = dir.join(format!("{}.json", bundle.ward));
        std::fs::write(&path, &bundle.json).expect("written");
        files.push(path);
    }
    // Lê Mao's bundle with its evidence files (a photo and a PDF), for the review's files.
    let with_files = pkm_e2e::workspace_root().join("tests/bundles/examples/ward-evidence.pkmz");
    files.push(with_files);
    s.goto(&server.url("/tinh/nhap")).expect("the province");
    s.wait_for(app::PROVINCE_IMPORT_INPUT).expect("the import");
    audit(s, "/tinh/nhap", &mut found);
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &files).expect("chosen");
    app::wait_for_question(s, fixture.province.as_str(), None).expect("the key question");
    audit(s, "/tinh/nhap (key question)", &mut found);
    app::answer(s, fixture.province.as_str(), None, true).expect("confirmed");
    app::confirm_every_question(s).expect("the unsigned example accepted");
    let confirm = s.wait_for("[data-testid=import-confirm]").expect("preview");
    audit(s, "/tinh/nhap (preview)", &mut found);
    s.click(&confirm).expect("import");
    app::wait_until_imported(s, files.len(), Duration::from_secs(60)).expect("imported");
    audit(s, "/tinh/nhap (results)", &mut found);
    let lines = app::file_lines(s, app::IMPORT_RESULTS).expect("the results");
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );
    for (path, ready) in [
        // The years side by side (issue 24) render with the figures; waiting for their chart
        // puts them under the audit.
        ("/tinh", "[data-testid=years-chart]"),
        ("/tinh/xung-dot", "[data-testid=conflict-count]"),
        (
            "/tinh/xet-duyet",
            "[data-testid=review-counts], [data-testid=reviewer-missing], [data-testid=review-empty]",
        ),
        ("/tinh/bao-cao", "[data-testid=report]"),
        ("/tinh/bien-ban", "[data-testid=review-document-title]"),
        ("/tinh/to-trinh", "[data-testid=review-document-title]"),
        ("/tinh/khoa-ky-so", "[data-testid=own-key]"),
        ("/tinh/thiet-lap", "[data-testid=download-config]"),
    ] {
        go(s, PROVINCE_NAV, path, ready);
        audit(s, path, &mut found);
    }
    evidence_files(s, &mut found);
    assert!(
        found.is_empty(),
        "serious or critical violations:\n{}",
        found.join("\n")
    );
}

/// The review's evidence files (issue 23): the thumbnails and buttons of Lê Mao's C01, then
/// the viewer with the photo and with the PDF.
fn evidence_files(s: &Session, found: &mut Vec<String>) {
    go(
        s,
        PROVINCE_NAV,
        "/tinh/xet-duyet",
        "[data-testid=review-ward]",
    );
    // The province this laptop set up by hand comes first; Nghệ An's wards are the fixture's.
    let choose = |selector: &str, value: &str| {
        s.wait_for(&format!("{selector} option[value='{value}']"))
            .expect("the choice is offered");
        let select = s.wait_for(selector).expect("the list");
        s.execute(
            "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![select.as_arg(), serde_json::Value::String(value.into())],
        )
        .expect("chosen");
    };
    choose("#choice-province", "na");
    choose("[data-testid=review-ward]", "na-vinh-le-mao");
    let thumb = s
        .wait_for("tr[data-criterion=C01] [data-testid=review-thumb]")
        .expect("the photo's thumbnail");
    audit(s, "/tinh/xet-duyet (evidence files)", found);
    s.click(&thumb).expect("the viewer opens");
    s.wait_for("[data-testid=viewer-image]").expect("the photo");
    audit(s, "/tinh/xet-duyet (viewer, photo)", found);
    s.press(&[keys::RIGHT]).expect("the next file");
    s.wait_for("[data-testid=viewer-pdf]").expect("the PDF");
    audit(s, "/tinh/xet-duyet (viewer, PDF)", found);
    s.press(&[keys::ESCAPE]).expect("closed");
}

/// Presses Tab until the focused element matches `selector` (at most `limit` times), checking
/// at every stop that the focused element is on screen; returns the number of presses.
fn tab_to(s: &Session, selector: &str, limit: usize) -> usize {
    move_focus_to(s, selector, limit, false)
}

/// As [`tab_to`], backwards (Shift+Tab).
fn tab_back_to(s: &Session, selector: &str, limit: usize) -> usize {
    move_focus_to(s, selector, limit, true)
}

fn move_focus_to(s: &Session, selector: &str, limit: usize, back: bool) -> usize {
    for pressed in 1..=limit {
        if back {
            s.chord(&[keys::SHIFT, keys::TAB]).expect("Shift+Tab");
        } else {
            s.press(&[keys::TAB]).expect("Tab");
        }
        let at = s
            .execute(
                "const el = document.activeElement;
                 if (!el || el === document.body) return { body: true };
                 const box = el.getBoundingClientRect();
                 return {
                   matches: el.matches(arguments[0]),
                   visible: box.width > 0 && box.height > 0 && box.bottom > 0
                     && box.top < window.innerHeight,
                   name: el.tagName + '#' + el.id + '[' + (el.getAttribute('data-testid') || '') + ']',
                 };",
                vec![selector.into()],
            )
            .expect("the focus");
        if at["body"] == true {
            continue;
        }
        assert_eq!(at["visible"], true, "a focus stop off screen: {at}");
        if at["matches"] == true {
            return pressed;
        }
    }
    panic!("{selector} not reached after {limit} presses of Tab");
}

/// Types `text` into the focused element, one key per character (Vietnamese letters are
/// single precomposed characters, as a Vietnamese keyboard sends them).
fn type_here(s: &Session, text: &str) {
    let chars: Vec<String> = text.chars().map(String::from).collect();
    let keys: Vec<&str> = chars.iter().map(String::as_str).collect();
    s.press(&keys).expect("typed");
}

/// A screen whose module is still on its way says so ("Đang tải phần này…", `ui::lazy::deferred`):
/// caught on screen by holding the ward's screens' module at the server while the first run,
/// whose import boxes come from it, is shown; then the module comes and the boxes replace it.
#[test]
fn the_loading_state_of_a_part_passes_axe() {
    let server = StaticServer::start(dist_dir());
    server.delay("split_ward.wasm", Duration::from_secs(10));
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).expect("the ward");
    s.wait_for("#first-province-name").expect("the first run");
    let loading = s
        .wait_for("[data-testid=part-loading]")
        .expect("the loading state");
    assert_eq!(
        s.text(&loading).expect("its text"),
        "Đang tải phần này…",
        "said in Vietnamese"
    );
    app::screenshot(s, "part-loading").expect("a screenshot");
    axe::assert_clean(s, "/phuong (first run, a part loading)");
    server.answer_at_once();
    s.wait_for("#config-file").expect("the module came");
    assert!(
        s.find("[data-testid=part-loading]")
            .expect("a query")
            .is_none()
    );
}

#[test]
fn the_wards_workflow_runs_by_keyboard_alone() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).expect("the ward");
    s.wait_for_text(PAGE_TITLE, "Bắt đầu: khai báo đơn vị")
        .expect("the first run");
    let setup = ward::HUNG_DUNG;
    for (id, text) in [
        ("first-province-name", setup.province),
        ("first-province-code", setup.province_code),
        ("first-ward-name", setup.ward),
        ("first-ward-code", setup.ward_code),
        ("first-officer", setup.officer),
    ] {
        tab_to(s, &format!("#{id}"), 40);
        type_here(s, text);
    }
    tab_to(s, "[data-testid=first-run-save]", 10);
    s.press(&[keys::ENTER]).expect("saved");
    s.wait_until(Duration::from_secs(20), "the ward line", || {
        let Some(line) = s.find("[data-testid=ward-unit]")? else {
            return Ok(None);
        };
        Ok(s.text(&line)?.starts_with(setup.ward).then_some(()))
    })
    .expect("the ward is set up");

    // The track, then "start".
    tab_to(s, "#track-new", 40);
    s.press(&[keys::SPACE]).expect("the track");
    tab_to(s, "[data-testid=start-assessment]", 10);
    s.press(&[keys::ENTER]).expect("started");
    s.wait_for("[data-testid=criterion-C20]")
        .expect("the criteria");

    // C01: met, a note; every change saved.
    // One Tab stop per radio group (the checked radio); the arrows move the choice.
    tab_to(s, "input[name='status-C01']", 80);
    for _ in 0..4 {
        if app::focused_id(s).expect("the focus") == "status-C01-met" {
            break;
        }
        s.press(&[keys::RIGHT]).expect("the next status");
    }
    assert_eq!(app::focused_id(s).expect("the focus"), "status-C01-met");
    s.wait_for_attribute("[data-testid=criterion-C01]", "data-status", "met")
        .expect("C01 met");
    tab_to(s, "#note-C01", 20);
    type_here(s, "Đã kiểm tra tại trụ sở");
    ward::wait_criterion_saved(s, "C01").expect("saved");

    // A follow-up task, reached through the workspace's navigation.
    tab_back_to(s, &format!("{WARD_NAV} a[href='/phuong/khac-phuc']"), 60);
    s.press(&[keys::ENTER]).expect("to the tasks");
    s.wait_for("#action-task").expect("the tasks");
    tab_to(s, "#action-task", 40);
    type_here(s, "Bổ sung 2 cán bộ");
    tab_to(s, "#action-owner", 5);
    type_here(s, "Trưởng Công an phường");
    tab_to(s, "[data-testid=add-action]", 5);
    s.press(&[keys::ENTER]).expect("the task is added");
    s.wait_for("[data-testid=action-row]")
        .expect("the task's row");
    ward::wait_all_saved(s).expect("saved");

    // The export, by Enter on its button.
    tab_back_to(s, &format!("{WARD_NAV} a[href='/phuong/trao-doi']"), 60);
    s.press(&[keys::ENTER]).expect("to the exchange");
    tab_to(s, "[data-testid=export-button]", 40);
    #[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
    let pressed = SystemTime::now();
    s.press(&[keys::ENTER]).expect("exported");
    let file = browser.wait_for_download_since(pressed, |name| name.starts_with("pkm-16678-"));
    let bundle = read_bundle(&std::fs::read(&file).expect("reads"), &Limits::default())
        .expect("the core reads the export");
    let text = serde_json::to_string(&bundle.content).expect("serialises");
    assert!(text.contains("Đã kiểm tra tại trụ sở"), "the note travels");
    assert!(text.contains("Bổ sung 2 cán bộ"), "the task travels");
}
