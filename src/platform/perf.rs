//! User Timing (`performance.mark`/`performance.measure`) around the work whose speed matters to
//! people and that `scripts/bench.sh` reads back with `performance.getEntriesByName`: autosaves
//! (edit to committed transaction) and the batch import's phases. A measure costs microseconds;
//! where the API is missing nothing is recorded and nothing fails.

use wasm_bindgen::{JsCast, JsValue};

/// The measure of one autosave: from the write's start (the edit, for a status change) to its
/// committed IndexedDB transaction.
pub const AUTOSAVE: &str = "pkm:autosave";
/// The measure of the batch import's preview: every chosen file read, checked and previewed.
pub const IMPORT_PREVIEW: &str = "pkm:import:preview";
/// The measure of the batch import itself: from "Nhập" to the last file committed.
pub const IMPORT_COMMIT: &str = "pkm:import:commit";

thread_local! {
    /// The page's `performance`, looked up once: looking it up through the global object on
    /// every call was about 30 ms of the 700 files' preview.
    static PERFORMANCE: Option<web_sys::Performance> =
        web_sys::window().and_then(|window| window.performance());
}

fn performance() -> Option<web_sys::Performance> {
    PERFORMANCE.with(Clone::clone)
}

/// Milliseconds since the page started (monotonic), or 0 without the API.
pub fn now() -> f64 {
    PERFORMANCE.with(|performance| performance.as_ref().map_or(0.0, |p| p.now()))
}

/// Records a measure called `name` from `start` (a value of [`now`]) to now.
pub fn measure_since(name: &str, start: f64) {
    let Some(performance) = performance() else {
        return;
    };
    let options = js_sys::Object::new();
    let end = performance.now();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &JsValue::from_f64(start));
    let _ = js_sys::Reflect::set(&options, &"end".into(), &JsValue::from_f64(end));
    let measure = js_sys::Reflect::get(&performance, &"measure".into())
        .ok()
        .and_then(|function| function.dyn_into::<js_sys::Function>().ok());
    if let Some(measure) = measure {
        let _ = measure.call2(&performance, &name.into(), &options);
    }
}
