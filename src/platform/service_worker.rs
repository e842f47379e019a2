//! Registration of `sw.js` and the "a new version is ready" hand-over.
//!
//! The service worker (`public/sw.js`) precaches the app shell on install. A new build installs
//! beside the running one and waits; this module notices the waiting worker and reports it, and
//! [`activate_update`] lets it take over once the person agreed, then reloads the page.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The script's URL, at the root so its scope is the whole app.
pub const SCRIPT_URL: &str = "/sw.js";

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    Some(navigator.service_worker())
}

/// Registers the service worker and calls `on_update_ready` whenever a newer version has
/// installed and waits. Does nothing where service workers are unavailable (such as plain
/// `http://` on another host).
pub async fn register(on_update_ready: impl Fn() + 'static) -> Result<(), String> {
    let Some(container) = container() else {
        return Err("service workers are unavailable".into());
    };
    let registration: ServiceWorkerRegistration = JsFuture::from(container.register(SCRIPT_URL))
        .await
        .map_err(|error| format!("{error:?}"))?
        .unchecked_into();
    let on_update_ready: Rc<dyn Fn()> = Rc::new(on_update_ready);
    // A worker that installed during an earlier visit may already be waiting.
    if registration.waiting().is_some() && container.controller().is_some() {
        on_update_ready();
    }
    let watched = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        let Some(worker) = watched.installing() else {
            return;
        };
        watch_installing(worker, on_update_ready.clone());
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    Ok(())
}

fn watch_installing(worker: ServiceWorker, on_update_ready: Rc<dyn Fn()>) {
    let watched = worker.clone();
    let on_state_change = Closure::<dyn Fn()>::new(move || {
        let controlled = container().and_then(|c| c.controller()).is_some();
        // Without a controller this is the first install, not an update.
        if watched.state() == ServiceWorkerState::Installed && controlled {
            on_update_ready();
        }
    });
    worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
    on_state_change.forget();
}

/// Lets the waiting worker take over, and reloads the page once it controls it.
///
/// Call this only after every pending save was flushed: the reload discards the page.
pub async fn activate_update() -> Result<(), String> {
    let container = container().ok_or("service workers are unavailable")?;
    let registration: ServiceWorkerRegistration =
        JsFuture::from(container.ready().map_err(|e| format!("{e:?}"))?)
            .await
            .map_err(|error| format!("{error:?}"))?
            .unchecked_into();
    let Some(waiting) = registration.waiting() else {
        return Err("no new version is waiting".into());
    };
    let reloaded = Rc::new(Cell::new(false));
    let on_controller_change = Closure::<dyn Fn()>::new(move || {
        if !reloaded.replace(true) {
            super::page::reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();
    let message = js_sys::Object::new();
    js_sys::Reflect::set(
        &message,
        &JsValue::from_str("type"),
        &JsValue::from_str("PKM_ACTIVATE_UPDATE"),
    )
    .map_err(|error| format!("{error:?}"))?;
    waiting
        .post_message(&message)
        .map_err(|error| format!("{error:?}"))
}
