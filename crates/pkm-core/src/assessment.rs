//! Plain value types of an assessment (đánh giá) of one ward for one year: the track, per-criterion
//! entries with evidence, action items, requests to the province and the province's review
//! verdicts, with Vietnamese and English labels for every enum variant.
//!
//! These values carry no version information: the store wraps each separately editable value in a
//! multi-value register. Validation against a catalogue criterion lives here
//! ([`CriterionEntry::check_against`]); the store turns failures into typed edit errors.

use serde::{Deserialize, Serialize};

use crate::bundle::limits::number_in_range;
use crate::catalogue::{Criterion, CriterionKind};
use crate::date::Date;
use crate::ids::{CriterionId, ItemId, UnitId};

/// The earliest year the app accepts (assessments, quotas, dates in bundles).
pub const MIN_YEAR: u16 = 2000;
/// The latest year the app accepts.
pub const MAX_YEAR: u16 = 2100;

/// Whether a year lies in [`MIN_YEAR`]..=[`MAX_YEAR`].
pub fn year_in_range(year: u16) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

/// Vietnamese and English labels of an enum value.
pub trait Label {
    /// The Vietnamese label.
    fn label_vi(&self) -> &'static str;
    /// The English label.
    fn label_en(&self) -> &'static str;
}

/// Which assessment: one ward (or other unit) and one year.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AssessmentKey {
    /// The unit assessed.
    pub unit: UnitId,
    /// The year.
    pub year: u16,
}

impl AssessmentKey {
    /// Makes a key.
    pub fn new(unit: UnitId, year: u16) -> AssessmentKey {
        AssessmentKey { unit, year }
    }
}

/// A ward's track (hướng) for a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Track {
    /// Maintain the model status recognised in `since_year`: "Duy trì".
    Maintain {
        /// The year the ward was first recognised as a model ward.
        since_year: u16,
    },
    /// Newly building the model this year: "Xây dựng mới".
    New,
    /// Tracking progress only, on no track: "Chưa đăng ký".
    None,
}

impl Label for Track {
    fn label_vi(&self) -> &'static str {
        match self {
            Track::Maintain { .. } => "Duy trì",
            Track::New => "Xây dựng mới",
            Track::None => "Chưa đăng ký",
        }
    }

    fn label_en(&self) -> &'static str {
        match self {
            Track::Maintain { .. } => "Maintain",
            Track::New => "New",
            Track::None => "No track",
        }
    }
}

/// The status of one criterion.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CriterionStatus {
    /// Not assessed yet: "Chưa đánh giá".
    #[default]
    NotAssessed,
    /// Met: "Đạt".
    Met,
    /// Expected to be met by the end of the cycle: "Dự kiến đạt".
    Expected,
    /// Not met: "Chưa đạt".
    NotMet,
}

impl CriterionStatus {
    /// All four statuses, in display order.
    pub const ALL: [CriterionStatus; 4] = [
        CriterionStatus::Met,
        CriterionStatus::Expected,
        CriterionStatus::NotMet,
        CriterionStatus::NotAssessed,
    ];

    /// Whether the status counts towards "expected to reach 20/20" (met or expected).
    pub fn is_met_or_expected(&self) -> bool {
        matches!(self, CriterionStatus::Met | CriterionStatus::Expected)
    }
}

impl Label for CriterionStatus {
    fn label_vi(&self) -> &'static str {
        match self {
            CriterionStatus::NotAssessed => "Chưa đánh giá",
            CriterionStatus::Met => "Đạt",
            CriterionStatus::Expected => "Dự kiến đạt",
            CriterionStatus::NotMet => "Chưa đạt",
        }
    }

    fn label_en(&self) -> &'static str {
        match self {
            CriterionStatus::NotAssessed => "Not assessed",
            CriterionStatus::Met => "Met",
            CriterionStatus::Expected => "Expected",
            CriterionStatus::NotMet => "Not met",
        }
    }
}

