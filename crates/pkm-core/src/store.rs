//! [`Store`]: the whole mergeable state of one device (a ward laptop or the provincial office):
//! units, quotas, catalogues, each province's catalogue choice per year, assessments and the digests
//! of imported bundles.
//!
//! Every separately editable value sits in a multi-value register ([`MvReg`]); catalogues are
//! immutable content keyed by id. Edits go through methods that validate input (against the
//! assessment's catalogue where relevant), refuse with a typed [`EditError`] and change nothing on
//! failure. Merging (see [`crate::merge`]) and importing bundles are lattice joins.
//!
//! Serialised form (also the `content` of a bundle, without `imported`): `units` is an object keyed
//! by unit id; `quotas` and `year_catalogues` are arrays of `{province, year, versions}`;
//! `catalogues` is an array of catalogues; `assessments` an array of [`AssessmentDoc`]s, all sorted
//! by key; `keys` (written only when not empty) an object from unit id to the sorted fingerprints
//! of the signing keys pinned for that unit; `revoked` (likewise) the keys revoked for it.
//!
//! Key pins and revocations are grow-only sets per unit: merging takes the union, nothing ever
//! unpins or un-revokes a key, and a revocation beats a pin. A key is pinned when a person
//! confirms it on import, or when a trusted config or province bundle lists it (see
//! [`crate::trust`] for the rules).

mod conflicts;
mod doc;
mod errors;
mod item_list;
mod shapes;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use conflicts::{Conflict, ConflictTarget, ConflictValue, Sibling};
pub use doc::AssessmentDoc;
pub use errors::EditError;
pub use item_list::{ItemRegisters, ListItem};
pub use shapes::{ProvinceYearRecord, QuotaRecord, YearCatalogueRecord};

use crate::assessment::{
    AssessmentKey, CriterionEntry, MAX_YEAR, MIN_YEAR, ReviewVerdict, Track, year_in_range,
};
use crate::bundle::limits::MAX_TEXT_CHARS;
use crate::bundle::signature::KeyFingerprint;
use crate::catalogue::Catalogue;
use crate::cycle::{Conclusion, Decision};
use crate::date::Date;
use crate::ids::{CatalogueId, CriterionId, ItemId, UnitId};
use crate::register::{EditContext, MvReg};
use crate::unit::{Quota, Unit, UnitError, UnitKind, UnitRegistry};
use crate::version::Hlc;

/// A province and a year: the key of quotas and year catalogues.
pub type ProvinceYear = (UnitId, u16);

/// The whole mergeable state.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Store {
    #[serde(default)]
    pub(crate) units: BTreeMap<UnitId, MvReg<Unit>>,
    #[serde(default, with = "shapes::quotas")]
    pub(crate) quotas: BTreeMap<ProvinceYear, MvReg<u32>>,
    #[serde(default, with = "shapes::catalogues")]
    pub(crate) catalogues: BTreeMap<CatalogueId, Catalogue>,
    #[serde(default, with = "shapes::year_catalogues")]
    pub(crate) year_catalogues: BTreeMap<ProvinceYear, MvReg<CatalogueId>>,
    #[serde(default, with = "shapes::assessments")]
    pub(crate) assessments: BTreeMap<AssessmentKey, AssessmentDoc>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub(crate) imported: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) keys: BTreeMap<UnitId, BTreeSet<KeyFingerprint>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) revoked: BTreeMap<UnitId, BTreeSet<KeyFingerprint>>,
    /// The province's conclusions per ward and year ([`crate::cycle`]); written only when not empty.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::cycle::shapes::conclusions"
    )]
    pub(crate) conclusions: BTreeMap<AssessmentKey, MvReg<Conclusion>>,
    /// The Minister's decisions per province and year ([`crate::cycle`]); written only when not
    /// empty.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::cycle::shapes::decisions"
    )]
    pub(crate) decisions: BTreeMap<ProvinceYear, MvReg<Decision>>,
}

pub(crate) fn check_context(context: &EditContext) -> Result<(), EditError> {
    if context.device != context.at.device {
        return Err(EditError::DeviceMismatch {
            device: context.device.clone(),
            clock_device: context.at.device.clone(),
        });
    }
    check_text("author", &context.author, false)
}

