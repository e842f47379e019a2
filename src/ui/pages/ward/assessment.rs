//! The year's self-assessment: year and track, the catalogue in use, progress, and the
//! criteria by group, each edited in place and saved as it is typed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::{AssessmentKey, Catalogue, CriterionStatus, Track};

use super::context::use_ward;
use super::criterion::CriterionEditor;
use super::progress::{ProgressSummary, use_figures};
use crate::i18n::Text;
use crate::i18n::audit;
use crate::i18n::catalogue_editor as editor_texts;
use crate::i18n::cycle::CycleMsg;
use crate::i18n::ward::{self as ward_texts, WardMsg};
use crate::platform::clock;
use crate::state::session::AuditNote;
use crate::state::ward;
use crate::state::{SessionError, use_app_state};

/// The assessment page.
#[component]
pub fn AssessmentPage() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let started = Memo::new(move |_| {
        let Some(key) = context.key() else {
            return false;
        };
        context
            .session()
            .read(|store| store.assessment(&key).is_some())
    });
    view! {
        <section class="pkm-page" aria-labelledby="assessment-title">
            <h1 id="assessment-title" data-testid="page-title">
                {move || format!("{} {}", state.t(WardMsg::AssessmentTitle), context.year())}
            </h1>
            <YearChoice />
            <Show
                when=move || started.get()
                fallback=move || view! { <StartAssessment /> }
            >
                <TrackChoice />
                <CatalogueBadge />
                <Criteria />
            </Show>
            <p class="pkm-hint">{t(WardMsg::AutosaveHint)}</p>
        </section>
    }
}

