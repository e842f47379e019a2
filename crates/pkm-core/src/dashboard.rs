//! The provincial dashboard's data, beyond [`ProvinceFigures`]: which years and parent units can
//! be chosen, figures filtered by track and by parent unit, the ward × criterion matrix, and the
//! headline phrases as the meeting states them.
//!
//! Filtering keeps the meaning of every figure: the province's figures are computed over the
//! assessments that pass the filter (so totals, misses, requests and action items all agree), and
//! the wards without an assessment and the per-unit rows are narrowed to the chosen parent.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::assessment::{AssessmentKey, CriterionStatus, Label, Track};
use crate::date::Date;
use crate::figures::{
    AssessmentFigures, Basis, FiguresError, ProvinceFigures, QuotaProgress, TrackFigures, WardRow,
};
use crate::format;
use crate::ids::{CatalogueId, CriterionId, UnitId};
use crate::register::MvReg;
use crate::store::{AssessmentDoc, Store};
use crate::unit::{UnitKind, UnitRegistry};

/// Which track the dashboard shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackFilter {
    /// Every assessed ward.
    #[default]
    All,
    /// Wards maintaining the model (duy trì).
    Maintain,
    /// Wards newly building it (xây dựng mới).
    New,
}

impl TrackFilter {
    /// The three choices, in display order.
    pub const ALL: [TrackFilter; 3] = [TrackFilter::All, TrackFilter::Maintain, TrackFilter::New];

    /// Whether a ward on `track` passes.
    pub fn admits(&self, track: Option<&Track>) -> bool {
        match self {
            TrackFilter::All => true,
            TrackFilter::Maintain => matches!(track, Some(Track::Maintain { .. })),
            TrackFilter::New => matches!(track, Some(Track::New)),
        }
    }

    /// A stable code (for form values).
    pub fn code(&self) -> &'static str {
        match self {
            TrackFilter::All => "all",
            TrackFilter::Maintain => "maintain",
            TrackFilter::New => "new",
        }
    }

    /// The choice with `code`, [`TrackFilter::All`] for anything unknown.
    pub fn from_code(code: &str) -> TrackFilter {
        TrackFilter::ALL
            .into_iter()
            .find(|filter| filter.code() == code)
            .unwrap_or_default()
    }
}

impl Label for TrackFilter {
    fn label_vi(&self) -> &'static str {
        match self {
            TrackFilter::All => "Tất cả",
            TrackFilter::Maintain => "Duy trì",
            TrackFilter::New => "Xây dựng mới",
        }
    }

    fn label_en(&self) -> &'static str {
        match self {
            TrackFilter::All => "All",
            TrackFilter::Maintain => "Maintain",
            TrackFilter::New => "New",
        }
    }
}

/// The dashboard's filters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DashboardFilter {
    /// The track.
    pub track: TrackFilter,
    /// Only wards under this unit (a middle-level unit); `None` for the whole province.
    pub parent: Option<UnitId>,
}

impl DashboardFilter {
    /// Whether nothing is filtered out.
    pub fn is_all(&self) -> bool {
        self.track == TrackFilter::All && self.parent.is_none()
    }

    fn admits_unit(&self, registry: &UnitRegistry, unit: &UnitId) -> bool {
        self.parent
            .as_ref()
            .is_none_or(|parent| registry.is_within(unit, parent))
    }
}

/// The years for which units under `province` have assessments, newest first. `registry` is the
/// store's ([`Store::registry`], built once by the caller for all it asks).
pub fn assessed_years(store: &Store, registry: &UnitRegistry, province: &UnitId) -> Vec<u16> {
    let years: BTreeSet<u16> = store
        .assessments()
        .keys()
        .filter(|key| &key.unit != province && registry.is_within(&key.unit, province))
        .map(|key| key.year)
        .collect();
    years.into_iter().rev().collect()
}

