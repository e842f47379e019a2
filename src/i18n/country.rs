//! The dashboard of the level above the provinces (issue 28): the whole country's figures, a
//! line per province. Texts with values are small functions with both languages side by side.

use super::{Lang, messages};

messages! {
    /// Messages of the country's dashboard.
    CountryMsg {
    /// The province select's choice of the whole country.
    Choice => "Cả nước (mọi tỉnh, thành phố)", "The whole country (every province)";
    /// Heading of the country's figures.
    Title => "Toàn quốc", "The whole country";
    /// Heading of the table per province.
    PerProvinceTitle => "Kết quả theo Công an tỉnh, thành phố", "By province";
    /// How a province's units are reached.
    PerProvinceHint => "Chọn tên một tỉnh để xem danh sách đơn vị, ma trận tiêu chí và các bảng của tỉnh đó; chọn lại \u{201c}Cả nước\u{201d} ở ô Công an tỉnh để quay về.",
        "Choose a province's name to see its units, its criteria matrix and its tables; choose \u{201c}The whole country\u{201d} in the province box to come back.";
    /// Column header: the province.
    ColumnProvince => "Công an tỉnh, thành phố", "Province";
    /// Column header: units assessed.
    ColumnAssessed => "Đơn vị có tự đánh giá", "Units assessed";
    /// Column header: the quota.
    ColumnQuota => "Chỉ tiêu xây dựng mới", "Quota of new units";
    /// Column header: units on no track.
    ColumnUntracked => "Không theo diện", "On no track";
    /// Column header: wards with no bundle.
    ColumnMissing => "Phường chưa gửi", "Wards not sent";
    /// The totals row.
    TotalRow => "Toàn quốc", "Country total";
    /// Heading of the criteria most missed.
    MissesTitle => "Tiêu chí chưa đạt nhiều nhất trên cả nước", "Criteria most often missed in the country";
    /// Column header: the criterion.
    ColumnCriterion => "Tiêu chí", "Criterion";
    /// Column header: the units missing it.
    ColumnMissingUnits => "Số đơn vị chưa đạt", "Units missing it";
    /// No criterion missed.
    NoMisses => "Không có tiêu chí nào chưa đạt.", "No criterion missed.";
    /// The store has no province's figures for the year.
    Empty => "Chưa có số liệu của tỉnh nào cho năm này.", "No province's figures for this year yet.";
    }
}

/// "Năm 2025 — cả nước: 34 tỉnh, thành phố, 3.321 đơn vị có tự đánh giá".
pub fn scope_line(year: u16, provinces: &str, assessed: &str, basis: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Năm {year} — cả nước: {provinces} tỉnh, thành phố, {assessed} đơn vị có tự đánh giá ({basis})"
        ),
        Lang::En => format!(
            "{year} — the whole country: {provinces} provinces, {assessed} units assessed ({basis})"
        ),
    }
}

/// The button's accessible name on a province's name: "Xem các đơn vị của Công an tỉnh …".
pub fn open_province(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Xem các đơn vị của {name}"),
        Lang::En => format!("See the units of {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        crate::i18n::tests::assert_complete(CountryMsg::ALL);
    }
}
