//! The four documents end to end, as an office makes them: the fields typed once are remembered
//! per unit (after a reload too) and printed in the decree's head ("Số: …"), each document
//! downloads as a Word file, and LibreOffice headless opens that file, lays it out on A4 and
//! renders its first page, kept in `docs/screenshots/docx-*.png` to be looked at; the print views
//! are kept beside them (`docs/screenshots/print-*.png`).

use std::path::{Path, PathBuf};

use pkm_core::documents::text;
use pkm_core::fixtures;
use pkm_e2e::app;
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::{Session, keys};
use pkm_e2e::{dist_dir, office, ward};

fn screenshots() -> PathBuf {
    let dir = pkm_e2e::workspace_root().join("docs/screenshots");
    std::fs::create_dir_all(&dir).expect("docs/screenshots");
    dir
}

/// Types into a field of the document form and leaves it, so the change is saved.
fn type_field(s: &Session, id: &str, value: &str) {
    let input = app::fill(s, id, value).expect("the field");
    s.send_keys(&input, keys::TAB).expect("leaves the field");
    s.wait_for_text("[data-testid=docx-status]", "Đã lưu thông tin văn bản.")
        .expect("the fields are saved");
}

/// Downloads the page's Word file, converts it with LibreOffice, keeps its first page as
/// `docs/screenshots/docx-<name>.png`; returns the PDF's first page's text and its page count.
fn word_file(browser: &Browser, name: &str, stem: &str) -> (String, usize) {
    // One download per kind of document in a test: its name's start tells it.
    app::click(browser.session(), "[data-testid=download-docx]").expect("the Word button");
    let docx = browser.wait_for_download(|file| file.starts_with(stem) && file.ends_with(".docx"));
    let file = docx
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    browser
        .session()
        .wait_for_text("[data-testid=docx-status]", &format!("Đã tạo tệp {file}."))
        .expect("the status names the file");
    let pdf = office::docx_to_pdf(&docx, &app::temp_folder(&format!("office-{name}")));
    office::first_page_png(&pdf, &screenshots().join(format!("docx-{name}.png")));
    (office::first_page_text(&pdf), office::pdf_pages(&pdf))
}

/// The print view as the browser prints it, kept as `docs/screenshots/print-<name>.png`.
fn print_view(s: &Session, name: &str) {
    let shot = app::page_screenshot(s, &format!("print-{name}"), true).expect("a screenshot");
    std::fs::copy(&shot, screenshots().join(format!("print-{name}.png"))).expect("copied");
}

