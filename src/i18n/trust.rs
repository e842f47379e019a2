//! The messages of the questions an import asks before files go in (keys to confirm by phone,
//! unsigned files and clocks to accept once), shared by the province's and the ward's import
//! screens. Texts that carry a unit, a key or a date are built by the functions below.

use super::Lang;
use super::messages;

messages! {
    /// Messages of the trust questions of an import.
    TrustMsg {
    /// The panel's heading.
    Title => "Cần xác nhận trước khi nhập", "To confirm before importing";
    /// What the panel is for.
    Intro => "Các tệp dưới đây chưa được nhập vì máy này chưa biết chắc chúng do đơn vị ghi trên tệp gửi. Không có khóa nào được ghi nhận tự động: hãy trả lời từng câu hỏi.",
        "The files below are not imported yet because this computer cannot be sure they come from the unit they name. No key is ever pinned by itself: answer each question.";
    /// Before a new key's short fingerprint.
    NewKey => "Mã nhận dạng khóa ký số (dấu vân tay) của tệp:", "The file's signing key fingerprint:";
    /// How to check a key.
    CallToCheck => "Hãy gọi điện cho đơn vị theo số điện thoại đã biết (không dùng số ghi trong tệp hay trong tin nhắn kèm tệp), đề nghị cán bộ đọc dãy mã nhận dạng khóa hiện trên máy của họ, và chỉ xác nhận khi từng chữ số khớp với dãy trên.",
        "Call the unit on a phone number you already know (not one given in the file or the message that came with it), ask the officer to read out the key fingerprint shown on their computer, and confirm only if every digit matches the one above.";
    /// Button: confirm a key.
    ConfirmKey => "Xác nhận khóa", "Confirm the key";
    /// Button: refuse.
    Refuse => "Từ chối", "Refuse";
    /// What an unsigned file is.
    UnsignedText => "Tệp không có chữ ký số nên không chứng minh được là do đơn vị này gửi. Chỉ nhận khi đã gọi điện cho đơn vị và biết chắc họ gửi tệp này (ví dụ tệp từ phiên bản cũ của ứng dụng).",
        "The file is not signed, so nothing proves it comes from this unit. Accept it only after calling the unit and making sure they sent it (for example a file from an old version of the app).";
    /// Button: accept an unsigned file once.
    AcceptUnsigned => "Nhận tệp không ký một lần", "Accept the unsigned file once";
    /// Button: accept values dated ahead once.
    AcceptOnce => "Nhận một lần", "Accept once";
    /// Before the files' names.
    Files => "Tệp liên quan:", "Files concerned:";
    /// Under the questions: what refusing does.
    RefuseHint => "Tệp bị từ chối không được nhập và không làm thay đổi gì; có thể chọn lại tệp để được hỏi lại.",
        "Refused files are not imported and change nothing; choose the files again to be asked again.";
    }
}

/// The unit a question is about: its name and id, or the id alone.
pub fn unit_line(name: &str, unit: &str, lang: Lang) -> String {
    match (name.is_empty(), lang) {
        (false, Lang::Vi) => format!("{name} (mã đơn vị “{unit}”)"),
        (false, Lang::En) => format!("{name} (unit id “{unit}”)"),
        (true, Lang::Vi) => format!("Đơn vị mã “{unit}”"),
        (true, Lang::En) => format!("Unit “{unit}”"),
    }
}

/// A new key that would join the keys already pinned for the unit (`replaces`, short
/// fingerprints): a new laptop, or someone else.
pub fn replaces(replaces: &[String], lang: Lang) -> String {
    let keys = replaces.join(", ");
    match lang {
        Lang::Vi => format!(
            "Khóa này thay cho khóa {keys} đã ghi nhận của đơn vị: chỉ đúng khi đơn vị vừa dùng máy mới hoặc thêm máy thứ hai. Nếu đơn vị không đổi máy, hãy từ chối."
        ),
        Lang::En => format!(
            "This key replaces key {keys} pinned for the unit: right only if the unit has just started using a new or a second laptop. If it has not, refuse."
        ),
    }
}

/// The warning when the unit's files in this batch are signed by several new keys.
pub fn rivals(rival_keys: usize, lang: Lang) -> String {
    let keys = rival_keys + 1;
    match lang {
        Lang::Vi => format!(
            "Cảnh báo: trong các tệp đã chọn có {keys} khóa mới khác nhau cùng nhận là của đơn vị này. Có thể đơn vị dùng hai máy, cũng có thể có tệp giả mạo. Không khóa nào được ghi nhận tự động: hãy gọi điện và chỉ xác nhận khóa mà đơn vị đọc đúng."
        ),
        Lang::En => format!(
            "Warning: the files chosen are signed by {keys} different new keys that all claim to be this unit's. The unit may use two laptops, or a file may be forged. No key is pinned by itself: call the unit and confirm only the key they read back."
        ),
    }
}

/// Values dated ahead of this device's clock, up to `furthest` (UTC, as text).
pub fn future(furthest: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Tệp có giá trị ghi thời điểm đến {furthest} (UTC), vượt đồng hồ của máy này hơn một ngày: đồng hồ của máy gửi có thể bị đặt sai. Nếu nhận, các giá trị được nhập nhưng không làm đồng hồ của máy này đổi theo."
        ),
        Lang::En => format!(
            "The file holds values dated up to {furthest} (UTC), more than a day ahead of this computer's clock: the sender's clock may be wrong. If accepted, the values are imported but this computer's clock does not follow them."
        ),
    }
}

/// In an import's report: values dated ahead of the clock, up to `furthest` (UTC, as text),
/// that a person accepted once.
pub fn future_accepted(furthest: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Có giá trị ghi thời điểm đến {furthest} (UTC), vượt đồng hồ máy này hơn một ngày: đã nhận một lần theo quyết định của người nhập; đồng hồ của máy không đổi theo."
        ),
        Lang::En => format!(
            "Some values are dated up to {furthest} (UTC), more than a day ahead of this computer's clock: accepted once by the importing person's decision; this computer's clock does not follow them."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;

    #[test]
    fn every_message_has_both_texts() {
        crate::i18n::tests::assert_complete(TrustMsg::ALL);
    }

    #[test]
    fn vietnamese_texts_carry_their_diacritics() {
        assert_eq!(
            TrustMsg::Title.text(Lang::Vi),
            "Cần xác nhận trước khi nhập"
        );
        assert_eq!(TrustMsg::ConfirmKey.text(Lang::Vi), "Xác nhận khóa");
        assert_eq!(
            unit_line("Công an phường Hưng Dũng", "p-hung-dung", Lang::Vi),
            "Công an phường Hưng Dũng (mã đơn vị “p-hung-dung”)"
        );
        assert!(replaces(&["3F9A 0C12 77BE 4D01".into()], Lang::Vi).contains("thay cho khóa 3F9A"));
        assert!(rivals(1, Lang::Vi).contains("2 khóa mới"));
    }
}
