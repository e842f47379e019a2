//! Lists of units (danh sách đơn vị) typed in a spreadsheet or exported from another system, as
//! CSV or JSON, checked line by line before anything is added to the registry.
//!
//! - **CSV**: a header row, then one unit per row. Separator `,`, `;` or tab (whichever the header
//!   uses; Excel with Vietnamese regional settings writes `;`), fields may be quoted (`"…"`, with
//!   `""` for a quote), a UTF-8 byte order mark is ignored. Column names are matched without case
//!   or diacritics: `id`/`mã`, `code`/`mã hành chính`, `name_vi`/`tên`, `kind`/`loại`/`cấp`,
//!   `parent`/`cấp trên`. Either `id` or `code` is required (without `id`, the code is the id), and
//!   so is the name.
//! - **JSON**: an array of objects, or an object with a `units` array; members `id` (or `code`),
//!   `code`, `name_vi` (or `name`), `kind`, `parent`.
//! - Kinds: `province`/`tỉnh`, `middle`/`huyện`/`quận`/`thị xã`/`thành phố`, `ward`/`phường`,
//!   `commune`/`xã` (with or without "Công an"); an empty kind means a ward.
//! - A parent must be in the list or already in the registry, and must not make a cycle.
//!
//! All problems are collected with their line (CSV) or item number (JSON); a list with any problem
//! is refused as a whole. An accepted list comes back parents first, ready to be added one by one.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::ascii_text::fold;
use crate::bundle::limits::MAX_TEXT_CHARS;
use crate::csv_read;
use crate::ids::{IdError, UnitId};
use crate::unit::{Unit, UnitKind, UnitRegistry};

/// The largest list accepted, in bytes.
pub const MAX_LIST_BYTES: usize = 5 * 1024 * 1024;
/// The most units in one list.
pub const MAX_LIST_UNITS: usize = 20_000;

/// Where in the list a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListPlace {
    /// The whole file.
    File,
    /// A CSV line (1-based, counting the header).
    Line(usize),
    /// A JSON item (1-based).
    Item(usize),
}

impl ListPlace {
    fn prefix_vi(&self) -> String {
        match self {
            ListPlace::File => String::new(),
            ListPlace::Line(line) => format!("Dòng {line}: "),
            ListPlace::Item(item) => format!("Mục thứ {item}: "),
        }
    }

