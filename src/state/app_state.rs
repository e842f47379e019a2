//! The app-wide context: language, the database connection, device facts and update status.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Lang, Text};
use crate::platform::device;
use crate::platform::storage_info::{self, Persistence, Usage};
use crate::platform::{service_worker, settings};
use crate::state::Session;
use crate::storage::{DB_NAME, Db, StorageError};

/// Shared state every component can reach with [`use_app_state`].
#[derive(Clone, Copy)]
pub struct AppState {
    /// The interface language (remembered across reloads).
    pub lang: RwSignal<Lang>,
    /// The session (database, this device, the store), once opened (or why it could not be).
    pub session: LocalResource<Result<Session, StorageError>>,
    /// Whether storage is persistent.
    pub persistence: RwSignal<Persistence>,
    /// Storage used and available, refreshed after writes.
    pub usage: RwSignal<Option<Usage>>,
    /// A new version of the app is installed and waiting.
    pub update_ready: RwSignal<bool>,
    /// Another tab upgraded the database; this tab must reload.
    pub db_closed: RwSignal<bool>,
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
    let session = LocalResource::new(move || async move {
        let db = Db::open(DB_NAME).await?;
        db.on_version_change(move || db_closed.set(true));
        let device = device::ensure_device(&db).await?;
        Session::open(db, device).await
    });
    let state = AppState {
        lang: RwSignal::new(initial_lang),
        session,
        persistence: RwSignal::new(Persistence::Unknown),
        usage: RwSignal::new(None),
        update_ready: RwSignal::new(false),
        db_closed,
    };
    let persistence = state.persistence;
    let update_ready = state.update_ready;
    spawn_local(async move {
        persistence.set(storage_info::request_persistence().await);
    });
    state.refresh_usage();
    spawn_local(async move {
        // Failure only means no offline support (for example, not a secure context).
        let _ = service_worker::register(move || update_ready.set(true)).await;
    });
    provide_context(state);
    state
}

/// The app state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
