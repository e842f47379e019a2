//! A small W3C WebDriver client for ChromeDriver and geckodriver: the standard commands the tests
//! use, plus Chromium's DevTools passthrough (`goog/cdp/execute`, Chromium only) for network
//! conditions, device metrics and the console log.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::http;

/// The W3C key for an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long `wait_*` helpers wait by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(20);

/// A WebDriver error, with the driver's own words.
#[derive(Debug)]
pub struct WebDriverError(pub String);

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WebDriverError {}

/// The result of a WebDriver command.
pub type WdResult<T> = Result<T, WebDriverError>;

/// Special keys for [`Session::press`] (W3C WebDriver code points).
pub mod keys {
    /// Tab.
    pub const TAB: &str = "\u{E004}";
    /// Enter.
    pub const ENTER: &str = "\u{E007}";
    /// Escape.
    pub const ESCAPE: &str = "\u{E00C}";
    /// Space.
    pub const SPACE: &str = "\u{E00D}";
    /// Arrow right.
    pub const RIGHT: &str = "\u{E014}";
    /// Shift (held with [`Session::chord`]).
    pub const SHIFT: &str = "\u{E008}";
}

/// A browser session.
pub struct Session {
    port: u16,
    id: String,
}

/// An element of the page.
#[derive(Clone, Debug)]
pub struct Element {
    id: String,
}

