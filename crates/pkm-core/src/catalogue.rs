//! The criteria catalogue (bộ tiêu chí): data, never code. Loaded from JSON of the shape of
//! `catalog-2024-draft.json`, validated (every problem reported with its JSON path), looked up by
//! criterion id. The built-in catalogue is our reconstructed draft of the 2024 set of 20 criteria
//! and is always labelled as a draft; a province loads the official one (same shape) and passes it
//! down to its wards in a config bundle.
//!
//! Shape: `{catalog_id, status: "draft"|"official" (default "draft"), title_vi, title_en?, source?,
//! source_document?: {number, date: "YYYY-MM-DD", issuer}, note_en?, note_vi?, groups: [{id, title_vi, title_en?, criteria: [{id, title_vi, title_en?,
//! kind: "boolean"|"percent"|"count", target: number|null, evidence_hint_vi?, evidence_hint_en?,
//! confidence?}]}]}`. Unknown extra fields are tolerated and dropped. A catalogue is immutable:
//! the same id with different content is a different, conflicting catalogue.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::bundle::limits::{Limits, MAX_TEXT_CHARS};
use crate::date::Date;
use crate::ids::{CatalogueId, CriterionId, IdError, check_id};

/// The shipped draft catalogue, byte for byte.
pub const BUILTIN_DRAFT_JSON: &str = include_str!("../catalog-2024-draft.json");

/// Whether a catalogue is the official text or a draft (bản dự thảo / bản dựng tạm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogueStatus {
    /// A draft: "Bản dự thảo" — must be labelled as such in the UI.
    Draft,
    /// The official text: "Bản chính thức".
    Official,
}

impl CatalogueStatus {
    /// The Vietnamese label.
    pub fn label_vi(&self) -> &'static str {
        match self {
            CatalogueStatus::Draft => "Bản dự thảo",
            CatalogueStatus::Official => "Bản chính thức",
        }
    }

    /// The English label.
    pub fn label_en(&self) -> &'static str {
        match self {
            CatalogueStatus::Draft => "Draft",
            CatalogueStatus::Official => "Official",
        }
    }
}

/// How a criterion is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// Met or not met only ("đạt/không đạt"); no figure.
    Boolean,
    /// A percentage figure in 0..=100 ("tỷ lệ %").
    Percent,
    /// A non-negative count ("số lượng").
    Count,
}

impl CriterionKind {
    /// The Vietnamese label.
    pub fn label_vi(&self) -> &'static str {
        match self {
            CriterionKind::Boolean => "Đạt/không đạt",
            CriterionKind::Percent => "Tỷ lệ (%)",
            CriterionKind::Count => "Số lượng",
        }
    }

    /// The English label.
    pub fn label_en(&self) -> &'static str {
        match self {
            CriterionKind::Boolean => "Yes/no",
            CriterionKind::Percent => "Percentage",
            CriterionKind::Count => "Count",
        }
    }

    /// Whether this kind takes a figure.
    pub fn has_figure(&self) -> bool {
        !matches!(self, CriterionKind::Boolean)
    }
}

/// One criterion (tiêu chí).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Its id, unique in the catalogue (for example `C06`).
    pub id: CriterionId,
    /// Title in Vietnamese (never empty).
    pub title_vi: String,
    /// Title in English (may be empty).
    #[serde(default)]
    pub title_en: String,
    /// How it is measured.
    pub kind: CriterionKind,
    /// The target figure, if the catalogue gives one (percent: 0..=100; count: ≥ 0).
    #[serde(default)]
    pub target: Option<f64>,
    /// What evidence backs it (gợi ý minh chứng), in Vietnamese.
    #[serde(default)]
    pub evidence_hint_vi: String,
    /// What evidence backs it, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_hint_en: Option<String>,
    /// How sure the reconstruction is (`confirmed`, `likely`, `assumed`), for drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
}

/// A group of criteria (nhóm tiêu chí).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionGroup {
    /// Its id, unique in the catalogue (for example `G3`).
    pub id: String,
    /// Title in Vietnamese (never empty).
    pub title_vi: String,
    /// Title in English (may be empty).
    #[serde(default)]
    pub title_en: String,
    /// The criteria, in order (never empty).
    pub criteria: Vec<Criterion>,
}

/// The document a catalogue was issued by (văn bản ban hành): its number, date and issuer, for
/// example "1234/QĐ-BCA-V05", 2024-03-15, "Bộ Công an". A published catalogue always has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDocument {
    /// Its number and symbol ("số, ký hiệu"), never empty.
    pub number: String,
    /// The day it was signed.
    pub date: Date,
    /// Who issued it ("cơ quan ban hành"), never empty.
    pub issuer: String,
}

