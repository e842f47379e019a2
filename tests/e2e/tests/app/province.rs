//! The provincial workspace end to end: importing the 24 ward bundles of Nghệ An 2024 with the
//! config bundle and three bad files gives the meeting's figures (14/16, 7/8, quota 4 exceeded by
//! 100%) and refuses the bad files with their reasons; importing again, or in reverse order in a
//! fresh profile, changes nothing and says "đã nhập trước đây"; the workbook and the merged
//! bundle carry the same figures; conflicts and review verdicts change the figures as the meeting
//! decides. Screenshots of the dashboard and of the print view go to `docs/screenshots/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader, Xlsx, open_workbook};
use pkm_core::fixtures::{self, ProvinceFixture};
use pkm_core::{
    Basis, BundleId, CriterionEntry, CriterionId, CriterionStatus, DeviceId, EditContext,
    ExportedAt, HeaderInput, Hlc, KeyFingerprint, Limits, ProvinceFigures, SecretKey, Selection,
    read_bundle, summary_paragraph_vi, write_bundle,
};
use pkm_e2e::app::{self, ImportLine, PAGE_TITLE};
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;

const SEED: u64 = 2024;
const PROVINCE_VI: &str = "Không gian làm việc của Công an tỉnh";
const NOT_JSON: &str = "khong-phai-json.json";
const WRONG_DIGEST: &str = "sai-ma-kiem-tra.json";
const NEWER_FORMAT: &str = "dinh-dang-moi-hon.json";
const ALREADY: &str = "Đã nhập trước đây; không có gì thay đổi.";

/// The generated files of one test.
pub(super) struct Files {
    pub(super) fixture: ProvinceFixture,
    /// The config bundle, then the 24 ward bundles, in registry order.
    pub(super) good: Vec<PathBuf>,
    /// Not JSON, wrong digest, newer format.
    pub(super) bad: Vec<PathBuf>,
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("a generated file can be written");
    path
}

pub(super) fn generate(name: &str) -> Files {
    let dir = app::temp_folder(name);
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let mut good = vec![write(&dir, "cau-hinh-na-2024.json", &fixture.config_bundle)];
    for ward in &fixture.ward_bundles {
        good.push(write(&dir, &format!("{}-2024.json", ward.ward), &ward.json));
    }
    // One byte of content changed: the digest no longer matches.
    let original = &fixture.ward_bundles[0].json;
    let at = original
        .find("Công an phường")
        .expect("the bundle names its ward");
    let mut tampered = original.clone().into_bytes();
    tampered[at] = b'K';
    let tampered = String::from_utf8(tampered).expect("still UTF-8");
    // A format this app does not read yet.
    let newer =
        fixture.ward_bundles[1]
            .json
            .replacen("\"format_version\": 1", "\"format_version\": 3", 1);
    assert_ne!(
        newer, fixture.ward_bundles[1].json,
        "the version was replaced"
    );
    let bad = vec![
        write(&dir, NOT_JSON, "Đây không phải là tệp JSON.\n"),
        write(&dir, WRONG_DIGEST, &tampered),
        write(&dir, NEWER_FORMAT, &newer),
    ];
    Files { fixture, good, bad }
}

/// The figures the meeting expects, computed by the core from the same files.
pub(super) fn expected_figures(fixture: &ProvinceFixture) -> ProvinceFigures {
    let store = fixtures::merged_store(fixture).expect("the fixture merges");
    ProvinceFigures::compute(
        &store,
        &fixture.province,
        fixture.year,
        Basis::SelfAssessed,
        fixture.today,
    )
    .expect("figures compute")
}

pub(super) fn open(s: &Session, server: &StaticServer, path: &str) {
    s.goto(&server.url(path)).expect("the page opens");
    s.wait_for_text(PAGE_TITLE, PROVINCE_VI)
        .expect("the province workspace opens");
}

/// Checks the dashboard shows the Nghệ An meeting's figures and the core's paragraph.
pub(super) fn assert_dashboard(s: &Session, expected: &ProvinceFigures) {
    s.wait_for_text("[data-testid=maintained-total]", "16")
        .expect("16 maintained wards");
    let text = |selector: &str| app::text_of(s, selector).expect("the figure is shown");
    assert_eq!(text("[data-testid=maintained-expected]"), "14/16");
    assert_eq!(text("[data-testid=maintained-complete]"), "8/16");
    assert_eq!(text("[data-testid=new-total]"), "8");
    assert_eq!(text("[data-testid=new-expected]"), "7/8");
    assert_eq!(text("[data-testid=new-complete]"), "2/8");
    assert_eq!(
        text("[data-testid=new-quota]"),
        "Chỉ tiêu Bộ giao: 4 — vượt 100%"
    );
    assert_eq!(text("[data-testid=missing-count]"), "0");
    assert_eq!(text("[data-testid=figures-conflicts]"), "0");
    let paragraph = summary_paragraph_vi(expected);
    assert!(
        paragraph.contains("14/16") && paragraph.contains("vượt 100%") && paragraph.contains("7/8"),
        "{paragraph}"
    );
    assert_eq!(text("[data-testid=summary-paragraph]"), paragraph);
    let rows = s
        .find_all("[data-testid=matrix] tbody tr[data-ward]")
        .expect("the matrix rows");
    assert_eq!(rows.len(), 24, "one matrix row per ward");
    let cells = s
        .find_all("[data-testid=matrix] tbody td[data-status]")
        .expect("the matrix cells");
    assert_eq!(cells.len(), 24 * 20, "one cell per ward and criterion");
    let bars = s
        .find_all("[data-testid=misses-chart] g.pkm-chart__bar rect")
        .expect("the chart's bars");
    assert_eq!(
        bars.len(),
        expected.misses.len().min(10),
        "one bar per criterion missed (at most 10)"
    );
}

/// On the import screen of a fresh profile, chooses the config, the 24 ward files and the three
/// bad files, confirms the province's key (read back by phone; the config then pins the
/// wards'), imports, and checks the preview and the results: 25 files in, the bad ones refused
/// with their reasons. Returns the files chosen and the result lines.
pub(super) fn import_all(s: &Session, files: &Files) -> (Vec<PathBuf>, Vec<ImportLine>) {
    let all: Vec<PathBuf> = files.good.iter().chain(&files.bad).cloned().collect();
    assert_eq!(all.len(), 28);
    let province = files.fixture.province.to_string();
    let (preview, lines) =
        app::province_import_confirming(s, &all, &[&province]).expect("the import runs");
    assert!(
        preview.starts_with(
            "28 tệp: 25 tệp sẽ được nhập, 0 tệp đã nhập trước đây, 3 tệp bị từ chối. Sẽ thêm 29 đơn vị, 24 bản đánh giá"
        ),
        "{preview}"
    );
    assert_eq!(lines.len(), 28, "{lines:#?}");
    assert_eq!(
        lines.iter().filter(|line| line.state == "imported").count(),
        25,
        "{lines:#?}"
    );
    assert_bad_files_refused(&lines);
    (all, lines)
}

