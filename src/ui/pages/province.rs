//! The provincial office's workspace and its routes (`/tinh/...`): the dashboard of a year, the
//! batch import, conflicts, review, the printable meeting report, the units' signing keys and the
//! setup. The layout loads the office profile, provides the province context and shows the
//! sub-navigation.

mod common;
mod conflicts;
mod cycle;
mod dashboard;
mod import;
mod keys;
mod outputs;
mod report;
mod review;
mod review_docs;
mod review_files;
mod setup;

use leptos::prelude::*;
use leptos_router::components::{A, Outlet, ParentRoute, Route};
use leptos_router::path;
use send_wrapper::SendWrapper;

use crate::i18n::document_fields::DocumentMsg;
use crate::i18n::keys::KeysMsg;
use crate::i18n::province::ProvinceMsg;
use crate::i18n::{Lang, Missing, Msg};
use crate::state::province::outputs::{self as province_outputs, BundleOutput};
use crate::state::province::{ProvinceContext, profile, provide_province_context};
use crate::state::{Session, SessionError, use_app_state, use_session};
use crate::ui::components::export_from_memory::{StorageFullBanner, provide_export_from_memory};
use crate::ui::components::storage_error::StorageErrorView;
use crate::ui::lazy::{lazy, lazy_screens, workspace_split};
use pkm_core::documents::DocumentKind;

/// The province workspace's routes, mounted by the app's router. Their views are the
/// province's split point (`ui::lazy`): loaded the first time a `/tinh` route opens.
#[component(transparent)]
pub fn ProvinceRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/tinh") view={lazy::<Layout>()}>
            <Route path=path!("") view={lazy::<Dashboard>()} />
            <Route path=path!("nhap") view={lazy::<Import>()} />
            <Route path=path!("xung-dot") view={lazy::<Conflicts>()} />
            <Route path=path!("xet-duyet") view={lazy::<Review>()} />
            <Route path=path!("bao-cao") view={lazy::<Report>()} />
            <Route path=path!("bien-ban") view={lazy::<Minutes>()} />
            <Route path=path!("to-trinh") view={lazy::<Proposal>()} />
            <Route path=path!("khoa-ky-so") view={lazy::<Keys>()} />
            <Route path=path!("thiet-lap") view={lazy::<Setup>()} />
        </ParentRoute>
    }
    .into_inner()
}

/// The province workspace's screens, as its split point's argument.
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub enum ProvinceScreen {
    /// The frame: heading, sub-navigation and the office profile.
    Layout,
    /// The dashboard of a year.
    Dashboard,
    /// The batch import.
    Import,
    /// Conflicts to resolve.
    Conflicts,
    /// The review of each ward.
    Review,
    /// The printable meeting report.
    Report,
    /// The review meeting's minutes.
    Minutes,
    /// The proposal for recognition.
    Proposal,
    /// The units' signing keys.
    Keys,
    /// The province's setup.
    Setup,
}

lazy_screens!(province_screen: ProvinceScreen { Layout, Dashboard, Import, Conflicts, Review, Report, Minutes, Proposal, Keys, Setup });

workspace_split! {
    /// The province workspace's split point: every province screen is reached through here.
    province: fn province_screen(screen: ProvinceScreen) -> AnyView {
        match screen {
            ProvinceScreen::Layout => view! { <ProvinceLayout /> }.into_any(),
            ProvinceScreen::Dashboard => view! { <dashboard::DashboardPage /> }.into_any(),
            ProvinceScreen::Import => view! { <import::ImportPage /> }.into_any(),
            ProvinceScreen::Conflicts => view! { <conflicts::ConflictsPage /> }.into_any(),
            ProvinceScreen::Review => view! { <review::ReviewPage /> }.into_any(),
            ProvinceScreen::Report => view! { <report::ReportPage /> }.into_any(),
            ProvinceScreen::Minutes => {
                view! { <review_docs::ReviewDocumentPage kind=DocumentKind::ReviewMinutes /> }.into_any()
            }
            ProvinceScreen::Proposal => {
                view! { <review_docs::ReviewDocumentPage kind=DocumentKind::RecognitionProposal /> }
                    .into_any()
            }
            ProvinceScreen::Keys => view! { <keys::KeysPage /> }.into_any(),
            ProvinceScreen::Setup => view! { <setup::SetupPage /> }.into_any(),
        }
    }
}

