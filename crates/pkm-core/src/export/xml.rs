//! XML text helpers for the workbook writer: escaping for element text and attribute values, and
//! removal of characters XML 1.0 cannot carry at all (most C0 control characters, U+FFFE, U+FFFF).

/// Whether XML 1.0 allows `c` in a document: `#x9 | #xA | #xD | [#x20-#xD7FF] |
/// [#xE000-#xFFFD] | [#x10000-#x10FFFF]` (Rust's `char` already excludes surrogates).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Removes the characters XML 1.0 cannot carry.
pub fn strip_invalid(text: &str) -> String {
    text.chars().filter(|c| is_xml_char(*c)).collect()
}

/// Escapes text for an element's content or an attribute value (quoted with `"`): `&`, `<`, `>`,
/// `"` and `'` become entities, a carriage return becomes `&#13;` (an XML parser would otherwise
/// turn `\r\n` into `\n`), and characters XML cannot carry are dropped.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\r' => escaped.push_str("&#13;"),
            c if is_xml_char(c) => escaped.push(c),
            _ => {}
        }
    }
    escaped
}

/// Protects text that Office would read as its own escape of a character: in spreadsheet strings
/// `_x0041_` means "A", so a literal `_x0041_` is written `_x005F_x0041_` (the escaped underscore),
/// which Office and calamine read back as the literal text.
pub fn protect_office_escapes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut protected = String::with_capacity(text.len());
    for (index, c) in text.char_indices() {
        let looks_like_escape = c == '_'
            && bytes.get(index + 1) == Some(&b'x')
            && bytes
                .get(index + 2..index + 6)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            && bytes.get(index + 6) == Some(&b'_');
        if looks_like_escape {
            protected.push_str("_x005F");
        }
        protected.push(c);
    }
    protected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>&\"'</script>"),
            "&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;"
        );
        assert_eq!(escape("Công an phường Lê Mao"), "Công an phường Lê Mao");
    }

    #[test]
    fn drops_characters_xml_cannot_carry() {
        assert_eq!(
            escape("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i"),
            "abcdefghi"
        );
        assert_eq!(escape("tab\tline\nreturn\r"), "tab\tline\nreturn&#13;");
        assert_eq!(strip_invalid("x\u{7}y\u{1F600}"), "xy\u{1F600}");
    }

    #[test]
    fn protects_text_that_looks_like_an_office_escape() {
        assert_eq!(protect_office_escapes("a_x0041_b"), "a_x005F_x0041_b");
        assert_eq!(protect_office_escapes("_x00e9_"), "_x005F_x00e9_");
        assert_eq!(
            protect_office_escapes("_x004_ _xZZZZ_ snake_case"),
            "_x004_ _xZZZZ_ snake_case"
        );
        assert_eq!(protect_office_escapes("ư_x0041_"), "ư_x005F_x0041_");
    }
}