/// Opens the printable report from the province's menu and checks it holds the meeting's
/// figures and the core's paragraph.
pub(super) fn assert_report(s: &Session, expected: &ProvinceFigures) {
    app::click(s, "[data-testid=province-nav] a[href='/tinh/bao-cao']").expect("to the report");
    s.wait_for("[data-testid=report]").expect("the report");
    assert_eq!(
        app::text_of(s, "[data-testid=report-paragraph]").expect("the paragraph"),
        summary_paragraph_vi(expected)
    );
    let figures = app::text_of(s, "[data-testid=report-figures]").expect("the figures");
    assert!(
        figures.contains("16 Công an phường; dự kiến đạt 20/20: 14/16; đã đạt 20/20: 8/16")
            && figures.contains("8 Công an phường; dự kiến đạt 20/20: 7/8")
            && figures.contains("Chỉ tiêu Bộ giao: 4 — vượt 100%"),
        "{figures}"
    );
}

pub(super) fn line<'a>(lines: &'a [ImportLine], file: &str) -> &'a ImportLine {
    lines
        .iter()
        .find(|line| line.file == file)
        .unwrap_or_else(|| panic!("no result line for {file}: {lines:#?}"))
}

pub(super) fn assert_bad_files_refused(lines: &[ImportLine]) {
    let not_json = line(lines, NOT_JSON);
    assert_eq!(not_json.state, "rejected");
    assert!(
        not_json.text.contains("Bị từ chối")
            && not_json.text.contains("Tệp không phải JSON hợp lệ"),
        "{not_json:?}"
    );
    let digest = line(lines, WRONG_DIGEST);
    assert_eq!(digest.state, "rejected");
    assert!(
        digest
            .text
            .contains("Mã kiểm tra không khớp với nội dung: tệp đã bị hỏng hoặc bị sửa tay"),
        "{digest:?}"
    );
    let newer = line(lines, NEWER_FORMAT);
    assert_eq!(newer.state, "rejected");
    assert!(
        newer.text.contains(
            "Gói dữ liệu dùng định dạng phiên bản 3, mới hơn phiên bản ứng dụng này đọc được (tối đa v2)"
        ),
        "{newer:?}"
    );
}

fn copy_to_docs(from: &Path, name: &str) {
    let target = pkm_e2e::workspace_root()
        .join("docs/screenshots")
        .join(name);
    std::fs::create_dir_all(target.parent().expect("a parent")).expect("docs/screenshots");
    std::fs::copy(from, &target).expect("the screenshot is copied to docs/");
}

#[test]
fn importing_the_wards_bundles_gives_the_meeting_figures_and_refuses_bad_files() {
    let files = generate("province-import");
    let expected = expected_figures(&files.fixture);
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    open(s, &server, "/tinh/nhap");
    let (all, lines) = import_all(s, &files);
    app::page_screenshot(s, "province-import", false).expect("a screenshot of the results");
    let first_ward = line(
        &lines,
        &format!("{}-2024.json", files.fixture.ward_bundles[0].ward),
    );
    assert!(
        first_ward.text.contains("1 bản đánh giá mới"),
        "{first_ward:?}"
    );
    // The import log keeps every file, the refused ones too.
    s.wait_until(
        std::time::Duration::from_secs(20),
        "28 lines in the import log",
        || {
            let rows = s.find_all("[data-testid=import-log] tbody tr")?;
            Ok((rows.len() == 28).then_some(()))
        },
    )
    .expect("the import log lists every file");

    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    assert_dashboard(s, &expected);
    let shot = app::page_screenshot(s, "province-dashboard", false).expect("a screenshot");
    copy_to_docs(&shot, "province-dashboard.png");

    // Filters narrow the figures; the paragraph stays the whole province's.
    app::click(s, "#choice-track option[value='new']").expect("new wards only");
    s.wait_for_text("[data-testid=maintained-total]", "0")
        .expect("no maintained ward shown");
    assert_eq!(
        app::text_of(s, "[data-testid=new-total]").expect("new"),
        "8"
    );
    app::click(s, "#choice-parent option[value='na-vinh']").expect("Vinh only");
    s.wait_for_text("[data-testid=new-total]", "3")
        .expect("Vinh's 3 new wards");
    assert_eq!(
        app::text_of(s, "[data-testid=new-expected]").expect("new"),
        "3/3"
    );
    assert_eq!(
        s.find_all("[data-testid=matrix] tbody tr[data-ward]")
            .expect("rows")
            .len(),
        3
    );
    assert_eq!(
        app::text_of(s, "[data-testid=summary-paragraph]").expect("the paragraph"),
        summary_paragraph_vi(&expected)
    );
    app::click(s, "#choice-track option[value='all']").expect("every track");
    app::click(s, "#choice-parent option[value='']").expect("the whole province");
    s.wait_for_text("[data-testid=maintained-total]", "16")
        .expect("all again");

    // The printable report holds the same figures.
    assert_report(s, &expected);
    let shot = app::page_screenshot(s, "province-report", true).expect("a print screenshot");
    copy_to_docs(&shot, "province-report.png");

    // The same 28 files again: nothing new, the repeats say so, the figures stay.
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").expect("to the import");
    let (preview, lines) = app::province_import(s, &all).expect("the second import runs");
    assert!(
        preview.starts_with(
            "28 tệp: 0 tệp sẽ được nhập, 25 tệp đã nhập trước đây, 3 tệp bị từ chối. Sẽ thêm 0 đơn vị, 0 bản đánh giá"
        ),
        "{preview}"
    );
    let repeats: Vec<&ImportLine> = lines
        .iter()
        .filter(|line| line.state == "already")
        .collect();
    assert_eq!(repeats.len(), 25, "{lines:#?}");
    assert!(repeats.iter().all(|line| line.text.contains(ALREADY)));
    assert_bad_files_refused(&lines);
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    assert_dashboard(s, &expected);
    // And after a reload, from IndexedDB.
    s.refresh().expect("reload");
    s.wait_for_text(PAGE_TITLE, PROVINCE_VI).expect("reloaded");
    assert_dashboard(s, &expected);
}

