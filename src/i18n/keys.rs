//! The messages of key lifecycle: the province's keys screen (sổ khóa ký số: each unit's keys,
//! revoking one, pinning a replacement typed in after a phone call) and the ward's guide for a new
//! laptop or a browser whose data was cleared. Texts that carry a unit, a key or a person are
//! built by the functions below.

use super::Lang;
use super::messages;

messages! {
    /// Messages of the keys screen and the new-laptop guide.
    KeysMsg {
    /// The province's tab and the screen's heading.
    NavKeys => "Khóa ký số", "Signing keys";
    /// The screen's heading.
    Title => "Khóa ký số của các đơn vị", "The units' signing keys";
    /// What the screen is for.
    Intro => "Mỗi máy của Công an phường ký tệp bằng khóa riêng. Tỉnh chỉ nhận tệp ký bằng khóa đã ghi nhận. Khi phường thay máy, hãy gọi điện, đối chiếu mã nhận dạng khóa rồi ghi nhận khóa mới; khi máy bị mất hoặc bán đi, hãy thu hồi khóa cũ. Thu hồi được gửi xuống các phường trong tệp cấu hình tiếp theo.",
        "Each ward laptop signs its files with its own key. The province takes only files signed by a pinned key. When a ward changes laptops, call them, compare the key fingerprint, then pin the new key; when a laptop is lost or sold, revoke its key. Revocations travel to the wards in the next config file.";
    /// No key known yet.
    Empty => "Chưa có khóa nào: khóa của một đơn vị được ghi nhận khi xác nhận tệp đầu tiên của đơn vị trên màn hình Nhập tệp.",
        "No key yet: a unit's key is pinned when its first file is confirmed on the Import screen.";
    /// Loading the key log.
    Loading => "Đang đọc sổ khóa…", "Reading the key log…";
    /// Column: the key.
    ColumnKey => "Mã nhận dạng khóa", "Key fingerprint";
    /// Column: its state.
    ColumnState => "Trạng thái", "State";
    /// Column: first seen.
    ColumnFirstSeen => "Thấy lần đầu", "First seen";
    /// Column: last used.
    ColumnLastUsed => "Dùng lần cuối", "Last used";
    /// Column: confirmed by.
    ColumnConfirmed => "Xác nhận", "Confirmed";
    /// Column: revoked by.
    ColumnRevoked => "Thu hồi", "Revoked";
    /// Column: actions.
    ColumnActions => "Thao tác", "Actions";
    /// State: pinned.
    StatePinned => "Đã ghi nhận", "Pinned";
    /// State: revoked.
    StateRevoked => "Đã thu hồi", "Revoked";
    /// State: seen only.
    StateUnconfirmed => "Chưa xác nhận", "Not confirmed";
    /// A date not known on this device.
    Unknown => "—", "—";
    /// Button: revoke a key.
    Revoke => "Thu hồi", "Revoke";
    /// The confirmation of a revocation.
    RevokeQuestion => "Thu hồi khóa này? Mọi tệp ký bằng khóa này sẽ bị từ chối, kể cả tệp cũ chưa nhập; không thể hoàn tác. Chỉ thu hồi khi máy bị mất, bị bán hoặc không còn dùng.",
        "Revoke this key? Every file signed by it will be refused, even older files not yet imported; this cannot be undone. Revoke only when the laptop is lost, sold or no longer used.";
    /// Button: confirm the revocation.
    RevokeConfirm => "Thu hồi khóa", "Revoke the key";
    /// Button: cancel.
    Cancel => "Hủy", "Cancel";
    /// The revocation was saved.
    Revoked => "Đã thu hồi khóa. Tệp cấu hình tiếp theo gửi cho các phường sẽ mang theo việc thu hồi này.",
        "Key revoked. The next config file sent to the wards carries this revocation.";
    /// The replacement form's heading.
    PinTitle => "Ghi nhận khóa thay thế", "Pin a replacement key";
    /// What the form is for.
    PinIntro => "Khi phường dùng máy mới: gọi điện theo số đã biết, đề nghị cán bộ mở mục Thiết lập trên máy mới và đọc đủ 64 ký tự của mã nhận dạng khóa, rồi gõ vào đây (chữ hoa, chữ thường hay dấu cách đều được). Tệp ký bằng khóa này sẽ được nhận mà không cần hỏi lại.",
        "When a ward uses a new laptop: call them on a number you know, ask the officer to open Setup on the new laptop and read out all 64 characters of the key fingerprint, and type them here (upper or lower case and spaces are fine). Files signed by this key are then taken without asking again.";
    /// The unit to pin for.
    PinUnit => "Đơn vị", "Unit";
    /// Choose a unit.
    PinUnitPlaceholder => "— Chọn đơn vị —", "— Choose a unit —";
    /// The fingerprint input.
    PinFingerprint => "Mã nhận dạng khóa đầy đủ (64 ký tự)", "Full key fingerprint (64 characters)";
    /// Button: pin.
    PinButton => "Ghi nhận khóa", "Pin the key";
    /// No unit chosen.
    PinNoUnit => "Hãy chọn đơn vị trước.", "Choose a unit first.";
    /// The key is revoked for the unit.
    PinRevoked => "Khóa này đã bị thu hồi cho đơn vị này nên không thể ghi nhận lại.",
        "This key is revoked for this unit and cannot be pinned again.";
    /// Ward: the new-laptop guide's heading.
    NewLaptopTitle => "Máy mới / Cài lại trình duyệt", "New laptop / browser reinstalled";
    /// Ward: when it applies.
    NewLaptopIntro => "Dùng khi phường đổi máy, thêm máy thứ hai, hoặc dữ liệu trình duyệt bị xóa. Máy mới có khóa ký số mới; làm hai bước sau:",
        "For a new or second laptop, or when the browser's data was cleared. The new laptop has a new signing key; take these two steps:";
    /// Ward: step 1.
    NewLaptopRestore => "Khôi phục: mở ứng dụng trên máy mới; ở trang \u{201c}Bắt đầu\u{201d}, mục \u{201c}Khôi phục từ tệp đã xuất\u{201d}, chọn tệp gần nhất mà phường đã xuất (tệp .json đã gửi tỉnh), xác nhận khóa của máy cũ, rồi chọn phường và nhập tên cán bộ.",
        "Restore: open the app on the new laptop; on the \u{201c}Getting started\u{201d} page, under \u{201c}Restore from an exported file\u{201d}, choose the latest file the ward exported (the .json sent to the province), confirm the old laptop's key, then choose the ward and type the officer's name.";
    /// Ward: step 2.
    NewLaptopCall => "Báo tỉnh: gọi điện cho Công an tỉnh, đọc mã nhận dạng khóa của máy này (bên dưới). Khi tệp tiếp theo của phường đến, tỉnh xác nhận đúng mã này trên màn hình Nhập tệp.",
        "Tell the province: call the provincial office and read out this laptop's key fingerprint (below). When the ward's next file arrives, they confirm this same fingerprint on their Import screen.";
    /// Province: the heading of this device's own key.
    OwnKeyTitle => "Khóa ký số của máy này", "This computer's signing key";
    /// Province: what this device's key is for, and when to read it out.
    OwnKeyIntro => "Mọi tệp xuất từ máy này (tệp cấu hình, tệp hợp nhất) đều được ký bằng khóa này. Khi một phường nhập tệp cấu hình lần đầu, ứng dụng của phường hỏi mã nhận dạng khóa: đọc cho cán bộ phường mã dưới đây qua điện thoại.",
        "Every file exported from this computer (the configuration file, the merged file) is signed with this key. When a ward imports the configuration file for the first time, its app asks for the key's fingerprint: read the code below to the ward's officer over the phone.";
    /// Province: the full fingerprint's label.
    OwnFullFingerprint => "Mã đầy đủ:", "Full fingerprint:";
    /// Ward: the full fingerprint's label.
    FullFingerprint => "Mã đầy đủ (khi tỉnh cần ghi nhận trước):", "Full fingerprint (if the province pins it ahead):";
    /// Ward first run: the restore box's heading.
    RestoreTitle => "Khôi phục từ tệp đã xuất", "Restore from an exported file";
    /// Ward first run: what restoring does.
    RestoreIntro => "Máy mới hoặc trình duyệt vừa bị xóa dữ liệu? Chọn tệp gần nhất mà phường đã xuất: toàn bộ dữ liệu trong tệp được đưa vào máy này, sau khi xác nhận khóa ký số của máy cũ (mã của máy cũ hiện ở mục Thiết lập của máy cũ; nếu không còn máy cũ, Công an tỉnh đọc được mã này trên màn hình Khóa ký số). Sau đó chọn phường và nhập tên cán bộ ở mục \u{201c}Nhập tệp cấu hình của Công an tỉnh\u{201d}.",
        "A new laptop, or the browser's data was cleared? Choose the latest file the ward exported: everything in it is brought into this laptop, once you confirm the old laptop's signing key (shown under Setup on the old laptop; if it is gone, the provincial office can read it on its Signing keys screen). Then choose the ward and type the officer's name under \u{201c}Import the province's configuration file\u{201d}.";
    }
}

