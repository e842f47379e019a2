//! Gaps and requests: follow-up tasks for every criterion not yet met (owner, task, deadline,
//! status; overdue ones stand out) and the ward's requests to the province by category.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::{
    ActionItem, ActionStatus, AssessmentFigures, CriterionId, CriterionStatus, Date, Request,
    RequestCategory,
};

use super::context::use_ward;
use super::criterion::parse_figure;
use super::evidence::new_item_id;
use super::item_row::{RowItem, item_row};
use super::progress::use_figures;
use crate::i18n::format::label;
use crate::i18n::ward::WardMsg;
use crate::i18n::{Lang, audit};
use crate::state::session::AuditNote;
use crate::state::use_app_state;
use crate::state::ward;

/// The gaps and requests page.
#[component]
pub fn GapsPage() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let started = Memo::new(move |_| {
        let Some(key) = context.key() else {
            return false;
        };
        context
            .session()
            .read(|store| store.assessment(&key).is_some())
    });
    view! {
        <section class="pkm-page" aria-labelledby="gaps-title">
            <h1 id="gaps-title" data-testid="page-title">
                {move || format!("{} {}", state.t(WardMsg::GapsTitle), context.year())}
            </h1>
            <Show
                when=move || started.get()
                fallback=move || view! { <p>{move || state.t(WardMsg::NotStarted)}</p> }
            >
                <Actions />
                <Requests />
            </Show>
        </section>
    }
}

