//! The batch import screen (`/tinh/nhap`): choose or drop many bundle files, see what importing
//! them would add, update and put in conflict, import with a progress bar, then one line per file
//! (imported with what it changed, already imported, or refused with every reason). Files that
//! wait for a person's decision (a new signing key, an unsigned file, values dated ahead) are
//! asked about first; an answer previews the same files again. The import log of this device
//! stays visible below.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::i18n::province::{self, ProvinceMsg};
use crate::i18n::{Lang, Text};
use crate::platform::files;
use crate::state::logs::{self, ImportLogEntry, ImportOutcome};
use crate::state::province::import_job::{Phase, PreviewRow, ResultRow};
use crate::state::province::{time, use_province};
use crate::state::{use_app_state, use_session};
use crate::ui::components::scroll_region::ScrollRegion;
use crate::ui::components::storage_error::StorageErrorView;
use crate::ui::components::trust_questions::TrustQuestions;

/// How many lines of the import log are shown.
pub const LOG_LINES: usize = 200;

/// The files of a drop event (read through the event's `dataTransfer`).
fn dropped_files(event: &web_sys::DragEvent) -> Vec<web_sys::File> {
    let transfer = js_sys::Reflect::get(event, &"dataTransfer".into()).ok();
    let list = transfer
        .and_then(|transfer| js_sys::Reflect::get(&transfer, &"files".into()).ok())
        .and_then(|list| list.dyn_into::<web_sys::FileList>().ok());
    files::files_of(list)
}

/// The import screen.
#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_app_state();
    let job = use_province().job;
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let phase = move || job.phase.get();
    view! {
        <div class="pkm-import">
            <h2>{t(ProvinceMsg::ImportTitle)}</h2>
            <p class="pkm-lead">{t(ProvinceMsg::ImportIntro)}</p>
            <DropZone />
            <Show when=move || phase() != Phase::Idle>
                <ImportProgress />
            </Show>
            <Show when=move || matches!(phase(), Phase::Previewing | Phase::Previewed)>
                <PreviewPanel />
            </Show>
            <Show when=move || matches!(phase(), Phase::Importing | Phase::Done)>
                <ResultsPanel />
            </Show>
            <ImportLog />
        </div>
    }
}

/// The file chooser, which also takes files dropped on it.
#[component]
fn DropZone() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let job = use_province().job;
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let dragging = RwSignal::new(false);
    let choose = move |chosen: Vec<web_sys::File>| job.choose(session.clone(), chosen);
    let on_input = {
        let choose = choose.clone();
        move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
            let input = ev.target();
            let chosen = files::files_of(input.files());
            // Clearing lets the same files be chosen again (a second import of the same batch).
            input.set_value("");
            choose(chosen);
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        choose(dropped_files(&ev));
    };
    view! {
        <div
            class="pkm-drop"
            class:pkm-drop--over=move || dragging.get()
            data-testid="drop-zone"
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <input
                id="import-files"
                class="pkm-file-input"
                type="file"
                multiple
                accept=".json,.pkmz,application/json,application/zip"
                data-testid="import-files"
                disabled=move || job.is_busy()
                on:change:target=on_input
            />
            <label for="import-files" class="pkm-button pkm-button--primary pkm-file-label">
                {t(ProvinceMsg::ChooseFiles)}
            </label>
            <p>{t(ProvinceMsg::DropHint)}</p>
        </div>
    }
}

/// The progress bar of a preview or an import.
#[component]
fn ImportProgress() -> impl IntoView {
    let state = use_app_state();
    let job = use_province().job;
    let phase = move || job.phase.get();
    view! {
        <div class="pkm-import-progress" data-testid="import-progress">
            <label for="import-progress-bar">
                {move || match phase() {
                    Phase::Previewing => state.t(ProvinceMsg::Previewing),
                    Phase::Importing => state.t(ProvinceMsg::Importing),
                    Phase::Done => state.t(ProvinceMsg::ImportDone),
                    _ => state.t(ProvinceMsg::PreviewReady),
                }}
            </label>
            <progress
                id="import-progress-bar"
                max=move || job.progress.get().1.max(1).to_string()
                value=move || job.progress.get().0.to_string()
            ></progress>
            <span data-testid="import-progress-text">
                {move || {
                    let (done, total) = job.progress.get();
                    format!("{done}/{total}")
                }}
            </span>
        </div>
    }
}

