//! Figures (số liệu) for one assessment and for a province and year, as the review meeting reports
//! them, and the meeting's summary paragraph in Vietnamese (and English).
//!
//! - Provisional winners are used wherever a value is in conflict, and every figure says how many
//!   conflicting values it depends on.
//! - [`Basis::AfterReview`]: a criterion the province's reviewer disputed ("không nhất trí") counts
//!   as not met, whatever the ward said.
//! - "Expected complete" (dự kiến đạt 20/20): every criterion of the catalogue is met or expected;
//!   "complete" (đạt 20/20): every criterion is met.
//! - Wards are the units of kind ward under the province; assessments of other units under it
//!   (communes) count when they are on a track.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::assessment::{
    ActionItem, ActionStatus, AssessmentKey, CriterionStatus, Label, RequestCategory, Track,
    Verdict,
};
use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::format;
use crate::ids::{CatalogueId, CriterionId, UnitId};
use crate::register::MvReg;
use crate::store::{AssessmentDoc, Store};
use crate::unit::{Unit, UnitKind, UnitRegistry};

/// Which statuses the figures use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The wards' own statuses: "Theo tự đánh giá".
    SelfAssessed,
    /// After the review meeting: disputed criteria count as not met: "Sau họp xét".
    AfterReview,
}

impl Label for Basis {
    fn label_vi(&self) -> &'static str {
        match self {
            Basis::SelfAssessed => "Theo tự đánh giá",
            Basis::AfterReview => "Sau họp xét",
        }
    }

    fn label_en(&self) -> &'static str {
        match self {
            Basis::SelfAssessed => "Self-assessed",
            Basis::AfterReview => "After review",
        }
    }
}

/// How many criteria have each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Met.
    pub met: usize,
    /// Expected.
    pub expected: usize,
    /// Not met.
    pub not_met: usize,
    /// Not assessed.
    pub not_assessed: usize,
}

impl StatusCounts {
    fn add(&mut self, status: CriterionStatus) {
        match status {
            CriterionStatus::Met => self.met += 1,
            CriterionStatus::Expected => self.expected += 1,
            CriterionStatus::NotMet => self.not_met += 1,
            CriterionStatus::NotAssessed => self.not_assessed += 1,
        }
    }

    /// The count of one status.
    pub fn get(&self, status: CriterionStatus) -> usize {
        match status {
            CriterionStatus::Met => self.met,
            CriterionStatus::Expected => self.expected,
            CriterionStatus::NotMet => self.not_met,
            CriterionStatus::NotAssessed => self.not_assessed,
        }
    }
}

/// The counts of one group of criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    /// The group's id.
    pub group: String,
    /// The group's Vietnamese title.
    pub title_vi: String,
    /// How many criteria the group has.
    pub total: usize,
    /// Counts per status.
    pub counts: StatusCounts,
}

/// The figures of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentFigures {
    /// Which assessment.
    pub key: AssessmentKey,
    /// The catalogue used.
    pub catalogue: CatalogueId,
    /// The basis.
    pub basis: Basis,
    /// How many criteria the catalogue has (20).
    pub total: usize,
    /// Counts per status.
    pub counts: StatusCounts,
    /// Counts per group, in catalogue order.
    pub groups: Vec<GroupFigures>,
    /// The effective status of every criterion, in catalogue order.
    pub statuses: Vec<(CriterionId, CriterionStatus)>,
    /// Criteria neither met nor expected (not met or not assessed), in catalogue order.
    pub unmet: Vec<CriterionId>,
    /// Criteria expected but not yet met.
    pub expected: Vec<CriterionId>,
    /// Criteria the reviewer disputed.
    pub disputed: Vec<CriterionId>,
    /// Every criterion met ("đạt 20/20").
    pub complete: bool,
    /// Every criterion met or expected ("dự kiến đạt 20/20").
    pub expected_complete: bool,
    /// How many values in conflict these figures depend on (track, catalogue, criteria, and
    /// reviews after review).
    pub conflicts: usize,
}

