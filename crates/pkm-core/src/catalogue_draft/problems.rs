//! What can be wrong with a catalogue draft, where (the catalogue, a group, a criterion; which
//! field) and its message in Vietnamese and English. The catalogue's own validation speaks in
//! JSON paths; [`from_catalogue_error`] turns each of its errors into a place and a field that
//! the editor and the spreadsheet import can point at.

use crate::catalogue::CatalogueError;
use crate::date::DateError;
use crate::ids::IdError;

/// Where a problem is: 0-based positions in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DraftPlace {
    /// The catalogue as a whole (its title, its document, its size).
    Catalogue,
    /// A group.
    Group(usize),
    /// A criterion (group, criterion in the group).
    Criterion(usize, usize),
}

/// Which field a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DraftField {
    /// The catalogue's id.
    CatalogueId,
    /// The catalogue's Vietnamese title.
    CatalogueTitleVi,
    /// The catalogue's English title.
    CatalogueTitleEn,
    /// The issuing document's number.
    DocumentNumber,
    /// The issuing document's date.
    DocumentDate,
    /// The issuing document's issuer.
    DocumentIssuer,
    /// The list of criteria (of a group, or of the whole catalogue).
    Criteria,
    /// A group's id.
    GroupId,
    /// A group's Vietnamese title.
    GroupTitleVi,
    /// A group's English title.
    GroupTitleEn,
    /// A criterion's id.
    Id,
    /// A criterion's Vietnamese title.
    TitleVi,
    /// A criterion's English title.
    TitleEn,
    /// A criterion's kind.
    Kind,
    /// A criterion's target.
    Target,
    /// A criterion's Vietnamese evidence hint.
    EvidenceVi,
    /// A criterion's English evidence hint.
    EvidenceEn,
}

