//! The browsers the tests drive: Debian's Chromium through ChromeDriver, or Debian's Firefox ESR
//! through geckodriver; start, stop, restart with the same profile.
//!
//! Each [`Browser`] runs headless with a fresh profile folder, and with what this machine needs
//! (Chromium as root: `--no-sandbox`; closed network: no background connections). Chromium is the
//! default ([`Browser::launch`]); [`Browser::launch_firefox`] starts Firefox with the same
//! profile, download and language settings, so the page helpers of [`crate::app`] and
//! [`crate::ward`] drive either. What only Chromium has (its DevTools commands: network
//! emulation, device metrics, the net log, the console log) stays Chromium-only.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::webdriver::Session;

static NEXT_PROFILE: AtomicU32 = AtomicU32::new(0);

/// The download folder inside the profile folder.
const DOWNLOADS: &str = "downloads";

/// The browser a [`Browser`] drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowserKind {
    /// Debian's `chromium`, through `chromedriver` (`$CHROME_BIN`, `$CHROMEDRIVER`).
    Chromium,
    /// Debian's `firefox-esr`, through `geckodriver` (`$FIREFOX_BIN`, `$GECKODRIVER`).
    Firefox,
}

/// A WebDriver server process (ChromeDriver or geckodriver); killed on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(kind: BrowserKind) -> Driver {
        let port = free_port();
        let (binary, mut command) = match kind {
            BrowserKind::Chromium => {
                let binary = std::env::var("CHROMEDRIVER")
                    .unwrap_or_else(|_| "/usr/bin/chromedriver".into());
                let log = crate::artefact_dir().join(format!("chromedriver-{port}.log"));
                let mut command = Command::new(&binary);
                command
                    .arg(format!("--port={port}"))
                    .arg(format!("--log-path={}", log.display()))
                    .stdout(Stdio::null())
                    .stderr(Stdio::null());
                (binary, command)
            }
            BrowserKind::Firefox => {
                let binary = std::env::var("GECKODRIVER").unwrap_or_else(|_| "geckodriver".into());
                let log = std::fs::File::create(
                    crate::artefact_dir().join(format!("geckodriver-{port}.log")),
                )
                .expect("the geckodriver log can be written");
                let mut command = Command::new(&binary);
                // The profile is given to Firefox in place (`-profile`), so geckodriver cannot
                // choose Marionette's port itself: it is told one (its documented workaround).
                command
                    .args(["--host", "127.0.0.1", "--port", &port.to_string()])
                    .args(["--marionette-port", &free_port().to_string()])
                    .stdout(log.try_clone().expect("the log file"))
                    .stderr(log);
                (binary, command)
            }
        };
        let child = command.spawn().unwrap_or_else(|error| {
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
                "{binary} did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless browser with its own profile folder, driven through WebDriver.
pub struct Browser {
    kind: BrowserKind,
    driver: Driver,
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
        Browser::launch_kind(BrowserKind::Chromium, extra_args)
    }

    /// Starts Firefox ESR with a new, empty profile.
    pub fn launch_firefox() -> Browser {
        Browser::launch_kind(BrowserKind::Firefox, &[])
    }

    /// Starts the browser `kind` with a new, empty profile and these command-line switches added
    /// to the usual ones; restarts keep them.
    pub fn launch_kind(kind: BrowserKind, extra_args: &[String]) -> Browser {
        let profile = std::env::temp_dir().join(format!(
            "pkm-e2e-{}-{}",
            std::process::id(),
            NEXT_PROFILE.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).expect("a profile folder can be created");
        std::fs::create_dir_all(profile.join(DOWNLOADS)).expect("a download folder");
        let driver = Driver::start(kind);
        let session = new_session(kind, driver.port, &profile, extra_args);
        Browser {
            kind,
            driver,
            session: Some(session),
            profile,
            extra_args: extra_args.to_vec(),
        }
    }

    /// Which browser this is.
    pub fn kind(&self) -> BrowserKind {
        self.kind
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
    /// `.crdownload` file, and Firefox does the same with a `.part` file, so a file counts as
    /// finished only when no such partial file is left in the folder, it is not empty, and its
    /// size held still between two looks.
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
            let partial = |name: &str| name.ends_with(".crdownload") || name.ends_with(".part");
            let in_progress = paths.iter().any(|p| partial(&name_of(p)));
            let found = paths
                .iter()
                .find(|path| {
                    let name = name_of(path);
                    !partial(&name) && wanted(&name)
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

    /// The processes other than the WebDriver server that have a file of this browser's profile
    /// open: after a kill, any left running (such as one started after the list of a
    /// [`crate::processes::ReadyKill`] was made, and no longer below the driver once its parent
    /// died).
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

    /// Kills every process of this browser with SIGKILL (no shutdown, no flush) and
    /// forgets the session, which died with them. Returns how many processes were killed.
    pub fn kill(&mut self) -> usize {
        let killed = self.killer().kill();
        self.session = None;
        killed
    }

    /// Starts the browser again on the same profile after [`Browser::kill`] (or a kill through a
    /// [`Killer`]), as a person reopening the browser after a crash.
    pub fn start_after_crash(&mut self) {
        self.session = None;
        self.session = Some(new_session(
            self.kind,
            self.driver.port,
            &self.profile,
            &self.extra_args,
        ));
    }

    /// Closes the browser and starts it again on the same profile, as after a reboot.
    pub fn restart(&mut self) {
        self.close();
        self.reopen();
    }

    /// Closes the browser as a person would (the profile stays, for [`Browser::reopen`]).
    pub fn close(&mut self) {
        if let Some(session) = self.session.take() {
            session.quit().expect("the browser closes");
        }
        // Give the browser a moment to release its profile lock.
        std::thread::sleep(Duration::from_millis(500));
    }

    /// Starts the browser again on the same profile after [`Browser::close`].
    pub fn reopen(&mut self) {
        self.session = Some(new_session(
            self.kind,
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
    /// Sends SIGKILL to every process the driver started (the browser and all its children) and
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

fn new_session(kind: BrowserKind, port: u16, profile: &Path, extra_args: &[String]) -> Session {
    match kind {
        BrowserKind::Chromium => chromium_session(port, profile, extra_args),
        BrowserKind::Firefox => firefox_session(port, profile, extra_args),
    }
}

fn chromium_session(port: u16, profile: &Path, extra_args: &[String]) -> Session {
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

/// A Firefox session on `profile`, used in place, with the settings Chromium gets: headless,
/// Vietnamese first, downloads saved to the profile's download folder without a question.
///
/// The service worker needs a secure context, and Firefox counts `http://127.0.0.1` as one (a
/// loopback address is "potentially trustworthy"), as Chromium does: no preference is needed for
/// it, and the tests check that a worker does control the page.
fn firefox_session(port: u16, profile: &Path, extra_args: &[String]) -> Session {
    let binary = std::env::var("FIREFOX_BIN").unwrap_or_else(|_| "/usr/bin/firefox-esr".into());
    let downloads = profile.join(DOWNLOADS).display().to_string();
    let mut args: Vec<String> = vec!["-headless".into(), "-profile".into()];
    args.push(profile.display().to_string());
    args.extend(extra_args.iter().cloned());
    let capabilities: Value = json!({
        "browserName": "firefox",
        "moz:firefoxOptions": {
            "binary": binary,
            "args": args,
            "prefs": {
                // 2: the folder below, not the desktop or the system's Downloads folder.
                "browser.download.folderList": 2,
                "browser.download.dir": downloads,
                "browser.download.useDownloadDir": true,
                "browser.download.always_ask_before_handling_new_types": false,
                "browser.helperApps.neverAsk.saveToDisk":
                    "application/json,application/octet-stream,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "browser.download.manager.showWhenStarting": false,
                "browser.download.alwaysOpenPanel": false,
                "intl.accept_languages": "vi-VN, vi",
                // A closed network: no update, telemetry or studies connections.
                "app.update.enabled": false,
                "datareporting.policy.dataSubmissionEnabled": false,
                "toolkit.telemetry.enabled": false,
                "app.normandy.enabled": false,
            },
        },
    });
    let session =
        Session::create(port, capabilities).expect("geckodriver starts a Firefox session");
    session
        .set_window_size(1280, 900)
        .expect("the window is sized as Chromium's");
    session
}

fn free_port() -> u16 {
    crate::free_port()
}
