//! Reusable widgets.

pub mod document;
pub mod export_from_memory;
pub mod save_indicator;
pub mod scroll_region;
pub mod status_bar;
pub mod storage_error;
pub mod trust_questions;
pub mod update_banner;
