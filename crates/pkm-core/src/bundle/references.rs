//! The checks of a decoded bundle against a store that do not depend on trust: catalogues that
//! clash with the store's, references to units and catalogues that are neither in the bundle nor
//! in the store, provinces that are not provinces, and criteria and figures that do not fit the
//! assessment's catalogue. One method per kind of record; [`check_references`] runs them all.

use std::collections::BTreeMap;

use super::json::{child, index};
use super::{Bundle, Problem, ProblemKind};
use crate::assessment::{ActionItem, AssessmentKey, CriterionEntry, EntryProblem, Request};
use crate::catalogue::{Catalogue, Criterion};
use crate::ids::{CatalogueId, CriterionId, UnitId};
use crate::register::MvReg;
use crate::store::{AssessmentDoc, ItemRegisters, ListItem, Store};
use crate::unit::{Unit, UnitKind};

/// The checks of [`super::check_bundle`] that do not depend on trust: catalogues, units,
/// criteria and figures against the bundle and the store.
pub fn check_references(bundle: &Bundle, store: &Store) -> Vec<Problem> {
    let mut check = References {
        bundle,
        store,
        problems: Vec::new(),
    };
    check.catalogue_clashes();
    check.unit_parents();
    check.unit_settings();
    check.key_units();
    check.province_records();
    check.cycle_records();
    for (position, (key, doc)) in bundle.content.assessments.iter().enumerate() {
        check.assessment(position, key, doc);
    }
    check.problems
}

/// Where a record sits in the file: its position in the file's own order when the reader
/// recorded it, else its position in the map.
fn index_of<K: Ord>(map: &BTreeMap<K, usize>, key: &K, fallback: usize) -> usize {
    map.get(key).copied().unwrap_or(fallback)
}

/// A bundle being checked against a store, and the problems found so far.
struct References<'a> {
    bundle: &'a Bundle,
    store: &'a Store,
    problems: Vec<Problem>,
}

impl<'a> References<'a> {
    fn push(&mut self, kind: ProblemKind, path: String) {
        self.problems.push(Problem::new(kind, path));
    }

