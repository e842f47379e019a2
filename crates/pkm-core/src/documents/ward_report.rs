//! The ward's self-assessment report of the year: the unit, its track and catalogue, the summary
//! of the results, one row per criterion with status, figure and evidence, the follow-up tasks
//! and the requests, signed by the head of the ward police. [`WardReportData::read`] gathers
//! what the app's print view and the `.docx` both show.

use crate::assessment::{
    ActionItem, AssessmentKey, CriterionEntry, Evidence, Label, Request, Track,
};
use crate::figures::{AssessmentFigures, Basis};
use crate::store::Store;
use crate::unit::UnitKind;

use super::fields::{DocumentFields, DocumentKind};
use super::text::{self, ward};
use super::{Block, DocTable, Document, Signer};

/// Everything the report shows, read from the store.
#[derive(Clone, Debug, PartialEq)]
pub struct WardReportData {
    /// The year.
    pub year: u16,
    /// The ward's name.
    pub ward: String,
    /// Whether the unit is a ward (else "TRƯỞNG ĐƠN VỊ" signs).
    pub ward_is_ward: bool,
    /// The province's name.
    pub province: Option<String>,
    /// The middle-level unit's name.
    pub middle: Option<String>,
    /// The track.
    pub track: Option<Track>,
    /// The catalogue's title.
    pub catalogue: String,
    /// Whether the catalogue is a draft.
    pub draft: bool,
    /// The figures of the self-assessment.
    pub figures: AssessmentFigures,
    /// Per criterion: id, title, entry.
    pub criteria: Vec<(String, String, CriterionEntry)>,
    /// The live action items, by deadline.
    pub actions: Vec<ActionItem>,
    /// The live requests.
    pub requests: Vec<Request>,
}

impl WardReportData {
    /// Reads the report of an assessment; `None` when the assessment, its catalogue or its unit
    /// is unknown.
    pub fn read(store: &Store, key: &AssessmentKey) -> Option<WardReportData> {
        let doc = store.assessment(key)?;
        let catalogue = store.catalogue_of(key)?;
        let registry = store.registry();
        let unit = store.unit(&key.unit)?;
        let criteria = catalogue
            .criteria()
            .map(|criterion| {
                (
                    criterion.id.to_string(),
                    criterion.title_vi.clone(),
                    doc.entry(&criterion.id).cloned().unwrap_or_default(),
                )
            })
            .collect();
        let mut actions: Vec<_> = doc.live_actions().cloned().collect();
        actions.sort_by(|a, b| (a.deadline, &a.id).cmp(&(b.deadline, &b.id)));
        Some(WardReportData {
            year: key.year,
            ward: unit.name_vi.clone(),
            ward_is_ward: unit.kind == UnitKind::Ward,
            province: registry.province_of(&key.unit).map(|u| u.name_vi.clone()),
            middle: registry.middle_of(&key.unit).map(|u| u.name_vi.clone()),
            track: doc.track_value().cloned(),
            catalogue: catalogue.title_vi.clone(),
            draft: catalogue.is_draft(),
            figures: AssessmentFigures::compute(doc, catalogue, Basis::SelfAssessed),
            criteria,
            actions,
            requests: doc.live_requests().cloned().collect(),
        })
    }

    /// The head of the unit's title: "TRƯỞNG CÔNG AN PHƯỜNG" or "TRƯỞNG ĐƠN VỊ".
    pub fn head_title(&self) -> &'static str {
        if self.ward_is_ward {
            text::WARD_HEAD
        } else {
            text::UNIT_HEAD
        }
    }

    /// The place of the date line when none was filled in: the ward's name without "Công an
    /// phường".
    pub fn default_place(&self) -> &str {
        place_name(&self.ward)
    }

    /// The usual recipients: the province's police, then the file.
    pub fn default_recipients(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(province) = &self.province {
            lines.push(format!("- {province} (để báo cáo);"));
        }
        if let Some(middle) = &self.middle {
            lines.push(format!("- {middle} (để báo cáo);"));
        }
        lines.push(text::FILED.to_owned());
        lines
    }
}

/// The place in a unit's name: "Công an phường Bến Thủy" → "Bến Thủy".
pub fn place_name(unit_name: &str) -> &str {
    for prefix in [
        "Công an thành phố ",
        "Công an tỉnh ",
        "Công an phường ",
        "Công an quận ",
        "Công an huyện ",
        "Công an thị xã ",
        "Công an ",
    ] {
        if let Some(rest) = unit_name.strip_prefix(prefix) {
            return rest;
        }
    }
    unit_name
}

/// The general section's lines: unit, parent, track, catalogue, summary.
pub fn general_lines(data: &WardReportData) -> Vec<String> {
    let mut lines = vec![format!("Đơn vị: {}", data.ward)];
    if let Some(middle) = &data.middle {
        lines.push(format!("Trực thuộc: {middle}"));
    }
    let track = match &data.track {
        Some(Track::Maintain { since_year }) => {
            format!("Duy trì (được công nhận năm {since_year})")
        }
        Some(track) => track.label_vi().to_owned(),
        None => "Chưa xác định".to_owned(),
    };
    lines.push(format!("Diện: {track}"));
    let draft = if data.draft && !data.catalogue.contains("dựng tạm") {
        " (bản dựng tạm, chưa phải văn bản chính thức)"
    } else {
        ""
    };
    lines.push(format!("Bộ tiêu chí áp dụng: {}{draft}", data.catalogue));
    lines.push(summary(&data.figures));
    lines
}

