//! Every text the app shows, in Vietnamese (first) and English.
//!
//! Messages are keys of one enum, and each key carries both texts in the same table row, so a
//! missing translation is a compile error, not a blank on screen. Pure: no browser access here
//! (the chosen language is remembered by `platform::settings`).

use serde::{Deserialize, Serialize};

pub mod attachments;
pub mod audit;
pub mod catalogue_editor;
pub mod conflict_value;
pub mod country;
pub mod cycle;
pub mod document_fields;
pub mod documents;
pub mod format;
pub mod keys;
pub mod province;
pub mod trust;
pub mod ward;
pub mod years;

/// The language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Tiếng Việt: the default and working language.
    #[default]
    Vi,
    /// English, the second language.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and for storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a stored tag; anything unknown falls back to Vietnamese.
    pub fn from_tag(tag: &str) -> Lang {
        match tag {
            "en" => Lang::En,
            _ => Lang::Vi,
        }
    }

    /// Of two values kept in both languages (the core's `*_vi`/`*_en` texts, a log's two
    /// summaries), the one in this language.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The other language (the switch toggles between the two).
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

/// A message enum whose every key knows its text in both languages.
pub trait Text: Copy {
    /// The text of this message in `lang`.
    fn text(self, lang: Lang) -> &'static str;
}

/// Declares a message enum: each row is `Key => "tiếng Việt", "English";`.
macro_rules! messages {
    ($(#[$enum_doc:meta])* $name:ident { $($(#[$doc:meta])* $key:ident => $vi:literal, $en:literal;)* }) => {
        $(#[$enum_doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($(#[$doc])* $key,)*
        }

        impl $name {
            /// Every key, for completeness tests.
            pub const ALL: &'static [$name] = &[$($name::$key,)*];
        }

        impl $crate::i18n::Text for $name {
            fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, $crate::i18n::Lang::Vi) => $vi,
                      ($name::$key, $crate::i18n::Lang::En) => $en,)*
                }
            }
        }
    };
}
pub(crate) use messages;