/// The workspace frame: heading, sub-navigation, and the routed screen once the office profile
/// is loaded.
#[component]
pub fn ProvinceLayout() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let db = SendWrapper::new(session.db().clone());
    let loaded = LocalResource::new(move || {
        let db = db.clone();
        async move { profile::load(&db).await }
    });
    view! {
        <section class="pkm-page pkm-province" aria-labelledby="province-title">
            <header class="pkm-province__head">
                <h1 id="province-title" data-testid="page-title">
                    {move || state.t(ProvinceMsg::Title)}
                </h1>
            </header>
            <Suspense fallback=move || view! { <p>{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    let session = session.clone();
                    Suspend::new(async move {
                        match loaded.await {
                            Ok(profile) => {
                                session.set_author(&profile.reviewer);
                                let context = provide_province_context(profile);
                                // When the disk is full, the merged bundle can still be
                                // written from memory.
                                let for_export = session.clone();
                                provide_export_from_memory(move || {
                                    let session = for_export.clone();
                                    let lang = state.lang.get_untracked();
                                    async move { export_from_memory(&session, context, lang).await }
                                });
                                view! {
                                    <SubNav />
                                    <StorageFullBanner />
                                    <Outlet />
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <StorageErrorView error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// The chosen province's merged bundle, with the changes whose write failed, offered as a
/// download; returns the file name, or why there is none (in `lang`).
async fn export_from_memory(
    session: &Session,
    context: ProvinceContext,
    lang: Lang,
) -> Result<String, String> {
    let province = session
        .read_untracked(|store| context.province(store))
        .ok_or_else(|| SessionError::Missing(Missing::Province, String::new()).message(lang))?;
    let year =
        session.read_untracked(|store| context.year_for(store, &store.registry(), &province));
    let file = province_outputs::bundle_from_memory(
        session,
        &province,
        Some(year),
        BundleOutput::Ministry,
    )
    .await
    .and_then(|file| province_outputs::download(&file).map(|()| file.name))
    .map_err(|error| error.message(lang).to_owned())?;
    Ok(file)
}

/// Links to the workspace's screens; the current one carries `aria-current="page"`.
#[component]
fn SubNav() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let conflicts = Memo::new(move |_| session.read(|store| store.conflicts().len()));
    view! {
        <nav class="pkm-tabs" aria-label=t(ProvinceMsg::SubNavLabel) data-testid="province-nav">
            <A href="/tinh" exact=true>{t(ProvinceMsg::NavDashboard)}</A>
            <A href="/tinh/nhap">{t(ProvinceMsg::NavImport)}</A>
            <A href="/tinh/xung-dot">
                {t(ProvinceMsg::NavConflicts)}
                <Show when=move || { conflicts.get() > 0 }>
                    <span class="pkm-badge" data-testid="conflict-badge">
                        {conflicts}
                    </span>
                </Show>
            </A>
            <A href="/tinh/xet-duyet">{t(ProvinceMsg::NavReview)}</A>
            <A href="/tinh/bao-cao">{t(ProvinceMsg::NavReport)}</A>
            <A href="/tinh/bien-ban">{move || state.t(DocumentMsg::NavMinutes)}</A>
            <A href="/tinh/to-trinh">{move || state.t(DocumentMsg::NavProposal)}</A>
            <A href="/tinh/khoa-ky-so">{move || state.t(KeysMsg::NavKeys)}</A>
            <A href="/tinh/thiet-lap">{t(ProvinceMsg::NavSetup)}</A>
        </nav>
    }
}
