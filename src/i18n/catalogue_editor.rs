//! The catalogue editor's messages (issue 29): typing a catalogue in at the province, importing it
//! from a spreadsheet, publishing it. Field names (title, kind, target…) come from the core's
//! `DraftField::label_vi`/`label_en`, the same words as the template's columns.

use super::{Lang, messages};

messages! {
    /// Messages of the catalogue editor.
    EditorMsg {
    /// Section heading.
    Title => "Soạn bộ tiêu chí", "Type in a criteria catalogue";
    /// What the section is for.
    Intro => "Khi nhận văn bản chính thức của Bộ, hãy soạn bộ tiêu chí tại đây hoặc nhập từ bảng tính, rồi ban hành. Mọi thay đổi được lưu ngay trên máy này.",
        "When the Ministry's official text arrives, type the catalogue in here or import it from a spreadsheet, then publish it. Every change is saved on this computer at once.";
    /// The saved draft is being read.
    Loading => "Đang đọc bản đang soạn…", "Reading the draft being typed…";
    /// Choice: what to start from.
    StartFrom => "Bắt đầu từ", "Start from";
    /// Option: an empty catalogue.
    StartEmpty => "Bộ trống (soạn từ đầu)", "Nothing (an empty catalogue)";
    /// Button: start typing.
    Start => "Bắt đầu soạn", "Start typing";
    /// Heading of the catalogue's own fields.
    CatalogueFields => "Thông tin chung", "The catalogue";
    /// Button: move up.
    MoveUp => "Lên", "Up";
    /// Button: move down.
    MoveDown => "Xuống", "Down";
    /// Button: remove a criterion.
    RemoveCriterion => "Xóa tiêu chí", "Remove criterion";
    /// Button: remove a group.
    RemoveGroup => "Xóa nhóm", "Remove group";
    /// Button: add a criterion to a group.
    AddCriterion => "Thêm tiêu chí vào nhóm", "Add a criterion to the group";
    /// Button: add a group.
    AddGroup => "Thêm nhóm tiêu chí", "Add a group";
    /// Heading of the problem list.
    ProblemsTitle => "Cần sửa trước khi ban hành:", "To fix before publishing:";
    /// No problem left.
    NoProblems => "Bộ tiêu chí hợp lệ, sẵn sàng ban hành.", "The catalogue is valid and ready to publish.";
    /// Preview heading.
    PreviewTitle => "Xem trước như trên biểu mẫu của Công an phường", "Preview as the ward's form shows it";
    /// Spreadsheet heading.
    SheetTitle => "Nhập từ bảng tính", "Import from a spreadsheet";
    /// What the spreadsheet holds.
    SheetHint => "Mỗi dòng một tiêu chí: Nhóm, Tên nhóm, Mã tiêu chí, Tên tiêu chí, Loại, Chỉ tiêu, Gợi ý minh chứng. Chọn tệp Excel (.xlsx, trang tính đầu tiên) hoặc tệp .csv (UTF-8). Bảng tính thay thế các nhóm và tiêu chí đang soạn, chỉ khi không có lỗi nào.",
        "One row per criterion: Group, Group title, Criterion id, Criterion title, Kind, Target, Evidence hint. Choose an Excel file (.xlsx, its first sheet) or a .csv file (UTF-8). The sheet replaces the groups and criteria being typed, only when it has no problem.";
    /// File input: spreadsheet.
    SheetChoose => "Chọn tệp bảng tính (.xlsx, .csv)…", "Choose the spreadsheet (.xlsx, .csv)…";
    /// The module that reads .xlsx files could not be fetched.
    XlsxNotLoaded => "Không tải được phần đọc tệp .xlsx của ứng dụng. Hãy tải lại trang rồi chọn lại tệp, hoặc trong Excel chọn Lưu thành › “CSV UTF-8” rồi chọn tệp .csv đó.",
        "The part of the app that reads .xlsx files could not be fetched. Reload the page and pick the file again, or in Excel choose Save as › “CSV UTF-8” and pick that .csv file.";
    /// The spreadsheet was refused.
    SheetRefused => "Bảng tính có lỗi, chưa thay đổi gì:", "The spreadsheet has problems; nothing was changed:";
    /// Button: template as xlsx.
    TemplateXlsx => "Tải tệp mẫu (.xlsx)", "Download the template (.xlsx)";
    /// Button: template as csv.
    TemplateCsv => "Tải tệp mẫu (.csv)", "Download the template (.csv)";
    /// Publish heading.
    PublishTitle => "Ban hành", "Publish";
    /// What publishing does.
    PublishHint => "Nhập văn bản ban hành bộ tiêu chí. Bộ đã ban hành được đánh dấu “Bản chính thức” và không sửa được nữa; muốn đính chính, hãy soạn một bộ mới từ bộ này.",
        "Enter the document that issues the catalogue. A published catalogue is marked “Official” and never changes; to correct it, type a new one starting from it.";
    /// Date format hint.
    DateHint => "ngày/tháng/năm, ví dụ 15/03/2024", "day/month/year, e.g. 15/03/2024";
    /// Button: publish.
    Publish => "Ban hành bộ tiêu chí chính thức", "Publish the official catalogue";
    /// Heading of the differences.
    DiffTitle => "Khác biệt so với bộ ban đầu", "Differences from the catalogue it started from";
    /// Button: drop the draft.
    Discard => "Bỏ bản đang soạn", "Drop this draft";
    /// Button: confirm dropping the draft.
    DiscardConfirm => "Bấm lần nữa để bỏ hẳn bản đang soạn", "Click again to drop the draft for good";
    }
}

