//! What can be wrong with evidence files and the container that carries them, each with a stable
//! code (also the name of its file `tests/bundles/bad/<code>.pkmz`), a Vietnamese message and an
//! English one. They are reported as [`crate::bundle::ProblemKind::Attachment`], with a path:
//! the JSON path of a reference in the bundle, or `files/<hash>` for an entry of the container.

use crate::format;

/// What is wrong with an evidence file or the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentProblem {
    /// A file above the per-file limit (by its reference or by its bytes).
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// A ward's distinct files together above the per-ward limit.
    WardTooLarge {
        /// The ward, by its name (its id when the reader does not know its name).
        unit: String,
        /// The total in bytes.
        bytes: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// A type that is not accepted, or content that is not the type its reference names.
    UnknownType {
        /// The file's name.
        name: String,
        /// The type the reference names.
        declared: String,
    },
    /// A name carrying a folder path (`../`) or control characters (a reference's name or an
    /// entry's name in the container).
    UnsafeName {
        /// The name, its control characters shown as `�`.
        name: String,
    },
    /// The container is not a ZIP this app can read (truncated, damaged, encrypted, or using a
    /// compression other than stored or deflate).
    DamagedArchive {
        /// What the ZIP reader said.
        detail: String,
    },
    /// An entry that expands far beyond its stored size, beyond the limits, or beyond the size it
    /// declares: an archive bomb.
    ArchiveBomb {
        /// The entry's name.
        name: String,
    },
    /// A file whose bytes do not have the hash its entry name says, or not the size its reference
    /// says; or a reference whose hash is not 64 lowercase hex digits.
    HashMismatch {
        /// The file's or entry's name.
        name: String,
    },
    /// An entry the container has no place for: not `bundle.json`, not a file any evidence refers
    /// to, or a second copy of one of them.
    UnexpectedEntry {
        /// The entry's name.
        name: String,
    },
}

/// A name as shown in a message: control characters replaced by `�`, at most 80 characters.
fn shown(name: &str) -> String {
    let mut text: String = name
        .chars()
        .map(|character| {
            if character.is_control() || matches!(character, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}') {
                '\u{fffd}'
            } else {
                character
            }
        })
        .take(81)
        .collect();
    if text.chars().count() > 80 {
        text = text.chars().take(79).chain(['…']).collect();
    }
    text
}

fn megabytes_vi(bytes: u64) -> String {
    format!("{} MB", format::decimal_vi(bytes as f64 / 1_000_000.0, 1))
}

fn megabytes_en(bytes: u64) -> String {
    format!("{} MB", format::decimal_en(bytes as f64 / 1_000_000.0, 1))
}

