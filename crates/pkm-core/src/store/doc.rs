//! [`AssessmentDoc`]: one assessment (one unit, one year) with a register per separately editable
//! value. Self-contained (it carries its own key) and cheap to serialise, so the browser app can
//! keep one per IndexedDB record. Edits validate against the assessment's catalogue; the store's
//! edit methods look the catalogue up and call these.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::errors::EditError;
use super::item_list::{ItemRegisters, ListItem};
use super::{check_context, check_date, check_text};
use crate::assessment::{
    ActionItem, AssessmentKey, CriterionEntry, EntryProblem, Request, ReviewVerdict, Track,
    year_in_range,
};
use crate::catalogue::Catalogue;
use crate::ids::{CatalogueId, CriterionId, ItemId, UnitId};
use crate::register::{EditContext, MvReg};

/// One assessment with its registers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentDoc {
    unit: UnitId,
    year: u16,
    #[serde(default)]
    track: MvReg<Track>,
    #[serde(default)]
    catalogue: MvReg<CatalogueId>,
    #[serde(default)]
    criteria: BTreeMap<CriterionId, MvReg<CriterionEntry>>,
    #[serde(default)]
    actions: BTreeMap<ItemId, MvReg<ActionItem>>,
    #[serde(default)]
    requests: BTreeMap<ItemId, MvReg<Request>>,
    #[serde(default)]
    reviews: BTreeMap<CriterionId, MvReg<ReviewVerdict>>,
}

impl AssessmentDoc {
    /// An empty assessment (no register written).
    pub fn new(key: AssessmentKey) -> AssessmentDoc {
        AssessmentDoc {
            unit: key.unit,
            year: key.year,
            track: MvReg::new(),
            catalogue: MvReg::new(),
            criteria: BTreeMap::new(),
            actions: BTreeMap::new(),
            requests: BTreeMap::new(),
            reviews: BTreeMap::new(),
        }
    }

    /// Its key.
    pub fn key(&self) -> AssessmentKey {
        AssessmentKey {
            unit: self.unit.clone(),
            year: self.year,
        }
    }