impl AssessmentFigures {
    /// Computes the figures of an assessment against its catalogue.
    pub fn compute(doc: &AssessmentDoc, catalogue: &Catalogue, basis: Basis) -> AssessmentFigures {
        let mut counts = StatusCounts::default();
        let mut groups = Vec::with_capacity(catalogue.groups.len());
        let mut statuses = Vec::with_capacity(catalogue.criteria_count());
        let (mut unmet, mut expected, mut disputed) = (Vec::new(), Vec::new(), Vec::new());
        let mut conflicts =
            usize::from(doc.track().is_conflict()) + usize::from(doc.catalogue().is_conflict());
        for group in &catalogue.groups {
            let mut group_counts = StatusCounts::default();
            for criterion in &group.criteria {
                // One lookup per register (700 wards × 20 criteria on the dashboard).
                let register = doc.criteria().get(&criterion.id);
                conflicts += usize::from(register.is_some_and(|register| register.is_conflict()));
                let mut status = register
                    .and_then(MvReg::value)
                    .map(|entry| entry.status)
                    .unwrap_or_default();
                let review = doc.reviews().get(&criterion.id);
                let is_disputed = review
                    .and_then(MvReg::value)
                    .is_some_and(|review| review.verdict == Verdict::Disagree);
                if is_disputed {
                    disputed.push(criterion.id.clone());
                }
                if basis == Basis::AfterReview {
                    conflicts += usize::from(review.is_some_and(|register| register.is_conflict()));
                    if is_disputed {
                        status = CriterionStatus::NotMet;
                    }
                }
                counts.add(status);
                group_counts.add(status);
                if !status.is_met_or_expected() {
                    unmet.push(criterion.id.clone());
                } else if status == CriterionStatus::Expected {
                    expected.push(criterion.id.clone());
                }
                statuses.push((criterion.id.clone(), status));
            }
            groups.push(GroupFigures {
                group: group.id.clone(),
                title_vi: group.title_vi.clone(),
                total: group.criteria.len(),
                counts: group_counts,
            });
        }
        let total = catalogue.criteria_count();
        AssessmentFigures {
            key: doc.key(),
            catalogue: catalogue.id.clone(),
            basis,
            total,
            complete: counts.met == total,
            expected_complete: unmet.is_empty(),
            counts,
            groups,
            statuses,
            unmet,
            expected,
            disputed,
            conflicts,
        }
    }
}

/// Counts for one track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TrackFigures {
    /// Wards on the track.
    pub total: usize,
    /// Of which every criterion is met.
    pub complete: usize,
    /// Of which every criterion is met or expected.
    pub expected_complete: usize,
}

impl TrackFigures {
    fn add(&mut self, figures: &AssessmentFigures) {
        self.total += 1;
        self.complete += usize::from(figures.complete);
        self.expected_complete += usize::from(figures.expected_complete);
    }
}

/// How the number of new wards compares with the Ministry's quota.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuotaProgress {
    /// No quota was recorded for the year.
    NoQuota,
    /// The quota is zero.
    ZeroQuota,
    /// More new wards than the quota: "vượt {percent}%" (8 against 4: 100).
    Exceeded {
        /// How far above the quota, in percent of the quota.
        percent: f64,
    },
    /// Exactly the quota.
    Reached,
    /// Fewer than the quota.
    Short {
        /// How many are missing.
        missing: u32,
        /// The new wards in percent of the quota.
        percent_of_quota: f64,
    },
}

impl QuotaProgress {
    /// How far the quota is exceeded, in percent of the quota ("vượt 100%" for 8 against 4); `None`
    /// unless exceeded.
    pub fn excess_percent(&self) -> Option<f64> {
        match self {
            QuotaProgress::Exceeded { percent } => Some(*percent),
            _ => None,
        }
    }