impl AttachmentProblem {
    /// Every code, in declaration order.
    pub const CODES: [&'static str; 8] = [
        "attachment-too-large",
        "attachments-too-large",
        "attachment-type",
        "unsafe-name",
        "damaged-archive",
        "archive-bomb",
        "hash-mismatch",
        "unexpected-entry",
    ];

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            AttachmentProblem::TooLarge { .. } => "attachment-too-large",
            AttachmentProblem::WardTooLarge { .. } => "attachments-too-large",
            AttachmentProblem::UnknownType { .. } => "attachment-type",
            AttachmentProblem::UnsafeName { .. } => "unsafe-name",
            AttachmentProblem::DamagedArchive { .. } => "damaged-archive",
            AttachmentProblem::ArchiveBomb { .. } => "archive-bomb",
            AttachmentProblem::HashMismatch { .. } => "hash-mismatch",
            AttachmentProblem::UnexpectedEntry { .. } => "unexpected-entry",
        }
    }

    /// Whether reading stopped there (the archive could not be opened at all).
    pub fn is_fatal(&self) -> bool {
        matches!(self, AttachmentProblem::DamagedArchive { .. })
    }

    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            AttachmentProblem::TooLarge { name, bytes, max } => format!(
                "Tệp đính kèm “{}” quá lớn ({}), vượt giới hạn {} cho mỗi tệp do Công an tỉnh quy định.",
                shown(name),
                megabytes_vi(*bytes),
                megabytes_vi(*max)
            ),
            AttachmentProblem::WardTooLarge { unit, bytes, max } => format!(
                "Tổng dung lượng tệp đính kèm của đơn vị “{}” là {}, vượt giới hạn {} cho mỗi phường do Công an tỉnh quy định.",
                shown(unit),
                megabytes_vi(*bytes),
                megabytes_vi(*max)
            ),
            AttachmentProblem::UnknownType { name, declared } => format!(
                "Tệp đính kèm “{}” không thuộc loại được chấp nhận (khai là “{}”); chỉ nhận PDF, ảnh JPEG, PNG, WebP và văn bản DOCX, XLSX, ODT, kiểm tra theo nội dung tệp.",
                shown(name),
                shown(declared)
            ),
            AttachmentProblem::UnsafeName { name } => format!(
                "Tên tệp “{}” chứa đường dẫn thư mục hoặc ký tự điều khiển; tệp như vậy không được nhận.",
                shown(name)
            ),
            AttachmentProblem::DamagedArchive { .. } => "Tệp nén (.pkmz) bị hỏng hoặc không đọc được (có thể chưa sao chép hết, bị mã hóa hoặc dùng kiểu nén không hỗ trợ). Hãy đề nghị đơn vị gửi lại tệp.".to_string(),
            AttachmentProblem::ArchiveBomb { name } => format!(
                "Mục “{}” trong tệp nén giải nén ra lớn bất thường (vượt giới hạn hoặc vượt kích thước khai báo): nghi là tệp nén độc hại, không đọc tiếp.",
                shown(name)
            ),
            AttachmentProblem::HashMismatch { name } => format!(
                "Tệp đính kèm “{}” không khớp mã kiểm tra SHA-256 hoặc kích thước đã ghi: tệp bị hỏng hoặc bị sửa.",
                shown(name)
            ),
            AttachmentProblem::UnexpectedEntry { name } => format!(
                "Tệp nén chứa mục “{}” không thuộc gói dữ liệu (không phải bundle.json, không phải tệp của minh chứng nào, hoặc bị lặp lại).",
                shown(name)
            ),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            AttachmentProblem::TooLarge { name, bytes, max } => format!(
                "The attached file “{}” is too large ({}), above the province's limit of {} per file.",
                shown(name),
                megabytes_en(*bytes),
                megabytes_en(*max)
            ),
            AttachmentProblem::WardTooLarge { unit, bytes, max } => format!(
                "The attached files of unit “{}” add up to {}, above the province's limit of {} per ward.",
                shown(unit),
                megabytes_en(*bytes),
                megabytes_en(*max)
            ),
            AttachmentProblem::UnknownType { name, declared } => format!(
                "The attached file “{}” is not of an accepted type (declared “{}”); only PDF, JPEG, PNG and WebP images, and DOCX, XLSX and ODT documents are accepted, checked by their content.",
                shown(name),
                shown(declared)
            ),
            AttachmentProblem::UnsafeName { name } => format!(
                "The file name “{}” carries a folder path or control characters; such a file is not accepted.",
                shown(name)
            ),
            AttachmentProblem::DamagedArchive { .. } => "The archive (.pkmz) is damaged or unreadable (perhaps not copied completely, encrypted, or compressed in an unsupported way). Ask the unit to send it again.".to_string(),
            AttachmentProblem::ArchiveBomb { name } => format!(
                "The entry “{}” of the archive expands abnormally (beyond the limits or its declared size): a suspected archive bomb, reading stopped.",
                shown(name)
            ),
            AttachmentProblem::HashMismatch { name } => format!(
                "The attached file “{}” does not match its recorded SHA-256 hash or size: it is damaged or was altered.",
                shown(name)
            ),
            AttachmentProblem::UnexpectedEntry { name } => format!(
                "The archive holds an entry “{}” that is not part of the bundle (not bundle.json, not the file of any evidence item, or repeated).",
                shown(name)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_messages_hide_control_characters_and_stay_short() {
        let problem = AttachmentProblem::UnsafeName {
            name: "a\u{202e}fdp.exe\n".to_string(),
        };
        assert!(problem.message_vi().contains("a\u{fffd}fdp.exe\u{fffd}"));
        assert!(shown(&"x".repeat(500)).chars().count() == 80);
    }
}
