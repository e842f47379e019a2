//! The provincial workspace's messages (Vietnamese first, English second). Texts that carry
//! figures are built by the core (`summary_paragraph_vi`, `MergeReport::summary_vi`, …) or by the
//! screens from these words.

use super::messages;

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
    /// Column: expected to reach every criterion.
    ColumnExpectedFull => "Dự kiến đạt 20/20", "Expected 20/20";
    /// Column: every criterion met.
    ColumnCompleteFull => "Đã đạt 20/20", "Already 20/20";
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Text};

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