    /// A catalogue of the bundle or, failing that, of the store.
    fn find_catalogue(&self, id: &CatalogueId) -> Option<&'a Catalogue> {
        let (bundle, store) = (self.bundle, self.store);
        bundle
            .content
            .catalogues
            .get(id)
            .or_else(|| store.catalogues.get(id))
    }

    /// Whether a catalogue is known (a broken one was already reported by the reader).
    fn catalogue_known(&self, id: &CatalogueId) -> bool {
        self.find_catalogue(id).is_some()
            || self.bundle.index.broken_catalogues.contains(id.as_str())
    }

    /// Whether a unit is known (a broken one was already reported by the reader).
    fn unit_known(&self, id: &UnitId) -> bool {
        self.bundle.content.units.contains_key(id)
            || self.store.units.contains_key(id)
            || self.bundle.index.broken_units.contains(id)
    }

    /// A unit's provisional value, from the bundle or the store.
    fn unit_value(&self, id: &UnitId) -> Option<&'a Unit> {
        let (bundle, store) = (self.bundle, self.store);
        bundle
            .content
            .units
            .get(id)
            .and_then(MvReg::value)
            .or_else(|| store.units.get(id).and_then(MvReg::value))
    }

    fn unknown_unit(&mut self, id: &UnitId, path: String) {
        self.push(ProblemKind::UnknownUnit { id: id.to_string() }, path);
    }

    /// A catalogue the store knows under the same id with a different content. A copy that
    /// only lacks the source document is the same catalogue (an older app dropped it); a copy
    /// that adds one the store's copy lacks is not: a file may not give a catalogue an issuing
    /// document.
    fn catalogue_clashes(&mut self) {
        let bundle = self.bundle;
        for (position, (id, catalogue)) in bundle.content.catalogues.iter().enumerate() {
            if let Some(known) = self.store.catalogues.get(id)
                && known != catalogue
                && !(catalogue.source_document.is_none() && known.agrees_with(catalogue))
            {
                let at = index_of(&bundle.index.catalogues, id, position);
                self.push(
                    ProblemKind::CatalogueClash { id: id.to_string() },
                    format!("$.content.catalogues[{at}]"),
                );
            }
        }
    }

    /// Every version of every unit names a known parent.
    fn unit_parents(&mut self) {
        for (id, register) in &self.bundle.content.units {
            for (position, entry) in register.siblings().iter().enumerate() {
                if let Some(parent) = entry.value.as_ref().and_then(|unit| unit.parent.as_ref())
                    && !self.unit_known(parent)
                {
                    let path = format!(
                        "{}.value.parent",
                        index(&child("$.content.units", id.as_str()), position)
                    );
                    self.unknown_unit(parent, path);
                }
            }
        }
    }

    /// Every version of every unit that sets limits on evidence files keeps them within the
    /// ranges a province may set (a forged config could otherwise allow nothing, or shrink every
    /// ward's photos to a pixel).
    fn unit_settings(&mut self) {
        for (id, register) in &self.bundle.content.units {
            for (position, entry) in register.siblings().iter().enumerate() {
                if let Some(settings) = entry.value.as_ref().and_then(|unit| unit.attachment_limits)
                    && !settings.within_ranges()
                {
                    let path = format!(
                        "{}.value.attachment_limits",
                        index(&child("$.content.units", id.as_str()), position)
                    );
                    self.push(
                        ProblemKind::AttachmentLimitsOutOfRange {
                            unit: id.to_string(),
                        },
                        path,
                    );
                }
            }
        }
    }

    /// Keys are pinned for known units only.
    fn key_units(&mut self) {
        for unit in self.bundle.content.keys.keys() {
            if !self.unit_known(unit) {
                self.unknown_unit(unit, child("$.content.keys", unit.as_str()));
            }
        }
    }

    /// A quota or a year's catalogue belongs to a known province.
    fn province(&mut self, province: &UnitId, path: String) {
        if !self.unit_known(province) {
            self.unknown_unit(province, path);
        } else if self
            .unit_value(province)
            .is_some_and(|unit| unit.kind != UnitKind::Province)
        {
            self.push(
                ProblemKind::NotAProvince {
                    id: province.to_string(),
                },
                path,
            );
        }
    }

    /// Quotas and the catalogue chosen for each year: a province, and known catalogues.
    fn province_records(&mut self) {
        let bundle = self.bundle;
        for (position, key) in bundle.content.quotas.keys().enumerate() {
            let at = index_of(&bundle.index.quotas, key, position);
            self.province(&key.0, format!("$.content.quotas[{at}].province"));
        }
        for (position, (key, register)) in bundle.content.year_catalogues.iter().enumerate() {
            let at = index_of(&bundle.index.year_catalogues, key, position);
            self.province(&key.0, format!("$.content.year_catalogues[{at}].province"));
            for (entry_position, entry) in register.siblings().iter().enumerate() {
                if let Some(id) = &entry.value
                    && !self.catalogue_known(id)
                {
                    self.push(
                        ProblemKind::UnknownCatalogue { id: id.to_string() },
                        format!("$.content.year_catalogues[{at}].versions[{entry_position}].value"),
                    );
                }
            }
        }
    }

    /// A conclusion is on a known unit; a decision is a province's, and recognises known units
    /// within it.
    fn cycle_records(&mut self) {
        let bundle = self.bundle;
        for (position, key) in bundle.content.conclusions.keys().enumerate() {
            let at = index_of(&bundle.index.conclusions, key, position);
            if !self.unit_known(&key.unit) {
                self.unknown_unit(&key.unit, format!("$.content.conclusions[{at}].unit"));
            }
        }
        for (position, (key, register)) in bundle.content.decisions.iter().enumerate() {
            let at = index_of(&bundle.index.decisions, key, position);
            self.province(&key.0, format!("$.content.decisions[{at}].province"));
            for (entry_position, entry) in register.siblings().iter().enumerate() {
                let Some(decision) = &entry.value else {
                    continue;
                };
                for ward in &decision.wards {
                    if !self.unit_known(ward) {
                        self.unknown_unit(
                            ward,
                            format!(
                                "$.content.decisions[{at}].versions[{entry_position}].value.wards"
                            ),
                        );
                    }
                }
            }
        }
    }

    /// An assessment: its unit, its catalogues, and everything that names a criterion.
    fn assessment(&mut self, position: usize, key: &AssessmentKey, doc: &AssessmentDoc) {
        let at = index_of(&self.bundle.index.assessments, key, position);
        let base = format!("$.content.assessments[{at}]");
        if !self.unit_known(&key.unit) {
            self.unknown_unit(&key.unit, format!("{base}.unit"));
        }
        // A feedback file's document carries the province's verdicts alone: they are checked
        // against the catalogues the file carries.
        let verdicts_only = doc.catalogue().is_empty() && doc.ward_part_is_empty();
        let catalogues = match self.assessment_catalogues(doc, &base) {
            Some(catalogues) => catalogues,
            None if verdicts_only => Vec::new(),
            None => return,
        };
        let criteria = Criteria {
            own: catalogues,
            carried: self.bundle.content.catalogues.values().collect(),
        };
        for (criterion, register) in doc.criteria() {
            self.criterion_values(&criteria, criterion, register, &base);
        }
        for criterion in doc.reviews().keys() {
            if criteria.lookup(criterion).is_none() {
                let path = child(&format!("{base}.reviews"), criterion.as_str());
                self.unknown_criterion(&criteria, criterion, path);
            }
        }
        self.item_criteria(&criteria, doc.items::<ActionItem>(), &base);
        self.item_criteria(&criteria, doc.items::<Request>(), &base);
    }

    /// The catalogues an assessment's catalogue register names (every version), or `None` when
    /// there is none or one is unknown (then its criteria cannot be checked).
    fn assessment_catalogues(
        &mut self,
        doc: &AssessmentDoc,
        base: &str,
    ) -> Option<Vec<&'a Catalogue>> {
        let mut catalogues = Vec::new();
        let mut all_known = true;
        for (entry_position, entry) in doc.catalogue().siblings().iter().enumerate() {
            let Some(id) = &entry.value else { continue };
            match self.find_catalogue(id) {
                Some(catalogue) => catalogues.push(catalogue),
                None => {
                    all_known = false;
                    if !self.bundle.index.broken_catalogues.contains(id.as_str()) {
                        self.push(
                            ProblemKind::UnknownCatalogue { id: id.to_string() },
                            format!("{base}.catalogue[{entry_position}].value"),
                        );
                    }
                }
            }
        }
        (all_known && !catalogues.is_empty()).then_some(catalogues)
    }

    fn unknown_criterion(
        &mut self,
        criteria: &Criteria<'_>,
        criterion: &CriterionId,
        path: String,
    ) {
        self.push(
            ProblemKind::UnknownCriterion {
                criterion: criterion.to_string(),
                catalogue: criteria.names(),
            },
            path,
        );
    }

    /// A criterion's entries: the criterion is defined, and every version's figure fits one of
    /// the catalogues that define it.
    fn criterion_values(
        &mut self,
        criteria: &Criteria<'_>,
        criterion_id: &CriterionId,
        register: &MvReg<CriterionEntry>,
        base: &str,
    ) {
        let path = child(&format!("{base}.criteria"), criterion_id.as_str());
        let defined = criteria.definitions(criterion_id);
        let Some(criterion) = defined.first() else {
            self.unknown_criterion(criteria, criterion_id, path);
            return;
        };
        for (entry_position, entry) in register.siblings().iter().enumerate() {
            let Some(value) = &entry.value else { continue };
            let figure_path = format!("{}.value.figure", index(&path, entry_position));
            // A retired value fits if any catalogue defining its criterion accepts it.
            let fits = |definition: &Criterion| {
                matches!(
                    value.check_against(definition),
                    Ok(()) | Err(EntryProblem::DuplicateEvidence(_))
                )
            };
            if defined.iter().any(|definition| fits(definition)) {
                continue;
            }
            match value.check_against(criterion) {
                Err(EntryProblem::FigureNotAllowed) => self.push(
                    ProblemKind::FigureNotAllowed {
                        criterion: criterion_id.to_string(),
                    },
                    figure_path,
                ),
                Err(EntryProblem::FigureOutOfRange) => self.push(
                    ProblemKind::FigureOutOfRange {
                        figure: value.figure.unwrap_or(f64::NAN),
                    },
                    figure_path,
                ),
                Err(EntryProblem::DuplicateEvidence(_)) | Ok(()) => {}
            }
        }
    }

    /// The criterion every version of every item of a list refers to is defined.
    fn item_criteria<T: ListItem>(
        &mut self,
        criteria: &Criteria<'_>,
        list: &ItemRegisters<T>,
        base: &str,
    ) {
        for (item_id, register) in list {
            for (entry_position, entry) in register.siblings().iter().enumerate() {
                if let Some(criterion) = entry.value.as_ref().and_then(ListItem::criterion)
                    && criteria.lookup(criterion).is_none()
                {
                    let list_path = format!("{base}.{}", T::MEMBER);
                    let path = format!(
                        "{}.value.criterion",
                        index(&child(&list_path, item_id.as_str()), entry_position)
                    );
                    self.unknown_criterion(criteria, criterion, path);
                }
            }
        }
    }
}

/// Where an assessment's criteria are defined: its own catalogues first; failing that, the other
/// catalogues the bundle carries. A criterion only those define is a retired value (the
/// assessment's catalogue changed after it was written), kept and carried but counted by no
/// figure, and accepted when any of them accepts it. Only an id no catalogue defines is unknown.
struct Criteria<'a> {
    own: Vec<&'a Catalogue>,
    carried: Vec<&'a Catalogue>,
}

impl<'a> Criteria<'a> {
    /// The ids of the assessment's own catalogues, for messages.
    fn names(&self) -> String {
        self.own
            .iter()
            .map(|catalogue| catalogue.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every definition of a criterion that counts: the assessment's own, else the carried ones.
    fn definitions(&self, criterion: &CriterionId) -> Vec<&'a Criterion> {
        match self
            .own
            .iter()
            .find_map(|catalogue| catalogue.criterion(criterion))
        {
            Some(own) => vec![own],
            None => self
                .carried
                .iter()
                .filter_map(|catalogue| catalogue.criterion(criterion))
                .collect(),
        }
    }

    /// The first definition of a criterion, if any.
    fn lookup(&self, criterion: &CriterionId) -> Option<&'a Criterion> {
        self.definitions(criterion).into_iter().next()
    }
}
