//! Times and dates for the provincial screens: an edit's timestamp as local "dd/mm/yyyy HH:mm",
//! and today's date (for overdue action items and the default year).

use pkm_core::Date;

use crate::platform::clock;

/// `ms` since the epoch as local "dd/mm/yyyy HH:mm".
pub fn local_date_time(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// Today's local date (the UTC date of the clock if the local one cannot be read).
pub fn today() -> Option<Date> {
    Date::parse_iso(&clock::today_iso())
        .ok()
        .or_else(|| Date::from_unix_ms(clock::now_ms()))
}

/// This year (local).
pub fn current_year() -> u16 {
    clock::current_year()
}
