//! The dashboard of a year (`/tinh`): the headline figures as the review meeting states them, the
//! generated paragraph, the outputs, the table per middle-level unit, the ward × criterion matrix,
//! the chart of the criteria most often missed, the years side by side, requests, open action items and the wards with no
//! bundle yet — all for the chosen province, year, basis and filters.

mod chart;
mod country;
mod headline;
mod matrix;
mod tables;
mod years;

use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

use pkm_core::figures::country::CountryFigures;
use pkm_core::{ProvinceFigures, summary_paragraph_en, summary_paragraph_vi};

use super::common::ChoiceBar;
use super::cycle::CycleOutcome;
use super::outputs::OutputButtons;
use crate::i18n::Lang;
use crate::i18n::province::ProvinceMsg;
use crate::state::province::context::DashboardView;
use crate::state::province::use_province;
use crate::state::{use_app_state, use_session};

pub use chart::MissesChart;
pub use country::CountryDashboard;
pub use headline::Headline;
pub use matrix::MatrixTable;
pub use tables::{ActionsTable, MissingWards, PerMiddleTable, RequestsTable};
pub use years::YearsComparison;

/// The figures the dashboard shows (filtered) and the whole province's (for the paragraph).
pub fn use_figures() -> (Memo<Option<DashboardView>>, Memo<Option<DashboardView>>) {
    figures_unless(None)
}

/// As [`use_figures`], unless `country` holds the country's figures: the dashboard shows those
/// instead, and no province's figures are computed.
fn figures_unless(
    country: Option<Memo<Option<Arc<CountryFigures>>>>,
) -> (Memo<Option<DashboardView>>, Memo<Option<DashboardView>>) {
    let session = use_session();
    let province = use_province();
    let filtered = {
        let session = session.clone();
        Memo::new(move |_| {
            if country.is_some_and(|country| country.with(Option::is_some)) {
                return None;
            }
            province.view(&session, true)
        })
    };
    // Computed the first time a filter is set (a memo runs when it is read), then kept while the
    // filters change: the whole province's figures do not depend on them.
    let unfiltered = Memo::new(move |_| province.view(&session, false));
    let whole = Memo::new(move |_| {
        if province.filter.with(|filter| filter.is_all()) {
            filtered.get()
        } else {
            unfiltered.get()
        }
    });
    (filtered, whole)
}

/// The meeting's paragraph for `figures`, in `lang`.
pub fn paragraph(lang: Lang, figures: &ProvinceFigures) -> String {
    lang.pick(summary_paragraph_vi(figures), summary_paragraph_en(figures))
}

/// The dashboard screen.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_app_state();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let session = use_session();
    // The whole country (the level above the provinces), when chosen or when the store holds
    // several provinces' units and none is chosen; then one province's figures are not computed.
    let country = Memo::new(move |_| province.country_view(&session));
    let is_country = move || country.with(Option::is_some);
    let (filtered, whole) = figures_unless(Some(country));
    let figures = Memo::new(move |_| filtered.get().and_then(|view| view.figures.ok()));
    let whole_figures = Memo::new(move |_| whole.get().and_then(|view| view.figures.ok()));
    let problem = move || match filtered.get() {
        None if is_country() => None,
        None => Some(state.t(ProvinceMsg::NoProvinceHelp).to_string()),
        Some(view) => view.figures.err().map(|error| {
            state
                .lang
                .get()
                .pick(error.message_vi(), error.message_en())
        }),
    };
    view! {
        <div class="pkm-dashboard" aria-labelledby="dashboard-title">
            <h2 id="dashboard-title">{t(ProvinceMsg::DashboardTitle)}</h2>
            <ChoiceBar filters=true country=true />
            <Show when=is_country>
                <CountryDashboard figures=country />
            </Show>
            {move || {
                problem()
                    .map(|message| {
                        view! {
                            <div class="pkm-notice" role="status" data-testid="dashboard-problem">
                                <p>{message}</p>
                                <p>
                                    <A href="/tinh/nhap">{t(ProvinceMsg::NavImport)}</A>
                                    " · "
                                    <A href="/tinh/thiet-lap">{t(ProvinceMsg::NavSetup)}</A>
                                </p>
                            </div>
                        }
                    })
            }}
            <Show when=move || figures.with(Option::is_some)>
                <Headline figures=figures />
                <section class="pkm-panel" aria-labelledby="paragraph-title">
                    <h3 id="paragraph-title">{t(ProvinceMsg::ParagraphTitle)}</h3>
                    <p class="pkm-paragraph" data-testid="summary-paragraph">
                        {move || {
                            whole_figures
                                .get()
                                .map(|figures| paragraph(state.lang.get(), &figures))
                        }}
                    </p>
                    <Show when=move || !province.filter.with(|filter| filter.is_all())>
                        <p class="pkm-hint">{t(ProvinceMsg::ParagraphWholeProvince)}</p>
                    </Show>
                </section>
                <CycleOutcome figures=whole_figures />
                <OutputButtons figures=figures />
                <PerMiddleTable figures=figures />
                <MatrixTable figures=figures />
                <MissesChart figures=figures />
                <YearsComparison />
                <div class="pkm-columns">
                    <RequestsTable figures=figures />
                    <MissingWards figures=figures />
                </div>
                <ActionsTable figures=figures />
            </Show>
        </div>
    }
}
