//! Phường Kiểu Mẫu: the offline-first web app for ward police self-assessment against the
//! Ministry's 20 criteria, and for the provincial office's review. See `ARCHITECTURE.md`.
//!
//! Layers, from the inside out: the pure core (`pkm_core`, its own crate), `i18n`, the browser
//! shells `storage` (IndexedDB) and `platform` (every other browser API), the reactive glue
//! `state`, and the components in `ui`. Nothing depends on `ui`. `split` says how the shipped
//! WebAssembly is cut into modules that load on demand, for any layer that holds a split point.

#![forbid(unsafe_code)]

pub mod i18n;
pub mod platform;
pub mod split;
pub mod state;
pub mod storage;
pub mod ui;

pub use ui::App;
