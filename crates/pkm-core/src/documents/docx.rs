//! Writes a [`Document`] as a Word file (`.docx`) with `docx-rs`: A4 portrait with the decree's
//! margins, Times New Roman, named paragraph styles (body, heading, table text), the two-column
//! header block as a borderless table, real tables for the body's tables, the page number (a
//! `PAGE` field) centred in the header from page 2, the signature block with "Nơi nhận:" on its
//! left. Word and LibreOffice open it for editing.
//!
//! Text is written as given (docx-rs escapes it); characters XML cannot carry are dropped and a
//! line break in a text starts a new paragraph.
//!
//! docx-rs builds every part of the package; the parts go into the ZIP container with the core's
//! own stored-ZIP writer (`export::zip`, as the workbook's), not with docx-rs's `pack`: its ZIP
//! crate brings deflate compressors (zlib-rs, zopfli) that the stored parts never use, about
//! 100 KB gzip more of WebAssembly to fetch for the same file.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Header, LineSpacing, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

use docx_rs::XMLDocx;

use super::layout::{self as l};
use super::text;
use super::{Block, DocTable, Document, Signer};
use crate::export::xml::strip_invalid;
use crate::export::zip::{ZipError, ZipWriter};

/// The paragraph style of body text.
pub const BODY_STYLE: &str = "PkmBody";
/// The paragraph style of section headings.
pub const HEADING_STYLE: &str = "PkmHeading";
/// The paragraph style of table cells.
pub const TABLE_STYLE: &str = "PkmTableText";

/// Why a document could not be written (only an error of the ZIP writer; in memory, none is
/// expected).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the .docx could not be written: {0}")]
pub struct DocxError(pub String);

/// The document as the bytes of a `.docx` file.
pub fn to_docx(document: &Document) -> Result<Vec<u8>, DocxError> {
    let mut docx = Docx::new()
        .page_size(l::PAGE_WIDTH, l::PAGE_HEIGHT)
        .page_margin(PageMargin {
            top: l::MARGIN_TOP,
            left: l::MARGIN_LEFT,
            bottom: l::MARGIN_BOTTOM,
            right: l::MARGIN_RIGHT,
            header: l::HEADER_DISTANCE,
            footer: l::HEADER_DISTANCE,
            gutter: 0,
        })
        .default_fonts(fonts())
        .default_size(l::BODY_SIZE)
        .add_style(body_style())
        .add_style(heading_style())
        .add_style(table_style())
        .header(page_number_header())
        .first_header(Header::new().add_paragraph(Paragraph::new()))
        .title_pg()
        .add_table(letterhead(document))
        .add_paragraph(spacer())
        .add_paragraph(centered_bold(&document.title, l::BODY_SIZE))
        .add_paragraph(centered_bold(&document.summary, l::BODY_SIZE))
        .add_paragraph(short_line(3_000))
        .add_paragraph(spacer());
    for block in &document.blocks {
        docx = add_block(docx, block);
    }
    docx = docx.add_paragraph(spacer()).add_table(signature(document));
    for block in &document.annex {
        docx = add_block(docx, block);
    }
    package(docx.build()).map_err(|error| DocxError(error.to_string()))
}

/// The package's parts in a ZIP container, in the order and under the names docx-rs gives them.
fn package(xml: XMLDocx) -> Result<Vec<u8>, ZipError> {
    let mut zip = ZipWriter::new();
    let props = &xml.doc_props;
    for (name, part) in [
        ("[Content_Types].xml", &xml.content_type),
        ("_rels/.rels", &xml.rels),
        ("docProps/app.xml", &props.app),
        ("docProps/core.xml", &props.core),
        ("docProps/custom.xml", &props.custom),
        ("word/_rels/document.xml.rels", &xml.document_rels),
        ("word/document.xml", &xml.document),
        ("word/styles.xml", &xml.styles),
        ("word/settings.xml", &xml.settings),
        ("word/fontTable.xml", &xml.font_table),
        ("word/comments.xml", &xml.comments),
        ("word/numbering.xml", &xml.numberings),
        ("word/commentsExtended.xml", &xml.comments_extended),
        ("word/footnotes.xml", &xml.footnotes),
    ] {
        zip.add(name, part)?;
    }
    for (kind, parts, rels) in [
        ("header", &xml.headers, &xml.header_rels),
        ("footer", &xml.footers, &xml.footer_rels),
    ] {
        for (index, part) in parts.iter().enumerate() {
            let number = index + 1;
            zip.add(&format!("word/{kind}{number}.xml"), part)?;
            if let Some(rel) = rels.get(index) {
                zip.add(&format!("word/_rels/{kind}{number}.xml.rels"), rel)?;
            }
        }
    }
    zip.finish()
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(l::FONT)
        .hi_ansi(l::FONT)
        .cs(l::FONT)
        .east_asia(l::FONT)
}

