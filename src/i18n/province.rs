//! The provincial workspace's messages.

use super::messages;

messages! {
    /// Messages of the provincial police workspace.
    ProvinceMsg {
    /// Province workspace heading.
    Title => "Không gian làm việc của Công an tỉnh", "Provincial police workspace";
    /// What the workspace is for.
    Intro => "Nhập, hợp nhất và xét duyệt hồ sơ của các Công an phường.",
        "Import, merge and review the wards' records.";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_has_both_texts() {
        crate::i18n::tests::assert_complete(super::ProvinceMsg::ALL);
    }
}