/// The year worked on (kept in the profile).
#[component]
fn YearChoice() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let this_year = clock::current_year();
    let years: Vec<u16> = ((this_year - 3)..=(this_year + 1)).rev().collect();
    // Why the last change of year was not stored, shown under the select until one is.
    let failed = RwSignal::new(None::<SessionError>);
    let change = move |value: String| {
        let Ok(year) = value.parse::<u16>() else {
            return;
        };
        let mut profile = context.profile.get_untracked();
        profile.year = Some(year);
        spawn_local(async move {
            // A failure leaves the previous year shown, says why, and the next change retries.
            failed.set(context.save_profile(profile).await.err());
        });
    };
    view! {
        <div class="pkm-field pkm-field--inline">
            <label for="year">{move || state.t(WardMsg::Year)}</label>
            <select
                id="year"
                prop:value=move || context.year().to_string()
                on:change:target=move |ev| change(ev.target().value())
            >
                {years
                    .into_iter()
                    .map(|year| view! { <option value=year.to_string()>{year}</option> })
                    .collect_view()}
            </select>
            {move || {
                failed
                    .get()
                    .map(|error| {
                        view! {
                            <p class="pkm-error" role="alert" data-testid="year-error">
                                {error.message(state.lang.get())}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Editable fields of a track choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TrackKind {
    Maintain,
    New,
    None,
}

fn track_of(kind: TrackKind, since: u16) -> Track {
    match kind {
        TrackKind::Maintain => Track::Maintain { since_year: since },
        TrackKind::New => Track::New,
        TrackKind::None => Track::None,
    }
}

/// The track radios with the "recognised since" year.
#[component]
fn TrackFields(
    /// The chosen kind.
    kind: RwSignal<TrackKind>,
    /// The year first recognised (maintain only).
    since: RwSignal<u16>,
    /// Called after a change.
    on_change: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let radio = move |value: TrackKind, id: &'static str, label: WardMsg| {
        view! {
            <label class="pkm-choice" for=id>
                <input
                    type="radio"
                    id=id
                    name="track"
                    prop:checked=move || kind.get() == value
                    on:change=move |_| {
                        kind.set(value);
                        on_change.run(());
                    }
                />
                {move || state.t(label)}
            </label>
        }
    };
    view! {
        <fieldset class="pkm-fieldset">
            <legend>{move || state.t(WardMsg::Track)}</legend>
            {radio(TrackKind::Maintain, "track-maintain", WardMsg::TrackMaintain)}
            <label class="pkm-choice pkm-choice--sub" for="track-since">
                {move || state.t(WardMsg::RecognisedSince)}
                <input
                    id="track-since"
                    type="number"
                    min="2015"
                    max="2100"
                    prop:value=move || since.get().to_string()
                    disabled=move || kind.get() != TrackKind::Maintain
                    on:change:target=move |ev| {
                        if let Ok(year) = ev.target().value().parse() {
                            since.set(year);
                            on_change.run(());
                        }
                    }
                />
            </label>
            {radio(TrackKind::New, "track-new", WardMsg::TrackNew)}
            {radio(TrackKind::None, "track-none", WardMsg::TrackNone)}
        </fieldset>
    }
}

/// Starting the year's assessment: choose the track, then start.
#[component]
fn StartAssessment() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    // The cycle proposes the track: maintain when the Minister's decision (carried by the
    // province's config file) recognised the ward last year; none when it failed to maintain.
    let proposed = context.ward().and_then(|ward| {
        context
            .session()
            .read_untracked(|store| store.next_track(&ward, context.year()))
    });
    let (initial_kind, initial_since) = match proposed {
        Some(Track::Maintain { since_year }) => (TrackKind::Maintain, since_year),
        Some(Track::None) => (TrackKind::None, context.year().saturating_sub(1)),
        _ => (TrackKind::New, context.year().saturating_sub(1)),
    };
    let kind = RwSignal::new(initial_kind);
    let since = RwSignal::new(initial_since);
    let copy = RwSignal::new(false);
    let has_last_year = context.ward().is_some_and(|ward| {
        let last = AssessmentKey::new(ward, context.year().saturating_sub(1));
        context
            .session()
            .read_untracked(|store| store.assessment(&last).is_some())
    });
    let problem = RwSignal::new(None::<String>);
    let start = move |_| {
        let Some(unit) = context.ward() else { return };
        let year = context.year();
        let track = track_of(kind.get_untracked(), since.get_untracked());
        let session = context.session();
        let copy_forward = copy.get_untracked();
        spawn_local(async move {
            if let Err(error) =
                ward::start_assessment(&session, &unit, year, track, copy_forward).await
            {
                problem.set(Some(error.message(state.lang.get_untracked())));
            }
        });
    };
    view! {
        <div class="pkm-panel">
            <p>{move || state.t(WardMsg::NotStarted)}</p>
            <TrackFields kind since on_change=Callback::new(|_| ()) />
            {has_last_year.then(|| view! {
                <label class="pkm-choice" for="copy-forward">
                    <input
                        type="checkbox"
                        id="copy-forward"
                        data-testid="copy-forward"
                        prop:checked=move || copy.get()
                        on:change:target=move |ev| copy.set(ev.target().checked())
                    />
                    {move || state.t(CycleMsg::CopyForward)}
                </label>
            })}
            <button
                type="button"
                class="pkm-button pkm-button--primary"
                data-testid="start-assessment"
                on:click=start
            >
                {move || format!("{} {}", state.t(WardMsg::StartAssessment), context.year())}
            </button>
            {move || problem.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
        </div>
    }
}

/// The track of a started assessment, saved at once when changed.
#[component]
fn TrackChoice() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let stored = Memo::new(move |_| {
        let key = context.key()?;
        context.session().read(|store| {
            store
                .assessment(&key)
                .and_then(|doc| doc.track_value().cloned())
        })
    });
    let (initial_kind, initial_since) = match stored.get_untracked() {
        Some(Track::Maintain { since_year }) => (TrackKind::Maintain, since_year),
        Some(Track::New) => (TrackKind::New, context.year().saturating_sub(1)),
        _ => (TrackKind::None, context.year().saturating_sub(1)),
    };
    let kind = RwSignal::new(initial_kind);
    let since = RwSignal::new(initial_since);
    let problem = RwSignal::new(None::<String>);
    let save = Callback::new(move |_| {
        let Some(key) = context.key() else { return };
        let track = track_of(kind.get_untracked(), since.get_untracked());
        let session = context.session();
        spawn_local(async move {
            let note = AuditNote::says("track", |lang| audit::track_set(&track, lang));
            let result = session
                .edit_assessment(&key, note, move |doc, _, context| {
                    doc.set_track(context, track)
                })
                .await;
            problem.set(
                result
                    .err()
                    .map(|error| error.message(state.lang.get_untracked())),
            );
        });
    });
    view! {
        <TrackFields kind since on_change=save />
        {move || problem.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
    }
}

/// Which catalogue the assessment's year uses: its title, id and size, whether it is official or a
/// draft (the built-in draft marked as such), and the document that issued it.
#[component]
fn CatalogueBadge() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let catalogue = Memo::new(move |_| {
        let key = context.key()?;
        context
            .session()
            .read(|store| store.catalogue_of(&key).cloned())
            .map(|catalogue| (key.year, catalogue))
    });
    let line = move || {
        let lang = state.lang.get();
        let (year, catalogue) = catalogue.get()?;
        let size =
            ward_texts::catalogue_id_size(catalogue.id.as_str(), catalogue.criteria_count(), lang);
        let document = catalogue.source_document.as_ref().map(|document| {
            editor_texts::source_document(
                &document.number,
                &document.date.to_vi(),
                &document.issuer,
                lang,
            )
        });
        Some(view! {
            <span>{ward_texts::catalogue_of_year(year, lang)} " "</span>
            <strong>{lang.pick(catalogue.title_vi.clone(), catalogue.title_en.clone())}</strong>
            " " {size} " "
            {if catalogue.is_draft() {
                view! { <span class="pkm-badge pkm-badge--draft" data-testid="catalogue-draft">{WardMsg::DraftCatalogue.text(lang)}</span> }.into_any()
            } else {
                view! { <span class="pkm-badge" data-testid="catalogue-official">{WardMsg::OfficialCatalogue.text(lang)}</span> }.into_any()
            }}
            {document.map(|text| view! { <br /> <span class="pkm-hint" data-testid="catalogue-document">{text}</span> })}
        })
    };
    view! { <p class="pkm-catalogue" data-testid="catalogue">{line}</p> }
}

/// Progress, the "not yet met" filter and the criteria by group.
#[component]
fn Criteria() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let figures = use_figures();
    let only_unmet = RwSignal::new(false);
    let catalogue = Memo::new(move |_| {
        let key = context.key()?;
        context
            .session()
            .read(|store| store.catalogue_of(&key).cloned())
    });
    let status_of = move |criterion: &pkm_core::CriterionId| {
        figures.with(|f| {
            f.as_ref()
                .and_then(|f| {
                    f.statuses
                        .iter()
                        .find(|(id, _)| id == criterion)
                        .map(|(_, s)| *s)
                })
                .unwrap_or(CriterionStatus::NotAssessed)
        })
    };
    view! {
        <ProgressSummary figures />
        <label class="pkm-choice" for="filter-unmet">
            <input
                id="filter-unmet"
                type="checkbox"
                prop:checked=move || only_unmet.get()
                on:change:target=move |ev| only_unmet.set(ev.target().checked())
            />
            {move || state.t(WardMsg::OnlyNotMet)}
        </label>
        {move || {
            let Some(key) = context.key() else { return ().into_any() };
            let Some(catalogue): Option<Catalogue> = catalogue.get() else {
                return ().into_any();
            };
            catalogue
                .groups
                .into_iter()
                .map(|group| {
                    let key = key.clone();
                    let title = state
                        .lang
                        .get_untracked()
                        .pick(group.title_vi.clone(), group.title_en.clone());
                    let label = title.clone();
                    view! {
                        <section class="pkm-group" aria-label=label>
                            <h2 class="pkm-group__title">{title}</h2>
                            {group
                                .criteria
                                .into_iter()
                                .map(|criterion| {
                                    let id = criterion.id.clone();
                                    let key = key.clone();
                                    view! {
                                        <Show when=move || {
                                            !only_unmet.get()
                                                || status_of(&id) != CriterionStatus::Met
                                        }>
                                            <CriterionEditor
                                                key=key.clone()
                                                criterion=criterion.clone()
                                            />
                                        </Show>
                                    }
                                })
                                .collect_view()}
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}