fn body_style() -> Style {
    Style::new(BODY_STYLE, StyleType::Paragraph)
        .name("PKM Body")
        .based_on("Normal")
        .size(l::BODY_SIZE)
        .fonts(fonts())
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(l::FIRST_LINE_INDENT)),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().after(l::PARAGRAPH_AFTER).line(276))
}

fn heading_style() -> Style {
    Style::new(HEADING_STYLE, StyleType::Paragraph)
        .name("PKM Heading")
        .based_on("Normal")
        .next(BODY_STYLE)
        .size(l::BODY_SIZE)
        .fonts(fonts())
        .bold()
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(l::FIRST_LINE_INDENT)),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().before(120).after(l::PARAGRAPH_AFTER))
}

fn table_style() -> Style {
    Style::new(TABLE_STYLE, StyleType::Paragraph)
        .name("PKM Table Text")
        .based_on("Normal")
        .size(l::TABLE_SIZE)
        .fonts(fonts())
        .line_spacing(LineSpacing::new().before(20).after(20))
}

/// The header of pages 2 and on: the page number, centred.
fn page_number_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().size(l::SMALL_SIZE))
            .add_page_num(PageNum::new()),
    )
}

fn clean(text: &str) -> String {
    strip_invalid(text)
}

/// A run of text in a size, with no extra formatting.
fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(clean(text)).size(size).fonts(fonts())
}

fn paragraph(align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .align(align)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

fn centered_bold(text: &str, size: usize) -> Paragraph {
    paragraph(AlignmentType::Center).add_run(run(text, size).bold())
}

fn spacer() -> Paragraph {
    paragraph(AlignmentType::Left).add_run(run("", l::SMALL_SIZE))
}

/// A centred line `length` twips long: a tiny empty paragraph with a bottom border, indented
/// from both sides of its column (`column` twips wide when inside a table, else the text width).
fn short_line_in(length: u32, column: u32) -> Paragraph {
    let side = i32::try_from(column.saturating_sub(length) / 2).unwrap_or(0);
    let mut line = paragraph(AlignmentType::Center)
        .indent(Some(side), None, Some(side), None)
        .add_run(Run::new().size(4));
    line.property = line.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6)
                .space(1)
                .color("000000"),
        ),
    );
    line
}

fn short_line(length: u32) -> Paragraph {
    short_line_in(length, l::TEXT_WIDTH)
}

/// The columns of the header and signature tables: 44 % and 56 % of the text width (a ward's
/// name in capitals fits the left one at 12 pt, the national name the right one).
const LEFT: u32 = l::TEXT_WIDTH * 44 / 100;
const RIGHT: u32 = l::TEXT_WIDTH - LEFT;

fn cell(width: u32, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width as usize, WidthType::Dxa)
}

fn borderless(rows: Vec<TableRow>) -> Table {
    Table::without_borders(rows)
        .set_grid(vec![LEFT as usize, RIGHT as usize])
        .width(l::TEXT_WIDTH as usize, WidthType::Dxa)
        .indent(0)
}

/// An estimate of a line's width in twips, in Times New Roman at `size` half points (about half
/// an em a letter): the length of the lines drawn under the issuer and the motto.
fn text_width(text: &str, size: usize, bold: bool) -> u32 {
    let letters = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    let per_letter = if bold { 9 } else { 8 } * size as u32 / 2;
    letters.saturating_mul(per_letter)
}

/// The two-column header block (Phụ lục I, items 1 to 5): issuing body and number on the left,
/// the nation, the motto and the place and date on the right.
fn letterhead(document: &Document) -> Table {
    let issuer_line = (text_width(&document.issuer, l::UNIT_SIZE, true) / 3).clamp(900, LEFT / 2);
    let motto_line = text_width(text::MOTTO, l::BODY_SIZE, true).min(RIGHT);
    let left = vec![
        centered(&document.parent_unit, l::UNIT_SIZE),
        centered_bold(&document.issuer, l::UNIT_SIZE),
        short_line_in(issuer_line, LEFT),
    ];
    let right = vec![
        centered_bold(text::NATION, l::UNIT_SIZE),
        centered_bold(text::MOTTO, l::BODY_SIZE),
        short_line_in(motto_line, RIGHT),
    ];
    let number = vec![spaced(centered(&document.number, l::SMALL_SIZE))];
    let date = vec![spaced(
        paragraph(AlignmentType::Center).add_run(run(&document.place_date, l::BODY_SIZE).italic()),
    )];
    borderless(vec![
        TableRow::new(vec![cell(LEFT, left), cell(RIGHT, right)]),
        TableRow::new(vec![cell(LEFT, number), cell(RIGHT, date)]),
    ])
}

fn centered(text: &str, size: usize) -> Paragraph {
    paragraph(AlignmentType::Center).add_run(run(text, size))
}

