//! `phuong-kieu-mau` (built as `pkm-launcher`, renamed by `scripts/release.sh`): serves the app it
//! carries on `http://127.0.0.1:47815/`, opens the default browser there, and prints the address
//! in Vietnamese and English. A laptop that is never online runs it from a USB stick; the fixed
//! origin keeps the browser's data between runs. The rules of each answer are in the library
//! (`pkm_launcher::Site`); this file owns the socket, the threads and the messages' moments.

use std::io::{BufRead, Cursor, IsTerminal, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::Duration;

use pkm_launcher::{DEFAULT_PORT, SERVER_NAME, Site, text, version};

/// How many requests are answered at once (the browser fetches a few modules in parallel).
const WORKERS: usize = 4;

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
enum Action {
    Serve { port: u16, open_browser: bool },
    Help,
    Version,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Action, String> {
    let mut port = DEFAULT_PORT;
    let mut open_browser = true;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-browser" => open_browser = false,
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                port = value
                    .parse()
                    .ok()
                    .filter(|&port: &u16| port != 0)
                    .ok_or_else(|| format!("--port {value}: not a port number"))?;
            }
            "--help" | "-h" => return Ok(Action::Help),
            "--version" | "-V" => return Ok(Action::Version),
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(Action::Serve { port, open_browser })
}

fn main() -> ExitCode {
    let (port, open_browser) = match parse_args(std::env::args().skip(1)) {
        Ok(Action::Serve { port, open_browser }) => (port, open_browser),
        Ok(Action::Help) => {
            println!("{}", text::usage());
            return ExitCode::SUCCESS;
        }
        Ok(Action::Version) => {
            println!("phuong-kieu-mau {}", version());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("phuong-kieu-mau: {message}");
            return ExitCode::from(64);
        }
    };
    let site = match Site::embedded() {
        Ok(site) => site,
        Err(error) => {
            eprintln!("phuong-kieu-mau: {error}");
            return ExitCode::from(1);
        }
    };
    let url = format!("http://127.0.0.1:{port}/");
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Ok(listener) => listener,
        Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
            return match other_launcher(port) {
                Some(other_version) => {
                    println!("{}", text::already_running(&url, &other_version));
                    if open_browser {
                        open_in_browser(&url);
                    }
                    pause_before_closing();
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("{}", text::port_taken(&url, port));
                    pause_before_closing();
                    ExitCode::from(2)
                }
            };
        }
        Err(error) => {
            eprintln!("{}", text::cannot_listen(&url, &error));
            pause_before_closing();
            return ExitCode::from(2);
        }
    };
    let server = match tiny_http::Server::from_listener(listener, None) {
        Ok(server) => Arc::new(server),
        Err(error) => {
            eprintln!("phuong-kieu-mau: {error}");
            return ExitCode::from(1);
        }
    };
    let site = Arc::new(site);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = server.clone();
            let site = site.clone();
            std::thread::spawn(move || serve(&server, &site))
        })
        .collect();
    if !site.carries_app() {
        println!("{}\n", text::NO_APP);
    }
    println!("{}", text::running(&url));
    let _ = std::io::stdout().flush();
    if open_browser {
        open_in_browser(&url);
    }
    for worker in workers {
        let _ = worker.join();
    }
    ExitCode::from(1)
}

/// Answers requests until the server stops.
fn serve(server: &tiny_http::Server, site: &Site) {
    let server_header = format!("{SERVER_NAME}/{}", version());
    while let Ok(request) = server.recv() {
        let reply = site.respond(request.method().as_str(), request.url());
        let mut response = tiny_http::Response::new(
            tiny_http::StatusCode(reply.status),
            Vec::new(),
            Cursor::new(reply.body),
            Some(reply.body.len()),
            None,
        );
        for (name, value) in reply
            .headers
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .chain([("Server", server_header.as_str())])
        {
            if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(header);
            }
        }
        // A browser that went away mid-answer is not the launcher's problem.
        let _ = request.respond(response);
    }
}

/// The version of the launcher that answers on `port`, if what answers there is one.
fn other_launcher(port: u16) -> Option<String> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    stream
        .write_all(format!("HEAD / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes())
        .ok()?;
    let mut head = Vec::new();
    let _ = stream.take(16 * 1024).read_to_end(&mut head);
    launcher_version_in(&String::from_utf8_lossy(&head))
}

/// The version in a response head's `Server: phuong-kieu-mau/<version>` line.
fn launcher_version_in(head: &str) -> Option<String> {
    head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if !name.trim().eq_ignore_ascii_case("server") {
            return None;
        }
        let rest = value.trim().strip_prefix(SERVER_NAME)?.strip_prefix('/')?;
        Some(rest.trim().to_owned())
    })
}

/// Opens `url` in the default browser, and says so if that failed.
fn open_in_browser(url: &str) {
    let mut command = if cfg!(windows) {
        let mut command = Command::new("cmd");
        command.args(["/C", "start", "", url]);
        command
    } else if cfg!(target_os = "macos") {
        let mut command = Command::new("open");
        command.arg(url);
        command
    } else {
        let mut command = Command::new("xdg-open");
        command.arg(url);
        command
    };
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            std::thread::spawn(move || {
                if !child.wait().is_ok_and(|status| status.success()) {
                    println!("{}", text::BROWSER_FAILED);
                }
            });
        }
        Err(_) => println!("{}", text::BROWSER_FAILED),
    }
}

/// On Windows, a double-clicked program's window closes as soon as it ends: wait for Enter so
/// that the message can be read.
fn pause_before_closing() {
    if cfg!(windows) && std::io::stdin().is_terminal() {
        println!("{}", text::PRESS_ENTER);
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Action, String> {
        parse_args(list.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn the_command_line_is_read() {
        assert_eq!(
            args(&[]),
            Ok(Action::Serve {
                port: DEFAULT_PORT,
                open_browser: true
            })
        );
        assert_eq!(
            args(&["--no-browser", "--port", "40000"]),
            Ok(Action::Serve {
                port: 40000,
                open_browser: false
            })
        );
        assert_eq!(args(&["--help"]), Ok(Action::Help));
        assert!(args(&["--port", "0"]).is_err());
        assert!(args(&["--port"]).is_err());
        assert!(args(&["--frobnicate"]).is_err());
    }

    #[test]
    fn another_launcher_is_recognised_by_its_server_header() {
        assert_eq!(
            launcher_version_in("HTTP/1.1 200 OK\r\nserver: phuong-kieu-mau/0.1.0+abc\r\n\r\n"),
            Some("0.1.0+abc".to_owned())
        );
        assert_eq!(
            launcher_version_in("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n\r\n"),
            None
        );
    }
}
