//! The files of one evidence item on the review screen: a thumbnail for each photo, a button
//! for each PDF, a download link for each office document, and "tệp đính kèm chưa nhận" for a
//! file this device does not hold. Photos and PDFs open in a viewer (a modal `<dialog>`: the
//! arrow keys move between the item's files, Esc closes it, and the focus returns to the button
//! that opened it); a PDF shows in the browser's own viewer, in a frame, from a `blob:` URL,
//! without leaving the app. Everything is read from IndexedDB, so it works offline. Each object
//! URL is revoked when the item leaves the screen.

use leptos::prelude::*;
use pkm_core::attachment::{AttachmentRef, MediaType};
use wasm_bindgen::JsCast;

use crate::i18n::attachments::{AttachMsg, size};
use crate::state::attachments::held_file;
use crate::state::{use_app_state, use_session};

/// A file of the item as the screen shows it: its reference and, when this device holds it, an
/// object URL of its `Blob`.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    file: AttachmentRef,
    url: Option<String>,
}

impl Shown {
    /// Whether the viewer shows it (a photo or a PDF this device holds).
    fn viewable(&self) -> bool {
        self.url.is_some()
            && matches!(
                self.file.media_type(),
                Some(MediaType::Pdf | MediaType::Jpeg | MediaType::Png | MediaType::Webp)
            )
    }

    fn is_image(&self) -> bool {
        self.file.media_type().is_some_and(MediaType::is_image)
    }
}

/// Reads the held files of `files` and makes an object URL of each, noting it in `urls` (to be
/// revoked with the item; revoked at once if the item is gone already).
async fn load(
    session: crate::state::Session,
    files: Vec<AttachmentRef>,
    urls: StoredValue<Vec<String>>,
) -> Vec<Shown> {
    let mut shown = Vec::with_capacity(files.len());
    for file in files {
        let held = held_file(session.db(), &file.sha256).await.ok().flatten();
        let url = held.and_then(|held| web_sys::Url::create_object_url_with_blob(&held.blob).ok());
        if let Some(url) = &url
            && urls.try_update_value(|all| all.push(url.clone())).is_none()
        {
            let _ = web_sys::Url::revoke_object_url(url);
        }
        shown.push(Shown { file, url });
    }
    shown
}

/// The files of one evidence item, and its viewer.
#[component]
pub fn EvidenceFiles(
    /// A prefix for the item's element ids (unique on the screen).
    base: String,
    /// The item's files.
    files: Vec<AttachmentRef>,
) -> impl IntoView {
    let session = use_session();
    let urls = StoredValue::new(Vec::<String>::new());
    on_cleanup(move || {
        urls.try_update_value(|all| {
            for url in all.drain(..) {
                let _ = web_sys::Url::revoke_object_url(&url);
            }
        });
    });
    let loaded = LocalResource::new(move || load(session.clone(), files.clone(), urls));
    let open = RwSignal::new(None::<usize>);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let base = base.clone();
                Suspend::new(async move {
                    let shown = loaded.await;
                    let viewable: Vec<Shown> = shown.iter().filter(|s| s.viewable()).cloned().collect();
                    view! {
                        <ul class="pkm-review-files" data-testid="review-files">
                            {shown
                                .into_iter()
                                .map(|item| {
                                    let index = viewable.iter().position(|v| v.file.sha256 == item.file.sha256);
                                    view! { <FileTile base=base.clone() item index open /> }
                                })
                                .collect_view()}
                        </ul>
                        <Viewer base=base.clone() files=viewable open />
                    }
                })
            }}
        </Suspense>
    }
}

