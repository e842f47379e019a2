//! The ward workspace end to end: a new officer fills the whole year and nothing is lost across
//! reloads, offline, or a closed tab; the exported file holds exactly what was entered; and two
//! laptops of one ward converge with exactly one conflict, whose resolution travels.

use std::time::Duration;

use pkm_core::{
    ActionStatus, AssessmentKey, BundleKind, CriterionId, CriterionStatus, Limits, RequestCategory,
    Store, UnitId, read_bundle,
};
use pkm_e2e::app;
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::{Session, keys};
use pkm_e2e::{dist_dir, ward};

/// Criteria of the draft catalogue with a figure, and the figure a test enters.
const FIGURES: [(&str, &str); 3] = [("C03", "12"), ("C04", "95,5"), ("C09", "100")];

fn status_for(index: usize) -> &'static str {
    match index {
        4 => "expected",
        6 => "not-met",
        _ => "met",
    }
}

fn criterion(index: usize) -> String {
    format!("C{:02}", index + 1)
}

/// Copies a screenshot to `docs/screenshots/<name>`, where the user guide (`docs/huong-dan/`)
/// shows it.
fn copy_to_docs(shot: &std::path::Path, name: &str) {
    let docs = pkm_e2e::workspace_root()
        .join("docs/screenshots")
        .join(name);
    std::fs::copy(shot, &docs).unwrap();
}

/// Fills all 20 criteria: status, evidence, and a figure where there is one.
pub(super) fn fill_all_criteria(s: &Session) {
    for index in 0..20 {
        let id = criterion(index);
        ward::set_status(s, &id, status_for(index)).unwrap();
        ward::add_evidence(
            s,
            &id,
            &format!("{}/KH-CAP", index + 10),
            "15/03/2026",
            "Đảng ủy phường",
            &format!("Minh chứng cho tiêu chí {id}"),
        )
        .unwrap();
    }
    for (id, figure) in FIGURES {
        app::fill(s, &format!("figure-{id}"), figure).unwrap();
    }
    ward::type_note(s, "C07", "Còn thiếu 2 cán bộ").unwrap();
    ward::wait_all_saved(s).unwrap();
}

/// Adds an action item and two requests on the gaps page.
pub(super) fn add_action_and_requests(s: &Session) {
    s.click(&s.wait_for("a[href='/phuong/khac-phuc']").unwrap())
        .unwrap();
    s.wait_for("#action-task").unwrap();
    select(s, "#action-criterion", "C07");
    app::fill(
        s,
        "action-task",
        "Đề nghị bổ sung 2 cán bộ Cảnh sát khu vực",
    )
    .unwrap();
    app::fill(s, "action-owner", "Đồng chí Trưởng Công an phường").unwrap();
    set_date(s, "#action-deadline", "2026-01-15");
    s.click(&s.wait_for("[data-testid=add-action]").unwrap())
        .unwrap();
    s.wait_for("[data-testid=action-row]").unwrap();

    for (category, description, quantity) in [
        ("staffing", "Bổ sung biên chế Cảnh sát khu vực", "2"),
        ("vehicles", "Cấp xe ô tô tuần tra", "1"),
    ] {
        select(s, "#request-category", category);
        app::fill(s, "request-description", description).unwrap();
        app::fill(s, "request-quantity", quantity).unwrap();
        let before = s.find_all("[data-testid=request-row]").unwrap().len();
        s.click(&s.wait_for("[data-testid=add-request]").unwrap())
            .unwrap();
        s.wait_until(Duration::from_secs(10), "the new request", || {
            Ok((s.find_all("[data-testid=request-row]")?.len() > before).then_some(()))
        })
        .unwrap();
    }
}

fn select(s: &Session, selector: &str, value: &str) {
    let element = s.wait_for(selector).unwrap();
    s.execute(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![element.as_arg(), serde_json::Value::String(value.into())],
    )
    .unwrap();
}

fn set_date(s: &Session, selector: &str, iso: &str) {
    let element = s.wait_for(selector).unwrap();
    s.execute(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![element.as_arg(), serde_json::Value::String(iso.into())],
    )
    .unwrap();
}

