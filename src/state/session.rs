//! The working data of this device: the core's [`Store`] in memory, mirrored in IndexedDB record
//! by record (units, catalogues, assessments, and one settings record for quotas, catalogue
//! choices and imported digests).
//!
//! Every change goes the same way: the core validates and applies it to a copy of what it
//! touches, the records are written in one transaction (merged with what another tab may have
//! written meanwhile), and only after the commit does the in-memory store change and the UI
//! hear of it (through [`Session::track`]). A refused edit or a failed write changes nothing.
//!
//! The session also holds this device's signing key (made on first run, see
//! [`crate::platform::signing`]): bundles it exports are signed with [`Session::sign`], and
//! imports accept what it signed itself whatever keys are pinned for the exporting unit.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use pkm_core::{
    AssessmentDoc, AssessmentKey, Bundle, BundleKind, Catalogue, CatalogueId, ConflictTarget,
    DeviceId, EditContext, EditError, Hlc, HlcClock, ImportReport, Limits, MvReg, Problem, Store,
    Unit, UnitId, bundle::ReadOptions, read_bundle_with,
};
use send_wrapper::SendWrapper;

use super::logs::{AuditEntry, ImportLogEntry, ImportOutcome, assessment_record_key};
use crate::i18n::Lang;
use crate::platform::clock;
use crate::platform::device::DeviceInfo;
use crate::platform::signing::{self, DeviceKey, SigningError};
use crate::storage::{Db, StorageError, StoreName, WriteBatch};

/// The `meta` key of the settings record (quotas, catalogue choices, imported digests).
pub const SETTINGS_KEY: &str = "store_settings";

/// Why a change did not happen.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SessionError {
    /// The core refused the edit.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// Writing failed; nothing changed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The thing to edit is not there (an assessment not started, an unknown catalogue).
    #[error("missing: {0}")]
    Missing(String),
    /// The bundle could not be signed; nothing was exported.
    #[error(transparent)]
    Signing(#[from] SigningError),
}

impl SessionError {
    /// The message for people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SessionError::Edit(error), Lang::Vi) => error.message_vi(),
            (SessionError::Edit(error), Lang::En) => error.message_en(),
            (SessionError::Storage(error), lang) => error.message(lang),
            (SessionError::Missing(what), Lang::Vi) => format!("Không tìm thấy {what}."),
            (SessionError::Missing(what), Lang::En) => format!("Not found: {what}."),
            (SessionError::Signing(error), lang) => error.message(lang),
        }
    }
}

/// What importing one file did.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportResult {
    /// Merged in (or found already imported); the core's report.
    Imported(ImportReport),
    /// Refused by the reader or the merge checks; nothing changed.
    Rejected(Vec<Problem>),
    /// Valid, but writing failed; nothing changed.
    Failed(StorageError),
    /// A ward bundle of another ward, where only this ward's are accepted; nothing changed.
    OtherUnit(UnitId),
}

/// A change of one assessment, for the audit log.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditNote {
    /// What in the assessment: a criterion id, `action:{id}`, …
    pub target: String,
    /// The change, in Vietnamese.
    pub summary_vi: String,
    /// The change, in English.
    pub summary_en: String,
}

/// The session: cheap to clone (all clones share one store).
///
/// The app runs on one thread; the wrapper lets reactive closures (which must be `Send`) hold a
/// session, and would panic if one were ever used from another thread.
#[derive(Clone)]
pub struct Session {
    inner: SendWrapper<Rc<Inner>>,
}

struct Inner {
    db: Db,
    device: DeviceInfo,
    clock: RefCell<HlcClock>,
    store: RefCell<Store>,
    revision: RwSignal<u64>,
    /// While set, a change is noted here instead of notified (see [`Session::hold_changes`]).
    held: std::cell::Cell<Option<bool>>,
    author: RwSignal<String>,
    import_sequence: RefCell<u32>,
    signing: Result<DeviceKey, SigningError>,
}

