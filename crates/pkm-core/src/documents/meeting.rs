//! The province's report for the review meeting, in the seed meeting's order (Nghệ An,
//! 18/12/2024): the results of the wards maintaining the model, the new wards against the
//! quota, each ward's criteria, the requests, the tasks ("rõ người, rõ việc, rõ thời gian, rõ
//! trách nhiệm") and the wards that sent nothing. Built from the figures the dashboard and the
//! workbook use ([`ProvinceFigures`], `export::tables`), never recomputed.

use crate::assessment::{Label, Track};
use crate::dashboard::{quota_line_vi, track_line_vi};
use crate::export::{Language, tables};
use crate::figures::{AssessmentFigures, ProvinceFigures, WardRow};
use crate::store::Store;

use super::fields::{DocumentFields, DocumentKind};
use super::text::{self, meeting};
use super::ward_report::{place_name, table_or_none};
use super::{Block, DocTable, Document, Signer};

/// "Đạt 20/20", "Dự kiến đạt 20/20" or "Chưa đạt (17/20 đạt hoặc dự kiến đạt)".
pub fn result_text(figures: &AssessmentFigures) -> String {
    let total = figures.total;
    if figures.complete {
        format!("Đạt {total}/{total}")
    } else if figures.expected_complete {
        format!("Dự kiến đạt {total}/{total}")
    } else {
        let reached = figures.counts.met + figures.counts.expected;
        format!("Chưa đạt ({reached}/{total} đạt hoặc dự kiến đạt)")
    }
}

/// The wards of one track (`maintain`: the maintained ones, else the new ones), with their result.
fn track_table(figures: &ProvinceFigures, maintain: bool) -> DocTable {
    let mut table = DocTable::new(&[("TT", 6), ("Công an phường", 54), ("Kết quả", 40)]);
    let on_track = figures.wards.iter().filter(|row| match &row.track {
        Some(Track::Maintain { .. }) => maintain,
        Some(Track::New) => !maintain,
        _ => false,
    });
    for (index, row) in on_track.enumerate() {
        table.push(vec![
            (index + 1).to_string(),
            row.name_vi.clone(),
            row.figures.as_ref().map(result_text).unwrap_or_default(),
        ]);
    }
    table
}

/// One row per assessed ward: its track, counts and the criteria it still misses.
fn wards_table(figures: &ProvinceFigures) -> DocTable {
    let c = meeting::WARD_COLUMNS;
    let mut table = DocTable::new(&[
        (c[0], 6),
        (c[1], 30),
        (c[2], 14),
        (c[3], 9),
        (c[4], 11),
        (c[5], 30),
    ]);
    for (index, row) in figures.wards.iter().enumerate() {
        table.push(ward_row(index, row));
    }
    table
}

fn ward_row(index: usize, row: &WardRow) -> Vec<String> {
    let track = row.track.as_ref().unwrap_or(&Track::None).label_vi();
    let mut cells = vec![
        (index + 1).to_string(),
        row.name_vi.clone(),
        track.to_owned(),
    ];
    match &row.figures {
        Some(found) => {
            let unmet: Vec<String> = found.unmet.iter().map(ToString::to_string).collect();
            cells.extend([
                format!("{}/{}", found.counts.met, found.total),
                found.counts.expected.to_string(),
                if unmet.is_empty() {
                    "-".to_owned()
                } else {
                    unmet.join(", ")
                },
            ]);
        }
        None => cells.extend([String::new(), String::new(), String::new()]),
    }
    cells
}

/// The open tasks: which ward answers for it, the task, who does it, by when.
fn tasks_table(figures: &ProvinceFigures) -> DocTable {
    let c = meeting::TASK_COLUMNS;
    let mut table = DocTable::new(&[(c[0], 6), (c[1], 24), (c[2], 40), (c[3], 18), (c[4], 12)]);
    for (index, row) in figures.open_actions.iter().enumerate() {
        let deadline = row.item.deadline.map(|d| d.to_vi()).unwrap_or_default();
        table.push(vec![
            (index + 1).to_string(),
            row.ward_name.clone(),
            row.item.task.clone(),
            row.item.owner.clone(),
            if row.overdue {
                format!("{deadline} (quá hạn)")
            } else {
                deadline
            },
        ]);
    }
    table
}