/// What importing the chosen files would do: totals, questions to answer, one line per file,
/// and the buttons that import or cancel.
#[component]
fn PreviewPanel() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let job = use_province().job;
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let stored_session = StoredValue::new(session);
    let commit = move |_| job.commit(stored_session.get_value());
    let decide = Callback::new(move |(decision, accept)| {
        job.decide(stored_session.get_value(), decision, accept);
    });
    let phase = move || job.phase.get();
    view! {
        <section
            class="pkm-panel"
            aria-labelledby="preview-title"
            data-testid="import-preview"
            data-run=move || job.run.get().to_string()
            data-phase=move || if phase() == Phase::Previewed { "previewed" } else { "previewing" }
        >
            <h3 id="preview-title">{t(ProvinceMsg::PreviewTitle)}</h3>
            <p data-testid="preview-summary">
                {move || {
                    job.totals
                        .get()
                        .map(|totals| state.lang.get().pick(totals.summary_vi(), totals.summary_en()))
                }}
            </p>
            <TrustQuestions
                decisions=Signal::derive(move || {
                    if phase() == Phase::Previewed { job.decisions.get() } else { Vec::new() }
                })
                on_decide=decide
                busy=Signal::derive(move || phase() != Phase::Previewed)
            />
            <Show when=move || phase() == Phase::Previewed>
                <p>
                    {move || province::conflicts_after_import(job.conflicts_after.get(), state.lang.get())}
                </p>
                <div class="pkm-actions">
                    <button
                        type="button"
                        class="pkm-button pkm-button--primary"
                        data-testid="import-confirm"
                        on:click=commit
                    >
                        {move || {
                            let (files, others) = job
                                .totals
                                .get()
                                .map(|t| (t.would_import, t.files - t.would_import))
                                .unwrap_or_default();
                            province::import_files(files, others, state.lang.get())
                        }}
                    </button>
                    <button type="button" class="pkm-button" on:click=move |_| job.reset()>
                        {t(ProvinceMsg::Cancel)}
                    </button>
                </div>
            </Show>
            <FileLines
                test_id="preview-lines"
                count=Signal::derive(move || (job.run.get(), job.preview.with(Vec::len)))
                line=Callback::new(move |(index, lang)| {
                    job.preview.with_untracked(|rows| rows.get(index).map(|row| preview_line(row, lang)))
                })
            />
        </section>
    }
}

/// One line per imported file, and the button that starts another import.
#[component]
fn ResultsPanel() -> impl IntoView {
    let state = use_app_state();
    let job = use_province().job;
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <section class="pkm-panel" aria-labelledby="results-title">
            <h3 id="results-title">{t(ProvinceMsg::ResultsTitle)}</h3>
            <FileLines
                test_id="import-results"
                count=Signal::derive(move || (job.run.get(), job.results.with(Vec::len)))
                line=Callback::new(move |(index, lang)| {
                    job.results.with_untracked(|rows| rows.get(index).map(|row| result_line(row, lang)))
                })
            />
            <Show when=move || job.phase.get() == Phase::Done>
                <button type="button" class="pkm-button" data-testid="import-again" on:click=move |_| job.reset()>
                    {t(ProvinceMsg::ImportMore)}
                </button>
            </Show>
        </section>
    }
}

/// One file's line as shown: its state (`data-state`, and `label` shown), its name, where it
/// comes from (previews only) and every detail.
#[derive(Debug)]
struct ShownLine {
    state: &'static str,
    label: &'static str,
    name: String,
    source: Option<String>,
    details: Vec<String>,
}

/// A line of the preview in `lang`.
fn preview_line(row: &PreviewRow, lang: Lang) -> ShownLine {
    let label = match row.state {
        "import" => ProvinceMsg::LineToImport,
        "already" => ProvinceMsg::LineAlready,
        _ => ProvinceMsg::LineWillRefuse,
    }
    .text(lang);
    ShownLine {
        state: row.state,
        label,
        name: row.file_name.clone(),
        source: Some(row.source(lang).to_string()),
        details: row.detail(lang).to_vec(),
    }
}

