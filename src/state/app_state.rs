//! The app-wide context: language, the database connection, device facts and update status.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Lang, Text};
use send_wrapper::SendWrapper;

use crate::platform::storage_info::{self, Persistence, Usage};
use crate::platform::{device, tab_slot};
use crate::platform::{service_worker, settings};
use crate::split::SplitLoaderError;
use crate::state::Session;
use crate::state::tabs::TabSync;
use crate::storage::{DB_NAME, Db, StorageError};

/// Why the session did not open.
#[derive(Clone, Debug)]
pub enum OpenError {
    /// Storage refused (see the kinds of [`StorageError`]).
    Storage(StorageError),
    /// The session's part of the app could not be fetched (`crate::split`).
    NotLoaded,
}

/// Shared state every component can reach with [`use_app_state`].
#[derive(Clone, Copy)]
pub struct AppState {
    /// The interface language (remembered across reloads).
    pub lang: RwSignal<Lang>,
    /// The session (database, this device, the store), once opened (or why it could not be).
    pub session: LocalResource<Result<Session, OpenError>>,
    /// Whether storage is persistent.
    pub persistence: RwSignal<Persistence>,
    /// Storage used and available, refreshed after writes.
    pub usage: RwSignal<Option<Usage>>,
    /// A new version of the app is installed and waiting.
    pub update_ready: RwSignal<bool>,
    /// Another tab upgraded the database; this tab must reload.
    pub db_closed: RwSignal<bool>,
    /// Another tab's changes could not be read into this one (`state::tabs`), and why.
    pub sync_error: RwSignal<Option<StorageError>>,
    /// The first screen's code is here: its workspace's module fetched (or failed), or a page
    /// that needs none. With the session open, the service worker registers then.
    screen_loaded: RwSignal<bool>,
}

impl AppState {
    /// The text of `msg` in the current language (reactive).
    pub fn t(&self, msg: impl Text) -> &'static str {
        msg.text(self.lang.get())
    }

    /// Switches the language and remembers the choice.
    pub fn set_lang(&self, lang: Lang) {
        settings::save_lang(lang);
        settings::apply_document_lang(lang);
        self.lang.set(lang);
    }

    /// The usage figures when they have passed the early-warning mark (see
    /// [`Usage::is_nearly_full`]); reactive.
    pub fn nearly_full(&self) -> Option<Usage> {
        self.usage.get().filter(Usage::is_nearly_full)
    }

    /// Says that the current screen's code is loaded (see [`register_offline_support`]).
    pub fn mark_screen_loaded(&self) {
        if !self.screen_loaded.get_untracked() {
            self.screen_loaded.set(true);
        }
    }

    /// The first screen is usable: the session opened (or failed) and the screen's code is here
    /// (reactive). The service worker registers then, and what can come later is fetched then.
    pub fn first_screen_ready(&self) -> bool {
        self.session.get().is_some() && self.screen_loaded.get()
    }

    /// Reads the storage estimate again (after writes that may change it).
    pub fn refresh_usage(&self) {
        let usage = self.usage;
        spawn_local(async move {
            usage.set(storage_info::estimate().await);
        });
    }
}

/// Creates the app state, opens the database, and starts the platform watchers.
pub fn provide_app_state() -> AppState {
    let initial_lang = settings::load_lang();
    settings::apply_document_lang(initial_lang);
    let db_closed = RwSignal::new(false);
    let sync_error = RwSignal::new(None);
    // Listening starts before the store is read, so no other tab's change falls in between.
    let sync = SendWrapper::new(TabSync::start(sync_error));
    let session = LocalResource::new(move || {
        let sync = TabSync::clone(&sync);
        async move {
            let opening = crate::split::enter!(open_session(sync, db_closed))
                .map_err(|_| OpenError::NotLoaded)?;
            opening.await.map_err(OpenError::Storage)
        }
    });
    let state = AppState {
        lang: RwSignal::new(initial_lang),
        session,
        persistence: RwSignal::new(Persistence::Unknown),
        usage: RwSignal::new(None),
        update_ready: RwSignal::new(false),
        db_closed,
        sync_error,
        screen_loaded: RwSignal::new(false),
    };
    let persistence = state.persistence;
    let update_ready = state.update_ready;
    spawn_local(async move {
        persistence.set(storage_info::request_persistence().await);
    });
    state.refresh_usage();
    // Every commit may bring usage past the early-warning mark: read the estimate again.
    Effect::new(move |_| {
        if let Some(Ok(session)) = state.session.get() {
            session.track();
            state.refresh_usage();
        }
    });
    register_offline_support(state, update_ready);
    provide_context(state);
    state
}

/// Registers the service worker once the first screen is usable: the session opened (or
/// failed) and the screen's module is here. Registering starts the precache of every module,
/// which on a slow line would otherwise compete with the first screen's own downloads
/// (`docs/benchmarks.md`, "First visit on a slow network").
fn register_offline_support(state: AppState, update_ready: RwSignal<bool>) {
    Effect::new(move |registered: Option<bool>| {
        if registered == Some(true) {
            return true;
        }
        if !state.first_screen_ready() {
            return false;
        }
        spawn_local(async move {
            // Failure only means no offline support (for example, not a secure context).
            let _ = service_worker::register(move || update_ready.set(true)).await;
        });
        true
    });
}

/// Opens the database and the session, and attaches the other tabs' changes to it: the session's
/// split point (`crate::split`). Reading and joining the store is most of the core; the start page
/// paints before it is loaded.
#[cfg_attr(
    pkm_split,
    leptos::wasm_split::wasm_split(session, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn open_session(
    sync: TabSync,
    db_closed: RwSignal<bool>,
) -> Result<OpeningSession, SplitLoaderError> {
    Ok(Box::pin(async move {
        let slot = tab_slot::claim().await;
        let db = Db::open(DB_NAME).await?;
        db.on_version_change(move || db_closed.set(true));
        let device = device::ensure_device(&db).await?;
        let session = Session::open_as(db, device, slot).await?;
        sync.attach(&session);
        Ok(session)
    }))
}

/// The future of [`open_session`], boxed to cross the split point.
type OpeningSession = Pin<Box<dyn Future<Output = Result<Session, StorageError>>>>;

/// The app state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