impl DraftField {
    /// The field's name in Vietnamese (the editor's label, the template's column title).
    pub fn label_vi(self) -> &'static str {
        match self {
            DraftField::CatalogueId => "Mã bộ tiêu chí",
            DraftField::CatalogueTitleVi => "Tên bộ tiêu chí",
            DraftField::CatalogueTitleEn => "Tên bộ tiêu chí (tiếng Anh)",
            DraftField::DocumentNumber => "Số, ký hiệu văn bản",
            DraftField::DocumentDate => "Ngày ban hành",
            DraftField::DocumentIssuer => "Cơ quan ban hành",
            DraftField::Criteria => "Danh sách tiêu chí",
            DraftField::GroupId => "Nhóm",
            DraftField::GroupTitleVi => "Tên nhóm",
            DraftField::GroupTitleEn => "Tên nhóm (tiếng Anh)",
            DraftField::Id => "Mã tiêu chí",
            DraftField::TitleVi => "Tên tiêu chí",
            DraftField::TitleEn => "Tên tiêu chí (tiếng Anh)",
            DraftField::Kind => "Loại",
            DraftField::Target => "Chỉ tiêu",
            DraftField::EvidenceVi => "Gợi ý minh chứng",
            DraftField::EvidenceEn => "Gợi ý minh chứng (tiếng Anh)",
        }
    }

    /// The field's name in English.
    pub fn label_en(self) -> &'static str {
        match self {
            DraftField::CatalogueId => "Catalogue id",
            DraftField::CatalogueTitleVi => "Catalogue title",
            DraftField::CatalogueTitleEn => "Catalogue title (English)",
            DraftField::DocumentNumber => "Document number",
            DraftField::DocumentDate => "Date issued",
            DraftField::DocumentIssuer => "Issuer",
            DraftField::Criteria => "Criteria",
            DraftField::GroupId => "Group",
            DraftField::GroupTitleVi => "Group title",
            DraftField::GroupTitleEn => "Group title (English)",
            DraftField::Id => "Criterion id",
            DraftField::TitleVi => "Criterion title",
            DraftField::TitleEn => "Criterion title (English)",
            DraftField::Kind => "Kind",
            DraftField::Target => "Target",
            DraftField::EvidenceVi => "Evidence hint",
            DraftField::EvidenceEn => "Evidence hint (English)",
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftProblemKind {
    /// A required text is empty (a title, an id, a group, the document's number…).
    Empty,
    /// An id breaks the id rules.
    InvalidId(IdError),
    /// An id is used twice.
    DuplicateId {
        /// The id.
        id: String,
    },
    /// A kind that is not yes/no, percent or count.
    UnknownKind {
        /// What was written.
        found: String,
    },
    /// A target that is not a number.
    TargetNotNumber {
        /// What was written.
        found: String,
    },
    /// A target out of range for its kind (percent 0 to 100, count 0 to 2^53, none on yes/no).
    TargetOutOfRange,
    /// A text longer than a bundle carries.
    TooLong {
        /// Its length in characters.
        chars: usize,
        /// The most allowed.
        max: usize,
    },
    /// A group without criteria.
    GroupWithoutCriteria {
        /// The group's id.
        id: String,
    },
    /// No criteria at all.
    NoCriteria,
    /// More criteria than a bundle carries.
    TooManyCriteria {
        /// How many.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// The document's date is not a date.
    InvalidDate(DateError),
    /// A known catalogue already has the id (published catalogues are never replaced).
    IdTaken {
        /// The id.
        id: String,
    },
    /// Anything else the catalogue's validation reports, in its own words.
    Other {
        /// In Vietnamese.
        vi: String,
        /// In English.
        en: String,
    },
}

impl DraftProblemKind {
    /// What is wrong, in Vietnamese (without where).
    pub fn message_vi(&self) -> String {
        match self {
            DraftProblemKind::Empty => "chưa được điền.".to_string(),
            DraftProblemKind::InvalidId(error) => error.message_vi(),
            DraftProblemKind::DuplicateId { id } => {
                format!("mã “{id}” bị trùng với một mã khác trong bộ tiêu chí.")
            }
            DraftProblemKind::UnknownKind { found } => format!(
                "loại “{found}” không hợp lệ; chỉ dùng “Đạt/không đạt”, “Tỷ lệ (%)” hoặc “Số lượng”."
            ),
            DraftProblemKind::TargetNotNumber { found } => {
                format!("chỉ tiêu “{found}” không phải là một số.")
            }
            DraftProblemKind::TargetOutOfRange => "chỉ tiêu ngoài phạm vi: tỷ lệ từ 0 đến 100, số lượng không âm, tiêu chí đạt/không đạt không có chỉ tiêu.".to_string(),
            DraftProblemKind::TooLong { chars, max } => {
                format!("dài {chars} ký tự, vượt quá {max} ký tự cho phép.")
            }
            DraftProblemKind::GroupWithoutCriteria { id } => {
                format!("nhóm “{id}” không có tiêu chí nào.")
            }
            DraftProblemKind::NoCriteria => "bộ tiêu chí chưa có tiêu chí nào.".to_string(),
            DraftProblemKind::TooManyCriteria { count, max } => {
                format!("có {count} tiêu chí, vượt quá {max} tiêu chí cho phép.")
            }
            DraftProblemKind::InvalidDate(error) => error.message_vi(),
            DraftProblemKind::IdTaken { id } => format!(
                "đã có bộ tiêu chí mang mã “{id}”; bộ đã ban hành không bao giờ bị sửa, hãy dùng mã khác."
            ),
            DraftProblemKind::Other { vi, .. } => vi.clone(),
        }
    }

    /// What is wrong, in English (without where).
    pub fn message_en(&self) -> String {
        match self {
            DraftProblemKind::Empty => "is empty.".to_string(),
            DraftProblemKind::InvalidId(error) => error.message_en(),
            DraftProblemKind::DuplicateId { id } => {
                format!("the id “{id}” is used more than once in the catalogue.")
            }
            DraftProblemKind::UnknownKind { found } => format!(
                "the kind “{found}” is not valid; use “Yes/no”, “Percentage” or “Count”."
            ),
            DraftProblemKind::TargetNotNumber { found } => {
                format!("the target “{found}” is not a number.")
            }
            DraftProblemKind::TargetOutOfRange => "the target is out of range: percentages 0 to 100, counts not negative, none on yes/no criteria.".to_string(),
            DraftProblemKind::TooLong { chars, max } => {
                format!("has {chars} characters, more than the {max} allowed.")
            }
            DraftProblemKind::GroupWithoutCriteria { id } => {
                format!("the group “{id}” has no criteria.")
            }
            DraftProblemKind::NoCriteria => "the catalogue has no criteria yet.".to_string(),
            DraftProblemKind::TooManyCriteria { count, max } => {
                format!("{count} criteria, more than the {max} allowed.")
            }
            DraftProblemKind::InvalidDate(error) => error.message_en(),
            DraftProblemKind::IdTaken { id } => format!(
                "a catalogue with the id “{id}” exists; a published catalogue is never changed, use another id."
            ),
            DraftProblemKind::Other { en, .. } => en.clone(),
        }
    }
}

/// One problem of a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftProblem {
    /// Where.
    pub place: DraftPlace,
    /// Which field.
    pub field: DraftField,
    /// What.
    pub kind: DraftProblemKind,
}

impl DraftProblem {
    /// A problem.
    pub fn new(place: DraftPlace, field: DraftField, kind: DraftProblemKind) -> DraftProblem {
        DraftProblem { place, field, kind }
    }

    /// The problem in Vietnamese, where first: "Nhóm 2, tiêu chí thứ 1 — Tên tiêu chí: chưa được
    /// điền."
    pub fn message_vi(&self) -> String {
        let place = match self.place {
            DraftPlace::Catalogue => String::new(),
            DraftPlace::Group(group) => format!("Nhóm {} — ", group + 1),
            DraftPlace::Criterion(group, at) => {
                format!("Nhóm {}, tiêu chí thứ {} — ", group + 1, at + 1)
            }
        };
        format!(
            "{place}{}: {}",
            self.field.label_vi(),
            self.kind.message_vi()
        )
    }

    /// The problem in English, where first.
    pub fn message_en(&self) -> String {
        let place = match self.place {
            DraftPlace::Catalogue => String::new(),
            DraftPlace::Group(group) => format!("Group {} — ", group + 1),
            DraftPlace::Criterion(group, at) => {
                format!("Group {}, criterion {} — ", group + 1, at + 1)
            }
        };
        format!(
            "{place}{}: {}",
            self.field.label_en(),
            self.kind.message_en()
        )
    }
}

/// Problems in the draft's order (place, then field), each once.
pub(super) fn sorted(mut problems: Vec<DraftProblem>) -> Vec<DraftProblem> {
    problems.sort_by_key(|problem| (problem.place, problem.field));
    problems.dedup();
    problems
}

/// Reads `[N]` at the start of `text`: the number and the rest.
fn index_at(text: &str) -> Option<(usize, &str)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(']')?;
    Some((inner[..close].parse().ok()?, &inner[close + 1..]))
}

