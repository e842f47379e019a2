//! A document in the layout of Nghị định 30/2020 on screen and on paper ([`DocumentSheet`], or
//! its head and foot around a page's own body: [`DocumentHead`], [`DocumentFoot`]), and the
//! form of the fields a person fills in once per unit, with the Word download
//! ([`DocumentFieldsPanel`]). The document itself comes from the core's builders, so the print
//! and the `.docx` say the same.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::documents::{Block, DocTable, Document, DocumentFields, DocumentKind, Signer};
use pkm_core::{Date, UnitId};

use crate::i18n::document_fields::{self, DocumentMsg};
use crate::i18n::documents as text;
use crate::state::documents::{self as docs, DocumentError};
use crate::state::{use_app_state, use_session};

/// The header block: issuer and number on the left, the nation, the motto and the date on the
/// right, then the document type and its summary line.
#[component]
pub fn DocumentHead(
    /// The document.
    document: Document,
) -> impl IntoView {
    view! {
        <header class="pkm-doc__head">
            <div class="pkm-doc__issuer">
                <p>{document.parent_unit}</p>
                <p class="pkm-doc__strong pkm-doc__lined">{document.issuer}</p>
                <p class="pkm-doc__number" data-testid="document-number">{document.number}</p>
            </div>
            <div class="pkm-doc__nation">
                <p class="pkm-doc__strong pkm-doc__small">{text::NATION}</p>
                <p class="pkm-doc__strong pkm-doc__lined">{text::MOTTO}</p>
                <p class="pkm-doc__date" data-testid="document-date"><em>{document.place_date}</em></p>
            </div>
        </header>
        <h2 class="pkm-doc__title">
            {document.title}
            <br />
            <span class="pkm-doc__summary pkm-doc__lined">{document.summary}</span>
        </h2>
    }
}

/// The signature block, with "Nơi nhận:" on the left when one signer signs.
#[component]
pub fn DocumentFoot(
    /// The document.
    document: Document,
) -> impl IntoView {
    let recipients = document.recipients.clone();
    let (left, right) = match document.signers.as_slice() {
        [first, second, ..] => (
            view! { <SignerBlock signer=first.clone() /> }.into_any(),
            view! { <SignerBlock signer=second.clone() /> }.into_any(),
        ),
        [only] => (
            view! { <RecipientsBlock recipients /> }.into_any(),
            view! { <SignerBlock signer=only.clone() /> }.into_any(),
        ),
        [] => (
            view! { <RecipientsBlock recipients /> }.into_any(),
            ().into_any(),
        ),
    };
    view! {
        <footer class="pkm-doc__foot" data-testid="document-foot">
            <div class="pkm-doc__left">{left}</div>
            <div class="pkm-doc__right">{right}</div>
        </footer>
    }
}

#[component]
fn SignerBlock(signer: Signer) -> impl IntoView {
    view! {
        <div class="pkm-doc__signer">
            {signer.title.into_iter().map(|line| view! { <p class="pkm-doc__strong">{line}</p> }).collect_view()}
            <p><em>{signer.hint}</em></p>
            <p class="pkm-doc__strong pkm-doc__name">{signer.name}</p>
        </div>
    }
}