pub(crate) fn check_text(field: &'static str, text: &str, required: bool) -> Result<(), EditError> {
    if required && text.trim().is_empty() {
        return Err(EditError::EmptyText { field });
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(EditError::TextTooLong {
            field,
            chars,
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(())
}

pub(crate) fn check_date(date: &Date) -> Result<(), EditError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(EditError::DateOutOfRange(*date))
    }
}

fn check_year(year: u16) -> Result<(), EditError> {
    if year_in_range(year) {
        Ok(())
    } else {
        Err(EditError::YearOutOfRange(year))
    }
}

impl Store {
    /// An empty store.
    pub fn new() -> Store {
        Store::default()
    }

    /// A store holding the built-in draft catalogue.
    pub fn with_builtin_catalogue() -> Result<Store, crate::catalogue::CatalogueError> {
        let mut store = Store::new();
        let catalogue = Catalogue::builtin_draft()?;
        store.catalogues.insert(catalogue.id.clone(), catalogue);
        Ok(store)
    }

    // ----- Reading -------------------------------------------------------------------------

    /// The unit registers (including deleted units).
    pub fn unit_registers(&self) -> &BTreeMap<UnitId, MvReg<Unit>> {
        &self.units
    }

    /// A live unit (provisional value).
    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        self.units.get(id).and_then(MvReg::value)
    }

    /// The registry of live units (provisional values).
    pub fn registry(&self) -> UnitRegistry {
        UnitRegistry::new(self.units.values().filter_map(MvReg::value).cloned())
    }

    /// The quota registers.
    pub fn quota_registers(&self) -> &BTreeMap<ProvinceYear, MvReg<u32>> {
        &self.quotas
    }

    /// The quota of a province for a year (provisional value).
    pub fn quota(&self, province: &UnitId, year: u16) -> Option<u32> {
        self.quotas
            .get(&(province.clone(), year))
            .and_then(MvReg::value)
            .copied()
    }

    /// Every live quota.
    pub fn quotas(&self) -> Vec<Quota> {
        self.quotas
            .iter()
            .filter_map(|((province, year), register)| {
                register.value().map(|new_wards| Quota {
                    province: province.clone(),
                    year: *year,
                    new_wards: *new_wards,
                })
            })
            .collect()
    }

    /// The catalogues.
    pub fn catalogues(&self) -> &BTreeMap<CatalogueId, Catalogue> {
        &self.catalogues
    }

    /// A catalogue by id.
    pub fn catalogue(&self, id: &CatalogueId) -> Option<&Catalogue> {
        self.catalogues.get(id)
    }

    /// The year-catalogue registers.
    pub fn year_catalogue_registers(&self) -> &BTreeMap<ProvinceYear, MvReg<CatalogueId>> {
        &self.year_catalogues
    }

    /// The catalogue a province uses for a year (provisional value).
    pub fn year_catalogue(&self, province: &UnitId, year: u16) -> Option<&CatalogueId> {
        self.year_catalogues
            .get(&(province.clone(), year))
            .and_then(MvReg::value)
    }

    /// The assessments.
    pub fn assessments(&self) -> &BTreeMap<AssessmentKey, AssessmentDoc> {
        &self.assessments
    }

    /// Takes the assessments out, leaving none: a caller that frees a large store can free them
    /// a few at a time (the app, between paints) instead of in one go.
    pub fn take_assessments(&mut self) -> BTreeMap<AssessmentKey, AssessmentDoc> {
        std::mem::take(&mut self.assessments)
    }

    /// One assessment.
    pub fn assessment(&self, key: &AssessmentKey) -> Option<&AssessmentDoc> {
        self.assessments.get(key)
    }

    /// The catalogue an assessment uses (provisional), if known to the store.
    pub fn catalogue_of(&self, key: &AssessmentKey) -> Option<&Catalogue> {
        self.assessment(key)
            .and_then(AssessmentDoc::catalogue_id)
            .and_then(|id| self.catalogues.get(id))
    }

    /// The retired criteria of an assessment (none for an unknown one): criteria it holds live
    /// values for that its catalogues do not define; see [`AssessmentDoc::retired_criteria`].
    pub fn retired_criteria(&self, key: &AssessmentKey) -> Vec<CriterionId> {
        self.assessment(key)
            .map(|doc| doc.retired_criteria(&self.catalogues))
            .unwrap_or_default()
    }

    /// The digests of the bundles imported so far.
    pub fn imported(&self) -> &BTreeSet<String> {
        &self.imported
    }

    /// Whether two stores hold the same state, ignoring which bundles were imported.
    pub fn same_content(&self, other: &Store) -> bool {
        self.units == other.units
            && self.quotas == other.quotas
            && self.catalogues == other.catalogues
            && self.year_catalogues == other.year_catalogues
            && self.assessments == other.assessments
            && self.keys == other.keys
            && self.revoked == other.revoked
            && self.conclusions == other.conclusions
            && self.decisions == other.decisions
    }

    /// The signing keys pinned for a unit (none: `None` or an empty set).
    pub fn pinned_keys(&self, unit: &UnitId) -> Option<&BTreeSet<KeyFingerprint>> {
        self.keys.get(unit)
    }

    /// Every unit's pinned keys.
    pub fn key_pins(&self) -> &BTreeMap<UnitId, BTreeSet<KeyFingerprint>> {
        &self.keys
    }

    /// Pins a key for a unit (for example after the province confirmed a ward's new key by
    /// phone). Pins only grow; returns whether the key is new for the unit.
    pub fn pin_key(&mut self, unit: &UnitId, fingerprint: KeyFingerprint) -> bool {
        self.keys
            .entry(unit.clone())
            .or_default()
            .insert(fingerprint)
    }

    /// The keys revoked for a unit (none: `None` or an empty set).
    pub fn revoked_keys(&self, unit: &UnitId) -> Option<&BTreeSet<KeyFingerprint>> {
        self.revoked.get(unit)
    }

    /// Every unit's revoked keys.
    pub fn key_revocations(&self) -> &BTreeMap<UnitId, BTreeSet<KeyFingerprint>> {
        &self.revoked
    }

    /// Revokes a key for a unit: files signed by it are refused from then on, even where it is
    /// pinned. Revocations only grow; returns whether the revocation is new.
    pub fn revoke_key(&mut self, unit: &UnitId, fingerprint: KeyFingerprint) -> bool {
        self.revoked
            .entry(unit.clone())
            .or_default()
            .insert(fingerprint)
    }

    /// Whether `fingerprint` is revoked for `unit` or for one of its ancestors.
    pub fn is_revoked(&self, unit: &UnitId, fingerprint: &KeyFingerprint) -> bool {
        crate::trust::chain_of(self, None, unit).iter().any(|link| {
            self.revoked
                .get(link)
                .is_some_and(|keys| keys.contains(fingerprint))
        })
    }

    /// The latest timestamp anywhere in the store; feed it to [`crate::version::HlcClock::observe`]
    /// after an import.
    pub fn latest_timestamp(&self) -> Option<Hlc> {
        let mut candidates: Vec<Option<&Hlc>> = Vec::new();
        candidates.extend(self.units.values().map(MvReg::latest));
        candidates.extend(self.quotas.values().map(MvReg::latest));
        candidates.extend(self.year_catalogues.values().map(MvReg::latest));
        candidates.extend(self.conclusions.values().map(MvReg::latest));
        candidates.extend(self.decisions.values().map(MvReg::latest));
        for doc in self.assessments.values() {
            candidates.push(doc.track().latest());
            candidates.push(doc.catalogue().latest());
            candidates.extend(doc.criteria().values().map(MvReg::latest));
            candidates.extend(doc.actions().values().map(MvReg::latest));
            candidates.extend(doc.requests().values().map(MvReg::latest));
            candidates.extend(doc.reviews().values().map(MvReg::latest));
        }
        candidates.into_iter().flatten().max().cloned()
    }

    /// The latest timestamp in the store whose wall time is at most `limit_ms`: what a device
    /// observes on start, so that values dated far ahead of its own clock (see
    /// [`crate::trust::MAX_CLOCK_AHEAD_MS`]) never move its clock.
    pub fn latest_timestamp_until(&self, limit_ms: u64) -> Option<Hlc> {
        let mut latest: Option<Hlc> = None;
        let mut consider = |at: &Hlc| {
            if at.wall_ms <= limit_ms && latest.as_ref().is_none_or(|best| at > best) {
                latest = Some(at.clone());
            }
        };
        crate::trust::each_timestamp(self, &mut consider);
        latest
    }

    /// A copy without assessments (the browser app keeps assessments in records of their own).
    pub fn without_assessments(&self) -> Store {
        Store {
            assessments: BTreeMap::new(),
            ..self.clone()
        }
    }

    // ----- Edits: registry, quotas, catalogues ------------------------------------------------

    /// Adds a catalogue. Returns `false` when the same catalogue was already there; refuses a
    /// different catalogue with the same id.
    pub fn add_catalogue(&mut self, catalogue: Catalogue) -> Result<bool, EditError> {
        match self.catalogues.get(&catalogue.id) {
            Some(existing) if *existing == catalogue => Ok(false),
            Some(_) => Err(EditError::CatalogueClash(catalogue.id)),
            None => {
                self.catalogues.insert(catalogue.id.clone(), catalogue);
                Ok(true)
            }
        }
    }

    /// Creates or edits a unit. Its parent must be a live unit and must not make a cycle.
    pub fn upsert_unit(&mut self, context: &EditContext, unit: Unit) -> Result<(), EditError> {
        check_context(context)?;
        unit.id.check().map_err(|error| EditError::InvalidId {
            field: "unit.id",
            error,
        })?;
        check_text("unit.name_vi", &unit.name_vi, true)?;
        if let Some(code) = &unit.code {
            check_text("unit.code", code, false)?;
        }
        if let Some(parent) = &unit.parent {
            let registry = self.registry();
            if registry.get(parent).is_none() {
                return Err(EditError::InvalidUnit(UnitError::MissingParent {
                    unit: unit.id.clone(),
                    parent: parent.clone(),
                }));
            }
            if registry.would_cycle(&unit.id, parent) {
                return Err(EditError::InvalidUnit(UnitError::Cycle {
                    unit: unit.id.clone(),
                }));
            }
        }
        self.units
            .entry(unit.id.clone())
            .or_default()
            .write(context, Some(unit));
        Ok(())
    }

    /// Sets the Ministry's quota of new model wards for a province and year.
    pub fn set_quota(
        &mut self,
        context: &EditContext,
        province: &UnitId,
        year: u16,
        new_wards: u32,
    ) -> Result<(), EditError> {
        check_context(context)?;
        self.check_province(province)?;
        check_year(year)?;
        self.quotas
            .entry((province.clone(), year))
            .or_default()
            .write(context, Some(new_wards));
        Ok(())
    }

    /// Chooses the catalogue a province uses for a year.
    pub fn set_year_catalogue(
        &mut self,
        context: &EditContext,
        province: &UnitId,
        year: u16,
        catalogue: &CatalogueId,
    ) -> Result<(), EditError> {
        check_context(context)?;
        self.check_province(province)?;
        check_year(year)?;
        if !self.catalogues.contains_key(catalogue) {
            return Err(EditError::UnknownCatalogue(catalogue.clone()));
        }
        self.year_catalogues
            .entry((province.clone(), year))
            .or_default()
            .write(context, Some(catalogue.clone()));
        Ok(())
    }

    fn check_province(&self, province: &UnitId) -> Result<(), EditError> {
        match self.unit(province) {
            None => Err(EditError::UnknownUnit(province.clone())),
            Some(unit) if unit.kind != UnitKind::Province => {
                Err(EditError::NotAProvince(province.clone()))
            }
            Some(_) => Ok(()),
        }
    }

    // ----- Edits: assessments -----------------------------------------------------------------

    /// Starts an assessment of a live unit for a year with a known catalogue and a track.
    pub fn start_assessment(
        &mut self,
        context: &EditContext,
        unit: &UnitId,
        year: u16,
        catalogue: &CatalogueId,
        track: Track,
    ) -> Result<AssessmentKey, EditError> {
        check_context(context)?;
        if self.unit(unit).is_none() {
            return Err(EditError::UnknownUnit(unit.clone()));
        }
        check_year(year)?;
        let key = AssessmentKey::new(unit.clone(), year);
        if self.assessments.contains_key(&key) {
            return Err(EditError::AssessmentExists(key));
        }
        let found = self
            .catalogues
            .get(catalogue)
            .ok_or_else(|| EditError::UnknownCatalogue(catalogue.clone()))?;
        let mut doc = AssessmentDoc::new(key.clone());
        doc.set_track(context, track)?;
        doc.set_catalogue(context, found)?;
        self.assessments.insert(key.clone(), doc);
        Ok(key)
    }

    fn doc_and_catalogue(
        &mut self,
        key: &AssessmentKey,
    ) -> Result<(&mut AssessmentDoc, &Catalogue), EditError> {
        let doc = self
            .assessments
            .get_mut(key)
            .ok_or_else(|| EditError::UnknownAssessment(key.clone()))?;
        let catalogue_id = doc
            .catalogue_id()
            .ok_or_else(|| EditError::NoCatalogue(key.clone()))?;
        let catalogue = self
            .catalogues
            .get(catalogue_id)
            .ok_or_else(|| EditError::UnknownCatalogue(catalogue_id.clone()))?;
        Ok((doc, catalogue))
    }

    fn doc_mut(&mut self, key: &AssessmentKey) -> Result<&mut AssessmentDoc, EditError> {
        self.assessments
            .get_mut(key)
            .ok_or_else(|| EditError::UnknownAssessment(key.clone()))
    }

    /// Sets an assessment's track.
    pub fn set_track(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
        track: Track,
    ) -> Result<(), EditError> {
        self.doc_mut(key)?.set_track(context, track)
    }

    /// Changes the catalogue an assessment uses (it must be known).
    pub fn set_assessment_catalogue(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
        catalogue: &CatalogueId,
    ) -> Result<(), EditError> {
        let found = self
            .catalogues
            .get(catalogue)
            .ok_or_else(|| EditError::UnknownCatalogue(catalogue.clone()))?;
        let doc = self
            .assessments
            .get_mut(key)
            .ok_or_else(|| EditError::UnknownAssessment(key.clone()))?;
        doc.set_catalogue(context, found)
    }

    /// Sets the self-assessment of one criterion.
    pub fn set_criterion(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
        criterion: &CriterionId,
        entry: CriterionEntry,
    ) -> Result<(), EditError> {
        let (doc, catalogue) = self.doc_and_catalogue(key)?;
        doc.set_criterion(context, catalogue, criterion, entry)
    }

    /// Adds an item to its list (an action item, a request); its id must be new.
    pub fn add_item<T: ListItem>(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
        item: T,
    ) -> Result<(), EditError> {
        let (doc, catalogue) = self.doc_and_catalogue(key)?;
        doc.add_item(context, catalogue, item)
    }

    /// Replaces a live item of its list (same id).
    pub fn edit_item<T: ListItem>(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
        item: T,
    ) -> Result<(), EditError> {
        let (doc, catalogue) = self.doc_and_catalogue(key)?;
        doc.edit_item(context, catalogue, item)
    }

    /// Deletes a live item of list `T` (tombstone).
    pub fn delete_item<T: ListItem>(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
        id: &ItemId,
    ) -> Result<(), EditError> {
        self.doc_mut(key)?.delete_item::<T>(context, id)
    }

    /// Sets or withdraws the province's review verdict on a criterion.
    pub fn set_review(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
        criterion: &CriterionId,
        verdict: Option<ReviewVerdict>,
    ) -> Result<(), EditError> {
        let (doc, catalogue) = self.doc_and_catalogue(key)?;
        doc.set_review(context, catalogue, criterion, verdict)
    }

    /// Adds an assessment document loaded from elsewhere (for example an IndexedDB record) by
    /// merging it in.
    pub fn merge_assessment_doc(&mut self, doc: &AssessmentDoc) -> crate::merge::MergeReport {
        let mut single = Store::new();
        single.assessments.insert(doc.key(), doc.clone());
        self.merge(&single)
    }

    /// Joins one unit's register into this store (the browser keeps units record by record).
    pub fn merge_unit_register(
        &mut self,
        id: &UnitId,
        register: &MvReg<Unit>,
    ) -> crate::merge::MergeReport {
        let mut single = Store::new();
        single.units.insert(id.clone(), register.clone());
        self.merge(&single)
    }

    /// Quotas, catalogue choices, imported digests, pinned and revoked keys, conclusions and
    /// decisions only: the part of the store the
    /// browser keeps in one record (units, catalogues and assessments have records of their own).
    pub fn settings_part(&self) -> Store {
        Store {
            quotas: self.quotas.clone(),
            year_catalogues: self.year_catalogues.clone(),
            imported: self.imported.clone(),
            keys: self.keys.clone(),
            revoked: self.revoked.clone(),
            conclusions: self.conclusions.clone(),
            decisions: self.decisions.clone(),
            ..Store::default()
        }
    }

    /// The part of this store that joining `incoming` can change: every unit, quota, catalogue,
    /// catalogue choice, imported digest and pinned key, and this store's versions of the
    /// assessments that `incoming` holds.
    ///
    /// Importing a bundle into the fragment and then merging the fragment back gives the same
    /// store as importing into the whole store, at a cost that grows with the bundle rather than
    /// with the store: the browser validates and previews each file this way, and persists only
    /// the fragment's records.
    pub fn fragment_for(&self, incoming: &Store) -> Store {
        self.fragment_for_all(std::slice::from_ref(&incoming))
    }

    /// As [`Store::fragment_for`], for several incoming stores at once (a batch of bundles
    /// imported one after the other into one fragment, then persisted together).
    pub fn fragment_for_all(&self, incoming: &[&Store]) -> Store {
        Store {
            units: self.units.clone(),
            quotas: self.quotas.clone(),
            catalogues: self.catalogues.clone(),
            year_catalogues: self.year_catalogues.clone(),
            assessments: incoming
                .iter()
                .flat_map(|incoming| incoming.assessments.keys())
                .filter_map(|key| {
                    self.assessments
                        .get(key)
                        .map(|doc| (key.clone(), doc.clone()))
                })
                .collect(),
            imported: self.imported.clone(),
            keys: self.keys.clone(),
            revoked: self.revoked.clone(),
            conclusions: self.conclusions.clone(),
            decisions: self.decisions.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