    fn prefix_en(&self) -> String {
        match self {
            ListPlace::File => String::new(),
            ListPlace::Line(line) => format!("Line {line}: "),
            ListPlace::Item(item) => format!("Item {item}: "),
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListProblemKind {
    /// The file is larger than [`MAX_LIST_BYTES`].
    TooLarge {
        /// Its size.
        bytes: usize,
    },
    /// More than [`MAX_LIST_UNITS`] units.
    TooMany {
        /// How many.
        count: usize,
    },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file holds no unit.
    Empty,
    /// The JSON does not parse.
    NotJson {
        /// The parser's line.
        line: usize,
        /// The parser's column.
        column: usize,
    },
    /// The JSON is not a list of units.
    NotAList,
    /// A JSON item is not an object.
    NotAnObject,
    /// The CSV header lacks a required column.
    MissingColumn {
        /// Which (Vietnamese description).
        column: &'static str,
    },
    /// A CSV row has a different number of fields from the header.
    FieldCount {
        /// Fields found.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A quoted CSV field is not closed.
    UnclosedQuote,
    /// A required value is empty.
    MissingValue {
        /// Which (Vietnamese description).
        field: &'static str,
    },
    /// A JSON member has the wrong type.
    NotText {
        /// The member.
        field: &'static str,
    },
    /// The id (or parent id) is not a valid id.
    InvalidId {
        /// The text.
        text: String,
        /// Why.
        error: IdError,
    },
    /// A text is too long.
    TooLong {
        /// Which (Vietnamese description).
        field: &'static str,
    },
    /// The kind is not one of the four.
    UnknownKind {
        /// What was written.
        found: String,
    },
    /// The id appears twice in the list.
    DuplicateId {
        /// The id.
        id: UnitId,
        /// Where it first appears.
        first: ListPlace,
    },
    /// The parent is neither in the list nor in the registry.
    UnknownParent {
        /// The parent id.
        parent: UnitId,
    },
    /// The unit is its own ancestor through the list's parents.
    Cycle {
        /// The unit.
        id: UnitId,
    },
}

/// One problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListProblem {
    /// Where.
    pub place: ListPlace,
    /// What.
    pub kind: ListProblemKind,
}

impl ListProblem {
    fn new(place: ListPlace, kind: ListProblemKind) -> ListProblem {
        ListProblem { place, kind }
    }

    /// The message in Vietnamese, with its line or item.
    pub fn message_vi(&self) -> String {
        let text = match &self.kind {
            ListProblemKind::TooLarge { bytes } => format!(
                "Tệp quá lớn ({} byte, tối đa {} byte).",
                crate::format::int_vi(*bytes as i64),
                crate::format::int_vi(MAX_LIST_BYTES as i64)
            ),
            ListProblemKind::TooMany { count } => format!(
                "Danh sách có {} đơn vị, vượt giới hạn {}.",
                crate::format::int_vi(*count as i64),
                crate::format::int_vi(MAX_LIST_UNITS as i64)
            ),
            ListProblemKind::NotUtf8 => {
                "Tệp không phải văn bản UTF-8; hãy lưu lại từ Excel bằng “CSV UTF-8”.".to_string()
            }
            ListProblemKind::Empty => "Tệp không có đơn vị nào.".to_string(),
            ListProblemKind::NotJson { line, column } => {
                format!("Tệp không phải JSON hợp lệ (lỗi ở dòng {line}, cột {column}).")
            }
            ListProblemKind::NotAList => {
                "Tệp JSON phải là một danh sách đơn vị (mảng) hoặc có trường “units” là danh sách."
                    .to_string()
            }
            ListProblemKind::NotAnObject => {
                "Mỗi đơn vị phải là một đối tượng JSON có mã và tên.".to_string()
            }
            ListProblemKind::MissingColumn { column } => {
                format!("Dòng tiêu đề thiếu cột {column}.")
            }
            ListProblemKind::FieldCount { found, expected } => {
                format!("Có {found} ô, trong khi dòng tiêu đề có {expected} cột.")
            }
            ListProblemKind::UnclosedQuote => "Dấu ngoặc kép mở nhưng không đóng.".to_string(),
            ListProblemKind::MissingValue { field } => format!("Thiếu {field}."),
            ListProblemKind::NotText { field } => {
                format!("Trường “{field}” phải là chuỗi ký tự.")
            }
            ListProblemKind::InvalidId { text, error } => {
                format!("Mã “{text}” không hợp lệ. {}", error.message_vi())
            }
            ListProblemKind::TooLong { field } => {
                format!("{field} dài quá {MAX_TEXT_CHARS} ký tự.")
            }
            ListProblemKind::UnknownKind { found } => format!(
                "Loại đơn vị “{found}” không xác định; dùng: tỉnh, huyện (quận, thị xã, thành phố), phường hoặc xã."
            ),
            ListProblemKind::DuplicateId { id, first } => {
                let first = match first {
                    ListPlace::Line(line) => format!(" (đã có ở dòng {line})"),
                    ListPlace::Item(item) => format!(" (đã có ở mục thứ {item})"),
                    ListPlace::File => String::new(),
                };
                format!("Mã “{id}” bị trùng{first}.")
            }
            ListProblemKind::UnknownParent { parent } => format!(
                "Đơn vị cấp trên “{parent}” không có trong danh sách này cũng như trong danh mục đơn vị."
            ),
            ListProblemKind::Cycle { id } => {
                format!("Đơn vị “{id}” vừa là cấp trên vừa là cấp dưới của chính nó.")
            }
        };
        format!("{}{text}", self.place.prefix_vi())
    }

    /// The message in English, with its line or item.
    pub fn message_en(&self) -> String {
        let text = match &self.kind {
            ListProblemKind::TooLarge { bytes } => {
                format!("The file is too large ({bytes} bytes, at most {MAX_LIST_BYTES}).")
            }
            ListProblemKind::TooMany { count } => {
                format!("The list has {count} units, more than {MAX_LIST_UNITS}.")
            }
            ListProblemKind::NotUtf8 => {
                "The file is not UTF-8 text; save it from Excel as “CSV UTF-8”.".to_string()
            }
            ListProblemKind::Empty => "The file holds no unit.".to_string(),
            ListProblemKind::NotJson { line, column } => {
                format!("The file is not valid JSON (error at line {line}, column {column}).")
            }
            ListProblemKind::NotAList => {
                "The JSON must be a list of units (an array) or have a “units” array.".to_string()
            }
            ListProblemKind::NotAnObject => {
                "Each unit must be a JSON object with an id and a name.".to_string()
            }
            ListProblemKind::MissingColumn { column } => {
                format!("The header lacks the column {}.", column_en(column))
            }
            ListProblemKind::FieldCount { found, expected } => {
                format!("{found} fields where the header has {expected} columns.")
            }
            ListProblemKind::UnclosedQuote => "A quoted field is not closed.".to_string(),
            ListProblemKind::MissingValue { field } => {
                format!("Missing {}.", column_en(field))
            }
            ListProblemKind::NotText { field } => format!("Member “{field}” must be a string."),
            ListProblemKind::InvalidId { text, error } => {
                format!("Id “{text}” is invalid. {}", error.message_en())
            }
            ListProblemKind::TooLong { field } => {
                format!(
                    "{} is longer than {MAX_TEXT_CHARS} characters.",
                    column_en(field)
                )
            }
            ListProblemKind::UnknownKind { found } => {
                format!("Unknown unit kind “{found}”; use province, middle, ward or commune.")
            }
            ListProblemKind::DuplicateId { id, .. } => format!("Id “{id}” appears twice."),
            ListProblemKind::UnknownParent { parent } => {
                format!("Parent “{parent}” is neither in this list nor in the registry.")
            }
            ListProblemKind::Cycle { id } => format!("Unit “{id}” is its own ancestor."),
        };
        format!("{}{text}", self.place.prefix_en())
    }
}

const COL_ID: &str = "mã đơn vị (id)";
const COL_NAME: &str = "tên đơn vị (name_vi)";
const COL_KIND: &str = "loại đơn vị (kind)";
const COL_CODE: &str = "mã hành chính (code)";

fn column_en(column: &str) -> &'static str {
    match column {
        COL_ID => "the unit id (id)",
        COL_NAME => "the unit name (name_vi)",
        COL_KIND => "the unit kind (kind)",
        COL_CODE => "the administrative code (code)",
        _ => "a parent id (parent)",
    }
}

/// A unit as read, before the cross-checks.
#[derive(Debug, Clone)]
struct RawUnit {
    place: ListPlace,
    id: Option<String>,
    code: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    parent: Option<String>,
}

/// Which column a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Code,
    Name,
    Kind,
    Parent,
}

fn column_of(header: &str) -> Option<Column> {
    let folded: String = fold(header)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    match folded.as_str() {
        "id" | "ma" | "madonvi" | "unitid" | "madinhdanh" => Some(Column::Id),
        "code" | "mahanhchinh" | "madvhc" | "madonvihanhchinh" | "adminicode" | "admincode" => {
            Some(Column::Code)
        }
        "namevi" | "name" | "ten" | "tendonvi" => Some(Column::Name),
        "kind" | "loai" | "cap" | "loaidonvi" => Some(Column::Kind),
        "parent" | "parentid" | "captren" | "macaptren" | "donvicaptren" => Some(Column::Parent),
        _ => None,
    }
}

/// Parses a unit kind written in English or Vietnamese, with or without diacritics and "Công an".
pub fn parse_kind(text: &str) -> Option<UnitKind> {
    let folded = fold(text);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words: &[&str] = match words.as_slice() {
        ["cong", "an", rest @ ..] => rest,
        all => all,
    };
    match words.join(" ").as_str() {
        "province" | "tinh" | "tinh thanh pho" | "thanh pho truc thuoc trung uong" => {
            Some(UnitKind::Province)
        }
        "middle" | "district" | "huyen" | "quan" | "thi xa" | "thanh pho" | "cap huyen"
        | "quan huyen" => Some(UnitKind::Middle),
        "ward" | "phuong" | "" => Some(UnitKind::Ward),
        "commune" | "xa" | "thi tran" => Some(UnitKind::Commune),
        _ => None,
    }
}

/// Reads a unit list (CSV or JSON; see the module docs) and checks it against `registry`.
/// `file_name` decides the format by its extension (`.json` or anything else as CSV), falling
/// back on the first character when the extension says nothing.
pub fn parse_unit_list(
    file_name: &str,
    bytes: &[u8],
    registry: &UnitRegistry,
) -> Result<Vec<Unit>, Vec<ListProblem>> {
    let file_problem = |kind| vec![ListProblem::new(ListPlace::File, kind)];
    if bytes.len() > MAX_LIST_BYTES {
        return Err(file_problem(ListProblemKind::TooLarge {
            bytes: bytes.len(),
        }));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| file_problem(ListProblemKind::NotUtf8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lower = file_name.to_ascii_lowercase();
    let is_json = lower.ends_with(".json")
        || (!lower.ends_with(".csv") && !lower.ends_with(".txt") && {
            let first = text.trim_start().chars().next();
            matches!(first, Some('[') | Some('{'))
        });
    let (raw, mut problems) = if is_json {
        read_json(text)?
    } else {
        read_csv(text)?
    };
    if raw.is_empty() && problems.is_empty() {
        return Err(file_problem(ListProblemKind::Empty));
    }
    if raw.len() > MAX_LIST_UNITS {
        return Err(file_problem(ListProblemKind::TooMany { count: raw.len() }));
    }
    let units = check_units(raw, registry, &mut problems);
    if problems.is_empty() {
        Ok(parents_first(units, registry))
    } else {
        problems.sort_by_key(|problem| problem.place);
        Err(problems)
    }
}

fn text_of(
    item: &serde_json::Map<String, Value>,
    names: &[&'static str],
    place: ListPlace,
    problems: &mut Vec<ListProblem>,
) -> Option<String> {
    for name in names {
        match item.get(*name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(text)) => return Some(text.clone()),
            Some(Value::Number(number)) => return Some(number.to_string()),
            Some(_) => {
                problems.push(ListProblem::new(
                    place,
                    ListProblemKind::NotText { field: name },
                ));
                return None;
            }
        }
    }
    None
}

type ReadResult = Result<(Vec<RawUnit>, Vec<ListProblem>), Vec<ListProblem>>;

fn read_json(text: &str) -> ReadResult {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        vec![ListProblem::new(
            ListPlace::File,
            ListProblemKind::NotJson {
                line: error.line(),
                column: error.column(),
            },
        )]
    })?;
    let items = match &value {
        Value::Array(items) => items,
        Value::Object(members) => match members.get("units") {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(vec![ListProblem::new(
                    ListPlace::File,
                    ListProblemKind::NotAList,
                )]);
            }
        },
        _ => {
            return Err(vec![ListProblem::new(
                ListPlace::File,
                ListProblemKind::NotAList,
            )]);
        }
    };
    let mut problems = Vec::new();
    let mut raw = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let place = ListPlace::Item(index + 1);
        let Value::Object(item) = item else {
            problems.push(ListProblem::new(place, ListProblemKind::NotAnObject));
            continue;
        };
        raw.push(RawUnit {
            place,
            id: text_of(item, &["id"], place, &mut problems),
            code: text_of(item, &["code"], place, &mut problems),
            name: text_of(item, &["name_vi", "name"], place, &mut problems),
            kind: text_of(item, &["kind"], place, &mut problems),
            parent: text_of(item, &["parent"], place, &mut problems),
        });
    }
    Ok((raw, problems))
}

