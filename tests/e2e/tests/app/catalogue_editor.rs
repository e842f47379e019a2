//! The catalogue typed in at the province (issue 29) end to end: starting from the built-in
//! draft, editing, adding and removing criteria (20 in all), the draft surviving a reload,
//! publishing with the issuing document, choosing the new catalogue for 2025, exporting the
//! config, and a ward importing it and seeing the new criteria with the catalogue's status and
//! document; and the spreadsheet import, as .csv and as .xlsx (whose reader is fetched only then):
//! a sheet with five kinds of mistakes, each named at its row and column, changes nothing; a sheet
//! of 22 criteria replaces the draft's, and every figure follows the size; the template downloads
//! as .xlsx and .csv with today's catalogue.
//! Screenshots of the editor and of the ward's form go to `docs/screenshots/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader, Xlsx, open_workbook};
use pkm_core::catalogue_draft::CatalogueDraft;
use pkm_core::catalogue_sheet::read_sheet;
use pkm_core::{Catalogue, CatalogueStatus, Limits, UnitId, read_bundle};
use pkm_e2e::app;
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;
use pkm_e2e::{dist_dir, ward};

const EDITOR: &str = "[data-testid=catalogue-editor]";
const NEW_ID: &str = "125-qd-bca-v05-2025-03-15";

fn copy_to_docs(from: &Path, name: &str) {
    let target = pkm_e2e::workspace_root()
        .join("docs/screenshots")
        .join(name);
    std::fs::create_dir_all(target.parent().expect("a parent")).expect("docs/screenshots");
    std::fs::copy(from, &target).expect("the screenshot is copied to docs/");
}

/// A 1280 × 900 screenshot with `selector` scrolled to the top, copied to `docs/screenshots/`.
fn shot_of(s: &Session, selector: &str, name: &str) {
    let element = s.wait_for(selector).expect("the element to show");
    s.cdp(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
    )
    .expect("the window's size");
    s.execute(
        "arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -12);",
        vec![element.as_arg()],
    )
    .expect("scrolled");
    std::thread::sleep(Duration::from_millis(300));
    let shot = app::screenshot(s, name).expect("a screenshot");
    s.cdp(
        "Emulation.clearDeviceMetricsOverride",
        serde_json::json!({}),
    )
    .expect("the window back");
    copy_to_docs(&shot, &format!("{name}.png"));
}

fn sheet(name: &str) -> PathBuf {
    pkm_e2e::workspace_root()
        .join("tests/catalogues")
        .join(name)
}

/// Picks the sheet `name` of `tests/catalogues/` and returns the lines of its refusal.
fn refused_lines(s: &Session, name: &str) -> Vec<String> {
    app::upload(s, "#editor-sheet-file", &[sheet(name)]).expect("the sheet is picked");
    let problems = s
        .wait_until(Duration::from_secs(20), "the problems", || {
            let items = s.find_all("[data-testid=editor-sheet-problems] li")?;
            Ok((!items.is_empty()).then_some(items))
        })
        .unwrap_or_else(|error| panic!("{name} is not refused: {error:?}"));
    problems
        .iter()
        .map(|item| s.text(item).expect("a line"))
        .collect()
}

fn wait_editor_saved(s: &Session) {
    s.wait_for_attribute(
        &format!("{EDITOR} [data-testid=save-status]"),
        "data-state",
        "saved",
    )
    .expect("the draft is saved");
}

fn choose(s: &Session, select: &str, value: &str) {
    app::click(s, &format!("#{select} option[value='{value}']")).expect("the option");
}

/// The province and one ward (under a town), typed in on the setup screen; this office's
/// province chosen.
fn set_up_units(s: &Session, dir: &Path) {
    app::fill(s, "unit-name", "Công an tỉnh Hà Tĩnh").expect("the name");
    app::fill(s, "unit-id", "ht").expect("the id");
    choose(s, "unit-kind", "province");
    app::click(s, "[data-testid=unit-form] button[type=submit]").expect("save the unit");
    s.wait_for_text(
        "[data-testid=unit-form] p[role=status]",
        "Đã lưu đơn vị “Công an tỉnh Hà Tĩnh”.",
    )
    .expect("the unit is saved");
    let list = dir.join("don-vi.csv");
    std::fs::write(
        &list,
        "Mã;Tên đơn vị;Loại;Cấp trên\n\
         ht-hong-linh;Công an thị xã Hồng Lĩnh;thị xã;ht\n\
         ht-hl-bac-hong;Công an phường Bắc Hồng;phường;ht-hong-linh\n",
    )
    .expect("the list is written");
    app::upload(s, "#unit-list-file", &[list]).expect("the list");
    s.wait_until(Duration::from_secs(10), "three units", || {
        Ok((s.find_all("[data-testid=units] tbody tr")?.len() == 3).then_some(()))
    })
    .expect("the registry lists the units");
    choose(s, "office-province", "ht");
}

