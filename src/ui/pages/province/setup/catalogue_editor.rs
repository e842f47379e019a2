//! The catalogue editor (issue 29): start a new catalogue from one the office has (the draft,
//! last year's) or from nothing; type its groups and criteria (every keystroke saved on this
//! device); see its problems and a preview as the ward's form will show it; import it from a
//! spreadsheet or download the template; publish it with its issuing document, which adds an
//! official catalogue that is never edited again (a correction starts a new draft from it).

mod rows;
mod sheet;

use leptos::prelude::*;
use pkm_core::catalogue_diff::CatalogueDiff;
use pkm_core::catalogue_draft::{CatalogueDraft, DraftField, DraftPlace};
use pkm_core::{Catalogue, CatalogueId, CatalogueStatus};

use super::catalogues::DiffView;
use crate::i18n::Text;
use crate::i18n::catalogue_editor::{self as texts, EditorMsg};
use crate::state::province::catalogue_draft::{self, DraftEditor, PublishError};
use crate::state::{use_app_state, use_session};
use crate::ui::components::save_indicator::SaveIndicator;

/// The start choice's value for "nothing": not a catalogue id any office has.
const EMPTY_CHOICE: &str = "-";

/// The editor's section of the setup screen.
#[component]
pub fn CatalogueEditor() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let editor = DraftEditor::new(&session);
    let message: super::FormMessage = RwSignal::new(None);
    let t = move |msg: EditorMsg| move || state.t(msg);
    let has_draft = move || editor.draft.with(Option::is_some);
    view! {
        <section class="pkm-panel pkm-editor" aria-labelledby="editor-title" data-testid="catalogue-editor">
            <h3 id="editor-title">{t(EditorMsg::Title)}</h3>
            <p class="pkm-hint">{t(EditorMsg::Intro)}</p>
            <SaveIndicator status=editor.status() />
            <Show when=move || !editor.loading.get() fallback=move || view! { <p>{t(EditorMsg::Loading)}</p> }>
                <Show when=has_draft fallback=move || view! { <StartForm editor /> }>
                    <DraftForm editor message />
                </Show>
            </Show>
            <super::FormStatus message />
        </section>
    }
}

/// Choosing what a new draft starts from.
#[component]
fn StartForm(
    /// The editor.
    editor: DraftEditor,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: EditorMsg| move || state.t(msg);
    let options = {
        let session = session.clone();
        Memo::new(move |_| {
            session.read(|store| {
                let mut list: Vec<(String, String)> = store
                    .catalogues()
                    .values()
                    .map(|catalogue| {
                        let label = format!(
                            "{} ({}, {})",
                            catalogue.title_vi,
                            catalogue.id,
                            catalogue.status.label_vi()
                        );
                        (catalogue.id.to_string(), label)
                    })
                    .collect();
                list.sort_by(|a, b| b.0.cmp(&a.0));
                list
            })
        })
    };
    let chosen = RwSignal::new(String::new());
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = chosen.get_untracked();
        let picked = if picked.is_empty() {
            options
                .get_untracked()
                .first()
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        } else {
            picked
        };
        let from = CatalogueId::new(picked)
            .ok()
            .filter(|id| id.as_str() != EMPTY_CHOICE)
            .and_then(|id| session.read_untracked(|store| store.catalogue(&id).cloned()));
        editor.start(
            from.as_ref()
                .map_or_else(CatalogueDraft::empty, CatalogueDraft::from_catalogue),
        );
    };
    view! {
        <form class="pkm-form pkm-form--inline" on:submit=start data-testid="editor-start">
            <div class="pkm-field">
                <label for="editor-start-from">{t(EditorMsg::StartFrom)}</label>
                <select id="editor-start-from" on:change:target=move |ev| chosen.set(ev.target().value())>
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(id, label)| view! { <option value=id>{label}</option> })
                            .collect_view()
                    }}
                    <option value=EMPTY_CHOICE>{t(EditorMsg::StartEmpty)}</option>
                </select>
            </div>
            <button type="submit" class="pkm-button pkm-button--primary">{t(EditorMsg::Start)}</button>
        </form>
    }
}

