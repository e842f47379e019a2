//! Problems found in an untrusted bundle: each kind has a stable code (also the name of the test
//! file under `tests/bundles/bad/` that triggers it), a Vietnamese message (primary) and an English
//! one. A [`Problem`] pairs a kind with the JSON path where it was found (`$` for the whole file).

use super::BundleKind;
use super::signature::{KeyFingerprint, short_list};
pub use crate::attachment::problems::AttachmentProblem;
use crate::catalogue::CatalogueError;
use crate::format;
use crate::ids::IdError;

/// What is wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// The file is larger than the limit (checked before parsing).
    TooLarge {
        /// The file's size in bytes.
        bytes: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// The file is not UTF-8 text.
    NotUtf8 {
        /// The byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file starts with a byte order mark.
    Bom,
    /// The file is not JSON.
    NotJson {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's message.
        detail: String,
    },
    /// The JSON ends in the middle (a partly copied or downloaded file).
    Truncated {
        /// 1-based line where it ends.
        line: usize,
        /// 1-based column where it ends.
        column: usize,
    },
    /// Arrays and objects nest deeper than the limit.
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// An object has two members with the same name.
    DuplicateKey {
        /// The repeated name.
        key: String,
    },
    /// JSON, but not a Phường Kiểu Mẫu bundle.
    NotABundle,
    /// `format_version` is missing.
    MissingFormatVersion,
    /// `format_version` is not a positive integer this app knows.
    UnsupportedFormatVersion {
        /// What was found, as JSON.
        found: String,
    },
    /// The bundle was written by a newer app.
    NewerFormatVersion {
        /// The version found.
        found: u64,
        /// The newest version this app reads.
        supported: u64,
    },
    /// A required member is missing.
    MissingField {
        /// Its name.
        field: String,
    },
    /// A record does not have the expected shape (wrong type, missing field, unknown variant).
    InvalidRecord {
        /// The decoder's message.
        detail: String,
    },
    /// `kind` is not ward, province or config.
    UnknownKind {
        /// What was found.
        found: String,
    },
    /// The bundle's kind is not accepted here (for example a ward bundle given to a ward).
    WrongKind {
        /// The bundle's kind.
        found: BundleKind,
        /// The kinds accepted here.
        expected: Vec<BundleKind>,
    },
    /// The `integrity` member is missing.
    MissingIntegrity,
    /// The digest algorithm is not `sha256-jcs`.
    UnknownAlgorithm {
        /// What was found.
        found: String,
    },
    /// The digest is not 64 lowercase hexadecimal characters.
    MalformedDigest,
    /// The digest does not match the content: corrupted or edited by hand.
    WrongDigest {
        /// The digest computed from the content.
        computed: String,
        /// The digest written in the file.
        written: String,
    },
    /// A string is longer than the limit.
    StringTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A collection has more elements than the limit.
    TooMany {
        /// What is counted (units, assessments, …), see [`collection_vi`].
        what: String,
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A negative number where only counts, figures, years and quantities appear.
    NegativeNumber {
        /// The number, as written.
        value: String,
    },
    /// An integer too large to be represented exactly (above 2^53).
    NumberTooLarge {
        /// The number, as written.
        value: String,
    },
    /// A date that is not `YYYY-MM-DD` or does not exist.
    InvalidDate {
        /// The text found.
        text: String,
    },
    /// A date outside 2000..=2100.
    DateOutOfRange {
        /// The date, ISO.
        date: String,
    },
    /// A year outside 2000..=2100 (or a year of recognition not before the assessment's year).
    YearOutOfRange {
        /// The year.
        year: u64,
    },
    /// A figure out of range for its criterion (percent 0..=100, count ≥ 0).
    FigureOutOfRange {
        /// The figure.
        figure: f64,
    },
    /// A unit record's settings for evidence files outside the ranges a province may set (1 to
    /// 100 MB per file, from that to 10,000 MB per ward, 320 to 10,000 px; issue 23).
    AttachmentLimitsOutOfRange {
        /// The unit whose record carries them.
        unit: String,
    },
    /// A figure on a yes/no criterion.
    FigureNotAllowed {
        /// The criterion.
        criterion: String,
    },
    /// An id breaks the id rules.
    InvalidId {
        /// Why.
        error: IdError,
        /// The id found.
        id: String,
    },
    /// Two records share an id (or a key).
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// A value's id differs from the key it is stored under.
    IdMismatch {
        /// The key.
        key: String,
        /// The id inside the value.
        found: String,
    },
    /// A required text (unit name, task, description) is empty.
    EmptyText,
    /// A version vector or timestamp is inconsistent (empty vector, zero counter, or the writing
    /// device absent from its own vector).
    InvalidVersion {
        /// What is inconsistent.
        detail: String,
    },
    /// A catalogue is neither in the bundle nor known to this store.
    UnknownCatalogue {
        /// Its id.
        id: String,
    },
    /// The bundle's catalogue has the same id as a known one but different content.
    CatalogueClash {
        /// Its id.
        id: String,
    },
    /// A catalogue in the bundle is invalid.
    InvalidCatalogue {
        /// Why.
        error: CatalogueError,
    },
    /// A criterion id is in none of the assessment's catalogues nor in any other catalogue the
    /// bundle carries (which would make it a retired value).
    UnknownCriterion {
        /// The criterion.
        criterion: String,
        /// The assessment's catalogues (ids joined by ", ").
        catalogue: String,
    },
    /// A unit (assessed unit, parent, province) is neither in the bundle nor known to this store.
    UnknownUnit {
        /// Its id.
        id: String,
    },
    /// A quota or catalogue choice names a unit that is not a province.
    NotAProvince {
        /// Its id.
        id: String,
    },
    /// A config bundle carries assessments.
    AssessmentsInConfig,
    /// A ward bundle carries an assessment of another unit than the exporting ward.
    ForeignAssessment {
        /// The assessed unit.
        unit: String,
        /// The exporting unit.
        exporting: String,
    },
    /// A ward bundle does not carry its own ward.
    ExportingUnitMissing {
        /// The exporting unit.
        unit: String,
    },
    /// `integrity.signature` has the wrong shape: not an object, not base64, a key that is not a
    /// P-256 point, a value of the wrong length.
    MalformedSignature {
        /// What is wrong.
        detail: String,
    },
    /// `integrity.signature.algorithm` is not `ecdsa-p256-sha256`.
    UnknownSignatureAlgorithm {
        /// What was found.
        found: String,
    },
    /// The signature does not verify: the file was changed after it was signed.
    BadSignature,
    /// The file is not signed, but a key is pinned for its exporting unit.
    UnsignedBundle {
        /// The exporting unit.
        unit: String,
        /// The keys pinned for it.
        pinned: Vec<KeyFingerprint>,
    },
    /// The file is signed by a key that is not pinned for its exporting unit.
    KeyMismatch {
        /// The exporting unit.
        unit: String,
        /// The key that signed.
        found: KeyFingerprint,
        /// The keys pinned for the unit.
        pinned: Vec<KeyFingerprint>,
    },
    /// A ward bundle lists units' keys (only the province's config and province bundles may).
    KeysInWardBundle,
    /// Something wrong with evidence files or their container (codes in
    /// [`AttachmentProblem::CODES`]).
    Attachment(AttachmentProblem),
    /// The file holds nothing but blanks (a failed copy or download, a chat app's empty file).
    Empty,
    /// A ward bundle whose exporting unit is a province or middle-level police, not a grassroots
    /// unit (for example a province's config bundle relabelled as a ward bundle).
    NotAWard {
        /// The exporting unit.
        id: String,
    },
    /// A ward bundle carrying a province's settings (quotas or catalogue choices), which only
    /// config and province bundles may carry.
    SettingsInWard,
    /// A version vector counter above [`crate::trust::MAX_COUNTER`]: no device makes that many
    /// edits of one value, and counting on from it would soon break the 2^53 limit.
    CounterTooLarge {
        /// The counter.
        counter: u64,
        /// The limit.
        max: u64,
    },
    /// Signed by a key nobody has confirmed for the exporting unit (nor for a unit above it): a
    /// person must confirm it, after checking its short fingerprint with the unit by phone.
    UnconfirmedKey {
        /// The exporting unit.
        unit: String,
        /// The key that signed.
        found: KeyFingerprint,
    },
    /// Signed by a key revoked for the exporting unit (or for a unit above it).
    RevokedKey {
        /// The exporting unit.
        unit: String,
        /// The key that signed.
        found: KeyFingerprint,
    },
    /// The exporting unit is not known here: neither in the registry nor a new ward under a
    /// known unit.
    UnknownSender {
        /// The exporting unit.
        unit: String,
    },
    /// A record the exporting unit has no authority over, and that importing would change.
    OutOfScope {
        /// The exporting unit.
        unit: String,
        /// What the record is, in Vietnamese (e.g. "thông tin đơn vị “tinh-na”").
        record_vi: String,
        /// The same in English.
        record_en: String,
        /// The unit whose scope the record belongs to.
        owner: String,
    },
    /// A version vector giving the importing device a counter above the one it wrote itself.
    ForgedCounter {
        /// The exporting unit.
        unit: String,
        /// The importing device.
        device: String,
        /// The counter in the file.
        counter: u64,
        /// The device's own counter for that value.
        known: u64,
    },
    /// Values dated more than a day ahead of the importing device's clock, new to it.
    FutureTimestamp {
        /// The exporting unit.
        unit: String,
        /// The furthest wall time found, in ms since 1970.
        furthest_ms: u64,
        /// The importing device's wall time, in ms since 1970.
        now_ms: u64,
    },
}

/// The Vietnamese name of a counted collection.
pub fn collection_vi(what: &str) -> &'static str {
    match what {
        "units" => "đơn vị",
        "assessments" => "bản đánh giá",
        "quotas" => "chỉ tiêu",
        "year_catalogues" => "lựa chọn bộ tiêu chí theo năm",
        "catalogues" => "bộ tiêu chí",
        "criteria" => "tiêu chí",
        "items" => "mục",
        "entries" => "phiên bản của một giá trị",
        "evidence" => "minh chứng",
        "attachments" => "tệp đính kèm của một minh chứng",
        "devices" => "thiết bị trong véc-tơ phiên bản",
        _ => "phần tử",
    }
}

fn collection_en(what: &str) -> &'static str {
    match what {
        "units" => "units",
        "assessments" => "assessments",
        "quotas" => "quotas",
        "year_catalogues" => "catalogue choices",
        "catalogues" => "catalogues",
        "criteria" => "criteria",
        "items" => "items",
        "entries" => "versions of one value",
        "evidence" => "evidence items",
        "attachments" => "attached files of one evidence item",
        "devices" => "devices in a version vector",
        _ => "elements",
    }
}

