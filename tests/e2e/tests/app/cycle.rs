//! The year's cycle end to end across two years (issue 24), with a province laptop and a ward
//! laptop (two browser profiles): the province reviews the ward's 2024, concludes and exports the
//! feedback file; the ward imports it and sees the verdict and comment beside the criterion, and
//! makes an action item of the disputed one; the province records the Minister's decision, its
//! dashboard counts it against the quota and its list of next year shows the ward on the maintain
//! track; the province's config carries the decision to the ward, whose 2025 starts on the
//! maintain track since 2024, with last year's evidence and notes copied on request and last
//! year's status beside each criterion. Screenshots go to `docs/screenshots/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use pkm_core::fixtures::{self, ProvinceFixture};
use pkm_e2e::app::{self, PAGE_TITLE};
use pkm_e2e::axe;
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;
use pkm_e2e::ward;
use pkm_e2e::webdriver::Session;

const SEED: u64 = 2024;
const COMMENT: &str = "Chưa có biên bản kiểm tra định kỳ.";

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

/// Runs axe on the screen shown now: no serious or critical violation.
fn assert_axe(s: &Session, screen: &str) {
    axe::assert_clean(s, screen);
}

fn select(s: &Session, selector: &str, value: &str) {
    let element = s.wait_for(selector).expect("the list");
    s.execute(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![element.as_arg(), serde_json::Value::String(value.into())],
    )
    .expect("chosen");
}

/// The province laptop: the reviewer named, the config and the ward's file imported.
fn province_with(s: &Session, server: &StaticServer, fixture: &ProvinceFixture, dir: &Path) {
    s.goto(&server.url("/tinh/thiet-lap"))
        .expect("the page opens");
    s.wait_for_text(PAGE_TITLE, "Không gian làm việc của Công an tỉnh")
        .expect("the province workspace opens");
    app::fill(s, "office-reviewer", "Đ/c Lê Thẩm Định").expect("the reviewer");
    app::wait_saved(s).expect("the profile is saved");
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").expect("to the import");
    let first = &fixture.ward_bundles[0];
    let files = vec![
        write(dir, "cau-hinh.json", &fixture.config_bundle),
        write(dir, "phuong.json", &first.json),
    ];
    let province = fixture.province.to_string();
    let (_, lines) =
        app::province_import_confirming(s, &files, &[&province]).expect("the import runs");
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );
}

/// On the review screen: disputes C01 of the ward with a comment, proposes the ward, and
/// downloads the feedback file for it.
#[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
fn review_and_send_back(browser: &Browser, s: &Session, ward_id: &str) -> PathBuf {
    app::click(s, "[data-testid=province-nav] a[href='/tinh/xet-duyet']").expect("to the review");
    select(s, "[data-testid=review-ward]", ward_id);
    s.wait_for("tr[data-criterion=C01]").expect("the sheet");
    app::click(s, "#review-C01-disagree").expect("disagree");
    app::fill(s, "review-C01-comment", COMMENT).expect("the comment");
    app::click(s, "tr[data-criterion=C01] button[type=submit]").expect("save the verdict");
    s.wait_for_text(
        "tr[data-criterion=C01] [data-testid=verdict-message]",
        "Đã lưu ý kiến thẩm định.",
    )
    .expect("the verdict is saved");
    app::click(s, "#cycle-proposed-yes").expect("proposed");
    app::fill(s, "cycle-reason", "Đạt đủ tiêu chí sau khi khắc phục").expect("the reason");
    app::click(s, "[data-testid=conclusion-save]").expect("save the conclusion");
    s.wait_for_text("[data-testid=conclusion-message]", "Đã lưu")
        .expect("the conclusion is saved");
    let clicked = std::time::SystemTime::now();
    app::click(s, "[data-testid=feedback-one]").expect("export the feedback");
    let file = browser.wait_for_download_since(clicked, |name| name.starts_with("pkm-y-kien-"));
    assert_axe(s, "the review screen with the conclusion and feedback");
    let shot = app::page_screenshot(s, "cycle-province-review", false).expect("a screenshot");
    copy_to_docs(&shot, "cycle-province-review.png");
    file
}

