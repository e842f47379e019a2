//! The launcher of the release (`launcher/linux-x86_64/phuong-kieu-mau`), as a laptop that is
//! never online runs it: it serves the app it carries with the hosted release's headers, a
//! second copy and a foreign program on its port are named clearly, and the ward's work done
//! through it is still there after the launcher and the browser are both stopped and started
//! again on the same profile (the fixed origin), while another port (another origin) has none.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pkm_e2e::browser::Browser;
use pkm_e2e::http::fetch;
use pkm_e2e::{app, free_port, release_dir, ward};

use crate::{IMMUTABLE, assert_security_headers, main_wasm, meta_policy, site_file};

fn linux_binary() -> PathBuf {
    release_dir().join("launcher/linux-x86_64/phuong-kieu-mau")
}

/// A running launcher; killed when dropped (as when its window is closed).
struct Launcher {
    child: Option<Child>,
    port: u16,
    output: Arc<Mutex<String>>,
}

impl Launcher {
    /// Starts the release's launcher on `port`, without a browser, and waits until it says where
    /// it serves.
    fn start(port: u16) -> Launcher {
        let mut child = Command::new(linux_binary())
            .args(["--no-browser", "--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the launcher starts");
        let output = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let mut output = output.lock().expect("output lock");
                    output.push_str(&line);
                    output.push('\n');
                }
            });
        }
        let launcher = Launcher {
            child: Some(child),
            port,
            output,
        };
        let url = launcher.url("/");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !launcher
            .output()
            .contains(&format!("The app is running at: {url}"))
        {
            assert!(
                Instant::now() < deadline,
                "the launcher did not say it serves {url}: {}",
                launcher.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        launcher
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn output(&self) -> String {
        self.output.lock().expect("output lock").clone()
    }

    /// Kills it and waits until it is gone.
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Launcher {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The version `VERSION` names (`phuong-kieu-mau <version>` on its first line).
fn release_version() -> String {
    let text = std::fs::read_to_string(release_dir().join("VERSION")).unwrap();
    text.lines()
        .next()
        .and_then(|line| line.strip_prefix("phuong-kieu-mau "))
        .expect("VERSION starts with the version")
        .to_owned()
}

#[test]
fn the_launcher_serves_the_app_and_its_data_survives_restarting_it_and_the_browser() {
    let release = release_dir();
    let port = free_port();
    let mut launcher = Launcher::start(port);
    let url = launcher.url("/");
    let said = launcher.output();
    assert!(
        said.contains(&format!("Ứng dụng đang chạy tại: {url}"))
            && said.contains(&format!("Phường Kiểu Mẫu {}", release_version()))
            && !said.contains("không mang ứng dụng"),
        "{said}"
    );

    // The hosted release's headers.
    let policy = meta_policy(&release);
    let shell = fetch(port, "GET", "/phuong", &[]).unwrap();
    assert_eq!(shell.status, 200);
    assert_eq!(shell.header("Cache-Control"), Some("no-cache"));
    assert_eq!(
        shell.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_security_headers(&shell, &policy, "/phuong");
    let sw = fetch(port, "GET", "/sw.js", &[]).unwrap();
    assert_eq!(sw.header("Cache-Control"), Some("no-cache"));
    let wasm = main_wasm(&release);
    let module = fetch(port, "GET", &wasm, &[]).unwrap();
    assert_eq!(module.header("Content-Type"), Some("application/wasm"));
    assert_eq!(module.header("Cache-Control"), Some(IMMUTABLE));
    assert_eq!(
        module.body,
        std::fs::read(site_file(&release, &wasm)).unwrap()
    );
    assert_security_headers(&module, &policy, &wasm);

    // A second copy on the same port says the first one is running, and leaves it serving.
    let second = Command::new(linux_binary())
        .args(["--no-browser", "--port", &port.to_string()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let second_said = String::from_utf8_lossy(&second.stdout);
    assert!(second.status.success(), "{second:?}");
    assert!(
        second_said.contains(&format!("Phường Kiểu Mẫu đã đang chạy tại {url}"))
            && second_said.contains(&format!("already running at {url}")),
        "{second_said}"
    );
    assert_eq!(fetch(port, "HEAD", "/", &[]).unwrap().status, 200);

    // Work in the ward's workspace.
    let mut browser = Browser::launch();
    {
        let s = browser.session();
        s.goto(&launcher.url("/phuong")).unwrap();
        ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
        ward::start_assessment(s, false).unwrap();
        ward::set_status(s, "C05", "expected").unwrap();
        ward::type_note(s, "C05", "Làm trên máy không nối mạng").unwrap();
        ward::add_evidence(
            s,
            "C05",
            "05/KH-CAP",
            "20/03/2026",
            "Công an phường",
            "Kế hoạch tuần tra",
        )
        .unwrap();
        ward::wait_all_saved(s).unwrap();
        app::wait_until_offline_ready(s).unwrap();
    }

    // Stop both, as at the end of the day; then start both again on the same profile.
    browser.close();
    launcher.stop();
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the launcher is stopped"
    );
    let launcher = Launcher::start(port);
    browser.reopen();
    let s = browser.session();
    s.goto(&launcher.url("/phuong")).unwrap();
    s.wait_until(Duration::from_secs(30), "the ward line", || {
        let Some(line) = s.find("[data-testid=ward-unit]")? else {
            return Ok(None);
        };
        Ok(s.text(&line)?
            .starts_with(ward::HUNG_DUNG.ward)
            .then_some(()))
    })
    .unwrap();
    s.wait_for_attribute("[data-testid=criterion-C05]", "data-status", "expected")
        .unwrap();
    assert_eq!(
        app::input_value(s, "note-C05").unwrap(),
        "Làm trên máy không nối mạng"
    );
    let evidence = s
        .wait_for("[data-testid=criterion-C05] input[id$='-number']")
        .unwrap();
    assert_eq!(s.property(&evidence, "value").unwrap(), "05/KH-CAP");
    // The page reaches the new launcher (sw.js is never served from the service worker's cache).
    let server = s
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('/sw.js', { cache: 'no-store' })
               .then(r => done(r.headers.get('server')), e => done(String(e)));",
            vec![],
        )
        .unwrap();
    assert!(
        server
            .as_str()
            .is_some_and(|name| name.starts_with("phuong-kieu-mau/")),
        "{server}"
    );

    // Another port is another origin: the browser keeps no data there (docs/deploy.md).
    let other = Launcher::start(free_port());
    s.goto(&other.url("/phuong")).unwrap();
    s.wait_for_text(app::PAGE_TITLE, "Bắt đầu: khai báo đơn vị")
        .unwrap();
}

#[test]
fn another_program_on_the_port_is_named_clearly() {
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    // Some other web server: it answers, but not as the launcher does.
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for mut stream in listener.incoming().flatten() {
            let mut request = [0; 1024];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    let output = Command::new(linux_binary())
        .args(["--no-browser", "--port", &port.to_string()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        said.contains(&format!("cổng {port} đang bị một chương trình khác dùng"))
            && said.contains(&format!("port {port} is used by another program")),
        "{said}"
    );
}

#[test]
fn both_launchers_carry_this_release_and_report_its_version() {
    let release = release_dir();
    let index = std::fs::read(site_file(&release, "/index.html")).unwrap();
    let sw = std::fs::read(site_file(&release, "/sw.js")).unwrap();
    for binary in [
        "launcher/linux-x86_64/phuong-kieu-mau",
        "launcher/windows-x86_64/phuong-kieu-mau.exe",
    ] {
        let bytes = std::fs::read(release.join(binary)).unwrap();
        for (name, file) in [("index.html", &index), ("sw.js", &sw)] {
            assert!(
                bytes.windows(file.len()).any(|window| window == &file[..]),
                "{binary} carries this release's {name}"
            );
        }
    }
    let windows =
        std::fs::read(release.join("launcher/windows-x86_64/phuong-kieu-mau.exe")).unwrap();
    assert_eq!(&windows[..2], b"MZ", "a Windows program");
    let version = Command::new(linux_binary())
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("phuong-kieu-mau {}", release_version())
    );
}