#[test]
fn reverse_order_in_a_fresh_profile_gives_the_same_figures() {
    let files = generate("province-reverse");
    let expected = expected_figures(&files.fixture);
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    open(s, &server, "/tinh/nhap");
    // Wards last to first, the config bundle last, and a copy of one ward bundle.
    let copy = files.good[5].with_file_name("ban-sao.json");
    std::fs::copy(&files.good[5], &copy).expect("the copy is written");
    let mut reversed: Vec<PathBuf> = files.good.iter().rev().cloned().collect();
    reversed.push(copy);
    reversed.extend(files.bad.iter().cloned());
    // The config comes last: in a fresh profile no ward is known yet when its file is read (a
    // ward's file may speak only for a known unit, with a key a person confirmed), so the first
    // pass takes the config, once the province's key is confirmed, and the copy chosen after it;
    // every other ward waits.
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &reversed).expect("the files are chosen");
    app::answer(s, files.fixture.province.as_str(), None, true).expect("the key confirmed");
    let preview = app::text_of(s, "[data-testid=preview-summary]").expect("the summary");
    assert!(
        preview
            .starts_with("29 tệp: 2 tệp sẽ được nhập, 0 tệp đã nhập trước đây, 27 tệp bị từ chối."),
        "{preview}"
    );
    // The button counts the files it merges in, not the refused ones it only logs.
    assert_eq!(
        app::text_of(s, "[data-testid=import-confirm]").expect("the button"),
        "Nhập 2 tệp (ghi nhật ký 27 tệp còn lại)"
    );
    app::click(s, "[data-testid=import-confirm]").expect("the import");
    app::wait_until_imported(s, reversed.len(), Duration::from_secs(60)).expect("imported");
    // The same files again, in the same order: the config pinned the wards' keys, so they all
    // go in without a question, and the figures are the same as in registry order.
    app::click(s, "[data-testid=import-again]").expect("import more");
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &reversed).expect("the files are chosen");
    let confirm = s
        .wait_for("[data-testid=import-confirm]")
        .expect("the preview");
    assert!(
        app::questions(s).expect("the questions").is_empty(),
        "no question the second time"
    );
    let preview = app::text_of(s, "[data-testid=preview-summary]").expect("the summary");
    s.click(&confirm).expect("the import");
    app::wait_until_imported(s, reversed.len(), Duration::from_secs(60)).expect("imported");
    let lines = app::file_lines(s, app::IMPORT_RESULTS).expect("the results");
    assert!(
        preview
            .starts_with("29 tệp: 23 tệp sẽ được nhập, 3 tệp đã nhập trước đây, 3 tệp bị từ chối."),
        "{preview}"
    );
    let repeat = line(&lines, "ban-sao.json");
    assert_eq!(repeat.state, "already");
    assert!(repeat.text.contains(ALREADY), "{repeat:?}");
    assert_bad_files_refused(&lines);
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    assert_dashboard(s, &expected);

    // A file dropped on the drop zone is previewed like a chosen one: already imported here.
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").expect("to the import");
    app::drop_file(
        s,
        "[data-testid=drop-zone]",
        "keo-tha.json",
        &files.fixture.ward_bundles[3].json,
    )
    .expect("the drop");
    s.wait_for("[data-testid=import-confirm]")
        .expect("the preview");
    let preview = app::text_of(s, "[data-testid=preview-summary]").expect("the summary");
    assert!(
        preview
            .starts_with("1 tệp: 0 tệp sẽ được nhập, 1 tệp đã nhập trước đây, 0 tệp bị từ chối."),
        "{preview}"
    );
}

fn file_names(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|path| {
            path.file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Waits until the preview shows one line per file of `names`, in that order, each with its
/// label in the language shown (`to_import` or `refused` by the file's state).
fn wait_for_preview(
    s: &Session,
    names: &[String],
    to_import: &str,
    refused: &str,
) -> Vec<ImportLine> {
    s.wait_until(Duration::from_secs(60), "the preview's lines", || {
        let lines = match app::file_lines(s, app::PREVIEW_LINES) {
            Ok(lines) => lines,
            // A line re-rendered between finding and reading it is read again on the next poll.
            Err(error) if error.0.contains("stale element") => return Ok(None),
            Err(error) => return Err(error),
        };
        let shown: Vec<&str> = lines.iter().map(|line| line.file.as_str()).collect();
        let labelled = lines.iter().all(|line| match line.state.as_str() {
            "import" => line.text.starts_with(to_import),
            "rejected" => line.text.starts_with(refused),
            _ => false,
        });
        Ok((shown == names && labelled).then_some(lines))
    })
    .expect("the preview lists the chosen files in order")
}

/// The preview lists each chosen file once, in the order chosen, though the next files are
/// read while one is checked; its lines follow the language; and a new choice made while a
/// preview is shown replaces it whole (lines are only ever added within one preview).
#[test]
fn the_preview_lists_the_files_in_the_order_chosen_and_a_new_choice_replaces_it() {
    let files = generate("province-preview-order");
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    open(s, &server, "/tinh/nhap");
    // The config bundle first, then the wards last to first with the bad files among them.
    let mut chosen: Vec<PathBuf> = vec![files.good[0].clone()];
    chosen.extend(files.good[1..].iter().rev().cloned());
    for (at, bad) in [(1, &files.bad[0]), (7, &files.bad[1]), (20, &files.bad[2])] {
        chosen.insert(at, bad.clone());
    }
    let names = file_names(&chosen);
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &chosen).expect("the files are chosen");
    // The province's key confirmed once (the config then pins the wards'): previewed again.
    app::answer(s, files.fixture.province.as_str(), None, true).expect("the key confirmed");
    s.wait_for("[data-testid=import-confirm]")
        .expect("the preview");
    let lines = wait_for_preview(s, &names, "Sẽ nhập", "Sẽ bị từ chối");
    // The top of the screen, as the guide (docs/huong-dan/) shows it: the summary, the
    // button and the first lines.
    s.execute("window.scrollTo(0, 0);", vec![])
        .expect("scrolled to the top");
    let shot = app::screenshot(s, "province-import-preview").expect("a screenshot");
    copy_to_docs(&shot, "province-import-preview.png");
    let bad = file_names(&files.bad);
    for line in &lines {
        let expected = if bad.contains(&line.file) {
            "rejected"
        } else {
            "import"
        };
        assert_eq!(line.state, expected, "{line:?}");
    }

    // In English, the same lines in the same order.
    app::click(s, app::LANG_SWITCH).expect("the language switch");
    wait_for_preview(s, &names, "To import", "Will be refused");

    // Two other files chosen while the preview is shown: only they are listed.
    let again = vec![files.good[2].clone(), files.good[1].clone()];
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &again).expect("the files are chosen");
    let lines = wait_for_preview(s, &file_names(&again), "To import", "Will be refused");
    // The button counts what it merges in (here no ward is known yet without the config, so
    // both wait as refused) and says the rest are only logged.
    let merged = lines.iter().filter(|line| line.state == "import").count();
    let button = match 2 - merged {
        0 => format!("Import {merged} files"),
        others => format!("Import {merged} files (log the other {others})"),
    };
    assert_eq!(
        app::text_of(s, "[data-testid=import-confirm]").expect("the button"),
        button
    );

    // Imported, their results are listed in the same order.
    app::click(s, "[data-testid=import-confirm]").expect("the import");
    app::wait_until_imported(s, 2, Duration::from_secs(60)).expect("both imported");
    let results: Vec<String> = app::file_lines(s, app::IMPORT_RESULTS)
        .expect("the results")
        .into_iter()
        .map(|line| line.file)
        .collect();
    assert_eq!(results, file_names(&again));
}

fn number(sheet: &calamine::Range<Data>, cell: &str) -> f64 {
    let column = u32::from(cell.as_bytes()[0] - b'A');
    let row: u32 = cell[1..].parse::<u32>().expect("a row") - 1;
    match sheet.get_value((row, column)) {
        Some(Data::Float(value)) => *value,
        Some(Data::Int(value)) => *value as f64,
        other => panic!("{cell} holds {other:?}"),
    }
}

fn text(sheet: &calamine::Range<Data>, cell: &str) -> String {
    let column = u32::from(cell.as_bytes()[0] - b'A');
    let row: u32 = cell[1..].parse::<u32>().expect("a row") - 1;
    match sheet.get_value((row, column)) {
        Some(Data::String(value)) => value.clone(),
        other => panic!("{cell} holds {other:?}"),
    }
}