/// The year a dashboard opens on: the newest assessed year, else the quota or catalogue year
/// nearest below `current_year`, else `current_year`. `registry` is the store's.
pub fn default_year(
    store: &Store,
    registry: &UnitRegistry,
    province: &UnitId,
    current_year: u16,
) -> u16 {
    if let Some(year) = assessed_years(store, registry, province).first() {
        return *year;
    }
    store
        .quotas()
        .iter()
        .filter(|quota| &quota.province == province && quota.year <= current_year)
        .map(|quota| quota.year)
        .max()
        .unwrap_or(current_year)
}

/// The provinces in the registry, by id.
pub fn provinces(store: &Store) -> Vec<(UnitId, String)> {
    // The live units, read in place: no registry is built for a list of a few names.
    store
        .unit_registers()
        .values()
        .filter_map(MvReg::value)
        .filter(|unit| unit.kind == UnitKind::Province)
        .map(|unit| (unit.id.clone(), unit.name_vi.clone()))
        .collect()
}

/// The units the dashboard can be narrowed to: the middle-level units under `province`, in
/// depth-first id order, with their names.
pub fn parent_choices(registry: &UnitRegistry, province: &UnitId) -> Vec<(UnitId, String)> {
    registry
        .descendants(province)
        .into_iter()
        .filter(|unit| unit.kind == UnitKind::Middle)
        .map(|unit| (unit.id.clone(), unit.name_vi.clone()))
        .collect()
}

/// A province's figures over the assessments `filter` admits. `registry` is the store's.
pub fn filtered_figures(
    store: &Store,
    registry: &UnitRegistry,
    province: &UnitId,
    year: u16,
    basis: Basis,
    today: Date,
    filter: &DashboardFilter,
) -> Result<ProvinceFigures, FiguresError> {
    if filter.is_all() {
        return ProvinceFigures::compute_in(store, registry, province, year, basis, today);
    }
    let mut narrowed = store.without_assessments();
    for (key, doc) in store.assessments() {
        if key.year == year
            && filter.admits_unit(registry, &key.unit)
            && filter.track.admits(doc.track_value())
        {
            narrowed.merge_assessment_doc(doc);
        }
    }
    let mut figures =
        ProvinceFigures::compute_in(&narrowed, registry, province, year, basis, today)?;
    if let Some(parent) = &filter.parent {
        figures
            .wards_without_assessment
            .retain(|ward| registry.is_within(ward, parent));
        figures.per_middle.retain(|row| {
            row.unit.as_ref().is_some_and(|unit| {
                registry.is_within(unit, parent) || registry.is_within(parent, unit)
            })
        });
    }
    Ok(figures)
}

/// "14/16" style: of `total`, how many.
pub fn ratio(part: usize, total: usize) -> String {
    format!("{part}/{total}")
}

/// The quota line in Vietnamese: "Chỉ tiêu Bộ giao: 4 — vượt 100%".
pub fn quota_line_vi(figures: &ProvinceFigures) -> String {
    match (figures.quota, &figures.quota_progress) {
        (None, _) | (_, QuotaProgress::NoQuota) => "Chưa có chỉ tiêu Bộ giao".to_string(),
        (Some(_), QuotaProgress::ZeroQuota) => "Bộ không giao chỉ tiêu".to_string(),
        (Some(quota), QuotaProgress::Exceeded { percent }) => format!(
            "Chỉ tiêu Bộ giao: {quota} — vượt {}",
            format::percent_vi(*percent, 1)
        ),
        (Some(quota), QuotaProgress::Reached) => {
            format!("Chỉ tiêu Bộ giao: {quota} — đạt 100%")
        }
        (
            Some(quota),
            QuotaProgress::Short {
                missing,
                percent_of_quota,
            },
        ) => format!(
            "Chỉ tiêu Bộ giao: {quota} — đạt {}, còn thiếu {missing}",
            format::percent_vi(*percent_of_quota, 1)
        ),
    }
}

