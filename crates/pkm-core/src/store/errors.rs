//! Typed errors of store edits, each with a Vietnamese and an English message.

use crate::assessment::{AssessmentKey, MAX_YEAR, MIN_YEAR};
use crate::date::Date;
use crate::ids::{CatalogueId, CriterionId, DeviceId, IdError, ItemId, UnitId};
use crate::unit::UnitError;

/// Why an edit was refused. Nothing is changed when an edit fails.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The edit context's device differs from its timestamp's device.
    #[error("edit context device {device} differs from timestamp device {clock_device}")]
    DeviceMismatch {
        /// The context's device.
        device: DeviceId,
        /// The timestamp's device.
        clock_device: DeviceId,
    },
    /// An id does not follow the id rules.
    #[error("invalid id in {field}: {error}")]
    InvalidId {
        /// Which field.
        field: &'static str,
        /// Why.
        error: IdError,
    },
    /// A required text is empty.
    #[error("{field} is empty")]
    EmptyText {
        /// Which field.
        field: &'static str,
    },
    /// A text is longer than allowed.
    #[error("{field} is {chars} characters long, more than {max}")]
    TextTooLong {
        /// Which field.
        field: &'static str,
        /// Its length.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The unit is not in the registry.
    #[error("unknown unit {0}")]
    UnknownUnit(UnitId),
    /// The unit is not a province.
    #[error("unit {0} is not a province")]
    NotAProvince(UnitId),
    /// The unit would break the registry (missing parent, cycle, empty name).
    #[error("invalid unit: {0}")]
    InvalidUnit(UnitError),
    /// The catalogue is not in the store.
    #[error("unknown catalogue {0}")]
    UnknownCatalogue(CatalogueId),
    /// A different catalogue with the same id is already in the store.
    #[error("catalogue {0} already exists with different content")]
    CatalogueClash(CatalogueId),
    /// The year is outside 2000..=2100.
    #[error("year {0} out of range")]
    YearOutOfRange(u16),
    /// The year of first recognition is outside the range or after the assessment's year.
    #[error("since_year {since_year} invalid for year {year}")]
    InvalidSinceYear {
        /// The year of first recognition given.
        since_year: u16,
        /// The assessment's year.
        year: u16,
    },
    /// A unit named in a province's record (a decision's wards) is not within that province.
    #[error("unit {unit} is not within province {province}")]
    NotInProvince {
        /// The unit.
        unit: UnitId,
        /// The province.
        province: UnitId,
    },
    /// A date is outside 2000..=2100.
    #[error("date {0} out of range")]
    DateOutOfRange(Date),
    /// There is no assessment for this unit and year.
    #[error("no assessment for {} in {}", .0.unit, .0.year)]
    UnknownAssessment(AssessmentKey),
    /// The assessment already exists.
    #[error("assessment for {} in {} already exists", .0.unit, .0.year)]
    AssessmentExists(AssessmentKey),
    /// The assessment has no catalogue chosen yet, so criteria cannot be checked.
    #[error("assessment for {} in {} has no catalogue", .0.unit, .0.year)]
    NoCatalogue(AssessmentKey),
    /// The criterion is not in the assessment's catalogue.
    #[error("criterion {criterion} not in catalogue {catalogue}")]
    UnknownCriterion {
        /// The criterion.
        criterion: CriterionId,
        /// The catalogue.
        catalogue: CatalogueId,
    },
    /// A figure was given for a yes/no criterion.
    #[error("criterion {0} takes no figure")]
    FigureNotAllowed(CriterionId),
    /// The figure is out of range for the criterion.
    #[error("figure {figure} out of range for criterion {criterion}")]
    FigureOutOfRange {
        /// The criterion.
        criterion: CriterionId,
        /// The figure.
        figure: f64,
    },
    /// Two evidence items of one entry share an id.
    #[error("duplicate evidence id {evidence} in criterion {criterion}")]
    DuplicateEvidence {
        /// The criterion.
        criterion: CriterionId,
        /// The repeated evidence id.
        evidence: ItemId,
    },
    /// An attached file's reference breaks the rules (its hash, name or type; the reader would
    /// refuse it).
    #[error("invalid attached file {name:?}")]
    InvalidAttachment {
        /// The file's name.
        name: String,
    },
    /// A quantity is negative or not finite.
    #[error("quantity {0} out of range")]
    QuantityOutOfRange(f64),
    /// An item with this id already exists (or existed and was deleted).
    #[error("item {0} already exists")]
    DuplicateItem(ItemId),
    /// No live item has this id.
    #[error("no item {0}")]
    UnknownItem(ItemId),
    /// The value to resolve is not in conflict.
    #[error("no conflict to resolve")]
    NoConflict,
    /// The picked sibling does not exist.
    #[error("no sibling {pick} (there are {count})")]
    NoSuchSibling {
        /// The index picked.
        pick: usize,
        /// How many siblings there are.
        count: usize,
    },
}

