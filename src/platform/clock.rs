//! The wall clock: the one place the app reads the time (the core takes it as an argument).

/// Milliseconds since the Unix epoch, from the browser's clock.
#[allow(clippy::disallowed_methods)]
pub fn now_ms() -> u64 {
    // The clock is never negative or fractional in a way that matters at millisecond grain.
    js_sys::Date::now() as u64
}

/// The local calendar date as `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// This year on the local calendar (the default year of the screens: never a fixed one).
pub fn current_year() -> u16 {
    u16::try_from(js_sys::Date::new_0().get_full_year()).unwrap_or(u16::MAX)
}

/// The local time now, for file names and export headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalStamp {
    /// `YYYYMMDD-HHMMSS`, for file names.
    pub file_part: String,
    /// ISO 8601 with the UTC offset, such as `2024-12-18T09:30:00+07:00`.
    pub iso: String,
    /// `HH:MM dd/mm/yyyy`, for people.
    pub display_vi: String,
}

/// The local time now.
pub fn local_stamp() -> LocalStamp {
    stamp_of(&js_sys::Date::new_0())
}

/// The local time of `ms` since the epoch.
pub fn local_stamp_at(ms: u64) -> LocalStamp {
    stamp_of(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        ms as f64,
    )))
}

fn stamp_of(date: &js_sys::Date) -> LocalStamp {
    let (year, month, day) = (date.get_full_year(), date.get_month() + 1, date.get_date());
    let (hour, minute, second) = (date.get_hours(), date.get_minutes(), date.get_seconds());
    // getTimezoneOffset is minutes *behind* UTC (Việt Nam: -420).
    let offset = -(date.get_timezone_offset() as i32);
    let sign = if offset < 0 { '-' } else { '+' };
    LocalStamp {
        file_part: format!("{year:04}{month:02}{day:02}-{hour:02}{minute:02}{second:02}"),
        iso: format!(
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{sign}{:02}:{:02}",
            offset.abs() / 60,
            offset.abs() % 60
        ),
        display_vi: format!("{hour:02}:{minute:02} {day:02}/{month:02}/{year:04}"),
    }
}
