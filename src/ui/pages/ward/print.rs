//! The printable self-assessment report of the year (A4, Vietnamese): the unit, the track, the
//! criteria with status and evidence, follow-up tasks, requests, and signature lines.
//!
//! The report is always in Vietnamese, whatever the interface language: it is an official
//! document of a Vietnamese unit.

use leptos::prelude::*;
use pkm_core::{AssessmentFigures, Basis, CriterionEntry, CriterionStatus, Label, Track, UnitKind};

use super::context::use_ward;
use crate::i18n::documents::{self, sheet};
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
    let upper = report.province.clone().unwrap_or_default().to_uppercase();
    let unit_upper = report.ward.to_uppercase();
    view! {
        <article class="pkm-sheet" data-testid="print-sheet">
            <header class="pkm-sheet__head">
                <div class="pkm-sheet__issuer">
                    <p>{upper}</p>
                    <p><strong>{unit_upper}</strong></p>
                </div>
                <div class="pkm-sheet__motto">
                    <p><strong>{sheet::NATION}</strong></p>
                    <p><strong>{documents::MOTTO}</strong></p>
                    <p class="pkm-sheet__date"><em>{sheet::date_line(ward::today())}</em></p>
                </div>
            </header>
            <h2 class="pkm-sheet__title">
                {sheet::TITLE}
                {report.year}
            </h2>
            <GeneralSection report=report.clone() />
            <CriteriaSection criteria=report.criteria />
            <ActionsSection actions=report.actions />
            <RequestsSection requests=report.requests />
            <footer class="pkm-sheet__signatures">
                <div>
                    <p><strong>{documents::WRITER}</strong></p>
                    <p><em>{documents::SIGN_HINT}</em></p>
                </div>
                <div>
                    <p><strong>{sheet::head_of_unit(report.ward_is_ward)}</strong></p>
                    <p><em>{documents::SIGN_AND_STAMP_HINT}</em></p>
                </div>
            </footer>
        </article>
    }
}

/// Section I: the unit, its parent, its track, the catalogue and the summary of the results.
#[component]
fn GeneralSection(report: Report) -> impl IntoView {
    view! {
        <section>
            <h3>{sheet::GENERAL}</h3>
            <p>{sheet::unit(&report.ward)}</p>
            {report.middle.map(|middle| view! { <p>{sheet::parent(&middle)}</p> })}
            <p>{sheet::track(report.track.as_ref())}</p>
            <p>
                {sheet::catalogue(&report.catalogue)}
                {sheet::draft_note(&report.catalogue, report.draft)}
            </p>
            <p data-testid="print-summary">{sheet::summary(&report.figures)}</p>
        </section>
    }
}

/// The header row of a table.
fn head_row(columns: &[&'static str]) -> impl IntoView + use<> {
    let cells = columns
        .iter()
        .map(|column| view! { <th scope="col">{*column}</th> })
        .collect_view();
    view! {
        <thead>
            <tr>{cells}</tr>
        </thead>
    }
}

/// One evidence item as printed: number, date, issuer, description.
fn evidence_line(evidence: &pkm_core::Evidence) -> String {
    let mut parts = Vec::new();
    if !evidence.doc_number.is_empty() {
        parts.push(evidence.doc_number.clone());
    }
    if let Some(date) = evidence.date {
        parts.push(sheet::evidence_date(&date));
    }
    if !evidence.issuer.is_empty() {
        parts.push(evidence.issuer.clone());
    }
    if !evidence.description.is_empty() {
        parts.push(evidence.description.clone());
    }
    parts.join(", ")
}

/// Section II: one row per criterion with its status, figure, evidence and note.
#[component]
fn CriteriaSection(criteria: Vec<(String, String, CriterionEntry)>) -> impl IntoView {
    let rows = criteria
        .into_iter()
        .map(|(id, title, entry)| {
            let figure = entry
                .figure
                .map(|v| pkm_core::format::decimal_vi(v, 2))
                .unwrap_or_default();
            let evidence: Vec<String> = entry.evidence.iter().map(evidence_line).collect();
            let status_class = match entry.status {
                CriterionStatus::Met => "met",
                CriterionStatus::Expected => "expected",
                CriterionStatus::NotMet => "not-met",
                CriterionStatus::NotAssessed => "not-assessed",
            };
            view! {
                <tr>
                    <td>{id}</td>
                    <td>{title}</td>
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
        .collect_view();
    view! {
        <section>
            <h3>{sheet::CRITERIA}</h3>
            <table class="pkm-table pkm-sheet__criteria">
                {head_row(&sheet::CRITERIA_COLUMNS)}
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// Section III: the follow-up tasks, by deadline.
#[component]
fn ActionsSection(actions: Vec<pkm_core::ActionItem>) -> impl IntoView {
    let body = if actions.is_empty() {
        view! { <p>{sheet::NONE}</p> }.into_any()
    } else {
        let rows = actions
            .iter()
            .map(|item| {
                view! {
                    <tr>
                        <td>
                            {item
                                .criterion
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_else(|| sheet::GENERAL_ITEM.into())}
                        </td>
                        <td>{item.task.clone()}</td>
                        <td>{item.owner.clone()}</td>
                        <td>{item.deadline.map(|d| d.to_vi()).unwrap_or_default()}</td>
                        <td>{item.status.label_vi()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="pkm-table">
                {head_row(&sheet::ACTION_COLUMNS)}
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section>
            <h3>{sheet::ACTIONS}</h3>
            {body}
        </section>
    }
}

/// Section IV: the requests to the province.
#[component]
fn RequestsSection(requests: Vec<pkm_core::Request>) -> impl IntoView {
    let body = if requests.is_empty() {
        view! { <p>{sheet::NONE}</p> }.into_any()
    } else {
        let rows = requests
            .iter()
            .map(|request| {
                let quantity = request
                    .quantity
                    .map(|q| {
                        format!(
                            "{} {}",
                            pkm_core::format::decimal_vi(q, 2),
                            request.unit_label
                        )
                    })
                    .unwrap_or_default();
                view! {
                    <tr>
                        <td>{request.category.label_vi()}</td>
                        <td>{request.description.clone()}</td>
                        <td>{quantity}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="pkm-table">
                {head_row(&sheet::REQUEST_COLUMNS)}
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section>
            <h3>{sheet::REQUESTS}</h3>
            {body}
        </section>
    }
}