/// One file of the item: thumbnail, PDF button, download link, or "not received yet".
#[component]
fn FileTile(
    base: String,
    item: Shown,
    /// Its place among the item's viewable files, if it is one.
    index: Option<usize>,
    open: RwSignal<Option<usize>>,
) -> impl IntoView {
    let state = use_app_state();
    let Shown { file, url } = item.clone();
    let name = file.name.clone();
    let label = file.media_type().map_or("?", MediaType::label);
    let bytes = file.size;
    let body = match (url, index) {
        (None, _) => view! {
            <span class="pkm-attachments__name">{name.clone()}</span>
            " · "
            <span class="pkm-attachments__missing" data-testid="attachment-missing">
                {move || state.t(AttachMsg::NotReceived)}
            </span>
        }
        .into_any(),
        (Some(url), Some(index)) if item.is_image() => {
            let alt = name.clone();
            view! {
                <button
                    type="button"
                    id=format!("{base}-open-{index}")
                    class="pkm-review-files__thumb"
                    data-testid="review-thumb"
                    aria-label=move || format!("{} {alt}", state.t(AttachMsg::ViewImage))
                    on:click=move |_| open.set(Some(index))
                >
                    <img src=url alt="" loading="lazy" />
                </button>
                <span class="pkm-attachments__name">{name.clone()}</span>
            }
            .into_any()
        }
        (Some(_), Some(index)) => view! {
            <button
                type="button"
                id=format!("{base}-open-{index}")
                class="pkm-button"
                data-testid="review-open-pdf"
                on:click=move |_| open.set(Some(index))
            >
                {move || state.t(AttachMsg::OpenPdf)}
                " "
                {name.clone()}
            </button>
        }
        .into_any(),
        (Some(url), None) => view! {
            <a href=url download=name.clone() class="pkm-button" data-testid="review-download">
                {move || state.t(AttachMsg::Download)}
                " "
                {name.clone()}
            </a>
        }
        .into_any(),
    };
    view! {
        <li class="pkm-review-files__file" data-testid="review-file" data-name=file.name.clone() data-type=file.media_type.clone()>
            {body}
            <small>" (" {label} ", " {move || size(state.lang.get(), bytes)} ")"</small>
        </li>
    }
}

/// Moves `open` by `step` among `count` files, round.
fn step(open: RwSignal<Option<usize>>, count: usize, step: isize) {
    if count == 0 {
        return;
    }
    open.update(|at| {
        if let Some(at) = at {
            *at = (*at as isize + step).rem_euclid(count as isize) as usize;
        }
    });
}

/// The viewer of the item's photos and PDFs: a modal dialog.
#[component]
fn Viewer(base: String, files: Vec<Shown>, open: RwSignal<Option<usize>>) -> impl IntoView {
    let state = use_app_state();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let count = files.len();
    let files = StoredValue::new(files);
    // The button that opened the viewer gets the focus back when it closes.
    let opener = StoredValue::new(None::<usize>);
    Effect::new(move || {
        let Some(element) = dialog.get() else { return };
        match open.get() {
            Some(at) => {
                if opener.get_value().is_none() {
                    opener.set_value(Some(at));
                }
                if !element.open() {
                    let _ = element.show_modal();
                }
            }
            None if element.open() => element.close(),
            None => {}
        }
    });
    let on_close = {
        let base = base.clone();
        move |_| {
            open.set(None);
            if let Some(at) = opener.get_value() {
                opener.set_value(None);
                if let Some(button) = document()
                    .get_element_by_id(&format!("{base}-open-{at}"))
                    .and_then(|found| found.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = button.focus();
                }
            }
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "ArrowRight" | "ArrowDown" => {
            ev.prevent_default();
            step(open, count, 1);
        }
        "ArrowLeft" | "ArrowUp" => {
            ev.prevent_default();
            step(open, count, -1);
        }
        _ => {}
    };
    let title_id = format!("{base}-viewer-title");
    let labelled_by = title_id.clone();
    let current = move || {
        open.get()
            .and_then(|at| files.with_value(|all| all.get(at).cloned()))
    };
    view! {
        <dialog
            node_ref=dialog
            class="pkm-viewer"
            data-testid="viewer"
            aria-labelledby=labelled_by
            on:close=on_close
            on:keydown=on_key
        >
            {move || current().map(|shown| {
                let at = open.get_untracked().unwrap_or(0);
                let name = shown.file.name.clone();
                let url = shown.url.clone().unwrap_or_default();
                let content = if shown.is_image() {
                    view! { <img class="pkm-viewer__image" data-testid="viewer-image" src=url alt=name.clone() /> }.into_any()
                } else {
                    view! { <iframe class="pkm-viewer__pdf" data-testid="viewer-pdf" src=url title=name.clone()></iframe> }.into_any()
                };
                view! {
                    <h3 id=title_id.clone() data-testid="viewer-title">{format!("{name} ({}/{count})", at + 1)}</h3>
                    {content}
                }
            })}
            <p class="pkm-hint">{move || state.t(AttachMsg::ViewerHint)}</p>
            <div class="pkm-viewer__actions">
                <button type="button" class="pkm-button" data-testid="viewer-previous" disabled=count < 2 on:click=move |_| step(open, count, -1)>
                    {move || state.t(AttachMsg::Previous)}
                </button>
                <button type="button" class="pkm-button" data-testid="viewer-next" disabled=count < 2 on:click=move |_| step(open, count, 1)>
                    {move || state.t(AttachMsg::Next)}
                </button>
                <button type="button" class="pkm-button pkm-button--primary" data-testid="viewer-close" on:click=move |_| open.set(None)>
                    {move || state.t(AttachMsg::Close)}
                </button>
            </div>
        </dialog>
    }
}
