//! The provincial workspace's messages (Vietnamese first, English second). Texts that carry
//! figures are built by the core (`summary_paragraph_vi`, `MergeReport::summary_vi`, …) or by the
//! screens from these words.

use super::{Lang, messages};

messages! {
    /// Messages of the provincial police workspace.
    ProvinceMsg {
    /// Province workspace heading.
    Title => "Không gian làm việc của Công an tỉnh", "Provincial police workspace";
    /// What the workspace is for.
    Intro => "Nhập, hợp nhất và xét duyệt hồ sơ của các Công an phường.",
        "Import, merge and review the wards' records.";
    /// The sub-navigation's landmark label.
    SubNavLabel => "Các mục của Công an tỉnh", "Provincial workspace sections";
    /// Link: dashboard.
    NavDashboard => "Tổng quan", "Dashboard";
    /// Link: import.
    NavImport => "Nhập tệp", "Import files";
    /// Link: conflicts.
    NavConflicts => "Xung đột", "Conflicts";
    /// Link: review.
    NavReview => "Xét duyệt", "Review";
    /// Link: report.
    NavReport => "Báo cáo họp", "Meeting report";
    /// Link: setup.
    NavSetup => "Thiết lập", "Setup";

    /// Dashboard heading.
    DashboardTitle => "Tổng quan kết quả năm", "The year at a glance";
    /// Shown when the registry has no province yet.
    NoProvinceHelp => "Chưa có Công an tỉnh nào trong danh mục đơn vị. Hãy nhập gói cấu hình hoặc các tệp của Công an phường, hoặc khai báo đơn vị ở mục Thiết lập.",
        "No provincial police is in the unit registry yet. Import the config bundle or the wards' files, or enter the units under Setup.";
    /// Choice: province.
    ChoiceProvince => "Công an tỉnh", "Provincial police";
    /// Option when no province exists.
    NoProvinceYet => "(chưa có)", "(none yet)";
    /// Choice: year.
    ChoiceYear => "Năm", "Year";
    /// Choice: basis.
    ChoiceBasis => "Số liệu", "Figures";
    /// Choice: track filter.
    ChoiceTrack => "Hướng xây dựng", "Track";
    /// Choice: parent filter.
    ChoiceParent => "Đơn vị cấp huyện", "Middle-level unit";
    /// Parent filter: no filter.
    WholeProvince => "Toàn tỉnh", "Whole province";
    /// Hidden heading of the headline cards.
    HeadlineTitle => "Số liệu chính", "Headline figures";
    /// Tag shown with after-review figures.
    AfterReviewTag => "Sau họp xét", "After review";
    /// Card: maintained wards.
    MaintainedTitle => "Duy trì mô hình", "Maintaining the model";
    /// Card: new wards.
    NewTitle => "Xây dựng mới", "Newly building";
    /// Unit after a count of wards.
    WardsUnit => "Công an phường", "ward police units";
    /// Card: what needs attention.
    AttentionTitle => "Cần lưu ý", "Needs attention";
    /// Wards with no bundle.
    WardsWithoutBundle => "Chưa nộp bản tự đánh giá", "No self-assessment yet";
    /// Overdue action items.
    OverdueActions => "Nhiệm vụ quá hạn", "Overdue action items";
    /// Assessed units on no track.
    UntrackedWards => "Đơn vị chưa đăng ký hướng", "Units on no track";
    /// Values in conflict the figures depend on.
    ConflictsInFigures => "Giá trị đang xung đột trong số liệu", "Values in conflict in the figures";
    /// Warning next to conflicts.
    ConflictsWarning => "Số liệu đang tạm tính; hãy xử lý các xung đột trước khi báo cáo.",
        "The figures are provisional; resolve the conflicts before reporting.";
    /// Paragraph heading.
    ParagraphTitle => "Đoạn tổng hợp cho cuộc họp", "The meeting's summary paragraph";
    /// Note when filters are on.
    ParagraphWholeProvince => "Đoạn tổng hợp luôn tính cho toàn tỉnh; các bảng dưới đây theo bộ lọc đã chọn.",
        "The paragraph always covers the whole province; the tables below follow the filters.";
    /// Per-middle table heading.
    PerMiddleTitle => "Kết quả theo đơn vị cấp huyện", "By middle-level unit";
    /// Wards directly under the province.
    DirectlyUnderProvince => "Trực thuộc Công an tỉnh", "Directly under the province";
    /// Total row.
    TotalRow => "Toàn tỉnh", "Province total";
    /// Column: unit.
    ColumnUnit => "Đơn vị", "Unit";
    /// Column: total.
    ColumnTotal => "Tổng số", "Total";
    /// Matrix heading.
    MatrixTitle => "Kết quả từng tiêu chí", "Each criterion, each ward";
    /// Matrix caption for screen readers.
    MatrixCaption => "Bảng kết quả từng tiêu chí của từng Công an phường; mỗi ô ghi ký hiệu trạng thái.",
        "Each ward's status on each criterion; every cell carries a status mark.";
    /// Column: ward.
    ColumnWard => "Công an phường", "Ward police";
    /// Column: track.
    ColumnTrack => "Hướng", "Track";
    /// Column: met / met or expected.
    ColumnMetExpected => "Đạt · Đ+DK", "Met · M+E";
    /// Legend label.
    LegendLabel => "Chú thích ký hiệu", "Key to the marks";
    /// Legend: star.
    LegendDisputed => "không nhất trí khi thẩm định", "disputed at review";
    /// Legend: exclamation mark.
    LegendConflict => "giá trị đang xung đột", "value in conflict";
    /// Legend: totals column.
    LegendTotals => "số tiêu chí đạt · số tiêu chí đạt hoặc dự kiến đạt (Đ+DK)", "criteria met · criteria met or expected (M+E)";
    /// Chart heading.
    ChartTitle => "Các tiêu chí nhiều đơn vị chưa đạt nhất", "The criteria most often missed";
    /// Chart when nothing is missed.
    ChartEmpty => "Không có tiêu chí nào bị các đơn vị bỏ lỡ.", "No criterion is missed by any unit.";
    /// Requests heading.
    RequestsTitle => "Kiến nghị, đề xuất theo lĩnh vực", "Requests by category";
    /// Column: category.
    ColumnCategory => "Lĩnh vực", "Category";
    /// Column: number of requests.
    ColumnRequests => "Số kiến nghị", "Requests";
    /// Column: quantities.
    ColumnQuantity => "Số lượng đề xuất", "Quantities";
    /// Actions heading.
    ActionsTitle => "Nhiệm vụ khắc phục đang thực hiện", "Open action items";
    /// Column: criterion.
    ColumnCriterion => "Tiêu chí", "Criterion";
    /// Column: task.
    ColumnTask => "Nhiệm vụ", "Task";
    /// Column: owner.
    ColumnOwner => "Người thực hiện", "Owner";
    /// Column: deadline.
    ColumnDeadline => "Thời hạn", "Deadline";
    /// Column: state.
    ColumnState => "Tình trạng", "State";
    /// An overdue item.
    Overdue => "Quá hạn", "Overdue";
    /// An item not overdue.
    OnTime => "Trong hạn", "On time";
    /// Missing wards heading.
    MissingTitle => "Công an phường chưa nộp tệp", "Wards with no file yet";
    /// No missing wards.
    MissingNone => "Tất cả Công an phường đã nộp bản tự đánh giá.", "Every ward has sent its self-assessment.";

    /// Outputs heading.
    OutputsTitle => "Xuất báo cáo và dữ liệu", "Reports and data";
    /// Button: workbook.
    DownloadXlsx => "Tải bảng tính Excel (.xlsx)", "Download the Excel workbook (.xlsx)";
    /// Button: CSV.
    DownloadCsv => "Tải bảng kết quả (.csv)", "Download the results table (.csv)";
    /// Button: merged bundle.
    DownloadBundle => "Tải gói tổng hợp gửi Bộ (.json)", "Download the merged bundle for the Ministry (.json)";
    /// Link: report.
    OpenReport => "Mở báo cáo để in", "Open the printable report";
    /// Outputs hint.
    OutputsHint => "Tên tệp gồm mã đơn vị, năm, ngày và giờ xuất. Gói tổng hợp có thể nhập lại vào ứng dụng này.",
        "File names carry the unit code, the year and the date and time. The merged bundle can be imported into this app again.";

    /// Import heading.
    ImportTitle => "Nhập tệp của các đơn vị", "Import the units' files";
    /// Import introduction.
    ImportIntro => "Chọn hoặc kéo thả cùng lúc nhiều tệp gói dữ liệu (.json) của Công an phường, gói tổng hợp hoặc gói cấu hình. Trước khi nhập, ứng dụng cho xem tệp nào sẽ thêm, cập nhật hay tạo xung đột. Tệp hỏng bị từ chối và không làm thay đổi gì; các tệp khác vẫn được nhập.",
        "Choose or drop many bundle files (.json) at once: ward bundles, merged bundles or config bundles. Before importing, the app shows what each file will add, update or put in conflict. A broken file is refused and changes nothing; the others still import.";
    /// The file input's label.
    ChooseFiles => "Chọn tệp…", "Choose files…";
    /// Drop zone hint.
    DropHint => "hoặc kéo thả các tệp vào đây", "or drop the files here";
    /// Progress: previewing.
    Previewing => "Đang đọc và kiểm tra tệp", "Reading and checking the files";
    /// Progress: preview ready.
    PreviewReady => "Đã kiểm tra xong", "Checked";
    /// Progress: importing.
    Importing => "Đang nhập", "Importing";
    /// Progress: done.
    ImportDone => "Đã nhập xong", "Import finished";
    /// Preview heading.
    PreviewTitle => "Xem trước khi nhập", "Before importing";
    /// Results heading.
    ResultsTitle => "Kết quả nhập từng tệp", "Result for each file";
    /// Button: cancel.
    Cancel => "Huỷ", "Cancel";
    /// Button: import more files.
    ImportMore => "Nhập thêm tệp khác", "Import more files";
    /// Import log heading.
    LogTitle => "Nhật ký nhập tệp trên máy này", "Import log of this computer";
    /// Log loading.
    LogLoading => "Đang đọc nhật ký…", "Reading the log…";
    /// Empty log.
    LogEmpty => "Chưa nhập tệp nào.", "No file imported yet.";
    /// Column: time.
    ColumnTime => "Thời gian", "Time";
    /// Column: file.
    ColumnFile => "Tệp", "File";
    /// Column: outcome.
    ColumnOutcome => "Kết quả", "Outcome";

    /// Conflicts heading.
    ConflictsTitle => "Xung đột dữ liệu", "Data conflicts";
    /// Conflicts introduction.
    ConflictsIntro => "Một giá trị bị sửa trên hai máy mà hai máy chưa thấy bản sửa của nhau. Hãy giữ một giá trị hoặc viết lại giá trị đúng; cách xử lý được lưu, ghi nhật ký và gửi đi cùng gói dữ liệu tiếp theo.",
        "A value was changed on two computers that had not seen each other's change. Keep one value or write the right one; the resolution is stored, logged and travels with the next bundle.";
    /// Tag: the value figures use meanwhile.
    ProvisionalWinner => "Số liệu đang tạm dùng giá trị này", "Figures use this value meanwhile";
    /// Button: keep this value.
    KeepThis => "Giữ giá trị này", "Keep this value";
    /// Button: rewrite from this value.
    RewriteFromThis => "Viết lại từ giá trị này", "Rewrite from this value";
    /// Rewrite form heading.
    RewriteTitle => "Viết lại giá trị", "Rewrite the value";
    /// Field: choice (status, verdict, track).
    FieldChoice => "Trạng thái", "State";
    /// Field: note.
    FieldNote => "Ghi chú", "Note";
    /// Field: comment.
    FieldComment => "Nhận xét", "Comment";
    /// Field: task.
    FieldTask => "Nhiệm vụ", "Task";
    /// Field: owner.
    FieldOwner => "Người thực hiện", "Owner";
    /// Field: deadline.
    FieldDeadline => "Thời hạn (dd/mm/yyyy)", "Deadline (dd/mm/yyyy)";
    /// Field: description.
    FieldDescription => "Nội dung", "Description";
    /// Field: quantity.
    FieldQuantity => "Số lượng", "Quantity";
    /// Field: since year.
    FieldSinceYear => "Năm được công nhận", "Year first recognised";
    /// Button: save the rewrite.
    SaveRewrite => "Lưu giá trị mới", "Save the new value";

    /// Review heading.
    ReviewTitle => "Xét duyệt kết quả tự đánh giá", "Review the self-assessments";
    /// Review introduction.
    ReviewIntro => "Với từng tiêu chí của từng Công an phường, tổ thẩm định nhất trí hoặc không nhất trí với kết quả tự đánh giá và ghi nhận xét. Trên trang Tổng quan, chọn “Sau họp xét” để xem số liệu sau xét duyệt.",
        "For each criterion of each ward, the review team agrees or disagrees with the self-assessment and writes a comment. On the dashboard, choose “After review” to see the figures after review.";
    /// Reviewer name missing.
    ReviewerMissing => "Chưa khai báo tên người thẩm định; ý kiến sẽ được ghi với mã thiết bị.",
        "No reviewer name is set; verdicts will carry the device id.";
    /// Field: ward to review.
    ReviewWard => "Công an phường", "Ward police";
    /// No ward to review.
    ReviewEmpty => "Chưa có bản tự đánh giá nào của năm này.", "No self-assessment for this year yet.";
    /// Column: self-assessed status.
    ColumnSelfAssessed => "Tự đánh giá", "Self-assessed";
    /// Column: evidence.
    ColumnEvidence => "Minh chứng, ghi chú", "Evidence, note";
    /// Column: verdict.
    ColumnVerdict => "Ý kiến thẩm định", "Review";
    /// Column: status after review.
    ColumnAfterReview => "Sau họp xét", "After review";
    /// Verdict: agree.
    VerdictAgree => "Nhất trí", "Agree";
    /// Verdict: disagree.
    VerdictDisagree => "Không nhất trí", "Disagree";
    /// Verdict: none.
    VerdictNone => "Chưa thẩm định", "Not reviewed";
    /// Button: save the verdict.
    SaveVerdict => "Lưu ý kiến", "Save";
    /// Marker of a value in conflict.
    ValueInConflict => "Đang có xung đột", "In conflict";

    /// Report heading (screen only).
    ReportTitle => "Báo cáo phục vụ họp xét", "Report for the review meeting";
    /// Report introduction (screen only).
    ReportIntro => "Báo cáo khổ A4 theo năm, bộ lọc và cách tính số liệu đã chọn. Dùng nút In (hoặc Ctrl+P) để in hoặc lưu PDF.",
        "An A4 report of the chosen year, filters and basis. Use Print (or Ctrl+P) to print or save a PDF.";
    /// Button: print.
    Print => "In báo cáo", "Print";

    /// Setup heading.
    SetupTitle => "Thiết lập", "Setup";
    /// Office profile heading.
    OfficeTitle => "Đơn vị và người thẩm định", "Office and reviewer";
    /// Field: province of the office.
    OfficeProvince => "Công an tỉnh của văn phòng này", "This office's provincial police";
    /// Option: no province chosen.
    OfficeProvinceNone => "(tự chọn theo danh mục)", "(from the registry)";
    /// Field: reviewer.
    OfficeReviewer => "Họ tên người thẩm định", "Reviewer's name";
    /// Units heading.
    UnitsTitle => "Danh mục đơn vị", "Unit registry";
    /// Units introduction.
    UnitsIntro => "Mã đơn vị nên dùng mã đơn vị hành chính chính thức; tên có thể sửa khi đơn vị đổi tên hoặc sáp nhập.",
        "Prefer the official administrative code as the unit id; names can change when units are renamed or merged.";
    /// Unit form heading.
    UnitFormTitle => "Thêm hoặc sửa một đơn vị", "Add or edit a unit";
    /// Field: unit name.
    FieldUnitName => "Tên đơn vị", "Unit name";
    /// Field: unit id.
    FieldUnitId => "Mã đơn vị (chữ không dấu, số, - _ . :)", "Unit id (ASCII letters, digits, - _ . :)";
    /// Column: unit id.
    ColumnUnitId => "Mã đơn vị", "Unit id";
    /// Field: administrative code.
    FieldUnitCode => "Mã đơn vị hành chính", "Administrative code";
    /// Field: kind.
    FieldUnitKind => "Loại đơn vị", "Kind";
    /// Field: parent.
    FieldUnitParent => "Đơn vị cấp trên", "Parent unit";
    /// Option: no parent.
    NoParent => "(không có)", "(none)";
    /// Button: save unit.
    SaveUnit => "Lưu đơn vị", "Save unit";
    /// Unit list heading.
    UnitListTitle => "Nhập danh sách đơn vị từ tệp CSV hoặc JSON", "Import a unit list (CSV or JSON)";
    /// Unit list hint.
    UnitListHint => "Tệp CSV có dòng tiêu đề với các cột: mã (id), mã hành chính (code), tên (name_vi), loại (kind: tỉnh, huyện, phường, xã), cấp trên (parent). Có thể lưu từ Excel bằng “CSV UTF-8”. Tệp có lỗi sẽ không được nhập dòng nào.",
        "A CSV file with a header row: id, code, name_vi, kind (province, middle, ward, commune), parent. Save from Excel as “CSV UTF-8”. A file with any error adds nothing.";
    /// Unit list file input.
    UnitListChoose => "Chọn tệp danh sách…", "Choose the list file…";
    /// Unit list refused.
    UnitListRefused => "Danh sách chưa được nhập vì có lỗi:", "The list was not imported because of these problems:";
    /// Quota heading.
    QuotaTitle => "Chỉ tiêu Bộ giao (số Công an phường xây dựng mới)", "Ministry quota (new model wards)";
    /// Field: quota.
    FieldQuota => "Chỉ tiêu", "Quota";
    /// Button: save quota.
    SaveQuota => "Lưu chỉ tiêu", "Save quota";
    /// Catalogues heading.
    CataloguesTitle => "Bộ tiêu chí", "Criteria catalogues";
    /// Catalogue loader heading.
    CatalogueLoadTitle => "Nạp bộ tiêu chí chính thức từ tệp JSON", "Load the official catalogue (JSON file)";
    /// Catalogue file input.
    CatalogueChoose => "Chọn tệp bộ tiêu chí…", "Choose the catalogue file…";
    /// Catalogue refused.
    CatalogueRefused => "Tệp bộ tiêu chí có lỗi, chưa được nạp:", "The catalogue file has problems and was not loaded:";
    /// Button: add catalogue.
    CatalogueAdd => "Thêm bộ tiêu chí này", "Add this catalogue";
    /// Year catalogue heading.
    YearCatalogueTitle => "Bộ tiêu chí áp dụng cho từng năm", "The catalogue each year uses";
    /// Field: catalogue for the year.
    CatalogueForYear => "Bộ tiêu chí", "Catalogue";
    /// Button: save year catalogue.
    SaveYearCatalogue => "Lưu lựa chọn", "Save the choice";
    /// Config heading.
    ConfigTitle => "Gói cấu hình cho các Công an phường", "Config bundle for the wards";
    /// Config hint.
    ConfigHint => "Gói gồm danh mục đơn vị, chỉ tiêu, bộ tiêu chí và lựa chọn bộ tiêu chí theo năm; gửi cho các Công an phường để nhập vào máy của họ.",
        "The bundle carries the unit registry, quotas, catalogues and each year's catalogue choice; send it to the wards to import on their computers.";
    /// Button: config bundle.
    DownloadConfig => "Tải gói cấu hình (.json)", "Download the config bundle (.json)";
    /// Rewrite choice: maintain the model status.
    OptionMaintain => "Duy trì", "Maintain";
    /// Rewrite choice: newly building it.
    OptionNew => "Xây dựng mới", "New";
    /// Rewrite choice: no track.
    OptionNoTrack => "Chưa đăng ký", "No track";
    /// Rewrite choice: an open task.
    OptionOpen => "Đang thực hiện", "Open";
    /// Rewrite choice: a task done.
    OptionDone => "Đã hoàn thành", "Done";
    /// Rewrite choice: agree.
    OptionAgree => "Nhất trí", "Agree";
    /// Rewrite choice: disagree.
    OptionDisagree => "Không nhất trí", "Disagree";
    /// Rewrite choice: withdraw the verdict.
    OptionWithdraw => "Rút ý kiến", "Withdraw";
    /// Preview line: the file will be imported.
    LineToImport => "Sẽ nhập", "To import";
    /// Preview or result line: imported before.
    LineAlready => "Đã nhập trước đây", "Already imported";
    /// Preview line: the file will be refused.
    LineWillRefuse => "Sẽ bị từ chối", "Will be refused";
    /// Result line: imported.
    LineImported => "Đã nhập", "Imported";
    /// Result line: refused.
    LineRefused => "Bị từ chối", "Refused";
    /// Conflict sibling: the device.
    SiblingDevice => "Thiết bị: ", "Device: ";
    /// Conflict sibling: the author.
    SiblingAuthor => " · Người sửa: ", " · Author: ";
    /// Conflict sibling: when.
    SiblingAt => " · Lúc: ", " · At: ";
    /// A review was saved.
    ReviewSaved => "Đã lưu ý kiến thẩm định.", "Review saved.";
    /// The chart's axis: criterion.
    ChartCriterion => "Tiêu chí", "Criterion";
    /// Matrix cell: the criterion is not in the unit's catalogue.
    CellNotInCatalogue => "Không có trong bộ tiêu chí của đơn vị", "Not in the unit's catalogue";
    /// Matrix cell: disputed at review.
    CellDisputed => "không nhất trí khi thẩm định", "disputed at review";
    /// Matrix cell: a value in conflict.
    CellInConflict => "đang có xung đột dữ liệu", "value in conflict";
    /// A file imported before (a result's detail).
    AlreadyNothingChanged => "Đã nhập trước đây; không có gì thay đổi.", "Already imported; nothing changed.";
    /// The quota form: not whole numbers.
    QuotaNotNumbers => "Năm và chỉ tiêu phải là số nguyên (ví dụ năm 2024, chỉ tiêu 4).",
        "Year and quota must be whole numbers (for example 2024 and 4).";
    /// The year's catalogue form: a year and a catalogue are needed.
    YearCatalogueIncomplete => "Hãy nhập năm (ví dụ 2025) và chọn một bộ tiêu chí.",
        "Enter a year (for example 2025) and choose a catalogue.";
    }
}