    /// Compares a number of new wards with a quota.
    pub fn of(new_wards: usize, quota: Option<u32>) -> QuotaProgress {
        let Some(quota) = quota else {
            return QuotaProgress::NoQuota;
        };
        if quota == 0 {
            return QuotaProgress::ZeroQuota;
        }
        let total = new_wards as f64;
        let quota_f = f64::from(quota);
        match (new_wards as u64).cmp(&u64::from(quota)) {
            std::cmp::Ordering::Greater => QuotaProgress::Exceeded {
                percent: (total - quota_f) / quota_f * 100.0,
            },
            std::cmp::Ordering::Equal => QuotaProgress::Reached,
            std::cmp::Ordering::Less => QuotaProgress::Short {
                missing: quota - u32::try_from(new_wards).unwrap_or(quota),
                percent_of_quota: total / quota_f * 100.0,
            },
        }
    }
}

/// The figures of one middle-level unit (or of the wards directly under the province).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MiddleFigures {
    /// The middle-level unit, `None` for wards directly under the province.
    pub unit: Option<UnitId>,
    /// Its Vietnamese name ("Trực thuộc tỉnh" for `None`).
    pub name_vi: String,
    /// Maintained wards.
    pub maintained: TrackFigures,
    /// New wards.
    pub new: TrackFigures,
}

/// A criterion and the wards that miss it (neither met nor expected).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionMiss {
    /// The catalogue.
    pub catalogue: CatalogueId,
    /// The criterion.
    pub criterion: CriterionId,
    /// Its 1-based number in the catalogue.
    pub number: usize,
    /// Its Vietnamese title.
    pub title_vi: String,
    /// The wards that miss it, by id.
    pub wards: Vec<UnitId>,
}

/// Requests of one category, totalled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestTotal {
    /// The category.
    pub category: RequestCategory,
    /// How many requests.
    pub count: usize,
    /// Summed quantities per unit of measure ("người", "triệu đồng").
    pub quantities: BTreeMap<String, f64>,
}

/// An open action item with its ward.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    /// The ward.
    pub ward: UnitId,
    /// The ward's name.
    pub ward_name: String,
    /// The item (provisional value).
    pub item: ActionItem,
    /// Whether its deadline has passed.
    pub overdue: bool,
}

/// One assessed unit's line in the province table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WardRow {
    /// The unit.
    pub ward: UnitId,
    /// Its name.
    pub name_vi: String,
    /// Its middle-level unit, if any.
    pub middle: Option<UnitId>,
    /// Its track (provisional).
    pub track: Option<Track>,
    /// Its figures (none when the catalogue is unknown).
    pub figures: Option<AssessmentFigures>,
}

/// The figures of a province for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceFigures {
    /// The province.
    pub province: UnitId,
    /// Its name.
    pub province_name: String,
    /// The year.
    pub year: u16,
    /// The basis.
    pub basis: Basis,
    /// The day used for "overdue".
    pub today: Date,
    /// The number of criteria when every counted assessment uses catalogues of the same size.
    pub criteria_total: Option<usize>,
    /// Maintained wards (duy trì).
    pub maintained: TrackFigures,
    /// New wards (xây dựng mới).
    pub new: TrackFigures,
    /// The Ministry's quota of new wards.
    pub quota: Option<u32>,
    /// New wards against the quota.
    pub quota_progress: QuotaProgress,
    /// Assessed units on no track.
    pub untracked: usize,
    /// The same per middle-level unit, in id order; wards directly under the province last.
    pub per_middle: Vec<MiddleFigures>,
    /// Per criterion, the tracked wards that miss it; most missed first.
    pub misses: Vec<CriterionMiss>,
    /// Requests per category, every category in display order.
    pub requests: Vec<RequestTotal>,
    /// Open action items, by deadline (none last), then ward.
    pub open_actions: Vec<ActionRow>,
    /// How many open action items are overdue.
    pub overdue_actions: usize,
    /// Wards with no assessment this year.
    pub wards_without_assessment: Vec<UnitId>,
    /// Assessments whose catalogue is unknown (not counted).
    pub unknown_catalogue: Vec<AssessmentKey>,
    /// Every assessed unit.
    pub wards: Vec<WardRow>,
    /// How many values in conflict the figures depend on.
    pub conflicts: usize,
}