#[test]
fn the_workbook_and_the_merged_bundle_carry_the_same_figures() {
    let files = generate("province-outputs");
    let expected = expected_figures(&files.fixture);
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    open(s, &server, "/tinh/nhap");
    let province = files.fixture.province.to_string();
    let (_, lines) =
        app::province_import_confirming(s, &files.good, &[&province]).expect("the import runs");
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    assert_dashboard(s, &expected);

    // The workbook: ASCII name with province, year, date and time; the same figures.
    app::click(s, "[data-testid=download-xlsx]").expect("the workbook button");
    let xlsx = browser.wait_for_download(|name| name.ends_with(".xlsx"));
    let name = xlsx
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        name.is_ascii() && name.starts_with("pkm-bao-cao-na-2024-"),
        "{name}"
    );
    let mut workbook: Xlsx<_> = open_workbook(&xlsx).expect("the workbook opens");
    assert_eq!(
        workbook.sheet_names(),
        [
            "Tổng hợp",
            "Ma trận",
            "Kiến nghị",
            "Nhiệm vụ",
            "Chưa nộp",
            "Tiêu chí"
        ]
    );
    let summary = workbook
        .worksheet_range("Tổng hợp")
        .expect("the summary sheet");
    assert_eq!(text(&summary, "B4"), "Công an tỉnh Nghệ An");
    assert_eq!(number(&summary, "B10"), 16.0);
    assert_eq!(number(&summary, "B11"), 14.0);
    assert_eq!(number(&summary, "B12"), 8.0);
    assert_eq!(number(&summary, "B13"), 8.0);
    assert_eq!(number(&summary, "B14"), 4.0);
    assert_eq!(number(&summary, "B15"), 100.0);
    assert_eq!(number(&summary, "B17"), 7.0);
    assert_eq!(number(&summary, "B18"), 2.0);
    assert_eq!(text(&summary, "A25"), summary_paragraph_vi(&expected));
    let matrix = workbook
        .worksheet_range("Ma trận")
        .expect("the matrix sheet");
    let wards = matrix
        .rows()
        .filter(|row| {
            row.iter().any(
                |cell| matches!(cell, Data::String(text) if text.starts_with("Công an phường ")),
            )
        })
        .count();
    assert_eq!(wards, 24, "one matrix row per ward");

    // The CSV: UTF-8 with its byte order mark, Vietnamese intact.
    app::click(s, "[data-testid=download-csv]").expect("the CSV button");
    let csv = browser.wait_for_download(|name| name.ends_with(".csv"));
    let csv_name = csv
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        csv_name.is_ascii() && csv_name.starts_with("pkm-ma-tran-na-2024-"),
        "{csv_name}"
    );
    let csv_text = std::fs::read_to_string(&csv).expect("the CSV reads as UTF-8");
    assert!(csv_text.starts_with('\u{feff}'));
    assert!(csv_text.contains("Công an phường Lê Mao"));

    // The merged bundle for the Ministry: the core reads it, and an empty profile imports it.
    app::click(s, "[data-testid=download-bundle]").expect("the bundle button");
    let bundle = browser.wait_for_download(|name| name.ends_with(".json"));
    let bundle_name = bundle
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        bundle_name.is_ascii() && bundle_name.starts_with("pkm-tong-hop-na-2024-"),
        "{bundle_name}"
    );
    let bytes = std::fs::read(&bundle).expect("the bundle reads");
    let read = read_bundle(&bytes, &Limits::default()).expect("the core accepts the bundle");
    assert_eq!(read.kind, pkm_core::BundleKind::Province);
    assert_eq!(read.content.assessments().len(), 24);
    assert!(read.signature().is_some(), "the merged bundle is signed");

    let fresh = Browser::launch();
    let f = fresh.session();
    open(f, &server, "/tinh/nhap");
    // A profile that never saw this office asks for its key first, then pins it, and says so.
    let office_key = read.signature().expect("signed").fingerprint();
    let (_, lines) = app::province_import_confirming(f, &[bundle], &[&province])
        .expect("the merged bundle imports");
    assert_eq!(lines[0].state, "imported", "{lines:#?}");
    let confirmed = pkm_core::SignatureStatus::FirstSeen {
        fingerprint: office_key,
    }
    .message_vi(&files.fixture.province);
    assert!(lines[0].text.contains(&confirmed), "{lines:#?}");
    app::click(f, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    assert_dashboard(f, &expected);
}

#[test]
fn a_province_bundle_over_a_megabyte_is_read_stage_by_stage_and_imports_whole() {
    // Every ward of a large province, merged: the file the next level up receives. Over 1 MB,
    // the import screen reads it stage by stage, giving the page its turn between stages.
    let fixture = fixtures::every_ward_assessed(SEED, 80).expect("a large province generates");
    let text = fixtures::province_bundle(&fixture).expect("the merged bundle writes");
    assert!(text.len() > 1024 * 1024, "{} bytes", text.len());
    let file = write(&app::temp_folder("large-province"), "tinh-lon.json", &text);
    let expected = expected_figures(&fixture);
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    open(s, &server, "/tinh/nhap");
    let province = fixture.province.to_string();
    let (summary, lines) =
        app::province_import_confirming(s, &[file], &[&province]).expect("the import runs");
    assert!(
        summary.starts_with("1 tệp: 1 tệp sẽ được nhập"),
        "{summary}"
    );
    assert_eq!(lines[0].state, "imported", "{lines:#?}");
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    let wards = expected.wards.len();
    s.wait_until(
        std::time::Duration::from_secs(20),
        "every ward's row",
        || {
            let rows = s.find_all("[data-testid=matrix] tbody tr[data-ward]")?;
            Ok((rows.len() == wards).then_some(()))
        },
    )
    .expect("one matrix row per ward");
    let shown = |selector: &str| app::text_of(s, selector).expect("the figure is shown");
    assert_eq!(
        shown("[data-testid=maintained-total]"),
        expected.maintained.total.to_string()
    );
    assert_eq!(
        shown("[data-testid=new-total]"),
        expected.new.total.to_string()
    );
    assert_eq!(
        shown("[data-testid=summary-paragraph]"),
        summary_paragraph_vi(&expected)
    );
}

/// A ward bundle of the fixture's ward `index` in which each criterion of `edits` was set to its
/// status on device `device`, on top of the ward's own bundle (so two such bundles from two
/// devices are concurrent).
fn concurrent_edit(
    fixture: &ProvinceFixture,
    index: usize,
    edits: &[(&str, CriterionStatus)],
    device: &str,
    wall_ms: u64,
) -> String {
    let ward = &fixture.ward_bundles[index];
    let bundle =
        read_bundle(ward.json.as_bytes(), &Limits::default()).expect("the ward bundle reads");
    let mut store = bundle.content.clone();
    let at = Hlc {
        wall_ms,
        logical: 0,
        device: DeviceId::new(device).expect("a device id"),
    };
    let key = pkm_core::AssessmentKey::new(ward.ward.clone(), fixture.year);
    for (criterion, status) in edits {
        store
            .set_criterion(
                &EditContext::new(at.clone(), format!("Cán bộ máy {device}")),
                &key,
                &CriterionId::new(*criterion).expect("a criterion id"),
                CriterionEntry::with_status(*status),
            )
            .expect("the edit applies");
    }
    let header = HeaderInput {
        app_version: "e2e".into(),
        bundle_id: BundleId::new(format!("e2e-{device}")).expect("a bundle id"),
        exported_at: ExportedAt {
            hlc: at.clone(),
            text: "2024-12-10T09:00:00+07:00".into(),
        },
        device_id: at.device.clone(),
        unit_id: ward.ward.clone(),
    };
    write_bundle(&store, &Selection::Ward(ward.ward.clone()), &header).expect("the bundle writes")
}

