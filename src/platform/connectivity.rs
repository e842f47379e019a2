//! Whether the browser believes it is online (`navigator.onLine` and its events).

use leptos::prelude::*;

/// A signal that follows `navigator.onLine`; the listeners live as long as the calling owner.
pub fn use_online() -> ReadSignal<bool> {
    let initial = web_sys::window().is_none_or(|window| window.navigator().on_line());
    let (online, set_online) = signal(initial);
    let on = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online
}