messages! {
    /// Why a rewritten conflict value is refused (the conflicts screen's rewrite form).
    RewriteProblem {
    /// The quota is not a whole number.
    QuotaNotWhole => "Chỉ tiêu phải là một số nguyên không âm.",
        "The quota must be a whole number, zero or more.";
    /// The year of recognition is missing.
    SinceYearMissing => "Hãy nhập năm được công nhận (ví dụ 2023).",
        "Enter the year first recognised (for example 2023).";
    /// The quantity is not a number.
    QuantityNotNumber => "Số lượng phải là một số (ví dụ 2 hoặc 1,5).",
        "The quantity must be a number (for example 2 or 1.5).";
    /// The base value was deleted.
    BaseDeleted => "Giá trị này đã bị xoá; hãy viết lại từ một giá trị khác hoặc giữ nguyên một giá trị.",
        "This value was deleted; rewrite from another value or keep one as it is.";
    }
}

/// The browser refused a download.
pub fn download_refused(detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Trình duyệt không cho tải tệp xuống ({detail})."),
        Lang::En => format!("The browser refused the download ({detail})."),
    }
}

/// A file was made: "Đã tạo tệp … ."
pub fn file_made(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã tạo tệp {name}."),
        Lang::En => format!("Made the file {name}."),
    }
}

