//! First run (which ward this laptop works for, and who enters the data) and the setup page
//! that changes it later and shows the laptop's signing key fingerprint; restoring a new laptop
//! from the ward's last exported file, and the new-laptop guide.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::{BundleKind, Unit, UnitId, UnitKind};

use super::context::{WardContext, use_ward};
use super::exchange::ImportBox;
use super::{ConfigImport, RestoreImport};
use crate::i18n::keys::KeysMsg;
use crate::i18n::ward::WardMsg;
use crate::i18n::{Lang, Msg, Text};
use crate::split::{SplitLoaderError, enter};
use crate::state::saving::DEFAULT_DELAY_MS;
use crate::state::ward::{self, FirstRun, WardProfile};
use crate::state::{Autosave, use_app_state};
use crate::ui::components::save_indicator::SaveIndicator;
use crate::ui::lazy::deferred;

/// Shown until the laptop knows its ward: import the province's config file and pick the ward,
/// or type the units in by hand.
#[component]
pub fn FirstRunPage() -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: WardMsg| move || state.t(msg);
    view! {
        <section class="pkm-page" aria-labelledby="first-run-title">
            <h1 id="first-run-title" data-testid="page-title">{t(WardMsg::FirstRunTitle)}</h1>
            <p class="pkm-lead">{t(WardMsg::FirstRunIntro)}</p>
            <div class="pkm-columns">
                <FromConfig />
                <ByHand />
            </div>
            <Restore />
        </section>
    }
}

/// Option 1: the province's config file, then a ward from its registry. The box and the choice
/// come from the `ward` split point ([`config_import`]): a first visit has no registry yet, and
/// only a file read by that module (the config file, or the ward's restored file) brings one.
#[component]
fn FromConfig() -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: WardMsg| move || state.t(msg);
    view! {
        <section class="pkm-panel" aria-labelledby="from-config-title">
            <h2 id="from-config-title">{t(WardMsg::FromConfigTitle)}</h2>
            <p>{t(WardMsg::FromConfigIntro)}</p>
            {deferred::<ConfigImport>()}
        </section>
    }
}

/// The ward chosen from the registry the config file brought, with the officer's name.
#[component]
fn ConfigChoice() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let wards = config_wards();
    let chosen = RwSignal::new(String::new());
    let officer = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let Ok(unit) = UnitId::new(chosen.get_untracked()) else {
            problem.set(Some(state.t(WardMsg::ChooseWardFirst).to_owned()));
            return;
        };
        if officer.get_untracked().trim().is_empty() {
            problem.set(Some(
                ward::FirstRunProblem::OfficerMissing
                    .message(lang)
                    .to_owned(),
            ));
            return;
        }
        let profile = WardProfile {
            unit: Some(unit),
            officer: officer.get_untracked().trim().to_owned(),
            year: None,
        };
        spawn_local(async move {
            if let Err(text) = start(context, Start::Chosen(profile), lang).await {
                problem.set(Some(text));
            }
        });
    };
    view! {
        <Show when=move || !wards.with(Vec::is_empty)>
                <form class="pkm-form pkm-form--plain" on:submit=save>
                    <div class="pkm-field">
                        <label for="config-ward">{t(WardMsg::ChooseWard)}</label>
                        <select
                            id="config-ward"
                            prop:value=move || chosen.get()
                            on:change:target=move |ev| chosen.set(ev.target().value())
                        >
                            <option value="">{t(WardMsg::ChooseWardPlaceholder)}</option>
                            <For
                                each=move || wards.get()
                                key=|(id, _)| id.clone()
                                children=move |(id, label)| {
                                    view! { <option value=id.to_string()>{label}</option> }
                                }
                            />
                        </select>
                    </div>
                    <div class="pkm-field">
                        <label for="config-officer">{t(WardMsg::ProfileOfficer)}</label>
                        <input
                            id="config-officer"
                            type="text"
                            autocomplete="name"
                            maxlength="200"
                            prop:value=move || officer.get()
                            on:input:target=move |ev| officer.set(ev.target().value())
                        />
                    </div>
                    <button type="submit" class="pkm-button pkm-button--primary">
                        {t(WardMsg::StartWorking)}
                    </button>
                </form>
        </Show>
        {move || problem.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
    }
}

/// The wards of the registry the config file brought, each labelled with its parents, sorted.
fn config_wards() -> Memo<Vec<(UnitId, String)>> {
    let session = use_ward().session();
    Memo::new(move |_| {
        session.read(|store| {
            let registry = store.registry();
            let mut wards: Vec<(UnitId, String)> = store
                .unit_registers()
                .keys()
                .filter_map(|id| store.unit(id))
                .filter(|unit| unit.kind == UnitKind::Ward)
                .map(|unit| {
                    let parents: Vec<&str> = registry
                        .ancestors(&unit.id)
                        .iter()
                        .map(|parent| parent.name_vi.as_str())
                        .collect();
                    let label = if parents.is_empty() {
                        unit.name_vi.clone()
                    } else {
                        format!("{} ({})", unit.name_vi, parents.join(", "))
                    };
                    (unit.id.clone(), label)
                })
                .collect();
            wards.sort_by(|a, b| a.1.cmp(&b.1));
            wards
        })
    })
}

