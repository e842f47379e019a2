//! The catalogue typed in at the province (issue 29): the draft's edits and problems, publishing
//! under a new id, the spreadsheet import (the committed 22-criteria sheet, the sheet with five
//! kinds of mistakes, odd encodings, formulas, huge sheets) and the template's round trip, with
//! property tests of the round trip on generated catalogues.

use std::collections::BTreeMap;

use pkm_core::catalogue_diff::CatalogueDiff;
use pkm_core::catalogue_draft::{
    self, CatalogueDraft, DraftEdit, DraftField, DraftPlace, DraftProblemKind,
};
use pkm_core::catalogue_sheet::{
    self, Grid, MAX_SHEET_ROWS, SheetProblem, SheetProblemKind, read_sheet,
};
use pkm_core::export::zip::ZipWriter;
use pkm_core::{Catalogue, CatalogueId, CatalogueStatus, CriterionKind};
use proptest::prelude::*;

const SHEET_22: &[u8] = include_bytes!("../../../../tests/catalogues/tieu-chi-2023-22.csv");
const SHEET_5_MISTAKES: &[u8] = include_bytes!("../../../../tests/catalogues/tieu-chi-5-loi.csv");

fn draft_catalogue() -> Catalogue {
    Catalogue::builtin_draft().expect("the built-in draft loads")
}

fn with_document(mut draft: CatalogueDraft) -> CatalogueDraft {
    draft.title_vi = "Bộ tiêu chí thí điểm 2023".to_string();
    draft.document.number = "5764/QĐ-BCA-V05".to_string();
    draft.document.date = "13/07/2021".to_string();
    draft.document.issuer = "Bộ Công an".to_string();
    draft
}

fn id(text: &str) -> CatalogueId {
    CatalogueId::new(text).expect("a valid id")
}

/// The catalogue without what a sheet does not carry (the reconstruction's confidence notes).
fn without_confidence(mut catalogue: Catalogue) -> Catalogue {
    for group in &mut catalogue.groups {
        for criterion in &mut group.criteria {
            criterion.confidence = None;
        }
    }
    catalogue
}

#[test]
fn a_sheet_of_22_criteria_imports() {
    let draft = read_sheet("tieu-chi.csv", SHEET_22, &CatalogueDraft::empty())
        .unwrap_or_else(|problems| panic!("{problems:#?}"));
    assert_eq!(draft.criteria_count(), 22);
    assert_eq!(draft.groups.len(), 7);
    let draft = with_document(draft);
    let known = BTreeMap::new();
    let new_id = catalogue_draft::suggest_id(&draft, &known);
    assert_eq!(new_id.as_str(), "5764-qd-bca-v05-2021-07-13");
    let catalogue = catalogue_draft::publish(&draft, &new_id, &known)
        .unwrap_or_else(|problems| panic!("{problems:#?}"));
    assert_eq!(catalogue.status, CatalogueStatus::Official);
    assert_eq!(catalogue.criteria_count(), 22);
    let t10 = catalogue.criteria().nth(9).expect("a 10th criterion");
    assert_eq!(
        (t10.id.as_str(), t10.kind, t10.target),
        ("T10", CriterionKind::Percent, Some(80.5))
    );
    let last = catalogue.criteria().last().expect("a last criterion");
    assert_eq!(last.title_vi, "Người dân hài lòng, \"rất hài lòng\"");
    let document = catalogue.source_document.clone().expect("a document");
    assert_eq!(document.date.to_vi(), "13/07/2021");
    // The published catalogue travels as JSON and reads back equal.
    let text = serde_json::to_string(&catalogue).expect("serialises");
    assert_eq!(Catalogue::from_json(&text), Ok(catalogue));
}

