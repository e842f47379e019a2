//! Persistent storage and quota: `navigator.storage.persist()` and `estimate()`.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Whether the browser will keep this site's data under storage pressure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// Kept until the person clears it.
    Persistent,
    /// May be evicted when the disk runs low.
    BestEffort,
    /// The browser has no Storage API.
    Unknown,
}

/// Used and available bytes for this site.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    /// Bytes used.
    pub used: f64,
    /// Bytes the site may use.
    pub quota: f64,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers lack `navigator.storage`; reading it through Reflect avoids a throw.
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    if value.is_undefined() || value.is_null() {
        None
    } else {
        Some(navigator.storage())
    }
}

/// Asks for persistent storage (granted silently in Chromium for installed or engaged sites).
pub async fn request_persistence() -> Persistence {
    let Some(manager) = storage_manager() else {
        return Persistence::Unknown;
    };
    let already = match manager.persisted() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    if already.and_then(|value| value.as_bool()) == Some(true) {
        return Persistence::Persistent;
    }
    let granted = match manager.persist() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    match granted.and_then(|value| value.as_bool()) {
        Some(true) => Persistence::Persistent,
        Some(false) => Persistence::BestEffort,
        None => Persistence::Unknown,
    }
}

/// Reads the usage estimate, if the browser offers one.
pub async fn estimate() -> Option<Usage> {
    let manager = storage_manager()?;
    let estimate = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let used = js_sys::Reflect::get(&estimate, &JsValue::from_str("usage"))
        .ok()?
        .as_f64()?;
    let quota = js_sys::Reflect::get(&estimate, &JsValue::from_str("quota"))
        .ok()?
        .as_f64()?;
    Some(Usage { used, quota })
}
