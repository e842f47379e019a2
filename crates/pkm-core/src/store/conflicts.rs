//! Conflicts (xung đột) for the UI: where each open conflict is, its siblings (device, time,
//! author, value) and which one is the provisional winner; and resolution by picking a sibling,
//! which writes that value again so that it dominates every sibling (conclusions and decisions,
//! issue 24, too). Writing a new value through
//! the ordinary edit methods resolves a conflict the same way.

use serde::{Deserialize, Serialize};

use super::{EditError, Store, check_context};
use crate::assessment::{ActionItem, AssessmentKey, CriterionEntry, Request, ReviewVerdict, Track};
use crate::cycle::{Conclusion, Decision};
use crate::ids::{CatalogueId, CriterionId, DeviceId, ItemId, UnitId};
use crate::register::{EditContext, MvReg};
use crate::unit::Unit;
use crate::version::Hlc;

/// Which value is in conflict.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ConflictTarget {
    /// A unit's details.
    Unit {
        /// The unit.
        unit: UnitId,
    },
    /// A province's quota for a year.
    Quota {
        /// The province.
        province: UnitId,
        /// The year.
        year: u16,
    },
    /// A province's catalogue choice for a year.
    YearCatalogue {
        /// The province.
        province: UnitId,
        /// The year.
        year: u16,
    },
    /// An assessment's track.
    Track {
        /// The assessment.
        key: AssessmentKey,
    },
    /// An assessment's catalogue.
    Catalogue {
        /// The assessment.
        key: AssessmentKey,
    },
    /// A criterion entry.
    Criterion {
        /// The assessment.
        key: AssessmentKey,
        /// The criterion.
        criterion: CriterionId,
    },
    /// An action item.
    Action {
        /// The assessment.
        key: AssessmentKey,
        /// The item.
        item: ItemId,
    },
    /// A request.
    Request {
        /// The assessment.
        key: AssessmentKey,
        /// The item.
        item: ItemId,
    },
    /// A review verdict.
    Review {
        /// The assessment.
        key: AssessmentKey,
        /// The criterion.
        criterion: CriterionId,
    },
    /// The province's conclusion on a ward's year (kept beside the assessment, not in it).
    Conclusion {
        /// The ward's year.
        key: AssessmentKey,
    },
    /// The Minister's decision for a province's year.
    Decision {
        /// The province.
        province: UnitId,
        /// The year.
        year: u16,
    },
}

impl ConflictTarget {
    /// The assessment the value belongs to, if any (a conclusion is about a ward's year but
    /// is kept beside its assessment, with the registry: none).
    pub fn assessment(&self) -> Option<&AssessmentKey> {
        match self {
            ConflictTarget::Unit { .. }
            | ConflictTarget::Quota { .. }
            | ConflictTarget::YearCatalogue { .. }
            | ConflictTarget::Conclusion { .. }
            | ConflictTarget::Decision { .. } => None,
            ConflictTarget::Track { key }
            | ConflictTarget::Catalogue { key }
            | ConflictTarget::Criterion { key, .. }
            | ConflictTarget::Action { key, .. }
            | ConflictTarget::Request { key, .. }
            | ConflictTarget::Review { key, .. } => Some(key),
        }
    }

    /// Where, in Vietnamese (ids; the UI may substitute names).
    pub fn describe_vi(&self) -> String {
        match self {
            ConflictTarget::Unit { unit } => format!("Thông tin đơn vị “{unit}”"),
            ConflictTarget::Quota { province, year } => {
                format!("Chỉ tiêu năm {year} của “{province}”")
            }
            ConflictTarget::YearCatalogue { province, year } => {
                format!("Bộ tiêu chí áp dụng năm {year} của “{province}”")
            }
            ConflictTarget::Track { key } => {
                format!("Hướng xây dựng năm {} của “{}”", key.year, key.unit)
            }
            ConflictTarget::Catalogue { key } => format!(
                "Bộ tiêu chí của bản đánh giá năm {} của “{}”",
                key.year, key.unit
            ),
            ConflictTarget::Criterion { key, criterion } => {
                format!("Tiêu chí “{criterion}” năm {} của “{}”", key.year, key.unit)
            }
            ConflictTarget::Action { key, item } => {
                format!("Nhiệm vụ “{item}” năm {} của “{}”", key.year, key.unit)
            }
            ConflictTarget::Request { key, item } => {
                format!("Kiến nghị “{item}” năm {} của “{}”", key.year, key.unit)
            }
            ConflictTarget::Review { key, criterion } => {
                format!(
                    "Ý kiến thẩm định tiêu chí “{criterion}” năm {} của “{}”",
                    key.year, key.unit
                )
            }
            ConflictTarget::Conclusion { key } => {
                format!("Kết luận năm {} về “{}”", key.year, key.unit)
            }
            ConflictTarget::Decision { province, year } => {
                format!("Quyết định công nhận năm {year} của “{province}”")
            }
        }
    }