/// A line of the results in `lang`.
fn result_line(row: &ResultRow, lang: Lang) -> ShownLine {
    let label = match row.state {
        "imported" => ProvinceMsg::LineImported,
        "already" => ProvinceMsg::LineAlready,
        _ => ProvinceMsg::LineRefused,
    }
    .text(lang);
    ShownLine {
        state: row.state,
        label,
        name: row.file_name.clone(),
        source: None,
        details: row.detail(lang).to_vec(),
    }
}

/// A list of file lines (the preview's or the results'). Lines are only ever added during one
/// run of the job, so each is keyed by the run, its position and the language: a line added
/// during an import of hundreds of files renders only itself, and nothing is rebuilt, copied or
/// compared for the lines already shown (rebuilding them all at each update was about a tenth of
/// the 700 files' preview).
#[component]
fn FileLines(
    /// The list's `data-testid`.
    test_id: &'static str,
    /// The job's run and how many lines it has.
    #[prop(into)]
    count: Signal<(u64, usize)>,
    /// The line at a position, in a language.
    line: Callback<(usize, Lang), Option<ShownLine>>,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <ol class="pkm-file-lines" data-testid=test_id>
            <For
                each=move || {
                    let (run, count) = count.get();
                    let lang = state.lang.get();
                    (0..count).map(move |index| (run, index, lang))
                }
                key=|key| *key
                children=move |(_, index, lang)| {
                    line.run((index, lang)).map(|line| {
                        let file = line.name.clone();
                        view! {
                            <li class="pkm-file-line" data-state=line.state data-file=file>
                                <span class="pkm-file-line__state">{line.label}</span>
                                <strong class="pkm-file-line__name">{line.name}</strong>
                                {line.source.map(|source| view! { <span class="pkm-file-line__source">{source}</span> })}
                                <ul>{line.details.into_iter().map(|detail| view! { <li>{detail}</li> }).collect_view()}</ul>
                            </li>
                        }
                    })
                }
            />
        </ol>
    }
}

/// This device's import log, newest first.
#[component]
fn ImportLog() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let job = use_province().job;
    let db = SendWrapper::new(session.db().clone());
    let log = LocalResource::new(move || {
        job.log_revision.track();
        let db = db.clone();
        async move { logs::recent_imports(&db, LOG_LINES).await }
    });
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <section class="pkm-panel" aria-labelledby="log-title">
            <h3 id="log-title">{t(ProvinceMsg::LogTitle)}</h3>
            <Transition fallback=move || view! { <p>{t(ProvinceMsg::LogLoading)}</p> }>
                {move || Suspend::new(async move {
                    match log.await {
                        Err(error) => view! { <StorageErrorView error /> }.into_any(),
                        Ok(entries) if entries.is_empty() => {
                            view! { <p data-testid="import-log-empty">{t(ProvinceMsg::LogEmpty)}</p> }.into_any()
                        }
                        Ok(entries) => view! { <LogTable entries /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The log's table.
#[component]
fn LogTable(
    /// The entries, newest first.
    entries: Vec<(String, ImportLogEntry)>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let rows = move || {
        let lang = state.lang.get();
        entries
            .iter()
            .map(|(key, entry)| {
                let (code, text) = match &entry.outcome {
                    ImportOutcome::Imported {
                        summary_vi,
                        summary_en,
                    } => (
                        "imported",
                        province::log_imported(lang.pick(summary_vi, summary_en), lang),
                    ),
                    ImportOutcome::AlreadyImported => {
                        ("already", ProvinceMsg::LineAlready.text(lang).to_owned())
                    }
                    ImportOutcome::Rejected {
                        problems_vi,
                        problems_en,
                    } => (
                        "rejected",
                        province::log_refused(&lang.pick(problems_vi, problems_en).join(" "), lang),
                    ),
                };
                view! {
                    <tr data-key=key.clone() data-state=code>
                        <td>{time::local_date_time(entry.at_ms)}</td>
                        <th scope="row">{entry.file_name.clone()}</th>
                        <td>{text}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <ScrollRegion labelled_by="log-title" tall=true>
            <table class="pkm-table" data-testid="import-log">
                <thead>
                    <tr>
                        <th scope="col">{t(ProvinceMsg::ColumnTime)}</th>
                        <th scope="col">{t(ProvinceMsg::ColumnFile)}</th>
                        <th scope="col">{t(ProvinceMsg::ColumnOutcome)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollRegion>
    }
}
