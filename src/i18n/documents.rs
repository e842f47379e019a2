//! The texts of the printed documents: the ward's self-assessment report
//! (`ui/pages/ward/print.rs`), the province's meeting report (`ui/pages/province/report.rs`),
//! the review's minutes and the proposal (`ui/pages/province/review_docs.rs`).
//!
//! They are official documents of Vietnamese units, printed in Vietnamese whatever the
//! interface language, so each text here has that one language (an English column would never
//! be printed). The texts the `.docx` shares with the print views live in the core
//! (`pkm_core::documents::text`) and are re-exported here; the print views' own are below.

use pkm_core::{Basis, ProvinceFigures};

pub use pkm_core::documents::text::{MOTTO, NATION, RECIPIENTS};

/// The ward's self-assessment report of the year (its sections, as the Word file has them).
pub mod sheet {
    pub use pkm_core::documents::text::NONE;
    pub use pkm_core::documents::text::ward::*;
}

/// The province's report for the review meeting.
pub mod report {
    use super::*;

    /// Under the title.
    pub const SUBTITLE: &str = "(Phục vụ họp xét, đánh giá)";
    /// Section I.
    pub const RESULTS: &str = "I. Kết quả chung";
    /// Before the maintained wards' line.
    pub const MAINTAINED: &str = "Duy trì mô hình: ";
    /// Before the new wards' line.
    pub const NEW: &str = "Xây dựng mới: ";
    /// Section II.
    pub const PER_MIDDLE: &str = "II. Kết quả theo đơn vị cấp huyện";
    /// Section III.
    pub const MATRIX: &str = "III. Kết quả từng tiêu chí của các Công an phường";
    /// Section IV.
    pub const MISSES: &str = "IV. Các tiêu chí nhiều đơn vị chưa đạt";
    /// Section V.
    pub const REQUESTS: &str = "V. Kiến nghị, đề xuất của các đơn vị";
    /// Section VI.
    pub const ACTIONS: &str = "VI. Nhiệm vụ khắc phục đang thực hiện";
    /// Section VII.
    pub const MISSING: &str = "VII. Đơn vị chưa nộp bản tự đánh giá";

    /// Which figures the report counts.
    pub fn basis(basis: Basis) -> &'static str {
        match basis {
            Basis::SelfAssessed => "Số liệu theo kết quả tự đánh giá của các đơn vị.",
            Basis::AfterReview => {
                "Số liệu sau họp xét (tiêu chí không được nhất trí tính là chưa đạt)."
            }
        }
    }

    /// What needs attention, in one line.
    pub fn attention(figures: &ProvinceFigures) -> String {
        format!(
            "Chưa nộp bản tự đánh giá: {} Công an phường; nhiệm vụ quá hạn: {}; giá trị đang xung đột: {}.",
            figures.wards_without_assessment.len(),
            figures.overdue_actions,
            figures.conflicts
        )
    }

    /// What "expected 20/20" and "complete 20/20" mean (`full`: "20/20").
    pub fn full_note(full: &str) -> String {
        format!(
            "“Dự kiến đạt {full}”: mọi tiêu chí đạt hoặc dự kiến đạt; “đã đạt {full}”: mọi tiêu chí đạt."
        )
    }
}
