//! The kinds of document and the fields a person fills in once per kind and unit (number, place,
//! date, signer, recipients), with the lines the decree prints from them: "Số: …/BC-…" and
//! "Nghệ An, ngày 05 tháng 01 năm 2025". The app remembers the fields per unit; a field left
//! empty prints as the dots an office fills in by hand.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// One of the four documents.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The ward's self-assessment report of the year (báo cáo tự đánh giá).
    #[default]
    WardReport,
    /// The province's report for the review meeting (báo cáo phục vụ họp xét).
    MeetingReport,
    /// The minutes of the review meeting (biên bản họp xét).
    ReviewMinutes,
    /// The proposal to the Ministry to recognise wards (tờ trình đề nghị công nhận).
    RecognitionProposal,
}

impl DocumentKind {
    /// Every kind, in the order of the yearly cycle.
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::WardReport,
        DocumentKind::MeetingReport,
        DocumentKind::ReviewMinutes,
        DocumentKind::RecognitionProposal,
    ];

    /// A stable ASCII code: the key of the remembered fields and the start of a file's name.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::WardReport => "bao-cao-tu-danh-gia",
            DocumentKind::MeetingReport => "bao-cao-hop-xet",
            DocumentKind::ReviewMinutes => "bien-ban-hop-xet",
            DocumentKind::RecognitionProposal => "to-trinh-cong-nhan",
        }
    }

    /// The document type's abbreviation in a number (Phụ lục III of the decree): BC, BB, TTr.
    pub fn symbol(self) -> &'static str {
        match self {
            DocumentKind::WardReport | DocumentKind::MeetingReport => "BC",
            DocumentKind::ReviewMinutes => "BB",
            DocumentKind::RecognitionProposal => "TTr",
        }
    }

    /// The document type as printed: "BÁO CÁO", "BIÊN BẢN", "TỜ TRÌNH".
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::WardReport | DocumentKind::MeetingReport => "BÁO CÁO",
            DocumentKind::ReviewMinutes => "BIÊN BẢN",
            DocumentKind::RecognitionProposal => "TỜ TRÌNH",
        }
    }

    /// The `.docx` file's name for a unit's code (ASCII) and a year.
    pub fn file_name(self, unit_code: &str, year: u16) -> String {
        format!("{}-{unit_code}-{year}.docx", self.code())
    }
}

/// What a person fills in for a document; remembered per unit and kind.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentFields {
    /// The number after "Số: ", as the office's register gives it ("125/BC-CAT-PV01"); empty
    /// prints "Số:      /BC-" to fill in by hand.
    pub number: String,
    /// The place of the date line ("Nghệ An"); empty uses the unit's place name.
    pub place: String,
    /// The date; none prints dots.
    pub date: Option<Date>,
    /// The signer's title, one line each ("KT. GIÁM ĐỐC" then "PHÓ GIÁM ĐỐC"); empty uses the
    /// document's usual title.
    pub signer_title: String,
    /// The signer's name.
    pub signer_name: String,
    /// The minutes' secretary (thư ký), who signs on the left.
    pub secretary: String,
    /// "Nơi nhận:", one recipient a line; empty uses the document's usual list.
    pub recipients: String,
}

impl DocumentFields {
    /// "Số: 125/BC-CAT-PV01", or "Số:      /BC-" to fill in.
    pub fn number_line(&self, kind: DocumentKind) -> String {
        let number = self.number.trim();
        if number.is_empty() {
            format!("Số:       /{}-", kind.symbol())
        } else {
            format!("Số: {number}")
        }
    }

    /// "Nghệ An, ngày 05 tháng 01 năm 2025" with the remembered place, or `default_place`.
    pub fn place_date_line(&self, default_place: &str) -> String {
        let place = match self.place.trim() {
            "" => default_place.trim(),
            place => place,
        };
        let place = if place.is_empty() { "…" } else { place };
        date_line(place, self.date)
    }

    /// The signer's title lines, or `default` when none was filled in.
    pub fn signer_lines(&self, default: &[&str]) -> Vec<String> {
        let lines = non_empty_lines(&self.signer_title);
        if lines.is_empty() {
            default.iter().map(|line| (*line).to_owned()).collect()
        } else {
            lines.into_iter().map(|line| line.to_uppercase()).collect()
        }
    }

    /// The recipients, one a line, or `default` when none was filled in.
    pub fn recipient_lines(&self, default: &[String]) -> Vec<String> {
        let lines = non_empty_lines(&self.recipients);
        if lines.is_empty() {
            default.to_vec()
        } else {
            lines
        }
    }
}

fn non_empty_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// "Nghệ An, ngày 05 tháng 01 năm 2025": the decree writes a day below 10 and the months 1
/// and 2 with a leading zero ("ngày 05 tháng 3"); dots where the date is unknown.
pub fn date_line(place: &str, date: Option<Date>) -> String {
    match date {
        Some(date) => {
            let month = if date.month() <= 2 {
                format!("{:02}", date.month())
            } else {
                date.month().to_string()
            };
            format!(
                "{place}, ngày {:02} tháng {month} năm {}",
                date.day(),
                date.year()
            )
        }
        None => format!("{place}, ngày … tháng … năm …"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: u32, month: u32, day: u32) -> Date {
        Date::new(year, month, day).unwrap()
    }

    #[test]
    fn days_below_ten_and_the_first_two_months_take_a_zero() {
        assert_eq!(
            date_line("Nghệ An", Some(day(2025, 1, 5))),
            "Nghệ An, ngày 05 tháng 01 năm 2025"
        );
        assert_eq!(
            date_line("Vinh", Some(day(2024, 3, 18))),
            "Vinh, ngày 18 tháng 3 năm 2024"
        );
        assert_eq!(
            date_line("Vinh", Some(day(2024, 12, 9))),
            "Vinh, ngày 09 tháng 12 năm 2024"
        );
        assert_eq!(date_line("Vinh", None), "Vinh, ngày … tháng … năm …");
    }

    #[test]
    fn empty_fields_print_what_is_filled_in_by_hand() {
        let empty = DocumentFields::default();
        assert_eq!(
            empty.number_line(DocumentKind::RecognitionProposal),
            "Số:       /TTr-"
        );
        assert_eq!(empty.place_date_line(""), "…, ngày … tháng … năm …");
        assert_eq!(empty.signer_lines(&["TRƯỞNG"]), vec!["TRƯỞNG"]);
        let filled = DocumentFields {
            number: " 12/BC-CAP ".into(),
            place: "Bến Thủy".into(),
            signer_title: "kt. trưởng công an phường\n\nphó trưởng công an phường".into(),
            recipients: "- Công an tỉnh;\n- Lưu: VT.".into(),
            ..DocumentFields::default()
        };
        assert_eq!(
            filled.number_line(DocumentKind::WardReport),
            "Số: 12/BC-CAP"
        );
        assert_eq!(
            filled.signer_lines(&[]),
            vec!["KT. TRƯỞNG CÔNG AN PHƯỜNG", "PHÓ TRƯỞNG CÔNG AN PHƯỜNG"]
        );
        assert_eq!(filled.recipient_lines(&[]).len(), 2);
    }

    #[test]
    fn an_old_or_partial_record_reads_with_defaults() {
        let fields: DocumentFields = serde_json::from_str(r#"{"number":"7"}"#).unwrap();
        assert_eq!(fields.number, "7");
        assert_eq!(fields.date, None);
        let back: DocumentFields =
            serde_json::from_str(&serde_json::to_string(&fields).unwrap()).unwrap();
        assert_eq!(back, fields);
    }
}
