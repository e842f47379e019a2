//! A static file server for the release build on `127.0.0.1`, like any static host: the files of
//! `dist/`, `index.html` for every other path (the app routes on the client), correct MIME types,
//! and `no-cache` on the service worker and the shell so updates are seen.
//!
//! It can be "unplugged" (every connection is dropped unanswered, as when the network is gone)
//! and its folder can be swapped for a newer build, to test offline start and updates. One file
//! can be held back for a while before it is answered (a module arriving late on a slow line), to
//! see the screen that waits for it.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

/// A running server; it stops when dropped.
pub struct StaticServer {
    port: u16,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    root: RwLock<PathBuf>,
    unplugged: AtomicBool,
    stopping: AtomicBool,
    log: Mutex<Vec<String>>,
    /// A file name whose requests wait this long before they are answered.
    delayed: Mutex<Option<(String, Duration)>>,
}

impl StaticServer {
    /// Serves `root` on a free port of `127.0.0.1`.
    pub fn start(root: PathBuf) -> StaticServer {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a loopback port is free");
        let port = listener.local_addr().expect("bound").port();
        let shared = Arc::new(Shared {
            root: RwLock::new(root),
            unplugged: AtomicBool::new(false),
            stopping: AtomicBool::new(false),
            log: Mutex::new(Vec::new()),
            delayed: Mutex::new(None),
        });
        let accept_shared = shared.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if accept_shared.unplugged.load(Ordering::SeqCst) {
                    let _ = stream.shutdown(Shutdown::Both);
                    continue;
                }
                let shared = accept_shared.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &shared);
                });
            }
        });
        StaticServer {
            port,
            shared,
            thread: Some(thread),
        }
    }

    /// The origin, such as `http://127.0.0.1:40123`.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin())
    }

    /// Drops every new connection unanswered (`true`), or serves again (`false`).
    pub fn set_unplugged(&self, unplugged: bool) {
        self.shared.unplugged.store(unplugged, Ordering::SeqCst);
    }

    /// Serves another folder from now on (a newer build).
    pub fn set_root(&self, root: PathBuf) {
        *self.shared.root.write().expect("root lock") = root;
    }

    /// Holds every request for a file named `file_name` (the last part of its path) for `by`
    /// before answering it, until [`StaticServer::answer_at_once`].
    pub fn delay(&self, file_name: &str, by: Duration) {
        *self.shared.delayed.lock().expect("delay lock") = Some((file_name.to_owned(), by));
    }

    /// Answers every request at once again.
    pub fn answer_at_once(&self) {
        *self.shared.delayed.lock().expect("delay lock") = None;
    }

    /// The request lines served so far (`GET /sw.js -> 200`).
    pub fn log(&self) -> Vec<String> {
        self.shared.log.lock().expect("log lock").clone()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or("/").to_owned();
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    let delay = shared
        .delayed
        .lock()
        .expect("delay lock")
        .as_ref()
        .filter(|(name, _)| path.rsplit('/').next() == Some(name.as_str()))
        .map(|(_, by)| *by);
    if let Some(by) = delay {
        std::thread::sleep(by);
    }
    let root = shared.root.read().expect("root lock").clone();
    let (status, content_type, body, cache) = match resolve(&root, &path) {
        Some(file) => match std::fs::read(&file) {
            Ok(body) => {
                let name = file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let cache = if name == "sw.js" || name == "index.html" {
                    "no-cache"
                } else {
                    "max-age=31536000, immutable"
                };
                (200, mime(&file), body, cache)
            }
            Err(_) => (404, "text/plain", b"not found".to_vec(), "no-cache"),
        },
        None => (404, "text/plain", b"not found".to_vec(), "no-cache"),
    };
    shared
        .log
        .lock()
        .expect("log lock")
        .push(format!("{method} {path} -> {status}"));
    let mut stream = stream;
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: {cache}\r\nConnection: close\r\n\r\n",
        if status == 200 { "OK" } else { "Not Found" },
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// The file for a URL path: a file of the build, or the shell for app routes.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let candidate = root.join(relative);
    if candidate.is_file() {
        return Some(candidate);
    }
    // Paths without an extension are routes of the single-page app.
    if relative.extension().is_none() {
        return Some(root.join("index.html"));
    }
    None
}

fn mime(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}