/// Splits CSV text into records, an unclosed quote as the list's problem.
fn csv_records(text: &str, separator: char) -> Result<Vec<csv_read::Record>, ListProblem> {
    csv_read::records(text, separator).map_err(|unclosed| {
        ListProblem::new(
            ListPlace::Line(unclosed.line),
            ListProblemKind::UnclosedQuote,
        )
    })
}

fn read_csv(text: &str) -> ReadResult {
    let header_line = text.lines().find(|line| !line.trim().is_empty());
    let Some(header_line) = header_line else {
        return Err(vec![ListProblem::new(
            ListPlace::File,
            ListProblemKind::Empty,
        )]);
    };
    let separator = csv_read::separator_of(header_line);
    let records = csv_records(text, separator).map_err(|problem| vec![problem])?;
    let Some(((header_at, header), rows)) = records.split_first() else {
        return Err(vec![ListProblem::new(
            ListPlace::File,
            ListProblemKind::Empty,
        )]);
    };
    let columns: Vec<Option<Column>> = header.iter().map(|name| column_of(name)).collect();
    let position = |wanted: Column| columns.iter().position(|column| *column == Some(wanted));
    let (id_at, code_at, name_at) = (
        position(Column::Id),
        position(Column::Code),
        position(Column::Name),
    );
    let mut missing = Vec::new();
    if id_at.is_none() && code_at.is_none() {
        missing.push(COL_ID);
    }
    if name_at.is_none() {
        missing.push(COL_NAME);
    }
    if !missing.is_empty() {
        return Err(missing
            .into_iter()
            .map(|column| {
                ListProblem::new(
                    ListPlace::Line(*header_at),
                    ListProblemKind::MissingColumn { column },
                )
            })
            .collect());
    }
    let (kind_at, parent_at) = (position(Column::Kind), position(Column::Parent));
    let mut problems = Vec::new();
    let mut raw = Vec::with_capacity(rows.len());
    for (line, fields) in rows {
        let place = ListPlace::Line(*line);
        if fields.len() != header.len() {
            problems.push(ListProblem::new(
                place,
                ListProblemKind::FieldCount {
                    found: fields.len(),
                    expected: header.len(),
                },
            ));
            continue;
        }
        let get = |at: Option<usize>| at.and_then(|at| fields.get(at)).cloned();
        raw.push(RawUnit {
            place,
            id: get(id_at),
            code: get(code_at),
            name: get(name_at),
            kind: get(kind_at),
            parent: get(parent_at),
        });
    }
    Ok((raw, problems))
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}

