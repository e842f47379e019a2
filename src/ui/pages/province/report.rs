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
use crate::i18n::documents::report;
use crate::i18n::province::ProvinceMsg;
use crate::state::ward::{ascii_file_part, today};
use crate::state::{use_app_state, use_session};
use crate::ui::components::document::{DocumentFieldsPanel, DocumentFoot, DocumentHead, with_date};
use pkm_core::documents::{Document, DocumentFields, DocumentKind, meeting};

/// The report screen.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = use_app_state();
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
    let session = use_session();
    let fields = RwSignal::new(DocumentFields::default());
    let document = Memo::new(move |_| {
        let current = figures.get()?;
        let whole_paragraph = whole_figures
            .get()
            .map(|whole| paragraph(Lang::Vi, &whole))
            .unwrap_or_default();
        let fields = with_date(fields.get(), today());
        Some(session.read(|store| meeting::document(&current, store, &whole_paragraph, &fields)))
    });
    let unit = Signal::derive(move || figures.with(|f| f.as_ref().map(|f| f.province.clone())));
    let file_name = Signal::derive(move || {
        figures
            .with(|f| {
                f.as_ref().map(|f| {
                    DocumentKind::MeetingReport
                        .file_name(&ascii_file_part(&f.province_name), f.year)
                })
            })
            .unwrap_or_default()
    });
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
            <DocumentFieldsPanel kind=DocumentKind::MeetingReport unit fields document=document file_name />
            {move || {
                let document = document.get()?;
                figures
                    .get()
                    .map(|current| {
                        let whole_paragraph = whole_figures
                            .get()
                            .map(|whole| paragraph(Lang::Vi, &whole))
                            .unwrap_or_default();
                        view! { <ReportDocument figures=current paragraph=whole_paragraph document /> }
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
    /// The document's head and foot (number, date, signer, recipients).
    document: Document,
) -> impl IntoView {
    let signal = Signal::derive({
        let figures = figures.clone();
        move || Some(figures.clone())
    });
    view! {
        <article class="pkm-report pkm-doc" lang="vi" data-testid="report">
            <DocumentHead document=document.clone() />
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
            <DocumentFoot document />
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