/// A validated criteria catalogue (bộ tiêu chí).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawCatalogue")]
pub struct Catalogue {
    /// Its id.
    #[serde(rename = "catalog_id")]
    pub id: CatalogueId,
    /// Draft or official.
    pub status: CatalogueStatus,
    /// Title in Vietnamese.
    pub title_vi: String,
    /// Title in English.
    pub title_en: String,
    /// Where it comes from (legal documents, reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The document that issued it (set when a province publishes a catalogue it typed in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_document: Option<SourceDocument>,
    /// A note in Vietnamese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_vi: Option<String>,
    /// A note in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
    /// The groups, in order.
    pub groups: Vec<CriterionGroup>,
}

impl Catalogue {
    /// Whether `other` is the same catalogue: equal, or equal but for a `source_document` that
    /// only one of them carries. An app that does not know the member drops it when it reads a
    /// published catalogue; its copy is the same catalogue, not a different one under the id.
    pub fn agrees_with(&self, other: &Catalogue) -> bool {
        match (&self.source_document, &other.source_document) {
            (Some(_), None) | (None, Some(_)) => {
                self.without_source_document() == other.without_source_document()
            }
            _ => self == other,
        }
    }

    /// A copy without its `source_document`.
    fn without_source_document(&self) -> Catalogue {
        Catalogue {
            source_document: None,
            ..self.clone()
        }
    }

    /// The order in which the merge keeps one of two catalogues under one id (the smaller):
    /// by the content without the source document, then the copy with a source document before
    /// the one without, then by the whole text. A total order, so keeping the smaller is a
    /// join: commutative, associative and idempotent, and of two copies that agree the one
    /// that names its document stays.
    pub fn merge_key(&self) -> (String, bool, String) {
        let text = |catalogue: &Catalogue| {
            serde_json::to_value(catalogue)
                .map(|value| crate::bundle::canonical::canonical_string(&value))
                .unwrap_or_default()
        };
        (
            text(&self.without_source_document()),
            self.source_document.is_none(),
            text(self),
        )
    }
}

/// Why a catalogue was refused. Paths are JSON paths from the catalogue's root (`$`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogueError {
    /// The text is not JSON.
    #[error("not JSON: {detail}")]
    NotJson {
        /// The parser's message.
        detail: String,
    },
    /// The JSON does not have the catalogue's shape (missing field, wrong type).
    #[error("{path}: wrong shape: {detail}")]
    WrongShape {
        /// Where.
        path: String,
        /// The decoder's message.
        detail: String,
    },
    /// An id does not follow the id rules.
    #[error("{path}: invalid id: {error}")]
    InvalidId {
        /// Where.
        path: String,
        /// Why.
        error: IdError,
    },
    /// Two groups share an id.
    #[error("{path}: duplicate group id {id}")]
    DuplicateGroupId {
        /// The repeated id.
        id: String,
        /// Where the second one is.
        path: String,
    },
    /// Two criteria share an id.
    #[error("{path}: duplicate criterion id {id}")]
    DuplicateCriterionId {
        /// The repeated id.
        id: String,
        /// Where the second one is.
        path: String,
    },
    /// A Vietnamese title is empty or missing.
    #[error("{path}: empty title")]
    EmptyTitle {
        /// Where.
        path: String,
    },
    /// A criterion has a kind other than boolean, percent or count.
    #[error("{path}: unknown kind {kind:?}")]
    UnknownKind {
        /// The kind found.
        kind: String,
        /// Where.
        path: String,
    },
    /// The status is neither draft nor official.
    #[error("{path}: unknown status {status:?}")]
    UnknownStatus {
        /// The status found.
        status: String,
        /// Where.
        path: String,
    },
    /// A group has no criteria.
    #[error("{path}: group {id} has no criteria")]
    EmptyGroup {
        /// The group's id.
        id: String,
        /// Where.
        path: String,
    },
    /// The catalogue has no criteria at all.
    #[error("the catalogue has no criteria")]
    NoCriteria,
    /// A target is negative, not finite, above 100 for a percentage, or set on a yes/no criterion.
    #[error("{path}: target out of range")]
    TargetOutOfRange {
        /// Where.
        path: String,
    },
    /// A text is longer than a bundle carries ([`MAX_TEXT_CHARS`] characters).
    #[error("{path}: text of {chars} characters, more than {max}")]
    TextTooLong {
        /// Where.
        path: String,
        /// Its length in characters.
        chars: usize,
        /// The most allowed.
        max: usize,
    },
    /// The source document's date is not a real `YYYY-MM-DD` date.
    #[error("{path}: invalid date: {error}")]
    InvalidDate {
        /// Where.
        path: String,
        /// Why.
        error: crate::date::DateError,
    },
    /// More criteria than a bundle carries in one catalogue.
    #[error("{count} criteria, more than {max}")]
    TooManyCriteria {
        /// How many there are.
        count: usize,
        /// The most allowed.
        max: usize,
    },
}

