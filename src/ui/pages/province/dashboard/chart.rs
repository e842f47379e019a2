//! The chart of the criteria most often missed, drawn as SVG from the core's layout
//! ([`pkm_core::chart::misses_chart`]). Bars carry their value as text and one of three fills (solid,
//! hatched, cross-hatched) so the chart reads when printed in black and white; the titles are
//! listed under the chart.

use std::sync::Arc;

use leptos::prelude::*;
use pkm_core::ProvinceFigures;
use pkm_core::chart::{BarChart, LABEL_WIDTH, misses_chart};

use crate::i18n::province::{self, ProvinceMsg};
use crate::i18n::{Lang, Text};
use crate::state::use_app_state;

/// How many criteria the chart shows at most.
pub const CHART_LIMIT: usize = 10;

fn fill(pattern: usize) -> &'static str {
    match pattern {
        0 => "url(#pkm-fill-solid)",
        1 => "url(#pkm-fill-hatch)",
        _ => "url(#pkm-fill-cross)",
    }
}

/// The chart and its key.
#[component]
pub fn MissesChart(
    /// The figures shown.
    #[prop(into)]
    figures: Signal<Option<Arc<ProvinceFigures>>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let chart = Memo::new(move |_| {
        figures.with(|figures| {
            figures
                .as_ref()
                .map(|figures| misses_chart(&figures.misses, CHART_LIMIT))
        })
    });
    view! {
        <section class="pkm-panel pkm-chart" aria-labelledby="chart-title">
            <h3 id="chart-title">{t(ProvinceMsg::ChartTitle)}</h3>
            {move || {
                let lang = state.lang.get();
                chart
                    .get()
                    .map(|chart| {
                        if chart.bars.is_empty() {
                            view! {
                                <p data-testid="chart-empty">{t(ProvinceMsg::ChartEmpty)}</p>
                            }
                                .into_any()
                        } else {
                            view! { <ChartSvg chart=chart lang=lang /> }.into_any()
                        }
                    })
            }}
        </section>
    }
}

/// The SVG itself.
#[component]
fn ChartSvg(
    /// The laid-out chart.
    chart: BarChart,
    /// The language of the labels.
    lang: Lang,
) -> impl IntoView {
    let criterion = ProvinceMsg::ChartCriterion.text(lang);
    let description = chart
        .bars
        .iter()
        .map(|bar| province::chart_bar(bar.number, bar.value, lang))
        .collect::<Vec<_>>()
        .join("; ");
    let bars = bar_views(&chart, criterion);
    let ticks = tick_views(&chart);
    let key = chart
        .bars
        .iter()
        .map(|bar| {
            view! {
                <li>
                    <strong>{format!("{criterion} {}", bar.number)}</strong>
                    {format!(" — {} ({})", bar.title_vi, bar.value)}
                </li>
            }
        })
        .collect_view();
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    view! {
        <svg
            class="pkm-chart__svg"
            viewBox=view_box
            width=chart.width.to_string()
            height=chart.height.to_string()
            role="img"
            aria-labelledby="chart-svg-title chart-svg-desc"
            data-testid="misses-chart"
        >
            <title id="chart-svg-title">
                {ProvinceMsg::ChartTitle.text(lang)}
            </title>
            <desc id="chart-svg-desc">{description}</desc>
            <FillPatterns />
            {ticks}
            <line
                x1=LABEL_WIDTH.to_string()
                x2=LABEL_WIDTH.to_string()
                y1="0"
                y2=chart.axis_y.to_string()
                stroke="#1f1b16"
            />
            {bars}
        </svg>
        <ol class="pkm-chart__key" data-testid="chart-key">{key}</ol>
    }
}

/// The bars, each with its criterion's number, its value and a title (a tooltip).
fn bar_views(chart: &BarChart, criterion: &str) -> impl IntoView + use<> {
    chart
        .bars
        .iter()
        .map(|bar| {
            view! {
                <g class="pkm-chart__bar">
                    <text x=(LABEL_WIDTH - 8.0).to_string() y=bar.text_y.to_string() text-anchor="end">
                        {format!("{criterion} {}", bar.number)}
                    </text>
                    <rect
                        x=bar.x.to_string()
                        y=bar.y.to_string()
                        width=bar.width.to_string()
                        height=bar.height.to_string()
                        fill=fill(bar.pattern)
                        stroke="#1f1b16"
                        stroke-width="1"
                    >
                        <title>{format!("{criterion} {}: {}", bar.number, bar.title_vi)}</title>
                    </rect>
                    <text x=bar.value_x.to_string() y=bar.text_y.to_string() class="pkm-chart__value">
                        {bar.value.to_string()}
                    </text>
                </g>
            }
        })
        .collect_view()
}

/// The value axis' ticks and their dashed lines.
fn tick_views(chart: &BarChart) -> impl IntoView + use<> {
    chart
        .ticks
        .iter()
        .map(|tick| {
            view! {
                <g class="pkm-chart__tick">
                    <line
                        x1=tick.x.to_string()
                        x2=tick.x.to_string()
                        y1="0"
                        y2=(chart.axis_y + 4.0).to_string()
                        stroke="#b9b0a4"
                        stroke-dasharray="2 3"
                    />
                    <text x=tick.x.to_string() y=(chart.axis_y + 18.0).to_string() text-anchor="middle">
                        {tick.value.to_string()}
                    </text>
                </g>
            }
        })
        .collect_view()
}

/// The three fills of the bars: solid, hatched, cross-hatched (they read when printed in black
/// and white).
#[component]
fn FillPatterns() -> impl IntoView {
    view! {
        <defs>
            <pattern id="pkm-fill-solid" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#7a1f1f" />
            </pattern>
            <pattern id="pkm-fill-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#f3d9d9" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#7a1f1f" stroke-width="3" />
            </pattern>
            <pattern id="pkm-fill-cross" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#ffffff" />
                <path d="M0 0L6 6M6 0L0 6" stroke="#7a1f1f" stroke-width="1.2" />
            </pattern>
        </defs>
    }
}
