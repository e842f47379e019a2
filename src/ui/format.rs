//! Display formatting that depends on the interface language (numbers, sizes).

use crate::i18n::Lang;

/// A byte count as "1,5 MB" (Vietnamese: comma decimal separator) or "1.5 MB" (English).
pub fn bytes(lang: Lang, bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    let text = if unit == 0 || value >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    let text = match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    };
    format!("{text} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_the_language_decimal_separator() {
        assert_eq!(bytes(Lang::Vi, 0.0), "0 B");
        assert_eq!(bytes(Lang::Vi, 1_500_000.0), "1,5 MB");
        assert_eq!(bytes(Lang::En, 1_500_000.0), "1.5 MB");
        assert_eq!(bytes(Lang::Vi, 250_000_000_000.0), "250 GB");
        assert_eq!(bytes(Lang::En, 999.0), "999 B");
    }
}