impl CatalogueError {
    /// The JSON path of the problem (`$` for the whole catalogue).
    pub fn path(&self) -> &str {
        match self {
            CatalogueError::NotJson { .. }
            | CatalogueError::NoCriteria
            | CatalogueError::TooManyCriteria { .. } => "$",
            CatalogueError::WrongShape { path, .. }
            | CatalogueError::InvalidId { path, .. }
            | CatalogueError::DuplicateGroupId { path, .. }
            | CatalogueError::DuplicateCriterionId { path, .. }
            | CatalogueError::EmptyTitle { path }
            | CatalogueError::UnknownKind { path, .. }
            | CatalogueError::UnknownStatus { path, .. }
            | CatalogueError::EmptyGroup { path, .. }
            | CatalogueError::TargetOutOfRange { path }
            | CatalogueError::InvalidDate { path, .. }
            | CatalogueError::TextTooLong { path, .. } => path,
        }
    }

    /// The message in Vietnamese, with the path where relevant.
    pub fn message_vi(&self) -> String {
        match self {
            CatalogueError::NotJson { detail } => {
                format!("Tệp bộ tiêu chí không phải là JSON hợp lệ ({detail}).")
            }
            CatalogueError::WrongShape { path, detail } => {
                format!("Bộ tiêu chí sai cấu trúc tại {path}: {detail}.")
            }
            CatalogueError::InvalidId { path, error } => {
                format!("Mã tại {path} không hợp lệ: {}", error.message_vi())
            }
            CatalogueError::DuplicateGroupId { id, path } => {
                format!("Mã nhóm tiêu chí “{id}” bị trùng (tại {path}).")
            }
            CatalogueError::DuplicateCriterionId { id, path } => {
                format!("Mã tiêu chí “{id}” bị trùng (tại {path}).")
            }
            CatalogueError::EmptyTitle { path } => {
                format!("Tên tiếng Việt bị để trống (tại {path}).")
            }
            CatalogueError::UnknownKind { kind, path } => format!(
                "Loại tiêu chí “{kind}” không được hỗ trợ (tại {path}); chỉ dùng boolean, percent hoặc count."
            ),
            CatalogueError::UnknownStatus { status, path } => format!(
                "Trạng thái bộ tiêu chí “{status}” không hợp lệ (tại {path}); chỉ dùng draft hoặc official."
            ),
            CatalogueError::EmptyGroup { id, path } => {
                format!("Nhóm tiêu chí “{id}” không có tiêu chí nào (tại {path}).")
            }
            CatalogueError::NoCriteria => "Bộ tiêu chí không có tiêu chí nào.".to_string(),
            CatalogueError::TargetOutOfRange { path } => format!(
                "Chỉ tiêu mục tiêu ngoài phạm vi cho phép (tại {path}): tỷ lệ từ 0 đến 100, số lượng không âm và không quá 2^53, tiêu chí đạt/không đạt không có chỉ tiêu."
            ),
            CatalogueError::TextTooLong { path, chars, max } => {
                format!("Văn bản tại {path} dài {chars} ký tự, vượt quá {max} ký tự cho phép.")
            }
            CatalogueError::InvalidDate { path, error } => {
                format!("Ngày tại {path} không hợp lệ: {}", error.message_vi())
            }
            CatalogueError::TooManyCriteria { count, max } => {
                format!("Bộ tiêu chí có {count} tiêu chí, vượt quá {max} tiêu chí cho phép.")
            }
        }
    }

    /// The message in English, with the path where relevant.
    pub fn message_en(&self) -> String {
        match self {
            CatalogueError::NotJson { detail } => {
                format!("The catalogue file is not valid JSON ({detail}).")
            }
            CatalogueError::WrongShape { path, detail } => {
                format!("The catalogue has the wrong shape at {path}: {detail}.")
            }
            CatalogueError::InvalidId { path, error } => {
                format!("The id at {path} is invalid: {}", error.message_en())
            }
            CatalogueError::DuplicateGroupId { id, path } => {
                format!("The group id “{id}” is used twice (at {path}).")
            }
            CatalogueError::DuplicateCriterionId { id, path } => {
                format!("The criterion id “{id}” is used twice (at {path}).")
            }
            CatalogueError::EmptyTitle { path } => {
                format!("The Vietnamese title is empty (at {path}).")
            }
            CatalogueError::UnknownKind { kind, path } => format!(
                "The criterion kind “{kind}” is not supported (at {path}); use boolean, percent or count."
            ),
            CatalogueError::UnknownStatus { status, path } => format!(
                "The catalogue status “{status}” is invalid (at {path}); use draft or official."
            ),
            CatalogueError::EmptyGroup { id, path } => {
                format!("The criterion group “{id}” has no criteria (at {path}).")
            }
            CatalogueError::NoCriteria => "The catalogue has no criteria.".to_string(),
            CatalogueError::TargetOutOfRange { path } => format!(
                "The target is out of range (at {path}): percentages 0 to 100, counts from 0 to 2^53, none on yes/no criteria."
            ),
            CatalogueError::TextTooLong { path, chars, max } => {
                format!("The text at {path} has {chars} characters, more than the {max} allowed.")
            }
            CatalogueError::InvalidDate { path, error } => {
                format!("The date at {path} is invalid: {}", error.message_en())
            }
            CatalogueError::TooManyCriteria { count, max } => {
                format!("The catalogue has {count} criteria, more than the {max} allowed.")
            }
        }
    }
}

