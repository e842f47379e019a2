//! The printable self-assessment report of the year (A4, Vietnamese): the unit, the track, the
//! criteria with status and evidence, follow-up tasks, requests, and signature lines.
//!
//! The report is always in Vietnamese, whatever the interface language: it is an official
//! document of a Vietnamese unit.

use leptos::prelude::*;
use pkm_core::{AssessmentFigures, Basis, CriterionEntry, CriterionStatus, Label, Track, UnitKind};

use super::context::use_ward;
use crate::i18n::ward::WardMsg;
use crate::state::use_app_state;
use crate::state::ward;

/// The print page: a button and the report.
#[component]
pub fn PrintPage() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let report = Memo::new(move |_| {
        let key = context.key()?;
        context.session().read(|store| {
            let doc = store.assessment(&key)?;
            let catalogue = store.catalogue_of(&key)?;
            let registry = store.registry();
            let ward = store.unit(&key.unit)?.clone();
            let province = registry.province_of(&key.unit).map(|u| u.name_vi.clone());
            let middle = registry.middle_of(&key.unit).map(|u| u.name_vi.clone());
            let figures = AssessmentFigures::compute(doc, catalogue, Basis::SelfAssessed);
            let criteria: Vec<(String, String, CriterionEntry)> = catalogue
                .criteria()
                .map(|criterion| {
                    (
                        criterion.id.to_string(),
                        criterion.title_vi.clone(),
                        doc.entry(&criterion.id).cloned().unwrap_or_default(),
                    )
                })
                .collect();
            let mut actions: Vec<_> = doc.live_actions().cloned().collect();
            actions.sort_by(|a, b| (a.deadline, &a.id).cmp(&(b.deadline, &b.id)));
            let requests: Vec<_> = doc.live_requests().cloned().collect();
            Some(Report {
                year: key.year,
                ward: ward.name_vi,
                ward_is_ward: ward.kind == UnitKind::Ward,
                province,
                middle,
                track: doc.track_value().cloned(),
                catalogue: catalogue.title_vi.clone(),
                draft: catalogue.is_draft(),
                figures,
                criteria,
                actions,
                requests,
            })
        })
    });
    view! {
        <section class="pkm-page pkm-print" aria-labelledby="print-title">
            <div class="pkm-print__tools">
                <h1 id="print-title" data-testid="page-title">{move || state.t(WardMsg::PrintTitle)}</h1>
                <button type="button" class="pkm-button pkm-button--primary" on:click=print>
                    {move || state.t(WardMsg::PrintButton)}
                </button>
            </div>
            {move || match report.get() {
                Some(report) => view! { <ReportSheet report /> }.into_any(),
                None => view! { <p>{state.t(WardMsg::NotStarted)}</p> }.into_any(),
            }}
        </section>
    }
}

/// Everything the report shows.
#[derive(Clone, Debug, PartialEq)]
struct Report {
    year: u16,
    ward: String,
    ward_is_ward: bool,
    province: Option<String>,
    middle: Option<String>,
    track: Option<Track>,
    catalogue: String,
    draft: bool,
    figures: AssessmentFigures,
    criteria: Vec<(String, String, CriterionEntry)>,
    actions: Vec<pkm_core::ActionItem>,
    requests: Vec<pkm_core::Request>,
}