fn check_units(
    raw: Vec<RawUnit>,
    registry: &UnitRegistry,
    problems: &mut Vec<ListProblem>,
) -> Vec<(ListPlace, Unit)> {
    let mut units: Vec<(ListPlace, Unit)> = Vec::new();
    let mut seen: BTreeMap<UnitId, ListPlace> = BTreeMap::new();
    for raw in raw {
        let place = raw.place;
        let unit = match check_row(raw) {
            Ok(unit) => unit,
            Err(kind) => {
                problems.push(ListProblem::new(place, kind));
                continue;
            }
        };
        if let Some(first) = seen.get(&unit.id) {
            let kind = ListProblemKind::DuplicateId {
                id: unit.id,
                first: *first,
            };
            problems.push(ListProblem::new(place, kind));
            continue;
        }
        seen.insert(unit.id.clone(), place);
        units.push((place, unit));
    }
    check_parents(&units, registry, problems);
    units
}

/// One row of the list on its own: an id (or the code), a name, a kind, a parent id; the first
/// problem found, if any.
fn check_row(raw: RawUnit) -> Result<Unit, ListProblemKind> {
    let code = non_empty(raw.code);
    let id_text = non_empty(raw.id)
        .or_else(|| code.clone())
        .ok_or(ListProblemKind::MissingValue { field: COL_ID })?;
    let id = UnitId::new(id_text.clone()).map_err(|error| ListProblemKind::InvalidId {
        text: id_text,
        error,
    })?;
    let name = non_empty(raw.name).ok_or(ListProblemKind::MissingValue { field: COL_NAME })?;
    if name.chars().count() > MAX_TEXT_CHARS {
        return Err(ListProblemKind::TooLong { field: COL_NAME });
    }
    if code
        .as_ref()
        .is_some_and(|code| code.chars().count() > MAX_TEXT_CHARS)
    {
        return Err(ListProblemKind::TooLong { field: COL_CODE });
    }
    let kind_text = non_empty(raw.kind).unwrap_or_default();
    let kind = parse_kind(&kind_text).ok_or(ListProblemKind::UnknownKind { found: kind_text })?;
    let parent = match non_empty(raw.parent) {
        None => None,
        Some(text) => Some(
            UnitId::new(text.clone())
                .map_err(|error| ListProblemKind::InvalidId { text, error })?,
        ),
    };
    Ok(Unit {
        id,
        code,
        name_vi: name,
        kind,
        parent,
        attachment_limits: None,
    })
}

