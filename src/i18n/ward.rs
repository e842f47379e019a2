//! The ward workspace's messages.

use super::messages;

messages! {
    /// Messages of the ward police workspace.
    WardMsg {
    /// Ward workspace heading.
    Title => "Không gian làm việc của Công an phường", "Ward police workspace";
    /// Ward profile section heading.
    ProfileTitle => "Thông tin đơn vị và cán bộ", "Unit and officer";
    /// Ward name field.
    ProfileWardName => "Tên Công an phường", "Ward police name";
    /// Officer name field.
    ProfileOfficer => "Họ tên cán bộ nhập liệu", "Officer's full name";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_has_both_texts() {
        crate::i18n::tests::assert_complete(super::WardMsg::ALL);
    }
}
