//! The files of one evidence item (tệp đính kèm): picked, photographed with the camera, or
//! dropped onto the item; each shown with its type and size (the original and the stored size of
//! a downscaled photo), or as "tệp đính kèm chưa nhận" when this laptop does not hold it.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::ItemId;
use pkm_core::attachment::enforce::WardRoom;
use pkm_core::attachment::{AttachmentRef, MediaType};

use super::context::use_ward;
use super::evidence::EntryChange;
use crate::i18n::attachments::{AttachMsg, sizes};
use crate::platform::files;
use crate::state::attachments::{AttachSettings, attach, held_file};
use crate::state::use_app_state;

/// What the file picker offers: the accepted types, by extension and media type.
const ACCEPT: &str =
    ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.odt,application/pdf,image/jpeg,image/png,image/webp";

/// Where attached files go: the evidence item, the entry's edit and save, and what the screen
/// says meanwhile.
#[derive(Clone, Copy)]
struct Attaching {
    state: crate::state::AppState,
    context: super::context::WardContext,
    id: StoredValue<ItemId>,
    edit: Callback<EntryChange>,
    flush: Callback<()>,
    busy: RwSignal<usize>,
    /// Every refusal of the last files picked (each file of a batch is attached or refused on
    /// its own, so one refused file does not hide another's refusal, nor a later success it).
    errors: RwSignal<Vec<String>>,
}

impl Attaching {
    /// Attaches `picked` one by one; each file is added to the item once it is stored.
    fn add(self, picked: Vec<web_sys::File>) {
        let Attaching {
            state,
            context,
            id,
            edit,
            flush,
            busy,
            errors,
        } = self;
        // A new choice starts a new list of refusals.
        errors.set(Vec::new());
        // The province's settings, carried by its config file (the defaults before one came),
        // and the room the ward's files have left under its per-ward limit, shared by the batch.
        let ward = context
            .profile
            .with_untracked(|profile| profile.unit.clone());
        let (carried, room) = context.session().read_untracked(|store| match &ward {
            Some(ward) => (
                Some(pkm_core::attachment::EvidenceSettings::for_unit(
                    store, ward,
                )),
                Some(WardRoom::of(store, ward)),
            ),
            None => (None, None),
        });
        let settings = AttachSettings::from(carried.unwrap_or_default());
        let room = Rc::new(RefCell::new(room));
        for file in picked {
            let db = context.session().db().clone();
            let room = Rc::clone(&room);
            busy.update(|count| *count += 1);
            spawn_local(async move {
                let result = attach(&db, &file, settings, &room).await;
                busy.update(|count| *count -= 1);
                match result {
                    Ok(attached) => {
                        let reference = attached.reference;
                        edit.run(Box::new(move |entry| {
                            if let Some(item) = entry
                                .evidence
                                .iter_mut()
                                .find(|item| item.id == id.get_value())
                                && !item
                                    .attachments
                                    .iter()
                                    .any(|f| f.sha256 == reference.sha256)
                            {
                                item.attachments.push(reference);
                            }
                        }));
                        flush.run(());
                        // The stored file counts towards the storage warning.
                        state.refresh_usage();
                    }
                    Err(failed) => {
                        let message = failed.message(state.lang.get_untracked());
                        errors.update(|list| list.push(message));
                    }
                }
            });
        }
    }
}

/// The files of one evidence item and the ways to add some.
#[component]
pub fn AttachmentList(
    /// The evidence item's element id, for the inputs' ids.
    base: String,
    /// The evidence item.
    id: ItemId,
    /// The entry being edited.
    draft: RwSignal<pkm_core::CriterionEntry>,
    /// Applies a change and schedules its save.
    edit: Callback<EntryChange>,
    /// Saves now.
    flush: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let id = StoredValue::new(id);
    let busy = RwSignal::new(0usize);
    let errors = RwSignal::new(Vec::<String>::new());
    let refs = move || {
        draft.with(|entry| {
            entry
                .evidence
                .iter()
                .find(|item| item.id == id.get_value())
                .map(|item| item.attachments.clone())
                .unwrap_or_default()
        })
    };
    let attaching = Attaching {
        state,
        context,
        id,
        edit,
        flush,
        busy,
        errors,
    };
    let add_files = move |picked: Vec<web_sys::File>| attaching.add(picked);
    let pick_id = format!("{base}-files");
    let camera_id = format!("{base}-camera");
    view! {
        <div
            class="pkm-attachments"
            data-testid="attachments"
            on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                add_files(files::files_of(ev.data_transfer().and_then(|data| data.files())));
            }
        >
            <p class="pkm-attachments__title">{move || state.t(AttachMsg::Files)}</p>
            <ul class="pkm-attachments__list">
                <For
                    each=refs
                    key=|file: &AttachmentRef| file.sha256.clone()
                    children=move |file: AttachmentRef| {
                        view! { <AttachmentRow file id draft edit flush /> }
                    }
                />
            </ul>
            <div class="pkm-attachments__add">
                <AddFiles pick_id camera_id attaching />
                <p class="pkm-hint">{move || state.t(AttachMsg::DropHint)}</p>
            </div>
            <p class="pkm-hint" role="status" data-testid="attach-busy" data-busy=move || busy.get().to_string()>
                {move || (busy.get() > 0).then(|| state.t(AttachMsg::Working))}
            </p>
            <Refusals errors />
        </div>
    }
}

