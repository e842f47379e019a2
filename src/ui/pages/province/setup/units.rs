//! The unit registry: the units under the province, a form to enter one unit (id or code,
//! Vietnamese name, kind, parent), and the import of a CSV or JSON list of wards, checked line by
//! line by the core (every problem shown in Vietnamese, nothing added unless the whole list is
//! right).

use leptos::prelude::*;
use pkm_core::registry_import::{ListProblem, parse_unit_list};
use pkm_core::{Unit, UnitId, UnitKind};

use crate::i18n::province::{self, ProvinceMsg};
use crate::platform::files;
use crate::state::province::{edits, use_province};
use crate::state::{use_app_state, use_session};
use crate::ui::components::scroll_region::ScrollRegion;

/// The largest unit list read.
const MAX_LIST_BYTES: u64 = pkm_core::registry_import::MAX_LIST_BYTES as u64;

const KINDS: [UnitKind; 4] = [
    UnitKind::Province,
    UnitKind::Middle,
    UnitKind::Ward,
    UnitKind::Commune,
];

fn kind_code(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Province => "province",
        UnitKind::Middle => "middle",
        UnitKind::Ward => "ward",
        UnitKind::Commune => "commune",
    }
}

/// A row of the registry table.
#[derive(Clone, Debug, PartialEq)]
struct UnitRow {
    unit: Unit,
    depth: usize,
    parent_name: String,
}

