//! The printable self-assessment report of the year (A4, Vietnamese): the unit, the track, the
//! criteria with status and evidence, follow-up tasks, requests, and signature lines.
//!
//! The report is always in Vietnamese, whatever the interface language: it is an official
//! document of a Vietnamese unit.

use leptos::prelude::*;
use pkm_core::documents::ward_report::{self, WardReportData};
use pkm_core::documents::{Document, DocumentFields, DocumentKind};
use pkm_core::{CriterionEntry, CriterionStatus, Label};

use super::context::use_ward;
use crate::i18n::documents::sheet;
use crate::i18n::ward::WardMsg;
use crate::state::use_app_state;
use crate::state::ward;
use crate::ui::components::document::{DocumentFieldsPanel, DocumentFoot, DocumentHead, with_date};

/// The print page: the document's fields, the Word download, a print button and the report.
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
        context
            .session()
            .read(|store| WardReportData::read(store, &key))
    });
    let fields = RwSignal::new(DocumentFields::default());
    let document = Memo::new(move |_| {
        let data = report.get()?;
        let fields = with_date(fields.get(), ward::today());
        Some(ward_report::document(&data, &fields))
    });
    let file_name = Signal::derive(move || {
        let year = context.year();
        let unit = report
            .with(|data| data.as_ref().map(|data| ward::ascii_file_part(&data.ward)))
            .unwrap_or_default();
        DocumentKind::WardReport.file_name(&unit, year)
    });
    let unit = Signal::derive(move || context.ward());
    view! {
        <section class="pkm-page pkm-print" aria-labelledby="print-title">
            <div class="pkm-print__tools">
                <h1 id="print-title" data-testid="page-title">{move || state.t(WardMsg::PrintTitle)}</h1>
                <button type="button" class="pkm-button pkm-button--primary" on:click=print>
                    {move || state.t(WardMsg::PrintButton)}
                </button>
            </div>
            <DocumentFieldsPanel kind=DocumentKind::WardReport unit fields document=document file_name />
            {move || match (report.get(), document.get()) {
                (Some(report), Some(document)) => view! { <ReportSheet report document /> }.into_any(),
                _ => view! { <p>{state.t(WardMsg::NotStarted)}</p> }.into_any(),
            }}
        </section>
    }
}

/// The A4 sheet: the decree's head and foot around the report's sections.
#[component]
fn ReportSheet(report: WardReportData, document: Document) -> impl IntoView {
    view! {
        <article class="pkm-sheet pkm-doc" data-testid="print-sheet" lang="vi">
            <DocumentHead document=document.clone() />
            <GeneralSection report=report.clone() />
            <CriteriaSection criteria=report.criteria />
            <ActionsSection actions=report.actions />
            <RequestsSection requests=report.requests />
            <DocumentFoot document />
        </article>
    }
}

/// Section I: the unit, its parent, its track, the catalogue and the summary of the results.
#[component]
fn GeneralSection(report: WardReportData) -> impl IntoView {
    let mut lines = ward_report::general_lines(&report);
    let summary = lines.pop().unwrap_or_default();
    view! {
        <section>
            <h3>{sheet::GENERAL}</h3>
            {lines.into_iter().map(|line| view! { <p class="pkm-doc__body">{line}</p> }).collect_view()}
            <p class="pkm-doc__body" data-testid="print-summary">{summary}</p>
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
            let evidence: Vec<String> = entry.evidence.iter().map(ward_report::evidence_line).collect();
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
