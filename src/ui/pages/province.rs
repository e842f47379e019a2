//! The provincial office's workspace.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::state::use_app_state;

/// The provincial workspace.
#[component]
pub fn ProvincePage() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="pkm-page" aria-labelledby="province-title">
            <h1 id="province-title" data-testid="page-title">
                {move || state.t(Msg::ProvinceTitle)}
            </h1>
            <p class="pkm-lead">{move || state.t(Msg::ProvinceIntro)}</p>
        </section>
    }
}
