//! Number formatting for people: Vietnamese (dot as thousands separator, comma as decimal separator:
//! `1.234,5`) and English (`1,234.5`). The UI, the report and the summary paragraph use these.

/// Formats an integer the Vietnamese way: `1234567` → `1.234.567`.
pub fn int_vi(value: i64) -> String {
    group_digits(value, '.')
}

/// Formats an integer the English way: `1234567` → `1,234,567`.
pub fn int_en(value: i64) -> String {
    group_digits(value, ',')
}

/// Formats a decimal the Vietnamese way with at most `max_decimals` decimals, trailing zeros
/// dropped: `1234.50` → `1.234,5`, `100.0` → `100`.
pub fn decimal_vi(value: f64, max_decimals: usize) -> String {
    decimal(value, max_decimals, '.', ',')
}

/// Formats a decimal the English way: `1234.50` → `1,234.5`.
pub fn decimal_en(value: f64, max_decimals: usize) -> String {
    decimal(value, max_decimals, ',', '.')
}

/// Formats a percentage the Vietnamese way: `33.333` with one decimal → `33,3%`.
pub fn percent_vi(value: f64, max_decimals: usize) -> String {
    format!("{}%", decimal_vi(value, max_decimals))
}

/// Formats a percentage the English way: `33.333` with one decimal → `33.3%`.
pub fn percent_en(value: f64, max_decimals: usize) -> String {
    format!("{}%", decimal_en(value, max_decimals))
}

fn group_digits(value: i64, separator: char) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        grouped.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

fn decimal(value: f64, max_decimals: usize, thousands: char, decimal_mark: char) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let fixed = format!("{:.*}", max_decimals, value.abs());
    let (whole, fraction) = match fixed.split_once('.') {
        Some((whole, fraction)) => (whole, fraction.trim_end_matches('0')),
        None => (fixed.as_str(), ""),
    };
    let is_zero = whole.bytes().all(|byte| byte == b'0') && fraction.is_empty();
    let mut text = String::new();
    if value.is_sign_negative() && !is_zero {
        text.push('-');
    }
    let whole_number: u64 = whole.parse().unwrap_or(0);
    let grouped = group_digits(i64::try_from(whole_number).unwrap_or(i64::MAX), thousands);
    text.push_str(&grouped);
    if !fraction.is_empty() {
        text.push(decimal_mark);
        text.push_str(fraction);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        let cases = [
            (0, "0", "0"),
            (999, "999", "999"),
            (1000, "1.000", "1,000"),
            (-1234567, "-1.234.567", "-1,234,567"),
        ];
        for (value, vi, en) in cases {
            assert_eq!(int_vi(value), vi);
            assert_eq!(int_en(value), en);
        }
    }

    #[test]
    fn formats_decimals_with_a_comma_in_vietnamese() {
        assert_eq!(decimal_vi(1234.5, 2), "1.234,5");
        assert_eq!(decimal_en(1234.5, 2), "1,234.5");
        assert_eq!(decimal_vi(100.0, 1), "100");
        assert_eq!(decimal_vi(0.26, 1), "0,3");
        assert_eq!(decimal_vi(-0.01, 1), "0");
        assert_eq!(decimal_vi(-2.5, 1), "-2,5");
        assert_eq!(decimal_vi(1_500_000.0, 0), "1.500.000");
    }

    #[test]
    fn formats_percentages() {
        assert_eq!(percent_vi(100.0, 1), "100%");
        assert_eq!(percent_vi(100.0 / 3.0, 1), "33,3%");
        assert_eq!(percent_en(100.0 / 3.0, 1), "33.3%");
    }
}
