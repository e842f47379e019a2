//! The ward workspace's messages.

use super::{Lang, messages};

messages! {
    /// Messages of the ward police workspace.
    WardMsg {
    /// Sub-navigation landmark.
    SubnavLabel => "Các phần của không gian làm việc", "Workspace sections";
    /// Sub-navigation: the assessment.
    NavAssessment => "Tự đánh giá", "Self-assessment";
    /// Sub-navigation: gaps and requests.
    NavGaps => "Khắc phục và kiến nghị", "Gaps and requests";
    /// Sub-navigation: files in and out.
    NavExchange => "Xuất, nhập tệp", "Files in and out";
    /// Sub-navigation: the printable report.
    NavPrint => "In báo cáo", "Print";
    /// Sub-navigation: setup.
    NavSetup => "Thiết lập", "Setup";

    /// First run heading.
    FirstRunTitle => "Bắt đầu: khai báo đơn vị", "Getting started: your unit";
    /// First run introduction.
    FirstRunIntro => "Máy này chưa được gắn với Công an phường nào. Hãy nhập tệp cấu hình do Công an tỉnh gửi, hoặc tự khai báo đơn vị. Không cần tài khoản, không cần mạng.",
        "This laptop is not linked to a ward yet. Import the configuration file the province sent, or enter the unit by hand. No account, no network needed.";
    /// Config option heading.
    FromConfigTitle => "Nhập tệp cấu hình của Công an tỉnh", "Import the province's configuration file";
    /// Config option text.
    FromConfigIntro => "Tệp cấu hình chứa danh sách đơn vị, bộ tiêu chí và chỉ tiêu năm. Sau khi nhập, chọn phường của mình.",
        "The configuration file holds the unit list, the criteria catalogue and the year's quota. After importing, choose your ward.";
    /// Config file input.
    ConfigFileLabel => "Chọn tệp cấu hình (.json)", "Choose the configuration file (.json)";
    /// First run: the restore input's label.
    RestoreFileLabel => "Chọn tệp đã xuất của phường (.json)", "Choose the ward's exported file (.json)";
    /// Ward select.
    ChooseWard => "Công an phường của máy này", "This laptop's ward";
    /// Ward select placeholder.
    ChooseWardPlaceholder => "— Chọn phường —", "— Choose a ward —";
    /// No ward chosen.
    ChooseWardFirst => "Hãy chọn Công an phường.", "Choose the ward.";
    /// Manual option heading.
    ByHandTitle => "Hoặc tự khai báo", "Or enter it by hand";
    /// Province fieldset.
    ProvinceLegend => "Công an tỉnh, thành phố", "Provincial police";
    /// Middle level fieldset.
    MiddleLegend => "Công an cấp huyện (nếu có, trước năm 2025)", "District-level police (if any, before 2025)";
    /// Ward fieldset.
    WardLegend => "Công an phường", "Ward police";
    /// Unit name field.
    UnitName => "Tên đơn vị", "Unit name";
    /// Unit code field.
    UnitCode => "Mã đơn vị (nếu biết)", "Unit code (if known)";
    /// Codes hint.
    CodeHint => "Nên dùng mã đơn vị hành chính chính thức để Công an tỉnh ghép đúng số liệu; để trống nếu chưa biết.",
        "Use the official administrative code so the province matches your data; leave empty if unknown.";
    /// Officer name field.
    ProfileOfficer => "Họ tên cán bộ nhập liệu", "Officer's full name";
    /// Start button.
    StartWorking => "Lưu và bắt đầu", "Save and start";

    /// Setup heading.
    SetupTitle => "Thiết lập", "Setup";
    /// Current unit label.
    CurrentUnit => "Đơn vị:", "Unit:";
    /// Setup: config file text.
    SetupConfigIntro => "Khi Công an tỉnh gửi tệp cấu hình mới (bộ tiêu chí chính thức, danh sách đơn vị, chỉ tiêu), nhập tại đây.",
        "When the province sends a new configuration file (official catalogue, unit list, quotas), import it here.";
    /// Setup: the signing key panel heading.
    SigningTitle => "Chữ ký số của máy này", "This laptop's digital signature";
    /// Setup: what the signing key is for.
    SigningIntro => "Mỗi tệp xuất từ máy này đều được ký bằng khóa riêng của máy (khóa bí mật không rời khỏi trình duyệt). Khi Công an tỉnh nhập tệp lần đầu, họ sẽ đọc cho đồng chí một dãy mã nhận dạng khóa: hãy đối chiếu với dãy dưới đây.",
        "Every file exported from this laptop is signed with the laptop's own key (the private key never leaves the browser). When the province imports a file for the first time, they will read a key fingerprint to you: compare it with the one below.";
    /// Setup: the fingerprint's label.
    OwnFingerprint => "Mã nhận dạng khóa (dấu vân tay):", "Key fingerprint:";

    /// Assessment heading (followed by the year).
    AssessmentTitle => "Tự đánh giá năm", "Self-assessment";
    /// Year select.
    Year => "Năm đánh giá", "Year";
    /// Not started yet.
    NotStarted => "Chưa có bản tự đánh giá của năm này.", "There is no self-assessment for this year yet.";
    /// Start button (followed by the year).
    StartAssessment => "Bắt đầu tự đánh giá năm", "Start the self-assessment of";
    /// Track fieldset.
    Track => "Diện", "Track";
    /// Maintain.
    TrackMaintain => "Duy trì (đã được công nhận)", "Maintain (already recognised)";
    /// Recognised since.
    RecognisedSince => "Năm được công nhận", "Year recognised";
    /// New.
    TrackNew => "Xây dựng mới", "Newly build";
    /// None.
    TrackNone => "Chưa đăng ký (theo dõi)", "Not registered (tracking only)";
    /// Official badge.
    OfficialCatalogue => "Bản chính thức", "Official";
    /// Draft badge.
    DraftCatalogue => "BẢN DỰNG TẠM — chưa phải văn bản chính thức", "DRAFT — not the official text";
    /// Autosave hint.
    AutosaveHint => "Mọi thay đổi được lưu ngay trên máy khi nhập; không cần bấm nút lưu.",
        "Every change is saved on this computer as you type; there is no save button.";
    /// Progress heading.
    ProgressTitle => "Tiến độ", "Progress";
    /// Not expected complete yet.
    NotYetExpected => "Chưa dự kiến đạt đủ tiêu chí.", "Not yet expected to meet every criterion.";
    /// Per group caption.
    PerGroup => "Theo nhóm tiêu chí", "By group";
    /// Group column.
    Group => "Nhóm", "Group";
    /// Filter.
    OnlyNotMet => "Chỉ hiện tiêu chí chưa đạt", "Show only criteria not yet met";
    /// Status fieldset.
    Status => "Kết quả", "Status";
    /// Figure field.
    Figure => "Số liệu", "Figure";
    /// Target.
    Target => "mục tiêu", "target";
    /// Bad figure.
    FigureInvalid => "Số liệu không hợp lệ (ví dụ: 95 hoặc 95,5).", "Not a valid number (for example 95 or 95.5).";
    /// Evidence hint prefix.
    EvidenceHint => "Minh chứng gợi ý:", "Suggested evidence:";
    /// Evidence fieldset.
    Evidence => "Minh chứng", "Evidence";
    /// Add evidence.
    AddEvidence => "Thêm minh chứng", "Add evidence";
    /// Remove evidence.
    RemoveEvidence => "Bỏ minh chứng này", "Remove this evidence";
    /// Document number.
    DocNumber => "Số văn bản", "Document number";
    /// Document date.
    DocDate => "Ngày ban hành", "Date";
    /// Issuer.
    Issuer => "Cơ quan ban hành", "Issued by";
    /// Description.
    Description => "Nội dung", "Description";
    /// Note.
    Note => "Ghi chú", "Note";
    /// Conflict badge.
    ConflictBadge => "Có xung đột dữ liệu — xem và xử lý", "Conflicting edits — review";
    /// History disclosure.
    History => "Lịch sử thay đổi", "History";
    /// No history.
    NoHistory => "Chưa có thay đổi nào.", "No changes yet.";

    /// Gaps heading (followed by the year).
    GapsTitle => "Khắc phục và kiến nghị năm", "Gaps and requests";
    /// Actions heading.
    ActionsTitle => "Nhiệm vụ khắc phục", "Follow-up tasks";
    /// Actions text.
    ActionsIntro => "Mỗi tiêu chí chưa đạt cần có nhiệm vụ khắc phục: rõ người, rõ việc, rõ thời gian hoàn thành.",
        "Every criterion not yet met needs a task with a clear owner, task and deadline.";
    /// Gaps without a task (followed by the criteria).
    GapsWithoutTask => "Tiêu chí chưa đạt chưa có nhiệm vụ:", "Criteria not met without a task:";
    /// Add task.
    AddAction => "Thêm nhiệm vụ", "Add task";
    /// Criterion field.
    Criterion => "Tiêu chí", "Criterion";
    /// General task.
    GeneralTask => "Chung (không gắn tiêu chí)", "General (no criterion)";
    /// Task field.
    Task => "Nhiệm vụ", "Task";
    /// Owner field.
    Owner => "Người chịu trách nhiệm", "Owner";
    /// Deadline field.
    Deadline => "Thời hạn", "Deadline";
    /// Done checkbox.
    Done => "Đã hoàn thành", "Done";
    /// Overdue badge.
    Overdue => "Quá hạn", "Overdue";
    /// Delete.
    Delete => "Xoá", "Delete";
    /// Requests heading.
    RequestsTitle => "Kiến nghị, đề xuất với Công an tỉnh", "Requests to the province";
    /// Requests text.
    RequestsIntro => "Biên chế, trụ sở, cơ sở vật chất, kinh phí, trang thiết bị, phương tiện và các đề xuất khác.",
        "Staffing, premises, facilities, funding, equipment, vehicles and other requests.";
    /// Add request.
    AddRequest => "Thêm kiến nghị", "Add request";
    /// Category field.
    Category => "Lĩnh vực", "Category";
    /// Quantity field.
    Quantity => "Số lượng, kinh phí", "Quantity or amount";
    /// Unit label field.
    UnitLabel => "Đơn vị tính", "Unit";
    /// Totals heading.
    RequestTotals => "Tổng hợp theo lĩnh vực", "Totals by category";

    /// Exchange heading.
    ExchangeTitle => "Xuất, nhập tệp", "Files in and out";
    /// Export heading.
    ExportTitle => "Gửi Công an tỉnh", "Send to the province";
    /// Export text.
    ExportIntro => "Xuất một tệp chứa toàn bộ số liệu tự đánh giá của phường, rồi gửi Công an tỉnh qua USB, thư điện tử hoặc ứng dụng nhắn tin.",
        "Export one file with all of the ward's self-assessment, then send it to the province by USB stick, email or chat.";
    /// Export button.
    ExportButton => "Xuất tệp gửi Công an tỉnh", "Export the file for the province";
    /// Last export (followed by when).
    LastExport => "Lần xuất gần nhất:", "Last export:";
    /// Never exported.
    NeverExported => "Chưa xuất tệp lần nào.", "Never exported.";
    /// Reminder.
    ExportReminder => "Có thay đổi chưa gửi Công an tỉnh đã hơn 3 ngày. Hãy xuất tệp và gửi đi.",
        "Some changes have not been sent to the province for more than 3 days. Export and send the file.";
    /// Import heading.
    ImportTitle => "Nhập tệp", "Import files";
    /// Import text.
    ImportIntro => "Nhập tệp cấu hình của Công an tỉnh, hoặc tệp xuất từ máy khác của chính phường này. Tệp lỗi hoặc của đơn vị khác bị từ chối và không làm thay đổi gì.",
        "Import the province's configuration file, or a file exported from another laptop of this same ward. A broken file or another unit's file is refused and changes nothing.";
    /// Import input.
    ImportFileLabel => "Chọn tệp (.json)", "Choose files (.json)";
    /// Conflicts heading.
    ConflictsTitle => "Xung đột dữ liệu", "Conflicting edits";
    /// Conflicts text.
    ConflictsIntro => "Cùng một nội dung được sửa trên hai máy mà không biết nhau. Chọn giá trị đúng, hoặc sửa lại trực tiếp ở tiêu chí; kết quả sẽ theo tệp xuất lần sau.",
        "The same item was edited on two laptops without seeing each other. Keep the right value, or rewrite it at the criterion; the resolution travels with the next export.";
    /// No conflicts.
    NoConflicts => "Không có xung đột.", "No conflicts.";
    /// Keep this value.
    KeepThisValue => "Giữ giá trị này", "Keep this value";

    /// Print heading.
    PrintTitle => "Báo cáo tự đánh giá để in", "Printable self-assessment report";
    /// Print button.
    PrintButton => "In báo cáo (A4)", "Print (A4)";
    /// The unit of a count figure (beside the input).
    FigureCount => "số lượng", "count";
    /// A file imported before.
    AlreadyImported => "đã nhập trước đây, không có gì thay đổi.", "already imported; nothing changed.";
    }
}

