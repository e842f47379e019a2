//! The meeting's outcome on the review screen (issue 24): the province's conclusion on the ward
//! shown (proposed for recognition or not, with the reason), the feedback files for that ward or
//! for every ward, and the Minister's decision for the year (number, date, signer, the wards
//! recognised). Each save goes through the session and says "Đã lưu" only once written.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::cycle::{Conclusion, Decision};
use pkm_core::{AssessmentKey, Date, UnitId};

use crate::i18n::Text;
use crate::i18n::cycle::CycleMsg;
use crate::state::province::{cycle, outputs};
use crate::state::{use_app_state, use_session};

/// The outcome of a save or a download: success, and the text to show.
type Outcome = Option<(bool, String)>;

/// The conclusion, the feedback files and the decision, for the ward `key` names and its year.
#[component]
pub fn CyclePanel(
    /// The ward shown and its year.
    key: Memo<Option<AssessmentKey>>,
    /// The province and year under review.
    province_year: Memo<Option<(UnitId, u16)>>,
) -> impl IntoView {
    view! {
        <section class="pkm-cycle" aria-labelledby="cycle-conclusion-title">
            {move || key.get().map(|key| view! { <ConclusionForm key /> })}
            <FeedbackButtons key province_year />
            {move || {
                province_year
                    .get()
                    .map(|(province, year)| {
                        view! {
                            <DecisionForm province=province.clone() year />
                            <NextTracks province year />
                        }
                    })
            }}
        </section>
    }
}

/// The conclusion on one ward's year.
#[component]
fn ConclusionForm(
    /// The ward and year.
    key: AssessmentKey,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: CycleMsg| move || state.t(msg);
    let stored = session.read_untracked(|store| store.conclusion(&key).cloned());
    let proposed = RwSignal::new(stored.as_ref().map(|conclusion| conclusion.proposed));
    let reason = RwSignal::new(
        stored
            .map(|conclusion| conclusion.reason)
            .unwrap_or_default(),
    );
    let outcome: RwSignal<Outcome> = RwSignal::new(None);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let conclusion = proposed.get_untracked().map(|proposed| Conclusion {
            proposed,
            reason: reason.get_untracked().trim().to_owned(),
        });
        let (session, key) = (session.clone(), key.clone());
        spawn_local(async move {
            let result = cycle::set_conclusion(&session, &key, conclusion).await;
            outcome.set(Some(match result {
                Ok(()) => (true, CycleMsg::Saved.text(lang).to_owned()),
                Err(error) => (false, error.message(lang)),
            }));
        });
    };
    let option = move |value: bool, msg: CycleMsg, id: &'static str| {
        view! {
            <label for=id>
                <input
                    type="radio"
                    id=id
                    name="cycle-proposed"
                    prop:checked=move || proposed.get() == Some(value)
                    on:change=move |_| proposed.set(Some(value))
                />
                {t(msg)}
            </label>
        }
    };
    view! {
        <form class="pkm-form" on:submit=save data-testid="conclusion-form">
            <h3 id="cycle-conclusion-title">{t(CycleMsg::ConclusionTitle)}</h3>
            <fieldset class="pkm-segmented">
                <legend class="pkm-visually-hidden">{t(CycleMsg::ConclusionTitle)}</legend>
                {option(true, CycleMsg::Proposed, "cycle-proposed-yes")}
                {option(false, CycleMsg::NotProposed, "cycle-proposed-no")}
            </fieldset>
            <div class="pkm-field">
                <label for="cycle-reason">{t(CycleMsg::Reason)}</label>
                <textarea
                    id="cycle-reason"
                    rows="2"
                    maxlength="10000"
                    prop:value=move || reason.get()
                    on:input:target=move |ev| reason.set(ev.target().value())
                ></textarea>
            </div>
            <button type="submit" class="pkm-button" data-testid="conclusion-save">
                {t(CycleMsg::SaveConclusion)}
            </button>
            <OutcomeLine outcome testid="conclusion-message" />
        </form>
    }
}

/// The outcome of the last action, as a status line.
#[component]
fn OutcomeLine(
    /// The outcome.
    outcome: RwSignal<Outcome>,
    /// Its test id.
    testid: &'static str,
) -> impl IntoView {
    view! {
        <span
            role="status"
            class:pkm-error=move || outcome.get().is_some_and(|(ok, _)| !ok)
            data-testid=testid
        >
            {move || outcome.get().map(|(_, text)| text)}
        </span>
    }
}

