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
//!
//! Several tabs of one profile share the database. Each tab edits as a replica of its own (the
//! device id, with `:{slot}` for a second or later tab, see [`Session::open_as`]) so that version
//! vectors tell two tabs' concurrent edits apart; every write reads the records it replaces in the
//! same transaction and joins them, so nothing another tab wrote is overwritten; and after each
//! commit the tab reports what it wrote ([`Committed`], see [`Session::set_on_commit`]) so that the
//! other tabs can read those records again ([`Session::read_committed`], [`Session::absorb`]).
//! A tab merges only its own writes into memory; what other tabs wrote comes in through
//! [`Session::absorb`], which the caller runs when no change of this tab waits to be saved.
//!
//! When a write fails (the disk is full), the edited values are kept aside in memory
//! ([`Session::read_with_unsaved`]) so that they can still be exported; the next edit of the same
//! assessment starts from them, so its write carries them to the disk once there is room.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use pkm_core::{
    AssessmentDoc, AssessmentKey, Bundle, BundleKind, Catalogue, CatalogueId, ConflictTarget,
    DeviceId, EditContext, EditError, HeaderInput, Hlc, HlcClock, ImportReport, KeyFingerprint,
    Limits, MvReg, Problem, Selection, SignatureStatus, Store, TrustPolicy, Unit, UnitId,
    bundle::{ReadOptions, WriteError, build_bundle},
    key_ledger::{KeyEvent, KeyEventKind},
    read_bundle_with,
    trust::MAX_CLOCK_AHEAD_MS,
};
use send_wrapper::SendWrapper;
use serde::{Deserialize, Serialize};

use super::logs::{
    AuditEntry, ImportLogEntry, ImportOutcome, assessment_record_key, key_event_record_key,
};
use crate::i18n::{self, Lang, Missing};
use crate::platform::clock;
use crate::platform::device::DeviceInfo;
use crate::platform::signing::{self, DeviceKey, SigningError};
use crate::platform::turns::Turns;
use crate::storage::{Db, StorageError, StoreName, WriteBatch};

/// The `meta` key of the settings record (quotas, catalogue choices, imported digests).
pub const SETTINGS_KEY: &str = "store_settings";

/// How long an import's checks and joins may hold the page's thread before the page gets its
/// turn, in ms.
const IMPORT_SLICE_MS: f64 = 25.0;

/// What one committed change wrote, by record: reported to the app's other tabs, which read
/// those records again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committed {
    /// The record keys of the assessments written.
    pub assessments: Vec<String>,
    /// Whether units, catalogues or the settings record were written.
    pub registry: bool,
}

impl Committed {
    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.assessments.is_empty() && !self.registry
    }

    /// Adds what `other` wrote.
    pub fn join(&mut self, other: &Committed) {
        for key in &other.assessments {
            if !self.assessments.contains(key) {
                self.assessments.push(key.clone());
            }
        }
        self.registry |= other.registry;
    }
}

