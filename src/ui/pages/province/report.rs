//! The printable meeting report (`/tinh/bao-cao`): an A4 document in Vietnamese for the review
//! meeting ("họp xét, đánh giá") with the official header, the headline figures and paragraph, the
//! table per middle-level unit, the ward × criterion matrix, the chart of the criteria most often
//! missed, requests, open action items, wards with no bundle, and signature lines. The choice bar
//! and the buttons are hidden when printing (see `style/province.css`).

use std::sync::Arc;

use leptos::prelude::*;
use pkm_core::ProvinceFigures;
use pkm_core::dashboard::{quota_line_vi, track_line_vi};

use super::common::ChoiceBar;
use super::dashboard::{
    ActionsTable, MatrixTable, MissesChart, MissingWards, PerMiddleTable, RequestsTable, paragraph,
    use_figures,
};
use super::outputs::OutputButtons;
use crate::i18n::Lang;
use crate::i18n::documents::{self, report};
use crate::i18n::province::ProvinceMsg;
use crate::state::province::use_province;
use crate::state::use_app_state;

/// The report screen.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = use_app_state();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let (filtered, whole) = use_figures();
    let figures = Memo::new(move |_| filtered.get().and_then(|view| view.figures.ok()));
    let whole_figures = Memo::new(move |_| whole.get().and_then(|view| view.figures.ok()));
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            // Printing is refused only in unusual embeddings; nothing to recover then.
            let _ = window.print();
        }
    };
    let signal: Signal<Option<Arc<ProvinceFigures>>> = figures.into();
    view! {
        <div class="pkm-report-screen">
            <div class="pkm-no-print">
                <h2>{t(ProvinceMsg::ReportTitle)}</h2>
                <p class="pkm-lead">{t(ProvinceMsg::ReportIntro)}</p>
                <ChoiceBar filters=true />
                <div class="pkm-actions">
                    <button type="button" class="pkm-button pkm-button--primary" data-testid="print" on:click=print>
                        {t(ProvinceMsg::Print)}
                    </button>
                </div>
                <OutputButtons figures=signal without_report_link=true />
            </div>
            {move || {
                figures
                    .get()
                    .map(|current| {
                        let reviewer = province.profile.with(|profile| profile.reviewer.clone());
                        let whole_paragraph = whole_figures
                            .get()
                            .map(|whole| paragraph(Lang::Vi, &whole))
                            .unwrap_or_default();
                        view! { <ReportDocument figures=current paragraph=whole_paragraph reviewer /> }
                    })
            }}
        </div>
    }
}

/// The printed document itself (always in Vietnamese, the working language of the meeting).
#[component]
fn ReportDocument(
    /// The figures reported.
    figures: Arc<ProvinceFigures>,
    /// The meeting's paragraph (of the whole province).
    paragraph: String,
    /// The reviewer's name, for the signature block.
    reviewer: String,
) -> impl IntoView {
    let signal = Signal::derive({
        let figures = figures.clone();
        move || Some(figures.clone())
    });
    view! {
        <article class="pkm-report" lang="vi" data-testid="report">
            <header class="pkm-report__head">
                <div class="pkm-report__issuer">
                    <p>{report::MINISTRY}</p>
                    <p class="pkm-report__strong">{figures.province_name.to_uppercase()}</p>
                </div>
                <div class="pkm-report__motto">
                    <p class="pkm-report__strong">{report::NATION}</p>
                    <p class="pkm-report__underline">{documents::MOTTO}</p>
                    <p class="pkm-report__date"><em>{report::date_line(&figures)}</em></p>
                </div>
            </header>
            <h2 class="pkm-report__title">
                {report::TITLE}
                <br />
                {report::title(figures.year)}
            </h2>
            <p class="pkm-report__subtitle">{report::SUBTITLE}</p>
            <p class="pkm-report__basis">{report::basis(figures.basis)}</p>
            <ResultsSection figures=figures.clone() paragraph />
            <section class="pkm-report__section">
                <h3>{report::PER_MIDDLE}</h3>
                <PerMiddleTable figures=signal />
            </section>
            <section class="pkm-report__section pkm-report__section--break">
                <h3>{report::MATRIX}</h3>
                <MatrixTable figures=signal />
            </section>
            <section class="pkm-report__section">
                <h3>{report::MISSES}</h3>
                <MissesChart figures=signal />
            </section>
            <section class="pkm-report__section">
                <h3>{report::REQUESTS}</h3>
                <RequestsTable figures=signal />
            </section>
            <section class="pkm-report__section">
                <h3>{report::ACTIONS}</h3>
                <ActionsTable figures=signal />
            </section>
            <section class="pkm-report__section">
                <h3>{report::MISSING}</h3>
                <MissingWards figures=signal />
            </section>
            <footer class="pkm-report__signatures">
                <div>
                    <p class="pkm-report__strong">{documents::WRITER}</p>
                    <p class="pkm-report__sign-hint"><em>{documents::SIGN_HINT}</em></p>
                    <p class="pkm-report__signer">{reviewer}</p>
                </div>
                <div>
                    <p class="pkm-report__strong">{report::PROVINCE_HEAD}</p>
                    <p class="pkm-report__sign-hint"><em>{documents::SIGN_AND_STAMP_HINT}</em></p>
                    <p class="pkm-report__signer"></p>
                </div>
            </footer>
        </article>
    }
}

/// Section I: the headline figures, the meeting's paragraph, and what "20/20" means.
#[component]
fn ResultsSection(
    /// The figures reported.
    figures: Arc<ProvinceFigures>,
    /// The meeting's paragraph (of the whole province).
    paragraph: String,
) -> impl IntoView {
    let full = crate::i18n::province::full(figures.criteria_total, Lang::Vi);
    view! {
        <section>
            <h3>{report::RESULTS}</h3>
            <ol class="pkm-report__figures" data-testid="report-figures">
                <li>
                    <strong>{report::MAINTAINED}</strong>
                    {track_line_vi(&figures.maintained, figures.criteria_total)}
                    "."
                </li>
                <li>
                    <strong>{report::NEW}</strong>
                    {track_line_vi(&figures.new, figures.criteria_total)}
                    ". "
                    {quota_line_vi(&figures)}
                    "."
                </li>
                <li>{report::attention(&figures)}</li>
            </ol>
            <p class="pkm-paragraph" data-testid="report-paragraph">{paragraph}</p>
            <p class="pkm-report__note">{report::full_note(&full)}</p>
        </section>
    }
}
