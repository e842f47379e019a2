//! The start page: what the app is, and the two workspaces.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Msg;
use crate::state::use_app_state;

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: Msg| move || state.t(msg);
    view! {
        <section class="pkm-page" aria-labelledby="home-title">
            <h1 id="home-title" data-testid="page-title">{t(Msg::HomeTitle)}</h1>
            <p class="pkm-lead">{t(Msg::HomeIntro)}</p>
            <div class="pkm-cards">
                <A href="/phuong" attr:class="pkm-card">
                    <h2>{t(Msg::NavWard)}</h2>
                    <p>{t(Msg::HomeWardText)}</p>
                </A>
                <A href="/tinh" attr:class="pkm-card">
                    <h2>{t(Msg::NavProvince)}</h2>
                    <p>{t(Msg::HomeProvinceText)}</p>
                </A>
            </div>
        </section>
    }
}
