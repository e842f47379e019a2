//! The documents the offices file, as Nghị định 30/2020/NĐ-CP, Phụ lục I lays them out: the
//! ward's self-assessment report, the province's meeting report, the review meeting's minutes
//! and the proposal for recognition. Pure: a builder turns what the app already computes
//! (figures, the core's tables) and the fields a person fills in ([`DocumentFields`]) into a
//! [`Document`]; the app prints it, and [`docx::to_docx`] writes it as a Word file.
//!
//! - [`Document`], [`Block`], [`DocTable`], [`Signer`]: the model, with no layout in it.
//! - [`fields`]: the kinds of document, the fields a person fills in, the number and date lines.
//! - [`text`]: the fixed Vietnamese texts (documents are printed in Vietnamese only).
//! - [`ward_report`], [`meeting`], [`review`]: one builder per document.
//! - [`layout`]: the decree's page, margins, fonts and sizes; [`docx`]: the Word writer
//!   (`docx-rs`), which the app loads only when a document is made.

pub mod docx;
pub mod fields;
pub mod layout;
pub mod meeting;
pub mod review;
pub mod text;
pub mod ward_report;

pub use fields::{DocumentFields, DocumentKind};

use crate::export::tables::Table;
use crate::export::xlsx::Value;

/// A document ready to print or to write: the header block, the title, the body and the
/// signature block, all as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// What it is.
    pub kind: DocumentKind,
    /// The parent unit, in capitals, above the issuer ("BỘ CÔNG AN", "CÔNG AN TỈNH NGHỆ AN").
    pub parent_unit: String,
    /// The issuing unit, in capitals (printed bold with a short line under it).
    pub issuer: String,
    /// "Số: 12/BC-CAP".
    pub number: String,
    /// "Nghệ An, ngày 18 tháng 12 năm 2024" (printed in italics).
    pub place_date: String,
    /// The document type in capitals: "BÁO CÁO", "BIÊN BẢN", "TỜ TRÌNH".
    pub title: String,
    /// The summary line (trích yếu) under the type, in bold.
    pub summary: String,
    /// The body.
    pub blocks: Vec<Block>,
    /// The signature blocks, left to right (one, or two for minutes).
    pub signers: Vec<Signer>,
    /// The lines of "Nơi nhận:" (bottom left, beside a single signer), empty for none.
    pub recipients: Vec<String>,
    /// What follows the signatures on pages of its own (a proposal's annex list), empty for none.
    pub annex: Vec<Block>,
}

/// One piece of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading ("I. Kết quả chung"), bold.
    Heading(String),
    /// A body paragraph: justified, first line indented.
    Paragraph(String),
    /// A centred bold line ("Kính gửi: Bộ Công an", an annex's title).
    Centered(String),
    /// A table.
    Table(DocTable),
    /// The next block starts a new page.
    PageBreak,
}

/// A table: column titles with relative widths, then rows of text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocTable {
    /// The column titles.
    pub columns: Vec<String>,
    /// The columns' widths, relative to each other (one per column).
    pub widths: Vec<u32>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
    /// Whether the last row is a total, printed bold.
    pub total_row: bool,
}

impl DocTable {
    /// A table with these columns (title, relative width) and no rows.
    pub fn new(columns: &[(&str, u32)]) -> DocTable {
        DocTable {
            columns: columns
                .iter()
                .map(|(title, _)| (*title).to_owned())
                .collect(),
            widths: columns.iter().map(|(_, width)| *width).collect(),
            rows: Vec::new(),
            total_row: false,
        }
    }

    /// Adds a row, padded or cut to the number of columns.
    pub fn push(&mut self, mut row: Vec<String>) {
        row.resize(self.columns.len(), String::new());
        self.rows.push(row);
    }

    /// Some columns of one of the core's tables (`export::tables`), by index, with their
    /// relative widths; numbers are written the Vietnamese way.
    pub fn from_table(table: &Table, columns: &[(usize, u32)]) -> DocTable {
        let mut picked = DocTable {
            columns: columns
                .iter()
                .map(|(index, _)| {
                    table
                        .columns
                        .get(*index)
                        .map(|column| column.title.clone())
                        .unwrap_or_default()
                })
                .collect(),
            widths: columns.iter().map(|(_, width)| *width).collect(),
            ..DocTable::default()
        };
        for row in &table.rows {
            let cells = columns
                .iter()
                .map(|(index, _)| row.get(*index).map(cell_text).unwrap_or_default())
                .collect();
            picked.push(cells);
        }
        picked
    }
}

/// A cell of the core's tables as printed text.
fn cell_text(cell: &crate::export::xlsx::Cell) -> String {
    match &cell.value {
        Value::Empty => String::new(),
        Value::Text(text) => text.clone(),
        Value::Number(number) => crate::format::decimal_vi(*number, 2),
    }
}

/// A signature block: the title lines in capitals (bold), the hint, the name (bold).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signer {
    /// The title, one line each ("KT. TRƯỞNG CÔNG AN PHƯỜNG", "PHÓ TRƯỞNG CÔNG AN PHƯỜNG").
    pub title: Vec<String>,
    /// Under the title, in italics ("(Ký, ghi rõ họ tên, đóng dấu)"); may be empty.
    pub hint: String,
    /// The signer's name, empty when not known yet.
    pub name: String,
}

impl Document {
    /// Every text of the document, one entry per line or cell (head, body and annex, then the
    /// signatures and the recipients): what a test or a search looks for.
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = vec![
            self.parent_unit.as_str(),
            self.issuer.as_str(),
            self.number.as_str(),
            text::NATION,
            text::MOTTO,
            self.place_date.as_str(),
            self.title.as_str(),
            self.summary.as_str(),
        ];
        for block in self.blocks.iter().chain(&self.annex) {
            match block {
                Block::Heading(line) | Block::Paragraph(line) | Block::Centered(line) => {
                    texts.push(line);
                }
                Block::Table(table) => {
                    texts.extend(table.columns.iter().map(String::as_str));
                    texts.extend(table.rows.iter().flatten().map(String::as_str));
                }
                Block::PageBreak => {}
            }
        }
        let mut signers = Vec::new();
        for signer in &self.signers {
            signers.extend(signer.title.iter().map(String::as_str));
            signers.push(signer.hint.as_str());
            signers.push(signer.name.as_str());
        }
        texts.extend(signers);
        if self.signers.len() < 2 && !self.recipients.is_empty() {
            texts.push(text::RECIPIENTS);
            texts.extend(self.recipients.iter().map(String::as_str));
        }
        texts
    }
}