/// Checks every criterion's status and evidence count, the figures, and the progress line.
pub(super) fn check_everything_is_there(s: &Session) {
    s.wait_for("[data-testid=criterion-C20]").unwrap();
    for index in 0..20 {
        let id = criterion(index);
        s.wait_for_attribute(
            &format!("[data-testid=criterion-{id}]"),
            "data-status",
            status_for(index),
        )
        .unwrap();
        let evidence = s
            .find_all(&format!(
                "[data-testid=criterion-{id}] [data-testid=evidence]"
            ))
            .unwrap();
        assert_eq!(evidence.len(), 1, "{id} has its evidence");
    }
    for (id, figure) in FIGURES {
        assert_eq!(
            app::input_value(s, &format!("figure-{id}")).unwrap(),
            figure
        );
    }
    assert_eq!(
        app::input_value(s, "note-C07").unwrap(),
        "Còn thiếu 2 cán bộ"
    );
    let first_number = s
        .wait_for("[data-testid=criterion-C01] input[id$='-number']")
        .unwrap();
    assert_eq!(s.property(&first_number, "value").unwrap(), "10/KH-CAP");
    s.wait_for_text("[data-testid=count-met] .pkm-progress__count", "18/20")
        .unwrap();
    s.wait_for_text("[data-testid=count-not-met] .pkm-progress__count", "1/20")
        .unwrap();
}

pub(super) fn check_gaps_page(s: &Session) {
    s.click(&s.wait_for("a[href='/phuong/khac-phuc']").unwrap())
        .unwrap();
    s.wait_for("[data-testid=action-row]").unwrap();
    assert_eq!(s.find_all("[data-testid=action-row]").unwrap().len(), 1);
    assert_eq!(s.find_all("[data-testid=request-row]").unwrap().len(), 2);
    // The deadline (15/01/2026) has passed and the task is open: it stands out.
    s.wait_for("[data-testid=action-row] [data-testid=overdue]")
        .unwrap();
    let totals = s
        .text(&s.wait_for("[data-testid=request-totals]").unwrap())
        .unwrap();
    assert!(
        totals.contains("Biên chế: 1") && totals.contains("Phương tiện: 1"),
        "{totals}"
    );
}

#[test]
fn a_new_officer_fills_the_year_and_it_survives_reloads_and_going_offline() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, true).unwrap();
    s.wait_for("[data-testid=catalogue-draft]").unwrap();
    fill_all_criteria(s);
    app::full_page_screenshot(s, "ward-assessment-full").unwrap();
    app::screenshot(s, "ward-assessment").unwrap();
    add_action_and_requests(s);
    ward::wait_all_saved(s).unwrap();

    s.refresh().unwrap();
    check_gaps_page(s);
    s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
    check_everything_is_there(s);

    // Offline: the same, and still editable.
    app::wait_until_offline_ready(s).unwrap();
    server.set_unplugged(true);
    s.set_offline(true).unwrap();
    s.refresh().unwrap();
    check_everything_is_there(s);
    ward::set_status(s, "C07", "expected").unwrap();
    ward::wait_criterion_saved(s, "C07").unwrap();
    s.wait_for_text(
        "[data-testid=expected-complete]",
        "Dự kiến đạt 20/20 tiêu chí.",
    )
    .unwrap();
    s.refresh().unwrap();
    s.wait_for_attribute("[data-testid=criterion-C07]", "data-status", "expected")
        .unwrap();
    check_gaps_page(s);

    // The printed report, looked at in the docs.
    s.click(&s.wait_for("a[href='/phuong/in']").unwrap())
        .unwrap();
    let summary = s
        .text(&s.wait_for("[data-testid=print-summary]").unwrap())
        .unwrap();
    assert!(
        summary.contains("18 tiêu chí đạt, 2 tiêu chí dự kiến đạt"),
        "{summary}"
    );
    assert!(
        summary.ends_with("Dự kiến đạt 20/20 tiêu chí."),
        "{summary}"
    );
    s.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "print" }),
    )
    .unwrap();
    app::full_page_screenshot(s, "ward-print").unwrap();
}