/// The A4 sheet.
#[component]
fn ReportSheet(report: Report) -> impl IntoView {
    let today = ward::today();
    let date_line = today.map_or_else(
        || "…, ngày … tháng … năm …".to_owned(),
        |d| format!("…, ngày {} tháng {} năm {}", d.day(), d.month(), d.year()),
    );
    let track = match &report.track {
        Some(Track::Maintain { since_year }) => {
            format!("Duy trì (được công nhận năm {since_year})")
        }
        Some(track) => track.label_vi().to_owned(),
        None => "Chưa xác định".to_owned(),
    };
    let counts = &report.figures.counts;
    let total = report.figures.total;
    let verdict = if report.figures.complete {
        format!("Đạt {total}/{total} tiêu chí.")
    } else if report.figures.expected_complete {
        format!("Dự kiến đạt {total}/{total} tiêu chí.")
    } else {
        format!(
            "Chưa đạt {total}/{total} tiêu chí (còn {} tiêu chí chưa đạt hoặc chưa đánh giá).",
            counts.not_met + counts.not_assessed
        )
    };
    let upper = report.province.clone().unwrap_or_default().to_uppercase();
    let unit_upper = report.ward.to_uppercase();
    let subject = if report.ward_is_ward {
        "Công an phường"
    } else {
        "đơn vị"
    };
    view! {
        <article class="pkm-sheet" data-testid="print-sheet">
            <header class="pkm-sheet__head">
                <div class="pkm-sheet__issuer">
                    <p>{upper}</p>
                    <p><strong>{unit_upper}</strong></p>
                </div>
                <div class="pkm-sheet__motto">
                    <p><strong>"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"</strong></p>
                    <p><strong>"Độc lập - Tự do - Hạnh phúc"</strong></p>
                    <p class="pkm-sheet__date"><em>{date_line}</em></p>
                </div>
            </header>
            <h2 class="pkm-sheet__title">
                "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ XÂY DỰNG CÔNG AN PHƯỜNG KIỂU MẪU VỀ AN NINH, TRẬT TỰ VÀ VĂN MINH ĐÔ THỊ NĂM "
                {report.year}
            </h2>
            <section>
                <h3>"I. Thông tin chung"</h3>
                <p>{format!("Đơn vị: {}", report.ward)}</p>
                {report.middle.clone().map(|middle| view! { <p>{format!("Trực thuộc: {middle}")}</p> })}
                <p>{format!("Diện: {track}")}</p>
                <p>
                    {format!("Bộ tiêu chí áp dụng: {}", report.catalogue)}
                    {(report.draft && !report.catalogue.contains("dựng tạm"))
                        .then_some(" (bản dựng tạm, chưa phải văn bản chính thức)")}
                </p>
                <p data-testid="print-summary">
                    {format!(
                        "Kết quả tự đánh giá: {} tiêu chí đạt, {} tiêu chí dự kiến đạt, {} tiêu chí chưa đạt, {} tiêu chí chưa đánh giá. {verdict}",
                        counts.met, counts.expected, counts.not_met, counts.not_assessed
                    )}
                </p>
            </section>
            <section>
                <h3>"II. Kết quả tự đánh giá theo từng tiêu chí"</h3>
                <table class="pkm-table pkm-sheet__criteria">
                    <thead>
                        <tr>
                            <th scope="col">"TT"</th>
                            <th scope="col">"Tiêu chí"</th>
                            <th scope="col">"Kết quả"</th>
                            <th scope="col">"Số liệu"</th>
                            <th scope="col">"Minh chứng, ghi chú"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report
                            .criteria
                            .iter()
                            .map(|(id, title, entry)| {
                                let figure = entry
                                    .figure
                                    .map(|v| pkm_core::format::decimal_vi(v, 2))
                                    .unwrap_or_default();
                                let evidence: Vec<String> = entry
                                    .evidence
                                    .iter()
                                    .map(|e| {
                                        let mut parts = Vec::new();
                                        if !e.doc_number.is_empty() { parts.push(e.doc_number.clone()); }
                                        if let Some(date) = e.date { parts.push(format!("ngày {}", date.to_vi())); }
                                        if !e.issuer.is_empty() { parts.push(e.issuer.clone()); }
                                        if !e.description.is_empty() { parts.push(e.description.clone()); }
                                        parts.join(", ")
                                    })
                                    .collect();
                                let status_class = match entry.status {
                                    CriterionStatus::Met => "met",
                                    CriterionStatus::Expected => "expected",
                                    CriterionStatus::NotMet => "not-met",
                                    CriterionStatus::NotAssessed => "not-assessed",
                                };
                                view! {
                                    <tr>
                                        <td>{id.clone()}</td>
                                        <td>{title.clone()}</td>
                                        <td class=format!("pkm-status--{status_class}")>{entry.status.label_vi()}</td>
                                        <td>{figure}</td>
                                        <td>
                                            <ul class="pkm-sheet__evidence">
                                                {evidence.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                            </ul>
                                            {(!entry.note.is_empty()).then(|| view! { <p><em>{entry.note.clone()}</em></p> })}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
            <section>
                <h3>"III. Nhiệm vụ khắc phục"</h3>
                {if report.actions.is_empty() {
                    view! { <p>"Không có."</p> }.into_any()
                } else {
                    view! {
                        <table class="pkm-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Tiêu chí"</th>
                                    <th scope="col">"Nhiệm vụ"</th>
                                    <th scope="col">"Người chịu trách nhiệm"</th>
                                    <th scope="col">"Thời hạn"</th>
                                    <th scope="col">"Tình trạng"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {report.actions.iter().map(|item| view! {
                                    <tr>
                                        <td>{item.criterion.as_ref().map(ToString::to_string).unwrap_or_else(|| "Chung".into())}</td>
                                        <td>{item.task.clone()}</td>
                                        <td>{item.owner.clone()}</td>
                                        <td>{item.deadline.map(|d| d.to_vi()).unwrap_or_default()}</td>
                                        <td>{item.status.label_vi()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
            <section>
                <h3>"IV. Kiến nghị, đề xuất"</h3>
                {if report.requests.is_empty() {
                    view! { <p>"Không có."</p> }.into_any()
                } else {
                    view! {
                        <table class="pkm-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Lĩnh vực"</th>
                                    <th scope="col">"Nội dung"</th>
                                    <th scope="col">"Số lượng"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {report.requests.iter().map(|request| view! {
                                    <tr>
                                        <td>{request.category.label_vi()}</td>
                                        <td>{request.description.clone()}</td>
                                        <td>{request.quantity.map(|q| format!("{} {}", pkm_core::format::decimal_vi(q, 2), request.unit_label)).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
            <footer class="pkm-sheet__signatures">
                <div>
                    <p><strong>"NGƯỜI LẬP BÁO CÁO"</strong></p>
                    <p><em>"(Ký, ghi rõ họ tên)"</em></p>
                </div>
                <div>
                    <p><strong>{format!("TRƯỞNG {}", subject.to_uppercase())}</strong></p>
                    <p><em>"(Ký, ghi rõ họ tên, đóng dấu)"</em></p>
                </div>
            </footer>
        </article>
    }
}