/// The head every document carries, in the text LibreOffice laid out.
fn assert_head(page: &str, kind: &str, number: &str) {
    for line in [text::NATION, text::MOTTO, kind, number] {
        assert!(page.contains(line), "{line:?} in:\n{page}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

#[test]
fn the_province_makes_its_report_minutes_and_proposal_as_word_files() {
    let fixture = fixtures::nghe_an_2024(2024).expect("the fixture");
    let dir = app::temp_folder("documents-province");
    let mut files = vec![write(&dir, "cau-hinh.json", &fixture.config_bundle)];
    for bundle in &fixture.ward_bundles {
        files.push(write(&dir, &format!("{}.json", bundle.ward), &bundle.json));
    }
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/nhap")).expect("the import");
    let province = fixture.province.to_string();
    app::province_import_confirming(s, &files, &[&province]).expect("imported");

    app::click(s, "[data-testid=province-nav] a[href='/tinh/bao-cao']").expect("the report");
    s.wait_for("[data-testid=report]").expect("the report");
    type_field(s, "doc-number", "125/BC-CAT-PV01");
    type_field(s, "doc-signer-title", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC");
    type_field(s, "doc-signer-name", "Đại tá Nguyễn Văn An");
    s.wait_for_text("[data-testid=document-number]", "Số: 125/BC-CAT-PV01")
        .expect("the number is printed");
    // Remembered for the province: after a reload the fields come back.
    s.refresh().expect("reload");
    s.wait_for_text("[data-testid=document-number]", "Số: 125/BC-CAT-PV01")
        .expect("still printed after a reload");
    assert_eq!(
        app::input_value(s, "doc-number").unwrap(),
        "125/BC-CAT-PV01"
    );
    print_view(s, "meeting-report");
    let (page, pages) = word_file(&browser, "meeting-report", "bao-cao-hop-xet");
    assert_head(&page, "BÁO CÁO", "Số: 125/BC-CAT-PV01");
    assert!(page.contains("Chỉ tiêu Bộ giao: 4"), "the quota:\n{page}");
    assert!(pages >= 2, "{pages} pages");

    app::click(s, "[data-testid=province-nav] a[href='/tinh/bien-ban']").expect("the minutes");
    s.wait_for("[data-testid=document-sheet]")
        .expect("the minutes");
    type_field(s, "doc-secretary", "Thiếu tá Trần Thị Bình");
    assert!(
        app::text_of(s, "[data-testid=document-foot]")
            .unwrap()
            .contains("Thiếu tá Trần Thị Bình"),
        "the secretary signs"
    );
    print_view(s, "minutes");
    let (page, _) = word_file(&browser, "minutes", "bien-ban-hop-xet");
    assert_head(&page, "BIÊN BẢN", "Số:");
    assert!(page.contains(text::review::PROPOSED), "the list:\n{page}");

    app::click(s, "[data-testid=province-nav] a[href='/tinh/to-trinh']").expect("the proposal");
    s.wait_for("[data-testid=document-sheet]")
        .expect("the proposal");
    print_view(s, "proposal");
    let (page, pages) = word_file(&browser, "proposal", "to-trinh-cong-nhan");
    assert_head(&page, "TỜ TRÌNH", "Số:");
    assert!(page.contains("Kính gửi"), "{page}");
    assert!(pages >= 2, "the annex has a page of its own: {pages}");
}

#[test]
fn the_ward_makes_its_self_assessment_report_as_a_word_file() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).expect("the ward");
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).expect("set up");
    ward::start_assessment(s, false).expect("started");
    for criterion in ["C01", "C02", "C03"] {
        ward::set_status(s, criterion, "met").expect("a status");
    }
    ward::add_evidence(
        s,
        "C01",
        "15/KH-CAP",
        "15/03/2026",
        "Đảng ủy phường",
        "Kế hoạch",
    )
    .expect("evidence");
    ward::wait_all_saved(s).expect("saved");
    s.click(&s.wait_for("a[href='/phuong/in']").unwrap())
        .unwrap();
    s.wait_for("[data-testid=print-summary]")
        .expect("the report");
    type_field(s, "doc-number", "07/BC-CAP");
    type_field(s, "doc-signer-name", "Thiếu tá Lê Văn Cường");
    type_field(s, "doc-recipients", "- Công an tỉnh Nghệ An;\n- Lưu: VT.");
    s.wait_for_text("[data-testid=document-number]", "Số: 07/BC-CAP")
        .expect("the number is printed");
    assert!(
        app::text_of(s, "[data-testid=document-recipients]")
            .unwrap()
            .contains("Công an tỉnh Nghệ An"),
        "Nơi nhận"
    );
    print_view(s, "ward-report");
    // The Word writer is a module of its own, fetched only when a Word file is made.
    let fetched = |s: &Session| app::fetched_files(s).expect("the fetched files");
    assert!(
        !fetched(s).contains(&"split_documents.wasm".to_owned()),
        "{:?}",
        fetched(s)
    );
    let (page, _) = word_file(&browser, "ward-report", "bao-cao-tu-danh-gia");
    assert!(
        fetched(s).contains(&"split_documents.wasm".to_owned()),
        "{:?}",
        fetched(s)
    );
    assert_head(&page, "BÁO CÁO", "Số: 07/BC-CAP");
    assert!(
        page.contains("CÔNG AN PHƯỜNG HƯNG DŨNG"),
        "the issuer:\n{page}"
    );
    assert!(page.contains("15/KH-CAP"), "the evidence:\n{page}");
    // The fields are remembered for this ward: asked once, there again after a reload.
    s.refresh().expect("reload");
    s.wait_for("[data-testid=print-summary]")
        .expect("the report again");
    s.wait_for_text("[data-testid=document-number]", "Số: 07/BC-CAP")
        .expect("the number is remembered");
    assert_eq!(
        app::input_value(s, "doc-signer-name").expect("the signer"),
        "Thiếu tá Lê Văn Cường"
    );
}
