//! Reactive glue between the UI and the storage/platform shells: the app-wide context, the
//! open database, and save tracking. No domain rules here (they live in `pkm_core`).

pub mod app_state;
pub mod attachments;
pub mod documents;
pub mod logs;
pub mod province;
pub mod saving;
pub mod session;
pub mod tabs;
pub mod ward;

/// The error the UI shows when storage fails: components name it here, never `storage` itself
/// (ARCHITECTURE.md, "ui calls state, never storage").
pub use crate::storage::StorageError;
pub use app_state::{AppState, provide_app_state, use_app_state};
pub use saving::{Autosave, SaveStatus};
pub use session::{Session, SessionError, use_session};
