//! ASCII forms of Vietnamese text: folding away diacritics (to match column names and unit kinds
//! typed with or without tone marks) and ASCII-only file names for downloads, which survive every
//! USB stick, mail client and chat app.

/// Vietnamese letters with diacritics and the ASCII letter each folds to (lowercase only; input is
/// lowercased first).
const FOLDS: [(char, &str); 7] = [
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đ"),
];

fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        // Most of any name: no table to search.
        return Some(c);
    }
    if ('\u{300}'..='\u{36f}').contains(&c) {
        // A combining mark (text in decomposed form): dropped.
        return None;
    }
    for (base, variants) in FOLDS {
        if variants.contains(c) {
            return Some(base);
        }
    }
    Some(c)
}

/// Lowercases `text` and removes Vietnamese diacritics: "Công an Phường Đội Cung" →
/// "cong an phuong doi cung". Other characters are kept as they are.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(fold_char)
        .collect()
}

/// `text` folded and reduced to `[a-z0-9]` words joined by `-`: "Nghệ An 2024" → "nghe-an-2024".
pub fn slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// An ASCII file name for an export: `pkm-{what}-{unit}-{year}-{stamp}.{extension}`, every part
/// slugged (so a unit id, a year and a `YYYYMMDD-HHMM` stamp come through unchanged and anything
/// else is made safe). Empty parts are left out.
pub fn export_file_name(
    what: &str,
    unit: &str,
    year: Option<u16>,
    stamp: &str,
    extension: &str,
) -> String {
    let year = year.map(|year| year.to_string()).unwrap_or_default();
    let parts: Vec<String> = ["pkm", what, unit, &year, stamp]
        .iter()
        .map(|part| slug(part))
        .filter(|part| !part.is_empty())
        .collect();
    let extension = slug(extension);
    if extension.is_empty() {
        parts.join("-")
    } else {
        format!("{}.{extension}", parts.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_every_vietnamese_diacritic() {
        assert_eq!(fold("Công an Phường Đội Cung"), "cong an phuong doi cung");
        assert_eq!(
            fold("ẮẰẲẴẶ Ấ Ề Ộ Ở Ữ Ỹ Í"),
            "aaaaa a e o o u y i",
            "uppercase letters fold too"
        );
        assert_eq!(fold("Tên đơn vị"), "ten don vi");
        // Decomposed text (a + combining grave).
        assert_eq!(fold("Ta\u{300}i"), "tai");
        assert_eq!(fold("plain-ASCII_1"), "plain-ascii_1");
    }

    #[test]
    fn slugs_are_ascii_words_joined_by_dashes() {
        assert_eq!(slug("  Nghệ An — 2024 "), "nghe-an-2024");
        assert_eq!(slug("na-vinh"), "na-vinh");
        assert_eq!(slug("20241218-0930"), "20241218-0930");
        assert_eq!(slug("“”"), "");
    }

    #[test]
    fn export_names_carry_unit_year_and_stamp_in_ascii() {
        assert_eq!(
            export_file_name("bao-cao", "na", Some(2024), "20241218-0930", "xlsx"),
            "pkm-bao-cao-na-2024-20241218-0930.xlsx"
        );
        assert_eq!(
            export_file_name("cấu hình", "Tỉnh Đắk Lắk", None, "20250101-0000", "json"),
            "pkm-cau-hinh-tinh-dak-lak-20250101-0000.json"
        );
        let name = export_file_name("gói", "ĐB/01", Some(2024), "x y", "csv");
        assert!(name.is_ascii(), "{name}");
        assert_eq!(name, "pkm-goi-db-01-2024-x-y.csv");
    }
}