#[test]
fn conflicts_and_review_change_the_figures_as_the_meeting_decides() {
    let files = generate("province-review");
    let dir = files.good[0].parent().expect("the folder").to_path_buf();
    // Lê Mao (index 0, maintained, complete): two laptops set criteria C03 and C05 concurrently.
    let a = concurrent_edit(
        &files.fixture,
        0,
        &[
            ("C03", CriterionStatus::NotMet),
            ("C05", CriterionStatus::NotMet),
        ],
        "may-a",
        1_734_000_000_000,
    );
    let b = concurrent_edit(
        &files.fixture,
        0,
        &[
            ("C03", CriterionStatus::Met),
            ("C05", CriterionStatus::Expected),
        ],
        "may-b",
        1_734_000_001_000,
    );
    let mut all = files.good.clone();
    all.push(write(&dir, "le-mao-may-a.json", &a));
    all.push(write(&dir, "le-mao-may-b.json", &b));
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();

    // The reviewer's name first, so verdicts carry it.
    open(s, &server, "/tinh/thiet-lap");
    app::fill(s, "office-reviewer", "Đ/c Trần Thẩm Định").expect("the reviewer's name");
    app::wait_saved(s).expect("the profile is saved");

    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").expect("to the import");
    // The province's key confirmed; the two laptops' files are unsigned (written here by the
    // test): accepted once for Lê Mao.
    let province = files.fixture.province.to_string();
    let le_mao = files.fixture.ward_bundles[0].ward.to_string();
    let (preview, lines) =
        app::province_import_confirming(s, &all, &[&province, &le_mao]).expect("the import runs");
    assert!(preview.contains("phát sinh 2 xung đột mới"), "{preview}");
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );

    // The dashboard says its figures depend on two conflicts.
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    s.wait_for_text("[data-testid=figures-conflicts]", "2")
        .expect("two conflicts in the figures");
    assert_eq!(
        app::text_of(s, "[data-testid=conflict-badge]").expect("the badge"),
        "2"
    );

    // The conflicts screen shows both values with their devices; keep the "Đạt" one of C03.
    app::click(s, "[data-testid=province-nav] a[href='/tinh/xung-dot']").expect("to the conflicts");
    s.wait_for_text(
        "[data-testid=conflict-count]",
        "Có 2 giá trị đang xung đột.",
    )
    .expect("two conflicts");
    let first_card = "article[data-testid=conflict]:nth-of-type(1)";
    let title = app::text_of(s, &format!("{first_card} h3")).expect("the conflict's title");
    assert_eq!(
        title,
        "Tiêu chí số 3 (C03) năm 2024 của “Công an phường Lê Mao”"
    );
    let values = s
        .find_all(&format!("{first_card} [data-testid=conflict-value]"))
        .expect("the values");
    assert_eq!(values.len(), 2);
    let first = s.text(&values[0]).expect("the first value");
    let second = s.text(&values[1]).expect("the second value");
    assert!(
        first.starts_with("Chưa đạt") && first.contains("may-a"),
        "{first}"
    );
    assert!(
        second.starts_with("Đạt") && second.contains("may-b"),
        "{second}"
    );
    assert!(
        second.contains("Số liệu đang tạm dùng giá trị này"),
        "{second}"
    );
    assert!(
        first.contains("Lúc: 12/12/2024") || first.contains("Lúc: 13/12/2024"),
        "the time reads dd/mm/yyyy HH:mm: {first}"
    );
    let shot = app::page_screenshot(s, "province-conflicts", false).expect("a screenshot");
    copy_to_docs(&shot, "province-conflicts.png");
    let keep = s
        .find_all(&format!("{first_card} [data-testid=conflict-keep]"))
        .expect("the buttons");
    s.click(&keep[1]).expect("keep the second value");
    s.wait_for_text(
        "[data-testid=conflict-count]",
        "Có 1 giá trị đang xung đột.",
    )
    .expect("the first conflict is resolved");

    // The other one (C05) is rewritten from the first value: "Đạt", with a note.
    let title = app::text_of(s, &format!("{first_card} h3")).expect("the conflict's title");
    assert_eq!(
        title,
        "Tiêu chí số 5 (C05) năm 2024 của “Công an phường Lê Mao”"
    );
    let rewrite = s
        .find_all(&format!("{first_card} [data-testid=conflict-rewrite]"))
        .expect("the rewrite buttons");
    s.click(&rewrite[0]).expect("rewrite from the first value");
    app::click(s, "[data-testid=rewrite-form] select option[value='met']").expect("the status");
    let note = s
        .wait_for("[data-testid=rewrite-form] textarea")
        .expect("the note field");
    s.clear(&note).expect("cleared");
    s.send_keys(&note, "Đã thống nhất tại họp xét")
        .expect("the note");
    app::click(s, "[data-testid=rewrite-form] button[type=submit]").expect("save");
    s.wait_for_text(
        "[data-testid=conflict-count]",
        "Có 0 giá trị đang xung đột.",
    )
    .expect("the second conflict is resolved");

    // Review: dispute criterion C06 of Lê Mao; after review, 13 of 16 maintained wards remain.
    app::click(s, "[data-testid=province-nav] a[href='/tinh/xet-duyet']").expect("to the review");
    app::click(
        s,
        "[data-testid=review-ward] option[value='na-vinh-le-mao']",
    )
    .expect("choose Lê Mao");
    let ward = s
        .wait_for("[data-testid=review-ward]")
        .expect("the ward choice");
    s.wait_until(
        std::time::Duration::from_secs(10),
        "Lê Mao's sheet",
        || {
            let chosen = s.property(&ward, "value")?;
            let sheet = s.find("tr[data-criterion=C06] td[data-status=Met]")?;
            Ok((chosen.as_str() == Some("na-vinh-le-mao") && sheet.is_some()).then_some(()))
        },
    )
    .expect("the sheet of Lê Mao is shown");
    app::click(s, "#review-C06-disagree").expect("disagree");
    app::fill(
        s,
        "review-C06-comment",
        "Trụ sở chưa bảo đảm diện tích làm việc.",
    )
    .expect("the comment");
    app::click(s, "tr[data-criterion=C06] button[type=submit]").expect("save the verdict");
    s.wait_for_text(
        "tr[data-criterion=C06] [data-testid=verdict-message]",
        "Đã lưu ý kiến thẩm định.",
    )
    .expect("the verdict is saved");
    s.wait_for_text(
        "[data-testid=review-counts]",
        "Nhất trí 0, không nhất trí 1, chưa thẩm định 19.",
    )
    .expect("the counts");

    let shot = app::page_screenshot(s, "province-review", false).expect("a screenshot");
    copy_to_docs(&shot, "province-review.png");
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    s.wait_for_text("[data-testid=maintained-expected]", "14/16")
        .expect("self-assessed");
    assert_eq!(
        app::text_of(s, "[data-testid=figures-conflicts]").expect("no conflict left"),
        "0"
    );
    app::click(s, "#basis-review").expect("after review");
    s.wait_for_text("[data-testid=maintained-expected]", "13/16")
        .expect("after review");
    assert_eq!(
        app::text_of(s, "[data-testid=maintained-complete]").expect("complete"),
        "7/16"
    );
    let paragraph = app::text_of(s, "[data-testid=summary-paragraph]").expect("the paragraph");
    assert!(
        paragraph.starts_with("Năm 2024, theo kết quả họp xét, có 16 Công an phường duy trì mô hình kiểu mẫu, trong đó có 13/16"),
        "{paragraph}"
    );
    let disputed = s
        .find_all("[data-testid=matrix] td.pkm-cell--disputed")
        .expect("the disputed cells");
    assert_eq!(disputed.len(), 1);
    assert_eq!(s.text(&disputed[0]).expect("the mark"), "CĐ*");
}

