//! The province's years side by side on the dashboard (issue 24, step 4): the wards per track
//! and result, proposed and recognised, per year, drawn as SVG from the core's layout
//! ([`pkm_core::chart::years::results_chart`]), with the criteria most often missed per year
//! ([`misses`]). Every column carries its total, every segment tall enough its value, each kind
//! of segment its own fill (solid, hatched, cross-hatched, dotted, striped) so the chart reads in
//! black and white; the SVG has a description and a table holds the same figures for screen
//! readers.

mod misses;

use leptos::prelude::*;
use pkm_core::chart::years::{Column, Fill, ResultsChart, results_chart};
use pkm_core::years::YearResults;

use crate::i18n::years::{self as text, YearsMsg};
use crate::i18n::{Lang, Text};
use crate::state::province::use_province;
use crate::state::province::years::years_view;
use crate::state::{use_app_state, use_session};

/// The SVG fill of a segment (patterns defined by [`FillPatterns`]).
fn fill(kind: Fill) -> &'static str {
    match kind {
        Fill::Reached => "url(#pkm-years-reached)",
        Fill::Expected => "url(#pkm-years-expected)",
        Fill::NotReached => "url(#pkm-years-not-reached)",
        Fill::Proposed => "url(#pkm-years-proposed)",
        Fill::Recognised => "url(#pkm-years-recognised)",
    }
}

/// A fill's name in the DOM (`data-fill`).
fn fill_key(kind: Fill) -> &'static str {
    match kind {
        Fill::Reached => "reached",
        Fill::Expected => "expected",
        Fill::NotReached => "not-reached",
        Fill::Proposed => "proposed",
        Fill::Recognised => "recognised",
    }
}

/// The comparison's panel.
#[component]
pub fn YearsComparison() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let years = Memo::new(move |_| years_view(&province, &session).and_then(Result::ok));
    let t = move |msg: YearsMsg| move || state.t(msg);
    view! {
        <section class="pkm-panel pkm-chart pkm-years" aria-labelledby="years-title" data-testid="years-comparison">
            <h3 id="years-title">{t(YearsMsg::Title)}</h3>
            <p class="pkm-hint">{t(YearsMsg::Intro)}</p>
            {move || {
                let lang = state.lang.get();
                years
                    .get()
                    .map(|years| {
                        view! {
                            <h4 id="years-results-title">{t(YearsMsg::ResultsTitle)}</h4>
                            <ResultsSvg chart=results_chart(&years) lang=lang />
                            <ResultsTable years=years.clone() lang=lang />
                            <misses::MissesPerYear years=years lang=lang />
                        }
                    })
            }}
        </section>
    }
}