/// Why province figures could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FiguresError {
    /// The unit is not in the store.
    #[error("unknown unit {0}")]
    UnknownUnit(UnitId),
    /// The unit is not a province.
    #[error("unit {0} is not a province")]
    NotAProvince(UnitId),
}

impl FiguresError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            FiguresError::UnknownUnit(unit) => format!("Không tìm thấy đơn vị “{unit}”."),
            FiguresError::NotAProvince(unit) => {
                format!("Đơn vị “{unit}” không phải là Công an tỉnh, thành phố.")
            }
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            FiguresError::UnknownUnit(unit) => format!("Unit “{unit}” not found."),
            FiguresError::NotAProvince(unit) => {
                format!("Unit “{unit}” is not a provincial police.")
            }
        }
    }
}

/// Counts `ward` under each criterion its figures leave unmet.
fn count_misses(
    misses: &mut BTreeMap<(CatalogueId, CriterionId), CriterionMiss>,
    catalogue: &Catalogue,
    assessment: &AssessmentFigures,
    ward: &UnitId,
) {
    for criterion in &assessment.unmet {
        let entry = misses
            .entry((catalogue.id.clone(), criterion.clone()))
            .or_insert_with(|| CriterionMiss {
                catalogue: catalogue.id.clone(),
                criterion: criterion.clone(),
                number: catalogue.position(criterion).unwrap_or(0),
                title_vi: catalogue
                    .criterion(criterion)
                    .map(|found| found.title_vi.clone())
                    .unwrap_or_default(),
                wards: Vec::new(),
            });
        entry.wards.push(ward.clone());
    }
}

fn counted_track(track: Option<&Track>) -> Option<bool> {
    match track {
        Some(Track::Maintain { .. }) => Some(true),
        Some(Track::New) => Some(false),
        Some(Track::None) | None => None,
    }
}

impl ProvinceFigures {
    /// Computes a province's figures for a year. `today` decides which action items are overdue.
    pub fn compute(
        store: &Store,
        province: &UnitId,
        year: u16,
        basis: Basis,
        today: Date,
    ) -> Result<ProvinceFigures, FiguresError> {
        ProvinceFigures::compute_in(store, &store.registry(), province, year, basis, today)
    }

    /// [`ProvinceFigures::compute`] with the store's registry ([`Store::registry`]) already
    /// built, for a caller that asks more of it.
    pub fn compute_in(
        store: &Store,
        registry: &UnitRegistry,
        province: &UnitId,
        year: u16,
        basis: Basis,
        today: Date,
    ) -> Result<ProvinceFigures, FiguresError> {
        let province_unit = province_unit(registry, province)?;
        let figures = ProvinceFigures::empty(store, province_unit, year, basis, today);
        let mut tally = Tally::new(store, registry, figures);
        for (key, doc) in store.assessments().range(..) {
            if key.year != year || &key.unit == province || !registry.is_within(&key.unit, province)
            {
                continue;
            }
            tally.add(key, doc);
        }
        Ok(tally.finish())
    }

    /// The figures of a province before any assessment is counted: its name, the quota (whose
    /// register may already be in conflict), every request category at zero, nothing else.
    fn empty(
        store: &Store,
        province: &Unit,
        year: u16,
        basis: Basis,
        today: Date,
    ) -> ProvinceFigures {
        ProvinceFigures {
            province: province.id.clone(),
            province_name: province.name_vi.clone(),
            year,
            basis,
            today,
            criteria_total: None,
            maintained: TrackFigures::default(),
            new: TrackFigures::default(),
            quota: store.quota(&province.id, year),
            quota_progress: QuotaProgress::NoQuota,
            untracked: 0,
            per_middle: Vec::new(),
            misses: Vec::new(),
            requests: RequestCategory::ALL
                .iter()
                .map(|category| RequestTotal {
                    category: *category,
                    count: 0,
                    quantities: BTreeMap::new(),
                })
                .collect(),
            open_actions: Vec::new(),
            overdue_actions: 0,
            wards_without_assessment: Vec::new(),
            unknown_catalogue: Vec::new(),
            wards: Vec::new(),
            conflicts: usize::from(
                store
                    .quota_registers()
                    .get(&(province.id.clone(), year))
                    .is_some_and(|register| register.is_conflict()),
            ),
        }
    }
}