/// How many values are in conflict now.
pub fn conflicts_now(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Có {count} giá trị đang xung đột."),
        Lang::En => format!("{count} values are in conflict."),
    }
}

/// How many values would be in conflict after the import.
pub fn conflicts_after_import(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Sau khi nhập sẽ có {count} giá trị đang xung đột cần xử lý."),
        Lang::En => format!("After the import, {count} values will be in conflict."),
    }
}

/// The import button: the files that will be merged in, and the others that are only logged
/// (imported before, or refused).
pub fn import_files(files: usize, others: usize, lang: Lang) -> String {
    match (lang, others) {
        (Lang::Vi, 0) => format!("Nhập {files} tệp"),
        (Lang::Vi, _) => format!("Nhập {files} tệp (ghi nhật ký {others} tệp còn lại)"),
        (Lang::En, 0) => format!("Import {files} files"),
        (Lang::En, _) => format!("Import {files} files (log the other {others})"),
    }
}

/// A line of the import log: imported (with the summary), already imported, or refused (with
/// the problems).
pub fn log_imported(summary: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã nhập: {summary}"),
        Lang::En => format!("Imported: {summary}"),
    }
}

/// A refused file of the import log, with its problems.
pub fn log_refused(problems: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Bị từ chối: {problems}"),
        Lang::En => format!("Refused: {problems}"),
    }
}

