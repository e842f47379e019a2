//! Debian's nginx serving a release's `site/` folder with the rules the release ships
//! (`deploy/phuong-kieu-mau.conf`), as docs/deploy.md tells the province's IT staff to, on a
//! loopback port over plain HTTP (127.0.0.1 is a secure context, so the app runs as over HTTPS).
//!
//! The main configuration stands in for Debian's `/etc/nginx/nginx.conf` (the same modules and
//! `mime.types`), with its files in a folder of its own; the server block is the guide's with
//! the TLS lines left out. nginx runs in the foreground (`daemon off`) and is stopped with
//! SIGTERM, which its master passes on to its worker.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

static NEXT_PREFIX: AtomicU32 = AtomicU32::new(0);

/// A running nginx; stopped when dropped.
pub struct Nginx {
    child: Option<Child>,
    port: u16,
    /// The HTTPS port of the example site ([`Nginx::start_example_site`]).
    tls_port: Option<u16>,
    prefix: PathBuf,
}

/// A new, empty folder for one nginx's files, with the link Debian's module lines need.
fn new_prefix() -> PathBuf {
    let prefix = std::env::temp_dir().join(format!(
        "pkm-nginx-{}-{}",
        std::process::id(),
        NEXT_PREFIX.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&prefix);
    std::fs::create_dir_all(&prefix).expect("nginx's folder can be created");
    // Debian's module lines (/etc/nginx/modules-enabled) name `modules/…` below the prefix,
    // as /usr/share/nginx/modules links to the modules there.
    std::os::unix::fs::symlink("/usr/lib/nginx/modules", prefix.join("modules"))
        .expect("the modules link can be made");
    prefix
}

impl Nginx {
    /// Serves `site` with the rules of `snippet` on a free port of `127.0.0.1`.
    pub fn start(site: &Path, snippet: &Path) -> Nginx {
        let prefix = new_prefix();
        let port = crate::free_port();
        // deploy/nginx-site.conf without its TLS lines.
        let server = format!(
            "server {{\n        listen 127.0.0.1:{port};\n        root {site};\n        include {snippet};\n    }}",
            site = site.display(),
            snippet = snippet.display(),
        );
        Nginx::launch(prefix, port, None, &server)
    }

    /// Serves the release unpacked at `release` with its example site, `deploy/nginx-site.conf`,
    /// as the guide says to install it: only the lines it marks CHANGE are changed (a certificate
    /// made here with openssl, the release's folder), its snippet included from the release
    /// rather than `/etc/nginx/snippets/`, and its ports 443 and 80 moved to free loopback
    /// ports. Panics when a line the guide names is not in the file.
    pub fn start_example_site(release: &Path) -> Nginx {
        let prefix = new_prefix();
        let (tls, plain) = (crate::free_port(), crate::free_port());
        let (cert, key) = (prefix.join("fullchain.pem"), prefix.join("privkey.pem"));
        let made = Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ])
            .args(["-nodes", "-days", "2", "-subj", "/CN=pkm.congan.example"])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .output()
            .expect("openssl runs (scripts/setup.sh installs it)");
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let text = std::fs::read_to_string(release.join("deploy/nginx-site.conf"))
            .expect("the release ships deploy/nginx-site.conf");
        let edits = [
            (
                "listen 443 ssl http2;".to_owned(),
                format!("listen 127.0.0.1:{tls} ssl http2;"),
            ),
            ("listen [::]:443 ssl http2;".to_owned(), String::new()),
            (
                "listen 80;".to_owned(),
                format!("listen 127.0.0.1:{plain};"),
            ),
            ("listen [::]:80;".to_owned(), String::new()),
            (
                "ssl_certificate     /etc/ssl/pkm/fullchain.pem;".to_owned(),
                format!("ssl_certificate {};", cert.display()),
            ),
            (
                "ssl_certificate_key /etc/ssl/pkm/privkey.pem;".to_owned(),
                format!("ssl_certificate_key {};", key.display()),
            ),
            (
                "root /srv/phuong-kieu-mau/current/site;".to_owned(),
                format!("root {};", release.join("site").display()),
            ),
            (
                "include /etc/nginx/snippets/phuong-kieu-mau.conf;".to_owned(),
                format!(
                    "include {};",
                    release.join("deploy/phuong-kieu-mau.conf").display()
                ),
            ),
        ];
        let mut servers = text;
        for (from, to) in &edits {
            assert_eq!(
                servers.matches(from.as_str()).count(),
                1,
                "deploy/nginx-site.conf has `{from}` once"
            );
            servers = servers.replace(from.as_str(), to);
        }
        Nginx::launch(prefix, plain, Some(tls), &servers)
    }

    /// Writes the main configuration around `servers`, checks it with `nginx -t`, starts nginx
    /// and waits until it listens on `port` (and on `tls_port`).
    fn launch(prefix: PathBuf, port: u16, tls_port: Option<u16>, servers: &str) -> Nginx {
        let config = format!(
            r#"# As Debian's /etc/nginx/nginx.conf, with this test's own files.
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
include /etc/nginx/modules-enabled/*.conf;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    {servers}
}}
"#,
            prefix = prefix.display(),
        );
        let config_path = prefix.join("nginx.conf");
        std::fs::write(&config_path, config).expect("nginx.conf can be written");
        let binary = std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into());
        let check = Command::new(&binary)
            .arg("-t")
            .arg("-p")
            .arg(&prefix)
            .arg("-c")
            .arg(&config_path)
            .output()
            .unwrap_or_else(|error| {
                panic!("cannot run {binary} ({error}): scripts/test-release.sh installs it")
            });
        assert!(
            check.status.success(),
            "nginx refuses the configuration: {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let child = Command::new(&binary)
            .arg("-p")
            .arg(&prefix)
            .arg("-c")
            .arg(&config_path)
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx starts");
        let nginx = Nginx {
            child: Some(child),
            port,
            tls_port,
            prefix,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        for port in std::iter::once(port).chain(tls_port) {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "nginx did not listen on port {port}: {}",
                    nginx.error_log()
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        nginx
    }

    /// Sends `GET path` over HTTPS (to the example site's TLS port, through `openssl s_client`,
    /// the certificate not checked: it was made by [`Nginx::start_example_site`]) and reads the
    /// response.
    pub fn fetch_tls(&self, path: &str) -> crate::http::Response {
        let port = self.tls_port.expect("started with start_example_site");
        let mut client = Command::new("openssl")
            .args([
                "s_client",
                "-quiet",
                "-ign_eof",
                "-servername",
                "pkm.congan.example",
            ])
            .args(["-connect", &format!("127.0.0.1:{port}")])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl runs");
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: pkm.congan.example\r\nConnection: close\r\n\r\n");
        std::io::Write::write_all(
            client.stdin.as_mut().expect("its input"),
            request.as_bytes(),
        )
        .expect("the request is sent");
        let stdout = client.stdout.take().expect("its output");
        let response = crate::http::read_response(std::io::BufReader::new(stdout), false)
            .expect("an HTTPS response");
        let _ = client.kill();
        let _ = client.wait();
        response
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// What nginx wrote to its error log so far.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.prefix.join("error.log")).unwrap_or_default()
    }

    /// Stops nginx (SIGTERM to its master, which stops its worker) and waits until it is gone.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            if Instant::now() > deadline {
                crate::processes::kill_tree(child.id());
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.prefix);
    }
}