/// The meeting report of `figures`; `paragraph` is the meeting's paragraph (of the whole
/// province when the figures are filtered).
pub fn document(
    figures: &ProvinceFigures,
    store: &Store,
    paragraph: &str,
    fields: &DocumentFields,
) -> Document {
    let kind = DocumentKind::MeetingReport;
    let vi = Language::Vi;
    let mut blocks = vec![
        Block::Centered(meeting::SUBTITLE.to_owned()),
        Block::Paragraph(paragraph.to_owned()),
        Block::Heading(meeting::MAINTAINED.to_owned()),
        Block::Paragraph(format!(
            "Duy trì mô hình: {}.",
            track_line_vi(&figures.maintained, figures.criteria_total)
        )),
        table_or_none(track_table(figures, true)),
        Block::Heading(meeting::NEW.to_owned()),
        Block::Paragraph(format!(
            "Xây dựng mới: {}. {}.",
            track_line_vi(&figures.new, figures.criteria_total),
            quota_line_vi(figures)
        )),
        table_or_none(track_table(figures, false)),
        Block::Heading(meeting::WARDS.to_owned()),
        table_or_none(wards_table(figures)),
        Block::Heading(meeting::REQUESTS.to_owned()),
    ];
    let totals = tables::request_totals(figures, vi);
    blocks.push(Block::Table(DocTable::from_table(
        &totals,
        &[(0, 34), (1, 16), (2, 30), (3, 20)],
    )));
    let requests = tables::requests(figures, store, vi);
    blocks.push(table_or_none(DocTable::from_table(
        &requests,
        &[(0, 26), (1, 16), (2, 38), (3, 10), (4, 10)],
    )));
    blocks.push(Block::Heading(meeting::TASKS.to_owned()));
    blocks.push(table_or_none(tasks_table(figures)));
    blocks.push(Block::Heading(meeting::MISSING.to_owned()));
    let missing = tables::missing(figures, store, vi);
    blocks.push(table_or_none(DocTable::from_table(
        &missing,
        &[(0, 40), (1, 20), (2, 40)],
    )));
    Document {
        blocks,
        signers: vec![province_head(fields)],
        recipients: fields.recipient_lines(&[
            "- Bộ Công an (để báo cáo);".to_owned(),
            "- Thành viên dự họp xét;".to_owned(),
            text::FILED.to_owned(),
        ]),
        ..province_document(
            kind,
            &figures.province_name,
            fields,
            format!("Kết quả {} năm {}", text::PROGRAMME, figures.year),
        )
    }
}

/// A document the province issues under the Ministry: its header (the issuer, number, place and
/// date from `fields`, title and `summary`), with an empty body, no signer, no recipient and no
/// annex for the caller to fill in.
pub(super) fn province_document(
    kind: DocumentKind,
    province: &str,
    fields: &DocumentFields,
    summary: String,
) -> Document {
    Document {
        kind,
        parent_unit: text::MINISTRY.to_owned(),
        issuer: province.to_uppercase(),
        number: fields.number_line(kind),
        place_date: fields.place_date_line(place_name(province)),
        title: kind.title().to_owned(),
        summary,
        blocks: Vec::new(),
        signers: Vec::new(),
        recipients: Vec::new(),
        annex: Vec::new(),
    }
}

/// The head of the provincial office signing, with the stamp.
pub(super) fn province_head(fields: &DocumentFields) -> Signer {
    Signer {
        title: fields.signer_lines(&[text::PROVINCE_HEAD]),
        hint: text::SIGN_AND_STAMP_HINT.to_owned(),
        name: fields.signer_name.trim().to_owned(),
    }
}