/// Records the Minister's decision (the proposed ward is checked already) and checks the
/// dashboard's outcome and next year's list.
#[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
fn decide_and_send_config(browser: &Browser, s: &Session, fixture: &ProvinceFixture) -> PathBuf {
    let ward_id = fixture.ward_bundles[0].ward.to_string();
    app::fill(s, "decision-number", "2878/QĐ-BCA").expect("the number");
    app::fill(s, "decision-date", "22/04/2025").expect("the date");
    app::fill(s, "decision-signer", "Bộ trưởng").expect("the signer");
    let checked = s
        .property(
            &s.wait_for(&format!("#decision-ward-{ward_id}"))
                .expect("the ward's box"),
            "checked",
        )
        .expect("its state");
    assert_eq!(
        checked.as_bool(),
        Some(true),
        "the proposed ward is checked"
    );
    app::click(s, "[data-testid=decision-save]").expect("save the decision");
    s.wait_for_text("[data-testid=decision-message]", "Đã lưu")
        .expect("the decision is saved");
    s.wait_for_text(
        &format!("[data-testid=next-tracks] li[data-ward='{ward_id}']"),
        &format!("{}: Duy trì (2024)", fixture.ward_bundles[0].name_vi),
    )
    .expect("next year's list");
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    let outcome = s
        .wait_until(Duration::from_secs(20), "the outcome", || {
            let text = app::text_of(s, "[data-testid=cycle-outcome]")?;
            Ok(text
                .contains("Quyết định số 2878/QĐ-BCA ngày 22/04/2025")
                .then_some(text))
        })
        .expect("the outcome");
    assert!(
        outcome.contains("đề nghị công nhận: 1 (")
            && outcome.contains("được công nhận: 1 (Quyết định số 2878/QĐ-BCA ngày 22/04/2025)"),
        "{outcome}"
    );
    s.execute(
        "document.querySelector('[data-testid=cycle-outcome]').scrollIntoView();",
        vec![],
    )
    .expect("the outcome in view");
    let shot = app::screenshot(s, "cycle-province-dashboard").expect("a screenshot");
    copy_to_docs(&shot, "cycle-province-dashboard.png");
    // The province starts 2025: the ward has sent nothing yet, and the list of wards without a
    // file says the track the decision gives it.
    select(s, "#choice-year", "2025");
    s.wait_for_text(
        &format!("[data-testid=missing-wards] li[data-ward='{ward_id}']"),
        &format!("{} — Duy trì (2024)", fixture.ward_bundles[0].name_vi),
    )
    .expect("the recognised ward on the maintain track in 2025");
    select(s, "#choice-year", "2024");
    app::click(s, "[data-testid=province-nav] a[href='/tinh/thiet-lap']").expect("to setup");
    let clicked = std::time::SystemTime::now();
    app::click(s, "[data-testid=download-config]").expect("the config");
    browser.wait_for_download_since(clicked, |name| name.starts_with("pkm-cau-hinh-"))
}

/// The ward laptop: the config imported (the province's key confirmed), the ward chosen, its
/// own 2024 file imported, the year 2024 shown.
fn ward_with(s: &Session, server: &StaticServer, fixture: &ProvinceFixture, dir: &Path) {
    let first = &fixture.ward_bundles[0];
    s.goto(&server.url("/phuong")).expect("the ward page");
    s.wait_for("#config-file").expect("the first run");
    app::upload(
        s,
        "#config-file",
        &[write(dir, "cau-hinh-dau.json", &fixture.config_bundle)],
    )
    .expect("chosen");
    ward::confirm_question(s, fixture.province.as_str()).expect("the province's key confirmed");
    s.wait_for("#config-ward").expect("the ward list");
    select(s, "#config-ward", first.ward.as_str());
    app::fill(s, "config-officer", "Phan Văn Đức").expect("the officer");
    app::click(s, "#from-config-title ~ form button[type=submit]").expect("start");
    s.wait_for("[data-testid=ward-unit]")
        .expect("the ward is chosen");
    let line = ward::import_file(s, &write(dir, "cua-phuong.json", &first.json))
        .expect("the ward's own file");
    assert!(!line.contains("bị từ chối"), "{line}");
}

/// Opens the ward's assessment of `year` (from the ward's own navigation).
fn ward_year(s: &Session, year: u16) {
    app::click(s, "nav.pkm-subnav a[href='/phuong']").expect("to the assessment");
    select(s, "#year", &year.to_string());
    s.wait_until(Duration::from_secs(20), "the year shown", || {
        let value = s.property(&s.wait_for("#year")?, "value")?;
        Ok((value.as_str() == Some(year.to_string().as_str())).then_some(()))
    })
    .expect("the year");
}

