//! Reading an `.xlsx` file's first sheet into a [`Grid`] with calamine (only with the `xlsx-read`
//! feature: native builds; see the parent module for why the app leaves it out). Cells are read
//! one by one and the reading stops past [`MAX_SHEET_ROWS`], so a sheet of a million rows is
//! refused without being held in memory; a formula is read as its cached value, an error value
//! is a problem at its cell, and a cell longer than a catalogue carries is cut (the catalogue's
//! check then names it).

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use super::{Grid, MAX_SHEET_ROWS, SheetProblem, SheetProblemKind};
use crate::bundle::limits::MAX_TEXT_CHARS;

/// The cells of the first sheet.
pub(super) fn grid(bytes: &[u8]) -> Result<Grid, Vec<SheetProblem>> {
    let not_a_sheet =
        |detail: String| vec![SheetProblem::file(SheetProblemKind::NotASheet { detail })];
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|error| not_a_sheet(error.to_string()))?;
    let Some(name) = workbook.sheet_names().first().cloned() else {
        return Err(vec![SheetProblem::file(SheetProblemKind::Empty)]);
    };
    let mut reader = workbook
        .worksheet_cells_reader(&name)
        .map_err(|error| not_a_sheet(error.to_string()))?;
    let mut rows: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(error) => return Err(not_a_sheet(error.to_string())),
        };
        let (row, column) = cell.get_position();
        let (row, column) = (row as usize + 1, column as usize);
        if row > MAX_SHEET_ROWS + 1 || column > 64 {
            return Err(vec![SheetProblem::file(SheetProblemKind::TooManyRows {
                max: MAX_SHEET_ROWS,
            })]);
        }
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
                text.clone()
            }
            DataRef::SharedString(text) => (*text).to_string(),
            DataRef::Int(number) => number.to_string(),
            // Written as the editor shows a target ("80,5").
            DataRef::Float(number) => crate::catalogue_draft::target_text(Some(*number)),
            DataRef::Bool(value) => value.to_string(),
            DataRef::DateTime(value) => value.as_f64().to_string(),
            DataRef::Error(error) => {
                problems.push(SheetProblem {
                    row: Some(row),
                    column: Some(column),
                    field: None,
                    kind: SheetProblemKind::CellError {
                        found: error.to_string(),
                    },
                });
                continue;
            }
        };
        let text: String = text.chars().take(MAX_TEXT_CHARS + 1).collect();
        let cells = rows.entry(row).or_default();
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
    }
    Ok(Grid {
        rows: rows.into_iter().collect(),
        problems,
    })
}