#[derive(Deserialize)]
struct RawCatalogue {
    catalog_id: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    title_vi: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_document: Option<RawSourceDocument>,
    #[serde(default)]
    note_vi: Option<String>,
    #[serde(default)]
    note_en: Option<String>,
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
struct RawSourceDocument {
    #[serde(default)]
    number: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    issuer: String,
}

#[derive(Deserialize)]
struct RawGroup {
    id: String,
    #[serde(default)]
    title_vi: String,
    #[serde(default)]
    title_en: String,
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
struct RawCriterion {
    id: String,
    #[serde(default)]
    title_vi: String,
    #[serde(default)]
    title_en: String,
    kind: String,
    #[serde(default)]
    target: Option<f64>,
    #[serde(default)]
    evidence_hint_vi: String,
    #[serde(default)]
    evidence_hint_en: Option<String>,
    #[serde(default)]
    confidence: Option<String>,
}

impl TryFrom<RawCatalogue> for Catalogue {
    type Error = String;

    fn try_from(raw: RawCatalogue) -> Result<Catalogue, String> {
        validate_raw(raw).map_err(|errors| {
            errors
                .iter()
                .map(|error| error.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

fn path_of(path: &serde_path_to_error::Path) -> String {
    let mut text = String::from("$");
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => text.push_str(&format!("[{index}]")),
            serde_path_to_error::Segment::Map { key } => {
                crate::bundle::json::push_step(
                    &mut text,
                    &crate::bundle::json::PathStep::Key(key.clone()),
                );
            }
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    text
}

impl Catalogue {
    /// Loads and validates a catalogue from JSON text; the first problem found is returned.
    pub fn from_json(text: &str) -> Result<Catalogue, CatalogueError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|error| CatalogueError::NotJson {
                detail: error.to_string(),
            })?;
        Catalogue::from_value_all(&value).map_err(|mut errors| errors.swap_remove(0))
    }

    /// Validates a catalogue given as a JSON value and reports every problem found (never an empty
    /// list on error).
    pub fn from_value_all(value: &serde_json::Value) -> Result<Catalogue, Vec<CatalogueError>> {
        let raw: RawCatalogue = serde_path_to_error::deserialize(value).map_err(|error| {
            vec![CatalogueError::WrongShape {
                path: path_of(error.path()),
                detail: error.inner().to_string(),
            }]
        })?;
        validate_raw(raw)
    }

    /// The built-in reconstructed draft of the 2024 catalogue (20 criteria), marked as a draft.
    pub fn builtin_draft() -> Result<Catalogue, CatalogueError> {
        let mut catalogue = Catalogue::from_json(BUILTIN_DRAFT_JSON)?;
        catalogue.status = CatalogueStatus::Draft;
        Ok(catalogue)
    }

    /// Whether this is a draft (to be labelled as such).
    pub fn is_draft(&self) -> bool {
        self.status == CatalogueStatus::Draft
    }

    /// All criteria in catalogue order.
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.groups.iter().flat_map(|group| group.criteria.iter())
    }

    /// The number of criteria (20 for the 2024 set).
    pub fn criteria_count(&self) -> usize {
        self.groups.iter().map(|group| group.criteria.len()).sum()
    }

    /// Looks a criterion up by id.
    pub fn criterion(&self, id: &CriterionId) -> Option<&Criterion> {
        self.criteria().find(|criterion| &criterion.id == id)
    }

    /// The group that holds a criterion.
    pub fn group_of(&self, id: &CriterionId) -> Option<&CriterionGroup> {
        self.groups
            .iter()
            .find(|group| group.criteria.iter().any(|criterion| &criterion.id == id))
    }

    /// The 1-based position of a criterion in catalogue order ("tiêu chí số 6").
    pub fn position(&self, id: &CriterionId) -> Option<usize> {
        self.criteria()
            .position(|criterion| &criterion.id == id)
            .map(|index| index + 1)
    }
}

fn validate_raw(raw: RawCatalogue) -> Result<Catalogue, Vec<CatalogueError>> {
    let mut errors = Vec::new();
    let id = CatalogueId::new(raw.catalog_id.clone());
    if let Err(error) = &id {
        errors.push(CatalogueError::InvalidId {
            path: "$.catalog_id".to_string(),
            error: error.clone(),
        });
    }
    let status = match raw.status.as_deref() {
        None | Some("draft") => CatalogueStatus::Draft,
        Some("official") => CatalogueStatus::Official,
        Some(other) => {
            errors.push(CatalogueError::UnknownStatus {
                status: other.to_string(),
                path: "$.status".to_string(),
            });
            CatalogueStatus::Draft
        }
    };
    if raw.title_vi.trim().is_empty() {
        errors.push(CatalogueError::EmptyTitle {
            path: "$.title_vi".to_string(),
        });
    }
    check_texts(
        &[
            ("title_vi", Some(&raw.title_vi)),
            ("title_en", Some(&raw.title_en)),
            ("source", raw.source.as_ref()),
            ("note_vi", raw.note_vi.as_ref()),
            ("note_en", raw.note_en.as_ref()),
        ],
        "$",
        &mut errors,
    );
    let source_document = raw
        .source_document
        .and_then(|document| validate_source_document(document, &mut errors));
    let mut group_ids = BTreeSet::new();
    let mut criterion_ids = BTreeSet::new();
    let mut groups = Vec::with_capacity(raw.groups.len());
    for (group_index, raw_group) in raw.groups.into_iter().enumerate() {
        groups.push(validate_group(
            raw_group,
            &format!("$.groups[{group_index}]"),
            &mut group_ids,
            &mut criterion_ids,
            &mut errors,
        ));
    }
    if criterion_ids.is_empty() {
        errors.push(CatalogueError::NoCriteria);
    }
    let max_criteria = Limits::default().max_criteria_per_catalogue;
    let count: usize = groups.iter().map(|group| group.criteria.len()).sum();
    if count > max_criteria {
        errors.push(CatalogueError::TooManyCriteria {
            count,
            max: max_criteria,
        });
    }
    match id {
        Ok(id) if errors.is_empty() => Ok(Catalogue {
            id,
            status,
            title_vi: raw.title_vi,
            title_en: raw.title_en,
            source: raw.source,
            source_document,
            note_vi: raw.note_vi,
            note_en: raw.note_en,
            groups,
        }),
        _ => Err(errors),
    }
}

/// Checks one group of a catalogue being loaded (its id unique among `group_ids`, its titles, at
/// least one criterion) and each of its criteria (ids unique among `criterion_ids`).
fn validate_group(
    raw_group: RawGroup,
    group_path: &str,
    group_ids: &mut BTreeSet<String>,
    criterion_ids: &mut BTreeSet<String>,
    errors: &mut Vec<CatalogueError>,
) -> CriterionGroup {
    if let Err(error) = check_id(&raw_group.id) {
        errors.push(CatalogueError::InvalidId {
            path: format!("{group_path}.id"),
            error,
        });
    }
    if !group_ids.insert(raw_group.id.clone()) {
        errors.push(CatalogueError::DuplicateGroupId {
            id: raw_group.id.clone(),
            path: format!("{group_path}.id"),
        });
    }
    if raw_group.title_vi.trim().is_empty() {
        errors.push(CatalogueError::EmptyTitle {
            path: format!("{group_path}.title_vi"),
        });
    }
    check_texts(
        &[
            ("title_vi", Some(&raw_group.title_vi)),
            ("title_en", Some(&raw_group.title_en)),
        ],
        group_path,
        errors,
    );
    if raw_group.criteria.is_empty() {
        errors.push(CatalogueError::EmptyGroup {
            id: raw_group.id.clone(),
            path: format!("{group_path}.criteria"),
        });
    }
    let mut criteria = Vec::with_capacity(raw_group.criteria.len());
    for (criterion_index, raw_criterion) in raw_group.criteria.into_iter().enumerate() {
        let path = format!("{group_path}.criteria[{criterion_index}]");
        if let Some(criterion) = validate_criterion(raw_criterion, &path, criterion_ids, errors) {
            criteria.push(criterion);
        }
    }
    CriterionGroup {
        id: raw_group.id,
        title_vi: raw_group.title_vi,
        title_en: raw_group.title_en,
        criteria,
    }
}

/// Checks a catalogue's source document: a number and an issuer, a real date.
fn validate_source_document(
    raw: RawSourceDocument,
    errors: &mut Vec<CatalogueError>,
) -> Option<SourceDocument> {
    let base = "$.source_document";
    let before = errors.len();
    for (name, text) in [("number", &raw.number), ("issuer", &raw.issuer)] {
        if text.trim().is_empty() {
            errors.push(CatalogueError::EmptyTitle {
                path: format!("{base}.{name}"),
            });
        }
    }
    check_texts(
        &[("number", Some(&raw.number)), ("issuer", Some(&raw.issuer))],
        base,
        errors,
    );
    // Bundles carry dates of the years 2000 to 2100 only.
    let date = Date::parse_iso(&raw.date).and_then(|date| {
        if (crate::assessment::MIN_YEAR..=crate::assessment::MAX_YEAR).contains(&date.year()) {
            Ok(date)
        } else {
            Err(crate::date::DateError::BadFormat {
                text: raw.date.clone(),
                expected: "YYYY-MM-DD, 2000-2100",
            })
        }
    });
    if let Err(error) = &date {
        errors.push(CatalogueError::InvalidDate {
            path: format!("{base}.date"),
            error: error.clone(),
        });
    }
    match date {
        Ok(date) if errors.len() == before => Some(SourceDocument {
            number: raw.number,
            date,
            issuer: raw.issuer,
        }),
        _ => None,
    }
}

/// Refuses texts longer than a bundle carries, so a loaded catalogue can travel in a config bundle.
fn check_texts(fields: &[(&str, Option<&String>)], base: &str, errors: &mut Vec<CatalogueError>) {
    for (name, text) in fields {
        let chars = text.map_or(0, |text| text.chars().count());
        if chars > MAX_TEXT_CHARS {
            errors.push(CatalogueError::TextTooLong {
                path: format!("{base}.{name}"),
                chars,
                max: MAX_TEXT_CHARS,
            });
        }
    }
}

fn validate_criterion(
    raw: RawCriterion,
    path: &str,
    seen: &mut BTreeSet<String>,
    errors: &mut Vec<CatalogueError>,
) -> Option<Criterion> {
    let id = match CriterionId::new(raw.id.clone()) {
        Ok(id) => Some(id),
        Err(error) => {
            errors.push(CatalogueError::InvalidId {
                path: format!("{path}.id"),
                error,
            });
            None
        }
    };
    if !seen.insert(raw.id.clone()) {
        errors.push(CatalogueError::DuplicateCriterionId {
            id: raw.id.clone(),
            path: format!("{path}.id"),
        });
    }
    if raw.title_vi.trim().is_empty() {
        errors.push(CatalogueError::EmptyTitle {
            path: format!("{path}.title_vi"),
        });
    }
    check_texts(
        &[
            ("title_vi", Some(&raw.title_vi)),
            ("title_en", Some(&raw.title_en)),
            ("evidence_hint_vi", Some(&raw.evidence_hint_vi)),
            ("evidence_hint_en", raw.evidence_hint_en.as_ref()),
            ("confidence", raw.confidence.as_ref()),
        ],
        path,
        errors,
    );
    let kind = match raw.kind.as_str() {
        "boolean" => Some(CriterionKind::Boolean),
        "percent" => Some(CriterionKind::Percent),
        "count" => Some(CriterionKind::Count),
        other => {
            errors.push(CatalogueError::UnknownKind {
                kind: other.to_string(),
                path: format!("{path}.kind"),
            });
            None
        }
    };
    if let (Some(kind), Some(target)) = (kind, raw.target) {
        let in_range = match kind {
            CriterionKind::Boolean => false,
            CriterionKind::Percent => (0.0..=100.0).contains(&target),
            CriterionKind::Count => crate::bundle::limits::number_in_range(target),
        };
        if !in_range {
            errors.push(CatalogueError::TargetOutOfRange {
                path: format!("{path}.target"),
            });
        }
    }
    Some(Criterion {
        id: id?,
        title_vi: raw.title_vi,
        title_en: raw.title_en,
        kind: kind?,
        target: raw.target,
        evidence_hint_vi: raw.evidence_hint_vi,
        evidence_hint_en: raw.evidence_hint_en,
        confidence: raw.confidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(groups: &str) -> String {
        format!(
            r#"{{"catalog_id":"test-1","status":"official","title_vi":"Bộ thử","groups":{groups}}}"#
        )
    }

    const ONE_GROUP: &str = r#"[{"id":"G1","title_vi":"Nhóm 1","criteria":[
        {"id":"C01","title_vi":"Tiêu chí 1","kind":"boolean","target":null},
        {"id":"C02","title_vi":"Tiêu chí 2","kind":"percent","target":90}]}]"#;

    #[test]
    fn builtin_draft_has_twenty_criteria_and_is_a_draft() {
        let catalogue = Catalogue::builtin_draft().unwrap();
        assert!(catalogue.is_draft());
        assert_eq!(catalogue.criteria_count(), 20);
        assert_eq!(
            catalogue.id.as_str(),
            "bca-v05-cap-kieu-mau-antt-vmdt-2024-draft"
        );
        let c06 = CriterionId::new("C06").unwrap();
        assert_eq!(catalogue.position(&c06), Some(6));
        assert_eq!(
            catalogue.group_of(&c06).map(|group| group.id.as_str()),
            Some("G3")
        );
        assert_eq!(
            catalogue.criterion(&c06).map(|criterion| criterion.kind),
            Some(CriterionKind::Boolean)
        );
        let ids: Vec<_> = catalogue
            .criteria()
            .map(|criterion| criterion.id.as_str().to_string())
            .collect();
        assert_eq!(ids.first().map(String::as_str), Some("C01"));
        assert_eq!(ids.last().map(String::as_str), Some("C20"));
    }

    #[test]
    fn loads_a_minimal_catalogue_and_tolerates_extra_fields() {
        let text = minimal(ONE_GROUP).replace("\"status\"", "\"extra\":{\"x\":1},\"status\"");
        let catalogue = Catalogue::from_json(&text).unwrap();
        assert_eq!(catalogue.status, CatalogueStatus::Official);
        assert!(!catalogue.is_draft());
        assert_eq!(catalogue.criteria_count(), 2);
        assert_eq!(
            catalogue
                .criterion(&CriterionId::new("C02").unwrap())
                .and_then(|c| c.target),
            Some(90.0)
        );
        assert_eq!(catalogue.criterion(&CriterionId::new("C99").unwrap()), None);
    }

    #[test]
    fn round_trips_through_serde() {
        let catalogue = Catalogue::builtin_draft().unwrap();
        let text = serde_json::to_string(&catalogue).unwrap();
        let back: Catalogue = serde_json::from_str(&text).unwrap();
        assert_eq!(back, catalogue);
    }

    #[test]
    fn refuses_text_that_is_not_json() {
        assert!(matches!(
            Catalogue::from_json("{not json"),
            Err(CatalogueError::NotJson { .. })
        ));
    }

    #[test]
    fn refuses_the_wrong_shape_with_a_path() {
        let error = Catalogue::from_json(&minimal(
            r#"[{"id":"G1","title_vi":"N","criteria":[{"id":"C01"}]}]"#,
        ))
        .unwrap_err();
        assert_eq!(
            error,
            CatalogueError::WrongShape {
                path: "$.groups[0].criteria[0]".to_string(),
                detail: "missing field `kind`".to_string()
            }
        );
        assert!(matches!(
            Catalogue::from_json("[1,2]"),
            Err(CatalogueError::WrongShape { .. })
        ));
    }

    #[test]
    fn refuses_duplicate_group_ids() {
        let groups = r#"[{"id":"G1","title_vi":"A","criteria":[{"id":"C01","title_vi":"x","kind":"boolean"}]},
                         {"id":"G1","title_vi":"B","criteria":[{"id":"C02","title_vi":"y","kind":"boolean"}]}]"#;
        assert_eq!(
            Catalogue::from_json(&minimal(groups)),
            Err(CatalogueError::DuplicateGroupId {
                id: "G1".to_string(),
                path: "$.groups[1].id".to_string()
            })
        );
    }

