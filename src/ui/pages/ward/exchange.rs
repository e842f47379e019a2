//! Exchange of files: export the ward's bundle for the province (and see what is not exported
//! yet), import the province's config file or a bundle from another laptop of the same ward
//! (asking first about a signing key this laptop does not know, by its short fingerprint), and
//! resolve the conflicts such an import brings.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::batch_import::{BatchPreview, Decision};
use pkm_core::{BundleKind, Conflict, TrustPolicy};

use super::context::use_ward;
use crate::i18n::conflict_value::value_text;
use crate::i18n::ward::{self as ward_text, WardMsg};
use crate::i18n::{Lang, Text, audit};
use crate::platform::{clock, files};
use crate::state::attachments;
use crate::state::session::{AuditNote, ImportResult, imported_summary};
use crate::state::ward::{self, LastExport};
use crate::state::{AppState, Session, StorageError, saving, use_app_state};
use crate::ui::components::trust_questions::TrustQuestions;

/// The largest file a ward laptop opens: its own exports and its province's config are far
/// smaller (a few hundred KB), so the ward keeps the old 40 MiB below the core's 128 MiB.
pub const MAX_FILE_BYTES: u64 = 40 * 1024 * 1024;

/// The exchange page.
#[component]
pub fn ExchangePage() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let ward = context.ward();
    view! {
        <section class="pkm-page" aria-labelledby="exchange-title">
            <h1 id="exchange-title" data-testid="page-title">{t(WardMsg::ExchangeTitle)}</h1>
            <ExportPanel />
            <section class="pkm-panel" aria-labelledby="import-title">
                <h2 id="import-title">{t(WardMsg::ImportTitle)}</h2>
                <p>{t(WardMsg::ImportIntro)}</p>
                <ImportBox
                    input_id="import-file"
                    accept=vec![BundleKind::Ward, BundleKind::Config, BundleKind::Feedback]
                    label=WardMsg::ImportFileLabel
                    only_ward=ward
                />
            </section>
            <ConflictList />
        </section>
    }
}