/// One evidence item (minh chứng): a document that backs a status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Its id, unique within the entry.
    pub id: ItemId,
    /// Document number (số văn bản), for example "125/KH-CAP".
    #[serde(default)]
    pub doc_number: String,
    /// Document date (ngày văn bản).
    #[serde(default)]
    pub date: Option<Date>,
    /// Issuing body (cơ quan ban hành).
    #[serde(default)]
    pub issuer: String,
    /// Short description (trích yếu).
    #[serde(default)]
    pub description: String,
    /// The files (scans, photos, documents) attached to it, by hash: written only when there are
    /// some (a bundle carrying any is format version 2; docs/bundle-format.md, section 13).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<crate::attachment::AttachmentRef>,
}

/// The self-assessment of one criterion (kết quả tự đánh giá một tiêu chí).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CriterionEntry {
    /// The status.
    pub status: CriterionStatus,
    /// The figure (số liệu), only for percent (0..=100) and count (≥ 0) criteria.
    #[serde(default)]
    pub figure: Option<f64>,
    /// Evidence items.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// A free note (ghi chú).
    #[serde(default)]
    pub note: String,
}

/// Why a criterion entry does not fit its criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryProblem {
    /// A figure was given for a yes/no criterion.
    FigureNotAllowed,
    /// The figure is out of range for the criterion's kind (percent 0..=100, count ≥ 0, finite).
    FigureOutOfRange,
    /// Two evidence items share an id.
    DuplicateEvidence(ItemId),
}

impl CriterionEntry {
    /// An entry with just a status.
    pub fn with_status(status: CriterionStatus) -> CriterionEntry {
        CriterionEntry {
            status,
            ..CriterionEntry::default()
        }
    }

    /// Checks the figure and evidence ids against the criterion.
    pub fn check_against(&self, criterion: &Criterion) -> Result<(), EntryProblem> {
        if let Some(figure) = self.figure {
            match criterion.kind {
                CriterionKind::Boolean => return Err(EntryProblem::FigureNotAllowed),
                CriterionKind::Percent if !(0.0..=100.0).contains(&figure) => {
                    return Err(EntryProblem::FigureOutOfRange);
                }
                CriterionKind::Count if !number_in_range(figure) => {
                    return Err(EntryProblem::FigureOutOfRange);
                }
                _ => {}
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for evidence in &self.evidence {
            if !seen.insert(&evidence.id) {
                return Err(EntryProblem::DuplicateEvidence(evidence.id.clone()));
            }
        }
        Ok(())
    }
}

/// Whether an action item is still to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Still to do: "Đang thực hiện".
    #[default]
    Open,
    /// Done: "Đã hoàn thành".
    Done,
}

impl Label for ActionStatus {
    fn label_vi(&self) -> &'static str {
        match self {
            ActionStatus::Open => "Đang thực hiện",
            ActionStatus::Done => "Đã hoàn thành",
        }
    }

    fn label_en(&self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::Done => "Done",
        }
    }
}

/// An action item (nhiệm vụ khắc phục) for a gap: "rõ người, rõ việc, rõ thời gian".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    /// Its id (generated by the caller).
    pub id: ItemId,
    /// The criterion it closes a gap in, if any.
    #[serde(default)]
    pub criterion: Option<CriterionId>,
    /// What is to be done (rõ việc).
    pub task: String,
    /// Who does it (rõ người).
    #[serde(default)]
    pub owner: String,
    /// By when (rõ thời gian hoàn thành).
    #[serde(default)]
    pub deadline: Option<Date>,
    /// Open or done.
    #[serde(default)]
    pub status: ActionStatus,
}

impl ActionItem {
    /// Whether it is open and its deadline is before `today`.
    pub fn is_overdue(&self, today: &Date) -> bool {
        self.status == ActionStatus::Open && self.deadline.is_some_and(|deadline| deadline < *today)
    }
}

/// What a request to the province is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestCategory {
    /// Staffing: "Biên chế".
    Staffing,
    /// Premises: "Trụ sở".
    Premises,
    /// Facilities: "Cơ sở vật chất".
    Facilities,
    /// Funding: "Kinh phí".
    Funding,
    /// Equipment: "Trang thiết bị".
    Equipment,
    /// Vehicles: "Phương tiện".
    Vehicles,
    /// Anything else: "Khác".
    Other,
}