#[test]
fn setup_registers_units_quota_and_the_official_catalogue_and_exports_the_config() {
    let dir = app::temp_folder("province-setup");
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    open(s, &server, "/tinh/thiet-lap");

    // The province itself, entered by hand.
    app::fill(s, "unit-name", "Công an tỉnh Hà Tĩnh").expect("the name");
    app::fill(s, "unit-id", "ht").expect("the id");
    app::click(s, "#unit-kind option[value='province']").expect("the kind");
    app::click(s, "[data-testid=unit-form] button[type=submit]").expect("save the unit");
    s.wait_for_text(
        "[data-testid=unit-form] p[role=status]",
        "Đã lưu đơn vị “Công an tỉnh Hà Tĩnh”.",
    )
    .expect("the unit is saved");

    // A list with a bad line is refused whole, with the line's reason in Vietnamese.
    let header = "Mã;Tên đơn vị;Loại;Cấp trên\n";
    let good_lines = "ht-hong-linh;Công an thị xã Hồng Lĩnh;thị xã;ht\n\
                      ht-hl-bac-hong;Công an phường Bắc Hồng;phường;ht-hong-linh\n\
                      ht-hl-nam-hong;Công an phường Nam Hồng;phường;ht-hong-linh\n";
    let bad = write(
        &dir,
        "danh-sach-loi.csv",
        &format!("{header}{good_lines}ht-hl-x y;Công an phường Lỗi;phường;ht-hong-linh\n"),
    );
    app::upload(s, "#unit-list-file", &[bad]).expect("the bad list");
    s.wait_until(std::time::Duration::from_secs(10), "the refusal", || {
        let text = app::text_of(s, "[data-testid=unit-list-outcome]")?;
        Ok(text
            .contains("Danh sách chưa được nhập vì có lỗi:")
            .then_some(text))
    })
    .map(|text| {
        assert!(
            text.contains("Dòng 5: Mã “ht-hl-x y” không hợp lệ."),
            "{text}"
        )
    })
    .expect("the list is refused");
    assert_eq!(
        s.find_all("[data-testid=units] tbody tr")
            .expect("the units")
            .len(),
        1,
        "nothing from the refused list was added"
    );
    let good = write(
        &dir,
        "danh-sach.csv",
        &format!("\u{feff}{header}{good_lines}"),
    );
    app::upload(s, "#unit-list-file", &[good]).expect("the good list");
    s.wait_for_text(
        "[data-testid=unit-list-outcome] p.pkm-ok",
        "Đã thêm hoặc cập nhật 3 đơn vị từ tệp “danh-sach.csv”.",
    )
    .expect("the list is added");
    s.wait_until(std::time::Duration::from_secs(10), "four units", || {
        Ok((s.find_all("[data-testid=units] tbody tr")?.len() == 4).then_some(()))
    })
    .expect("the registry lists the four units");
    app::click(s, "#office-province option[value='ht']").expect("this office's province");
    app::wait_saved(s).expect("the profile is saved");

    // The quota of 2025.
    app::fill(s, "quota-year", "2025").expect("the year");
    app::fill(s, "quota-value", "3").expect("the quota");
    app::click(s, "[data-testid=quota-form] button[type=submit]").expect("save the quota");
    s.wait_for_text(
        "[data-testid=quotas] li",
        "Năm 2025: 3 Công an phường xây dựng mới",
    )
    .expect("the quota is listed");

    // A broken catalogue file is refused with its problem; the official one shows its
    // difference from the draft, is added and chosen for 2025.
    let broken = write(
        &dir,
        "bo-tieu-chi-hong.json",
        r#"{"catalog_id": "x", "groups": 5}"#,
    );
    app::upload(s, "#catalogue-file", &[broken]).expect("the broken catalogue");
    let refusal =
        app::text_of(s, "[data-testid=catalogue-loader] [role=alert]").expect("the refusal");
    assert!(
        refusal.contains("Tệp bộ tiêu chí có lỗi, chưa được nạp:")
            && refusal.contains("Bộ tiêu chí sai cấu trúc"),
        "{refusal}"
    );
    let mut official: serde_json::Value =
        serde_json::from_str(pkm_core::catalogue::BUILTIN_DRAFT_JSON).expect("the draft parses");
    official["catalog_id"] = "bca-2025".into();
    official["status"] = "official".into();
    official["title_vi"] = "Bộ 20 tiêu chí Công an phường kiểu mẫu (chính thức)".into();
    official["groups"][0]["criteria"][0]["title_vi"] = "Tiêu chí 1 theo văn bản chính thức".into();
    let official = write(
        &dir,
        "bo-tieu-chi-chinh-thuc.json",
        &serde_json::to_string_pretty(&official).expect("writes"),
    );
    app::upload(s, "#catalogue-file", &[official]).expect("the official catalogue");
    s.wait_for_text(
        "[data-testid=catalogue-candidate] summary",
        "So với bản dự thảo có sẵn: Thêm 0 tiêu chí, bỏ 0 tiêu chí, sửa 1 tiêu chí, giữ nguyên 19 tiêu chí.",
    )
    .expect("the difference from the draft");
    app::click(s, "[data-testid=catalogue-candidate] button").expect("add it");
    s.wait_for_text(
        "[data-testid=catalogue-loader] p[role=status]",
        "Đã thêm bộ tiêu chí “Bộ 20 tiêu chí Công an phường kiểu mẫu (chính thức)”.",
    )
    .expect("the catalogue is added");
    app::fill(s, "catalogue-year", "2025").expect("the year");
    app::click(s, "#catalogue-choice option[value='bca-2025']").expect("the catalogue");
    app::click(s, "[data-testid=year-catalogue-form] button[type=submit]")
        .expect("save the choice");
    s.wait_for_text(
        "[data-testid=year-catalogue-form] p[role=status]",
        "Năm 2025 dùng bộ tiêu chí bca-2025.",
    )
    .expect("the choice is saved");

    let shot = app::page_screenshot(s, "province-setup", false).expect("a screenshot");
    copy_to_docs(&shot, "province-setup.png");
    // The config bundle carries all of it, and the core reads it.
    app::click(s, "[data-testid=download-config]").expect("the config button");
    let config = browser.wait_for_download(|name| name.ends_with(".json"));
    let name = config
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        name.is_ascii() && name.starts_with("pkm-cau-hinh-ht-"),
        "{name}"
    );
    let bundle = read_bundle(&std::fs::read(&config).expect("reads"), &Limits::default())
        .expect("the core accepts the config bundle");
    assert_eq!(bundle.kind, pkm_core::BundleKind::Config);
    assert!(
        bundle.signature().is_some(),
        "the config is signed by the office's key"
    );
    // The keys screen shows that key, for the office to read out to a ward's first import.
    let office_key = bundle.signature().expect("signed").fingerprint();
    app::click(s, "[data-testid=province-nav] a[href='/tinh/khoa-ky-so']").expect("to the keys");
    s.wait_for_text("[data-testid=own-fingerprint]", &office_key.short())
        .expect("this computer's key, short");
    assert_eq!(
        app::text_of(s, "[data-testid=own-fingerprint-full]").expect("in full"),
        office_key.grouped()
    );
    s.execute(
        "document.querySelector('[data-testid=own-key]').scrollIntoView();",
        vec![],
    )
    .expect("scrolled to the panel");
    let shot = app::screenshot(s, "province-own-key").expect("a screenshot");
    copy_to_docs(&shot, "province-own-key.png");
    let province = pkm_core::UnitId::new("ht").expect("an id");
    assert_eq!(bundle.content.registry().len(), 4);
    assert_eq!(bundle.content.quota(&province, 2025), Some(3));
    assert_eq!(
        bundle
            .content
            .year_catalogue(&province, 2025)
            .map(|id| id.as_str()),
        Some("bca-2025")
    );
    assert!(
        bundle
            .content
            .catalogues()
            .keys()
            .any(|id| id.as_str() == "bca-2025")
    );
}

