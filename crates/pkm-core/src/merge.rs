//! Merging: [`Store::merge`] and [`AssessmentDoc::merge`] are lattice joins (idempotent,
//! commutative, associative): registers join entry sets, catalogues and imported digests are
//! unions. Importing a bundle is the same join, after the bundle was checked against the store;
//! it is atomic (a refused bundle changes nothing) and a bundle whose digest was imported before
//! is reported as already imported and changes nothing.
//!
//! A merge of two stores holding different catalogues under one id keeps, deterministically, the one
//! whose canonical JSON sorts first and reports the clash; bundle imports refuse such a bundle.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use serde::{Deserialize, Serialize};

use crate::bundle::signature::{SignatureStatus, union_into};
use crate::bundle::{Bundle, BundleKind, Problem, check_bundle};
use crate::ids::{BundleId, CatalogueId, UnitId};
use crate::register::{MvReg, RegisterChange};
use crate::store::{AssessmentDoc, Store};
use crate::trust::{TrustPolicy, future_values, signature_status};
use crate::version::Hlc;

/// What a merge changed, counted per register.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MergeReport {
    /// Units that were not known before (đơn vị mới).
    pub units_added: usize,
    /// Assessments that were not known before (bản đánh giá mới).
    pub assessments_added: usize,
    /// Catalogues that were not known before.
    pub catalogues_added: usize,
    /// Values (registers) that were not known before, other than new units.
    pub values_added: usize,
    /// Known values that changed (giá trị được cập nhật).
    pub values_updated: usize,
    /// Values received that changed nothing (không đổi).
    pub unchanged: usize,
    /// Values that were not in conflict before and are now (xung đột mới).
    pub conflicts_created: usize,
    /// Catalogue ids with different content on both sides.
    pub catalogue_clashes: Vec<CatalogueId>,
    /// Signing keys pinned for a unit that were not pinned for it before (khóa ký số mới).
    #[serde(default)]
    pub keys_pinned: usize,
    /// Signing keys revoked for a unit that were not revoked for it before (khóa bị thu hồi).
    #[serde(default)]
    pub keys_revoked: usize,
}

impl MergeReport {
    /// Whether the merge changed nothing.
    pub fn is_noop(&self) -> bool {
        self.units_added == 0
            && self.assessments_added == 0
            && self.catalogues_added == 0
            && self.values_added == 0
            && self.values_updated == 0
            && self.keys_pinned == 0
            && self.keys_revoked == 0
    }

    fn count<T: Clone + PartialEq + Serialize>(
        &mut self,
        target: &mut MvReg<T>,
        incoming: &MvReg<T>,
    ) -> RegisterChange {
        if incoming.is_empty() {
            return RegisterChange::Unchanged;
        }
        let was_conflict = target.is_conflict();
        let change = target.merge(incoming);
        match change {
            RegisterChange::Added => self.values_added += 1,
            RegisterChange::Updated => self.values_updated += 1,
            RegisterChange::Unchanged => self.unchanged += 1,
        }
        if !was_conflict && target.is_conflict() {
            self.conflicts_created += 1;
        }
        change
    }

    fn count_map<K: Ord + Clone, T: Clone + PartialEq + Serialize>(
        &mut self,
        target: &mut BTreeMap<K, MvReg<T>>,
        incoming: &BTreeMap<K, MvReg<T>>,
    ) {
        for (key, register) in incoming {
            if !register.is_empty() {
                self.count(target.entry(key.clone()).or_default(), register);
            }
        }
    }

    fn absorb(&mut self, other: MergeReport) {
        self.units_added += other.units_added;
        self.assessments_added += other.assessments_added;
        self.catalogues_added += other.catalogues_added;
        self.values_added += other.values_added;
        self.values_updated += other.values_updated;
        self.unchanged += other.unchanged;
        self.conflicts_created += other.conflicts_created;
        self.catalogue_clashes.extend(other.catalogue_clashes);
        self.keys_pinned += other.keys_pinned;
        self.keys_revoked += other.keys_revoked;
    }

    /// A one-line summary in Vietnamese.
    pub fn summary_vi(&self) -> String {
        let mut summary = format!(
            "{} đơn vị mới, {} bản đánh giá mới, {} giá trị mới, {} giá trị được cập nhật, {} giá trị không đổi, {} xung đột mới.",
            self.units_added,
            self.assessments_added,
            self.values_added,
            self.values_updated,
            self.unchanged,
            self.conflicts_created
        );
        if self.keys_pinned > 0 {
            summary.push_str(&format!(" {} khóa ký số được ghi nhận.", self.keys_pinned));
        }
        if self.keys_revoked > 0 {
            summary.push_str(&format!(" {} khóa ký số bị thu hồi.", self.keys_revoked));
        }
        summary
    }