fn field_vi(field: &str) -> &'static str {
    match field {
        "unit.id" => "mã đơn vị",
        "unit.name_vi" => "tên đơn vị",
        "unit.code" => "mã đơn vị hành chính",
        "author" => "tên người sửa",
        "task" => "nội dung nhiệm vụ",
        "owner" => "người thực hiện",
        "description" => "nội dung",
        "unit_label" => "đơn vị tính",
        "note" => "ghi chú",
        "doc_number" => "số văn bản",
        "issuer" => "cơ quan ban hành",
        "comment" => "nhận xét",
        "reviewer" => "người thẩm định",
        "item.id" => "mã mục",
        "evidence.id" => "mã minh chứng",
        _ => "trường dữ liệu",
    }
}

fn field_en(field: &str) -> &'static str {
    match field {
        "unit.id" => "unit id",
        "unit.name_vi" => "unit name",
        "unit.code" => "administrative code",
        "author" => "author name",
        "task" => "task",
        "owner" => "owner",
        "description" => "description",
        "unit_label" => "unit of measure",
        "note" => "note",
        "doc_number" => "document number",
        "issuer" => "issuer",
        "comment" => "comment",
        "reviewer" => "reviewer",
        "item.id" => "item id",
        "evidence.id" => "evidence id",
        _ => "field",
    }
}

