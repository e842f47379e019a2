//! The batch import of many bundle files: read the picked files, preview what importing them
//! would do (the core's [`BatchPreview`], which keeps each checked bundle), then, when the office
//! confirms, import the kept bundles through the session in batches of a few files per
//! transaction (each file all or nothing, each logged), with progress. Nothing is read or
//! verified twice, except when the person answers a question of the preview (a key to confirm,
//! an unsigned file or a clock to accept, see [`pkm_core::trust`]): the same files are then
//! previewed again under the updated decisions. The work is cut into short slices, with the
//! page updated and the event loop free between them, so the page keeps responding and the
//! progress bar moves.

use std::cell::RefCell;
use std::rc::Rc;

use futures::stream::{self, StreamExt};
use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::batch_import::{
    Ask, BatchPreview, Decision, PreviewLine, PreviewOutcome, PreviewTotals,
};
use pkm_core::key_ledger::{KeyEvent, KeyEventKind};
use pkm_core::{BundleKind, TrustPolicy};
use send_wrapper::SendWrapper;

use crate::i18n::province::ProvinceMsg;
use crate::i18n::{Lang, Text};
use crate::platform::files::{self, FileError};
use crate::platform::turns::Turns;
use crate::platform::{perf, signing};
use crate::state::Session;
use crate::state::session::{CheckedFile, ImportResult};

/// The largest bundle file read: the core reader's limit, so that the level above the provinces
/// can import the whole country's bundle (80.5 MiB for one year, issue 28).
pub const MAX_FILE_BYTES: u64 = pkm_core::bundle::limits::MAX_FILE_BYTES as u64;

/// The kinds of bundle the provincial office imports.
pub const ACCEPTED: [BundleKind; 3] = [BundleKind::Ward, BundleKind::Province, BundleKind::Config];

/// During an import, the import log on screen is read back after every this many files (and at
/// the end).
const LOG_REFRESH_EVERY: usize = 50;

/// At most this many files are written in one transaction: the 700 wards of the country in one.
/// Each batch copies the store's registry (every unit, catalogue and pinned key) into its
/// fragment, checks its files against it and joins the fragment back after the commit, so 11
/// batches of 64 files took twice as long as one of 701 (docs/benchmarks.md).
const FILES_PER_WRITE: usize = 1024;

/// A batch written in one transaction ends once its files' bytes pass this: the 700 wards' files
/// (26 MB) go in one, the bundles of every commune (over 100 MB) in a few.
const BYTES_PER_WRITE: usize = 32 * 1024 * 1024;

/// At most this many result lines are added to the screen at a time, the page painting between:
/// 700 lines laid out at once held it for over a tenth of a second.
const ROWS_PER_TURN: usize = 100;

/// The screen is updated (rows, progress) at most this often during the preview, in ms.
const SLICE_MS: f64 = 50.0;

/// How long the steps of a large file's read may run before the page gets its turn, in ms.
const STEP_SLICE_MS: f64 = 16.0;

/// How many files are being read at once during the preview: the next files' bytes come from
/// the disk while the current one is checked. Read one after the other, 700 small files took
/// about 0.6 s of waiting in Chromium on their own, 0.4 s with four in flight.
const READ_AHEAD: usize = 4;

/// Where the job stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// Nothing chosen.
    #[default]
    Idle,
    /// Reading and previewing the chosen files.
    Previewing,
    /// The preview is ready; waiting for the office to confirm.
    Previewed,
    /// Importing.
    Importing,
    /// Finished; the results are shown.
    Done,
}

/// A line of the preview, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    /// The file name.
    pub file_name: String,
    /// `import`, `already` or `rejected`.
    pub state: &'static str,
    /// The bundle's kind and unit, when it could be read.
    pub source_vi: String,
    /// The same in English.
    pub source_en: String,
    /// The details (changes or reasons), in Vietnamese.
    pub detail_vi: Vec<String>,
    /// The same in English.
    pub detail_en: Vec<String>,
}

impl PreviewRow {
    fn of(line: &PreviewLine) -> PreviewRow {
        let (state, source) = match &line.outcome {
            PreviewOutcome::WouldImport {
                kind,
                unit,
                unit_name,
                ..
            } => ("import", Some((kind, unit, unit_name))),
            PreviewOutcome::AlreadyImported {
                kind,
                unit,
                unit_name,
            } => ("already", Some((kind, unit, unit_name))),
            PreviewOutcome::Rejected(_) | PreviewOutcome::Unreadable { .. } => ("rejected", None),
        };
        let describe = |label: &str, unit: &pkm_core::UnitId, name: &str| {
            if name.is_empty() {
                format!("{label} — {unit}")
            } else {
                format!("{label} — {name}")
            }
        };
        PreviewRow {
            file_name: line.file_name.clone(),
            state,
            source_vi: source
                .map(|(kind, unit, name)| describe(kind.label_vi(), unit, name))
                .unwrap_or_default(),
            source_en: source
                .map(|(kind, unit, name)| describe(kind.label_en(), unit, name))
                .unwrap_or_default(),
            detail_vi: line.detail_vi(),
            detail_en: line.detail_en(),
        }
    }