#[component]
fn RecipientsBlock(recipients: Vec<String>) -> impl IntoView {
    (!recipients.is_empty()).then(|| {
        view! {
            <div class="pkm-doc__recipients" data-testid="document-recipients">
                <p><strong><em>{text::RECIPIENTS}</em></strong></p>
                {recipients.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
            </div>
        }
    })
}

/// A body table.
fn table_view(table: DocTable) -> impl IntoView {
    let head = table
        .columns
        .into_iter()
        .map(|title| view! { <th scope="col">{title}</th> })
        .collect_view();
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .map(|cell| view! { <td>{cell}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="pkm-table pkm-doc__table">
            <thead><tr>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The body's blocks.
pub fn blocks_view(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Heading(line) => view! { <h3>{line}</h3> }.into_any(),
            Block::Paragraph(line) => view! { <p class="pkm-doc__body">{line}</p> }.into_any(),
            Block::Centered(line) => view! { <p class="pkm-doc__centered">{line}</p> }.into_any(),
            Block::Table(table) => table_view(table).into_any(),
            Block::PageBreak => view! { <div class="pkm-doc__page-break"></div> }.into_any(),
        })
        .collect_view()
}

/// A whole document: head, body, signatures, then any annex.
#[component]
pub fn DocumentSheet(
    /// The document.
    document: Document,
) -> impl IntoView {
    let blocks = document.blocks.clone();
    let annex = document.annex.clone();
    view! {
        <article class="pkm-doc" lang="vi" data-testid="document-sheet">
            <DocumentHead document=document.clone() />
            {blocks_view(blocks)}
            <DocumentFoot document />
            {blocks_view(annex)}
        </article>
    }
}

/// The fields with today's date when none was chosen: what a document is built from.
pub fn with_date(mut fields: DocumentFields, today: Option<Date>) -> DocumentFields {
    if fields.date.is_none() {
        fields.date = today;
    }
    fields
}

/// What the panel last did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Saved,
    Making,
    Made(String),
    Failed(DocumentError),
}

/// The fields of `kind` for `unit` (loaded once, saved on every change) and the Word download
/// of `document`. `fields` is the page's signal: its sheet follows what is typed.
#[component]
pub fn DocumentFieldsPanel(
    /// Which document.
    kind: DocumentKind,
    /// Whose fields (the issuing unit).
    #[prop(into)]
    unit: Signal<Option<UnitId>>,
    /// The fields, shared with the page's sheet.
    fields: RwSignal<DocumentFields>,
    /// The document to write, from the current fields.
    #[prop(into)]
    document: Signal<Option<Document>>,
    /// The `.docx` file's name.
    #[prop(into)]
    file_name: Signal<String>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let outcome: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let loaded_for: RwSignal<Option<UnitId>> = RwSignal::new(None);
    Effect::new({
        let session = session.clone();
        move |_| {
            let Some(unit) = unit.get() else { return };
            if loaded_for.get_untracked().as_ref() == Some(&unit) {
                return;
            }
            loaded_for.set(Some(unit.clone()));
            let session = session.clone();
            spawn_local(async move {
                match docs::load_fields(session.db(), &unit, kind).await {
                    Ok(found) => fields.set(found),
                    Err(error) => outcome.set(Some(Outcome::Failed(DocumentError::Failed(
                        error.message_vi(),
                    )))),
                }
            });
        }
    });
    let save = {
        let session = session.clone();
        move || {
            let Some(unit) = unit.get_untracked() else {
                return;
            };
            let current = fields.get_untracked();
            let session = session.clone();
            spawn_local(async move {
                let result = docs::save_fields(session.db(), &unit, kind, &current).await;
                outcome.set(Some(match result {
                    Ok(()) => Outcome::Saved,
                    Err(error) => Outcome::Failed(DocumentError::Failed(error.message_vi())),
                }));
            });
        }
    };
    let download = move |_| {
        let Some(document) = document.get_untracked() else {
            return;
        };
        let name = file_name.get_untracked();
        outcome.set(Some(Outcome::Making));
        spawn_local(async move {
            outcome.set(Some(match docs::download_docx(document, &name).await {
                Ok(()) => Outcome::Made(name),
                Err(error) => Outcome::Failed(error),
            }));
        });
    };
    let status = move || {
        let lang = state.lang.get();
        outcome.get().map(|outcome| match outcome {
            Outcome::Saved => state.t(DocumentMsg::Saved).to_owned(),
            Outcome::Making => state.t(DocumentMsg::Making).to_owned(),
            Outcome::Made(name) => document_fields::made(&name, lang),
            Outcome::Failed(error) => error.message(lang),
        })
    };
    view! {
        <section class="pkm-panel pkm-no-print pkm-doc-fields" aria-labelledby="doc-fields-title">
            <h3 id="doc-fields-title">{move || state.t(DocumentMsg::FieldsTitle)}</h3>
            <p class="pkm-hint">{move || state.t(DocumentMsg::FieldsHint)}</p>
            <FieldInputs kind fields on_change=Callback::new(move |()| save()) />
            <div class="pkm-actions">
                <button type="button" class="pkm-button pkm-button--primary" data-testid="download-docx"
                    on:click=download disabled=move || document.with(Option::is_none)>
                    {move || state.t(DocumentMsg::DownloadDocx)}
                </button>
            </div>
            <p role="status" aria-live="polite" data-testid="docx-status">{status}</p>
        </section>
    }
}

/// One labelled text box bound to a field.
fn text_box(
    id: &'static str,
    label: Signal<&'static str>,
    multiline: bool,
    fields: RwSignal<DocumentFields>,
    field: fn(&mut DocumentFields) -> &mut String,
    on_change: Callback<()>,
) -> impl IntoView {
    let value = move || fields.with(|current| field(&mut current.clone()).clone());
    let update = move |text: String| {
        fields.update(|current| *field(current) = text);
        on_change.run(());
    };
    let input = if multiline {
        view! {
            <textarea id=id data-testid=id rows="3" prop:value=value
                on:change:target=move |ev| update(ev.target().value())></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id data-testid=id type="text" prop:value=value
                on:change:target=move |ev| update(ev.target().value()) />
        }
        .into_any()
    };
    view! {
        <div class="pkm-field">
            <label for=id>{label}</label>
            {input}
        </div>
    }
}

/// The inputs of the fields; the secretary only for the minutes.
#[component]
fn FieldInputs(
    kind: DocumentKind,
    fields: RwSignal<DocumentFields>,
    on_change: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: DocumentMsg| Signal::derive(move || state.t(msg));
    let minutes = kind == DocumentKind::ReviewMinutes;
    let date = move || fields.with(|f| f.date.map(|d| d.to_iso()).unwrap_or_default());
    let set_date = move |text: String| {
        fields.update(|f| f.date = Date::parse_iso(&text).ok());
        on_change.run(());
    };
    view! {
        <div class="pkm-doc-fields__grid">
            {text_box("doc-number", t(DocumentMsg::Number), false, fields, |f| &mut f.number, on_change)}
            {text_box("doc-place", t(DocumentMsg::Place), false, fields, |f| &mut f.place, on_change)}
            <div class="pkm-field">
                <label for="doc-date">{t(DocumentMsg::Date)}</label>
                <input id="doc-date" data-testid="doc-date" type="date" min="2000-01-01" max="2100-12-31"
                    prop:value=date on:change:target=move |ev| set_date(ev.target().value()) />
            </div>
            {(!minutes).then(|| text_box("doc-signer-title", t(DocumentMsg::SignerTitle), true, fields, |f| &mut f.signer_title, on_change))}
            {text_box(
                "doc-signer-name",
                if minutes { t(DocumentMsg::ChairName) } else { t(DocumentMsg::SignerName) },
                false,
                fields,
                |f| &mut f.signer_name,
                on_change,
            )}
            {minutes.then(|| text_box("doc-secretary", t(DocumentMsg::Secretary), false, fields, |f| &mut f.secretary, on_change))}
            {(!minutes).then(|| text_box("doc-recipients", t(DocumentMsg::Recipients), true, fields, |f| &mut f.recipients, on_change))}
        </div>
    }
}