/// A new laptop, or a browser whose data was cleared: the ward's own last exported file, taken
/// whole into the empty store once the old laptop's key is confirmed; the ward is then chosen in
/// [`FromConfig`].
#[component]
fn Restore() -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: KeysMsg| move || state.t(msg);
    view! {
        <section class="pkm-panel" aria-labelledby="restore-title" data-testid="restore">
            <h2 id="restore-title">{t(KeysMsg::RestoreTitle)}</h2>
            <p>{t(KeysMsg::RestoreIntro)}</p>
            {deferred::<RestoreImport>()}
        </section>
    }
}

/// The first run's box for the province's config file and the choice of a ward from it: the
/// `ward` split point's code (the bundle reader, the signatures, the registry), rendered in
/// place once fetched ([`FromConfig`]).
pub fn config_import() -> impl IntoView {
    view! {
        <ImportBox input_id="config-file" accept=vec![BundleKind::Config] label=WardMsg::ConfigFileLabel only_ward=None />
        <ConfigChoice />
    }
}

/// The first run's box for the ward's last exported file, as [`config_import`] ([`Restore`]).
pub fn restore_import() -> impl IntoView {
    view! { <ImportBox input_id="restore-file" accept=vec![BundleKind::Ward] label=WardMsg::RestoreFileLabel only_ward=None /> }
}

/// Option 2: the units typed in by hand.
#[component]
fn ByHand() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let form = RwSignal::new(FirstRun::default());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let input = form.get_untracked();
        let units = match ward::first_run_units(&input) {
            Ok(units) => units,
            Err(why) => {
                problem.set(Some(why.message(lang).to_owned()));
                return;
            }
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let outcome = start(context, Start::ByHand(input, units), lang).await;
            busy.set(false);
            if let Err(text) = outcome {
                problem.set(Some(text));
            }
        });
    };
    let field = move |id: &'static str,
                      label: WardMsg,
                      read: fn(&FirstRun) -> &String,
                      write: fn(&mut FirstRun) -> &mut String| {
        view! {
            <div class="pkm-field">
                <label for=id>{move || state.t(label)}</label>
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    maxlength="200"
                    prop:value=move || form.with(|f| read(f).clone())
                    on:input:target=move |ev| form.update(|f| *write(f) = ev.target().value())
                />
            </div>
        }
    };
    view! {
        <section class="pkm-panel" aria-labelledby="by-hand-title">
            <h2 id="by-hand-title">{t(WardMsg::ByHandTitle)}</h2>
            <form class="pkm-form pkm-form--plain" on:submit=save>
                <fieldset>
                    <legend>{t(WardMsg::ProvinceLegend)}</legend>
                    {field("first-province-name", WardMsg::UnitName, |f| &f.province.name, |f| &mut f.province.name)}
                    {field("first-province-code", WardMsg::UnitCode, |f| &f.province.code, |f| &mut f.province.code)}
                </fieldset>
                <fieldset>
                    <legend>{t(WardMsg::MiddleLegend)}</legend>
                    {field("first-middle-name", WardMsg::UnitName, |f| &f.middle.name, |f| &mut f.middle.name)}
                    {field("first-middle-code", WardMsg::UnitCode, |f| &f.middle.code, |f| &mut f.middle.code)}
                </fieldset>
                <fieldset>
                    <legend>{t(WardMsg::WardLegend)}</legend>
                    {field("first-ward-name", WardMsg::UnitName, |f| &f.ward.name, |f| &mut f.ward.name)}
                    {field("first-ward-code", WardMsg::UnitCode, |f| &f.ward.code, |f| &mut f.ward.code)}
                </fieldset>
                {field("first-officer", WardMsg::ProfileOfficer, |f| &f.officer, |f| &mut f.officer)}
                <p class="pkm-hint">{t(WardMsg::CodeHint)}</p>
                <button
                    type="submit"
                    class="pkm-button pkm-button--primary"
                    data-testid="first-run-save"
                    disabled=move || busy.get()
                >
                    {t(WardMsg::StartWorking)}
                </button>
                {move || problem.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
            </form>
        </section>
    }
}

/// How the first run ends: the ward chosen from the config file's registry, or the units typed
/// in by hand (stored first).
enum Start {
    /// The profile with the chosen ward.
    Chosen(WardProfile),
    /// The form as typed, and the units it gave.
    ByHand(FirstRun, Vec<Unit>),
}

/// Stores how the first run ended, through the `ward` split point (the first run's form is
/// usable before it is fetched, `super::ward_frame`): the error's text when it failed.
async fn start(context: WardContext, start: Start, lang: Lang) -> Result<(), String> {
    match enter!(start_working(context, start, lang)) {
        Ok(saving) => saving.await,
        Err(_) => Err(Msg::PartNotLoaded.text(lang).to_owned()),
    }
}