/// The unit `province` of the registry, if it is a province.
fn province_unit<'a>(
    registry: &'a UnitRegistry,
    province: &UnitId,
) -> Result<&'a Unit, FiguresError> {
    let unit = registry
        .get(province)
        .ok_or_else(|| FiguresError::UnknownUnit(province.clone()))?;
    if unit.kind != UnitKind::Province {
        return Err(FiguresError::NotAProvince(province.clone()));
    }
    Ok(unit)
}

/// A province's figures while its assessments are counted one by one, with what goes into them
/// only once all are counted ([`Tally::finish`]).
struct Tally<'a> {
    /// The store the assessments come from.
    store: &'a Store,
    /// The store's registry.
    registry: &'a UnitRegistry,
    /// The figures so far.
    figures: ProvinceFigures,
    /// The rows per middle-level unit, `None` for wards directly under the province.
    per_middle: BTreeMap<Option<UnitId>, MiddleFigures>,
    /// Per criterion, the tracked wards that miss it.
    misses: BTreeMap<(CatalogueId, CriterionId), CriterionMiss>,
    /// The sizes of the catalogues of tracked wards.
    sizes: BTreeSet<usize>,
}

impl<'a> Tally<'a> {
    /// Starts from `figures` with an empty row for every middle-level unit under the province.
    fn new(store: &'a Store, registry: &'a UnitRegistry, figures: ProvinceFigures) -> Tally<'a> {
        let per_middle = registry
            .descendants(&figures.province)
            .into_iter()
            .filter(|unit| unit.kind == UnitKind::Middle)
            .map(|middle| {
                (
                    Some(middle.id.clone()),
                    MiddleFigures {
                        unit: Some(middle.id.clone()),
                        name_vi: middle.name_vi.clone(),
                        maintained: TrackFigures::default(),
                        new: TrackFigures::default(),
                    },
                )
            })
            .collect();
        Tally {
            store,
            registry,
            figures,
            per_middle,
            misses: BTreeMap::new(),
            sizes: BTreeSet::new(),
        }
    }

    /// Counts one assessment under the province: its requests and action items, its figures
    /// (or its unknown catalogue), and its row in the table of wards.
    fn add(&mut self, key: &AssessmentKey, doc: &AssessmentDoc) {
        collect_items(&mut self.figures, self.registry, doc);
        let middle = self
            .registry
            .middle_of(&key.unit)
            .map(|unit| unit.id.clone());
        let track = doc.track_value().copied();
        let catalogue = self.store.catalogue_of(key);
        let assessment = catalogue
            .map(|catalogue| AssessmentFigures::compute(doc, catalogue, self.figures.basis));
        match catalogue.zip(assessment.as_ref()) {
            None => self.figures.unknown_catalogue.push(key.clone()),
            Some((catalogue, assessment)) => {
                self.count_known(
                    catalogue,
                    assessment,
                    track.as_ref(),
                    middle.as_ref(),
                    &key.unit,
                );
            }
        }
        // The row takes the ward's figures last: they are moved, not copied.
        self.figures.wards.push(WardRow {
            ward: key.unit.clone(),
            name_vi: self
                .registry
                .get(&key.unit)
                .map(|unit| unit.name_vi.clone())
                .unwrap_or_default(),
            middle,
            track,
            figures: assessment,
        });
    }

    /// Counts the figures of an assessment whose catalogue is known: its conflicts, then, if
    /// its unit is on a track, the track's totals (the province's and its middle-level unit's),
    /// its catalogue's size and the criteria it misses; otherwise it is untracked.
    fn count_known(
        &mut self,
        catalogue: &Catalogue,
        assessment: &AssessmentFigures,
        track: Option<&Track>,
        middle: Option<&UnitId>,
        ward: &UnitId,
    ) {
        self.figures.conflicts += assessment.conflicts;
        let Some(maintained) = counted_track(track) else {
            self.figures.untracked += 1;
            return;
        };
        self.sizes.insert(assessment.total);
        let middle_row = self
            .per_middle
            .entry(middle.cloned())
            .or_insert_with(|| MiddleFigures {
                unit: None,
                name_vi: "Trực thuộc tỉnh".to_string(),
                maintained: TrackFigures::default(),
                new: TrackFigures::default(),
            });
        if maintained {
            self.figures.maintained.add(assessment);
            middle_row.maintained.add(assessment);
        } else {
            self.figures.new.add(assessment);
            middle_row.new.add(assessment);
        }
        count_misses(&mut self.misses, catalogue, assessment, ward);
    }

    /// The figures once every assessment is counted: the common number of criteria, the quota
    /// progress, the rows per middle-level unit and the misses in their order, the open action
    /// items sorted and their overdue count, and the wards with no assessment.
    fn finish(self) -> ProvinceFigures {
        let mut figures = self.figures;
        figures.criteria_total = if self.sizes.len() == 1 {
            self.sizes.into_iter().next()
        } else {
            None
        };
        figures.quota_progress = QuotaProgress::of(figures.new.total, figures.quota);
        // Rows keyed `None` sort first in the map; put "directly under the province" last.
        let mut rows: Vec<MiddleFigures> = self.per_middle.into_values().collect();
        rows.sort_by_key(|row| row.unit.is_none());
        figures.per_middle = rows;
        figures.misses = most_missed_first(self.misses);
        sort_open_actions(&mut figures.open_actions);
        figures.overdue_actions = figures
            .open_actions
            .iter()
            .filter(|row| row.overdue)
            .count();
        figures.wards_without_assessment =
            wards_without_assessment(self.store, self.registry, &figures.province, figures.year);
        figures
    }
}