impl Session {
    /// Loads the store from `db` (adding the built-in draft catalogue when absent) and this
    /// device's signing key (making it on first run; if that fails, the app still works and
    /// says why when it would sign).
    pub async fn open(db: Db, device: DeviceInfo) -> Result<Session, StorageError> {
        let store = load_store(&db).await?;
        let signing = signing::ensure_device_key(&db).await;
        let device_id =
            DeviceId::new(&device.device_id).map_err(|error| StorageError::Corrupt {
                store: StoreName::Meta.as_str().into(),
                key: crate::platform::device::DEVICE_KEY.into(),
                detail: error.to_string(),
            })?;
        let mut clock = HlcClock::new(device_id);
        if let Some(latest) = store.latest_timestamp() {
            clock.observe(&latest);
        }
        Ok(Session {
            inner: SendWrapper::new(Rc::new(Inner {
                db,
                device,
                clock: RefCell::new(clock),
                store: RefCell::new(store),
                revision: RwSignal::new(0),
                held: std::cell::Cell::new(None),
                author: RwSignal::new(String::new()),
                import_sequence: RefCell::new(0),
                signing,
            })),
        })
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// This device.
    pub fn device(&self) -> &DeviceInfo {
        &self.inner.device
    }

    /// This device's signing key, or why there is none.
    pub fn device_key(&self) -> Result<&DeviceKey, &SigningError> {
        self.inner.signing.as_ref()
    }

    /// Signs a bundle about to be exported with this device's key (the signature is verified by
    /// the core before it is attached).
    pub async fn sign(&self, bundle: &mut Bundle) -> Result<(), SessionError> {
        let key = self.device_key().map_err(|error| error.clone())?;
        let bytes = bundle
            .signing_bytes()
            .map_err(|error| SigningError::Failed {
                detail: error.to_string(),
            })?;
        let value = key.sign(&bytes).await?;
        bundle
            .attach_signature(key.public_key().raw(), &value)
            .map_err(|error| SigningError::Failed {
                detail: error.message_vi(),
            })?;
        Ok(())
    }

    /// The name recorded as the author of edits (the profile's officer or reviewer).
    pub fn set_author(&self, name: &str) {
        self.inner.author.set(name.trim().to_owned());
    }

    /// Subscribes the calling reactive scope to store changes.
    pub fn track(&self) {
        self.inner.revision.track();
    }

    /// Reads the store, subscribing the calling reactive scope to its changes.
    pub fn read<R>(&self, read: impl FnOnce(&Store) -> R) -> R {
        self.track();
        read(&self.inner.store.borrow())
    }

    /// Reads the store without subscribing.
    pub fn read_untracked<R>(&self, read: impl FnOnce(&Store) -> R) -> R {
        read(&self.inner.store.borrow())
    }

    /// A fresh edit context: this device, the next clock tick, the author.
    pub fn context(&self) -> EditContext {
        let at = self.inner.clock.borrow_mut().tick(clock::now_ms());
        let author = self.inner.author.get_untracked();
        let author = if author.is_empty() {
            self.inner.device.device_id.clone()
        } else {
            author
        };
        EditContext::new(at, author)
    }

    fn changed(&self) {
        match self.inner.held.get() {
            Some(_) => self.inner.held.set(Some(true)),
            None => self.inner.revision.update(|revision| *revision += 1),
        }
    }

    /// Holds back the notification of store changes (the store itself changes at once) until
    /// [`Session::release_changes`]: a batch import of 700 files would otherwise recompute every
    /// view of the whole store 700 times.
    pub fn hold_changes(&self) {
        if self.inner.held.get().is_none() {
            self.inner.held.set(Some(false));
        }
    }

    /// Ends [`Session::hold_changes`], notifying once if anything changed meanwhile.
    pub fn release_changes(&self) {
        if self.inner.held.take() == Some(true) {
            self.inner.revision.update(|revision| *revision += 1);
        }
    }

    /// Edits one assessment: `edit` runs on a copy (with its catalogue); the record is written
    /// with an audit entry in one transaction, merged with what is stored; then the store
    /// changes.
    pub async fn edit_assessment(
        &self,
        key: &AssessmentKey,
        note: AuditNote,
        edit: impl FnOnce(&mut AssessmentDoc, &Catalogue, &EditContext) -> Result<(), EditError>,
    ) -> Result<(), SessionError> {
        let (doc, catalogue) = self.read_untracked(|store| {
            (
                store.assessment(key).cloned(),
                store.catalogue_of(key).cloned(),
            )
        });
        let mut doc = doc.ok_or_else(|| SessionError::Missing(assessment_record_key(key)))?;
        let catalogue = catalogue.ok_or_else(|| {
            SessionError::Missing(format!("bộ tiêu chí của {}", assessment_record_key(key)))
        })?;
        let context = self.context();
        edit(&mut doc, &catalogue, &context)?;
        let audit = AuditEntry {
            scope: assessment_record_key(key),
            target: note.target,
            at: context.at.clone(),
            author: context.author.clone(),
            summary_vi: note.summary_vi,
            summary_en: note.summary_en,
        };
        let mut batch = WriteBatch::new();
        batch.insert(StoreName::AuditLog, &audit.key(), &audit)?;
        let stored = self
            .inner
            .db
            .update(
                StoreName::Assessments,
                &assessment_record_key(key),
                move |current: Option<AssessmentDoc>| match current {
                    Some(mut current) => {
                        current.merge(&doc);
                        current
                    }
                    None => doc,
                },
                batch,
            )
            .await?;
        self.inner.store.borrow_mut().merge_assessment_doc(&stored);
        self.changed();
        Ok(())
    }

    /// Edits the registry side of the store (units, quotas, catalogues, catalogue choices, new
    /// assessments): `edit` runs on a copy without the existing assessments; what it changed is
    /// written in one transaction; then the store changes.
    pub async fn edit_registry<R>(
        &self,
        note: AuditNote,
        edit: impl FnOnce(&mut Store, &EditContext) -> Result<R, EditError>,
    ) -> Result<R, SessionError> {
        let mut fragment = self.read_untracked(|store| store.fragment_for(&Store::new()));
        let context = self.context();
        let result = edit(&mut fragment, &context)?;
        let audit = AuditEntry {
            scope: "registry".into(),
            target: note.target,
            at: context.at.clone(),
            author: context.author.clone(),
            summary_vi: note.summary_vi,
            summary_en: note.summary_en,
        };
        let mut batch = self.read_untracked(|store| changed_records(store, &fragment, None))?;
        batch.insert(StoreName::AuditLog, &audit.key(), &audit)?;
        self.inner.db.write(batch).await?;
        self.inner.store.borrow_mut().merge(&fragment);
        self.changed();
        Ok(result)
    }

    /// Reads, checks and merges one bundle file, all or nothing, and logs the outcome.
    pub async fn import_file(
        &self,
        file_name: &str,
        bytes: &[u8],
        accept: &[BundleKind],
    ) -> ImportResult {
        self.import_file_for(file_name, bytes, accept, None).await
    }

    /// As [`Session::import_file`], refusing ward bundles of any ward but `only_ward` (a ward
    /// laptop takes bundles of its own ward only).
    pub async fn import_file_for(
        &self,
        file_name: &str,
        bytes: &[u8],
        accept: &[BundleKind],
        only_ward: Option<&UnitId>,
    ) -> ImportResult {
        let options = ReadOptions {
            limits: Limits::default(),
            accept: accept.to_vec(),
            trusted_keys: self
                .device_key()
                .map(|key| vec![key.fingerprint()])
                .unwrap_or_default(),
        };
        let checked: Result<(Bundle, Store, ImportReport), Vec<Problem>> =
            self.read_untracked(|store| {
                let bundle = read_bundle_with(bytes, &options, store)?;
                let mut fragment = store.fragment_for(&bundle.content);
                let report = fragment.import_bundle_trusting(&bundle, &options.trusted_keys)?;
                Ok((bundle, fragment, report))
            });
        if let (Ok((bundle, _, _)), Some(ward)) = (&checked, only_ward)
            && bundle.kind == BundleKind::Ward
            && &bundle.header.unit_id != ward
        {
            let other = bundle.header.unit_id.clone();
            let entry = ImportLogEntry {
                file_name: file_name.to_owned(),
                at_ms: clock::now_ms(),
                digest: Some(bundle.digest.clone()),
                outcome: ImportOutcome::Rejected {
                    problems_vi: vec![other_unit_vi(&other)],
                    problems_en: vec![other_unit_en(&other)],
                },
            };
            let _ = self.log_import(entry, WriteBatch::new()).await;
            return ImportResult::OtherUnit(other);
        }
        let (bundle, fragment, report) = match checked {
            Ok(checked) => checked,
            Err(problems) => {
                let entry = ImportLogEntry {
                    file_name: file_name.to_owned(),
                    at_ms: clock::now_ms(),
                    digest: None,
                    outcome: ImportOutcome::Rejected {
                        problems_vi: problems.iter().map(Problem::message_vi).collect(),
                        problems_en: problems.iter().map(Problem::message_en).collect(),
                    },
                };
                // The refusal is what matters; a failure to log it changes nothing stored.
                let _ = self.log_import(entry, WriteBatch::new()).await;
                return ImportResult::Rejected(problems);
            }
        };
        let outcome = if report.already_imported {
            ImportOutcome::AlreadyImported
        } else {
            ImportOutcome::Imported {
                summary_vi: format!(
                    "{} {}",
                    report.merge.summary_vi(),
                    report.signature.message_vi(&report.unit)
                ),
                summary_en: format!(
                    "{} {}",
                    report.merge.summary_en(),
                    report.signature.message_en(&report.unit)
                ),
            }
        };
        let entry = ImportLogEntry {
            file_name: file_name.to_owned(),
            at_ms: clock::now_ms(),
            digest: Some(bundle.digest.clone()),
            outcome,
        };
        let batch = if report.already_imported {
            Ok(WriteBatch::new())
        } else {
            self.read_untracked(|store| changed_records(store, &fragment, Some(&bundle.content)))
        };
        let written = match batch {
            Ok(batch) => self.log_import(entry, batch).await,
            Err(error) => Err(error),
        };
        if let Err(error) = written {
            return ImportResult::Failed(error);
        }
        if !report.already_imported {
            self.inner.store.borrow_mut().merge(&fragment);
            if let Some(latest) = &report.latest {
                self.inner.clock.borrow_mut().observe(latest);
            }
            self.changed();
        }
        ImportResult::Imported(report)
    }

    /// Resolves a conflict by keeping sibling `pick`, which then dominates every sibling; the
    /// resolution travels with the next bundle and clears the conflict wherever it arrives.
    pub async fn resolve_conflict(
        &self,
        target: &ConflictTarget,
        pick: usize,
        note: AuditNote,
    ) -> Result<(), SessionError> {
        let target = target.clone();
        match target.assessment().cloned() {
            Some(key) => {
                let doc_key = key.clone();
                self.edit_assessment(&key, note, move |doc, _catalogue, context| {
                    let mut single = Store::new();
                    single.merge_assessment_doc(doc);
                    single.resolve_conflict(context, &target, pick)?;
                    if let Some(resolved) = single.assessment(&doc_key) {
                        *doc = resolved.clone();
                    }
                    Ok(())
                })
                .await
            }
            None => {
                self.edit_registry(note, move |store, context| {
                    store.resolve_conflict(context, &target, pick)
                })
                .await
            }
        }
    }

    async fn log_import(
        &self,
        entry: ImportLogEntry,
        mut batch: WriteBatch,
    ) -> Result<(), StorageError> {
        let sequence = {
            let mut sequence = self.inner.import_sequence.borrow_mut();
            *sequence += 1;
            *sequence
        };
        batch.insert(StoreName::ImportLog, &entry.key(sequence), &entry)?;
        self.inner.db.write(batch).await
    }

    /// The latest clock reading of this device (for export headers).
    pub fn now(&self) -> Hlc {
        self.inner.clock.borrow_mut().tick(clock::now_ms())
    }
}

/// The records of `fragment` that differ from `store`: the settings record, changed units and
/// catalogues, and the assessments of `incoming` (all of the fragment's when `None`).
fn changed_records(
    store: &Store,
    fragment: &Store,
    incoming: Option<&Store>,
) -> Result<WriteBatch, StorageError> {
    let mut batch = WriteBatch::new();
    batch.put(StoreName::Meta, SETTINGS_KEY, &fragment.settings_part())?;
    for (id, register) in fragment.unit_registers() {
        if store.unit_registers().get(id) != Some(register) {
            batch.put(StoreName::Units, id.as_str(), register)?;
        }
    }
    for (id, catalogue) in fragment.catalogues() {
        if store.catalogue(id) != Some(catalogue) {
            batch.put(StoreName::Catalogues, id.as_str(), catalogue)?;
        }
    }
    for (key, doc) in fragment.assessments() {
        let wanted = incoming.is_none_or(|incoming| incoming.assessment(key).is_some());
        if wanted && store.assessment(key) != Some(doc) {
            batch.put(StoreName::Assessments, &assessment_record_key(key), doc)?;
        }
    }
    Ok(batch)
}

/// Why a ward laptop refuses another ward's bundle, in Vietnamese.
pub fn other_unit_vi(unit: &UnitId) -> String {
    format!(
        "Tệp này là của đơn vị khác (mã “{unit}”), không phải Công an phường đang làm việc trên máy này; không có gì thay đổi."
    )
}

/// The same in English.
pub fn other_unit_en(unit: &UnitId) -> String {
    format!(
        "This file belongs to another unit (id “{unit}”), not the ward this laptop works for; nothing changed."
    )
}

/// Reads the whole store from its records.
pub async fn load_store(db: &Db) -> Result<Store, StorageError> {
    let mut store: Store = db
        .get::<Store>(StoreName::Meta, SETTINGS_KEY)
        .await?
        .unwrap_or_default();
    for (id, register) in db.all::<MvReg<Unit>>(StoreName::Units).await? {
        let id = UnitId::new(&id).map_err(|error| corrupt(StoreName::Units, &id, &error))?;
        store.merge_unit_register(&id, &register);
    }
    for (id, catalogue) in db.all::<Catalogue>(StoreName::Catalogues).await? {
        store
            .add_catalogue(catalogue)
            .map_err(|error| corrupt(StoreName::Catalogues, &id, &error))?;
    }
    for (_, doc) in db.all::<AssessmentDoc>(StoreName::Assessments).await? {
        store.merge_assessment_doc(&doc);
    }
    if let Ok(builtin) = Catalogue::builtin_draft()
        && store.catalogue(&builtin.id).is_none()
    {
        // Identical content every time, so adding it in memory only is enough.
        let _ = store.add_catalogue(builtin);
    }
    Ok(store)
}

fn corrupt(store: StoreName, key: &str, error: &dyn std::fmt::Display) -> StorageError {
    StorageError::Corrupt {
        store: store.as_str().into(),
        key: key.into(),
        detail: error.to_string(),
    }
}

/// The id of the built-in draft catalogue.
pub fn builtin_catalogue_id() -> Option<CatalogueId> {
    Catalogue::builtin_draft()
        .ok()
        .map(|catalogue| catalogue.id)
}

/// The session as a context value.
#[derive(Clone)]
pub struct SessionContext(pub Session);

/// The session provided by the app shell once storage opened.
pub fn use_session() -> Session {
    expect_context::<SessionContext>().0
}
