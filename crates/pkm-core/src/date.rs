//! A small proleptic Gregorian calendar date (ngày): validity (leap years included), ISO
//! `YYYY-MM-DD` and Vietnamese `dd/mm/yyyy` parsing and formatting, ordering, day arithmetic.
//!
//! No clock here: "today" is always passed in by the caller. Dates serialise as ISO strings.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date between 0001-01-01 and 9999-12-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text or a triple is not a valid date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text does not have the expected shape.
    #[error("not a date in the form {expected}: {text:?}")]
    BadFormat {
        /// The text that was given.
        text: String,
        /// The expected form, for example `YYYY-MM-DD`.
        expected: &'static str,
    },
    /// The shape is right but the day does not exist (for example 30/02 or 29/02/2023).
    #[error("no such day: {year:04}-{month:02}-{day:02}")]
    NoSuchDay {
        /// The year given.
        year: u32,
        /// The month given.
        month: u32,
        /// The day given.
        day: u32,
    },
}

impl DateError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            DateError::BadFormat { text, expected } => {
                let expected_vi = if *expected == "dd/mm/yyyy" {
                    "dd/mm/yyyy"
                } else {
                    "yyyy-mm-dd"
                };
                format!("“{text}” không phải là ngày hợp lệ theo dạng {expected_vi}.")
            }
            DateError::NoSuchDay { year, month, day } => {
                format!("Không có ngày {day:02}/{month:02}/{year:04}.")
            }
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            DateError::BadFormat { text, expected } => {
                format!("“{text}” is not a valid date of the form {expected}.")
            }
            DateError::NoSuchDay { year, month, day } => {
                format!("There is no day {year:04}-{month:02}-{day:02}.")
            }
        }
    }
}