/// The quota line in English: "Ministry quota: 4 — exceeded by 100%".
pub fn quota_line_en(figures: &ProvinceFigures) -> String {
    match (figures.quota, &figures.quota_progress) {
        (None, _) | (_, QuotaProgress::NoQuota) => "No Ministry quota recorded".to_string(),
        (Some(_), QuotaProgress::ZeroQuota) => "No new wards asked by the Ministry".to_string(),
        (Some(quota), QuotaProgress::Exceeded { percent }) => format!(
            "Ministry quota: {quota} — exceeded by {}",
            format::percent_en(*percent, 1)
        ),
        (Some(quota), QuotaProgress::Reached) => format!("Ministry quota: {quota} — 100% reached"),
        (
            Some(quota),
            QuotaProgress::Short {
                missing,
                percent_of_quota,
            },
        ) => format!(
            "Ministry quota: {quota} — {} reached, {missing} short",
            format::percent_en(*percent_of_quota, 1)
        ),
    }
}

/// The headline of one track as the meeting states it, in Vietnamese: "16 Công an phường; dự
/// kiến đạt 20/20: 14/16; đã đạt 20/20: 8/16".
pub fn track_line_vi(track: &TrackFigures, criteria_total: Option<usize>) -> String {
    let full = criteria_total.map_or_else(|| "đủ tiêu chí".to_string(), |n| format!("{n}/{n}"));
    format!(
        "{} Công an phường; dự kiến đạt {full}: {}; đã đạt {full}: {}",
        track.total,
        ratio(track.expected_complete, track.total),
        ratio(track.complete, track.total)
    )
}

/// The same in English.
pub fn track_line_en(track: &TrackFigures, criteria_total: Option<usize>) -> String {
    let full = criteria_total.map_or_else(|| "all".to_string(), |n| format!("{n}/{n}"));
    format!(
        "{} ward police units; expected {full}: {}; already {full}: {}",
        track.total,
        ratio(track.expected_complete, track.total),
        ratio(track.complete, track.total)
    )
}

/// A column of the matrix: one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixColumn {
    /// The criterion.
    pub criterion: CriterionId,
    /// Its 1-based number.
    pub number: usize,
    /// Its Vietnamese title.
    pub title_vi: String,
    /// Its English title (may be empty).
    pub title_en: String,
}

/// One cell: a ward's status on a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixCell {
    /// The status on the figures' basis; `None` when the ward's catalogue lacks the criterion.
    pub status: Option<CriterionStatus>,
    /// The reviewer disputed it.
    pub disputed: bool,
    /// The ward's value is in conflict (the provisional winner is shown).
    pub in_conflict: bool,
}

impl MatrixCell {
    /// A short mark that reads without colour: "Đ" (đạt), "DK" (dự kiến đạt), "CĐ" (chưa đạt),
    /// "–" (chưa đánh giá), "" (no such criterion).
    pub fn mark_vi(&self) -> &'static str {
        match self.status {
            Some(CriterionStatus::Met) => "Đ",
            Some(CriterionStatus::Expected) => "DK",
            Some(CriterionStatus::NotMet) => "CĐ",
            Some(CriterionStatus::NotAssessed) => "–",
            None => "",
        }
    }

    /// The same in English: "M", "E", "N", "–".
    pub fn mark_en(&self) -> &'static str {
        match self.status {
            Some(CriterionStatus::Met) => "M",
            Some(CriterionStatus::Expected) => "E",
            Some(CriterionStatus::NotMet) => "N",
            Some(CriterionStatus::NotAssessed) => "–",
            None => "",
        }
    }

    /// A stable code of the status for styling: `met`, `expected`, `not-met`, `not-assessed`,
    /// `none`.
    pub fn code(&self) -> &'static str {
        match self.status {
            Some(CriterionStatus::Met) => "met",
            Some(CriterionStatus::Expected) => "expected",
            Some(CriterionStatus::NotMet) => "not-met",
            Some(CriterionStatus::NotAssessed) => "not-assessed",
            None => "none",
        }
    }
}