impl RequestCategory {
    /// All categories, in display order.
    pub const ALL: [RequestCategory; 7] = [
        RequestCategory::Staffing,
        RequestCategory::Premises,
        RequestCategory::Facilities,
        RequestCategory::Funding,
        RequestCategory::Equipment,
        RequestCategory::Vehicles,
        RequestCategory::Other,
    ];
}

impl Label for RequestCategory {
    fn label_vi(&self) -> &'static str {
        match self {
            RequestCategory::Staffing => "Biên chế",
            RequestCategory::Premises => "Trụ sở",
            RequestCategory::Facilities => "Cơ sở vật chất",
            RequestCategory::Funding => "Kinh phí",
            RequestCategory::Equipment => "Trang thiết bị",
            RequestCategory::Vehicles => "Phương tiện",
            RequestCategory::Other => "Khác",
        }
    }

    fn label_en(&self) -> &'static str {
        match self {
            RequestCategory::Staffing => "Staffing",
            RequestCategory::Premises => "Premises",
            RequestCategory::Facilities => "Facilities",
            RequestCategory::Funding => "Funding",
            RequestCategory::Equipment => "Equipment",
            RequestCategory::Vehicles => "Vehicles",
            RequestCategory::Other => "Other",
        }
    }
}

/// A request (kiến nghị, đề xuất) from the ward to the province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Its id (generated by the caller).
    pub id: ItemId,
    /// What it is about.
    pub category: RequestCategory,
    /// What is asked for.
    pub description: String,
    /// How many or how much, if quantified (≥ 0).
    #[serde(default)]
    pub quantity: Option<f64>,
    /// The unit of the quantity, for example "người" or "triệu đồng".
    #[serde(default)]
    pub unit_label: String,
}

/// Agree or disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The reviewer confirms the self-assessment: "Nhất trí".
    Agree,
    /// The reviewer disputes it: "Không nhất trí".
    Disagree,
}

impl Label for Verdict {
    fn label_vi(&self) -> &'static str {
        match self {
            Verdict::Agree => "Nhất trí",
            Verdict::Disagree => "Không nhất trí",
        }
    }

    fn label_en(&self) -> &'static str {
        match self {
            Verdict::Agree => "Agree",
            Verdict::Disagree => "Disagree",
        }
    }
}