    /// Where, in English.
    pub fn describe_en(&self) -> String {
        match self {
            ConflictTarget::Unit { unit } => format!("Details of unit “{unit}”"),
            ConflictTarget::Quota { province, year } => format!("{year} quota of “{province}”"),
            ConflictTarget::YearCatalogue { province, year } => {
                format!("{year} catalogue of “{province}”")
            }
            ConflictTarget::Track { key } => format!("{} track of “{}”", key.year, key.unit),
            ConflictTarget::Catalogue { key } => {
                format!("Catalogue of the {} assessment of “{}”", key.year, key.unit)
            }
            ConflictTarget::Criterion { key, criterion } => {
                format!("Criterion “{criterion}” ({}) of “{}”", key.year, key.unit)
            }
            ConflictTarget::Action { key, item } => {
                format!("Action item “{item}” ({}) of “{}”", key.year, key.unit)
            }
            ConflictTarget::Request { key, item } => {
                format!("Request “{item}” ({}) of “{}”", key.year, key.unit)
            }
            ConflictTarget::Review { key, criterion } => {
                format!(
                    "Review of criterion “{criterion}” ({}) of “{}”",
                    key.year, key.unit
                )
            }
            ConflictTarget::Conclusion { key } => {
                format!("{} conclusion on “{}”", key.year, key.unit)
            }
            ConflictTarget::Decision { province, year } => {
                format!("{year} recognition decision of “{province}”")
            }
        }
    }
}

/// The value of one sibling (`None` inside: a deletion).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum ConflictValue {
    /// A unit.
    Unit(Option<Unit>),
    /// A quota.
    Quota(Option<u32>),
    /// A catalogue id (year catalogue or assessment catalogue).
    Catalogue(Option<CatalogueId>),
    /// A track.
    Track(Option<Track>),
    /// A criterion entry.
    Criterion(Option<CriterionEntry>),
    /// An action item.
    Action(Option<ActionItem>),
    /// A request.
    Request(Option<Request>),
    /// A review verdict.
    Review(Option<ReviewVerdict>),
    /// A conclusion (`None`: withdrawn).
    Conclusion(Option<Conclusion>),
    /// A decision (`None`: withdrawn).
    Decision(Option<Decision>),
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sibling {
    /// The device that wrote it.
    pub device: DeviceId,
    /// When.
    pub at: Hlc,
    /// Who.
    pub author: String,
    /// What.
    pub value: ConflictValue,
    /// Whether figures use this one until a person resolves the conflict.
    pub is_provisional_winner: bool,
}

/// One open conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Where.
    pub target: ConflictTarget,
    /// The siblings, oldest first (the last one is the provisional winner).
    pub siblings: Vec<Sibling>,
}

fn conflict_of<T: Clone + PartialEq + Serialize>(
    target: ConflictTarget,
    register: &MvReg<T>,
    wrap: fn(Option<T>) -> ConflictValue,
) -> Option<Conflict> {
    if !register.is_conflict() {
        return None;
    }
    let count = register.siblings().len();
    let siblings = register
        .siblings()
        .iter()
        .enumerate()
        .map(|(index, entry)| Sibling {
            device: entry.at.device.clone(),
            at: entry.at.clone(),
            author: entry.author.clone(),
            value: wrap(entry.value.clone()),
            is_provisional_winner: index + 1 == count,
        })
        .collect();
    Some(Conflict { target, siblings })
}

fn resolve<T: Clone + PartialEq + Serialize>(
    register: Option<&mut MvReg<T>>,
    context: &EditContext,
    pick: usize,
) -> Result<(), EditError> {
    let register = register.ok_or(EditError::NoConflict)?;
    if !register.is_conflict() {
        return Err(EditError::NoConflict);
    }
    let count = register.siblings().len();
    let chosen = register
        .siblings()
        .get(pick)
        .ok_or(EditError::NoSuchSibling { pick, count })?
        .value
        .clone();
    register.write(context, chosen);
    Ok(())
}