/// A criterion named by its number in the catalogue: "số 3 (C03)".
pub fn numbered_criterion(number: usize, criterion: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("số {number} ({criterion})"),
        Lang::En => format!("No. {number} ({criterion})"),
    }
}

/// A criterion with its title: "Tiêu chí 3: …".
pub fn criterion_titled(number: usize, title: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tiêu chí {number}: {title}"),
        Lang::En => format!("Criterion {number}: {title}"),
    }
}

/// One bar of the chart, for screen readers.
pub fn chart_bar(number: usize, missing: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("tiêu chí {number}: {missing} đơn vị chưa đạt"),
        Lang::En => format!("criterion {number}: {missing} units missing it"),
    }
}

/// The headline's basis line: "Năm 2024 — Công an tỉnh …: …".
pub fn basis_line(year: u16, province: &str, basis: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Năm {year} — {province}: {basis}"),
        Lang::En => format!("{year} — {province}: {basis}"),
    }
}

/// Open and overdue action items, as of a date.
pub fn open_actions(open: usize, overdue: usize, today: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            format!(
                "{open} nhiệm vụ đang thực hiện, trong đó {overdue} quá hạn (tính đến ngày {today})."
            )
        }
        Lang::En => format!("{open} open action items, {overdue} of them overdue (as of {today})."),
    }
}

