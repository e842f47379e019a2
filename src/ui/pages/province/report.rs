//! The printable meeting report (`/tinh/bao-cao`): an A4 document in Vietnamese for the review
//! meeting ("họp xét, đánh giá") with the official header, the headline figures and paragraph, the
//! table per middle-level unit, the ward × criterion matrix, the chart of the criteria most often
//! missed, requests, open action items, wards with no bundle, and signature lines. The choice bar
//! and the buttons are hidden when printing (see `style/province.css`).

use std::sync::Arc;

use leptos::prelude::*;
use pkm_core::dashboard::{quota_line_vi, track_line_vi};
use pkm_core::{Basis, ProvinceFigures};

use super::common::ChoiceBar;
use super::dashboard::{
    ActionsTable, MatrixTable, MissesChart, MissingWards, PerMiddleTable, RequestsTable, paragraph,
    use_figures,
};
use super::outputs::OutputButtons;
use crate::i18n::Lang;
use crate::i18n::province::ProvinceMsg;
use crate::state::province::use_province;
use crate::state::use_app_state;

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

/// The report screen.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = use_app_state();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let (filtered, whole) = use_figures();
    let figures = Memo::new(move |_| filtered.get().and_then(|view| view.figures.ok()));
    let whole_figures = Memo::new(move |_| whole.get().and_then(|view| view.figures.ok()));
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            // Printing is refused only in unusual embeddings; nothing to recover then.
            let _ = window.print();
        }
    };
    let signal: Signal<Option<Arc<ProvinceFigures>>> = figures.into();
    view! {
        <div class="pkm-report-screen">
            <div class="pkm-no-print">
                <h2>{t(ProvinceMsg::ReportTitle)}</h2>
                <p class="pkm-lead">{t(ProvinceMsg::ReportIntro)}</p>
                <ChoiceBar filters=true />
                <div class="pkm-actions">
                    <button type="button" class="pkm-button pkm-button--primary" data-testid="print" on:click=print>
                        {t(ProvinceMsg::Print)}
                    </button>
                </div>
                <OutputButtons figures=signal without_report_link=true />
            </div>
            {move || {
                figures
                    .get()
                    .map(|current| {
                        let reviewer = province.profile.with(|profile| profile.reviewer.clone());
                        let whole_paragraph = whole_figures
                            .get()
                            .map(|whole| paragraph(Lang::Vi, &whole))
                            .unwrap_or_default();
                        view! { <ReportDocument figures=current paragraph=whole_paragraph reviewer /> }
                    })
            }}
        </div>
    }
}

/// The printed document itself (always in Vietnamese, the working language of the meeting).
#[component]
fn ReportDocument(
    /// The figures reported.
    figures: Arc<ProvinceFigures>,
    /// The meeting's paragraph (of the whole province).
    paragraph: String,
    /// The reviewer's name, for the signature block.
    reviewer: String,
) -> impl IntoView {
    let full = crate::i18n::province::full(figures.criteria_total, Lang::Vi);
    let basis = match figures.basis {
        Basis::SelfAssessed => "Số liệu theo kết quả tự đánh giá của các đơn vị.",
        Basis::AfterReview => {
            "Số liệu sau họp xét (tiêu chí không được nhất trí tính là chưa đạt)."
        }
    };
    let signal = Signal::derive({
        let figures = figures.clone();
        move || Some(figures.clone())
    });
    view! {
        <article class="pkm-report" lang="vi" data-testid="report">
            <header class="pkm-report__head">
                <div class="pkm-report__issuer">
                    <p>"BỘ CÔNG AN"</p>
                    <p class="pkm-report__strong">{figures.province_name.to_uppercase()}</p>
                </div>
                <div class="pkm-report__motto">
                    <p class="pkm-report__strong">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</p>
                    <p class="pkm-report__underline">"Độc lập - Tự do - Hạnh phúc"</p>
                    <p class="pkm-report__date"><em>{date_line(&figures)}</em></p>
                </div>
            </header>
            <h2 class="pkm-report__title">
                "BÁO CÁO"
                <br />
                {format!(
                    "Kết quả xây dựng mô hình Công an phường kiểu mẫu về an ninh, trật tự và văn minh đô thị năm {}",
                    figures.year
                )}
            </h2>
            <p class="pkm-report__subtitle">"(Phục vụ họp xét, đánh giá)"</p>
            <p class="pkm-report__basis">{basis}</p>
            <section>
                <h3>"I. Kết quả chung"</h3>
                <ol class="pkm-report__figures" data-testid="report-figures">
                    <li>
                        <strong>"Duy trì mô hình: "</strong>
                        {track_line_vi(&figures.maintained, figures.criteria_total)}
                        "."
                    </li>
                    <li>
                        <strong>"Xây dựng mới: "</strong>
                        {track_line_vi(&figures.new, figures.criteria_total)}
                        ". "
                        {quota_line_vi(&figures)}
                        "."
                    </li>
                    <li>
                        {format!(
                            "Chưa nộp bản tự đánh giá: {} Công an phường; nhiệm vụ quá hạn: {}; giá trị đang xung đột: {}.",
                            figures.wards_without_assessment.len(),
                            figures.overdue_actions,
                            figures.conflicts
                        )}
                    </li>
                </ol>
                <p class="pkm-paragraph" data-testid="report-paragraph">{paragraph}</p>
                <p class="pkm-report__note">
                    {format!("“Dự kiến đạt {full}”: mọi tiêu chí đạt hoặc dự kiến đạt; “đã đạt {full}”: mọi tiêu chí đạt.")}
                </p>
            </section>
            <section class="pkm-report__section">
                <h3>"II. Kết quả theo đơn vị cấp huyện"</h3>
                <PerMiddleTable figures=signal />
            </section>
            <section class="pkm-report__section pkm-report__section--break">
                <h3>"III. Kết quả từng tiêu chí của các Công an phường"</h3>
                <MatrixTable figures=signal />
            </section>
            <section class="pkm-report__section">
                <h3>"IV. Các tiêu chí nhiều đơn vị chưa đạt"</h3>
                <MissesChart figures=signal />
            </section>
            <section class="pkm-report__section">
                <h3>"V. Kiến nghị, đề xuất của các đơn vị"</h3>
                <RequestsTable figures=signal />
            </section>
            <section class="pkm-report__section">
                <h3>"VI. Nhiệm vụ khắc phục đang thực hiện"</h3>
                <ActionsTable figures=signal />
            </section>
            <section class="pkm-report__section">
                <h3>"VII. Đơn vị chưa nộp bản tự đánh giá"</h3>
                <MissingWards figures=signal />
            </section>
            <footer class="pkm-report__signatures">
                <div>
                    <p class="pkm-report__strong">"NGƯỜI LẬP BÁO CÁO"</p>
                    <p class="pkm-report__sign-hint"><em>"(Ký, ghi rõ họ tên)"</em></p>
                    <p class="pkm-report__signer">{reviewer}</p>
                </div>
                <div>
                    <p class="pkm-report__strong">"LÃNH ĐẠO CÔNG AN TỈNH"</p>
                    <p class="pkm-report__sign-hint"><em>"(Ký, ghi rõ họ tên, đóng dấu)"</em></p>
                    <p class="pkm-report__signer"></p>
                </div>
            </footer>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_names_drop_the_police_prefix() {
        assert_eq!(place_name("Công an tỉnh Nghệ An"), "Nghệ An");
        assert_eq!(place_name("Công an thành phố Hà Nội"), "Hà Nội");
        assert_eq!(place_name("Nghệ An"), "Nghệ An");
    }
}