/// [`start`]'s work in the `ward` split point: the store's writing and its messages are the
/// workspace's code, not the first screen's.
#[cfg_attr(
    pkm_split,
    leptos::wasm_split::wasm_split(ward, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn start_working(
    context: WardContext,
    start: Start,
    lang: Lang,
) -> Result<Saving, SplitLoaderError> {
    Ok(Box::pin(async move {
        let profile = match start {
            Start::Chosen(profile) => profile,
            Start::ByHand(input, units) => {
                let session = context.session();
                session.set_author(&input.officer);
                let unit = ward::create_units(&session, units)
                    .await
                    .map_err(|error| error.message(lang))?;
                WardProfile {
                    unit: Some(unit),
                    officer: input.officer.trim().to_owned(),
                    year: None,
                }
            }
        };
        context
            .save_profile(profile)
            .await
            .map_err(|error| error.message(lang))
    }))
}

/// The future of [`start_working`].
type Saving = Pin<Box<dyn Future<Output = Result<(), String>>>>;

/// The setup page: the officer's name (saved as typed), the ward, and the province's config
/// file (a newer catalogue, registry or quotas).
#[component]
pub fn SetupPage() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let officer = RwSignal::new(context.profile.with_untracked(|p| p.officer.clone()));
    let autosave = Autosave::new(DEFAULT_DELAY_MS, move |name: String| async move {
        let mut profile = context.profile.get_untracked();
        profile.officer = name;
        context.save_profile(profile).await
    });
    let status = autosave.status();
    let autosave = StoredValue::new_local(autosave);
    view! {
        <section class="pkm-page" aria-labelledby="setup-title">
            <h1 id="setup-title" data-testid="page-title">{t(WardMsg::SetupTitle)}</h1>
            <form class="pkm-form" on:submit=|ev| ev.prevent_default()>
                <p>
                    <strong>{t(WardMsg::CurrentUnit)}</strong>
                    " "
                    {move || context.unit_line()}
                </p>
                <div class="pkm-field">
                    <label for="officer-name">{t(WardMsg::ProfileOfficer)}</label>
                    <input
                        id="officer-name"
                        type="text"
                        autocomplete="name"
                        maxlength="200"
                        prop:value=move || officer.get()
                        on:input:target=move |ev| {
                            officer.set(ev.target().value());
                            autosave.with_value(|a| a.schedule(ev.target().value()));
                        }
                        on:blur=move |_| autosave.with_value(Autosave::flush)
                    />
                </div>
                <SaveIndicator status=status />
            </form>
            <SigningPanel />
            <NewLaptopGuide />
            <section class="pkm-panel" aria-labelledby="setup-config-title">
                <h2 id="setup-config-title">{t(WardMsg::FromConfigTitle)}</h2>
                <p>{t(WardMsg::SetupConfigIntro)}</p>
                <ImportBox input_id="setup-config-file" accept=vec![BundleKind::Config] label=WardMsg::ConfigFileLabel only_ward=None />
            </section>
        </section>
    }
}

/// The laptop's signing key: what it is for and its short fingerprint, which the province reads
/// back over the phone after its first import of this ward's file.
#[component]
fn SigningPanel() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let session = context.session();
    let key = session
        .device_key()
        .map(|key| key.fingerprint().short())
        .map_err(Clone::clone);
    view! {
        <section class="pkm-panel" aria-labelledby="setup-signing-title">
            <h2 id="setup-signing-title">{t(WardMsg::SigningTitle)}</h2>
            <p>{t(WardMsg::SigningIntro)}</p>
            {match key {
                Ok(short) => {
                    view! {
                        <p>
                            <strong>{t(WardMsg::OwnFingerprint)}</strong>
                            " "
                            <code class="pkm-fingerprint" data-testid="own-fingerprint">
                                {short}
                            </code>
                        </p>
                    }
                        .into_any()
                }
                Err(error) => {
                    view! {
                        <p class="pkm-error" role="alert" data-testid="signing-error">
                            {move || error.message(state.lang.get())}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// "Máy mới / Cài lại trình duyệt": what to do on a new laptop (restore from the last export)
/// and what to tell the province (this laptop's key, shown large, to read out by phone).
#[component]
fn NewLaptopGuide() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: KeysMsg| move || state.t(msg);
    let key = context
        .session()
        .device_key()
        .ok()
        .map(|key| key.fingerprint());
    view! {
        <section class="pkm-panel" aria-labelledby="new-laptop-title" data-testid="new-laptop">
            <h2 id="new-laptop-title">{t(KeysMsg::NewLaptopTitle)}</h2>
            <p>{t(KeysMsg::NewLaptopIntro)}</p>
            <ol>
                <li>{t(KeysMsg::NewLaptopRestore)}</li>
                <li>{t(KeysMsg::NewLaptopCall)}</li>
            </ol>
            {key.map(|key| {
                view! {
                    <p>
                        <code
                            class="pkm-fingerprint pkm-trust__fingerprint"
                            data-testid="new-laptop-fingerprint"
                        >
                            {key.short()}
                        </code>
                    </p>
                    <p class="pkm-hint">
                        {t(KeysMsg::FullFingerprint)}
                        " "
                        <code data-testid="own-fingerprint-full">{key.grouped()}</code>
                    </p>
                }
            })}
        </section>
    }
}