/// One row of the matrix: a ward.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixRow {
    /// The ward.
    pub ward: UnitId,
    /// Its name.
    pub name_vi: String,
    /// Its middle-level unit's name (empty when directly under the province).
    pub middle_vi: String,
    /// Its track.
    pub track: Option<Track>,
    /// One cell per column.
    pub cells: Vec<MatrixCell>,
    /// Criteria met.
    pub met: usize,
    /// Criteria met or expected.
    pub met_or_expected: usize,
    /// Criteria in its catalogue.
    pub total: usize,
}

/// The ward × criterion matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    /// The catalogue whose criteria are the columns (the one most wards use).
    pub catalogue: Option<CatalogueId>,
    /// The columns.
    pub columns: Vec<MatrixColumn>,
    /// The rows: wards by middle-level unit (id order, wards directly under the province last),
    /// maintained before new, then by name.
    pub rows: Vec<MatrixRow>,
}

impl Matrix {
    /// Builds the matrix of the wards in `figures` (unknown catalogues are left out);
    /// `registry` is the store's.
    pub fn build(figures: &ProvinceFigures, store: &Store, registry: &UnitRegistry) -> Matrix {
        let catalogue_id = most_used_catalogue(figures);
        let columns = columns_of(store, catalogue_id.as_ref());
        let mut rows: Vec<PlacedRow> = figures
            .wards
            .iter()
            .filter_map(|row| {
                let ward = row.figures.as_ref()?;
                let doc = conflicts_source(figures, store, catalogue_id.as_ref(), row, ward);
                Some(PlacedRow::new(
                    row,
                    ward,
                    cells_of(ward, &columns, doc),
                    registry,
                ))
            })
            .collect();
        rows.sort_by(PlacedRow::order);
        Matrix {
            catalogue: catalogue_id,
            columns,
            rows: rows.into_iter().map(|placed| placed.row).collect(),
        }
    }
}

/// The catalogue most wards in `figures` use (of two used as often, the smaller id).
fn most_used_catalogue(figures: &ProvinceFigures) -> Option<CatalogueId> {
    let mut uses: BTreeMap<&CatalogueId, usize> = BTreeMap::new();
    for row in &figures.wards {
        if let Some(ward) = &row.figures {
            *uses.entry(&ward.catalogue).or_default() += 1;
        }
    }
    uses.iter()
        .max_by(|left, right| left.1.cmp(right.1).then(right.0.cmp(left.0)))
        .map(|(id, _)| (*id).clone())
}

