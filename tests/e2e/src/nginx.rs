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
    prefix: PathBuf,
}

impl Nginx {
    /// Serves `site` with the rules of `snippet` on a free port of `127.0.0.1`.
    pub fn start(site: &Path, snippet: &Path) -> Nginx {
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
        let port = crate::free_port();
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
    # deploy/nginx-site.conf without its TLS lines.
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {snippet};
    }}
}}
"#,
            prefix = prefix.display(),
            site = site.display(),
            snippet = snippet.display(),
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
            prefix,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "nginx did not listen on port {port}: {}",
                nginx.error_log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
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
