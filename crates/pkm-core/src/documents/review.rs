//! The review meeting's minutes (biên bản họp xét) and the proposal for recognition (tờ trình
//! đề nghị công nhận) with its annex list. The wards proposed are those on a track whose every
//! criterion is met on the figures' basis (after the review, a disputed criterion counts as not
//! met: `Basis::AfterReview`).

use crate::assessment::{Label, Track};
use crate::figures::{ProvinceFigures, WardRow};
use crate::store::Store;
use crate::unit::UnitRegistry;

use super::fields::{DocumentFields, DocumentKind, date_line};
use super::meeting::{province_document, province_head, result_text};
use super::text::{self, review};
use super::ward_report::{place_name, table_or_none};
use super::{Block, DocTable, Document, Signer};

/// Whether a ward is on a track (maintain or new).
fn on_track(row: &WardRow) -> bool {
    matches!(row.track, Some(Track::Maintain { .. } | Track::New))
}

/// The wards proposed for recognition: on a track, every criterion met.
pub fn proposed(figures: &ProvinceFigures) -> Vec<&WardRow> {
    figures
        .wards
        .iter()
        .filter(|row| on_track(row) && row.figures.as_ref().is_some_and(|found| found.complete))
        .collect()
}

/// The list of wards proposed: number, name, middle-level unit, track, result.
pub fn proposed_table(figures: &ProvinceFigures, registry: &UnitRegistry) -> DocTable {
    let c = review::LIST_COLUMNS;
    let mut table = DocTable::new(&[(c[0], 6), (c[1], 32), (c[2], 28), (c[3], 16), (c[4], 18)]);
    for (index, row) in proposed(figures).into_iter().enumerate() {
        let middle = row
            .middle
            .as_ref()
            .and_then(|middle| registry.get(middle))
            .map_or_else(|| "Trực thuộc tỉnh".to_owned(), |unit| unit.name_vi.clone());
        table.push(vec![
            (index + 1).to_string(),
            row.name_vi.clone(),
            middle,
            track_label(row),
            row.figures.as_ref().map(result_text).unwrap_or_default(),
        ]);
    }
    table
}

fn track_label(row: &WardRow) -> String {
    match &row.track {
        Some(Track::Maintain { since_year }) => format!("Duy trì (từ năm {since_year})"),
        Some(track) => track.label_vi().to_owned(),
        None => Track::None.label_vi().to_owned(),
    }
}

/// The wards on a track that are not proposed, with their result.
fn others_table(figures: &ProvinceFigures) -> DocTable {
    let c = review::OTHER_COLUMNS;
    let mut table = DocTable::new(&[(c[0], 6), (c[1], 40), (c[2], 20), (c[3], 34)]);
    let others = figures
        .wards
        .iter()
        .filter(|row| on_track(row) && !row.figures.as_ref().is_some_and(|found| found.complete));
    for (index, row) in others.enumerate() {
        table.push(vec![
            (index + 1).to_string(),
            row.name_vi.clone(),
            track_label(row),
            row.figures
                .as_ref()
                .map_or_else(|| "Chưa xác định".to_owned(), result_text),
        ]);
    }
    table
}

fn or_dots(text: &str) -> &str {
    match text.trim() {
        "" => "…",
        text => text,
    }
}

/// The minutes of the review meeting; `paragraph` is the meeting's paragraph.
pub fn minutes(
    figures: &ProvinceFigures,
    store: &Store,
    paragraph: &str,
    fields: &DocumentFields,
) -> Document {
    let kind = DocumentKind::ReviewMinutes;
    let province = &figures.province_name;
    let place = match fields.place.trim() {
        "" => place_name(province),
        place => place,
    };
    let when = date_line(place, fields.date);
    let count = proposed(figures).len();
    let blocks = vec![
        Block::Paragraph(format!(
            "Hồi … giờ …, {}, {province} tổ chức họp xét, đánh giá kết quả {} năm {}.",
            when.split_once(", ").map_or(when.as_str(), |(_, day)| day),
            text::PROGRAMME,
            figures.year
        )),
        Block::Paragraph(format!(
            "Chủ trì: {}; thư ký: {}.",
            or_dots(&fields.signer_name),
            or_dots(&fields.secretary)
        )),
        Block::Heading(review::RESULTS.to_owned()),
        Block::Paragraph(paragraph.to_owned()),
        Block::Heading(review::PROPOSED.to_owned()),
        table_or_none(proposed_table(figures, &store.registry())),
        Block::Heading(review::NOT_PROPOSED.to_owned()),
        table_or_none(others_table(figures)),
        Block::Heading(review::CONCLUSION.to_owned()),
        Block::Paragraph(format!(
            "Cuộc họp thống nhất đề nghị Bộ trưởng Bộ Công an xem xét, công nhận {count} Công an phường nêu tại mục II đạt tiêu chuẩn mô hình Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị năm {}.",
            figures.year
        )),
        Block::Paragraph(review::CLOSING.to_owned()),
    ];
    Document {
        blocks,
        signers: vec![
            Signer {
                title: vec![text::SECRETARY.to_owned()],
                hint: text::SIGN_HINT.to_owned(),
                name: fields.secretary.trim().to_owned(),
            },
            Signer {
                title: vec![text::CHAIR.to_owned()],
                hint: text::SIGN_HINT.to_owned(),
                name: fields.signer_name.trim().to_owned(),
            },
        ],
        ..province_document(
            kind,
            province,
            fields,
            format!("{}{}", review::MINUTES_SUMMARY, figures.year),
        )
    }
}

/// The proposal to the Ministry, with the list of wards as its annex.
pub fn proposal(
    figures: &ProvinceFigures,
    store: &Store,
    paragraph: &str,
    fields: &DocumentFields,
) -> Document {
    let kind = DocumentKind::RecognitionProposal;
    let province = &figures.province_name;
    let year = figures.year;
    let count = proposed(figures).len();
    let number = fields.number_line(kind);
    let blocks = vec![
        Block::Centered(review::TO_MINISTRY.to_owned()),
        Block::Paragraph(format!(
            "Thực hiện kế hoạch của Bộ Công an về {}, {province} đã tổ chức họp xét, đánh giá kết quả năm {year}. {paragraph}",
            text::PROGRAMME
        )),
        Block::Paragraph(format!(
            "Trên cơ sở kết quả họp xét, {province} kính đề nghị Bộ trưởng Bộ Công an xem xét, công nhận {count} Công an phường đạt tiêu chuẩn mô hình Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị năm {year} (có danh sách kèm theo)."
        )),
        Block::Paragraph(format!(
            "{province} kính trình Bộ trưởng Bộ Công an xem xét, quyết định./."
        )),
    ];
    let annex = vec![
        Block::PageBreak,
        Block::Centered(review::ANNEX.to_owned()),
        Block::Centered(review::ANNEX_TITLE.to_owned()),
        Block::Centered(format!(
            "(Kèm theo Tờ trình số {} của {province})",
            or_dots(&fields.number)
        )),
        table_or_none(proposed_table(figures, &store.registry())),
    ];
    Document {
        number,
        blocks,
        signers: vec![province_head(fields)],
        recipients: fields.recipient_lines(&["- Như trên;".to_owned(), text::FILED.to_owned()]),
        annex,
        ..province_document(
            kind,
            province,
            fields,
            format!("{}{year}", review::PROPOSAL_SUMMARY),
        )
    }
}
