//! The catalogue sheet's own `.xlsx` reader (`catalogue_sheet::grid_from_xlsx`: zip and
//! quick-xml, small enough for the browser) checked against calamine, the well-kept reader the
//! app cannot afford to ship: on files an office suite wrote (LibreOffice Calc made
//! `tests/catalogues/*.xlsx` from the `.csv` files beside them), on every sheet our own writer
//! can make (a property test), and on hostile archives (a bomb, a header that lies about sizes).

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use calamine::{DataRef, Reader, Xlsx};
use pkm_core::bundle::limits::MAX_TEXT_CHARS;
use pkm_core::catalogue_draft::CatalogueDraft;
use pkm_core::catalogue_sheet::{
    self, Grid, MAX_PART_BYTES, SheetProblemKind, grid_from_xlsx, read_sheet,
};
use pkm_core::export::xlsx::{Cell, Sheet, Workbook};
use proptest::prelude::*;

const CSV_22: &[u8] = include_bytes!("../../../../tests/catalogues/tieu-chi-2023-22.csv");
const XLSX_22: &[u8] = include_bytes!("../../../../tests/catalogues/tieu-chi-2023-22.xlsx");
const CSV_5: &[u8] = include_bytes!("../../../../tests/catalogues/tieu-chi-5-loi.csv");
const XLSX_5: &[u8] = include_bytes!("../../../../tests/catalogues/tieu-chi-5-loi.xlsx");

/// The first sheet's cells as calamine reads them, mapped to text the way the app reads cells.
fn calamine_rows(bytes: &[u8]) -> Vec<(usize, Vec<String>)> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens it");
    let name = workbook.sheet_names()[0].clone();
    let mut reader = workbook
        .worksheet_cells_reader(&name)
        .expect("calamine reads the sheet");
    let mut rows: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    while let Some(cell) = reader.next_cell().expect("a cell") {
        let (row, column) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
                text.clone()
            }
            DataRef::SharedString(text) => (*text).to_string(),
            DataRef::Int(number) => number.to_string(),
            DataRef::Float(number) => pkm_core::catalogue_draft::target_text(Some(*number)),
            DataRef::Bool(value) => value.to_string(),
            DataRef::DateTime(value) => value.as_f64().to_string(),
            DataRef::Error(error) => format!("error {error}"),
        };
        let cells = rows.entry(row as usize + 1).or_default();
        if cells.len() <= column as usize {
            cells.resize(column as usize + 1, String::new());
        }
        cells[column as usize] = text.chars().take(MAX_TEXT_CHARS + 1).collect();
    }
    rows.into_iter().collect()
}

fn ours(bytes: &[u8]) -> Grid {
    grid_from_xlsx(bytes).unwrap_or_else(|problems| panic!("our reader refused: {problems:#?}"))
}

#[test]
fn sheets_an_office_suite_wrote_read_as_calamine_reads_them_and_as_their_csv() {
    for bytes in [XLSX_22, XLSX_5] {
        assert_eq!(ours(bytes).rows, calamine_rows(bytes));
    }
    let from_csv = read_sheet("a.csv", CSV_22, &CatalogueDraft::empty()).expect("the csv");
    let from_xlsx = read_sheet("a.xlsx", XLSX_22, &CatalogueDraft::empty()).expect("the xlsx");
    assert_eq!(from_xlsx.criteria_count(), 22);
    assert_eq!(from_xlsx, from_csv);
    let place = |problems: Vec<catalogue_sheet::SheetProblem>| {
        problems
            .into_iter()
            .map(|problem| (problem.row, problem.column, problem.message_vi()))
            .collect::<Vec<_>>()
    };
    let csv_problems = read_sheet("b.csv", CSV_5, &CatalogueDraft::empty()).expect_err("5");
    let xlsx_problems = read_sheet("b.xlsx", XLSX_5, &CatalogueDraft::empty()).expect_err("5");
    assert_eq!(xlsx_problems.len(), 5, "{xlsx_problems:#?}");
    assert_eq!(place(xlsx_problems), place(csv_problems));
}

/// Text a person could type in a cell: Vietnamese, markup characters, spaces at either end,
/// line breaks, and what a spreadsheet would run as a formula.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "[ạăâđêôơưĐẠỆỘ&<>\"' \n\t;,=+-]{1,16}",
        any::<String>().prop_map(|text| text.chars().take(40).collect()),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        cell_text().prop_map(Cell::text),
        (-1.0e9f64..1.0e9).prop_map(Cell::number),
        (0usize..100_000).prop_map(Cell::count),
        Just(Cell::empty()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Whatever our writer puts in a sheet, our reader and calamine read the same cells.
    #[test]
    fn our_reader_reads_every_sheet_as_calamine_does(
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..12), 0..30),
    ) {
        let mut sheet = Sheet::new("Tiêu chí");
        for row in rows {
            sheet.push_row(row);
        }
        let mut workbook = Workbook::new();
        workbook.add_sheet(sheet);
        let bytes = workbook.to_bytes().expect("written");
        prop_assert_eq!(ours(&bytes).rows, calamine_rows(&bytes));
    }
}