/// The replica id a tab edits as: the device id in the first tab (`slot` 0), `{device}:{slot}`
/// in others, so that two tabs of one profile are two writers to the version vectors.
pub fn replica_id(device_id: &str, slot: u32) -> Result<DeviceId, pkm_core::IdError> {
    if slot == 0 {
        DeviceId::new(device_id)
    } else {
        DeviceId::new(format!("{device_id}:{slot}"))
    }
}

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
    /// `.1` names which one, when known (a record key, an id).
    #[error("missing: {0:?} {1}")]
    Missing(Missing, String),
    /// The bundle could not be signed; nothing was exported.
    #[error(transparent)]
    Signing(#[from] SigningError),
    /// The bundle could not be written (an unknown unit, a store the format cannot carry);
    /// nothing was exported.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl SessionError {
    /// The message for people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SessionError::Edit(error), Lang::Vi) => error.message_vi(),
            (SessionError::Edit(error), Lang::En) => error.message_en(),
            (SessionError::Storage(error), lang) => error.message(lang),
            (SessionError::Missing(what, which), lang) => i18n::not_found(*what, which, lang),
            (SessionError::Signing(error), lang) => error.message(lang),
            (SessionError::Write(error), Lang::Vi) => error.message_vi(),
            (SessionError::Write(error), Lang::En) => error.message_en(),
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

impl AuditNote {
    /// A note about `target` whose summary, in each language, is `summary(lang)` (one of the
    /// texts of `i18n::audit`).
    pub fn says(target: impl Into<String>, summary: impl Fn(Lang) -> String) -> AuditNote {
        AuditNote {
            target: target.into(),
            summary_vi: summary(Lang::Vi),
            summary_en: summary(Lang::En),
        }
    }
}

/// The session: cheap to clone (all clones share one store).
///
/// The app runs on one thread; the wrapper lets reactive closures (which must be `Send`) hold a
/// session, and would panic if one were ever used from another thread.
#[derive(Clone)]
pub struct Session {
    inner: SendWrapper<Rc<Inner>>,
}

/// Who hears of each commit (the other tabs' propagation).
type CommitListener = Rc<dyn Fn(&Committed)>;

struct Inner {
    db: Db,
    device: DeviceInfo,
    replica: DeviceId,
    clock: RefCell<HlcClock>,
    store: RefCell<Store>,
    revision: RwSignal<u64>,
    /// While set, a change is noted here instead of notified (see [`Session::hold_changes`]).
    held: std::cell::Cell<Option<bool>>,
    author: RwSignal<String>,
    import_sequence: RefCell<u32>,
    signing: Result<DeviceKey, SigningError>,
    on_commit: RefCell<Option<CommitListener>>,
    /// Edits whose write failed, kept for an export from memory.
    unsaved: RefCell<Store>,
    /// The last write's failure, cleared by the next write that commits.
    write_failure: RwSignal<Option<StorageError>>,
}

impl Session {
    /// Loads the store from `db` (adding the built-in draft catalogue when absent) and this
    /// device's signing key (making it on first run; if that fails, the app still works and
    /// says why when it would sign), editing as the device itself (the first tab).
    pub async fn open(db: Db, device: DeviceInfo) -> Result<Session, StorageError> {
        Session::open_as(db, device, 0).await
    }

    /// As [`Session::open`], editing as the replica of tab slot `slot` (see [`replica_id`]).
    pub async fn open_as(db: Db, device: DeviceInfo, slot: u32) -> Result<Session, StorageError> {
        let store = load_store(&db).await?;
        let signing = signing::ensure_device_key(&db).await;
        let replica =
            replica_id(&device.device_id, slot).map_err(|error| StorageError::Corrupt {
                store: StoreName::Meta.as_str().into(),
                key: crate::platform::device::DEVICE_KEY.into(),
                detail: error.to_string(),
            })?;
        let mut clock = HlcClock::new(replica.clone());
        // Values dated far ahead of this device's clock (accepted once by a person) never move
        // it: only what is at most a day ahead is observed.
        if let Some(latest) =
            store.latest_timestamp_until(clock::now_ms().saturating_add(MAX_CLOCK_AHEAD_MS))
        {
            clock.observe(&latest);
        }
        Ok(Session {
            inner: SendWrapper::new(Rc::new(Inner {
                db,
                device,
                replica,
                clock: RefCell::new(clock),
                store: RefCell::new(store),
                revision: RwSignal::new(0),
                held: std::cell::Cell::new(None),
                author: RwSignal::new(String::new()),
                import_sequence: RefCell::new(0),
                signing,
                on_commit: RefCell::new(None),
                unsaved: RefCell::new(Store::new()),
                write_failure: RwSignal::new(None),
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

    /// The keys whose files this device accepts whatever is pinned: its own (none when it has no
    /// key). Every import and preview reads with these.
    pub fn trusted_keys(&self) -> Vec<KeyFingerprint> {
        self.device_key()
            .map(|key| key.fingerprint())
            .into_iter()
            .collect()
    }

    /// The trust context of an import on this device now: its own keys, what the person decided
    /// on the import screen (`decided`: keys confirmed, exceptions accepted; its own keys and
    /// clock are ignored) and this device's clock.
    pub fn trust_policy(&self, decided: &TrustPolicy) -> TrustPolicy {
        TrustPolicy {
            own_keys: self.trusted_keys(),
            now_ms: Some(clock::now_ms()),
            device: Some(self.replica().clone()),
            ..decided.clone()
        }
    }

    /// Writes the bundle `selection` covers, signed with this device's key, as its JSON text;
    /// with `with_unsaved`, from what is on screen (the edits whose write failed joined in).
    pub async fn signed_bundle_json(
        &self,
        selection: &Selection,
        header: &HeaderInput,
        with_unsaved: bool,
    ) -> Result<String, SessionError> {
        let bundle = self.signed_bundle(selection, header, with_unsaved).await?;
        Ok(bundle.to_json()?)
    }

    /// As [`Session::signed_bundle_json`], giving the signed bundle itself (whose evidence may
    /// refer to files that travel with it in a container).
    pub async fn signed_bundle(
        &self,
        selection: &Selection,
        header: &HeaderInput,
        with_unsaved: bool,
    ) -> Result<Bundle, SessionError> {
        let build = |store: &Store| build_bundle(store, selection, header);
        let mut bundle = if with_unsaved {
            self.read_with_unsaved(build)
        } else {
            self.read_untracked(build)
        }?;
        self.sign(&mut bundle).await?;
        Ok(bundle)
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

    /// The id this tab edits as (the device id, or `{device}:{slot}` in a second tab).
    pub fn replica(&self) -> &DeviceId {
        &self.inner.replica
    }

    /// Calls `on_commit` after every committed write of this session, with what it wrote.
    pub fn set_on_commit(&self, on_commit: impl Fn(&Committed) + 'static) {
        *self.inner.on_commit.borrow_mut() = Some(Rc::new(on_commit));
    }

    /// The last write's failure (for example a full disk), until a write commits again;
    /// reactive.
    pub fn write_failure(&self) -> Option<StorageError> {
        self.inner.write_failure.get()
    }

    /// Reads the store with the edits whose write failed joined in (without subscribing): what
    /// the person sees on screen, for an export when the disk is full.
    pub fn read_with_unsaved<R>(&self, read: impl FnOnce(&Store) -> R) -> R {
        let unsaved = self.inner.unsaved.borrow();
        if unsaved.assessments().is_empty() && unsaved.unit_registers().is_empty() {
            return read(&self.inner.store.borrow());
        }
        let mut joined = self.inner.store.borrow().clone();
        joined.merge(&unsaved);
        read(&joined)
    }

    /// Reads the records `committed` names as they are stored now (another tab wrote them).
    pub async fn read_committed(&self, committed: &Committed) -> Result<Store, StorageError> {
        let db = &self.inner.db;
        let mut fragment = Store::new();
        if committed.registry {
            if let Some(settings) = db.get::<Store>(StoreName::Meta, SETTINGS_KEY).await? {
                fragment.merge(&settings);
            }
            for (id, register) in db.all::<MvReg<Unit>>(StoreName::Units).await? {
                let id =
                    UnitId::new(&id).map_err(|error| corrupt(StoreName::Units, &id, &error))?;
                fragment.merge_unit_register(&id, &register);
            }
            for (id, catalogue) in db.all::<Catalogue>(StoreName::Catalogues).await? {
                fragment
                    .add_catalogue(catalogue)
                    .map_err(|error| corrupt(StoreName::Catalogues, &id, &error))?;
            }
        }
        for key in &committed.assessments {
            if let Some(doc) = db.get::<AssessmentDoc>(StoreName::Assessments, key).await? {
                fragment.merge_assessment_doc(&doc);
            }
        }
        Ok(fragment)
    }

    /// Joins records written by another tab (from [`Session::read_committed`]) into memory,
    /// and lets the UI show them. Call it only when no change of this tab waits to be saved: an
    /// editor's pending value must be written against what it was typed over.
    pub fn absorb(&self, fragment: &Store) {
        let report = self.inner.store.borrow_mut().merge(fragment);
        if let Some(latest) =
            fragment.latest_timestamp_until(clock::now_ms().saturating_add(MAX_CLOCK_AHEAD_MS))
        {
            self.inner.clock.borrow_mut().observe(&latest);
        }
        if !report.is_noop() {
            self.changed();
        }
    }

    /// Reports a commit to whoever listens (the other tabs) and clears a past write failure.
    fn committed(&self, committed: Committed) {
        self.inner.write_failure.set(None);
        let listener = self.inner.on_commit.borrow().clone();
        if let Some(listener) = listener
            && !committed.is_empty()
        {
            listener(&committed);
        }
    }

    /// Keeps what a failed write would have stored, for an export from memory.
    fn failed(&self, error: &StorageError, unsaved: &Store) {
        self.inner.unsaved.borrow_mut().merge(unsaved);
        self.inner.write_failure.set(Some(error.clone()));
    }

    /// The name recorded as the author of edits (the profile's officer or reviewer).
    pub fn set_author(&self, name: &str) {
        self.inner.author.set(name.trim().to_owned());
    }

    /// The name of the person working on this device, as edits record it (the profile's officer
    /// or reviewer; the device id when none was given).
    pub fn author_name(&self) -> String {
        let author = self.inner.author.get_untracked();
        if author.is_empty() {
            self.inner.device.device_id.clone()
        } else {
            author
        }
    }

    /// The writes of key events in this device's key log (see [`key_event_record_key`]).
    pub fn key_events_batch(events: &[KeyEvent]) -> Result<WriteBatch, StorageError> {
        let mut batch = WriteBatch::new();
        for event in events {
            batch.put(StoreName::KeyLog, &key_event_record_key(event), event)?;
        }
        Ok(batch)
    }

    /// Writes key events in this device's key log.
    pub async fn record_key_events(&self, events: &[KeyEvent]) -> Result<(), StorageError> {
        if events.is_empty() {
            return Ok(());
        }
        self.inner
            .db
            .write(Session::key_events_batch(events)?)
            .await
    }

    /// This device's key log, oldest first.
    pub async fn key_events(&self) -> Result<Vec<KeyEvent>, StorageError> {
        Ok(self
            .inner
            .db
            .all::<KeyEvent>(StoreName::KeyLog)
            .await?
            .into_iter()
            .map(|(_, event)| event)
            .collect())
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
        EditContext::new(at, self.author_name())
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
        // Edits whose write failed are the base of the next one, so that it carries them to
        // the disk with it (and a value typed again is a newer value, not a conflict).
        let doc = match (doc, self.inner.unsaved.borrow().assessment(key)) {
            (Some(mut doc), Some(unsaved)) => {
                doc.merge(unsaved);
                Some(doc)
            }
            (None, Some(unsaved)) => Some(unsaved.clone()),
            (doc, None) => doc,
        };
        let mut doc = doc.ok_or_else(|| {
            SessionError::Missing(Missing::Assessment, assessment_record_key(key))
        })?;
        let catalogue = catalogue
            .ok_or_else(|| SessionError::Missing(Missing::Catalogue, assessment_record_key(key)))?;
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
        let own = doc.clone();
        let written = self
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
            .await;
        if let Err(error) = written {
            let mut unsaved = Store::new();
            unsaved.merge_assessment_doc(&own);
            self.failed(&error, &unsaved);
            return Err(error.into());
        }
        // Only this tab's own edit: what another tab wrote to the record comes in through
        // `absorb`, once nothing typed here waits to be saved.
        self.inner.store.borrow_mut().merge_assessment_doc(&own);
        self.changed();
        self.committed(Committed {
            assessments: vec![assessment_record_key(key)],
            registry: false,
        });
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
        self.edit_registry_with(note, WriteBatch::new(), edit).await
    }

    /// As [`Session::edit_registry`], writing `extra` in the same transaction (a key log entry
    /// with a revocation).
    pub async fn edit_registry_with<R>(
        &self,
        note: AuditNote,
        extra: WriteBatch,
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
        let plan = self.read_untracked(|store| plan_records(store, &fragment));
        let mut extra = extra;
        extra.insert(StoreName::AuditLog, &audit.key(), &audit)?;
        if let Err(error) = self.write_merged(&fragment, &plan, extra).await {
            self.failed(&error, &fragment);
            return Err(error.into());
        }
        self.inner.store.borrow_mut().merge(&fragment);
        self.changed();
        self.committed(plan.committed());
        Ok(result)
    }

    /// Reads, checks and merges one bundle file, all or nothing, and logs the outcome, under
    /// the person's decisions `decided` (see [`Session::trust_policy`]).
    pub async fn import_file(
        &self,
        file_name: &str,
        bytes: &[u8],
        accept: &[BundleKind],
        decided: &TrustPolicy,
    ) -> ImportResult {
        self.import_file_for(file_name, bytes, accept, None, decided)
            .await
    }

    /// As [`Session::import_file`], refusing ward bundles of any ward but `only_ward` (a ward
    /// laptop takes bundles of its own ward only).
    pub async fn import_file_for(
        &self,
        file_name: &str,
        bytes: &[u8],
        accept: &[BundleKind],
        only_ward: Option<&UnitId>,
        decided: &TrustPolicy,
    ) -> ImportResult {
        let policy = self.trust_policy(decided);
        // Read on the file's own terms first, so that another ward's file is named as such
        // whoever signed it; the trust rules run at the import (and, for a refused file, in a
        // second read that lists every reason).
        let mut options = ReadOptions {
            limits: Limits::default(),
            accept: accept.to_vec(),
            trust: None,
            ..ReadOptions::default()
        };
        let read = self.read_untracked(|store| read_bundle_with(bytes, &options, store));
        let read = match read {
            Ok(bundle) => Ok(bundle),
            Err(_) => {
                options.trust = Some(policy.clone());
                self.read_untracked(|store| read_bundle_with(bytes, &options, store))
            }
        };
        let file = match read {
            Ok(bundle) => {
                if let Some(ward) = only_ward
                    && bundle.kind == BundleKind::Ward
                    && &bundle.header.unit_id != ward
                {
                    let other = bundle.header.unit_id.clone();
                    let entry = ImportLogEntry {
                        file_name: file_name.to_owned(),
                        at_ms: clock::now_ms(),
                        digest: Some(bundle.digest.clone()),
                        outcome: ImportOutcome::Rejected {
                            problems_vi: vec![i18n::ward::other_unit(other.as_str(), Lang::Vi)],
                            problems_en: vec![i18n::ward::other_unit(other.as_str(), Lang::En)],
                        },
                    };
                    // The refusal is logged like any other; if even that write fails, the
                    // failure is what the person hears (as for a batch whose log cannot be
                    // written), since the refusal would otherwise leave no trace.
                    return match self.log_import(entry, WriteBatch::new()).await {
                        Ok(()) => ImportResult::OtherUnit(other),
                        Err(error) => ImportResult::Failed(error),
                    };
                }
                CheckedFile::Read(Box::new(bundle))
            }
            Err(problems) => CheckedFile::Refused(problems),
        };
        // One file is a batch of one: merged, written and logged the same way.
        self.import_checked(vec![(file_name.to_owned(), file)], &policy, |_| {})
            .await
            .pop()
            .expect("one result per file")
    }

    /// Imports a batch of files already read and checked (by [`pkm_core::BatchPreview`]), in
    /// order, in one transaction, under the trust context `policy` (the preview's, see
    /// [`Session::trust_policy`]): each file is merged all or nothing into one fragment (the
    /// checks that depend on the store run again; a file refused now changes nothing), then the
    /// fragment's records and one log entry per file are written together. Files refused at the
    /// preview are logged with the preview's reasons. If the write fails, nothing of the batch
    /// is stored and every file that would have changed something reports the failure.
    ///
    /// One transaction for many files instead of one each: an import of 700 wards' files
    /// otherwise waits for 700 strict-durability commits (docs/benchmarks.md).
    ///
    /// `joined` hears how many files have been checked and joined, each time the page gets its
    /// turn in between (a progress bar). The bundles are taken: their assessments are moved into
    /// the fragment, and the fragment's into the store, not copied (for 700 wards that copying
    /// and freeing took about as long as every check of the import).
    pub async fn import_checked(
        &self,
        files: Vec<(String, CheckedFile)>,
        policy: &TrustPolicy,
        joined: impl Fn(usize),
    ) -> Vec<ImportResult> {
        let mut fragment = self.read_untracked(|store| {
            let contents: Vec<&Store> = files
                .iter()
                .filter_map(|(_, file)| match file {
                    CheckedFile::Read(bundle) | CheckedFile::Container(bundle, _) => {
                        Some(&bundle.content)
                    }
                    CheckedFile::Refused(_) => None,
                })
                .collect();
            store.fragment_for_all(&contents)
        });
        // The fragment is this import's own, so the page may paint between the check and the
        // join of a file: a province's bundle of 700 wards takes over a tenth of a second for
        // both in one task on a slow laptop.
        let mut turns = Turns::new(IMPORT_SLICE_MS);
        let mut names = Vec::with_capacity(files.len());
        let mut results = Vec::with_capacity(files.len());
        let mut carried = WriteBatch::new();
        for (index, (name, file)) in files.into_iter().enumerate() {
            let (file, records) = match file {
                CheckedFile::Read(bundle) => (Ok(bundle), Vec::new()),
                CheckedFile::Container(bundle, records) => (Ok(bundle), records),
                CheckedFile::Refused(problems) => (Err(problems), Vec::new()),
            };
            let result = match file {
                Ok(bundle) => match fragment.check_import_whole(*bundle, policy) {
                    Ok(checked) => {
                        turns.give_if_due().await;
                        ImportResult::Imported(fragment.join_checked_whole(checked))
                    }
                    Err(problems) => ImportResult::Rejected(problems),
                },
                Err(problems) => ImportResult::Rejected(problems),
            };
            if matches!(result, ImportResult::Imported(_)) {
                for (hash, record) in records {
                    carried.put_object(StoreName::Attachments, &hash, record);
                }
            }
            names.push(name);
            results.push(result);
            if turns.due() {
                joined(index + 1);
                turns.give().await;
            }
        }
        let (mut log, changes) = match self.import_log(&names, &results) {
            Ok(log) => log,
            Err(error) => return vec![ImportResult::Failed(error); names.len()],
        };
        // The files carried by the bundles that went in, with them.
        log.append(carried);
        let written = if changes {
            let plan = self.read_untracked(|store| plan_records(store, &fragment));
            self.write_merged(&fragment, &plan, log)
                .await
                .map(|()| Some(plan.committed()))
        } else {
            self.inner.db.write(log).await.map(|()| None)
        };
        match written {
            Ok(committed) => {
                if let Some(committed) = committed {
                    self.committed(committed);
                    // The fragment is not needed after: its new assessments are moved into
                    // the store, not copied then freed.
                    self.inner.store.borrow_mut().merge_from(fragment);
                    for result in &results {
                        if let ImportResult::Imported(report) = result
                            && let Some(latest) = &report.latest
                        {
                            self.inner.clock.borrow_mut().observe(latest);
                        }
                    }
                    self.changed();
                }
            }
            Err(error) => {
                if changes {
                    self.inner.write_failure.set(Some(error.clone()));
                }
                for result in &mut results {
                    if matches!(result, ImportResult::Imported(report) if !report.already_imported)
                    {
                        *result = ImportResult::Failed(error.clone());
                    }
                }
            }
        }
        results
    }

    /// The records an import batch writes besides the merged data: what it did with keys
    /// and one log entry per file (imported or refused); and whether any file changes the
    /// store.
    fn import_log(
        &self,
        names: &[String],
        results: &[ImportResult],
    ) -> Result<(WriteBatch, bool), StorageError> {
        let mut log = Session::key_events_batch(&self.import_key_events(results))?;
        let mut changes = false;
        for (file_name, result) in names.iter().zip(results) {
            let entry = match result {
                ImportResult::Imported(report) => {
                    changes |= !report.already_imported;
                    imported_entry(file_name, report)
                }
                ImportResult::Rejected(problems) => rejected_entry(file_name, problems),
                ImportResult::Failed(_) | ImportResult::OtherUnit(_) => continue,
            };
            log.append(self.import_log_batch(&entry)?);
        }
        Ok((log, changes))
    }

    /// What the imports did with keys, for the keys screen: a key a person confirmed in this
    /// import (pinned now, by whom), and each key whose file went in.
    fn import_key_events(&self, results: &[ImportResult]) -> Vec<KeyEvent> {
        let mut key_events = Vec::new();
        let now_ms = clock::now_ms();
        for result in results {
            if let ImportResult::Imported(report) = result
                && !report.already_imported
            {
                let event = |fingerprint: &KeyFingerprint, kind| KeyEvent {
                    unit: report.unit.clone(),
                    fingerprint: fingerprint.clone(),
                    at_ms: now_ms,
                    kind,
                };
                match &report.signature {
                    SignatureStatus::FirstSeen { fingerprint } => {
                        let by = self.author_name();
                        key_events.push(event(fingerprint, KeyEventKind::Confirmed { by }));
                        key_events.push(event(fingerprint, KeyEventKind::Used));
                    }
                    SignatureStatus::Pinned { fingerprint } => {
                        key_events.push(event(fingerprint, KeyEventKind::Used));
                    }
                    SignatureStatus::Own { .. } | SignatureStatus::Unsigned => {}
                }
            }
        }
        key_events
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
        batch.append(self.import_log_batch(&entry)?);
        self.inner.db.write(batch).await
    }

    /// The write of one import log entry, under a key no other entry of this tab has.
    fn import_log_batch(&self, entry: &ImportLogEntry) -> Result<WriteBatch, StorageError> {
        let sequence = {
            let mut sequence = self.inner.import_sequence.borrow_mut();
            *sequence += 1;
            *sequence
        };
        let mut batch = WriteBatch::new();
        batch.insert(StoreName::ImportLog, &entry.key(sequence), entry)?;
        Ok(batch)
    }

    /// Writes the records `plan` names from `fragment`, each joined with what is stored now (in
    /// the same transaction), and `extra` with them: all or nothing.
    async fn write_merged(
        &self,
        fragment: &Store,
        plan: &RecordPlan,
        extra: WriteBatch,
    ) -> Result<(), StorageError> {
        let mut reads = vec![(StoreName::Meta, SETTINGS_KEY.to_owned())];
        reads.extend(
            plan.units
                .iter()
                .map(|id| (StoreName::Units, id.as_str().to_owned())),
        );
        reads.extend(
            plan.catalogues
                .iter()
                .map(|id| (StoreName::Catalogues, id.as_str().to_owned())),
        );
        reads.extend(
            plan.assessments
                .iter()
                .map(|key| (StoreName::Assessments, assessment_record_key(key))),
        );
        self.inner
            .db
            .read_modify_write(
                &StoreName::ALL,
                &reads,
                |index, current| merged_record(fragment, plan, index, current),
                extra,
            )
            .await
    }

    /// The latest clock reading of this device (for export headers).
    pub fn now(&self) -> Hlc {
        self.inner.clock.borrow_mut().tick(clock::now_ms())
    }
}

/// The records of a change: the settings record always, and the units, catalogues and
/// assessments of the fragment that differ from the store.
#[derive(Clone, Debug, Default, PartialEq)]
struct RecordPlan {
    units: Vec<UnitId>,
    catalogues: Vec<CatalogueId>,
    assessments: Vec<AssessmentKey>,
}

impl RecordPlan {
    /// What writing the plan tells the other tabs.
    fn committed(&self) -> Committed {
        Committed {
            assessments: self.assessments.iter().map(assessment_record_key).collect(),
            registry: true,
        }
    }
}

/// The records of `fragment` that differ from `store`: its changed units, catalogues and
/// assessments.
fn plan_records(store: &Store, fragment: &Store) -> RecordPlan {
    let mut plan = RecordPlan::default();
    for (id, register) in fragment.unit_registers() {
        if store.unit_registers().get(id) != Some(register) {
            plan.units.push(id.clone());
        }
    }
    for (id, catalogue) in fragment.catalogues() {
        if store.catalogue(id) != Some(catalogue) {
            plan.catalogues.push(id.clone());
        }
    }
    for (key, doc) in fragment.assessments() {
        if store.assessment(key) != Some(doc) {
            plan.assessments.push(key.clone());
        }
    }
    plan
}

/// The writes of one record of `plan`: the record at `index` in the order
/// [`Session::write_merged`] reads them (the settings, then the units, catalogues and
/// assessments), `fragment`'s version joined with the stored one (`current`, JSON text).
fn merged_record(
    fragment: &Store,
    plan: &RecordPlan,
    index: usize,
    current: Option<String>,
) -> Result<WriteBatch, StorageError> {
    fn stored<T: serde::de::DeserializeOwned>(
        json: Option<String>,
        store: StoreName,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        json.map(|json| serde_json::from_str(&json).map_err(|error| corrupt(store, key, &error)))
            .transpose()
    }
    let mut batch = WriteBatch::new();
    let Some(index) = index.checked_sub(1) else {
        let mut settings = fragment.settings_part();
        if let Some(on_disk) = stored::<Store>(current, StoreName::Meta, SETTINGS_KEY)? {
            settings.merge(&on_disk);
        }
        batch.put(StoreName::Meta, SETTINGS_KEY, &settings)?;
        return Ok(batch);
    };
    if let Some(id) = plan.units.get(index) {
        let mut register = fragment
            .unit_registers()
            .get(id)
            .cloned()
            .unwrap_or_default();
        if let Some(on_disk) = stored::<MvReg<Unit>>(current, StoreName::Units, id.as_str())? {
            register.merge(&on_disk);
        }
        batch.put(StoreName::Units, id.as_str(), &register)?;
        return Ok(batch);
    }
    let index = index - plan.units.len();
    if let Some(id) = plan.catalogues.get(index) {
        // A catalogue never changes under its id: one already stored stays as it is.
        if current.is_none()
            && let Some(catalogue) = fragment.catalogue(id)
        {
            batch.put(StoreName::Catalogues, id.as_str(), catalogue)?;
        }
        return Ok(batch);
    }
    let index = index - plan.catalogues.len();
    if let Some(key) = plan.assessments.get(index)
        && let Some(mut doc) = fragment.assessment(key).cloned()
    {
        let record = assessment_record_key(key);
        if let Some(on_disk) = stored::<AssessmentDoc>(current, StoreName::Assessments, &record)? {
            doc.merge(&on_disk);
        }
        batch.put(StoreName::Assessments, &record, &doc)?;
    }
    Ok(batch)
}

/// A file of a batch import, as its preview left it.
#[derive(Clone, Debug)]
pub enum CheckedFile {
    /// Read and checked: the bundle to merge.
    Read(Box<Bundle>),
    /// Read from a container and checked: the bundle to merge, and the records of the evidence
    /// files it carried (hash, record with its `Blob`), written in the same transaction when the
    /// bundle goes in (or was in already), never when it is refused.
    Container(Box<Bundle>, Vec<(String, wasm_bindgen::JsValue)>),
    /// Refused at the preview, for these reasons.
    Refused(Vec<Problem>),
}

/// The import log's line for a refused file.
fn rejected_entry(file_name: &str, problems: &[Problem]) -> ImportLogEntry {
    ImportLogEntry {
        file_name: file_name.to_owned(),
        at_ms: clock::now_ms(),
        digest: None,
        outcome: ImportOutcome::Rejected {
            problems_vi: problems.iter().map(Problem::message_vi).collect(),
            problems_en: problems.iter().map(Problem::message_en).collect(),
        },
    }
}

/// The import log's line for a file merged in (or found already imported).
fn imported_entry(file_name: &str, report: &ImportReport) -> ImportLogEntry {
    let outcome = if report.already_imported {
        ImportOutcome::AlreadyImported
    } else {
        ImportOutcome::Imported {
            summary_vi: imported_summary(report, Lang::Vi),
            summary_en: imported_summary(report, Lang::En),
        }
    };
    ImportLogEntry {
        file_name: file_name.to_owned(),
        at_ms: clock::now_ms(),
        digest: Some(report.digest.clone()),
        outcome,
    }
}

/// What importing a file did, in `lang`: what changed, how its signature stands (a key a person
/// confirmed, an unsigned file accepted once) and the values dated ahead of this device's clock
/// a person accepted, if any.
pub fn imported_summary(report: &ImportReport, lang: Lang) -> String {
    let mut text = match lang {
        Lang::Vi => format!(
            "{} {}",
            report.merge.summary_vi(),
            report.signature.message_vi(&report.unit)
        ),
        Lang::En => format!(
            "{} {}",
            report.merge.summary_en(),
            report.signature.message_en(&report.unit)
        ),
    };
    if let Some(furthest) = report.future_ms {
        let when = pkm_core::trust::utc_text(furthest);
        text.push(' ');
        text.push_str(&crate::i18n::trust::future_accepted(&when, lang));
    }
    text
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
