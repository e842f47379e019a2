//! The ward officer's workspace and its routes (`/phuong/...`).

use leptos::prelude::*;
use leptos_router::MatchNestedRoutes;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;
use send_wrapper::SendWrapper;

use crate::i18n::Msg;
use crate::i18n::ward::WardMsg;
use crate::state::profile::{self, WardProfile};
use crate::state::saving::DEFAULT_DELAY_MS;
use crate::state::{Autosave, use_app_state, use_session};
use crate::storage::Db;
use crate::ui::components::save_indicator::SaveIndicator;
use crate::ui::components::storage_error::StorageErrorView;

/// The ward workspace's routes, mounted by the app's router.
#[component(transparent)]
pub fn WardRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/phuong") view=leptos_router::components::Outlet>
            <Route path=path!("") view=WardPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The ward workspace.
#[component]
pub fn WardPage() -> impl IntoView {
    let state = use_app_state();
    let session = SendWrapper::new(use_session());
    let loaded = LocalResource::new(move || {
        let db = session.db().clone();
        async move {
            let profile = profile::load(&db).await?;
            Ok::<_, crate::storage::StorageError>((SendWrapper::new(db), profile))
        }
    });
    view! {
        <section class="pkm-page" aria-labelledby="ward-title">
            <h1 id="ward-title" data-testid="page-title">{move || state.t(WardMsg::Title)}</h1>
            <Suspense fallback=move || view! { <p>{move || state.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok((db, profile)) => {
                            view! { <ProfileForm db=db.take() initial=profile /> }.into_any()
                        }
                        Err(error) => view! { <StorageErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The ward and officer names, saved as they are typed.
#[component]
fn ProfileForm(
    /// The open database.
    db: Db,
    /// The stored profile.
    initial: WardProfile,
) -> impl IntoView {
    let state = use_app_state();
    let profile = RwSignal::new(initial);
    let autosave = Autosave::new(DEFAULT_DELAY_MS, move |value: WardProfile| {
        let db = db.clone();
        async move {
            let result = profile::save(&db, &value).await;
            if result.is_ok() {
                state.refresh_usage();
            }
            result
        }
    });
    let status = autosave.status();
    let autosave = StoredValue::new_local(autosave);
    let edit = move |change: fn(&mut WardProfile, String), value: String| {
        profile.update(|profile| change(profile, value));
        autosave.with_value(|autosave| autosave.schedule(profile.get_untracked()));
    };
    let flush = move |_| autosave.with_value(Autosave::flush);
    view! {
        <form class="pkm-form" on:submit=|ev| ev.prevent_default()>
            <h2>{move || state.t(WardMsg::ProfileTitle)}</h2>
            <div class="pkm-field">
                <label for="ward-name">{move || state.t(WardMsg::ProfileWardName)}</label>
                <input
                    id="ward-name"
                    name="ward-name"
                    type="text"
                    autocomplete="off"
                    maxlength="200"
                    prop:value=move || profile.with(|p| p.ward_name.clone())
                    on:input:target=move |ev| {
                        edit(|p, v| p.ward_name = v, ev.target().value())
                    }
                    on:blur=flush
                />
            </div>
            <div class="pkm-field">
                <label for="officer-name">{move || state.t(WardMsg::ProfileOfficer)}</label>
                <input
                    id="officer-name"
                    name="officer-name"
                    type="text"
                    autocomplete="name"
                    maxlength="200"
                    prop:value=move || profile.with(|p| p.officer.clone())
                    on:input:target=move |ev| edit(|p, v| p.officer = v, ev.target().value())
                    on:blur=flush
                />
            </div>
            <SaveIndicator status=status />
        </form>
    }
}
