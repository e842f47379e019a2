//! Reading CSV typed in a spreadsheet (RFC 4180 quoting, CRLF or LF, blank lines skipped), shared
//! by the unit lists ([`crate::registry_import`]) and the catalogue sheets
//! ([`crate::catalogue_sheet`]). Written here rather than taken from the `csv` crate: the app
//! already carried this reader for the unit lists, it is a few dozen lines, and each kilobyte of
//! wasm counts against the size budget.
//!
//! Also decodes the bytes of such a file: UTF-8 (with or without a byte order mark), or UTF-16
//! with a byte order mark, which is what Excel writes as "Unicode Text". Anything else (the
//! Windows-1258 code page of an old Vietnamese Excel) is refused, never guessed.

/// One record: its first line (1-based) and its fields.
pub type Record = (usize, Vec<String>);

/// A quoted field that is never closed, opened on `line` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnclosedQuote {
    /// The line where the quote opens.
    pub line: usize,
}

/// The text of a file's bytes: UTF-8 without its byte order mark, or UTF-16 (LE or BE) after its
/// byte order mark; `None` for anything else.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |rest: &[u8], little: bool| {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let units = rest.chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if little {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => {
            let text = std::str::from_utf8(bytes).ok()?;
            Some(text.strip_prefix('\u{feff}').unwrap_or(text).to_string())
        }
    }
}

/// The separator a header line uses: the most frequent of `;`, tab and `,` (Excel with
/// Vietnamese regional settings writes `;`, its "Unicode Text" tab), `,` when none appears.
pub fn separator_of(header_line: &str) -> char {
    [';', '\t', ',']
        .into_iter()
        .max_by_key(|separator| header_line.matches(*separator).count())
        .filter(|separator| header_line.contains(*separator))
        .unwrap_or(',')
}

/// Splits CSV text into records (RFC 4180 quoting; CRLF or LF), skipping blank lines.
pub fn records(text: &str, separator: char) -> Result<Vec<Record>, UnclosedQuote> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut quote_line = 1;
    let mut chars = text.chars().peekable();
    let mut finish = |fields: &mut Vec<String>, field: &mut String, start: usize| {
        fields.push(std::mem::take(field));
        let done = std::mem::take(fields);
        if !(done.len() == 1 && done[0].trim().is_empty()) {
            records.push((start, done));
        }
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
                quote_line = line;
            }
            c if c == separator => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                finish(&mut fields, &mut field, record_line);
                line += 1;
                record_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(UnclosedQuote { line: quote_line });
    }
    if !field.is_empty() || !fields.is_empty() {
        finish(&mut fields, &mut field, record_line);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_fields_over_lines() {
        let text = "a;b\r\n\"x;\"\"y\"\"\";\"two\nlines\"\n\n3;4";
        let found = records(text, separator_of("a;b")).unwrap();
        assert_eq!(
            found,
            vec![
                (1, vec!["a".to_string(), "b".to_string()]),
                (2, vec!["x;\"y\"".to_string(), "two\nlines".to_string()]),
                (5, vec!["3".to_string(), "4".to_string()]),
            ]
        );
        assert_eq!(records("a,\"b", ','), Err(UnclosedQuote { line: 1 }));
    }

    #[test]
    fn decodes_utf8_and_utf16_and_refuses_code_pages() {
        assert_eq!(decode("\u{feff}Tên".as_bytes()).as_deref(), Some("Tên"));
        let mut le = vec![0xFF, 0xFE];
        le.extend("Tên\tLoại".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).as_deref(), Some("Tên\tLoại"));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Đạt".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).as_deref(), Some("Đạt"));
        // "Tên" in Windows-1258: 0xEA is not UTF-8 on its own.
        assert_eq!(decode(&[b'T', 0xEA, b'n']), None);
        assert_eq!(decode(&[0xFF, 0xFE, 0x41]), None);
        assert_eq!(separator_of("a\tb;c\td"), '\t');
        assert_eq!(separator_of("abc"), ',');
    }
}