impl Session {
    /// Creates a session on the WebDriver server (ChromeDriver or geckodriver) listening on
    /// `port`.
    pub fn create(port: u16, capabilities: Value) -> WdResult<Session> {
        let value = command(
            port,
            "POST",
            "/session",
            Some(&json!({ "capabilities": { "alwaysMatch": capabilities } })),
        )?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| WebDriverError(format!("no session id in {value}")))?
            .to_owned();
        Ok(Session { port, id })
    }

    fn cmd(&self, method: &str, path: &str, body: Option<&Value>) -> WdResult<Value> {
        command(
            self.port,
            method,
            &format!("/session/{}{path}", self.id),
            body,
        )
    }

    /// Lets scripts run up to `script` and page loads up to `page_load` (the benchmarks run
    /// imports of minutes inside one asynchronous script).
    pub fn set_timeouts(&self, script: Duration, page_load: Duration) -> WdResult<()> {
        self.cmd(
            "POST",
            "/timeouts",
            Some(&json!({
                "script": script.as_millis() as u64,
                "pageLoad": page_load.as_millis() as u64,
            })),
        )
        .map(drop)
    }

    /// Sets the window's size in CSS pixels.
    pub fn set_window_size(&self, width: u32, height: u32) -> WdResult<()> {
        self.cmd(
            "POST",
            "/window/rect",
            Some(&json!({ "width": width, "height": height })),
        )
        .map(drop)
    }

    /// Navigates to `url` and waits for the load event.
    pub fn goto(&self, url: &str) -> WdResult<()> {
        self.cmd("POST", "/url", Some(&json!({ "url": url })))
            .map(drop)
    }

    /// Reloads the page.
    pub fn refresh(&self) -> WdResult<()> {
        self.cmd("POST", "/refresh", Some(&json!({}))).map(drop)
    }

    /// Reloads the page as a person pressing F5 does (`location.reload()`), and waits until the
    /// new page has loaded.
    ///
    /// In Firefox, WebDriver's refresh ([`Session::refresh`]) reloads past the service worker,
    /// as Ctrl+Shift+R does: the page comes from the network and no worker controls it. This
    /// reload goes through the worker, in both browsers.
    pub fn reload(&self) -> WdResult<()> {
        self.execute(
            "window.__pkmBeforeReload = true; setTimeout(() => location.reload(), 0);",
            vec![],
        )?;
        let mut last_error = String::new();
        let result = self.wait_until(DEFAULT_WAIT, "the reloaded page", || {
            match self.execute(
                "return window.__pkmBeforeReload === undefined && document.readyState === 'complete';",
                vec![],
            ) {
                Ok(loaded) => Ok((loaded == Value::Bool(true)).then_some(())),
                // The old page went away while the script ran: look again.
                Err(error) => {
                    last_error = error.0;
                    Ok(None)
                }
            }
        });
        result.map_err(|error| WebDriverError(format!("{error} (last error: {last_error})")))
    }

    /// The handle of the current window or tab.
    pub fn window_handle(&self) -> WdResult<String> {
        Ok(self
            .cmd("GET", "/window", None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Opens a new tab in the same browser (and profile) and returns its handle; the commands
    /// that follow still go to the current one until [`Session::switch_to`].
    pub fn new_tab(&self) -> WdResult<String> {
        let value = self.cmd("POST", "/window/new", Some(&json!({ "type": "tab" })))?;
        value["handle"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| WebDriverError(format!("no window handle in {value}")))
    }

    /// Sends the commands that follow to the window or tab `handle`.
    pub fn switch_to(&self, handle: &str) -> WdResult<()> {
        self.cmd("POST", "/window", Some(&json!({ "handle": handle })))
            .map(drop)
    }

    /// The current URL.
    pub fn current_url(&self) -> WdResult<String> {
        Ok(self
            .cmd("GET", "/url", None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> WdResult<Value> {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(&json!({ "script": script, "args": args })),
        )
    }

    /// Runs an async script: it must call `arguments[arguments.length - 1](result)`.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> WdResult<Value> {
        self.cmd(
            "POST",
            "/execute/async",
            Some(&json!({ "script": script, "args": args })),
        )
    }

    /// The first element matching the CSS `selector`, if any.
    pub fn find(&self, selector: &str) -> WdResult<Option<Element>> {
        match self.cmd(
            "POST",
            "/element",
            Some(&json!({ "using": "css selector", "value": selector })),
        ) {
            Ok(value) => Ok(Some(Element::from_value(&value)?)),
            Err(error) if error.0.contains("no such element") => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Every element matching the CSS `selector`.
    pub fn find_all(&self, selector: &str) -> WdResult<Vec<Element>> {
        let value = self.cmd(
            "POST",
            "/elements",
            Some(&json!({ "using": "css selector", "value": selector })),
        )?;
        value
            .as_array()
            .map(|items| items.iter().map(Element::from_value).collect())
            .unwrap_or_else(|| Ok(Vec::new()))
    }

    /// Waits until an element matches `selector`.
    pub fn wait_for(&self, selector: &str) -> WdResult<Element> {
        let found = self.wait_until(DEFAULT_WAIT, &format!("an element {selector}"), || {
            self.find(selector)
        })?;
        Ok(found)
    }

    /// Waits until the text of `selector` equals `expected`.
    pub fn wait_for_text(&self, selector: &str, expected: &str) -> WdResult<Element> {
        let mut last = String::new();
        let result = self.wait_until(
            DEFAULT_WAIT,
            &format!("{selector} to read {expected:?}"),
            || {
                let Some(element) = self.find(selector)? else {
                    return Ok(None);
                };
                match self.text(&element) {
                    Ok(text) if text == expected => Ok(Some(element)),
                    Ok(text) => {
                        last = text;
                        Ok(None)
                    }
                    // The element was replaced between find and read.
                    Err(error) if error.0.contains("stale element") => Ok(None),
                    Err(error) => Err(error),
                }
            },
        );
        result.map_err(|error| WebDriverError(format!("{error} (last text: {last:?})")))
    }

    /// Waits until `selector`'s attribute `name` equals `expected`.
    pub fn wait_for_attribute(
        &self,
        selector: &str,
        name: &str,
        expected: &str,
    ) -> WdResult<Element> {
        self.wait_until(
            DEFAULT_WAIT,
            &format!("{selector}[{name}={expected:?}]"),
            || {
                let Some(element) = self.find(selector)? else {
                    return Ok(None);
                };
                match self.attribute(&element, name) {
                    Ok(Some(value)) if value == expected => Ok(Some(element)),
                    Ok(_) => Ok(None),
                    Err(error) if error.0.contains("stale element") => Ok(None),
                    Err(error) => Err(error),
                }
            },
        )
    }

    /// Polls `probe` every 50 ms until it yields a value or `timeout` passes.
    pub fn wait_until<T>(
        &self,
        timeout: Duration,
        what: &str,
        mut probe: impl FnMut() -> WdResult<Option<T>>,
    ) -> WdResult<T> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(value) = probe()? {
                return Ok(value);
            }
            if Instant::now() > deadline {
                return Err(WebDriverError(format!(
                    "timed out after {timeout:?} waiting for {what}"
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The rendered text of `element`.
    pub fn text(&self, element: &Element) -> WdResult<String> {
        Ok(self
            .cmd("GET", &format!("/element/{}/text", element.id), None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// An attribute of `element`.
    pub fn attribute(&self, element: &Element, name: &str) -> WdResult<Option<String>> {
        Ok(self
            .cmd(
                "GET",
                &format!("/element/{}/attribute/{name}", element.id),
                None,
            )?
            .as_str()
            .map(str::to_owned))
    }

    /// A DOM property of `element` (such as an input's `value`).
    pub fn property(&self, element: &Element, name: &str) -> WdResult<Value> {
        self.cmd(
            "GET",
            &format!("/element/{}/property/{name}", element.id),
            None,
        )
    }

    /// Clicks `element`.
    pub fn click(&self, element: &Element) -> WdResult<()> {
        self.cmd(
            "POST",
            &format!("/element/{}/click", element.id),
            Some(&json!({})),
        )
        .map(drop)
    }

    /// Types `text` into `element` (focusing it first), as keystrokes.
    pub fn send_keys(&self, element: &Element, text: &str) -> WdResult<()> {
        self.cmd(
            "POST",
            &format!("/element/{}/value", element.id),
            Some(&json!({ "text": text })),
        )
        .map(drop)
    }

    /// Presses keys on the keyboard as a person would (W3C actions): each item is one key,
    /// such as [`keys::TAB`] or a character.
    pub fn press(&self, keys: &[&str]) -> WdResult<()> {
        let mut actions = Vec::new();
        for key in keys {
            actions.push(json!({ "type": "keyDown", "value": key }));
            actions.push(json!({ "type": "keyUp", "value": key }));
        }
        self.cmd(
            "POST",
            "/actions",
            Some(&json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        )
        .map(drop)
    }

    /// Presses keys together (W3C actions), such as Shift+Tab: each goes down in order, then
    /// all come up in reverse.
    pub fn chord(&self, keys: &[&str]) -> WdResult<()> {
        let down = keys
            .iter()
            .map(|key| json!({ "type": "keyDown", "value": key }));
        let up = keys
            .iter()
            .rev()
            .map(|key| json!({ "type": "keyUp", "value": key }));
        let actions: Vec<Value> = down.chain(up).collect();
        self.cmd(
            "POST",
            "/actions",
            Some(&json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        )
        .map(drop)
    }

    /// Empties an input.
    pub fn clear(&self, element: &Element) -> WdResult<()> {
        self.cmd(
            "POST",
            &format!("/element/{}/clear", element.id),
            Some(&json!({})),
        )
        .map(drop)
    }

    /// A PNG screenshot of the viewport.
    pub fn screenshot(&self) -> WdResult<Vec<u8>> {
        let encoded = self.cmd("GET", "/screenshot", None)?;
        decode_base64(encoded.as_str().unwrap_or_default())
    }

    /// Runs a Chrome DevTools Protocol command on the page (Chromium only).
    pub fn cdp(&self, command_name: &str, params: Value) -> WdResult<Value> {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(&json!({ "cmd": command_name, "params": params })),
        )
    }

    /// Switches the page's network off (or back on), as ChromeDriver's network conditions do
    /// (Chromium only: in Firefox, stop or unplug the server instead).
    pub fn set_offline(&self, offline: bool) -> WdResult<()> {
        self.cdp("Network.enable", json!({}))?;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": offline,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            }),
        )
        .map(drop)
    }

    /// The console messages logged since the last call (ChromeDriver's `browser` log: level,
    /// message, timestamp; Chromium only).
    pub fn browser_log(&self) -> WdResult<Vec<Value>> {
        let entries = self.cmd("POST", "/se/log", Some(&json!({ "type": "browser" })))?;
        Ok(entries.as_array().cloned().unwrap_or_default())
    }

    /// Ends the session (and closes the browser).
    pub fn quit(self) -> WdResult<()> {
        command(self.port, "DELETE", &format!("/session/{}", self.id), None).map(drop)
    }
}

impl Element {
    fn from_value(value: &Value) -> WdResult<Element> {
        value[ELEMENT_KEY]
            .as_str()
            .map(|id| Element { id: id.to_owned() })
            .ok_or_else(|| WebDriverError(format!("not an element: {value}")))
    }

    /// The element as a script argument.
    pub fn as_arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }
}

/// Sends a command and unwraps the W3C `{"value": ...}` envelope.
pub fn command(port: u16, method: &str, path: &str, body: Option<&Value>) -> WdResult<Value> {
    let response = http::request(port, method, path, body, Duration::from_secs(120))
        .map_err(|error| WebDriverError(format!("{method} {path}: {error}")))?;
    let value: Value = serde_json::from_slice(&response.body).map_err(|error| {
        WebDriverError(format!(
            "{method} {path}: not JSON ({error}): {}",
            String::from_utf8_lossy(&response.body)
        ))
    })?;
    let inner = value.get("value").cloned().unwrap_or(Value::Null);
    if response.status >= 400 || inner.get("error").is_some() {
        return Err(WebDriverError(format!(
            "{method} {path}: {} {}",
            inner["error"].as_str().unwrap_or("error"),
            inner["message"].as_str().unwrap_or_default()
        )));
    }
    Ok(inner)
}

/// Decodes standard base64 (screenshots come base64-encoded).
pub fn decode_base64(text: &str) -> WdResult<Vec<u8>> {
    fn sextet(byte: u8) -> Option<u32> {
        match byte {
            b'A'..=b'Z' => Some(u32::from(byte - b'A')),
            b'a'..=b'z' => Some(u32::from(byte - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(byte - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let clean: Vec<u8> = text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut buffer = 0u32;
        for (i, byte) in chunk.iter().enumerate() {
            let value =
                sextet(*byte).ok_or_else(|| WebDriverError("bad base64 in screenshot".into()))?;
            buffer |= value << (18 - 6 * i);
        }
        let bytes = buffer.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::decode_base64;

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64("aGVsbG8=").expect("valid"), b"hello");
        assert_eq!(decode_base64("aGVsbG8h").expect("valid"), b"hello!");
        assert_eq!(decode_base64("aA==").expect("valid"), b"h");
    }
}
