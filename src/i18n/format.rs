//! Display formatting that depends on the interface language: numbers, sizes, and the labels
//! the core keeps in both languages.

use pkm_core::{Label, format};

use crate::i18n::Lang;

/// The Vietnamese or English label of a core enum value.
pub fn label(lang: Lang, value: &(impl Label + ?Sized)) -> &'static str {
    lang.pick(value.label_vi(), value.label_en())
}

/// A count, with the language's thousands separator.
pub fn count(lang: Lang, value: usize) -> String {
    let value = i64::try_from(value).unwrap_or(i64::MAX);
    match lang {
        Lang::Vi => format::int_vi(value),
        Lang::En => format::int_en(value),
    }
}

/// A decimal number with at most `decimals` decimals, in the language's format.
pub fn decimal(lang: Lang, value: f64, decimals: usize) -> String {
    match lang {
        Lang::Vi => format::decimal_vi(value, decimals),
        Lang::En => format::decimal_en(value, decimals),
    }
}

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
    fn numbers_use_the_language_separators() {
        assert_eq!(count(Lang::Vi, 12_345), "12.345");
        assert_eq!(count(Lang::En, 12_345), "12,345");
        assert_eq!(decimal(Lang::Vi, 1.5, 2), "1,5");
        assert_eq!(decimal(Lang::En, 1.5, 2), "1.5");
    }

    #[test]
    fn sizes_use_the_language_decimal_separator() {
        assert_eq!(bytes(Lang::Vi, 0.0), "0 B");
        assert_eq!(bytes(Lang::Vi, 1_500_000.0), "1,5 MB");
        assert_eq!(bytes(Lang::En, 1_500_000.0), "1.5 MB");
        assert_eq!(bytes(Lang::Vi, 250_000_000_000.0), "250 GB");
        assert_eq!(bytes(Lang::En, 999.0), "999 B");
    }
}
