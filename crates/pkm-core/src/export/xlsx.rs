//! A minimal Office Open XML (ECMA-376) spreadsheet writer: a [`Workbook`] of named [`Sheet`]s, each
//! a list of rows of [`Cell`]s (text or number, with one of a few [`Style`]s), optional column widths
//! and frozen header rows, written as a `.xlsx` file (a ZIP of XML parts) in memory.
//!
//! Parts written: `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml`, `xl/workbook.xml`,
//! `xl/_rels/workbook.xml.rels`, `xl/styles.xml`, `xl/sharedStrings.xml` and
//! `xl/worksheets/sheetN.xml`. Text goes into the shared strings table (the form every reader
//! supports), escaped, with characters XML cannot carry removed. Output is deterministic: the same
//! workbook always gives the same bytes.
//!
//! Excel's limits are respected: sheet names are made valid ([`sanitize_sheet_name`]) and unique,
//! text longer than [`MAX_CELL_CHARS`] is cut, and a sheet with more than [`MAX_ROWS`] rows or
//! [`MAX_COLUMNS`] columns is refused with [`XlsxError`].

use std::collections::{BTreeMap, BTreeSet};

use crate::format::{int_en, int_vi};

use super::xml::{escape, protect_office_escapes, strip_invalid};
use super::zip::{ZipError, ZipWriter};

/// The most rows a sheet can have (Excel 2007 and later).
pub const MAX_ROWS: usize = 1_048_576;
/// The most columns a sheet can have (`XFD`).
pub const MAX_COLUMNS: usize = 16_384;
/// The most characters (UTF-16 code units) a cell can hold; longer text is cut.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The longest sheet name, in UTF-16 code units.
pub const MAX_SHEET_NAME_CHARS: usize = 31;

/// Why a workbook could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XlsxError {
    /// A sheet has more than [`MAX_ROWS`] rows.
    #[error("sheet {sheet:?} has more than {MAX_ROWS} rows")]
    TooManyRows {
        /// The sheet's name.
        sheet: String,
    },
    /// A sheet has more than [`MAX_COLUMNS`] columns.
    #[error("sheet {sheet:?} has more than {MAX_COLUMNS} columns")]
    TooManyColumns {
        /// The sheet's name.
        sheet: String,
    },
    /// The archive could not be written.
    #[error(transparent)]
    Zip(#[from] ZipError),
}

impl XlsxError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            XlsxError::TooManyRows { sheet } => {
                format!(
                    "Trang “{sheet}” có quá {} dòng, Excel không mở được.",
                    int_vi(MAX_ROWS as i64)
                )
            }
            XlsxError::TooManyColumns { sheet } => {
                format!(
                    "Trang “{sheet}” có quá {} cột, Excel không mở được.",
                    int_vi(MAX_COLUMNS as i64)
                )
            }
            XlsxError::Zip(_) => "Tệp Excel quá lớn, không thể tạo được.".to_string(),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            XlsxError::TooManyRows { sheet } => {
                format!(
                    "Sheet “{sheet}” has more than {} rows; Excel cannot open it.",
                    int_en(MAX_ROWS as i64)
                )
            }
            XlsxError::TooManyColumns { sheet } => {
                format!(
                    "Sheet “{sheet}” has more than {} columns; Excel cannot open it.",
                    int_en(MAX_COLUMNS as i64)
                )
            }
            XlsxError::Zip(_) => "The Excel file would be too large to write.".to_string(),
        }
    }
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// Nothing.
    #[default]
    Empty,
    /// Text.
    Text(String),
    /// A number. Non-finite numbers (NaN, infinities) are written as empty cells.
    Number(f64),
}

/// How a cell looks. Every style uses the workbook's default font (Calibri 11, which has every
/// Vietnamese letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Style {
    /// The default look; numbers as Excel's "General".
    #[default]
    Plain,
    /// Bold text (headers).
    Bold,
    /// Text wrapped inside the column's width, aligned to the top.
    Wrap,
    /// Bold and wrapped (headers of narrow columns).
    BoldWrap,
    /// A number with one decimal (`0.0`).
    Decimal,
    /// A fraction shown as a percentage with one decimal (`0.0%`: 0.5 shows as 50.0%).
    Percent,
}

impl Style {
    /// Every style, in the order of the `cellXfs` of `xl/styles.xml` (the index is the cell's `s`).
    pub const ALL: [Style; 6] = [
        Style::Plain,
        Style::Bold,
        Style::Wrap,
        Style::BoldWrap,
        Style::Decimal,
        Style::Percent,
    ];