/// Starts a draft from the built-in one and edits it: a title, a kind and target, one criterion
/// added and one removed (still 20).
fn type_the_catalogue(s: &Session) {
    s.wait_for("[data-testid=editor-start]")
        .expect("the start form");
    choose(
        s,
        "editor-start-from",
        "bca-v05-cap-kieu-mau-antt-vmdt-2024-draft",
    );
    app::click(s, "[data-testid=editor-start] button[type=submit]").expect("start");
    s.wait_for("#editor-g0-c0-title-vi").expect("the rows");
    app::fill(s, "editor-title-vi", "Bộ 20 tiêu chí năm 2025 (chính thức)").expect("title");
    app::fill(s, "editor-title-en", "The 20 criteria of 2025 (official)").expect("title");
    app::fill(
        s,
        "editor-g0-c0-title-vi",
        "Cấp ủy phường có nghị quyết chuyên đề",
    )
    .expect("C01");
    choose(s, "editor-g1-c0-kind", "Percent");
    app::fill(s, "editor-g1-c0-target", "100").expect("C03's target");
    // A new criterion at the end of group 1, then criterion 2 removed: 20 again.
    app::click(s, "[data-testid=editor-g0-add]").expect("add a criterion");
    app::fill(
        s,
        "editor-g0-c2-title-vi",
        "Có quy chế phối hợp với các đoàn thể",
    )
    .expect("new");
    app::click(s, "[data-testid=editor-g0-c1-remove]").expect("remove C02");
    s.wait_until(Duration::from_secs(10), "C21 second", || {
        Ok((app::input_value(s, "editor-g0-c1-id")? == "C21").then_some(()))
    })
    .expect("the new criterion moved up");
    s.wait_for_text(
        "[data-testid=editor-preview-size]",
        "20 tiêu chí trong 6 nhóm — phường hoàn thành khi đạt 20/20",
    )
    .expect("the preview follows the size");
    s.wait_for(&format!("{EDITOR} [data-testid=editor-problems] p.pkm-ok"))
        .expect("no problem left");
    wait_editor_saved(s);
}

/// Publishes the draft: refused without a document, then published with one.
fn publish(s: &Session) {
    app::click(s, "[data-testid=editor-publish-button]").expect("publish");
    s.wait_for_text(
        "[data-testid=editor-publish-problems] li",
        "Số, ký hiệu văn bản: chưa được điền.",
    )
    .expect("publishing without a document is refused");
    app::fill(s, "editor-doc-number", "125/QĐ-BCA-V05").expect("number");
    app::fill(s, "editor-doc-date", "15/03/2025").expect("date");
    app::fill(s, "editor-doc-issuer", "Bộ Công an").expect("issuer");
    s.wait_for("[data-testid=editor-publish] [data-testid=catalogue-diff]")
        .expect("the differences from the draft");
    s.wait_until(
        Duration::from_secs(10),
        "the document's problems fixed",
        || {
            Ok(s.find("[data-testid=editor-publish-problems] li")?
                .is_none()
                .then_some(()))
        },
    )
    .expect("no problem left with the document");
    wait_editor_saved(s);
    shot_of(s, EDITOR, "province-catalogue-editor");
    shot_of(
        s,
        "[data-testid=editor-problems]",
        "province-catalogue-preview",
    );
    shot_of(
        s,
        "[data-testid=editor-sheet]",
        "province-catalogue-publish",
    );
    app::click(s, "[data-testid=editor-publish-button]").expect("publish");
    s.wait_for_text(
        &format!("{EDITOR} > p[role=status]:not([data-testid])"),
        &format!("Đã ban hành bộ tiêu chí “Bộ 20 tiêu chí năm 2025 (chính thức)” (mã {NEW_ID}). Hãy chọn bộ này cho năm áp dụng, rồi tải gói cấu hình gửi các Công an phường."),
    )
    .expect("published");
    s.wait_for("[data-testid=editor-start]")
        .expect("the draft is gone");
}

