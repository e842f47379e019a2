//! The spreadsheet exports read back as an office would: the Nghệ An 2024 workbook opened with
//! calamine holds the meeting's figures, the paragraph, the matrix, requests and action items, with
//! Vietnamese text byte for byte; hostile text is escaped; the ZIP container is well formed; CSV
//! quotes, ends records with CRLF and starts with a byte order mark.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use pkm_core::export::zip::crc32;
use pkm_core::export::{self, Language, SUMMARY_PARAGRAPH_ROW, csv, sheet_names};
use pkm_core::fixtures::{self, ProvinceFixture};
use pkm_core::{
    AssessmentKey, Basis, CriterionStatus, Label, ProvinceFigures, Store, summary_paragraph_en,
    summary_paragraph_vi,
};

fn nghe_an() -> (ProvinceFixture, Store, ProvinceFigures) {
    let fixture = fixtures::nghe_an_2024(1).unwrap();
    let store = fixtures::merged_store(&fixture).unwrap();
    let figures = ProvinceFigures::compute(
        &store,
        &fixture.province,
        fixture.year,
        Basis::SelfAssessed,
        fixture.today,
    )
    .unwrap();
    (fixture, store, figures)
}

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn sheet(book: &mut Book, name: &str) -> Range<Data> {
    book.worksheet_range(name).unwrap()
}

/// The cell at a 0-based (row, column), `Empty` when absent.
fn at(range: &Range<Data>, row: u32, column: u32) -> Data {
    range
        .get_value((row, column))
        .cloned()
        .unwrap_or(Data::Empty)
}

fn text(range: &Range<Data>, row: u32, column: u32) -> String {
    match at(range, row, column) {
        Data::String(text) => text,
        Data::Empty => String::new(),
        other => panic!("({row}, {column}) holds {other:?}, not text"),
    }
}

fn number(range: &Range<Data>, row: u32, column: u32) -> f64 {
    match at(range, row, column) {
        Data::Float(number) => number,
        Data::Int(number) => number as f64,
        other => panic!("({row}, {column}) holds {other:?}, not a number"),
    }
}

/// The entries of a stored ZIP read from its central directory, with their data checked against
/// the CRC-32 and sizes of both headers.
fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |at: usize| usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
    let u32_at = |at: usize| {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
    };
    let end = bytes.len() - 22;
    assert_eq!(u32_at(end), 0x0605_4b50, "end of central directory");
    let count = u16_at(end + 10);
    assert_eq!(count, u16_at(end + 8));
    let directory = u32_at(end + 16);
    assert_eq!(directory + u32_at(end + 12), end);
    let mut at = directory;
    let mut entries = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50, "central header");
        assert_eq!(u16_at(at + 10), 0, "stored");
        let crc = u32_at(at + 16) as u32;
        let (compressed, size) = (u32_at(at + 20), u32_at(at + 24));
        assert_eq!(compressed, size);
        let name_length = u16_at(at + 28);
        let local = u32_at(at + 42);
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_length].to_vec()).unwrap();
        assert_eq!(u32_at(local), 0x0403_4b50, "local header of {name}");
        assert_eq!(u32_at(local + 14) as u32, crc);
        assert_eq!(u32_at(local + 22), size);
        assert_eq!(
            &bytes[local + 30..local + 30 + name_length],
            name.as_bytes()
        );
        let data_at = local + 30 + name_length + u16_at(local + 28);
        let data = bytes[data_at..data_at + size].to_vec();
        assert_eq!(crc32(&data), crc, "CRC of {name}");
        entries.push((name, data));
        at += 46 + name_length + u16_at(at + 30) + u16_at(at + 32);
    }
    assert_eq!(at, end);
    entries
}

#[test]
fn crc32_matches_published_check_values() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    assert_eq!(
        crc32(b"The quick brown fox jumps over the lazy dog"),
        0x414F_A339
    );
}

