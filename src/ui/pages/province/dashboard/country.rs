//! The dashboard of the level above the provinces (issue 28): the whole country's figures as the
//! core computes them ([`CountryFigures`]): the totals (maintained and new units, the quotas
//! summed, what needs attention), a line per province, and the criteria most often missed.
//! A province's own units (its unit list, matrix and tables) are one choice away: its name in
//! the table opens that province's dashboard, so the first screen holds 34 lines, not 3,321.

use std::sync::Arc;

use leptos::prelude::*;
use pkm_core::dashboard::ratio;
use pkm_core::figures::TrackFigures;
use pkm_core::figures::country::{CountryFigures, Counts};

use crate::i18n::Lang;

use crate::i18n::country::{self, CountryMsg};
use crate::i18n::province::{self as texts, ProvinceMsg};
use crate::state::province::use_province;
use crate::state::{StorageError, use_app_state, use_session};
use crate::ui::components::scroll_region::ScrollRegion;
use crate::ui::components::storage_error::StorageErrorView;
use crate::ui::pages::province::common::{count, label};

/// The country's figures shown.
type Figures = Signal<Option<Arc<CountryFigures>>>;

/// How many of the most missed criteria are listed.
const MISSES_SHOWN: usize = 10;

/// The country's dashboard.
#[component]
pub fn CountryDashboard(
    /// The figures shown.
    #[prop(into)]
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: CountryMsg| move || state.t(msg);
    let scope = move || {
        figures.with(|figures| {
            figures.as_ref().map(|figures| {
                let lang = state.lang.get();
                country::scope_line(
                    figures.year,
                    &count(lang, figures.provinces.len()),
                    &count(lang, figures.total.assessed),
                    label(lang, &figures.basis),
                    lang,
                )
            })
        })
    };
    view! {
        <section class="pkm-headline" aria-labelledby="country-title" data-testid="country">
            <h3 id="country-title">{t(CountryMsg::Title)}</h3>
            <p class="pkm-basis" data-testid="country-scope">{scope}</p>
            <div class="pkm-cards pkm-cards--figures">
                <TrackCard figures maintained=true />
                <TrackCard figures maintained=false />
                <AttentionCard figures />
            </div>
        </section>
        <PerProvinceTable figures />
        <CountryMisses figures />
    }
}

/// A track's card: how many units, how many expect every criterion met, how many met them all
/// (and, for new units, the quotas summed).
#[component]
fn TrackCard(
    /// The figures shown.
    figures: Figures,
    /// Maintained units, else new ones.
    maintained: bool,
) -> impl IntoView {
    let state = use_app_state();
    let track = move || {
        figures.with(|figures| {
            figures.as_ref().map(|figures| {
                let total = &figures.total;
                let track = if maintained {
                    total.maintained
                } else {
                    total.new
                };
                (track, figures.criteria_total, total.quota)
            })
        })
    };
    let (title, testid) = if maintained {
        (ProvinceMsg::MaintainedTitle, "country-maintained")
    } else {
        (ProvinceMsg::NewTitle, "country-new")
    };
    view! {
        <article class="pkm-figure" data-testid=testid>
            <h4>{move || state.t(title)}</h4>
            <p class="pkm-figure__big">
                <span data-testid=format!("{testid}-total")>
                    {move || track().map(|(track, _, _)| count(state.lang.get(), track.total))}
                </span>
            </p>
            {move || {
                let (track, total, quota) = track()?;
                let lang = state.lang.get();
                let quota = (!maintained)
                    .then(|| {
                        view! {
                            <dt>{state.t(CountryMsg::ColumnQuota)}</dt>
                            <dd>{quota.map(|quota| count(lang, quota as usize))}</dd>
                        }
                    });
                Some(
                    view! {
                        <dl class="pkm-figure__list">
                            {quota}
                            <dt>{texts::column_expected_full(total, lang)}</dt>
                            <dd>{ratio(track.expected_complete, track.total)}</dd>
                            <dt>{texts::column_complete_full(total, lang)}</dt>
                            <dd>{ratio(track.complete, track.total)}</dd>
                        </dl>
                    },
                )
            }}
        </article>
    }
}