#[test]
fn a_sheet_with_five_kinds_of_mistakes_names_each_row_and_column() {
    let problems = read_sheet("loi.csv", SHEET_5_MISTAKES, &CatalogueDraft::empty())
        .expect_err("the sheet has mistakes");
    let found: Vec<(Option<usize>, Option<String>)> = problems
        .iter()
        .map(|problem| (problem.row, problem.column_letters()))
        .collect();
    let at = |row: usize, column: &str| (Some(row), Some(column.to_string()));
    assert_eq!(
        found,
        vec![at(3, "E"), at(5, "D"), at(6, "G"), at(7, "H"), at(8, "A")],
        "{problems:#?}"
    );
    let kinds: Vec<&SheetProblemKind> = problems.iter().map(|problem| &problem.kind).collect();
    assert!(matches!(
        kinds[..],
        [
            SheetProblemKind::Catalogue(DraftProblemKind::Empty),
            SheetProblemKind::Catalogue(DraftProblemKind::DuplicateId { .. }),
            SheetProblemKind::Catalogue(DraftProblemKind::UnknownKind { .. }),
            SheetProblemKind::Catalogue(DraftProblemKind::TargetOutOfRange),
            SheetProblemKind::Catalogue(DraftProblemKind::Empty),
        ]
    ));
    assert_eq!(
        problems[0].message_vi(),
        "Dòng 3, cột E (Tên tiêu chí): chưa được điền."
    );
    assert_eq!(
        problems[1].message_vi(),
        "Dòng 5, cột D (Mã tiêu chí): mã “T03” bị trùng với một mã khác trong bộ tiêu chí."
    );
    assert!(problems[2].message_vi().contains("“điểm số”"));
    assert!(
        problems[3]
            .message_en()
            .starts_with("Row 7, column H (Target)")
    );
    assert_eq!(
        problems[4].message_en(),
        "Row 8, column A (Group): is empty."
    );
}

#[test]
fn the_template_reads_back_as_the_same_catalogue() {
    let today = without_confidence(draft_catalogue());
    let base = CatalogueDraft::from_catalogue(&today);
    let csv = catalogue_sheet::template_csv(&today);
    let xlsx = catalogue_sheet::template_xlsx(&today).expect("the template is written");
    for (name, bytes) in [("mau.csv", csv.into_bytes()), ("mau.xlsx", xlsx)] {
        let draft = read_sheet(name, &bytes, &base).unwrap_or_else(|problems| {
            panic!("{name}: {problems:#?}");
        });
        assert_eq!(draft, base, "{name}");
        let back = draft
            .to_catalogue(&today.id, CatalogueStatus::Draft)
            .expect("valid");
        // The sheet carries the groups and criteria; the catalogue's notes stay behind.
        assert_eq!(back.groups, today.groups, "{name}");
        assert!(CatalogueDiff::between(&today, &back).is_empty());
    }
}

#[test]
fn the_22_criteria_read_as_xlsx_too() {
    let draft = with_document(
        read_sheet("a.csv", SHEET_22, &CatalogueDraft::empty()).expect("the sheet imports"),
    );
    let catalogue =
        catalogue_draft::publish(&draft, &id("pilot-2023"), &BTreeMap::new()).expect("publishes");
    let xlsx = catalogue_sheet::template_xlsx(&catalogue).expect("written");
    let back = read_sheet("a.xlsx", &xlsx, &draft).expect("reads back");
    assert_eq!(back, draft);
}

#[test]
fn odd_encodings_are_read_or_refused_with_a_message() {
    let text = String::from_utf8(SHEET_22.to_vec()).expect("UTF-8");
    let text = text.trim_start_matches('\u{feff}');
    // Excel's "Unicode Text": UTF-16 LE with a byte order mark, tab-separated.
    let tabs = text.replace("80,5", "80.5").replace(',', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabs.encode_utf16().flat_map(u16::to_le_bytes));
    let draft = read_sheet("a.txt", &utf16, &CatalogueDraft::empty()).expect("UTF-16 reads");
    assert_eq!(draft.criteria_count(), 22);
    let simple =
        "Nhóm\tTên nhóm\tMã tiêu chí\tTên tiêu chí\tLoại\r\nG1\tA\tC01\tMột\tĐạt/không đạt\r\n";
    let mut simple16 = vec![0xFF, 0xFE];
    simple16.extend(simple.encode_utf16().flat_map(u16::to_le_bytes));
    let draft = read_sheet("a.txt", &simple16, &CatalogueDraft::empty()).expect("UTF-16 reads");
    assert_eq!(draft.groups[0].criteria[0].title_vi, "Một");
    // The same text in Windows-1258 bytes ("Nh" + 0xF3 + "m"): refused, with what to do.
    let cp1258 = b"Nh\xF3m,M\xE3,T\xEAn,Lo\xE1i\r\nG1,C01,A,count\r\n";
    let problems = read_sheet("a.csv", cp1258, &CatalogueDraft::empty()).expect_err("refused");
    assert_eq!(problems[0].kind, SheetProblemKind::NotText);
    assert!(problems[0].message_vi().contains("CSV UTF-8"));
    // Decomposed diacritics (NFD) in the header still match the columns.
    let nfd = "Nho\u{301}m,Tên nhóm,Ma\u{303} tiêu chí,Tên tiêu chí,Loại\nG1,A,C01,Một,count\n";
    assert!(read_sheet("a.csv", nfd.as_bytes(), &CatalogueDraft::empty()).is_ok());
    let empty = read_sheet("a.csv", b"", &CatalogueDraft::empty()).expect_err("empty");
    assert_eq!(empty[0].kind, SheetProblemKind::Empty);
    let garbage = read_sheet("a.xlsx", b"PK\x03\x04garbage", &CatalogueDraft::empty());
    assert!(matches!(
        garbage.expect_err("not a workbook")[0].kind,
        SheetProblemKind::NotASheet { .. }
    ));
}