/// The catalogue line's start: "Bộ tiêu chí áp dụng năm 2025:".
pub fn catalogue_of_year(year: u16, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Bộ tiêu chí áp dụng năm {year}:"),
        Lang::En => format!("Criteria catalogue for {year}:"),
    }
}

/// A catalogue's id and size: "(mã …, 22 tiêu chí)".
pub fn catalogue_id_size(id: &str, count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("(mã {id}, {count} tiêu chí)"),
        Lang::En => format!("(id {id}, {count} criteria)"),
    }
}

/// A refused file: "bị từ chối, không có gì thay đổi." and every problem.
pub fn import_refused(problems: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("bị từ chối, không có gì thay đổi. {problems}"),
        Lang::En => format!("refused; nothing changed. {problems}"),
    }
}

/// A file of another unit than this laptop's ward.
pub fn other_unit(unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Tệp này là của đơn vị khác (mã “{unit}”), không phải Công an phường đang làm việc trên máy này; không có gì thay đổi."
        ),
        Lang::En => format!(
            "This file belongs to another unit (id “{unit}”), not the ward this laptop works for; nothing changed."
        ),
    }
}

/// How many changes wait to be exported.
pub fn unexported(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{count} thay đổi chưa xuất."),
        Lang::En => format!("{count} changes not exported yet."),
    }
}