/// The feedback files: for the ward shown, and for every ward of the province.
#[component]
fn FeedbackButtons(
    /// The ward shown and its year.
    key: Memo<Option<AssessmentKey>>,
    /// The province and year under review.
    province_year: Memo<Option<(UnitId, u16)>>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: CycleMsg| move || state.t(msg);
    let outcome: RwSignal<Outcome> = RwSignal::new(None);
    let export = move |one: bool| {
        let session = session.clone();
        move |_| {
            let Some((province, year)) = province_year.get_untracked() else {
                return;
            };
            let ward = if one {
                key.get_untracked().map(|key| key.unit)
            } else {
                None
            };
            let session = session.clone();
            spawn_local(async move {
                let made = outputs::feedback(&session, &province, ward.as_ref(), year).await;
                let result = made.and_then(|file| outputs::download(&file).map(|()| file.name));
                let lang = state.lang.get_untracked();
                outcome.set(Some(match result {
                    Ok(name) => (true, name),
                    Err(error) => (false, error.message(lang).to_owned()),
                }));
            });
        }
    };
    view! {
        <div class="pkm-form">
            <h3>{t(CycleMsg::FeedbackTitle)}</h3>
            <p>{t(CycleMsg::FeedbackIntro)}</p>
            <button type="button" class="pkm-button" data-testid="feedback-one" on:click=export(true)>
                {t(CycleMsg::FeedbackOne)}
            </button>
            " "
            <button type="button" class="pkm-button" data-testid="feedback-all" on:click=export(false)>
                {t(CycleMsg::FeedbackAll)}
            </button>
            " "
            <OutcomeLine outcome testid="feedback-message" />
        </div>
    }
}

/// The wards of the province, with their names, and those checked at first: the decision's,
/// or the wards proposed.
fn decision_choices(
    store: &pkm_core::Store,
    province: &UnitId,
    year: u16,
) -> (Vec<(UnitId, String)>, BTreeSet<UnitId>, Option<Decision>) {
    let registry = store.registry();
    let wards = registry
        .wards_under(province)
        .into_iter()
        .map(|ward| (ward.id.clone(), ward.name_vi.clone()))
        .collect();
    let decision = store.decision(province, year).cloned();
    let checked = match &decision {
        Some(decision) => decision.wards.clone(),
        None => store
            .conclusion_registers()
            .iter()
            .filter(|(key, register)| {
                key.year == year
                    && register
                        .value()
                        .is_some_and(|conclusion| conclusion.proposed)
            })
            .map(|(key, _)| key.unit.clone())
            .collect(),
    };
    (wards, checked, decision)
}

/// The Minister's decision for the year.
#[component]
fn DecisionForm(
    /// The province.
    province: UnitId,
    /// The year recognised.
    year: u16,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: CycleMsg| move || state.t(msg);
    let (wards, checked, stored) =
        session.read_untracked(|store| decision_choices(store, &province, year));
    let number = RwSignal::new(
        stored
            .as_ref()
            .map(|d| d.number.clone())
            .unwrap_or_default(),
    );
    let date = RwSignal::new(stored.as_ref().map(|d| d.date.to_vi()).unwrap_or_default());
    let signer = RwSignal::new(stored.map(|d| d.signer).unwrap_or_default());
    let checked = RwSignal::new(checked);
    // Until the person ticks a box, the list follows the store: the decision's wards, or the
    // wards proposed (a conclusion saved above the form checks its ward here).
    let touched = RwSignal::new(false);
    let following = {
        let (session, province) = (session.clone(), province.clone());
        Memo::new(move |_| session.read(|store| decision_choices(store, &province, year).1))
    };
    Effect::new(move |_| {
        let wards = following.get();
        if !touched.get_untracked() {
            checked.set(wards);
        }
    });
    let outcome: RwSignal<Outcome> = RwSignal::new(None);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let Ok(day) = Date::parse_vi(date.get_untracked().trim()) else {
            outcome.set(Some((false, CycleMsg::BadDate.text(lang).to_owned())));
            return;
        };
        let decision = Decision {
            number: number.get_untracked().trim().to_owned(),
            date: day,
            signer: signer.get_untracked().trim().to_owned(),
            wards: checked.get_untracked(),
        };
        let (session, province) = (session.clone(), province.clone());
        spawn_local(async move {
            let result = cycle::record_decision(&session, &province, year, decision).await;
            outcome.set(Some(match result {
                Ok(()) => (true, CycleMsg::Saved.text(lang).to_owned()),
                Err(error) => (false, error.message(lang)),
            }));
        });
    };
    let text_field = move |id: &'static str, msg: CycleMsg, value: RwSignal<String>| {
        view! {
            <div class="pkm-field">
                <label for=id>{t(msg)}</label>
                <input id=id type="text" maxlength="10000" prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value()) />
            </div>
        }
    };
    view! {
        <form class="pkm-form" on:submit=save data-testid="decision-form">
            <h3>{t(CycleMsg::DecisionTitle)} " " {year}</h3>
            {text_field("decision-number", CycleMsg::DecisionNumber, number)}
            {text_field("decision-date", CycleMsg::DecisionDate, date)}
            {text_field("decision-signer", CycleMsg::DecisionSigner, signer)}
            <fieldset>
                <legend>{t(CycleMsg::DecisionWards)}</legend>
                {wards.into_iter().map(|(id, name)| view! { <WardCheck id name checked touched /> }).collect_view()}
            </fieldset>
            <button type="submit" class="pkm-button" data-testid="decision-save">
                {t(CycleMsg::SaveDecision)}
            </button>
            <OutcomeLine outcome testid="decision-message" />
        </form>
    }
}