/// A quota saved.
pub fn quota_saved(year: u16, new_wards: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã lưu chỉ tiêu năm {year}: {new_wards}."),
        Lang::En => format!("{year} quota saved: {new_wards}."),
    }
}

/// A year's quota in the list.
pub fn quota_line(year: u16, new_wards: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Năm {year}: {new_wards} Công an phường xây dựng mới"),
        Lang::En => format!("{year}: {new_wards} new wards"),
    }
}

/// A unit id refused by the core, with its reason.
pub fn bad_unit_id(id: &str, reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Mã “{id}” không hợp lệ. {reason}"),
        Lang::En => format!("Id “{id}” is invalid. {reason}"),
    }
}

/// A unit saved.
pub fn unit_saved(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã lưu đơn vị “{name}”."),
        Lang::En => format!("Unit “{name}” saved."),
    }
}

/// A unit list imported.
pub fn units_from_file(count: usize, file: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã thêm hoặc cập nhật {count} đơn vị từ tệp “{file}”."),
        Lang::En => format!("{count} units added or updated from “{file}”."),
    }
}

/// The years a catalogue is used in: " — áp dụng năm 2024, 2025".
pub fn used_in_years(list: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(" — áp dụng năm {list}"),
        Lang::En => format!(" — used in {list}"),
    }
}

