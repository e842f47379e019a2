//! The review meeting's workbook for a province and year: the summary sheet laid out as the meeting
//! states the figures, then one sheet per table of [`super::tables`].

use crate::figures::{ProvinceFigures, QuotaProgress, summary_paragraph_en, summary_paragraph_vi};
use crate::format;
use crate::store::Store;

use super::Language;
use super::tables;
use super::xlsx::{Cell, Sheet, Style, Workbook, XlsxError};

/// The names of the workbook's sheets, in order: summary, matrix, requests, action items, wards
/// with no assessment, criteria. Vietnamese: "Tổng hợp", "Ma trận", "Kiến nghị", "Nhiệm vụ",
/// "Chưa nộp", "Tiêu chí"; English: "Summary", "Matrix", "Requests", "Action items",
/// "No assessment", "Criteria".
pub fn sheet_names(language: Language) -> [&'static str; 6] {
    match language {
        Language::Vi => [
            "Tổng hợp",
            "Ma trận",
            "Kiến nghị",
            "Nhiệm vụ",
            "Chưa nộp",
            "Tiêu chí",
        ],
        Language::En => [
            "Summary",
            "Matrix",
            "Requests",
            "Action items",
            "No assessment",
            "Criteria",
        ],
    }
}

/// The 0-based row of the summary paragraph on the summary sheet (cell `A25`, merged across the
/// table's width); the figures stand in column B of the rows above (see [`province_workbook`]).
pub const SUMMARY_PARAGRAPH_ROW: usize = 24;

const FIRST_COLUMN_WIDTH: f64 = 42.0;
const OTHER_COLUMN_WIDTH: f64 = 16.0;

/// The meeting's workbook (`.xlsx` bytes) for the figures of a province and year. `store` is the
/// store the figures were computed from: it gives unit codes, catalogue titles, and the requests
/// and action items themselves. Sheets, named by [`sheet_names`]:
///
/// 1. "Tổng hợp" (summary): the title in `A1`; from row 3 a table "Nội dung | Số liệu" whose
///    column B holds, in order (rows 4–23): the province, the year, the basis, the day used for
///    "overdue", the catalogue (marked "dự thảo" when a draft), the number of criteria; maintained
///    wards: total (`B10`), expected 20/20 (`B11`), complete 20/20 (`B12`); new wards: total
///    (`B13`), the Ministry's quota (`B14`), percent over the quota (`B15`, a number: 100 for 8
///    against 4; empty unless the quota is reached or exceeded), the quota in words (`B16`),
///    expected 20/20 (`B17`), complete 20/20 (`B18`); units on no track, wards with no assessment,
///    open and overdue action items, values in conflict (`B23`). Then the summary paragraph
///    ([`summary_paragraph_vi`], or the English one) in `A25`, and from row 27 the table per
///    middle-level unit with a province total row ([`tables::per_middle`]).
/// 2. "Ma trận": [`tables::matrix`].
/// 3. "Kiến nghị": [`tables::requests`], a blank row, then [`tables::request_totals`].
/// 4. "Nhiệm vụ": [`tables::actions`].
/// 5. "Chưa nộp": [`tables::missing`].
/// 6. "Tiêu chí": [`tables::criteria`].
pub fn province_workbook(
    figures: &ProvinceFigures,
    store: &Store,
    language: Language,
) -> Result<Vec<u8>, XlsxError> {
    let [
        summary_name,
        matrix_name,
        requests_name,
        actions_name,
        missing_name,
        criteria_name,
    ] = sheet_names(language);
    let mut workbook = Workbook::new();
    let title = title(figures, language);
    workbook.set_title(title.clone());
    workbook.set_creator("Phường Kiểu Mẫu");
    workbook.add_sheet(summary_sheet(figures, store, language, summary_name, title));

    workbook.add_sheet(tables::matrix(figures, store, language).to_sheet(matrix_name));

    let mut requests = Sheet::new(requests_name);
    tables::requests(figures, store, language).write_into(&mut requests);
    requests.push_blank_row();
    let totals = tables::request_totals(figures, language);
    requests.push_header(totals.titles());
    for row in totals.rows {
        requests.push_row(row);
    }
    requests.freeze_rows(1);
    workbook.add_sheet(requests);

    workbook.add_sheet(tables::actions(figures, store, language).to_sheet(actions_name));
    workbook.add_sheet(tables::missing(figures, store, language).to_sheet(missing_name));
    workbook.add_sheet(tables::criteria(figures, store, language).to_sheet(criteria_name));
    workbook.to_bytes()
}

fn title(figures: &ProvinceFigures, language: Language) -> String {
    match language {
        Language::Vi => format!(
            "Số liệu Công an phường kiểu mẫu năm {} – {}",
            figures.year, figures.province_name
        ),
        Language::En => format!(
            "Model ward police figures {} – {}",
            figures.year, figures.province_name
        ),
    }
}

