//! The save indicator: "Đang lưu…", "Đã lưu" (only after commit), or the error; when the disk
//! is full, with the button that exports what is on screen.

use leptos::prelude::*;

use crate::i18n::{Msg, Text};
use crate::state::StorageError;
use crate::state::{SaveStatus, SessionError, use_app_state};
use crate::ui::components::export_from_memory::ExportFromMemoryButton;

/// Shows a [`SaveStatus`] as a polite live region.
#[component]
pub fn SaveIndicator(
    /// The status to show.
    #[prop(into)]
    status: Signal<SaveStatus>,
) -> impl IntoView {
    let state = use_app_state();
    let text = move || {
        let lang = state.lang.get();
        match status.get() {
            SaveStatus::Idle => Msg::SaveIdle.text(lang).to_owned(),
            SaveStatus::Pending | SaveStatus::Saving => Msg::SaveSaving.text(lang).to_owned(),
            SaveStatus::Saved => Msg::SaveSaved.text(lang).to_owned(),
            SaveStatus::Failed(error) => {
                format!("{}: {}", Msg::SaveFailed.text(lang), error.message(lang))
            }
        }
    };
    let kind = move || match status.get() {
        SaveStatus::Idle => "idle",
        SaveStatus::Pending | SaveStatus::Saving => "saving",
        SaveStatus::Saved => "saved",
        SaveStatus::Failed(_) => "failed",
    };
    // A full disk: offer the file right here (where the workspace can write one).
    let full = move || {
        matches!(
            status.get(),
            SaveStatus::Failed(SessionError::Storage(StorageError::QuotaExceeded))
        )
    };
    view! {
        <p
            class="pkm-save"
            class:pkm-save--failed=move || matches!(status.get(), SaveStatus::Failed(_))
            role="status"
            aria-live="polite"
            data-testid="save-status"
            data-state=kind
        >
            {text}
        </p>
        <Show when=full>
            <ExportFromMemoryButton />
        </Show>
    }
}