/// A group's legend: "Nhóm 2 (G2)".
pub fn group_legend(number: usize, id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Nhóm {number} ({id})"),
        Lang::En => format!("Group {number} ({id})"),
    }
}

/// A criterion's legend: "Tiêu chí 6 (C06)".
pub fn criterion_legend(number: usize, id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tiêu chí {number} ({id})"),
        Lang::En => format!("Criterion {number} ({id})"),
    }
}

/// The size the ward's form will show: "20 tiêu chí trong 6 nhóm — phường đạt khi đủ 20/20".
pub fn preview_size(criteria: usize, groups: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "{criteria} tiêu chí trong {groups} nhóm — phường hoàn thành khi đạt {criteria}/{criteria}"
        ),
        Lang::En => format!(
            "{criteria} criteria in {groups} groups — a ward is done at {criteria}/{criteria}"
        ),
    }
}

/// What the draft started from: "Soạn từ: bca-…-draft".
pub fn based_on(id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Soạn từ bộ: {id}"),
        Lang::En => format!("Started from: {id}"),
    }
}

/// A spreadsheet imported.
pub fn sheet_imported(count: usize, file: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã nhập {count} tiêu chí từ “{file}”. Hãy kiểm tra rồi ban hành."),
        Lang::En => format!("{count} criteria imported from “{file}”. Check them, then publish."),
    }
}

/// A catalogue published.
pub fn published(title: &str, id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã ban hành bộ tiêu chí “{title}” (mã {id}). Hãy chọn bộ này cho năm áp dụng, rồi tải gói cấu hình gửi các Công an phường."
        ),
        Lang::En => format!(
            "Catalogue “{title}” published (id {id}). Choose it for its year, then download the config bundle for the wards."
        ),
    }
}

/// A catalogue's issuing document: "Văn bản số 12/QĐ-BCA ngày 15/03/2024 của Bộ Công an".
pub fn source_document(number: &str, date: &str, issuer: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Văn bản số {number} ngày {date} của {issuer}"),
        Lang::En => format!("Document {number} of {date}, issued by {issuer}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_texts() {
        crate::i18n::tests::assert_complete(EditorMsg::ALL);
        assert_eq!(
            preview_size(22, 7, Lang::Vi),
            "22 tiêu chí trong 7 nhóm — phường hoàn thành khi đạt 22/22"
        );
    }
}
