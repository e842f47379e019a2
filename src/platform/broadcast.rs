//! Messages between the app's tabs of one browser profile: a `BroadcastChannel` carrying JSON
//! text. A tab does not hear its own messages. Where the browser has no `BroadcastChannel`,
//! nothing is sent and nothing arrives (each tab then sees the others' changes after a reload).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The browser's `BroadcastChannel`.
    #[wasm_bindgen(js_name = BroadcastChannel)]
    type JsBroadcastChannel;

    #[wasm_bindgen(constructor, catch, js_class = "BroadcastChannel")]
    fn new(name: &str) -> Result<JsBroadcastChannel, JsValue>;

    #[wasm_bindgen(method, catch, js_class = "BroadcastChannel", js_name = postMessage)]
    fn post_message(this: &JsBroadcastChannel, message: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(method, setter, js_class = "BroadcastChannel", js_name = onmessage)]
    fn set_onmessage(this: &JsBroadcastChannel, handler: Option<&js_sys::Function>);
}

/// The page's message handler, kept alive as long as the channel.
type Handler = Rc<RefCell<Option<Closure<dyn Fn(JsValue)>>>>;

/// One named channel between the tabs, open for the page's lifetime.
#[derive(Clone)]
pub struct Channel {
    inner: Rc<Option<JsBroadcastChannel>>,
    handler: Handler,
}

impl Channel {
    /// Opens the channel `name` (the same name in every tab).
    pub fn open(name: &str) -> Channel {
        Channel {
            inner: Rc::new(JsBroadcastChannel::new(name).ok()),
            handler: Rc::new(RefCell::new(None)),
        }
    }

    /// Whether the browser carries messages between tabs.
    pub fn is_available(&self) -> bool {
        self.inner.is_some()
    }

    /// Sends `text` to the other tabs; a failure only means they learn of it later.
    pub fn send(&self, text: &str) {
        if let Some(channel) = self.inner.as_ref() {
            let _ = channel.post_message(&JsValue::from_str(text));
        }
    }

    /// Calls `on_message` with the text of every message another tab sends.
    pub fn on_message(&self, on_message: impl Fn(String) + 'static) {
        let Some(channel) = self.inner.as_ref() else {
            return;
        };
        let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            let data = js_sys::Reflect::get(&event, &JsValue::from_str("data")).ok();
            if let Some(text) = data.and_then(|data| data.as_string()) {
                on_message(text);
            }
        });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        *self.handler.borrow_mut() = Some(handler);
    }
}