/// A file input that imports each chosen file and lists what happened to it. A file that waits
/// for a person's decision (the province's key on the first config file, a new laptop's key, an
/// unsigned file) is asked about; confirming imports it again with the decision, refusing leaves
/// it refused.
#[component]
pub fn ImportBox(
    /// The input's id (for its label and for tests).
    input_id: &'static str,
    /// The bundle kinds accepted here.
    accept: Vec<BundleKind>,
    /// The label of the input.
    label: WardMsg,
    /// Accept ward bundles of this ward only (`None`: any ward).
    only_ward: Option<pkm_core::UnitId>,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let batch = Batch::new(accept, only_ward);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let chosen = files::files_of(input.files());
        input.set_value("");
        if chosen.is_empty() {
            return;
        }
        batch.start_over();
        let session = context.session();
        spawn_local(async move {
            let lang = state.lang.get_untracked();
            let mut read = Vec::new();
            for file in chosen {
                let bytes = files::read_bytes(&file, MAX_FILE_BYTES)
                    .await
                    .map_err(|error| error.message(lang));
                read.push((file.name(), bytes));
            }
            batch.import(session, read);
        });
    };
    let decide = Callback::new(move |(decision, yes): (Decision, bool)| {
        batch.decide(context.session(), decision, yes);
    });
    let (results, busy) = (batch.results, batch.busy);
    view! {
        <div class="pkm-field">
            <label for=input_id>{move || state.t(label)}</label>
            <input
                id=input_id
                type="file"
                accept=".json,application/json"
                multiple
                disabled=move || busy.get()
                on:change=on_change
            />
        </div>
        <ul class="pkm-results" role="status" aria-live="polite" data-testid=format!("{input_id}-results")>
            {move || {
                results
                    .get()
                    .into_iter()
                    .map(|(name, ok, text)| {
                        view! {
                            <li class:pkm-results--bad=!ok>
                                <strong>{name}</strong>
                                ": "
                                {text}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <TrustQuestions decisions=batch.decisions on_decide=decide busy=busy />
    }
}

/// The files chosen in an import box, what happened to each, and the decisions they wait for.
#[derive(Clone, Copy)]
struct Batch {
    /// The app's state (for the language of the lines).
    state: AppState,
    /// One line per file: its name, whether it went in, and what happened.
    results: RwSignal<Vec<(String, bool, String)>>,
    /// Whether files are being read or imported.
    busy: RwSignal<bool>,
    /// The bundle kinds accepted.
    accept: StoredValue<Vec<BundleKind>>,
    /// Accept ward bundles of this ward only.
    only_ward: StoredValue<Option<pkm_core::UnitId>>,
    /// What the person decided for the files chosen.
    decided: RwSignal<TrustPolicy>,
    /// The files waiting for a decision: name and bytes.
    waiting: StoredValue<Vec<(String, Vec<u8>)>>,
    /// The questions asked.
    decisions: RwSignal<Vec<Decision>>,
    /// The questions refused.
    refused: StoredValue<Vec<Decision>>,
}

impl Batch {
    /// An empty batch for an import box.
    fn new(accept: Vec<BundleKind>, only_ward: Option<pkm_core::UnitId>) -> Self {
        Batch {
            state: use_app_state(),
            results: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            accept: StoredValue::new(accept),
            only_ward: StoredValue::new(only_ward),
            decided: RwSignal::new(TrustPolicy::new()),
            waiting: StoredValue::new(Vec::new()),
            decisions: RwSignal::new(Vec::new()),
            refused: StoredValue::new(Vec::new()),
        }
    }

    /// New files: nothing decided or refused for them yet.
    fn start_over(self) {
        self.decided.set(TrustPolicy::new());
        self.refused.set_value(Vec::new());
        self.decisions.set(Vec::new());
        self.results.set(Vec::new());
        self.busy.set(true);
    }

    /// The person's answer to a question: yes imports the waiting files again with it, no
    /// leaves them refused.
    fn decide(self, session: Session, decision: Decision, yes: bool) {
        if self.busy.get_untracked() {
            return;
        }
        if yes {
            self.decided.update(|policy| decision.accept_into(policy));
            let files = self
                .waiting
                .get_value()
                .into_iter()
                .map(|(name, bytes)| (name, Ok(bytes)))
                .collect();
            self.import(session, files);
        } else {
            self.decisions
                .update(|all| all.retain(|asked| !asked.same_question(&decision)));
            self.refused.update_value(|all| all.push(decision));
        }
    }

    /// Imports `files` under the decisions so far: each line replaces the file's line (or is
    /// added), and the files refused for want of a decision wait, with their questions.
    fn import(self, session: Session, files: Vec<(String, Result<Vec<u8>, String>)>) {
        self.busy.set(true);
        spawn_local(async move {
            let lang = self.state.lang.get_untracked();
            let policy = self.decided.get_untracked();
            let kinds = self.accept.get_value();
            let mut questions = BatchPreview::new(&pkm_core::Store::new(), &kinds, &policy);
            let mut still_waiting = Vec::new();
            for (name, bytes) in files {
                let line = match bytes {
                    Err(message) => (name, false, message),
                    Ok(bytes) => {
                        let result = session
                            .import_file_for(
                                &name,
                                &bytes,
                                &kinds,
                                self.only_ward.get_value().as_ref(),
                                &policy,
                            )
                            .await;
                        if let ImportResult::Rejected(problems) = &result {
                            // The core says which refusals wait for a decision.
                            questions.add_checked(&name, Err(problems.clone()));
                            still_waiting.push((name.clone(), bytes));
                        }
                        describe(name, &result, lang)
                    }
                };
                self.results
                    .update(|lines| match lines.iter_mut().find(|old| old.0 == line.0) {
                        Some(old) => *old = line,
                        None => lines.push(line),
                    });
            }
            let asked = self.questions_left(&session, questions.decisions());
            still_waiting
                .retain(|(name, _)| asked.iter().any(|question| question.files.contains(name)));
            self.waiting.set_value(still_waiting);
            self.decisions.set(asked);
            self.busy.set(false);
        });
    }

    /// The questions `asked`, named after their unit when this laptop knows it, less those the
    /// person already refused.
    fn questions_left(self, session: &Session, mut asked: Vec<Decision>) -> Vec<Decision> {
        let refused_now = self.refused.get_value();
        // The unit's name, from this laptop's store when it knows the unit.
        for decision in &mut asked {
            if decision.unit_name.is_empty() {
                decision.unit_name = session
                    .read_untracked(|store| {
                        store.unit(&decision.unit).map(|unit| unit.name_vi.clone())
                    })
                    .unwrap_or_default();
            }
        }
        asked.retain(|question| !refused_now.iter().any(|no| no.same_question(question)));
        asked
    }
}

/// One line for an import: the file, whether it went in, and what happened in `lang`.
fn describe(name: String, result: &ImportResult, lang: Lang) -> (String, bool, String) {
    match (result, lang) {
        (ImportResult::Imported(report), _) if report.already_imported => {
            (name, true, WardMsg::AlreadyImported.text(lang).to_owned())
        }
        (ImportResult::Imported(report), lang) => (name, true, imported_summary(report, lang)),
        (ImportResult::Rejected(problems), lang) => (
            name,
            false,
            ward_text::import_refused(&problems_text(problems, lang), lang),
        ),
        (ImportResult::Failed(error), lang) => (name, false, error.message(lang)),
        (ImportResult::OtherUnit(unit), lang) => {
            (name, false, ward_text::other_unit(unit.as_str(), lang))
        }
    }
}

/// Every problem of a refused file, in `lang`.
fn problems_text(problems: &[pkm_core::Problem], lang: Lang) -> String {
    problems
        .iter()
        .map(|problem| lang.pick(problem.message_vi(), problem.message_en()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Export: the button, the last export, the changes not exported yet, and the reminder.
#[component]
fn ExportPanel() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let exported = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let status = LocalResource::new(move || {
        exported.track();
        let session = context.session();
        session.track();
        let ward = context.ward();
        async move {
            let db = session.db().clone();
            let last = ward::load_last_export(&db).await?;
            let changes = match &ward {
                Some(ward) => ward::changes_since(&db, ward, last.as_ref().map(|l| &l.at)).await?,
                None => Vec::new(),
            };
            Ok::<_, StorageError>((last, changes))
        }
    });
    // Signs and writes the file, then records the export. Signing takes a few milliseconds, well
    // within the moment the browser still counts the download as the person's own action.
    let write_file = move || async move {
        let Some(unit) = context.ward() else { return };
        let year = context.year();
        let session = context.session();
        let lang = state.lang.get_untracked();
        match ward::export_bundle(&session, &unit, year).await {
            Ok((file_name, json, at)) => {
                let (file_name, body, mime) =
                    match attachments::export_file(&session, &unit, file_name, json).await {
                        Ok(file) => file,
                        Err(failed) => {
                            error.set(Some(failed.message(lang)));
                            return;
                        }
                    };
                if let Err(reason) = files::download_body(&file_name, mime, &body) {
                    error.set(Some(reason));
                    return;
                }
                let record = LastExport {
                    at_ms: clock::now_ms(),
                    at,
                    file_name,
                };
                if let Err(failed) = ward::record_export(session.db(), &record).await {
                    error.set(Some(failed.message(lang)));
                }
                exported.update(|n| *n += 1);
            }
            Err(failed) => error.set(Some(failed.message(lang))),
        }
    };
    let export = move |_| {
        error.set(None);
        spawn_local(async move {
            if saving::any_unsaved() {
                // Nothing typed may be missing from the file: save it first.
                saving::flush_all_and_wait().await;
            }
            write_file().await;
        });
    };
    view! {
        <section class="pkm-panel" aria-labelledby="export-title">
            <h2 id="export-title">{t(WardMsg::ExportTitle)}</h2>
            <p>{t(WardMsg::ExportIntro)}</p>
            <button
                type="button"
                class="pkm-button pkm-button--primary"
                data-testid="export-button"
                on:click=export
            >
                {t(WardMsg::ExportButton)}
            </button>
            {move || error.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let lang = state.lang.get_untracked();
                    match status.await {
                        Ok((last, changes)) => export_status(state, last, &changes).into_any(),
                        Err(failed) => {
                            view! { <p class="pkm-error">{failed.message(lang)}</p> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// The last export, how many changes are not exported yet, and the reminder when the oldest of
/// them is old.
fn export_status(
    state: AppState,
    last: Option<LastExport>,
    changes: &[crate::state::logs::AuditEntry],
) -> impl IntoView + use<> {
    let lang = state.lang.get_untracked();
    let last_text = match &last {
        Some(last) => format!(
            "{} {} ({})",
            state.t(WardMsg::LastExport),
            clock::local_stamp_at(last.at_ms).display_vi,
            last.file_name
        ),
        None => state.t(WardMsg::NeverExported).to_owned(),
    };
    let due = ward::export_reminder_due(changes, clock::now_ms());
    let count = changes.len();
    let pending = ward_text::unexported(count, lang);
    view! {
        <p data-testid="last-export">{last_text}</p>
        <p data-testid="unexported-count" data-count=count.to_string()>
            {pending}
        </p>
        <Show when=move || due>
            <p class="pkm-banner" role="alert" data-testid="export-reminder">
                {move || state.t(WardMsg::ExportReminder)}
            </p>
        </Show>
    }
}

/// The open conflicts of this ward's assessment, each with its values to choose from.
#[component]
pub fn ConflictList() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let conflicts = Memo::new(move |_| {
        let Some(key) = context.key() else {
            return Vec::new();
        };
        context.session().read(|store| store.conflicts_in(&key))
    });
    view! {
        <section class="pkm-panel" aria-labelledby="conflicts-title" data-testid="conflicts">
            <h2 id="conflicts-title">{t(WardMsg::ConflictsTitle)}</h2>
            <Show
                when=move || !conflicts.with(Vec::is_empty)
                fallback=move || view! { <p data-testid="no-conflicts">{t(WardMsg::NoConflicts)}</p> }
            >
                <p>{t(WardMsg::ConflictsIntro)}</p>
                <ul class="pkm-conflicts">
                    <For
                        each=move || conflicts.get().into_iter().enumerate()
                        key=|(_, conflict)| format!("{:?}", conflict.target)
                        children=move |(_, conflict)| view! { <ConflictItem conflict /> }
                    />
                </ul>
            </Show>
        </section>
    }
}

/// One conflict: where, and each value with a button to keep it.
#[component]
fn ConflictItem(
    /// The conflict.
    conflict: Conflict,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let error = RwSignal::new(None::<String>);
    let target = StoredValue::new(conflict.target.clone());
    let where_vi = conflict.target.describe_vi();
    let where_en = conflict.target.describe_en();
    let siblings = conflict
        .siblings
        .iter()
        .enumerate()
        .map(|(index, sibling)| {
            let value_vi = value_text(&sibling.value, Lang::Vi);
            let value_en = value_text(&sibling.value, Lang::En);
            let when = clock::local_stamp_at(sibling.at.wall_ms).display_vi;
            let who = format!("{} — {} — {}", sibling.author, sibling.device, when);
            let pick = move |_| {
                let session = context.session();
                let target = target.get_value();
                spawn_local(async move {
                    let lang = state.lang.get_untracked();
                    let note = AuditNote::says("conflict", |lang| {
                        audit::conflict_resolved(
                            &lang.pick(target.describe_vi(), target.describe_en()),
                            lang,
                        )
                    });
                    if let Err(failed) = session.resolve_conflict(&target, index, note).await {
                        error.set(Some(failed.message(lang)));
                    }
                });
            };
            view! {
                <li class="pkm-conflicts__value">
                    <p>
                        {move || state.lang.get().pick(value_vi.clone(), value_en.clone())}
                    </p>
                    <p class="pkm-hint">{who}</p>
                    <button type="button" class="pkm-button" on:click=pick data-testid="keep-value">
                        {move || state.t(WardMsg::KeepThisValue)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="pkm-conflicts__item" data-testid="conflict">
            <h3>
                {move || state.lang.get().pick(where_vi.clone(), where_en.clone())}
            </h3>
            <ul>{siblings}</ul>
            {move || error.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
        </li>
    }
}
