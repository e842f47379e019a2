//! The year's cycle after the review meeting (issue 24): the province's **conclusion** per ward
//! and year (proposed for recognition or not, with the reason) and the Minister's **decision**
//! per province and year (number, date, signer, the wards recognised); from them, the track a
//! ward starts the next year on.
//!
//! Both are multi-value registers like every value (`docs/bundle-format.md` §5.1), kept in the
//! store beside quotas: `conclusions` keyed by ward and year, `decisions` keyed by province and
//! year. Both belong to the province's scope (§7.3): a ward's file that would add or change one is
//! refused `out-of-scope` (see [`crate::trust`]).
//!
//! What follows from a decision ([`Store::next_track`]), documented in `docs/bundle-format.md`
//! §5.8: a ward recognised for year *Y* starts *Y + 1* on the maintain track with `since_year`
//! *Y*; a ward on the maintain track whose year the province concluded positively keeps it the
//! year after (the same `since_year`); a ward on the maintain track that the province concluded
//! negatively **loses the title**: it starts the next year on no track (`none`), shown as such,
//! and may be put back on the new track by the province like any other ward.

mod outcome;
mod select;
pub mod shapes;

pub use outcome::{CycleCounts, action_for_verdict};

pub(crate) use select::{copy_conclusions, copy_decisions, feedback};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::assessment::{AssessmentKey, Track, year_in_range};
use crate::date::Date;
use crate::ids::UnitId;
use crate::register::{EditContext, MvReg};
use crate::store::{EditError, ProvinceYear, Store, check_context, check_date, check_text};
use crate::unit::UnitKind;

/// The most wards one decision may list (the format's limit on units).
pub const MAX_DECISION_WARDS: usize = 20_000;

/// The province's conclusion on a ward's year after the review meeting (kết luận của Công an tỉnh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conclusion {
    /// Proposed for recognition (đề nghị công nhận); for a ward on the maintain track: it kept
    /// the model.
    pub proposed: bool,
    /// Why (lý do), for people; may be empty when proposed.
    pub reason: String,
}

/// The Minister's decision recognising model wards of a province for a year (quyết định công nhận).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Its number and symbol, e.g. `"2878/QĐ-BCA"`.
    pub number: String,
    /// The day it was signed.
    pub date: Date,
    /// Who signed it, e.g. `"Bộ trưởng Lương Tam Quang"`.
    pub signer: String,
    /// The wards it recognises, of the province.
    pub wards: BTreeSet<UnitId>,
}

impl Decision {
    /// Checks the texts, the date and the list's size (not the wards: that needs a registry).
    pub fn check(&self) -> Result<(), EditError> {
        check_text("decision.number", &self.number, true)?;
        check_text("decision.signer", &self.signer, false)?;
        check_date(&self.date)?;
        if self.wards.len() > MAX_DECISION_WARDS {
            return Err(EditError::TextTooLong {
                field: "decision.wards",
                chars: self.wards.len(),
                max: MAX_DECISION_WARDS,
            });
        }
        Ok(())
    }
}

impl Store {
    /// Every conclusion register, by ward and year.
    pub fn conclusion_registers(&self) -> &BTreeMap<AssessmentKey, MvReg<Conclusion>> {
        &self.conclusions
    }

    /// The province's conclusion on a ward's year (provisional value).
    pub fn conclusion(&self, key: &AssessmentKey) -> Option<&Conclusion> {
        self.conclusions.get(key).and_then(MvReg::value)
    }

    /// Every decision register, by province and year.
    pub fn decision_registers(&self) -> &BTreeMap<ProvinceYear, MvReg<Decision>> {
        &self.decisions
    }

    /// The Minister's decision for a province's year (provisional value).
    pub fn decision(&self, province: &UnitId, year: u16) -> Option<&Decision> {
        self.decisions
            .get(&(province.clone(), year))
            .and_then(MvReg::value)
    }

    /// Records or withdraws (`None`) the province's conclusion on a live ward's year.
    pub fn set_conclusion(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
        conclusion: Option<Conclusion>,
    ) -> Result<(), EditError> {
        check_context(context)?;
        if !year_in_range(key.year) {
            return Err(EditError::YearOutOfRange(key.year));
        }
        if self.unit(&key.unit).is_none() {
            return Err(EditError::UnknownUnit(key.unit.clone()));
        }
        if let Some(conclusion) = &conclusion {
            check_text("conclusion.reason", &conclusion.reason, false)?;
        }
        let register = self.conclusions.entry(key.clone()).or_default();
        if conclusion.is_none() && register.is_empty() {
            self.conclusions.remove(key);
            return Ok(());
        }
        register.write(context, conclusion);
        Ok(())
    }

