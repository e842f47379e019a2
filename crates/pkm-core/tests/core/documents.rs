//! The four documents read back as Word would: each `.docx` opens as a ZIP, its parts parse
//! (docx-rs's own reader), and `word/document.xml` holds the decree's page (A4, margins), Times
//! New Roman, the header block, the texts and tables, the signature and "Nơi nhận"; the header
//! of pages 2 and on holds a `PAGE` field. Bad input (markup characters, a 10 000-character note,
//! 700 wards) still gives a valid file.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use pkm_core::documents::docx::{BODY_STYLE, HEADING_STYLE, TABLE_STYLE, to_docx};
use pkm_core::documents::ward_report::WardReportData;
use pkm_core::documents::{
    Document, DocumentFields, DocumentKind, meeting, review, text, ward_report,
};
use pkm_core::fixtures::{self, ProvinceFixture};
use pkm_core::{AssessmentKey, Basis, Date, ProvinceFigures, Store, summary_paragraph_vi};

fn province(fixture: &ProvinceFixture) -> (Store, ProvinceFigures) {
    let store = fixtures::merged_store(fixture).unwrap();
    let figures = ProvinceFigures::compute(
        &store,
        &fixture.province,
        fixture.year,
        Basis::SelfAssessed,
        fixture.today,
    )
    .unwrap();
    (store, figures)
}

fn fields() -> DocumentFields {
    DocumentFields {
        number: "125/BC-CAT-PV01".into(),
        place: "Nghệ An".into(),
        date: Some(Date::new(2024, 12, 18).unwrap()),
        signer_title: "KT. Giám đốc\nPhó Giám đốc".into(),
        signer_name: "Đại tá Nguyễn Văn A".into(),
        secretary: "Thiếu tá Trần Thị B".into(),
        recipients: "- Bộ Công an (để báo cáo);\n- Lưu: VT, PV01.".into(),
    }
}

/// The four documents of the Nghệ An fixture.
fn documents(fixture: &ProvinceFixture, store: &Store, figures: &ProvinceFigures) -> Vec<Document> {
    let paragraph = summary_paragraph_vi(figures);
    let ward = &fixture.ward_bundles[0].ward;
    let data = WardReportData::read(store, &AssessmentKey::new(ward.clone(), fixture.year))
        .expect("the first ward has a report");
    vec![
        ward_report::document(&data, &fields()),
        meeting::document(figures, store, &paragraph, &fields()),
        review::minutes(figures, store, &paragraph, &fields()),
        review::proposal(figures, store, &paragraph, &fields()),
    ]
}

/// The parts of a `.docx`, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP file");
    let mut parts = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let mut text = String::new();
        if file.is_file() {
            file.read_to_string(&mut text).expect("UTF-8 XML");
            parts.insert(file.name().to_owned(), text);
        }
    }
    parts
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#xA;", "\n")
        .replace("&amp;", "&")
}

/// The text of each paragraph of an XML part (its `w:t` runs joined), in order.
fn paragraph_texts(xml: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for paragraph in xml.split("</w:p>") {
        let mut text = String::new();
        let mut rest = paragraph;
        while let Some(start) = rest.find("<w:t") {
            let after = &rest[start..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            if after[..open_end].ends_with('/') || !matches!(after.as_bytes()[4], b' ' | b'>') {
                rest = &after[open_end + 1..];
                continue;
            }
            let body = &after[open_end + 1..];
            let close = body.find("</w:t>").expect("a closed w:t");
            text.push_str(&unescape(&body[..close]));
            rest = &body[close..];
        }
        if !text.is_empty() {
            texts.push(text);
        }
    }
    texts
}

/// Writes a document, checks that the package parses, and returns its parts. With
/// `PKM_DOCX_OUT=/some/dir` the files are also saved there, to open them in an office suite.
fn written(document: &Document) -> BTreeMap<String, String> {
    let bytes = to_docx(document).expect("written");
    if let Some(dir) = std::env::var_os("PKM_DOCX_OUT") {
        let name = document.kind.file_name("test", 2024);
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).expect("saved");
    }
    docx_rs::read_docx(&bytes).expect("docx-rs reads its own file back");
    parts(&bytes)
}

