//! The texts of the two printed documents: the ward's self-assessment report
//! (`ui/pages/ward/print.rs`) and the province's meeting report
//! (`ui/pages/province/report.rs`).
//!
//! Both are official documents of Vietnamese units, printed in Vietnamese whatever the
//! interface language, so each text here has that one language (an English column would never
//! be printed). Texts without values are constants, texts with values small functions, as in
//! the rest of `i18n`.

use pkm_core::{AssessmentFigures, Basis, Date, Label, ProvinceFigures, Track};

/// The national motto's second line, on both documents.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// The signature block of the person who wrote the report.
pub const WRITER: &str = "NGƯỜI LẬP BÁO CÁO";
/// Under the writer's title.
pub const SIGN_HINT: &str = "(Ký, ghi rõ họ tên)";
/// Under the head of the unit's title.
pub const SIGN_AND_STAMP_HINT: &str = "(Ký, ghi rõ họ tên, đóng dấu)";

/// The ward's self-assessment report of the year.
pub mod sheet {
    use super::*;

    /// The national name, as the sheet prints it.
    pub const NATION: &str = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    /// The title, followed by the year.
    pub const TITLE: &str = "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ XÂY DỰNG CÔNG AN PHƯỜNG KIỂU MẪU VỀ AN NINH, TRẬT TỰ VÀ VĂN MINH ĐÔ THỊ NĂM ";
    /// Section I.
    pub const GENERAL: &str = "I. Thông tin chung";
    /// Section II.
    pub const CRITERIA: &str = "II. Kết quả tự đánh giá theo từng tiêu chí";
    /// Section III.
    pub const ACTIONS: &str = "III. Nhiệm vụ khắc phục";
    /// Section IV.
    pub const REQUESTS: &str = "IV. Kiến nghị, đề xuất";
    /// An empty section.
    pub const NONE: &str = "Không có.";
    /// The criteria table's columns.
    pub const CRITERIA_COLUMNS: [&str; 5] = [
        "TT",
        "Tiêu chí",
        "Kết quả",
        "Số liệu",
        "Minh chứng, ghi chú",
    ];
    /// The action items table's columns.
    pub const ACTION_COLUMNS: [&str; 5] = [
        "Tiêu chí",
        "Nhiệm vụ",
        "Người chịu trách nhiệm",
        "Thời hạn",
        "Tình trạng",
    ];
    /// An action item that belongs to no criterion.
    pub const GENERAL_ITEM: &str = "Chung";
    /// The requests table's columns.
    pub const REQUEST_COLUMNS: [&str; 3] = ["Lĩnh vực", "Nội dung", "Số lượng"];

    /// "…, ngày 5 tháng 3 năm 2025", dots where the date is unknown.
    pub fn date_line(today: Option<Date>) -> String {
        today.map_or_else(
            || "…, ngày … tháng … năm …".to_owned(),
            |d| format!("…, ngày {} tháng {} năm {}", d.day(), d.month(), d.year()),
        )
    }

    /// "Đơn vị: …".
    pub fn unit(name: &str) -> String {
        format!("Đơn vị: {name}")
    }

    /// "Trực thuộc: …".
    pub fn parent(name: &str) -> String {
        format!("Trực thuộc: {name}")
    }

    /// "Diện: …": the track, with the year a maintained ward was recognised.
    pub fn track(track: Option<&Track>) -> String {
        let track = match track {
            Some(Track::Maintain { since_year }) => {
                format!("Duy trì (được công nhận năm {since_year})")
            }
            Some(track) => track.label_vi().to_owned(),
            None => "Chưa xác định".to_owned(),
        };
        format!("Diện: {track}")
    }

    /// "Bộ tiêu chí áp dụng: …".
    pub fn catalogue(title: &str) -> String {
        format!("Bộ tiêu chí áp dụng: {title}")
    }

    /// After a draft catalogue's title, unless the title already says it is a draft.
    pub fn draft_note(title: &str, draft: bool) -> Option<&'static str> {
        (draft && !title.contains("dựng tạm"))
            .then_some(" (bản dựng tạm, chưa phải văn bản chính thức)")
    }

    /// The counts per status, then whether all criteria are (expected to be) met.
    pub fn summary(figures: &AssessmentFigures) -> String {
        let counts = &figures.counts;
        let total = figures.total;
        let verdict = if figures.complete {
            format!("Đạt {total}/{total} tiêu chí.")
        } else if figures.expected_complete {
            format!("Dự kiến đạt {total}/{total} tiêu chí.")
        } else {
            format!(
                "Chưa đạt {total}/{total} tiêu chí (còn {} tiêu chí chưa đạt hoặc chưa đánh giá).",
                counts.not_met + counts.not_assessed
            )
        };
        format!(
            "Kết quả tự đánh giá: {} tiêu chí đạt, {} tiêu chí dự kiến đạt, {} tiêu chí chưa đạt, {} tiêu chí chưa đánh giá. {verdict}",
            counts.met, counts.expected, counts.not_met, counts.not_assessed
        )
    }

    /// An evidence item's date: "ngày 12/03/2024".
    pub fn evidence_date(date: &Date) -> String {
        format!("ngày {}", date.to_vi())
    }

    /// The head of the unit's signature title: "TRƯỞNG CÔNG AN PHƯỜNG" (or "TRƯỞNG ĐƠN VỊ" for
    /// a unit that is not a ward).
    pub fn head_of_unit(is_ward: bool) -> String {
        let subject = if is_ward {
            "Công an phường"
        } else {
            "đơn vị"
        };
        format!("TRƯỞNG {}", subject.to_uppercase())
    }
}

/// The province's report for the review meeting.
pub mod report {
    use super::*;

    /// The issuing ministry.
    pub const MINISTRY: &str = "BỘ CÔNG AN";
    /// The national name, as the report prints it.
    pub const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    /// The title's first line.
    pub const TITLE: &str = "BÁO CÁO";
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
    /// The head of the province's signature title.
    pub const PROVINCE_HEAD: &str = "LÃNH ĐẠO CÔNG AN TỈNH";

    /// The place name of a province unit's name: "Công an tỉnh Nghệ An" → "Nghệ An".
    pub fn place_name(province_name: &str) -> &str {
        for prefix in ["Công an thành phố ", "Công an tỉnh ", "Công an "] {
            if let Some(rest) = province_name.strip_prefix(prefix) {
                return rest;
            }
        }
        province_name
    }

    /// The report's date line: "Nghệ An, ngày 18 tháng 12 năm 2024".
    pub fn date_line(figures: &ProvinceFigures) -> String {
        format!(
            "{}, ngày {:02} tháng {:02} năm {}",
            place_name(&figures.province_name),
            figures.today.day(),
            figures.today.month(),
            figures.today.year()
        )
    }

    /// The title's second line.
    pub fn title(year: u16) -> String {
        format!(
            "Kết quả xây dựng mô hình Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị năm {year}"
        )
    }

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

#[cfg(test)]
mod tests {
    use super::report::place_name;

    #[test]
    fn place_names_drop_the_police_prefix() {
        assert_eq!(place_name("Công an tỉnh Nghệ An"), "Nghệ An");
        assert_eq!(place_name("Công an thành phố Hà Nội"), "Hà Nội");
        assert_eq!(place_name("Nghệ An"), "Nghệ An");
    }
}