/// One column per criterion of the catalogue, in its order; none when it is unknown.
fn columns_of(store: &Store, catalogue_id: Option<&CatalogueId>) -> Vec<MatrixColumn> {
    catalogue_id
        .and_then(|id| store.catalogue(id))
        .map(|catalogue| {
            catalogue
                .criteria()
                .enumerate()
                .map(|(index, criterion)| MatrixColumn {
                    criterion: criterion.id.clone(),
                    number: index + 1,
                    title_vi: criterion.title_vi.clone(),
                    title_en: criterion.title_en.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The ward's document, to tell which of its cells are in conflict. A ward on the columns'
/// catalogue with no value in conflict (nearly every one) has no cell in conflict: its document
/// is not looked at.
fn conflicts_source<'a>(
    figures: &ProvinceFigures,
    store: &'a Store,
    catalogue_id: Option<&CatalogueId>,
    row: &WardRow,
    ward: &AssessmentFigures,
) -> Option<&'a AssessmentDoc> {
    let same_catalogue = catalogue_id == Some(&ward.catalogue);
    if same_catalogue && ward.conflicts == 0 {
        None
    } else {
        store.assessment(&AssessmentKey::new(row.ward.clone(), figures.year))
    }
}

/// A ward's cells, one per column; `doc` tells which are in conflict (none without it).
fn cells_of(
    ward: &AssessmentFigures,
    columns: &[MatrixColumn],
    doc: Option<&AssessmentDoc>,
) -> Vec<MatrixCell> {
    columns
        .iter()
        .enumerate()
        .map(|(index, column)| MatrixCell {
            status: status_in_column(ward, index, column),
            disputed: ward.disputed.contains(&column.criterion),
            in_conflict: doc.is_some_and(|doc| {
                doc.criteria()
                    .get(&column.criterion)
                    .is_some_and(|register| register.is_conflict())
            }),
        })
        .collect()
}

/// The ward's status on the criterion of the column at `index`; `None` when its catalogue lacks
/// the criterion.
fn status_in_column(
    ward: &AssessmentFigures,
    index: usize,
    column: &MatrixColumn,
) -> Option<CriterionStatus> {
    // The statuses are in catalogue order: on the columns' catalogue the column's own index
    // holds it.
    match ward.statuses.get(index) {
        Some((id, status)) if id == &column.criterion => Some(*status),
        _ => ward
            .statuses
            .iter()
            .find(|(id, _)| id == &column.criterion)
            .map(|(_, status)| *status),
    }
}

/// A matrix row with what places it among the others.
struct PlacedRow {
    /// Its middle-level unit's id, empty when directly under the province.
    middle: String,
    /// Maintained 0, new 1, no track 2.
    track_order: u8,
    /// Its name folded to ASCII.
    folded_name: String,
    /// The row.
    row: MatrixRow,
}

impl PlacedRow {
    /// The row of a ward with figures `ward` and cells `cells`; `registry` names its
    /// middle-level unit.
    fn new(
        row: &WardRow,
        ward: &AssessmentFigures,
        cells: Vec<MatrixCell>,
        registry: &UnitRegistry,
    ) -> PlacedRow {
        let middle_vi = row
            .middle
            .as_ref()
            .and_then(|middle| registry.get(middle))
            .map(|unit| unit.name_vi.clone())
            .unwrap_or_default();
        let track_order = match row.track {
            Some(Track::Maintain { .. }) => 0,
            Some(Track::New) => 1,
            _ => 2,
        };
        PlacedRow {
            middle: row
                .middle
                .as_ref()
                .map(|middle| middle.as_str().to_string())
                .unwrap_or_default(),
            track_order,
            folded_name: crate::ascii_text::fold(&row.name_vi),
            row: MatrixRow {
                ward: row.ward.clone(),
                name_vi: row.name_vi.clone(),
                middle_vi,
                track: row.track,
                cells,
                met: ward.counts.met,
                met_or_expected: ward.counts.met + ward.counts.expected,
                total: ward.total,
            },
        }
    }

    /// By middle-level unit (wards directly under the province, with no middle id, last), track,
    /// folded name, then ward id.
    fn order(left: &PlacedRow, right: &PlacedRow) -> std::cmp::Ordering {
        (
            left.middle.is_empty(),
            &left.middle,
            left.track_order,
            &left.folded_name,
            &left.row.ward,
        )
            .cmp(&(
                right.middle.is_empty(),
                &right.middle,
                right.track_order,
                &right.folded_name,
                &right.row.ward,
            ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn nghe_an() -> (fixtures::ProvinceFixture, Store) {
        let fixture = fixtures::nghe_an_2024(11).unwrap();
        let store = fixtures::merged_store(&fixture).unwrap();
        (fixture, store)
    }

    #[test]
    fn years_provinces_and_parents_come_from_the_store() {
        let (fixture, store) = nghe_an();
        let registry = store.registry();
        assert_eq!(assessed_years(&store, &registry, &fixture.province), [2024]);
        assert_eq!(
            default_year(&store, &registry, &fixture.province, 2026),
            2024
        );
        let empty = Store::new();
        assert_eq!(
            default_year(&empty, &empty.registry(), &fixture.province, 2026),
            2026
        );
        assert_eq!(
            provinces(&store),
            [(fixture.province.clone(), "Công an tỉnh Nghệ An".to_string())]
        );
        let parents = parent_choices(&store.registry(), &fixture.province);
        assert_eq!(parents.len(), 4);
        assert!(
            parents
                .iter()
                .any(|(_, name)| name == "Công an thành phố Vinh")
        );
    }

    #[test]
    fn an_unfiltered_dashboard_is_the_province_figures() {
        let (fixture, store) = nghe_an();
        let all = filtered_figures(
            &store,
            &store.registry(),
            &fixture.province,
            2024,
            Basis::SelfAssessed,
            fixture.today,
            &DashboardFilter::default(),
        )
        .unwrap();
        assert_eq!(
            all,
            ProvinceFigures::compute(
                &store,
                &fixture.province,
                2024,
                Basis::SelfAssessed,
                fixture.today
            )
            .unwrap()
        );
        assert_eq!(
            track_line_vi(&all.maintained, all.criteria_total),
            "16 Công an phường; dự kiến đạt 20/20: 14/16; đã đạt 20/20: 8/16"
        );
        assert_eq!(
            track_line_en(&all.new, all.criteria_total),
            "8 ward police units; expected 20/20: 7/8; already 20/20: 2/8"
        );
        assert_eq!(quota_line_vi(&all), "Chỉ tiêu Bộ giao: 4 — vượt 100%");
        assert_eq!(quota_line_en(&all), "Ministry quota: 4 — exceeded by 100%");
    }

    #[test]
    fn filters_narrow_every_figure_consistently() {
        let (fixture, store) = nghe_an();
        let vinh = UnitId::new("na-vinh").unwrap();
        let filter = DashboardFilter {
            track: TrackFilter::New,
            parent: Some(vinh.clone()),
        };
        let figures = filtered_figures(
            &store,
            &store.registry(),
            &fixture.province,
            2024,
            Basis::SelfAssessed,
            fixture.today,
            &filter,
        )
        .unwrap();
        // Vinh has 3 new wards: Đông Vĩnh, Quán Bàu, Trung Đô (all expected to reach 20/20).
        assert_eq!(figures.new.total, 3);
        assert_eq!(figures.new.expected_complete, 3);
        assert_eq!(figures.maintained.total, 0);
        assert_eq!(figures.wards.len(), 3);
        assert_eq!(figures.per_middle.len(), 1);
        assert_eq!(figures.per_middle[0].unit.as_ref(), Some(&vinh));
        assert!(
            figures
                .open_actions
                .iter()
                .all(|row| row.ward.as_str().starts_with("na-vinh-"))
        );
        let maintained = filtered_figures(
            &store,
            &store.registry(),
            &fixture.province,
            2024,
            Basis::SelfAssessed,
            fixture.today,
            &DashboardFilter {
                track: TrackFilter::Maintain,
                parent: None,
            },
        )
        .unwrap();
        assert_eq!(
            (
                maintained.maintained.total,
                maintained.maintained.expected_complete
            ),
            (16, 14)
        );
        assert_eq!(maintained.new.total, 0);
        assert_eq!(maintained.per_middle.len(), 4);
        assert_eq!(TrackFilter::from_code("new"), TrackFilter::New);
        assert_eq!(TrackFilter::from_code("?"), TrackFilter::All);
    }

    #[test]
    fn the_matrix_has_a_row_per_ward_and_a_column_per_criterion() {
        let (fixture, store) = nghe_an();
        let figures = ProvinceFigures::compute(
            &store,
            &fixture.province,
            2024,
            Basis::SelfAssessed,
            fixture.today,
        )
        .unwrap();
        let matrix = Matrix::build(&figures, &store, &store.registry());
        assert_eq!(matrix.columns.len(), 20);
        assert_eq!(matrix.columns[5].number, 6);
        assert_eq!(matrix.rows.len(), 24);
        // Grouped by middle-level unit (in id order, as the per-unit table), then maintained
        // before new.
        assert_eq!(matrix.rows[0].middle_vi, "Công an thị xã Cửa Lò");
        assert_eq!(
            matrix.rows.last().unwrap().middle_vi,
            "Công an thành phố Vinh"
        );
        let cua_lo: Vec<&MatrixRow> = matrix
            .rows
            .iter()
            .filter(|row| row.middle_vi == "Công an thị xã Cửa Lò")
            .collect();
        assert!(matches!(cua_lo[0].track, Some(Track::Maintain { .. })));
        assert!(matches!(cua_lo.last().unwrap().track, Some(Track::New)));
        let complete = matrix
            .rows
            .iter()
            .filter(|row| row.met == row.total)
            .count();
        assert_eq!(complete, 10);
        let expected_complete = matrix
            .rows
            .iter()
            .filter(|row| row.met_or_expected == row.total)
            .count();
        assert_eq!(expected_complete, 21);
        for row in &matrix.rows {
            assert_eq!(row.cells.len(), 20);
            let met = row
                .cells
                .iter()
                .filter(|cell| cell.status == Some(CriterionStatus::Met))
                .count();
            assert_eq!(met, row.met);
        }
        let cell = MatrixCell {
            status: Some(CriterionStatus::NotMet),
            disputed: false,
            in_conflict: false,
        };
        assert_eq!(
            (cell.mark_vi(), cell.mark_en(), cell.code()),
            ("CĐ", "N", "not-met")
        );
    }

    #[test]
    fn the_matrix_marks_the_cell_in_conflict_and_no_other() {
        use crate::assessment::CriterionEntry;
        use crate::ids::DeviceId;
        use crate::register::EditContext;
        use crate::version::HlcClock;

        let (fixture, store) = nghe_an();
        let matrix_of = |store: &Store| {
            let figures = ProvinceFigures::compute(
                store,
                &fixture.province,
                2024,
                Basis::SelfAssessed,
                fixture.today,
            )
            .unwrap();
            Matrix::build(&figures, store, &store.registry())
        };
        let before = matrix_of(&store);
        let (row, column) = (5, 2);
        let ward = before.rows[row].ward.clone();
        let criterion = before.columns[column].criterion.clone();
        // Two laptops of the ward set the criterion at the same time.
        let edit = |device: &str| {
            let mut clock = HlcClock::new(DeviceId::new(device).unwrap());
            EditContext::new(clock.tick(1_900_000_000_000), "Đ/c Lan")
        };
        let key = AssessmentKey::new(ward.clone(), 2024);
        let mut on_a = store.clone();
        let mut on_b = store.clone();
        on_a.set_criterion(
            &edit("may-x"),
            &key,
            &criterion,
            CriterionEntry::with_status(CriterionStatus::Met),
        )
        .unwrap();
        on_b.set_criterion(
            &edit("may-y"),
            &key,
            &criterion,
            CriterionEntry::with_status(CriterionStatus::NotMet),
        )
        .unwrap();
        assert_eq!(on_a.merge(&on_b).conflicts_created, 1);
        let after = matrix_of(&on_a);
        let marked: Vec<(UnitId, CriterionId)> = after
            .rows
            .iter()
            .flat_map(|row| {
                row.cells
                    .iter()
                    .zip(&after.columns)
                    .filter(|(cell, _)| cell.in_conflict)
                    .map(|(_, column)| (row.ward.clone(), column.criterion.clone()))
            })
            .collect();
        assert_eq!(marked, [(ward, criterion)]);
        assert!(
            before
                .rows
                .iter()
                .all(|row| row.cells.iter().all(|cell| !cell.in_conflict))
        );
        // Every other row is as it was.
        for (old, new) in before.rows.iter().zip(&after.rows) {
            if old.ward != after.rows[row].ward {
                assert_eq!(old, new);
            }
        }
    }
}
