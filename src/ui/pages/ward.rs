//! The ward officer's workspace and its routes (`/phuong/...`): first run, the year's
//! self-assessment, gaps and requests, exchange of files, and the printable report.

mod assessment;
mod attachments;
mod context;
mod criterion;
mod evidence;
mod exchange;
mod first_run;
mod gaps;
mod history;
mod item_row;
mod print;
mod progress;
mod verdict;

use leptos::prelude::*;
use leptos_router::components::{A, Outlet, ParentRoute, Route};
use leptos_router::path;

pub use context::{WardContext, use_ward};

use crate::i18n::ward::WardMsg;
use crate::i18n::{Missing, Msg};
use crate::platform::files;
use crate::split::{SplitLoaderError, enter};
use crate::state::SessionError;
use crate::state::ward::{self, WardProfile};
use crate::state::{use_app_state, use_session};
use crate::ui::components::export_from_memory::{StorageFullBanner, provide_export_from_memory};
use crate::ui::components::storage_error::StorageErrorView;
use crate::ui::lazy::{LazyScreen, deferred, lazy, lazy_screens, workspace_split};

/// The ward workspace's routes, mounted by the app's router. The frame (profile, first run,
/// sub-navigation) is the ward's first screen and a split point of its own, `ward_start`; the
/// screens inside it are the `ward` split point, fetched in place when the frame shows one
/// (`ui::lazy::deferred`): the first run shows none, so a first visit is usable before they
/// are here (`docs/benchmarks.md`, "The ward's first screen on its own").
#[component(transparent)]
pub fn WardRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/phuong") view={lazy::<Frame>()}>
            <Route path=path!("") view={deferred::<Assessment>} />
            <Route path=path!("khac-phuc") view={deferred::<Gaps>} />
            <Route path=path!("trao-doi") view={deferred::<Exchange>} />
            <Route path=path!("in") view={deferred::<Print>} />
            <Route path=path!("thiet-lap") view={deferred::<Setup>} />
        </ParentRoute>
    }
    .into_inner()
}

/// The ward workspace's screens, as its split point's argument.
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub enum WardScreen {
    /// The workspace around the screens, once the ward is chosen: sub-navigation, the
    /// storage-full banner and the current screen.
    Workspace,
    /// The year's self-assessment.
    Assessment,
    /// Gaps, action items and requests.
    Gaps,
    /// Exchange of files.
    Exchange,
    /// The printable report.
    Print,
    /// The ward's setup.
    Setup,
    /// The first run's box for the province's config file.
    ConfigImport,
    /// The first run's box for the ward's last exported file (a new laptop).
    RestoreImport,
}

lazy_screens!(ward_screen: WardScreen { Workspace, Assessment, Gaps, Exchange, Print, Setup, ConfigImport, RestoreImport });

workspace_split! {
    /// The ward workspace's split point: every ward screen is reached through here.
    ward: fn ward_screen(screen: WardScreen) -> AnyView {
        match screen {
            WardScreen::Workspace => view! { <WardWorkspace /> }.into_any(),
            WardScreen::Assessment => view! { <assessment::AssessmentPage /> }.into_any(),
            WardScreen::Gaps => view! { <gaps::GapsPage /> }.into_any(),
            WardScreen::Exchange => view! { <exchange::ExchangePage /> }.into_any(),
            WardScreen::Print => view! { <print::PrintPage /> }.into_any(),
            WardScreen::Setup => view! { <first_run::SetupPage /> }.into_any(),
            WardScreen::ConfigImport => first_run::config_import().into_any(),
            WardScreen::RestoreImport => first_run::restore_import().into_any(),
        }
    }
}

/// The route view of the ward's frame, its own split point `ward_start`.
pub struct Frame;

impl LazyScreen for Frame {
    async fn load() -> Result<AnyView, SplitLoaderError> {
        enter!(ward_frame())
    }
}

/// The ward's first screen: the frame around the ward's screens, or the first run. A split
/// point of its own (`ward_start`), so that a first visit fetches neither the screens nor what
/// only they use (the bundle reader, the writer and the signatures: the `ward` split point).
#[cfg_attr(
    pkm_split,
    leptos::wasm_split::wasm_split(
        ward_start,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(fetch_start)
    )
)]
fn ward_frame() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <WardShell /> }.into_any())
}

/// Fetches the ward's first screen's module (nothing to fetch where the app is not cut).
pub async fn preload_start() -> Result<(), SplitLoaderError> {
    #[cfg(pkm_split)]
    let loaded = fetch_start().await;
    #[cfg(not(pkm_split))]
    let loaded = Ok(());
    loaded
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

/// The ward workspace once the profile is loaded: the first run until a ward is chosen (the
/// first screen's own code), then the workspace (the `ward` split point's).
#[component]
fn WardFrame(
    /// The stored profile.
    profile: WardProfile,
) -> impl IntoView {
    let session = use_session();
    session.set_author(&profile.officer);
    let context = WardContext::provide(profile);
    view! {
        <Show
            when=move || context.ward().is_some()
            fallback=move || view! { <first_run::FirstRunPage /> }
        >
            {deferred::<Workspace>()}
        </Show>
    }
}

/// The chosen ward's workspace: its line of units, the sub-navigation, the storage-full banner
/// (with the ward's file written from memory) and the current screen.
#[component]
fn WardWorkspace() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    // When the disk is full, the ward's file can still be written from memory.
    provide_export_from_memory(move || async move {
        let lang = state.lang.get_untracked();
        let unit = context
            .ward()
            .ok_or_else(|| SessionError::Missing(Missing::Unit, String::new()).message(lang))?;
        let (name, json, _) =
            ward::export_bundle_from_memory(&context.session(), &unit, context.year())
                .await
                .map_err(|error| error.message(lang))?;
        files::download(&name, "application/json", json.as_bytes())?;
        Ok(name)
    });
    let t = move |msg: WardMsg| move || state.t(msg);
    view! {
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
    }
}