    /// A one-line summary in English.
    pub fn summary_en(&self) -> String {
        let mut summary = format!(
            "{} new units, {} new assessments, {} new values, {} values updated, {} unchanged, {} new conflicts.",
            self.units_added,
            self.assessments_added,
            self.values_added,
            self.values_updated,
            self.unchanged,
            self.conflicts_created
        );
        if self.keys_pinned > 0 {
            summary.push_str(&format!(" {} signing keys pinned.", self.keys_pinned));
        }
        if self.keys_revoked > 0 {
            summary.push_str(&format!(" {} signing keys revoked.", self.keys_revoked));
        }
        summary
    }
}

/// A bundle that passed [`Store::check_import`], with how its signature stands, to join in
/// with [`Store::join_checked`].
#[derive(Debug)]
pub struct CheckedImport<'b> {
    bundle: &'b Bundle,
    trust: Trusted,
}

/// What the trust rules said of a checked bundle: how its signature stands, the clock limit of
/// its import, and the furthest of its new values dated past that limit (accepted by a person).
#[derive(Debug, Clone)]
struct Trusted {
    signature: SignatureStatus,
    clock_limit: Option<u64>,
    future_ms: Option<u64>,
}

/// A bundle that passed [`Store::check_import`], held whole, to join in with
/// [`Store::join_checked_whole`] (which takes its content instead of copying it).
#[derive(Debug)]
pub struct CheckedBundle {
    bundle: Bundle,
    trust: Trusted,
}

/// What importing one bundle did (or would do, for a preview).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The bundle's id.
    pub bundle_id: BundleId,
    /// The bundle's kind.
    pub kind: BundleKind,
    /// The bundle's digest.
    pub digest: String,
    /// The bundle was imported before (đã nhập trước đây); nothing changed.
    pub already_imported: bool,
    /// What changed.
    pub merge: MergeReport,
    /// The latest timestamp in the bundle not past the import's clock limit, for
    /// [`crate::version::HlcClock::observe`]: values dated far ahead never move the clock.
    pub latest: Option<Hlc>,
    /// The furthest wall time (ms) of the values new to the store dated more than a day past
    /// the importer's clock, which a person accepted for this import (named in the report).
    #[serde(default)]
    pub future_ms: Option<u64>,
    /// The exporting unit (the unit the signature speaks for).
    pub unit: UnitId,
    /// How the bundle's signature stands against the keys pinned for its unit.
    pub signature: SignatureStatus,
}

impl AssessmentDoc {
    /// Joins another version of the same assessment into this one. Documents with different keys
    /// are left alone (an empty report).
    pub fn merge(&mut self, other: &AssessmentDoc) -> MergeReport {
        let mut report = MergeReport::default();
        if self.key() != other.key() {
            return report;
        }
        report.count(self.track_mut(), other.track());
        report.count(self.catalogue_mut(), other.catalogue());
        report.count_map(self.criteria_mut(), other.criteria());
        report.count_map(self.actions_mut(), other.actions());
        report.count_map(self.requests_mut(), other.requests());
        report.count_map(self.reviews_mut(), other.reviews());
        report
    }
}

impl AssessmentDoc {
    /// What joining this document into a store that lacks it reports (as [`Store::merge`] does
    /// through an empty document): one assessment added, a value added per register written,
    /// a conflict created per register in conflict.
    fn report_as_new(&self) -> MergeReport {
        let mut report = MergeReport {
            assessments_added: 1,
            ..MergeReport::default()
        };
        let mut add = |written: bool, conflict: bool| {
            if written {
                report.values_added += 1;
                report.conflicts_created += usize::from(conflict);
            }
        };
        add(!self.track().is_empty(), self.track().is_conflict());
        add(!self.catalogue().is_empty(), self.catalogue().is_conflict());
        for register in self.criteria().values() {
            add(!register.is_empty(), register.is_conflict());
        }
        for register in self.actions().values() {
            add(!register.is_empty(), register.is_conflict());
        }
        for register in self.requests().values() {
            add(!register.is_empty(), register.is_conflict());
        }
        for register in self.reviews().values() {
            add(!register.is_empty(), register.is_conflict());
        }
        report
    }

    /// This document joined into an empty one of its key, for a store that lacks it, and what
    /// that reports (one assessment added).
    pub(crate) fn copied_as_new(&self) -> (AssessmentDoc, MergeReport) {
        let mut fresh = AssessmentDoc::new(self.key());
        let mut added = fresh.merge(self);
        added.assessments_added = 1;
        (fresh, added)
    }