/// A key's state, as the keys screen names it.
pub fn state_text(state: pkm_core::key_ledger::KeyState, lang: Lang) -> &'static str {
    use super::Text;
    use pkm_core::key_ledger::KeyState;
    match state {
        KeyState::Pinned => KeysMsg::StatePinned.text(lang),
        KeyState::Revoked => KeysMsg::StateRevoked.text(lang),
        KeyState::Unconfirmed => KeysMsg::StateUnconfirmed.text(lang),
    }
}

/// Who did something, and when (as local date and time text).
pub fn by_at(by: &str, when: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{by}, lúc {when}"),
        Lang::En => format!("{by}, at {when}"),
    }
}

/// A key pinned by the replacement form.
pub fn pinned(short: &str, unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã ghi nhận khóa {short} cho {unit}. Tệp ký bằng khóa này sẽ được nhận mà không cần hỏi lại."
        ),
        Lang::En => format!(
            "Key {short} pinned for {unit}. Files signed by it are taken without asking again."
        ),
    }
}

/// Why a typed fingerprint is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FingerprintProblem {
    /// Nothing typed.
    Empty,
    /// A character that is not a hex digit (0–9, A–F), spaces aside.
    NotHex,
    /// Not 64 hex digits; how many there were.
    Length(usize),
}