/// Whether `year` is a leap year in the Gregorian calendar.
pub fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// The number of days in `month` of `year` (0 for a month outside 1..=12).
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Makes a date, checking that the day exists.
    pub fn new(year: u32, month: u32, day: u32) -> Result<Date, DateError> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        match (
            valid,
            u16::try_from(year),
            u8::try_from(month),
            u8::try_from(day),
        ) {
            (true, Ok(year), Ok(month), Ok(day)) => Ok(Date { year, month, day }),
            _ => Err(DateError::NoSuchDay { year, month, day }),
        }
    }

    /// A date from a literal known to be valid (checked by a unit test for every use); prefer
    /// [`Date::new`] for anything not written in the source. Only the fixtures use it.
    #[cfg(any(test, feature = "test-support"))]
    pub(crate) const fn literal(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1..=31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Parses ISO `YYYY-MM-DD` (exactly four, two and two digits).
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        let bad = || DateError::BadFormat {
            text: text.to_string(),
            expected: "YYYY-MM-DD",
        };
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let year = digits(&text[0..4]).ok_or_else(bad)?;
        let month = digits(&text[5..7]).ok_or_else(bad)?;
        let day = digits(&text[8..10]).ok_or_else(bad)?;
        Date::new(year, month, day)
    }

    /// Parses Vietnamese `dd/mm/yyyy`; one-digit days and months (`1/2/2024`) are accepted too.
    pub fn parse_vi(text: &str) -> Result<Date, DateError> {
        let bad = || DateError::BadFormat {
            text: text.to_string(),
            expected: "dd/mm/yyyy",
        };
        let mut parts = text.trim().split('/');
        let (Some(day), Some(month), Some(year), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if !(1..=2).contains(&day.len()) || !(1..=2).contains(&month.len()) || year.len() != 4 {
            return Err(bad());
        }
        let day = digits(day).ok_or_else(bad)?;
        let month = digits(month).ok_or_else(bad)?;
        let year = digits(year).ok_or_else(bad)?;
        Date::new(year, month, day)
    }

    /// Formats as ISO `YYYY-MM-DD`.
    pub fn to_iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Formats as Vietnamese `dd/mm/yyyy`.
    pub fn to_vi(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let shifted_month = (month + 9) % 12;
        let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01, if it lies within years 1..=9999.
    pub fn from_days(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let shifted = days.checked_add(719_468)?;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            u32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
        .ok()
    }

    /// The UTC date of a Unix time in milliseconds.
    pub fn from_unix_ms(unix_ms: u64) -> Option<Date> {
        Date::from_days(i64::try_from(unix_ms / 86_400_000).ok()?)
    }

    /// The number of days from `self` to `other` (positive when `other` is later).
    pub fn days_until(&self, other: &Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// The date `days` days later (or earlier when negative), if it exists.
    pub fn add_days(&self, days: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(days)?)
    }
}

/// The number of days from `from` to `to` (positive when `to` is later).
pub fn days_between(from: &Date, to: &Date) -> i64 {
    from.days_until(to)
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl fmt::Display for Date {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.to_iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u32, month: u32, day: u32) -> Date {
        Date::new(year, month, day).unwrap()
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(2023));
        assert!(!is_leap_year(1900));
        assert!(is_leap_year(2000));
        assert!(Date::new(2024, 2, 29).is_ok());
        assert_eq!(
            Date::new(2023, 2, 29),
            Err(DateError::NoSuchDay {
                year: 2023,
                month: 2,
                day: 29
            })
        );
        assert!(Date::new(2024, 4, 31).is_err());
        assert!(Date::new(2024, 13, 1).is_err());
        assert!(Date::new(2024, 0, 1).is_err());
        assert!(Date::new(0, 1, 1).is_err());
    }

    #[test]
    fn parses_and_formats_iso() {
        assert_eq!(Date::parse_iso("2024-12-18"), Ok(date(2024, 12, 18)));
        assert_eq!(date(2024, 1, 5).to_iso(), "2024-01-05");
        for bad in [
            "2024-1-05",
            "2024/12/18",
            "18-12-2024",
            "2024-12-1x",
            "",
            "+024-12-18",
        ] {
            assert!(
                matches!(Date::parse_iso(bad), Err(DateError::BadFormat { .. })),
                "{bad} should be refused"
            );
        }
        assert!(matches!(
            Date::parse_iso("2024-02-30"),
            Err(DateError::NoSuchDay { .. })
        ));
    }

    #[test]
    fn parses_and_formats_vietnamese() {
        assert_eq!(Date::parse_vi("18/12/2024"), Ok(date(2024, 12, 18)));
        assert_eq!(Date::parse_vi("1/2/2024"), Ok(date(2024, 2, 1)));
        assert_eq!(date(2024, 2, 1).to_vi(), "01/02/2024");
        assert!(Date::parse_vi("2024-12-18").is_err());
        assert!(Date::parse_vi("18/12/24").is_err());
        assert!(Date::parse_vi("31/04/2024").is_err());
        assert!(Date::parse_vi("1/2/3/2024").is_err());
    }

    #[test]
    fn literals_used_in_the_crate_are_valid_dates() {
        assert_eq!(Ok(Date::literal(2024, 12, 18)), Date::new(2024, 12, 18));
    }

    #[test]
    fn orders_chronologically() {
        assert!(date(2024, 12, 18) < date(2025, 1, 1));
        assert!(date(2024, 2, 28) < date(2024, 2, 29));
        assert!(date(2024, 11, 30) < date(2024, 12, 1));
    }

    #[test]
    fn counts_days_across_leap_years() {
        assert_eq!(date(1970, 1, 1).to_days(), 0);
        assert_eq!(date(2000, 3, 1).to_days(), 11_017);
        assert_eq!(days_between(&date(2024, 2, 28), &date(2024, 3, 1)), 2);
        assert_eq!(days_between(&date(2023, 2, 28), &date(2023, 3, 1)), 1);
        assert_eq!(days_between(&date(2024, 12, 18), &date(2024, 1, 1)), -352);
        assert_eq!(date(2024, 12, 31).add_days(1), Some(date(2025, 1, 1)));
        for days in [-719_162, -1, 0, 59, 60, 11_016, 19_709, 2_932_896] {
            let round_trip = Date::from_days(days).map(|found| found.to_days());
            assert_eq!(round_trip, Some(days));
        }
        assert_eq!(Date::from_days(2_932_897), None);
        assert_eq!(
            Date::from_unix_ms(1_734_480_000_000),
            Some(date(2024, 12, 18))
        );
    }

    #[test]
    fn serialises_as_iso_and_refuses_bad_text() {
        assert_eq!(
            serde_json::to_string(&date(2024, 3, 9)).unwrap(),
            "\"2024-03-09\""
        );
        assert_eq!(
            serde_json::from_str::<Date>("\"2024-03-09\"").unwrap(),
            date(2024, 3, 9)
        );
        assert!(serde_json::from_str::<Date>("\"09/03/2024\"").is_err());
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let error = Date::parse_vi("31/04/2024").unwrap_err();
        assert_eq!(error.message_vi(), "Không có ngày 31/04/2024.");
        assert_eq!(error.message_en(), "There is no day 2024-04-31.");
        let error = Date::parse_iso("hôm nay").unwrap_err();
        assert_eq!(
            error.message_vi(),
            "“hôm nay” không phải là ngày hợp lệ theo dạng yyyy-mm-dd."
        );
    }
}