    fn index(self) -> usize {
        match self {
            Style::Plain => 0,
            Style::Bold => 1,
            Style::Wrap => 2,
            Style::BoldWrap => 3,
            Style::Decimal => 4,
            Style::Percent => 5,
        }
    }
}

/// One cell: a value and a style.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// What it holds.
    pub value: Value,
    /// How it looks.
    pub style: Style,
}

impl Cell {
    /// An empty cell.
    pub fn empty() -> Cell {
        Cell::default()
    }

    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            value: Value::Text(text.into()),
            style: Style::Plain,
        }
    }

    /// A number cell.
    pub fn number(number: f64) -> Cell {
        Cell {
            value: Value::Number(number),
            style: Style::Plain,
        }
    }

    /// A number cell from a count.
    pub fn count(count: usize) -> Cell {
        Cell::number(count as f64)
    }

    /// A number cell, or an empty one for `None`.
    pub fn number_or_empty(number: Option<f64>) -> Cell {
        number.map_or_else(Cell::empty, Cell::number)
    }

    /// The same cell with another style.
    pub fn with_style(self, style: Style) -> Cell {
        Cell { style, ..self }
    }

    /// The same cell in bold.
    pub fn bold(self) -> Cell {
        self.with_style(Style::Bold)
    }

    /// The text, if a text cell.
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The number, if a number cell.
    pub fn as_number(&self) -> Option<f64> {
        match self.value {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::text(text)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::text(text)
    }
}

impl From<f64> for Cell {
    fn from(number: f64) -> Cell {
        Cell::number(number)
    }
}

impl From<usize> for Cell {
    fn from(count: usize) -> Cell {
        Cell::count(count)
    }
}

/// Makes a sheet name valid for Excel: characters `[ ] : * ? / \` become `_`, characters XML
/// cannot carry and other control characters are dropped, apostrophes are trimmed from both ends,
/// the name is cut to [`MAX_SHEET_NAME_CHARS`] UTF-16 code units, an empty name becomes "Sheet" and
/// the reserved "History" becomes "History_".
pub fn sanitize_sheet_name(name: &str) -> String {
    let replaced: String = strip_invalid(name)
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c => c,
        })
        .collect();
    let trimmed = replaced.trim_matches('\'');
    let mut cut = cut_utf16(trimmed, MAX_SHEET_NAME_CHARS);
    // Cutting may leave an apostrophe at the end.
    while cut.ends_with('\'') {
        cut.pop();
    }
    if cut.trim().is_empty() {
        return "Sheet".to_string();
    }
    if cut.eq_ignore_ascii_case("history") {
        cut.push('_');
    }
    cut
}

/// Cuts text to at most `limit` UTF-16 code units, at a character boundary.
fn cut_utf16(text: &str, limit: usize) -> String {
    let mut units = 0;
    let mut cut = String::with_capacity(text.len().min(limit * 4));
    for c in text.chars() {
        units += c.len_utf16();
        if units > limit {
            break;
        }
        cut.push(c);
    }
    cut
}