#[test]
fn closing_the_tab_right_after_saved_loses_nothing() {
    let server = StaticServer::start(dist_dir());
    let mut browser = Browser::launch();
    {
        let s = browser.session();
        s.goto(&server.url("/phuong")).unwrap();
        ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
        ward::start_assessment(s, false).unwrap();
        ward::set_status(s, "C11", "not-met").unwrap();
        ward::type_note(s, "C11", "Camera ở tổ dân phố 5 chưa lắp").unwrap();
        s.wait_for_text(
            "[data-testid=criterion-C11] [data-testid=save-status]",
            "Đã lưu",
        )
        .unwrap();
    }
    // The moment "Đã lưu" shows, the browser goes away.
    browser.restart();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    s.wait_until(Duration::from_secs(20), "the note after closing", || {
        Ok((app::input_value(s, "note-C11")? == "Camera ở tổ dân phố 5 chưa lắp").then_some(()))
    })
    .unwrap();
    s.wait_for_attribute("[data-testid=criterion-C11]", "data-status", "not-met")
        .unwrap();
}

#[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
fn export(browser: &Browser, s: &Session) -> std::path::PathBuf {
    s.click(&s.wait_for("a[href='/phuong/trao-doi']").unwrap())
        .unwrap();
    let clicked = std::time::SystemTime::now();
    s.click(&s.wait_for("[data-testid=export-button]").unwrap())
        .unwrap();
    s.wait_for_attribute("[data-testid=unexported-count]", "data-count", "0")
        .unwrap();
    browser.wait_for_download_since(clicked, |name| name.starts_with("pkm-16678-2026-"))
}

/// Checks that an exported file, read by the core (its digest and signature checked), holds
/// exactly what [`fill_all_criteria`] and [`add_action_and_requests`] entered, and is signed.
pub(super) fn assert_export_holds_what_was_entered(bytes: &[u8]) {
    let bundle = read_bundle(bytes, &Limits::default()).expect("the core reads the export");
    assert_eq!(bundle.kind, BundleKind::Ward);
    let ward_id = UnitId::new("16678").unwrap();
    assert_eq!(bundle.header.unit_id, ward_id);
    let content: &Store = &bundle.content;
    assert_eq!(
        content.unit(&ward_id).unwrap().name_vi,
        "Công an phường Hưng Dũng"
    );
    let key = AssessmentKey::new(ward_id.clone(), 2026);
    let doc = content.assessment(&key).expect("the year's assessment");
    assert_eq!(content.assessments().len(), 1);
    for index in 0..20 {
        let id = CriterionId::new(criterion(index)).unwrap();
        let entry = doc.entry(&id).expect("every criterion was filled");
        let expected = match status_for(index) {
            "met" => CriterionStatus::Met,
            "expected" => CriterionStatus::Expected,
            _ => CriterionStatus::NotMet,
        };
        assert_eq!(entry.status, expected, "{id}");
        assert_eq!(entry.evidence.len(), 1, "{id}");
        let evidence = &entry.evidence[0];
        assert_eq!(evidence.doc_number, format!("{}/KH-CAP", index + 10));
        assert_eq!(evidence.issuer, "Đảng ủy phường");
        assert_eq!(
            evidence.description,
            format!("Minh chứng cho tiêu chí {id}")
        );
        assert_eq!(evidence.date.map(|d| d.to_iso()), Some("2026-03-15".into()));
    }
    let figure = |id: &str| {
        doc.entry(&CriterionId::new(id).unwrap())
            .and_then(|e| e.figure)
    };
    assert_eq!(figure("C03"), Some(12.0));
    assert_eq!(figure("C04"), Some(95.5));
    assert_eq!(figure("C09"), Some(100.0));
    assert_eq!(
        doc.entry(&CriterionId::new("C07").unwrap()).unwrap().note,
        "Còn thiếu 2 cán bộ"
    );
    let actions: Vec<_> = doc.live_actions().collect();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].task, "Đề nghị bổ sung 2 cán bộ Cảnh sát khu vực");
    assert_eq!(actions[0].owner, "Đồng chí Trưởng Công an phường");
    assert_eq!(actions[0].criterion, Some(CriterionId::new("C07").unwrap()));
    assert_eq!(
        actions[0].deadline.map(|d| d.to_iso()),
        Some("2026-01-15".into())
    );
    assert_eq!(actions[0].status, ActionStatus::Open);
    let mut requests: Vec<_> = doc
        .live_requests()
        .map(|r| (r.category, r.description.clone(), r.quantity))
        .collect();
    requests.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(
        requests,
        vec![
            (
                RequestCategory::Staffing,
                "Bổ sung biên chế Cảnh sát khu vực".into(),
                Some(2.0)
            ),
            (
                RequestCategory::Vehicles,
                "Cấp xe ô tô tuần tra".into(),
                Some(1.0)
            ),
        ]
    );
    assert!(bundle.signature().is_some(), "every export is signed");
}

