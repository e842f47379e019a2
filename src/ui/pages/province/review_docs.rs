//! The review meeting's minutes (`/tinh/bien-ban`) and the proposal for recognition
//! (`/tinh/to-trinh`): the chosen year's and basis's figures as a document in the layout of
//! Nghị định 30/2020, the fields a person fills in once, the print button and the Word file.
//! The wards proposed are the core's (`documents::review::proposed`).

use leptos::prelude::*;
use pkm_core::documents::{DocumentFields, DocumentKind, review};

use super::common::ChoiceBar;
use super::dashboard::{paragraph, use_figures};
use crate::i18n::Lang;
use crate::i18n::document_fields::DocumentMsg;
use crate::state::ward::{ascii_file_part, today};
use crate::state::{use_app_state, use_session};
use crate::ui::components::document::{DocumentFieldsPanel, DocumentSheet, with_date};

/// The page of the minutes or of the proposal.
#[component]
pub fn ReviewDocumentPage(
    /// [`DocumentKind::ReviewMinutes`] or [`DocumentKind::RecognitionProposal`].
    kind: DocumentKind,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let (filtered, whole) = use_figures();
    let figures = Memo::new(move |_| filtered.get().and_then(|view| view.figures.ok()));
    let whole_figures = Memo::new(move |_| whole.get().and_then(|view| view.figures.ok()));
    let fields = RwSignal::new(DocumentFields::default());
    let document = Memo::new(move |_| {
        let current = figures.get()?;
        let whole_paragraph = whole_figures
            .get()
            .map(|whole| paragraph(Lang::Vi, &whole))
            .unwrap_or_default();
        let fields = with_date(fields.get(), today());
        Some(session.read(|store| match kind {
            DocumentKind::ReviewMinutes => {
                review::minutes(&current, store, &whole_paragraph, &fields)
            }
            _ => review::proposal(&current, store, &whole_paragraph, &fields),
        }))
    });
    let unit = Signal::derive(move || figures.with(|f| f.as_ref().map(|f| f.province.clone())));
    let file_name = Signal::derive(move || {
        figures
            .with(|f| {
                f.as_ref()
                    .map(|f| kind.file_name(&ascii_file_part(&f.province_name), f.year))
            })
            .unwrap_or_default()
    });
    let title = match kind {
        DocumentKind::ReviewMinutes => DocumentMsg::MinutesTitle,
        _ => DocumentMsg::ProposalTitle,
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            // Printing is refused only in unusual embeddings; nothing to recover then.
            let _ = window.print();
        }
    };
    view! {
        <div class="pkm-report-screen">
            <div class="pkm-no-print">
                <h2 data-testid="review-document-title">{move || state.t(title)}</h2>
                <p class="pkm-lead">{move || state.t(DocumentMsg::ReviewIntro)}</p>
                <ChoiceBar filters=false />
                <div class="pkm-actions">
                    <button type="button" class="pkm-button" data-testid="print" on:click=print>
                        {move || state.t(DocumentMsg::Print)}
                    </button>
                </div>
            </div>
            <DocumentFieldsPanel kind unit fields document=document file_name />
            {move || document.get().map(|document| view! { <DocumentSheet document /> })}
        </div>
    }
}
