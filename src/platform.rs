//! Browser APIs other than IndexedDB, each wrapped once, so the rest of the app sees plain Rust.

pub mod broadcast;
pub mod clock;
pub mod connectivity;
pub mod device;
pub mod files;
pub mod images;
pub mod page;
pub mod perf;
pub mod service_worker;
pub mod settings;
pub mod signing;
pub mod storage_info;
pub mod tab_slot;
pub mod turns;
