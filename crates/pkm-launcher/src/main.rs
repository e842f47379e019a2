//! `phuong-kieu-mau` (built as `pkm-launcher`, renamed by `scripts/release.sh`): serves the app it
//! carries on `http://127.0.0.1:47815/`, opens the default browser there, and prints the address
//! in Vietnamese and English. A laptop that is never online runs it from a USB stick; the fixed
//! origin keeps the browser's data between runs. The rules of each answer are in the library
//! (`pkm_launcher::Site`); this file owns the socket, the HTTP connections (hyper, on a
//! one-thread tokio runtime) and the messages' moments.

use std::convert::Infallible;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

use pkm_launcher::{DEFAULT_PORT, SERVER_NAME, Site, text, version};

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
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("phuong-kieu-mau: {error}");
            return ExitCode::from(1);
        }
    };
    if !site.carries_app() {
        println!("{}\n", text::NO_APP);
    }
    println!("{}", text::running(&url));
    let _ = std::io::stdout().flush();
    if open_browser {
        open_in_browser(&url);
    }
    let error = runtime.block_on(serve(listener, Arc::new(site)));
    eprintln!("phuong-kieu-mau: {error}");
    ExitCode::from(1)
}

/// Answers every connection until accepting fails (which it does not on loopback); returns why.
async fn serve(listener: TcpListener, site: Arc<Site>) -> std::io::Error {
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    {
        Ok(listener) => listener,
        Err(error) => return error,
    };
    let server_header = Arc::new(format!("{SERVER_NAME}/{}", version()));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file handles, say: try the next one.
            Err(error) if is_transient(&error) => continue,
            Err(error) => return error,
        };
        let site = site.clone();
        let server_header = server_header.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                let response = answer(&site, &server_header, &request);
                async move { Ok::<_, Infallible>(response) }
            });
            // A browser that went away mid-answer is not the launcher's problem.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Whether an accept error concerns one connection only.
fn is_transient(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionReset, Interrupted, WouldBlock};
    matches!(
        error.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock
    ) || error.raw_os_error() == Some(24) // EMFILE: too many open files, for a moment
}

/// The site's reply to one request, as a hyper response (hyper sends no body for HEAD).
fn answer(site: &Site, server_header: &str, request: &Request<Incoming>) -> Response<Full<Bytes>> {
    let target = request
        .uri()
        .path_and_query()
        .map_or("/", |path| path.as_str());
    let reply = site.respond(request.method().as_str(), target);
    let mut response = Response::new(Full::new(Bytes::from_static(reply.body)));
    *response.status_mut() =
        hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::OK);
    let headers = response.headers_mut();
    for (name, value) in reply
        .headers
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .chain([("Server", server_header)])
    {
        // `from_bytes` takes the names in any case (HTTP/1 sends them in lower case).
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(value),
        ) {
            headers.insert(name, value);
        }
    }
    response
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