impl EditError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            EditError::DeviceMismatch {
                device,
                clock_device,
            } => format!(
                "Lỗi nội bộ: thiết bị sửa “{device}” khác thiết bị của mốc thời gian “{clock_device}”."
            ),
            EditError::InvalidId { field, error } => {
                format!(
                    "{} không hợp lệ: {}",
                    capitalise(field_vi(field)),
                    error.message_vi()
                )
            }
            EditError::EmptyText { field } => format!("Chưa nhập {}.", field_vi(field)),
            EditError::TextTooLong { field, chars, max } => format!(
                "{} dài {chars} ký tự, vượt quá giới hạn {max} ký tự.",
                capitalise(field_vi(field))
            ),
            EditError::UnknownUnit(unit) => format!("Không tìm thấy đơn vị “{unit}”."),
            EditError::NotAProvince(unit) => {
                format!("Đơn vị “{unit}” không phải là Công an tỉnh, thành phố.")
            }
            EditError::InvalidUnit(error) => error.message_vi(),
            EditError::UnknownCatalogue(id) => format!("Không tìm thấy bộ tiêu chí “{id}”."),
            EditError::CatalogueClash(id) => format!(
                "Đã có một bộ tiêu chí khác mang cùng mã “{id}”; bộ tiêu chí đã nạp thì không được thay đổi nội dung."
            ),
            EditError::YearOutOfRange(year) => {
                format!("Năm {year} nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR}).")
            }
            EditError::InvalidSinceYear { since_year, year } => format!(
                "Năm được công nhận {since_year} không hợp lệ: phải trong khoảng {MIN_YEAR}–{MAX_YEAR} và trước năm đánh giá {year}."
            ),
            EditError::NotInProvince { unit, province } => {
                format!("Đơn vị “{unit}” không thuộc Công an tỉnh “{province}”.")
            }
            EditError::DateOutOfRange(date) => format!(
                "Ngày {} nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR}).",
                date.to_vi()
            ),
            EditError::UnknownAssessment(key) => {
                format!(
                    "Chưa có bản đánh giá năm {} của đơn vị “{}”.",
                    key.year, key.unit
                )
            }
            EditError::AssessmentExists(key) => {
                format!("Đơn vị “{}” đã có bản đánh giá năm {}.", key.unit, key.year)
            }
            EditError::NoCatalogue(key) => format!(
                "Bản đánh giá năm {} của đơn vị “{}” chưa chọn bộ tiêu chí.",
                key.year, key.unit
            ),
            EditError::UnknownCriterion {
                criterion,
                catalogue,
            } => {
                format!("Tiêu chí “{criterion}” không có trong bộ tiêu chí “{catalogue}”.")
            }
            EditError::FigureNotAllowed(criterion) => {
                format!("Tiêu chí “{criterion}” chỉ đánh giá đạt/không đạt, không nhập số liệu.")
            }
            EditError::FigureOutOfRange { criterion, figure } => format!(
                "Số liệu {} của tiêu chí “{criterion}” nằm ngoài phạm vi cho phép (tỷ lệ từ 0 đến 100, số lượng không âm và không quá 2^53).",
                crate::format::decimal_vi(*figure, 2)
            ),
            EditError::DuplicateEvidence {
                criterion,
                evidence,
            } => {
                format!("Minh chứng “{evidence}” của tiêu chí “{criterion}” bị trùng mã.")
            }
            EditError::InvalidAttachment { name } => format!(
                "Tệp đính kèm “{name}” không hợp lệ (tên có đường dẫn hoặc ký tự điều khiển, loại tệp không được chấp nhận, hoặc mã SHA-256 sai)."
            ),
            EditError::QuantityOutOfRange(quantity) => format!(
                "Số lượng {} không hợp lệ: phải là số không âm và không quá 2^53.",
                crate::format::decimal_vi(*quantity, 2)
            ),
            EditError::DuplicateItem(item) => format!("Mã “{item}” đã được dùng."),
            EditError::UnknownItem(item) => {
                format!("Không tìm thấy mục “{item}” (có thể đã bị xóa).")
            }
            EditError::NoConflict => "Giá trị này không có xung đột cần giải quyết.".to_string(),
            EditError::NoSuchSibling { pick, count } => {
                format!(
                    "Không có phương án số {} (chỉ có {count} phương án).",
                    pick + 1
                )
            }
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            EditError::DeviceMismatch {
                device,
                clock_device,
            } => format!(
                "Internal error: editing device “{device}” differs from the timestamp's device “{clock_device}”."
            ),
            EditError::InvalidId { field, error } => {
                format!("The {} is invalid: {}", field_en(field), error.message_en())
            }
            EditError::EmptyText { field } => format!("The {} is empty.", field_en(field)),
            EditError::TextTooLong { field, chars, max } => format!(
                "The {} is {chars} characters long, more than the limit of {max}.",
                field_en(field)
            ),
            EditError::UnknownUnit(unit) => format!("Unit “{unit}” not found."),
            EditError::NotAProvince(unit) => format!("Unit “{unit}” is not a provincial police."),
            EditError::InvalidUnit(error) => error.message_en(),
            EditError::UnknownCatalogue(id) => format!("Catalogue “{id}” not found."),
            EditError::CatalogueClash(id) => format!(
                "A different catalogue with the same id “{id}” is already loaded; a loaded catalogue cannot change."
            ),
            EditError::YearOutOfRange(year) => {
                format!("Year {year} is out of range ({MIN_YEAR}–{MAX_YEAR}).")
            }
            EditError::InvalidSinceYear { since_year, year } => format!(
                "Year of recognition {since_year} is invalid: it must be within {MIN_YEAR}–{MAX_YEAR} and before the assessment year {year}."
            ),
            EditError::NotInProvince { unit, province } => {
                format!("Unit “{unit}” is not within the province “{province}”.")
            }
            EditError::DateOutOfRange(date) => {
                format!(
                    "Date {} is out of range ({MIN_YEAR}–{MAX_YEAR}).",
                    date.to_iso()
                )
            }
            EditError::UnknownAssessment(key) => {
                format!("No {} assessment for unit “{}”.", key.year, key.unit)
            }
            EditError::AssessmentExists(key) => {
                format!("Unit “{}” already has a {} assessment.", key.unit, key.year)
            }
            EditError::NoCatalogue(key) => format!(
                "The {} assessment of unit “{}” has no catalogue chosen.",
                key.year, key.unit
            ),
            EditError::UnknownCriterion {
                criterion,
                catalogue,
            } => {
                format!("Criterion “{criterion}” is not in catalogue “{catalogue}”.")
            }
            EditError::FigureNotAllowed(criterion) => {
                format!("Criterion “{criterion}” is yes/no and takes no figure.")
            }
            EditError::FigureOutOfRange { criterion, figure } => format!(
                "Figure {} for criterion “{criterion}” is out of range (percentages 0 to 100, counts from 0 to 2^53).",
                crate::format::decimal_en(*figure, 2)
            ),
            EditError::DuplicateEvidence {
                criterion,
                evidence,
            } => {
                format!("Evidence id “{evidence}” is used twice in criterion “{criterion}”.")
            }
            EditError::InvalidAttachment { name } => format!(
                "The attached file “{name}” is invalid (a name with a path or control characters, a type not accepted, or a wrong SHA-256)."
            ),
            EditError::QuantityOutOfRange(quantity) => format!(
                "Quantity {} is invalid: it must be from 0 to 2^53.",
                crate::format::decimal_en(*quantity, 2)
            ),
            EditError::DuplicateItem(item) => format!("The id “{item}” is already used."),
            EditError::UnknownItem(item) => {
                format!("Item “{item}” not found (it may have been deleted).")
            }
            EditError::NoConflict => "This value has no conflict to resolve.".to_string(),
            EditError::NoSuchSibling { pick, count } => {
                format!("There is no option {} (there are {count}).", pick + 1)
            }
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