/// The criteria missed, most missed first, then by number and catalogue.
fn most_missed_first(
    misses: BTreeMap<(CatalogueId, CriterionId), CriterionMiss>,
) -> Vec<CriterionMiss> {
    let mut misses: Vec<CriterionMiss> = misses.into_values().collect();
    misses.sort_by(|left, right| {
        right
            .wards
            .len()
            .cmp(&left.wards.len())
            .then(left.number.cmp(&right.number))
            .then(left.catalogue.cmp(&right.catalogue))
    });
    misses
}

/// Sorts open action items by deadline (none last), then ward, then item.
fn sort_open_actions(open_actions: &mut [ActionRow]) {
    open_actions.sort_by(|left, right| {
        (
            left.item.deadline.is_none(),
            left.item.deadline,
            &left.ward,
            &left.item.id,
        )
            .cmp(&(
                right.item.deadline.is_none(),
                right.item.deadline,
                &right.ward,
                &right.item.id,
            ))
    });
}

/// The wards under `province` with no assessment for `year`.
fn wards_without_assessment(
    store: &Store,
    registry: &UnitRegistry,
    province: &UnitId,
    year: u16,
) -> Vec<UnitId> {
    registry
        .wards_under(province)
        .into_iter()
        .filter(|ward| {
            store
                .assessment(&AssessmentKey::new(ward.id.clone(), year))
                .is_none()
        })
        .map(|ward| ward.id.clone())
        .collect()
}