#[test]
fn formulas_are_text_in_csv_and_cached_values_in_xlsx() {
    let csv = "Nhóm,Mã tiêu chí,Tên tiêu chí,Loại,Chỉ tiêu,Tên nhóm\n\
               G1,C01,=HYPERLINK(\"http://x\"),Tỷ lệ (%),=1+1,A\n\
               G1,C02,'=cmd|' /C calc'!A0,count,,\n";
    let problems = read_sheet("f.csv", csv.as_bytes(), &CatalogueDraft::empty())
        .expect_err("a formula is no number");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!((problems[0].row, problems[0].column), (Some(2), Some(4)));
    let fixed = csv.replace("=1+1", "50");
    let draft = read_sheet("f.csv", fixed.as_bytes(), &CatalogueDraft::empty()).expect("reads");
    assert_eq!(
        draft.groups[0].criteria[0].title_vi,
        "=HYPERLINK(\"http://x\")"
    );
    assert_eq!(draft.groups[0].criteria[1].title_vi, "=cmd|' /C calc'!A0");
    // The template puts the quote back, so the spreadsheet shows text.
    let catalogue = with_document(draft)
        .to_catalogue(&id("f"), CatalogueStatus::Draft)
        .expect("valid");
    assert!(catalogue_sheet::template_csv(&catalogue).contains(",'=cmd|"));

    let sheet = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Nhóm</t></is></c><c r="B1" t="inlineStr"><is><t>Mã tiêu chí</t></is></c><c r="C1" t="inlineStr"><is><t>Tên tiêu chí</t></is></c><c r="D1" t="inlineStr"><is><t>Loại</t></is></c><c r="E1" t="inlineStr"><is><t>Chỉ tiêu</t></is></c><c r="F1" t="inlineStr"><is><t>Tên nhóm</t></is></c></row>
<row r="2"><c r="F2" t="inlineStr"><is><t>Nhóm một</t></is></c><c r="A2" t="inlineStr"><is><t>G1</t></is></c><c r="B2" t="inlineStr"><is><t>C01</t></is></c><c r="C2" t="inlineStr"><is><t>Một</t></is></c><c r="D2" t="inlineStr"><is><t>percent</t></is></c><c r="E2"><f>40+50</f><v>90</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>G1</t></is></c><c r="B3" t="inlineStr"><is><t>C02</t></is></c><c r="C3" t="inlineStr"><is><t>Hai</t></is></c><c r="D3" t="inlineStr"><is><t>count</t></is></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
</sheetData></worksheet>"#;
    let problems = read_sheet("f.xlsx", &workbook_with(sheet), &CatalogueDraft::empty())
        .expect_err("an error value");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!((problems[0].row, problems[0].column), (Some(3), Some(4)));
    assert!(problems[0].message_vi().contains("#DIV/0!"));
    let repaired = sheet.replace(r#"<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>"#, "");
    let draft = read_sheet(
        "f.xlsx",
        &workbook_with(&repaired),
        &CatalogueDraft::empty(),
    )
    .expect("the formula's cached value is read");
    assert_eq!(draft.groups[0].criteria[0].target, "90");
}

/// A minimal workbook around one sheet's XML, as another program could write it.
fn workbook_with(sheet: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    for (name, text) in parts {
        zip.add(name, text.as_bytes()).expect("added");
    }
    zip.finish().expect("written")
}

#[test]
fn huge_sheets_are_refused_whole() {
    let mut csv = String::from("Nhóm,Mã tiêu chí,Tên tiêu chí,Loại\n");
    for row in 0..=MAX_SHEET_ROWS {
        csv.push_str(&format!("G1,C{row},Tên,count\n"));
    }
    let problems =
        read_sheet("big.csv", csv.as_bytes(), &CatalogueDraft::empty()).expect_err("too many rows");
    assert_eq!(
        problems,
        vec![SheetProblem {
            row: None,
            column: None,
            field: None,
            kind: SheetProblemKind::TooManyRows {
                max: MAX_SHEET_ROWS
            }
        }]
    );
    let large = vec![b'a'; catalogue_sheet::MAX_SHEET_BYTES + 1];
    let problems = read_sheet("big.csv", &large, &CatalogueDraft::empty()).expect_err("too large");
    assert!(matches!(
        problems[0].kind,
        SheetProblemKind::TooLarge { .. }
    ));
    // 600 criteria fit in a sheet but not in a catalogue: one problem for the whole file.
    let mut csv = String::from("Nhóm,Mã tiêu chí,Tên tiêu chí,Loại,Tên nhóm\n");
    for row in 0..600 {
        csv.push_str(&format!("G1,C{row},Tên,count,Nhóm một\n"));
    }
    let problems = read_sheet("many.csv", csv.as_bytes(), &CatalogueDraft::empty())
        .expect_err("too many criteria");
    assert!(matches!(
        problems[..],
        [SheetProblem {
            row: None,
            kind: SheetProblemKind::Catalogue(DraftProblemKind::TooManyCriteria { count: 600, .. }),
            ..
        }]
    ));
    // A header without the required columns names each one.
    let problems =
        read_sheet("x.csv", b"a,b\n1,2\n", &CatalogueDraft::empty()).expect_err("no columns");
    assert_eq!(problems.len(), 4);
    assert!(problems[0].message_vi().starts_with("Dòng 1, cột “Nhóm”"));
}

#[test]
fn a_group_named_on_its_own_row_without_criteria_is_named() {
    let csv = "Nhóm,Tên nhóm,Mã tiêu chí,Tên tiêu chí,Loại\nG1,Một,C01,A,count\nG2,Hai,,,\n";
    // Without a group title column, each group's title is missing at its first row.
    let untitled = read_sheet(
        "u.csv",
        b"Nhom,Ma,Ten,Loai\nG1,C01,A,count\n",
        &CatalogueDraft::empty(),
    )
    .expect_err("no group title");
    assert_eq!(
        untitled[0].message_vi(),
        "Dòng 2, cột “Tên nhóm”: chưa được điền."
    );
    let problems =
        read_sheet("g.csv", csv.as_bytes(), &CatalogueDraft::empty()).expect_err("an empty group");
    assert_eq!(
        problems[0].message_vi(),
        "Dòng 3, cột A (Nhóm): nhóm “G2” không có tiêu chí nào."
    );
    let grid = Grid {
        rows: vec![(
            1,
            vec!["Nhóm".into(), "Mã".into(), "Tên".into(), "Loại".into()],
        )],
        problems: Vec::new(),
    };
    let problems =
        catalogue_sheet::draft_from_grid(&grid, &CatalogueDraft::empty()).expect_err("no rows");
    assert!(problems[0].message_vi().contains("chưa có tiêu chí nào"));
}

#[test]
fn edits_change_the_draft_and_name_their_problems() {
    let mut draft = CatalogueDraft::empty();
    assert!(draft.apply(DraftEdit::AddGroup));
    assert_eq!(draft.groups[1].id, "G2");
    assert_eq!(draft.groups[1].criteria[0].id, "C02");
    assert!(draft.apply(DraftEdit::AddCriterion(0)));
    assert_eq!(draft.groups[0].criteria[1].id, "C03");
    // Moving the last criterion of group 1 down puts it first in group 2.
    assert!(draft.apply(DraftEdit::MoveCriterion(0, 1, false)));
    let ids = |draft: &CatalogueDraft| -> Vec<Vec<String>> {
        draft
            .groups
            .iter()
            .map(|group| group.criteria.iter().map(|c| c.id.clone()).collect())
            .collect()
    };
    assert_eq!(ids(&draft), vec![vec!["C01"], vec!["C03", "C02"]]);
    assert!(!draft.apply(DraftEdit::MoveCriterion(0, 0, true)));
    assert!(!draft.apply(DraftEdit::RemoveCriterion(5, 0)));
    assert!(draft.apply(DraftEdit::MoveGroup(1, true)));
    assert_eq!(draft.groups[0].id, "G2");
    assert!(draft.apply(DraftEdit::SetKind(0, 0, CriterionKind::Percent)));
    assert!(draft.apply(DraftEdit::SetText(
        DraftPlace::Criterion(0, 0),
        DraftField::Target,
        "101".into()
    )));
    assert!(draft.apply(DraftEdit::SetText(
        DraftPlace::Criterion(0, 1),
        DraftField::Target,
        "abc".into()
    )));
    assert!(draft.apply(DraftEdit::SetText(
        DraftPlace::Group(1),
        DraftField::GroupId,
        "G2".into()
    )));
    let problems = draft.problems();
    let found: Vec<(DraftPlace, DraftField)> =
        problems.iter().map(|p| (p.place, p.field)).collect();
    assert!(found.contains(&(DraftPlace::Catalogue, DraftField::CatalogueTitleVi)));
    assert!(
        found.contains(&(DraftPlace::Group(1), DraftField::GroupId)),
        "{found:?}"
    );
    assert!(found.contains(&(DraftPlace::Criterion(0, 0), DraftField::Target)));
    assert!(found.contains(&(DraftPlace::Criterion(0, 1), DraftField::Target)));
    assert!(found.contains(&(DraftPlace::Criterion(1, 0), DraftField::TitleVi)));
    let target = problems
        .iter()
        .find(|problem| {
            problem.place == DraftPlace::Criterion(0, 1) && problem.field == DraftField::Target
        })
        .expect("the target problem");
    assert_eq!(
        target.message_vi(),
        "Nhóm 1, tiêu chí thứ 2 — Chỉ tiêu: chỉ tiêu “abc” không phải là một số."
    );
    // A yes/no criterion loses its target.
    assert!(draft.apply(DraftEdit::SetKind(0, 0, CriterionKind::Boolean)));
    assert_eq!(draft.groups[0].criteria[0].target, "");
    assert!(draft.apply(DraftEdit::RemoveGroup(0)));
    assert_eq!(draft.criteria_count(), 1);
}

#[test]
fn every_text_is_read_and_set_through_the_same_place_and_field() {
    let mut draft = CatalogueDraft::from_catalogue(&draft_catalogue());
    let fields = [
        DraftField::CatalogueId,
        DraftField::CatalogueTitleVi,
        DraftField::CatalogueTitleEn,
        DraftField::DocumentNumber,
        DraftField::DocumentDate,
        DraftField::DocumentIssuer,
        DraftField::Criteria,
        DraftField::GroupId,
        DraftField::GroupTitleVi,
        DraftField::GroupTitleEn,
        DraftField::Id,
        DraftField::TitleVi,
        DraftField::TitleEn,
        DraftField::Kind,
        DraftField::Target,
        DraftField::EvidenceVi,
        DraftField::EvidenceEn,
    ];
    let places = [
        DraftPlace::Catalogue,
        DraftPlace::Group(1),
        DraftPlace::Criterion(2, 1),
        DraftPlace::Criterion(9, 0),
    ];
    let mut texts = 0;
    for place in places {
        for field in fields {
            let text = format!("{place:?} {field:?}");
            let changed = draft.apply(DraftEdit::SetText(place, field, text.clone()));
            assert_eq!(
                changed,
                draft.text(place, field).is_some(),
                "{place:?} {field:?}"
            );
            if changed {
                assert_eq!(draft.text(place, field), Some(text.as_str()));
                texts += 1;
            }
        }
    }
    assert_eq!(texts, 5 + 3 + 6);
}

#[test]
fn publishing_needs_a_document_and_a_new_id_and_never_replaces() {
    let today = draft_catalogue();
    let mut known = BTreeMap::new();
    known.insert(today.id.clone(), today.clone());
    let mut draft = CatalogueDraft::from_catalogue(&today);
    let problems = catalogue_draft::publish(&draft, &today.id, &known).expect_err("refused");
    let fields: Vec<DraftField> = problems.iter().map(|problem| problem.field).collect();
    assert_eq!(
        fields,
        vec![
            DraftField::CatalogueId,
            DraftField::DocumentNumber,
            DraftField::DocumentDate,
            DraftField::DocumentIssuer
        ]
    );
    assert!(problems[0].message_vi().contains("không bao giờ bị sửa"));
    draft.apply(DraftEdit::SetText(
        DraftPlace::Catalogue,
        DraftField::DocumentNumber,
        "12/QĐ-BCA".into(),
    ));
    draft.apply(DraftEdit::SetText(
        DraftPlace::Catalogue,
        DraftField::DocumentDate,
        "30/02/2024".into(),
    ));
    draft.apply(DraftEdit::SetText(
        DraftPlace::Catalogue,
        DraftField::DocumentIssuer,
        "Bộ Công an".into(),
    ));
    let problems = draft.source_document().expect_err("no such day");
    assert!(matches!(problems[0].kind, DraftProblemKind::InvalidDate(_)));
    draft.apply(DraftEdit::SetText(
        DraftPlace::Catalogue,
        DraftField::DocumentDate,
        "15/03/1999".into(),
    ));
    let problems = draft.source_document().expect_err("before 2000");
    assert!(
        problems[0].message_vi().contains("“15/03/1999”"),
        "{problems:?}"
    );
    draft.apply(DraftEdit::SetText(
        DraftPlace::Catalogue,
        DraftField::DocumentDate,
        "2024-03-15".into(),
    ));
    draft.apply(DraftEdit::SetText(
        DraftPlace::Criterion(2, 0),
        DraftField::TitleVi,
        "Trụ sở đạt chuẩn".into(),
    ));
    let new_id = catalogue_draft::suggest_id(&draft, &known);
    assert_eq!(new_id.as_str(), "12-qd-bca-2024-03-15");
    let official = catalogue_draft::publish(&draft, &new_id, &known).expect("published");
    assert_eq!(official.status, CatalogueStatus::Official);
    assert_eq!(
        official.source_document.as_ref().map(|d| d.number.as_str()),
        Some("12/QĐ-BCA")
    );
    known.insert(official.id.clone(), official.clone());
    assert_eq!(
        catalogue_draft::suggest_id(&draft, &known).as_str(),
        "12-qd-bca-2024-03-15-2"
    );
    let diff = CatalogueDiff::between(&today, &official);
    assert_eq!(diff.changed.len(), 1);
    assert!(diff.added.is_empty() && diff.removed.is_empty());
    // A draft with no usable document number still gets an id.
    draft.document.number = "…".into();
    assert!(
        catalogue_draft::suggest_id(&draft, &known)
            .as_str()
            .starts_with("bo-tieu-chi-")
    );
}

#[test]
fn targets_are_read_the_vietnamese_or_the_english_way() {
    let read = |text: &str| catalogue_draft::parse_target(text).ok().flatten();
    assert_eq!(read("12,5"), Some(12.5));
    assert_eq!(read("12.5"), Some(12.5));
    assert_eq!(read("1.000"), Some(1000.0));
    assert_eq!(read("1.234.567,5"), Some(1_234_567.5));
    assert_eq!(read(" 90 % "), Some(90.0));
    assert_eq!(read(""), None);
    for bad in ["abc", "1e3", "NaN", "inf", "=1+1", "1,2,3"] {
        assert!(catalogue_draft::parse_target(bad).is_err(), "{bad}");
    }
    assert_eq!(catalogue_draft::target_text(Some(1000.0)), "1000");
    assert_eq!(catalogue_draft::target_text(Some(80.5)), "80,5");
}

#[test]
fn a_source_document_is_checked_when_a_catalogue_is_read() {
    let mut value: serde_json::Value =
        serde_json::from_str(pkm_core::catalogue::BUILTIN_DRAFT_JSON).expect("JSON");
    value["source_document"] =
        serde_json::json!({"number": " ", "date": "2024-02-30", "issuer": "Bộ Công an"});
    let errors = Catalogue::from_value_all(&value).expect_err("refused");
    let paths: Vec<&str> = errors.iter().map(|error| error.path()).collect();
    assert_eq!(
        paths,
        vec!["$.source_document.number", "$.source_document.date"]
    );
    assert!(
        errors[1]
            .message_vi()
            .starts_with("Ngày tại $.source_document.date")
    );
}

/// Texts as a person might type them: Vietnamese, separators, quotes, line breaks, formula signs.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("Công an".to_string()),
            Just("phường".to_string()),
            Just(",".to_string()),
            Just(";".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("=".to_string()),
            Just("-1".to_string()),
            Just("'".to_string()),
            "[a-zA-Z0-9 ]{1,6}",
        ],
        1..5,
    )
    .prop_map(|parts| parts.concat())
    .prop_filter("not blank", |text| !text.trim().is_empty())
    // A sheet's cells are trimmed; a leading quote before a formula sign is the template's.
    .prop_map(|text| text.trim().to_string())
    .prop_filter("no leading quote", |text| !text.starts_with('\''))
}