fn quota_words(figures: &ProvinceFigures, language: Language) -> String {
    match (figures.quota_progress, language) {
        (QuotaProgress::NoQuota, Language::Vi) => "Chưa có chỉ tiêu Bộ giao".to_string(),
        (QuotaProgress::NoQuota, Language::En) => "No Ministry quota recorded".to_string(),
        (QuotaProgress::ZeroQuota, Language::Vi) => "Bộ không giao chỉ tiêu".to_string(),
        (QuotaProgress::ZeroQuota, Language::En) => {
            "No new wards asked by the Ministry".to_string()
        }
        (QuotaProgress::Exceeded { percent }, Language::Vi) => {
            format!("Vượt {}", format::percent_vi(percent, 1))
        }
        (QuotaProgress::Exceeded { percent }, Language::En) => {
            format!("Exceeded by {}", format::percent_en(percent, 1))
        }
        (QuotaProgress::Reached, Language::Vi) => "Đạt 100% chỉ tiêu".to_string(),
        (QuotaProgress::Reached, Language::En) => "100% reached".to_string(),
        (
            QuotaProgress::Short {
                missing,
                percent_of_quota,
            },
            Language::Vi,
        ) => format!(
            "Đạt {} chỉ tiêu, còn thiếu {missing}",
            format::percent_vi(percent_of_quota, 1)
        ),
        (
            QuotaProgress::Short {
                missing,
                percent_of_quota,
            },
            Language::En,
        ) => format!(
            "{} reached, {missing} short",
            format::percent_en(percent_of_quota, 1)
        ),
    }
}

/// Percent over the quota, rounded to one decimal as the meeting says it; 0 when exactly reached.
fn over_quota(progress: QuotaProgress) -> Option<f64> {
    match progress {
        QuotaProgress::Exceeded { percent } => Some((percent * 10.0).round() / 10.0),
        QuotaProgress::Reached => Some(0.0),
        _ => None,
    }
}

/// The summary sheet: the title, the table "Nội dung | Số liệu" of the figures (rows 4–23, see
/// [`province_workbook`]), the summary paragraph, then the table per middle-level unit.
fn summary_sheet(
    figures: &ProvinceFigures,
    store: &Store,
    language: Language,
    name: &str,
    title: String,
) -> Sheet {
    let labels = Labels::new(figures, language);
    let lines = about_lines(figures, store, language, &labels)
        .into_iter()
        .chain(maintained_lines(figures, &labels))
        .chain(new_ward_lines(figures, language, &labels))
        .chain(follow_up_lines(figures, &labels));
    let middle = tables::per_middle(figures, language);
    let width = middle.columns.len().max(2);
    let mut sheet = Sheet::new(name);
    sheet.push_row(vec![Cell::text(title).bold()]);
    sheet.push_blank_row();
    sheet.push_header([
        labels.get("Nội dung", "Item"),
        labels.get("Số liệu", "Figure"),
    ]);
    for (text, value) in lines {
        sheet.push_row(vec![Cell::text(text), value]);
    }
    sheet.push_blank_row();
    push_paragraph(&mut sheet, figures, language, width);
    sheet.push_blank_row();
    middle.write_into(&mut sheet);
    // After the table, whose own widths these replace.
    sheet.set_column_width(0, FIRST_COLUMN_WIDTH);
    for column in 1..width {
        sheet.set_column_width(column, OTHER_COLUMN_WIDTH);
    }
    sheet
}

/// The summary sheet's labels in one language.
struct Labels {
    /// Vietnamese, or else English.
    vi: bool,
    /// What "{n}" stands for in a label: " 20/20" when every counted assessment uses catalogues
    /// of the same size, else nothing.
    n: String,
}

impl Labels {
    /// The labels for `figures` in `language`.
    fn new(figures: &ProvinceFigures, language: Language) -> Labels {
        Labels {
            vi: language == Language::Vi,
            n: figures
                .criteria_total
                .map_or_else(String::new, |total| format!(" {total}/{total}")),
        }
    }

    /// The label in the sheet's language, with "{n}" filled in.
    fn get(&self, vi_text: &str, en_text: &str) -> String {
        if self.vi {
            vi_text.replace("{n}", &self.n)
        } else {
            en_text.replace("{n}", &self.n)
        }
    }
}

/// The catalogue of the matrix by its title in the sheet's language (Vietnamese when it has no
/// English one), marked when it is a draft.
fn catalogue_title(figures: &ProvinceFigures, store: &Store, vi: bool) -> Option<String> {
    tables::matrix_catalogue(figures, store).map(|catalogue| {
        let title = if vi || catalogue.title_en.is_empty() {
            &catalogue.title_vi
        } else {
            &catalogue.title_en
        };
        match (catalogue.is_draft(), vi) {
            (true, true) => format!("{title} (dự thảo)"),
            (true, false) => format!("{title} (draft)"),
            (false, _) => title.clone(),
        }
    })
}