#[test]
fn the_exported_file_is_read_by_the_core_and_holds_exactly_what_was_entered() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, true).unwrap();
    fill_all_criteria(s);
    add_action_and_requests(s);
    ward::wait_all_saved(s).unwrap();

    let path = export(&browser, s);
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    assert!(name.is_ascii(), "{name}");
    assert!(
        name.len() == "pkm-16678-2026-20261129-093015.json".len() && name.ends_with(".json"),
        "ward code, year, date and time: {name}"
    );
    s.wait_for_text("[data-testid=unexported-count]", "0 thay đổi chưa xuất.")
        .unwrap();
    let last = s
        .text(&s.wait_for("[data-testid=last-export]").unwrap())
        .unwrap();
    assert!(
        last.starts_with("Lần xuất gần nhất:") && last.contains(&name),
        "{last}"
    );

    assert_export_holds_what_was_entered(&std::fs::read(&path).unwrap());

    // A change after the export is counted as not exported.
    s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
    ward::type_note(s, "C01", "Bổ sung sau khi xuất").unwrap();
    ward::wait_criterion_saved(s, "C01").unwrap();
    s.click(&s.wait_for("a[href='/phuong/trao-doi']").unwrap())
        .unwrap();
    s.wait_for_attribute("[data-testid=unexported-count]", "data-count", "1")
        .unwrap();
    let shot = app::page_screenshot(s, "ward-exchange", false).unwrap();
    copy_to_docs(&shot, "ward-exchange.png");
}

/// Imports `file` from the other laptop of the ward on the exchange page: the first file of that
/// laptop asks for its key (read back by phone between the two officers), confirmed here; returns
/// the result line.
fn import_from_laptop(s: &Session, file: &std::path::Path) -> String {
    s.click(&s.wait_for("a[href='/phuong/trao-doi']").unwrap())
        .unwrap();
    ward::import_confirming(s, file, ward::HUNG_DUNG.ward_code).unwrap()
}

/// Imports `file` on the exchange page and returns the result line.
fn import(s: &Session, file: &std::path::Path) -> String {
    s.click(&s.wait_for("a[href='/phuong/trao-doi']").unwrap())
        .unwrap();
    app::upload(s, "#import-file", &[file.to_path_buf()]).unwrap();
    s.wait_until(Duration::from_secs(20), "the import result", || {
        let Some(list) = s.find("[data-testid=import-file-results] li")? else {
            return Ok(None);
        };
        Ok(Some(s.text(&list)?))
    })
    .unwrap()
}

fn conflicts(s: &Session) -> usize {
    s.click(&s.wait_for("a[href='/phuong/trao-doi']").unwrap())
        .unwrap();
    s.wait_for("[data-testid=conflicts]").unwrap();
    s.find_all("[data-testid=conflict]").unwrap().len()
}

