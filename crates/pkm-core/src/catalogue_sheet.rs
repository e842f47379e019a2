//! The criteria as a spreadsheet (bảng tính tiêu chí), since the official text usually arrives as
//! a table: one row per criterion, read into a [`CatalogueDraft`] with every problem named by row
//! and column before anything is saved, and the template (today's catalogue in the same columns)
//! written as `.xlsx` (through [`crate::export::xlsx`]) or `.csv`.
//!
//! Columns, found by their title in the first row, matched without case or diacritics, in
//! Vietnamese or English, in any order: **Nhóm** (group id; required), Tên nhóm, Tên nhóm (tiếng
//! Anh), **Mã tiêu chí** (required), **Tên tiêu chí** (required), Tên tiêu chí (tiếng Anh),
//! **Loại** (required: "Đạt/không đạt", "Tỷ lệ (%)", "Số lượng", or yes/no, percent, count),
//! Chỉ tiêu, Gợi ý minh chứng, Gợi ý minh chứng (tiếng Anh). Rows with the same group go into one
//! group, in the order groups first appear; a row with a group and nothing else only names it.
//!
//! Files: `.csv` (UTF-8, or UTF-16 with its byte order mark, separated by `,`, `;` or tab; see
//! [`crate::csv_read`]); `.xlsx` through [`grid_from_xlsx`] (zip and quick-xml; why not calamine
//! is in `xlsx_read.rs`). The app calls [`sheet_format`] first and reaches [`grid_from_xlsx`]
//! only through a split point of its own, so the reader's module (61 KB gzip) is fetched when a
//! province picks an `.xlsx` file, not with the screens.
//!
//! Hostile input: files over [`MAX_SHEET_BYTES`] and sheets over [`MAX_SHEET_ROWS`] rows are
//! refused whole; a cell is read as its text (an `.xlsx` formula as its cached value, an error
//! value as a problem at its cell); the template writes text that a spreadsheet would run as a
//! formula with a leading `'`, which the reader takes off again.

mod xlsx_read;

pub use xlsx_read::MAX_PART_BYTES;

use std::collections::BTreeMap;

use crate::ascii_text::fold;
use crate::catalogue::{Catalogue, CriterionKind};
use crate::catalogue_draft::{
    CatalogueDraft, DraftCriterion, DraftField, DraftGroup, DraftPlace, DraftProblemKind,
};
use crate::csv_read;
use crate::export::csv as csv_write;
use crate::export::xlsx::{self, Cell, Sheet, Workbook, XlsxError};

/// The largest spreadsheet file read, in bytes.
pub const MAX_SHEET_BYTES: usize = 5 * 1024 * 1024;
/// The most rows read (a catalogue carries at most 500 criteria).
pub const MAX_SHEET_ROWS: usize = 2_000;

/// The columns of the sheet, in the template's order.
pub const COLUMNS: [DraftField; 10] = [
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

/// The columns a sheet must have.
const REQUIRED: [DraftField; 4] = [
    DraftField::GroupId,
    DraftField::Id,
    DraftField::TitleVi,
    DraftField::Kind,
];

/// A sheet's cells as text: each row's number (1-based, as the spreadsheet shows it) and cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// The rows that hold something, in order.
    pub rows: Vec<(usize, Vec<String>)>,
    /// Problems found while reading cells (error values), reported with the rest.
    pub problems: Vec<SheetProblem>,
}