#[test]
fn the_workbook_is_a_well_formed_zip_of_the_expected_parts() {
    let (_, store, figures) = nghe_an();
    let bytes = export::province_workbook(&figures, &store, Language::Vi).unwrap();
    let entries = zip_entries(&bytes);
    let names: Vec<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/sharedStrings.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml",
            "xl/worksheets/sheet4.xml",
            "xl/worksheets/sheet5.xml",
            "xl/worksheets/sheet6.xml",
        ]
    );
    for (name, data) in &entries {
        let xml = std::str::from_utf8(data).unwrap();
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""),
            "{name}"
        );
    }
    assert_eq!(
        bytes,
        export::province_workbook(&figures, &store, Language::Vi).unwrap(),
        "deterministic"
    );
}

#[test]
fn the_summary_sheet_holds_the_meeting_figures_and_paragraph() {
    let (_, store, figures) = nghe_an();
    let mut book = open(export::province_workbook(&figures, &store, Language::Vi).unwrap());
    assert_eq!(
        book.sheet_names(),
        [
            "Tổng hợp",
            "Ma trận",
            "Kiến nghị",
            "Nhiệm vụ",
            "Chưa nộp",
            "Tiêu chí"
        ]
    );
    assert_eq!(book.sheet_names(), sheet_names(Language::Vi));
    let summary = sheet(&mut book, "Tổng hợp");
    assert_eq!(
        text(&summary, 0, 0),
        "Số liệu Công an phường kiểu mẫu năm 2024 – Công an tỉnh Nghệ An"
    );
    let expected = [
        (
            3,
            "Đơn vị",
            Data::String("Công an tỉnh Nghệ An".to_string()),
        ),
        (4, "Năm", Data::Float(2024.0)),
        (
            5,
            "Cơ sở số liệu",
            Data::String("Theo tự đánh giá".to_string()),
        ),
        (
            6,
            "Ngày tính quá hạn",
            Data::String("18/12/2024".to_string()),
        ),
        (8, "Số tiêu chí", Data::Float(20.0)),
        (9, "CAP duy trì: tổng số", Data::Float(16.0)),
        (10, "CAP duy trì: dự kiến đạt 20/20", Data::Float(14.0)),
        (12, "CAP xây dựng mới: tổng số", Data::Float(8.0)),
        (13, "Chỉ tiêu Bộ giao", Data::Float(4.0)),
        (14, "Vượt chỉ tiêu (%)", Data::Float(100.0)),
        (15, "So với chỉ tiêu", Data::String("Vượt 100%".to_string())),
        (16, "CAP xây dựng mới: dự kiến đạt 20/20", Data::Float(7.0)),
        (19, "CAP chưa nộp bản tự đánh giá", Data::Float(0.0)),
        (22, "Giá trị đang xung đột", Data::Float(0.0)),
    ];
    for (row, label, value) in expected {
        assert_eq!(text(&summary, row, 0), label, "label of row {}", row + 1);
        assert_eq!(at(&summary, row, 1), value, "{label}");
    }
    assert!(
        text(&summary, 7, 1).ends_with("(dự thảo)"),
        "the draft catalogue is labelled"
    );
    assert_eq!(number(&summary, 11, 1), figures.maintained.complete as f64);
    assert_eq!(number(&summary, 17, 1), figures.new.complete as f64);
    assert_eq!(number(&summary, 20, 1), figures.open_actions.len() as f64);
    assert_eq!(number(&summary, 21, 1), figures.overdue_actions as f64);
    let row = SUMMARY_PARAGRAPH_ROW as u32;
    assert_eq!(text(&summary, row, 0), summary_paragraph_vi(&figures));
    // The table per middle-level unit, then the province total.
    let header = row + 2;
    assert_eq!(text(&summary, header, 0), "Đơn vị");
    assert_eq!(text(&summary, header, 2), "Duy trì: dự kiến đạt 20/20");
    for (index, middle) in figures.per_middle.iter().enumerate() {
        let line = header + 1 + index as u32;
        assert_eq!(text(&summary, line, 0), middle.name_vi);
        assert_eq!(number(&summary, line, 1), middle.maintained.total as f64);
        assert_eq!(
            number(&summary, line, 2),
            middle.maintained.expected_complete as f64
        );
        assert_eq!(number(&summary, line, 4), middle.new.total as f64);
        assert_eq!(
            number(&summary, line, 5),
            middle.new.expected_complete as f64
        );
    }
    let total = header + 1 + figures.per_middle.len() as u32;
    assert_eq!(text(&summary, total, 0), "Toàn tỉnh");
    assert_eq!(
        (1..7)
            .map(|column| number(&summary, total, column))
            .collect::<Vec<_>>(),
        [
            16.0,
            14.0,
            figures.maintained.complete as f64,
            8.0,
            7.0,
            figures.new.complete as f64
        ]
    );
    let merged = book.merge_cells_by_sheet_name("Tổng hợp").unwrap();
    assert_eq!(merged.len(), 1);
    assert_eq!((merged[0].start, merged[0].end), ((row, 0), (row, 6)));
}

