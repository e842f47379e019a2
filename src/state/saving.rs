//! Autosave: debounced writes with a visible status that says "Đã lưu" only after commit.
//!
//! An [`Autosave`] holds the latest unsaved value of one thing (a form, a criterion entry). Each
//! change restarts a short timer; when it fires, or when the page is hidden or closed, or a field
//! loses focus, the value is written through the save function given at creation. Only one
//! write per autosave runs at a time; a change made meanwhile is written right after. A failed
//! write keeps the value pending (and the text on screen) and shows the error. Each committed
//! write is recorded as a `pkm:autosave` performance measure (write start to commit).

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};

use futures::channel::oneshot;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session::SessionError;
use crate::platform::perf;

/// Where a value stands between the keyboard and the disk.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SaveStatus {
    /// Nothing was changed since the page opened.
    #[default]
    Idle,
    /// A change waits for its write ("Đang lưu…").
    Pending,
    /// The write is running ("Đang lưu…").
    Saving,
    /// The last change is committed ("Đã lưu").
    Saved,
    /// The last write failed; the change is kept and retried on the next change or flush.
    Failed(SessionError),
}

impl SaveStatus {
    /// Whether a change has not reached the disk yet.
    pub fn is_unsaved(&self) -> bool {
        matches!(
            self,
            SaveStatus::Pending | SaveStatus::Saving | SaveStatus::Failed(_)
        )
    }
}

type SaveFuture = Pin<Box<dyn Future<Output = Result<(), SessionError>>>>;

/// The default pause after the last keystroke before writing.
pub const DEFAULT_DELAY_MS: u32 = 400;

/// Debounced, serialised saving of one value; clones share the same state.
pub struct Autosave<T: 'static> {
    inner: Rc<Inner<T>>,
}

impl<T> Clone for Autosave<T> {
    fn clone(&self) -> Self {
        Autosave {
            inner: self.inner.clone(),
        }
    }
}

struct Inner<T: 'static> {
    pending: RefCell<Option<T>>,
    timer: RefCell<Option<Timeout>>,
    in_flight: Cell<bool>,
    save: Box<dyn Fn(T) -> SaveFuture>,
    status: RwSignal<SaveStatus>,
    delay_ms: u32,
    waiters: RefCell<Vec<oneshot::Sender<()>>>,
    this: Weak<Inner<T>>,
}

impl<T: Clone + 'static> Autosave<T> {
    /// An autosave that writes with `save` after `delay_ms` of quiet.
    pub fn new<F, Fut, E>(delay_ms: u32, save: F) -> Autosave<T>
    where
        F: Fn(T) -> Fut + 'static,
        Fut: Future<Output = Result<(), E>> + 'static,
        E: Into<SessionError>,
    {
        let inner = Rc::new_cyclic(|this| Inner {
            pending: RefCell::new(None),
            timer: RefCell::new(None),
            in_flight: Cell::new(false),
            save: Box::new(move |value| {
                let write = save(value);
                Box::pin(async move { write.await.map_err(Into::into) })
            }),
            status: RwSignal::new(SaveStatus::Idle),
            delay_ms,
            waiters: RefCell::new(Vec::new()),
            this: this.clone(),
        });
        let registered: Rc<dyn Flushable> = inner.clone();
        REGISTRY.with(|registry| registry.borrow_mut().push(Rc::downgrade(&registered)));
        Autosave { inner }
    }

    /// The status signal, for the save indicator.
    pub fn status(&self) -> RwSignal<SaveStatus> {
        self.inner.status
    }

    /// Records a change; it is written after the quiet delay (or at the next flush).
    pub fn schedule(&self, value: T) {
        *self.inner.pending.borrow_mut() = Some(value);
        self.inner.status.set(SaveStatus::Pending);
        let this = self.inner.this.clone();
        let timer = Timeout::new(self.inner.delay_ms, move || {
            if let Some(inner) = this.upgrade() {
                inner.flush();
            }
        });
        // Replacing the old timer cancels it.
        *self.inner.timer.borrow_mut() = Some(timer);
    }

    /// Writes the pending change now (on blur, before export or reload).
    pub fn flush(&self) {
        self.inner.flush();
    }

    /// Resolves when no write is running or waiting to run.
    pub async fn settled(&self) {
        self.inner.settled().await;
    }
}

trait Flushable {
    fn is_busy(&self) -> bool;
    fn flush(&self);
    fn settled(&self) -> Pin<Box<dyn Future<Output = ()>>>;
}

impl<T: Clone + 'static> Flushable for Inner<T> {
    fn is_busy(&self) -> bool {
        self.in_flight.get() || self.pending.borrow().is_some()
    }

    fn flush(&self) {
        self.timer.borrow_mut().take();
        if self.in_flight.get() {
            // The running write picks the change up when it finishes.
            return;
        }
        let Some(value) = self.pending.borrow_mut().take() else {
            return;
        };
        let Some(this) = self.this.upgrade() else {
            return;
        };
        self.in_flight.set(true);
        self.status.set(SaveStatus::Saving);
        let started = perf::now();
        let write = (self.save)(value.clone());
        spawn_local(async move {
            let result = write.await;
            this.in_flight.set(false);
            match result {
                Ok(()) => {
                    perf::measure_since(perf::AUTOSAVE, started);
                    if this.pending.borrow().is_some() {
                        this.flush();
                        return;
                    }
                    this.status.set(SaveStatus::Saved);
                }
                Err(error) => {
                    let mut pending = this.pending.borrow_mut();
                    if pending.is_none() {
                        *pending = Some(value);
                    }
                    drop(pending);
                    this.status.set(SaveStatus::Failed(error));
                }
            }
            for waiter in this.waiters.borrow_mut().drain(..) {
                let _ = waiter.send(());
            }
        });
    }

    fn settled(&self) -> Pin<Box<dyn Future<Output = ()>>> {
        if !self.in_flight.get() {
            return Box::pin(async {});
        }
        let (sender, receiver) = oneshot::channel();
        self.waiters.borrow_mut().push(sender);
        Box::pin(async move {
            let _ = receiver.await;
        })
    }
}

thread_local! {
    static REGISTRY: RefCell<Vec<Weak<dyn Flushable>>> = const { RefCell::new(Vec::new()) };
}

/// Starts the write of every pending change of every live autosave (tab hidden, page closing).
pub fn flush_all() {
    for autosave in live() {
        autosave.flush();
    }
}

/// Whether any autosave has a change not yet committed.
pub fn any_unsaved() -> bool {
    live().iter().any(|autosave| autosave.is_busy())
}

/// Flushes every autosave and waits until their writes finished (before a reload).
pub async fn flush_all_and_wait() {
    let live = live();
    for autosave in &live {
        autosave.flush();
    }
    for autosave in &live {
        autosave.settled().await;
    }
}

fn live() -> Vec<Rc<dyn Flushable>> {
    REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        registry.retain(|weak| weak.strong_count() > 0);
        registry.iter().filter_map(Weak::upgrade).collect()
    })
}

/// Flushes pending saves when the tab is hidden or the page is being closed. Call once; the
/// listeners live as long as the page.
pub fn flush_on_page_hide() {
    // The handle is dropped on purpose: dropping does not remove a window listener.
    let _ = window_event_listener(leptos::ev::pagehide, |_| flush_all());
    let document = leptos::prelude::document();
    gloo::events::EventListener::new(&document, "visibilitychange", |_| {
        if leptos::prelude::document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush_all();
        }
    })
    .forget();
}
