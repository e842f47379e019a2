//! Beside a criterion at the ward (issue 24): the province's verdict and comment, as its
//! feedback file brought them, with a button that makes an action item of a disputed one; and
//! the criterion's status in each earlier year the ward holds (up to three), in a row.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::cycle::action_for_verdict;
use pkm_core::years::ward::{CriterionYear, EARLIER_YEARS, criterion_years};
use pkm_core::{AssessmentKey, CriterionId, ReviewVerdict, Verdict};

use super::context::use_ward;
use super::criterion::status_slug;
use super::evidence::new_item_id;
use crate::i18n::audit;
use crate::i18n::cycle::CycleMsg;
use crate::i18n::format::label;
use crate::i18n::years::{self as years_text, YearsMsg};
use crate::state::session::AuditNote;
use crate::state::use_app_state;

/// The province's verdict on `criterion` of the assessment `key`, and its earlier years.
#[component]
pub fn ProvinceVerdict(
    /// The assessment.
    key: AssessmentKey,
    /// The criterion.
    criterion: CriterionId,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let verdict: Memo<Option<ReviewVerdict>> = {
        let (key, criterion) = (key.clone(), criterion.clone());
        Memo::new(move |_| {
            context.session().read(|store| {
                store
                    .assessment(&key)
                    .and_then(|doc| doc.reviews().get(&criterion)?.value().cloned())
            })
        })
    };
    let earlier = {
        let (key, criterion) = (key.clone(), criterion.clone());
        Memo::new(move |_| {
            context
                .session()
                .read(|store| criterion_years(store, &key, &criterion, EARLIER_YEARS))
        })
    };
    let made = RwSignal::new(None::<String>);
    let make_action = {
        let (key, criterion) = (key.clone(), criterion.clone());
        move |_| {
            let Some(given) = verdict.get_untracked() else {
                return;
            };
            let session = context.session();
            let Some(id) = new_item_id(&session, "act") else {
                return;
            };
            let item = action_for_verdict(id, &criterion, &given);
            let key = key.clone();
            let lang = state.lang.get_untracked();
            spawn_local(async move {
                let note = AuditNote::says(format!("action:{}", item.id), |lang| {
                    audit::task_added(&item.task, lang)
                });
                let result = session
                    .edit_assessment(&key, note, move |doc, catalogue, context| {
                        doc.add_item(context, catalogue, item)
                    })
                    .await;
                made.set(Some(match result {
                    Ok(()) => state.t(CycleMsg::ActionMade).to_owned(),
                    Err(error) => error.message(lang),
                }));
            });
        }
    };
    let dom = criterion.to_string();
    view! {
        {move || {
            let years = earlier.get();
            (!years.is_empty()).then(|| view! { <EarlierYears years=years dom=dom.clone() /> })
        }}
        {move || verdict.get().map(|given| {
            let disputed = given.verdict == Verdict::Disagree;
            let word = if disputed { CycleMsg::Disagree } else { CycleMsg::Agree };
            let make_action = make_action.clone();
            view! {
                <div class="pkm-verdict-seen" class:pkm-row--disputed=disputed data-testid="province-verdict" data-verdict=if disputed { "disagree" } else { "agree" }>
                    <strong>{state.t(CycleMsg::ProvinceVerdict)} ": " {state.t(word)}</strong>
                    {(!given.comment.is_empty()).then(|| view! { " — " <span data-testid="province-comment">{given.comment.clone()}</span> })}
                    {disputed.then(|| view! {
                        " "
                        <button type="button" class="pkm-button" data-testid="verdict-action" on:click=make_action>
                            {state.t(CycleMsg::MakeAction)}
                        </button>
                        <span role="status" data-testid="verdict-action-message">{move || made.get()}</span>
                    })}
                </div>
            }
        })}
    }
}

/// The criterion's earlier years in a row: "Qua các năm: 2023: Đạt · 2024: Dự kiến đạt".
#[component]
fn EarlierYears(
    /// The years, oldest first.
    years: Vec<CriterionYear>,
    /// The criterion's id (for the test id).
    dom: String,
) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang.get_untracked();
    let items = years
        .into_iter()
        .map(|year| {
            let (key, word) = match year.status {
                Some(status) => (status_slug(status), label(lang, &status).to_string()),
                None => ("none", state.t(YearsMsg::NotInCatalogue).to_owned()),
            };
            let renamed = year.renamed.then(|| years_text::renamed(lang));
            view! {
                <li data-year=year.year.to_string() data-status=key>
                    <strong>{year.year.to_string()}</strong> ": " {word} {renamed}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="pkm-hint pkm-ward-years" data-testid=format!("years-{dom}")>
            <span>{state.t(YearsMsg::WardYears)} ": "</span>
            <ul>{items}</ul>
        </div>
    }
}