#[test]
fn the_matrix_has_a_row_per_ward_and_a_column_per_criterion() {
    let (_, store, figures) = nghe_an();
    let mut book = open(export::province_workbook(&figures, &store, Language::Vi).unwrap());
    let matrix = sheet(&mut book, "Ma trận");
    assert_eq!(matrix.height(), 1 + 24);
    assert_eq!(figures.wards.len(), 24);
    assert_eq!(
        (0..4)
            .map(|column| text(&matrix, 0, column))
            .collect::<Vec<_>>(),
        ["Công an phường", "Mã", "Đơn vị cấp huyện", "Hướng xây dựng"]
    );
    let catalogue = store
        .catalogue_of(&figures.wards[0].figures.as_ref().unwrap().key)
        .unwrap();
    let criteria: Vec<String> = catalogue.criteria().map(|c| c.id.to_string()).collect();
    assert_eq!(criteria.len(), 20);
    assert_eq!(
        (4..24)
            .map(|column| text(&matrix, 0, column))
            .collect::<Vec<_>>(),
        criteria
    );
    assert_eq!(criteria.first().map(String::as_str), Some("C01"));
    assert_eq!(criteria.last().map(String::as_str), Some("C20"));
    assert_eq!(
        (24..30)
            .map(|column| text(&matrix, 0, column))
            .collect::<Vec<_>>(),
        [
            "Số tiêu chí đạt",
            "Số tiêu chí dự kiến đạt",
            "Số tiêu chí chưa đạt",
            "Số tiêu chí chưa đánh giá",
            "Đạt 20/20",
            "Dự kiến đạt 20/20"
        ]
    );
    let mut expected_complete = 0;
    let mut labels_seen = std::collections::BTreeSet::new();
    for (index, ward) in figures.wards.iter().enumerate() {
        let row = index as u32 + 1;
        let found = ward.figures.as_ref().unwrap();
        // Byte-exact Vietnamese names.
        assert_eq!(text(&matrix, row, 0).as_bytes(), ward.name_vi.as_bytes());
        assert_eq!(text(&matrix, row, 1), ward.ward.to_string());
        let middle = store.unit(ward.middle.as_ref().unwrap()).unwrap();
        assert_eq!(text(&matrix, row, 2), middle.name_vi);
        assert_eq!(text(&matrix, row, 3), ward.track.unwrap().label_vi());
        for (offset, (criterion, status)) in found.statuses.iter().enumerate() {
            let column = 4 + offset as u32;
            assert_eq!(text(&matrix, 0, column), criterion.to_string());
            assert_eq!(
                text(&matrix, row, column),
                status.label_vi(),
                "{} {criterion}",
                ward.ward
            );
            labels_seen.insert(text(&matrix, row, column));
        }
        assert_eq!(number(&matrix, row, 24), found.counts.met as f64);
        assert_eq!(number(&matrix, row, 25), found.counts.expected as f64);
        assert_eq!(number(&matrix, row, 26), found.counts.not_met as f64);
        assert_eq!(number(&matrix, row, 27), found.counts.not_assessed as f64);
        assert_eq!(
            text(&matrix, row, 28),
            if found.complete { "Có" } else { "Không" }
        );
        assert_eq!(
            text(&matrix, row, 29),
            if found.expected_complete {
                "Có"
            } else {
                "Không"
            }
        );
        expected_complete += usize::from(text(&matrix, row, 29) == "Có");
    }
    assert_eq!(expected_complete, 14 + 7);
    assert!(labels_seen.contains("Dự kiến đạt"));
    assert!(labels_seen.contains("Chưa đạt"));
    assert!(labels_seen.contains("Đạt"));
    // A few wards by name, against their own figures.
    for name in [
        "Công an phường Lê Mao",
        "Công an phường Cửa Nam",
        "Công an phường Nghi Hương",
    ] {
        let index = figures
            .wards
            .iter()
            .position(|ward| ward.name_vi == name)
            .unwrap();
        let found = figures.wards[index].figures.as_ref().unwrap();
        let row = index as u32 + 1;
        let statuses: Vec<String> = (4..24).map(|column| text(&matrix, row, column)).collect();
        let expected: Vec<String> = found
            .statuses
            .iter()
            .map(|(_, status)| status.label_vi().to_string())
            .collect();
        assert_eq!(statuses, expected, "{name}");
    }
    let le_mao = figures
        .wards
        .iter()
        .position(|w| w.name_vi == "Công an phường Lê Mao")
        .unwrap();
    assert!(
        (4..24)
            .all(|column| text(&matrix, le_mao as u32 + 1, column)
                == CriterionStatus::Met.label_vi())
    );
}

