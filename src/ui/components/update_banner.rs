//! "A new version is ready": shown when a newer service worker waits; reloads only on request.
//! Also the database's alerts about other tabs: one upgraded it, or its changes could not be read.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Msg;
use crate::platform::service_worker;
use crate::state::{saving, use_app_state};

/// The update offer, the notice that another tab upgraded the database, and the notice that
/// another tab's changes could not be read.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = use_app_state();
    let dismissed = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let reload = move |_| {
        spawn_local(async move {
            // Nothing unsaved may be lost to the reload.
            saving::flush_all_and_wait().await;
            if let Err(reason) = service_worker::activate_update().await {
                error.set(Some(reason));
            }
        });
    };
    view! {
        <Show when=move || state.update_ready.get() && !dismissed.get()>
            <div class="pkm-banner" role="alert" data-testid="update-banner">
                <span>{move || state.t(Msg::UpdateReady)}</span>
                <button type="button" class="pkm-button pkm-button--primary" on:click=reload>
                    {move || state.t(Msg::UpdateReload)}
                </button>
                <button type="button" class="pkm-button" on:click=move |_| dismissed.set(true)>
                    {move || state.t(Msg::UpdateLater)}
                </button>
                {move || error.get().map(|reason| view! { <small>{reason}</small> })}
            </div>
        </Show>
        <Show when=move || state.db_closed.get()>
            <div class="pkm-banner pkm-banner--error" role="alert" data-testid="db-closed">
                {move || crate::state::StorageError::Closed.message(state.lang.get())}
            </div>
        </Show>
        {move || state.sync_error.get().map(|error| view! {
            <div class="pkm-banner pkm-banner--error" role="alert" data-testid="sync-error">
                <span>{state.t(Msg::SyncFailed)}</span>
                " "
                <small>{error.message(state.lang.get())}</small>
            </div>
        })}
    }
}
