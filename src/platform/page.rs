//! The page itself: reloading it.

/// Reloads the page (the caller flushes pending saves first).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
