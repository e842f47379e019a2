//! The rules on an attached file's name: it is shown to people and offered as a download name, so
//! it carries no folder (`/`, `\`, `..`), no control character and no invisible direction mark that
//! could disguise its extension, and it is not empty nor longer than 255 characters.

/// Why a file name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Empty, or only blanks.
    Empty,
    /// Longer than [`MAX_NAME_CHARS`] characters.
    TooLong,
    /// Holds a folder separator or is `.`/`..`: a path, not a name.
    Path,
    /// Holds a control character or an invisible direction or formatting mark.
    ControlCharacter,
}

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 255;

/// Checks a file name against the rules above.
pub fn check_name(name: &str) -> Result<(), NameProblem> {
    if name.trim().is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.chars().any(is_control) {
        return Err(NameProblem::ControlCharacter);
    }
    if name.contains(['/', '\\']) || name == "." || name == ".." || name.contains("..") {
        return Err(NameProblem::Path);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameProblem::TooLong);
    }
    Ok(())
}

/// C0 and C1 controls, DEL, and the Unicode marks that reorder or hide text (bidirectional
/// overrides and isolates, zero-width characters, the byte order mark).
fn is_control(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_paths_or_controls_are_refused() {
        for good in [
            "Biên bản kiểm tra.pdf",
            "ảnh trụ sở (1).jpg",
            "a",
            "v1.2.docx",
        ] {
            assert_eq!(check_name(good), Ok(()), "{good}");
        }
        let cases = [
            ("", NameProblem::Empty),
            ("   ", NameProblem::Empty),
            ("../../etc/passwd", NameProblem::Path),
            ("..", NameProblem::Path),
            ("a/b.pdf", NameProblem::Path),
            ("C:\\Windows\\a.pdf", NameProblem::Path),
            ("bia..pdf", NameProblem::Path),
            ("a\nb.pdf", NameProblem::ControlCharacter),
            ("a\u{0}.pdf", NameProblem::ControlCharacter),
            ("a\u{7f}.pdf", NameProblem::ControlCharacter),
            ("hoa-don\u{202e}fdp.exe", NameProblem::ControlCharacter),
            ("a\u{200b}.pdf", NameProblem::ControlCharacter),
        ];
        for (name, problem) in cases {
            assert_eq!(check_name(name), Err(problem), "{name:?}");
        }
        assert_eq!(check_name(&"ả".repeat(255)), Ok(()));
        assert_eq!(check_name(&"ả".repeat(256)), Err(NameProblem::TooLong));
    }
}