#[test]
fn every_document_has_the_decree_page_fonts_and_header_block() {
    let fixture = fixtures::nghe_an_2024(1).unwrap();
    let (store, figures) = province(&fixture);
    for document in documents(&fixture, &store, &figures) {
        let parts = written(&document);
        let xml = &parts["word/document.xml"];
        let kind = document.kind;
        assert!(
            xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
            "{kind:?}: A4"
        );
        for margin in [
            r#"w:top="1134""#,
            r#"w:bottom="1134""#,
            r#"w:left="1701""#,
            r#"w:right="851""#,
        ] {
            assert!(xml.contains(margin), "{kind:?}: margin {margin}");
        }
        assert!(xml.contains("<w:titlePg"), "{kind:?}: no number on page 1");
        assert!(
            parts["word/styles.xml"].contains(r#"w:ascii="Times New Roman""#),
            "{kind:?}: Times New Roman by default"
        );
        for style in [BODY_STYLE, HEADING_STYLE, TABLE_STYLE] {
            assert!(
                parts["word/styles.xml"].contains(&format!(r#"w:styleId="{style}""#)),
                "{kind:?}: style {style}"
            );
        }
        let texts = paragraph_texts(xml);
        for line in [
            text::NATION,
            text::MOTTO,
            kind.title(),
            document.issuer.as_str(),
            document.summary.as_str(),
        ] {
            assert!(
                texts.iter().any(|t| t == line),
                "{kind:?}: {line:?} in {texts:#?}"
            );
        }
        assert!(
            texts.iter().any(|t| t.starts_with("Số: 125/")),
            "{kind:?}: number"
        );
        let all = texts.join("\n");
        for line in document.texts().iter().flat_map(|text| text.split('\n')) {
            assert!(all.contains(line.trim()), "{kind:?}: {line:?} is written");
        }
        assert!(
            texts
                .iter()
                .any(|t| t == "Nghệ An, ngày 18 tháng 12 năm 2024"),
            "{kind:?}: place and date"
        );
        assert!(
            xml.contains("<w:i />") || xml.contains("<w:i/>"),
            "{kind:?}: italics"
        );
        let headers: Vec<&String> = parts
            .iter()
            .filter(|(name, _)| name.starts_with("word/header"))
            .map(|(_, xml)| xml)
            .collect();
        assert!(
            headers.iter().any(|xml| xml.contains(">PAGE<")),
            "{kind:?}: a PAGE field in a header"
        );
        assert!(xml.matches("<w:tbl>").count() >= 3, "{kind:?}: tables");
    }
}

#[test]
fn the_documents_hold_their_sections_tables_and_signatures() {
    let fixture = fixtures::nghe_an_2024(1).unwrap();
    let (store, figures) = province(&fixture);
    let docs = documents(&fixture, &store, &figures);
    let texts: Vec<Vec<String>> = docs
        .iter()
        .map(|document| paragraph_texts(&written(document)["word/document.xml"]))
        .collect();
    let has = |index: usize, line: &str| texts[index].iter().any(|t| t == line);
    assert!(has(0, text::ward::CRITERIA) && has(0, text::ward::REQUESTS));
    assert!(has(0, "Đại tá Nguyễn Văn A") && has(0, "PHÓ GIÁM ĐỐC"));
    assert!(has(0, text::RECIPIENTS) && has(0, "- Lưu: VT, PV01."));
    for section in [
        text::meeting::MAINTAINED,
        text::meeting::NEW,
        text::meeting::WARDS,
        text::meeting::REQUESTS,
        text::meeting::TASKS,
    ] {
        assert!(has(1, section), "meeting report: {section}");
    }
    assert!(
        texts[1].iter().any(|t| t.contains("Chỉ tiêu Bộ giao: 4")),
        "the quota of the seed meeting"
    );
    let first_ward = &figures.wards[0].name_vi;
    assert!(has(1, first_ward), "each ward's row");
    assert!(has(2, text::review::PROPOSED) && has(2, text::CHAIR) && has(2, text::SECRETARY));
    assert!(
        has(2, "Thiếu tá Trần Thị B"),
        "the secretary signs the minutes"
    );
    let proposed = review::proposed(&figures);
    assert!(!proposed.is_empty(), "the fixture has complete wards");
    for row in &proposed {
        assert!(has(3, &row.name_vi), "the annex lists {}", row.name_vi);
        assert!(has(2, &row.name_vi), "the minutes list {}", row.name_vi);
    }
    assert!(has(3, text::review::ANNEX_TITLE) && has(3, text::review::TO_MINISTRY));
    let xml = &written(&docs[3])["word/document.xml"];
    assert!(
        xml.contains(r#"<w:br w:type="page""#),
        "the annex starts a page"
    );
}

#[test]
fn markup_characters_long_notes_and_control_characters_still_give_a_valid_file() {
    let fixture = fixtures::nghe_an_2024(1).unwrap();
    let (store, mut figures) = province(&fixture);
    let hostile = "<b>&amp; \"quoted\" 'single' </w:t></w:r>]]><!--";
    figures.province_name = format!("Công an tỉnh {hostile}");
    figures.wards[0].name_vi = format!("Phường {hostile}\u{1}\u{FFFF}");
    let ward = &fixture.ward_bundles[0].ward;
    let mut data =
        WardReportData::read(&store, &AssessmentKey::new(ward.clone(), fixture.year)).unwrap();
    let long_note = "Ghi chú <&> dài ".repeat(625);
    assert_eq!(long_note.chars().count(), 10_000);
    data.criteria[0].2.note = long_note.clone();
    data.ward = hostile.to_owned();
    let mut hostile_fields = fields();
    hostile_fields.signer_name = hostile.to_owned();
    hostile_fields.recipients = format!("- {hostile}\n\n- \u{0}");
    let paragraph = summary_paragraph_vi(&figures);
    let docs = [
        ward_report::document(&data, &hostile_fields),
        meeting::document(&figures, &store, &paragraph, &hostile_fields),
        review::minutes(&figures, &store, &paragraph, &hostile_fields),
        review::proposal(&figures, &store, &paragraph, &hostile_fields),
    ];
    for document in &docs {
        let parts = written(document);
        let texts = paragraph_texts(&parts["word/document.xml"]);
        assert!(
            texts.iter().any(|t| t.contains(hostile)),
            "{:?}: the markup stays text",
            document.kind
        );
        assert!(
            !parts["word/document.xml"].contains('\u{1}'),
            "control characters are dropped"
        );
    }
    let texts = paragraph_texts(&written(&docs[0])["word/document.xml"]);
    assert!(texts.iter().any(|t| t == long_note.trim_end()) || texts.contains(&long_note));
}

#[test]
fn seven_hundred_wards_give_a_valid_file() {
    let fixture = fixtures::large_province(7, 700).unwrap();
    let (store, figures) = province(&fixture);
    assert_eq!(
        figures.wards.len() + figures.wards_without_assessment.len(),
        700
    );
    let paragraph = summary_paragraph_vi(&figures);
    let minutes = review::minutes(&figures, &store, &paragraph, &DocumentFields::default());
    let report = meeting::document(&figures, &store, &paragraph, &DocumentFields::default());
    for document in [minutes, report] {
        let xml = &written(&document)["word/document.xml"];
        let rows = xml.matches("<w:tr>").count();
        let listed = match document.kind {
            DocumentKind::ReviewMinutes => figures.maintained.total + figures.new.total,
            _ => figures.wards.len(),
        };
        assert!(listed >= 300, "{listed}: hundreds of wards are listed");
        assert!(rows > listed, "{:?}: {rows} rows", document.kind);
        assert!(
            paragraph_texts(xml)
                .iter()
                .any(|t| t == "Số:       /BC-" || t == "Số:       /BB-"),
            "an empty number prints blanks to fill in"
        );
    }
    assert_eq!(
        DocumentKind::ReviewMinutes.file_name("na", 2024),
        "bien-ban-hop-xet-na-2024.docx"
    );
}