/// The counts per status, then whether all criteria are (expected to be) met.
pub fn summary(figures: &AssessmentFigures) -> String {
    let counts = &figures.counts;
    let total = figures.total;
    let verdict = if figures.complete {
        format!("Đạt {total}/{total} tiêu chí.")
    } else if figures.expected_complete {
        format!("Dự kiến đạt {total}/{total} tiêu chí.")
    } else {
        format!(
            "Chưa đạt {total}/{total} tiêu chí (còn {} tiêu chí chưa đạt hoặc chưa đánh giá).",
            counts.not_met + counts.not_assessed
        )
    };
    format!(
        "Kết quả tự đánh giá: {} tiêu chí đạt, {} tiêu chí dự kiến đạt, {} tiêu chí chưa đạt, {} tiêu chí chưa đánh giá. {verdict}",
        counts.met, counts.expected, counts.not_met, counts.not_assessed
    )
}

/// One evidence item as printed: number, date, issuer, description.
pub fn evidence_line(evidence: &Evidence) -> String {
    let mut parts = Vec::new();
    if !evidence.doc_number.is_empty() {
        parts.push(evidence.doc_number.clone());
    }
    if let Some(date) = evidence.date {
        parts.push(format!("ngày {}", date.to_vi()));
    }
    if !evidence.issuer.is_empty() {
        parts.push(evidence.issuer.clone());
    }
    if !evidence.description.is_empty() {
        parts.push(evidence.description.clone());
    }
    parts.join(", ")
}

/// The criteria table.
pub fn criteria_table(data: &WardReportData) -> DocTable {
    let c = ward::CRITERIA_COLUMNS;
    let mut table = DocTable::new(&[(c[0], 8), (c[1], 34), (c[2], 12), (c[3], 9), (c[4], 37)]);
    for (id, title, entry) in &data.criteria {
        let mut notes: Vec<String> = entry.evidence.iter().map(evidence_line).collect();
        if !entry.note.is_empty() {
            notes.push(entry.note.clone());
        }
        table.push(vec![
            id.clone(),
            title.clone(),
            entry.status.label_vi().to_owned(),
            entry
                .figure
                .map(|v| crate::format::decimal_vi(v, 2))
                .unwrap_or_default(),
            notes.join("\n"),
        ]);
    }
    table
}

/// The action items' table.
pub fn actions_table(data: &WardReportData) -> DocTable {
    let c = ward::ACTION_COLUMNS;
    let mut table = DocTable::new(&[(c[0], 10), (c[1], 40), (c[2], 22), (c[3], 13), (c[4], 15)]);
    for item in &data.actions {
        table.push(vec![
            item.criterion
                .as_ref()
                .map_or_else(|| ward::GENERAL_ITEM.to_owned(), ToString::to_string),
            item.task.clone(),
            item.owner.clone(),
            item.deadline.map(|d| d.to_vi()).unwrap_or_default(),
            item.status.label_vi().to_owned(),
        ]);
    }
    table
}

/// The requests' table.
pub fn requests_table(data: &WardReportData) -> DocTable {
    let c = ward::REQUEST_COLUMNS;
    let mut table = DocTable::new(&[(c[0], 20), (c[1], 60), (c[2], 20)]);
    for request in &data.requests {
        let quantity = request
            .quantity
            .map(|q| format!("{} {}", crate::format::decimal_vi(q, 2), request.unit_label))
            .unwrap_or_default();
        table.push(vec![
            request.category.label_vi().to_owned(),
            request.description.clone(),
            quantity.trim().to_owned(),
        ]);
    }
    table
}

/// A table, or "Không có." when it has no rows.
pub(super) fn table_or_none(table: DocTable) -> Block {
    if table.rows.is_empty() {
        Block::Paragraph(text::NONE.to_owned())
    } else {
        Block::Table(table)
    }
}

/// The report as a document.
pub fn document(data: &WardReportData, fields: &DocumentFields) -> Document {
    let kind = DocumentKind::WardReport;
    let mut blocks = vec![Block::Heading(ward::GENERAL.to_owned())];
    blocks.extend(general_lines(data).into_iter().map(Block::Paragraph));
    blocks.push(Block::Heading(ward::CRITERIA.to_owned()));
    blocks.push(Block::Table(criteria_table(data)));
    blocks.push(Block::Heading(ward::ACTIONS.to_owned()));
    blocks.push(table_or_none(actions_table(data)));
    blocks.push(Block::Heading(ward::REQUESTS.to_owned()));
    blocks.push(table_or_none(requests_table(data)));
    Document {
        kind,
        parent_unit: data
            .middle
            .as_ref()
            .or(data.province.as_ref())
            .map(|name| name.to_uppercase())
            .unwrap_or_default(),
        issuer: data.ward.to_uppercase(),
        number: fields.number_line(kind),
        place_date: fields.place_date_line(data.default_place()),
        title: kind.title().to_owned(),
        summary: format!("{}{}", text::WARD_SUMMARY, data.year),
        blocks,
        signers: vec![Signer {
            title: fields.signer_lines(&[data.head_title()]),
            hint: text::SIGN_AND_STAMP_HINT.to_owned(),
            name: fields.signer_name.trim().to_owned(),
        }],
        recipients: fields.recipient_lines(&data.default_recipients()),
        annex: Vec::new(),
    }
}
