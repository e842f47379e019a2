//! The dashboard's tables: figures per middle-level unit, requests by category, open action items
//! (overdue ones marked in words, not only in colour), and the wards with no bundle yet.

use std::sync::Arc;

use leptos::prelude::*;
use pkm_core::ProvinceFigures;
use pkm_core::dashboard::ratio;
use pkm_core::figures::TrackFigures;

use crate::i18n::province::{self, ProvinceMsg};
use crate::state::{use_app_state, use_session};
use crate::ui::components::scroll_region::ScrollRegion;
use crate::ui::markup::Markup;
use crate::ui::pages::province::common::{count, decimal, label};

fn track_cells(track: &TrackFigures) -> impl IntoView + use<> {
    view! {
        <td class="pkm-num">{track.total.to_string()}</td>
        <td class="pkm-num">{ratio(track.expected_complete, track.total)}</td>
        <td class="pkm-num">{ratio(track.complete, track.total)}</td>
    }
}

/// The table per middle-level unit, with the province's total.
#[component]
pub fn PerMiddleTable(
    /// The figures shown.
    #[prop(into)]
    figures: Signal<Option<Arc<ProvinceFigures>>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    // The catalogue's count of criteria, not a fixed "20/20".
    let criteria_total = move || figures.with(|f| f.as_ref().and_then(|f| f.criteria_total));
    let expected_full = move || province::column_expected_full(criteria_total(), state.lang.get());
    let complete_full = move || province::column_complete_full(criteria_total(), state.lang.get());
    view! {
        <section class="pkm-panel" aria-labelledby="middle-title">
            <h3 id="middle-title">{t(ProvinceMsg::PerMiddleTitle)}</h3>
            <ScrollRegion labelled_by="middle-title">
                <table class="pkm-table" data-testid="per-middle">
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">{t(ProvinceMsg::ColumnUnit)}</th>
                            <th scope="colgroup" colspan="3">{t(ProvinceMsg::MaintainedTitle)}</th>
                            <th scope="colgroup" colspan="3">{t(ProvinceMsg::NewTitle)}</th>
                        </tr>
                        <tr>
                            <th scope="col">{t(ProvinceMsg::ColumnTotal)}</th>
                            <th scope="col">{expected_full}</th>
                            <th scope="col">{complete_full}</th>
                            <th scope="col">{t(ProvinceMsg::ColumnTotal)}</th>
                            <th scope="col">{expected_full}</th>
                            <th scope="col">{complete_full}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            figures
                                .get()
                                .map(|figures| {
                                    figures
                                        .per_middle
                                        .iter()
                                        .map(|row| {
                                            let name = if row.unit.is_none() {
                                                state.t(ProvinceMsg::DirectlyUnderProvince).to_string()
                                            } else {
                                                row.name_vi.clone()
                                            };
                                            view! {
                                                <tr>
                                                    <th scope="row">{name}</th>
                                                    {track_cells(&row.maintained)}
                                                    {track_cells(&row.new)}
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </tbody>
                    <tfoot>
                        {move || {
                            figures
                                .get()
                                .map(|figures| {
                                    view! {
                                        <tr>
                                            <th scope="row">{t(ProvinceMsg::TotalRow)}</th>
                                            {track_cells(&figures.maintained)}
                                            {track_cells(&figures.new)}
                                        </tr>
                                    }
                                })
                        }}
                    </tfoot>
                </table>
            </ScrollRegion>
        </section>
    }
}

/// Requests by category: how many, and the summed quantities per unit of measure.
#[component]
pub fn RequestsTable(
    /// The figures shown.
    #[prop(into)]
    figures: Signal<Option<Arc<ProvinceFigures>>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <section class="pkm-panel" aria-labelledby="requests-title">
            <h3 id="requests-title">{t(ProvinceMsg::RequestsTitle)}</h3>
            <table class="pkm-table" data-testid="requests">
                <thead>
                    <tr>
                        <th scope="col">{t(ProvinceMsg::ColumnCategory)}</th>
                        <th scope="col">{t(ProvinceMsg::ColumnRequests)}</th>
                        <th scope="col">{t(ProvinceMsg::ColumnQuantity)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = state.lang.get();
                        figures
                            .get()
                            .map(|figures| {
                                figures
                                    .requests
                                    .iter()
                                    .map(|total| {
                                        let quantities = total
                                            .quantities
                                            .iter()
                                            .map(|(unit, quantity)| {
                                                format!("{} {unit}", decimal(lang, *quantity, 2))
                                                    .trim()
                                                    .to_string()
                                            })
                                            .collect::<Vec<_>>()
                                            .join("; ");
                                        view! {
                                            <tr>
                                                <th scope="row">{label(lang, &total.category)}</th>
                                                <td class="pkm-num">{count(lang, total.count)}</td>
                                                <td>{quantities}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </tbody>
            </table>
        </section>
    }
}

/// Open action items, by deadline; overdue ones say so.
#[component]
pub fn ActionsTable(
    /// The figures shown.
    #[prop(into)]
    figures: Signal<Option<Arc<ProvinceFigures>>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        // Laid out only near the screen (style/province.css, `.pkm-panel--long`).
        <section
            class="pkm-panel pkm-panel--long"
            aria-labelledby="actions-title"
            style:contain-intrinsic-size=move || {
                let rows = figures.with(|figures| figures.as_ref().map_or(0, |figures| figures.open_actions.len()));
                format!("auto {}px", 200 + rows * 44)
            }
        >
            <h3 id="actions-title">{t(ProvinceMsg::ActionsTitle)}</h3>
            <p class="pkm-hint">
                {move || {
                    figures
                        .get()
                        .map(|figures| {
                            province::open_actions(
                                figures.open_actions.len(),
                                figures.overdue_actions,
                                &figures.today.to_vi(),
                                state.lang.get(),
                            )
                        })
                }}
            </p>
            <ScrollRegion labelled_by="actions-title">
                <table class="pkm-table" data-testid="actions">
                    <thead>
                        <tr>
                            <th scope="col">{t(ProvinceMsg::ColumnWard)}</th>
                            <th scope="col">{t(ProvinceMsg::ColumnCriterion)}</th>
                            <th scope="col">{t(ProvinceMsg::ColumnTask)}</th>
                            <th scope="col">{t(ProvinceMsg::ColumnOwner)}</th>
                            <th scope="col">{t(ProvinceMsg::ColumnDeadline)}</th>
                            <th scope="col">{t(ProvinceMsg::ColumnState)}</th>
                        </tr>
                    </thead>
                    // Thousands of plain rows: one piece of markup (see `crate::ui::markup`).
                    <tbody inner_html=move || {
                        let overdue = state.t(ProvinceMsg::Overdue);
                        let on_time = state.t(ProvinceMsg::OnTime);
                        figures.with(|figures| {
                            let Some(figures) = figures else {
                                return String::new();
                            };
                            let mut markup = Markup::new();
                            for row in &figures.open_actions {
                                let class = row.overdue.then_some("pkm-overdue");
                                markup.open("tr", &[("class", class)]);
                                markup.element("th", &[("scope", Some("row"))], &row.ward_name);
                                let criterion = row.item.criterion.as_ref().map(|id| id.as_str());
                                markup.element("td", &[], criterion.unwrap_or_default());
                                markup.element("td", &[], &row.item.task);
                                markup.element("td", &[], &row.item.owner);
                                let deadline = row.item.deadline.map(|date| date.to_vi());
                                markup.element("td", &[], deadline.as_deref().unwrap_or_default());
                                markup.element("td", &[], if row.overdue { overdue } else { on_time });
                                markup.close("tr");
                            }
                            markup.into_string()
                        })
                    }></tbody>
                </table>
            </ScrollRegion>
        </section>
    }
}

/// The wards with no assessment (no bundle) for the year.
#[component]
pub fn MissingWards(
    /// The figures shown.
    #[prop(into)]
    figures: Signal<Option<Arc<ProvinceFigures>>>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let names = Memo::new(move |_| {
        figures.with(|figures| {
            figures.as_ref().map(|figures| {
                session.read(|store| {
                    figures
                        .wards_without_assessment
                        .iter()
                        .map(|ward| {
                            let name = store
                                .unit(ward)
                                .map(|unit| unit.name_vi.clone())
                                .unwrap_or_else(|| ward.to_string());
                            // The track last year's decision or conclusion gives it (issue 24).
                            (ward.clone(), name, store.next_track(ward, figures.year))
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    view! {
        <section class="pkm-panel" aria-labelledby="missing-title">
            <h3 id="missing-title">{t(ProvinceMsg::MissingTitle)}</h3>
            {move || {
                let names = names.get().unwrap_or_default();
                if names.is_empty() {
                    view! { <p data-testid="missing-none">{t(ProvinceMsg::MissingNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul data-testid="missing-wards">
                            {names
                                .into_iter()
                                .map(|(ward, name, track)| {
                                    let lang = state.lang.get();
                                    let track = track.map(|track| cycle_track(lang, &track));
                                    view! { <li data-ward=ward.to_string()>{name} {track}</li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// " — Duy trì (2024)": the track the cycle gives a ward that has sent nothing yet.
fn cycle_track(lang: crate::i18n::Lang, track: &pkm_core::Track) -> String {
    let since = match track {
        pkm_core::Track::Maintain { since_year } => format!(" ({since_year})"),
        _ => String::new(),
    };
    format!(" — {}{since}", crate::i18n::format::label(lang, track))
}