    /// The details in `lang`.
    pub fn detail(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Vi => &self.detail_vi,
            Lang::En => &self.detail_en,
        }
    }

    /// The source in `lang`.
    pub fn source(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.source_vi,
            Lang::En => &self.source_en,
        }
    }
}

/// What importing one file did.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    /// The file name.
    pub file_name: String,
    /// `imported`, `already` or `rejected`.
    pub state: &'static str,
    /// The details in Vietnamese (what changed, or every reason).
    pub detail_vi: Vec<String>,
    /// The same in English.
    pub detail_en: Vec<String>,
}

impl ResultRow {
    fn of(file_name: &str, result: &ImportResult) -> ResultRow {
        let (state, detail_vi, detail_en) = match result {
            ImportResult::Imported(report) if report.already_imported => (
                "already",
                vec![ProvinceMsg::AlreadyNothingChanged.text(Lang::Vi).to_owned()],
                vec![ProvinceMsg::AlreadyNothingChanged.text(Lang::En).to_owned()],
            ),
            // What changed, then the signature (a key the person confirmed is pinned now, an
            // unsigned file accepted once says so) and any values dated ahead that were accepted.
            ImportResult::Imported(report) => (
                "imported",
                vec![crate::state::session::imported_summary(report, Lang::Vi)],
                vec![crate::state::session::imported_summary(report, Lang::En)],
            ),
            ImportResult::Rejected(problems) => (
                "rejected",
                problems
                    .iter()
                    .map(|problem| problem.message_vi())
                    .collect(),
                problems
                    .iter()
                    .map(|problem| problem.message_en())
                    .collect(),
            ),
            ImportResult::Failed(error) => (
                "rejected",
                vec![error.message(Lang::Vi)],
                vec![error.message(Lang::En)],
            ),
            ImportResult::OtherUnit(unit) => (
                "rejected",
                vec![crate::i18n::ward::other_unit(
                    unit.as_str(),
                    crate::i18n::Lang::Vi,
                )],
                vec![crate::i18n::ward::other_unit(
                    unit.as_str(),
                    crate::i18n::Lang::En,
                )],
            ),
        };
        ResultRow {
            file_name: file_name.to_string(),
            state,
            detail_vi,
            detail_en,
        }
    }

    fn unreadable(file_name: &str, error: &FileError) -> ResultRow {
        ResultRow {
            file_name: file_name.to_string(),
            state: "rejected",
            detail_vi: vec![error.message(Lang::Vi)],
            detail_en: vec![error.message(Lang::En)],
        }
    }

    /// The details in `lang`.
    pub fn detail(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Vi => &self.detail_vi,
            Lang::En => &self.detail_en,
        }
    }
}

/// A picked file: its name, its size in bytes, and what the preview made of it.
type Picked = Vec<(String, usize, Result<CheckedFile, FileError>)>;

/// The import job; `Copy`, so screens and closures share it.
#[derive(Clone, Copy)]
pub struct ImportJob {
    /// Where it stands.
    pub phase: RwSignal<Phase>,
    /// Files done and files in all, for the progress bar.
    pub progress: RwSignal<(usize, usize)>,
    /// The preview, file by file.
    pub preview: RwSignal<Vec<PreviewRow>>,
    /// The preview's totals.
    pub totals: RwSignal<Option<PreviewTotals>>,
    /// Conflicts there would be after the import.
    pub conflicts_after: RwSignal<usize>,
    /// The results, file by file, as they come.
    pub results: RwSignal<Vec<ResultRow>>,
    /// Counts every change of the import log (finished files), for views that list it.
    pub log_revision: RwSignal<u64>,
    /// Counts the previews started. Within one, preview lines are only ever added; result lines
    /// too, from none, within the import that follows (the results are shown from then on only).
    pub run: RwSignal<u64>,
    /// The questions the preview's refused files wait for (keys to confirm, unsigned files or
    /// clocks to accept), less those the person refused.
    pub decisions: RwSignal<Vec<Decision>>,
    /// What the person accepted for the chosen files (keys confirmed, exceptions).
    pub decided: RwSignal<TrustPolicy>,
    /// The questions the person refused: their files stay refused, and are not asked again.
    refused: RwSignal<Vec<Decision>>,
    /// The files chosen, kept to preview them again after a decision.
    chosen: StoredValue<SendWrapper<Rc<RefCell<Vec<web_sys::File>>>>>,
    files: StoredValue<SendWrapper<Rc<RefCell<Picked>>>>,
}