/// What is wrong with a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetProblemKind {
    /// The file is larger than [`MAX_SHEET_BYTES`].
    TooLarge {
        /// Its size.
        bytes: usize,
    },
    /// More rows than [`MAX_SHEET_ROWS`].
    TooManyRows {
        /// The most allowed.
        max: usize,
    },
    /// The text is neither UTF-8 nor UTF-16 with a byte order mark.
    NotText,
    /// The sheet has no rows.
    Empty,
    /// A quoted CSV field is never closed.
    UnclosedQuote,
    /// A required column is missing from the first row.
    MissingColumn,
    /// A cell holds an error value (`#DIV/0!`, `#REF!`…).
    CellError {
        /// The error as the spreadsheet shows it.
        found: String,
    },
    /// A part of an `.xlsx` archive inflates past [`MAX_PART_BYTES`] (an archive bomb, or far
    /// more than a catalogue).
    PartTooLarge {
        /// The part's name in the archive.
        part: String,
        /// The limit, in bytes.
        max: usize,
    },
    /// The file is not a spreadsheet this build reads.
    NotASheet {
        /// What the reader said (may be empty).
        detail: String,
    },
    /// A problem of the catalogue the rows make.
    Catalogue(DraftProblemKind),
}

/// One problem: the row (1-based, `None` for the whole file), the column (0-based position, when
/// the sheet has it) and the field it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetProblem {
    /// The row, as the spreadsheet numbers it.
    pub row: Option<usize>,
    /// The column's position (0 is A).
    pub column: Option<usize>,
    /// What the column holds.
    pub field: Option<DraftField>,
    /// What is wrong.
    pub kind: SheetProblemKind,
}

impl SheetProblem {
    fn file(kind: SheetProblemKind) -> SheetProblem {
        SheetProblem {
            row: None,
            column: None,
            field: None,
            kind,
        }
    }

    /// The column's letters ("D"), when known.
    pub fn column_letters(&self) -> Option<String> {
        self.column.map(xlsx::column_letters)
    }

    /// The problem in Vietnamese: "Dòng 5, cột D (Tên tiêu chí): chưa được điền."
    pub fn message_vi(&self) -> String {
        let mut place = Vec::new();
        if let Some(row) = self.row {
            place.push(format!("Dòng {row}"));
        }
        match (self.column_letters(), self.field) {
            (Some(letters), Some(field)) => {
                place.push(format!("cột {letters} ({})", field.label_vi()))
            }
            (None, Some(field)) => place.push(format!("cột “{}”", field.label_vi())),
            _ => {}
        }
        let what = match &self.kind {
            SheetProblemKind::TooLarge { bytes } => format!(
                "tệp dài {bytes} byte, vượt quá {MAX_SHEET_BYTES} byte cho phép."
            ),
            SheetProblemKind::TooManyRows { max } => {
                format!("bảng tính có hơn {max} dòng, quá nhiều cho một bộ tiêu chí.")
            }
            SheetProblemKind::NotText => "tệp không phải văn bản UTF-8; trong Excel, hãy lưu dưới dạng “CSV UTF-8 (Comma delimited)” hoặc dùng tệp mẫu .xlsx.".to_string(),
            SheetProblemKind::Empty => "bảng tính không có dòng nào.".to_string(),
            SheetProblemKind::UnclosedQuote => "dấu ngoặc kép mở mà không đóng.".to_string(),
            SheetProblemKind::MissingColumn => "dòng đầu thiếu cột bắt buộc này (xem tệp mẫu).".to_string(),
            SheetProblemKind::PartTooLarge { part, max } => format!(
                "phần “{part}” của tệp .xlsx giải nén ra hơn {max} byte: tệp hỏng hoặc không phải bảng tiêu chí."
            ),
            SheetProblemKind::CellError { found } => {
                format!("ô chứa giá trị lỗi “{found}” (công thức hỏng?).")
            }
            SheetProblemKind::NotASheet { detail } if detail.is_empty() => "không đọc được tệp bảng tính; hãy dùng tệp .csv (UTF-8) hoặc .xlsx theo mẫu.".to_string(),
            SheetProblemKind::NotASheet { detail } => format!(
                "không đọc được tệp bảng tính ({detail}); hãy dùng tệp .csv (UTF-8) hoặc .xlsx theo mẫu."
            ),
            SheetProblemKind::Catalogue(kind) => kind.message_vi(),
        };
        if place.is_empty() {
            capitalise(&what)
        } else {
            format!("{}: {what}", place.join(", "))
        }
    }