fn collect_items(figures: &mut ProvinceFigures, registry: &UnitRegistry, doc: &AssessmentDoc) {
    let ward_name = registry
        .get(doc.unit())
        .map(|unit| unit.name_vi.clone())
        .unwrap_or_default();
    for register in doc.actions().values() {
        figures.conflicts += usize::from(register.is_conflict());
        if let Some(item) = register.value()
            && item.status == ActionStatus::Open
        {
            figures.open_actions.push(ActionRow {
                ward: doc.unit().clone(),
                ward_name: ward_name.clone(),
                item: item.clone(),
                overdue: item.is_overdue(&figures.today),
            });
        }
    }
    for register in doc.requests().values() {
        figures.conflicts += usize::from(register.is_conflict());
        let Some(request) = register.value() else {
            continue;
        };
        if let Some(total) = figures
            .requests
            .iter_mut()
            .find(|total| total.category == request.category)
        {
            total.count += 1;
            if let Some(quantity) = request.quantity {
                *total
                    .quantities
                    .entry(request.unit_label.clone())
                    .or_insert(0.0) += quantity;
            }
        }
    }
}

fn criteria_phrase_vi(total: Option<usize>) -> String {
    match total {
        Some(total) => format!("đạt {total}/{total} tiêu chí"),
        None => "đạt đủ tiêu chí".to_string(),
    }
}

fn criteria_phrase_en(total: Option<usize>) -> String {
    match total {
        Some(total) => format!("meet {total}/{total} criteria"),
        None => "meet every criterion".to_string(),
    }
}

fn quota_vi(quota: Option<u32>, progress: &QuotaProgress) -> String {
    match (quota, progress) {
        (_, QuotaProgress::NoQuota) | (None, _) => "chưa có chỉ tiêu Bộ giao".to_string(),
        (_, QuotaProgress::ZeroQuota) => "Bộ không giao chỉ tiêu".to_string(),
        (Some(quota), QuotaProgress::Exceeded { percent }) => {
            format!(
                "chỉ tiêu Bộ giao {quota}, vượt {}",
                format::percent_vi(*percent, 1)
            )
        }
        (Some(quota), QuotaProgress::Reached) => {
            format!("chỉ tiêu Bộ giao {quota}, đạt 100% chỉ tiêu")
        }
        (
            Some(quota),
            QuotaProgress::Short {
                percent_of_quota, ..
            },
        ) => {
            format!(
                "chỉ tiêu Bộ giao {quota}, đạt {} chỉ tiêu",
                format::percent_vi(*percent_of_quota, 1)
            )
        }
    }
}

fn quota_en(quota: Option<u32>, progress: &QuotaProgress) -> String {
    match (quota, progress) {
        (_, QuotaProgress::NoQuota) | (None, _) => "no Ministry quota recorded".to_string(),
        (_, QuotaProgress::ZeroQuota) => "no new wards asked by the Ministry".to_string(),
        (Some(quota), QuotaProgress::Exceeded { percent }) => {
            format!(
                "Ministry quota {quota}, exceeded by {}",
                format::percent_en(*percent, 1)
            )
        }
        (Some(quota), QuotaProgress::Reached) => format!("Ministry quota {quota}, 100% reached"),
        (
            Some(quota),
            QuotaProgress::Short {
                percent_of_quota, ..
            },
        ) => {
            format!(
                "Ministry quota {quota}, {} reached",
                format::percent_en(*percent_of_quota, 1)
            )
        }
    }
}

fn expected_part_vi(track: &TrackFigures, criteria: &str) -> String {
    if track.expected_complete == 0 {
        format!("trong đó chưa có Công an phường nào dự kiến {criteria}")
    } else {
        format!(
            "trong đó có {}/{} Công an phường dự kiến {criteria}",
            track.expected_complete, track.total
        )
    }
}

fn expected_part_en(track: &TrackFigures, criteria: &str) -> String {
    if track.expected_complete == 0 {
        format!("none of which is yet expected to {criteria}")
    } else {
        format!(
            "of which {}/{} are expected to {criteria}",
            track.expected_complete, track.total
        )
    }
}

fn units_en(count: usize) -> String {
    if count == 1 {
        "1 ward police unit".to_string()
    } else {
        format!("{count} ward police units")
    }
}

