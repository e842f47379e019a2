//! CSV (RFC 4180) for the same tables as the workbook's sheets: comma-separated, every record
//! ended by CRLF, a field quoted (with `"` doubled) when it holds a comma, a quote, CR or LF.
//!
//! Choices, for the offices that open these files in Excel:
//! - The text starts with a UTF-8 byte order mark ([`BOM`]). Excel on Windows reads a CSV without
//!   one in the ANSI code page and shows mojibake such as "CÃ´ng" for "Công"; with
//!   the mark it reads UTF-8. Other programs skip the mark. (A `sep=,` first line would also make
//!   Excel ignore the mark, so there is none: in a locale whose list separator is `;`, open the file
//!   with Data › From Text/CSV, or use the `.xlsx`.)
//! - Numbers are written plainly with a dot (`12.5`), as a machine reads them.
//! - Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR)
//!   is prefixed with `'`, so a hostile unit name cannot become a formula ("CSV injection").

use std::borrow::Cow;

use crate::figures::ProvinceFigures;
use crate::store::Store;

use super::Language;
use super::tables::{self, Table};
use super::xlsx::{Cell, Value};

/// The byte order mark written first (U+FEFF, bytes `EF BB BF` in UTF-8).
pub const BOM: char = '\u{FEFF}';

/// A field as written: quoted when it holds a comma, a quote, CR or LF, quotes doubled.
pub fn field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// Appends one record (fields joined by commas, then CRLF).
pub fn push_record<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (index, text) in fields.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&field(text.as_ref()));
    }
    out.push_str("\r\n");
}

/// Records as CSV text, without a byte order mark.
pub fn write_records<S: AsRef<str>, R: IntoIterator<Item = S>>(
    records: impl IntoIterator<Item = R>,
) -> String {
    let mut out = String::new();
    for record in records {
        push_record(&mut out, record);
    }
    out
}

/// Text a spreadsheet would not run as a formula: `'` before a leading `=`, `+`, `-`, `@`, tab or
/// CR.
pub fn defuse(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell's field text: text defused ([`defuse`]), a finite number as Rust writes it (`14`,
/// `12.5`), anything else empty.
pub fn cell_text(cell: &Cell) -> String {
    match &cell.value {
        Value::Text(text) => defuse(text).into_owned(),
        Value::Number(number) if number.is_finite() => number.to_string(),
        _ => String::new(),
    }
}

/// A table as CSV: the byte order mark, the header, then every row padded to the header's width.
pub fn table_csv(table: &Table) -> String {
    let mut out = String::from(BOM);
    push_record(
        &mut out,
        table
            .columns
            .iter()
            .map(|column| defuse(&column.title).into_owned()),
    );
    let width = table.columns.len();
    for row in &table.rows {
        let mut fields: Vec<String> = row.iter().map(cell_text).collect();
        if fields.len() < width {
            fields.resize(width, String::new());
        }
        push_record(&mut out, fields);
    }
    out
}

/// The ward × criterion matrix ([`tables::matrix`]) as CSV.
pub fn matrix_csv(figures: &ProvinceFigures, store: &Store, language: Language) -> String {
    table_csv(&tables::matrix(figures, store, language))
}

/// Every request ([`tables::requests`]) as CSV.
pub fn requests_csv(figures: &ProvinceFigures, store: &Store, language: Language) -> String {
    table_csv(&tables::requests(figures, store, language))
}

/// The requests totalled per category ([`tables::request_totals`]) as CSV.
pub fn request_totals_csv(figures: &ProvinceFigures, language: Language) -> String {
    table_csv(&tables::request_totals(figures, language))
}

/// Every action item ([`tables::actions`]) as CSV.
pub fn actions_csv(figures: &ProvinceFigures, store: &Store, language: Language) -> String {
    table_csv(&tables::actions(figures, store, language))
}

/// The wards with no assessment ([`tables::missing`]) as CSV.
pub fn missing_csv(figures: &ProvinceFigures, store: &Store, language: Language) -> String {
    table_csv(&tables::missing(figures, store, language))
}

/// The figures per middle-level unit with the province total ([`tables::per_middle`]) as CSV.
pub fn per_middle_csv(figures: &ProvinceFigures, language: Language) -> String {
    table_csv(&tables::per_middle(figures, language))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tables::Column;

    #[test]
    fn quotes_only_when_needed() {
        let cases = [
            ("plain", "plain"),
            ("Công an phường Lê Mao", "Công an phường Lê Mao"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("line\nbreak", "\"line\nbreak\""),
            ("cr\rhere", "\"cr\rhere\""),
            ("", ""),
            (" spaced ", " spaced "),
        ];
        for (text, expected) in cases {
            assert_eq!(field(text), expected, "{text:?}");
        }
    }

    #[test]
    fn records_end_with_crlf() {
        assert_eq!(
            write_records([vec!["a", "b,c"], vec!["", "\"q\""]]),
            "a,\"b,c\"\r\n,\"\"\"q\"\"\"\r\n"
        );
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("+1"), "'+1");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("Đạt"), "Đạt");
        assert_eq!(cell_text(&Cell::number(-2.5)), "-2.5");
        assert_eq!(cell_text(&Cell::number(f64::INFINITY)), "");
    }

    #[test]
    fn a_table_starts_with_the_bom_and_pads_rows() {
        let table = Table {
            columns: vec![
                Column {
                    title: "Tên".to_string(),
                    width: 10.0,
                },
                Column {
                    title: "Số lượng".to_string(),
                    width: 10.0,
                },
            ],
            rows: vec![
                vec![Cell::text("Dự kiến đạt")],
                vec![Cell::text("a"), Cell::number(3.0)],
            ],
        };
        let csv = table_csv(&table);
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(csv, "\u{FEFF}Tên,Số lượng\r\nDự kiến đạt,\r\na,3\r\n");
    }
}