/// The draft being typed: its fields, rows, problems, preview, spreadsheet and publishing.
#[component]
fn DraftForm(
    /// The editor.
    editor: DraftEditor,
    /// Where publishing and importing say what they did.
    message: super::FormMessage,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: EditorMsg| move || state.t(msg);
    let based_on = move || {
        let lang = state.lang.get();
        editor.draft.with(|draft| {
            draft
                .as_ref()
                .and_then(|draft| draft.based_on.as_ref())
                .map(|id| texts::based_on(id.as_str(), lang))
        })
    };
    view! {
        <form class="pkm-form pkm-editor__form" on:submit=|ev| ev.prevent_default() on:focusout=move |_| editor.flush()>
            <p class="pkm-hint">{based_on}</p>
            <fieldset class="pkm-fieldset">
                <legend>{t(EditorMsg::CatalogueFields)}</legend>
                <rows::DraftInput editor place=DraftPlace::Catalogue field=DraftField::CatalogueTitleVi />
                <rows::DraftInput editor place=DraftPlace::Catalogue field=DraftField::CatalogueTitleEn />
            </fieldset>
            <rows::GroupRows editor />
            <Problems editor />
            <Preview editor />
        </form>
        <sheet::SheetImport editor message />
        <PublishForm editor message />
    }
}