impl ImportJob {
    /// An idle job.
    pub fn new() -> ImportJob {
        ImportJob {
            phase: RwSignal::new(Phase::Idle),
            progress: RwSignal::new((0, 0)),
            preview: RwSignal::new(Vec::new()),
            totals: RwSignal::new(None),
            conflicts_after: RwSignal::new(0),
            results: RwSignal::new(Vec::new()),
            log_revision: RwSignal::new(0),
            run: RwSignal::new(0),
            decisions: RwSignal::new(Vec::new()),
            decided: RwSignal::new(TrustPolicy::new()),
            refused: RwSignal::new(Vec::new()),
            chosen: StoredValue::new(SendWrapper::new(Rc::new(RefCell::new(Vec::new())))),
            files: StoredValue::new(SendWrapper::new(Rc::new(RefCell::new(Vec::new())))),
        }
    }

    fn picked(&self) -> Rc<RefCell<Picked>> {
        self.files.with_value(|files| Rc::clone(files))
    }

    /// Whether the job is reading, previewing or importing.
    pub fn is_busy(&self) -> bool {
        matches!(self.phase.get(), Phase::Previewing | Phase::Importing)
    }

    /// Reads `chosen` and previews importing them into the session's store; nothing is decided
    /// for them yet.
    pub fn choose(&self, session: Session, chosen: Vec<web_sys::File>) {
        if chosen.is_empty() || self.is_busy_untracked() {
            return;
        }
        self.decided.set(TrustPolicy::new());
        self.refused.set(Vec::new());
        self.decisions.set(Vec::new());
        *self
            .chosen
            .with_value(|files| Rc::clone(files))
            .borrow_mut() = chosen;
        self.preview_chosen(session);
    }

    /// Answers a question of the preview: `accept` applies it to the decisions and previews the
    /// same files again (the files that waited for it pass now, unless refused for another
    /// reason too); refusing keeps its files refused and stops asking.
    pub fn decide(&self, session: Session, decision: Decision, accept: bool) {
        if self.phase.get_untracked() != Phase::Previewed {
            return;
        }
        if accept {
            self.decided.update(|decided| decision.accept_into(decided));
            self.preview_chosen(session);
        } else {
            self.decisions
                .update(|all| all.retain(|asked| !asked.same_question(&decision)));
            self.refused.update(|refused| refused.push(decision));
        }
    }