/// A catalogue's id and size: " (id, 20 tiêu chí)".
pub fn catalogue_size(id: &str, count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{id}, {count} tiêu chí"),
        Lang::En => format!("{id}, {count} criteria"),
    }
}

/// A catalogue against the built-in draft.
pub fn against_draft(summary: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("So với bản dự thảo có sẵn: {summary}"),
        Lang::En => format!("Against the built-in draft: {summary}"),
    }
}

/// A catalogue added, or found already there.
pub fn catalogue_added(title: &str, new: bool, lang: Lang) -> String {
    match (new, lang) {
        (true, Lang::Vi) => format!("Đã thêm bộ tiêu chí “{title}”."),
        (true, Lang::En) => format!("Catalogue “{title}” added."),
        (false, Lang::Vi) => format!("Bộ tiêu chí “{title}” đã có sẵn."),
        (false, Lang::En) => format!("Catalogue “{title}” was already here."),
    }
}

/// A year's catalogue chosen.
pub fn year_catalogue_saved(year: u16, catalogue: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Năm {year} dùng bộ tiêu chí {catalogue}."),
        Lang::En => format!("{year} uses catalogue {catalogue}."),
    }
}

/// "Every criterion", as the meeting counts it: "22/22" for a catalogue of 22 criteria, or words
/// when the units' catalogues differ in size (`criteria_total` is `None`).
pub fn full(criteria_total: Option<usize>, lang: Lang) -> String {
    match (criteria_total, lang) {
        (Some(total), _) => format!("{total}/{total}"),
        (None, Lang::Vi) => "đủ tiêu chí".to_owned(),
        (None, Lang::En) => "all criteria".to_owned(),
    }
}