    /// The unit assessed.
    pub fn unit(&self) -> &UnitId {
        &self.unit
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The track register.
    pub fn track(&self) -> &MvReg<Track> {
        &self.track
    }

    /// The provisional track.
    pub fn track_value(&self) -> Option<&Track> {
        self.track.value()
    }

    /// The catalogue register.
    pub fn catalogue(&self) -> &MvReg<CatalogueId> {
        &self.catalogue
    }

    /// The provisional catalogue id.
    pub fn catalogue_id(&self) -> Option<&CatalogueId> {
        self.catalogue.value()
    }

    /// The criterion registers.
    pub fn criteria(&self) -> &BTreeMap<CriterionId, MvReg<CriterionEntry>> {
        &self.criteria
    }

    /// The provisional entry of a criterion.
    pub fn entry(&self, criterion: &CriterionId) -> Option<&CriterionEntry> {
        self.criteria.get(criterion).and_then(MvReg::value)
    }

    /// The action item registers (including deleted ones).
    pub fn actions(&self) -> &BTreeMap<ItemId, MvReg<ActionItem>> {
        &self.actions
    }

    /// The live action items (provisional values), by id.
    pub fn live_actions(&self) -> impl Iterator<Item = &ActionItem> {
        self.actions.values().filter_map(MvReg::value)
    }

    /// The request registers (including deleted ones).
    pub fn requests(&self) -> &BTreeMap<ItemId, MvReg<Request>> {
        &self.requests
    }

    /// The live requests (provisional values), by id.
    pub fn live_requests(&self) -> impl Iterator<Item = &Request> {
        self.requests.values().filter_map(MvReg::value)
    }

    /// The review registers.
    pub fn reviews(&self) -> &BTreeMap<CriterionId, MvReg<ReviewVerdict>> {
        &self.reviews
    }

    /// The provisional review verdict of a criterion.
    pub fn review(&self, criterion: &CriterionId) -> Option<&ReviewVerdict> {
        self.reviews.get(criterion).and_then(MvReg::value)
    }

    /// Sets the track. A maintained ward's year of first recognition must be in range and before
    /// the assessment's year.
    pub fn set_track(&mut self, context: &EditContext, track: Track) -> Result<(), EditError> {
        check_context(context)?;
        if let Track::Maintain { since_year } = track
            && (!year_in_range(since_year) || since_year >= self.year)
        {
            return Err(EditError::InvalidSinceYear {
                since_year,
                year: self.year,
            });
        }
        self.track.write(context, Some(track));
        Ok(())
    }

    /// Chooses the catalogue. The caller (the store) checks that it is known.
    pub fn set_catalogue(
        &mut self,
        context: &EditContext,
        catalogue: &Catalogue,
    ) -> Result<(), EditError> {
        check_context(context)?;
        self.catalogue.write(context, Some(catalogue.id.clone()));
        Ok(())
    }

    /// Sets the self-assessment of a criterion of `catalogue` (the assessment's catalogue).
    pub fn set_criterion(
        &mut self,
        context: &EditContext,
        catalogue: &Catalogue,
        criterion: &CriterionId,
        entry: CriterionEntry,
    ) -> Result<(), EditError> {
        check_context(context)?;
        let found = catalogue
            .criterion(criterion)
            .ok_or_else(|| EditError::UnknownCriterion {
                criterion: criterion.clone(),
                catalogue: catalogue.id.clone(),
            })?;
        entry
            .check_against(found)
            .map_err(|problem| match problem {
                EntryProblem::FigureNotAllowed => EditError::FigureNotAllowed(criterion.clone()),
                EntryProblem::FigureOutOfRange => EditError::FigureOutOfRange {
                    criterion: criterion.clone(),
                    figure: entry.figure.unwrap_or(f64::NAN),
                },
                EntryProblem::DuplicateEvidence(evidence) => EditError::DuplicateEvidence {
                    criterion: criterion.clone(),
                    evidence,
                },
            })?;
        check_text("note", &entry.note, false)?;
        for evidence in &entry.evidence {
            evidence.id.check().map_err(|error| EditError::InvalidId {
                field: "evidence.id",
                error,
            })?;
            check_text("doc_number", &evidence.doc_number, false)?;
            check_text("issuer", &evidence.issuer, false)?;
            check_text("description", &evidence.description, false)?;
            if let Some(date) = &evidence.date {
                check_date(date)?;
            }
            crate::attachment::check_edited(&evidence.attachments)?;
        }
        self.criteria
            .entry(criterion.clone())
            .or_default()
            .write(context, Some(entry));
        Ok(())
    }

    /// Adds an item to its list (actions, requests); its id must be new (never used in this
    /// assessment's list, even if deleted).
    pub fn add_item<T: ListItem>(
        &mut self,
        context: &EditContext,
        catalogue: &Catalogue,
        item: T,
    ) -> Result<(), EditError> {
        check_context(context)?;
        item.check_edit(catalogue)?;
        let list = T::registers_mut(self);
        if list.contains_key(item.id()) {
            return Err(EditError::DuplicateItem(item.id().clone()));
        }
        list.entry(item.id().clone())
            .or_default()
            .write(context, Some(item));
        Ok(())
    }

    /// Replaces a live item of its list (same id).
    pub fn edit_item<T: ListItem>(
        &mut self,
        context: &EditContext,
        catalogue: &Catalogue,
        item: T,
    ) -> Result<(), EditError> {
        check_context(context)?;
        item.check_edit(catalogue)?;
        match T::registers_mut(self).get_mut(item.id()) {
            Some(register) if register.value().is_some() => {
                register.write(context, Some(item));
                Ok(())
            }
            _ => Err(EditError::UnknownItem(item.id().clone())),
        }
    }

    /// Deletes a live item of list `T` (a tombstone is kept so it does not come back).
    pub fn delete_item<T: ListItem>(
        &mut self,
        context: &EditContext,
        id: &ItemId,
    ) -> Result<(), EditError> {
        check_context(context)?;
        match T::registers_mut(self).get_mut(id) {
            Some(register) if register.value().is_some() => {
                register.write(context, None);
                Ok(())
            }
            _ => Err(EditError::UnknownItem(id.clone())),
        }
    }

    /// The registers of list `T`, by item id (deleted items included, as tombstones).
    pub fn items<T: ListItem>(&self) -> &ItemRegisters<T> {
        T::registers(self)
    }

    /// Sets (or with `None` withdraws) the province's review verdict on a criterion.
    pub fn set_review(
        &mut self,
        context: &EditContext,
        catalogue: &Catalogue,
        criterion: &CriterionId,
        verdict: Option<ReviewVerdict>,
    ) -> Result<(), EditError> {
        check_context(context)?;
        if catalogue.criterion(criterion).is_none() {
            return Err(EditError::UnknownCriterion {
                criterion: criterion.clone(),
                catalogue: catalogue.id.clone(),
            });
        }
        if let Some(verdict) = &verdict {
            check_text("comment", &verdict.comment, false)?;
            check_text("reviewer", &verdict.reviewer, false)?;
        }
        let register = self.reviews.entry(criterion.clone()).or_default();
        if verdict.is_none() && register.is_empty() {
            self.reviews.remove(criterion);
            return Ok(());
        }
        register.write(context, verdict);
        Ok(())
    }

    pub(crate) fn track_mut(&mut self) -> &mut MvReg<Track> {
        &mut self.track
    }

    pub(crate) fn catalogue_mut(&mut self) -> &mut MvReg<CatalogueId> {
        &mut self.catalogue
    }

    pub(crate) fn criteria_mut(&mut self) -> &mut BTreeMap<CriterionId, MvReg<CriterionEntry>> {
        &mut self.criteria
    }

    pub(crate) fn actions_mut(&mut self) -> &mut BTreeMap<ItemId, MvReg<ActionItem>> {
        &mut self.actions
    }

    pub(crate) fn requests_mut(&mut self) -> &mut BTreeMap<ItemId, MvReg<Request>> {
        &mut self.requests
    }

    pub(crate) fn reviews_mut(&mut self) -> &mut BTreeMap<CriterionId, MvReg<ReviewVerdict>> {
        &mut self.reviews
    }

    /// Every catalogue id any sibling of the catalogue register names (not just the winner).
    pub fn catalogue_ids(&self) -> BTreeSet<&CatalogueId> {
        self.catalogue
            .siblings()
            .iter()
            .filter_map(|entry| entry.value.as_ref())
            .collect()
    }

    /// Every criterion the assessment refers to: the keys of its criterion entries and review
    /// verdicts (withdrawn ones included) and the criterion of every version of its action items.
    /// The bundle reader checks each of them against a catalogue.
    pub(crate) fn referenced_criteria(&self) -> BTreeSet<&CriterionId> {
        let actions = self
            .actions
            .values()
            .flat_map(MvReg::siblings)
            .filter_map(|entry| entry.value.as_ref()?.criterion.as_ref());
        self.criteria
            .keys()
            .chain(self.reviews.keys())
            .chain(actions)
            .collect()
    }

    /// The criteria this assessment still holds live values for (a criterion entry, a review
    /// verdict or an action item's criterion, provisional values) that none of its catalogues
    /// defines, sorted by id: its **retired** criteria. `catalogues` is where the ids of the
    /// catalogue register (every sibling, not just the provisional winner) are looked up; ids it
    /// lacks are skipped.
    ///
    /// Edits only accept criteria of the assessment's catalogue, but under concurrency the
    /// catalogue can change under a device's feet: two devices start the same assessment with
    /// different catalogues, each records entries, and the catalogue conflict is resolved to one
    /// side (or [`crate::Store::set_assessment_catalogue`] switches it while another device keeps
    /// writing under the old one). The other side's values are kept and travel in bundles, but no
    /// figure counts them (figures iterate the catalogue's criteria).
    pub fn retired_criteria(
        &self,
        catalogues: &BTreeMap<CatalogueId, Catalogue>,
    ) -> Vec<CriterionId> {
        let current: Vec<&Catalogue> = self
            .catalogue_ids()
            .into_iter()
            .filter_map(|id| catalogues.get(id))
            .collect();
        let defined = |criterion: &CriterionId| {
            current
                .iter()
                .any(|catalogue| catalogue.criterion(criterion).is_some())
        };
        let live = self
            .criteria
            .iter()
            .filter(|(_, register)| register.value().is_some())
            .map(|(criterion, _)| criterion)
            .chain(
                self.reviews
                    .iter()
                    .filter(|(_, register)| register.value().is_some())
                    .map(|(criterion, _)| criterion),
            )
            .chain(
                self.live_actions()
                    .filter_map(|item| item.criterion.as_ref()),
            );
        live.filter(|criterion| !defined(criterion))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// Whether the year is in the accepted range.
    pub fn has_valid_year(&self) -> bool {
        year_in_range(self.year)
    }
}
