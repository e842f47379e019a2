//! Chromium's own record of its network activity: the JSON written with `--log-net-log=FILE`
//! (every URL request of the browser, its pages and their service workers), read back as the list
//! of requests it started, each with who started it.
//!
//! Chromium says who started a request in `initiator`: the origin of the page or worker that
//! asked for it, or `not an origin` when the browser itself did (a navigation typed or driven
//! from outside the page, or one of the browser's own services).

use std::path::Path;

use serde_json::Value;

/// One request as the net log records its start (`URL_REQUEST_START_JOB`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlRequest {
    /// The URL.
    pub url: String,
    /// The origin of the page or worker that started it; `None` when the browser did.
    pub initiator: Option<String>,
    /// `GET`, `POST`, …
    pub method: String,
    /// `main frame`, `sub frame` or `other`.
    pub request_type: String,
    /// The network isolation key (the top-level site and the frame's site).
    pub isolation_key: String,
}

impl UrlRequest {
    /// Whether a page or a worker started it (rather than the browser itself).
    pub fn started_by_content(&self) -> bool {
        self.initiator.is_some()
    }
}

/// A net log's requests, and how many events it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NetLog {
    /// Every request started, in order.
    pub requests: Vec<UrlRequest>,
    /// How many events the log holds.
    pub events: usize,
}

/// Reads a net log; one cut short (the browser was killed) is closed before parsing.
pub fn read(path: &Path) -> Result<NetLog, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(_) => {
            let cut = text.trim_end().trim_end_matches(',');
            serde_json::from_str(&format!("{cut}]}}"))
                .map_err(|e| format!("{}: not a net log ({e})", path.display()))?
        }
    };
    let start = value["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .ok_or_else(|| format!("{}: no event type table", path.display()))?;
    let events = value["events"]
        .as_array()
        .ok_or_else(|| format!("{}: no events", path.display()))?;
    let text = |params: &Value, key: &str| params[key].as_str().unwrap_or_default().to_owned();
    let requests = events
        .iter()
        .filter(|event| event["type"].as_u64() == Some(start))
        .map(|event| {
            let params = &event["params"];
            let initiator = text(params, "initiator");
            UrlRequest {
                url: text(params, "url"),
                initiator: (!initiator.is_empty() && initiator != "not an origin")
                    .then_some(initiator),
                method: text(params, "method"),
                request_type: text(params, "request_type"),
                isolation_key: text(params, "network_isolation_key"),
            }
        })
        .collect();
    Ok(NetLog {
        requests,
        events: events.len(),
    })
}

/// The origin of `url` (`scheme://host:port`), or `None` for URLs without one (`data:`,
/// `about:`); a `blob:` URL has the origin it was made in.
pub fn origin_of(url: &str) -> Option<String> {
    let url = url.strip_prefix("blob:").unwrap_or(url);
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    Some(format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_from_urls() {
        assert_eq!(
            origin_of("http://127.0.0.1:4000/phuong?x=1"),
            Some("http://127.0.0.1:4000".into())
        );
        assert_eq!(
            origin_of("blob:http://127.0.0.1:4000/9a1c"),
            Some("http://127.0.0.1:4000".into())
        );
        assert_eq!(origin_of("data:text/plain,hi"), None);
    }

    #[test]
    fn a_log_cut_short_is_still_read_with_who_started_each_request() {
        let path = std::env::temp_dir().join(format!("pkm-netlog-{}.json", std::process::id()));
        std::fs::write(
            &path,
            "{\"constants\": {\"logEventTypes\": {\"URL_REQUEST_START_JOB\": 7}},\n\"events\": [\n\
             {\"type\": 7, \"params\": {\"url\": \"http://127.0.0.1:9/a.css\", \"initiator\": \"http://127.0.0.1:9\", \"method\": \"GET\", \"request_type\": \"other\"}},\n\
             {\"type\": 3, \"params\": {\"url\": \"http://127.0.0.1:9/ignored\"}},\n\
             {\"type\": 7, \"params\": {\"url\": \"https://update.example/\", \"initiator\": \"not an origin\", \"method\": \"POST\"}},\n",
        )
        .unwrap();
        let log = read(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        assert_eq!(log.events, 3);
        assert_eq!(log.requests.len(), 2);
        assert!(log.requests[0].started_by_content());
        assert_eq!(
            log.requests[0].initiator.as_deref(),
            Some("http://127.0.0.1:9")
        );
        assert!(!log.requests[1].started_by_content());
        assert_eq!(log.requests[1].method, "POST");
    }
}
