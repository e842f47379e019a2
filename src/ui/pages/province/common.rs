//! Small pieces the province screens share: language-dependent labels and numbers, and the
//! choice bar (province, year, basis, track and parent filters) of the dashboard and the report.

use leptos::prelude::*;
use pkm_core::dashboard::{self, DashboardFilter, TrackFilter};
use pkm_core::figures::country;
use pkm_core::{Basis, UnitId};

use crate::i18n::country::CountryMsg;
use crate::i18n::province::ProvinceMsg;
use crate::state::province::context::COUNTRY;
use crate::state::province::{profile, time, use_province};
use crate::state::{StorageError, use_app_state, use_session};
use crate::ui::components::storage_error::StorageErrorView;

pub use crate::i18n::format::{count, decimal, label};

/// What the choice bar offers, read from the store.
#[derive(Clone, Debug, PartialEq)]
struct Choices {
    /// The province chosen, if any.
    chosen: Option<UnitId>,
    /// The provinces, id and name.
    provinces: Vec<(UnitId, String)>,
    /// Whether the whole country is offered (the dashboard of a store holding assessed units of
    /// several provinces), and whether it is the choice.
    country: (bool, bool),
    /// The years to choose from, newest first.
    years: Vec<u16>,
    /// The year chosen.
    year: Option<u16>,
    /// The units that may be a parent filter, id and name.
    parents: Vec<(UnitId, String)>,
}

/// The years offered for `assessed` ones with `year` chosen: those, the chosen year, this year
/// and the year after the latest assessed one (the next year a province starts, its wards on
/// the tracks the cycle gives them, issue 24), newest first.
fn years_offered(mut years: Vec<u16>, year: u16) -> Vec<u16> {
    let next = years.iter().max().map(|latest| latest.saturating_add(1));
    for extra in [Some(year), Some(time::current_year()), next]
        .into_iter()
        .flatten()
    {
        if !years.contains(&extra) {
            years.push(extra);
        }
    }
    years.sort_unstable_by(|left, right| right.cmp(left));
    years
}

/// The choices, kept in step with the store and the province context. `country`: offer the
/// whole country (the dashboard).
fn choices_memo(country: bool) -> Memo<Choices> {
    let session = use_session();
    let province = use_province();
    Memo::new(move |_| {
        session.read(|store| {
            let chosen = province.province(store);
            let provinces = dashboard::provinces(store);
            let registry = store.registry();
            let offered = country
                && (province
                    .profile
                    .with(|profile| profile.province.as_deref() == Some(COUNTRY))
                    || country::assessed_provinces(store, &registry) > 1);
            if offered && province.is_country(store, &registry) {
                let year = province.country_year(store);
                return Choices {
                    chosen,
                    provinces,
                    country: (true, true),
                    years: years_offered(country::country_years(store), year),
                    year: Some(year),
                    parents: Vec::new(),
                };
            }
            let (years, year, parents) = match &chosen {
                Some(id) => {
                    let year = province.year_for(store, &registry, id);
                    let years = dashboard::assessed_years(store, &registry, id);
                    (
                        years_offered(years, year),
                        Some(year),
                        dashboard::parent_choices(&registry, id),
                    )
                }
                None => (Vec::new(), None, Vec::new()),
            };
            Choices {
                chosen,
                provinces,
                country: (offered, false),
                years,
                year,
                parents,
            }
        })
    })
}

/// The choice bar: province, year, basis and (when `filters`) track and parent unit.
#[component]
pub fn ChoiceBar(
    /// Whether to show the track and parent filters.
    filters: bool,
    /// Hide the self-assessed / after-review switch (screens where it changes nothing).
    #[prop(optional)]
    no_basis: bool,
    /// Offer the whole country when the store holds several provinces (the dashboard).
    #[prop(optional)]
    country: bool,
) -> impl IntoView {
    let choices = choices_memo(country);
    // The track and parent filters narrow one province's figures.
    let filters = move || filters && !choices.with(|choices| choices.country.1);
    view! {
        <form class="pkm-choices" on:submit=|ev| ev.prevent_default() data-testid="choices">
            <ProvinceSelect choices />
            <YearSelect choices />
            {(!no_basis).then(|| view! { <BasisSwitch /> })}
            <Show when=filters>
                <TrackSelect />
                <ParentSelect choices />
            </Show>
        </form>
    }
}