#[test]
fn requests_and_their_totals_match_the_figures() {
    let (fixture, store, figures) = nghe_an();
    let mut book = open(export::province_workbook(&figures, &store, Language::Vi).unwrap());
    let requests = sheet(&mut book, "Kiến nghị");
    let live: usize = figures
        .wards
        .iter()
        .map(|ward| {
            store
                .assessment(&AssessmentKey::new(ward.ward.clone(), fixture.year))
                .unwrap()
                .live_requests()
                .count()
        })
        .sum();
    let counted: usize = figures.requests.iter().map(|total| total.count).sum();
    assert_eq!(live, counted);
    assert!(live > 0);
    assert_eq!(
        (0..5)
            .map(|column| text(&requests, 0, column))
            .collect::<Vec<_>>(),
        [
            "Công an phường",
            "Lĩnh vực",
            "Nội dung kiến nghị",
            "Số lượng",
            "Đơn vị tính"
        ]
    );
    for row in 1..=live as u32 {
        assert!(text(&requests, row, 0).starts_with("Công an phường "));
        assert!(!text(&requests, row, 2).is_empty());
    }
    // A blank row, then the totals.
    let header = live as u32 + 2;
    assert_eq!(text(&requests, header - 1, 0), "");
    assert_eq!(text(&requests, header, 0), "Lĩnh vực");
    assert_eq!(text(&requests, header, 1), "Số kiến nghị");
    let mut row = header + 1;
    for total in &figures.requests {
        assert_eq!(text(&requests, row, 0), total.category.label_vi());
        assert_eq!(number(&requests, row, 1), total.count as f64);
        if total.quantities.is_empty() {
            row += 1;
            continue;
        }
        for (index, (unit, quantity)) in total.quantities.iter().enumerate() {
            if index > 0 {
                assert_eq!(at(&requests, row, 1), Data::Empty);
            }
            assert_eq!(number(&requests, row, 2), *quantity);
            assert_eq!(text(&requests, row, 3), *unit);
            row += 1;
        }
    }
    assert_eq!(requests.height() as u32, row);
    // Per category, the request rows add up to the totals.
    for total in &figures.requests {
        let rows: Vec<u32> = (1..=live as u32)
            .filter(|row| text(&requests, *row, 1) == total.category.label_vi())
            .collect();
        assert_eq!(rows.len(), total.count);
        for (unit, quantity) in &total.quantities {
            let sum: f64 = rows
                .iter()
                .filter(|row| text(&requests, **row, 4) == *unit)
                .map(|row| number(&requests, *row, 3))
                .sum();
            assert_eq!(sum, *quantity);
        }
    }
}

