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
use crate::state::SessionError;
use crate::state::ward::{self, WardProfile};
use crate::state::{use_app_state, use_session};
use crate::ui::components::export_from_memory::{StorageFullBanner, provide_export_from_memory};
use crate::ui::components::storage_error::StorageErrorView;
use crate::ui::lazy::{lazy, lazy_screens, workspace_split};

/// The ward workspace's routes, mounted by the app's router. Their views are the ward's split
/// point (`ui::lazy`): loaded the first time a `/phuong` route opens.
#[component(transparent)]
pub fn WardRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/phuong") view={lazy::<Shell>()}>
            <Route path=path!("") view={lazy::<Assessment>()} />
            <Route path=path!("khac-phuc") view={lazy::<Gaps>()} />
            <Route path=path!("trao-doi") view={lazy::<Exchange>()} />
            <Route path=path!("in") view={lazy::<Print>()} />
            <Route path=path!("thiet-lap") view={lazy::<Setup>()} />
        </ParentRoute>
    }
    .into_inner()
}

/// The ward workspace's screens, as its split point's argument.
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub enum WardScreen {
    /// The frame: profile, first run or sub-navigation around the current screen.
    Shell,
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
}

lazy_screens!(ward_screen: WardScreen { Shell, Assessment, Gaps, Exchange, Print, Setup });

workspace_split! {
    /// The ward workspace's split point: every ward screen is reached through here.
    ward: fn ward_screen(screen: WardScreen) -> AnyView {
        match screen {
            WardScreen::Shell => view! { <WardShell /> }.into_any(),
            WardScreen::Assessment => view! { <assessment::AssessmentPage /> }.into_any(),
            WardScreen::Gaps => view! { <gaps::GapsPage /> }.into_any(),
            WardScreen::Exchange => view! { <exchange::ExchangePage /> }.into_any(),
            WardScreen::Print => view! { <print::PrintPage /> }.into_any(),
            WardScreen::Setup => view! { <first_run::SetupPage /> }.into_any(),
        }
    }
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
