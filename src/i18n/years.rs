//! The province's years side by side on the dashboard, and the ward's years per criterion
//! (issue 24, step 4). Texts with values are small functions with both languages side by side.

use pkm_core::chart::years::{Fill, Series};

use super::{Lang, messages};

messages! {
    /// Messages of the years compared.
    YearsMsg {
    /// Heading of the comparison on the dashboard.
    Title => "So sánh qua các năm", "Year over year";
    /// What the comparison counts.
    Intro => "Toàn tỉnh, mọi năm có số liệu (ít nhất ba năm gần nhất); bộ lọc của bảng điều khiển không áp dụng ở đây.",
        "The whole province, every year with data (at least the last three); the dashboard's filters do not apply here.";
    /// Heading of the results chart.
    ResultsTitle => "Số Công an phường theo diện và kết quả, đề nghị và được công nhận", "Wards per track and result, proposed and recognised";
    /// Heading of the misses per year.
    MissesTitle => "Tiêu chí chưa đạt nhiều nhất theo từng năm", "Criteria most often missed, per year";
    /// How criteria are matched across years.
    MissesIntro => "Mỗi năm dùng bộ tiêu chí của năm đó (số thứ tự và tên theo bộ tiêu chí năm đó); tiêu chí không được ghép giữa các năm.",
        "Each year uses its own catalogue (numbers and titles as that year's catalogue gives them); criteria are not matched across years.";
    /// A year without any criterion missed.
    NoMisses => "Không có tiêu chí nào chưa đạt.", "No criterion missed.";
    /// Column header: the year.
    Year => "Năm", "Year";
    /// Column header: the criterion.
    Criterion => "Tiêu chí", "Criterion";
    /// Column header: the wards missing it.
    Wards => "Số đơn vị chưa đạt", "Units missing it";
    /// Column header: the total.
    Total => "Tổng", "Total";
    /// Caption of the results table.
    ResultsTable => "Số liệu của biểu đồ", "The chart's figures";
    /// Heading of the ward's years on a criterion.
    WardYears => "Qua các năm", "Over the years";
    /// A year whose catalogue has no criterion of this id.
    NotInCatalogue => "không có trong bộ tiêu chí năm đó", "not in that year's catalogue";
    }
}

/// A column's label under the chart (short).
pub fn series_short(series: Series, lang: Lang) -> &'static str {
    match (series, lang) {
        (Series::Maintain, Lang::Vi) => "DT",
        (Series::Maintain, Lang::En) => "M",
        (Series::New, Lang::Vi) => "XM",
        (Series::New, Lang::En) => "N",
        (Series::Proposed, Lang::Vi) => "ĐN",
        (Series::Proposed, Lang::En) => "P",
        (Series::Recognised, Lang::Vi) => "CN",
        (Series::Recognised, Lang::En) => "R",
    }
}

/// A column's full name.
pub fn series_name(series: Series, lang: Lang) -> &'static str {
    lang.pick(
        match series {
            Series::Maintain => "Duy trì",
            Series::New => "Xây dựng mới",
            Series::Proposed => "Đề nghị công nhận",
            Series::Recognised => "Được công nhận",
        },
        match series {
            Series::Maintain => "Maintain",
            Series::New => "New",
            Series::Proposed => "Proposed",
            Series::Recognised => "Recognised",
        },
    )
}

/// A fill's meaning, for the key.
pub fn fill_name(fill: Fill, lang: Lang) -> &'static str {
    lang.pick(
        match fill {
            Fill::Reached => "Đạt",
            Fill::Expected => "Dự kiến đạt",
            Fill::NotReached => "Chưa đạt",
            Fill::Proposed => "Đề nghị công nhận",
            Fill::Recognised => "Được công nhận",
        },
        match fill {
            Fill::Reached => "Reached",
            Fill::Expected => "Expected",
            Fill::NotReached => "Not reached",
            Fill::Proposed => "Proposed",
            Fill::Recognised => "Recognised",
        },
    )
}

/// One column for screen readers: "2024, Duy trì: 16 (đạt 8, dự kiến đạt 6, chưa đạt 2)".
pub fn column_description(year: u16, series: &str, total: usize, parts: &str) -> String {
    if parts.is_empty() {
        format!("{year}, {series}: {total}")
    } else {
        format!("{year}, {series}: {total} ({parts})")
    }
}

/// One bar of the misses per year for screen readers.
pub fn miss_description(year: u16, number: usize, wards: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{year}, tiêu chí {number}: {wards} đơn vị chưa đạt"),
        Lang::En => format!("{year}, criterion {number}: {wards} units missing it"),
    }
}

/// Beside an earlier year whose catalogue titles the criterion differently.
pub fn renamed(lang: Lang) -> &'static str {
    lang.pick(
        " (tên tiêu chí năm đó khác)",
        " (titled differently that year)",
    )
}