fn spaced(paragraph: Paragraph) -> Paragraph {
    paragraph.line_spacing(LineSpacing::new().before(120).after(0))
}

/// Paragraphs of a text in a style, one per line.
fn styled(text: &str, style: &str) -> Vec<Paragraph> {
    text.split('\n')
        .map(|line| {
            Paragraph::new()
                .style(style)
                .add_run(Run::new().add_text(clean(line)))
        })
        .collect()
}

fn add_block(docx: Docx, block: &Block) -> Docx {
    match block {
        Block::Heading(line) => styled(line, HEADING_STYLE)
            .into_iter()
            .fold(docx, |docx, p| docx.add_paragraph(p.keep_next(true))),
        Block::Paragraph(line) => styled(line, BODY_STYLE)
            .into_iter()
            .fold(docx, Docx::add_paragraph),
        Block::Centered(line) => docx.add_paragraph(
            centered_bold(line, l::BODY_SIZE)
                .line_spacing(LineSpacing::new().before(120).after(l::PARAGRAPH_AFTER)),
        ),
        Block::Table(table) => docx
            .add_table(body_table(table))
            .add_paragraph(paragraph(AlignmentType::Left).add_run(run("", 8))),
        Block::PageBreak => {
            docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
        }
    }
}

/// A body table: bordered, the header row bold and centred, widths shared out by weight.
fn body_table(table: &DocTable) -> Table {
    let total: u32 = table.widths.iter().sum::<u32>().max(1);
    let widths: Vec<usize> = table
        .widths
        .iter()
        .map(|weight| (u64::from(l::TEXT_WIDTH) * u64::from(*weight) / u64::from(total)) as usize)
        .collect();
    let width_of = |index: usize| widths.get(index).copied().unwrap_or(0);
    let header = TableRow::new(
        table
            .columns
            .iter()
            .enumerate()
            .map(|(index, title)| table_cell(width_of(index), title, true, AlignmentType::Center))
            .collect(),
    )
    .cant_split();
    let last = table.rows.len().saturating_sub(1);
    let mut rows = vec![header];
    for (row_index, row) in table.rows.iter().enumerate() {
        let bold = table.total_row && row_index == last;
        rows.push(TableRow::new(
            row.iter()
                .enumerate()
                .map(|(index, text)| table_cell(width_of(index), text, bold, AlignmentType::Left))
                .collect(),
        ));
    }
    Table::new(rows)
        .set_grid(widths)
        .width(l::TEXT_WIDTH as usize, WidthType::Dxa)
}

fn table_cell(width: usize, text: &str, bold: bool, align: AlignmentType) -> TableCell {
    let paragraphs = text.split('\n').map(|line| {
        let run = Run::new().add_text(clean(line));
        Paragraph::new()
            .style(TABLE_STYLE)
            .align(align)
            .add_run(if bold { run.bold() } else { run })
    });
    paragraphs
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
}

/// A signer's block: the title lines bold, the hint in italics, room to sign, the name bold.
fn signer_paragraphs(signer: &Signer) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = signer
        .title
        .iter()
        .map(|line| centered_bold(line, l::BODY_SIZE))
        .collect();
    if !signer.hint.is_empty() {
        paragraphs.push(
            paragraph(AlignmentType::Center).add_run(run(&signer.hint, l::SMALL_SIZE).italic()),
        );
    }
    for _ in 0..4 {
        paragraphs.push(spacer());
    }
    paragraphs.push(centered_bold(&signer.name, l::BODY_SIZE));
    paragraphs
}

/// "Nơi nhận:" in bold italics (12 pt), then the list (11 pt); nothing without recipients.
fn recipient_paragraphs(recipients: &[String]) -> Vec<Paragraph> {
    if recipients.is_empty() {
        return Vec::new();
    }
    let mut paragraphs = vec![
        paragraph(AlignmentType::Left).add_run(
            run(text::RECIPIENTS, l::RECIPIENTS_TITLE_SIZE)
                .bold()
                .italic(),
        ),
    ];
    paragraphs.extend(
        recipients
            .iter()
            .map(|line| paragraph(AlignmentType::Left).add_run(run(line, l::RECIPIENTS_SIZE))),
    );
    paragraphs
}

/// The signature block: "Nơi nhận" (or a first signer) on the left, the signer on the right.
fn signature(document: &Document) -> Table {
    let (left, right) = match document.signers.as_slice() {
        [first, second, ..] => (signer_paragraphs(first), signer_paragraphs(second)),
        [only] => (
            recipient_paragraphs(&document.recipients),
            signer_paragraphs(only),
        ),
        [] => (recipient_paragraphs(&document.recipients), vec![spacer()]),
    };
    let left = if left.is_empty() {
        vec![spacer()]
    } else {
        left
    };
    borderless(vec![
        TableRow::new(vec![cell(LEFT, left), cell(RIGHT, right)]).cant_split(),
    ])
}
