//! Beside a criterion at the ward (issue 24): the province's verdict and comment, as its
//! feedback file brought them, with a button that makes an action item of a disputed one; and
//! last year's status of the same criterion.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::cycle::action_for_verdict;
use pkm_core::{AssessmentKey, CriterionId, ReviewVerdict, Verdict};

use super::context::use_ward;
use super::evidence::new_item_id;
use crate::i18n::audit;
use crate::i18n::cycle::CycleMsg;
use crate::i18n::format::label;
use crate::state::session::AuditNote;
use crate::state::use_app_state;

/// The province's verdict on `criterion` of the assessment `key`, and last year's status.
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
    let last_year = {
        let (key, criterion) = (key.clone(), criterion.clone());
        Memo::new(move |_| {
            let last = AssessmentKey::new(key.unit.clone(), key.year.checked_sub(1)?);
            context.session().read(|store| {
                store
                    .assessment(&last)?
                    .entry(&criterion)
                    .map(|entry| entry.status)
            })
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
        {move || last_year.get().map(|status| view! {
            <p class="pkm-hint" data-testid=format!("last-year-{dom}")>
                {state.t(CycleMsg::LastYear)} ": " {label(state.lang.get(), &status)}
            </p>
        })}
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
