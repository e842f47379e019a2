//! The spreadsheet side of the editor: importing an `.xlsx` or `.csv` sheet of criteria (every problem listed
//! by row and column before anything changes) and downloading the template with today's
//! catalogue (the year's catalogue of the office's province, or the built-in draft) as `.xlsx` or
//! `.csv`.

use leptos::prelude::*;
use pkm_core::Catalogue;
use pkm_core::catalogue_sheet::MAX_SHEET_BYTES;

use crate::i18n::catalogue_editor::{self as texts, EditorMsg};
use crate::i18n::{Lang, Text};
use crate::platform::files;
use crate::state::province::catalogue_draft::{self, DraftEditor};
use crate::state::province::{outputs, time, use_province};
use crate::state::{use_app_state, use_session};

/// The import and the template buttons.
#[component]
pub fn SheetImport(
    /// The editor.
    editor: DraftEditor,
    /// Where the import says what it did.
    message: super::super::FormMessage,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: EditorMsg| move || state.t(msg);
    let problems: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    let on_change = move |ev: leptos::ev::Targeted<
        leptos::ev::Event,
        web_sys::HtmlInputElement,
    >| {
        let input = ev.target();
        let Some(file) = files::files_of(input.files()).into_iter().next() else {
            return;
        };
        input.set_value("");
        problems.set(Vec::new());
        message.set(None);
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            let name = file.name();
            let bytes = match files::read_bytes(&file, MAX_SHEET_BYTES as u64).await {
                Ok(bytes) => bytes,
                Err(error) => {
                    problems.set(vec![(error.message(Lang::Vi), error.message(Lang::En))]);
                    return;
                }
            };
            match editor.import_sheet(&name, bytes).await {
                Ok(count) => message.set(Some((true, texts::sheet_imported(count, &name, lang)))),
                Err(error) => problems.set(error.lines()),
            }
        });
    };
    view! {
        <div class="pkm-form pkm-form--inline" data-testid="editor-sheet">
            <h4>{t(EditorMsg::SheetTitle)}</h4>
            <p class="pkm-hint">{t(EditorMsg::SheetHint)}</p>
            <div class="pkm-file-pick">
                <input id="editor-sheet-file" class="pkm-file-input" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.csv,text/csv,.txt" on:change:target=on_change />
                <label for="editor-sheet-file" class="pkm-button pkm-file-label">{t(EditorMsg::SheetChoose)}</label>
            </div>
            <TemplateButtons message />
            <Show when=move || problems.with(|problems| !problems.is_empty())>
                <div class="pkm-error" role="alert" data-testid="editor-sheet-problems">
                    <p>{t(EditorMsg::SheetRefused)}</p>
                    <ul>
                        {move || {
                            let lang = state.lang.get();
                            problems.get().into_iter().map(|(vi, en)| view! { <li>{lang.pick(vi, en)}</li> }).collect_view()
                        }}
                    </ul>
                </div>
            </Show>
        </div>
    }
}

/// The template's two download buttons.
#[component]
fn TemplateButtons(
    /// Where a failed download says why.
    message: super::super::FormMessage,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let download = move |xlsx: bool| {
        let session = session.clone();
        move |_| {
            let lang = state.lang.get_untracked();
            let catalogue = session.read_untracked(|store| {
                let chosen = province.province(store);
                todays_catalogue(store, chosen.as_ref(), time::current_year())
            });
            let Some(catalogue) = catalogue else { return };
            let done = catalogue_draft::template_file(&catalogue, xlsx)
                .map_err(|error| lang.pick(error.message_vi(), error.message_en()))
                .and_then(|file| {
                    outputs::download(&file).map_err(|error| error.message(lang).to_owned())
                });
            if let Err(text) = done {
                message.set(Some((false, text)));
            }
        }
    };
    view! {
        <div class="pkm-actions">
            <button type="button" class="pkm-button" data-testid="editor-template-xlsx" on:click=download(true)>
                {move || EditorMsg::TemplateXlsx.text(state.lang.get())}
            </button>
            <button type="button" class="pkm-button" data-testid="editor-template-csv" on:click=download(false)>
                {move || EditorMsg::TemplateCsv.text(state.lang.get())}
            </button>
        </div>
    }
}

/// The catalogue the template holds: the year's catalogue of the office's province, or the
/// built-in draft.
fn todays_catalogue(
    store: &pkm_core::Store,
    province: Option<&pkm_core::UnitId>,
    year: u16,
) -> Option<Catalogue> {
    province
        .and_then(|province| store.year_catalogue(province, year))
        .and_then(|id| store.catalogue(id))
        .cloned()
        .or_else(|| Catalogue::builtin_draft().ok())
}