    #[test]
    fn refuses_duplicate_criterion_ids_across_groups() {
        let groups = r#"[{"id":"G1","title_vi":"A","criteria":[{"id":"C01","title_vi":"x","kind":"boolean"}]},
                         {"id":"G2","title_vi":"B","criteria":[{"id":"C01","title_vi":"y","kind":"boolean"}]}]"#;
        assert_eq!(
            Catalogue::from_json(&minimal(groups)),
            Err(CatalogueError::DuplicateCriterionId {
                id: "C01".to_string(),
                path: "$.groups[1].criteria[0].id".to_string()
            })
        );
    }

    #[test]
    fn refuses_empty_titles_with_their_path() {
        let groups = r#"[{"id":"G1","title_vi":"A","criteria":[{"id":"C01","title_vi":"  ","kind":"boolean"}]}]"#;
        assert_eq!(
            Catalogue::from_json(&minimal(groups)),
            Err(CatalogueError::EmptyTitle {
                path: "$.groups[0].criteria[0].title_vi".to_string()
            })
        );
        let no_title = minimal(ONE_GROUP).replace("\"title_vi\":\"Bộ thử\",", "");
        assert_eq!(
            Catalogue::from_json(&no_title),
            Err(CatalogueError::EmptyTitle {
                path: "$.title_vi".to_string()
            })
        );
    }