messages! {
    /// Messages shared by every screen; [`Text::text`] gives a key's text.
    Msg {
    /// The app's name.
    AppName => "Phường Kiểu Mẫu", "Model Ward";
    /// What the app is for, under the name.
    AppTagline => "Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị",
        "Model ward police on security, order and urban civility";
    /// Main navigation landmark label.
    NavLabel => "Điều hướng chính", "Main navigation";
    /// Link to the start page.
    NavHome => "Trang đầu", "Home";
    /// Link to the ward workspace.
    NavWard => "Công an phường", "Ward police";
    /// Link to the provincial workspace.
    NavProvince => "Công an tỉnh", "Provincial police";
    /// The language switch's label (names the language it switches to).
    SwitchLanguage => "English", "Tiếng Việt";
    /// Accessible description of the language switch.
    SwitchLanguageHint => "Chuyển giao diện sang tiếng Anh", "Switch the interface to Vietnamese";
    /// Status area landmark label.
    StatusLabel => "Trạng thái thiết bị", "Device status";
    /// Online.
    Online => "Có mạng", "Online";
    /// Offline.
    Offline => "Không có mạng — vẫn làm việc bình thường", "Offline — work continues as usual";
    /// Storage is persistent.
    StoragePersistent => "Lưu trữ bền vững", "Persistent storage";
    /// Storage may be evicted.
    StorageBestEffort => "Lưu trữ có thể bị trình duyệt xoá khi thiếu chỗ",
        "Storage may be cleared by the browser when space runs low";
    /// Persistence could not be determined.
    StoragePersistUnknown => "Chưa rõ chế độ lưu trữ", "Storage mode unknown";
    /// Prefix before "used of available".
    StorageUsage => "Dung lượng", "Storage";
    /// Between used and quota: "1,2 MB / 10 GB".
    StorageOf => "trên", "of";
    /// Storage figures could not be read.
    StorageUsageUnknown => "không đo được", "unknown";
    /// The early warning: more than 80 % of the quota is used (followed by the figures).
    StorageNearlyFull => "Bộ nhớ dành cho ứng dụng sắp đầy", "The app's storage is nearly full";
    /// "used" in the early warning: "đã dùng 85 %".
    StorageUsed => "đã dùng", "used";
    /// What to do about it.
    StorageNearlyFullAdvice => "Hãy xuất tệp gửi Công an tỉnh để giữ số liệu, rồi giải phóng dung lượng ổ đĩa (xoá tệp không cần thiết) để việc lưu không bị gián đoạn.",
        "Export a file for the province to keep your data, then free disk space (delete files you do not need) so that saving is not interrupted.";
    /// The disk is full: the banner's first sentence.
    StorageFull => "Bộ nhớ của máy đã đầy nên thay đổi mới chưa được lưu.",
        "The computer's storage is full, so new changes are not saved.";
    /// The disk is full: what to do.
    StorageFullAdvice => "Những gì đang có trên màn hình vẫn còn. Hãy xuất tệp ngay để giữ lại, rồi giải phóng dung lượng ổ đĩa; việc lưu sẽ tiếp tục ở lần sửa tiếp theo.",
        "What is on screen is kept. Export a file now to keep it, then free disk space; saving resumes with your next change.";
    /// Button: export what is in memory, unsaved changes included.
    ExportFromMemory => "Xuất tệp ngay (kể cả phần chưa lưu)", "Export now (unsaved changes included)";
    /// After the export from memory: "Đã xuất tệp: pkm-….json".
    ExportedFromMemory => "Đã xuất tệp:", "File exported:";
    /// A new version has been downloaded.
    UpdateReady => "Đã có phiên bản mới của ứng dụng.", "A new version of the app is ready.";
    /// Button: reload into the new version.
    UpdateReload => "Tải lại để dùng bản mới", "Reload to update";
    /// Another tab's changes could not be read into this one (followed by the reason).
    SyncFailed => "Chưa đọc được thay đổi vừa lưu ở một tab khác; tải lại trang để thấy chúng.",
        "Changes just saved in another tab could not be read; reload the page to see them.";
    /// Button: keep working on the current version.
    UpdateLater => "Để sau", "Later";
    /// A part of the app (a split module) could not be fetched.
    PartNotLoaded => "Không tải được phần này của ứng dụng (mạng bị ngắt trong lúc tải, hoặc máy chủ vừa có phiên bản mới). Dữ liệu đã lưu trên máy không bị ảnh hưởng.",
        "This part of the app could not be loaded (the network dropped while loading, or the server has just been updated). The data saved on this computer is not affected.";
    /// A part of a screen whose code is still being fetched (the ward's first screen on a slow line).
    PartLoading => "Đang tải phần này…", "Loading this part…";
    /// Button: reload the page after a part failed to load.
    PartNotLoadedReload => "Tải lại trang", "Reload the page";
    /// Home page heading.
    HomeTitle => "Chọn nơi làm việc", "Choose your workspace";
    /// Home page introduction.
    HomeIntro => "Ứng dụng chạy hoàn toàn trên máy này, không cần mạng và không cần tài khoản. Mọi thay đổi được lưu ngay trên máy.",
        "The app runs entirely on this computer, with no network and no account. Every change is saved on this computer at once.";
    /// Ward card text.
    /// (No number of criteria: the catalogue, and so its size, is chosen per year.)
    HomeWardText => "Tự đánh giá theo bộ tiêu chí, ghi minh chứng, nhiệm vụ khắc phục và kiến nghị; xuất tệp gửi Công an tỉnh.",
        "Self-assess against the criteria catalogue, record evidence, follow-up tasks and requests; export a file for the province.";
    /// Province card text.
    HomeProvinceText => "Nhập tệp của các Công an phường, hợp nhất, xét duyệt và lập báo cáo cho cuộc họp xét.",
        "Import the wards' files, merge, review and produce the report for the review meeting.";
    /// Device id label.
    DeviceId => "Mã thiết bị", "Device id";
    /// Save state: nothing to save.
    SaveIdle => "Chưa có thay đổi", "No changes";
    /// Save state: saving.
    SaveSaving => "Đang lưu…", "Saving…";
    /// Save state: committed.
    SaveSaved => "Đã lưu", "Saved";
    /// Save state: failed (followed by the reason).
    SaveFailed => "Chưa lưu được", "Not saved";
    /// Storage is opening.
    Loading => "Đang mở dữ liệu…", "Opening data…";
    /// A picked file is not text.
    NotUtf8 => "Tệp không phải văn bản UTF-8.", "The file is not UTF-8 text.";
    /// Not found page.
    NotFoundTitle => "Không tìm thấy trang", "Page not found";
    /// Link back home.
    BackHome => "Về trang đầu", "Back to the start";
}
}

