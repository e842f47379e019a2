//! The evidence items of one criterion (minh chứng): add, edit, remove.

use leptos::prelude::*;
use pkm_core::{CriterionEntry, Date, Evidence, ItemId};

use super::attachments::AttachmentList;
use super::context::use_ward;
use crate::i18n::ward::WardMsg;
use crate::state::use_app_state;

/// A change to the entry being edited.
pub type EntryChange = Box<dyn FnOnce(&mut CriterionEntry)>;

/// A fresh item id: this device and its clock, unique across laptops.
pub fn new_item_id(session: &crate::state::Session, prefix: &str) -> Option<ItemId> {
    let at = session.now();
    ItemId::new(format!(
        "{prefix}-{}-{:x}-{:x}",
        at.device, at.wall_ms, at.logical
    ))
    .ok()
}

/// The evidence list of one criterion.
#[component]
pub fn EvidenceList(
    /// The criterion's id, for element ids.
    criterion: String,
    /// The entry being edited.
    draft: RwSignal<CriterionEntry>,
    /// Applies a change and schedules its save.
    edit: Callback<EntryChange>,
    /// Saves now (on leaving a field).
    flush: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let criterion = StoredValue::new(criterion);
    let add = move |_| {
        let Some(id) = new_item_id(&context.session(), "ev") else {
            return;
        };
        edit.run(Box::new(move |entry| {
            entry.evidence.push(Evidence {
                id,
                doc_number: String::new(),
                date: None,
                issuer: String::new(),
                description: String::new(),
                attachments: Vec::new(),
            })
        }));
        flush.run(());
    };
    view! {
        <fieldset class="pkm-fieldset pkm-evidence">
            <legend>{move || state.t(WardMsg::Evidence)}</legend>
            <For
                each=move || draft.with(|entry| entry.evidence.iter().map(|e| e.id.clone()).collect::<Vec<_>>())
                key=|id| id.clone()
                children=move |id: ItemId| {
                    view! { <EvidenceRow criterion=criterion.get_value() id draft edit flush /> }
                }
            />
            <button
                type="button"
                class="pkm-button"
                data-testid=move || format!("add-evidence-{}", criterion.get_value())
                on:click=add
            >
                {move || state.t(WardMsg::AddEvidence)}
            </button>
        </fieldset>
    }
}

/// One evidence item's fields.
#[component]
fn EvidenceRow(
    criterion: String,
    id: ItemId,
    draft: RwSignal<CriterionEntry>,
    edit: Callback<EntryChange>,
    flush: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let id = StoredValue::new(id);
    let read = move |field: fn(&Evidence) -> String| {
        draft.with(|entry| {
            entry
                .evidence
                .iter()
                .find(|e| e.id == id.get_value())
                .map(field)
                .unwrap_or_default()
        })
    };
    let write = move |apply: Box<dyn FnOnce(&mut Evidence)>| {
        edit.run(Box::new(move |entry| {
            if let Some(item) = entry.evidence.iter_mut().find(|e| e.id == id.get_value()) {
                apply(item);
            }
        }));
    };
    let base = format!("evidence-{criterion}-{}", id.get_value());
    let field = move |suffix: &'static str,
                      label: WardMsg,
                      get: fn(&Evidence) -> String,
                      set: fn(&mut Evidence, String)| {
        let field_id = format!("{base}-{suffix}");
        view! {
            <div class="pkm-field">
                <label for=field_id.clone()>{move || state.t(label)}</label>
                <input
                    id=field_id
                    type="text"
                    maxlength="10000"
                    prop:value=move || read(get)
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        write(Box::new(move |item| set(item, text)));
                    }
                    on:blur=move |_| flush.run(())
                />
            </div>
        }
    };
    let date_id = format!("evidence-{criterion}-{}-date", id.get_value());
    let remove = move |_| {
        edit.run(Box::new(move |entry| {
            entry.evidence.retain(|e| e.id != id.get_value());
        }));
        flush.run(());
    };
    view! {
        <div class="pkm-evidence__item" data-testid="evidence">
            {field("number", WardMsg::DocNumber, |e| e.doc_number.clone(), |e, v| e.doc_number = v)}
            <div class="pkm-field">
                <label for=date_id.clone()>{move || state.t(WardMsg::DocDate)}</label>
                <input
                    id=date_id
                    type="date"
                    min="2000-01-01"
                    max="2100-12-31"
                    prop:value=move || read(|e| e.date.map(|d| d.to_iso()).unwrap_or_default())
                    on:change:target=move |ev| {
                        let date = Date::parse_iso(&ev.target().value()).ok();
                        write(Box::new(move |item| item.date = date));
                        flush.run(());
                    }
                />
            </div>
            {field("issuer", WardMsg::Issuer, |e| e.issuer.clone(), |e, v| e.issuer = v)}
            {field("description", WardMsg::Description, |e| e.description.clone(), |e, v| e.description = v)}
            <AttachmentList base=format!("evidence-{criterion}-{}", id.get_value()) id=id.get_value() draft edit flush />
            <button type="button" class="pkm-button pkm-button--quiet" on:click=remove>
                {move || state.t(WardMsg::RemoveEvidence)}
            </button>
        </div>
    }
}