    /// Previews the chosen files under the decisions so far.
    fn preview_chosen(&self, session: Session) {
        let chosen = self.chosen.with_value(|files| files.borrow().clone());
        let job = *self;
        job.run.update(|run| *run += 1);
        job.phase.set(Phase::Previewing);
        job.progress.set((0, chosen.len()));
        job.preview.set(Vec::new());
        job.totals.set(None);
        job.results.set(Vec::new());
        let started = perf::now();
        spawn_local(async move {
            let mut picked: Picked = Vec::with_capacity(chosen.len());
            let policy = session.trust_policy(&job.decided.get_untracked());
            let mut preview =
                session.read_untracked(|store| BatchPreview::new(store, &ACCEPTED, &policy));
            let mut rows = Vec::new();
            let mut turns = Turns::new(SLICE_MS);
            // In the order chosen, with the next few files already being read.
            let mut reads =
                stream::iter(&chosen)
                    .map(|file| async move {
                        (file.name(), files::read_bytes(file, MAX_FILE_BYTES).await)
                    })
                    .buffered(READ_AHEAD)
                    .enumerate();
            while let Some((index, (name, read))) = reads.next().await {
                // A container (.pkmz) carries its evidence files: read with them, or refused.
                let read = super::import_container::read_any(&preview, &name, read).await;
                let (line, checked) = match read {
                    Ok((size, checked, carried)) => {
                        let (line, kept) = preview.add_checked(&name, checked);
                        let checked = match (kept, &line.outcome) {
                            (Some(bundle), _) if !carried.is_empty() => {
                                CheckedFile::Container(Box::new(bundle), carried)
                            }
                            (Some(bundle), _) => CheckedFile::Read(Box::new(bundle)),
                            (None, PreviewOutcome::Rejected(problems)) => {
                                CheckedFile::Refused(problems.clone())
                            }
                            (None, _) => CheckedFile::Refused(Vec::new()),
                        };
                        (PreviewRow::of(line), Ok((size, checked)))
                    }
                    Err(error) => {
                        let line = preview.add_unreadable(
                            &name,
                            error.message(Lang::Vi),
                            error.message(Lang::En),
                        );
                        (PreviewRow::of(line), Err(error))
                    }
                };
                rows.push(line);
                match checked {
                    Ok((size, checked)) => picked.push((name, size, Ok(checked))),
                    Err(error) => picked.push((name, 0, Err(error))),
                }
                // The rows and the progress reach the screen a few times a second, not once per
                // file: each update re-renders, and 700 of them made the preview slow.
                if turns.due() || index + 1 == chosen.len() {
                    let done = std::mem::take(&mut rows);
                    job.preview.update(|all| all.extend(done));
                    job.progress.set((index + 1, chosen.len()));
                    turns.give().await;
                }
            }
            job.totals.set(Some(preview.totals()));
            job.conflicts_after.set(preview.conflicts_after());
            let refused = job.refused.get_untracked();
            let mut decisions = preview.decisions();
            decisions.retain(|asked| !refused.iter().any(|no| no.same_question(asked)));
            // The keys asked about are noted in this device's key log (the keys screen's "first
            // seen"). A failed note leaves that date out and changes nothing of the import.
            let now_ms = crate::platform::clock::now_ms();
            let seen: Vec<KeyEvent> = decisions
                .iter()
                .filter_map(|decision| match &decision.ask {
                    Ask::Key { fingerprint, .. } => Some(KeyEvent {
                        unit: decision.unit.clone(),
                        fingerprint: fingerprint.clone(),
                        at_ms: now_ms,
                        kind: KeyEventKind::Seen,
                    }),
                    _ => None,
                })
                .collect();
            let _ = session.record_key_events(&seen).await;
            job.decisions.set(decisions);
            *job.picked().borrow_mut() = picked;
            job.phase.set(Phase::Previewed);
            perf::measure_since(perf::IMPORT_PREVIEW, started);
            // The preview's own store (the whole country's 3,321 assessments joined: about 70 ms
            // to free in one task) goes a slice at a time.
            free_in_slices(preview.into_store()).await;
        });
    }

    fn is_busy_untracked(&self) -> bool {
        matches!(
            self.phase.get_untracked(),
            Phase::Previewing | Phase::Importing
        )
    }

    /// Imports the previewed files in the order they were chosen, in as few transactions as
    /// [`FILES_PER_WRITE`] and [`BYTES_PER_WRITE`] allow (700 wards' files in one).
    pub fn commit(&self, session: Session) {
        if self.phase.get_untracked() != Phase::Previewed {
            return;
        }
        let job = *self;
        let picked = std::mem::take(&mut *job.picked().borrow_mut());
        // The questions left unanswered are refusals: their files stay refused.
        job.decisions.set(Vec::new());
        let policy = session.trust_policy(&job.decided.get_untracked());
        job.phase.set(Phase::Importing);
        job.progress.set((0, picked.len()));
        job.results.set(Vec::new());
        let started = perf::now();
        spawn_local(async move {
            // The views of the store refresh with the log, every few files, not after each.
            session.hold_changes();
            let mut done = 0;
            let mut batch: Vec<(String, CheckedFile)> = Vec::new();
            let mut bytes = 0;
            for (name, size, file) in picked {
                // A batch ends at the limits, and before an unreadable file (kept in order).
                let full = batch.len() == FILES_PER_WRITE || bytes + size > BYTES_PER_WRITE;
                if !batch.is_empty() && (full || file.is_err()) {
                    done = job
                        .write_batch(&session, std::mem::take(&mut batch), &policy, done)
                        .await;
                    bytes = 0;
                }
                match file {
                    Ok(checked) => {
                        bytes += size;
                        batch.push((name, checked));
                    }
                    Err(error) => {
                        done = job
                            .show(vec![ResultRow::unreadable(&name, &error)], done)
                            .await;
                    }
                }
            }
            if !batch.is_empty() {
                job.write_batch(&session, batch, &policy, done).await;
            }
            session.release_changes();
            job.log_revision.update(|revision| *revision += 1);
            job.phase.set(Phase::Done);
            perf::measure_since(perf::IMPORT_COMMIT, started);
        });
    }

