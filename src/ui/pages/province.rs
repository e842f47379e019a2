//! The provincial office's workspace and its routes (`/tinh/...`).

use leptos::prelude::*;
use leptos_router::MatchNestedRoutes;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

use crate::i18n::province::ProvinceMsg;
use crate::state::use_app_state;

/// The province workspace's routes, mounted by the app's router.
#[component(transparent)]
pub fn ProvinceRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/tinh") view=leptos_router::components::Outlet>
            <Route path=path!("") view=ProvincePage />
        </ParentRoute>
    }
    .into_inner()
}

/// The provincial workspace.
#[component]
pub fn ProvincePage() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="pkm-page" aria-labelledby="province-title">
            <h1 id="province-title" data-testid="page-title">
                {move || state.t(ProvinceMsg::Title)}
            </h1>
            <p class="pkm-lead">{move || state.t(ProvinceMsg::Intro)}</p>
        </section>
    }
}
