//! ASCII slugs of Vietnamese names, for unit ids typed without a code: a table that folds each
//! Vietnamese letter to its ASCII base. The table is data, not text for people, so this file is
//! the one exception of `tests/tidy.rs`'s `no_text_for_people_lives_outside_i18n` in `state`.

/// An ASCII slug of a Vietnamese name: tone marks dropped, `đ` as `d`, words joined by `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        let base = fold_vietnamese(ch);
        if base.is_ascii_alphanumeric() {
            out.push(base);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(64).collect()
}

fn fold_vietnamese(ch: char) -> char {
    const GROUPS: [(&str, char); 12] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
        ("ç", 'c'),
        ("ñ", 'n'),
        ("ß", 's'),
        ("æ", 'a'),
        ("ø", 'o'),
    ];
    GROUPS
        .iter()
        .find(|(letters, _)| letters.contains(ch))
        .map_or(ch, |(_, base)| *base)
}