fn kind_vi(kind: &BundleKind) -> &'static str {
    match kind {
        BundleKind::Ward => "gói của Công an phường",
        BundleKind::Province => "gói tổng hợp của Công an tỉnh",
        BundleKind::Config => "gói cấu hình",
        BundleKind::Feedback => "gói ý kiến thẩm định",
    }
}

fn kind_en(kind: &BundleKind) -> &'static str {
    match kind {
        BundleKind::Ward => "ward bundle",
        BundleKind::Province => "province bundle",
        BundleKind::Config => "config bundle",
        BundleKind::Feedback => "feedback bundle",
    }
}

fn size_vi(bytes: usize) -> String {
    format!("{} MiB", format::decimal_vi(bytes as f64 / 1_048_576.0, 1))
}

fn size_en(bytes: usize) -> String {
    format!("{} MiB", format::decimal_en(bytes as f64 / 1_048_576.0, 1))
}

impl ProblemKind {
    /// Every code of the JSON bundle, in declaration order (each has a file
    /// `tests/bundles/bad/<code>.json`, except `too-large`, which tests generate). The codes of
    /// [`ProblemKind::Attachment`] are [`AttachmentProblem::CODES`], each with a container
    /// `tests/bundles/bad/<code>.pkmz`.
    pub const CODES: [&'static str; 59] = [
        "too-large",
        "not-utf8",
        "bom",
        "not-json",
        "truncated",
        "too-deep",
        "duplicate-key",
        "not-a-bundle",
        "missing-format-version",
        "unsupported-format-version",
        "newer-format-version",
        "missing-field",
        "invalid-record",
        "unknown-kind",
        "wrong-kind",
        "missing-integrity",
        "unknown-algorithm",
        "malformed-digest",
        "wrong-digest",
        "string-too-long",
        "too-many",
        "negative-number",
        "number-too-large",
        "invalid-date",
        "date-out-of-range",
        "year-out-of-range",
        "figure-out-of-range",
        "attachment-limits-out-of-range",
        "figure-not-allowed",
        "invalid-id",
        "duplicate-id",
        "id-mismatch",
        "empty-text",
        "invalid-version",
        "unknown-catalogue",
        "catalogue-clash",
        "invalid-catalogue",
        "unknown-criterion",
        "unknown-unit",
        "not-a-province",
        "assessments-in-config",
        "foreign-assessment",
        "exporting-unit-missing",
        "malformed-signature",
        "unknown-signature-algorithm",
        "bad-signature",
        "unsigned-bundle",
        "key-mismatch",
        "keys-in-ward-bundle",
        "empty",
        "not-a-ward",
        "settings-in-ward",
        "counter-too-large",
        "unconfirmed-key",
        "revoked-key",
        "unknown-sender",
        "out-of-scope",
        "future-timestamp",
        "forged-counter",
    ];