messages! {
    /// What an edit or an export looked for and did not find (`state::SessionError::Missing`).
    Missing {
    /// The assessment of the ward and year.
    Assessment => "bản đánh giá", "the assessment";
    /// The ward (not declared yet).
    Unit => "đơn vị", "the unit";
    /// The province (not chosen yet).
    Province => "tỉnh", "the province";
    /// The catalogue an assessment uses.
    Catalogue => "bộ tiêu chí", "the criteria catalogue";
    /// A valid id for the exported file.
    BundleId => "mã hợp lệ cho tệp xuất", "a valid id for the exported file";
    }
}

/// How the registry names a ward's police ("Công an phường Hưng Dũng"): the prefix a column
/// that already says "Công an phường" leaves out.
pub const WARD_POLICE_PREFIX: &str = "Công an phường ";

/// How many evidence items: "3 minh chứng".
pub fn evidence_items(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{count} minh chứng"),
        Lang::En => format!("{count} evidence items"),
    }
}

/// "Không tìm thấy bộ tiêu chí (p-hung-dung|2024)." `which` names the one looked for, if known.
pub fn not_found(what: Missing, which: &str, lang: Lang) -> String {
    let what = what.text(lang);
    let which = if which.is_empty() {
        String::new()
    } else {
        format!(" ({which})")
    };
    match lang {
        Lang::Vi => format!("Không tìm thấy {what}{which}."),
        Lang::En => format!("Not found: {what}{which}."),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Checks every key of a message enum has both texts.
    pub(crate) fn assert_complete<M: Text + std::fmt::Debug>(all: &[M]) {
        for msg in all {
            assert!(
                !msg.text(Lang::Vi).trim().is_empty(),
                "{msg:?} has no Vietnamese text"
            );
            assert!(
                !msg.text(Lang::En).trim().is_empty(),
                "{msg:?} has no English text"
            );
        }
    }

    #[test]
    fn every_message_has_both_texts() {
        assert_complete(Msg::ALL);
        assert_complete(Missing::ALL);
    }

    #[test]
    fn vietnamese_is_the_default_and_tags_round_trip() {
        assert_eq!(Lang::default(), Lang::Vi);
        for lang in [Lang::Vi, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), lang);
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_tag("fr"), Lang::Vi);
    }

    #[test]
    fn the_home_page_names_no_fixed_number_of_criteria() {
        // Regression (issue 27): it said "20 tiêu chí" whatever the catalogue.
        for lang in [Lang::Vi, Lang::En] {
            let text = Msg::HomeWardText.text(lang);
            assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
        }
    }

    #[test]
    fn vietnamese_texts_carry_diacritics() {
        // A guard against texts typed without their tone marks.
        assert_eq!(Msg::SaveSaved.text(Lang::Vi), "Đã lưu");
        assert_eq!(Msg::SaveSaving.text(Lang::Vi), "Đang lưu…");
        assert_eq!(Msg::NavWard.text(Lang::Vi), "Công an phường");
    }
}