/// What needs attention in the whole country.
#[component]
fn AttentionCard(
    /// The figures shown.
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let shown = move |read: fn(&CountryFigures) -> usize| {
        move || {
            figures.with(|figures| {
                figures
                    .as_ref()
                    .map(|figures| count(state.lang.get(), read(figures)))
            })
        }
    };
    view! {
        <article class="pkm-figure pkm-figure--attention" data-testid="country-attention">
            <h4>{t(ProvinceMsg::AttentionTitle)}</h4>
            <dl class="pkm-figure__list">
                <dt>{t(ProvinceMsg::WardsWithoutBundle)}</dt>
                <dd>{shown(|figures| figures.total.without_assessment)}</dd>
                <dt>{t(ProvinceMsg::OverdueActions)}</dt>
                <dd>{shown(|figures| figures.total.open_actions.1)}</dd>
                <dt>{t(ProvinceMsg::UntrackedWards)}</dt>
                <dd>{shown(|figures| figures.total.untracked)}</dd>
                <dt>{t(ProvinceMsg::ConflictsInFigures)}</dt>
                <dd>{shown(|figures| figures.total.conflicts)}</dd>
            </dl>
        </article>
    }
}

/// A track's three cells: total, expected complete, complete.
/// A row's cells after its name: units assessed, each track's three, the quota, units on no
/// track, wards without an assessment. A province's line and the total row are the same.
fn count_cells(counts: &Counts, lang: Lang) -> impl IntoView + use<> {
    view! {
        <td class="pkm-num">{count(lang, counts.assessed)}</td>
        {track_cells(&counts.maintained)}
        {track_cells(&counts.new)}
        <td class="pkm-num">{counts.quota.map(|quota| count(lang, quota as usize))}</td>
        <td class="pkm-num">{count(lang, counts.untracked)}</td>
        <td class="pkm-num">{count(lang, counts.without_assessment)}</td>
    }
}

fn track_cells(track: &TrackFigures) -> impl IntoView + use<> {
    view! {
        <td class="pkm-num">{track.total.to_string()}</td>
        <td class="pkm-num">{ratio(track.expected_complete, track.total)}</td>
        <td class="pkm-num">{ratio(track.complete, track.total)}</td>
    }
}

/// The head of the table per province: the two tracks' three columns under their titles.
#[component]
fn ProvinceTableHead(
    /// The figures shown (their catalogue's count of criteria names two columns).
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: CountryMsg| move || state.t(msg);
    let p = move |msg: ProvinceMsg| move || state.t(msg);
    let criteria_total = move || figures.with(|f| f.as_ref().and_then(|f| f.criteria_total));
    let expected_full = move || texts::column_expected_full(criteria_total(), state.lang.get());
    let complete_full = move || texts::column_complete_full(criteria_total(), state.lang.get());
    view! {
        <thead>
            <tr>
                <th scope="col" rowspan="2">{t(CountryMsg::ColumnProvince)}</th>
                <th scope="col" rowspan="2">{t(CountryMsg::ColumnAssessed)}</th>
                <th scope="colgroup" colspan="3">{p(ProvinceMsg::MaintainedTitle)}</th>
                <th scope="colgroup" colspan="3">{p(ProvinceMsg::NewTitle)}</th>
                <th scope="col" rowspan="2">{t(CountryMsg::ColumnQuota)}</th>
                <th scope="col" rowspan="2">{t(CountryMsg::ColumnUntracked)}</th>
                <th scope="col" rowspan="2">{t(CountryMsg::ColumnMissing)}</th>
            </tr>
            <tr>
                <th scope="col">{p(ProvinceMsg::ColumnTotal)}</th>
                <th scope="col">{expected_full}</th>
                <th scope="col">{complete_full}</th>
                <th scope="col">{p(ProvinceMsg::ColumnTotal)}</th>
                <th scope="col">{expected_full}</th>
                <th scope="col">{complete_full}</th>
            </tr>
        </thead>
    }
}

