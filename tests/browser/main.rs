//! Browser tests, run by wasm-bindgen-test in headless Chromium: the storage layer against the
//! real IndexedDB, the session, and signing with the real WebCrypto. Each test opens its own
//! randomly named database.

#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod session;
mod signing;
mod storage;
mod storage_pressure;
mod tabs;
