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

/// The share of the quota past which the app warns that storage is nearly full.
pub const NEARLY_FULL: f64 = 0.8;

/// Used and available bytes for this site.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    /// Bytes used.
    pub used: f64,
    /// Bytes the site may use.
    pub quota: f64,
}

impl Usage {
    /// The share of the quota used, from 0 to 1 (`None` when the quota is unknown or zero).
    pub fn share(&self) -> Option<f64> {
        (self.quota.is_finite() && self.quota > 0.0 && self.used.is_finite())
            .then(|| (self.used / self.quota).max(0.0))
    }

    /// Whether usage has passed [`NEARLY_FULL`] of the quota (the early warning).
    pub fn is_nearly_full(&self) -> bool {
        self.share().is_some_and(|share| share > NEARLY_FULL)
    }

    /// The whole percentage used, rounded down (so "80 %" is never shown for 79.9 %).
    pub fn percent(&self) -> Option<u32> {
        // The share is at least 0 and finite; the cast saturates beyond u32.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        self.share().map(|share| (share * 100.0).floor() as u32)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(used: f64, quota: f64) -> Usage {
        Usage { used, quota }
    }

    #[test]
    fn the_warning_starts_once_usage_passes_80_percent_of_the_quota() {
        assert!(!usage(0.0, 1_000.0).is_nearly_full());
        assert!(!usage(799.0, 1_000.0).is_nearly_full());
        assert!(
            !usage(800.0, 1_000.0).is_nearly_full(),
            "80 % exactly is not past it"
        );
        assert!(usage(801.0, 1_000.0).is_nearly_full());
        assert!(usage(1_000.0, 1_000.0).is_nearly_full());
        assert!(usage(1_200.0, 1_000.0).is_nearly_full(), "over the quota");
        // Real figures: 1.7 GB of a 2 GB quota.
        assert!(usage(1.7e9, 2.0e9).is_nearly_full());
        assert!(!usage(1.5e9, 2.0e9).is_nearly_full());
    }

    #[test]
    fn an_unknown_or_zero_quota_never_warns() {
        for (used, quota) in [
            (10.0, 0.0),
            (0.0, 0.0),
            (10.0, f64::NAN),
            (f64::NAN, 10.0),
            (10.0, f64::INFINITY),
            (10.0, -5.0),
        ] {
            assert!(!usage(used, quota).is_nearly_full(), "{used} of {quota}");
        }
    }

    #[test]
    fn the_percentage_shown_is_rounded_down() {
        assert_eq!(usage(799.9, 1_000.0).percent(), Some(79));
        assert_eq!(usage(850.0, 1_000.0).percent(), Some(85));
        assert_eq!(usage(1.0, 0.0).percent(), None);
    }
}
