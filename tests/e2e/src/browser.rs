//! ChromeDriver and Debian's Chromium: start, stop, restart with the same profile.
//!
//! Chromium runs headless with a fresh profile folder per [`Browser`], and with the flags this
//! machine needs (root: `--no-sandbox`; closed network: no background connections).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::webdriver::Session;

static NEXT_PROFILE: AtomicU32 = AtomicU32::new(0);

/// The download folder inside the profile folder.
const DOWNLOADS: &str = "downloads";

/// A ChromeDriver process; killed on drop.
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    fn start() -> ChromeDriver {
        let binary =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = free_port();
        let log = crate::artefact_dir().join(format!("chromedriver-{port}.log"));
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!("cannot start {binary} ({error}): run scripts/test.sh, which installs it")
            });
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(status) = crate::webdriver::command(port, "GET", "/status", None)
                && status["ready"].as_bool() == Some(true)
            {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "ChromeDriver did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        ChromeDriver { child, port }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless Chromium with its own profile folder, driven through WebDriver.
pub struct Browser {
    driver: ChromeDriver,
    session: Option<Session>,
    profile: PathBuf,
    extra_args: Vec<String>,
}

impl Browser {
    /// Starts Chromium with a new, empty profile.
    pub fn launch() -> Browser {
        Browser::launch_with_args(&[])
    }

    /// Starts Chromium with a new, empty profile and these command-line switches added to the
    /// usual ones (such as `--log-net-log=FILE`); restarts keep them.
    pub fn launch_with_args(extra_args: &[String]) -> Browser {
        let profile = std::env::temp_dir().join(format!(
            "pkm-e2e-{}-{}",
            std::process::id(),
            NEXT_PROFILE.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).expect("a profile folder can be created");
        let driver = ChromeDriver::start();
        let session = new_session(driver.port, &profile, extra_args);
        std::fs::create_dir_all(profile.join(DOWNLOADS)).expect("a download folder");
        Browser {
            driver,
            session: Some(session),
            profile,
            extra_args: extra_args.to_vec(),
        }
    }

    /// The WebDriver session.
    pub fn session(&self) -> &Session {
        self.session.as_ref().expect("the browser is running")
    }

    /// The profile folder (IndexedDB, service worker and caches live there).
    pub fn profile(&self) -> &Path {
        &self.profile
    }

    /// The folder downloads go to.
    pub fn download_dir(&self) -> PathBuf {
        self.profile.join(DOWNLOADS)
    }

    /// Waits until a download whose name satisfies `wanted` finished after `since` (a file of
    /// the same name may be replaced, so the time tells the new one).
    pub fn wait_for_download_since(
        &self,
        since: std::time::SystemTime,
        wanted: impl Fn(&str) -> bool,
    ) -> PathBuf {
        self.wait_for_download(|name| {
            wanted(name)
                && std::fs::metadata(self.download_dir().join(name))
                    .and_then(|meta| meta.modified())
                    .is_ok_and(|modified| modified >= since)
        })
    }

    /// Waits until a finished download whose name satisfies `wanted` is in the download folder.
    ///
    /// Chromium reserves the final name with an empty placeholder while the bytes still go to a
    /// `.crdownload` file, so a file counts as finished only when no `.crdownload` is left in the
    /// folder, it is not empty, and its size held still between two looks.
    pub fn wait_for_download(&self, wanted: impl Fn(&str) -> bool) -> PathBuf {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last_seen: Option<(PathBuf, u64)> = None;
        loop {
            let paths: Vec<PathBuf> = std::fs::read_dir(self.download_dir())
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path())
                .collect();
            let name_of = |path: &PathBuf| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let in_progress = paths.iter().any(|p| name_of(p).ends_with(".crdownload"));
            let found = paths
                .iter()
                .find(|path| {
                    let name = name_of(path);
                    !name.ends_with(".crdownload") && wanted(&name)
                })
                .cloned();
            let size = found
                .as_ref()
                .and_then(|path| std::fs::metadata(path).ok())
                .map_or(0, |meta| meta.len());
            match found {
                Some(path) if !in_progress && size > 0 => {
                    if last_seen.as_ref() == Some(&(path.clone(), size)) {
                        return path;
                    }
                    last_seen = Some((path, size));
                }
                _ => last_seen = None,
            }
            assert!(
                Instant::now() < deadline,
                "no finished download arrived in {:?}",
                self.download_dir()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The processes other than ChromeDriver that have a file of this browser's profile open:
    /// after a kill, any left running (such as one started after the list of a
    /// [`crate::processes::ReadyKill`] was made, and no longer below ChromeDriver once its
    /// parent died).
    pub fn profile_holders(&self) -> std::collections::BTreeSet<u32> {
        let mut pids = crate::processes::holding(&self.profile);
        pids.remove(&self.driver.child.id());
        pids
    }

    /// A handle that can kill this browser's processes from another thread.
    pub fn killer(&self) -> Killer {
        Killer {
            driver_pid: self.driver.child.id(),
        }
    }

    /// Kills every Chromium process of this browser with SIGKILL (no shutdown, no flush) and
    /// forgets the session, which died with them. Returns how many processes were killed.
    pub fn kill(&mut self) -> usize {
        let killed = self.killer().kill();
        self.session = None;
        killed
    }

    /// Starts Chromium again on the same profile after [`Browser::kill`] (or a kill through a
    /// [`Killer`]), as a person reopening the browser after a crash.
    pub fn start_after_crash(&mut self) {
        self.session = None;
        self.session = Some(new_session(
            self.driver.port,
            &self.profile,
            &self.extra_args,
        ));
    }

    /// Closes Chromium and starts it again on the same profile, as after a reboot.
    pub fn restart(&mut self) {
        self.close();
        self.reopen();
    }

    /// Closes Chromium as a person would (the profile stays, for [`Browser::reopen`]).
    pub fn close(&mut self) {
        if let Some(session) = self.session.take() {
            session.quit().expect("the browser closes");
        }
        // Give Chromium a moment to release its profile lock.
        std::thread::sleep(Duration::from_millis(500));
    }

    /// Starts Chromium again on the same profile after [`Browser::close`].
    pub fn reopen(&mut self) {
        self.session = Some(new_session(
            self.driver.port,
            &self.profile,
            &self.extra_args,
        ));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            let _ = session.quit();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Kills a browser's processes; can be sent to another thread.
#[derive(Clone, Copy, Debug)]
pub struct Killer {
    driver_pid: u32,
}

impl Killer {
    /// Sends SIGKILL to every process ChromeDriver started (Chromium and all its children) and
    /// waits until they are gone; returns how many there were.
    pub fn kill(&self) -> usize {
        crate::processes::kill_tree(self.driver_pid)
    }

    /// The browser's running processes now, for a kill made ready beforehand
    /// ([`crate::processes::ReadyKill`]).
    pub fn processes(&self) -> std::collections::BTreeSet<u32> {
        crate::processes::descendants(self.driver_pid)
    }
}

fn new_session(port: u16, profile: &Path, extra_args: &[String]) -> Session {
    let binary = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--window-size=1280,900",
        // As on the officers' laptops: Vietnamese dates (dd/mm/yyyy) in date inputs.
        "--lang=vi",
    ]
    .map(str::to_owned)
    .to_vec();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra_args.iter().cloned());
    let capabilities: Value = json!({
        "browserName": "chrome",
        // The console, readable through `Session::browser_log` (CSP violations are reported there).
        "goog:loggingPrefs": { "browser": "ALL" },
        "goog:chromeOptions": {
            "binary": binary,
            "args": args,
            "prefs": {
                "download.default_directory": profile.join(DOWNLOADS).display().to_string(),
                "download.prompt_for_download": false,
                "intl.accept_languages": "vi-VN,vi",
                // A person answers "allow" once to the several-downloads question.
                "profile.default_content_setting_values.automatic_downloads": 1,
            },
        },
    });
    let session =
        Session::create(port, capabilities).expect("ChromeDriver starts a Chromium session");
    // Headless Chromium saves downloads only when told where.
    session
        .cdp(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": profile.join(DOWNLOADS).display().to_string() }),
        )
        .expect("downloads are allowed");
    session
}

fn free_port() -> u16 {
    crate::free_port()
}
