//! The ward officer's workspace and its routes (`/phuong/...`): first run, the year's
//! self-assessment, gaps and requests, exchange of files, and the printable report.

mod assessment;
mod context;
mod criterion;
mod evidence;
mod exchange;
mod first_run;
mod gaps;
mod history;
mod print;
mod progress;

use leptos::prelude::*;
use leptos_router::components::{A, Outlet, ParentRoute, Route};
use leptos_router::path;

pub use context::{WardContext, use_ward};

use crate::i18n::Msg;
use crate::i18n::ward::WardMsg;
use crate::platform::files;
use crate::state::SessionError;
use crate::state::ward::{self, WardProfile};
use crate::state::{use_app_state, use_session};
use crate::ui::components::export_from_memory::{StorageFullBanner, provide_export_from_memory};
use crate::ui::components::storage_error::StorageErrorView;

/// The ward workspace's routes, mounted by the app's router.
#[component(transparent)]
pub fn WardRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/phuong") view=WardShell>
            <Route path=path!("") view=assessment::AssessmentPage />
            <Route path=path!("khac-phuc") view=gaps::GapsPage />
            <Route path=path!("trao-doi") view=exchange::ExchangePage />
            <Route path=path!("in") view=print::PrintPage />
            <Route path=path!("thiet-lap") view=first_run::SetupPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Loads the profile; shows the first run until a ward is chosen, then the sub-navigation and
/// the current ward page.
#[component]
fn WardShell() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let loaded = LocalResource::new({
        let session = session.clone();
        move || {
            let session = session.clone();
            async move { ward::load_profile(session.db()).await }
        }
    });
    view! {
        <Suspense fallback=move || view! { <p>{move || state.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(profile) => view! { <WardFrame profile /> }.into_any(),
                    Err(error) => view! { <StorageErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The ward workspace once the profile is loaded.
#[component]
fn WardFrame(
    /// The stored profile.
    profile: WardProfile,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    session.set_author(&profile.officer);
    let context = WardContext::provide(profile);
    // When the disk is full, the ward's file can still be written from memory.
    provide_export_from_memory(move || async move {
        let lang = state.lang.get_untracked();
        let unit = context
            .ward()
            .ok_or_else(|| SessionError::Missing("đơn vị".into()).message(lang))?;
        let (name, json, _) =
            ward::export_bundle_from_memory(&context.session(), &unit, context.year())
                .await
                .map_err(|error| error.message(lang))?;
        files::download(&name, "application/json", json.as_bytes())?;
        Ok(name)
    });
    let t = move |msg: WardMsg| move || state.t(msg);
    view! {
        <Show
            when=move || context.ward().is_some()
            fallback=move || view! { <first_run::FirstRunPage /> }
        >
            <div class="pkm-ward">
                <header class="pkm-ward__head">
                    <p class="pkm-ward__unit" data-testid="ward-unit">
                        {move || context.unit_line()}
                    </p>
                    <nav class="pkm-subnav" aria-label=t(WardMsg::SubnavLabel)>
                        <A href="/phuong" exact=true>
                            {t(WardMsg::NavAssessment)}
                        </A>
                        <A href="/phuong/khac-phuc">{t(WardMsg::NavGaps)}</A>
                        <A href="/phuong/trao-doi">{t(WardMsg::NavExchange)}</A>
                        <A href="/phuong/in">{t(WardMsg::NavPrint)}</A>
                        <A href="/phuong/thiet-lap">{t(WardMsg::NavSetup)}</A>
                    </nav>
                </header>
                <StorageFullBanner />
                <Outlet />
            </div>
        </Show>
    }
}