    /// Imports one batch in one transaction and shows its lines; returns the files done.
    async fn write_batch(
        &self,
        session: &Session,
        batch: Vec<(String, CheckedFile)>,
        policy: &TrustPolicy,
        done: usize,
    ) -> usize {
        // The bar moves as the batch's files are checked and joined; their lines come once
        // they are written.
        let joined = |files: usize| self.progress.update(|(bar, _)| *bar = done + files);
        let names: Vec<String> = batch.iter().map(|(name, _)| name.clone()).collect();
        let results = session.import_checked(batch, policy, joined).await;
        let rows = names
            .iter()
            .zip(&results)
            .map(|(name, result)| ResultRow::of(name, result))
            .collect();
        self.show(rows, done).await
    }

    /// Adds result lines after `done` files, [`ROWS_PER_TURN`] at a time, and moves the
    /// progress; returns the files done.
    async fn show(&self, mut rows: Vec<ResultRow>, done: usize) -> usize {
        let now = done + rows.len();
        while rows.len() > ROWS_PER_TURN {
            let rest = rows.split_off(ROWS_PER_TURN);
            self.results.update(|all| all.extend(rows));
            rows = rest;
            Turns::new(0.0).give().await;
        }
        self.results.update(|all| all.extend(rows));
        self.progress.update(|(files, _)| *files = now);
        // The log is read back whole from IndexedDB: once per file made an import of 700 files
        // quadratic (docs/benchmarks.md), so it refreshes every few files. The views of the
        // whole store (counts in the navigation) refresh once, at the end.
        if now / LOG_REFRESH_EVERY != done / LOG_REFRESH_EVERY {
            self.log_revision.update(|revision| *revision += 1);
        }
        now
    }

    /// Drops the chosen files and the preview (before import) or the results (after).
    pub fn reset(&self) {
        if self.is_busy_untracked() {
            return;
        }
        self.picked().borrow_mut().clear();
        self.chosen.with_value(|files| files.borrow_mut().clear());
        self.decisions.set(Vec::new());
        self.decided.set(TrustPolicy::new());
        self.refused.set(Vec::new());
        self.phase.set(Phase::Idle);
        self.progress.set((0, 0));
        self.preview.set(Vec::new());
        self.totals.set(None);
        self.results.set(Vec::new());
    }
}

/// Frees a store holding many assessments a slice of [`STEP_SLICE_MS`] at a time, the page
/// getting its turn between slices: freeing the preview's store of the whole country in one go
/// held the page for 72 ms (`scripts/bench.sh --country` under the profiler, issue 28).
async fn free_in_slices(mut store: pkm_core::Store) {
    let mut assessments = store.take_assessments();
    drop(store);
    let mut turns = Turns::new(STEP_SLICE_MS);
    while assessments.pop_first().is_some() {
        turns.give_if_due().await;
    }
}

/// Reads and checks one file for `preview`, step by step. A large file (a province's bundle) is
/// read in pieces of a few milliseconds each, run for about [`STEP_SLICE_MS`] at a time between
/// paints, then checked in the store's context; the merge preview that follows is another task. A small file's
/// stages run at once, the page's turn coming after the file, every [`SLICE_MS`], unless one
/// file's stages take longer than [`STEP_SLICE_MS`] (the first file's, whose code the browser
/// compiles as it runs). A signature is
/// checked by WebCrypto where it can be: P-256 in wasm takes about half a millisecond of the
/// page's thread per file.
pub(super) async fn checked_read(
    preview: &BatchPreview,
    bytes: &[u8],
) -> Result<pkm_core::Bundle, Vec<pkm_core::Problem>> {
    let mut read = preview.reading(bytes);
    let large = read.in_pieces();
    let mut turns = Turns::new(STEP_SLICE_MS);
    if large {
        // The file's last chunks were read in this task.
        turns.give().await;
    }
    loop {
        if let Some(pending) = read.pending_signature()
            && let Ok(verified) =
                signing::verify(pending.public_key, pending.value, pending.signed_text).await
        {
            read.signature_verified(verified);
        }
        let more = read.step();
        if !more {
            break;
        }
        // Pieces are sized for a slow laptop; a faster one runs a few of them per task. A small
        // file's stages take a fraction of a millisecond each, but the first file's run code
        // the browser has not compiled yet (about a tenth of a second in one task).
        turns.give_if_due().await;
    }
    if large {
        turns.give().await;
    }
    let checked = preview.finish_read(read);
    if large {
        turns.give().await;
    }
    checked
}

impl Default for ImportJob {
    fn default() -> Self {
        ImportJob::new()
    }
}