/// The segments' values for screen readers: "đạt 8, dự kiến đạt 6, chưa đạt 2" (empty for a
/// column of one segment).
fn parts(column: &Column, lang: Lang) -> String {
    if column.segments.len() < 2 {
        return String::new();
    }
    column
        .segments
        .iter()
        .map(|segment| {
            format!(
                "{} {}",
                text::fill_name(segment.fill, lang).to_lowercase(),
                segment.value
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The chart's SVG with its key.
#[component]
fn ResultsSvg(
    /// The laid-out chart.
    chart: ResultsChart,
    /// The language of the labels.
    lang: Lang,
) -> impl IntoView {
    let description = chart
        .groups
        .iter()
        .flat_map(|group| {
            group.columns.iter().map(|column| {
                text::column_description(
                    group.year,
                    text::series_name(column.series, lang),
                    column.total,
                    &parts(column, lang),
                )
            })
        })
        .collect::<Vec<_>>()
        .join("; ");
    let ticks = chart
        .ticks
        .iter()
        .map(|tick| {
            view! {
                <g class="pkm-chart__tick">
                    <line x1=chart.axis_x.to_string() x2=chart.width.to_string() y1=tick.y.to_string() y2=tick.y.to_string() stroke="#b9b0a4" stroke-dasharray="2 3" />
                    <text x=(chart.axis_x - 6.0).to_string() y=(tick.y + 4.0).to_string() text-anchor="end">{tick.value.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let groups = chart
        .groups
        .iter()
        .map(|group| {
            let columns = group.columns.iter().map(|column| column_view(group.year, column, &chart, lang)).collect_view();
            view! {
                <g class="pkm-years__year" data-year=group.year.to_string()>
                    {columns}
                    <text x=group.center_x.to_string() y=chart.year_label_y.to_string() text-anchor="middle" class="pkm-chart__value">{group.year.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    view! {
        <svg class="pkm-chart__svg" viewBox=view_box width=chart.width.to_string() height=chart.height.to_string() role="img" aria-labelledby="years-svg-title years-svg-desc" data-testid="years-chart">
            <title id="years-svg-title">{YearsMsg::ResultsTitle.text(lang)}</title>
            <desc id="years-svg-desc">{description}</desc>
            <FillPatterns />
            {ticks}
            <line x1=chart.axis_x.to_string() x2=chart.width.to_string() y1=chart.baseline.to_string() y2=chart.baseline.to_string() stroke="#1f1b16" />
            {groups}
        </svg>
        <Key lang=lang />
    }
}

/// One column: its segments (each with its value when tall enough), its total above it and its
/// short label under it.
fn column_view(
    year: u16,
    column: &Column,
    chart: &ResultsChart,
    lang: Lang,
) -> impl IntoView + use<> {
    let middle = column.x + column.width / 2.0;
    let name = text::series_name(column.series, lang);
    let segments = column
        .segments
        .iter()
        .filter(|segment| segment.value > 0)
        .map(|segment| {
            let value = segment.text_y.map(|y| {
                view! {
                    <text x=middle.to_string() y=y.to_string() text-anchor="middle" class="pkm-years__inside">{segment.value.to_string()}</text>
                }
            });
            view! {
                <rect x=column.x.to_string() y=segment.y.to_string() width=column.width.to_string() height=segment.height.to_string() fill=fill(segment.fill) stroke="#1f1b16" stroke-width="1" data-fill=fill_key(segment.fill) data-value=segment.value.to_string()>
                    <title>{format!("{year}, {name}: {} {}", text::fill_name(segment.fill, lang), segment.value)}</title>
                </rect>
                {value}
            }
        })
        .collect_view();
    view! {
        <g class="pkm-years__column" data-series=series_key(column) data-total=column.total.to_string()>
            {segments}
            <text x=middle.to_string() y=column.total_y.to_string() text-anchor="middle" class="pkm-chart__value">{column.total.to_string()}</text>
            <text x=middle.to_string() y=chart.series_label_y.to_string() text-anchor="middle" class="pkm-years__series">{text::series_short(column.series, lang)}</text>
        </g>
    }
}

/// A column's series in the DOM (`data-series`).
fn series_key(column: &Column) -> &'static str {
    use pkm_core::chart::years::Series;
    match column.series {
        Series::Maintain => "maintain",
        Series::New => "new",
        Series::Proposed => "proposed",
        Series::Recognised => "recognised",
    }
}

/// The key: the columns' short labels and the fills.
#[component]
fn Key(
    /// The language.
    lang: Lang,
) -> impl IntoView {
    use pkm_core::chart::years::Series;
    let series = Series::ALL
        .iter()
        .map(|series| {
            view! { <li><strong>{text::series_short(*series, lang)}</strong> " — " {text::series_name(*series, lang)}</li> }
        })
        .collect_view();
    let fills = Fill::ALL
        .iter()
        .map(|kind| {
            view! {
                <li>
                    <svg width="18" height="14" aria-hidden="true" class="pkm-years__swatch">
                        <rect width="18" height="14" fill=fill(*kind) stroke="#1f1b16" />
                    </svg>
                    " " {text::fill_name(*kind, lang)}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="pkm-years__key" data-testid="years-key">{series}{fills}</ul>
    }
}

/// The same figures as a table (the chart's text alternative).
#[component]
fn ResultsTable(
    /// The years.
    years: Vec<YearResults>,
    /// The language.
    lang: Lang,
) -> impl IntoView {
    use pkm_core::chart::years::Series;
    let head = |series: Series| {
        let name = text::series_name(series, lang);
        view! { <th scope="col">{name}</th> }
    };
    let rows = years
        .iter()
        .map(|year| {
            let track = |results: &pkm_core::years::TrackResults| {
                format!(
                    "{} ({} {}, {} {}, {} {})",
                    results.total(),
                    text::fill_name(Fill::Reached, lang).to_lowercase(),
                    results.reached,
                    text::fill_name(Fill::Expected, lang).to_lowercase(),
                    results.expected,
                    text::fill_name(Fill::NotReached, lang).to_lowercase(),
                    results.not_reached
                )
            };
            view! {
                <tr data-year=year.year.to_string()>
                    <th scope="row">{year.year.to_string()}</th>
                    <td>{track(&year.maintain)}</td>
                    <td>{track(&year.new)}</td>
                    <td>{year.proposed.to_string()}</td>
                    <td>{year.recognised.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="pkm-scroll">
            <table class="pkm-table" data-testid="years-table">
                <caption>{YearsMsg::ResultsTable.text(lang)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{YearsMsg::Year.text(lang)}</th>
                        {head(Series::Maintain)}
                        {head(Series::New)}
                        {head(Series::Proposed)}
                        {head(Series::Recognised)}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The five fills: solid, hatched, cross-hatched, dotted, striped (they read in black and
/// white).
#[component]
fn FillPatterns() -> impl IntoView {
    view! {
        <defs>
            <pattern id="pkm-years-reached" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#1f3a5f" />
            </pattern>
            <pattern id="pkm-years-expected" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#dbe6f3" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#1f3a5f" stroke-width="2.5" />
            </pattern>
            <pattern id="pkm-years-not-reached" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#ffffff" />
                <path d="M0 0L6 6M6 0L0 6" stroke="#7a1f1f" stroke-width="1" />
            </pattern>
            <pattern id="pkm-years-proposed" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#fbefd5" />
                <circle cx="3" cy="3" r="1.4" fill="#5a3d00" />
            </pattern>
            <pattern id="pkm-years-recognised" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#d7ead9" />
                <line x1="0" y1="3" x2="6" y2="3" stroke="#1e4d2b" stroke-width="2.5" />
            </pattern>
        </defs>
    }
}
