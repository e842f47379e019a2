//! Live propagation between tabs of one profile: after every commit a tab tells the others what
//! it wrote (a [`Committed`] as JSON on a broadcast channel); a tab hearing of it reads those
//! records again and joins them into its in-memory store, so its pages show the other tab's edit
//! without a reload.
//!
//! The join waits while any change of this tab is not yet saved: an editor's pending value must
//! be written against the version it was typed over, so that a concurrent edit of the same value
//! in another tab becomes a visible conflict rather than being silently replaced. Notices that
//! arrive before the session is open are kept and applied once it is.
//!
//! A notice whose records cannot be read is kept for the next try, logged, and shown: the
//! app state's `sync_error` holds the storage error until a later read succeeds.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use leptos::logging;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::saving;
use super::session::{Committed, Session};
use crate::platform::broadcast::Channel;
use crate::storage::StorageError;

/// The channel's name (one per app, whatever the tab).
pub const CHANNEL: &str = "pkm-changes";

/// How long to wait before looking again while a change of this tab is unsaved.
const RETRY_MS: u32 = 250;

/// This tab's end of the propagation; cheap to clone.
#[derive(Clone)]
pub struct TabSync {
    inner: Rc<Inner>,
}

struct Inner {
    channel: Channel,
    /// Set by [`TabSync::attach`]: applies the queued notices. Reached through this pointer, the
    /// reading and joining of records stays out of the app shell's module (`crate::split`): it is
    /// part of the session's.
    drain: RefCell<Option<Rc<dyn Fn()>>>,
    session: RefCell<Option<Session>>,
    queued: RefCell<Committed>,
    draining: Cell<bool>,
    absorbed: Cell<u64>,
    /// Why the last read of another tab's records failed, until one succeeds (shown by the UI).
    failed: RwSignal<Option<StorageError>>,
}

impl TabSync {
    /// Opens the channel and starts listening (before the session opens, so no notice is
    /// missed between reading the store and joining the others' changes). A failed read of
    /// another tab's records is put in `failed`.
    pub fn start(failed: RwSignal<Option<StorageError>>) -> TabSync {
        let sync = TabSync {
            inner: Rc::new(Inner {
                channel: Channel::open(CHANNEL),
                drain: RefCell::new(None),
                session: RefCell::new(None),
                queued: RefCell::new(Committed::default()),
                draining: Cell::new(false),
                absorbed: Cell::new(0),
                failed,
            }),
        };
        let listener = sync.clone();
        sync.inner.channel.on_message(move |text| {
            match serde_json::from_str::<Committed>(&text) {
                Ok(committed) => listener.receive(&committed),
                // Another version of the app may speak differently; its writes reach this tab
                // at the next reload.
                Err(error) => logging::warn!("ignored a notice from another tab: {error}"),
            }
        });
        sync
    }

    /// Connects the opened session: its commits are announced, and notices are applied to it.
    pub fn attach(&self, session: &Session) {
        let channel = self.inner.channel.clone();
        session.set_on_commit(move |committed| match serde_json::to_string(committed) {
            Ok(text) => channel.send(&text),
            Err(error) => logging::warn!("could not announce a commit to other tabs: {error}"),
        });
        *self.inner.session.borrow_mut() = Some(session.clone());
        let this = self.clone();
        *self.inner.drain.borrow_mut() = Some(Rc::new(move || this.drain()));
        self.drain();
    }

    /// Whether the browser carries notices between tabs.
    pub fn is_available(&self) -> bool {
        self.inner.channel.is_available()
    }

    /// How many batches of other tabs' changes were joined in so far.
    pub fn absorbed(&self) -> u64 {
        self.inner.absorbed.get()
    }

    fn receive(&self, committed: &Committed) {
        self.inner.queued.borrow_mut().join(committed);
        // Before the session is attached, the notices wait in the queue.
        let drain = self.inner.drain.borrow().clone();
        if let Some(drain) = drain {
            drain();
        }
    }

    /// Applies the queued notices once nothing of this tab waits to be saved; one run at a time.
    fn drain(&self) {
        if self.inner.draining.replace(true) {
            return;
        }
        let this = self.clone();
        spawn_local(async move {
            loop {
                let session = this.inner.session.borrow().clone();
                let Some(session) = session else { break };
                if this.inner.queued.borrow().is_empty() {
                    break;
                }
                if saving::any_unsaved() {
                    TimeoutFuture::new(RETRY_MS).await;
                    continue;
                }
                let batch = std::mem::take(&mut *this.inner.queued.borrow_mut());
                match session.read_committed(&batch).await {
                    // A change may have been typed while reading: then wait and read again.
                    Ok(_) if saving::any_unsaved() => this.inner.queued.borrow_mut().join(&batch),
                    Ok(fragment) => {
                        session.absorb(&fragment);
                        this.inner.absorbed.set(this.inner.absorbed.get() + 1);
                        if this.inner.failed.get_untracked().is_some() {
                            this.inner.failed.set(None);
                        }
                    }
                    // Keep the notice for the next one (or the reload), and say so.
                    Err(error) => {
                        logging::error!("could not read another tab's changes: {error:?}");
                        this.inner.queued.borrow_mut().join(&batch);
                        this.inner.failed.set(Some(error));
                        break;
                    }
                }
            }
            this.inner.draining.set(false);
        });
    }
}