/// One ward's box in the decision's list.
#[component]
fn WardCheck(
    /// The ward.
    id: UnitId,
    /// Its name.
    name: String,
    /// The wards checked.
    checked: RwSignal<BTreeSet<UnitId>>,
    /// Set once the person ticks a box.
    touched: RwSignal<bool>,
) -> impl IntoView {
    let element = format!("decision-ward-{id}");
    let label_for = element.clone();
    let (mine, toggled) = (id.clone(), id);
    view! {
        <label for=label_for class="pkm-check">
            <input
                type="checkbox"
                id=element
                data-ward=mine.to_string()
                prop:checked=move || checked.with(|set| set.contains(&mine))
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    touched.set(true);
                    checked.update(|set| {
                        if on {
                            set.insert(toggled.clone());
                        } else {
                            set.remove(&toggled);
                        }
                    });
                }
            />
            {name}
        </label>
    }
}

/// The year's recognition outcome on the dashboard: wards concluded, proposed (the new ones
/// against the quota) and recognised by the Minister's decision.
#[component]
pub fn CycleOutcome(
    /// The whole province's figures (their province and year).
    #[prop(into)]
    figures: Signal<Option<std::sync::Arc<pkm_core::ProvinceFigures>>>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let counts =
        Memo::new(move |_| {
            let figures = figures.get()?;
            Some(session.read(|store| {
                pkm_core::cycle::CycleCounts::of(store, &figures.province, figures.year)
            }))
        });
    view! {
        <section class="pkm-panel" aria-labelledby="cycle-outcome-title">
            <h3 id="cycle-outcome-title">{move || state.t(CycleMsg::OutcomeTitle)}</h3>
            <p data-testid="cycle-outcome">
                {move || {
                    counts
                        .get()
                        .map(|counts| state.lang.get().pick(counts.summary_vi(), counts.summary_en()))
                }}
            </p>
        </section>
    }
}

/// The wards whose track the cycle sets for the year after `year`: maintain for the wards the
/// decision recognised (and those that kept the model), none for those that lost it.
#[component]
fn NextTracks(
    /// The province.
    province: UnitId,
    /// The year reviewed.
    year: u16,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let next = year.saturating_add(1);
    let rows = Memo::new(move |_| {
        session.read(|store| {
            let registry = store.registry();
            store
                .cycle_tracks(&province, next)
                .into_iter()
                .map(|(ward, track)| {
                    let name = registry
                        .get(&ward)
                        .map(|unit| unit.name_vi.clone())
                        .unwrap_or_else(|| ward.to_string());
                    (ward, name, track)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="pkm-form">
            <h3>{move || state.t(CycleMsg::NextTracks)} " " {next}</h3>
            <ul data-testid="next-tracks">
                {move || {
                    let lang = state.lang.get();
                    rows.get()
                        .into_iter()
                        .map(|(ward, name, track)| {
                            let since = match track {
                                pkm_core::Track::Maintain { since_year } => format!(" ({since_year})"),
                                _ => String::new(),
                            };
                            view! {
                                <li data-ward=ward.to_string()>
                                    {name} ": " {crate::i18n::format::label(lang, &track)} {since}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
