//! Storage failures, each with a message in Vietnamese (first) and English.
//!
//! The browser reports IndexedDB failures as `DOMException`s with a name; [`StorageError::from_dom_name`]
//! is the one place that turns a name into a kind, so the mapping is tested once for every kind.

use crate::i18n::Lang;

/// Why a storage operation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// IndexedDB cannot be used here (a private window, a disabled setting, an old browser).
    #[error("IndexedDB is unavailable: {detail}")]
    Unavailable {
        /// What the browser said.
        detail: String,
    },
    /// The schema upgrade waits for another tab that still holds the database open.
    #[error("the database upgrade is blocked by another open tab")]
    Blocked,
    /// The disk or the browser's quota for this site is full.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// The transaction was aborted, so nothing of it was written.
    #[error("the transaction was aborted: {detail}")]
    Aborted {
        /// What the browser said.
        detail: String,
    },
    /// The stored database was written by a newer version of the app than this one.
    #[error("the database is newer than this app")]
    VersionTooNew,
    /// The connection was closed (another tab upgraded the database, or the browser closed it).
    #[error("the database connection is closed")]
    Closed,
    /// A stored record could not be read back as the expected type.
    #[error("record {key} in {store} is unreadable: {detail}")]
    Corrupt {
        /// The object store.
        store: String,
        /// The record's key.
        key: String,
        /// The decoding error.
        detail: String,
    },
    /// Anything else the browser reported.
    #[error("storage error: {detail}")]
    Other {
        /// What the browser said.
        detail: String,
    },
}

impl StorageError {
    /// Maps a `DOMException` name (and message) to a kind.
    pub fn from_dom_name(name: &str, message: &str) -> StorageError {
        let detail = format!("{name}: {message}");
        match name {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            "AbortError" | "ConstraintError" | "TransactionInactiveError" => {
                StorageError::Aborted { detail }
            }
            "VersionError" => StorageError::VersionTooNew,
            "InvalidStateError" => StorageError::Closed,
            "SecurityError" | "NotAllowedError" => StorageError::Unavailable { detail },
            _ => StorageError::Other { detail },
        }
    }

    /// The message for the person at the keyboard, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.message_vi(),
            Lang::En => self.message_en(),
        }
    }

    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            StorageError::Unavailable { .. } => "Trình duyệt không cho phép lưu dữ liệu trên máy (có thể đang ở cửa sổ ẩn danh hoặc bị chặn trong cài đặt). Hãy mở ứng dụng trong cửa sổ thường; dữ liệu chưa được lưu.".into(),
            StorageError::Blocked => "Không nâng cấp được dữ liệu vì ứng dụng còn mở ở một tab khác. Hãy đóng các tab khác của ứng dụng rồi tải lại trang.".into(),
            StorageError::QuotaExceeded => "Bộ nhớ của máy đã đầy nên chưa lưu được. Nội dung vẫn còn trên màn hình: hãy giải phóng dung lượng ổ đĩa hoặc xuất tệp để giữ lại.".into(),
            StorageError::Aborted { detail } => format!("Thao tác lưu bị huỷ nên không có gì thay đổi ({detail}). Hãy thử lại."),
            StorageError::VersionTooNew => "Dữ liệu trên máy do một phiên bản mới hơn của ứng dụng tạo ra. Hãy tải lại trang để dùng phiên bản mới; dữ liệu không bị thay đổi.".into(),
            StorageError::Closed => "Kết nối dữ liệu đã đóng (ứng dụng vừa được cập nhật ở tab khác). Hãy tải lại trang; những gì đã lưu vẫn còn.".into(),
            StorageError::Corrupt { store, key, detail } => format!("Bản ghi “{key}” trong kho “{store}” bị hỏng, không đọc được ({detail}). Các bản ghi khác không bị ảnh hưởng."),
            StorageError::Other { detail } => format!("Lỗi lưu trữ của trình duyệt: {detail}."),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            StorageError::Unavailable { .. } => "The browser does not allow saving data on this computer (perhaps a private window, or blocked in the settings). Open the app in a normal window; nothing was saved.".into(),
            StorageError::Blocked => "The data cannot be upgraded while the app is open in another tab. Close the app's other tabs, then reload this page.".into(),
            StorageError::QuotaExceeded => "The computer's storage is full, so this was not saved. Your text is still on screen: free disk space or export a file to keep it.".into(),
            StorageError::Aborted { detail } => format!("Saving was cancelled, so nothing changed ({detail}). Please try again."),
            StorageError::VersionTooNew => "The data on this computer was written by a newer version of the app. Reload the page to use the new version; the data was not changed.".into(),
            StorageError::Closed => "The data connection was closed (the app was just updated in another tab). Reload the page; everything saved is still there.".into(),
            StorageError::Corrupt { store, key, detail } => format!("Record “{key}” in store “{store}” is damaged and cannot be read ({detail}). Other records are not affected."),
            StorageError::Other { detail } => format!("Browser storage error: {detail}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_names_map_to_kinds() {
        let cases = [
            ("QuotaExceededError", StorageError::QuotaExceeded),
            ("VersionError", StorageError::VersionTooNew),
            ("InvalidStateError", StorageError::Closed),
        ];
        for (name, expected) in cases {
            assert_eq!(StorageError::from_dom_name(name, "m"), expected, "{name}");
        }
        assert!(matches!(
            StorageError::from_dom_name("AbortError", "m"),
            StorageError::Aborted { .. }
        ));
        assert!(matches!(
            StorageError::from_dom_name("ConstraintError", "m"),
            StorageError::Aborted { .. }
        ));
        assert!(matches!(
            StorageError::from_dom_name("SecurityError", "m"),
            StorageError::Unavailable { .. }
        ));
        assert!(matches!(
            StorageError::from_dom_name("UnknownError", "m"),
            StorageError::Other { .. }
        ));
    }

    #[test]
    fn every_kind_has_distinct_messages_in_both_languages() {
        let kinds = [
            StorageError::Unavailable { detail: "d".into() },
            StorageError::Blocked,
            StorageError::QuotaExceeded,
            StorageError::Aborted { detail: "d".into() },
            StorageError::VersionTooNew,
            StorageError::Closed,
            StorageError::Corrupt {
                store: "s".into(),
                key: "k".into(),
                detail: "d".into(),
            },
            StorageError::Other { detail: "d".into() },
        ];
        let mut seen = std::collections::BTreeSet::new();
        for kind in &kinds {
            assert!(seen.insert(kind.message_vi()), "{kind:?} repeats a message");
            assert_ne!(kind.message_vi(), kind.message_en());
        }
    }
}