/// Every problem of the draft, named by group, criterion and field.
#[component]
fn Problems(
    /// The editor.
    editor: DraftEditor,
) -> impl IntoView {
    let state = use_app_state();
    let problems = Memo::new(move |_| {
        editor.draft.with(|draft| {
            draft
                .as_ref()
                .map(CatalogueDraft::problems)
                .unwrap_or_default()
        })
    });
    view! {
        <div class="pkm-editor__problems" data-testid="editor-problems" aria-live="polite">
            {move || {
                let lang = state.lang.get();
                let list = problems.get();
                if list.is_empty() {
                    view! { <p class="pkm-ok">{EditorMsg::NoProblems.text(lang)}</p> }.into_any()
                } else {
                    view! {
                        <p>{EditorMsg::ProblemsTitle.text(lang)}</p>
                        <ul class="pkm-error">
                            {list
                                .into_iter()
                                .map(|problem| view! { <li>{lang.pick(problem.message_vi(), problem.message_en())}</li> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// The criteria as the ward's form will show them: numbered in order, by group.
#[component]
fn Preview(
    /// The editor.
    editor: DraftEditor,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <details class="pkm-editor__preview" data-testid="editor-preview" open>
            <summary>{move || state.t(EditorMsg::PreviewTitle)}</summary>
            {move || {
                let lang = state.lang.get();
                editor.draft.with(|draft| {
                    let draft = draft.as_ref()?;
                    let size = texts::preview_size(draft.criteria_count(), draft.groups.len(), lang);
                    let mut number = 0;
                    let groups = draft
                        .groups
                        .iter()
                        .map(|group| {
                            let title = lang.pick(&group.title_vi, &group.title_en).clone();
                            let items = group
                                .criteria
                                .iter()
                                .map(|criterion| {
                                    number += 1;
                                    let title = lang.pick(&criterion.title_vi, &criterion.title_en).clone();
                                    let kind = lang.pick(criterion.kind.label_vi(), criterion.kind.label_en());
                                    let target = if criterion.target.trim().is_empty() {
                                        String::new()
                                    } else {
                                        format!(" · {}: {}", lang.pick(DraftField::Target.label_vi(), DraftField::Target.label_en()), criterion.target)
                                    };
                                    view! {
                                        <li value=number>
                                            <strong>{format!("{number}. ")}</strong>{title}
                                            <span class="pkm-hint">{format!(" ({kind}{target})")}</span>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <section class="pkm-group">
                                    <h4 class="pkm-group__title">{title}</h4>
                                    <ol class="pkm-editor__preview-list">{items}</ol>
                                </section>
                            }
                        })
                        .collect_view();
                    Some(view! { <p data-testid="editor-preview-size">{size}</p> {groups} })
                })
            }}
        </details>
    }
}

/// The issuing document, the differences from the catalogue the draft started from, and the
/// publish and drop buttons.
#[component]
fn PublishForm(
    /// The editor.
    editor: DraftEditor,
    /// Where publishing says what it did.
    message: super::FormMessage,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: EditorMsg| move || state.t(msg);
    let confirm_discard = RwSignal::new(false);
    let attempted = RwSignal::new(false);
    let diff = {
        let session = session.clone();
        Memo::new(move |_| {
            editor.draft.with(|draft| {
                let draft = draft.as_ref()?;
                let before =
                    session.read(|store| store.catalogue(draft.based_on.as_ref()?).cloned())?;
                let id = CatalogueId::new("preview").ok()?;
                let after: Catalogue = draft.to_catalogue(&id, CatalogueStatus::Official).ok()?;
                Some(CatalogueDiff::between(&before, &after)).filter(|diff| !diff.is_empty())
            })
        })
    };
    let publish = move |_| {
        editor.flush();
        let Some(draft) = editor.draft.get_untracked() else {
            return;
        };
        let session = session.clone();
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            match catalogue_draft::publish(&session, &draft).await {
                Ok(catalogue) => {
                    editor.discard();
                    message.set(Some((
                        true,
                        texts::published(&catalogue.title_vi, catalogue.id.as_str(), lang),
                    )));
                }
                Err(PublishError::Problems(problems)) => {
                    // The document's problems are listed under its fields, as they are fixed.
                    attempted.set(true);
                    let rest: Vec<String> = problems
                        .iter()
                        .filter(|problem| !is_document(problem.field))
                        .map(|problem| lang.pick(problem.message_vi(), problem.message_en()))
                        .collect();
                    message.set((!rest.is_empty()).then(|| (false, rest.join(" "))));
                }
                Err(PublishError::Session(error)) => {
                    message.set(Some((false, error.message(lang))))
                }
            }
        });
    };
    let discard = move |_| {
        if confirm_discard.get_untracked() {
            editor.discard();
            confirm_discard.set(false);
        } else {
            confirm_discard.set(true);
        }
    };
    view! {
        <form class="pkm-form pkm-editor__publish" on:submit=|ev| ev.prevent_default() on:focusout=move |_| editor.flush() data-testid="editor-publish">
            <h4>{t(EditorMsg::PublishTitle)}</h4>
            <p class="pkm-hint">{t(EditorMsg::PublishHint)}</p>
            <rows::DraftInput editor place=DraftPlace::Catalogue field=DraftField::DocumentNumber />
            <rows::DraftInput editor place=DraftPlace::Catalogue field=DraftField::DocumentDate hint=EditorMsg::DateHint />
            <rows::DraftInput editor place=DraftPlace::Catalogue field=DraftField::DocumentIssuer />
            <DocumentProblems editor attempted />
            {move || diff.get().map(|diff| view! { <h5>{t(EditorMsg::DiffTitle)}</h5> <DiffView diff plain=true /> })}
            <div class="pkm-actions">
                <button type="button" class="pkm-button pkm-button--primary" data-testid="editor-publish-button" on:click=publish>
                    {t(EditorMsg::Publish)}
                </button>
                <button type="button" class="pkm-button" data-testid="editor-discard" on:click=discard>
                    {move || if confirm_discard.get() { state.t(EditorMsg::DiscardConfirm) } else { state.t(EditorMsg::Discard) }}
                </button>
            </div>
        </form>
    }
}

fn is_document(field: DraftField) -> bool {
    matches!(
        field,
        DraftField::DocumentNumber | DraftField::DocumentDate | DraftField::DocumentIssuer
    )
}

/// The issuing document's problems, once publishing was tried, updated as they are fixed.
#[component]
fn DocumentProblems(
    /// The editor.
    editor: DraftEditor,
    /// Whether publishing was tried.
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    let problems = move || {
        if !attempted.get() {
            return Vec::new();
        }
        let lang = state.lang.get();
        editor.draft.with(|draft| {
            draft
                .as_ref()
                .and_then(|draft| draft.source_document().err())
                .unwrap_or_default()
                .iter()
                .map(|problem| lang.pick(problem.message_vi(), problem.message_en()))
                .collect()
        })
    };
    view! {
        <ul class="pkm-error" role="alert" data-testid="editor-publish-problems">
            {move || problems().into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
        </ul>
    }
}