impl Store {
    /// Every open conflict, in a stable order (units, quotas, year catalogues, conclusions,
    /// decisions, then assessments).
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut found = Vec::new();
        for (unit, register) in &self.units {
            found.extend(conflict_of(
                ConflictTarget::Unit { unit: unit.clone() },
                register,
                ConflictValue::Unit,
            ));
        }
        for ((province, year), register) in &self.quotas {
            let target = ConflictTarget::Quota {
                province: province.clone(),
                year: *year,
            };
            found.extend(conflict_of(target, register, ConflictValue::Quota));
        }
        for ((province, year), register) in &self.year_catalogues {
            let target = ConflictTarget::YearCatalogue {
                province: province.clone(),
                year: *year,
            };
            found.extend(conflict_of(target, register, ConflictValue::Catalogue));
        }
        for (key, register) in &self.conclusions {
            let target = ConflictTarget::Conclusion { key: key.clone() };
            found.extend(conflict_of(target, register, ConflictValue::Conclusion));
        }
        for ((province, year), register) in &self.decisions {
            let target = ConflictTarget::Decision {
                province: province.clone(),
                year: *year,
            };
            found.extend(conflict_of(target, register, ConflictValue::Decision));
        }
        for key in self.assessments.keys() {
            found.extend(self.conflicts_in(key));
        }
        found
    }

    /// The open conflicts of one assessment.
    pub fn conflicts_in(&self, key: &AssessmentKey) -> Vec<Conflict> {
        let Some(doc) = self.assessments.get(key) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        found.extend(conflict_of(
            ConflictTarget::Track { key: key.clone() },
            doc.track(),
            ConflictValue::Track,
        ));
        found.extend(conflict_of(
            ConflictTarget::Catalogue { key: key.clone() },
            doc.catalogue(),
            ConflictValue::Catalogue,
        ));
        for (criterion, register) in doc.criteria() {
            let target = ConflictTarget::Criterion {
                key: key.clone(),
                criterion: criterion.clone(),
            };
            found.extend(conflict_of(target, register, ConflictValue::Criterion));
        }
        for (item, register) in doc.actions() {
            let target = ConflictTarget::Action {
                key: key.clone(),
                item: item.clone(),
            };
            found.extend(conflict_of(target, register, ConflictValue::Action));
        }
        for (item, register) in doc.requests() {
            let target = ConflictTarget::Request {
                key: key.clone(),
                item: item.clone(),
            };
            found.extend(conflict_of(target, register, ConflictValue::Request));
        }
        for (criterion, register) in doc.reviews() {
            let target = ConflictTarget::Review {
                key: key.clone(),
                criterion: criterion.clone(),
            };
            found.extend(conflict_of(target, register, ConflictValue::Review));
        }
        found
    }

    /// Resolves a conflict by picking sibling number `pick` (0-based, in the order of
    /// [`Conflict::siblings`]): its value is written again and dominates every sibling. To resolve
    /// with a new value, call the ordinary edit method instead.
    pub fn resolve_conflict(
        &mut self,
        context: &EditContext,
        target: &ConflictTarget,
        pick: usize,
    ) -> Result<(), EditError> {
        check_context(context)?;
        match target {
            ConflictTarget::Unit { unit } => resolve(self.units.get_mut(unit), context, pick),
            ConflictTarget::Quota { province, year } => resolve(
                self.quotas.get_mut(&(province.clone(), *year)),
                context,
                pick,
            ),
            ConflictTarget::YearCatalogue { province, year } => resolve(
                self.year_catalogues.get_mut(&(province.clone(), *year)),
                context,
                pick,
            ),
            ConflictTarget::Track { key } => resolve(
                self.assessments.get_mut(key).map(|doc| doc.track_mut()),
                context,
                pick,
            ),
            ConflictTarget::Catalogue { key } => resolve(
                self.assessments.get_mut(key).map(|doc| doc.catalogue_mut()),
                context,
                pick,
            ),
            ConflictTarget::Criterion { key, criterion } => resolve(
                self.assessments
                    .get_mut(key)
                    .and_then(|doc| doc.criteria_mut().get_mut(criterion)),
                context,
                pick,
            ),
            ConflictTarget::Action { key, item } => resolve(
                self.assessments
                    .get_mut(key)
                    .and_then(|doc| doc.actions_mut().get_mut(item)),
                context,
                pick,
            ),
            ConflictTarget::Request { key, item } => resolve(
                self.assessments
                    .get_mut(key)
                    .and_then(|doc| doc.requests_mut().get_mut(item)),
                context,
                pick,
            ),
            ConflictTarget::Review { key, criterion } => resolve(
                self.assessments
                    .get_mut(key)
                    .and_then(|doc| doc.reviews_mut().get_mut(criterion)),
                context,
                pick,
            ),
            ConflictTarget::Conclusion { key } => {
                resolve(self.conclusions.get_mut(key), context, pick)
            }
            ConflictTarget::Decision { province, year } => resolve(
                self.decisions.get_mut(&(province.clone(), *year)),
                context,
                pick,
            ),
        }
    }
}
