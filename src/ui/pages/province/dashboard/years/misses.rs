//! The criteria most often missed, per year, drawn as SVG from the core's layout
//! ([`pkm_core::chart::years::misses_by_year_chart`]): under each year's heading its most missed
//! criteria, numbered and titled as that year's catalogue gives them (criteria are not matched
//! across years), on one scale; each year's bars have their own fill, every bar its value. A
//! table holds the same figures.

use leptos::prelude::*;
use pkm_core::chart::LABEL_WIDTH;
use pkm_core::chart::years::{YearMissesChart, misses_by_year_chart};
use pkm_core::figures::CriterionMiss;
use pkm_core::years::YearResults;

use crate::i18n::years::{self as text, YearsMsg};
use crate::i18n::{Lang, Text};

/// How many criteria each year shows at most.
pub const PER_YEAR: usize = 5;

fn fill(pattern: usize) -> &'static str {
    match pattern {
        0 => "url(#pkm-years-reached)",
        1 => "url(#pkm-years-expected)",
        _ => "url(#pkm-years-not-reached)",
    }
}

/// The misses per year: heading, chart and table.
#[component]
pub fn MissesPerYear(
    /// The years.
    years: Vec<YearResults>,
    /// The language.
    lang: Lang,
) -> impl IntoView {
    let input: Vec<(u16, &[CriterionMiss])> = years
        .iter()
        .map(|year| (year.year, year.misses.as_slice()))
        .collect();
    let chart = misses_by_year_chart(&input, PER_YEAR);
    let rows = table_rows(&chart, lang);
    view! {
        <h4 id="years-misses-title">{YearsMsg::MissesTitle.text(lang)}</h4>
        <p class="pkm-hint">{YearsMsg::MissesIntro.text(lang)}</p>
        <MissesSvg chart=chart lang=lang />
        <div class="pkm-scroll">
            <table class="pkm-table" data-testid="years-misses-table">
                <caption>{YearsMsg::MissesTitle.text(lang)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{YearsMsg::Year.text(lang)}</th>
                        <th scope="col">{YearsMsg::Criterion.text(lang)}</th>
                        <th scope="col">{YearsMsg::Wards.text(lang)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The table's rows: one per bar, or one per year without misses.
fn table_rows(chart: &YearMissesChart, lang: Lang) -> impl IntoView + use<> {
    let criterion = YearsMsg::Criterion.text(lang);
    chart
        .sections
        .iter()
        .flat_map(|section| {
            let year = section.year.to_string();
            if section.bars.is_empty() {
                return vec![
                    view! {
                        <tr data-year=year.clone()>
                            <th scope="row">{year.clone()}</th>
                            <td colspan="2">{YearsMsg::NoMisses.text(lang)}</td>
                        </tr>
                    }
                    .into_any(),
                ];
            }
            section
                .bars
                .iter()
                .map(|bar| {
                    view! {
                        <tr data-year=year.clone()>
                            <th scope="row">{year.clone()}</th>
                            <td>{format!("{criterion} {} — {}", bar.number, bar.title_vi)}</td>
                            <td>{bar.value.to_string()}</td>
                        </tr>
                    }
                    .into_any()
                })
                .collect()
        })
        .collect_view()
}

/// The SVG of the misses per year.
#[component]
fn MissesSvg(
    /// The laid-out chart.
    chart: YearMissesChart,
    /// The language.
    lang: Lang,
) -> impl IntoView {
    let criterion = YearsMsg::Criterion.text(lang);
    let description = chart
        .sections
        .iter()
        .flat_map(|section| {
            section
                .bars
                .iter()
                .map(move |bar| text::miss_description(section.year, bar.number, bar.value, lang))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let sections = chart
        .sections
        .iter()
        .map(|section| {
            let none = section.bars.is_empty().then(|| {
                view! {
                    <text x=LABEL_WIDTH.to_string() y=(section.heading_y + pkm_core::chart::ROW_HEIGHT).to_string() font-style="italic">{YearsMsg::NoMisses.text(lang)}</text>
                }
            });
            let bars = section
                .bars
                .iter()
                .map(|bar| {
                    view! {
                        <g class="pkm-chart__bar" data-number=bar.number.to_string() data-value=bar.value.to_string()>
                            <text x=(LABEL_WIDTH - 8.0).to_string() y=bar.text_y.to_string() text-anchor="end">{format!("{criterion} {}", bar.number)}</text>
                            <rect x=bar.x.to_string() y=bar.y.to_string() width=bar.width.to_string() height=bar.height.to_string() fill=fill(bar.pattern) stroke="#1f1b16" stroke-width="1">
                                <title>{format!("{} — {criterion} {}: {}", section.year, bar.number, bar.title_vi)}</title>
                            </rect>
                            <text x=bar.value_x.to_string() y=bar.text_y.to_string() class="pkm-chart__value">{bar.value.to_string()}</text>
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g class="pkm-years__section" data-year=section.year.to_string()>
                    <text x="0" y=section.heading_y.to_string() class="pkm-chart__value">{format!("{} {}", YearsMsg::Year.text(lang), section.year)}</text>
                    {none}
                    {bars}
                </g>
            }
        })
        .collect_view();
    let ticks = chart
        .ticks
        .iter()
        .map(|tick| {
            view! {
                <g class="pkm-chart__tick">
                    <line x1=tick.x.to_string() x2=tick.x.to_string() y1="0" y2=(chart.axis_y + 4.0).to_string() stroke="#b9b0a4" stroke-dasharray="2 3" />
                    <text x=tick.x.to_string() y=(chart.axis_y + 18.0).to_string() text-anchor="middle">{tick.value.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    view! {
        <svg class="pkm-chart__svg" viewBox=view_box width=chart.width.to_string() height=chart.height.to_string() role="img" aria-labelledby="years-misses-svg-title years-misses-svg-desc" data-testid="years-misses-chart">
            <title id="years-misses-svg-title">{YearsMsg::MissesTitle.text(lang)}</title>
            <desc id="years-misses-svg-desc">{description}</desc>
            {ticks}
            {sections}
        </svg>
    }
}
