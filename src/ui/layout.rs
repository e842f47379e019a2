//! The page frame: header with navigation and the language switch, banners, status footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Msg;
use crate::state::app_state::OpenError;
use crate::state::session::SessionContext;
use crate::state::use_app_state;
use crate::ui::components::status_bar::StatusBar;
use crate::ui::components::storage_error::StorageErrorView;
use crate::ui::components::update_banner::UpdateBanner;
use crate::ui::lazy::NotLoaded;

/// Header, navigation, banners and status bar around the current page.
#[component]
pub fn Shell(
    /// The routed page.
    children: Children,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: Msg| move || state.t(msg);
    view! {
        <a class="pkm-skip" href="#main">{t(Msg::NavHome)}</a>
        <header class="pkm-header">
            <A href="/" attr:class="pkm-brand">
                <img src="/icons/icon.svg" alt="" width="40" height="40" />
                <span class="pkm-brand__text">
                    <strong>{t(Msg::AppName)}</strong>
                    <small>{t(Msg::AppTagline)}</small>
                </span>
            </A>
            <nav class="pkm-nav" aria-label=t(Msg::NavLabel)>
                <A href="/" exact=true>{t(Msg::NavHome)}</A>
                <A href="/phuong">{t(Msg::NavWard)}</A>
                <A href="/tinh">{t(Msg::NavProvince)}</A>
            </nav>
            <button
                type="button"
                class="pkm-lang"
                data-testid="lang-switch"
                lang=move || state.lang.get().other().tag()
                title=t(Msg::SwitchLanguageHint)
                on:click=move |_| state.set_lang(state.lang.get_untracked().other())
            >
                {t(Msg::SwitchLanguage)}
            </button>
        </header>
        <UpdateBanner />
        <main id="main" class="pkm-main" tabindex="-1">
            {children()}
        </main>
        <StatusBar />
    }
}

/// Renders its children once the session (storage) is open, with the session as context; shows
/// why when storage cannot be opened.
#[component]
pub fn SessionGate(
    /// The pages.
    children: ChildrenFn,
) -> impl IntoView {
    let state = use_app_state();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=move || view! { <p class="pkm-loading">{move || state.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match state.session.await {
                    Ok(session) => {
                        provide_context(SessionContext(session));
                        children.read_value()().into_any()
                    }
                    Err(OpenError::Storage(error)) => view! { <StorageErrorView error /> }.into_any(),
                    Err(OpenError::NotLoaded) => view! { <NotLoaded /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