#[test]
fn two_laptops_of_one_ward_converge_with_exactly_one_conflict() {
    let server = StaticServer::start(dist_dir());
    let laptop_a = Browser::launch();
    let laptop_b = Browser::launch();
    let (a, b) = (laptop_a.session(), laptop_b.session());
    for (s, officer) in [(a, "Nguyễn Thị Hồng"), (b, "Trần Văn Bình")] {
        s.goto(&server.url("/phuong")).unwrap();
        let setup = ward::WardSetup {
            officer,
            ..ward::HUNG_DUNG
        };
        ward::set_up_by_hand(s, &setup).unwrap();
        ward::start_assessment(s, false).unwrap();
    }
    // Different criteria on each laptop, and one criterion on both.
    ward::set_status(a, "C01", "met").unwrap();
    ward::type_note(a, "C05", "Theo máy A").unwrap();
    ward::set_status(b, "C02", "met").unwrap();
    ward::type_note(b, "C05", "Theo máy B").unwrap();
    ward::wait_all_saved(a).unwrap();
    ward::wait_all_saved(b).unwrap();

    let from_a = export(&laptop_a, a);
    let from_b = export(&laptop_b, b);
    let into_b = import_from_laptop(b, &from_a);
    assert!(!into_b.contains("từ chối"), "{into_b}");
    let into_a = import_from_laptop(a, &from_b);
    assert!(!into_a.contains("từ chối"), "{into_a}");
    assert_eq!(conflicts(a), 1, "exactly one conflict on A");
    assert_eq!(conflicts(b), 1, "exactly one conflict on B");
    let title = a
        .text(&a.wait_for("[data-testid=conflict] h3").unwrap())
        .unwrap();
    assert!(title.contains("C05"), "{title}");

    // Both laptops hold both edits of the other criteria.
    for s in [a, b] {
        s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
        s.wait_for_attribute("[data-testid=criterion-C01]", "data-status", "met")
            .unwrap();
        s.wait_for_attribute("[data-testid=criterion-C02]", "data-status", "met")
            .unwrap();
        s.wait_for("[data-testid=criterion-C05] [data-testid=conflict-badge]")
            .unwrap();
    }

    // A resolves by keeping B's value; the resolution travels to B and clears it there too.
    a.click(&a.wait_for("a[href='/phuong/trao-doi']").unwrap())
        .unwrap();
    let values = a
        .find_all("[data-testid=conflict] .pkm-conflicts__value")
        .unwrap();
    let keep = values
        .iter()
        .position(|value| a.text(value).unwrap().contains("Theo máy B"))
        .expect("B's value is offered");
    let buttons = a
        .find_all("[data-testid=conflict] [data-testid=keep-value]")
        .unwrap();
    a.click(&buttons[keep]).unwrap();
    a.wait_for("[data-testid=no-conflicts]").unwrap();
    let resolved = export(&laptop_a, a);
    let into_b = import(b, &resolved);
    assert!(!into_b.contains("từ chối"), "{into_b}");
    b.wait_for("[data-testid=no-conflicts]").unwrap();
    for s in [a, b] {
        s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
        s.wait_until(Duration::from_secs(10), "the kept note", || {
            Ok((app::input_value(s, "note-C05")? == "Theo máy B").then_some(()))
        })
        .unwrap();
        assert!(
            s.find("[data-testid=criterion-C05] [data-testid=conflict-badge]")
                .unwrap()
                .is_none()
        );
    }
    // A bundle of another ward is refused on a ward laptop, and changes nothing.
    let fixture = pkm_core::fixtures::nghe_an_2024(5).unwrap();
    let other = std::env::temp_dir().join(format!("pkm-other-ward-{}.json", std::process::id()));
    std::fs::write(&other, &fixture.ward_bundles[0].json).unwrap();
    let refused = import(a, &other);
    assert!(refused.contains("của đơn vị khác"), "{refused}");
    let _ = std::fs::remove_file(&other);
    a.click(&a.wait_for("a[href='/phuong']").unwrap()).unwrap();
    assert_eq!(
        a.text(&a.wait_for("[data-testid=ward-unit]").unwrap())
            .unwrap(),
        "Công an phường Hưng Dũng · Công an tỉnh Nghệ An"
    );
}