    /// Whether joining this document into an empty one of its key gives it back unchanged:
    /// every register in the form a merge leaves it, and none of its lists' registers empty.
    /// Documents the core builds by joining are; [`Store::merge_from`] then takes them whole.
    pub(crate) fn is_joined_form(&self) -> bool {
        fn all_normal<K, T: Clone + PartialEq + Serialize>(map: &BTreeMap<K, MvReg<T>>) -> bool {
            map.values()
                .all(|register| !register.is_empty() && register.is_normal())
        }
        self.track().is_normal()
            && self.catalogue().is_normal()
            && all_normal(self.criteria())
            && all_normal(self.actions())
            && all_normal(self.requests())
            && all_normal(self.reviews())
    }
}

impl Store {
    /// Joins another store into this one.
    pub fn merge(&mut self, other: &Store) -> MergeReport {
        let mut report = MergeReport::default();
        for (id, register) in &other.units {
            if register.is_empty() {
                continue;
            }
            if report.count(self.units.entry(id.clone()).or_default(), register)
                == RegisterChange::Added
            {
                report.values_added -= 1;
                report.units_added += 1;
            }
        }
        report.count_map(&mut self.quotas, &other.quotas);
        report.count_map(&mut self.year_catalogues, &other.year_catalogues);
        report.count_map(&mut self.conclusions, &other.conclusions);
        report.count_map(&mut self.decisions, &other.decisions);
        for (id, catalogue) in &other.catalogues {
            match self.catalogues.get(id) {
                None => {
                    self.catalogues.insert(id.clone(), catalogue.clone());
                    report.catalogues_added += 1;
                }
                Some(existing) if existing == catalogue => report.unchanged += 1,
                Some(existing) => {
                    // Two copies that agree (one without the source document) are one
                    // catalogue, and the one naming its document stays; others clash.
                    let agree = existing.agrees_with(catalogue);
                    let replaces = catalogue.merge_key() < existing.merge_key();
                    match (agree, replaces) {
                        (true, true) => report.catalogues_added += 1,
                        (true, false) => report.unchanged += 1,
                        (false, _) => report.catalogue_clashes.push(id.clone()),
                    }
                    if replaces {
                        self.catalogues.insert(id.clone(), catalogue.clone());
                    }
                }
            }
        }
        for (key, doc) in &other.assessments {
            match self.assessments.get_mut(key) {
                Some(existing) => report.absorb(existing.merge(doc)),
                None => {
                    let (fresh, added) = doc.copied_as_new();
                    report.absorb(added);
                    self.assessments.insert(key.clone(), fresh);
                }
            }
        }
        self.imported.extend(other.imported.iter().cloned());
        for (unit, keys) in &other.keys {
            if !keys.is_empty() {
                report.keys_pinned += union_into(self.keys.entry(unit.clone()).or_default(), keys);
            }
        }
        for (unit, keys) in &other.revoked {
            if !keys.is_empty() {
                report.keys_revoked +=
                    union_into(self.revoked.entry(unit.clone()).or_default(), keys);
            }
        }
        report
    }

    /// Joins `other` into this store, as [`Store::merge`] does, taking its assessments instead of
    /// copying them: a document this store lacks is moved in when it is in joined form (see
    /// [`AssessmentDoc::is_joined_form`]), the rest is merged. For a store not needed afterwards:
    /// an import's fragment of hundreds of new assessments, which copying then freeing took
    /// about as long as every check of the import.
    pub fn merge_from(&mut self, mut other: Store) -> MergeReport {
        let assessments = std::mem::take(&mut other.assessments);
        let mut report = self.merge(&other);
        for (key, doc) in assessments {
            match self.assessments.entry(key) {
                Entry::Occupied(mut existing) => report.absorb(existing.get_mut().merge(&doc)),
                Entry::Vacant(vacant) if doc.is_joined_form() => {
                    report.absorb(doc.report_as_new());
                    vacant.insert(doc);
                }
                Entry::Vacant(vacant) => {
                    let (fresh, added) = doc.copied_as_new();
                    report.absorb(added);
                    vacant.insert(fresh);
                }
            }
        }
        report
    }

    /// Checks a bundle against this store under the trust rules and the person's decisions
    /// (`policy`, see [`crate::trust`]) and, if it passes, joins it in and remembers its digest
    /// (and pins its key, when a person confirmed it). A refused bundle changes nothing; a bundle
    /// imported before changes nothing and says so.
    pub fn import_bundle(
        &mut self,
        bundle: &Bundle,
        policy: &TrustPolicy,
    ) -> Result<ImportReport, Vec<Problem>> {
        let checked = self.check_import(bundle, policy)?;
        Ok(self.join_checked(checked))
    }

