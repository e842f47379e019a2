//! Nghị định 30/2020/NĐ-CP, Phụ lục I, as numbers: A4 portrait, the margins, the font and its
//! sizes. Word measures in twentieths of a point (twips, 1 mm ≈ 56.7) and font sizes in half
//! points; both writers (the `.docx` and, in CSS, the print views) follow these.

/// The font (Unicode, TCVN 6909:2001).
pub const FONT: &str = "Times New Roman";
/// A4 width in twips (210 mm).
pub const PAGE_WIDTH: u32 = 11_906;
/// A4 height in twips (297 mm).
pub const PAGE_HEIGHT: u32 = 16_838;
/// Top margin: 20 mm (the decree allows 20–25).
pub const MARGIN_TOP: i32 = 1_134;
/// Bottom margin: 20 mm (20–25).
pub const MARGIN_BOTTOM: i32 = 1_134;
/// Left margin: 30 mm (30–35).
pub const MARGIN_LEFT: i32 = 1_701;
/// Right margin: 15 mm (15–20).
pub const MARGIN_RIGHT: i32 = 851;
/// Where the header (the page number) sits from the top edge: 10 mm.
pub const HEADER_DISTANCE: i32 = 567;
/// The width between the margins, in twips.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT as u32 - MARGIN_RIGHT as u32;
/// The body, in half points: 14 pt (13–14).
pub const BODY_SIZE: usize = 28;
/// The number, the hints and the page number: 13 pt.
pub const SMALL_SIZE: usize = 26;
/// The units' names and the national name in the header block: 12 pt (the decree allows 12–13).
pub const UNIT_SIZE: usize = 24;
/// The table cells: 12 pt, so wide tables fit.
pub const TABLE_SIZE: usize = 24;
/// "Nơi nhận:": 12 pt.
pub const RECIPIENTS_TITLE_SIZE: usize = 24;
/// The recipients' list: 11 pt.
pub const RECIPIENTS_SIZE: usize = 22;
/// The first line's indent of a body paragraph: 1.27 cm.
pub const FIRST_LINE_INDENT: i32 = 720;
/// The space after a body paragraph: 6 pt.
pub const PARAGRAPH_AFTER: u32 = 120;