#[test]
fn the_province_sends_its_verdicts_back_and_next_year_starts_from_the_decision() {
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let first = fixture.ward_bundles[0].clone();
    let dir = app::temp_folder("cycle-two-years");
    let server = StaticServer::start(dist_dir());
    let province_browser = Browser::launch();
    let p = province_browser.session();
    province_with(p, &server, &fixture, &dir);
    let feedback = review_and_send_back(&province_browser, p, first.ward.as_str());

    let ward_browser = Browser::launch();
    let w = ward_browser.session();
    ward_with(w, &server, &fixture, &dir);
    // The feedback is signed by the province laptop's own key: confirmed once, by phone.
    let line = ward::import_confirming(w, &feedback, fixture.province.as_str())
        .expect("the feedback imports");
    assert!(!line.contains("bị từ chối"), "{line}");
    ward_year(w, 2024);
    let seen = "[data-testid=criterion-C01] [data-testid=province-verdict]";
    w.wait_for_attribute(seen, "data-verdict", "disagree")
        .expect("the verdict beside C01");
    w.wait_for_text(&format!("{seen} [data-testid=province-comment]"), COMMENT)
        .expect("the comment beside C01");
    let status_before = w
        .attribute(
            &w.wait_for("[data-testid=criterion-C01]").expect("C01"),
            "data-status",
        )
        .expect("its status");
    app::click(w, &format!("{seen} [data-testid=verdict-action]")).expect("make the action");
    w.wait_for_text(
        &format!("{seen} [data-testid=verdict-action-message]"),
        "Đã tạo nhiệm vụ khắc phục.",
    )
    .expect("the action item is made");
    let status_after = w
        .attribute(
            &w.wait_for("[data-testid=criterion-C01]").expect("C01"),
            "data-status",
        )
        .expect("its status");
    assert_eq!(
        status_after, status_before,
        "the feedback changed no value of the ward"
    );
    w.execute(
        "document.querySelector('[data-testid=criterion-C01]').scrollIntoView();",
        vec![],
    )
    .expect("C01 in view");
    assert_axe(w, "the ward's criteria with the province's verdicts");
    let shot = app::screenshot(w, "cycle-ward-verdict").expect("a screenshot");
    copy_to_docs(&shot, "cycle-ward-verdict.png");

    let config = decide_and_send_config(&province_browser, p, &fixture);
    let line = ward::import_file(w, &config).expect("the new config");
    assert!(!line.contains("bị từ chối"), "{line}");
    next_year_at_the_ward(w);
}

/// The ward's 2025: the maintain track since 2024 proposed, last year's evidence and notes
/// copied, and last year's status beside each criterion.
fn next_year_at_the_ward(w: &Session) {
    ward_year(w, 2025);
    w.wait_for("[data-testid=start-assessment]")
        .expect("not started yet");
    let maintain = w.wait_for("#track-maintain").expect("the maintain option");
    w.wait_until(
        Duration::from_secs(10),
        "the maintain track proposed",
        || Ok((w.property(&maintain, "checked")?.as_bool() == Some(true)).then_some(())),
    )
    .expect("maintain is chosen");
    assert_eq!(app::input_value(w, "track-since").expect("since"), "2024");
    app::click(w, "[data-testid=copy-forward]").expect("copy forward");
    app::click(w, "[data-testid=start-assessment]").expect("start 2025");
    w.wait_for("[data-testid=criterion-C01]")
        .expect("the 2025 criteria");
    w.wait_for("[data-testid=years-C01]")
        .expect("the earlier years' statuses");
    let status = w
        .attribute(
            &w.wait_for("[data-testid=criterion-C01]").expect("C01"),
            "data-status",
        )
        .expect("its status");
    assert_eq!(
        status.as_deref(),
        Some("not-assessed"),
        "statuses are not copied"
    );
    assert_axe(w, "the ward's next year with last year's statuses");
    let shot = app::screenshot(w, "cycle-ward-next-year").expect("a screenshot");
    copy_to_docs(&shot, "cycle-ward-next-year.png");
}