/// Reads a committed example or bad file under `tests/bundles/`.
fn committed(relative: &str) -> PathBuf {
    pkm_e2e::workspace_root()
        .join("tests/bundles")
        .join(relative)
}

/// The ward bundle `base` with criterion `criterion` set to `status` on top (a later export of
/// the same ward), written by `device` and signed by the test key named `key` (none: unsigned).
fn ward_edit(
    base: &str,
    criterion: &str,
    status: CriterionStatus,
    device: &str,
    key: Option<&str>,
) -> String {
    let bundle = read_bundle(base.as_bytes(), &Limits::default()).expect("the bundle reads");
    let mut store = bundle.content.clone();
    let unit = bundle.header.unit_id.clone();
    let latest = store.latest_timestamp().expect("a timestamp");
    let at = Hlc {
        wall_ms: latest.wall_ms + 60_000,
        logical: 0,
        device: DeviceId::new(device).expect("a device id"),
    };
    let assessment = store
        .assessments()
        .keys()
        .find(|key| key.unit == unit)
        .cloned()
        .expect("the ward's assessment");
    store
        .set_criterion(
            &EditContext::new(at.clone(), format!("Cán bộ máy {device}")),
            &assessment,
            &CriterionId::new(criterion).expect("a criterion id"),
            CriterionEntry::with_status(status),
        )
        .expect("the edit applies");
    let header = HeaderInput {
        app_version: "e2e".into(),
        bundle_id: BundleId::new(format!("e2e-{device}")).expect("a bundle id"),
        exported_at: ExportedAt {
            hlc: at.clone(),
            text: "2024-12-10T09:00:00+07:00".into(),
        },
        device_id: at.device.clone(),
        unit_id: unit.clone(),
    };
    let json = write_bundle(&store, &Selection::Ward(unit), &header).expect("the bundle writes");
    match key {
        None => json,
        Some(name) => {
            let mut bundle = read_bundle(json.as_bytes(), &Limits::default()).expect("reads");
            bundle
                .sign_with(&SecretKey::for_tests(name))
                .expect("signs");
            bundle.to_json().expect("writes")
        }
    }
}

/// The fingerprint of the test key named `name`.
fn test_key(name: &str) -> KeyFingerprint {
    SecretKey::for_tests(name).public_key().fingerprint()
}

#[test]
fn a_wards_first_key_waits_for_confirmation_and_a_new_laptop_is_a_replacement_to_confirm() {
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let (first, second) = (&fixture.ward_bundles[0], &fixture.ward_bundles[1]);
    let ward = first.ward.to_string();
    let ward_key = test_key(first.ward.as_str());
    let dir = app::temp_folder("province-first-key");
    // The first ward's own file (signed by its laptop's key), and the second ward's without its
    // signature.
    let signed_file = write(&dir, "phuong-1.json", &first.json);
    let unsigned_file = write(
        &dir,
        "phuong-2-chua-ky.json",
        &ward_edit(&second.json, "C02", CriterionStatus::NotMet, "may-2", None),
    );
    // What the office must read: the core's own words.
    let first_seen_vi = pkm_core::SignatureStatus::FirstSeen {
        fingerprint: ward_key.clone(),
    }
    .message_vi(&first.ward);

    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    open(s, &server, "/tinh/nhap");
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &[signed_file, unsigned_file])
        .expect("the files are chosen");
    // Nothing is taken silently: the ward's new key and the unsigned file both wait.
    let questions =
        app::wait_for_question(s, &ward, Some(ward_key.as_str())).expect("the key question");
    assert_eq!(questions.len(), 2, "{questions:#?}");
    let key_question = &questions[0];
    assert_eq!(
        (key_question.unit.as_str(), key_question.ask.as_str()),
        (ward.as_str(), "key")
    );
    assert!(
        key_question.text.contains(&ward)
            && key_question.text.contains("Hãy gọi điện cho đơn vị")
            && !key_question.text.contains("thay cho khóa")
            && key_question.text.contains("phuong-1.json"),
        "{key_question:?}"
    );
    assert_eq!(
        app::text_of(
            s,
            &format!("[data-testid='decision-{ward}'] [data-testid=decision-fingerprint]")
        )
        .expect("the fingerprint"),
        ward_key.short()
    );
    let unsigned = &questions[1];
    assert_eq!(
        (unsigned.unit.as_str(), unsigned.ask.as_str()),
        (second.ward.as_str(), "unsigned")
    );
    assert!(
        unsigned.text.contains("Nhận tệp không ký một lần")
            && unsigned.text.contains("phuong-2-chua-ky.json"),
        "{unsigned:?}"
    );
    let preview = app::text_of(s, "[data-testid=preview-summary]").expect("the summary");
    assert!(
        preview.starts_with("2 tệp: 0 tệp sẽ được nhập"),
        "{preview}"
    );
    let shot = app::page_screenshot(s, "province-import-confirm-key", false).expect("a shot");
    copy_to_docs(&shot, "province-import-confirm-key.png");

    // The key confirmed after the phone call; the unsigned file refused.
    app::answer(s, &ward, Some(ward_key.as_str()), true).expect("the key confirmed");
    app::answer(s, second.ward.as_str(), None, false).expect("the unsigned file refused");
    assert!(
        app::questions(s).expect("the questions").is_empty(),
        "nothing left to ask"
    );
    let confirm = s.wait_for("[data-testid=import-confirm]").expect("confirm");
    s.click(&confirm).expect("the import");
    app::wait_until_imported(s, 2, Duration::from_secs(60)).expect("both done");
    let lines = app::file_lines(s, app::IMPORT_RESULTS).expect("the results");
    let signed = line(&lines, "phuong-1.json");
    assert_eq!(signed.state, "imported", "{signed:?}");
    assert!(
        signed.text.contains(&first_seen_vi),
        "{signed:?}\n{first_seen_vi}"
    );
    let refused = line(&lines, "phuong-2-chua-ky.json");
    assert_eq!(refused.state, "rejected", "{refused:?}");
    assert!(refused.text.contains("không có chữ ký số"), "{refused:?}");
    // The log records the decision taken.
    s.wait_until(Duration::from_secs(20), "the decision in the log", || {
        let log = app::text_of(s, "[data-testid=import-log]")?;
        Ok(log.contains(&first_seen_vi).then_some(()))
    })
    .expect("the import log names the confirmed key");

    // A later file of the ward signed by another laptop's key: a replacement to confirm by
    // phone (the new-laptop flow); the second ward's unsigned file again: refused unless
    // accepted, and accepted once here; a signature that does not verify (checked by the
    // browser's WebCrypto on this screen): refused with the core's words.
    let new_laptop = write(
        &dir,
        "phuong-1-may-moi.json",
        &ward_edit(
            &first.json,
            "C03",
            CriterionStatus::NotMet,
            "may-moi",
            Some("may-moi"),
        ),
    );
    let new_key = test_key("may-moi");
    let unsigned_again = write(
        &dir,
        "phuong-2-chua-ky-lan-2.json",
        &ward_edit(&second.json, "C04", CriterionStatus::NotMet, "may-2", None),
    );
    let bad_signature_vi = pkm_core::bundle::read_bundle_with(
        &std::fs::read(committed("bad/bad-signature.json")).expect("the bad file"),
        &pkm_core::ReadOptions::default(),
        &pkm_core::Store::new(),
    )
    .expect_err("a bad signature is refused")
    .into_iter()
    .find(|problem| problem.code() == "bad-signature")
    .expect("bad-signature")
    .message_vi();
    app::click(s, "[data-testid=import-again]").expect("import more");
    app::upload(
        s,
        app::PROVINCE_IMPORT_INPUT,
        &[
            new_laptop,
            unsigned_again,
            committed("bad/bad-signature.json"),
        ],
    )
    .expect("the files are chosen");
    let questions = app::wait_for_question(s, &ward, Some(new_key.as_str())).expect("the new key");
    let replacement = questions
        .iter()
        .find(|question| question.fingerprint == new_key.as_str())
        .expect("the replacement");
    assert!(
        replacement.text.contains(&new_key.short())
            && replacement
                .text
                .contains(&format!("thay cho khóa {}", ward_key.short())),
        "{replacement:?}"
    );
    assert!(
        questions
            .iter()
            .any(|question| question.unit == second.ward.as_str() && question.ask == "unsigned"),
        "{questions:#?}"
    );
    let shot = app::page_screenshot(s, "province-import-new-laptop", false).expect("a shot");
    assert!(shot.exists());
    app::answer(s, &ward, Some(new_key.as_str()), true).expect("the new key confirmed");
    app::answer(s, second.ward.as_str(), None, true).expect("the unsigned file accepted once");
    let confirm = s.wait_for("[data-testid=import-confirm]").expect("confirm");
    s.click(&confirm).expect("the import");
    app::wait_until_imported(s, 3, Duration::from_secs(60)).expect("all done");
    let lines = app::file_lines(s, app::IMPORT_RESULTS).expect("the results");
    let laptop = line(&lines, "phuong-1-may-moi.json");
    assert_eq!(laptop.state, "imported", "{laptop:?}");
    assert!(
        laptop.text.contains(
            &pkm_core::SignatureStatus::FirstSeen {
                fingerprint: new_key.clone()
            }
            .message_vi(&first.ward)
        ),
        "{laptop:?}"
    );
    let accepted = line(&lines, "phuong-2-chua-ky-lan-2.json");
    assert_eq!(accepted.state, "imported", "{accepted:?}");
    assert!(
        accepted
            .text
            .contains(&pkm_core::SignatureStatus::Unsigned.message_vi(&second.ward)),
        "{accepted:?}"
    );
    let bad_signature = line(&lines, "bad-signature.json");
    assert_eq!(bad_signature.state, "rejected", "{bad_signature:?}");
    assert!(
        bad_signature.text.contains(&bad_signature_vi),
        "{bad_signature:?}\n{bad_signature_vi}"
    );

    // Both keys are pinned now: the ward's next files pass without questions.
    app::click(s, "[data-testid=import-again]").expect("import more");
    let next = write(
        &dir,
        "phuong-1-may-moi-lan-2.json",
        &ward_edit(
            &first.json,
            "C05",
            CriterionStatus::NotMet,
            "may-moi-2",
            Some("may-moi"),
        ),
    );
    let (summary, lines) = app::province_import(s, &[next]).expect("the import runs");
    assert!(
        summary.starts_with("1 tệp: 1 tệp sẽ được nhập"),
        "{summary}"
    );
    assert_eq!(lines[0].state, "imported", "{lines:#?}");
}