/// Every criterion met.
pub fn all_met(total: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đạt {total}/{total} tiêu chí."),
        Lang::En => format!("All {total} criteria met."),
    }
}

/// Every criterion met or expected.
pub fn all_expected(total: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Dự kiến đạt {total}/{total} tiêu chí."),
        Lang::En => format!("Expected to reach {total}/{total}."),
    }
}

/// Why the first-run form cannot be saved yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstRunProblem {
    /// No province name.
    ProvinceMissing,
    /// No ward name.
    WardMissing,
    /// No officer name.
    OfficerMissing,
    /// A code has characters an id cannot hold.
    BadCode,
}

impl FirstRunProblem {
    /// The message in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.message_vi(),
            Lang::En => self.message_en(),
        }
    }

    /// The message in Vietnamese.
    pub fn message_vi(self) -> &'static str {
        match self {
            FirstRunProblem::ProvinceMissing => "Hãy nhập tên Công an tỉnh, thành phố.",
            FirstRunProblem::WardMissing => "Hãy nhập tên Công an phường.",
            FirstRunProblem::OfficerMissing => "Hãy nhập họ tên cán bộ nhập liệu.",
            FirstRunProblem::BadCode => {
                "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và các dấu . _ : - (tối đa 128 ký tự)."
            }
        }
    }

    /// The message in English.
    pub fn message_en(self) -> &'static str {
        match self {
            FirstRunProblem::ProvinceMissing => "Enter the provincial police's name.",
            FirstRunProblem::WardMissing => "Enter the ward police's name.",
            FirstRunProblem::OfficerMissing => "Enter the officer's full name.",
            FirstRunProblem::BadCode => {
                "A unit code holds only unaccented letters, digits and . _ : - (at most 128)."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_has_both_texts() {
        crate::i18n::tests::assert_complete(super::WardMsg::ALL);
    }
}