/// What the figures are about: the province, the year, the basis, the day used for "overdue",
/// the catalogue and its number of criteria (rows 4–9).
fn about_lines(
    figures: &ProvinceFigures,
    store: &Store,
    language: Language,
    labels: &Labels,
) -> Vec<(String, Cell)> {
    vec![
        (
            labels.get("Đơn vị", "Unit"),
            Cell::text(figures.province_name.clone()),
        ),
        (
            labels.get("Năm", "Year"),
            Cell::number(f64::from(figures.year)),
        ),
        (
            labels.get("Cơ sở số liệu", "Basis"),
            Cell::text(language.label(&figures.basis)),
        ),
        (
            labels.get("Ngày tính quá hạn", "Day used for overdue"),
            Cell::text(figures.today.to_vi()),
        ),
        (
            labels.get("Bộ tiêu chí", "Criteria catalogue"),
            Cell::text(catalogue_title(figures, store, labels.vi).unwrap_or_default()),
        ),
        (
            labels.get("Số tiêu chí", "Number of criteria"),
            Cell::number_or_empty(figures.criteria_total.map(|total| total as f64)),
        ),
    ]
}

/// The maintained wards: total, expected complete, complete (rows 10–12).
fn maintained_lines(figures: &ProvinceFigures, labels: &Labels) -> Vec<(String, Cell)> {
    vec![
        (
            labels.get("CAP duy trì: tổng số", "Maintained wards: total"),
            Cell::count(figures.maintained.total),
        ),
        (
            labels.get(
                "CAP duy trì: dự kiến đạt{n}",
                "Maintained wards: expected{n}",
            ),
            Cell::count(figures.maintained.expected_complete),
        ),
        (
            labels.get("CAP duy trì: đạt{n}", "Maintained wards: complete{n}"),
            Cell::count(figures.maintained.complete),
        ),
    ]
}

/// The new wards: total, the Ministry's quota, percent over it, the quota in words, expected
/// complete, complete (rows 13–18).
fn new_ward_lines(
    figures: &ProvinceFigures,
    language: Language,
    labels: &Labels,
) -> Vec<(String, Cell)> {
    vec![
        (
            labels.get("CAP xây dựng mới: tổng số", "New wards: total"),
            Cell::count(figures.new.total),
        ),
        (
            labels.get("Chỉ tiêu Bộ giao", "Ministry quota"),
            Cell::number_or_empty(figures.quota.map(f64::from)),
        ),
        (
            labels.get("Vượt chỉ tiêu (%)", "Over the quota (%)"),
            Cell::number_or_empty(over_quota(figures.quota_progress)),
        ),
        (
            labels.get("So với chỉ tiêu", "Against the quota"),
            Cell::text(quota_words(figures, language)),
        ),
        (
            labels.get("CAP xây dựng mới: dự kiến đạt{n}", "New wards: expected{n}"),
            Cell::count(figures.new.expected_complete),
        ),
        (
            labels.get("CAP xây dựng mới: đạt{n}", "New wards: complete{n}"),
            Cell::count(figures.new.complete),
        ),
    ]
}

/// What still needs attention: units on no track, wards with no assessment, open and overdue
/// action items, values in conflict (rows 19–23).
fn follow_up_lines(figures: &ProvinceFigures, labels: &Labels) -> Vec<(String, Cell)> {
    vec![
        (
            labels.get(
                "CAP chưa đăng ký hướng xây dựng",
                "Assessed units on no track",
            ),
            Cell::count(figures.untracked),
        ),
        (
            labels.get(
                "CAP chưa nộp bản tự đánh giá",
                "Wards with no self-assessment",
            ),
            Cell::count(figures.wards_without_assessment.len()),
        ),
        (
            labels.get("Nhiệm vụ đang thực hiện", "Open action items"),
            Cell::count(figures.open_actions.len()),
        ),
        (
            labels.get("Nhiệm vụ quá hạn", "Overdue action items"),
            Cell::count(figures.overdue_actions),
        ),
        (
            labels.get("Giá trị đang xung đột", "Values in conflict"),
            Cell::count(figures.conflicts),
        ),
    ]
}

/// Pushes the summary paragraph, wrapped in one cell merged across `width` columns and tall
/// enough for its lines.
fn push_paragraph(sheet: &mut Sheet, figures: &ProvinceFigures, language: Language, width: usize) {
    let paragraph = match language {
        Language::Vi => summary_paragraph_vi(figures),
        Language::En => summary_paragraph_en(figures),
    };
    // A merged cell keeps its height, so give the paragraph room for its lines (about 1.1
    // characters per width unit once wrapped).
    let total_width = FIRST_COLUMN_WIDTH + OTHER_COLUMN_WIDTH * (width - 1) as f64;
    let lines_needed = (paragraph.chars().count() as f64 / (total_width * 1.1)).ceil();
    let paragraph_row = sheet.rows().len();
    sheet.push_row(vec![Cell::text(paragraph).with_style(Style::Wrap)]);
    sheet.merge_cells(paragraph_row, 0, paragraph_row, width - 1);
    sheet.set_row_height(paragraph_row, 15.0 * lines_needed.max(1.0) + 3.0);
}