#[test]
fn action_items_list_open_ones_first_as_the_figures_do() {
    let (_, store, figures) = nghe_an();
    let mut book = open(export::province_workbook(&figures, &store, Language::Vi).unwrap());
    let actions = sheet(&mut book, "Nhiệm vụ");
    assert_eq!(
        (0..8)
            .map(|column| text(&actions, 0, column))
            .collect::<Vec<_>>(),
        [
            "Công an phường",
            "Tiêu chí",
            "Tên tiêu chí",
            "Nhiệm vụ",
            "Người thực hiện",
            "Thời hạn",
            "Trạng thái",
            "Quá hạn"
        ]
    );
    assert!(!figures.open_actions.is_empty());
    for (index, open) in figures.open_actions.iter().enumerate() {
        let row = index as u32 + 1;
        assert_eq!(text(&actions, row, 0), open.ward_name);
        assert_eq!(
            text(&actions, row, 1),
            open.item
                .criterion
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        );
        assert_eq!(text(&actions, row, 3), open.item.task);
        assert_eq!(text(&actions, row, 4), open.item.owner);
        assert_eq!(
            text(&actions, row, 5),
            open.item
                .deadline
                .map(|date| date.to_vi())
                .unwrap_or_default()
        );
        assert_eq!(text(&actions, row, 6), "Đang thực hiện");
        assert_eq!(
            text(&actions, row, 7),
            if open.overdue { "Có" } else { "Không" }
        );
    }
    let overdue = (1..actions.height() as u32)
        .filter(|row| text(&actions, *row, 7) == "Có")
        .count();
    assert_eq!(overdue, figures.overdue_actions);
    let done = (1..actions.height() as u32)
        .filter(|row| text(&actions, *row, 6) == "Đã hoàn thành")
        .count();
    assert_eq!(actions.height() - 1, figures.open_actions.len() + done);
    let deadline = text(&actions, 1, 5);
    assert!(
        deadline.len() == 10 && deadline.as_bytes()[2] == b'/' && deadline.as_bytes()[5] == b'/',
        "dd/mm/yyyy: {deadline}"
    );
}

#[test]
fn missing_wards_and_criteria_sheets() {
    let (_, store, mut figures) = nghe_an();
    let mut book = open(export::province_workbook(&figures, &store, Language::Vi).unwrap());
    let missing = sheet(&mut book, "Chưa nộp");
    assert_eq!(missing.height(), 1, "every ward of Nghệ An filed");
    let criteria = sheet(&mut book, "Tiêu chí");
    assert_eq!(criteria.height(), 21);
    for miss in &figures.misses {
        let row = miss.number as u32;
        assert_eq!(text(&criteria, row, 1), miss.criterion.to_string());
        assert_eq!(text(&criteria, row, 3), miss.title_vi);
        assert_eq!(number(&criteria, row, 4), miss.wards.len() as f64);
    }
    // A ward with no assessment is listed with its middle-level unit.
    let ward = figures.wards[0].ward.clone();
    figures.wards_without_assessment.push(ward.clone());
    let mut book = open(export::province_workbook(&figures, &store, Language::Vi).unwrap());
    let missing = sheet(&mut book, "Chưa nộp");
    assert_eq!(text(&missing, 1, 0), store.unit(&ward).unwrap().name_vi);
    let middle = figures.wards[0].middle.as_ref().unwrap();
    assert_eq!(text(&missing, 1, 2), store.unit(middle).unwrap().name_vi);
    assert!(text(&missing, 1, 2).starts_with("Công an thị xã "));
}

#[test]
fn the_english_workbook_uses_english_names_and_labels() {
    let (_, store, figures) = nghe_an();
    let mut book = open(export::province_workbook(&figures, &store, Language::En).unwrap());
    assert_eq!(
        book.sheet_names(),
        [
            "Summary",
            "Matrix",
            "Requests",
            "Action items",
            "No assessment",
            "Criteria"
        ]
    );
    let summary = sheet(&mut book, "Summary");
    assert_eq!(text(&summary, 9, 0), "Maintained wards: total");
    assert_eq!(number(&summary, 10, 1), 14.0);
    assert_eq!(text(&summary, 15, 1), "Exceeded by 100%");
    assert_eq!(
        text(&summary, SUMMARY_PARAGRAPH_ROW as u32, 0),
        summary_paragraph_en(&figures)
    );
    let matrix = sheet(&mut book, "Matrix");
    assert_eq!(text(&matrix, 0, 29), "Expected 20/20");
    let labels: std::collections::BTreeSet<String> = (1..25)
        .flat_map(|row| (4..24).map(move |column| (row, column)))
        .map(|(row, column)| text(&matrix, row, column))
        .collect();
    assert!(
        labels
            .iter()
            .all(|label| ["Met", "Expected", "Not met"].contains(&label.as_str()))
    );
    // Unit names stay as entered.
    assert_eq!(text(&matrix, 1, 0), figures.wards[0].name_vi);
}

