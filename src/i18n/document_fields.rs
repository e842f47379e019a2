//! The interface texts around the printed documents: the form of the fields a person fills in
//! once per document and unit (number, place, date, signer, recipients), the Word download and
//! what it says. The documents' own texts are Vietnamese only (`documents.rs`, from the core).

use super::Lang;
use super::messages;

messages! {
    /// Messages of the documents' fields and their Word download.
    DocumentMsg {
    /// The form's heading.
    FieldsTitle => "Thông tin văn bản", "Document details";
    /// What the form is for.
    FieldsHint => "Điền một lần, ứng dụng ghi nhớ cho đơn vị này. Ô để trống được in thành dấu chấm để điền tay; ngày để trống là ngày hôm nay.",
        "Filled in once and remembered for this unit. An empty box prints as dots to fill in by hand; an empty date is today's.";
    /// The number.
    Number => "Số văn bản (ví dụ 125/BC-CAT-PV01)", "Number (for example 125/BC-CAT-PV01)";
    /// The place of the date line.
    Place => "Địa danh", "Place";
    /// The date.
    Date => "Ngày ban hành", "Date";
    /// The signer's title.
    SignerTitle => "Chức vụ người ký (mỗi dòng một dòng in, ví dụ KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)",
        "Signer's title (one printed line a line, for example KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)";
    /// The signer's name.
    SignerName => "Họ tên người ký", "Signer's name";
    /// The chair of the meeting.
    ChairName => "Họ tên người chủ trì", "Chair's name";
    /// The secretary.
    Secretary => "Họ tên thư ký", "Secretary's name";
    /// The recipients.
    Recipients => "Nơi nhận (mỗi dòng một nơi)", "Recipients (one a line)";
    /// The Word button.
    DownloadDocx => "Tải tệp Word (.docx)", "Download the Word file (.docx)";
    /// While the Word file is made.
    Making => "Đang tạo tệp Word…", "Making the Word file…";
    /// The fields were saved.
    Saved => "Đã lưu thông tin văn bản.", "Document details saved.";
    /// The module that writes Word files could not be fetched.
    NotLoaded => "Không tải được phần tạo tệp Word. Hãy kết nối mạng hoặc tải lại trang rồi thử lại.",
        "The part that makes Word files could not be fetched. Connect or reload the page, then try again.";
    /// The print button.
    Print => "In", "Print";
    /// The province's tab of the minutes.
    NavMinutes => "Biên bản", "Minutes";
    /// The province's tab of the proposal.
    NavProposal => "Tờ trình", "Proposal";
    /// The province's minutes page.
    MinutesTitle => "Biên bản họp xét", "Minutes of the review meeting";
    /// The province's proposal page.
    ProposalTitle => "Tờ trình đề nghị công nhận", "Proposal for recognition";
    /// The minutes' and the proposal's introduction.
    ReviewIntro => "Công an phường được đề nghị là các đơn vị trong diện duy trì hoặc xây dựng mới đạt đủ mọi tiêu chí theo số liệu đã chọn (chọn “Sau họp xét” để tính theo kết quả thẩm định).",
        "The wards proposed are those maintaining or newly building the model that meet every criterion on the chosen figures (choose “After review” to count the reviewers' verdicts).";
    }
}

/// "Đã tạo tệp …" after a download, or why it failed.
pub fn made(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã tạo tệp {name}."),
        Lang::En => format!("Made the file {name}."),
    }
}

/// The Word file could not be written or offered.
pub fn failed(detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không tạo được tệp Word ({detail})."),
        Lang::En => format!("The Word file could not be made ({detail})."),
    }
}