/// Parents: in the list or in the registry; no cycle through the list's parents.
fn check_parents(
    units: &[(ListPlace, Unit)],
    registry: &UnitRegistry,
    problems: &mut Vec<ListProblem>,
) {
    let listed: BTreeMap<&UnitId, &Unit> = units.iter().map(|(_, unit)| (&unit.id, unit)).collect();
    for (place, unit) in units {
        let Some(parent) = &unit.parent else {
            continue;
        };
        if !listed.contains_key(parent) && registry.get(parent).is_none() {
            problems.push(ListProblem::new(
                *place,
                ListProblemKind::UnknownParent {
                    parent: parent.clone(),
                },
            ));
            continue;
        }
        let mut seen = BTreeSet::from([&unit.id]);
        let mut current = Some(parent);
        while let Some(next) = current {
            if !seen.insert(next) {
                if next == &unit.id {
                    problems.push(ListProblem::new(
                        *place,
                        ListProblemKind::Cycle {
                            id: unit.id.clone(),
                        },
                    ));
                }
                break;
            }
            current = match listed.get(next) {
                Some(listed) => listed.parent.as_ref(),
                None => registry.get(next).and_then(|unit| unit.parent.as_ref()),
            };
        }
    }
}

/// Orders units so that each comes after its parent when the parent is in the list.
fn parents_first(units: Vec<(ListPlace, Unit)>, registry: &UnitRegistry) -> Vec<Unit> {
    let mut placed: BTreeSet<UnitId> = BTreeSet::new();
    let mut pending: Vec<Unit> = units.into_iter().map(|(_, unit)| unit).collect();
    let listed: BTreeSet<UnitId> = pending.iter().map(|unit| unit.id.clone()).collect();
    let mut ordered = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let (ready, waiting): (Vec<Unit>, Vec<Unit>) = pending.into_iter().partition(|unit| {
            unit.parent.as_ref().is_none_or(|parent| {
                placed.contains(parent)
                    || (!listed.contains(parent) && registry.get(parent).is_some())
            })
        });
        if ready.is_empty() {
            // Only reachable with a cycle, which the checks refuse; keep the rest as they are.
            ordered.extend(waiting);
            break;
        }
        for unit in &ready {
            placed.insert(unit.id.clone());
        }
        ordered.extend(ready);
        pending = waiting;
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> UnitRegistry {
        UnitRegistry::new([Unit {
            id: UnitId::new("na").unwrap(),
            code: Some("40".into()),
            name_vi: "Công an tỉnh Nghệ An".into(),
            kind: UnitKind::Province,
            parent: None,
            attachment_limits: None,
        }])
    }

    fn ids(units: &[Unit]) -> Vec<&str> {
        units.iter().map(|unit| unit.id.as_str()).collect()
    }

    #[test]
    fn a_semicolon_csv_from_excel_with_vietnamese_headers_reads_parents_first() {
        let text = "\u{feff}Mã;Mã hành chính;Tên đơn vị;Loại;Cấp trên\r\n\
                    na-vinh-le-mao;16681;\"Công an phường Lê Mao\";phường;na-vinh\r\n\
                    na-vinh;412;Công an thành phố Vinh;Công an thành phố;na\r\n\
                    \r\n";
        let units = parse_unit_list("ds.csv", text.as_bytes(), &registry()).unwrap();
        assert_eq!(ids(&units), ["na-vinh", "na-vinh-le-mao"]);
        assert_eq!(units[1].name_vi, "Công an phường Lê Mao");
        assert_eq!(units[1].code.as_deref(), Some("16681"));
        assert_eq!(units[1].kind, UnitKind::Ward);
        assert_eq!(units[0].kind, UnitKind::Middle);
        assert_eq!(units[0].parent, Some(UnitId::new("na").unwrap()));
    }

    #[test]
    fn quoted_fields_keep_commas_quotes_and_newlines() {
        let text = "id,name_vi,kind,parent\nw1,\"Phường \"\"A\"\", mới\nghép\",ward,na\n";
        let units = parse_unit_list("x.csv", text.as_bytes(), &registry()).unwrap();
        assert_eq!(units[0].name_vi, "Phường \"A\", mới\nghép");
    }

    #[test]
    fn without_an_id_column_the_code_is_the_id_and_kind_defaults_to_ward() {
        let text = "code,name\n26734,Công an phường Hưng Dũng\n";
        let units = parse_unit_list("x.csv", text.as_bytes(), &registry()).unwrap();
        assert_eq!(ids(&units), ["26734"]);
        assert_eq!(units[0].kind, UnitKind::Ward);
        assert_eq!(units[0].parent, None);
    }

    #[test]
    fn every_bad_line_is_reported_in_vietnamese_with_its_number() {
        let text = "id,name_vi,kind,parent\n\
                    w1,Phường 1,ward,na\n\
                    w 2,Phường 2,ward,na\n\
                    w3,,ward,na\n\
                    w4,Phường 4,quận huyện xã,na\n\
                    w1,Phường 1 lặp,ward,na\n\
                    w5,Phường 5,ward,khong-co\n\
                    w6,Phường 6\n";
        let problems = parse_unit_list("x.csv", text.as_bytes(), &registry()).unwrap_err();
        let messages: Vec<String> = problems.iter().map(ListProblem::message_vi).collect();
        assert_eq!(problems.len(), 6, "{messages:#?}");
        assert!(messages[0].starts_with("Dòng 3: Mã “w 2” không hợp lệ."));
        assert_eq!(messages[1], "Dòng 4: Thiếu tên đơn vị (name_vi).");
        assert!(messages[2].starts_with("Dòng 5: Loại đơn vị “quận huyện xã” không xác định"));
        assert_eq!(messages[3], "Dòng 6: Mã “w1” bị trùng (đã có ở dòng 2).");
        assert_eq!(
            messages[4],
            "Dòng 7: Đơn vị cấp trên “khong-co” không có trong danh sách này cũng như trong danh mục đơn vị."
        );
        assert_eq!(
            messages[5],
            "Dòng 8: Có 2 ô, trong khi dòng tiêu đề có 4 cột."
        );
        assert!(
            problems[0]
                .message_en()
                .starts_with("Line 3: Id “w 2” is invalid.")
        );
    }

    #[test]
    fn a_header_without_name_or_id_is_refused() {
        let problems = parse_unit_list("x.csv", b"foo;bar\n1;2\n", &registry()).unwrap_err();
        let messages: Vec<String> = problems.iter().map(ListProblem::message_vi).collect();
        assert_eq!(
            messages,
            [
                "Dòng 1: Dòng tiêu đề thiếu cột mã đơn vị (id).",
                "Dòng 1: Dòng tiêu đề thiếu cột tên đơn vị (name_vi)."
            ]
        );
    }

    #[test]
    fn cycles_inside_the_list_are_refused() {
        let text = "id,name_vi,kind,parent\na,A,middle,b\nb,B,middle,a\n";
        let problems = parse_unit_list("x.csv", text.as_bytes(), &registry()).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(matches!(problems[0].kind, ListProblemKind::Cycle { .. }));
    }

    #[test]
    fn json_lists_accept_an_array_or_a_units_member() {
        let array = r#"[{"id": "na-vinh", "name_vi": "Công an thành phố Vinh", "kind": "middle", "parent": "na"},
                        {"code": 26734, "name": "Công an phường Hưng Dũng", "parent": "na-vinh"}]"#;
        let units = parse_unit_list("ds.json", array.as_bytes(), &registry()).unwrap();
        assert_eq!(ids(&units), ["na-vinh", "26734"]);
        let wrapped = format!(r#"{{"units": {array}}}"#);
        assert_eq!(
            parse_unit_list("ds.json", wrapped.as_bytes(), &registry()).unwrap(),
            units
        );
    }

    #[test]
    fn json_problems_name_the_item() {
        let text = r#"[{"id": "a", "name_vi": "A"}, 5, {"id": "b", "name_vi": ["B"]}]"#;
        let problems = parse_unit_list("x.json", text.as_bytes(), &registry()).unwrap_err();
        let messages: Vec<String> = problems.iter().map(ListProblem::message_vi).collect();
        assert_eq!(
            messages,
            [
                "Mục thứ 2: Mỗi đơn vị phải là một đối tượng JSON có mã và tên.",
                "Mục thứ 3: Trường “name_vi” phải là chuỗi ký tự.",
                "Mục thứ 3: Thiếu tên đơn vị (name_vi)."
            ]
        );
        let broken = parse_unit_list("x.json", b"[{", &registry()).unwrap_err();
        assert!(
            broken[0]
                .message_vi()
                .starts_with("Tệp không phải JSON hợp lệ")
        );
        let not_list = parse_unit_list("x.json", b"{\"a\": 1}", &registry()).unwrap_err();
        assert_eq!(not_list[0].kind, ListProblemKind::NotAList);
    }

    #[test]
    fn files_that_are_not_text_or_empty_are_refused() {
        let problems = parse_unit_list("x.csv", &[0xff, 0xfe, 0x00], &registry()).unwrap_err();
        assert_eq!(problems[0].kind, ListProblemKind::NotUtf8);
        let problems = parse_unit_list("x.csv", b"id,name\n", &registry()).unwrap_err();
        assert_eq!(problems[0].kind, ListProblemKind::Empty);
        let problems = parse_unit_list("x.csv", b"id,name\n\"a,b\n", &registry()).unwrap_err();
        assert_eq!(
            problems[0].message_vi(),
            "Dòng 2: Dấu ngoặc kép mở nhưng không đóng."
        );
    }

    #[test]
    fn kinds_are_read_in_both_languages() {
        assert_eq!(parse_kind("Công an tỉnh"), Some(UnitKind::Province));
        assert_eq!(parse_kind("Thị xã"), Some(UnitKind::Middle));
        assert_eq!(parse_kind("CÔNG AN PHƯỜNG"), Some(UnitKind::Ward));
        assert_eq!(parse_kind("commune"), Some(UnitKind::Commune));
        assert_eq!(parse_kind("xa"), Some(UnitKind::Commune));
        assert_eq!(parse_kind("village"), None);
    }
}
