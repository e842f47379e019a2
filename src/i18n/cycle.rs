//! The year's cycle (issue 24): the province's conclusion and the Minister's decision on the
//! review screen, the feedback file, and the verdicts as the ward sees them. Texts with values
//! are small functions with both languages side by side.

use super::{Lang, messages};

messages! {
    /// Messages of the year's cycle.
    CycleMsg {
    /// Heading of the conclusion on a ward.
    ConclusionTitle => "Kết luận của Công an tỉnh", "The province's conclusion";
    /// Option: proposed for recognition.
    Proposed => "Đề nghị công nhận", "Proposed for recognition";
    /// Option: not proposed.
    NotProposed => "Không đề nghị công nhận", "Not proposed";
    /// Label of the reason.
    Reason => "Lý do", "Reason";
    /// Button: save the conclusion.
    SaveConclusion => "Lưu kết luận", "Save the conclusion";
    /// Saved.
    Saved => "Đã lưu", "Saved";
    /// Heading of the feedback files.
    FeedbackTitle => "Gửi ý kiến thẩm định về Công an phường", "Send the review back to the wards";
    /// What the feedback file is.
    FeedbackIntro => "Tệp ý kiến thẩm định mang ý kiến của Công an tỉnh về từng tiêu chí và kết luận; không thay đổi số liệu tự đánh giá của phường.",
        "The feedback file carries the province's verdict on each criterion and its conclusion; it never changes the ward's own values.";
    /// Button: feedback for the ward shown.
    FeedbackOne => "Xuất tệp ý kiến cho phường này", "Export the feedback for this ward";
    /// Button: feedback for every ward.
    FeedbackAll => "Xuất tệp ý kiến cho tất cả các phường", "Export the feedback for every ward";
    /// Heading of the decision.
    DecisionTitle => "Quyết định công nhận của Bộ trưởng", "The Minister's recognition decision";
    /// Label: the decision's number.
    DecisionNumber => "Số quyết định", "Decision number";
    /// Label: the decision's date.
    DecisionDate => "Ngày ký (dd/mm/yyyy)", "Signed on (dd/mm/yyyy)";
    /// Label: who signed it.
    DecisionSigner => "Người ký", "Signed by";
    /// Legend of the wards recognised.
    DecisionWards => "Các Công an phường được công nhận", "Wards recognised";
    /// Button: save the decision.
    SaveDecision => "Lưu quyết định", "Save the decision";
    /// The date could not be read.
    BadDate => "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.", "Invalid date: type it as dd/mm/yyyy.";
    /// Heading of the year's outcome on the dashboard.
    OutcomeTitle => "Kết quả xét công nhận", "Recognition outcome";
    /// Label beside the province's verdict at the ward.
    ProvinceVerdict => "Ý kiến thẩm định của Công an tỉnh", "The province's review";
    /// Verdict: agree.
    Agree => "Nhất trí", "Agrees";
    /// Verdict: disagree.
    Disagree => "Không nhất trí", "Disagrees";
    /// Button: make an action item of a disputed verdict.
    MakeAction => "Tạo nhiệm vụ khắc phục", "Create an action item";
    /// The action item was made.
    ActionMade => "Đã tạo nhiệm vụ khắc phục.", "Action item created.";
    /// Checkbox: copy last year's evidence and notes.
    CopyForward => "Chép minh chứng và ghi chú của năm trước (không chép trạng thái)",
        "Copy last year's evidence and notes (not the statuses)";
    /// Heading of next year's tracks at the province.
    NextTracks => "Diện của các Công an phường năm sau", "The wards' tracks next year";
    }
}

/// The audit line of a conclusion.
pub fn conclusion_set(ward: &str, year: u16, proposed: Option<bool>, lang: Lang) -> String {
    match (lang, proposed) {
        (Lang::Vi, Some(true)) => format!("Kết luận năm {year}: đề nghị công nhận “{ward}”"),
        (Lang::Vi, Some(false)) => format!("Kết luận năm {year}: không đề nghị công nhận “{ward}”"),
        (Lang::Vi, None) => format!("Rút kết luận năm {year} về “{ward}”"),
        (Lang::En, Some(true)) => format!("{year} conclusion: “{ward}” proposed for recognition"),
        (Lang::En, Some(false)) => format!("{year} conclusion: “{ward}” not proposed"),
        (Lang::En, None) => format!("{year} conclusion on “{ward}” withdrawn"),
    }
}

/// The audit line of a decision.
pub fn decision_set(number: &str, year: u16, wards: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Quyết định công nhận năm {year} số {number}: {wards} Công an phường"),
        Lang::En => format!("{year} recognition decision No. {number}: {wards} wards"),
    }
}

/// The conclusion as the ward sees it.
pub fn conclusion_line(year: u16, proposed: bool, reason: &str, lang: Lang) -> String {
    let reason = reason.trim();
    let tail = |word: &str| {
        if reason.is_empty() {
            String::new()
        } else {
            format!(" — {word}: {reason}")
        }
    };
    match (lang, proposed) {
        (Lang::Vi, true) => format!(
            "Năm {year}: Công an tỉnh đề nghị công nhận{}",
            tail("lý do")
        ),
        (Lang::Vi, false) => format!(
            "Năm {year}: Công an tỉnh chưa đề nghị công nhận{}",
            tail("lý do")
        ),
        (Lang::En, true) => format!(
            "{year}: the province proposed recognition{}",
            tail("reason")
        ),
        (Lang::En, false) => format!(
            "{year}: the province did not propose recognition{}",
            tail("reason")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cycle_message_has_both_texts() {
        crate::i18n::tests::assert_complete(CycleMsg::ALL);
    }
}