/// The place and field of a catalogue JSON path (`$.groups[1].criteria[0].title_vi`).
fn place_of(path: &str) -> (DraftPlace, Option<&str>) {
    let rest = path.strip_prefix('$').unwrap_or(path);
    let Some(after) = rest.strip_prefix(".groups") else {
        return (DraftPlace::Catalogue, rest.strip_prefix('.'));
    };
    let Some((group, rest)) = index_at(after) else {
        return (DraftPlace::Catalogue, Some("groups"));
    };
    if let Some(after) = rest.strip_prefix(".criteria")
        && let Some((criterion, rest)) = index_at(after)
    {
        return (
            DraftPlace::Criterion(group, criterion),
            rest.strip_prefix('.'),
        );
    }
    (DraftPlace::Group(group), rest.strip_prefix('.'))
}

/// The draft's field for a JSON member at a place.
fn field_of(place: DraftPlace, member: Option<&str>) -> DraftField {
    let in_group = matches!(place, DraftPlace::Group(_));
    match (place, member) {
        (DraftPlace::Catalogue, Some("catalog_id")) => DraftField::CatalogueId,
        (DraftPlace::Catalogue, Some("title_vi")) => DraftField::CatalogueTitleVi,
        (DraftPlace::Catalogue, Some("title_en")) => DraftField::CatalogueTitleEn,
        (DraftPlace::Catalogue, _) => DraftField::Criteria,
        (_, Some("id")) if in_group => DraftField::GroupId,
        (_, Some("title_vi")) if in_group => DraftField::GroupTitleVi,
        (_, Some("title_en")) if in_group => DraftField::GroupTitleEn,
        (DraftPlace::Group(_), _) => DraftField::Criteria,
        (_, Some("id")) => DraftField::Id,
        (_, Some("title_vi")) => DraftField::TitleVi,
        (_, Some("title_en")) => DraftField::TitleEn,
        (_, Some("kind")) => DraftField::Kind,
        (_, Some("target")) => DraftField::Target,
        (_, Some("evidence_hint_en")) => DraftField::EvidenceEn,
        (_, _) => DraftField::EvidenceVi,
    }
}

/// A catalogue validation error as a draft problem, at the group or criterion its path names.
pub(crate) fn from_catalogue_error(error: &CatalogueError) -> DraftProblem {
    let (place, member) = place_of(error.path());
    let field = field_of(place, member);
    let kind = match error {
        CatalogueError::InvalidId { error, .. } if error == &IdError::Empty => {
            DraftProblemKind::Empty
        }
        CatalogueError::InvalidId { error, .. } => DraftProblemKind::InvalidId(error.clone()),
        CatalogueError::DuplicateGroupId { id, .. }
        | CatalogueError::DuplicateCriterionId { id, .. } => {
            DraftProblemKind::DuplicateId { id: id.clone() }
        }
        CatalogueError::EmptyTitle { .. } => DraftProblemKind::Empty,
        CatalogueError::UnknownKind { kind, .. } => DraftProblemKind::UnknownKind {
            found: kind.clone(),
        },
        CatalogueError::EmptyGroup { id, .. } => {
            DraftProblemKind::GroupWithoutCriteria { id: id.clone() }
        }
        CatalogueError::NoCriteria => DraftProblemKind::NoCriteria,
        CatalogueError::TargetOutOfRange { .. } => DraftProblemKind::TargetOutOfRange,
        CatalogueError::TextTooLong { chars, max, .. } => DraftProblemKind::TooLong {
            chars: *chars,
            max: *max,
        },
        CatalogueError::TooManyCriteria { count, max } => DraftProblemKind::TooManyCriteria {
            count: *count,
            max: *max,
        },
        CatalogueError::InvalidDate { error, .. } => DraftProblemKind::InvalidDate(error.clone()),
        CatalogueError::NotJson { .. }
        | CatalogueError::WrongShape { .. }
        | CatalogueError::UnknownStatus { .. } => DraftProblemKind::Other {
            vi: error.message_vi(),
            en: error.message_en(),
        },
    };
    DraftProblem::new(place, field, kind)
}
