//! The tables the workbook's sheets and the CSV files hold, built from a province's figures and
//! the store they were computed from (for unit names and codes, criterion titles, the requests and
//! action items themselves). One builder per table, so both formats always agree.
//!
//! Rows follow the figures' order: wards in id order (as [`ProvinceFigures::wards`]), criteria in
//! catalogue order, requests by ward then id, action items open first, then by deadline (none
//! last), ward and id — the open ones in exactly the order of [`ProvinceFigures::open_actions`].

use std::collections::BTreeMap;

use crate::assessment::{ActionItem, ActionStatus, AssessmentKey, Track};
use crate::catalogue::Catalogue;
use crate::figures::ProvinceFigures;
use crate::ids::{CriterionId, UnitId};
use crate::store::Store;
use crate::unit::UnitRegistry;

use super::Language;
use super::xlsx::{Cell, Sheet, Style};

/// A column: its title and its width in the workbook (characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The title in the header row.
    pub title: String,
    /// The width in the workbook, in characters of the default font.
    pub width: f64,
}

/// A table: a header row of column titles, then rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, each at most as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(columns: &[(&str, f64)]) -> Table {
        Table {
            columns: columns
                .iter()
                .map(|(title, width)| Column {
                    title: (*title).to_string(),
                    width: *width,
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    /// The column titles.
    pub fn titles(&self) -> Vec<&str> {
        self.columns
            .iter()
            .map(|column| column.title.as_str())
            .collect()
    }

    /// Writes the table into a sheet, from its next row: a bold header, then the rows; sets the
    /// column widths.
    pub fn write_into(&self, sheet: &mut Sheet) {
        sheet.push_header(self.titles());
        for (index, column) in self.columns.iter().enumerate() {
            sheet.set_column_width(index, column.width);
        }
        for row in &self.rows {
            sheet.push_row(row.clone());
        }
    }

    /// A sheet holding only this table, with its header row frozen.
    pub fn to_sheet(&self, name: &str) -> Sheet {
        let mut sheet = Sheet::new(name);
        self.write_into(&mut sheet);
        sheet.freeze_rows(1);
        sheet
    }
}

/// Unit names, codes and middle-level units, looked up once.
struct Units {
    registry: UnitRegistry,
}

impl Units {
    fn new(store: &Store) -> Units {
        Units {
            registry: store.registry(),
        }
    }

    fn name(&self, id: &UnitId) -> String {
        self.registry
            .get(id)
            .map_or_else(|| id.to_string(), |unit| unit.name_vi.clone())
    }

    /// The official code when known, else the unit's id.
    fn code(&self, id: &UnitId) -> String {
        self.registry
            .get(id)
            .and_then(|unit| unit.code.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn middle_name(&self, middle: Option<&UnitId>, language: Language) -> String {
        match middle {
            Some(middle) => self.name(middle),
            None => language
                .pick("Trực thuộc tỉnh", "Directly under the province")
                .to_string(),
        }
    }

    fn middle_of(&self, id: &UnitId) -> Option<UnitId> {
        self.registry.middle_of(id).map(|unit| unit.id.clone())
    }
}

/// The catalogue whose criteria head the matrix: the one the province chose for the year, else
/// the one of the first ward that has figures.
pub fn matrix_catalogue<'a>(figures: &ProvinceFigures, store: &'a Store) -> Option<&'a Catalogue> {
    store
        .year_catalogue(&figures.province, figures.year)
        .and_then(|id| store.catalogue(id))
        .or_else(|| {
            figures
                .wards
                .iter()
                .filter_map(|row| row.figures.as_ref())
                .find_map(|found| store.catalogue(&found.catalogue))
        })
}

/// The criteria the matrix has a column for: the [`matrix_catalogue`]'s, in its order, then any
/// other criterion a ward's catalogue has, in order of first appearance.
pub fn matrix_criteria(figures: &ProvinceFigures, store: &Store) -> Vec<CriterionId> {
    let mut criteria: Vec<CriterionId> = matrix_catalogue(figures, store)
        .map(|catalogue| {
            catalogue
                .criteria()
                .map(|criterion| criterion.id.clone())
                .collect()
        })
        .unwrap_or_default();
    for row in &figures.wards {
        for (criterion, _) in row.figures.iter().flat_map(|found| &found.statuses) {
            if !criteria.contains(criterion) {
                criteria.push(criterion.clone());
            }
        }
    }
    criteria
}

fn track_label(track: Option<&Track>, language: Language) -> String {
    language.label(track.unwrap_or(&Track::None)).to_string()
}

/// The ward × criterion matrix, one row per assessed unit: name, code (official code, else id),
/// middle-level unit, track, the status of each criterion (see [`matrix_criteria`]), then the
/// counts of met, expected, not met and not assessed criteria and whether the ward is complete
/// ("Đạt 20/20") and expected complete ("Dự kiến đạt 20/20"). A unit whose catalogue is unknown
/// has its status and count cells empty.
pub fn matrix(figures: &ProvinceFigures, store: &Store, language: Language) -> Table {
    let units = Units::new(store);
    let criteria = matrix_criteria(figures, store);
    let total = figures.criteria_total.unwrap_or(criteria.len());
    let complete_title = language.pick("Đạt {n}/{n}", "Complete {n}/{n}");
    let expected_title = language.pick("Dự kiến đạt {n}/{n}", "Expected {n}/{n}");
    let fraction = format!("{total}/{total}");
    let mut table = Table::new(&[
        (language.pick("Công an phường", "Ward police"), 34.0),
        (language.pick("Mã", "Code"), 12.0),
        (language.pick("Đơn vị cấp huyện", "Middle-level unit"), 30.0),
        (language.pick("Hướng xây dựng", "Track"), 14.0),
    ]);
    for criterion in &criteria {
        table.columns.push(Column {
            title: criterion.to_string(),
            width: 13.0,
        });
    }
    for (title, width) in [
        (language.pick("Số tiêu chí đạt", "Met"), 10.0),
        (language.pick("Số tiêu chí dự kiến đạt", "Expected"), 10.0),
        (language.pick("Số tiêu chí chưa đạt", "Not met"), 10.0),
        (
            language.pick("Số tiêu chí chưa đánh giá", "Not assessed"),
            10.0,
        ),
        (complete_title, 11.0),
        (expected_title, 11.0),
    ] {
        table.columns.push(Column {
            title: title.replace("{n}/{n}", &fraction),
            width,
        });
    }
    for row in &figures.wards {
        let mut cells = vec![
            Cell::text(row.name_vi.clone()),
            Cell::text(units.code(&row.ward)),
            Cell::text(units.middle_name(row.middle.as_ref(), language)),
            Cell::text(track_label(row.track.as_ref(), language)),
        ];
        match &row.figures {
            Some(found) => {
                let statuses: BTreeMap<&CriterionId, _> = found
                    .statuses
                    .iter()
                    .map(|(criterion, status)| (criterion, status))
                    .collect();
                for criterion in &criteria {
                    cells.push(
                        statuses
                            .get(criterion)
                            .map_or_else(Cell::empty, |status| Cell::text(language.label(*status))),
                    );
                }
                cells.extend([
                    Cell::count(found.counts.met),
                    Cell::count(found.counts.expected),
                    Cell::count(found.counts.not_met),
                    Cell::count(found.counts.not_assessed),
                    Cell::text(language.yes_no(found.complete)),
                    Cell::text(language.yes_no(found.expected_complete)),
                ]);
            }
            None => cells.extend(std::iter::repeat_n(Cell::empty(), criteria.len() + 6)),
        }
        table.rows.push(cells);
    }
    table
}

/// The catalogue's criteria (of [`matrix_catalogue`]): number, id, group, title, and how many
/// wards on a track miss each (neither met nor expected).
pub fn criteria(figures: &ProvinceFigures, store: &Store, language: Language) -> Table {
    let mut table = Table::new(&[
        (language.pick("STT", "No."), 6.0),
        (language.pick("Mã", "Id"), 8.0),
        (language.pick("Nhóm tiêu chí", "Group"), 30.0),
        (language.pick("Tiêu chí", "Criterion"), 60.0),
        (
            language.pick(
                "Số CAP chưa đạt (trong diện)",
                "Wards missing it (on a track)",
            ),
            14.0,
        ),
    ]);
    let Some(catalogue) = matrix_catalogue(figures, store) else {
        return table;
    };
    let mut number = 0;
    for group in &catalogue.groups {
        for criterion in &group.criteria {
            number += 1;
            let missing = figures
                .misses
                .iter()
                .find(|miss| miss.catalogue == catalogue.id && miss.criterion == criterion.id)
                .map_or(0, |miss| miss.wards.len());
            let (group_title, title) = match language {
                Language::En if !criterion.title_en.is_empty() => {
                    (group.title_en.as_str(), criterion.title_en.as_str())
                }
                _ => (group.title_vi.as_str(), criterion.title_vi.as_str()),
            };
            table.rows.push(vec![
                Cell::count(number),
                Cell::text(criterion.id.to_string()),
                Cell::text(group_title).with_style(Style::Wrap),
                Cell::text(title).with_style(Style::Wrap),
                Cell::count(missing),
            ]);
        }
    }
    table
}

/// Every request of the assessed units: ward, category, description, quantity and its unit.
pub fn requests(figures: &ProvinceFigures, store: &Store, language: Language) -> Table {
    let mut table = Table::new(&[
        (language.pick("Công an phường", "Ward police"), 34.0),
        (language.pick("Lĩnh vực", "Category"), 16.0),
        (language.pick("Nội dung kiến nghị", "Request"), 50.0),
        (language.pick("Số lượng", "Quantity"), 10.0),
        (language.pick("Đơn vị tính", "Unit"), 12.0),
    ]);
    for row in &figures.wards {
        let Some(doc) = store.assessment(&AssessmentKey::new(row.ward.clone(), figures.year))
        else {
            continue;
        };
        for request in doc.live_requests() {
            table.rows.push(vec![
                Cell::text(row.name_vi.clone()),
                Cell::text(language.label(&request.category)),
                Cell::text(request.description.clone()).with_style(Style::Wrap),
                Cell::number_or_empty(request.quantity),
                Cell::text(request.unit_label.clone()),
            ]);
        }
    }
    table
}

/// Requests totalled per category (every category, in display order, as
/// [`ProvinceFigures::requests`]): one row per category and unit of measure; the count of requests
/// stands on the category's first row only, so the column adds up to the number of requests.
pub fn request_totals(figures: &ProvinceFigures, language: Language) -> Table {
    let mut table = Table::new(&[
        (language.pick("Lĩnh vực", "Category"), 34.0),
        (language.pick("Số kiến nghị", "Requests"), 16.0),
        (language.pick("Tổng số lượng", "Total quantity"), 50.0),
        (language.pick("Đơn vị tính", "Unit"), 12.0),
    ]);
    for total in &figures.requests {
        let category = Cell::text(language.label(&total.category));
        if total.quantities.is_empty() {
            table.rows.push(vec![
                category,
                Cell::count(total.count),
                Cell::empty(),
                Cell::empty(),
            ]);
            continue;
        }
        for (index, (unit, quantity)) in total.quantities.iter().enumerate() {
            table.rows.push(vec![
                category.clone(),
                if index == 0 {
                    Cell::count(total.count)
                } else {
                    Cell::empty()
                },
                Cell::number(*quantity),
                Cell::text(unit.clone()),
            ]);
        }
    }
    table
}

struct ActionLine<'a> {
    ward: &'a UnitId,
    ward_name: &'a str,
    title: String,
    item: &'a ActionItem,
}

/// Every action item of the assessed units: ward, criterion id and title, task, owner, deadline
/// (dd/mm/yyyy), status and whether it is overdue on the figures' day. Open items come first, in
/// the order of [`ProvinceFigures::open_actions`], then the done ones.
pub fn actions(figures: &ProvinceFigures, store: &Store, language: Language) -> Table {
    let mut table = Table::new(&[
        (language.pick("Công an phường", "Ward police"), 34.0),
        (language.pick("Tiêu chí", "Criterion"), 9.0),
        (language.pick("Tên tiêu chí", "Criterion title"), 36.0),
        (language.pick("Nhiệm vụ", "Task"), 50.0),
        (language.pick("Người thực hiện", "Owner"), 24.0),
        (language.pick("Thời hạn", "Deadline"), 12.0),
        (language.pick("Trạng thái", "Status"), 16.0),
        (language.pick("Quá hạn", "Overdue"), 9.0),
    ]);
    let mut lines: Vec<ActionLine<'_>> = Vec::new();
    for row in &figures.wards {
        let key = AssessmentKey::new(row.ward.clone(), figures.year);
        let Some(doc) = store.assessment(&key) else {
            continue;
        };
        let catalogue = store.catalogue_of(&key);
        for item in doc.live_actions() {
            let title = item
                .criterion
                .as_ref()
                .and_then(|criterion| catalogue.and_then(|found| found.criterion(criterion)))
                .map(|criterion| match language {
                    Language::En if !criterion.title_en.is_empty() => criterion.title_en.clone(),
                    _ => criterion.title_vi.clone(),
                })
                .unwrap_or_default();
            lines.push(ActionLine {
                ward: &row.ward,
                ward_name: &row.name_vi,
                title,
                item,
            });
        }
    }
    lines.sort_by(|left, right| {
        (
            left.item.status != ActionStatus::Open,
            left.item.deadline.is_none(),
            left.item.deadline,
            left.ward,
            &left.item.id,
        )
            .cmp(&(
                right.item.status != ActionStatus::Open,
                right.item.deadline.is_none(),
                right.item.deadline,
                right.ward,
                &right.item.id,
            ))
    });
    for line in lines {
        let item = line.item;
        table.rows.push(vec![
            Cell::text(line.ward_name),
            Cell::text(
                item.criterion
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
            Cell::text(line.title).with_style(Style::Wrap),
            Cell::text(item.task.clone()).with_style(Style::Wrap),
            Cell::text(item.owner.clone()),
            Cell::text(item.deadline.map(|date| date.to_vi()).unwrap_or_default()),
            Cell::text(language.label(&item.status)),
            Cell::text(language.yes_no(item.is_overdue(&figures.today))),
        ]);
    }
    table
}

/// The wards under the province with no assessment for the year: name, code, middle-level unit.
pub fn missing(figures: &ProvinceFigures, store: &Store, language: Language) -> Table {
    let units = Units::new(store);
    let mut table = Table::new(&[
        (language.pick("Công an phường", "Ward police"), 34.0),
        (language.pick("Mã", "Code"), 12.0),
        (language.pick("Đơn vị cấp huyện", "Middle-level unit"), 30.0),
    ]);
    for ward in &figures.wards_without_assessment {
        table.rows.push(vec![
            Cell::text(units.name(ward)),
            Cell::text(units.code(ward)),
            Cell::text(units.middle_name(units.middle_of(ward).as_ref(), language)),
        ]);
    }
    table
}

/// The figures per middle-level unit ([`ProvinceFigures::per_middle`]), then a bold total row for
/// the province: maintained wards (total, expected complete, complete) and new wards (the same).
pub fn per_middle(figures: &ProvinceFigures, language: Language) -> Table {
    let n = figures
        .criteria_total
        .map_or_else(|| "đủ".to_string(), |total| format!("{total}/{total}"));
    let n_en = figures
        .criteria_total
        .map_or_else(|| "all".to_string(), |total| format!("{total}/{total}"));
    let titles = match language {
        Language::Vi => [
            "Đơn vị".to_string(),
            "Duy trì: tổng số".to_string(),
            format!("Duy trì: dự kiến đạt {n}"),
            format!("Duy trì: đạt {n}"),
            "Xây dựng mới: tổng số".to_string(),
            format!("Xây dựng mới: dự kiến đạt {n}"),
            format!("Xây dựng mới: đạt {n}"),
        ],
        Language::En => [
            "Unit".to_string(),
            "Maintained: total".to_string(),
            format!("Maintained: expected {n_en}"),
            format!("Maintained: complete {n_en}"),
            "New: total".to_string(),
            format!("New: expected {n_en}"),
            format!("New: complete {n_en}"),
        ],
    };
    let mut table = Table {
        columns: titles
            .into_iter()
            .enumerate()
            .map(|(index, title)| Column {
                title,
                width: if index == 0 { 34.0 } else { 14.0 },
            })
            .collect(),
        rows: Vec::new(),
    };
    for row in &figures.per_middle {
        let name = match (&row.unit, language) {
            (None, Language::En) => "Directly under the province".to_string(),
            _ => row.name_vi.clone(),
        };
        table.rows.push(vec![
            Cell::text(name),
            Cell::count(row.maintained.total),
            Cell::count(row.maintained.expected_complete),
            Cell::count(row.maintained.complete),
            Cell::count(row.new.total),
            Cell::count(row.new.expected_complete),
            Cell::count(row.new.complete),
        ]);
    }
    table.rows.push(
        [
            Cell::text(language.pick("Toàn tỉnh", "Province total")),
            Cell::count(figures.maintained.total),
            Cell::count(figures.maintained.expected_complete),
            Cell::count(figures.maintained.complete),
            Cell::count(figures.new.total),
            Cell::count(figures.new.expected_complete),
            Cell::count(figures.new.complete),
        ]
        .into_iter()
        .map(Cell::bold)
        .collect(),
    );
    table
}