/// The meeting's summary paragraph in Vietnamese, for example: "Năm 2024, có 16 Công an phường duy
/// trì mô hình kiểu mẫu, trong đó có 14/16 Công an phường dự kiến đạt 20/20 tiêu chí; có 8 Công an
/// phường xây dựng mới (chỉ tiêu Bộ giao 4, vượt 100%), trong đó có 7/8 Công an phường dự kiến đạt
/// 20/20 tiêu chí."
pub fn summary_paragraph_vi(figures: &ProvinceFigures) -> String {
    let criteria = criteria_phrase_vi(figures.criteria_total);
    let opening = match figures.basis {
        Basis::SelfAssessed => format!("Năm {}, ", figures.year),
        Basis::AfterReview => format!("Năm {}, theo kết quả họp xét, ", figures.year),
    };
    let maintained = if figures.maintained.total == 0 {
        "không có Công an phường nào duy trì mô hình kiểu mẫu".to_string()
    } else {
        format!(
            "có {} Công an phường duy trì mô hình kiểu mẫu, {}",
            figures.maintained.total,
            expected_part_vi(&figures.maintained, &criteria)
        )
    };
    let quota = quota_vi(figures.quota, &figures.quota_progress);
    let new = if figures.new.total == 0 {
        format!("không có Công an phường nào xây dựng mới ({quota})")
    } else {
        format!(
            "có {} Công an phường xây dựng mới ({quota}), {}",
            figures.new.total,
            expected_part_vi(&figures.new, &criteria)
        )
    };
    let mut paragraph = format!("{opening}{maintained}; {new}.");
    let missing = figures.wards_without_assessment.len();
    if missing > 0 {
        paragraph.push_str(&format!(
            " Còn {missing} Công an phường chưa có bản tự đánh giá năm {}.",
            figures.year
        ));
    }
    if figures.conflicts > 0 {
        paragraph.push_str(&format!(
            " Các số liệu trên tạm tính theo {} giá trị đang có xung đột dữ liệu chưa được xử lý.",
            figures.conflicts
        ));
    }
    paragraph
}

/// The meeting's summary paragraph in English.
pub fn summary_paragraph_en(figures: &ProvinceFigures) -> String {
    let criteria = criteria_phrase_en(figures.criteria_total);
    let opening = match figures.basis {
        Basis::SelfAssessed => format!("In {}, ", figures.year),
        Basis::AfterReview => format!("In {}, after the review meeting, ", figures.year),
    };
    let maintained = if figures.maintained.total == 0 {
        "no ward police unit is maintaining the model status".to_string()
    } else {
        format!(
            "{} {} maintaining the model status, {}",
            units_en(figures.maintained.total),
            if figures.maintained.total == 1 {
                "is"
            } else {
                "are"
            },
            expected_part_en(&figures.maintained, &criteria)
        )
    };
    let quota = quota_en(figures.quota, &figures.quota_progress);
    let new = if figures.new.total == 0 {
        format!("no ward police unit is newly building it ({quota})")
    } else {
        format!(
            "{} {} newly building it ({quota}), {}",
            units_en(figures.new.total),
            if figures.new.total == 1 { "is" } else { "are" },
            expected_part_en(&figures.new, &criteria)
        )
    };
    let mut paragraph = format!("{opening}{maintained}; {new}.");
    let missing = figures.wards_without_assessment.len();
    if missing > 0 {
        paragraph.push_str(&format!(
            " {} {} no {} self-assessment yet.",
            units_en(missing),
            if missing == 1 { "has" } else { "have" },
            figures.year
        ));
    }
    if figures.conflicts > 0 {
        paragraph.push_str(&format!(
            " These figures are provisional: they depend on {} {} in unresolved conflict.",
            figures.conflicts,
            if figures.conflicts == 1 {
                "value"
            } else {
                "values"
            }
        ));
    }
    paragraph
}

pub mod country;

#[cfg(test)]
mod tests;