/// The province select; a new choice is stored in the profile and resets the year and filters.
#[component]
fn ProvinceSelect(
    /// What the bar offers.
    choices: Memo<Choices>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let db = session.db().clone();
    // Why the last choice was not stored (it is kept for this visit all the same).
    let failed = RwSignal::new(None::<StorageError>);
    let save_province = move |id: String| {
        province
            .profile
            .update(|profile| profile.province = Some(id));
        province.year.set(None);
        province.filter.set(DashboardFilter::default());
        let db = db.clone();
        let value = province.profile.get_untracked();
        leptos::task::spawn_local(async move {
            // The choice is kept for this visit even if storing it fails, and says why.
            failed.set(profile::save(&db, &value).await.err());
        });
    };
    view! {
        <div class="pkm-field">
            <label for="choice-province">{t(ProvinceMsg::ChoiceProvince)}</label>
            <select
                id="choice-province"
                on:change:target=move |ev| save_province(ev.target().value())
            >
                {move || {
                    let Choices { chosen, provinces, country: (offered, country), .. } = choices
                        .get();
                    if provinces.is_empty() {
                        return view! {
                            <option value="">{t(ProvinceMsg::NoProvinceYet)}</option>
                        }
                            .into_any();
                    }
                    // The level above the provinces: every province's figures side by side.
                    let whole = offered
                        .then(|| {
                            view! {
                                <option value=COUNTRY selected=country>
                                    {move || state.t(CountryMsg::Choice)}
                                </option>
                            }
                        });
                    let each = provinces
                        .into_iter()
                        .map(|(id, name)| {
                            let selected = !country && chosen.as_ref() == Some(&id);
                            view! {
                                <option value=id.to_string() selected=selected>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view();
                    view! { {whole} {each} }.into_any()
                }}
            </select>
            {move || failed.get().map(|error| view! { <StorageErrorView error /> })}
        </div>
    }
}

/// The year select.
#[component]
fn YearSelect(
    /// What the bar offers.
    choices: Memo<Choices>,
) -> impl IntoView {
    let state = use_app_state();
    let province = use_province();
    view! {
        <div class="pkm-field">
            <label for="choice-year">{move || state.t(ProvinceMsg::ChoiceYear)}</label>
            <select
                id="choice-year"
                data-testid="choice-year"
                on:change:target=move |ev| {
                    province.year.set(ev.target().value().parse().ok())
                }
            >
                {move || {
                    let Choices { years, year, .. } = choices.get();
                    years
                        .into_iter()
                        .map(|option| {
                            view! {
                                <option value=option.to_string() selected=Some(option) == year>
                                    {option.to_string()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The self-assessed / after-review switch.
#[component]
fn BasisSwitch() -> impl IntoView {
    let state = use_app_state();
    let province = use_province();
    view! {
        <fieldset class="pkm-field pkm-segmented">
            <legend>{move || state.t(ProvinceMsg::ChoiceBasis)}</legend>
            {[Basis::SelfAssessed, Basis::AfterReview]
                .into_iter()
                .map(|basis| {
                    let id = match basis {
                        Basis::SelfAssessed => "basis-self",
                        Basis::AfterReview => "basis-review",
                    };
                    view! {
                        <label for=id>
                            <input
                                type="radio"
                                id=id
                                name="basis"
                                prop:checked=move || province.basis.get() == basis
                                on:change=move |_| province.basis.set(basis)
                            />
                            {move || label(state.lang.get(), &basis)}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The track filter.
#[component]
fn TrackSelect() -> impl IntoView {
    let state = use_app_state();
    let province = use_province();
    view! {
        <div class="pkm-field">
            <label for="choice-track">{move || state.t(ProvinceMsg::ChoiceTrack)}</label>
            <select
                id="choice-track"
                data-testid="choice-track"
                on:change:target=move |ev| {
                    let track = TrackFilter::from_code(&ev.target().value());
                    province.filter.update(|filter| filter.track = track);
                }
            >
                {TrackFilter::ALL
                    .into_iter()
                    .map(|track| {
                        view! {
                            <option
                                value=track.code()
                                selected=move || province.filter.with(|f| f.track == track)
                            >
                                {move || label(state.lang.get(), &track)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The parent-unit filter.
#[component]
fn ParentSelect(
    /// What the bar offers.
    choices: Memo<Choices>,
) -> impl IntoView {
    let state = use_app_state();
    let province = use_province();
    view! {
        <div class="pkm-field">
            <label for="choice-parent">{move || state.t(ProvinceMsg::ChoiceParent)}</label>
            <select
                id="choice-parent"
                data-testid="choice-parent"
                on:change:target=move |ev| {
                    let parent = UnitId::new(ev.target().value()).ok();
                    province.filter.update(|filter| filter.parent = parent);
                }
            >
                <option value="" selected=move || province.filter.with(|f| f.parent.is_none())>
                    {move || state.t(ProvinceMsg::WholeProvince)}
                </option>
                {move || {
                    choices
                        .get()
                        .parents
                        .into_iter()
                        .map(|(id, name)| {
                            let selected = province
                                .filter
                                .with_untracked(|f| f.parent.as_ref() == Some(&id));
                            view! {
                                <option value=id.to_string() selected=selected>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