    /// Records (or corrects) the Minister's decision for a province's year: every ward it lists
    /// must be a live unit within the province.
    pub fn record_decision(
        &mut self,
        context: &EditContext,
        province: &UnitId,
        year: u16,
        decision: Decision,
    ) -> Result<(), EditError> {
        check_context(context)?;
        if !year_in_range(year) {
            return Err(EditError::YearOutOfRange(year));
        }
        match self.unit(province) {
            None => return Err(EditError::UnknownUnit(province.clone())),
            Some(unit) if unit.kind != UnitKind::Province => {
                return Err(EditError::NotAProvince(province.clone()));
            }
            Some(_) => {}
        }
        decision.check()?;
        let registry = self.registry();
        for ward in &decision.wards {
            if registry.get(ward).is_none() {
                return Err(EditError::UnknownUnit(ward.clone()));
            }
            if !registry.is_within(ward, province) || ward == province {
                return Err(EditError::NotInProvince {
                    unit: ward.clone(),
                    province: province.clone(),
                });
            }
        }
        self.decisions
            .entry((province.clone(), year))
            .or_default()
            .write(context, Some(decision));
        Ok(())
    }

    /// Whether a decision of `year` (of any province) recognises `ward`.
    pub fn recognised(&self, ward: &UnitId, year: u16) -> bool {
        self.decisions.iter().any(|((_, of), register)| {
            *of == year
                && register
                    .value()
                    .is_some_and(|decision| decision.wards.contains(ward))
        })
    }

    /// The wards a province's decision of `year` recognises (none without a decision).
    pub fn recognised_wards(&self, province: &UnitId, year: u16) -> BTreeSet<UnitId> {
        self.decision(province, year)
            .map(|decision| decision.wards.clone())
            .unwrap_or_default()
    }

    /// The track `ward` starts `year` on, as the cycle says (see the module's documentation):
    /// maintain when recognised for `year - 1`, or when it was maintaining in `year - 1` and the
    /// province concluded positively; no track when it was maintaining and the province concluded
    /// negatively (the title is lost); `None` when the cycle says nothing (the ward's own choice
    /// stands).
    pub fn next_track(&self, ward: &UnitId, year: u16) -> Option<Track> {
        let last = year.checked_sub(1).filter(|last| year_in_range(*last))?;
        if self.recognised(ward, last) {
            return Some(Track::Maintain { since_year: last });
        }
        let key = AssessmentKey::new(ward.clone(), last);
        let track = self.assessment(&key).and_then(|doc| doc.track().value());
        match (track, self.conclusion(&key)) {
            (Some(Track::Maintain { since_year }), Some(conclusion)) => {
                Some(if conclusion.proposed {
                    Track::Maintain {
                        since_year: *since_year,
                    }
                } else {
                    Track::None
                })
            }
            _ => None,
        }
    }

    /// Copies last year's evidence and notes into the assessment `key` (started, empty of them),
    /// criterion by criterion where its catalogue still defines the criterion: statuses and
    /// figures are not copied (the new year is assessed anew). Returns how many criteria got
    /// something; a criterion that already holds a value this year is left alone.
    pub fn copy_forward(
        &mut self,
        context: &EditContext,
        key: &AssessmentKey,
    ) -> Result<usize, EditError> {
        let last = AssessmentKey::new(
            key.unit.clone(),
            key.year
                .checked_sub(1)
                .ok_or(EditError::YearOutOfRange(key.year))?,
        );
        let Some(previous) = self.assessment(&last) else {
            return Ok(0);
        };
        let copies: Vec<(crate::ids::CriterionId, crate::assessment::CriterionEntry)> = previous
            .criteria()
            .iter()
            .filter_map(|(criterion, register)| {
                let entry = register.value()?;
                (!entry.evidence.is_empty() || !entry.note.is_empty()).then(|| {
                    let copy = crate::assessment::CriterionEntry {
                        evidence: entry.evidence.clone(),
                        note: entry.note.clone(),
                        ..crate::assessment::CriterionEntry::default()
                    };
                    (criterion.clone(), copy)
                })
            })
            .collect();
        let catalogue = self
            .catalogue_of(key)
            .cloned()
            .ok_or_else(|| EditError::UnknownAssessment(key.clone()))?;
        let held = self
            .assessment(key)
            .ok_or_else(|| EditError::UnknownAssessment(key.clone()))?
            .criteria()
            .clone();
        let mut copied = 0;
        for (criterion, entry) in copies {
            if catalogue.criterion(&criterion).is_none() || held.contains_key(&criterion) {
                continue;
            }
            self.set_criterion(context, key, &criterion, entry)?;
            copied += 1;
        }
        Ok(copied)
    }

    /// The wards within `province` and the track the cycle gives each for `year`
    /// ([`Store::next_track`]), for the province's list of the year and its config file.
    pub fn cycle_tracks(&self, province: &UnitId, year: u16) -> BTreeMap<UnitId, Track> {
        self.registry()
            .wards_under(province)
            .into_iter()
            .filter_map(|ward| Some((ward.id.clone(), self.next_track(&ward.id, year)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests;

impl crate::store::AssessmentDoc {
    /// The same document with the province's review verdicts only: what a feedback file
    /// carries, and all that importing one joins.
    pub fn reviews_only(&self) -> crate::store::AssessmentDoc {
        let mut doc = crate::store::AssessmentDoc::new(self.key());
        doc.reviews_mut().clone_from(self.reviews());
        doc
    }

    /// Whether the document holds nothing of the ward's own: no track, catalogue, criterion
    /// entry, action item or request.
    pub fn ward_part_is_empty(&self) -> bool {
        self.track().is_empty()
            && self.catalogue().is_empty()
            && self.criteria().is_empty()
            && self.actions().is_empty()
            && self.requests().is_empty()
    }
}