    #[test]
    fn refuses_unknown_kinds() {
        let groups = r#"[{"id":"G1","title_vi":"A","criteria":[{"id":"C01","title_vi":"x","kind":"score"}]}]"#;
        assert_eq!(
            Catalogue::from_json(&minimal(groups)),
            Err(CatalogueError::UnknownKind {
                kind: "score".to_string(),
                path: "$.groups[0].criteria[0].kind".to_string()
            })
        );
    }

    #[test]
    fn refuses_no_criteria_and_empty_groups() {
        assert_eq!(
            Catalogue::from_json(&minimal("[]")),
            Err(CatalogueError::NoCriteria)
        );
        let errors = Catalogue::from_value_all(
            &serde_json::from_str(&minimal(r#"[{"id":"G1","title_vi":"A","criteria":[]}]"#))
                .unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            errors,
            vec![
                CatalogueError::EmptyGroup {
                    id: "G1".to_string(),
                    path: "$.groups[0].criteria".to_string()
                },
                CatalogueError::NoCriteria
            ]
        );
    }

    #[test]
    fn refuses_unknown_status_bad_ids_and_targets() {
        let text = minimal(ONE_GROUP).replace("official", "final");
        assert_eq!(
            Catalogue::from_json(&text),
            Err(CatalogueError::UnknownStatus {
                status: "final".to_string(),
                path: "$.status".to_string()
            })
        );
        let text = minimal(ONE_GROUP).replace("\"target\":90", "\"target\":120");
        assert_eq!(
            Catalogue::from_json(&text),
            Err(CatalogueError::TargetOutOfRange {
                path: "$.groups[0].criteria[1].target".to_string()
            })
        );
        let text = minimal(ONE_GROUP).replace("\"C01\"", "\"C 01\"");
        assert!(matches!(
            Catalogue::from_json(&text),
            Err(CatalogueError::InvalidId { .. })
        ));
    }

    #[test]
    fn collects_every_problem() {
        let groups = r#"[{"id":"G1","title_vi":"","criteria":[{"id":"C01","title_vi":"","kind":"x"},{"id":"C01","title_vi":"y","kind":"count","target":-1}]}]"#;
        let errors = Catalogue::from_value_all(&serde_json::from_str(&minimal(groups)).unwrap())
            .unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:?}");
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let error = CatalogueError::DuplicateCriterionId {
            id: "C01".to_string(),
            path: "$.groups[1].criteria[0].id".to_string(),
        };
        assert_eq!(
            error.message_vi(),
            "Mã tiêu chí “C01” bị trùng (tại $.groups[1].criteria[0].id)."
        );
        assert_eq!(
            error.message_en(),
            "The criterion id “C01” is used twice (at $.groups[1].criteria[0].id)."
        );
        assert_eq!(
            CatalogueError::NoCriteria.message_vi(),
            "Bộ tiêu chí không có tiêu chí nào."
        );
    }

    /// Found by fuzzing (tests/fuzz, target `catalogue_reader`): the loader accepted catalogues that
    /// no config bundle could carry (a title of 10,001 characters, 501 criteria, a count target of
    /// 1e300), so a province could load a catalogue it could not send to its wards.
    #[test]
    fn refuses_what_a_bundle_cannot_carry() {
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        let groups = format!(
            r#"[{{"id":"G1","title_vi":"Nhóm","criteria":[{{"id":"C01","title_vi":"Một","kind":"boolean","evidence_hint_vi":"{long}"}}]}}]"#
        );
        assert_eq!(
            Catalogue::from_json(&minimal(&groups)),
            Err(CatalogueError::TextTooLong {
                path: "$.groups[0].criteria[0].evidence_hint_vi".to_string(),
                chars: MAX_TEXT_CHARS + 1,
                max: MAX_TEXT_CHARS
            })
        );
        let text = minimal(ONE_GROUP).replace("Bộ thử", &long);
        assert_eq!(
            Catalogue::from_json(&text).unwrap_err().path(),
            "$.title_vi"
        );
        let exactly = minimal(ONE_GROUP).replace("Bộ thử", &"á".repeat(MAX_TEXT_CHARS));
        assert!(Catalogue::from_json(&exactly).is_ok());

        let criteria: Vec<String> = (0..501)
            .map(|index| format!(r#"{{"id":"C{index:03}","title_vi":"T","kind":"boolean"}}"#))
            .collect();
        let groups = format!(
            r#"[{{"id":"G1","title_vi":"Nhóm","criteria":[{}]}}]"#,
            criteria.join(",")
        );
        let error = Catalogue::from_json(&minimal(&groups)).unwrap_err();
        assert_eq!(
            error,
            CatalogueError::TooManyCriteria {
                count: 501,
                max: 500
            }
        );
        assert!(error.message_vi().contains("501"));

        let text = minimal(ONE_GROUP).replace(
            r#""kind":"percent","target":90"#,
            r#""kind":"count","target":1e300"#,
        );
        assert_eq!(
            Catalogue::from_json(&text),
            Err(CatalogueError::TargetOutOfRange {
                path: "$.groups[0].criteria[1].target".to_string()
            })
        );
    }
}