    /// The first half of [`Store::import_bundle`]: checks `bundle` against this store
    /// and says how its signature stands, changing nothing. [`Store::join_checked`] joins it in;
    /// the store must not change between the two (a caller that lets the page paint between
    /// them, for a bundle of 700 wards, does so on a store of its own).
    pub fn check_import<'b>(
        &self,
        bundle: &'b Bundle,
        policy: &TrustPolicy,
    ) -> Result<CheckedImport<'b>, Vec<Problem>> {
        let problems = check_bundle(bundle, self, policy);
        if !problems.is_empty() {
            return Err(problems);
        }
        let signature = signature_status(bundle, self, policy).map_err(|problem| vec![problem])?;
        let trust = Trusted {
            signature,
            clock_limit: policy.clock_limit(),
            future_ms: future_values(bundle, self, policy),
        };
        Ok(CheckedImport { bundle, trust })
    }

    /// The second half of [`Store::import_bundle`]: joins in a bundle that
    /// [`Store::check_import`] passed on this store as it still is.
    pub fn join_checked(&mut self, checked: CheckedImport<'_>) -> ImportReport {
        let CheckedImport { bundle, trust } = checked;
        let latest = latest_until(&bundle.content, trust.clock_limit);
        match crate::trust::in_scope_content(bundle, self) {
            Some(kept) => {
                self.join_reporting(bundle, latest, trust, |store| store.merge_from(kept))
            }
            None => {
                self.join_reporting(bundle, latest, trust, |store| store.merge(&bundle.content))
            }
        }
    }

    /// Joins a checked bundle: `join` joins its content (whose latest timestamp is `latest`)
    /// into this store, unless it was imported before; then its digest is remembered and its
    /// key pinned when first seen. The report of it all.
    fn join_reporting(
        &mut self,
        bundle: &Bundle,
        latest: Option<Hlc>,
        trust: Trusted,
        join: impl FnOnce(&mut Store) -> MergeReport,
    ) -> ImportReport {
        let mut report = ImportReport {
            bundle_id: bundle.header.bundle_id.clone(),
            kind: bundle.kind,
            digest: bundle.digest.clone(),
            already_imported: self.imported.contains(&bundle.digest),
            merge: MergeReport::default(),
            latest,
            future_ms: trust.future_ms,
            unit: bundle.header.unit_id.clone(),
            signature: trust.signature,
        };
        if !report.already_imported {
            report.merge = join(self);
            self.imported.insert(bundle.digest.clone());
            if let SignatureStatus::FirstSeen { fingerprint } = &report.signature
                && self.pin_key(&bundle.header.unit_id, fingerprint.clone())
            {
                report.merge.keys_pinned += 1;
            }
        }
        report
    }

    /// [`Store::check_import`] of a bundle held whole: the bundle and how its signature stands,
    /// to join in with [`Store::join_checked_whole`], or every problem.
    pub fn check_import_whole(
        &self,
        bundle: Bundle,
        policy: &TrustPolicy,
    ) -> Result<CheckedBundle, Vec<Problem>> {
        let trust = self.check_import(&bundle, policy)?.trust;
        Ok(CheckedBundle { bundle, trust })
    }

    /// [`Store::join_checked`] of a bundle held whole, taking its content instead of copying it
    /// ([`Store::merge_from`]): the same store and the same report. An import that keeps no
    /// bundle afterwards (the commit of a batch: the preview's copy is let go) copies nothing.
    pub fn join_checked_whole(&mut self, checked: CheckedBundle) -> ImportReport {
        let CheckedBundle { mut bundle, trust } = checked;
        let latest = latest_until(&bundle.content, trust.clock_limit);
        let content = crate::trust::in_scope_content(&bundle, self)
            .unwrap_or_else(|| std::mem::take(&mut bundle.content));
        self.join_reporting(&bundle, latest, trust, |store| store.merge_from(content))
    }

    /// What [`Store::import_bundle`] would report, without changing the store.
    pub fn preview_import(
        &self,
        bundle: &Bundle,
        policy: &TrustPolicy,
    ) -> Result<ImportReport, Vec<Problem>> {
        self.fragment_for(&bundle.content)
            .import_bundle(bundle, policy)
    }
}

/// The latest timestamp of `content` whose wall time is at most `limit` (any, without a limit).
fn latest_until(content: &Store, limit: Option<u64>) -> Option<Hlc> {
    match limit {
        Some(limit) => content.latest_timestamp_until(limit),
        None => content.latest_timestamp(),
    }
}