/// A workbook whose sheet part is `sheet`, deflated; `lie` sets the sizes its headers claim.
fn deflated_workbook(sheet: &[u8], lie: Option<u32>) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    let parts: [(&str, &[u8]); 4] = [
        (
            "_rels/.rels",
            br#"<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="s1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<Relationships><Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    for (name, bytes) in parts {
        archive.start_file(name, deflated).expect("a part");
        archive.write_all(bytes).expect("written");
    }
    let mut bytes = archive.finish().expect("finished").into_inner();
    if let Some(claimed) = lie {
        // Every header's uncompressed size of the sheet part (local header at +22, central
        // directory at +24) now claims `claimed` bytes.
        let name = b"xl/worksheets/sheet1.xml";
        let found: Vec<usize> = bytes
            .windows(name.len())
            .enumerate()
            .filter(|(_, window)| *window == name)
            .map(|(at, _)| at)
            .collect();
        assert_eq!(found.len(), 2, "a local header and a central entry");
        let (local, central) = (found[0] - 30, found[1] - 46);
        bytes[local + 22..local + 26].copy_from_slice(&claimed.to_le_bytes());
        bytes[central + 24..central + 28].copy_from_slice(&claimed.to_le_bytes());
    }
    bytes
}

#[test]
fn an_archive_bomb_is_refused_whatever_its_headers_claim() {
    // 24 MiB of one cell's text deflates to about 24 KB: a file far under the 5 MiB limit.
    let mut sheet =
        b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>".to_vec();
    sheet.resize(sheet.len() + 24 * 1024 * 1024, b'a');
    sheet.extend_from_slice(b"</t></is></c></row></sheetData></worksheet>");
    let honest = deflated_workbook(&sheet, None);
    assert!(honest.len() < 200 * 1024, "{} bytes", honest.len());
    let problems = grid_from_xlsx(&honest).expect_err("the bomb is refused");
    assert_eq!(
        problems[0].kind,
        SheetProblemKind::PartTooLarge {
            part: "xl/worksheets/sheet1.xml".into(),
            max: MAX_PART_BYTES
        }
    );
    assert!(problems[0].message_vi().contains("giải nén ra hơn"));
    // The same bomb claiming 1 000 bytes: never inflated past what it claims, so refused as
    // damaged instead of read.
    let lying = deflated_workbook(&sheet, Some(1_000));
    let problems = grid_from_xlsx(&lying).expect_err("the lying bomb is refused");
    assert!(
        matches!(
            problems[0].kind,
            SheetProblemKind::NotASheet { .. } | SheetProblemKind::PartTooLarge { .. }
        ),
        "{problems:#?}"
    );
    // And the same archive with a small sheet reads: the refusals above are the size's doing.
    let small = deflated_workbook(
        b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nh\xc3\xb3m</t></is></c></row></sheetData></worksheet>",
        None,
    );
    assert_eq!(ours(&small).rows, vec![(1, vec!["Nhóm".to_owned()])]);
}

#[test]
fn broken_workbooks_are_refused_with_a_message() {
    let cases: [(&str, &[u8]); 3] = [
        ("not UTF-8", b"<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>\xff</t></is></c></row></sheetData></worksheet>"),
        ("a shared string that does not exist", b"<worksheet><sheetData><row><c t=\"s\"><v>7</v></c></row></sheetData></worksheet>"),
        ("a cell reference that is no reference", b"<worksheet><sheetData><row><c r=\"1A\"><v>1</v></c></row></sheetData></worksheet>"),
    ];
    for (what, sheet) in cases {
        let problems = grid_from_xlsx(&deflated_workbook(sheet, None)).expect_err(what);
        assert!(
            matches!(problems[0].kind, SheetProblemKind::NotASheet { .. }),
            "{what}: {problems:#?}"
        );
        assert!(problems[0].message_vi().contains("đọc được tệp bảng tính"));
    }
    let far = b"<worksheet><sheetData><row r=\"2003\"><c r=\"A2003\"><v>1</v></c></row></sheetData></worksheet>";
    let problems = grid_from_xlsx(&deflated_workbook(far, None)).expect_err("too far down");
    assert!(matches!(
        problems[0].kind,
        SheetProblemKind::TooManyRows { .. }
    ));
}
