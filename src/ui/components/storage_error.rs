//! A storage failure shown in full, in the interface language.

use leptos::prelude::*;

use crate::state::StorageError;
use crate::state::use_app_state;

/// The message of `error`, as an alert.
#[component]
pub fn StorageErrorView(
    /// What failed.
    error: StorageError,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="pkm-banner pkm-banner--error" role="alert" data-testid="storage-error">
            {move || error.message(state.lang.get())}
        </div>
    }
}