    /// The problem in English: "Row 5, column D (Criterion title): is empty."
    pub fn message_en(&self) -> String {
        let mut place = Vec::new();
        if let Some(row) = self.row {
            place.push(format!("Row {row}"));
        }
        match (self.column_letters(), self.field) {
            (Some(letters), Some(field)) => {
                place.push(format!("column {letters} ({})", field.label_en()))
            }
            (None, Some(field)) => place.push(format!("column “{}”", field.label_en())),
            _ => {}
        }
        let what = match &self.kind {
            SheetProblemKind::TooLarge { bytes } => format!(
                "the file has {bytes} bytes, more than the {MAX_SHEET_BYTES} allowed."
            ),
            SheetProblemKind::TooManyRows { max } => {
                format!("the sheet has more than {max} rows, too many for a catalogue.")
            }
            SheetProblemKind::NotText => "the file is not UTF-8 text; in Excel, save it as “CSV UTF-8 (Comma delimited)” or use the .xlsx template.".to_string(),
            SheetProblemKind::Empty => "the sheet has no rows.".to_string(),
            SheetProblemKind::UnclosedQuote => "a quotation mark is opened and never closed.".to_string(),
            SheetProblemKind::MissingColumn => "the first row lacks this required column (see the template).".to_string(),
            SheetProblemKind::PartTooLarge { part, max } => format!(
                "the part “{part}” of the .xlsx file inflates to more than {max} bytes: the file is damaged or not a criteria sheet."
            ),
            SheetProblemKind::CellError { found } => {
                format!("the cell holds the error value “{found}” (a broken formula?).")
            }
            SheetProblemKind::NotASheet { detail } if detail.is_empty() => "the spreadsheet cannot be read; use a .csv (UTF-8) or .xlsx file like the template.".to_string(),
            SheetProblemKind::NotASheet { detail } => format!(
                "the spreadsheet cannot be read ({detail}); use a .csv (UTF-8) or .xlsx file like the template."
            ),
            SheetProblemKind::Catalogue(kind) => kind.message_en(),
        };
        if place.is_empty() {
            capitalise(&what)
        } else {
            format!("{}: {what}", place.join(", "))
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// How a spreadsheet file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// An Office Open XML workbook (a ZIP archive, or a name ending in `.xlsx`).
    Xlsx,
    /// Text separated by commas, semicolons or tabs.
    Csv,
}

/// Which reader takes the file `file_name` holding `bytes`: a file over [`MAX_SHEET_BYTES`] is
/// refused before either looks at it.
pub fn sheet_format(file_name: &str, bytes: &[u8]) -> Result<SheetFormat, Vec<SheetProblem>> {
    if bytes.len() > MAX_SHEET_BYTES {
        return Err(vec![SheetProblem::file(SheetProblemKind::TooLarge {
            bytes: bytes.len(),
        })]);
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    Ok(
        if is_zip || file_name.to_ascii_lowercase().ends_with(".xlsx") {
            SheetFormat::Xlsx
        } else {
            SheetFormat::Csv
        },
    )
}

/// Reads a spreadsheet file (`.xlsx` or CSV, by [`sheet_format`]) into a draft that keeps
/// `base`'s title, document and origin and takes its groups and criteria from the rows.
pub fn read_sheet(
    file_name: &str,
    bytes: &[u8],
    base: &CatalogueDraft,
) -> Result<CatalogueDraft, Vec<SheetProblem>> {
    let grid = match sheet_format(file_name, bytes)? {
        SheetFormat::Xlsx => grid_from_xlsx(bytes)?,
        SheetFormat::Csv => grid_from_csv(bytes)?,
    };
    draft_from_grid(&grid, base)
}

/// The cells of an `.xlsx` file's first sheet.
pub fn grid_from_xlsx(bytes: &[u8]) -> Result<Grid, Vec<SheetProblem>> {
    xlsx_read::grid(bytes)
}

/// The cells of a CSV file.
pub fn grid_from_csv(bytes: &[u8]) -> Result<Grid, Vec<SheetProblem>> {
    let Some(text) = csv_read::decode(bytes) else {
        return Err(vec![SheetProblem::file(SheetProblemKind::NotText)]);
    };
    let Some(header) = text.lines().find(|line| !line.trim().is_empty()) else {
        return Err(vec![SheetProblem::file(SheetProblemKind::Empty)]);
    };
    let rows = csv_read::records(&text, csv_read::separator_of(header)).map_err(|unclosed| {
        vec![SheetProblem {
            row: Some(unclosed.line),
            ..SheetProblem::file(SheetProblemKind::UnclosedQuote)
        }]
    })?;
    if rows.len() > MAX_SHEET_ROWS + 1 {
        return Err(vec![SheetProblem::file(SheetProblemKind::TooManyRows {
            max: MAX_SHEET_ROWS,
        })]);
    }
    Ok(Grid {
        rows,
        problems: Vec::new(),
    })
}

/// The column a header cell names, matched without case, diacritics or extra spaces.
fn column_of(title: &str) -> Option<DraftField> {
    let folded = normalise(title);
    let aliases: [(&str, DraftField); 12] = [
        ("ma nhom", DraftField::GroupId),
        ("group id", DraftField::GroupId),
        ("ma", DraftField::Id),
        ("id", DraftField::Id),
        ("ten", DraftField::TitleVi),
        ("title", DraftField::TitleVi),
        ("ten tieng anh", DraftField::TitleEn),
        ("title en", DraftField::TitleEn),
        ("cach danh gia", DraftField::Kind),
        ("muc tieu", DraftField::Target),
        ("minh chung", DraftField::EvidenceVi),
        ("evidence", DraftField::EvidenceVi),
    ];
    COLUMNS
        .into_iter()
        .find(|field| {
            normalise(field.label_vi()) == folded || normalise(field.label_en()) == folded
        })
        .or_else(|| {
            aliases
                .into_iter()
                .find(|(alias, _)| *alias == folded)
                .map(|(_, field)| field)
        })
}

fn normalise(text: &str) -> String {
    fold(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A kind as written in a sheet: the app's labels or the catalogue's names, in either language.
pub fn parse_kind(text: &str) -> Option<CriterionKind> {
    if text.trim() == "%" {
        return Some(CriterionKind::Percent);
    }
    let folded = normalise(text);
    let kinds = [
        CriterionKind::Boolean,
        CriterionKind::Percent,
        CriterionKind::Count,
    ];
    if let Some(kind) = kinds
        .into_iter()
        .find(|kind| normalise(kind.label_vi()) == folded || normalise(kind.label_en()) == folded)
    {
        return Some(kind);
    }
    match folded.as_str() {
        "boolean" | "yes no" | "dat" | "dat khong dat" | "co khong" => Some(CriterionKind::Boolean),
        "percent" | "ty le" | "phan tram" => Some(CriterionKind::Percent),
        "count" | "so luong" | "so" => Some(CriterionKind::Count),
        _ => None,
    }
}

/// A cell's text: trimmed, the `'` the template puts before formula-like text taken off.
fn cell_text(cell: &str) -> String {
    let trimmed = cell.trim();
    match trimmed.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Where the rows went: each group's first row and each criterion's row, for pointing at them.
struct Rows {
    group: Vec<usize>,
    criteria: Vec<Vec<usize>>,
}

/// The draft the rows make, or every problem by row and column.
pub fn draft_from_grid(
    grid: &Grid,
    base: &CatalogueDraft,
) -> Result<CatalogueDraft, Vec<SheetProblem>> {
    let Some(((header_row, header), data)) = grid.rows.split_first() else {
        return Err(vec![SheetProblem::file(SheetProblemKind::Empty)]);
    };
    let columns: BTreeMap<DraftField, usize> = header
        .iter()
        .enumerate()
        .filter_map(|(at, title)| column_of(title).map(|field| (field, at)))
        .rev()
        .collect();
    let missing: Vec<SheetProblem> = REQUIRED
        .into_iter()
        .filter(|field| !columns.contains_key(field))
        .map(|field| SheetProblem {
            row: Some(*header_row),
            column: None,
            field: Some(field),
            kind: SheetProblemKind::MissingColumn,
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut problems = grid.problems.clone();
    let mut draft = CatalogueDraft {
        groups: Vec::new(),
        ..base.clone()
    };
    let rows = fill(&mut draft, data, &columns, &mut problems);
    for problem in draft.problems() {
        if matches!(
            problem.field,
            DraftField::CatalogueTitleVi | DraftField::CatalogueTitleEn | DraftField::CatalogueId
        ) {
            // The catalogue's own title and id are typed in the editor, not in the sheet.
            continue;
        }
        let row = match problem.place {
            DraftPlace::Catalogue => None,
            DraftPlace::Group(group) => rows.group.get(group).copied(),
            DraftPlace::Criterion(group, at) => rows
                .criteria
                .get(group)
                .and_then(|rows| rows.get(at))
                .copied(),
        };
        if row == Some(0) {
            // A group without a group id: already reported at each of its rows.
            continue;
        }
        let field = match problem.field {
            DraftField::Criteria => DraftField::GroupId,
            field => field,
        };
        problems.push(SheetProblem {
            row,
            column: columns.get(&field).copied(),
            field: (problem.place != DraftPlace::Catalogue).then_some(field),
            kind: SheetProblemKind::Catalogue(problem.kind),
        });
    }
    if problems.is_empty() {
        Ok(draft)
    } else {
        problems.sort_by_key(|problem| (problem.row, problem.column));
        Err(problems)
    }
}

/// Puts each data row into the draft (groups in order of first appearance) and reports what only
/// the sheet can get wrong: an empty group cell, an empty or unknown kind.
fn fill(
    draft: &mut CatalogueDraft,
    data: &[(usize, Vec<String>)],
    columns: &BTreeMap<DraftField, usize>,
    problems: &mut Vec<SheetProblem>,
) -> Rows {
    let mut rows = Rows {
        group: Vec::new(),
        criteria: Vec::new(),
    };
    let mut group_at: BTreeMap<String, usize> = BTreeMap::new();
    for (row, cells) in data {
        let get = |field: DraftField| {
            columns
                .get(&field)
                .and_then(|at| cells.get(*at))
                .map_or_else(String::new, |cell| cell_text(cell))
        };
        let at_cell = |field: DraftField, kind: DraftProblemKind| SheetProblem {
            row: Some(*row),
            column: columns.get(&field).copied(),
            field: Some(field),
            kind: SheetProblemKind::Catalogue(kind),
        };
        let group_id = get(DraftField::GroupId);
        let (id, title, kind_text) = (
            get(DraftField::Id),
            get(DraftField::TitleVi),
            get(DraftField::Kind),
        );
        let names_group_only = id.is_empty() && title.is_empty() && kind_text.is_empty();
        if group_id.is_empty() {
            if names_group_only {
                continue;
            }
            problems.push(at_cell(DraftField::GroupId, DraftProblemKind::Empty));
        }
        let index = *group_at.entry(group_id.clone()).or_insert_with(|| {
            draft.groups.push(DraftGroup {
                id: group_id.clone(),
                title_vi: String::new(),
                title_en: String::new(),
                criteria: Vec::new(),
            });
            rows.group.push(if group_id.is_empty() { 0 } else { *row });
            rows.criteria.push(Vec::new());
            draft.groups.len() - 1
        });
        let group = &mut draft.groups[index];
        for (field, slot) in [
            (DraftField::GroupTitleVi, &mut group.title_vi),
            (DraftField::GroupTitleEn, &mut group.title_en),
        ] {
            if slot.is_empty() {
                *slot = get(field);
            }
        }
        if names_group_only {
            continue;
        }
        let target = get(DraftField::Target);
        let kind = if kind_text.is_empty() {
            problems.push(at_cell(DraftField::Kind, DraftProblemKind::Empty));
            None
        } else {
            let kind = parse_kind(&kind_text);
            if kind.is_none() {
                problems.push(at_cell(
                    DraftField::Kind,
                    DraftProblemKind::UnknownKind { found: kind_text },
                ));
            }
            kind
        };
        // With the kind unknown, the target is checked as a count's (never negative).
        let fallback = if target.is_empty() {
            CriterionKind::Boolean
        } else {
            CriterionKind::Count
        };
        group.criteria.push(DraftCriterion {
            id,
            title_vi: title,
            title_en: get(DraftField::TitleEn),
            kind: kind.unwrap_or(fallback),
            target,
            evidence_hint_vi: get(DraftField::EvidenceVi),
            evidence_hint_en: get(DraftField::EvidenceEn),
        });
        rows.criteria[index].push(*row);
    }
    rows
}

/// The template's rows: the header, then one row per criterion of `catalogue` (its group's titles
/// on every row, so a row can be moved or copied on its own).
pub fn template_rows(catalogue: &Catalogue) -> Vec<Vec<String>> {
    let header = COLUMNS
        .iter()
        .map(|field| field.label_vi().to_string())
        .collect();
    let mut rows = vec![header];
    for group in &catalogue.groups {
        for criterion in &group.criteria {
            rows.push(vec![
                group.id.clone(),
                group.title_vi.clone(),
                group.title_en.clone(),
                criterion.id.as_str().to_string(),
                criterion.title_vi.clone(),
                criterion.title_en.clone(),
                criterion.kind.label_vi().to_string(),
                crate::catalogue_draft::target_text(criterion.target),
                criterion.evidence_hint_vi.clone(),
                criterion.evidence_hint_en.clone().unwrap_or_default(),
            ]);
        }
    }
    rows
}

/// The template as CSV (UTF-8 with a byte order mark, so Excel reads the diacritics).
pub fn template_csv(catalogue: &Catalogue) -> String {
    let mut out = String::from(csv_write::BOM);
    for row in template_rows(catalogue) {
        csv_write::push_record(
            &mut out,
            row.iter().map(|text| csv_write::defuse(text).into_owned()),
        );
    }
    out
}

/// The template as an `.xlsx` workbook (one sheet "Tiêu chí", the header bold and frozen).
pub fn template_xlsx(catalogue: &Catalogue) -> Result<Vec<u8>, XlsxError> {
    let mut sheet = Sheet::new("Tiêu chí");
    let mut rows = template_rows(catalogue).into_iter();
    if let Some(header) = rows.next() {
        sheet.push_header(header);
    }
    let target_at = COLUMNS
        .iter()
        .position(|field| *field == DraftField::Target);
    for row in rows {
        // Cells hold text (a spreadsheet never runs a shared string as a formula); the target is
        // a number, as a person would type it.
        sheet.push_row(
            row.into_iter()
                .enumerate()
                .map(
                    |(at, text)| match crate::catalogue_draft::parse_target(&text) {
                        Ok(Some(number)) if Some(at) == target_at => Cell::number(number),
                        _ => Cell::text(text),
                    },
                )
                .collect(),
        );
    }
    for (column, width) in [6.0, 30.0, 20.0, 8.0, 60.0, 40.0, 14.0, 10.0, 50.0, 30.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(column, width);
    }
    sheet.freeze_rows(1);
    let mut workbook = Workbook::new();
    workbook.set_title(catalogue.title_vi.clone());
    workbook.add_sheet(sheet);
    workbook.to_bytes()
}