#[test]
fn a_typed_catalogue_is_published_chosen_for_a_year_and_shown_on_the_wards_form() {
    let dir = app::temp_folder("catalogue-editor");
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/thiet-lap"))
        .expect("the setup page");
    set_up_units(s, &dir);
    type_the_catalogue(s);
    // The draft survives a reload.
    s.refresh().expect("reload");
    s.wait_until(Duration::from_secs(20), "the draft back", || {
        let Some(_) = s.find("#editor-g0-c0-title-vi")? else {
            return Ok(None);
        };
        let value = app::input_value(s, "editor-g0-c0-title-vi")?;
        Ok((value == "Cấp ủy phường có nghị quyết chuyên đề").then_some(()))
    })
    .expect("the draft survived the reload");
    assert!(
        app::unlabelled_controls(s)
            .expect("the controls")
            .is_empty(),
        "every control has a label"
    );
    publish(s);

    app::fill(s, "catalogue-year", "2025").expect("the year");
    choose(s, "catalogue-choice", NEW_ID);
    app::click(s, "[data-testid=year-catalogue-form] button[type=submit]").expect("choose");
    s.wait_for_text(
        "[data-testid=year-catalogue-form] p[role=status]",
        &format!("Năm 2025 dùng bộ tiêu chí {NEW_ID}."),
    )
    .expect("the choice is saved");
    app::click(s, "[data-testid=download-config]").expect("the config button");
    let config = browser.wait_for_download(|name| name.ends_with(".json"));
    let bundle = read_bundle(&std::fs::read(&config).expect("reads"), &Limits::default())
        .expect("the core accepts the config");
    let province = UnitId::new("ht").expect("an id");
    let chosen = bundle.content.year_catalogue(&province, 2025).cloned();
    assert_eq!(chosen.as_ref().map(|id| id.as_str()), Some(NEW_ID));
    let catalogue: &Catalogue = chosen
        .and_then(|id| bundle.content.catalogue(&id))
        .expect("the config carries the catalogue");
    assert_eq!(catalogue.status, CatalogueStatus::Official);
    assert_eq!(catalogue.criteria_count(), 20);
    let document = catalogue.source_document.as_ref().expect("its document");
    assert_eq!(
        (document.number.as_str(), document.date.to_vi()),
        ("125/QĐ-BCA-V05", "15/03/2025".to_string())
    );

    ward_sees_the_catalogue(&server, &config);
}

/// A ward's fresh browser imports the config and its 2025 form shows the new catalogue.
fn ward_sees_the_catalogue(server: &StaticServer, config: &Path) {
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).expect("the ward page");
    app::upload(s, "#config-file", &[config.to_path_buf()]).expect("the config");
    ward::confirm_question(s, "ht").expect("the province's key confirmed");
    choose(s, "config-ward", "ht-hl-bac-hong");
    app::fill(s, "config-officer", "Trần Văn An").expect("the officer");
    app::click(s, "#from-config-title ~ form button[type=submit]").expect("use the ward");
    s.wait_for("[data-testid=ward-unit]")
        .expect("the ward is chosen");
    s.execute(
        "const el = document.getElementById('year'); el.value = '2025'; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    )
    .expect("the year");
    ward::start_assessment(s, false).expect("the 2025 assessment");
    s.wait_for("[data-testid=criterion-C21]")
        .expect("the new criterion");
    assert!(
        s.find("[data-testid=criterion-C02]")
            .expect("a query")
            .is_none()
    );
    s.wait_for("[data-testid=catalogue-official]")
        .expect("marked official");
    let document = app::text_of(s, "[data-testid=catalogue-document]").expect("the document");
    assert_eq!(
        document,
        "Văn bản số 125/QĐ-BCA-V05 ngày 15/03/2025 của Bộ Công an"
    );
    let line = app::text_of(s, "[data-testid=catalogue]").expect("the catalogue line");
    assert!(
        line.starts_with("Bộ tiêu chí áp dụng năm 2025: Bộ 20 tiêu chí năm 2025 (chính thức)"),
        "{line}"
    );
    let first = app::text_of(s, "[data-testid=criterion-C01]").expect("C01");
    assert!(
        first.contains("Cấp ủy phường có nghị quyết chuyên đề"),
        "{first}"
    );
    s.wait_for_text("[data-testid=count-met] .pkm-progress__count", "0/20")
        .expect("the figures follow the size");
    shot_of(s, "[data-testid=catalogue]", "ward-official-catalogue");
}