#[test]
fn hostile_text_is_escaped_and_invalid_characters_dropped() {
    let (_, store, mut figures) = nghe_an();
    figures.wards[0].name_vi =
        "Công an phường <script>&\"'</script>\u{0}\u{1}\u{B}\u{FFFF}!".to_string();
    figures.wards[1].name_vi = "Phường _x0041_ & line\r\nbreak".to_string();
    figures.province_name = "Tỉnh <b>".to_string();
    let bytes = export::province_workbook(&figures, &store, Language::Vi).unwrap();
    let entries = zip_entries(&bytes);
    let strings = &entries
        .iter()
        .find(|(name, _)| name == "xl/sharedStrings.xml")
        .unwrap()
        .1;
    let strings = std::str::from_utf8(strings).unwrap();
    assert!(strings.contains("&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;!"));
    assert!(!strings.contains("<script>"));
    let mut book = open(bytes);
    let matrix = sheet(&mut book, "Ma trận");
    assert_eq!(text(&matrix, 1, 0), "Công an phường <script>&\"'</script>!");
    assert_eq!(text(&matrix, 2, 0), "Phường _x0041_ & line\r\nbreak");
    let summary = sheet(&mut book, "Tổng hợp");
    assert_eq!(text(&summary, 3, 1), "Tỉnh <b>");
}

#[test]
fn csv_tables_match_the_sheets() {
    let (_, store, mut figures) = nghe_an();
    figures.wards[0].name_vi = "Phường \"A\", số 1".to_string();
    figures.wards[1].name_vi = "=HYPERLINK(\"http://x\")".to_string();
    let matrix = csv::matrix_csv(&figures, &store, Language::Vi);
    assert!(matrix.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    let body = matrix.trim_start_matches(csv::BOM);
    assert!(body.ends_with("\r\n"));
    let records: Vec<&str> = body.split_terminator("\r\n").collect();
    assert_eq!(records.len(), 25);
    assert!(records[0].starts_with("Công an phường,Mã,Đơn vị cấp huyện,Hướng xây dựng,C01,"));
    assert!(records[0].ends_with(",Đạt 20/20,Dự kiến đạt 20/20"));
    assert!(
        records[1].starts_with("\"Phường \"\"A\"\", số 1\",na-"),
        "{}",
        records[1]
    );
    assert!(
        records[2].starts_with("\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{}",
        records[2]
    );
    let ward = &figures.wards[2];
    let found = ward.figures.as_ref().unwrap();
    let statuses: Vec<&str> = found
        .statuses
        .iter()
        .map(|(_, status)| status.label_vi())
        .collect();
    assert!(records[3].contains(&statuses.join(",")), "{}", records[3]);
    assert!(records[3].starts_with(&format!("{},{},", ward.name_vi, ward.ward)));

    let requests = csv::requests_csv(&figures, &store, Language::Vi);
    assert!(requests.starts_with(
        "\u{FEFF}Công an phường,Lĩnh vực,Nội dung kiến nghị,Số lượng,Đơn vị tính\r\n"
    ));
    let request_rows = requests.split_terminator("\r\n").count() - 1;
    assert_eq!(
        request_rows,
        figures
            .requests
            .iter()
            .map(|total| total.count)
            .sum::<usize>()
    );

    let actions = csv::actions_csv(&figures, &store, Language::Vi);
    assert!(actions.starts_with("\u{FEFF}Công an phường,Tiêu chí,Tên tiêu chí,Nhiệm vụ,"));
    let totals = csv::request_totals_csv(&figures, Language::En);
    assert!(totals.starts_with("\u{FEFF}Category,Requests,Total quantity,Unit\r\n"));
    assert_eq!(
        csv::missing_csv(&figures, &store, Language::Vi),
        "\u{FEFF}Công an phường,Mã,Đơn vị cấp huyện\r\n"
    );
    let middle = csv::per_middle_csv(&figures, Language::Vi);
    assert!(middle.ends_with("Toàn tỉnh,16,14,") || middle.contains("\r\nToàn tỉnh,16,14,"));
}