/// The table per province, with the country's total.
#[component]
fn PerProvinceTable(
    /// The figures shown.
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let province = use_province();
    let session = use_session();
    // Why the last choice was not stored (it is kept for this visit all the same).
    let failed = RwSignal::new(None::<StorageError>);
    let t = move |msg: CountryMsg| move || state.t(msg);
    let rows = move || {
        let lang = state.lang.get();
        let figures = figures.get()?;
        Some(
            figures
                .provinces
                .iter()
                .map(|line| {
                    let id = line.province.to_string();
                    let name = line.name_vi.clone();
                    let session = session.clone();
                    let row_id = id.clone();
                    view! {
                        <tr data-province=row_id>
                            <th scope="row">
                                <button
                                    type="button"
                                    class="pkm-link-button"
                                    aria-label=country::open_province(&name, lang)
                                    on:click=move |_| {
                                        let (session, id) = (session.clone(), id.clone());
                                        leptos::task::spawn_local(async move {
                                            failed.set(province.choose(&session, id).await.err());
                                        });
                                    }
                                >
                                    {name.clone()}
                                </button>
                            </th>
                            {count_cells(&line.counts, lang)}
                        </tr>
                    }
                })
                .collect_view(),
        )
    };
    let total = move || {
        let lang = state.lang.get();
        let figures = figures.get()?;
        Some(view! {
            <tr>
                <th scope="row">{state.t(CountryMsg::TotalRow)}</th>
                {count_cells(&figures.total, lang)}
            </tr>
        })
    };
    view! {
        <section class="pkm-panel" aria-labelledby="provinces-title">
            <h3 id="provinces-title">{t(CountryMsg::PerProvinceTitle)}</h3>
            <p class="pkm-hint">{t(CountryMsg::PerProvinceHint)}</p>
            {move || failed.get().map(|error| view! { <StorageErrorView error /> })}
            {move || {
                figures
                    .with(|figures| figures.as_ref().is_some_and(|f| f.provinces.is_empty()))
                    .then(|| view! { <p role="status">{state.t(CountryMsg::Empty)}</p> })
            }}
            <ScrollRegion labelled_by="provinces-title">
                <table class="pkm-table" data-testid="country-provinces">
                    <ProvinceTableHead figures />
                    <tbody>{rows}</tbody>
                    <tfoot>{total}</tfoot>
                </table>
            </ScrollRegion>
        </section>
    }
}

/// The criteria most often missed in the whole country.
#[component]
fn CountryMisses(
    /// The figures shown.
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: CountryMsg| move || state.t(msg);
    let rows = move || {
        let lang = state.lang.get();
        let figures = figures.get()?;
        if figures.misses.is_empty() {
            return Some(
                view! {
                    <tr>
                        <td colspan="2">{state.t(CountryMsg::NoMisses)}</td>
                    </tr>
                }
                .into_any(),
            );
        }
        Some(
            figures
                .misses
                .iter()
                .take(MISSES_SHOWN)
                .map(|miss| {
                    view! {
                        <tr>
                            <th scope="row">{format!("{}. {}", miss.number, miss.title_vi)}</th>
                            <td class="pkm-num">{count(lang, miss.units)}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any(),
        )
    };
    view! {
        <section class="pkm-panel" aria-labelledby="country-misses-title">
            <h3 id="country-misses-title">{t(CountryMsg::MissesTitle)}</h3>
            <table class="pkm-table" data-testid="country-misses">
                <thead>
                    <tr>
                        <th scope="col">{t(CountryMsg::ColumnCriterion)}</th>
                        <th scope="col">{t(CountryMsg::ColumnMissingUnits)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
