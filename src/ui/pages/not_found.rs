//! The page for an unknown address.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Msg;
use crate::state::use_app_state;

/// Shown for any route the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="pkm-page">
            <h1 data-testid="page-title">{move || state.t(Msg::NotFoundTitle)}</h1>
            <A href="/">{move || state.t(Msg::BackHome)}</A>
        </section>
    }
}