/// The buttons that add files: each opens its hidden file input (the picker, the camera). The
/// inputs are hidden because the browser labels them in its own language ("Choose Files").
#[component]
fn AddFiles(pick_id: String, camera_id: String, attaching: Attaching) -> impl IntoView {
    let state = use_app_state();
    let add_files = move |picked: Vec<web_sys::File>| attaching.add(picked);
    let pick_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let camera_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let open = |input: NodeRef<leptos::html::Input>| {
        move |_| {
            if let Some(input) = input.get_untracked() {
                input.click();
            }
        }
    };
    view! {
        <button
            type="button"
            class="pkm-button"
            aria-controls=pick_id.clone()
            data-testid="attach-pick"
            on:click=open(pick_input)
        >
            {move || state.t(AttachMsg::Pick)}
        </button>
        <input
            id=pick_id
            node_ref=pick_input
            type="file"
            hidden
            multiple
            accept=ACCEPT
            data-testid="attach-files"
            on:change:target=move |ev| {
                let input = ev.target();
                add_files(files::files_of(input.files()));
                input.set_value("");
            }
        />
        <button
            type="button"
            class="pkm-button"
            aria-controls=camera_id.clone()
            data-testid="attach-take-photo"
            on:click=open(camera_input)
        >
            {move || state.t(AttachMsg::Camera)}
        </button>
        <input
            id=camera_id
            node_ref=camera_input
            type="file"
            hidden
            accept="image/*"
            capture="environment"
            data-testid="attach-camera"
            on:change:target=move |ev| {
                let input = ev.target();
                add_files(files::files_of(input.files()));
                input.set_value("");
            }
        />
    }
}

/// Every refusal of the last files picked, one line each, announced as they come.
#[component]
fn Refusals(errors: RwSignal<Vec<String>>) -> impl IntoView {
    view! {
        <div class="pkm-error" role="alert" data-testid="attach-errors">
            <For
                each=move || errors.get().into_iter().enumerate()
                key=|(index, message)| (*index, message.clone())
                children=|(_, message)| view! { <p data-testid="attach-error">{message}</p> }
            />
        </div>
    }
}

/// One attached file: name, type, sizes or "not received yet", and a button to remove it.
#[component]
fn AttachmentRow(
    file: AttachmentRef,
    id: StoredValue<ItemId>,
    draft: RwSignal<pkm_core::CriterionEntry>,
    edit: Callback<EntryChange>,
    flush: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let hash = file.sha256.clone();
    let held = LocalResource::new({
        let hash = hash.clone();
        move || {
            let db = context.session().db().clone();
            let hash = hash.clone();
            async move { held_file(&db, &hash).await.ok().flatten() }
        }
    });
    let size = file.size;
    let label = file.media_type().map_or("?", MediaType::label);
    let remove = {
        let hash = hash.clone();
        move |_| {
            let hash = hash.clone();
            edit.run(Box::new(move |entry| {
                if let Some(item) = entry
                    .evidence
                    .iter_mut()
                    .find(|item| item.id == id.get_value())
                {
                    item.attachments.retain(|f| f.sha256 != hash);
                }
            }));
            flush.run(());
        }
    };
    let _ = draft;
    view! {
        <li class="pkm-attachments__file" data-testid="attachment" data-hash=hash.clone() data-name=file.name.clone() data-size=size.to_string()>
            <span class="pkm-attachments__name">{file.name.clone()}</span>
            " "
            <span class="pkm-attachments__type">{label}</span>
            " · "
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match held.await {
                        Some(held) => view! {
                            <span data-testid="attachment-sizes" data-original=held.original_size.unwrap_or(size).to_string()>
                                {move || sizes(state.lang.get(), held.original_size, size)}
                            </span>
                        }.into_any(),
                        None => view! {
                            <span class="pkm-attachments__missing" data-testid="attachment-missing">
                                {move || state.t(AttachMsg::NotReceived)}
                            </span>
                        }.into_any(),
                    }
                })}
            </Suspense>
            " "
            <button type="button" class="pkm-button pkm-button--quiet" on:click=remove>
                {move || state.t(AttachMsg::Remove)}
            </button>
        </li>
    }
}