/// The letters of a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`, 16,383 → `XFD`.
pub fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = index + 1;
    while rest > 0 {
        let remainder = (rest - 1) % 26;
        letters.push(b'A' + remainder as u8);
        rest = (rest - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell reference from 0-based row and column: (0, 0) → `A1`.
pub fn cell_reference(row: usize, column: usize) -> String {
    format!("{}{}", column_letters(column), row + 1)
}

/// One worksheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    name: String,
    rows: Vec<Vec<Cell>>,
    widths: BTreeMap<usize, f64>,
    heights: BTreeMap<usize, f64>,
    merges: Vec<(usize, usize, usize, usize)>,
    frozen_rows: usize,
}

impl Sheet {
    /// An empty sheet; the name is made valid with [`sanitize_sheet_name`].
    pub fn new(name: &str) -> Sheet {
        Sheet {
            name: sanitize_sheet_name(name),
            ..Sheet::default()
        }
    }

    /// The sheet's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rows.
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// Adds a row.
    pub fn push_row(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Adds an empty row.
    pub fn push_blank_row(&mut self) {
        self.rows.push(Vec::new());
    }

    /// Adds a row of bold, wrapped titles.
    pub fn push_header<T: Into<String>>(&mut self, titles: impl IntoIterator<Item = T>) {
        self.rows.push(
            titles
                .into_iter()
                .map(|title| Cell::text(title).with_style(Style::BoldWrap))
                .collect(),
        );
    }

    /// Sets the width of a 0-based column, in characters of the default font.
    pub fn set_column_width(&mut self, column: usize, width: f64) {
        if width.is_finite() && width > 0.0 {
            self.widths.insert(column, width.min(255.0));
        }
    }

    /// Sets the height of a 0-based row, in points (a row is 15 points by default; without a set
    /// height, spreadsheet programs fit the row to wrapped text, except in merged cells).
    pub fn set_row_height(&mut self, row: usize, points: f64) {
        if points.is_finite() && points > 0.0 {
            self.heights.insert(row, points.min(409.0));
        }
    }

    /// Merges the cells from (`first_row`, `first_column`) to (`last_row`, `last_column`), all
    /// 0-based and inclusive; the top-left cell's value shows across the range. Empty or
    /// single-cell ranges are ignored.
    pub fn merge_cells(
        &mut self,
        first_row: usize,
        first_column: usize,
        last_row: usize,
        last_column: usize,
    ) {
        if last_row >= first_row
            && last_column >= first_column
            && (last_row, last_column) != (first_row, first_column)
        {
            self.merges
                .push((first_row, first_column, last_row, last_column));
        }
    }

    /// Keeps the first `rows` rows in view while scrolling (0: none).
    pub fn freeze_rows(&mut self, rows: usize) {
        self.frozen_rows = rows;
    }

    fn check(&self) -> Result<(), XlsxError> {
        let deepest_set = [
            self.heights.keys().next_back().map_or(0, |last| last + 1),
            self.merges
                .iter()
                .map(|merge| merge.2 + 1)
                .max()
                .unwrap_or(0),
        ];
        if self.rows.len().max(deepest_set[0]).max(deepest_set[1]) > MAX_ROWS {
            return Err(XlsxError::TooManyRows {
                sheet: self.name.clone(),
            });
        }
        let widest = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widest_set = self.widths.keys().next_back().map_or(0, |last| last + 1);
        let widest_merge = self
            .merges
            .iter()
            .map(|merge| merge.3 + 1)
            .max()
            .unwrap_or(0);
        if widest.max(widest_set).max(widest_merge) > MAX_COLUMNS {
            return Err(XlsxError::TooManyColumns {
                sheet: self.name.clone(),
            });
        }
        Ok(())
    }

    fn xml(&self, strings: &mut SharedStrings, selected: bool) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let dimension = if self.rows.is_empty() || columns == 0 {
            "A1".to_string()
        } else {
            format!(
                "A1:{}",
                cell_reference(self.rows.len() - 1, columns.saturating_sub(1))
            )
        };
        let mut xml = String::from(XML_DECLARATION);
        xml.push_str(&format!(
            "<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{RELATIONSHIPS_NS}\"><dimension ref=\"{dimension}\"/>"
        ));
        xml.push_str("<sheetViews><sheetView");
        if selected {
            xml.push_str(" tabSelected=\"1\"");
        }
        xml.push_str(" workbookViewId=\"0\"");
        if self.frozen_rows > 0 && self.frozen_rows < MAX_ROWS {
            let top = cell_reference(self.frozen_rows, 0);
            xml.push_str(&format!(
                "><pane ySplit=\"{}\" topLeftCell=\"{top}\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"{top}\" sqref=\"{top}\"/></sheetView>",
                self.frozen_rows
            ));
        } else {
            xml.push_str("/>");
        }
        xml.push_str("</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
        if !self.widths.is_empty() {
            xml.push_str("<cols>");
            for (column, width) in &self.widths {
                xml.push_str(&format!(
                    "<col min=\"{0}\" max=\"{0}\" width=\"{width}\" customWidth=\"1\"/>",
                    column + 1
                ));
            }
            xml.push_str("</cols>");
        }
        xml.push_str("<sheetData>");
        for (row_index, row) in self.rows.iter().enumerate() {
            match self.heights.get(&row_index) {
                Some(height) => xml.push_str(&format!(
                    "<row r=\"{}\" ht=\"{height}\" customHeight=\"1\">",
                    row_index + 1
                )),
                None => xml.push_str(&format!("<row r=\"{}\">", row_index + 1)),
            }
            for (column_index, cell) in row.iter().enumerate() {
                cell_xml(
                    &mut xml,
                    &cell_reference(row_index, column_index),
                    cell,
                    strings,
                );
            }
            xml.push_str("</row>");
        }
        xml.push_str("</sheetData>");
        if !self.merges.is_empty() {
            xml.push_str(&format!("<mergeCells count=\"{}\">", self.merges.len()));
            for (first_row, first_column, last_row, last_column) in &self.merges {
                xml.push_str(&format!(
                    "<mergeCell ref=\"{}:{}\"/>",
                    cell_reference(*first_row, *first_column),
                    cell_reference(*last_row, *last_column)
                ));
            }
            xml.push_str("</mergeCells>");
        }
        xml.push_str("</worksheet>");
        xml
    }
}

fn cell_xml(xml: &mut String, reference: &str, cell: &Cell, strings: &mut SharedStrings) {
    let style = match cell.style.index() {
        0 => String::new(),
        index => format!(" s=\"{index}\""),
    };
    match &cell.value {
        Value::Text(text) if !text.is_empty() => {
            let index = strings.index(text);
            xml.push_str(&format!(
                "<c r=\"{reference}\"{style} t=\"s\"><v>{index}</v></c>"
            ));
        }
        Value::Number(number) if number.is_finite() => {
            xml.push_str(&format!("<c r=\"{reference}\"{style}><v>{number}</v></c>"));
        }
        _ if !style.is_empty() => xml.push_str(&format!("<c r=\"{reference}\"{style}/>")),
        _ => {}
    }
}

/// The shared strings table: each distinct text once, in order of first use.
#[derive(Default)]
struct SharedStrings {
    indexes: BTreeMap<String, usize>,
    texts: Vec<String>,
    uses: usize,
}

impl SharedStrings {
    fn index(&mut self, text: &str) -> usize {
        self.uses += 1;
        if let Some(index) = self.indexes.get(text) {
            return *index;
        }
        let index = self.texts.len();
        self.indexes.insert(text.to_string(), index);
        self.texts.push(text.to_string());
        index
    }

    fn xml(&self) -> String {
        let mut xml = String::from(XML_DECLARATION);
        xml.push_str(&format!(
            "<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.texts.len()
        ));
        for text in &self.texts {
            let kept = cut_utf16(&strip_invalid(text), MAX_CELL_CHARS);
            xml.push_str("<si><t xml:space=\"preserve\">");
            xml.push_str(&escape(&protect_office_escapes(&kept)));
            xml.push_str("</t></si>");
        }
        xml.push_str("</sst>");
        xml
    }
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS_NS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS_NS: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_DOCUMENT_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const CORE_PROPERTIES_REL: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const WORKSHEET_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const STYLES_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const SHARED_STRINGS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

const STYLES_XML: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"0.0\"/>",
    "<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/></numFmts>",
    "<fonts count=\"2\">",
    "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
    "</fonts>",
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>",
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    "<cellXfs count=\"6\">",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">",
    "<alignment vertical=\"top\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">",
    "<alignment vertical=\"top\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "</cellXfs>",
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    "</styleSheet>"
);

/// A workbook: sheets in order, plus a title and an author for the file's properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    sheets: Vec<Sheet>,
    title: String,
    creator: String,
}

impl Workbook {
    /// An empty workbook.
    pub fn new() -> Workbook {
        Workbook::default()
    }

    /// Sets the document title (shown in the file's properties).
    pub fn set_title(&mut self, title: impl Into<String>) {
        self.title = title.into();
    }

    /// Sets the author (shown in the file's properties).
    pub fn set_creator(&mut self, creator: impl Into<String>) {
        self.creator = creator.into();
    }

    /// The sheets, in order.
    pub fn sheets(&self) -> &[Sheet] {
        &self.sheets
    }

    /// Adds a sheet after the others and returns its name, which gets a suffix (" (2)", " (3)", …)
    /// when another sheet already has it (Excel compares names ignoring case).
    pub fn add_sheet(&mut self, mut sheet: Sheet) -> &str {
        let taken: BTreeSet<String> = self
            .sheets
            .iter()
            .map(|sheet| sheet.name.to_lowercase())
            .collect();
        if taken.contains(&sheet.name.to_lowercase()) {
            let base = sheet.name.clone();
            for number in 2.. {
                let suffix = format!(" ({number})");
                let candidate = format!(
                    "{}{suffix}",
                    cut_utf16(&base, MAX_SHEET_NAME_CHARS.saturating_sub(suffix.len()))
                );
                if !taken.contains(&candidate.to_lowercase()) {
                    sheet.name = candidate;
                    break;
                }
            }
        }
        self.sheets.push(sheet);
        self.sheets
            .last()
            .map(|sheet| sheet.name.as_str())
            .unwrap_or_default()
    }

    /// Writes the `.xlsx` file. A workbook without sheets gets one empty sheet, as Excel needs one.
    pub fn to_bytes(&self) -> Result<Vec<u8>, XlsxError> {
        let blank;
        let sheets: &[Sheet] = if self.sheets.is_empty() {
            blank = [Sheet::new("Sheet1")];
            &blank
        } else {
            &self.sheets
        };
        for sheet in sheets {
            sheet.check()?;
        }
        let mut strings = SharedStrings::default();
        let sheet_xml: Vec<String> = sheets
            .iter()
            .enumerate()
            .map(|(index, sheet)| sheet.xml(&mut strings, index == 0))
            .collect();
        let mut zip = ZipWriter::new();
        zip.add(
            "[Content_Types].xml",
            content_types(sheets.len()).as_bytes(),
        )?;
        zip.add("_rels/.rels", package_relationships().as_bytes())?;
        zip.add("docProps/core.xml", self.core_properties().as_bytes())?;
        zip.add("xl/workbook.xml", workbook_xml(sheets).as_bytes())?;
        zip.add(
            "xl/_rels/workbook.xml.rels",
            workbook_relationships(sheets.len()).as_bytes(),
        )?;
        zip.add("xl/styles.xml", STYLES_XML.as_bytes())?;
        zip.add("xl/sharedStrings.xml", strings.xml().as_bytes())?;
        for (index, xml) in sheet_xml.iter().enumerate() {
            zip.add(
                &format!("xl/worksheets/sheet{}.xml", index + 1),
                xml.as_bytes(),
            )?;
        }
        Ok(zip.finish()?)
    }

    fn core_properties(&self) -> String {
        let mut xml = String::from(XML_DECLARATION);
        xml.push_str(concat!(
            "<cp:coreProperties ",
            "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" ",
            "xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" ",
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        ));
        if !self.title.is_empty() {
            xml.push_str(&format!("<dc:title>{}</dc:title>", escape(&self.title)));
        }
        if !self.creator.is_empty() {
            xml.push_str(&format!(
                "<dc:creator>{}</dc:creator>",
                escape(&self.creator)
            ));
        }
        xml.push_str("</cp:coreProperties>");
        xml
    }
}

fn content_types(sheets: usize) -> String {
    let mut xml = String::from(XML_DECLARATION);
    xml.push_str(concat!(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>",
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    ));
    for number in 1..=sheets {
        xml.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{number}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
    }
    xml.push_str("</Types>");
    xml
}

fn package_relationships() -> String {
    format!(
        "{XML_DECLARATION}<Relationships xmlns=\"{PACKAGE_RELATIONSHIPS_NS}\"><Relationship Id=\"rId1\" Type=\"{OFFICE_DOCUMENT_REL}\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\"{CORE_PROPERTIES_REL}\" Target=\"docProps/core.xml\"/></Relationships>"
    )
}

fn workbook_xml(sheets: &[Sheet]) -> String {
    let mut xml = String::from(XML_DECLARATION);
    xml.push_str(&format!(
        "<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{RELATIONSHIPS_NS}\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    ));
    for (index, sheet) in sheets.iter().enumerate() {
        xml.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{1}\" r:id=\"rId{1}\"/>",
            escape(&sheet.name),
            index + 1
        ));
    }
    xml.push_str("</sheets></workbook>");
    xml
}

fn workbook_relationships(sheets: usize) -> String {
    let mut xml = String::from(XML_DECLARATION);
    xml.push_str(&format!(
        "<Relationships xmlns=\"{PACKAGE_RELATIONSHIPS_NS}\">"
    ));
    for number in 1..=sheets {
        xml.push_str(&format!(
            "<Relationship Id=\"rId{number}\" Type=\"{WORKSHEET_REL}\" Target=\"worksheets/sheet{number}.xml\"/>"
        ));
    }
    xml.push_str(&format!(
        "<Relationship Id=\"rId{}\" Type=\"{STYLES_REL}\" Target=\"styles.xml\"/><Relationship Id=\"rId{}\" Type=\"{SHARED_STRINGS_REL}\" Target=\"sharedStrings.xml\"/></Relationships>",
        sheets + 1,
        sheets + 2
    ));
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries of a stored ZIP, read from its central directory.
    fn entries(bytes: &[u8]) -> Vec<(String, String)> {
        let u16_at = |at: usize| usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
        let u32_at = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
        };
        let end = bytes.len() - 22;
        let mut at = u32_at(end + 16);
        let mut found = Vec::new();
        for _ in 0..u16_at(end + 10) {
            let size = u32_at(at + 24);
            let name_length = u16_at(at + 28);
            let local = u32_at(at + 42);
            let name = String::from_utf8(bytes[at + 46..at + 46 + name_length].to_vec()).unwrap();
            let data_at = local + 30 + u16_at(local + 26);
            let text = String::from_utf8(bytes[data_at..data_at + size].to_vec()).unwrap();
            found.push((name, text));
            at += 46 + name_length;
        }
        found
    }

    fn part(bytes: &[u8], name: &str) -> String {
        entries(bytes)
            .into_iter()
            .find(|(entry, _)| entry == name)
            .map(|(_, text)| text)
            .unwrap_or_else(|| panic!("no {name}"))
    }

    #[test]
    fn column_letters_follow_excel() {
        let cases = [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
            (16_383, "XFD"),
        ];
        for (index, letters) in cases {
            assert_eq!(column_letters(index), letters);
        }
        assert_eq!(cell_reference(0, 0), "A1");
        assert_eq!(cell_reference(9, 27), "AB10");
    }

    #[test]
    fn sheet_names_are_made_valid() {
        let (emoji_16, emoji_15) = ("\u{1F600}".repeat(16), "\u{1F600}".repeat(15));
        let cases = [
            ("Tổng hợp", "Tổng hợp"),
            ("a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h"),
            ("'quoted'", "quoted"),
            ("", "Sheet"),
            ("   ", "Sheet"),
            ("tab\there", "tabhere"),
            ("History", "History_"),
            (
                "Một tên trang rất dài vượt quá ba mươi mốt ký tự",
                "Một tên trang rất dài vượt quá ",
            ),
            (emoji_16.as_str(), emoji_15.as_str()),
        ];
        for (name, expected) in cases {
            let sanitized = sanitize_sheet_name(name);
            assert_eq!(sanitized, expected, "{name:?}");
            assert!(sanitized.encode_utf16().count() <= MAX_SHEET_NAME_CHARS);
        }
    }

    #[test]
    fn duplicate_sheet_names_get_a_number() {
        let mut workbook = Workbook::new();
        assert_eq!(workbook.add_sheet(Sheet::new("Ma trận")), "Ma trận");
        assert_eq!(workbook.add_sheet(Sheet::new("MA TRẬN")), "MA TRẬN (2)");
        assert_eq!(workbook.add_sheet(Sheet::new("Data")), "Data");
        assert_eq!(workbook.add_sheet(Sheet::new("data")), "data (2)");
        assert_eq!(workbook.add_sheet(Sheet::new("DATA")), "DATA (3)");
        let long = "x".repeat(31);
        assert_eq!(workbook.add_sheet(Sheet::new(&long)), long);
        assert_eq!(
            workbook.add_sheet(Sheet::new(&long)),
            format!("{} (2)", "x".repeat(27))
        );
    }

    #[test]
    fn writes_every_part_and_escapes_text() {
        let mut workbook = Workbook::new();
        workbook.set_title("Báo cáo <năm> 2024");
        let mut sheet = Sheet::new("Tổng hợp");
        sheet.push_header(["Tên", "Số"]);
        sheet.push_row(vec![
            Cell::text("Công an phường <script>&\"'\u{1}"),
            Cell::number(14.0),
        ]);
        sheet.push_row(vec![
            Cell::text("Công an phường <script>&\"'\u{1}"),
            Cell::number(f64::NAN),
        ]);
        sheet.set_column_width(0, 40.0);
        sheet.freeze_rows(1);
        workbook.add_sheet(sheet);
        let bytes = workbook.to_bytes().unwrap();
        let names: Vec<String> = entries(&bytes).into_iter().map(|(name, _)| name).collect();
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
                "xl/worksheets/sheet1.xml"
            ]
        );
        let strings = part(&bytes, "xl/sharedStrings.xml");
        assert!(
            strings.contains("count=\"4\" uniqueCount=\"3\""),
            "{strings}"
        );
        assert!(strings.contains(
            "<si><t xml:space=\"preserve\">Công an phường &lt;script&gt;&amp;&quot;&apos;</t></si>"
        ));
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("<dimension ref=\"A1:B3\"/>"));
        assert!(
            sheet.contains("<c r=\"A1\" s=\"3\" t=\"s\"><v>0</v></c>"),
            "{sheet}"
        );
        assert!(sheet.contains("<c r=\"B2\"><v>14</v></c>"));
        assert!(
            sheet.contains("<c r=\"A3\" t=\"s\"><v>2</v></c></row>"),
            "NaN is left empty"
        );
        assert!(sheet.contains("<col min=\"1\" max=\"1\" width=\"40\" customWidth=\"1\"/>"));
        assert!(sheet.contains("state=\"frozen\""));
        assert!(
            part(&bytes, "docProps/core.xml")
                .contains("<dc:title>Báo cáo &lt;năm&gt; 2024</dc:title>")
        );
        assert!(
            part(&bytes, "xl/workbook.xml")
                .contains("<sheet name=\"Tổng hợp\" sheetId=\"1\" r:id=\"rId1\"/>")
        );
        assert!(part(&bytes, "xl/_rels/workbook.xml.rels").contains("Id=\"rId3\""));
    }

    #[test]
    fn an_empty_workbook_still_has_a_sheet() {
        let bytes = Workbook::new().to_bytes().unwrap();
        assert!(part(&bytes, "xl/workbook.xml").contains("<sheet name=\"Sheet1\""));
    }

    #[test]
    fn long_text_is_cut_to_excels_limit() {
        let mut sheet = Sheet::new("x");
        sheet.push_row(vec![Cell::text("ư".repeat(MAX_CELL_CHARS + 10))]);
        let mut workbook = Workbook::new();
        workbook.add_sheet(sheet);
        let strings = part(&workbook.to_bytes().unwrap(), "xl/sharedStrings.xml");
        assert_eq!(strings.matches('ư').count(), MAX_CELL_CHARS);
    }

    #[test]
    fn too_many_rows_are_refused() {
        let mut sheet = Sheet::new("long");
        for _ in 0..=MAX_ROWS {
            sheet.push_blank_row();
        }
        let mut workbook = Workbook::new();
        workbook.add_sheet(sheet);
        assert_eq!(
            workbook.to_bytes(),
            Err(XlsxError::TooManyRows {
                sheet: "long".to_string()
            })
        );
        assert!(
            XlsxError::TooManyRows {
                sheet: "long".to_string()
            }
            .message_vi()
            .contains("1.048.576")
        );
    }

    #[test]
    fn merged_cells_and_row_heights_are_written() {
        let mut sheet = Sheet::new("m");
        sheet.push_row(vec![Cell::text("Đoạn văn").with_style(Style::Wrap)]);
        sheet.merge_cells(0, 0, 0, 3);
        sheet.merge_cells(1, 1, 1, 1);
        sheet.set_row_height(0, 48.0);
        let mut workbook = Workbook::new();
        workbook.add_sheet(sheet);
        let xml = part(&workbook.to_bytes().unwrap(), "xl/worksheets/sheet1.xml");
        assert!(xml.contains("<row r=\"1\" ht=\"48\" customHeight=\"1\">"));
        assert!(xml.contains("<c r=\"A1\" s=\"2\" t=\"s\"><v>0</v></c>"));
        assert!(xml.ends_with(
            "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:D1\"/></mergeCells></worksheet>"
        ));
    }

    #[test]
    fn too_many_columns_are_refused() {
        let mut sheet = Sheet::new("wide");
        sheet.push_row(vec![Cell::empty(); MAX_COLUMNS + 1]);
        let mut workbook = Workbook::new();
        workbook.add_sheet(sheet);
        assert_eq!(
            workbook.to_bytes(),
            Err(XlsxError::TooManyColumns {
                sheet: "wide".to_string()
            })
        );
    }

    #[test]
    fn the_same_workbook_gives_the_same_bytes() {
        let make = || {
            let mut workbook = Workbook::new();
            let mut sheet = Sheet::new("a");
            sheet.push_row(vec![Cell::text("x"), Cell::count(3)]);
            workbook.add_sheet(sheet);
            workbook.to_bytes().unwrap()
        };
        assert_eq!(make(), make());
    }
}