    /// The stable code of this kind (kebab-case).
    pub fn code(&self) -> &'static str {
        match self {
            ProblemKind::TooLarge { .. } => "too-large",
            ProblemKind::NotUtf8 { .. } => "not-utf8",
            ProblemKind::Bom => "bom",
            ProblemKind::NotJson { .. } => "not-json",
            ProblemKind::Truncated { .. } => "truncated",
            ProblemKind::TooDeep { .. } => "too-deep",
            ProblemKind::DuplicateKey { .. } => "duplicate-key",
            ProblemKind::NotABundle => "not-a-bundle",
            ProblemKind::MissingFormatVersion => "missing-format-version",
            ProblemKind::UnsupportedFormatVersion { .. } => "unsupported-format-version",
            ProblemKind::NewerFormatVersion { .. } => "newer-format-version",
            ProblemKind::MissingField { .. } => "missing-field",
            ProblemKind::InvalidRecord { .. } => "invalid-record",
            ProblemKind::UnknownKind { .. } => "unknown-kind",
            ProblemKind::WrongKind { .. } => "wrong-kind",
            ProblemKind::MissingIntegrity => "missing-integrity",
            ProblemKind::UnknownAlgorithm { .. } => "unknown-algorithm",
            ProblemKind::MalformedDigest => "malformed-digest",
            ProblemKind::WrongDigest { .. } => "wrong-digest",
            ProblemKind::StringTooLong { .. } => "string-too-long",
            ProblemKind::TooMany { .. } => "too-many",
            ProblemKind::NegativeNumber { .. } => "negative-number",
            ProblemKind::NumberTooLarge { .. } => "number-too-large",
            ProblemKind::InvalidDate { .. } => "invalid-date",
            ProblemKind::DateOutOfRange { .. } => "date-out-of-range",
            ProblemKind::YearOutOfRange { .. } => "year-out-of-range",
            ProblemKind::FigureOutOfRange { .. } => "figure-out-of-range",
            ProblemKind::AttachmentLimitsOutOfRange { .. } => "attachment-limits-out-of-range",
            ProblemKind::FigureNotAllowed { .. } => "figure-not-allowed",
            ProblemKind::InvalidId { .. } => "invalid-id",
            ProblemKind::DuplicateId { .. } => "duplicate-id",
            ProblemKind::IdMismatch { .. } => "id-mismatch",
            ProblemKind::EmptyText => "empty-text",
            ProblemKind::InvalidVersion { .. } => "invalid-version",
            ProblemKind::UnknownCatalogue { .. } => "unknown-catalogue",
            ProblemKind::CatalogueClash { .. } => "catalogue-clash",
            ProblemKind::InvalidCatalogue { .. } => "invalid-catalogue",
            ProblemKind::UnknownCriterion { .. } => "unknown-criterion",
            ProblemKind::UnknownUnit { .. } => "unknown-unit",
            ProblemKind::NotAProvince { .. } => "not-a-province",
            ProblemKind::AssessmentsInConfig => "assessments-in-config",
            ProblemKind::ForeignAssessment { .. } => "foreign-assessment",
            ProblemKind::ExportingUnitMissing { .. } => "exporting-unit-missing",
            ProblemKind::MalformedSignature { .. } => "malformed-signature",
            ProblemKind::UnknownSignatureAlgorithm { .. } => "unknown-signature-algorithm",
            ProblemKind::BadSignature => "bad-signature",
            ProblemKind::UnsignedBundle { .. } => "unsigned-bundle",
            ProblemKind::KeyMismatch { .. } => "key-mismatch",
            ProblemKind::KeysInWardBundle => "keys-in-ward-bundle",
            ProblemKind::Attachment(problem) => problem.code(),
            ProblemKind::Empty => "empty",
            ProblemKind::NotAWard { .. } => "not-a-ward",
            ProblemKind::SettingsInWard => "settings-in-ward",
            ProblemKind::CounterTooLarge { .. } => "counter-too-large",
            ProblemKind::UnconfirmedKey { .. } => "unconfirmed-key",
            ProblemKind::RevokedKey { .. } => "revoked-key",
            ProblemKind::UnknownSender { .. } => "unknown-sender",
            ProblemKind::OutOfScope { .. } => "out-of-scope",
            ProblemKind::FutureTimestamp { .. } => "future-timestamp",
            ProblemKind::ForgedCounter { .. } => "forged-counter",
        }
    }

    /// Whether the problem makes the rest of the file unreadable (reading stopped there).
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            ProblemKind::TooLarge { .. }
                | ProblemKind::NotUtf8 { .. }
                | ProblemKind::NotJson { .. }
                | ProblemKind::Truncated { .. }
                | ProblemKind::TooDeep { .. }
                | ProblemKind::NotABundle
                | ProblemKind::MissingFormatVersion
                | ProblemKind::UnsupportedFormatVersion { .. }
                | ProblemKind::NewerFormatVersion { .. }
        ) || matches!(self, ProblemKind::Attachment(problem) if problem.is_fatal())
    }

    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            ProblemKind::TooLarge { bytes, max } => format!(
                "Tệp quá lớn ({}), vượt giới hạn {}; không đọc tệp này.",
                size_vi(*bytes),
                size_vi(*max)
            ),
            ProblemKind::NotUtf8 { offset } => format!(
                "Tệp không phải văn bản UTF-8 (byte không hợp lệ ở vị trí {}); có thể đây là tệp nén, tệp Excel hoặc tệp bị hỏng.",
                format::int_vi(*offset as i64)
            ),
            ProblemKind::Bom => "Tệp bắt đầu bằng ký tự BOM; gói dữ liệu phải là UTF-8 không có BOM (đừng mở và lưu lại tệp bằng trình soạn thảo).".to_string(),
            ProblemKind::NotJson { line, column, .. } => {
                format!("Tệp không phải JSON hợp lệ (lỗi ở dòng {line}, cột {column}).")
            }
            ProblemKind::Truncated { line, column } => format!(
                "Tệp bị cắt cụt: nội dung kết thúc đột ngột ở dòng {line}, cột {column}; có thể tệp chưa được sao chép hoặc tải về hết."
            ),
            ProblemKind::TooDeep { max } => {
                format!("Dữ liệu lồng nhau quá sâu (vượt quá {max} cấp); đây không phải gói dữ liệu hợp lệ.")
            }
            ProblemKind::DuplicateKey { key } => {
                format!("Trường “{key}” xuất hiện hai lần trong cùng một đối tượng.")
            }
            ProblemKind::NotABundle => "Tệp JSON này không phải là gói dữ liệu Phường Kiểu Mẫu (thiếu \"format\": \"pkm-bundle\").".to_string(),
            ProblemKind::MissingFormatVersion => "Thiếu phiên bản định dạng (format_version).".to_string(),
            ProblemKind::UnsupportedFormatVersion { found } => {
                format!("Phiên bản định dạng {found} không hợp lệ; ứng dụng này đọc định dạng phiên bản 1.")
            }
            ProblemKind::NewerFormatVersion { found, supported } => format!(
                "Gói dữ liệu dùng định dạng phiên bản {found}, mới hơn phiên bản ứng dụng này đọc được (tối đa v{supported}). Hãy cập nhật ứng dụng rồi nhập lại."
            ),
            ProblemKind::MissingField { field } => format!("Thiếu trường bắt buộc “{field}”."),
            ProblemKind::InvalidRecord { detail } => format!("Dữ liệu sai cấu trúc ({detail})."),
            ProblemKind::UnknownKind { found } => format!(
                "Loại gói “{found}” không xác định; chỉ có ward (Công an phường), province (Công an tỉnh), config (cấu hình) hoặc feedback (ý kiến thẩm định)."
            ),
            ProblemKind::WrongKind { found, expected } => format!(
                "Đây là {}, không dùng được ở đây; cần {}.",
                kind_vi(found),
                expected.iter().map(kind_vi).collect::<Vec<_>>().join(" hoặc ")
            ),
            ProblemKind::MissingIntegrity => "Thiếu phần kiểm tra toàn vẹn (integrity); không thể xác nhận tệp còn nguyên vẹn.".to_string(),
            ProblemKind::UnknownAlgorithm { found } => {
                format!("Thuật toán kiểm tra toàn vẹn “{found}” không được hỗ trợ; chỉ dùng sha256-jcs.")
            }
            ProblemKind::MalformedDigest => "Mã kiểm tra (digest) không đúng dạng: phải gồm 64 ký tự hệ mười sáu viết thường.".to_string(),
            ProblemKind::WrongDigest { .. } => "Mã kiểm tra không khớp với nội dung: tệp đã bị hỏng hoặc bị sửa tay sau khi xuất. Hãy đề nghị đơn vị gửi lại tệp gốc.".to_string(),
            ProblemKind::StringTooLong { chars, max } => format!(
                "Chuỗi ký tự dài {} ký tự, vượt giới hạn {} ký tự.",
                format::int_vi(*chars as i64),
                format::int_vi(*max as i64)
            ),
            ProblemKind::TooMany { what, count, max } => format!(
                "Quá nhiều {}: {} (giới hạn {}).",
                collection_vi(what),
                format::int_vi(*count as i64),
                format::int_vi(*max as i64)
            ),
            ProblemKind::NegativeNumber { value } => {
                format!("Số âm {value} không hợp lệ: số lượng, tỷ lệ, năm và chỉ tiêu đều không được âm.")
            }
            ProblemKind::NumberTooLarge { value } => format!("Số {value} quá lớn để lưu chính xác."),
            ProblemKind::InvalidDate { text } => {
                format!("“{text}” không phải là ngày hợp lệ (định dạng yyyy-mm-dd).")
            }
            ProblemKind::DateOutOfRange { date } => format!("Ngày {date} nằm ngoài khoảng năm 2000–2100."),
            ProblemKind::YearOutOfRange { year } => {
                format!("Năm {year} không hợp lệ (phải trong khoảng 2000–2100; năm được công nhận phải trước năm đánh giá).")
            }
            ProblemKind::FigureOutOfRange { figure } => format!(
                "Số liệu {} nằm ngoài phạm vi cho phép (tỷ lệ từ 0 đến 100, số lượng không âm).",
                format::decimal_vi(*figure, 3)
            ),
            ProblemKind::AttachmentLimitsOutOfRange { unit } => format!(
                "Giới hạn tệp đính kèm của đơn vị “{unit}” nằm ngoài phạm vi cho phép (mỗi tệp từ 1 đến 100 MB, mỗi phường không ít hơn mỗi tệp và không quá 10.000 MB, cạnh dài nhất của ảnh từ 320 đến 10.000 điểm ảnh)."
            ),
            ProblemKind::FigureNotAllowed { criterion } => {
                format!("Tiêu chí “{criterion}” chỉ đánh giá đạt/không đạt nhưng lại có số liệu.")
            }
            ProblemKind::InvalidId { error, id } => format!("Mã “{id}” không hợp lệ: {}", error.message_vi()),
            ProblemKind::DuplicateId { id } => format!("Mã “{id}” bị trùng."),
            ProblemKind::IdMismatch { key, found } => {
                format!("Mã “{found}” bên trong không khớp với khóa “{key}”.")
            }
            ProblemKind::EmptyText => "Nội dung bắt buộc bị để trống.".to_string(),
            ProblemKind::InvalidVersion { detail } => {
                format!("Thông tin phiên bản không hợp lệ ({detail}); tệp có thể đã bị sửa tay.")
            }
            ProblemKind::UnknownCatalogue { id } => format!(
                "Bộ tiêu chí “{id}” không có trong gói và chưa có trên máy này; hãy nhập gói cấu hình của Công an tỉnh trước."
            ),
            ProblemKind::CatalogueClash { id } => format!(
                "Bộ tiêu chí “{id}” trong gói khác với bộ tiêu chí cùng mã đã có trên máy này."
            ),
            ProblemKind::InvalidCatalogue { error } => format!("Bộ tiêu chí không hợp lệ: {}", error.message_vi()),
            ProblemKind::UnknownCriterion { criterion, catalogue } => {
                format!("Tiêu chí “{criterion}” không có trong bộ tiêu chí “{catalogue}”.")
            }
            ProblemKind::UnknownUnit { id } => {
                format!("Đơn vị “{id}” không có trong gói và chưa có trong danh mục đơn vị trên máy này.")
            }
            ProblemKind::NotAProvince { id } => {
                format!("Đơn vị “{id}” không phải là Công an tỉnh, thành phố nên không có chỉ tiêu hay bộ tiêu chí riêng.")
            }
            ProblemKind::AssessmentsInConfig => "Gói cấu hình không được chứa bản đánh giá.".to_string(),
            ProblemKind::ForeignAssessment { unit, exporting } => format!(
                "Gói của đơn vị “{exporting}” lại chứa bản đánh giá của đơn vị khác (“{unit}”)."
            ),
            ProblemKind::ExportingUnitMissing { unit } => {
                format!("Gói của Công an phường không chứa thông tin đơn vị xuất gói “{unit}”.")
            }
            ProblemKind::MalformedSignature { detail } => format!(
                "Chữ ký số của tệp không đúng dạng ({detail}); không thể xác nhận ai đã xuất tệp."
            ),
            ProblemKind::UnknownSignatureAlgorithm { found } => format!(
                "Chữ ký số dùng thuật toán “{found}” không được hỗ trợ; chỉ dùng ecdsa-p256-sha256."
            ),
            ProblemKind::BadSignature => "Chữ ký số không khớp với nội dung: tệp đã bị sửa sau khi được ký. Hãy đề nghị đơn vị gửi lại tệp gốc.".to_string(),
            ProblemKind::UnsignedBundle { unit, pinned } if pinned.is_empty() => format!(
                "Tệp của đơn vị “{unit}” không có chữ ký số nên không xác định được ai đã xuất tệp; chỉ nhận nếu người nhập đồng ý nhận một lần sau khi đã xác minh với đơn vị."
            ),
            ProblemKind::UnsignedBundle { unit, pinned } => format!(
                "Tệp không có chữ ký số, nhưng đơn vị “{unit}” đã có khóa được ghi nhận ({}); không nhận tệp không ký của đơn vị này trừ khi người nhập đồng ý nhận một lần.",
                short_list(pinned)
            ),
            ProblemKind::KeyMismatch { unit, found, pinned } => format!(
                "Tệp được ký bằng khóa {}, không phải khóa đã ghi nhận của đơn vị “{unit}” ({}). Có thể tệp được xuất từ máy khác hoặc đã bị giả mạo; hãy gọi điện xác minh với đơn vị.",
                found.short(),
                short_list(pinned)
            ),
            ProblemKind::Attachment(problem) => problem.message_vi(),
            ProblemKind::KeysInWardBundle => "Gói của Công an phường không được chứa danh sách khóa ký số của các đơn vị (chỉ gói cấu hình và gói tổng hợp của Công an tỉnh mới có).".to_string(),
            ProblemKind::Empty => "Tệp rỗng, không có nội dung; có thể tệp chưa được sao chép hoặc tải về hết. Hãy đề nghị đơn vị gửi lại tệp.".to_string(),
            ProblemKind::NotAWard { id } => format!(
                "Tệp ghi là gói của Công an phường nhưng đơn vị xuất gói “{id}” không phải là Công an phường; có thể đây là gói cấu hình hoặc gói của tỉnh bị sửa nhãn."
            ),
            ProblemKind::SettingsInWard => "Gói của Công an phường không được chứa chỉ tiêu hay lựa chọn bộ tiêu chí của Công an tỉnh.".to_string(),
            ProblemKind::CounterTooLarge { counter, max } => format!(
                "Bộ đếm phiên bản {counter} vượt giới hạn {max}: không máy nào sửa một giá trị nhiều lần đến thế; tệp có thể đã bị sửa tay hoặc giả mạo."
            ),
            ProblemKind::UnconfirmedKey { unit, found } => format!(
                "Tệp của đơn vị “{unit}” được ký bằng khóa {} chưa được xác nhận. Hãy gọi điện cho đơn vị, đọc dãy số này để đối chiếu, rồi xác nhận khóa; chưa xác nhận thì tệp không được nhập.",
                found.short()
            ),
            ProblemKind::RevokedKey { unit, found } => format!(
                "Tệp của đơn vị “{unit}” được ký bằng khóa {} đã bị thu hồi; không nhận tệp ký bằng khóa này.",
                found.short()
            ),
            ProblemKind::UnknownSender { unit } => format!(
                "Đơn vị xuất tệp “{unit}” không có trong danh sách đơn vị ở máy này (cũng không phải Công an phường mới thuộc một đơn vị đã biết); tệp không được nhập. Hãy thêm đơn vị vào danh sách hoặc nhập tệp cấu hình của Công an tỉnh trước."
            ),
            ProblemKind::OutOfScope { unit, record_vi, owner, .. } => format!(
                "Đơn vị “{unit}” không có quyền thay đổi {record_vi} (thuộc quyền của “{owner}”); tệp không được nhập."
            ),
            ProblemKind::ForgedCounter { unit, device, counter, known } => format!(
                "Tệp của đơn vị “{unit}” ghi rằng chính máy này (“{device}”) đã sửa một giá trị {counter} lần, trong khi máy này mới sửa {known} lần: tệp bị giả mạo; không nhận."
            ),
            ProblemKind::FutureTimestamp { unit, furthest_ms, now_ms } => format!(
                "Tệp của đơn vị “{unit}” có giá trị ghi lúc {} (giờ UTC), muộn hơn đồng hồ máy này ({}) quá một ngày: đồng hồ máy gửi chạy sai hoặc tệp bị giả mạo. Hãy đề nghị đơn vị chỉnh đồng hồ; nếu đã xác minh, có thể nhận tệp này một lần (đồng hồ máy này không bị đẩy theo).",
                crate::trust::utc_text(*furthest_ms),
                crate::trust::utc_text(*now_ms)
            ),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            ProblemKind::TooLarge { bytes, max } => format!(
                "The file is too large ({}), over the limit of {}; it was not read.",
                size_en(*bytes),
                size_en(*max)
            ),
            ProblemKind::NotUtf8 { offset } => format!(
                "The file is not UTF-8 text (invalid byte at offset {offset}); it may be an archive, a spreadsheet or a damaged file."
            ),
            ProblemKind::Bom => "The file starts with a byte order mark; bundles are UTF-8 without BOM (do not open and re-save them in an editor).".to_string(),
            ProblemKind::NotJson { line, column, .. } => {
                format!("The file is not valid JSON (error at line {line}, column {column}).")
            }
            ProblemKind::Truncated { line, column } => format!(
                "The file is truncated: it ends abruptly at line {line}, column {column}; it may not have been copied or downloaded completely."
            ),
            ProblemKind::TooDeep { max } => {
                format!("The data is nested too deeply (more than {max} levels); this is not a valid bundle.")
            }
            ProblemKind::DuplicateKey { key } => format!("The member “{key}” appears twice in the same object."),
            ProblemKind::NotABundle => "This JSON file is not a Phường Kiểu Mẫu bundle (no \"format\": \"pkm-bundle\").".to_string(),
            ProblemKind::MissingFormatVersion => "The format version (format_version) is missing.".to_string(),
            ProblemKind::UnsupportedFormatVersion { found } => {
                format!("The format version {found} is invalid; this app reads format version 1.")
            }
            ProblemKind::NewerFormatVersion { found, supported } => format!(
                "The bundle uses format version {found}, newer than this app reads (up to v{supported}). Update the app and import again."
            ),
            ProblemKind::MissingField { field } => format!("The required member “{field}” is missing."),
            ProblemKind::InvalidRecord { detail } => format!("The data has the wrong shape ({detail})."),
            ProblemKind::UnknownKind { found } => {
                format!("Unknown bundle kind “{found}”; the kinds are ward, province, config and feedback.")
            }
            ProblemKind::WrongKind { found, expected } => format!(
                "This is a {}, which cannot be used here; expected a {}.",
                kind_en(found),
                expected.iter().map(kind_en).collect::<Vec<_>>().join(" or ")
            ),
            ProblemKind::MissingIntegrity => "The integrity member is missing; the file cannot be checked for corruption.".to_string(),
            ProblemKind::UnknownAlgorithm { found } => {
                format!("The integrity algorithm “{found}” is not supported; use sha256-jcs.")
            }
            ProblemKind::MalformedDigest => "The digest is malformed: it must be 64 lowercase hexadecimal characters.".to_string(),
            ProblemKind::WrongDigest { .. } => "The digest does not match the content: the file was damaged or edited by hand after export. Ask the unit to send the original file again.".to_string(),
            ProblemKind::StringTooLong { chars, max } => {
                format!("A text is {chars} characters long, over the limit of {max}.")
            }
            ProblemKind::TooMany { what, count, max } => {
                format!("Too many {}: {count} (limit {max}).", collection_en(what))
            }
            ProblemKind::NegativeNumber { value } => format!(
                "The negative number {value} is invalid: counts, percentages, years and quotas are never negative."
            ),
            ProblemKind::NumberTooLarge { value } => format!("The number {value} is too large to be stored exactly."),
            ProblemKind::InvalidDate { text } => format!("“{text}” is not a valid date (format yyyy-mm-dd)."),
            ProblemKind::DateOutOfRange { date } => format!("The date {date} is outside the years 2000–2100."),
            ProblemKind::YearOutOfRange { year } => format!(
                "The year {year} is invalid (it must be within 2000–2100; a year of recognition must precede the assessment year)."
            ),
            ProblemKind::FigureOutOfRange { figure } => format!(
                "The figure {} is out of range (percentages 0 to 100, counts not negative).",
                format::decimal_en(*figure, 3)
            ),
            ProblemKind::AttachmentLimitsOutOfRange { unit } => format!(
                "The evidence file limits of unit “{unit}” are out of range (1 to 100 MB per file, per ward no less than per file and at most 10,000 MB, a photo's longest side 320 to 10,000 pixels)."
            ),
            ProblemKind::FigureNotAllowed { criterion } => {
                format!("Criterion “{criterion}” is yes/no but has a figure.")
            }
            ProblemKind::InvalidId { error, id } => format!("The id “{id}” is invalid: {}", error.message_en()),
            ProblemKind::DuplicateId { id } => format!("The id “{id}” is used twice."),
            ProblemKind::IdMismatch { key, found } => {
                format!("The id “{found}” inside does not match the key “{key}”.")
            }
            ProblemKind::EmptyText => "A required text is empty.".to_string(),
            ProblemKind::InvalidVersion { detail } => {
                format!("Invalid version information ({detail}); the file may have been edited by hand.")
            }
            ProblemKind::UnknownCatalogue { id } => format!(
                "Catalogue “{id}” is neither in the bundle nor on this device; import the province's config bundle first."
            ),
            ProblemKind::CatalogueClash { id } => {
                format!("Catalogue “{id}” in the bundle differs from the catalogue with the same id on this device.")
            }
            ProblemKind::InvalidCatalogue { error } => format!("Invalid catalogue: {}", error.message_en()),
            ProblemKind::UnknownCriterion { criterion, catalogue } => {
                format!("Criterion “{criterion}” is not in catalogue “{catalogue}”.")
            }
            ProblemKind::UnknownUnit { id } => {
                format!("Unit “{id}” is neither in the bundle nor in this device's unit registry.")
            }
            ProblemKind::NotAProvince { id } => {
                format!("Unit “{id}” is not a provincial police, so it has no quota or catalogue of its own.")
            }
            ProblemKind::AssessmentsInConfig => "A config bundle must not carry assessments.".to_string(),
            ProblemKind::ForeignAssessment { unit, exporting } => {
                format!("The bundle of unit “{exporting}” carries an assessment of another unit (“{unit}”).")
            }
            ProblemKind::ExportingUnitMissing { unit } => {
                format!("The ward bundle does not carry the exporting unit “{unit}”.")
            }
            ProblemKind::MalformedSignature { detail } => format!(
                "The file's signature is malformed ({detail}); who exported it cannot be confirmed."
            ),
            ProblemKind::UnknownSignatureAlgorithm { found } => format!(
                "The signature algorithm “{found}” is not supported; use ecdsa-p256-sha256."
            ),
            ProblemKind::BadSignature => "The signature does not match the content: the file was changed after it was signed. Ask the unit to send the original file again.".to_string(),
            ProblemKind::UnsignedBundle { unit, pinned } if pinned.is_empty() => format!(
                "The file of unit “{unit}” is not signed, so who exported it is unknown; it is accepted only if the importing person accepts it once, after checking with the unit."
            ),
            ProblemKind::UnsignedBundle { unit, pinned } => format!(
                "The file is not signed, but a key is pinned for unit “{unit}” ({}); unsigned files of this unit are refused unless the importing person accepts one once.",
                short_list(pinned)
            ),
            ProblemKind::KeyMismatch { unit, found, pinned } => format!(
                "The file is signed by key {}, not the key pinned for unit “{unit}” ({}). It may come from another device or be forged; call the unit to check.",
                found.short(),
                short_list(pinned)
            ),
            ProblemKind::Attachment(problem) => problem.message_en(),
            ProblemKind::KeysInWardBundle => "A ward bundle must not list units' signing keys (only the province's config and province bundles do).".to_string(),
            ProblemKind::Empty => "The file is empty; it was perhaps not copied or downloaded completely. Ask the unit to send it again.".to_string(),
            ProblemKind::NotAWard { id } => format!(
                "The file says it is a ward bundle, but the exporting unit “{id}” is not a ward police; it may be a relabelled config or province bundle."
            ),
            ProblemKind::SettingsInWard => "A ward bundle may not carry the province's quotas or catalogue choices.".to_string(),
            ProblemKind::CounterTooLarge { counter, max } => format!(
                "Version counter {counter} is above the limit {max}: no device edits one value that often; the file may be edited by hand or forged."
            ),
            ProblemKind::UnconfirmedKey { unit, found } => format!(
                "The file of unit “{unit}” is signed by key {}, which nobody has confirmed. Call the unit, read these digits back, then confirm the key; until then the file is not imported.",
                found.short()
            ),
            ProblemKind::RevokedKey { unit, found } => format!(
                "The file of unit “{unit}” is signed by key {}, which was revoked; files signed by it are refused.",
                found.short()
            ),
            ProblemKind::UnknownSender { unit } => format!(
                "The exporting unit “{unit}” is not in this device's registry (nor a new ward under a known unit); the file is refused. Add the unit to the registry, or import the province's config file first."
            ),
            ProblemKind::OutOfScope { unit, record_en, owner, .. } => format!(
                "Unit “{unit}” may not change {record_en} (it belongs to “{owner}”); the file is refused."
            ),
            ProblemKind::ForgedCounter { unit, device, counter, known } => format!(
                "The file of unit “{unit}” says this very device (“{device}”) edited a value {counter} times, where it edited it {known} times: the file is forged; refused."
            ),
            ProblemKind::FutureTimestamp { unit, furthest_ms, now_ms } => format!(
                "The file of unit “{unit}” holds a value written at {} (UTC), more than a day after this device's clock ({}): the sending laptop's clock is wrong, or the file is forged. Ask the unit to set its clock; once checked, the file can be accepted once (this device's clock is not moved).",
                crate::trust::utc_text(*furthest_ms),
                crate::trust::utc_text(*now_ms)
            ),
        }
    }
}

/// One problem and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What.
    pub kind: ProblemKind,
    /// Where: a JSON path (`$` for the whole file).
    pub path: String,
}

impl Problem {
    /// Makes a problem.
    pub fn new(kind: ProblemKind, path: impl Into<String>) -> Problem {
        Problem {
            kind,
            path: path.into(),
        }
    }

    /// The stable code of its kind.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The Vietnamese message, with the path when it is not the whole file.
    pub fn message_vi(&self) -> String {
        if self.path == "$" {
            self.kind.message_vi()
        } else {
            format!("{} (vị trí: {})", self.kind.message_vi(), self.path)
        }
    }

    /// The English message, with the path when it is not the whole file.
    pub fn message_en(&self) -> String {
        if self.path == "$" {
            self.kind.message_en()
        } else {
            format!("{} (at {})", self.kind.message_en(), self.path)
        }
    }
}