#[test]
fn two_new_keys_for_one_ward_are_both_shown_with_a_warning_and_neither_is_taken_by_itself() {
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let first = &fixture.ward_bundles[0];
    let ward = first.ward.to_string();
    let dir = app::temp_folder("province-rival-keys");
    let file_a = write(
        &dir,
        "may-a.json",
        &ward_edit(
            &first.json,
            "C03",
            CriterionStatus::NotMet,
            "may-a",
            Some("may-a"),
        ),
    );
    let file_b = write(
        &dir,
        "may-b.json",
        &ward_edit(
            &first.json,
            "C03",
            CriterionStatus::Met,
            "may-b",
            Some("may-b"),
        ),
    );
    let (key_a, key_b) = (test_key("may-a"), test_key("may-b"));
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    open(s, &server, "/tinh/nhap");
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &[file_a, file_b]).expect("the files are chosen");
    app::wait_for_question(s, &ward, Some(key_b.as_str())).expect("the second key");
    let questions = app::questions(s).expect("the questions");
    assert_eq!(questions.len(), 2, "{questions:#?}");
    for (question, key) in questions.iter().zip([&key_a, &key_b]) {
        assert_eq!(question.unit, ward);
        assert_eq!(question.fingerprint, key.as_str());
        assert!(
            question.text.contains(&key.short())
                && question
                    .text
                    .contains("Cảnh báo: trong các tệp đã chọn có 2 khóa mới"),
            "{question:?}"
        );
    }
    assert_eq!(
        s.find_all("[data-testid=decision-rivals]")
            .expect("the warnings")
            .len(),
        2
    );
    // Neither file would be imported until one key is chosen.
    let preview = app::file_lines(s, app::PREVIEW_LINES).expect("the preview");
    assert!(
        preview.iter().all(|line| line.state == "rejected"),
        "{preview:#?}"
    );
    let summary = app::text_of(s, "[data-testid=preview-summary]").expect("the summary");
    assert!(
        summary.starts_with("2 tệp: 0 tệp sẽ được nhập"),
        "{summary}"
    );
    let shot = app::page_screenshot(s, "province-import-rival-keys", false).expect("a shot");
    assert!(shot.exists());

    // The unit read back key A's digits: A is confirmed; B is now a replacement of A, asked
    // again without the warning, and refused.
    app::answer(s, &ward, Some(key_a.as_str()), true).expect("key A confirmed");
    let questions = app::wait_for_question(s, &ward, Some(key_b.as_str())).expect("key B again");
    assert_eq!(questions.len(), 1, "{questions:#?}");
    assert!(
        questions[0]
            .text
            .contains(&format!("thay cho khóa {}", key_a.short()))
            && !questions[0].text.contains("Cảnh báo"),
        "{questions:#?}"
    );
    app::answer(s, &ward, Some(key_b.as_str()), false).expect("key B refused");
    let confirm = s.wait_for("[data-testid=import-confirm]").expect("confirm");
    s.click(&confirm).expect("the import");
    app::wait_until_imported(s, 2, Duration::from_secs(60)).expect("both done");
    let lines = app::file_lines(s, app::IMPORT_RESULTS).expect("the results");
    assert_eq!(line(&lines, "may-a.json").state, "imported", "{lines:#?}");
    let refused = line(&lines, "may-b.json");
    assert_eq!(refused.state, "rejected", "{lines:#?}");
    assert!(refused.text.contains(&key_b.short()), "{refused:?}");
}
