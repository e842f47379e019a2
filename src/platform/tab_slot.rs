//! Which of the app's open tabs this is: the lowest free "slot" number, held with the Web Locks
//! API (`navigator.locks`) for as long as the page lives. The browser releases a tab's lock when
//! the tab closes or crashes, so slots are reused and stay few. The first tab has slot 0; where
//! the browser has no Web Locks, every tab says 0.

use std::cell::RefCell;

use futures::channel::oneshot;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// How many slots are tried before giving up (and taking slot 0 like a browser without locks).
pub const MAX_SLOTS: u32 = 64;

thread_local! {
    /// The resolvers of the promises that hold this page's lock; never called.
    static HELD: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
}

/// Takes the lowest free slot and holds it until the page goes away.
pub async fn claim() -> u32 {
    let Some(locks) = lock_manager() else {
        return 0;
    };
    for slot in 0..MAX_SLOTS {
        if try_hold(&locks, slot).await == Some(true) {
            return slot;
        }
    }
    0
}

fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// Asks for the lock of `slot` if it is free; `Some(true)` when this page now holds it.
async fn try_hold(locks: &JsValue, slot: u32) -> Option<bool> {
    let request: js_sys::Function = js_sys::Reflect::get(locks, &JsValue::from_str("request"))
        .ok()?
        .dyn_into()
        .ok()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE).ok()?;
    let (granted_tx, granted_rx) = oneshot::channel::<bool>();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let granted = !lock.is_null() && !lock.is_undefined();
        let _ = granted_tx.send(granted);
        if !granted {
            return JsValue::UNDEFINED;
        }
        // The lock is held until this promise settles, which it never does.
        js_sys::Promise::new(&mut |resolve, _reject| {
            HELD.with(|held| held.borrow_mut().push(resolve));
        })
        .into()
    });
    let name = JsValue::from_str(&format!("pkm-tab-slot-{slot}"));
    let pending = request.call3(locks, &name, &options, &callback).ok()?;
    let granted = granted_rx.await.ok()?;
    if !granted {
        // The request settles at once when the lock is taken; wait so nothing dangles.
        let _ = JsFuture::from(js_sys::Promise::from(pending)).await;
    }
    Some(granted)
}