fn kind_and_target() -> impl Strategy<Value = (CriterionKind, String)> {
    prop_oneof![
        Just((CriterionKind::Boolean, String::new())),
        (0u32..=100).prop_map(|target| (CriterionKind::Percent, target.to_string())),
        (0u32..=100_000).prop_map(|target| (CriterionKind::Count, target.to_string())),
        Just((CriterionKind::Percent, "12,5".to_string())),
    ]
}

fn valid_draft() -> impl Strategy<Value = CatalogueDraft> {
    let criterion = (text(), text(), kind_and_target(), text());
    prop::collection::vec((text(), prop::collection::vec(criterion, 1..5)), 1..5).prop_map(
        |groups| {
            let mut draft = CatalogueDraft::empty();
            draft.title_vi = "Bộ thử".to_string();
            draft.groups.clear();
            let mut number = 0;
            for (group_at, (title, criteria)) in groups.into_iter().enumerate() {
                let mut group = catalogue_draft::DraftGroup {
                    id: format!("G{}", group_at + 1),
                    title_vi: title,
                    title_en: String::new(),
                    criteria: Vec::new(),
                };
                for (title_vi, title_en, (kind, target), hint) in criteria {
                    number += 1;
                    group.criteria.push(catalogue_draft::DraftCriterion {
                        id: format!("C{number:02}"),
                        title_vi,
                        title_en,
                        kind,
                        target,
                        evidence_hint_vi: hint,
                        evidence_hint_en: String::new(),
                    });
                }
                draft.groups.push(group);
            }
            draft
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Template → import gives the same catalogue, in CSV and in xlsx.
    #[test]
    fn template_round_trips(draft in valid_draft()) {
        let catalogue = draft.to_catalogue(&id("prop"), CatalogueStatus::Draft);
        prop_assert!(catalogue.is_ok(), "{:?}", catalogue);
        let catalogue = catalogue.unwrap_or_else(|_| unreachable!());
        let csv = catalogue_sheet::template_csv(&catalogue).into_bytes();
        let xlsx = catalogue_sheet::template_xlsx(&catalogue).unwrap_or_default();
        for (name, bytes) in [("p.csv", csv), ("p.xlsx", xlsx)] {
            let back = read_sheet(name, &bytes, &draft);
            prop_assert!(back.is_ok(), "{}: {:?}", name, back);
            let back = back
                .unwrap_or_else(|_| unreachable!())
                .to_catalogue(&id("prop"), CatalogueStatus::Draft);
            prop_assert_eq!(back.as_ref().ok(), Some(&catalogue), "{}", name);
        }
    }

    /// Any bytes: the reader answers (a draft or problems), never panics, and a draft it
    /// accepts is a valid catalogue.
    #[test]
    fn any_bytes_get_an_answer(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for name in ["a.csv", "a.xlsx"] {
            if let Ok(draft) = read_sheet(name, &bytes, &CatalogueDraft::empty()) {
                prop_assert!(draft.criteria_count() > 0);
            }
        }
    }
}

/// One published catalogue in the variants a merge can meet under its id: with its document,
/// without it (as an app that does not know the member keeps it), with another document, and
/// another content with or without a document.
fn published_variants() -> Vec<Catalogue> {
    let document = |number: &str| pkm_core::catalogue::SourceDocument {
        number: number.to_owned(),
        date: pkm_core::Date::new(2025, 3, 15).expect("a day"),
        issuer: "Bộ Công an".to_owned(),
    };
    let mut base = draft_catalogue();
    base.status = CatalogueStatus::Official;
    let with = |mut catalogue: Catalogue, number: Option<&str>| {
        catalogue.source_document = number.map(document);
        catalogue
    };
    let mut other = base.clone();
    other.title_vi = "Bộ tiêu chí (sửa)".to_owned();
    vec![
        with(base.clone(), Some("125/QĐ-BCA")),
        with(base.clone(), None),
        with(base, Some("126/QĐ-BCA")),
        with(other.clone(), None),
        with(other, Some("125/QĐ-BCA")),
    ]
}

fn store_with(catalogue: &Catalogue) -> pkm_core::Store {
    let mut store = pkm_core::Store::new();
    store
        .add_catalogue(catalogue.clone())
        .expect("the catalogue is added");
    store
}

#[test]
fn a_copy_without_its_source_document_is_the_same_catalogue_and_the_document_stays() {
    let variants = published_variants();
    let (with_document, without) = (&variants[0], &variants[1]);
    assert!(with_document.agrees_with(without) && without.agrees_with(with_document));
    assert!(!with_document.agrees_with(&variants[2]), "another document");
    assert!(!without.agrees_with(&variants[3]), "another content");
    for (first, second) in [(with_document, without), (without, with_document)] {
        let mut store = store_with(first);
        let report = store.merge(&store_with(second));
        assert!(report.catalogue_clashes.is_empty(), "{report:?}");
        let kept = store.catalogues().values().next().expect("one catalogue");
        assert_eq!(kept, with_document, "the copy naming its document stays");
    }
    let mut store = store_with(with_document);
    let report = store.merge(&store_with(&variants[3]));
    assert_eq!(report.catalogue_clashes.len(), 1, "another content clashes");
}

proptest! {
    /// Keeping one catalogue under an id is a join, whichever variants meet: commutative,
    /// associative, idempotent.
    #[test]
    fn the_catalogue_join_obeys_the_laws(a in 0usize..5, b in 0usize..5, c in 0usize..5) {
        let variants = published_variants();
        let join = |x: &pkm_core::Store, y: &pkm_core::Store| {
            let mut joined = x.clone();
            joined.merge(y);
            joined.catalogues().clone()
        };
        let (sa, sb, sc) = (store_with(&variants[a]), store_with(&variants[b]), store_with(&variants[c]));
        prop_assert_eq!(join(&sa, &sb), join(&sb, &sa));
        prop_assert_eq!(join(&sa, &sa), sa.catalogues().clone());
        let mut ab = sa.clone();
        ab.merge(&sb);
        let mut bc = sb.clone();
        bc.merge(&sc);
        prop_assert_eq!(join(&ab, &sc), join(&sa, &bc));
    }
}

/// The catalogue of the signed ward example with `source_document` set to `document`.
fn ward_file_with_document(document: serde_json::Value) -> Vec<u8> {
    let mut value: serde_json::Value =
        serde_json::from_str(&crate::support::examples().ward).expect("the example is JSON");
    value["content"]["catalogues"][0]["source_document"] = document;
    crate::support::sign(value).into_bytes()
}

#[test]
fn a_file_may_drop_a_catalogues_document_but_never_add_one() {
    use crate::support::{province_context, province_options};
    use pkm_core::bundle::read_bundle_with;
    let document =
        serde_json::json!({"number": "999/QĐ-GIA", "date": "2025-03-15", "issuer": "Bộ Công an"});
    // The store's copy names no document: a file that adds one is refused, nothing read.
    let store = province_context();
    let problems = read_bundle_with(
        &ward_file_with_document(document.clone()),
        &province_options(),
        &store,
    )
    .expect_err("a document added by a file");
    assert!(
        problems
            .iter()
            .any(|p| p.code() == "catalogue-clash" && p.path == "$.content.catalogues[0]"),
        "{problems:?}"
    );
    // The store's copy names one (published): the same catalogue without it, as an older app
    // sends it back, reads.
    let mut published = province_context();
    let bundle = read_bundle_with(
        &ward_file_with_document(document),
        &province_options(),
        &pkm_core::Store::new(),
    )
    .expect("the file reads on its own");
    for catalogue in bundle.content.catalogues().values() {
        let mut copy = published.clone();
        copy.merge(&{
            let mut only = pkm_core::Store::new();
            only.add_catalogue(catalogue.clone()).expect("added");
            only
        });
        published = copy;
    }
    let stripped = crate::support::examples().ward.into_bytes();
    read_bundle_with(&stripped, &province_options(), &published)
        .expect("a copy without the document is the same catalogue");
}