/// Column: expected to reach every criterion ("Dự kiến đạt 22/22").
pub fn column_expected_full(criteria_total: Option<usize>, lang: Lang) -> String {
    let full = full(criteria_total, lang);
    match lang {
        Lang::Vi => format!("Dự kiến đạt {full}"),
        Lang::En => format!("Expected {full}"),
    }
}

/// Column: every criterion met ("Đã đạt 22/22").
pub fn column_complete_full(criteria_total: Option<usize>, lang: Lang) -> String {
    let full = full(criteria_total, lang);
    match lang {
        Lang::Vi => format!("Đã đạt {full}"),
        Lang::En => format!("Already {full}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;

    #[test]
    fn the_full_columns_count_the_catalogue_s_criteria() {
        // Regression (issue 27): with 22 criteria the table and the report said "20/20".
        assert_eq!(
            column_expected_full(Some(22), Lang::Vi),
            "Dự kiến đạt 22/22"
        );
        assert_eq!(column_complete_full(Some(22), Lang::Vi), "Đã đạt 22/22");
        assert_eq!(column_expected_full(Some(20), Lang::En), "Expected 20/20");
        assert_eq!(column_complete_full(None, Lang::Vi), "Đã đạt đủ tiêu chí");
        assert_eq!(full(None, Lang::En), "all criteria");
    }

    #[test]
    fn every_message_has_both_texts() {
        crate::i18n::tests::assert_complete(ProvinceMsg::ALL);
    }

    #[test]
    fn vietnamese_texts_carry_their_diacritics() {
        assert_eq!(ProvinceMsg::NavConflicts.text(Lang::Vi), "Xung đột");
        assert_eq!(ProvinceMsg::NavReview.text(Lang::Vi), "Xét duyệt");
        assert_eq!(ProvinceMsg::NavSetup.text(Lang::Vi), "Thiết lập");
        assert_eq!(
            ProvinceMsg::DownloadXlsx.text(Lang::En),
            "Download the Excel workbook (.xlsx)"
        );
    }
}