/// The criteria of the assessment: id and title in the interface language.
fn criteria_titles(context: super::WardContext, lang: Lang) -> Vec<(CriterionId, String)> {
    let Some(key) = context.key() else {
        return Vec::new();
    };
    context.session().read(|store| {
        store
            .catalogue_of(&key)
            .map(|catalogue| {
                catalogue
                    .criteria()
                    .map(|criterion| {
                        let title = lang.pick(&criterion.title_vi, &criterion.title_en);
                        (criterion.id.clone(), format!("{}. {title}", criterion.id))
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The criteria that are not met yet (not met, expected or not assessed).
fn gaps(figures: &Option<AssessmentFigures>) -> Vec<CriterionId> {
    figures
        .as_ref()
        .map(|f| {
            f.statuses
                .iter()
                .filter(|(_, status)| *status != CriterionStatus::Met)
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Follow-up tasks.
#[component]
fn Actions() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let figures = use_figures();
    let t = move |msg: WardMsg| move || state.t(msg);
    let items = Memo::new(move |_| {
        let Some(key) = context.key() else {
            return Vec::new();
        };
        context.session().read(|store| {
            let mut items: Vec<ActionItem> = store
                .assessment(&key)
                .map(|doc| doc.live_actions().cloned().collect())
                .unwrap_or_default();
            items.sort_by(|a, b| (a.deadline, &a.id).cmp(&(b.deadline, &b.id)));
            items
        })
    });
    let uncovered = Memo::new(move |_| {
        let items = items.get();
        gaps(&figures.get())
            .into_iter()
            .filter(|id| !items.iter().any(|item| item.criterion.as_ref() == Some(id)))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="pkm-panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{t(WardMsg::ActionsTitle)}</h2>
            <p>{t(WardMsg::ActionsIntro)}</p>
            <Show when=move || !uncovered.with(Vec::is_empty)>
                <p class="pkm-banner" data-testid="uncovered-gaps">
                    {move || {
                        let list: Vec<String> = uncovered.get().iter().map(ToString::to_string).collect();
                        format!("{} {}", state.t(WardMsg::GapsWithoutTask), list.join(", "))
                    }}
                </p>
            </Show>
            <AddAction gaps=Signal::derive(move || gaps(&figures.get())) />
            <ul class="pkm-rows" data-testid="actions">
                <For
                    each=move || items.get()
                    key=|item| item.id.clone()
                    children=move |item| view! { <ActionRow item /> }
                />
            </ul>
        </section>
    }
}

/// A criterion `<select>` with "general" as the empty choice.
#[component]
fn CriterionSelect(
    /// The element id.
    id: String,
    /// The chosen criterion id as text ("" for general).
    value: RwSignal<String>,
    /// Called after a change.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let options = move || criteria_titles(context, state.lang.get());
    view! {
        <select
            id=id
            prop:value=move || value.get()
            on:change:target=move |ev| {
                value.set(ev.target().value());
                if let Some(callback) = on_change {
                    callback.run(());
                }
            }
        >
            <option value="">{move || state.t(WardMsg::GeneralTask)}</option>
            {move || {
                options()
                    .into_iter()
                    .map(|(id, title)| view! { <option value=id.to_string()>{title}</option> })
                    .collect_view()
            }}
        </select>
    }
}

/// The form that adds a task.
#[component]
fn AddAction(
    /// The criteria not met yet (the first is proposed).
    gaps: Signal<Vec<CriterionId>>,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let criterion = RwSignal::new(String::new());
    let task = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if criterion.get_untracked().is_empty()
            && let Some(first) = gaps.get().first()
        {
            criterion.set(first.to_string());
        }
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(key) = context.key() else { return };
        let session = context.session();
        let Some(id) = new_item_id(&session, "act") else {
            return;
        };
        let item = ActionItem {
            id,
            criterion: CriterionId::new(criterion.get_untracked()).ok(),
            task: task.get_untracked().trim().to_owned(),
            owner: owner.get_untracked().trim().to_owned(),
            deadline: Date::parse_iso(&deadline.get_untracked()).ok(),
            status: ActionStatus::Open,
        };
        spawn_local(async move {
            let note = AuditNote::says(format!("action:{}", item.id), |lang| {
                audit::task_added(&item.task, lang)
            });
            let result = session
                .edit_assessment(&key, note, move |doc, catalogue, context| {
                    doc.add_item(context, catalogue, item)
                })
                .await;
            match result {
                Ok(()) => {
                    task.set(String::new());
                    problem.set(None);
                }
                Err(error) => problem.set(Some(error.message(state.lang.get_untracked()))),
            }
        });
    };
    view! {
        <form class="pkm-form pkm-form--row" on:submit=add aria-label=t(WardMsg::AddAction)>
            <div class="pkm-field">
                <label for="action-criterion">{t(WardMsg::Criterion)}</label>
                <CriterionSelect id="action-criterion".to_owned() value=criterion />
            </div>
            <div class="pkm-field">
                <label for="action-task">{t(WardMsg::Task)}</label>
                <input id="action-task" type="text" maxlength="10000"
                    prop:value=move || task.get()
                    on:input:target=move |ev| task.set(ev.target().value()) />
            </div>
            <div class="pkm-field">
                <label for="action-owner">{t(WardMsg::Owner)}</label>
                <input id="action-owner" type="text" maxlength="200"
                    prop:value=move || owner.get()
                    on:input:target=move |ev| owner.set(ev.target().value()) />
            </div>
            <div class="pkm-field">
                <label for="action-deadline">{t(WardMsg::Deadline)}</label>
                <input id="action-deadline" type="date" min="2000-01-01" max="2100-12-31"
                    prop:value=move || deadline.get()
                    on:input:target=move |ev| deadline.set(ev.target().value()) />
            </div>
            <button type="submit" class="pkm-button pkm-button--primary" data-testid="add-action">
                {t(WardMsg::AddAction)}
            </button>
            {move || problem.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
        </form>
    }
}

/// One task, edited in place and saved as it is typed.
#[component]
fn ActionRow(
    /// The task as stored.
    item: ActionItem,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: WardMsg| move || state.t(msg);
    let criterion = RwSignal::new(
        item.criterion
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    );
    item_row(item, Some(is_overdue), move |row, base| {
        let overdue = move || row.draft.with(is_overdue);
        view! {
            <div class="pkm-field">
                <label for=format!("{base}-criterion")>{t(WardMsg::Criterion)}</label>
                <CriterionSelect
                    id=format!("{base}-criterion")
                    value=criterion
                    on_change=Callback::new(move |_| {
                        let chosen = CriterionId::new(criterion.get_untracked()).ok();
                        row.edit(move |item| item.criterion = chosen);
                        row.flush();
                    })
                />
            </div>
            <div class="pkm-field">
                <label for=format!("{base}-task")>{t(WardMsg::Task)}</label>
                <input id=format!("{base}-task") type="text" maxlength="10000"
                    prop:value=move || row.draft.with(|i| i.task.clone())
                    on:input:target=move |ev| { let v = ev.target().value(); row.edit(move |i| i.task = v); }
                    on:blur=move |_| row.flush() />
            </div>
            <div class="pkm-field">
                <label for=format!("{base}-owner")>{t(WardMsg::Owner)}</label>
                <input id=format!("{base}-owner") type="text" maxlength="200"
                    prop:value=move || row.draft.with(|i| i.owner.clone())
                    on:input:target=move |ev| { let v = ev.target().value(); row.edit(move |i| i.owner = v); }
                    on:blur=move |_| row.flush() />
            </div>
            <div class="pkm-field">
                <label for=format!("{base}-deadline")>{t(WardMsg::Deadline)}</label>
                <input id=format!("{base}-deadline") type="date" min="2000-01-01" max="2100-12-31"
                    prop:value=move || row.draft.with(|i| i.deadline.map(|d| d.to_iso()).unwrap_or_default())
                    on:change:target=move |ev| {
                        let date = Date::parse_iso(&ev.target().value()).ok();
                        row.edit(move |i| i.deadline = date);
                        row.flush();
                    } />
            </div>
            <label class="pkm-choice" for=format!("{base}-done")>
                <input id=format!("{base}-done") type="checkbox"
                    prop:checked=move || row.draft.with(|i| i.status == ActionStatus::Done)
                    on:change:target=move |ev| {
                        let done = ev.target().checked();
                        row.edit(move |i| i.status = if done { ActionStatus::Done } else { ActionStatus::Open });
                        row.flush();
                    } />
                {t(WardMsg::Done)}
            </label>
            <Show when=overdue>
                <span class="pkm-badge pkm-badge--overdue" data-testid="overdue">{t(WardMsg::Overdue)}</span>
            </Show>
        }
        .into_any()
    })
}

/// Requests to the province.
#[component]
fn Requests() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let items = Memo::new(move |_| {
        let Some(key) = context.key() else {
            return Vec::new();
        };
        context.session().read(|store| {
            store
                .assessment(&key)
                .map(|doc| doc.live_requests().cloned().collect::<Vec<Request>>())
                .unwrap_or_default()
        })
    });
    let totals = move || {
        let lang = state.lang.get();
        let items = items.get();
        RequestCategory::ALL
            .iter()
            .filter_map(|category| {
                let of: Vec<&Request> = items.iter().filter(|r| r.category == *category).collect();
                if of.is_empty() {
                    return None;
                }
                let label = label(lang, category);
                Some(view! { <li>{format!("{label}: {}", of.len())}</li> })
            })
            .collect_view()
    };
    view! {
        <section class="pkm-panel" aria-labelledby="requests-title">
            <h2 id="requests-title">{t(WardMsg::RequestsTitle)}</h2>
            <p>{t(WardMsg::RequestsIntro)}</p>
            <AddRequest />
            <ul class="pkm-rows" data-testid="requests">
                <For
                    each=move || items.get()
                    key=|item| item.id.clone()
                    children=move |item| view! { <RequestRow item /> }
                />
            </ul>
            <h3>{t(WardMsg::RequestTotals)}</h3>
            <ul class="pkm-totals" data-testid="request-totals">{totals}</ul>
        </section>
    }
}

/// A category `<select>`.
#[component]
fn CategorySelect(
    /// The element id.
    id: String,
    /// The chosen category.
    value: RwSignal<RequestCategory>,
    /// Called after a change.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <select
            id=id
            prop:value=move || category_slug(value.get())
            on:change:target=move |ev| {
                if let Some(category) = RequestCategory::ALL
                    .into_iter()
                    .find(|c| category_slug(*c) == ev.target().value())
                {
                    value.set(category);
                    if let Some(callback) = on_change {
                        callback.run(());
                    }
                }
            }
        >
            {RequestCategory::ALL
                .into_iter()
                .map(|category| {
                    view! {
                        <option value=category_slug(category)>
                            {move || label(state.lang.get(), &category)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

fn category_slug(category: RequestCategory) -> &'static str {
    match category {
        RequestCategory::Staffing => "staffing",
        RequestCategory::Premises => "premises",
        RequestCategory::Facilities => "facilities",
        RequestCategory::Funding => "funding",
        RequestCategory::Equipment => "equipment",
        RequestCategory::Vehicles => "vehicles",
        RequestCategory::Other => "other",
    }
}

/// The form that adds a request.
#[component]
fn AddRequest() -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let t = move |msg: WardMsg| move || state.t(msg);
    let category = RwSignal::new(RequestCategory::Staffing);
    let description = RwSignal::new(String::new());
    let quantity = RwSignal::new(String::new());
    let unit_label = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(key) = context.key() else { return };
        let Ok(amount) = parse_figure(&quantity.get_untracked()) else {
            problem.set(Some(state.t(WardMsg::FigureInvalid).to_owned()));
            return;
        };
        let session = context.session();
        let Some(id) = new_item_id(&session, "req") else {
            return;
        };
        let request = Request {
            id,
            category: category.get_untracked(),
            description: description.get_untracked().trim().to_owned(),
            quantity: amount,
            unit_label: unit_label.get_untracked().trim().to_owned(),
        };
        spawn_local(async move {
            let note = AuditNote::says(format!("request:{}", request.id), |lang| {
                audit::request_added(&request.description, lang)
            });
            let result = session
                .edit_assessment(&key, note, move |doc, catalogue, context| {
                    doc.add_item(context, catalogue, request)
                })
                .await;
            match result {
                Ok(()) => {
                    description.set(String::new());
                    quantity.set(String::new());
                    problem.set(None);
                }
                Err(error) => problem.set(Some(error.message(state.lang.get_untracked()))),
            }
        });
    };
    view! {
        <form class="pkm-form pkm-form--row" on:submit=add aria-label=t(WardMsg::AddRequest)>
            <div class="pkm-field">
                <label for="request-category">{t(WardMsg::Category)}</label>
                <CategorySelect id="request-category".to_owned() value=category />
            </div>
            <div class="pkm-field">
                <label for="request-description">{t(WardMsg::Description)}</label>
                <input id="request-description" type="text" maxlength="10000"
                    prop:value=move || description.get()
                    on:input:target=move |ev| description.set(ev.target().value()) />
            </div>
            <div class="pkm-field">
                <label for="request-quantity">{t(WardMsg::Quantity)}</label>
                <input id="request-quantity" type="text" inputmode="decimal"
                    prop:value=move || quantity.get()
                    on:input:target=move |ev| quantity.set(ev.target().value()) />
            </div>
            <div class="pkm-field">
                <label for="request-unit">{t(WardMsg::UnitLabel)}</label>
                <input id="request-unit" type="text" maxlength="100"
                    prop:value=move || unit_label.get()
                    on:input:target=move |ev| unit_label.set(ev.target().value()) />
            </div>
            <button type="submit" class="pkm-button pkm-button--primary" data-testid="add-request">
                {t(WardMsg::AddRequest)}
            </button>
            {move || problem.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
        </form>
    }
}

/// One request, edited in place.
#[component]
fn RequestRow(
    /// The request as stored.
    item: Request,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: WardMsg| move || state.t(msg);
    let category = RwSignal::new(item.category);
    let quantity_text = RwSignal::new(
        item.quantity
            .map(|q| pkm_core::format::decimal_vi(q, 4))
            .unwrap_or_default(),
    );
    item_row(item, None, move |row, base| {
        view! {
            <div class="pkm-field">
                <label for=format!("{base}-category")>{t(WardMsg::Category)}</label>
                <CategorySelect
                    id=format!("{base}-category")
                    value=category
                    on_change=Callback::new(move |_| {
                        let chosen = category.get_untracked();
                        row.edit(move |r| r.category = chosen);
                        row.flush();
                    })
                />
            </div>
            <div class="pkm-field">
                <label for=format!("{base}-description")>{t(WardMsg::Description)}</label>
                <input id=format!("{base}-description") type="text" maxlength="10000"
                    prop:value=move || row.draft.with(|r| r.description.clone())
                    on:input:target=move |ev| { let v = ev.target().value(); row.edit(move |r| r.description = v); }
                    on:blur=move |_| row.flush() />
            </div>
            <div class="pkm-field">
                <label for=format!("{base}-quantity")>{t(WardMsg::Quantity)}</label>
                <input id=format!("{base}-quantity") type="text" inputmode="decimal"
                    prop:value=move || quantity_text.get()
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        quantity_text.set(text.clone());
                        if let Ok(amount) = parse_figure(&text) {
                            row.edit(move |r| r.quantity = amount);
                        }
                    }
                    on:blur=move |_| row.flush() />
            </div>
            <div class="pkm-field">
                <label for=format!("{base}-unit")>{t(WardMsg::UnitLabel)}</label>
                <input id=format!("{base}-unit") type="text" maxlength="100"
                    prop:value=move || row.draft.with(|r| r.unit_label.clone())
                    on:input:target=move |ev| { let v = ev.target().value(); row.edit(move |r| r.unit_label = v); }
                    on:blur=move |_| row.flush() />
            </div>
        }
        .into_any()
    })
}

/// Whether a task's deadline has passed (today by this laptop's clock).
fn is_overdue(item: &ActionItem) -> bool {
    ward::today().is_some_and(|today| item.is_overdue(&today))
}

impl RowItem for ActionItem {
    const TARGET: &'static str = "action";
    const TEST_ID: &'static str = "action-row";

    fn edited(&self, lang: Lang) -> String {
        audit::task_edited(&self.task, &self.status, lang)
    }

    fn deleted(&self, lang: Lang) -> String {
        audit::task_deleted(&self.task, lang)
    }
}

impl RowItem for Request {
    const TARGET: &'static str = "request";
    const TEST_ID: &'static str = "request-row";

    fn edited(&self, lang: Lang) -> String {
        audit::request_edited(&self.description, lang)
    }

    fn deleted(&self, lang: Lang) -> String {
        audit::request_deleted(&self.description, lang)
    }
}
