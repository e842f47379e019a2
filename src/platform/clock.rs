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