/// The province's review verdict (ý kiến thẩm định) on one criterion of one assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewVerdict {
    /// Agree or disagree.
    pub verdict: Verdict,
    /// Why (nhận xét).
    #[serde(default)]
    pub comment: String,
    /// Who reviewed (người thẩm định).
    #[serde(default)]
    pub reviewer: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(kind: CriterionKind) -> Criterion {
        Criterion {
            id: CriterionId::new("C01").unwrap(),
            title_vi: "Tiêu chí".to_string(),
            title_en: String::new(),
            kind,
            target: None,
            evidence_hint_vi: String::new(),
            evidence_hint_en: None,
            confidence: None,
        }
    }

    fn with_figure(figure: f64) -> CriterionEntry {
        CriterionEntry {
            figure: Some(figure),
            ..CriterionEntry::with_status(CriterionStatus::Met)
        }
    }

    #[test]
    fn figures_must_fit_the_kind() {
        assert_eq!(
            with_figure(1.0).check_against(&criterion(CriterionKind::Boolean)),
            Err(EntryProblem::FigureNotAllowed)
        );
        assert_eq!(
            with_figure(100.0).check_against(&criterion(CriterionKind::Percent)),
            Ok(())
        );
        assert_eq!(
            with_figure(100.5).check_against(&criterion(CriterionKind::Percent)),
            Err(EntryProblem::FigureOutOfRange)
        );
        assert_eq!(
            with_figure(-1.0).check_against(&criterion(CriterionKind::Percent)),
            Err(EntryProblem::FigureOutOfRange)
        );
        assert_eq!(
            with_figure(0.0).check_against(&criterion(CriterionKind::Count)),
            Ok(())
        );
        assert_eq!(
            with_figure(-0.5).check_against(&criterion(CriterionKind::Count)),
            Err(EntryProblem::FigureOutOfRange)
        );
        assert_eq!(
            with_figure(f64::INFINITY).check_against(&criterion(CriterionKind::Count)),
            Err(EntryProblem::FigureOutOfRange)
        );
        assert_eq!(
            CriterionEntry::default().check_against(&criterion(CriterionKind::Boolean)),
            Ok(())
        );
    }

    #[test]
    fn evidence_ids_must_be_unique_within_an_entry() {
        let evidence = Evidence {
            id: ItemId::new("e1").unwrap(),
            doc_number: "12/KH".to_string(),
            date: None,
            issuer: String::new(),
            description: String::new(),
            attachments: Vec::new(),
        };
        let entry = CriterionEntry {
            evidence: vec![evidence.clone(), evidence],
            ..CriterionEntry::default()
        };
        assert_eq!(
            entry.check_against(&criterion(CriterionKind::Boolean)),
            Err(EntryProblem::DuplicateEvidence(ItemId::new("e1").unwrap()))
        );
    }

    #[test]
    fn labels_are_vietnamese_first() {
        let statuses: Vec<_> = CriterionStatus::ALL.iter().map(Label::label_vi).collect();
        assert_eq!(
            statuses,
            ["Đạt", "Dự kiến đạt", "Chưa đạt", "Chưa đánh giá"]
        );
        assert_eq!(Track::Maintain { since_year: 2023 }.label_vi(), "Duy trì");
        assert_eq!(Track::New.label_vi(), "Xây dựng mới");
        let categories: Vec<_> = RequestCategory::ALL.iter().map(Label::label_vi).collect();
        assert_eq!(
            categories,
            [
                "Biên chế",
                "Trụ sở",
                "Cơ sở vật chất",
                "Kinh phí",
                "Trang thiết bị",
                "Phương tiện",
                "Khác"
            ]
        );
        assert_eq!(RequestCategory::Vehicles.label_en(), "Vehicles");
        assert_eq!(Verdict::Disagree.label_vi(), "Không nhất trí");
        assert_eq!(ActionStatus::Done.label_vi(), "Đã hoàn thành");
    }

    #[test]
    fn met_or_expected_counts_towards_twenty_of_twenty() {
        assert!(CriterionStatus::Met.is_met_or_expected());
        assert!(CriterionStatus::Expected.is_met_or_expected());
        assert!(!CriterionStatus::NotMet.is_met_or_expected());
        assert!(!CriterionStatus::NotAssessed.is_met_or_expected());
    }

    #[test]
    fn overdue_means_open_and_past_deadline() {
        let today = Date::new(2024, 12, 18).unwrap();
        let mut item = ActionItem {
            id: ItemId::new("a1").unwrap(),
            criterion: None,
            task: "Sửa trụ sở".to_string(),
            owner: "Đ/c Nam".to_string(),
            deadline: Date::new(2024, 12, 17).ok(),
            status: ActionStatus::Open,
        };
        assert!(item.is_overdue(&today));
        item.deadline = Some(today);
        assert!(!item.is_overdue(&today));
        item.deadline = Date::new(2024, 1, 1).ok();
        item.status = ActionStatus::Done;
        assert!(!item.is_overdue(&today));
    }

    #[test]
    fn serialises_tracks_and_statuses_as_documented() {
        assert_eq!(
            serde_json::to_string(&Track::Maintain { since_year: 2023 }).unwrap(),
            r#"{"type":"maintain","since_year":2023}"#
        );
        assert_eq!(
            serde_json::to_string(&Track::None).unwrap(),
            r#"{"type":"none"}"#
        );
        assert_eq!(
            serde_json::to_string(&CriterionStatus::NotAssessed).unwrap(),
            r#""not_assessed""#
        );
        assert!(year_in_range(2024));
        assert!(!year_in_range(1999));
        assert!(!year_in_range(2101));
    }
}
