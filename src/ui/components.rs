//! Reusable widgets.

pub mod save_indicator;
pub mod status_bar;
pub mod storage_error;
pub mod update_banner;