/// The registry section.
#[component]
pub fn UnitsSection() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let rows = {
        let session = session.clone();
        Memo::new(move |_| {
            session.read(|store| {
                let registry = store.registry();
                let roots: Vec<Unit> = match province.province(store) {
                    Some(id) => registry.get(&id).cloned().into_iter().collect(),
                    None => registry.roots().into_iter().cloned().collect(),
                };
                let mut rows = Vec::new();
                for root in roots {
                    let base = registry.ancestors(&root.id).len();
                    for unit in std::iter::once(&root).chain(registry.descendants(&root.id)) {
                        let parent_name = unit
                            .parent
                            .as_ref()
                            .and_then(|parent| registry.get(parent))
                            .map(|parent| parent.name_vi.clone())
                            .unwrap_or_default();
                        rows.push(UnitRow {
                            unit: unit.clone(),
                            depth: registry.ancestors(&unit.id).len().saturating_sub(base),
                            parent_name,
                        });
                    }
                }
                rows
            })
        })
    };
    view! {
        <section class="pkm-panel" aria-labelledby="units-title">
            <h3 id="units-title">{t(ProvinceMsg::UnitsTitle)}</h3>
            <p class="pkm-hint">{t(ProvinceMsg::UnitsIntro)}</p>
            <UnitForm />
            <UnitListImport />
            <ScrollRegion labelled_by="units-title" tall=true>
                <table class="pkm-table" data-testid="units">
                    <thead>
                        <tr>
                            <th scope="col">{t(ProvinceMsg::FieldUnitName)}</th>
                            <th scope="col">{t(ProvinceMsg::ColumnUnitId)}</th>
                            <th scope="col">{t(ProvinceMsg::FieldUnitCode)}</th>
                            <th scope="col">{t(ProvinceMsg::FieldUnitKind)}</th>
                            <th scope="col">{t(ProvinceMsg::FieldUnitParent)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = state.lang.get();
                            rows.get()
                                .into_iter()
                                .map(|row| {
                                    let kind = lang.pick(row.unit.kind.label_vi(), row.unit.kind.label_en());
                                    let indent = format!("padding-left: {}rem", row.depth as f64 * 1.25);
                                    view! {
                                        <tr>
                                            <th scope="row" style=indent>{row.unit.name_vi.clone()}</th>
                                            <td><code>{row.unit.id.to_string()}</code></td>
                                            <td>{row.unit.code.clone().unwrap_or_default()}</td>
                                            <td>{kind}</td>
                                            <td>{row.parent_name.clone()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </ScrollRegion>
        </section>
    }
}

/// The form to enter one unit.
#[component]
fn UnitForm() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let id = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(UnitKind::Ward);
    let parent = RwSignal::new(String::new());
    let message: super::FormMessage = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let code_text = code.get_untracked().trim().to_string();
        let id_text = {
            let typed = id.get_untracked().trim().to_string();
            if typed.is_empty() {
                code_text.clone()
            } else {
                typed
            }
        };
        let unit_id = match UnitId::new(id_text.clone()) {
            Ok(unit_id) => unit_id,
            Err(error) => {
                let reason = lang.pick(error.message_vi(), error.message_en());
                let text = province::bad_unit_id(&id_text, &reason, lang);
                message.set(Some((false, text)));
                return;
            }
        };
        let parent_id = UnitId::new(parent.get_untracked()).ok();
        let unit = Unit {
            id: unit_id,
            code: (!code_text.is_empty()).then_some(code_text),
            name_vi: name.get_untracked().trim().to_string(),
            kind: kind.get_untracked(),
            parent: parent_id,
            attachment_limits: None,
        };
        let session = session.clone();
        leptos::task::spawn_local(async move {
            let saved_name = unit.name_vi.clone();
            match edits::save_unit(&session, unit).await {
                Ok(()) => {
                    id.set(String::new());
                    code.set(String::new());
                    name.set(String::new());
                    message.set(Some((true, province::unit_saved(&saved_name, lang))));
                }
                Err(error) => message.set(Some((false, error.message(lang)))),
            }
        });
    };
    view! {
        <form class="pkm-form pkm-form--inline" on:submit=submit data-testid="unit-form">
            <h4>{t(ProvinceMsg::UnitFormTitle)}</h4>
            <super::InputField id="unit-name" label=ProvinceMsg::FieldUnitName value=name maxlength="200" />
            <super::InputField id="unit-id" label=ProvinceMsg::FieldUnitId value=id maxlength="200" />
            <super::InputField id="unit-code" label=ProvinceMsg::FieldUnitCode value=code maxlength="200" />
            <KindSelect kind />
            <ParentSelect parent />
            <button type="submit" class="pkm-button pkm-button--primary">{t(ProvinceMsg::SaveUnit)}</button>
            <super::FormStatus message />
        </form>
    }
}

/// The kind of the unit entered.
#[component]
fn KindSelect(
    /// The kind chosen.
    kind: RwSignal<UnitKind>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <div class="pkm-field">
            <label for="unit-kind">{t(ProvinceMsg::FieldUnitKind)}</label>
            <select
                id="unit-kind"
                on:change:target=move |ev| {
                    let code = ev.target().value();
                    if let Some(found) = KINDS.into_iter().find(|k| kind_code(*k) == code) {
                        kind.set(found);
                    }
                }
            >
                {KINDS
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=kind_code(option) selected=move || kind.get() == option>
                                {move || state.lang.get().pick(option.label_vi(), option.label_en())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The parent of the unit entered: the province or a middle level unit.
#[component]
fn ParentSelect(
    /// The parent's id, empty for none.
    parent: RwSignal<String>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let parents = Memo::new(move |_| {
        session.read(|store| {
            store
                .registry()
                .iter()
                .filter(|unit| matches!(unit.kind, UnitKind::Province | UnitKind::Middle))
                .map(|unit| (unit.id.clone(), unit.name_vi.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="pkm-field">
            <label for="unit-parent">{t(ProvinceMsg::FieldUnitParent)}</label>
            <select id="unit-parent" on:change:target=move |ev| parent.set(ev.target().value())>
                <option value="">{t(ProvinceMsg::NoParent)}</option>
                {move || {
                    let current = parent.get_untracked();
                    parents
                        .get()
                        .into_iter()
                        .map(|(id, name)| {
                            let selected = current == id.as_str();
                            view! { <option value=id.to_string() selected=selected>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The import of a unit list.
#[component]
fn UnitListImport() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let outcome: RwSignal<Option<Result<String, Vec<ListProblem>>>> = RwSignal::new(None);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let on_change =
        move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
            let input = ev.target();
            let Some(file) = files::files_of(input.files()).into_iter().next() else {
                return;
            };
            input.set_value("");
            let session = session.clone();
            leptos::task::spawn_local(async move {
                let lang = state.lang.get_untracked();
                failure.set(None);
                let name = file.name();
                let bytes = match files::read_bytes(&file, MAX_LIST_BYTES).await {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        outcome.set(None);
                        failure.set(Some(error.message(lang)));
                        return;
                    }
                };
                let parsed = session
                    .read_untracked(|store| parse_unit_list(&name, &bytes, &store.registry()));
                match parsed {
                    Err(problems) => outcome.set(Some(Err(problems))),
                    Ok(units) => match edits::save_units(&session, units).await {
                        Ok(count) => {
                            outcome.set(Some(Ok(province::units_from_file(count, &name, lang))))
                        }
                        Err(error) => {
                            outcome.set(None);
                            failure.set(Some(error.message(lang)));
                        }
                    },
                }
            });
        };
    view! {
        <div class="pkm-form pkm-form--inline" data-testid="unit-list-import">
            <h4>{t(ProvinceMsg::UnitListTitle)}</h4>
            <p class="pkm-hint">{t(ProvinceMsg::UnitListHint)}</p>
            <div class="pkm-file-pick">
                <input
                    id="unit-list-file"
                    class="pkm-file-input"
                    type="file"
                    accept=".csv,.json,.txt,text/csv,application/json"
                    on:change:target=on_change
                />
                <label for="unit-list-file" class="pkm-button pkm-file-label">
                    {t(ProvinceMsg::UnitListChoose)}
                </label>
            </div>
            <div role="status" aria-live="polite" data-testid="unit-list-outcome">
                {move || {
                    let lang = state.lang.get();
                    outcome
                        .get()
                        .map(|outcome| match outcome {
                            Ok(done) => view! { <p class="pkm-ok">{done}</p> }.into_any(),
                            Err(problems) => view! {
                                <div class="pkm-error">
                                    <p>{move || state.t(ProvinceMsg::UnitListRefused)}</p>
                                    <ul>
                                        {problems
                                            .iter()
                                            .map(|problem| {
                                                let text = lang.pick(problem.message_vi(), problem.message_en());
                                                view! { <li>{text}</li> }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                                .into_any(),
                        })
                }}
                <p class="pkm-error">{move || failure.get()}</p>
            </div>
        </div>
    }
}
