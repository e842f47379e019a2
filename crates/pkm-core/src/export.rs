//! Spreadsheet exports of a province's figures for the review meeting: an Excel workbook (`.xlsx`)
//! and CSV files, with Vietnamese text intact. Pure: the functions return bytes or text and the
//! app or the CLI saves them; no new runtime dependency (the ZIP container and the XML are written
//! here, [`zip`] and [`xlsx`]).
//!
//! - [`province_workbook`]: the meeting's workbook, sheets "Tổng hợp" (headline figures, the
//!   summary paragraph, the table per middle-level unit), "Ma trận" (ward × criterion), "Kiến nghị"
//!   (requests and their totals), "Nhiệm vụ" (action items), "Chưa nộp" (wards with no
//!   assessment) and "Tiêu chí" (the catalogue's criteria and how many wards miss each).
//! - [`csv`]: the same tables as CSV (RFC 4180, UTF-8 with a byte order mark).
//! - [`tables`]: the tables themselves, shared by both formats and usable by the UI.
//!
//! Everything is deterministic: the same figures and store give the same bytes.

pub mod csv;
mod province;
pub mod tables;
pub mod xlsx;
pub(crate) mod xml;
pub mod zip;

use crate::assessment::Label;

pub use province::{SUMMARY_PARAGRAPH_ROW, province_workbook, sheet_names};
pub use xlsx::XlsxError;

/// The language of sheet names, column titles and labels. Names of units and free text entered
/// by wards stay as entered (in Vietnamese).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Language {
    /// Vietnamese, the working language (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Language {
    /// Picks the text for this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Vi => vi,
            Language::En => en,
        }
    }

    /// The label of an enum value in this language.
    pub fn label(self, value: &impl Label) -> &'static str {
        match self {
            Language::Vi => value.label_vi(),
            Language::En => value.label_en(),
        }
    }

    /// "Có"/"Không" or "Yes"/"No".
    pub fn yes_no(self, value: bool) -> &'static str {
        match (self, value) {
            (Language::Vi, true) => "Có",
            (Language::Vi, false) => "Không",
            (Language::En, true) => "Yes",
            (Language::En, false) => "No",
        }
    }
}