#[test]
fn a_spreadsheet_is_imported_only_whole_and_the_template_holds_todays_catalogue() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/thiet-lap"))
        .expect("the setup page");
    s.wait_for("[data-testid=editor-start]")
        .expect("the start form");
    choose(s, "editor-start-from", "-");
    app::click(s, "[data-testid=editor-start] button[type=submit]").expect("start empty");
    s.wait_for("#editor-g0-c0-title-vi").expect("one empty row");

    let lines = refused_lines(s, "tieu-chi-5-loi.csv");
    let starts = [
        "Dòng 3, cột E (Tên tiêu chí): chưa được điền.",
        "Dòng 5, cột D (Mã tiêu chí): mã “T03” bị trùng",
        "Dòng 6, cột G (Loại): loại “điểm số” không hợp lệ",
        "Dòng 7, cột H (Chỉ tiêu): chỉ tiêu ngoài phạm vi",
        "Dòng 8, cột A (Nhóm): chưa được điền.",
    ];
    assert_eq!(lines.len(), starts.len(), "{lines:#?}");
    for (line, start) in lines.iter().zip(starts) {
        assert!(line.starts_with(start), "{line} / {start}");
    }
    assert_eq!(
        s.find_all("[data-testid=editor-groups] fieldset.pkm-editor__criterion")
            .expect("rows")
            .len(),
        1,
        "nothing changed"
    );
    shot_of(
        s,
        "[data-testid=editor-sheet]",
        "province-catalogue-sheet-problems",
    );

    app::upload(s, "#editor-sheet-file", &[sheet("tieu-chi-2023-22.csv")]).expect("the sheet");
    s.wait_for_text(
        &format!("{EDITOR} > p[role=status]:not([data-testid])"),
        "Đã nhập 22 tiêu chí từ “tieu-chi-2023-22.csv”. Hãy kiểm tra rồi ban hành.",
    )
    .expect("22 criteria imported");
    s.wait_for_text(
        "[data-testid=editor-preview-size]",
        "22 tiêu chí trong 7 nhóm — phường hoàn thành khi đạt 22/22",
    )
    .expect("the preview follows the size");
    assert!(
        s.find("[data-testid=editor-sheet-problems]")
            .expect("a query")
            .is_none()
    );
    assert_eq!(
        app::input_value(s, "editor-g6-c3-id").expect("the last row"),
        "T22"
    );

    // The same sheets saved by an office suite as .xlsx (LibreOffice Calc wrote them from the
    // .csv files): read by a module of their own, fetched the first time one is picked, with
    // the same problems at the same rows and columns.
    let fetched = |s: &Session| app::fetched_files(s).expect("the fetched files");
    assert!(
        !fetched(s).contains(&"split_sheets.wasm".to_owned()),
        "the .xlsx reader is not fetched before an .xlsx file is picked"
    );
    let xlsx_lines = refused_lines(s, "tieu-chi-5-loi.xlsx");
    assert_eq!(xlsx_lines, lines, "the same problems as the .csv's");
    assert!(
        fetched(s).contains(&"split_sheets.wasm".to_owned()),
        "{:?}",
        fetched(s)
    );
    assert_eq!(
        app::input_value(s, "editor-g6-c3-id").expect("the last row"),
        "T22",
        "a refused sheet changes nothing"
    );
    app::fill(s, "editor-g6-c3-id", "T99").expect("an edit the import then replaces");
    app::upload(s, "#editor-sheet-file", &[sheet("tieu-chi-2023-22.xlsx")]).expect("the xlsx");
    s.wait_for_text(
        &format!("{EDITOR} > p[role=status]:not([data-testid])"),
        "Đã nhập 22 tiêu chí từ “tieu-chi-2023-22.xlsx”. Hãy kiểm tra rồi ban hành.",
    )
    .expect("22 criteria imported from the .xlsx");
    assert!(
        s.find("[data-testid=editor-sheet-problems]")
            .expect("a query")
            .is_none()
    );
    assert_eq!(
        app::input_value(s, "editor-g6-c3-id").expect("the last row"),
        "T22"
    );
    // A file that only looks like a workbook gets a message, and the draft stays.
    let broken = app::temp_folder("catalogue-sheet").join("bang.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really").expect("written");
    app::upload(s, "#editor-sheet-file", &[broken]).expect("the broken xlsx");
    let answer = app::text_of(s, "[data-testid=editor-sheet-problems] li").expect("the answer");
    assert!(
        answer.starts_with("Không đọc được tệp bảng tính"),
        "{answer}"
    );
    assert_eq!(
        app::input_value(s, "editor-g6-c3-id").expect("the last row"),
        "T22"
    );

    // The templates hold today's catalogue (the built-in draft: no year is chosen).
    app::click(s, "[data-testid=editor-template-csv]").expect("the csv template");
    let csv = browser.wait_for_download(|name| name.ends_with(".csv"));
    let draft = Catalogue::builtin_draft().expect("the draft");
    let back = read_sheet(
        "mau.csv",
        &std::fs::read(&csv).expect("reads"),
        &CatalogueDraft::from_catalogue(&draft),
    )
    .expect("the template reads back");
    assert_eq!(back, CatalogueDraft::from_catalogue(&draft));
    app::click(s, "[data-testid=editor-template-xlsx]").expect("the xlsx template");
    let xlsx = browser.wait_for_download(|name| name.ends_with(".xlsx"));
    let mut workbook: Xlsx<_> = open_workbook(&xlsx).expect("a workbook");
    let range = workbook.worksheet_range("Tiêu chí").expect("the sheet");
    assert_eq!(range.height(), 21, "a header and 20 criteria");
    assert_eq!(
        range.get_value((0, 4)),
        Some(&Data::String("Tên tiêu chí".into()))
    );
    assert_eq!(range.get_value((6, 3)), Some(&Data::String("C06".into())));
}
