//! The fixed Vietnamese texts of the documents. Documents are official papers of Vietnamese
//! units, printed in Vietnamese whatever the interface language; the app's print views take
//! these texts through `i18n/documents.rs`.

/// The national name, top right.
pub const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// The motto under it, with a line as long as the text.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// The ministry above a province's police.
pub const MINISTRY: &str = "BỘ CÔNG AN";
/// Above the recipients, bottom left.
pub const RECIPIENTS: &str = "Nơi nhận:";
/// Under a signer's title when the unit's stamp goes with it.
pub const SIGN_AND_STAMP_HINT: &str = "(Ký, ghi rõ họ tên, đóng dấu)";
/// Under a signer's title.
pub const SIGN_HINT: &str = "(Ký, ghi rõ họ tên)";
/// An empty section.
pub const NONE: &str = "Không có.";
/// The programme's name, as the titles end.
pub const PROGRAMME: &str =
    "xây dựng mô hình Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị";
/// The ward report's title ends with the year.
pub const WARD_SUMMARY: &str = "Kết quả tự đánh giá xây dựng mô hình Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị năm ";
/// The usual last recipient.
pub const FILED: &str = "- Lưu: VT.";
/// The head of a ward police signs the ward's report.
pub const WARD_HEAD: &str = "TRƯỞNG CÔNG AN PHƯỜNG";
/// The head of a unit that is not a ward.
pub const UNIT_HEAD: &str = "TRƯỞNG ĐƠN VỊ";
/// The province's director signs its report and proposal.
pub const PROVINCE_HEAD: &str = "GIÁM ĐỐC";
/// The minutes' chair, on the right.
pub const CHAIR: &str = "CHỦ TRÌ";
/// The minutes' secretary, on the left.
pub const SECRETARY: &str = "THƯ KÝ";

/// The ward report's sections.
pub mod ward {
    /// Section I.
    pub const GENERAL: &str = "I. Thông tin chung";
    /// Section II.
    pub const CRITERIA: &str = "II. Kết quả tự đánh giá theo từng tiêu chí";
    /// Section III.
    pub const ACTIONS: &str = "III. Nhiệm vụ khắc phục";
    /// Section IV.
    pub const REQUESTS: &str = "IV. Kiến nghị, đề xuất";
    /// The criteria table's columns.
    pub const CRITERIA_COLUMNS: [&str; 5] = [
        "TT",
        "Tiêu chí",
        "Kết quả",
        "Số liệu",
        "Minh chứng, ghi chú",
    ];
    /// The action items table's columns.
    pub const ACTION_COLUMNS: [&str; 5] = [
        "Tiêu chí",
        "Nhiệm vụ",
        "Người chịu trách nhiệm",
        "Thời hạn",
        "Tình trạng",
    ];
    /// An action item that belongs to no criterion.
    pub const GENERAL_ITEM: &str = "Chung";
    /// The requests table's columns.
    pub const REQUEST_COLUMNS: [&str; 3] = ["Lĩnh vực", "Nội dung", "Số lượng"];
}

/// The meeting report's sections, in the order of the seed meeting (Nghệ An, 18/12/2024).
pub mod meeting {
    /// Under the summary line.
    pub const SUBTITLE: &str = "(Phục vụ họp xét, đánh giá)";
    /// Section I.
    pub const MAINTAINED: &str =
        "I. Kết quả duy trì mô hình của các Công an phường đã được công nhận";
    /// Section II.
    pub const NEW: &str = "II. Kết quả xây dựng mới so với chỉ tiêu Bộ giao";
    /// Section III.
    pub const WARDS: &str = "III. Kết quả từng tiêu chí của các Công an phường";
    /// Section IV.
    pub const REQUESTS: &str = "IV. Kiến nghị, đề xuất của các đơn vị";
    /// Section V.
    pub const TASKS: &str =
        "V. Nhiệm vụ khắc phục (rõ người, rõ việc, rõ thời gian, rõ trách nhiệm)";
    /// Section VI.
    pub const MISSING: &str = "VI. Đơn vị chưa nộp bản tự đánh giá";
    /// The per-ward table's columns.
    pub const WARD_COLUMNS: [&str; 6] = [
        "TT",
        "Công an phường",
        "Diện",
        "Đạt",
        "Dự kiến đạt",
        "Tiêu chí chưa đạt, chưa đánh giá",
    ];
    /// The tasks table's columns: who, what, by when, which unit answers for it.
    pub const TASK_COLUMNS: [&str; 5] = [
        "TT",
        "Đơn vị chịu trách nhiệm",
        "Nhiệm vụ",
        "Người thực hiện",
        "Thời hạn",
    ];
}

/// The minutes' and the proposal's texts.
pub mod review {
    /// The minutes' summary line.
    pub const MINUTES_SUMMARY: &str = "Họp xét, đánh giá kết quả xây dựng mô hình Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị năm ";
    /// The proposal's summary line.
    pub const PROPOSAL_SUMMARY: &str = "Đề nghị công nhận Công an phường đạt tiêu chuẩn mô hình Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị năm ";
    /// The minutes' section on the wards proposed.
    pub const PROPOSED: &str = "II. Danh sách Công an phường đề nghị công nhận";
    /// The minutes' section on the others.
    pub const NOT_PROPOSED: &str = "III. Công an phường chưa đủ điều kiện đề nghị";
    /// The minutes' first section.
    pub const RESULTS: &str = "I. Kết quả họp xét";
    /// The closing section.
    pub const CONCLUSION: &str = "IV. Kết luận";
    /// The list's columns.
    pub const LIST_COLUMNS: [&str; 5] = [
        "TT",
        "Công an phường",
        "Đơn vị cấp huyện",
        "Diện",
        "Kết quả",
    ];
    /// The others' columns.
    pub const OTHER_COLUMNS: [&str; 4] = ["TT", "Công an phường", "Diện", "Kết quả"];
    /// The proposal's addressee.
    pub const TO_MINISTRY: &str = "Kính gửi: Bộ trưởng Bộ Công an";
    /// The annex's heading.
    pub const ANNEX: &str = "PHỤ LỤC";
    /// The annex's title.
    pub const ANNEX_TITLE: &str = "DANH SÁCH CÔNG AN PHƯỜNG ĐỀ NGHỊ CÔNG NHẬN";
    /// The minutes end.
    pub const CLOSING: &str = "Biên bản được lập xong hồi … giờ … cùng ngày, đã thông qua các thành viên dự họp và nhất trí ký tên.";
}