impl FingerprintProblem {
    /// The message in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (FingerprintProblem::Empty, Lang::Vi) => {
                "Hãy nhập mã nhận dạng khóa mà phường đọc qua điện thoại.".into()
            }
            (FingerprintProblem::Empty, Lang::En) => {
                "Type the key fingerprint the ward read out on the phone.".into()
            }
            (FingerprintProblem::NotHex, Lang::Vi) => {
                "Mã nhận dạng khóa chỉ gồm chữ số 0–9 và chữ cái A–F; hãy nghe lại và sửa ký tự khác.".into()
            }
            (FingerprintProblem::NotHex, Lang::En) => {
                "A key fingerprint holds only the digits 0–9 and the letters A–F; listen again and fix the other characters.".into()
            }
            (FingerprintProblem::Length(count), Lang::Vi) => format!(
                "Mã nhận dạng khóa đầy đủ có 64 ký tự, mã vừa nhập có {count}; hãy đề nghị phường đọc lại toàn bộ."
            ),
            (FingerprintProblem::Length(count), Lang::En) => format!(
                "A full key fingerprint has 64 characters, the one typed has {count}; ask the ward to read it all again."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;

    #[test]
    fn every_message_has_both_texts() {
        crate::i18n::tests::assert_complete(KeysMsg::ALL);
    }

    #[test]
    fn vietnamese_texts_carry_their_diacritics() {
        assert_eq!(KeysMsg::NavKeys.text(Lang::Vi), "Khóa ký số");
        assert_eq!(KeysMsg::StatePinned.text(Lang::Vi), "Đã ghi nhận");
        assert_eq!(KeysMsg::StateRevoked.text(Lang::Vi), "Đã thu hồi");
        assert_eq!(KeysMsg::StateUnconfirmed.text(Lang::Vi), "Chưa xác nhận");
        assert!(
            FingerprintProblem::Length(12)
                .message(Lang::Vi)
                .contains("có 12")
        );
        assert!(by_at("Đ/c Bình", "07/12/2026 09:30", Lang::Vi).contains("lúc"));
    }
}