#[test]
fn first_run_from_the_province_config_file_then_keyboard_only_editing_with_history() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    let fixture = pkm_core::fixtures::nghe_an_2024(21).unwrap();
    let config = app::temp_folder("ward-config").join("cau-hinh-nghe-an.json");
    std::fs::write(&config, &fixture.config_bundle).unwrap();
    let ward = &fixture.ward_bundles[0];

    s.goto(&server.url("/phuong")).unwrap();
    s.wait_for("#config-file").unwrap();
    assert!(
        app::unlabelled_controls(s).unwrap().is_empty(),
        "every control has a label"
    );
    let shot = app::page_screenshot(s, "ward-first-run", false).unwrap();
    copy_to_docs(&shot, "ward-first-run.png");
    app::upload(s, "#config-file", std::slice::from_ref(&config)).unwrap();
    // The province's key is not taken silently: its short fingerprint is shown, to read back
    // with the provincial office by phone, and the file goes in once it is confirmed.
    let province = fixture.province.as_str();
    let question = format!("[data-testid='decision-{province}']");
    let fingerprint =
        app::text_of(s, &format!("{question} [data-testid=decision-fingerprint]")).unwrap();
    assert_eq!(fingerprint, fixture.province_key.short());
    let refused = app::text_of(s, "[data-testid=config-file-results] li").unwrap();
    assert!(refused.contains("bị từ chối"), "{refused}");
    assert!(
        s.find("#config-ward").unwrap().is_none(),
        "nothing imported yet"
    );
    let shot = app::page_screenshot(s, "ward-confirm-province-key", false).unwrap();
    copy_to_docs(&shot, "ward-confirm-province-key.png");
    ward::confirm_question(s, province).unwrap();
    s.wait_for("#config-ward").unwrap();
    let imported = app::text_of(s, "[data-testid=config-file-results] li").unwrap();
    assert!(
        imported.contains(&fixture.province_key.short()) && !imported.contains("bị từ chối"),
        "{imported}"
    );
    select(s, "#config-ward", ward.ward.as_str());
    app::fill(s, "config-officer", "Phan Văn Đức").unwrap();
    let shot = app::page_screenshot(s, "ward-first-run-choose", false).unwrap();
    copy_to_docs(&shot, "ward-first-run-choose.png");
    s.click(
        &s.wait_for("#from-config-title ~ form button[type=submit]")
            .unwrap(),
    )
    .unwrap();
    s.wait_until(Duration::from_secs(20), "the chosen ward", || {
        let Some(line) = s.find("[data-testid=ward-unit]")? else {
            return Ok(None);
        };
        Ok(s.text(&line)?.starts_with(&ward.name_vi).then_some(()))
    })
    .unwrap();
    // The province chose a catalogue for the year in its config: that one is used.
    let year = fixture.year.to_string();
    select(s, "#year", &year);
    s.wait_for("[data-testid=start-assessment]").unwrap();
    ward::start_assessment(s, false).unwrap();
    assert!(
        app::unlabelled_controls(s).unwrap().is_empty(),
        "every control has a label"
    );

    // Keyboard only: focus C01's first status, arrow to the next one, tab on.
    let met = s.wait_for("#status-C01-met").unwrap();
    s.execute("arguments[0].focus();", vec![met.as_arg()])
        .unwrap();
    s.press(&[keys::SPACE]).unwrap();
    s.wait_for_attribute("[data-testid=criterion-C01]", "data-status", "met")
        .unwrap();
    s.press(&[keys::RIGHT]).unwrap();
    s.wait_for_attribute("[data-testid=criterion-C01]", "data-status", "expected")
        .unwrap();
    assert_eq!(app::focused_id(s).unwrap(), "status-C01-expected");
    // Tab reaches "add evidence" of C01 past the other radios (one stop per radio group).
    s.press(&[keys::TAB]).unwrap();
    let focused = app::focused_id(s).unwrap();
    let add = s
        .execute(
            "return document.activeElement.getAttribute('data-testid');",
            vec![],
        )
        .unwrap();
    assert_eq!(
        add, "add-evidence-C01",
        "focus after the radio group: {focused}"
    );
    s.press(&[keys::ENTER]).unwrap();
    s.wait_for("[data-testid=criterion-C01] [data-testid=evidence]")
        .unwrap();
    let number = s
        .wait_for("[data-testid=criterion-C01] [data-testid=evidence] input[id$='-number']")
        .unwrap();
    s.execute("arguments[0].focus();", vec![number.as_arg()])
        .unwrap();
    s.press(&["1", "2", "/", "N", "Q"]).unwrap();
    ward::wait_criterion_saved(s, "C01").unwrap();

    // Its history lists the changes, newest first, with the officer's name.
    let history = s
        .wait_for("[data-testid=criterion-C01] .pkm-history summary")
        .unwrap();
    s.click(&history).unwrap();
    let list = s
        .wait_until(Duration::from_secs(10), "the history", || {
            let items = s.find_all("[data-testid=criterion-C01] .pkm-history__list li")?;
            Ok((items.len() >= 2).then_some(items))
        })
        .unwrap();
    let newest = s.text(&list[0]).unwrap();
    assert!(newest.contains("Phan Văn Đức"), "{newest}");
    let all: Vec<String> = list.iter().map(|item| s.text(item).unwrap()).collect();
    assert!(
        all.iter().any(|line| line.contains("Chưa đánh giá → Đạt")),
        "{all:?}"
    );
    assert!(
        all.iter().any(|line| line.contains("Đạt → Dự kiến đạt")),
        "{all:?}"
    );
}
