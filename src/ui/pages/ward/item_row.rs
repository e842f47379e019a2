//! One row of an assessment's item list (follow-up tasks, requests, and any list the core adds as
//! a `ListItem`), edited in place: the draft, its autosave and audit note, the delete button and
//! the save indicator are the same for every list; the list gives its fields.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::store::ListItem;

use super::context::use_ward;
use crate::i18n::ward::WardMsg;
use crate::i18n::{Lang, Missing};
use crate::state::saving::DEFAULT_DELAY_MS;
use crate::state::session::AuditNote;
use crate::state::{Autosave, SessionError, use_app_state};
use crate::ui::components::save_indicator::SaveIndicator;

/// What a row needs to know of its list beyond the core's [`ListItem`].
pub trait RowItem: ListItem + Send + Sync + 'static {
    /// The audit log's target prefix (`"action"` → `"action:{id}"`) and the rows' DOM id prefix.
    const TARGET: &'static str;
    /// The row's `data-testid` (the e2e tests select by it).
    const TEST_ID: &'static str;

    /// The audit note's text for an edit, in `lang`.
    fn edited(&self, lang: Lang) -> String;

    /// The audit note's text for a deletion, in `lang`.
    fn deleted(&self, lang: Lang) -> String;
}

/// A row's handle on its draft: read it, change it (saved after a pause), or save now.
pub struct RowEditor<T: 'static> {
    /// The item as edited.
    pub draft: RwSignal<T>,
    autosave: StoredValue<Autosave<T>, LocalStorage>,
}

impl<T> Clone for RowEditor<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for RowEditor<T> {}

impl<T: RowItem> RowEditor<T> {
    /// Changes the draft and schedules its save.
    pub fn edit(&self, change: impl FnOnce(&mut T)) {
        self.draft.update(change);
        let draft = self.draft.get_untracked();
        self.autosave
            .with_value(|autosave| autosave.schedule(draft));
    }

    /// Saves now what waits (on blur, or after a choice).
    pub fn flush(&self) {
        self.autosave.with_value(Autosave::flush);
    }
}

/// The row of `item`: `fields` draws its inputs with the editor and the DOM id prefix of the row;
/// `overdue`, when given, marks the row (`pkm-row--overdue`) while it holds for the draft.
pub fn item_row<T: RowItem>(
    item: T,
    overdue: Option<fn(&T) -> bool>,
    fields: impl FnOnce(RowEditor<T>, String) -> AnyView,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let id = item.id().clone();
    let autosave = Autosave::new(DEFAULT_DELAY_MS, move |item: T| {
        let session = context.session();
        let key = context.key();
        async move {
            let key =
                key.ok_or_else(|| SessionError::Missing(Missing::Assessment, String::new()))?;
            let note = AuditNote::says(format!("{}:{}", T::TARGET, item.id()), |lang| {
                item.edited(lang)
            });
            session
                .edit_assessment(&key, note, move |doc, catalogue, context| {
                    doc.edit_item(context, catalogue, item)
                })
                .await
        }
    });
    let status = autosave.status();
    let autosave = StoredValue::new_local(autosave);
    on_cleanup(move || {
        autosave.try_with_value(Autosave::flush);
    });
    let editor = RowEditor {
        draft: RwSignal::new(item),
        autosave,
    };
    // A refused deletion is shown in the row, never dropped.
    let error = RwSignal::new(None::<String>);
    let remove = move |_| {
        let Some(key) = context.key() else { return };
        let session = context.session();
        let id = id.clone();
        let item = editor.draft.get_untracked();
        let lang = state.lang.get_untracked();
        spawn_local(async move {
            let note = AuditNote::says(format!("{}:{id}", T::TARGET), |lang| item.deleted(lang));
            let result = session
                .edit_assessment(&key, note, move |doc, _, context| {
                    doc.delete_item::<T>(context, &id)
                })
                .await;
            error.set(result.err().map(|failed| failed.message(lang)));
        });
    };
    let base = format!(
        "{}-{}",
        T::TARGET,
        editor.draft.with_untracked(|item| item.id().clone())
    );
    let overdue = move || overdue.is_some_and(|overdue| editor.draft.with(overdue));
    view! {
        <li class="pkm-row" class:pkm-row--overdue=overdue data-testid=T::TEST_ID>
            {fields(editor, base)}
            <button type="button" class="pkm-button pkm-button--quiet" on:click=remove>
                {move || state.t(WardMsg::Delete)}
            </button>
            <SaveIndicator status=status />
            {move || error.get().map(|text| view! { <p class="pkm-error" role="alert">{text}</p> })}
        </li>
    }
}
