//! Messages of evidence files (tệp đính kèm): attaching, the sizes, the files not received yet.

use super::{Lang, messages};

messages! {
    /// Messages of evidence files.
    AttachMsg {
    /// The list of an evidence item's files.
    Files => "Tệp đính kèm", "Attached files";
    /// The file picker's label.
    Pick => "Chọn tệp (PDF, ảnh, DOCX, XLSX, ODT)", "Choose files (PDF, images, DOCX, XLSX, ODT)";
    /// The camera's label.
    Camera => "Chụp ảnh", "Take a photo";
    /// Where files may be dropped.
    DropHint => "Hoặc kéo thả tệp vào minh chứng này.", "Or drop files onto this evidence item.";
    /// While a file is read, checked, downscaled and stored.
    Working => "Đang xử lý tệp…", "Processing the file…";
    /// A referenced file this device does not hold.
    NotReceived => "tệp đính kèm chưa nhận", "file not received yet";
    /// Removes a file from the item.
    Remove => "Bỏ tệp", "Remove file";
    /// Opens a photo in the viewer (followed by its name).
    ViewImage => "Xem ảnh", "View photo";
    /// Opens a PDF in the viewer (followed by its name).
    OpenPdf => "Mở PDF", "Open PDF";
    /// Downloads an office document (followed by its name).
    Download => "Tải về", "Download";
    /// The viewer's previous file.
    Previous => "Tệp trước", "Previous file";
    /// The viewer's next file.
    Next => "Tệp sau", "Next file";
    /// Closes the viewer.
    Close => "Đóng", "Close";
    /// How to move in the viewer.
    ViewerHint => "Phím mũi tên: chuyển tệp · Esc: đóng", "Arrow keys: move between files · Esc: close";
    /// The setup section of the province's settings for evidence files.
    SettingsTitle => "Tệp đính kèm của minh chứng", "Evidence files";
    /// What the settings do.
    SettingsIntro => "Giới hạn áp dụng khi các phường đính kèm tệp và khi Công an tỉnh nhập tệp; tệp cấu hình gửi các giới hạn này xuống các phường.", "Limits applied when wards attach files and when the province imports them; the config file carries them to the wards.";
    /// The per-file limit's label.
    PerFile => "Tối đa mỗi tệp (MB)", "Largest file (MB)";
    /// The per-ward limit's label.
    PerWard => "Tối đa mỗi phường (MB)", "Most per ward (MB)";
    /// The longest side's label.
    LongestSide => "Cạnh dài nhất của ảnh (điểm ảnh)", "Longest side of a photo (pixels)";
    /// Saves the settings.
    SaveSettings => "Lưu giới hạn", "Save the limits";
    /// The limits form's status once the limits are stored (the line under the form gives them).
    SettingsStored => "Đã lưu giới hạn mới.", "New limits saved.";
    /// The settings typed are not acceptable.
    SettingsInvalid => "Giới hạn phải là số dương: mỗi tệp từ 1 đến 100 MB và không lớn hơn mức mỗi phường (tối đa 10 000 MB), cạnh ảnh từ 320 đến 10 000 điểm ảnh.", "Limits must be positive numbers: 1 to 100 MB per file and no more than per ward (at most 10,000 MB), a photo's side 320 to 10,000 pixels.";
    /// The attachment code could not be fetched.
    NotLoaded => "Không tải được phần xử lý tệp đính kèm. Hãy tải lại trang.", "The attachment code could not be loaded. Reload the page.";
    }
}

/// A size in bytes for people: "412 KB", "3,2 MB".
pub fn size(lang: Lang, bytes: u64) -> String {
    if bytes < 1_000_000 {
        let kilobytes = (bytes as f64 / 1_000.0).ceil();
        format!("{} KB", super::format::decimal(lang, kilobytes, 0))
    } else {
        format!(
            "{} MB",
            super::format::decimal(lang, bytes as f64 / 1_000_000.0, 1)
        )
    }
}

/// The settings for evidence files, as the audit log and the setup screen say them.
pub fn settings_saved(settings: &pkm_core::attachment::EvidenceSettings, lang: Lang) -> String {
    let mb = |bytes: u64| super::format::decimal(lang, bytes as f64 / 1_000_000.0, 0);
    match lang {
        Lang::Vi => format!(
            "Giới hạn tệp đính kèm: {} MB mỗi tệp, {} MB mỗi phường, ảnh thu nhỏ về {} điểm ảnh.",
            mb(settings.per_file),
            mb(settings.per_ward),
            settings.longest_side
        ),
        Lang::En => format!(
            "Evidence file limits: {} MB per file, {} MB per ward, photos downscaled to {} pixels.",
            mb(settings.per_file),
            mb(settings.per_ward),
            settings.longest_side
        ),
    }
}

/// A photo the browser could not decode or encode.
pub fn image_failed(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("Không đọc được ảnh ({detail})."),
        Lang::En => format!("The image could not be read ({detail})."),
    }
}

/// The sizes of a stored file: its size, or "original → stored" when it was downscaled.
pub fn sizes(lang: Lang, original: Option<u64>, stored: u64) -> String {
    match original.filter(|original| *original != stored) {
        Some(original) => match lang {
            Lang::Vi => format!(
                "gốc {}, đã lưu {} (đã thu nhỏ)",
                size(lang, original),
                size(lang, stored)
            ),
            Lang::En => format!(
                "original {}, stored {} (downscaled)",
                size(lang, original),
                size(lang, stored)
            ),
        },
        None => size(lang, stored),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages() {
        crate::i18n::tests::assert_complete(AttachMsg::ALL);
    }

    #[test]
    fn sizes_read_as_people_expect() {
        assert_eq!(size(Lang::Vi, 411_200), "412 KB");
        assert_eq!(size(Lang::Vi, 3_240_000), "3,2 MB");
        assert_eq!(size(Lang::En, 3_240_000), "3.2 MB");
        assert_eq!(
            sizes(Lang::Vi, Some(3_240_000), 411_200),
            "gốc 3,2 MB, đã lưu 412 KB (đã thu nhỏ)"
        );
        assert_eq!(sizes(Lang::Vi, Some(1_000), 1_000), "1 KB");
    }
}
