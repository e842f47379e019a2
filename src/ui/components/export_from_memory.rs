//! "Export now": when the disk is full, the workspace still hands the person a file of what is
//! on screen, unsaved changes included, straight from memory. A workspace that can write such a
//! file provides [`ExportFromMemory`]; the button shows only where one is provided.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::i18n::Msg;
use crate::state::{saving, use_app_state};

/// What the export yields: the file name offered, or why there is none (in the interface
/// language).
type ExportFuture = Pin<Box<dyn Future<Output = Result<String, String>>>>;

/// Writes the workspace's file from memory (signing it) and offers it as a download.
#[derive(Clone)]
pub struct ExportFromMemory(SendWrapper<Rc<dyn Fn() -> ExportFuture>>);

impl ExportFromMemory {
    /// Runs the export.
    pub async fn run(&self) -> Result<String, String> {
        (self.0)().await
    }
}

/// Provides the export for the components below (the workspace's pages).
pub fn provide_export_from_memory<F, Fut>(export: F)
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<String, String>> + 'static,
{
    let export: Rc<dyn Fn() -> ExportFuture> = Rc::new(move || Box::pin(export()));
    provide_context(ExportFromMemory(SendWrapper::new(export)));
}

/// The button, where a workspace provided an export; nothing otherwise.
#[component]
pub fn ExportFromMemoryButton() -> impl IntoView {
    let state = use_app_state();
    let export = use_context::<ExportFromMemory>();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    export.map(|export| {
        let click = move |_| {
            busy.set(true);
            let export = export.clone();
            spawn_local(async move {
                // Every change typed is tried once more, so that a failed one is in memory too.
                saving::flush_all_and_wait().await;
                outcome.set(Some(export.run().await));
                busy.set(false);
            });
        };
        view! {
            <span class="pkm-export-now">
                <button
                    type="button"
                    class="pkm-button pkm-button--primary"
                    data-testid="export-from-memory"
                    disabled=move || busy.get()
                    on:click=click
                >
                    {move || state.t(Msg::ExportFromMemory)}
                </button>
                {move || {
                    outcome
                        .get()
                        .map(|outcome| match outcome {
                            Ok(name) => {
                                view! {
                                    <span data-testid="exported-from-memory">
                                        {move || state.t(Msg::ExportedFromMemory)}
                                        " "
                                        {name}
                                    </span>
                                }
                                    .into_any()
                            }
                            Err(reason) => view! { <span role="alert">{reason}</span> }.into_any(),
                        })
                }}
            </span>
        }
    })
}

/// The banner of a full disk: what happened, what to do, and the export.
#[component]
pub fn StorageFullBanner() -> impl IntoView {
    let state = use_app_state();
    let session = crate::state::use_session();
    let full = move || {
        matches!(
            session.write_failure(),
            Some(crate::state::StorageError::QuotaExceeded)
        )
    };
    view! {
        <Show when=full>
            <div class="pkm-banner pkm-banner--error" role="alert" data-testid="storage-full">
                <span>
                    <strong>{move || state.t(Msg::StorageFull)}</strong>
                    " "
                    {move || state.t(Msg::StorageFullAdvice)}
                </span>
                <ExportFromMemoryButton />
            </div>
        </Show>
    }
}
